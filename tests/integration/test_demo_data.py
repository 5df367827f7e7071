"""The demo portfolio: 74 projects, one account per role, and believable self-assessments."""

from collections import Counter
from datetime import UTC, datetime
from itertools import pairwise

import pytest
from sqlalchemy import func, select

from app.clock import uk_date
from app.data.projects import history_count, history_page
from app.demo import content
from app.demo.loader import load_demo
from app.models import (
    Action,
    Answer,
    Artefact,
    ArtefactLink,
    Assessment,
    AuditEvent,
    Person,
    PhaseChange,
    Point,
    Project,
    TeamMembership,
)
from app.models.base import Base
from app.rules.dates import long_date
from app.rules.pagination import page_window
from app.rules.permissions import TeamRole
from app.rules.phases import phase_label
from tests.conftest import DEMO_PASSWORD, TODAY

ACCOUNTS = {
    "admin@example.gov.uk": {"administrator"},
    "board@example.gov.uk": {"board_member"},
    "assessor@example.gov.uk": {"assessor"},
    "organiser@example.gov.uk": {"organiser"},
    "team@example.gov.uk": set(),
}


@pytest.fixture
def demo(app, database):
    with app.app_context():
        summary = load_demo(DEMO_PASSWORD)
        database.commit()
    return summary


@pytest.fixture
def demo_events(app, database):
    """The audit events the demo wrote, and the moment it started loading."""
    before = database.scalar(select(func.max(AuditEvent.id))) or 0
    started = datetime.now(UTC)
    with app.app_context():
        load_demo(DEMO_PASSWORD)
        database.commit()
    events = list(database.scalars(select(AuditEvent).where(AuditEvent.id > before)))
    return started, events


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
    statuses = Counter(
        database.scalars(select(Assessment.status).where(Assessment.kind == "self_assessment"))
    )
    assert statuses["draft"] > 0
    assert statuses["submitted"] > 0
    # Some are with a panel, or assessed and published.
    assert statuses["in_review"] > 0 and statuses["published"] > 0
    assert sum(statuses.values()) == demo.assessments


