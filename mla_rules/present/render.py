"""Renderers: the same answer as text for a lawyer and as JSON for a program."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from mla_rules.law.explain import Step, failing_conditions, reasons
from mla_rules.law.rulebook import Rulebook
from mla_rules.questions.answer import Answer, describe_value
from mla_rules.record.record import Record

MARK = {True: "✓", False: "✗"}
_OPS = {"==": "equals", "!=": "differs from", "<": "is before", "<=": "is on or before",
        ">": "is after", ">=": "is on or after"}
_NOT_OPS = {"==": "differs from", "!=": "equals", "<": "is not before", "<=": "is after",
            ">": "is not after", ">=": "is before"}
_NAMES = {"On": "the date of the request"}


def _words(name: str) -> str:
    """'InForceFrom' -> 'in force from'."""
    if name in _NAMES:
        return _NAMES[name]
    return re.sub(r"(?<![^a-z])([A-Z])", r" \1", name).lower().replace("_", " ").strip()


def sentence(step: Step, book: Rulebook, record: Record) -> str:
    """What a step says, in the words of its predicate's #@says / #@says-not annotation."""
    if step.kind == "check" and step.check:
        left, lv, op, right, rv = step.check
        words = _OPS[op] if step.holds else _NOT_OPS[op]
        text = (f"{_words(left)} ({describe_value(lv, record)}) {words} "
                f"{_words(right)} ({describe_value(rv, record)})")
        return text[:1].upper() + text[1:]
    if step.kind == "alternative" and step.rule:
        return f"Not by rule {step.rule.id}: {step.rule.gloss}"
    if step.predicate is None:
        return ""
    pred = book.predicates[step.predicate]
    positive = step.holds != step.negated
    template = pred.says if positive else pred.says_not
    values = {p: (_annex(v, record) if p == "Annex" and v is not None
                  else describe_value(v, record) if v is not None else f"any {_words(p)}")
              for p, v in zip(pred.params, step.args, strict=True)}
    text = template
    for p, v in values.items():
        text = text.replace("{" + p + "}", v)
    return text[:1].upper() + text[1:]


def article(text: str) -> str:
    """'90(1)' -> 'Art. 90(1)'; 'Parts III and IV' stays as it is."""
    return f"Art. {text}" if text[:1].isdigit() else text


def _annex(letter: str, record: Record) -> str:
    """'H' -> 'H (aggression)' where the annex's crime has a short name."""
    for crime in record.crimes.values():
        if crime.annex == letter and len(crime.name) <= 30:
            return f"{letter} ({crime.name.lower()})"
    return letter


def _tag(step: Step) -> str:
    if step.rule:
        r = step.rule
        return f"  [{r.id} · {article(r.article)} · {r.status}]"
    if step.fact:
        f = step.fact
        src = f.source.get("id", "no source")
        extra = f" · {f.status}" if f.status != "confirmed" else ""
        scen = f" · scenario '{f.scenario}'" if f.scenario else ""
        return f"  [{src}{extra}{scen}]"
    return ""


def trace_lines(step: Step, book: Rulebook, record: Record, depth: int = 0,
                max_depth: int = 99) -> list[str]:
    lines = [f"{'   ' * depth}{MARK[step.holds]} {sentence(step, book, record)}{_tag(step)}"]
    if depth < max_depth:
        for child in step.children:
            lines.extend(trace_lines(child, book, record, depth + 1, max_depth))
    return lines


def provided(yes: bool, decisive: Sequence[Step]) -> str:
    """What the first line of an answer adds when its verdict rests on unverified points
    (questions/answer.py, decisive_premises): the answer holds only provided they do."""
    if not decisive:
        return ""
    n = len(decisive)
    points = "unverified point" if n == 1 else f"{n} unverified points"
    what = "is" if n == 1 else "are"
    other = "NO" if yes else "YES"
    return (f" This holds only if the {points} marked decisive below {what} true: "
            f"if {'it' if n == 1 else 'any'} is not, the answer is {other}.")


def premise_dict(p: Step, book: Rulebook, record: Record,
                 decisive: Sequence[Step] = ()) -> dict[str, Any]:
    """An unverified premise as JSON; `decisive`: the verdict would change without it."""
    out: dict[str, Any] = (
        {"status": p.rule.status, "rule": p.rule.id, "article": p.rule.article,
         "gloss": p.rule.gloss} if p.rule else
        {"status": p.fact.status if p.fact else None, "fact": sentence(p, book, record),
         "note": p.fact.note if p.fact else None})
    out["decisive"] = any(p is d for d in decisive)
    return out


