"""The one query for ratings: each point's rating and each assessment's overall rating.

Every page that shows a rating reads it from here, and the rule that decides it is
``app.rules.ratings`` (the panel's rating counts once given, the team's stays beside it;
a draft's ratings are "so far").
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable
from functools import cache

from sqlalchemy import bindparam, literal, null, select, union_all
from sqlalchemy.orm import aliased

from app.data.rows import plain_rows
from app.extensions import db
from app.models import Answer, Assessment, Judgement, Point
from app.rules.assessment_workflow import ratings_so_far
from app.rules.ratings import AssessmentRating, PointRating, assessment_rating, point_rating
from app.rules.self_assessment import AssessmentStatus

PanelAssessment = aliased(Assessment)
Followed = aliased(Assessment)
FollowedAgain = aliased(Assessment)
# How far back a follow-up's chain is walked: far more than any project's real history.
CHAIN_LIMIT = 20
_UNRATED = (None, None)


def team_self_assessment_id(assessment: Assessment) -> int | None:
    """The team's self-assessment a panel assessment reads, in at most one query.

    A peer review or formal assessment is built from it (``self_assessment_id``). A
    reassessment or amber evidence review arranged since is given its original's too; one
    stored before that has none, so it is found through ``follows``, back along the chain.
    """
    if assessment.self_assessment_id is not None or assessment.follows_id is None:
        return assessment.self_assessment_id
    chain = (
        select(
            Assessment.id,
            Assessment.follows_id,
            Assessment.self_assessment_id,
            literal(1).label("depth"),
        )
        .where(Assessment.id == assessment.follows_id)
        .cte("chain", recursive=True)
    )
    earlier = aliased(Assessment)
    chain = chain.union_all(
        select(earlier.id, earlier.follows_id, earlier.self_assessment_id, chain.c.depth + 1).where(
            earlier.id == chain.c.follows_id, chain.c.depth < CHAIN_LIMIT
        )
    )
    return db.session.scalar(
        select(chain.c.self_assessment_id)
        .where(chain.c.self_assessment_id.is_not(None))
        .order_by(chain.c.depth)
        .limit(1)
    )


def point_ratings(assessment_ids) -> dict[int, dict[int, tuple[str | None, str | None]]]:
    """``{assessment id: {point number: (team rating, panel rating)}}`` in one query.

    ``assessment_ids`` (a list or a subquery) are self-assessments. The panel's rating of
    a point is the one given by the latest *published* panel assessment built from that
    self-assessment (or following one that was: a reassessment or amber evidence review
    rates only some points, the rest keep the earlier panel's rating). A panel's drafts
    are never shown as the rating that counts.
    """
    ratings: dict[int, dict[int, tuple[str | None, str | None]]] = defaultdict(dict)
    if isinstance(assessment_ids, Collection):
        # A list of ids: the query is built once, the ids bound on each use.
        query, bound = _query_for_lists(), {"ids": list(assessment_ids)}
    else:
        query, bound = _query(assessment_ids), {}
    panels = []
    for row in plain_rows(query, bound):
        if row[0] == _TEAM:
            ratings[row[1]][row[2]] = (row[3], None)
        else:
            panels.append(row)
    # Later publications overwrite earlier ones: the latest rating of each point counts.
    panels.sort(key=lambda row: (row[4] is not None, row[4] or 0, row[5]))
    for _, assessment_id, number, value, _, _ in panels:
        points = ratings[assessment_id]
        points[number] = (points.get(number, _UNRATED)[0], value)
    return ratings


# What each row of the query holds: a team's rating, or a panel's.
_TEAM, _PANEL = 0, 1


@cache
def _query_for_lists():
    return _query(bindparam("ids", expanding=True))


def _query(assessment_ids):
    """One query of the team's ratings and the panels' ratings (with when each was
    published), of the self-assessments ``assessment_ids``. Each row is ``(_TEAM or
    _PANEL, self-assessment id, point number, rating, published at, panel assessment
    id)``; a team's row has no time or panel."""
    answers = (
        select(
            literal(_TEAM),
            Answer.assessment_id,
            Point.number,
            Answer.self_rating,
            null().label("published_at"),
            null().label("panel_id"),
        )
        .join(Point, Point.id == Answer.point_id)
        .where(Answer.assessment_id.in_(assessment_ids))
    )
    found = [answers]
    for built_from, branch in _panel_branches(assessment_ids):
        query = (
            select(
                literal(_PANEL),
                built_from,
                Point.number,
                Judgement.rating,
                PanelAssessment.published_at,
                PanelAssessment.id,
            )
            .select_from(Judgement)
            .join(PanelAssessment, PanelAssessment.id == Judgement.assessment_id)
            .join(Point, Point.id == Judgement.point_id)
            .where(
                PanelAssessment.status == AssessmentStatus.PUBLISHED.value,
                Judgement.rating.is_not(None),
                *branch,
            )
        )
        if built_from is not PanelAssessment.self_assessment_id:
            query = query.join(Followed, Followed.id == PanelAssessment.follows_id)
        if built_from is FollowedAgain.self_assessment_id:
            query = query.join(FollowedAgain, FollowedAgain.id == Followed.follows_id)
        found.append(query)
    return union_all(*found)


def _panel_branches(assessment_ids):
    """The self-assessment each published panel assessment was built from, in three
    branches that each use an index: its own, or (for a follow-up arranged before it was
    given its original's) the one of the assessment it follows, or the one before that."""
    return [
        (
            PanelAssessment.self_assessment_id,
            [PanelAssessment.self_assessment_id.in_(assessment_ids)],
        ),
        (
            Followed.self_assessment_id,
            [
                PanelAssessment.self_assessment_id.is_(None),
                Followed.self_assessment_id.in_(assessment_ids),
            ],
        ),
        (
            FollowedAgain.self_assessment_id,
            [
                PanelAssessment.self_assessment_id.is_(None),
                Followed.self_assessment_id.is_(None),
                FollowedAgain.self_assessment_id.in_(assessment_ids),
            ],
        ),
    ]


def ratings_of_points(assessment: Assessment) -> dict[int, PointRating]:
    """``{point number: its rating}`` for one assessment, in point order."""
    found = point_ratings([assessment.id]).get(assessment.id, {})
    so_far = ratings_so_far(assessment.status)
    return {
        number: point_rating(team, panel, so_far) for number, (team, panel) in sorted(found.items())
    }


def overall_ratings(assessments: Iterable[Assessment]) -> dict[int, AssessmentRating]:
    """``{assessment id: its overall rating}`` for several assessments, in one query."""
    assessments = list(assessments)
    found = point_ratings([assessment.id for assessment in assessments]) if assessments else {}
    return {
        assessment.id: rating_of(assessment, found.get(assessment.id, {}))
        for assessment in assessments
    }


def rating_of(
    assessment: Assessment, ratings: dict[int, tuple[str | None, str | None]]
) -> AssessmentRating:
    """The overall rating of ``assessment`` from ``{point number: (team, panel)}``."""
    so_far = ratings_so_far(assessment.status)
    return assessment_rating(
        (point_rating(team, panel, so_far) for team, panel in ratings.values()), so_far
    )


def overall_of(assessment: Assessment, points: dict[int, PointRating]) -> AssessmentRating:
    """The overall rating from ``ratings_of_points(assessment)``, with no further query."""
    return assessment_rating(points.values(), ratings_so_far(assessment.status))
