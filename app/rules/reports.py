"""Panel assessments and their reports: kinds, the report workflow, which points are in
scope, the overall result and the words a panel's ratings are given in.

A panel assessment (peer review, formal assessment, reassessment, amber evidence review)
moves through its own statuses, one table (:data:`REPORT_TRANSITIONS`) read by every
change of status; a self-assessment keeps ``app.rules.assessment_workflow``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from app.rules.phases import Phase
from app.rules.ratings import Overall, Rating, is_better, overall_rating, parse_rating
from app.rules.self_assessment import AssessmentKind, AssessmentStatus

K = AssessmentKind
S = AssessmentStatus

PANEL_KINDS = frozenset({K.PEER_REVIEW, K.ASSESSMENT, K.REASSESSMENT, K.AMBER_EVIDENCE_REVIEW})
# Kinds that follow an earlier panel assessment and look only at some of its points.
FOLLOW_UP_KINDS = frozenset({K.REASSESSMENT, K.AMBER_EVIDENCE_REVIEW})
# Formal assessments are held at the end of alpha, of private beta and of public beta.
FORMAL_PHASES = frozenset({Phase.ALPHA, Phase.PRIVATE_BETA, Phase.PUBLIC_BETA, Phase.LIVE})


def is_panel_kind(kind: str) -> bool:
    return kind in PANEL_KINDS


# The report workflow: arranged, the panel scores (in review), the lead sends the report to
# the team, who accept it or challenge points; the lead answers every challenge and sends
# it again; once accepted, the lead publishes. Withdrawn, with a reason, before publishing.
REPORT_TRANSITIONS: Mapping[AssessmentStatus, frozenset[AssessmentStatus]] = {
    S.ARRANGED: frozenset({S.IN_REVIEW, S.WITHDRAWN}),
    S.IN_REVIEW: frozenset({S.SENT, S.WITHDRAWN}),
    S.SENT: frozenset({S.ACCEPTED, S.CHALLENGED, S.WITHDRAWN}),
    S.CHALLENGED: frozenset({S.SENT, S.WITHDRAWN}),
    S.ACCEPTED: frozenset({S.PUBLISHED, S.WITHDRAWN}),
    S.PUBLISHED: frozenset(),
    S.WITHDRAWN: frozenset(),
}

REPORT_STATUS_LABELS = {
    S.ARRANGED: "Arranged",
    S.IN_REVIEW: "Panel scoring",
    S.SENT: "Report sent to the team",
    S.CHALLENGED: "Challenged by the team",
    S.ACCEPTED: "Accepted by the team",
    S.PUBLISHED: "Published",
    S.WITHDRAWN: "Withdrawn",
}


def report_status_label(status: str) -> str:
    try:
        return REPORT_STATUS_LABELS[S(status)]
    except (ValueError, KeyError):
        return "Unknown status"


def may_move_report(from_status: str, to_status: str) -> bool:
    """Whether a panel assessment in ``from_status`` may move to ``to_status``."""
    try:
        return S(to_status) in REPORT_TRANSITIONS.get(S(from_status), frozenset())
    except ValueError:
        return False


def panel_may_score(status: str) -> bool:
    """The panel writes ratings and findings until the report is sent; after a challenge
    the lead may change the challenged points' ratings while answering."""
    return status in (S.ARRANGED, S.IN_REVIEW)


def is_frozen(status: str) -> bool:
    """A published report's text and ratings never change; nor do a withdrawn one's."""
    return status in (S.PUBLISHED, S.WITHDRAWN)


def is_rated(kind: str, phase: str) -> bool:
    """A discovery peer review records findings per point but no ratings."""
    return not (kind == K.PEER_REVIEW and phase == Phase.DISCOVERY)


def points_in_scope(
    kind: str, all_points: Iterable[int], earlier: Mapping[int, str | None] | None = None
) -> list[int]:
    """The point numbers a panel assessment covers.

    A reassessment covers the points rated red last time; an amber evidence review the
    points rated amber; every other kind every point. ``earlier`` is ``{point: rating that
    counted}`` from the assessment it follows.
    """
    numbers = sorted(all_points)
    if kind not in FOLLOW_UP_KINDS:
        return numbers
    wanted = Rating.RED if kind == K.REASSESSMENT else Rating.AMBER
    earlier = earlier or {}
    return [n for n in numbers if parse_rating(earlier.get(n)) is wanted]


