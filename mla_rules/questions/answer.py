"""Answering the question a legal adviser asks, as data: the verdict, the trace, the
unverified premises it relies on, warnings and practical notes. Renderers live in render.py."""


from collections.abc import Callable
from typing import Any, NamedTuple

from mla_rules.errors import MlaError, UsageError
from mla_rules.law.engine import Engine
from mla_rules.law.explain import Explainer, Step, premises
from mla_rules.record.names import State
from mla_rules.record.record import Crime, Note, Record

KINDS = {"mla": "mutual legal assistance", "extradition": "extradition"}


class Question(NamedTuple):
    requesting: State
    requested: State
    crime: Crime
    kind: str
    on: str

    def check(self) -> "Question":
        """The question itself, once it is one a user may ask; else UsageError."""
        if self.requesting.alpha_3 == self.requested.alpha_3:
            raise UsageError(f"the requesting and requested State are both "
                             f"{self.requesting.name}",
                             "A request goes from one State to another: give two States.")
        if self.kind not in KINDS:
            raise UsageError(f"unknown kind '{self.kind}'", "Use mla or extradition.")
        return self


class Answer(NamedTuple):
    question: Question
    applies: bool
    trace: Step
    premises: list[Step]
    warnings: list[str]
    notes: list[Note]
    record: Record
    # the unverified or interpretative premises without which the verdict would be the other
    # one: the answer holds only provided they do (decisive_premises)
    decisive: list[Step] = []


class InconsistentAnswer(MlaError):
    """The explainer and pyDatalog disagree: a bug, never a user's error."""


def ask(engine: Engine, q: Question, explainer: Explainer | None = None,
        decisive: bool = True) -> Answer:
    """Decide the question with pyDatalog and explain the decision from the rules (and,
    with `decisive`, find the unverified premises the verdict turns on)."""
    q.check()
    args = (q.requesting.alpha_3, q.requested.alpha_3, q.crime.id, q.kind, q.on)
    applies = engine.can_request(*args)
    trace = (explainer or Explainer(engine)).explain("can_request", args)
    if trace.holds != applies:
        raise InconsistentAnswer("the explanation disagrees with the engine; please report this")
    record = engine.record
    warnings = []
    if q.on > record.as_of:
        warnings.append(f"The record is as of {record.as_of}: ratifications, declarations and "
                        f"denunciations after that date are not in the data.")
    for s in record.scenarios:
        warnings.append(f"What-if scenario '{s.name}' ({s.path}) is applied on top of the "
                        f"shipped record.")
    notes = [n for n in record.notes if n.state == q.requested.alpha_3] if applies else []
    doubtful = premises(trace)
    turns_on = [step for step, _ in decisive_premises(engine, doubtful,
                                                       lambda: engine.can_request(*args))
                ] if decisive else []
    return Answer(q, applies, trace, doubtful, warnings, notes, record, turns_on)


DOUBTFUL = ("unverified", "interpretation")


def decisive_premises(engine: Engine, steps: list[Step], verdict: Callable[[], Any]
                      ) -> list[tuple[Step, Any]]:
    """The premises, unverified or an interpretation, without which `verdict()` would
    change, each with the verdict without it: each is taken out of the knowledge base in turn
    (a rule with all its clauses, or a base fact) and the question asked again. An answer
    resting on one of them holds only provided it does."""
    before = verdict()
    out = []
    for step in steps:
        status = step.rule.status if step.rule else step.fact.status if step.fact else None
        if status not in DOUBTFUL:
            continue
        taken = engine.without(rule=step.rule) if step.rule else engine.without(
            fact=(step.predicate, *step.args))
        with taken:
            after = verdict()
        if after != before:
            out.append((step, after))
    return out


def describe_value(value: Any, record: Record) -> str:
    """A value as a lawyer reads it: States by name, dates in words, crimes by label."""
    from mla_rules.record.dates import human, is_iso

    if isinstance(value, str):
        if is_iso(value):
            return human(value)
        if len(value) == 3 and value.isupper() and value in record.states.by_code:
            return record.states.get(value).name
        if value in record.crimes:
            return record.crimes[value].label
        if value in KINDS:
            return KINDS[value]
        if record.framework is not None and value in record.framework.instruments:
            return record.framework.instruments[value].short
        return value.replace("_", " ")
    return str(value)
