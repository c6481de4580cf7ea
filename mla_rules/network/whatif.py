"""What changes between two records on a date: the relations gained and lost, and an account of
them a minister's office can read. Three comparisons (`mla what-if`):

- a scenario compared with the shipped record (after: record + scenario; before: the record);
- two alternatives, `--against` (after: record + A; before: record + B, the baseline);
- a scenario added to another, `--on-top-of` (after: record + B + A; before: record + B).

The kind of comparison is read from the two records' scenarios (`compared`), so every
document names both sides without being told.

Changes are streamed from the two networks' per-State conditions, never held as sets of
pairs: universal participation has over a million relations."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from typing import Any, NamedTuple

from mla_rules import budget
from mla_rules.errors import UsageError
from mla_rules.law.engine import Engine
from mla_rules.network.matrix import KINDS, Network, Relation
from mla_rules.record.dates import human
from mla_rules.record.record import INSTRUMENTS, Scenario


class Diff(NamedTuple):
    on: str
    before: Network
    after: Network
    before_engine: Engine
    after_engine: Engine
    cache: dict[str, Any]  # the framework of the record compared against, built when needed

    def framework(self) -> Any:
        """The framework of the record compared against, on the date (network/gap.py), for
        the other bases of the gained relations: its facts are loaded for the States that
        change only, and every engine query is made here, none while relations stream."""
        gap = self.cache.get("gap")
        if gap is None:
            from mla_rules.network.gap import Gap

            # the States of the gained relations: all bound after, by the networks' own sets
            states = frozenset().union(*self.after.bound.values())
            engine = Engine(self.before_engine.record, states=states)
            gap = self.cache["gap"] = Gap(engine, self.on, (), self.before.kinds, lazy=True)
            gap.prepare(states)
        return gap

    def gained(self) -> Iterator[Relation]:
        """Relations of `after` not in `before`, ordered as `mla matrix` orders them."""
        return _changes(self.after, self.before)

    def lost(self) -> Iterator[Relation]:
        return _changes(self.before, self.after)


def diff(before: Engine, after: Engine, on: str, kinds: tuple[str, ...] = KINDS) -> Diff:
    return Diff(on, Network(before, on, kinds), Network(after, on, kinds), before, after, {})


class Compared(NamedTuple):
    """What a diff compares: the scenario's name, the baseline's (None: the shipped record),
    and whether the scenario was added on top of the baseline rather than set against it."""
    scenario: str
    baseline: str | None
    on_top: bool

    @property
    def against(self) -> str:
        """The baseline as the documents name it (`against` in the JSON)."""
        return "the shipped record" if self.baseline is None else self.baseline

    def sentence(self) -> str:
        if self.baseline is None:
            return f"Scenario '{self.scenario}' compared with the shipped record"
        if self.on_top:
            return (f"Scenario '{self.scenario}' added on top of scenario '{self.baseline}', "
                    f"compared with scenario '{self.baseline}' alone")
        return f"Scenario '{self.scenario}' compared with scenario '{self.baseline}'"

    def meaning(self) -> str | None:
        """What "gained" and "lost" mean when two scenarios are compared (None against the
        shipped record, where they mean what they say)."""
        if self.baseline is None:
            return None
        if self.on_top:
            return (f"'{self.scenario}' added on top of '{self.baseline}'. \u201cGained\u201d: "
                    f"relations that hold with both and not with '{self.baseline}' alone; "
                    "\u201clost\u201d: the reverse.")
        return ("Two alternatives, each applied alone to the shipped record. \u201cGained\u201d: "
                f"relations that hold with '{self.scenario}' and not with '{self.baseline}'; "
                f"\u201clost\u201d: those that hold with '{self.baseline}' and not with "
                f"'{self.scenario}'.")


def compared(d: Diff) -> Compared:
    """Read from the records: `after` holds the scenario last; `before` holds no scenario
    (the shipped record), the scenarios under it in `after` (on top of), or another one
    (two alternatives)."""
    after, before = d.after_engine.record.scenarios, d.before_engine.record.scenarios
    name = after[-1].name if after else "the shipped record"
    if not before:
        return Compared(name, None, False)
    return Compared(name, before[-1].name, after[:-1] == before)


def comparison_date(scenario: Scenario, against: Scenario, api: bool = False
                    ) -> str | None:
    """The date on which two alternatives are compared when none is given: the scenario's
    `date:`, else the baseline's. Two different dates are a usage error: the comparison would
    silently follow one of them. `api`: the hint names the web API's `on` parameter."""
    if scenario.date and against.date and scenario.date != against.date:
        give = (f"the `on` parameter, e.g. ?on={scenario.date}" if api
                else f"--on, e.g. --on {scenario.date}")
        raise UsageError(
            f"'{scenario.name}' is dated {scenario.date} and '{against.name}' "
            f"{against.date}: two alternatives are compared on one date",
            f"Give the date of the comparison with {give}.")
    return scenario.date or against.date


