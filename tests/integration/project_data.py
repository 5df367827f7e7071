"""Builders for the project tests: assessments with ratings, and actions."""

from __future__ import annotations

from datetime import date

from app.models import Action, Answer, Project
from tests.integration.factories import answer, start_assessment


def rate(database, assessment, ratings: dict[int, str]) -> None:
    """Give points of ``assessment`` the team's ratings, by point number."""
    for number, rating in ratings.items():
        item: Answer = answer(database, assessment, number)
        item.self_rating = rating
        item.status = "completed"
    database.commit()


def assessed(database, project: Project, person, ratings: dict[int, str]):
    assessment = start_assessment(database, project, person)
    rate(database, assessment, ratings)
    return assessment


def add_action(
    database,
    project: Project,
    assessment=None,
    number: int | None = None,
    status: str = "open",
    due: date | None = None,
    description: str = "Run more research",
) -> Action:
    point_id = answer(database, assessment, number).point_id if assessment and number else None
    action = Action(
        project_id=project.id,
        assessment_id=assessment.id if assessment else None,
        point_id=point_id,
        point_number=number,
        description=description,
        due_date=due,
        status=status,
    )
    database.add(action)
    database.commit()
    return action
