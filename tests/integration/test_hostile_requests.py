"""Requests no page sends, from a review that posted hostile input to every route.

Each once gave a 500, lost saved data, or threw away what was typed.
"""

from __future__ import annotations

import io

import pytest
from sqlalchemy import select

from app.models import Directorate, PhaseChange, Project
from app.rules.permissions import Role, TeamRole
from tests.integration.factories import answer, make_action, make_project, start_assessment
from tests.integration.project_data import assessed
from tests.integration.test_phase_moves import OVERRIDE, REASON, confirm, page_one
from tests.integration.test_self_assessment import _answer_version, point_url, save, text


def test_a_return_address_that_is_not_a_real_address_is_ignored(client, database, signed_in_as):
    me = signed_in_as()
    project = make_project(database, team=[(me, TeamRole.MEMBER.value)])
    action = make_action(database, project)
    for page in ("", "/update"):
        response = client.get(f"/projects/{project.id}/actions/{action.id}{page}?next=//[")
        assert response.status_code == 200
        assert "//[" not in text(response)


def test_signing_in_with_a_broken_return_address_goes_home(client, make_person):
    person = make_person()
    token = client.csrf_token("/sign-in")
    response = client.post(
        "/sign-in?next=//%5B",
        data={"csrf_token": token, "email": person.email, "password": "demo-password-2026"},
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/home"


def test_a_file_sent_where_text_belongs_is_nothing_typed(client, make_person):
    make_person()
    token = client.csrf_token("/sign-in")
    response = client.post(
        "/sign-in",
        data={
            "csrf_token": token,
            "email": (io.BytesIO(b"person1@example.gov.uk"), "email.txt"),
            "password": "p",
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == 200
    assert "<title>Error: Sign in" in text(response)
    assert "Enter an email address in the correct format" in text(response)


def _team(database, make_person):
    member = make_person(name="Priya Shah")
    owner = make_person(name="Owen Grant")
    project = make_project(
        database, team=[(owner, TeamRole.SERVICE_OWNER.value), (member, TeamRole.MEMBER.value)]
    )
    return member, owner, project


def test_an_out_of_date_save_with_a_forged_rating_shows_the_conflict(client, database, make_person):
    member, _, project = _team(database, make_person)
    assessment = start_assessment(database, project, member)
    client.sign_in(member.email)
    url = point_url(project, assessment)
    response = client.submit(
        url,
        {"version": "0", "evidence_account": "What I typed", "rating": "purple", "completed": "no"},
    )
    assert response.status_code == 409
    assert "What I typed" in text(response)


def test_a_post_without_the_evidence_or_rating_keeps_what_is_saved(client, database, make_person):
    member, _, project = _team(database, make_person)
    assessment = start_assessment(database, project, member)
    client.sign_in(member.email)
    save(
        client,
        project,
        assessment,
        evidence_account="We ran 12 interviews.",
        rating="green",
        completed="no",
    )
    version = _answer_version(client, project, assessment)
    response = client.submit(
        point_url(project, assessment), {"version": str(version), "completed": "no"}
    )
    assert response.status_code == 302
    saved = answer(database, assessment, 1)
    database.refresh(saved)
    assert (saved.evidence_account, saved.self_rating) == ("We ran 12 interviews.", "green")


def test_sharing_out_changes_only_the_points_in_the_post(client, database, make_person):
    member, owner, project = _team(database, make_person)
    assessment = start_assessment(database, project, member)
    for number in (1, 2, 3):
        answer(database, assessment, number).owner_id = owner.id
    database.commit()
    client.sign_in(member.email)
    url = f"/projects/{project.id}/assessments/{assessment.id}/owners"
    shown = {"point_1": str(member.id), "shown_1": str(owner.id)}
    assert client.submit(url, shown).status_code == 302
    owners = [answer(database, assessment, number) for number in (1, 2, 3)]
    for item in owners:
        database.refresh(item)
    assert [item.owner_id for item in owners] == [member.id, owner.id, owner.id]


def test_removing_what_is_no_longer_there_says_nothing_was_removed(client, database, make_person):
    member, _, project = _team(database, make_person)
    assessment = start_assessment(database, project, member)
    other_point = make_action(database, project, assessment, number=2)
    client.sign_in(member.email)
    url = point_url(project, assessment) + f"/actions/{other_point.id}/remove"
    response = client.submit(url, {"confirm": "yes"}, token_from=point_url(project, assessment))
    assert response.status_code == 302
    response = client.get(response.headers["Location"])
    assert "That action is no longer in this point&#39;s plan." in text(response)
    assert "removed from point" not in text(response)
    assert database.get(type(other_point), other_point.id) is not None


def test_a_name_taken_with_capitals_beyond_a_to_z_is_an_error_not_a_crash(
    client, database, signed_in_as
):
    signed_in_as(Role.ADMINISTRATOR)
    make_project(database, name="ÉCOLE services")
    project = make_project(database, name="Blue Badge applications")
    directorate = Directorate(name="Éducation")
    database.add(directorate)
    database.commit()
    form = client.get(f"/projects/{project.id}/edit")
    fields = {
        "version": str(project.version),
        "name": "ÉCOLE services",
        "description": "A test project.",
        "directorate": str(project.directorate_id),
        "framework": str(project.framework_id),
    }
    assert form.status_code == 200
    response = client.submit(f"/projects/{project.id}/edit", fields)
    assert response.status_code == 200
    assert "A project with this name already exists" in text(response)

    # A new directorate named like one there is joins it rather than failing.
    fields |= {"name": "Blue Badge applications", "directorate": "", "new_directorate": "Éducation"}
    response = client.submit(f"/projects/{project.id}/edit", fields)
    assert response.status_code == 302, text(response)[:3000]
    database.refresh(project)
    assert project.directorate_id == directorate.id


def test_the_reason_to_move_on_anyway_survives_being_sent_back(client, database, signed_in_as):
    me = signed_in_as()
    project = make_project(database, phase="alpha", team=[(me, "delivery_manager")])
    assessed(database, project, me, {3: "red"})
    # Someone else moved the project meanwhile: the carried answers no longer fit.
    response = confirm(client, project, from_phase="discovery")
    assert response.status_code == 409  # the conflict page, keeping what was typed
    assert f'name="override_reason" type="hidden" value="{OVERRIDE}"' in text(response)
    # Continuing from the first page brings the reason back to the confirmation.
    response = page_one(client, project, override_reason=OVERRIDE)
    assert "Check before moving on with red points" in text(response)
    assert f">{OVERRIDE}</textarea>" in text(response)
    assert (
        database.scalars(select(PhaseChange).where(PhaseChange.project_id == project.id)).all()
        == []
    )
    assert REASON in text(response)
    assert database.get(Project, project.id).phase == "alpha"


@pytest.mark.parametrize(
    "path",
    ["/projects/{fullwidth}", "/api/v1/projects/{fullwidth}", "/portfolio/meetings/{fullwidth}"],
)
def test_an_id_in_an_address_is_ascii_digits_only(client, database, signed_in_as, path):
    """Full-width digits read as a number to Python, but are not an id: not found."""
    project = make_project(database, "Blue Badge")
    signed_in_as("board_member")
    fullwidth = "".join(chr(0xFF10 + int(digit)) for digit in str(project.id))
    assert client.get(path.format(fullwidth=fullwidth)).status_code == 404
    assert client.get(f"/projects/{project.id}").status_code == 200
