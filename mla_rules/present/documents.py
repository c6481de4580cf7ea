"""The machine-readable documents of every question, produced once for both front doors: the
CLI writes them to stdout or a file, the web API sends them, byte for byte the same.

Small answers are dicts serialised by `dumps`; the network's documents (a million relations at
universal participation) are streams of text chunks, never held whole.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the network is not imported on the path of can-request and legal-basis
    from mla_rules.law.rulebook import Rulebook
    from mla_rules.network.matrix import Network, Relation
    from mla_rules.questions.answer import Answer
    from mla_rules.record.record import Record


def dumps(document: Any) -> str:
    """A JSON document as the CLI prints it (and the API sends it): indented, UTF-8, with a
    final newline."""
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def can_request_document(answer: Answer, others: list[str], book: Rulebook) -> dict[str, Any]:
    from mla_rules.present.render import answer_dict

    return {**answer_dict(answer, book), "other_bases": others}


def relations_json(rows: Iterable[Relation]) -> Iterator[str]:
    """A JSON array of relations, chunk by chunk. State codes, crime ids and kinds are
    validated identifiers: nothing needs escaping."""
    yield "["
    first = True
    for r in rows:
        yield (f'{"" if first else ", "}{{"requesting": "{r.requesting}", "requested": '
               f'"{r.requested}", "crime": "{r.crime}", "kind": "{r.kind}"}}')
        first = False
    yield "]"


def matrix_json(net: Network, record: Record, rows: Iterable[Relation] | None = None
                ) -> Iterator[str]:
    head = {"on": net.on, "record_as_of": record.as_of,
            "scenarios": [s.name for s in record.scenarios]}
    yield json.dumps(head, ensure_ascii=False)[:-1] + ', "relations": '
    yield from relations_json(net.relations() if rows is None else rows)
    yield f', "counts": {json.dumps(net.counts())}}}\n'


def matrix_csv(rows: Iterable[Relation]) -> Iterator[str]:
    from mla_rules.present.csvsafe import safe_row

    yield "requesting,requested,crime,kind\n"
    for r in rows:
        yield safe_row((r.requesting, r.requested, r.crime, r.kind))


def matrix_text(net: Network, record: Record) -> str:
    from mla_rules.record.dates import human

    lines = [f"The network on {human(net.on)} (record as of {record.as_of})"]
    if record.scenarios:
        lines.append("With what-if scenario(s): " + ", ".join(s.name for s in record.scenarios))
    lines.append("")
    for k in net.kinds:
        names = ", ".join(record.states.get(s).name for s in sorted(net.bound[k])) or "none"
        lines.append(f"Bound for {'mutual legal assistance' if k == 'mla' else k} "
                     f"({len(net.bound[k])}): {names}")
    lines += ["", f"{'crime':<58}" + "".join(f"{k:>13}" for k in net.kinds)]
    for c in net.crimes:
        lines.append(f"{record.crimes[c].label[:57]:<58}"
                     + "".join(f"{net.count(c, k):>13,}" for k in net.kinds))
    total = sum(net.count(c, k) for c in net.crimes for k in net.kinds)
    lines += [f"{'total relations':<58}{total:>13,}", "", "Opt-ins in effect (Art. 2(2)):"]
    cliques = net.cliques()
    lines += [f"  Annex {a}: {', '.join(s) or 'none'}" for a, s in cliques.items()] or ["  none"]
    lines.append("\n--format csv or json lists every relation.")
    return "\n".join(lines) + "\n"


def explanations(d: Any, limit: int) -> list[tuple[str, str]]:
    """The can-request explanation of the first `limit` changed relations of a diff, each
    asked of the scenario's engine: a gained relation is explained by why it holds with the
    scenario, a lost one by the condition that fails with it (the baseline, where it held,
    could not say why it is lost)."""
    if not limit:
        return []
    from mla_rules.present.render import answer_text
    from mla_rules.questions.answer import Question, ask

    engine = d.after_engine
    record = engine.record
    out: list[tuple[str, str]] = []
    for label, rows in (("gained", d.gained()), ("lost", d.lost())):
        for r in itertools.islice(rows, max(0, limit - len(out))):
            q = Question(record.states.get(r.requesting), record.states.get(r.requested),
                         record.crimes[r.crime], r.kind, d.on)
            text = answer_text(ask(engine, q), engine.rulebook, depth=6)
            out.append((f"{label}: {r.requesting} → {r.requested}, {r.crime}, {r.kind}", text))
    return out


def _block_json(blocks: Iterable[tuple[str, str, list[tuple[str, str]]]], gap: Any
                ) -> Iterator[str]:
    """A JSON array of relations, written pair by pair (as `relations_json` writes them one
    by one); with `gap`, each with its `other_bases` (the instruments other than the
    Convention that are a legal basis for it in the record compared against)."""
    yield "["
    fragments: dict[int, str] = {}
    first = True
    for a, b, pairs in blocks:
        head = f'{{"requesting": "{a}", "requested": "{b}", "crime": "'
        if gap is None:
            parts = [f'{head}{c}", "kind": "{k}"}}' for c, k in pairs]
        else:
            common, basis = gap.pair_mask(a, b), gap.basis_mask
            parts = []
            for c, k in pairs:
                mask = common & basis.get((c, k), 0)
                extra = fragments.get(mask)
                if extra is None:
                    extra = fragments[mask] = ', "other_bases": [' + ", ".join(
                        f'"{i}"' for i in gap.names(mask)) + "]"
                parts.append(f'{head}{c}", "kind": "{k}"{extra}}}')
        yield ("" if first else ", ") + ", ".join(parts)
        first = False
    yield "]"


def what_if_json(d: Any, name: str, against: str, explained: list[tuple[str, str]],
                 ask: str = "cli") -> Iterator[str]:
    """The what-if document, streamed: universal participation has over a million
    relations. `scenario` and `against` name the two sides; `on_top_of` names the baseline
    when the scenario was added to it (else null); `note` says when a scenario asked too
    early first takes effect (else null), and how to ask then in the caller's words (`ask`:
    "cli", or "web" for the API; network/whatif.py ASK_AGAIN)."""
    from mla_rules.network.whatif import Tally, account, compared, first_effect, note

    c = compared(d)
    first = first_effect(d)  # asks the engine: before the first chunk (see web/api.py)
    tally = Tally(d)  # counted while the relations are written: they are walked once
    head = {"on": d.on, "scenario": name, "against": against,
            "on_top_of": c.baseline if c.on_top else None, "compared": c.sentence(),
            "meaning": c.meaning()}
    yield json.dumps(head, ensure_ascii=False)[:-1]
    yield ', "gained": '
    yield from _block_json(tally.blocks("gained"), tally.gap)
    yield ', "lost": '
    yield from _block_json(tally.blocks("lost"), None)
    s = tally.summary()
    tail = {"summary": s, "account": account(d, name, s), "note": note(d, s, first, ask),
            "explanations": [{"relation": t, "explanation": x} for t, x in explained]}
    yield ", " + json.dumps(tail, ensure_ascii=False)[1:] + "\n"


def what_if_csv(d: Any) -> Iterator[str]:
    from mla_rules.present.csvsafe import safe_row

    yield "change,requesting,requested,crime,kind\n"
    for change, rows in (("gained", d.gained()), ("lost", d.lost())):
        for r in rows:
            yield safe_row((change, r.requesting, r.requested, r.crime, r.kind))


def what_if_text(d: Any, name: str, explained: list[tuple[str, str]]) -> Iterator[str]:
    """What the scenario is compared with, the account, why nothing changed if it was asked
    before its events take effect, and the explanations."""
    from mla_rules.network.whatif import account, compared, first_effect, note, summary

    first = first_effect(d)
    s = summary(d)
    c = compared(d)
    yield c.sentence() + ".\n"
    if c.meaning():
        yield f"{c.meaning()}\n"
    yield "\n".join(account(d, name, s)) + "\n"
    why = note(d, s, first)
    if why:
        yield why + "\n"
    for title, text in explained:
        yield f"\n== {title}\n{text}\n"
