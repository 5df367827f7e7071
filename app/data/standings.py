"""Each project's standing for the board, kept between changes.

The board's pages need, for every project in view, the ratings that count on each point,
when its self-assessment last changed, which points its history leaves red, and whether a
move past red stands. Worked out from every settled assessment, that was most of the time
of a grid of a thousand projects. So it is kept, one row a project
(:class:`app.models.ProjectStanding`), and worked out again for a project whenever a change
to it is committed:

- after each flush, the projects whose assessments, answers, panel ratings or phase moves
  were added, changed or removed are noted on the session;
- just before the commit, each noted project's row is locked (so two commits to one project
  at once work it out one after the other, the second from the first's result), worked out
  from what is now in the database and written, in the same transaction.

Whatever writes through the session keeps it true: a command, the demo loader, a test's
factory, or a bulk ``insert()``, ``update()`` or ``delete()`` of those tables (the board
benchmark's seeding), which marks every project. A row changed by its primary key alone is
traced to its project at the commit. SQL written around the session is not seen: call
:func:`refresh_standings` after it. A row that is missing, after the migration that added
the table, is worked out as the board reads it, and kept.

Only what does not depend on the date is kept: overdue and stale are worked out on reading.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache

from sqlalchemy import bindparam, event, func, inspect, select
from sqlalchemy.orm import Session

from app.clock import uk_date
from app.data.portfolio import (
    _moved_on_despite_red,
    submitted_and_not_withdrawn,
    submitted_time,
)
from app.data.ratings import point_ratings
from app.data.rows import plain_rows
from app.extensions import db
from app.models import (
    Answer,
    Assessment,
    Judgement,
    PhaseChange,
    Point,
    Project,
    ProjectStanding,
)
from app.rules.portfolio import RatedAssessment, left_red
from app.rules.self_assessment import AssessmentKind, AssessmentStatus

SELF = AssessmentKind.SELF_ASSESSMENT.value
_PROJECTS = "standings: projects changed"
_ASSESSMENTS = "standings: assessments changed"
_UNREAD = "standings: rows changed without their keys read"


@dataclass(frozen=True, slots=True)
class Standing:
    """One project's kept facts, as the board reads them."""

    ratings: dict[int, tuple[str | None, str | None]]  # as app.data.ratings.point_ratings
    changed: date | None  # the UK date its latest self-assessment last changed
    left_red: tuple[tuple[int, str], ...]  # app.rules.portfolio.left_red
    override_stands: bool  # app.data.portfolio._moved_on_despite_red

    def stored(self) -> str:
        """The compact JSON kept in ``project_standing.facts``."""
        return json.dumps(
            {
                "ratings": [[number, *pair] for number, pair in sorted(self.ratings.items())],
                "changed": self.changed.isoformat() if self.changed else None,
                "left_red": [list(pair) for pair in self.left_red],
                "override_stands": self.override_stands,
            },
            separators=(",", ":"),
        )

    @staticmethod
    @lru_cache(maxsize=8192)
    def from_stored(kept: str) -> Standing:
        """The standing that ``kept`` (:meth:`stored`) describes. Kept once for each text
        (a project's standing is the same from one page to the next), so the board does not
        parse a thousand of them on every page. The one object is shared: never change it."""
        facts = json.loads(kept)
        changed = facts["changed"]
        return Standing(
            {number: (team, panel) for number, team, panel in facts["ratings"]},
            date.fromisoformat(changed) if changed else None,
            tuple((number, phase) for number, phase in facts["left_red"]),
            bool(facts["override_stands"]),
        )


NOT_ASSESSED = Standing({}, None, (), False)


# --- Reading ---------------------------------------------------------------------------------


def standings(
    project_ids: Collection[int], among=None, parameters: dict | None = None
) -> dict[int, Standing]:
    """``{project id: its standing}`` for ``project_ids``: one query when every one is kept.
    Those not kept yet are worked out (a few queries, whatever their number) and kept.

    ``among``, a query of project ids that holds ``project_ids`` (the projects in a
    person's scope), is read in their place: a short statement rather than a thousand
    bound ids, which PostgreSQL's driver parses afresh every time; ``parameters`` are what
    it binds."""
    if not project_ids:
        return {}
    if among is not None:
        rows = plain_rows(_kept_among(among), parameters)
    else:
        rows = plain_rows(_kept_query(), {"ids": sorted(project_ids)})
    wanted = set(project_ids)
    found: dict[int, Standing] = {}
    for project_id, facts in rows:
        if facts is not None and project_id in wanted:
            found[project_id] = Standing.from_stored(facts)
    missing = sorted(wanted - found.keys())
    if missing:
        from app.commands.board import keep_standings

        found.update(keep_standings(missing))
    return found


