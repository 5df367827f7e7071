"""Rules for a project's details: limits, benefits, and its changes in words."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date
from enum import StrEnum
from typing import Any

from app.rules.dates import long_date
from app.rules.phases import Phase, phase_label, programme_word
from app.rules.teams import team_role_label
from app.rules.text import change_in_words

NAME_LIMIT = 120
DESCRIPTION_LIMIT = 2000
DIRECTORATE_LIMIT = 120
# Whole pounds a year. Far above any one project, well inside the database's integer.
CASHABLE_LIMIT = 1_000_000_000


class NonCashable(StrEnum):
    LOW = "low"
    MODERATE = "moderate"
    HIGH = "high"


NON_CASHABLE_LABELS = {
    NonCashable.LOW: "Low",
    NonCashable.MODERATE: "Moderate",
    NonCashable.HIGH: "High",
}
# What the form offers for "we do not know yet"; it is stored as no value.
NOT_KNOWN = "not_known"


def phase_words(phase: str | None) -> str:
    """For example "Alpha (design)": the phase with the council's programme word."""
    if not phase:
        return "Not known"
    try:
        return f"{phase_label(phase)} ({programme_word(phase).lower()})"
    except ValueError:
        return str(phase)


def pounds(amount: int) -> str:
    return f"£{amount:,}"


def cashable_words(amount: int | None) -> str:
    """For example "£120,000 a year"."""
    return "Not estimated" if amount is None else f"{pounds(amount)} a year"


def non_cashable_words(value: str | None) -> str:
    try:
        return NON_CASHABLE_LABELS[NonCashable(value)]
    except ValueError:
        return "Not known"


_POUNDS = re.compile(r"[0-9]+")


def parse_pounds(text: str | None) -> int | None:
    """Whole pounds typed as "120000", "120,000" or "£120,000"; None when blank.

    Raises ``ValueError`` with the GOV.UK message for what is wrong.
    """
    value = (text or "").strip().replace(" ", "")
    if not value:
        return None
    value = value.removeprefix("£").replace(",", "")
    if value.startswith("-"):
        raise ValueError("Cashable benefit must be £0 or more")
    if re.fullmatch(r"[0-9]+\.[0-9]*", value):
        raise ValueError("Cashable benefit must be a whole number of pounds")
    if not _POUNDS.fullmatch(value):
        raise ValueError("Cashable benefit must be a number of pounds, like 120000")
    digits = value.lstrip("0") or "0"
    if len(digits) > len(str(CASHABLE_LIMIT)) or int(digits) > CASHABLE_LIMIT:
        raise ValueError(f"Cashable benefit must be {pounds(CASHABLE_LIMIT)} or less")
    return int(digits)


def assessment_overdue(due: date | None, today: date) -> bool:
    """The next assessment was due before today."""
    return due is not None and due < today


# --- Changes in words ---------------------------------------------------------------------


def _cashable(value: Any) -> str:
    try:
        return cashable_words(int(value))
    except (TypeError, ValueError):
        return str(value)


def _phase(value: Any) -> str:
    try:
        return phase_words(Phase(value).value)
    except ValueError:
        return str(value)


def _team_role(value: Any) -> str:
    return team_role_label(value)


def _quoted(value: Any) -> str:
    return f"“{value}”"


# field: (what it is called, how a value is shown). Text too long to repeat is shown as None.
_FIELDS = {
    "name": ("Name", _quoted),
    "description": ("Description", None),
    "directorate": ("Directorate", str),
    "framework": ("Framework", str),
    "phase": ("Phase", _phase),
    "cashable_benefit": ("Cashable benefit", _cashable),
    "non_cashable_benefit": ("Non-cashable benefit", non_cashable_words),
    "next_assessment_due": ("Next assessment due", long_date),
    "team_role": ("Team role", _team_role),
}


def describe_project_changes(changes: Mapping[str, Sequence[Any]]) -> list[str]:
    """A project's audit ``{field: [before, after]}`` in words, one sentence a field.

    For example "Next assessment due changed from 1 March 2027 to 3 April 2027".
    """
    lines = []
    for field, values in changes.items():
        before, after = [*values, None, None][:2]
        noun, show = _FIELDS.get(field, (field.replace("_", " ").capitalize(), str))
        empty_before = before is None or before == ""
        empty_after = after is None or after == ""
        if show is None:
            verb = "added" if empty_before else "removed" if empty_after else "changed"
            lines.append(f"{noun} {verb}")
        elif field == "non_cashable_benefit":  # "Not known" is a value too: always a change
            lines.append(f"{noun} changed from {show(before)} to {show(after)}")
        else:
            lines.append(change_in_words(noun, before, after, show))
    return lines
