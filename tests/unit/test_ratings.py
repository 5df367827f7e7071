import pytest

from app.rules.ratings import Overall, Rating, overall_rating, parse_rating, rating_counts


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
