"""The demo's assessment panels: assessments at every step of the report's workflow.

Arranged (one with an open role and an assessor's offer to fill it), being scored, sent
to the team, challenged, published (green, amber and red, and a discovery peer review
with findings only), a red result reassessed and published, and an amber evidence review
arranged. Built after the self-assessments, from teams' submitted ones, with dates placed
relative to today.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm.attributes import flag_modified

from app.audit import record
from app.bank_holidays import england_and_wales
from app.demo import panel_content as words
from app.extensions import db
from app.models import (
    Action,
    Answer,
    Assessment,
    Challenge,
    ConflictOfInterest,
    Feedback,
    Judgement,
    PanelMember,
    PanelOffer,
    Person,
    Project,
    TeamMembership,
)
from app.rules import teams as team_rules
from app.rules.panels import PanelRole
from app.rules.permissions import TeamRole
from app.rules.phases import Phase, phase_label
from app.rules.reports import FOLLOW_UP_KINDS, points_in_scope
from app.rules.self_assessment import add_months
from app.rules.working_days import add_working_days

PROTOTYPES = "https://prototypes.example.gov.uk/"
# The arranged assessment (the second of the steps) with an open role and an offer.
OPEN_ROLE_INDEX = 1
DIAGRAMS = "https://sharepoint.example.gov.uk/architecture/"


@dataclass(frozen=True)
class Step:
    """One demo panel assessment: its kind, status, and days from today it was held."""

    status: str
    days: int
    kind: str = "assessment"
    result: str | None = None  # the ratings the panel gives: green, amber or red


def _at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour, 0), tzinfo=UTC)


def _record(when: datetime, actor: Person | None, verb: str, assessment: Assessment, summary):
    record(
        actor.id if actor else None,
        verb,
        "assessment",
        assessment.id,
        summary,
        project_id=assessment.project_id,
    ).occurred_at = when


def load_panels(
    projects: list[Project],
    organiser: Person,
    team_account: Person,
    leads: list[Person],
    assessors: list[Person],
    today: date,
    seed: int,
) -> int:
    """Arrange and run the demo's panel assessments. Returns how many there are."""
    rng = random.Random(seed + 7)
    holidays = england_and_wales()
    # The team's latest submitted self-assessment of each project's current phase.
    submitted = {
        sa.project_id: sa
        for sa in db.session.scalars(
            select(Assessment)
            .where(Assessment.kind == "self_assessment", Assessment.status == "submitted")
            .order_by(Assessment.submitted_at)
        )
        if sa.phase == next(p.phase for p in projects if p.id == sa.project_id)
    }
    # The team account's own projects stay as the team left them (tests start from them).
    team_account_projects = {m.project_id for m in team_account_memberships(team_account)}
    candidates = [p for p in projects if p.id in submitted and p.id not in team_account_projects]
    discovery = [p for p in candidates if p.phase == Phase.DISCOVERY.value]
    later = [p for p in candidates if p.phase != Phase.DISCOVERY.value]

    steps = [
        Step("arranged", 21),
        Step("arranged", 35),
        Step("in_review", -2, result="amber"),
        # The team account joins this team as its delivery manager: the report waits for it.
        Step("sent", -9, result="amber"),
        Step("challenged", -16, result="amber"),
        Step("published", -60, result="amber"),
        Step("published", -120, result="red"),
    ]
    if len(later) < len(steps):
        raise RuntimeError(
            f"The demo has too few submitted self-assessments for its panels: {len(later)}"
        )
    plan: list[tuple[Project, Step]] = list(zip(later, steps, strict=False))
    sent_project, amber_project = later[3], later[5]
    sent_project.memberships.append(
        TeamMembership(
            person=team_account,
            team_role=TeamRole.DELIVERY_MANAGER.value,
            created_at=sent_project.created_at,
            updated_at=sent_project.created_at,
        )
    )
    db.session.flush()
    joined = sent_project.memberships[-1]
    record(
        None,
        "added",
        team_rules.TEAM_SUBJECT,
        joined.id,
        team_rules.joined_summary(team_account.name, joined.team_role),
        {"team_role": [None, joined.team_role]},
        project_id=sent_project.id,
    ).occurred_at = sent_project.created_at
    red_project = later[6]
    discovery_steps = [
        Step("published", -30, kind="peer_review"),
        Step("withdrawn", 10, kind="peer_review"),
    ]
    plan += list(zip(discovery, discovery_steps, strict=False))
    made = 0
    for index, (project, step) in enumerate(plan):
        lead = leads[index % len(leads)]
        others = [a for a in assessors if a.id != lead.id]
        rng.shuffle(others)
        if index == OPEN_ROLE_INDEX:
            # The demo's assessor account is not on this panel, so it can offer to fill
            # the open role; one assessor left off the panel has offered already.
            others = [a for a in others if a.id != assessors[0].id]
        sa = submitted.get(project.id)
        assessment = _arrange(project, step, sa, organiser, lead, others, today, index, holidays)
        made += 1
        if index == OPEN_ROLE_INDEX:
            _offer_and_conflict(assessment, others[4], projects, plan, today)
        if step.status in ("in_review", "sent", "challenged", "published"):
            _score(assessment, sa, step, lead, today, holidays, rng)
        if project is red_project:
            # The red result was reassessed on its red points eight weeks later, and passed.
            follow = Step("published", -64, kind="reassessment", result="amber")
            again = _arrange(project, follow, sa, organiser, lead, others, today, 99, holidays)
            again.follows = assessment
            _score(again, sa, follow, lead, today, holidays, rng, follows=assessment)
            made += 1
        if project is amber_project:
            # The amber result's actions are checked in an amber evidence review, arranged.
            review = Step("arranged", 14, kind="amber_evidence_review")
            check = _arrange(project, review, sa, organiser, lead, others, today, 98, holidays)
            check.follows = assessment
            check.updated_at = check.created_at
            flag_modified(check, "updated_at")
            made += 1
    db.session.flush()
    return made


