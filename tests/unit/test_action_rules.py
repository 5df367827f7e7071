from datetime import date

from app.rules.actions import (
    UpdateProblem,
    count_open_and_overdue,
    is_open,
    is_overdue,
    overdue_first_key,
    update_problems,
)

TODAY = date(2026, 11, 25)
YESTERDAY = date(2026, 11, 24)


def test_open_actions():
    assert is_open("open")
    assert is_open("in_progress")
    assert not is_open("done")
    assert not is_open("not_doing")


def test_overdue_means_open_and_past_its_due_date():
    assert is_overdue("open", YESTERDAY, TODAY)
    assert is_overdue("in_progress", YESTERDAY, TODAY)
    assert not is_overdue("open", TODAY, TODAY)
    assert not is_overdue("done", YESTERDAY, TODAY)
    assert not is_overdue("open", None, TODAY)


def test_overdue_actions_sort_first_then_open_by_due_date_then_closed():
    actions = [
        ("done", YESTERDAY),
        ("open", None),
        ("open", date(2026, 12, 1)),
        ("open", YESTERDAY),
    ]
    ordered = sorted(actions, key=lambda a: overdue_first_key(a[0], a[1], TODAY))
    assert ordered == [
        ("open", YESTERDAY),
        ("open", date(2026, 12, 1)),
        ("open", None),
        ("done", YESTERDAY),
    ]


def test_done_needs_a_note_and_not_doing_needs_a_reason():
    assert update_problems("done", " ", "") == [UpdateProblem.NO_COMPLETION_NOTE]
    assert update_problems("done", "Shipped", "") == []
    assert update_problems("not_doing", "", "") == [UpdateProblem.NO_REASON]
    assert update_problems("not_doing", "", "Out of scope") == []
    assert update_problems("in_progress", "", "") == []


def test_count_open_and_overdue():
    actions = [("open", YESTERDAY), ("in_progress", None), ("done", YESTERDAY)]
    assert count_open_and_overdue(actions, TODAY) == (2, 1)
