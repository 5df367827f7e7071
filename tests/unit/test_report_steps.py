"""The report's steps, clocks and words (app.rules.report_steps)."""

from datetime import date

import pytest

from app.bank_holidays import england_and_wales
from app.rules.report_steps import (
    Clock,
    LivingStatus,
    SendProblem,
    answer_due,
    feedback_problems,
    lead_may_answer_challenges,
    living_status,
    may_give_feedback,
    may_publish,
    may_withdraw,
    overdue_step,
    points_without_actions,
    points_without_actions_words,
    report_due,
    report_title,
    respondent,
    scores_fixed_because,
    send_problems,
    sent_dates,
    team_may_answer,
    waiting_words,
)

HOLIDAYS = england_and_wales()


def test_report_due_five_working_days_after_the_assessment():
    assert report_due(date(2026, 11, 20), 5, HOLIDAYS) == date(2026, 11, 27)
    # Over Christmas 2026: Friday 25 and Monday 28 December are bank holidays.
    assert report_due(date(2026, 12, 18), 5, HOLIDAYS) == date(2026, 12, 29)
    assert report_due(None, 5, HOLIDAYS) is None


def test_answer_due_ten_working_days_after_sending():
    assert answer_due(date(2026, 11, 27), 10, HOLIDAYS) == date(2026, 12, 11)


def test_the_report_is_late_until_it_is_sent_then_the_answer():
    due = date(2026, 11, 27)
    assert overdue_step("in_review", due, None, date(2026, 11, 27), HOLIDAYS) is None
    late = overdue_step("in_review", due, None, date(2026, 12, 1), HOLIDAYS)
    assert late.clock is Clock.REPORT and late.days_late == 2
    assert "2 working days late" in late.words
    assert overdue_step("sent", due, date(2026, 12, 11), date(2026, 12, 14), HOLIDAYS).clock is (
        Clock.ANSWER
    )
    for status in ("challenged", "accepted", "published", "withdrawn"):
        assert overdue_step(status, due, due, date(2027, 6, 1), HOLIDAYS) is None


def test_one_working_day_late_is_said_in_the_singular():
    late = overdue_step("arranged", date(2026, 11, 27), None, date(2026, 11, 30), HOLIDAYS)
    assert "1 working day late" in late.words


JUDGED = {1: ("green", "Good", ""), 2: ("amber", "", "More research")}


def test_send_problems():
    assert send_problems("in_review", "assessment", "beta", [1, 2], JUDGED, True, 0) == []
    assert send_problems("arranged", "assessment", "beta", [1, 2], JUDGED, True, 0) == []
    assert send_problems("in_review", "assessment", "beta", [1, 2, 3], JUDGED, True, 0) == [
        SendProblem.NOT_RATED
    ]
    assert send_problems("in_review", "assessment", "beta", [1], JUDGED, False, 0) == [
        SendProblem.NOT_AGREED
    ]
    assert send_problems("challenged", "assessment", "beta", [1], JUDGED, True, 1) == [
        SendProblem.CHALLENGES_OPEN
    ]
    for status in ("sent", "accepted", "published", "withdrawn"):
        assert send_problems(status, "assessment", "beta", [1], JUDGED, True, 0) == [
            SendProblem.WRONG_STATUS
        ]


def test_a_discovery_peer_review_needs_findings_not_ratings():
    findings = {1: (None, "Good research", ""), 2: (None, "", "")}
    assert send_problems("in_review", "peer_review", "discovery", [1], findings, True, 0) == []
    assert send_problems("in_review", "peer_review", "discovery", [1, 2], findings, True, 0) == [
        SendProblem.NO_FINDINGS
    ]


@pytest.mark.parametrize(
    "status,team,lead,publish,withdraw",
    [
        ("arranged", False, False, False, True),
        ("in_review", False, False, False, True),
        ("sent", True, False, False, True),
        ("challenged", False, True, False, True),
        ("accepted", False, False, True, True),
        ("published", False, False, False, False),
        ("withdrawn", False, False, False, False),
    ],
)
def test_who_acts_at_each_step(status, team, lead, publish, withdraw):
    assert team_may_answer(status) is team
    assert lead_may_answer_challenges(status) is lead
    assert may_publish(status) is publish
    assert may_withdraw(status) is withdraw


def test_feedback_once_after_publishing_from_the_team_or_the_panel():
    assert may_give_feedback("published", True, False, False)
    assert may_give_feedback("published", False, True, False)
    assert not may_give_feedback("published", False, False, False)
    assert not may_give_feedback("published", True, False, True)
    assert not may_give_feedback("accepted", True, True, False)
    assert respondent(True) == "panel" and respondent(False) == "team"


