"""The pages in a real browser (issue 9): the system Chromium, driven by Playwright over the
DevTools protocol (no browser download), against a real `mla serve` on 127.0.0.1. A person
fills the Ask form, submits it and reads the verdict; builds a what-if from the form and
downloads its report."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from webserver import serve


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    with serve() as url:
        yield url


@pytest.fixture()
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(accept_downloads=True)
    errors: list[str] = []
    page = context.new_page()
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.set_default_timeout(15_000)
    yield page
    context.close()
    assert not errors, errors  # no script error, no CSP violation


def test_ask_form_gives_the_verdict(page: Any, base: str) -> None:
    page.goto(base + "/")
    page.fill("input[name=from]", "Lettonie")
    page.fill("input[name=to]", "Netherlands")
    page.fill("input[name=crime]", "genocide")
    page.fill("input[name=on]", "2026-11-28")
    page.click("button[type=submit]")
    page.wait_for_selector("#lead")
    # the adviser's question first: the instrument to cite, then the Convention's verdict
    assert page.inner_text("#lead").startswith(
        "YES — base the request on the Ljubljana – The Hague Convention, Part III")
    assert "marked decisive below" in page.inner_text("#lead")
    assert page.inner_text("#verdict").startswith(
        "YES — the Convention governs a request for mutual legal assistance from Latvia to "
        "Netherlands for Genocide on 28 November 2026")
    assert "from=Lettonie" in page.url and "to=Netherlands" in page.url  # a shareable URL
    assert page.get_attribute("p.share a", "href") == \
        "/?from=LVA&to=NLD&crime=genocide&kind=mla&on=2026-11-28"
    assert page.is_visible("#governs") and page.is_visible("#sources")
    assert not page.is_visible("#not-applying li")  # folded
    page.click("#trace > summary")
    assert page.is_visible("#trace details[open] > summary")
    # the memo to file, from the answer's link: served with its own stylesheet (no CSP error)
    page.click("#memo-link")
    page.wait_for_selector("#lead")
    assert page.inner_text("h1").startswith("Memo to file")
    assert "the Ljubljana – The Hague Convention, Part III" in page.inner_text("#governs")
    # the answer to another question, from the shared URL: a treaty basis though the
    # Convention does not govern (Germany to Ukraine, war crimes, extradition)
    page.goto(base + "/?from=DEU&to=UKR&crime=war-crimes&kind=extradition&on=2026-11-28")
    assert page.inner_text("#lead").startswith(
        "YES — base the request on the European Convention on Extradition (ETS 24), Art. 1")
    assert page.inner_text("#verdict").startswith("NO — ")


def test_suggestions_as_you_type(page: Any, base: str) -> None:
    page.goto(base + "/")
    page.locator("input[name=to]").press_sequentially("Pays-B", delay=20)
    suggestion = page.locator("ul.suggestions button", has_text="Netherlands")
    suggestion.first.click()
    assert page.input_value("input[name=to]") == "NLD"


def test_what_if_from_the_form(page: Any, base: str, tmp_path: Path) -> None:
    page.goto(base + "/what-if")
    page.fill("input[name=name]", "Belgium ratifies")
    page.fill("input[name=on]", "2027-01-01")
    rows = page.locator("tr.event-row")
    rows.nth(0).locator("input[name=state]").fill("BEL")
    rows.nth(0).locator("select[name=type]").select_option("ratification")
    rows.nth(0).locator("input[name=event_date]").fill("2026-07-15")
    page.click("#add-event")  # the script adds a row
    count = page.locator("tr.event-row").count()
    last = page.locator("tr.event-row").nth(count - 1)
    last.locator("input[name=state]").fill("BEL")
    last.locator("select[name=type]").select_option("declaration")
    last.locator("input[name=event_date]").fill("2026-07-15")
    last.locator("input[name=annexes]").fill("H")
    # what the page shows once the form is sent, kept across the navigation to the answer
    # (this listener runs after the page's own, which sets the busy state)
    page.evaluate("""document.getElementById("what-if-form").addEventListener("submit", () => {
        const form = document.getElementById("what-if-form");
        sessionStorage.setItem("busy", JSON.stringify({
            status: form.querySelector(".busy")?.textContent, busy: form.ariaBusy,
            disabled: document.getElementById("run").disabled,
            label: document.getElementById("run").textContent}));
    })""")
    page.click("#run")
    page.wait_for_selector("#account")
    seen = json.loads(page.evaluate("sessionStorage.getItem('busy')"))
    assert seen == {"status": "Computing what the scenario changes…", "busy": "true",
                    "disabled": True, "label": "Working…"}
    account = page.inner_text("#account")
    assert "'Belgium ratifies' opens" in account and "Belgium" in account
    assert page.locator('td[title="Belgium → Latvia: both kinds"]').count() >= 1
    with page.expect_download() as info:
        page.click("#download")
    report = tmp_path / "report.html"
    info.value.save_as(report)
    text = report.read_text(encoding="utf-8")
    assert "<h1>What if: Belgium ratifies</h1>" in text and "opens" in text
