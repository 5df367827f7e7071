"""Commands for arranging panel assessments: arrange one, change its panel and brief,
offer to fill an open role and accept an offer, declare a conflict of interest.

Each checks who may make the change and the rules it must keep, writes the audit trail in
words and either commits all of it or nothing (see :mod:`app.commands`). ``actor`` is the
person making the change: anything with ``id`` and ``roles``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, time
from typing import Protocol

from app import clock
from app.audit import field_changes, record
from app.bank_holidays import england_and_wales
from app.commands import Conflict, Invalid, NotAllowed, NotFound, command
from app.data import arranging as data
from app.data.assessments import change_status
from app.data.panels import panel_assessment_or_none
from app.data.people import person_by_id
from app.data.projects import team_role_for
from app.data.ratings import team_self_assessment_id
from app.extensions import db
from app.models import Assessment, ConflictOfInterest, PanelMember, PanelOffer
from app.rules.arranging import (
    BRIEF_DESCRIPTION_LIMIT,
    BRIEF_USERS_LIMIT,
    CONFLICT_REASON_LIMIT,
    OFFER_NOTE_LIMIT,
    PROJECT_MISSING,
    date_problem,
    kind_problem,
    role_noun,
    time_words,
    url_problem,
)
from app.rules.panels import (
    PanelProblem,
    PanelRole,
    Seat,
    SeatProblem,
    is_known_panel_role,
    panel_problems,
    panel_role_label,
    problem_message,
)
from app.rules.permissions import Role, TeamRole, can_organise_assessments
from app.rules.phases import phase_label
from app.rules.self_assessment import ASSESSMENT_KIND_LABELS, AssessmentKind, AssessmentStatus

K = AssessmentKind
S = AssessmentStatus

NOT_AN_ORGANISER = "Only an assessment organiser or an administrator can arrange assessments"
PANEL_SETTLED = (
    "The report of this assessment has been sent to the team, so its panel can no longer change"
)
BRIEF_SETTLED = "The report of this assessment has been sent, so the brief can no longer change"
NOT_YOUR_BRIEF = (
    "Only the project's service owner or delivery manager, or an assessment organiser, can "
    "change the brief"
)
SEAT_FILLED = "Someone has already filled this role"
ALREADY_OFFERED = "You have already offered to fill this role"
ONLY_ASSESSORS = "Only assessors can offer to sit on a panel or declare a conflict of interest"
CHANGED_MEANWHILE = "Someone else changed this panel while you were looking at it"
CONFLICT_DECLARED = "You have already declared a conflict of interest with this project"
REASON_MISSING = "Enter why you cannot assess this project"
REASON_TOO_LONG = f"Reason must be {CONFLICT_REASON_LIMIT:,} characters or fewer"
NOTE_TOO_LONG = f"Note must be {OFFER_NOTE_LIMIT:,} characters or fewer"
# Why an assessor may not offer to fill a role, in words to them.
OFFER_MESSAGES = {
    PanelProblem.IN_THE_TEAM: "You cannot sit on this panel: you are in the project's team",
    PanelProblem.DECLARED_CONFLICT: (
        "You cannot sit on this panel: you have declared a conflict of interest with this project"
    ),
    PanelProblem.LEAD_CANNOT_LEAD: (
        "You cannot be the lead: you are not marked as able to lead assessments"
    ),
    PanelProblem.NOT_AN_ASSESSOR: ONLY_ASSESSORS,
}


# Problems that bar a person from the panel whatever seat they are given.
BARRED = (PanelProblem.NOT_AN_ASSESSOR, PanelProblem.IN_THE_TEAM, PanelProblem.DECLARED_CONFLICT)

# What an assessor tells the organisers alone (why they cannot assess a project, a note
# with an offer to fill a role) is recorded without the project, so the project's history,
# which its team reads, never shows it.
PRIVATE = None


class Actor(Protocol):
    id: int
    roles: set[str]


def kind_words(kind: str, phase: str) -> str:
    """ "Beta assessment", "Discovery peer review", "Reassessment": the kind in words."""
    label = ASSESSMENT_KIND_LABELS.get(kind, kind)
    return f"{phase_label(phase)} {label.lower()}"


def a_or_an(words: str) -> str:
    return ("an " if words[:1].lower() in "aeiou" else "a ") + words


def _check_organiser(actor: Actor) -> None:
    if not can_organise_assessments(actor.roles):
        raise NotAllowed(NOT_AN_ORGANISER)


def _panel_assessment(assessment_id: int) -> Assessment:
    assessment = panel_assessment_or_none(assessment_id)
    if assessment is None:
        raise NotFound("There is no such assessment")
    return assessment


def _check_panel_open(assessment: Assessment) -> None:
    if assessment.status not in data.OPEN_FOR_PANEL_CHANGES:
        raise NotAllowed(PANEL_SETTLED)


def _names(person_ids) -> dict[int, str]:
    names = {}
    for person_id in person_ids:
        if person_id is not None:
            person = person_by_id(person_id)
            names[person_id] = person.name if person else "This person"
    return names


def _problems(project_id: int, seats: Sequence[Seat]) -> list[SeatProblem]:
    assessors = data.assessors()
    return panel_problems(
        seats,
        assessor_ids={person.id for person in assessors},
        able_to_lead_ids={person.id for person in assessors if person.can_lead},
        team_ids=data.team_ids(project_id),
        conflicted_ids=data.conflicted_ids(project_id),
    )


def _seat_field(seats: Sequence[Seat], problem: SeatProblem) -> str:
    """The arrange form's field a problem belongs beside."""
    if problem.problem in (PanelProblem.NO_LEAD, PanelProblem.SEVERAL_LEADS):
        return "seat_lead"
    for seat in seats:
        if problem.person_id is not None and seat.person_id == problem.person_id:
            return f"seat_{seat.panel_role}"
    return "seat_lead"


