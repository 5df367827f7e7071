"""Your projects: the signed-in home page."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from app.models import PhaseChange
from app.rules.permissions import Role
from tests.conftest import TODAY
from tests.integration.factories import make_project, start_assessment
from tests.integration.project_data import add_action, assessed
from tests.integration.query_count import counting_queries
from tests.integration.test_pages import check_page, parse, text_of

YESTERDAY = TODAY - timedelta(days=1)
NEXT_MONTH = TODAY + timedelta(days=30)


def table_rows(response, table_id: str) -> list[list[str]]:
    document, _ = parse(response)
    table = document.find(f".//table[@id='{table_id}']")
    if table is None:
        return []
    return [[text_of(cell) for cell in row.findall("td")] for row in table.findall("tbody/tr")]


def home(client, query: str = ""):
    response = client.get("/home" + query)
    assert response.status_code == 200
    check_page(response)
    return response


def test_team_members_see_the_projects_whose_team_they_are_in(client, database, signed_in_as):
    me = signed_in_as()
    make_project(database, "Blue Badge applications", team=[(me, "delivery_manager")])
    make_project(database, "School admissions", phase="discovery")
    response = home(client)
    body = response.get_data(as_text=True)
    rows = table_rows(response, "projects")
    assert [row[0] for row in rows] == ["Blue Badge applications"]
    assert rows[0][1] == "Delivery manager"
    assert rows[0][2] == "Alpha (design)"
    assert "School admissions" not in body
    assert 'name="name"' not in body  # no filters for a team member


def test_each_row_has_the_latest_assessment_rating_and_actions(client, database, signed_in_as):
    me = signed_in_as()
    project = make_project(database, "Blue Badge applications", team=[(me, "service_owner")])
    older = assessed(database, project, me, {1: "green"})
    older.status = "submitted"
    latest = assessed(database, project, me, dict.fromkeys(range(1, 15), "amber") | {3: "red"})
    add_action(database, project, latest, 3, due=YESTERDAY)
    add_action(database, project, latest, 4, status="in_progress", due=NEXT_MONTH)
    add_action(database, project, latest, 5, status="done", due=YESTERDAY)
    response = home(client)
    [row] = table_rows(response, "projects")
    assert row[3].startswith("Self-assessment")
    assert "alpha, submitted for peer review" in row[3]
    assert "Draft: Self-assessment" in row[3] and "alpha, in progress" in row[3]
    # The submitted one's rating, and the draft's kept apart as "so far".
    assert row[4] == "Your team's rating: PendingDraft: Red so far"
    assert row[5] == "2 open 1 overdue"
    body = response.get_data(as_text=True)
    assert f"/projects/{project.id}/assessments/{latest.id}" in body
    assert 'class="govuk-tag govuk-tag--red">1 overdue' in body


def test_a_withdrawn_assessment_is_the_latest_only_when_there_is_no_other(
    client, database, signed_in_as
):
    me = signed_in_as()
    project = make_project(database, "Blue Badge applications", team=[(me, "service_owner")])
    withdrawn = assessed(database, project, me, {1: "red"})
    withdrawn.status = "withdrawn"
    database.commit()
    [row] = table_rows(home(client), "projects")
    assert "alpha, withdrawn" in row[3]
    assert row[4] == "Not assessed"

    sent = assessed(database, project, me, dict.fromkeys(range(1, 15), "green"))
    sent.status = "submitted"
    sent.created_at = withdrawn.created_at - timedelta(days=30)  # older than the withdrawn one
    database.commit()
    response = home(client)
    [row] = table_rows(response, "projects")
    assert "alpha, submitted for peer review" in row[3]
    assert row[4] == "Your team's rating: Green"
    assert f"/assessments/{sent.id}" in response.get_data(as_text=True)


def test_ratings_roll_up_worst_first_and_unassessed_projects_say_so(client, database, signed_in_as):
    me = signed_in_as()
    green = make_project(database, "A green project", team=[(me, "member")])
    assessed(database, green, me, dict.fromkeys(range(1, 15), "green"))
    pending = make_project(database, "B pending project", team=[(me, "member")])
    assessed(database, pending, me, {1: "amber"})
    make_project(database, "C new project", team=[(me, "member")])
    rows = table_rows(home(client), "projects")
    assert [(row[0], row[3], row[4], row[5]) for row in rows] == [
        ("A green project", rows[0][3], "Green so far", "None open"),
        ("B pending project", rows[1][3], "Pending so far", "None open"),
        ("C new project", "None yet", "Not assessed", "None open"),
    ]


@pytest.mark.parametrize("role", [Role.BOARD_MEMBER, Role.ADMINISTRATOR])
def test_board_members_and_administrators_see_every_project(client, database, signed_in_as, role):
    signed_in_as(role)
    make_project(database, "Blue Badge applications")
    make_project(database, "School admissions", phase="discovery")
    response = home(client)
    rows = table_rows(response, "projects")
    assert [row[0] for row in rows] == ["Blue Badge applications", "School admissions"]
    assert rows[0][1] == "Test directorate"
    assert "2 projects in the programme" in text_of(parse(response)[0])
    has_add_button = "Add a project" in response.get_data(as_text=True)
    assert has_add_button == (role == Role.ADMINISTRATOR)


NAMES_IN_ORDER = [
    "adult social care referrals",
    "Blue Badge applications",
    "Highways fault reporting",
    "HR self-service",
]


@pytest.mark.parametrize("role", [None, Role.BOARD_MEMBER, Role.ADMINISTRATOR])
def test_projects_are_listed_by_name_whatever_the_case_of_their_letters(
    client, database, signed_in_as, role
):
    me = signed_in_as(role) if role else signed_in_as()
    for name in ["HR self-service", "Blue Badge applications", *NAMES_IN_ORDER[::2]]:
        make_project(database, name, team=[(me, "member")])
    rows = table_rows(home(client), "projects")
    assert [row[0] for row in rows] == NAMES_IN_ORDER


def test_points_you_own_are_listed_by_project_name_whatever_the_case(
    client, database, signed_in_as
):
    from tests.integration.factories import answer

    me = signed_in_as()
    for name in ["HR self-service", "Highways fault reporting"]:
        project = make_project(database, name, team=[(me, "member")])
        answer(database, start_assessment(database, project, me), 2).owner_id = me.id
    database.commit()
    rows = table_rows(home(client), "points-you-own")
    assert [row[1] for row in rows] == ["Highways fault reporting", "HR self-service"]


def test_search_and_filters_narrow_the_list_and_keep_the_choices(client, database, signed_in_as):
    from app.models import Directorate

    signed_in_as(Role.BOARD_MEMBER)
    make_project(database, "Blue Badge applications")
    make_project(database, "Blue light cards", phase="discovery")
    other = make_project(database, "Bus passes")
    finance = Directorate(name="Finance")
    other.directorate = finance
    database.commit()

    def names(query):
        return [row[0] for row in table_rows(home(client, query), "projects")]

    assert names("?name=blue") == ["Blue Badge applications", "Blue light cards"]
    assert names("?name=BLUE&phase=alpha") == ["Blue Badge applications"]
    assert names(f"?directorate={finance.id}") == ["Bus passes"]
    assert names(f"?name=&phase=alpha&directorate={finance.id}") == ["Bus passes"]
    # Wildcards are typed letters, not patterns.
    assert names("?name=%25") == []

    body = home(client, f"?name=blue&phase=discovery&directorate={finance.id}").get_data(
        as_text=True
    )
    assert 'value="blue"' in body
    assert '<option value="discovery" selected>' in body
    assert f'<option value="{finance.id}" selected>' in body
    assert "No projects match your filters" in body
    assert "Clear filters" in body


@pytest.mark.parametrize(
    "query", ["?phase=nonsense", "?directorate=abc", "?directorate=99999", "?name=" + "x" * 500]
)
def test_filters_it_does_not_understand_are_ignored(client, database, signed_in_as, query):
    signed_in_as(Role.ADMINISTRATOR)
    make_project(database, "Blue Badge applications")
    rows = table_rows(home(client, query), "projects")
    assert len(rows) == (0 if "x" * 500 in query else 1)


def test_points_you_own_link_to_each_point(client, database, signed_in_as):
    me = signed_in_as()
    project = make_project(database, "Blue Badge applications", team=[(me, "member")])
    assessment = start_assessment(database, project, me)
    from tests.integration.factories import answer

    answer(database, assessment, 4).owner_id = me.id
    answer(database, assessment, 9).owner_id = me.id
    database.commit()
    response = home(client)
    rows = table_rows(response, "points-you-own")
    assert [row[0].split(" for ")[0] for row in rows] == [
        "4. Make the service simple to use",
        "9. Create a secure service which protects users' privacy",
    ]
    assert rows[0][1:] == ["Blue Badge applications", "Not yet started"]
    assert f"/projects/{project.id}/assessments/{assessment.id}/points/4" in response.get_data(
        as_text=True
    )


def test_someone_with_no_projects_is_told_what_to_do(client, signed_in_as):
    signed_in_as()
    body = home(client).get_data(as_text=True)
    assert "You are not in the team of any project yet" in body
    assert "You have no unfinished points" in body


def test_an_assessor_in_no_team_is_pointed_to_their_assessments_to_review(client, signed_in_as):
    signed_in_as(Role.ASSESSOR)
    document, _ = parse(home(client))
    message = document.find(".//p[@id='no-projects']")
    assert text_of(message) == (
        "You are not in the team of any project. As an assessor, you read and score the "
        "projects whose panels you sit on: start from your assessments to review."
    )
    assert message.find("a").get("href") == "/review"


def _portfolio(database, people, start: int, count: int) -> None:
    for index in range(start, start + count):
        project = make_project(
            database, f"Project {index:03}", team=[(person, "member") for person in people]
        )
        assessment = assessed(database, project, people[0], {1: "red", 2: "amber"})
        add_action(database, project, assessment, 1, due=YESTERDAY)
        add_action(database, project, assessment, 2, due=NEXT_MONTH)
        # Moves past red points, some cleared by a submitted assessment, some standing.
        database.add(
            PhaseChange(
                project_id=project.id,
                from_phase="discovery",
                to_phase="alpha",
                changed_by_id=people[0].id,
                reason="Moved on",
                override_reason="Point 1 is in hand",
            )
        )
        if index % 2:
            assessment.status = "submitted"
            assessment.submitted_at = datetime.now(UTC) + timedelta(minutes=1)
        database.commit()


@pytest.mark.parametrize("role", [Role.ADMINISTRATOR, None])
def test_the_number_of_queries_does_not_grow_with_the_projects(
    app, client, database, make_person, role
):
    me = make_person([role] if role else [])
    client.sign_in(me.email)
    _portfolio(database, [me], 0, 2)
    with counting_queries(app) as few:
        home(client)
    _portfolio(database, [me], 2, 20)  # and 20 more
    with counting_queries(app) as many:
        response = home(client)
    rows = table_rows(response, "projects")
    assert len(rows) == 22
    assert sum("Moved on with red points" in row[2] for row in rows) == 11
    assert len(many) == len(few), "\n".join(many)
    assert len(few) <= 12
