"""The `mla` command line: parse, call the library, render. Errors become exit codes here and
nowhere else (see errors.py)."""

from __future__ import annotations

import os
import sys

import click

from mla_rules import errors
from mla_rules.errors import MlaError


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




def _register() -> None:
    """Every command, from the modules of its users; none of them imports this group."""
    from mla_rules.cli import ask, maintainers, network, serve

    for command in (ask.can_request, ask.legal_basis, ask.status, ask.states, ask.crimes,
                    ask.instruments, network.matrix, network.gap, network.what_if,
                    network.timeline, maintainers.docs, maintainers.facts, serve.serve):
        cli.add_command(command)


_register()
