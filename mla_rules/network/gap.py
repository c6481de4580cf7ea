"""The gap the Convention closes: for every ordered pair of States, per crime and kind, which
instruments of the catalogue are a legal basis for a request (natures `legal-basis` and
`legal-basis-if-treaty-required`), and which apply only as undertakings.

Asking pyDatalog `legal_basis_under(I, A, B, Crime, Kind, On)` for ~200 × 200 States would
take minutes. As for the matrix, the per-State and per-instrument conditions of the rules are
derived in pyDatalog — `instrument_party_on(I, S, On)`, `instrument_hub(I, S)`,
`precluded_between(I, A, B, On)`, `covers(I, P, Crime, Kind, Nature)`, `counts_as_basis`, and
the Convention's network — and pairs are expanded the way rules/70, 80 and 90 combine them:

    in_force_between(I, A, B)  if  party(I, A), party(I, B), A != B, I has no hub,
                                   no objection precludes I between A and B
                               or  exactly one of A, B is a hub of I, both parties
    legal_basis_under(I, ...)  if  covers(I, _, Crime, Kind, Nature), counts_as_basis(Nature),
                                   in_force_between(I, A, B)  (the Convention: can_request),
                                   and, for a treaty-required clause, no general extradition
                                   instrument is a basis between A and B (rules/95)

tests/test_gap.py checks, on samples, that this gives exactly pyDatalog's own answers.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

from mla_rules import budget
from mla_rules.law.engine import Engine
from mla_rules.network.matrix import KINDS, Network
from mla_rules.record.framework import CONVENTION_ID
from mla_rules.record.limits import MAX_BYTES, read_limited
from mla_rules.record.record import Record


class Row(NamedTuple):
    requesting: str
    requested: str
    crime: str
    kind: str
    bases: tuple[str, ...]
    undertakings: tuple[str, ...]
    # no basis found, and these instruments could not be decided (as `mla legal-basis`)
    undecided: tuple[str, ...] = ()


def universe(record: Record, path: Path | None = None) -> list[str]:
    """The States over which the gap is measured: UN members, observer States, and the other
    States the shipped instruments name (facts/universe.json), sorted by code."""
    import json

    from mla_rules.law.engine import FACTS_DIR

    doc = json.loads(read_limited(path or FACTS_DIR / "universe.json", MAX_BYTES).decode())
    named = {e.state for e in record.events}
    if record.framework is not None:
        named |= {e.state for e in record.framework.events}
    states = set(doc["un_members"]) | set(doc["observers"]) | (
        set(doc["others_if_named"]) & named)
    return sorted(s for s in states if s in record.states.by_code)


class Gap:
    """The framework's per-State conditions on one date, from which pairs are expanded."""

    def __init__(self, engine: Engine, on: str, states: Iterable[str],
                 kinds: Iterable[str] = KINDS, crimes: Iterable[str] | None = None,
                 lazy: bool = False) -> None:
        """`lazy`: derive each State's participation when a pair first needs it (a what-if
        touches a few States), instead of every State's at once (the whole world)."""
        record = engine.record
        fw = record.framework
        assert fw is not None
        self.on = on
        self.states = tuple(states)
        self.kinds = tuple(kinds)
        self.network = Network(engine, on, self.kinds, crimes)
        self.crimes = self.network.crimes
        self.order = [i for i in fw.instruments if i != CONVENTION_ID]
        self.bit = {iid: 1 << n for n, iid in enumerate(self.order)}
        self.ids = {1 << n: iid for n, iid in enumerate(self.order)}
        basis = {n for (n,) in engine.query("counts_as_basis", (None,))}
        # (crime, kind) -> bit masks of the instruments covering it as a basis / undertaking
        self.basis_mask: dict[tuple[str, str], int] = defaultdict(int)
        self.undertaking_mask: dict[tuple[str, str], int] = defaultdict(int)
        self.convention_basis: set[tuple[str, str]] = set()
        # rules/95: a treaty-required clause is no basis where a general extradition
        # instrument of the catalogue is one between the two States
        general = {iid for iid, _ in engine.query("general_instrument", (None, "extradition"))}
        self.treaty_required_mask: dict[tuple[str, str], int] = defaultdict(int)
        self.extradition_treaty_mask: dict[tuple[str, str], int] = defaultdict(int)
        for iid, _, crime, kind, nature in engine.query("covers", (None,) * 5):
            key = (crime, kind)
            if iid == CONVENTION_ID:
                if nature in basis:
                    self.convention_basis.add(key)
            elif nature in basis:
                self.basis_mask[key] |= self.bit[iid]
                if nature == "legal-basis-if-treaty-required":
                    self.treaty_required_mask[key] |= self.bit[iid]
                elif iid in general and kind == "extradition":
                    self.extradition_treaty_mask[key] |= self.bit[iid]
            elif nature != "supplements":  # a supplement is neither (rules/95)
                self.undertaking_mask[key] |= self.bit[iid]
        self.hubs: dict[str, frozenset[str]] = {}
        for iid, hub in engine.query("instrument_hub", (None, None)):
            self.hubs[iid] = self.hubs.get(iid, frozenset()) | {hub}
        self.hub_mask = sum(self.bit[i] for i in self.hubs)
        self.engine = engine
        self.lazy = lazy
        self.mask: dict[str, int] = {}
        if not lazy:
            self.mask = defaultdict(int)
            for iid in self.order:
                for _, state, _ in engine.query("instrument_party_on", (iid, None, on)):
                    self.mask[state] |= self.bit[iid]
        # per State: the instruments it is not known to be bound by on the date, because it is
        # missing from a partial list or known bound only "no later than" a later date
        self._unknown = _unknown_of(record, on, [s.alpha_3 for s in record.states.all()]
                                    if lazy else self.states)
        self._unknown_mask: dict[str, int] = {}
        # objections: (A, B) -> the instruments precluded between them (either way)
        self.precluded: dict[tuple[str, str], int] = defaultdict(int)
        for iid, a, b, _ in engine.query("precluded_between", (None, None, None, on)):
            if iid in self.bit:
                self.precluded[(a, b)] |= self.bit[iid]
        self._names: dict[int, tuple[str, ...]] = {}
        self._counted: tuple[dict[str, dict[str, dict[str, int]]], Counter[str]] | None = None

    def prepare(self, states: Iterable[str]) -> None:
        """Derive these States' participation now (a lazy gap), so that no engine query is
        left for the pairs (engines are per thread; streaming may move to another)."""
        states = [s for s in states if s not in self.mask]
        if len(states) > 40:  # many States: one query per instrument beats one per State
            wanted = set(states)
            found: dict[str, int] = defaultdict(int)
            for iid in self.order:
                for _, state, _ in self.engine.query("instrument_party_on", (iid, None, self.on)):
                    if state in wanted:
                        found[state] |= self.bit[iid]
            self.mask.update({s: found.get(s, 0) for s in states})
        for state in states:
            self._mask(state)

    def _mask(self, state: str) -> int:
        if state not in self.mask:
            if self.lazy:
                self.mask[state] = sum(
                    self.bit[i] for i in self.order
                    if self.engine.holds("instrument_party_on", (i, state, self.on)))
            else:
                return 0
        return self.mask[state]

    def pair_mask(self, a: str, b: str) -> int:
        """The instruments in force between A and B (rules/70)."""
        common = self._mask(a) & self._mask(b)
        if not common or a == b:
            return 0
        multilateral = common & ~self.hub_mask & ~self.precluded.get((a, b), 0)
        hubbed = 0
        for iid in self.hubs:
            bit = self.bit[iid]
            if common & bit and (a in self.hubs[iid]) != (b in self.hubs[iid]):
                hubbed |= bit
        return multilateral | hubbed

    def unknown(self, state: str) -> int:
        mask = self._unknown_mask.get(state)
        if mask is None:
            mask = self._unknown_mask[state] = sum(self.bit[i]
                                                   for i in self._unknown.get(state, ()))
        return mask

    def undecided_mask(self, a: str, b: str, crime: str, kind: str, common: int) -> int:
        """The instruments that would be a basis between A and B but for a State not known to
        be bound (`mla legal-basis`: could not be decided): each State bound or not known,
        one not known, and an instrument with hubs joining a hub and another State."""
        ua, ub = self.unknown(a), self.unknown(b)
        if not (ua | ub) or a == b:
            return 0
        mask = (self._mask(a) | ua) & (self._mask(b) | ub) & (ua | ub) \
            & self.basis_mask.get((crime, kind), 0) & ~common
        for iid in self.hubs:
            if mask & self.bit[iid] and (a in self.hubs[iid]) == (b in self.hubs[iid]):
                mask &= ~self.bit[iid]
        return mask

    def names(self, mask: int) -> tuple[str, ...]:
        """Instrument ids of a mask, in catalogue order."""
        if mask not in self._names:
            self._names[mask] = tuple(i for i in self.order if mask & self.bit[i])
        return self._names[mask]

    def convention(self, a: str, b: str, crime: str, kind: str) -> bool:
        members = self.network.members(crime, kind)
        return (crime, kind) in self.convention_basis and a in members and b in members \
            and a != b

    def row(self, a: str, b: str, crime: str, kind: str, common: int | None = None) -> Row:
        m = self.pair_mask(a, b) if common is None else common
        found = m & self.basis_mask.get((crime, kind), 0)
        if found & self.extradition_treaty_mask.get((crime, kind), 0):
            found &= ~self.treaty_required_mask.get((crime, kind), 0)
        bases = self.names(found)
        if self.convention(a, b, crime, kind):
            bases = (CONVENTION_ID, *bases)
        undecided = () if bases else self.names(self.undecided_mask(a, b, crime, kind, m))
        return Row(a, b, crime, kind, bases,
                   self.names(m & self.undertaking_mask.get((crime, kind), 0)), undecided)

    def rows(self, requesting: Iterable[str] | None = None) -> Iterator[Row]:
        """Every ordered pair of different States, per crime and kind, ordered by requesting,
        requested, crime, kind (as the matrix)."""
        combos = [(c, k) for c in self.crimes for k in self.kinds]
        for a in (self.states if requesting is None else requesting):
            budget.check()
            for b in self.states:
                if a != b:
                    common = self.pair_mask(a, b)
                    for crime, kind in combos:
                        yield self.row(a, b, crime, kind, common)

    def rows_involving(self, state: str) -> Iterator[Row]:
        """The rows where `state` is requesting or requested, in the same order."""
        combos = [(c, k) for c in self.crimes for k in self.kinds]
        for a in self.states:
            budget.check()
            for b in (self.states if a == state else (state,)):
                if a != b:
                    common = self.pair_mask(a, b)
                    for crime, kind in combos:
                        yield self.row(a, b, crime, kind, common)

    def counts(self) -> dict[str, dict[str, dict[str, int]]]:
        """Per crime and kind: ordered pairs, pairs with no basis, pairs whose only basis is
        the Convention."""
        return self._tally()[0]

    def state_gaps(self) -> Counter[str]:
        """Per State: its ordered pairs (either way), per crime and kind, with no basis."""
        return self._tally()[1]

    def _tally(self) -> tuple[dict[str, dict[str, dict[str, int]]], Counter[str]]:
        """Both of the above in one walk of the rows (850,000 for the world), made once."""
        if self._counted is None:
            out: dict[str, dict[str, dict[str, int]]] = {
                c: {k: {"pairs": 0, "no_basis": 0, "undecided": 0, "only_convention": 0}
                    for k in self.kinds}
                for c in self.crimes}
            tally: Counter[str] = Counter()
            for r in self.rows():
                cell = out[r.crime][r.kind]
                cell["pairs"] += 1
                if not r.bases:
                    cell["no_basis"] += 1
                    if r.undecided:
                        cell["undecided"] += 1
                    tally[r.requesting] += 1
                    tally[r.requested] += 1
                elif r.bases == (CONVENTION_ID,):
                    cell["only_convention"] += 1
            self._counted = (out, tally)
        return self._counted

    def derive_from(self, base: Gap) -> bool:
        """Count this gap from another one already counted (the shipped record's, cached by the
        server) instead of walking every pair: a row depends only on its two States'
        conditions (instruments in force, partial lists, the Convention's members per crime
        and kind), on the objections between them and on what the two gaps share (States,
        crimes, kinds, instruments and what they cover). So only the pairs with a State whose
        conditions differ, or whose objections differ, are counted again. False, and nothing
        counted, when the two gaps share less than that (then counts() walks every pair).
        tests/test_gap_derive.py checks it against the full walk on random scenarios."""
        if base._counted is None or self.lazy or base.lazy or \
                self._structure() != base._structure():
            return False
        changed = {s for s in self.states if self.mask.get(s, 0) != base.mask.get(s, 0)
                   or self._unknown.get(s, set()) != base._unknown.get(s, set())}
        for c in self.crimes:
            for k in self.kinds:
                changed |= self.network.members(c, k) ^ base.network.members(c, k)
        for pair in self.precluded.keys() | base.precluded.keys():
            if self.precluded.get(pair, 0) != base.precluded.get(pair, 0):
                changed.update(pair)
        counts, tally = base._counted
        out = {c: {k: dict(cell) for k, cell in per_kind.items()}
               for c, per_kind in counts.items()}
        states = tally.copy()
        combos = [(c, k) for c in self.crimes for k in self.kinds]
        changed &= set(self.states)
        for a in changed:
            budget.check()
            for b in self.states:
                if a == b:
                    continue
                pairs = ((a, b),) if b in changed else ((a, b), (b, a))
                for x, y in pairs:
                    for gap, sign in ((base, -1), (self, 1)):
                        common = gap.pair_mask(x, y)
                        for crime, kind in combos:
                            r = gap.row(x, y, crime, kind, common)
                            cell = out[crime][kind]
                            if not r.bases:
                                cell["no_basis"] += sign
                                if r.undecided:
                                    cell["undecided"] += sign
                                states[x] += sign
                                states[y] += sign
                            elif r.bases == (CONVENTION_ID,):
                                cell["only_convention"] += sign
        self._counted = (out, +states)
        return True

    def _structure(self) -> tuple[Any, ...]:
        """What two gaps must share for one to be counted from the other (derive_from)."""
        return (self.on, self.states, self.kinds, self.crimes, self.order,
                dict(self.basis_mask), dict(self.undertaking_mask), self.convention_basis,
                dict(self.treaty_required_mask), dict(self.extradition_treaty_mask),
                self.hubs, self.network.core, self.network.annex_of)

    def undecided_of(self, state: str) -> dict[tuple[str, str], int]:
        """(crime, kind) -> how many of the State's gap could not be decided."""
        out = {(c, k): 0 for c in self.crimes for k in self.kinds}
        for r in self.rows([state]):
            if not r.bases and r.undecided:
                out[(r.crime, r.kind)] += 1
        return out

    def gap_of(self, state: str) -> dict[tuple[str, str], list[str]]:
        """(crime, kind) -> the States to which `state` can send no request with a basis."""
        out: dict[tuple[str, str], list[str]] = {(c, k): [] for c in self.crimes
                                                 for k in self.kinds}
        for r in self.rows([state]):
            if not r.bases:
                out[(r.crime, r.kind)].append(r.requested)
        return out


