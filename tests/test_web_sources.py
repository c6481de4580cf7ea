"""Sources everywhere (issue 15, point 2): every answer of the web pages lists its sources with
their title, their link (the source's own address, from the record) and the date the record
gives them as of, as the command line does: the Ask page (those of `mla legal-basis`, and
those of the Convention's explanation and notes the page shows too), a State's page, the
What-if page and its report. And two edges: a form over the body limit sent by a browser to a
page gets the page again in its own words, not the API's JSON; the What-if page names no
command of the command line."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

# the real browser and server of the browser tests
from test_web_browser import base, page  # noqa: F401

from mla_rules.questions.context import shipped_record
from mla_rules.record.dates import human
from mla_rules.web import app

HTML = {"accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
CLI_WORDS = re.compile(r"`mla |\bmla [a-z-]+\b|(?<![\w-])--[a-z]")
SCENARIO = "name: Senegal ratifies\nevents:\n  - {state: SEN, type: ratification, " \
           "date: 2026-01-10}\n"
FRA_DEU = {"from": "France", "to": "Germany", "crime": "genocide", "kind": "extradition",
           "on": "2026-12-04"}


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


def text(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


def sources_of(markup: str) -> dict[str, dict[str, Any]]:
    """The entries of the page's Sources list, by source id: their text, their links, and
    whether they are the target of a reference (#source-ID)."""
    found = re.search(r'<section id="sources">(.*?)</section>', markup, re.S)
    assert found, "no Sources section"
    out: dict[str, dict[str, Any]] = {}
    for attrs, body in re.findall(r"<li([^>]*)>(.*?)</li>", found[1], re.S):
        sid = html.unescape(re.findall(r"<code>([^<]+)</code>", body)[-1])
        out.setdefault(sid, {"text": "", "links": [], "anchor": False})
        entry = out[sid]
        entry["text"] += text(body) + "\n"
        entry["links"] += [html.unescape(h) for h in re.findall(r'<a href="([^"]+)"', body)]
        entry["anchor"] |= f'id="source-{html.escape(sid)}"' in attrs
    return out


def references(markup: str) -> set[str]:
    """The source ids the page names elsewhere than in its list (#source-ID links)."""
    return {html.unescape(r) for r in re.findall(r'href="#source-([^"]+)"', markup)}


def assert_listed(entry: dict[str, Any], sid: str, as_of: str | None) -> None:
    """The entry names the source by its title, links to its own address, and gives the
    date the record gives (in either form), or none where the record gives none."""
    source = shipped_record().source_of(sid)
    assert source.get("title") and source["title"] in entry["text"], (sid, entry)
    assert source.get("url") and source["url"] in entry["links"], (sid, entry)
    if as_of is not None:
        assert as_of in entry["text"] or human(as_of) in entry["text"], (sid, as_of, entry)
    else:
        assert "as of" not in entry["text"], (sid, entry)


# ------------------------------------------------------------------ the Ask page

def test_the_ask_page_lists_the_sources_of_the_command_line(client: TestClient) -> None:
    markup = client.get("/", params=FRA_DEU, headers=HTML)
    assert markup.status_code == 200
    listed = sources_of(markup.text)
    # what `mla legal-basis --format json` lists (the API sends it byte for byte)
    cli = client.get("/api/legal-basis", params=FRA_DEU).json()["sources"]
    assert cli
    for s in cli:
        assert s["id"] in listed, s
        assert_listed(listed[s["id"]], s["id"], s["as_of"])
    # and in the same order, first
    assert list(listed)[:len(cli)] == [s["id"] for s in cli]


def test_every_source_the_ask_page_names_is_listed(client: TestClient) -> None:
    """The Convention's explanation is on the page even where it does not apply (France and
    Germany are not bound): the sources its facts name are listed too, each a reference to
    its entry."""
    markup = client.get("/", params=FRA_DEU, headers=HTML).text
    listed = sources_of(markup)
    named = references(markup)
    assert "nl_provisional_application" in named  # a fact of the Convention's explanation
    for sid in named:
        assert sid in listed and listed[sid]["anchor"], sid
        assert_listed(listed[sid], sid, _as_of(listed[sid]["text"]))
    # a fact of the Convention's text (which Part governs extradition): no date is made up
    assert _as_of(listed["nl_provisional_application"]["text"]) is None
    trace = markup[markup.index('<details id="trace">'):markup.index("</details>\n</section>")]
    tags = re.findall(r'<span class="tag"><a class="source-ref" href="#source-([^"]+)"', trace)
    assert tags and set(tags) <= set(listed)
    assert not re.search(r'<span class="tag">(?!<a |[a-z0-9-]+ · )', trace)  # ids unlinked


def _as_of(entry: str) -> str | None:
    found = re.search(r"\(as of (\d{4}-\d\d-\d\d)\)", entry)
    return found[1] if found else None


def test_the_practical_notes_name_their_sources(client: TestClient) -> None:
    markup = client.get("/", params={"from": "NLD", "to": "LVA", "crime": "genocide",
                                   "on": "2026-11-28"}, headers=HTML).text
    notes = markup[markup.index("<h4>Practical notes"):]
    notes = notes[:notes.index("</ul>")]
    assert 'href="#source-latvia_ratification_law"' in notes
    listed = sources_of(markup)
    assert "latvia_ratification_law" in listed
    assert_listed(listed["latvia_ratification_law"], "latvia_ratification_law",
                  _as_of(listed["latvia_ratification_law"]["text"]))


# ------------------------------------------------------------------ a State's page

def test_a_state_page_lists_its_sources(client: TestClient) -> None:
    record = shipped_record()
    fw = record.framework
    assert fw is not None
    response = client.get("/state/SEN", headers=HTML)
    assert response.status_code == 200
    listed = sources_of(response.text)
    # its record under the Convention: as of the record's date
    assert "depositary_parties" in references(response.text)
    assert_listed(listed["depositary_parties"], "depositary_parties", record.as_of)
    # every other instrument: its source, as of the date of its list of parties
    for inst in fw.instruments.values():
        if inst.convention or inst.source is None:
            continue
        entries = [e for e in listed[inst.source]["text"].splitlines() if inst.title in e]
        assert entries, (inst.id, listed[inst.source])
        assert_listed({**listed[inst.source], "text": entries[0]}, inst.source, inst.as_of)
        if inst.as_of is None:
            assert "date not recorded" in entries[0]
    # the acts of Senegal under another instrument: as of that list's date
    acts = [e for e in fw.events_of("SEN")
            if e.source and not fw.instruments[e.instrument].convention]
    assert acts
    for e in acts:
        assert e.source in listed, e
        assert_listed(listed[e.source], e.source, fw.instruments[e.instrument].as_of)


def test_one_source_for_two_lists_gives_each_list_its_date(client: TestClient) -> None:
    """The ICRC's database is the source of the Geneva Conventions' list and of Additional
    Protocol I's, of different dates: each is said with its own."""
    fw = shipped_record().framework
    assert fw is not None
    geneva, protocol = fw.instruments["geneva-1949"], fw.instruments["protocol-i-1977"]
    assert geneva.source == protocol.source and geneva.as_of != protocol.as_of
    listed = sources_of(client.get("/state/FRA", headers=HTML).text)[geneva.source]["text"]
    for inst in (geneva, protocol):
        assert inst.as_of
        assert any(inst.title in line and human(inst.as_of) in line
                   for line in listed.splitlines()), (inst.id, listed)


def test_every_reference_on_a_state_page_has_its_entry(client: TestClient) -> None:
    markup = client.get("/state/LVA", headers=HTML).text
    listed = sources_of(markup)
    named = references(markup)
    assert {"depositary_parties", "latvia_ratification_law"} <= named
    assert all(sid in listed and listed[sid]["anchor"] for sid in named), named - set(listed)


# ------------------------------------------------------------------ the What-if page

def check_what_if_sources(listed: dict[str, dict[str, Any]]) -> None:
    record = shipped_record()
    fw = record.framework
    assert fw is not None
    for sid in {e.source for e in record.events if e.source}:  # the Convention's record
        assert_listed(listed[sid], sid, record.as_of)
    for inst in fw.instruments.values():  # the gap maps: every instrument's list
        if not inst.convention and inst.source:
            assert inst.source in listed, inst.id
            if inst.as_of:
                assert human(inst.as_of) in listed[inst.source]["text"] or \
                    inst.as_of in listed[inst.source]["text"], inst.id


def test_the_what_if_page_lists_its_sources(client: TestClient) -> None:
    response = client.post("/what-if", data={"scenario_text": SCENARIO}, headers=HTML)
    assert response.status_code == 200
    assert 'id="account"' in response.text
    check_what_if_sources(sources_of(response.text))
    assert "The events of the scenario are its own: they have no source." in response.text


def test_the_what_if_report_lists_its_sources(client: TestClient) -> None:
    response = client.post("/what-if/report", data={"scenario_text": SCENARIO})
    assert response.status_code == 200
    assert response.headers["content-disposition"].startswith("attachment;")
    section = re.search(r'<section class="sources">(.*?)</section>', response.text, re.S)
    assert section, "the report has no Sources section"
    listed: dict[str, dict[str, Any]] = {}
    for body in re.findall(r"<li>(.*?)</li>", section[1], re.S):
        sid = text(re.search(r"<small>\[([^;\]]+)", body)[1])  # type: ignore[index]
        entry = listed.setdefault(sid, {"text": "", "links": []})
        entry["text"] += text(body) + "\n"
        entry["links"] += [html.unescape(h) for h in re.findall(r'<a href="([^"]+)"', body)]
    check_what_if_sources(listed)


def test_a_scenario_s_own_source_ids_are_no_sources_of_the_record(client: TestClient) -> None:
    """A `source:` in a scenario's event names nothing the record holds: the page and its
    report list the shipped record's sources only (the scenario's events have none)."""
    cited = SCENARIO.replace("}", ", source: made_up_source_xyz}", 1)
    assert "made_up_source_xyz" in cited
    for path in ("/what-if", "/what-if/report"):
        response = client.post(path, data={"scenario_text": cited}, headers=HTML)
        assert response.status_code == 200, response.text[:500]
        found = re.search(r'<section class="sources">(.*?)</section>', response.text, re.S) \
            or re.search(r'id="sources"(.*?)</section>', response.text, re.S)
        assert found, path
        assert "made_up_source_xyz" not in found[1], path


def test_the_what_if_page_speaks_the_page_s_language(client: TestClient) -> None:
    response = client.post("/what-if", data={"scenario_text": SCENARIO}, headers=HTML)
    main = response.text[response.text.index("<main>"):response.text.index("</main>")]
    download = re.search(r'<button type="submit" id="download">(.*?)</button>', main, re.S)
    assert download and "report" in text(download[1]).lower()
    assert not CLI_WORDS.search(text(main)), CLI_WORDS.search(text(main))


# ------------------------------------------------------------------ a form over the limit

BIG = b"name: x\n#" + b"x" * (2 << 20)  # 2 MiB


def chunked(body: bytes) -> Iterator[bytes]:  # sent without a Content-Length
    for i in range(0, len(body), 1 << 16):
        yield body[i:i + (1 << 16)]


def multipart(data: bytes) -> bytes:
    return (b'--b\r\nContent-Disposition: form-data; name="file"; filename="big.yaml"\r\n'
            b"Content-Type: application/yaml\r\n\r\n" + data + b"\r\n--b--\r\n")


def error_box(markup: str) -> str:
    found = re.search(r'<div class="error" role="alert">(.*?)</div>', markup, re.S)
    assert found, markup[:2000]
    return text(found[1].replace("</p><p>", " "))


@pytest.mark.parametrize("path", ["/what-if", "/what-if/report"])
@pytest.mark.parametrize("length", [True, False], ids=["with-length", "chunked"])
def test_a_large_upload_from_a_browser_is_the_page_again(client: TestClient, path: str,
                                                          length: bool) -> None:
    body = multipart(BIG)
    response = client.post(path, content=body if length else chunked(body), headers={
        **HTML, "content-type": "multipart/form-data; boundary=b"})
    assert response.status_code == 413
    assert response.headers["content-type"].startswith("text/html")
    assert "default-src 'self'" in response.headers["content-security-policy"]
    said = error_box(response.text)
    assert "the uploaded file, or the pasted scenario, is over 1 MiB" in said
    assert "1,048,576 bytes" in said and not CLI_WORDS.search(said)
    assert "request body" not in said
    # the way back: the What-if form itself, and every page
    assert 'id="what-if-form"' in response.text and 'href="/what-if"' in response.text


def test_a_large_form_to_another_page(client: TestClient) -> None:
    response = client.post("/state", content=multipart(BIG), headers={
        **HTML, "content-type": "multipart/form-data; boundary=b"})
    assert response.status_code == 413
    assert response.headers["content-type"].startswith("text/html")
    assert "the form is over 1 MiB" in error_box(response.text)
    assert 'href="/what-if"' in response.text and 'href="/"' in response.text


@pytest.mark.parametrize("headers", [HTML, {}, {"accept": "application/json"}])
def test_the_api_keeps_json_for_a_large_body(client: TestClient,
                                             headers: dict[str, str]) -> None:
    for body in (BIG, chunked(BIG)):
        response = client.post("/api/what-if", content=body, headers={
            **headers, "content-type": "application/yaml"})
        assert response.status_code == 413
        assert response.headers["content-type"].startswith("application/json")
        assert "over 1,048,576 bytes" in response.json()["error"]


def test_a_client_that_does_not_ask_for_a_page_gets_json(client: TestClient) -> None:
    response = client.post("/what-if", content=multipart(BIG),
                           headers={"content-type": "multipart/form-data; boundary=b"})
    assert response.status_code == 413
    assert response.headers["content-type"].startswith("application/json")


# ------------------------------------------------------------------ in a real browser

def test_a_large_upload_in_the_browser(browser: Any, base: str,  # noqa: F811
                                       tmp_path: Any) -> None:
    big = tmp_path / "big.yaml"
    big.write_bytes(BIG)
    context = browser.new_context()  # not `page`: the 413 is a console error there
    try:
        tab = context.new_page()
        tab.set_default_timeout(15_000)
        tab.goto(base + "/what-if")
        tab.set_input_files("input[name=file]", str(big))
        with tab.expect_navigation() as navigation:
            tab.click("#run")
        assert navigation.value.status == 413
        said = tab.inner_text("div.error")
        assert "the uploaded file, or the pasted scenario, is over 1 MiB" in said
        assert tab.is_visible("#what-if-form")  # back on the page, to choose another file
        assert "{" not in tab.inner_text("main")[:40]  # no JSON body
    finally:
        context.close()


def test_a_source_reference_leads_to_its_entry(page: Any, base: str) -> None:  # noqa: F811
    page.goto(base + "/state/LVA")
    page.click("#record a.source-ref >> nth=0")
    assert page.url.endswith("#source-depositary_parties")
    entry = page.locator("#sources li[id='source-depositary_parties']")
    assert entry.is_visible()
    href = entry.locator("a").first.get_attribute("href")
    assert href == shipped_record().source_of("depositary_parties")["url"]


def test_the_applying_instrument_s_source_has_its_list_s_date(client: TestClient) -> None:
    """The United States to Brazil, war crimes, extradition rests on the Geneva Conventions:
    their source (the ICRC's database) is listed with the date of the list of parties the
    record holds, as the State page gives it, in the API, the Ask page and the CLI alike."""
    record = shipped_record()
    fw = record.framework
    assert fw is not None
    as_of = fw.instruments["geneva-1949"].as_of
    assert as_of
    doc = client.get("/api/legal-basis", params={
        "from": "USA", "to": "BRA", "crime": "war-crimes", "kind": "extradition"}).json()
    [icrc] = [s for s in doc["sources"] if s["id"] == "icrc_ihl"]
    assert icrc["as_of"] == as_of
