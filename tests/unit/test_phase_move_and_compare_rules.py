from app.rules.compare import compare_ratings
from app.rules.phase_moves import (
    came_from_red_point,
    needs_confirmation,
    open_red_action_ids,
    phase_choices,
    point_rating,
    red_point_numbers,
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
