"""Commands for maintainers: the documentation site and the facts check (issue 4).
Registered by cli/main.py."""

from __future__ import annotations

import json
from pathlib import Path

import click

from mla_rules import errors
from mla_rules.cli.options import format_option
from mla_rules.errors import UsageError


@click.command(short_help="Build the documentation site (static HTML).")
@click.option("--output", "output", required=True, metavar="DIR",
              type=click.Path(file_okay=False, path_type=Path),
              help="Directory to write the site into (created if needed).")
@click.option("--results", "results", metavar="FILE", type=click.Path(path_type=Path),
              default=Path("reports/cucumber.json"), show_default=True,
              help="pytest-bdd's cucumber JSON report (pytest --cucumberjson=FILE); the "
                   "scenarios' results come from it when it exists.")
def docs(output: Path, results: Path) -> int:
    """Build the documentation site: per article, its summary, status and sources, the rules
    that encode it, the scenarios that exercise each rule with their last result, and the
    status of every State in the record. Plain HTML: open DIR/index.html from the file
    system; nothing is fetched from the network.

    \b
    Example:
      python -m pytest --cucumberjson=reports/cucumber.json && mla docs --output site
    """
    from mla_rules.present.docs_site import build

    if output.exists() and not output.is_dir():
        raise UsageError(f"--output: {output} exists and is not a directory")
    pages = build(output, results if results.is_file() else None)
    click.echo(f"Wrote {len(pages)} pages to {output}/ (open {output / 'index.html'}).",
               err=True)
    if not results.is_file():
        click.echo(f"No test report at {results}: scenario results are shown as not run. "
                   f"Run `python -m pytest --cucumberjson={results}` first.", err=True)
    return 0


@click.group(short_help="Maintaining the record in facts/.")
def facts() -> None:
    """Maintaining the record in facts/."""


@facts.command("check", short_help="Validate a facts directory; list every problem.")
@click.argument("directory", required=False, metavar="[DIR]",
                type=click.Path(path_type=Path))
@format_option
def facts_check(directory: Path | None, fmt: str) -> int:
    """Validate a facts directory (default: the shipped facts/) and report every problem with
    its file and line: unknown keys, wrong types, duplicate keys, missing or unknown sources,
    unknown States, annexes or event types, and implausible dates (before the adoption,
    signatures outside the signature period, a ratification, acceptance or approval before
    the State's signature, the as-of date before the latest event).

    Exit status: 0 no problem, 3 problems found, 2 DIR is not a directory.

    \b
    Example:
      mla facts check facts/
    """
    from mla_rules.law.engine import FACTS_DIR
    from mla_rules.record.factcheck import check

    directory = directory or FACTS_DIR
    if not directory.is_dir():
        raise UsageError(f"{directory} is not a directory",
                         "Give the facts directory, e.g. `mla facts check facts/`.")
    problems = check(directory)
    if fmt == "json":
        click.echo(json.dumps([p._asdict() for p in problems], ensure_ascii=False, indent=2))
    else:
        for p in problems:
            click.echo(str(p))
    if problems:
        click.echo(f"{len(problems)} problem{'s' if len(problems) > 1 else ''} in "
                   f"{directory}.", err=True)
        return errors.DATA
    click.echo(f"{directory}: no problems found.", err=True)
    from mla_rules.record.framework_check import index_note

    note = index_note(directory)
    if note:
        click.echo(note, err=True)
    return 0


@facts.command("import", short_help="Import status tables (listings) into facts/parties/.")
@click.argument("listings", nargs=-1, required=True, metavar="LISTING...",
                type=click.Path(dir_okay=False, path_type=Path))
@click.option("--facts", "facts_dir", metavar="DIR", type=click.Path(path_type=Path),
              help="The facts directory to write into (default: the shipped facts/).")
@format_option
def facts_import(listings: tuple[Path, ...], facts_dir: Path | None, fmt: str) -> int:
    """Import status tables as found (facts/listings/<id>.tsv; the format is in
    facts/listings/FORMAT.md) into the parties files the record loads
    (facts/parties/<id>.csv). States are mapped from the source's spellings to ISO codes
    (names in English, French or Spanish, plus facts/listings/names.yaml); every row keeps its
    source and note; rows without a date, or naming a State that cannot be mapped, are left
    out and listed. Then run `mla facts check`.

    \b
    Example:
      mla facts import facts/listings/torture-1984.tsv && mla facts check
    """
    from mla_rules.law.engine import FACTS_DIR
    from mla_rules.record.importer import import_listing, summary
    from mla_rules.record.names import state_index

    facts_dir = facts_dir or FACTS_DIR
    if not (facts_dir / "instruments.yaml").is_file():
        raise UsageError(f"{facts_dir} is not a facts directory (no instruments.yaml)")
    states = state_index(facts_dir / "states.json")
    results = [import_listing(path, facts_dir, states) for path in listings]
    from mla_rules.record.index import write_index
    from mla_rules.record.record import load_record_files

    # loading checks the imported parties as the loader does
    index = write_index(facts_dir, load_record_files(facts_dir))
    if fmt == "json":
        click.echo(json.dumps([summary(r) for r in results], ensure_ascii=False, indent=2))
        return 0
    click.echo(f"Index rewritten: {index}", err=True)
    for r in results:
        click.echo(f"{r.instrument}: {r.rows} rows for {r.states} States written to {r.path}"
                   + (f"; {len(r.skipped)} left out:" if r.skipped else ""))
        for s in r.skipped:
            click.echo(f"    line {s.line} ({s.participant}): {s.why}")
    return 0


@facts.command("index", short_help="Rewrite facts/index.json after editing the facts.")
@click.argument("directory", required=False, metavar="[DIR]",
                type=click.Path(path_type=Path))
def facts_index(directory: Path | None) -> int:
    """Load the facts directory from its files, with every check, and rewrite its generated
    index (index.json), which the commands read at start-up instead of parsing the YAML and
    CSV files. Run it after editing facts by hand (`mla facts import` runs it itself); until
    then the commands read the files, more slowly, and `mla facts check` reminds you.

    \b
    Example:
      mla facts index && mla facts check
    """
    from mla_rules.law.engine import FACTS_DIR
    from mla_rules.record.index import write_index
    from mla_rules.record.record import load_record_files

    directory = directory or FACTS_DIR
    if not (directory / "events.yaml").is_file():
        raise UsageError(f"{directory} is not a facts directory (no events.yaml)")
    click.echo(f"wrote {write_index(directory, load_record_files(directory))}", err=True)
    return 0
