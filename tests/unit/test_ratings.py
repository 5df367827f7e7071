import pytest

from app.rules.ratings import (
    Overall,
    Rating,
    RatingSource,
    assessment_rating,
    overall_rating,
    parse_rating,
    point_rating,
    rating_counts,
)


@pytest.mark.parametrize(
    ("ratings", "expected"),
    [
        ([], Overall.NOT_STARTED),
        (["green"] * 14, Overall.GREEN),
        (["green", "amber", "green"], Overall.AMBER),
        (["green", "amber", "red"], Overall.RED),
        (["red", None, None], Overall.RED),
        (["green", None], Overall.PENDING),
        (["amber", None], Overall.PENDING),
        ([None, None], Overall.PENDING),
        ([Rating.GREEN, Rating.AMBER], Overall.AMBER),
        (["GREEN", " Amber "], Overall.AMBER),
    ],
)
def test_overall_rating_is_the_worst_point(ratings, expected):
    assert overall_rating(ratings) == expected


def test_an_unknown_word_counts_as_not_rated():
    assert overall_rating(["green", "purple"]) == Overall.PENDING


def test_parse_rating():
    assert parse_rating("red") is Rating.RED
    assert parse_rating("") is None
    assert parse_rating(None) is None
    assert parse_rating("blue") is None


def test_rating_counts():
    assert rating_counts(["green", "green", "amber", None, "red"]) == {
        "green": 2,
        "amber": 1,
        "red": 1,
        "not_rated": 1,
    }


def test_a_rating_in_words_and_anything_else_as_not_rated():
    from app.templating import rating_label

    assert rating_label("amber") == "Amber"
    for value in (None, "", "purple", " ", "\x00"):
        assert rating_label(value) == "Not rated"


# --- The rating that counts -------------------------------------------------------------------


def test_the_teams_rating_counts_until_the_panel_rates():
    rating = point_rating("amber")
    assert (rating.team, rating.panel, rating.counts) == (Rating.AMBER, None, Rating.AMBER)
    assert rating.source is RatingSource.TEAM


def test_the_panels_rating_counts_once_given_and_the_teams_stays_beside_it():
    rating = point_rating("green", "red")
    assert rating.counts is Rating.RED
    assert rating.team is Rating.GREEN
    assert rating.source is RatingSource.PANEL


def test_a_point_nobody_has_rated_counts_as_not_rated():
    rating = point_rating(None, "nonsense")
    assert rating.counts is None and rating.source is None


def test_the_overall_rating_is_the_worst_of_the_ratings_that_count():
    points = [point_rating("green", "red"), point_rating("green"), point_rating("amber")]
    overall = assessment_rating(points)
    assert overall.overall is Overall.RED
    assert overall.team is Overall.AMBER
    assert overall.panel is Overall.RED  # the panel rated one point: red, whatever the rest
    assert overall.source is RatingSource.PANEL


def test_with_no_panel_rating_the_overall_is_the_teams():
    overall = assessment_rating([point_rating("green"), point_rating("amber")])
    assert overall.overall is Overall.AMBER
    assert overall.panel is None
    assert overall.source is RatingSource.TEAM


def test_a_drafts_ratings_are_so_far():
    draft = assessment_rating([point_rating("green", so_far=True)], so_far=True)
    assert draft.so_far and draft.overall is Overall.GREEN
    assert not assessment_rating([point_rating("green")]).so_far
    assert assessment_rating([]).overall is Overall.NOT_STARTED
