"""The trends' chart geometry (app.charts) and the rating timeline (app.rules.rating_timeline)."""

from __future__ import annotations

import itertools
import random
from datetime import date, timedelta

from app.charts import FILLS, NOT_RATED, percent_columns, percent_rows, rating_steps
from app.rules.portfolio import BoardOverall
from app.rules.portfolio_trends import RatingEvent, green_share_by_month
from app.rules.rating_timeline import (
    MonthRating,
    PanelRatings,
    SelfAssessmentRatings,
    counted_on,
    green_share_from_timelines,
    month_ratings,
    movement,
    overall_by_month,
    project_summary,
    project_timelines,
    projects_summary,
    rating_events,
)
from app.rules.ratings import Rating

TODAY = date(2026, 12, 3)
MONTHS = [date(2026, month, 1) for month in range(1, 13)]


# --- Column chart -----------------------------------------------------------------------------


def test_columns_are_as_tall_as_their_share_and_sit_on_the_baseline():
    chart = percent_columns([(MONTHS[0], 0), (MONTHS[1], 50), (MONTHS[2], 100)], height=244)
    plot = 244 - 28 - 44
    assert chart.baseline == 28 + plot
    heights = [bar.height for bar in chart.bars]
    assert heights == [0, plot / 2, plot]
    for bar in chart.bars:
        assert bar.y + bar.height == chart.baseline
        assert bar.value_y < bar.y
    assert [bar.value for bar in chart.bars] == ["0%", "50%", "100%"]


def test_columns_are_evenly_spaced_inside_the_plot():
    chart = percent_columns([(month, 40) for month in MONTHS])
    assert len(chart.bars) == 12
    gaps = [b.x - a.x for a, b in zip(chart.bars, chart.bars[1:], strict=False)]
    assert max(gaps) - min(gaps) <= 0.2  # rounded to tenths
    assert chart.bars[0].x > chart.left
    assert chart.bars[-1].x + chart.bars[-1].width < chart.right


def test_a_month_with_nothing_rated_has_no_column_but_says_so():
    chart = percent_columns([(MONTHS[0], None), (MONTHS[1], 30)])
    assert chart.bars[0].height == 0 and chart.bars[0].value == NOT_RATED == "Not rated"
    # On two lines, to fit above its slot, the last line where a value would be.
    assert chart.bars[0].lines == ("Not", "rated")
    assert chart.bars[0].value_y < chart.baseline - 6


def test_the_narrow_drawing_has_a_row_for_each_month_with_room_for_its_labels():
    values = [(MONTHS[0], None)] + [(month, 10 * index) for index, month in enumerate(MONTHS[1:])]
    chart = percent_rows([*values, (date(2027, 1, 1), 100)])
    assert chart.width <= 300  # drawn at about its own size on a 320 pixel screen
    assert [row.label for row in chart.rows][:2] == ["Jan 2026", "Feb 2026"]
    assert chart.rows[0].value == NOT_RATED and chart.rows[0].width == 0
    full = chart.rows[-1]
    assert chart.left + full.width == chart.right
    # The longest value fits after the longest bar ("100%" at 14px is under 40px).
    assert chart.width - full.value_x >= 36
    ys = [row.y for row in chart.rows]
    assert all(b - a >= chart.bar_height + 4 for a, b in itertools.pairwise(ys))
    assert ys[-1] + chart.bar_height <= chart.height


def test_the_narrow_step_chart_names_fewer_months_and_the_last_always():
    chart = rating_steps(
        [(month, "green") for month in MONTHS], width=300, left=120, radius=6, label_every=3
    )
    assert [label.month for label in chart.months] == ["Mar", "Jun", "Sep", "Dec"]
    assert [label.year for label in chart.months] == ["2026", "", "", ""]
    assert not chart.letters
    assert rating_steps([(MONTHS[0], "red")]).letters
    gaps = [b.x - a.x for a, b in zip(chart.months, chart.months[1:], strict=False)]
    assert min(gaps) >= 40  # room for "Sep" at 14px


def test_gridlines_every_quarter_from_the_baseline_up():
    chart = percent_columns([(MONTHS[0], 10)])
    assert [line.label for line in chart.gridlines] == ["0%", "25%", "50%", "75%", "100%"]
    assert chart.gridlines[0].y == chart.baseline
    ys = [line.y for line in chart.gridlines]
    assert ys == sorted(ys, reverse=True)


