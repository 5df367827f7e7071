"""Which status an assessment may move to next: one table, read by every change of status.

Peer review extends it (a panel takes a submitted self-assessment into review, drafts
its report and publishes it); no view or command decides a move on its own.
"""

from __future__ import annotations

from collections.abc import Mapping

from app.rules.self_assessment import AssessmentStatus

S = AssessmentStatus

ASSESSMENT_TRANSITIONS: Mapping[AssessmentStatus, frozenset[AssessmentStatus]] = {
    # The team works on it, then submits it; a phase move withdraws a draft left behind.
    S.DRAFT: frozenset({S.SUBMITTED, S.WITHDRAWN}),
    # Back to the team as a draft (returned), into review, or withdrawn.
    S.SUBMITTED: frozenset({S.DRAFT, S.IN_REVIEW, S.WITHDRAWN}),
    # Until a report is drafted, a review can still send it back to the team. A panel
    # assessment arranged from it takes it into review; its withdrawal puts it back in the
    # queue (submitted); its published report publishes it.
    S.IN_REVIEW: frozenset({S.DRAFT, S.SUBMITTED, S.REPORT_DRAFTED, S.PUBLISHED, S.WITHDRAWN}),
    S.REPORT_DRAFTED: frozenset({S.IN_REVIEW, S.PUBLISHED, S.WITHDRAWN}),
    # A published report and a withdrawn assessment stay as they are.
    S.PUBLISHED: frozenset(),
    S.WITHDRAWN: frozenset(),
    # A panel assessment's own steps: a self-assessment never takes them
    # (app.rules.reports.REPORT_TRANSITIONS moves panel assessments).
    S.ARRANGED: frozenset(),
    S.SENT: frozenset(),
    S.CHALLENGED: frozenset(),
    S.ACCEPTED: frozenset(),
}

# The statuses in which a self-assessment for a phase is still the team's current one:
# while one is in any of these, no other can be started for that phase.
ACTIVE_STATUSES = frozenset({S.DRAFT, S.SUBMITTED, S.IN_REVIEW, S.REPORT_DRAFTED})


def _status(value: str | AssessmentStatus) -> AssessmentStatus | None:
    try:
        return AssessmentStatus(value)
    except ValueError:
        return None


def may_move(from_status: str | AssessmentStatus, to_status: str | AssessmentStatus) -> bool:
    """Whether an assessment in ``from_status`` may move to ``to_status``.

    Unknown statuses never may; nor may a status "move" to itself.
    """
    before, after = _status(from_status), _status(to_status)
    if before is None or after is None:
        return False
    return after in ASSESSMENT_TRANSITIONS[before]


def next_statuses(status: str | AssessmentStatus) -> frozenset[AssessmentStatus]:
    """Every status ``status`` may move to."""
    found = _status(status)
    return ASSESSMENT_TRANSITIONS[found] if found is not None else frozenset()


def blocks_a_new_start(status: str | AssessmentStatus) -> bool:
    """A self-assessment in this status for a phase means no new one starts for that phase
    (a draft is continued instead)."""
    return _status(status) in ACTIVE_STATUSES


def ratings_so_far(status: str | AssessmentStatus) -> bool:
    """A draft's ratings are "so far": the team may still change them."""
    return _status(status) is S.DRAFT