@lru_cache(maxsize=16)
def _kept_among(among):
    """Built once for each query of project ids (the board's are built once: app.data.board)."""
    return select(ProjectStanding.project_id, ProjectStanding.facts).where(
        ProjectStanding.project_id.in_(among)
    )


@cache
def _kept_query():
    """Built once; the ids are bound on each use."""
    return select(ProjectStanding.project_id, ProjectStanding.facts).where(
        ProjectStanding.project_id.in_(bindparam("ids", expanding=True))
    )


def work_out(project_ids: Collection[int]) -> dict[int, Standing]:
    """``{project id: its standing}`` from the assessments as they are now, for each of
    ``project_ids`` that exists; a few queries, whatever their number."""
    ids = sorted(project_ids)
    if not ids:
        return {}
    existing = {row[0] for row in plain_rows(select(Project.id).where(Project.id.in_(ids)))}
    if not existing:
        return {}
    chosen = sorted(existing)
    history, latest = _history(chosen)
    changed = _self_assessment_changed(chosen)
    overridden = _moved_on_despite_red(chosen)
    return {
        project_id: Standing(
            latest.get(project_id, {}),
            changed.get(project_id),
            left_red(history.get(project_id, ())),
            project_id in overridden,
        )
        for project_id in chosen
    }


# --- Keeping ---------------------------------------------------------------------------------


def refresh_standings(project_ids: Iterable[int | None]) -> dict[int, Standing]:
    """Work out and keep the standing of ``project_ids`` in the session's transaction.

    Each project's row is made if missing and locked first (``FOR UPDATE`` on PostgreSQL;
    SQLite lets one writer in at a time anyway), so a commit that changed the project at the
    same moment finishes before this one reads it. A project that no longer exists loses
    its row. Returns what it kept."""
    ids = sorted({project_id for project_id in project_ids if project_id is not None})
    if not ids:
        return {}
    session = db.session
    connection = session.connection()
    _insert_missing(connection, ids)
    # In id order, always: two commits locking overlapping projects never wait on each other
    # in a circle.
    connection.execute(
        select(ProjectStanding.project_id)
        .where(ProjectStanding.project_id.in_(ids))
        .order_by(ProjectStanding.project_id)
        .with_for_update()
    ).all()
    found = work_out(ids)
    if found:
        connection.execute(
            ProjectStanding.__table__.update()
            .where(ProjectStanding.__table__.c.project_id == bindparam("key"))
            .values(facts=bindparam("kept")),
            [{"key": key, "kept": standing.stored()} for key, standing in found.items()],
        )
    gone = sorted(set(ids) - found.keys())
    if gone:
        connection.execute(
            ProjectStanding.__table__.delete().where(ProjectStanding.project_id.in_(gone))
        )
    return found


def _insert_missing(connection, ids: list[int]) -> None:
    """A row for each of ``ids`` that has none (``facts`` None), leaving any row there."""
    table = ProjectStanding.__table__
    if connection.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    existing = select(Project.id).where(Project.id.in_(ids)).order_by(Project.id)
    connection.execute(
        insert(table)
        .from_select(["project_id"], existing)
        .on_conflict_do_nothing(index_elements=["project_id"])
    )


# --- Noting what a commit changes ----------------------------------------------------------

_installed = False


def install_standings_upkeep() -> None:
    """Keep every project's standing true at each commit (once per process)."""
    global _installed
    if _installed:
        return
    event.listen(Session, "after_flush", _note_changes)
    event.listen(Session, "do_orm_execute", _note_bulk_changes)
    event.listen(Session, "before_commit", _refresh_noted)
    event.listen(Session, "after_rollback", _forget_noted)
    _installed = True


