"""The gap as one self-contained HTML report (`mla gap --format html`): what the figure
means, the gap per crime and kind, one world map per kind of request (each State coloured by
the share of its pairs with no basis found, on a scale spread over the data, striped where
most of that could not be decided), the States with the largest gaps, and, for one State
(`--state`), that State's own figures and a map of its gap with every other State. No
script, font or image from outside; prints on A4."""

from __future__ import annotations

from collections import Counter
from typing import Any

from mla_rules.network.gap import Gap, summary_counts
from mla_rules.present.gap import CAVEAT, MEANING, UNDECIDED
from mla_rules.present.worldmap import breaks, legend, world_map
from mla_rules.questions.answer import KINDS
from mla_rules.record.dates import human
from mla_rules.record.names import collation_key
from mla_rules.record.record import Record


def state_shares(gap: Gap) -> dict[str, float]:
    """Each State's share of its ordered pairs (either way, per crime and kind) with no
    basis."""
    possible = 2 * (len(gap.states) - 1) * len(gap.crimes) * len(gap.kinds)
    tally = gap.state_gaps()
    return {s: tally.get(s, 0) / possible for s in gap.states} if possible else {}


def _tally_by_kind(gap: Gap, state: str | None
                   ) -> tuple[dict[str, Counter[str]], dict[str, Counter[str]]]:
    """Per kind: per State, the pairs with no basis found and, of them, the undecided ones —
    either way for the world; with `state`, per other State, the pairs between the two."""
    none: dict[str, Counter[str]] = {k: Counter() for k in gap.kinds}
    undecided: dict[str, Counter[str]] = {k: Counter() for k in gap.kinds}
    rows = gap.rows_involving(state) if state else gap.rows()
    for r in rows:
        if r.bases:
            continue
        keys = [r.requested if r.requesting == state else r.requesting] if state else \
            [r.requesting, r.requested]
        for key in keys:
            none[r.kind][key] += 1
            if r.undecided:
                undecided[r.kind][key] += 1
    return none, undecided


def _maps(gap: Gap, record: Record, state: str | None) -> list[dict[str, Any]]:
    names = {s.alpha_3: s.name for s in record.states.all()}
    crimes = ", ".join(record.crimes[c].label for c in gap.crimes)
    none, undecided = _tally_by_kind(gap, state)
    # the pairs each State (or each other State, for one State's map) has per kind
    possible = len(gap.crimes) * (2 if state else 2 * (len(gap.states) - 1))
    out = []
    for kind in gap.kinds:
        keys = [s for s in gap.states if s != state]
        shares = {s: none[kind][s] / possible for s in keys} if possible else {}
        bounds = breaks(shares.values())
        hatched = frozenset(s for s in keys if none[kind][s] and
                            2 * undecided[kind][s] >= none[kind][s])
        everywhere = bool(keys) and len(hatched) == len(keys)
        if everywhere:  # stripes on every State would tell nothing: the legend says it
            hatched = frozenset()
        if state:
            title = (f"{KINDS[kind].capitalize()}: the share of {names[state]}'s pairs with "
                     f"each State (either way; {crimes}) with no basis found")
        else:
            title = (f"{KINDS[kind].capitalize()}: each State's share of its pairs (either "
                     f"way; {crimes}) with no basis found")
        labels = {s: f"{names.get(s, s)}: {100 * v:.0f}% of {possible} pairs without a basis "
                     f"found ({undecided[kind][s]} of {none[kind][s]} undecided)"
                  for s, v in shares.items()}
        values = list(shares.values())
        out.append({"kind": KINDS[kind], "title": title,
                    "svg": world_map(shares, labels, title, bounds, hatched),
                    "legend": legend(bounds, min(values, default=0.0),
                                     max(values, default=1.0)),
                    "hatched": len(hatched), "all_undecided": everywhere})
    return out


def _own_rows(gap: Gap, record: Record, state: str) -> tuple[list[dict[str, Any]],
                                                              dict[str, int]]:
    """One State's figures per crime and kind: its ordered pairs (either way), those with no
    basis found, the undecided ones, those whose only basis is the Convention."""
    from mla_rules.record.framework import CONVENTION_ID

    cells = {(c, k): {"pairs": 0, "no_basis": 0, "undecided": 0, "only_convention": 0}
             for c in gap.crimes for k in gap.kinds}
    for r in gap.rows_involving(state):
        cell = cells[(r.crime, r.kind)]
        cell["pairs"] += 1
        if not r.bases:
            cell["no_basis"] += 1
            cell["undecided"] += bool(r.undecided)
        elif r.bases == (CONVENTION_ID,):
            cell["only_convention"] += 1
    rows = [{"label": record.crimes[c].label, "kind": KINDS[k], **cell}
            for (c, k), cell in cells.items()]
    total = {key: sum(cell[key] for cell in cells.values())
             for key in ("pairs", "no_basis", "undecided", "only_convention")}
    return rows, total


def gap_context(gap: Gap, record: Record, state: str | None = None) -> dict[str, Any]:
    names = {s.alpha_3: s.name for s in record.states.all()}
    if state:
        per_other = {s: 0 for s in gap.states if s != state}
        combos = len(gap.crimes) * len(gap.kinds)
        for others in gap.gap_of(state).values():
            for other in others:
                per_other[other] += 1
        table = sorted(((names.get(s, s), f"{n} of {combos}") for s, n in per_other.items()),
                       key=lambda x: (-int(x[1].split()[0]), collation_key(x[0])))
        rows, total = _own_rows(gap, record, state)
    else:
        shares = state_shares(gap)
        table = sorted(((names.get(s, s), f"{round(100 * v)}%") for s, v in shares.items()),
                       key=lambda x: (-int(x[1].rstrip("%")), collation_key(x[0])))
        counts = summary_counts(gap)
        rows = [{"label": record.crimes[c].label, "kind": KINDS[k], **cell}
                for c, per_kind in counts["per_crime"].items() for k, cell in per_kind.items()]
        total = counts["total"]
    return {"on": human(gap.on), "as_of": human(record.as_of), "states": len(gap.states),
            "meaning": MEANING, "caveat": CAVEAT, "undecided": UNDECIDED,
            "rows": rows, "total": total, "maps": _maps(gap, record, state),
            "state": names.get(state) if state else None, "table": table[:40],
            "crimes": [record.crimes[c].label for c in gap.crimes],
            "scenarios": [s.name for s in record.scenarios]}


def gap_report(gap: Gap, record: Record, state: str | None = None) -> str:
    from mla_rules.present.templates import render

    return render("gap.html", **gap_context(gap, record, state))
