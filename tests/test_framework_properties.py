"""Property-based tests of the framework's generic rules (rules/60..90) on random worlds.

The reference model below restates, in plain Python and independently of pyDatalog and of
mla_rules.record.dates (its own calendar arithmetic), what the rules say about the instruments
of facts/instruments.yaml: when an instrument is in force for a State (threshold, delay,
recorded dates, dates of application, sources giving only the date of entry into force,
denunciations and withdrawals), between which two States (objections precluding it, hubs of
the EU's agreements with third States), which instrument displaces which (and the transitional
declarations keeping the old ones for earlier acts), and when a request has a legal basis.

A world is the shipped record with its framework's events replaced by random ones for a few
States, and its catalogue's entry-into-force parameters varied: the recorded general entry into
force is often dropped (so the threshold rule decides), the threshold and the delay ({days: N}
or {months: N}) drawn at random. The Convention's own record is kept: it enters the legal
basis through `can_request`, whose agreement with its own reference model is
tests/test_properties.py's business.

Found by these tests, and fixed in the rules (the two tests at the end of the module keep
them fixed): an objection-lifted event ended an objection only on the day of the lifting; a
date of effect recorded for one deposit also replaced the computed one of another deposit of
the same State and instrument on the same day (deposits were known by State and date, not
type). Mirrored, not flagged: objections play no part for the EU's agreements with hubs
(rules/70 between-hub), which bind a third State and each Member State.

How many cases ran is printed at the end of the module
(`pytest -s tests/test_framework_properties.py`).
"""

from __future__ import annotations

import calendar
import datetime as dt
import itertools
from collections import Counter, defaultdict
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mla_rules.law.engine import Engine, load_rulebook
from mla_rules.questions.context import shipped_record
from mla_rules.record.framework import Instrument, PartyEvent
from mla_rules.record.record import Record

BOOK = load_rulebook()
SHIPPED = shipped_record()
CATALOGUE: dict[str, Instrument] = SHIPPED.framework.instruments  # type: ignore[union-attr]
CONVENTION = "ljubljana-the-hague-2023"
OTHERS = tuple(iid for iid in CATALOGUE if iid != CONVENTION)
STATES = ("FRA", "DEU", "GBR", "ISL", "NOR", "JPN", "ARG")
CRIME_IS = {c.id: c.is_ for c in SHIPPED.crimes.values()}
KINDS = ("mla", "extradition")
# Written out here rather than imported, so that a change of vocabulary shows up.
DEPOSIT_TYPES = ("ratification", "accession", "succession", "acceptance", "approval",
                 "definitive-signature")
END_TYPES = ("denunciation", "withdrawal", "application-end")
NOISE_TYPES = ("signature", "reservation", "declaration")
BASIS = ("legal-basis", "legal-basis-if-treaty-required")
EARLIEST, HORIZON = dt.date(1950, 1, 1), dt.date(2030, 12, 31)
DISPLACEMENTS = tuple((iid, d.instrument) for iid, inst in CATALOGUE.items()
                      for d in inst.displaces)
COUNT: Counter[str] = Counter()
SETTINGS = settings(max_examples=35, deadline=None, derandomize=False,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
FEWER = settings(SETTINGS, max_examples=25)  # the properties that ask the whole rulebook


# ------------------------------------------------------------------ the reference model

def later_by(iso: str, unit: str, amount: int) -> str:
    """`amount` days or months after `iso`; a month too short for the day gives its last day."""
    day = dt.date.fromisoformat(iso)
    if unit == "days":
        return (day + dt.timedelta(days=amount)).isoformat()
    years, month0 = divmod(day.month - 1 + amount, 12)
    year, month = day.year + years, month0 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1])).isoformat()


def coverage(inst: Instrument) -> tuple[set[tuple[str, str]], set[tuple[str, str]]]:
    """The (crime, kind) pairs some clause of `inst` covers, and those a legal-basis clause
    covers. A clause names what crimes are (`is:`), or `any`, or `convention`."""
    covered, basis = set(), set()
    for clause in inst.clauses:
        for kind, (crime, what) in itertools.product(clause.kinds, CRIME_IS.items()):
            if any(w in (what, "any", "convention") for w in clause.crimes):
                covered.add((crime, kind))
                if clause.nature in BASIS:
                    basis.add((crime, kind))
    return covered, basis


