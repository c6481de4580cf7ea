"""The questions a legal adviser asks: `can-request`, `status`, `states`, `crimes`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from mla_rules import errors
from mla_rules.cli.options import (
    choice,
    complete_state,
    exit_status,
    format_option,
    on_option,
    output_option,
    question_date,
    question_options,
    scenario_option,
    write,
)


@click.command("can-request")
@question_options
@on_option
@scenario_option
@format_option
@click.option("--depth", type=click.IntRange(0, 99), default=99, metavar="N",
              help="Text only: show the trace N levels deep (0 = verdict line only).")
def can_request(requesting: str, requested: str, crime: str, kind: str, on: str | None,
                scenarios: tuple[Path, ...], fmt: str, depth: int) -> int:
    """May the requesting State send the requested State a request under the Convention?

    Exit status: 0 the Convention applies, 1 it does not, 2 a usage error, 3 a data error in
    a facts or scenario file.

    \b
    Examples:
      mla can-request --from Latvia --to Netherlands --crime genocide --on 2026-11-28
      mla can-request --from LVA --to COD --crime aggression --scenario drc-ratifies.yaml
    """
    from mla_rules.law.engine import Engine
    from mla_rules.present.documents import can_request_document, dumps
    from mla_rules.present.render import answer_text, other_bases_text
    from mla_rules.questions.answer import Question, ask
    from mla_rules.questions.context import record_with
    from mla_rules.questions.legal_basis import other_bases
    from mla_rules.record.record import resolve_crime

    record = record_with(scenarios)
    q = Question(record.states.resolve(requesting, "requesting State"),
                 record.states.resolve(requested, "requested State"),
                 resolve_crime(record, crime), kind, question_date(on, record)).check()
    engine = Engine(record, states=frozenset((q.requesting.alpha_3, q.requested.alpha_3)))
    answer = ask(engine, q)
    others = other_bases(engine, q)
    status = exit_status(errors.APPLIES if answer.applies else errors.DOES_NOT_APPLY)
    if fmt == "json":
        click.echo(dumps(can_request_document(answer, others, engine.rulebook)), nl=False)
    else:
        click.echo(answer_text(answer, engine.rulebook, depth))
        if depth:
            click.echo("\n" + other_bases_text(others, engine.record))
    return status


@click.command("legal-basis")
@question_options
@on_option
@click.option("--committed", metavar="DATE",
              help="Date of the conduct, YYYY-MM-DD: decides the rules that turn on it "
                   "(Framework Decision Art. 32 declarations, temporal scope); without it "
                   "they are listed as conditions to check.")
@scenario_option
@click.option("--format", "fmt", type=choice("text", "json", "html"), default="text",
              show_default=True, help="text for people, json for programs, html: a memo to "
                                      "file, to print or save as PDF (use with --output).")
@output_option
@click.option("--depth", type=click.IntRange(0, 99), metavar="N",
              help="Text only: also show each applying instrument's trace, N levels deep "
                   "(0 = verdict line only).")
def legal_basis(requesting: str, requested: str, crime: str, kind: str, on: str | None,
                committed: str | None, scenarios: tuple[Path, ...], fmt: str,
                output: Path | None, depth: int | None) -> int:
    """On which treaty can the requesting State base a request to the requested State, for
    this crime, kind of request and date? Every instrument of the catalogue (`mla
    instruments`): the ones that apply — the governing one first, a displacing instrument
    before what it displaces — with their articles, nature, dates in force and the
    conditions left to check; then why each of the others does not apply.

    Exit status: 0 at least one instrument is a legal basis, 1 none is (undertakings alone
    are not), 2 a usage error, 3 a data error in a facts or scenario file.

    \b
    Examples:
      mla legal-basis --from France --to Japan --crime torture
      mla legal-basis --from FRA --to DEU --crime genocide --kind extradition
      mla legal-basis --from FRA --to DEU --crime genocide --kind extradition --committed 1990-05-01
      mla legal-basis --from KOR --to FRA --crime torture --format html -o memo.html
    """
    from mla_rules.cli.options import parse_date
    from mla_rules.law.engine import Engine
    from mla_rules.present.documents import dumps
    from mla_rules.present.legal_basis import legal_basis_dict, legal_basis_text
    from mla_rules.questions.answer import Question
    from mla_rules.questions.context import record_with
    from mla_rules.questions.legal_basis import legal_basis as answer
    from mla_rules.record.record import resolve_crime

    record = record_with(scenarios)
    q = Question(record.states.resolve(requesting, "requesting State"),
                 record.states.resolve(requested, "requested State"),
                 resolve_crime(record, crime), kind, question_date(on, record)).check()
    engine = Engine(record, states=frozenset((q.requesting.alpha_3, q.requested.alpha_3)))
    result = answer(engine, q, parse_date(committed, "--committed"))
    status = exit_status(errors.APPLIES if result.applies else errors.DOES_NOT_APPLY)
    if fmt == "json":
        chunks = [dumps(legal_basis_dict(result, engine.rulebook))]
    elif fmt == "html":
        from mla_rules.present.memo import memo_html

        chunks = [memo_html(result, engine.rulebook)]
    else:
        chunks = [legal_basis_text(result, engine.rulebook, depth) + "\n"]
    write(output, chunks)
    return status


@click.command(short_help="A State's record and what it means on a date.")
@click.argument("state", shell_complete=complete_state)
@on_option
@scenario_option
@format_option
def status(state: str, on: str | None, scenarios: tuple[Path, ...], fmt: str) -> int:
    """A State's record (with sources), what it means on a date, and its participation in
    every other instrument of the catalogue.

    \b
    Example:
      mla status Latvia --on 2026-11-28
    """
    from mla_rules.present.status import status_dict, status_text
    from mla_rules.questions.context import load_engine
    from mla_rules.questions.status import state_status

    engine = load_engine(scenarios)
    date = question_date(on, engine.record)
    data = status_dict(state_status(engine, engine.record.states.resolve(state), date),
                       engine.rulebook, engine.record)
    if fmt == "json":
        from mla_rules.present.documents import dumps

        click.echo(dumps(data), nl=False)
    else:
        click.echo(status_text(data))
    return 0


@click.command(short_help="The States in the record, with their codes.")
@click.option("--all", "everything", is_flag=True,
              help="Every State known (the UN members, the observer States, Kosovo, the Cook "
                   "Islands and Niue: facts/universe.json), not only those in the record.")
@format_option
def states(everything: bool, fmt: str) -> int:
    """The States in the record (signatories and others), with their codes.

    Use any of the codes or names shown with --from, --to and `mla status`. The other entries
    of ISO 3166-1 (Puerto Rico, Greenland, Hong Kong …) are not among the States the tool
    answers for (facts/universe.json): they are not listed, and are refused where a State is
    asked for.
    """
    from mla_rules.questions.context import shipped_record

    record = shipped_record()
    in_record = {e.state for e in record.events}
    rows = []
    for s in record.states.all():
        if everything or s.alpha_3 in in_record:
            kinds = sorted({e.type for e in record.events_of(s.alpha_3)})
            rows.append({"alpha_3": s.alpha_3, "alpha_2": s.alpha_2, "name": s.name,
                         "events": kinds})
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        for r in rows:
            click.echo(f"{r['alpha_3']}  {r['alpha_2']}  {r['name']:<40} {', '.join(r['events'])}")
        others = (f" The {len(record.states.territories())} other entries of ISO 3166-1 are "
                  "not among the States this tool answers for (facts/universe.json)."
                  if everything else "")
        click.echo(f"\n{len(rows)} States.{others} Record as of {record.as_of}.", err=True)
    return 0


@click.command(short_help="The crime catalogue: Art. 5 crimes and Annexes A–H.")
@format_option
def crimes(fmt: str) -> int:
    """The crime catalogue: the Art. 5 crimes and Annexes A–H, with how sure each mapping is."""
    from mla_rules.questions.context import shipped_record

    record = shipped_record()
    rows = [{"id": c.id, "name": c.name, "article": c.article, "annex": c.annex,
             "status": c.status, "verified": c.status == "confirmed",
             "aliases": list(c.aliases), "source": record.source_of(c.source), "note": c.note}
            for c in record.crimes.values()]
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        for r in rows:
            where = f"Annex {r['annex']}" if r["annex"] else f"Art. {r['article']}"
            click.echo(f"{r['id']:<24} {where:<8} {r['status']:<11} {r['name']}")
        click.echo("\nArt. 5 crimes are covered between any two bound States; an annex crime "
                   "only between States that both opted in to its annex (Art. 2(2)).")
    return 0




def _coverage_text(r: dict[str, Any]) -> str:
    if r["parties_recorded"] is None:
        return ""
    bounded = (f", {r['parties_no_later_than']} of them only \"no later than\" a date"
               if r["parties_no_later_than"] else "")
    secondary = "".join(f"; {r[k]} of {r['rows']} rows {what}" for k, what in (
        ("rows_secondary", "on secondary sources"), ("rows_unverified", "unverified")) if r[k])
    return (f" · {r['parties_recorded']}"
            + (f" of {r['parties_known_total']}" if r["parties_known_total"] else "")
            + f" parties recorded{bounded} ({r['parties_list']} list"
            + (f", as of {r['record_as_of']}" if r["record_as_of"] else "") + f"{secondary})")


@click.command(short_help="The catalogue of instruments beside the Convention.")
@format_option
def instruments(fmt: str) -> int:
    """The instruments `mla legal-basis` knows, in catalogue order: their ids (for
    scenarios: `instrument: ID`), clauses, natures, and how complete the shipped list of
    parties is."""
    from mla_rules.questions.context import shipped_record

    record = shipped_record()
    fw = record.framework
    assert fw is not None
    rows: list[dict[str, Any]] = []
    for inst in fw.instruments.values():
        coverage = fw.coverage(inst.id)
        if inst.convention:  # its record is facts/events.yaml, in `mla status`
            coverage = {**coverage, "parties_recorded": None, "parties_no_later_than": None,
                        "rows": None, "rows_secondary": None, "rows_unverified": None,
                        "record_as_of": record.as_of}
        rows.append({"id": inst.id, "title": inst.title, "short": inst.short,
                     "adopted": inst.adopted, "depositary": inst.depositary,
                     "clauses": [{"provision": c.provision, "kinds": list(c.kinds),
                                  "crimes": list(c.crimes), "nature": c.nature,
                                  "status": c.status} for c in inst.clauses],
                     "displaces": [d.instrument for d in inst.displaces], **coverage})
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    for r in rows:
        clauses = "; ".join(f"{c['provision']}: {'/'.join(c['kinds'])}, {c['nature']}"
                            for c in r["clauses"])
        click.echo(f"{r['id']:<28} {r['short']}{_coverage_text(r)}\n{'':<28} {clauses}")
    click.echo("\nA State missing from a partial list is not known to be a party: answers say "
               "so.\nBilateral treaties and domestic law are not in the data.")
    return 0
