"""Scenarios never change the shipped facts or each other, also when several are evaluated in
one process (a copied pyDatalog Logic would share stored facts: each Engine starts fresh)."""

from __future__ import annotations

from pathlib import Path

from mla_rules.law.engine import Engine
from mla_rules.network.matrix import Network
from mla_rules.questions.context import record_with, shipped_record

ON = "2027-06-01"


def _scenario(tmp_path: Path, name: str, body: str) -> Path:
    path = tmp_path / f"{name}.yaml"
    path.write_text(f"name: {name}\n{body}", encoding="utf-8")
    return path


def test_baseline_unchanged_after_scenarios(tmp_path: Path) -> None:
    baseline = Engine(shipped_record())
    before = Network(baseline, ON).relation_set()
    events_before = shipped_record().events
    senegal = _scenario(tmp_path, "senegal", "events:\n  - {state: SEN, type: ratification, "
                                             "date: 2026-12-10}\n")
    strict = _scenario(tmp_path, "strict", "parameters: {entry_into_force_threshold: 15}\n")
    a = Engine(record_with([senegal]))
    b = Engine(record_with([strict]))
    assert Network(a, ON).relation_set() > before
    assert Network(b, ON).relation_set() == set()
    # the baseline engine, queried again after the others, answers as before
    assert Network(baseline, ON).relation_set() == before
    assert Network(Engine(shipped_record()), ON).relation_set() == before
    assert shipped_record().events == events_before
    assert shipped_record().parameters["entry_into_force_threshold"].value == 1
    # and scenarios do not leak into each other
    assert Network(b, ON).bound["mla"] == {"NLD"}  # provisional application only
    assert "SEN" in Network(a, ON).bound["mla"]
