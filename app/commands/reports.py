"""Commands for a panel assessment's report: send it to the team, the team's acceptance
or challenges, the lead's answers, publishing, withdrawing, and feedback afterwards.

Each checks who is asking (``app.rules.permissions.assessment_abilities``) and the step the
report is at (``app.rules.reports`` and ``app.rules.report_steps``), writes the audit trail
in words, and commits or rolls back as one.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC, date, datetime

from app import audit, clock
from app.commands import Conflict, Invalid, NotAllowed, NotFound, command
from app.data import reports as data
from app.models import Assessment, Challenge, Feedback
from app.rules.permissions import AssessmentAbilities, may_answer_for_team
from app.rules.phases import phase_label
from app.rules.report_steps import (
    ALREADY_SENT,
    ANSWER_LIMIT,
    SEND_PROBLEM_WORDS,
    WITHDRAW_REASON_LIMIT,
    already_sent,
    answer_due,
    feedback_problems,
    lead_may_answer_challenges,
    may_give_feedback,
    may_publish,
    may_withdraw,
    report_due,
    respondent,
    send_problems,
    team_may_answer,
)
from app.rules.reports import (
    CHALLENGE_OUTCOME_LABELS,
    ChallengeOutcome,
    UpheldProblem,
    allowed_panel_ratings,
    is_frozen,
    is_rated,
    may_move_report,
    original_after_upheld,
    outcome_word,
    upheld_problem,
    upheld_problem_words,
)
from app.rules.self_assessment import ASSESSMENT_KIND_LABELS, AssessmentStatus

S = AssessmentStatus
SAVED_FIRST = (
    "Someone else changed this report while you were working on it. Nothing you sent was saved."
)
FROZEN = "This report is published or withdrawn, so it can no longer change."


def _load(assessment_id: int, version: int | None) -> Assessment:
    assessment = data.assessment_for_change(assessment_id)
    if assessment is None:
        raise NotFound("There is no such assessment.")
    if version is None or version != assessment.version:
        raise Conflict(SAVED_FIRST)
    return assessment


def _person(actor_id: int):
    person = data.person_or_none(actor_id)
    if person is None or not person.is_active:
        raise NotAllowed("You cannot change this report.")
    return person


def _name(assessment: Assessment) -> str:
    kind = ASSESSMENT_KIND_LABELS.get(assessment.kind, "assessment").lower()
    return f"the {phase_label(assessment.phase).lower()} {kind} report"


def _move(assessment: Assessment, to: str) -> None:
    if not may_move_report(assessment.status, to):
        raise NotAllowed("The report cannot move to that step now.")
    assessment.status = to


def _record(assessment: Assessment, actor_id: int, verb: str, summary: str, changes=None) -> None:
    audit.record(
        actor_id,
        verb,
        "assessment",
        assessment.id,
        summary,
        changes=changes,
        project_id=assessment.project_id,
    )


CONFLICTED_LEAD = (
    "You have declared a conflict of interest with this project, so you cannot send, "
    "answer challenges on or publish its report. Ask the assessment organiser to change "
    "the panel's lead."
)


LEAD_IN_THE_TEAM = (
    "You are in this project's team, so you cannot send, answer challenges on or publish "
    "its report. Nobody sits on the panel of a project whose team they are in. Ask the "
    "assessment organiser to change the panel's lead."
)
ON_THE_PANEL = (
    "You sit on this assessment's panel, so you cannot accept or challenge its report for "
    "the team. Ask the assessment organiser to change the panel."
)


def conflict_words(can: AssessmentAbilities) -> str | None:
    """What the report page tells a panel member who may not do their part: a lead who
    declared a conflict of interest or is in the project's team, or a service owner or
    delivery manager of the team who also sits on the panel."""
    if can.lead and can.conflicted:
        return LEAD_IN_THE_TEAM if can.in_team_and_on_panel else CONFLICTED_LEAD
    if can.in_team_and_on_panel and may_answer_for_team(can.team_role):
        return ON_THE_PANEL
    return None


def _refuse_unless_lead(assessment: Assessment, person, words: str) -> None:
    """The person leads the panel, has not declared a conflict with the project and is
    not in its team."""
    can = data.abilities_of(assessment, person)
    if not can.lead:
        raise NotAllowed(words)
    if not can.acts_as_lead:
        raise NotAllowed(LEAD_IN_THE_TEAM if can.in_team_and_on_panel else CONFLICTED_LEAD)


def refuse_if_frozen(status: str) -> None:
    """Every command that changes ratings or report text calls this first."""
    if is_frozen(status):
        raise NotAllowed(FROZEN)


@command
def send_report(
    assessment_id: int,
    version: int | None,
    actor_id: int,
    holidays: Collection[date],
    report_days: int,
    answer_days: int,
    today: date | None = None,
) -> date:
    """The lead sends the report to the team (first time, or again after answering every
    challenge). Sets the report's due date (if not set) and the team's answer due date;
    returns the answer due date. The first date it was sent stays; each sending is in
    the audit trail."""
    assessment = data.assessment_for_change(assessment_id)
    if assessment is None:
        raise NotFound("There is no such assessment.")
    person = _person(actor_id)
    _refuse_unless_lead(assessment, person, "Only the panel's lead sends the report.")
    if already_sent(assessment.status):
        raise NotAllowed(ALREADY_SENT)
    if version is None or version != assessment.version:
        raise Conflict(SAVED_FIRST)
    refuse_if_frozen(assessment.status)
    report = data.load_report(assessment)
    problems = send_problems(
        assessment.status,
        assessment.kind,
        assessment.phase,
        [p.number for p in report.points],
        {
            p.number: (p.rating, p.judgement.done_well, p.judgement.to_do)
            for p in report.points
            if p.judgement is not None
        },
        assessment.ratings_agreed_at is not None,
        len(report.open_challenges),
    )
    if problems:
        raise Invalid(errors={"report": SEND_PROBLEM_WORDS[problems[0]]})
    again = assessment.status == S.CHALLENGED
    if assessment.status == S.ARRANGED:
        _move(assessment, S.IN_REVIEW)
    _move(assessment, S.SENT)
    today = today or clock.today()
    if assessment.report_due is None:
        assessment.report_due = report_due(assessment.assessment_date, report_days, holidays)
    if assessment.sent_at is None:
        assessment.sent_at = datetime.now(UTC)
    assessment.answer_due = answer_due(today, answer_days, holidays)
    _record(
        assessment,
        actor_id,
        "sent",
        f"{person.name} sent {_name(assessment)} to the team"
        + (" again, with the answers to its challenges" if again else "")
        + f"; the team's answer is due by {assessment.answer_due:%-d %B %Y}",
        {"status": ["challenged" if again else "in_review", "sent"]},
    )
    return assessment.answer_due


@dataclass(frozen=True)
class TeamAnswer:
    """The team's answer: accept, or challenge the points in ``reasons``."""

    accept: bool
    reasons: Mapping[int, str]  # {point number: why the team challenges it}


