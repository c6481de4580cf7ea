"""The generated index (facts/index.json) is up to date, gives the same record as the files,
and is never used once the files change."""

from __future__ import annotations

import shutil
from pathlib import Path

from mla_rules.law.engine import FACTS_DIR
from mla_rules.record.index import is_current, read_index
from mla_rules.record.record import load_record, load_record_files


def test_the_shipped_index_is_up_to_date() -> None:
    assert is_current(FACTS_DIR), "facts/index.json is out of date: run `mla facts index`"


def test_the_index_gives_the_record_the_files_give() -> None:
    indexed, parsed = load_record(FACTS_DIR), load_record_files(FACTS_DIR)
    for field in indexed._fields:
        if field != "states":
            assert getattr(indexed, field) == getattr(parsed, field), field


def test_an_edited_facts_directory_is_read_from_its_files(tmp_path: Path) -> None:
    facts = tmp_path / "facts"
    shutil.copytree(FACTS_DIR, facts)
    events = facts / "events.yaml"
    events.write_text(events.read_text(encoding="utf-8").replace(
        "record_as_of: 2025-09-01", "record_as_of: 2025-10-01"), encoding="utf-8")
    assert read_index(facts) is None
    assert load_record(facts).as_of == "2025-10-01"


def test_a_question_decodes_only_its_two_states_events() -> None:
    """Start-up speed: the index keeps each State's events as text; `legal-basis` between two
    States decodes theirs (and the shared ones), never the whole record's."""
    from mla_rules.law.engine import FACTS_DIR, Engine
    from mla_rules.present.legal_basis import legal_basis_text
    from mla_rules.questions.answer import Question
    from mla_rules.questions.legal_basis import legal_basis
    from mla_rules.record.framework import LazyEvents
    from mla_rules.record.record import resolve_crime

    record = load_record(FACTS_DIR)
    assert record.framework is not None
    events = record.framework.events
    assert isinstance(events, LazyEvents)
    q = Question(record.states.resolve("Sweden"), record.states.resolve("Spain"),
                 resolve_crime(record, "genocide"), "mla", "2026-11-28")
    engine = Engine(record, states=frozenset({"SWE", "ESP"}))
    result = legal_basis(engine, q)
    assert result.applies and result.undecided  # A-55's partial list: its count is shown
    legal_basis_text(result, engine.rulebook)
    assert set(events._decoded) <= {"SWE", "ESP"} and events._all is None
