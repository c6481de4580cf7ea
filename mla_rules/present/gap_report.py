"""The gap as one self-contained HTML report (`mla gap --format html`): what the figure
means, the gap per crime and kind, a world map coloured by each State's gap, the States with
the largest gaps, and, for one State (`--state`), a map of its gap with every other State.
No script, font or image from outside; prints on A4."""

from __future__ import annotations

from typing import Any

from mla_rules.network.gap import Gap, summary_counts
from mla_rules.present.gap import CAVEAT, MEANING, UNDECIDED
from mla_rules.present.worldmap import legend, world_map
from mla_rules.questions.answer import KINDS
from mla_rules.record.dates import human
from mla_rules.record.record import Record


def state_shares(gap: Gap) -> dict[str, float]:
    """Each State's share of its ordered pairs (either way, per crime and kind) with no
    basis."""
    possible = 2 * (len(gap.states) - 1) * len(gap.crimes) * len(gap.kinds)
    tally = gap.state_gaps()
    return {s: tally.get(s, 0) / possible for s in gap.states} if possible else {}


def gap_context(gap: Gap, record: Record, state: str | None = None) -> dict[str, Any]:
    names = {s.alpha_3: s.name for s in record.states.all()}
    counts = summary_counts(gap)
    if state:
        per_other = {s: 0 for s in gap.states if s != state}
        combos = len(gap.crimes) * len(gap.kinds)
        for others in gap.gap_of(state).values():
            for other in others:
                per_other[other] += 1
        shares = {s: n / combos for s, n in per_other.items()}
        title = (f"The gap of {names[state]}: share of crimes and kinds for which it can send "
                 f"no request with a legal basis to each State")
        labels = {s: f"{names.get(s, s)}: {per_other[s]} of {combos} crimes and kinds "
                     f"without a basis" for s in per_other}
        table = sorted(((names.get(s, s), n) for s, n in per_other.items()),
                       key=lambda x: (-x[1], x[0]))
    else:
        shares = state_shares(gap)
        title = "Each State's share of its pairs (either way, per crime and kind) with no basis"
        labels = {s: f"{names.get(s, s)}: {100 * v:.0f}% of its pairs without a basis"
                  for s, v in shares.items()}
        table = sorted(((names.get(s, s), round(100 * v)) for s, v in shares.items()),
                       key=lambda x: (-x[1], x[0]))
    rows = [{"label": record.crimes[c].label, "kind": KINDS[k], **cell}
            for c, per_kind in counts["per_crime"].items() for k, cell in per_kind.items()]
    return {"on": human(gap.on), "as_of": human(record.as_of), "states": len(gap.states),
            "meaning": MEANING, "caveat": CAVEAT, "undecided": UNDECIDED,
            "rows": rows, "total": counts["total"],
            "map": world_map(shares, labels, title), "map_title": title, "legend": legend(),
            "state": names.get(state) if state else None, "table": table[:40],
            "scenarios": [s.name for s in record.scenarios]}


def gap_report(gap: Gap, record: Record, state: str | None = None) -> str:
    from mla_rules.present.templates import render

    return render("gap.html", **gap_context(gap, record, state))
