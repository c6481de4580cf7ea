"""`mla docs`: the documentation site, built into a temporary directory and opened from the
file system in headless Chromium (tests/browser.py), as a reviewer would open it."""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from browser import render

from mla_rules import errors
from mla_rules.cli.main import main
from mla_rules.law.engine import load_rulebook
from mla_rules.present.render import article as article_label
from mla_rules.questions.context import shipped_record
from mla_rules.record.yamlfile import load as load_yaml

ROOT = Path(__file__).resolve().parent.parent
FAILED_SCENARIO = "The denouncing State can no longer ask either"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built from a real test report of two features, in which one scenario is then
    marked failed (to see how a failure shows)."""
    out = tmp_path_factory.mktemp("docs")
    report = out / "cucumber.json"
    subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                    "tests/test_feature_denunciation.py", "tests/test_feature_opt_in_timing.py",
                    f"--cucumberjson={report}"], cwd=ROOT, check=True, capture_output=True,
                   timeout=120)
    data = json.loads(report.read_text(encoding="utf-8"))
    for feature in data:
        for element in feature["elements"]:
            if element["name"] == FAILED_SCENARIO:
                element["steps"][-1]["result"]["status"] = "failed"
    report.write_text(json.dumps(data), encoding="utf-8")
    assert main(["docs", "--output", str(out / "site"), "--results", str(report)]) == 0
    return out / "site"


@pytest.fixture(scope="module")
def pages(site: Path) -> dict[str, str]:
    """Each page's DOM after Chromium loaded it from file://."""
    return {name: render(site / name) for name in ("index.html", "scenarios.html",
                                                   "states.html")}


def text_of(dom: str) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", dom)))


def section(dom: str, element_id: str) -> str:
    start = dom.index(f'id="{element_id}"')
    end = dom.find('<div class="rule"', start + 1)
    return text_of(dom[start:end if end > 0 else None])


def test_every_article_and_rule_is_documented(pages: dict[str, str]) -> None:
    dom, book = pages["index.html"], load_rulebook()
    text = text_of(dom)
    for article in load_yaml(ROOT / "facts" / "articles.yaml")["articles"]:
        assert article["title"] in text
        for point in article["points"]:
            assert " ".join(point["says"].split()) in text
    for rule in book.rules.values():
        shown = section(dom, f"rule-{rule.id}")
        assert rule.id in shown and rule.gloss in shown and rule.status in shown
        assert article_label(rule.article) in shown
    assert "Record as of 2025-09-01" in text or f"Record as of {shipped_record().as_of}" in text


def test_each_rule_lists_its_scenarios_with_their_last_result(pages: dict[str, str]) -> None:
    dom = pages["index.html"]
    withdrawal = section(dom, "rule-art2-2-withdrawal")
    assert "A withdrawn opt-in stops covering the annex crime three months later passed" \
        in withdrawal
    denunciation = section(dom, "rule-denunciation-effect")
    assert f"{FAILED_SCENARIO} failed" in denunciation
    assert "Requests are covered until the denunciation takes effect, and not after passed" \
        in denunciation
    general = section(dom, "rule-art90-general")  # its features were not in this report
    assert "not run" in general and "passed" not in general
    assert "failed" in text_of(dom).split("Last test run:")[1][:60]


def test_scenarios_page_shows_steps_tags_and_results(pages: dict[str, str]) -> None:
    text = text_of(pages["scenarios.html"])
    assert "Given Slovenia notified its denunciation on 15 March 2027" in text
    assert "@denunciation-effect" in text and "@art2-2-withdrawal" in text
    assert f"{FAILED_SCENARIO} failed" in text


def test_states_table_has_every_state_of_the_record(pages: dict[str, str]) -> None:
    dom, record = pages["states.html"], shipped_record()
    for code in {e.state for e in record.events}:
        row = text_of(dom[dom.index(f'id="state-{code}"'):].split("</tr>")[0])
        assert record.states.get(code).name in row
        for e in record.events_of(code):
            assert e.date in row and (e.source is None or e.source in row)
    latvia = text_of(dom[dom.index('id="state-LVA"'):].split("</tr>")[0])
    assert "2025-08-28 ratification" in latvia and "2025-12-01" in latvia
    assert "Annexes A, B, C, D, E, F, H" in latvia and "requests to Latvia must be in Latvian" \
        in latvia
    netherlands = text_of(dom[dom.index('id="state-NLD"'):].split("</tr>")[0])
    assert "provisional-application: Part III (European part of the Netherlands)" in netherlands
    congo = text_of(dom[dom.index('id="state-COD"'):].split("</tr>")[0])
    assert "unverified" in congo
    assert f"the record is as of {record.as_of}" in text_of(dom)


def test_pages_are_self_contained_and_links_resolve(site: Path, pages: dict[str, str]) -> None:
    """Nothing is fetched: no script, stylesheet, image or font from anywhere; every link
    between pages lands on an element that exists."""
    for name in pages:
        raw = (site / name).read_text(encoding="utf-8")
        assert not re.search(r"<(script|link|img|iframe|object)\b|@import|url\(|\ssrc=", raw), \
            name
        for target, anchor in re.findall(r'href="([a-z]+\.html)?#([^"]+)"', raw):
            page = pages[target or name]
            assert f'id="{anchor}"' in page, (name, target, anchor)


def test_docs_without_a_report_says_so(tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["docs", "--output", str(tmp_path / "site"), "--results",
                 str(tmp_path / "missing.json")])
    err = capsys.readouterr().err
    assert code == 0 and "No test report" in err
    assert "not run" in (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    (tmp_path / "file").write_text("x")
    assert main(["docs", "--output", str(tmp_path / "file")]) == errors.USAGE
