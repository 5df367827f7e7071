"""The portfolio's ratings over time: every rating that counted, and from when.

Three queries however many projects, assessments and points there are: the submitted
self-assessments, the team's ratings in them, and the published panels' ratings. The
replaying is app.rules.rating_timeline's.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import func, or_, select

from app.clock import uk_date
from app.data.board import _projects
from app.data.ordering import PROJECT_NAME_ORDER
from app.data.portfolio import submitted_and_not_withdrawn
from app.data.ratings import Followed, FollowedAgain, PanelAssessment
from app.extensions import db
from app.models import Answer, Assessment, Directorate, Judgement, Point, Project
from app.rules.portfolio_trends import RatingEvent
from app.rules.rating_timeline import PanelRatings, SelfAssessmentRatings, rating_events
from app.rules.self_assessment import AssessmentKind, AssessmentStatus

SELF = AssessmentKind.SELF_ASSESSMENT.value
WITHDRAWN = AssessmentStatus.WITHDRAWN.value


@dataclass(frozen=True)
class TrendProject:
    id: int
    name: str
    directorate: str


def trend_projects(allowed: Collection[int] | None) -> list[TrendProject]:
    """The projects in scope, by name, in one query."""
    return [
        TrendProject(project_id, name, directorate or "")
        for project_id, name, directorate in db.session.execute(
            select(Project.id, Project.name, Directorate.name)
            .outerjoin(Directorate, Directorate.id == Project.directorate_id)
            .where(Project.id.in_(_projects(allowed)))
            .order_by(*PROJECT_NAME_ORDER)
        )
    ]


def _counted_self_assessments(allowed: Collection[int] | None):
    """Self-assessments whose ratings counted at some time: submitted and still settled, or
    submitted and later withdrawn."""
    return select(Assessment.id).where(
        Assessment.project_id.in_(_projects(allowed)),
        Assessment.kind == SELF,
        Assessment.submitted_at.is_not(None),
        or_(submitted_and_not_withdrawn(), Assessment.status == WITHDRAWN),
    )


def rating_history(allowed: Collection[int] | None) -> list[RatingEvent]:
    """Every change to a rating that counts in the projects in scope, oldest first."""
    counted = _counted_self_assessments(allowed)
    team: dict[int, dict[int, str | None]] = defaultdict(dict)
    for assessment_id, number, value in db.session.execute(
        select(Answer.assessment_id, Point.number, Answer.self_rating)
        .join(Point, Point.id == Answer.point_id)
        .where(Answer.assessment_id.in_(counted.scalar_subquery()))
    ):
        team[assessment_id][number] = value
    assessments = [
        SelfAssessmentRatings(
            id=assessment_id,
            project_id=project_id,
            order=(created_at, assessment_id),
            submitted_on=uk_date(submitted_at),
            withdrawn_on=uk_date(withdrawn_at or submitted_at) if status == WITHDRAWN else None,
            ratings=team.get(assessment_id, {}),
        )
        for assessment_id, project_id, created_at, submitted_at, withdrawn_at, status in (
            db.session.execute(
                select(
                    Assessment.id,
                    Assessment.project_id,
                    Assessment.created_at,
                    Assessment.submitted_at,
                    Assessment.withdrawn_at,
                    Assessment.status,
                ).where(Assessment.id.in_(counted.scalar_subquery()))
            )
        )
    ]

    # As app.data.ratings.point_ratings finds them: a follow-up arranged before it was given
    # its original's self-assessment finds it through the assessments it follows.
    built_from = func.coalesce(
        PanelAssessment.self_assessment_id,
        Followed.self_assessment_id,
        FollowedAgain.self_assessment_id,
    )
    panels: dict[int, tuple[int, object, dict[int, str | None]]] = {}
    for panel_id, self_assessment_id, published_at, number, value in db.session.execute(
        select(
            PanelAssessment.id,
            built_from,
            PanelAssessment.published_at,
            Point.number,
            Judgement.rating,
        )
        .join(PanelAssessment, PanelAssessment.id == Judgement.assessment_id)
        .outerjoin(Followed, Followed.id == PanelAssessment.follows_id)
        .outerjoin(FollowedAgain, FollowedAgain.id == Followed.follows_id)
        .join(Point, Point.id == Judgement.point_id)
        .where(
            PanelAssessment.status == AssessmentStatus.PUBLISHED.value,
            PanelAssessment.published_at.is_not(None),
            Judgement.rating.is_not(None),
            built_from.in_(counted.scalar_subquery()),
        )
    ):
        found = panels.setdefault(panel_id, (self_assessment_id, published_at, {}))
        found[2][number] = value
    published = [
        PanelRatings(
            self_assessment_id=self_assessment_id,
            published_on=uk_date(published_at),
            order=(published_at, panel_id),
            ratings=ratings,
        )
        for panel_id, (self_assessment_id, published_at, ratings) in panels.items()
    ]
    return rating_events(assessments, published)
