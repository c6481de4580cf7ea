"""A scenario's gap counted from the shipped record's (Gap.derive_from: only the pairs with a
State whose conditions change are counted again) equals the gap counted in full, pair by
pair, on random scenarios: Convention ratifications, opt-ins and their withdrawal,
denunciations, other instruments joined, denounced or precluded by an objection, and a
changed entry-into-force threshold (which moves many States at once). The gaps are measured
over a few dozen States, so that the full count stays quick; the derivation does not depend
on their number."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from mla_rules.errors import MlaError
from mla_rules.law.engine import Engine
from mla_rules.network.gap import Gap
from mla_rules.questions.context import shipped_record

RECORD = shipped_record()
# parties and non-parties of the Convention, of the Council of Europe, the OAS, the EU and
# the rest, so that events move pairs of every kind
STATES = sorted({"LVA", "NLD", "BEL", "SVN", "FRA", "DEU", "UKR", "SEN", "GHA", "ARG", "BRA",
                 "MEX", "USA", "CAN", "GBR", "NOR", "ISL", "CHE", "KEN", "ZAF", "JPN", "KOR",
                 "AUS", "IND", "CHN", "RUS", "TUR", "COD", "LKA", "MNG"})
INSTRUMENTS = ("genocide-1948", "protocol-i-1977", "torture-1984", "disappearance-2006",
               "coe-mla-1959", "coe-extradition-1957", "oas-mla-1992", "oas-extradition-1981")
SETTINGS = settings(max_examples=25, deadline=None, derandomize=False,
                    suppress_health_check=[HealthCheck.too_slow])
ON = ("2025-06-01", "2026-12-04", "2028-01-01")
_BASE: dict[str, Gap] = {}


def base(on: str) -> Gap:
    if on not in _BASE:
        gap = Gap(Engine(RECORD), on, STATES)
        gap.counts()
        _BASE[on] = gap
    return _BASE[on]


dates = st.dates(min_value=dt.date(2024, 3, 1), max_value=dt.date(2027, 12, 1)).map(str)
states = st.sampled_from(STATES)


@st.composite
def event(draw: st.DrawFn) -> dict[str, Any]:
    state, date = draw(states), draw(dates)
    kind = draw(st.sampled_from(["ratification", "accession", "declaration", "denunciation",
                                 "declaration-withdrawal", "instrument", "instrument-end",
                                 "objection"]))
    if kind in ("ratification", "accession", "denunciation"):
        return {"state": state, "type": kind, "date": date}
    if kind in ("declaration", "declaration-withdrawal"):
        annexes = draw(st.lists(st.sampled_from("ABCDEFGH"), min_size=1, max_size=3,
                                unique=True))
        return {"state": state, "type": kind, "date": date, "annexes": annexes}
    instrument = draw(st.sampled_from(INSTRUMENTS))
    if kind == "instrument":
        return {"state": state, "type": "in-force", "date": date, "instrument": instrument}
    if kind == "instrument-end":
        return {"state": state, "type": "denunciation", "date": date, "instrument": instrument}
    other = draw(states.filter(lambda s: s != state))
    return {"state": state, "type": "objection-precluding", "date": date,
            "instrument": instrument, "other": other}


@st.composite
def scenario(draw: st.DrawFn) -> dict[str, Any]:
    doc: dict[str, Any] = {"name": "random", "events": draw(st.lists(event(), min_size=1,
                                                                     max_size=6))}
    if draw(st.integers(0, 4)) == 0:
        doc["parameters"] = {"entry_into_force_threshold": draw(st.integers(1, 6))}
    return doc


@pytest.mark.parametrize("on", ON[1:2])
def test_nothing_changed_counts_nothing_again(on: str) -> None:
    gap = Gap(Engine(RECORD), on, STATES)
    assert gap.derive_from(base(on))
    whole = Gap(Engine(RECORD), on, STATES)
    assert (gap.counts(), gap.state_gaps()) == (whole.counts(), whole.state_gaps())


@SETTINGS
@given(doc=scenario(), on=st.sampled_from(ON))
def test_derived_gap_equals_the_full_count(doc: dict[str, Any], on: str) -> None:
    try:
        record = RECORD.with_overlay(doc, "(random scenario)")
    except MlaError:
        assume(False)  # e.g. an opt-in withdrawn before it was made
        raise
    derived = Gap(Engine(record), on, STATES)
    assert derived.derive_from(base(on))
    full = Gap(Engine(record), on, STATES)
    assert derived.counts() == full.counts()
    assert derived.state_gaps() == full.state_gaps()


def test_a_different_universe_is_counted_in_full() -> None:
    """Gaps over different States share too little: derive_from refuses, counts() walks."""
    on = ON[1]
    gap = Gap(Engine(RECORD), on, STATES[:-1])
    assert not gap.derive_from(base(on))
    assert gap.counts() != base(on).counts()
