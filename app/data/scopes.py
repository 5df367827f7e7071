"""The directorates an administrator has limited a person to (``DirectorateScope`` rows).

What a scope means for what a person reads is ``app.rules.permissions``'s; the scope in force
for someone (none for an administrator) is ``app.data.board.scope_of``.
"""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import select

from app.audit import record
from app.extensions import db
from app.models import Directorate, DirectorateScope, Person


def scope_rows_of(person_id: int) -> list[int]:
    """The ids of the directorates a person has been limited to, whatever their roles."""
    return list(
        db.session.scalars(
            select(DirectorateScope.directorate_id)
            .where(DirectorateScope.person_id == person_id)
            .order_by(DirectorateScope.directorate_id)
        )
    )


def directorate_ids() -> set[int]:
    return set(db.session.scalars(select(Directorate.id)))


def _names(ids: Collection[int]) -> list[str]:
    if not ids:
        return []
    return list(
        db.session.scalars(
            select(Directorate.name)
            .where(Directorate.id.in_(sorted(ids)))
            .order_by(Directorate.name, Directorate.id)
        )
    )


def set_scope(person: Person, ids: Collection[int], actor_id: int | None) -> bool:
    """Limit ``person`` to the directorates ``ids`` (none: the whole programme), with the
    audit trail. Returns whether anything changed."""
    before = set(scope_rows_of(person.id))
    after = set(ids)
    if before == after:
        return False
    for row in db.session.scalars(
        select(DirectorateScope).where(
            DirectorateScope.person_id == person.id,
            DirectorateScope.directorate_id.in_(sorted(before - after)),
        )
    ):
        db.session.delete(row)
    for directorate_id in sorted(after - before):
        db.session.add(DirectorateScope(person_id=person.id, directorate_id=directorate_id))
    names = _names(after)
    summary = (
        f"Limited {person.name} to {', '.join(names)}"
        if names
        else f"Let {person.name} see the whole programme"
    )
    record(
        actor_id,
        "scope_changed",
        "person",
        person.id,
        summary,
        {"directorates": [_names(before) or "Whole programme", names or "Whole programme"]},
    )
    return True


def scope_names_by_person() -> dict[int, list[str]]:
    """``{person id: the names of the directorates they are limited to}`` for everyone
    limited to some, in one query (an administrator's rows are listed too: the caller
    decides, with ``app.rules.permissions.scope_applies``)."""
    found: dict[int, list[str]] = {}
    for person_id, name in db.session.execute(
        select(DirectorateScope.person_id, Directorate.name)
        .join(Directorate, Directorate.id == DirectorateScope.directorate_id)
        .order_by(DirectorateScope.person_id, Directorate.name, Directorate.id)
    ):
        found.setdefault(person_id, []).append(name)
    return found
