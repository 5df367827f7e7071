"""Rules for moving a project from one phase to another."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import TypeVar

from app.rules.actions import is_open
from app.rules.phases import Phase, is_forward_move, phase_label
from app.rules.projects import phase_words
from app.rules.ratings import Rating, parse_rating
from app.rules.self_assessment import AssessmentStatus

# An assessment past draft and not withdrawn: the team has put its name to it.
SETTLED_STATUSES = frozenset(
    {
        AssessmentStatus.SUBMITTED,
        AssessmentStatus.IN_REVIEW,
        AssessmentStatus.REPORT_DRAFTED,
        AssessmentStatus.PUBLISHED,
    }
)

REASON_LIMIT = 1000
OVERRIDE_REASON_LIMIT = 1000
FIRST_PHASE_REASON = "Added to the programme"

TO_PHASE_MISSING = "Select the phase the project is moving to"
REASON_MISSING = "Enter why the project is moving to this phase"
REASON_TOO_LONG = f"Reason must be {REASON_LIMIT:,} characters or fewer"
OVERRIDE_MISSING = "Enter why the project should move on despite its red points"
OVERRIDE_TOO_LONG = f"Reason must be {OVERRIDE_REASON_LIMIT:,} characters or fewer"


def moved_meanwhile_message(phase: str) -> str:
    return (
        f"Someone else has moved this project to {phase_words(phase).lower()} "
        "since you started. Check the phase you want and continue again"
    )


def phase_not_seen_message(phase: str) -> str:
    """For a move sent without the phase the person saw: it cannot be checked, so ask again."""
    return (
        f"The project is in {phase_words(phase).lower()}. We could not check that this is "
        "the phase you saw, so nothing was changed. Check the phase you want and continue again"
    )


# --- The next assessment ----------------------------------------------------------------------

# A project is assessed against the standard at the end of alpha, of beta and before live, so
# moving on into one of these phases means an assessment is due before it moves on again.
ASSESSED_PHASES = frozenset({Phase.ALPHA, Phase.PRIVATE_BETA, Phase.PUBLIC_BETA, Phase.LIVE})

NEXT_ASSESSMENT_HINT = (
    "Needed when the project moves on to alpha, beta or live: it is assessed before it moves "
    "on again. Optional when it goes back a phase or into discovery. Leave it blank if the "
    "project is retiring. For example, 27 3 2027"
)
NEXT_ASSESSMENT_MISSING = "Enter when the next assessment is due"
NEXT_ASSESSMENT_PAST = "The next assessment date must be today or in the future"
NEXT_ASSESSMENT_RETIRED = "Leave the next assessment date blank: a retired project is not assessed"


class NextAssessment(StrEnum):
    REQUIRED = "required"
    OPTIONAL = "optional"
    NONE = "none"


def next_assessment_question(from_phase: str, to_phase: str) -> NextAssessment:
    """Whether a move asks for the next assessment date: moving on into alpha, beta or live
    needs one; a retired project has none; any other move may give one."""
    if to_phase == Phase.RETIRED:
        return NextAssessment.NONE
    if to_phase in ASSESSED_PHASES and is_forward_move(from_phase, to_phase):
        return NextAssessment.REQUIRED
    return NextAssessment.OPTIONAL


def next_assessment_problem(
    from_phase: str, to_phase: str, due: date | None, today: date
) -> str | None:
    """What is wrong with the next assessment date given for a move, or None."""
    question = next_assessment_question(from_phase, to_phase)
    if due is None:
        return NEXT_ASSESSMENT_MISSING if question is NextAssessment.REQUIRED else None
    if question is NextAssessment.NONE:
        return NEXT_ASSESSMENT_RETIRED
    return NEXT_ASSESSMENT_PAST if due < today else None


# --- How the audit trail words a move ---------------------------------------------------------


def moved_summary(from_phase: str, to_phase: str, overridden: bool) -> str:
    summary = f"Moved the project from {phase_words(from_phase).lower()} to "
    summary += phase_words(to_phase).lower()
    if overridden:
        summary += " despite red points or open actions from them"
    return summary


def withdrawn_summary(draft_phase: str, to_phase: str) -> str:
    """A draft of the phase left behind is withdrawn: it is about a phase the project has left."""
    return (
        f"Withdrew the self-assessment for {phase_label(draft_phase).lower()}, "
        f"which was in progress, because the project moved to {phase_words(to_phase).lower()}"
    )


def needs_confirmation(
    from_phase: str, to_phase: str, red_points: int, open_actions_from_red_points: int
) -> bool:
    """Moving on while points are red, or red points' actions are still open, needs a reason.

    Only moving on does: going back a phase is the safe direction, so it needs none.
    """
    if not is_forward_move(from_phase, to_phase):
        return False
    return red_points > 0 or open_actions_from_red_points > 0


def red_counts_in_words(red_points: int, open_actions_from_red_points: int) -> str:
    """For example "2 points are rated red and 1 action from red points is still open"."""
    parts = []
    if red_points:
        parts.append(f"{red_points} {'point is' if red_points == 1 else 'points are'} rated red")
    if open_actions_from_red_points:
        count = open_actions_from_red_points
        parts.append(
            f"{count} {'action' if count == 1 else 'actions'} from red points "
            f"{'is' if count == 1 else 'are'} still open"
        )
    return " and ".join(parts)


def phase_choices(current: str) -> list[Phase]:
    """Every phase except the current one: projects may also go back a phase."""
    return [phase for phase in Phase if phase.value != current]


def point_rating(team_rating: str | None, panel_rating: str | None) -> Rating | None:
    """A point's rating in an assessment: the panel's when it has given one, else the team's."""
    return parse_rating(panel_rating) or parse_rating(team_rating)


