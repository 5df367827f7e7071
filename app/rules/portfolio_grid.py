"""The compliance grid's filters, sorting and grouping, read from and written to the address.

Filters and sort live in the query string so the grid works without JavaScript and its
address can be shared. :func:`parse_grid_query` reads any query-string mapping and ignores
what it does not know; :meth:`GridQuery.query_string` writes the one canonical form back.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum
from urllib.parse import urlencode

from app.rules.phases import PHASE_ORDER, phase_index, phase_label
from app.rules.portfolio import (
    BOARD_OVERALL_LABELS,
    BoardOverall,
    FrameworkInfo,
    ProjectRow,
)
from app.rules.ratings import Rating

# Flags: a filter that is on or off. Any of these values turns one on.
FLAGS = ("red", "overdue_actions", "past_red", "assessment_overdue")
FLAG_LABELS = {
    "red": "has red points",
    "overdue_actions": "has overdue actions",
    "past_red": "moved on past red",
    "assessment_overdue": "assessment overdue",
}
_YES = frozenset({"1", "yes", "true", "on", "y"})

# At most this many values of one filter are read, and this many characters of each value:
# an address is typed by anyone.
_MAX_VALUES = 200
_MAX_LENGTH = 40


class Direction(StrEnum):
    ASC = "asc"
    DESC = "desc"


class SortColumn(StrEnum):
    NAME = "name"
    DIRECTORATE = "directorate"
    PHASE = "phase"
    OVERALL = "overall"
    CHANGED = "changed"  # when the self-assessment last changed
    DUE = "due"  # next assessment due
    ACTIONS = "actions"  # overdue actions
    RED = "red"  # red points


SORT_LABELS = {
    SortColumn.NAME: "Project",
    SortColumn.DIRECTORATE: "Directorate",
    SortColumn.PHASE: "Phase",
    SortColumn.OVERALL: "Overall rating",
    SortColumn.CHANGED: "Self-assessment last changed",
    SortColumn.DUE: "Next assessment due",
    SortColumn.ACTIONS: "Overdue actions",
    SortColumn.RED: "Red points",
}
# A point's column is sorted by "point-<number>".
_POINT_COLUMN = re.compile(r"point-([0-9]{1,3})")
DEFAULT_SORT = SortColumn.NAME.value


@dataclass(frozen=True)
class GridQuery:
    """The grid's filters and sort. Empty filters narrow nothing; several values of one filter
    are alternatives (directorate A or B), different filters all apply."""

    directorates: tuple[int, ...] = ()
    phases: tuple[str, ...] = ()
    overall: tuple[str, ...] = ()
    frameworks: tuple[int, ...] = ()
    red: bool = False
    overdue_actions: bool = False
    past_red: bool = False
    assessment_overdue: bool = False
    sort: str = DEFAULT_SORT
    direction: Direction = Direction.ASC

    @property
    def any_filter(self) -> bool:
        return bool(
            self.directorates
            or self.phases
            or self.overall
            or self.frameworks
            or any(getattr(self, flag) for flag in FLAGS)
        )

    def pairs(self) -> list[tuple[str, str]]:
        """The query as ``(name, value)`` pairs in canonical order, defaults left out."""
        pairs: list[tuple[str, str]] = []
        pairs += [("directorate", str(value)) for value in self.directorates]
        pairs += [("phase", value) for value in self.phases]
        pairs += [("overall", value) for value in self.overall]
        pairs += [("framework", str(value)) for value in self.frameworks]
        pairs += [(flag, "yes") for flag in FLAGS if getattr(self, flag)]
        if self.sort != DEFAULT_SORT:
            pairs.append(("sort", self.sort))
        if self.direction is not Direction.ASC:
            pairs.append(("direction", self.direction.value))
        return pairs

    def query_string(self) -> str:
        """The canonical query string (no leading "?"): the same filters always give the same
        address, whatever order they were chosen or typed in."""
        return urlencode(self.pairs())

    def filter_string(self) -> str:
        """The filters alone as a query string (no sort): for the downloads of the projects
        the grid shows, which are by name."""
        return replace(self, sort=DEFAULT_SORT, direction=Direction.ASC).query_string()

    def sorted_by(self, column: str) -> GridQuery:
        """The query for a column heading's link: by that column, ascending, or the other
        way if the grid is already sorted by it. Filters stay."""
        if self.sort == column:
            other = Direction.DESC if self.direction is Direction.ASC else Direction.ASC
            return replace(self, direction=other)
        return replace(self, sort=column, direction=Direction.ASC)

    def aria_sort(self, column: str) -> str:
        """The column heading's ``aria-sort``: ascending, descending or none."""
        if self.sort != column:
            return "none"
        return "ascending" if self.direction is Direction.ASC else "descending"


