from app.rules.compare import compare_ratings
from app.rules.phase_moves import needs_confirmation, phase_choices


def test_moving_on_with_red_points_or_their_open_actions_needs_confirmation():
    assert not needs_confirmation(0, 0)
    assert needs_confirmation(1, 0)
    assert needs_confirmation(0, 2)


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
