"""`mla legal-basis` and can-request's other bases, as a contract: the JSON a case-management
system reads, exit codes, errors, scenarios that reach every instrument, and the promise that a
question answered from only its two States' facts gives the answer of the full record."""

from __future__ import annotations

import itertools
import json
import random
from pathlib import Path

import pytest
from clirun import run

from mla_rules import errors
from mla_rules.law.engine import Engine
from mla_rules.present.documents import can_request_document, dumps
from mla_rules.present.legal_basis import legal_basis_dict
from mla_rules.questions.answer import Question, ask
from mla_rules.questions.context import shipped_record
from mla_rules.questions.legal_basis import legal_basis, other_bases

KEYS = {"requesting", "requested", "crime", "kind", "on", "committed", "applies", "bases",
        "record_as_of", "warnings"}
BASIS_KEYS = {"instrument", "title", "applies", "nature", "provisions", "conditions",
              "superseded_by", "why_not", "explanation"}


def test_json_lists_every_instrument_in_catalogue_order(capsys: pytest.CaptureFixture[str]
                                                       ) -> None:
    code, out, _ = run(capsys, "legal-basis", "--from", "France", "--to", "Germany", "--crime",
                       "genocide", "--kind", "extradition", "--on", "2026-11-28",
                       "--format", "json")
    data = json.loads(out)
    assert code == errors.APPLIES and data["applies"] is True
    assert KEYS <= set(data)
    catalogue = list(shipped_record().framework.instruments)  # type: ignore[union-attr]
    assert [b["instrument"] for b in data["bases"]] == catalogue
    for basis in data["bases"]:
        assert BASIS_KEYS <= set(basis)
        assert (basis["why_not"] is None) == basis["applies"]
    by_id = {b["instrument"]: b for b in data["bases"]}
    ets24 = by_id["coe-extradition-1957"]
    assert ets24["applies"] and ets24["superseded_by"] == ["eu-arrest-warrant-2002"]
    assert by_id["genocide-1948"]["nature"] == "undertaking"
    assert data["record_as_of"]["ljubljana-the-hague-2023"] == "2025-09-01"
    assert any("bilateral treat" in w for w in data["warnings"])


def test_the_convention_entry_equals_can_request(capsys: pytest.CaptureFixture[str]) -> None:
    for kind in ("mla", "extradition"):
        args = ["--from", "Latvia", "--to", "Netherlands", "--crime", "genocide", "--kind",
                kind, "--on", "2026-11-28", "--format", "json"]
        _, lb, _ = run(capsys, "legal-basis", *args)
        code, cr, _ = run(capsys, "can-request", *args)
        convention = json.loads(lb)["bases"][0]
        assert convention["instrument"] == "ljubljana-the-hague-2023"
        assert convention["applies"] == json.loads(cr)["applies"] == (code == errors.APPLIES)
        assert convention["explanation"] == json.loads(cr)["explanation"]