def test_feedback_scores_are_whole_numbers_from_one_to_five():
    assert feedback_problems((1, 3, 5), "") == {}
    assert set(feedback_problems((0, 6, None), "")) == {"score_1", "score_2", "score_3"}
    assert feedback_problems((True, 2, 2), "") == {
        "score_1": "Select how well the assessment helped the team improve the service"
    }
    # Each error names its question.
    assert list(feedback_problems((None, None, None), "").values()) == [
        "Select how well the assessment helped the team improve the service",
        "Select how fair and clear the panel's report was",
        "Select how well the assessment was organised",
    ]
    assert "comment" in feedback_problems((1, 1, 1), "x" * 2001)


def test_living_status_of_an_action():
    assert living_status("open", False) is LivingStatus.OPEN
    assert living_status("in_progress", False) is LivingStatus.OPEN
    assert living_status("done", False) is LivingStatus.DONE
    assert living_status("not_doing", False) is LivingStatus.NOT_DOING
    assert living_status("done", True) is LivingStatus.VERIFIED


def test_report_title():
    assert report_title("Blue Badge", "Beta", "Assessment") == "Blue Badge beta assessment report"


def test_a_report_with_the_team_or_accepted_is_already_sent():
    from app.rules.report_steps import already_sent

    assert already_sent("sent") and already_sent("accepted")
    for status in ("arranged", "in_review", "challenged", "published", "withdrawn"):
        assert not already_sent(status), status


def test_the_step_due_is_the_report_until_sent_then_the_teams_answer():
    from app.rules.report_steps import Clock, step_due, waiting_for

    holidays = england_and_wales()
    friday, monday, tuesday = date(2027, 1, 8), date(2027, 1, 11), date(2027, 1, 12)
    due = step_due("in_review", friday, None, monday, holidays)
    assert due.clock is Clock.REPORT and due.label == "Report due" and due.overdue
    assert due.days_late == 1
    assert not step_due("arranged", friday, None, date(2027, 1, 9), holidays).overdue  # Saturday
    sent = step_due("sent", friday, tuesday, monday, holidays)
    assert sent.clock is Clock.ANSWER and sent.label == "Team's answer due" and not sent.overdue
    for status in ("challenged", "accepted", "published", "withdrawn"):
        assert step_due(status, friday, tuesday, monday, holidays) is None
    assert step_due("in_review", None, None, monday, holidays) is None
    assert waiting_for("sent") == "The team, to accept or challenge the report"
    assert waiting_for("challenged").startswith("The lead")
    assert waiting_for("nonsense") == "No one"


def test_amber_and_red_points_with_something_to_do_but_no_action_are_named():
    judged = {
        1: ("green", "Good", "Keep going"),
        2: ("amber", "Good", "Test with more users"),
        3: ("red", "", "Hire a researcher"),
        4: ("amber", "Good", "   "),
        5: ("red", "", "Do the DPIA"),
    }
    assert points_without_actions("assessment", "beta", judged, {5}) == [2, 3]
    assert points_without_actions("assessment", "beta", judged, {2, 3, 5}) == []
    assert points_without_actions("peer_review", "discovery", judged, set()) == []


def test_the_warning_names_each_point_without_an_action():
    assert points_without_actions_words([]) == ""
    assert points_without_actions_words([4]).startswith("Point 4 is rated amber or red and has ")
    assert points_without_actions_words([1, 2, 6]).startswith(
        "Points 1, 2 and 6 are rated amber or red and have "
    )


@pytest.mark.parametrize("status", ["sent", "challenged", "accepted", "published", "withdrawn"])
def test_why_the_scores_are_fixed_reads_as_part_of_a_sentence(status):
    words = scores_fixed_because(status)
    assert words[0].islower()
    assert "report is report" not in f"the report is {words}"
    assert not words.startswith("report sent")


def test_a_report_sent_again_later_has_two_dates():
    first, again = date(2026, 11, 30), date(2026, 12, 3)
    assert sent_dates(first, again) == (first, again)
    assert sent_dates(first, first) == (first, None)
    assert sent_dates(first, None) == (first, None)
    assert sent_dates(None, None) == (None, None)


def test_who_the_report_waits_for_is_said_to_those_with_no_step():
    due = date(2026, 12, 17)
    assert waiting_words("sent", True, True, due) == ""  # they have the button instead
    member = waiting_words("sent", True, False, due)
    assert member.startswith(
        "Your service owner or delivery manager accepts or challenges this report by "
        "17 December 2026."
    )
    assert waiting_words("sent", False, False, due) == (
        "The report is with the team. Wait for their answer, due by 17 December 2026."
    )
    assert waiting_words("in_review", True, False, due) == ""
    assert waiting_words("challenged", True, False, None).startswith("Your team challenged")
