"""Rules for signing in: how many failed attempts lock an account for a while."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

MAX_FAILURES_PER_EMAIL = 5
MAX_FAILURES_PER_ADDRESS = 20
THROTTLE_WINDOW = timedelta(minutes=15)
MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_LENGTH = 128


@dataclass(frozen=True)
class RecentFailures:
    for_email: int
    from_address: int


def is_throttled(failures: RecentFailures) -> bool:
    """Too many recent failures for this email, or from this network address."""
    return (
        failures.for_email >= MAX_FAILURES_PER_EMAIL
        or failures.from_address >= MAX_FAILURES_PER_ADDRESS
    )


def idle_too_long(seconds_since_last_request: float, idle_minutes: int) -> bool:
    return seconds_since_last_request > idle_minutes * 60
