"""Two changes to one project's ratings committed at the same moment, on PostgreSQL: the
board's kept standing ends with both (app.data.standings locks the project's row before
working it out, and reads what the other committed once it has the lock).

The test has a database of its own, with committed data: the race needs two real
transactions, the one the test holds open and the one it starts in a thread.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from app.data.people import create_person
from app.data.standings import Standing
from app.extensions import db
from app.models import Answer, Point, ProjectStanding
from tests.integration.conftest import DEMO_HASH
from tests.integration.factories import complete_every_point, make_project, start_assessment
from tests.integration.races import app_on_its_own_database, needs_postgresql, waits_for_another

pytestmark = needs_postgresql


@pytest.fixture
def committed(tmp_path):
    """A project with a submitted self-assessment, every point green, its standing kept."""
    with app_on_its_own_database("standing_race", tmp_path) as (app, url):
        with app.app_context():
            person = create_person("Sam Team", "sam@example.gov.uk", [], password_hash=DEMO_HASH)
            project = make_project(db.session, team=[(person, "member")])
            assessment = start_assessment(db.session, project, person)
            complete_every_point(db.session, assessment, "green")
            assessment.status = "submitted"
            assessment.submitted_at = datetime(2026, 11, 2, 10, tzinfo=UTC)
            db.session.commit()
            answers = dict(
                db.session.execute(
                    select(Point.number, Answer.id)
                    .join(Answer, Answer.point_id == Point.id)
                    .where(Answer.assessment_id == assessment.id)
                ).all()
            )
            ids = {"project": project.id, "answers": answers}
            db.session.remove()
        yield app, url, ids


def kept(app, project_id: int) -> Standing:
    with app.app_context():
        facts = db.session.scalar(
            select(ProjectStanding.facts).where(ProjectStanding.project_id == project_id)
        )
        db.session.remove()
    return Standing.from_stored(facts)


def test_two_ratings_changed_at_once_are_both_kept(committed):
    app, url, ids = committed
    project, answers = ids["project"], ids["answers"]
    assert kept(app, project).ratings[3] == ("green", None)

    def rate_point_three_red():
        with app.app_context():
            db.session.get(Answer, answers[3]).self_rating = "red"
            db.session.commit()
            db.session.remove()

    waits_for_another(
        url,
        # Another commit is part-way through keeping the project's standing, having rated
        # point 5 amber...
        holding=[
            (
                "SELECT project_id FROM project_standing WHERE project_id = %s FOR UPDATE",
                (project,),
            ),
            ("UPDATE answer SET self_rating = 'amber' WHERE id = %s", (answers[5],)),
        ],
        # ...so this commit waits for it before working out the standing.
        change=rate_point_three_red,
        waiting="the other change to the project",
    )

    standing = kept(app, project)
    assert standing.ratings[3] == ("red", None)
    assert standing.ratings[5] == ("amber", None)  # the other commit's change is in it too
