"""Run the `mla` command line in-process as a user would, and capture what it prints."""

from __future__ import annotations

import pytest

from mla_rules.cli.main import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Exit code, stdout and stderr of `mla ARGV`; never a traceback."""
    capsys.readouterr()
    code = main(list(argv))
    out = capsys.readouterr()
    assert "Traceback" not in out.err
    return code, out.out, out.err
