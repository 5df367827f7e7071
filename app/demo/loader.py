"""Loads the demo portfolio: people, 74 projects, teams, phase history and self-assessments.

Everything is made from ``content.py`` with a fixed random seed, so every load
gives the same portfolio, with dates placed relative to today.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm.attributes import flag_modified

from app import clock
from app.audit import record
from app.commands.reports import writing_history
from app.data import actions as actions_data
from app.data import assessments as assessments_data
from app.data.frameworks import default_framework, version_with_points
from app.data.people import create_person, hash_password
from app.demo import content
from app.demo.panels import load_panels
from app.extensions import db
from app.models import (
    Action,
    Answer,
    Artefact,
    ArtefactLink,
    Assessment,
    AuditEvent,
    BoardMeeting,
    Directorate,
    Person,
    PhaseChange,
    Project,
    TeamMembership,
)
from app.rules import phase_moves
from app.rules import projects as project_rules
from app.rules import teams as team_rules
from app.rules.actions import updated_summary
from app.rules.dates import long_date
from app.rules.permissions import Role, TeamRole
from app.rules.phases import PHASE_ORDER, Phase, phase_label

DEMO_ACCOUNTS = (
    ("admin@example.gov.uk", "Sam Adeyemi", (Role.ADMINISTRATOR,)),
    ("board@example.gov.uk", "Helen Marsh", (Role.BOARD_MEMBER,)),
    ("assessor@example.gov.uk", "Tom Okafor", (Role.ASSESSOR,)),
    ("organiser@example.gov.uk", "Priya Nair", (Role.ORGANISER,)),
    ("team@example.gov.uk", "Jordan Ellis", ()),
)
# Assessors an organiser may choose as a panel's lead.
DEMO_LEADS = ("assessor@example.gov.uk",)
TEAM_ACCOUNT = "team@example.gov.uk"
# The people's accounts were made this long before the demo's today: before any project.
PEOPLE_ADDED_DAYS_AGO = 800
ARTEFACT_HOSTS = {
    "research": "https://sharepoint.example.gov.uk/research/",
    "prototype": "https://prototypes.example.gov.uk/",
    "code": "https://github.com/example-county-council/",
    "data_protection": "https://sharepoint.example.gov.uk/information-governance/",
    "accessibility": "https://sharepoint.example.gov.uk/accessibility/",
    "performance": "https://dashboards.example.gov.uk/",
    "other": "https://sharepoint.example.gov.uk/projects/",
}


@dataclass(frozen=True)
class DemoSummary:
    people: int
    projects: int
    assessments: int
    actions: int
    panel_assessments: int = 0


def demo_data_present() -> bool:
    return db.session.scalar(select(Project.id).limit(1)) is not None


def _at(day: date) -> datetime:
    return datetime.combine(day, time(10, 0), tzinfo=UTC)


def _slug(text: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in text.lower()).split())


def load_demo(password: str, today: date | None = None, seed: int = 2026) -> DemoSummary:
    """Create the demo portfolio. The caller commits."""
    today = today or clock.today()
    rng = random.Random(seed)
    framework = default_framework()
    if framework is None:
        raise RuntimeError("Load the frameworks before the demo data: flask frameworks load")
    version = version_with_points(framework.id)

    shared_hash = hash_password(password)
    first_event = (db.session.scalar(select(func.max(AuditEvent.id))) or 0) + 1
    accounts = {
        email: create_person(name, email, [r.value for r in roles], password_hash=shared_hash)
        for email, name, roles in DEMO_ACCOUNTS
    }
    staff = [
        create_person(
            f"{given} {family}",
            f"{given.lower()}.{_slug(family).replace('-', '')}@example.gov.uk",
            [],
            password_hash=shared_hash,
        )
        for given, family in content.PEOPLE
    ]
    for email in DEMO_LEADS:
        accounts[email].can_lead = True
    staff[0].can_lead = True
    # Everyone had an account before the oldest project was added to the programme.
    people_added = _at(today - timedelta(days=PEOPLE_ADDED_DAYS_AGO))
    for person in [*accounts.values(), *staff]:
        person.created_at = person.updated_at = people_added
    _date_events_from(first_event, people_added)
    for person in staff[:6]:
        person.role_grants.append(_grant(Role.ASSESSOR))

    for person in staff[6:8]:
        person.role_grants.append(_grant(Role.BOARD_MEMBER))

    directorates = {
        name: Directorate(name=name, created_at=people_added, updated_at=people_added)
        for name in content.DIRECTORATES
    }
    db.session.add_all(directorates.values())

    team_projects = {0, 30, 57, 70}  # discovery, alpha, beta and live projects for the team account
    projects, phase_histories, assessments, actions = [], [], 0, 0
    # Each project's artefacts by title, so a title names one artefact, whichever
    # self-assessment and point link to it.
    artefacts: dict[str, dict[str, Artefact]] = {}
    for index, item in enumerate(content.PROJECTS):
        phase = _phase_for(item["phase"], index)
        project = Project(
            name=item["name"],
            description=item["description"],
            directorate=directorates[item["directorate"]],
            phase=phase.value,
            framework=framework,
            cashable_benefit=item["cashable"],
            non_cashable_benefit=item["non_cashable"],
            next_assessment_due=(
                today + timedelta(days=rng.randint(-20, 150)) if rng.random() < 0.7 else None
            ),
        )
        db.session.add(project)
        team = rng.sample(staff[8:], 4)
        members = [
            TeamMembership(person=team[0], team_role=TeamRole.SERVICE_OWNER.value),
            TeamMembership(person=team[1], team_role=TeamRole.DELIVERY_MANAGER.value),
            TeamMembership(person=team[2], team_role=TeamRole.MEMBER.value),
            TeamMembership(person=team[3], team_role=TeamRole.MEMBER.value),
        ]
        if index in team_projects:
            role = TeamRole.SERVICE_OWNER if index == 0 else TeamRole.MEMBER
            if index == 30:
                role = TeamRole.DELIVERY_MANAGER
            members.append(TeamMembership(person=accounts[TEAM_ACCOUNT], team_role=role.value))
        project.memberships = members
        history = _phase_history(project, phase, team[0], today, rng)
        project.created_at = project.updated_at = history[0].created_at
        for member in members:
            member.created_at = member.updated_at = history[0].created_at
        phase_histories.append(history)
        projects.append(project)
    db.session.flush()

    for index, project in enumerate(projects):
        people_in_team = [m.person for m in project.memberships]
        # About two in three projects have a self-assessment for their current phase;
        # every project the team account is in has one, so it has work to do.
        if index not in team_projects and rng.random() > 0.65:
            continue
        if index in team_projects:
            state = "submitted" if index in (57, 70) else "draft"
        else:
            state = rng.choice(["draft", "draft", "submitted"])
        _, planned = _self_assessment(
            project,
            version,
            people_in_team,
            state,
            today,
            rng,
            artefacts.setdefault(project.name, {}),
        )
        actions += planned
        assessments += 1

    # Projects beyond discovery often kept a self-assessment from their last phase, so
    # the team can compare the two and see actions that followed them from that phase.
    earlier_rng = random.Random(seed + 1)
    for index, project in enumerate(projects):
        if project.phase == Phase.DISCOVERY.value:
            continue
        if index not in team_projects and earlier_rng.random() > 0.5:
            continue
        people_in_team = [m.person for m in project.memberships]
        previous = PHASE_ORDER[PHASE_ORDER.index(Phase(project.phase)) - 1]
        move = phase_histories[index][-1]
        earlier, planned = _self_assessment(
            project,
            version,
            people_in_team,
            "submitted",
            today,
            earlier_rng,
            artefacts.setdefault(project.name, {}),
            phase=previous,
            # A few weeks before the project moved on to the phase it is in now.
            started=move.created_at.date() - timedelta(days=earlier_rng.randint(20, 40)),
        )
        actions += planned
        assessments += 1
        # The move that followed it says so, and when it was submitted.
        move.reason = content.PHASE_CHANGE_AFTER_SELF_ASSESSMENT.format(
            phase=phase_label(previous).lower(), date=long_date(earlier.submitted_at.date())
        )
        # The reason was given with the move, so the move was not changed later.
        move.updated_at = move.created_at
        flag_modified(move, "updated_at")

    db.session.flush()
    _write_history(projects, phase_histories, accounts["admin@example.gov.uk"], today)
    db.session.flush()
    with writing_history():  # published reports are history, written as they stand
        panels = load_panels(
            projects,
            organiser=accounts["organiser@example.gov.uk"],
            team_account=accounts[TEAM_ACCOUNT],
            leads=[accounts[email] for email in DEMO_LEADS] + [staff[0]],
            assessors=[accounts["assessor@example.gov.uk"], *staff[:6]],
            today=today,
            seed=seed,
        )
    # The board met five weeks ago: its figures are the portfolio as it stood then, so they
    # are taken once the panels are loaded, two of which reported (and set actions, some
    # overdue by then) months before it. Taken before them, the meeting's figures lacked
    # those actions, so the next meeting listed an action overdue since before this one as
    # newly overdue. The panels held since have published nothing, so "what changed since"
    # still has the assessments held and the actions that fell due since to say.
    last_meeting = _board_meeting(
        today - timedelta(days=35), accounts["organiser@example.gov.uk"], today
    )
    # The next meeting, in four weeks: until its day it compares with the portfolio today.
    _board_meeting(last_meeting + timedelta(days=63), accounts["organiser@example.gov.uk"], today)
    return DemoSummary(len(staff) + len(accounts), len(projects), assessments, actions, panels)


def _board_meeting(around: date, organiser: Person, today: date) -> date:
    """Record a board meeting on the Tuesday on or before ``around``, with its figures if
    its day has come. Returns its day."""
    from app.data.board import arranged_among_due, portfolio_rows
    from app.rules.portfolio_changes import meeting_figures

    held_on = around - timedelta(days=(around.weekday() - 1) % 7)
    recorded = _at(min(held_on, today) - timedelta(days=14))  # dated as recorded, not loaded
    meeting = BoardMeeting(
        held_on=held_on, recorded_by=organiser, created_at=recorded, updated_at=recorded
    )
    if held_on <= today:
        db.session.flush()
        rows = portfolio_rows(None, held_on)
        arranged = arranged_among_due(rows, held_on)
        meeting.figures = _as_it_stood(meeting_figures(rows, held_on, arranged), held_on)
        meeting.figures_taken_at = _at(held_on)
    db.session.add(meeting)
    db.session.flush()
    return held_on


def _as_it_stood(figures: dict, held_on: date) -> dict:
    """The meeting's figures with each action as it stood on the day: the demo takes them
    once every action is loaded, so one set after the meeting is left out and one closed
    after it is still open."""
    ends = _at(held_on + timedelta(days=1))
    dated = {
        str(action_id): (created, closed)
        for action_id, created, closed in db.session.execute(
            select(Action.id, Action.created_at, Action.closed_at)
        )
    }
    for project in figures["projects"].values():
        for action_id in list(project["actions"]):
            created, closed = dated[action_id]
            if _aware(created) >= ends:
                del project["actions"][action_id]
            elif closed is not None and _aware(closed) >= ends:
                project["actions"][action_id]["status"] = "open"
    return figures


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _grant(role: Role):
    from app.models import PersonRole

    return PersonRole(role=role.value)


def _phase_for(word: str, index: int) -> Phase:
    if word == "beta":
        return Phase.PUBLIC_BETA if index % 2 else Phase.PRIVATE_BETA
    return Phase(word)


def _phase_history(
    project: Project, phase: Phase, owner: Person, today: date, rng: random.Random
) -> list[PhaseChange]:
    changes = []
    steps = PHASE_ORDER[: PHASE_ORDER.index(phase) + 1]
    day = today - timedelta(days=120 * len(steps) + rng.randint(0, 60))
    previous = None
    for step in steps:
        reason = (
            "Project added to the digital programme"
            if previous is None
            else rng.choice(content.PHASE_CHANGE_REASONS[step.value])
        )
        change = PhaseChange(
            project=project,
            from_phase=previous.value if previous else None,
            to_phase=step.value,
            changed_by=owner,
            reason=reason,
            created_at=_at(day),
            updated_at=_at(day),
        )
        db.session.add(change)
        changes.append(change)
        previous = step
        day += timedelta(days=rng.randint(90, 130))
    return changes


def _write_history(
    projects: list[Project],
    phase_histories: list[list[PhaseChange]],
    admin: Person,
    today: date,
) -> None:
    """The audit trail the demo's projects would have, in the words the service uses.

    An administrator added each project and its team; the service owner moved it on
    from phase to phase; the team started and submitted its self-assessments and
    finished some of its actions.
    """
    for project, changes in zip(projects, phase_histories, strict=True):
        added = changes[0]
        _record_at(
            added.created_at,
            admin.id,
            "created",
            "project",
            project.id,
            project_rules.added_summary(added.to_phase),
            {"name": [None, project.name], "phase": [None, added.to_phase]},
            project_id=project.id,
        )
        for member in project.memberships:
            _record_at(
                added.created_at,
                admin.id,
                "added",
                team_rules.TEAM_SUBJECT,
                member.id,
                team_rules.joined_summary(member.person.name, member.team_role),
                {"team_role": [None, member.team_role]},
                project_id=project.id,
            )
        for change in changes[1:]:
            _record_at(
                change.created_at,
                change.changed_by.id,
                "moved",
                "phase_change",
                change.id,
                phase_moves.moved_summary(change.from_phase, change.to_phase, overridden=False),
                {"phase": [change.from_phase, change.to_phase]},
                project_id=project.id,
            )
    for assessment in db.session.scalars(select(Assessment)):
        _record_at(
            assessment.created_at,
            assessment.started_by_id,
            "started",
            "assessment",
            assessment.id,
            assessments_data.started_summary(assessment.phase, assessment.framework_version.number),
            project_id=assessment.project_id,
        )
        if assessment.submitted_at is not None:
            _record_at(
                assessment.submitted_at,
                assessment.started_by_id,
                "submitted",
                "assessment",
                assessment.id,
                assessments_data.SUBMITTED_SUMMARY,
                {"status": ["draft", "submitted"]},
                project_id=assessment.project_id,
            )
    yesterday = _at(today - timedelta(days=1))
    for action in db.session.scalars(select(Action).where(Action.status != "open")):
        changes = {"status": ["open", action.status]}
        if action.completion_note:
            changes["completion_note"] = [None, action.completion_note]
        # Work started on an action in progress three weeks after it was set, or so.
        started = min(_utc(action.created_at) + timedelta(days=21), yesterday)
        _record_at(
            action.closed_at or started,
            action.owner_id,
            "updated",
            actions_data.SUBJECT_TYPE,
            action.id,
            updated_summary(action.description, action.point_number),
            changes,
            project_id=action.project_id,
        )


def _utc(moment: datetime) -> datetime:
    """``moment`` with its zone: SQLite hands times back without one, and they are UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _date_events_from(first_id: int, when: datetime) -> None:
    """Date the audit events recorded so far from ``first_id`` on as ``when``."""
    for event in db.session.scalars(select(AuditEvent).where(AuditEvent.id >= first_id)):
        event.occurred_at = when


