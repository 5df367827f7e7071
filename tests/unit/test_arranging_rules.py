"""The rules for arranging assessments: kinds, start times, dates, the queue's order."""

from datetime import date, time

import pytest

from app.rules.arranging import (
    DATE_IN_PAST,
    DATE_MISSING,
    KIND_MISSING,
    TIME_FORMAT,
    TIME_MISSING,
    TIME_OUTSIDE_DAY,
    QueueItem,
    QueueReason,
    date_problem,
    follow_up_owed,
    in_queue_order,
    is_overdue,
    kind_problem,
    parse_time,
    time_words,
    url_problem,
)
from app.rules.ratings import Overall

TODAY = date(2026, 12, 2)


def problem(kind, phase="alpha", submitted=True, red=False, amber=False):
    return kind_problem(
        kind,
        project_name="Permits",
        phase=phase,
        has_submitted_self_assessment=submitted,
        owes_reassessment=red,
        owes_amber_review=amber,
        phase_words=phase.capitalize(),
    )


def test_each_kind_needs_what_it_is_built_from():
    assert problem("peer_review") is None
    assert "no self-assessment submitted" in problem("peer_review", submitted=False)
    assert problem("assessment", phase="private_beta", submitted=False) is None
    assert "is in discovery" in problem("assessment", phase="discovery")
    assert "red result" in problem("reassessment")
    assert problem("reassessment", red=True) is None
    assert "amber result" in problem("amber_evidence_review")
    assert problem("amber_evidence_review", amber=True) is None
    assert problem("self_assessment") == KIND_MISSING
    assert problem("") == KIND_MISSING


@pytest.mark.parametrize(
    "typed, expected",
    [("10:00", time(10, 0)), ("9.30", time(9, 30)), (" 14:30 ", time(14, 30)), ("18:00", time(18))],
)
def test_start_times(typed, expected):
    assert parse_time(typed) == expected
    assert time_words(expected) == expected.strftime("%H:%M")


@pytest.mark.parametrize(
    "typed, message",
    [
        ("", TIME_MISSING),
        (None, TIME_MISSING),
        ("ten", TIME_FORMAT),
        ("10", TIME_FORMAT),
        ("24:00", TIME_FORMAT),
        ("10:60", TIME_FORMAT),
        ("7:59", TIME_OUTSIDE_DAY),
        ("18:01", TIME_OUTSIDE_DAY),
    ],
)
def test_start_times_refused(typed, message):
    with pytest.raises(ValueError, match=message.split(",")[0]):
        parse_time(typed)


def test_the_date_is_today_or_later():
    assert date_problem(None, TODAY) == DATE_MISSING
    assert date_problem(date(2026, 12, 1), TODAY) == DATE_IN_PAST
    assert date_problem(TODAY, TODAY) is None


def test_the_date_is_a_working_day():
    from app.rules.arranging import DATE_AT_WEEKEND

    christmas = date(2026, 12, 25)  # a Friday
    holidays = {christmas, date(2026, 12, 28)}
    assert date_problem(date(2026, 12, 5), TODAY, holidays) == DATE_AT_WEEKEND  # Saturday
    assert date_problem(date(2026, 12, 6), TODAY, holidays) == DATE_AT_WEEKEND  # Sunday
    assert date_problem(christmas, TODAY, holidays) == (
        "The date of the assessment must be a working day: 25 December 2026 is a bank holiday"
    )
    assert date_problem(date(2026, 12, 24), TODAY, holidays) is None


def item(reason, since, name="A"):
    return QueueItem(reason, 1, name, "alpha", since)


def test_the_queue_is_oldest_first_then_by_name():
    later = item(QueueReason.PEER_REVIEW, date(2026, 11, 2), "A")
    older = item(QueueReason.FORMAL_DUE, date(2026, 10, 1), "Z")
    same_day = item(QueueReason.REASSESSMENT, date(2026, 11, 2), "B")
    assert in_queue_order([later, same_day, older]) == [older, later, same_day]
    assert older.kind == "assessment" and older.what_to_arrange == "Assessment"
    assert same_day.kind == "reassessment"


def test_only_a_formal_assessment_past_its_date_is_overdue():
    assert is_overdue(item(QueueReason.FORMAL_DUE, date(2026, 12, 1)), TODAY)
    assert not is_overdue(item(QueueReason.FORMAL_DUE, TODAY), TODAY)
    assert not is_overdue(item(QueueReason.PEER_REVIEW, date(2026, 1, 1)), TODAY)


def test_what_a_published_result_leaves_owing():
    assert follow_up_owed(Overall.RED) is QueueReason.REASSESSMENT
    assert follow_up_owed(Overall.AMBER) is QueueReason.AMBER_REVIEW
    assert follow_up_owed(Overall.GREEN) is None
    assert follow_up_owed(None) is None


def test_links_in_the_brief():
    assert url_problem("", "Link") is None
    assert url_problem("https://example.gov.uk/a", "Link") is None
    assert "starting with https://" in url_problem("example.gov.uk", "Link")
    assert "javascript" not in (url_problem("javascript:alert(1)", "Link") or "javascript")
    assert "2,000 characters" in url_problem("https://x.uk/" + "a" * 2000, "Link")
