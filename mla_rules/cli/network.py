"""Commands for policy staff: the cooperation network (`matrix`), scenario diffs (`what-if`)
and the `timeline`. Registered by cli/main.py; heavy modules are imported inside the commands so
that `mla can-request` does not pay for them at start-up."""

from __future__ import annotations

import itertools
import json
import sys
from pathlib import Path
from typing import IO, Any

import click

from mla_rules.cli.options import (
    complete_crime,
    kinds_of,
    on_option,
    output_file,
    output_option,
    parse_on,
    question_date,
    scenario_option,
)
from mla_rules.errors import UsageError


@click.command(short_help="Every pair of States the Convention governs, on a date.")
@on_option
@click.option("--crime", "crimes", multiple=True, metavar="CRIME",
              shell_complete=complete_crime,
              help="Only this crime (repeatable; names as for can-request). Default: all.")
@click.option("--kind", type=click.Choice(["mla", "extradition", "all"]), default="all",
              show_default=True, help="Kind of request.")
@scenario_option
@click.option("--format", "fmt", type=click.Choice(["text", "csv", "json"]), default="text",
              show_default=True, help="text: a summary; csv or json: every relation.")
@output_option
def matrix(on: str | None, crimes: tuple[str, ...], kind: str, scenarios: tuple[Path, ...],
           fmt: str, output: Path | None) -> int:
    """Every ordered pair (requesting, requested) for which the Convention applies, per crime
    and kind, on a date.

    \b
    Examples:
      mla matrix --on 2026-11-28
      mla matrix --format csv --crime aggression --scenario what-if.yaml -o relations.csv
    """
    from mla_rules.network.matrix import Network
    from mla_rules.questions.context import load_engine
    from mla_rules.record.record import resolve_crime

    engine = load_engine(scenarios)
    record = engine.record
    date = question_date(on, record)
    wanted = [resolve_crime(record, c).id for c in crimes] or None
    net = Network(engine, date, kinds_of(kind), wanted)
    out = output_file(output)
    try:
        if fmt == "csv":
            out.write("requesting,requested,crime,kind\n")
            out.writelines(f"{r.requesting},{r.requested},{r.crime},{r.kind}\n"
                           for r in net.relations())
        elif fmt == "json":  # streamed, like the CSV
            head = {"on": date, "record_as_of": record.as_of,
                    "scenarios": [s.name for s in record.scenarios]}
            out.write(json.dumps(head, ensure_ascii=False)[:-1] + ', "relations": ')
            _write_relations(out, net.relations())
            out.write(f', "counts": {json.dumps(net.counts())}}}\n')
        else:
            out.write(_matrix_text(net, record) + "\n")
    finally:
        if out is not sys.stdout:
            out.close()
    return 0


def _write_relations(out: IO[str], rows: Any) -> None:
    """A JSON array of relations, written as it is produced (over a million at most).
    State codes, crime ids and kinds are validated identifiers: nothing needs escaping."""
    out.write("[")
    first = True
    for r in rows:
        out.write(f'{"" if first else ", "}{{"requesting": "{r.requesting}", "requested": '
                  f'"{r.requested}", "crime": "{r.crime}", "kind": "{r.kind}"}}')
        first = False
    out.write("]")


def _matrix_text(net: Any, record: Any) -> str:
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
    return "\n".join(lines)


@click.command("what-if", short_help="What a scenario changes: relations gained and lost.")
@click.argument("scenario", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--against", type=click.Path(dir_okay=False, path_type=Path), metavar="OTHER",
              help="Compare with this scenario instead of the shipped record.")
@on_option
@click.option("--format", "fmt", type=click.Choice(["text", "json", "csv", "html"]),
              default="text", show_default=True,
              help="html: a self-contained report to send (use with --output).")
@output_option
@click.option("--explain", "explain", type=click.IntRange(0, 1000), default=0, metavar="N",
              help="Explain the first N changed relations, as can-request does.")
