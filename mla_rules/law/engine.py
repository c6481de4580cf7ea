"""The engine: a fresh pyDatalog knowledge base holding the rules of rules/ and the facts of a
Record, and queries against it.

Facts go in through pyDatalog's API (`assert_fact`), never as text; queries are built as
pyDatalog objects from values, never compiled from text. Each Engine starts from a fresh
`Logic()` (a copied Logic would share stored facts with its original), and re-activates its
own knowledge base before every query, so several engines can live in one process.
"""


from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from pyDatalog import Logic, pyDatalog, pyEngine, pyParser

from mla_rules.law.rulebook import (
    Atom,
    Call,
    Clause,
    Comparison,
    Const,
    Rulebook,
    Term,
    Var,
)
from mla_rules.record import dates
from mla_rules.record.framework import DEPOSITS, ENDS, NO_LATER_THAN
from mla_rules.record.record import INSTRUMENTS, Record

ROOT = Path(__file__).resolve().parent.parent  # the package directory
# An installed package carries rules/ and facts/ inside it; a checkout has them beside it.
RULES_DIR = ROOT / "rules" if (ROOT / "rules").is_dir() else ROOT.parent / "rules"
FACTS_DIR = ROOT / "facts" if (ROOT / "facts").is_dir() else ROOT.parent / "facts"

# Calendar helpers the rules may call; they compute dates, they decide nothing.
HELPERS: dict[str, Callable[..., str]] = {
    "first_day_of_month_after": dates.first_day_of_month_after, "later_of": dates.later_of,
    "date_after": dates.date_after}


@lru_cache(maxsize=4)
def load_rulebook(rules_dir: Path = RULES_DIR) -> Rulebook:
    """The rules of rules_dir, parsed once per process (the rulebook is read-only): from the
    parsed copy shipped beside them (rulebook.json, written by `mla facts index`) while it
    is the parse of exactly these files, else parsed now."""
    from mla_rules.law.rulebook import load_parsed

    return load_parsed(sorted(rules_dir.glob("*.dl")), rules_dir.parent)


class Provenance(NamedTuple):
    """Where a base fact comes from: the event or parameter behind it."""

    where: str
    source: dict[str, Any]
    status: str
    note: str | None = None
    scenario: str | None = None


def base_facts(record: Record, states: frozenset[str] | None = None
               ) -> list[tuple[tuple[Any, ...], Provenance]]:
    """Translate the record into base facts `(predicate, *args)`, each with its provenance.
    With `states`, the other instruments' facts are those about these States only (enough to
    decide any question between them: tests/test_legal_basis.py checks the answers are the
    same as with every fact)."""
    out: list[tuple[tuple[Any, ...], Provenance]] = []

    def add(fact: tuple[Any, ...], where: str, source: str | None, status: str,
            note: str | None = None, scenario: str | None = None) -> None:
        out.append((fact, Provenance(where, record.source_of(source), status, note, scenario)))

    for p in record.parameters.values():
        add(("parameter", p.name, p.value), f"parameter {p.name}", p.source, p.status, p.note,
            p.scenario)
    for part, info in record.parts.items():
        add(("part_governs", part, info["kind"]), f"Part {part}", info.get("source"),
            info.get("status", "confirmed"))
    for c in record.crimes.values():
        if c.annex:
            add(("annex_crime", c.id, c.annex), f"crime {c.id}", c.source, c.status, c.note)
        else:
            add(("core_crime", c.id), f"crime {c.id}", c.source, c.status, c.note)
    deposits = sorted((e for e in record.events if e.type in INSTRUMENTS),
                      key=lambda e: (e.date, e.state))
    for rank, e in enumerate(deposits, 1):
        add(("deposit_order", rank, e.state, e.date), e.where, e.source, e.status, e.note,
            e.scenario)
    for e in record.events:
        facts: list[tuple[Any, ...]] = []
        if e.type == "signature":
            facts = [("signed", e.state, e.date)]
        elif e.type in INSTRUMENTS:
            facts = [("deposited", e.state, e.type, e.date)]
        elif e.type == "declaration":
            facts = [("declared", e.state, a, e.date) for a in e.annexes]
        elif e.type == "declaration-withdrawal":
            facts = [("declaration_withdrawn", e.state, a, e.date) for a in e.annexes]
        elif e.type == "provisional-application":
            facts = [("provisional_application", e.state, p, e.date) for p in e.parts]
        elif e.type == "provisional-application-end":
            facts = [("provisional_application_end", e.state, p, e.date) for p in e.parts]
        elif e.type == "denunciation":
            facts = [("denounced", e.state, e.date)]
        if e.effective:
            facts.append(("recorded_effective", e.state, e.type, e.date, e.effective))
            facts.append(("has_recorded_effective", e.state, e.type, e.date))
        for fact in facts:
            add(fact, e.where, e.source, e.status, e.note, e.scenario)
    if record.framework is not None:
        out.extend(framework_facts(record, states))
    return out