def _values(args: Mapping[str, object], name: str) -> list[str]:
    """Every value of ``name``: a mapping may hold a string or a list of them (as
    ``request.args.to_dict(flat=False)`` or ``urllib.parse.parse_qs`` give)."""
    raw = args.get(name)
    if raw is None:
        return []
    items = [raw] if isinstance(raw, str) else raw if isinstance(raw, list | tuple) else []
    values = []
    for item in items[:_MAX_VALUES]:
        if isinstance(item, str):
            # Several values may also arrive comma-separated in one.
            values += [part.strip() for part in item.split(",") if part.strip()]
    return [value for value in values if len(value) <= _MAX_LENGTH]


def _ids(values: Iterable[str], known: Collection[int] | None) -> tuple[int, ...]:
    found = {
        int(value) for value in values if value.isascii() and value.isdigit() and len(value) <= 12
    }
    if known is not None:
        found &= set(known)
    return tuple(sorted(found))


def _first(args: Mapping[str, object], name: str) -> str:
    values = _values(args, name)
    return values[0].lower() if values else ""


def parse_grid_query(
    args: Mapping[str, object],
    known_directorates: Collection[int] | None = None,
    known_frameworks: Collection[int] | None = None,
    point_numbers: Collection[int] | None = None,
) -> GridQuery:
    """The grid's filters and sort from a query-string mapping, safely.

    Unknown names are ignored; a value that is not one the grid knows (a phase that is not a
    phase, an id not in ``known_...`` when given, a sort column that does not exist) is
    dropped, never an error. Repeated values are kept once, in a fixed order. A point's
    column sorts only if its number is in ``point_numbers`` (when given).
    """
    phases = {value.lower() for value in _values(args, "phase")}
    overall = {value.lower() for value in _values(args, "overall")}
    sort = _first(args, "sort")
    match = _POINT_COLUMN.fullmatch(sort)
    if match:
        number = int(match.group(1))
        if point_numbers is not None and number not in point_numbers:
            sort = DEFAULT_SORT
        else:
            sort = f"point-{number}"
    elif sort not in {column.value for column in SortColumn}:
        sort = DEFAULT_SORT
    direction = _first(args, "direction")
    return GridQuery(
        directorates=_ids(_values(args, "directorate"), known_directorates),
        phases=tuple(phase.value for phase in PHASE_ORDER if phase.value in phases),
        overall=tuple(bucket.value for bucket in BoardOverall if bucket.value in overall),
        frameworks=_ids(_values(args, "framework"), known_frameworks),
        sort=sort,
        direction=Direction.DESC if direction == Direction.DESC else Direction.ASC,
        **{flag: _first(args, flag) in _YES for flag in FLAGS},
    )


# --- Filtering ---------------------------------------------------------------------------------


def matches(row: ProjectRow, query: GridQuery) -> bool:
    """Whether ``row`` passes every filter in ``query``."""
    facts = row.facts
    return not (
        (query.directorates and facts.directorate_id not in query.directorates)
        or (query.phases and facts.phase not in query.phases)
        or (query.overall and row.board_overall.value not in query.overall)
        or (query.frameworks and facts.framework.id not in query.frameworks)
        or (query.red and not row.has_red_points)
        or (query.overdue_actions and not row.has_overdue_actions)
        or (query.past_red and not row.moved_on_past_red)
        or (query.assessment_overdue and not row.assessment_overdue)
    )


def filtered(rows: Iterable[ProjectRow], query: GridQuery) -> list[ProjectRow]:
    return [row for row in rows if matches(row, query)]


def filter_words(
    query: GridQuery,
    directorate_names: Mapping[int, str] | None = None,
    framework_names: Mapping[int, str] | None = None,
) -> list[str]:
    """The filters in use, in words, for the "Showing 12 of 74 projects: ..." line and the
    links that remove each one."""
    directorate_names = directorate_names or {}
    framework_names = framework_names or {}
    words = []
    if query.directorates:
        words.append(
            " or ".join(directorate_names.get(i, f"directorate {i}") for i in query.directorates)
        )
    if query.phases:
        words.append(" or ".join(phase_label(phase).lower() for phase in query.phases))
    if query.overall:
        words.append(
            " or ".join(BOARD_OVERALL_LABELS[BoardOverall(v)].lower() for v in query.overall)
            + " overall"
        )
    if query.frameworks:
        words.append(
            " or ".join(framework_names.get(i, f"framework {i}") for i in query.frameworks)
        )
    words += [FLAG_LABELS[flag] for flag in FLAGS if getattr(query, flag)]
    return words


