"""`mla legal-basis` worded: text for a legal adviser, JSON for a case-management system."""

from __future__ import annotations

from typing import Any

from mla_rules.law.rulebook import Rulebook
from mla_rules.present.render import (
    answer_dict,
    premise_dict,
    provided,
    sentence,
    step_dict,
    trace_lines,
)
from mla_rules.questions.answer import KINDS, Answer
from mla_rules.questions.legal_basis import Basis, LegalBasis, Reason, premises_of
from mla_rules.record.dates import human
from mla_rules.record.framework import JOINS
from mla_rules.record.record import Record

__all__ = ["JOINS"]

NATURE_WORDS = {
    "legal-basis": "legal basis",
    "legal-basis-if-treaty-required": "legal basis where the requested State requires a treaty",
    "undertaking": "undertaking (not a legal basis)",
    "deemed-included": "the offence is deemed included as extraditable in the extradition "
                       "treaty between them",
    "supplements": "supplements another instrument (not a basis of its own)",
}


def reason_text(reason: Reason, basis: Basis, record: Record, book: Rulebook) -> str:
    inst = basis.instrument
    name = record.states.get(reason.state).name if reason.state else ""
    if reason.code == "kind":
        return f"it does not cover {KINDS.get(reason.detail or '', reason.detail)}"
    if reason.code == "crime":
        crime = record.crimes[reason.detail].label if reason.detail in record.crimes else ""
        return f"it does not cover {crime}"
    if reason.code == "not-bound":
        return f"{name} is not bound by it: {reason.detail}"
    if reason.code == "not-party":
        return (f"{name} is not a Member State bound by it" if inst.application
                else f"{name} is not a party")
    if reason.code == "not-known":
        total = f" of {inst.known_total}" if inst.known_total else ""
        count = record.framework.coverage(inst.id)[  # type: ignore[union-attr]
            "parties_recorded"]
        return (f"could not be decided: {name} is not known to be a party (the shipped list "
                f"of parties is incomplete: {count}{total} parties recorded)")
    if reason.code == "bounded":
        return (f"could not be decided: a source shows {name} bound no later than "
                f"{human(reason.date or '')}, not since when")
    if reason.code == "not-yet":
        return (f"not yet in force for {name}" + (f" (from {human(reason.date)})"
                                                  if reason.date else ""))
    if reason.code == "ended":
        what = {"application-end": "end of application"}.get(reason.detail or "", reason.detail)
        return f"{name}'s {what} took effect on {human(reason.date or '')}"
    if reason.code == "hub":
        hubs = " or ".join(record.states.get(h).name for h in (reason.detail or "").split(", "))
        return f"it applies only between {hubs} and the other parties"
    if reason.code == "objection":
        other = record.states.get(reason.detail or "").name if reason.detail else ""
        return (f"an objection of {name}" + (f" of {human(reason.date)}" if reason.date else "")
                + f" precludes it between {name} and {other}")
    if reason.code == "supplements":
        fw = record.framework
        assert fw is not None
        target = fw.instruments[reason.detail].short if reason.detail in fw.instruments else ""
        return f"it only supplements {target}, which does not apply"
    if reason.code == "convention":
        answer = basis.answer
        assert answer is not None
        from mla_rules.law.explain import failing_conditions

        return "; ".join(sentence(c, book, record) for c in failing_conditions(answer.trace)) \
            or "it does not govern the request"
    return "it does not apply"


def _shorts(lb: LegalBasis) -> str:
    fw = lb.record.framework
    assert fw is not None
    return ", ".join(fw.instruments[i].short for i in lb.undecided)


def _undecided_why(lb: LegalBasis) -> str:
    codes = {r.code for b in lb.bases if b.undecided for r in b.why_not}
    missing = "a State is missing from a partial list of parties"
    bounded = "a State is known bound only from a later date, not since when"
    return "; ".join(w for c, w in (("not-known", missing), ("bounded", bounded))
                     if c in codes)


def dates_text(basis: Basis, lb: LegalBasis) -> str:
    q = lb.question
    parts = []
    for state in (q.requesting, q.requested):
        since = basis.in_force.get(state.alpha_3)
        word = "no later than" if state.alpha_3 in basis.no_later_than else "from"
        parts.append(f"{state.name} {word} {human(since)}" if since else f"{state.name}: —")
    return "in force for " + ", ".join(parts)