def panel_errors(project_id: int, seats: Sequence[Seat]) -> dict[str, str]:
    """``{field: message}`` for everything wrong with a panel as arranged (one per field)."""
    problems = _problems(project_id, seats)
    names = _names(problem.person_id for problem in problems)
    errors: dict[str, str] = {}
    for problem in problems:
        errors.setdefault(_seat_field(seats, problem), problem_message(problem, names))
    return errors


def panel_messages(assessment: Assessment) -> list[str]:
    """What is wrong with a panel as it stands now (someone declared a conflict after being
    put on it, or lost the assessor role), in words for the panel page."""
    seats = [Seat(member.panel_role, member.person_id) for member in assessment.panel]
    problems = _problems(assessment.project_id, seats)
    names = _names(problem.person_id for problem in problems)
    return list(dict.fromkeys(problem_message(problem, names) for problem in problems))


def _panel_words(seats: Sequence[Seat]) -> list[str]:
    names = _names(seat.person_id for seat in seats)
    return [
        f"{panel_role_label(seat.panel_role)}: "
        + (names.get(seat.person_id, "") if seat.person_id else "open")
        for seat in seats
    ]


# --- Arranging an assessment -----------------------------------------------------------------


@dataclass(frozen=True)
class Brief:
    description: str
    users: str
    prototype_url: str | None
    architecture_url: str | None


@dataclass(frozen=True)
class Arrangement:
    """What the organiser chose on the arrange page."""

    project_id: int | None
    kind: str
    assessment_date: date | None
    assessment_time: time | None
    seats: tuple[Seat, ...]
    brief: Brief


def brief_errors(brief: Brief) -> dict[str, str]:
    errors = {}
    if len(brief.description) > BRIEF_DESCRIPTION_LIMIT:
        errors["brief_description"] = (
            f"What the service does must be {BRIEF_DESCRIPTION_LIMIT:,} characters or fewer"
        )
    if len(brief.users) > BRIEF_USERS_LIMIT:
        errors["brief_users"] = (
            f"Who the service is for must be {BRIEF_USERS_LIMIT:,} characters or fewer"
        )
    for field, noun, value in (
        ("prototype_url", "Link to the prototype or test environment", brief.prototype_url),
        ("architecture_url", "Link to the architecture diagram", brief.architecture_url),
    ):
        problem = url_problem(value, noun)
        if problem:
            errors[field] = problem
    return errors


@dataclass(frozen=True)
class Sources:
    """What a new panel assessment of the project would be built from."""

    self_assessment: Assessment | None
    follows: Assessment | None


def sources_for(project_id: int, kind: str) -> Sources:
    """The submitted self-assessment a peer review (or formal assessment) reads, and the
    published assessment a reassessment or amber evidence review follows."""
    follows = None
    if kind in (K.REASSESSMENT, K.AMBER_EVIDENCE_REVIEW):
        follows = data.follow_up_owed_by(project_id, kind)
    return Sources(data.submitted_self_assessment(project_id), follows)


