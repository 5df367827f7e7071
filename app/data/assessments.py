"""Queries and changes for assessments themselves: finding them, starting them, their status."""

from __future__ import annotations

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import joinedload, selectinload

from app.audit import record
from app.commands import NotAllowed
from app.data.answers import answers_with_evidence, team_people
from app.extensions import db
from app.models import Answer, ArtefactLink, Assessment, FrameworkVersion, Person, Project
from app.models.base import utcnow
from app.rules.assessment_workflow import ACTIVE_STATUSES, may_move
from app.rules.phase_moves import SETTLED_STATUSES
from app.rules.phases import phase_label
from app.rules.self_assessment import (
    ASSESSMENT_STATUS_LABELS,
    AnswerStatus,
    AssessmentKind,
    AssessmentStatus,
)

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
            .where(
                Assessment.project_id == project_id,
                Assessment.kind == AssessmentKind.SELF_ASSESSMENT.value,
            )
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
    query = _FOR_CHANGE if for_change else _IN_PROJECT
    return db.session.scalar(query, {"assessment_id": assessment_id, "project_id": project_id})


# Built once: every self-assessment page asks for its assessment this way, and building the
# statement cost more than running it.
_IN_PROJECT = (
    select(Assessment)
    .options(joinedload(Assessment.framework_version).joinedload(FrameworkVersion.framework))
    .where(
        Assessment.id == bindparam("assessment_id"),
        Assessment.project_id == bindparam("project_id"),
        Assessment.kind == AssessmentKind.SELF_ASSESSMENT.value,
    )
)
_FOR_CHANGE = _IN_PROJECT.with_for_update(of=Assessment).execution_options(populate_existing=True)


# --- Changing them -----------------------------------------------------------------------------


def start_self_assessment(
    project: Project, actor_id: int, carry_from: Assessment | None = None
) -> Assessment:
    """A draft self-assessment for the project's current phase, on today's framework version.

    With ``carry_from`` (an earlier self-assessment of the project), each point starts with
    that one's account of the evidence, artefacts and owner, marked as carried over until
    the team saves the point again. Ratings are not carried over: the team rates afresh.
    """
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
    if carry_from is not None:
        _carry_over(carry_from, assessment.answers, version.points, project.id)
    db.session.add(assessment)
    db.session.flush()
    record(
        actor_id,
        "started",
        "assessment",
        assessment.id,
        started_summary(
            project.phase, version.number, carry_from.phase if carry_from is not None else None
        ),
        project_id=project.id,
    )
    return assessment


def _carry_over(earlier: Assessment, answers: list[Answer], points, project_id: int) -> None:
    """Copy each point's evidence, artefacts and owner from ``earlier`` (matched by number)."""
    before = {answer.point.number: answer for answer in answers_with_evidence(earlier.id)}
    owners = {person_id for person_id, _ in team_people(project_id)}
    for answer, point in zip(answers, points, strict=True):
        old = before.get(point.number)
        if old is None:
            continue
        # Only people still in the team, and still active, keep their points.
        answer.owner_id = old.owner_id if old.owner_id in owners else None
        if not (old.evidence_account.strip() or old.artefact_links):
            continue
        answer.evidence_account = old.evidence_account
        answer.artefact_links = [
            ArtefactLink(artefact_id=link.artefact_id) for link in old.artefact_links
        ]
        answer.status = AnswerStatus.IN_PROGRESS.value
        answer.carried_over_from_id = earlier.id


def started_summary(phase: str, version_number: int, carried_from: str | None = None) -> str:
    """How the audit trail words the start of a self-assessment."""
    summary = (
        f"Started a self-assessment for {phase_label(phase).lower()} "
        f"against version {version_number} of the framework"
    )
    if carried_from is not None:
        summary += f", carrying over the evidence from {phase_label(carried_from).lower()}"
    return summary


