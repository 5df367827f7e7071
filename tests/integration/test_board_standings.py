"""Each project's standing kept for the board (app.data.standings): worked out again at
every commit that changes it, worked out on reading where it is missing, and dropped
with its project. (After every integration test, tests/integration/conftest.py also checks
that every kept standing is what working it out afresh gives.)"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import delete, func, select, update

from app.data.board import portfolio_rows
from app.data.standings import Standing, refresh_standings, standings, work_out
from app.models import Answer, PhaseChange, Project, ProjectStanding
from app.rules.portfolio import BoardOverall
from tests.conftest import TODAY
from tests.integration.factories import answer, make_project
from tests.integration.test_board_data import submitted


def kept(database, project_id):
    facts = database.scalar(
        select(ProjectStanding.facts).where(ProjectStanding.project_id == project_id)
    )
    return None if facts is None else Standing.from_stored(facts)


def overall(name):
    return {row.facts.name: row for row in portfolio_rows(None, TODAY)}[name].board_overall


def test_a_commit_that_changes_a_rating_keeps_the_new_standing(database, make_person):
    person = make_person()
    project = make_project(database, "Blue Badge", team=[(person, "member")])
    assert kept(database, project.id) == work_out([project.id])[project.id]
    assert kept(database, project.id).ratings == {}

    assessment = submitted(database, project, person, "green")
    assert set(kept(database, project.id).ratings.values()) == {("green", None)}
    assert overall("Blue Badge") is BoardOverall.GREEN

    answer(database, assessment, 4).self_rating = "red"
    database.commit()  # not flushed before the commit: the commit itself notes it
    assert kept(database, project.id).ratings[4] == ("red", None)
    assert overall("Blue Badge") is BoardOverall.RED


def test_a_change_to_a_row_not_read_since_the_last_commit_is_kept(database, make_person):
    person = make_person()
    project = make_project(database, "Blue Badge", phase="alpha", team=[(person, "member")])
    move = PhaseChange(
        project_id=project.id,
        from_phase="discovery",
        to_phase="alpha",
        changed_by_id=person.id,
        reason="Ready",
        override_reason="Red points are in hand",
    )
    database.add(move)
    database.commit()
    assert kept(database, project.id).override_stands
    # The commit expired it: only its primary key is known until it is read again, and a
    # move (having no version to check) is written without reading it.
    assert "project_id" not in move.__dict__
    move.override_reason = None
    database.commit()
    assert not kept(database, project.id).override_stands


def test_a_change_rolled_back_is_not_kept(database, make_person):
    person = make_person()
    project = make_project(database, "Blue Badge", team=[(person, "member")])
    assessment = submitted(database, project, person, "green")
    before = kept(database, project.id)
    answer(database, assessment, 4).self_rating = "red"
    database.flush()
    database.rollback()
    database.commit()
    assert kept(database, project.id) == before


def test_a_change_of_many_rows_at_once_works_out_every_project_again(database, make_person):
    person = make_person()
    first = make_project(database, "Blue Badge", team=[(person, "member")])
    second = make_project(database, "Road repairs", team=[(person, "member")])
    submitted(database, first, person, "green")
    submitted(database, second, person, "green")
    database.execute(update(Answer).values(self_rating="amber"))
    database.commit()
    assert set(kept(database, first.id).ratings.values()) == {("amber", None)}
    assert set(kept(database, second.id).ratings.values()) == {("amber", None)}


def test_a_missing_standing_is_worked_out_as_the_board_reads_it_and_kept(database, make_person):
    person = make_person()
    project = make_project(database, "Blue Badge", team=[(person, "member")])
    submitted(database, project, person, "red")
    # As after the migration that added them, or a load that wrote around the ORM.
    database.execute(
        ProjectStanding.__table__.delete().where(ProjectStanding.project_id == project.id)
    )
    database.commit()
    assert kept(database, project.id) is None

    assert overall("Blue Badge") is BoardOverall.RED
    assert kept(database, project.id) == work_out([project.id])[project.id]
    assert standings([project.id]) == {project.id: kept(database, project.id)}


def test_the_standing_of_a_project_that_is_gone_is_dropped(database):
    project = make_project(database, "Blue Badge")
    project_id = project.id
    assert kept(database, project_id) is not None
    database.execute(delete(Project).where(Project.id == project_id))
    database.commit()
    assert (
        database.scalar(select(func.count()).where(ProjectStanding.project_id == project_id)) == 0
    )
    assert refresh_standings([project_id]) == {}


def test_what_is_kept_reads_back_the_same(database):
    standing = Standing(
        {1: ("green", None), 3: ("amber", "red")},
        datetime(2026, 11, 2, tzinfo=UTC).date(),
        ((3, "alpha"),),
        True,
    )
    assert Standing.from_stored(standing.stored()) == standing
    assert Standing.from_stored(standing.stored()) is Standing.from_stored(standing.stored())


def test_rows_changed_with_only_their_keys_known_are_traced_to_their_projects(
    database, make_person
):
    """What the commit does with a row whose keys were never read in its transaction (the
    ORM may write one by its primary key alone): its project is looked up, or, for one
    deleted, every project is worked out again."""
    from types import SimpleNamespace

    from app.data import standings

    person = make_person()
    project = make_project(database, "Blue Badge", team=[(person, "member")])
    assessment = submitted(database, project, person, "green")
    item = answer(database, assessment, 4)
    database.commit()
    database.expire_all()
    assert "assessment_id" not in item.__dict__ and "project_id" not in assessment.__dict__

    changed = SimpleNamespace(new=[], dirty=[item, assessment], deleted=[], info={})
    standings._note_changes(changed, None)
    unread = changed.info[standings._UNREAD]
    assert unread == {(Answer, item.id), (type(assessment), assessment.id)}
    assert standings._projects_of(set(), unread) == {project.id}

    database.expire(item)  # reading its id above read the rest
    gone = SimpleNamespace(new=[], dirty=[], deleted=[item], info={})
    standings._note_changes(gone, None)
    assert gone.info[standings._PROJECTS] == {standings.ALL}
