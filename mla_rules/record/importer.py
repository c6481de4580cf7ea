"""`mla facts import`: refresh an instrument's record from a depositary's file or a listing,
validating everything before anything is written, and writing nothing half-way.

1. Each file is read by the importer of its format (record/importers/): the UN Treaty
   Collection's XML, OHCHR's Excel export, or a listing (facts/listings/<id>.tsv).
2. A depositary's file is merged into the instrument's listing: its rows replace the rows of
   the same source (an older copy of the same file) and the other sources' rows stay.
3. Every row of the listing is validated (an unknown action, a date that is malformed or
   impossible, a name the index cannot map, a second deposit or start of application by the
   same State from the same source with no end between) and every problem is listed; nothing
   is written unless `--skip-invalid` is given, which leaves those rows out and lists them.
   Where two sources give different facts for the same act, the higher-ranked source governs
   (the depositary, then an official table, then a secondary source) and the conflict is listed.
4. The objections a person reviewed (facts/listings/objections.yaml) become the records of
   objections that preclude the treaty between two States; the importer only proposes.
5. The new listing, parties file and index are loaded with every check in a temporary copy of
   the facts; only then are they written, each atomically (record/safe_write.py).
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any, NamedTuple

from mla_rules.errors import DataError, UsageError
from mla_rules.record import yamlfile
from mla_rules.record.framework import COLUMNS, DEPOSITS, ENDS, PARTY_TYPES, UNDATED
from mla_rules.record.importers import FORMATS, RANKS, Parsed, Row, detect
from mla_rules.record.importers import tsv as tsv_format
from mla_rules.record.names import StateIndex, normalise

SKIP = "skip"
LISTING_ONLY = ("objection", "objection-withdrawal", "note")
ACTIONS = (*PARTY_TYPES, *LISTING_ONLY)
# a declaration or reservation no source dates is recorded undated (UNDATED: its text is shown
# with the instrument's answers, never used by a rule); an undated withdrawal stays in the listing
UNDATED_OK = (*UNDATED, "reservation-withdrawal", *LISTING_ONLY)
STARTS = (*DEPOSITS, "in-force", "application")
EFFECTS = ("precluding", "not-precluding")
OBJECTION_KEYS = {"instrument", "objector", "reserving", "date", "effect", "words", "source",
                  "withdrawn", "withdrawn_source", "note"}


class Bad(NamedTuple):
    """A row that cannot be imported, and why."""
    file: str
    line: int
    participant: str
    why: str

    def __str__(self) -> str:
        at = f"{self.file}:{self.line}" if self.line else self.file
        return f"{at} ({self.participant}): {self.why}" if self.participant else \
            f"{at}: {self.why}"


class Conflict(NamedTuple):
    state: str
    act: str
    kept: Row
    other: Row
    governs: str  # the source id whose fact is kept
    why: str

    def __str__(self) -> str:
        def show(r: Row) -> str:
            return f"{r.action} {r.date or '(undated)'}" + \
                (f" effective {r.effective}" if r.effective else "") + f" [{r.source}]"
        return (f"{self.state} {self.act}: {show(self.kept)} governs over {show(self.other)} "
                f"({self.why})")


class Imported(NamedTuple):
    instrument: str
    listing: Path | None  # written when a depositary's file was merged into it
    parties: Path
    rows: int
    states: int
    left_out: list[Bad]  # names.yaml says: a predecessor State or a territory
    skipped: list[Bad]  # invalid rows left out (--skip-invalid)
    listing_only: int  # undated withdrawals, objections as text: kept in the listing
    conflicts: list[Conflict]
    unknown_type: list[str]  # States whose deposit stays of unknown type
    to_review: list[dict[str, Any]]  # objections with no reviewed effect
    unread: list[str]
    sources: list[dict[str, str]]


class Validated(NamedTuple):
    rows: list[dict[str, str]]
    bad: list[Bad]
    left_out: list[Bad]
    listing_only: int
    conflicts: list[Conflict]
    unknown_type: list[str]
    to_review: list[dict[str, Any]]


class Rejected(DataError):
    """The import found rows it cannot take: nothing was written."""

    def __init__(self, bad: list[Bad]) -> None:
        lines = "\n".join(f"  {b}" for b in bad)
        super().__init__("mla facts import",
                         f"{len(bad)} row{'s' if len(bad) > 1 else ''} cannot be imported; "
                         f"nothing was written:\n{lines}",
                         "Where a depositary's file was given, the lines are those of the "
                         "listing merged with it (not written). "
                         "Fix each row (facts/listings/FORMAT.md says what a row holds; "
                         "spellings go in facts/listings/names.yaml), or give --skip-invalid "
                         "to import the other rows and list these.")
        self.bad = bad


def load_names(path: Path) -> dict[str, str]:
    """Source spellings -> ISO alpha-3 code, or `skip: <why>` for predecessor States and
    territories (facts/listings/names.yaml)."""
    if not path.is_file():
        return {}
    doc = yamlfile.load(path, f"listings/{path.name}") or {}
    if not isinstance(doc, dict):
        raise DataError(f"listings/{path.name}", "must map spellings to ISO codes")
    return {normalise(str(k)): str(v) for k, v in doc.items()}


def _resolve(name: str, states: StateIndex, names: dict[str, str]) -> str | None:
    """The ISO code of a spelling; None when names.yaml says to skip it."""
    alias = names.get(normalise(name))
    if alias is not None:
        return None if alias.startswith(SKIP) else states.resolve(alias).alpha_3
    return states.resolve(name).alpha_3


def _real_date(value: str) -> bool:
    if len(value) != 10 or value[4] != "-" or value[7] != "-":
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _catalogue(facts: Path) -> dict[str, dict[str, Any]]:
    doc = yamlfile.load(facts / "instruments.yaml", "instruments.yaml") or {}
    return {str(i.get("id")): i for i in doc.get("instruments", []) if isinstance(i, dict)}


def _instrument_for(parsed: Parsed, given: str | None, catalogue: dict[str, Any],
                    path: Path) -> str:
    if given:
        return given
    title = normalise(parsed.title)
    for iid, inst in catalogue.items():
        if title and normalise(str(inst.get("title", ""))).startswith(title):
            return iid
    raise UsageError(f"{path}: cannot tell which instrument {parsed.title!r} is",
                     f"Give --instrument ID; the instruments are: {', '.join(catalogue)}.")


# --- merging a depositary's file into a listing -------------------------------------------

def merge(listing: tsv_format.Listing | None, parsed: Parsed, instrument: str) -> str:
    """The listing's text with the rows of `parsed` in place of those of the same source."""
    sid = parsed.source.id
    header = list(listing.header_lines) if listing else [f"# instrument: {instrument}"]
    ours = (f"# source: {sid} ", f"# rank: {sid} ", f"# checksum: {sid} ", f"# note: {sid}: ",
            f"# unread: {sid}: ")
    old_source = next((i for i, h in enumerate(header) if h.startswith(ours[0])), None)
    kept = [h for h in header if not h.startswith(ours) and not h.startswith("# as_of:")]
    src = parsed.source
    new = [f"# source: {sid} {src.url} | {src.title}", f"# rank: {sid} {src.rank}",
           f"# checksum: {sid} {src.checksum} {tsv_format.cell(src.file)} (as of {src.as_of})"]
    new += [f"# note: {sid}: {tsv_format.cell(n)}" for n in parsed.notes]
    new += [f"# unread: {sid}: {tsv_format.cell(u)}" for u in parsed.unread]
    if old_source is not None:  # keep the source where it was: "" still means the first
        at = len([h for h in header[:old_source] if not h.startswith(ours)
                  and not h.startswith("# as_of:")])
    else:
        sources = [i for i, h in enumerate(kept) if h.startswith(("# source:", "# rank:",
                                                                  "# checksum:"))]
        at = sources[-1] + 1 if sources else 1
    as_of = max([src.as_of, *((listing.header.get("as_of") or []) if listing else [])])
    header = [*kept[:at], *new, *kept[at:]]
    block = [i for i, h in enumerate(header) if h.startswith(("# instrument:", "# source:",
                                                              "# rank:", "# checksum:"))]
    header.insert(block[-1] + 1, f"# as_of: {as_of}")
    first = _first_source(header)
    rows = [r for r in (listing.rows if listing else [])
            if (r.source or first) != sid]
    rows += [r._replace(source=sid if sid != first else "", line=0) for r in parsed.rows]
    return tsv_format.render(header, rows)


