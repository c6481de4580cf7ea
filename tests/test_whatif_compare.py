"""`mla what-if A --against B` compares two alternatives, each applied alone to the shipped
record (B is the baseline); `--on-top-of B` adds A's events to B's and compares with B alone.
Every document names both sides; a lost relation is explained by what fails with the
scenario; a scenario asked before its events take effect says when to ask (issue 15, point 5).
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from clirun import run

from mla_rules import errors
from mla_rules.errors import UsageError
from mla_rules.web import service

SENEGAL = """name: Senegal ratifies
date: 2027-06-01
events:
  - {state: SEN, type: ratification, date: 2026-12-10}
  - {state: SEN, type: declaration, annexes: [H], date: 2026-12-10}
"""
ARGENTINA = """name: Argentina ratifies
date: 2027-06-01
events:
  - {state: ARG, type: ratification, date: 2026-12-10}
"""
ARGENTINA_LATER = """name: Argentina ratifies later
date: 2027-09-01
events:
  - {state: ARG, type: ratification, date: 2027-02-10}
"""
UNDATED = """name: Argentina ratifies, no date given
events:
  - {state: ARG, type: ratification, date: 2026-12-10}
"""


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    out = {}
    for name, text in (("senegal", SENEGAL), ("argentina", ARGENTINA),
                       ("later", ARGENTINA_LATER), ("undated", UNDATED)):
        out[name] = tmp_path / f"{name}.yaml"
        out[name].write_text(text, encoding="utf-8")
    return out


def relations(capsys: pytest.CaptureFixture[str], *argv: str) -> set[tuple[str, ...]]:
    code, out, err = run(capsys, "matrix", "--format", "csv", *argv)
    assert code == 0, err
    return {tuple(r.values()) for r in csv.DictReader(io.StringIO(out))}


def changes(capsys: pytest.CaptureFixture[str], *argv: str
            ) -> tuple[dict[str, object], set[tuple[str, ...]], set[tuple[str, ...]]]:
    code, out, err = run(capsys, "what-if", *argv, "--format", "json")
    assert code == 0, err
    data = json.loads(out)

    def rows(change: str) -> set[tuple[str, ...]]:
        return {(r["requesting"], r["requested"], r["crime"], r["kind"]) for r in data[change]}

    return data, rows("gained"), rows("lost")


def test_two_alternatives_each_alone_on_the_shipped_record(
        capsys: pytest.CaptureFixture[str], files: dict[str, Path]) -> None:
    on = ("--on", "2027-06-01")
    with_senegal = relations(capsys, "--scenario", str(files["senegal"]), *on)
    with_argentina = relations(capsys, "--scenario", str(files["argentina"]), *on)
    data, gained, lost = changes(capsys, str(files["senegal"]), "--against",
                                 str(files["argentina"]))
    assert gained == with_senegal - with_argentina and gained
    assert lost == with_argentina - with_senegal and lost
    assert all("ARG" not in r[:2] for r in gained) and all("SEN" not in r[:2] for r in lost)
    assert data["on"] == "2027-06-01"
    assert data["scenario"] == "Senegal ratifies" and data["against"] == "Argentina ratifies"
    assert data["on_top_of"] is None and data["note"] is None
    assert data["compared"] == ("Scenario 'Senegal ratifies' compared with scenario "
                                "'Argentina ratifies'")
    # The other way round, gains and losses swap.
    _, back_gained, back_lost = changes(capsys, str(files["argentina"]), "--against",
                                        str(files["senegal"]))
    assert (back_gained, back_lost) == (lost, gained)


def test_the_text_and_the_report_name_both(capsys: pytest.CaptureFixture[str],
                                           files: dict[str, Path], tmp_path: Path) -> None:
    code, out, _ = run(capsys, "what-if", str(files["senegal"]), "--against",
                       str(files["argentina"]))
    assert code == 0
    assert out.startswith("Scenario 'Senegal ratifies' compared with scenario "
                          "'Argentina ratifies'.\n")
    assert ("On 1 June 2027, compared with 'Argentina ratifies', 'Senegal ratifies' gains 22 "
            "and loses 18 cooperation relations") in out
    assert "Argentina loses 18 for the Art. 5 crimes." in out
    _, out, _ = run(capsys, "what-if", str(files["senegal"]))
    assert out.startswith("Scenario 'Senegal ratifies' compared with the shipped record.\n")
    report = tmp_path / "report.html"
    run(capsys, "what-if", str(files["senegal"]), "--against", str(files["argentina"]),
        "--format", "html", "--output", str(report))
    html = report.read_text(encoding="utf-8")
    assert ("Scenario &#39;Senegal ratifies&#39; compared with scenario &#39;Argentina "
            "ratifies&#39;.") in html
    assert "Changes compared with scenario &#39;Argentina ratifies&#39;" in html
    assert "<th>MLA, with &#39;Argentina ratifies&#39;</th>" in html
    run(capsys, "what-if", str(files["senegal"]), "--format", "html", "--output", str(report))
    html = report.read_text(encoding="utf-8")
    assert "compared with the shipped record." in html
    assert "Changes compared with the shipped record" in html and "<th>MLA, before</th>" in html


MEANING = ("Two alternatives, each applied alone to the shipped record. \u201cGained\u201d: "
           "relations that hold with 'Senegal ratifies' and not with 'Argentina ratifies'; "
           "\u201clost\u201d: those that hold with 'Argentina ratifies' and not with 'Senegal "
           "ratifies'.")


def test_the_text_json_and_report_say_what_gained_and_lost_mean(
        capsys: pytest.CaptureFixture[str], files: dict[str, Path], tmp_path: Path) -> None:
    """Said once (network/whatif.py Compared.meaning), as the What-if page says it."""
    code, out, _ = run(capsys, "what-if", str(files["senegal"]), "--against",
                       str(files["argentina"]))
    assert code == 0 and out.splitlines()[1] == MEANING
    data, _, _ = changes(capsys, str(files["senegal"]), "--against", str(files["argentina"]))
    assert data["meaning"] == MEANING
    report = tmp_path / "report.html"
    run(capsys, "what-if", str(files["senegal"]), "--against", str(files["argentina"]),
        "--format", "html", "--output", str(report))
    import html

    assert MEANING in html.unescape(report.read_text(encoding="utf-8"))
    code, out, _ = run(capsys, "what-if", str(files["senegal"]), "--on-top-of",
                       str(files["argentina"]))
    assert out.splitlines()[1].startswith("'Senegal ratifies' added on top of 'Argentina "
                                          "ratifies'. \u201cGained\u201d: relations that hold "
                                          "with both")
    _, out, _ = run(capsys, "what-if", str(files["senegal"]))
    assert "Gained" not in out.splitlines()[1]  # against the shipped record: as it says


def test_on_top_of_keeps_the_old_comparison(capsys: pytest.CaptureFixture[str],
                                            files: dict[str, Path]) -> None:
    on = ("--on", "2027-06-01")
    both = relations(capsys, "--scenario", str(files["argentina"]), "--scenario",
                     str(files["senegal"]), *on)
    argentina = relations(capsys, "--scenario", str(files["argentina"]), *on)
    data, gained, lost = changes(capsys, str(files["senegal"]), "--on-top-of",
                                 str(files["argentina"]))
    assert gained == both - argentina and not lost
    assert data["against"] == data["on_top_of"] == "Argentina ratifies"
    assert data["compared"] == ("Scenario 'Senegal ratifies' added on top of scenario "
                                "'Argentina ratifies', compared with scenario 'Argentina "
                                "ratifies' alone")


def test_against_and_on_top_of_together_is_a_usage_error(
        capsys: pytest.CaptureFixture[str], files: dict[str, Path]) -> None:
    code, out, err = run(capsys, "what-if", str(files["senegal"]), "--against",
                         str(files["argentina"]), "--on-top-of", str(files["argentina"]))
    assert code == errors.USAGE and not out
    assert "--against and --on-top-of together" in err


def test_alternatives_of_different_dates_need_on(capsys: pytest.CaptureFixture[str],
                                                 files: dict[str, Path]) -> None:
    code, out, err = run(capsys, "what-if", str(files["senegal"]), "--against",
                         str(files["later"]))
    assert code == errors.USAGE and not out
    assert "'Senegal ratifies' is dated 2027-06-01 and 'Argentina ratifies later' 2027-09-01" \
        in err
    assert "--on" in err
    data, _, _ = changes(capsys, str(files["senegal"]), "--against", str(files["later"]),
                         "--on", "2027-09-01")
    assert data["on"] == "2027-09-01"
    # A scenario without `date:` is compared on the other's date; on top of, the old rule.
    data, _, _ = changes(capsys, str(files["undated"]), "--against", str(files["later"]))
    assert data["on"] == "2027-09-01"
    data, _, _ = changes(capsys, str(files["senegal"]), "--on-top-of", str(files["later"]))
    assert data["on"] == "2027-06-01"


def test_a_lost_relation_is_explained_by_what_fails_with_the_scenario(
        capsys: pytest.CaptureFixture[str], files: dict[str, Path]) -> None:
    code, out, _ = run(capsys, "what-if", str(files["senegal"]), "--against",
                       str(files["argentina"]), "--format", "json", "--explain", "23")
    assert code == 0
    explained = {e["relation"]: e["explanation"] for e in json.loads(out)["explanations"]}
    lost = explained["lost: ARG → LVA, genocide, mla"]
    assert lost.startswith("NO — ")
    assert "Argentina has deposited no instrument of ratification" in lost
    gained = explained["gained: LVA → SEN, genocide, mla"]
    assert gained.startswith("YES — ") and "Senegal deposited its instrument" in gained
    assert all(text.startswith("YES") for title, text in explained.items()
               if title.startswith("gained"))
    assert all(text.startswith("NO") for title, text in explained.items()
               if title.startswith("lost"))


def test_asked_too_early_the_scenario_says_when_it_takes_effect(
        capsys: pytest.CaptureFixture[str], files: dict[str, Path]) -> None:
    early = ("None of the scenario's events has taken effect by 31 March 2027: the first "
             "takes effect on 1 April 2027 (ask with --on 2027-04-01).")
    code, out, _ = run(capsys, "what-if", str(files["senegal"]), "--on", "2027-03-31")
    assert code == 0 and early in out
    assert "changes no cooperation relation" in out
    data, gained, lost = changes(capsys, str(files["senegal"]), "--on", "2027-03-31")
    assert data["note"] == early and not gained and not lost
    data, gained, _ = changes(capsys, str(files["senegal"]), "--on", "2027-04-01")
    assert data["note"] is None and gained
    # Two alternatives neither of which has taken effect: the same note, for the scenario.
    data, _, _ = changes(capsys, str(files["senegal"]), "--against", str(files["argentina"]),
                         "--on", "2027-01-01")
    assert data["note"] is not None and "on 1 April 2027" in data["note"]


def test_the_services_bodies() -> None:
    a, b = {"name": "a", "events": []}, {"name": "b", "events": []}
    assert service.scenarios_of(a) == (a, None)
    assert service.scenarios_of({"scenario": a}) == (a, None)
    assert service.scenarios_of({"scenario": a, "against": b}) == (a, service.Baseline(b))
    assert service.scenarios_of({"scenario": a, "on_top_of": b}) == (
        a, service.Baseline(b, on_top=True))
    with pytest.raises(UsageError, match="together"):
        service.scenarios_of({"scenario": a, "against": b, "on_top_of": b})
