"""Property-based tests: random worlds of depositary events against the engine.

The reference model below restates rules/*.dl in plain Python, independently of pyDatalog and
of mla_rules.dates (its own month arithmetic), so that a mistake in the rules' clauses, in
the engine's loading of them or in the translation of events into facts shows up as a
disagreement on some generated world. Worlds have a few States with random signatures,
instruments (recorded dates of effect included), Art. 2(2) declarations and withdrawals,
provisional applications and their end, denunciations, and random values of the unverified
parameters.

How many cases ran is printed at the end of the module (`pytest -s tests/test_properties.py`).
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mla_rules.law.engine import Engine, load_rulebook
from mla_rules.questions.context import shipped_record
from mla_rules.record.record import Event, Record

BOOK = load_rulebook()
STATES = ("LVA", "SVN", "BEL", "KEN")
ANNEX_POOL = "AFGH"
CRIMES = ("genocide", "war-crimes", "annex-a", "annex-f", "annex-g", "annex-h")
KINDS = ("mla", "extradition")
PART_KIND = {"III": "mla", "IV": "extradition"}
ADOPTED = dt.date(2023, 5, 26)
SIGNATURE_OPEN, SIGNATURE_CLOSED = dt.date(2024, 2, 14), dt.date(2025, 2, 14)
HORIZON = dt.date(2031, 12, 31)
DELAY_PARAMETER = {"ratification": "entry_into_force_delay_months",
                   "acceptance": "entry_into_force_delay_months",
                   "approval": "entry_into_force_delay_months",
                   "accession": "entry_into_force_delay_months",
                   "declaration": "declaration_delay_months",
                   "declaration-withdrawal": "withdrawal_delay_months",
                   "denunciation": "denunciation_delay_months"}
INSTRUMENTS = ("ratification", "acceptance", "approval", "accession")
COUNT: Counter[str] = Counter()
SETTINGS = settings(max_examples=60, deadline=None, derandomize=False,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


# ------------------------------------------------------------------ the reference model

def month_rule(notified: str, months: int) -> str:
    """First day of the month following the expiry of `months` months after `notified`."""
    day = dt.date.fromisoformat(notified)
    month0 = day.month - 1 + months
    expiry_year, expiry_month = day.year + month0 // 12, month0 % 12 + 1
    following = dt.date(expiry_year + expiry_month // 12, expiry_month % 12 + 1, 1)
    return following.isoformat()


class Model:
    """What the Convention, as encoded, says about a world: a plain-Python restatement."""

    def __init__(self, events: list[Event], params: dict[str, int]) -> None:
        self.events = events
        self.params = params
        self.recorded = {(e.state, e.type, e.date): e.effective for e in events if e.effective}
        deposits = sorted((e for e in events if e.type in INSTRUMENTS),
                          key=lambda e: (e.date, e.state))
        rank = params["entry_into_force_threshold"]
        self.general: set[str] = set()
        if 1 <= rank <= len(deposits):
            nth = deposits[rank - 1]
            self.general = {self.effect(e) for e in deposits
                            if (e.state, e.date) == (nth.state, nth.date)}
        self.in_force: dict[str, set[str]] = {}
        for e in deposits:
            self.in_force.setdefault(e.state, set()).update(
                max(self.effect(e), g) for g in self.general)

    def effect(self, e: Event) -> str:
        key = (e.state, e.type, e.date)
        if key in self.recorded:
            return self.recorded[key]  # type: ignore[return-value]
        return month_rule(e.date, self.params[DELAY_PARAMETER[e.type]])

    def of(self, state: str, kind: str) -> Iterator[Event]:
        return (e for e in self.events if e.state == state and e.type == kind)

    def denounced_by(self, state: str, on: str) -> bool:
        return any(self.effect(e) <= on for e in self.of(state, "denunciation"))

    def party(self, state: str, on: str) -> bool:
        return (any(d <= on for d in self.in_force.get(state, ()))
                and not self.denounced_by(state, on))

    def provisional(self, state: str, kind: str, on: str) -> bool:
        if self.denounced_by(state, on):
            return False
        for e in self.of(state, "provisional-application"):
            for part in e.parts:
                if PART_KIND[part] != kind or e.date > on:
                    continue
                ended = any(part in end.parts and e.date <= end.date <= on
                            for end in self.of(state, "provisional-application-end"))
                if not ended:
                    return True
        return False

    def bound(self, state: str, kind: str, on: str) -> bool:
        return self.party(state, on) or self.provisional(state, kind, on)

    def opted_in(self, state: str, annex: str, on: str) -> bool:
        for d in self.of(state, "declaration"):
            if annex not in d.annexes:
                continue
            withdrawn = any(annex in w.annexes and w.date >= d.date and self.effect(w) <= on
                            for w in self.of(state, "declaration-withdrawal"))
            if withdrawn:
                continue
            if any(max(f, self.effect(d)) <= on for f in self.in_force.get(state, ())):
                return True
        return False

    def covered(self, a: str, b: str, crime: str, on: str) -> bool:
        if not crime.startswith("annex-"):
            return True
        annex = crime[-1].upper()
        return self.opted_in(a, annex, on) and self.opted_in(b, annex, on)

    def relations(self, on: str) -> set[tuple[str, ...]]:
        return {(a, b, c, k, on) for a, b, c, k in itertools.product(STATES, STATES, CRIMES, KINDS)
                if a != b and self.bound(a, k, on) and self.bound(b, k, on)
                and self.covered(a, b, c, on)}

    def boundaries(self) -> set[str]:
        """Dates where something may change: event dates, dates of effect, entries into force."""
        out = {e.date for e in self.events} | self.general
        out |= {self.effect(e) for e in self.events if e.type in DELAY_PARAMETER}
        out |= {d for dates in self.in_force.values() for d in dates}
        return out


# ------------------------------------------------------------------ random worlds

def days(lo: dt.date, hi: dt.date) -> st.SearchStrategy[str]:
    return st.integers(0, max((hi - lo).days, 0)).map(
        lambda n: (lo + dt.timedelta(days=n)).isoformat())


def later(date: str, limit: int = 900) -> st.SearchStrategy[str]:
    start = dt.date.fromisoformat(date)
    return days(start, min(start + dt.timedelta(days=limit), HORIZON))


def near(pool: list[str], lo: dt.date, hi: dt.date) -> st.SearchStrategy[str]:
    """A date in [lo, hi]: often one of the world's shared dates, so that events of different
    States and kinds fall on the same day (the boundaries where mistakes hide)."""
    lo_iso, hi_iso = lo.isoformat(), hi.isoformat()
    shared = st.sampled_from(pool).map(lambda d: min(max(d, lo_iso), hi_iso))
    return st.one_of(shared, shared, days(lo, hi))


@st.composite
def state_events(draw: st.DrawFn, state: str, pool: list[str]) -> list[Event]:
    events = []

    def add(kind: str, date: str, **extra: Any) -> None:
        events.append(Event(state, kind, date, f"generated world ({state} {kind})", **extra))

    signed = draw(st.booleans())
    start = ADOPTED
    if signed:
        date = draw(near(pool, SIGNATURE_OPEN, SIGNATURE_CLOSED))
        add("signature", date)
        start = dt.date.fromisoformat(date)
    kinds = ["ratification", "acceptance", "approval"] if signed else ["accession"]
    instrument = draw(st.sampled_from([None, *kinds, *kinds]))
    if instrument:
        date = draw(near(pool, start, dt.date(2029, 12, 31)))
        effective = draw(st.one_of(st.none(), st.none(), st.none(), later(date, 400)))
        add(instrument, date, effective=effective)
    for annexes, date in draw(st.lists(st.tuples(
            st.sets(st.sampled_from(ANNEX_POOL), min_size=1), near(pool, ADOPTED, HORIZON)),
            max_size=2)):
        add("declaration", date, annexes=tuple(sorted(annexes)))
    for annexes, date in draw(st.lists(st.tuples(
            st.sets(st.sampled_from(ANNEX_POOL), min_size=1), near(pool, ADOPTED, HORIZON)),
            max_size=1)):
        add("declaration-withdrawal", date, annexes=tuple(sorted(annexes)))
    for part, date in draw(st.lists(st.tuples(st.sampled_from(["III", "IV"]),
                                              near(pool, ADOPTED, HORIZON)), max_size=1)):
        add("provisional-application", date, parts=(part,))
        if draw(st.booleans()):
            add("provisional-application-end", draw(near(pool, ADOPTED, HORIZON)),
                parts=(part,))
    for date in draw(st.lists(near(pool, ADOPTED, HORIZON), max_size=1)):
        add("denunciation", date)
    return events


@st.composite
def worlds(draw: st.DrawFn) -> tuple[list[Event], dict[str, int]]:
    states = draw(st.lists(st.sampled_from(STATES), min_size=2, max_size=4, unique=True))
    pool = draw(st.lists(days(ADOPTED, HORIZON), min_size=2, max_size=5))
    events = [e for s in states for e in draw(state_events(s, pool))]
    params = {"entry_into_force_threshold": draw(st.integers(0, 3)),
              "entry_into_force_delay_months": draw(st.integers(0, 4)),
              "declaration_delay_months": draw(st.integers(0, 4)),
              "withdrawal_delay_months": draw(st.integers(0, 4)),
              "denunciation_delay_months": draw(st.integers(0, 13))}
    return events, params


EMPTY = shipped_record()._replace(events=(), notes=())


def record_of(events: list[Event], params: dict[str, int]) -> Record:
    parameters = {name: p._replace(value=params[name]) for name, p in EMPTY.parameters.items()}
    return EMPTY._replace(events=tuple(events), parameters=parameters)


def day_before(iso: str) -> str:
    return (dt.date.fromisoformat(iso) - dt.timedelta(days=1)).isoformat()


def query_dates(model: Model, data: st.DataObject, limit: int = 10) -> list[str]:
    """The boundaries and the days before them, at most `limit` of them chosen at random,
    plus one arbitrary date."""
    candidates = sorted({d for b in model.boundaries() for d in (b, day_before(b))})
    chosen = data.draw(st.permutations(candidates))[:limit] if candidates else []
    return [*chosen, data.draw(days(ADOPTED, HORIZON))]


def engine_relations(engine: Engine, on: str) -> set[tuple[str, ...]]:
    COUNT["queries"] += 1
    return {tuple(row) for row in engine.query("can_request", (None, None, None, None, on))
            if row[2] in CRIMES}


# ------------------------------------------------------------------ properties

@SETTINGS
@given(world=worlds(), data=st.data())
def test_engine_agrees_with_the_reference_model(
        world: tuple[list[Event], dict[str, int]], data: st.DataObject) -> None:
    """On every generated world and date, pyDatalog and the reference model give the same set
    of (requesting, requested, crime, kind) relations, and the same entry-into-force dates."""
    events, params = world
    model, engine = Model(events, params), Engine(record_of(events, params), BOOK)
    COUNT["worlds (agreement)"] += 1
    engine_in_force: dict[str, set[str]] = {}
    for state, date in engine.query("in_force_for", (None, None)):
        engine_in_force.setdefault(state, set()).add(date)
    assert engine_in_force == {s: d for s, d in model.in_force.items() if d}
    for on in query_dates(model, data):
        got, expected = engine_relations(engine, on), model.relations(on)
        assert got == expected, (on, sorted(got ^ expected)[:6])


@SETTINGS
@given(world=worlds(), data=st.data())
def test_invariants_of_every_answer(world: tuple[list[Event], dict[str, int]],
                                    data: st.DataObject) -> None:
    """Reciprocity is symmetric; a State never cooperates with itself; nothing applies before
    the later of the two States' entries into force (unless a State applies the Convention
    provisionally, the flagged interpretation) or once a State Party's denunciation has taken
    effect (same exception: see the xfail test below)."""
    events, params = world
    model, engine = Model(events, params), Engine(record_of(events, params), BOOK)
    COUNT["worlds (invariants)"] += 1
    for on in query_dates(model, data):
        relations = engine_relations(engine, on)
        for a, b, crime, kind, _ in relations:
            COUNT["relations checked"] += 1
            assert a != b
            assert (b, a, crime, kind, on) in relations, "not symmetric"
            for state in (a, b):
                if model.provisional(state, kind, on):
                    continue
                assert min(model.in_force[state]) <= on, f"{state} not yet in force on {on}"
                assert not model.denounced_by(state, on), f"{state} denounced by {on}"


@SETTINGS
@given(world=worlds(), extra=st.data())
def test_an_opt_in_never_removes_a_relation(world: tuple[list[Event], dict[str, int]],
                                            extra: st.DataObject) -> None:
    """Adding an Art. 2(2) declaration to a world keeps every relation it had."""
    events, params = world
    states = sorted({e.state for e in events} or {"LVA"})
    state = extra.draw(st.sampled_from(states))
    annexes = tuple(sorted(extra.draw(st.sets(st.sampled_from(ANNEX_POOL), min_size=1))))
    declaration = Event(state, "declaration", extra.draw(days(ADOPTED, HORIZON)),
                        "generated opt-in", annexes=annexes)
    before = Engine(record_of(events, params), BOOK)
    after = Engine(record_of([*events, declaration], params), BOOK)
    COUNT["worlds (opt-in)"] += 1
    for on in query_dates(Model([*events, declaration], params), extra, limit=6):
        assert engine_relations(before, on) <= engine_relations(after, on), (on, declaration)


@SETTINGS
@given(world=worlds(), data=st.data())
def test_a_scenario_never_changes_the_baseline(world: tuple[list[Event], dict[str, int]],
                                               data: st.DataObject) -> None:
    """Evaluating a what-if scenario on top of the shipped record leaves the shipped record and
    an engine built on it exactly as they were."""
    baseline_record = shipped_record()
    events_before = baseline_record.events
    baseline = Engine(baseline_record, BOOK)
    dates = [data.draw(days(ADOPTED, HORIZON)) for _ in range(2)]
    answers = {on: engine_relations(baseline, on) for on in dates}
    events, params = world
    overlay = {"name": "generated", "events": [
        {"state": e.state, "type": e.type, "date": e.date,
         **({"annexes": list(e.annexes)} if e.annexes else {}),
         **({"parts": list(e.parts)} if e.parts else {}),
         **({"effective": e.effective} if e.effective else {})}
        for e in events if e.type not in ("signature", "ratification", "acceptance", "approval")],
        "parameters": params}
    what_if = Engine(baseline_record.with_overlay(overlay, "generated scenario"), BOOK)
    COUNT["scenarios"] += 1
    for on in dates:
        engine_relations(what_if, on)
        assert engine_relations(baseline, on) == answers[on]
    assert shipped_record() is baseline_record and baseline_record.events == events_before
    assert all(e.scenario is None for e in shipped_record().events)


def test_a_denunciation_ends_provisional_application_too() -> None:
    """Minimal example: Slovenia ratifies and applies Part III provisionally, then denounces;
    two years after the denunciation took effect it is still 'bound' for mutual legal
    assistance through the provisional application."""
    events = [Event("SVN", "ratification", "2024-03-01", "x"),
              Event("LVA", "accession", "2024-03-01", "x"),
              Event("SVN", "provisional-application", "2024-03-01", "x", parts=("III",)),
              Event("SVN", "denunciation", "2026-01-01", "x")]
    params = {p.name: p.value for p in EMPTY.parameters.values()}
    engine = Engine(record_of(events, params), BOOK)
    assert Model(events, params).denounced_by("SVN", "2029-01-01")
    assert not engine.can_request("LVA", "SVN", "genocide", "mla", "2029-01-01")


@pytest.fixture(scope="module", autouse=True)
def _report_counts() -> Iterator[None]:
    yield
    print(f"\n[test_properties] generated cases: {dict(COUNT)}")