def _offer_and_conflict(
    assessment: Assessment, offering: Person, projects: list[Project], plan, today: date
) -> None:
    """An assessor off the panel offers to fill its open role; the same assessor has
    declared a conflict of interest with another project, one with no demo panel."""
    when = _at(today - timedelta(days=3))
    seat = next(member for member in assessment.panel if member.person is None)
    seat.offers.append(
        PanelOffer(person=offering, note=words.OFFER_NOTE, created_at=when, updated_at=when)
    )
    on_panels = {project.id for project, _ in plan}
    project = next(
        project
        for project in projects
        if project.id not in on_panels
        and all(member.person_id != offering.id for member in project.memberships)
    )
    declared = _at(today - timedelta(days=40))
    db.session.add(
        ConflictOfInterest(
            person=offering,
            project=project,
            reason=words.CONFLICT_REASON,
            created_at=declared,
            updated_at=declared,
        )
    )


def team_account_memberships(person: Person) -> list[TeamMembership]:
    return list(
        db.session.scalars(select(TeamMembership).where(TeamMembership.person_id == person.id))
    )


def _arrange(project, step, sa, organiser, lead, others, today, index, holidays) -> Assessment:
    held = today + timedelta(days=step.days)
    while held.weekday() >= 5 or held in holidays:
        held += timedelta(days=1)
    arranged = min(held - timedelta(days=35), today - timedelta(days=1))
    panel = [
        PanelMember(person=lead, panel_role=PanelRole.LEAD.value),
        PanelMember(person=others[0], panel_role=PanelRole.USER_RESEARCH.value),
        PanelMember(person=others[1], panel_role=PanelRole.DESIGN.value),
        PanelMember(person=others[2], panel_role=PanelRole.TECHNICAL.value),
        PanelMember(person=others[3], panel_role=PanelRole.OBSERVER.value),
    ]
    if step.kind == "assessment" and step.status == "arranged" and index == OPEN_ROLE_INDEX:
        # An open role that assessors can offer to fill.
        panel.append(PanelMember(person=None, panel_role=PanelRole.ACCESSIBILITY.value))
    for member in panel:
        member.created_at = member.updated_at = _at(arranged)
    assessment = Assessment(
        project=project,
        framework_version_id=sa.framework_version_id,
        phase=project.phase,
        kind=step.kind,
        status=step.status,
        assessment_date=held,
        assessment_time=time(10, 0),
        arranged_by_id=organiser.id,
        # A reassessment or amber evidence review reads the self-assessment its original
        # read, as arranging one does (app.commands.panels).
        self_assessment=sa,
        brief_description=project.description,
        brief_users=words.BRIEF_USERS,
        prototype_url=PROTOTYPES + _slug(project.name),
        architecture_url=DIAGRAMS + _slug(project.name),
        report_due=add_working_days(held, 5, holidays),
        panel=panel,
        created_at=_at(arranged),
        updated_at=_at(arranged),
    )
    db.session.add(assessment)
    db.session.flush()
    kind_words = {
        "assessment": f"{phase_label(project.phase).lower()} assessment",
        "peer_review": "peer review",
        "reassessment": "reassessment",
        "amber_evidence_review": "amber evidence review",
    }[step.kind]
    _record(_at(arranged), organiser, "arranged", assessment, f"Arranged a {kind_words}")
    if step.status == "withdrawn":
        assessment.withdrawn_reason = words.WITHDRAWN_REASON
        assessment.withdrawn_at = _at(today - timedelta(days=1))
        assessment.withdrawn_by_id = organiser.id
        assessment.updated_at = assessment.withdrawn_at
        _record(
            assessment.withdrawn_at,
            organiser,
            "withdrawn",
            assessment,
            f"Withdrew the assessment: {words.WITHDRAWN_REASON}",
        )
    elif sa is not None and step.kind not in FOLLOW_UP_KINDS:
        sa.status = "published" if step.status == "published" else "in_review"
        # The team's self-assessment went into review when the panel was arranged.
        sa.updated_at = _at(arranged)
        flag_modified(sa, "updated_at")
    return assessment


