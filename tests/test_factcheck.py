"""`mla facts check`: every problem of a facts directory, each at its file and line, and never
a problem where `load_record` sees none (nor silence where it refuses the directory)."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from mla_rules import errors
from mla_rules.cli.main import main
from mla_rules.errors import DataError
from mla_rules.law.engine import FACTS_DIR
from mla_rules.record.factcheck import check
from mla_rules.record.record import load_record


def digest(directory: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(p for p in directory.rglob("*") if p.is_file()):
        h.update(str(path.relative_to(directory)).encode() + path.read_bytes())
    return h.hexdigest()


@pytest.fixture
def facts(tmp_path: Path) -> Path:
    target = tmp_path / "facts"
    shutil.copytree(FACTS_DIR, target)
    return target


def edit(facts: Path, file: str, old: str, new: str) -> int:
    """Replace `old` by `new` once in the file; return the line where `new` starts."""
    path = facts / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {file}"
    at = text.index(old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[:at].count("\n") + 1


def test_the_shipped_facts_have_no_problem() -> None:
    assert check(FACTS_DIR) == []


MUTATIONS = [
    ("events.yaml", "record_as_of: 2025-09-01", "record_as_of: 2025-08-01",
     "record_as_of (2025-08-01) is before the latest event (2025-08-28"),
    ("events.yaml", "{state: ALB, type: signature, date: 2024-02-14,",
     "{state: ALB, type: signature, date: 2023-02-14,",
     "is outside the signature period"),
    ("events.yaml", "{state: AND, type: signature, date: 2025-02-14, source: depositary_parties}",
     "{state: AND, type: signature, date: 2025-02-14, source: depositary_partys}",
     "unknown source 'depositary_partys'"),
    ("events.yaml", "{state: ARG, type: signature, date: 2024-02-14, source: depositary_parties}",
     "{state: ARG, type: signature, date: 2024-02-14}", "has no source"),
    ("events.yaml", "{state: AUT, type: signature", "{state: AUS, type: sign",
     "unknown event type"),
    ("events.yaml", "{state: BEL, type: signature", "{state: Belgium, type: signature, bad: 1",
     "unknown key(s) bad"),
    ("events.yaml", "type: ratification\n    date: 2025-08-28",
     "type: ratification\n    date: 2025-02-01", "ratification on 2025-02-01 is before LVA's"),
    ("events.yaml", "    effective: 2025-12-01", "    effective: 2025-06-01",
     "takes effect (2025-06-01) before it happened (2025-08-28)"),
    ("events.yaml", "annexes: [A, B, C, D, E, F, H]", "annexes: [A, B, X]", "unknown annex 'X'"),
    ("events.yaml", "parts: [III]", "parts: [V]", "unknown part 'V'"),
    ("events.yaml", "{state: BGR, type: signature, date: 2024-02-14,",
     "{state: BGR, type: signature, date: 2024-02-30,", "got '2024-02-30'"),
    ("convention.yaml", "    value: 12", "    value: -12", "whole number from 0 to 1000"),
    ("convention.yaml", "    status: inferred", "    status: likely", "status must be one of"),
    ("convention.yaml", "  adopted: 2023-05-26", "  adopted: 2024-05-26",
     "dates are out of order"),
    ("convention.yaml", "    kind: extradition", "    kind: surrender", "kind must be one of"),
    ("crimes.yaml", "  - id: war-crimes", "  - id: genocide", "id used twice"),
    ("crimes.yaml", "    annex: B", "    annex: A", "Annex A already belongs to annex-a"),
    ("sources.yaml", "  title: Latvian law", "  titel: Latvian law", "unknown key(s) titel"),
    ("practical-notes.yaml", "  - state: FRA", "  - state: FRX", "unknown State: 'FRX'"),
    ("articles.yaml", "sources: [depositary_declarations, finnish_consultation]",
     "sources: [depositary_declarations, rome_statute]", "unknown source 'rome_statute'"),
    ("sources.yaml", "depositary_declarations:", "depositary_parties:",
     "duplicate key 'depositary_parties' (first on line"),
    ("events.yaml", "events:\n", "events:\n  - [\n", "invalid YAML"),
]


@pytest.mark.parametrize(("file", "old", "new", "message"), MUTATIONS,
                         ids=[m[3][:40] for m in MUTATIONS])
def test_each_mistake_is_reported_at_its_file_and_line(facts: Path, file: str, old: str,
                                                       new: str, message: str) -> None:
    line = edit(facts, file, old, new)
    problems = check(facts)
    found = [p for p in problems if message in p.message]
    assert found, [str(p) for p in problems]
    assert found[0].file == f"facts/{file}"
    if message == "invalid YAML":  # where the parser gives up, at or after the mistake
        assert found[0].line and found[0].line >= line
    elif not message.startswith("record_as_of") and "out of order" not in message:
        assert found[0].line in (line, line + 1), (found[0], line)


@pytest.mark.parametrize(("file", "old", "new", "message"), MUTATIONS,
                         ids=[m[3][:40] for m in MUTATIONS])
def test_the_check_never_passes_what_the_loader_refuses(facts: Path, file: str, old: str,
                                                         new: str, message: str) -> None:
    edit(facts, file, old, new)
    try:
        load_record(facts)
    except DataError:
        assert check(facts), "load_record refused the directory but the check found nothing"


def test_every_problem_is_reported_at_once(facts: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    for file, old, new, _ in MUTATIONS[:6] + MUTATIONS[11:13] + MUTATIONS[17:20]:
        edit(facts, file, old, new)
    before = digest(facts)
    code = main(["facts", "check", str(facts)])
    out = capsys.readouterr()
    assert code == errors.DATA
    for _, _, _, message in MUTATIONS[:6] + MUTATIONS[11:13] + MUTATIONS[17:20]:
        assert message in out.out
    assert "problems in" in out.err and "Traceback" not in out.err
    assert digest(facts) == before, "the check must not change the files it checks"


def test_json_output_lists_problems_as_data(facts: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    edit(facts, "crimes.yaml", "    annex: B", "    annex: A")
    code = main(["facts", "check", str(facts), "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    assert code == errors.DATA
    assert data == [{"file": "facts/crimes.yaml", "line": data[0]["line"],
                     "message": "crime 5 (annex-b): Annex A already belongs to annex-a",
                     "hint": None}]
    assert isinstance(data[0]["line"], int) and data[0]["line"] > 1


def test_missing_and_broken_files(facts: Path) -> None:
    (facts / "practical-notes.yaml").unlink()
    (facts / "states.json").write_text('{"states": [\n  {"alpha_3": "LVA",\n}', "utf-8")
    problems = {(p.file, p.message.split(":")[0]) for p in check(facts)}
    assert ("facts/practical-notes.yaml", "file not found") in problems
    assert ("facts/states.json", "invalid JSON") in problems


def test_a_missing_parameter_is_named(facts: Path) -> None:
    path = facts / "convention.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("  withdrawal_delay_months:")
    end = text.index("  denunciation_delay_months:")
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    assert any(p.message == "parameter withdrawal_delay_months is missing" for p in check(facts))


def test_the_command_checks_the_shipped_facts_by_default(
        capsys: pytest.CaptureFixture[str]) -> None:
    before = digest(FACTS_DIR)
    assert main(["facts", "check"]) == 0
    assert "no problems found" in capsys.readouterr().err
    assert digest(FACTS_DIR) == before
