"""A time budget for long computations (the server's per-request limit, `MLA_TIMEOUT_REQUEST`),
and the server's stop.

A budget is set for the current thread (`within`); the long loops over pairs of States
(network/gap.py, network/whatif.py) call `check()` once per State, which ends the computation
with `OverBudget` once the budget is spent: it stops there, holds nothing, caches nothing.
Without a budget (the command line), `check()` does nothing but honour `stop()`.

`stop()` (the server's shutdown, once its grace period is over) ends every computation begun
before it at its next `check()`, and every wait for an engine or a place begun before it
(`waiting()`), with `Stopping`: a request still running then does not keep the process
alive. Work begun after it is not affected (an application served again in the same process,
as the tests do).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from mla_rules.errors import Unavailable

_local = threading.local()
_stopped_at = float("-inf")  # time.monotonic() of the last stop()
_on_stop: list[Callable[[], None]] = []


class OverBudget(Unavailable):
    """A computation ran over its time budget: the server answers 503 (retry later, or ask
    for less)."""

    retry_after = 5


class Stopping(Unavailable):
    """The server is stopping: 503, ask again (another worker, or the restarted server)."""

    retry_after = 2


@contextmanager
def within(seconds: float | None, fresh: bool = False) -> Iterator[None]:
    """Run the block with at most `seconds` (None or 0: no limit). A budget inside another
    keeps the earlier deadline, unless it is `fresh`: a computation shared by the requests
    that wait for it has its own."""
    previous = (getattr(_local, "deadline", None), getattr(_local, "seconds", None),
                getattr(_local, "began", None))
    now = time.monotonic()
    deadline, limit, began = (None, None, now) if fresh or previous[2] is None else previous
    if seconds:
        mine = now + seconds
        if deadline is None or mine < deadline:
            deadline, limit = mine, seconds
    _local.deadline, _local.seconds, _local.began = deadline, limit, began
    try:
        yield
    finally:
        _local.deadline, _local.seconds, _local.began = previous


def check() -> None:
    began = getattr(_local, "began", None)
    if began is not None and began <= _stopped_at:
        _stopped()
    deadline = getattr(_local, "deadline", None)
    if deadline is not None and time.monotonic() > deadline:
        raise OverBudget(
            f"the computation took longer than the server allows ({_local.seconds:g} s) and "
            "was stopped",
            "Ask for less (one State, one crime or kind, fewer events), or try again later: "
            "the operator sets the limit with MLA_TIMEOUT_REQUEST.")


def stop() -> None:
    """The server stops: every computation and wait begun before now ends at its next check
    (Stopping); the waits registered with on_stop() are woken to notice it."""
    global _stopped_at
    _stopped_at = time.monotonic()
    for wake in _on_stop:
        wake()


def on_stop(wake: Callable[[], None]) -> None:
    """Call `wake` at stop(): it wakes the threads waiting on a condition, which then call
    waiting() again."""
    _on_stop.append(wake)


def waiting(began: float, deadline: float) -> float:
    """How long a wait begun at `began` may still wait until `deadline` (both
    time.monotonic()); 0 once the deadline is past, Stopping once stop() came after `began`
    (a wait on a condition that on_stop() wakes calls it again when woken)."""
    if began <= _stopped_at:
        _stopped()
    return max(0.0, deadline - time.monotonic())


def _stopped() -> None:
    raise Stopping("the server is stopping", "Ask again in a moment.")
