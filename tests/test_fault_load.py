"""The bounded fault and load test (issue 16, point 7), short form: `mla serve --workers 2` on
loopback, under mixed concurrent load with what-if scenarios that would change the other
answers if they leaked, silent sockets beside it, and one worker killed mid-request. It
asserts no wrong answer (every can-request equals the answer before the load), recovery
after the kill (the supervisor starts a new worker; every later request is answered; the
killed worker's place among the whole-network computations is free again) and that
can-request stays fast. Stops by itself (every phase has a deadline)."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import time
from pathlib import Path

import httpx
from webserver import serving

QUESTIONS = [{"from": a, "to": b, "crime": c, "kind": k, "on": "2026-11-28"}
             for a, b in (("LVA", "NLD"), ("NLD", "LVA"), ("FRA", "DEU"), ("SEN", "BEL"))
             for c in ("genocide", "war-crimes") for k in ("mla", "extradition")]
# would change the answers above (Belgium and Senegal join the Convention) if a scenario
# leaked into the shipped record
LEAKY = b"""name: leak
events:
  - {state: SEN, type: ratification, date: 2026-01-10}
  - {state: BEL, type: ratification, date: 2026-01-15}
"""


def holder(places: Path) -> int | None:
    """The process holding a lock on one of the server's places (from /proc/locks)."""
    inodes = {p.stat().st_ino for p in places.glob("place-*")}
    for line in Path("/proc/locks").read_text().splitlines():
        fields = line.split()
        if len(fields) > 5 and fields[1] == "FLOCK" and fields[4].isdigit() and \
                int(fields[5].rsplit(":", 1)[1]) in inodes:
            return int(fields[4])
    return None


def places_free(places: Path) -> bool:
    import fcntl

    for place in places.glob("place-*"):
        with place.open("rb") as f:
            try:
                fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return False
    return True


def workers_of(pid: int) -> list[int]:
    """The worker processes of the supervisor `pid` (its children, from /proc)."""
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        try:
            command = (stat.parent / "cmdline").read_bytes()
        except OSError:
            continue
        if int(fields[1]) == pid and b"spawn_main" in command:  # not the resource tracker
            out.append(int(stat.parent.name))
    return out


async def mixed(base: str, expected: dict[int, bool], seconds: float
                ) -> tuple[list[float], list[str]]:
    """Can-request (timed, checked) and what-if (leaky scenarios) for `seconds`, at
    concurrency 8. Returns the can-request latencies and what went wrong."""
    latencies: list[float] = []
    wrong: list[str] = []
    stop = time.monotonic() + seconds

    async def asker(client: httpx.AsyncClient, n: int) -> None:
        i = n
        while time.monotonic() < stop:
            which = i % len(QUESTIONS)
            q = QUESTIONS[which]
            i += 1
            t = time.perf_counter()
            try:
                r = await client.get("/api/can-request", params=q)
            except httpx.TransportError as e:  # a connection to the killed worker
                wrong.append(f"transport: {e!r}")
                continue
            latencies.append(time.perf_counter() - t)
            if r.status_code != 200 or r.json()["applies"] != expected[which]:
                wrong.append(f"{q}: {r.status_code} {r.text[:200]}")

    async def scenarios(client: httpx.AsyncClient) -> None:
        while time.monotonic() < stop:
            try:
                r = await client.post("/api/what-if", content=LEAKY,
                                      headers={"content-type": "application/yaml"})
            except httpx.TransportError:
                continue
            if r.status_code != 200:
                wrong.append(f"what-if: {r.status_code} {r.text[:200]}")

    async with httpx.AsyncClient(base_url=base, timeout=30) as client:
        await asyncio.gather(*(asker(client, n) for n in range(6)),
                             *(scenarios(client) for _ in range(2)))
    return latencies, wrong


def test_two_workers_under_load_one_killed(tmp_path: Path) -> None:
    with serving(timeout=60, args=["--workers", "2", "--timeout-header", "2"],
                 env={"TMPDIR": str(tmp_path)}) as (base, process):
        [places] = tmp_path.glob("mla-places-*")  # made by the supervisor for its workers
        with httpx.Client(base_url=base, timeout=30) as c:
            expected = {i: c.get("/api/can-request", params=q).json()["applies"]
                        for i, q in enumerate(QUESTIONS)}
        assert True in expected.values() and False in expected.values()
        address = ("127.0.0.1", int(base.rsplit(":", 1)[1]))
        silent = [socket.create_connection(address) for _ in range(8)]  # say nothing

        _, wrong = asyncio.run(mixed(base, expected, 8))
        assert not wrong, wrong[:5]

        # the worker computing a gap (it holds a place) killed in the middle of the request
        workers = workers_of(process.pid)
        assert len(workers) == 2, workers
        with socket.create_connection(address) as s:
            s.sendall(b"GET /api/gap?on=2031-05-05&limit=1 HTTP/1.1\r\n"
                      b"Host: 127.0.0.1\r\n\r\n")
            deadline = time.monotonic() + 10
            while (victim := holder(places)) is None:
                assert time.monotonic() < deadline, "no worker took a place for the gap"
                time.sleep(0.02)
            assert victim in workers, (victim, workers)
            os.kill(victim, signal.SIGKILL)
            s.settimeout(10)
            assert s.recv(100) == b""  # its connection closed, no answer
        deadline = time.monotonic() + 60
        while len(set(workers_of(process.pid)) - {victim}) < 2:
            assert time.monotonic() < deadline, "no new worker within 60 s"
            time.sleep(0.5)
        assert places_free(places), "the killed worker's place is still held"

        latencies, wrong = asyncio.run(mixed(base, expected, 6))
        transport = [w for w in wrong if w.startswith("transport")]
        assert not [w for w in wrong if w not in transport], wrong[:5]
        assert not transport, transport[:5]
        # loose here, where the rest of the suite may share the cores: benchmarks/load.py
        # measures the bound of 0.5 s
        assert latencies and sorted(latencies)[int(0.99 * (len(latencies) - 1))] < 2.0
        for s in silent:  # dropped at the header deadline
            s.settimeout(5)
            assert s.recv(10) == b""
            s.close()
