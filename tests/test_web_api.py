"""The web API as a contract (issue 9): the same question gives byte for byte the JSON of the
CLI's `--format json`; every error is JSON with the status its kind of error maps to; hostile
input is refused and runs nothing; every response carries the security headers; the pages
work without JavaScript and the documentation site is served with a page per instrument."""

from __future__ import annotations

import json
import re
import time
import urllib.parse
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from clirun import run
from fastapi.testclient import TestClient

from mla_rules.web import app, service

BELGIUM = """name: Belgium ratifies
description: what if Belgium ratified in July 2026
date: 2027-01-01
events:
  - {state: BEL, type: ratification, date: 2026-07-15}
  - {state: BEL, type: declaration, annexes: [H], date: 2026-07-15}
"""
THRESHOLD = "name: threshold 15\nparameters:\n  entry_into_force_threshold: 15\n"
CODE_LIKE = ["__import__('os').system('touch {marker}')", "{{7*7}}", "${jndi:ldap://x}",
             "$(touch {marker})", "'; DROP TABLE events; --", "<script>alert(1)</script>",
             "../../etc/passwd", "!!python/object/apply:os.system ['touch {marker}']",
             "%s%s%n", "\x00", "\u202e\u200bLVA", "A" * 5000, "-1", "1e309"]
QUESTIONS = [("LVA", "NLD", "genocide", "mla", "2026-11-28"),
             ("Latvia", "Netherlands", "genocide", "extradition", "2026-11-28"),
             ("LVA", "BEL", "genocide", "mla", "2026-11-28"),
             ("Pays-Bas", "Lettonie", "war crimes", "mla", "2027-03-01"),
             ("FRA", "JPN", "torture", "mla", "2026-11-28"),
             ("LVA", "NLD", "annex-h", "extradition", "2025-12-15")]


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


@pytest.fixture()
def belgium(tmp_path: Path) -> Path:
    path = tmp_path / "belgium.yaml"
    path.write_text(BELGIUM, encoding="utf-8")
    return path


def secure(response: Any) -> None:
    assert "default-src 'self'" in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"


def error(response: Any, status: int, *words: str) -> str:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert isinstance(body["error"], str) and body["error"]
    for word in words:
        assert word in body["error"] + body.get("hint", ""), body
    assert "Traceback" not in response.text
    secure(response)
    return str(body["error"])


# ------------------------------------------------------------------ the same bytes as the CLI

@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: "-".join(q))
def test_can_request_and_legal_basis_are_the_clis_json(
        client: TestClient, capsys: pytest.CaptureFixture[str],
        question: tuple[str, str, str, str, str]) -> None:
    frm, to, crime, kind, on = question
    params = {"from": frm, "to": to, "crime": crime, "kind": kind, "on": on}
    argv = ["--from", frm, "--to", to, "--crime", crime, "--kind", kind, "--on", on,
            "--format", "json"]
    for path, command in (("/api/can-request", "can-request"),
                          ("/api/legal-basis", "legal-basis")):
        code, out, _ = run(capsys, command, *argv)
        response = client.get(path, params=params)
        assert response.status_code == 200, response.text  # a "no" is an answer too
        assert response.content == out.encode("utf-8"), path
        assert response.json()["applies"] is (code == 0)
        secure(response)


def test_legal_basis_with_committed_and_status_are_the_clis_json(
        client: TestClient, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "legal-basis", "--from", "FRA", "--to", "DEU", "--crime",
                    "genocide", "--kind", "extradition", "--committed", "1990-05-01",
                    "--on", "2026-11-28", "--format", "json")
    response = client.get("/api/legal-basis", params={
        "from": "FRA", "to": "DEU", "crime": "genocide", "kind": "extradition",
        "committed": "1990-05-01", "on": "2026-11-28"})
    assert response.content == out.encode("utf-8")
    for state in ("Latvia", "NLD", "Côte d'Ivoire"):
        _, out, _ = run(capsys, "status", state, "--on", "2026-11-28", "--format", "json")
        response = client.get(f"/api/status/{state}", params={"on": "2026-11-28"})
        assert response.status_code == 200 and response.content == out.encode("utf-8")


