from datetime import UTC, date, datetime

import pytest

from app.rules.actions import (
    ActionGroup,
    UpdateProblem,
    closed_at_after,
    count_open_and_overdue,
    describe_changes,
    filter_summary,
    group_of,
    is_acceptable_due_date,
    is_open,
    is_overdue,
    overdue_first_key,
    team_sees_action,
    update_problems,
)
from app.rules.dates import parse_date_parts
from app.rules.links import is_web_link, return_path
from app.rules.text import without_control_characters

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


NOW = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)
EARLIER = datetime(2026, 10, 1, 9, 0, tzinfo=UTC)


def test_closing_an_action_records_when_and_reopening_clears_it():
    assert closed_at_after("open", "done", None, NOW) == NOW
    assert closed_at_after("in_progress", "not_doing", None, NOW) == NOW
    assert closed_at_after("done", "done", EARLIER, NOW) == EARLIER
    assert closed_at_after("done", "not_doing", EARLIER, NOW) == NOW
    assert closed_at_after("done", "done", None, NOW) == NOW
    assert closed_at_after("done", "open", EARLIER, NOW) is None
    assert closed_at_after("not_doing", "in_progress", EARLIER, NOW) is None


@pytest.mark.parametrize(
    "url",
    [
        "https://sharepoint.example.gov.uk/research/report",
        "http://example.com",
        "HTTPS://EXAMPLE.COM/a?b=c#d",
    ],
)
def test_web_links(url):
    assert is_web_link(url)


@pytest.mark.parametrize(
    "url",
    [
        "",
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "ftp://example.com/file",
        "mailto:someone@example.gov.uk",
        "//example.com/no-scheme",
        "example.com",
        "https://",
        "https:///path-only",
        "https://exa mple.com",
        " https://example.com",
        "http://[not-an-address",
    ],
)
def test_anything_else_is_not_a_web_link(url):
    assert not is_web_link(url)


def test_a_date_from_three_boxes():
    assert parse_date_parts("3", "4", "2027", "Due date") == date(2027, 4, 3)
    assert parse_date_parts(" 03 ", "04", "2027", "Due date") == date(2027, 4, 3)
    assert parse_date_parts("3", "March", "2027", "Due date") == date(2027, 3, 3)
    assert parse_date_parts("3", "sep", "2027", "Due date") == date(2027, 9, 3)
    assert parse_date_parts("", " ", "", "Due date") is None


@pytest.mark.parametrize(
    ("day", "month", "year", "message"),
    [
        ("31", "02", "2027", "Due date must be a real date"),
        ("0", "1", "2027", "Due date must be a real date"),
        ("1", "13", "2027", "Due date must be a real date"),
        ("a", "1", "2027", "Due date must be a real date"),
        ("1", "Smarch", "2027", "Due date must be a real date"),
        ("1", "1", "\uff12\uff10\uff12\uff17", "Due date must be a real date"),
        ("1", "1", "-202", "Due date must be a real date"),
        ("1", "1", "27", "Year must include 4 numbers"),
        ("", "1", "2027", "Due date must include a day"),
        ("1", "", "", "Due date must include a month and year"),
        ("", "", "2027", "Due date must include a day and month"),
    ],
)
def test_dates_that_are_not_real_say_what_is_wrong(day, month, year, message):
    with pytest.raises(ValueError) as raised:
        parse_date_parts(day, month, year, "Due date")
    assert str(raised.value) == message


def test_changes_in_words():
    changes = {
        "status": ["open", "done"],
        "completion_note": [None, "Shipped it"],
        "evidence_url": ["https://a.example", "https://b.example"],
        "not_doing_reason": ["Out of scope", None],
        "due_date": ["2027-03-01", "2027-04-05"],
        "owner": ["Jordan Ellis", "Priya Shah"],
    }
    assert describe_changes(changes) == [
        "Status changed from Open to Done",
        "Completion note added",
        "Link to evidence changed",
        "Reason for not doing it removed",
        "Due date changed from 1 March 2027 to 5 April 2027",
        "Owner changed from Jordan Ellis to Priya Shah",
    ]
    assert describe_changes({"due_date": [None, "2027-01-09"], "owner": ["Sam", None]}) == [
        "Due date set to 9 January 2027",
        "Owner removed (it was Sam)",
    ]
    assert describe_changes({"status": ["open", "unknown"]}) == [
        "Status changed from Open to unknown"
    ]


