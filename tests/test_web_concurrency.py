"""Answers stay right when requests run at the same time (issue 9): pyDatalog's knowledge
base is global per thread, so a scenario in one request must never leak into another. On a
real `mla serve` (127.0.0.1, a free port), 16 clients mix what-if requests in which Belgium
ratifies with plain questions that scenario would change: Latvia to Belgium must stay "no",
Latvia to the Netherlands "yes"."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from webserver import serve

BELGIUM = """name: Belgium ratifies
date: 2027-01-01
events:
  - {state: BEL, type: ratification, date: 2026-07-15}
  - {state: BEL, type: declaration, annexes: [H], date: 2026-07-15}
"""
REQUESTS = 320  # bounded: about 10 s on a slow machine
WORKERS = 16


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    with serve() as url:
        yield url


def one(client: httpx.Client, i: int) -> str:
    """One request of the mix; returns what it checked."""
    if i % 4 == 0:
        r = client.post("/api/what-if", content=BELGIUM,
                        headers={"content-type": "application/yaml"})
        assert r.status_code == 200, r.text
        gained = r.json()["gained"]
        assert ("LVA", "BEL", "genocide", "mla") in {
            (g["requesting"], g["requested"], g["crime"], g["kind"]) for g in gained}
        assert r.json()["summary"]["gained"] == len(gained)
        return "what-if"
    to, expected = ("BEL", False) if i % 4 in (1, 3) else ("NLD", True)
    r = client.get("/api/can-request", params={"from": "LVA", "to": to, "crime": "genocide",
                                               "on": "2027-01-01"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["applies"] is expected, (to, body["summary"])
    assert body["scenarios"] == []  # nothing of another request's scenario
    return f"LVA-{to}"


def test_scenarios_never_leak_into_other_requests(base: str) -> None:
    start = time.monotonic()
    with httpx.Client(base_url=base, timeout=60,
                      limits=httpx.Limits(max_connections=WORKERS)) as client, \
            ThreadPoolExecutor(WORKERS) as pool:
        done = Counter(pool.map(lambda i: one(client, i), range(REQUESTS)))
    assert done == {"what-if": REQUESTS // 4, "LVA-BEL": REQUESTS // 2,
                    "LVA-NLD": REQUESTS // 4}
    assert time.monotonic() - start < 120
    # and the shipped record is as it was
    with httpx.Client(base_url=base, timeout=30) as client:
        status = client.get("/api/status/BEL", params={"on": "2027-01-01"}).json()
        assert status["events"] == [] or all(e["scenario"] is None for e in status["events"])
        assert status["bound"]["mla"]["bound"] is False
