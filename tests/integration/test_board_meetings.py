"""Board meetings: recording them, the figures kept as at each, what changed since the one
before, the board pack, the directorate scope, and a fixed number of queries."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from app.commands import board as commands
from app.models import AuditEvent, BoardMeeting, Directorate, DirectorateScope
from tests.conftest import TODAY
from tests.integration.factories import (
    complete_every_point,
    make_action,
    make_project,
    start_assessment,
)
from tests.integration.query_count import counting_queries
from tests.integration.test_pages import check_page

MEETINGS = "/portfolio/meetings"


def date_fields(day) -> dict[str, list[str]]:
    """The GOV.UK date input's three boxes, which share the field's name."""
    return {"held_on": [str(day.day), str(day.month), str(day.year)]}


def typed(day: str, month: str, year: str) -> dict[str, list[str]]:
    return {"held_on": [day, month, year]}


def submitted(database, project, person, rating="green"):
    assessment = start_assessment(database, project, person)
    complete_every_point(database, assessment, rating)
    assessment.status = "submitted"
    assessment.submitted_at = datetime.now(UTC) - timedelta(days=30)
    database.commit()
    return assessment


def record(database, person, day):
    return commands.record_meeting(person.id, {"organiser"}, day, TODAY)


# --- Who may do what ---------------------------------------------------------------------------


def test_a_board_member_reads_the_meetings_but_cannot_record_one(client, signed_in_as):
    signed_in_as("board_member")
    page = client.get(MEETINGS)
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "Board meetings" in text
    assert "Record a meeting" not in text
    response = client.submit(MEETINGS, date_fields(TODAY + timedelta(days=7)))
    assert response.status_code == 403


@pytest.mark.parametrize("roles", [(), ("assessor",)])
def test_team_members_and_assessors_are_refused(client, database, make_person, roles):
    organiser = make_person(["organiser"])
    meeting = record(database, organiser, TODAY + timedelta(days=7))
    person = make_person(roles)
    client.sign_in(person.email)
    for url in (MEETINGS, f"{MEETINGS}/{meeting.id}", f"{MEETINGS}/{meeting.id}/pack"):
        assert client.get(url).status_code == 403, url
    response = client.submit(
        MEETINGS, date_fields(TODAY + timedelta(days=9)), token_from="/account/password"
    )
    assert response.status_code == 403


# --- Recording a meeting -----------------------------------------------------------------------


def test_an_organiser_records_a_meeting_still_to_come(client, database, signed_in_as):
    organiser = signed_in_as("organiser")
    day = TODAY + timedelta(days=14)
    response = client.submit(MEETINGS, date_fields(day))
    assert response.status_code == 302
    meeting = database.scalar(select(BoardMeeting).where(BoardMeeting.held_on == day))
    assert response.headers["Location"] == f"{MEETINGS}/{meeting.id}"
    assert meeting.recorded_by_id == organiser.id
    assert meeting.figures_taken_at is None  # its day has not come
    event = database.scalar(
        select(AuditEvent).where(
            AuditEvent.subject_type == "board_meeting", AuditEvent.subject_id == meeting.id
        )
    )
    assert event.verb == "recorded" and event.actor_id == organiser.id
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "recorded" in page
    assert "This is the first board meeting recorded" in page
    listed = client.get(MEETINGS).get_data(as_text=True)
    assert f"{day.day} {day:%B %Y}" in listed
    assert "Still to come" in listed


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (typed("", "", ""), "Enter the date of the meeting"),
        (typed("31", "2", str(TODAY.year + 1)), "Date of the meeting must be a real date"),
        (typed("12", "", "2027"), "Date of the meeting must include a month"),
        (typed("1", "1", str(TODAY.year + 5)), "must be within 2 years of today"),
        (typed("1", "1", str(TODAY.year - 5)), "must be within 2 years of today"),
    ],
)
def test_a_date_that_is_not_right_is_refused_and_kept(
    client, database, signed_in_as, fields, message
):
    signed_in_as("administrator")
    response = client.submit(MEETINGS, fields)
    assert response.status_code == 200
    text = response.get_data(as_text=True)
    assert "There is a problem" in text
    assert "<title>Error:" in text
    assert message in text
    for value in fields["held_on"]:
        if value:
            assert f'value="{value}"' in text
    assert database.scalar(select(func.count(BoardMeeting.id))) == 0


def test_a_second_meeting_on_the_same_day_is_refused(client, database, signed_in_as):
    signed_in_as("organiser")
    day = TODAY + timedelta(days=21)
    assert client.submit(MEETINGS, date_fields(day)).status_code == 302
    response = client.submit(MEETINGS, date_fields(day))
    text = response.get_data(as_text=True)
    assert f"A meeting on {day.day} {day:%B %Y} is already recorded" in text
    assert database.scalar(select(func.count(BoardMeeting.id))) == 1


def test_a_meeting_recorded_late_gets_its_figures_at_once(client, database, signed_in_as):
    signed_in_as("organiser")
    make_project(database, "Blue Badge")
    response = client.submit(MEETINGS, date_fields(TODAY - timedelta(days=3)))
    assert response.status_code == 302
    meeting = database.scalar(select(BoardMeeting))
    assert meeting.figures_taken_at is not None
    assert meeting.figures["as_at"] == (TODAY - timedelta(days=3)).isoformat()
    assert [p["name"] for p in meeting.figures["projects"].values()] == ["Blue Badge"]
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    # Taken today, after the meeting's day: the page says so.
    assert "after the meeting: they show the portfolio as it was then" in page


# --- Figures kept as at each meeting -----------------------------------------------------------


def test_figures_stay_as_they_were_at_the_meeting(client, database, make_person):
    organiser = make_person(["organiser"])
    team = make_person()
    project = make_project(database, "Blue Badge", phase="alpha", team=[(team, "member")])
    submitted(database, project, team, "green")
    first = record(database, organiser, TODAY - timedelta(days=40))

    project.phase = "private_beta"
    database.commit()
    second = record(database, organiser, TODAY - timedelta(days=10))
    kept = dict(second.figures)

    # The data moves on after the meeting.
    project.phase = "live"
    submitted(database, project, team, "red")

    board = make_person(["board_member"])
    client.sign_in(board.email)
    page = client.get(f"{MEETINGS}/{second.id}").get_data(as_text=True)
    assert f"since the meeting on {first.held_on.day} {first.held_on:%B %Y}" in page
    assert "Moved on from alpha (design) to private beta (delivery)" in page
    assert "to live" not in page
    assert "Green to red" not in page
    assert f'href="/projects/{project.id}?back=' in page
    database.expire_all()
    assert database.get(BoardMeeting, second.id).figures == kept

    # Taking the figures again changes nothing.
    assert commands.take_meeting_figures(second.id, None, TODAY) is False
    database.expire_all()
    assert database.get(BoardMeeting, second.id).figures == kept

    # The pack's headline figures are the ones kept at the meeting, not today's.
    pack = client.get(f"{MEETINGS}/{second.id}/pack")
    check_page(pack)
    figures = pack.get_data(as_text=True)
    assert "as they were kept for the meeting on" in figures
    red = figures[figures.index("Points rated red") :]
    assert red[: red.index("</dd>")].split(">")[-1].strip().startswith("0 in 0 projects")

    # A meeting still to come compares with the figures as they are today.
    upcoming = record(database, organiser, TODAY + timedelta(days=20))
    page = client.get(f"{MEETINGS}/{upcoming.id}").get_data(as_text=True)
    assert "This meeting has not happened yet" in page
    assert "Moved on from private beta (delivery) to live (delivery)" in page
    assert "Green to red: worse" in page
    assert "New red points" in page


def test_opening_a_meeting_whose_day_has_come_takes_its_figures(client, database, make_person):
    make_project(database, "Blue Badge")
    meeting = BoardMeeting(held_on=TODAY - timedelta(days=1))
    database.add(meeting)
    database.commit()
    board = make_person(["board_member"])
    client.sign_in(board.email)
    assert client.get(f"{MEETINGS}/{meeting.id}").status_code == 200
    database.expire_all()
    taken = database.get(BoardMeeting, meeting.id)
    assert taken.figures_taken_at is not None
    assert taken.figures["as_at"] == meeting.held_on.isoformat()
    assert database.scalar(
        select(AuditEvent).where(
            AuditEvent.subject_type == "board_meeting", AuditEvent.verb == "figures_taken"
        )
    )


def test_the_daily_task_takes_the_figures_of_meetings_whose_day_has_come(app, database):
    make_project(database, "Blue Badge")
    due = BoardMeeting(held_on=TODAY)
    later = BoardMeeting(held_on=TODAY + timedelta(days=3))
    database.add_all([due, later])
    database.commit()
    runner = app.test_cli_runner()
    result = runner.invoke(args=["board", "figures"])
    assert result.exit_code == 0, result.output
    assert f"board meeting on {TODAY.day} {TODAY:%B %Y}" in result.output
    database.expire_all()
    assert database.get(BoardMeeting, due.id).figures_taken_at is not None
    assert database.get(BoardMeeting, later.id).figures_taken_at is None
    result = runner.invoke(args=["board", "figures"])
    assert "No board meeting needed its figures taken." in result.output


# --- Scope -------------------------------------------------------------------------------------


def test_a_person_limited_to_a_directorate_sees_only_its_changes(client, database, make_person):
    organiser = make_person(["organiser"])
    ours = make_project(database, "Blue Badge", phase="alpha")
    place = Directorate(name="Place")
    database.add(place)
    database.commit()
    theirs = make_project(database, "Road repairs", phase="alpha")
    theirs.directorate = place
    database.commit()
    record(database, organiser, TODAY - timedelta(days=30))
    ours.phase = "private_beta"
    theirs.phase = "private_beta"
    database.commit()
    meeting = record(database, organiser, TODAY - timedelta(days=1))

    director = make_person(["board_member"])
    database.add(DirectorateScope(person_id=director.id, directorate_id=place.id))
    database.commit()
    client.sign_in(director.email)
    for url in (f"{MEETINGS}/{meeting.id}", f"{MEETINGS}/{meeting.id}/pack"):
        page = client.get(url).get_data(as_text=True)
        assert "Road repairs" in page, url
        assert "Blue Badge" not in page, url
        assert "your directorates only" in page


# --- The board pack ----------------------------------------------------------------------------


def test_the_pack_lists_red_points_with_actions_and_overdue_items(client, database, make_person):
    organiser = make_person(["organiser"])
    team = make_person(name="Ada Owner")
    project = make_project(database, "Blue Badge", team=[(team, "member")])
    assessment = submitted(database, project, team, "red")
    make_action(
        database,
        project,
        assessment,
        number=3,
        description="Hire a content designer",
        owner=team,
        due_date=TODAY - timedelta(days=5),
    )
    project.next_assessment_due = TODAY + timedelta(days=10)
    database.commit()
    meeting = record(database, organiser, TODAY + timedelta(days=7))
    client.sign_in(organiser.email)
    page = client.get(f"{MEETINGS}/{meeting.id}/pack").get_data(as_text=True)
    assert "Board pack: meeting on" in page
    assert "Headline figures" in page
    assert "Hire a content designer" in page
    assert "Ada Owner" in page
    assert "Overdue actions (" in page
    assert "Assessments due (1)" in page
    assert "Due in the next 30 days" in page
    assert "This is the first board meeting recorded" in page


def test_the_pack_sends_as_many_queries_for_many_projects_as_for_few(
    app, client, database, make_person
):
    organiser = make_person(["organiser"])
    team = make_person()

    def add(start, count):
        for n in range(start, start + count):
            project = make_project(database, f"Project {n:02}", team=[(team, "member")])
            assessment = submitted(database, project, team, "red" if n % 2 else "amber")
            make_action(database, project, assessment, due_date=TODAY - timedelta(days=n + 1))

    add(0, 2)
    record(database, organiser, TODAY - timedelta(days=20))
    meeting = record(database, organiser, TODAY + timedelta(days=10))
    client.sign_in(organiser.email)
    pages = (f"{MEETINGS}/{meeting.id}", f"{MEETINGS}/{meeting.id}/pack", MEETINGS)
    few = {}
    for url in pages:
        client.get(url)
        with counting_queries(app) as statements:
            assert client.get(url).status_code == 200
        few[url] = len(statements)
    add(2, 8)
    for url in pages:
        with counting_queries(app) as statements:
            response = client.get(url)
        assert response.status_code == 200
        assert len(statements) == few[url], (url, "\n".join(statements))
    assert few[f"{MEETINGS}/{meeting.id}/pack"] <= 25


# --- Removing a meeting still to come ----------------------------------------------------------


def test_an_organiser_removes_a_meeting_still_to_come(client, database, signed_in_as):
    organiser = signed_in_as("organiser")
    meeting = record(database, organiser, TODAY + timedelta(days=30))
    url = f"{MEETINGS}/{meeting.id}/remove"
    assert "Remove the board meeting on" in client.get(url).get_data(as_text=True)
    response = client.submit(url)
    assert response.status_code == 302
    assert response.headers["Location"] == MEETINGS
    assert database.scalar(select(func.count(BoardMeeting.id))) == 0
    assert database.scalar(
        select(AuditEvent).where(
            AuditEvent.subject_type == "board_meeting", AuditEvent.verb == "removed"
        )
    )


def test_a_mistyped_past_meeting_is_removed_with_its_figures(client, database, signed_in_as):
    organiser = signed_in_as("organiser")
    meeting = record(database, organiser, TODAY - timedelta(days=2))
    assert meeting.figures_taken_at is not None
    assert "Remove this meeting" in client.get(f"{MEETINGS}/{meeting.id}").get_data(as_text=True)
    url = f"{MEETINGS}/{meeting.id}/remove"
    page = client.get(url).get_data(as_text=True)
    assert "figures as they stood at this meeting will be deleted" in page
    response = client.submit(url)
    assert response.status_code == 302
    assert database.scalar(select(func.count(BoardMeeting.id))) == 0
    event = database.scalar(
        select(AuditEvent).where(
            AuditEvent.subject_type == "board_meeting", AuditEvent.verb == "removed"
        )
    )
    assert event.summary.endswith("and the figures kept for it")
    assert event.changes["figures_taken_at"][0] is not None


def test_a_meeting_a_later_kept_meeting_relies_on_stays(client, database, signed_in_as):
    organiser = signed_in_as("organiser")
    earlier = record(database, organiser, TODAY - timedelta(days=30))
    later = record(database, organiser, TODAY - timedelta(days=2))
    url = f"{MEETINGS}/{earlier.id}/remove"
    assert "Remove this meeting" not in client.get(f"{MEETINGS}/{earlier.id}").get_data(
        as_text=True
    )
    page = client.get(url).get_data(as_text=True)
    assert "A later meeting&#39;s figures are kept" in page
    client.submit(url, token_from=f"{MEETINGS}")
    assert database.scalar(select(func.count(BoardMeeting.id))) == 2
    with pytest.raises(commands.NotAllowed):
        commands.remove_meeting(organiser.id, {"organiser"}, earlier.id, TODAY)
    assert commands.remove_meeting(organiser.id, {"organiser"}, later.id, TODAY) == later.held_on


def test_a_board_member_cannot_remove_a_meeting(client, database, make_person):
    organiser = make_person(["organiser"])
    meeting = record(database, organiser, TODAY + timedelta(days=30))
    board = make_person(["board_member"])
    client.sign_in(board.email)
    assert "Remove this meeting" not in client.get(f"{MEETINGS}/{meeting.id}").get_data(
        as_text=True
    )
    assert client.get(f"{MEETINGS}/{meeting.id}/remove").status_code == 403


def test_an_unknown_meeting_is_not_found(client, signed_in_as):
    signed_in_as("board_member")
    assert client.get(f"{MEETINGS}/999999").status_code == 404
    assert client.get(f"{MEETINGS}/999999/pack").status_code == 404


# --- Every page is well formed -----------------------------------------------------------------


def test_every_meeting_page_is_well_formed(client, database, make_person):
    organiser = make_person(["organiser"])
    team = make_person(name="Ada Owner")
    project = make_project(database, "Blue Badge", phase="alpha", team=[(team, "member")])
    assessment = submitted(database, project, team, "amber")
    action = make_action(database, project, assessment, due_date=TODAY + timedelta(days=3))
    record(database, organiser, TODAY - timedelta(days=30))
    project.phase = "private_beta"
    action.status = "done"
    submitted(database, project, team, "red")
    meeting = record(database, organiser, TODAY + timedelta(days=3))
    client.sign_in(organiser.email)
    pages = {
        "list": client.get(MEETINGS),
        "meeting": client.get(f"{MEETINGS}/{meeting.id}"),
        "pack": client.get(f"{MEETINGS}/{meeting.id}/pack"),
        "remove": client.get(f"{MEETINGS}/{meeting.id}/remove"),
        "error": client.submit(MEETINGS, typed("40", "1", "2027")),
    }
    for name, response in pages.items():
        check_page(response)
        assert response.status_code == 200, name
    meeting_page = pages["meeting"].get_data(as_text=True)
    assert "Moved on from alpha (design) to private beta (delivery)" in meeting_page
    assert "Amber to red: worse" in meeting_page
    assert "Actions closed (1)" in meeting_page
    assert "Run usability testing with screen reader users" in meeting_page
    error = pages["error"].get_data(as_text=True)
    assert 'href="#held_on-day"' in error
    assert 'id="held_on-day"' in error


def test_the_pack_uses_the_boards_words_for_phases_and_figures(client, database, make_person):
    """The pack names a phase as the other board pages do (phase_words: "Alpha (design)"), and
    its headline figures' headings and labels are the portfolio home's."""
    from tests.integration.test_pages import parse, text_of

    organiser = make_person(["organiser"])
    project = make_project(database, "Blue Badge", phase="alpha")
    project.next_assessment_due = TODAY - timedelta(days=3)  # overdue
    database.commit()
    meeting = record(database, organiser, TODAY + timedelta(days=7))
    client.sign_in(organiser.email)

    def words(url):
        document, _ = parse(client.get(url))
        headings = {text_of(h) for tag in ("h2", "h3") for h in document.iter(tag)}
        headings |= {text_of(c) for c in document.iter("caption")}
        keys = [text_of(dt) for dt in document.iter("dt")]
        columns = {text_of(th) for th in document.iter("th") if th.get("scope") == "col"}
        cells = [text_of(td) for td in document.iter("td")]
        return headings, keys, columns, cells

    home_headings, home_keys, _, _ = words("/portfolio")
    headings, keys, columns, cells = words(f"{MEETINGS}/{meeting.id}/pack")
    assert "Alpha (design)" in cells and "Alpha" not in cells
    for shared in (
        "Projects by programme stage",
        "Overall ratings",
        "Red points and actions",
        "Assessments and reports",
        "Benefits",
    ):
        assert shared in home_headings and shared in headings, shared
    figure_keys = {key for key in keys if key not in {"Projects", *STAGE_WORDS, *OVERALL_WORDS}}
    assert figure_keys <= set(home_keys), figure_keys - set(home_keys)
    # The benefit levels come in one order on both: the largest first.
    levels = ["Non-cashable: high", "Non-cashable: moderate", "Non-cashable: low"]
    levels.append("Non-cashable: not known")
    assert [key for key in keys if key.startswith("Non-cashable")] == levels
    assert [key for key in home_keys if key.startswith("Non-cashable")] == levels
    assert "Reports late" not in columns


STAGE_WORDS = ("Concept", "Design", "Delivery", "Closed")
OVERALL_WORDS = ("Green", "Amber", "Red", "Not yet assessed")


def _one_arranged_one_waiting(database) -> None:
    """Two projects with an assessment due in ten days: Blue Badge has a panel assessment
    arranged for it, Road repairs has none."""
    from tests.integration.factories import make_panel_assessment

    arranged = make_project(database, "Blue Badge")
    waiting = make_project(database, "Road repairs")
    for project in (arranged, waiting):
        project.next_assessment_due = TODAY + timedelta(days=10)
    database.commit()
    make_panel_assessment(database, arranged, assessment_date=TODAY + timedelta(days=8))


def test_a_meetings_kept_figures_leave_out_assessments_already_arranged(client, database):
    """The kept "assessments due" figure counts as the portfolio's home does: a project with
    a panel assessment arranged is not due."""
    _one_arranged_one_waiting(database)
    meeting = BoardMeeting(held_on=TODAY)
    database.add(meeting)
    database.commit()
    assert commands.take_meeting_figures(meeting.id, None, TODAY)
    database.expire_all()
    kept = database.get(BoardMeeting, meeting.id).figures["headlines"]
    assert sum(figures["assessments_due_soon"] for figures in kept.values()) == 1


def test_an_organiser_is_not_sent_to_project_pages_they_cannot_open(
    app, client, database, make_person
):
    """Organisers read the board's pages but not project pages: the pack, the meeting's
    changes and the trends name projects without linking them; a board member gets links."""
    from tests.integration.conftest import FormClient

    organiser = make_person(["organiser"])
    project = make_project(database, "Blue Badge", phase="alpha", team=[(organiser, "member")])
    project.next_assessment_due = TODAY - timedelta(days=3)
    database.commit()
    # An action newly overdue since the last meeting is listed with what changed.
    make_action(
        database,
        project,
        submitted(database, project, organiser),
        description="Fix the forms",
        due_date=TODAY - timedelta(days=5),
    )
    record(database, organiser, TODAY - timedelta(days=10))
    meeting = record(database, organiser, TODAY + timedelta(days=7))
    pages = (
        f"{MEETINGS}/{meeting.id}/pack",
        f"{MEETINGS}/{meeting.id}",
        f"/portfolio/trends?project={project.id}",
    )
    client.sign_in(organiser.email)
    for url in pages:
        page = client.get(url).get_data(as_text=True)
        assert "Blue Badge" in page, url
        assert 'href="/projects/' not in page, url
    assert "Fix the forms" in client.get(pages[1]).get_data(as_text=True)
    board = FormClient(app.test_client())
    board.sign_in(make_person(["board_member"]).email)
    page = board.get(pages[0]).get_data(as_text=True)
    assert f'href="/projects/{project.id}?back=' in page


def test_the_pack_before_a_meeting_counts_assessments_due_as_the_home_does(
    client, database, make_person
):
    from tests.integration.test_pages import parse, text_of

    _one_arranged_one_waiting(database)
    organiser = make_person(["organiser"])
    meeting = record(database, organiser, TODAY + timedelta(days=7))
    client.sign_in(make_person(["board_member"]).email)
    document, _ = parse(client.get(f"{MEETINGS}/{meeting.id}/pack"))
    figures = {
        text_of(row.find("dt")): text_of(row.find("dd"))
        for row in document.iter("div")
        if "govuk-summary-list__row" in (row.get("class") or "")
    }
    assert figures["Assessments due in the next 30 days"] == "1"
    due = client.get("/portfolio/assessments-due").get_data(as_text=True)
    assert "1 project has an assessment due and none arranged yet." in due
    assert due.count("Arranged: ") == 1  # the other of the two is listed as arranged


def test_a_meeting_removed_twice_at_once_is_removed_and_noted_once(database, make_person):
    """Two organisers removing one meeting at the same moment: the second finds it gone
    (NotFound), and the audit trail notes the removal once."""
    from sqlalchemy import delete

    from app.commands import NotFound
    from app.data import meetings as data

    organiser = make_person(["organiser"])
    meeting = record(database, organiser, TODAY - timedelta(days=2))
    loaded = data.meeting_by_id(meeting.id)
    # The first remove lands between the second's reading the meeting and its delete.
    database.execute(delete(BoardMeeting).where(BoardMeeting.id == meeting.id))
    assert data.remove_meeting(loaded, organiser.id) is False
    database.rollback()
    assert commands.remove_meeting(organiser.id, {"organiser"}, meeting.id, TODAY)
    with pytest.raises(NotFound):
        commands.remove_meeting(organiser.id, {"organiser"}, meeting.id, TODAY)
    removed = database.scalars(
        select(AuditEvent).where(
            AuditEvent.subject_type == "board_meeting", AuditEvent.verb == "removed"
        )
    ).all()
    assert len(removed) == 1
