"""Panel work for report tests: a scored panel assessment of a project built from the
team's submitted self-assessment, made directly as rows (as the scoring part would leave
it). Used by the integration tests, the browser tests (in the live server's app context)
and the report benchmark."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import select

from app.models import Action, Answer, Judgement, Point
from tests.integration.factories import make_panel_assessment, start_assessment

RATINGS = ("green", "amber", "red")


def scored_report(
    database,
    project,
    team_person,
    panel,
    kind: str = "assessment",
    status: str = "in_review",
    ratings: dict[int, str] | None = None,
    done_well: str = "The team showed us research with people who use the service.",
    to_do: str = "Test the service with people who use assistive technology.",
    actions_per_point: int = 0,
    follows=None,
    agreed: bool = True,
    **fields,
):
    """A panel assessment of ``project`` in ``status``: every point in scope judged
    (``ratings`` {number: rating}, green otherwise) and the ratings agreed."""
    own = start_assessment(database, project, team_person)
    for answer in database.scalars(select(Answer).where(Answer.assessment_id == own.id)):
        answer.evidence_account = "We did the work."
        answer.self_rating = "green"
        answer.status = "completed"
    own.status = "in_review"
    own.submitted_at = datetime.now(UTC)
    database.commit()
    fields.setdefault("brief_description", "Apply for a Blue Badge parking permit online.")
    fields.setdefault("brief_users", "Disabled people, and people who apply on their behalf.")
    fields.setdefault("summary", "A strong team with a clear plan.")
    assessment = make_panel_assessment(
        database,
        project,
        kind=kind,
        panel=panel,
        status=status,
        self_assessment=own,
        follows=follows,
        ratings_agreed_at=datetime.now(UTC) if agreed else None,
        **fields,
    )
    points = database.scalars(
        select(Point).where(Point.version_id == assessment.framework_version_id)
    ).all()
    in_scope = [p for p in points if ratings is None or follows is None or p.number in ratings]
    for point in in_scope:
        rating = (ratings or {}).get(point.number, "green")
        database.add(
            Judgement(
                assessment_id=assessment.id,
                point_id=point.id,
                rating=rating,
                done_well=done_well,
                to_do=to_do,
            )
        )
        for n in range(actions_per_point):
            database.add(
                Action(
                    project_id=project.id,
                    assessment_id=assessment.id,
                    point_id=point.id,
                    point_number=point.number,
                    description=f"Action {n + 1} for point {point.number}: {to_do}",
                    owner_name="Sam Lee",
                    due_date=date(2027, 3, 1),
                    source="panel",
                )
            )
    database.commit()
    return assessment