class Model:
    """What the framework's rules say about a world, restated in plain Python."""

    def __init__(self, instruments: dict[str, Instrument], events: list[PartyEvent]) -> None:
        self.instruments, self.events = instruments, events
        self.states = sorted({e.state for e in events} | {e.other for e in events if e.other})
        self.general: dict[str, str] = {}
        self.in_force: dict[tuple[str, str], set[str]] = defaultdict(set)
        self.ends: dict[tuple[str, str], set[str]] = defaultdict(set)
        self.objections: dict[tuple[str, str, str], list[str]] = defaultdict(list)
        self.lifts: dict[tuple[str, str, str], list[str]] = defaultdict(list)
        self.keeps: dict[tuple[str, str], list[str]] = defaultdict(list)
        for iid, inst in instruments.items():
            eif = inst.entry_into_force
            if inst.convention or eif is None:
                continue
            deposits = [e for e in events if e.instrument == iid and e.type in DEPOSIT_TYPES]
            dates = sorted(e.date for e in deposits)
            if eif.general:
                self.general[iid] = eif.general
            elif 1 <= eif.threshold <= len(dates):
                self.general[iid] = later_by(dates[eif.threshold - 1], eif.unit, eif.amount)
            # A deposit is known by (State, type, date): a date of effect recorded for it governs.
            recorded: dict[tuple[str, str, str], set[str]] = defaultdict(set)
            for e in deposits:
                if e.effective:
                    recorded[e.state, e.type, e.date].add(e.effective)
            for e in deposits:
                # a succession the depositary dates only by its notification binds from it,
                # never after the delay
                own = recorded.get((e.state, e.type, e.date)) or {
                    e.date if e.type == "succession" else later_by(e.date, eif.unit, eif.amount)}
                if iid in self.general:
                    self.in_force[iid, e.state] |= {max(o, self.general[iid]) for o in own}
        for e in events:
            if e.type == "application":
                self.in_force[e.instrument, e.state].add(e.effective or e.date)
            elif e.type in ("in-force", "party-no-later-than"):  # bound from then at the latest
                self.in_force[e.instrument, e.state].add(e.date)
            elif e.type in END_TYPES:
                self.ends[e.instrument, e.state].add(e.effective or e.date)
            elif e.type == "objection-precluding":
                self.objections[e.instrument, e.state, e.other].append(e.date)  # type: ignore
            elif e.type == "objection-lifted":
                self.lifts[e.instrument, e.state, e.other].append(e.date)  # type: ignore
            elif e.type == "transitional-declaration":
                self.keeps[e.instrument, e.state].append(e.acts_before)  # type: ignore
        self.coverage = {iid: coverage(inst) for iid, inst in instruments.items()}

    # -- entry into force
    def party(self, iid: str, state: str, on: str) -> bool:
        """In force by `on`, and no end by `on` that it has not taken effect again after."""
        starts = self.in_force.get((iid, state), ())
        return (any(d <= on for d in starts)
                and not any(e <= on and not any(e <= f <= on for f in starts)
                            for e in self.ends.get((iid, state), ())))

    def parties(self, on: str) -> set[tuple[str, str, str]]:
        return {(iid, s, on) for iid, s in itertools.product(OTHERS, self.states)
                if self.party(iid, s, on)}

    # -- between
    def objection(self, iid: str, objector: str, reserving: str, on: str) -> bool:
        key = (iid, objector, reserving)
        return (any(d <= on for d in self.objections.get(key, ()))
                and not any(d <= on for d in self.lifts.get(key, ())))

    def between(self, iid: str, a: str, b: str, on: str) -> bool:
        if a == b or not (self.party(iid, a, on) and self.party(iid, b, on)):
            return False
        hubs = self.instruments[iid].between
        if hubs:  # an agreement of the EU with third States: exactly one of the two is a hub
            return (a in hubs) != (b in hubs)  # (objections play no part, as in rules/70)
        return not (self.objection(iid, a, b, on) or self.objection(iid, b, a, on))

    def betweens(self, on: str) -> set[tuple[str, str, str, str]]:
        return {(iid, a, b, on) for iid, a, b in itertools.product(OTHERS, self.states,
                                                                   self.states)
                if self.between(iid, a, b, on)}

    # -- clauses, displacement, legal basis
    def applies(self, on: str, convention: set[tuple[Any, ...]]) -> set[tuple[str, ...]]:
        """applies_between rows; `convention` is can_request's answer on `on`."""
        out = {(CONVENTION, *row) for row in convention}
        for iid, a, b, _ in self.betweens(on):
            out |= {(iid, a, b, crime, kind, on) for crime, kind in self.coverage[iid][0]}
        return out

    def legal_bases(self, applies: set[tuple[str, ...]]) -> set[tuple[str, ...]]:
        return {row[1:] for row in applies if row[3:5] in self.coverage[row[0]][1]}

    def superseded(self, applies: set[tuple[str, ...]], committed: str
                   ) -> set[tuple[str, ...]]:
        out = set()
        for displacer, inst in self.instruments.items():
            for old, kind in ((d.instrument, k) for d in inst.displaces for k in d.kinds):
                for row in applies:
                    if row[0] != displacer or row[4] != kind:
                        continue
                    _, a, b, crime, _, on = row
                    kept = committed != "" and any(committed < x for x in
                                                   self.keeps.get((displacer, b), ()))
                    if (old, a, b, crime, kind, on) not in applies:
                        continue
                    # for acts the requested State kept under the old instruments, those
                    # displace the newer one (FD Art. 32), else the newer displaces them
                    out.add((displacer, old, a, b, crime, kind, on, committed) if kept else
                            (old, displacer, a, b, crime, kind, on, committed))
        return out

    def boundaries(self) -> set[str]:
        """Dates where an answer may change."""
        out = {e.date for e in self.events} | {e.effective for e in self.events if e.effective}
        out |= set(self.general.values())
        out |= {d for dates in self.in_force.values() for d in dates}
        out |= {d for dates in self.ends.values() for d in dates}
        return out


