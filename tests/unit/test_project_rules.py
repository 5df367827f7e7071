from datetime import date

import pytest

from app.rules.history import describe_event
from app.rules.projects import (
    CASHABLE_LIMIT,
    assessment_overdue,
    cashable_words,
    describe_project_changes,
    non_cashable_words,
    parse_pounds,
    phase_words,
)


def test_phase_words_carry_the_programme_word():
    assert phase_words("discovery") == "Discovery (concept)"
    assert phase_words("alpha") == "Alpha (design)"
    assert phase_words("public_beta") == "Public beta (delivery)"
    assert phase_words(None) == "Not known"
    assert phase_words("mystery") == "mystery"


def test_benefits_in_words():
    assert cashable_words(120000) == "£120,000 a year"
    assert cashable_words(0) == "£0 a year"
    assert cashable_words(None) == "Not estimated"
    assert non_cashable_words("moderate") == "Moderate"
    assert non_cashable_words(None) == "Not known"
    assert non_cashable_words("enormous") == "enormous"  # shown as it is, never an error


@pytest.mark.parametrize(
    ("typed", "pounds"),
    [
        ("120000", 120000),
        ("120,000", 120000),
        ("£120,000", 120000),
        (" £ 1 000 ", 1000),
        ("0000000000000001", 1),
        ("0", 0),
        ("", None),
        ("   ", None),
        (None, None),
        (str(CASHABLE_LIMIT), CASHABLE_LIMIT),
    ],
)
def test_pounds_typed_in_the_usual_ways(typed, pounds):
    assert parse_pounds(typed) == pounds


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("-5", "Cashable benefit must be £0 or more"),
        ("12.50", "Cashable benefit must be a whole number of pounds"),
        ("12.", "Cashable benefit must be a whole number of pounds"),
        ("lots", "Cashable benefit must be a number of pounds, like 120000"),
        ("1e6", "Cashable benefit must be a number of pounds, like 120000"),
        ("١٢٣", "Cashable benefit must be a number of pounds, like 120000"),
        (str(CASHABLE_LIMIT + 1), "Cashable benefit must be £1,000,000,000 or less"),
        ("9" * 5000, "Cashable benefit must be £1,000,000,000 or less"),
    ],
)
def test_pounds_that_are_not_whole_pounds_get_a_govuk_message(typed, message):
    with pytest.raises(ValueError, match=f"^{message}$"):
        parse_pounds(typed)


def test_an_assessment_is_overdue_only_after_its_day():
    today = date(2026, 5, 10)
    assert assessment_overdue(date(2026, 5, 9), today)
    assert not assessment_overdue(today, today)
    assert not assessment_overdue(None, today)


def test_project_changes_in_words():
    lines = describe_project_changes(
        {
            "next_assessment_due": ["2027-03-01", "2027-04-03"],
            "cashable_benefit": [None, 120000],
            "non_cashable_benefit": ["low", None],
            "directorate": ["Finance", "Corporate Services"],
            "description": ["Old", "New"],
            "name": ["Old name", "New name"],
            "phase": ["alpha", "private_beta"],
            "team_role": ["member", "service_owner"],
            "framework": ["GOV.UK Service Standard", None],
        }
    )
    assert lines == [
        "Next assessment due changed from 1 March 2027 to 3 April 2027",
        "Cashable benefit set to £120,000 a year",
        "Non-cashable benefit changed from Low to Not known",
        "Directorate changed from Finance to Corporate Services",
        "Description changed",
        "Name changed from “Old name” to “New name”",
        "Phase changed from Alpha (design) to Private beta (delivery)",
        "Team role changed from Team member to Service owner",
        "Framework removed (it was GOV.UK Service Standard)",
    ]


def test_project_changes_when_a_value_is_first_set_or_removed():
    assert describe_project_changes({"description": [None, "Text"]}) == ["Description added"]
    assert describe_project_changes({"next_assessment_due": ["2027-03-01", None]}) == [
        "Next assessment due removed (it was 1 March 2027)"
    ]
    assert describe_project_changes({"colour": ["red", "blue"]}) == [
        "Colour changed from red to blue"
    ]


def test_each_kind_of_event_is_described_by_its_own_rule():
    assert describe_event("project", {"name": ["A", "B"]}) == ["Name changed from “A” to “B”"]
    assert describe_event("action", {"status": ["open", "done"]}) == [
        "Status changed from Open to Done"
    ]
    assert describe_event("answer", {"rating": [None, "red"]}) == [
        "Rating changed from Not rated to Red"
    ]
    assert describe_event("project", {}) == []
    assert describe_event("project", None) == []
