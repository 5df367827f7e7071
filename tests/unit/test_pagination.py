import pytest

from app.rules.pagination import page_links, page_number, page_window


@pytest.mark.parametrize(
    ("typed", "number"),
    [
        (None, 1),
        ("", 1),
        ("1", 1),
        ("12", 12),
        ("0", None),
        ("-1", None),
        ("two", None),
        ("1.5", None),
        ("9999999", None),
        ("\u00b2", None),
        ("\u0663", None),
    ],
)
def test_page_number_from_the_address(typed, number):
    assert page_number(typed) == number


def test_a_window_on_a_long_list():
    window = page_window(2, 25, 60)
    assert (window.offset, window.last, window.first_item, window.last_item) == (25, 3, 26, 50)
    assert window.has_previous and window.has_next
    last = page_window(3, 25, 60)
    assert (last.first_item, last.last_item, last.has_next) == (51, 60, False)


def test_an_empty_list_has_one_empty_page_and_nothing_after_it():
    window = page_window(1, 25, 0)
    assert (window.last, window.first_item, window.last_item) == (1, 0, 0)
    assert page_window(2, 25, 0) is None
    assert page_window(4, 25, 60) is None


def test_page_links_keep_the_ends_and_the_neighbours():
    assert page_links(1, 1) == [1]
    assert page_links(1, 3) == [1, 2, 3]
    assert page_links(1, 10) == [1, 2, None, 10]
    assert page_links(5, 10) == [1, None, 4, 5, 6, None, 10]
    assert page_links(10, 10) == [1, None, 9, 10]
    assert page_links(3, 10) == [1, 2, 3, 4, None, 10]
