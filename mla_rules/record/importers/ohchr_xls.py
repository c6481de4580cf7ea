"""OHCHR's "Underlying data" export of the status of ratification (indicators.ohchr.org), an
Excel workbook: a title row with the update time ("[Last Updated: 21/02/2023 13:10:13]"), a
header row (Country, Date of Signature, Date of Ratification/Accession, then the optional
procedures), one row per State with dates as Excel serial numbers, and a source line (the UN
Office of Legal Affairs).

The export does not tell ratification, accession and succession apart: each act is imported
as a `deposit` of unknown type, shown as such; the importer takes the type (and a succession's
effective date) from the UN's own data where the listing holds them. The acceptances of the
optional procedures (individual communications, inquiry) are not imported, and the import
says so.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from mla_rules.errors import DataError
from mla_rules.record.importers import Parsed, Row, Source, checksum, read_bytes

SIGNATURE = "date of signature"
CONSENT = "date of ratification/accession"


def parse(path: Path, origin: str | None = None) -> Parsed:
    import xlrd

    data = read_bytes(path)
    try:
        book = xlrd.open_workbook(file_contents=data, on_demand=True)
    except xlrd.XLRDError as e:
        raise DataError(str(path), f"is not an Excel workbook xlrd can read: {e}",
                        "Give the .xls file OHCHR's site exports (\"Underlying data\").") \
            from None
    except Exception as e:  # xlrd raises bare errors on damaged files  # noqa: BLE001
        raise DataError(str(path), f"cannot be read as an Excel workbook ({e})") from None
    sheet = book.sheet_by_index(0)
    if sheet.nrows < 3:
        raise DataError(str(path), "holds no status table (fewer than three rows)")
    title_cell = str(sheet.cell_value(0, 0))
    title, _, updated = title_cell.partition("[")
    as_of = _updated(updated)
    header = [str(sheet.cell_value(1, c)).strip() for c in range(sheet.ncols)]
    low = [h.lower() for h in header]
    try:
        country = low.index("country")
        consent = next(i for i, h in enumerate(low) if h.startswith(CONSENT))
    except (ValueError, StopIteration):
        raise DataError(f"{path}, row 2", f"the header row must hold Country and Date of "
                                          f"Ratification/Accession, got {header}") from None
    signature = next((i for i, h in enumerate(low) if h.startswith(SIGNATURE)), None)
    unread = [f"column {h!r}: not imported" for i, h in enumerate(header)
              if i not in (country, consent, signature) and h]
    rows: list[Row] = []
    notes: list[str] = []
    errors: list[tuple[str, str]] = []
    absent: list[str] = []
    for r in range(2, sheet.nrows):
        cells = sheet.row(r)
        name = " ".join(str(cells[country].value).split())
        rest = [c for i, c in enumerate(cells) if i != country]
        if not name:
            continue
        if all(c.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK) for c in rest):
            if name.lower().startswith(("source", "definitions")):
                notes.append(f"the export says: {name}")
            else:
                absent.append(name)
            continue
        for column, action in ((signature, "signature"), (consent, "deposit")):
            if column is None:
                continue
            cell = cells[column]
            if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                continue
            day = _serial(cell, book.datemode)
            if day is None:
                errors.append((name, f"row {r + 1}, column {header[column]!r}: "
                                     f"{cell.value!r} is not a date"))
                continue
            note = "" if action == "signature" else \
                "OHCHR does not say whether ratification, accession or succession"
            rows.append(Row(name, action, day, note=note))
    if absent:
        unread.append(f"{len(absent)} States with no signature or deposit in the export (not "
                      f"parties as of its date): {', '.join(absent)}")
    latest = max((row.date for row in rows if row.date[:1].isdigit()), default="")
    source = Source(
        "ohchr", origin or "https://indicators.ohchr.org/",
        f"OHCHR, Status of Ratification Interactive Dashboard, \"Underlying data\" export: "
        f"{title.strip()} (data of the UN Office of Legal Affairs)", "official",
        as_of or latest, checksum(data), path.name)
    return Parsed("ohchr-xls", title.strip(), source, rows, [], unread, notes, errors)


def _updated(text: str) -> str:
    """'Last Updated: 21/02/2023 13:10:13]' -> '2023-02-21' ('' when absent)."""
    value = text.replace("Last Updated:", "").strip(" ]")
    try:
        return dt.datetime.strptime(value.split()[0], "%d/%m/%Y").date().isoformat()
    except (ValueError, IndexError):
        return ""


def _serial(cell: Any, datemode: int) -> str | None:
    import xlrd

    if cell.ctype == xlrd.XL_CELL_DATE or cell.ctype == xlrd.XL_CELL_NUMBER:
        try:
            return str(xlrd.xldate_as_datetime(cell.value, datemode).date().isoformat())
        except (ValueError, OverflowError, xlrd.xldate.XLDateError):
            return None
    if cell.ctype == xlrd.XL_CELL_TEXT:
        try:
            return dt.datetime.strptime(cell.value.strip(), "%d/%m/%Y").date().isoformat()
        except ValueError:
            return None
    return None
