"""Rules for signing in and staying signed in: when failed attempts lock sign-in for a
while, when a session has ended, and what a password must be."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum

# One network address guessing at one email address.
MAX_FAILURES_PER_EMAIL_FROM_ADDRESS = 5
# One network address guessing at any email addresses.
MAX_FAILURES_PER_ADDRESS = 20
# Many addresses guessing at one email address. Past this ceiling an address that has
# itself failed a few times for the email waits; the person at their own desk, who may
# mistype once or twice, can still sign in.
MAX_FAILURES_PER_EMAIL = 50
FAILURES_FROM_ADDRESS_PAST_CEILING = 3
THROTTLE_WINDOW = timedelta(minutes=15)
MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_LENGTH = 128


@dataclass(frozen=True)
class RecentFailures:
    """Failed sign-ins within ``THROTTLE_WINDOW``."""

    for_email: int
    from_address: int
    for_email_from_address: int = 0


def is_throttled(failures: RecentFailures) -> bool:
    """Whether this address must wait before trying this email again.

    Someone who knows only a person's email address cannot lock that person out: their
    failures count against their own address, and the ceiling across all addresses
    never stops an address that has not failed for the email itself.
    """
    return (
        failures.from_address >= MAX_FAILURES_PER_ADDRESS
        or failures.for_email_from_address >= MAX_FAILURES_PER_EMAIL_FROM_ADDRESS
        or (
            failures.for_email >= MAX_FAILURES_PER_EMAIL
            and failures.for_email_from_address >= FAILURES_FROM_ADDRESS_PAST_CEILING
        )
    )


def idle_too_long(seconds_since_last_request: float, idle_minutes: int) -> bool:
    return seconds_since_last_request > idle_minutes * 60


class SessionEnd(StrEnum):
    IDLE = "idle"
    TOO_LONG = "too_long"


def session_has_ended(
    now: float,
    signed_in_at: float | None,
    last_seen: float | None,
    idle_minutes: int,
    max_hours: int,
) -> SessionEnd | None:
    """Why a signed-in session has ended, or None while it lasts.

    A session ends after ``idle_minutes`` without a request, and ``max_hours`` after
    signing in whatever happened since. A session without either time (one made
    before they were stamped, or tampered with) has ended: it cannot skip the limits.
    """
    if not isinstance(signed_in_at, int | float) or now - signed_in_at > max_hours * 3600:
        return SessionEnd.TOO_LONG
    if not isinstance(last_seen, int | float) or idle_too_long(now - last_seen, idle_minutes):
        return SessionEnd.IDLE
    return None


def seconds_left(
    now: float, signed_in_at: float, last_seen: float, idle_minutes: int, max_hours: int
) -> int:
    """Seconds until the session ends if nothing more is done: the idle limit or the
    absolute one, whichever comes first."""
    idle_end = last_seen + idle_minutes * 60
    absolute_end = signed_in_at + max_hours * 3600
    return max(0, int(min(idle_end, absolute_end) - now))


# The server notes a signed-in session's latest request at most this often (a write on
# every request would slow every page), so its idle limit allows this much more than the
# browser's own clock, which is exact.
LAST_SEEN_STEP_SECONDS = 60


def server_session_has_ended(
    now: float,
    created_at: float | None,
    last_seen_at: float | None,
    idle_minutes: int,
    max_hours: int,
) -> SessionEnd | None:
    """Why a session has ended by the server's record of it (when it was made and when
    it was last noted), or None while it lasts."""
    noted = None if last_seen_at is None else last_seen_at + LAST_SEEN_STEP_SECONDS
    return session_has_ended(now, created_at, noted, idle_minutes, max_hours)


def last_seen_is_due(now: float, last_seen_at: float | None) -> bool:
    """Whether the server should note this request as the session's latest."""
    return last_seen_at is None or now - last_seen_at >= LAST_SEEN_STEP_SECONDS


# Form fields never kept when a timed-out session's post is saved for later.
NEVER_KEPT_FIELDS = ("csrf_token",)


def may_keep_field(name: str) -> bool:
    """Whether a posted field may be kept for after sign-in: never a password or a token."""
    lowered = name.lower()
    return name not in NEVER_KEPT_FIELDS and "password" not in lowered and "token" not in lowered
