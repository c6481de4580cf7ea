"""`mla facts check`: every problem in a facts directory, each with its file and line.

`record.load_record` stops at the first problem, which is right for answering questions. A
maintainer updating the record after a new ratification wants the whole list at once: schema
(known keys, types), sources present and known, and dates that make sense (nothing before
the adoption, signatures only in the signature period, no ratification, acceptance or
approval before the State's signature, the as-of date not before the latest event).
"""

from __future__ import annotations

import datetime as _dt
import json
from pathlib import Path
from typing import Any

from mla_rules.record.framework import CONVENTION_ID
from mla_rules.record.record import ANNEXES, EVENT_KEYS, EVENT_TYPES, INSTRUMENTS, STATUSES
from mla_rules.record.yamllines import KeyPath, LinedFile, Problem

PARAMETERS = ("entry_into_force_threshold", "entry_into_force_delay_months",
              "declaration_delay_months", "withdrawal_delay_months", "denunciation_delay_months")
KINDS = ("mla", "extradition")


def _date(f: LinedFile, value: Any, path: KeyPath, what: str) -> str | None:
    if isinstance(value, _dt.datetime):
        value = value.date()
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, str):
        try:
            return _dt.date.fromisoformat(value.strip()).isoformat()
        except ValueError:
            pass
    f.report(path, f"{what} must be a real date written YYYY-MM-DD, got {value!r}")
    return None


def _is_text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _is_plain(value: Any) -> bool:
    """Text or a whole number (an article number), as record.py accepts; not true/false."""
    return isinstance(value, (str, int)) and not isinstance(value, bool) and bool(
        str(value).strip())


def _keys(f: LinedFile, item: dict[Any, Any], path: KeyPath, known: set[str], what: str) -> None:
    unknown = sorted(str(k) for k in item if k not in known)
    if unknown:
        hint = ("Use `date:` (not `on:`, which YAML reads as true)." if "True" in unknown
                else f"Known keys: {', '.join(sorted(known))}.")
        first = next(k for k in item if k not in known)
        f.report(path + (first,), f"{what}: unknown key(s) {', '.join(unknown)}", hint)


def _mapping(f: LinedFile, value: Any, path: KeyPath, what: str) -> dict[Any, Any] | None:
    if isinstance(value, dict):
        return value
    f.report(path, f"{what} must be a mapping of keys to values, got {type(value).__name__}")
    return None


def _list(f: LinedFile, value: Any, path: KeyPath, what: str) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, list):
        return value
    f.report(path, f"{what} must be a list, got {type(value).__name__}")
    return []


def _status(f: LinedFile, item: dict[Any, Any], path: KeyPath, what: str,
            required: bool = True) -> None:
    if "status" not in item and not required:
        return
    if item.get("status") not in STATUSES:
        f.report(path + ("status",), f"{what}: status must be one of {', '.join(STATUSES)}, "
                 f"got {item.get('status')!r}")


def _source(f: LinedFile, item: dict[Any, Any], path: KeyPath, what: str,
            sources: dict[str, Any]) -> None:
    value = item.get("source")
    if value is None:
        f.report(path, f"{what} has no source",
                 "Every shipped fact names a source id from sources.yaml.")
    elif not isinstance(value, str) or value not in sources:
        f.report(path + ("source",), f"{what}: unknown source {value!r}",
                 "Add it to sources.yaml (url and title) or use a known id.")