# ------------------------------------------------------------------ random worlds

def days(lo: dt.date, hi: dt.date) -> st.SearchStrategy[str]:
    return st.integers(0, max((hi - lo).days, 0)).map(
        lambda n: (lo + dt.timedelta(days=n)).isoformat())


def near(pool: list[str], lo: dt.date, hi: dt.date = HORIZON) -> st.SearchStrategy[str]:
    """A date in [lo, hi], often one of the world's shared dates (so that events of different
    States and instruments fall on the same day)."""
    lo_iso, hi_iso = lo.isoformat(), hi.isoformat()
    shared = st.sampled_from(pool).map(lambda d: min(max(d, lo_iso), hi_iso))
    return st.one_of(shared, shared, days(lo, hi))


def later(date: str, limit: int = 1500) -> st.SearchStrategy[str]:
    start = dt.date.fromisoformat(date)
    return days(start, min(start + dt.timedelta(days=limit), HORIZON))


def adopted(iid: str) -> dt.date:
    return max(EARLIEST, dt.date.fromisoformat(CATALOGUE[iid].adopted))


Entry = tuple[str | None, int, str, int]  # general, threshold, unit, amount


@st.composite
def entries(draw: st.DrawFn, pool: list[str]) -> dict[str, Entry]:
    """Each instrument's entry into force varied: the recorded general entry kept, dropped
    (the threshold decides) or moved; threshold and delay redrawn."""
    out = {}
    for iid, inst in CATALOGUE.items():
        eif = inst.entry_into_force
        if eif is None:
            continue
        general = draw(st.sampled_from([eif.general, None, None, draw(near(pool, adopted(iid)))]))
        threshold = draw(st.one_of(st.just(eif.threshold), st.integers(1, 4)))
        unit, amount = draw(st.one_of(st.just((eif.unit, eif.amount)),
                                      st.tuples(st.just("days"), st.integers(0, 120)),
                                      st.tuples(st.just("months"), st.integers(0, 14))))
        out[iid] = (general, threshold, unit, amount)
    return out


