"""The rating that counts on every page: once a panel's report is published, the panel's
rating counts and the team's stays beside it, with words saying which is which, on the
team's home page, the board's list, the project page and its list of assessments."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from app.models import Judgement, Point
from app.rules.permissions import Role
from tests.integration.factories import make_panel_assessment, make_project
from tests.integration.project_data import assessed
from tests.integration.query_count import counting_queries
from tests.integration.test_home import home, table_rows
from tests.integration.test_pages import check_page, parse, text_of

EVERY_POINT = range(1, 15)


def _judge(database, panel, ratings: dict[int, str]) -> None:
    points = {
        p.number: p.id
        for p in database.scalars(
            select(Point).where(Point.version_id == panel.framework_version_id)
        )
    }
    for number, rating in ratings.items():
        database.add(Judgement(assessment_id=panel.id, point_id=points[number], rating=rating))
    database.commit()


def panel_rated(database, project, person, team: str, panel: dict[int, str], again=None):
    """The team's self-assessment (every point ``team``), published with a panel's report
    that rated the points as ``panel`` says (green otherwise); ``again`` a later
    reassessment's ratings, stored as one arranged before follow-ups were given their
    original's self-assessment."""
    own = assessed(database, project, person, dict.fromkeys(EVERY_POINT, team))
    own.status = "published"
    own.submitted_at = datetime(2026, 10, 1, tzinfo=UTC)
    first = make_panel_assessment(
        database,
        project,
        status="published",
        self_assessment=own,
        published_at=datetime(2026, 11, 1, tzinfo=UTC),
    )
    _judge(database, first, dict.fromkeys(EVERY_POINT, "green") | panel)
    if again is not None:
        follow_up = make_panel_assessment(
            database,
            project,
            kind="reassessment",
            status="published",
            follows=first,
            published_at=datetime(2026, 11, 20, tzinfo=UTC),
        )
        _judge(database, follow_up, again)
    return own


def visible_text(element) -> str:
    """The words a sighted person reads: without the visually hidden ones."""
    parts: list[str] = []

    def walk(node) -> None:
        if "govuk-visually-hidden" not in (node.get("class") or ""):
            parts.append(node.text or "")
            for child in node:
                walk(child)
                parts.append(child.tail or "")

    walk(element)
    return " ".join("".join(parts).split())


PANEL_RED_TEAM_GREEN = "Panel's rating, which counts: Red Team's own rating: Green"


def test_the_team_sees_the_panels_rating_counting_with_its_own_beside_it(
    client, database, signed_in_as
):
    me = signed_in_as()
    project = make_project(database, "Blue Badge applications", team=[(me, "service_owner")])
    panel_rated(database, project, me, "green", {5: "red"})
    [row] = table_rows(home(client), "projects")
    assert row[4] == PANEL_RED_TEAM_GREEN
    # What sighted people read: the words are short, and the tag is the panel's.
    document, _ = parse(client.get("/home"))
    cell = document.findall(".//table[@id='projects']/tbody/tr/td")[4]
    shown = visible_text(cell)
    assert shown == "Panel: Red Team: Green"
    assert cell.find(".//strong[@class='govuk-tag govuk-tag--red']") is not None


def test_a_later_reassessment_counts_on_the_home_page(client, database, signed_in_as):
    me = signed_in_as()
    project = make_project(database, "Blue Badge applications", team=[(me, "service_owner")])
    panel_rated(database, project, me, "amber", {5: "red"}, again={5: "green"})
    [row] = table_rows(home(client), "projects")
    assert row[4] == "Panel's rating, which counts: Green Team's own rating: Amber"


def test_until_a_panel_publishes_the_teams_rating_counts_alone(client, database, signed_in_as):
    me = signed_in_as()
    project = make_project(database, "Blue Badge applications", team=[(me, "service_owner")])
    own = assessed(database, project, me, dict.fromkeys(EVERY_POINT, "amber"))
    own.status = "in_review"
    draft = make_panel_assessment(database, project, status="in_review", self_assessment=own)
    _judge(database, draft, dict.fromkeys(EVERY_POINT, "green"))
    [row] = table_rows(home(client), "projects")
    assert row[4] == "Your team's rating: Amber"


def test_the_board_and_the_project_page_show_the_panels_rating_and_the_teams(
    client, database, signed_in_as, make_person
):
    member = make_person([])
    project = make_project(database, "Blue Badge applications", team=[(member, "member")])
    own = panel_rated(database, project, member, "green", {5: "red"})
    signed_in_as(Role.BOARD_MEMBER)
    [row] = table_rows(home(client), "projects")
    assert row[4] == PANEL_RED_TEAM_GREEN
    page = client.get(f"/projects/{project.id}")
    check_page(page)
    document, _ = parse(page)
    rows = {
        text_of(item.find("dt")): text_of(item.find("dd"))
        for item in document.findall(".//div[@class='govuk-summary-list__row']")
        if item.find("dt") is not None
    }
    assert rows["Overall rating"] == PANEL_RED_TEAM_GREEN
    assessments = client.get(f"/projects/{project.id}/assessments/")
    check_page(assessments)
    [listed] = table_rows(assessments, "assessments")
    assert listed[5] == PANEL_RED_TEAM_GREEN
    assert f"/assessments/{own.id}" in assessments.get_data(as_text=True)


def test_the_home_page_queries_do_not_grow_with_panels(
    app, client, database, signed_in_as, make_person
):
    member = make_person([])

    def add(start: int, count: int) -> None:
        for index in range(start, start + count):
            project = make_project(database, f"Project {index:03}", team=[(member, "member")])
            panel_rated(database, project, member, "amber", {5: "red"}, again={5: "green"})

    add(0, 2)
    signed_in_as(Role.BOARD_MEMBER)
    home(client)
    with counting_queries(app) as few:
        home(client)
    add(2, 8)
    with counting_queries(app) as many:
        response = home(client)
    rows = table_rows(response, "projects")
    assert len(rows) == 10
    assert all("which counts: Green" in row[4] for row in rows)
    assert len(many) == len(few), "\n".join(many)
