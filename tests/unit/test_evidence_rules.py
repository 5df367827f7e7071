"""Rules for a point's artefacts and actions: plain functions, no database."""

from datetime import date

import pytest

from app.rules.evidence import (
    action_description_problem,
    action_owner_problem,
    artefact_problems,
    due_date_for,
    due_date_hint,
    owner_name_problem,
    repeated_action_problem,
    repeated_artefact_problems,
)

TODAY = date(2026, 11, 30)


def test_an_artefact_needs_a_title_a_web_link_and_a_known_type():
    assert artefact_problems("Report", "https://x.example/r", "research") == {}
    assert artefact_problems(" ", "", None) == {
        "title": "Enter a title for the artefact",
        "url": "Enter a link to the artefact",
        "kind": "Select the type of artefact",
    }
    assert artefact_problems("R", "javascript:alert(1)", "code") == {
        "url": "Enter a link that starts with https:// or http://"
    }
    assert artefact_problems("T" * 201, "https://x.example", "magic") == {
        "title": "Title must be 200 characters or fewer",
        "kind": "Select the type of artefact",
    }


def test_an_action_says_what_needs_doing_in_500_characters_or_fewer():
    assert action_description_problem("Do it") is None
    assert action_description_problem("  ") == "Enter what needs to be done"
    assert action_description_problem("D" * 501) == "Action must be 500 characters or fewer"


def test_only_someone_offered_or_someone_named_can_own_an_action():
    offered = {1, 2}
    assert action_owner_problem(1, None, offered) == {}
    # Someone not offered, such as a deactivated member of the team, is refused.
    assert action_owner_problem(3, None, offered) == {"owner": "Select who owns the action"}
    assert action_owner_problem(None, "Dana Ruiz", offered) == {}
    assert action_owner_problem(None, " ", offered) == {
        "owner_name": "Enter the name of the person who owns the action"
    }
    assert action_owner_problem(None, "N" * 121, offered) == {
        "owner_name": "Name must be 120 characters or fewer"
    }


def test_an_amber_action_without_a_date_is_due_in_three_months():
    assert due_date_for(None, "amber", TODAY) == (date(2027, 2, 28), None)


@pytest.mark.parametrize("rating", ["red", "green", None])
def test_any_other_action_needs_a_date(rating):
    assert due_date_for(None, rating, TODAY) == (None, "Enter the date the action is due")


def test_a_due_date_may_not_be_in_the_past_unless_the_action_already_had_it():
    past = date(2026, 11, 1)
    assert due_date_for(past, "red", TODAY)[1] == "Due date must be today or in the future"
    assert due_date_for(past, "red", TODAY, current=past) == (past, None)
    assert due_date_for(TODAY, "red", TODAY) == (TODAY, None)


def test_the_hint_says_how_due_dates_work_for_the_points_rating():
    assert due_date_hint("amber", TODAY).startswith(
        "This point is rated amber: if you leave the date blank, the action will be due "
        "in 3 months, on 28 February 2027."
    )
    assert due_date_hint("red", TODAY).startswith(
        "This point is rated red, so its actions need a due date."
    )
    assert "Only an action for a point saved as amber" in due_date_hint(None, TODAY)


ON_THE_POINT = [("Research report", "https://a.example/report")]


@pytest.mark.parametrize(
    ("title", "url", "problems"),
    [
        ("Prototype", "https://a.example/prototype", {}),
        (
            "  research   REPORT ",
            "https://a.example/other",
            {"title": "This point already has an artefact with this title"},
        ),
        (
            "Another",
            "https://a.example/report ",
            {"url": "This point already has an artefact with this link"},
        ),
        ("", "", {}),
        (None, None, {}),
    ],
)
def test_a_point_does_not_list_the_same_artefact_twice(title, url, problems):
    assert repeated_artefact_problems(title, url, ON_THE_POINT) == problems
    assert repeated_artefact_problems(title, url, []) == {}


def test_a_plan_does_not_have_the_same_action_twice():
    plan = ["Test with screen reader users"]
    assert repeated_action_problem("test with  screen reader users", plan) == (
        "This point's plan already has this action"
    )
    assert repeated_action_problem("Test with voice control users", plan) is None
    assert repeated_action_problem("", plan) is None


def test_a_name_typed_beside_a_team_member_chosen_as_owner_is_a_question_not_dropped():
    assert owner_name_problem(7, "Bob Smith") == {
        "owner_name": "Clear the name, or choose “Someone else” as the owner to give "
        "the action to the person you named"
    }
    assert owner_name_problem(7, "  ") == {}
    assert owner_name_problem(None, "Bob Smith") == {}


def test_text_quoted_in_a_sentence_never_doubles_its_punctuation():
    from app.rules.text import quoted_in_a_sentence

    # A review found “Run interviews with six people.”? as a heading.
    assert quoted_in_a_sentence("Run interviews with six people.") == (
        "Run interviews with six people"
    )
    assert quoted_in_a_sentence("Is it accessible? ") == "Is it accessible"
    assert quoted_in_a_sentence("Fix it!...") == "Fix it"
    assert quoted_in_a_sentence("No mark") == "No mark"
    assert quoted_in_a_sentence("...") == "..."  # nothing else to show
    long = "word " * 30
    assert quoted_in_a_sentence(long) == long[:79].rstrip() + "…"
    assert len(quoted_in_a_sentence(long)) <= 80
    assert quoted_in_a_sentence(long, 200) == long.strip()
