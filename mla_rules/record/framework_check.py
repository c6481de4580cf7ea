"""`mla facts check` for the framework beside the Convention: the catalogue
(instruments.yaml), each instrument's parties (parties/<id>.csv, every row checked and every
problem reported with its line), and whether the generated index is up to date."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from mla_rules.errors import DataError
from mla_rules.record.framework import COLUMNS, load_catalogue, party_event, read_header
from mla_rules.record.index import INDEX, is_current
from mla_rules.record.names import StateIndex
from mla_rules.record.yamllines import Problem


def _problem(e: DataError, file: str) -> Problem:
    where, _, rest = e.where.partition(":")
    line = int(rest.split(" ")[0]) if rest[:1].isdigit() else None
    message = e.message.removeprefix(f"{e.where}: ")
    return Problem(file, line, message if line else f"{e.where}: {message}", e.hint)


def check_framework(facts: Path, sources: dict[str, Any], states: StateIndex
                    ) -> list[Problem]:
    problems: list[Problem] = []
    if not (facts / "instruments.yaml").is_file():
        return [Problem(f"{facts}/instruments.yaml", None, "missing: the catalogue of "
                        "instruments", "Copy the shipped facts/instruments.yaml.")]
    try:
        catalogue = load_catalogue(facts / "instruments.yaml", sources, states)
    except DataError as e:
        return [_problem(e, f"{facts}/instruments.yaml")]
    for path in sorted((facts / "parties").glob("*.csv")):
        file = f"{facts}/parties/{path.name}"
        instrument = catalogue.get(path.stem)
        if instrument is None or instrument.convention:
            problems.append(Problem(file, None, f"no instrument {path.stem!r} in "
                                    f"instruments.yaml", "Name the file after an id of the "
                                    "catalogue (`mla instruments`)."))
            continue
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except UnicodeDecodeError:
            problems.append(Problem(file, None, "is not UTF-8 text"))
            continue
        header, skip = read_header(lines)
        own: dict[str, Any] = {f"{instrument.id}/{v.split()[0]}": {}
                               for v in header.get("source", []) if v.split()}
        rows = csv.reader(lines[skip:])
        if tuple(next(rows, ())) != COLUMNS:
            problems.append(Problem(file, skip + 1, f"the header row must be "
                                    f"{','.join(COLUMNS)}"))
            continue
        for number, row in enumerate(rows, skip + 2):
            if len(row) != len(COLUMNS):
                problems.append(Problem(file, number, f"expected {len(COLUMNS)} columns, "
                                        f"got {len(row)}"))
                continue
            try:
                party_event(instrument, dict(zip(COLUMNS, row, strict=True)),
                            f"{file}:{number}", states, {**sources, **own},
                            require_source=True)
            except DataError as e:
                problems.append(_problem(e, file))
    return problems


def index_note(facts: Path) -> str | None:
    """A reminder when the generated index no longer matches the facts (not a problem in the
    facts: the commands then read the files, more slowly)."""
    if (facts / INDEX).exists() and not is_current(facts):
        return (f"{facts}/{INDEX} is out of date: run `mla facts index {facts}` (until then "
                f"the commands read the files, more slowly).")
    return None
