"""What changed since the last board: snapshots of the portfolio as at a meeting, and the
differences between two of them.

A snapshot is a plain, JSON-ready dict, so the figures as at a meeting can be stored with it
and stay as they were however the data moves on::

    {"as_at": "2027-03-01",
     "projects": {"12": {"name": "Blue Badge", "phase": "alpha", "overall": "red",
                         "red_points": [3, 5], "moved_on_past_red": false,
                         "actions": {"101": {"status": "open", "due": "2027-02-01"}},
                         "assessments_held": {"7": "2027-02-10"},
                         "reports_published": {"7": "2027-02-20"}}}}

:func:`snapshot` makes one from the board's rows; :func:`changes_since` compares two. Both
read keys as numbers or strings and dates as dates or ISO strings, and skip what they cannot
read rather than fail.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from app.rules.actions import is_open, is_overdue
from app.rules.compare import rating_change
from app.rules.phases import is_forward_move
from app.rules.portfolio import BOARD_OVERALL_LABELS, BoardOverall, ProjectRow
from app.rules.projects import phase_words


def snapshot(rows: Iterable[ProjectRow], as_at: date) -> dict[str, Any]:
    """The portfolio as at ``as_at``, from the board's rows (every project, not a person's
    scope: narrow with :func:`scoped_snapshot` when showing it)."""
    projects = {}
    for row in rows:
        facts = row.facts
        projects[str(facts.id)] = {
            "name": facts.name,
            "directorate_id": facts.directorate_id,
            "phase": facts.phase,
            "overall": row.board_overall.value,
            "red_points": list(row.red_points),
            "moved_on_past_red": row.moved_on_past_red,
            "actions": {
                str(action.id): {
                    "status": action.status,
                    "due": action.due.isoformat() if action.due else None,
                }
                for action in facts.actions
            },
            "assessments_held": {str(i): day.isoformat() for i, day in facts.assessments_held},
            "reports_published": {str(i): day.isoformat() for i, day in facts.reports_published},
        }
    return {"as_at": as_at.isoformat(), "projects": projects}


def meeting_figures(
    rows: Iterable[ProjectRow], as_at: date, arranged: Collection[int] = frozenset()
) -> dict[str, Any]:
    """What a board meeting keeps: the :func:`snapshot` of the whole programme, and its
    headline figures by directorate (``app.rules.portfolio_figures.headlines_by_directorate``)
    for the board pack. ``arranged``: the projects with a panel assessment arranged, which
    the figures do not count as due, as the portfolio's home does not."""
    from app.rules.portfolio_figures import headlines_by_directorate

    rows = list(rows)
    return {
        **snapshot(rows, as_at),
        "headlines": headlines_by_directorate(rows, as_at, arranged=arranged),
    }


def scoped_snapshot(taken: Mapping[str, Any], allowed: Iterable[int] | None) -> dict[str, Any]:
    """The snapshot with only the projects of the ``allowed`` directorates (None: all)."""
    if allowed is None:
        return dict(taken)
    allowed = set(allowed)
    projects = {
        key: project
        for key, project in (taken.get("projects") or {}).items()
        if isinstance(project, Mapping) and project.get("directorate_id") in allowed
    }
    return {**taken, "projects": projects}


# --- Reading a stored snapshot -----------------------------------------------------------------


