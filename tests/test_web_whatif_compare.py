"""The What-if page compares two scenarios as `mla what-if A --against B` and `--on-top-of B`
do (issue 15, point 5): a second scenario, pasted or uploaded, as the alternative yours is
compared with or the one yours is added to; the result and the report it downloads name both,
and two alternatives of different dates without a Date of the questions are refused in the
page's words. A scenario asked before its events take effect says on the page when the first
does, in the page's words (the CLI keeps `--on`). A State's page fits a 390-pixel phone."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

# the real browser and server of the browser tests
from test_web_browser import base, page  # noqa: F401
from test_whatif_compare import ARGENTINA, SENEGAL

from mla_rules.web import app, service

ARGENTINA_LATER = ARGENTINA.replace("2027-06-01", "2027-09-01").replace(
    "name: Argentina ratifies", "name: Argentina ratifies later")
CLI_WORDS = re.compile(r"`mla |\bmla [a-z-]+ --|(?<![\w-])--[a-z]|\(request body\)|\?on=|`on`")
EARLY = ("None of the scenario's events has taken effect by 31 March 2027: the first takes "
         "effect on 1 April 2027 (ask on 2027-04-01")


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


def error_box(response: Any) -> str:
    found = re.search(r'<div class="error" role="alert">(.*?)</div>', response.text, re.S)
    assert found, response.text[:2000]
    return html.unescape(re.sub(r"<[^>]+>", "", found[1].replace("</p><p>", " ")))


def by_id(response: Any, element: str, name: str) -> str:
    found = re.search(rf'<{element}[^>]* id="{name}"[^>]*>(.*?)</{element}>', response.text,
                      re.S)
    assert found, response.text[:3000]
    return html.unescape(re.sub(r"<[^>]+>", "", found[1]))


# ------------------------------------------------------------------ the comparison, no browser

def test_two_alternatives_of_different_dates_without_a_date(client: TestClient) -> None:
    """The CLI's exit 2: the page says so in its words, and keeps both scenarios."""
    form = {"scenario_text": SENEGAL, "other_text": ARGENTINA_LATER, "compare": "against"}
    response = client.post("/what-if", data=form)
    assert response.status_code == 400
    text = error_box(response)
    assert ("'Senegal ratifies' is dated 2027-06-01 and 'Argentina ratifies later' "
            "2027-09-01: two alternatives are compared on one date") in text, text
    assert "Enter the Date of the questions (e.g. 2027-06-01) to compare them on one date." \
        in text, text
    assert not CLI_WORDS.search(text), text
    assert "name: Argentina ratifies later" in html.unescape(response.text)  # kept in its box
    # the report the page downloads: the same
    report = client.post("/what-if/report", data=form)
    assert report.status_code == 400
    assert "Enter the Date of the questions" in error_box(report)
    # with a date: compared on it
    dated = client.post("/what-if", data={**form, "on": "2027-09-01"})
    assert dated.status_code == 200
    assert by_id(dated, "h2", "compared") == ("Scenario 'Senegal ratifies' compared with "
                                              "scenario 'Argentina ratifies later', on "
                                              "1 September 2027")
    # on top of the other: the scenario's own date, as `--on-top-of` (no conflict)
    top = client.post("/what-if", data={**form, "compare": "on_top_of"})
    assert top.status_code == 200
    assert by_id(top, "h2", "compared") == (
        "Scenario 'Senegal ratifies' added on top of scenario 'Argentina ratifies later', "
        "compared with scenario 'Argentina ratifies later' alone, on 1 June 2027")


def test_the_other_scenario_is_named_in_its_errors(client: TestClient) -> None:
    broken = client.post("/what-if", data={"scenario_text": SENEGAL,
                                          "other_text": "name: [x\n"})
    assert broken.status_code == 422
    assert error_box(broken).startswith("Error: the other scenario (pasted), line 2"), \
        error_box(broken)
    unknown = client.post("/what-if", data={
        "scenario_text": SENEGAL,
        "other_text": "name: x\nevents: [{state: Atlantis, type: ratification, "
                      "date: 2026-01-01}]\n"})
    assert unknown.status_code == 422
    assert error_box(unknown).startswith(
        "Error: the other scenario (pasted), event 1: unknown State: 'Atlantis'")
    empty = client.post("/what-if", data={"scenario_text": SENEGAL},
                        files={"other_file": ("other.yaml", b"", "application/yaml")})
    assert empty.status_code == 422
    assert error_box(empty).startswith("Error: the other scenario's file is empty")
    mine = client.post("/what-if", data={"scenario_text": "name: [x\n",
                                        "other_text": ARGENTINA})
    assert error_box(mine).startswith("Error: the pasted scenario, line 2")


def test_an_uploaded_other_scenario(client: TestClient) -> None:
    response = client.post("/what-if", data={"scenario_text": SENEGAL},
                           files={"other_file": ("argentina.yaml", ARGENTINA.encode(),
                                                 "application/yaml")})
    assert response.status_code == 200
    assert by_id(response, "h2", "compared").startswith(
        "Scenario 'Senegal ratifies' compared with scenario 'Argentina ratifies'")
    # the download resends the other scenario as text, with the choice
    assert '<textarea name="other_text" hidden>name: Argentina ratifies' in response.text
    assert '<input type="hidden" name="compare" value="against">' in response.text


