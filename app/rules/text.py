"""Rules for text people type."""

from __future__ import annotations

import re

_CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def without_control_characters(text: str | None) -> str | None:
    """What was typed, less characters no one means to type (NUL and the like).

    Tabs and line breaks stay. PostgreSQL refuses NUL in text, and none of them can be
    shown on a page.
    """
    return _CONTROL_CHARACTERS.sub("", text) if text else text
