"""What the self-assessment pages draw many times a page, in Python: the same HTML as the
templates drew, at a fraction of the cost of an include or a macro call a row."""

from __future__ import annotations

from collections.abc import Collection, Iterable

from flask import url_for
from markupsafe import Markup, escape

from app.data.plans import ListedAction
from app.rules.phases import phase_label
from app.rules.self_assessment import ANSWER_STATUS_LABELS, AnswerStatus
from app.self_assessment import bp
from app.summary_lists import summary_card
from app.tags import action_status_tag, preserved, rating_tag
from app.templating import format_date


def plan_list(plan: Iterable[ListedAction], overdue_ids: Collection[int]) -> Markup:
    """A point's action plan as a list: what, who, when, and its status (overdue in words
    and colour). What self_assessment/_plan_list.html drew."""
    items = []
    for action in plan:
        due = f", due {format_date(action.due_date)}" if action.due_date else ""
        owner = action.owner_name or "No owner"
        items.append(
            f"    <li>{escape(action.description)} ({escape(owner)}{escape(due)})"
            f" {action_status_tag(action.status, action.id in overdue_ids)}</li>\n"
        )
    return Markup(f'<ul class="govuk-list govuk-list--spaced">\n{"".join(items)}</ul>')


def _status(row, editable: bool) -> dict:
    if row.carried_over_from_phase and editable:
        words = phase_label(row.carried_over_from_phase).lower()
        return {
            "tag": {"text": f"Carried over from {words}: check it", "classes": "govuk-tag--yellow"}
        }
    if row.status == AnswerStatus.COMPLETED:
        return {"text": "Completed"}
    if row.status == AnswerStatus.IN_PROGRESS:
        return {"tag": {"text": "In progress", "classes": "govuk-tag--purple"}}
    return {"tag": {"text": "Not yet started"}}


def task_list_items(rows, points, project_id: int, assessment_id: int, editable: bool) -> list:
    """The task list's items (``govuk_task_list``), a point a row: its title and link, who
    owns it and its ratings as the hint, and how far the team has got as the status."""
    items = []
    for row in rows:
        point = points.get(row.number)
        hint = Markup("Owner: %s. Team's rating: %s") % (
            row.owner_name or "no one yet",
            rating_tag(row.self_rating),
        )
        if point and point.panel:
            hint += Markup(". Panel's rating: ") + rating_tag(point.panel.value)
        items.append(
            {
                "title": {"text": f"{row.number}. {row.title}"},
                "href": url_for(
                    "self_assessment.point",
                    project_id=project_id,
                    assessment_id=assessment_id,
                    number=row.number,
                ),
                "hint": {"html": hint},
                "status": _status(row, editable),
            }
        )
    return items


def _artefact_list(artefacts) -> Markup:
    if not artefacts:
        return Markup("None")
    links = "".join(
        f'<li><a class="govuk-link" href="{escape(artefact.url)}">{escape(artefact.title)}</a></li>'
        for artefact in artefacts
    )
    return Markup(f'<ul class="govuk-list">{links}</ul>')


def check_cards(answers, points, plan, overdue_ids, project_id, assessment_id, editable) -> list:
    """Check your answers' summary card for each point (``answers_to_check``): its status,
    the team's rating (and the panel's, once given), the evidence, artefacts and actions,
    with a Change link while the team may change it."""
    cards = []
    for answer in answers:
        change = None
        if editable:
            change = url_for(
                "self_assessment.point",
                project_id=project_id,
                assessment_id=assessment_id,
                number=answer.number,
                **{"from": "check"},
            )
        rows = [
            ("Status", ANSWER_STATUS_LABELS.get(answer.status, answer.status)),
            ("Team's rating", rating_tag(answer.self_rating)),
        ]
        point = points.get(answer.number)
        if point and point.panel:
            rows.append(("Panel's rating", rating_tag(point.panel.value)))
        actions = plan.get(answer.point_id)
        rows += [
            ("Evidence", preserved(answer.evidence_account)),
            ("Artefacts", _artefact_list(answer.artefacts)),
            ("Actions", plan_list(actions, overdue_ids) if actions else Markup("None")),
        ]
        cards.append(summary_card(f"{answer.number}. {answer.title}", rows, change))
    return cards


bp.add_app_template_global(plan_list)
