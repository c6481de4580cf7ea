"""Binds features/gap.feature; the one step only it needs is defined here."""

from __future__ import annotations

from typing import Any

from pytest_bdd import parsers, scenarios, then

scenarios("gap.feature")


@then(parsers.parse('the CSV has the row "{row}"'))
def _csv_row(world: Any, row: str) -> None:
    """An exact line of the CSV (a pair with no basis ends with an empty `bases`)."""
    assert row in world.stdout.splitlines(), row