def change_status(
    assessment: Assessment,
    status: AssessmentStatus,
    verb: str,
    summary: str,
    actor_id: int | None,
    **more_changes: list,
) -> None:
    """Move the assessment to ``status`` and say so in the audit trail; the caller commits.

    Only a move the workflow allows (``ASSESSMENT_TRANSITIONS``) is made; any other raises
    :class:`NotAllowed` and changes nothing.
    """
    before = assessment.status
    if not may_move(before, status):
        raise NotAllowed(
            f"A {ASSESSMENT_STATUS_LABELS.get(before, before).lower()} assessment cannot become "
            f"{ASSESSMENT_STATUS_LABELS[status].lower()}."
        )
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
    change_status(
        assessment,
        AssessmentStatus.SUBMITTED,
        "submitted",
        SUBMITTED_SUMMARY,
        actor_id,
    )
    assessment.submitted_at = utcnow()
    assessment.submitted_by_id = actor_id


def open_panel_review_of(self_assessment_id: int) -> Assessment | None:
    """A panel assessment built on the self-assessment that is still open (neither
    published nor withdrawn), or None."""
    from app.rules.reports import PANEL_KINDS

    return db.session.scalar(
        select(Assessment)
        .where(
            Assessment.self_assessment_id == self_assessment_id,
            Assessment.kind.in_(PANEL_KINDS),
            Assessment.status.not_in(
                (AssessmentStatus.PUBLISHED.value, AssessmentStatus.WITHDRAWN.value)
            ),
        )
        .order_by(Assessment.id)
        .limit(1)
    )


def return_to_team(assessment: Assessment, reason: str, actor_id: int) -> None:
    """Send a submitted self-assessment back to the team as a draft, saying why."""
    reason = reason.strip()
    change_status(
        assessment,
        AssessmentStatus.DRAFT,
        "returned",
        "Returned the self-assessment to the team: " + reason,
        actor_id,
        reason=[None, reason],
    )
    assessment.returned_reason = reason
    assessment.returned_at = utcnow()
    assessment.returned_by_id = actor_id


WITHDRAWN_SUMMARY = "Withdrew the self-assessment"


def withdraw(assessment: Assessment, reason: str, actor_id: int | None) -> None:
    """Withdraw the assessment: it stays readable, and no longer counts."""
    reason = reason.strip()
    change_status(
        assessment,
        AssessmentStatus.WITHDRAWN,
        "withdrawn",
        WITHDRAWN_SUMMARY + (": " + reason if reason else ""),
        actor_id,
        **({"reason": [None, reason]} if reason else {}),
    )


def last_submitted_self_assessment(project_id: int) -> Assessment | None:
    """The team's most recently submitted self-assessment that still stands (submitted, in
    review or reported on), whatever its phase: the one a new one can start from."""
    return db.session.scalar(
        select(Assessment)
        .where(
            Assessment.project_id == project_id,
            Assessment.kind == AssessmentKind.SELF_ASSESSMENT.value,
            Assessment.status.in_(sorted(status.value for status in SETTLED_STATUSES)),
        )
        .order_by(Assessment.submitted_at.desc(), Assessment.id.desc())
        .limit(1)
    )


def self_assessment_under_review(project_id: int, phase: str) -> Assessment | None:
    """The self-assessment for ``phase`` that the team has submitted and that is not yet
    published or withdrawn, if there is one: while it is, no new one is started."""
    return db.session.scalar(
        select(Assessment)
        .options(joinedload(Assessment.submitted_by).lazyload(Person.role_grants))
        .where(
            Assessment.project_id == project_id,
            Assessment.phase == phase,
            Assessment.kind == AssessmentKind.SELF_ASSESSMENT.value,
            Assessment.status.in_(
                sorted(s.value for s in ACTIVE_STATUSES if s is not AssessmentStatus.DRAFT)
            ),
        )
        .order_by(Assessment.submitted_at.desc(), Assessment.id.desc())
        .limit(1)
    )
