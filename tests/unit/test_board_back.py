"""The back link from a project opened from a board page: only back to the board."""

import pytest

from app.rules.links import board_back


def test_back_to_the_grid_with_its_filters():
    assert board_back("/portfolio/grid?phase=alpha&sort=point-1") == (
        "/portfolio/grid?phase=alpha&sort=point-1",
        "Back to the compliance grid",
    )
    assert board_back("/portfolio") == ("/portfolio", "Back to the portfolio")
    assert board_back("/portfolio/points?framework=1&point=3")[1] == (
        "Back to points across the portfolio"
    )
    assert board_back("/portfolio/meetings/3") == ("/portfolio/meetings/3", "Back")


@pytest.mark.parametrize(
    "target",
    [
        None,
        "",
        "https://evil.example/portfolio",
        "//evil.example/portfolio",
        "/\\evil.example",
        "javascript:alert(1)",
        "/portfolios",
        "/portfolio/../admin",
        "/portfolio/%2e%2e/admin/people",
        "/portfolio/%2E./admin",
        "/portfolio/grid%2f..%2f..%2fadmin",
        "/portfolio/%5c..%5cadmin",
        "/projects/1",
        "/admin?next=/portfolio",
        "portfolio/grid",
        "/portfolio/grid\n",
    ],
)
def test_never_anywhere_else(target):
    assert board_back(target) is None
