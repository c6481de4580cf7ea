"""`mla docs` at its edges: an output that cannot be a directory and a results file that is
not a cucumber report are a usage or data error with a message, never "a bug" (exit 4), and
nothing half-written is left behind."""

from __future__ import annotations

from pathlib import Path

import pytest

from mla_rules import errors
from tests.clirun import run


@pytest.mark.parametrize("where", ["below-a-file", "proc", "too-long"])
def test_an_output_that_cannot_be_a_directory_is_a_usage_error(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, where: str) -> None:
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    output = {"below-a-file": tmp_path / "a-file" / "site", "proc": Path("/proc/nowhere/site"),
              "too-long": tmp_path / ("a" * 300)}[where]
    code, out, err = run(capsys, "docs", "--output", str(output), "--results",
                         str(tmp_path / "none.json"))
    assert code == errors.USAGE, err
    assert "--output: cannot write the site into" in err and "bug" not in err
    assert out == ""


@pytest.mark.parametrize("content", ['{"features": 1}', "not json", '[{"elements": 3}]',
                                     "\udcff"])
def test_a_results_file_that_is_not_a_cucumber_report_is_a_data_error(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, content: str) -> None:
    report = tmp_path / "report.json"
    report.write_bytes(content.encode("utf-8", "surrogateescape"))
    site = tmp_path / "site"
    code, _, err = run(capsys, "docs", "--output", str(site), "--results", str(report))
    assert code == errors.DATA, err
    assert "is not a cucumber JSON report" in err
    assert not site.exists(), "nothing is written when the input is wrong"


def test_a_directory_as_results_is_a_usage_error(capsys: pytest.CaptureFixture[str],
                                                 tmp_path: Path) -> None:
    code, _, err = run(capsys, "docs", "--output", str(tmp_path / "site"), "--results",
                       str(tmp_path))
    assert code == errors.USAGE and "--results" in err
