"""The demo portfolio: 74 projects, one account per role, and believable self-assessments."""

from collections import Counter
from datetime import UTC, datetime
from itertools import pairwise

import pytest
from sqlalchemy import func, select

from app.data.projects import history_count, history_page
from app.demo.loader import load_demo
from app.models import (
    Action,
    Answer,
    Assessment,
    AuditEvent,
    Person,
    PhaseChange,
    Project,
    TeamMembership,
)
from app.rules.pagination import page_window
from app.rules.permissions import TeamRole
from tests.conftest import DEMO_PASSWORD

ACCOUNTS = {
    "admin@example.gov.uk": {"administrator"},
    "board@example.gov.uk": {"board_member"},
    "assessor@example.gov.uk": {"assessor"},
    "team@example.gov.uk": set(),
}


@pytest.fixture
def demo(app, database):
    with app.app_context():
        summary = load_demo(DEMO_PASSWORD)
        database.commit()
    return summary


@pytest.fixture
def submitted(database, demo):
    return list(database.scalars(select(Assessment).where(Assessment.status == "submitted")))


def test_the_portfolio_has_74_projects_in_the_councils_phases(database, demo):
    phases = Counter(database.scalars(select(Project.phase)))
    assert demo.projects == sum(phases.values()) == 74
    assert phases["discovery"] == 28
    assert phases["alpha"] == 26
    assert phases["private_beta"] + phases["public_beta"] + phases["live"] == 20
    assert set(phases) == {"discovery", "alpha", "private_beta", "public_beta", "live"}


def test_there_is_one_account_for_each_role(database, demo):
    for email, roles in ACCOUNTS.items():
        person = database.scalar(select(Person).where(Person.email == email))
        assert person is not None, email
        assert person.roles == roles, email
        assert person.is_active
    team = database.scalar(select(Person).where(Person.email == "team@example.gov.uk"))
    projects = database.scalar(
        select(func.count(TeamMembership.id)).where(TeamMembership.person_id == team.id)
    )
    assert projects >= 3


def test_every_project_has_a_service_owner_and_a_delivery_manager(database, demo):
    for project in database.scalars(select(Project)):
        team_roles = Counter(membership.team_role for membership in project.memberships)
        assert team_roles[TeamRole.SERVICE_OWNER.value] >= 1, project.name
        assert team_roles[TeamRole.DELIVERY_MANAGER.value] >= 1, project.name


def test_some_self_assessments_are_drafts_and_some_are_submitted(database, demo):
    statuses = Counter(database.scalars(select(Assessment.status)))
    assert statuses["draft"] > 0
    assert statuses["submitted"] > 0
    assert sum(statuses.values()) == demo.assessments


def test_every_submitted_self_assessment_is_complete(submitted):
    assert submitted
    for assessment in submitted:
        assert assessment.submitted_at is not None
        assert len(assessment.answers) == 14, assessment.project.name
        for answer in assessment.answers:
            assert answer.status == "completed", assessment.project.name
            assert answer.self_rating in {"green", "amber", "red"}
            assert answer.evidence_account.strip()


def test_every_amber_or_red_point_that_was_submitted_has_an_action(database, submitted):
    checked = 0
    for assessment in submitted:
        for answer in assessment.answers:
            if answer.self_rating not in {"amber", "red"}:
                continue
            actions = database.scalar(
                select(func.count(Action.id)).where(
                    Action.assessment_id == assessment.id, Action.point_id == answer.point_id
                )
            )
            assert actions >= 1, (assessment.project.name, answer.point.number)
            checked += 1
    assert checked > 0


def test_every_project_has_a_phase_history_ending_in_its_current_phase(database, demo):
    for project in database.scalars(select(Project)):
        history = list(
            database.scalars(
                select(PhaseChange)
                .where(PhaseChange.project_id == project.id)
                .order_by(PhaseChange.created_at, PhaseChange.id)
            )
        )
        assert history, project.name
        assert history[0].from_phase is None
        assert history[-1].to_phase == project.phase, project.name
        for earlier, later in pairwise(history):
            assert later.from_phase == earlier.to_phase


