"""Commands for policy staff: the cooperation network (issue 3). Registered on `cli`."""

from __future__ import annotations
