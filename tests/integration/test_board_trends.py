"""The portfolio's trends loaded from the database: every rating that counted and from when,
the trends page, and a fixed number of queries however many projects there are."""

from __future__ import annotations

from datetime import UTC, date, datetime

from app.data.trends import rating_history, trend_projects
from app.models import Judgement, Point
from app.rules.ratings import Rating
from tests.conftest import TODAY
from tests.integration.factories import (
    complete_every_point,
    make_panel_assessment,
    make_project,
    start_assessment,
)
from tests.integration.query_count import counting_queries


def submitted(database, project, person, rating, on: datetime):
    assessment = start_assessment(database, project, person)
    complete_every_point(database, assessment, rating)
    assessment.status = "submitted"
    assessment.submitted_at = on
    database.commit()
    return assessment


def published_panel(database, project, self_assessment, ratings: dict[int, str], on: datetime):
    panel = make_panel_assessment(
        database, project, status="published", self_assessment=self_assessment, published_at=on
    )
    points = {
        point.number: point.id
        for point in database.query(Point).filter(
            Point.version_id == self_assessment.framework_version_id
        )
    }
    for number, rating in ratings.items():
        database.add(Judgement(assessment_id=panel.id, point_id=points[number], rating=rating))
    database.commit()
    return panel


def at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 12, tzinfo=UTC)


def test_team_ratings_count_from_submission_and_the_panels_from_publication(database, make_person):
    person = make_person()
    project = make_project(database, "Blue Badge", team=[(person, "member")])
    first = submitted(database, project, person, "amber", at(date(2026, 3, 10)))
    published_panel(database, project, first, {1: "green", 2: "red"}, at(date(2026, 4, 2)))
    draft = start_assessment(database, project, person)  # a draft never counts
    complete_every_point(database, draft, "red")

    events = rating_history(None)

    march = [e for e in events if e.on == date(2026, 3, 10)]
    assert len(march) == 14 and {e.rating for e in march} == {Rating.AMBER}
    april = {e.number: e.rating for e in events if e.on == date(2026, 4, 2)}
    assert april == {1: Rating.GREEN, 2: Rating.RED}
    assert len(events) == 16


def test_a_newer_self_assessment_replaces_the_panels_ratings_and_a_withdrawn_one_stops(
    database, make_person
):
    person = make_person()
    project = make_project(database, "Road repairs", team=[(person, "member")])
    first = submitted(database, project, person, "amber", at(date(2026, 2, 1)))
    published_panel(database, project, first, {1: "red"}, at(date(2026, 3, 1)))
    second = submitted(database, project, person, "green", at(date(2026, 5, 1)))
    second.status = "withdrawn"
    second.withdrawn_at = at(date(2026, 6, 1))
    database.commit()

    events = rating_history(None)

    may = {e.number: e.rating for e in events if e.on == date(2026, 5, 1)}
    assert may == dict.fromkeys(range(1, 15), Rating.GREEN)
    june = {e.number: e.rating for e in events if e.on == date(2026, 6, 1)}
    # Withdrawn: the first counts again, with its panel's rating of point 1.
    assert june[1] is Rating.RED and june[2] is Rating.AMBER


def test_scope_limits_the_projects(database, make_person):
    from app.models import Directorate

    person = make_person()
    make_project(database, "Blue Badge", team=[(person, "member")])
    elsewhere = Directorate(name="Place")
    database.add(elsewhere)
    database.commit()
    placed = make_project(database, "Road repairs", team=[(person, "member")])
    placed.directorate = elsewhere
    database.commit()
    submitted(database, placed, person, "green", at(date(2026, 5, 1)))

    assert [p.name for p in trend_projects({elsewhere.id})] == ["Road repairs"]
    assert {e.project_id for e in rating_history({elsewhere.id})} == {placed.id}
    assert rating_history({elsewhere.id + 1000}) == []


def test_the_trends_page_shows_its_tables_to_the_board(client, signed_in_as, database, make_person):
    person = make_person()
    project = make_project(database, "Blue Badge", team=[(person, "member")])
    submitted(database, project, person, "green", at(TODAY))
    signed_in_as("board_member")

    page = client.get("/portfolio/trends")
    html = page.get_data(as_text=True)

    assert page.status_code == 200
    assert 'role="img"' in html and "<title" in html
    assert 'id="green-share-table"' in html and 'id="projects-table"' in html
    assert "100%" in html and "Blue Badge" in html

    chosen = client.get(f"/portfolio/trends?project={project.id}")
    assert chosen.status_code == 200
    assert 'id="project-trend-table"' in chosen.get_data(as_text=True)
    assert client.get("/portfolio/trends?project=999999").status_code == 404
    assert client.get("/portfolio/trends?project=x").status_code == 404
    assert client.get("/portfolio/trends?project=\u00b2").status_code == 404


def test_team_members_are_refused(client, signed_in_as):
    signed_in_as()
    assert client.get("/portfolio/trends").status_code == 403


def test_query_count_does_not_grow_with_projects(app, client, signed_in_as, database, make_person):
    person = make_person()
    signed_in_as("board_member")

    def count():
        client.get("/portfolio/trends")  # the first request may load what later ones reuse
        with counting_queries(app) as statements:
            page = client.get("/portfolio/trends")
        assert page.status_code == 200
        return len(statements)

    for n in range(2):
        project = make_project(database, f"Project {n}", team=[(person, "member")])
        first = submitted(database, project, person, "amber", at(date(2026, 6, 1)))
        published_panel(database, project, first, {1: "green"}, at(date(2026, 7, 1)))
    few = count()
    for n in range(2, 8):
        project = make_project(database, f"Project {n}", team=[(person, "member")])
        first = submitted(database, project, person, "red", at(date(2026, 6, 1)))
        published_panel(database, project, first, {1: "green"}, at(date(2026, 8, 1)))
    many = count()
    assert few == many <= 8, (few, many)


def test_the_list_of_projects_comes_in_pages(client, signed_in_as, database, monkeypatch):
    from app.board import trends

    monkeypatch.setattr(trends, "PROJECTS_PAGE_SIZE", 2)
    for name in ("Allotments", "Blue Badge", "Cemeteries"):
        make_project(database, name)
    signed_in_as("board_member")

    first = client.get("/portfolio/trends").get_data(as_text=True)
    assert "Allotments" in first and "Cemeteries" not in first
    assert "Showing projects 1 to 2 of 3" in first and "govuk-pagination" in first
    second = client.get("/portfolio/trends?page=2").get_data(as_text=True)
    assert "Cemeteries" in second and "Allotments" not in second
    assert "page=2#project-trend" in second
    assert client.get("/portfolio/trends?page=3").status_code == 404
    assert client.get("/portfolio/trends?page=x").status_code == 404
