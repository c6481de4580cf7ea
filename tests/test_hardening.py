"""Operable and hardened (issue 16): /healthz and /readyz; HEAD wherever GET is; the Host
check against DNS rebinding; cross-site POSTs (and the costly GETs) refused; no text/plain or
form body on the API; impossible /docs names are 404s; CSV outputs a spreadsheet cannot run;
every file read with a size limit (`mla what-if /dev/zero` is one line, exit 3)."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from webserver import ROOT, serve

from mla_rules.errors import DataError
from mla_rules.network.gap import Row
from mla_rules.network.matrix import Relation
from mla_rules.present.csvsafe import safe_cell, safe_row
from mla_rules.present.documents import what_if_csv
from mla_rules.present.gap import gap_csv
from mla_rules.record import yamlfile
from mla_rules.record.importers import read_bytes
from mla_rules.web import app, application

SCENARIO = """name: Belgium ratifies
events:
  - {state: BEL, type: ratification, date: 2026-07-15}
"""
CAN_REQUEST = "/api/can-request?from=LVA&to=NLD&crime=genocide&on=2026-11-28"


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


def refused(response: httpx.Response, status: int, *words: str) -> dict[str, str]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    assert "default-src 'self'" in response.headers["content-security-policy"]
    body = response.json()
    for word in words:
        assert word in body["error"] + body.get("hint", ""), body
    return dict(body)


def asgi(method: str, path: str, headers: dict[str, str],
         server: tuple[str, int] | None) -> tuple[int, dict[str, str], bytes]:
    """One request straight to the ASGI app, with the scope["server"] a real server gives."""
    import asyncio

    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1",
             "method": method, "scheme": "http", "path": path, "raw_path": path.encode(),
             "query_string": b"", "root_path": "", "server": server,
             "client": ("127.0.0.1", 50000),
             "headers": [(k.lower().encode(), v.encode()) for k, v in headers.items()]}
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    asyncio.run(app(scope, receive, send))
    start = sent[0]
    return (start["status"], {k.decode(): v.decode() for k, v in start["headers"]},
            b"".join(m.get("body", b"") for m in sent[1:]))


# ------------------------------------------------------------------ health and readiness

def test_healthz_and_readyz(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200 and ready.json() == {"status": "ready"}
    assert ready.headers["cache-control"] == "no-store"
    assert "/healthz" not in client.get("/openapi.json").json()["paths"]


def test_readyz_is_503_until_the_engines_are_warm(client: TestClient,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    busy = threading.Lock()
    busy.acquire()  # a warm-up under way
    monkeypatch.setattr(application, "READY", threading.Event())
    monkeypatch.setattr(application, "_warming", busy)
    response = client.get("/readyz")
    assert response.status_code == 503 and response.json() == {"status": "warming"}
    assert client.get("/healthz").status_code == 200  # alive all the same
    # served without the lifespan: the first probe starts the warm-up, a later one is ready
    monkeypatch.setattr(application, "_warming", threading.Lock())
    assert client.get("/readyz").status_code == 503
    deadline = time.monotonic() + 30
    while client.get("/readyz").status_code != 200:
        assert time.monotonic() < deadline
        time.sleep(0.05)


# ------------------------------------------------------------------ HEAD

@pytest.mark.parametrize("path", [CAN_REQUEST, "/", "/state/LVA", "/healthz", "/readyz",
                                  "/openapi.json", "/api/docs", "/static/app.js"])
def test_head_is_get_without_the_body(client: TestClient, path: str) -> None:
    get = client.get(path)
    head = client.head(path)
    assert get.status_code == head.status_code == 200, head.text
    assert head.content == b""
    assert head.headers["content-length"] == str(len(get.content))
    assert head.headers["content-type"] == get.headers["content-type"]
    assert head.headers["x-content-type-options"] == "nosniff"


def test_head_of_an_error_keeps_its_status(client: TestClient) -> None:
    assert client.head("/api/can-request?from=LVA").status_code == 400
    assert client.head("/nope").status_code == 404
    assert client.head("/api/what-if").status_code == 405
    assert client.head("/api/what-if").content == b""


# ------------------------------------------------------------------ the Host header

@pytest.mark.parametrize("host", ["evil.example", "evil.example:8000", "127.0.0.1.nip.io",
                                  "localhost.evil.example", "[::2]:8000", ""])
def test_an_unknown_host_is_refused(client: TestClient, host: str) -> None:
    body = refused(client.get(CAN_REQUEST, headers={"host": host}), 400, "host not allowed",
                   "MLA_ALLOWED_HOSTS")
    assert body["error"] == f"host not allowed: {host}"
    refused(client.post("/api/what-if", content=SCENARIO, headers={"host": host}), 400)


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.1:8000", "localhost", "LocalHost:80",
                                  "localhost.", "[::1]", "[::1]:8000", "testserver"])
def test_loopback_names_are_allowed(client: TestClient, host: str) -> None:
    assert client.get("/healthz", headers={"host": host}).status_code == 200


def test_allowed_hosts_from_the_environment(client: TestClient,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MLA_ALLOWED_HOSTS", " mla.ministry.example , [fd00::5]:443,")
    for host in ("mla.ministry.example", "MLA.ministry.example:8443", "[fd00::5]"):
        assert client.get("/healthz", headers={"host": host}).status_code == 200
    refused(client.get("/healthz", headers={"host": "other.example"}), 400)
    monkeypatch.setenv("MLA_ALLOWED_HOSTS", "*")
    assert client.get("/healthz", headers={"host": "other.example"}).status_code == 200


def test_the_bound_address_is_allowed_and_testserver_is_not() -> None:
    server = ("10.1.2.3", 8000)
    assert asgi("GET", "/healthz", {"host": "10.1.2.3:8000"}, server)[0] == 200
    assert asgi("GET", "/healthz", {"host": "localhost:8000"}, server)[0] == 200
    status, headers, body = asgi("GET", "/healthz", {"host": "testserver"}, server)
    assert status == 400 and json.loads(body)["error"] == "host not allowed: testserver"
    assert headers["x-frame-options"] == "DENY"
    assert asgi("GET", "/healthz", {"host": "[::1]:8000"}, ("::1", 8000))[0] == 200
    assert asgi("GET", "/healthz", {"host": "testserver"}, None)[0] == 200
    assert asgi("GET", "/healthz", {}, server)[0] == 200  # HTTP/1.0 without Host


# ------------------------------------------------------------------ cross-site requests

@pytest.mark.parametrize("headers", [
    {"origin": "http://evil.example"},
    {"origin": "http://testserver:3000"},  # another port: another origin
    {"origin": "https://testserver.evil.example"},
    {"origin": "null", "sec-fetch-site": "cross-site"},
    {"sec-fetch-site": "cross-site"},
    {"sec-fetch-site": "same-site"},  # e.g. another server on localhost
    {"referer": "http://evil.example/page.html"},
    {"origin": "not a url"},
], ids=lambda h: ";".join(f"{k}={v}" for k, v in h.items()))
def test_cross_site_posts_and_costly_gets_are_refused(client: TestClient,
                                                      headers: dict[str, str]) -> None:
    refused(client.post("/api/what-if", content=SCENARIO, headers=headers), 403,
            "cross-site request refused")
    refused(client.post("/what-if", data={"scenario_text": SCENARIO}, headers=headers), 403)
    refused(client.post("/what-if/report", data={"scenario_text": SCENARIO},
                        headers=headers), 403)
    refused(client.get("/api/matrix", headers=headers), 403)
    refused(client.get("/api/gap?limit=1", headers=headers), 403)
    head = client.head("/api/gap?limit=1", headers=headers)
    assert head.status_code == 403 and head.content == b""
    # a question costs little: a link from another site still works
    assert client.get(CAN_REQUEST, headers=headers).status_code == 200


@pytest.mark.parametrize("headers", [
    {},  # curl, a script
    {"origin": "http://testserver"},
    {"origin": "http://testserver:80", "sec-fetch-site": "same-origin"},
    {"origin": "null", "sec-fetch-site": "same-origin"},  # this server's own form posts
    {"origin": "null"},
    {"sec-fetch-site": "none"},  # typed in the address bar
    {"referer": "http://testserver/what-if"},
], ids=lambda h: ";".join(f"{k}={v}" for k, v in h.items()) or "none")
def test_same_origin_and_scripts_are_accepted(client: TestClient,
                                              headers: dict[str, str]) -> None:
    assert client.post("/api/what-if", content=SCENARIO, headers=headers).status_code == 200
    page = client.post("/what-if", data={"scenario_text": SCENARIO}, headers=headers)
    assert page.status_code == 200 and "Belgium ratifies" in page.text
    assert client.get("/api/gap?limit=1", headers=headers).status_code == 200


def test_origin_matches_the_host_and_port_sent() -> None:
    server = ("127.0.0.1", 8000)
    same = {"host": "127.0.0.1:8000", "origin": "http://127.0.0.1:8000"}
    assert asgi("GET", "/api/gap", same, server)[0] != 403
    for origin in ("http://localhost:8000", "http://127.0.0.1", "http://127.0.0.1:8001"):
        status, _, body = asgi("GET", "/api/gap", {**same, "origin": origin}, server)
        assert status == 403 and origin in json.loads(body)["error"]


# ------------------------------------------------------------------ media types

@pytest.mark.parametrize("media", ["text/plain", "text/plain; charset=utf-8",
                                   "application/x-www-form-urlencoded",
                                   "multipart/form-data; boundary=x", "TEXT/PLAIN"])
def test_text_and_form_bodies_are_refused_on_the_api(client: TestClient, media: str) -> None:
    refused(client.post("/api/what-if", content=SCENARIO, headers={"content-type": media}),
            415, "unsupported media type", "application/yaml", "application/json")


@pytest.mark.parametrize("media", ["application/yaml", "application/x-yaml", "text/yaml",
                                   "application/json"])
def test_yaml_and_json_bodies_are_read(client: TestClient, media: str) -> None:
    body = SCENARIO if "yaml" in media else json.dumps({"name": "Belgium ratifies", "events": [
        {"state": "BEL", "type": "ratification", "date": "2026-07-15"}]})
    response = client.post("/api/what-if", content=body, headers={"content-type": media})
    assert response.status_code == 200, response.text
    assert response.json()["scenario"] == "Belgium ratifies"


# ------------------------------------------------------------------ /docs names

@pytest.mark.parametrize("name", ["a" * 251 + ".html", "a" * 300, "A.html", "%C3%A9.html",
                                  "a%00.html", "a.html%00", ".html", "-a.html",
                                  "a" * 116 + ".html"])
def test_impossible_docs_names_are_404(client: TestClient, name: str) -> None:
    refused(client.get("/docs/" + name), 404)


# ------------------------------------------------------------------ CSV

@pytest.mark.parametrize(("cell", "written"), [
    ("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\""),
    ("+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"), ("-x", "'-x"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\tx", "'\tx"), ("\rx", "\"'\rx\""), ("-", "'-"), ("-3", "-3"), ("+1.5e3", "+1.5e3"),
    ("-0.5", "-0.5"), ("LVA", "LVA"), ("crimes-against-humanity", "crimes-against-humanity"),
    ("a,b", "\"a,b\""), ("", ""), (None, ""), (3, "3")])
def test_a_cell_a_spreadsheet_would_run_is_neutralised(cell: Any, written: str) -> None:
    assert safe_cell(cell) == written
    assert safe_row(["x", safe_cell(cell) if cell is None or isinstance(cell, int)
                     else cell]) == f"x,{written}\n"


def test_safe_rows_are_the_plain_rows_when_nothing_needs_it() -> None:
    assert safe_row(("LVA", "NLD", "genocide", "mla")) == "LVA,NLD,genocide,mla\n"
    assert safe_row(("-1", "-2")) == "-1,-2\n"
    assert safe_row(("a", "-b")) == "a,'-b\n"
    assert safe_row(("=a",)) == "'=a\n"


def test_the_csv_outputs_are_neutralised() -> None:
    hostile = Relation("=cmd", "+SUM(1)", "@x", "-y")
    diff = SimpleNamespace(gained=lambda: [hostile], lost=lambda: [])
    assert list(what_if_csv(diff))[1] == "gained,'=cmd,'+SUM(1),'@x,'-y\n"
    row = Row("LVA", "NLD", "genocide", "mla", ("=evil", "ok"), ())
    assert list(gap_csv(None, [row]))[1] == "LVA,NLD,genocide,mla,'=evil;ok\n"  # type: ignore[arg-type]


# ------------------------------------------------------------------ size limits

def test_read_limited_refuses_what_is_over_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"#" * 1001)
    assert yamlfile.read_limited(path, 1001, "big") == b"#" * 1001
    with pytest.raises(DataError) as e:
        yamlfile.read_limited(path, 1000, "big.yaml")
    assert e.value.message == "big.yaml: is larger than 1,000 bytes: refused (no file the " \
                              "tool reads comes near that size)"
    with pytest.raises(DataError, match="file not found"):
        yamlfile.read_limited(tmp_path / "none.yaml", 1000)
    with pytest.raises(DataError, match="cannot be read"):
        yamlfile.read_limited(tmp_path, 1000)


def test_endless_files_stop_at_the_limit() -> None:
    start = time.monotonic()
    with pytest.raises(DataError, match=r"/dev/zero: is larger than 5 MiB \(5,242,880 bytes\)"):
        yamlfile.load(Path("/dev/zero"))
    with pytest.raises(DataError, match=r"is larger than 64 MiB"):
        read_bytes(Path("/dev/zero"))
    assert time.monotonic() - start < 10


def test_what_if_dev_zero_is_one_line_and_exit_3() -> None:
    start = time.monotonic()
    out = subprocess.run([sys.executable, "-m", "mla_rules", "what-if", "/dev/zero"],
                         cwd=ROOT, capture_output=True, text=True, timeout=60, check=False)
    assert out.returncode == 3, out.stderr
    assert out.stderr.strip().splitlines() == [
        "error: /dev/zero: is larger than 5 MiB (5,242,880 bytes): refused (no file the tool "
        "reads comes near that size)"]
    assert "Traceback" not in out.stderr and out.stdout == ""
    assert time.monotonic() - start < 30


# ------------------------------------------------------------------ on a real server

def test_on_a_real_server() -> None:
    with serve() as base:
        port = base.rsplit(":", 1)[1]
        with httpx.Client(base_url=base, timeout=30) as c:
            assert c.get("/readyz").json() == {"status": "ready"}  # warm at startup
            head = c.head(CAN_REQUEST)
            assert head.status_code == 200 and head.content == b""
            assert int(head.headers["content-length"]) == len(c.get(CAN_REQUEST).content)
            assert c.get("/healthz", headers={"host": f"localhost:{port}"}).status_code == 200
            refused(c.get("/healthz", headers={"host": f"evil.example:{port}"}), 400,
                    "MLA_ALLOWED_HOSTS")
            refused(c.post("/api/what-if", content=SCENARIO,
                           headers={"origin": "http://evil.example"}), 403)
            assert c.post("/api/what-if", content=SCENARIO,
                          headers={"origin": base}).status_code == 200


def test_a_malformed_test_report_leaves_the_documentation_served(
        client: TestClient, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A cucumber report the site cannot read is a warning: the site is built without the
    scenarios' results (and a failed build leaves no temporary directory)."""
    from mla_rules.web import pages

    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "cucumber.json").write_text("not a report", encoding="utf-8")
    monkeypatch.setattr(pages, "scenario_results", lambda: tmp_path / "reports" / "cucumber.json")
    monkeypatch.setattr(pages, "_docs_dir", None)
    page = client.get("/docs/scenarios.html")
    assert page.status_code == 200 and "not run" in page.text


