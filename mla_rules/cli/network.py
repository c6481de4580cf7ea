"""Commands for policy staff: the cooperation network (`matrix`), scenario diffs (`what-if`)
and the `timeline`. Registered by cli/main.py; heavy modules are imported inside the commands so
that `mla can-request` does not pay for them at start-up."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from mla_rules.cli.options import (
    choice,
    kinds_of,
    network_options,
    on_option,
    output_option,
    parse_date,
    parse_on,
    question_date,
    scenario_option,
    today,
    write,
)
from mla_rules.errors import UsageError
from mla_rules.present.documents import dumps


@click.command(short_help="Every pair of States the Convention governs, on a date.")
@network_options
@click.option("--format", "fmt", type=choice("text", "csv", "json"), default="text",
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
    from mla_rules.present.documents import matrix_csv, matrix_json, matrix_text
    from mla_rules.questions.context import load_engine
    from mla_rules.record.record import resolve_crime

    engine = load_engine(scenarios)
    record = engine.record
    date = question_date(on, record)
    wanted = [resolve_crime(record, c).id for c in crimes] or None
    net = Network(engine, date, kinds_of(kind), wanted)
    write(output, matrix_csv(net.relations()) if fmt == "csv" else
          matrix_json(net, record) if fmt == "json" else [matrix_text(net, record)])
    return 0


@click.command(short_help="Pairs of States with no treaty basis, and what would close it.")
@network_options
@click.option("--state", metavar="STATE", help="One State's gap: with whom it has no basis.")
@click.option("--suggest", metavar="STATE",
              help="Rank what the State could do (join an instrument, ratify, opt in to an "
                   "annex) by how much of its gap each would close.")
@click.option("--format", "fmt", type=choice("text", "csv", "json", "html"),
              default="text", show_default=True,
              help="text: the size of the gap; csv or json: every ordered pair; html: a "
                   "self-contained report with a world map per kind of request (use with "
                   "--output; default crimes: the core crimes of Art. 5). With --suggest: "
                   "text, json or html (a self-contained page of the ranked steps); not csv.")
@output_option
def gap(on: str | None, crimes: tuple[str, ...], kind: str, scenarios: tuple[Path, ...],
        state: str | None, suggest: str | None, fmt: str, output: Path | None) -> int:
    """The gap the Convention closes: for every ordered pair of States (the UN members, the
    observer States and the other States the instruments name), per crime and kind, which
    instruments of the catalogue are a legal basis for a request — and the pairs with none.

    Undertakings do not count; bilateral treaties are not known; where the shipped lists of
    parties are partial, the figures are upper bounds.

    \b
    Examples:
      mla gap --crime crimes-against-humanity
      mla gap --state Senegal --kind extradition
      mla gap --suggest Senegal
      mla gap --format csv -o gap.csv
      mla gap --format html -o gap.html
    """
    from mla_rules.law.engine import Engine
    from mla_rules.network.gap import Gap, suggestions, universe
    from mla_rules.present.gap import (
        gap_csv,
        gap_json,
        gap_text,
        state_gap_text,
        suggestions_document,
        suggestions_text,
    )
    from mla_rules.questions.context import record_with
    from mla_rules.record.record import resolve_crime

    if state and suggest:
        raise UsageError("give --state or --suggest, not both")
    record = record_with(scenarios)
    date = question_date(on, record)
    wanted = [resolve_crime(record, c).id for c in crimes] or None
    if fmt == "html" and wanted is None and not suggest:  # one map per kind tells a story
        wanted = [c.id for c in record.crimes.values() if c.article == "5"]
    states = universe(record)
    chunks: Any
    if suggest:
        if fmt == "csv":  # before the seconds the suggestions take
            raise UsageError("--suggest gives text, json or html, not csv",
                             "CSV lists every ordered pair of the gap: `mla gap --format csv` "
                             "(with --state STATE, the pairs involving that State).")
        code = record.states.resolve(suggest, "State").alpha_3
        size, found = suggestions(record, code, date, states, kinds_of(kind), wanted)
        if fmt == "text":
            chunks = [suggestions_text(record, code, date, size, found)]
        else:  # json and html: one document, the same data
            doc = suggestions_document(record, code, date, size, found)
            if fmt == "json":
                chunks = [dumps(doc)]
            else:
                from mla_rules.present.suggest_report import suggest_report

                chunks = [suggest_report(record, doc, wanted, kinds_of(kind))]
        write(output, chunks)
        return 0
    g = Gap(Engine(record), date, states, kinds_of(kind), wanted)
    one = record.states.resolve(state, "State").alpha_3 if state else None
    if one and one not in states:
        raise UsageError(f"{record.states.get(one).name} is not among the {len(states)} "
                         f"States of the gap", "The gap counts UN members, observer States "
                         "and the other States the instruments name, not territories.")
    rows = g.rows_involving(one) if one else g.rows()
    if fmt == "csv":
        chunks = gap_csv(g, rows)
    elif fmt == "json":
        chunks = gap_json(g, record, rows)
    elif fmt == "html":
        from mla_rules.present.gap_report import gap_report

        chunks = [gap_report(g, record, one)]
    else:
        chunks = [state_gap_text(g, record, one) if one else gap_text(g, record)]
    write(output, chunks)
    return 0


@click.command("what-if", short_help="What a scenario changes: relations gained and lost.")
@click.argument("scenario", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--against", type=click.Path(dir_okay=False, path_type=Path), metavar="OTHER",
              help="Compare with this other scenario instead of the shipped record: each is "
                   "applied alone to the shipped record; OTHER is the baseline.")
@click.option("--on-top-of", "on_top_of", type=click.Path(dir_okay=False, path_type=Path),
              metavar="BASE", help="Add the scenario's events to BASE's and compare with "
                                   "BASE alone.")
@on_option
@click.option("--format", "fmt", type=choice("text", "json", "csv", "html"),
              default="text", show_default=True,
              help="html: a self-contained report to send (use with --output).")
@output_option
@click.option("--explain", "explain", type=click.IntRange(0, 1000), default=0, metavar="N",
              help="Explain the first N changed relations, as can-request does: why a gained "
                   "relation holds with the scenario, why a lost one fails with it.")
def what_if(scenario: Path, against: Path | None, on_top_of: Path | None, on: str | None,
            fmt: str, output: Path | None, explain: int) -> int:
    """Compare a what-if scenario with the shipped record, with another scenario
    (--against: two alternatives, each applied alone to the shipped record) or with a
    scenario it is added to (--on-top-of): the relations gained and lost per crime and kind
    on a date.

    The date is --on, else the scenario's `date:` (for --against, else the other's; two
    different `date:` need --on).

    \b
    Examples:
      mla what-if senegal-ratifies.yaml --on 2027-06-01
      mla what-if senegal.yaml --against argentina.yaml    (Senegal's or Argentina's?)
      mla what-if senegal.yaml --on-top-of argentina.yaml  (Senegal's, once Argentina's)
      mla what-if senegal.yaml --on-top-of threshold-15.yaml --format json
      mla what-if senegal.yaml --format html --output report.html --explain 10
    """
    from mla_rules.network.whatif import comparison_date, diff
    from mla_rules.present.documents import explanations, what_if_csv, what_if_json, what_if_text
    from mla_rules.questions.context import load_engine

    if against is not None and on_top_of is not None:
        raise UsageError("--against and --on-top-of together: give one baseline",
                         "--against OTHER compares two alternatives; --on-top-of BASE adds "
                         "the scenario to BASE.")
    # The Convention's facts only: the framework's are loaded for the States that change.
    base = [] if on_top_of is None else [on_top_of]
    after = load_engine([*base, scenario], states=())
    before = load_engine([against] if against is not None else base, states=())
    if against is not None:
        date = parse_on(on) or comparison_date(after.record.scenarios[-1],
                                               before.record.scenarios[-1]) or today()
    else:
        date = question_date(on, after.record)
    d = diff(before, after, date)
    last = after.record.scenarios[-1]
    explained = explanations(d, explain)
    against_name = before.record.scenarios[-1].name if before.record.scenarios else \
        "the shipped record"
    if fmt == "html":
        from mla_rules.present.report import render

        chunks: Any = [render(d, last.name, explained, last.description)]
    else:
        chunks = (what_if_json(d, last.name, against_name, explained) if fmt == "json" else
                  what_if_csv(d) if fmt == "csv" else what_if_text(d, last.name, explained))
    write(output, chunks)
    if output is not None:
        click.echo(f"wrote {output}", err=True)
    return 0


@click.command(short_help="The dates on which the network changes, and what changes.")
@scenario_option
@click.option("--from", "start", metavar="DATE", help="From this date (YYYY-MM-DD).")
@click.option("--to", "end", metavar="DATE", help="Up to this date (YYYY-MM-DD).")
@click.option("--gap", "with_gap", is_flag=True,
              help="Also count the gap (pairs with no legal basis, as `mla gap`) on each date.")
@click.option("--format", "fmt", type=choice("text", "json"), default="text",
              show_default=True, help="text for people, json for programs.")
def timeline(scenarios: tuple[Path, ...], start: str | None, end: str | None,
             with_gap: bool, fmt: str) -> int:
    """The dates on which the cooperation network changes — entries into force, opt-ins
    taking effect, denunciations, provisional application — with running counts.

    \b
    Example:
      mla timeline --scenario senegal-ratifies.yaml --from 2026-01-01
    """
    from mla_rules.network.timeline import timeline as build
    from mla_rules.questions.context import load_engine
    from mla_rules.record.dates import human

    first, last = parse_date(start, "--from"), parse_date(end, "--to")
    if first and last and first > last:
        raise UsageError(f"--from {first} is after --to {last}: --from is the first date of "
                         "the period, --to the last", "Swap them, or give one of them only.")
    engine = load_engine(scenarios)
    gap_states = None
    if with_gap:
        from mla_rules.network.gap import universe

        gap_states = universe(engine.record)
    entries = build(engine, first, last, gap_states)
    if fmt == "json":
        click.echo(json.dumps({"record_as_of": engine.record.as_of, "timeline": entries},
                              ensure_ascii=False, indent=2))
        return 0
    names = engine.record.states
    for e in entries:
        click.echo(f"{human(e['on'])}: {e['bound']['mla']} bound for MLA, "
                   f"{e['bound']['extradition']} for extradition, {e['relations']:,} relations")
        if "gap" in e:
            click.echo(f"    gap: {e['gap']['no_basis']:,} ordered pairs (per crime and kind) "
                       f"with no legal basis, {e['gap']['only_convention']:,} whose only basis "
                       f"is this Convention")
        for c in e["changes"]:
            what = c.get("kind") or f"Annex {c.get('annex')}"
            click.echo(f"    {names.get(c['state']).name}: {c['change']} ({what})")
    if not entries:
        click.echo("No change in the network in that period.")
    return 0
