"""The portfolio as files: an Excel workbook (the grid, the actions and the assessments,
each its own sheet), the grid as CSV, and all of it as JSON.

Built from the same rows as the board's pages (``app.rules.portfolio.ProjectRow``), so every
file says what the pages say. Text a spreadsheet would run as a formula (it starts with
= + - or @) stays text, and characters XML forbids are dropped.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from app.api import answers
from app.data.portfolio_sheets import ActionLine, AssessmentLine
from app.rules.actions import ACTION_STATUS_LABELS
from app.rules.phases import phase_label
from app.rules.portfolio import SOURCE_WORDS, FrameworkInfo, ProjectRow
from app.rules.report_steps import Clock
from app.rules.self_assessment import ASSESSMENT_KIND_LABELS, ASSESSMENT_STATUS_LABELS
from app.rules.text import without_control_characters
from app.spreadsheets import FORMULA_STARTS, csv_bytes, keep_as_text

MIMETYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv",
    "json": "application/json",
}

GRID_START = ("Project", "Directorate", "Framework", "Phase", "Stage", "Overall rating")
GRID_END = (
    "Self-assessment last changed",
    "Stale",
    "Next assessment due",
    "Assessment overdue",
    "Open actions",
    "Overdue actions",
    "Moved on past red",
)
ACTION_HEADINGS = (
    "Project",
    "Directorate",
    "Point",
    "Point title",
    "Action",
    "Owner",
    "Due",
    "Status",
    "Days overdue",
)
ASSESSMENT_HEADINGS = (
    "Project",
    "Directorate",
    "Kind",
    "Phase",
    "Date",
    "Status",
    "Report due",
    "Overdue",
    "Working days late",
)
RATED_BY = {source: words.capitalize() for source, words in SOURCE_WORDS.items()}
OVERDUE_WORDS = {Clock.REPORT: "Report late", Clock.ANSWER: "Team's answer late"}


@dataclass(frozen=True)
class Portfolio:
    """Everything the files hold: the rows in the person's scope, their actions and panel
    assessments, the day they were made and the directorates they are limited to."""

    today: date
    limited_to: Sequence[tuple[int, str]] | None  # (id, name) of each; None: the whole programme
    rows: Sequence[ProjectRow]
    actions: Sequence[ActionLine]
    assessments: Sequence[AssessmentLine]
    filters: Sequence[str] = ()  # the grid's filters the rows were chosen by, in words


def file_name(today: date, suffix: str, filtered: bool = False) -> str:
    """``portfolio-2026-12-03.csv``; ``portfolio-filtered-2026-12-03.csv`` for the projects
    the grid's filters chose, so the two are never taken for one another."""
    return f"portfolio-{'filtered-' if filtered else ''}{today.isoformat()}.{suffix}"


def _yes(value: bool) -> str:
    return "Yes" if value else "No"


# --- The rows of each sheet, as plain values -------------------------------------------------


def _point_numbers(rows: Iterable[ProjectRow]) -> list[int]:
    return sorted({number for row in rows for number in row.facts.framework.numbers})


def grid_headings(numbers: Sequence[int], framework: FrameworkInfo | None = None) -> list[str]:
    """The grid's headings. With one ``framework``, each point's heading carries its title;
    for several (the CSV), only its number, beside each project's framework."""
    titles = dict(framework.points) if framework else {}
    points = []
    for number in numbers:
        title = titles.get(number)
        points += [f"Point {number}: {title}" if title else f"Point {number}"]
        points += [f"Point {number} rated by"]
    return [*GRID_START, *points, *GRID_END]


def grid_values(row: ProjectRow, numbers: Sequence[int]) -> list[object]:
    facts = row.facts
    points: list[object] = []
    for number in numbers:
        cell = row.cell(number)
        if cell is None:  # not a point of this project's framework
            points += [None, None]
        else:
            source = cell.rating.source
            points += [cell.rating.label, RATED_BY[source] if source else None]
    return [
        facts.name,
        facts.directorate,
        facts.framework.name,
        phase_label(facts.phase),
        row.stage_words,
        row.overall_words,
        *points,
        row.staleness.last_changed,
        _yes(row.staleness.stale),
        facts.next_assessment_due,
        _yes(row.assessment_overdue),
        row.open_actions,
        row.overdue_actions,
        _yes(row.moved_on_past_red),
    ]


def action_values(line: ActionLine) -> list[object]:
    return [
        line.project,
        line.directorate,
        line.point_number,
        line.point_title,
        line.description,
        line.owner,
        line.due,
        ACTION_STATUS_LABELS.get(line.status, line.status),
        line.days_overdue,
    ]


def assessment_values(line: AssessmentLine) -> list[object]:
    return [
        line.project,
        line.directorate,
        ASSESSMENT_KIND_LABELS.get(line.kind, line.kind),
        phase_label(line.phase),
        line.held_on,
        ASSESSMENT_STATUS_LABELS.get(line.status, line.status),
        line.report_due,
        OVERDUE_WORDS[line.overdue.clock] if line.overdue else "No",
        line.overdue.days_late if line.overdue else None,
    ]


def _frameworks(rows: Sequence[ProjectRow]) -> list[tuple[FrameworkInfo, list[ProjectRow]]]:
    """The rows by framework, frameworks in the order their first project comes."""
    grouped: dict[int, tuple[FrameworkInfo, list[ProjectRow]]] = {}
    for row in rows:
        grouped.setdefault(row.facts.framework.id, (row.facts.framework, []))[1].append(row)
    return list(grouped.values())


# --- Excel -----------------------------------------------------------------------------------

SHEET_NAME_FORBIDS = re.compile(r"[\[\]:*?/\\]")


