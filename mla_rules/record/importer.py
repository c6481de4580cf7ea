"""`mla facts import`: a status table as found (facts/listings/<id>.tsv, see FORMAT.md there)
becomes an instrument's parties file (facts/parties/<id>.csv) that the record loads.

The importer maps the source's spellings of States to ISO codes (the names index, plus the
maintainers' spellings in facts/listings/names.yaml), turns actions into event types, keeps
every source and note, marks rows whose note starts with "UNVERIFIED" as unverified, and says
what it could not import and why. It never guesses a date: a row without one is left out.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any, NamedTuple

from mla_rules.errors import DataError, UsageError
from mla_rules.record import yamlfile
from mla_rules.record.dates import is_iso
from mla_rules.record.framework import COLUMNS, DEPOSITS, PARTY_TYPES, read_header
from mla_rules.record.names import StateIndex, normalise

LISTING_COLUMNS = ("participant", "action", "date", "effective", "other", "source", "note")
SKIP = "skip"


class Skipped(NamedTuple):
    line: int
    participant: str
    why: str


class Imported(NamedTuple):
    instrument: str
    path: Path
    rows: int
    states: int
    skipped: list[Skipped]


def load_names(path: Path) -> dict[str, str]:
    """Source spellings -> ISO alpha-3 code, or `skip: <why>` for predecessor States and
    territories (facts/listings/names.yaml)."""
    if not path.is_file():
        return {}
    doc = yamlfile.load(path, f"listings/{path.name}") or {}
    if not isinstance(doc, dict):
        raise DataError(f"listings/{path.name}", "must map spellings to ISO codes")
    return {normalise(str(k)): str(v) for k, v in doc.items()}


def _resolve(name: str, states: StateIndex, names: dict[str, str]) -> str | None:
    """The ISO code of a spelling; None when names.yaml says to skip it."""
    alias = names.get(normalise(name))
    if alias is not None:
        return None if alias.startswith(SKIP) else states.resolve(alias).alpha_3
    return states.resolve(name).alpha_3


def import_listing(listing: Path, facts: Path, states: StateIndex) -> Imported:
    label = str(listing)
    try:
        text = listing.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise UsageError(f"cannot read {listing}: {e}") from None
    lines = text.splitlines()
    header, skip = read_header(lines)
    instrument = (header.get("instrument") or [""])[0]
    if not instrument:
        raise DataError(label, "has no `# instrument: <id>` line")
    known = {str(i.get("id")) for i in (yamlfile.load(facts / "instruments.yaml",
                                                      "instruments.yaml") or {}).get(
        "instruments", []) if isinstance(i, dict)}
    if instrument not in known:
        raise DataError(label, f"unknown instrument {instrument!r}",
                        f"Known instruments: {', '.join(sorted(known))}.")
    sources = [s.split()[0] for s in header.get("source", []) if s.split()]
    if not sources:
        raise DataError(label, "has no `# source:` line", "Every row needs a source.")
    names = load_names(facts / "listings" / "names.yaml")
    reader = csv.reader(lines[skip:], delimiter="\t")
    columns = tuple(next(reader, ()))
    if columns[:len(LISTING_COLUMNS)] != LISTING_COLUMNS:
        raise DataError(f"{label}:{skip + 1}",
                        f"the header row must be {' '.join(LISTING_COLUMNS)} (tab-separated)")
    rows: dict[tuple[str, ...], dict[str, str]] = {}
    skipped: list[Skipped] = []
    for number, raw in enumerate(reader, skip + 2):
        if not any(cell.strip() for cell in raw):
            continue
        v = dict(zip(columns, (c.strip() for c in raw), strict=False))
        participant = v.get("participant", "")
        try:
            state = _resolve(participant, states, names)
            other = _resolve(v["other"], states, names) if v.get("other") else ""
        except UsageError as e:
            skipped.append(Skipped(number, participant, f"{e.message}; add the spelling to "
                                                        f"facts/listings/names.yaml"))
            continue
        if state is None or other is None:
            skipped.append(Skipped(number, participant, "a predecessor State or a territory "
                                                        "(names.yaml)"))
            continue
        action = v.get("action", "")
        if action not in PARTY_TYPES:
            skipped.append(Skipped(number, participant, f"unknown action {action!r}"))
            continue
        if action.startswith("objection") and not other:
            skipped.append(Skipped(number, participant, "an objection that names no State "
                                                        "(kept in the listing as a note)"))
            continue
        effective = v.get("effective", "")
        if not v.get("date") and action in DEPOSITS and is_iso(effective):
            # The source gives only the date of entry into force for the State: record that,
            # not a deposit on a date no source gives.
            action, v["date"], effective = "in-force", effective, ""
        if not is_iso(v.get("date", "")):
            skipped.append(Skipped(number, participant, "no date in the source"))
            continue
        if effective and not is_iso(effective):
            skipped.append(Skipped(number, participant, f"effective {effective!r} is not a "
                                                        f"date"))
            continue
        source = v.get("source") or sources[0]
        if source not in sources:
            skipped.append(Skipped(number, participant, f"source {source!r} has no "
                                                        f"`# source:` line"))
            continue
        note = v.get("note", "")
        status = "unverified" if "UNVERIFIED" in note.upper() else "confirmed"
        row = {"state": state, "type": action, "date": v["date"], "effective": effective,
               "other": other, "acts_before": v.get("acts_before", ""), "status": status,
               "source": source, "note": note}
        rows.setdefault((state, action, v["date"], other), row)
    out = facts / "parties" / f"{instrument}.csv"
    buffer = io.StringIO()
    buffer.write(f"# instrument: {instrument}\n")
    buffer.write(f"# imported: from listings/{listing.name} by `mla facts import`; do not "
                 f"edit by hand, edit the listing and import again\n")
    for field in ("as_of", "source", "note"):
        for value in header.get(field, []):
            buffer.write(f"# {field}: {value}\n")
    writer = csv.DictWriter(buffer, COLUMNS, lineterminator="\n")
    writer.writeheader()
    for key in sorted(rows, key=lambda k: (k[0], rows[k]["date"], k[1], k[3])):
        writer.writerow(rows[key])
    out.parent.mkdir(exist_ok=True)
    out.write_text(buffer.getvalue(), encoding="utf-8")
    return Imported(instrument, out, len(rows), len({k[0] for k in rows}), skipped)


def summary(result: Imported) -> dict[str, Any]:
    return {"instrument": result.instrument, "written": str(result.path), "rows": result.rows,
            "states": result.states,
            "skipped": [{"line": s.line, "participant": s.participant, "why": s.why}
                        for s in result.skipped]}
