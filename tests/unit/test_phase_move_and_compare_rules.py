from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest

from app.rules.compare import compare_ratings, in_order_started, rating_change
from app.rules.phase_moves import (
    RedCheck,
    RedPointFinding,
    assessments_to_check,
    came_from_red_point,
    needs_confirmation,
    open_red_action_ids,
    override_stands,
    phase_choices,
    point_rating,
    red_point_numbers,
    red_points_to_confirm,
    standing_overrides,
)


def test_moving_on_with_red_points_or_their_open_actions_needs_confirmation():
    assert not needs_confirmation("alpha", "private_beta", 0, 0)
    assert needs_confirmation("alpha", "private_beta", 1, 0)
    assert needs_confirmation("alpha", "private_beta", 0, 2)
    assert needs_confirmation("discovery", "live", 3, 1)
    assert needs_confirmation("public_beta", "retired", 1, 0)


def test_moving_back_a_phase_never_needs_confirmation():
    assert not needs_confirmation("alpha", "discovery", 1, 0)
    assert not needs_confirmation("alpha", "discovery", 0, 2)
    assert not needs_confirmation("live", "private_beta", 5, 5)
    assert not needs_confirmation("retired", "live", 1, 1)


def test_phase_choices_leave_out_the_current_phase():
    choices = [phase.value for phase in phase_choices("alpha")]
    assert "alpha" not in choices
    assert choices[0] == "discovery"
    assert "private_beta" in choices


def test_compare_ratings_marks_changes():
    rows = compare_ratings(
        {1: "Users", 2: "Whole problem", 3: "Channels", 4: "Simple"},
        {1: "red", 2: "green", 3: None, 4: "amber"},
        {1: "amber", 2: "amber", 3: "green", 4: "amber"},
    )
    assert [row.change for row in rows] == ["better", "worse", "newly_rated", "same"]
    assert rows[0].title == "Users"


def test_compare_handles_points_missing_on_one_side():
    rows = compare_ratings({}, {1: "green"}, {})
    assert rows[0].change == "no_longer_rated"


@pytest.mark.parametrize(
    ("earlier", "later", "change"),
    [
        ("red", "amber", "better"),
        ("amber", "green", "better"),
        ("green", "red", "worse"),
        ("amber", "amber", "same"),
        ("pending", "pending", "same"),
        ("pending", "not_started", "same"),
        ("pending", "green", "newly_rated"),
        ("not_started", "red", "newly_rated"),
        ("amber", "pending", "no_longer_rated"),
    ],
)
def test_an_overall_rating_changes_in_the_same_words_as_a_point(earlier, later, change):
    assert rating_change(earlier, later) == change


@dataclass
class Chosen:
    id: int
    created_at: datetime


def test_two_assessments_are_put_in_the_order_they_were_started():
    older = Chosen(9, datetime(2025, 3, 1, tzinfo=UTC))
    newer = Chosen(4, datetime(2026, 1, 5, tzinfo=UTC))
    assert in_order_started(older, newer) == (older, newer)
    assert in_order_started(newer, older) == (older, newer)


def test_two_assessments_started_at_the_same_moment_are_ordered_by_id():
    moment = datetime(2026, 1, 5, tzinfo=UTC)
    first, second = Chosen(3, moment), Chosen(7, moment)
    assert in_order_started(second, first) == (first, second)
    assert in_order_started(first, second) == (first, second)


def test_the_panel_rating_of_a_point_wins_over_the_team_rating():
    assert point_rating("red", None) == "red"
    assert point_rating("red", "amber") == "amber"
    assert point_rating(None, "red") == "red"
    assert point_rating(None, None) is None
    assert point_rating("nonsense", None) is None


def test_red_points_are_counted_by_their_rating_in_the_assessment():
    ratings = {
        3: ("red", None),
        1: ("red", None),
        2: ("green", "red"),
        4: ("red", "amber"),
        5: (None, None),
    }
    assert red_point_numbers(ratings) == [1, 2, 3]
    assert red_point_numbers({}) == []


def test_an_action_comes_from_a_red_point_if_team_or_panel_rated_it_red():
    assert came_from_red_point("red", None)
    assert came_from_red_point("amber", "red")
    assert not came_from_red_point("amber", None)
    assert not came_from_red_point(None, None)


def test_only_open_actions_from_red_points_need_a_reason_to_move_on():
    actions = [
        (1, "open", "red", None),
        (2, "in_progress", None, "red"),
        (3, "done", "red", None),
        (4, "not_doing", "red", None),
        (5, "open", "amber", None),
        (6, "open", None, None),
    ]
    assert open_red_action_ids(actions) == [1, 2]
    assert needs_confirmation(
        "alpha", "private_beta", len(red_point_numbers({})), len(open_red_action_ids(actions))
    )


