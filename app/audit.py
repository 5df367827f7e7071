"""Writing to the audit trail, and reading it back for history pages."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from app.extensions import db
from app.models import AuditEvent


def record(
    actor_id: int | None,
    verb: str,
    subject_type: str,
    subject_id: int | None,
    summary: str,
    changes: dict[str, Any] | None = None,
    project_id: int | None = None,
) -> AuditEvent:
    """Add an audit event to the current session; the caller commits."""
    event = AuditEvent(
        actor_id=actor_id,
        verb=verb,
        subject_type=subject_type,
        subject_id=subject_id,
        summary=summary[:500],
        changes=changes or {},
        project_id=project_id,
    )
    db.session.add(event)
    return event


def field_changes(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """The fields whose values differ, as ``{field: [before, after]}``."""
    return {
        key: [before.get(key), value] for key, value in after.items() if before.get(key) != value
    }


@dataclass(frozen=True)
class HistoryEntry:
    """One audit event as a history page shows it: who, when, what happened (``summary``,
    which may be empty) and, below that, what changed, one line each."""

    who: str
    when: datetime
    summary: str
    lines: list[str]


def history_entry(event: AuditEvent, summary: str, lines: list[str]) -> HistoryEntry:
    """``event`` for a history page, with the words the page chose for it."""
    who = event.actor.name if event.actor else "The service"
    return HistoryEntry(who=who, when=event.occurred_at, summary=summary, lines=lines)