def _sheet_titles(frameworks: Sequence[FrameworkInfo]) -> list[str]:
    """ "Grid" for one framework; "Grid " and each one's name for several (Excel allows 31
    characters and no two alike)."""
    if len(frameworks) == 1:
        return ["Grid"]
    titles: list[str] = []
    for framework in frameworks:
        base = SHEET_NAME_FORBIDS.sub(" ", f"Grid {framework.name}".strip())[:31]
        title, n = base, 2
        while title.lower() in {t.lower() for t in titles}:
            title = f"{base[: 31 - len(str(n)) - 1]} {n}"
            n += 1
        titles.append(title)
    return titles


def _fill(sheet, headings: Sequence[str], rows: Iterable[Sequence[object]], freeze: str) -> None:
    """Headings (bold, wrapped, frozen, with a filter), the rows, and widths to suit.

    ``sheet`` is a write-only sheet: its widths, frozen headings and filter are set before
    the first row is written, and each cell is written once, styled as it is made (a
    workbook built in memory took seconds at a thousand projects)."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    widths = [min(max(len(h), 8), 40) for h in headings]
    lines = []
    for values in rows:
        cleaned = [
            without_control_characters(value) if isinstance(value, str) else value
            for value in values
        ]
        lines.append(cleaned)
        for index, value in enumerate(cleaned):
            if isinstance(value, str):
                widths[index] = max(widths[index], min(len(value), 60))
            elif isinstance(value, date):
                widths[index] = max(widths[index], 12)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width + 2
    sheet.freeze_panes = freeze
    last = get_column_letter(len(headings))
    sheet.auto_filter.ref = f"A1:{last}{max(len(lines) + 1, 2)}"

    bold, wrapped = Font(bold=True), Alignment(wrap_text=True, vertical="top")
    heading_cells = []
    for heading in headings:
        cell = WriteOnlyCell(sheet, heading)
        cell.font, cell.alignment = bold, wrapped
        heading_cells.append(cell)
    sheet.append(heading_cells)
    for cleaned in lines:
        sheet.append([_cell(sheet, value, WriteOnlyCell) for value in cleaned])


def _cell(sheet, value: object, make):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        cell = make(sheet, value)
        keep_as_text(cell)
        return cell
    if isinstance(value, date):
        cell = make(sheet, value)
        cell.number_format = "d mmm yyyy"
        return cell
    return value


def xlsx(portfolio: Portfolio) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    frameworks = _frameworks(portfolio.rows)
    titles = _sheet_titles([framework for framework, _ in frameworks])
    if not frameworks:  # nothing in scope: the headings alone
        _fill(workbook.create_sheet("Grid"), grid_headings([]), [], "B2")
        titles = []
    for title, (framework, rows) in zip(titles, frameworks, strict=True):
        numbers = list(framework.numbers)
        _fill(
            workbook.create_sheet(title),
            grid_headings(numbers, framework),
            (grid_values(row, numbers) for row in rows),
            "B2",
        )
    _fill(
        workbook.create_sheet("Actions"),
        ACTION_HEADINGS,
        (action_values(line) for line in portfolio.actions),
        "A2",
    )
    _fill(
        workbook.create_sheet("Assessments"),
        ASSESSMENT_HEADINGS,
        (assessment_values(line) for line in portfolio.assessments),
        "A2",
    )
    workbook.properties.title = f"Portfolio on {portfolio.today.isoformat()}"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


# --- CSV -------------------------------------------------------------------------------------


def csv_safe(value: object) -> object:
    """A CSV cell: text that starts like a formula gets a leading apostrophe, so that a
    spreadsheet opening the file shows it and never runs it; dates are written ISO."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        text = without_control_characters(value) or ""
        return "'" + text if text.startswith(FORMULA_STARTS) else text
    return value


def grid_csv(portfolio: Portfolio) -> bytes:
    """The grid: one row per project, its framework named beside its points' ratings."""
    numbers = _point_numbers(portfolio.rows)
    table = [grid_headings(numbers)]
    table += [[csv_safe(v) for v in grid_values(row, numbers)] for row in portfolio.rows]
    return csv_bytes(table)


# --- JSON ------------------------------------------------------------------------------------


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _action(line: ActionLine) -> dict[str, object]:
    return {
        "project": line.project,
        "directorate": line.directorate or None,
        "point": line.point_number,
        "point_title": line.point_title or None,
        "description": line.description,
        "owner": line.owner or None,
        "due": _iso(line.due),
        "status": line.status,
        "days_overdue": line.days_overdue,
    }


def _assessment(line: AssessmentLine) -> dict[str, object]:
    return {
        "project": line.project,
        "directorate": line.directorate or None,
        "kind": line.kind,
        "phase": line.phase,
        "date": _iso(line.held_on),
        "status": line.status,
        "report_due": _iso(line.report_due),
        "overdue": line.overdue.clock.value if line.overdue else None,
        "working_days_late": line.overdue.days_late if line.overdue else None,
    }


def as_json(portfolio: Portfolio) -> bytes:
    document = {
        "as_at": portfolio.today.isoformat(),
        "directorate_scope": answers.directorate_scope(portfolio.limited_to),
        "filters": list(portfolio.filters),  # none: every project in scope
        # Each project as the API gives it (``/api/v1/portfolio``): one shape for both.
        "projects": [answers.row(row) for row in portfolio.rows],
        "actions": [_action(line) for line in portfolio.actions],
        "assessments": [_assessment(line) for line in portfolio.assessments],
    }
    # Compact: with an indent, Python's JSON encoder is several times slower.
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


BUILDERS: dict[str, Callable[[Portfolio], bytes]] = {
    "xlsx": xlsx,
    "csv": grid_csv,
    "json": as_json,
}
