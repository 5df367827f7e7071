"""Rules for actions: statuses, overdue, and what an update needs."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from enum import StrEnum


class ActionStatus(StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    NOT_DOING = "not_doing"


ACTION_STATUS_LABELS = {
    ActionStatus.OPEN: "Open",
    ActionStatus.IN_PROGRESS: "In progress",
    ActionStatus.DONE: "Done",
    ActionStatus.NOT_DOING: "Not doing",
}

OPEN_STATUSES = frozenset({ActionStatus.OPEN.value, ActionStatus.IN_PROGRESS.value})


class ActionSource(StrEnum):
    SELF_ASSESSMENT = "self_assessment"
    PANEL = "panel"


ACTION_SOURCE_LABELS = {
    ActionSource.SELF_ASSESSMENT: "Team's self-assessment",
    ActionSource.PANEL: "Assessment panel",
}


def is_open(status: str) -> bool:
    return status in OPEN_STATUSES


def is_overdue(status: str, due_date: date | None, today: date) -> bool:
    """An open action whose due date has passed."""
    return is_open(status) and due_date is not None and due_date < today


def overdue_first_key(status: str, due_date: date | None, today: date) -> tuple:
    """Sort key: overdue first, then open by due date (undated last), then closed ones."""
    return (
        0 if is_overdue(status, due_date, today) else 1 if is_open(status) else 2,
        due_date or date.max,
    )


class UpdateProblem(StrEnum):
    NO_COMPLETION_NOTE = "no_completion_note"
    NO_REASON = "no_reason"


def update_problems(
    status: str, completion_note: str, not_doing_reason: str
) -> list[UpdateProblem]:
    """Done needs a note of what was done; not doing needs a reason."""
    if status == ActionStatus.DONE and not completion_note.strip():
        return [UpdateProblem.NO_COMPLETION_NOTE]
    if status == ActionStatus.NOT_DOING and not not_doing_reason.strip():
        return [UpdateProblem.NO_REASON]
    return []


def count_open_and_overdue(
    actions: Iterable[tuple[str, date | None]], today: date
) -> tuple[int, int]:
    open_count = overdue = 0
    for status, due in actions:
        if is_open(status):
            open_count += 1
            if is_overdue(status, due, today):
                overdue += 1
    return open_count, overdue