def test_panel_assessments_are_at_every_step_of_the_report(database, demo):
    panels = database.scalars(select(Assessment).where(Assessment.kind != "self_assessment"))
    steps = Counter((a.kind, a.status) for a in panels)
    assert sum(steps.values()) == demo.panel_assessments
    statuses = {status for _, status in steps}
    assert statuses >= {"arranged", "in_review", "sent", "challenged", "published", "withdrawn"}
    kinds = {kind for kind, _ in steps}
    assert kinds >= {"assessment", "peer_review", "reassessment", "amber_evidence_review"}
    reassessment = database.scalar(select(Assessment).where(Assessment.kind == "reassessment"))
    assert reassessment.follows is not None and reassessment.follows.status == "published"
    # Nobody sits on a panel for a project whose team they are in; every panel has one lead.
    for assessment in database.scalars(
        select(Assessment).where(Assessment.kind != "self_assessment")
    ):
        team = {m.person_id for m in assessment.project.memberships}
        seated = [m for m in assessment.panel if m.person_id is not None]
        assert not team & {m.person_id for m in seated}, assessment.project.name
        assert [m.panel_role for m in seated].count("lead") == 1
        assert all(m.person.can_lead for m in seated if m.panel_role == "lead")


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
    earlier = select(Assessment.project_id).where(Assessment.phase == "public_beta")
    project = database.scalar(
        select(Project)
        .join(Assessment, Assessment.project_id == Project.id)
        .where(
            Assessment.phase == "live",
            Assessment.kind == "self_assessment",
            Assessment.status.in_(("submitted", "in_review", "published")),
            Project.id.in_(earlier),
        )
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


# Demo data that is true: every date and reference holds.

# The kinds of artefact that can show each point is met.
FITTING_KINDS = {
    1: {"research"},  # understand users and their problems
    2: {"research", "prototype"},  # solve a whole problem for users
    3: {"research", "prototype"},  # a joined-up experience across all channels
    4: {"research", "prototype"},  # make the service simple to use
    5: {"accessibility"},  # make sure everyone can use the service
    6: {"other"},  # a multidisciplinary team
    7: {"other"},  # agile ways of working
    8: {"prototype", "research", "other"},  # iterate and improve frequently
    9: {"data_protection"},  # a secure service which protects users' privacy
    10: {"performance"},  # define what success looks like and publish performance data
    11: {"code"},  # the right tools and technology
    12: {"code"},  # make new source code open
    13: {"code"},  # open standards, common components and patterns
    14: {"code", "other", "performance"},  # operate a reliable service
}


def _utc(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def test_no_history_entry_is_dated_when_the_demo_loaded_or_later(demo_events):
    started, events = demo_events
    assert len(events) > 74
    late = [
        (event.verb, event.subject_type, event.summary)
        for event in events
        if _utc(event.occurred_at) >= started or uk_date(event.occurred_at) > TODAY
    ]
    assert late == []


def test_nothing_the_demo_made_is_dated_when_it_loaded(app, database):
    started = datetime.now(UTC)
    with app.app_context():
        load_demo(DEMO_PASSWORD)
        database.commit()
    late = {}
    for mapper in Base.registry.mappers:
        model = mapper.class_
        for column in ("created_at", "updated_at", "occurred_at", "submitted_at", "closed_at"):
            if hasattr(model, column):
                moments = database.scalars(select(getattr(model, column)))
                count = sum(1 for m in moments if m is not None and _utc(m) >= started)
                if count:
                    late[f"{model.__name__}.{column}"] = count
    assert late == {}


def test_things_happen_in_the_order_they_could_have(database, demo):
    """Nothing is dated before its project was added, after today, or out of order."""
    for project in database.scalars(select(Project)):
        added = _utc(project.created_at)
        assert uk_date(added) < TODAY, project.name
        for membership in project.memberships:
            assert _utc(membership.person.created_at) <= _utc(membership.created_at) == added
    for assessment in database.scalars(select(Assessment)):
        started = _utc(assessment.created_at)
        assert _utc(assessment.project.created_at) <= started, assessment.project.name
        if assessment.submitted_at:
            assert started <= _utc(assessment.submitted_at)
            assert uk_date(assessment.submitted_at) < TODAY
    for action in database.scalars(select(Action)):
        assert action.due_date > uk_date(action.created_at), action.description
        if action.closed_at:
            assert _utc(action.created_at) <= _utc(action.closed_at)
            assert uk_date(action.closed_at) < TODAY
    for artefact in database.scalars(select(Artefact)):
        assert uk_date(artefact.project.created_at) <= artefact.dated <= TODAY, artefact.title


def test_a_move_cites_only_a_self_assessment_the_project_has_for_the_phase_it_left(database, demo):
    cited = 0
    for move in database.scalars(select(PhaseChange).order_by(PhaseChange.id)):
        if "assessment" not in move.reason.lower():
            continue
        # A formal assessment (alpha, beta or live) is never cited: the demo has none.
        assert "self-assessment" in move.reason, move.reason
        earlier = database.scalars(
            select(Assessment).where(
                Assessment.project_id == move.project_id,
                Assessment.phase == move.from_phase,
                Assessment.status == "submitted",
            )
        ).all()
        assert len(earlier) == 1, (move.project.name, move.reason)
        [assessment] = earlier
        assert f"{phase_label(move.from_phase).lower()} self-assessment" in move.reason
        assert long_date(assessment.submitted_at.date()) in move.reason
        assert _utc(assessment.submitted_at) < _utc(move.created_at)
        cited += 1
    assert cited > 10


def test_no_project_has_two_artefacts_with_the_same_title(database, demo):
    titles = Counter(database.execute(select(Artefact.project_id, Artefact.title)).all())
    assert titles
    assert [title for title, count in titles.items() if count > 1] == []


def test_every_artefact_fits_the_points_it_is_linked_to(database, demo):
    links = database.execute(
        select(Point.number, Artefact.kind, Artefact.title)
        .join(ArtefactLink, ArtefactLink.artefact_id == Artefact.id)
        .join(Answer, Answer.id == ArtefactLink.answer_id)
        .join(Point, Point.id == Answer.point_id)
    ).all()
    assert {number for number, _, _ in links} == set(FITTING_KINDS)
    misfits = [link for link in links if link[1] not in FITTING_KINDS[link[0]]]
    assert misfits == []
    # For example, a research report shows point 1 and an accessibility audit point 5.
    assert ("research", "Discovery user research report") in content.ARTEFACTS[1]
    assert {kind for kind, _ in content.ARTEFACTS[5]} == {"accessibility"}
    assert {kind for kind, _ in content.ARTEFACTS[12]} == {"code"}
    assert {kind for kind, _ in content.ARTEFACTS[10]} == {"performance"}


# Words only a service that is already running could say of itself.
ONLY_ONCE_RUNNING = (
    "launch",
    "releases",
    "99.9%",
    "penetration test found",
    "since private beta",
    "pilot area",
    "currently 87%",
    "published an accessibility statement",
)


def test_every_evidence_account_fits_the_phase_it_was_written_in(database, demo):
    # A review found live-only claims (uptime, releases since launch) in discovery drafts.
    from app.rules.phases import PHASE_ORDER, Phase

    earliest = {
        text: phase for accounts in content.EVIDENCE_ACCOUNTS.values() for phase, text in accounts
    }
    earliest |= dict.fromkeys(content.EARLY_EVIDENCE.values(), Phase.DISCOVERY)
    written = database.execute(
        select(Assessment.phase, Answer.evidence_account)
        .join(Answer.assessment)
        .where(Answer.evidence_account != "")
    ).all()
    assert {phase for phase, _ in written} >= {"discovery", "alpha", "live"}
    too_early = [
        (phase, text[:60])
        for phase, text in written
        if PHASE_ORDER.index(earliest[text]) > PHASE_ORDER.index(Phase(phase))
    ]
    assert too_early == []
    for phase, text in written:
        if phase == "discovery":
            assert not any(words in text for words in ONLY_ONCE_RUNNING), text
    # Discovery teams still say different things about different points.
    discovery = {text for phase, text in written if phase == "discovery"}
    assert len(discovery) >= 14


def test_an_open_panel_role_has_an_offer_and_a_conflict_is_declared(database, demo):
    from app.commands.panels import offer_problem
    from app.models import ConflictOfInterest, PanelMember, PanelOffer

    seats = database.scalars(select(PanelMember).where(PanelMember.person_id.is_(None))).all()
    assert len(seats) == 1
    seat = seats[0]
    assert seat.assessment.status == "arranged" and seat.assessment.assessment_date > TODAY
    offer = database.scalar(select(PanelOffer))
    assert offer.panel_member_id == seat.id and offer.note
    assert offer.person_id not in {m.person_id for m in seat.assessment.panel}
    assert offer_problem(offer.person, seat) is None
    # The demo's assessor account can offer too.
    tom = database.scalar(select(Person).where(Person.email == "assessor@example.gov.uk"))
    assert offer_problem(tom, seat) is None
    conflict = database.scalar(select(ConflictOfInterest))
    assert conflict.reason and conflict.person_id == offer.person_id
    # The conflict is with a project that has no demo panel, so no panel needs changing.
    assert not database.scalars(
        select(Assessment).where(
            Assessment.project_id == conflict.project_id, Assessment.kind != "self_assessment"
        )
    ).all()


def test_the_first_meetings_figures_are_the_actions_as_they_stood_that_day(database, demo):
    """The next meeting's "newly overdue" names no action overdue already at the first
    meeting (the demo once took the first meeting's figures before loading the panels that
    had reported before it, so their overdue actions looked new), and "closed since" only
    actions closed after it."""
    from app.data.board import portfolio_rows
    from app.models import BoardMeeting
    from app.rules.portfolio_changes import changes_since, snapshot

    first = database.scalars(select(BoardMeeting).order_by(BoardMeeting.held_on)).first()
    assert first.figures_taken_at is not None and first.held_on < TODAY
    changes = changes_since(first.figures, snapshot(portfolio_rows(None, TODAY), TODAY))
    assert changes.actions_newly_overdue and changes.actions_closed
    held = first.held_on

    def day(moment):
        return uk_date(moment if moment.tzinfo else moment.replace(tzinfo=UTC))

    for change in changes.actions_newly_overdue:
        action = database.get(Action, change.action_id)
        open_then = action.closed_at is None or day(action.closed_at) > held
        overdue_then = day(action.created_at) <= held and action.due_date < held and open_then
        assert not overdue_then, (change.name, action.id, action.due_date, action.source)
    for change in changes.actions_closed:
        action = database.get(Action, change.action_id)
        assert action.closed_at is not None and day(action.closed_at) > held, action.id
