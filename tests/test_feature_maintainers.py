"""Binds features/maintainers.feature: `mla facts check` in a maintainer's words.

The steps that edit a copy of the facts directory live here, not in conftest.py: only this
feature needs them. The shipped facts/ are copied, never edited.
"""

from __future__ import annotations

import re
from typing import Any

from pytest_bdd import given, parsers, scenarios, then

scenarios("maintainers.feature")


@given(parsers.parse('the maintainer adds this event to the events of "{name}":'))
def _add_event(world: Any, name: str, docstring: str) -> None:
    """Append one event (a YAML flow mapping) at the end of events.yaml; remember its line."""
    path = world.files[name] / "events.yaml"
    text = path.read_text(encoding="utf-8")
    if not text.endswith("\n"):
        text += "\n"
    line = text.count("\n") + 1
    path.write_text(text + f"  - {docstring.strip()}\n", encoding="utf-8")
    world.added = (f"{name}/events.yaml", line)


@given(parsers.parse('the maintainer sets the record of "{name}" as of {date}'))
def _as_of(world: Any, name: str, date: str) -> None:
    path = world.files[name] / "events.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"(?m)^record_as_of: .*$", f"record_as_of: {date}", text),
                    encoding="utf-8")


@given(parsers.parse('the maintainer appends to {file} of "{name}":'))
def _append(world: Any, file: str, name: str, docstring: str) -> None:
    path = world.files[name] / file
    path.write_text(path.read_text(encoding="utf-8") + docstring + "\n", encoding="utf-8")


@then(parsers.parse('the check reports at the added event: "{problem}"'))
def _reported_at(world: Any, problem: str) -> None:
    """The problem is on the output, with the file and the line of the added event."""
    file, line = world.added
    stdout: str = world.stdout
    lines = [x for x in stdout.splitlines() if x.startswith(f"{file}:{line}: ")]
    assert any(problem in x for x in lines), stdout
