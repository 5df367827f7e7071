"""Reading the dates people type into a GOV.UK date input."""

from __future__ import annotations

import calendar
import re
from datetime import date

_NUMBER = re.compile(r"[0-9]{1,4}")
_MONTH_NAMES = {
    name.lower(): number
    for number in range(1, 13)
    for name in (calendar.month_name[number], calendar.month_abbr[number])
}


def parse_date_parts(day: str, month: str, year: str, name: str) -> date | None:
    """The date typed into a GOV.UK date input, or None if all three boxes are empty.

    Raises ``ValueError`` with the GOV.UK message for what is wrong. Months may
    be typed as numbers or names ("3", "March", "mar").
    """
    parts = {"day": day.strip(), "month": month.strip(), "year": year.strip()}
    missing = [part for part, value in parts.items() if not value]
    if len(missing) == 3:
        return None
    if missing:
        raise ValueError(f"{name} must include a {' and '.join(missing)}")
    month_number = _MONTH_NAMES.get(parts["month"].lower())
    if month_number is None and _NUMBER.fullmatch(parts["month"]):
        month_number = int(parts["month"])
    if month_number is None or not (
        _NUMBER.fullmatch(parts["day"]) and _NUMBER.fullmatch(parts["year"])
    ):
        raise ValueError(f"{name} must be a real date")
    if len(parts["year"]) != 4:
        raise ValueError("Year must include 4 numbers")
    try:
        return date(int(parts["year"]), month_number, int(parts["day"]))
    except ValueError:
        raise ValueError(f"{name} must be a real date") from None


def long_date(value: date | str | None) -> str:
    """A date as GOV.UK writes it ("27 March 2027"), from a date or an ISO string
    (as the audit trail stores them). Anything else is shown as it is."""
    if not value:
        return ""
    if not isinstance(value, date):
        try:
            value = date.fromisoformat(str(value))
        except ValueError:
            return str(value)
    return f"{value.day} {value:%B %Y}"
