"""`mla gap --suggest STATE --format html` (issue 15, point 6): one self-contained page for a
ministry's policy staff, made from the same data as the JSON form — the State, the date, the
size of its gap, the ranked steps with what each closes, the caveats and the sources."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from clirun import run
from markupsafe import escape

from mla_rules.cli.main import main

ON = "2027-06-01"
# two crimes keep it fast and still give every kind of step: an instrument to join, one to
# check first, the Convention, an annex, and steps that would close nothing
CRIMES = ("--crime", "genocide", "--crime", "aggression")


@pytest.fixture(scope="module")
def forms(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, dict[str, Any]]:
    """The HTML page and the JSON document of Senegal's suggestions, each computed once."""
    where = tmp_path_factory.mktemp("suggest")
    page, doc = where / "s.html", where / "s.json"
    for fmt, out in (("html", page), ("json", doc)):
        code = main(["gap", "--suggest", "Senegal", "--on", ON, *CRIMES, "--format", fmt,
                     "--output", str(out)])
        assert code == 0, fmt
    return page.read_text(encoding="utf-8"), json.loads(doc.read_text(encoding="utf-8"))


def test_the_page_is_html_about_the_state(forms: tuple[str, dict[str, Any]]) -> None:
    page, doc = forms
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert doc["state"] == "SEN"
    assert "<h1>What would close the gap of Senegal</h1>" in page
    assert "1 June 2027" in page


def test_the_gap_size_is_the_jsons(forms: tuple[str, dict[str, Any]]) -> None:
    page, doc = forms
    assert doc["gap_pairs"] > 500
    assert (f"What would close the gap of Senegal on 1 June 2027: {doc['gap_pairs']:,} "
            f"ordered pairs") in page


def _group(s: dict[str, Any]) -> int:
    """The text form's order: steps to take, steps to check first, steps closing nothing."""
    return 2 if not s["closes"] else 1 if s["may_already_be_bound"] else 0


def test_the_suggestions_in_the_jsons_order(forms: tuple[str, dict[str, Any]]) -> None:
    page, doc = forms
    found = doc["suggestions"]
    assert len(found) > 3
    places = {s["label"]: page.find(escape(s["label"])) for s in found}
    assert all(p > 0 for p in places.values()), places
    # the JSON's first suggestion comes first, with its number, share and instrument's title
    first = found[0]
    assert min(places, key=places.__getitem__) == first["label"]
    row = page[places[first["label"]]:page.index("</tr>", places[first["label"]])]
    assert f">{first['closes']:,}<" in row
    assert f">{100 * first['closes'] / doc['gap_pairs']:.1f}%<" in row
    assert first["what"] == "instrument" and "European Convention" in row
    # every one in the JSON's order, within the groups the text form makes
    ranked = sorted(found, key=_group)  # stable: the JSON's order within each group
    assert sorted(places, key=places.__getitem__) == [s["label"] for s in ranked]
    assert {_group(s) for s in found} == {0, 1, 2}, "the data has every group"
    assert {s["what"] for s in found} == {"instrument", "convention", "annex"}
    assert "Check first whether Senegal is already bound" in page


def test_the_caveats_of_the_text_form(forms: tuple[str, dict[str, Any]]) -> None:
    page, doc = forms
    assert escape(doc["caveat"]) in page and "upper bounds" in doc["caveat"]
    assert escape(doc["meaning"]) in page
    assert "undertakings do not count" in page and "bilateral treaties are not known" in page


def test_the_sources(forms: tuple[str, dict[str, Any]]) -> None:
    page, _ = forms
    assert '<section id="sources">' in page
    assert "Council of Europe Treaty Office, ETS No. 024" in page
    assert "list of parties complete, as of 27 June 2025" in page
    assert "list of parties partial" in page


