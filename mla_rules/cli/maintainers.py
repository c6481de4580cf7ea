"""Commands for maintainers: the documentation site and the facts check (issue 4).
Registered by cli/main.py."""

from __future__ import annotations

import json
from pathlib import Path

import click

from mla_rules import errors
from mla_rules.cli.options import choice, format_option
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

    try:
        if output.exists() and not output.is_dir():
            raise UsageError(f"--output: {output} exists and is not a directory")
        if results.exists() and not results.is_file():
            raise UsageError(f"--results: {results} is not a file",
                             "Give pytest-bdd's cucumber JSON report.")
        pages = build(output, results if results.is_file() else None)
    except OSError as e:  # a directory that cannot be made or written: say where and why
        raise UsageError(f"--output: cannot write the site into {output}: "
                         f"{e.strerror or e}", "Give a directory you can write to "
                         "(it is created if needed).") from None
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
    the State's signature, the as-of date before the latest event); the listings' rows that
    `mla facts import` would refuse; and an index (index.json) that does not say what the
    files say. Conflicts between sources are listed with the source that governs (the
    depositary's over an official table over a secondary source).

    Exit status: 0 no problem, 3 problems found, 2 DIR is not a directory.

    \b
    Example:
      mla facts check facts/
    """
    from mla_rules.law.engine import FACTS_DIR
    from mla_rules.record.factcheck import check_all

    directory = directory or FACTS_DIR
    if not directory.is_dir():
        raise UsageError(f"{directory} is not a directory",
                         "Give the facts directory, e.g. `mla facts check facts/`.")
    problems, conflicts = check_all(directory)
    if fmt == "json":
        click.echo(json.dumps([p._asdict() for p in problems], ensure_ascii=False, indent=2))
    else:
        for p in problems:
            click.echo(str(p))
    if conflicts:
        click.echo(f"{len(conflicts)} conflict{'s' if len(conflicts) > 1 else ''} between "
                   f"sources (the governing source's fact is the one recorded):", err=True)
        for c in conflicts:
            click.echo(f"  {c}", err=True)
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


@facts.command("import", short_help="Refresh instruments' parties from depositaries' files "
                                     "or listings.")
@click.argument("files", nargs=-1, required=True, metavar="FILE...",
                type=click.Path(dir_okay=False, path_type=Path))
@click.option("--instrument", "instrument", metavar="ID",
              help="The instrument the files are about (default: the listing's `# instrument:` "
                   "line, or the title in the depositary's file); `mla instruments` lists "
                   "the ids.")
@click.option("--format", "source_format", type=choice("untc-xml", "ohchr-xls", "tsv"),
              help="The files' format (default: told from their first bytes).")
@click.option("--skip-invalid", is_flag=True,
              help="Import the valid rows and list the invalid ones, instead of importing "
                   "nothing.")
@click.option("--facts", "facts_dir", metavar="DIR", type=click.Path(path_type=Path),
              help="The facts directory to write into (default: the shipped facts/).")
@click.option("--json", "as_json", is_flag=True,
              help="Report what was imported as JSON (for programs) instead of text.")
def facts_import(files: tuple[Path, ...], instrument: str | None, source_format: str | None,
                 skip_invalid: bool, facts_dir: Path | None, as_json: bool) -> int:
    """Refresh instruments' records from the depositaries' own status files or from the
    listings in facts/listings/ (their format is in facts/listings/FORMAT.md).

    \b
    Formats (told apart from the files' first bytes):
      untc-xml   the UN Treaty Collection's status XML (MTDSG), e.g. IV-1.en.xml
      ohchr-xls  OHCHR's "Underlying data" Excel export of ratification status
      tsv        a listing, facts/listings/<id>.tsv

    A depositary's file is merged into the instrument's listing (its rows replace those of
    the same source; the other sources' rows stay), with `# source:` lines giving the
    official origin, the file's as-of date and checksum. Then every row is validated and the
    parties file (facts/parties/<id>.csv) and the index are written. Nothing is written if any
    row has an unknown action, a malformed or impossible date, a name the index cannot map
    (add it to facts/listings/names.yaml) or is a second deposit by the same State; every
    such row is listed. Each file is replaced atomically: a killed import leaves the old
    file or the new one.

    Objections are listed with the effect the importer proposes; a person records the effect
    in facts/listings/objections.yaml, which the importer reads and never writes.

    Exit status: 0 imported, 3 rows or files that cannot be imported (nothing written),
    2 a wrong command line.

    \b
    Examples:
      mla facts import IV-1.en.xml --instrument genocide-1948
      mla facts import UnderlyingData_CAT_OHCHR.xls --instrument torture-1984
      mla facts import facts/listings/torture-1984.tsv && mla facts check
    """
    from mla_rules.law.engine import FACTS_DIR
    from mla_rules.record.importer import run_import, summary
    from mla_rules.record.names import state_index

    facts_dir = facts_dir or FACTS_DIR
    if not (facts_dir / "instruments.yaml").is_file():
        raise UsageError(f"{facts_dir} is not a facts directory (no instruments.yaml)",
                         "Give --facts DIR, the directory that holds instruments.yaml.")
    for path in files:
        if not path.exists():
            raise UsageError(f"{path}: no such file")
    states = state_index(facts_dir / "states.json")
    results, index = run_import(list(files), facts_dir, states, instrument=instrument,
                                fmt=source_format, skip_invalid=skip_invalid)
    if as_json:
        click.echo(json.dumps([summary(r) for r in results], ensure_ascii=False, indent=2))
        return 0
    click.echo(f"Index rewritten: {index}", err=True)
    for r in results:
        if r.listing:
            click.echo(f"{r.instrument}: listing updated: {r.listing}")
        click.echo(f"{r.instrument}: {r.rows} rows for {r.states} States written to "
                   f"{r.parties}")
        if r.listing_only:
            click.echo(f"    {r.listing_only} undated withdrawals, objections and notes kept "
                       f"as text in the listing")
        for what, items in (("left out (names.yaml)", r.left_out),
                            ("invalid rows skipped (--skip-invalid)", r.skipped)):
            if items:
                click.echo(f"    {len(items)} {what}:")
                for b in items:
                    click.echo(f"      line {b.line} ({b.participant}): {b.why}")
        if r.conflicts:
            click.echo(f"    {len(r.conflicts)} conflicts between sources:")
            for c in r.conflicts:
                click.echo(f"      {c}")
        if r.unknown_type:
            click.echo(f"    {len(r.unknown_type)} States with a deposit of unknown type (the "
                       f"source does not say ratification, accession or succession): "
                       f"{', '.join(r.unknown_type)}")
        if r.to_review:
            click.echo(f"    {len(r.to_review)} objections await review: record their effect "
                       f"in facts/listings/objections.yaml (`--json` gives their text):")
            for o in r.to_review:
                concerns = f"; names {', '.join(o['concerns'])}" if o["concerns"] else ""
                click.echo(f"      {o['objector']} {o['date'] or '(undated)'}: proposed "
                           f"{o['proposed']}{concerns}")
        for u in r.unread:
            click.echo(f"    from the file: {u}")
    return 0


@facts.command("index", short_help="Rewrite facts/index.json after editing the facts.")
@click.argument("directory", required=False, metavar="[DIR]",
                type=click.Path(path_type=Path))
def facts_index(directory: Path | None) -> int:
    """Load the facts directory from its files, with every check, and rewrite its generated
    index (index.json), which the commands read at start-up instead of parsing the YAML and
    CSV files. Run it after editing facts by hand (`mla facts import` runs it itself); until
    then the commands read the files, more slowly, and `mla facts check` reminds you. Without
    DIR it also rewrites the parsed rules (rules/rulebook.json): run it after editing rules/.

    \b
    Example:
      mla facts index && mla facts check
    """
    from mla_rules.law.engine import FACTS_DIR
    from mla_rules.record.index import write_index
    from mla_rules.record.record import load_record_files

    shipped = directory is None
    directory = directory or FACTS_DIR
    if not (directory / "events.yaml").is_file():
        raise UsageError(f"{directory} is not a facts directory (no events.yaml)")
    click.echo(f"wrote {write_index(directory, load_record_files(directory))}", err=True)
    if shipped:  # and the parsed rules shipped beside them, read at start-up too
        from mla_rules.law.engine import RULES_DIR
        from mla_rules.law.rulebook import write_parsed

        click.echo(f"wrote {write_parsed(RULES_DIR)}", err=True)
    return 0