@dataclass(frozen=True)
class Plan:
    """What a new panel assessment of the project will be: the team's self-assessment the
    panel reads (if any), whether that goes into review now, and the phase and framework
    version it is held in. The check answers page and :func:`arrange_assessment` both
    read it, so the page says exactly what arranging does."""

    self_assessment: Assessment | None
    into_review: Assessment | None
    phase: str
    framework_version_id: int | None


def plan_for(project, kind: str, sources: Sources) -> Plan:
    """A peer review reads the team's submitted self-assessment, in its phase; a formal
    assessment reads it only when it is of the project's phase now; a reassessment or amber
    evidence review reads the one its original read (published already, so it does not go
    into review) and is held in the original's phase."""
    self_assessment = sources.self_assessment
    if kind in (K.REASSESSMENT, K.AMBER_EVIDENCE_REVIEW):
        self_assessment = None
    if (
        self_assessment is not None
        and kind == K.ASSESSMENT
        and self_assessment.phase != project.phase
    ):
        self_assessment = None
    into_review = (
        self_assessment
        if self_assessment is not None and self_assessment.status == S.SUBMITTED.value
        else None
    )
    if sources.follows is not None:
        found = team_self_assessment_id(sources.follows)
        read = db.session.get(Assessment, found) if found is not None else None
        return Plan(read, None, sources.follows.phase, sources.follows.framework_version_id)
    if self_assessment is not None:
        return Plan(
            self_assessment,
            into_review,
            self_assessment.phase,
            self_assessment.framework_version_id,
        )
    return Plan(None, None, project.phase, data.latest_framework_version_id(project.framework_id))


def arrangement_errors(arrangement: Arrangement) -> dict[str, str]:
    """Every problem with an arrangement, as ``{field: message}``, for the arrange page and
    the command alike."""
    errors: dict[str, str] = {}
    project = data.project_or_none(arrangement.project_id)
    if project is None:
        errors["project_id"] = PROJECT_MISSING
    else:
        sources = sources_for(project.id, arrangement.kind)
        problem = kind_problem(
            arrangement.kind,
            project_name=project.name,
            phase=project.phase,
            has_submitted_self_assessment=sources.self_assessment is not None,
            owes_reassessment=(arrangement.kind == K.REASSESSMENT and sources.follows is not None),
            owes_amber_review=(
                arrangement.kind == K.AMBER_EVIDENCE_REVIEW and sources.follows is not None
            ),
            phase_words=phase_label(project.phase),
        )
        if problem:
            errors["kind"] = problem
    problem = date_problem(arrangement.assessment_date, clock.today(), england_and_wales())
    if problem:
        errors["assessment_date"] = problem
    if arrangement.assessment_time is None:
        errors["assessment_time"] = "Enter the time the assessment starts"
    if any(not is_known_panel_role(seat.panel_role) for seat in arrangement.seats):
        errors["seat_lead"] = "Choose panel roles from the list"
    elif project is not None:
        for field, message in panel_errors(project.id, arrangement.seats).items():
            errors.setdefault(field, message)
    errors.update(brief_errors(arrangement.brief))
    return errors


def _already_arranged(assessment: Assessment) -> str:
    described = kind_words(assessment.kind, assessment.phase)
    when = f" for {assessment.assessment_date:%-d %B %Y}" if assessment.assessment_date else ""
    return (
        f"{described} of this project is already arranged{when}. A project has one open "
        "assessment of each kind at a time: change that one, or withdraw it first."
    )


def _arranged_at_once(error) -> Conflict:
    return Conflict(
        "Someone arranged this assessment at the same moment, so yours was not saved. "
        "Check the organiser's queue before arranging it again."
    )


