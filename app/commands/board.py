"""Commands for the programme board: recording and removing meetings, and taking the
portfolio's figures as at a meeting (once, never overwritten)."""

from __future__ import annotations

from collections.abc import Collection
from datetime import UTC, date, datetime

from app.commands import Invalid, NotAllowed, NotFound, command
from app.data import meetings as data
from app.data.board import arranged_among_due, portfolio_rows
from app.data.standings import Standing, refresh_standings
from app.models import BoardMeeting
from app.rules.board_meetings import (
    has_happened,
    may_record_meetings,
    may_remove,
    meeting_date_problem,
)
from app.rules.portfolio import STALE_AFTER_MONTHS
from app.rules.portfolio_changes import meeting_figures

NOT_RECORDER = "Only assessment organisers and administrators can record board meetings"
LATER_MEETING_KEPT = (
    "A later meeting's figures are kept and what changed at that meeting was worked out "
    "from this one's, so this meeting stays"
)


def _already_recorded(error) -> Invalid:
    return Invalid(errors={"held_on": "A meeting on that day is already recorded"})


@command
def keep_standings(project_ids: Collection[int]) -> dict[int, Standing]:
    """Work out and keep the board's standing of projects that have none kept yet (after
    the migration that added them, or a bulk load): ``app.data.standings``. Nothing a
    person sees changes, so nothing is audited. Two readers keeping one at once each work
    it out under the row's lock, and keep the same."""
    return refresh_standings(project_ids)


@command(on_integrity_error=_already_recorded)
def record_meeting(
    actor_id: int,
    roles: Collection[str],
    held_on: date | None,
    today: date,
    stale_after_months: int = STALE_AFTER_MONTHS,
) -> BoardMeeting:
    """Record a board meeting. One on a day that has come gets its figures at once."""
    if not may_record_meetings(roles):
        raise NotAllowed(NOT_RECORDER)
    problem = meeting_date_problem(held_on, today, data.meeting_days())
    if problem:
        raise Invalid(errors={"held_on": problem})
    meeting = data.add_meeting(held_on, actor_id)
    if has_happened(held_on, today):
        take_meeting_figures(meeting.id, actor_id, today, stale_after_months)
    return meeting


@command
def take_meeting_figures(
    meeting_id: int,
    actor_id: int | None,
    today: date,
    stale_after_months: int = STALE_AFTER_MONTHS,
) -> bool:
    """Take the whole programme's figures as at the meeting, if its day has come and nobody
    has yet. Figures once taken are never changed. True if this call took them."""
    meeting = data.meeting_by_id(meeting_id)
    if meeting is None:
        raise NotFound()
    if meeting.figures_taken_at is not None or not has_happened(meeting.held_on, today):
        return False
    rows = portfolio_rows(None, meeting.held_on, stale_after_months)
    arranged = arranged_among_due(rows, meeting.held_on)
    return data.keep_figures(
        meeting, meeting_figures(rows, meeting.held_on, arranged), datetime.now(UTC), actor_id
    )


@command
def take_due_figures(today: date, stale_after_months: int = STALE_AFTER_MONTHS) -> list[date]:
    """Take the figures of every meeting whose day has come and which has none (the daily
    task). Returns the days of the meetings it took figures for."""
    taken = []
    for meeting in data.meetings_needing_figures(today):
        if take_meeting_figures(meeting.id, None, today, stale_after_months):
            taken.append(meeting.held_on)
    return taken


@command
def remove_meeting(actor_id: int, roles: Collection[str], meeting_id: int, today: date) -> date:
    """Remove a meeting recorded by mistake (a wrong date, say). Returns its day.

    A meeting still to come simply goes. One that has happened goes with the figures kept
    for it: they cannot be taken again as they were, and the audit trail notes that they
    went. A meeting is protected, though, once a later meeting's figures are kept: that
    later meeting's "what changed" and its board pack were worked out from this meeting's
    figures, and removing it would silently change a record the board has seen.
    """
    if not may_record_meetings(roles):
        raise NotAllowed(NOT_RECORDER)
    meeting = data.meeting_by_id(meeting_id)
    if meeting is None:
        raise NotFound()
    if not may_remove(meeting.held_on, data.kept_meeting_days()):
        raise NotAllowed(LATER_MEETING_KEPT)
    held_on = meeting.held_on
    if not data.remove_meeting(meeting, actor_id):
        raise NotFound()  # removed by someone else at the same moment
    return held_on
