"""CSV cells a spreadsheet cannot run (OWASP "CSV injection"): every CSV the tool writes as
an output (the matrix, the gap, a what-if) goes through safe_row.

A cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return is read as a formula by
Excel, LibreOffice and Google Sheets; it gets a leading `'`, which they show as text and do
not run. A plain number ("-3", "+1.5e3") is left alone: it is no formula. A cell holding a
comma, a double quote or a line break is quoted as RFC 4180 says.

The parties files (facts/parties/*.csv) are not outputs but data the tool reads back: they
are written as they are (a note starting with "-" must stay what it is).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
_QUOTE = re.compile(r'[,"\r\n]')


def safe_cell(value: object) -> str:
    """One cell as text a spreadsheet shows and never runs, quoted if it must be."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_START) and not _NUMBER.fullmatch(text):
        text = "'" + text
    if _QUOTE.search(text):
        text = '"' + text.replace('"', '""') + '"'
    return text


def safe_row(row: Sequence[str]) -> str:
    """One CSV line (with its "\\n") of safe cells. Fast when no cell needs anything (the
    usual case, codes and ids: the gap writes some 850,000 rows)."""
    line = ",".join(row)
    if (line.count(",") == len(row) - 1 and line.isprintable() and '"' not in line
            and not line.startswith(FORMULA_START) and ",=" not in line and ",+" not in line
            and ",-" not in line and ",@" not in line):
        return line + "\n"  # no comma, quote, line break or tab in a cell; no formula
    return ",".join(map(safe_cell, row)) + "\n"
