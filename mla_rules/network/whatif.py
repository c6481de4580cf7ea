"""What changes between two records (the shipped one and a scenario, or two scenarios): the
relations gained and lost on a date, and an account of them a minister's office can read.

Changes are streamed from the two networks' per-State conditions, never held as sets of
pairs: universal participation has over a million relations."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from typing import Any, NamedTuple

from mla_rules.law.engine import Engine
from mla_rules.network.matrix import KINDS, Network, Relation
from mla_rules.record.dates import human


class Diff(NamedTuple):
    on: str
    before: Network
    after: Network
    before_engine: Engine
    after_engine: Engine
    cache: dict[str, Any]  # the framework of the record compared against, built when needed

    def other_bases(self, r: Relation) -> tuple[str, ...]:
        """The instruments other than the Convention that are a legal basis for a gained
        relation in the record compared against, on the date (network/gap.py). Computed only
        for the relations that change: the framework's facts are loaded for their States."""
        gap = self.cache.get("gap")
        if gap is None:
            from mla_rules.network.gap import Gap

            states = {s for rel in self.gained() for s in (rel.requesting, rel.requested)}
            engine = Engine(self.before_engine.record, states=frozenset(states))
            gap = self.cache["gap"] = Gap(engine, self.on, (), self.before.kinds, lazy=True)
        return tuple(gap.other_bases(r.requesting, r.requested, r.crime, r.kind))

    def gained(self) -> Iterator[Relation]:
        """Relations of `after` not in `before`, ordered as `mla matrix` orders them."""
        return _changes(self.after, self.before)

    def lost(self) -> Iterator[Relation]:
        return _changes(self.before, self.after)


def diff(before: Engine, after: Engine, on: str, kinds: tuple[str, ...] = KINDS) -> Diff:
    return Diff(on, Network(before, on, kinds), Network(after, on, kinds), before, after, {})


def _changes(new: Network, old: Network) -> Iterator[Relation]:
    combos = [(c, k, new.members(c, k), old.members(c, k) if c in old.crimes else frozenset())
              for c in new.crimes for k in new.kinds]
    states = sorted(frozenset().union(*new.bound.values()))
    for a in states:
        mine = [(c, k, m, o) for c, k, m, o in combos if a in m]
        for b in states:
            if a != b:
                for c, k, m, o in mine:
                    if b in m and not (a in o and b in o):
                        yield Relation(a, b, c, k)


def _group(crime: str, d: Diff) -> str:
    annex = d.after.annex_of.get(crime) or d.before.annex_of.get(crime)
    return f"Annex {annex}" if annex else "the Art. 5 crimes"


def summary(d: Diff) -> dict[str, Any]:
    """Counts per crime and kind, and per State whose position changed."""
    per_crime: dict[str, dict[str, dict[str, int]]] = defaultdict(
        lambda: {k: {"gained": 0, "lost": 0} for k in KINDS})
    tallies: dict[str, dict[str, Counter[str]]] = {"gained": defaultdict(Counter),
                                                   "lost": defaultdict(Counter)}
    totals = {"gained": 0, "lost": 0}
    closed: dict[str, dict[str, int]] = defaultdict(lambda: {k: 0 for k in KINDS})
    closed_by_state: Counter[str] = Counter()
    for change, rows in (("gained", d.gained()), ("lost", d.lost())):
        tally = tallies[change]
        for r in rows:  # one pass: each relation counts for both of its States
            group = _group(r.crime, d)
            per_crime[r.crime][r.kind][change] += 1
            tally[r.requesting][group] += 1
            tally[r.requested][group] += 1
            totals[change] += 1
            if change == "gained" and not d.other_bases(r):
                closed[r.crime][r.kind] += 1
                closed_by_state[r.requesting] += 1
                closed_by_state[r.requested] += 1
    gap_closed = sum(n for per_kind in closed.values() for n in per_kind.values())
    gained, lost = tallies["gained"], tallies["lost"]
    touched = {s: sum(gained[s].values()) + sum(lost[s].values())
               for s in set(gained) | set(lost)}
    states = []
    for state in sorted(touched, key=lambda s: (-touched[s], s)):
        in_force = d.after_engine.query("in_force_for", (state, None))
        states.append({"state": state, "gained": sum(gained[state].values()),
                       "lost": sum(lost[state].values()),
                       "gained_by_group": dict(gained[state]),
                       "lost_by_group": dict(lost[state]),
                       "in_force_from": min((r[1] for r in in_force), default=None)})
    for entry in states:
        entry["gap_closed"] = closed_by_state.get(str(entry["state"]), 0)
    return {"gained": totals["gained"], "lost": totals["lost"],
            "per_crime": {c: dict(v) for c, v in per_crime.items()}, "states": states,
            "gap_closed": {"total": gap_closed,
                           "adds_basis": totals["gained"] - gap_closed,
                           "per_crime": {c: dict(v) for c, v in closed.items()}}}


def account(d: Diff, name: str, s: dict[str, Any] | None = None,
            limit: int = 12) -> list[str]:
    """Short sentences on what the scenario changes, biggest first; States that gain and lose
    the same relations from the same date are told together."""
    record = d.after_engine.record
    s = s or summary(d)
    if not s["gained"] and not s["lost"]:
        return [f"On {human(d.on)}, '{name}' changes no cooperation relation."]
    out = [f"On {human(d.on)}, '{name}' opens {s['gained']:,} and closes {s['lost']:,} "
           f"cooperation relations (ordered pairs of States, per crime and kind)."]
    if s["gained"]:
        g = s["gap_closed"]
        out.append(f"Of the relations opened, {g['total']:,} close a gap (no legal basis in the "
                   f"catalogue's multilateral instruments before) and {g['adds_basis']:,} add "
                   f"a basis to existing ones.")
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
    closers = [e for e in s["states"] if e.get("gap_closed")]
    if closers:
        shown = ", ".join(f"{record.states.get(e['state']).name} {e['gap_closed']:,}"
                          for e in closers[:limit])
        more = f" and {len(closers) - limit} more States" if len(closers) > limit else ""
        out.append(f"Gap closed, per State (relations either way): {shown}{more}.")
    return out
