"""Write the universal-participation scenario: every State in facts/states.json that has no
instrument in the record becomes a Party (signatories ratify, others accede) and opts in to
every annex; so every State is bound for both kinds and every crime is covered.

    python benchmarks/universal.py [OUT]   (default: benchmarks/universal.yaml)
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def scenario_text() -> str:
    index = json.loads((ROOT / "facts" / "states.json").read_text(encoding="utf-8"))
    # every State; not the entries that are no State (Antarctica, the Virgin Islands …)
    states = [s for s in index["states"] if s["alpha_3"] not in index.get("not_states", {})]
    events = (ROOT / "facts" / "events.yaml").read_text(encoding="utf-8")
    signed = {line.split("state: ")[1][:3] for line in events.splitlines()
              if "type: signature" in line}
    lines = ["name: universal participation",
             "description: every State is a Party and opts in to every annex",
             "date: 2027-06-01", "events:"]
    for s in states:
        code = s["alpha_3"]
        if code == "LVA":
            continue
        kind = "ratification" if code in signed else "accession"
        lines.append(f"  - {{state: {code}, type: {kind}, date: 2026-01-15}}")
        lines.append(f"  - {{state: {code}, type: declaration, annexes: [A, B, C, D, E, F, G, H],"
                     f" date: 2026-01-15}}")
    lines.append("  - {state: LVA, type: declaration, annexes: [G], date: 2026-01-15}")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "benchmarks" / "universal.yaml"
    out.write_text(scenario_text(), encoding="utf-8")
    print(f"wrote {out}")