@command
def answer_report(assessment_id: int, version: int | None, answer: TeamAnswer, actor_id: int):
    """The team's service owner or delivery manager accepts the report, or challenges
    points of it, each with a reason. Returns the new status."""
    assessment = _load(assessment_id, version)
    refuse_if_frozen(assessment.status)
    person = _person(actor_id)
    can = data.abilities_of(assessment, person)
    if not can.team_answer:
        if can.in_team_and_on_panel:
            raise NotAllowed(ON_THE_PANEL)
        raise NotAllowed("Only the team's service owner or delivery manager answers the report.")
    if not team_may_answer(assessment.status):
        raise NotAllowed("The report is not waiting for the team's answer.")
    reasons = {
        n: (text or "").strip() for n, text in answer.reasons.items() if (text or "").strip()
    }
    if answer.accept:
        if reasons:
            raise Invalid(
                errors={
                    "decision": (
                        "You gave reasons to challenge points: choose to challenge the "
                        "report, or remove them"
                    )
                }
            )
        _move(assessment, S.ACCEPTED)
        assessment.accepted_at = datetime.now(UTC)
        assessment.accepted_by_id = actor_id
        _record(
            assessment,
            actor_id,
            "accepted",
            f"{person.name} accepted {_name(assessment)} for the team",
            {"status": ["sent", "accepted"]},
        )
        return assessment.status
    if not reasons:
        raise Invalid(errors={"decision": "Give a reason for each point you challenge"})
    report = data.load_report(assessment)
    by_number = {p.number: p for p in report.points}
    errors: dict[str, str] = {}
    for number, reason in reasons.items():
        point = by_number.get(number)
        if point is None:
            errors[f"reason_{number}"] = f"Point {number} is not in this report"
        elif point.challenge is not None:
            errors[f"reason_{number}"] = (
                f"Point {number} was challenged once already and the panel answered; "
                "it cannot be challenged again"
            )
        elif len(reason) > ANSWER_LIMIT:
            errors[f"reason_{number}"] = f"Reason must be {ANSWER_LIMIT:,} characters or fewer"
    if errors:
        raise Invalid(errors=errors)
    for number, reason in sorted(reasons.items()):
        data.add(
            Challenge(
                assessment_id=assessment.id,
                point_id=by_number[number].point_id,
                reason=reason,
                raised_by_id=actor_id,
            )
        )
    _move(assessment, S.CHALLENGED)
    points = ", ".join(str(n) for n in sorted(reasons))
    _record(
        assessment,
        actor_id,
        "challenged",
        f"{person.name} challenged {_name(assessment)} on "
        f"point{'s' if len(reasons) > 1 else ''} {points}",
        {"status": ["sent", "challenged"], "points": sorted(reasons)},
    )
    return assessment.status


