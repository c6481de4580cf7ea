"""Traceability: from the law to the rules, from the rules to the scenarios, from every fact
to its source, and from every unverified premise to the answers that rely on it."""

from __future__ import annotations

import itertools
import re
import shutil
from pathlib import Path

import pytest

from mla_rules.law.engine import Engine, base_facts, load_rulebook
from mla_rules.law.rulebook import STATUSES, Rulebook
from mla_rules.present.docs_site import article_keys
from mla_rules.present.render import answer_dict, answer_text, sentence
from mla_rules.questions.answer import Answer, Question, ask
from mla_rules.questions.context import shipped_record
from mla_rules.record.record import Record
from mla_rules.record.yamlfile import load as load_yaml

ROOT = Path(__file__).resolve().parent.parent
FEATURES = ROOT / "features"


def scenario_tags(features: Path) -> set[str]:
    """Every tag put on a Scenario or Scenario Outline in the feature files."""
    tags: set[str] = set()
    pending: set[str] = set()
    for path in features.glob("*.feature"):
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if line.startswith("@"):
                pending |= {t[1:] for t in line.split()}
            elif re.match(r"Scenario( Outline)?:", line):
                tags |= pending
                pending = set()
            elif line.startswith("Feature:"):
                pending = set()
    return tags


def rules_without_scenario(book: Rulebook, features: Path) -> list[str]:
    tags = scenario_tags(features)
    return sorted(r for r in book.rules if r not in tags)


def test_every_rule_has_an_id_an_article_a_status_and_a_gloss() -> None:
    book = load_rulebook()
    assert len(book.rules) >= 20
    for rule in book.rules.values():
        assert re.fullmatch(r"[a-z0-9][a-z0-9-]*", rule.id), rule.id
        assert rule.article.strip(), rule.id
        assert rule.status in STATUSES, rule.id
        assert len(rule.gloss.split()) >= 5 and rule.gloss.endswith("."), rule.id
        assert rule.clauses, rule.id


def test_every_rule_is_exercised_by_a_scenario() -> None:
    """A rule id must be the tag of at least one scenario (the conftest hook then checks that
    the scenario's answers really used it)."""
    assert rules_without_scenario(load_rulebook(), FEATURES) == []


def test_a_new_rule_without_a_scenario_fails(tmp_path: Path) -> None:
    """The check above is not vacuous: a rule added to a copy of rules/ is reported."""
    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    with (rules / "50_cooperation.dl").open("a", encoding="utf-8") as f:
        f.write("\n#@rule can-request-untested\n#@article 90\n#@status inferred\n"
                "#@gloss A rule that no scenario exercises.\n"
                "can_request(A, B, C, K, On) <= bound_for(A, K, On) & bound_for(B, K, On) "
                "& core_crime(C)\n")
    book = load_rulebook(rules)
    assert rules_without_scenario(book, FEATURES) == ["can-request-untested"]


def test_every_rule_cites_an_article_documented_in_articles_yaml() -> None:
    documented = {a["id"] for a in load_yaml(ROOT / "facts" / "articles.yaml")["articles"]}
    for rule in load_rulebook().rules.values():
        missing = [k for k in article_keys(rule.article) if k not in documented]
        assert not missing, f"rule {rule.id} cites {missing}: add it to facts/articles.yaml"


def test_every_shipped_fact_has_a_known_source() -> None:
    record = shipped_record()
    facts = base_facts(record)
    assert len(facts) > 50
    framework_sources = record.framework.sources if record.framework else {}
    for fact, provenance in facts:
        assert provenance.source.get("id") in {**record.sources, **framework_sources}, (
            fact, provenance.where)
        assert provenance.status in STATUSES, (fact, provenance.where)
    for note in record.notes:
        assert note.source in record.sources, note
    for event in record.events:  # reservations too, which are not facts of the rules
        assert event.source in record.sources, event.where
    for source_id, source in record.sources.items():
        assert source.get("title"), source_id
    for article in load_yaml(ROOT / "facts" / "articles.yaml")["articles"]:
        for point in article["points"]:
            assert point["sources"] and set(point["sources"]) <= set(record.sources), point


