"""Arranging panel assessments: what the organiser's queue holds, which kind of assessment
a project may have now, and the date, time and brief of one.

Plain functions, so the queue, the arrange page, the commands and the tests read the same
rules.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date, time
from enum import StrEnum

from app.rules.panels import PanelRole
from app.rules.phases import Phase
from app.rules.ratings import Overall
from app.rules.reports import FORMAL_PHASES
from app.rules.self_assessment import AssessmentKind
from app.rules.working_days import is_working_day

K = AssessmentKind

BRIEF_DESCRIPTION_LIMIT = 5000
BRIEF_USERS_LIMIT = 5000
URL_LIMIT = 2000
CONFLICT_REASON_LIMIT = 1000
OFFER_NOTE_LIMIT = 1000

# The kinds an organiser arranges, in the order the arrange page offers them.
ARRANGED_KINDS: tuple[AssessmentKind, ...] = (
    K.PEER_REVIEW,
    K.ASSESSMENT,
    K.REASSESSMENT,
    K.AMBER_EVIDENCE_REVIEW,
)

KIND_HINTS = {
    K.PEER_REVIEW: (
        "Peers read the team's submitted self-assessment and give their view on every "
        "point. A discovery peer review gives findings but no ratings."
    ),
    K.ASSESSMENT: (
        "The formal assessment at the end of alpha, private beta or public beta, or in "
        "live. The panel rates every point."
    ),
    K.REASSESSMENT: (
        "Covers only the points rated red at the project's last published assessment. "
        "The other points keep their ratings."
    ),
    K.AMBER_EVIDENCE_REVIEW: (
        "Covers only the points rated amber at the project's last published assessment: "
        "the panel checks the evidence for each action and may change the rating."
    ),
}

KIND_MISSING = "Select what kind of assessment to arrange"
PROJECT_MISSING = "Select a project"
NO_SUBMITTED_SELF_ASSESSMENT = (
    "{project} has no self-assessment submitted for peer review: the team must submit one first"
)
NO_FORMAL_IN_PHASE = (
    "{project} is in {phase}: formal assessments are held in alpha, beta and live. "
    "Arrange a peer review instead"
)
NOTHING_TO_REASSESS = (
    "{project} has no published assessment with a red result waiting for a reassessment"
)
NOTHING_AMBER = (
    "{project} has no published assessment with an amber result waiting for an amber "
    "evidence review"
)
DATE_MISSING = "Enter the date of the assessment"
DATE_IN_PAST = "The date of the assessment must be today or in the future"
DATE_AT_WEEKEND = "The date of the assessment must be a working day, not a Saturday or Sunday"
DATE_BANK_HOLIDAY = "The date of the assessment must be a working day: {day} is a bank holiday"
TIME_MISSING = "Enter the time the assessment starts"
TIME_FORMAT = "Enter the time in hours and minutes on the 24-hour clock, like 10:00 or 14:30"
TIME_OUTSIDE_DAY = "Enter a start time between 08:00 and 18:00"

EARLIEST_START = time(8, 0)
LATEST_START = time(18, 0)


def kind_problem(
    kind: str,
    *,
    project_name: str,
    phase: str,
    has_submitted_self_assessment: bool,
    owes_reassessment: bool,
    owes_amber_review: bool,
    phase_words: str,
) -> str | None:
    """Why ``kind`` cannot be arranged for the project now (None when it can)."""
    if kind not in {k.value for k in ARRANGED_KINDS}:
        return KIND_MISSING
    if kind == K.PEER_REVIEW and not has_submitted_self_assessment:
        return NO_SUBMITTED_SELF_ASSESSMENT.format(project=project_name)
    if kind == K.ASSESSMENT and phase not in FORMAL_PHASES:
        return NO_FORMAL_IN_PHASE.format(project=project_name, phase=phase_words.lower())
    if kind == K.REASSESSMENT and not owes_reassessment:
        return NOTHING_TO_REASSESS.format(project=project_name)
    if kind == K.AMBER_EVIDENCE_REVIEW and not owes_amber_review:
        return NOTHING_AMBER.format(project=project_name)
    return None


_TIME = re.compile(r"^\s*(\d{1,2})\s*[:.]\s*(\d{2})\s*$")


def parse_time(text: str | None) -> time:
    """A start time typed as ``10:00``, ``9.30`` or ``14:30``; ``ValueError`` with GOV.UK
    words when it is not one."""
    if text is None or not text.strip():
        raise ValueError(TIME_MISSING)
    match = _TIME.match(text)
    if not match:
        raise ValueError(TIME_FORMAT)
    hours, minutes = int(match.group(1)), int(match.group(2))
    if hours > 23 or minutes > 59:
        raise ValueError(TIME_FORMAT)
    value = time(hours, minutes)
    if not EARLIEST_START <= value <= LATEST_START:
        raise ValueError(TIME_OUTSIDE_DAY)
    return value


def time_words(value: time | None) -> str:
    """``10:00`` as the pages show it (24-hour clock, as the form asks for it)."""
    return value.strftime("%H:%M") if value is not None else ""


def date_problem(value: date | None, today: date, holidays: Collection[date] = ()) -> str | None:
    """What is wrong with an assessment date: none, past, or not a working day (a
    Saturday, a Sunday or one of ``holidays``, England and Wales bank holidays)."""
    if value is None:
        return DATE_MISSING
    if value < today:
        return DATE_IN_PAST
    if value.weekday() >= 5:
        return DATE_AT_WEEKEND
    if not is_working_day(value, holidays):
        return DATE_BANK_HOLIDAY.format(day=f"{value.day} {value:%B %Y}")
    return None


class QueueReason(StrEnum):
    """Why a project is in the organiser's queue, and so what to arrange."""

    PEER_REVIEW = "peer_review"
    FORMAL_DUE = "formal_due"
    REASSESSMENT = "reassessment"
    AMBER_REVIEW = "amber_review"