def _first_source(header_lines: list[str]) -> str:
    for h in header_lines:
        if h.startswith("# source:"):
            parts = h.removeprefix("# source:").split()
            return parts[0] if parts else ""
    return ""


# --- validating a listing -----------------------------------------------------------------

def validate(listing: tsv_format.Listing, states: StateIndex, names: dict[str, str],
             objections: list[dict[str, Any]], instrument: str, label: str | None = None
             ) -> Validated:
    label = label or str(listing.path)
    sources = [s.split()[0] for s in listing.header.get("source", []) if s.split()]
    if not sources:
        raise DataError(label, "has no `# source:` line", "Every row needs a source.")
    ranks = {}
    for value in listing.header.get("rank", []):
        sid, _, rank = value.partition(" ")
        if rank.strip() not in RANKS:
            raise DataError(label, f"`# rank: {value}`: the rank must be one of "
                                   f"{', '.join(RANKS)}")
        ranks[sid] = rank.strip()
    bad: list[Bad] = []
    left_out: list[Bad] = []
    listing_only = 0
    rows: list[tuple[Row, dict[str, str]]] = []
    for r in listing.rows:
        def fail(why: str, row: Row = r) -> None:
            bad.append(Bad(label, row.line, row.participant, why))

        try:
            state = _resolve(r.participant, states, names)
            other = _resolve(r.other, states, names) if r.other else ""
        except UsageError as e:
            fail(f"{e.message}; add the spelling to facts/listings/names.yaml")
            continue
        if state is None or other is None:
            left_out.append(Bad(label, r.line, r.participant,
                                "a predecessor State or a territory (names.yaml)"))
            continue
        if r.action not in ACTIONS:
            fail(f"unknown action {r.action!r}; known: {', '.join(ACTIONS)}")
            continue
        source = r.source or sources[0]
        if source not in sources:
            fail(f"source {source!r} has no `# source:` line")
            continue
        for what, value in (("date", r.date), ("effective", r.effective),
                            ("acts_before", r.acts_before)):
            if value and not _real_date(value):
                fail(f"{what} {value!r} is not a real date written YYYY-MM-DD")
                break
        else:
            action, date, effective = r.action, r.date, r.effective
            if not date and action in DEPOSITS and effective:
                # the source gives only the date of entry into force for the State: record
                # that, not a deposit on a date no source gives
                action, date, effective = "in-force", effective, ""
            if action in LISTING_ONLY or (not date and action in UNDATED_OK
                                          and action not in UNDATED):
                listing_only += 1
                continue
            if not date and action not in UNDATED:
                fail(f"the {action} has no date: only a declaration or a reservation may be "
                     f"undated (a row with only an `effective` date is recorded as in force "
                     f"from it)")
                continue
            if action in ("objection-precluding", "objection-lifted") and not other:
                fail(f"an {action} must name the other State in `other`")
                continue
            status = "unverified" if "UNVERIFIED" in r.note.upper() else (
                "interpretation" if r.note.startswith("INTERPRETATION") else "confirmed")
            rows.append((r._replace(source=source), {
                "state": state, "type": action, "date": date, "effective": effective,
                "other": other, "acts_before": r.acts_before, "status": status,
                "source": source, "note": r.note}))
    reviewed, review_bad, to_review = _objections(listing, objections, states, names,
                                                  instrument, sources, label)
    bad += review_bad
    kept, dup_bad, conflicts, unknown = _one_per_act(rows, ranks, label)
    bad += dup_bad
    return Validated(kept + reviewed, bad, left_out, listing_only, conflicts, unknown,
                     to_review)


