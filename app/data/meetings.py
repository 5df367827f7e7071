"""The programme board's meetings, and the actions the board pack lists."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.orm import defer, joinedload

from app.audit import record
from app.data.actions import seen_by_team
from app.extensions import db
from app.models import Action, BoardMeeting, Person, Project
from app.rules.actions import OPEN_STATUSES
from app.rules.board_meetings import PackAction
from app.rules.dates import long_date


def meetings_newest_first() -> list[BoardMeeting]:
    """Every meeting, the newest first. Their figures are not loaded (they can be large)."""
    return list(
        db.session.scalars(
            select(BoardMeeting)
            .options(
                defer(BoardMeeting.figures),
                joinedload(BoardMeeting.recorded_by).lazyload(Person.role_grants),
            )
            .order_by(BoardMeeting.held_on.desc(), BoardMeeting.id.desc())
        )
    )


def meeting_days() -> list[date]:
    """The day of every meeting, oldest first."""
    return list(db.session.scalars(select(BoardMeeting.held_on).order_by(BoardMeeting.held_on)))


def kept_meeting_days() -> list[date]:
    """The day of every meeting whose figures are kept, oldest first."""
    return list(
        db.session.scalars(
            select(BoardMeeting.held_on)
            .where(BoardMeeting.figures_taken_at.is_not(None))
            .order_by(BoardMeeting.held_on)
        )
    )


def meeting_by_id(meeting_id: int) -> BoardMeeting | None:
    return db.session.get(BoardMeeting, meeting_id)


def meeting_on(day: date | None) -> BoardMeeting | None:
    if day is None:
        return None
    return db.session.scalar(select(BoardMeeting).where(BoardMeeting.held_on == day))


def meetings_needing_figures(today: date) -> list[BoardMeeting]:
    """Meetings whose day has come and whose figures nobody has taken yet, oldest first."""
    return list(
        db.session.scalars(
            select(BoardMeeting)
            .where(BoardMeeting.held_on <= today, BoardMeeting.figures_taken_at.is_(None))
            .order_by(BoardMeeting.held_on)
        )
    )


def add_meeting(held_on: date, actor_id: int | None) -> BoardMeeting:
    meeting = BoardMeeting(held_on=held_on, recorded_by_id=actor_id)
    db.session.add(meeting)
    db.session.flush()
    record(
        actor_id,
        "recorded",
        "board_meeting",
        meeting.id,
        f"Recorded a board meeting on {long_date(held_on)}",
        {"held_on": [None, held_on.isoformat()]},
    )
    return meeting


def keep_figures(
    meeting: BoardMeeting, figures: dict[str, Any], taken_at: datetime, actor_id: int | None
) -> bool:
    """Store the meeting's figures unless someone already has: one conditional update, so
    two people opening the meeting at once never overwrite each other. True if stored."""
    stored = db.session.execute(
        update(BoardMeeting)
        .where(BoardMeeting.id == meeting.id, BoardMeeting.figures_taken_at.is_(None))
        .values(figures=figures, figures_taken_at=taken_at)
        .execution_options(synchronize_session=False)
    ).rowcount
    if stored:
        record(
            actor_id,
            "figures_taken",
            "board_meeting",
            meeting.id,
            f"Took the portfolio's figures as at the board meeting on {long_date(meeting.held_on)}",
            {"projects": [None, len(figures.get("projects") or {})]},
        )
    db.session.expire(meeting)
    return bool(stored)


def remove_meeting(meeting: BoardMeeting, actor_id: int | None) -> bool:
    """Delete the meeting and its kept figures, with a note in the audit trail of what went.
    False, with nothing written, if it had gone already (removed by someone at the same
    moment)."""
    held_on = meeting.held_on
    meeting_id = meeting.id
    figures_taken_at = meeting.figures_taken_at
    deleted = db.session.execute(
        delete(BoardMeeting)
        .where(BoardMeeting.id == meeting_id)
        .execution_options(synchronize_session=False)
    )
    db.session.expunge(meeting)
    if deleted.rowcount == 0:
        return False
    note = f"Removed the board meeting on {long_date(held_on)}"
    if figures_taken_at is not None:
        note += " and the figures kept for it"
    record(
        actor_id,
        "removed",
        "board_meeting",
        meeting_id,
        note,
        {
            "held_on": [held_on.isoformat(), None],
            "figures_taken_at": [
                figures_taken_at.isoformat() if figures_taken_at else None,
                None,
            ],
        },
    )
    return True


def open_actions(allowed: Collection[int] | None) -> list[PackAction]:
    """Every open action the team sees on the projects in scope, with its owner's name, in
    one query."""
    query = (
        select(
            Action.id,
            Action.project_id,
            Action.point_number,
            Action.description,
            Person.name,
            Action.owner_name,
            Action.status,
            Action.due_date,
        )
        .join(Project, Project.id == Action.project_id)
        .outerjoin(Person, Person.id == Action.owner_id)
        .where(Action.status.in_(sorted(OPEN_STATUSES)), seen_by_team())
        .order_by(Action.id)
    )
    if allowed is not None:
        query = query.where(Project.directorate_id.in_(sorted(allowed)))
    return [
        PackAction(
            id=action_id,
            project_id=project_id,
            point_number=number,
            description=description,
            owner=person or owner_name or "No owner",
            status=status,
            due=due,
        )
        for action_id, project_id, number, description, person, owner_name, status, due in (
            db.session.execute(query)
        )
    ]


def action_descriptions(action_ids: Collection[int]) -> dict[int, str]:
    """``{action id: its description}`` for the actions a page names, in one query."""
    return dict(
        db.session.execute(
            select(Action.id, Action.description).where(Action.id.in_(sorted(action_ids)))
        ).all()
    )