def legal_basis_text(lb: LegalBasis, book: Rulebook, depth: int | None = None) -> str:
    """The answer for people; `depth` 0: its verdict line only; N: with each applying
    instrument's trace N levels deep; None: without the traces."""
    q, record = lb.question, lb.record
    kind = KINDS[q.kind]
    on = human(q.on)
    governs = lb.governs
    lead = (f"YES — base the request on {cite(governs)}: a request for {kind} from "
            f"{q.requesting.name} "
            f"to {q.requested.name} for {q.crime.label} on {on} has a treaty basis."
            if governs is not None else
            f"NO treaty basis found — could not be decided: {_shorts(lb)} ({_undecided_why(lb)})"
            f" — for a request for {kind} from "
            f"{q.requesting.name} to {q.requested.name} for {q.crime.label} on {on}."
            if lb.undecided else
            f"NO — no instrument in the catalogue is a legal basis for a request for {kind} "
            f"from {q.requesting.name} to {q.requested.name} for {q.crime.label} on {on}.")
    lead += provided(lb.applies, lb.decisive_steps) if lb.decides_verdict else \
        _cited_provided(lb)
    if depth == 0:
        return lead
    out = [lead]
    if lb.committed:
        out.append(f"Acts committed on {human(lb.committed)}.")
    out.append("")
    ordered = lb.governing_order()
    applying = [b for b in ordered if b.applies]
    if applying:
        out.append("Applies:")
        for b in applying:
            out.extend(_basis_lines(b, lb, role_words(b, lb)))
        out.append("")
    out.append("Does not apply:")
    for b in ordered:
        if not b.applies and not b.undecided:
            why = "; ".join(reason_text(r, b, record, book) for r in b.why_not)
            out.append(f"  ✗ {b.instrument.short} ({b.instrument.id}): {why}")
    if lb.undecided:
        out += ["", f"Could not be decided ({_undecided_why(lb)}):"]
        for b in ordered:
            if b.undecided:
                why = "; ".join(reason_text(r, b, record, book) for r in b.why_not)
                out.append(f"  ? {b.instrument.short} ({b.instrument.id}): {why}")
    doubtful = premise_lines(lb, book)
    if doubtful:
        out += ["", "This answer relies on points that are unverified or an interpretation:"]
        out.extend(f"  - {line}" for line in doubtful)
    if depth:
        for b in applying:
            out += ["", f"Trace ({b.instrument.id}):"]
            out.extend("  " + line for line in trace_lines(lb.trace_of(b), book, record, 0,
                                                           depth))
    out.append("")
    out.extend(f"Note: {w}" for w in lb.warnings)
    sources = answer_sources(lb)
    if sources:
        out += ["", "Sources:", *sources_lines(sources)]
    return "\n".join(out)


def _cited_provided(lb: LegalBasis) -> str:
    """The first line's addition when unverified points decide only which instrument to cite
    (a legal basis is found either way)."""
    if not lb.decisive:
        return ""
    fw = lb.record.framework
    assert fw is not None
    instead = sorted({i for _, (_, governing) in lb.decisive for i in governing},
                     key=list(fw.instruments).index)
    n = len(lb.decisive)
    points = "an unverified point" if n == 1 else f"{n} unverified points"
    other = " or ".join(fw.instruments[i].short for i in instead) or "another instrument"
    return (f" Which instrument to cite rests on {points} marked decisive below: without "
            f"{'it' if n == 1 else 'any of them'}, {other} would govern.")


def premise_lines(lb: LegalBasis, book: Rulebook) -> list[str]:
    """The unverified or interpretative points the answer relies on, one line each."""
    out = []
    for p in premises_of(lb):
        mark = "decisive, " if any(p is d for d in lb.decisive_steps) else ""
        if p.rule and p.rule.status not in ("confirmed", "inferred"):
            out.append(f"{mark}{p.rule.status}: {p.rule.gloss} (rule {p.rule.id})")
        elif p.fact and p.fact.status not in ("confirmed", "inferred"):
            note = f" — {p.fact.note}" if p.fact.note else ""
            out.append(f"{mark}{p.fact.status}: {sentence(p, book, lb.record)}{note}")
    return out


def answer_sources(lb: LegalBasis, verdict: Answer | None = None) -> list[dict[str, Any]]:
    """The sources an answer rests on, in order of first use: of every fact in the
    explanations of the instruments that apply (and of the Convention's verdict), then each
    applying instrument's own; each with its title, address and the date its list of parties
    is as of (None for a treaty's text, which has no such date). With `verdict` (the
    Convention's answer, where a page shows its explanation and its practical notes whether
    it applies or not), the sources of those too, after the others."""
    from mla_rules.present.sources import Sources

    record = lb.record
    sources = Sources(record)
    for b in lb.governing_order():
        if not b.applies:
            continue
        trace = b.answer.trace if b.answer is not None else lb.trace_of(b)
        for step in trace.walk():
            if step.fact is not None:
                sources.fact(step.fact)
        if b.instrument.convention:
            sources.add(b.instrument.source, None)
        else:  # with the date of its list of parties, as the State page gives it
            sources.listing(b.instrument.id)
    if verdict is not None:
        for step in verdict.trace.walk():
            if step.fact is not None:
                sources.fact(step.fact)
        for n in verdict.notes:
            sources.add(n.source, None)
    return [{k: s[k] for k in ("id", "title", "url", "as_of")} for s in sources.list()]


