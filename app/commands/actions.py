"""Commands for actions: updating one (status, what closed it, owner and due date)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from app import clock
from app.commands import Conflict, Invalid, NotFound, command
from app.data import actions as data
from app.data.actions import ActionChange
from app.rules.actions import (
    LINK_LIMIT,
    NOTE_LIMIT,
    OWNER_NAME_LIMIT,
    ActionStatus,
    UpdateProblem,
    describe_changes,
    is_acceptable_due_date,
    is_known_status,
    owner_problem,
    update_problems,
    updated_summary,
)
from app.rules.links import is_web_link

SAVED_FIRST = "Someone else changed this action while you were updating it. Nothing was saved."


@command
def update_action(
    project_id: int,
    action_id: int,
    version: int | None,
    change: ActionChange,
    actor_id: int,
    today: date | None = None,
) -> list[str]:
    """Change an action of the project, as the update page does.

    ``version`` is the version the person saw: if the action has moved on since, or
    no version was sent, nothing is saved and :class:`Conflict` says so. Returns what
    changed, one line each in words; an empty list if nothing did (nothing recorded).
    """
    action = data.action_in_project(project_id, action_id)
    if action is None:
        raise NotFound("There is no such action in this project.")
    if version is None or version != action.version:
        raise Conflict(SAVED_FIRST)
    _check(change, action.owner_id, action.due_date, project_id, today or clock.today())

    changes = data.apply_change(action, change, datetime.now(UTC))
    if not changes:
        return []
    data.record_update(
        action, actor_id, updated_summary(action.description, action.point_number), changes
    )
    return describe_changes(changes)


def _check(
    change: ActionChange,
    current_owner_id: int | None,
    current_due_date: date | None,
    project_id: int,
    today: date,
) -> None:
    """Every rule an update must keep, whoever sends it: the page's form checks the
    same, so a person only meets these messages with a crafted post."""
    errors: dict[str, str] = {}
    if not is_known_status(change.status):
        errors["status"] = "Select the status of the action"
    for problem in update_problems(
        change.status, change.completion_note or "", change.not_doing_reason or ""
    ):
        if problem == UpdateProblem.NO_COMPLETION_NOTE:
            errors["completion_note"] = "Enter what was done"
        else:
            errors["not_doing_reason"] = "Enter why the team is not doing this action"
    if len(change.completion_note or "") > NOTE_LIMIT:
        errors["completion_note"] = f"What was done must be {NOTE_LIMIT:,} characters or fewer"
    if len(change.not_doing_reason or "") > NOTE_LIMIT:
        errors["not_doing_reason"] = f"Reason must be {NOTE_LIMIT:,} characters or fewer"
    link = change.evidence_url or ""
    if (
        change.status == ActionStatus.DONE
        and link
        and (len(link) > LINK_LIMIT or not is_web_link(link))
    ):
        errors["evidence_url"] = "Enter a link to evidence that starts with https:// or http://"

    if change.owner_id is not None:
        people = {
            str(person_id) for person_id, _ in data.possible_owners(project_id, current_owner_id)
        }
        deactivated = {
            str(person_id) for person_id in data.deactivated_people(project_id, change.owner_id)
        }
        problem = owner_problem(str(change.owner_id), None, people, deactivated)
        if problem:
            errors["owner"] = problem
    elif not (change.owner_name or "").strip():
        errors["owner"] = "Select who owns the action"
    elif len(change.owner_name or "") > OWNER_NAME_LIMIT:
        errors["owner_name"] = f"Name must be {OWNER_NAME_LIMIT} characters or fewer"

    if change.due_date is None:
        errors["due_date"] = "Enter the date the action is due"
    elif not is_acceptable_due_date(change.due_date, current_due_date, today):
        errors["due_date"] = "Due date must be today or in the future"
    if errors:
        raise Invalid(errors=errors)
