"""The options and helpers the commands share, defined once: `--on`, `--scenario`,
`--format`, `--output`, the completions of States and crimes, and the date of a question."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO, Any

import click

from mla_rules.errors import UsageError

FORMATS = ("text", "json")

# What people type for an option a command has, mapped to it: an unknown option suggests the
# command's own (`--date` -> `--on`) where click's spelling likeness would not (cli/main.py).
SYNONYMS: dict[str, tuple[str, ...]] = {
    "--on": ("--date", "--when", "--at", "--day", "--as-of"),
    "--from": ("--requesting", "--requester", "--sender"),
    "--to": ("--requested", "--receiver", "--recipient"),
    "--crime": ("--crimes", "--offence", "--offense"),
    "--kind": ("--type",),
    "--format": ("--fmt", "--as"),
    "--output": ("--out", "--file"),
    "--scenario": ("--scenarios", "--what-if"),
    "--depth": ("--level", "--levels", "--why", "--trace", "--explain", "--explanation"),
    "--committed": ("--conduct", "--committed-on"),
    "--against": ("--baseline", "--compare", "--compare-with", "--versus", "--vs"),
    "--on-top-of": ("--on-top", "--add-to", "--plus", "--base"),
    "--state": ("--country", "--nation", "--states"),
    "--suggest": ("--recommend", "--advise", "--suggestions"),
    "--explain": ("--why", "--trace", "--explanation"),
}
# Where a command's options mean something else: its own synonyms, which replace the above
# (timeline's --from and --to are dates, not States).
COMMAND_SYNONYMS: dict[str, dict[str, tuple[str, ...]]] = {
    "timeline": {"--from": ("--start", "--since", "--date", "--on", "--begin"),
                 "--to": ("--end", "--until", "--date", "--on")},
}

EXIT_STATUS = "mla.exit_status"  # in click's context meta: see exit_status()


def choice(*values: str) -> click.Choice[str]:
    """A choice of values in any case (`--kind Extradition`); the command gets the value as
    listed here (lower case)."""
    return click.Choice(values, case_sensitive=False)


def exit_status(code: int) -> int:
    """Record the status the command will end with, before it writes its output: if the reader
    closes the pipe early (`| head -1`), the command ends with that status all the same."""
    click.get_current_context().meta[EXIT_STATUS] = code
    return code


def parse_on(value: str | None) -> str | None:
    if value is None:
        return None
    from mla_rules.record.dates import parse_iso

    try:
        return parse_iso(value)
    except ValueError as e:
        raise UsageError(f"--on: {e}") from None


def complete_state(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[Any]:
    from mla_rules.law.engine import FACTS_DIR
    from mla_rules.record.names import normalise, state_index

    index = state_index(FACTS_DIR / "states.json")
    key = normalise(incomplete)
    out = [click.shell_completion.CompletionItem(s.alpha_3, help=s.name) for s in index.all()
           if s.alpha_3.startswith(incomplete.upper()) or normalise(s.name).startswith(key)]
    return out[:50]


def complete_crime(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[Any]:
    from mla_rules.questions.context import shipped_record

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
    return click.option("--format", "fmt", type=choice(*FORMATS), default="text",
                        show_default=True, help="text for people, json for programs.")(f)


def scenario_date(record: Any) -> str | None:
    dates = [s.date for s in record.scenarios if s.date]
    return dates[-1] if dates else None


def today() -> str:
    from mla_rules.record.dates import today

    return today()




def output_file(path: Path | None) -> IO[str]:
    """Standard output, or FILE opened for writing (a usage error if it cannot be)."""
    if path is None:
        return sys.stdout
    try:
        return path.open("w", encoding="utf-8", newline="")
    except OSError as e:
        raise UsageError(f"cannot write {path}: {e.strerror}") from None


def output_option(f: Any) -> Any:
    return click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
                        metavar="FILE", help="Write to FILE instead of standard output.")(f)


def kinds_of(kind: str) -> tuple[str, ...]:
    """`--kind all` means both kinds of request."""
    return ("mla", "extradition") if kind == "all" else (kind,)


def question_date(on: str | None, record: Any) -> str:
    """The date of a question: `--on`, else the last scenario's `date:`, else today."""
    return parse_on(on) or scenario_date(record) or today()


def parse_date(value: str | None, option: str) -> str | None:
    """A date option other than --on, with the option's name in its error."""
    try:
        return parse_on(value)
    except UsageError as e:
        raise UsageError(e.message.replace("--on", option)) from None


def write(path: Path | None, chunks: Iterable[str]) -> None:
    """Write a document, chunk by chunk, to standard output or FILE (then say so)."""
    out = output_file(path)
    try:
        batch: list[str] = []
        size = 0
        for chunk in chunks:  # a million small chunks are written as a few hundred
            batch.append(chunk)
            size += len(chunk)
            if size > 1 << 16:
                out.write("".join(batch))
                batch, size = [], 0
        out.write("".join(batch))
    finally:
        if out is not sys.stdout:
            out.close()
    if path is not None:
        click.echo(f"wrote {path}", err=True)


def question_options(f: Callable[..., Any]) -> Callable[..., Any]:
    """--from, --to, --crime and --kind: the question between two States that can-request
    and legal-basis share."""
    for option in reversed([
        click.option("--from", "requesting", required=True, metavar="STATE",
                     shell_complete=complete_state,
                     help="The requesting State: ISO code (LV, LVA) or name in English, French "
                          "or Spanish."),
        click.option("--to", "requested", required=True, metavar="STATE",
                     shell_complete=complete_state, help="The requested State."),
        click.option("--crime", required=True, metavar="CRIME", shell_complete=complete_crime,
                     help="genocide, crimes-against-humanity, war-crimes, annex-a … annex-h, "
                          "'Annex F', or a name: aggression, torture, enforced "
                          "disappearance."),
        click.option("--kind", type=choice("mla", "extradition"), default="mla",
                     show_default=True, help="mla = mutual legal assistance (the Convention's "
                                             "Part III); extradition (Part IV)."),
    ]):
        f = option(f)
    return f


def network_options(f: Callable[..., Any]) -> Callable[..., Any]:
    """--on, --crime (repeatable), --kind (default all) and --scenario: the network's
    questions (matrix, gap)."""
    options: list[Callable[..., Any]] = [
        on_option,
        click.option("--crime", "crimes", multiple=True, metavar="CRIME",
                     shell_complete=complete_crime,
                     help="Only this crime (repeatable; names as for can-request). "
                          "Default: all."),
        click.option("--kind", type=choice("mla", "extradition", "all"),
                     default="all", show_default=True, help="Kind of request."),
        scenario_option,
    ]
    for option in reversed(options):
        f = option(f)
    return f
