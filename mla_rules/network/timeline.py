"""The dates on which the network changes, and what changes: entries into force, opt-ins
taking effect, denunciations, provisional application, with running counts.

Candidate dates are the dates the rules derive for the record's events (`takes_effect`,
`in_force_for`, `general_entry_date`) and the events' own dates; the network is evaluated on
each and compared with the one before."""

from __future__ import annotations

from typing import Any

from mla_rules.law.engine import Engine
from mla_rules.network.matrix import KINDS, Network
from mla_rules.record.record import INSTRUMENTS


def candidate_dates(engine: Engine) -> list[str]:
    dates: set[str] = set()
    for e in engine.record.events:
        dates.add(e.date)
        if e.type in (*INSTRUMENTS, "declaration", "declaration-withdrawal", "denunciation"):
            dates.update(row[3] for row in engine.query("takes_effect",
                                                       (e.state, e.type, e.date, None)))
    dates.update(row[1] for row in engine.query("in_force_for", (None, None)))
    dates.update(row[0] for row in engine.query("general_entry_date", (None,)))
    return sorted(dates)


def timeline(engine: Engine, start: str | None = None, end: str | None = None,
             gap_states: list[str] | None = None) -> list[dict[str, Any]]:
    """One entry per date on which the network changes, within [start, end]; with
    `gap_states`, each entry also counts the gap over those States on that date."""
    out: list[dict[str, Any]] = []
    previous: Network | None = None
    for on in candidate_dates(engine):
        if end and on > end:
            break
        net = Network(engine, on)
        if previous is None or _changed(previous, net):
            entry = _entry(previous, net)
            if not start or on >= start:
                if gap_states is not None:
                    from mla_rules.network.gap import Gap, summary_counts

                    counts = summary_counts(Gap(engine, on, gap_states))
                    entry["gap"] = {"no_basis": counts["total"]["no_basis"],
                                    "only_convention": counts["total"]["only_convention"],
                                    "per_crime": {c: {k: cell["no_basis"]
                                                      for k, cell in per_kind.items()}
                                                  for c, per_kind in
                                                  counts["per_crime"].items()}}
                out.append(entry)
        previous = net
    return out


def _changed(a: Network, b: Network) -> bool:
    return a.bound != b.bound or a.opted != b.opted


def _entry(before: Network | None, now: Network) -> dict[str, Any]:
    changes: list[dict[str, Any]] = []
    for kind in KINDS:
        old = before.bound[kind] if before else frozenset()
        for s in sorted(now.bound[kind] - old):
            changes.append({"change": "bound", "state": s, "kind": kind})
        for s in sorted(old - now.bound[kind]):
            changes.append({"change": "no longer bound", "state": s, "kind": kind})
    old_opted = before.opted if before else {}
    for annex in sorted(set(now.opted) | set(old_opted)):
        was, is_ = old_opted.get(annex, frozenset()), now.opted.get(annex, frozenset())
        for s in sorted(is_ - was):
            changes.append({"change": "opt-in takes effect", "state": s, "annex": annex})
        for s in sorted(was - is_):
            changes.append({"change": "opt-in ends", "state": s, "annex": annex})
    counts = now.counts()
    return {"on": now.on, "changes": changes,
            "bound": {k: len(now.bound[k]) for k in KINDS},
            "relations": sum(n for per_kind in counts.values() for n in per_kind.values()),
            "counts": counts}