@st.composite
def state_events(draw: st.DrawFn, iid: str, state: str, others: list[str], pool: list[str],
                 core: bool) -> list[PartyEvent]:
    """One State's events for one instrument; a `core` instrument (a displacer, or what it
    displaces) is joined more often and left less often."""
    inst, lo = CATALOGUE[iid], adopted(iid)
    events: list[PartyEvent] = []

    def add(kind: str, date: str, **extra: Any) -> None:
        events.append(PartyEvent(iid, state, kind, date, "generated", **extra))

    for _ in range(draw(st.sampled_from([1, 1, 2] if core else [0, 1, 1, 1, 2]))):
        kind = draw(st.sampled_from(DEPOSIT_TYPES))
        date = draw(near(pool, lo))
        effective = draw(st.one_of(st.none(), st.none(), st.none(), later(date),
                                   *([near(pool, lo)] if kind == "succession" else [])))
        add(kind, date, effective=effective)
    if inst.application and (core or draw(st.integers(0, 3))):
        date = draw(near(pool, lo))
        add("application", date, effective=draw(st.one_of(st.none(), st.none(), later(date))))
    if draw(st.integers(0, 5)) == 0:
        add("in-force", draw(near(pool, lo)))
    if draw(st.integers(0, 6)) == 0:
        add("party-no-later-than", draw(near(pool, lo)))
    if draw(st.integers(0, 6 if core else 3)) == 0:
        date = draw(near(pool, lo))
        add(draw(st.sampled_from(END_TYPES)), date,
            effective=draw(st.one_of(st.none(), later(date, 400))))
    if others and draw(st.integers(0, 2)) == 0:  # liftings: see the test at the end
        add("objection-precluding", draw(near(pool, lo)), other=draw(st.sampled_from(others)))
    if inst.displaces and draw(st.integers(0, 1)) == 0:
        add("transitional-declaration", draw(near(pool, lo)), acts_before=draw(near(pool, lo)))
    if draw(st.integers(0, 3)) == 0:
        add(draw(st.sampled_from(NOISE_TYPES)), draw(near(pool, lo)))
    return events


World = tuple[dict[str, Entry], list[PartyEvent]]


@st.composite
def worlds(draw: st.DrawFn) -> World:
    """A few States, a few instruments (often a displacer with what it displaces), their
    events, and the catalogue's entry-into-force parameters varied."""
    states = draw(st.lists(st.sampled_from(STATES), min_size=2, max_size=5, unique=True))
    pool = draw(st.lists(days(EARLIEST, HORIZON), min_size=2, max_size=6))
    chosen = set(draw(st.lists(st.sampled_from(OTHERS), min_size=1, max_size=4)))
    pair = draw(st.sampled_from([None, *DISPLACEMENTS]))
    chosen |= set(pair or ())
    events = [e for iid in sorted(chosen) for s in states
              for e in draw(state_events(iid, s, [o for o in states if o != s], pool,
                                         iid in (pair or ())))]
    return draw(entries(pool)), events


def catalogue_of(world: World) -> dict[str, Instrument]:
    out = dict(CATALOGUE)
    for iid, (general, threshold, unit, amount) in world[0].items():
        eif = CATALOGUE[iid].entry_into_force
        assert eif is not None
        out[iid] = out[iid]._replace(entry_into_force=eif._replace(
            general=general, threshold=threshold, unit=unit, amount=amount))
    return out


def record_of(world: World) -> Record:
    fw = SHIPPED.framework
    assert fw is not None
    return SHIPPED._replace(framework=fw._replace(events=tuple(world[1]),
                                                  instruments=catalogue_of(world)))


def model_of(world: World) -> Model:
    return Model(catalogue_of(world), world[1])


def day_before(iso: str) -> str:
    return (dt.date.fromisoformat(iso) - dt.timedelta(days=1)).isoformat()


