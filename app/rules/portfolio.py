"""The programme board's portfolio: the rating that counts for a point, each project's row,
and directorate scope.

Plain values in, plain values out: the data layer loads :class:`ProjectFacts` for every
project in a few queries and these rules decide what the board sees. The rating of a point
and the worst-of overall rating are ``app.rules.ratings``'s, never worked out again here.

Beside it: the headline figures and each point across the portfolio
(``portfolio_figures``), the grid's filters and sorting (``portfolio_grid``), what changed
since the last board (``portfolio_changes``) and the trends (``portfolio_trends``).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from functools import cache, cached_property, lru_cache

from app.rules.actions import count_open_and_overdue
from app.rules.dates import long_date
from app.rules.permissions import in_directorates
from app.rules.phases import Phase, is_forward_move, known_phase, phase_label
from app.rules.phases import programme_word as _programme_word
from app.rules.projects import assessment_overdue
from app.rules.ratings import (
    RATING_LABELS,
    Overall,
    Rating,
    RatingSource,
    overall_rating,
    parse_rating,
    point_rating,
)
from app.rules.reports import outcome_word
from app.rules.self_assessment import add_months

STALE_AFTER_MONTHS = 3  # the default age after which a self-assessment is flagged

# --- The rating that counts for a point ----------------------------------------------------

SOURCE_WORDS = {RatingSource.PANEL: "panel rating", RatingSource.TEAM: "team's self-rating"}
NOT_ASSESSED_WORDS = "Not assessed"


@dataclass(frozen=True)
class CountedRating:
    """A point's rating that counts, where it came from, and both in words."""

    rating: Rating | None
    source: RatingSource | None  # panel, team, or None when nobody has rated it
    label: str  # "Red", "Not met" (a panel's framework words), "Not assessed"

    @property
    def words(self) -> str:
        """What a screen reader hears in the cell: "Red, panel rating"."""
        if self.source is None:
            return NOT_ASSESSED_WORDS
        return f"{self.label}, {SOURCE_WORDS[self.source]}"


@cache
def counted_rating(
    team: Rating | str | None, panel: Rating | str | None, outcomes: str | None = None
) -> CountedRating:
    """The rating that counts for a point: the panel's if it has one, else the team's.

    ``team`` is the point's rating in the project's latest submitted self-assessment and
    ``panel`` the latest published panel rating of that point built on it (as
    ``app.data.ratings.point_ratings`` gives them); either may be missing. The rule itself is
    ``app.rules.ratings.point_rating``. A panel's rating is put in its framework's words
    (``outcomes``: met / not met where a framework declares them); a team's is always
    red, amber or green. Kept once for each combination, of which there are few: the grid
    asks for fourteen thousand at a thousand projects.
    """
    found = point_rating(team, panel)
    rating, source = found.counts, found.source
    if rating is None or source is None:
        return CountedRating(None, None, NOT_ASSESSED_WORDS)
    label = (
        outcome_word(outcomes, rating) if source is RatingSource.PANEL else RATING_LABELS[rating]
    )
    return CountedRating(rating, source, label)


# --- A project's row -----------------------------------------------------------------------


@dataclass(frozen=True)
class FrameworkInfo:
    """The standard a project is assessed against: one grid's columns. Shared by every
    project on the same framework."""

    id: int
    name: str
    points: tuple[tuple[int, str], ...]  # (number, title), in number order
    outcomes: str | None = None  # the panel's words: red_amber_green (default) or met_not_met

    @cached_property
    def numbers(self) -> tuple[int, ...]:
        return tuple(number for number, _ in self.points)


@dataclass(frozen=True)
class ActionState:
    """An action as the board counts it."""

    id: int
    status: str  # app.rules.actions.ActionStatus
    due: date | None


@dataclass(frozen=True)
class RatedAssessment:
    """One settled assessment in a project's history, for "moved on past red".

    ``when`` orders them (submitted, or published for a panel's); use one kind throughout,
    dates or times. ``ratings`` is each point's rating that counts in that assessment.
    """

    phase: str
    when: date | datetime
    ratings: Mapping[int, Rating | str | None]


@dataclass(frozen=True)
class ProjectFacts:
    """What the data layer loads about one project for the board."""

    id: int
    name: str
    framework: FrameworkInfo
    phase: str
    directorate_id: int | None = None
    directorate: str = ""
    ratings: Mapping[int, tuple[str | None, str | None]] = field(default_factory=dict)
    """``{point number: (team rating, panel rating)}``, as app.data.ratings.point_ratings."""
    self_assessment_changed: date | None = None  # the UK date the latest one last changed
    next_assessment_due: date | None = None
    actions: Sequence[ActionState] = ()
    history: Sequence[RatedAssessment] = ()
    left_red: Sequence[tuple[int, str]] | None = None
    """The points its history leaves red (:func:`left_red`), when the data layer has them
    kept; None to work them out from ``history``."""
    override_stands: bool = False  # app.rules.phase_moves.override_stands for its moves
    reports_overdue: int = 0  # its reports late today (app.rules.report_steps.overdue_step)
    cashable_benefit: int | None = None  # pounds a year
    non_cashable_benefit: str | None = None  # low, moderate, high; None is not known
    assessments_held: Sequence[tuple[int, date]] = ()  # (assessment id, held on)
    reports_published: Sequence[tuple[int, date]] = ()  # (assessment id, published on)


