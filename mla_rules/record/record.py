"""The record: the Convention's parameters, the crime catalogue and the log of depositary
events, loaded from facts/ and checked, optionally overlaid with what-if scenarios.

A scenario never changes the shipped record: `with_scenario` returns a new Record.
"""


import datetime as _dt
import threading
from pathlib import Path
from typing import Any, NamedTuple

from mla_rules.errors import DataError, UsageError
from mla_rules.record.dates import iso_date as _iso
from mla_rules.record.framework import (
    CONVENTION_ID,
    DEPOSITS,
    Framework,
    PartyEvent,
    framework_from_index,
    load_framework,
    party_event,
)
from mla_rules.record.names import StateIndex, state_index

INSTRUMENTS = ("ratification", "acceptance", "approval", "accession")
EVENT_TYPES = ("signature", *INSTRUMENTS, "declaration", "declaration-withdrawal",
               "provisional-application", "provisional-application-end", "denunciation",
               "reservation")
ANNEXES = tuple("ABCDEFGH")
STATUSES = ("confirmed", "inferred", "unverified", "interpretation")
EVENT_KEYS = {"state", "type", "date", "source", "effective", "annexes", "parts", "article",
              "gist", "territory", "status", "note", "instrument", "other", "acts_before"}
SCENARIO_KEYS = {"name", "description", "date", "events", "parameters"}


class Event(NamedTuple):
    state: str
    type: str
    date: str
    where: str  # "facts/events.yaml, event 41 (LVA ratification)"
    source: str | None = None
    effective: str | None = None
    annexes: tuple[str, ...] = ()
    parts: tuple[str, ...] = ()
    article: str | None = None
    gist: str | None = None
    territory: str | None = None
    status: str = "confirmed"
    note: str | None = None
    scenario: str | None = None  # name of the what-if scenario that added it


class Parameter(NamedTuple):
    name: str
    value: int
    article: str
    status: str
    source: str | None
    note: str | None = None
    scenario: str | None = None


class Crime(NamedTuple):
    id: str
    name: str
    status: str
    source: str | None
    article: str | None = None
    annex: str | None = None
    aliases: tuple[str, ...] = ()
    note: str | None = None
    what: str = ""  # what the crime is, for the other instruments (crimes.yaml `is:`)

    @property
    def is_(self) -> str:
        return self.what or self.id

    @property
    def label(self) -> str:
        return f"Annex {self.annex} ({self.name})" if self.annex else self.name

    @property
    def annex_names(self) -> tuple[str, ...]:
        """How its annex is named in English, French and Spanish ('Annex F', 'annexe F',
        'anexo F'); none for an Art. 5 crime."""
        if not self.annex:
            return ()
        return tuple(f"{word} {self.annex}" for word in ANNEX_WORDS)


ANNEX_WORDS = ("Annex", "annexe", "anexo")  # English, French, Spanish


class Note(NamedTuple):
    state: str
    article: str
    topic: str
    gist: str
    source: str | None


class Scenario(NamedTuple):
    name: str
    path: str
    description: str | None = None
    date: str | None = None


