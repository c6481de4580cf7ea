"""Binds features/scenarios.feature to the shared steps in conftest.py; the steps only its
what-if comparisons need are defined here."""

from __future__ import annotations

import json

from pytest_bdd import parsers, scenarios, then

scenarios("scenarios.feature")


@then(parsers.parse('the explanation of "{relation}" says "{text}"'))
def _explained(world: object, relation: str, text: str) -> None:
    out = world.stdout  # type: ignore[attr-defined]
    head = f"\n== {relation}\n"
    assert head in out, out
    block = out.split(head, 1)[1].split("\n== ", 1)[0]
    assert text in block, block


@then(parsers.parse('the JSON note says "{text}"'))
def _note(world: object, text: str) -> None:
    note = json.loads(world.stdout)["note"]  # type: ignore[attr-defined]
    assert note and text in note, note