def sources_lines(sources: list[dict[str, Any]]) -> list[str]:
    return [f"  {s['id']}: {s['title'] or ''}{' — ' + s['url'] if s['url'] else ''}"
            + (f" (as of {s['as_of']})" if s["as_of"] else "") for s in sources]


def cite(b: Basis) -> str:
    """The instrument and its article, as an adviser cites them ("the European Convention on
    Extradition (ETS 24), Art. 1"), without repeating a part its short name already gives."""
    short, provisions = b.instrument.short, ", ".join(b.provisions)
    tail = short.rsplit(", ", 1)[-1]
    if "," in short and provisions.startswith(f"{tail}, "):
        provisions = provisions[len(tail) + 2:]
    return f"{short}, {provisions}"


def role_words(b: Basis, lb: LegalBasis) -> str:
    fw = lb.record.framework
    assert fw is not None
    if b.role == "deemed-included" and b.deemed_into:
        return f"deemed included in {fw.instruments[b.deemed_into].short}"
    if b.role == "supplements" and b.supplements:
        return f"supplements {fw.instruments[b.supplements].short}"
    return {"governs": "governs: cite it", "also-applies": "also applies",
            "displaced": "displaced", "undertaking": "undertaking"}.get(b.role or "", "")


def _basis_lines(b: Basis, lb: LegalBasis, head: str) -> list[str]:
    inst = b.instrument
    nature = NATURE_WORDS.get(b.nature or "", b.nature or "")
    tag = f" — {head}" if head else ""
    lines = [f"  ✓ {inst.short} ({inst.id}){tag}",
             f"      {', '.join(b.provisions)} · {nature} · {dates_text(b, lb)}"]
    if b.superseded_by:
        names = ", ".join(lb.record.framework.instruments[i].short  # type: ignore[union-attr]
                          for i in b.superseded_by)
        lines.append(f"      displaced between these States by {names}")
    for c in b.conditions:
        lines.append(f"      check: {c}")
    return lines


def basis_dict(b: Basis, lb: LegalBasis, book: Rulebook) -> dict[str, Any]:
    record = lb.record
    out: dict[str, Any] = {
        "instrument": b.instrument.id,
        "title": b.instrument.title,
        "short": b.instrument.short,
        "cite": cite(b) if b.applies else None,
        "role_words": role_words(b, lb) if b.applies else None,
        "applies": b.applies,
        "undecided": b.undecided,
        "role": b.role,
        "nature": b.nature,
        "provisions": list(b.provisions),
        "deemed_into": b.deemed_into,
        "supplements": b.supplements,
        "conditions": list(b.conditions),
        "superseded_by": list(b.superseded_by),
        "in_force": {s: d for s, d in b.in_force.items()},
        "in_force_no_later_than": sorted(b.no_later_than),
        "why_not": "; ".join(reason_text(r, b, record, book) for r in b.why_not) if b.why_not
        else None,
        "parties_list": "complete" if b.instrument.complete else "partial",
    }
    why = lb.role_explanation(b)
    out["role_explanation"] = step_dict(why, book, record) if why else None
    if b.answer is not None:
        out["explanation"] = answer_dict(b.answer, book)["explanation"]
    else:
        out["explanation"] = step_dict(lb.trace_of(b), book, record)
    return out


def legal_basis_dict(lb: LegalBasis, book: Rulebook) -> dict[str, Any]:
    q, record = lb.question, lb.record
    fw = record.framework
    assert fw is not None
    return {
        "requesting": q.requesting.alpha_3,
        "requested": q.requested.alpha_3,
        "crime": q.crime.id,
        "kind": q.kind,
        "on": q.on,
        "committed": lb.committed,
        "applies": lb.applies,
        "governs": lb.governs.instrument.id if lb.governs else None,
        "undecided": list(lb.undecided),
        "summary": legal_basis_text(lb, book).splitlines()[0],
        "bases": [basis_dict(b, lb, book) for b in lb.bases],
        "record_as_of": {i: (record.as_of if inst.convention else inst.as_of)
                         for i, inst in fw.instruments.items()},
        "unverified_premises": [premise_dict(p, book, record, lb.decisive_steps)
                                for p in premises_of(lb)],
        "warnings": list(lb.warnings),
        "sources": answer_sources(lb),
        "scenarios": [{"name": s.name, "path": s.path} for s in record.scenarios],
    }
