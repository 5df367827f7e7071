"""Queries for the read-only API: which projects a token holder reads, and the lists the
API answers with, each in a fixed number of queries whatever its length."""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import Select, select
from sqlalchemy.orm import joinedload

from app.data.actions import seen_by_team
from app.data.ordering import PROJECT_NAME_ORDER
from app.extensions import db
from app.models import Action, Assessment, FrameworkVersion, Person, Project, TeamMembership


def readable_project_ids(
    person_id: int, every_project: bool, allowed: Collection[int] | None
) -> Select:
    """A query of the ids of the projects a person reads through the API: every project
    (board members, administrators) or those whose team they are in, within the
    directorates they are limited to (``allowed``; None is all of them)."""
    query = select(Project.id)
    if allowed is not None:
        query = query.where(Project.directorate_id.in_(sorted(allowed)))
    if not every_project:
        query = query.where(
            Project.id.in_(
                select(TeamMembership.project_id).where(TeamMembership.person_id == person_id)
            )
        )
    return query


def projects_by_id(ids) -> dict[int, Project]:
    """``{id: project}`` for the details the board's rows do not carry, in one query."""
    return {
        project.id: project
        for project in db.session.scalars(select(Project).where(Project.id.in_(ids)))
    }


def team_of(project_id: int) -> list[tuple[str, str]]:
    """The project's team as ``(name, team role)``, by name."""
    return [
        (name, team_role)
        for name, team_role in db.session.execute(
            select(Person.name, TeamMembership.team_role)
            .join(Person, Person.id == TeamMembership.person_id)
            .where(TeamMembership.project_id == project_id)
            .order_by(Person.name, Person.id)
        )
    ]


def project_assessments(project_id: int) -> list[Assessment]:
    """Every assessment of the project, of every kind, newest first, with its framework."""
    return list(
        db.session.scalars(
            select(Assessment)
            .options(
                joinedload(Assessment.framework_version).joinedload(FrameworkVersion.framework)
            )
            .where(Assessment.project_id == project_id)
            .order_by(Assessment.created_at.desc(), Assessment.id.desc())
        )
    )


def actions_in(
    project_ids: Select,
    statuses: Collection[str] | None = None,
    project_id: int | None = None,
) -> list[Action]:
    """The actions the team sees on the projects ``project_ids``, by project name, due date
    and id, with their project, point and owner loaded in the same query."""
    query = (
        select(Action)
        .join(Project, Project.id == Action.project_id)
        .options(
            joinedload(Action.project).joinedload(Project.directorate),
            joinedload(Action.owner).lazyload(Person.role_grants),
        )
        .where(Action.project_id.in_(project_ids), seen_by_team())
        .order_by(*PROJECT_NAME_ORDER, Action.due_date.is_(None), Action.due_date, Action.id)
    )
    if statuses:
        query = query.where(Action.status.in_(sorted(statuses)))
    if project_id is not None:
        query = query.where(Action.project_id == project_id)
    return list(db.session.scalars(query))
