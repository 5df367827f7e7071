"""Rules for actions: statuses, overdue, and what an update needs."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from app.rules.dates import long_date
from app.rules.reports import is_panel_kind
from app.rules.text import change_in_words


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


# The statuses of a panel assessment whose report the team has been sent: from then on the
# actions its panel added are the team's to see and work off. Before, they are the panel's
# draft, as private as its scores.
PANEL_ACTIONS_SHOWN_FROM = frozenset({"sent", "challenged", "accepted", "published"})


def team_sees_action(
    source: str, assessment_kind: str | None, assessment_status: str | None, sent: bool
) -> bool:
    """Whether the team sees an action: always its own; one a panel added while scoring a
    panel assessment, once that assessment's report has been sent to the team (``sent``:
    it went out at some point, even if the assessment was withdrawn afterwards)."""
    if source != ActionSource.PANEL or not is_panel_kind(assessment_kind or ""):
        return True
    return sent or assessment_status in PANEL_ACTIONS_SHOWN_FROM


def is_open(status: str) -> bool:
    return status in OPEN_STATUSES


def is_overdue(status: str, due_date: date | None, today: date) -> bool:
    """An open action whose due date has passed."""
    return is_open(status) and due_date is not None and due_date < today


def overdue_ids(actions: Iterable[Any], today: date) -> set[int]:
    """The ids of the actions (anything with ``id``, ``status`` and ``due_date``) that are
    overdue, for pages that mark them."""
    return {a.id for a in actions if is_overdue(a.status, a.due_date, today)}


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


class ActionGroup(StrEnum):
    """How "Your actions" splits a person's actions."""

    OVERDUE = "overdue"
    OPEN = "open"
    CLOSED = "closed"


def group_of(status: str, due_date: date | None, today: date) -> ActionGroup:
    if is_overdue(status, due_date, today):
        return ActionGroup.OVERDUE
    return ActionGroup.OPEN if is_open(status) else ActionGroup.CLOSED


def is_acceptable_due_date(new: date, current: date | None, today: date) -> bool:
    """A new due date may not be in the past; the one the action already has may stay."""
    return new == current or new >= today


def filter_summary(
    shown: int, total: int, statuses: Iterable[str], point_number: int | None, only_overdue: bool
) -> str:
    """What a filtered list of actions shows, for example
    "Showing 3 of 12 actions: open or in progress, point 4, overdue only"."""
    known = [ActionStatus(value) for value in ACTION_STATUS_LABELS if value in set(statuses)]
    chosen = []
    if known and len(known) < len(ACTION_STATUS_LABELS):
        words = [ACTION_STATUS_LABELS[status].lower() for status in known]
        chosen.append(
            " or ".join(words) if len(words) < 3 else ", ".join(words[:-1]) + " or " + words[-1]
        )
    if point_number is not None:
        chosen.append(f"point {point_number}")
    if only_overdue:
        chosen.append("overdue only")
    noun = "action" if total == 1 else "actions"
    text = f"Showing {shown} of {total} {noun}"
    return f"{text}: {', '.join(chosen)}" if chosen else text


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


# An action's owner is someone in the team, chosen by id, or someone else named in words.
OTHER_OWNER = "other"


def owner_options(people: Iterable[tuple[int, str]]) -> list[tuple[str, str]]:
    """The choices for "Who owns it?": the people given, then someone else (whose name the
    page asks for when that is chosen)."""
    return [
        *((str(person_id), name) for person_id, name in people),
        (OTHER_OWNER, "Someone else"),
    ]


DEACTIVATED_OWNER = (
    "You cannot give an action to someone whose account has been deactivated. "
    "Select someone else who owns the action"
)


def owner_problem(
    choice: str | None,
    name: str | None,
    people_ids: Iterable[str],
    deactivated_ids: Iterable[str] = (),
) -> str | None:
    """What is wrong with the owner chosen, in GOV.UK words, or None.

    ``people_ids`` are the people who may be given the action; ``deactivated_ids``
    are people the page knows of whose accounts are deactivated, who never may.
    The message belongs to the name box when someone else was chosen, otherwise to
    the choice itself.
    """
    if choice == OTHER_OWNER:
        if not (name or "").strip():
            return "Enter the name of the person who owns the action"
        return None
    if (choice or "") in set(deactivated_ids):
        return DEACTIVATED_OWNER
    if (choice or "") not in set(people_ids):
        return "Select who owns the action"
    return None


def is_known_status(status: str | None) -> bool:
    return status in ACTION_STATUS_LABELS


def updated_summary(description: str, point_number: int | None) -> str:
    """How the audit trail words a change to an action: which action, by its point if it
    has one. What changed is in the event's details, so the summary does not repeat it."""
    changed = f"changed action “{description[:200]}”"
    if point_number is None:
        return changed[0].upper() + changed[1:]
    return f"Point {point_number}: {changed}"


# How long what people type about an action may be.
NOTE_LIMIT = 2000
LINK_LIMIT = 2000
OWNER_NAME_LIMIT = 120


def closed_at_after(
    old_status: str, new_status: str, old_closed_at: datetime | None, now: datetime
) -> datetime | None:
    """When the action was closed: set on closing (done or not doing), cleared on reopening."""
    if is_open(new_status):
        return None
    if new_status != old_status or old_closed_at is None:
        return now
    return old_closed_at


def _status_words(value: str | None) -> str:
    try:
        return ACTION_STATUS_LABELS[ActionStatus(value)]
    except ValueError:
        return str(value)


# What each text field is called when it is added, changed or removed.
_TEXT_FIELDS = {
    "description": "Description",
    "completion_note": "Completion note",
    "evidence_url": "Link to evidence",
    "not_doing_reason": "Reason for not doing it",
}


def describe_changes(changes: Mapping[str, Sequence[Any]]) -> list[str]:
    """An audit event's ``{field: [before, after]}`` for an action, in words.

    For example "Status changed from Open to Done" or "Completion note added".
    """
    lines = []
    for field, values in changes.items():
        before, after = [*values, None, None][:2]
        if field == "status":
            lines.append(f"Status changed from {_status_words(before)} to {_status_words(after)}")
        elif field in ("owner", "due_date"):
            noun = "Owner" if field == "owner" else "Due date"
            show = str if field == "owner" else long_date
            lines.append(change_in_words(noun, before, after, show))
        else:
            noun = _TEXT_FIELDS.get(field, field.replace("_", " ").capitalize())
            verb = "added" if not before else "removed" if not after else "changed"
            lines.append(f"{noun} {verb}")
    return lines