class ResultRule(StrEnum):
    WORST_OF_POINTS = "worst_of_points"
    WORST_OF_POINTS_AND_CARRIED = "worst_of_points_and_carried"
    NOT_RATED = "not_rated"


RESULT_RULE_WORDS = {
    ResultRule.WORST_OF_POINTS: (
        "The overall result is the worst rating given to any point: any red makes it red, "
        "otherwise any amber makes it amber; all green is green."
    ),
    ResultRule.WORST_OF_POINTS_AND_CARRIED: (
        "The overall result is the worst rating of the points looked at again and the "
        "points carried from the earlier assessment: any red makes it red, otherwise any "
        "amber makes it amber; all green is green."
    ),
    ResultRule.NOT_RATED: (
        "A discovery peer review gives findings for each point but no ratings, so there is "
        "no overall result."
    ),
}


@dataclass(frozen=True)
class Result:
    overall: Overall | None
    rule: ResultRule


def panel_result(
    kind: str,
    phase: str,
    in_scope: Mapping[int, str | None],
    carried: Mapping[int, str | None] | None = None,
) -> Result:
    """The overall result of a panel assessment, and the rule that produced it.

    ``in_scope`` is ``{point: panel rating}`` for the points the panel looked at;
    ``carried`` the earlier assessment's ratings of the other points (a reassessment or
    amber evidence review keeps them).
    """
    if not is_rated(kind, phase):
        return Result(None, ResultRule.NOT_RATED)
    if kind in FOLLOW_UP_KINDS:
        carried_ratings = {n: r for n, r in (carried or {}).items() if n not in in_scope}
        return Result(
            overall_rating([*in_scope.values(), *carried_ratings.values()]),
            ResultRule.WORST_OF_POINTS_AND_CARRIED,
        )
    return Result(overall_rating(in_scope.values()), ResultRule.WORST_OF_POINTS)


class Outcomes(StrEnum):
    """The words a framework's panels give their ratings in."""

    RED_AMBER_GREEN = "red_amber_green"
    MET_NOT_MET = "met_not_met"


# Met and not met are stored as green and red, so the one rating rule (and every roll-up)
# reads them the same way; only the words differ.
OUTCOME_CHOICES: Mapping[Outcomes, tuple[tuple[Rating, str], ...]] = {
    Outcomes.RED_AMBER_GREEN: (
        (Rating.GREEN, "Green"),
        (Rating.AMBER, "Amber"),
        (Rating.RED, "Red"),
    ),
    Outcomes.MET_NOT_MET: ((Rating.GREEN, "Met"), (Rating.RED, "Not met")),
}


def outcome_word(outcomes: str | None, rating: str | None) -> str:
    """A panel rating in the framework's words ("Amber", "Not met"); "Not rated" if none."""
    parsed = parse_rating(rating)
    if parsed is None:
        return "Not rated"
    try:
        choices = OUTCOME_CHOICES[Outcomes(outcomes or Outcomes.RED_AMBER_GREEN)]
    except ValueError:
        choices = OUTCOME_CHOICES[Outcomes.RED_AMBER_GREEN]
    for value, word in choices:
        if value is parsed:
            return word
    return parsed.value.capitalize()


def allowed_panel_ratings(outcomes: str | None) -> list[str]:
    try:
        choices = OUTCOME_CHOICES[Outcomes(outcomes or Outcomes.RED_AMBER_GREEN)]
    except ValueError:
        choices = OUTCOME_CHOICES[Outcomes.RED_AMBER_GREEN]
    return [value.value for value, _ in choices]


class Respondent(StrEnum):
    TEAM = "team"
    PANEL = "panel"


FEEDBACK_QUESTIONS = (
    "How well did the assessment help the team improve the service?",
    "How fair and clear was the panel's report?",
    "How well was the assessment organised?",
)
# What an unanswered question's error says, question by question (GOV.UK: name it).
FEEDBACK_MISSING = (
    "Select how well the assessment helped the team improve the service",
    "Select how fair and clear the panel's report was",
    "Select how well the assessment was organised",
)
FEEDBACK_SCALE = (1, 2, 3, 4, 5)
# The words at each end of the scale: the form and the results say the same.
FEEDBACK_SCALE_ENDS = {1: "not at all", 5: "very well"}
FEEDBACK_SCALE_WORDS = "from 1 (not at all) to 5 (very well)"