class Record(NamedTuple):
    as_of: str
    convention: dict[str, Any]
    parameters: dict[str, Parameter]
    parts: dict[str, dict[str, Any]]
    crimes: dict[str, Crime]
    events: tuple[Event, ...]
    notes: tuple[Note, ...]
    sources: dict[str, dict[str, Any]]
    states: StateIndex
    scenarios: tuple[Scenario, ...] = ()
    framework: Framework | None = None  # the other instruments (facts/instruments.yaml)

    def with_scenario(self, path: Path) -> "Record":
        """A new Record: this one plus the scenario file's events and parameter overrides."""
        from mla_rules.record import yamlfile

        label = str(path)
        doc = yamlfile.load(path, label)
        if doc is None:
            raise DataError(label, "is empty", "A scenario needs at least `name:` and `events:`.")
        return self.with_overlay(_mapping(doc, label, "a scenario"), label)

    def with_overlay(self, doc: dict[Any, Any], label: str) -> "Record":
        """A new Record: this one plus a what-if scenario given as a parsed document."""
        scenario, events, parameters = _scenario(doc, label, self)
        convention: tuple[Event, ...] = tuple(e for e in events if isinstance(e, Event))
        others: tuple[PartyEvent, ...] = tuple(e for e in events
                                               if isinstance(e, PartyEvent))
        framework = self.framework
        if others:
            assert framework is not None
            framework = framework._replace(events=(*framework.events, *others))
        record = self._replace(events=self.events + convention,
                               parameters={**self.parameters, **parameters},
                               scenarios=self.scenarios + (scenario,), framework=framework)
        check_effects(record)
        return record

    def events_of(self, state: str) -> list[Event]:
        return [e for e in self.events if e.state == state]

    def source_of(self, source_id: str | None) -> dict[str, Any]:
        if source_id is None:
            return {}
        entry = self.sources.get(source_id) or (
            self.framework.sources.get(source_id, {}) if self.framework else {})
        return {"id": source_id, **{k: v for k, v in entry.items() if v}}


# The parameter that delays each kind of event's effect (rules/10_timing.dl, delay_of).
DELAYS = {**{kind: "entry_into_force_delay_months" for kind in INSTRUMENTS},
          "declaration": "declaration_delay_months",
          "declaration-withdrawal": "withdrawal_delay_months",
          "denunciation": "denunciation_delay_months"}


def check_effects(record: "Record") -> None:
    """Refuse an event whose effect would fall after 31 December 9999: ISO dates compare as
    text, so a date in year 10000 would sort before earlier ones."""
    from mla_rules.record.dates import date_after, first_day_of_month_after

    for e in record.events:
        parameter = record.parameters.get(DELAYS.get(e.type, ""))
        if parameter is None or e.effective:
            continue
        effect = first_day_of_month_after(e.date, parameter.value)
        if len(effect) > 10:
            raise DataError(e.where, f"would take effect on {effect}, after 9999-12-31",
                            "Dates after the year 9999 cannot be compared; use an earlier "
                            "date or give `effective:`.")
    fw = record.framework
    for p in fw.events if fw else ():
        eif = fw.instruments[p.instrument].entry_into_force  # type: ignore[union-attr]
        if eif is None or p.effective or p.type not in DEPOSITS:
            continue
        effect = date_after(p.date, eif.unit, eif.amount)
        if len(effect) > 10:
            raise DataError(p.where, "would take effect after 9999-12-31",
                            "Dates after the year 9999 cannot be compared; use an earlier "
                            "date or give `effective:`.")


def _mapping(value: Any, where: str, what: str) -> dict[Any, Any]:
    if not isinstance(value, dict):
        raise DataError(where, f"{what} must be a mapping of keys to values, "
                               f"got {type(value).__name__}")
    return value


def _text(value: Any, where: str, what: str) -> str:
    if not isinstance(value, (str, int)) or isinstance(value, bool):
        raise DataError(where, f"{what} must be text, got {value!r}")
    return str(value)


def _status(value: Any, where: str) -> str:
    if value not in STATUSES:
        raise DataError(where, f"status must be one of {', '.join(STATUSES)}, got {value!r}")
    return str(value)


def load_record(facts: Path) -> Record:
    """The facts directory's record: from its generated index (facts/index.json) when that is
    up to date, else from its files, with every check."""
    from mla_rules.record.index import read_index

    fields = read_index(facts)
    if fields is None:
        return load_record_files(facts)
    return _from_index(fields, state_index(facts / "states.json"))


def _tuples(item: dict[str, Any]) -> dict[str, Any]:
    return {k: tuple(v) if isinstance(v, list) else v for k, v in item.items()}


