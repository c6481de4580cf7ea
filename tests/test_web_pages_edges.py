"""The pages at their edges (issue 15, point 8): a browser that asks for an unknown page gets a
page of the site with the way back, while the API keeps its JSON; errors on the pages speak
of the page's fields, the pasted scenario and the uploaded file, never of the CLI's commands
and options nor of "(request body)" (the API keeps those words); the What-if page fits a
390-pixel phone and its events box a desktop."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

# the real browser and server of the browser tests, shared with this module's browser checks
from test_web_browser import base, page  # noqa: F401

from mla_rules.web import app
from mla_rules.web.pages import PASTED, ROWS, UPLOADED, WHAT_IF_FIELDS, page_words

HTML = {"accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
CLI_WORDS = re.compile(r"`mla |\bmla [a-z-]+ --|(?<![\w-])--[a-z]|\(request body\)")


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


def error_box(response: Any) -> str:
    """The text of the page's error box, its paragraphs on one line."""
    found = re.search(r'<div class="error" role="alert">(.*?)</div>', response.text, re.S)
    assert found, response.text[:2000]
    return html.unescape(re.sub(r"<[^>]+>", "", found[1].replace("</p><p>", " ")))


def json_error(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body: dict[str, Any] = response.json()
    assert isinstance(body["error"], str)
    return body


# ------------------------------------------------------------------ 1. unknown pages

def test_an_unknown_page_is_a_page_with_the_way_back(client: TestClient) -> None:
    response = client.get("/no-such-page", headers=HTML)
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "default-src 'self'" in response.headers["content-security-policy"]
    assert "404: page not found" in response.text
    assert "There is no page at /no-such-page." in error_box(response)
    links = re.findall(r'<a href="([^"]+)"', response.text.split("<main>", 1)[1])
    assert {"/", "/state", "/what-if", "/docs/index.html", "/api/docs"} <= set(links)
    assert '<link rel="stylesheet" href="/static/style.css">' in response.text  # the layout


def test_the_path_is_escaped_on_the_page(client: TestClient) -> None:
    response = client.get("/%3Cscript%3Ealert(1)%3C/script%3E", headers=HTML)
    assert response.status_code == 404
    assert "<script>alert" not in response.text and "&lt;script&gt;alert(1)" in response.text


@pytest.mark.parametrize("path", ["/docs/nope.html", "/static/nope.js", "/state/LVA/more"])
def test_other_unknown_pages_too(client: TestClient, path: str) -> None:
    response = client.get(path, headers=HTML)
    assert response.status_code == 404 and 'href="/what-if"' in response.text


@pytest.mark.parametrize("headers", [{}, HTML, {"accept": "application/json"}])
def test_the_api_keeps_json(client: TestClient, headers: dict[str, str]) -> None:
    assert json_error(client.get("/api/no-such", headers=headers), 404) == {
        "error": "not found: /api/no-such"}
    deleted = client.delete("/api/can-request", headers=headers)
    assert "method DELETE not allowed" in json_error(deleted, 405)["error"]


@pytest.mark.parametrize("accept", ["", "*/*", "application/json"])
def test_a_client_that_does_not_ask_for_html_gets_json(client: TestClient, accept: str) -> None:
    assert json_error(client.get("/no-such-page", headers={"accept": accept}), 404) == {
        "error": "not found: /no-such-page"}


def test_a_method_a_page_does_not_answer(client: TestClient) -> None:
    response = client.delete("/what-if", headers=HTML)
    assert response.status_code == 405
    assert response.headers["content-type"].startswith("text/html")
    assert "GET" in response.headers["allow"]  # the header of the 405 is kept
    assert "/what-if does not answer a DELETE request." in error_box(response)
    assert 'href="/"' in response.text


def test_head_of_an_unknown_page(client: TestClient) -> None:
    response = client.head("/no-such-page", headers=HTML)
    assert response.status_code == 404 and response.content == b""
    assert response.headers["content-type"].startswith("text/html")


# ------------------------------------------------------------------ 2. the page's words

@pytest.mark.parametrize(("text", "source", "fields", "worded"), [
    ("(request body) line 4: invalid YAML: x", PASTED, {}, "the pasted scenario, line 4: "
     "invalid YAML: x"),
    ("(request body): is empty", UPLOADED, {}, "the uploaded file is empty"),
    ("(request body): must be a scenario", PASTED, {}, "the pasted scenario must be a scenario"),
    ("(request body): invalid value: x", UPLOADED, {}, "the uploaded file: invalid value: x"),
    ("(request body), event 2 (BEL accession): x", UPLOADED, {},
     "the uploaded file, event 2 (BEL accession): x"),
    ("(request body), event 2 (BEL accession): x", ROWS, {}, "event row 2 (BEL accession): x"),
    ("on: 'x' is not a date", PASTED, WHAT_IF_FIELDS, "the Date of the questions: 'x' is not "
     "a date"),
    ("online: x", PASTED, WHAT_IF_FIELDS, "online: x"),
    ("Use a code; `mla states` lists them.", PASTED, {}, "Use a code; the States page lists "
     "them."),
    ("Give an id; `mla crimes` lists them.", PASTED, {}, "Give an id; the Crime field "
     "suggests them as you type."),
    ("Add `instrument:` (`mla instruments` lists them).", PASTED, {},
     "Add `instrument:` (the Documentation lists them)."),
    ("--committed (2030-01-01) is after", PASTED, {}, "the date of the conduct (2030-01-01) "
     "is after"),
    ("Give the date of the comparison with the `on` parameter, e.g. ?on=2026-07-15.", PASTED,
     {}, "Enter the Date of the questions (e.g. 2026-07-15) to compare them on one date."),
    ("Use mla or extradition.", PASTED, {}, "Choose mutual legal assistance or extradition."),
    (None, PASTED, {}, None),
])
def test_page_words(text: str | None, source: str, fields: dict[str, str],
                    worded: str | None) -> None:
    assert page_words(text, source, fields) == worded


def what_if(client: TestClient, **kwargs: Any) -> Any:
    return client.post("/what-if", **kwargs)


def test_a_malformed_pasted_scenario(client: TestClient) -> None:
    pasted = "name: x\nevents:\n  - {state: BEL, type: accession\n  - b\n"
    response = what_if(client, data={"scenario_text": pasted})
    assert response.status_code == 422
    text = error_box(response)
    assert re.match(r"Error: the pasted scenario, line \d+: invalid YAML", text), text
    assert "(request body)" not in response.text
    assert "name: x" in response.text  # the text is kept in the form, to correct


def test_an_event_of_the_pasted_scenario(client: TestClient) -> None:
    response = what_if(client, data={"scenario_text": "name: x\nevents: [1]\n"})
    assert response.status_code == 422
    assert "the pasted scenario, event 1" in error_box(response)


def test_an_empty_upload(client: TestClient) -> None:
    response = what_if(client, files={"file": ("belgium.yaml", b"", "text/yaml")})
    assert response.status_code == 422
    assert error_box(response).startswith("Error: the uploaded file is empty")
    assert "no scenario" not in response.text and "(request body)" not in response.text


def test_a_malformed_upload(client: TestClient) -> None:
    response = what_if(client, files={"file": ("s.yaml", b"name: [x\n", "text/yaml")})
    assert response.status_code == 422
    assert re.match(r"Error: the uploaded file, line \d+:", error_box(response))
    binary = what_if(client, files={"file": ("s.yaml", b"\xff\xfe\x00", "text/yaml")})
    assert error_box(binary).startswith("Error: the uploaded file is not UTF-8 text")


def test_no_file_chosen_is_no_upload(client: TestClient) -> None:
    """A browser sends the file field without a name when no file is chosen: the rows
    count."""
    response = what_if(client, data={"state": "BEL", "type": "accession",
                                     "event_date": "2026-07-15", "on": "2027-01-01"},
                       files={"file": ("", b"", "application/octet-stream")})
    assert response.status_code == 200, error_box(response)


def test_a_row_of_the_form(client: TestClient) -> None:
    response = what_if(client, data={"state": ["BEL", "Atlantis"],
                                     "type": ["accession", "accession"],
                                     "event_date": ["2026-07-15", "2026-07-15"]})
    assert response.status_code == 422
    text = error_box(response)
    assert text.startswith("Error: event row 2: unknown State: 'Atlantis'"), text
    assert "the States page lists them" in text and "`mla" not in text


def test_the_date_of_the_questions(client: TestClient) -> None:
    response = what_if(client, data={"state": "BEL", "type": "accession",
                                     "event_date": "2026-07-15", "on": "2026-02-30"})
    assert response.status_code == 400
    assert error_box(response).startswith("Error: the Date of the questions: '2026-02-30'")


def test_two_alternatives_of_different_dates(client: TestClient) -> None:
    pasted = ('{"scenario": {"name": "a", "date": "2027-01-01", "events": []},'
              ' "against": {"name": "b", "date": "2027-06-01", "events": []}}')
    response = what_if(client, data={"scenario_text": pasted})
    assert response.status_code == 400
    text = error_box(response)
    assert "Enter the Date of the questions (e.g. 2027-01-01) to compare them on one date." \
        in text, text
    assert "`on`" not in text and "?on=" not in text


ASK = {"from": "Latvia", "to": "Netherlands", "crime": "genocide"}


@pytest.mark.parametrize(("params", "words"), [
    ({**ASK, "from": "Narnia"}, "the States page lists them"),
    ({**ASK, "crime": "fraud"}, "the Crime field suggests them"),
    ({**ASK, "on": "2026-13-01"}, "the Date of the request: '2026-13-01'"),
    ({**ASK, "on": "2026-01-01", "committed": "2030-01-01"},
     "the date of the conduct (2030-01-01) is after the date of the request"),
    ({**ASK, "to": ""}, "the requested State is missing"),
    ({**ASK, "kind": "x"}, "Choose mutual legal assistance or extradition."),
])
def test_the_ask_page(client: TestClient, params: dict[str, str], words: str) -> None:
    response = client.get("/", params=params)
    assert response.status_code == 400
    text = error_box(response)
    assert words in text, text
    assert not CLI_WORDS.search(text), text


@pytest.mark.parametrize(("path", "words"), [
    ("/state/Narnia", "the States page lists them"),
    ("/state?code=Narnia", "the States page lists them"),
    ("/state/LVA?on=2026-02-30", "the date: '2026-02-30'"),
    ("/memo?from=Latvia&to=France&crime=genocide&on=x", "the date: 'x'"),
    ("/memo?from=Latvia", "the requested State (to) is missing"),
])
def test_the_state_pages_and_the_memo(client: TestClient, path: str, words: str) -> None:
    response = client.get(path, headers=HTML)
    assert response.status_code == 400
    text = error_box(response)
    assert words in text, text
    assert not CLI_WORDS.search(text), text
    assert 'href="/state"' in response.text  # the way back


def test_the_report_of_a_broken_scenario(client: TestClient) -> None:
    response = client.post("/what-if/report", data={"scenario_text": "name: x\nevents: [1]\n"})
    assert response.status_code == 422
    assert "the pasted scenario, event 1" in error_box(response)  # as the page says it
    assert "(request body)" not in response.text


def test_the_api_keeps_its_words(client: TestClient) -> None:
    """The JSON errors keep the shared texts: the API's clients read the CLI's words."""
    pasted = client.post("/api/what-if", content=b"name: [x\n",
                         headers={"content-type": "application/yaml"})
    assert json_error(pasted, 422)["error"].startswith("(request body) line")
    unknown = client.get("/api/can-request", params={**ASK, "from": "Narnia", "kind": "mla"})
    assert "`mla states` lists them" in json_error(unknown, 400)["hint"]


# ------------------------------------------------------------------ 3. the What-if page's width

FITS = """() => {
    const width = document.documentElement.clientWidth;
    const events = document.getElementById("events").getBoundingClientRect();
    const table = document.querySelector("table.events").getBoundingClientRect();
    const main = document.querySelector("main");
    const padding = parseFloat(getComputedStyle(main).paddingRight);
    return {page: document.documentElement.scrollWidth, width,
            events: events.right, table: table.right,
            main: main.getBoundingClientRect().right - padding};
}"""


def fill_one_event(page: Any) -> None:  # noqa: F811
    row = page.locator("tr.event-row").nth(0)
    row.locator("input[name=state]").fill("BEL")
    row.locator("input[name=event_date]").fill("2026-07-15")
    page.fill("input[name=on]", "2027-01-01")


def test_what_if_on_a_phone(page: Any, base: str) -> None:  # noqa: F811
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(base + "/what-if")
    page.click("#add-event")
    fits = page.evaluate(FITS)
    assert fits["page"] <= 390, fits
    assert fits["table"] <= fits["events"] <= fits["main"] + 0.5, fits
    fill_one_event(page)
    page.click("#run")
    page.wait_for_selector("#account")
    fits = page.evaluate(FITS)
    assert fits["page"] <= 390, fits  # the grids and tables scroll in their own box
    assert page.locator("table.heat").count() >= 1


def test_what_if_events_on_a_desktop(page: Any, base: str) -> None:  # noqa: F811
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(base + "/what-if")
    fits = page.evaluate(FITS)
    assert fits["page"] <= 1280, fits
    assert fits["table"] <= fits["events"] <= fits["main"] + 0.5, fits
    overflow = page.evaluate("""() => { const f = document.getElementById("events");
        return [f.scrollWidth, f.clientWidth]; }""")
    assert overflow[0] <= overflow[1], overflow


def test_an_unknown_page_in_the_browser(browser: Any, base: str) -> None:  # noqa: F811
    context = browser.new_context()  # not `page`: the 404 is a console error there
    try:
        tab = context.new_page()
        response = tab.goto(base + "/no-such-page")
        assert response.status == 404
        assert tab.inner_text("h1") == "404: page not found"
        tab.click("main >> text=What if…?")
        tab.wait_for_selector("#what-if-form")
    finally:
        context.close()
