"""The listings in facts/listings/<id>.tsv (the format is in facts/listings/FORMAT.md): a
status table as found, transcribed by a maintainer or written by an import from a
depositary's file, with `# key: value` header lines and one tab-separated row per action."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import NamedTuple

from mla_rules.errors import DataError
from mla_rules.record.framework import read_header
from mla_rules.record.importers import Row, read_bytes

COLUMNS = ("participant", "action", "date", "effective", "other", "source", "note")
OPTIONAL = ("acts_before",)


class Listing(NamedTuple):
    path: Path
    header: dict[str, list[str]]
    header_lines: list[str]
    columns: tuple[str, ...]
    rows: list[Row]


def parse(path: Path) -> Listing:
    label = str(path)
    try:
        text = read_bytes(path).decode("utf-8")
    except UnicodeDecodeError as e:
        raise DataError(label, f"is not UTF-8 text ({e.reason} at byte {e.start})") from None
    return parse_text(text, path)


def parse_text(text: str, path: Path) -> Listing:
    label = str(path)
    lines = text.splitlines()
    header, skip = read_header(lines)
    reader = csv.reader(lines[skip:], delimiter="\t", quoting=csv.QUOTE_NONE)
    columns = tuple(c.strip() for c in next(reader, ()))
    if columns[:len(COLUMNS)] != COLUMNS or any(c not in OPTIONAL
                                               for c in columns[len(COLUMNS):]):
        raise DataError(f"{label}:{skip + 1}",
                        f"the header row must be {' '.join(COLUMNS)} [acts_before] "
                        f"(tab-separated), got {' '.join(columns) or 'nothing'}")
    rows = []
    for number, raw in enumerate(reader, skip + 2):
        if not any(cell.strip() for cell in raw):
            continue
        if len(raw) > len(columns):
            raise DataError(f"{label}:{number}", f"{len(raw)} cells for {len(columns)} "
                                                 f"columns (a tab inside a note?)")
        v = dict(zip(columns, (c.strip() for c in raw), strict=False))
        rows.append(Row(v.get("participant", ""), v.get("action", ""), v.get("date", ""),
                        v.get("effective", ""), v.get("other", ""), v.get("source", ""),
                        v.get("note", ""), v.get("acts_before", ""), number))
    return Listing(path, header, lines[:skip], columns, rows)


def cell(value: str) -> str:
    """A value fit for one cell of a listing: one line, no tabs."""
    return " ".join(value.split())


def render(header_lines: list[str], rows: list[Row]) -> str:
    """A listing's text: its header lines, the header row, one line per row."""
    has_acts = any(r.acts_before for r in rows)
    columns = COLUMNS + (OPTIONAL if has_acts else ())
    out = [*header_lines, "\t".join(columns)]
    for r in rows:
        values = [r.participant, r.action, r.date, r.effective, r.other, r.source, r.note]
        if has_acts:
            values.append(r.acts_before)
        out.append("\t".join(cell(v) for v in values))
    return "\n".join(out) + "\n"
