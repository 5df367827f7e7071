"""The board's meetings: who records them, which dates are accepted, the meetings either side,
and what the board pack lists."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from app.rules.board_meetings import (
    DueWindow,
    PackAction,
    assessments_due,
    assessments_overdue,
    days_overdue,
    due_window,
    has_happened,
    may_record_meetings,
    may_remove,
    meeting_date_problem,
    neighbours,
    overdue_actions,
    red_points,
    removal_loses_figures,
    reports_overdue,
)
from app.rules.portfolio import FrameworkInfo, ProjectFacts, project_row

TODAY = date(2027, 3, 10)
STANDARD = FrameworkInfo(1, "Service Standard", ((1, "Understand users"), (2, "Solve it")))


def row(project_id: int, name: str = "", ratings=None, **values):
    facts = ProjectFacts(
        id=project_id,
        name=name or f"Project {project_id}",
        framework=STANDARD,
        phase="alpha",
        ratings=ratings or {},
        **values,
    )
    return project_row(facts, TODAY)


def action(action_id, project_id=1, number=1, status="open", due=None, owner="Ada"):
    return PackAction(action_id, project_id, number, f"Action {action_id}", owner, status, due)


# --- Who records meetings, and which dates --------------------------------------------------


@pytest.mark.parametrize(
    ("roles", "may"),
    [
        ({"organiser"}, True),
        ({"administrator"}, True),
        ({"board_member", "organiser"}, True),
        ({"board_member"}, False),
        ({"assessor"}, False),
        (set(), False),
    ],
)
def test_organisers_and_administrators_record_meetings(roles, may):
    assert may_record_meetings(roles) is may


def test_a_date_is_needed():
    assert meeting_date_problem(None, TODAY, []) == "Enter the date of the meeting"


def test_a_day_already_recorded_is_refused():
    day = date(2027, 4, 14)
    assert (
        meeting_date_problem(day, TODAY, [day]) == "A meeting on 14 April 2027 is already recorded"
    )


@pytest.mark.parametrize(
    ("day", "fine"),
    [
        (TODAY, True),
        (date(2029, 3, 10), True),  # two years ahead, to the day
        (date(2029, 3, 11), False),
        (date(2025, 3, 10), True),  # a past meeting recorded late
        (date(2025, 3, 9), False),
    ],
)
def test_a_meeting_must_be_within_two_years_of_today(day, fine):
    problem = meeting_date_problem(day, TODAY, [date(2027, 6, 1)])
    assert (problem is None) is fine
    if not fine:
        assert problem == "The date of the meeting must be within 2 years of today"


def test_a_meeting_has_happened_on_its_day_and_after():
    assert has_happened(TODAY, TODAY)
    assert has_happened(TODAY - timedelta(days=1), TODAY)
    assert not has_happened(TODAY + timedelta(days=1), TODAY)


def test_a_meeting_is_removed_unless_a_later_meetings_figures_are_kept():
    earlier, later = TODAY - timedelta(days=30), TODAY - timedelta(days=2)
    assert may_remove(TODAY + timedelta(days=1), [earlier, later])
    assert may_remove(later, [earlier, later])  # the latest kept: a mistyped past meeting
    assert may_remove(earlier, [])
    assert not may_remove(earlier, [earlier, later])


def test_removing_a_meeting_whose_day_has_come_loses_its_figures():
    assert not removal_loses_figures(TODAY + timedelta(days=1), TODAY, figures_taken=False)
    assert removal_loses_figures(TODAY, TODAY, figures_taken=False)
    assert removal_loses_figures(TODAY - timedelta(days=3), TODAY, figures_taken=True)


def test_the_meetings_either_side():
    days = [date(2027, 1, 5), date(2027, 3, 2), date(2027, 2, 2), date(2027, 4, 6)]
    assert neighbours(date(2027, 3, 2), days) == (date(2027, 2, 2), date(2027, 4, 6))
    assert neighbours(date(2027, 1, 5), days) == (None, date(2027, 2, 2))
    assert neighbours(date(2027, 4, 6), days) == (date(2027, 3, 2), None)
    assert neighbours(date(2027, 1, 5), [date(2027, 1, 5)]) == (None, None)


# --- The pack -----------------------------------------------------------------------------------


def test_assessments_due_before_the_next_meeting():
    window = due_window(TODAY, date(2027, 4, 7))
    assert window == DueWindow(
        TODAY, date(2027, 4, 6), "Due before the next meeting on 7 April 2027"
    )


@pytest.mark.parametrize("next_meeting", [None, TODAY, date(2027, 1, 1)])
def test_without_a_next_meeting_to_come_the_pack_looks_30_days_ahead(next_meeting):
    window = due_window(TODAY, next_meeting)
    assert (window.start, window.end) == (TODAY, date(2027, 4, 9))
    assert window.words == "Due in the next 30 days"


def test_assessments_due_in_the_window_soonest_first():
    window = DueWindow(TODAY, date(2027, 4, 6), "")
    rows = [
        row(1, next_assessment_due=date(2027, 4, 6)),
        row(2, next_assessment_due=TODAY),
        row(3, next_assessment_due=date(2027, 4, 7)),
        row(4, next_assessment_due=TODAY - timedelta(days=1)),
        row(5),
    ]
    assert [r.id for r in assessments_due(rows, window)] == [2, 1]
    assert [r.id for r in assessments_overdue(rows)] == [4]


def test_red_points_come_with_their_open_actions_earliest_due_first():
    rows = [
        row(1, "Blue Badge", ratings={1: ("red", None), 2: ("green", None)}),
        row(2, "Waste", ratings={1: ("amber", None), 2: (None, "red")}),
    ]
    actions = [
        action(10, 1, 1, due=date(2027, 5, 1)),
        action(11, 1, 1, due=None),
        action(12, 1, 1, due=date(2027, 4, 1)),
        action(13, 1, 1, status="done"),
        action(14, 1, 2),
        action(15, 2, 1),
    ]
    found = red_points(rows, actions)
    assert [(p.project, p.number, p.title) for p in found] == [
        ("Blue Badge", 1, "Understand users"),
        ("Waste", 2, "Solve it"),
    ]
    assert [a.id for a in found[0].actions] == [12, 10, 11]
    assert found[1].actions == ()


def test_overdue_actions_of_the_rows_most_overdue_first():
    rows = [row(1, "Blue Badge"), row(2, "Waste")]
    actions = [
        action(1, 1, due=TODAY - timedelta(days=2)),
        action(2, 2, due=TODAY - timedelta(days=9)),
        action(3, 1, due=TODAY),  # due today is not overdue
        action(4, 1, due=TODAY - timedelta(days=30), status="done"),
        action(5, 3, due=TODAY - timedelta(days=40)),  # a project not in the rows
        action(6, 1, status="in_progress", due=TODAY - timedelta(days=1)),
    ]
    found = overdue_actions(rows, actions, TODAY)
    assert [(r.id, a.id) for r, a in found] == [(2, 2), (1, 1), (1, 6)]
    assert days_overdue(TODAY - timedelta(days=9), TODAY) == 9
    assert days_overdue(None, TODAY) == 0
    assert days_overdue(TODAY, TODAY) == 0


def test_projects_with_reports_overdue():
    rows = [row(1, reports_overdue=2), row(2), row(3, reports_overdue=1)]
    assert [r.id for r in reports_overdue(rows)] == [1, 3]


def test_a_late_meeting_cannot_go_before_one_whose_figures_are_kept():
    from app.rules.board_meetings import taken_late

    kept = TODAY - timedelta(days=10)
    problem = meeting_date_problem(TODAY - timedelta(days=20), TODAY, iter([kept]))
    assert problem and problem.startswith("The date of the meeting must be after")
    assert meeting_date_problem(TODAY - timedelta(days=5), TODAY, [kept]) is None
    assert meeting_date_problem(TODAY + timedelta(days=5), TODAY, [kept]) is None
    assert taken_late(TODAY - timedelta(days=5), TODAY)
    assert not taken_late(TODAY, TODAY) and not taken_late(TODAY, None)
