"""Rules for text people type."""

from __future__ import annotations

import re

_CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def without_control_characters(text: object) -> str | None:
    """What was typed, less characters no one means to type (NUL and the like).

    Tabs and line breaks stay. PostgreSQL refuses NUL in text, and none of them can be
    shown on a page. Anything that is not text (a file sent where text belongs) counts
    as nothing typed.
    """
    if text is None:
        return None
    if not isinstance(text, str):
        return ""
    return _CONTROL_CHARACTERS.sub("", text)