def _note_changes(session: Session, _flush_context) -> None:
    info = session.info
    projects: set = info.setdefault(_PROJECTS, set())
    assessments: set = info.setdefault(_ASSESSMENTS, set())
    unread: set = info.setdefault(_UNREAD, set())
    deleted = session.deleted
    for row in (*session.new, *session.dirty, *deleted):
        kind = type(row)
        if kind is Point:
            projects.add(ALL)
            continue
        column = _KEY_COLUMN.get(kind)
        if column is None:
            continue
        # A row changed without being read in this transaction (set on an object expired
        # by an earlier commit) has only its primary key: its project is looked up at the
        # commit, or, if it was deleted, every project is worked out again.
        value = row.__dict__.get(column)
        if value is None:
            if row in deleted:
                projects.add(ALL)
            else:
                unread.add((kind, inspect(row).identity[0]))
        elif kind is Answer or kind is Judgement:
            assessments.add(value)
        else:
            projects.add(value)


# The column that leads from each watched row to its project (an answer or a panel rating
# leads to its assessment first).
_KEY_COLUMN = {
    Project: "id",
    Assessment: "project_id",
    PhaseChange: "project_id",
    Answer: "assessment_id",
    Judgement: "assessment_id",
}


ALL = "all"
_WATCHED = (*_KEY_COLUMN, Point)


def _note_bulk_changes(state) -> None:
    """An ``update()``, ``delete()`` or ``insert()`` of watched rows run through the session
    (not row by row): which projects it touched is not known, so every one is worked out
    again at the commit."""
    if not (state.is_update or state.is_delete or state.is_insert):
        return
    mapper = state.bind_mapper
    if mapper is not None and issubclass(mapper.class_, _WATCHED):
        state.session.info.setdefault(_PROJECTS, set()).add(ALL)


def _refresh_noted(session: Session) -> None:
    if not _is_the_services(session):
        return
    session.flush()  # what is still unsaved is noted as it is flushed
    projects = set(session.info.pop(_PROJECTS, ()))
    assessments = {found for found in session.info.pop(_ASSESSMENTS, ()) if found is not None}
    unread = session.info.pop(_UNREAD, set())
    if not projects and not assessments and not unread:
        return
    if ALL in projects:  # every project, and every kept standing (some may be gone)
        projects = {row[0] for row in plain_rows(select(Project.id))} | {
            row[0] for row in plain_rows(select(ProjectStanding.project_id))
        }
    else:
        projects |= _projects_of(assessments, unread)
    projects.discard(None)
    refresh_standings(projects)


def _projects_of(assessments: set[int], unread: set[tuple[type, int]]) -> set[int]:
    """The projects of ``assessments`` and of the rows ``unread`` (``(model, id)``)."""
    found: set[int] = set()
    by_kind: dict[type, list[int]] = defaultdict(list)
    for kind, key in unread:
        by_kind[kind].append(key)
    if by_kind.get(Project):
        found |= set(by_kind[Project])
    for kind in (Assessment, PhaseChange):
        if by_kind.get(kind):
            found |= {
                row[0]
                for row in plain_rows(
                    select(kind.project_id).where(kind.id.in_(sorted(by_kind[kind])))
                )
            }
    for kind in (Answer, Judgement):
        if by_kind.get(kind):
            assessments = assessments | {
                row[0]
                for row in plain_rows(
                    select(kind.assessment_id).where(kind.id.in_(sorted(by_kind[kind])))
                )
            }
    if assessments:
        found |= {
            row[0]
            for row in plain_rows(
                select(Assessment.project_id).where(Assessment.id.in_(sorted(assessments)))
            )
        }
    return found


def _forget_noted(session: Session) -> None:
    for key in (_PROJECTS, _ASSESSMENTS, _UNREAD):
        session.info.pop(key, None)


def _is_the_services(session: Session) -> bool:
    """Whether ``session`` is the one ``db.session`` stands for here (the loaders use it)."""
    try:
        return db.session() is session
    except RuntimeError:  # outside an application context
        return False


# --- Working it out --------------------------------------------------------------------------


