"""The operator's settings read from the environment (`MLA_…`), by the application
(web/service.py) and by its HTTP protocol (web/protocol.py), under `mla serve` or another
server: one reading, one refusal for a value that cannot be read."""

from __future__ import annotations

import os
from typing import Any

from mla_rules.errors import UsageError


def setting(name: str, default: float, kind: type = int, minimum: float = 0) -> Any:
    """An operator's setting from the environment (`MLA_…`), else `default`; a value that is
    not a number of the kind, or is below `minimum`, is a usage error naming the variable
    (at import: the application does not start with a setting it cannot read)."""
    import math

    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = kind(raw)
    except ValueError:
        value = None
    if value is None or not math.isfinite(value) or value < minimum:
        what = "a whole number" if kind is int else "a number"
        raise UsageError(f"{name}={raw!r}: not {what} of at least {minimum:g}",
                         f"Set {name} to {what}, or unset it for the default.")
    return value
