"""Trends across the portfolio: the share of points rated green, month by month.

A series is worked out from dated rating events (each the rating that counts for one point of
one project from that day on), so the data layer can feed it from one query.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from app.rules.ratings import Rating, parse_rating
from app.rules.self_assessment import add_months

TREND_MONTHS = 12


@dataclass(frozen=True)
class RatingEvent:
    """From ``on``, the rating that counts for point ``number`` of project ``project_id`` is
    ``rating`` (None: it no longer has one, for example a withdrawn assessment)."""

    project_id: int
    number: int
    on: date
    rating: Rating | str | None


@dataclass(frozen=True)
class MonthShare:
    """One month of the series: as at its last day (or today, for this month)."""

    month: date  # the first day of the month
    as_at: date
    green: int
    rated: int  # points with a rating as at that day

    @property
    def label(self) -> str:
        return f"{self.month:%B %Y}"

    @property
    def percent(self) -> int | None:
        """The share green as a whole percentage (halves rounded up); None with nothing rated."""
        if not self.rated:
            return None
        return (200 * self.green + self.rated) // (2 * self.rated)


def month_ends(today: date, months: int = TREND_MONTHS) -> list[tuple[date, date]]:
    """``(first day, as at)`` for the last ``months`` months, oldest first, this month last and
    as at today; other months as at their last day (29 February in a leap year)."""
    result = []
    for back in range(months - 1, -1, -1):
        first = add_months(today.replace(day=1), -back)
        last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
        result.append((first, min(last, today)))
    return result


def green_share_by_month(
    events: Iterable[RatingEvent], today: date, months: int = TREND_MONTHS
) -> list[MonthShare]:
    """The share of points rated green across the portfolio as at the end of each of the last
    ``months`` months. A point counts from the day of its first rating; its latest rating on or
    before the month's end is the one taken. Events after today are ignored; on the same day,
    the later one in ``events`` wins."""
    ordered = sorted((event for event in events if event.on <= today), key=lambda event: event.on)
    current: dict[tuple[int, int], Rating | None] = {}
    series = []
    position = 0
    for first, as_at in month_ends(today, months):
        while position < len(ordered) and ordered[position].on <= as_at:
            event = ordered[position]
            value = event.rating
            current[(event.project_id, event.number)] = (
                value if isinstance(value, Rating) else parse_rating(value)
            )
            position += 1
        rated = [rating for rating in current.values() if rating is not None]
        series.append(
            MonthShare(first, as_at, sum(1 for r in rated if r is Rating.GREEN), len(rated))
        )
    return series


def series_summary(values: Sequence[tuple[str, int | None]], what: str, unit: str = "%") -> str:
    """One plain-English sentence about a series of ``(label, value)``, for the chart's
    summary. ``what`` names the measure ("The share of points rated green"). Labels
    without a value are skipped, the first and last with one compared, and a second sentence
    says how many months are not rated (the words the chart and its table use).
    """
    known = [(label, value) for label, value in values if value is not None]
    if not known:
        return f"{what} has no figures for these months yet."
    missing = len(values) - len(known)
    not_rated = ""
    if missing:
        verb = "is" if missing == 1 else "are"
        not_rated = f" {missing} of the {len(values)} months {verb} not rated."
    return _compared(known, what, unit) + not_rated


def _compared(known: Sequence[tuple[str, int]], what: str, unit: str) -> str:
    if len(known) == 1:
        label, value = known[0]
        return f"{what} was {value}{unit} in {label}, the only month with figures."
    (first_label, first), (last_label, last) = known[0], known[-1]
    highest = max(value for _, value in known)
    lowest = min(value for _, value in known)
    if first == last:
        if highest == lowest:
            return f"{what} stayed at {first}{unit} from {first_label} to {last_label}."
        return (
            f"{what} was {first}{unit} in both {first_label} and {last_label}, "
            f"ranging from {lowest}{unit} to {highest}{unit} in between."
        )
    verb = "rose" if last > first else "fell"
    return f"{what} {verb} from {first}{unit} in {first_label} to {last}{unit} in {last_label}."


def green_share_summary(series: Sequence[MonthShare]) -> str:
    """For example "The share of points rated green rose from 40% in January 2027 to 55% in
    December 2027."."""
    return series_summary(
        [(month.label, month.percent) for month in series], "The share of points rated green"
    )
