"""The record's generated index, facts/index.json: the whole checked record (the Convention's
events and parameters, the crimes, the catalogue and every instrument's parties) as JSON,
with a digest of the files it was made from.

Parsing the YAML and CSV files at every start costs more than the start-up budget of
`mla can-request`; reading the index costs a few milliseconds. The index is used only when its
digest matches the files, so an edited facts directory is never answered from a stale index
(it is then read from its files, and `mla facts check` says to run `mla facts index`).
tests/test_index.py checks that the shipped index is up to date and gives the same record.
"""

from __future__ import annotations

import json
import zlib
from pathlib import Path
from typing import Any

INDEX = "index.json"
VERSION = 1


def inputs(facts: Path) -> list[Path]:
    """The files the record is loaded from (not states.json, which has its own generator)."""
    names = ["sources.yaml", "convention.yaml", "crimes.yaml", "events.yaml",
             "practical-notes.yaml", "instruments.yaml"]
    files = [facts / n for n in names if (facts / n).is_file()]
    return files + sorted((facts / "parties").glob("*.csv"))


def digest(facts: Path) -> str:
    """A checksum of the input files, names and contents (CRC-32: enough to tell that a file
    changed, and cheaper to import than hashlib at every start)."""
    crc = 0
    for path in inputs(facts):
        crc = zlib.crc32(str(path.relative_to(facts)).encode() + b"\0", crc)
        crc = zlib.crc32(path.read_bytes() + b"\0", crc)
    return f"crc32:{crc:08x}"


def _plain(value: Any) -> Any:
    if hasattr(value, "_asdict"):
        return {k: _plain(v) for k, v in value._asdict().items()}
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def write_index(facts: Path, record: Any) -> Path:
    """Write the index of `record`, loaded from `facts` with every check
    (record.load_record_files)."""
    doc = {"version": VERSION, "digest": digest(facts),
           "record": {k: _plain(v) for k, v in record._asdict().items()
                      if k not in ("states", "scenarios")}}
    path = facts / INDEX
    path.write_text(json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n",
                    encoding="utf-8")
    return path


def is_current(facts: Path) -> bool:
    try:
        doc = json.loads((facts / INDEX).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(doc, dict) and doc.get("version") == VERSION and \
        doc.get("digest") == digest(facts)


def read_index(facts: Path) -> dict[str, Any] | None:
    """The indexed record's fields, or None when there is no index or it is out of date."""
    try:
        doc = json.loads((facts / INDEX).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(doc, dict) or doc.get("version") != VERSION or \
            doc.get("digest") != digest(facts):
        return None
    record = doc.get("record")
    return record if isinstance(record, dict) else None
