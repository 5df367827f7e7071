"""The board's portfolio pages: the home's headline figures, the compliance grid, points
across the portfolio and overdue actions; who may read them, their directorate scope, and
a number of queries that does not grow with the projects."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest

from app.models import Directorate, DirectorateScope
from app.rules.dates import long_date
from tests.conftest import TODAY
from tests.integration.factories import (
    complete_every_point,
    make_action,
    make_project,
    start_assessment,
)
from tests.integration.query_count import counting_queries
from tests.integration.test_pages import check_page, parse, text_of

PAGES = [
    "/portfolio",
    "/portfolio/grid",
    "/portfolio/points",
    "/portfolio/overdue-actions",
    "/portfolio/assessments-due",
]


def submitted(database, project, person, rating="green", when=None):
    assessment = start_assessment(database, project, person)
    complete_every_point(database, assessment, rating)
    assessment.status = "submitted"
    assessment.submitted_at = when or datetime.now(UTC) - timedelta(days=1)
    database.commit()
    return assessment


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    check_page(response)
    return response


def table(response, table_id):
    document, _ = parse(response)
    found = document.find(f".//table[@id='{table_id}']")
    assert found is not None, table_id
    return [[text_of(cell) for cell in row] for row in found.findall("tbody/tr")]


def summary(response, list_id):
    document, _ = parse(response)
    found = document.find(f".//dl[@id='{list_id}']")
    assert found is not None, list_id
    return {
        text_of(row.find("dt")): text_of(row.find("dd"))
        for row in found.findall("div")
        if row.find("dt") is not None
    }


@pytest.fixture
def portfolio(database, make_person):
    """Three projects: red in delivery with an overdue action, green in design, and one in
    concept nobody has assessed."""
    team = make_person(name="Tess Team")
    red = make_project(database, "Blue Badge", phase="private_beta", team=[(team, "member")])
    assessment = submitted(database, red, team, "red")
    make_action(database, red, assessment, 3, owner=team, due_date=TODAY - timedelta(days=10))
    make_action(database, red, assessment, 4, owner_name="Ola Owner", due_date=TODAY)
    green = make_project(database, "Waste collection", phase="alpha", team=[(team, "member")])
    submitted(database, green, team, "green")
    green.cashable_benefit = 50_000
    green.non_cashable_benefit = "high"
    green.next_assessment_due = TODAY - timedelta(days=2)
    make_project(database, "Library cards", phase="discovery")
    database.commit()
    return {"red": red, "green": green, "team": team}


# --- Who may read them --------------------------------------------------------------------


@pytest.mark.parametrize("url", PAGES)
def test_signed_out_people_are_sent_to_sign_in(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/sign-in?next=")


@pytest.mark.parametrize("role", [None, "assessor"])
def test_team_members_and_assessors_are_refused(client, signed_in_as, role):
    signed_in_as(*([role] if role else []))
    for url in PAGES:
        response = client.get(url)
        assert response.status_code == 403, url
        body = response.get_data(as_text=True)
        assert "Only the programme board can see the portfolio" in body, url
        assert "ask an administrator to give you the board member role" in body, url
    assert b'href="/portfolio"' not in client.get("/home").data


@pytest.mark.parametrize("role", ["board_member", "organiser", "administrator"])
def test_board_members_organisers_and_administrators_read_every_page(
    client, signed_in_as, portfolio, role
):
    signed_in_as(role)
    for url in PAGES:
        body = page(client, url).get_data(as_text=True)
        # "Portfolio" in the navigation, marked as where they are.
        assert '<a class="govuk-service-navigation__link" href="/portfolio" aria-current' in body


def test_board_members_start_on_the_portfolio_and_others_where_they_did(client, make_person):
    board = make_person(["board_member"])
    response = client.sign_in(board.email)
    assert response.headers["Location"] == "/portfolio"
    assert client.get("/").headers["Location"] == "/portfolio"
    client.post("/sign-out", data={"csrf_token": client.csrf_token("/portfolio")})
    organiser = make_person(["organiser"])
    assert client.sign_in(organiser.email).headers["Location"] == "/home"
    assert client.get("/home").headers["Location"] == "/assessments/queue"


def test_organisers_see_names_without_links_to_pages_they_may_not_read(
    client, signed_in_as, portfolio
):
    signed_in_as("organiser")
    body = page(client, "/portfolio/grid").get_data(as_text=True)
    assert '<th scope="row">Blue Badge</th>' in body
    assert f'href="/projects/{portfolio["red"].id}' not in body
    assert 'href="None"' not in body


# --- The home's headline figures ----------------------------------------------------------


def test_each_headline_figure_is_read_once_in_words_that_agree_with_it(
    client, signed_in_as, portfolio
):
    """A screen reader reads a figure's row or key, then its value: the link's hidden words
    name the figure for a list of links, but never repeat what the page says after it
    ("14 points rated red, in 1 project in 1 project"), and a count of one is singular."""
    signed_in_as("board_member")
    response = page(client, "/portfolio")
    values = [value for _, value in table(response, "by-stage")]
    values += [value for _, value in table(response, "by-phase")]
    values += [value for _, value in table(response, "by-overall")]
    for list_id in ("red-and-actions", "assessments-and-reports"):
        values += list(summary(response, list_id).values())
    for value in values:
        words = value.split()
        numbers = [word for word in words if word.isdigit()]
        assert len(numbers) == len(set(numbers)), value
        assert " in 1 projects" not in value and "1 projects" not in value, value
        assert not value.startswith("1 ") or words[1] != "projects", value
    assert "14 points rated red in 1 project" in values
    assert "1 overdue actionProjects with overdue actions" in values  # a line break between
    assert "1 project with an assessment overdue" in values


def test_the_headline_figures(client, signed_in_as, portfolio):
    signed_in_as("board_member")
    response = page(client, "/portfolio")
    assert dict(table(response, "by-stage")) == {
        "Concept": "1 project in concept",
        "Design": "1 project in design",
        "Delivery": "1 project in delivery",
        "Closed": "0 closed projects",
    }
    phases = dict(table(response, "by-phase"))
    assert phases["Private beta (delivery)"].startswith("1 ")
    assert phases["Live (delivery)"].startswith("0 ")
    overall = {name: count.split()[0] for name, count in table(response, "by-overall")}
    assert overall == {"Green": "1", "Amber": "0", "Red": "1", "Not yet assessed": "1"}
    red = summary(response, "red-and-actions")
    assert red["Points rated red"] == "14 points rated red in 1 project"
    assert red["Open actions"] == "16"  # 14 from the red self-assessment, and two more
    assert red["Overdue actions"].startswith("1 ")
    assert red["Overdue actions"].endswith("Projects with overdue actions")
    assessments = summary(response, "assessments-and-reports")
    assert assessments["Assessments overdue"].startswith("1 ")
    assert assessments["Reports overdue"] == "0"
    benefits = summary(response, "benefits")
    assert benefits["Cashable benefit"] == "£50,000 a year"
    assert benefits["Non-cashable: high"] == "1 project"
    assert benefits["Non-cashable: not known"] == "2 projects"


def test_each_figure_links_to_the_grid_filtered_to_it(client, signed_in_as, portfolio):
    signed_in_as("board_member")
    body = page(client, "/portfolio").get_data(as_text=True)
    for link in [
        "/portfolio/grid?phase=private_beta&amp;phase=public_beta&amp;phase=live",
        "/portfolio/grid?phase=discovery",
        "/portfolio/grid?overall=red",
        "/portfolio/grid?overall=not_assessed",
        "/portfolio/grid?red=yes",
        "/portfolio/assessments-due#overdue-heading",
        "/portfolio/grid?overdue_actions=yes",
        "/portfolio/overdue-actions",
        "/portfolio/points",
    ]:
        assert f'href="{link}"' in body, link
    # Each link leads to a grid of just those projects.
    delivery = client.get("/portfolio/grid?phase=private_beta&phase=public_beta&phase=live")
    assert [row[0] for row in table(delivery, f"grid-{portfolio['red'].framework_id}")] == [
        "Blue Badge"
    ]


# --- The grid -----------------------------------------------------------------------------


def grid(client, query=""):
    response = page(client, "/portfolio/grid" + query)
    document, _ = parse(response)
    tables = document.findall(".//table")
    return response, tables


def names(response, framework_id):
    return [row[0] for row in table(response, f"grid-{framework_id}")]


def test_the_grid_has_a_row_a_project_and_a_column_a_point(client, signed_in_as, portfolio):
    signed_in_as("board_member")
    response, _tables = grid(client)
    framework_id = portfolio["red"].framework_id
    rows = {row[0]: row for row in table(response, f"grid-{framework_id}")}
    assert list(rows) == ["Blue Badge", "Library cards", "Waste collection"]
    blue = rows["Blue Badge"]
    assert blue[1:4] == ["Red", "14", "Red team"]  # overall, red points, point 1
    assert blue[-5:] == [
        "Private beta (delivery)",
        "Test directorate",
        blue[-3],
        "Not set",
        "1",
    ]
    assert "Stale" not in blue[-3]
    library = rows["Library cards"]
    assert library[1] == "Not yet assessed"
    assert library[3] == "Not assessed"
    assert library[-3] == "Never assessed"
    assert rows["Waste collection"][-2].endswith("Overdue")
    body = response.get_data(as_text=True)
    assert f'<a href="/projects/{portfolio["red"].id}?back=/portfolio/grid">Blue Badge</a>' in body
    assert "Showing 3 of 3 projects" in body
    assert 'role="region" aria-label="Service Standard: 3 projects" tabindex="0"' in body


def test_a_stale_self_assessment_is_flagged(client, signed_in_as, database, make_person):
    person = make_person()
    old = make_project(database, "Old news", team=[(person, "member")])
    submitted(database, old, person, "amber")
    signed_in_as("board_member")
    # The self-assessment changed today: not stale. Move its clock back five months.
    from sqlalchemy import update

    from app.models import Answer, Assessment

    long_ago = datetime.now(UTC) - timedelta(days=160)
    database.execute(update(Assessment).values(updated_at=long_ago))
    database.execute(update(Answer).values(updated_at=long_ago))
    database.commit()
    response, _ = grid(client)
    [row] = table(response, f"grid-{old.framework_id}")
    assert row[-3].endswith("Stale")


def test_the_grid_filters_by_the_address(client, signed_in_as, portfolio):
    signed_in_as("board_member")
    framework_id = portfolio["red"].framework_id
    checks = {
        "?overall=red": ["Blue Badge"],
        "?overall=green&overall=not_assessed": ["Library cards", "Waste collection"],
        "?phase=discovery": ["Library cards"],
        "?red=yes": ["Blue Badge"],
        "?overdue_actions=yes": ["Blue Badge"],
        "?assessment_overdue=yes": ["Waste collection"],
        f"?directorate={portfolio['red'].directorate_id}": [
            "Blue Badge",
            "Library cards",
            "Waste collection",
        ],
        "?directorate=999999&phase=nonsense": ["Blue Badge", "Library cards", "Waste collection"],
    }
    for query, expected in checks.items():
        response, _ = grid(client, query)
        assert names(response, framework_id) == expected, query
    for hostile in ["?sort=<script>&direction=up", "?point=1&sort=point-999", "?red=" + "x" * 5000]:
        response, _ = grid(client, hostile)
        assert len(names(response, framework_id)) == 3, hostile
    response, _ = grid(client, "?overall=red&overdue_actions=yes")
    body = response.get_data(as_text=True)
    assert "Showing 1 of 3 projects: red overall, has overdue actions" in body
    # The filters show as chosen, and a way back to every project.
    assert 'name="overall" type="checkbox" value="red" checked' in body
    assert 'name="overdue_actions" type="checkbox" value="yes" checked' in body
    assert 'href="/portfolio/grid">Clear filters' in body


def test_nothing_matching_says_so(client, signed_in_as, portfolio):
    signed_in_as("board_member")
    response, tables = grid(client, "?overall=amber")
    assert tables == []
    assert "No projects match these filters" in response.get_data(as_text=True)


def test_the_grid_sorts_by_column_through_links(client, signed_in_as, portfolio):
    signed_in_as("board_member")
    framework_id = portfolio["red"].framework_id
    response, _ = grid(client, "?sort=name&direction=desc")
    assert names(response, framework_id) == ["Waste collection", "Library cards", "Blue Badge"]
    response, _ = grid(client, "?sort=overall")
    assert names(response, framework_id) == ["Blue Badge", "Waste collection", "Library cards"]
    response, _ = grid(client, "?sort=point-1&direction=desc&phase=alpha&phase=private_beta")
    assert names(response, framework_id) == ["Waste collection", "Blue Badge"]
    body = response.get_data(as_text=True)
    # The sorted column says so; the others offer to sort by them, keeping the filters.
    assert (
        '<th scope="col" aria-sort="descending"><a href="/portfolio/grid?phase=alpha&amp;'
        'phase=private_beta&amp;sort=point-1" title="Point 1: '
    ) in body
    assert (
        '<th scope="col" aria-sort="none"><a href="/portfolio/grid?phase=alpha&amp;'
        'phase=private_beta&amp;sort=overall">Overall rating</a></th>'
    ) in body
    assert body.count('aria-sort="descending"') == 1
    # Applying filters keeps the sort: it travels in the form.
    assert '<input type="hidden" name="sort" value="point-1">' in body
    assert '<input type="hidden" name="direction" value="desc">' in body


def test_projects_on_different_frameworks_are_in_grids_of_their_own(
    client, signed_in_as, database, portfolio
):
    nhs = make_project(database, "Hospital transport", framework_slug="nhs-service-standard")
    signed_in_as("board_member")
    response, tables = grid(client)
    assert len(tables) == 2
    assert names(response, nhs.framework_id) == ["Hospital transport"]
    assert "Hospital transport" not in names(response, portfolio["red"].framework_id)
    document, _ = parse(response)
    headings = [text_of(h) for h in document.findall(".//h2")]
    assert "Service Standard" in " ".join(headings)
    assert any("NHS" in heading for heading in headings)
    response, tables = grid(client, f"?framework={nhs.framework_id}")
    assert len(tables) == 1


# --- Points across the portfolio ------------------------------------------------------------


def test_points_weakest_first_with_the_projects_behind_each_number(
    client, signed_in_as, database, portfolio
):
    person = portfolio["team"]
    amber = make_project(database, "Parking permits", team=[(person, "member")])
    assessment = start_assessment(database, amber, person)
    complete_every_point(database, assessment, "green")
    from tests.integration.project_data import rate

    rate(database, assessment, {5: "amber"})
    assessment.status = "submitted"
    assessment.submitted_at = datetime.now(UTC)
    database.commit()
    signed_in_as("board_member")
    framework_id = amber.framework_id
    response = page(client, "/portfolio/points")
    rows = table(response, f"points-{framework_id}")
    assert rows[0][0].startswith("5. ")  # one red, one amber: the weakest
    assert [cell.split()[0] for cell in rows[0][1:]] == ["1", "1", "1", "1"]
    assert [cell.split()[0] for cell in rows[1][1:]] == ["1", "0", "2", "1"]
    body = response.get_data(as_text=True)
    assert f'href="/portfolio/points?framework={framework_id}&amp;point=5#projects-amber"' in body

    response = page(client, f"/portfolio/points?framework={framework_id}&point=5")
    document, _ = parse(response)
    section = document.find(".//div[@id='point-projects']")
    words = text_of(section)
    assert "Red: 1 project Blue Badge" in words
    assert "Amber: 1 project Parking permits" in words
    assert "Green: 1 project Waste collection" in words
    assert "Not assessed: 1 project Library cards" in words
    body = response.get_data(as_text=True)
    assert f"/portfolio/grid?framework={framework_id}&amp;sort=point-5" in body
    # A point that is not one shows the table alone.
    response = page(client, f"/portfolio/points?framework={framework_id}&point=99")
    assert "point-projects" not in response.get_data(as_text=True)


# --- Overdue actions ----------------------------------------------------------------------


def test_overdue_actions_across_the_programme(client, signed_in_as, database, portfolio):
    other = make_project(database, "Road repairs", phase="live")
    make_action(database, other, None, None, owner_name="Ola Owner", due_date=TODAY - timedelta(1))
    make_action(database, other, None, None, due_date=TODAY - timedelta(5), status="done")
    signed_in_as("board_member")
    response = page(client, "/portfolio/overdue-actions")
    rows = table(response, "overdue-actions")
    assert [row[0] for row in rows] == ["Blue Badge", "Road repairs"]
    blue, road = rows
    assert blue[1].startswith("Point 3: ")
    assert blue[3] == "Tess Team"
    assert blue[5] == "10"
    assert road[1] == "Not about one point"
    assert road[3] == "Ola Owner"
    assert road[5] == "1"
    body = response.get_data(as_text=True)
    assert f'href="/projects/{portfolio["red"].id}/actions/' in body  # each action's page

    team = portfolio["team"]
    response = page(client, f"/portfolio/overdue-actions?owner=person-{team.id}")
    assert [row[0] for row in table(response, "overdue-actions")] == ["Blue Badge"]
    body = response.get_data(as_text=True)
    assert f'<option value="person-{team.id}" selected>Tess Team</option>' in body
    response = page(client, "/portfolio/overdue-actions?owner=name-Ola Owner")
    assert [row[0] for row in table(response, "overdue-actions")] == ["Road repairs"]
    directorate = portfolio["red"].directorate_id
    response = page(client, f"/portfolio/overdue-actions?directorate={directorate}&owner=bad")
    assert len(table(response, "overdue-actions")) == 2


# --- Directorate scope --------------------------------------------------------------------


def test_a_board_member_limited_to_a_directorate_sees_only_it(
    client, signed_in_as, database, portfolio
):
    place = Directorate(name="Place")
    database.add(place)
    database.commit()
    road = make_project(database, "Road repairs", phase="live")
    road.directorate = place
    database.commit()
    make_action(database, road, None, None, owner_name="Ola Owner", due_date=TODAY - timedelta(1))
    director = signed_in_as("board_member")
    database.add(DirectorateScope(person_id=director.id, directorate_id=place.id))
    database.commit()

    home = page(client, "/portfolio")
    assert "1 project in your directorates" in home.get_data(as_text=True)
    assert dict(table(home, "by-stage"))["Delivery"].startswith("1 ")
    assert dict(table(home, "by-stage"))["Concept"].startswith("0 ")
    response, _tables = grid(client)
    assert names(response, road.framework_id) == ["Road repairs"]
    body = response.get_data(as_text=True)
    assert "Blue Badge" not in body and "Test directorate" not in body
    points = page(client, "/portfolio/points").get_data(as_text=True)
    assert "Blue Badge" not in points
    actions = page(client, "/portfolio/overdue-actions")
    assert [row[0] for row in table(actions, "overdue-actions")] == ["Road repairs"]

    # A project outside the directorate: a refusal that says why and what to do.
    refused = client.get(f"/projects/{portfolio['red'].id}")
    assert refused.status_code == 403
    body = refused.get_data(as_text=True)
    assert "This project is outside your directorates" in body
    assert "You can only see projects in the directorates you have been given: Place." in body
    assert "Ask an administrator" in body


def test_an_organiser_opening_a_project_is_told_why_they_may_not(client, signed_in_as, portfolio):
    signed_in_as("organiser")
    refused = client.get(f"/projects/{portfolio['red'].id}")
    assert refused.status_code == 403
    body = refused.get_data(as_text=True)
    assert "Organisers cannot open project pages" in body
    assert "Arrange its assessments from the queue of assessments" in body


# --- Queries ------------------------------------------------------------------------------


def _more_projects(database, person, start, count):
    for n in range(start, start + count):
        project = make_project(database, f"Project {n:03}", team=[(person, "member")])
        assessment = submitted(database, project, person, "red" if n % 2 else "amber")
        make_action(database, project, assessment, 2, owner=person, due_date=TODAY - timedelta(3))


@pytest.mark.parametrize("url", PAGES)
def test_the_number_of_queries_does_not_grow_with_the_projects(
    app, client, database, make_person, signed_in_as, url
):
    person = make_person()
    signed_in_as("board_member")
    _more_projects(database, person, 0, 2)
    with counting_queries(app) as few:
        page(client, url)
    _more_projects(database, person, 2, 8)
    with counting_queries(app) as many:
        page(client, url)
    assert len(many) == len(few), "\n".join(many)
    assert len(few) <= 16, "\n".join(few)


def test_overdue_actions_come_a_page_at_a_time_keeping_the_filters(
    client, signed_in_as, database, portfolio, monkeypatch
):
    monkeypatch.setattr("app.board.portfolio.ACTIONS_PAGE_SIZE", 1)
    other = make_project(database, "Road repairs", phase="live")
    for days in (1, 2):
        make_action(
            database, other, None, None, owner_name="Ola Owner", due_date=TODAY - timedelta(days)
        )
    signed_in_as("board_member")
    response = page(client, "/portfolio/overdue-actions?owner=name-Ola Owner&page=2")
    assert [row[5] for row in table(response, "overdue-actions")] == ["1"]
    body = response.get_data(as_text=True)
    assert "2 overdue actions of 3, 2 to 2 shown" in body
    assert 'href="/portfolio/overdue-actions?owner=name-Ola+Owner&amp;page=1"' in body
    # A page that has gone shows the last; one that is not a page is not found.
    response = page(client, "/portfolio/overdue-actions?page=9")
    assert "3 to 3 shown" in response.get_data(as_text=True)
    assert client.get("/portfolio/overdue-actions?page=0").status_code == 404


def test_a_project_opened_from_the_grid_goes_back_to_the_grid_as_it_was(
    client, signed_in_as, portfolio
):
    signed_in_as("board_member")
    project_id = portfolio["red"].id
    body = page(client, "/portfolio/grid?red=yes&sort=name").get_data(as_text=True)
    link = re.search(rf'href="(/projects/{project_id}\?back=[^"]+)"', body).group(1)
    shown = page(client, link.replace("&amp;", "&")).get_data(as_text=True)
    assert re.search(
        r'<a href="/portfolio/grid\?red=yes&amp;sort=name" class="govuk-back-link">'
        r"Back to the compliance grid</a>",
        shown,
    )
    # Anywhere else, never: the usual way back.
    for elsewhere in ("https://evil.example/portfolio", "//evil.example", "/admin/people"):
        shown = page(client, f"/projects/{project_id}?back={elsewhere}").get_data(as_text=True)
        assert "evil.example" not in shown and 'href="/admin/people"' not in shown
        assert "Back to your projects" in shown


def test_assessments_due_link_to_their_list_and_an_arranged_one_is_not_counted(
    client, signed_in_as, database, portfolio
):
    from tests.integration.factories import make_panel_assessment

    red, green = portfolio["red"], portfolio["green"]
    red.next_assessment_due = TODAY + timedelta(days=5)
    green.next_assessment_due = TODAY + timedelta(days=20)
    database.commit()
    make_panel_assessment(database, green, assessment_date=TODAY + timedelta(days=15))
    # A withdrawn one is not arranged.
    make_panel_assessment(database, red, status="withdrawn")
    signed_in_as("board_member")
    home = page(client, "/portfolio").get_data(as_text=True)
    assert re.search(
        r'<a class="govuk-link" href="/portfolio/assessments-due">1'
        r'<span class="govuk-visually-hidden">'
        r" project with an assessment due in the next 30 days</span></a>"
        r" not yet arranged",
        home,
    )
    listed = page(client, "/portfolio/assessments-due")
    assert table(listed, "assessments-due") == [
        ["Blue Badge", "Test directorate", long_date(TODAY + timedelta(days=5)), "Not arranged"],
        [
            "Waste collection",
            "Test directorate",
            long_date(TODAY + timedelta(days=20)),
            f"Arranged: Alpha assessment on {long_date(TODAY + timedelta(days=15))}",
        ],
    ]
    assert "1 project has an assessment due and none arranged yet." in (
        listed.get_data(as_text=True)
    )
    assert "No projects have missed the date for their next assessment." in (
        listed.get_data(as_text=True)
    )


def test_overdue_assessments_are_listed_with_how_late_and_organisers_can_arrange_them(
    client, signed_in_as, database, portfolio
):
    from tests.integration.factories import make_panel_assessment

    red, green = portfolio["red"], portfolio["green"]
    red.next_assessment_due = TODAY - timedelta(days=1)
    green.next_assessment_due = TODAY - timedelta(days=40)
    database.commit()
    make_panel_assessment(database, green, assessment_date=TODAY + timedelta(days=15))
    signed_in_as("board_member")
    home = page(client, "/portfolio").get_data(as_text=True)
    assert 'href="/portfolio/assessments-due#overdue-heading">2' in home
    listed = page(client, "/portfolio/assessments-due")
    assert table(listed, "assessments-overdue") == [
        [
            "Waste collection",
            "Test directorate",
            long_date(TODAY - timedelta(days=40)),
            "40 days",
            f"Arranged: Alpha assessment on {long_date(TODAY + timedelta(days=15))}",
        ],
        [
            "Blue Badge",
            "Test directorate",
            long_date(TODAY - timedelta(days=1)),
            "1 day",
            "Not arranged",
        ],
    ]
    assert "2 projects have missed the date for their next assessment. 1 of them has none" in (
        listed.get_data(as_text=True)
    )
    assert "Arrange an assessment" not in listed.get_data(as_text=True)  # not an organiser

    client.post("/sign-out", data={"csrf_token": client.csrf_token("/portfolio")})
    signed_in_as("organiser")
    listed = page(client, "/portfolio/assessments-due")
    [_, blue] = table(listed, "assessments-overdue")
    assert blue[-1] == "Not arranged. Arrange an assessment for Blue Badge"
    link = f"/assessments/arrange?for_project={red.id}"
    assert f'href="{link}"' in listed.get_data(as_text=True)
    # The organiser's first question comes with the project chosen and no errors.
    chosen = page(client, link).get_data(as_text=True)
    assert f'<option value="{red.id}" selected>' in chosen
    assert "govuk-error-summary" not in chosen


def test_overdue_actions_say_whose_they_are_for_a_limited_person(
    client, database, signed_in_as, portfolio
):
    director = signed_in_as("board_member")
    assert "across the programme" in client.get("/portfolio/overdue-actions").get_data(as_text=True)
    place = Directorate(name="Place")
    database.add(place)
    database.commit()
    database.add(DirectorateScope(person_id=director.id, directorate_id=place.id))
    database.commit()
    page = client.get("/portfolio/overdue-actions").get_data(as_text=True)
    assert "across your directorates" in page and "across the programme" not in page
