"""Commands for a panel's scoring: a point's rating and findings, an action from what the
team needs to do, verifying an action in an amber evidence review, and the lead's summary
and agreement of the final ratings.

Each command loads the panel assessment afresh (locked), checks the person's place on the
panel and that the panel may still score, checks the rules, writes the audit trail in
words and commits, or changes nothing. The first change a panel makes moves its
assessment from arranged to in review.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from app import clock
from app.commands import Conflict, Invalid, NotAllowed, NotFound, command
from app.data import scoring as data
from app.data.actions import possible_owners
from app.data.panels import panel_role_for
from app.data.projects import team_role_for
from app.models import Action, Assessment, Judgement, Point
from app.rules.evidence import action_description_problem, action_owner_problem, due_date_for
from app.rules.panels import is_lead, may_score
from app.rules.report_steps import lead_may_agree
from app.rules.reports import is_rated, outcome_word, panel_may_score
from app.rules.scoring import (
    ALREADY_AN_ACTION,
    Verification,
    agree_problems,
    judgement_problems,
    made_into_actions,
    revision_of,
    status_when_scoring,
    summary_problems,
    verification_problems,
    verifies_actions,
)

JUDGEMENT_SAVED_FIRST = "Another panel member saved this point while you were writing."
SUMMARY_SAVED_FIRST = "Someone else changed this assessment while you were writing the summary."
ACTION_CHANGED_FIRST = "Someone else changed this action while you were checking it."
CONFLICTED = (
    "You have declared a conflict of interest with this project, so you cannot score its "
    "points, write its summary or add actions. Ask the assessment organiser to change the panel."
)
IN_THE_TEAM = (
    "You are in this project's team, so you cannot score its points, write its summary or "
    "add actions. Nobody sits on the panel of a project whose team they are in. Ask the "
    "assessment organiser to change the panel."
)


def conflicted_words(in_team: bool) -> str:
    """Why a conflicted panel member may not score: they are in the project's team, or
    they declared a conflict of interest with it."""
    return IN_THE_TEAM if in_team else CONFLICTED


NOT_SCORING = (
    "The panel can no longer change its scores: the report has been sent to the team, "
    "published or withdrawn."
)


@dataclass(frozen=True)
class Scoring:
    """What a panel member sends for one point."""

    rating: str | None
    done_well: str
    to_do: str
    revision_reason: str | None = None


def judgement_version(judgement: Judgement | None) -> str:
    """What the point page carries to say which judgement, as it was, it changes ("0" for
    none yet)."""
    return str(judgement.version) if judgement is not None else "0"


def _scoring_assessment(
    assessment_id: int, actor_id: int, lead: bool = False, may=panel_may_score
) -> Assessment:
    """The panel assessment, once the person may score it and ``may(status)`` allows."""
    assessment = data.assessment_for_change(assessment_id)
    if assessment is None:
        raise NotFound("There is no such assessment.")
    role = panel_role_for(assessment.id, actor_id)
    if lead and not is_lead(role):
        raise NotAllowed("Only the lead assessor can do this.")
    if not may_score(role):
        raise NotAllowed("Only members of the panel, other than observers, can score.")
    if team_role_for(assessment.project_id, actor_id) is not None:
        raise NotAllowed(IN_THE_TEAM)
    if not may_score(role, conflicted=data.has_declared_conflict(actor_id, assessment.project_id)):
        raise NotAllowed(CONFLICTED)
    if not may(assessment.status):
        raise NotAllowed(NOT_SCORING)
    return assessment


def _start_scoring(assessment: Assessment, actor_id: int) -> None:
    after = status_when_scoring(assessment.status)
    if after != assessment.status:
        data.move_status(assessment, after, actor_id, "The panel started scoring")


def _point_in_scope(assessment: Assessment, number: int) -> Point:
    for point in data.scope_of(assessment):
        if point.number == number:
            return point
    raise NotFound(f"Point {number} is not one this assessment looks at.")


def earlier_rating_of(assessment: Assessment, number: int) -> str | None:
    """The rating an amber evidence review starts from for a point (the earlier panel's)."""
    if not verifies_actions(assessment.kind):
        return None
    return data.carried_ratings(assessment).get(number)


@command
def save_judgement(
    assessment_id: int, number: int, actor_id: int, scoring: Scoring, version: str | None
) -> Judgement:
    """Save a panel member's rating (not for a discovery peer review) and findings for a
    point. In an amber evidence review a changed rating needs a reason, and the rating
    the point had stays beside the new one.

    Raises :class:`Conflict` when ``version`` is not what :func:`judgement_version` says now.
    """
    assessment = _scoring_assessment(assessment_id, actor_id)
    point = _point_in_scope(assessment, number)
    outcomes = assessment.framework_version.panel_outcomes
    rated = is_rated(assessment.kind, assessment.phase)
    earlier = earlier_rating_of(assessment, number)
    rating = scoring.rating or None
    if problems := judgement_problems(
        rating,
        scoring.done_well,
        scoring.to_do,
        rated=rated,
        outcomes=outcomes,
        earlier_rating=earlier,
        revision_reason=scoring.revision_reason,
    ):
        raise Invalid(errors=problems)
    judgement = data.judgement_for(assessment.id, point.id)
    if str(version) != judgement_version(judgement):
        raise Conflict(JUDGEMENT_SAVED_FIRST)
    original = revision_of(earlier, rating)
    fields = {
        "rating": rating if rated else None,
        "done_well": (scoring.done_well or "").strip(),
        "to_do": (scoring.to_do or "").strip(),
        "original_rating": original,
        "revision_reason": (scoring.revision_reason or "").strip() if original else None,
    }
    if rated:
        words = f"Scored point {number}: {outcome_word(outcomes, rating).lower()}"
        if original:
            words = (
                f"Changed the rating of point {number} from "
                f"{outcome_word(outcomes, original).lower()} to "
                f"{outcome_word(outcomes, rating).lower()}: {fields['revision_reason']}"
            )
    else:
        words = f"Wrote the panel's findings for point {number}"
    _start_scoring(assessment, actor_id)
    if (
        assessment.ratings_agreed_at is not None
        and judgement is not None
        and judgement.rating != fields["rating"]
    ):
        data.clear_agreement(assessment)
        words += ". The lead must agree the final ratings again"
    return data.save_judgement(assessment, point, judgement, fields, actor_id, words)


@command
def add_panel_action(
    assessment_id: int,
    number: int,
    actor_id: int,
    description: str,
    owner_id: int | None,
    owner_name: str | None,
    due: date | None,
    today: date | None = None,
) -> Action:
    """Turn something the team needs to do into an action on the project, marked as coming
    from the panel. Left blank, the due date of an action for a point the panel rated
    amber is three months ahead."""
    assessment = _scoring_assessment(assessment_id, actor_id)
    point = _point_in_scope(assessment, number)
    today = today or clock.today()
    judgement = data.judgement_for(assessment.id, point.id)
    errors: dict[str, str] = {}
    if problem := action_description_problem(description):
        errors["description"] = problem
    else:
        made = [
            action.description
            for action in data.actions_by_number(assessment.project_id, [assessment.id]).get(
                number, []
            )
            if action.source == "panel"
        ]
        if made_into_actions([description], made)[0]:
            errors["description"] = ALREADY_AN_ACTION
    offered = {person_id for person_id, _ in possible_owners(assessment.project_id, None)}
    errors.update(action_owner_problem(owner_id, owner_name, offered))
    due_date, due_problem = due_date_for(due, judgement.rating if judgement else None, today)
    if due_problem:
        errors["due_date"] = due_problem
    if errors:
        raise Invalid(errors=errors)
    _start_scoring(assessment, actor_id)
    description = description.strip()
    return data.add_panel_action(
        assessment,
        point,
        description,
        owner_id,
        (owner_name or "").strip() or None if owner_id is None else None,
        due_date,
        actor_id,
        f"The panel added an action for point {number}: {description}",
    )


@command
def verify_action(
    assessment_id: int,
    action_id: int,
    actor_id: int,
    evidence: str,
    version: int | str | None,
    outcome: str = Verification.VERIFIED,
) -> Action:
    """Record that the panel of an amber evidence review checked an action: done (who, when
    and what showed it), or not done yet (who, when and what is missing)."""
    assessment = _scoring_assessment(assessment_id, actor_id)
    if not verifies_actions(assessment.kind):
        raise NotAllowed("Only an amber evidence review verifies actions.")
    numbers = [point.number for point in data.scope_of(assessment)]
    action = next(
        (a for a in data.actions_to_verify(assessment, numbers) if a.id == action_id), None
    )
    if action is None:
        raise NotFound("That action is not one this review checks.")
    if problems := verification_problems(evidence, outcome):
        raise Invalid(errors=problems)
    if str(version) != str(action.version):
        raise Conflict(ACTION_CHANGED_FIRST)
    _start_scoring(assessment, actor_id)
    if outcome == Verification.NOT_DONE:
        data.not_verified(assessment, action, evidence.strip(), actor_id, datetime.now(UTC))
    else:
        data.verify_action(assessment, action, evidence.strip(), actor_id, datetime.now(UTC))
    return action


@command
def save_summary(
    assessment_id: int, actor_id: int, summary: str, agree: bool, version: int | str | None
) -> bool:
    """The lead's summary of the assessment, and (if ``agree``) their agreement of the
    final ratings: only once every point in scope is scored and the summary written.
    Returns whether the ratings are agreed. After upholding a challenge (which undoes the
    agreement) the lead agrees them again here."""
    assessment = _scoring_assessment(assessment_id, actor_id, lead=True, may=lead_may_agree)
    if problems := summary_problems(summary):
        raise Invalid(errors=problems)
    summary = (summary or "").strip()
    if agree:
        scope = data.scope_of(assessment)
        statuses = data.statuses_by_number(
            assessment, scope, data.judgements_by_number(assessment.id)
        )
        if problems := agree_problems(summary, statuses):
            raise Invalid(errors=problems)
    if str(version) != str(assessment.version):
        raise Conflict(SUMMARY_SAVED_FIRST)
    _start_scoring(assessment, actor_id)
    if agree:
        agreed_at, agreed_by, words = (
            datetime.now(UTC),
            actor_id,
            "Wrote the summary and agreed the final ratings",
        )
    else:
        agreed_at, agreed_by, words = None, None, "Saved the summary"
    data.save_summary(assessment, summary, agreed_at, agreed_by, actor_id, words)
    return agree