def showing_words(shown: int, total: int, query: GridQuery, **names: Mapping[int, str]) -> str:
    """For example "Showing 3 of 74 projects: red overall, has overdue actions"."""
    noun = "project" if total == 1 else "projects"
    text = f"Showing {shown} of {total} {noun}"
    chosen = filter_words(query, **names)
    return f"{text}: {', '.join(chosen)}" if chosen else text


# --- Sorting -----------------------------------------------------------------------------------

# Worst first when ascending; not yet assessed always last.
_RATING_ORDER = {Rating.RED: 0, Rating.AMBER: 1, Rating.GREEN: 2}
_OVERALL_ORDER = {BoardOverall.RED: 0, BoardOverall.AMBER: 1, BoardOverall.GREEN: 2}


def _sort_value(column: str) -> Callable[[ProjectRow], object | None]:
    """How a column orders rows; None is a blank, sorted last whichever the direction."""
    match = _POINT_COLUMN.fullmatch(column)
    if match:
        number = int(match.group(1))

        def point(row: ProjectRow) -> int | None:
            cell = row.cell(number)
            rating = cell.rating.rating if cell else None
            return _RATING_ORDER[rating] if rating is not None else None

        return point
    values: dict[str, Callable[[ProjectRow], object | None]] = {
        SortColumn.DIRECTORATE: lambda row: row.facts.directorate.lower() or None,
        SortColumn.PHASE: lambda row: _phase_position(row.facts.phase),
        SortColumn.OVERALL: lambda row: _OVERALL_ORDER.get(row.board_overall),
        SortColumn.CHANGED: lambda row: row.staleness.last_changed,
        SortColumn.DUE: lambda row: row.facts.next_assessment_due,
        SortColumn.ACTIONS: lambda row: row.overdue_actions,
        SortColumn.RED: lambda row: len(row.red_points),
    }
    return values.get(column, lambda row: None)


def _phase_position(phase: str) -> int | None:
    try:
        return phase_index(phase)
    except ValueError:
        return None


def sorted_rows(rows: Iterable[ProjectRow], query: GridQuery) -> list[ProjectRow]:
    """The rows in the query's order. Ratings sort worst first when ascending (red, amber,
    green); blanks (not yet assessed, no date, no directorate) come last either way; ties
    are by project name then id, always A to Z, so the order is the same every time."""
    value = _sort_value(query.sort)
    by_name = sorted(rows, key=lambda row: (row.facts.name.lower(), row.id))
    if query.sort == SortColumn.NAME:
        return by_name[::-1] if query.direction is Direction.DESC else by_name
    present = [row for row in by_name if value(row) is not None]
    blank = [row for row in by_name if value(row) is None]
    # Python's sort is stable, reversed too: rows with equal values keep the name order.
    present.sort(key=value, reverse=query.direction is Direction.DESC)  # type: ignore[arg-type]
    return present + blank


# --- One grid a framework ----------------------------------------------------------------------


@dataclass(frozen=True)
class FrameworkGrid:
    """The rows of the projects on one framework: its points are the grid's columns."""

    framework: FrameworkInfo
    rows: tuple[ProjectRow, ...]


def grids(rows: Sequence[ProjectRow]) -> list[FrameworkGrid]:
    """The rows grouped by framework, so projects on different frameworks are never in one
    grid. Frameworks by name; each keeps the order the rows came in (sort them first)."""
    grouped: dict[int, tuple[FrameworkInfo, list[ProjectRow]]] = {}
    for row in rows:
        grouped.setdefault(row.facts.framework.id, (row.facts.framework, []))[1].append(row)
    return [
        FrameworkGrid(framework, tuple(framework_rows))
        for framework, framework_rows in sorted(
            grouped.values(), key=lambda item: (item[0].name.lower(), item[0].id)
        )
    ]


def grid_rows(rows: Iterable[ProjectRow], query: GridQuery) -> list[FrameworkGrid]:
    """Filter, sort and group: what the grid page shows for ``query``."""
    return grids(sorted_rows(filtered(rows, query), query))


def overdue_by_days(due: date, today: date) -> int:
    """Calendar days past ``due`` (0 when not yet overdue), for the overdue actions list."""
    return max((today - due).days, 0)