def _rank(ranks: dict[str, str], source: str) -> int:
    return RANKS.index(ranks.get(source, "secondary"))


def _one_per_act(rows: list[tuple[Row, dict[str, str]]], ranks: dict[str, str], label: str
                 ) -> tuple[list[dict[str, str]], list[Bad], list[Conflict], list[str]]:
    """One record per act: a second start (deposit, entry into force, application) by the
    same State from the same source with no end between is an error; the same act from two
    sources is kept once, from the source that governs, and a disagreement is a conflict."""
    bad: list[Bad] = []
    conflicts: list[Conflict] = []
    by_state: dict[str, list[tuple[Row, dict[str, str]]]] = defaultdict(list)
    for row, rec in rows:
        by_state[rec["state"]].append((row, rec))
    out: list[dict[str, str]] = []
    unknown: list[str] = []
    for state, items in by_state.items():
        starts = sorted((x for x in items if x[1]["type"] in STARTS),
                        key=lambda x: (x[1]["date"], _rank(ranks, x[0].source)))
        ends = sorted(x[1]["effective"] or x[1]["date"] for x in items
                      if x[1]["type"] in ENDS)
        periods: list[list[tuple[Row, dict[str, str]]]] = []
        for item in starts:
            if periods and not any(periods[-1][0][1]["date"] <= e <= item[1]["date"]
                                   for e in ends):
                periods[-1].append(item)
            else:
                periods.append([item])
        for period in periods:
            kept = _one_start(state, period, ranks, label, bad, conflicts)
            if kept["type"] == "deposit":
                unknown.append(state)
            out.append(kept)
        seen: dict[tuple[str, ...], tuple[Row, dict[str, str]]] = {}
        for row, rec in items:
            if rec["type"] in STARTS:
                continue
            key = (rec["type"], rec["date"], rec["other"], rec["acts_before"]) + (
                # two declarations of a day (or undated) are two acts, unless worded alike
                (rec["note"],) if rec["type"] in UNDATED else ())
            first = seen.get(key)
            if first is None:
                seen[key] = (row, rec)
                out.append(rec)
            elif first[0].source == row.source and rec["type"] not in (
                    "declaration", "reservation", "reservation-withdrawal"):
                bad.append(Bad(label, row.line, row.participant,
                               f"{state}'s {rec['type']} of {rec['date']} is already on line "
                               f"{first[0].line} ({first[0].participant})"))
            elif first[0].source != row.source and \
                    _rank(ranks, row.source) < _rank(ranks, first[0].source):
                out[out.index(first[1])] = rec
                seen[key] = (row, rec)
    return out, bad, conflicts, sorted(unknown)