def test_undertakings_alone_exit_1(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    scenario = tmp_path / "two.yaml"
    scenario.write_text("name: two parties to the Genocide Convention only\nevents:\n"
                        "  - {state: RWA, type: accession, date: 1975-04-16, instrument: "
                        "genocide-1948}\n  - {state: BDI, type: accession, date: 1997-01-06, "
                        "instrument: genocide-1948}\n", encoding="utf-8")
    code, out, _ = run(capsys, "legal-basis", "--from", "RWA", "--to", "BDI", "--crime",
                       "genocide", "--kind", "extradition", "--on", "2026-01-01",
                       "--scenario", str(scenario), "--format", "json")
    data = json.loads(out)
    assert code == errors.DOES_NOT_APPLY and data["applies"] is False
    genocide = next(b for b in data["bases"] if b["instrument"] == "genocide-1948")
    assert genocide["applies"] and genocide["nature"] == "undertaking"


def test_a_scenario_reaches_any_instrument(capsys: pytest.CaptureFixture[str],
                                           tmp_path: Path) -> None:
    scenario = tmp_path / "usa.yaml"
    scenario.write_text("name: the United States joins the Enforced Disappearance Convention\n"
                        "events:\n  - {state: USA, type: accession, instrument: "
                        "disappearance-2006, date: 2027-03-01}\n  - {state: FRA, type: "
                        "ratification, instrument: disappearance-2006, date: 2008-09-23}\n",
                        encoding="utf-8")
    base = ["legal-basis", "--from", "USA", "--to", "FRA", "--crime", "enforced disappearance",
            "--scenario", str(scenario), "--format", "json"]
    before = json.loads(run(capsys, *base, "--on", "2027-03-30")[1])
    after = json.loads(run(capsys, *base, "--on", "2027-03-31")[1])
    pick = {b["instrument"]: b for b in after["bases"]}["disappearance-2006"]
    assert pick["applies"] and pick["in_force"]["USA"] == "2027-03-31"
    assert not {b["instrument"]: b for b in before["bases"]}["disappearance-2006"]["applies"]


@pytest.mark.parametrize(("event", "message"), [
    ("{state: USA, type: accession, instrument: no-such-treaty, date: 2027-03-01}",
     "unknown instrument 'no-such-treaty'"),
    ("{state: USA, type: declaration, instrument: torture-1984, annexes: [A], date: 2027-03-01}",
     "`annexes:` is for events of the Ljubljana"),
    ("{state: USA, type: ratificatoin, instrument: torture-1984, date: 2027-03-01}",
     "unknown event type 'ratificatoin'"),
    ("{state: USA, type: objection-precluding, instrument: genocide-1948, date: 2027-03-01}",
     "needs `other`"),
    ("{state: USA, type: accession, instrument: torture-1984, date: 1980-03-01}",
     "before the Convention against Torture was adopted"),
    ("{state: USA, type: accession, other: FRA, date: 2027-03-01}",
     "`other:` belongs to events of other instruments"),
])
def test_instrument_events_in_scenarios_are_checked(event: str, message: str, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    scenario = tmp_path / "bad.yaml"
    scenario.write_text(f"name: bad\nevents:\n  - {event}\n", encoding="utf-8")
    code, _, err = run(capsys, "legal-basis", "--from", "USA", "--to", "FRA", "--crime",
                       "torture", "--scenario", str(scenario))
    assert code == errors.DATA, err
    assert message in err
    if "unknown instrument" in message:
        assert "torture-1984" in err  # the known ids are listed


@pytest.mark.parametrize(("args", "message"), [
    (["--committed", "2027-01-01", "--on", "2026-01-01"], "--committed (2027-01-01) is after"),
    (["--committed", "yesterday"], "--committed: 'yesterday' is not a date"),
    (["--kind", "both"], "Invalid value for '--kind'"),
])
def test_usage_errors(args: list[str], message: str,
                      capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "legal-basis", "--from", "FRA", "--to", "DEU", "--crime",
                       "genocide", *args)
    assert code == errors.USAGE, err
    assert message in err


def test_can_request_names_the_other_bases(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "can-request", "--from", "France", "--to", "Japan", "--crime",
                       "torture", "--on", "2026-11-28", "--format", "json")
    data = json.loads(out)
    assert code == errors.DOES_NOT_APPLY and data["applies"] is False  # the verdict is kept
    assert data["other_bases"] == ["torture-1984"]
    _, text, _ = run(capsys, "can-request", "--from", "France", "--to", "Japan", "--crime",
                     "torture", "--on", "2026-11-28")
    assert "Other treaty bases" in text and "torture-1984" in text


def test_two_states_facts_give_the_full_records_answer() -> None:
    """The CLI loads only the two States' facts of the other instruments (start-up); the JSON
    must be byte-identical to the answer of the full knowledge base."""
    record = shipped_record()
    fw = record.framework
    assert fw is not None
    states = sorted({e.state for e in fw.events} | {e.state for e in record.events})
    rng = random.Random(7)
    pairs = rng.sample(list(itertools.permutations(states, 2)), 40) + [("FRA", "DEU"),
                                                                      ("GBR", "FRA")]
    full = Engine(record)
    for a, b in pairs:
        crime = rng.choice(list(record.crimes.values()))
        kind = rng.choice(["mla", "extradition"])
        on = rng.choice(["1999-07-29", "2010-01-01", "2021-01-01", "2026-11-28"])
        q = Question(record.states.get(a), record.states.get(b), crime, kind, on)
        small = Engine(record, states=frozenset((a, b)))
        committed = rng.choice([None, "1990-05-01"])
        assert dumps(legal_basis_dict(legal_basis(small, q, committed), small.rulebook)) == \
            dumps(legal_basis_dict(legal_basis(full, q, committed), full.rulebook)), (a, b)
        assert dumps(can_request_document(ask(small, q), other_bases(small, q),
                                          small.rulebook)) == \
            dumps(can_request_document(ask(full, q), other_bases(full, q), full.rulebook))


def test_every_end_event_of_the_record_means_the_first_day_not_bound() -> None:
    """rules/60 instrument-end: the date an end takes effect is the State's first day not
    bound, its last day bound the day before. Every end event of the shipped record is read
    that way: bound the day before (where it was bound at all), not bound on the day."""
    import datetime as dt

    from mla_rules.law.engine import Engine
    from mla_rules.questions.context import shipped_record
    from mla_rules.record.framework import ENDS

    record = shipped_record()
    assert record.framework is not None
    ends = [e for e in record.framework.events if e.type in ENDS]
    assert any(e.state == "GBR" for e in ends)
    engine = Engine(record, states=frozenset(e.state for e in ends))
    for e in ends:
        day = e.effective or e.date
        before = (dt.date.fromisoformat(day) - dt.timedelta(days=1)).isoformat()
        since = [r[2] for r in engine.query("instrument_in_force_for", (e.instrument, e.state,
                                                                       None))]
        again = engine.holds("instrument_bound_again", (e.instrument, e.state, day, day))
        assert not engine.holds("instrument_party_on", (e.instrument, e.state, day)) or again, e
        if any(s <= before for s in since):
            assert engine.holds("instrument_party_on", (e.instrument, e.state, before)), e