@command(on_integrity_error=_arranged_at_once)
def arrange_assessment(actor: Actor, arrangement: Arrangement) -> Assessment:
    """Arrange a panel assessment: its kind, date, time, panel and the team's brief. A
    self-assessment it is built from goes into review."""
    _check_organiser(actor)
    errors = arrangement_errors(arrangement)
    if errors:
        raise Invalid(errors=errors)
    project = data.project_or_none(arrangement.project_id)
    already = data.open_panel_assessment(project.id, arrangement.kind)
    if already is not None:
        raise Conflict(_already_arranged(already))
    sources = sources_for(project.id, arrangement.kind)
    plan = plan_for(project, arrangement.kind, sources)
    into_review = plan.into_review
    team_source_id = plan.self_assessment.id if plan.self_assessment is not None else None
    version_id, phase = plan.framework_version_id, plan.phase
    brief = arrangement.brief
    assessment = data.add_panel_assessment(
        data.NewPanelAssessment(
            project_id=project.id,
            framework_version_id=version_id,
            phase=phase,
            kind=arrangement.kind,
            assessment_date=arrangement.assessment_date,
            assessment_time=arrangement.assessment_time,
            arranged_by_id=actor.id,
            self_assessment_id=team_source_id,
            follows_id=sources.follows.id if sources.follows is not None else None,
            brief_description=brief.description.strip(),
            brief_users=brief.users.strip(),
            prototype_url=brief.prototype_url or None,
            architecture_url=brief.architecture_url or None,
        ),
        [(seat.panel_role, seat.person_id) for seat in arrangement.seats],
    )
    described = a_or_an(kind_words(arrangement.kind, phase).lower())
    when = f"{arrangement.assessment_date:%-d %B %Y} at {time_words(arrangement.assessment_time)}"
    record(
        actor.id,
        "arranged",
        "assessment",
        assessment.id,
        f"Arranged {described} for {when}",
        {
            "kind": [None, arrangement.kind],
            "date": [None, arrangement.assessment_date.isoformat()],
            "time": [None, time_words(arrangement.assessment_time)],
            "panel": [None, _panel_words(arrangement.seats)],
        },
        project.id,
    )
    if into_review is not None:
        change_status(
            into_review,
            S.IN_REVIEW,
            "reviewing",
            f"The self-assessment went into review: {described} was arranged for {when}",
            actor.id,
        )
    return assessment


# --- Changing the panel ----------------------------------------------------------------------


def _seat(member_id: int) -> PanelMember:
    seat = data.seat_or_none(member_id)
    if seat is None or panel_assessment_or_none(seat.assessment_id) is None:
        raise NotFound("There is no such place on a panel")
    return seat


def _check_version(seen: int | None, actual: int) -> None:
    if seen is None or seen != actual:
        raise Conflict(CHANGED_MEANWHILE)


def _seats_after(assessment: Assessment, change) -> list[Seat]:
    return [seat for seat in (change(member) for member in assessment.panel) if seat is not None]


def _refuse_problems(assessment: Assessment, seats: list[Seat], field: str) -> None:
    """Refuse a change that would make the panel break a rule it keeps now. A problem the
    panel already had (someone declared a conflict after being put on it) does not stop
    other changes, so the organiser can put it right one role at a time."""
    before = set(
        _problems(
            assessment.project_id, [Seat(m.panel_role, m.person_id) for m in assessment.panel]
        )
    )
    after = _problems(assessment.project_id, seats)
    problems = [p for p in after if p not in before]
    if problems:
        # Why the person cannot sit on the panel at all (a conflict, in the team) comes
        # before their being on it twice, even when the panel already had that problem.
        people = {problem.person_id for problem in problems}
        problems = [p for p in after if p.person_id in people and p.problem in BARRED] + problems
        names = _names(problem.person_id for problem in problems)
        raise Invalid(errors={field: problem_message(problems[0], names)})


@command
def add_panel_seat(
    actor: Actor, assessment_id: int, panel_role: str, person_id: int | None
) -> PanelMember:
    """Add a place on the panel: a role, and the assessor in it or none (an open role
    assessors may offer to fill)."""
    _check_organiser(actor)
    assessment = _panel_assessment(assessment_id)
    _check_panel_open(assessment)
    if not is_known_panel_role(panel_role):
        raise Invalid(errors={"panel_role": "Select a panel role"})
    if panel_role == PanelRole.LEAD:
        raise Invalid(
            errors={"panel_role": "A panel has one lead assessor: change the lead instead"}
        )
    seats = [Seat(m.panel_role, m.person_id) for m in assessment.panel]
    seats.append(Seat(panel_role, person_id))
    _refuse_problems(assessment, seats, "person_id")
    member = PanelMember(assessment_id=assessment.id, panel_role=panel_role, person_id=person_id)
    db.session.add(member)
    db.session.flush()
    who = _names([person_id]).get(person_id) if person_id else None
    role = panel_role_label(panel_role)
    record(
        actor.id,
        "added",
        "panel_member",
        member.id,
        f"Added {who} to the panel as {role_noun(panel_role)}"
        if who
        else f"Posted an open {role.lower()} role on the panel",
        {"panel_role": [None, panel_role], "person": [None, who]},
        assessment.project_id,
    )
    return member