def test_the_page_loads_nothing_from_another_host(forms: tuple[str, dict[str, Any]]) -> None:
    page, _ = forms
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", page, re.I)
    assert not re.search(r"<(script|link|img|iframe|object|embed)\b", page, re.I)
    assert not re.search(r"@import|url\(", page, re.I)
    assert "<style>" in page


def test_every_text_is_escaped(forms: tuple[str, dict[str, Any]]) -> None:
    from mla_rules.present.suggest_report import suggest_report
    from mla_rules.questions.context import record_with

    _, doc = forms
    evil = {**doc, "suggestions": [{**doc["suggestions"][0], "label": "<script>x</script>",
                                    "note": '"><img src=//evil>'}, *doc["suggestions"][1:]]}
    page = suggest_report(record_with(()), evil)
    assert "<script>" not in page and "&lt;script&gt;x&lt;/script&gt;" in page
    assert "<img" not in page


def test_csv_with_suggest_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "gap", "--suggest", "Senegal", "--on", ON, "--format", "csv")
    assert code == 2 and not out
    assert "--suggest gives text, json or html, not csv" in err
    assert "mla gap --format csv" in err


def test_the_help_says_html_works_with_suggest(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "gap", "--help")
    assert code == 0
    assert "With --suggest: text, json or html" in " ".join(out.split())


def test_the_page_on_standard_output_names_its_crimes_and_kinds(
        capsys: pytest.CaptureFixture[str]) -> None:
    """Without --output the page goes to standard output, as the other forms do."""
    code, out, _ = run(capsys, "gap", "--suggest", "Latvia", "--on", ON, "--kind",
                       "extradition", "--crime", "genocide", "--format", "html")
    assert code == 0 and out.startswith("<!DOCTYPE html>")
    assert "What would close the gap of Latvia" in out
    assert "Crimes: Genocide. Kinds of request: extradition." in out


# ---------------------------------------------------------------- in a real browser

# the width of an A4 page inside report.css's 15 mm margins, in CSS pixels (96 per inch)
A4_TEXT_WIDTH = (210 - 2 * 15) / 25.4 * 96


def test_in_chromium_the_page_shows_its_state_and_steps_and_prints_on_two_a4_pages(
        browser: Any, forms: tuple[str, dict[str, Any]], tmp_path: Path) -> None:
    """Opened from the file with every other request refused (another file too: `//host/x`
    on a file page is `file://host/x`), the page asks for nothing; its heading names the
    State, its table of steps shows them under a header of their own (repeated on each
    printed page), no wider than A4; printed, Senegal's page for two crimes (measured: a page
    and a half) is at most two A4 pages."""
    from browser import opened_alone, pdf_pages

    html, doc = forms
    path = tmp_path / "senegal.html"
    path.write_text(html, encoding="utf-8")
    with opened_alone(browser, path) as (page, asked):
        heading = page.locator("h1")
        assert heading.is_visible()
        assert heading.inner_text() == "What would close the gap of Senegal"
        steps = page.locator("section", has=page.locator(
            "h2", has_text="The steps, ranked by the part of the gap each would close"))
        table = steps.locator("table")
        assert table.is_visible()
        assert table.locator("thead th").all_inner_texts() == [
            "what to do", "instrument", "pairs of the gap it closes", "share of the gap", "with"]
        sure = [s for s in doc["suggestions"] if _group(s) == 0]
        rows = table.locator("tbody tr")
        assert rows.count() == len(sure) and rows.first.is_visible()
        assert rows.first.locator("b").inner_text() == sure[0]["label"]
        page.emulate_media(media="print")
        page.set_viewport_size({"width": int(A4_TEXT_WIDTH), "height": 1000})
        wide = page.evaluate("document.documentElement.scrollWidth")
        assert wide <= A4_TEXT_WIDTH, f"the printed page is {wide}px wide"
        pdf = page.pdf(format="A4")
    assert not asked, f"the page asked for {asked}"
    assert pdf.startswith(b"%PDF")
    n = pdf_pages(pdf)
    assert 1 <= n <= 2, f"{n} A4 pages"
