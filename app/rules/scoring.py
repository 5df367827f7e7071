"""Scoring: how a panel member's rating and findings for a point are checked, how far a
panel's scoring has got, when the lead may agree the final ratings, and what an amber
evidence review's verification and revised ratings need.

Plain functions of strings, numbers and dates: the point page, the commands and the
tests read the same rules.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from app.rules.ratings import Rating, parse_rating
from app.rules.reports import (
    REASON_LIMIT,
    REPORT_TEXT_LIMIT,
    Outcomes,
    allowed_panel_ratings,
    outcome_word,
)
from app.rules.self_assessment import AssessmentKind, AssessmentStatus

FINDING_LIMIT = REPORT_TEXT_LIMIT
SUMMARY_LIMIT = REPORT_TEXT_LIMIT
VERIFICATION_LIMIT = REASON_LIMIT
REVISION_REASON_LIMIT = REASON_LIMIT


class ScoringStatus(StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    SCORED = "scored"


SCORING_STATUS_LABELS = {
    ScoringStatus.NOT_STARTED: "Not started",
    ScoringStatus.IN_PROGRESS: "In progress",
    ScoringStatus.SCORED: "Scored",
}


def scoring_status(rated: bool, rating: str | None, done_well: str, to_do: str) -> ScoringStatus:
    """How far the panel has got with one point.

    A rated assessment's point is scored once it has a rating; a discovery peer review
    (findings, no ratings) once something has been written for it.
    """
    wrote = bool((done_well or "").strip() or (to_do or "").strip())
    if rated:
        if parse_rating(rating) is not None:
            return ScoringStatus.SCORED
        return ScoringStatus.IN_PROGRESS if wrote else ScoringStatus.NOT_STARTED
    return ScoringStatus.SCORED if wrote else ScoringStatus.NOT_STARTED


def scoring_status_label(status: str) -> str:
    try:
        return SCORING_STATUS_LABELS[ScoringStatus(status)]
    except ValueError:
        return "Not started"


@dataclass(frozen=True)
class Progress:
    scored: int
    total: int

    @property
    def words(self) -> str:
        if self.total == 0:
            return "No points to score"
        if self.total == 1:
            return "The point is scored" if self.scored else "The point is not scored yet"
        if self.scored == self.total:
            return f"All {self.total} points scored"
        return f"{self.scored} of {self.total} points scored"

    @property
    def complete(self) -> bool:
        return self.total > 0 and self.scored == self.total


def progress(statuses: Iterable[str], total: int) -> Progress:
    """How many of the ``total`` points in scope are scored."""
    return Progress(sum(1 for status in statuses if status == ScoringStatus.SCORED), total)


ALREADY_AN_ACTION = "The panel has already made this an action for this point"
NOTHING_TO_SAVE = "Choose a rating or write what the team has done well or needs to do"
NOTHING_TO_SAVE_UNRATED = "Write what the team has done well or needs to do"


def to_do_items(to_do: str | None) -> list[str]:
    """The things the team needs to do: one a line, blank lines left out."""
    return [line.strip() for line in (to_do or "").splitlines() if line.strip()]


def stays_to_make_actions(
    rating: str | None, to_do: str | None, panel_actions: Iterable[str]
) -> bool:
    """After saving a point, whether the panel member stays on it to make actions: the
    point is rated amber or red, or has things the team needs to do, and the panel has
    made no action for it yet (``panel_actions`` are the descriptions of those it has)."""
    needs_actions = parse_rating(rating) in (Rating.AMBER, Rating.RED) or bool(to_do_items(to_do))
    return needs_actions and not list(panel_actions)


def _same_words(text: str) -> str:
    return " ".join((text or "").split()).rstrip(".").casefold()


def made_into_actions(items: Iterable[str], descriptions: Iterable[str]) -> list[bool]:
    """For each "needs to do" item, whether the panel has already made it an action:
    an action of the point with the same words (ignoring case, spacing and a closing full
    stop)."""
    made = {_same_words(description) for description in descriptions}
    return [_same_words(item) in made for item in items]


def next_point_to_score(statuses: Mapping[int, str], saved: int) -> int | None:
    """The point to go to after saving point ``saved``: the next one in order not yet
    scored, else the first unscored one before it; ``None`` when every point is scored.

    ``statuses`` maps each point number in scope to its scoring status, in order."""
    numbers = list(statuses)
    if saved in numbers:
        place = numbers.index(saved)
        numbers = numbers[place + 1 :] + numbers[:place]
    for number in numbers:
        if statuses[number] != ScoringStatus.SCORED:
            return number
    return None


def rating_choice_words(outcomes: str | None) -> str:
    """The choices a panel has, in words: "green, amber or red" or "met or not met"."""
    words = [outcome_word(outcomes, value).lower() for value in allowed_panel_ratings(outcomes)]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


def judgement_problems(
    rating: str | None,
    done_well: str | None,
    to_do: str | None,
    *,
    rated: bool,
    outcomes: str | None = Outcomes.RED_AMBER_GREEN,
    earlier_rating: str | None = None,
    revision_reason: str | None = None,
) -> dict[str, str]:
    """What is wrong with a panel member's rating and findings for a point, by field.

    A discovery peer review takes no rating. A rating must be one of the framework's
    outcomes. An amber evidence review (``earlier_rating`` given) that changes the
    point's rating must say why.
    """
    problems: dict[str, str] = {}
    if not rating and not (done_well or "").strip() and not (to_do or "").strip():
        if rated:
            problems["rating"] = NOTHING_TO_SAVE
        else:
            problems["done_well"] = NOTHING_TO_SAVE_UNRATED
    if rating:
        if not rated:
            problems["rating"] = "A discovery peer review gives findings, not ratings"
        elif rating not in allowed_panel_ratings(outcomes):
            problems["rating"] = f"Select {rating_choice_words(outcomes)}"
    if len(done_well or "") > FINDING_LIMIT:
        problems["done_well"] = (
            f"What the team has done well must be {FINDING_LIMIT:,} characters or fewer"
        )
    if len(to_do or "") > FINDING_LIMIT:
        problems["to_do"] = (
            f"What the team needs to do must be {FINDING_LIMIT:,} characters or fewer"
        )
    if earlier_rating is not None and rating and rating != earlier_rating:
        reason = (revision_reason or "").strip()
        if not reason:
            problems["revision_reason"] = "Enter why the panel is changing the rating"
        elif len(reason) > REVISION_REASON_LIMIT:
            problems["revision_reason"] = (
                f"Reason must be {REVISION_REASON_LIMIT:,} characters or fewer"
            )
    return problems


def status_when_scoring(status: str) -> str:
    """A panel assessment moves from arranged to in review as soon as its panel starts
    scoring; in any other status it stays as it is."""
    return AssessmentStatus.IN_REVIEW.value if status == AssessmentStatus.ARRANGED else status


def unscored_points(scored: Mapping[int, str]) -> list[int]:
    """The point numbers (of ``{number: scoring status}``) the panel has not scored yet."""
    return sorted(number for number, status in scored.items() if status != ScoringStatus.SCORED)


def agree_problems(summary: str | None, scored: Mapping[int, str]) -> dict[str, str]:
    """Why the lead may not agree the final ratings yet: every point in scope scored, and
    a summary written."""
    problems: dict[str, str] = {}
    if not (summary or "").strip():
        problems["summary"] = "Enter the summary before you agree the final ratings"
    if missing := unscored_points(scored):
        listed = ", ".join(str(n) for n in missing)
        problems["agree"] = (
            f"Score every point before you agree the final ratings. Not scored yet: "
            f"{'point' if len(missing) == 1 else 'points'} {listed}"
        )
    return problems


def summary_problems(summary: str | None) -> dict[str, str]:
    if len(summary or "") > SUMMARY_LIMIT:
        return {"summary": f"Summary must be {SUMMARY_LIMIT:,} characters or fewer"}
    return {}


class Verification(StrEnum):
    """What the panel of an amber evidence review found when it checked an action."""

    VERIFIED = "verified"
    NOT_DONE = "not_done"


def verification_problems(
    evidence: str | None, outcome: str | None = Verification.VERIFIED
) -> dict[str, str]:
    """Whether the action is done, and what the panel saw that shows it (or why it is not
    done yet): both needed, and not too long."""
    if outcome not in {v.value for v in Verification}:
        return {"outcome": "Select whether the action is done"}
    evidence = (evidence or "").strip()
    if not evidence:
        if outcome == Verification.NOT_DONE:
            return {"evidence": "Enter what is missing or not done yet"}
        return {"evidence": "Enter what shows the action is done"}
    if len(evidence) > VERIFICATION_LIMIT:
        return {"evidence": f"Evidence must be {VERIFICATION_LIMIT:,} characters or fewer"}
    return {}


def verifies_actions(kind: str) -> bool:
    """Only an amber evidence review verifies actions and revises ratings."""
    return kind == AssessmentKind.AMBER_EVIDENCE_REVIEW


def revision_of(earlier_rating: str | None, rating: str | None) -> str | None:
    """The rating kept as the original when an amber evidence review changes a point's
    rating (None when it has not changed)."""
    if earlier_rating is None or not rating or rating == earlier_rating:
        return None
    return earlier_rating


def waits_for_panel_member(status: str, panel_role: str | None, scoring_complete: bool) -> bool:
    """Whether a panel assessment waits for this panel member now: while the panel scores,
    for each member but an observer until every point is scored, and for the lead until
    the report is sent; after a challenge, or once the team accepts, for the lead."""
    if panel_role in (None, "observer"):
        return False
    lead = panel_role == "lead"
    if status in (AssessmentStatus.ARRANGED, AssessmentStatus.IN_REVIEW):
        return lead or not scoring_complete
    if status in (AssessmentStatus.CHALLENGED, AssessmentStatus.ACCEPTED):
        return lead
    return False
