"""The geometry of the board's charts, drawn as inline SVG by templates/board/_charts.html.

Plain functions of plain values: where each bar, gridline, marker and label goes in a chart's
coordinate space (its viewBox). They know nothing of Flask or the database, so they are
tested on their own. Every mark carries its value as text too: no chart says anything by
colour alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

# Colours that pass WCAG 2.2 non-text contrast (3:1) against white, and 4.5:1 for any text
# drawn on them: GOV.UK's green, red and black; amber is GOV.UK's yellow with a black
# outline and black letter, since yellow itself is pale.
INK = "#0b0c0c"
GRID = "#505a5f"
FILLS = {
    "green": ("#00703c", "#ffffff"),
    "amber": ("#ffdd00", INK),
    "red": ("#d4351c", "#ffffff"),
    "not_assessed": ("#ffffff", INK),
}
LETTERS = {"green": "G", "amber": "A", "red": "R", "not_assessed": "N"}

# A month with no points rated: the same words in the chart, its table and its summary.
NOT_RATED = "Not rated"


@dataclass(frozen=True)
class Gridline:
    y: float
    label: str


@dataclass(frozen=True)
class MonthLabel:
    x: float
    month: str  # "Jan"
    year: str  # "2026" under the first month and every January, else ""


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    value_x: float
    value_y: float
    value: str  # "55%", or NOT_RATED where nothing was rated

    @property
    def lines(self) -> tuple[str, ...]:
        """The value as lines of text, top first: "Not rated" on two, to fit above a slot."""
        return tuple(self.value.split(" "))


@dataclass(frozen=True)
class ColumnChart:
    width: int
    height: int
    left: float
    right: float
    baseline: float
    gridlines: tuple[Gridline, ...]
    bars: tuple[Bar, ...]
    months: tuple[MonthLabel, ...]
    month_y: float
    year_y: float


def month_labels(
    months: Sequence[date], left: float, slot: float, every: int = 1
) -> tuple[MonthLabel, ...]:
    """A label under the middle of every ``every``th slot, counting back from the last (this
    month), with the year under the first one labelled and under Januaries."""
    labelled = [
        (index, month)
        for index, month in enumerate(months)
        if (len(months) - 1 - index) % every == 0
    ]
    return tuple(
        MonthLabel(
            x=round(left + slot * (index + 0.5), 1),
            month=f"{month:%b}",
            year=str(month.year) if position == 0 or month.month == 1 else "",
        )
        for position, (index, month) in enumerate(labelled)
    )


def percent_columns(
    values: Sequence[tuple[date, int | None]],
    width: int = 640,
    height: int = 280,
    left: int = 48,
    right: int = 8,
    top: int = 28,
    bottom: int = 44,
) -> ColumnChart:
    """A column for each ``(month, percentage or None)``, on a 0 to 100% scale with
    gridlines every 25%; each column labelled with its value above it."""
    plot_width = width - left - right
    plot_height = height - top - bottom
    baseline = top + plot_height
    slot = plot_width / max(len(values), 1)
    bar_width = round(slot * 0.6, 1)
    bars = []
    for index, (_, value) in enumerate(values):
        middle = left + slot * (index + 0.5)
        bar_height = round(plot_height * max(0, min(value or 0, 100)) / 100, 1)
        y = round(baseline - bar_height, 1)
        bars.append(
            Bar(
                x=round(middle - bar_width / 2, 1),
                y=y,
                width=bar_width,
                height=bar_height,
                value_x=round(middle, 1),
                value_y=round(y - 6 - (16 if value is None else 0), 1),
                value=f"{value}%" if value is not None else NOT_RATED,
            )
        )
    gridlines = tuple(
        Gridline(round(baseline - plot_height * share / 100, 1), f"{share}%")
        for share in (0, 25, 50, 75, 100)
    )
    return ColumnChart(
        width=width,
        height=height,
        left=left,
        right=width - right,
        baseline=baseline,
        gridlines=gridlines,
        bars=tuple(bars),
        months=month_labels([month for month, _ in values], left, slot),
        month_y=baseline + 18,
        year_y=baseline + 36,
    )


@dataclass(frozen=True)
class Row:
    label: str  # "May 2026"
    y: float  # the bar's top
    width: float
    value_x: float
    value: str  # "55%" or NOT_RATED


@dataclass(frozen=True)
class RowChart:
    width: int
    height: int
    left: float
    right: float
    bar_height: float
    rows: tuple[Row, ...]
    gridlines: tuple[tuple[float, str], ...]  # (x, "50%") along the top
    top: float


def percent_rows(
    values: Sequence[tuple[date, int | None]],
    width: int = 300,
    left: int = 76,
    right: int = 44,
    top: int = 24,
    row: int = 26,
) -> RowChart:
    """The same figures as :func:`percent_columns` for a narrow screen: a row for each
    ``(month, percentage or None)``, its bar running across a 0 to 100% scale and its value at
    the bar's end, so that every label has room at 320 pixels wide."""
    plot_width = width - left - right
    bar_height = round(row * 0.65, 1)
    rows = []
    for index, (month, value) in enumerate(values):
        bar_width = round(plot_width * max(0, min(value or 0, 100)) / 100, 1)
        rows.append(
            Row(
                label=f"{month:%b %Y}",
                y=round(top + row * index + (row - bar_height) / 2, 1),
                width=bar_width,
                value_x=round(left + bar_width + 4, 1),
                value=f"{value}%" if value is not None else NOT_RATED,
            )
        )
    return RowChart(
        width=width,
        height=top + row * len(values) + 4,
        left=left,
        right=width - right,
        bar_height=bar_height,
        rows=tuple(rows),
        gridlines=tuple(
            (round(left + plot_width * share / 100, 1), f"{share}%") for share in (0, 50, 100)
        ),
        top=top,
    )


