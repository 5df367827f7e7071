from datetime import UTC, date, datetime, timedelta, timezone

from app.clock import uk_date


def test_late_on_a_summer_evening_in_utc_it_is_already_tomorrow_in_the_uk():
    assert uk_date(datetime(2026, 7, 14, 23, 30, tzinfo=UTC)) == date(2026, 7, 15)


def test_in_winter_the_uk_date_is_the_utc_date():
    assert uk_date(datetime(2026, 11, 29, 23, 59, tzinfo=UTC)) == date(2026, 11, 29)
    assert uk_date(datetime(2026, 11, 30, 0, 1, tzinfo=UTC)) == date(2026, 11, 30)


def test_a_moment_without_a_zone_is_read_as_utc():
    assert uk_date(datetime(2026, 7, 14, 23, 30)) == date(2026, 7, 15)


def test_a_moment_in_another_zone_is_moved_to_the_uk():
    new_york = timezone(timedelta(hours=-5))
    assert uk_date(datetime(2026, 1, 10, 20, 0, tzinfo=new_york)) == date(2026, 1, 11)