def query_dates(model: Model, data: st.DataObject, limit: int = 8) -> list[str]:
    """Boundaries and the days before them, at most `limit` at random, the last boundary
    (when most instruments are in force) and one arbitrary date."""
    candidates = sorted({d for b in model.boundaries() for d in (b, day_before(b))})
    chosen = data.draw(st.permutations(candidates))[:limit] if candidates else []
    return [*chosen, *candidates[-1:], data.draw(days(EARLIEST, HORIZON))]


def committed_dates(model: Model, data: st.DataObject) -> list[str]:
    """'' (date of the acts unknown), an arbitrary date, and around a declared date."""
    declared = sorted({x for dates in model.keeps.values() for x in dates})
    around = [d for x in declared for d in (x, day_before(x))]
    picked = data.draw(st.permutations(around))[:2] if around else []
    return ["", data.draw(days(EARLIEST, HORIZON)), *picked]


def ask(engine: Engine, predicate: str, args: tuple[Any, ...]) -> set[tuple[Any, ...]]:
    COUNT["queries"] += 1
    return set(engine.query(predicate, args))


def convention(engine: Engine, on: str) -> set[tuple[Any, ...]]:
    return ask(engine, "can_request", (None, None, None, None, on))


def applies(engine: Engine, on: str) -> set[tuple[Any, ...]]:
    return ask(engine, "applies_between", (None, None, None, None, None, on))


def setup(world: World, counter: str) -> tuple[Model, Engine]:
    COUNT[f"worlds ({counter})"] += 1
    COUNT["events"] += len(world[1])
    return model_of(world), Engine(record_of(world), BOOK)


# ------------------------------------------------------------------ properties

@SETTINGS
@given(world=worlds(), data=st.data())
def test_entry_into_force_agrees_with_the_reference_model(world: World,
                                                          data: st.DataObject) -> None:
    """1. For every instrument and State, the dates from which it is in force, and on every
    query date whether the State is bound (instrument_party_on), as the model says."""
    model, engine = setup(world, "entry into force")
    got_from = ask(engine, "instrument_in_force_for", (None, None, None))
    expected_from = {(iid, s, d) for (iid, s), dates in model.in_force.items() for d in dates}
    assert got_from == expected_from, sorted(got_from ^ expected_from)[:6]
    for on in query_dates(model, data):
        got, expected = ask(engine, "instrument_party_on", (None, None, on)), model.parties(on)
        assert got == expected, (on, sorted(got ^ expected)[:6])
    for _ in range(4):  # the yes/no question, fully bound, as the commands ask it
        iid = data.draw(st.sampled_from(OTHERS))
        state, on = data.draw(st.sampled_from(STATES)), data.draw(days(EARLIEST, HORIZON))
        COUNT["queries"] += 1
        assert engine.holds("instrument_party_on", (iid, state, on)) == \
            model.party(iid, state, on), (iid, state, on)


@SETTINGS
@given(world=worlds(), data=st.data())
def test_in_force_between_agrees_with_the_reference_model(world: World,
                                                          data: st.DataObject) -> None:
    """2. An instrument is in force between two different parties unless an objection
    precludes it either way; an EU agreement with third States only between a hub and a
    non-hub. (Objections are not lifted here: the test at the end covers liftings.)"""
    model, engine = setup(world, "between")
    for on in query_dates(model, data):
        got = ask(engine, "in_force_between", (None, None, None, on))
        expected = model.betweens(on)
        assert got == expected, (on, sorted(got ^ expected)[:6])
        for iid, a, b, _ in got:
            COUNT["pairs in force"] += 1
            assert (iid, b, a, on) in got, "not symmetric"


