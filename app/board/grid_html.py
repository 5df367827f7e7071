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
from functools import lru_cache

from markupsafe import Markup, escape

from app.rules.dates import long_date
from app.rules.portfolio import NOT_ASSESSED_WORDS
from app.rules.portfolio_grid import SORT_LABELS, FrameworkGrid, GridQuery, SortColumn
from app.rules.projects import phase_words
from app.rules.ratings import RATING_LABELS, Overall, Rating, RatingSource

# The cells' classes, short as there are thousands of them (``.app-grid .r`` and so on).
RATING_CLASSES = {Rating.RED: "r", Rating.AMBER: "a", Rating.GREEN: "g"}
OVERALL_CLASSES = {Overall.RED: "r", Overall.AMBER: "a", Overall.GREEN: "g"}
# Whose rating counts, under the rating: short, as there are thousands of them.
SOURCE_SHORT = {RatingSource.PANEL: "panel", RatingSource.TEAM: "team"}
# "Not" over "assessed", like a rating over whose it is: the points' columns stay narrow.
_NOT, _ASSESSED = NOT_ASSESSED_WORDS.split(" ", 1)
NOT_ASSESSED_CELL = f"<td>{_NOT} <small>{_ASSESSED}</small></td>"

ARROWS = {"ascending": " ▲", "descending": " ▼"}


def rating_cell(rating: Rating | None, source: RatingSource | None, label: str) -> str:
    """A point's cell: the rating that counts in words, and whose it is beneath."""
    if rating is None or source is None:
        return NOT_ASSESSED_CELL
    return (
        f'<td class="{RATING_CLASSES[rating]}">{escape(label)}'
        f" <small>{SOURCE_SHORT[source]}</small></td>"
    )


def _overall_cell(row) -> str:
    css = OVERALL_CLASSES.get(row.overall)
    if css is None:
        return f"<td>{escape(row.overall_words)}</td>"
    return f'<td class="{css}">{RATING_LABELS[Rating(row.overall.value)]}</td>'


@lru_cache(maxsize=64)
def _phase(phase: str) -> str:
    return str(escape(phase_words(phase)))


@lru_cache(maxsize=4096)
def _date(value: date) -> str:
    return long_date(value)


@lru_cache(maxsize=256)
def _directorate(value: str) -> str:
    return str(escape(value))


def _changed_cell(row) -> str:
    staleness = row.staleness
    if staleness.last_changed is None:
        return "<td><strong>Never assessed</strong></td>"
    when = _date(staleness.last_changed)
    if staleness.stale:
        return f"<td>{when} <strong>Stale</strong></td>"
    return f"<td>{when}</td>"


def _due_cell(row) -> str:
    due = row.facts.next_assessment_due
    if due is None:
        return "<td>Not set</td>"
    if row.assessment_overdue:
        return f"<td>{_date(due)} <strong>Overdue</strong></td>"
    return f"<td>{_date(due)}</td>"


def _header(
    query: GridQuery,
    column: str,
    content: str,
    href: Callable[[GridQuery], str],
    title: str = "",
) -> str:
    sort = query.aria_sort(column)
    arrow = ARROWS.get(sort, "")
    link = escape(href(query.sorted_by(column)))
    # A point's heading is its number; its title is a tooltip and, for a screen reader, in
    # the link's words.
    titled = f' title="{escape(title)}"' if title else ""
    return (
        f'<th scope="col" aria-sort="{sort}"><a href="{link}"{titled}>{content}</a>'
        f'<span aria-hidden="true">{arrow}</span></th>'
        if arrow
        else f'<th scope="col" aria-sort="none"><a href="{link}"{titled}>{content}</a></th>'
    )


def point_heading(number: int, title: str) -> str:
    """A point's column heading: its number on screen, "Point 3: its title" to a screen
    reader, so the columns are narrow and each still says what it is."""
    return (
        f'<span class="govuk-visually-hidden">Point </span>{number}'
        f'<span class="govuk-visually-hidden">: {escape(title)}</span>'
    )


def grid_table(
    grid: FrameworkGrid,
    query: GridQuery,
    href: Callable[[GridQuery], str],
    project_href: Callable[[int], str] | None,
    caption: str,
    table_id: str,
) -> Markup:
    """One framework's grid as a table: a row a project, a column a point.

    ``href`` gives the address of the grid for a query (the headings' sort links keep the
    filters); ``project_href`` a project's page from its id (None: names without links, for
    someone who may not read every project).
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
    for number, title in grid.framework.points:
        parts.append(
            _header(
                query,
                f"point-{number}",
                point_heading(number, title),
                href,
                title=f"Point {number}: {title}",
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
    cells: dict[tuple, str] = {}  # each distinct cell, drawn once
    for row in grid.rows:
        facts = row.facts
        red = 0
        drawn = []
        for cell in row.cells:
            counted = cell.rating
            key = (counted.rating, counted.source, counted.label)
            html = cells.get(key)
            if html is None:
                html = cells[key] = rating_cell(*key)
            if counted.rating is Rating.RED:
                red += 1
            drawn.append(html)
        name = escape(facts.name)
        if project_href is not None:
            name = f'<a href="{project_href(facts.id)}">{name}</a>'
        parts.append(
            f'<tr><th scope="row">{name}</th>'
            f"{_overall_cell(row)}<td>{red}</td>{''.join(drawn)}"
            f"<td>{_phase(facts.phase)}</td><td>{_directorate(facts.directorate) or 'Not set'}</td>"
            f"{_changed_cell(row)}{_due_cell(row)}<td>{row.overdue_actions}</td></tr>\n"
        )
    parts.append("</tbody></table>")
    return Markup("".join(parts))