class Checker:
    def __init__(self, facts: Path) -> None:
        self.dir = facts
        self.problems: list[Problem] = []
        self.states: Any = None
        self.sources: dict[str, Any] = {}
        self.conv: dict[str, str] = {}
        self.parts: set[str] = {"III", "IV"}
        self.conflicts: list[str] = []

    def file(self, name: str) -> LinedFile | None:
        f = LinedFile(f"{self.dir.name}/{name}", self.problems)
        return f if f.load(self.dir / name) else None

    def run(self) -> list[Problem]:
        self._states()
        self._sources(self.file("sources.yaml"))
        self._convention(self.file("convention.yaml"))
        self._crimes(self.file("crimes.yaml"))
        self._events(self.file("events.yaml"))
        self._notes(self.file("practical-notes.yaml"))
        if (self.dir / "articles.yaml").exists():
            self._articles(self.file("articles.yaml"))
        if self.states is not None:
            from mla_rules.record.framework_check import check_framework, check_index

            self.problems.extend(check_framework(self.dir, dict(self.sources), self.states))
            from mla_rules.record.framework_check import check_listings
            from mla_rules.record.names import state_index

            listed, self.conflicts = check_listings(self.dir,
                                                    state_index(self.dir / "states.json"))
            self.problems.extend(listed)
            if not self.problems:
                self.problems.extend(check_index(self.dir))

        order = {p.file: i for i, p in reversed(list(enumerate(self.problems)))}
        return sorted(self.problems, key=lambda p: (order[p.file], p.line or 0))

    def _states(self) -> None:
        from mla_rules.record.names import StateIndex

        name = f"{self.dir.name}/states.json"
        try:
            self.states = StateIndex(self.dir / "states.json")
        except FileNotFoundError:
            self.problems.append(Problem(name, None, "file not found",
                                         "Generate it: python scripts/generate_states.py"))
        except json.JSONDecodeError as e:
            self.problems.append(Problem(name, e.lineno, f"invalid JSON: {e.msg}"))
        except (KeyError, TypeError, ValueError, AttributeError, OSError) as e:
            self.problems.append(Problem(name, None, f"not a States index ({e!r})",
                                         "Generate it: python scripts/generate_states.py"))

    def state(self, f: LinedFile, value: Any, path: KeyPath, what: str) -> str | None:
        from mla_rules.errors import UsageError

        if not isinstance(value, str) or not value.strip():
            f.report(path, f"{what} has no state (an ISO 3166-1 code such as LVA)")
            return None
        if self.states is None:
            return value
        try:
            return str(self.states.resolve(value).alpha_3)
        except UsageError as e:
            f.report(path + ("state",), f"{what}: {e.message}", e.hint)
            return None

    def _sources(self, f: LinedFile | None) -> None:
        if f is None:
            return
        doc = _mapping(f, f.data, (), "the file")
        if doc is None:
            return
        for sid, entry in doc.items():
            path = (sid,)
            entry = _mapping(f, entry, path, f"source {sid}")
            if entry is None:
                continue
            self.sources[str(sid)] = entry
            _keys(f, entry, path, {"url", "title"}, f"source {sid}")
            if not _is_text(entry.get("title")):
                f.report(path, f"source {sid} has no title")
            url = entry.get("url")
            if url is not None and not (isinstance(url, str) and url.strip()):
                f.report(path + ("url",), f"source {sid}: url must be an address or null")

    def _convention(self, f: LinedFile | None) -> None:
        if f is None:
            return
        doc = _mapping(f, f.data, (), "the file")
        if doc is None:
            return
        _keys(f, doc, (), {"convention", "parameters", "parts"}, "the file")
        conv = _mapping(f, doc.get("convention"), ("convention",), "convention")
        if conv is not None:
            _keys(f, conv, ("convention",), {"title", "adopted", "opened_for_signature",
                                             "signature_closed_after", "depositary", "source"},
                  "convention")
            for key in ("adopted", "opened_for_signature", "signature_closed_after"):
                value = _date(f, conv.get(key), ("convention", key), f"convention.{key}")
                if value:
                    self.conv[key] = value
            order = [self.conv.get(k) for k in ("adopted", "opened_for_signature",
                                                "signature_closed_after")]
            if all(order) and not order[0] <= order[1] <= order[2]:  # type: ignore[operator]
                f.report(("convention",), "the Convention's dates are out of order: adopted, "
                         "then opened for signature, then signature closed")
            _source(f, conv, ("convention",), "convention", self.sources)
        params = _mapping(f, doc.get("parameters"), ("parameters",), "parameters") or {}
        for name in PARAMETERS:
            if name not in params:
                f.report(("parameters",), f"parameter {name} is missing",
                         "The rules use it; give its value, article, status and source.")
        for name, p in params.items():
            path = ("parameters", name)
            what = f"parameter {name}"
            if name not in PARAMETERS:
                f.report(path, f"unknown parameter {name}",
                         f"Parameters the rules use: {', '.join(PARAMETERS)}.")
            p = _mapping(f, p, path, what)
            if p is None:
                continue
            _keys(f, p, path, {"value", "article", "status", "source", "note"}, what)
            value = p.get("value")
            if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 1000:
                f.report(path + ("value",), f"{what}: value must be a whole number from 0 to "
                         f"1000, got {value!r}")
            _status(f, p, path, what)
            _source(f, p, path, what, self.sources)
        parts = _mapping(f, doc.get("parts"), ("parts",), "parts") or {}
        self.parts = {str(k) for k in parts}
        for name, info in parts.items():
            path = ("parts", name)
            info = _mapping(f, info, path, f"Part {name}")
            if info is None:
                continue
            _keys(f, info, path, {"kind", "title", "status", "source"}, f"Part {name}")
            if info.get("kind") not in KINDS:
                f.report(path + ("kind",), f"Part {name}: kind must be one of {', '.join(KINDS)}, "
                         f"got {info.get('kind')!r}")
            _status(f, info, path, f"Part {name}")
            _source(f, info, path, f"Part {name}", self.sources)

    def _crimes(self, f: LinedFile | None) -> None:
        if f is None:
            return
        doc = _mapping(f, f.data, (), "the file")
        if doc is None:
            return
        _keys(f, doc, (), {"crimes"}, "the file")
        ids: dict[str, int] = {}
        annexes: dict[str, str] = {}
        known = {"id", "name", "article", "annex", "aliases", "status", "source", "note", "is"}
        for i, c in enumerate(_list(f, doc.get("crimes"), ("crimes",), "crimes")):
            path = ("crimes", i)
            c = _mapping(f, c, path, f"crime {i + 1}")
            if c is None:
                continue
            what = f"crime {i + 1} ({c.get('id')})"
            _keys(f, c, path, known, what)
            cid = str(c.get("id")) if _is_text(c.get("id")) else ""
            if not cid:
                f.report(path + ("id",), f"crime {i + 1} has no id (a word such as annex-h), "
                         f"got {c.get('id')!r}")
            elif cid in ids:
                f.report(path, f"{what}: id used twice (first by crime {ids[cid]})")
            else:
                ids[cid] = i + 1
            if not _is_text(c.get("name")):
                f.report(path, f"{what} has no name")
            for key in ("article", "annex", "note", "is"):
                if c.get(key) is not None and not _is_plain(c[key]):
                    f.report(path + (key,), f"{what}: {key} must be text")
            annex = c.get("annex")
            if annex is None and str(c.get("article")) != "5":
                f.report(path, f"{what} has neither an annex (A to H) nor article 5")
            if annex is not None:
                if annex not in ANNEXES:
                    f.report(path + ("annex",), f"{what}: unknown annex {annex!r}",
                             f"Known annexes: {', '.join(ANNEXES)}.")
                elif annex in annexes:
                    f.report(path + ("annex",), f"{what}: Annex {annex} already belongs to "
                             f"{annexes[annex]}")
                else:
                    annexes[annex] = str(cid)
            aliases = c.get("aliases", [])
            if not isinstance(aliases, list) or not all(_is_text(a) for a in aliases):
                f.report(path + ("aliases",), f"{what}: aliases must be a list of names")
            _status(f, c, path, what)
            _source(f, c, path, what, self.sources)

    def _events(self, f: LinedFile | None) -> None:
        if f is None:
            return
        doc = _mapping(f, f.data, (), "the file")
        if doc is None:
            return
        _keys(f, doc, (), {"record_as_of", "events"}, "the file")
        as_of = _date(f, doc.get("record_as_of"), ("record_as_of",), "record_as_of")
        events = _list(f, doc.get("events"), ("events",), "events")
        checked = [self._event(f, i, e) for i, e in enumerate(events)]
        signed: dict[str, str] = {}
        for state, kind, date, _ in checked:
            if state and kind == "signature" and date:
                signed[state] = min(signed.get(state, date), date)
        latest: tuple[str, int] | None = None
        for i, (state, kind, date, what) in enumerate(checked):
            if not (state and kind and date):
                continue
            if latest is None or date > latest[0]:
                latest = (date, i)
            if kind in INSTRUMENTS[:3]:
                if state not in signed:
                    f.report(("events", i), f"{what}: {kind} without a signature",
                             "A State that has not signed joins by accession: "
                             "use `type: accession`, or add its signature.")
                elif date < signed[state]:
                    f.report(("events", i, "date"), f"{what}: {kind} on {date} is before "
                             f"{state}'s signature ({signed[state]})")
        if as_of and latest and as_of < latest[0]:
            f.report(("record_as_of",), f"record_as_of ({as_of}) is before the latest event "
                     f"({latest[0]}, line {f.line(('events', latest[1]))})",
                     "Move record_as_of to the date the sources were last checked.")

    def _event(self, f: LinedFile, i: int, item: Any) -> tuple[str | None, str | None,
                                                           str | None, str]:
        path = ("events", i)
        what = f"event {i + 1}"
        item = _mapping(f, item, path, what)
        if item is None:
            return None, None, None, what
        state = self.state(f, item.get("state"), path, what)
        kind = item.get("type")
        what = f"event {i + 1} ({item.get('state')} {kind})"
        _keys(f, item, path, EVENT_KEYS, what)
        if item.get("instrument", CONVENTION_ID) == CONVENTION_ID:
            for key in ("other", "acts_before"):
                if key in item:  # as the loader refuses it (record._events)
                    f.report(path + (key,), f"{what}: `{key}:` belongs to events of other "
                             "instruments", "Add `instrument:` with the instrument's id "
                             "(`mla instruments` lists them).")
        if kind not in EVENT_TYPES:
            f.report(path + ("type",), f"{what}: unknown event type {kind!r}",
                     f"Known types: {', '.join(EVENT_TYPES)}.")
            kind = None
        date = None
        if "date" not in item:
            f.report(path, f"{what} has no date")
        else:
            date = _date(f, item["date"], path + ("date",), f"{what}: date")
        effective = None
        if "effective" in item:
            effective = _date(f, item["effective"], path + ("effective",), f"{what}: effective")
        adopted = self.conv.get("adopted")
        if date and adopted and date < adopted:
            f.report(path + ("date",), f"{what}: date {date} is before the Convention was "
                     f"adopted ({adopted})")
        if date and effective and effective < date:
            f.report(path + ("effective",), f"{what}: takes effect ({effective}) before it "
                     f"happened ({date})")
        first, last = self.conv.get("opened_for_signature"), self.conv.get(
            "signature_closed_after")
        if kind == "signature" and date and first and last and not first <= date <= last:
            f.report(path + ("date",), f"{what}: signature on {date} is outside the signature "
                     f"period ({first} to {last})",
                     "A State that did not sign in time becomes a Party by accession.")
        if kind in ("declaration", "declaration-withdrawal"):
            self._items(f, item.get("annexes"), path + ("annexes",), what, ANNEXES, "annexes")
        if kind == "provisional-application" or (kind == "provisional-application-end"
                                                 and item.get("parts") is not None):
            self._items(f, item.get("parts"), path + ("parts",), what,
                        tuple(sorted(self.parts)), "parts")
        for key in ("article", "gist", "territory", "note"):
            if item.get(key) is not None and not _is_plain(item[key]):
                f.report(path + (key,), f"{what}: {key} must be text")
        _status(f, item, path, what, required=False)
        _source(f, item, path, what, self.sources)
        return state, kind, date, what

    @staticmethod
    def _items(f: LinedFile, value: Any, path: KeyPath, what: str, allowed: tuple[str, ...],
               plural: str) -> None:
        if not isinstance(value, list) or not value:
            f.report(path, f"{what}: {plural} must be a non-empty list, e.g. [{allowed[0]}]")
            return
        for item in value:
            text = str(item).strip().upper().removeprefix("ANNEX ")
            if text not in allowed:
                f.report(path, f"{what}: unknown {plural[:-1] if plural == 'parts' else 'annex'}"
                         f" {item!r}", f"Known {plural}: {', '.join(allowed)}.")

    def _notes(self, f: LinedFile | None) -> None:
        if f is None:
            return
        doc = _mapping(f, f.data, (), "the file")
        if doc is None:
            return
        _keys(f, doc, (), {"notes"}, "the file")
        for i, n in enumerate(_list(f, doc.get("notes"), ("notes",), "notes")):
            path = ("notes", i)
            n = _mapping(f, n, path, f"note {i + 1}")
            if n is None:
                continue
            what = f"note {i + 1} ({n.get('state')} {n.get('topic')})"
            _keys(f, n, path, {"state", "article", "topic", "gist", "source"}, what)
            self.state(f, n.get("state"), path, what)
            for key in ("article", "topic", "gist"):
                if not _is_plain(n.get(key)):
                    f.report(path + (key,), f"{what}: {key} must be text, got {n.get(key)!r}")
            _source(f, n, path, what, self.sources)

    def _articles(self, f: LinedFile | None) -> None:
        doc = _mapping(f, f.data, (), "the file") if f else None
        if f is None or doc is None:
            return
        _keys(f, doc, (), {"articles"}, "the file")
        for i, a in enumerate(_list(f, doc.get("articles"), ("articles",), "articles")):
            path = ("articles", i)
            a = _mapping(f, a, path, f"article {i + 1}")
            if a is None:
                continue
            what = f"article {i + 1} ({a.get('id')})"
            _keys(f, a, path, {"id", "title", "summary", "points"}, what)
            for key in ("id", "title", "summary"):
                if not _is_text(str(a.get(key) or "")):
                    f.report(path, f"{what} has no {key}")
            points = _list(f, a.get("points"), path + ("points",), f"{what}: points")
            if not points:
                f.report(path, f"{what} has no points", "Each point: says, status, sources.")
            for j, point in enumerate(points):
                where = path + ("points", j)
                point = _mapping(f, point, where, f"{what}, point {j + 1}")
                if point is None:
                    continue
                _keys(f, point, where, {"says", "status", "sources"}, f"{what}, point {j + 1}")
                _status(f, point, where, f"{what}, point {j + 1}")
                ids = point.get("sources")
                if not isinstance(ids, list) or not ids:
                    f.report(where, f"{what}, point {j + 1} has no sources",
                             "List source ids from sources.yaml under `sources:`.")
                    continue
                for sid in ids:
                    if not isinstance(sid, str) or sid not in self.sources:
                        f.report(where + ("sources",),
                                 f"{what}, point {j + 1}: unknown source {sid!r}")

def check(facts: Path) -> list[Problem]:
    """Every problem found in the facts directory, in file order; empty if none."""
    return Checker(facts).run()


def check_all(facts: Path) -> tuple[list[Problem], list[str]]:
    """The problems, and the conflicts between the listings' sources (not problems: the
    governing source's fact is the one recorded)."""
    checker = Checker(facts)
    return checker.run(), checker.conflicts