def test_defaults_are_the_clis(client: TestClient, capsys: pytest.CaptureFixture[str]) -> None:
    """kind defaults to mla and on to today, as on the command line."""
    _, out, _ = run(capsys, "can-request", "--from", "LVA", "--to", "NLD", "--crime",
                    "genocide", "--format", "json")
    response = client.get("/api/can-request?from=LVA&to=NLD&crime=genocide")
    assert response.content == out.encode("utf-8")
    assert response.json()["kind"] == "mla"


def test_matrix_is_the_clis_json_and_pages(client: TestClient,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "matrix", "--on", "2026-11-28", "--format", "json")
    whole = client.get("/api/matrix", params={"on": "2026-11-28", "limit": 100000})
    assert whole.content == out.encode("utf-8")
    relations = whole.json()["relations"]
    assert int(whole.headers["x-total-count"]) == len(relations) > 2
    page = client.get("/api/matrix", params={"on": "2026-11-28", "limit": 2, "offset": 1})
    assert page.json()["relations"] == relations[1:3]
    assert page.json()["counts"] == whole.json()["counts"]  # counts are the whole network's
    _, out, _ = run(capsys, "matrix", "--on", "2026-11-28", "--crime", "aggression",
                    "--kind", "mla", "--format", "json")
    assert client.get("/api/matrix", params={"on": "2026-11-28", "crime": "aggression",
                                             "kind": "mla"}).content == out.encode("utf-8")
    netherlands = client.get("/api/matrix", params={"on": "2026-11-28", "state": "NLD"})
    rows = netherlands.json()["relations"]
    assert rows and all("NLD" in (r["requesting"], r["requested"]) for r in rows)
    assert int(netherlands.headers["x-total-count"]) == len(rows)
    assert rows == [r for r in relations if "NLD" in (r["requesting"], r["requested"])]


