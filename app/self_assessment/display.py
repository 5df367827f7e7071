"""What the self-assessment pages draw many times a page, in Python: the same HTML as the
templates drew, at a fraction of the cost of an include or a macro call a row."""

from __future__ import annotations

from collections.abc import Collection, Iterable

from markupsafe import Markup, escape

from app.self_assessment import bp
from app.tags import action_status_tag
from app.templating import format_date


def owner_words(action) -> str:
    """``owner_words(action)`` of actions/_macros.html."""
    return action.owner.name if action.owner else (action.owner_name or "No owner")


def plan_list(plan: Iterable, overdue_ids: Collection[int]) -> Markup:
    """A point's action plan as a list: what, who, when, and its status (overdue in words
    and colour). What self_assessment/_plan_list.html drew."""
    items = []
    for action in plan:
        due = f", due {format_date(action.due_date)}" if action.due_date else ""
        items.append(
            f"    <li>{escape(action.description)} ({escape(owner_words(action))}{escape(due)})"
            f" {action_status_tag(action.status, action.id in overdue_ids)}</li>\n"
        )
    return Markup(f'<ul class="govuk-list govuk-list--spaced">\n{"".join(items)}</ul>\n')


bp.add_app_template_global(plan_list)