def feedback_scale_label(value: int) -> str:
    """One answer on the scale as the form shows it: "1 (not at all)", "3", "5 (very well)"."""
    end = FEEDBACK_SCALE_ENDS.get(value)
    return f"{value} ({end})" if end else str(value)


def answers_in_words(count: int) -> str:
    """How many answers, in words: "no answers", "1 answer", "3 answers"."""
    if count == 0:
        return "no answers"
    return f"{count} answer" if count == 1 else f"{count} answers"


class ChallengeOutcome(StrEnum):
    UPHELD = "upheld"  # the panel changed its rating or findings
    NOT_UPHELD = "not_upheld"  # the panel kept them, and says why


CHALLENGE_OUTCOME_LABELS = {
    ChallengeOutcome.UPHELD: "Panel changed its decision",
    ChallengeOutcome.NOT_UPHELD: "Panel kept its decision",
}

# --- Upholding a challenge ----------------------------------------------------------------------
#
# The team challenges the panel's decision on a point because it thinks the decision too
# harsh, so upholding the challenge gives the point a better rating than the one
# challenged: never a worse one (that would punish the team for challenging), nor the same
# one (that is keeping the decision). A point rated the best there is (green, or met), or a
# discovery peer review's point, has no better rating: upholding its challenge changes what
# the team needs to do instead.


def better_ratings(challenged: str | None, outcomes: str | None) -> list[str]:
    """The ratings an upheld challenge may give a point rated ``challenged``, best first."""
    return [r for r in allowed_panel_ratings(outcomes) if is_better(r, challenged)]


class UpheldProblem(StrEnum):
    NO_RATING = "no_rating"
    NOT_BETTER = "not_better"
    NOTHING_CHANGED = "nothing_changed"


def upheld_problem(
    *,
    rated: bool,
    challenged: str | None,
    new_rating: str | None,
    outcomes: str | None,
    to_do_changed: bool,
) -> UpheldProblem | None:
    """What is wrong with upholding a challenge to a point rated ``challenged``, if
    anything: the revised rating must be better, and where no rating is better, what the
    team needs to do must change."""
    better = better_ratings(challenged, outcomes) if rated else []
    if not better:
        if rated and new_rating and new_rating != challenged:
            return UpheldProblem.NOT_BETTER
        return None if to_do_changed else UpheldProblem.NOTHING_CHANGED
    if not new_rating:
        return UpheldProblem.NO_RATING
    if new_rating not in better:
        return UpheldProblem.NOT_BETTER
    return None


def upheld_problem_words(problem: UpheldProblem, number: int, challenged_word: str) -> str:
    return {
        UpheldProblem.NO_RATING: f"Select the panel's new rating for point {number}",
        UpheldProblem.NOT_BETTER: (
            f"Select a rating better than {challenged_word} for point {number}, or keep the "
            "panel's decision"
        ),
        UpheldProblem.NOTHING_CHANGED: (
            f"Change what the team needs to do for point {number}, or keep the panel's decision"
        ),
    }[problem]


def upheld_hint(rated: bool, challenged: str | None, outcomes: str | None) -> str:
    """The answer form's words on what upholding a challenge to this point means."""
    better = better_ratings(challenged, outcomes) if rated else []
    if better:
        return (
            f"Upholding the challenge gives the point a better rating than "
            f"{outcome_word(outcomes, challenged)}. To keep "
            f"{outcome_word(outcomes, challenged)}, choose no instead. You agree the final "
            "ratings again before you send the report to the team."
        )
    if rated:
        return (
            f"{outcome_word(outcomes, challenged)} is the best rating there is, so upholding "
            "the challenge changes what the team needs to do."
        )
    return "Upholding the challenge changes what the team needs to do."


def original_after_upheld(
    current: str | None, original: str | None, new_rating: str | None
) -> str | None:
    """The original rating kept beside a point's new one once a challenge is upheld: the
    one it had before any revision (``original``, from an amber evidence review), else the
    one challenged. None when the rating ends where it started."""
    if not new_rating:
        return original
    first = original or current
    return None if new_rating == first else first


REPORT_TEXT_LIMIT = 5000
REASON_LIMIT = 2000


def report_unread_words(status: str, confidential: bool) -> str:
    """Why a person sees a panel assessment of a project but not its report."""
    if status == S.PUBLISHED and confidential:
        return "Confidential: only the team, the panel, the board and administrators read it"
    if status == S.WITHDRAWN:
        return "Not available: the assessment was withdrawn"
    return "The report is not ready for you to read yet"
