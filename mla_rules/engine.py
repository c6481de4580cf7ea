"""The engine: a fresh pyDatalog knowledge base holding the rules of rules/ and the facts of a
Record, and queries against it.

Facts go in through pyDatalog's API (`assert_fact`), never as text; queries are built as
pyDatalog objects from values, never compiled from text. Each Engine starts from a fresh
`Logic()` (a copied Logic would share stored facts with its original), and re-activates its
own knowledge base before every query, so several engines can live in one process.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Sequence

from pyDatalog import Logic, pyDatalog, pyParser

from . import dates
from .record import INSTRUMENTS, Record
from .rulebook import Rulebook, parse_files

ROOT = Path(__file__).resolve().parent
# An installed package carries rules/ and facts/ inside it; a checkout has them beside it.
RULES_DIR = ROOT / "rules" if (ROOT / "rules").is_dir() else ROOT.parent / "rules"
FACTS_DIR = ROOT / "facts" if (ROOT / "facts").is_dir() else ROOT.parent / "facts"

# Calendar helpers the rules may call; they compute dates, they decide nothing.
HELPERS = {"first_day_of_month_after": dates.first_day_of_month_after,
           "later_of": dates.later_of}


def load_rulebook(rules_dir: Path = RULES_DIR) -> Rulebook:
    return parse_files(sorted(rules_dir.glob("*.dl")), rules_dir.parent)


@dataclass(frozen=True)
class Provenance:
    """Where a base fact comes from: the event or parameter behind it."""

    where: str
    source: dict[str, Any]
    status: str
    note: str | None = None
    scenario: str | None = None


def base_facts(record: Record) -> list[tuple[tuple[Any, ...], Provenance]]:
    """Translate the record into base facts `(predicate, *args)`, each with its provenance."""
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
        for fact in facts:
            add(fact, e.where, e.source, e.status, e.note, e.scenario)
    return out


class Engine:
    """One knowledge base: the rulebook's rules plus one record's facts."""

    def __init__(self, record: Record, rulebook: Rulebook | None = None) -> None:
        self.record = record
        self.rulebook = rulebook or load_rulebook()
        Logic()  # a fresh, empty knowledge base for this thread
        pyParser.load(self.rulebook.source, newglobals={
            name: pyDatalog._pyD_decorator(fn) for name, fn in HELPERS.items()})
        for pred in self.rulebook.predicates.values():
            if pred.is_base:  # declare it, so that queries on an empty predicate answer "no"
                dummy = ("__declared__",) * len(pred.params)
                pyDatalog.assert_fact(pred.name, *dummy)
                pyDatalog.retract_fact(pred.name, *dummy)
        self.provenance: dict[tuple[Any, ...], Provenance] = {}
        for fact, prov in base_facts(record):
            pyDatalog.assert_fact(*fact)
            self.provenance.setdefault(fact, prov)
        self._logic = Logic(True)

    def _activate(self) -> None:
        if Logic(True) is not self._logic:
            Logic(self._logic)
            self._logic = Logic(True)

    def query(self, predicate: str, args: Sequence[Any]) -> list[tuple[Any, ...]]:
        """All solutions of `predicate(args)`, None standing for an unknown: one full tuple of
        arguments per solution."""
        self._activate()
        variables = [f"V{i}" for i, a in enumerate(args) if a is None]
        terms = [pyParser.Term(f"V{i}") if a is None else pyParser.Expression._pyD_for(a)
                 for i, a in enumerate(args)]
        answer = pyParser.Literal.make(predicate, terms).ask()
        if not answer:
            return []
        rows = []
        for solution in answer:
            values = dict(zip(variables, solution))
            rows.append(tuple(values[f"V{i}"] if a is None else a for i, a in enumerate(args)))
        return sorted(set(rows), key=repr)

    def holds(self, predicate: str, args: Sequence[Any]) -> bool:
        return bool(self.query(predicate, args))

    def can_request(self, requesting: str, requested: str, crime: str, kind: str,
                    on: str) -> bool:
        return self.holds("can_request", (requesting, requested, crime, kind, on))

    def states_where(self, predicate: str, args: Iterable[Any]) -> set[str]:
        """The States S for which predicate(S, *args) holds (args fully bound)."""
        return {row[0] for row in self.query(predicate, (None, *args))}
