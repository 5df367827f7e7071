"""A project's team: adding people by email, changing their role, removing them."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.models import AuditEvent, TeamMembership
from app.rules.permissions import Role
from tests.integration.factories import make_project
from tests.integration.test_pages import check_page, parse, text_of
from tests.integration.test_projects import error_summary


def team_of(database, project) -> dict[int, str]:
    return dict(
        database.execute(
            select(TeamMembership.person_id, TeamMembership.team_role).where(
                TeamMembership.project_id == project.id
            )
        ).all()
    )


def team_events(database, project) -> list[AuditEvent]:
    return list(
        database.scalars(
            select(AuditEvent)
            .where(
                AuditEvent.project_id == project.id, AuditEvent.subject_type == "team_membership"
            )
            .order_by(AuditEvent.id)
        )
    )


@pytest.fixture
def owner_and_project(database, signed_in_as):
    """Signed in as the service owner of a project."""
    me = signed_in_as()
    return me, make_project(database, team=[(me, "service_owner")])


def test_the_team_page_lists_people_with_their_roles(client, database, make_person, signed_in_as):
    me = signed_in_as(Role.BOARD_MEMBER)
    member = make_person(name="Ada Lovelace")
    owner = make_person(name="Zoe Owner")
    project = make_project(database, team=[(member, "member"), (owner, "service_owner")])
    response = client.get(f"/projects/{project.id}/team")
    assert response.status_code == 200
    check_page(response)
    body = response.get_data(as_text=True)
    # Service owners first.
    assert body.index("Zoe Owner") < body.index("Ada Lovelace")
    assert "Service owner" in body and "Team member" in body
    # A board member reads it but changes nothing.
    assert "Add a person to the team" not in body
    assert "/remove" not in body
    assert me.name not in body


def test_the_service_owner_adds_a_person_by_email(client, database, make_person, owner_and_project):
    me, project = owner_and_project
    newcomer = make_person(name="Grace Hopper", email="grace@example.gov.uk")
    page = client.get(f"/projects/{project.id}/team/add")
    check_page(page)
    response = client.submit(
        f"/projects/{project.id}/team/add",
        {"email": "  GRACE@example.gov.uk ", "team_role": "delivery_manager"},
    )
    assert response.status_code == 302
    assert response.headers["Location"] == f"/projects/{project.id}/team"
    assert team_of(database, project)[newcomer.id] == "delivery_manager"
    [event] = team_events(database, project)
    assert event.verb == "added"
    assert event.actor_id == me.id
    assert event.summary == "Added Grace Hopper to the team as delivery manager"
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Grace Hopper has been added to the team as delivery manager." in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"email": "", "team_role": "member"}, "Enter their email address"),
        (
            {"email": "not-an-email", "team_role": "member"},
            "Enter an email address in the correct format, like name@example.gov.uk",
        ),
        (
            {"email": "nobody@example.gov.uk", "team_role": "member"},
            "There is no account with this email address. "
            "Ask an administrator to add the person first",
        ),
        (
            {"email": "gone@example.gov.uk", "team_role": "member"},
            "The account with this email address has been deactivated. "
            "Ask an administrator to reactivate it first",
        ),
        (
            {"email": "already@example.gov.uk", "team_role": "member"},
            "Al Ready is already in the team",
        ),
        ({"email": "grace@example.gov.uk", "team_role": ""}, "Select their role in the team"),
        ({"email": "grace@example.gov.uk", "team_role": "boss"}, "Select their role in the team"),
    ],
)
def test_adding_someone_who_cannot_be_added_gets_a_govuk_message(
    client, database, make_person, owner_and_project, data, message
):
    _, project = owner_and_project
    make_person(name="Grace Hopper", email="grace@example.gov.uk")
    make_person(name="Gone Away", email="gone@example.gov.uk", active=False)
    already = make_person(name="Al Ready", email="already@example.gov.uk")
    database.add(TeamMembership(project_id=project.id, person_id=already.id, team_role="member"))
    database.commit()
    before = team_of(database, project)

    response = client.submit(f"/projects/{project.id}/team/add", data)
    assert response.status_code == 200
    check_page(response)
    assert error_summary(response) == [message]
    assert team_of(database, project) == before
    if data["email"]:
        assert f'value="{data["email"]}"' in response.get_data(as_text=True)


def test_an_administrator_is_linked_to_adding_a_person_who_has_no_account(
    client, database, signed_in_as
):
    signed_in_as(Role.ADMINISTRATOR)
    project = make_project(database)
    page = client.get(f"/projects/{project.id}/team/add")
    check_page(page)
    document, _ = parse(page)
    main = document.find(".//main")
    assert "They need an account first. If they do not have an account, add the person first." in (
        text_of(main)
    )
    assert "ask an administrator" not in text_of(main).lower()
    [link] = [a for a in main.iter("a") if text_of(a) == "add the person first"]
    assert link.get("href") == "/admin/people/add"
    assert client.get(link.get("href")).status_code == 200

    response = client.submit(
        f"/projects/{project.id}/team/add",
        {"email": "nobody@example.gov.uk", "team_role": "member"},
    )
    assert response.status_code == 200
    check_page(response)
    message = (
        "There is no account with this email address. "
        "Add the person first, then add them to the team"
    )
    assert error_summary(response) == [message]
    # An error message is words only: the way to add the person is the link above the form.
    document, _ = parse(response)
    error = document.find(".//p[@id='email-error']")
    assert text_of(error) == f"Error: {message}"
    assert list(error.iter("a")) == []


def test_a_service_owner_is_told_to_ask_an_administrator(client, owner_and_project):
    _, project = owner_and_project
    document, _ = parse(client.get(f"/projects/{project.id}/team/add"))
    main = document.find(".//main")
    assert (
        "They need an account first. If they do not have one, ask an administrator to add them."
        in text_of(main)
    )
    assert "/admin/people/add" not in [a.get("href") for a in main.iter("a")]


def test_changing_a_role_is_audited(client, database, make_person, owner_and_project):
    me, project = owner_and_project
    member = make_person(name="Ada Lovelace")
    database.add(TeamMembership(project_id=project.id, person_id=member.id, team_role="member"))
    database.commit()
    url = f"/projects/{project.id}/team/{member.id}/role"
    page = client.get(url)
    check_page(page)
    assert 'value="member" checked' in page.get_data(as_text=True)

    response = client.submit(url, {"team_role": "service_owner"})
    assert response.status_code == 302
    assert team_of(database, project)[member.id] == "service_owner"
    [event] = team_events(database, project)
    assert event.changes == {"team_role": ["member", "service_owner"]}
    assert event.actor_id == me.id
    history = client.get(f"/projects/{project.id}/history").get_data(as_text=True)
    assert "Team role changed from Team member to Service owner" in history


def test_the_role_page_heading_is_words_not_markup(
    client, database, make_person, owner_and_project
):
    _, project = owner_and_project
    project.name = "Bins & <recycling>"
    member = make_person(name="Ada O'Brien")
    database.add(TeamMembership(project_id=project.id, person_id=member.id, team_role="member"))
    database.commit()
    page = client.get(f"/projects/{project.id}/team/{member.id}/role")
    check_page(page)
    document, _ = parse(page)
    [heading] = document.findall(".//h1")
    assert "<span" not in text_of(heading)
    assert text_of(heading).endswith("What is Ada O'Brien\u2019s role in the team?")
    caption = heading.find(".//span[@class='govuk-caption-l']")
    assert caption is not None and text_of(caption) == "Bins & <recycling>"
    assert "Bins &amp; &lt;recycling&gt;" in page.get_data(as_text=True)


def test_a_role_change_needs_a_role(client, database, make_person, owner_and_project):
    _, project = owner_and_project
    member = make_person()
    database.add(TeamMembership(project_id=project.id, person_id=member.id, team_role="member"))
    database.commit()
    response = client.submit(f"/projects/{project.id}/team/{member.id}/role", {"team_role": "x"})
    assert error_summary(response) == ["Select their role in the team"]


def test_the_last_service_owner_cannot_be_given_another_role(client, database, owner_and_project):
    me, project = owner_and_project
    response = client.submit(f"/projects/{project.id}/team/{me.id}/role", {"team_role": "member"})
    assert response.status_code == 200
    check_page(response)
    assert error_summary(response) == [
        f"{me.name} is the only service owner. "
        "Make someone else a service owner before you change their role"
    ]
    assert team_of(database, project)[me.id] == "service_owner"
    assert team_events(database, project) == []


def test_the_last_service_owner_cannot_be_removed(client, database, owner_and_project):
    me, project = owner_and_project
    url = f"/projects/{project.id}/team/{me.id}/remove"
    page = client.get(url)
    check_page(page)
    body = page.get_data(as_text=True)
    assert "is the only service owner" in body
    assert "Remove from the team" not in body
    # Even if the form is sent anyway.
    response = client.submit(url, {}, token_from=f"/projects/{project.id}/team/add")
    assert response.status_code == 200
    assert me.id in team_of(database, project)
    assert team_events(database, project) == []


def test_removing_someone_asks_first_and_is_audited(
    client, database, make_person, owner_and_project
):
    me, project = owner_and_project
    member = make_person(name="Ada Lovelace")
    database.add(TeamMembership(project_id=project.id, person_id=member.id, team_role="member"))
    database.commit()
    url = f"/projects/{project.id}/team/{member.id}/remove"
    page = client.get(url)
    check_page(page)
    assert "Remove Ada Lovelace from the team?" in page.get_data(as_text=True)
    assert member.id in team_of(database, project)  # looking changes nothing

    response = client.submit(url, {})
    assert response.status_code == 302
    assert member.id not in team_of(database, project)
    [event] = team_events(database, project)
    assert (event.verb, event.summary, event.actor_id) == (
        "removed",
        "Removed Ada Lovelace from the team",
        me.id,
    )


def test_a_service_owner_who_steps_down_goes_back_to_the_project(
    client, database, make_person, owner_and_project
):
    me, project = owner_and_project
    successor = make_person()
    database.add(
        TeamMembership(project_id=project.id, person_id=successor.id, team_role="service_owner")
    )
    database.commit()
    # Still in the team, no longer managing it.
    response = client.submit(f"/projects/{project.id}/team/{me.id}/role", {"team_role": "member"})
    assert response.headers["Location"] == f"/projects/{project.id}"
    assert client.get(f"/projects/{project.id}/team/add").status_code == 403


def test_a_service_owner_who_hands_over_and_leaves_goes_home(
    client, database, make_person, owner_and_project
):
    me, project = owner_and_project
    successor = make_person()
    database.add(
        TeamMembership(project_id=project.id, person_id=successor.id, team_role="service_owner")
    )
    database.commit()
    response = client.submit(f"/projects/{project.id}/team/{me.id}/remove", {})
    assert response.headers["Location"] == "/home"
    assert client.get(f"/projects/{project.id}").status_code == 403


def test_an_administrator_who_removes_themselves_stays_on_the_team_page(
    client, database, make_person, signed_in_as
):
    me = signed_in_as(Role.ADMINISTRATOR)
    owner = make_person()
    project = make_project(database, team=[(owner, "service_owner"), (me, "member")])
    response = client.submit(f"/projects/{project.id}/team/{me.id}/remove", {})
    assert response.headers["Location"] == f"/projects/{project.id}/team"


def test_someone_not_in_the_team_is_not_found(client, database, make_person, owner_and_project):
    _, project = owner_and_project
    stranger = make_person()
    assert client.get(f"/projects/{project.id}/team/{stranger.id}/role").status_code == 404
    assert client.get(f"/projects/{project.id}/team/{stranger.id}/remove").status_code == 404
