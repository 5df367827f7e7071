"""Queries and changes for a panel's scoring: the panels a person sits on, the points in
scope of a panel assessment, the panel's judgements, the team's work the panel reads,
actions the panel adds or verifies, and the lead's summary."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from app.audit import record
from app.data.answers import person_for_name
from app.data.ratings import CHAIN_LIMIT, team_self_assessment_id
from app.extensions import db
from app.models import (
    Action,
    Answer,
    ArtefactLink,
    Assessment,
    ConflictOfInterest,
    Judgement,
    PanelMember,
    Point,
)
from app.rules.actions import ActionSource, closed_at_after
from app.rules.reports import FOLLOW_UP_KINDS, PANEL_KINDS, is_rated, points_in_scope
from app.rules.scoring import Progress, ScoringStatus, scoring_status, waits_for_panel_member
from app.rules.self_assessment import AssessmentStatus

SUBJECT = "assessment"
# The panel's work in progress (its scores, its summary, its status) is recorded without
# the project, so the project's history, which the team reads, does not show the panel's
# drafts; actions the panel adds or verifies are the project's, and recorded with it.
PANEL_ONLY = None


def assessment_for_change(assessment_id: int) -> Assessment | None:
    """The panel assessment, locked until the command commits, so two saves never cross
    its status change."""
    assessment = db.session.scalar(
        select(Assessment)
        .where(Assessment.id == assessment_id)
        .with_for_update(of=Assessment)
        .execution_options(populate_existing=True)
    )
    if assessment is None or assessment.kind not in PANEL_KINDS:
        return None
    return assessment


# --- Points in scope ---------------------------------------------------------------------------


def points_of_version(version_id: int) -> list[Point]:
    return list(
        db.session.scalars(
            select(Point).where(Point.version_id == version_id).order_by(Point.number)
        )
    )


def panel_ratings_counted(assessment: Assessment | None) -> dict[int, str | None]:
    """``{point number: rating}`` an earlier panel assessment left: its own ratings over
    the ones it carried from the assessment it followed (and so on back)."""
    chain: list[Assessment] = []
    seen: set[int] = set()
    while assessment is not None and assessment.id not in seen:
        chain.append(assessment)
        seen.add(assessment.id)
        assessment = assessment.follows
    ratings: dict[int, str | None] = {}
    for earlier in reversed(chain):
        for number, rating in db.session.execute(
            select(Point.number, Judgement.rating)
            .join(Point, Point.id == Judgement.point_id)
            .where(Judgement.assessment_id == earlier.id, Judgement.rating.is_not(None))
        ):
            ratings[number] = rating
    return ratings


def scope_of(assessment: Assessment, points: list[Point] | None = None) -> list[Point]:
    """The framework's points the panel looks at: every point, or for a reassessment the
    points rated red last time and for an amber evidence review the amber ones."""
    points = points if points is not None else points_of_version(assessment.framework_version_id)
    earlier = (
        panel_ratings_counted(assessment.follows) if assessment.kind in FOLLOW_UP_KINDS else None
    )
    wanted = set(points_in_scope(assessment.kind, [p.number for p in points], earlier))
    return [point for point in points if point.number in wanted]


def carried_ratings(assessment: Assessment) -> dict[int, str | None]:
    """The ratings a reassessment or amber evidence review keeps from the earlier one."""
    if assessment.kind not in FOLLOW_UP_KINDS:
        return {}
    return panel_ratings_counted(assessment.follows)


# --- Judgements --------------------------------------------------------------------------------


def judgements_by_number(assessment_id: int) -> dict[int, Judgement]:
    return {
        judgement.point.number: judgement
        for judgement in db.session.scalars(
            select(Judgement)
            .options(joinedload(Judgement.point))
            .where(Judgement.assessment_id == assessment_id)
        )
    }


def has_declared_conflict(person_id: int, project_id: int) -> bool:
    """Whether the person has declared a conflict of interest with the project."""
    return (
        db.session.scalar(
            select(ConflictOfInterest.id).where(
                ConflictOfInterest.person_id == person_id,
                ConflictOfInterest.project_id == project_id,
            )
        )
        is not None
    )


def judgement_for(assessment_id: int, point_id: int) -> Judgement | None:
    return db.session.scalar(
        select(Judgement).where(
            Judgement.assessment_id == assessment_id, Judgement.point_id == point_id
        )
    )


def statuses_by_number(
    assessment: Assessment, scope: list[Point], judgements: dict[int, Judgement]
) -> dict[int, str]:
    rated = is_rated(assessment.kind, assessment.phase)
    statuses = {}
    for point in scope:
        found = judgements.get(point.number)
        statuses[point.number] = (
            scoring_status(rated, found.rating, found.done_well, found.to_do)
            if found
            else ScoringStatus.NOT_STARTED
        ).value
    return statuses


def save_judgement(
    assessment: Assessment,
    point: Point,
    judgement: Judgement | None,
    fields: dict[str, str | None],
    actor_id: int,
    summary: str,
) -> Judgement:
    if judgement is None:
        judgement = Judgement(assessment_id=assessment.id, point_id=point.id)
        db.session.add(judgement)
    before = {name: getattr(judgement, name) for name in fields}
    for name, value in fields.items():
        setattr(judgement, name, value)
    judgement.updated_by_id = actor_id
    db.session.flush()
    changes = {
        name: [before[name], value] for name, value in fields.items() if before[name] != value
    }
    record(
        actor_id,
        "scored",
        "judgement",
        judgement.id,
        summary,
        changes,
        project_id=PANEL_ONLY,
    )
    return judgement


# --- Panels a person sits on -------------------------------------------------------------------


@dataclass(frozen=True)
class PanelRow:
    assessment: Assessment
    panel_role: str
    progress_scored: int
    progress_total: int

    @property
    def progress(self) -> Progress:
        return Progress(self.progress_scored, self.progress_total)

    @property
    def waiting_for_you(self) -> bool:
        return waits_for_panel_member(
            self.assessment.status, self.panel_role, self.progress.complete
        )


def panels_of(person_id: int) -> list[PanelRow]:
    """The panel assessments ``person_id`` sits on, soonest first and published ones last,
    withdrawn ones left out, each with how far scoring has got. A fixed number of queries
    however many there are."""
    rows = db.session.execute(
        select(Assessment, PanelMember.panel_role)
        .join(PanelMember, PanelMember.assessment_id == Assessment.id)
        .options(joinedload(Assessment.project))
        .where(
            PanelMember.person_id == person_id,
            Assessment.kind.in_(sorted(PANEL_KINDS)),
            Assessment.status != AssessmentStatus.WITHDRAWN.value,
        )
        .order_by(Assessment.assessment_date, Assessment.id)
    ).all()
    if not rows:
        return []
    assessments = [row[0] for row in rows]
    numbers: dict[int, list[int]] = {}
    for version_id, number in db.session.execute(
        select(Point.version_id, Point.number).where(
            Point.version_id.in_({a.framework_version_id for a in assessments})
        )
    ):
        numbers.setdefault(version_id, []).append(number)
    # The ratings the follow-up kinds start from, and each assessment's judgements.
    ids = {a.id for a in assessments} | {
        a.follows_id for a in assessments if a.kind in FOLLOW_UP_KINDS and a.follows_id
    }
    found: dict[int, dict[int, tuple[str | None, str, str]]] = {}
    for assessment_id, number, rating, done_well, to_do in db.session.execute(
        select(
            Judgement.assessment_id,
            Point.number,
            Judgement.rating,
            Judgement.done_well,
            Judgement.to_do,
        )
        .join(Point, Point.id == Judgement.point_id)
        .where(Judgement.assessment_id.in_(ids))
    ):
        found.setdefault(assessment_id, {})[number] = (rating, done_well, to_do)
    result = []
    for assessment, role in rows:
        earlier = (
            {n: r for n, (r, _, _) in found.get(assessment.follows_id, {}).items()}
            if assessment.kind in FOLLOW_UP_KINDS
            else None
        )
        scope = points_in_scope(
            assessment.kind, numbers.get(assessment.framework_version_id, []), earlier
        )
        rated = is_rated(assessment.kind, assessment.phase)
        own = found.get(assessment.id, {})
        scored = sum(
            1 for n in scope if n in own and scoring_status(rated, *own[n]) == ScoringStatus.SCORED
        )
        result.append(PanelRow(assessment, role, scored, len(scope)))
    # Those still to do first; published reports after them.
    return sorted(result, key=lambda row: row.assessment.status == AssessmentStatus.PUBLISHED)


def panel_of(assessment_id: int) -> list[PanelMember]:
    return list(
        db.session.scalars(
            select(PanelMember)
            .options(person_for_name(PanelMember.person))
            .where(PanelMember.assessment_id == assessment_id)
            .order_by(PanelMember.id)
        )
    )


# --- The team's work the panel reads -----------------------------------------------------------


def team_self_assessment(assessment: Assessment) -> Assessment | None:
    """The team's self-assessment the panel reads: a reassessment's or amber evidence
    review's is its original's (``app.data.ratings.team_self_assessment_id``)."""
    if assessment.self_assessment_id is not None:
        return assessment.self_assessment
    found = team_self_assessment_id(assessment)
    return db.session.get(Assessment, found) if found is not None else None


def team_answers(self_assessment_id: int | None) -> dict[int, Answer]:
    """The team's answers in the self-assessment the panel reads, by point number."""
    if self_assessment_id is None:
        return {}
    return {
        answer.point.number: answer
        for answer in db.session.scalars(
            select(Answer)
            .options(
                joinedload(Answer.point),
                selectinload(Answer.artefact_links).joinedload(ArtefactLink.artefact),
            )
            .where(Answer.assessment_id == self_assessment_id)
        )
    }


