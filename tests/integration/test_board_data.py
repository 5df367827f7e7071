"""The board's portfolio loaded from the database: the rating that counts, actions, the
directorate scope, and a fixed number of queries however many projects there are."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import event

from app.data.board import portfolio_rows, scope_of
from app.extensions import db
from app.models import Directorate, DirectorateScope
from app.rules.portfolio import BoardOverall, Stage
from tests.conftest import TODAY
from tests.integration.factories import (
    complete_every_point,
    make_action,
    make_project,
    start_assessment,
)


def submitted(database, project, person, rating="green"):
    assessment = start_assessment(database, project, person)
    complete_every_point(database, assessment, rating)
    assessment.status = "submitted"
    assessment.submitted_at = datetime(2026, 11, 2, 10, tzinfo=UTC)
    database.commit()
    return assessment


def counted(database):
    statements = []

    def note(conn, cursor, statement, *args):
        if not statement.lstrip().upper().startswith(("SAVEPOINT", "RELEASE", "ROLLBACK")):
            statements.append(statement)

    engine = database.get_bind()
    event.listen(engine, "before_cursor_execute", note)
    try:
        rows = portfolio_rows(None, TODAY)
    finally:
        event.remove(engine, "before_cursor_execute", note)
    return rows, len(statements)


def test_rows_carry_the_rating_that_counts_actions_and_stage(database, make_person):
    person = make_person()
    red = make_project(database, "Blue Badge", phase="private_beta", team=[(person, "member")])
    assessment = submitted(database, red, person, "red")
    make_action(database, red, assessment, due_date=date(2020, 1, 1))
    make_project(database, "Waste collection", phase="discovery")

    rows = {row.facts.name: row for row in portfolio_rows(None, TODAY)}

    blue = rows["Blue Badge"]
    assert blue.board_overall is BoardOverall.RED
    assert blue.stage is Stage.DELIVERY
    assert len(blue.red_points) == len(blue.cells) == 14
    assert blue.overdue_actions >= 1
    assert blue.staleness.stale is False
    waste = rows["Waste collection"]
    assert waste.board_overall is BoardOverall.NOT_ASSESSED
    assert waste.staleness.words == "Never assessed"
    assert waste.stage is Stage.CONCEPT


def test_scope_limits_the_rows_to_a_persons_directorates(database, make_person):
    director = make_person(["board_member"])
    make_project(database, "Blue Badge")
    other = Directorate(name="Place")
    database.add(other)
    database.commit()
    placed = make_project(database, "Road repairs")
    placed.directorate = other
    database.commit()

    assert scope_of(director.id) is None
    database.add(DirectorateScope(person_id=director.id, directorate_id=other.id))
    database.commit()

    allowed = scope_of(director.id)
    assert allowed == {other.id}
    assert [row.facts.name for row in portfolio_rows(allowed, TODAY)] == ["Road repairs"]


def test_query_count_does_not_grow_with_projects(database, make_person):
    person = make_person()
    for n in range(2):
        project = make_project(database, f"Project {n}", team=[(person, "member")])
        submitted(database, project, person, "amber")
    few_rows, few = counted(database)
    for n in range(2, 8):
        project = make_project(database, f"Project {n}", team=[(person, "member")])
        submitted(database, project, person, "amber")
    many_rows, many = counted(database)
    assert len(many_rows) > len(few_rows)
    assert few == many <= 14, (few, many)
    assert db.session is database


def _settled(database, project, person, phase, when, ratings):
    """A submitted self-assessment of ``project`` in ``phase`` at ``when``: every point
    green, except ``ratings`` ({point number: rating, or None for left unrated})."""
    from tests.integration.factories import answer

    project.phase = phase
    database.commit()
    assessment = submitted(database, project, person, "green")
    for number, rating in ratings.items():
        answer(database, assessment, number).self_rating = rating
    assessment.submitted_at = when
    database.commit()
    return assessment


def _row(name):
    return {row.facts.name: row for row in portfolio_rows(None, TODAY)}[name]


def test_an_earlier_red_counts_only_where_no_later_assessment_rated_the_point(
    database, make_person
):
    person = make_person()
    project = make_project(database, "Blue Badge", phase="alpha", team=[(person, "member")])
    _settled(database, project, person, "alpha", datetime(2026, 6, 1, tzinfo=UTC), {3: "red"})
    latest = _settled(
        database, project, person, "private_beta", datetime(2026, 10, 1, tzinfo=UTC), {}
    )
    # The beta one rated point 3 green: the alpha red is cleared.
    assert not _row("Blue Badge").moved_on_past_red

    # Left unrated in beta, the red from alpha still stands, and the grid's cell is empty.
    from tests.integration.factories import answer

    answer(database, latest, 3).self_rating = None
    database.commit()
    row = _row("Blue Badge")
    assert row.past_red.points == ((3, "alpha"),)
    assert row.cell(3).rating.rating is None


def test_a_panel_red_over_an_earlier_self_assessment_counts_as_left_red(database, make_person):
    from tests.integration.factories import answer, make_panel_assessment

    person = make_person()
    project = make_project(database, "Blue Badge", phase="alpha", team=[(person, "member")])
    alpha = _settled(database, project, person, "alpha", datetime(2026, 6, 1, tzinfo=UTC), {})
    review = make_panel_assessment(
        database,
        project,
        status="published",
        self_assessment=alpha,
        published_at=datetime(2026, 6, 20, tzinfo=UTC),
    )
    from app.models import Judgement

    database.add(
        Judgement(
            assessment_id=review.id, point_id=answer(database, alpha, 5).point_id, rating="red"
        )
    )
    database.commit()
    assert _row("Blue Badge").past_red.points == ()  # red in its own phase is just red

    latest = _settled(
        database, project, person, "private_beta", datetime(2026, 10, 1, tzinfo=UTC), {5: None}
    )
    assert _row("Blue Badge").past_red.points == ((5, "alpha"),)
    answer(database, latest, 5).self_rating = "amber"
    database.commit()
    assert _row("Blue Badge").past_red.points == ()


def test_a_follow_up_stored_without_its_self_assessment_still_rates_it(database, make_person):
    """A reassessment arranged before follow-ups were given their original's
    self-assessment finds it through the assessment it follows."""
    from app.data.ratings import point_ratings
    from app.models import Judgement
    from tests.integration.factories import answer, make_panel_assessment

    person = make_person()
    project = make_project(database, "Blue Badge", phase="alpha", team=[(person, "member")])
    alpha = _settled(database, project, person, "alpha", datetime(2026, 6, 1, tzinfo=UTC), {})
    first = make_panel_assessment(
        database,
        project,
        status="published",
        self_assessment=alpha,
        published_at=datetime(2026, 6, 20, tzinfo=UTC),
    )
    again = make_panel_assessment(
        database,
        project,
        kind="reassessment",
        status="published",
        follows=first,
        published_at=datetime(2026, 7, 20, tzinfo=UTC),
    )
    review = make_panel_assessment(
        database,
        project,
        kind="amber_evidence_review",
        status="published",
        follows=again,
        published_at=datetime(2026, 8, 20, tzinfo=UTC),
    )
    point = answer(database, alpha, 2).point_id
    for assessment, rating in ((first, "red"), (again, "amber"), (review, "green")):
        database.add(Judgement(assessment_id=assessment.id, point_id=point, rating=rating))
    database.commit()

    assert point_ratings([alpha.id])[alpha.id][2] == ("green", "green")
    review.published_at = datetime(2026, 6, 25, tzinfo=UTC)  # published before the other
    database.commit()
    assert point_ratings([alpha.id])[alpha.id][2] == ("green", "amber")
