"""The programme board's overdue actions: every open action past its due date, in the
projects a person may see, with its project, point and owner, in one query however many
there are."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import aliased

from app.data.actions import seen_by_team
from app.extensions import db
from app.models import Action, Directorate, Person, Point, Project
from app.rules.actions import OPEN_STATUSES
from app.rules.board_actions import OverdueAction, owner_key
from app.rules.portfolio_grid import overdue_by_days


def overdue_actions(allowed: Collection[int] | None, today: date) -> list[OverdueAction]:
    """Every open action due before ``today`` that the team sees, in projects of the
    ``allowed`` directorates (None: all), most overdue first, then by project and point."""
    owner = aliased(Person)
    query = (
        select(
            Action.id,
            Action.project_id,
            Project.name,
            Project.directorate_id,
            Directorate.name,
            Action.point_number,
            Point.title,
            Action.description,
            Action.owner_id,
            owner.name,
            Action.owner_name,
            Action.due_date,
        )
        .join(Project, Project.id == Action.project_id)
        .outerjoin(Directorate, Directorate.id == Project.directorate_id)
        .outerjoin(Point, Point.id == Action.point_id)
        .outerjoin(owner, owner.id == Action.owner_id)
        .where(
            Action.status.in_(sorted(OPEN_STATUSES)),
            Action.due_date.is_not(None),
            Action.due_date < today,
            seen_by_team(),
        )
        .order_by(Action.due_date, Project.name, Project.id, Action.point_number, Action.id)
    )
    if allowed is not None:
        query = query.where(Project.directorate_id.in_(sorted(allowed)))
    return [
        OverdueAction(
            id=action_id,
            project_id=project_id,
            project=project_name,
            directorate_id=directorate_id,
            directorate=directorate or "",
            point_number=number,
            point_title=title or "",
            description=description,
            owner_key=owner_key(owner_id, free_name),
            owner=person_name or " ".join((free_name or "").split()),
            due=due,
            days_overdue=overdue_by_days(due, today),
        )
        for (
            action_id,
            project_id,
            project_name,
            directorate_id,
            directorate,
            number,
            title,
            description,
            owner_id,
            person_name,
            free_name,
            due,
        ) in db.session.execute(query)
    ]