def _from_index(d: dict[str, Any], states: StateIndex) -> Record:
    def tup(cls: Any, items: list[Any]) -> tuple[Any, ...]:
        return tuple(cls(**{k: tuple(v) if isinstance(v, list) else v for k, v in i.items()})
                     for i in items)

    return Record(
        d["as_of"], d["convention"],
        {k: Parameter(**v) for k, v in d["parameters"].items()}, d["parts"],
        {k: Crime(**_tuples(v)) for k, v in d["crimes"].items()},
        tup(Event, d["events"]), tup(Note, d["notes"]), d["sources"], states,
        framework=framework_from_index(d["framework"]) if d.get("framework") else None)


def load_record_files(facts: Path) -> Record:
    """Load and check the facts directory from its YAML and CSV files."""
    from mla_rules.record import yamlfile  # not on the path of an indexed record: ~12 ms

    label = facts.name
    states = state_index(facts / "states.json")
    sources = _mapping(yamlfile.load(facts / "sources.yaml", f"{label}/sources.yaml"),
                       f"{label}/sources.yaml", "the file")
    conv_where = f"{label}/convention.yaml"
    conv = _mapping(yamlfile.load(facts / "convention.yaml", conv_where), conv_where, "the file")
    convention = _mapping(conv.get("convention"), conv_where, "convention")
    for key in ("adopted", "opened_for_signature", "signature_closed_after"):
        convention[key] = _iso(convention.get(key), conv_where, f"convention.{key}")
    parameters = {}
    for name, p in _mapping(conv.get("parameters"), conv_where, "parameters").items():
        where = f"{conv_where}, parameter {name}"
        p = _mapping(p, where, "a parameter")
        parameters[name] = Parameter(name, _count(p.get("value"), where), str(p.get("article")),
                                     _status(p.get("status"), where),
                                     _source(p.get("source"), sources, where, True), p.get("note"))
    parts = _mapping(conv.get("parts"), conv_where, "parts")
    for part, info in parts.items():
        where = f"{conv_where}, Part {part}"
        if _mapping(info, where, "a Part").get("kind") not in ("mla", "extradition"):
            raise DataError(where, "kind must be one of mla, extradition")
    crimes_where = f"{label}/crimes.yaml"
    crimes = {}
    for i, c in enumerate(_list_of(_mapping(yamlfile.load(facts / "crimes.yaml", crimes_where),
                                            crimes_where, "the file").get("crimes"),
                                   crimes_where, "crimes"), 1):
        where = f"{crimes_where}, crime {i}"
        c = _mapping(c, where, "a crime")
        aliases = c.get("aliases") or []
        if not isinstance(aliases, list):
            raise DataError(where, "aliases must be a list of names")
        crime_id = _text(c.get("id"), where, "id")
        crimes[crime_id] = Crime(crime_id, _text(c.get("name"), where, "name"),
                                 _status(c.get("status"), where),
                                 _source(c.get("source"), sources, where, True),
                                 _opt_text(c, "article", where),
                                 _opt_text(c, "annex", where),
                                 tuple(_text(a, where, "an alias") for a in aliases),
                                 _opt_text(c, "note", where), _opt_text(c, "is", where) or "")
    events_where = f"{label}/events.yaml"
    doc = _mapping(yamlfile.load(facts / "events.yaml", events_where), events_where, "the file")
    as_of = _iso(doc.get("record_as_of"), events_where, "record_as_of")
    record = Record(as_of, convention, parameters, parts, crimes, (), (), sources, states)
    events = _events(doc.get("events"), events_where, record, require_source=True)
    if any(not isinstance(e, Event) for e in events):
        raise DataError(events_where, "holds the Convention's events only",
                        "Other instruments' parties go in facts/listings/ and are imported "
                        "with `mla facts import`.")
    notes_where = f"{label}/practical-notes.yaml"
    notes = []
    for i, n in enumerate(_list_of(_mapping(
            yamlfile.load(facts / "practical-notes.yaml", notes_where), notes_where,
            "the file").get("notes"), notes_where, "notes"), 1):
        where = f"{notes_where}, note {i}"
        n = _mapping(n, where, "a note")
        notes.append(Note(_state(n.get("state"), states, where), str(n.get("article")),
                          str(n.get("topic")), _text(n.get("gist"), where, "gist"),
                          _source(n.get("source"), sources, where, True)))
    record = record._replace(events=events, notes=tuple(notes),
                             framework=load_framework(facts, sources, states))
    check_effects(record)
    return record


