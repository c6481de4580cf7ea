"""Loading what a command needs: the shipped record, scenarios on top, and an engine."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from mla_rules.law.engine import FACTS_DIR, Engine
from mla_rules.record.record import Record, load_record


@lru_cache(maxsize=1)
def shipped_record() -> Record:
    """The record in facts/, loaded once per process (Records are immutable)."""
    return load_record(FACTS_DIR)


def record_with(scenarios: Iterable[Path] = ()) -> Record:
    record = shipped_record()
    for path in scenarios:
        record = record.with_scenario(path)
    return record


def load_engine(scenarios: Iterable[Path] = (), states: Iterable[str] | None = None
                ) -> Engine:
    """An engine on the shipped record plus the scenarios; with `states`, holding only the
    other instruments' facts about those States (what a question between them needs)."""
    return Engine(record_with(scenarios), states=None if states is None else frozenset(states))
