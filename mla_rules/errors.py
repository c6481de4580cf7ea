"""Domain errors and the exit codes they map to, defined once.

The command line catches `MlaError` at its boundary and turns it into a message on stderr and
the exit code below; nothing a user types or puts in a file produces a traceback.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mla_rules.record.names import State

APPLIES = 0  # the Convention governs the request
DOES_NOT_APPLY = 1  # it does not
USAGE = 2  # the command line was wrong: unknown State or crime, same State twice, bad date
DATA = 3  # a facts or scenario file is wrong
INTERNAL = 4  # a bug in mla-rules: please report it


class MlaError(Exception):
    """Base of every error a user can cause; `exit_code` says how the CLI ends."""

    exit_code = INTERNAL

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message if not self.hint else f"{self.message}\n{self.hint}"


class UsageError(MlaError):
    """The question was malformed: fix the command line."""

    exit_code = USAGE


class AmbiguousName(UsageError):
    """A name that stands for more than one State (Congo, Korea) or for a State that no
    longer exists (Yugoslavia): `candidates` are the States to choose from, `typed` what the
    user gave, `role` what it was for ("requesting State")."""

    def __init__(self, message: str, hint: str | None, candidates: list[State],
                 typed: str = "", role: str = "State") -> None:
        super().__init__(message, hint)
        self.candidates = candidates
        self.typed = typed
        self.role = role


class Unavailable(MlaError):
    """The server cannot answer now (every engine or place busy, a time budget spent): HTTP
    503 with Retry-After. Never raised on the command line."""

    retry_after = 2


class DataError(MlaError):
    """A facts or scenario file is malformed or implausible: fix the file."""

    exit_code = DATA

    def __init__(self, where: str, message: str, hint: str | None = None) -> None:
        super().__init__(f"{where}: {message}", hint)
        self.where = where
