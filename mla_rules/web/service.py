"""What both the API and the pages need: a warm engine for the shipped record in each worker
thread, fresh engines for scenarios sent in a request, and the questions built from what a
client sent, validated as the CLI validates them.

pyDatalog's knowledge base is global per thread: an Engine re-activates its own before each
query, so an Engine can serve any thread, one at a time. The warm Engines of the shipped
record are a bounded pool (engine()): a request has one alone while it asks; a scenario's
Engine is built and used in the request's thread only. Whole-network work is admitted a few
at a time and cached (whole_network()).
"""

from __future__ import annotations

import gc
import json
import os
import sys
import tempfile
import threading
import time
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from mla_rules import budget, errors
from mla_rules.errors import DataError, MlaError, Unavailable, UsageError
from mla_rules.law.engine import Engine, load_rulebook
from mla_rules.law.rulebook import Rulebook
from mla_rules.network.whatif import Diff
from mla_rules.questions.answer import Question
from mla_rules.questions.context import shipped_record
from mla_rules.record import yamlfile
from mla_rules.record.dates import parse_iso
from mla_rules.record.record import Record, resolve_crime
from mla_rules.web.settings import setting

BODY_LABEL = "(request body)"  # where the CLI names a scenario file's path
MAX_BODY = 1024 * 1024  # stricter than the CLI's file limit, on purpose
MAX_EVENTS = 5000


class TooLarge(MlaError):
    """A request body or scenario over the limits: HTTP 413."""


class TooMuch(MlaError):
    """An answer over the response limit (MAX_RELATIONS): HTTP 422, with a hint to page or to
    ask for the stream."""

    exit_code = errors.DATA


# changed relations a what-if answers in one document (MLA_MAX_RELATIONS; ~100 bytes each):
# more only when the client asks for the stream (`stream=true`)
MAX_RELATIONS = setting("MLA_MAX_RELATIONS", 100_000, minimum=1)


class Busy(Unavailable):
    """Every engine is in use for longer than a request may wait: HTTP 503, retry later."""


@lru_cache(maxsize=1)
def rulebook() -> Rulebook:
    """The rules, parsed once per process (a Rulebook is never changed)."""
    return load_rulebook()


# A bounded pool of warm Engines for the shipped record, shared by the server's threads: a
# request checks one out, has it alone while it asks (an Engine re-activates its own
# knowledge base in whichever thread asks), and gives it back. The pool never holds more than
# ENGINES (MLA_ENGINES), so memory is bounded whatever the threads do; each Engine is built
# once and kept for the life of the process. (A warm Engine per thread, as before, was lost
# with its thread when the thread pool retired it, and gc.freeze() had made it permanent.)
ENGINES = setting("MLA_ENGINES", 0) or max(2, 2 * (os.cpu_count() or 1))
WAIT = setting("MLA_ENGINE_WAIT", 30, float)  # seconds a request waits for one
_idle: list[Engine] = []
_built = 0
_pool = threading.Condition()


@contextmanager
def engine(wait: float | None = None) -> Iterator[Engine]:
    """A warm Engine for the shipped record, this request's alone while the block runs."""
    global _built
    began = time.monotonic()
    deadline = began + (WAIT if wait is None else wait)
    with _pool:
        while not _idle and _built >= ENGINES:
            left = budget.waiting(began, deadline)  # Stopping once the server stops
            if left <= 0:
                raise Busy("every engine is busy", f"Try again in a few seconds (the server "
                           f"answers {ENGINES} questions at once; MLA_ENGINES sets it).")
            _pool.wait(left)  # woken by a returned engine, or by the server's stop
        build = not _idle
        if build:
            _built += 1
        else:
            found = _idle.pop()
    if build:
        try:
            found = Engine(shipped_record(), rulebook())
        except BaseException:
            with _pool:
                _built -= 1
                _pool.notify()
            raise
        # It lives as long as the process: keep the collector from walking its ~10^5
        # objects at every collection (that made each answer 2-3 times slower under load).
        # Done at most ENGINES times, after collecting what is garbage now.
        gc.collect()
        gc.freeze()
    try:
        yield found
    finally:
        with _pool:
            _idle.append(found)
            _pool.notify()


