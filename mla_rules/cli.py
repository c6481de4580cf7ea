"""The `mla` command line: parse, call the library, render. Errors become exit codes here and
nowhere else (see errors.py)."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from . import errors
from .errors import MlaError, UsageError

FORMATS = ("text", "json")


def _parse_on(value: str | None) -> str | None:
    if value is None:
        return None
    from .dates import parse_iso

    try:
        return parse_iso(value)
    except ValueError as e:
        raise UsageError(f"--on: {e}") from None


def _complete_state(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[Any]:
    from .engine import FACTS_DIR
    from .names import normalise, state_index

    index = state_index(FACTS_DIR / "states.json")
    key = normalise(incomplete)
    out = [click.shell_completion.CompletionItem(s.alpha_3, help=s.name) for s in index.all()
           if s.alpha_3.startswith(incomplete.upper()) or normalise(s.name).startswith(key)]
    return out[:50]


def _complete_crime(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[Any]:
    from .context import shipped_record

    return [click.shell_completion.CompletionItem(c.id, help=c.label)
            for c in shipped_record().crimes.values() if c.id.startswith(incomplete.lower())]


def on_option(f: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--on", "on", metavar="DATE",
                        help="Date of the request, YYYY-MM-DD. Default: the scenario's "
                             "`date:`, else today.")(f)


def scenario_option(f: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--scenario", "scenarios", multiple=True, metavar="FILE",
                        type=click.Path(dir_okay=False, path_type=Path),
                        help="A what-if YAML file whose events are added on top of the shipped "
                             "record (never changing it). Repeatable.")(f)


def format_option(f: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--format", "fmt", type=click.Choice(FORMATS), default="text",
                        show_default=True, help="text for people, json for programs.")(f)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="mla-rules", prog_name="mla")
def cli() -> None:
    """Does the Ljubljana – The Hague Convention (2023) govern a request between two States?

    \b
    Examples:
      mla can-request --from Latvia --to Netherlands --crime genocide --on 2026-11-28
      mla can-request --from LVA --to NLD --crime genocide --kind extradition
      mla status Latvia
      mla crimes

    Every answer comes with the rules and facts that decide it, their articles and
    sources; points that are unverified are named as such.
    """


@cli.command("can-request")
@click.option("--from", "requesting", required=True, metavar="STATE",
              shell_complete=_complete_state,
              help="The requesting State: ISO code (LV, LVA) or name in English, French or "
                   "Spanish.")
@click.option("--to", "requested", required=True, metavar="STATE",
              shell_complete=_complete_state, help="The requested State.")
@click.option("--crime", required=True, metavar="CRIME", shell_complete=_complete_crime,
              help="genocide, crimes-against-humanity, war-crimes, annex-a … annex-h, "
                   "'Annex F', or a name: aggression, torture, enforced disappearance.")
@click.option("--kind", type=click.Choice(["mla", "extradition"]), default="mla",
              show_default=True, help="mla = mutual legal assistance (Part III); extradition "
                                      "(Part IV).")
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
    from .answer import Question, ask
    from .context import load_engine
    from .render import answer_dict, answer_text

    engine = load_engine(scenarios)
    record = engine.record
    date = _parse_on(on) or _scenario_date(record) or _today()
    from .record import resolve_crime

    q = Question(record.states.resolve(requesting, "requesting State"),
                 record.states.resolve(requested, "requested State"),
                 resolve_crime(record, crime), kind, date)
    answer = ask(engine, q)
    if fmt == "json":
        click.echo(json.dumps(answer_dict(answer, engine.rulebook), ensure_ascii=False,
                              indent=2))
    else:
        click.echo(answer_text(answer, engine.rulebook, depth))
    return errors.APPLIES if answer.applies else errors.DOES_NOT_APPLY


@cli.command(short_help="A State's record and what it means on a date.")
@click.argument("state", shell_complete=_complete_state)
@on_option
@scenario_option
@format_option
def status(state: str, on: str | None, scenarios: tuple[Path, ...], fmt: str) -> int:
    """A State's record (with sources) and what it means on a date.

    \b
    Example:
      mla status Latvia --on 2026-11-28
    """
    from .context import load_engine
    from .status import state_status, status_text

    engine = load_engine(scenarios)
    date = _parse_on(on) or _scenario_date(engine.record) or _today()
    data = state_status(engine, engine.record.states.resolve(state), date)
    if fmt == "json":
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        click.echo(status_text(data))
    return 0


@cli.command(short_help="The States in the record, with their codes.")
@click.option("--all", "everything", is_flag=True,
              help="Every State known (ISO 3166-1 and Kosovo), not only those in the record.")
@format_option
def states(everything: bool, fmt: str) -> int:
    """The States in the record (signatories and others), with their codes.

    Use any of the codes or names shown with --from, --to and `mla status`.
    """
    from .context import shipped_record

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
        click.echo(f"\n{len(rows)} States. Record as of {record.as_of}.", err=True)
    return 0


@cli.command(short_help="The crime catalogue: Art. 5 crimes and Annexes A–H.")
@format_option
def crimes(fmt: str) -> int:
    """The crime catalogue: the Art. 5 crimes and Annexes A–H, with how sure each mapping is."""
    from .context import shipped_record

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


def _scenario_date(record: Any) -> str | None:
    dates = [s.date for s in record.scenarios if s.date]
    return dates[-1] if dates else None


def _today() -> str:
    from .dates import today

    return today()


def main(argv: list[str] | None = None) -> int:
    """Entry point: run the CLI and map every outcome to an exit code, with no traceback."""
    try:
        rv = cli.main(args=argv, prog_name="mla", standalone_mode=False)
    except click.exceptions.Exit as e:
        return e.exit_code
    except click.ClickException as e:
        e.show()
        return errors.USAGE if e.exit_code == 2 else e.exit_code
    except click.Abort:
        click.echo("Aborted.", err=True)
        return errors.USAGE
    except MlaError as e:
        click.echo(f"error: {e.message}", err=True)
        if e.hint:
            click.echo(e.hint, err=True)
        return e.exit_code
    except BrokenPipeError:
        return 0
    except Exception as e:  # a bug: say so briefly; MLA_DEBUG=1 shows the traceback
        if os.environ.get("MLA_DEBUG"):
            raise
        click.echo(f"internal error: {type(e).__name__}: {e}\n"
                   "This is a bug in mla-rules; run again with MLA_DEBUG=1 and report it.",
                   err=True)
        return errors.INTERNAL
    return rv if isinstance(rv, int) else 0


def run() -> None:
    sys.exit(main())


# Commands for policy staff (the network) and for maintainers live in their own modules.
from . import cli_maintainers, cli_network  # noqa: E402, F401
