"""One self-contained HTML report for a what-if scenario: the summary, a State × State heatmap
per crime on the date, the diff against the baseline (the shipped record, or the other
scenario: the report names it), and the explanations of changed relations. No scripts, fonts
or images from outside; prints as A4.

The data is prepared here; templates/report.html words it (the web app's what-if page shows
the same grids with the same macro)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

from mla_rules.network.matrix import Network
from mla_rules.network.whatif import (
    Compared,
    Diff,
    account,
    compared,
    first_effect,
    note,
    summary,
)
from mla_rules.record.dates import human

if TYPE_CHECKING:
    from mla_rules.network.gap import Gap


class Cell(NamedTuple):
    cls: str  # the CSS class that colours it (templates/report.css)
    letter: str
    meaning: str


# Okabe–Ito colours (safe for the common colour-vision deficiencies), each with a letter too.
CELL = {
    ("mla", "extradition"): Cell("both", "B", "both kinds"),
    ("mla",): Cell("mla", "M", "mutual legal assistance only"),
    ("extradition",): Cell("extradition", "E", "extradition only"),
    (): Cell("none", "", "the Convention does not apply"),
}
SAME = Cell("same", "·", "same State")
MAX_HEATMAP_STATES = 60
MAX_STATE_ROWS = 100


def grid(net: Network, crime: str, names: dict[str, str]) -> dict[str, Any]:
    """One crime's State × State grid on the network's date, as the heatmap macro draws it."""
    states = sorted(frozenset().union(*net.bound.values())) if net.bound else []
    if len(states) > MAX_HEATMAP_STATES:
        return {"too_many": True, "count": len(states), "states": states, "names": names}
    members = {k: net.members(crime, k) for k in net.kinds}
    rows = []
    for a in states:
        row = []
        for b in states:
            kinds = tuple(k for k in net.kinds if a != b and a in members[k] and b in members[k])
            row.append((b, SAME if a == b else CELL[kinds]))
        rows.append((a, row))
    return {"too_many": False, "count": len(states), "states": states, "rows": rows,
            "names": names}


def context(d: Diff, name: str, explanations: list[tuple[str, str]],
            description: str | None = None, base: Gap | None = None) -> dict[str, Any]:
    """Everything report.html shows, as data (`base`: see gap_maps)."""
    record = d.after_engine.record
    names = {s.alpha_3: s.name for s in record.states.all()}
    s = summary(d)
    c = compared(d)
    return {
        "name": name, "description": description, "on": human(d.on),
        "compared": c.sentence(),
        "against": c.against if c.baseline is None else f"scenario '{c.baseline}'",
        "columns": sides(c),
        "note": note(d, s, first_effect(d)),
        "as_of": human(record.as_of), "account": account(d, name, s), "summary": s,
        "counts": [{"label": record.crimes[c].label,
                    "cells": [(d.before.count(c, k), d.after.count(c, k))
                              for k in d.after.kinds]} for c in d.after.crimes],
        "cells": list(CELL.values()),
        "grids": [(record.crimes[c].label, grid(d.after, c, names)) for c in d.after.crimes],
        "states": [{"name": names.get(e["state"], e["state"]), "gained": e["gained"],
                    "lost": e["lost"],
                    "in_force_from": human(e["in_force_from"]) if e["in_force_from"] else "—"}
                   for e in s["states"][:MAX_STATE_ROWS]],
        "more_states": max(0, len(s["states"]) - MAX_STATE_ROWS),
        "explanations": explanations,
        "maps": gap_maps(d, base),
    }


def sides(c: Compared) -> tuple[str, str]:
    """The names of the two columns of the counts and of the two maps: before and after,
    or, for two alternatives, the baseline's name and the scenario's."""
    if c.baseline is not None and not c.on_top:
        return f"with '{c.baseline}'", f"with '{c.scenario}'"
    return "before", "after"


def gap_maps(d: Diff, base: Gap | None = None) -> dict[str, Any]:
    """The gap before and after, each State coloured by its share of pairs with no basis.
    `base`: a counted Gap on the same date (the server passes the shipped record's, from its
    cache); each side is counted from it, recomputing only the pairs the scenarios change
    (Gap.derive_from). Without one, the first side is counted in full and the second from it."""
    from mla_rules.law.engine import Engine
    from mla_rules.network.gap import Gap, universe
    from mla_rules.present.gap import CAVEAT, MEANING
    from mla_rules.present.gap_report import state_shares
    from mla_rules.present.worldmap import legend, world_map

    maps = []
    before, after = (side[0].upper() + side[1:] for side in sides(compared(d)))
    for title, engine in ((before, d.before_engine), (after, d.after_engine)):
        record = engine.record
        if base is not None and base.engine.record is record:
            gap = base  # the side is the record the base was counted for
        else:
            gap = Gap(Engine(record), d.on, universe(record))
            if base is None or not gap.derive_from(base):
                gap.counts()
            base = gap
        shares = state_shares(gap)
        names = {s.alpha_3: s.name for s in record.states.all()}
        labels = {s: f"{names.get(s, s)}: {100 * v:.0f}% of its pairs without a basis"
                  for s, v in shares.items()}
        caption = f"{title}: each State's share of its pairs with no legal basis"
        maps.append({"title": caption, "svg": world_map(shares, labels, caption)})
    return {"maps": maps, "legend": legend(), "meaning": MEANING, "caveat": CAVEAT}


def render(d: Diff, name: str, explanations: list[tuple[str, str]],
           description: str | None = None, base: Gap | None = None) -> str:
    from mla_rules.present.templates import render as render_template

    return render_template("report.html", **context(d, name, explanations, description, base))
