"""What both the API and the pages need: a warm engine for the shipped record in each worker
thread, fresh engines for scenarios sent in a request, and the questions built from what a
client sent, validated as the CLI validates them.

pyDatalog's knowledge base is global per thread: an Engine re-activates its own before each
query, so each worker thread keeps one warm Engine of its own (never shared), and a
scenario's Engine is built and used in the request's thread only.
"""

from __future__ import annotations

import gc
import json
import tempfile
import threading
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from mla_rules.errors import DataError, MlaError, UsageError
from mla_rules.law.engine import Engine, load_rulebook
from mla_rules.law.rulebook import Rulebook
from mla_rules.network.whatif import Diff
from mla_rules.questions.answer import Question
from mla_rules.questions.context import shipped_record
from mla_rules.record import yamlfile
from mla_rules.record.dates import parse_iso
from mla_rules.record.record import Record, resolve_crime

BODY_LABEL = "(request body)"  # where the CLI names a scenario file's path
MAX_BODY = 1024 * 1024  # stricter than the CLI's file limit, on purpose
MAX_EVENTS = 5000


class TooLarge(MlaError):
    """A request body or scenario over the limits: HTTP 413."""


_local = threading.local()


@lru_cache(maxsize=1)
def rulebook() -> Rulebook:
    """The rules, parsed once per process (a Rulebook is never changed)."""
    return load_rulebook()


def warm() -> Engine:
    """This thread's Engine for the shipped record, built at its first question."""
    engine: Engine | None = getattr(_local, "engine", None)
    if engine is None:
        engine = _local.engine = Engine(shipped_record(), rulebook())
        # It lives as long as the thread: keep the collector from walking its ~10^5 objects
        # at every collection (that made each answer 2-3 times slower under load).
        gc.freeze()
    return engine


def fresh(record: Record) -> Engine:
    """A new Engine for a scenario's record, to be used in this thread only."""
    return Engine(record, rulebook())


def date(value: str | None, name: str = "on") -> str | None:
    if value is None or value == "":
        return None
    try:
        return parse_iso(value)
    except ValueError as e:
        raise UsageError(f"{name}: {e}") from None


def question(engine: Engine, requesting: str, requested: str, crime: str, kind: str,
             on: str | None) -> Question:
    """The question as `mla can-request` builds it: States and crime resolved (with
    suggestions), the date defaulting to the scenario's, else today."""
    record = engine.record
    when = date(on) or scenario_date(record) or today()
    return Question(record.states.resolve(requesting, "requesting State"),
                    record.states.resolve(requested, "requested State"),
                    resolve_crime(record, crime), kind, when)


def today() -> str:
    from mla_rules.record import dates

    return dates.today()


def scenario_date(record: Record) -> str | None:
    dates = [s.date for s in record.scenarios if s.date]
    return dates[-1] if dates else None


def parse_body(raw: bytes, content_type: str | None) -> Any:
    """A request body as data: JSON when it says so, else YAML read by the project's safe
    loader (no tags, no duplicate keys, no alias bombs)."""
    if len(raw) > MAX_BODY:
        raise TooLarge(f"{BODY_LABEL}: {len(raw):,} bytes; bodies over {MAX_BODY:,} are "
                       "refused")
    media = (content_type or "").split(";")[0].strip().lower()
    if media == "application/json" or media.endswith("+json"):
        try:
            return json.loads(raw.decode("utf-8"))
        except UnicodeDecodeError as e:
            raise DataError(BODY_LABEL, f"is not UTF-8 text (byte {e.start})") from None
        except json.JSONDecodeError as e:
            raise DataError(f"{BODY_LABEL} line {e.lineno}", f"invalid JSON: {e.msg}") from None
        except RecursionError:
            raise DataError(BODY_LABEL, "invalid JSON: nested too deeply") from None
    with tempfile.TemporaryDirectory(prefix="mla-body-") as tmp:
        path = Path(tmp) / "scenario.yaml"
        path.write_bytes(raw)
        return yamlfile.load(path, BODY_LABEL)


def _checked(doc: Any, what: str) -> dict[Any, Any]:
    if doc is None:
        raise DataError(what, "is empty", "A scenario needs at least `name:` and `events:`.")
    if not isinstance(doc, dict):
        raise DataError(what, "must be a scenario: a mapping with `name:` and `events:`")
    events = doc.get("events")
    if isinstance(events, list) and len(events) > MAX_EVENTS:
        raise TooLarge(f"{what}: {len(events):,} events; scenarios of more than "
                       f"{MAX_EVENTS:,} events are refused")
    return doc


def scenarios_of(doc: Any) -> tuple[dict[Any, Any], dict[Any, Any] | None]:
    """(scenario, against) from a body: one scenario, or {"scenario": …, "against": …}."""
    if isinstance(doc, dict) and "scenario" in doc and "name" not in doc:
        unknown = sorted(str(k) for k in doc if k not in ("scenario", "against"))
        if unknown:
            raise DataError(BODY_LABEL, f"unknown key(s) {', '.join(unknown)}",
                            "Send one scenario, or {\"scenario\": {...}, \"against\": {...}}.")
        against = doc.get("against")
        return (_checked(doc["scenario"], BODY_LABEL),
                None if against is None else _checked(against, BODY_LABEL))
    return _checked(doc, BODY_LABEL), None


def with_scenario(record: Record, doc: dict[Any, Any]) -> Record:
    return record.with_overlay(doc, BODY_LABEL)


class WhatIf(NamedTuple):
    diff: Diff
    name: str
    description: str | None
    against: str  # the baseline's name, as `mla what-if` says it


def what_if(scenario: dict[Any, Any], against: dict[Any, Any] | None, on: str | None
            ) -> WhatIf:
    """`mla what-if SCENARIO [--against OTHER]`, with scenarios sent in a request: the
    shipped record's warm engine is the baseline unless there is another one."""
    from mla_rules.network.whatif import diff

    shipped = warm()
    if against is None:
        before = shipped
        after = fresh(with_scenario(shipped.record, scenario))
    else:
        base = with_scenario(shipped.record, against)
        before = fresh(base)
        after = fresh(with_scenario(base, scenario))
    when = date(on) or scenario_date(after.record) or today()
    last = after.record.scenarios[-1]
    return WhatIf(diff(before, after, when), last.name, last.description,
                  before.record.scenarios[-1].name if against else "the shipped record")


def suggestions(typed: str, what: str, limit: int = 20) -> list[dict[str, str]]:
    """States (by ISO code, or name in English, French or Spanish) or crimes (by id, name or
    alias) that start with what was typed, in the order a person expects: exact codes first,
    then names."""
    from mla_rules.record.names import normalise

    record = shipped_record()
    key = normalise(typed)
    out: dict[str, str] = {}
    if what == "crime":
        for c in record.crimes.values():
            keys = [c.id, c.name, *c.aliases] + ([f"annex {c.annex}"] if c.annex else [])
            if any(normalise(k).startswith(key) for k in keys):
                out.setdefault(c.id, c.label)
    else:
        code = typed.strip().upper()
        states = record.states
        if code and code in states.by_code:
            s = states.by_code[code]
            out[s.alpha_3] = s.name
        for name, s in sorted(states.by_name.items()):
            if name.startswith(key):
                out.setdefault(s.alpha_3, s.name)
            if len(out) >= limit:
                break
        if code:
            for s in states.all():
                if s.alpha_3.startswith(code) or s.alpha_2.startswith(code):
                    out.setdefault(s.alpha_3, s.name)
    return [{"value": v, "label": label} for v, label in list(out.items())[:limit]]