def _score(assessment, sa, step, lead, today, holidays, rng, follows=None) -> None:
    """The panel's ratings and findings, and each later step the assessment has reached."""
    held = assessment.assessment_date
    team = {
        a.point.number: a
        for a in db.session.scalars(select(Answer).where(Answer.assessment_id == sa.id))
    }
    earlier = (
        {
            j.point.number: j.rating
            for j in db.session.scalars(
                select(Judgement).where(Judgement.assessment_id == follows.id)
            )
        }
        if follows is not None
        else {}
    )
    scope = points_in_scope(step.kind, team.keys(), earlier)
    rated = step.kind != "peer_review" or assessment.phase != Phase.DISCOVERY.value
    scored_at = _at(min(held + timedelta(days=1), today))
    judgements = []
    for position, number in enumerate(scope):
        if step.status == "in_review" and position >= len(scope) // 2:
            break  # half way through scoring
        answer = team[number]
        rating = None
        if rated:
            rating = _panel_rating(answer.self_rating, step.result, number, rng)
        done_well, to_do = words.FINDINGS.get(number, words.FINDINGS[1])
        judgement = Judgement(
            assessment_id=assessment.id,
            point_id=answer.point_id,
            rating=rating,
            done_well=done_well,
            to_do=to_do if rating != "green" or rng.random() < 0.3 else "",
            updated_by_id=lead.id,
            created_at=scored_at,
            updated_at=scored_at,
        )
        db.session.add(judgement)
        judgements.append((judgement, answer))
    if step.status == "in_review":
        _record(scored_at, lead, "scored", assessment, "The panel started scoring")
        assessment.updated_at = scored_at
        return
    assessment.summary = words.SUMMARIES["discovery" if not rated else step.result or "green"]
    assessment.ratings_agreed_at = scored_at
    assessment.ratings_agreed_by_id = lead.id
    sent = min(add_working_days(held, 4, holidays), today - timedelta(days=1))
    assessment.sent_at = _at(sent, 15)
    assessment.answer_due = add_working_days(sent, 10, holidays)
    _record(assessment.sent_at, lead, "sent", assessment, "Sent the report to the team")
    owner = next(
        (m.person for m in assessment.project.memberships if m.team_role == "service_owner"),
        None,
    )
    if step.status == "challenged":
        challenged = next(
            (j for j, _ in judgements if j.rating in ("amber", "red")), judgements[0][0]
        )
        db.session.add(
            Challenge(
                assessment_id=assessment.id,
                point_id=challenged.point_id,
                reason=words.CHALLENGE_REASON,
                raised_by_id=owner.id if owner else None,
                created_at=_at(sent + timedelta(days=3)),
                updated_at=_at(sent + timedelta(days=3)),
            )
        )
        _record(
            _at(sent + timedelta(days=3)),
            owner,
            "challenged",
            assessment,
            "The team challenged the report",
        )
    if step.status != "published":
        assessment.updated_at = assessment.sent_at
        return
    accepted = sent + timedelta(days=6)
    assessment.accepted_at = _at(accepted)
    assessment.accepted_by_id = owner.id if owner else None
    _record(assessment.accepted_at, owner, "accepted", assessment, "The team accepted the report")
    published = accepted + timedelta(days=1)
    assessment.published_at = _at(published)
    assessment.published_by_id = lead.id
    assessment.updated_at = assessment.published_at
    _record(assessment.published_at, lead, "published", assessment, "Published the report")
    for judgement, answer in judgements:
        if judgement.rating in ("amber", "red") and judgement.to_do:
            due = add_months(held, 3) if judgement.rating == "amber" else held + timedelta(days=56)
            status = "done" if due < today and rng.random() < 0.6 else "open"
            db.session.add(
                Action(
                    project_id=assessment.project_id,
                    assessment_id=assessment.id,
                    point_id=judgement.point_id,
                    point_number=answer.point.number,
                    description=judgement.to_do,
                    owner_id=answer.owner_id,
                    due_date=due,
                    status=status,
                    source="panel",
                    completion_note="Done; shown to the panel's lead."
                    if status == "done"
                    else None,
                    closed_at=_at(min(due, today - timedelta(days=1)))
                    if status == "done"
                    else None,
                    created_by_id=lead.id,
                    created_at=assessment.published_at,
                    updated_at=assessment.published_at,
                )
            )
    respondents = [(owner, "team")] + [
        (member.person, "panel") for member in assessment.panel[:2] if member.person is not None
    ]
    for number, (person, respondent) in enumerate(respondents):
        if person is None:
            continue
        when = _at(published + timedelta(days=2))
        db.session.add(
            Feedback(
                assessment_id=assessment.id,
                person_id=person.id,
                respondent=respondent,
                score_1=rng.randint(3, 5),
                score_2=rng.randint(3, 5),
                score_3=rng.randint(2, 5),
                comment=words.FEEDBACK_COMMENTS[number % len(words.FEEDBACK_COMMENTS)],
                created_at=when,
                updated_at=when,
            )
        )


def _panel_rating(team: str | None, result: str | None, number: int, rng: random.Random) -> str:
    """The panel mostly agrees with the team; the result's own colour appears at least once
    (point 4 or 5), so a red or amber result is red or amber."""
    if result == "red" and number == 5:
        return "red"
    if result == "amber" and number == 4:
        return "amber"
    if result == "green":
        return "green"
    if team == "red" and result != "red":
        return "amber"
    return team or "green"


def _slug(text: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in text.lower()).split())