def first_effect(d: Diff) -> str | None:
    """If none of the scenario's events (those its record has and the baseline's has not)
    has taken effect by the date of the diff: the first date on which one does, by the
    engine's own dates (`takes_effect`, and the date the Convention is in force for the State
    for an instrument or an opt-in). Else None. It asks the engine: call it where the engine
    lives, before a document streams."""
    engine = d.after_engine
    known = set(d.before_engine.record.events)
    added = [e for e in engine.record.events if e not in known]
    if not added:
        return None
    takes: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    for state, event, notified, since in engine.query("takes_effect", (None,) * 4):
        takes[state, event, notified].append(since)
    in_force: dict[str, list[str]] = defaultdict(list)
    for state, since in engine.query("in_force_for", (None, None)):
        in_force[state].append(since)
    effects: list[str] = []
    for e in added:
        dates: list[str] = [e.date, *takes.get((e.state, e.type, e.date), ())]
        if e.type in (*INSTRUMENTS, "declaration"):  # in effect once in force for the State
            dates += in_force.get(e.state, ())
        effects.append(max(dates))
    first = min(effects)
    return first if first > d.on else None


# How each caller tells its reader to ask again on another date ({} is the ISO date): the
# CLI's option, the API's `on` (and the report a page downloads), the What-if page's field.
ASK_AGAIN = {"cli": "ask with --on {}", "web": "ask on {}",
             "page": "ask on {}: enter it as the Date of the questions"}


def note(d: Diff, s: dict[str, Any], first: str | None, ask: str = "cli") -> str | None:
    """Why a diff is empty, when it is because it was asked too early; `ask`: whose words
    say when to ask instead (ASK_AGAIN)."""
    if first is None or s["gained"] or s["lost"]:
        return None
    return (f"None of the scenario's events has taken effect by {human(d.on)}: the first "
            f"takes effect on {human(first)} ({ASK_AGAIN[ask].format(first)}).")


def change_counts(d: Diff) -> tuple[int, int]:
    """(gained, lost): how many relations the diff lists, from the networks' member sets
    alone (no pair walked): of the n(n-1) ordered pairs of a crime and kind's members, those
    not among the other side's members."""
    def changes(new: Network, old: Network) -> int:
        n = 0
        for c in new.crimes:
            for k in new.kinds:
                m = new.members(c, k)
                both = len(m & old.members(c, k)) if c in old.crimes else 0
                n += len(m) * (len(m) - 1) - both * (both - 1)
        return n

    return changes(d.after, d.before), changes(d.before, d.after)


def _changes(new: Network, old: Network) -> Iterator[Relation]:
    for a, b, combos in _change_blocks(new, old):
        for c, k in combos:
            yield Relation(a, b, c, k)


def _change_blocks(new: Network, old: Network
                   ) -> Iterator[tuple[str, str, list[tuple[str, str]]]]:
    """The relations of `new` not in `old`, pair by pair: (requesting, requested, the crimes
    and kinds), in the order of `mla matrix`."""
    combos = [(c, k, new.members(c, k), old.members(c, k) if c in old.crimes else frozenset())
              for c in new.crimes for k in new.kinds]
    states = sorted(frozenset().union(*new.bound.values()))
    for a in states:
        budget.check()
        mine = [(c, k, m, o, a in o) for c, k, m, o in combos if a in m]
        for b in states:
            if a != b:
                found = [(c, k) for c, k, m, o, a_old in mine
                         if b in m and not (a_old and b in o)]
                if found:
                    yield a, b, found


def _group(crime: str, d: Diff) -> str:
    annex = d.after.annex_of.get(crime) or d.before.annex_of.get(crime)
    return f"Annex {annex}" if annex else "the Art. 5 crimes"