def _unknown_of(record: Record, on: str, states: Iterable[str]) -> dict[str, set[str]]:
    """State -> the instruments of partial lists it is not known to be bound by on `on`."""
    from mla_rules.record.framework import ENDS, JOINS, NO_LATER_THAN

    fw = record.framework
    assert fw is not None
    joined: dict[str, set[str]] = defaultdict(set)
    dated: dict[str, set[str]] = defaultdict(set)
    bounds: dict[tuple[str, str], str] = {}
    ended: set[tuple[str, str]] = set()  # a denunciation or end by `on`: "ended", decided
    for e in fw.events:
        if e.type in ENDS and (e.effective or e.date) <= on:
            ended.add((e.instrument, e.state))
        if e.type in JOINS:
            joined[e.instrument].add(e.state)
            if e.type == NO_LATER_THAN:
                bounds[e.instrument, e.state] = min(e.date, bounds.get((e.instrument, e.state),
                                                                       e.date))
            else:
                dated[e.instrument].add(e.state)
    out: dict[str, set[str]] = defaultdict(set)
    for iid, inst in fw.instruments.items():
        if inst.convention or inst.complete:
            continue
        among = joined[inst.parties_among] if inst.parties_among else None
        for state in states:
            if state in inst.not_bound or (among is not None and state not in among) or \
                    (iid, state) in ended:
                continue  # not a party, whatever the list holds
            if state not in joined[iid]:
                out[state].add(iid)
            elif state not in dated[iid] and bounds.get((iid, state), on) > on:
                out[state].add(iid)
    return out


