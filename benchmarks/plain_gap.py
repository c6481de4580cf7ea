"""A minimal plain-Python program that computes the gap rows from the same facts (the shipped
record) and writes the same CSV as `mla gap --format csv`.

It hard-codes the rules of rules/60–90 (recorded dates govern, delays after deposit, EU dates
of application, ends, hubs, objections, coverage by what a crime is, natures) and takes the
Convention's relation from plain_matrix.py. It is the yardstick of benchmarks/gap.py, nothing
more: the law lives in rules/.

    python benchmarks/plain_gap.py DATE > gap.csv
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import sys

import yaml
from plain_matrix import ROOT, Loader, convention_members

DEPOSITS = {"ratification", "accession", "succession", "acceptance", "approval",
            "definitive-signature"}
BASIS = {"legal-basis", "legal-basis-if-treaty-required"}


def after(date: str, unit: str, n: int) -> str:
    d = dt.date.fromisoformat(date)
    if unit == "days":
        return (d + dt.timedelta(days=n)).isoformat()
    import calendar

    y, m = divmod(d.year * 12 + d.month - 1 + n, 12)
    return f"{y:04d}-{m + 1:02d}-{min(d.day, calendar.monthrange(y, m + 1)[1]):02d}"


def main(on: str) -> None:
    facts = ROOT / "facts"
    catalogue = yaml.load((facts / "instruments.yaml").read_text(), Loader=Loader)
    crimes = yaml.load((facts / "crimes.yaml").read_text(), Loader=Loader)["crimes"]
    instruments = [i for i in catalogue["instruments"] if not i.get("convention")]
    parties: dict[str, set[str]] = {}
    objections: dict[str, set[tuple[str, str]]] = {}
    named: set[str] = set()
    for inst in instruments:
        path = facts / "parties" / f"{inst['id']}.csv"
        text = path.read_text() if path.is_file() else "state,type,date,effective,other\n"
        lines = [x for x in text.splitlines() if not x.startswith("#")]
        events = list(csv.DictReader(lines))
        named |= {e["state"] for e in events}
        eif = inst.get("entry_into_force") or {}
        general = str(eif["general"]) if eif.get("general") else None
        unit, n = next(iter((eif.get("delay") or {"days": 0}).items()))
        since: dict[str, str] = {}
        for e in events:
            start = None
            if e["type"] in DEPOSITS and general:
                start = max(e["effective"] or after(e["date"], unit, n), general)
            elif e["type"] in ("application", "in-force"):
                start = e["date"]
            if start:
                since[e["state"]] = min(start, since.get(e["state"], start))
        ended = {e["state"] for e in events if e["type"] in ("denunciation", "withdrawal")
                 and (e["effective"] or e["date"]) <= on}
        parties[inst["id"]] = {s for s, d in since.items() if d <= on and s not in ended}
        lifted = {(e["state"], e["other"]) for e in events
                  if e["type"] == "objection-lifted" and e["date"] <= on}
        objections[inst["id"]] = {(e["state"], e["other"]) for e in events
                                  if e["type"] == "objection-precluding" and e["date"] <= on
                                  and (e["state"], e["other"]) not in lifted}
    universe = json.loads((facts / "universe.json").read_text())
    named |= {line.split("state: ")[1][:3] for line in (facts / "events.yaml").read_text()
              .splitlines() if "state: " in line}
    states = sorted(set(universe["un_members"]) | set(universe["observers"])
                    | (set(universe["others_if_named"]) & named))
    what = {c["id"]: {c.get("is") or c["id"], "any", "convention"} for c in crimes}
    combos = []
    members = {(c, k): m for c, k, m in convention_members({}, on)}
    for c in crimes:
        for k in ("mla", "extradition"):
            basis = [i for i in instruments for cl in i["clauses"]
                     if k in cl["kinds"] and cl["nature"] in BASIS
                     and set(cl["crimes"]) & what[c["id"]]]
            combos.append((c["id"], k, list(dict.fromkeys(i["id"] for i in basis)),
                           members[(c["id"], k)]))
    hubs = {i["id"]: set([i["between"]] if isinstance(i["between"], str) else i["between"])
            for i in instruments if i.get("between")}
    out = sys.stdout
    out.write("requesting,requested,crime,kind,bases\n")
    for a in states:
        for b in states:
            if a == b:
                continue
            between = set()
            for i, p in parties.items():
                if a in p and b in p:
                    if i in hubs:
                        if (a in hubs[i]) != (b in hubs[i]):
                            between.add(i)
                    elif (a, b) not in objections[i] and (b, a) not in objections[i]:
                        between.add(i)
            for c, k, basis, conv in combos:
                ids = (["ljubljana-the-hague-2023"] if a in conv and b in conv else []) + [
                    i for i in basis if i in between]
                out.write(f"{a},{b},{c},{k},{';'.join(ids)}\n")


if __name__ == "__main__":
    main(sys.argv[1])