def team_answer(self_assessment_id: int | None, number: int) -> Answer | None:
    if self_assessment_id is None:
        return None
    return db.session.scalar(
        select(Answer)
        .join(Answer.point)
        .options(selectinload(Answer.artefact_links).joinedload(ArtefactLink.artefact))
        .where(Answer.assessment_id == self_assessment_id, Point.number == number)
    )


def actions_by_number(project_id: int, assessment_ids: list[int]) -> dict[int, list[Action]]:
    """Actions of the project from these assessments (the team's plan, the panel's), by
    point number."""
    grouped: dict[int, list[Action]] = {}
    ids = [i for i in assessment_ids if i is not None]
    if not ids:
        return grouped
    for action in db.session.scalars(
        select(Action)
        .options(person_for_name(Action.owner))
        .where(Action.project_id == project_id, Action.assessment_id.in_(ids))
        .order_by(Action.point_number, Action.id)
    ):
        grouped.setdefault(action.point_number, []).append(action)
    return grouped


def earlier_reports(assessment: Assessment) -> list[Assessment]:
    """The project's other published panel assessments, newest first."""
    return list(
        db.session.scalars(
            select(Assessment)
            .where(
                Assessment.project_id == assessment.project_id,
                Assessment.id != assessment.id,
                Assessment.kind.in_(sorted(PANEL_KINDS)),
                Assessment.status == AssessmentStatus.PUBLISHED.value,
            )
            .order_by(Assessment.published_at.desc(), Assessment.id.desc())
        )
    )


