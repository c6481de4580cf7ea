"""The gap's HTML report, as a person sees it: in a real browser, with its map, loading
nothing from the network, and printed on A4."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from clirun import run


def test_the_gap_report_in_a_real_browser(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    from browser import pdf, render

    report = tmp_path / "gap.html"
    code, _, err = run(capsys, "gap", "--on", "2026-11-28", "--crime",
                       "crimes-against-humanity", "--format", "html", "--output", str(report))
    assert code == 0 and f"wrote {report}" in err
    html = report.read_text(encoding="utf-8")
    assert not re.search(r"(src|href)=\"(https?:)?//", html), "the report loads nothing"
    assert "<script" not in html
    dom = render(report)
    assert "The gap the Convention closes" in dom
    assert "bilateral treaties are not known" in dom and "upper bounds" in dom
    assert dom.count("<path ") > 150, "the map draws the States"
    # one map per kind of request, each on a scale spread over its data (labelled classes)
    assert dom.count('class="worldmap"') == 2
    assert "Mutual legal assistance: each State's share" in dom and "Extradition: each" in dom
    assert re.search(r"<title>France: \d+% of \d+ pairs without a basis found \(\d+ of \d+ "
                     r"undecided\)</title>", dom)
    assert "Colours are quantiles of the States' shares" in dom
    # crimes against humanity, MLA: the pairs without a basis, as the gap counts them
    code, out, _ = run(capsys, "gap", "--on", "2026-11-28", "--crime",
                       "crimes-against-humanity", "--format", "json", "--kind", "mla")
    import json

    counted = json.loads(out)["counts"]["per_crime"]["crimes-against-humanity"]["mla"]["no_basis"]
    assert counted > 1000 and f"{counted:,}" in dom
    printed = pdf(report, tmp_path / "gap.pdf")
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", printed.read_bytes())
    assert boxes and all(abs(float(w) - 595) < 2 and abs(float(h) - 842) < 2 for w, h in boxes)


def test_one_states_gap_on_the_map(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = tmp_path / "senegal.html"
    code, _, _ = run(capsys, "gap", "--on", "2026-11-28", "--state", "Senegal", "--format",
                     "html", "--output", str(report))
    html = report.read_text(encoding="utf-8")
    assert code == 0 and "The gap the Convention closes: Senegal" in html
    # the core crimes by default, one map per kind, each State's pairs with Senegal
    assert re.search(r"<title>Latvia: \d+% of 6 pairs without a basis found \(\d+ of \d+ "
                     r"undecided\)</title>", html)
    # Senegal's own figures, not the world's: its ordered pairs with the 196 other States
    assert "The gap of Senegal per crime and kind" in html
    assert "<td>Genocide</td><td>mutual legal assistance</td><td>392</td>" in html