def framework_facts(record: Record, states: frozenset[str] | None = None
                    ) -> list[tuple[tuple[Any, ...], Provenance]]:
    """The framework's base facts: the catalogue's parameters and clauses, and the parties'
    events (only those of `states` when given, with the deposits that decide a general entry
    into force)."""
    fw = record.framework
    assert fw is not None
    out: list[tuple[tuple[Any, ...], Provenance]] = []

    def add(fact: tuple[Any, ...], where: str, source: str | None, status: str,
            note: str | None = None, scenario: str | None = None) -> None:
        out.append((fact, Provenance(where, record.source_of(source), status, note, scenario)))

    for crime in record.crimes.values():
        add(("crime_is", crime.id, crime.is_), f"crime {crime.id}", crime.source, "confirmed")
        add(("crime_is", crime.id, "any"), f"crime {crime.id}", crime.source, "confirmed")
        add(("crime_is", crime.id, "convention"), f"crime {crime.id}", crime.source,
            "confirmed")
    for rank, inst in enumerate(fw.instruments.values(), 1):
        where = f"facts/instruments.yaml, {inst.id}"
        add(("catalogue_rank", inst.id, rank), where, inst.source or "framework_reference",
            "confirmed")
        for kind in inst.general:
            add(("general_instrument", inst.id, kind), where, inst.source, "confirmed")
        for c in inst.clauses:
            for kind in c.kinds:
                for what in c.crimes:
                    add(("clause", inst.id, c.provision, what, kind, c.nature), where,
                        c.source, c.status)
                if c.defers:
                    add(("defers_to_general", inst.id, c.provision, c.defers.provision, kind),
                        where, c.defers.source, c.defers.status)
                if c.deems:
                    add(("deeming_clause", inst.id, c.provision, c.deems.provision, kind,
                         c.deems.existing_before or ""), where, c.deems.source, c.deems.status)
                if c.supplements:
                    add(("supplements", inst.id, c.supplements, kind), where, c.source,
                        c.status)
        for d in inst.displaces:
            for kind in d.kinds:
                add(("displaces", inst.id, d.instrument, kind), where, d.source, d.status,
                    d.note)
        if inst.convention:
            continue
        add(("instrument", inst.id), where, inst.source, "confirmed")
        for hub in inst.between:
            add(("instrument_hub", inst.id, hub), where, inst.source, "confirmed")
        if inst.between:
            add(("instrument_bilateral", inst.id), where, inst.source, "confirmed")
        eif = inst.entry_into_force
        if eif is not None:
            add(("instrument_threshold", inst.id, eif.threshold), where, eif.source,
                eif.status, eif.note)
            add(("instrument_delay", inst.id, eif.unit, eif.amount), where, eif.source,
                eif.status, eif.note)
            if eif.general:
                add(("recorded_general_entry", inst.id, eif.general), where, eif.source,
                    eif.status, eif.note)
                add(("has_recorded_general_entry", inst.id), where, eif.source, eif.status)
    events = fw.events if states is None else fw.events_among(states)
    deposits: dict[str, list[Any]] = {}
    for e in events:
        if e.type in DEPOSITS:
            deposits.setdefault(e.instrument, []).append(e)
    for iid, evs in deposits.items():
        eif = fw.instruments[iid].entry_into_force
        if eif is None or eif.general:
            continue  # the recorded general entry into force governs
        for rank, e in enumerate(sorted(evs, key=lambda e: (e.date, e.state)), 1):
            if states is None or e.state in states or rank == eif.threshold:
                add(("instrument_deposit_rank", iid, rank, e.state, e.date), e.where,
                    e.source, e.status, e.note, e.scenario)
    for e in events:
        if states is not None and e.state not in states and e.other not in states \
                and not (e.type in DEPOSITS and _decides_general_entry(fw, e)):
            continue
        facts: list[tuple[Any, ...]] = []
        if e.type in DEPOSITS:
            facts = [("instrument_deposit", e.instrument, e.state, e.type, e.date)]
            if e.effective:
                facts += [("instrument_recorded_effective", e.instrument, e.state, e.type,
                           e.date, e.effective),
                          ("instrument_has_recorded_effective", e.instrument, e.state, e.type,
                           e.date)]
        elif e.type == "in-force":
            facts = [("instrument_recorded_in_force", e.instrument, e.state, e.date)]
        elif e.type == NO_LATER_THAN:
            facts = [("instrument_bound_no_later_than", e.instrument, e.state, e.date)]
        elif e.type == "application":
            facts = [("instrument_application", e.instrument, e.state, e.effective or e.date)]
        elif e.type in ENDS:
            facts = [("instrument_end", e.instrument, e.state, e.type, e.effective or e.date)]
        elif e.type == "objection-precluding":
            facts = [("objection_precludes", e.instrument, e.state, e.other, e.date)]
        elif e.type == "reservation-withdrawal" and e.date:
            facts = [("reservation_withdrawn", e.instrument, e.state, e.date)]
        elif e.type == "objection-lifted":
            facts = [("objection_lifted", e.instrument, e.state, e.other, e.date)]
        elif e.type == "transitional-declaration":
            facts = [("transitional_declaration", e.instrument, e.state, e.acts_before)]
        for fact in facts:
            add(fact, e.where, e.source, e.status, e.note, e.scenario)
    return out


