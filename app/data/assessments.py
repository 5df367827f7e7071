"""Queries and changes for assessments themselves: finding them, starting them, their status."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload, selectinload

from app.audit import record
from app.extensions import db
from app.models import Answer, Assessment, AuditEvent, FrameworkVersion, Person, Project
from app.models.base import utcnow
from app.rules.phases import phase_label
from app.rules.self_assessment import AssessmentKind, AssessmentStatus

# --- Reading a project's assessments ---------------------------------------------------------


def assessment_count(project_id: int) -> int:
    return db.session.scalar(
        select(func.count(Assessment.id)).where(Assessment.project_id == project_id)
    )


def assessments_for_project(project_id: int) -> list[Assessment]:
    """Newest first, each with its framework version loaded."""
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


def _self_assessment_drafts(project_id: int, phase: str):
    """The project's self-assessments for ``phase`` still in draft, newest first."""
    return (
        select(Assessment)
        .where(
            Assessment.project_id == project_id,
            Assessment.phase == phase,
            Assessment.kind == AssessmentKind.SELF_ASSESSMENT.value,
            Assessment.status == AssessmentStatus.DRAFT.value,
        )
        .order_by(Assessment.created_at.desc(), Assessment.id.desc())
    )


def draft_self_assessment(project_id: int, phase: str) -> Assessment | None:
    """The team's draft for ``phase``: there is one at most (migration 0003)."""
    return db.session.scalar(_self_assessment_drafts(project_id, phase).limit(1))


def self_assessment_drafts(project_id: int, phase: str) -> list[Assessment]:
    """Every draft for ``phase``, newest first, in case an older one was left behind."""
    return list(db.session.scalars(_self_assessment_drafts(project_id, phase)))


def assessment_in_project(
    project_id: int, assessment_id: int, for_change: bool = False
) -> Assessment | None:
    """The assessment, only if it belongs to the project.

    ``for_change`` locks its row until the transaction ends (on databases that lock
    rows), and reads it afresh, so changes that depend on its status are made one at a time.
    """
    query = (
        select(Assessment)
        .options(joinedload(Assessment.framework_version).joinedload(FrameworkVersion.framework))
        .where(Assessment.id == assessment_id, Assessment.project_id == project_id)
    )
    if for_change:
        query = query.with_for_update(of=Assessment).execution_options(populate_existing=True)
    return db.session.scalar(query)


# --- Changing them -----------------------------------------------------------------------------


def start_self_assessment(project: Project, actor_id: int) -> Assessment:
    """A draft self-assessment for the project's current phase, on today's framework version."""
    version = db.session.scalar(
        select(FrameworkVersion)
        .options(selectinload(FrameworkVersion.points))
        .where(FrameworkVersion.framework_id == project.framework_id)
        .order_by(FrameworkVersion.number.desc())
        .limit(1)
    )
    assessment = Assessment(
        project_id=project.id,
        framework_version_id=version.id,
        phase=project.phase,
        kind=AssessmentKind.SELF_ASSESSMENT.value,
        status=AssessmentStatus.DRAFT.value,
        started_by_id=actor_id,
    )
    assessment.answers = [Answer(point_id=point.id) for point in version.points]
    db.session.add(assessment)
    db.session.flush()
    record(
        actor_id,
        "started",
        "assessment",
        assessment.id,
        started_summary(project.phase, version.number),
        project_id=project.id,
    )
    return assessment


def started_summary(phase: str, version_number: int) -> str:
    """How the audit trail words the start of a self-assessment."""
    return (
        f"Started a self-assessment for {phase_label(phase).lower()} "
        f"against version {version_number} of the framework"
    )


def change_status(
    assessment: Assessment,
    status: AssessmentStatus,
    verb: str,
    summary: str,
    actor_id: int | None,
    **more_changes: list,
) -> None:
    """Move the assessment to ``status`` and say so in the audit trail; the caller commits."""
    before = assessment.status
    assessment.status = status.value
    record(
        actor_id,
        verb,
        "assessment",
        assessment.id,
        summary,
        {"status": [before, status.value], **more_changes},
        project_id=assessment.project_id,
    )


SUBMITTED_SUMMARY = "Submitted the self-assessment for peer review"


def submit_self_assessment(assessment: Assessment, actor_id: int) -> None:
    assessment.submitted_at = utcnow()
    change_status(
        assessment,
        AssessmentStatus.SUBMITTED,
        "submitted",
        SUBMITTED_SUMMARY,
        actor_id,
    )


def return_to_team(assessment: Assessment, reason: str, actor_id: int) -> None:
    """Send a submitted self-assessment back to the team as a draft, saying why."""
    change_status(
        assessment,
        AssessmentStatus.DRAFT,
        "returned",
        "Returned the self-assessment to the team: " + reason.strip(),
        actor_id,
        reason=[None, reason.strip()],
    )


def last_return(assessment_id: int) -> AuditEvent | None:
    """When and why the self-assessment was last returned to the team, if it was."""
    return db.session.scalar(
        select(AuditEvent)
        .options(joinedload(AuditEvent.actor).lazyload(Person.role_grants))
        .where(
            AuditEvent.subject_type == "assessment",
            AuditEvent.subject_id == assessment_id,
            AuditEvent.verb == "returned",
        )
        .order_by(AuditEvent.occurred_at.desc(), AuditEvent.id.desc())
        .limit(1)
    )
