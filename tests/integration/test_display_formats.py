"""Dates and times as the pages show them: UK time, GOV.UK style."""

from datetime import UTC, date, datetime

from app.templating import format_date, format_datetime


def test_times_are_shown_in_uk_summer_time():
    late_in_july = datetime(2026, 7, 1, 23, 30, tzinfo=UTC)
    assert format_datetime(late_in_july) == "2 July 2026 at 12:30am"
    assert format_date(late_in_july) == "2 July 2026"


def test_times_without_a_zone_are_read_as_utc():
    assert format_datetime(datetime(2026, 12, 1, 13, 5)) == "1 December 2026 at 1:05pm"


def test_dates_are_shown_as_they_are():
    assert format_date(date(2027, 3, 27)) == "27 March 2027"
    assert format_date(None) == ""
