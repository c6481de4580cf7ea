"""`mla facts check` for the framework beside the Convention: the catalogue
(instruments.yaml), each instrument's parties (parties/<id>.csv, every row checked and every
problem reported with its line), and whether the generated index is up to date."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from mla_rules.errors import DataError
from mla_rules.record.framework import (
    COLUMNS,
    header_sources,
    load_catalogue,
    party_event,
    read_header,
)
from mla_rules.record.index import INDEX, is_current
from mla_rules.record.limits import DATA_LIMIT, read_limited
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
            lines = read_limited(path, DATA_LIMIT, file).decode("utf-8").splitlines()
        except UnicodeDecodeError:
            problems.append(Problem(file, None, "is not UTF-8 text"))
            continue
        except DataError as e:
            problems.append(Problem(file, None, e.message))
            continue
        header, skip = read_header(lines)
        try:
            own = header_sources(instrument.id, header, file)
        except DataError as e:
            problems.append(_problem(e, file))
            continue
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


def check_index(facts: Path) -> list[Problem]:
    """The index must say what the files say: when its digest matches the files (so the
    commands read it instead of them), rebuild the record from the files and compare. A
    digest proves that the files did not change; only the comparison proves that the index
    was not edited or damaged."""

    path = facts / INDEX
    if not path.exists() or not is_current(facts):
        return []
    from mla_rules.record.index import first_difference, load_index, plain_record
    from mla_rules.record.record import load_record_files

    label = f"{facts.name}/{INDEX}"
    try:
        indexed = load_index(path).get("record")
        rebuilt = plain_record(load_record_files(facts))
    except DataError:
        return []  # the files' own problems are reported by the checks above
    except (OSError, ValueError, AttributeError) as e:
        return [Problem(label, None, f"cannot be read: {e}",
                        f"Run `mla facts index {facts}` to rebuild it.")]
    difference = first_difference(indexed, rebuilt)
    if difference is None:
        return []
    return [Problem(label, None, f"does not say what the files say ({difference}); its digest "
                                 f"matches the files, so every command would answer from it",
                    f"Run `mla facts index {facts}` to rebuild it from the files.")]


def check_listings(facts: Path, states: StateIndex) -> tuple[list[Problem], list[str]]:
    """The listings (facts/listings/*.tsv) validated as `mla facts import` validates them:
    the rows it would refuse, as problems, and the conflicts between sources (two sources
    giving different facts for the same act), each with the source that governs."""
    from mla_rules.record.importer import load_names, read_objections, validate
    from mla_rules.record.importers import tsv

    problems: list[Problem] = []
    conflicts: list[str] = []
    listings = facts / "listings"
    if not listings.is_dir():
        return problems, conflicts
    try:
        names = load_names(listings / "names.yaml")
        objections = read_objections(listings / "objections.yaml")
    except DataError as e:
        return [_problem(e, f"{facts.name}/listings")], conflicts
    for path in sorted(listings.glob("*.tsv")):
        file = f"{facts.name}/listings/{path.name}"
        try:
            listing = tsv.parse(path)
            iid = (listing.header.get("instrument") or [""])[0]
            checked = validate(listing, states, names, objections, iid, file)
        except DataError as e:
            problems.append(_problem(e, file))
            continue
        problems += [Problem(file, b.line, f"({b.participant}) {b.why}") for b in checked.bad]
        conflicts += [f"{file}: {c}" for c in checked.conflicts]
    return problems, conflicts