@dataclass(frozen=True)
class ChallengeAnswer:
    challenge_id: int
    version: int | None
    outcome: str  # upheld or not_upheld
    answer: str
    new_rating: str | None = None  # upheld: the panel's rating from now on
    new_to_do: str | None = None  # upheld: what the team needs to do from now on


@command
def answer_challenges(
    assessment_id: int, version: int | None, answers: list[ChallengeAnswer], actor_id: int
) -> AnsweredChallenges:
    """The lead answers the team's open challenges, each with an answer: upheld (the point
    gets a better rating, or, where none is better, new findings; the lead then agrees
    the final ratings again) or not. Returns how many were answered and upheld."""
    assessment = _load(assessment_id, version)
    refuse_if_frozen(assessment.status)
    person = _person(actor_id)
    _refuse_unless_lead(assessment, person, "Only the panel's lead answers challenges.")
    if not lead_may_answer_challenges(assessment.status):
        raise NotAllowed("The report has no challenges waiting for an answer.")
    challenges = data.challenges_of(assessment.id)
    judgements = data.judgements_of(assessment.id)
    outcomes = assessment.framework_version.panel_outcomes
    allowed = allowed_panel_ratings(outcomes)
    rated = is_rated(assessment.kind, assessment.phase)
    errors: dict[str, str] = {}
    for item in answers:
        challenge = challenges.get(item.challenge_id)
        key = f"c{item.challenge_id}"
        if challenge is None:
            raise NotFound("There is no such challenge on this report.")
        if challenge.outcome is not None:
            errors[f"{key}_outcome"] = "This challenge has been answered already"
            continue
        if item.version is None or item.version != challenge.version:
            raise Conflict(SAVED_FIRST)
        if item.outcome not in (ChallengeOutcome.UPHELD, ChallengeOutcome.NOT_UPHELD):
            errors[f"{key}_outcome"] = (
                f"Select whether the panel changes its decision on point {challenge.point.number}"
            )
        if not (item.answer or "").strip():
            errors[f"{key}_answer"] = (
                f"Enter the panel's answer to the challenge on point {challenge.point.number}"
            )
        elif len(item.answer) > ANSWER_LIMIT:
            errors[f"{key}_answer"] = f"Answer must be {ANSWER_LIMIT:,} characters or fewer"
        if item.outcome == ChallengeOutcome.UPHELD:
            judgement = judgements.get(challenge.point_id)
            challenged = judgement.rating if judgement is not None else None
            if item.new_rating and (not rated or item.new_rating not in allowed):
                errors[f"{key}_rating"] = "Select one of the ratings shown"
            elif item.new_to_do is not None and len(item.new_to_do) > ANSWER_LIMIT:
                errors[f"{key}_to_do"] = (
                    f"What the team needs to do must be {ANSWER_LIMIT:,} characters or fewer"
                )
            elif problem := upheld_problem(
                rated=rated,
                challenged=challenged,
                new_rating=item.new_rating,
                outcomes=outcomes,
                to_do_changed=_to_do_changed(judgement, item.new_to_do),
            ):
                field = "to_do" if problem is UpheldProblem.NOTHING_CHANGED else "rating"
                errors[f"{key}_{field}"] = upheld_problem_words(
                    problem, challenge.point.number, outcome_word(outcomes, challenged)
                )
    if errors:
        raise Invalid(errors=errors)
    now = datetime.now(UTC)
    upheld = 0
    for item in answers:
        challenge = challenges[item.challenge_id]
        challenge.outcome = item.outcome
        challenge.answer = item.answer.strip()
        challenge.answered_by_id = actor_id
        challenge.answered_at = now
        changes: dict[str, list] = {"outcome": [None, item.outcome]}
        words = CHALLENGE_OUTCOME_LABELS[ChallengeOutcome(item.outcome)].lower()
        if item.outcome == ChallengeOutcome.UPHELD:
            upheld += 1
            judgement = judgements.get(challenge.point_id)
            if judgement is not None:
                if item.new_rating and item.new_rating != judgement.rating:
                    changes["rating"] = [judgement.rating, item.new_rating]
                    words += (
                        f", from {outcome_word(outcomes, judgement.rating)} to "
                        f"{outcome_word(outcomes, item.new_rating)}"
                    )
                    # The rating challenged (or the one before an amber evidence review
                    # revised it) stays on the record beside the new one, with the answer.
                    original = original_after_upheld(
                        judgement.rating, judgement.original_rating, item.new_rating
                    )
                    judgement.original_rating = original
                    judgement.revision_reason = challenge.answer if original else None
                    judgement.rating = item.new_rating
                    judgement.updated_by_id = actor_id
                if _to_do_changed(judgement, item.new_to_do):
                    changes["to_do"] = [judgement.to_do, item.new_to_do.strip()]
                    judgement.to_do = item.new_to_do.strip()
                    judgement.updated_by_id = actor_id
            if assessment.ratings_agreed_at is not None:
                # The panel's decision changed: the lead agrees the final ratings again
                # before the report goes back to the team.
                assessment.ratings_agreed_at = None
                assessment.ratings_agreed_by_id = None
                changes["ratings_agreed"] = [True, False]
                words += ". The lead must agree the final ratings again"
        _record(
            assessment,
            actor_id,
            "answered challenge",
            f"{person.name} answered the team's challenge on point {challenge.point.number}: "
            f"the {words}",
            changes,
        )
    # Bump the report's version so a team page open since is told it changed.
    assessment.updated_at = now
    return AnsweredChallenges(len(answers), upheld)


