"""Load test of `mla serve` (issue 9), loopback only, bounded in count and time.

Starts `mla serve` on 127.0.0.1 and a free port, then:
1. mixed load: N requests (default 2,000) at concurrency 16 — can-request over many distinct
   questions, legal-basis, status, a page of the matrix, and what-if bodies of a few States —
   and prints throughput, p50 and p99 latency and the error count;
2. warm `GET /api/can-request` p50 over at least 20 distinct questions against the p50 of a
   cold `mla can-request` process for the same questions, and their ratio (goal: >= 10x);
3. the warm p50 of a what-if of a few States (goal: under 300 ms).
Stops the server (by its process id) and exits; every phase has a deadline.

    python benchmarks/load.py [--requests 2000] [--concurrency 16] [--deadline 600]
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import shutil
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
PAIRS = [("LVA", "NLD"), ("NLD", "LVA"), ("LVA", "BEL"), ("BEL", "NLD"), ("SVN", "LVA"),
         ("FRA", "DEU"), ("Lettonie", "Pays-Bas"), ("Letonia", "Senegal"), ("COD", "LVA"),
         ("NLD", "SEN"), ("GHA", "NLD"), ("LVA", "UKR")]
CRIMES = ["genocide", "crimes-against-humanity", "war-crimes", "aggression", "torture",
          "annex-a", "enforced disappearance"]
QUESTIONS = [{"from": a, "to": b, "crime": c, "kind": k, "on": on}
             for (a, b), c, k, on in zip(PAIRS * 3, CRIMES * 6, ["mla", "extradition"] * 18,
                                         ["2026-11-28", "2027-06-01", "2025-12-15"] * 12,
                                         strict=False)]
WHAT_IF = """name: three States ratify
date: 2027-06-01
events:
  - {state: SEN, type: ratification, date: 2026-12-10}
  - {state: SEN, type: declaration, annexes: [H], date: 2026-12-10}
  - {state: BEL, type: ratification, date: 2026-07-15}
  - {state: GHA, type: ratification, date: 2026-09-01}
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def start(port: int) -> subprocess.Popen[bytes]:
    process = subprocess.Popen([sys.executable, "-m", "mla_rules", "serve", "--host", HOST,
                                "--port", str(port)], cwd=ROOT, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://{HOST}:{port}/openapi.json", timeout=2).status_code == 200:
                return process
        except httpx.TransportError:
            time.sleep(0.1)
    process.kill()
    raise SystemExit("mla serve did not start within 30 s")


def mix(i: int) -> tuple[str, str, dict[str, str], str | None]:
    """The i-th request of the mixed load: (method, path, params, body)."""
    q = QUESTIONS[i % len(QUESTIONS)]
    slot = i % 20
    if slot == 0:
        return "POST", "/api/what-if", {}, WHAT_IF
    if slot in (1, 2):
        return "GET", "/api/legal-basis", q, None
    if slot == 3:
        return "GET", f"/api/status/{q['from']}", {"on": q["on"]}, None
    if slot == 4:
        return "GET", "/api/matrix", {"on": q["on"], "limit": "100"}, None
    return "GET", "/api/can-request", q, None


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


async def load(base: str, total: int, concurrency: int, deadline: float
               ) -> tuple[list[float], int, float]:
    latencies: list[float] = []
    errors = 0
    counter = itertools.count()

    async def worker(client: httpx.AsyncClient) -> None:
        nonlocal errors
        while (i := next(counter)) < total and time.monotonic() < deadline:
            method, path, params, body = mix(i)
            t = time.perf_counter()
            try:
                r = await client.request(method, path, params=params, content=body,
                                         headers={"content-type": "application/yaml"}
                                         if body else None)
                ok = r.status_code == 200
            except httpx.HTTPError:
                ok = False
            latencies.append(time.perf_counter() - t)
            errors += not ok

    limits = httpx.Limits(max_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, timeout=60, limits=limits) as client:
        start = time.perf_counter()
        await asyncio.gather(*(worker(client) for _ in range(concurrency)))
        elapsed = time.perf_counter() - start
    return latencies, errors, elapsed


def cold_cli(questions: list[dict[str, str]]) -> list[float]:
    mla = shutil.which("mla")
    command = [mla] if mla else [sys.executable, "-m", "mla_rules"]
    times = []
    for q in questions:
        t = time.perf_counter()
        subprocess.run([*command, "can-request", "--from", q["from"], "--to", q["to"],
                        "--crime", q["crime"], "--kind", q["kind"], "--on", q["on"]],
                       capture_output=True, check=False, timeout=60, cwd=ROOT,
                       env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
        times.append(time.perf_counter() - t)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--deadline", type=float, default=600, help="seconds, in all")
    args = parser.parse_args()
    deadline = time.monotonic() + args.deadline
    port = free_port()
    base = f"http://{HOST}:{port}"
    server = start(port)
    try:
        distinct = QUESTIONS[:24]
        with httpx.Client(base_url=base, timeout=60) as client:
            for q in distinct:  # warm every worker thread's engine a little
                client.get("/api/can-request", params=q)
        latencies, errors, elapsed = asyncio.run(
            load(base, args.requests, args.concurrency, deadline))
        ms = [x * 1000 for x in latencies]
        print(f"mixed load: {len(ms)} requests at concurrency {args.concurrency} in "
              f"{elapsed:.1f} s: {len(ms) / elapsed:.0f} requests/s, p50 "
              f"{percentile(ms, 50):.1f} ms, p99 {percentile(ms, 99):.1f} ms, errors {errors}")
        warm: list[float] = []
        with httpx.Client(base_url=base, timeout=60) as client:
            for _ in range(3):
                for q in distinct:
                    t = time.perf_counter()
                    r = client.get("/api/can-request", params=q)
                    warm.append(time.perf_counter() - t)
                    assert r.status_code == 200, r.text
            what_if = []
            for _ in range(10):
                t = time.perf_counter()
                r = client.post("/api/what-if", content=WHAT_IF,
                                headers={"content-type": "application/yaml"})
                what_if.append(time.perf_counter() - t)
                assert r.status_code == 200, r.text
        cold = cold_cli(distinct)
        api_p50, cli_p50 = statistics.median(warm) * 1000, statistics.median(cold) * 1000
        print(f"can-request over {len(distinct)} distinct questions: warm API p50 "
              f"{api_p50:.1f} ms, cold CLI p50 {cli_p50:.1f} ms, ratio {cli_p50 / api_p50:.1f}x "
              "(goal >= 10x)")
        print(f"what-if of 3 States, warm: p50 {statistics.median(what_if) * 1000:.1f} ms "
              "(goal < 300 ms)")
        if time.monotonic() > deadline:
            print("stopped at the deadline: the numbers above are partial")
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()


if __name__ == "__main__":
    main()
