"""Lists of States sort as people read them (issue 15, point 3): accents ignored, so Côte
d'Ivoire sits beside Croatia, not after Cuba (as the code points would put it)."""

from __future__ import annotations

from mla_rules.present.docs_site import instruments
from mla_rules.questions.context import shipped_record
from mla_rules.record.names import collation_key


def test_the_documentation_lists_each_instrument_s_parties_in_collation_order() -> None:
    record = shipped_record()
    seen = 0
    for instrument in instruments(record):
        names = [e["name"] for e in instrument["events"]]
        assert names == sorted(names, key=collation_key), instrument["events"][:3]
        if "Côte d'Ivoire" in names:
            seen += 1
            at = names.index("Côte d'Ivoire")
            assert names[at + 1:at + 2] in (["Croatia"], ["Côte d'Ivoire"]), names[at - 2:at + 3]
    assert seen  # the case that code points get wrong is in the shipped lists


def test_the_gap_texts_list_states_in_collation_order() -> None:
    from mla_rules.law.engine import Engine
    from mla_rules.network.gap import Gap, universe
    from mla_rules.present.gap import state_gap_text

    record = shipped_record()
    gap = Gap(Engine(record), "2026-11-28", universe(record), ("mla",), ["genocide"])
    text = state_gap_text(gap, record, "SEN", limit=400)
    listed = [line for line in text.splitlines() if "Côte d'Ivoire" in line]
    assert listed, text[:2000]
    for line in listed:  # (names hold commas: compare places, not a split list)
        assert line.index("Costa Rica, ") < line.index("Côte d'Ivoire, ") \
            < line.index("Croatia, ") < line.index("Cuba, "), line


def test_suggestions_as_you_type_offer_states_only() -> None:
    """A territory's code (PRI: Puerto Rico) is refused as a State: it is not suggested
    (names that begin with it are: Principality of Monaco)."""
    from mla_rules.web import service

    assert "PRI" not in [s["value"] for s in service.suggestions("PRI", "state")]
    assert [s["value"] for s in service.suggestions("FRA", "state")][:1] == ["FRA"]
