"""The programme board's rules: the rating that counts, project rows, headline figures, each
point across the portfolio, the grid's filters, directorate scope, what changed since the last
board and the trends."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from urllib.parse import parse_qs

import pytest

from app.rules.portfolio import (
    ActionState,
    BoardOverall,
    FrameworkInfo,
    PastRed,
    ProjectFacts,
    RatedAssessment,
    Stage,
    counted_rating,
    in_scope,
    left_red,
    moved_on_past_red,
    past_red,
    programme_stage,
    project_row,
    scoped,
    staleness,
)
from app.rules.portfolio_changes import changes_since, scoped_snapshot, snapshot
from app.rules.portfolio_figures import by_point, due_soon, headline_figures
from app.rules.portfolio_grid import (
    Direction,
    GridQuery,
    filtered,
    grid_rows,
    grids,
    matches,
    overdue_by_days,
    parse_grid_query,
    showing_words,
    sorted_rows,
)
from app.rules.portfolio_trends import (
    MonthShare,
    RatingEvent,
    green_share_by_month,
    green_share_summary,
    month_ends,
    series_summary,
)
from app.rules.ratings import Overall, Rating, RatingSource

TODAY = date(2027, 3, 10)

STANDARD = FrameworkInfo(
    1, "Service Standard", ((1, "Understand users"), (2, "Solve a whole problem"), (3, "Join up"))
)
LOCAL = FrameworkInfo(2, "Council standard", ((1, "Know the need"), (2, "Keep it safe")))
MET = FrameworkInfo(3, "Met standard", ((1, "One"),), outcomes="met_not_met")


def facts(project_id: int = 1, **values) -> ProjectFacts:
    values.setdefault("name", f"Project {project_id}")
    values.setdefault("framework", STANDARD)
    values.setdefault("phase", "alpha")
    values.setdefault("directorate_id", 10)
    return ProjectFacts(id=project_id, **values)


def row(project_id: int = 1, today: date = TODAY, **values):
    return project_row(facts(project_id, **values), today)


def rated(*ratings: str | None) -> dict[int, tuple[str | None, str | None]]:
    """Team ratings for points 1, 2, 3..."""
    return {n: (r, None) for n, r in enumerate(ratings, start=1)}


# --- 1. The rating that counts ----------------------------------------------------------------


def test_the_panel_rating_counts_once_given():
    found = counted_rating("green", "red")
    assert (found.rating, found.source) == (Rating.RED, RatingSource.PANEL)
    assert found.words == "Red, panel rating"


def test_the_team_rating_counts_until_the_panel_rates():
    found = counted_rating("amber", None)
    assert (found.rating, found.source) == (Rating.AMBER, RatingSource.TEAM)
    assert found.words == "Amber, team's self-rating"


@pytest.mark.parametrize(("team", "panel"), [(None, None), ("", ""), ("purple", None)])
def test_nothing_rated_is_not_assessed(team, panel):
    found = counted_rating(team, panel)
    assert (found.rating, found.source) == (None, None)
    assert found.words == "Not assessed"


def test_a_panel_rating_is_in_its_frameworks_words_and_a_teams_never_is():
    assert counted_rating(None, "red", "met_not_met").words == "Not met, panel rating"
    assert counted_rating("green", None, "met_not_met").words == "Green, team's self-rating"


# --- 2. Staleness and stage --------------------------------------------------------------------


def test_never_assessed_is_stale():
    found = staleness(None, TODAY)
    assert found.stale and found.words == "Never assessed" and found.last_changed is None


def test_changed_on_the_cut_off_day_is_not_yet_stale_and_the_day_before_is():
    assert not staleness(date(2026, 12, 10), TODAY).stale
    found = staleness(date(2026, 12, 9), TODAY)
    assert found.stale
    assert found.words == "Last changed 9 December 2026, more than 3 months ago"
    assert staleness(date(2026, 12, 10), TODAY).words == "Last changed 10 December 2026"


@pytest.mark.parametrize(
    ("today", "cut_off"),
    [
        (date(2027, 5, 31), date(2027, 2, 28)),  # February is shorter
        (date(2028, 5, 31), date(2028, 2, 29)),  # a leap year
        (date(2028, 2, 29), date(2027, 11, 29)),
        (date(2027, 1, 15), date(2026, 10, 15)),  # across a year
    ],
)
def test_three_months_are_calendar_months(today, cut_off):
    assert not staleness(cut_off, today).stale
    assert staleness(cut_off - timedelta(days=1), today).stale


def test_the_age_is_configurable_and_a_time_counts_as_its_date():
    assert staleness(date(2027, 2, 9), TODAY, months=1).stale
    assert not staleness(date(2026, 12, 9), TODAY, months=6).stale
    assert staleness(date(2027, 2, 9), TODAY, months=1).words.endswith("more than 1 month ago")
    assert not staleness(datetime(2026, 12, 10, 23, 59, tzinfo=UTC), TODAY).stale


@pytest.mark.parametrize(
    ("phase", "stage"),
    [
        ("discovery", Stage.CONCEPT),
        ("alpha", Stage.DESIGN),
        ("private_beta", Stage.DELIVERY),
        ("public_beta", Stage.DELIVERY),
        ("live", Stage.DELIVERY),
        ("retired", Stage.CLOSED),
        ("nonsense", None),
        (None, None),
    ],
)
def test_programme_stage(phase, stage):
    assert programme_stage(phase) is stage


# --- 2. Moved on past red ----------------------------------------------------------------------


def history(*items: tuple[str, int, dict]) -> list[RatedAssessment]:
    return [
        RatedAssessment(phase, date(2026, month, 1), ratings) for phase, month, ratings in items
    ]


def test_a_point_left_red_in_an_earlier_phase_is_moved_on_past():
    found = moved_on_past_red("private_beta", history(("alpha", 1, {1: "green", 3: "red"})))
    assert found.moved_on and found.points == ((3, "alpha"),)
    assert found.words == "Moved on with point 3 (red since alpha)"


def test_a_later_green_or_amber_clears_the_red():
    for later in ("green", "amber"):
        found = moved_on_past_red(
            "private_beta",
            history(("alpha", 1, {3: "red"}), ("private_beta", 2, {3: later})),
        )
        assert not found.moved_on


def test_a_later_assessment_that_does_not_rate_the_point_leaves_it_red():
    found = moved_on_past_red(
        "live",
        history(("alpha", 1, {3: "red", 4: "red"}), ("public_beta", 5, {3: None, 4: "green"})),
    )
    assert found.points == ((3, "alpha"),)


def test_red_in_the_current_phase_is_not_moved_past():
    assert not moved_on_past_red("alpha", history(("alpha", 1, {3: "red"}))).moved_on
    # Red again at the new phase: the latest red is this phase's.
    again = history(("alpha", 1, {3: "red"}), ("private_beta", 3, {3: "red"}))
    assert not moved_on_past_red("private_beta", again).moved_on


def test_going_back_retiring_or_an_unknown_phase_is_not_moving_on():
    red_at_beta = history(("private_beta", 1, {3: "red"}))
    assert not moved_on_past_red("alpha", red_at_beta).moved_on
    assert not moved_on_past_red("retired", red_at_beta).moved_on
    assert not moved_on_past_red("nonsense", red_at_beta).moved_on


def test_left_red_does_not_depend_on_the_current_phase_and_past_red_applies_it():
    # What is kept between changes (app.data.standings) is the points left red, each with
    # the phase that left it; the project's phase is applied on reading.
    left = left_red(
        history(("alpha", 1, {3: "red", 4: "red", 5: "red"}), ("private_beta", 2, {4: "amber"}))
    )
    assert left == ((3, "alpha"), (5, "alpha"))
    assert past_red("alpha", left).points == ()
    assert past_red("private_beta", left).points == ((3, "alpha"), (5, "alpha"))
    assert past_red("retired", left, override_stands=True) == PastRed((), True)
    assert past_red("private_beta", ()).moved_on is False


def test_a_project_row_uses_the_points_left_red_it_is_given_over_its_history():
    given = facts(
        phase="private_beta",
        history=history(("alpha", 1, {3: "red"})),
        left_red=((7, "discovery"),),
    )
    assert project_row(given, TODAY).past_red.points == ((7, "discovery"),)
    worked_out = project_row(replace(given, left_red=None), TODAY)
    assert worked_out.past_red.points == ((3, "alpha"),)


def test_history_is_read_in_date_order_whatever_order_it_comes_in():
    found = moved_on_past_red(
        "live", history(("private_beta", 6, {3: "green"}), ("alpha", 1, {3: "red"}))
    )
    assert not found.moved_on


def test_a_standing_override_counts_and_both_reasons_are_given():
    found = moved_on_past_red("alpha", [], override_stands=True)
    assert found.moved_on and found.points == ()
    both = moved_on_past_red(
        "live", history(("alpha", 1, {2: "red", 5: Rating.RED})), override_stands=True
    )
    assert both.words == (
        "Moved on with points 2 (red since alpha), 5 (red since alpha); "
        "Moved on despite red points, with a reason recorded"
    )


# --- 2. A project's row ------------------------------------------------------------------------


def test_cells_follow_the_framework_and_ignore_other_points():
    found = row(ratings={3: ("green", "red"), 1: ("amber", None), 99: ("red", None)})
    assert [cell.number for cell in found.cells] == [1, 2, 3]
    assert [cell.rating.words for cell in found.cells] == [
        "Amber, team's self-rating",
        "Not assessed",
        "Red, panel rating",
    ]
    assert found.red_points == (3,) and found.has_red_points
    assert found.cell(2).rating.rating is None and found.cell(7) is None


@pytest.mark.parametrize(
    ("ratings", "overall", "bucket", "words"),
    [
        (rated("green", "green", "green"), Overall.GREEN, BoardOverall.GREEN, "Green"),
        (rated("green", "amber", "green"), Overall.AMBER, BoardOverall.AMBER, "Amber"),
        (rated("green", "amber", "red"), Overall.RED, BoardOverall.RED, "Red"),
        (rated("red", None, None), Overall.RED, BoardOverall.RED, "Red"),
        (
            rated("green", "green", None),
            Overall.PENDING,
            BoardOverall.NOT_ASSESSED,
            "Not yet assessed: 2 of 3 points rated",
        ),
        ({}, Overall.NOT_STARTED, BoardOverall.NOT_ASSESSED, "Not yet assessed"),
        (
            rated(None, None, None),
            Overall.NOT_STARTED,
            BoardOverall.NOT_ASSESSED,
            "Not yet assessed",
        ),
    ],
)
def test_the_overall_rating_is_the_worst_point(ratings, overall, bucket, words):
    found = row(ratings=ratings)
    assert found.overall is overall
    assert found.board_overall is bucket
    assert found.overall_words == words


def test_the_panels_rating_decides_the_overall():
    assert row(ratings={1: ("red", "green"), 2: ("green", None), 3: ("green", None)}).overall is (
        Overall.GREEN
    )


def test_open_and_overdue_actions():
    actions = [
        ActionState(1, "open", TODAY - timedelta(days=1)),  # overdue
        ActionState(2, "in_progress", TODAY - timedelta(days=30)),  # overdue
        ActionState(3, "open", TODAY),  # due today: not yet overdue
        ActionState(4, "open", None),
        ActionState(5, "done", TODAY - timedelta(days=5)),  # closed: neither
        ActionState(6, "not_doing", None),
    ]
    found = row(actions=actions)
    assert (found.open_actions, found.overdue_actions) == (4, 2)
    assert found.has_overdue_actions
    assert not row(actions=actions[2:]).has_overdue_actions


@pytest.mark.parametrize(
    ("due", "overdue"),
    [
        (TODAY - timedelta(days=1), True),
        (TODAY, False),
        (TODAY + timedelta(days=1), False),
        (None, False),
    ],
)
def test_assessment_overdue_is_due_before_today(due, overdue):
    assert row(next_assessment_due=due).assessment_overdue is overdue


def test_a_row_carries_stage_staleness_and_past_red():
    found = row(
        phase="public_beta",
        self_assessment_changed=date(2026, 1, 1),
        history=history(("alpha", 1, {2: "red"})),
    )
    assert found.stage is Stage.DELIVERY and found.stage_words == "Delivery"
    assert found.staleness.stale
    assert found.moved_on_past_red
    assert not row(phase="alpha").moved_on_past_red


# --- 3. Headline figures -----------------------------------------------------------------------


def test_headline_figures_of_an_empty_portfolio_are_all_zero():
    found = headline_figures([], TODAY)
    assert found.projects == 0
    assert found.by_stage == {"concept": 0, "design": 0, "delivery": 0, "closed": 0}
    assert list(found.by_phase) == [
        "discovery",
        "alpha",
        "private_beta",
        "public_beta",
        "live",
        "retired",
    ]
    assert set(found.by_phase.values()) == {0}
    assert found.by_overall == {"green": 0, "amber": 0, "red": 0, "not_assessed": 0}
    assert found.non_cashable == {"low": 0, "moderate": 0, "high": 0, "not_known": 0}
    assert found.cashable_benefit == found.red_points == found.open_actions == 0


def test_headline_figures():
    rows = [
        row(
            1,
            phase="discovery",
            ratings=rated("red", "red", "green"),
            next_assessment_due=TODAY,  # due soon, not overdue
            cashable_benefit=100_000,
            non_cashable_benefit="high",
            actions=[ActionState(1, "open", TODAY - timedelta(days=2))],
            reports_overdue=1,
        ),
        row(
            2,
            phase="alpha",
            ratings=rated("amber", "green", "green"),
            next_assessment_due=TODAY + timedelta(days=30),  # the last day of the window
            cashable_benefit=25_500,
            non_cashable_benefit="low",
            actions=[ActionState(2, "open", None), ActionState(3, "done", None)],
        ),
        row(
            3,
            phase="live",
            ratings=rated("green", "green", "red"),
            next_assessment_due=TODAY + timedelta(days=31),  # beyond the window
            non_cashable_benefit=None,
        ),
        row(4, phase="private_beta", next_assessment_due=TODAY - timedelta(days=1)),
        row(5, phase="not-a-phase", non_cashable_benefit="enormous"),
    ]
    found = headline_figures(rows, TODAY)
    assert found.projects == 5
    assert found.by_stage == {"concept": 1, "design": 1, "delivery": 2, "closed": 0}
    assert found.by_phase["private_beta"] == found.by_phase["live"] == 1
    assert sum(found.by_phase.values()) == 4  # the unknown phase counts only in the total
    assert found.by_overall == {"green": 0, "amber": 1, "red": 2, "not_assessed": 2}
    assert found.red_points == 3 and found.projects_with_red == 2
    assert (found.open_actions, found.overdue_actions) == (2, 1)
    assert (found.assessments_due_soon, found.assessments_overdue) == (2, 1)
    assert found.reports_overdue == 1
    assert found.cashable_benefit == 125_500
    assert found.non_cashable == {"low": 1, "moderate": 0, "high": 1, "not_known": 2}


def test_due_soon_window_can_change():
    assert due_soon(TODAY + timedelta(days=7), TODAY, days=7)
    assert not due_soon(TODAY + timedelta(days=8), TODAY, days=7)
    assert not due_soon(TODAY - timedelta(days=1), TODAY)
    assert not due_soon(None, TODAY)


# --- 4. By point -------------------------------------------------------------------------------


def test_points_weakest_first_with_the_projects_behind_each_number():
    rows = [
        row(1, ratings=rated("green", "red", "amber")),
        row(2, ratings=rated("green", "red", "amber")),
        row(3, ratings=rated("red", "green", None)),
    ]
    (standard,) = by_point(rows)
    assert standard.framework is STANDARD
    # Point 2 has two reds, point 1 one, point 3 none (but two ambers).
    assert [tally.number for tally in standard.points] == [2, 1, 3]
    two, one, three = standard.points
    assert two.red == (1, 2) and two.green == (3,)
    assert three.amber == (1, 2) and three.not_assessed == (3,)
    assert one.counts == {"green": 2, "amber": 0, "red": 1, "not_assessed": 0}
    assert two.title == "Solve a whole problem"


def test_ties_are_broken_by_amber_then_fewest_green_then_number():
    rows = [
        row(1, ratings=rated("red", "red", "red")),
        row(2, ratings=rated("amber", "green", None)),
        row(3, ratings=rated("green", None, None)),
    ]
    # Each point has one red. Point 1 has an amber; point 3 has fewer greens than point 2.
    assert [t.number for t in by_point(rows)[0].points] == [1, 3, 2]


def test_all_unrated_points_keep_number_order_and_frameworks_are_never_mixed():
    rows = [row(1), row(2, framework=LOCAL, ratings=rated("green", "red"))]
    local, standard = by_point(rows)  # by framework name
    assert local.framework is LOCAL and [t.number for t in local.points] == [2, 1]
    assert [t.number for t in standard.points] == [1, 2, 3]
    assert all(t.not_assessed == (1,) for t in standard.points)
    assert by_point([]) == []


# --- 6. Directorate scope ----------------------------------------------------------------------


def test_directorate_scope():
    rows = [row(1, directorate_id=10), row(2, directorate_id=20), row(3, directorate_id=None)]
    assert [r.id for r in scoped(rows, None)] == [1, 2, 3]
    assert [r.id for r in scoped(rows, {20})] == [2]
    assert scoped(rows, []) == []
    assert in_scope(None, None) and not in_scope(None, {10})
    assert headline_figures(scoped(rows, [10]), TODAY).projects == 1


# --- 5. The grid's filters and sorting ---------------------------------------------------------


def test_parsing_the_query_keeps_what_it_knows_and_drops_the_rest():
    query = parse_grid_query(
        {
            "directorate": ["20", "10", "10", "x", "-1", "99999999999999999999"],
            "phase": ["ALPHA", "live", "space"],
            "overall": "red,not_assessed,purple",
            "framework": "2",
            "red": "yes",
            "overdue_actions": "no",
            "past_red": ["on"],
            "assessment_overdue": "",
            "sort": "overall",
            "direction": "desc",
            "unknown": "value",
        }
    )
    assert query == GridQuery(
        directorates=(10, 20),
        phases=("alpha", "live"),
        overall=("red", "not_assessed"),
        frameworks=(2,),
        red=True,
        past_red=True,
        sort="overall",
        direction=Direction.DESC,
    )


@pytest.mark.parametrize(
    "args",
    [
        {},
        {"sort": "password", "direction": "sideways"},
        {"sort": ["point-x"]},
        {"directorate": 5, "phase": None, "red": ["yes"] * 0},
        {"phase": "a" * 10_000},
        {"overall": [object(), 3]},
    ],
)
def test_junk_gives_the_default_query(args):
    assert parse_grid_query(args) == GridQuery()


def test_known_ids_and_point_columns_are_checked_when_given():
    query = parse_grid_query(
        {"directorate": ["10", "30"], "framework": ["1", "9"], "sort": "point-3"},
        known_directorates={10, 20},
        known_frameworks={1},
        point_numbers={1, 2, 3},
    )
    assert (query.directorates, query.frameworks, query.sort) == ((10,), (1,), "point-3")
    assert parse_grid_query({"sort": "point-15"}, point_numbers={1, 2}).sort == "name"
    assert parse_grid_query({"sort": "POINT-015"}).sort == "point-15"


def test_the_query_string_is_canonical_and_reads_back_the_same():
    one = parse_grid_query({"phase": ["live", "alpha"], "red": "1", "directorate": ["3", "2"]})
    two = parse_grid_query({"red": "true", "directorate": "2,3", "phase": "alpha,live"})
    assert one.query_string() == two.query_string()
    assert one.query_string() == "directorate=2&directorate=3&phase=alpha&phase=live&red=yes"
    assert GridQuery().query_string() == ""
    full = GridQuery(
        directorates=(1,),
        overall=("amber",),
        frameworks=(4,),
        overdue_actions=True,
        past_red=True,
        assessment_overdue=True,
        sort="point-2",
        direction=Direction.DESC,
    )
    assert parse_grid_query(parse_qs(full.query_string())) == full


def test_column_links_sort_by_the_column_then_the_other_way():
    query = GridQuery(red=True)
    by_due = query.sorted_by("due")
    assert (by_due.sort, by_due.direction, by_due.red) == ("due", Direction.ASC, True)
    assert by_due.sorted_by("due").direction is Direction.DESC
    assert by_due.sorted_by("due").sorted_by("due").direction is Direction.ASC
    assert by_due.sorted_by("name").direction is Direction.ASC
    assert by_due.aria_sort("due") == "ascending" and by_due.aria_sort("name") == "none"
    assert by_due.sorted_by("due").aria_sort("due") == "descending"
    assert query.aria_sort("name") == "ascending"


def _grid_rows():
    return [
        row(
            1,
            name="Bins",
            directorate_id=10,
            directorate="Place",
            phase="alpha",
            ratings=rated("red", "green", "green"),
            actions=[ActionState(1, "open", TODAY - timedelta(days=3))],
            next_assessment_due=TODAY - timedelta(days=1),
        ),
        row(
            2,
            name="adult care",
            directorate_id=20,
            directorate="People",
            phase="live",
            ratings=rated("amber", "green", "green"),
            history=history(("alpha", 1, {2: "red"})),
            next_assessment_due=TODAY + timedelta(days=5),
            self_assessment_changed=date(2027, 1, 1),
        ),
        row(
            3,
            name="Libraries",
            directorate_id=10,
            directorate="Place",
            phase="discovery",
            framework=LOCAL,
            self_assessment_changed=date(2026, 1, 1),
        ),
        row(
            4,
            name="Bins",
            directorate_id=None,
            phase="alpha",
            ratings=rated("green", "green", "green"),
        ),
    ]


@pytest.mark.parametrize(
    ("query", "ids"),
    [
        (GridQuery(), [1, 2, 3, 4]),
        (GridQuery(directorates=(10,)), [1, 3]),
        (GridQuery(directorates=(10, 20)), [1, 2, 3]),
        (GridQuery(phases=("alpha",)), [1, 4]),
        (GridQuery(overall=("red", "green")), [1, 4]),
        (GridQuery(overall=("not_assessed",)), [3]),
        (GridQuery(frameworks=(2,)), [3]),
        (GridQuery(red=True), [1]),
        (GridQuery(overdue_actions=True), [1]),
        (GridQuery(past_red=True), [2]),
        (GridQuery(assessment_overdue=True), [1]),
        (GridQuery(phases=("alpha",), red=True), [1]),
        (GridQuery(phases=("live",), red=True), []),
    ],
)
def test_filters(query, ids):
    assert [r.id for r in filtered(_grid_rows(), query)] == ids
    assert query.any_filter is (query != GridQuery())


def test_a_filter_matches_one_row():
    bins = _grid_rows()[0]
    assert matches(bins, GridQuery(red=True, overdue_actions=True, assessment_overdue=True))
    assert not matches(bins, GridQuery(past_red=True))


def _ids(query: GridQuery) -> list[int]:
    return [r.id for r in sorted_rows(_grid_rows(), query)]


@pytest.mark.parametrize(
    ("sort", "direction", "ids"),
    [
        ("name", Direction.ASC, [2, 1, 4, 3]),  # case does not matter; same names by id
        ("name", Direction.DESC, [3, 4, 1, 2]),
        ("overall", Direction.ASC, [1, 2, 4, 3]),  # worst first, not yet assessed last
        ("overall", Direction.DESC, [4, 2, 1, 3]),  # not yet assessed still last
        ("phase", Direction.ASC, [3, 1, 4, 2]),
        ("directorate", Direction.ASC, [2, 1, 3, 4]),  # no directorate last
        ("directorate", Direction.DESC, [1, 3, 2, 4]),  # ties by name A to Z
        ("due", Direction.ASC, [1, 2, 4, 3]),  # no date last
        ("changed", Direction.DESC, [2, 3, 1, 4]),
        ("actions", Direction.DESC, [1, 2, 4, 3]),
        ("red", Direction.DESC, [1, 2, 4, 3]),
        ("point-1", Direction.ASC, [1, 2, 4, 3]),
        ("point-3", Direction.ASC, [2, 1, 4, 3]),  # Libraries' framework has no point 3
    ],
)
def test_sorting(sort, direction, ids):
    assert _ids(GridQuery(sort=sort, direction=direction)) == ids


def test_projects_on_different_frameworks_are_in_their_own_grids():
    found = grid_rows(_grid_rows(), GridQuery(sort="overall"))
    assert [(grid.framework.name, [r.id for r in grid.rows]) for grid in found] == [
        ("Council standard", [3]),
        ("Service Standard", [1, 2, 4]),
    ]
    assert grids([]) == []


def test_showing_words():
    query = GridQuery(directorates=(10,), phases=("alpha", "live"), overall=("red",), red=True)
    assert showing_words(1, 74, query, directorate_names={10: "Place"}) == (
        "Showing 1 of 74 projects: Place, alpha or live, red overall, has red points"
    )
    assert showing_words(1, 1, GridQuery()) == "Showing 1 of 1 project"
    assert showing_words(0, 2, GridQuery(frameworks=(3,))) == "Showing 0 of 2 projects: framework 3"


def test_days_overdue():
    assert overdue_by_days(TODAY - timedelta(days=12), TODAY) == 12
    assert overdue_by_days(TODAY, TODAY) == 0
    assert overdue_by_days(TODAY + timedelta(days=3), TODAY) == 0


# --- 7. What changed since the last board ------------------------------------------------------

MEETING_1 = date(2027, 2, 1)
MEETING_2 = date(2027, 3, 1)


def _board(as_at: date, **projects) -> dict:
    """A stored snapshot, as JSON gives it back."""
    return json.loads(json.dumps({"as_at": as_at.isoformat(), "projects": projects}))


def _project(name="Bins", phase="alpha", overall="amber", red=(), past_red=False, **extra):
    return {
        "name": name,
        "directorate_id": 10,
        "phase": phase,
        "overall": overall,
        "red_points": list(red),
        "moved_on_past_red": past_red,
        **extra,
    }


def test_a_snapshot_from_rows_reads_back_after_json():
    rows = [
        row(
            1,
            name="Bins",
            ratings=rated("red", "green", "green"),
            actions=[ActionState(7, "open", date(2027, 1, 5)), ActionState(8, "done", None)],
            assessments_held=[(3, date(2027, 2, 14))],
            reports_published=[(3, date(2027, 2, 20))],
        )
    ]
    taken = json.loads(json.dumps(snapshot(rows, MEETING_2)))
    assert taken["projects"]["1"]["actions"] == {
        "7": {"status": "open", "due": "2027-01-05"},
        "8": {"status": "done", "due": None},
    }
    found = changes_since(None, taken)
    assert found.since is None and found.as_at == MEETING_2
    assert [p.name for p in found.joined] == ["Bins"]
    assert [(n.project_id, n.points) for n in found.new_reds] == [(1, (1,))]
    assert [a.action_id for a in found.actions_closed] == [8]
    assert [a.action_id for a in found.actions_newly_overdue] == [7]
    assert [(d.assessment_id, d.on) for d in found.assessments_held] == [(3, date(2027, 2, 14))]
    assert len(found.reports_published) == 1


def test_phase_and_overall_rating_changes_up_and_down():
    before = _board(
        MEETING_1,
        **{
            "1": _project("Bins", "alpha", "amber"),
            "2": _project("Care", "private_beta", "green"),
            "3": _project("Roads", "alpha", "not_assessed"),
            "4": _project("Parks", "live", "red"),
        },
    )
    after = _board(
        MEETING_2,
        **{
            "1": _project("Bins", "private_beta", "red"),
            "2": _project("Care", "alpha", "amber"),
            "3": _project("Roads", "alpha", "green"),
            "4": _project("Parks", "live", "red"),
        },
    )
    found = changes_since(before, after)
    assert [(c.name, c.words) for c in found.phases] == [
        ("Bins", "Moved on from alpha (design) to private beta (delivery)"),
        ("Care", "Went back from private beta (delivery) to alpha (design)"),
    ]
    assert [(c.name, c.change, c.words) for c in found.ratings] == [
        ("Bins", "worse", "Amber to red: worse"),
        ("Care", "worse", "Green to amber: worse"),
        ("Roads", "newly_rated", "Not yet assessed to green: now assessed"),
    ]
    assert found.ratings_up == () and len(found.ratings_down) == 2
    better = changes_since(after, before)
    assert [c.name for c in better.ratings_up] == ["Bins", "Care"]
    assert [c.words for c in better.ratings if c.name == "Roads"] == [
        "Green to not yet assessed: no longer assessed"
    ]


def test_new_reds_and_moved_on_past_red():
    before = _board(MEETING_1, **{"1": _project(red=[2]), "2": _project("Care", past_red=True)})
    after = _board(
        MEETING_2,
        **{
            "1": _project(red=[2, 5, 3], past_red=True),
            "2": _project("Care", red=[], past_red=True),
        },
    )
    found = changes_since(before, after)
    assert [(r.project_id, r.points) for r in found.new_reds] == [(1, (3, 5))]
    assert [p.project_id for p in found.moved_on_past_red] == [1]


def test_actions_closed_and_newly_overdue():
    old_actions = {
        "1": {"status": "open", "due": "2027-02-15"},  # closed since
        "2": {"status": "done", "due": None},  # was closed already
        "3": {"status": "open", "due": "2027-02-15"},  # overdue since
        "4": {"status": "in_progress", "due": "2027-01-15"},  # overdue already
        "5": {"status": "open", "due": "2027-03-01"},  # due on the meeting day: not overdue
    }
    new_actions = {
        "1": {"status": "done", "due": "2027-02-15"},
        "2": {"status": "done", "due": None},
        "3": {"status": "open", "due": "2027-02-15"},
        "4": {"status": "in_progress", "due": "2027-01-15"},
        "5": {"status": "open", "due": "2027-03-01"},
        "6": {"status": "not_doing", "due": None},  # new and closed
        "7": {"status": "open", "due": "2027-02-20"},  # new and overdue
    }
    found = changes_since(
        _board(MEETING_1, **{"1": _project(actions=old_actions)}),
        _board(MEETING_2, **{"1": _project(actions=new_actions)}),
    )
    assert [a.action_id for a in found.actions_closed] == [1, 6]
    assert [a.action_id for a in found.actions_newly_overdue] == [3, 7]


def test_assessments_held_and_reports_published_between_the_meetings():
    dates = {"1": "2027-02-01", "2": "2027-02-02", "3": "2027-03-01", "4": "2027-03-02"}
    before = _board(MEETING_1, **{"1": _project(assessments_held={"9": "2027-02-01"})})
    after = _board(
        MEETING_2,
        **{"1": _project(assessments_held=dates), "2": _project("Care", reports_published=dates)},
    )
    found = changes_since(before, after)
    # After the earlier meeting, up to and including the later one.
    assert [d.assessment_id for d in found.assessments_held] == [2, 3]
    assert [(d.name, d.on) for d in found.reports_published] == [
        ("Care", date(2027, 2, 2)),
        ("Care", date(2027, 3, 1)),
    ]


def test_joined_left_and_nothing_changed():
    same = _board(MEETING_1, **{"1": _project()})
    assert changes_since(same, _board(MEETING_2, **{"1": _project()})).nothing
    found = changes_since(same, _board(MEETING_2, **{"2": _project("Care")}))
    assert [p.name for p in found.joined] == ["Care"] and [p.name for p in found.left] == ["Bins"]
    assert found.phases == found.ratings == ()
    assert changes_since(None, {"as_at": "2027-03-01"}).nothing


def test_unreadable_snapshot_values_are_skipped_not_fatal():
    bad = {
        "as_at": "not a date",
        "projects": {
            "x": _project(),
            "1": "not a project",
            "2": _project(
                red=["a", 3, True],
                actions={"y": {}, "4": "open", "5": {"status": "open", "due": "soon"}},
                assessments_held={"1": "never", "z": "2027-01-01"},
            ),
        },
    }
    found = changes_since(bad, bad)
    assert found.since is None and found.as_at is None and found.nothing


def test_a_snapshot_narrowed_to_a_directorate():
    taken = _board(MEETING_1, **{"1": _project(), "2": {**_project("Care"), "directorate_id": 20}})
    assert list(scoped_snapshot(taken, [20])["projects"]) == ["2"]
    assert scoped_snapshot(taken, None) == taken
    assert scoped_snapshot(taken, [])["projects"] == {}


# --- 8. Trends ---------------------------------------------------------------------------------


def test_twelve_months_ending_today():
    months = month_ends(date(2026, 12, 3))
    assert len(months) == 12
    assert months[0] == (date(2026, 1, 1), date(2026, 1, 31))
    assert months[1] == (date(2026, 2, 1), date(2026, 2, 28))
    assert months[-1] == (date(2026, 12, 1), date(2026, 12, 3))


def test_months_in_a_leap_year():
    months = month_ends(date(2028, 2, 29))
    assert months[0] == (date(2027, 3, 1), date(2027, 3, 31))
    assert months[-1] == (date(2028, 2, 1), date(2028, 2, 29))
    assert month_ends(date(2028, 3, 15))[-2] == (date(2028, 2, 1), date(2028, 2, 29))
    assert month_ends(date(2027, 1, 31), months=2) == [
        (date(2026, 12, 1), date(2026, 12, 31)),
        (date(2027, 1, 1), date(2027, 1, 31)),
    ]


def test_the_share_green_month_by_month():
    today = date(2028, 3, 15)
    events = [
        RatingEvent(1, 1, date(2027, 1, 5), "red"),  # before the window: counts from the start
        RatingEvent(1, 2, date(2027, 1, 5), "green"),
        RatingEvent(1, 1, date(2028, 2, 29), "green"),  # the last day of February counts in it
        RatingEvent(2, 1, date(2028, 3, 1), Rating.AMBER),  # March
        RatingEvent(1, 2, date(2028, 3, 2), None),  # no longer rated
        RatingEvent(3, 1, date(2028, 3, 16), "green"),  # tomorrow: ignored
    ]
    series = green_share_by_month(events, today)
    assert len(series) == 12
    assert (series[0].label, series[0].green, series[0].rated, series[0].percent) == (
        "April 2027",
        1,
        2,
        50,
    )
    feb, march = series[-2], series[-1]
    assert (feb.as_at, feb.green, feb.rated, feb.percent) == (date(2028, 2, 29), 2, 2, 100)
    assert (march.as_at, march.green, march.rated, march.percent) == (today, 1, 2, 50)


def test_same_day_events_take_the_last_given():
    events = [RatingEvent(1, 1, TODAY, "red"), RatingEvent(1, 1, TODAY, "green")]
    assert green_share_by_month(events, TODAY, months=1)[0].green == 1


def test_no_events_gives_empty_months():
    series = green_share_by_month([], TODAY)
    assert all(month.rated == 0 and month.percent is None for month in series)
    assert green_share_summary(series) == (
        "The share of points rated green has no figures for these months yet."
    )


@pytest.mark.parametrize(
    ("green", "rated", "percent"), [(1, 8, 13), (1, 3, 33), (2, 3, 67), (0, 5, 0), (5, 5, 100)]
)
def test_percentages_round_halves_up(green, rated, percent):
    assert MonthShare(date(2027, 1, 1), date(2027, 1, 31), green, rated).percent == percent


@pytest.mark.parametrize(
    ("values", "sentence"),
    [
        (
            [("January 2027", 40), ("February 2027", None), ("March 2027", 55)],
            "Green share rose from 40% in January 2027 to 55% in March 2027. "
            "1 of the 3 months is not rated.",
        ),
        (
            [("January 2027", None), ("February 2027", 60), ("March 2027", 20)],
            "Green share fell from 60% in February 2027 to 20% in March 2027. "
            "1 of the 3 months is not rated.",
        ),
        (
            [("January 2027", 50), ("February 2027", 50)],
            "Green share stayed at 50% from January 2027 to February 2027.",
        ),
        (
            [("January 2027", 50), ("February 2027", 70), ("March 2027", 50)],
            "Green share was 50% in both January 2027 and March 2027, "
            "ranging from 50% to 70% in between.",
        ),
        (
            [("January 2027", None), ("February 2027", 30)],
            "Green share was 30% in February 2027, the only month with figures. "
            "1 of the 2 months is not rated.",
        ),
        ([], "Green share has no figures for these months yet."),
        (
            [
                ("January 2027", None),
                ("February 2027", None),
                ("March 2027", 30),
                ("April 2027", 40),
            ],
            "Green share rose from 30% in March 2027 to 40% in April 2027. "
            "2 of the 4 months are not rated.",
        ),
    ],
)
def test_series_summary(values, sentence):
    assert series_summary(values, "Green share") == sentence


def test_green_share_summary_reads_the_series():
    series = [
        MonthShare(date(2027, 1, 1), date(2027, 1, 31), 2, 5),
        MonthShare(date(2027, 2, 1), date(2027, 2, 28), 3, 5),
    ]
    assert green_share_summary(series) == (
        "The share of points rated green rose from 40% in January 2027 to 60% in February 2027."
    )


def test_assessments_due_soonest_first_and_only_those_not_arranged_count():
    from app.rules.portfolio_figures import (
        ArrangedAssessment,
        assessments_due,
        still_to_arrange,
    )

    rows = [
        row(1, next_assessment_due=TODAY + timedelta(days=10)),
        row(2, next_assessment_due=TODAY),
        row(3, next_assessment_due=TODAY + timedelta(days=31)),  # not yet due soon
        row(4, next_assessment_due=TODAY - timedelta(days=1)),  # overdue, not due soon
        row(5),
    ]
    held = ArrangedAssessment(1, "assessment", "alpha", "arranged", TODAY + timedelta(days=5))
    due = assessments_due(rows, TODAY, {1: held})
    assert [(item.row.id, item.arranged) for item in due] == [(2, None), (1, held)]
    assert still_to_arrange(due) == 1
    assert headline_figures(rows, TODAY).assessments_due_soon == 2
    assert headline_figures(rows, TODAY, arranged={1}).assessments_due_soon == 1


def test_the_words_above_the_lists_of_assessments_overdue_and_due():
    from app.rules.portfolio_figures import due_words, overdue_words

    assert overdue_words(0, 0) == "No projects have missed the date for their next assessment."
    assert overdue_words(1, 1) == (
        "1 project has missed the date for its next assessment. It has none arranged."
    )
    assert overdue_words(1, 0).endswith("It has one arranged.")
    assert overdue_words(6, 6).endswith("None of them has one arranged.")
    assert overdue_words(6, 0).endswith("Each has one arranged.")
    assert overdue_words(6, 1).endswith("1 of them has none arranged.")
    assert overdue_words(6, 2).endswith("2 of them have none arranged.")
    assert due_words(0, 0) == "No projects have an assessment due in the next 30 days."
    assert due_words(3, 0) == "Every project with an assessment due has one arranged."
    assert due_words(3, 1) == "1 project has an assessment due and none arranged yet."
    assert due_words(3, 2) == "2 projects have an assessment due and none arranged yet."