@FEWER
@given(world=worlds(), data=st.data())
def test_displacement_agrees_with_the_reference_model(world: World, data: st.DataObject
                                                      ) -> None:
    """3. superseded_by holds exactly when a displacer of the catalogue and what it displaces
    both apply to the request; the other way round where the requested State kept the old
    instruments for acts committed before its declared date (and the date of the acts is
    known)."""
    model, engine = setup(world, "displacement")
    for on in query_dates(model, data, limit=4):
        expected_applies = model.applies(on, convention(engine, on))
        got_applies = applies(engine, on)
        assert got_applies == expected_applies, (on, sorted(got_applies ^ expected_applies)[:6])
        for committed in committed_dates(model, data):
            got = ask(engine, "superseded_by", (None,) * 6 + (on, committed))
            expected = model.superseded(expected_applies, committed)
            COUNT["displacements found"] += len(got)
            assert got == expected, (on, committed, sorted(got ^ expected)[:6])


@FEWER
@given(world=worlds(), data=st.data())
def test_legal_basis_agrees_with_the_reference_model(world: World, data: st.DataObject
                                                     ) -> None:
    """4. A request has a legal basis when some instrument applies whose clause for the kind
    and crime is a legal basis (or one where the requested State requires a treaty): an
    undertaking is never one; the Convention through can_request."""
    model, engine = setup(world, "legal basis")
    for on in query_dates(model, data, limit=4):
        expected = model.legal_bases(model.applies(on, convention(engine, on)))
        got = ask(engine, "has_legal_basis", (None, None, None, None, on))
        COUNT["legal bases found"] += len(got)
        assert got == expected, (on, sorted(got ^ expected)[:6])


GENERAL_EXTRADITION = {iid for iid, inst in CATALOGUE.items() if "extradition" in inst.general}
TREATY_REQUIRED = {iid for iid, inst in CATALOGUE.items()
                   if any(c.nature == "legal-basis-if-treaty-required" for c in inst.clauses)}
SUPPLEMENTING = {(iid, kind) for iid, inst in CATALOGUE.items() for c in inst.clauses
                 if c.nature == "supplements" for kind in c.kinds}


@settings(FEWER, max_examples=6)
@given(world=worlds(), data=st.data())
def test_the_instrument_that_governs(world: World, data: st.DataObject) -> None:
    """4b. Exactly one instrument governs a request that has a legal basis, none one that has
    not; it is an applying legal basis (legal_basis_under), never displaced and never a
    supplementing instrument; and where a general extradition instrument of the catalogue is a
    legal basis between the two States, no treaty-required clause is one."""
    model, engine = setup(world, "governs")
    for on in query_dates(model, data, limit=3):
        bases = ask(engine, "legal_basis_under", (None, None, None, None, None, on))
        governing = ask(engine, "governs", (None,) * 5 + (on, ""))
        displaced = {(r[0], *r[2:7]) for r in ask(engine, "superseded_by",
                                                   (None,) * 6 + (on, ""))}
        requests = {r[1:] for r in bases}
        assert {r[1:6] for r in governing} == requests, on
        per_request = Counter(r[1:6] for r in governing)
        assert set(per_request.values()) <= {1}, per_request.most_common(2)
        for row in governing:
            COUNT["governing found"] += 1
            assert row[:6] in bases and row[:6] not in displaced, row
            assert (row[0], row[4]) not in SUPPLEMENTING, row
        treaties = {(r[1], r[2], r[3], r[5]) for r in bases
                    if r[0] in GENERAL_EXTRADITION and r[4] == "extradition"}
        for iid, a, b, crime, kind, _ in bases:
            if iid in TREATY_REQUIRED and kind == "extradition":
                assert (a, b, crime, on) not in treaties, (iid, a, b, crime, on)


@st.composite
def deposits(draw: st.DrawFn, world: World) -> PartyEvent:
    """One more deposit, for an instrument with an entry-into-force clause. (Never on the day
    of another deposit of the same State and instrument: a deposit is known by its State and
    date, so a date of effect recorded for one would replace the other's computed one.)"""
    events = world[1]
    iid = draw(st.sampled_from(sorted(world[0])))
    state = draw(st.sampled_from(STATES))
    taken = {e.date for e in events if (e.instrument, e.state) == (iid, state)
             and e.type in DEPOSIT_TYPES}
    pool = sorted({e.date for e in events} - taken) or ["2000-01-01"]
    date = draw(near(pool, adopted(iid)).filter(lambda d: d not in taken))
    effective = draw(st.one_of(st.none(), st.none(), later(date)))
    return PartyEvent(iid, state, draw(st.sampled_from(DEPOSIT_TYPES)), date,
                      "generated extra deposit", effective=effective)


