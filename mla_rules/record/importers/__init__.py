"""The importers family: one module per source format, each turning a file into the same
rows (`Row`), which record/importer.py validates and writes with record/safe_write.py.

- `untc_xml`: the UN Treaty Collection's status XML (MTDSG), the depositary's own data;
- `ohchr_xls`: OHCHR's "Underlying data" Excel export of ratification status;
- `tsv`: the listings in facts/listings/ (facts/listings/FORMAT.md), as typed or written by an
  import.

The XML and Excel libraries (lxml, xlrd) are imported by these modules only, and these modules
only by `mla facts import`: never on a question's path.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import NamedTuple

from mla_rules.errors import UsageError
from mla_rules.record.framework import RANKS

FORMATS = ("untc-xml", "ohchr-xls", "tsv")
__all__ = ["FORMATS", "RANKS"]


class Row(NamedTuple):
    """One recorded action, as a listing holds it (names as the source writes them)."""
    participant: str
    action: str
    date: str = ""
    effective: str = ""
    other: str = ""
    source: str = ""  # a source id of the listing; "" is its first source
    note: str = ""
    acts_before: str = ""
    line: int = 0  # the row's line in the listing (0 before it is written)


class Source(NamedTuple):
    id: str
    url: str
    title: str
    rank: str  # one of RANKS
    as_of: str  # ISO date: the file's own as-of date, or the latest date it shows
    checksum: str  # sha256:<hex> of the file as read
    file: str  # the file's name


class Objection(NamedTuple):
    """An objection as the source gives it, with the effect the importer proposes; a person
    decides the effect (facts/listings/objections.yaml)."""
    objector: str  # as the source writes it
    date: str  # ISO, or "" when made upon ratification, accession or succession
    text: str
    proposed: str  # precluding | not-precluding
    why: str  # the words the proposal rests on
    concerns: tuple[str, ...]  # States the text names (the reserving States it may concern)


class Parsed(NamedTuple):
    format: str
    title: str  # the instrument's title as the file gives it
    source: Source
    rows: list[Row]
    objections: list[Objection]
    unread: list[str]  # what the file held that could not be read or is not imported
    notes: list[str]  # notes on the whole instrument (listing header `# note:` lines)
    errors: list[tuple[str, str]] = []  # (participant, what is wrong): fails the import


def checksum(data: bytes) -> str:
    return f"sha256:{hashlib.sha256(data).hexdigest()}"


def detect(path: Path) -> str:
    """The format of a file, from its first bytes (not its name)."""
    try:
        with path.open("rb") as f:
            head = f.read(512)
    except OSError as e:
        raise UsageError(f"cannot read {path}: {e.strerror or e}") from None
    if head.startswith(b"\xd0\xcf\x11\xe0") or head.startswith(b"PK\x03\x04"):
        return "ohchr-xls"
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"<"):
        return "untc-xml"
    if stripped.startswith(b"#") or b"\t" in head:
        return "tsv"
    raise UsageError(f"cannot tell the format of {path}",
                     "Give --format untc-xml (UN Treaty Collection status XML), ohchr-xls "
                     "(OHCHR Excel export) or tsv (a listing, facts/listings/FORMAT.md).")


def read_bytes(path: Path, limit: int | None = None) -> bytes:
    """A source file's bytes; a file larger than any status table (or endless, like
    /dev/zero) is refused rather than read until memory runs out."""
    from mla_rules.record.yamlfile import DATA_LIMIT, read_limited

    return read_limited(path, DATA_LIMIT if limit is None else limit, str(path))
