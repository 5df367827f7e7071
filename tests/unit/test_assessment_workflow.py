"""The one table of status moves, and the rules that read it."""

import pytest

from app.rules.assessment_workflow import (
    ASSESSMENT_TRANSITIONS,
    blocks_a_new_start,
    may_move,
    next_statuses,
    ratings_so_far,
)
from app.rules.self_assessment import AssessmentStatus as S


def test_every_status_has_a_row_and_moves_only_to_known_statuses():
    assert set(ASSESSMENT_TRANSITIONS) == set(S)
    for targets in ASSESSMENT_TRANSITIONS.values():
        assert targets <= set(S)


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (S.DRAFT, S.SUBMITTED),
        (S.DRAFT, S.WITHDRAWN),
        (S.SUBMITTED, S.DRAFT),  # returned to the team
        (S.SUBMITTED, S.IN_REVIEW),
        (S.SUBMITTED, S.WITHDRAWN),
        (S.IN_REVIEW, S.DRAFT),
        (S.IN_REVIEW, S.REPORT_DRAFTED),
        (S.REPORT_DRAFTED, S.PUBLISHED),
        (S.REPORT_DRAFTED, S.WITHDRAWN),
    ],
)
def test_the_moves_the_workflow_allows(before, after):
    assert may_move(before, after)
    assert may_move(before.value, after.value)


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (S.DRAFT, S.DRAFT),
        (S.DRAFT, S.IN_REVIEW),
        (S.DRAFT, S.PUBLISHED),
        (S.SUBMITTED, S.SUBMITTED),
        (S.SUBMITTED, S.PUBLISHED),
        (S.REPORT_DRAFTED, S.DRAFT),
        (S.PUBLISHED, S.DRAFT),
        (S.PUBLISHED, S.WITHDRAWN),
        (S.WITHDRAWN, S.DRAFT),
        (S.WITHDRAWN, S.SUBMITTED),
        ("draft", "nonsense"),
        ("nonsense", "draft"),
        ("", ""),
    ],
)
def test_the_moves_it_refuses(before, after):
    assert not may_move(before, after)


def test_published_and_withdrawn_are_the_end():
    assert next_statuses(S.PUBLISHED) == frozenset()
    assert next_statuses("withdrawn") == frozenset()
    assert next_statuses("nonsense") == frozenset()


@pytest.mark.parametrize(
    ("status", "blocks"),
    [
        (S.DRAFT, True),
        (S.SUBMITTED, True),
        (S.IN_REVIEW, True),
        (S.REPORT_DRAFTED, True),
        (S.PUBLISHED, False),
        (S.WITHDRAWN, False),
        ("nonsense", False),
    ],
)
def test_which_statuses_stop_a_new_self_assessment_for_the_phase(status, blocks):
    assert blocks_a_new_start(status) is blocks


def test_only_a_drafts_ratings_are_so_far():
    assert ratings_so_far("draft")
    assert not any(ratings_so_far(status) for status in S if status is not S.DRAFT)