def _decides_general_entry(fw: Any, e: Any) -> bool:
    """A deposit matters to every question when the instrument's general entry into force is
    computed from its threshold rather than recorded (then all deposits are kept)."""
    eif = fw.instruments[e.instrument].entry_into_force
    return eif is not None and not eif.general


def load_rules(book: Rulebook) -> None:
    """Assert the rulebook's clauses into the current knowledge base.

    The clauses are built as pyEngine objects from the rulebook's parsed form, which is what
    `pyDatalog.load(book.source)` builds too, without compiling and executing the text again
    (that costs ~25 ms at every start). A test checks both give the same answers.
    """
    for rule in book.rules.values():
        for clause in rule.clauses:
            pyEngine.assert_(_engine_clause(clause))


def load_rules_with_pydatalog_parser(book: Rulebook) -> None:
    """The reference way: pyDatalog parses and executes the rules text itself."""
    pyParser.load(book.source, newglobals={
        name: pyDatalog._pyD_decorator(fn) for name, fn in HELPERS.items()})


def _engine_term(term: Term) -> Any:
    if isinstance(term, Var):
        return pyEngine.Var(term.name)
    if isinstance(term, Const):
        return pyEngine.Term_of(term.value)
    assert isinstance(term, Call)
    return pyEngine.Operation(pyEngine.Const(HELPERS[term.function]), "(",
                              pyEngine.VarTuple(tuple(_engine_term(a) for a in term.args)))


def _engine_literal(literal: Atom | Comparison) -> Any:
    if isinstance(literal, Comparison):
        return pyEngine.Literal(literal.op, [_engine_term(literal.left),
                                             _engine_term(literal.right)])
    name = ("~" if literal.negated else "") + literal.predicate
    return pyEngine.Literal(name, [_engine_term(a) for a in literal.args])


