"""Which links people type, or which addresses we are asked to go back to, are safe to use."""

from __future__ import annotations

from urllib.parse import urlsplit


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
