from datetime import date

import pytest

from app.rules.self_assessment import (
    AnswerStatus,
    CompletionProblem,
    add_months,
    can_be_returned,
    can_submit,
    completion_problems,
    default_due_date,
    may_submit,
    owner_changes,
    status_after_save,
    status_counts,
    team_can_edit,
)

EVIDENCE = "We interviewed 12 residents."


def test_a_point_needs_a_rating_to_be_completed():
    assert completion_problems(EVIDENCE, None, 0) == [CompletionProblem.NO_RATING]
    assert completion_problems(EVIDENCE, "", 3) == [CompletionProblem.NO_RATING]


def test_a_point_needs_the_teams_evidence_to_be_completed():
    assert completion_problems("", "green", 0) == [CompletionProblem.NO_EVIDENCE]
    assert completion_problems(" \n ", "green", 0) == [CompletionProblem.NO_EVIDENCE]
    assert completion_problems(None, None, 0) == [
        CompletionProblem.NO_EVIDENCE,
        CompletionProblem.NO_RATING,
    ]
    assert completion_problems(None, "red", 0) == [
        CompletionProblem.NO_EVIDENCE,
        CompletionProblem.NO_ACTION,
    ]


def test_green_needs_no_action():
    assert completion_problems(EVIDENCE, "green", 0) == []


@pytest.mark.parametrize("rating", ["amber", "red"])
def test_amber_and_red_need_an_action(rating):
    assert completion_problems(EVIDENCE, rating, 0) == [CompletionProblem.NO_ACTION]
    assert completion_problems(EVIDENCE, rating, 1) == []


def test_status_after_save():
    assert status_after_save(True, EVIDENCE, "green", 0, True) is AnswerStatus.COMPLETED
    assert status_after_save(True, "", "green", 0, True) is AnswerStatus.IN_PROGRESS
    assert status_after_save(True, EVIDENCE, "red", 0, True) is AnswerStatus.IN_PROGRESS
    assert status_after_save(False, EVIDENCE, "green", 0, True) is AnswerStatus.IN_PROGRESS
    assert status_after_save(False, "", None, 0, False) is AnswerStatus.NOT_STARTED


def test_submit_only_when_every_point_is_completed():
    assert can_submit(["completed"] * 14)
    assert not can_submit(["completed"] * 13 + ["in_progress"])
    assert not can_submit([])


def test_teams_edit_only_drafts():
    assert team_can_edit("draft")
    assert not team_can_edit("submitted")
    assert not team_can_edit("published")


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 1, 15), 3, date(2026, 4, 15)),
        (date(2026, 11, 30), 3, date(2027, 2, 28)),
        (date(2027, 11, 30), 3, date(2028, 2, 29)),
        (date(2026, 12, 31), 1, date(2027, 1, 31)),
    ],
)
def test_add_months(day, months, expected):
    assert add_months(day, months) == expected


def test_amber_actions_default_to_three_months_ahead():
    assert default_due_date("amber", date(2026, 11, 25)) == date(2027, 2, 25)
    assert default_due_date("red", date(2026, 11, 25)) is None
    assert default_due_date(None, date(2026, 11, 25)) is None


def test_status_counts():
    assert status_counts(["completed", "completed", "in_progress"]) == {
        "not_started": 0,
        "in_progress": 1,
        "completed": 2,
    }


@pytest.mark.parametrize(
    ("status", "returnable"),
    [
        ("draft", False),
        ("submitted", True),
        ("in_review", True),
        ("report_drafted", False),
        ("published", False),
        ("withdrawn", False),
    ],
)
def test_only_a_submitted_self_assessment_not_yet_reported_on_can_be_returned(status, returnable):
    assert can_be_returned(status, "alpha", "alpha") is returnable


def test_a_self_assessment_about_a_phase_the_project_has_left_cannot_be_returned():
    assert not can_be_returned("submitted", "alpha", "private_beta")


def test_answer_changes_in_words():
    from app.rules.self_assessment import describe_answer_changes

    assert describe_answer_changes(
        {
            "rating": [None, "amber"],
            "status": ["not_started", "completed"],
            "evidence": ["", "We ran 3 rounds of research"],
            "point 3 owner": [None, "Ann Lee"],
            "point 4 owner": ["Ann Lee", None],
            "point 5 owner": ["Ann Lee", "Bo Chan"],
        }
    ) == [
        "Rating changed from Not rated to Amber",
        "Status changed from Not yet started to Completed",
        "Evidence added: “We ran 3 rounds of research”",
        "Point 3 owner set to Ann Lee",
        "Point 4 owner removed (it was Ann Lee)",
        "Point 5 owner changed from Ann Lee to Bo Chan",
    ]
    assert describe_answer_changes({"status": ["draft", "submitted"]}) == [
        "Status changed from In progress to Submitted for peer review"
    ]
    assert describe_answer_changes({"evidence": ["Old", ""]}) == ["Evidence removed"]


def test_evidence_preview_is_short_and_on_one_line():
    from app.rules.self_assessment import evidence_preview

    assert evidence_preview("Line one\nline two") == "Line one line two"
    preview = evidence_preview("x" * 500)
    assert len(preview) == 150
    assert preview.endswith("…")


# --- Who submits, and sharing out at once -----------------------------------------------------


@pytest.mark.parametrize(
    ("team_role", "may"),
    [("service_owner", True), ("delivery_manager", True), ("member", False), (None, False)],
)
def test_only_the_service_owner_or_delivery_manager_submits(team_role, may):
    assert may_submit(team_role) is may


def test_sharing_out_keeps_changes_made_by_someone_else_to_other_points():
    # Shown with no owners; someone else has since given point 2 to person 8.
    merged = owner_changes(
        current={1: None, 2: 8}, shown={1: None, 2: None}, wanted={1: 7, 2: None}
    )
    assert merged.changes == {1: 7}  # point 2 was left as shown, so 8 stays
    assert merged.clashes == []


def test_giving_a_point_someone_else_just_gave_to_another_person_clashes():
    merged = owner_changes(current={1: 8}, shown={1: None}, wanted={1: 7})
    assert merged.clashes == [1]
    assert merged.changes == {}


def test_both_choosing_the_same_owner_is_no_clash():
    merged = owner_changes(current={1: 7}, shown={1: None}, wanted={1: 7})
    assert (merged.changes, merged.clashes) == ({}, [])


def test_a_point_posted_without_what_was_shown_clashes_unless_it_changes_nothing():
    assert owner_changes(current={1: 8}, shown={}, wanted={1: 7}).clashes == [1]
    assert owner_changes(current={1: 7}, shown={}, wanted={1: 7}).clashes == []


def test_removing_an_owner_is_a_change():
    merged = owner_changes(current={1: 8}, shown={1: 8}, wanted={1: None})
    assert merged.changes == {1: None}
