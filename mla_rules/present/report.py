"""One self-contained HTML report for a what-if scenario: the summary, a State × State heatmap
per crime on the date (its cells gained or lost against the baseline marked; the crimes with
no relation on either side folded into one line), the diff against the baseline (the shipped
record, or the other scenario: the report names it), and the explanations of changed
relations. No scripts, fonts or images from outside; prints as A4 (a three-State scenario on
at most three pages: tests/test_report_grids.py).

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
from mla_rules.present.sources import network_instruments, record_sources
from mla_rules.record.dates import human

if TYPE_CHECKING:
    from mla_rules.network.gap import Gap


class Cell(NamedTuple):
    cls: str  # the CSS class that colours it (templates/report.css)
    letter: str
    meaning: str


class Mark(NamedTuple):
    """How a cell changed against the baseline: drawn as a sign and an outline, never by
    colour alone (templates/heatmap.html)."""
    change: str  # "gained", "lost" or "changed" (some kinds gained, others lost): CSS ch-…
    sign: str
    text: str  # e.g. "gained: mutual legal assistance"


# Okabe–Ito colours (safe for the common colour-vision deficiencies), each with a letter too.
CELL = {
    ("mla", "extradition"): Cell("both", "B", "both kinds"),
    ("mla",): Cell("mla", "M", "mutual legal assistance only"),
    ("extradition",): Cell("extradition", "E", "extradition only"),
    (): Cell("none", "", "the Convention does not apply"),
}
SAME = Cell("same", "·", "same State")
SIGNS = {"gained": "+", "lost": "−", "changed": "±"}
KIND_WORDS = {"mla": "mutual legal assistance", "extradition": "extradition"}
MAX_HEATMAP_STATES = 60
MAX_STATE_ROWS = 100


def mark(before: tuple[str, ...], after: tuple[str, ...]) -> Mark | None:
    """The change of one cell from the kinds it had before to those it has after; None if
    it has the same kinds."""
    gained = [k for k in after if k not in before]
    lost = [k for k in before if k not in after]
    parts = [f"{word}: {' and '.join(KIND_WORDS.get(k, k) for k in kinds)}"
             for word, kinds in (("gained", gained), ("lost", lost)) if kinds]
    if not parts:
        return None
    change = "changed" if gained and lost else "gained" if gained else "lost"
    return Mark(change, SIGNS[change], "; ".join(parts))


def marks_legend(against: str) -> list[Cell]:
    """The legend's entries for the marks (the legend macro draws them as cells)."""
    return [Cell("gained", SIGNS["gained"], f"relation gained compared with {against}"),
            Cell("lost", SIGNS["lost"], f"relation lost compared with {against}"),
            Cell("changed", SIGNS["changed"], "one kind gained, the other lost")]


def grid(net: Network, crime: str, names: dict[str, str],
         before: Network | None = None) -> dict[str, Any]:
    """One crime's State × State grid on the network's date, as the heatmap macro draws it.
    With `before` (the baseline's network), each cell whose kinds differ from the baseline's
    carries a Mark, the States bound on either side are drawn (a State that is no longer
    bound shows its lost cells), and a crime with no relation on either side is `folded`:
    no grid is drawn for it."""
    nets = [net] if before is None else [before, net]
    bound = [s for n in nets for s in n.bound.values()]
    states = sorted(frozenset().union(*bound)) if bound else []
    folded = all(n.count(crime, k) == 0 for n in nets for k in n.kinds)
    if folded:
        return {"too_many": False, "folded": True, "count": len(states), "states": states,
                "rows": [], "names": names, "changed": 0}
    if len(states) > MAX_HEATMAP_STATES:
        return {"too_many": True, "folded": False, "count": len(states), "states": states,
                "names": names, "changed": 0}
    members = {k: net.members(crime, k) for k in net.kinds}
    old = {k: before.members(crime, k) for k in net.kinds} if before is not None else None
    rows = []
    changed = 0
    for a in states:
        row = []
        for b in states:
            kinds = tuple(k for k in net.kinds if a != b and a in members[k] and b in members[k])
            m = None
            if old is not None and a != b:
                m = mark(tuple(k for k in net.kinds if a in old[k] and b in old[k]), kinds)
                changed += m is not None
            row.append((b, SAME if a == b else CELL[kinds], m))
        rows.append((a, row))
    return {"too_many": False, "folded": False, "count": len(states), "states": states,
            "rows": rows, "names": names, "changed": changed}


def context(d: Diff, name: str, explanations: list[tuple[str, str]],
            description: str | None = None, base: Gap | None = None, ask: str = "cli"
            ) -> dict[str, Any]:
    """Everything report.html shows, as data (`base`: see gap_maps; `ask`: whose words the
    note of a scenario asked too early speaks, network/whatif.py ASK_AGAIN)."""
    record = d.after_engine.record
    names = {s.alpha_3: s.name for s in record.states.all()}
    s = summary(d)
    c = compared(d)
    against = c.against if c.baseline is None else f"scenario '{c.baseline}'"
    grids = [(record.crimes[cr].label, grid(d.after, cr, names, d.before))
             for cr in d.after.crimes]
    return {
        "name": name, "description": description, "on": human(d.on),
        "compared": c.sentence(),
        "meaning": c.meaning(),
        "against": against,
        "columns": sides(c),
        "note": note(d, s, first_effect(d), ask),
        "as_of": human(record.as_of), "account": account(d, name, s), "summary": s,
        "counts": [{"label": record.crimes[c].label,
                    "cells": [(d.before.count(c, k), d.after.count(c, k))
                              for k in d.after.kinds]} for c in d.after.crimes],
        "cells": list(CELL.values()) + legend_marks(grids, against),
        "grids": grids,
        "folded": [label for label, g in grids if g["folded"]],
        "states": [{"name": names.get(e["state"], e["state"]), "gained": e["gained"],
                    "lost": e["lost"],
                    "in_force_from": human(e["in_force_from"]) if e["in_force_from"] else "—"}
                   for e in s["states"][:MAX_STATE_ROWS]],
        "more_states": max(0, len(s["states"]) - MAX_STATE_ROWS),
        "explanations": explanations,
        "maps": gap_maps(d, base),
        # the relations rest on the Convention's record, the gap maps on every instrument's
        # list of parties too; a scenario's own events have no source
        "sources": record_sources(record, network_instruments(record)),
    }


def legend_marks(grids: list[tuple[str, dict[str, Any]]], against: str) -> list[Cell]:
    """The marks' legend entries: gained and lost, and the mixed one only if a cell has it."""
    used = {m.change for _, g in grids for _, row in g.get("rows", ()) for _, _, m in row if m}
    return [e for e in marks_legend(against) if e.cls != "changed" or "changed" in used]


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
           description: str | None = None, base: Gap | None = None, ask: str = "cli"
           ) -> str:
    from mla_rules.present.templates import render as render_template

    return render_template("report.html", **context(d, name, explanations, description, base,
                                                    ask))