def red_point_numbers(ratings: Mapping[int, tuple[str | None, str | None]]) -> list[int]:
    """The numbers of the points rated red, from ``{number: (team rating, panel rating)}``."""
    return sorted(
        number
        for number, (team, panel) in ratings.items()
        if point_rating(team, panel) is Rating.RED
    )


def came_from_red_point(team_rating: str | None, panel_rating: str | None) -> bool:
    """An action came from a red point if the team or the panel rated its point red."""
    return Rating.RED in (parse_rating(team_rating), parse_rating(panel_rating))


def open_red_action_ids(actions: Iterable[tuple[int, str, str | None, str | None]]) -> list[int]:
    """Ids of the open actions that came from red points.

    Each action is ``(id, status, team rating, panel rating)``, the ratings being
    those of the point it was raised for, in the assessment it was raised in.
    """
    return [
        action_id
        for action_id, status, team, panel in actions
        if is_open(status) and came_from_red_point(team, panel)
    ]


# --- Which red points stand in the way of moving on ------------------------------------------


@dataclass(frozen=True)
class RedCheck:
    """The assessments whose red points need a confirmation before the project moves on."""

    settled_id: int | None  # the newest assessment that is neither a draft nor withdrawn
    draft_id: int | None  # the team's draft for the project's current phase: its latest view


def assessments_to_check(
    newest_first: Iterable[tuple[int, str, str]], current_phase: str
) -> RedCheck:
    """Choose, from the project's assessments ``(id, phase, status)`` newest first, the ones
    whose red points count when moving on.

    Starting a fresh self-assessment must not hide the red points of the one before it, so
    the newest settled assessment counts whatever has been started since; and a point the
    team already rates red in its draft for this phase counts too. Withdrawn assessments,
    and drafts of other phases, do not count.
    """
    settled = draft = None
    for assessment_id, phase, status in newest_first:
        if settled is None and status in SETTLED_STATUSES:
            settled = assessment_id
        if draft is None and status == AssessmentStatus.DRAFT and phase == current_phase:
            draft = assessment_id
    return RedCheck(settled, draft)


@dataclass(frozen=True)
class RedPointFinding:
    number: int
    in_settled: bool  # red in the newest settled assessment (the panel's rating, else the team's)
    in_draft: bool  # the team rates it red in its current draft


def red_points_to_confirm(
    settled: Mapping[int, tuple[str | None, str | None]] | None,
    draft: Mapping[int, tuple[str | None, str | None]] | None,
) -> list[RedPointFinding]:
    """The red points that need a confirmation, in point order, each saying where it is red.

    Both arguments are ``{number: (team rating, panel rating)}``. In the settled assessment
    a point's rating is the panel's where given, else the team's; in the draft it is the
    team's own rating.
    """
    settled_red = set(red_point_numbers(settled or {}))
    draft_red = {
        number for number, (team, _) in (draft or {}).items() if parse_rating(team) is Rating.RED
    }
    return [
        RedPointFinding(number, number in settled_red, number in draft_red)
        for number in sorted(settled_red | draft_red)
    ]


# --- How long a move past red points stays before the board -----------------------------------

K = TypeVar("K")


def _utc(moment: datetime) -> datetime:
    """Some databases hand times back without their zone; the service stores them in UTC."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def override_stands(moved_at: datetime, submitted_at: Iterable[datetime | None]) -> bool:
    """A move past red points stays before the board, with its reason, until an assessment
    is submitted after it: a reassessment of the red points, or the next self-assessment.

    ``submitted_at`` holds when each of the project's assessments was submitted, for those
    neither in draft nor withdrawn (see ``SETTLED_STATUSES``); None for any not yet.
    """
    moved = _utc(moved_at)
    return not any(when is not None and _utc(when) > moved for when in submitted_at)


def standing_overrides(
    moves: Iterable[tuple[K, datetime]], submitted_at: Iterable[datetime | None]
) -> list[K]:
    """Of the moves past red points ``(key, moved at)``, those still standing, in the same order."""
    submitted = list(submitted_at)
    return [key for key, moved_at in moves if override_stands(moved_at, submitted)]
