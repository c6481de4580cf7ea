"""Slow and silent clients (issue 16, point 3), on a real `mla serve` on loopback with short
timeouts: a connection that sends nothing, trickles its headers or never finishes its body
is dropped at its deadline; a client that stops reading its response is dropped; none of it
is logged as an error; and SIGTERM with a stalled client in flight exits within the grace
period, leaving no temporary file behind."""

from __future__ import annotations

import signal
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from webserver import serving

TIMEOUTS = ["--timeout-header", "1", "--timeout-body", "1", "--timeout-send", "1",
            "--timeout-graceful", "2"]
SCENARIO = (b"name: Belgium ratifies\nevents:\n"
            b"  - {state: BEL, type: ratification, date: 2026-07-15}\n")


class Server:
    def __init__(self, base: str, log: Path, tmp: Path) -> None:
        self.base, self.log, self.tmp = base, log, tmp
        self.address = ("127.0.0.1", int(base.rsplit(":", 1)[1]))

    def connect(self, buffer: int | None = None) -> socket.socket:
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        if buffer:
            s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, buffer)
        s.connect(self.address)
        s.settimeout(10)
        return s


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    where = tmp_path_factory.mktemp("slow")
    log, tmp = where / "server.log", where / "tmp"
    tmp.mkdir()
    with serving(args=TIMEOUTS, log=log, env={"TMPDIR": str(tmp)}) as (base, process):
        yield Server(base, log, tmp)
        assert process.poll() is None


def closed_after(s: socket.socket) -> float:
    """Seconds until the server closes the connection (reading whatever it sent)."""
    began = time.monotonic()
    try:
        while s.recv(65536):
            pass
    except ConnectionResetError:
        pass
    return time.monotonic() - began


@pytest.mark.parametrize("sent", [
    b"",  # a connection that says nothing
    b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n",  # headers never finished
    b"POST /api/what-if HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/yaml\r\n"
    b"Content-Length: 500\r\n\r\nname: half a body",  # a body never finished
], ids=["silent", "headers", "body"])
def test_an_unfinished_request_is_dropped_at_its_deadline(server: Server, sent: bytes) -> None:
    with server.connect() as s:
        s.sendall(sent)
        assert closed_after(s) < 4


def test_trickled_headers_are_dropped_though_each_byte_is_in_time(server: Server) -> None:
    request = b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + b"a" * 40 + b"\r\n\r\n"
    began = time.monotonic()
    with server.connect() as s, pytest.raises(OSError):
        for byte in request:  # one byte every 0.1 s: 6 s for the whole request
            s.send(bytes([byte]))
            time.sleep(0.1)
    assert time.monotonic() - began < 4


