"""Queries for projects and their teams."""

from __future__ import annotations

from sqlalchemy import select
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
    from sqlalchemy import func

    return db.session.scalar(select(func.count(Project.id))) or 0
