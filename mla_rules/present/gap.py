"""`mla gap` worded: the size of the gap per crime and kind, the States with the largest gaps,
one State's gap, and the suggestions — as text, CSV, JSON and (present/gap_report.py) HTML."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from mla_rules.network.gap import Gap, Suggestion, summary_counts
from mla_rules.questions.answer import KINDS
from mla_rules.record.dates import human
from mla_rules.record.names import collation_key
from mla_rules.record.record import Record

MEANING = ("A pair of States is in the gap when no instrument of the catalogue's multilateral "
           "instruments is a legal basis for a request between them (natures legal-basis and "
           "legal-basis-if-treaty-required; undertakings do not count; bilateral treaties are "
           "not known). A treaty matters most where the requested State requires one "
           "(extradition in common-law States and some others).")
CAVEAT = ("Most shipped lists of parties are partial (`mla instruments`): a pair the data "
          "puts in the gap may have a basis it does not know, so these figures are upper "
          "bounds.")


UNDECIDED = ("Undecided: pairs with no basis found where an instrument could not be decided, "
             "because a State is missing from a partial list of parties or is known bound "
             "only from a later date (`mla legal-basis` says which).")


def _pct(n: int, d: int) -> str:
    return f"{n:,} ({100 * n / d:.1f}%)" if d else "0"


def gap_text(gap: Gap, record: Record, top: int = 10) -> str:
    counts = summary_counts(gap)
    n = len(gap.states)
    lines = [f"The gap on {human(gap.on)}: {n} States, {n * (n - 1):,} ordered pairs per crime "
             f"and kind.", MEANING, CAVEAT, ""]
    if record.scenarios:
        lines.insert(1, "With what-if scenario(s): " + ", ".join(s.name for s in record.scenarios))
    lines.append(f"{'crime':<44}{'kind':<13}{'no basis found':>18}{'of them undecided':>19}"
                 f"{'only this Convention':>22}")
    for crime, per_kind in counts["per_crime"].items():
        for kind, cell in per_kind.items():
            lines.append(f"{record.crimes[crime].label[:43]:<44}{kind:<13}"
                         f"{_pct(cell['no_basis'], cell['pairs']):>18}"
                         f"{cell['undecided']:>19,}{cell['only_convention']:>22,}")
    total = counts["total"]
    lines += [f"{'all':<57}{_pct(total['no_basis'], total['pairs']):>18}"
              f"{total['undecided']:>19,}{total['only_convention']:>22,}", UNDECIDED, ""]
    gaps = gap.state_gaps()
    lines.append("States with the largest gaps (ordered pairs either way, per crime and kind, "
                 "with no basis; the most possible is "
                 f"{2 * (n - 1) * len(gap.crimes) * len(gap.kinds):,}):")
    by_size: dict[int, list[str]] = {}
    for state, count in gaps.items():
        by_size.setdefault(count, []).append(record.states.get(state).name)
    shown = 0
    for count in sorted(by_size, reverse=True):
        names = sorted(by_size[count], key=collation_key)
        lines.append(f"  {count:>8,}  " + ", ".join(names[:6])
                     + (f" and {len(names) - 6} more" if len(names) > 6 else "")
                     + f" ({len(names)} State{'s' if len(names) > 1 else ''})")
        shown += 1
        if shown == top:
            break
    lines.append("\n--state STATE: one State's gap; --suggest STATE: what would close it; "
                 "--format csv or json: every pair.")
    return "\n".join(lines) + "\n"


def state_gap_text(gap: Gap, record: Record, state: str, limit: int = 12) -> str:
    name = record.states.get(state).name
    lines = [f"The gap of {name} on {human(gap.on)}: the States to which it can send no request "
             f"with a legal basis in the catalogue, per crime and kind ({len(gap.states) - 1} "
             f"other States).", MEANING, CAVEAT, ""]
    undecided = gap.undecided_of(state)
    for (crime, kind), others in gap.gap_of(state).items():
        names = sorted((record.states.get(s).name for s in others), key=collation_key)
        shown = ", ".join(names[:limit]) + (f" and {len(names) - limit} more"
                                            if len(names) > limit else "")
        every = len(names) == len(gap.states) - 1
        lines.append(f"{record.crimes[crime].label} — {KINDS[kind]}: "
                     + ("all " if every else "")
                     + f"{len(names)} {'other ' if every else ''}"
                     + f"State{'s' if len(names) != 1 else ''}"
                     + (f": {shown}" if names else "")
                     + (f" (of them {undecided[(crime, kind)]} undecided)"
                        if undecided[(crime, kind)] else ""))
    return "\n".join(lines) + "\n"


# the words of the suggestions, shared by the text and the HTML (present/suggest_report.py)
NOTHING_CLOSES = "nothing the record knows of would close it"
CLOSES_NOTHING = "Would close nothing"


def suggestions_headline(name: str, on: str, size: int) -> str:
    return (f"What would close the gap of {name} on {human(on)}: {size:,} ordered pairs "
            f"(either way, per crime and kind) with no legal basis today.")


def check_first(name: str) -> str:
    """Said before the steps whose instrument's shipped list is partial."""
    return (f"Check first whether {name} is already bound (the shipped lists of parties are "
            f"partial; {name} is not in them): if it is not, joining would close")