@command
def fill_panel_seat(
    actor: Actor, member_id: int, seen_version: int | None, person_id: int | None
) -> PanelMember:
    """Put someone else in a place on the panel, or leave it open (not the lead's)."""
    _check_organiser(actor)
    seat = _seat(member_id)
    assessment = seat.assessment
    _check_panel_open(assessment)
    _check_version(seen_version, seat.version)
    if person_id == seat.person_id:
        return seat
    seats = _seats_after(
        assessment,
        lambda m: Seat(m.panel_role, person_id if m.id == seat.id else m.person_id),
    )
    _refuse_problems(assessment, seats, "person_id")
    names = _names([seat.person_id, person_id])
    before, after = names.get(seat.person_id), names.get(person_id)
    seat.person_id = person_id
    seat.offers.clear()
    role = panel_role_label(seat.panel_role).lower()
    summary = (
        f"Made {after} the panel's {role_noun(seat.panel_role)}"
        if after
        else f"Opened the panel's {role} role"
    ) + (f" in place of {before}" if before else "")
    record(
        actor.id,
        "updated",
        "panel_member",
        seat.id,
        summary,
        {"person": [before, after]},
        assessment.project_id,
    )
    return seat


@command
def remove_panel_seat(actor: Actor, member_id: int, seen_version: int | None) -> None:
    """Take a place off the panel (never the lead's: change the lead instead)."""
    _check_organiser(actor)
    seat = _seat(member_id)
    assessment = seat.assessment
    _check_panel_open(assessment)
    _check_version(seen_version, seat.version)
    if seat.panel_role == PanelRole.LEAD:
        raise NotAllowed("A panel must have a lead assessor: change the lead instead")
    who = _names([seat.person_id]).get(seat.person_id)
    role = panel_role_label(seat.panel_role).lower()
    record(
        actor.id,
        "removed",
        "panel_member",
        seat.id,
        f"Took {who} ({role}) off the panel" if who else f"Removed the open {role} role",
        {"panel_role": [seat.panel_role, None], "person": [who, None]},
        assessment.project_id,
    )
    assessment.panel.remove(seat)  # the panel's delete-orphan cascade deletes it


# --- The brief -------------------------------------------------------------------------------


def may_change_brief(actor: Actor, assessment: Assessment) -> bool:
    return can_organise_assessments(actor.roles) or team_role_for(
        assessment.project_id, actor.id
    ) in (TeamRole.SERVICE_OWNER.value, TeamRole.DELIVERY_MANAGER.value)


@command
def change_brief(
    actor: Actor, assessment_id: int, seen_version: int | None, brief: Brief
) -> dict[str, list]:
    """The team (service owner or delivery manager) or an organiser changes the brief the
    panel reads before the assessment."""
    assessment = _panel_assessment(assessment_id)
    if not may_change_brief(actor, assessment):
        raise NotAllowed(NOT_YOUR_BRIEF)
    if assessment.status not in data.OPEN_FOR_PANEL_CHANGES:
        raise NotAllowed(BRIEF_SETTLED)
    errors = brief_errors(brief)
    if errors:
        raise Invalid(errors=errors)
    _check_version(seen_version, assessment.version)
    fields = ("brief_description", "brief_users", "prototype_url", "architecture_url")
    before = {field: getattr(assessment, field) for field in fields}
    after = {
        "brief_description": brief.description.strip(),
        "brief_users": brief.users.strip(),
        "prototype_url": brief.prototype_url or None,
        "architecture_url": brief.architecture_url or None,
    }
    changes = field_changes(before, after)
    if changes:
        for field, value in after.items():
            setattr(assessment, field, value)
        record(
            actor.id,
            "updated",
            "assessment",
            assessment.id,
            "Changed the team's brief for the panel",
            changes,
            assessment.project_id,
        )
    return changes


# --- Open roles and offers -------------------------------------------------------------------


def offer_problem(person, seat: PanelMember) -> str | None:
    """Why ``person`` cannot offer to fill ``seat`` (None when they can)."""
    assessment = seat.assessment
    if Role.ASSESSOR.value not in person.roles:
        return ONLY_ASSESSORS
    if seat.person_id is not None:
        return SEAT_FILLED
    if assessment.status not in data.OPEN_FOR_PANEL_CHANGES:
        return PANEL_SETTLED
    if person.id in data.panel_people(assessment.id):
        return "You are already on this panel"
    seats = [
        Seat(m.panel_role, person.id if m.id == seat.id else m.person_id) for m in assessment.panel
    ]
    problems = [p for p in _problems(assessment.project_id, seats) if p.person_id == person.id]
    if problems:
        return OFFER_MESSAGES.get(problems[0].problem, ONLY_ASSESSORS)
    return None


