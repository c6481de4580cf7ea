"""Calendar arithmetic and date parsing. Dates are ISO strings (YYYY-MM-DD) everywhere inside
the engine: they compare correctly as strings and read well in traces and JSON."""

from __future__ import annotations

import datetime as _dt
import re

_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MONTHS = (
    "January February March April May June July August September October November December"
).split()


def parse_iso(text: str) -> str:
    """Return `text` as a canonical ISO date, or raise ValueError saying why it is not one."""
    text = text.strip()
    if not _ISO.match(text):
        raise ValueError(f"'{text}' is not a date in the form YYYY-MM-DD (e.g. 2026-11-28)")
    try:
        return _dt.date.fromisoformat(text).isoformat()
    except ValueError:
        raise ValueError(f"'{text}' is not a real date (check the month and day)") from None


def first_day_of_month_after(notified: str, months: int) -> str:
    """First day of the month following the expiry of `months` months after `notified`.

    A notification in month M gives the first day of month M + months + 1, whatever the day:
    deposited 28 Aug 2025 with a three-month delay gives 1 Dec 2025.
    """
    year, month = int(notified[:4]), int(notified[5:7])
    index = year * 12 + (month - 1) + int(months) + 1
    return f"{index // 12:04d}-{index % 12 + 1:02d}-01"


def later_of(first: str, second: str) -> str:
    """The later of two ISO dates."""
    return first if first >= second else second


def human(iso: str) -> str:
    """'2025-12-01' -> '1 December 2025'."""
    return f"{int(iso[8:10])} {MONTHS[int(iso[5:7]) - 1]} {iso[:4]}"


def today() -> str:
    return _dt.date.today().isoformat()


def is_iso(value: object) -> bool:
    return isinstance(value, str) and bool(_ISO.match(value))


def date_after(deposit: str, unit: str, amount: int) -> str:
    """The date `amount` days, or `amount` months, after `deposit` (an entry-into-force
    delay: "on the thirtieth day after the deposit", "six months after the deposit").
    A month that is too short gives its last day. Past the year 9999 it gives a date that
    sorts after every real one (facts and scenarios refuse such events before this)."""
    day = _dt.date.fromisoformat(deposit)
    try:
        if unit == "days":
            return (day + _dt.timedelta(days=int(amount))).isoformat()
        index = day.year * 12 + day.month - 1 + int(amount)
        year, month = divmod(index, 12)
        month += 1
        import calendar

        last = calendar.monthrange(year, month)[1] if year <= 9999 else 31
        return f"{year:04d}-{month:02d}-{min(day.day, last):02d}"
    except OverflowError:
        return "10000-01-01"


def iso_date(value: object, where: str, what: str) -> str:
    """A date from a facts or scenario file (YAML gives dates, CSV text), as an ISO string;
    else a data error naming `where` and `what`."""
    from mla_rules.errors import DataError

    if isinstance(value, _dt.datetime):
        value = value.date()
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, str) and is_iso(value.strip()):
        try:
            return _dt.date.fromisoformat(value.strip()).isoformat()
        except ValueError:
            pass
    raise DataError(where, f"{what} must be a date in the form YYYY-MM-DD, got {value!r}")
