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

from mla_rules.errors import DataError
from mla_rules.record.limits import DATA_LIMIT, read_limited

INDEX = "index.json"
VERSION = 3  # 2: the instruments' events as rows, their `where` as a line number; 3: the rows
# of each State as one JSON text, decoded only for the States a question is about


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
        crc = zlib.crc32(read_limited(path, DATA_LIMIT) + b"\0", crc)
    return f"crc32:{crc:08x}"


def _plain(value: Any) -> Any:
    if hasattr(value, "_asdict"):
        return {k: _plain(v) for k, v in value._asdict().items()}
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def plain_record(record: Any) -> dict[str, Any]:
    """The record's fields as the index holds them (JSON types, ISO dates). The instruments'
    events, most of the index, are rows (the fields of framework.PartyEvent in order), a row's
    `where` its line in facts/parties/<instrument>.csv: a third smaller, and faster to read."""
    out = {k: _plain(v) for k, v in record._asdict().items()
           if k not in ("states", "scenarios", "framework")}
    fw = record.framework
    if fw is not None:
        from mla_rules.record.framework import event_row, is_shared

        shared: list[list[Any]] = []
        by_state: dict[str, list[list[Any]]] = {}
        for e in fw.events:
            if is_shared(fw, e):
                shared.append(event_row(e))
            else:
                by_state.setdefault(e.state, []).append(event_row(e))
        out["framework"] = {"instruments": _plain(fw.instruments), "events_shared": shared,
                            "events_by_state": {
                                s: json.dumps(rows, ensure_ascii=False, separators=(",", ":"))
                                for s, rows in sorted(by_state.items())},
                            "sources": _plain(fw.sources),
                            "coverage": {i: fw.coverage(i) for i in fw.instruments}}
    else:
        out["framework"] = None
    return out


def index_text(facts: Path, record: Any) -> str:
    """The text of the index of `record`, loaded from `facts` with every check
    (record.load_record_files): one line of JSON, then one line per State, its code, a tab
    and the JSON of its events' rows — so that reading the index never parses the events of
    the States a question is not about (load_index puts the lines back as texts)."""
    plain = plain_record(record)
    fw = plain.get("framework")
    by_state = fw.pop("events_by_state") if fw else {}
    body = "".join(f"{state}\t{text}\n" for state, text in by_state.items())
    doc = {"version": VERSION, "digest": digest(facts),
           "body": f"crc32:{zlib.crc32(body.encode('utf-8')):08x}", "record": plain}
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n" + body


def load_index(path: Path, lazy: bool = False) -> Any:
    """The index document: its first line's JSON, with each State's events (the lines after
    it) as the text of their rows under record.framework.events_by_state — as bytes, left
    undecoded, when `lazy` (a question decodes only its two States'). Raises OSError or
    ValueError when it cannot be read."""
    try:
        data = read_limited(path, DATA_LIMIT)
    except DataError as e:  # too large, or unreadable: as a file that cannot be read
        raise ValueError(e.message) from None
    head, _, rest = data.partition(b"\n")
    doc = json.loads(head)
    if not isinstance(doc, dict) or doc.get("body") != f"crc32:{zlib.crc32(rest):08x}":
        raise ValueError("the lines of events do not match the index's checksum of them")
    fw = doc.get("record", {}).get("framework")
    if isinstance(fw, dict):
        by_state: dict[str, str | bytes] = {}
        for line in rest.split(b"\n"):
            if not line:
                continue
            state, tab, text = line.partition(b"\t")
            if not tab:
                raise ValueError(f"a line of events without a State: {line[:40]!r}")
            by_state[state.decode("ascii")] = text if lazy else text.decode("utf-8")
        fw["events_by_state"] = by_state
    return doc


def write_index(facts: Path, record: Any) -> Path:
    """Write the index of `record` atomically (record/safe_write.py)."""
    from mla_rules.record.safe_write import write_all

    path = facts / INDEX
    write_all({path: index_text(facts, record)})
    return path


def _without_where(value: Any) -> Any:
    """`where` says in which file a fact was read; it names the directory it was read from,
    which may be a copy, so it is left out of the comparison."""
    if isinstance(value, dict):
        return {k: _without_where(v) for k, v in value.items() if k != "where"}
    if isinstance(value, list):
        return [_without_where(v) for v in value]
    return value


def first_difference(indexed: Any, rebuilt: Any, path: str = "record") -> str | None:
    """Where the index says something the files do not (None when they agree)."""
    a, b = _without_where(indexed), _without_where(rebuilt)
    while True:
        if a == b:
            return None
        if isinstance(a, dict) and isinstance(b, dict):
            keys = sorted(set(a) | set(b))
            key = next(k for k in keys if a.get(k, ...) != b.get(k, ...))
            if key not in a or key not in b:
                return f"{path}.{key}: only in the {'index' if key in a else 'files'}"
            a, b, path = a[key], b[key], f"{path}.{key}"
        elif isinstance(a, list) and isinstance(b, list):
            if len(a) != len(b):
                return f"{path}: {len(a)} entries in the index, {len(b)} in the files"
            i = next(i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y)
            a, b, path = a[i], b[i], f"{path}[{i}]"
        else:
            return f"{path}: the index says {json.dumps(a, ensure_ascii=False)[:120]}, " \
                   f"the files say {json.dumps(b, ensure_ascii=False)[:120]}"


def is_current(facts: Path) -> bool:
    try:
        doc = load_index(facts / INDEX)
    except (OSError, ValueError):
        return False
    return isinstance(doc, dict) and doc.get("version") == VERSION and \
        doc.get("digest") == digest(facts)


def read_index(facts: Path) -> dict[str, Any] | None:
    """The indexed record's fields, or None when there is no index or it is out of date."""
    try:
        doc = load_index(facts / INDEX, lazy=True)
    except (OSError, ValueError):
        return None
    if not isinstance(doc, dict) or doc.get("version") != VERSION or \
            doc.get("digest") != digest(facts):
        return None
    record = doc.get("record")
    return record if isinstance(record, dict) else None