def test_the_json_files_of_a_facts_directory_are_read_with_a_limit(tmp_path: Path) -> None:
    """states.json, universe.json, index.json and a parties file (record/limits.py): one
    that is too large is refused, or for the index, taken as no index (the record is then
    read from its YAML files), never read to its end."""
    from mla_rules.network.gap import universe
    from mla_rules.questions.context import shipped_record
    from mla_rules.record import index
    from mla_rules.record.limits import DATA_LIMIT, MAX_BYTES
    from mla_rules.record.names import StateIndex

    def huge(name: str, size: int) -> Path:
        path = tmp_path / name
        with path.open("wb") as f:
            f.truncate(size + 1)  # sparse: no disk, one byte over the limit
        return path

    with pytest.raises(DataError, match="is larger than 5 MiB"):
        StateIndex(huge("states.json", MAX_BYTES))
    with pytest.raises(DataError, match="is larger than 5 MiB"):
        universe(shipped_record(), huge("universe.json", MAX_BYTES))
    with pytest.raises(ValueError, match="is larger than 64 MiB"):
        index.load_index(huge("index.json", DATA_LIMIT))


def test_a_parties_file_too_large_is_a_problem_of_the_facts_check(tmp_path: Path) -> None:
    import shutil

    from mla_rules.law.engine import FACTS_DIR
    from mla_rules.questions.context import shipped_record
    from mla_rules.record.framework_check import check_framework
    from mla_rules.record.limits import DATA_LIMIT

    facts = tmp_path / "facts"
    shutil.copytree(FACTS_DIR, facts)
    parties = sorted((facts / "parties").glob("*.csv"))[0]
    with parties.open("wb") as f:
        f.truncate(DATA_LIMIT + 1)
    record = shipped_record()
    problems = check_framework(facts, dict(record.sources), record.states)
    assert [p.message for p in problems if p.file.endswith(parties.name)] == [
        f"{facts}/parties/{parties.name}: is larger than 64 MiB (67,108,864 bytes): refused "
        "(no file the tool reads comes near that size)"]