@dataclass(frozen=True)
class AnsweredChallenges:
    answered: int
    upheld: int


def _to_do_changed(judgement, new_to_do: str | None) -> bool:
    if new_to_do is None:
        return False
    return new_to_do.strip() != (judgement.to_do if judgement is not None else "")


@command
def publish_report(assessment_id: int, version: int | None, actor_id: int) -> None:
    """The lead publishes a report the team has accepted. Its text and ratings are frozen
    from now on, and the self-assessment it was built from is published with it."""
    assessment = _load(assessment_id, version)
    refuse_if_frozen(assessment.status)
    person = _person(actor_id)
    _refuse_unless_lead(assessment, person, "Only the panel's lead publishes the report.")
    if not may_publish(assessment.status):
        raise NotAllowed("Only a report the team has accepted can be published.")
    _move(assessment, S.PUBLISHED)
    assessment.published_at = datetime.now(UTC)
    assessment.published_by_id = actor_id
    own = data.self_assessment(assessment)
    if own is not None and own.status == S.IN_REVIEW:
        own.status = S.PUBLISHED
        own.published_at = assessment.published_at
    _record(
        assessment,
        actor_id,
        "published",
        f"{person.name} published {_name(assessment)}",
        {"status": ["accepted", "published"]},
    )


@command
def withdraw_report(assessment_id: int, version: int | None, reason: str, actor_id: int) -> None:
    """The lead or an organiser withdraws the assessment, with a reason, at any step before
    publishing. The self-assessment goes back to waiting for a panel."""
    assessment = _load(assessment_id, version)
    person = _person(actor_id)
    can = data.abilities_of(assessment, person)
    if not (can.lead or can.organise):
        raise NotAllowed("Only the panel's lead or an assessment organiser withdraws it.")
    if not may_withdraw(assessment.status):
        raise NotAllowed("A published report cannot be withdrawn.")
    reason = (reason or "").strip()
    if not reason:
        raise Invalid(errors={"reason": "Enter why the assessment is withdrawn"})
    if len(reason) > WITHDRAW_REASON_LIMIT:
        raise Invalid(
            errors={"reason": f"Reason must be {WITHDRAW_REASON_LIMIT:,} characters or fewer"}
        )
    before = assessment.status
    _move(assessment, S.WITHDRAWN)
    assessment.withdrawn_reason = reason
    assessment.withdrawn_at = datetime.now(UTC)
    assessment.withdrawn_by_id = actor_id
    own = data.self_assessment(assessment)
    if own is not None and own.status == S.IN_REVIEW:
        own.status = S.SUBMITTED
    _record(
        assessment,
        actor_id,
        "withdrew",
        f"{person.name} withdrew {_name(assessment)}: {reason}",
        {"status": [before, "withdrawn"], "reason": [None, reason]},
    )


