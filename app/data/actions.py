"""Queries and changes for actions."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache

from sqlalchemy import bindparam, or_, select
from sqlalchemy.orm import joinedload

from app.audit import HistoryEntry, field_changes, history_entry, record
from app.extensions import db
from app.models import Action, Assessment, AuditEvent, Person, Point, Project, TeamMembership
from app.rules.actions import (
    OPEN_STATUSES,
    PANEL_ACTIONS_SHOWN_FROM,
    ActionSource,
    ActionStatus,
    closed_at_after,
    describe_changes,
    is_overdue,
    overdue_first_key,
)
from app.rules.reports import PANEL_KINDS

SUBJECT_TYPE = "action"


@dataclass(frozen=True)
class ActionRow:
    """An action as a list shows it: whether it is overdue is worked out once, here."""

    action: Action
    overdue: bool


@dataclass(frozen=True)
class ActionFilters:
    """What a project's list of actions is narrowed to. No statuses means every status."""

    statuses: frozenset[str] = OPEN_STATUSES
    point_number: int | None = None
    only_overdue: bool = False


@dataclass(frozen=True)
class ActionChange:
    """What someone saved on the update page."""

    status: str
    completion_note: str | None
    evidence_url: str | None
    not_doing_reason: str | None
    due_date: date | None
    owner_id: int | None
    owner_name: str | None


def panel_drafts():
    """The ids of the actions a panel added whose report has not been sent to the team yet
    (``app.rules.actions.team_sees_action``): the panel's draft, hidden from every list,
    count and history the team reads until the report goes out."""
    return (
        select(Action.id)
        .join(Assessment, Action.assessment_id == Assessment.id)
        .where(
            Action.source == ActionSource.PANEL.value,
            Assessment.kind.in_(sorted(PANEL_KINDS)),
            Assessment.status.not_in(sorted(PANEL_ACTIONS_SHOWN_FROM)),
            Assessment.sent_at.is_(None),
        )
    )


def seen_by_team():
    """A condition on ``Action``: the team sees it (it is not a panel's draft)."""
    return _SEEN_BY_TEAM


_SEEN_BY_TEAM = Action.id.not_in(panel_drafts())


def _with_details(query):
    """Everything a list of actions shows, in the same query.

    An owner's roles are not needed to show their name, so they are not loaded.
    """
    return query.options(
        joinedload(Action.project),
        joinedload(Action.owner).lazyload(Person.role_grants),
        joinedload(Action.point),
        joinedload(Action.assessment),
    )


def _overdue_first(actions: Iterable[Action], today: date) -> list[ActionRow]:
    ordered = sorted(actions, key=lambda a: (*overdue_first_key(a.status, a.due_date, today), a.id))
    return [ActionRow(a, is_overdue(a.status, a.due_date, today)) for a in ordered]


def actions_owned_by(
    person_id: int,
    today: date,
    every_project: bool = False,
    allowed: Collection[int] | None = None,
) -> list[ActionRow]:
    """Everything assigned to the person across projects, overdue first.

    Only in projects they can open: those whose team they are in, or every project
    for someone who reads them all (only those of the directorates ``allowed`` for someone
    limited to some). Someone who has left a team no longer sees its actions.
    """
    query = _with_details(select(Action)).where(Action.owner_id == person_id, seen_by_team())
    teams = Action.project_id.in_(
        select(TeamMembership.project_id).where(TeamMembership.person_id == person_id)
    )
    if not every_project:
        query = query.where(teams)
    elif allowed is not None:
        query = query.where(
            or_(
                teams,
                Action.project_id.in_(
                    select(Project.id).where(Project.directorate_id.in_(sorted(allowed)))
                ),
            )
        )
    return _overdue_first(db.session.scalars(query), today)


def project_actions(project_id: int, filters: ActionFilters, today: date) -> list[ActionRow]:
    """The project's actions from all its assessments and phases, overdue first.

    Their project is not joined in: the page has loaded it already, and each action finds
    it in the session."""
    query = _project_actions(
        bool(filters.statuses), filters.point_number is not None, filters.only_overdue
    )
    parameters = {
        "project_id": project_id,
        "statuses": sorted(filters.statuses),
        "point_number": filters.point_number,
        "open": sorted(OPEN_STATUSES),
        "today": today,
    }
    return _overdue_first(db.session.scalars(query, parameters), today)


@cache
def _project_actions(by_status: bool, by_point: bool, only_overdue: bool):
    """``project_actions``' query for each shape of filters, built once: building it cost
    more than running it."""
    query = (
        select(Action)
        .options(
            joinedload(Action.owner).lazyload(Person.role_grants),
            joinedload(Action.point),
            joinedload(Action.assessment),
        )
        .where(Action.project_id == bindparam("project_id"), seen_by_team())
    )
    if by_status:
        query = query.where(Action.status.in_(bindparam("statuses", expanding=True)))
    if by_point:
        query = query.where(Action.point_number == bindparam("point_number"))
    if only_overdue:
        query = query.where(
            Action.status.in_(bindparam("open", expanding=True)),
            Action.due_date.is_not(None),
            Action.due_date < bindparam("today"),
        )
    return query


@dataclass(frozen=True)
class ActionCount:
    """How many actions the project's team sees, and ``(number, title)`` of each point
    they are for, by number."""

    total: int
    points: list[tuple[int, str | None]]


