"""What changes between two records (the shipped one and a scenario, or two scenarios): the
relations gained and lost on a date, and an account of them a minister's office can read."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any, NamedTuple

from .dates import human
from .engine import Engine
from .network import KINDS, Network, Relation


class Diff(NamedTuple):
    on: str
    gained: list[Relation]
    lost: list[Relation]
    before: Network
    after: Network
    before_engine: Engine
    after_engine: Engine


def diff(before: Engine, after: Engine, on: str, kinds: tuple[str, ...] = KINDS) -> Diff:
    b, a = Network(before, on, kinds), Network(after, on, kinds)
    old, new = b.relation_set(), a.relation_set()
    return Diff(on, sorted(new - old), sorted(old - new), b, a, before, after)


def _group(crime: str, d: Diff) -> str:
    return "the Art. 5 crimes" if crime in d.after.core or crime in d.before.core \
        else f"Annex {d.after.annex_of.get(crime) or d.before.annex_of.get(crime)}"


def summary(d: Diff) -> dict[str, Any]:
    """Counts per crime and kind, and per State whose position changed."""
    per_crime: dict[str, dict[str, dict[str, int]]] = defaultdict(
        lambda: {k: {"gained": 0, "lost": 0} for k in KINDS})
    for rel in d.gained:
        per_crime[rel.crime][rel.kind]["gained"] += 1
    for rel in d.lost:
        per_crime[rel.crime][rel.kind]["lost"] += 1
    states = []
    touched = Counter(s for r in d.gained + d.lost for s in (r.requesting, r.requested))
    for state, _ in touched.most_common():
        rows = [r for r in d.gained if state in (r.requesting, r.requested)]
        lost = [r for r in d.lost if state in (r.requesting, r.requested)]
        groups: Counter[str] = Counter(_group(r.crime, d) for r in rows)
        lost_groups: Counter[str] = Counter(_group(r.crime, d) for r in lost)
        in_force = d.after_engine.query("in_force_for", (state, None))
        states.append({"state": state, "gained": len(rows), "lost": len(lost),
                       "gained_by_group": dict(groups), "lost_by_group": dict(lost_groups),
                       "in_force_from": min((r[1] for r in in_force), default=None)})
    return {"gained": len(d.gained), "lost": len(d.lost),
            "per_crime": {c: dict(v) for c, v in per_crime.items()}, "states": states}


def account(d: Diff, name: str, limit: int = 12) -> list[str]:
    """Short sentences on what the scenario changes, biggest first; States that gain and lose
    the same relations from the same date are told together."""
    record = d.after_engine.record
    s = summary(d)
    if not d.gained and not d.lost:
        return [f"On {human(d.on)}, '{name}' changes no cooperation relation."]
    out = [f"On {human(d.on)}, '{name}' opens {s['gained']:,} and closes {s['lost']:,} "
           f"cooperation relations (ordered pairs of States, per crime and kind)."]
    groups: dict[tuple[Any, ...], list[dict[str, Any]]] = defaultdict(list)
    for entry in s["states"]:
        key = (entry["in_force_from"], tuple(sorted(entry["gained_by_group"].items())),
               tuple(sorted(entry["lost_by_group"].items())))
        groups[key].append(entry)
    for (since, gained, lost), entries in list(groups.items())[:limit]:
        names = [record.states.get(e["state"]).name for e in entries]
        one = len(names) == 1
        who = names[0] if one else (
            f"{', '.join(names[:3])} and {len(names) - 3} other States" if len(names) > 3
            else f"{', '.join(names[:-1])} and {names[-1]}")
        if since:
            who += f" (in force for {'it' if one else 'each'} from {human(since)})"
        text = who + ("" if one else ", each,")
        if gained:
            text += (" gains " if one else " gain ") + ", ".join(f"{n:,} for {g}"
                                                               for g, n in gained)
        if lost:
            text += ("; " if gained else " ") + ("loses " if one or gained else "lose ") + \
                ", ".join(f"{n:,} for {g}" for g, n in lost)
        out.append(text + ".")
    if len(groups) > limit:
        out.append(f"… and {len(groups) - limit} more groups of States.")
    return out
