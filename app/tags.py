"""GOV.UK tags drawn in Python: the same HTML as the macros in templates/macros/tags.html.

A page listing every point calls a tag macro two or three times a point, and a Jinja macro
call costs far more than looking up a class and words. Each tag here is worked out once
per value and kept; the words always say what the colour means.
"""

from __future__ import annotations

from functools import cache

from markupsafe import Markup, escape

from app.rules.actions import ACTION_STATUS_LABELS, ActionStatus
from app.rules.ratings import RATING_LABELS, Overall, Rating, overall_label

TAG_COLOURS = {
    "green": "govuk-tag--green",
    "amber": "govuk-tag--orange",
    "red": "govuk-tag--red",
    "pending": "govuk-tag--grey",
    "not_started": "govuk-tag--grey",
}

# GOV.UK Frontend 6's tags: blue (the default), purple, green, grey, red.
ACTION_STATUS_CLASSES = {
    ActionStatus.DONE.value: "govuk-tag govuk-tag--green",
    ActionStatus.NOT_DOING.value: "govuk-tag govuk-tag--grey",
    ActionStatus.IN_PROGRESS.value: "govuk-tag govuk-tag--purple",
}
OVERDUE_TAG = ' <strong class="govuk-tag govuk-tag--red">Overdue</strong>'


def tag_colour(value: str | None) -> str:
    """The GOV.UK tag class of a rating or overall rating; grey for anything else."""
    return TAG_COLOURS.get(value or "pending", "govuk-tag--grey")


def rating_words(value: str | None) -> str:
    """The rating in words; anything that is not a rating (a forged form) is "Not rated"."""
    try:
        return RATING_LABELS[Rating(value)]
    except (KeyError, ValueError):
        return "Not rated"


def _tag(classes: str, words: str) -> Markup:
    return Markup(f'<strong class="{escape(classes)}">{escape(words)}</strong>')


@cache
def _rating_tag(value: str | None) -> Markup:
    return _tag(f"govuk-tag {tag_colour(value)}", rating_words(value))


def rating_tag(value: object) -> Markup:
    """``rating_tag(rating)`` of macros/tags.html."""
    if value is None or type(value) is str:
        return _rating_tag(value)
    return _tag(f"govuk-tag {tag_colour(value)}", rating_words(value))


@cache
def overall_tag(value: str) -> Markup:
    """``overall_tag(overall)`` of macros/tags.html."""
    return _tag(f"govuk-tag {tag_colour(value)}", overall_label(Overall(value)))


@cache
def _action_status_tag(status: str, overdue: bool) -> Markup:
    classes = ACTION_STATUS_CLASSES.get(status, "govuk-tag")
    words = ACTION_STATUS_LABELS.get(status, status)
    return Markup("    ") + _tag(classes, words) + Markup(OVERDUE_TAG if overdue else "")


def action_status_tag(status: str, overdue: bool = False) -> Markup:
    """``action_status_tag(status, overdue)`` of macros/tags.html, its indent included."""
    return _action_status_tag(str(status), bool(overdue))


def preserved(text: object, empty: str = "Not provided") -> Markup:
    """``preserved(text)`` of macros/tags.html: the team's words, line breaks kept."""
    return Markup('<span class="app-preserve-lines">%s</span>') % (text or empty)


TEMPLATE_GLOBALS = {
    "rating_tag": rating_tag,
    "overall_tag": overall_tag,
    "action_status_tag": action_status_tag,
    "preserved": preserved,
}