@command(on_integrity_error=lambda error: Invalid(errors={"note": ALREADY_OFFERED}))
def offer_to_fill(actor, member_id: int, note: str) -> PanelOffer:
    """An assessor offers to fill an open role on a panel."""
    seat = _seat(member_id)
    person = person_by_id(actor.id)
    problem = offer_problem(person, seat)
    if problem:
        raise NotAllowed(problem)
    note = (note or "").strip()
    if len(note) > OFFER_NOTE_LIMIT:
        raise Invalid(errors={"note": NOTE_TOO_LONG})
    if any(offer.person_id == actor.id for offer in seat.offers):
        raise Invalid(errors={"note": ALREADY_OFFERED})
    offer = PanelOffer(panel_member_id=seat.id, person_id=actor.id, note=note)
    db.session.add(offer)
    db.session.flush()
    assessment = seat.assessment
    record(
        actor.id,
        "offered",
        "panel_member",
        seat.id,
        f"{person.name} offered to fill the open {panel_role_label(seat.panel_role).lower()} "
        f"role on the panel of the {kind_words(assessment.kind, assessment.phase).lower()} "
        f"of {assessment.project.name}",
        {"note": [None, note]} if note else {},
        PRIVATE,
    )
    return offer


@command
def accept_offer(actor: Actor, offer_id: int) -> PanelMember:
    """An organiser accepts an assessor's offer: they fill the open role."""
    _check_organiser(actor)
    offer = data.offer_or_none(offer_id)
    if offer is None:
        raise NotFound("There is no such offer")
    seat = offer.panel_member
    assessment = seat.assessment
    _check_panel_open(assessment)
    if seat.person_id is not None:
        raise Conflict(SEAT_FILLED)
    seats = _seats_after(
        assessment,
        lambda m: Seat(m.panel_role, offer.person_id if m.id == seat.id else m.person_id),
    )
    _refuse_problems(assessment, seats, "offer")
    name = offer.person.name
    seat.person_id = offer.person_id
    seat.offers.clear()
    record(
        actor.id,
        "updated",
        "panel_member",
        seat.id,
        f"Accepted {name}'s offer: they are the panel's {role_noun(seat.panel_role)}",
        {"person": [None, name]},
        assessment.project_id,
    )
    return seat


# --- Conflicts of interest -------------------------------------------------------------------


@command(on_integrity_error=lambda error: Invalid(errors={"project_id": CONFLICT_DECLARED}))
def declare_conflict(actor: Actor, project_id: int | None, reason: str) -> ConflictOfInterest:
    """An assessor says they should not assess a project, and why."""
    if Role.ASSESSOR.value not in actor.roles:
        raise NotAllowed(ONLY_ASSESSORS)
    errors = {}
    project = data.project_or_none(project_id)
    if project is None:
        errors["project_id"] = PROJECT_MISSING
    elif any(conflict.project_id == project.id for conflict in data.conflicts_of(actor.id)):
        errors["project_id"] = CONFLICT_DECLARED
    reason = (reason or "").strip()
    if not reason:
        errors["reason"] = REASON_MISSING
    elif len(reason) > CONFLICT_REASON_LIMIT:
        errors["reason"] = REASON_TOO_LONG
    if errors:
        raise Invalid(errors=errors)
    conflict = ConflictOfInterest(person_id=actor.id, project_id=project.id, reason=reason)
    db.session.add(conflict)
    db.session.flush()
    record(
        actor.id,
        "declared",
        "conflict_of_interest",
        conflict.id,
        f"Declared a conflict of interest with {project.name}: {reason}",
        {"reason": [None, reason]},
        PRIVATE,
    )
    return conflict


@command
def withdraw_conflict(actor: Actor, conflict_id: int) -> None:
    """An assessor takes back a conflict of interest they declared."""
    conflict = data.conflict_or_none(conflict_id)
    if conflict is None or conflict.person_id != actor.id:
        raise NotFound("There is no such declaration")
    record(
        actor.id,
        "withdrawn",
        "conflict_of_interest",
        conflict.id,
        f"Withdrew the declared conflict of interest with {conflict.project.name}",
        {"reason": [conflict.reason, None]},
        PRIVATE,
    )
    db.session.delete(conflict)
