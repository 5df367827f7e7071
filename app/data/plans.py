"""Queries and changes for a point's action plan: the actions the team plans in an assessment."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, bindparam, or_, select

from app.audit import field_changes, record
from app.data.actions import seen_by_team
from app.data.answers import person_for_name, touch
from app.data.rows import plain_rows
from app.extensions import db
from app.models import Action, Answer, Assessment, Person
from app.rules.actions import OPEN_STATUSES, ActionSource, ActionStatus


@dataclass(frozen=True, slots=True)
class ListedAction:
    """An action as the self-assessment pages list it: plain values, read without the ORM."""

    id: int
    point_id: int | None
    assessment_id: int | None
    description: str
    # Who owns it, in words: the person's name, or the name typed for someone outside the
    # service; None for no one.
    owner_name: str | None
    due_date: date | None
    status: str
    # The phase of the assessment it was planned in; None if added outside any.
    phase: str | None


def _listed(statement, parameters: dict) -> list[ListedAction]:
    """The rows of a ``_listing`` query, the owner put into words as ``owner_words`` does."""
    return [
        ListedAction(*row[:4], row.name if row.person_id is not None else row.owner_name, *row[7:])
        for row in plain_rows(statement, parameters)
    ]


def _listing(*where):
    """The columns of a ``ListedAction``, oldest action first."""
    return (
        select(
            Action.id,
            Action.point_id,
            Action.assessment_id,
            Action.description,
            Person.id.label("person_id"),
            Person.name,
            Action.owner_name,
            Action.due_date,
            Action.status,
            Assessment.phase,
        )
        .outerjoin(Person, Person.id == Action.owner_id)
        .outerjoin(Assessment, Assessment.id == Action.assessment_id)
        .where(*where)
        .order_by(Action.id)
    )


def plan_actions_by_point(assessment_id: int) -> dict[int, list[ListedAction]]:
    """The actions the team planned in this assessment, grouped by point id, oldest first."""
    grouped: dict[int, list[ListedAction]] = {}
    for action in _listed(_PLAN_ACTIONS, {"assessment_id": assessment_id}):
        grouped.setdefault(action.point_id, []).append(action)
    return grouped


# Built once, as the pages ask for them on every request.
_PLAN_ACTIONS = _listing(Action.assessment_id == bindparam("assessment_id"))


@dataclass(frozen=True)
class PointActions:
    """A point's actions, as its page lists them."""

    # Planned for the point in this assessment, oldest first.
    plan: list[ListedAction]
    # Still open for the same point number from the project's assessments started before
    # this one (and added outside any assessment), soonest due first.
    earlier: list[ListedAction]


def point_actions(assessment: Assessment, point_id: int, point_number: int) -> PointActions:
    """The point's plan in this assessment and its earlier open actions, in one query."""
    plan, earlier = [], []
    for action in _listed(
        _POINT_ACTIONS,
        {
            "assessment_id": assessment.id,
            "point_id": point_id,
            "project_id": assessment.project_id,
            "created_at": assessment.created_at,
            "point_number": point_number,
        },
    ):
        if action.assessment_id == assessment.id and action.point_id == point_id:
            plan.append(action)
        else:
            earlier.append(action)
    earlier.sort(key=lambda action: (action.due_date is None, action.due_date, action.id))
    return PointActions(plan, earlier)


# Built once: the point page asks for it on every request. An earlier assessment was started
# before this one, so no action is in both lists.
_POINT_ACTIONS = _listing(
    or_(
        and_(
            Action.assessment_id == bindparam("assessment_id"),
            Action.point_id == bindparam("point_id"),
        ),
        and_(
            Action.project_id == bindparam("project_id"),
            Action.point_number == bindparam("point_number"),
            Action.status.in_(sorted(OPEN_STATUSES)),
            or_(
                Action.assessment_id.is_(None),
                Action.assessment_id.in_(
                    select(Assessment.id).where(
                        Assessment.project_id == bindparam("project_id"),
                        Assessment.created_at < bindparam("created_at"),
                    )
                ),
            ),
            seen_by_team(),
        ),
    )
)


def add_plan_action(
    answer: Answer,
    project_id: int,
    description: str,
    owner_id: int | None,
    owner_name: str | None,
    due_date,
    actor_id: int,
) -> Action:
    action = Action(
        project_id=project_id,
        assessment_id=answer.assessment_id,
        point_id=answer.point_id,
        point_number=answer.point.number,
        description=description.strip(),
        owner_id=owner_id,
        owner_name=(owner_name or "").strip() or None,
        due_date=due_date,
        status=ActionStatus.OPEN.value,
        source=ActionSource.SELF_ASSESSMENT.value,
        created_by_id=actor_id,
    )
    db.session.add(action)
    touch(answer, actor_id)
    db.session.flush()
    record(
        actor_id,
        "created",
        "action",
        action.id,
        f"Point {answer.point.number}: added action “{action.description[:200]}”",
        {"due_date": [None, due_date.isoformat() if due_date else None]},
        project_id=project_id,
    )
    return action


def remove_plan_action(answer: Answer, project_id: int, action_id: int, actor_id: int) -> bool:
    action = db.session.get(Action, action_id)
    if (
        action is None
        or action.assessment_id != answer.assessment_id
        or action.point_id != answer.point_id
    ):
        return False
    record(
        actor_id,
        "deleted",
        "action",
        action.id,
        f"Point {answer.point.number}: removed action “{action.description[:200]}”",
        project_id=project_id,
    )
    db.session.delete(action)
    touch(answer, actor_id)
    return True


def plan_descriptions(answer: Answer) -> list[str]:
    """What each action in the point's plan in this assessment says, oldest first."""
    return list(
        db.session.scalars(
            select(Action.description)
            .where(
                Action.assessment_id == answer.assessment_id,
                Action.point_id == answer.point_id,
            )
            .order_by(Action.id)
        )
    )


def plan_action(answer: Answer, action_id: int) -> Action | None:
    """An action in the point's plan in this assessment, with its owner, by id."""
    return db.session.scalar(
        select(Action)
        .options(person_for_name(Action.owner))
        .where(
            Action.id == action_id,
            Action.assessment_id == answer.assessment_id,
            Action.point_id == answer.point_id,
        )
    )


def _plan_fields(action: Action, owner_words: str | None) -> dict[str, str | None]:
    return {
        "description": action.description,
        "owner": owner_words,
        "due_date": action.due_date.isoformat() if action.due_date else None,
    }


def update_plan_action(
    action: Action,
    answer: Answer,
    description: str,
    owner: tuple[int | None, str | None, str | None],
    due_date,
    actor_id: int,
) -> bool:
    """Change what the action says, who owns it and when it is due; returns whether anything
    changed. ``owner`` is ``(person id, name typed, name of the person)``."""
    owner_id, owner_name, person_name = owner
    before = _plan_fields(action, action.owner.name if action.owner else action.owner_name)
    action.description = description.strip()
    action.owner_id = owner_id
    action.owner_name = None if owner_id is not None else (owner_name or "").strip() or None
    action.due_date = due_date
    action.updated_by_id = actor_id
    after = _plan_fields(action, person_name if owner_id is not None else action.owner_name)
    changes = field_changes(before, after)
    if not changes:
        return False
    if "description" in changes:
        # What the action said is already in its summary; the history line says "changed".
        changes["description"] = [before["description"][:200], after["description"][:200]]
    touch(answer, actor_id)
    record(
        actor_id,
        "updated",
        "action",
        action.id,
        f"Point {answer.point.number}: changed action “{action.description[:200]}”",
        changes,
        project_id=action.project_id,
    )
    return True
