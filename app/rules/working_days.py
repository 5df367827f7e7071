"""Working days: weekdays that are not bank holidays. Report clocks count in them."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, timedelta


def is_working_day(day: date, holidays: Collection[date]) -> bool:
    return day.weekday() < 5 and day not in holidays


def add_working_days(start: date, days: int, holidays: Collection[date]) -> date:
    """The working day ``days`` working days after ``start`` (``start`` itself not counted).

    Five working days after a Friday is the next Friday; a bank holiday in between moves
    it one day on.
    """
    if days < 0:
        raise ValueError("days must not be negative")
    day = start
    left = days
    while left:
        day += timedelta(days=1)
        if is_working_day(day, holidays):
            left -= 1
    return day


def working_days_late(due: date, today: date, holidays: Collection[date]) -> int:
    """How many working days after ``due`` it is on ``today`` (0 if not yet late)."""
    if today <= due:
        return 0
    count = 0
    day = due
    while day < today:
        day += timedelta(days=1)
        if is_working_day(day, holidays):
            count += 1
    return count