def answer_text(answer: Answer, book: Rulebook, depth: int = 99) -> str:
    q, record = answer.question, answer.record
    kind = describe_value(q.kind, record)
    head = (f"YES — the Convention governs a request for {kind} from {q.requesting.name} to "
            f"{q.requested.name} for {q.crime.label} on {describe_value(q.on, record)}."
            if answer.applies else
            f"NO — the Convention does not govern a request for {kind} from "
            f"{q.requesting.name} to {q.requested.name} for {q.crime.label} on "
            f"{describe_value(q.on, record)}.")
    head += provided(answer.applies, answer.decisive)
    if depth == 0:  # the verdict line only
        return head
    out = [head, ""]
    if not answer.applies:
        out.append("Why not:")
        for condition in failing_conditions(answer.trace):
            out.append(f"  ✗ {sentence(condition, book, record)}")
            for leaf in reasons(condition):
                if leaf is not condition:
                    out.append(f"      - {sentence(leaf, book, record)}")
        out.append("")
    doubtful = [p for p in answer.premises
                if (p.rule.status if p.rule else p.fact.status if p.fact else "") != "inferred"]
    if doubtful:
        out.append("This answer relies on points that are unverified or an interpretation:")
        for p in doubtful:
            mark = "decisive, " if any(p is d for d in answer.decisive) else ""
            if p.rule:
                out.append(f"  - {mark}{p.rule.status}: {p.rule.gloss} (rule {p.rule.id}, "
                           f"{article(p.rule.article)})")
            elif p.fact:
                note = f" — {p.fact.note}" if p.fact.note else ""
                out.append(f"  - {mark}{p.fact.status}: {sentence(p, book, record)}{note}")
        out.append("")
    out.append("Trace:")
    out.extend("  " + line for line in trace_lines(answer.trace, book, record, 0, depth))
    if answer.notes:
        out += ["", f"Practical notes for requests to {q.requested.name}:"]
        for n in answer.notes:
            out.append(f"  - Art. {n.article} ({n.topic}): {n.gist}  [{n.source}]")
    if answer.warnings:
        out.append("")
        out.extend(f"Warning: {w}" for w in answer.warnings)
    sources = _sources(answer.trace)
    if sources:
        out += ["", "Sources:"]
        out.extend(f"  {s['id']}: {s.get('title', '')}{' — ' + s['url'] if s.get('url') else ''}"
                   for s in sources)
    return "\n".join(out)


def _sources(step: Step) -> list[dict[str, Any]]:
    seen: dict[str, dict[str, Any]] = {}
    for s in step.walk():
        if s.fact and s.fact.source.get("id"):
            seen.setdefault(s.fact.source["id"], s.fact.source)
    return list(seen.values())


def step_dict(step: Step, book: Rulebook, record: Record) -> dict[str, Any]:
    d: dict[str, Any] = {"holds": step.holds, "kind": step.kind,
                         "text": sentence(step, book, record)}
    if step.predicate:
        d["predicate"] = step.predicate
        d["args"] = list(step.args)
        if step.negated:
            d["negated"] = True
    if step.rule:
        d["rule"] = {"id": step.rule.id, "article": step.rule.article,
                     "status": step.rule.status, "gloss": step.rule.gloss}
    if step.fact:
        d["fact"] = {"where": step.fact.where, "source": step.fact.source,
                     "status": step.fact.status}
        if step.fact.note:
            d["fact"]["note"] = step.fact.note
        if step.fact.scenario:
            d["fact"]["scenario"] = step.fact.scenario
    if step.check:
        left, lv, op, right, rv = step.check
        d["check"] = {"left": left, "left_value": lv, "op": op, "right": right,
                      "right_value": rv}
    if step.children:
        d["children"] = [step_dict(c, book, record) for c in step.children]
    return d


def answer_dict(answer: Answer, book: Rulebook) -> dict[str, Any]:
    q, record = answer.question, answer.record
    return {
        "applies": answer.applies,
        "requesting": q.requesting.alpha_3,
        "requested": q.requested.alpha_3,
        "crime": q.crime.id,
        "kind": q.kind,
        "on": q.on,
        "record_as_of": record.as_of,
        "summary": answer_text(answer, book).splitlines()[0],
        "failing": [
            {"condition": sentence(c, book, record),
             "reasons": [sentence(leaf, book, record) for leaf in reasons(c) if leaf is not c]}
            for c in failing_conditions(answer.trace)] if not answer.applies else [],
        "unverified_premises": [premise_dict(p, book, record, answer.decisive)
                                for p in answer.premises],
        "practical_notes": [{"article": n.article, "topic": n.topic, "gist": n.gist,
                             "source": record.source_of(n.source)} for n in answer.notes],
        "warnings": answer.warnings,
        "scenarios": [{"name": s.name, "path": s.path} for s in record.scenarios],
        "explanation": step_dict(answer.trace, book, record),
    }


def other_bases_text(others: list[str], record: Record) -> str:
    """The short "Other treaty bases" section after a can-request verdict."""
    fw = record.framework
    lines = ["Other treaty bases (see `mla legal-basis` for articles and conditions):"]
    if not others or fw is None:
        lines.append("  none in the catalogue's multilateral instruments (bilateral treaties "
                     "are not in the data)")
    else:
        lines.extend(f"  - {fw.instruments[i].short} ({i})" for i in others)
    return "\n".join(lines)
