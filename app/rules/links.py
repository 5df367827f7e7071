"""Which links people type, or which addresses we are asked to go back to, are safe to use."""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit


def is_web_link(url: str) -> bool:
    """An http or https address with a host. ``javascript:``, ``data:`` and the rest are not."""
    if not url or any(character.isspace() or ord(character) < 32 for character in url):
        return False
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)


def return_path(target: str | None) -> str | None:
    """``target`` if it is a path on this site to go back to, otherwise None.

    Only a path such as ``/actions?status=open`` is followed: never another site
    (``https://…``, ``//host``), a scheme such as ``javascript:``, or a path with
    backslashes or control characters that a browser might read differently.
    """
    if not target or len(target) > 2000 or not target.startswith("/"):
        return None
    if "\\" in target or any(ord(character) < 33 or ord(character) == 127 for character in target):
        return None
    if target.startswith("//"):
        return None
    try:
        parts = urlsplit(target)
    except ValueError:  # such as "/[" read as a broken IPv6 address
        return None
    if parts.scheme or parts.netloc:
        return None
    return target


BOARD_PREFIX = "/portfolio"
# The words of a back link to each board page; "Back" for the rest of them.
BOARD_BACK_WORDS = {
    "/portfolio": "Back to the portfolio",
    "/portfolio/grid": "Back to the compliance grid",
    "/portfolio/points": "Back to points across the portfolio",
    "/portfolio/overdue-actions": "Back to overdue actions",
}


def board_back(target: str | None) -> tuple[str, str] | None:
    """``(address, words)`` of a back link to the board page ``target`` (such as the grid
    with its filters, ``/portfolio/grid?phase=alpha``), or None if it is not one: only a
    path of this site under ``/portfolio`` is followed, never another site."""
    path = return_path(target)
    if path is None:
        return None
    route = urlsplit(path).path
    if route != BOARD_PREFIX and not route.startswith(BOARD_PREFIX + "/"):
        return None
    # /portfolio/../admin, also written /portfolio/%2e%2e/admin (a browser reads %2e as a
    # dot in a path), or with an encoded slash or backslash.
    if "/." in unquote(route) or re.search(r"%(2f|5c)", route, re.IGNORECASE):
        return None
    return path, BOARD_BACK_WORDS.get(route.rstrip("/"), "Back")