def _record_at(when: datetime, *args, **kwargs) -> None:
    """An audit event dated ``when``, as if it had been recorded then."""
    record(*args, **kwargs).occurred_at = when


def _evidence_fitting(number: int, chosen: tuple[Phase, str], phase: str) -> str:
    """The account chosen for point ``number``, if a team in ``phase`` could give it;
    otherwise the first account of the point that fits, or what a team can say early on.
    Nothing random is drawn here, so the rest of the demo is as it would be anyway."""
    reached = PHASE_ORDER.index(Phase(phase))
    accounts = content.EVIDENCE_ACCOUNTS[number]
    for earliest, text in [chosen, *accounts]:
        if PHASE_ORDER.index(earliest) <= reached:
            return text
    return content.EARLY_EVIDENCE[number]


def _self_assessment(
    project: Project,
    version,
    team: list[Person],
    state: str,
    today: date,
    rng: random.Random,
    artefacts: dict[str, Artefact],
    phase: Phase | None = None,
    started: date | None = None,
) -> tuple[Assessment, int]:
    """A self-assessment of ``project`` and the actions it planned, and how many there are.

    ``artefacts`` are the project's artefacts so far, by title: a title the team links
    again is the same artefact.
    """
    started = started or today - timedelta(days=rng.randint(10, 60))
    yesterday = today - timedelta(days=1)
    added = _utc(project.created_at).date()
    submitted_at = (
        # Two weeks after it started, or yesterday if that is still to come.
        _at(min(started + timedelta(days=14), yesterday)) if state == "submitted" else None
    )
    # Work on a draft was last saved a few days after it started, and never after today.
    saved = submitted_at or _at(min(started + timedelta(days=5), today))
    assessment = Assessment(
        project=project,
        framework_version=version,
        phase=(phase or Phase(project.phase)).value,
        kind="self_assessment",
        status=state,
        started_by=team[0],
        created_at=_at(started),
        updated_at=saved,
        submitted_at=submitted_at,
    )
    db.session.add(assessment)
    # Drafts are part way through; submitted ones are complete.
    answered = len(version.points) if state == "submitted" else rng.randint(3, 11)
    # Some teams are doing well and some are struggling: how likely each point is to be
    # amber or red differs from one self-assessment to the next.
    amber_chance, red_chance = rng.choice(
        [(0.03, 0.0), (0.1, 0.0), (0.2, 0.0), (0.3, 0.03), (0.35, 0.06), (0.4, 0.12)]
    )
    actions = 0
    for point in version.points:
        owner = rng.choice(team)
        answer = Answer(
            assessment=assessment,
            point=point,
            owner=owner,
            created_at=_at(started),
            updated_at=_at(started),
        )
        db.session.add(answer)
        if point.number > answered:
            continue
        answer.evidence_account = _evidence_fitting(
            point.number, rng.choice(content.EVIDENCE_ACCOUNTS[point.number]), assessment.phase
        )
        answer.updated_at = saved
        roll = rng.random()
        answer.self_rating = (
            "red" if roll < red_chance else "amber" if roll < red_chance + amber_chance else "green"
        )
        answer.status = "completed" if state == "submitted" or rng.random() < 0.8 else "in_progress"
        answer.updated_by_id = owner.id
        fitting = content.ARTEFACTS[point.number]
        for kind, title in rng.sample(fitting, min(len(fitting), rng.randint(1, 2))):
            artefact = artefacts.get(title)
            if artefact is None:
                dated = max(started - timedelta(days=rng.randint(0, 90)), added)
                artefact = Artefact(
                    project=project,
                    title=title,
                    url=ARTEFACT_HOSTS[kind] + _slug(project.name) + "/" + _slug(title),
                    kind=kind,
                    dated=dated,
                    added_by_id=owner.id,
                    created_at=_at(started),
                    updated_at=_at(started),
                )
                artefacts[title] = artefact
            answer.artefact_links.append(ArtefactLink(artefact=artefact))
        if answer.self_rating in ("amber", "red"):
            for description in rng.sample(content.ACTION_DESCRIPTIONS[point.number], 1):
                # Amber actions are due in about three months, red ones sooner; some were
                # given less time. Every one is due after the day it was set.
                days = 90 if answer.self_rating == "amber" else 30
                due = started + timedelta(days=max(days - rng.choice([0, 0, 70]), 14))
                # Actions from an earlier phase are mostly done by now.
                choices = ["done", "done", "open", "in_progress"] if phase else ["open"] * 2
                status = rng.choice([*choices, "in_progress", "done"])
                closed = _at(max(min(due, yesterday), started)) if status == "done" else None
                db.session.add(
                    Action(
                        project=project,
                        assessment=assessment,
                        point_id=point.id,
                        point_number=point.number,
                        description=description,
                        owner=owner,
                        due_date=due,
                        status=status,
                        completion_note="Done and shown at show and tell."
                        if status == "done"
                        else None,
                        closed_at=closed,
                        source="self_assessment",
                        created_by_id=owner.id,
                        created_at=_at(started),
                        updated_at=closed or _at(started),
                    )
                )
                actions += 1
    return assessment, actions
