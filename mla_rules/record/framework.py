"""The framework beside the Convention: the catalogue of instruments (facts/instruments.yaml)
and each instrument's parties (facts/parties/<id>.csv), loaded and checked.

The parties files are written by `mla facts import` from the listings in facts/listings/; they
are CSV, not YAML, because a thousand rows of YAML cost more to parse than the whole start-up
budget of `mla can-request`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, NamedTuple, overload

from mla_rules.errors import DataError
from mla_rules.record.dates import iso_date as _iso
from mla_rules.record.names import StateIndex

CONVENTION_ID = "ljubljana-the-hague-2023"
# supplements: not a basis of its own; it adds to the instrument it supplements, where that
# one applies (the EU–UK agreement's Title VIII and ETS 30)
NATURES = ("legal-basis", "legal-basis-if-treaty-required", "undertaking", "supplements")
BASIS_NATURES = ("legal-basis", "legal-basis-if-treaty-required")
KINDS = ("mla", "extradition")
# Consent to be bound; `deposit` is one whose type the source does not give (OHCHR's exports
# do not tell ratification, accession and succession apart).
DEPOSITS = ("ratification", "accession", "succession", "acceptance", "approval",
            "definitive-signature", "formal-confirmation", "deposit")
# `application-end`: a Member State ceases to apply an EU act (e.g. Germany when its law was
# declared void); a later `application` starts a new period.
ENDS = ("denunciation", "withdrawal", "application-end")
# A source proves the State bound on a date, not since when (e.g. a depositary's or the ICRC's
# statement that every State is a party): bound no later than that date, its own date unknown.
NO_LATER_THAN = "party-no-later-than"
PARTY_TYPES = ("signature", *DEPOSITS, "in-force", NO_LATER_THAN, "application", *ENDS,
               "objection-precluding", "objection-lifted", "transitional-declaration",
               "reservation", "declaration", "reservation-withdrawal", "notification",
               "participation")
# What makes a State a party: a consent, a recorded entry into force, an application.
JOINS = (*DEPOSITS, "in-force", NO_LATER_THAN, "application")
RANKS = ("depositary", "official", "secondary")  # which source governs where two disagree
OFFICIAL_RANKS = ("depositary", "official")
COLUMNS = ("state", "type", "date", "effective", "other", "acts_before", "status", "source",
           "note")
STATUSES = ("confirmed", "inferred", "unverified", "interpretation")


class Link(NamedTuple):
    """An article that ties a clause to other treaties: `defers` (its obligations are carried
    out under the general treaties on that kind of cooperation between the parties) or
    `deems` (the offence is deemed included in the extradition treaties between them)."""

    provision: str
    status: str
    source: str | None
    existing_before: str | None = None  # deems: only treaties in force between them before it
    otherwise: str | None = None  # deems: the article for later treaties (an undertaking)


class Clause(NamedTuple):
    provision: str
    kinds: tuple[str, ...]
    crimes: tuple[str, ...]  # what the clause covers: crime kinds (`is:`), `any`, `convention`
    nature: str
    status: str
    source: str | None
    conditions: tuple[str, ...] = ()
    defers: Link | None = None
    deems: Link | None = None
    supplements: str | None = None  # nature supplements: the instrument it supplements


class Displacement(NamedTuple):
    instrument: str  # the instrument displaced
    kinds: tuple[str, ...]
    article: str
    status: str
    source: str | None
    note: str | None = None


class EntryIntoForce(NamedTuple):
    article: str
    threshold: int
    unit: str  # days | months
    amount: int
    general: str | None  # as recorded by the depositary
    status: str
    source: str | None
    note: str | None = None


class Instrument(NamedTuple):
    id: str
    title: str
    short: str
    adopted: str
    depositary: str
    source: str | None
    clauses: tuple[Clause, ...]
    displaces: tuple[Displacement, ...] = ()
    entry_into_force: EntryIntoForce | None = None
    convention: bool = False
    application: bool = False  # parties apply it from dates (EU acts), no deposit
    between: tuple[str, ...] = ()  # applies only between these States and the others
    complete: bool = True
    known_total: int | None = None
    as_of: str | None = None
    listing_note: str | None = None
    # only States that are parties to this other instrument can be parties (the EU's Member
    # States, whose list is that of the arrest warrant); and States that are not bound, why
    parties_among: str | None = None
    not_bound: dict[str, str] = {}  # noqa: RUF012 (a NamedTuple default, never mutated)
    # the kinds of cooperation it is a general treaty on (not crime-specific): a
    # crime-specific convention's clause that defers, and a treaty-required clause, give way
    # to it (rules/95_governs.dl)
    general: tuple[str, ...] = ()

    def clause_for(self, kind: str) -> Clause | None:
        return next((c for c in self.clauses if kind in c.kinds), None)


UNDATED = ("declaration", "reservation")  # the events a source may leave undated (date "")


class PartyEvent(NamedTuple):
    instrument: str
    state: str
    type: str
    date: str
    where: str
    effective: str | None = None
    other: str | None = None
    acts_before: str | None = None
    status: str = "confirmed"
    source: str | None = None  # "<instrument>/<source id>" or a sources.yaml id
    note: str | None = None
    scenario: str | None = None


class LazyEvents(Sequence[PartyEvent]):
    """The events of an indexed record, decoded when asked for: a question between two States
    decodes theirs (and the shared ones: an objection names another State, a deposit that
    decides an instrument's general entry into force matters to all), not all of them. Each
    State's rows are kept as the JSON text the index holds."""

    def __init__(self, shared: list[PartyEvent], by_state: dict[str, str] | dict[str, bytes],
                 order: Sequence[str], coverage: dict[str, dict[str, Any]] | None = None
                 ) -> None:
        self.shared = shared
        self.coverage = coverage or {}  # Framework.coverage per instrument, as indexed
        self._text = by_state
        self._rank = {iid: n for n, iid in enumerate(order)}
        self._decoded: dict[str, list[PartyEvent]] = {}
        self._all: tuple[PartyEvent, ...] | None = None

    def of_state(self, state: str) -> list[PartyEvent]:
        if state not in self._decoded:
            import json

            text = self._text.get(state)
            self._decoded[state] = [event_of_row(r) for r in json.loads(text)] if text else []
        return self._decoded[state]

    def _everything(self) -> tuple[PartyEvent, ...]:
        if self._all is None:
            own = [e for state in self._text for e in self.of_state(state)]
            self._all = tuple(sorted(self.shared + own, key=self._order))
        return self._all

    def _order(self, e: PartyEvent) -> tuple[int, int, str]:
        """The order of the record read from its files: catalogue order, then line."""
        line = e.where.partition(".csv:")[2].split(" ", 1)[0]
        return self._rank.get(e.instrument, -1), int(line) if line.isdigit() else 0, e.where

    def __iter__(self) -> Iterator[PartyEvent]:
        return iter(self._everything())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (LazyEvents, tuple, list)):
            return self._everything() == tuple(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # (a sequence of events, compared by value)

    def __len__(self) -> int:
        return len(self._everything())

    @overload
    def __getitem__(self, i: int) -> PartyEvent: ...
    @overload
    def __getitem__(self, i: slice) -> Sequence[PartyEvent]: ...
    def __getitem__(self, i: int | slice) -> PartyEvent | Sequence[PartyEvent]:
        return self._everything()[i]


class Framework(NamedTuple):
    instruments: dict[str, Instrument]
    events: Sequence[PartyEvent]
    sources: dict[str, dict[str, Any]]

    def events_of(self, state: str) -> list[PartyEvent]:
        """A State's events (as requested, objecting or reserving), without decoding the
        others' when the record comes from the index."""
        if isinstance(self.events, LazyEvents):
            lazy = self.events
            return sorted(lazy.of_state(state) + [e for e in lazy.shared if e.state == state],
                          key=lazy._order)
        return [e for e in self.events if e.state == state]

    def events_among(self, states: Iterable[str]) -> list[PartyEvent]:
        """The events of these States and the shared ones (events naming another State, and
        the deposits deciding a general entry into force); all of them when not indexed."""
        if isinstance(self.events, LazyEvents):
            return self.events.shared + [e for s in dict.fromkeys(states)
                                         for e in self.events.of_state(s)]
        return list(self.events)

    def ever_party(self, instrument: str, state: str) -> bool:
        """The State is recorded as bound by the instrument at some time."""
        return any(e.instrument == instrument and e.type in JOINS
                   for e in self.events_of(state))

    def excluded(self, instrument: str, state: str) -> tuple[str, str | None] | None:
        """When the catalogue says the State is not a party whatever the date and the list:
        ("not-bound", why) for a State named not bound, ("not-party", None) for a State not
        among those that can be parties (`parties_among`); else None."""
        inst = self.instruments[instrument]
        if state in inst.not_bound:
            return "not-bound", inst.not_bound[state]
        if inst.parties_among and not self.ever_party(inst.parties_among, state):
            return "not-party", None
        return None

    def coverage(self, instrument: str) -> dict[str, Any]:
        """How complete the shipped list of parties to an instrument is: the States recorded
        as bound (a consent, an entry into force, an application, or bound "no later than" a
        date: those also counted apart), the depositary's count, and how many of the rows rest
        on secondary sources (a source the listing does not rank depositary or official)."""
        if isinstance(self.events, LazyEvents) and instrument in self.events.coverage:
            return dict(self.events.coverage[instrument])
        inst = self.instruments[instrument]
        own = [e for e in self.events if e.instrument == instrument]
        joined = {e.state for e in own if e.type in JOINS}
        dated = {e.state for e in own if e.type in JOINS and e.type != NO_LATER_THAN}
        secondary = sum(1 for e in own
                        if self.sources.get(e.source or "", {}).get("rank", "secondary")
                        not in OFFICIAL_RANKS)
        return {"parties_recorded": len(joined),
                "parties_no_later_than": len(joined - dated),
                "parties_known_total": inst.known_total,
                "parties_list": "complete" if inst.complete else "partial",
                "record_as_of": inst.as_of,
                "rows": len(own), "rows_secondary": secondary,
                "rows_unverified": sum(1 for e in own if e.status == "unverified")}


def _strings(value: Any, where: str, what: str, allowed: tuple[str, ...] | None = None
             ) -> tuple[str, ...]:
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        raise DataError(where, f"{what} must be a non-empty list of words")
    if allowed is not None:
        for v in value:
            if v not in allowed:
                raise DataError(where, f"unknown {what[:-1]} {v!r}",
                                f"Known: {', '.join(allowed)}.")
    return tuple(value)


def _status(value: Any, where: str) -> str:
    if value not in STATUSES:
        raise DataError(where, f"status must be one of {', '.join(STATUSES)}, got {value!r}")
    return str(value)


def _source(value: Any, sources: dict[str, Any], where: str) -> str:
    if not isinstance(value, str) or value not in sources:
        raise DataError(where, f"unknown or missing source {value!r}",
                        "Every clause and parameter names a source id from facts/sources.yaml.")
    return value


def _link(value: Any, sources: dict[str, Any], where: str) -> Link | None:
    if value is None:
        return None
    if not isinstance(value, dict) or set(value) - {"provision", "status", "source",
                                                     "existing_before", "otherwise"}:
        raise DataError(where, "must be a mapping of provision, status, source and (deems) "
                               "existing_before, otherwise")
    before = _iso(value["existing_before"], where, "existing_before") \
        if value.get("existing_before") else None
    otherwise = value.get("otherwise")
    if otherwise is not None and not isinstance(otherwise, str):
        raise DataError(where, "otherwise must be the article for later treaties, as text")
    return Link(_text(value.get("provision"), where, "provision"),
                _status(value.get("status"), where), _source(value.get("source"), sources, where),
                before, otherwise)


def _text(value: Any, where: str, what: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise DataError(where, f"{what} must be text, got {value!r}")
    return value.strip()


def load_catalogue(path: Path, sources: dict[str, Any], states: StateIndex
                   ) -> dict[str, Instrument]:
    from mla_rules.record import yamlfile

    where = f"{path.parent.name}/{path.name}"
    doc = yamlfile.load(path, where)
    if not isinstance(doc, dict) or not isinstance(doc.get("instruments"), list):
        raise DataError(where, "must hold `instruments:`, a list of instruments")
    out: dict[str, Instrument] = {}
    for i, raw in enumerate(doc["instruments"], 1):
        at = f"{where}, instrument {i}"
        if not isinstance(raw, dict):
            raise DataError(at, "an instrument must be a mapping")
        iid = _text(raw.get("id"), at, "id")
        at = f"{where}, instrument {iid}"
        if iid in out:
            raise DataError(at, "id used twice")
        clauses = []
        for j, c in enumerate(raw.get("clauses") or [], 1):
            cat = f"{at}, clause {j}"
            if not isinstance(c, dict):
                raise DataError(cat, "a clause must be a mapping")
            if c.get("nature") not in NATURES:
                raise DataError(cat, f"nature must be one of {', '.join(NATURES)}")
            conditions = c.get("conditions") or []
            if not isinstance(conditions, list) or not all(isinstance(x, str)
                                                           for x in conditions):
                raise DataError(cat, "conditions must be a list of sentences")
            supplements = c.get("supplements")
            if (c["nature"] == "supplements") != isinstance(supplements, str):
                raise DataError(cat, "a clause of nature supplements names the instrument it "
                                     "supplements (`supplements: <id>`), and only such a clause")
            clauses.append(Clause(_text(c.get("provision"), cat, "provision"),
                                  _strings(c.get("kinds"), cat, "kinds", KINDS),
                                  _strings(c.get("crimes"), cat, "crimes"), c["nature"],
                                  _status(c.get("status"), cat),
                                  _source(c.get("source"), sources, cat), tuple(conditions),
                                  _link(c.get("defers"), sources, f"{cat}, defers"),
                                  _link(c.get("deems"), sources, f"{cat}, deems"),
                                  supplements))
        if not clauses:
            raise DataError(at, "has no clause")
        displaces = []
        for j, d in enumerate(raw.get("displaces") or [], 1):
            dat = f"{at}, displaces {j}"
            if not isinstance(d, dict):
                raise DataError(dat, "must be a mapping")
            displaces.append(Displacement(_text(d.get("instrument"), dat, "instrument"),
                                          _strings(d.get("kinds"), dat, "kinds", KINDS),
                                          _text(str(d.get("article", "")), dat, "article"),
                                          _status(d.get("status"), dat),
                                          _source(d.get("source"), sources, dat),
                                          d.get("note")))
        eif = None
        if raw.get("entry_into_force") is not None:
            e = raw["entry_into_force"]
            eat = f"{at}, entry_into_force"
            delay = e.get("delay") if isinstance(e, dict) else None
            if not isinstance(delay, dict) or len(delay) != 1 or \
                    next(iter(delay)) not in ("days", "months"):
                raise DataError(eat, "delay must be {days: N} or {months: N}")
            unit, amount = next(iter(delay.items()))
            threshold = e.get("threshold")
            for what, n in (("threshold", threshold), ("delay", amount)):
                if not isinstance(n, int) or isinstance(n, bool) or not 0 <= n <= 1000:
                    raise DataError(eat, f"{what} must be a whole number from 0 to 1000")
            general = _iso(e["general"], eat, "general") if e.get("general") else None
            eif = EntryIntoForce(str(e.get("article", "")), threshold, unit, amount, general,
                                 _status(e.get("status"), eat),
                                 _source(e.get("source"), sources, eat), e.get("note"))
        between = raw.get("between") or []
        between = [between] if isinstance(between, str) else between
        for code in between:
            if code not in states.by_code:
                raise DataError(at, f"between: unknown State {code!r}")
        if raw.get("parties", "complete") not in ("complete", "partial"):
            raise DataError(at, "parties must be complete or partial")
        not_bound = raw.get("not_bound") or {}
        if not isinstance(not_bound, dict) or not all(
                isinstance(v, str) and v.strip() for v in not_bound.values()):
            raise DataError(at, "not_bound must map States to why they are not bound")
        for code in not_bound:
            if code not in states.by_code:
                raise DataError(at, f"not_bound: unknown State {code!r}")
        out[iid] = Instrument(
            iid, _text(raw.get("title"), at, "title"), _text(raw.get("short"), at, "short"),
            _iso(raw.get("adopted"), at, "adopted"),
            _text(raw.get("depositary"), at, "depositary"),
            _source(raw["source"], sources, at) if raw.get("source") else None,
            tuple(clauses), tuple(displaces), eif, bool(raw.get("convention")),
            bool(raw.get("application")), tuple(states.get(c).alpha_3 for c in between),
            raw.get("parties", "complete") == "complete", raw.get("parties_known_total"),
            parties_among=raw.get("parties_among"),
            not_bound={states.get(c).alpha_3: v.strip() for c, v in not_bound.items()},
            general=_strings(raw["general"], at, "general kinds", KINDS)
            if raw.get("general") else ())
    for inst in out.values():
        if inst.parties_among is not None and inst.parties_among not in out:
            raise DataError(f"instruments.yaml, {inst.id}",
                            f"parties_among: unknown instrument {inst.parties_among!r}")
        for c in inst.clauses:
            if c.supplements is not None and c.supplements not in out:
                raise DataError(f"instruments.yaml, {inst.id}",
                                f"supplements an unknown instrument {c.supplements!r}")
        for d in inst.displaces:
            if d.instrument not in out:
                raise DataError(f"{where}, instrument {inst.id}",
                                f"displaces an unknown instrument {d.instrument!r}")
    if CONVENTION_ID not in out or not out[CONVENTION_ID].convention:
        raise DataError(where, f"the catalogue must hold {CONVENTION_ID} with convention: true")
    return out


def read_header(lines: list[str]) -> tuple[dict[str, list[str]], int]:
    """The `# key: value` lines at the top of a listing or parties file, and how many."""
    header: dict[str, list[str]] = {}
    n = 0
    for line in lines:
        if not line.startswith("#"):
            break
        n += 1
        key, sep, value = line[1:].strip().partition(":")
        if sep:
            header.setdefault(key.strip(), []).append(value.strip())
    return header, n


def parse_source_line(value: str) -> tuple[str, dict[str, Any]]:
    """'uk-fco http://... | Title' -> ('uk-fco', {'url': ..., 'title': ...})."""
    head, _, title = value.partition("|")
    parts = head.split()
    sid = parts[0] if parts else ""
    url = parts[1] if len(parts) > 1 else None
    return sid, {"url": url, "title": title.strip() or sid}


def header_sources(instrument: str, header: dict[str, list[str]], label: str
                   ) -> dict[str, dict[str, Any]]:
    """A parties file's own sources (ids prefixed with the instrument's id), with the rank
    its `# rank:` lines give them."""
    own: dict[str, dict[str, Any]] = {}
    for value in header.get("source", []):
        sid, entry = parse_source_line(value)
        own[f"{instrument}/{sid}"] = entry
    for value in header.get("rank", []):
        sid, _, rank = value.partition(" ")
        if f"{instrument}/{sid}" not in own or rank.strip() not in RANKS:
            raise DataError(label, f"`# rank: {value}` names no source of the file or no rank "
                                   f"({', '.join(RANKS)})")
        own[f"{instrument}/{sid}"] = {**own[f"{instrument}/{sid}"], "rank": rank.strip()}
    return own


def load_parties(path: Path, instrument: Instrument, states: StateIndex,
                 sources: dict[str, Any]) -> tuple[Instrument, list[PartyEvent],
                                                   dict[str, dict[str, Any]]]:
    """One instrument's parties file: its events, the instrument with the file's as-of date,
    and the file's sources (ids prefixed with the instrument's id)."""
    from mla_rules.record.yamlfile import DATA_LIMIT, read_limited

    label = f"facts/parties/{path.name}"
    try:
        text = read_limited(path, DATA_LIMIT, label).decode("utf-8")
    except UnicodeDecodeError:
        raise DataError(label, "is not UTF-8 text") from None
    lines = text.splitlines()
    header, skip = read_header(lines)
    own = header_sources(instrument.id, header, label)
    as_of = header.get("as_of", [None])[0]
    if as_of is not None:
        as_of = _iso(as_of, label, "as_of")
    import csv

    rows = csv.reader(lines[skip:])
    columns = next(rows, None)
    if columns is None or tuple(columns) != COLUMNS:
        raise DataError(f"{label}:{skip + 1}", f"the header row must be {','.join(COLUMNS)}")
    events = []
    for number, row in enumerate(rows, skip + 2):
        where = f"{label}:{number}"
        if len(row) != len(COLUMNS):
            raise DataError(where, f"expected {len(COLUMNS)} columns, got {len(row)}")
        values = dict(zip(COLUMNS, row, strict=True))
        events.append(party_event(instrument, values, where, states,
                                  {**sources, **own}, require_source=True))
    return instrument._replace(as_of=as_of, listing_note=" ".join(header.get("note", []))
                               or None), events, own


def party_event(instrument: Instrument, values: dict[str, Any], where: str,
                states: StateIndex, sources: dict[str, Any], require_source: bool,
                scenario: str | None = None) -> PartyEvent:
    """One event of an instrument's record, from a CSV row or a scenario's event."""

    def opt(key: str) -> Any:
        v = values.get(key)
        return None if v is None or v == "" else v

    state_text = opt("state")
    if state_text is None:
        raise DataError(where, "has no state")
    from mla_rules.errors import UsageError

    try:
        state = states.resolve(str(state_text)).alpha_3
    except UsageError as e:
        raise DataError(where, e.message, e.hint) from None
    kind = values.get("type")
    if kind not in PARTY_TYPES:
        raise DataError(where, f"unknown event type {kind!r} for {instrument.id}",
                        f"Known types: {', '.join(PARTY_TYPES)}.")
    where = f"{where} ({state} {kind}, {instrument.id})"
    if opt("date") is None and kind in UNDATED:
        date = ""  # no source dates it: shown with its text, never used by a rule
    elif opt("date") is None:
        raise DataError(where, "has no date",
                        "Only a declaration or a reservation may be undated.")
    else:
        date = _iso(values["date"], where, "date")
    if date and date < instrument.adopted:
        raise DataError(where, f"date {date} is before {instrument.short} was adopted "
                               f"({instrument.adopted})")
    effective = _iso(values["effective"], where, "effective") if opt("effective") else None
    if effective and effective < date and kind not in ("succession",):
        raise DataError(where, f"takes effect ({effective}) before it happened ({date})")
    if effective and kind == NO_LATER_THAN:
        raise DataError(where, "a party no later than a date has no `effective` date",
                        "The date is the one by which the source shows the State bound.")
    other = None
    if kind in ("objection-precluding", "objection-lifted"):
        if opt("other") is None:
            raise DataError(where, "needs `other`: the State the objection concerns")
        try:
            other = states.resolve(str(values["other"])).alpha_3
        except UsageError as e:
            raise DataError(where, e.message, e.hint) from None
    acts_before = None
    if kind == "transitional-declaration":
        if opt("acts_before") is None:
            raise DataError(where, "needs `acts_before`: the date before which acts stay "
                                   "under the old instruments")
        acts_before = _iso(values["acts_before"], where, "acts_before")
    status = _status(opt("status") or "confirmed", where)
    source = opt("source")
    if source is not None:
        source = str(source)
        prefixed = f"{instrument.id}/{source}"
        source = prefixed if prefixed in sources else source
        if source not in sources:
            raise DataError(where, f"unknown source {values['source']!r}")
    elif require_source:
        raise DataError(where, "has no source")
    note = opt("note")
    return PartyEvent(instrument.id, state, str(kind), date, where, effective, other,
                      acts_before, status, source, None if note is None else str(note),
                      scenario)


def load_framework(facts: Path, sources: dict[str, Any], states: StateIndex) -> Framework:
    catalogue = load_catalogue(facts / "instruments.yaml", sources, states)
    events: list[PartyEvent] = []
    all_sources: dict[str, dict[str, Any]] = {}
    for iid, inst in list(catalogue.items()):
        path = facts / "parties" / f"{iid}.csv"
        if inst.convention or not path.is_file():
            continue
        inst, evs, own = load_parties(path, inst, states, sources)
        catalogue[iid] = inst
        events.extend(evs)
        all_sources.update(own)
    return Framework(catalogue, tuple(events), all_sources)


def _clause_of(c: dict[str, Any]) -> Clause:
    """A clause from its form in the index."""
    fields: dict[str, Any] = {k: tuple(v) if isinstance(v, list) else v for k, v in c.items()}
    for k in ("defers", "deems"):
        fields[k] = Link(**c[k]) if c.get(k) else None
    return Clause(**fields)


def framework_from_index(d: dict[str, Any]) -> Framework:
    """A Framework from its form in facts/index.json (record/index.py)."""

    def tuples(item: dict[str, Any]) -> dict[str, Any]:
        return {k: tuple(v) if isinstance(v, list) else v for k, v in item.items()}

    instruments = {}
    for iid, raw in d["instruments"].items():
        eif = raw.get("entry_into_force")
        instruments[iid] = Instrument(**{
            **tuples(raw),
            "clauses": tuple(_clause_of(c) for c in raw["clauses"]),
            "displaces": tuple(Displacement(**tuples(x)) for x in raw["displaces"]),
            "entry_into_force": EntryIntoForce(**eif) if eif else None})
    shared = [event_of_row(r) for r in d["events_shared"]]
    return Framework(instruments, LazyEvents(shared, d["events_by_state"], list(instruments),
                                             d.get("coverage")), d["sources"])


def is_shared(fw: Framework, e: PartyEvent) -> bool:
    """An event every question may need, whatever its States: one naming another State, or a
    deposit that decides the general entry into force of an instrument whose date of general
    entry into force is not recorded."""
    eif = fw.instruments[e.instrument].entry_into_force
    return e.other is not None or (e.type in DEPOSITS and eif is not None and not eif.general)


def _where(e: PartyEvent | list[Any]) -> str:
    instrument, state, kind = e[0], e[1], e[2]
    return f"facts/parties/{instrument}.csv:{{}} ({state} {kind}, {instrument})"


def event_row(e: PartyEvent) -> list[Any]:
    """An event as a row of the index: its fields in order, `where` as the line number when
    it is the usual place in facts/parties/."""
    row: list[Any] = list(e)
    head, _, line = e.where.partition(".csv:")
    number = line.split(" ", 1)[0]
    if number.isdigit() and _where(e).format(number) == e.where:
        row[4] = int(number)
    return row


def event_of_row(row: list[Any]) -> PartyEvent:
    """The event of an index row (the inverse of event_row; this runs for every event at
    every start, so it builds `where` directly rather than through _where)."""
    line = row[4]
    if type(line) is int:
        instrument, state, kind = row[0], row[1], row[2]
        row = [*row[:4], f"facts/parties/{instrument}.csv:{line} ({state} {kind}, {instrument})",
               *row[5:]]
    return PartyEvent._make(row)