def _one_start(state: str, period: list[tuple[Row, dict[str, str]]], ranks: dict[str, str],
               label: str, bad: list[Bad], conflicts: list[Conflict]) -> dict[str, str]:
    by_source: dict[str, list[tuple[Row, dict[str, str]]]] = defaultdict(list)
    for item in period:
        by_source[item[0].source].append(item)
    for items in by_source.values():
        for row, rec in items[1:]:
            first = items[0][0]
            bad.append(Bad(label, row.line, row.participant,
                           f"a second {rec['type']} by {state} ({rec['date']}) after the "
                           f"{items[0][1]['type']} on line {first.line} ({first.participant}, "
                           f"{items[0][1]['date']}) with no denunciation, withdrawal or end "
                           f"between"))
    # a refused second row is left out; the first of each source stands for the act
    ordered = sorted((items[0] for items in by_source.values()),
                     key=lambda x: (_rank(ranks, x[0].source), x[0].line))
    best_row, best = ordered[0]
    best = dict(best)
    for row, rec in ordered[1:]:
        same_rank = _rank(ranks, row.source) == _rank(ranks, best_row.source)
        why = "the first row of sources of the same rank" if same_rank else \
            f"{ranks.get(best_row.source, 'secondary')} over {ranks.get(row.source, 'secondary')}"
        comparable = (best["type"] == "in-force") == (rec["type"] == "in-force")
        if comparable and rec["date"] != best["date"]:
            conflicts.append(Conflict(state, "deposit" if best["type"] in DEPOSITS
                                      else best["type"], best_row, row, best_row.source, why))
            continue
        official = _rank(ranks, row.source) < RANKS.index("secondary")
        # the type of a deposit the source does not type is taken from the UN's own data
        # (the depositary's or an official table), never from a secondary source
        if best["type"] in ("deposit", "in-force") and rec["type"] in DEPOSITS and official \
                and rec["type"] != "deposit" and rec["date"] == best["date"]:
            best["type"] = rec["type"]
            best["note"] = "; ".join(x for x in (best["note"], f"type {rec['type']} from "
                                                             f"{row.source}") if x)
        if best["type"] == "succession" and not best["effective"] and rec["effective"] \
                and rec["type"] == "succession" and official:
            best["effective"] = rec["effective"]
            best["note"] = "; ".join(x for x in (best["note"], f"effective date of the "
                                                             f"succession from {row.source}")
                                     if x)
    return best


