"""No request starves the others (issue 16, point 2): whole-network work is admitted a few at a
time and cached (paging never recomputes it), a computation over the time budget ends with
503 and leaves nothing cached, and a what-if answer over the response limit is refused with
422 unless the client asks for the stream."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from mla_rules import budget
from mla_rules.network.whatif import change_counts
from mla_rules.web import app, service

# dates no other test asks the gap for: each test starts from an empty cache entry
FRESH = "2031-03-0{}"
GAP = "/api/gap?on={}&crime=genocide&kind=mla&limit=5"
SCENARIO = """name: Belgium ratifies
events:
  - {state: BEL, type: ratification, date: 2026-07-15}
"""
YAML = {"content-type": "application/yaml"}


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


def cached(on: str) -> bool:
    return any(key[1:3] == ("gap", on) for key in service._cache)


def test_without_a_budget_nothing_is_stopped() -> None:
    budget.check()
    with budget.within(None):
        time.sleep(0.01)
        budget.check()


def test_a_spent_budget_stops_the_next_check_and_ends_with_its_block() -> None:
    with budget.within(0.01):
        budget.check()
        time.sleep(0.02)
        with pytest.raises(budget.OverBudget, match="0.01 s"):
            budget.check()
    budget.check()  # the block is over: no budget any more


def test_an_inner_budget_keeps_the_earlier_deadline() -> None:
    with budget.within(0.01), budget.within(60):
        time.sleep(0.02)
        with pytest.raises(budget.OverBudget):
            budget.check()


def test_a_fresh_budget_has_its_own_deadline_and_the_outer_one_comes_back() -> None:
    """A shared computation (service.whole_network) is not cut by the asking request's
    budget, which also counted its wait for admission; after it, the request's budget, and
    the limit its message names, are the request's again."""
    with budget.within(0.01):
        time.sleep(0.02)
        with budget.within(60, fresh=True):
            budget.check()
        with pytest.raises(budget.OverBudget, match=r"\(0.01 s\)"):
            budget.check()
    with budget.within(5), budget.within(0.01):
        pass
    with budget.within(5):
        time.sleep(0.02)
        budget.check()


def test_stop_ends_the_work_begun_before_it_and_no_later_work() -> None:
    """The server's shutdown (after its grace period): a computation still running stops at
    its next check, a request waiting for an engine stops waiting; what starts afterwards (the
    application served again in the same process) runs."""
    import threading

    with budget.within(None):
        budget.stop()
        with pytest.raises(budget.Stopping):
            budget.check()
    with budget.within(None):
        budget.check()
    with pytest.MonkeyPatch.context() as m:
        m.setattr(service, "ENGINES", 0)  # no engine can be had: a request waits for one
        m.setattr(service, "_idle", [])
        outcome: list[BaseException] = []

        def wait_for_an_engine() -> None:
            try:
                with service.engine(wait=30):
                    pass
            except BaseException as e:  # noqa: BLE001 - reported below
                outcome.append(e)

        t = threading.Thread(target=wait_for_an_engine)
        t.start()
        deadline = time.monotonic() + 5
        while t.is_alive() and time.monotonic() < deadline:
            budget.stop()  # (again, in case the wait had not begun yet)
            t.join(0.1)
        assert not t.is_alive()
        assert [type(e) for e in outcome] == [budget.Stopping]


