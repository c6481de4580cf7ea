"""A time budget for long computations (the server's per-request limit, `MLA_TIMEOUT_REQUEST`).

A budget is set for the current thread (`within`); the long loops over pairs of States
(network/gap.py, network/whatif.py) call `check()` once per State, which ends the computation
with `OverBudget` once the budget is spent: it stops there, holds nothing, caches nothing.
Without a budget (the command line), `check()` does nothing.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from mla_rules.errors import Unavailable

_local = threading.local()


class OverBudget(Unavailable):
    """A computation ran over its time budget: the server answers 503 (retry later, or ask
    for less)."""

    retry_after = 5


@contextmanager
def within(seconds: float | None) -> Iterator[None]:
    """Run the block with at most `seconds` (None or 0: no limit; a budget inside another
    keeps the earlier deadline)."""
    previous = getattr(_local, "deadline", None)
    deadline = previous
    if seconds:
        mine = time.monotonic() + seconds
        deadline = mine if previous is None else min(previous, mine)
    _local.deadline, _local.seconds = deadline, seconds or getattr(_local, "seconds", None)
    try:
        yield
    finally:
        _local.deadline = previous


def check() -> None:
    deadline = getattr(_local, "deadline", None)
    if deadline is not None and time.monotonic() > deadline:
        raise OverBudget(
            f"the computation took longer than the server allows ({_local.seconds:g} s) and "
            "was stopped",
            "Ask for less (one State, one crime or kind, fewer events), or try again later: "
            "the operator sets the limit with MLA_TIMEOUT_REQUEST.")