def _list_of(value: Any, where: str, what: str) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise DataError(where, f"{what} must be a list, got {type(value).__name__}")
    return value


def _count(value: Any, where: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0 or value > 1000:
        raise DataError(where, f"value must be a whole number from 0 to 1000, got {value!r}")
    return value


def _source(value: Any, sources: dict[str, Any], where: str, required: bool) -> str | None:
    if value is None:
        if required:
            raise DataError(where, "has no source", "Every shipped fact names a source id "
                            "from facts/sources.yaml.")
        return None
    if not isinstance(value, str):
        raise DataError(where, f"source must be a source id, got {value!r}")
    if value not in sources and required:
        raise DataError(where, f"unknown source '{value}'",
                        f"Known sources: {', '.join(sorted(sources))}.")
    return value


def _state(value: Any, states: StateIndex, where: str) -> str:
    if value is None:
        raise DataError(where, "has no state")
    try:
        return states.resolve(_text(value, where, "state")).alpha_3
    except UsageError as e:
        raise DataError(where, e.message, e.hint) from None


def _list(value: Any, allowed: tuple[str, ...], where: str, what: str) -> tuple[str, ...]:
    plural = {"annex": "annexes", "part": "parts"}[what]
    if not isinstance(value, list) or not value:
        raise DataError(where, f"{plural} must be a non-empty list, e.g. [{allowed[0]}]")
    out = []
    for item in value:
        item_text = str(item).strip().upper() if isinstance(item, (str, int)) else None
        if item_text and item_text.startswith("ANNEX "):
            item_text = item_text[6:]
        if item_text not in allowed:
            raise DataError(where, f"unknown {what} {item!r}",
                            f"Known {plural}: {', '.join(allowed)}.")
        out.append(item_text)
    return tuple(out)


def _events(raw: Any, label: str, record: Record, require_source: bool,
            scenario: str | None = None) -> tuple[Any, ...]:
    """The Convention's events (Event), and, in scenarios, other instruments' events
    (PartyEvent: an event with `instrument:` naming another instrument of the catalogue)."""
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise DataError(label, "events must be a list of events")
    conv = record.convention
    signed: dict[str, str] = {e.state: e.date for e in record.events if e.type == "signature"}
    events: list[Any] = []
    for i, item in enumerate(raw, 1):
        where = f"{label}, event {i}"
        item = _mapping(item, where, "an event")
        unknown = sorted(str(k) for k in item if k not in EVENT_KEYS)
        if unknown:
            hint = "Use `date:` (not `on:`, which YAML reads as true)." if "True" in unknown \
                else f"Known keys: {', '.join(sorted(EVENT_KEYS))}."
            raise DataError(where, f"unknown key(s) {', '.join(unknown)}", hint)
        instrument = item.get("instrument", CONVENTION_ID)
        if instrument != CONVENTION_ID:
            events.append(_party_event(record, item, where, scenario))
            continue
        for key in ("other", "acts_before"):
            if key in item:
                raise DataError(where, f"`{key}:` belongs to events of other instruments",
                                "Add `instrument:` with the instrument's id (`mla instruments`"
                                " lists them).")
        state = _state(item.get("state"), record.states, where)
        kind = item.get("type")
        if kind not in EVENT_TYPES:
            raise DataError(f"{where} ({state})", f"unknown event type {kind!r}",
                            f"Known types: {', '.join(EVENT_TYPES)}.")
        where = f"{where} ({state} {kind})"
        if "date" not in item:
            raise DataError(where, "has no date")
        date = _iso(item["date"], where, "date")
        effective = _iso(item["effective"], where, "effective") if "effective" in item else None
        if date < conv["adopted"]:
            raise DataError(where, f"date {date} is before the Convention was adopted "
                                   f"({conv['adopted']})")
        if effective and effective < date:
            raise DataError(where, f"takes effect ({effective}) before it happened ({date})")
        annexes: tuple[str, ...] = ()
        parts: tuple[str, ...] = ()
        if kind in ("declaration", "declaration-withdrawal"):
            annexes = _list(item.get("annexes"), ANNEXES, where, "annex")
        if kind == "provisional-application" or (kind == "provisional-application-end"
                                                 and item.get("parts") is not None):
            parts = _list(item.get("parts"), tuple(record.parts), where, "part")
        elif kind == "provisional-application-end":
            # Without `parts`, the end event ends every Part the State applies provisionally.
            applied = [p for e in (*record.events, *events) if e.state == state
                       and e.type == "provisional-application" for p in e.parts]
            parts = tuple(dict.fromkeys(applied)) or tuple(record.parts)
        if kind == "signature":
            if date < conv["opened_for_signature"] or date > conv["signature_closed_after"]:
                raise DataError(where, f"signature on {date} is outside the signature period "
                                f"({conv['opened_for_signature']} to "
                                f"{conv['signature_closed_after']})",
                                "A State that did not sign in time becomes a Party by accession.")
            signed.setdefault(state, date)
        if kind in ("ratification", "acceptance", "approval"):
            if state not in signed:
                raise DataError(where, f"{kind} without a signature",
                                "A State that has not signed joins by accession: "
                                "use `type: accession`.")
            if date < signed[state]:
                raise DataError(where, f"{kind} on {date} is before {state}'s signature "
                                f"({signed[state]})")
        status = _status(item.get("status", "confirmed"), where)
        events.append(Event(
            state, kind, date, where,
            source=_source(item.get("source"), record.sources, where, require_source),
            effective=effective, annexes=annexes, parts=parts,
            article=_opt_text(item, "article", where), gist=_opt_text(item, "gist", where),
            territory=_opt_text(item, "territory", where), status=status,
            note=_opt_text(item, "note", where), scenario=scenario))
    return tuple(events)


def _party_event(record: Record, item: dict[str, Any], where: str,
                 scenario: str | None) -> PartyEvent:
    fw = record.framework
    instrument = item.get("instrument")
    if fw is None or not isinstance(instrument, str) or instrument not in fw.instruments:
        known = ", ".join(fw.instruments) if fw else "none"
        raise DataError(where, f"unknown instrument {instrument!r}", f"Known instruments: "
                        f"{known}.")
    for key in ("annexes", "parts", "article", "gist", "territory"):
        if key in item:
            raise DataError(where, f"`{key}:` is for events of the Ljubljana – The Hague "
                                   f"Convention, not of {instrument}")
    values = {k: (v.isoformat() if isinstance(v, _dt.date) else v) for k, v in item.items()}
    event = party_event(fw.instruments[instrument], values, where, record.states,
                        {**record.sources, **fw.sources}, require_source=False,
                        scenario=scenario)
    return event


def _opt_text(item: dict[str, Any], key: str, where: str) -> str | None:
    return None if item.get(key) is None else _text(item[key], where, key)


def _scenario(doc: dict[Any, Any], label: str, record: Record) -> tuple[
        Scenario, tuple[Any, ...], dict[str, Parameter]]:
    unknown = sorted(str(k) for k in doc if k not in SCENARIO_KEYS)
    if unknown:
        hint = "Use `date:` (not `on:`, which YAML reads as true)." if "True" in unknown \
            else f"Known keys: {', '.join(sorted(SCENARIO_KEYS))}."
        raise DataError(label, f"unknown key(s) {', '.join(unknown)}", hint)
    if not doc.get("name"):
        raise DataError(label, "has no name", "Give the scenario a `name:`.")
    name = _text(doc["name"], label, "name")
    date = _iso(doc["date"], label, "date") if doc.get("date") is not None else None
    events = _events(doc.get("events"), label, record, require_source=False, scenario=name)
    parameters = {}
    for key, value in _mapping(doc.get("parameters") or {}, label, "parameters").items():
        where = f"{label}, parameter {key}"
        if key not in record.parameters:
            raise DataError(where, "unknown parameter",
                            f"Known parameters: {', '.join(sorted(record.parameters))}.")
        parameters[key] = record.parameters[key]._replace(value=_count(value, where),
                                  scenario=name, status="unverified", source=None,
                                  note=f"set by scenario '{name}'")
    description = _opt_text(doc, "description", label)
    return Scenario(name, label, description, date), events, parameters


_crime_indexes: dict[int, tuple[dict[str, Crime], dict[str, Crime]]] = {}
_crime_indexes_lock = threading.Lock()


def _crime_index(crimes: dict[str, Crime]) -> dict[str, Crime]:
    """Every normalised id, name, alias and annex label of the crimes -> its crime, built once
    per crimes mapping (the shipped record's, a scenario's: the few most recent are kept)."""
    from mla_rules.record.names import normalise

    kept = _crime_indexes.get(id(crimes))
    if kept is not None and kept[0] is crimes:
        return kept[1]
    index: dict[str, Crime] = {}
    for c in crimes.values():
        for k in [c.id, c.name, *c.aliases, *c.annex_names]:  # (annex-f, Annex F …)
            index.setdefault(normalise(k), c)
    with _crime_indexes_lock:  # (the server's threads)
        if len(_crime_indexes) >= 8:
            _crime_indexes.pop(next(iter(_crime_indexes)))
        _crime_indexes[id(crimes)] = (crimes, index)
    return index


def crime_keys(key: str) -> tuple[str, ...]:
    """A normalised crime name as typed, then without its article, then without 'the
    crime(s) of', 'le crime de', 'los crímenes de' (what resolve_crime and the suggestions
    as one types look up)."""
    import re

    article = r"(?:the|le|la|les|l|el|los|las)"
    crime_of = r"(?:crimes?|crimen|crimenes) (?:of|de|d|du|des|del)"
    return tuple(dict.fromkeys((
        key, re.sub(rf"^{article} ", "", key),
        re.sub(rf"^(?:{article} )?{crime_of} (?:{article} )?", "", key))))


def resolve_crime(record: Record, text: str) -> Crime:
    """Find the crime a user means: an id (annex-f), 'Annex F' ('annexe F', 'anexo F'), or a
    name or alias in English, French or Spanish ('torture', 'disparition forcée', 'crímenes
    de lesa humanidad'), case- and accent-insensitive, with or without an article and 'the
    crime(s) of', 'le crime de', 'los crímenes de'."""

    from mla_rules.record.names import MAX_INPUT, normalise

    if len(text) > MAX_INPUT:
        raise UsageError(f"crime name is too long ({len(text)} characters)")
    key = normalise(text)
    index = _crime_index(record.crimes)
    for candidate in crime_keys(key):
        if candidate in index:
            return index[candidate]
    import difflib

    close = difflib.get_close_matches(key, list(index), n=3, cutoff=0.6)
    labels = list(dict.fromkeys(f"{index[k].id} ({index[k].label})" for k in close))
    hint = f"Did you mean: {', '.join(labels)}? " if labels else ""
    hint += ("Give an id (genocide, crimes-against-humanity, war-crimes, annex-a … annex-h), "
             "'Annex F' ('annexe F', 'anexo F'), or a name in English, French or Spanish "
             "('aggression', 'tortura', 'crimes de guerre'); `mla crimes` lists them.")
    if any(w in key for w in ("weapon", "biolog", "laser", "poison", "gas", "bullet", "x ray")):
        hint += (" Annexes A to D are thought to cover the other post-1998 Rome Statute war "
                 "crimes, but which annex covers which is unverified: ask by annex letter.")
    raise UsageError(f"unknown crime: '{text}'", hint)