def test_your_actions_are_grouped_as_overdue_open_or_closed():
    assert group_of("open", YESTERDAY, TODAY) == ActionGroup.OVERDUE
    assert group_of("in_progress", YESTERDAY, TODAY) == ActionGroup.OVERDUE
    assert group_of("open", TODAY, TODAY) == ActionGroup.OPEN
    assert group_of("in_progress", None, TODAY) == ActionGroup.OPEN
    assert group_of("done", YESTERDAY, TODAY) == ActionGroup.CLOSED
    assert group_of("not_doing", None, TODAY) == ActionGroup.CLOSED


def test_a_new_due_date_cannot_be_in_the_past_but_an_existing_one_may_stay():
    assert is_acceptable_due_date(TODAY, None, TODAY)
    assert is_acceptable_due_date(date(2027, 1, 1), YESTERDAY, TODAY)
    assert is_acceptable_due_date(YESTERDAY, YESTERDAY, TODAY)
    assert not is_acceptable_due_date(YESTERDAY, None, TODAY)
    assert not is_acceptable_due_date(YESTERDAY, TODAY, TODAY)


def test_filter_summary_says_what_the_list_shows():
    every_status = ["open", "in_progress", "done", "not_doing"]
    assert filter_summary(12, 12, [], None, False) == "Showing 12 of 12 actions"
    assert filter_summary(12, 12, every_status, None, False) == "Showing 12 of 12 actions"
    assert filter_summary(1, 1, [], None, False) == "Showing 1 of 1 action"
    assert (
        filter_summary(3, 12, ["in_progress", "open"], 4, True)
        == "Showing 3 of 12 actions: open or in progress, point 4, overdue only"
    )
    assert (
        filter_summary(0, 12, ["done", "open", "not_doing"], None, False)
        == "Showing 0 of 12 actions: open, done or not doing"
    )
    assert filter_summary(2, 5, ["nonsense"], None, True) == "Showing 2 of 5 actions: overdue only"


@pytest.mark.parametrize(
    "target",
    ["/actions", "/projects/3/actions?status=open&status=in_progress", "/projects/3/actions/7"],
)
def test_paths_on_this_site_are_followed_back(target):
    assert return_path(target) == target


@pytest.mark.parametrize(
    "target",
    [
        None,
        "",
        "actions",
        "https://evil.example/actions",
        "//evil.example/actions",
        "/\\evil.example",
        "\\\\evil.example",
        "javascript:alert(1)",
        "/actions\r\nLocation: https://evil.example",
        "/actions\t",
        "/" + "a" * 2000,
        "//[",
        "///[",
    ],
)
def test_anything_else_is_not_followed(target):
    assert return_path(target) is None


def test_control_characters_are_taken_out_of_what_was_typed():
    assert without_control_characters("Done\x00 and\x07 dusted\x7f") == "Done and dusted"
    assert without_control_characters("Line one\r\nLine two\tand a tab") == (
        "Line one\r\nLine two\tand a tab"
    )
    assert without_control_characters("") == ""
    assert without_control_characters(None) is None
    assert without_control_characters(b"bytes") == ""  # a file sent where text belongs


def test_characters_xml_forbids_are_taken_out_of_what_was_typed():
    # U+FFFE and U+FFFF are non-characters, and half a surrogate pair no UTF-8 file holds
    assert without_control_characters("A\ufffeB\uffffC\ud800D\udfffE") == "ABCDE"
    # a whole character outside the Basic Multilingual Plane, and U+FFFD, stay
    assert (
        without_control_characters("Tick \u2713 \U0001f600 \ufffd")
        == "Tick \u2713 \U0001f600 \ufffd"
    )


def test_characters_that_reverse_text_are_taken_out_of_what_was_typed():
    overrides = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
    assert without_control_characters(f"Rated \u202egreen{overrides} by the panel") == (
        "Rated green by the panel"
    )
    # right-to-left writing itself stays, and so do the marks that order it
    assert without_control_characters("\u0633\u0644\u0627\u0645 \u200f") == (
        "\u0633\u0644\u0627\u0645 \u200f"
    )


def test_a_whole_number_a_form_is_filled_with_stays():
    assert without_control_characters(3) == "3"  # a saved row's version, say
    assert without_control_characters(True) == ""


