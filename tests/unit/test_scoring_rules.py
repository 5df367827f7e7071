"""The scoring rules: a panel's rating and findings, progress, agreeing the final ratings,
verifying actions and revising a rating in an amber evidence review."""

from __future__ import annotations

import pytest

from app.rules.scoring import (
    Progress,
    ScoringStatus,
    agree_problems,
    judgement_problems,
    made_into_actions,
    next_point_to_score,
    progress,
    rating_choice_words,
    revision_of,
    scoring_status,
    scoring_status_label,
    status_when_scoring,
    stays_to_make_actions,
    summary_problems,
    unscored_points,
    verification_problems,
    verifies_actions,
    waits_for_panel_member,
)


@pytest.mark.parametrize(
    ("rated", "rating", "done_well", "to_do", "expected"),
    [
        (True, None, "", "", ScoringStatus.NOT_STARTED),
        (True, None, "Good", "", ScoringStatus.IN_PROGRESS),
        (True, None, "", "  ", ScoringStatus.NOT_STARTED),
        (True, "amber", "", "", ScoringStatus.SCORED),
        (True, "purple", "Good", "", ScoringStatus.IN_PROGRESS),
        (False, None, "", "", ScoringStatus.NOT_STARTED),
        (False, None, "", "Talk to users", ScoringStatus.SCORED),
    ],
)
def test_how_far_a_point_has_got(rated, rating, done_well, to_do, expected):
    assert scoring_status(rated, rating, done_well, to_do) is expected


def test_scoring_status_labels():
    assert scoring_status_label("scored") == "Scored"
    assert scoring_status_label("nonsense") == "Not started"


def test_progress_in_words():
    assert progress(["scored", "in_progress", "scored"], 14).words == "2 of 14 points scored"
    assert progress(["scored", "scored"], 2).words == "All 2 points scored"
    assert progress(["scored", "scored"], 2).complete
    assert Progress(0, 0).words == "No points to score"
    assert Progress(1, 1).words == "The point is scored"
    assert Progress(0, 1).words == "The point is not scored yet"
    assert not Progress(0, 0).complete


def test_the_choices_in_words():
    assert rating_choice_words("red_amber_green") == "green, amber or red"
    assert rating_choice_words("met_not_met") == "met or not met"
    assert rating_choice_words(None) == "green, amber or red"


def test_a_rating_must_be_one_of_the_frameworks_outcomes():
    assert judgement_problems("amber", "", "", rated=True) == {}
    assert judgement_problems(None, "", "x", rated=True) == {}
    assert judgement_problems("purple", "", "", rated=True) == {
        "rating": "Select green, amber or red"
    }
    assert judgement_problems("amber", "", "", rated=True, outcomes="met_not_met") == {
        "rating": "Select met or not met"
    }
    assert judgement_problems("red", "", "", rated=True, outcomes="met_not_met") == {}


def test_a_discovery_peer_review_takes_no_rating():
    assert judgement_problems("green", "", "", rated=False) == {
        "rating": "A discovery peer review gives findings, not ratings"
    }
    assert judgement_problems(None, "Good", "More", rated=False) == {}


def test_a_point_with_no_rating_and_no_findings_has_nothing_to_save():
    assert judgement_problems(None, " ", "\n", rated=True) == {
        "rating": "Choose a rating or write what the team has done well or needs to do"
    }
    assert judgement_problems(None, "", "", rated=False) == {
        "done_well": "Write what the team has done well or needs to do"
    }
    assert judgement_problems(None, "Good", "", rated=True) == {}


def test_a_panel_member_stays_on_a_point_until_its_actions_are_made():
    assert stays_to_make_actions("amber", "", [])
    assert stays_to_make_actions("red", "Fix it", [])
    assert stays_to_make_actions(None, "Fix it", [])
    assert not stays_to_make_actions("green", " \n", [])
    assert not stays_to_make_actions("amber", "Fix it", ["Fix it"])


def test_findings_have_a_length_limit():
    problems = judgement_problems(None, "x" * 5001, "y" * 5001, rated=True)
    assert set(problems) == {"done_well", "to_do"}
    assert "5,000 characters or fewer" in problems["done_well"]
    assert judgement_problems(None, "x" * 5000, "y" * 5000, rated=True) == {}


