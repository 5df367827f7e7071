"""England and Wales bank holidays, for clocks that count working days.

From ``govuk-bank-holidays``'s own copy of GOV.UK's list, so nothing is fetched over the
network: the service works offline and a test never waits on GOV.UK.
"""

from __future__ import annotations

from datetime import date
from functools import cache

from govuk_bank_holidays.bank_holidays import BankHolidays


@cache
def england_and_wales() -> frozenset[date]:
    holidays = BankHolidays(use_cached_holidays=True)
    return frozenset(
        holiday["date"]
        for holiday in holidays.get_holidays(division=BankHolidays.ENGLAND_AND_WALES)
    )