# Whole-network work (the matrix and the gap of the shipped record on a date): at most HEAVY
# computations at once (MLA_HEAVY, default the number of cores; per server, across its
# workers, with MLA_PLACES: place()), QUEUE more waiting per process
# (MLA_QUEUE, default 32), beyond that Busy (503). A result is kept in a small cache keyed by
# what it is computed from, so that paging through a gap never computes it again; cheap
# questions never wait for these (they take an engine of the pool only while they ask).
HEAVY = setting("MLA_HEAVY", 0) or (os.cpu_count() or 1)
# seconds a computation may take (MLA_TIMEOUT_REQUEST; 0: no limit): then 503, and it stops
BUDGET = setting("MLA_TIMEOUT_REQUEST", 30, float)
QUEUE = setting("MLA_QUEUE", 32)
# bytes the kept results may take in all (MLA_CACHE_BYTES; a counted gap is ~0.2 MB, a
# matrix's conditions ~5 kB): the least recently used go first
CACHE_BYTES = setting("MLA_CACHE_BYTES", 8 * 1024 * 1024, minimum=0)
_running = 0  # whole-network computations holding one of this process's HEAVY places
_turns: list[object] = []  # the requests waiting for one, first come first served
_places = threading.Condition()
_admitted = 0
_admission = threading.Lock()
_cache: dict[tuple[Any, ...], tuple[Any, int]] = {}  # key -> (result, its bytes)
_cache_lock = threading.Lock()


@contextmanager
def heavy() -> Iterator[None]:
    """Admission to a whole-network computation: wait for one of HEAVY places, unless QUEUE
    requests wait already (then Busy)."""
    global _admitted, _running
    with _admission:
        if _admitted >= HEAVY + QUEUE:
            raise Busy(f"{_admitted} whole-network computations are running or waiting",
                       "Try again in a few seconds, or ask for one State (`state=`).")
        _admitted += 1
    try:
        began = time.monotonic()
        _take_turn(began, began + WAIT)
        try:
            with place(WAIT, began):
                yield
        finally:
            with _places:
                _running -= 1
                _places.notify_all()
    finally:
        with _admission:
            _admitted -= 1


def _take_turn(began: float, deadline: float) -> None:
    """One of the process's HEAVY places, in the order the requests came (Busy at the
    deadline, Stopping when the server stops)."""
    global _running
    turn = object()
    with _places:
        _turns.append(turn)
        try:
            while _turns[0] is not turn or _running >= HEAVY:
                left = budget.waiting(began, deadline)
                if left <= 0:
                    raise Busy("the whole-network computations are busy",
                               "Try again in a minute.")
                _places.wait(left)
            _running += 1
        finally:
            _turns.remove(turn)
            _places.notify_all()  # the next in line may go, if there is a place


def _wake() -> None:
    for condition in (_pool, _places):
        with condition:
            condition.notify_all()


budget.on_stop(_wake)
# At the interpreter's exit (a server stopped without its application's shutdown: a second
# Ctrl-C), before it waits for the request threads: they stop too.
getattr(threading, "_register_atexit", lambda f: None)(budget.stop)


@contextmanager
def place(wait: float, began: float | None = None) -> Iterator[None]:
    """One of the server's HEAVY places, shared by its workers: a lock on one of HEAVY files
    in the directory MLA_PLACES (`mla serve --workers N` makes one; without it, the process's
    own HEAVY places are the server's). A worker that dies holds none: the system releases
    its locks. `wait`: seconds from `began` (default now) before Busy."""
    import fcntl

    where = os.environ.get("MLA_PLACES")
    if not where:
        yield
        return
    os.makedirs(where, mode=0o700, exist_ok=True)
    began = time.monotonic() if began is None else began
    deadline = began + wait
    while True:
        for n in range(HEAVY):
            fd = os.open(os.path.join(where, f"place-{n}"), os.O_RDWR | os.O_CREAT, 0o600)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)
                continue
            try:
                yield
            finally:
                os.close(fd)  # releases the lock
            return
        if budget.waiting(began, deadline) <= 0:
            raise Busy("the whole-network computations of every worker are busy",
                       "Try again in a minute.")
        time.sleep(0.02)  # the other workers' places: polled


def whole_network(key: tuple[Any, ...], compute: Any) -> Any:
    """The result of `compute(engine)` for this key (what it is computed from: the kind of
    result, the date, the crimes and kinds; the record's digest is added), from the cache,
    else computed under admission with an engine of the pool and kept (the most recently
    used, within CACHE_BYTES). The results kept (Network, Gap) hold no engine query for
    later. The computation has a
    budget of its own (BUDGET, from when it starts), not the asking request's, which also
    counts its wait for admission: the result is kept for the requests that wait for a place
    to compute the same (with HEAVY places, up to HEAVY of them may compute it at once)."""
    key = (record_digest(), *key)
    with _cache_lock:
        if key in _cache:
            _cache[key] = _cache.pop(key)  # most recently used last
            return _cache[key][0]
    with heavy():
        with _cache_lock:  # computed meanwhile by another request
            if key in _cache:
                return _cache[key][0]
        with engine() as e, budget.within(BUDGET, fresh=True):
            value = compute(e)
        keep(key, value, footprint(value))  # before the next in line looks for it
    return value


