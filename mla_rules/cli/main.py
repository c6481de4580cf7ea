"""The `mla` command line: parse, call the library, render. Errors become exit codes here and
nowhere else (see errors.py)."""

from __future__ import annotations

import os
import sys

import click

from mla_rules import errors
from mla_rules.errors import MlaError

# Each command and the module that defines it: only the command that runs is imported (a
# question does not pay for the maintainers' and the network's modules).
COMMANDS = {"can-request": "ask:can_request", "legal-basis": "ask:legal_basis",
            "status": "ask:status", "states": "ask:states", "crimes": "ask:crimes",
            "instruments": "ask:instruments", "matrix": "network:matrix",
            "gap": "network:gap", "what-if": "network:what_if",
            "timeline": "network:timeline", "docs": "maintainers:docs",
            "facts": "maintainers:facts", "serve": "serve:serve"}


class LazyGroup(click.Group):
    """A group whose commands are imported when they are looked up (click's documented
    pattern for lazily loaded subcommands)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        import importlib

        module, attr = target.split(":")
        command = getattr(importlib.import_module(f"mla_rules.cli.{module}"), attr)
        assert isinstance(command, click.Command) and command.name == cmd_name
        return command


@click.group(cls=LazyGroup,
             context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
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