def published_report_of(project_id: int, report_id: int) -> Assessment | None:
    report = db.session.get(Assessment, report_id)
    if (
        report is None
        or report.project_id != project_id
        or report.kind not in PANEL_KINDS
        or report.status != AssessmentStatus.PUBLISHED.value
    ):
        return None
    return report


# --- Actions the panel adds and verifies -------------------------------------------------------


def add_panel_action(
    assessment: Assessment,
    point: Point,
    description: str,
    owner_id: int | None,
    owner_name: str | None,
    due_date,
    actor_id: int,
    summary: str,
) -> Action:
    action = Action(
        project_id=assessment.project_id,
        assessment_id=assessment.id,
        point_id=point.id,
        point_number=point.number,
        description=description,
        owner_id=owner_id,
        owner_name=owner_name,
        due_date=due_date,
        source=ActionSource.PANEL.value,
        created_by_id=actor_id,
        updated_by_id=actor_id,
    )
    db.session.add(action)
    db.session.flush()
    record(
        actor_id,
        "added",
        "action",
        action.id,
        summary,
        {"description": [None, description], "due_date": [None, str(due_date)]},
        project_id=assessment.project_id,
    )
    return action


def followed_ids(assessment: Assessment) -> list[int]:
    """The ids of the assessments a follow-up follows, nearest first, back along the chain
    (an amber evidence review after a reassessment after the first report)."""
    ids: list[int] = []
    earlier = assessment.follows
    while earlier is not None and earlier.id not in ids and len(ids) < CHAIN_LIMIT:
        ids.append(earlier.id)
        earlier = earlier.follows
    return ids


