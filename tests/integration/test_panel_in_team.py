"""Nobody sits on a panel for a project whose team they are in: someone on the panel of an
open assessment of a project is not added to its team, and a panel member who is in the
team all the same (added before this rule, say) neither scores, leads nor answers the
report for the team."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.commands import NotAllowed
from app.commands import reports as report_commands
from app.commands import scoring as commands
from app.models import Judgement, TeamMembership
from app.rules.permissions import Role, TeamRole
from tests.integration.conftest import FormClient
from tests.integration.factories import make_project
from tests.integration.report_data import scored_report

ON_THE_PANEL = "sits on the panel of this project&#39;s assessment"


@pytest.fixture
def people(make_person, database):
    lead = make_person([Role.ASSESSOR], name="Lena Lead")
    lead.can_lead = True
    database.commit()
    return {
        "lead": lead,
        "researcher": make_person([Role.ASSESSOR], name="Rae Research"),
        "owner": make_person(name="Sam Owner"),
        "member": make_person(name="Mo Member"),
    }


@pytest.fixture
def project(database, people):
    return make_project(
        database,
        team=[(people["owner"], TeamRole.SERVICE_OWNER), (people["member"], TeamRole.MEMBER)],
    )


def report_in(database, project, people, status="in_review"):
    return scored_report(
        database,
        project,
        people["owner"],
        panel=[(people["lead"], "lead"), (people["researcher"], "user_research")],
        status=status,
        ratings={3: "amber"},
    )


def client_for(app, person) -> FormClient:
    client = FormClient(app.test_client())
    client.sign_in(person.email)
    return client


def team_role(database, project, person) -> str | None:
    return database.scalar(
        select(TeamMembership.team_role).where(
            TeamMembership.project_id == project.id, TeamMembership.person_id == person.id
        )
    )


def join_team_directly(database, project, person, role=TeamRole.DELIVERY_MANAGER):
    """In the team and on the panel, as the rows were before the team refused it."""
    database.add(TeamMembership(project_id=project.id, person_id=person.id, team_role=role))
    database.commit()


# --- The team refuses someone on an open panel -------------------------------------------------


@pytest.mark.parametrize("who", ["lead", "researcher"])
def test_someone_on_an_open_panel_is_not_added_to_the_projects_team(
    app, database, project, people, who
):
    report_in(database, project, people)
    owner = client_for(app, people["owner"])
    response = owner.submit(
        f"/projects/{project.id}/team/add",
        {"email": people[who].email, "team_role": "delivery_manager"},
    )
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert f"{people[who].name} {ON_THE_PANEL}" in page
    assert "Ask the assessment organiser to change the panel first" in page
    assert team_role(database, project, people[who]) is None


@pytest.mark.parametrize("status", ["published", "withdrawn"])
def test_a_panel_of_a_closed_assessment_does_not_stop_someone_joining(
    app, database, project, people, status
):
    report_in(database, project, people, status=status)
    owner = client_for(app, people["owner"])
    response = owner.submit(
        f"/projects/{project.id}/team/add",
        {"email": people["lead"].email, "team_role": "member"},
    )
    assert response.status_code == 302
    assert team_role(database, project, people["lead"]) == "member"


def test_a_panel_of_another_project_does_not_stop_someone_joining(app, database, project, people):
    other = make_project(database, name="Another service")
    report_in(database, other, people)
    owner = client_for(app, people["owner"])
    response = owner.submit(
        f"/projects/{project.id}/team/add",
        {"email": people["lead"].email, "team_role": "member"},
    )
    assert response.status_code == 302


def test_a_team_member_on_an_open_panel_keeps_their_role(app, database, project, people):
    report_in(database, project, people)
    join_team_directly(database, project, people["researcher"], TeamRole.MEMBER)
    owner = client_for(app, people["owner"])
    response = owner.submit(
        f"/projects/{project.id}/team/{people['researcher'].id}/role",
        {"team_role": "delivery_manager"},
    )
    assert response.status_code == 200
    assert f"Rae Research {ON_THE_PANEL}" in response.get_data(as_text=True)
    assert team_role(database, project, people["researcher"]) == "member"


# --- A panel member in the team all the same ---------------------------------------------------


def test_a_panel_member_in_the_team_does_not_score(app, database, project, people):
    assessment = report_in(database, project, people)
    join_team_directly(database, project, people["researcher"])
    scoring = commands.Scoring("green", "Good.", "", "The team showed us more.")
    with pytest.raises(NotAllowed) as refused:
        commands.save_judgement(assessment.id, 3, people["researcher"].id, scoring, "1")
    assert refused.value.message == commands.IN_THE_TEAM

    researcher = client_for(app, people["researcher"])
    page = researcher.get(f"/assessments/{assessment.id}/points/3").get_data(as_text=True)
    assert "You are in this project&#39;s team, so you cannot score its points" in page
    assert "declared a conflict of interest" not in page
    assert 'name="done_well"' not in page
    posted = researcher.submit(
        f"/assessments/{assessment.id}/points/3",
        {"version": "1", "rating": "green", "done_well": "Good.", "to_do": ""},
    )
    assert posted.status_code == 302
    ratings = database.scalars(
        select(Judgement.rating).where(
            Judgement.assessment_id == assessment.id, Judgement.updated_by_id.is_not(None)
        )
    ).all()
    assert ratings == []


def test_a_lead_in_the_team_does_not_send_accept_or_publish(app, database, project, people):
    assessment = report_in(database, project, people)
    join_team_directly(database, project, people["lead"])
    lead = people["lead"].id
    with pytest.raises(NotAllowed) as refused:
        report_commands.send_report(assessment.id, assessment.version, lead, frozenset(), 5, 10)
    assert refused.value.message == report_commands.LEAD_IN_THE_TEAM
    with pytest.raises(NotAllowed) as refused:
        commands.save_summary(assessment.id, lead, "Changed", True, str(assessment.version))
    assert refused.value.message == commands.IN_THE_TEAM

    client = client_for(app, people["lead"])
    page = client.get(f"/assessments/{assessment.id}/report").get_data(as_text=True)
    assert "You are in this project&#39;s team, so you cannot send" in page
    assert "/report/send" not in page

    assessment.status = "sent"
    database.commit()
    answer = report_commands.TeamAnswer(accept=True, reasons={})
    with pytest.raises(NotAllowed) as refused:
        report_commands.answer_report(assessment.id, assessment.version, answer, lead)
    assert refused.value.message == report_commands.ON_THE_PANEL
    response = client.submit(
        f"/assessments/{assessment.id}/report/respond",
        {"version": str(assessment.version), "decision": "accept"},
        token_from="/home",
    )
    assert response.status_code == 403

    assessment.status = "accepted"
    database.commit()
    with pytest.raises(NotAllowed) as refused:
        report_commands.publish_report(assessment.id, assessment.version, lead)
    assert refused.value.message == report_commands.LEAD_IN_THE_TEAM
    database.refresh(assessment)
    assert assessment.status == "accepted" and assessment.published_by_id is None


def test_a_delivery_manager_on_the_panel_is_told_why_they_cannot_answer(
    app, database, project, people
):
    assessment = report_in(database, project, people, status="sent")
    join_team_directly(database, project, people["researcher"])
    page = (
        client_for(app, people["researcher"])
        .get(f"/assessments/{assessment.id}/report")
        .get_data(as_text=True)
    )
    assert "You sit on this assessment&#39;s panel, so you cannot accept or challenge" in page
    assert "/report/respond" not in page
    # The team's own service owner still answers.
    owner_page = (
        client_for(app, people["owner"])
        .get(f"/assessments/{assessment.id}/report")
        .get_data(as_text=True)
    )
    assert "/report/respond" in owner_page
