"""The sources an answer rests on, as every front door lists them: each once, in order of first
use, with its title, its address and the date it is as of.

The as-of date comes from the record, never from the page: a fact of the Convention's record
(facts/events.yaml, a parameter) is as of the record's date; a party's act under another
instrument, and that instrument's list of parties, as of the list's date (None where the list
records none); a treaty's text or a law has no such date (None)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from mla_rules.record.dates import human
from mla_rules.record.framework import CONVENTION_ID
from mla_rules.record.record import Record


class Sources:
    """An ordered list of sources, each id once (the first use decides its as-of date)."""

    def __init__(self, record: Record) -> None:
        self.record = record
        self.seen: dict[str, dict[str, Any]] = {}

    def add(self, source: str | Mapping[str, Any] | None, as_of: str | None,
            **extra: Any) -> None:
        """A source by id (looked up in the record) or as the record gives it ({id, title,
        url}), with the date it is as of."""
        if isinstance(source, str):
            source = self.record.source_of(source)
        sid = (source or {}).get("id")
        if sid and sid not in self.seen:
            assert source is not None
            self.seen[sid] = {"id": sid, "title": source.get("title"), "url": source.get("url"),
                              "as_of": as_of, **extra}

    def fact(self, fact: Any) -> None:
        """The source of a fact of an explanation (law/engine.py: FactSource)."""
        fw = self.record.framework
        where, sid = fact.where, fact.source.get("id", "")
        instrument = sid.split("/", 1)[0]
        # a party's act: as of its list's date (the Convention's: the record's)
        as_of = (fw.instruments[instrument].as_of
                 if fw is not None and where.startswith("facts/parties/")
                 and instrument in fw.instruments
                 else self.record.as_of if where.startswith(("facts/events.yaml", "parameter "))
                 else None)
        self.add(fact.source, as_of)

    def party_act(self, source: str | Mapping[str, Any] | None, instrument: str) -> None:
        """The source of a party's act under an instrument other than the Convention: as of
        the instrument's list of parties."""
        fw = self.record.framework
        inst = fw.instruments.get(instrument) if fw is not None else None
        self.add(source, inst.as_of if inst is not None else None)

    def listing(self, instrument: str) -> None:
        """An instrument's own source, for its list of parties: with the list's date and how
        complete it is (`about`, `listing`)."""
        fw = self.record.framework
        assert fw is not None
        inst = fw.instruments[instrument]
        listing = ("list of parties " + ("complete" if inst.complete else "partial")
                   + (f", as of {human(inst.as_of)}" if inst.as_of else ", date not recorded"))
        first = self.seen.get(inst.source or "")
        if first is not None and first["as_of"] != inst.as_of and first.get("about"):
            # one source for two lists of different dates (the ICRC's, for the Geneva
            # Conventions and Additional Protocol I): each list with its own date
            key = f"{inst.source} {inst.id}"
            if key not in self.seen:
                self.seen[key] = {**first, "as_of": inst.as_of, "about": inst.title,
                                  "listing": listing, "repeated": True}
            return
        self.add(inst.source, inst.as_of, about=inst.title, listing=listing)

    def convention_record(self, sources: Iterable[str | None]) -> None:
        """The Convention's own source, then the sources of events of its record (as of the
        record's date)."""
        record = self.record
        fw = record.framework
        assert fw is not None
        convention = fw.instruments[CONVENTION_ID].short
        self.add(record.convention.get("source"), None, about=convention, listing=None)
        for sid in sources:
            self.add(sid, record.as_of, about=convention,
                     listing=f"the Convention's record as of {human(record.as_of)}")

    def list(self) -> list[dict[str, Any]]:
        return list(self.seen.values())


def record_sources(record: Record, instruments: Iterable[str]) -> list[dict[str, Any]]:
    """The sources of an answer about the whole network: the Convention's record (its own
    source and those of its events: the shipped record's, never a what-if scenario's, whose
    events have no source, whatever a `source:` in them names), then each instrument's
    source with the date and completeness of its list of parties."""
    sources = Sources(record)
    sources.convention_record(e.source for e in record.events if e.scenario is None)
    for i in instruments:
        sources.listing(i)
    return sources.list()


def network_instruments(record: Record) -> list[str]:
    """The instruments beside the Convention, in catalogue order."""
    fw = record.framework
    return [i.id for i in fw.instruments.values() if not i.convention] if fw else []
