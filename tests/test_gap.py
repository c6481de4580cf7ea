"""The gap, checked against the rules: the expansion of per-State conditions in network/gap.py
gives, pair by pair, what pyDatalog's `legal_basis_under` and `legal-basis` say; what-if's
`gap_closed` equals the difference of two gap computations; the universe is what it says."""

from __future__ import annotations

import json
import random
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mla_rules.law.engine import FACTS_DIR, Engine
from mla_rules.network.gap import Gap, universe
from mla_rules.network.whatif import diff, summary
from mla_rules.questions.answer import Question
from mla_rules.questions.context import shipped_record
from mla_rules.questions.legal_basis import legal_basis
from mla_rules.record.framework import BASIS_NATURES, CONVENTION_ID

ON = "2026-11-28"
STATES = ["FRA", "DEU", "GBR", "NOR", "ISL", "JPN", "SEN", "LVA", "NLD", "BEL", "USA", "ARG"]
INSTRUMENTS = [i for i in shipped_record().framework.instruments  # type: ignore[union-attr]
               if i != CONVENTION_ID]


def test_the_universe_is_the_un_members_the_observers_and_the_states_named() -> None:
    doc = json.loads((FACTS_DIR / "universe.json").read_text(encoding="utf-8"))
    record = shipped_record()
    assert len(doc["un_members"]) == 193 and set(doc["observers"]) == {"VAT", "PSE"}
    states = universe(record)
    assert set(doc["un_members"]) <= set(states) and {"VAT", "PSE", "XKX"} <= set(states)
    assert "ABW" not in states and "PRI" not in states  # territories are not States
    assert all(code in record.states.by_code for code in states)


def _expected(engine: Engine, a: str, b: str, crime: str, kind: str, on: str
              ) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """pyDatalog's own pairwise answers, in catalogue order."""
    order = list(engine.record.framework.instruments)  # type: ignore[union-attr]
    basis = {r[0] for r in engine.query("legal_basis_under", (None, a, b, crime, kind, on))}
    applying = {r[0] for r in engine.query("applies_between", (None, a, b, crime, kind, on))}
    undertaking = {r[0] for r in engine.query("covers", (None, None, crime, kind, "undertaking"))}
    return (tuple(i for i in order if i in basis),
            tuple(i for i in order if i in applying & undertaking and i != CONVENTION_ID))


def test_the_gap_agrees_with_the_rules_on_samples() -> None:
    record = shipped_record()
    engine = Engine(record)
    states = universe(record)
    rng = random.Random(3)
    pairs = [tuple(rng.sample(states, 2)) for _ in range(50)] + [
        ("FRA", "DEU"), ("GBR", "FRA"), ("NOR", "ISL"), ("ISL", "SWE"), ("LVA", "NLD")]
    for on in (ON, "2019-06-01", "2020-12-31"):
        gap = Gap(engine, on, states)
        for a, b in pairs:
            for crime in gap.crimes:
                for kind in gap.kinds:
                    row = gap.row(a, b, crime, kind)
                    assert (row.bases, row.undertakings) == _expected(
                        engine, a, b, crime, kind, on), (a, b, crime, kind, on)


def _world(data: st.DataObject) -> Any:
    """The shipped record plus random events of the other instruments and the Convention."""
    events = []
    for _ in range(data.draw(st.integers(1, 14))):
        instrument = data.draw(st.sampled_from(INSTRUMENTS))
        kind = data.draw(st.sampled_from(["in-force", "application", "accession",
                                          "withdrawal", "objection-precluding"]))
        drawn = f"{data.draw(st.integers(2005, 2026))}-0{data.draw(st.integers(1, 9))}-01"
        adopted = shipped_record().framework.instruments[instrument].adopted  # type: ignore
        event = {"state": data.draw(st.sampled_from(STATES)), "type": kind,
                 "instrument": instrument, "date": max(drawn, adopted)}
        if kind == "objection-precluding":
            event["other"] = data.draw(st.sampled_from(STATES))
        events.append(event)
    for state in data.draw(st.lists(st.sampled_from(STATES), max_size=4, unique=True)):
        events.append({"state": state, "type": "accession", "date": "2025-03-01"})
    doc = {"name": "a random world", "events": events}
    return shipped_record().with_overlay(doc, "property test")


SETTINGS = settings(max_examples=12, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(data=st.data())
def test_gap_rows_equal_legal_basis_asked_pair_by_pair(data: st.DataObject) -> None:
    record = _world(data)
    engine = Engine(record)
    gap = Gap(engine, ON, STATES, crimes=["genocide", "annex-f", "crimes-against-humanity"])
    rows = list(gap.rows())
    for row in data.draw(st.lists(st.sampled_from(rows), min_size=3, max_size=6)):
        q = Question(record.states.get(row.requesting), record.states.get(row.requested),
                     record.crimes[row.crime], row.kind, ON)
        answer = legal_basis(engine, q)
        assert row.bases == tuple(b.instrument.id for b in answer.bases
                                  if b.applies and b.nature in BASIS_NATURES), row
        assert (not row.bases) == (not answer.applies)
        if not row.bases:  # the pairs the gap counts apart: as `mla legal-basis` says
            assert row.undecided == tuple(
                b.instrument.id for b in answer.bases if b.undecided
                and b.instrument.clause_for(row.kind) is not None
                and b.nature in BASIS_NATURES and not b.instrument.convention), row


@SETTINGS
@given(data=st.data())
def test_what_ifs_gap_closed_is_the_difference_of_two_gaps(data: st.DataObject) -> None:
    before = shipped_record()
    joiners = data.draw(st.lists(st.sampled_from(STATES), min_size=1, max_size=4, unique=True))
    doc = {"name": "some States join", "events": [
        {"state": s, "type": "accession", "date": "2025-03-01"} for s in joiners
        if s not in ("LVA",)] + [
        {"state": s, "type": "declaration", "annexes": ["H"], "date": "2025-03-01"}
        for s in joiners]}
    after = before.with_overlay(doc, "property test")
    b, a = Engine(before), Engine(after)
    d = diff(b, a, ON)
    states = sorted(set(STATES) | set(d.after.bound["mla"]) | set(d.after.bound["extradition"]))
    gap_before = sum(1 for r in Gap(b, ON, states).rows() if not r.bases)
    gap_after = sum(1 for r in Gap(a, ON, states).rows() if not r.bases)
    assert summary(d)["gap_closed"]["total"] == gap_before - gap_after


def test_gap_json_rows_and_counts_say_what_could_not_be_decided(
        capsys: pytest.CaptureFixture[str]) -> None:
    import json

    from clirun import run

    code, out, _ = run(capsys, "gap", "--on", "2026-11-28", "--crime", "war-crimes",
                       "--kind", "extradition", "--format", "json")
    doc = json.loads(out)
    assert code == 0 and all("undecided" in r for r in doc["rows"])
    undecided = [r for r in doc["rows"] if r["undecided"]]
    assert undecided and all(not r["bases"] for r in undecided)
    cell = doc["counts"]["per_crime"]["war-crimes"]["extradition"]
    assert cell["undecided"] == len(undecided) <= cell["no_basis"]
    code, csv, _ = run(capsys, "gap", "--on", "2026-11-28", "--crime", "war-crimes",
                       "--kind", "extradition", "--format", "csv")
    assert csv.splitlines()[0] == "requesting,requested,crime,kind,bases"  # five columns