QUEUE_WORDS = {
    QueueReason.PEER_REVIEW: ("Peer review", "Self-assessment submitted for peer review"),
    QueueReason.FORMAL_DUE: ("Assessment", "Next assessment due"),
    QueueReason.REASSESSMENT: ("Reassessment", "Red result published"),
    QueueReason.AMBER_REVIEW: ("Amber evidence review", "Amber result published"),
}

QUEUE_KIND = {
    QueueReason.PEER_REVIEW: K.PEER_REVIEW,
    QueueReason.FORMAL_DUE: K.ASSESSMENT,
    QueueReason.REASSESSMENT: K.REASSESSMENT,
    QueueReason.AMBER_REVIEW: K.AMBER_EVIDENCE_REVIEW,
}


@dataclass(frozen=True)
class QueueItem:
    """One thing waiting to be arranged: for which project, why, and since when."""

    reason: QueueReason
    project_id: int
    project_name: str
    phase: str
    since: date
    source_id: int | None = None  # the self-assessment or earlier panel assessment

    @property
    def kind(self) -> str:
        return QUEUE_KIND[self.reason].value

    @property
    def what_to_arrange(self) -> str:
        return QUEUE_WORDS[self.reason][0]

    @property
    def why(self) -> str:
        return QUEUE_WORDS[self.reason][1]


def in_queue_order(items: Iterable[QueueItem]) -> list[QueueItem]:
    """Oldest first; on the same day, by project name, then by reason."""
    order = list(QueueReason)
    return sorted(
        items, key=lambda item: (item.since, item.project_name.lower(), order.index(item.reason))
    )


def is_overdue(item: QueueItem, today: date) -> bool:
    """A formal assessment whose due date has passed without one being arranged."""
    return item.reason is QueueReason.FORMAL_DUE and item.since < today


def follow_up_owed(result: Overall | str | None) -> QueueReason | None:
    """What a published panel result leaves owing: red, a reassessment; amber, an amber
    evidence review; anything else, nothing."""
    if result == Overall.RED:
        return QueueReason.REASSESSMENT
    if result == Overall.AMBER:
        return QueueReason.AMBER_REVIEW
    return None


def formal_phase(phase: str) -> bool:
    return phase in FORMAL_PHASES and phase != Phase.RETIRED


def url_problem(value: str | None, noun: str) -> str | None:
    """A link in the brief: empty, or an http(s) address no longer than the limit."""
    if not value:
        return None
    if len(value) > URL_LIMIT:
        return f"{noun} must be {URL_LIMIT:,} characters or fewer"
    if not re.match(r"^https?://[^\s/$.?#][^\s]*$", value, re.IGNORECASE):
        return f"Enter a {noun[:1].lower()}{noun[1:]} as a full web address, starting with https://"
    return None


# A panel member in words ("Made Amira Hussain the panel's technical assessor").
ROLE_NOUNS = {
    PanelRole.LEAD: "lead assessor",
    PanelRole.USER_RESEARCH: "user researcher",
    PanelRole.DESIGN: "designer",
    PanelRole.CONTENT_DESIGN: "content designer",
    PanelRole.TECHNICAL: "technical assessor",
    PanelRole.ACCESSIBILITY: "accessibility specialist",
    PanelRole.PERFORMANCE_ANALYST: "performance analyst",
    PanelRole.PRODUCT_DELIVERY: "product and delivery assessor",
    PanelRole.OBSERVER: "observer",
}


def role_noun(panel_role: str | None) -> str:
    try:
        return ROLE_NOUNS[PanelRole(panel_role)]
    except ValueError:
        return "panel member"