def what_if(scenario: Path, against: Path | None, on: str | None, fmt: str,
            output: Path | None, explain: int) -> int:
    """Compare a what-if scenario with the shipped record (or with another scenario): the
    relations gained and lost per crime and kind on a date.

    \b
    Examples:
      mla what-if senegal-ratifies.yaml --on 2027-06-01
      mla what-if senegal.yaml --against threshold-15.yaml --format json
      mla what-if senegal.yaml --format html --output report.html --explain 10
    """
    from mla_rules.network.whatif import account, diff, summary
    from mla_rules.questions.context import load_engine

    after = load_engine([scenario] if against is None else [against, scenario])
    before = load_engine([against] if against else [])
    date = question_date(on, after.record)
    d = diff(before, after, date)
    name = after.record.scenarios[-1].name
    explanations = _explanations(d, explain)
    out = output_file(output)
    try:
        if fmt == "json":  # streamed: universal participation has over a million relations
            s = summary(d)
            head = {"on": date, "scenario": name,
                    "against": before.record.scenarios[-1].name if against else
                    "the shipped record"}
            out.write(json.dumps(head, ensure_ascii=False)[:-1])
            for change, rows in (("gained", d.gained()), ("lost", d.lost())):
                out.write(f', "{change}": ')
                _write_relations(out, rows)
            tail = {"summary": s, "account": account(d, name, s),
                    "explanations": [{"relation": t, "explanation": x}
                                     for t, x in explanations]}
            out.write(", " + json.dumps(tail, ensure_ascii=False)[1:] + "\n")
        elif fmt == "csv":
            out.write("change,requesting,requested,crime,kind\n")
            for change, rows in (("gained", d.gained()), ("lost", d.lost())):
                out.writelines(f"{change},{r.requesting},{r.requested},{r.crime},{r.kind}\n"
                               for r in rows)
        elif fmt == "html":
            from mla_rules.present.report import render

            out.write(render(d, name, explanations, after.record.scenarios[-1].description))
        else:
            out.write("\n".join(account(d, name)) + "\n")
            for title, text in explanations:
                out.write(f"\n== {title}\n{text}\n")
    finally:
        if out is not sys.stdout:
            out.close()
    if output is not None:
        click.echo(f"wrote {output}", err=True)
    return 0


def _explanations(d: Any, limit: int) -> list[tuple[str, str]]:
    if not limit:
        return []
    from mla_rules.present.render import answer_text
    from mla_rules.questions.answer import Question, ask

    out: list[tuple[str, str]] = []
    for label, engine, rows in (("gained", d.after_engine, d.gained()),
                                ("lost", d.before_engine, d.lost())):
        for r in itertools.islice(rows, max(0, limit - len(out))):
            record = engine.record
            q = Question(record.states.get(r.requesting), record.states.get(r.requested),
                         record.crimes[r.crime], r.kind, d.on)
            text = answer_text(ask(engine, q), engine.rulebook, depth=6)
            out.append((f"{label}: {r.requesting} → {r.requested}, {r.crime}, {r.kind}", text))
    return out


@click.command(short_help="The dates on which the network changes, and what changes.")
@scenario_option
@click.option("--from", "start", metavar="DATE", help="From this date (YYYY-MM-DD).")
@click.option("--to", "end", metavar="DATE", help="Up to this date (YYYY-MM-DD).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="text for people, json for programs.")
def timeline(scenarios: tuple[Path, ...], start: str | None, end: str | None,
             fmt: str) -> int:
    """The dates on which the cooperation network changes — entries into force, opt-ins
    taking effect, denunciations, provisional application — with running counts.

    \b
    Example:
      mla timeline --scenario senegal-ratifies.yaml --from 2026-01-01
    """
    from mla_rules.network.timeline import timeline as build
    from mla_rules.questions.context import load_engine
    from mla_rules.record.dates import human

    engine = load_engine(scenarios)
    entries = build(engine, _parse_date(start, "--from"), _parse_date(end, "--to"))
    if fmt == "json":
        click.echo(json.dumps({"record_as_of": engine.record.as_of, "timeline": entries},
                              ensure_ascii=False, indent=2))
        return 0
    names = engine.record.states
    for e in entries:
        click.echo(f"{human(e['on'])}: {e['bound']['mla']} bound for MLA, "
                   f"{e['bound']['extradition']} for extradition, {e['relations']:,} relations")
        for c in e["changes"]:
            what = c.get("kind") or f"Annex {c.get('annex')}"
            click.echo(f"    {names.get(c['state']).name}: {c['change']} ({what})")
    if not entries:
        click.echo("No change in the network in that period.")
    return 0


def _parse_date(value: str | None, option: str) -> str | None:
    try:
        return parse_on(value)
    except UsageError as e:
        raise UsageError(e.message.replace("--on", option)) from None