def test_owner_choices_and_problems():
    from app.rules.actions import OTHER_OWNER, owner_options, owner_problem

    assert owner_options([(3, "Ann Lee")]) == [("3", "Ann Lee"), (OTHER_OWNER, "Someone else")]
    assert owner_options([]) == [(OTHER_OWNER, "Someone else")]
    assert owner_problem("3", None, {"3"}) is None
    assert owner_problem("4", None, {"3"}) == "Select who owns the action"
    assert owner_problem("", None, {"3"}) == "Select who owns the action"
    assert owner_problem(None, None, {"3"}) == "Select who owns the action"
    assert owner_problem(OTHER_OWNER, "  ", {"3"}) == (
        "Enter the name of the person who owns the action"
    )
    assert owner_problem(OTHER_OWNER, "Dana Ruiz", {"3"}) is None


def test_long_dates():
    from app.rules.dates import long_date

    assert long_date("2027-03-27") == "27 March 2027"
    assert long_date(date(2027, 3, 1)) == "1 March 2027"
    assert long_date(None) == ""
    assert long_date("not a date") == "not a date"


def test_overdue_ids():
    from types import SimpleNamespace

    from app.rules.actions import overdue_ids

    today = date(2027, 1, 10)
    actions = [
        SimpleNamespace(id=1, status="open", due_date=date(2027, 1, 9)),
        SimpleNamespace(id=2, status="done", due_date=date(2027, 1, 1)),
        SimpleNamespace(id=3, status="in_progress", due_date=date(2027, 1, 10)),
        SimpleNamespace(id=4, status="in_progress", due_date=None),
    ]
    assert overdue_ids(actions, today) == {1}


def test_a_change_to_a_field_in_words():
    from app.rules.text import change_in_words

    assert change_in_words("Owner", None, "Ann Lee") == "Owner set to Ann Lee"
    assert change_in_words("Owner", "", "Ann Lee") == "Owner set to Ann Lee"
    assert change_in_words("Owner", "Ann Lee", None) == "Owner removed (it was Ann Lee)"
    assert change_in_words("Owner", "Ann Lee", "Bo Chen") == "Owner changed from Ann Lee to Bo Chen"
    assert change_in_words("Due date", 1, 2, show=lambda n: f"day {n}") == (
        "Due date changed from day 1 to day 2"
    )


def test_a_deactivated_person_is_never_an_acceptable_owner():
    from app.rules.actions import DEACTIVATED_OWNER, OTHER_OWNER, owner_problem

    assert owner_problem("5", None, {"3"}, {"5"}) == DEACTIVATED_OWNER
    # Even if a caller offered them by mistake.
    assert owner_problem("5", None, {"3", "5"}, {"5"}) == DEACTIVATED_OWNER
    assert owner_problem("3", None, {"3"}, {"5"}) is None
    assert owner_problem(OTHER_OWNER, "A supplier", {"3"}, {"5"}) is None


def test_a_change_to_an_action_is_worded_by_its_point():
    from app.rules.actions import is_known_status, updated_summary

    assert updated_summary("Book an audit", 5) == "Point 5: changed action “Book an audit”"
    assert updated_summary("Book an audit", None) == "Changed action “Book an audit”"
    assert updated_summary("x" * 300, None) == "Changed action “" + "x" * 200 + "”"
    assert is_known_status("done") and not is_known_status("archived")
    assert not is_known_status(None)


@pytest.mark.parametrize(
    ("source", "kind", "status", "sent", "seen"),
    [
        ("self_assessment", None, None, False, True),
        ("self_assessment", "assessment", "in_review", False, True),
        ("panel", "self_assessment", "draft", False, True),
        ("panel", None, None, False, True),
        ("panel", "assessment", "arranged", False, False),
        ("panel", "peer_review", "in_review", False, False),
        ("panel", "reassessment", "withdrawn", False, False),
        ("panel", "assessment", "sent", True, True),
        ("panel", "assessment", "challenged", True, True),
        ("panel", "amber_evidence_review", "accepted", True, True),
        ("panel", "assessment", "published", False, True),
        ("panel", "assessment", "withdrawn", True, True),
    ],
)
def test_a_panels_actions_are_its_draft_until_the_report_is_sent(source, kind, status, sent, seen):
    assert team_sees_action(source, kind, status, sent) is seen
