"""`mla status` worded: a State's record and participation, for a person or a program."""

from __future__ import annotations

from typing import Any

from mla_rules.law.rulebook import Rulebook
from mla_rules.present.render import sentence
from mla_rules.questions.answer import KINDS
from mla_rules.record.dates import human
from mla_rules.record.record import Record


def status_dict(d: dict[str, Any], book: Rulebook, record: Record) -> dict[str, Any]:
    """The status as JSON: explanation steps become their sentences."""
    bound = {kind: {**b, "because": [sentence(s, book, record) for s in b["because"]]}
             for kind, b in d["bound"].items()}
    return {**d, "bound": bound}


def status_text(d: dict[str, Any]) -> str:
    """The status as text (from `status_dict`)."""
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
    if d.get("instruments"):
        out += ["", "Other instruments (on the date):"]
        for i in d["instruments"]:
            since = f"in force for it from {human(i['in_force_from'])}" if i["in_force_from"] \
                else ("not known to be a party (partial list)" if i["parties_list"] == "partial"
                      else "not a party")
            mark = "bound" if i["bound"] else "not bound"
            out.append(f"  {i['title']} ({i['instrument']}): {mark}; {since}")
    out.extend(f"Warning: {w}" for w in d["warnings"])
    return "\n".join(out)


def status_sources(d: dict[str, Any], record: Record) -> list[dict[str, Any]]:
    """The sources of a status (from `status_dict`), in the order it shows them: the
    Convention's own and those of the State's events (as of the record's date), of its
    practical notes, then per other instrument the sources of the State's acts and the
    instrument's list of parties (as of that list's date)."""
    from mla_rules.present.sources import Sources

    sources = Sources(record)
    sources.convention_record(e["source"].get("id") for e in d["events"])
    for n in d["practical_notes"]:
        sources.add(n["source"], None)
    for i in d.get("instruments", ()):
        for e in i["events"]:
            sources.party_act(e["source"], i["instrument"])
        sources.listing(i["instrument"])
    return sources.list()
