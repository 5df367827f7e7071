"""The portfolio's ratings over time: every rating that counted, and from when.

Two queries however many projects, assessments and points there are: the submitted
self-assessments with the team's ratings in them, and the published panels' ratings, each
assessment's ratings packed into one string by the database. The replaying is
app.rules.rating_timeline's.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import String, cast, func, or_, select

from app.clock import uk_date
from app.data.board import _projects
from app.data.ordering import PROJECT_NAME_ORDER
from app.data.portfolio import submitted_and_not_withdrawn
from app.data.ratings import Followed, FollowedAgain, PanelAssessment
from app.extensions import db
from app.models import Answer, Assessment, Directorate, Judgement, Point, Project
from app.rules.portfolio_trends import RatingEvent
from app.rules.rating_timeline import (
    PanelRatings,
    SelfAssessmentRatings,
    State,
    events_from_timelines,
    project_timelines,
)
from app.rules.ratings import Rating
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


def _counted(allowed: Collection[int] | None):
    """The conditions on a self-assessment whose ratings counted at some time: submitted
    and still settled, or submitted and later withdrawn."""
    return (
        Assessment.project_id.in_(_projects(allowed)),
        Assessment.kind == SELF,
        Assessment.submitted_at.is_not(None),
        or_(submitted_and_not_withdrawn(), Assessment.status == WITHDRAWN),
    )


# Ratings as the database stores them, looked up without parsing each one.
RATINGS = {rating.value: rating for rating in Rating}


# Every "number:rating" item of a framework of up to 99 points, read once.
_ITEMS: dict[str, tuple[int, Rating | None]] = {
    f"{number}:{value}": (number, RATINGS.get(value))
    for number in range(1, 100)
    for value in ("", *RATINGS)
}


def _item(item: str) -> tuple[int, Rating | None]:
    number, _, value = item.partition(":")
    return int(number), RATINGS.get(value)


def _ratings(packed: str | None, seen: dict) -> dict[int, Rating | None]:
    """``{point number: rating}`` from "1:green,2:,3:red" (a point not rated: nothing);
    the same string read once (``seen``)."""
    found = seen.get(packed)
    if found is None:
        items = packed.split(",") if packed else []
        try:
            found = dict(map(_ITEMS.__getitem__, items))
        except KeyError:
            found = dict(map(_item, items))
        seen[packed] = found
    return found


def _packed(rating_column):
    """Each point's number and rating as one string for the whole assessment, so the
    database sends a row an assessment rather than a row a point."""
    return func.aggregate_strings(
        cast(Point.number, String) + ":" + func.coalesce(rating_column, ""), ","
    )


def rating_history(allowed: Collection[int] | None) -> list[RatingEvent]:
    """Every change to a rating that counts in the projects in scope, oldest first: the
    events app.rules.portfolio_trends.green_share_by_month reads. Two queries."""
    return events_from_timelines(rating_timelines(allowed))


def rating_timelines(allowed: Collection[int] | None) -> dict[int, list[State]]:
    """``{project id: the ratings that counted for it, state by state}`` for the projects in
    scope that have had a self-assessment submitted. Two queries, however many projects,
    assessments and points: the self-assessments with their team's ratings, and the
    published panels' ratings of them."""
    seen: dict = {}
    assessments = [
        SelfAssessmentRatings(
            id=assessment_id,
            project_id=project_id,
            order=(created_at, assessment_id),
            submitted_on=uk_date(submitted_at),
            withdrawn_on=uk_date(withdrawn_at or submitted_at) if status == WITHDRAWN else None,
            ratings=_ratings(packed, seen),
        )
        for assessment_id, project_id, created_at, submitted_at, withdrawn_at, status, packed in (
            db.session.execute(
                select(
                    Assessment.id,
                    Assessment.project_id,
                    Assessment.created_at,
                    Assessment.submitted_at,
                    Assessment.withdrawn_at,
                    Assessment.status,
                    _packed(Answer.self_rating),
                )
                .outerjoin(Answer, Answer.assessment_id == Assessment.id)
                .outerjoin(Point, Point.id == Answer.point_id)
                .where(*_counted(allowed))
                .group_by(
                    Assessment.id,
                    Assessment.project_id,
                    Assessment.created_at,
                    Assessment.submitted_at,
                    Assessment.withdrawn_at,
                    Assessment.status,
                )
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
    published = [
        PanelRatings(
            self_assessment_id=self_assessment_id,
            published_on=uk_date(published_at),
            order=(published_at, panel_id),
            ratings=_ratings(packed, seen),
        )
        for panel_id, self_assessment_id, published_at, packed in db.session.execute(
            select(
                PanelAssessment.id,
                built_from,
                PanelAssessment.published_at,
                _packed(Judgement.rating),
            )
            .join(Judgement, Judgement.assessment_id == PanelAssessment.id)
            .outerjoin(Followed, Followed.id == PanelAssessment.follows_id)
            .outerjoin(FollowedAgain, FollowedAgain.id == Followed.follows_id)
            .join(Point, Point.id == Judgement.point_id)
            .where(
                PanelAssessment.status == AssessmentStatus.PUBLISHED.value,
                PanelAssessment.published_at.is_not(None),
                Judgement.rating.is_not(None),
                # Panels of the projects in scope; one built from a self-assessment that
                # never counted is passed over by project_timelines.
                PanelAssessment.project_id.in_(_projects(allowed)),
            )
            .group_by(PanelAssessment.id, built_from, PanelAssessment.published_at)
        )
    ]
    return project_timelines(assessments, published)
