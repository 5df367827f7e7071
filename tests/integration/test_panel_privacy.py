"""What the panel and assessors keep private: a panel's draft actions until its report is
sent, an assessor's declared conflict of interest and the note with an offer, a
confidential project's reports and panel work from organisers, and scoring by a panel
member who declared a conflict of interest."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from app.commands import NotAllowed, NotFound
from app.commands import actions as action_commands
from app.commands import panels as panel_commands
from app.commands import scoring as commands
from app.data import actions as action_data
from app.data import plans as plan_data
from app.data import projects as project_data
from app.data.actions import ActionChange, ActionFilters
from app.models import Action, AuditEvent, Judgement, Point
from app.rules.permissions import Role, TeamRole
from tests.conftest import TODAY
from tests.integration.conftest import FormClient
from tests.integration.factories import (
    complete_every_point,
    make_panel_assessment,
    make_project,
    start_assessment,
)

ACTION = "Publish the accessibility statement before private beta ends"


@pytest.fixture
def people(make_person, database):
    lead = make_person([Role.ASSESSOR], name="Lena Lead")
    lead.can_lead = True
    database.commit()
    return {
        "lead": lead,
        "designer": make_person([Role.ASSESSOR], name="Dara Design"),
        "assessor": make_person([Role.ASSESSOR], name="Otto Outsider"),
        "organiser": make_person([Role.ORGANISER], name="Orla Organiser"),
        "board": make_person([Role.BOARD_MEMBER], name="Bea Board"),
        "admin": make_person([Role.ADMINISTRATOR], name="Ada Admin"),
        "owner": make_person(name="Sam Owner"),
        "member": make_person(name="Mo Member"),
    }


@pytest.fixture
def project(database, people):
    return make_project(
        database,
        phase="private_beta",
        team=[(people["owner"], TeamRole.SERVICE_OWNER), (people["member"], TeamRole.MEMBER)],
    )


@pytest.fixture
def assessment(database, project, people):
    self_assessment = start_assessment(database, project, people["owner"])
    complete_every_point(database, self_assessment, rating="amber", owner=people["owner"])
    self_assessment.status = "in_review"
    self_assessment.submitted_at = datetime(2026, 11, 1, tzinfo=UTC)
    database.commit()
    return make_panel_assessment(
        database,
        project,
        kind="assessment",
        panel=[(people["lead"], "lead"), (people["designer"], "design")],
        self_assessment=self_assessment,
    )


def client_for(app, person) -> FormClient:
    client = FormClient(app.test_client())
    client.sign_in(person.email)
    return client


def text(response) -> str:
    return response.get_data(as_text=True)


def add_panel_action(database, assessment, people) -> Action:
    commands.save_judgement(
        assessment.id, 1, people["lead"].id, commands.Scoring("amber", "Good.", ACTION), "0"
    )
    return commands.add_panel_action(
        assessment.id, 1, people["lead"].id, ACTION, people["member"].id, None, date(2027, 2, 1)
    )


def team_pages(project) -> list[str]:
    return [f"/projects/{project.id}/actions", "/actions", f"/projects/{project.id}/history", "/"]


def change(action: Action) -> ActionChange:
    return ActionChange("in_progress", None, None, None, action.due_date, action.owner_id, None)


# --- A panel's actions stay the panel's until the report is sent -------------------------------


def test_the_team_sees_nothing_of_a_panels_draft_actions(
    app, database, project, assessment, people
):
    team_actions = action_data.counted_actions(project.id).total
    action = add_panel_action(database, assessment, people)
    action_id = action.id
    member = client_for(app, people["member"])
    for url in team_pages(project):
        response = member.get(url, follow_redirects=True)
        assert response.status_code == 200, url
        assert ACTION not in text(response), url
    assert member.get(f"/projects/{project.id}/actions/{action_id}").status_code == 404
    assert member.get(f"/projects/{project.id}/actions/{action_id}/update").status_code == 404
    with pytest.raises(NotFound):
        action_commands.update_action(
            project.id, action_id, action.version, change(action), people["member"].id
        )
    assert action_data.counted_actions(project.id).total == team_actions
    assert action_id not in _ids(action_data.actions_owned_by(people["member"].id, TODAY, True))
    assert action_id not in [a.id for a in project_data.red_items(project).actions]
    later = start_assessment(database, project, people["owner"])
    later.created_at = datetime(2030, 1, 1, tzinfo=UTC)
    database.commit()
    point_one = next(a.point for a in later.answers if a.point.number == 1)
    earlier = plan_data.point_actions(later, point_one.id, point_one.number).earlier
    assert action_id not in [a.id for a in earlier]
    # The panel itself still sees what it added.
    lead = client_for(app, people["lead"])
    assert ACTION in text(lead.get(f"/assessments/{assessment.id}/points/1"))
    # The event recording it is on the audit trail, kept out of the project's history.
    assert database.scalar(
        select(AuditEvent).where(AuditEvent.subject_type == "action", AuditEvent.verb == "added")
    )
    assert all(ACTION not in entry.summary for entry in _history(project))


def _ids(rows) -> list[int]:
    return [row.action.id for row in rows]


def _history(project):
    from app.rules.pagination import PageWindow

    return project_data.history_page(project.id, PageWindow(number=1, size=100, total=100))


@pytest.mark.parametrize("status", ["sent", "challenged", "accepted", "published"])
def test_once_the_report_is_sent_the_team_sees_and_works_the_panels_actions(
    app, database, project, assessment, people, status
):
    team_actions = action_data.counted_actions(project.id).total
    action = add_panel_action(database, assessment, people)
    assessment.status = status
    assessment.sent_at = datetime(2026, 11, 25, tzinfo=UTC)
    database.commit()
    member = client_for(app, people["member"])
    for url in team_pages(project)[:3]:
        assert ACTION in text(member.get(url)), url
    assert member.get(f"/projects/{project.id}/actions/{action.id}/update").status_code == 200
    assert action_data.counted_actions(project.id).total == team_actions + 1
    action_commands.update_action(
        project.id, action.id, action.version, change(action), people["member"].id
    )
    history = text(member.get(f"/projects/{project.id}/history"))
    assert "The panel added an action for point 1" in history


def test_a_report_withdrawn_before_it_was_sent_keeps_its_actions_from_the_team(
    app, database, project, assessment, people
):
    action = add_panel_action(database, assessment, people)
    assessment.status = "withdrawn"
    database.commit()
    every = ActionFilters(statuses=frozenset())
    assert action.id not in _ids(action_data.project_actions(project.id, every, TODAY))
    # Withdrawn after it was sent: the team had it already, and keeps it.
    assessment.sent_at = datetime(2026, 11, 25, tzinfo=UTC)
    database.commit()
    assert action.id in _ids(action_data.project_actions(project.id, every, TODAY))


# --- Conflicts of interest and offer notes stay out of the project's history -------------------


def test_a_declared_conflict_and_an_offer_note_never_reach_the_team(
    app, database, project, assessment, people
):
    reason = "My sister is the service owner's manager"
    note = "I audited their supplier last year"
    assessor = client_for(app, people["assessor"])
    declared = assessor.submit("/conflicts", {"project_id": str(project.id), "reason": reason})
    assert declared.status_code == 302
    open_seat = make_panel_assessment(
        database, project, kind="peer_review", panel=[(None, "technical")]
    ).panel[0]
    designer = client_for(app, people["designer"])
    offered = designer.submit(f"/panel-roles/{open_seat.id}/offer", {"note": note})
    assert offered.status_code == 302
    conflict_id = database.scalar(
        select(AuditEvent.subject_id).where(AuditEvent.subject_type == "conflict_of_interest")
    )
    assessor.submit(f"/conflicts/{conflict_id}/withdraw", {}, token_from="/conflicts")
    for person in ("owner", "member", "board"):
        history = text(client_for(app, people[person]).get(f"/projects/{project.id}/history"))
        assert reason not in history and note not in history, person
        assert "conflict of interest" not in history, person
    # Both stay on the audit trail, without the project.
    events = database.scalars(
        select(AuditEvent).where(AuditEvent.verb.in_(["declared", "withdrawn", "offered"]))
    ).all()
    assert sorted(e.verb for e in events) == ["declared", "offered", "withdrawn"]
    assert all(e.project_id is None for e in events)


# --- A confidential project's reports and panel work ------------------------------------------


@pytest.fixture
def confidential(database, project, assessment, people):
    project.confidential = True
    earlier = make_panel_assessment(
        database, project, kind="assessment", status="published", panel=[(people["lead"], "lead")]
    )
    earlier.published_at = datetime(2026, 6, 1, tzinfo=UTC)
    point = database.scalar(
        select(Point).where(Point.version_id == earlier.framework_version_id, Point.number == 1)
    )
    database.add(
        Judgement(
            assessment_id=earlier.id, point_id=point.id, rating="amber", done_well="Secret praise"
        )
    )
    commands.save_judgement(
        assessment.id, 1, people["lead"].id, commands.Scoring("amber", "Quiet finding", ""), "0"
    )
    database.commit()
    return assessment, earlier


def reading_urls(assessment, earlier) -> list[str]:
    base = f"/assessments/{assessment.id}"
    published = f"/assessments/{earlier.id}"
    return [
        base,
        base + "/self-assessment",
        base + "/points/1",
        base + "/summary",
        base + f"/earlier/{earlier.id}",
        base + "/report",
        base + "/report.docx",
        base + "/report.xlsx",
        base + "/report.csv",
        base + "/report.json",
        published + "/report",
        published + "/report.csv",
        published + "/report/feedback",
    ]


def test_an_organiser_arranges_but_never_reads_a_confidential_projects_assessments(
    app, database, confidential, people
):
    assessment, earlier = confidential
    organiser = client_for(app, people["organiser"])
    for url in reading_urls(assessment, earlier):
        response = organiser.get(url)
        assert response.status_code == 403, url
        assert "Quiet finding" not in text(response) and "Secret praise" not in text(response)
    for url in ["/panel", "/arranged", "/brief", "/report/withdraw"]:
        response = organiser.get(f"/assessments/{assessment.id}{url}")
        assert response.status_code == 200, url
        assert "Quiet finding" not in text(response), url
    panel_page = text(organiser.get(f"/assessments/{assessment.id}/panel"))
    assert f'href="/assessments/{assessment.id}/report/withdraw"' in panel_page
    withdrawn = organiser.submit(
        f"/assessments/{assessment.id}/report/withdraw",
        {"version": str(assessment.version), "reason": "The project was paused"},
    )
    assert withdrawn.status_code == 302
    assert withdrawn.headers["Location"].endswith(f"/assessments/{assessment.id}/panel")


@pytest.mark.parametrize("who", ["lead", "board", "admin"])
def test_the_panel_the_board_and_administrators_read_a_confidential_projects_reports(
    app, database, confidential, people, who
):
    assessment, earlier = confidential
    client = client_for(app, people[who])
    for url in reading_urls(assessment, earlier)[:-1]:
        assert client.get(url).status_code == 200, (who, url)


def test_the_team_reads_a_confidential_projects_published_report(
    app, database, confidential, people
):
    _, earlier = confidential
    member = client_for(app, people["member"])
    assert "Secret praise" in text(member.get(f"/assessments/{earlier.id}/report"))


# --- A panel member who declared a conflict of interest ---------------------------------------


def test_a_conflicted_panel_member_cannot_score_summarise_or_add_actions(
    app, database, project, assessment, people
):
    panel_commands.declare_conflict(people["designer"], project.id, "I built it")
    panel_commands.declare_conflict(people["lead"], project.id, "I managed it")
    scoring = commands.Scoring("green", "Good.", "")
    for person in ("designer", "lead"):
        with pytest.raises(NotAllowed) as refused:
            commands.save_judgement(assessment.id, 1, people[person].id, scoring, "0")
        assert refused.value.message == commands.CONFLICTED
        with pytest.raises(NotAllowed):
            commands.add_panel_action(
                assessment.id, 1, people[person].id, ACTION, people["member"].id, None, None
            )
    with pytest.raises(NotAllowed):
        commands.save_summary(assessment.id, people["lead"].id, "Summary", False, "1")

    designer = client_for(app, people["designer"])
    page = text(designer.get(f"/assessments/{assessment.id}/points/1"))
    assert "You have declared a conflict of interest with this project" in page
    assert 'name="done_well"' not in page
    assert "Add an action" not in page
    overview = text(designer.get(f"/assessments/{assessment.id}"))
    assert "You have declared a conflict of interest with this project" in overview
    added = designer.get(f"/assessments/{assessment.id}/points/1/actions/add")
    assert added.status_code == 302
    posted = designer.submit(
        f"/assessments/{assessment.id}/points/1",
        {"version": "0", "rating": "green", "done_well": "Good.", "to_do": ""},
    )
    assert posted.status_code == 302
    assert (
        database.scalar(select(Judgement).where(Judgement.assessment_id == assessment.id)) is None
    )
    summary = text(client_for(app, people["lead"]).get(f"/assessments/{assessment.id}/summary"))
    assert "You have declared a conflict of interest" in summary
    assert 'name="summary"' not in summary


def test_a_panel_member_scores_again_once_the_conflict_is_withdrawn(
    database, project, assessment, people
):
    conflict = panel_commands.declare_conflict(people["designer"], project.id, "I built it")
    panel_commands.withdraw_conflict(people["designer"], conflict.id)
    commands.save_judgement(
        assessment.id, 1, people["designer"].id, commands.Scoring("green", "Good.", ""), "0"
    )


@pytest.mark.parametrize("status", ["in_review", "challenged", "accepted"])
def test_a_conflicted_lead_cannot_send_answer_challenges_or_publish(
    app, database, project, assessment, people, status
):
    from app.commands import reports as report_commands

    assessment.status = status
    database.commit()
    panel_commands.declare_conflict(people["lead"], project.id, "I managed it")
    lead = people["lead"].id
    with pytest.raises(NotAllowed) as refused:
        report_commands.send_report(assessment.id, assessment.version, lead, frozenset(), 5, 10)
    assert refused.value.message == report_commands.CONFLICTED_LEAD
    with pytest.raises(NotAllowed) as refused:
        report_commands.answer_challenges(assessment.id, assessment.version, [], lead)
    assert refused.value.message == report_commands.CONFLICTED_LEAD
    with pytest.raises(NotAllowed) as refused:
        report_commands.publish_report(assessment.id, assessment.version, lead)
    assert refused.value.message == report_commands.CONFLICTED_LEAD
    page = text(client_for(app, people["lead"]).get(f"/assessments/{assessment.id}/report"))
    assert "you cannot send, answer challenges on or publish its report" in page
    assert "/report/send" not in page and "/report/publish" not in page