def test_a_client_that_stops_reading_is_dropped(server: Server) -> None:
    """A 15 MB page of the gap to a client that reads nothing for 6 s gets a few MB (what
    the sockets' buffers held), not the whole response."""
    # asked once first: the gap is then kept, so the stalled answer starts at once
    whole = len(httpx.get(server.base + "/api/gap?limit=100000", timeout=60).content)
    with server.connect(buffer=4096) as s:
        s.sendall(b"GET /api/gap?limit=100000 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        time.sleep(6)
        received = 0
        try:
            while chunk := s.recv(1 << 16):
                received += len(chunk)
        except ConnectionResetError:
            pass
    assert whole > 10_000_000
    assert 0 < received < whole / 2


def test_requests_in_time_are_answered_and_nothing_is_logged_as_an_error(
        server: Server) -> None:
    with httpx.Client(base_url=server.base, timeout=30) as c:
        assert c.get("/healthz").status_code == 200
        r = c.post("/api/what-if", content=SCENARIO,
                   headers={"content-type": "application/yaml"})
        assert r.status_code == 200, r.text
    log = server.log.read_text()
    assert "internal error" not in log and "Traceback" not in log, log[-3000:]


def test_sigterm_with_a_stalled_client_exits_within_the_grace_period(
        tmp_path: Path) -> None:
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    with serving(args=[*TIMEOUTS[:4], "--timeout-send", "60", "--timeout-graceful", "2"],
                 env={"TMPDIR": str(tmp)}) as (base, process):
        httpx.post(base + "/api/what-if", content=SCENARIO,
                   headers={"content-type": "application/yaml"}, timeout=30)
        address = ("127.0.0.1", int(base.rsplit(":", 1)[1]))
        with socket.create_connection(address) as s:
            s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
            s.sendall(b"GET /api/gap?limit=100000 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            time.sleep(5)  # the response is being written, and not read
            began = time.monotonic()
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=15)
            assert time.monotonic() - began < 6
    assert [p.name for p in tmp.iterdir()] == []


def test_sigterm_with_computations_running_and_queued_exits_within_the_grace_period(
        tmp_path: Path) -> None:
    """One whole-network computation running and five queued for its place when SIGTERM
    comes: the process exits soon after the grace period; each request cut is answered 503
    with Retry-After (ask again: another worker, or the restarted server), not uvicorn's
    500, and is one warning line in the log, not a traceback. (uvicorn ends the process
    with the signal once the application has shut down; the application's own part,
    stopping its computations and waits, is test_server_limits'
    test_the_application_s_shutdown_stops_its_computations.)"""
    import threading

    log = tmp_path / "server.log"
    with serving(args=["--timeout-graceful", "1"], log=log,
                 env={"MLA_HEAVY": "1"}) as (base, process):
        answers: list[int | str] = []

        def ask(day: int) -> None:
            try:
                r = httpx.get(f"{base}/api/gap?on=2033-01-{day:02d}&limit=1", timeout=60)
                answers.append(r.status_code if r.status_code != 503 else
                               f"503 retry {r.headers.get('retry-after')}")
            except httpx.TransportError as e:
                answers.append(type(e).__name__)

        asking = [threading.Thread(target=ask, args=(day,)) for day in range(1, 7)]
        for t in asking:
            t.start()
        time.sleep(0.5)  # one gap computing (2-5 s each), five waiting for its place
        began = time.monotonic()
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=60)
        took = time.monotonic() - began
        for t in asking:
            t.join(10)
    assert took < 5, f"exited {took:.1f} s after SIGTERM; answers {answers}"
    # at most the first two (a fast machine) finished within the second of grace
    assert len(answers) == 6 and answers.count(200) <= 2, answers
    assert set(answers) <= {200, "503 retry 2"}, answers
    text = log.read_text()
    assert "Traceback" not in text and "was cut (--timeout-graceful)" in text, text[-3000:]


def test_a_kept_connection_is_closed_after_its_number_of_requests(tmp_path: Path) -> None:
    """--keep-alive-requests 3: the third answer on a connection says Connection: close and
    the server closes it after that answer (the client's next connection may go to another
    worker); the first two keep it open."""
    ask = b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
    with serving(args=["--keep-alive-requests", "3"]) as (base, _):
        address = ("127.0.0.1", int(base.rsplit(":", 1)[1]))
        with socket.create_connection(address, timeout=10) as s:
            heads = []
            for _ in range(3):
                s.sendall(ask)
                got = b""
                while not got.endswith(b'{"status":"ok"}'):
                    chunk = s.recv(65536)
                    assert chunk, f"closed after {got!r}"
                    got += chunk
                heads.append(got.split(b"\r\n\r\n")[0].lower())
            assert [b"connection: close" in h for h in heads] == [False, False, True]
            assert s.recv(10) == b""  # closed by the server


def test_an_idle_kept_connection_lives_for_the_keep_alive_timeout(server: Server) -> None:
    """Between requests the keep-alive timeout (5 s) applies, not the header deadline (1 s)."""
    ask = b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"

    def answer(s: socket.socket) -> bytes:
        got = b""
        while not got.endswith(b'{"status":"ok"}'):
            chunk = s.recv(65536)
            assert chunk, f"closed after {got!r}"
            got += chunk
        return got

    with server.connect() as s:
        s.sendall(ask)
        assert answer(s).startswith(b"HTTP/1.1 200")
        time.sleep(2.5)
        s.sendall(ask)
        assert answer(s).startswith(b"HTTP/1.1 200")
