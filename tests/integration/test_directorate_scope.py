"""Directorate scope: an administrator limits a person to some directorates on their edit
page, and every page then shows a limited board member only those directorates' projects
(and their own teams' and panels')."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from app.commands import Invalid
from app.commands import people as people_commands
from app.models import AuditEvent, Directorate, DirectorateScope
from tests.integration.conftest import FormClient
from tests.integration.factories import make_action, make_project
from tests.integration.query_count import counting_queries
from tests.integration.report_data import scored_report


def _directorate(database, name: str) -> Directorate:
    found = database.scalar(select(Directorate).where(Directorate.name == name))
    if found is None:
        found = Directorate(name=name)
        database.add(found)
        database.commit()
    return found


def _in(database, project, directorate):
    project.directorate = directorate
    database.commit()
    return project


def _scope(database, person) -> set[int]:
    database.expire_all()
    return set(
        database.scalars(
            select(DirectorateScope.directorate_id).where(DirectorateScope.person_id == person.id)
        )
    )


def _limit(database, person, *directorates) -> None:
    for directorate in directorates:
        database.add(DirectorateScope(person_id=person.id, directorate_id=directorate.id))
    database.commit()


@pytest.fixture
def places(database):
    return {
        "place": _directorate(database, "Place"),
        "people": _directorate(database, "People and Communities"),
    }


# --- The administrator's form ----------------------------------------------------------------


def _edit(person, roles=("board_member",), directorates=()):
    return {
        "name": person.name,
        "email": person.email,
        "roles": list(roles),
        "directorates": [str(d.id) for d in directorates],
    }


def test_the_edit_page_offers_directorates_to_limit_a_board_member_to(
    client, signed_in_as, make_person, places
):
    signed_in_as("administrator")
    member = make_person(["board_member"])
    page = client.get(f"/admin/people/{member.id}/edit").get_data(as_text=True)
    assert "Directorates they see" in page
    assert "Leave all unticked to let them see every project" in page
    assert f'value="{places["place"].id}"' in page and "People and Communities" in page


def test_administrators_are_not_offered_a_limit(client, signed_in_as, make_person, places):
    signed_in_as("administrator")
    other = make_person(["administrator"])
    page = client.get(f"/admin/people/{other.id}/edit").get_data(as_text=True)
    assert "Administrators always see the whole programme" in page
    assert 'name="directorates"' not in page


def test_an_administrator_limits_a_board_member_and_lifts_the_limit(
    client, signed_in_as, make_person, database, places
):
    signed_in_as("administrator")
    member = make_person(["board_member"], name="Dee Rector")
    url = f"/admin/people/{member.id}/edit"

    response = client.submit(url, _edit(member, directorates=[places["place"]]))
    assert response.status_code == 302
    assert _scope(database, member) == {places["place"].id}
    page = client.get(url).get_data(as_text=True)
    assert f'value="{places["place"].id}" checked' in page
    event = database.scalar(
        select(AuditEvent).where(
            AuditEvent.verb == "scope_changed", AuditEvent.subject_id == member.id
        )
    )
    assert event.summary == "Limited Dee Rector to Place"
    assert event.changes == {"directorates": ["Whole programme", ["Place"]]}

    assert client.submit(url, _edit(member)).status_code == 302
    assert _scope(database, member) == set()


def test_a_board_member_can_be_limited_as_they_are_added(client, signed_in_as, database, places):
    from app.models import Person

    signed_in_as("administrator")
    page = client.get("/admin/people/add").get_data(as_text=True)
    assert "Directorates they see" in page and "People and Communities" in page
    new = {
        "name": "Dee Rector",
        "email": "dee.rector@example.gov.uk",
        "roles": ["board_member"],
        "password": "A-first-password-2026",
        "directorates": [str(places["place"].id)],
    }
    assert client.submit("/admin/people/add", new).status_code == 302
    added = database.scalar(select(Person).where(Person.email == "dee.rector@example.gov.uk"))
    assert _scope(database, added) == {places["place"].id}
    listed = client.get("/admin/people").get_data(as_text=True)
    assert "Board member. Sees only: Place" in listed

    # Directorates ticked for an administrator are refused, and nothing is saved.
    refused = dict(new, email="ada.min@example.gov.uk", roles=["administrator"])
    page = client.submit("/admin/people/add", refused).get_data(as_text=True)
    assert "govuk-error-summary" in page
    assert f'value="{places["place"].id}" checked' in page  # what they ticked is kept
    assert database.scalar(select(Person).where(Person.email == "ada.min@example.gov.uk")) is None


def test_a_directorate_not_in_the_list_is_refused(
    client, signed_in_as, make_person, database, places
):
    signed_in_as("administrator")
    member = make_person(["board_member"])
    data = _edit(member)
    data["directorates"] = ["999999"]
    page = client.submit(f"/admin/people/{member.id}/edit", data).get_data(as_text=True)
    assert "Select directorates from the list" in page
    assert _scope(database, member) == set()


def test_making_someone_an_administrator_with_directorates_ticked_is_refused(
    client, signed_in_as, make_person, database, places
):
    signed_in_as("administrator")
    member = make_person(["board_member"])
    data = _edit(member, roles=("board_member", "administrator"), directorates=[places["place"]])
    page = client.submit(f"/admin/people/{member.id}/edit", data).get_data(as_text=True)
    assert "Administrators see the whole programme" in page
    assert _scope(database, member) == set()
    assert "administrator" not in member.roles


def test_making_a_limited_person_an_administrator_ends_their_limit(make_person, database, places):
    admin = make_person(["administrator"])
    member = make_person(["board_member"])
    _limit(database, member, places["place"])
    people_commands.edit_person(
        admin.id, member.id, member.name, member.email, ["administrator"], directorate_ids=None
    )
    assert _scope(database, member) == set()


def test_the_command_refuses_unknown_directorates(make_person, database, places):
    admin = make_person(["administrator"])
    member = make_person(["board_member"])
    with pytest.raises(Invalid) as refused:
        people_commands.edit_person(
            admin.id, member.id, member.name, member.email, ["board_member"], directorate_ids=[-1]
        )
    assert refused.value.errors == {"directorates": "Select directorates from the list"}


# --- Every page respects it ------------------------------------------------------------------


@pytest.fixture
def programme(database, make_person, places):
    """Road repairs (Place), Adult social care (People and Communities) and Libraries
    (People and Communities, with the director in its team)."""
    director = make_person(["board_member"], name="Director of Place")
    roads = _in(database, make_project(database, "Road repairs"), places["place"])
    care = _in(database, make_project(database, "Adult social care"), places["people"])
    libraries = _in(
        database,
        make_project(database, "Libraries", team=[(director, "member")]),
        places["people"],
    )
    _limit(database, director, places["place"])
    return {"director": director, "roads": roads, "care": care, "libraries": libraries}


def test_home_lists_only_the_directorates_projects_and_says_so(client, programme):
    client.sign_in(programme["director"].email)
    page = client.get("/home").get_data(as_text=True)
    assert "Road repairs" in page
    assert "Libraries" in page  # their own team's
    assert "Adult social care" not in page
    assert "Your view is limited to projects in: Place." in page
    assert "You can see every project in the programme" not in page
    # The directorate filter offers only theirs.
    assert "People and Communities</option>" not in page


def test_a_limited_board_member_is_refused_a_project_outside_their_directorates(client, programme):
    client.sign_in(programme["director"].email)
    assert client.get(f"/projects/{programme['roads'].id}").status_code == 200
    assert client.get(f"/projects/{programme['care'].id}").status_code == 403
    assert client.get(f"/projects/{programme['care'].id}/history").status_code == 403
    assert client.get(f"/projects/{programme['libraries'].id}").status_code == 200


def test_an_unlimited_board_member_and_an_administrator_read_every_project(
    client, signed_in_as, programme, database, places
):
    signed_in_as("board_member")
    assert client.get(f"/projects/{programme['care'].id}").status_code == 200
    admin = signed_in_as("administrator")
    _limit(database, admin, places["place"])  # ignored
    assert client.get(f"/projects/{programme['care'].id}").status_code == 200
    assert "Adult social care" in client.get("/home").get_data(as_text=True)


def test_reports_outside_the_directorates_are_neither_listed_nor_read(
    app, client, make_person, programme, database
):
    team = make_person()
    road_report = scored_report(
        database, programme["roads"], team, [], status="published", published_at=datetime.now(UTC)
    )
    care_report = scored_report(
        database, programme["care"], team, [], status="published", published_at=datetime.now(UTC)
    )
    client.sign_in(programme["director"].email)
    page = client.get("/reports").get_data(as_text=True)
    assert f"/assessments/{road_report.id}/report" in page
    assert f"/assessments/{care_report.id}/report" not in page
    assert "Your view is limited to projects in: Place." in page
    assert client.get(f"/assessments/{road_report.id}/report").status_code == 200
    assert client.get(f"/assessments/{care_report.id}/report").status_code == 403
    assert client.get(f"/assessments/{care_report.id}/report.csv").status_code == 403

    # Anyone else signed in still reads the published report of a project that is not
    # confidential.
    someone = FormClient(app.test_client())
    someone.sign_in(make_person().email)
    assert someone.get(f"/assessments/{care_report.id}/report").status_code == 200


def test_a_limited_person_still_reads_as_a_panel_member(client, make_person, programme, database):
    team = make_person()
    director = programme["director"]
    report = scored_report(
        database,
        programme["care"],
        team,
        [(director, "design")],
        status="published",
        published_at=datetime.now(UTC),
    )
    client.sign_in(director.email)
    assert f"/assessments/{report.id}/report" in client.get("/reports").get_data(as_text=True)
    assert client.get(f"/assessments/{report.id}/report").status_code == 200


def test_home_queries_do_not_grow_with_the_projects(app, client, programme, database, places):
    client.sign_in(programme["director"].email)
    client.get("/home")
    with counting_queries(app) as few:
        assert client.get("/home").status_code == 200
    for n in range(5):
        _in(database, make_project(database, f"Bridge {n}"), places["place"])
    with counting_queries(app) as many:
        page = client.get("/home")
    assert "Bridge 4" in page.get_data(as_text=True)
    assert len(few) == len(many)


def test_your_actions_holds_only_projects_they_can_open(client, programme, database):
    director = programme["director"]
    make_action(database, programme["roads"], description="Mend the potholes", owner=director)
    make_action(database, programme["care"], description="Hire carers", owner=director)
    make_action(database, programme["libraries"], description="Open on Sundays", owner=director)
    client.sign_in(director.email)
    page = client.get("/actions").get_data(as_text=True)
    assert "Mend the potholes" in page and "Open on Sundays" in page
    assert "Hire carers" not in page


def test_board_pages_say_what_the_person_is_limited_to(app, programme, database):
    from flask import g, render_template_string

    # Any page of the board blueprint, as Flask-Login would find the signed-in person.
    page = '{% extends "base.html" %}{% block title %}Board{% endblock %}'
    with app.test_request_context("/portfolio/download/portfolio.csv"):
        g._login_user = programme["director"]
        html = render_template_string(page)
    assert "Your view is limited to projects in: Place." in html
    with app.test_request_context("/cookies"):  # not a board page: nothing to say
        g._login_user = programme["director"]
        assert "directorate-scope" not in render_template_string(page)


def test_the_people_list_says_who_is_limited(client, signed_in_as, programme, database, places):
    admin = signed_in_as("administrator")
    _limit(database, admin, places["people"])  # ignored for an administrator
    page = client.get("/admin/people").get_data(as_text=True)
    assert "Board member. Sees only: Place" in page
    assert "People and Communities" not in page
