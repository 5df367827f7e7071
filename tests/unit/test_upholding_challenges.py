"""Upholding a team's challenge (app.rules.reports) and the words the lead reads about
challenges (app.rules.report_steps)."""

import pytest

from app.rules.ratings import is_better
from app.rules.report_steps import answered_words, challenge_words, lead_may_agree
from app.rules.reports import (
    UpheldProblem,
    better_ratings,
    original_after_upheld,
    upheld_hint,
    upheld_problem,
)
from app.rules.self_assessment import AssessmentStatus as S

RAG = "red_amber_green"
MET = "met_not_met"


@pytest.mark.parametrize(
    ("rating", "than", "expected"),
    [
        ("green", "amber", True),
        ("amber", "red", True),
        ("green", "red", True),
        ("amber", "amber", False),
        ("red", "amber", False),
        ("amber", "green", False),
        ("green", None, True),
        (None, "red", False),
    ],
)
def test_green_is_better_than_amber_is_better_than_red(rating, than, expected):
    assert is_better(rating, than) is expected


@pytest.mark.parametrize(
    ("challenged", "outcomes", "expected"),
    [
        ("red", RAG, ["green", "amber"]),
        ("amber", RAG, ["green"]),
        ("green", RAG, []),
        ("red", MET, ["green"]),  # not met becomes met
        ("green", MET, []),
    ],
)
def test_only_better_ratings_are_offered(challenged, outcomes, expected):
    assert better_ratings(challenged, outcomes) == expected


def _problem(challenged, new_rating, to_do_changed=False, rated=True, outcomes=RAG):
    return upheld_problem(
        rated=rated,
        challenged=challenged,
        new_rating=new_rating,
        outcomes=outcomes,
        to_do_changed=to_do_changed,
    )


def test_upholding_gives_a_better_rating():
    assert _problem("red", "amber") is None
    assert _problem("red", "green") is None
    assert _problem("amber", "green", to_do_changed=True) is None
    assert _problem("red", "green", outcomes=MET) is None


def test_upholding_never_keeps_or_worsens_the_rating():
    assert _problem("red", None) is UpheldProblem.NO_RATING
    assert _problem("amber", None, to_do_changed=True) is UpheldProblem.NO_RATING
    assert _problem("amber", "amber") is UpheldProblem.NOT_BETTER
    assert _problem("amber", "red") is UpheldProblem.NOT_BETTER
    assert _problem("green", "amber", to_do_changed=True) is UpheldProblem.NOT_BETTER


def test_with_no_better_rating_upholding_changes_what_the_team_needs_to_do():
    assert _problem("green", None) is UpheldProblem.NOTHING_CHANGED
    assert _problem("green", "green") is UpheldProblem.NOTHING_CHANGED
    assert _problem("green", None, to_do_changed=True) is None
    assert _problem("green", "green", to_do_changed=True) is None
    # A discovery peer review gives no ratings: only its findings change.
    assert _problem(None, None, rated=False) is UpheldProblem.NOTHING_CHANGED
    assert _problem(None, None, rated=False, to_do_changed=True) is None


def test_the_hint_says_what_upholding_means():
    assert "better rating than Red" in upheld_hint(True, "red", RAG)
    assert "agree the final ratings again" in upheld_hint(True, "amber", RAG)
    assert "better rating than Not met" in upheld_hint(True, "red", MET)
    assert "Green is the best rating there is" in upheld_hint(True, "green", RAG)
    assert upheld_hint(False, None, RAG) == (
        "Upholding the challenge changes what the team needs to do."
    )


@pytest.mark.parametrize(
    ("current", "original", "new", "kept"),
    [
        ("red", None, "amber", "red"),  # the challenged rating is kept
        ("amber", None, "green", "amber"),
        ("red", "amber", "amber", None),  # back where the amber evidence review started
        ("red", "amber", "green", "amber"),  # the rating before any revision is kept
        ("green", None, None, None),  # no new rating: nothing to keep
        ("green", "amber", None, "amber"),  # an earlier revision stays
    ],
)
def test_the_original_rating_stays_on_the_record(current, original, new, kept):
    assert original_after_upheld(current, original, new) == kept


@pytest.mark.parametrize(
    ("challenged", "answered", "words"),
    [
        (1, 0, "The team challenged 1 point; you have not answered it yet."),
        (1, 1, "The team challenged 1 point; you have answered it."),
        (2, 0, "The team challenged 2 points; you have answered none yet."),
        (2, 1, "The team challenged 2 points; you have answered 1."),
        (3, 3, "The team challenged 3 points; you have answered them all."),
    ],
)
def test_the_challenges_in_words(challenged, answered, words):
    assert challenge_words(challenged, answered) == words


def test_after_answering_the_lead_is_told_what_comes_next():
    assert answered_words(1, 0) == (
        "You answered 1 challenge. Send the report to the team again when you are ready."
    )
    assert "agree the final ratings again" in answered_words(2, 1)
    assert answered_words(2, 1).startswith("You answered 2 challenges. You upheld 1")


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (S.ARRANGED, True),
        (S.IN_REVIEW, True),
        (S.CHALLENGED, True),
        (S.SENT, False),
        (S.ACCEPTED, False),
        (S.PUBLISHED, False),
        (S.WITHDRAWN, False),
    ],
)
def test_the_lead_agrees_the_ratings_while_scoring_and_after_a_challenge(status, expected):
    assert lead_may_agree(status) is expected