def test_the_whole_network_places_go_in_the_order_the_requests_came(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    monkeypatch.setattr(service, "HEAVY", 1)
    monkeypatch.delenv("MLA_PLACES", raising=False)
    order: list[str] = []
    release = threading.Event()

    def computation(name: str) -> None:
        with service.heavy():
            order.append(name)
            if name == "first":
                release.wait(10)

    first = threading.Thread(target=computation, args=("first",))
    first.start()
    while not order:
        time.sleep(0.01)
    waiting = []
    for name in "ABCDE":
        t = threading.Thread(target=computation, args=(name,))
        t.start()
        waiting.append(t)
        time.sleep(0.07)
    release.set()
    for t in (first, *waiting):
        t.join(10)
    assert order == ["first", *"ABCDE"]


def test_the_application_s_shutdown_stops_its_computations() -> None:
    """The lifespan's end (under any ASGI server, after its grace period) stops what still
    runs, so that no request thread keeps the process alive."""
    import threading

    outcome: list[BaseException] = []

    def computation() -> None:
        try:
            with budget.within(None):
                deadline = time.monotonic() + 30
                while time.monotonic() < deadline:
                    budget.check()
                    time.sleep(0.01)
        except BaseException as e:  # noqa: BLE001 - reported below
            outcome.append(e)

    t = threading.Thread(target=computation)
    t.start()
    with TestClient(app):
        time.sleep(0.05)
    t.join(5)
    assert not t.is_alive()
    assert [type(e) for e in outcome] == [budget.Stopping]


def test_the_kept_results_are_bounded_in_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Least recently used first; a result larger than the bound is not kept."""
    monkeypatch.setattr(service, "_cache", {})
    monkeypatch.setattr(service, "CACHE_BYTES", 1000)
    r = service.record_digest()
    service.keep((r, "a"), "A", 400)
    service.keep((r, "b"), "B", 400)
    assert service.whole_network(("a",), None) == "A"  # from the cache: now the most recent
    service.keep((r, "c"), "C", 400)
    assert list(service._cache) == [(r, "a"), (r, "c")]
    assert service.cache_bytes() == 800
    service.keep((r, "d"), "D", 1001)
    assert (r, "d") not in service._cache and service.cache_bytes() <= 1000


def test_a_kept_gap_counts_what_it_holds_but_not_the_engines() -> None:
    gap = service.shipped_gap(FRESH.format(4))
    size = service.footprint(gap)
    assert 10_000 < size < 5_000_000, size  # ~0.2 MB; an engine is ~10^5 objects
    key = next(k for k in service._cache if k[1:3] == ("gap", FRESH.format(4)))
    assert service._cache[key][1] == size
    assert key[0] == service.record_digest() and key[0].startswith("crc32:")


@pytest.mark.parametrize("value", ["abc", "-1", "2.5", "nan", "inf"])
def test_a_setting_that_cannot_be_read_names_its_variable(
        monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    from mla_rules.errors import UsageError

    monkeypatch.setenv("MLA_QUEUE", value)
    with pytest.raises(UsageError, match=f"MLA_QUEUE='{value}'"):
        service.setting("MLA_QUEUE", 32)
    monkeypatch.setenv("MLA_QUEUE", " 7 ")
    assert service.setting("MLA_QUEUE", 32) == 7


def test_a_budget_is_per_thread() -> None:
    import threading

    errors: list[BaseException] = []

    def other() -> None:
        try:
            budget.check()
        except BaseException as e:  # noqa: BLE001 - reported below
            errors.append(e)

    with budget.within(0.001):
        time.sleep(0.01)
        t = threading.Thread(target=other)
        t.start()
        t.join()
    assert errors == []


def test_over_the_time_budget_is_503_and_nothing_is_kept(
        client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    on = FRESH.format(1)
    monkeypatch.setattr(service, "BUDGET", 1e-6)
    r = client.get(GAP.format(on))
    assert r.status_code == 503, r.text
    assert r.headers["retry-after"] == "5"
    assert "MLA_TIMEOUT_REQUEST" in r.json()["hint"]
    assert not cached(on)
    monkeypatch.setattr(service, "BUDGET", 30.0)
    r = client.get(GAP.format(on))
    assert r.status_code == 200, r.text
    assert cached(on)


def test_a_full_queue_is_503_but_a_cached_gap_is_still_paged(
        client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    on = FRESH.format(2)
    first = client.get(GAP.format(on))
    assert first.status_code == 200, first.text
    monkeypatch.setattr(service, "_admitted", service.HEAVY + service.QUEUE)
    busy = client.get(GAP.format(FRESH.format(3)))
    assert busy.status_code == 503, busy.text
    assert busy.headers["retry-after"] == "2"
    assert "running or waiting" in busy.json()["error"]
    page = client.get(GAP.format(on) + "&offset=5")  # computed once: paged from the cache
    assert page.status_code == 200, page.text
    assert page.headers["x-total-count"] == first.headers["x-total-count"]
    assert page.json()["rows"] != first.json()["rows"]


def test_a_what_if_over_the_response_limit_is_422_unless_streamed(
        client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(service, "MAX_RELATIONS", 10)
    r = client.post("/api/what-if", content=SCENARIO, headers=YAML)
    assert r.status_code == 422, r.text
    body = r.json()
    assert "are not sent in one document" in body["error"]
    assert "stream=true" in body["hint"] and "MLA_MAX_RELATIONS" in body["hint"]
    for fmt in ("json", "csv"):
        assert client.post(f"/api/what-if?format={fmt}", content=SCENARIO,
                           headers=YAML).status_code == 422
    streamed = client.post("/api/what-if?stream=true", content=SCENARIO, headers=YAML)
    assert streamed.status_code == 200, streamed.text
    doc = streamed.json()
    sent = len(doc["gained"]) + len(doc["lost"])
    assert sent > 10
    w = service.what_if(service.scenarios_of(service.parse_body(
        SCENARIO.encode(), "application/yaml"))[0], None, None)
    assert sum(change_counts(w.diff)) == sent
    html = client.post("/api/what-if?format=html", content=SCENARIO, headers=YAML)
    assert html.status_code == 200  # the report counts and maps: never too large


def test_the_places_are_shared_by_the_workers_and_freed_by_a_dead_one(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With MLA_PLACES (as `mla serve --workers N` sets it), the HEAVY places are locks on
    files: a second holder waits and is refused once its wait is over; a process killed
    while it holds one frees it."""
    import subprocess
    import sys

    monkeypatch.setenv("MLA_PLACES", str(tmp_path))
    monkeypatch.setattr(service, "HEAVY", 1)
    with service.place(1):
        with pytest.raises(service.Busy, match="every worker"), service.place(0.1):
            pass
    with service.place(0.1):
        pass
    holder = subprocess.Popen([sys.executable, "-c", (
        "import fcntl, os, sys, time\n"
        f"fd = os.open({str(tmp_path / 'place-0')!r}, os.O_RDWR | os.O_CREAT)\n"
        "fcntl.flock(fd, fcntl.LOCK_EX)\nprint('held', flush=True)\ntime.sleep(60)\n")],
        stdout=subprocess.PIPE)
    try:
        assert holder.stdout is not None and holder.stdout.readline() == b"held\n"
        with pytest.raises(service.Busy), service.place(0.1):
            pass
        holder.kill()
        holder.wait()
        with service.place(2):
            pass
    finally:
        holder.kill()


def test_the_what_if_page_over_its_budget_is_a_503_page(
        client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(service, "BUDGET", 1e-6)
    r = client.post("/what-if", data={"scenario_text": SCENARIO.replace(
        "2026-07-15", "2026-07-16"), "on": FRESH.format(4)})
    assert r.status_code == 503, r.text[:500]
    assert r.headers["content-type"].startswith("text/html")
    assert r.headers["retry-after"] == "5"


def test_the_protocol_s_settings_are_read_as_the_application_s() -> None:
    """A timeout that is not a number stops the server that loads the protocol, naming it
    (web/settings.py), rather than being silently replaced by the default."""
    import os
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", "import mla_rules.web.protocol"],
                          capture_output=True, text=True, timeout=60,
                          env={**os.environ, "MLA_TIMEOUT_BODY": "soon"})
    assert done.returncode != 0
    assert "MLA_TIMEOUT_BODY='soon': not a number of at least 1" in done.stderr