def test_month_labels_carry_the_year_on_the_first_month_and_januaries():
    months = [date(2025, 12, 1), date(2026, 1, 1), date(2026, 2, 1)]
    chart = percent_columns([(month, 1) for month in months])
    assert [(label.month, label.year) for label in chart.months] == [
        ("Dec", "2025"),
        ("Jan", "2026"),
        ("Feb", ""),
    ]
    assert [label.x for label in chart.months] == [bar.value_x for bar in chart.bars]


def test_values_outside_the_scale_are_held_to_it():
    chart = percent_columns([(MONTHS[0], 140)])
    assert chart.bars[0].y >= 0


# --- Step chart -------------------------------------------------------------------------------


def test_markers_sit_at_their_ratings_level_with_its_letter():
    chart = rating_steps(list(zip(MONTHS, ["not_assessed", "red", "amber", "green"], strict=False)))
    levels = {level.label: level.y for level in chart.levels}
    assert [m.y for m in chart.markers] == [
        levels["Not yet assessed"],
        levels["Red"],
        levels["Amber"],
        levels["Green"],
    ]
    assert levels["Green"] < levels["Amber"] < levels["Red"] < levels["Not yet assessed"]
    assert [m.letter for m in chart.markers] == ["N", "R", "A", "G"]
    assert chart.markers[3].fill == FILLS["green"][0]
    assert chart.line.split(" ")[1] == f"{chart.markers[1].x},{chart.markers[1].y}"


def test_markers_fit_inside_the_chart():
    chart = rating_steps([(month, "green") for month in MONTHS])
    for marker in chart.markers:
        assert chart.left + chart.radius <= marker.x <= chart.right - chart.radius
        assert marker.y - chart.radius >= 0
    assert chart.year_y <= chart.height


def test_an_unknown_rating_is_drawn_as_not_assessed():
    assert rating_steps([(MONTHS[0], "pending")]).markers[0].letter == "N"


def test_letters_contrast_with_their_fill():
    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    for fill, text in FILLS.values():
        light, dark = sorted((luminance(fill), luminance(text)), reverse=True)
        assert (light + 0.05) / (dark + 0.05) >= 4.5, fill


# --- The timeline -----------------------------------------------------------------------------


def self_assessment(id, on, ratings, withdrawn=None, project=1):
    return SelfAssessmentRatings(id, project, (id,), on, withdrawn, ratings)


def test_team_ratings_count_from_submission_then_the_panels_over_them():
    events = rating_events(
        [self_assessment(1, date(2026, 3, 5), {1: "amber", 2: "amber"})],
        [PanelRatings(1, date(2026, 4, 1), (), {2: "green"})],
    )
    assert events == [
        RatingEvent(1, 1, date(2026, 3, 5), Rating.AMBER),
        RatingEvent(1, 2, date(2026, 3, 5), Rating.AMBER),
        RatingEvent(1, 2, date(2026, 4, 1), Rating.GREEN),
    ]


def test_a_newer_self_assessment_replaces_the_older_and_its_panels():
    first = self_assessment(1, date(2026, 1, 5), {1: "red", 2: "red"})
    second = self_assessment(2, date(2026, 6, 1), {1: "amber", 2: "red"})
    panel = PanelRatings(1, date(2026, 2, 1), (), {1: "green", 2: "green"})
    events = rating_events([first, second], [panel])
    june = {e.number: e.rating for e in events if e.on == date(2026, 6, 1)}
    assert june == {1: Rating.AMBER, 2: Rating.RED}


def test_a_panel_publishing_on_an_older_self_assessment_no_longer_counts():
    first = self_assessment(1, date(2026, 1, 5), {1: "red"})
    second = self_assessment(2, date(2026, 2, 1), {1: "amber"})
    late = PanelRatings(1, date(2026, 3, 1), (), {1: "green"})
    events = rating_events([first, second], [late])
    assert [e.on for e in events] == [date(2026, 1, 5), date(2026, 2, 1)]


def test_withdrawing_the_only_self_assessment_leaves_no_rating():
    only = self_assessment(1, date(2026, 1, 5), {1: "green"}, withdrawn=date(2026, 2, 1))
    assert rating_events([only], [])[-1] == RatingEvent(1, 1, date(2026, 2, 1), None)
    assert counted_on(date(2026, 3, 1), [only], []) == {}


