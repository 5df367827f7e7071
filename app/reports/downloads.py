"""The report as files: a Word document, an Excel action plan, CSV of the per-point
ratings, and JSON. Each is built from the same loaded report as the page."""

from __future__ import annotations

import csv
import io
import json
import re

from app.data.reports import Report
from app.reports.helpers import (
    Words,
    living_label,
    outcome_label,
    owner_words,
    panel_word,
    team_word,
)
from app.rules.panels import panel_role_label
from app.rules.text import without_control_characters

MIMETYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv",  # the response adds "; charset=utf-8" to every text type
    "json": "application/json",
}
ACTION_PLAN_HEADINGS = ("Point", "Action", "Owner", "Due", "Status")
RATINGS_HEADINGS = (
    "Point",
    "Title",
    "Team's rating",
    "Panel's rating",
    "Challenged",
    "Outcome",
    "Original decision",
    "Why the decision changed",
)
CHECKED_HEADINGS = ("Point", "Action", "Verified by", "Verified on", "Evidence seen")


def file_name(assessment, suffix: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", assessment.project.name.lower()).strip("-") or "project"
    return f"{slug}-{assessment.kind.replace('_', '-')}-{assessment.id}-report.{suffix}"


def build(kind: str, report: Report, words: Words) -> tuple[bytes, str, str]:
    builders = {"docx": docx, "xlsx": xlsx, "csv": ratings_csv, "json": as_json}
    return builders[kind](report, words), MIMETYPES[kind], kind


def _date(value) -> str:
    return f"{value.day} {value:%B %Y}" if value else ""


def _clean(value: object) -> str:
    """Text as an XML file (Word, Excel) can hold it: reports saved before the text
    filter knew every character XML forbids may still hold some."""
    return without_control_characters(str(value)) or ""


def _paragraph(document, text: str, style: str | None = None):
    return document.add_paragraph(_clean(text), style=style)


def _heading(document, text: str, level: int):
    return document.add_heading(_clean(text), level=level)


def _spreadsheet_safe(text: str) -> str:
    """A cell a spreadsheet would run as a formula (=, +, -, @) is kept as text."""
    text = _clean(text)
    if text and text[0] in "=+-@\t\r":
        return "'" + text
    return text


def docx(report: Report, words: Words) -> bytes:
    from docx import Document

    assessment = report.assessment
    document = Document()
    document.core_properties.title = _clean(words.title)
    _heading(document, words.title, level=0)
    table = document.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for key, value in _summary(report, words):
        cells = table.add_row().cells
        cells[0].text = _clean(key)
        cells[1].text = _clean(value)
    _heading(document, "The panel", level=1)
    if report.panel:
        for member in report.panel:
            _paragraph(document, _panel_member(member), style="List Bullet")
    else:
        _paragraph(document, "No panel recorded.")
    if report.earlier:
        _heading(document, "Earlier reports", level=1)
        for earlier in report.earlier:
            _paragraph(
                document,
                f"{earlier.kind.replace('_', ' ').capitalize()} "
                f"on {_date(earlier.assessment_date)}",
                style="List Bullet",
            )
    _heading(document, "About the service", level=1)
    _heading(document, "Description", level=2)
    _paragraph(document, assessment.brief_description or "Not provided")
    _heading(document, "Users", level=2)
    _paragraph(document, assessment.brief_users or "Not provided")
    if assessment.summary:
        _heading(document, "The panel's summary", level=1)
        _paragraph(document, assessment.summary)
    _heading(document, "Overall result", level=1)
    _paragraph(document, f"{words.result}. {words.rule}")
    for point in report.points:
        _heading(document, f"{point.number}. {point.title}", level=1)
        if words.rated:
            _paragraph(document, f"Decision: {panel_word(report, point.rating)}")
            _paragraph(document, f"The team's own rating: {team_word(point.self_rating)}")
            if point.original_rating:
                _paragraph(
                    document, f"Original decision: {panel_word(report, point.original_rating)}"
                )
                reason = point.judgement.revision_reason or "Not recorded"
                _paragraph(document, f"Why the decision changed: {reason}")
        judgement = point.judgement
        _heading(document, "What the team has done well", level=2)
        _paragraph(document, (judgement.done_well if judgement else "") or "Nothing recorded")
        _heading(document, "What the team needs to do", level=2)
        _paragraph(document, (judgement.to_do if judgement else "") or "Nothing recorded")
        if point.checked:
            _heading(document, "Actions checked in this review", level=2)
            for action in point.checked:
                _paragraph(document, _checked_words(report, action), style="List Bullet")
        if point.challenge is not None:
            _heading(document, "The team's challenge", level=2)
            _paragraph(document, point.challenge.reason)
            _paragraph(
                document,
                f"{outcome_label(point.challenge.outcome)}. {point.challenge.answer or ''}".strip(),
            )
    _heading(document, "Actions", level=1)
    if report.actions:
        actions = document.add_table(rows=1, cols=len(ACTION_PLAN_HEADINGS))
        actions.style = "Table Grid"
        for cell, heading in zip(actions.rows[0].cells, ACTION_PLAN_HEADINGS, strict=True):
            cell.text = _clean(heading)
        for row in _action_rows(report):
            for cell, value in zip(actions.add_row().cells, row, strict=True):
                cell.text = _clean(value)
    else:
        _paragraph(document, "The panel set no actions.")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _panel_member(member) -> str:
    name = member.person.name if member.person else "Role not filled"
    return f"{panel_role_label(member.panel_role)}: {name}"


def _summary(report: Report, words: Words) -> list[tuple[str, str]]:
    assessment = report.assessment
    return [
        ("Service", assessment.project.name),
        ("Service provider", words.organisation),
        ("Phase", words.phase),
        ("Kind of assessment", words.kind),
        ("Assessment date", _date(assessment.assessment_date)),
        ("Result", words.result),
        ("Report status", words.status),
    ]


def _action_rows(report: Report) -> list[tuple]:
    return [
        (
            item.action.point_number or "",
            item.action.description,
            owner_words(report, item.action),
            _date(item.action.due_date),
            living_label(item.status),
        )
        for item in report.actions
    ]


def xlsx(report: Report, words: Words) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Action plan"
    sheet.append(ACTION_PLAN_HEADINGS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for point, description, owner, _, status in _action_rows(report):
        sheet.append(
            [point or None, _spreadsheet_safe(description), _spreadsheet_safe(owner), None, status]
        )
    if not report.actions:
        sheet.append([None, "The panel set no actions.", None, None, None])
    for row, item in enumerate(report.actions, start=2):
        due = item.action.due_date
        if due is not None:
            cell = sheet.cell(row=row, column=4, value=due)
            cell.number_format = "d mmmm yyyy"
        sheet.cell(row=row, column=2).alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:E{max(2, len(report.actions) + 1)}"
    for column, width in zip("ABCDE", (8, 70, 24, 18, 12), strict=True):
        sheet.column_dimensions[column].width = width
    checked = _checked_rows(report)
    if checked:
        _checked_sheet(workbook, checked)
    workbook.properties.title = words.title
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _checked_rows(report: Report) -> list[tuple]:
    """The verification record of an amber evidence review: each action it checked."""
    return [
        (
            point.number,
            action.description,
            (report.name(action.verified_by_id) or "The panel") if action.verified_at else "",
            action.verified_at,
            action.verification_evidence or ("" if action.verified_at else "Not verified"),
        )
        for point in report.points
        for action in point.checked
    ]


def _checked_sheet(workbook, rows: list[tuple]) -> None:
    from openpyxl.styles import Alignment, Font

    sheet = workbook.create_sheet("Actions checked")
    sheet.append(CHECKED_HEADINGS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for number, description, who, when, evidence in rows:
        sheet.append(
            [
                number,
                _spreadsheet_safe(description),
                _spreadsheet_safe(who),
                None,
                _spreadsheet_safe(evidence),
            ]
        )
        if when is not None:
            cell = sheet.cell(
                row=sheet.max_row, column=4, value=when.date() if hasattr(when, "date") else when
            )
            cell.number_format = "d mmmm yyyy"
        for column in (2, 5):
            sheet.cell(row=sheet.max_row, column=column).alignment = Alignment(
                wrap_text=True, vertical="top"
            )
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:E{len(rows) + 1}"
    for column, width in zip("ABCDE", (8, 60, 24, 16, 60), strict=True):
        sheet.column_dimensions[column].width = width


def ratings_csv(report: Report, words: Words) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(RATINGS_HEADINGS)
    for point in report.points:
        writer.writerow(
            [
                point.number,
                _spreadsheet_safe(point.title),
                team_word(point.self_rating),
                panel_word(report, point.rating) if words.rated else "Findings only",
                "Yes" if point.challenge else "No",
                outcome_label(point.challenge.outcome) if point.challenge else "",
                panel_word(report, point.original_rating) if point.original_rating else "",
                _spreadsheet_safe(point.judgement.revision_reason or "")
                if point.original_rating and point.judgement
                else "",
            ]
        )
    return ("\ufeff" + _clean(out.getvalue())).encode("utf-8")


def as_json(report: Report, words: Words) -> bytes:
    assessment = report.assessment
    document = {
        "title": words.title,
        "service": assessment.project.name,
        "service_provider": words.organisation,
        "phase": assessment.phase,
        "kind": assessment.kind,
        "assessment_date": assessment.assessment_date.isoformat()
        if assessment.assessment_date
        else None,
        "status": assessment.status,
        "result": words.result,
        "result_rule": words.rule,
        "description": assessment.brief_description,
        "users": assessment.brief_users,
        "summary": assessment.summary,
        "earlier_reports": [
            {"id": e.id, "kind": e.kind, "assessment_date": _iso(e.assessment_date)}
            for e in report.earlier
        ],
        "points": [
            {
                "number": p.number,
                "title": p.title,
                "team_rating": p.self_rating,
                "panel_rating": p.rating,
                "decision": panel_word(report, p.rating) if words.rated else None,
                "original_rating": p.original_rating,
                "revision_reason": p.judgement.revision_reason if p.original_rating else None,
                "actions_checked": [
                    {
                        "description": a.description,
                        "verified": a.verified_at is not None,
                        "verified_by": report.name(a.verified_by_id) or None,
                        "verified_at": _iso(a.verified_at),
                        "evidence": a.verification_evidence,
                    }
                    for a in p.checked
                ],
                "done_well": p.judgement.done_well if p.judgement else "",
                "to_do": p.judgement.to_do if p.judgement else "",
                "challenge": (
                    {
                        "reason": p.challenge.reason,
                        "outcome": p.challenge.outcome,
                        "answer": p.challenge.answer,
                    }
                    if p.challenge
                    else None
                ),
            }
            for p in report.points
        ],
        "carried_ratings": {str(n): r for n, r in sorted(report.carried.items())},
        "actions": [
            {
                "point": item.action.point_number,
                "description": item.action.description,
                "owner": owner_words(report, item.action),
                "due": _iso(item.action.due_date),
                "status": item.status.value,
            }
            for item in report.actions
        ],
    }
    return _clean(json.dumps(document, indent=2, ensure_ascii=False)).encode("utf-8")


def _checked_words(report: Report, action) -> str:
    """One action an amber evidence review checked, for the Word document."""
    if action.verified_at is None:
        return f"{action.description}: not verified in this review"
    who = report.name(action.verified_by_id) or "the panel"
    return (
        f"{action.description}: verified by {who} on {_date(action.verified_at)}. "
        f"Evidence seen: {action.verification_evidence or 'None recorded'}"
    )


def _iso(value) -> str | None:
    return value.isoformat() if value else None