def test_the_note_speaks_per_caller() -> None:
    """One sentence, three wordings: the CLI's option, the API's date, the page's field."""
    import yaml

    from mla_rules.network.whatif import first_effect, note, summary

    d = service.what_if(yaml.safe_load(SENEGAL), None, "2027-03-31").diff
    s, first = summary(d), first_effect(d)
    assert note(d, s, first) == EARLY.replace("ask on", "ask with --on") + ")."
    assert note(d, s, first, "web") == EARLY + ")."
    assert note(d, s, first, "page") == EARLY + ": enter it as the Date of the questions)."


# ------------------------------------------------------------------ in a browser

def test_compare_two_alternatives_in_the_browser(page: Any, base: str,  # noqa: F811
                                                 tmp_path: Path) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(base + "/what-if")
    page.fill("textarea[name=scenario_text]", SENEGAL)
    page.fill("textarea[name=other_text]", ARGENTINA)
    page.check("input[name=compare][value=against]")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.click("#run")
    page.wait_for_selector("#account")
    assert page.inner_text("#compared") == (
        "Scenario 'Senegal ratifies' compared with scenario 'Argentina ratifies', on "
        "1 June 2027")
    meaning = page.inner_text("#meaning")
    assert ("“Gained”: relations that hold with 'Senegal ratifies' and not with 'Argentina "
            "ratifies'") in meaning, meaning
    account = page.inner_text("#account")
    assert ("On 1 June 2027, compared with 'Argentina ratifies', 'Senegal ratifies' gains 22 "
            "and loses 18 cooperation relations") in account, account
    assert "Senegal" in account and "Argentina loses" in account
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    # the report names both too
    with page.expect_download() as info:
        page.click("#download")
    assert info.value.suggested_filename == \
        "Senegal-ratifies-against-Argentina-ratifies-report.html"
    report = tmp_path / "report.html"
    info.value.save_as(report)
    text = html.unescape(report.read_text(encoding="utf-8"))
    assert "Scenario 'Senegal ratifies' compared with scenario 'Argentina ratifies'." in text
    assert "Changes compared with scenario 'Argentina ratifies'" in text
    assert "22 relations gained, 18 lost." in text


def test_the_first_effect_on_the_page(page: Any, base: str, tmp_path: Path) -> None:  # noqa: F811
    page.goto(base + "/what-if")
    page.fill("textarea[name=scenario_text]", SENEGAL)
    page.fill("input[name=on]", "2027-03-31")
    page.click("#run")
    page.wait_for_selector("#account")
    assert "'Senegal ratifies' changes no cooperation relation" in page.inner_text("#account")
    first = page.inner_text("#first-effect")
    assert first == EARLY + ": enter it as the Date of the questions).", first
    assert not CLI_WORDS.search(first)
    with page.expect_download() as info:
        page.click("#download")
    report = tmp_path / "report.html"
    info.value.save_as(report)
    text = html.unescape(report.read_text(encoding="utf-8"))
    assert EARLY + ")." in text and "--on" not in text


@pytest.mark.parametrize("code", ["LVA", "NLD", "FRA"])
def test_a_state_page_on_a_phone(page: Any, base: str, code: str) -> None:  # noqa: F811
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(base + "/state/" + code)
    page.wait_for_selector("#record")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, width
    # every cell says what it is, the table's head being hidden
    assert page.locator("#record td[data-label=Source]").count() >= 1
    assert not page.is_visible("#record thead")


def test_the_api_says_when_a_scenario_first_takes_effect_in_its_own_words(
        client: TestClient) -> None:
    """The JSON's note and the HTML report the API sends name the date to ask on, not the
    command line's --on."""
    yaml = {"content-type": "application/yaml"}
    doc = client.post("/api/what-if?on=2027-03-31", content=SENEGAL, headers=yaml)
    assert doc.status_code == 200, doc.text
    assert doc.json()["note"] == EARLY + ")."
    report = client.post("/api/what-if?on=2027-03-31&format=html", content=SENEGAL,
                         headers=yaml)
    assert report.status_code == 200 and EARLY in html.unescape(report.text)
    assert "--on" not in report.text


@pytest.mark.parametrize("path", ["/what-if", "/what-if/report"])
def test_an_error_in_the_other_scenario_names_it_on_the_page_and_for_the_report(
        client: TestClient, path: str) -> None:
    """The report is asked from the page's form: its errors are the page again, in the same
    words, naming the scenario they are about."""
    r = client.post(path, data={"scenario_text": SENEGAL, "other_text": "- x",
                                "compare": "against"}, headers={"accept": "text/html"})
    assert r.status_code == 422, r.text[:300]
    assert "the other scenario (pasted) must be a scenario" in html.unescape(r.text)
    assert 'name="other_text"' in r.text  # the form again, to correct it


def test_a_first_scenario_with_an_unknown_key_is_told_so(client: TestClient) -> None:
    """Its own error first (an unknown key), not that it is 'already a comparison'."""
    r = client.post("/what-if", data={"scenario_text": "scenario: 1\nfoo: 2\n",
                                      "other_text": ARGENTINA, "compare": "against"},
                    headers={"accept": "text/html"})
    assert r.status_code == 422, r.text[:300]
    text = html.unescape(r.text)
    assert "the pasted scenario: unknown key(s) foo" in text
    assert "already a comparison" not in text
