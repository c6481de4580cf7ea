"""Explanations built from the rules themselves.

pyDatalog answers yes or no but keeps no proof. The explainer walks the parsed rules of
rules/: for a goal it tries each clause of the goal's predicate, asks the engine about each
body literal with the values known so far, and records what held and what failed, down to
the base facts (with their sources) or their absence. Sentences come from the `#@says` and
`#@says-not` annotations of the predicates, rule metadata from `#@rule` annotations: nothing
here restates the law.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import Any

from mla_rules.law.engine import HELPERS, Engine, Provenance
from mla_rules.law.rulebook import Atom, Call, Clause, Comparison, Const, Rule, Term, Var

Bindings = dict[str, Any]


class Step:
    """One node of a trace.

    kind: "fact" (a base fact that holds), "absent" (a base fact that does not),
    "rule" (a derived condition, decided by `rule`), "check" (a comparison of values),
    "not-evaluated" (a condition that could not be looked at because an earlier one failed).
    """

    __slots__ = ("kind", "holds", "predicate", "args", "negated", "rule", "fact", "check",
                 "children")

    def __init__(self, kind: str, holds: bool, predicate: str | None = None,
                 args: tuple[Any, ...] = (), negated: bool = False, rule: Rule | None = None,
                 fact: Provenance | None = None,
                 check: tuple[str, Any, str, str, Any] | None = None,
                 children: list[Step] | None = None) -> None:
        self.kind = kind
        self.holds = holds
        self.predicate = predicate
        self.args = args
        self.negated = negated
        self.rule = rule
        self.fact = fact
        self.check = check  # (left name, left value, operator, right name, right value)
        self.children = children or []

    def walk(self) -> list[Step]:
        out = [self]
        for child in self.children:
            out.extend(child.walk())
        return out


def _value(term: Term, bindings: Bindings) -> Any:
    if isinstance(term, Var):
        return bindings.get(term.name)
    if isinstance(term, Const):
        return term.value
    args = [_value(a, bindings) for a in term.args]
    if any(a is None for a in args):
        return None
    return HELPERS[term.function](*args)


def _bound(term: Term, bindings: Bindings) -> bool:
    if isinstance(term, Var):
        return term.name in bindings
    if isinstance(term, Call):
        return all(_bound(a, bindings) for a in term.args)
    return True


def _name(term: Term) -> str:
    if isinstance(term, Var):
        return term.name
    if isinstance(term, Const):
        return repr(term.value)
    return f"{term.function}: {', '.join(_name(a) for a in term.args)}"


_COMPARE: dict[str, Callable[[Any, Any], bool]] = {
    "==": operator.eq, "!=": operator.ne, "<": operator.lt, "<=": operator.le, ">": operator.gt,
    ">=": operator.ge}


class Explainer:
    """Explains goals against one engine. `exhaustive` (the default) goes on after a failing
    condition to report every other failing condition whose values are known; without it a
    failing rule stops at its first failing condition (a short "why not")."""

    def __init__(self, engine: Engine, exhaustive: bool = True) -> None:
        self.engine = engine
        self.exhaustive = exhaustive
        self.book = engine.rulebook
        self._memo: dict[tuple[str, tuple[Any, ...]], Step] = {}

    def explain(self, predicate: str, args: tuple[Any, ...]) -> Step:
        """The trace of `predicate(args)`; None in args stands for an unknown value."""
        key = (predicate, args)
        if key not in self._memo:
            pred = self.book.predicates[predicate]
            self._memo[key] = (self._base(predicate, args) if pred.is_base
                               else self._derived(predicate, args))
        return self._memo[key]

    def _base(self, predicate: str, args: tuple[Any, ...]) -> Step:
        rows = self.engine.query(predicate, args)
        if not rows:
            return Step("absent", False, predicate, args)
        row = rows[0]
        return Step("fact", True, predicate, row, fact=self.engine.provenance.get((predicate,
                                                                                    *row)))

    def _derived(self, predicate: str, args: tuple[Any, ...]) -> Step:
        failures: list[Step] = []
        for clause in self.book.clauses_for(predicate):
            bindings = self._unify(clause.head, args)
            if bindings is None:
                continue
            holds, children, bindings = self._body(clause, 0, bindings, [])
            grounded = tuple(_value(a, bindings) if _bound(a, bindings) else None
                             for a in clause.head.args)
            rule = self.book.rules[clause.rule_id]
            step = Step("rule", holds, predicate, grounded, rule=rule, children=children)
            if holds:
                return step
            failures.append(step)
        if len(failures) == 1:
            return failures[0]
        for failure in failures:  # each alternative way the condition could have held
            failure.kind = "alternative"
        return Step("rule", False, predicate, args, children=failures)

    @staticmethod
    def _unify(head: Atom, args: tuple[Any, ...]) -> Bindings | None:
        bindings: Bindings = {}
        for term, value in zip(head.args, args, strict=True):
            if isinstance(term, Const):
                if value is not None and value != term.value:
                    return None
            elif isinstance(term, Var) and value is not None:
                if bindings.get(term.name, value) != value:
                    return None
                bindings[term.name] = value
        return bindings

    def _body(self, clause: Clause, i: int, bindings: Bindings,
              done: list[Step]) -> tuple[bool, list[Step], Bindings]:
        """Evaluate clause.body[i:] with backtracking; on failure, go on evaluating the
        conditions whose values are known, so that every failing condition is reported."""
        if i == len(clause.body):
            return True, done, bindings
        literal = clause.body[i]
        if isinstance(literal, Comparison):
            if literal.op == "==" and isinstance(literal.left, Var) \
                    and literal.left.name not in bindings:
                value = _value(literal.right, bindings)
                return self._body(clause, i + 1, {**bindings, literal.left.name: value}, done)
            step = self._check(literal, bindings)
            if step.holds:  # a computed value that matches needs no line of its own
                shown = [] if literal.op == "==" and isinstance(literal.left, Var) else [step]
                return self._body(clause, i + 1, bindings, done + shown)
            return False, self._rest(clause, i + 1, bindings, done + [step]), bindings
        args = tuple(_value(a, bindings) if _bound(a, bindings) else None for a in literal.args)
        if literal.negated:
            rows = self.engine.query(literal.predicate, args)
            if not rows:
                step = Step("rule", True, literal.predicate, args, negated=True)
                pred = self.book.predicates[literal.predicate]
                if pred.is_base:
                    step.kind = "absent"
                return self._body(clause, i + 1, bindings, done + [step])
            reason = self.explain(literal.predicate, rows[0])
            step = Step("rule", False, literal.predicate, args, negated=True, children=[reason])
            return False, self._rest(clause, i + 1, bindings, done + [step]), bindings
        rows = self.engine.query(literal.predicate, args)
        if not rows:
            step = self.explain(literal.predicate, args)
            return False, self._rest(clause, i + 1, bindings, done + [step]), bindings
        first: tuple[bool, list[Step], Bindings] | None = None
        for row in rows:
            extended = dict(bindings)
            for term, value in zip(literal.args, row, strict=True):
                if isinstance(term, Var):
                    extended[term.name] = value
            result = self._body(clause, i + 1, extended,
                                done + [self.explain(literal.predicate, row)])
            if result[0]:
                return result
            first = first or result
        assert first is not None
        return first

    def _rest(self, clause: Clause, i: int, bindings: Bindings, done: list[Step]) -> list[Step]:
        """After a failure: report the remaining conditions whose values are all known."""
        if not self.exhaustive:
            return done
        for literal in clause.body[i:]:
            if isinstance(literal, Comparison):
                if _bound(literal.left, bindings) and _bound(literal.right, bindings):
                    done = done + [self._check(literal, bindings)]
                continue
            if all(_bound(a, bindings) for a in literal.args):
                args = tuple(_value(a, bindings) for a in literal.args)
                if literal.negated:
                    rows = self.engine.query(literal.predicate, args)
                    children = [self.explain(literal.predicate, rows[0])] if rows else []
                    done = done + [Step("rule", not rows, literal.predicate, args, negated=True,
                                        children=children)]
                else:
                    done = done + [self.explain(literal.predicate, args)]
        return done

    @staticmethod
    def _check(literal: Comparison, bindings: Bindings) -> Step:
        left, right = _value(literal.left, bindings), _value(literal.right, bindings)
        holds = _COMPARE[literal.op](left, right)
        return Step("check", holds, check=(_name(literal.left), left, literal.op,
                                           _name(literal.right), right))


def failing_conditions(step: Step) -> list[Step]:
    """The top-level conditions that fail, each with its deepest reasons."""
    return [c for c in step.children if not c.holds]


def reasons(step: Step) -> list[Step]:
    """The leaves that make a failing step fail."""
    if not step.children or step.kind in ("absent", "check") or step.negated:
        return [step]
    out: list[Step] = []
    for child in step.children:
        if not child.holds:
            out.extend(reasons(child))
    return out or [step]


def premises(step: Step) -> list[Step]:
    """Rules and facts in the trace that are not confirmed (unverified, inferred or an
    interpretation), each once."""
    seen: set[Any] = set()
    out: list[Step] = []
    for s in step.walk():
        status = s.rule.status if s.rule else s.fact.status if s.fact else None
        key = s.rule.id if s.rule else (s.predicate, s.args)
        if status and status != "confirmed" and key not in seen:
            seen.add(key)
            out.append(s)
    return out
