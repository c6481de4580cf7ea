"""Binds features/network.feature; the few steps only it needs are defined here."""

from __future__ import annotations

import json

from pytest_bdd import parsers, scenarios, then

scenarios("network.feature")


@then(parsers.parse("the CSV lists {count:d} relations"))
def _csv_rows(world: object, count: int) -> None:
    lines = world.stdout.strip().splitlines()  # type: ignore[attr-defined]
    assert lines[0] == "requesting,requested,crime,kind"
    assert len(lines) - 1 == count, lines


@then(parsers.parse("the JSON lists {count:d} {change} relations"))
def _json_rows(world: object, count: int, change: str) -> None:
    data = json.loads(world.stdout)  # type: ignore[attr-defined]
    assert len(data[change]) == count, data[change]


@then(parsers.parse('the output does not say "{text}"'))
def _not_in_output(world: object, text: str) -> None:
    assert text not in world.stdout  # type: ignore[attr-defined]