def test_changing_a_rating_in_an_amber_evidence_review_needs_a_reason():
    assert judgement_problems("green", "", "", rated=True, earlier_rating="amber") == {
        "revision_reason": "Enter why the panel is changing the rating"
    }
    assert (
        judgement_problems(
            "green", "", "", rated=True, earlier_rating="amber", revision_reason="Done"
        )
        == {}
    )
    assert judgement_problems("amber", "", "", rated=True, earlier_rating="amber") == {}
    long = judgement_problems(
        "red", "", "", rated=True, earlier_rating="amber", revision_reason="x" * 2001
    )
    assert "2,000 characters or fewer" in long["revision_reason"]


def test_the_original_rating_is_kept_only_when_it_changes():
    assert revision_of("amber", "green") == "amber"
    assert revision_of("amber", "amber") is None
    assert revision_of(None, "green") is None
    assert revision_of("amber", None) is None


def test_scoring_moves_an_arranged_assessment_into_review_only():
    assert status_when_scoring("arranged") == "in_review"
    assert status_when_scoring("in_review") == "in_review"
    assert status_when_scoring("sent") == "sent"


def test_the_lead_agrees_once_every_point_is_scored_and_the_summary_written():
    assert unscored_points({1: "scored", 2: "in_progress", 3: "not_started"}) == [2, 3]
    assert agree_problems("Summary", {1: "scored", 2: "scored"}) == {}
    problems = agree_problems("", {1: "scored", 4: "not_started"})
    assert problems["summary"] == "Enter the summary before you agree the final ratings"
    assert problems["agree"].endswith("Not scored yet: point 4")
    assert agree_problems("S", {2: "in_progress", 4: "not_started"})["agree"].endswith(
        "points 2, 4"
    )


def test_summary_length():
    assert summary_problems("x" * 5000) == {}
    assert "summary" in summary_problems("x" * 5001)
    assert summary_problems(None) == {}


def test_verifying_an_action_needs_what_showed_it():
    assert verification_problems("") == {"evidence": "Enter what shows the action is done"}
    assert verification_problems("  ") == {"evidence": "Enter what shows the action is done"}
    assert verification_problems("Saw it") == {}
    assert verification_problems("Saw it", None) == {"outcome": "Select whether the action is done"}
    assert verification_problems("", "not_done") == {
        "evidence": "Enter what is missing or not done yet"
    }
    assert verification_problems("No report yet", "not_done") == {}
    assert "2,000" in verification_problems("x" * 2001)["evidence"]


def test_only_an_amber_evidence_review_verifies_actions():
    assert verifies_actions("amber_evidence_review")
    assert not verifies_actions("reassessment")
    assert not verifies_actions("assessment")


S, N, P = ScoringStatus.SCORED, ScoringStatus.NOT_STARTED, ScoringStatus.IN_PROGRESS


@pytest.mark.parametrize(
    ("statuses", "saved", "expected"),
    [
        ({1: S, 2: N, 3: N}, 1, 2),  # the next point
        ({1: S, 2: S, 3: N}, 1, 3),  # skipping points already scored
        ({1: N, 2: S, 3: S}, 3, 1),  # round to the first one left
        ({1: S, 2: P, 3: S}, 3, 2),  # a point in progress is still to score
        ({1: S, 2: S, 3: S}, 2, None),  # every point scored
        ({1: N, 2: N}, 2, 1),  # the saved point itself stays unscored (findings only)
        ({4: S}, 4, None),
    ],
)
def test_the_next_point_to_score(statuses, saved, expected):
    assert next_point_to_score(statuses, saved) == expected


def test_needs_to_do_items_already_made_into_actions():
    items = ["Publish the code", "Test with  screen reader users.", "Hire a researcher"]
    made = ["test with screen reader users", "Publish the code."]
    assert made_into_actions(items, made) == [True, True, False]
    assert made_into_actions(items, []) == [False, False, False]


def test_what_waits_for_a_panel_member():
    assert waits_for_panel_member("in_review", "design", scoring_complete=False)
    assert not waits_for_panel_member("in_review", "design", scoring_complete=True)
    assert waits_for_panel_member("in_review", "lead", scoring_complete=True)
    assert waits_for_panel_member("challenged", "lead", scoring_complete=True)
    assert not waits_for_panel_member("challenged", "design", scoring_complete=True)
    assert not waits_for_panel_member("arranged", "observer", scoring_complete=False)
    assert not waits_for_panel_member("sent", "lead", scoring_complete=True)
    assert not waits_for_panel_member("published", "lead", scoring_complete=True)
