"""The `mla` command line: parse, call the library, render. Errors become exit codes here and
nowhere else (see errors.py)."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

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


class PipeClosed(Exception):
    """Standard output was closed by its reader (`mla gap | head -1`): the command ends
    quietly with the status it would have had (cli/options.py: exit_status)."""

    def __init__(self, exit_code: int) -> None:
        super().__init__(exit_code)
        self.exit_code = exit_code


class UnknownOption(click.NoSuchOption):
    """An unknown option, suggesting the command's option people mean by it (`--date`:
    `--on`, options.SYNONYMS) before those spelt like it."""

    def __init__(self, error: click.NoSuchOption, suggestions: list[str]) -> None:
        super().__init__(error.option_name, error.message, None, error.ctx)
        self.suggestions = suggestions

    def format_message(self) -> str:
        if len(self.suggestions) == 1:
            return f"{self.message} (Did you mean {self.suggestions[0]!r}?)"
        return (f"{self.message} (Did you mean one of: "
                f"{', '.join(repr(s) for s in self.suggestions)}?)")


def _reworded(error: click.NoSuchOption) -> click.NoSuchOption:
    from mla_rules.cli.options import COMMAND_SYNONYMS, SYNONYMS

    command = error.ctx.command if error.ctx else None
    if command is None:
        return error
    own = {o for p in command.params for o in (*p.opts, *p.secondary_opts)}
    synonyms = {**SYNONYMS, **COMMAND_SYNONYMS.get(command.name or "", {})}
    meant = [opt for opt, words in synonyms.items()
             if opt in own and error.option_name.lower() in words]
    if not meant:
        return error
    return UnknownOption(error, meant + [p for p in error.possibilities or () if p not in meant])


class LazyGroup(click.Group):
    """A group whose commands are imported when they are looked up (click's documented
    pattern for lazily loaded subcommands); the edges of every command are handled here,
    below click's own handling: an unknown option, and a closed pipe."""

    def make_context(self, info_name: str | None, args: list[str],
                     parent: click.Context | None = None, **extra: Any) -> click.Context:
        with _edges(None):
            return super().make_context(info_name, args, parent, **extra)

    def invoke(self, ctx: click.Context) -> Any:
        with _edges(ctx):
            return super().invoke(ctx)

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


@contextmanager
def _edges(ctx: click.Context | None) -> Iterator[None]:
    try:
        yield
    except click.NoSuchOption as e:
        raise _reworded(e) from None
    except BrokenPipeError:
        from mla_rules.cli.options import EXIT_STATUS

        raise PipeClosed(ctx.meta.get(EXIT_STATUS, 0) if ctx else 0) from None


def _quiet_stdout() -> None:
    """Point standard output at the null device, so that the interpreter's last flush of
    what is still buffered does not fail (and say so on stderr) on the closed pipe."""
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # not a file (captured in tests)
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, fd)
    finally:
        os.close(devnull)


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
    rv: Any = None
    try:
        rv = cli.main(args=argv, prog_name="mla", standalone_mode=False)
        sys.stdout.flush()  # what is still buffered, while a closed pipe can be handled
    except PipeClosed as e:
        _quiet_stdout()
        return e.exit_code
    except BrokenPipeError:  # the last flush above: the command has returned its status
        _quiet_stdout()
        return rv if isinstance(rv, int) else 0
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