@lru_cache(maxsize=1)
def record_digest() -> str:
    """The digest of the facts the shipped record was read from (record/index.py), the
    first part of every key of the whole-network cache: a result is never answered for
    another record."""
    from mla_rules.law.engine import FACTS_DIR
    from mla_rules.record.index import digest

    shipped_record()  # the record first, then the digest of the files it was read from
    return digest(FACTS_DIR)


def keep(key: tuple[Any, ...], value: Any, size: int) -> None:
    """Keep a result of `size` bytes, dropping the least recently used until all fit in
    CACHE_BYTES (a result larger than that is not kept)."""
    with _cache_lock:
        _cache.pop(key, None)
        if size > CACHE_BYTES:
            return
        _cache[key] = (value, size)
        total = sum(n for _, n in _cache.values())
        while total > CACHE_BYTES:
            oldest = next(iter(_cache))
            total -= _cache.pop(oldest)[1]


def cache_bytes() -> int:
    """The bytes of the results kept (as footprint() counts them)."""
    with _cache_lock:
        return sum(n for _, n in _cache.values())


def footprint(value: Any) -> int:
    """The bytes of `value` and of everything it holds, but for what lives as long as the
    process anyway (the engines, the shipped record, code): what keeping it costs."""
    import types

    shared = (Engine, Record, type, types.ModuleType, types.FunctionType,
              types.BuiltinFunctionType, types.MethodType)
    seen: set[int] = set()
    todo = [value]
    total = 0
    while todo:
        o = todo.pop()
        if id(o) in seen or isinstance(o, shared):
            continue
        seen.add(id(o))
        total += sys.getsizeof(o)
        if isinstance(o, dict):
            todo.extend(o.keys())
            todo.extend(o.values())
        elif isinstance(o, (list, tuple, set, frozenset)):
            todo.extend(o)
        attributes = getattr(o, "__dict__", None)
        if isinstance(attributes, dict):
            todo.append(attributes)
    return total


def shipped_gap(on: str, kinds: tuple[str, ...] | None = None,
                crimes: tuple[str, ...] = ()) -> Any:
    """The shipped record's gap on a date, counted (the walk of every pair), from the
    whole-network cache: the API's gap pages it, and the what-if page counts each scenario's
    gap from it (Gap.derive_from)."""
    from mla_rules.network.gap import Gap, universe
    from mla_rules.network.matrix import KINDS

    kinds = kinds or KINDS

    def compute(engine: Engine) -> Gap:
        whole = Gap(engine, on, universe(engine.record), kinds, crimes or None)
        whole.counts()  # the walk of every pair, under admission, once
        return whole

    return whole_network(("gap", on, kinds, crimes), compute)


def admitted(events: int, convention_only: bool) -> Any:
    """Admission for a what-if's documents (its gap maps): a scenario of at most CHEAP_EVENTS
    events on the Convention only changes few pairs and is cheap; a larger one may touch every
    pair, and waits for a place among the whole-network computations (heavy())."""
    from contextlib import nullcontext

    return nullcontext() if events <= CHEAP_EVENTS and convention_only else heavy()


CHEAP_EVENTS = 20


_heavy_threads: weakref.WeakKeyDictionary[Any, Any] = weakref.WeakKeyDictionary()


def on_heavy_threads(endpoint: Any) -> Any:
    """The (synchronous) endpoint of a whole-network answer, run on threads of its own: at
    most HEAVY + QUEUE of them wait for or do a computation (heavy()), and HEAVY more answer
    from the cache or say Busy, so that these requests never take the threads that answer
    the cheap questions (can-request, legal-basis, status), which never wait behind them."""
    import asyncio
    import functools

    import anyio.to_thread

    @functools.wraps(endpoint)
    async def run(*args: Any, **kwargs: Any) -> Any:
        loop = asyncio.get_running_loop()  # a limiter belongs to its event loop
        limiter = _heavy_threads.get(loop)
        if limiter is None:
            limiter = _heavy_threads[loop] = anyio.CapacityLimiter(2 * HEAVY + QUEUE)
        return await anyio.to_thread.run_sync(functools.partial(endpoint, *args, **kwargs),
                                              limiter=limiter)

    return run