# --- Which red points need a confirmation -------------------------------------------------


def test_a_fresh_draft_does_not_hide_the_submitted_assessment():
    newest_first = [(9, "alpha", "draft"), (7, "alpha", "submitted"), (4, "discovery", "published")]
    check = assessments_to_check(newest_first, "alpha")
    assert check == RedCheck(settled_id=7, draft_id=9)
    # The fresh draft has no ratings yet; the submitted one's red points still count.
    findings = red_points_to_confirm({3: ("red", None), 4: ("green", None)}, {})
    assert findings == [RedPointFinding(3, in_settled=True, in_draft=False)]


@pytest.mark.parametrize("status", ["submitted", "in_review", "report_drafted", "published"])
def test_the_newest_assessment_past_draft_counts(status):
    newest_first = [(5, "private_beta", status), (3, "alpha", "published")]
    assert assessments_to_check(newest_first, "live").settled_id == 5


def test_withdrawn_assessments_and_drafts_of_other_phases_do_not_count():
    newest_first = [
        (8, "alpha", "withdrawn"),
        (7, "discovery", "draft"),
        (6, "alpha", "draft"),
        (5, "discovery", "published"),
    ]
    assert assessments_to_check(newest_first, "alpha") == RedCheck(settled_id=5, draft_id=6)
    assert assessments_to_check([(8, "alpha", "withdrawn")], "alpha") == RedCheck(None, None)
    assert assessments_to_check([], "alpha") == RedCheck(None, None)


def test_the_newest_draft_of_the_current_phase_is_the_teams_latest_view():
    newest_first = [(9, "alpha", "draft"), (8, "alpha", "draft")]
    assert assessments_to_check(newest_first, "alpha") == RedCheck(settled_id=None, draft_id=9)


def test_red_points_come_from_the_settled_assessment_and_the_teams_draft():
    settled = {
        1: ("red", None),  # the team's red, no panel rating
        2: ("red", "amber"),  # the panel's amber wins
        3: ("green", "red"),  # the panel's red wins
        4: ("amber", None),
    }
    draft = {
        1: ("red", None),
        4: ("red", None),  # the team now rates it red
        5: ("amber", "red"),  # a draft's rating is the team's own
        6: (None, None),
    }
    assert red_points_to_confirm(settled, draft) == [
        RedPointFinding(1, in_settled=True, in_draft=True),
        RedPointFinding(3, in_settled=True, in_draft=False),
        RedPointFinding(4, in_settled=False, in_draft=True),
    ]
    assert red_points_to_confirm(None, None) == []
    assert red_points_to_confirm(None, {2: ("red", None)}) == [RedPointFinding(2, False, True)]


# --- How long a move past red points stays before the board ---------------------------------

MOVED = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


def test_a_move_past_red_points_stands_until_an_assessment_is_submitted_after_it():
    assert override_stands(MOVED, [])
    assert override_stands(MOVED, [None])  # started, not submitted
    assert override_stands(MOVED, [MOVED - timedelta(days=40)])  # submitted before the move
    assert override_stands(MOVED, [MOVED])
    assert not override_stands(MOVED, [MOVED - timedelta(days=40), MOVED + timedelta(days=1)])
    assert not override_stands(MOVED, [None, MOVED + timedelta(seconds=1)])


def test_a_later_move_does_not_clear_an_earlier_override():
    # Two moves past red points, and no assessment submitted since either: both stand,
    # not only the last one.
    later = MOVED + timedelta(days=20)
    moves = [("later", later), ("earlier", MOVED)]
    assert standing_overrides(moves, [MOVED - timedelta(days=5)]) == ["later", "earlier"]
    # An assessment submitted between them clears the earlier one only.
    assert standing_overrides(moves, [MOVED + timedelta(days=3)]) == ["later"]
    assert standing_overrides(moves, [later + timedelta(days=3)]) == []
    assert standing_overrides([], [MOVED]) == []


def test_times_without_a_zone_are_taken_as_utc():
    naive = MOVED.replace(tzinfo=None)
    assert not override_stands(naive, [MOVED + timedelta(minutes=1)])
    assert override_stands(MOVED, [naive - timedelta(minutes=1)])
    assert not override_stands(MOVED, [naive + timedelta(minutes=1)])


def test_red_counts_in_words():
    from app.rules.phase_moves import red_counts_in_words

    assert red_counts_in_words(1, 0) == "1 point is rated red"
    assert red_counts_in_words(2, 1) == (
        "2 points are rated red and 1 action from red points is still open"
    )
    assert red_counts_in_words(0, 3) == "3 actions from red points are still open"
