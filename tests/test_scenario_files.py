"""Malformed scenario files: each gives a data error (exit 3) that says what is wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from mla_rules import errors
from mla_rules.cli.main import main

BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{n}: &{n} [{', '.join(['*' + p] * 9)}]\n"
    for p, n in zip("abcdefgh", "bcdefghi", strict=True))


@pytest.mark.parametrize(("content", "message"), [
    ("name: x\nevents: 5\n", "events must be a list"),
    ("- a\n- b\n", "must be a mapping"),
    ("", "is empty"),
    ("name: [1]\nevents: []\n", "name must be text"),
    ("events: []\n", "has no name"),
    ("name: x\nevents:\n - {state: [LVA], type: accession, date: 2026-01-01}\n",
     "state must be text"),
    ("name: x\nevents:\n - {state: LVA, type: accession, date: 20260101}\n",
     "date must be a date in the form YYYY-MM-DD"),
    ("name: x\ndate: 2026-02-30\n", "line 2: invalid value: 2026-02-30 is not a date that "
     "exists (day is out of range for month)"),
    ("name: x\nevents:\n - {state: BEL, type: ratification, date: 2026-13-45}\n",
     "line 3: invalid value: 2026-13-45 is not a date that exists (month must be in 1..12)"),
    ("name: x\nparameters: {entry_into_force_threshold: -3}\n", "whole number from 0 to 1000"),
    ("name: x\nparameters: {threshold: 15}\n", "unknown parameter"),
    ("name: x\non: 2026-01-01\n", "Use `date:`"),
    ("name: x\nevents:\n - {state: LVA, type: declaration, date: 2026-01-01}\n",
     "annexes must be a non-empty list"),
    ("name: x\nevents:\n - {state: NLD, type: provisional-application, parts: [V], "
     "date: 2026-01-01}\n", "unknown part 'V'"),
    ("name: x\nevents:\n - {state: LVA, type: denunciation, date: 2022-01-01}\n",
     "before the Convention was adopted"),
    ("name: x\nevents:\n - {state: LVA, type: denunciation, date: 2027-01-01, "
     "effective: 2026-01-01}\n", "takes effect (2026-01-01) before it happened"),
    ("name: x\nevents:\n - {state: BEL, type: ratification, date: 2024-01-01}\n",
     "before BEL's signature"),
    (BOMB, "aliases nested too deeply"),
    ("name: x\x00\n", "invalid YAML"),
])
def test_scenario_file_errors(content: str, message: str, tmp_path: Path,
                              capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "scenario.yaml"
    path.write_text(content, encoding="utf-8")
    code = main(["can-request", "--from", "LVA", "--to", "NLD", "--crime", "genocide",
                 "--scenario", str(path)])
    err = capsys.readouterr().err
    assert code == errors.DATA, err
    assert message in err
    assert str(path) in err and "Traceback" not in err


def test_binary_file_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "s.yaml"
    path.write_bytes(bytes(range(256)))
    assert main(["status", "LVA", "--scenario", str(path)]) == errors.DATA
    assert "not UTF-8" in capsys.readouterr().err