def summary_counts(gap: Gap) -> dict[str, Any]:
    counts = gap.counts()
    total = {"pairs": 0, "no_basis": 0, "undecided": 0, "only_convention": 0}
    for per_kind in counts.values():
        for cell in per_kind.values():
            for k in total:
                total[k] += cell[k]
    return {"per_crime": counts, "total": total}


class Suggestion(NamedTuple):
    what: str  # "instrument" | "convention" | "annex"
    id: str  # instrument id, or the annex letter
    label: str
    closes: int  # ordered pairs of the State's gap (either way, per crime and kind) it closes
    states: tuple[str, ...]  # the States with which it closes at least one
    note: str | None = None


def suggestions(record: Record, state: str, on: str, states: list[str],
                kinds: Iterable[str] = KINDS, crimes: Iterable[str] | None = None
                ) -> tuple[int, list[Suggestion]]:
    """The State's gap (ordered pairs either way, per crime and kind, with no basis) and how
    much of it each step it could take would close — joining an instrument it is not bound by,
    ratifying the Convention, opting in to an annex — given the other States' current
    participation and opt-ins (reciprocity included). Each step is evaluated by the rules on
    the record with that step added."""
    kinds, crimes = tuple(kinds), None if crimes is None else tuple(crimes)
    before = _state_gap(Engine(record), on, state, states, kinds, crimes)
    fw = record.framework
    assert fw is not None
    steps: list[tuple[str, str, str, list[dict[str, Any]], str | None]] = []
    engine = Engine(record, states=frozenset((state,)))
    for inst in fw.instruments.values():
        if inst.convention or inst.application or inst.between:
            continue  # EU acts and the EU's agreements come with membership, not accession
        if not engine.holds("instrument_party_on", (inst.id, state, on)):
            note = None if inst.complete else (f"{record.states.get(state).name} is not known "
                                               f"to be a party: the shipped list is partial")
            steps.append(("instrument", inst.id, f"join {inst.short}", [
                {"state": state, "type": "in-force", "date": on, "instrument": inst.id}], note))
    convention: list[dict[str, Any]] = []
    bound = any(engine.holds("bound_for", (state, k, on)) for k in kinds)
    if not bound and on >= record.convention["adopted"]:
        signed = any(e.state == state and e.type == "signature" for e in record.events)
        convention = [{"state": state, "type": "ratification" if signed else "accession",
                       "date": on, "effective": on}]
        steps.append(("convention", CONVENTION_ID, "ratify the Ljubljana – The Hague Convention"
                      if signed else "accede to the Ljubljana – The Hague Convention",
                      convention, None))
    opted = {row[1] for row in engine.query("opted_in", (state, None, on))}
    for crime in record.crimes.values():
        if crime.annex and crime.annex not in opted and (crimes is None or crime.id in crimes):
            label = f"opt in to Annex {crime.annex}" + (
                f" ({crime.name.lower()})" if len(crime.name) <= 40 else "")
            steps.append(("annex", crime.annex, label + (" (on ratifying: pairs added)"
                                                         if convention else ""),
                          convention + [{"state": state, "type": "declaration", "date": on,
                                         "effective": on, "annexes": [crime.annex]}], None))
    out = []
    ratified: set[tuple[str, str, str, str]] = set()
    for what, sid, label, events, note in steps:
        doc = {"name": label, "events": events}
        after = _state_gap(Engine(record.with_overlay(doc, "(suggestion)")), on, state,
                           states, kinds, crimes)
        closed = before - after
        if what == "convention":
            ratified = closed
        elif what == "annex":  # what the opt-in adds to the ratification it needs
            closed -= ratified
        out.append(Suggestion(what, sid, label, len(closed),
                              tuple(sorted({p[0] for p in closed})), note))
    out.sort(key=lambda s: (-s.closes, s.label))
    return len(before), out


def _state_gap(engine: Engine, on: str, state: str, states: list[str],
               kinds: tuple[str, ...], crimes: tuple[str, ...] | None
               ) -> set[tuple[str, str, str, str]]:
    """(other State, direction, crime, kind) with no basis, the State requesting or
    requested."""
    gap = Gap(engine, on, states, kinds, crimes)
    out = set()
    for other in states:
        if other == state:
            continue
        for direction, (a, b) in (("to", (state, other)), ("from", (other, state))):
            common = gap.pair_mask(a, b)
            for crime in gap.crimes:
                for kind in gap.kinds:
                    if not gap.row(a, b, crime, kind, common).bases:
                        out.add((other, direction, crime, kind))
    return out
