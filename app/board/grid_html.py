"""The compliance grid's table, drawn in Python.

A grid of 1,000 projects has 14,000 rating cells and more: drawn by Jinja (or GOV.UK's
table macro) it costs more than the data behind it, and a cell with GOV.UK's classes and a
tag inside is about 120 characters, which would make the page several megabytes. Here each
distinct cell is worked out once and kept, and the table styles its own cells (``app-grid``
in the stylesheet), so a cell is its rating in words and little else. Every word a screen
reader needs is in the cell itself: the rating and whose it is ("Red" over "panel").
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import cache

from markupsafe import Markup, escape

from app.rules.dates import long_date
from app.rules.portfolio import BOARD_OVERALL_LABELS, BoardOverall, CountedRating
from app.rules.portfolio_grid import SORT_LABELS, FrameworkGrid, GridQuery, SortColumn
from app.rules.projects import phase_words
from app.rules.ratings import Rating, RatingSource

RATING_CLASSES = {Rating.RED: "app-r", Rating.AMBER: "app-a", Rating.GREEN: "app-g"}
OVERALL_CLASSES = {
    BoardOverall.RED: "app-r",
    BoardOverall.AMBER: "app-a",
    BoardOverall.GREEN: "app-g",
}
# Whose rating counts, under the rating: short, as there are thousands of them.
SOURCE_SHORT = {RatingSource.PANEL: "panel", RatingSource.TEAM: "team"}

ARROWS = {"ascending": " ▲", "descending": " ▼"}


@cache
def rating_cell(rating: Rating | None, source: RatingSource | None, label: str) -> str:
    """A point's cell: the rating that counts in words, and whose it is beneath."""
    if rating is None or source is None:
        return '<td class="app-n">Not assessed</td>'
    return (
        f'<td class="{RATING_CLASSES[rating]}">{escape(label)}'
        f" <small>{SOURCE_SHORT[source]}</small></td>"
    )


def _rating_cell(counted: CountedRating) -> str:
    return rating_cell(counted.rating, counted.source, counted.label)


@cache
def overall_cell(bucket: BoardOverall, words: str) -> str:
    css = OVERALL_CLASSES.get(bucket, "app-n")
    return f'<td class="{css}">{escape(words)}</td>'


@cache
def _phase(phase: str) -> str:
    return str(escape(phase_words(phase)))


@cache
def _date(value: date) -> str:
    return long_date(value)


@cache
def _text(value: str) -> str:
    return str(escape(value))


def _changed_cell(row) -> str:
    staleness = row.staleness
    if staleness.last_changed is None:
        return '<td class="app-stale"><strong>Never assessed</strong></td>'
    when = _date(staleness.last_changed)
    if staleness.stale:
        return f'<td class="app-stale">{when} <strong>Stale</strong></td>'
    return f"<td>{when}</td>"


def _due_cell(row) -> str:
    due = row.facts.next_assessment_due
    if due is None:
        return "<td>Not set</td>"
    if row.assessment_overdue:
        return f'<td class="app-stale">{_date(due)} <strong>Overdue</strong></td>'
    return f"<td>{_date(due)}</td>"


def _header(query: GridQuery, column: str, content: str, href: Callable[[GridQuery], str]) -> str:
    sort = query.aria_sort(column)
    arrow = ARROWS.get(sort, "")
    link = escape(href(query.sorted_by(column)))
    return (
        f'<th scope="col" aria-sort="{sort}"><a href="{link}">{content}</a>'
        f'<span aria-hidden="true">{arrow}</span></th>'
        if arrow
        else f'<th scope="col" aria-sort="none"><a href="{link}">{content}</a></th>'
    )


def grid_table(
    grid: FrameworkGrid,
    query: GridQuery,
    href: Callable[[GridQuery], str],
    project_href: Callable[[int], str],
    caption: str,
    table_id: str,
) -> Markup:
    """One framework's grid as a table: a row a project, a column a point.

    ``href`` gives the address of the grid for a query (the headings' sort links keep the
    filters); ``project_href`` a project's page from its id.
    """

    def header(column: str, words: str) -> str:
        return _header(query, column, str(escape(words)), href)

    parts = [
        f'<table class="govuk-table app-grid" id="{escape(table_id)}">'
        f'<caption class="govuk-table__caption govuk-table__caption--s">{escape(caption)}'
        "</caption><thead><tr>",
        header(SortColumn.NAME, SORT_LABELS[SortColumn.NAME]),
        header(SortColumn.OVERALL, SORT_LABELS[SortColumn.OVERALL]),
        header(SortColumn.RED, SORT_LABELS[SortColumn.RED]),
    ]
    for number, _title in grid.framework.points:
        parts.append(
            _header(
                query,
                f"point-{number}",
                f'<span class="govuk-visually-hidden">Point </span>{number}',
                href,
            )
        )
    parts += [
        header(SortColumn.PHASE, SORT_LABELS[SortColumn.PHASE]),
        header(SortColumn.DIRECTORATE, SORT_LABELS[SortColumn.DIRECTORATE]),
        header(SortColumn.CHANGED, SORT_LABELS[SortColumn.CHANGED]),
        header(SortColumn.DUE, SORT_LABELS[SortColumn.DUE]),
        header(SortColumn.ACTIONS, SORT_LABELS[SortColumn.ACTIONS]),
        "</tr></thead><tbody>\n",
    ]
    for row in grid.rows:
        facts = row.facts
        parts.append(
            f'<tr><th scope="row"><a href="{project_href(facts.id)}">{_text(facts.name)}</a></th>'
        )
        parts.append(overall_cell(row.board_overall, row.overall_words))
        parts.append(f"<td>{len(row.red_points)}</td>")
        parts.extend(_rating_cell(cell.rating) for cell in row.cells)
        parts.append(f"<td>{_phase(facts.phase)}</td>")
        parts.append(f"<td>{_text(facts.directorate) or 'Not set'}</td>")
        parts.append(_changed_cell(row))
        parts.append(_due_cell(row))
        parts.append(f"<td>{row.overdue_actions}</td></tr>\n")
    parts.append("</tbody></table>")
    return Markup("".join(parts))


def overall_label(bucket: str) -> str:
    return BOARD_OVERALL_LABELS[BoardOverall(bucket)]