def actions_to_verify(assessment: Assessment, numbers: list[int]) -> list[Action]:
    """The actions an amber evidence review checks: those of the project for the points in
    its scope, set by the assessments it follows back along the chain (a reassessment
    after the first report sets none for the points it carries, so the first report's
    actions are still the ones to check) and by the team's self-assessment, by point."""
    earlier = assessment.follows
    if earlier is None or not numbers:
        return []
    ids = [i for i in (team_self_assessment_id(earlier),) if i is not None]
    ids += followed_ids(assessment)
    return list(
        db.session.scalars(
            select(Action)
            .options(person_for_name(Action.owner), joinedload(Action.verified_by))
            .where(
                Action.project_id == assessment.project_id,
                Action.assessment_id.in_(ids),
                Action.point_number.in_(numbers),
            )
            .order_by(Action.point_number, Action.id)
        )
    )


def not_verified(
    assessment: Assessment, action: Action, note: str, actor_id: int, now: datetime
) -> None:
    """The panel checked the action and found it not done yet: who, when (``updated_at``)
    and what is missing, in the review (``verified_in``) but with no ``verified_at``. An
    action the team marked done is open again."""
    before = action.status
    action.verified_at = None
    action.verified_by_id = actor_id
    action.verified_in_id = assessment.id
    action.verification_evidence = note
    if action.status == "done":
        action.status = "open"
        action.closed_at = closed_at_after(before, action.status, action.closed_at, now)
    action.updated_by_id = actor_id
    db.session.flush()
    changes = {"verification_evidence": [None, note]}
    if before != action.status:
        changes["status"] = [before, action.status]
    record(
        actor_id,
        "checked",
        "action",
        action.id,
        f"Found the action for point {action.point_number} not done yet in the amber "
        f"evidence review: {action.description}"[:500],
        changes,
        project_id=assessment.project_id,
    )


def verify_action(
    assessment: Assessment, action: Action, evidence: str, actor_id: int, now: datetime
) -> None:
    before = action.status
    action.verified_at = now
    action.verified_by_id = actor_id
    action.verified_in_id = assessment.id
    action.verification_evidence = evidence
    if action.status != "done":
        action.status = "done"
        action.closed_at = now
    action.updated_by_id = actor_id
    db.session.flush()
    changes = {"verification_evidence": [None, evidence]}
    if before != action.status:
        changes["status"] = [before, action.status]
    record(
        actor_id,
        "verified",
        "action",
        action.id,
        f"Verified the action for point {action.point_number} in the amber evidence review: "
        f"{action.description}"[:500],
        changes,
        project_id=assessment.project_id,
    )


# --- The assessment's status and summary -------------------------------------------------------


def move_status(assessment: Assessment, to_status: str, actor_id: int, summary: str) -> None:
    before = assessment.status
    assessment.status = to_status
    db.session.flush()
    record(
        actor_id,
        "moved",
        SUBJECT,
        assessment.id,
        summary,
        {"status": [before, to_status]},
        project_id=PANEL_ONLY,
    )


def save_summary(
    assessment: Assessment,
    summary_text: str,
    agreed_at: datetime | None,
    agreed_by_id: int | None,
    actor_id: int,
    words: str,
) -> None:
    changes = {}
    if assessment.summary != summary_text:
        changes["summary"] = [assessment.summary, summary_text]
    if assessment.ratings_agreed_at != agreed_at:
        changes["ratings_agreed"] = [
            bool(assessment.ratings_agreed_at),
            bool(agreed_at),
        ]
    assessment.summary = summary_text
    assessment.ratings_agreed_at = agreed_at
    assessment.ratings_agreed_by_id = agreed_by_id
    db.session.flush()
    record(actor_id, "summarised", SUBJECT, assessment.id, words, changes, project_id=PANEL_ONLY)


def clear_agreement(assessment: Assessment) -> None:
    assessment.ratings_agreed_at = None
    assessment.ratings_agreed_by_id = None