def test_the_demo_accounts_can_sign_in(client, demo):
    client.sign_in("team@example.gov.uk", DEMO_PASSWORD)
    home = client.get("/home").get_data(as_text=True)
    assert "Jordan Ellis" in home


def test_draft_answers_are_part_way_through(database, demo):
    drafts = database.scalars(select(Assessment).where(Assessment.status == "draft"))
    for assessment in drafts:
        unrated = database.scalar(
            select(func.count(Answer.id)).where(
                Answer.assessment_id == assessment.id, Answer.self_rating.is_(None)
            )
        )
        assert unrated > 0, assessment.project.name


def test_demo_load_if_empty_leaves_a_database_with_projects_alone(app, database, demo):
    before = database.scalar(select(func.count(Project.id)))
    result = app.test_cli_runner().invoke(args=["demo", "load", "--if-empty"])
    assert result.exit_code == 0, result.output
    assert "the database already has projects, so nothing was loaded" in result.output
    assert database.scalar(select(func.count(Project.id))) == before


def test_demo_load_without_if_empty_refuses_a_database_with_projects(app, database, demo):
    result = app.test_cli_runner().invoke(args=["demo", "load"])
    assert result.exit_code != 0
    assert "Demo data loads only into an empty one." in result.output
    assert database.scalar(select(func.count(Project.id))) == 74


def test_every_project_has_a_history_in_the_services_words(database, demo):
    """Each demo project's audit trail tells the story its data tells, dated as it happened."""
    counts = dict(
        database.execute(
            select(AuditEvent.project_id, func.count(AuditEvent.id)).group_by(AuditEvent.project_id)
        ).all()
    )
    for project in database.scalars(select(Project)):
        moves = database.scalar(
            select(func.count(PhaseChange.id)).where(PhaseChange.project_id == project.id)
        )
        # Added, each member of its team, and each move since.
        assert counts.get(project.id, 0) >= 1 + len(project.memberships) + moves - 1, project.name
    now = datetime.now(UTC)
    times = database.scalars(select(AuditEvent.occurred_at).where(AuditEvent.verb != "loaded"))
    assert all(moment.replace(tzinfo=UTC) <= now for moment in times)


def test_a_demo_projects_history_page_reads_newest_first(client, database, demo):
    project = database.scalar(
        select(Project)
        .join(Assessment, Assessment.project_id == Project.id)
        .where(Assessment.phase == "live", Assessment.status == "submitted")
        .order_by(Project.id)
        .limit(1)
    )
    window = page_window(1, 1000, history_count(project.id))
    summaries = [entry.summary for entry in history_page(project.id, window)]
    newest_first = [
        "Submitted the self-assessment for peer review",
        "Started a self-assessment for live against version 1 of the framework",
        "Moved the project from public beta (delivery) to live (delivery)",
        "Started a self-assessment for public beta against version 1 of the framework",
        "Moved the project from private beta (delivery) to public beta (delivery)",
        "Added the project to the programme in discovery (concept)",
    ]
    places = [summaries.index(summary) for summary in newest_first]
    assert places == sorted(places), summaries
    # Work on an action names the action; the details say what changed.
    action = database.scalar(
        select(Action)
        .where(Action.project_id == project.id, Action.status != "open")
        .order_by(Action.id)
        .limit(1)
    )
    assert action.point_number is not None
    assert f"Point {action.point_number}: changed action “{action.description}”" in summaries
    assert not any(summary.startswith("Changed the action") for summary in summaries)

    client.sign_in("admin@example.gov.uk", DEMO_PASSWORD)
    page = client.get(f"/projects/{project.id}/history")
    assert page.status_code == 200
    assert summaries[0] in page.get_data(as_text=True)
