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
KEY_DELIVERABLES_LIMIT = 2000
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

NAME_MISSING = "Enter the project name"
NAME_TOO_LONG = f"Project name must be {NAME_LIMIT} characters or fewer"
NAME_TAKEN = "A project with this name already exists"
DESCRIPTION_MISSING = "Enter a description of the project"
DESCRIPTION_TOO_LONG = f"Description must be {DESCRIPTION_LIMIT:,} characters or fewer"
KEY_DELIVERABLES_TOO_LONG = (
    f"Key deliverables must be {KEY_DELIVERABLES_LIMIT:,} characters or fewer"
)
DIRECTORATE_TOO_LONG = f"Directorate must be {DIRECTORATE_LIMIT} characters or fewer"
DIRECTORATE_NOT_LISTED = "Select a directorate from the list"
FRAMEWORK_MISSING = "Select the standard the project will be assessed against"
PHASE_MISSING = "Select the phase the project is in"
NON_CASHABLE_MISSING = "Select the non-cashable benefit, or select not known yet"

# How the audit trail words changes to a project.
CHANGED_SUMMARY = "Changed the project"


def added_summary(phase: str) -> str:
    """How the audit trail words a project joining the programme."""
    return f"Added the project to the programme in {phase_words(phase).lower()}"


def directorate_added_summary(name: str) -> str:
    return f"Added the directorate {name}"


def is_phase(value: object) -> bool:
    return value in {phase.value for phase in Phase}


def is_non_cashable(value: object) -> bool:
    """A non-cashable benefit level the database holds (None is "not known yet")."""
    return value is None or value in {level.value for level in NonCashable}


def details_problems(
    name: str | None,
    description: str | None,
    new_directorate: str | None,
    cashable: int | None,
    non_cashable: str | None,
) -> dict[str, str]:
    """What is wrong with a project's details, by field, in GOV.UK words (empty when nothing).

    Whether the directorate and framework exist is for the caller, which can look them up.
    """
    problems = {}
    name = (name or "").strip()
    if not name:
        problems["name"] = NAME_MISSING
    elif len(name) > NAME_LIMIT:
        problems["name"] = NAME_TOO_LONG
    description = (description or "").strip()
    if not description:
        problems["description"] = DESCRIPTION_MISSING
    elif len(description) > DESCRIPTION_LIMIT:
        problems["description"] = DESCRIPTION_TOO_LONG
    if new_directorate and len(" ".join(new_directorate.split())) > DIRECTORATE_LIMIT:
        problems["new_directorate"] = DIRECTORATE_TOO_LONG
    if cashable is not None and not 0 <= cashable <= CASHABLE_LIMIT:
        problems["cashable_benefit"] = (
            "Cashable benefit must be £0 or more"
            if cashable < 0
            else f"Cashable benefit must be {pounds(CASHABLE_LIMIT)} or less"
        )
    if not is_non_cashable(non_cashable):
        problems["non_cashable_benefit"] = NON_CASHABLE_MISSING
    return problems


def phase_words(phase: str | None) -> str:
    """For example "Alpha (design)": the phase with the council's programme word."""
    if not phase:
        return "Not known"
    if not is_phase(phase):
        return str(phase)
    return f"{phase_label(phase)} ({programme_word(phase).lower()})"


def pounds(amount: int) -> str:
    return f"£{amount:,}"


def cashable_words(amount: int | None) -> str:
    """For example "£120,000 a year"."""
    return "Not estimated" if amount is None else f"{pounds(amount)} a year"


def non_cashable_words(value: str | None) -> str:
    """The level in words; a value the service does not know is shown as it is."""
    if not value:
        return "Not known"
    try:
        return NON_CASHABLE_LABELS[NonCashable(value)]
    except ValueError:
        return str(value)


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
    "key_deliverables": ("Key deliverables", None),
    "service_owner": ("Service owner", str),
}


def describe_project_changes(changes: Mapping[str, Sequence[Any]]) -> list[str]:
    """A project's audit ``{field: [before, after]}`` in words, one sentence a field.

    For example "Next assessment due changed from 1 March 2027 to 3 April 2027".
    """
    lines = []
    for field, values in changes.items():
        before, after = [*values, None, None][:2]
        if field == "confidential":
            lines.append(
                "Marked confidential: its reports are never public"
                if after
                else "No longer confidential"
            )
            continue
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
