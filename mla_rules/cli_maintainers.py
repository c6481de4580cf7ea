"""Commands for maintainers: the documentation site and the facts check (issue 4).
Registered on `cli`."""

from __future__ import annotations
