"""The fast matrix (per-State conditions from pyDatalog, pairs expanded in Python) agrees cell
for cell with pyDatalog's own answers to the pairwise rule `can_request`, in several
scenarios, on a random sample of cells."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from mla_rules.law.engine import Engine
from mla_rules.network.matrix import KINDS, Network, Relation
from mla_rules.questions.context import shipped_record

ROOT = Path(__file__).resolve().parent.parent

MIXED = {"name": "mixed", "events": [
    {"state": "SVN", "type": "ratification", "date": "2025-01-15"},
    {"state": "SVN", "type": "declaration", "annexes": ["H", "G"], "date": "2025-01-15"},
    {"state": "KEN", "type": "accession", "date": "2026-03-03"},
    {"state": "KEN", "type": "declaration", "annexes": ["H", "F"], "date": "2026-05-05"},
    {"state": "BEL", "type": "provisional-application", "parts": ["IV"], "date": "2026-01-01"},
    {"state": "LVA", "type": "declaration-withdrawal", "annexes": ["F"], "date": "2026-02-01"},
    {"state": "SVN", "type": "denunciation", "date": "2026-06-02"},
    {"state": "COD", "type": "ratification", "date": "2026-04-04"},
]}


def _universal() -> dict[str, object]:
    import yaml

    sys_path = ROOT / "benchmarks"
    import importlib.util

    spec = importlib.util.spec_from_file_location("universal", sys_path / "universal.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    doc = yaml.safe_load(module.scenario_text())
    assert isinstance(doc, dict)
    return doc


WORLDS = {
    "shipped": None,
    "mixed": MIXED,
    "threshold 3": {**MIXED, "name": "threshold 3",
                    "parameters": {"entry_into_force_threshold": 3}},
    "universal": "universal",
}


CASES = [(w, on) for w in WORLDS if w != "universal"
         for on in ("2025-12-01", "2026-11-28", "2027-06-01")] + [("universal", "2027-06-01")]


@pytest.mark.parametrize(("world", "on"), CASES)
def test_matrix_agrees_with_pydatalog(world: str, on: str) -> None:
    doc = WORLDS[world]
    record = shipped_record()
    if doc == "universal":
        record = record.with_overlay(_universal(), "universal")
    elif doc is not None:
        record = record.with_overlay(doc, world)  # type: ignore[arg-type]
    engine = Engine(record)
    net = Network(engine, on)
    relations = net.relation_set()
    listed = list(net.relations())
    assert len(listed) == len(relations) == sum(sum(n.values()) for n in net.counts().values())
    if world != "universal":
        assert set(listed) == relations
    rng = random.Random(f"{world}{on}")
    involved = sorted({e.state for e in record.events}) + ["KEN", "FRA"]
    cells = [(a, b, c, k) for a in involved for b in involved for c in net.crimes for k in KINDS]
    sample = rng.sample(cells, min(400, len(cells)))
    sample += [tuple(r) for r in rng.sample(sorted(relations), min(100, len(relations)))]
    for a, b, c, k in sample:
        assert engine.can_request(a, b, c, k, on) == (Relation(a, b, c, k) in relations), \
            (world, on, a, b, c, k)
