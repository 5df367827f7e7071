"""The programme board's meetings: who records them, which dates are accepted, which meeting
comes before or after another, and what the board pack lists.

Plain values in and out; the data layer loads the rows and actions, these rules choose.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from app.rules.actions import is_open, is_overdue
from app.rules.dates import long_date
from app.rules.portfolio import ProjectRow
from app.rules.portfolio_figures import DUE_SOON_DAYS
from app.rules.self_assessment import add_months

YEARS_AWAY = 2  # a meeting more than this many years from today is surely a typing slip

DATE_NOUN = "Date of the meeting"
ENTER_DATE = "Enter the date of the meeting"
ALREADY_RECORDED = "A meeting on {day} is already recorded"
TOO_FAR = "The date of the meeting must be within {years} years of today"
BEFORE_KEPT = (
    "The date of the meeting must be after {day}: the figures of that meeting are kept "
    "already, and what changed since is worked out from them"
)


def may_record_meetings(roles: Collection[str]) -> bool:
    """Organisers and administrators record and remove meetings; board members read them."""
    return bool({"organiser", "administrator"} & set(roles))


def meeting_date_problem(held_on: date | None, today: date, recorded: Iterable[date]) -> str | None:
    """What is wrong with recording a meeting on ``held_on``, in GOV.UK words, or None.

    A date is needed, no other meeting may be on the same day, and it must be within
    ``YEARS_AWAY`` years of today either way (a past meeting may be recorded late, but not
    before a meeting whose figures are kept already: it would change what that meeting's
    "what changed" compares with).
    """
    recorded = list(recorded)
    if held_on is None:
        return ENTER_DATE
    if held_on in set(recorded):
        return ALREADY_RECORDED.format(day=long_date(held_on))
    if not add_months(today, -12 * YEARS_AWAY) <= held_on <= add_months(today, 12 * YEARS_AWAY):
        return TOO_FAR.format(years=YEARS_AWAY)
    kept = [day for day in recorded if day <= today]
    if held_on < today and kept and held_on < max(kept):
        return BEFORE_KEPT.format(day=long_date(max(kept)))
    return None


def taken_late(held_on: date, taken_on: date | None) -> bool:
    """The figures were taken after the meeting's day (it was recorded late, or nobody
    looked on the day): they show the portfolio as it was then."""
    return taken_on is not None and taken_on > held_on


def has_happened(held_on: date, today: date) -> bool:
    """The meeting's day has come: its figures may be taken."""
    return held_on <= today


def may_remove(held_on: date, kept_days: Iterable[date]) -> bool:
    """A meeting recorded by mistake can be removed, even one that has happened and whose
    figures are kept, unless a later meeting's figures are kept: that meeting's "what
    changed" (and its printed pack) was worked out from this one's figures, so it stays.

    ``kept_days`` are the days of the meetings whose figures are kept.
    """
    return not any(day > held_on for day in kept_days)


def removal_loses_figures(held_on: date, today: date, figures_taken: bool) -> bool:
    """Removing the meeting throws away figures that cannot be taken again as they were:
    they are kept, or its day has come (they would be taken as the portfolio is now)."""
    return figures_taken or has_happened(held_on, today)


def neighbours(held_on: date, days: Iterable[date]) -> tuple[date | None, date | None]:
    """The meeting days just before and just after ``held_on`` among ``days``."""
    days = sorted(set(days))
    before = [day for day in days if day < held_on]
    after = [day for day in days if day > held_on]
    return (before[-1] if before else None, after[0] if after else None)


# --- The board pack ----------------------------------------------------------------------------


@dataclass(frozen=True)
class DueWindow:
    """The days the pack's "assessments due" covers, both included, and how to say so."""

    start: date
    end: date
    words: str


def due_window(today: date, next_meeting: date | None) -> DueWindow:
    """From today up to the day before the next meeting, when one is recorded and still to
    come; otherwise the next ``DUE_SOON_DAYS`` days."""
    if next_meeting is not None and next_meeting > today:
        return DueWindow(
            today,
            next_meeting - timedelta(days=1),
            f"Due before the next meeting on {long_date(next_meeting)}",
        )
    return DueWindow(
        today, today + timedelta(days=DUE_SOON_DAYS), f"Due in the next {DUE_SOON_DAYS} days"
    )


@dataclass(frozen=True)
class PackAction:
    """An action as the pack lists it."""

    id: int
    project_id: int
    point_number: int | None
    description: str
    owner: str
    status: str
    due: date | None


@dataclass(frozen=True)
class RedPoint:
    """A point rated red on a project, with the project's open actions on that point."""

    project_id: int
    project: str
    number: int
    title: str
    actions: tuple[PackAction, ...]


def red_points(rows: Iterable[ProjectRow], actions: Iterable[PackAction]) -> list[RedPoint]:
    """Every red point of every row, in project then point order, each with its open actions
    (earliest due first, undated last)."""
    open_by_point: dict[tuple[int, int | None], list[PackAction]] = {}
    for action in actions:
        if is_open(action.status):
            open_by_point.setdefault((action.project_id, action.point_number), []).append(action)
    found = []
    for row in rows:
        titles = dict(row.facts.framework.points)
        for number in row.red_points:
            listed = sorted(
                open_by_point.get((row.id, number), ()),
                key=lambda a: (a.due is None, a.due or date.min, a.id),
            )
            found.append(
                RedPoint(row.id, row.facts.name, number, titles.get(number, ""), tuple(listed))
            )
    return found


def overdue_actions(
    rows: Iterable[ProjectRow], actions: Iterable[PackAction], today: date
) -> list[tuple[ProjectRow, PackAction]]:
    """Open actions past their due date, most overdue first, of the given rows only."""
    by_id = {row.id: row for row in rows}
    found = [
        (by_id[action.project_id], action)
        for action in actions
        if action.project_id in by_id and is_overdue(action.status, action.due, today)
    ]
    return sorted(found, key=lambda pair: (pair[1].due or date.min, pair[0].facts.name, pair[1].id))


def days_overdue(due: date | None, today: date) -> int:
    return (today - due).days if due is not None and due < today else 0


def assessments_overdue(rows: Iterable[ProjectRow]) -> list[ProjectRow]:
    """Projects whose next assessment was due before today, longest overdue first."""
    return sorted(
        (row for row in rows if row.assessment_overdue),
        key=lambda row: (row.facts.next_assessment_due or date.min, row.facts.name.lower()),
    )


def reports_overdue(rows: Iterable[ProjectRow]) -> list[ProjectRow]:
    """Projects with a panel's report late today, in the rows' order."""
    return [row for row in rows if row.facts.reports_overdue > 0]


def assessments_due(rows: Iterable[ProjectRow], window: DueWindow) -> list[ProjectRow]:
    """Projects whose next assessment falls in ``window``, soonest first."""
    return sorted(
        (
            row
            for row in rows
            if row.facts.next_assessment_due is not None
            and window.start <= row.facts.next_assessment_due <= window.end
        ),
        key=lambda row: (row.facts.next_assessment_due, row.facts.name.lower()),
    )