@FEWER
@given(world=worlds(), data=st.data())
def test_a_deposit_never_removes_a_legal_basis(world: World, data: st.DataObject) -> None:
    """5. Adding a deposit keeps every instrument that applied and every legal basis; and
    displacement never takes an instrument out of applies_between (the displaced instrument
    still applies and names what displaces it)."""
    extra = data.draw(deposits(world))
    grown = (world[0], [*world[1], extra])
    dates = query_dates(model_of(grown), data, limit=3)
    _, before = setup(world, "monotonicity")
    # One engine at a time: switching knowledge bases between queries costs a lot.
    answers_before = {on: (applies(before, on), ask(before, "has_legal_basis", (None,) * 4 +
                                                    (on,))) for on in dates}
    after = Engine(record_of(grown), BOOK)
    for on in dates:
        (applied_before, basis_before) = answers_before[on]
        applied_after = applies(after, on)
        assert applied_before <= applied_after, (on, extra, sorted(applied_before -
                                                                   applied_after)[:6])
        basis_after = ask(after, "has_legal_basis", (None, None, None, None, on))
        assert basis_before <= basis_after, (on, extra, sorted(basis_before - basis_after)[:6])
        for row in ask(after, "superseded_by", (None,) * 6 + (on, "")):
            COUNT["displacements checked"] += 1
            displaced, _, a, b, crime, kind, _, _ = row
            assert (displaced, a, b, crime, kind, on) in applied_after, row


# ------------------------------------------------------------------ disagreements found

def objection_world() -> World:
    """France and Germany both parties to the Genocide Convention; France objects that the
    Convention is not in force between it and Germany (1970), and lifts its objection (1980)."""
    iid = "genocide-1948"
    events = [PartyEvent(iid, "FRA", "ratification", "1955-01-01", "x"),
              PartyEvent(iid, "DEU", "accession", "1955-01-01", "x"),
              PartyEvent(iid, "FRA", "objection-precluding", "1970-01-01", "x", other="DEU"),
              PartyEvent(iid, "FRA", "objection-lifted", "1980-01-01", "x", other="DEU")]
    return {}, events


def test_a_lifted_objection_stays_lifted() -> None:
    """Minimal example: in 1990, ten years after France lifted its objection, the Genocide
    Convention is in force between France and Germany (it is on the day of the lifting)."""
    model, engine = setup(objection_world(), "objection lifted")
    for on in ("1965-01-01", "1975-01-01", "1980-01-01", "1990-01-01"):
        expected = model.between("genocide-1948", "FRA", "DEU", on)
        assert engine.holds("in_force_between", ("genocide-1948", "FRA", "DEU", on)) == \
            expected, on


def test_a_same_day_deposit_never_removes_a_legal_basis() -> None:
    """Minimal example: France and Germany ratify ETS 30 on 1 January 2000 (in force for both
    from 31 March 2000); a second French instrument of the same day, recorded as taking effect
    in 2010, takes the Convention away from France until 2010."""
    iid = "coe-mla-1959"
    base = [PartyEvent(iid, "FRA", "ratification", "2000-01-01", "x"),
            PartyEvent(iid, "DEU", "ratification", "2000-01-01", "x")]
    extra = PartyEvent(iid, "FRA", "accession", "2000-01-01", "x", effective="2010-01-01")
    question = ("FRA", "DEU", "genocide", "mla", "2005-01-01")
    _, before = setup(({}, base), "same-day deposit")
    assert before.holds("has_legal_basis", question)
    _, after = setup(({}, [*base, extra]), "same-day deposit")
    assert after.holds("has_legal_basis", question)


@pytest.fixture(scope="module", autouse=True)
def _report_counts() -> Iterator[None]:
    yield
    print(f"\n[test_framework_properties] generated cases: {dict(COUNT)}")
