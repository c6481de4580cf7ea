"""A memo to file: one legal-basis answer as a self-contained HTML document a legal adviser
prints or saves as PDF (`mla legal-basis … --format html`, and /memo in the web app). The
question, the instrument to cite with its article, a checklist of its conditions, the other
bases, what does not apply and why, the unverified premises, the sources with their as-of
dates and the date the memo was made. No scripts, fonts or images from outside; A4.

The data is the answer's (questions/legal_basis.py), worded as `mla legal-basis` words it
(present/legal_basis.py); templates/memo.html lays it out."""

from __future__ import annotations

import datetime as dt
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from mla_rules.law.rulebook import Rulebook
from mla_rules.present.legal_basis import (
    NATURE_WORDS,
    answer_sources,
    cite,
    dates_text,
    legal_basis_text,
    premise_lines,
    reason_text,
    role_words,
)
from mla_rules.present.templates import render
from mla_rules.questions.answer import KINDS
from mla_rules.questions.legal_basis import Basis, LegalBasis
from mla_rules.record.dates import human


def memo_html(lb: LegalBasis, book: Rulebook, made: dt.datetime | None = None) -> str:
    """The memo, made now (or at `made`, for reproducible output in tests)."""
    return render("memo.html", **memo_context(lb, book, made or dt.datetime.now(dt.UTC)))


def memo_context(lb: LegalBasis, book: Rulebook, made: dt.datetime) -> dict[str, Any]:
    q, record = lb.question, lb.record
    ordered = lb.governing_order()
    governs = lb.governs
    try:
        tool = f"mla-rules {version('mla-rules')}"
    except PackageNotFoundError:  # run from a checkout that was not installed
        tool = "mla-rules"
    return {
        "title": (f"Legal basis: {KINDS[q.kind]} from {q.requesting.name} to "
                  f"{q.requested.name} ({q.crime.label})"),
        "question": {
            "requesting": q.requesting.name, "requested": q.requested.name,
            "crime": q.crime.label, "kind": KINDS[q.kind], "on": human(q.on),
            "committed": human(lb.committed) if lb.committed else None,
        },
        "lead": legal_basis_text(lb, book, 0),
        "applies": lb.applies,
        "governs": _entry(governs, lb) if governs is not None else None,
        "others": [_entry(b, lb) for b in ordered if b.applies and b is not governs],
        "not_applying": [_why(b, lb, book) for b in ordered
                         if not b.applies and not b.undecided],
        "undecided": [_why(b, lb, book) for b in ordered if b.undecided],
        "premises": premise_lines(lb, book),
        "warnings": list(lb.warnings),
        "sources": answer_sources(lb),
        "made": made.strftime("%Y-%m-%d %H:%M UTC"),
        "record_as_of": record.as_of,
        "tool": tool,
    }


def _why(b: Basis, lb: LegalBasis, book: Rulebook) -> str:
    """An instrument that does not apply, or could not be decided, and why: one line."""
    return f"{b.instrument.short}: " + "; ".join(reason_text(r, b, lb.record, book)
                                                  for r in b.why_not)


def _entry(b: Basis, lb: LegalBasis) -> dict[str, Any]:
    return {"cite": cite(b), "id": b.instrument.id, "title": b.instrument.title,
            "role": role_words(b, lb), "nature": NATURE_WORDS.get(b.nature or "", b.nature),
            "dates": dates_text(b, lb), "conditions": list(b.conditions),
            "superseded_by": [lb.record.framework.instruments[i].short  # type: ignore[union-attr]
                              for i in b.superseded_by]}
