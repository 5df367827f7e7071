"""The team's self-assessment: starting, the task list, point pages, checking and submitting."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from app.models import Action, Assessment, AuditEvent, TeamMembership
from app.rules.permissions import Role, TeamRole
from tests.conftest import TODAY
from tests.integration.conftest import FormClient
from tests.integration.factories import (
    answer,
    complete_every_point,
    earlier_self_assessment,
    make_panel_assessment,
    make_project,
    start_assessment,
)
from tests.integration.test_pages import check_page, parse, text_of

NEXT_YEAR = str(TODAY.year + 1)


@pytest.fixture
def member(make_person):
    return make_person(name="Priya Shah")


@pytest.fixture
def owner(make_person):
    return make_person(name="Owen Grant")


@pytest.fixture
def project(database, member, owner):
    return make_project(
        database,
        team=[(owner, TeamRole.SERVICE_OWNER.value), (member, TeamRole.MEMBER.value)],
    )


@pytest.fixture
def assessment(database, project, member):
    return start_assessment(database, project, member)


@pytest.fixture
def team_client(client, member):
    client.sign_in(member.email)
    return client


@pytest.fixture
def owner_client(app, database, owner):
    """The service owner, signed in on a browser of their own."""
    client = FormClient(app.test_client())
    client.sign_in(owner.email)
    return client


def point_url(project, assessment, number=1):
    return f"/projects/{project.id}/assessments/{assessment.id}/points/{number}"


def task_list_url(project, assessment):
    return f"/projects/{project.id}/assessments/{assessment.id}"


def save(client, project, assessment, number=1, **fields):
    """Post the point form as a browser does, with the version the page showed."""
    version = _answer_version(client, project, assessment, number)
    data = {"evidence_account": "", "version": str(version)}
    data.update({key: value for key, value in fields.items() if value is not None})
    return client.submit(point_url(project, assessment, number), data)


def _answer_version(client, project, assessment, number=1) -> int:
    page = client.get(point_url(project, assessment, number)).get_data(as_text=True)
    marker = 'name="version" type="hidden" value="'
    start = page.index(marker) + len(marker)
    return int(page[start : page.index('"', start)])


def text(response) -> str:
    return response.get_data(as_text=True)


# --- Starting ----------------------------------------------------------------------------------


def test_a_team_member_starts_a_self_assessment_for_the_current_phase(
    team_client, project, database
):
    page = team_client.get(f"/projects/{project.id}/assessments/start")
    assert "Start a self-assessment for alpha" in text(page)
    response = team_client.submit(f"/projects/{project.id}/assessments/start")
    assert response.status_code == 302
    assessment = database.scalar(select(Assessment).where(Assessment.project_id == project.id))
    assert assessment.phase == "alpha"
    assert assessment.kind == "self_assessment"
    assert assessment.status == "draft"
    assert len(assessment.answers) == 14
    assert response.headers["Location"] == task_list_url(project, assessment)
    assert database.scalar(
        select(AuditEvent).where(
            AuditEvent.subject_type == "assessment", AuditEvent.verb == "started"
        )
    )


def test_starting_again_continues_the_draft(team_client, project, assessment, database):
    response = team_client.submit(
        f"/projects/{project.id}/assessments/start", token_from="/frameworks/"
    )
    assert response.headers["Location"] == task_list_url(project, assessment)
    count = database.scalar(
        select(func.count(Assessment.id)).where(Assessment.project_id == project.id)
    )
    assert count == 1


# --- The task list and owners ------------------------------------------------------------------


def test_the_task_list_shows_every_point_with_its_status_and_rating(
    team_client, project, assessment, database
):
    first = answer(database, assessment, 1)
    first.self_rating, first.status, first.evidence_account = "amber", "in_progress", "Some"
    database.commit()
    page = text(team_client.get(task_list_url(project, assessment)))
    assert "The team has completed 0 of 14 points." in page
    assert "1. Understand users and their needs" in page
    assert "14. Operate a reliable service" in page
    assert page.count("Not yet started") == 13
    assert "In progress" in page
    assert "0 green, 1 amber, 0 red, 13 not rated" in page
    assert "Pending" in page  # the overall self-rating while points are unrated


def test_sharing_out_the_points(team_client, project, assessment, member, database):
    url = f"/projects/{project.id}/assessments/{assessment.id}/owners"
    response = team_client.submit(
        url, {"point_1": str(member.id), "shown_1": "", "point_2": str(member.id), "shown_2": ""}
    )
    assert response.status_code == 302
    assert answer(database, assessment, 1).owner_id == member.id
    assert answer(database, assessment, 3).owner_id is None
    page = text(team_client.get(task_list_url(project, assessment)))
    assert page.count("Owner: Priya Shah") == 2
    home = text(team_client.get("/home"))
    assert "Understand users and their needs" in home


def test_owners_must_be_in_the_team(team_client, project, assessment, make_person, database):
    outsider = make_person(name="Not In Team")
    url = f"/projects/{project.id}/assessments/{assessment.id}/owners"
    response = team_client.submit(url, {"point_1": str(outsider.id)})
    assert response.status_code == 200
    assert "Select someone from the team" in text(response)
    assert answer(database, assessment, 1).owner_id is None


# --- The point page ----------------------------------------------------------------------------


def test_open_actions_from_earlier_assessments_show_on_the_point(
    team_client, project, assessment, database
):
    earlier = earlier_self_assessment(database, assessment)
    database.add_all(
        [
            Action(
                project_id=project.id,
                assessment_id=earlier.id,
                point_number=1,
                description="Interview people who use assistive technology",
                status="open",
            ),
            Action(
                project_id=project.id,
                assessment_id=earlier.id,
                point_number=1,
                description="An action that was done",
                status="done",
            ),
        ]
    )
    database.commit()
    page = text(team_client.get(point_url(project, assessment)))
    assert "Open actions from earlier assessments" in page
    assert "Interview people who use assistive technology" in page
    assert "An action that was done" not in page
    assert "Discovery" in page


# --- Two people at once ------------------------------------------------------------------------


# --- Checking and submitting -------------------------------------------------------------------


def test_check_answers_before_every_point_is_complete(
    team_client, project, assessment, database, owner_client
):
    complete_every_point(database, assessment)
    for number in (2, 9):
        answer(database, assessment, number).status = "in_progress"
    database.commit()
    response = team_client.get(f"/projects/{project.id}/assessments/{assessment.id}/check")
    check_page(response)
    page = text(response)
    assert '<h1 class="govuk-heading-l">Check your answers</h1>' in page
    assert "You need to complete 2 more points before you can submit" in page
    # Each point still to do, linked, at the top.
    document, _ = parse(response)
    still = document.find(".//div[@id='still-to-complete']")
    links = [(link.get("href"), text_of(link)) for link in still.iter("a")]
    base = f"/projects/{project.id}/assessments/{assessment.id}/points"
    assert links == [
        (f"{base}/{number}", f"{number}. {answer(database, assessment, number).point.title}")
        for number in (2, 9)
    ]
    assert "Submit for peer review" not in page
    # The card's Change link is named by the card's title, once.
    assert 'Change<span class="govuk-visually-hidden"> (1. Understand users' in page
    # Even the service owner, confirming the evidence, cannot submit it yet.
    response = owner_client.submit(
        f"/projects/{project.id}/assessments/{assessment.id}/submit",
        {"confirm": "y"},
        token_from=f"/projects/{project.id}/assessments/{assessment.id}/check",
    )
    assert response.status_code == 302
    assert database_status(assessment) == "draft"


def database_status(assessment) -> str:
    from app.extensions import db

    return db.session.scalar(select(Assessment.status).where(Assessment.id == assessment.id))


def test_checking_and_submitting_a_complete_self_assessment(
    owner_client, project, assessment, member, database
):
    team_client = owner_client
    complete_every_point(database, assessment, rating="amber", owner=member)
    check_url = f"/projects/{project.id}/assessments/{assessment.id}/check"
    page = text(team_client.get(check_url))
    assert page.count(">Change<") == 14
    assert "Overall rating" in page
    assert "Amber" in page
    assert "Fix it" in page
    assert "I confirm that, to the best of my knowledge, the evidence" in page
    response = team_client.submit(
        f"/projects/{project.id}/assessments/{assessment.id}/submit",
        {"confirm": "y"},
        token_from=check_url,
    )
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/submitted")
    confirmation = text(team_client.get(response.headers["Location"]))
    assert "Self-assessment submitted" in confirmation
    assert database_status(assessment) == "submitted"

    # Now read-only: the point page has no form, and saving is refused.
    point_page = text(team_client.get(point_url(project, assessment)))
    assert "Save and continue" not in point_page
    refused = team_client.post(
        point_url(project, assessment),
        data={
            "csrf_token": team_client.csrf_token(check_url),
            "evidence_account": "late",
            "save": "1",
        },
        follow_redirects=True,
    )
    assert "can no longer be changed" in text(refused)
    assert answer(database, assessment, 1).evidence_account == "We did the work."


def test_the_confirmation_page_waits_for_submission(team_client, project, assessment):
    response = team_client.get(f"/projects/{project.id}/assessments/{assessment.id}/submitted")
    assert response.status_code == 302


# --- Earlier assessments and comparing ---------------------------------------------------------


def test_earlier_assessments_are_listed_and_compared(
    team_client, project, assessment, member, database
):
    complete_every_point(database, assessment, rating="green")
    assessment.status = "submitted"
    database.commit()
    later = start_assessment(database, project, member)
    first = answer(database, later, 1)
    first.self_rating = "red"
    database.commit()

    index = text(team_client.get(f"/projects/{project.id}/assessments/"))
    assert "Compare two assessments" in index
    assert "Continue self-assessment" in index
    page = text(
        team_client.get(
            f"/projects/{project.id}/assessments/compare?earlier={assessment.id}&later={later.id}"
        )
    )
    assert "1 of 14 points changed rating." in page or "14 of 14 points changed rating." in page
    assert "Worse" in page


@pytest.fixture
def red_then_green(database, project, assessment, member):
    """An earlier self-assessment, all red, and a later one, all green."""
    complete_every_point(database, assessment, rating="red")
    assessment.status = "submitted"
    assessment.created_at = datetime(2025, 6, 2, 9, 0, tzinfo=UTC)
    database.commit()
    later = start_assessment(database, project, member)
    complete_every_point(database, later, rating="green")
    later.created_at = datetime(2026, 1, 12, 9, 0, tzinfo=UTC)
    database.commit()
    return assessment, later


def compare_table(response) -> tuple[list[str], list[list[str]]]:
    document, _ = parse(response)
    table = document.find(".//table")
    head = [text_of(cell) for cell in table.iter("th") if cell.get("scope") == "col"]
    rows = [[text_of(cell) for cell in row] for row in table.findall("tbody/tr")]
    return head, rows


@pytest.mark.parametrize("reversed_", [False, True])
def test_the_assessment_started_first_is_the_earlier_whichever_way_round_it_was_chosen(
    team_client, project, red_then_green, reversed_
):
    earlier, later = red_then_green
    first, second = (later, earlier) if reversed_ else (earlier, later)
    response = team_client.get(
        f"/projects/{project.id}/assessments/compare?earlier={first.id}&later={second.id}"
    )
    assert response.status_code == 200
    check_page(response)
    head, rows = compare_table(response)
    assert head[1] == "Earlier: Self-assessment, alpha, 2 June 2025"
    assert head[2] == "Later: Self-assessment, alpha, 12 January 2026"
    assert [row[3] for row in rows[:-1]] == ["Better"] * 14
    assert rows[-1] == ["Overall", "Red", "Green", "Better"]


def test_the_overall_row_says_worse_or_no_change_as_the_points_do(
    team_client, project, red_then_green, database
):
    earlier, later = red_then_green
    url = f"/projects/{project.id}/assessments/compare?earlier={later.id}&later={earlier.id}"
    first = answer(database, later, 1)
    first.self_rating = "red"
    database.commit()
    assert compare_table(team_client.get(url))[1][-1] == ["Overall", "Red", "Red", "No change"]
    for number in range(1, 15):
        answer(database, earlier, number).self_rating = "green"
    database.commit()
    assert compare_table(team_client.get(url))[1][-1] == ["Overall", "Green", "Red", "Worse"]


def test_comparing_an_assessment_with_itself_asks_for_two_different_ones(
    team_client, project, red_then_green
):
    earlier, _later = red_then_green
    response = team_client.get(
        f"/projects/{project.id}/assessments/compare?earlier={earlier.id}&later={earlier.id}"
    )
    assert response.status_code == 200
    check_page(response)
    document, _ = parse(response)
    assert text_of(document.find("head/title")).startswith("Error: Assessments")
    summary = document.find(".//div[@class='govuk-error-summary']")
    links = [(text_of(link), link.get("href")) for link in summary.iter("a")]
    assert links == [("Choose two different assessments", "#later")]
    message = document.find(".//p[@id='later-error']")
    assert text_of(message) == "Error: Choose two different assessments"
    chosen = document.find(".//select[@id='later']/option[@selected]")
    assert chosen.get("value") == str(earlier.id)


def test_comparing_the_only_assessment_with_itself_goes_back_to_the_list(
    team_client, project, assessment
):
    response = team_client.get(
        f"/projects/{project.id}/assessments/compare?earlier={assessment.id}&later={assessment.id}"
    )
    assert response.status_code == 302
    assert response.headers["Location"] == f"/projects/{project.id}/assessments/"


def test_comparing_needs_two_assessments_of_this_project(
    team_client, project, assessment, database, member
):
    other = make_project(database, name="Elsewhere", team=[(member, "member")])
    foreign = start_assessment(database, other, member)
    response = team_client.get(
        f"/projects/{project.id}/assessments/compare?earlier={assessment.id}&later={foreign.id}"
    )
    assert response.status_code == 302
    assert response.headers["Location"] == f"/projects/{project.id}/assessments/"


# --- Who may do what ---------------------------------------------------------------------------


def _pages(project, assessment):
    base = f"/projects/{project.id}/assessments"
    return [
        f"{base}/",
        f"{base}/{assessment.id}",
        f"{base}/{assessment.id}/points/1",
        f"{base}/{assessment.id}/check",
    ]


def _writes(project, assessment):
    base = f"/projects/{project.id}/assessments"
    return [
        f"{base}/start",
        f"{base}/{assessment.id}/owners",
        f"{base}/{assessment.id}/points/1",
        f"{base}/{assessment.id}/submit",
    ]


@pytest.mark.parametrize("role", [Role.BOARD_MEMBER, Role.ADMINISTRATOR])
def test_board_members_and_administrators_read_every_project(
    client, signed_in_as, project, assessment, role
):
    signed_in_as(role)
    for url in _pages(project, assessment):
        assert client.get(url).status_code == 200, url


def test_board_members_change_nothing(client, signed_in_as, project, assessment, database):
    signed_in_as(Role.BOARD_MEMBER)
    token = client.csrf_token("/frameworks/")
    for url in _writes(project, assessment):
        response = client.post(
            url, data={"csrf_token": token, "evidence_account": "x", "save": "1"}
        )
        assert response.status_code == 403, url
    page = text(client.get(point_url(project, assessment)))
    assert "Save and continue" not in page
    assert answer(database, assessment, 1).evidence_account == ""


@pytest.mark.parametrize("role", [None, Role.ASSESSOR])
def test_people_outside_the_team_can_neither_read_nor_write(
    client, signed_in_as, project, assessment, role
):
    signed_in_as(*([role] if role else []))
    for url in _pages(project, assessment):
        assert client.get(url).status_code == 403, url
    token = client.csrf_token("/frameworks/")
    for url in _writes(project, assessment):
        assert client.post(url, data={"csrf_token": token}).status_code == 403, url


def test_a_team_member_of_another_project_cannot_reach_this_one(
    client, make_person, project, assessment, database
):
    someone = make_person()
    make_project(database, name="Their own project", team=[(someone, "service_owner")])
    client.sign_in(someone.email)
    for url in _pages(project, assessment):
        assert client.get(url).status_code == 403, url


def test_administrators_can_change_a_self_assessment(
    client, signed_in_as, project, assessment, database
):
    signed_in_as(Role.ADMINISTRATOR)
    response = save(
        client, project, assessment, evidence_account="Admin fix", completed="no", save="1"
    )
    assert response.status_code == 302
    assert answer(database, assessment, 1).evidence_account == "Admin fix"


def test_an_assessment_of_another_project_is_not_found(team_client, project, database, member):
    other = make_project(database, name="Other", team=[(member, "member")])
    theirs = start_assessment(database, other, member)
    response = team_client.get(f"/projects/{project.id}/assessments/{theirs.id}")
    assert response.status_code == 404
    response = team_client.get(f"/projects/{project.id}/assessments/{theirs.id}/points/1")
    assert response.status_code == 404


def test_a_point_that_does_not_exist_is_not_found(team_client, project, assessment):
    assert team_client.get(point_url(project, assessment, 99)).status_code == 404


# --- Returning a submitted self-assessment to the team -----------------------------------------


@pytest.fixture
def submitted(database, assessment, member):
    complete_every_point(database, assessment, rating="green", owner=member)
    assessment.status = "submitted"
    assessment.submitted_at = assessment.created_at
    database.commit()
    return assessment


def test_an_administrator_returns_a_submitted_self_assessment(
    client, signed_in_as, project, submitted, member, app, database
):
    signed_in_as(Role.ADMINISTRATOR)
    url = f"/projects/{project.id}/assessments/{submitted.id}/return"
    assert "Return to the team" in text(client.get(task_list_url(project, submitted)))
    response = client.submit(url, {"reason": ""})
    assert "Enter why the self-assessment is going back to the team" in text(response)
    response = client.submit(url, {"reason": "r" * 1001})
    assert "Reason must be 1,000 characters or fewer" in text(response)
    assert database_status(submitted) == "submitted"

    response = client.submit(url, {"reason": "Point 9 needs the security review."})
    assert response.status_code == 302
    assert database_status(submitted) == "draft"

    team = FormClient(app.test_client())
    team.sign_in(member.email)
    page = text(team.get(task_list_url(project, submitted)))
    assert "returned this self-assessment to the team" in page
    assert "Point 9 needs the security review." in page
    assert "Share out the points" in page  # the team can change it again


def test_only_administrators_return_a_self_assessment(team_client, project, submitted):
    url = f"/projects/{project.id}/assessments/{submitted.id}/return"
    assert team_client.get(url).status_code == 403
    token = team_client.csrf_token("/frameworks/")
    response = team_client.post(url, data={"csrf_token": token, "reason": "Because"})
    assert response.status_code == 403
    assert database_status(submitted) == "submitted"


@pytest.mark.parametrize("panel_status", ["arranged", "in_review", "sent"])
def test_a_self_assessment_a_panel_is_reviewing_does_not_go_back_to_the_team(
    client, signed_in_as, project, submitted, database, panel_status
):
    from app.commands import NotAllowed
    from app.commands import self_assessment as commands

    submitted.status = "in_review"
    database.commit()
    panel = make_panel_assessment(
        database, project, kind="peer_review", status=panel_status, self_assessment=submitted
    )
    admin = signed_in_as(Role.ADMINISTRATOR)
    url = f"/projects/{project.id}/assessments/{submitted.id}/return"
    assert "Return to the team" not in text(client.get(task_list_url(project, submitted)))
    response = client.submit(url, {"reason": "Point 9 needs more."}, token_from="/frameworks/")
    assert response.status_code == 302
    assert "A panel is reviewing this self-assessment" in text(
        client.get(response.headers["Location"])
    )
    assert database_status(submitted) == "in_review"
    with pytest.raises(NotAllowed) as refused:
        commands.return_to_team(project.id, submitted.id, "Point 9 needs more.", admin.id)
    assert refused.value.message == commands.UNDER_PANEL_REVIEW

    # Once the panel's assessment is withdrawn, the self-assessment can go back.
    panel.status = "withdrawn"
    database.commit()
    assert "Return to the team" in text(client.get(task_list_url(project, submitted)))
    assert client.submit(url, {"reason": "Point 9 needs more."}).status_code == 302
    assert database_status(submitted) == "draft"


def test_a_draft_cannot_be_returned(client, signed_in_as, project, assessment):
    signed_in_as(Role.ADMINISTRATOR)
    response = client.get(f"/projects/{project.id}/assessments/{assessment.id}/return")
    assert response.status_code == 302
    assert response.headers["Location"] == task_list_url(project, assessment)


def test_characters_nobody_types_are_dropped_not_stored(team_client, project, assessment, database):
    response = save(
        team_client,
        project,
        assessment,
        evidence_account="Pasted\x00 from a PDF\x07\r\nwith a line break",
        completed="no",
        save="Save",
    )
    assert response.status_code == 302
    assert (
        answer(database, assessment, 1).evidence_account == "Pasted from a PDF\r\nwith a line break"
    )


# --- What the review of this journey found -----------------------------------------------------


def test_overdue_actions_are_marked_on_the_point_and_check_pages(
    team_client, project, assessment, database
):
    first = answer(database, assessment, 1)
    database.add(
        Action(
            project_id=project.id,
            assessment_id=assessment.id,
            point_id=first.point_id,
            point_number=1,
            description="Late already",
            status="open",
            due_date=TODAY - timedelta(days=1),
        )
    )
    database.commit()
    for url in (point_url(project, assessment), f"{task_list_url(project, assessment)}/check"):
        page = text(team_client.get(url))
        assert "Late already" in page
        assert "Overdue</strong>" in page, url


def test_an_earlier_assessment_does_not_list_actions_from_later_ones(
    team_client, project, assessment, member, database
):
    assessment.status = "submitted"
    database.commit()
    later = start_assessment(database, project, member)
    database.add(
        Action(
            project_id=project.id,
            assessment_id=later.id,
            point_id=answer(database, later, 1).point_id,
            point_number=1,
            description="From the later assessment",
            status="open",
        )
    )
    database.commit()
    assert "From the later assessment" not in text(team_client.get(point_url(project, assessment)))
    assert "From the later assessment" in text(team_client.get(point_url(project, later)))


@pytest.mark.parametrize(
    "path",
    [
        "/{project}/assessments/2147483648",
        "/{project}/assessments/99999999999999999999999",
        "/{project}/assessments/{assessment}/points/2147483648",
        "/{project}/assessments/{assessment}/check?x=1",
    ],
)
def test_numbers_too_large_to_be_ids_are_not_found(team_client, project, assessment, path):
    url = "/projects" + path.format(project=project.id, assessment=assessment.id)
    assert team_client.get(url).status_code in (200, 404)
    if "check" not in url:
        assert team_client.get(url).status_code == 404


@pytest.mark.parametrize("value", ["\u00b2", "2147483648", "99999999999999999999999", "abc"])
def test_comparing_with_odd_ids_goes_back_to_the_list(team_client, project, assessment, value):
    response = team_client.get(
        f"/projects/{project.id}/assessments/compare?earlier={value}&later={assessment.id}"
    )
    assert response.status_code == 302


def test_two_people_starting_at_once_share_one_draft(
    team_client, project, member, database, monkeypatch
):
    from app.data import assessments as assessment_data
    from app.self_assessment import routes

    existing = start_assessment(database, project, member)
    real = assessment_data.draft_self_assessment
    calls = {"n": 0}

    def not_yet_on_first_look(project_id, phase):
        # The first look happens before the other person's start is committed.
        calls["n"] += 1
        return None if calls["n"] == 1 else real(project_id, phase)

    monkeypatch.setattr(routes.data, "draft_self_assessment", not_yet_on_first_look)
    token = team_client.csrf_token("/frameworks/")
    response = team_client.post(
        f"/projects/{project.id}/assessments/start", data={"csrf_token": token}
    )
    assert response.status_code == 302
    assert response.headers["Location"] == task_list_url(project, existing)
    count = database.scalar(
        select(func.count(Assessment.id)).where(Assessment.project_id == project.id)
    )
    assert count == 1


def test_the_project_history_says_who_owns_which_point_and_how_answers_changed(
    team_client, project, assessment, member
):
    url = f"/projects/{project.id}/assessments/{assessment.id}/owners"
    team_client.submit(url, {"point_3": str(member.id), "shown_3": ""})
    save(
        team_client,
        project,
        assessment,
        3,
        evidence_account="We publish our code on GitHub",
        rating="green",
        completed="yes",
        save="Save",
    )
    history = text(team_client.get(f"/projects/{project.id}/history"))
    assert "Point 3 owner set to Priya Shah" in history
    assert "Rating changed from Not rated to Green" in history
    assert "Evidence added: “We publish our code on GitHub”" in history


def test_someone_who_leaves_the_team_no_longer_sees_its_points_or_actions(
    team_client, project, assessment, member, database
):
    first = answer(database, assessment, 1)
    first.owner_id = member.id
    database.add(
        Action(
            project_id=project.id,
            assessment_id=assessment.id,
            point_id=first.point_id,
            point_number=1,
            description="Book the accessibility audit",
            owner_id=member.id,
            status="open",
        )
    )
    database.commit()
    assert "Understand users and their needs" in text(team_client.get("/home"))
    assert "Book the accessibility audit" in text(team_client.get("/actions"))

    membership = database.scalar(
        select(TeamMembership).where(
            TeamMembership.project_id == project.id, TeamMembership.person_id == member.id
        )
    )
    database.delete(membership)
    database.commit()
    assert "Understand users and their needs" not in text(team_client.get("/home"))
    assert "Book the accessibility audit" not in text(team_client.get("/actions"))


def test_a_submitted_self_assessment_cannot_go_back_once_the_team_has_a_new_draft(
    client, signed_in_as, project, submitted, member, database
):
    newer = start_assessment(database, project, member)
    signed_in_as(Role.ADMINISTRATOR)
    url = f"/projects/{project.id}/assessments/{submitted.id}/return"
    response = client.get(url, follow_redirects=True)
    assert "The team has already started another self-assessment for this phase" in text(response)
    response = client.submit(url, {"reason": "Please redo"}, token_from="/frameworks/")
    assert response.status_code == 302
    assert response.headers["Location"] == task_list_url(project, newer)
    assert database_status(submitted) == "submitted"


def test_a_returned_self_assessment_is_not_shown_as_submitted(
    client, signed_in_as, project, submitted
):
    signed_in_as(Role.ADMINISTRATOR)
    client.submit(f"/projects/{project.id}/assessments/{submitted.id}/return", {"reason": "More"})
    response = client.get(f"/projects/{project.id}/assessments/{submitted.id}/submitted")
    assert response.status_code == 302


def test_a_self_assessment_of_a_phase_the_project_has_left_cannot_be_returned(
    client, signed_in_as, project, submitted, database
):
    project.phase = "private_beta"
    database.commit()
    signed_in_as(Role.ADMINISTRATOR)
    url = f"/projects/{project.id}/assessments/{submitted.id}/return"
    assert "Return to the team" not in text(client.get(task_list_url(project, submitted)))
    response = client.submit(url, {"reason": "Too late"}, token_from="/frameworks/")
    assert response.status_code == 302
    assert database_status(submitted) == "submitted"
