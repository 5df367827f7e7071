"""The panel's pages and commands: assessments to review, the overview, scoring a point,
actions from the panel, the amber evidence review and the lead's summary, for every role."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from app.commands import Conflict, Invalid, NotAllowed, NotFound
from app.commands import scoring as commands
from app.models import Action, Assessment, AuditEvent, Judgement, Point
from app.rules.permissions import Role, TeamRole
from tests.conftest import TODAY
from tests.integration.factories import (
    complete_every_point,
    make_action,
    make_panel_assessment,
    make_project,
    sibling_project,
    start_assessment,
)
from tests.integration.test_home import table_rows
from tests.integration.test_pages import check_page, parse, text_of


@pytest.fixture
def people(make_person, database):
    lead = make_person([Role.ASSESSOR], name="Lena Lead")
    lead.can_lead = True
    database.commit()
    return {
        "lead": lead,
        "designer": make_person([Role.ASSESSOR], name="Dara Design"),
        "observer": make_person([Role.ASSESSOR], name="Olu Observer"),
        "outsider": make_person([Role.ASSESSOR], name="Otto Outsider"),
        "organiser": make_person([Role.ORGANISER], name="Orla Organiser"),
        "board": make_person([Role.BOARD_MEMBER], name="Bea Board"),
        "admin": make_person([Role.ADMINISTRATOR], name="Ada Admin"),
        "owner": make_person(name="Sam Owner"),
        "member": make_person(name="Mo Member"),
        "stranger": make_person(name="Stan Stranger"),
        "nobody": make_person(name="Nina Nobody"),
    }


def submitted(database, project, person, rating="amber"):
    self_assessment = start_assessment(database, project, person)
    complete_every_point(database, self_assessment, rating=rating, owner=person)
    self_assessment.status = "in_review"
    self_assessment.submitted_at = datetime(2026, 11, 1, tzinfo=UTC)
    database.commit()
    return self_assessment


@pytest.fixture
def setting(database, people):
    project = make_project(
        database,
        phase="private_beta",
        team=[(people["owner"], TeamRole.SERVICE_OWNER), (people["member"], TeamRole.MEMBER)],
    )
    make_project(database, name="Other project", team=[(people["stranger"], TeamRole.MEMBER)])
    self_assessment = submitted(database, project, people["owner"])
    assessment = make_panel_assessment(
        database,
        project,
        kind="assessment",
        panel=[
            (people["lead"], "lead"),
            (people["designer"], "design"),
            (people["observer"], "observer"),
            (None, "technical"),
        ],
        self_assessment=self_assessment,
        brief_description="Apply for a blue badge online.",
        brief_users="Disabled people and their carers.",
    )
    return project, self_assessment, assessment


TASK = ".//li[@class='govuk-task-list__item govuk-task-list__item--with-link']"
RADIO_LABEL = ".//label[@class='govuk-label govuk-radios__label']"


def audited(database, summary: str) -> bool:
    return summary in database.scalars(select(AuditEvent.summary)).all()


def url(assessment, tail=""):
    return f"/assessments/{assessment.id}{tail}"


def point_count(database, assessment) -> int:
    return len(
        database.scalars(
            select(Point.id).where(Point.version_id == assessment.framework_version_id)
        ).all()
    )


def score(client, assessment, number, version="0", **fields):
    data = {"version": version, "rating": "green", "done_well": "Good research.", "to_do": ""}
    data.update(fields)
    return client.submit(url(assessment, f"/points/{number}"), data)


def score_all(database, assessment, person, rating="green"):
    for point in database.scalars(
        select(Point).where(Point.version_id == assessment.framework_version_id)
    ):
        commands.save_judgement(
            assessment.id,
            point.number,
            person.id,
            commands.Scoring(rating, "Done well.", "Do more."),
            commands.judgement_version(
                database.scalar(
                    select(Judgement).where(
                        Judgement.assessment_id == assessment.id, Judgement.point_id == point.id
                    )
                )
            ),
        )


# --- Access for every role ---------------------------------------------------------------------

READ_PAGES = ["", "/self-assessment", "/points/1", "/summary"]
SCORE_PAGES = ["/points/1/actions/add"]


@pytest.mark.parametrize(
    ("who", "reads", "scores"),
    [
        ("lead", True, True),
        ("designer", True, True),
        ("observer", True, False),
        ("organiser", True, False),
        ("board", True, False),
        ("admin", True, False),
        ("outsider", False, False),
        ("owner", False, False),
        ("member", False, False),
        ("stranger", False, False),
        ("nobody", False, False),
    ],
)
def test_who_reaches_each_page(client, people, setting, who, reads, scores):
    _, _, assessment = setting
    client.sign_in(people[who].email)
    for tail in READ_PAGES:
        response = client.get(url(assessment, tail))
        assert response.status_code == (200 if reads else 403), (who, tail)
        if reads:
            check_page(response)
    for tail in SCORE_PAGES:
        response = client.get(url(assessment, tail))
        assert response.status_code == (200 if scores else 403), (who, tail)
        if scores:
            check_page(response)
    token_page = url(assessment, "") if reads else "/frameworks/"
    response = client.submit(
        url(assessment, "/points/1"),
        {"version": "0", "rating": "green", "done_well": "", "to_do": ""},
        token_from=token_page,
    )
    assert response.status_code == (302 if scores else 403), who
    response = client.submit(
        url(assessment, "/summary"), {"version": "1", "summary": "x"}, token_from=token_page
    )
    assert response.status_code in ((302, 409) if who == "lead" else (403,)), who


def test_a_self_assessment_id_is_not_found_here(client, people, setting):
    _, self_assessment, _ = setting
    client.sign_in(people["lead"].email)
    assert client.get(f"/assessments/{self_assessment.id}").status_code == 404
    assert client.get("/assessments/999999/points/1").status_code == 404


def test_review_page_lists_the_persons_panels_with_progress(client, database, people, setting):
    _, _, assessment = setting
    commands.save_judgement(
        assessment.id, 1, people["designer"].id, commands.Scoring("green", "Good", ""), "0"
    )
    client.sign_in(people["lead"].email)
    response = client.get("/review")
    check_page(response)
    rows = table_rows(response, "panels")
    total = point_count(database, assessment)
    assert rows == [
        [
            "20 November 2026",
            "Blue Badge applications",
            "Private beta",
            "Assessment",
            "Lead assessor",
            f"1 of {total} points scored Waiting for you Panel scoring",
            # 5 working days after Friday 20 November 2026, and TODAY is later
            "Report due 27 November 2026 Overdue",
        ]
    ]
    assert "Assessments to review" in response.get_data(as_text=True)
    assert "govuk-tag govuk-tag--yellow" in response.get_data(as_text=True)
    # Challenged, it waits for the lead, with no date yet; published, nothing is due.
    assessment.status = "challenged"
    database.commit()
    rows = table_rows(client.get("/review"), "panels")
    assert rows[0][5].endswith("Waiting for you Challenged by the team")
    assert rows[0][6] == "No date yet"
    assessment.status = "published"
    database.commit()
    rows = table_rows(client.get("/review"), "panels")
    assert "Waiting for you" not in rows[0][5]
    assert rows[0][6] == "Nothing due"
    # The home page shows it too.
    home = client.get("/home")
    assert table_rows(home, "panels")[0][1] == "Blue Badge applications"


def test_review_page_is_for_assessors_and_says_when_there_is_none(app, client, people):
    client.sign_in(people["outsider"].email)
    response = client.get("/review")
    check_page(response)
    assert "You are not on the panel of any assessment yet" in response.get_data(as_text=True)
    other = type(client)(app.test_client())
    other.sign_in(people["owner"].email)
    assert other.get("/review").status_code == 403


# --- The overview ------------------------------------------------------------------------------


def test_overview_shows_details_panel_brief_and_a_task_list(client, database, people, setting):
    _, _, assessment = setting
    client.sign_in(people["designer"].email)
    response = client.get(url(assessment))
    document, _ = parse(response)
    page = text_of(document.find(".//main"))
    assert "Lead assessor Lena Lead" in page
    assert "Technical Not filled yet" in page
    assert "Apply for a blue badge online." in page
    assert "Read the team's self-assessment for private beta" in page
    items = document.findall(
        ".//li[@class='govuk-task-list__item govuk-task-list__item--with-link']"
    )
    assert len(items) == point_count(database, assessment)
    assert "Usually led by:" in text_of(items[0])
    assert "This project has no earlier published reports." in page
    assert "Due Report due 27 November 2026 Overdue" in page
    report_link = document.find(f".//a[@href='/assessments/{assessment.id}/report']")
    assert report_link is not None and report_link.text == "Read the report"
    assert client.get(f"/assessments/{assessment.id}/report").status_code == 200


# --- Scoring a point ---------------------------------------------------------------------------


def test_saving_a_point_goes_on_to_the_next_point_to_score(client, database, people, setting):
    _, _, assessment = setting
    total = point_count(database, assessment)
    client.sign_in(people["designer"].email)
    commands.save_judgement(
        assessment.id, 3, people["designer"].id, commands.Scoring("green", "", ""), "0"
    )
    response = score(client, assessment, 2)
    # Point 3 is scored already, so the next one to score is point 4.
    assert response.headers["Location"].endswith(url(assessment, "/points/4"))
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Point 2 saved. Now point 4." in page
    for number in range(4, total + 1):
        score(client, assessment, number)
    response = score(client, assessment, 1)
    assert response.headers["Location"].endswith(url(assessment))
    assert "Point 1 saved. Every point is scored." in client.get(
        response.headers["Location"]
    ).get_data(as_text=True)


def test_saving_an_amber_point_stays_on_it_until_its_actions_are_made(
    client, database, people, setting
):
    _, _, assessment = setting
    client.sign_in(people["designer"].email)
    response = score(client, assessment, 2, rating="amber", to_do="Test with more users")
    assert response.headers["Location"].endswith(url(assessment, "/points/2"))
    document, _ = parse(client.get(response.headers["Location"]))
    banner = document.find(
        ".//div[@class='govuk-notification-banner govuk-notification-banner--success']"
    )
    assert text_of(banner).endswith(
        "Point 2 saved. Make each thing the team needs to do into an action below, "
        "or go to point 3."
    )
    onward = banner.find(".//a[@class='govuk-notification-banner__link']")
    assert onward.get("href") == url(assessment, "/points/3")
    assert document.find(".//ul[@id='to-do-items']") is not None
    # Once an action is made from it, saving the point goes on to the next one.
    commands.add_panel_action(
        assessment.id,
        2,
        people["designer"].id,
        "Test with more users",
        people["owner"].id,
        None,
        None,
    )
    judgement = database.scalar(select(Judgement).where(Judgement.assessment_id == assessment.id))
    response = score(
        client,
        assessment,
        2,
        version=str(judgement.version),
        rating="amber",
        to_do="Test with more users",
    )
    assert response.headers["Location"].endswith(url(assessment, "/points/3"))


def test_saving_an_empty_point_is_refused_with_the_error_pattern(client, database, people, setting):
    _, _, assessment = setting
    client.sign_in(people["designer"].email)
    response = score(client, assessment, 10, rating="", done_well="", to_do=" ")
    assert response.status_code == 200
    document, _ = parse(response)
    summary = document.find(".//div[@class='govuk-error-summary']")
    message = "Choose a rating or write what the team has done well or needs to do"
    assert message in text_of(summary)
    assert summary.find(".//a").get("href") == "#rating"
    assert "saved" not in text_of(document.find(".//main"))
    assert (
        database.scalar(select(Judgement).where(Judgement.assessment_id == assessment.id)) is None
    )


def test_scoring_a_point_saves_moves_to_in_review_and_records_in_words(
    client, database, people, setting
):
    _, _, assessment = setting
    client.sign_in(people["designer"].email)
    page = client.get(url(assessment, "/points/2")).get_data(as_text=True)
    assert "The team&#39;s self-assessment" in page or "The team's self-assessment" in page
    assert "We did the work." in page
    assert "Fix it" in page  # the team's action
    response = score(client, assessment, 2, rating="amber", to_do="Test with more users")
    assert response.status_code == 302
    database.expire_all()
    judgement = database.scalar(select(Judgement).where(Judgement.assessment_id == assessment.id))
    assert (judgement.rating, judgement.to_do) == ("amber", "Test with more users")
    assert database.get(Assessment, assessment.id).status == "in_review"
    summaries = database.scalars(select(AuditEvent.summary)).all()
    assert "The panel started scoring" in summaries
    assert "Scored point 2: amber" in summaries
    # The team's project history does not show the panel's drafts.
    assert not database.scalars(
        select(AuditEvent.summary).where(
            AuditEvent.project_id == assessment.project_id,
            AuditEvent.summary.like("Scored%"),
        )
    ).all()


def test_a_rating_not_in_the_framework_is_refused_with_the_error_pattern(
    client, database, people, setting
):
    _, _, assessment = setting
    client.sign_in(people["designer"].email)
    response = score(client, assessment, 1, rating="purple", done_well="Kept")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "govuk-error-summary" in page
    assert "Select green, amber or red" in page
    assert "Kept" in page
    response = score(client, assessment, 1, done_well="x" * 5001)
    assert "5,000 characters or fewer" in response.get_data(as_text=True)


def test_met_not_met_frameworks_offer_two_choices(client, database, people, setting):
    _, _, assessment = setting
    assessment.framework_version.panel_outcomes = "met_not_met"
    database.commit()
    client.sign_in(people["designer"].email)
    document, _ = parse(client.get(url(assessment, "/points/1")))
    labels = [
        text_of(label)
        for label in document.findall(".//label[@class='govuk-label govuk-radios__label']")
    ]
    assert labels == ["Met", "Not met"]
    assert score(client, assessment, 1, rating="amber").status_code == 200
    assert score(client, assessment, 1, rating="red").status_code == 302
    page = client.get(url(assessment)).get_data(as_text=True)
    assert "Not met" in page


def test_a_discovery_peer_review_records_findings_only(client, database, people):
    project = make_project(database, phase="discovery", name="Discovery project")
    assessment = make_panel_assessment(
        database, project, kind="peer_review", panel=[(people["lead"], "lead")]
    )
    client.sign_in(people["lead"].email)
    page = client.get(url(assessment, "/points/1")).get_data(as_text=True)
    assert "gives no rating" in page
    assert 'name="rating"' not in page
    assert score(client, assessment, 1, rating="green").status_code == 200
    assert score(client, assessment, 1, rating="", done_well="Clear research").status_code == 302
    overview = client.get(url(assessment)).get_data(as_text=True)
    assert "no overall result" in overview.lower()
    with pytest.raises(Invalid):
        commands.save_judgement(
            assessment.id, 2, people["lead"].id, commands.Scoring("green", "", ""), "0"
        )


def test_two_assessors_scoring_one_point_at_once_keep_both_texts(
    client, app, database, people, setting
):
    _, _, assessment = setting
    other = type(client)(app.test_client())
    client.sign_in(people["designer"].email)
    other.sign_in(people["lead"].email)
    first_token = client.csrf_token(url(assessment, "/points/3"))
    second_token = other.csrf_token(url(assessment, "/points/3"))
    first = client.post(
        url(assessment, "/points/3"),
        data={
            "csrf_token": first_token,
            "version": "0",
            "rating": "green",
            "done_well": "Designer's words",
            "to_do": "",
        },
    )
    assert first.status_code == 302
    second = other.post(
        url(assessment, "/points/3"),
        data={
            "csrf_token": second_token,
            "version": "0",
            "rating": "red",
            "done_well": "Lead's words",
            "to_do": "",
        },
    )
    assert second.status_code == 409
    check_page(second)
    document, _ = parse(second)
    assert "Designer's words" in text_of(document.find(".//*[@id='saved-by-someone-else']"))
    assert "Lead's words" in text_of(document.find(".//*[@id='what-you-typed']"))
    # The form keeps what the lead typed and carries the version now saved.
    assert "Lead's words" in text_of(document.find(".//textarea[@name='done_well']"))
    version = document.find(".//input[@name='version']").get("value")
    third = other.post(
        url(assessment, "/points/3"),
        data={
            "csrf_token": second_token,
            "version": version,
            "rating": "red",
            "done_well": "Both",
            "to_do": "",
        },
    )
    assert third.status_code == 302
    with pytest.raises(Conflict):
        commands.save_judgement(
            assessment.id, 3, people["designer"].id, commands.Scoring("green", "", ""), "1"
        )


def test_scoring_is_refused_once_the_report_is_sent_and_outside_scope(database, people, setting):
    _, _, assessment = setting
    with pytest.raises(NotFound):
        commands.save_judgement(
            assessment.id, 99, people["lead"].id, commands.Scoring("green", "", ""), "0"
        )
    with pytest.raises(NotAllowed):
        commands.save_judgement(
            assessment.id, 1, people["observer"].id, commands.Scoring("green", "", ""), "0"
        )
    with pytest.raises(NotAllowed):
        commands.save_judgement(
            assessment.id, 1, people["outsider"].id, commands.Scoring("green", "", ""), "0"
        )
    assessment.status = "sent"
    database.commit()
    with pytest.raises(NotAllowed):
        commands.save_judgement(
            assessment.id, 1, people["lead"].id, commands.Scoring("green", "", ""), "0"
        )


def test_observers_read_the_panels_work_but_do_not_get_a_form(client, people, setting):
    _, _, assessment = setting
    commands.save_judgement(
        assessment.id, 1, people["designer"].id, commands.Scoring("amber", "Nice", "More"), "0"
    )
    client.sign_in(people["observer"].email)
    page = client.get(url(assessment, "/points/1")).get_data(as_text=True)
    assert 'name="done_well"' not in page
    assert "Only panel members other than observers score points" in page
    assert "Nice" in page


# --- Actions from the panel --------------------------------------------------------------------


def test_a_needs_to_do_item_becomes_a_panel_action_due_in_three_months_for_amber(
    client, database, people, setting
):
    project, _, assessment = setting
    commands.save_judgement(
        assessment.id,
        4,
        people["designer"].id,
        commands.Scoring("amber", "", "Run a private beta\nPublish the code"),
        "0",
    )
    client.sign_in(people["designer"].email)
    page = client.get(url(assessment, "/points/4")).get_data(as_text=True)
    assert "Make this an action" in page
    form = client.get(url(assessment, "/points/4/actions/add?item=2")).get_data(as_text=True)
    assert "Publish the code" in form
    # No "checks's" possessive, whatever the project's name.
    assert "The action goes on the list of actions for Blue Badge applications" in form
    response = client.submit(
        url(assessment, "/points/4/actions/add"),
        {
            "description": "Publish the code",
            "owner": str(people["owner"].id),
            "owner_name": "",
            "due_date-day": "",
            "due_date-month": "",
            "due_date-year": "",
        },
    )
    assert response.status_code == 302
    action = database.scalar(select(Action).where(Action.source == "panel"))
    assert action.project_id == project.id
    assert action.assessment_id == assessment.id
    assert action.point_number == 4
    assert action.owner_id == people["owner"].id
    assert action.due_date == date(
        TODAY.year + (TODAY.month + 2) // 12, (TODAY.month + 2) % 12 + 1, TODAY.day
    )
    assert "Publish the code" in client.get(url(assessment, "/points/4")).get_data(as_text=True)
    assert audited(database, "The panel added an action for point 4: Publish the code")
    # The item is marked as made into an action, and making it again is refused.
    document, _ = parse(client.get(url(assessment, "/points/4")))
    items = [text_of(item) for item in document.findall(".//ul[@id='to-do-items']/li")]
    assert items == [
        "Run a private beta Make this an action: Run a private beta",
        "Publish the code Made into an action",
    ]
    again = client.submit(
        url(assessment, "/points/4/actions/add"),
        {
            "description": "publish the code.",
            "owner": str(people["owner"].id),
            "owner_name": "",
            "due_date-day": "",
            "due_date-month": "",
            "due_date-year": "",
        },
    )
    assert again.status_code == 200
    assert "The panel has already made this an action for this point" in again.get_data(
        as_text=True
    )
    assert len(database.scalars(select(Action).where(Action.source == "panel")).all()) == 1


def test_a_panel_action_needs_a_description_owner_and_for_red_a_date(
    client, database, people, setting
):
    _, _, assessment = setting
    commands.save_judgement(
        assessment.id, 5, people["designer"].id, commands.Scoring("red", "", "Fix it"), "0"
    )
    client.sign_in(people["designer"].email)
    response = client.submit(
        url(assessment, "/points/5/actions/add"),
        {
            "description": "",
            "owner": "",
            "due_date-day": "",
            "due_date-month": "",
            "due_date-year": "",
        },
    )
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Enter what needs to be done" in page
    assert "Select who owns the action" in page
    assert "Enter the date the action is due" in page
    with pytest.raises(Invalid) as raised:
        commands.add_panel_action(
            assessment.id, 5, people["designer"].id, "Do it", people["outsider"].id, None, None
        )
    assert set(raised.value.errors) == {"owner", "due_date"}


# --- Amber evidence review ---------------------------------------------------------------------


@pytest.fixture
def amber_review(database, people, setting):
    project, self_assessment, first = setting
    score_all(database, first, people["lead"], rating="green")
    judgement = database.scalar(
        select(Judgement).join(Point).where(Judgement.assessment_id == first.id, Point.number == 2)
    )
    judgement.rating = "amber"
    first.status = "published"
    first.published_at = datetime(2026, 11, 25, tzinfo=UTC)
    database.commit()
    action = make_action(
        database,
        project,
        first,
        number=2,
        description="Test with screen readers",
        source="panel",
        owner=people["owner"],
    )
    review = make_panel_assessment(
        database,
        project,
        kind="amber_evidence_review",
        panel=[(people["lead"], "lead"), (people["designer"], "design")],
        self_assessment=self_assessment,
        follows=first,
    )
    return first, review, action


def test_an_amber_evidence_review_looks_at_the_amber_points_and_verifies_actions(
    client, database, people, amber_review
):
    first, review, action = amber_review
    client.sign_in(people["designer"].email)
    document, _ = parse(client.get(url(review)))
    items = document.findall(
        ".//li[@class='govuk-task-list__item govuk-task-list__item--with-link']"
    )
    assert [text_of(item).split(".")[0] for item in items] == ["2"]
    assert client.get(url(review, "/points/1")).status_code == 404
    point_page = client.get(url(review, "/points/2")).get_data(as_text=True)
    assert "Test with screen readers" in point_page
    assert 'Check<span class="govuk-visually-hidden"> action: Test with screen readers' in (
        point_page
    )
    response = client.submit(
        url(review, f"/actions/{action.id}/verify"),
        {"version": str(action.version), "outcome": "verified", "evidence": ""},
    )
    assert "Enter what shows the action is done" in response.get_data(as_text=True)
    response = client.submit(
        url(review, f"/actions/{action.id}/verify"),
        {
            "version": str(action.version),
            "outcome": "verified",
            "evidence": "Saw the research report",
        },
    )
    assert response.status_code == 302
    database.expire_all()
    verified = database.get(Action, action.id)
    assert verified.verified_by_id == people["designer"].id
    assert verified.verified_in_id == review.id
    assert verified.verification_evidence == "Saw the research report"
    assert verified.status == "done"
    assert audited(
        database,
        "Verified the action for point 2 in the amber evidence review: Test with screen readers",
    )
    page = client.get(url(review, "/points/2")).get_data(as_text=True)
    assert "Verified" in page and "Saw the research report" in page
    # An action of a point not in scope is not found.
    other = make_action(database, first.project, first, number=1, source="panel")
    assert client.get(url(review, f"/actions/{other.id}/verify")).status_code == 404


def _verify_row(document, description):
    for row in document.findall(".//table[@id='to-verify']/tbody/tr"):
        cells = row.findall("td")
        if text_of(cells[0]) == description:
            return cells
    raise AssertionError(f"no row for {description}")


def test_an_amber_evidence_review_records_an_action_not_done_yet_and_the_rating_before(
    client, database, people, amber_review
):
    first, review, action = amber_review
    first.assessment_date = date(2026, 11, 20)
    stored = database.get(Action, action.id)
    stored.status = "done"
    stored.closed_at = datetime(2026, 11, 28, tzinfo=UTC)
    stored.completion_note = "We think so"
    database.commit()
    action = stored
    client.sign_in(people["designer"].email)
    document, _ = parse(client.get(url(review, "/points/2")))
    assert text_of(document.find(".//*[@id='earlier-rating']")) == (
        "Rated Amber at the 20 November 2026 assessment."
    )
    assert text_of(document.find(".//*[@id='rating-before']")) == (
        "Rating before: Amber, at the 20 November 2026 assessment"
    )
    heads = [text_of(th) for th in document.findall(".//table[@id='to-verify']/thead/tr/th")]
    assert heads[2] == "Status"
    cells = _verify_row(document, "Test with screen readers")
    assert text_of(cells[2]) == "Not checked yet. The team says: Done"
    verify_url = url(review, f"/actions/{action.id}/verify")
    form = client.get(verify_url).get_data(as_text=True)
    assert "Yes, it is verified" in form and "No, not done yet" in form
    # A choice is needed, and for not done yet, what is missing.
    response = client.submit(verify_url, {"version": str(action.version), "evidence": "x"})
    assert "Select whether the action is done" in response.get_data(as_text=True)
    response = client.submit(
        verify_url, {"version": str(action.version), "outcome": "not_done", "evidence": ""}
    )
    assert "Enter what is missing or not done yet" in response.get_data(as_text=True)
    response = client.submit(
        verify_url,
        {
            "version": str(action.version),
            "outcome": "not_done",
            "evidence": "No report of testing with screen readers yet",
        },
    )
    assert response.status_code == 302
    database.expire_all()
    checked = database.get(Action, action.id)
    assert checked.verified_at is None
    assert (checked.verified_in_id, checked.verified_by_id) == (review.id, people["designer"].id)
    assert checked.verification_evidence == "No report of testing with screen readers yet"
    assert checked.status == "open"  # the team said done; the panel found it is not
    assert audited(
        database,
        "Found the action for point 2 not done yet in the amber evidence review: "
        "Test with screen readers",
    )
    document, _ = parse(client.get(url(review, "/points/2")))
    cells = _verify_row(document, "Test with screen readers")
    assert text_of(cells[2].find(".//strong")) == "Not done yet"
    assert "Checked by Dara Design on " in text_of(cells[2])
    assert "No report of testing with screen readers yet" in text_of(cells[2])
    assert text_of(cells[3]).startswith("Change")
    # Coming back to it, the form says what was recorded.
    form = client.get(verify_url).get_data(as_text=True)
    assert 'value="not_done" checked' in form


def test_an_amber_evidence_review_revises_a_rating_with_a_reason_keeping_the_original(
    client, database, people, amber_review
):
    _, review, _ = amber_review
    client.sign_in(people["designer"].email)
    response = score(client, review, 2, rating="green")
    assert "Enter why the panel is changing the rating" in response.get_data(as_text=True)
    response = score(client, review, 2, rating="green", revision_reason="Actions done")
    assert response.status_code == 302
    judgement = database.scalar(select(Judgement).where(Judgement.assessment_id == review.id))
    assert audited(database, "Changed the rating of point 2 from amber to green: Actions done")
    assert (judgement.rating, judgement.original_rating, judgement.revision_reason) == (
        "green",
        "amber",
        "Actions done",
    )
    document, _ = parse(client.get(url(review, "/points/2")))
    revision = text_of(document.find(".//*[@id='revision']"))
    assert "Original rating Amber" in revision
    assert "Rating now Green" in revision
    assert "Actions done" in revision
    # Carried points count toward the result.
    summary = client.get(url(review, "/summary")).get_data(as_text=True)
    assert "carried from the earlier assessment" in summary
    assert "points carried from the earlier assessment" in summary


# --- The lead's summary ------------------------------------------------------------------------


def test_the_lead_writes_the_summary_and_agrees_once_every_point_is_scored(
    client, database, people, setting
):
    _, _, assessment = setting
    client.sign_in(people["lead"].email)
    version = str(assessment.version)
    response = client.submit(
        url(assessment, "/summary"), {"version": version, "summary": "", "agree": "y"}
    )
    page = response.get_data(as_text=True)
    assert "Enter the summary before you agree the final ratings" in page
    assert "Score every point before you agree" in page
    response = client.submit(
        url(assessment, "/summary"), {"version": version, "summary": "A good service."}
    )
    assert response.status_code == 302
    database.expire_all()
    assessment = database.get(Assessment, assessment.id)
    assert assessment.summary == "A good service."
    assert assessment.status == "in_review"
    assert assessment.ratings_agreed_at is None
    score_all(database, assessment, people["designer"], rating="amber")
    database.expire_all()
    assessment = database.get(Assessment, assessment.id)
    response = client.submit(
        url(assessment, "/summary"),
        {"version": str(assessment.version), "summary": "A good service.", "agree": "y"},
    )
    assert response.status_code == 302
    database.expire_all()
    assessment = database.get(Assessment, assessment.id)
    assert assessment.ratings_agreed_by_id == people["lead"].id
    assert audited(database, "Wrote the summary and agreed the final ratings")
    page = client.get(url(assessment, "/summary")).get_data(as_text=True)
    assert "any red makes it red" in page
    document, _ = parse(client.get(url(assessment, "/summary")))
    assert "Overall result Amber" in text_of(document.find(".//*[@id='result']"))
    # A rating changed afterwards asks the lead to agree again.
    commands.save_judgement(
        assessment.id,
        1,
        people["designer"].id,
        commands.Scoring("green", "", ""),
        commands.judgement_version(
            database.scalar(
                select(Judgement)
                .join(Point)
                .where(Judgement.assessment_id == assessment.id, Point.number == 1)
            )
        ),
    )
    database.expire_all()
    assert database.get(Assessment, assessment.id).ratings_agreed_at is None


def test_only_the_lead_writes_the_summary_and_a_stale_form_keeps_both_texts(
    client, database, people, setting
):
    _, _, assessment = setting
    with pytest.raises(NotAllowed):
        commands.save_summary(assessment.id, people["designer"].id, "x", False, assessment.version)
    client.sign_in(people["lead"].email)
    stale = str(assessment.version)
    commands.save_summary(assessment.id, people["lead"].id, "Saved first", False, stale)
    response = client.submit(
        url(assessment, "/summary"), {"version": stale, "summary": "Typed later"}
    )
    assert response.status_code == 409
    document, _ = parse(response)
    assert "Saved first" in text_of(document.find(".//*[@id='saved-summary']"))
    assert "Typed later" in text_of(document.find(".//*[@id='typed-summary']"))


# --- Reading the team's work and earlier reports -----------------------------------------------


def test_panel_members_read_the_self_assessment_and_earlier_reports(
    client, database, people, amber_review
):
    first, review, _ = amber_review
    client.sign_in(people["designer"].email)
    page = client.get(url(review, "/self-assessment")).get_data(as_text=True)
    assert "We did the work." in page
    assert "Fix it" in page
    overview = client.get(url(review)).get_data(as_text=True)
    assert f"/assessments/{review.id}/earlier/{first.id}" in overview
    response = client.get(url(review, f"/earlier/{first.id}"))
    check_page(response)
    assert "Done well." in response.get_data(as_text=True)
    assert client.get(url(review, f"/earlier/{review.id}")).status_code == 404


# --- The rating that counts on the team's pages ------------------------------------------------


def test_the_latest_published_panel_rating_counts_on_the_teams_pages(
    client, database, people, setting
):
    project, self_assessment, assessment = setting
    score_all(database, assessment, people["lead"], rating="green")
    client.sign_in(people["member"].email)
    # The panel's drafts are never shown to the team.
    assert table_rows(client.get("/home"), "projects")[0][4] == "Your team's rating: Amber"
    database.expire_all()
    assessment = database.get(Assessment, assessment.id)
    assessment.status = "published"
    assessment.published_at = datetime(2026, 11, 28, tzinfo=UTC)
    database.commit()
    assert (
        table_rows(client.get("/home"), "projects")[0][4]
        == "Panel's rating, which counts: Green Team's own rating: Amber"
    )
    task_list = client.get(f"/projects/{project.id}/assessments/{self_assessment.id}")
    assert "(the panel's; the team's was amber)" in " ".join(
        task_list.get_data(as_text=True).split()
    )


def _judge(database, panel, number, rating):
    point_id = database.scalar(
        select(Point.id).where(
            Point.version_id == panel.framework_version_id, Point.number == number
        )
    )
    database.add(Judgement(assessment_id=panel.id, point_id=point_id, rating=rating))
    database.commit()


def test_a_later_reassessment_counts_over_the_first_and_carries_the_rest(
    app, client, database, people, setting
):
    from app.data.ratings import point_ratings
    from tests.integration.query_count import counting_queries

    project, self_assessment, first = setting
    _judge(database, first, 1, "red")
    _judge(database, first, 2, "green")
    first.status = "published"
    first.published_at = datetime(2026, 11, 25, tzinfo=UTC)
    database.commit()
    again = make_panel_assessment(
        database,
        project,
        kind="reassessment",
        follows=first,
        status="published",
        published_at=datetime(2026, 11, 30, tzinfo=UTC),
    )
    _judge(database, again, 1, "green")
    draft = make_panel_assessment(database, project, kind="reassessment", follows=again)
    _judge(database, draft, 2, "red")
    source = self_assessment.id
    with app.app_context(), counting_queries(app) as statements:
        found = point_ratings([source])[source]
    # However many panels there are, one query.
    assert len(statements) == 1
    # Point 1: the reassessment's green over the first panel's red; point 2 the first
    # panel's green carried; the draft's red is not shown; point 3 only the team's.
    assert (found[1], found[2], found[3]) == (
        ("amber", "green"),
        ("amber", "green"),
        ("amber", None),
    )


@pytest.mark.parametrize(
    ("who", "reads", "scores"),
    [
        ("lead", True, True),
        ("designer", True, True),
        ("observer", False, False),  # not on this review's panel
        ("outsider", False, False),
        ("board", True, False),
        ("organiser", True, False),
        ("member", False, False),
        ("stranger", False, False),
    ],
)
def test_who_reaches_the_amber_evidence_review_pages(
    client, people, amber_review, who, reads, scores
):
    first, review, action = amber_review
    client.sign_in(people[who].email)
    earlier = client.get(url(review, f"/earlier/{first.id}"))
    assert earlier.status_code == (200 if reads else 403), who
    verify = client.get(url(review, f"/actions/{action.id}/verify"))
    assert verify.status_code == (200 if scores else 403), who
    if scores:
        check_page(verify)
    response = client.submit(
        url(review, f"/actions/{action.id}/verify"),
        {"version": str(action.version), "outcome": "verified", "evidence": "Seen"},
        token_from="/frameworks/",
    )
    assert response.status_code == (302 if scores else 403), who


def test_verifying_is_only_for_an_amber_evidence_review(database, people, setting):
    project, _, assessment = setting
    action = make_action(database, project, assessment, number=1, source="panel")
    with pytest.raises(NotAllowed):
        commands.verify_action(assessment.id, action.id, people["lead"].id, "Seen", 1)


def test_the_review_page_takes_the_same_queries_however_many_panels(
    app, client, database, people, setting
):
    from tests.integration.query_count import counting_queries

    project, self_assessment, _ = setting
    client.sign_in(people["lead"].email)
    client.get("/review")
    with counting_queries(app) as one:
        assert client.get("/review").status_code == 200
    for n in range(3):
        make_panel_assessment(
            database,
            sibling_project(database, project, n),
            kind="assessment",
            panel=[(people["lead"], "lead")],
            self_assessment=self_assessment,
        )
    with counting_queries(app) as four:
        assert client.get("/review").status_code == 200
    assert len(four) == len(one)


def test_forged_and_odd_input_never_gives_a_500(client, database, people, amber_review):
    _, review, action = amber_review
    client.sign_in(people["lead"].email)
    odd = [
        {},
        {"version": "abc", "rating": "green\x00", "done_well": "x" * 20000},
        {"version": "99999999999999999999", "to_do": ["a", "b"], "revision_reason": "\x00"},
        {"rating": ["green", "red"], "evidence": "x" * 5000, "summary": "s" * 9000},
        {"owner": "-1", "due_date-day": "99", "due_date-month": "x", "due_date-year": "0"},
    ]
    posts = [
        url(review, "/points/2"),
        url(review, "/points/2/actions/add"),
        url(review, f"/actions/{action.id}/verify"),
        url(review, "/summary"),
    ]
    for target in posts:
        for data in odd:
            response = client.submit(target, data, token_from=url(review))
            assert response.status_code < 500, (target, data)
    for tail in ["/points/2/actions/add?item=99999999999999", "/points/2/actions/add?item=-1"]:
        assert client.get(url(review, tail)).status_code == 200
    assert client.get(url(review, "/points/99999999999999999")).status_code == 404
    assert client.get(url(review, "/earlier/99999999999999999")).status_code == 404
