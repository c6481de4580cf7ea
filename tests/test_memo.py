"""The memo to file (`mla legal-basis … --format html`): what a legal adviser prints and
files, checked as Chromium renders and prints it."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from mla_rules import errors
from tests.clirun import run

TYPICAL = [
    ("France", "Germany", "genocide", "the European arrest warrant (Framework Decision "
     "2002/584/JHA), Art. 1"),
    ("KOR", "France", "torture", "the European Convention on Extradition (ETS 24), Art. 1"),
]


def _memo(capsys: pytest.CaptureFixture[str], tmp_path: Path, requesting: str,
          requested: str, crime: str, *more: str) -> Path:
    out = tmp_path / f"memo-{requesting}.html"
    code, stdout, err = run(capsys, "legal-basis", "--from", requesting, "--to", requested,
                            "--crime", crime, "--kind", "extradition", "--on", "2026-11-28",
                            *more, "--format", "html", "--output", str(out))
    assert code == errors.APPLIES, err
    assert stdout == "" and f"wrote {out}" in err
    return out


@pytest.mark.parametrize(("requesting", "requested", "crime", "cite"), TYPICAL)
def test_a_typical_memo_prints_on_at_most_two_a4_pages(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, requesting: str, requested: str,
        crime: str, cite: str) -> None:
    from browser import pdf, render

    memo = _memo(capsys, tmp_path, requesting, requested, crime)
    html = memo.read_text(encoding="utf-8")
    # nothing is loaded from elsewhere: no script, stylesheet, image or font by address
    assert not re.search(r"<(script|img|iframe)\b", html)
    assert re.findall(r"<link [^>]*>", html) == ['<link rel="icon" href="data:,">']
    assert not re.search(r"\ssrc=|@import|url\(", html)
    dom = render(memo)
    assert "Memo to file" in dom and f"base the request on {cite}" in dom
    assert "The instrument to cite" in dom and "Check before sending the request" in dom
    for section in ("Other instruments that apply", "Does not apply", "Sources"):
        assert section in dom
    assert re.search(r"Made on \d{4}-\d\d-\d\d \d\d:\d\d UTC by mla-rules", dom)
    printed = pdf(memo, tmp_path / "memo.pdf").read_bytes()
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", printed)
    assert boxes and all(abs(float(w) - 595) < 2 and abs(float(h) - 842) < 2
                         for w, h in boxes), "A4"
    pages = len(re.findall(rb"/Type\s*/Page\b(?!s)", printed))
    assert 1 <= pages <= 2, f"{pages} pages"


def test_the_memo_holds_the_conditions_the_premises_and_the_dated_sources(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    html = _memo(capsys, tmp_path, "France", "Germany", "genocide").read_text(encoding="utf-8")
    # the governing instrument's conditions as a checklist
    checklist = html.split('<ul class="checklist">', 1)[1].split("</ul>", 1)[0]
    assert "Art. 4(7)" in checklist
    assert "Unverified premises" in html and "unverified:" in html
    assert "(as of 2024-04-24)" in html  # the Genocide Convention's list, as of its date
    assert 'href="https://eur-lex.europa.eu/' in html
    assert "Inter-American Convention on Extradition (B-47): could not be decided" in html


def test_a_memo_with_the_date_of_the_acts_says_it(capsys: pytest.CaptureFixture[str],
                                                  tmp_path: Path) -> None:
    html = _memo(capsys, tmp_path, "Germany", "France", "genocide", "--committed",
                 "1990-05-01").read_text(encoding="utf-8")
    assert "<dt>Acts committed</dt><dd>1 May 1990</dd>" in html
    assert "base the request on the European Convention on Extradition (ETS 24)" in html


@pytest.mark.parametrize(("requesting", "requested", "crime", "cite"), TYPICAL)
def test_in_chromium_the_memo_asks_for_nothing_and_prints_on_at_most_two_a4_pages(
        browser: Any, capsys: pytest.CaptureFixture[str], tmp_path: Path, requesting: str,
        requested: str, crime: str, cite: str) -> None:
    """Opened from its file with every other request refused and recorded (another file
    too), the memo asks for nothing; its first heading is the memo's, the instrument to cite
    is visible, and printed (A4, as its @page rule says) it takes at most two pages."""
    from browser import opened_alone, pdf_pages

    memo = _memo(capsys, tmp_path, requesting, requested, crime)
    with opened_alone(browser, memo) as (page, asked):
        assert "Memo to file" in page.locator("h1").inner_text()
        assert page.get_by_text(f"base the request on {cite}").first.is_visible()
        page.emulate_media(media="print")
        printed = page.pdf(prefer_css_page_size=True)
    assert not asked, f"the memo asked for {asked}"
    pages = pdf_pages(printed)
    assert 1 <= pages <= 2, f"{pages} pages"
