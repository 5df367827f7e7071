import pytest

from app.rules.ids import LARGEST_ID, can_be_an_id, parse_id


@pytest.mark.parametrize(
    ("text", "expected"), [("1", 1), (" 42 ", 42), (str(LARGEST_ID), LARGEST_ID)]
)
def test_ids_are_read(text, expected):
    assert parse_id(text) == expected


@pytest.mark.parametrize(
    "text",
    [None, "", "0", "-1", "1.5", "1e3", "abc", "\u00b2", "\u0663", str(LARGEST_ID + 1), "9" * 30],
)
def test_what_cannot_be_an_id_is_none(text):
    assert parse_id(text) is None


def test_can_be_an_id():
    assert can_be_an_id(1)
    assert not can_be_an_id(0)
    assert not can_be_an_id(LARGEST_ID + 1)
