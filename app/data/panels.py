"""Panel assessments and their panels: the lookups every panel page starts from."""

from __future__ import annotations

from sqlalchemy import select

from app.extensions import db
from app.models import Assessment, PanelMember
from app.rules.ids import can_be_an_id
from app.rules.reports import PANEL_KINDS


def panel_assessment_or_none(assessment_id: int) -> Assessment | None:
    """The panel assessment (not a self-assessment) with this id, or None."""
    if not can_be_an_id(assessment_id):
        return None
    assessment = db.session.get(Assessment, assessment_id)
    if assessment is None or assessment.kind not in PANEL_KINDS:
        return None
    return assessment


def panel_role_for(assessment_id: int, person_id: int) -> str | None:
    """The person's role on the assessment's panel, or None if they are not on it."""
    return db.session.scalar(
        select(PanelMember.panel_role).where(
            PanelMember.assessment_id == assessment_id, PanelMember.person_id == person_id
        )
    )