@command
def give_feedback(
    assessment_id: int, scores: tuple[object, object, object], comment: str, actor_id: int
) -> None:
    """A member of the team or the panel answers the three questions, once, after the
    report is published."""
    assessment = data.assessment_for_change(assessment_id)
    if assessment is None:
        raise NotFound("There is no such assessment.")
    person = _person(actor_id)
    can = data.abilities_of(assessment, person)
    on_panel = can.panel_role is not None
    given = data.feedback_given(assessment.id, actor_id)
    if not may_give_feedback(assessment.status, on_panel, can.team_role is not None, given):
        if given:
            raise NotAllowed("You have given your feedback on this assessment already.")
        raise NotAllowed("Only the team and the panel give feedback, once the report is published.")
    comment = (comment or "").strip()
    errors = feedback_problems(scores, comment)
    if errors:
        raise Invalid(errors=errors)
    data.add(
        Feedback(
            assessment_id=assessment.id,
            person_id=actor_id,
            respondent=respondent(on_panel),
            score_1=scores[0],
            score_2=scores[1],
            score_3=scores[2],
            comment=comment,
        )
    )
    _record(
        assessment,
        actor_id,
        "gave feedback",
        f"{person.name} gave feedback on {_name(assessment)} for the {respondent(on_panel)}",
    )


# --- The freeze, for every command ---------------------------------------------------------
#
# Publishing freezes a report's text and ratings, and withdrawing freezes it too. Every
# command that scores or writes report text checks ``refuse_if_frozen`` itself; this guard
# makes sure of it for any command, present or future: inside a command, a change to a
# frozen panel assessment, or to a judgement or challenge of one, is refused and rolled
# back. Test factories build rows outside commands and are not affected; the demo loader,
# which runs inside the setup command, writes published history on purpose and says so
# with ``writing_history()``.

_guard_installed = False
_writing_history: ContextVar[bool] = ContextVar("writing_history", default=False)


@contextmanager
def writing_history() -> Iterator[None]:
    """Let the demo loader write reports that are already published or withdrawn."""
    token = _writing_history.set(True)
    try:
        yield
    finally:
        _writing_history.reset(token)


def install_freeze_guard() -> None:
    global _guard_installed
    if _guard_installed:
        return
    from sqlalchemy import event
    from sqlalchemy.orm import Session

    event.listen(Session, "before_flush", _refuse_changes_to_frozen)
    _guard_installed = True


def _status_before(assessment: Assessment) -> str:
    from sqlalchemy import inspect

    history = inspect(assessment).attrs.status.history
    if history.deleted:
        return history.deleted[0]
    return assessment.status


def _refuse_changes_to_frozen(session, _flush_context, _instances) -> None:
    from app.commands import _depth
    from app.models import Judgement
    from app.rules.reports import PANEL_KINDS

    if _depth.get() == 0 or _writing_history.get():
        return
    with session.no_autoflush:
        for row in (*session.new, *session.dirty, *session.deleted):
            if isinstance(row, Assessment):
                if (
                    row.kind in PANEL_KINDS
                    and row not in session.new
                    and session.is_modified(row, include_collections=False)
                    and is_frozen(_status_before(row))
                ):
                    raise NotAllowed(FROZEN)
            elif isinstance(row, Judgement | Challenge):
                owner = session.get(Assessment, row.assessment_id) if row.assessment_id else None
                if owner is not None and is_frozen(_status_before(owner)):
                    raise NotAllowed(FROZEN)
