"""The cooperation network: every ordered pair of States for which the Convention applies, per
crime and kind, on a date.

Asking pyDatalog `can_request(A, B, Crime, Kind, On)` with A and B unknown makes it evaluate
the pairwise rule over every pair: seconds and hundreds of MB for ~200 States. Here the
per-State conditions of that rule are derived in pyDatalog instead — `bound_for(S, Kind, On)`
and `opted_in(S, Annex, On)` for every S at once — and pairs are expanded from them the way
rules/50_cooperation.dl and rules/40_art02_art05_scope.dl combine them:

    can_request(A, B, C, K, On)  if  bound_for(A, K, On), bound_for(B, K, On), A != B,
                                     covered_between(A, B, C, On)
    covered_between(A, B, C, On) if  core_crime(C)                                 (Art. 5)
                                 or  annex_crime(C, X), opted_in(A, X, On), opted_in(B, X, On)

tests/test_matrix_agreement.py checks cell for cell, in several scenarios, that this gives
exactly pyDatalog's own answers to `can_request`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import NamedTuple

from mla_rules import budget
from mla_rules.law.engine import Engine

KINDS = ("mla", "extradition")


class Relation(NamedTuple):
    requesting: str
    requested: str
    crime: str
    kind: str


class Network:
    """The per-State conditions on one date, from which relations are expanded."""

    def __init__(self, engine: Engine, on: str, kinds: Iterable[str] = KINDS,
                 crimes: Iterable[str] | None = None) -> None:
        self.on = on
        self.kinds = tuple(kinds)
        self.bound = {k: frozenset(engine.states_where("bound_for", (k, on)))
                      for k in self.kinds}
        opted: dict[str, set[str]] = defaultdict(set)
        for state, annex, _ in engine.query("opted_in", (None, None, on)):
            opted[annex].add(state)
        self.opted = {annex: frozenset(s) for annex, s in opted.items()}
        core = {row[0] for row in engine.query("core_crime", (None,))}
        annex_of = {crime: annex for crime, annex in engine.query("annex_crime", (None, None))}
        wanted = list(crimes) if crimes is not None else [
            c for c in engine.record.crimes if c in core or c in annex_of]
        self.crimes = tuple(wanted)
        self.core = frozenset(c for c in wanted if c in core)
        self.annex_of = {c: annex_of[c] for c in wanted if c in annex_of}

    def members(self, crime: str, kind: str) -> frozenset[str]:
        """The States between any two of which the crime is covered for this kind."""
        bound = self.bound[kind]
        if crime in self.core:
            return bound
        if crime in self.annex_of:
            return bound & self.opted.get(self.annex_of[crime], frozenset())
        return frozenset()

    def count(self, crime: str, kind: str) -> int:
        n = len(self.members(crime, kind))
        return n * (n - 1)

    def relations(self) -> Iterator[Relation]:
        """Every relation, ordered by requesting, requested, crime, kind."""
        combos = [(c, k, self.members(c, k)) for c in self.crimes for k in self.kinds]
        states = sorted(frozenset().union(*self.bound.values())) if self.bound else []
        for a in states:
            budget.check()
            mine = [(c, k, m) for c, k, m in combos if a in m]
            for b in states:
                if a != b:
                    for c, k, m in mine:
                        if b in m:
                            yield Relation(a, b, c, k)

    def relation_set(self) -> set[Relation]:
        out: set[Relation] = set()
        for c in self.crimes:
            for k in self.kinds:
                m = sorted(self.members(c, k))
                out.update(Relation(a, b, c, k) for a in m for b in m if a != b)
        return out

    def counts(self) -> dict[str, dict[str, int]]:
        return {c: {k: self.count(c, k) for k in self.kinds} for c in self.crimes}

    def cliques(self) -> dict[str, list[str]]:
        """For each annex, the States whose opt-in is in effect and that are bound."""
        bound_any = frozenset().union(*self.bound.values()) if self.bound else frozenset()
        return {annex: sorted(states & bound_any) for annex, states in sorted(self.opted.items())}
