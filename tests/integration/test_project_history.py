"""A project's history: its phase changes and its audit trail, in words, a page at a time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from app.audit import record
from app.models import PhaseChange
from app.rules.permissions import Role
from tests.integration.factories import make_project
from tests.integration.query_count import counting_queries
from tests.integration.test_home import table_rows
from tests.integration.test_pages import check_page

START = datetime(2026, 1, 1, 9, 0, tzinfo=UTC)


def add_events(database, project, people, count: int, start: int = 0) -> None:
    for index in range(start, start + count):
        event = record(
            people[index % len(people)].id,
            "updated",
            "project",
            project.id,
            "Changed the project",
            {"next_assessment_due": [None, f"2027-01-{index % 28 + 1:02}"]},
            project_id=project.id,
        )
        event.occurred_at = START + timedelta(hours=index)
    database.commit()


def history_rows(response) -> list[list[str]]:
    return table_rows(response, "history")


def test_the_history_says_who_did_what_and_when_newest_first(
    client, database, make_person, signed_in_as
):
    signed_in_as(Role.BOARD_MEMBER)
    jordan = make_person(name="Jordan Ellis")
    project = make_project(database)
    other_project = make_project(database, "Another project")
    add_events(database, project, [jordan], 2)
    record(jordan.id, "updated", "project", other_project.id, "Not this one", {}, other_project.id)
    record(
        jordan.id,
        "updated",
        "answer",
        1,
        "Point 3: rating red",
        {"rating": [None, "red"]},
        project_id=project.id,
    )
    database.commit()

    response = client.get(f"/projects/{project.id}/history")
    assert response.status_code == 200
    check_page(response)
    rows = history_rows(response)
    assert [row[1:] for row in rows] == [
        ["Jordan Ellis", "Point 3: rating red Rating changed from Not rated to Red"],
        ["Jordan Ellis", "Changed the project Next assessment due set to 2 January 2027"],
        ["Jordan Ellis", "Changed the project Next assessment due set to 1 January 2027"],
    ]
    assert rows[1][0] == "1 January 2026 at 10:00am"
    assert "Not this one" not in response.get_data(as_text=True)


def test_phase_changes_are_listed_with_their_reasons(client, database, make_person, signed_in_as):
    signed_in_as(Role.BOARD_MEMBER)
    owner = make_person(name="Sam Owner")
    project = make_project(database, phase="private_beta")
    database.add_all(
        [
            PhaseChange(
                project_id=project.id,
                to_phase="alpha",
                changed_by_id=owner.id,
                reason="Added to the programme",
                created_at=START,
            ),
            PhaseChange(
                project_id=project.id,
                from_phase="alpha",
                to_phase="private_beta",
                changed_by_id=owner.id,
                reason="Alpha done",
                override_reason="Red point 5 is in hand",
                created_at=START + timedelta(days=90),
            ),
        ]
    )
    database.commit()
    response = client.get(f"/projects/{project.id}/history")
    rows = table_rows(response, "phase-changes")
    assert rows == [
        [
            "1 April 2026",
            "Moved from alpha (design) to private beta (delivery)",
            "Sam Owner",
            "Alpha done Moved on with red points "
            "Reason for moving on anyway: Red point 5 is in hand",
        ],
        ["1 January 2026", "Added in alpha (design)", "Sam Owner", "Added to the programme"],
    ]
    assert "No changes have been recorded yet." in response.get_data(as_text=True)


def test_a_long_history_comes_a_page_at_a_time(client, database, make_person, signed_in_as):
    me = signed_in_as()
    project = make_project(database, team=[(me, "member")])
    add_events(database, project, [me], 60)

    first = client.get(f"/projects/{project.id}/history")
    assert len(history_rows(first)) == 25
    body = first.get_data(as_text=True)
    assert "Showing 1 to 25 of 60 changes, newest first." in body
    assert "govuk-pagination" in body
    assert f'href="/projects/{project.id}/history?page=2#changes"' in body
    assert 'id="phase-changes"' in body or "No phase changes have been recorded." in body

    last = client.get(f"/projects/{project.id}/history?page=3")
    assert last.status_code == 200
    check_page(last)
    assert len(history_rows(last)) == 10
    body = last.get_data(as_text=True)
    assert "Showing 51 to 60 of 60 changes" in body
    assert "<title>History (page 3 of 3)" in body
    assert "Phases" not in body  # only on the first page
    oldest = history_rows(last)[-1]
    assert oldest[2].endswith("Next assessment due set to 1 January 2027")


@pytest.mark.parametrize("page", ["4", "0", "-1", "two", "1.5", "99999999999"])
def test_pages_that_do_not_exist_are_not_found(client, database, signed_in_as, page):
    me = signed_in_as()
    project = make_project(database, team=[(me, "member")])
    add_events(database, project, [me], 60)
    assert client.get(f"/projects/{project.id}/history?page={page}").status_code == 404


def test_the_number_of_queries_does_not_grow_with_the_events_shown(
    app, client, database, make_person, signed_in_as
):
    me = signed_in_as()
    people = [make_person() for _ in range(5)]
    project = make_project(database, team=[(me, "member")])
    add_events(database, project, people, 2)
    with counting_queries(app) as few:
        client.get(f"/projects/{project.id}/history")
    add_events(database, project, people, 40, start=2)
    with counting_queries(app) as many:
        response = client.get(f"/projects/{project.id}/history")
    assert len(history_rows(response)) == 25
    assert len(many) == len(few), "\n".join(many)
