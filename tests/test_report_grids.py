"""The what-if report's State × State grids (issue 15, point 5): a cell gained or lost against
the baseline is marked (a sign, an outline, the change in words), unchanged cells are not; a
crime with no relation on either side is folded into one line instead of an empty grid; and a
three-State scenario prints on at most three A4 pages, loading nothing from the network."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from clirun import run

from mla_rules.network.whatif import Diff, diff
from mla_rules.present.report import CELL, Mark, grid, legend_marks, mark
from mla_rules.present.templates import environment
from mla_rules.questions.context import load_engine

# Latvia's denunciation closes its relations with the Netherlands; Belgium's ratification opens
# Belgium's; Latvia and Belgium never cooperate (unchanged, blank); no annex has an opt-in.
SWAP = """name: Latvia leaves, Belgium joins
date: 2028-06-01
events:
  - {state: LVA, type: denunciation, date: 2026-07-15}
  - {state: BEL, type: ratification, date: 2026-07-15}
"""
THREE = """name: Belgium, France and Germany ratify
date: 2027-06-01
events:
  - {state: BEL, type: ratification, date: 2026-07-15}
  - {state: FRA, type: ratification, date: 2026-07-15}
  - {state: DEU, type: ratification, date: 2026-07-15}
"""


@pytest.fixture(scope="module")
def swap(tmp_path_factory: pytest.TempPathFactory) -> Diff:
    path = tmp_path_factory.mktemp("grids") / "swap.yaml"
    path.write_text(SWAP, encoding="utf-8")
    return diff(load_engine([], states=()), load_engine([path], states=()), "2028-06-01")


def cells(g: dict[str, Any]) -> dict[tuple[str, str], tuple[str, Mark | None]]:
    return {(a, b): (cell.letter, m) for a, row in g["rows"] for b, cell, m in row}


def test_gained_and_lost_cells_are_marked_and_unchanged_ones_not(swap: Diff) -> None:
    g = grid(swap.after, "genocide", {}, swap.before)
    assert not g["folded"] and g["states"] == ["BEL", "LVA", "NLD"]  # Latvia, bound before only
    c = cells(g)
    assert c["BEL", "NLD"] == ("M", Mark("gained", "+", "gained: mutual legal assistance"))
    assert c["NLD", "BEL"][1] == Mark("gained", "+", "gained: mutual legal assistance")
    assert c["LVA", "NLD"] == ("", Mark("lost", "−", "lost: mutual legal assistance"))
    assert c["NLD", "LVA"][1] is not None and c["NLD", "LVA"][1].change == "lost"
    assert c["BEL", "LVA"] == ("", None) and c["LVA", "BEL"] == ("", None)  # never related
    assert c["BEL", "BEL"] == ("·", None)
    assert g["changed"] == 4
    # without a baseline (as before), nothing is marked
    assert all(m is None for _, m in cells(grid(swap.after, "genocide", {})).values())


def test_a_cell_that_gains_one_kind_and_loses_the_other() -> None:
    assert mark(("mla",), ("mla",)) is None and mark((), ()) is None
    assert mark(("mla",), ("mla", "extradition")) == Mark("gained", "+", "gained: extradition")
    assert mark(("mla", "extradition"), ()) == Mark(
        "lost", "−", "lost: mutual legal assistance and extradition")
    assert mark(("mla",), ("extradition",)) == Mark(
        "changed", "±", "gained: extradition; lost: mutual legal assistance")


def test_the_marks_in_the_html_and_the_legend(swap: Diff) -> None:
    grids = [("Genocide", grid(swap.after, "genocide", {"BEL": "Belgium", "LVA": "Latvia",
                                                         "NLD": "Netherlands"}, swap.before))]
    html = render_grids(grids, [*CELL.values(), *legend_marks(grids, "the shipped record")])
    assert ('<td class="k-mla ch-gained" data-change="gained" title="Belgium → Netherlands: '
            'mutual legal assistance only" aria-label="Belgium → Netherlands: mutual legal '
            'assistance only; gained: mutual legal assistance"><span class="mk" title="gained: '
            'mutual legal assistance">+</span>M</td>') in html
    assert 'aria-label="Latvia → Netherlands: the Convention does not apply; lost: mutual ' \
           'legal assistance"><span class="mk" title="lost: mutual legal assistance">−</span>' \
           in html
    assert html.count('data-change="gained"') == 2 and html.count('data-change="lost"') == 2
    # an unchanged cell looks as before
    assert '<td class="k-none" title="Belgium → Latvia: the Convention does not apply"></td>' \
        in html
    assert "+: relation gained compared with the shipped record" in html
    assert "−: relation lost compared with the shipped record" in html
    assert "±" not in html  # no cell both gains and loses


def render_grids(grids: list[tuple[str, dict[str, Any]]], legend_cells: list[Any]) -> str:
    """The grids as the report and the web What-if page draw them (templates/heatmap.html)."""
    source = ('{% from "heatmap.html" import heatmap, legend %}{{ legend(cells) }}'
              '{% for label, g in grids %}{{ heatmap(g) }}{% endfor %}')
    return environment().from_string(source).render(grids=grids, cells=legend_cells)


def test_crimes_with_no_relation_are_folded(swap: Diff) -> None:
    g = grid(swap.after, "aggression", {}, swap.before)
    assert g["folded"] and g["rows"] == []
    assert not grid(swap.after, "genocide", {}, swap.before)["folded"]
    annexes = [c for c in swap.after.crimes if c in swap.after.annex_of]
    assert annexes and all(grid(swap.after, c, {}, swap.before)["folded"] for c in annexes)


def test_the_report_lists_folded_crimes_in_one_line_and_draws_no_grid_for_them(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    scenario = tmp_path / "swap.yaml"
    scenario.write_text(SWAP, encoding="utf-8")
    report = tmp_path / "report.html"
    code, _, err = run(capsys, "what-if", str(scenario), "--format", "html", "--output",
                       str(report))
    assert code == 0, err
    html = report.read_text(encoding="utf-8")
    grids = html[html.index("<h2>Who cooperates with whom</h2>"):html.index("<h2>Changes")]
    assert grids.count('<table class="heat"') == 3  # the three Art. 5 crimes
    assert "<h3>Genocide</h3>" in grids and "<h3>Annex H (Aggression)</h3>" not in grids
    folded = re.findall(r'<p class="folded">No relation for: (.*?) \(neither before nor '
                        r'after\)\.</p>', grids)
    assert len(folded) == 1 and folded[0].count("Annex ") == 8
    assert "Annex H (Aggression)" in folded[0] and "Genocide" not in folded[0]


# ---------------------------------------------------------------- in a real browser

def test_three_states_print_on_at_most_three_a4_pages(
        browser: Any, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    scenario = tmp_path / "three.yaml"
    scenario.write_text(THREE, encoding="utf-8")
    report = tmp_path / "report.html"
    code, _, err = run(capsys, "what-if", str(scenario), "--format", "html", "--output",
                       str(report))
    assert code == 0, err
    from browser import opened_alone, pdf_pages

    with opened_alone(browser, report) as (page, asked):
        # per Art. 5 crime, the 20 ordered pairs of the five States bound after, but for
        # Latvia and the Netherlands, who already cooperate (MLA)
        assert page.locator("td[data-change=gained]").count() == 3 * 18
        pdf = page.pdf(format="A4")
    assert not asked, f"the report asked the network for {asked}"
    assert pdf.startswith(b"%PDF")
    n = pdf_pages(pdf)
    assert 1 <= n <= 3, f"{n} A4 pages"
