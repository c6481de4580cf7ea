"""One self-contained HTML report for a what-if scenario: the summary, a State × State heatmap
per crime on the date, the diff against the baseline, and the explanations of changed
relations. No scripts, fonts or images from outside; prints as A4."""

from __future__ import annotations

from html import escape
from typing import Any

from mla_rules.network.matrix import Network
from mla_rules.network.whatif import Diff, account, summary
from mla_rules.record.dates import human

# Okabe–Ito colours (safe for the common colour-vision deficiencies), each with a letter too.
CELL = {
    ("mla", "extradition"): ("#0072B2", "B", "both kinds"),
    ("mla",): ("#56B4E9", "M", "mutual legal assistance only"),
    ("extradition",): ("#E69F00", "E", "extradition only"),
    (): ("#F2F2F2", "", "the Convention does not apply"),
}
MAX_HEATMAP_STATES = 60

CSS = """
body { font: 11pt/1.4 Georgia, serif; color: #111; margin: 2em; }
h1 { font-size: 18pt; } h2 { font-size: 14pt; margin-top: 1.6em; } h3 { font-size: 12pt; }
table { border-collapse: collapse; }
table.data td, table.data th { border: 1px solid #999; padding: 2px 6px; font-size: 9pt; }
table.heat td { width: 14px; height: 14px; text-align: center; font: 7pt sans-serif;
  border: 1px solid #fff; }
table.heat th { font: 7pt sans-serif; }
table.heat th.col { writing-mode: vertical-rl; transform: rotate(180deg); }
.legend span { display: inline-block; padding: 1px 6px; margin-right: 8px; font: 9pt sans-serif; }
pre { white-space: pre-wrap; font-size: 8pt; border-left: 3px solid #ccc; padding-left: 8px; }
.warn { color: #8a4b00; }
@page { size: A4; margin: 15mm; }
@media print { body { margin: 0; } section { break-inside: avoid-page; } }
"""


def _heatmap(net: Network, crime: str, names: dict[str, str]) -> str:
    states = sorted(frozenset().union(*net.bound.values()))
    if len(states) > MAX_HEATMAP_STATES:
        return (f"<p>{len(states)} States are bound: too many for a readable grid; see the "
                f"counts above.</p>")
    if len(states) < 2:
        return "<p>Fewer than two States are bound: no relation.</p>"
    members = {k: net.members(crime, k) for k in net.kinds}
    rows = ["<tr><th></th>" + "".join(f'<th class="col" title="{escape(names[s])}">{s}</th>'
                                      for s in states) + "</tr>"]
    for a in states:
        cells = []
        for b in states:
            kinds = tuple(k for k in net.kinds if a != b and a in members[k] and b in members[k])
            colour, letter, meaning = CELL[kinds]
            if a == b:
                colour, letter, meaning = "#FFFFFF", "·", "same State"
            cells.append(f'<td style="background:{colour}" title="{escape(names[a])} → '
                         f'{escape(names[b])}: {meaning}">{letter}</td>')
        rows.append(f'<tr><th title="{escape(names[a])}">{a}</th>{"".join(cells)}</tr>')
    return f'<table class="heat" aria-label="requesting (rows) × requested (columns)">' \
           f'{"".join(rows)}</table>'


def render(d: Diff, name: str, explanations: list[tuple[str, str]],
           description: str | None = None) -> str:
    record = d.after_engine.record
    names = {s.alpha_3: s.name for s in record.states.all()}
    s = summary(d)
    legend = "".join(f'<span style="background:{c}">{escape(letter or "blank")}: {m}</span>'
                     for c, letter, m in CELL.values())
    parts = [f"<h1>What if: {escape(name)}</h1>"]
    if description:
        parts.append(f"<p>{escape(description)}</p>")
    parts.append(f"<p>Date of the questions: <b>{human(d.on)}</b>. Record as of "
                 f"{human(record.as_of)}: later ratifications are not in the data.</p>")
    parts.append("<section><h2>Summary</h2>" + "".join(
        f"<p>{escape(line)}</p>" for line in account(d, name, s)) + "</section>")
    count_rows = "".join(
        f"<tr><td>{escape(record.crimes[c].label)}</td>"
        + "".join(f"<td>{d.before.count(c, k):,}</td><td>{d.after.count(c, k):,}</td>"
                  for k in d.after.kinds) + "</tr>" for c in d.after.crimes)
    parts.append('<section><h2>Relations per crime and kind</h2><table class="data"><tr>'
                 "<th>crime</th><th>MLA before</th><th>MLA after</th><th>extradition before"
                 f"</th><th>extradition after</th></tr>{count_rows}</table></section>")
    parts.append(f'<section><h2>Who cooperates with whom</h2><p class="legend">{legend}</p>'
                 "<p>Rows: requesting State; columns: requested State.</p>")
    for c in d.after.crimes:
        parts.append(f"<h3>{escape(record.crimes[c].label)}</h3>{_heatmap(d.after, c, names)}")
    parts.append("</section>")
    parts.append(_diff_table(d, names, s))
    if explanations:
        parts.append("<section><h2>Why: explanations of changed relations</h2>")
        for title, text in explanations:
            parts.append(f"<h3>{escape(title)}</h3><pre>{escape(text)}</pre>")
        parts.append("</section>")
    body = "\n".join(parts)
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f"<title>mla-rules — what if: {escape(name)}</title><style>{CSS}</style></head>"
            f"<body>\n{body}\n</body></html>\n")


def _diff_table(d: Diff, names: dict[str, str], s: dict[str, Any]) -> str:
    rows = "".join(
        f"<tr><td>{escape(names.get(e['state'], e['state']))}</td><td>{e['gained']:,}</td>"
        f"<td>{e['lost']:,}</td><td>{human(e['in_force_from']) if e['in_force_from'] else '—'}"
        "</td></tr>" for e in s["states"][:100])
    more = f"<p>… and {len(s['states']) - 100} more States.</p>" if len(s["states"]) > 100 \
        else ""
    return (f"<section><h2>Changes against the baseline</h2><p>{s['gained']:,} relations "
            f"gained, {s['lost']:,} lost.</p><table class=\"data\"><tr><th>State</th>"
            f"<th>gained</th><th>lost</th><th>in force from</th></tr>{rows}</table>{more}"
            "</section>")
