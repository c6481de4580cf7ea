"""`mla legal-basis`: every instrument of the catalogue on which a request from one State to
another could rest, for this crime, kind and date, answered as data — whether each applies,
the nature of its clause, what displaces it, the conditions left to check and, when it does
not apply, why. Renderers word it (present/legal_basis.py).

Whether an instrument applies is pyDatalog's answer to `applies_between` (rules/80), its
explanation built from the rules as for `can-request`; the reasons for a "no" are read off the
rules' own predicates, never re-derived here.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from mla_rules.errors import UsageError
from mla_rules.law.engine import Engine
from mla_rules.law.explain import Explainer, Step, premises
from mla_rules.questions.answer import (
    Answer,
    InconsistentAnswer,
    Question,
    ask,
    decisive_premises,
)
from mla_rules.record.framework import BASIS_NATURES, CONVENTION_ID, ENDS, Instrument
from mla_rules.record.record import Record


class Reason(NamedTuple):
    """Why an instrument does not apply: a code and the values the sentence needs."""

    code: str  # kind | crime | not-party | not-bound | not-known | bounded | not-yet | ended |
    #            hub | objection | convention | supplements
    state: str | None = None
    date: str | None = None
    detail: str | None = None


UNDECIDED = ("not-known", "bounded")  # the reasons that leave an instrument undecided
ROLES = ("governs", "also-applies", "displaced", "deemed-included", "supplements",
         "undertaking", None)


class Basis(NamedTuple):
    instrument: Instrument
    applies: bool
    nature: str | None  # the nature of the clause covering this kind; None if none does
    provisions: tuple[str, ...]
    conditions: tuple[str, ...]
    superseded_by: tuple[str, ...]
    why_not: tuple[Reason, ...]
    in_force: dict[str, str | None]  # State -> the date the instrument is in force for it
    # the explanation of `applies_between`; None for an instrument that does not apply, whose
    # explanation is built only when shown (LegalBasis.trace_of: JSON, tests)
    trace: Step | None
    answer: Answer | None = None  # the can-request answer, for the Convention
    displacement: Step | None = None  # why a displacing instrument does or does not displace
    objection: Step | None = None  # an objection recorded between the two States, and its fate
    # States whose date in `in_force` is only a bound: a source shows them bound no later
    # than it, not since when
    no_later_than: frozenset[str] = frozenset()
    # governs | also-applies | displaced | deemed-included | supplements | undertaking, or
    # None when it does not apply (rules/95_governs.dl)
    role: str | None = None
    deemed_into: str | None = None  # deemed-included: the extradition treaty it is read into
    supplements: str | None = None  # supplements: the instrument it supplements
    # the question whose explanation says why it has its role (rules/95_governs.dl), asked
    # only when wanted (LegalBasis.role_explanation): most answers never show it
    role_query: tuple[str, tuple[Any, ...]] | None = None
    # why the date of the acts can matter: a crime-specific convention not yet in force for a
    # State when they were committed (rules/97_temporal.dl), one step per State
    temporal: tuple[Step, ...] = ()

    @property
    def is_basis(self) -> bool:
        return self.applies and self.nature in BASIS_NATURES

    @property
    def undecided(self) -> bool:
        """Not found to apply only because a State is missing from a list of parties that is
        partial (a State missing from a partial list is not known to be a party, never "not a
        party"), or is known bound only no later than a date after the one asked: the
        instrument could not be decided."""
        return not self.applies and bool(self.why_not) and \
            all(r.code in UNDECIDED for r in self.why_not)


class LegalBasis(NamedTuple):
    question: Question
    committed: str | None
    bases: tuple[Basis, ...]
    warnings: tuple[str, ...]
    record: Record
    trace: Step  # the explanation of `has_legal_basis`, the top-level verdict
    explainer: Explainer | None = None  # for the explanations asked later (role_explanation)
    # the unverified or interpretative premises without which the verdict or the instrument
    # to cite would change (questions/answer.py, decisive_premises), each with what would be
    # without it: whether a legal basis is found, and the instruments that would govern
    decisive: tuple[tuple[Step, tuple[bool, tuple[str, ...]]], ...] = ()

    @property
    def decisive_steps(self) -> tuple[Step, ...]:
        return tuple(step for step, _ in self.decisive)

    @property
    def decides_verdict(self) -> bool:
        """One of the decisive premises decides whether there is a legal basis at all (the
        others only which instrument governs)."""
        return any(has_basis != self.applies for _, (has_basis, _) in self.decisive)

    def trace_of(self, basis: Basis) -> Step:
        """The explanation of whether the instrument applies (built now if it was left)."""
        if basis.trace is not None:
            return basis.trace
        assert self.explainer is not None
        q = self.question
        args = (basis.instrument.id, q.requesting.alpha_3, q.requested.alpha_3, q.crime.id,
                q.kind, q.on)
        # as legal_basis() explains them: exhaustively where a clause covers the request
        covered = not (basis.why_not and basis.why_not[0].code in ("kind", "crime"))
        explainer = self.explainer if covered else Explainer(self.explainer.engine,
                                                             exhaustive=False)
        trace = explainer.explain("applies_between", args)
        if trace.holds != basis.applies:
            raise InconsistentAnswer("the explanation disagrees with the engine; please report "
                                     "this")
        return trace

    def role_explanation(self, basis: Basis) -> Step | None:
        """Why the instrument has its role: the rules of rules/95_governs.dl, explained."""
        if basis.role_query is None or self.explainer is None:
            return None
        return self.explainer.explain(*basis.role_query)

    @property
    def applies(self) -> bool:
        """True when an applying instrument is a legal basis; undertakings alone are not."""
        return any(b.is_basis for b in self.bases)

    @property
    def undecided(self) -> tuple[str, ...]:
        """The instruments that could not be decided, in catalogue order."""
        return tuple(b.instrument.id for b in self.bases if b.undecided)

    @property
    def governs(self) -> Basis | None:
        """The instrument to cite (rules/95_governs.dl), or None when none is a legal basis."""
        return next((b for b in self.bases if b.role == "governs"), None)

    def governing_order(self) -> list[Basis]:
        """The governing instrument first, then the other applying ones by role (the other
        legal bases, the displaced ones, the clauses deemed included, the supplements, the
        undertakings), then those that do not apply; catalogue order within each."""
        return sorted(self.bases, key=lambda b: ROLES.index(b.role))


SCOPE_NOTE = ("Bilateral treaties and domestic law (reciprocity, comity) are not in the data: "
              "a request may also rest on a bilateral treaty between the two States.")


def legal_basis(engine: Engine, q: Question, committed: str | None = None) -> LegalBasis:
    """Every instrument of the catalogue, in catalogue order, for this question."""
    q.check()
    record = engine.record
    if record.framework is None:
        raise UsageError("this record has no catalogue of instruments (facts/instruments.yaml)")
    if committed is not None and committed > q.on:
        raise UsageError(f"--committed ({committed}) is after the date of the request "
                         f"({q.on})", "The conduct comes before the request about it.")
    explainer = Explainer(engine)
    brief = Explainer(engine, exhaustive=False)  # for instruments whose clauses miss the request
    bases = []
    warnings: list[str] = []
    for inst in record.framework.instruments.values():
        if inst.convention:
            bases.append(_convention(engine, explainer, q, inst))
        else:
            covered = engine.query("covers", (inst.id, None, q.crime.id, q.kind, None))
            bases.append(_instrument(engine, explainer if covered else brief, q, inst,
                                     committed, covered))
    bases = _roles(engine, explainer, q, committed, bases)
    convention_beside = [b.instrument.short for b in bases
                         if b.is_basis and not b.instrument.convention and not b.superseded_by
                         and b.role in ("governs", "also-applies")]
    ours = next(b for b in bases if b.instrument.convention)  # the Convention's own entry
    if ours.is_basis and convention_beside:
        warnings.append(f"Which governs between {ours.instrument.short} and "
                        f"{', '.join(convention_beside)} is unverified: the Convention's "
                        f"relationship clause has not been read. Both apply; the Convention is "
                        f"named first by catalogue order only.")
    for b in bases:
        for r in b.why_not:
            if r.code == "ended":
                warnings.extend(_end_notes(record, b.instrument, r))
        # (an instrument shipped with no parties at all warns nowhere: it is listed as
        # undecided with its count, and would otherwise add the same line to every answer)
        if any(r.code == "not-known" for r in b.why_not) and \
                record.framework.coverage(b.instrument.id)["parties_recorded"]:
            warnings.append(f"The shipped list of parties to {b.instrument.short} is "
                            f"incomplete: a State not in it may still be a party.")
    convention = ours.answer
    if convention is not None:
        warnings.extend(convention.warnings)
    if q.crime.id == "crimes-against-humanity":
        warnings.append("Torture and enforced disappearance committed as crimes against "
                        "humanity are also covered by the Convention against Torture and the "
                        "Enforced Disappearance Convention: ask for torture or enforced "
                        "disappearance too.")
    warnings.append(SCOPE_NOTE)
    args = (q.requesting.alpha_3, q.requested.alpha_3, q.crime.id, q.kind, q.on)
    trace = explainer.explain("has_legal_basis", args)
    result = LegalBasis(q, committed, tuple(bases), tuple(dict.fromkeys(warnings)), record,
                        trace, explainer)
    if not trace.holds == engine.holds("has_legal_basis", args) == result.applies:
        raise InconsistentAnswer("the legal bases disagree with the engine; please report this")

    def verdict() -> tuple[bool, tuple[str, ...]]:
        # an instrument governs whenever one is a legal basis (rules/95: precedence is
        # acyclic), so one question answers both
        governing = tuple(sorted(r[0] for r in engine.query("governs", (None, *args,
                                                                      committed or ""))))
        return bool(governing), governing

    if verdict()[0] != result.applies:
        raise InconsistentAnswer("a legal basis without an instrument that governs; please "
                                 "report this")
    return result._replace(decisive=tuple(decisive_premises(
        engine, premises_of(result, _may_decide(result)), verdict)))


def _may_decide(result: LegalBasis) -> set[str]:
    """The applying instruments whose premises could change the verdict or the instrument to
    cite if one were false: the governing one; a displacer (without it, what it displaces
    could govern); and, where a crime-specific convention defers to the general treaties or
    is deemed included in an extradition treaty, those general treaties. Taking out a
    premise of any other instrument (a later basis beside it, a displaced one) removes a
    basis that does not govern and decides nothing that does (rules/95_governs.dl)."""
    fw = result.record.framework
    assert fw is not None
    kind = result.question.kind
    applying = [b for b in result.bases if b.applies]
    out = {b.instrument.id for b in applying if b.role == "governs"}
    out |= {i for b in applying for i in b.superseded_by}
    if any(b.role_query and b.role_query[0] in ("defers_here", "deemed_into", "deemed_instead")
           for b in applying):
        out |= {b.instrument.id for b in applying if kind in fw.instruments[
            b.instrument.id].general}
    return out


def _roles(engine: Engine, explainer: Explainer, q: Question, committed: str | None,
           bases: list[Basis]) -> list[Basis]:
    """Each basis with its role, read off the rules of rules/95_governs.dl."""
    a, b, crime, kind, on = (q.requesting.alpha_3, q.requested.alpha_3, q.crime.id, q.kind,
                             q.on)
    cm = committed or ""
    governing = {r[0] for r in engine.query("governs", (None, a, b, crime, kind, on, cm))} \
        if any(x.is_basis for x in bases) else set()
    fw = engine.record.framework
    assert fw is not None
    out = []
    for basis in bases:
        iid = basis.instrument.id
        clause = basis.instrument.clause_for(kind)
        if not basis.applies:
            out.append(basis)
            continue
        if basis.nature == "supplements":
            rows = engine.query("supplement_applies", (iid, None, a, b, crime, kind, on))
            target = clause.supplements if clause else None
            if rows:
                out.append(basis._replace(role="supplements", supplements=target,
                                          role_query=("supplement_applies", (
                                              iid, target, a, b, crime, kind, on))))
            else:
                out.append(basis._replace(applies=False, trace=explainer.explain(
                    "supplement_applies", (iid, target, a, b, crime, kind, on)), why_not=(
                    Reason("supplements", detail=target),)))
            continue
        if engine.holds("deemed_instead", (iid, a, b, crime, kind, on)):
            into = {r[1] for r in engine.query("deemed_into", (iid, None, a, b, crime, on))}
            deems = next((c.deems for c in basis.instrument.clauses
                          if kind in c.kinds and c.deems), None)
            # the treaty it is read into: the governing one, else one not displaced between
            # the two States (a displaced treaty is not the one the request rests on)
            displaced = {x.instrument.id for x in bases if x.superseded_by}
            # the clause's own conditions give way to the deeming, but not the date of the acts
            dated = tuple(c for c, _ in _temporal(engine, explainer, iid, (a, b), committed))
            treaty = next(iter(into & governing), None) or next(
                (i for i in fw.instruments if i in into and i not in displaced), None)
            if treaty is not None and deems is not None:
                name = fw.instruments[treaty].short
                out.append(basis._replace(
                    role="deemed-included", nature="deemed-included",
                    role_query=("deemed_into", (iid, treaty, a, b, crime, on)),
                    provisions=(deems.provision,), deemed_into=treaty, conditions=(
                        f"An extradition treaty binds the two States ({name}): the clause for "
                        f"States without one does not serve; the offence is deemed included "
                        f"as extraditable in it ({deems.provision})." + (
                            f" Base the request on {name}." if treaty in governing else ""),
                    ) + dated))
            else:
                later = (deems.otherwise if deems else None) or basis.provisions[0]
                out.append(basis._replace(
                    role="undertaking", nature="undertaking", provisions=(later,),
                    role_query=("deemed_instead", (iid, a, b, crime, kind, on)), conditions=(
                        "An extradition treaty binds the two States, but not one in force "
                        f"between them before this convention entered into force: the offence "
                        f"is not deemed included in it; the parties undertake to include it "
                        f"({later}).",) + dated))
            continue
        args = (iid, a, b, crime, kind, on, cm)
        if iid in governing:
            out.append(basis._replace(role="governs", role_query=("governs", args)))
        elif not basis.is_basis:
            out.append(basis._replace(role="undertaking"))
        elif basis.superseded_by:
            out.append(basis._replace(role="displaced", role_query=("displaced_here", args)))
        elif engine.holds("defers_here", args[:-1]):
            out.append(basis._replace(role="also-applies",
                                      role_query=("defers_here", args[:-1])))
        else:
            out.append(basis._replace(role="also-applies",
                                      role_query=("earlier_candidate", args)))
    return out


def _convention(engine: Engine, explainer: Explainer, q: Question, inst: Instrument) -> Basis:
    answer = ask(engine, q, explainer, decisive=False)  # the legal basis decides its own
    trace = explainer.explain("applies_between", (inst.id, q.requesting.alpha_3,
                                                  q.requested.alpha_3, q.crime.id, q.kind, q.on))
    if trace.holds != answer.applies:
        raise InconsistentAnswer("the explanation disagrees with the engine; please report this")
    clause = inst.clause_for(q.kind)
    why = () if answer.applies else (Reason("convention"),)
    in_force = {s: _first(engine.query("in_force_for", (s, None)))
                for s in (q.requesting.alpha_3, q.requested.alpha_3)}
    return Basis(inst, answer.applies, clause.nature if clause else None,
                 (clause.provision,) if clause else (), clause.conditions if clause else (),
                 (), why, in_force, trace, answer)


def _first(rows: list[tuple[Any, ...]]) -> str | None:
    return min((r[-1] for r in rows), default=None)


def _instrument(engine: Engine, explainer: Explainer, q: Question, inst: Instrument,
                committed: str | None, covered: list[tuple[Any, ...]]) -> Basis:
    a, b, crime, kind, on = (q.requesting.alpha_3, q.requested.alpha_3, q.crime.id, q.kind,
                             q.on)
    args = (inst.id, a, b, crime, kind, on)
    applies = engine.holds("applies_between", args)
    trace = explainer.explain("applies_between", args) if applies else None
    if trace is not None and not trace.holds:
        raise InconsistentAnswer("the explanation disagrees with the engine; please report this")
    clause = inst.clause_for(kind)
    nature = covered[0][4] if covered else (clause.nature if clause else None)
    provisions = tuple(dict.fromkeys(row[1] for row in covered)) or tuple(
        c.provision for c in inst.clauses if kind in c.kinds)
    # the dates matter only where a clause covers the request (else: "it does not cover")
    in_force = {s: _since(engine, inst.id, s, on) if covered else None for s in (a, b)}
    bounded = frozenset(s for s in (a, b) if covered and _only_bounded(engine, inst.id, s))
    conditions = [c for cl in inst.clauses if kind in cl.kinds
                  and cl.provision in provisions for c in cl.conditions]
    superseded: tuple[str, ...] = ()
    displacement = None
    temporal: list[tuple[str, Step]] = []
    if applies:
        rows = engine.query("superseded_by", (inst.id, None, a, b, crime, kind, on,
                                              committed or ""))
        found = {r[1] for r in rows}
        fw = engine.record.framework
        assert fw is not None
        superseded = tuple(i for i in fw.instruments if i in found)
        if superseded:  # why it is displaced (a later instrument, or FD Art. 32 for old acts)
            displacement = explainer.explain("superseded_by", (
                inst.id, superseded[0], a, b, crime, kind, on, committed or ""))
        for other in () if superseded else fw.instruments.values():  # why not, if one applies
            if any(d.instrument == inst.id and kind in d.kinds for d in other.displaces) and \
                    engine.holds("applies_between", (other.id, a, b, crime, kind, on)):
                displacement = explainer.explain("superseded_by", (
                    inst.id, other.id, a, b, crime, kind, on, committed or ""))
                break
        conditions += _transitional(engine, inst, q, committed)
        conditions += _reservations(engine, inst, b)
        temporal = _temporal(engine, explainer, inst.id, (a, b), committed)
        conditions += [c for c, _ in temporal]
    why = () if applies else _why_not(engine, inst, q, covered, bounded)
    objection = None
    for objector, reserving in ((a, b), (b, a)):
        for row in engine.query("objection_precludes", (inst.id, objector, reserving, None)):
            objection = explainer.explain("objection_in_effect",
                                          (inst.id, objector, reserving, on))
            lifted = engine.query("objection_lifted", (inst.id, objector, reserving, None))
            names = engine.record.states
            withdrawn = [r[2] for r in engine.query("reservation_withdrawn",
                                                     (inst.id, reserving, None))
                         if row[3] <= r[2] <= on]
            if lifted and min(r[3] for r in lifted) <= on:
                conditions.append(
                    f"{names.get(objector).name} objected on {row[3]} that the instrument is "
                    f"not in force between it and {names.get(reserving).name}, and lifted the "
                    f"objection on {min(r[3] for r in lifted)}.")
            elif withdrawn:
                conditions.append(
                    f"{names.get(objector).name} objected on {row[3]} that the instrument is "
                    f"not in force between it and {names.get(reserving).name}; "
                    f"{names.get(reserving).name} withdrew its reservation on {min(withdrawn)} "
                    f"(the depositary's date), which ends the objection's effect (ILC Guide to "
                    f"Practice 2.5.7(2)): check that the objection concerned that reservation.")
    return Basis(inst, applies, nature, provisions, tuple(conditions), superseded, why,
                 in_force, trace, None, displacement, objection, bounded,
                 temporal=tuple(step for _, step in temporal))


def _temporal(engine: Engine, explainer: Explainer, instrument: str,
              states: tuple[str, str], committed: str | None) -> list[tuple[str, Step]]:
    """Where the date of the acts can matter (rules/97_temporal.dl): a crime-specific
    convention not yet in force for a State when the acts were committed. A condition to
    check, with its explanation."""
    if not committed:
        return []
    out = []
    for state in dict.fromkeys(states):
        args = (instrument, state, committed)
        if engine.holds("acts_predate", args):
            since = min((r[-1] for r in engine.query("instrument_in_force_for",
                                                     (instrument, state, None))
                         if r[-1] > committed), default=None)
            out.append((
                f"The acts (committed on {committed}) predate its entry into force for "
                f"{engine.record.states.get(state).name} ({since}): a treaty does not bind a "
                f"party as to earlier acts unless a different intention appears (VCLT Art. 28; "
                f"for the Convention against Torture's obligation to prosecute, ICJ, Belgium v. "
                f"Senegal, 2012): check whether this obligation reaches them.",
                explainer.explain("acts_predate", args)))
    return out


def _end_notes(record: Record, inst: Instrument, reason: Reason) -> list[str]:
    """What the record says of an end that decides the answer (e.g. what the Withdrawal
    Agreement keeps under the instrument)."""
    fw = record.framework
    assert fw is not None
    return [f"{inst.short}: {record.states.get(e.state).name}'s "
            f"{e.type.replace('-', ' ')} ({e.effective or e.date}): {e.note}"
            for e in fw.events_of(reason.state or "") if e.instrument == inst.id
            and (e.effective or e.date) == reason.date and e.type in ENDS and e.note]


def _since(engine: Engine, instrument: str, state: str, on: str) -> str | None:
    """When the instrument took effect for the State in the period that includes `on` (after
    its last end by then); else its first date."""
    starts = sorted(r[-1] for r in engine.query("instrument_in_force_for",
                                                (instrument, state, None)))
    ends = [r[3] for r in engine.query("instrument_end", (instrument, state, None, None))
            if r[3] <= on]
    current = [d for d in starts if d <= on and (not ends or d >= max(ends))]
    return min(current) if current else (starts[0] if starts else None)


def _only_bounded(engine: Engine, instrument: str, state: str) -> bool:
    """The State is known bound only "no later than" a date: no consent, application or
    date of entry into force of its own is recorded."""
    return bool(engine.query("instrument_bound_no_later_than", (instrument, state, None))) \
        and not any(engine.query(p, (instrument, state) + (None,) * n) for p, n in (
            ("instrument_deposit", 2), ("instrument_application", 1),
            ("instrument_recorded_in_force", 1)))


def _transitional(engine: Engine, inst: Instrument, q: Question,
                  committed: str | None) -> list[str]:
    """FD Art. 32 declarations of the requested State that turn on the date of the acts."""
    out = []
    requested = q.requested.alpha_3
    fw = engine.record.framework
    assert fw is not None
    for other in fw.instruments.values():
        if not any(d.instrument == inst.id or other.id == inst.id for d in other.displaces):
            continue
        if not engine.holds("applies_between", (other.id, q.requesting.alpha_3, requested,
                                                q.crime.id, q.kind, q.on)):
            continue
        for row in engine.query("transitional_declaration", (other.id, requested, None)):
            before = row[2]
            if committed is None:
                out.append(f"If the acts were committed before {before}, "
                           f"{q.requested.name}, as requested State, applies the instruments "
                           f"{other.short} replaced (its declaration under Art. 32): give "
                           f"--committed to decide.")
            elif committed < before:
                out.append(f"The acts were committed before {before}: {q.requested.name} "
                           f"applies the instruments {other.short} replaced (its Art. 32 "
                           f"declaration).")
    return list(dict.fromkeys(out))


def _reservations(engine: Engine, inst: Instrument, requested: str) -> list[str]:
    fw = engine.record.framework
    assert fw is not None
    name = engine.record.states.get(requested).name
    return [f"{name}'s {e.type}{'' if e.date else ' (undated)'}: {e.note}"
            for e in fw.events_of(requested)
            if e.instrument == inst.id and e.type in ("reservation", "declaration") and e.note]


def _why_not(engine: Engine, inst: Instrument, q: Question, covered: list[tuple[Any, ...]],
             bounded: frozenset[str] = frozenset()) -> tuple[Reason, ...]:
    a, b, on = q.requesting.alpha_3, q.requested.alpha_3, q.on
    if inst.clause_for(q.kind) is None:
        return (Reason("kind", detail=q.kind),)
    if not covered:
        return (Reason("crime", detail=q.crime.id),)
    hubs = {r[1] for r in engine.query("instrument_hub", (inst.id, None))}
    if hubs and (a in hubs) == (b in hubs):  # never between these two, whoever is a party
        return (Reason("hub", detail=", ".join(sorted(hubs))),)
    out: list[Reason] = []
    for state in (a, b):
        if engine.holds("instrument_party_on", (inst.id, state, on)):
            continue
        ended = engine.query("instrument_end", (inst.id, state, None, None))
        since = _first(engine.query("instrument_in_force_for", (inst.id, state, None)))
        if ended and min(r[3] for r in ended) <= on:
            out.append(Reason("ended", state, min(r[3] for r in ended),
                              min(ended, key=lambda r: r[3])[2]))
        elif since and state in bounded:
            out.append(Reason("bounded", state, since))
        elif since:
            out.append(Reason("not-yet", state, since))
        elif engine.query("instrument_deposit", (inst.id, state, None, None)):
            out.append(Reason("not-yet", state, None))
        else:
            fw = engine.record.framework
            assert fw is not None
            excluded = fw.excluded(inst.id, state)
            if excluded:
                out.append(Reason(excluded[0], state, detail=excluded[1]))
            else:
                out.append(Reason("not-party" if inst.complete else "not-known", state))
    if out:
        return tuple(out)
    for objector, reserving in ((a, b), (b, a)):
        rows = engine.query("objection_in_effect", (inst.id, objector, reserving, on))
        if rows:
            dates = engine.query("objection_precludes", (inst.id, objector, reserving, None))
            return (Reason("objection", objector, _first(dates), reserving),)
    return (Reason("other"),)


def other_bases(engine: Engine, q: Question) -> list[str]:
    """The ids of the instruments other than the Convention that are a legal basis for the
    request, in catalogue order (what `can-request` adds after its verdict)."""
    fw = engine.record.framework
    if fw is None:
        return []
    rows = engine.query("legal_basis_under", (None, q.requesting.alpha_3, q.requested.alpha_3,
                                              q.crime.id, q.kind, q.on))
    found = {r[0] for r in rows}
    return [i for i in fw.instruments if i in found and i != CONVENTION_ID]


def premises_of(result: LegalBasis, only: set[str] | None = None) -> list[Step]:
    """The unverified, inferred or interpretative premises of the applying instruments (of
    those in `only`), each once."""
    seen: set[Any] = set()
    out = []
    for b in result.bases:
        if not b.applies or (only is not None and b.instrument.id not in only):
            continue
        # and the premises of its role where they are law of their own: a displacement, a
        # deferral to the general treaties, a deeming clause (their statuses may be
        # unverified or an interpretation)
        role = result.role_explanation(b) if b.role_query and b.role_query[0] in (
            "displaced_here", "defers_here", "deemed_into") else None
        for p in premises(result.trace_of(b)) + (premises(role) if role else []):
            key = p.rule.id if p.rule else (p.predicate, p.args)
            if key not in seen:
                seen.add(key)
                out.append(p)
    return out