def test_green_share_from_the_events():
    events = rating_events(
        [self_assessment(1, date(2026, 11, 5), {1: "green", 2: "amber"})],
        [PanelRatings(1, date(2026, 12, 1), (), {2: "green"})],
    )
    series = green_share_by_month(events, TODAY)
    assert [m.percent for m in series[-3:]] == [None, 50, 100]


def test_each_projects_overall_rating_at_month_ends():
    timelines = project_timelines(
        [
            self_assessment(1, date(2026, 10, 5), {1: "green", 2: "red"}),
            self_assessment(2, date(2026, 11, 20), {1: None, 2: "green"}, project=2),
        ],
        [PanelRatings(1, date(2026, 12, 1), (), {2: "amber"})],
    )
    found = overall_by_month(timelines, [1, 2, 3], TODAY)
    assert list(found[1][-4:]) == [
        BoardOverall.NOT_ASSESSED,
        BoardOverall.RED,
        BoardOverall.RED,
        BoardOverall.AMBER,
    ]
    # A point unrated leaves it not yet assessed; a project with no events is too.
    assert found[2][-1] is BoardOverall.NOT_ASSESSED
    assert set(found[3]) == {BoardOverall.NOT_ASSESSED} and len(found[3]) == 12
    series = month_ratings(found[1], TODAY)
    assert series[-1].as_at == TODAY and series[-1].label == "December 2026"
    assert series[0].label == "January 2026"


def test_the_green_share_from_timelines_is_the_one_from_events():
    rng = random.Random(8)
    assessments, panels = [], []
    for n in range(1, 60):
        on = date(2025, 11, 1) + timedelta(days=rng.randrange(400))
        withdrawn = on + timedelta(days=30) if n % 7 == 0 else None
        ratings = {k: rng.choice(("green", "amber", "red", None)) for k in range(1, 15)}
        assessments.append(SelfAssessmentRatings(n, n % 9, (n,), on, withdrawn, ratings))
        if n % 2:
            panels.append(
                PanelRatings(
                    n, on + timedelta(days=rng.randrange(60)), (n,), {3: "green", 4: "red"}
                )
            )
    timelines = project_timelines(assessments, panels)
    events = rating_events(assessments, panels)
    assert green_share_from_timelines(timelines, TODAY) == green_share_by_month(events, TODAY)


def series_of(*overalls):
    return [MonthRating(MONTHS[i], MONTHS[i], o) for i, o in enumerate(overalls)]


def moved(*overalls):
    return movement(overalls)


def test_movement_and_summaries():
    red, amber, green, none = (
        BoardOverall.RED,
        BoardOverall.AMBER,
        BoardOverall.GREEN,
        BoardOverall.NOT_ASSESSED,
    )
    assert moved(red, green) == "better"
    assert moved(green, red) == "worse"
    assert moved(amber, red, amber) == "same"
    assert moved(none, red) == "first assessed"
    assert moved(red, none) == "no longer assessed"
    assert projects_summary(["better", "same", "same", "first assessed"]) == (
        "Of 4 projects, compared with 12 months ago, 1 has a better overall rating, "
        "0 a worse one, 1 was assessed for the first time and 2 are unchanged."
    )
    assert project_summary("Blue Badge", series_of(red, red, amber)) == (
        "The overall rating of Blue Badge was red in January 2026 and amber in March 2026, "
        "changing once in between."
    )
    assert project_summary("Blue Badge", series_of(green, green)) == (
        "The overall rating of Blue Badge was green in every month from January 2026 to "
        "February 2026."
    )
    # No "'s" after a name that may end in s ("Blue Badge applications's", "Carers' ...'s").
    assert "'s" not in project_summary("Carers' assessments", series_of(red, amber))


def test_a_states_overall_is_the_worst_of_rule():
    from itertools import product

    from app.rules.portfolio import board_overall
    from app.rules.rating_timeline import _state
    from app.rules.ratings import overall_rating

    for values in product((Rating.GREEN, Rating.AMBER, Rating.RED, None), repeat=3):
        state = _state(TODAY, dict(enumerate(values, start=1)))
        rated = [value for value in values if value is not None]
        expected = board_overall(overall_rating(values)) if rated else BoardOverall.NOT_ASSESSED
        assert state.overall is expected, values
        assert (state.green, state.rated) == (values.count(Rating.GREEN), len(rated))
