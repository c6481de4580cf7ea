"""The engine: rules loaded from the parsed rulebook answer exactly as pyDatalog's own parser
would, dates are computed right, and each Engine keeps its own facts."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from pyDatalog import Logic

from mla_rules.law.engine import (
    Engine,
    base_facts,
    load_rulebook,
    load_rules_with_pydatalog_parser,
)
from mla_rules.law.rulebook import RulebookError, parse_files
from mla_rules.questions.context import shipped_record
from mla_rules.record.dates import first_day_of_month_after, parse_iso

STATES = ["LVA", "NLD", "BEL", "COD", "SVN", "KEN"]
DATES = ["2024-02-14", "2025-11-30", "2025-12-01", "2026-11-28", "2030-01-01"]


def _world(tmp_path: Path) -> object:
    doc = {"name": "w", "events": [
        {"state": "SVN", "type": "ratification", "date": "2025-01-15"},
        {"state": "SVN", "type": "declaration", "annexes": ["H", "G"], "date": "2025-03-01"},
        {"state": "KEN", "type": "accession", "date": "2026-03-03"},
        {"state": "KEN", "type": "declaration", "annexes": ["H"], "date": "2026-05-05"},
        {"state": "SVN", "type": "denunciation", "date": "2029-02-02"},
        {"state": "LVA", "type": "declaration-withdrawal", "annexes": ["F"], "date": "2026-02-01"},
    ]}
    return shipped_record().with_overlay(doc, "test world")


def test_direct_loading_agrees_with_pydatalog_parser(tmp_path: Path) -> None:
    """The fast path builds pyEngine clauses from the parsed rulebook; pyDatalog.load parses
    the same text itself. Both must give the same answer to every question."""
    record = _world(tmp_path)
    fast = Engine(record)  # type: ignore[arg-type]
    reference = Engine(record)  # type: ignore[arg-type]
    Logic(reference._logic)
    Logic()
    load_rules_with_pydatalog_parser(reference.rulebook)
    from pyDatalog import pyEngine

    from mla_rules.law.engine import _clause
    for pred in reference.rulebook.predicates.values():
        if pred.is_base:
            dummy = _clause(pred.name, ("__declared__",) * len(pred.params))
            pyEngine.assert_(dummy)
            pyEngine.retract(dummy)
    for fact, _ in base_facts(record):  # type: ignore[arg-type]
        pyEngine.assert_(_clause(fact[0], fact[1:]))
    reference._logic = Logic(True)
    crimes = ["genocide", "annex-h", "annex-g", "annex-f"]
    for a, b, crime, kind, on in itertools.product(STATES, STATES, crimes,
                                                   ["mla", "extradition"], DATES):
        assert fast.can_request(a, b, crime, kind, on) == reference.can_request(
            a, b, crime, kind, on), (a, b, crime, kind, on)
    assert fast.query("in_force_for", (None, None)) == reference.query("in_force_for",
                                                                         (None, None))


@pytest.mark.parametrize(("notified", "months", "effective"), [
    ("2025-08-28", 3, "2025-12-01"), ("2025-08-01", 3, "2025-12-01"),
    ("2025-10-31", 3, "2026-02-01"), ("2025-12-10", 3, "2026-04-01"),
    ("2027-03-15", 12, "2028-04-01"), ("2024-02-29", 0, "2024-03-01"),
])
def test_first_day_of_month_after(notified: str, months: int, effective: str) -> None:
    assert first_day_of_month_after(notified, months) == effective


def test_dates_are_checked() -> None:
    assert parse_iso(" 2026-11-28 ") == "2026-11-28"
    for bad in ("2026-02-30", "28/11/2026", "tomorrow", "2026-13-01"):
        with pytest.raises(ValueError):
            parse_iso(bad)


def test_engines_keep_their_own_facts(tmp_path: Path) -> None:
    baseline = Engine(shipped_record())
    before = baseline.can_request("LVA", "BEL", "genocide", "mla", "2027-01-01")
    scenario = tmp_path / "s.yaml"
    scenario.write_text("name: b\nevents:\n  - {state: BEL, type: ratification, "
                        "date: 2026-01-10}\n")
    what_if = Engine(shipped_record().with_scenario(scenario))
    assert what_if.can_request("LVA", "BEL", "genocide", "mla", "2027-01-01")
    assert baseline.can_request("LVA", "BEL", "genocide", "mla", "2027-01-01") == before
    assert not before
    assert not any(e.state == "BEL" and e.type == "ratification"
                   for e in shipped_record().events)


def test_rulebook_annotations_are_enforced(tmp_path: Path) -> None:
    bad = tmp_path / "x.dl"
    bad.write_text("#@rule r1\n#@article 90\n#@gloss g\np(X) <= q(X)\n")
    with pytest.raises(RulebookError, match="needs @status"):
        parse_files([bad])
    bad.write_text("#@pred q(X)\n#@says s\n#@says-not n\n\n#@rule r1\n#@article 90\n"
                   "#@status confirmed\n#@gloss g\np(X) <= q(X)\n")
    with pytest.raises(RulebookError, match="predicate p has no #@pred"):
        parse_files([bad])


def test_every_rule_is_annotated_and_every_sentence_names_real_arguments() -> None:
    import re

    book = load_rulebook()
    for rule in book.rules.values():
        assert rule.article and rule.gloss and rule.status and rule.clauses
    for pred in book.predicates.values():
        for sentence in (pred.says, pred.says_not):
            for placeholder in re.findall(r"{(\w+)}", sentence):
                assert placeholder in pred.params, (pred.name, placeholder)


def test_the_shipped_parse_of_the_rules_is_current_and_a_stale_one_is_not_used(
        tmp_path: Path) -> None:
    """rules/rulebook.json is read at start-up instead of parsing the rules: it must be the
    parse of exactly the shipped rules (`mla facts index` rewrites it), and a parse of other
    rules is never used."""
    import shutil

    from mla_rules.law.engine import RULES_DIR
    from mla_rules.law.rulebook import PARSED, load_parsed, parse_files, parsed_text

    assert (RULES_DIR / PARSED).read_text(encoding="utf-8") == parsed_text(RULES_DIR), \
        "rules/rulebook.json is out of date: run `mla facts index`"
    copy = tmp_path / "rules"
    shutil.copytree(RULES_DIR, copy)
    rule = copy / "90_legal_basis.dl"
    rule.write_text(rule.read_text(encoding="utf-8").replace(
        "#@gloss ", "#@gloss Edited. ", 1), encoding="utf-8")
    paths = sorted(copy.glob("*.dl"))
    book = load_parsed(paths, tmp_path)
    assert any(r.gloss.startswith("Edited.") for r in book.rules.values())
    assert [r.gloss for r in book.rules.values()] == \
        [r.gloss for r in parse_files(paths, tmp_path).rules.values()]


def test_an_answer_without_a_premise_leaves_the_knowledge_base_as_it_was() -> None:
    """Engine.without takes a premise out for one question only (decisive premises): the
    answers before and after are the same, and without the threshold parameter the
    Convention is not in force."""
    engine = Engine(shipped_record(), states=frozenset(("LVA", "NLD")))
    args = ("LVA", "NLD", "genocide", "mla", "2026-11-28")
    assert engine.can_request(*args)
    threshold = next(f for f in engine.provenance if f[:2] == ("parameter",
                                                                "entry_into_force_threshold"))
    with engine.without(fact=threshold):
        assert not engine.can_request(*args)
    rule = engine.rulebook.rules["bound-provisional"]
    with engine.without(rule=rule):
        assert not engine.can_request(*args)
    assert engine.can_request(*args)
    assert engine.holds("bound_for", ("NLD", "mla", "2026-11-28"))