# --- objections ---------------------------------------------------------------------------

def read_objections(path: Path) -> list[dict[str, Any]]:
    """facts/listings/objections.yaml: the objections a person reviewed, with their effect.
    The importer reads it and never writes it."""
    if not path.is_file():
        return []
    label = f"listings/{path.name}"
    doc = yamlfile.load(path, label) or {}
    items = doc.get("objections") if isinstance(doc, dict) else None
    if not isinstance(items, list):
        raise DataError(label, "must hold `objections:`, a list of reviewed objections")
    for i, item in enumerate(items, 1):
        if not isinstance(item, dict):
            raise DataError(f"{label}, objection {i}", "must be a mapping")
        unknown = set(map(str, item)) - OBJECTION_KEYS
        if unknown:
            raise DataError(f"{label}, objection {i}", f"unknown key(s) {sorted(unknown)}",
                            f"Known: {', '.join(sorted(OBJECTION_KEYS))}.")
        item["_where"] = f"{label}, objection {i}"
    return items


def _objections(listing: tsv_format.Listing, reviewed: list[dict[str, Any]],
                states: StateIndex, names: dict[str, str], instrument: str,
                sources: list[str], label: str
                ) -> tuple[list[dict[str, str]], list[Bad], list[dict[str, Any]]]:
    texts: dict[tuple[str, str], list[str]] = defaultdict(list)
    pending: dict[tuple[str, str], Row] = {}
    for r in listing.rows:
        if r.action != "objection":
            continue
        try:
            state = _resolve(r.participant, states, names)
        except UsageError:
            continue
        if state:
            texts[(state, r.date)].append(normalise(r.note))
            pending.setdefault((state, r.date), r)
    rows: list[dict[str, str]] = []
    bad: list[Bad] = []
    done: set[tuple[str, str]] = set()
    for item in reviewed:
        if item.get("instrument") != instrument:
            continue
        where = item["_where"]
        try:
            objector = _resolve(str(item.get("objector", "")), states, names)
            reserving = _resolve(str(item.get("reserving", "")), states, names)
        except UsageError as e:
            raise DataError(where, e.message, e.hint) from None
        if objector is None or reserving is None:
            raise DataError(where, "objector and reserving must be States (names.yaml "
                                   "skips this spelling)")
        effect = item.get("effect")
        if effect not in EFFECTS:
            raise DataError(where, f"effect must be one of {', '.join(EFFECTS)}, got "
                                   f"{effect!r}", "A person decides the effect from the words "
                                                  "(VCLT Art. 20(4)(b)).")
        date = str(item.get("date") or "")
        if date and not _real_date(date):
            raise DataError(where, f"date {date!r} is not a real date written YYYY-MM-DD")
        source = str(item.get("source") or "")
        if source not in sources:
            raise DataError(where, f"source {source!r} is not a `# source:` of {listing.path}")
        words = " ".join(str(item.get("words") or "").split())
        if not words:
            raise DataError(where, "needs `words`: the objection's own words the effect rests "
                                   "on")
        found = texts.get((objector, date))
        if found is not None and not any(normalise(words) in t for t in found):
            raise DataError(where, f"the quoted words are not in {objector}'s objection of "
                                   f"{date or '(undated)'} in the listing",
                            "Quote the objection exactly as the source gives it.")
        done.add((objector, date))
        if effect == "precluding":
            if not date:
                raise DataError(where, "a precluding objection needs its date (the date the "
                                       "depositary received it)")
            rows.append({"state": objector, "type": "objection-precluding", "date": date,
                         "effective": "", "other": reserving, "acts_before": "",
                         "status": "confirmed", "source": source,
                         "note": f"reviewed (objections.yaml): \"{words}\""
                                 + (f"; {item['note']}" if item.get("note") else "")})
            withdrawn = str(item.get("withdrawn") or "")
            if withdrawn:
                if not _real_date(withdrawn):
                    raise DataError(where, f"withdrawn {withdrawn!r} is not a real date")
                rows.append({"state": objector, "type": "objection-lifted",
                             "date": withdrawn, "effective": "", "other": reserving,
                             "acts_before": "", "status": "confirmed",
                             "source": str(item.get("withdrawn_source") or source),
                             "note": "withdrawal of the objection (objections.yaml)"})
    to_review = []
    for (state, date), r in pending.items():
        if (state, date) in done:
            continue
        note = r.note
        proposed = note.removeprefix("proposed effect: ").split(" ", 1)[0] \
            if note.startswith("proposed effect: ") else "not-precluding"
        to_review.append({"objector": state, "date": date, "line": r.line,
                          "proposed": proposed, "concerns": _named(note, states, state),
                          "text": note.partition("text: ")[2] or note})
    return rows, bad, to_review