class Tally:
    """The summary of a diff, counted while its relations stream past (the JSON document walks
    them once: a million relations at universal participation)."""

    def __init__(self, d: Diff) -> None:
        self.d = d
        self.gap = d.framework()
        self.combos: dict[str, Counter[tuple[str, str]]] = {"gained": Counter(),
                                                            "lost": Counter()}
        self.tallies: dict[str, dict[str, Counter[str]]] = {"gained": defaultdict(Counter),
                                                            "lost": defaultdict(Counter)}
        self.closed: Counter[tuple[str, str]] = Counter()
        self.closed_by_state: Counter[str] = Counter()
        self.group_of = {c: _group(c, d) for c in (*d.after.crimes, *d.before.crimes)}
        self.in_force: dict[str, str] = {}  # asked now: counting may go on in another thread
        for state, since in d.after_engine.query("in_force_for", (None, None)):
            self.in_force[state] = min(since, self.in_force.get(state, since))

    def blocks(self, change: str) -> Iterator[tuple[str, str, list[tuple[str, str]]]]:
        """The gained or lost relations pair by pair — (requesting, requested, the crimes and
        kinds) —, each pair's counted once for both of its States as it passes."""
        tally, combos, group_of = self.tallies[change], self.combos[change], self.group_of
        basis = self.gap.basis_mask
        d = self.d
        new, old = (d.after, d.before) if change == "gained" else (d.before, d.after)
        for a, b, pairs in _change_blocks(new, old):
            yield a, b, pairs
            combos.update(pairs)
            groups = Counter(group_of[c] for c, _ in pairs)
            tally[a].update(groups)
            tally[b].update(groups)
            if change == "gained":
                common = self.gap.pair_mask(a, b)
                closed = [ck for ck in pairs if not common & basis.get(ck, 0)]
                if closed:
                    self.closed.update(closed)
                    self.closed_by_state[a] += len(closed)
                    self.closed_by_state[b] += len(closed)

    def summary(self) -> dict[str, Any]:
        gained, lost = self.tallies["gained"], self.tallies["lost"]
        touched = {s: sum(gained[s].values()) + sum(lost[s].values())
                   for s in set(gained) | set(lost)}
        states = []
        for state in sorted(touched, key=lambda s: (-touched[s], s)):
            states.append({"state": state, "gained": sum(gained[state].values()),
                           "lost": sum(lost[state].values()),
                           "gained_by_group": dict(gained[state]),
                           "lost_by_group": dict(lost[state]),
                           "in_force_from": self.in_force.get(state),
                           "gap_closed": self.closed_by_state.get(state, 0)})
        per_crime: dict[str, dict[str, dict[str, int]]] = {}
        closed: dict[str, dict[str, int]] = {}
        for change, combos in self.combos.items():
            for (crime, kind), n in combos.items():
                cell = per_crime.setdefault(crime, {k: {"gained": 0, "lost": 0} for k in KINDS})
                cell[kind][change] += n
        for (crime, kind), n in self.closed.items():
            closed.setdefault(crime, {k: 0 for k in KINDS})[kind] += n
        total = {change: sum(c.values()) for change, c in self.combos.items()}
        gap_closed = sum(self.closed.values())
        return {"gained": total["gained"], "lost": total["lost"],
                "per_crime": per_crime, "states": states,
                "gap_closed": {"total": gap_closed, "adds_basis": total["gained"] - gap_closed,
                               "per_crime": closed}}


def summary(d: Diff) -> dict[str, Any]:
    """Counts per crime and kind, and per State whose position changed."""
    tally = Tally(d)
    for change in ("gained", "lost"):
        for _ in tally.blocks(change):
            pass
    return tally.summary()


def account(d: Diff, name: str, s: dict[str, Any] | None = None,
            limit: int = 12) -> list[str]:
    """Short sentences on what the scenario changes, biggest first; States that gain and lose
    the same relations from the same date are told together."""
    record = d.after_engine.record
    s = s or summary(d)
    c = compared(d)
    alternative = c.baseline is not None and not c.on_top
    if not s["gained"] and not s["lost"]:
        if alternative:
            return [f"On {human(d.on)}, '{name}' and '{c.baseline}' give the same cooperation "
                    f"relations."]
        return [f"On {human(d.on)}, '{name}' changes no cooperation relation."]
    if alternative:
        out = [f"On {human(d.on)}, compared with '{c.baseline}', '{name}' gains "
               f"{s['gained']:,} and loses {s['lost']:,} cooperation relations (ordered pairs "
               f"of States, per crime and kind)."]
    else:
        out = [f"On {human(d.on)}, '{name}' opens {s['gained']:,} and closes {s['lost']:,} "
               f"cooperation relations (ordered pairs of States, per crime and kind)."]
    if s["gained"]:
        g = s["gap_closed"]
        where = f"under '{c.baseline}'" if alternative else "before"
        out.append(f"Of the relations {'gained' if alternative else 'opened'}, {g['total']:,} "
                   f"close a gap (no legal basis in the catalogue's multilateral instruments "
                   f"{where}) and {g['adds_basis']:,} add a basis to existing ones.")
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
