"""`mla matrix`, `mla what-if`, `mla timeline` as a contract, and the HTML report in a real
headless browser."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from clirun import run

from mla_rules import errors

SENEGAL = """name: Senegal ratifies
description: Senegal ratifies in December 2026 and opts in to Annex H
date: 2027-06-01
events:
  - {state: SEN, type: ratification, date: 2026-12-10}
  - {state: SEN, type: declaration, annexes: [H], date: 2026-12-10}
"""


@pytest.fixture
def senegal(tmp_path: Path) -> Path:
    path = tmp_path / "senegal.yaml"
    path.write_text(SENEGAL, encoding="utf-8")
    return path


def test_matrix_csv_and_json_of_the_shipped_record(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "matrix", "--on", "2026-11-28", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and out.startswith("requesting,requested,crime,kind\n")
    assert {(r["requesting"], r["requested"], r["crime"], r["kind"]) for r in rows} == {
        (a, b, c, "mla") for a, b in (("LVA", "NLD"), ("NLD", "LVA"))
        for c in ("genocide", "crimes-against-humanity", "war-crimes")}
    _, out, _ = run(capsys, "matrix", "--on", "2026-11-28", "--format", "json")
    data = json.loads(out)
    assert data["on"] == "2026-11-28" and len(data["relations"]) == 6
    assert data["counts"]["genocide"] == {"mla": 2, "extradition": 0}


def test_matrix_filters_and_text(capsys: pytest.CaptureFixture[str], senegal: Path) -> None:
    _, out, _ = run(capsys, "matrix", "--scenario", str(senegal), "--crime", "aggression",
                    "--kind", "extradition", "--format", "csv")
    assert out.splitlines()[1:] == ["LVA,SEN,annex-h,extradition", "SEN,LVA,annex-h,extradition"]
    _, out, _ = run(capsys, "matrix", "--scenario", str(senegal))
    assert "Bound for extradition (2): Latvia, Senegal" in out
    assert "Annex H: LVA, SEN" in out


def test_what_if_json_and_text(capsys: pytest.CaptureFixture[str], senegal: Path) -> None:
    code, out, _ = run(capsys, "what-if", str(senegal), "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["on"] == "2027-06-01" and not data["lost"]
    assert {"requesting": "SEN", "requested": "LVA", "crime": "annex-h",
            "kind": "extradition", "other_bases": []} in data["gained"]  # closes a gap
    assert data["summary"]["gained"] == len(data["gained"]) == 22
    _, out, _ = run(capsys, "what-if", str(senegal), "--explain", "1")
    assert "Senegal (in force for it from 1 April 2027) gains 4 for Annex H, 18 for the " \
           "Art. 5 crimes." in out
    assert "YES — the Convention governs" in out


def test_what_if_against_another_scenario(capsys: pytest.CaptureFixture[str], senegal: Path,
                                          tmp_path: Path) -> None:
    strict = tmp_path / "strict.yaml"
    strict.write_text("name: fifteen instruments\nparameters: {entry_into_force_threshold: 15}\n")
    _, out, _ = run(capsys, "what-if", str(strict), "--on", "2027-06-01", "--format", "json")
    data = json.loads(out)
    assert data["gained"] == [] and len(data["lost"]) == 6  # Latvia is no longer in force
    assert all(r["requesting"] in ("LVA", "NLD") for r in data["lost"])
    # Two alternatives: Senegal ratifying (28 relations) against the threshold of fifteen
    # (none): all of Senegal's are gained, none lost.
    _, out, _ = run(capsys, "what-if", str(senegal), "--against", str(strict),
                    "--format", "csv")
    lines = out.splitlines()
    assert lines[0] == "change,requesting,requested,crime,kind"
    assert len(lines) - 1 == 6 + 22 and all(line.startswith("gained,") for line in lines[1:])
    # Senegal ratifying on top of the threshold of fifteen: still too few instruments.
    _, out, _ = run(capsys, "what-if", str(senegal), "--on-top-of", str(strict),
                    "--format", "csv")
    assert out.splitlines() == ["change,requesting,requested,crime,kind"]
    _, out, _ = run(capsys, "what-if", str(strict), "--against", str(senegal))
    assert out.startswith("Scenario 'fifteen instruments' compared with scenario 'Senegal "
                          "ratifies'.")
    assert "'fifteen instruments' gains 0 and loses 28 cooperation relations" in out


def test_unknown_parameter_is_a_data_error(capsys: pytest.CaptureFixture[str],
                                           tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: bad\nparameters: {threshold: 15}\n")
    code, _, err = run(capsys, "what-if", str(bad))
    assert code == errors.DATA and "unknown parameter" in err


def test_timeline(capsys: pytest.CaptureFixture[str], senegal: Path) -> None:
    code, out, _ = run(capsys, "timeline", "--scenario", str(senegal), "--from", "2026-01-01",
                       "--format", "json")
    entries = json.loads(out)["timeline"]
    assert code == 0 and [e["on"] for e in entries] == ["2027-04-01"]
    assert {"change": "bound", "state": "SEN", "kind": "extradition"} in entries[0]["changes"]
    assert entries[0]["relations"] == 6 + 22
    _, out, _ = run(capsys, "timeline")
    assert "1 December 2025: 2 bound for MLA, 1 for extradition, 6 relations" in out
    code, _, err = run(capsys, "timeline", "--to", "2026-02-31")
    assert code == errors.USAGE and "--to" in err


def test_report_in_a_real_browser(tmp_path: Path, senegal: Path,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    from browser import pdf, render

    report = tmp_path / "report.html"
    code, _, err = run(capsys, "what-if", str(senegal), "--format", "html", "--output",
                       str(report), "--explain", "2")
    assert code == 0 and f"wrote {report}" in err
    html = report.read_text(encoding="utf-8")
    # it loads nothing from elsewhere (its sources are links a reader may follow: <a href>)
    assert not re.search(r"<(?!a\s)[a-z]+\b[^>]*\s(src|href)=\"(https?:)?//", html), \
        "the report loads nothing"
    assert re.search(r"<a [^>]*href=\"https://", html), "the sources link to their pages"
    dom = render(report)
    assert "What if: Senegal ratifies" in dom
    assert "opens 22 and closes 0 cooperation relations" in dom
    assert 'title="Senegal → Latvia: both kinds"' in dom
    assert "Why: explanations of changed relations" in dom and "YES — the Convention" in dom
    printed = pdf(report, tmp_path / "report.pdf")
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", printed.read_bytes())
    assert boxes and all(abs(float(w) - 595) < 2 and abs(float(h) - 842) < 2 for w, h in boxes)
