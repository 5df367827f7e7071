"""Directorate scope: who a scope limits, and what a limited person reads."""

from __future__ import annotations

from app.rules.permissions import (
    assessment_abilities,
    can_read_project,
    directorate_scope,
    in_directorates,
    scope_applies,
)

BOARD = {"board_member"}
ADMIN = {"administrator"}
PLACE, PEOPLE = 1, 2


def test_a_scope_limits_everyone_but_administrators():
    assert scope_applies(BOARD)
    assert scope_applies(set())
    assert scope_applies({"organiser", "assessor"})
    assert not scope_applies(ADMIN)
    assert not scope_applies({"administrator", "board_member"})


def test_no_rows_is_the_whole_programme_and_an_administrators_rows_are_ignored():
    assert directorate_scope(BOARD, []) is None
    assert directorate_scope(BOARD, None) is None
    assert directorate_scope(BOARD, [PLACE]) == frozenset({PLACE})
    assert directorate_scope(ADMIN, [PLACE]) is None
    assert directorate_scope({"administrator", "board_member"}, [PLACE, PEOPLE]) is None


def test_in_directorates():
    assert in_directorates(PLACE, None)
    assert in_directorates(None, None)
    assert in_directorates(PLACE, {PLACE})
    assert not in_directorates(PEOPLE, {PLACE})
    # A project with no directorate is seen only by people who see the whole programme.
    assert not in_directorates(None, {PLACE})


def test_a_limited_board_member_reads_only_their_directorates_projects():
    assert can_read_project(BOARD, None, PLACE, {PLACE})
    assert not can_read_project(BOARD, None, PEOPLE, {PLACE})
    assert not can_read_project(BOARD, None, None, {PLACE})
    assert can_read_project(BOARD, None, PEOPLE, None)


def test_a_limited_person_still_reads_their_own_teams_project():
    assert can_read_project(BOARD, "member", PEOPLE, {PLACE})
    assert can_read_project(set(), "service_owner", PEOPLE, {PLACE})


def test_an_administrator_reads_every_project_whatever_the_scope_given():
    assert can_read_project(ADMIN, None, PEOPLE, {PLACE})


def test_without_a_team_role_or_a_reading_role_nothing_is_read():
    assert not can_read_project(set(), None, PLACE, None)
    assert not can_read_project({"organiser", "assessor"}, None, PLACE, {PLACE})


def _abilities(roles, in_scope, status="published", confidential=False, panel=None, team=None):
    return assessment_abilities(
        roles,
        panel_role=panel,
        team_role=team,
        status=status,
        confidential=confidential,
        in_scope=in_scope,
    )


def test_a_limited_board_member_reads_no_report_outside_their_directorates():
    inside = _abilities(BOARD, True, confidential=True)
    assert inside.read_report and inside.read_panel_work
    outside = _abilities(BOARD, False)
    assert not outside.read_report  # even a published report anyone signed in reads
    assert not outside.read_panel_work
    assert not _abilities(BOARD, False, status="in_review").read_report


def test_outside_their_scope_a_person_still_reads_as_its_panel_or_team():
    assert _abilities(BOARD, False, panel="design").read_panel_work
    assert _abilities(BOARD, False, team="member").read_report
    assert _abilities(set(), False, team="member", confidential=True).read_report


def test_an_administrator_is_never_out_of_scope():
    assert _abilities(ADMIN, False, confidential=True).read_report


def test_a_limited_organiser_still_arranges_but_reads_only_their_directorates():
    outside = _abilities({"organiser"}, False, status="arranged")
    assert outside.organise
    assert not outside.read_panel_work
    assert _abilities({"organiser"}, True, status="arranged").read_panel_work


def test_a_published_report_outside_a_scope_is_still_read_by_the_unlimited():
    assert _abilities(set(), True).read_report
