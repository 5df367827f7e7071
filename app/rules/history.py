"""A project's audit trail in words."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from app.rules.actions import describe_changes as describe_action_changes
from app.rules.projects import describe_project_changes
from app.rules.self_assessment import describe_answer_changes

# What each kind of audit event is about, as stored in ``subject_type``.
_DESCRIBERS = {
    "project": describe_project_changes,
    "team_membership": describe_project_changes,
    "phase_change": describe_project_changes,
    "action": describe_action_changes,
    "answer": describe_answer_changes,
    "assessment": describe_answer_changes,
}


def describe_event(subject_type: str, changes: Mapping[str, Any] | None) -> list[str]:
    """The details of one audit event, one sentence a change.

    Events about other things (artefacts, for example) carry a summary that
    already says what happened, so they have no details here.
    """
    describe = _DESCRIBERS.get(subject_type)
    if describe is None or not changes:
        return []
    try:
        return describe(changes)
    except (TypeError, ValueError, AttributeError):
        # Changes written by an older version of the service: the summary still says it.
        return []
