"""Run the `mla` command line in-process as a user would, and capture what it prints."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from mla_rules.cli.main import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Exit code, stdout and stderr of `mla ARGV`; never a traceback."""
    capsys.readouterr()
    code = main(list(argv))
    out = capsys.readouterr()
    assert "Traceback" not in out.err
    return code, out.out, out.err


def loaded_by_a_question(modules: tuple[str, ...]) -> list[str]:
    """Which of these modules a cold `mla can-request` process has imported (start-up speed:
    a question must not pay for what only other commands need)."""
    code = ("import json, sys; from mla_rules.cli.main import main; "
            "main(['can-request', '--from', 'LVA', '--to', 'NLD', '--crime', 'genocide', "
            "'--on', '2026-11-28', '--format', 'json']); "
            f"print(json.dumps(sorted(m for m in {list(modules)!r} if m in sys.modules)))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=False)
    lines = out.stdout.strip().splitlines()
    assert lines, out.stderr
    return list(json.loads(lines[-1]))