@dataclass(frozen=True)
class Staleness:
    """When the project's latest self-assessment last changed, and whether that is too long ago."""

    last_changed: date | None
    stale: bool
    words: str


@lru_cache(maxsize=4096)
def staleness(
    last_changed: date | datetime | None, today: date, months: int = STALE_AFTER_MONTHS
) -> Staleness:
    """Flag a self-assessment last changed more than ``months`` calendar months ago, or none.

    The cut-off is the same day ``months`` earlier (the month's last day when it is shorter:
    three months before 31 May is 28 or 29 February). Changed on the cut-off day itself is not
    yet stale. A time is taken as its date (pass the UK date, ``app.clock.uk_date``).
    """
    if last_changed is None:
        return Staleness(None, True, "Never assessed")
    if isinstance(last_changed, datetime):
        last_changed = last_changed.date()
    stale = last_changed < add_months(today, -months)
    words = f"Last changed {long_date(last_changed)}"
    if stale:
        words += f", more than {months} month{'s' if months != 1 else ''} ago"
    return Staleness(last_changed, stale, words)


class Stage(StrEnum):
    """The council's programme words for the phases."""

    CONCEPT = "concept"
    DESIGN = "design"
    DELIVERY = "delivery"
    CLOSED = "closed"


STAGE_LABELS = {stage: stage.value.capitalize() for stage in Stage}


@cache
def programme_stage(phase: str | None) -> Stage | None:
    """Concept (discovery), design (alpha), delivery (beta and live) or closed (retired); None
    for a value that is not a phase. The words are ``app.rules.phases.PROGRAMME_WORDS``."""
    word = _programme_word(phase)
    return Stage(word.lower()) if word else None


@dataclass(frozen=True)
class PastRed:
    """Why a project counts as having moved on past red."""

    points: tuple[tuple[int, str], ...] = ()  # (point number, phase it was left red in)
    override_stands: bool = False

    @property
    def moved_on(self) -> bool:
        return bool(self.points) or self.override_stands

    @property
    def words(self) -> str:
        parts = []
        if self.points:
            listed = ", ".join(f"{n} (red since {phase_label(p).lower()})" for n, p in self.points)
            noun = "point" if len(self.points) == 1 else "points"
            parts.append(f"Moved on with {noun} {listed}")
        if self.override_stands:
            parts.append("Moved on despite red points, with a reason recorded")
        return "; ".join(parts)


def left_red(history: Iterable[RatedAssessment]) -> tuple[tuple[int, str], ...]:
    """``((point number, phase), ...)``: the points ``history`` leaves red, each with the
    phase of the assessment that last rated it red, in point order.

    A point is *left red* when the latest assessment that rated it (whatever its kind) rated
    it red: a later green or amber clears it, a later assessment that does not rate it leaves
    it. Assessments at the same moment keep the order given. It does not depend on the
    project's current phase, so ``app.data.standings`` keeps it between changes.
    """
    latest: dict[int, tuple[Rating, str]] = {}
    for assessment in sorted(history, key=lambda a: a.when):
        for number, value in assessment.ratings.items():
            rating = _rating(value)
            if rating is not None:
                latest[number] = (rating, assessment.phase)
    return tuple(
        (number, phase)
        for number, (rating, phase) in sorted(latest.items())
        if rating is Rating.RED
    )


@lru_cache(maxsize=4096)
def past_red(
    current_phase: str, left: tuple[tuple[int, str], ...], override_stands: bool = False
) -> PastRed:
    """Whether a project in ``current_phase`` has moved on past red, from the points its
    history leaves red (:func:`left_red`).

    It has when a point was left red by an assessment of an earlier phase than its current
    one (a red in the current phase is red, not moved past). A retired project has not moved
    on; a value that is not a phase moves nowhere. A move past red points whose recorded
    reason still stands (``app.rules.phase_moves.override_stands``) counts too.
    """
    if known_phase(current_phase) in (None, Phase.RETIRED):
        return PastRed((), override_stands)
    points = tuple(
        (number, phase) for number, phase in left if is_forward_move(phase, current_phase)
    )
    return PastRed(points, override_stands)


def moved_on_past_red(
    current_phase: str, history: Iterable[RatedAssessment], override_stands: bool = False
) -> PastRed:
    """Whether the project has moved on past red, and on which points: :func:`past_red` of
    what :func:`left_red` finds in ``history``."""
    return past_red(current_phase, left_red(history), override_stands)


@cache
def _rating(value: Rating | str | None) -> Rating | None:
    return value if isinstance(value, Rating) else parse_rating(value)


class BoardOverall(StrEnum):
    """The overall rating as the board counts projects: pending and not started are both
    "not yet assessed"."""

    GREEN = "green"
    AMBER = "amber"
    RED = "red"
    NOT_ASSESSED = "not_assessed"