def _named(text: str, states: StateIndex, objector: str) -> list[str]:
    """The States a text names (the reserving States an objection may concern)."""
    padded = f" {normalise(text)} "
    found = set()
    for key in sorted((k for k in states.by_name if len(k) > 3), key=len, reverse=True):
        if f" {key} " in padded:  # the longest names first: "Northern Ireland" is not Ireland
            found.add(states.by_name[key].alpha_3)
            padded = padded.replace(f" {key} ", " | ")
    return sorted(found - {objector})


# --- the whole import ---------------------------------------------------------------------

def parties_text(instrument: str, listing: tsv_format.Listing, rows: list[dict[str, str]]
                 ) -> str:
    lines = [f"# instrument: {instrument}",
             f"# imported: from listings/{listing.path.name} by `mla facts import`; do not "
             f"edit by hand, edit the listing and import again"]
    for field in ("as_of", "source", "rank", "note"):
        lines += [f"# {field}: {v}" for v in listing.header.get(field, [])]
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, COLUMNS, lineterminator="\n")
    writer.writeheader()
    for rec in sorted(rows, key=lambda r: (r["state"], r["date"], r["type"], r["other"])):
        writer.writerow(rec)
    return "\n".join(lines) + "\n" + buffer.getvalue()


def run_import(files: list[Path], facts: Path, states: StateIndex, *,
               instrument: str | None = None, fmt: str | None = None,
               skip_invalid: bool = False) -> tuple[list[Imported], Path]:
    """Import `files` into `facts`; return what was imported and the index written."""
    if fmt is not None and fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r}", f"Known: {', '.join(FORMATS)}.")
    catalogue = _catalogue(facts)
    if instrument is not None and instrument not in catalogue:
        raise UsageError(f"unknown instrument {instrument!r}",
                         f"Known instruments: {', '.join(sorted(catalogue))}.")
    names = load_names(facts / "listings" / "names.yaml")
    objections = read_objections(facts / "listings" / "objections.yaml")
    plans: dict[str, dict[str, Any]] = {}
    file_errors: list[Bad] = []
    for path in files:
        kind = fmt or detect(path)
        if kind == "tsv":
            given = tsv_format.parse(path)
            iid = (given.header.get("instrument") or [""])[0]
            if not iid:
                raise DataError(str(path), "has no `# instrument: <id>` line")
            if instrument and iid != instrument:
                raise UsageError(f"{path} is the listing of {iid}, not of {instrument}")
            plan = plans.setdefault(iid, {"parsed": [], "listing": None, "errors": []})
            if plan["listing"] is not None or plan["parsed"]:
                raise UsageError(f"{iid}: give its listing once, or the depositary's files "
                                 f"without the listing")
            plan["listing"] = given
            continue
        if kind == "untc-xml":
            from mla_rules.record.importers import untc_xml as module
        else:
            from mla_rules.record.importers import ohchr_xls as module  # type: ignore[no-redef]
        parsed = module.parse(path)
        iid = _instrument_for(parsed, instrument, catalogue, path)
        plan = plans.setdefault(iid, {"parsed": [], "listing": None, "errors": []})
        errors = [Bad(str(path), 0, who, why) for who, why in parsed.errors]
        plan["errors"] += errors
        file_errors += errors
        if plan["listing"] is not None:
            raise UsageError(f"{iid}: give its listing once, or the depositary's files "
                             f"without the listing")
        plan["parsed"].append(parsed)
    writes: dict[Path, str] = {}
    results: list[Imported] = []
    all_bad: list[Bad] = []
    for iid, plan in plans.items():
        if iid not in catalogue:
            raise DataError(f"instrument {iid!r}", "is not in instruments.yaml",
                            f"Known instruments: {', '.join(sorted(catalogue))}.")
        if catalogue[iid].get("convention"):
            raise UsageError(f"{iid} is the Convention itself: its record is "
                             f"facts/events.yaml, checked by `mla facts check`")
        listing: tsv_format.Listing | None = plan["listing"]
        listing_path = None
        unread: list[str] = []
        if plan["parsed"]:
            listing_path = facts / "listings" / f"{iid}.tsv"
            current = tsv_format.parse(listing_path) if listing_path.is_file() else None
            # the depositary's file last: its rows are the ones merged last and kept first
            for parsed in sorted(plan["parsed"], key=lambda p: -RANKS.index(p.source.rank)):
                text = merge(current, parsed, iid)
                current = tsv_format.parse_text(text, listing_path)
                unread += [f"{parsed.source.file}: {u}" for u in parsed.unread]
            listing = current
            writes[listing_path] = text
        if listing is None:
            raise UsageError(f"{iid}: nothing to import")
        checked = validate(listing, states, names, objections, iid)
        if not checked.rows and not checked.bad:
            checked.bad.append(Bad(str(listing.path), 0, "", f"the listing maps no row at all "
                                   f"({len(checked.left_out)} rows left out by names.yaml, "
                                   f"{checked.listing_only} kept as text): importing it would "
                                   f"empty the instrument's parties"))
        if checked.bad and not skip_invalid:
            all_bad += checked.bad
            continue
        if not checked.rows:
            all_bad.append(Bad(str(listing.path), 0, "", "no valid row is left: a listing "
                                                         "that maps no row is always an error"))
            continue
        out = facts / "parties" / f"{iid}.csv"
        writes[out] = parties_text(iid, listing, checked.rows)
        srcs = [{"id": v.split()[0], "value": v} for v in listing.header.get("source", [])
                if v.split()]
        results.append(Imported(iid, listing_path, out, len(checked.rows),
                                len({r["state"] for r in checked.rows}), checked.left_out,
                                [*plan["errors"], *checked.bad] if skip_invalid else [],
                                checked.listing_only,
                                checked.conflicts, checked.unknown_type, checked.to_review,
                                unread, srcs))
    if not skip_invalid:
        all_bad = file_errors + all_bad
    if all_bad:
        raise Rejected(all_bad)
    index = _check_and_index(facts, writes)
    from mla_rules.record.safe_write import write_all

    write_all({**writes, facts / "index.json": index})
    return results, facts / "index.json"


