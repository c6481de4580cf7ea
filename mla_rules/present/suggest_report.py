"""What would close one State's gap, as one self-contained HTML page for a ministry's policy
staff (`mla gap --suggest STATE --format html`): the State, the date, the size of its gap, the
steps ranked by how much of it each closes (number and share, with the instrument's title),
the caveats of the text form and the sources. No script, font, image or stylesheet from
outside; prints on A4.

Everything on the page comes from `suggestions_document` (present/gap.py), the data of the
JSON form, grouped as the text form groups it: the steps to take, the steps to check first
(an instrument whose shipped list of parties is partial may already bind the State) and the
steps that would close nothing; the record only supplies names, titles and sources."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from mla_rules.present.gap import (
    CLOSES_NOTHING,
    NOTHING_CLOSES,
    check_first,
    suggestions_headline,
)
from mla_rules.questions.answer import KINDS
from mla_rules.record.dates import human
from mla_rules.record.framework import CONVENTION_ID
from mla_rules.record.record import Record

STEP_WORDS = {"instrument": "join an instrument", "convention": "become a party to the Convention",
              "annex": "opt in to an annex (Art. 2(2))"}
ADDS_UP = ("Each step is evaluated alone, by the rules on the record with that step added: two "
           "steps may close the same pairs, so the figures do not add up.")


def _share(closes: int, size: int) -> str:
    if not size:
        return "—"
    share = 100 * closes / size
    return "less than 0.1%" if 0 < share < 0.05 else f"{share:.1f}%"


def _title(record: Record, what: str, sid: str) -> str:
    fw = record.framework
    assert fw is not None
    if what == "instrument":
        return fw.instruments[sid].title
    if what == "annex":  # the Convention's full title is on its own row
        crime = next((c for c in record.crimes.values() if c.annex == sid), None)
        return (f"Annex {sid} to {fw.instruments[CONVENTION_ID].short}"
                + (f": {crime.name}" if crime else ""))
    return str(record.convention["title"])


def _sources(record: Record, doc: dict[str, Any]) -> list[dict[str, Any]]:
    """The Convention's record (its own source and those of its events), then each suggested
    instrument's source with the date and completeness of its shipped list of parties."""
    from mla_rules.present.sources import record_sources

    return record_sources(record, [s["id"] for s in doc["suggestions"]
                                   if s["what"] == "instrument"])


def suggest_context(record: Record, doc: dict[str, Any], crimes: Iterable[str] | None = None,
                    kinds: Iterable[str] = tuple(KINDS)) -> dict[str, Any]:
    """The page's data: `doc` is `suggestions_document(...)`, as the JSON form writes it;
    `crimes` and `kinds` are those the gap was counted over (None: every crime)."""
    name = record.states.get(doc["state"]).name
    size = doc["gap_pairs"]
    rows: dict[str, list[dict[str, Any]]] = {"sure": [], "check": [], "idle": []}
    for s in doc["suggestions"]:
        # as the text form: a step whose instrument's list is partial is one to check first,
        # never one to take; a step that closes nothing is only named
        group = "idle" if not s["closes"] else "check" if s["may_already_be_bound"] else "sure"
        rows[group].append({
            "label": s["label"], "step": STEP_WORDS.get(s["what"], s["what"]),
            "title": _title(record, s["what"], s["id"]), "closes": f"{s['closes']:,}",
            "share": _share(s["closes"], size), "note": s["note"],
            "states": sorted(record.states.get(x).name for x in s["states"])})
    return {"state": name, "on": human(doc["on"]), "as_of": human(record.as_of),
            "headline": suggestions_headline(name, doc["on"], size),
            "meaning": doc["meaning"], "caveat": doc["caveat"], "adds_up": ADDS_UP,
            "nothing_closes": NOTHING_CLOSES, "closes_nothing": CLOSES_NOTHING,
            "check_first": check_first(name),
            "sure": rows["sure"], "check": rows["check"], "idle": rows["idle"],
            "crimes": [record.crimes[c].label for c in crimes] if crimes is not None else None,
            "kinds": [KINDS[k] for k in kinds],
            "scenarios": [s.name for s in record.scenarios],
            "sources": _sources(record, doc)}


def suggest_report(record: Record, doc: dict[str, Any], crimes: Iterable[str] | None = None,
                   kinds: Iterable[str] = tuple(KINDS)) -> str:
    from mla_rules.present.templates import render

    return render("suggest.html", **suggest_context(record, doc, crimes, kinds))
