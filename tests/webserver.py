"""A real server for the web tests: `mla serve` in its own process on 127.0.0.1 and a free
port, stopped (by its process id) when the test module is done."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serve(timeout: float = 30, args: Sequence[str] = (), log: Path | None = None
          ) -> Iterator[str]:
    """The base URL of a running `mla serve` (loopback only), with more of its options
    (`args`) and its standard error written to `log` if given."""
    with serving(timeout, args, log) as (base, _):
        yield base


@contextmanager
def serving(timeout: float = 30, args: Sequence[str] = (), log: Path | None = None,
            env: dict[str, str] | None = None
            ) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """As serve(), with the server's process (to signal it), and more of its environment."""
    port = free_port()
    err = log.open("wb") if log else subprocess.PIPE
    process = subprocess.Popen([sys.executable, "-m", "mla_rules", "serve", "--host",
                                "127.0.0.1", "--port", str(port), *args], cwd=ROOT,
                               stdout=subprocess.DEVNULL, stderr=err,
                               env={**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})})
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if process.poll() is not None:
                raise RuntimeError("mla serve exited: " + (
                    process.stderr.read().decode()[-2000:] if process.stderr else
                    log.read_text()[-2000:] if log else ""))
            try:
                if httpx.get(f"{base}/openapi.json", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"mla serve did not answer within {timeout} s")
            time.sleep(0.1)
        yield base, process
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if log:
            err.close()  # type: ignore[union-attr]