@dataclass(frozen=True)
class Level:
    y: float
    label: str


@dataclass(frozen=True)
class Marker:
    x: float
    y: float
    letter: str
    fill: str
    text: str  # the letter's colour


@dataclass(frozen=True)
class StepChart:
    width: int
    height: int
    left: float
    right: float
    levels: tuple[Level, ...]
    markers: tuple[Marker, ...]
    line: str  # an SVG polyline's points, joining the markers
    months: tuple[MonthLabel, ...]
    month_y: float
    year_y: float
    radius: float
    letters: bool  # whether each marker has room for its rating's letter


# Top to bottom: better ratings higher up.
RATING_LEVELS = (
    ("green", "Green"),
    ("amber", "Amber"),
    ("red", "Red"),
    ("not_assessed", "Not yet assessed"),
)


def rating_steps(
    values: Sequence[tuple[date, str]],
    width: int = 640,
    height: int = 240,
    left: int = 128,
    right: int = 8,
    top: int = 20,
    bottom: int = 56,
    radius: float = 11,
    label_every: int = 1,
) -> StepChart:
    """A marker for each ``(month, overall rating)`` ("green", "amber", "red",
    "not_assessed") at its rating's level, with the rating's first letter in it, and a line
    joining them: a project's overall rating month by month. On a narrow screen, a smaller
    marker with no letter (its level says the rating) and a label for every ``label_every``th
    month."""
    plot_width = width - left - right
    step = (height - top - bottom) / (len(RATING_LEVELS) - 1)
    level_y = {key: round(top + step * index, 1) for index, (key, _) in enumerate(RATING_LEVELS)}
    slot = plot_width / max(len(values), 1)
    markers = []
    for index, (_, rating) in enumerate(values):
        key = rating if rating in level_y else "not_assessed"
        fill, text = FILLS[key]
        markers.append(
            Marker(round(left + slot * (index + 0.5), 1), level_y[key], LETTERS[key], fill, text)
        )
    baseline = height - bottom
    return StepChart(
        width=width,
        height=height,
        left=left,
        right=width - right,
        levels=tuple(Level(level_y[key], label) for key, label in RATING_LEVELS),
        markers=tuple(markers),
        line=" ".join(f"{m.x},{m.y}" for m in markers),
        months=month_labels([month for month, _ in values], left, slot, label_every),
        month_y=baseline + 34,
        year_y=baseline + 52,
        radius=radius,
        letters=radius >= 9,
    )