def test_unverified_points_of_the_reference_are_marked_in_the_data() -> None:
    """convention.md calls these unverified; the data must say so too."""
    record = shipped_record()
    for name in ("entry_into_force_threshold", "declaration_delay_months",
                 "withdrawal_delay_months", "denunciation_delay_months"):
        assert record.parameters[name].status == "unverified", name
    for letter in "ABCDFG":  # only H (aggression) and E are named by a source
        crime = next(c for c in record.crimes.values() if c.annex == letter)
        assert crime.status == "unverified", crime.id
    book = load_rulebook()
    assert book.rules["art2-2-reciprocity"].status == "unverified"
    assert book.rules["denunciation-effect"].status == "unverified"
    assert book.rules["bound-provisional"].status == "interpretation"


def _world() -> Record:
    """The shipped record plus events that bring every rule into play."""
    return shipped_record().with_overlay({"name": "traceability", "events": [
        {"state": "SVN", "type": "ratification", "date": "2025-01-15"},
        {"state": "SVN", "type": "declaration", "annexes": ["F", "G", "H"], "date": "2025-01-15"},
        {"state": "BEL", "type": "ratification", "date": "2026-01-15",
         "effective": "2026-03-01"},
        {"state": "BEL", "type": "declaration", "annexes": ["H"], "date": "2026-06-15"},
        {"state": "LVA", "type": "declaration-withdrawal", "annexes": ["F"],
         "date": "2027-01-10"},
        {"state": "BEL", "type": "denunciation", "date": "2027-06-01"},
        {"state": "NLD", "type": "provisional-application-end", "parts": ["III"],
         "date": "2028-06-01"},
    ]}, "traceability world")


def _answers() -> list[Answer]:
    record = _world()
    engine = Engine(record)
    pairs = [("LVA", "SVN"), ("SVN", "BEL"), ("LVA", "NLD"), ("BEL", "NLD"), ("LVA", "COD")]
    crimes = [record.crimes[c] for c in ("genocide", "annex-f", "annex-g", "annex-h")]
    return [ask(engine, Question(record.states.get(a), record.states.get(b), crime, kind, on))
            for (a, b), crime, kind, on in itertools.product(
                pairs, crimes, ("mla", "extradition"),
                ("2025-06-01", "2026-11-01", "2029-01-01"))]


@pytest.fixture(scope="module")
def answers() -> list[Answer]:
    return _answers()


def test_every_unverified_premise_shows_in_the_answers_relying_on_it(
        answers: list[Answer]) -> None:
    """Whenever a trace goes through a rule or fact that is not confirmed, the answer lists it
    among its premises, the text names it with its status, and so does the JSON."""
    book = load_rulebook()
    seen: set[str] = set()
    for answer in answers:
        premises = {p.rule.id if p.rule else (p.predicate, p.args) for p in answer.premises}
        text = answer_text(answer, book)
        listed = answer_dict(answer, book)["unverified_premises"]
        for step in answer.trace.walk():
            status = step.rule.status if step.rule else step.fact.status if step.fact else None
            if status in (None, "confirmed"):
                continue
            key = step.rule.id if step.rule else (step.predicate, step.args)
            seen.add(f"{status}:{step.rule.id if step.rule else step.predicate}")
            assert key in premises, (key, answer.question)
            if step.rule:
                assert {"status": status, "rule": step.rule.id, "article": step.rule.article,
                        "gloss": step.rule.gloss} in [
                    {k: v for k, v in p.items() if k != "decisive"} for p in listed]
                if status != "inferred":
                    assert f"{status}: {step.rule.gloss}" in text
            else:
                said = sentence(step, book, answer.record)
                assert any(p.get("fact") == said and p["status"] == status for p in listed)
                if status != "inferred":
                    assert f"{status}: {said}" in text
    book_doubtful = {f"{r.status}:{r.id}" for r in book.rules.values()
                     if r.status in ("unverified", "interpretation")}
    assert book_doubtful <= seen, f"never exercised: {sorted(book_doubtful - seen)}"
    assert any(s.startswith("unverified:annex_crime") for s in seen)
    assert any(s.startswith("unverified:parameter") for s in seen)
