"""Binds features/names_and_errors.feature to the shared steps in conftest.py, and to the
steps below: the order of a listing, and the web service's answer to an ambiguous name."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pytest_bdd import parsers, scenarios, then, when

from mla_rules.web import app

scenarios("names_and_errors.feature")


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


@pytest.fixture()
def web() -> dict[str, Any]:
    return {}


@then(parsers.re(r'the output lists (?P<names>.+) in that order'))
def _in_order(world: Any, names: str) -> None:
    wanted = [n.strip().strip('"') for n in names.replace(" and ", ", ").split(", ")]
    positions = [world.stdout.find(f"  {n} ") for n in wanted]
    assert -1 not in positions, (wanted, positions)
    assert positions == sorted(positions), (wanted, positions)


@when(parsers.parse('the JSON API is asked "{path}"'))
@when(parsers.parse('the Ask page is opened at "{path}"'))
def _get(client: TestClient, web: dict[str, Any], path: str) -> None:
    web["response"] = client.get(path)


@then(parsers.parse('it answers {status:d} with the candidates "{codes}"'))
def _candidates(web: dict[str, Any], status: int, codes: str) -> None:
    response = web["response"]
    assert response.status_code == status, response.text
    body = response.json()
    assert [c["code"] for c in body["candidates"]] == codes.split(", "), body
    assert body["error"] and body["hint"], body


@then(parsers.parse('it answers {status:d} with a link to "{href}"'))
def _link(web: dict[str, Any], status: int, href: str) -> None:
    response = web["response"]
    assert response.status_code == status, response.text
    assert f'href="{href}"' in response.text, response.text
    assert "Traceback" not in response.text
