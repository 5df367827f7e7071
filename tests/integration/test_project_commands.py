"""Projects, teams and phase moves through the command layer (app.commands.projects):
no update lost, forged values refused with nothing stored, and the next assessment date a
move asks for."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from flask import render_template_string
from sqlalchemy import select

from app.commands import Conflict, Invalid, NotAllowed
from app.commands import projects as commands
from app.data.projects import ProjectDetails
from app.models import AuditEvent, PhaseChange, Project, TeamMembership
from app.rules.permissions import Role
from tests.conftest import TODAY
from tests.integration.factories import make_project
from tests.integration.project_data import assessed
from tests.integration.test_pages import check_page
from tests.integration.test_phase_moves import DUE, DUE_PARTS, REASON, moves
from tests.integration.test_projects import _edit_fields, error_summary


def parts(day: date) -> list[str]:
    return [str(day.day), str(day.month), str(day.year)]


# --- No update is lost ------------------------------------------------------------------------


@pytest.mark.parametrize("version", [None, "", "abc", "0"])
def test_a_project_edit_that_does_not_say_which_version_it_changed_is_a_conflict(
    client, database, signed_in_as, version
):
    signed_in_as(Role.ADMINISTRATOR)
    project = make_project(database)
    fields = _edit_fields(client, project.id, description="Typed without a version")
    if version is None:
        del fields["version"]
    else:
        fields["version"] = version
    response = client.submit(f"/projects/{project.id}/edit", fields)
    assert response.status_code == 409
    check_page(response)
    body = response.get_data(as_text=True)
    assert "We could not check whether someone else changed this project" in body
    assert "Typed without a version" in body  # what they typed is still in the form
    assert 'name="version" type="hidden" value="1"' in body
    database.refresh(project)
    assert project.description == "A test project."
    assert project.version == 1


@pytest.mark.parametrize("page", ["phase", "phase/confirm"])
def test_a_phase_move_that_does_not_say_which_phase_it_saw_is_a_conflict(
    client, database, signed_in_as, page
):
    me = signed_in_as()
    project = make_project(database, phase="alpha", team=[(me, "delivery_manager")])
    assessed(database, project, me, {3: "red"})
    fields = {
        "to_phase": "private_beta",
        "reason": REASON,
        "next_assessment_due": DUE_PARTS,
        "override_reason": "Fixed next sprint",
    }
    response = client.submit(
        f"/projects/{project.id}/{page}", fields, token_from=f"/projects/{project.id}/phase"
    )
    assert response.status_code == 409
    check_page(response)
    assert error_summary(response) == [
        "The project is in alpha (design). We could not check that this is the phase you saw, "
        "so nothing was changed. Check the phase you want and continue again"
    ]
    body = response.get_data(as_text=True)
    assert 'name="from_phase" type="hidden" value="alpha"' in body
    assert REASON in body
    assert moves(database, project) == []
    database.refresh(project)
    assert project.phase == "alpha"


def test_the_move_command_refuses_a_phase_it_was_not_told_was_seen(app, database, make_person):
    me = make_person([Role.ADMINISTRATOR])
    project = make_project(database, phase="alpha")
    with app.app_context():
        for seen in (None, "discovery"):
            with pytest.raises(Conflict) as refused:
                commands.move_phase(
                    me,
                    project.id,
                    seen_phase=seen,
                    to_phase="discovery",
                    reason="Back we go",
                    next_assessment_due=None,
                )
            assert refused.value.details == {"phase": "alpha"}
    assert database.scalars(select(PhaseChange)).all() == []


# --- The next assessment date -------------------------------------------------------------------


@pytest.fixture
def manager_and_project(database, signed_in_as):
    me = signed_in_as()
    return me, make_project(database, phase="alpha", team=[(me, "delivery_manager")])


def move(client, project, to_phase: str, due: list[str] | None, **more):
    fields = {"from_phase": project.phase, "to_phase": to_phase, "reason": REASON} | more
    if due is not None:
        fields["next_assessment_due"] = due
    return client.submit(f"/projects/{project.id}/phase", fields)


def test_the_first_page_asks_when_the_next_assessment_is_due_and_says_when_it_is_needed(
    client, manager_and_project
):
    _, project = manager_and_project
    page = client.get(f"/projects/{project.id}/phase")
    check_page(page)
    body = page.get_data(as_text=True)
    assert "When is the next assessment due?" in body
    assert "Needed when the project moves on to alpha, beta or live" in body
    assert 'id="next_assessment_due-day"' in body


@pytest.mark.parametrize("to_phase", ["private_beta", "public_beta", "live"])
def test_moving_on_into_beta_or_live_needs_the_next_assessment_date(
    client, database, manager_and_project, to_phase
):
    _, project = manager_and_project
    response = move(client, project, to_phase, ["", "", ""])
    assert response.status_code == 200
    check_page(response)
    assert error_summary(response) == ["Enter when the next assessment is due"]
    assert 'href="#next_assessment_due-day"' in response.get_data(as_text=True)
    assert moves(database, project) == []


@pytest.mark.parametrize(
    ("due", "message"),
    [
        (
            parts(TODAY - timedelta(days=1)),
            "The next assessment date must be today or in the future",
        ),
        (["31", "2", "2027"], "Next assessment date must be a real date"),
        (["1", "13", "2027"], "Next assessment date must be a real date"),
        (["", "3", "2027"], "Next assessment date must include a day"),
    ],
)
def test_the_next_assessment_date_must_be_a_real_date_not_in_the_past(
    client, database, manager_and_project, due, message
):
    _, project = manager_and_project
    response = move(client, project, "private_beta", due)
    assert error_summary(response) == [message]
    body = response.get_data(as_text=True)
    assert (
        f'id="next_assessment_due-month" name="next_assessment_due" type="text" value="{due[1]}"'
        in body
    )
    assert moves(database, project) == []


def test_the_date_given_is_stored_on_the_project_and_today_will_do(
    client, database, manager_and_project
):
    _, project = manager_and_project
    project.next_assessment_due = date(2020, 1, 1)
    database.commit()
    assert move(client, project, "private_beta", parts(TODAY)).status_code == 302
    database.refresh(project)
    assert (project.phase, project.next_assessment_due) == ("private_beta", TODAY)
    history = client.get(f"/projects/{project.id}/history").get_data(as_text=True)
    assert "Next assessment due changed from 1 January 2020" in history


def test_going_back_a_phase_may_leave_the_date_out_and_keeps_the_one_set(
    client, database, manager_and_project
):
    _, project = manager_and_project
    project.next_assessment_due = DUE
    database.commit()
    assert move(client, project, "discovery", ["", "", ""]).status_code == 302
    database.refresh(project)
    assert (project.phase, project.next_assessment_due) == ("discovery", DUE)


def test_a_retiring_project_is_not_assessed_again(client, database, manager_and_project):
    _, project = manager_and_project
    project.next_assessment_due = DUE
    database.commit()
    response = move(client, project, "retired", DUE_PARTS)
    assert error_summary(response) == [
        "Leave the next assessment date blank: a retired project is not assessed"
    ]
    assert move(client, project, "retired", ["", "", ""]).status_code == 302
    database.refresh(project)
    assert (project.phase, project.next_assessment_due) == ("retired", None)


def test_the_date_rides_through_the_red_point_confirmation(client, database, manager_and_project):
    me, project = manager_and_project
    assessed(database, project, me, {3: "red"})
    response = move(client, project, "private_beta", DUE_PARTS)
    assert "Check before moving on with red points" in response.get_data(as_text=True)
    check_page(response)
    body = response.get_data(as_text=True)
    for part in DUE_PARTS:
        assert f'<input type="hidden" name="next_assessment_due" value="{part}">' in body
    fields = {
        "from_phase": "alpha",
        "to_phase": "private_beta",
        "reason": REASON,
        "next_assessment_due": DUE_PARTS,
        "override_reason": "The panel agreed a plan for point 3.",
    }
    response = client.submit(
        f"/projects/{project.id}/phase/confirm", fields, token_from=f"/projects/{project.id}/phase"
    )
    assert response.status_code == 302
    database.refresh(project)
    assert (project.phase, project.next_assessment_due) == ("private_beta", DUE)


def test_a_forged_date_on_the_confirmation_goes_back_to_the_first_page(
    client, database, manager_and_project
):
    me, project = manager_and_project
    assessed(database, project, me, {3: "red"})
    fields = {
        "from_phase": "alpha",
        "to_phase": "private_beta",
        "reason": REASON,
        "next_assessment_due": ["", "", ""],
        "override_reason": "Anyway",
    }
    response = client.submit(
        f"/projects/{project.id}/phase/confirm", fields, token_from=f"/projects/{project.id}/phase"
    )
    assert response.status_code == 200
    assert error_summary(response) == ["Enter when the next assessment is due"]
    assert moves(database, project) == []


# --- Forged values: a GOV.UK error and nothing stored ---------------------------------------------


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"non_cashable_benefit": "enormous"},
            "Select the non-cashable benefit, or select not known yet",
        ),
        ({"framework": "999999"}, "Select the standard the project will be assessed against"),
        ({"directorate": "999999"}, "Select a directorate from the list"),
        ({"directorate": "-1"}, "Select a directorate from the list"),
    ],
)
def test_a_forged_value_on_the_edit_page_is_refused(
    client, database, signed_in_as, changes, message
):
    me = signed_in_as()
    project = make_project(database, team=[(me, "service_owner")])
    response = client.submit(
        f"/projects/{project.id}/edit", _edit_fields(client, project.id, **changes)
    )
    assert response.status_code == 200
    check_page(response)
    assert error_summary(response) == [message]
    database.refresh(project)
    assert project.version == 1


@pytest.mark.parametrize("role", ["owner", "", "SERVICE_OWNER", "administrator"])
def test_a_forged_team_role_is_refused(client, database, make_person, signed_in_as, role):
    me = signed_in_as()
    project = make_project(database, team=[(me, "service_owner")])
    other = make_person()
    response = client.submit(
        f"/projects/{project.id}/team/add", {"email": other.email, "team_role": role}
    )
    assert error_summary(response) == ["Select their role in the team"]
    response = client.submit(f"/projects/{project.id}/team/{me.id}/role", {"team_role": role})
    assert error_summary(response) == ["Select their role in the team"]
    roles = dict(
        database.execute(
            select(TeamMembership.person_id, TeamMembership.team_role).where(
                TeamMembership.project_id == project.id
            )
        ).all()
    )
    assert roles == {me.id: "service_owner"}


def _details(**changes) -> ProjectDetails:
    values = {
        "name": "Forged project",
        "description": "Sent straight to the command.",
        "directorate_id": None,
        "new_directorate": None,
        "framework_id": None,
        "cashable_benefit": None,
        "non_cashable_benefit": None,
        "next_assessment_due": None,
    }
    return ProjectDetails(**(values | changes))


def test_the_commands_refuse_forged_values_whatever_the_form_did(app, database, make_person):
    """An API or a later page calls the same commands: they check every list themselves."""
    admin = make_person([Role.ADMINISTRATOR])
    other = make_person()
    project = make_project(database, team=[(admin, "service_owner")])
    framework_id = project.framework_id
    with app.app_context():
        with pytest.raises(Invalid) as refused:
            commands.create_project(
                admin,
                _details(framework_id=999999, directorate_id=999999, non_cashable_benefit="vast"),
                "gamma",
            )
        assert set(refused.value.errors) == {
            "phase",
            "framework",
            "directorate",
            "non_cashable_benefit",
        }
        with pytest.raises(Invalid) as refused:
            commands.create_project(
                admin, _details(framework_id=framework_id, cashable_benefit=-5), "alpha"
            )
        assert refused.value.errors == {"cashable_benefit": "Cashable benefit must be £0 or more"}
        with pytest.raises(Invalid, match="Select their role in the team"):
            commands.add_team_member(admin, project.id, other.id, "owner")
        with pytest.raises(Invalid, match="Select their role in the team"):
            commands.change_team_role(admin, project.id, admin.id, "tea_maker")
        with pytest.raises(Invalid) as refused:
            commands.move_phase(
                admin,
                project.id,
                seen_phase="alpha",
                to_phase="gamma",
                reason="",
                next_assessment_due=None,
            )
        assert refused.value.errors == {
            "to_phase": "Select the phase the project is moving to",
            "reason": "Enter why the project is moving to this phase",
        }
    assert database.scalar(select(Project).where(Project.name == "Forged project")) is None
    assert (
        database.scalars(select(AuditEvent).where(AuditEvent.project_id.is_not(None))).all() == []
    )


def test_the_commands_check_who_may_make_the_change(app, database, make_person):
    member = make_person()
    outsider = make_person()
    project = make_project(database, team=[(member, "member")])
    with app.app_context():
        with pytest.raises(NotAllowed):
            commands.create_project(member, _details(framework_id=project.framework_id), "alpha")
        with pytest.raises(NotAllowed):
            commands.edit_project(member, project.id, project.version, _details())
        with pytest.raises(NotAllowed):
            commands.add_team_member(member, project.id, outsider.id, "member")
        with pytest.raises(NotAllowed):
            commands.move_phase(
                member,
                project.id,
                seen_phase="alpha",
                to_phase="discovery",
                reason="Back",
                next_assessment_due=None,
            )


def test_a_move_past_red_points_without_a_reason_is_refused_by_the_command(
    app, database, make_person
):
    me = make_person([Role.ADMINISTRATOR])
    project = make_project(database, phase="alpha")
    assessed(database, project, me, {3: "red"})
    with app.app_context(), pytest.raises(Invalid) as refused:
        commands.move_phase(
            me,
            project.id,
            seen_phase="alpha",
            to_phase="private_beta",
            reason="Onwards",
            next_assessment_due=DUE,
        )
    assert set(refused.value.errors) == {"override_reason"}
    assert moves(database, project) == []


# --- Pages never crash on a value they do not know ----------------------------------------------


def test_values_the_service_does_not_know_are_shown_plainly(app):
    with app.test_request_context():
        shown = render_template_string(
            "{{ 'gamma' | phase_label }}|{{ 'gamma' | phase_words }}|"
            "{{ 'gamma' | programme_word }}|"
            "{{ 'vast' | non_cashable_words }}|{{ 'tea_maker' | team_role_label }}"
        )
    assert shown == "gamma|gamma||vast|tea_maker"
