"""Queries and changes for assessments, the team's answers, evidence and action plans."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from app.extensions import db
from app.models import Answer, Assessment, Point, Project
from app.rules.self_assessment import AnswerStatus, AssessmentStatus


def points_owned_by(person_id: int) -> list[Answer]:
    """Points the person owns in draft self-assessments, not yet completed, across projects.

    Each answer comes with its point and its assessment's project loaded.
    """
    return list(
        db.session.scalars(
            select(Answer)
            .join(Answer.assessment)
            .join(Assessment.project)
            .join(Answer.point)
            .options(
                joinedload(Answer.point),
                joinedload(Answer.assessment).joinedload(Assessment.project),
            )
            .where(
                Answer.owner_id == person_id,
                Answer.status != AnswerStatus.COMPLETED.value,
                Assessment.status == AssessmentStatus.DRAFT.value,
            )
            .order_by(Project.name, Point.number, Answer.id)
        )
    )