def _engine_clause(clause: Clause) -> Any:
    return pyEngine.Clause(_engine_literal(clause.head),
                           [_engine_literal(b) for b in clause.body])


def _clause(predicate: str, args: Sequence[Any]) -> Any:
    """A fact for pyEngine, built from values (no text is parsed or executed)."""
    return pyEngine.Clause(pyEngine.Literal(predicate, [pyEngine.Term_of(a) for a in args]), [])


ANSWERS_KEPT = 20_000  # answers an engine remembers before it starts again


class Engine:
    """One knowledge base: the rulebook's rules plus one record's facts."""

    def __init__(self, record: Record, rulebook: Rulebook | None = None,
                 states: frozenset[str] | None = None) -> None:
        """`states`: load only the other instruments' facts about these States (a question
        between two States needs no more); None loads everything (the network)."""
        self.record = record
        self.rulebook = rulebook or load_rulebook()
        Logic()  # a fresh, empty knowledge base for this thread
        load_rules(self.rulebook)
        for pred in self.rulebook.predicates.values():
            if pred.is_base:  # declare it, so that queries on an empty predicate answer "no"
                dummy = _clause(pred.name, ("__declared__",) * len(pred.params))
                pyEngine.assert_(dummy)
                pyEngine.retract(dummy)
        self.provenance: dict[tuple[Any, ...], Provenance] = {}
        for fact, prov in base_facts(record, states):
            pyEngine.assert_(_clause(fact[0], fact[1:]))
            self.provenance.setdefault(fact, prov)
        self._logic = Logic(True)
        # answers already given: the facts and rules never change after loading, and an
        # explanation asks the same sub-questions again (bounded for a long-lived server)
        self._answers: dict[tuple[str, tuple[Any, ...]], list[tuple[Any, ...]]] = {}

    def _activate(self) -> None:
        if Logic(True) is not self._logic:
            Logic(self._logic)
            self._logic = Logic(True)

    def query(self, predicate: str, args: Sequence[Any]) -> list[tuple[Any, ...]]:
        """All solutions of `predicate(args)`, None standing for an unknown: one full tuple of
        arguments per solution."""
        key = (predicate, tuple(args))
        known = self._answers.get(key)
        if known is not None:
            return list(known)
        self._activate()
        terms = [pyEngine.Var(f"V{i}") if a is None else pyEngine.Term_of(a)
                 for i, a in enumerate(args)]
        answer = pyEngine.Literal(predicate, terms).ask()
        found = [tuple(args)] if answer is True else sorted(set(answer or ()), key=repr)
        if len(self._answers) >= ANSWERS_KEPT:
            self._answers.clear()
        self._answers[key] = found
        return list(found)

    def holds(self, predicate: str, args: Sequence[Any]) -> bool:
        return bool(self.query(predicate, args))

    @contextmanager
    def without(self, *, rule: Any = None, fact: tuple[Any, ...] | None = None
                ) -> Iterator[None]:
        """The knowledge base without one premise — a rule (all its clauses) or a base fact —
        while the block runs, then as it was: would the answer be the same if it were false?
        Answers given meanwhile are forgotten on both sides."""
        self._activate()
        clauses = ([_engine_clause(c) for c in rule.clauses] if rule is not None else
                   [_clause(fact[0], fact[1:])] if fact is not None else [])
        for clause in clauses:
            pyEngine.retract(clause)
        self._answers.clear()
        try:
            yield
        finally:
            self._activate()
            for clause in clauses:
                pyEngine.assert_(clause)
            self._answers.clear()

    def can_request(self, requesting: str, requested: str, crime: str, kind: str,
                    on: str) -> bool:
        return self.holds("can_request", (requesting, requested, crime, kind, on))

    def states_where(self, predicate: str, args: Iterable[Any]) -> set[str]:
        """The States S for which predicate(S, *args) holds (args fully bound)."""
        return {row[0] for row in self.query(predicate, (None, *args))}