def _self_assessment_changed(ids) -> dict[int, date]:
    """``{project id: the UK date its latest self-assessment last changed}``: the newest
    change to any self-assessment it has not withdrawn, or to one of their answers."""
    found: dict[int, date] = {}
    assessed = (
        select(Assessment.project_id, func.max(Assessment.updated_at).label("at"))
        .where(
            Assessment.project_id.in_(ids),
            Assessment.kind == SELF,
            Assessment.status != AssessmentStatus.WITHDRAWN.value,
        )
        .group_by(Assessment.project_id)
    )
    answered = (
        select(Assessment.project_id, func.max(Answer.updated_at).label("at"))
        .join(Answer, Answer.assessment_id == Assessment.id)
        .where(
            Assessment.project_id.in_(ids),
            Assessment.kind == SELF,
            Assessment.status != AssessmentStatus.WITHDRAWN.value,
        )
        .group_by(Assessment.project_id)
    )
    union = assessed.union_all(answered).subquery()
    for project_id, moment in plain_rows(
        select(union.c.project_id, func.max(union.c.at)).group_by(union.c.project_id)
    ):
        if moment is not None:
            found[project_id] = uk_date(moment) if hasattr(moment, "tzinfo") else moment
    return found


def _history(ids):
    """``({project id: its settled self-assessments, oldest first}, {project id: {point
    number: (team rating, panel rating)} of its newest settled one})``.

    Each settled self-assessment carries the rating that counts for each point (the
    panel's where one published over it), as far as "moved on past red" can need it. The
    last one submitted rates every point of its version when its team has rated them all
    (as submitting asks), and then the earlier ones cannot change what is left red: their
    ratings are read only for a project whose last one leaves a point unrated or whose
    earlier ones are on another version of the framework. The newest is the one created
    last, as ``app.data.portfolio.latest_assessments`` picks it, whether or not it has a
    time.

    Four to six queries. At a thousand projects, reading every rating of every earlier
    self-assessment was most of the grid's time."""
    settled = plain_rows(
        select(
            Assessment.id,
            Assessment.project_id,
            Assessment.phase,
            submitted_time(),
            Assessment.created_at,
            Assessment.framework_version_id,
        )
        .where(
            Assessment.project_id.in_(ids),
            Assessment.kind == SELF,
            submitted_and_not_withdrawn(),
        )
        .order_by(Assessment.id)
    )
    if not settled:
        return {}, {}
    newest: dict[int, tuple] = {}
    last: dict[int, tuple] = {}
    for assessment_id, project_id, _, when, created, version in settled:
        key = (created, assessment_id)
        if project_id not in newest or key > newest[project_id][0]:
            newest[project_id] = (key, assessment_id)
        if when is not None:
            key = (when, assessment_id)
            if project_id not in last or key > last[project_id][0]:
                last[project_id] = (key, assessment_id, version)
    whole = {found[1] for found in newest.values()} | {found[1] for found in last.values()}
    ratings = point_ratings(sorted(whole))

    # Which projects' earlier self-assessments could still leave a point red.
    sizes = dict(
        plain_rows(select(Point.version_id, func.count(Point.id)).group_by(Point.version_id))
    )
    needs_earlier = set()
    for project_id, (_, assessment_id, version) in last.items():
        rated = sum(1 for team, _ in ratings.get(assessment_id, {}).values() if team)
        if rated < sizes.get(version, 0):
            needs_earlier.add(project_id)
    earlier = []
    for assessment_id, project_id, _, when, _, version in settled:
        if assessment_id in whole or when is None:
            continue
        if project_id in last and version != last[project_id][2]:
            needs_earlier.add(project_id)
        earlier.append((assessment_id, project_id))
    read = sorted(found for found, project_id in earlier if project_id in needs_earlier)
    if read:
        ratings.update(point_ratings(read))

    found: dict[int, list[RatedAssessment]] = defaultdict(list)
    for assessment_id, project_id, phase, when, _, _ in sorted(
        settled, key=lambda row: (row[3] is None, row[3] or 0, row[0])
    ):
        if when is None:
            continue
        counted = {
            number: panel or team
            for number, (team, panel) in ratings.get(assessment_id, {}).items()
        }
        found[project_id].append(RatedAssessment(phase, when, counted))
    latest = {
        project_id: ratings.get(assessment_id, {})
        for project_id, (_, assessment_id) in newest.items()
    }
    return found, latest
