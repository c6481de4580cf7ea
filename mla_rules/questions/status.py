"""`mla status`: a State's record and what the rules make of it on a date."""

from __future__ import annotations

from typing import Any

from mla_rules.law.engine import Engine
from mla_rules.law.explain import Explainer, reasons
from mla_rules.present.render import sentence
from mla_rules.questions.answer import KINDS
from mla_rules.record.dates import human
from mla_rules.record.names import State


def state_status(engine: Engine, state: State, on: str) -> dict[str, Any]:
    record, code = engine.record, state.alpha_3
    explainer = Explainer(engine)
    in_force = engine.query("in_force_for", (code, None))
    bound = {}
    for kind in KINDS:
        step = explainer.explain("bound_for", (code, kind, on))
        bound[kind] = {"bound": step.holds,
                       "because": [sentence(s, engine.rulebook, record) for s in
                                   (step.children[:1] if step.holds else reasons(step))],
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
    }


def status_text(d: dict[str, Any]) -> str:
    out = [f"{d['name']} ({d['state']}) on {human(d['on'])}", ""]
    out.append("Record:")
    if not d["events"]:
        out.append("  (nothing: not a signatory, no instrument deposited)")
    for e in d["events"]:
        what = e["type"]
        if e["annexes"]:
            what += f" (Annexes {', '.join(e['annexes'])})"
        if e["parts"]:
            what += f" (Part {', '.join(e['parts'])})"
        if e["article"]:
            what += f" (Art. {e['article']})"
        line = f"  {e['date']}  {what}"
        if e["effective"]:
            line += f", effective {e['effective']}"
        if e["status"] != "confirmed":
            line += f" [{e['status']}]"
        if e["scenario"]:
            line += f" [scenario '{e['scenario']}']"
        elif e["source"]:
            line += f"  — {e['source'].get('id')}"
        out.append(line)
        if e["gist"]:
            out.append(f"      {e['gist']}")
        if e["territory"]:
            out.append(f"      territory: {e['territory']}")
        if e["note"]:
            out.append(f"      note: {e['note']}")
    out.append("")
    out.append("In force for it from: "
               + (human(d["in_force_from"]) if d["in_force_from"] else "— (not in force)"))
    for kind, b in d["bound"].items():
        mark = "bound" if b["bound"] else "not bound"
        out.append(f"{KINDS[kind].capitalize()}: {mark}")
        for why in b["because"]:
            out.append(f"    {why}")
    out.append("Annex opt-ins in effect: " + (", ".join(d["opted_in_annexes"]) or "none"))
    if d["denunciation_in_effect"]:
        out.append("Its denunciation has taken effect.")
    if d["practical_notes"]:
        out.append("Practical notes:")
        out.extend(f"  Art. {n['article']} ({n['topic']}): {n['gist']}"
                   for n in d["practical_notes"])
    out.extend(f"Warning: {w}" for w in d["warnings"])
    return "\n".join(out)
