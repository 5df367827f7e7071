"""Queries and changes for actions."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from app.extensions import db
from app.models import Action
from app.rules.actions import overdue_first_key


def actions_owned_by(person_id: int, today: date) -> list[Action]:
    """Everything assigned to the person across projects, overdue first."""
    actions = db.session.scalars(
        select(Action)
        .options(joinedload(Action.project))
        .where(Action.owner_id == person_id)
        .order_by(Action.due_date, Action.id)
    )
    return sorted(actions, key=lambda a: overdue_first_key(a.status, a.due_date, today))
