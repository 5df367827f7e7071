"""Queries for projects and their teams."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from app.extensions import db
from app.models import Project, TeamMembership


def memberships_for_person(person_id: int) -> list[TeamMembership]:
    """The person's team memberships, with each project, in project name order."""
    return list(
        db.session.scalars(
            select(TeamMembership)
            .join(TeamMembership.project)
            .options(
                joinedload(TeamMembership.project).joinedload(Project.directorate),
            )
            .where(TeamMembership.person_id == person_id)
            .order_by(Project.name, Project.id)
        )
    )


def project_count() -> int:
    return db.session.scalar(select(func.count(Project.id))) or 0


def project_or_none(project_id: int) -> Project | None:
    return db.session.get(Project, project_id)


def team_role_for(project_id: int, person_id: int) -> str | None:
    """The person's role in the project's team, or None if they are not in it."""
    return db.session.scalar(
        select(TeamMembership.team_role).where(
            TeamMembership.project_id == project_id, TeamMembership.person_id == person_id
        )
    )
