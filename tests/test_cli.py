"""The command line as a contract: exit codes, JSON shape, help, completion, no tracebacks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import click
import pytest
from clirun import loaded_by_a_question, run

from mla_rules import errors
from mla_rules.cli.main import cli

ROOT = Path(__file__).resolve().parent.parent


def test_json_answer_has_the_documented_fields(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "can-request", "--from", "LVA", "--to", "NLD", "--crime",
                       "genocide", "--on", "2026-11-28", "--format", "json")
    data = json.loads(out)
    assert code == errors.APPLIES
    assert data["applies"] is True
    assert (data["requesting"], data["requested"], data["crime"], data["kind"], data["on"]) == (
        "LVA", "NLD", "genocide", "mla", "2026-11-28")
    assert data["record_as_of"] == "2025-09-01"
    assert data["explanation"]["rule"]["id"] == "can-request"
    assert any(p.get("rule") == "bound-provisional" and p["status"] == "interpretation"
               for p in data["unverified_premises"])
    assert data["warnings"], "a date after the record's as-of date must warn"


def test_json_no_lists_every_failing_condition(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "can-request", "--from", "Belgium", "--to", "Belgique",
                       "--crime", "genocide")
    assert code == errors.USAGE  # same State twice
    code, out, _ = run(capsys, "can-request", "--from", "Belgium", "--to", "Austria",
                       "--crime", "genocide", "--on", "2026-11-28", "--format", "json")
    data = json.loads(out)
    assert code == errors.DOES_NOT_APPLY and data["applies"] is False
    failing = " ".join(f["condition"] for f in data["failing"])
    assert "Belgium is not bound" in failing and "Austria is not bound" in failing


def test_scenario_date_is_the_default_date(capsys: pytest.CaptureFixture[str],
                                           tmp_path: Path) -> None:
    scenario = tmp_path / "s.yaml"
    scenario.write_text("name: s\ndate: 2025-06-01\nevents: []\n")
    _, out, _ = run(capsys, "can-request", "--from", "LVA", "--to", "NLD", "--crime",
                    "genocide", "--scenario", str(scenario), "--format", "json")
    assert json.loads(out)["on"] == "2025-06-01"


def test_missing_scenario_file_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "can-request", "--from", "LVA", "--to", "NLD", "--crime",
                       "genocide", "--scenario", "no-such-file.yaml")
    assert code == errors.DATA and "file not found" in err


def test_status_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "status", "Lettonie", "--on", "2026-11-28", "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["state"] == "LVA"
    assert data["in_force_from"] == "2025-12-01"
    assert data["bound"]["mla"]["bound"] and data["bound"]["extradition"]["bound"]
    assert data["opted_in_annexes"] == ["A", "B", "C", "D", "E", "F", "H"]
    assert {n["topic"] for n in data["practical_notes"]} >= {"central-authority", "language"}


def test_status_of_a_provisional_applier(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "status", "NLD", "--on", "2026-11-28")
    assert "Mutual legal assistance: bound" in out
    assert "Extradition: not bound" in out
    assert "European part of the Netherlands" in out


def test_states_and_crimes_lists(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "states", "--format", "json")
    codes = {s["alpha_3"] for s in json.loads(out)}
    assert len(codes) == 40 and {"LVA", "NLD", "XKX", "COD"} <= codes
    _, out, _ = run(capsys, "crimes", "--format", "json")
    crimes = {c["id"]: c for c in json.loads(out)}
    assert len(crimes) == 11
    assert crimes["annex-h"]["verified"] and not crimes["annex-f"]["verified"]


def test_every_command_has_help_and_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ctx = click.Context(cli)
    for name in cli.list_commands(ctx):
        command = cli.get_command(ctx, name)
        assert command is not None and command.help, f"`mla {name}` has no help text"
        assert f"mla {name}" in readme, f"`mla {name}` is not documented in README.md"


def test_completion_of_states_and_crimes() -> None:
    env = {**os.environ, "_MLA_COMPLETE": "bash_complete",
           "COMP_WORDS": "mla can-request --from Latv", "COMP_CWORD": "3"}
    done = subprocess.run([sys.executable, "-m", "mla_rules"], env=env, capture_output=True,
                          text=True, check=False)
    assert "LVA" in done.stdout
    env.update(COMP_WORDS="mla can-request --crime war", COMP_CWORD="3")
    done = subprocess.run([sys.executable, "-m", "mla_rules"], env=env, capture_output=True,
                          text=True, check=False)
    assert "war-crimes" in done.stdout


def test_a_real_process_exits_with_the_answer() -> None:
    done = subprocess.run([sys.executable, "-m", "mla_rules", "can-request", "--from", "LVA",
                           "--to", "NLD", "--crime", "genocide", "--kind", "extradition",
                           "--on", "2026-11-28"], capture_output=True, text=True, check=False)
    assert done.returncode == errors.DOES_NOT_APPLY
    assert done.stdout.startswith("NO — ")
    assert "Netherlands is not bound by the Convention for extradition" in done.stdout


def test_code_as_input_runs_nothing(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    payload = f"__import__('os').system('touch {marker}')"
    for option in ("--from", "--to", "--crime"):
        argv = {"--from": "LVA", "--to": "NLD", "--crime": "genocide", option: payload}
        done = subprocess.run([sys.executable, "-m", "mla_rules", "can-request",
                               *[x for kv in argv.items() for x in kv]],
                              capture_output=True, text=True, check=False)
        assert done.returncode == errors.USAGE
        assert "Traceback" not in done.stderr
    scenario = tmp_path / "s.yaml"
    scenario.write_text(f'name: x\nevents:\n  - {{state: "{payload}", type: accession, '
                        f"date: 2026-01-01}}\n")
    done = subprocess.run([sys.executable, "-m", "mla_rules", "can-request", "--from", "LVA",
                           "--to", "NLD", "--crime", "genocide", "--scenario", str(scenario)],
                          capture_output=True, text=True, check=False)
    assert done.returncode == errors.DATA
    assert not marker.exists()


def test_instruments_report_how_complete_each_list_is(capsys: pytest.CaptureFixture[str]
                                                      ) -> None:
    code, out, _ = run(capsys, "instruments", "--format", "json")
    assert code == 0
    rows = {r["id"]: r for r in json.loads(out)}
    for iid, r in rows.items():
        if iid == "ljubljana-the-hague-2023":
            assert r["parties_recorded"] is None
            continue
        assert r["parties_list"] in ("complete", "partial")
        assert 0 <= r["parties_no_later_than"] <= r["parties_recorded"]
        assert 0 <= r["rows_secondary"] <= r["rows"] and 0 <= r["rows_unverified"] <= r["rows"]
        if r["parties_known_total"] is not None and r["parties_list"] == "partial":
            assert r["parties_recorded"] <= r["parties_known_total"] + 1, iid
    # the UN's own file is the depositary's: few genocide rows rest on secondary sources
    assert rows["genocide-1948"]["rows_secondary"] < rows["genocide-1948"]["rows"] / 4
    code, text, _ = run(capsys, "instruments")
    assert "rows on secondary sources" in text


def test_a_rank_naming_no_source_of_a_parties_file_is_a_data_error(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    import shutil

    from mla_rules.law.engine import FACTS_DIR

    facts = tmp_path / "facts"
    shutil.copytree(FACTS_DIR, facts)
    path = facts / "parties" / "geneva-1949.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "# as_of:", "# rank: no-such-source official\n# as_of:", 1), encoding="utf-8")
    code, out, _ = run(capsys, "facts", "check", str(facts))
    assert code == errors.DATA
    assert "geneva-1949.csv: `# rank: no-such-source official` names no source" in out


def test_a_question_imports_only_its_own_commands_module() -> None:
    """Start-up speed: `mla can-request` does not load the network's, the maintainers' or the
    server's command modules, nor difflib (needed only to suggest names)."""
    assert loaded_by_a_question(("mla_rules.cli.network", "mla_rules.cli.maintainers",
                                 "mla_rules.cli.serve", "difflib")) == []
