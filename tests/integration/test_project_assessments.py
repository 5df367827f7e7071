"""The project page reads its project's assessments in one query and picks out what it shows
(app.data.project_assessments): it must pick what each page's own query picks."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from app.data.portfolio import latest_assessments, newest_by_group, rating_of_newest
from app.data.project_assessments import project_assessments
from app.data.reports import readable_reports_of_project, waiting_for_team
from app.models import Assessment
from app.rules.permissions import Role, TeamRole
from tests.integration.factories import (
    make_panel_assessment,
    make_project,
    start_assessment,
)
from tests.integration.query_count import counting_queries


def _assessments(database, make_person):
    owner = make_person()
    outsider = make_person([Role.BOARD_MEMBER])
    project = make_project(database, team=[(owner, TeamRole.SERVICE_OWNER)])
    submitted = start_assessment(database, project, owner)
    submitted.status = "submitted"
    submitted.submitted_at = datetime(2026, 10, 1, tzinfo=UTC)
    submitted.created_at = datetime(2026, 9, 1, tzinfo=UTC)
    database.commit()
    # Kinds differ: a project has one open panel assessment of each kind at a time.
    later = make_panel_assessment(
        database, project, kind="assessment", assessment_date=date(2026, 12, 10)
    )
    sooner = make_panel_assessment(
        database,
        project,
        kind="reassessment",
        status="in_review",
        assessment_date=date(2026, 12, 1),
        assessment_time=time(10, 0),
    )
    due_later = make_panel_assessment(
        database, project, kind="peer_review", status="sent", answer_due=date(2027, 1, 20)
    )
    due_sooner = make_panel_assessment(
        database,
        project,
        kind="amber_evidence_review",
        status="sent",
        answer_due=date(2027, 1, 5),
        assessment_date=date(2026, 11, 1),
    )
    return owner, outsider, project, submitted, (sooner, later), (due_sooner, due_later)


def test_the_project_page_picks_what_each_query_picks(app, database, make_person):
    owner, outsider, project, submitted, arranged, waiting = _assessments(database, make_person)
    with app.app_context():
        for person, team_role in ((owner, TeamRole.SERVICE_OWNER.value), (outsider, None)):
            found = project_assessments(project, person, team_role)
            assert [a.id for a in found.arranged] == [a.id for a in arranged]
            assert found.waiting.id == waiting[0].id
            assert found.waiting.id == waiting_for_team([project.id])[project.id].id
            assert [a.id for a in found.readable] == [
                a.id for a in readable_reports_of_project(project, person)
            ]
            assert found.rating.submitted.id == submitted.id
            assert found.rating.draft is None
        newest = latest_assessments([project.id])[project.id]
        assert {g: a.id for g, a in newest_by_group([*found.readable, submitted]).items()} == {
            g: a.id for g, a in newest.items()
        }
        assert rating_of_newest(newest) == found.rating


def test_the_newest_of_two_drafts_made_at_once_is_the_higher_id():
    made = datetime(2026, 11, 2, tzinfo=UTC)
    drafts = [
        Assessment(id=number, kind="self_assessment", status="draft", created_at=made)
        for number in (7, 9, 8)
    ]
    withdrawn = Assessment(id=3, kind="self_assessment", status="withdrawn", created_at=made)
    panel = Assessment(id=10, kind="peer_review", status="draft", created_at=made)
    picked = newest_by_group([*drafts, withdrawn, panel])
    assert {group: a.id for group, a in picked.items()} == {0: 9, 2: 3}


def test_the_project_page_reads_its_assessments_in_a_fixed_number_of_queries(
    app, database, make_person
):
    owner, _, project, *_ = _assessments(database, make_person)
    with counting_queries(app) as statements, app.app_context():
        # What the page has read already, as it would have.
        assert owner.roles == set() and not project.confidential
        before = len(statements)
        project_assessments(project, owner, TeamRole.SERVICE_OWNER.value)
    # Its assessments, their ratings, and the person's panel roles in them.
    assert len(statements) - before == 3