def _check_and_index(facts: Path, writes: dict[Path, str]) -> str:
    """Load the record, with every check, from a temporary copy of `facts` holding the new
    files, and return the text of its index: nothing is written to `facts` before this."""
    from mla_rules.record.index import index_text
    from mla_rules.record.record import load_record_files
    from mla_rules.record.safe_write import refuse_links

    refuse_links([*writes, facts / "index.json"])
    with tempfile.TemporaryDirectory(prefix="mla-import-") as tmp:
        copy = Path(tmp) / facts.name
        shutil.copytree(facts, copy, symlinks=True,
                        ignore=shutil.ignore_patterns("index.json", ".*.tmp"))
        for path, text in writes.items():
            target = copy / path.resolve().relative_to(facts.resolve())
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        record = load_record_files(copy)
        return index_text(copy, record)


def summary(result: Imported) -> dict[str, Any]:
    return {"instrument": result.instrument,
            "listing": str(result.listing) if result.listing else None,
            "written": str(result.parties), "rows": result.rows, "states": result.states,
            "left_out": [b._asdict() for b in result.left_out],
            "skipped": [b._asdict() for b in result.skipped],
            "listing_only": result.listing_only,
            "conflicts": [{"state": c.state, "act": c.act, "governs": c.governs,
                           "kept": c.kept._asdict(), "other": c.other._asdict(), "why": c.why}
                          for c in result.conflicts],
            "deposit_of_unknown_type": result.unknown_type,
            "objections_to_review": result.to_review, "unread": result.unread}
