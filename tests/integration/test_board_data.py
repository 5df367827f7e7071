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