def _date(value: object) -> date | None:
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _id(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.isascii() and value.isdigit():
        return int(value)
    return None


def _projects(taken: Mapping[str, Any] | None) -> dict[int, Mapping[str, Any]]:
    found = {}
    for key, project in ((taken or {}).get("projects") or {}).items():
        project_id = _id(key)
        if project_id is not None and isinstance(project, Mapping):
            found[project_id] = project
    return found


def _dated(project: Mapping[str, Any], name: str) -> dict[int, date]:
    found = {}
    for key, value in (project.get(name) or {}).items():
        key_id, day = _id(key), _date(value)
        if key_id is not None and day is not None:
            found[key_id] = day
    return found


def _actions(project: Mapping[str, Any]) -> dict[int, tuple[str, date | None]]:
    found = {}
    for key, value in (project.get("actions") or {}).items():
        action_id = _id(key)
        if action_id is not None and isinstance(value, Mapping):
            found[action_id] = (str(value.get("status") or ""), _date(value.get("due")))
    return found


def _red_points(project: Mapping[str, Any]) -> frozenset[int]:
    values = project.get("red_points") or ()
    return frozenset(n for n in (_id(v) for v in values) if n is not None)


# --- The differences ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ProjectNote:
    """A project that joined, left, or moved on past red since the last board."""

    project_id: int
    name: str


@dataclass(frozen=True)
class PhaseChange:
    project_id: int
    name: str
    before: str
    after: str

    @property
    def forward(self) -> bool:
        return is_forward_move(self.before, self.after)

    @property
    def words(self) -> str:
        """ "Moved on from alpha (design) to private beta (delivery)" or "Went back from
        private beta (delivery) to alpha (design)": the phases in the board's words
        (app.rules.projects.phase_words), as on its other pages."""
        verb = "Moved on" if self.forward else "Went back"
        return (
            f"{verb} from {phase_words(self.before).lower()} to {phase_words(self.after).lower()}"
        )


@dataclass(frozen=True)
class RatingChange:
    project_id: int
    name: str
    before: str  # BoardOverall values
    after: str

    @property
    def change(self) -> str:
        """``better``, ``worse``, ``newly_rated`` or ``no_longer_rated`` (app.rules.compare)."""
        return rating_change(self.before, self.after)

    @property
    def up(self) -> bool:
        return self.change == "better"

    @property
    def words(self) -> str:
        """For example "Amber to red: worse"."""
        before, after = _overall_words(self.before), _overall_words(self.after)
        how = {
            "better": "better",
            "worse": "worse",
            "newly_rated": "now assessed",
            "no_longer_rated": "no longer assessed",
        }.get(self.change, "changed")
        return f"{before} to {after.lower()}: {how}"


def _overall_words(value: str) -> str:
    try:
        return BOARD_OVERALL_LABELS[BoardOverall(value)]
    except ValueError:
        return BOARD_OVERALL_LABELS[BoardOverall.NOT_ASSESSED]


@dataclass(frozen=True)
class NewReds:
    project_id: int
    name: str
    points: tuple[int, ...]


@dataclass(frozen=True)
class ActionChange:
    project_id: int
    name: str
    action_id: int
    due: date | None


@dataclass(frozen=True)
class Dated:
    """An assessment held or a report published between the two meetings."""

    project_id: int
    name: str
    assessment_id: int
    on: date


@dataclass(frozen=True)
class BoardChanges:
    """What changed between two snapshots, each list in project name order."""

    since: date | None  # the earlier meeting; None when there was none
    as_at: date | None
    joined: tuple[ProjectNote, ...]
    left: tuple[ProjectNote, ...]
    phases: tuple[PhaseChange, ...]
    ratings: tuple[RatingChange, ...]
    new_reds: tuple[NewReds, ...]
    moved_on_past_red: tuple[ProjectNote, ...]
    actions_closed: tuple[ActionChange, ...]
    actions_newly_overdue: tuple[ActionChange, ...]
    assessments_held: tuple[Dated, ...]
    reports_published: tuple[Dated, ...]

    @property
    def ratings_up(self) -> tuple[RatingChange, ...]:
        return tuple(change for change in self.ratings if change.up)

    @property
    def ratings_down(self) -> tuple[RatingChange, ...]:
        return tuple(change for change in self.ratings if change.change == "worse")

    @property
    def nothing(self) -> bool:
        return not any(
            getattr(self, name)
            for name in (
                "joined",
                "left",
                "phases",
                "ratings",
                "new_reds",
                "moved_on_past_red",
                "actions_closed",
                "actions_newly_overdue",
                "assessments_held",
                "reports_published",
            )
        )


def _in_window(day: date, since: date | None, as_at: date | None) -> bool:
    """After the earlier meeting, up to and including the later one."""
    return (since is None or day > since) and (as_at is None or day <= as_at)


def changes_since(earlier: Mapping[str, Any] | None, later: Mapping[str, Any]) -> BoardChanges:
    """What changed from the ``earlier`` snapshot (None: there was no earlier meeting) to the
    ``later`` one.

    - phase and overall rating: different in the two (a project new since is "joined", not
      changed); an overall rating change is up or down as ``app.rules.compare.rating_change``.
    - new reds: points red in the later snapshot that were not red in the earlier.
    - moved on past red: flagged in the later snapshot and not in the earlier.
    - actions closed: closed in the later snapshot and open in the earlier, or new since.
    - actions newly overdue: overdue as at the later meeting and not as at the earlier (or new).
    - assessments held and reports published: dated after the earlier meeting, up to and
      including the later one, from either snapshot.
    """
    since = _date((earlier or {}).get("as_at"))
    as_at = _date(later.get("as_at"))
    before, after = _projects(earlier), _projects(later)

    def name_of(project_id: int) -> str:
        project = after.get(project_id) or before.get(project_id) or {}
        return str(project.get("name") or "")

    def in_order(items):
        return tuple(sorted(items, key=lambda item: (item.name.lower(), item.project_id)))

    joined, left, phases, ratings, reds, past_red = [], [], [], [], [], []
    closed, overdue, held, published = [], [], [], []
    for project_id in after.keys() - before.keys():
        joined.append(ProjectNote(project_id, name_of(project_id)))
    for project_id in before.keys() - after.keys():
        left.append(ProjectNote(project_id, name_of(project_id)))
    for project_id, now in after.items():
        name = name_of(project_id)
        was = before.get(project_id)
        if was is not None:
            if was.get("phase") != now.get("phase"):
                phases.append(
                    PhaseChange(project_id, name, str(was.get("phase")), str(now.get("phase")))
                )
            old, new = str(was.get("overall")), str(now.get("overall"))
            if rating_change(old, new) != "same":
                ratings.append(RatingChange(project_id, name, old, new))
        new_red = _red_points(now) - _red_points(was or {})
        if new_red:
            reds.append(NewReds(project_id, name, tuple(sorted(new_red))))
        if (
            now.get("moved_on_past_red") is True
            and (was or {}).get("moved_on_past_red") is not True
        ):
            past_red.append(ProjectNote(project_id, name))
        old_actions = _actions(was or {})
        for action_id, (status, due) in sorted(_actions(now).items()):
            old_status, old_due = old_actions.get(action_id, (None, None))
            if not is_open(status) and (old_status is None or is_open(old_status)):
                closed.append(ActionChange(project_id, name, action_id, due))
            overdue_now = as_at is not None and is_overdue(status, due, as_at)
            overdue_then = (
                old_status is not None
                and since is not None
                and is_overdue(old_status, old_due, since)
            )
            if overdue_now and not overdue_then:
                overdue.append(ActionChange(project_id, name, action_id, due))
    for kind, found in (("assessments_held", held), ("reports_published", published)):
        days: dict[tuple[int, int], date] = {}
        for projects in (before, after):
            for project_id, project in projects.items():
                for assessment_id, day in _dated(project, kind).items():
                    days[(project_id, assessment_id)] = day
        for (project_id, assessment_id), day in sorted(days.items(), key=lambda item: item[1]):
            if _in_window(day, since, as_at):
                found.append(Dated(project_id, name_of(project_id), assessment_id, day))
    return BoardChanges(
        since=since,
        as_at=as_at,
        joined=in_order(joined),
        left=in_order(left),
        phases=in_order(phases),
        ratings=in_order(ratings),
        new_reds=in_order(reds),
        moved_on_past_red=in_order(past_red),
        actions_closed=in_order(closed),
        actions_newly_overdue=in_order(overdue),
        assessments_held=in_order(held),
        reports_published=in_order(published),
    )
