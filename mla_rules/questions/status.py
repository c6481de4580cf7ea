"""`mla status`: a State's record and what the rules make of it on a date, as data: the
explanation steps stay steps (`because`), for present/status.py to word."""

from __future__ import annotations

from typing import Any

from mla_rules.law.engine import Engine
from mla_rules.law.explain import Explainer, reasons
from mla_rules.questions.answer import KINDS
from mla_rules.record.names import State


def state_status(engine: Engine, state: State, on: str) -> dict[str, Any]:
    record, code = engine.record, state.alpha_3
    explainer = Explainer(engine)
    in_force = engine.query("in_force_for", (code, None))
    bound = {}
    for kind in KINDS:
        step = explainer.explain("bound_for", (code, kind, on))
        bound[kind] = {"bound": step.holds,
                       "because": step.children[:1] if step.holds else reasons(step),
                       "rule": step.rule.id if step.rule else None}
    opted = sorted(row[1] for row in engine.query("opted_in", (code, None, on)))
    events = [{"type": e.type, "date": e.date, "effective": e.effective,
               "annexes": list(e.annexes), "parts": list(e.parts), "article": e.article,
               "gist": e.gist, "territory": e.territory, "status": e.status, "note": e.note,
               "source": record.source_of(e.source), "scenario": e.scenario}
              for e in record.events_of(code)]
    return {
        "state": code, "name": state.name, "on": on, "record_as_of": record.as_of,
        "events": events,
        "in_force_from": in_force[0][1] if in_force else None,
        "bound": bound,
        "opted_in_annexes": opted,
        "denunciation_in_effect": engine.holds("denunciation_in_effect", (code, on)),
        "practical_notes": [{"article": n.article, "topic": n.topic, "gist": n.gist,
                             "source": record.source_of(n.source)}
                            for n in record.notes if n.state == code],
        "warnings": ([f"The record is as of {record.as_of}: later events are not in the data."]
                     if on > record.as_of else []),
        "instruments": participation(engine, code, on),
    }


def participation(engine: Engine, code: str, on: str) -> list[dict[str, Any]]:
    """The State's participation in every other instrument of the catalogue, in order."""
    record = engine.record
    fw = record.framework
    if fw is None:
        return []
    out = []
    for inst in fw.instruments.values():
        if inst.convention:
            continue
        since = engine.query("instrument_in_force_for", (inst.id, code, None))
        out.append({
            "instrument": inst.id, "title": inst.short,
            "bound": engine.holds("instrument_party_on", (inst.id, code, on)),
            "in_force_from": min((r[2] for r in since), default=None),
            "parties_list": "complete" if inst.complete else "partial",
            "events": [{"type": e.type, "date": e.date or None,  # None: no source dates it
                        "effective": e.effective,
                        "other": e.other, "acts_before": e.acts_before, "status": e.status,
                        "note": e.note, "source": record.source_of(e.source),
                        "scenario": e.scenario}
                       for e in fw.events_of(code) if e.instrument == inst.id],
        })
    return out