def test_gap_is_the_clis_json_and_pages(client: TestClient,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    args = {"on": "2026-11-28", "crime": "genocide", "kind": "extradition", "state": "LVA"}
    _, out, _ = run(capsys, "gap", "--on", "2026-11-28", "--crime", "genocide", "--kind",
                    "extradition", "--state", "LVA", "--format", "json")
    whole = client.get("/api/gap", params={**args, "limit": 100000})
    assert whole.content == out.encode("utf-8")
    rows = whole.json()["rows"]
    assert int(whole.headers["x-total-count"]) == len(rows) == 2 * 196
    assert all("LVA" in (r["requesting"], r["requested"]) for r in rows)
    page = client.get("/api/gap", params={**args, "limit": 3, "offset": 5})
    assert page.json()["rows"] == rows[5:8]
    default = client.get("/api/gap", params={"on": "2026-11-28", "crime": "genocide"})
    assert len(default.json()["rows"]) == 1000  # no response carries the whole world
    assert int(default.headers["x-total-count"]) == 197 * 196 * 2
    assert client.get("/api/gap", params={"state": "Aruba"}).status_code == 400


def test_matrix_has_a_default_page_size(client: TestClient) -> None:
    """A world where every State ratified has over a million relations: no response carries
    them all unless asked, page by page."""
    events = [{"state": code, "type": "accession", "date": "2026-01-10"}
              for code in ("SEN", "DEU", "FRA", "ESP", "ITA", "POL", "CZE", "AUT", "HUN",
                           "ROU", "BGR", "GRC", "PRT", "IRL", "DNK", "SWE", "FIN", "EST",
                           "LTU", "HRV", "SVK", "CYP", "MLT", "LUX", "CHE", "NOR", "ISL")]
    body = {"name": "many", "date": "2027-01-01", "events": events}
    response = client.post("/api/what-if", json=body)
    assert response.status_code == 200 and len(response.json()["gained"]) > 1000
    # the matrix of the shipped record is small; its paging is checked above


def test_what_if_is_the_clis_json(client: TestClient, capsys: pytest.CaptureFixture[str],
                                  belgium: Path, tmp_path: Path) -> None:
    import yaml

    _, out, _ = run(capsys, "what-if", str(belgium), "--format", "json", "--explain", "2")
    expected = out.replace(str(belgium), service.BODY_LABEL).encode("utf-8")
    as_yaml = client.post("/api/what-if?explain=2", content=BELGIUM,
                          headers={"content-type": "application/yaml"})
    assert as_yaml.status_code == 200, as_yaml.text
    assert as_yaml.content == expected
    assert as_yaml.json()["explanations"] and as_yaml.json()["gained"]
    doc = json.loads(json.dumps(yaml.safe_load(BELGIUM), default=str))
    as_json = client.post("/api/what-if", params={"explain": 2}, json=doc)
    assert as_json.content == expected
    # Two scenarios compared, as `--against`, and the other formats.
    other = tmp_path / "threshold.yaml"
    other.write_text(THRESHOLD, encoding="utf-8")
    _, out, _ = run(capsys, "what-if", str(belgium), "--against", str(other), "--on",
                    "2027-06-01", "--format", "json")
    both = client.post("/api/what-if?on=2027-06-01", json={
        "scenario": doc, "against": yaml.safe_load(THRESHOLD)})
    assert both.content == out.encode("utf-8") and both.json()["against"] == "threshold 15"
    assert both.json()["on_top_of"] is None
    _, out, _ = run(capsys, "what-if", str(belgium), "--on-top-of", str(other), "--on",
                    "2027-06-01", "--format", "json")
    on_top = client.post("/api/what-if?on=2027-06-01", json={
        "scenario": doc, "on_top_of": yaml.safe_load(THRESHOLD)})
    assert on_top.content == out.encode("utf-8")
    assert on_top.json()["on_top_of"] == on_top.json()["against"] == "threshold 15"
    _, out, _ = run(capsys, "what-if", str(belgium), "--format", "csv")
    csv = client.post("/api/what-if?format=csv", content=BELGIUM)
    assert csv.content == out.encode("utf-8")
    assert csv.headers["content-type"].startswith("text/csv")
    report = tmp_path / "report.html"
    run(capsys, "what-if", str(belgium), "--format", "html", "--output", str(report))
    html = client.post("/api/what-if?format=html", content=BELGIUM)
    assert html.content == report.read_bytes()
    secure(html)


# ------------------------------------------------------------------ statuses

def test_usage_errors_are_400(client: TestClient) -> None:
    base = {"from": "LVA", "to": "NLD", "crime": "genocide"}
    error(client.get("/api/can-request", params={"from": "LVA"}), 400, "to", "crime")
    error(client.get("/api/can-request", params={**base, "kind": "both"}), 400, "kind")
    error(client.get("/api/can-request", params={**base, "on": "2026-02-30"}), 400,
          "not a real date")
    error(client.get("/api/can-request", params={**base, "on": "tomorrow"}), 400, "YYYY-MM-DD")
    error(client.get("/api/can-request", params={**base, "to": "Latvia"}), 400, "both Latvia")
    error(client.get("/api/can-request", params={**base, "to": "Netherland"}), 400,
          "unknown requested State", "Did you mean")
    error(client.get("/api/legal-basis", params={**base, "crime": "piracy"}), 400,
          "unknown crime")
    error(client.get("/api/legal-basis", params={**base, "committed": "1990"}), 400,
          "committed")
    error(client.get("/api/status/Atlantis"), 400, "unknown State")
    error(client.get("/api/matrix", params={"limit": 0}), 400, "limit")
    error(client.get("/api/matrix", params={"limit": "many"}), 400, "limit")
    error(client.get("/api/matrix", params={"offset": -1}), 400, "offset")
    error(client.get("/api/matrix", params={"state": "Atlantis"}), 400, "unknown State")
    error(client.post("/api/what-if?explain=1000", content=BELGIUM), 400, "explain")
    error(client.post("/api/what-if?format=pdf", content=BELGIUM), 400, "format")
    other = {"name": "threshold 15", "parameters": {"entry_into_force_threshold": 15}}
    error(client.post("/api/what-if", json={"scenario": {"name": "x"}, "against": other,
                                            "on_top_of": other}), 400, "together")
    later = {"name": "later", "date": "2027-09-01", "events": []}
    error(client.post("/api/what-if", json={"scenario": {"name": "x", "date": "2027-01-01"},
                                            "against": later}), 400,
          "dated 2027-01-01", "?on=")


def test_scenario_data_errors_are_422(client: TestClient) -> None:
    error(client.post("/api/what-if", content=b""), 422, "(request body)", "is empty")
    error(client.post("/api/what-if", content="name: x\nevents:\n  - {state: BEL}\n"), 422,
          "(request body), event 1")
    error(client.post("/api/what-if", content="name: [unclosed\n"), 422, "invalid YAML")
    error(client.post("/api/what-if", content="name: x\nname: y\n"), 422, "duplicate key")
    error(client.post("/api/what-if", json=[1, 2]), 422, "must be a scenario")
    error(client.post("/api/what-if", content=b"{", headers={"content-type":
                                                             "application/json"}),
          422, "invalid JSON")
    error(client.post("/api/what-if", content=b"\xff\xfe", headers={"content-type":
                                                                    "application/json"}),
          422, "UTF-8")
    error(client.post("/api/what-if", json={"scenario": {"name": "x"}, "extra": 1}), 422,
          "unknown key")
    error(client.post("/api/what-if", json={"name": "x", "events": [
        {"state": "BEL", "type": "ratification", "date": "2026-02-30"}]}), 422, "event 1")
    deep = "[" * 100_000 + "]" * 100_000
    error(client.post("/api/what-if", content=deep, headers={"content-type":
                                                             "application/json"}), 422)


def test_too_large_is_413_within_two_seconds(client: TestClient) -> None:
    many = "name: x\nevents:\n" + "  - {state: LVA, type: denunciation, date: 2027-01-01}\n" \
        * 5001
    start = time.monotonic()
    error(client.post("/api/what-if", content=many), 413, "5,001 events")
    assert time.monotonic() - start < 2
    start = time.monotonic()
    events = [{"state": "LVA", "type": "denunciation", "date": "2027-01-01"}] * 5001
    error(client.post("/api/what-if", json={"scenario": {"name": "x", "events": events}}),
          413, "5,000")
    assert time.monotonic() - start < 2
    error(client.post("/api/what-if", content=b"name: x\n#" + b"x" * (1 << 20)), 413,
          "1,048,576")

    def chunks() -> Iterator[bytes]:  # no Content-Length: counted as it arrives
        for _ in range(40):
            yield b"#" + b"x" * 65535

    error(client.post("/api/what-if", content=chunks()), 413)


def test_yaml_bomb_is_refused_within_two_seconds(client: TestClient) -> None:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    bomb = "\n".join(lines) + "\nname: bomb\nevents: *a9\n"
    start = time.monotonic()
    response = client.post("/api/what-if", content=bomb,
                           headers={"content-type": "application/yaml"})
    assert response.status_code in (413, 422)
    error(response, response.status_code, "expands to more than")
    assert time.monotonic() - start < 2


def test_unknown_paths_are_json_404(client: TestClient) -> None:
    for path in ("/nope", "/api/nope", "/api/status", "/docs/nope.html", "/docs/../setup.py",
                 "/static/nope.js"):
        error(client.get(path), 404)
    error(client.delete("/api/can-request"), 405)


def test_a_bug_is_a_json_500_without_traceback(client: TestClient,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(wait: float | None = None) -> None:
        raise RuntimeError("secret internals")

    monkeypatch.setattr(service, "engine", broken)
    response = client.get("/api/can-request?from=LVA&to=NLD&crime=genocide")
    error(response, 500, "internal error")
    assert "secret internals" not in response.text


# ------------------------------------------------------------------ hostile input

@pytest.mark.parametrize("payload", CODE_LIKE, ids=range(len(CODE_LIKE)))
def test_code_as_input_is_refused_and_runs_nothing(client: TestClient, tmp_path: Path,
                                                   payload: str) -> None:
    marker = tmp_path / "pwned"
    payload = payload.replace("{marker}", str(marker))
    base = {"from": "LVA", "to": "NLD", "crime": "genocide", "on": "2026-11-28"}
    for key in ("from", "to", "crime", "on", "kind"):
        for path in ("/api/can-request", "/api/legal-basis"):
            error(client.get(path, params={**base, key: payload}), 400)
    quoted = urllib.parse.quote(payload, safe="")
    # a "/" in a path parameter makes another path: 404; anything else is an unknown State
    error(client.get("/api/status/" + quoted), 404 if "/" in payload else 400)
    error(client.get("/api/matrix", params={"state": payload}), 400)
    error(client.post("/api/what-if", json={"name": payload, "events": [
        {"state": payload, "type": "accession", "date": "2026-01-01"}]}), 422)
    escaped = payload.replace("\\", "\\\\").replace('"', '\\"').replace("\x00", "\\0")
    error(client.post("/api/what-if", content=f'name: x\nevents:\n  - {{state: "{escaped}", '
                      "type: accession, date: 2026-01-01}\n"), 422)
    page = client.get("/", params={**base, "from": payload})
    assert page.status_code == 400 and "<script>alert" not in page.text
    assert not marker.exists()


@pytest.mark.parametrize("content", [
    "name: !!python/object/apply:os.system ['touch {marker}']\n",
    "%TAG ! tag:yaml.org,2002:python/\n---\nname: !object:os.system x\n",
    "name: &a [*a]\n",
    "name: x\nevents: !!binary aGVsbG8=\n",
])
def test_hostile_yaml_is_refused_and_runs_nothing(client: TestClient, tmp_path: Path,
                                                  content: str) -> None:
    marker = tmp_path / "pwned"
    error(client.post("/api/what-if", content=content.replace("{marker}", str(marker))), 422)
    assert not marker.exists()


# ------------------------------------------------------------------ headers, description

def test_every_response_carries_the_security_headers(client: TestClient) -> None:
    for response in (client.get("/"), client.get("/static/style.css"),
                     client.get("/openapi.json"), client.get("/api/docs"),
                     client.get("/docs/index.html"), client.get("/nope"),
                     client.get("/api/can-request"),
                     client.post("/api/what-if", content=b"x" * (2 << 20))):
        secure(response)
    csp = client.get("/").headers["content-security-policy"]
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp and "http" not in csp


def test_openapi_lists_every_status_with_the_error_schema(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert spec["openapi"].startswith("3.")
    assert spec["components"]["schemas"]["Error"]["required"] == ["error"]
    paths = spec["paths"]
    for path in ("/api/can-request", "/api/legal-basis", "/api/status/{state}", "/api/matrix",
                 "/api/what-if", "/api/suggest"):
        for op in paths[path].values():
            for status in ("400", "404", "default"):
                schema = op["responses"][status]["content"]["application/json"]["schema"]
                assert schema == {"$ref": "#/components/schemas/Error"}, (path, status)
            assert "422" not in op["responses"] or "HTTPValidationError" not in str(op)
    what_if = paths["/api/what-if"]["post"]
    assert {"200", "400", "413", "422"} <= set(what_if["responses"])
    assert {"application/yaml", "application/json"} <= set(what_if["requestBody"]["content"])
    two = spec["components"]["schemas"]["WhatIfBody"]["oneOf"][1]
    assert {"scenario", "against", "on_top_of"} <= set(two["properties"])
    assert "on_top_of" in what_if["description"]
    assert not any(p.startswith(("/what-if", "/state", "/docs")) for p in paths)
    docs = client.get("/api/docs")
    assert docs.status_code == 200 and "GET /api/can-request" in docs.text
    assert not re.search(r"(src|href)=\"(https?:)?//", docs.text), "nothing from a CDN"


# ------------------------------------------------------------------ pages without JavaScript

def test_ask_page_answers_with_a_shareable_url(client: TestClient) -> None:
    page = client.get("/", params={"from": "Lettonie", "to": "Países Bajos",
                                   "crime": "genocide", "on": "2026-11-28"})
    assert page.status_code == 200
    assert "YES — the Convention governs a request for mutual legal assistance from Latvia " \
           "to Netherlands" in page.text
    assert 'href="/?from=LVA&amp;to=NLD&amp;crime=genocide&amp;kind=mla&amp;on=2026-11-28"' \
        in page.text
    assert "<details" in page.text and "The instrument to cite" in page.text
    assert 'href="/memo?from=LVA&amp;to=NLD' in page.text  # the memo to file
    assert "interpretation" in page.text  # the unverified premises
    no = client.get("/", params={"from": "LVA", "to": "BEL", "crime": "genocide",
                                 "on": "2026-11-28"})
    assert "NO — the Convention does not govern" in no.text
    assert "Belgium has deposited no instrument" in no.text
    bad = client.get("/", params={"from": "LVA", "to": "Atlantis", "crime": "genocide"})
    assert bad.status_code == 400 and "unknown requested State" in bad.text
    assert "<form" in bad.text  # the form is shown again to correct it


def test_state_page(client: TestClient) -> None:
    page = client.get("/state/LVA", params={"on": "2026-11-28"})
    assert page.status_code == 200
    assert "Latvia (LVA)" in page.text and "2025-08-28" in page.text
    assert "In force for it from: 1 December 2025" in page.text
    moved = client.get("/state", params={"code": "Lettonie"}, follow_redirects=False)
    assert moved.status_code == 303 and moved.headers["location"] == "/state/LVA"
    assert client.get("/state/Atlantis").status_code == 400


def test_what_if_page_from_the_form_and_its_report(client: TestClient,
                                                   capsys: pytest.CaptureFixture[str],
                                                   belgium: Path, tmp_path: Path) -> None:
    form = {"name": "Belgium ratifies", "on": "2027-01-01", "state": ["BEL", "BEL", ""],
            "type": ["ratification", "declaration", "ratification"],
            "event_date": ["2026-07-15", "2026-07-15", ""], "annexes": ["", "H", ""],
            "parts": ["", "", ""], "instrument": ["", "", ""]}
    page = client.post("/what-if", data=form)
    assert page.status_code == 200, page.text
    assert "&#39;Belgium ratifies&#39; opens" in page.text
    assert 'title="Belgium → Latvia: both kinds"' in page.text  # the grid
    assert "The gap before and after" in page.text and "close a gap" in page.text
    assert page.text.count('<svg xmlns="http://www.w3.org/2000/svg"') == 2  # the two maps
    uploaded = client.post("/what-if", data={"on": "2027-01-01"},
                           files={"file": ("belgium.yaml", BELGIUM.encode(), "text/yaml")})
    assert "Belgium ratifies" in uploaded.text and "opens" in uploaded.text
    pasted = client.post("/what-if", data={"scenario_text": "name: x\nevents: [1]\n"})
    assert pasted.status_code == 422 and "the pasted scenario, event 1" in pasted.text
    assert "(request body)" not in pasted.text
    empty = client.post("/what-if", data={"name": "nothing"})
    assert empty.status_code == 400 and "no scenario" in empty.text
    report = tmp_path / "report.html"
    run(capsys, "what-if", str(belgium), "--format", "html", "--output", str(report))
    download = client.post("/what-if/report", data={"scenario_text": BELGIUM})
    assert download.status_code == 200
    assert download.headers["content-disposition"].startswith("attachment")
    assert download.content == report.read_bytes()


def test_suggestions_in_three_languages(client: TestClient) -> None:
    def values(q: str, what: str = "state") -> list[str]:
        response = client.get("/api/suggest", params={"q": q, "what": what})
        assert response.status_code == 200
        return [s["value"] for s in response.json()]

    assert "NLD" in values("Pays-B") and "NLD" in values("paises baj")
    assert "NLD" in values("Nether") and values("LV")[0] == "LVA"
    assert "CIV" in values("cote d")
    assert values("tortu", "crime") == ["annex-f"] and "annex-h" in values("aggr", "crime")
    assert values("zzzz") == []
    error(client.get("/api/suggest", params={"q": "x" * 500}), 400)


def test_documentation_site_is_served_with_a_page_per_instrument(client: TestClient) -> None:
    from mla_rules.questions.context import shipped_record

    record = shipped_record()
    index = client.get("/docs/index.html")
    assert index.status_code == 200 and "Instruments of the catalogue" in index.text
    assert client.get("/docs", follow_redirects=False).status_code == 307
    assert record.framework is not None
    for inst in record.framework.instruments.values():
        name = f"instrument-{inst.id}.html"
        assert f'href="{name}"' in index.text
        page = client.get(f"/docs/{name}")
        assert page.status_code == 200, name
        text = page.text
        assert inst.title.split()[0] in text and inst.depositary in text
        assert ("complete" if inst.complete else "partial") in text
        for clause in inst.clauses:
            assert clause.provision in text and clause.nature in text
        if inst.convention:
            assert record.as_of in text
            continue
        assert (inst.as_of or "—") in text
        for e in [e for e in record.framework.events if e.instrument == inst.id][:20]:
            assert e.date in text and record.states.get(e.state).name in text
            assert e.source is None or e.source in text


def test_choices_are_taken_in_any_case_on_the_api_and_the_pages(client: TestClient) -> None:
    """kind, format and what, as the command line takes `--kind Extradition`; the other
    parameters (a State's name with its accent) are left as they were sent."""
    asked = "/api/can-request?from=C%C3%B4te%20d%27Ivoire&to=FRA&crime=genocide&kind={}"
    lower = client.get(asked.format("extradition"))
    assert lower.status_code == 200, lower.text
    for kind in ("Extradition", "EXTRADITION"):
        r = client.get(asked.format(kind))
        assert r.status_code == 200, r.text
        assert r.json() == lower.json() and r.json()["requesting"] == "CIV"
    page = client.get("/?from=France&to=Germany&crime=genocide&kind=EXTRADITION")
    assert page.status_code == 200, page.text
    assert page.text == client.get("/?from=France&to=Germany&crime=genocide&kind=extradition"
                                   ).text
    csv = client.post("/api/what-if?format=CSV", content=BELGIUM,
                      headers={"content-type": "application/yaml"})
    assert csv.status_code == 200 and csv.headers["content-type"].startswith("text/csv")
    assert client.get("/api/suggest?q=Fr&what=State").json()[0]["value"] == "FRA"
    error(client.get(asked.format("Nope")), 400, "kind")


def test_crime_suggestions_read_what_the_crime_field_accepts(client: TestClient) -> None:
    """As resolve_crime does (record.crime_keys): with its article, 'le crime de' …"""
    def values(q: str) -> list[str]:
        return [s["value"] for s in client.get("/api/suggest",
                                               params={"q": q, "what": "crime"}).json()]

    assert values("l'annexe G") == ["annex-g"]
    assert values("el anexo") and set(values("el anexo")) <= {f"annex-{x}" for x in "abcdefgh"}
    assert values("le crime de génocide") == ["genocide"]
    assert values("los crímenes de lesa") == ["crimes-against-humanity"]