def budgeted(function: Any) -> Any:
    """`function` run with the server's time budget (BUDGET): the long loops it reaches stop
    with 503 once it is spent (mla_rules/budget.py)."""
    import functools

    @functools.wraps(function)
    def run(*args: Any, **kwargs: Any) -> Any:
        with budget.within(BUDGET):
            return function(*args, **kwargs)

    return run


def record() -> Record:
    """The shipped record (loaded once per process), to read a question from."""
    return shipped_record()


def warm() -> None:
    """Build the pool's first Engine (at startup: /readyz then says so)."""
    with engine():
        pass


def engines_built() -> int:
    return _built


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
    return question_of(engine.record, requesting, requested, crime, kind, on)


def question_of(record: Record, requesting: str, requested: str, crime: str, kind: str,
                on: str | None) -> Question:
    """The same, from a record (no engine needed to read the question)."""
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


class Baseline(NamedTuple):
    """What a scenario is compared with: another scenario, as an alternative (`against`: each
    applied alone to the shipped record), or the scenario it is added to (`on_top_of`)."""
    doc: dict[Any, Any]
    on_top: bool = False


BODY_KEYS = ("scenario", "against", "on_top_of")


def scenarios_of(doc: Any) -> tuple[dict[Any, Any], Baseline | None]:
    """(scenario, baseline) from a body: one scenario, or {"scenario": …, "against": …} (two
    alternatives), or {"scenario": …, "on_top_of": …} (the scenario added to the other)."""
    if isinstance(doc, dict) and "scenario" in doc and "name" not in doc:
        unknown = sorted(str(k) for k in doc if k not in BODY_KEYS)
        if unknown:
            raise DataError(BODY_LABEL, f"unknown key(s) {', '.join(unknown)}",
                            "Send one scenario, or {\"scenario\": {...}, \"against\": {...}} "
                            "to compare two alternatives, or {\"scenario\": {...}, "
                            "\"on_top_of\": {...}} to add one to the other.")
        against, on_top_of = doc.get("against"), doc.get("on_top_of")
        if against is not None and on_top_of is not None:
            raise UsageError("`against` and `on_top_of` together: give one baseline",
                             "`against` compares two alternatives, each applied alone to the "
                             "shipped record; `on_top_of` adds the scenario to it.")
        scenario = _checked(doc["scenario"], BODY_LABEL)
        if against is not None:
            return scenario, Baseline(_checked(against, BODY_LABEL))
        if on_top_of is not None:
            return scenario, Baseline(_checked(on_top_of, BODY_LABEL), on_top=True)
        return scenario, None
    return _checked(doc, BODY_LABEL), None


def with_scenario(record: Record, doc: dict[Any, Any]) -> Record:
    return record.with_overlay(doc, BODY_LABEL)


class WhatIf(NamedTuple):
    diff: Diff
    name: str
    description: str | None
    against: str  # the baseline's name, as `mla what-if` says it


def what_if(scenario: dict[Any, Any], against: Baseline | dict[Any, Any] | None,
            on: str | None) -> WhatIf:
    """`mla what-if SCENARIO [--against OTHER | --on-top-of BASE]`, with scenarios sent in a
    request: the shipped record's warm engine is the baseline unless there is another one.
    A plain dict as `against` is an alternative, as `--against` says."""
    from mla_rules.network.whatif import comparison_date, diff

    if isinstance(against, dict):
        against = Baseline(against)
    with engine() as shipped:  # the baseline's networks are computed inside diff()
        if against is None:
            before = shipped
            after = fresh(with_scenario(shipped.record, scenario))
        elif against.on_top:
            base = with_scenario(shipped.record, against.doc)
            before = fresh(base)
            after = fresh(with_scenario(base, scenario))
        else:
            before = fresh(with_scenario(shipped.record, against.doc))
            after = fresh(with_scenario(shipped.record, scenario))
        budget.check()  # building a large scenario's engines may have spent it
        if against is not None and not against.on_top:
            when = date(on) or comparison_date(after.record.scenarios[-1],
                                               before.record.scenarios[-1], api=True) or today()
        else:
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
        from mla_rules.record.record import crime_keys

        typed_keys = [k for k in crime_keys(key) if k] or [key]
        for c in record.crimes.values():
            keys = [normalise(k) for k in (c.id, c.name, *c.aliases, *c.annex_names)]
            if any(k.startswith(t) for k in keys for t in typed_keys):
                out.setdefault(c.id, c.label)
    else:
        code = typed.strip().upper()
        states = record.states
        if code and code in states.by_code and states.is_state(states.by_code[code].alpha_3):
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
