"""The command line at its edges, as a user meets them (issue 15, point 8): the verdict line
alone, options in any case, the option people mean, a closed pipe, a reversed period, and a
server port that is chosen by the system or already taken."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time

import pytest

from mla_rules import errors
from tests.clirun import run

LV_BE = ("--from", "Latvia", "--to", "Belgium", "--crime", "genocide", "--on", "2026-11-28")


@pytest.mark.parametrize("command", ["can-request", "legal-basis"])
def test_depth_0_prints_the_verdict_line_only(capsys: pytest.CaptureFixture[str],
                                              command: str) -> None:
    code, out, _ = run(capsys, command, *LV_BE, "--depth", "0")
    assert out.strip().count("\n") == 0, out
    assert out.startswith(("NO — ", "YES — "))
    deeper = run(capsys, command, *LV_BE, "--depth", "1")[1]
    assert deeper.startswith(out.strip()) and len(deeper) > len(out)
    assert code == run(capsys, command, *LV_BE)[0]


def test_choices_are_taken_in_any_case(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "legal-basis", "--from", "France", "--to", "Germany",
                         "--crime", "genocide", "--kind", "Extradition", "--on", "2026-11-28",
                         "--format", "JSON")
    assert code == errors.APPLIES, err
    assert '"kind": "extradition"' in out


def test_an_unknown_option_suggests_the_one_people_mean(
        capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "can-request", *LV_BE[:6], "--date", "2026-11-28")
    assert code == errors.USAGE
    assert "No such option '--date'" in err
    assert "Did you mean one of: '--on'" in err
    code, _, err = run(capsys, "can-request", *LV_BE[:6], "--dpeth", "1")
    assert code == errors.USAGE and "'--depth'" in err


@pytest.mark.parametrize(("argv", "meant"), [
    (("what-if", "x.yaml", "--baseline", "y.yaml"), "'--against'"),
    (("what-if", "x.yaml", "--compare", "y.yaml"), "'--against'"),
    (("what-if", "x.yaml", "--add-to", "y.yaml"), "'--on-top-of'"),
    (("gap", "--country", "Senegal"), "'--state'"),
    (("gap", "--recommend", "Senegal"), "'--suggest'"),
    (("timeline", "--date", "2026-01-01"), "'--from', '--to'"),
    (("can-request", *LV_BE[:6], "--why", "1"), "'--depth'"),
])
def test_an_unknown_option_suggests_the_command_s_own_option_for_it(
        capsys: pytest.CaptureFixture[str], argv: tuple[str, ...], meant: str) -> None:
    """Each command's own option first (timeline's --from and --to are dates: `--date`
    means one of them there, `--on` elsewhere)."""
    code, _, err = run(capsys, *argv)
    assert code == errors.USAGE
    assert f"(Did you mean {meant}" in err or f"(Did you mean one of: {meant}" in err, err


def _with_closed_stdout(*argv: str) -> subprocess.CompletedProcess[bytes]:
    """Run `mla ARGV` with its standard output a pipe whose reader has gone (`| head -0`)."""
    read, write = os.pipe()
    os.close(read)
    try:
        return subprocess.run([sys.executable, "-m", "mla_rules", *argv], stdout=write,
                              stderr=subprocess.PIPE, check=False, timeout=120)
    finally:
        os.close(write)


@pytest.mark.parametrize("argv", [
    ("states",),
    ("can-request", *LV_BE),
    ("legal-basis", "--from", "France", "--to", "Germany", "--crime", "genocide", "--kind",
     "extradition", "--on", "2026-11-28"),
    ("legal-basis", *LV_BE),
    ("gap", "--format", "csv", "--crime", "genocide", "--kind", "mla", "--on", "2026-11-28"),
])
def test_a_closed_pipe_ends_quietly_with_the_commands_status(
        capsys: pytest.CaptureFixture[str], argv: tuple[str, ...]) -> None:
    """The status the command has with its whole output read: 0 for the reports, the
    verdict's 0 or 1 for can-request and legal-basis."""
    status = run(capsys, *argv)[0]
    assert status in (errors.APPLIES, errors.DOES_NOT_APPLY)
    done = _with_closed_stdout(*argv)
    assert done.returncode == status
    assert done.stderr == b""


def test_a_reversed_period_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "timeline", "--from", "2026-01-01", "--to", "2025-01-01")
    assert code == errors.USAGE and out == ""
    assert "--from 2026-01-01 is after --to 2025-01-01" in err


def test_a_busy_port_is_one_line_saying_what_to_do() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run([sys.executable, "-m", "mla_rules", "serve", "--port", str(port)],
                              capture_output=True, text=True, check=False, timeout=60)
    assert done.returncode == errors.USAGE
    assert done.stderr.strip().splitlines() == [
        f"error: Port {port} on 127.0.0.1 is in use: choose another with --port (0: any free "
        "port), or stop the server using it."]


def test_port_0_prints_the_port_the_system_chose() -> None:
    process = subprocess.Popen([sys.executable, "-m", "mla_rules", "serve", "--port", "0"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        assert process.stderr is not None
        line = process.stderr.readline()
        assert line.startswith("Serving on http://127.0.0.1:"), line
        port = int(line.split("127.0.0.1:")[1].split("/")[0])
        assert port != 0
        deadline = time.monotonic() + 30
        while True:  # the printed port is the one listened on
            try:
                socket.create_connection(("127.0.0.1", port), timeout=2).close()
                break
            except OSError:
                assert time.monotonic() < deadline and process.poll() is None
                time.sleep(0.1)
    finally:
        process.terminate()
        process.wait(timeout=15)


def test_serve_with_two_workers_logs_one_json_line_per_request() -> None:
    """`--workers 2 --log-level info` (as MLA_WORKERS and MLA_LOG_LEVEL): both processes
    answer on the one socket, each request is one JSON line, and SIGTERM ends them all."""
    import json
    import urllib.request

    env = {**os.environ, "PYTHONUNBUFFERED": "1", "MLA_WORKERS": "2", "MLA_LOG_LEVEL": "info"}
    process = subprocess.Popen([sys.executable, "-m", "mla_rules", "serve", "--port", "0"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                               env=env)
    try:
        assert process.stderr is not None
        line = process.stderr.readline()
        port = int(line.split("127.0.0.1:")[1].split("/")[0])
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=5) as r:
                    if r.status == 200:
                        break
            except OSError:
                assert time.monotonic() < deadline and process.poll() is None
                time.sleep(0.2)
        url = f"http://127.0.0.1:{port}/api/can-request?from=LVA&to=NLD&crime=genocide"
        with urllib.request.urlopen(url, timeout=30) as r:
            assert r.status == 200
    finally:
        process.terminate()
        _, err = process.communicate(timeout=30)
    assert err.count("Started server process") == 2
    access = [json.loads(x) for x in err.splitlines() if x.startswith("{")]
    asked = [a for a in access if a["path"] == "/api/can-request"]
    assert asked and asked[0]["status"] == 200 and asked[0]["bytes"] > 1000
    assert set(asked[0]) == {"time", "method", "path", "status", "duration_ms", "bytes"}