def counted_actions(project_id: int) -> ActionCount:
    """How many actions the project has and the points they are for, in one query.

    Actions from different phases may point at different framework versions;
    the number is what they share, and the latest title is shown.
    """
    rows = db.session.execute(_ACTION_POINTS, {"project_id": project_id}).all()
    titles: dict[int, str | None] = {}
    for number, title, _version in rows:
        if number is not None:
            titles[number] = titles.get(number) or title
    return ActionCount(total=len(rows), points=sorted(titles.items()))


# Built once: every visit to a project's actions asks for it.
_ACTION_POINTS = (
    select(Action.point_number, Point.title, Point.version_id)
    .outerjoin(Point, Action.point_id == Point.id)
    .where(Action.project_id == bindparam("project_id"), seen_by_team())
    .order_by(Action.point_number, Point.version_id.desc())
)


def action_in_project(project_id: int, action_id: int) -> Action | None:
    """The action, only if it belongs to the project and the team sees it."""
    return db.session.scalar(
        _with_details(select(Action)).where(
            Action.id == action_id, Action.project_id == project_id, seen_by_team()
        )
    )


def person_name(person_id: int | None) -> str | None:
    if person_id is None:
        return None
    return db.session.scalar(select(Person.name).where(Person.id == person_id))


def action_history(action_id: int) -> list[HistoryEntry]:
    """What has happened to the action, newest first, in words."""
    events = db.session.scalars(
        select(AuditEvent)
        .options(joinedload(AuditEvent.actor))
        .where(AuditEvent.subject_type == SUBJECT_TYPE, AuditEvent.subject_id == action_id)
        .order_by(AuditEvent.occurred_at.desc(), AuditEvent.id.desc())
    )
    entries = []
    for event in events:
        # On the action's own page an update is what changed; other events say it in words.
        lines = describe_changes(event.changes) if event.verb == "updated" else []
        entries.append(history_entry(event, "" if lines else event.summary, lines))
    return entries


def possible_owners(project_id: int, current_owner_id: int | None) -> list[tuple[int, str]]:
    """``(person id, name)`` of the people an action may be given to, by name: the
    project's team members, and its current owner even if they have left the team.
    Only people whose accounts are active: a deactivated person is never offered."""
    team_member = select(TeamMembership.person_id).where(TeamMembership.project_id == project_id)
    condition = Person.id.in_(team_member)
    if current_owner_id is not None:
        condition = or_(condition, Person.id == current_owner_id)
    return [
        (person_id, name)
        for person_id, name in db.session.execute(
            select(Person.id, Person.name)
            .where(condition, Person.is_active)
            .order_by(Person.name, Person.id)
        )
    ]


def deactivated_people(project_id: int, current_owner_id: int | None) -> dict[int, str]:
    """``{person id: name}`` of the project's team members, and its current owner, whose
    accounts are deactivated: people an action may not be given to."""
    team_member = select(TeamMembership.person_id).where(TeamMembership.project_id == project_id)
    condition = Person.id.in_(team_member)
    if current_owner_id is not None:
        condition = or_(condition, Person.id == current_owner_id)
    return dict(
        db.session.execute(
            select(Person.id, Person.name)
            .where(condition, Person.is_active.is_(False))
            .order_by(Person.id)
        ).all()
    )


def _owner_words(action: Action) -> str | None:
    return action.owner.name if action.owner else action.owner_name


def _snapshot(action: Action) -> dict[str, str | None]:
    """The fields an update can change, as the audit trail stores them (JSON)."""
    return {
        "status": action.status,
        "owner": _owner_words(action),
        "due_date": action.due_date.isoformat() if action.due_date else None,
        "completion_note": action.completion_note,
        "evidence_url": action.evidence_url,
        "not_doing_reason": action.not_doing_reason,
    }


def apply_change(action: Action, change: ActionChange, now: datetime) -> dict[str, list]:
    """Apply ``change`` to ``action``; the command checks it first and records it.

    A note, link or reason is kept only with the status it belongs to; the audit
    trail keeps what was there before. Returns what changed, as ``{field: [before,
    after]}`` (empty if nothing did).
    """
    before = _snapshot(action)
    owner_before = (action.owner_id, action.owner_name)
    done = change.status == ActionStatus.DONE
    not_doing = change.status == ActionStatus.NOT_DOING

    action.closed_at = closed_at_after(action.status, change.status, action.closed_at, now)
    action.status = change.status
    action.completion_note = change.completion_note if done else None
    action.evidence_url = change.evidence_url if done else None
    action.not_doing_reason = change.not_doing_reason if not_doing else None
    action.due_date = change.due_date
    if (change.owner_id, change.owner_name) != owner_before:
        action.owner = db.session.get(Person, change.owner_id) if change.owner_id else None
        action.owner_name = None if change.owner_id else change.owner_name

    changes = field_changes(before, _snapshot(action))
    if "owner" not in changes and (action.owner_id, action.owner_name) != owner_before:
        changes["owner"] = [before["owner"], _owner_words(action)]
    return changes


def record_update(action: Action, actor_id: int, summary: str, changes: dict[str, list]) -> None:
    """Note who changed the action, and write the change to the audit trail."""
    action.updated_by_id = actor_id
    record(
        actor_id, "updated", SUBJECT_TYPE, action.id, summary, changes, project_id=action.project_id
    )
