"""Rules for text: what people type, and changes put in words."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

# C0 controls but tab and line breaks, DEL, unpaired surrogates (half a character, which
# no UTF-8 file can hold) and U+FFFE/U+FFFF (non-characters): XML 1.0 forbids all but DEL,
# so any of them would break a Word document or a spreadsheet built from the text. Also the
# bidirectional embeddings, overrides and isolates (U+202A to U+202E, U+2066 to U+2069):
# pasted into a rating or finding, they make a report show text in another order than it
# was written, so a reader sees words nobody wrote in that order.
_CONTROL_CHARACTERS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff\u202a-\u202e\u2066-\u2069]"
)


def without_control_characters(text: object) -> str | None:
    """What was typed, less characters no one means to type (NUL and the like).

    Tabs and line breaks stay. PostgreSQL refuses NUL in text, none of them can be
    shown on a page, and XML (so Word and Excel files) forbids them. A whole number (a
    form filled from a saved row, such as its version) is kept, as text. Anything else
    that is not text (a file sent where text belongs) counts as nothing typed.
    """
    if text is None:
        return None
    if isinstance(text, int) and not isinstance(text, bool):
        return str(text)
    if not isinstance(text, str):
        return ""
    return _CONTROL_CHARACTERS.sub("", text)


def change_in_words(noun: str, before: Any, after: Any, show: Callable[[Any], str] = str) -> str:
    """One change to a field, as the audit trail says it: "Owner set to Ann Lee",
    "Owner removed (it was Ann Lee)" or "Owner changed from Ann Lee to Bo Chen".

    None and "" are both nothing; ``show`` puts a value in words.
    """
    empty_before = before is None or before == ""
    empty_after = after is None or after == ""
    if empty_before and not empty_after:
        return f"{noun} set to {show(after)}"
    if empty_after and not empty_before:
        return f"{noun} removed (it was {show(before)})"
    return f"{noun} changed from {show(before)} to {show(after)}"


_END_PUNCTUATION = re.compile(r"[\s.!?,;:]+$")


def quoted_in_a_sentence(text: str, limit: int = 80) -> str:
    """``text`` to quote inside a sentence of our own: at most ``limit`` characters (cut
    with "…"), and without its own closing full stop or question mark, so that a heading
    never ends in “Do this.”? with two marks."""
    text = text.strip()
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return _END_PUNCTUATION.sub("", text) or text
