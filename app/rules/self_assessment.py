"""Rules for a team's self-assessment: point statuses, completing a point, submitting."""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from datetime import date
from enum import StrEnum
from typing import Any

from app.rules.permissions import TeamRole
from app.rules.ratings import RATING_LABELS, Rating, parse_rating
from app.rules.text import change_in_words

EVIDENCE_ACCOUNT_LIMIT = 5000
ACTION_DESCRIPTION_LIMIT = 500


class AnswerStatus(StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"


ANSWER_STATUS_LABELS = {
    AnswerStatus.NOT_STARTED: "Not yet started",
    AnswerStatus.IN_PROGRESS: "In progress",
    AnswerStatus.COMPLETED: "Completed",
}


class AssessmentStatus(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    IN_REVIEW = "in_review"
    REPORT_DRAFTED = "report_drafted"
    PUBLISHED = "published"
    WITHDRAWN = "withdrawn"
    # A panel assessment's own steps (app.rules.reports): arranged, then in review while
    # the panel scores, the report sent to the team, challenged or accepted, published.
    ARRANGED = "arranged"
    SENT = "sent"
    CHALLENGED = "challenged"
    ACCEPTED = "accepted"


ASSESSMENT_STATUS_LABELS = {
    AssessmentStatus.DRAFT: "In progress",
    AssessmentStatus.SUBMITTED: "Submitted for peer review",
    AssessmentStatus.IN_REVIEW: "In review",
    AssessmentStatus.REPORT_DRAFTED: "Report drafted",
    AssessmentStatus.PUBLISHED: "Published",
    AssessmentStatus.WITHDRAWN: "Withdrawn",
    AssessmentStatus.ARRANGED: "Arranged",
    AssessmentStatus.SENT: "Report sent to the team",
    AssessmentStatus.CHALLENGED: "Challenged by the team",
    AssessmentStatus.ACCEPTED: "Accepted by the team",
}


class AssessmentKind(StrEnum):
    SELF_ASSESSMENT = "self_assessment"
    PEER_REVIEW = "peer_review"
    ASSESSMENT = "assessment"
    REASSESSMENT = "reassessment"
    AMBER_EVIDENCE_REVIEW = "amber_evidence_review"


ASSESSMENT_KIND_LABELS = {
    AssessmentKind.SELF_ASSESSMENT: "Self-assessment",
    AssessmentKind.PEER_REVIEW: "Peer review",
    AssessmentKind.ASSESSMENT: "Assessment",
    AssessmentKind.REASSESSMENT: "Reassessment",
    AssessmentKind.AMBER_EVIDENCE_REVIEW: "Amber evidence review",
}


class CompletionProblem(StrEnum):
    NO_EVIDENCE = "no_evidence"
    NO_RATING = "no_rating"
    NO_ACTION = "no_action"


def completion_problems(
    evidence: str | None, rating: str | None, action_count: int
) -> list[CompletionProblem]:
    """Why a point cannot be marked completed yet (an empty list means it can).

    A completed point needs the team's account of its evidence and a rating; an
    amber or red one also needs at least one action in its plan.
    """
    problems = []
    if not (evidence or "").strip():
        problems.append(CompletionProblem.NO_EVIDENCE)
    parsed = parse_rating(rating)
    if parsed is None:
        problems.append(CompletionProblem.NO_RATING)
    elif parsed in (Rating.AMBER, Rating.RED) and action_count == 0:
        problems.append(CompletionProblem.NO_ACTION)
    return problems


def status_after_save(
    wants_completed: bool,
    evidence: str | None,
    rating: str | None,
    action_count: int,
    anything_entered: bool,
) -> AnswerStatus:
    if wants_completed and not completion_problems(evidence, rating, action_count):
        return AnswerStatus.COMPLETED
    return AnswerStatus.IN_PROGRESS if anything_entered else AnswerStatus.NOT_STARTED


def can_submit(statuses: Iterable[str]) -> bool:
    """A self-assessment can go for peer review once every point is completed."""
    statuses = list(statuses)
    return bool(statuses) and all(s == AnswerStatus.COMPLETED for s in statuses)


# Who puts the team's name to a self-assessment: the people who answer for the project.
SUBMITTING_TEAM_ROLES = frozenset({TeamRole.SERVICE_OWNER, TeamRole.DELIVERY_MANAGER})


def may_submit(team_role: str | None) -> bool:
    """Only the service owner or the delivery manager submits the team's self-assessment."""
    return team_role in SUBMITTING_TEAM_ROLES


def team_can_edit(assessment_status: str) -> bool:
    """Teams change a self-assessment only while it is a draft (or returned to draft)."""
    return assessment_status == AssessmentStatus.DRAFT


def can_be_returned(assessment_status: str, assessment_phase: str, project_phase: str) -> bool:
    """A submitted self-assessment can go back to the team until a report is drafted, and
    only while the project is still in the phase it is about."""
    return (
        assessment_status in (AssessmentStatus.SUBMITTED, AssessmentStatus.IN_REVIEW)
        and assessment_phase == project_phase
    )


RETURN_REASON_LIMIT = 1000


@dataclass(frozen=True)
class OwnerChanges:
    """What a share-out changes (``{point number: new owner}``) and the points where someone
    else changed the owner first, to a different person (``clashes``)."""

    changes: dict[int, int | None] = dataclass_field(default_factory=dict)
    clashes: list[int] = dataclass_field(default_factory=list)


_UNKNOWN = object()


def owner_changes(
    current: Mapping[int, int | None],
    shown: Mapping[int, int | None],
    wanted: Mapping[int, int | None],
) -> OwnerChanges:
    """Merge one person's share-out with what others saved since the page was shown.

    For each point in ``wanted``: left as it was shown, it keeps whatever is saved now (so
    another person's change stands); changed, it takes the new owner, unless someone else
    changed it first to somebody else: that is a clash, and nothing should be saved. A
    point with no shown owner (a post that leaves it out) is a clash too, as nothing can
    tell whether another change would be undone.
    """
    changes: dict[int, int | None] = {}
    clashes: list[int] = []
    for number, new in sorted(wanted.items()):
        was = shown.get(number, _UNKNOWN)
        now = current.get(number)
        if was is _UNKNOWN:
            if new != now:
                clashes.append(number)
            continue
        if new in (was, now):
            continue
        if now != was:
            clashes.append(number)
        else:
            changes[number] = new
    return OwnerChanges(changes, clashes)


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, or the month's last day when it is shorter."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def default_due_date(rating: str | None, today: date) -> date | None:
    """Amber actions are due within about three months; others have no default."""
    return add_months(today, 3) if parse_rating(rating) is Rating.AMBER else None


def status_counts(statuses: Iterable[str]) -> dict[str, int]:
    counts = {status.value: 0 for status in AnswerStatus}
    for status in statuses:
        counts[status] = counts.get(status, 0) + 1
    return counts


def evidence_preview(text: str | None, limit: int = 150) -> str:
    """The start of an account of evidence, for the audit trail."""
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _words(labels, value) -> str:
    if value is None or value == "":
        return "Not rated" if labels is RATING_WORDS else "nothing"
    return labels.get(value, str(value))


RATING_WORDS = {rating.value: label for rating, label in RATING_LABELS.items()}
_STATUS_WORDS = {
    **{status.value: label for status, label in ANSWER_STATUS_LABELS.items()},
    **{status.value: label for status, label in ASSESSMENT_STATUS_LABELS.items()},
}


def describe_answer_changes(changes: Mapping[str, Sequence[Any]]) -> list[str]:
    """An audit event's ``{field: [before, after]}`` about a self-assessment or one of its
    points, in words: "Rating changed from Amber to Green", "Point 3 owner set to Ann Lee"."""
    lines = []
    for field, values in changes.items():
        before, after = [*values, None, None][:2]
        if field == "rating":
            lines.append(
                f"Rating changed from {_words(RATING_WORDS, before)} "
                f"to {_words(RATING_WORDS, after)}"
            )
        elif field == "status":
            lines.append(
                f"Status changed from {_words(_STATUS_WORDS, before)} "
                f"to {_words(_STATUS_WORDS, after)}"
            )
        elif field == "evidence":
            if not after:
                lines.append("Evidence removed")
            else:
                verb = "added" if not before else "changed"
                lines.append(f"Evidence {verb}: “{after}”")
        elif field == "reason":
            lines.append(f"Reason: {after}")
        elif field.startswith("point ") and field.endswith(" owner"):
            lines.append(change_in_words(field.capitalize(), before, after))
    return lines
