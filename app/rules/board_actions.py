"""The board's list of overdue actions: what one is, who owns it, and the list's filters.

Plain values: ``app.data.board_actions`` loads the actions, these decide what is shown.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

NO_OWNER = "none"  # the owner filter's value for actions nobody owns
NO_OWNER_WORDS = "No owner"
_MAX_VALUE = 200  # an owner filter's value longer than this is no owner's


@dataclass(frozen=True)
class OverdueAction:
    id: int
    project_id: int
    project: str
    directorate_id: int | None
    directorate: str
    point_number: int | None
    point_title: str
    description: str
    owner_key: str  # :func:`owner_key`
    owner: str  # the owner's name, or "" when nobody owns it
    due: date
    days_overdue: int


def owner_key(owner_id: int | None, owner_name: str | None) -> str:
    """The owner filter's value: ``person-12`` for a person of the service, ``name-Jo Bloggs``
    for an owner named only in words, ``none`` when nobody owns the action."""
    if owner_id is not None:
        return f"person-{owner_id}"
    name = " ".join((owner_name or "").split())
    return f"name-{name}" if name else NO_OWNER


def owners(actions: Iterable[OverdueAction]) -> list[tuple[str, str]]:
    """``(owner filter value, name)`` of every owner in ``actions``, by name; "No owner"
    last when some action has none."""
    found = {action.owner_key: action.owner or NO_OWNER_WORDS for action in actions}
    named = sorted(
        ((key, name) for key, name in found.items() if key != NO_OWNER),
        key=lambda item: (item[1].lower(), item[0]),
    )
    return named + ([(NO_OWNER, NO_OWNER_WORDS)] if NO_OWNER in found else [])


def directorates(actions: Iterable[OverdueAction]) -> list[tuple[int, str]]:
    """``(directorate id, name)`` of every directorate with an overdue action, by name."""
    found = {a.directorate_id: a.directorate for a in actions if a.directorate_id is not None}
    return sorted(found.items(), key=lambda item: (item[1].lower(), item[0]))


def chosen_directorate(value: str | None, known: Iterable[int]) -> int | None:
    """The directorate filter's value as one of ``known``, or None (no filter)."""
    value = (value or "").strip()
    if not (value.isascii() and value.isdigit() and len(value) <= 12):
        return None
    number = int(value)
    return number if number in set(known) else None


def chosen_owner(value: str | None, known: Iterable[str]) -> str | None:
    """The owner filter's value as one of ``known``, or None (no filter)."""
    value = (value or "")[:_MAX_VALUE]
    return value if value in set(known) else None


def filtered_actions(
    actions: Sequence[OverdueAction], directorate_id: int | None, owner: str | None
) -> list[OverdueAction]:
    """The actions of one directorate and one owner (None: any)."""
    return [
        action
        for action in actions
        if (directorate_id is None or action.directorate_id == directorate_id)
        and (owner is None or action.owner_key == owner)
    ]
