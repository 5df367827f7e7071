"""What day it is, for the people using the service.

The service's users are in the UK, so "today" is the date in London, not the
server's. Views ask this module for today's date and pass it to the rules,
which never look at a clock themselves. Tests pin it, so a run that crosses
midnight still agrees with itself.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

# Times are stored in UTC and shown as people in the UK read them, in summer time too.
LOCAL_TIME = ZoneInfo("Europe/London")


def uk_date(moment: datetime) -> date:
    """The date in the UK at ``moment``. A moment without a zone is UTC."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(LOCAL_TIME).date()


def today() -> date:
    """Today's date in the UK."""
    return uk_date(datetime.now(UTC))
