"""Splitting a long list into pages, and which page links to show."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PageWindow:
    number: int
    size: int
    total: int

    @property
    def last(self) -> int:
        return max(1, -(-self.total // self.size))

    @property
    def offset(self) -> int:
        return (self.number - 1) * self.size

    @property
    def first_item(self) -> int:
        return min(self.total, self.offset + 1)

    @property
    def last_item(self) -> int:
        return min(self.total, self.offset + self.size)

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.last


def page_number(value: str | None) -> int | None:
    """The page asked for in the address, or None when it is not a whole number above 0."""
    if value is None or value == "":
        return 1
    if not value.isascii() or not value.isdigit() or len(value) > 6:
        return None
    number = int(value)
    return number if number >= 1 else None


def page_window(number: int, size: int, total: int) -> PageWindow | None:
    """The page, or None when it is past the last one (an empty list has one empty page)."""
    window = PageWindow(number=number, size=size, total=total)
    return window if number <= window.last else None


def page_links(current: int, last: int, around: int = 1) -> list[int | None]:
    """The page numbers to link to, with None for a gap (shown as an ellipsis).

    Always the first and last pages and those ``around`` the current one, as the
    GOV.UK pagination component recommends.
    """
    wanted = {1, last, *range(current - around, current + around + 1)}
    numbers = sorted(n for n in wanted if 1 <= n <= last)
    links: list[int | None] = []
    for number in numbers:
        if links and number - links[-1] > 1:
            links.append(None)
        links.append(number)
    return links
