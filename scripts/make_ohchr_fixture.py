"""Write tests/fixtures/importers/UnderlyingData_CAT_OHCHR.xls: a few rows of OHCHR's
"Underlying data" export for the Convention against Torture, in its own layout (title row with
the update time, header row, dates as Excel serial numbers, a source line at the end).

The values are those of the export as of 21 Feb 2023 (indicators.ohchr.org). Needs xlwt,
which only this script uses: `pip install xlwt && python scripts/make_ohchr_fixture.py`.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import xlrd
import xlwt

ROWS = ["Afghanistan", "Antigua and Barbuda", "Bhutan", "France", "Japan", "Latvia",
        "Montenegro"]


def main(source: str) -> None:
    book = xlrd.open_workbook(source)
    sheet = book.sheet_by_index(0)
    out = xlwt.Workbook()
    ws = out.add_sheet("Underlying Data(0)")
    dates = xlwt.easyxf(num_format_str="DD/MM/YYYY")
    ws.write(0, 0, sheet.cell_value(0, 0))
    for c in range(sheet.ncols):
        ws.write(1, c, sheet.cell_value(1, c))
    r = 2
    for i in range(2, sheet.nrows):
        if sheet.cell_value(i, 0) in ROWS:
            for c in range(sheet.ncols):
                cell = sheet.cell(i, c)
                if cell.ctype == xlrd.XL_CELL_DATE:
                    ws.write(r, c, xlrd.xldate_as_datetime(cell.value, book.datemode), dates)
                elif cell.value != "":
                    ws.write(r, c, cell.value)
            r += 1
    ws.write(r, 0, sheet.cell_value(sheet.nrows - 1, 0))
    target = Path(__file__).parent.parent / "tests/fixtures/importers/UnderlyingData_CAT_OHCHR.xls"
    out.save(str(target))
    print(f"wrote {target} ({r - 2} States) at {dt.datetime.now():%Y-%m-%d}")


if __name__ == "__main__":
    main(sys.argv[1])