def suggestions_text(record: Record, state: str, on: str, size: int,
                     found: list[Suggestion], limit: int = 8) -> str:
    name = record.states.get(state).name
    lines = [suggestions_headline(name, on, size), CAVEAT, ""]

    def line(s: Suggestion) -> str:
        names = sorted((record.states.get(x).name for x in s.states), key=collation_key)
        who = ", ".join(names[:limit]) + (
            f" and {len(s.states) - limit} more" if len(s.states) > limit else "")
        return f"{s.closes:>8,}  {s.label}" + (f" — with {who}" if who else "")

    # an instrument whose shipped list is partial may already bind the State: never
    # proposed as a step to take, only as one to check
    sure = [s for s in found if s.note is None and s.closes]
    check = [s for s in found if s.note is not None and s.closes]
    idle = [s for s in found if not s.closes]
    lines += [line(s) for s in sure] or [f"  {NOTHING_CLOSES}"]
    if check:
        lines += ["", check_first(name)]
        lines += [line(s) for s in check]
    if idle:
        lines += ["", f"{CLOSES_NOTHING}: " + "; ".join(s.label for s in idle) + "."]
    return "\n".join(lines) + "\n"


def suggestions_document(record: Record, state: str, on: str, size: int,
                         found: list[Suggestion]) -> dict[str, Any]:
    return {"state": state, "on": on, "gap_pairs": size, "meaning": MEANING, "caveat": CAVEAT,
            "suggestions": [{"what": s.what, "id": s.id, "label": s.label, "closes": s.closes,
                             "states": list(s.states), "note": s.note,
                             # a partial list: the State may already be bound, check first
                             "may_already_be_bound": s.note is not None} for s in found]}


def gap_csv(gap: Gap, rows: Any) -> Iterator[str]:
    from mla_rules.present.csvsafe import safe_row

    yield "requesting,requested,crime,kind,bases\n"
    for r in rows:
        yield safe_row((r.requesting, r.requested, r.crime, r.kind, ";".join(r.bases)))


def gap_json(gap: Gap, record: Record, rows: Any) -> Iterator[str]:
    """Streamed: the whole world is some 850,000 rows. Ids are validated identifiers."""
    head = {"on": gap.on, "states": len(gap.states), "record_as_of": record.as_of,
            "scenarios": [s.name for s in record.scenarios], "meaning": MEANING,
            "caveat": CAVEAT}
    yield json.dumps(head, ensure_ascii=False)[:-1] + ', "rows": ['
    first = True
    for r in rows:
        bases = ", ".join(f'"{b}"' for b in r.bases)
        und = ", ".join(f'"{u}"' for u in r.undertakings)
        undecided = ", ".join(f'"{u}"' for u in r.undecided)
        yield (f'{"" if first else ", "}{{"requesting": "{r.requesting}", "requested": '
               f'"{r.requested}", "crime": "{r.crime}", "kind": "{r.kind}", "bases": [{bases}],'
               f' "undertakings": [{und}], "undecided": [{undecided}]}}')
        first = False
    yield f'], "counts": {json.dumps(summary_counts(gap))}}}\n'