BOARD_OVERALL_LABELS = {
    BoardOverall.GREEN: "Green",
    BoardOverall.AMBER: "Amber",
    BoardOverall.RED: "Red",
    BoardOverall.NOT_ASSESSED: "Not yet assessed",
}


def board_overall(overall: Overall | str | None) -> BoardOverall:
    try:
        return BoardOverall(overall)
    except ValueError:
        return BoardOverall.NOT_ASSESSED


@dataclass(frozen=True)
class Cell:
    number: int
    rating: CountedRating


@dataclass(frozen=True)
class ProjectRow:
    """One project's row on the board."""

    facts: ProjectFacts
    cells: tuple[Cell, ...]  # one per point of its framework, in number order
    overall: Overall
    staleness: Staleness
    stage: Stage | None
    past_red: PastRed
    open_actions: int
    overdue_actions: int
    assessment_overdue: bool

    @property
    def id(self) -> int:
        return self.facts.id

    @property
    def board_overall(self) -> BoardOverall:
        return board_overall(self.overall)

    @property
    def overall_words(self) -> str:
        """ "Red", "Amber", "Green", or "Not yet assessed" (with how many points are rated
        when some are)."""
        bucket = self.board_overall
        if bucket is not BoardOverall.NOT_ASSESSED:
            return BOARD_OVERALL_LABELS[bucket]
        rated = sum(1 for cell in self.cells if cell.rating.rating is not None)
        if rated:
            return f"Not yet assessed: {rated} of {len(self.cells)} points rated"
        return BOARD_OVERALL_LABELS[bucket]

    @property
    def red_points(self) -> tuple[int, ...]:
        return tuple(cell.number for cell in self.cells if cell.rating.rating is Rating.RED)

    @property
    def has_red_points(self) -> bool:
        return bool(self.red_points)

    @property
    def has_overdue_actions(self) -> bool:
        return self.overdue_actions > 0

    @property
    def moved_on_past_red(self) -> bool:
        return self.past_red.moved_on

    @property
    def stage_words(self) -> str:
        return STAGE_LABELS[self.stage] if self.stage else ""

    def cell(self, number: int) -> Cell | None:
        return next((cell for cell in self.cells if cell.number == number), None)


_UNRATED = (None, None)


@cache
def _cell(number: int, team, panel, outcomes: str | None) -> Cell:
    """One cell, kept once for each combination (cells are never changed)."""
    return Cell(number, counted_rating(team, panel, outcomes))


def project_row(
    facts: ProjectFacts, today: date, stale_after_months: int = STALE_AFTER_MONTHS
) -> ProjectRow:
    """A project's row: per-point cells, overall rating, staleness, stage and its flags.

    The overall is ``app.rules.ratings.overall_rating`` over the rating that counts for each
    point of its framework: any red makes it red; otherwise a point not yet rated leaves it
    pending, which the board counts as not yet assessed (as it does a project nobody has
    rated). Ratings of points that are not in its framework are ignored.
    """
    cells, overall = _cells_and_overall(
        facts.framework.numbers, facts.framework.outcomes, tuple(facts.ratings.items())
    )
    open_count, overdue = count_open_and_overdue(((a.status, a.due) for a in facts.actions), today)
    return ProjectRow(
        facts=facts,
        cells=cells,
        overall=overall,
        staleness=staleness(facts.self_assessment_changed, today, stale_after_months),
        stage=programme_stage(facts.phase),
        past_red=past_red(
            facts.phase,
            left_red(facts.history) if facts.left_red is None else tuple(facts.left_red),
            facts.override_stands,
        ),
        open_actions=open_count,
        overdue_actions=overdue,
        assessment_overdue=assessment_overdue(facts.next_assessment_due, today),
    )


@lru_cache(maxsize=16384)
def _cells_and_overall(
    numbers: tuple[int, ...], outcomes: str | None, ratings: tuple
) -> tuple[tuple[Cell, ...], Overall]:
    """The cells of a row and its overall rating, kept once for each combination of
    framework and ratings: from one page to the next most projects' are the same (a
    thousand rows made 14,000 cells a request)."""
    found = dict(ratings)
    cells = tuple(_cell(number, *found.get(number, _UNRATED), outcomes) for number in numbers)
    rated = [cell.rating.rating for cell in cells]
    return cells, overall_rating(rated) if any(rated) else Overall.NOT_STARTED


# --- Directorate scope ---------------------------------------------------------------------


def in_scope(directorate_id: int | None, allowed: Collection[int] | None) -> bool:
    """Whether a person limited to ``allowed`` directorates (None: all of them) sees a project
    of ``directorate_id``. A project with no directorate is seen only by people with all.
    The rule is ``app.rules.permissions.in_directorates``."""
    return in_directorates(directorate_id, allowed)


def scoped(rows: Iterable[ProjectRow], allowed: Collection[int] | None) -> list[ProjectRow]:
    """The rows a person limited to ``allowed`` directorates sees; figures are made from these."""
    if allowed is None:
        return list(rows)
    allowed = frozenset(allowed)
    return [row for row in rows if in_scope(row.facts.directorate_id, allowed)]
