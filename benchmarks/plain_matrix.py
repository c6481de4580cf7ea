"""A minimal plain-Python program that computes the cooperation relation from the same events
(shipped facts + one scenario) and writes the same CSV as `mla matrix --format csv`.

It hard-codes the rules (three-month delays, threshold from the parameters, reciprocity) and
is the yardstick of benchmarks/matrix.py, nothing more: the law lives in rules/.

    python benchmarks/plain_matrix.py SCENARIO DATE > relations.csv
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
INSTRUMENTS = {"ratification", "acceptance", "approval", "accession"}


def month_after(iso: str, months: int) -> str:
    k = int(iso[:4]) * 12 + int(iso[5:7]) - 1 + months + 1
    return f"{k // 12:04d}-{k % 12 + 1:02d}-01"


def main(scenario: str, on: str) -> None:
    extra = yaml.load(Path(scenario).read_text(), Loader=Loader)
    members = convention_members(extra, on)
    bound = members[0][2] | members[1][2]  # the first crime is an Art. 5 crime, both kinds
    states = sorted(bound)
    out = sys.stdout
    out.write("requesting,requested,crime,kind\n")
    for a in states:
        mine = [(c, k, m) for c, k, m in members if a in m]
        for b in states:
            if a != b:
                out.writelines(f"{a},{b},{c},{k}\n" for c, k, m in mine if b in m)


def convention_members(extra: dict, on: str) -> list[tuple[str, str, set[str]]]:
    """(crime, kind, the States between any two of which the Convention applies)."""
    facts = yaml.load((ROOT / "facts" / "events.yaml").read_text(), Loader=Loader)
    conv = yaml.load((ROOT / "facts" / "convention.yaml").read_text(), Loader=Loader)
    crimes = yaml.load((ROOT / "facts" / "crimes.yaml").read_text(), Loader=Loader)["crimes"]
    params = {k: v["value"] for k, v in conv["parameters"].items()}
    params.update(extra.get("parameters") or {})
    events = [{**e, "date": str(e["date"]), **({"effective": str(e["effective"])}
                                               if "effective" in e else {})}
              for e in facts["events"] + (extra.get("events") or [])]
    deposits = sorted((e for e in events if e["type"] in INSTRUMENTS),
                      key=lambda e: (e["date"], e["state"]))
    delay = params["entry_into_force_delay_months"]
    effect = {id(e): e.get("effective") or month_after(e["date"], delay) for e in deposits}
    n = params["entry_into_force_threshold"]
    general = effect[id(deposits[n - 1])] if len(deposits) >= n else None
    in_force: dict[str, str] = {}
    if general:
        for e in deposits:
            in_force.setdefault(e["state"], max(effect[id(e)], general))
    denounced = {e["state"] for e in events if e["type"] == "denunciation"
                 and (e.get("effective") or month_after(e["date"],
                                                        params["denunciation_delay_months"]))
                 <= on}
    party = {s for s, d in in_force.items() if d <= on and s not in denounced}
    kinds = {"III": "mla", "IV": "extradition"}
    bound = {"mla": set(party), "extradition": set(party)}
    for e in events:
        if e["type"] == "provisional-application" and e["date"] <= on:
            for p in e["parts"]:
                ended = any(x["type"] == "provisional-application-end" and x["state"] == e[
                    "state"] and p in x["parts"] and e["date"] <= x["date"] <= on
                    for x in events)
                if not ended:
                    bound[kinds[p]].add(e["state"])
    opted: dict[str, set[str]] = {}
    for e in events:
        if e["type"] == "declaration" and e["state"] in in_force:
            start = max(in_force[e["state"]],
                        month_after(e["date"], params["declaration_delay_months"]))
            withdrawn = any(
                x["type"] == "declaration-withdrawal" and x["state"] == e["state"]
                and x["date"] >= e["date"]
                and month_after(x["date"], params["withdrawal_delay_months"]) <= on
                for x in events if set(x.get("annexes") or ()) & set(e["annexes"]))
            if start <= on and not withdrawn:
                for a in e["annexes"]:
                    opted.setdefault(a, set()).add(e["state"])
    members = []
    for c in crimes:
        for k in ("mla", "extradition"):
            m = bound[k] if "annex" not in c else bound[k] & opted.get(c["annex"], set())
            members.append((c["id"], k, m))
    return members


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
