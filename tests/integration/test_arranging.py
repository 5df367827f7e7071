"""Arranging assessments: the queue, arranging one, its panel and brief, open roles and
offers, conflicts of interest, feedback results, and who may do each."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest
from sqlalchemy import func, select

from app.bank_holidays import england_and_wales
from app.commands import Conflict, Invalid, NotAllowed
from app.commands import panels as commands
from app.models import (
    Assessment,
    AuditEvent,
    ConflictOfInterest,
    Feedback,
    Judgement,
    PanelMember,
    PanelOffer,
    Point,
)
from app.rules.panels import Seat
from app.rules.permissions import Role, TeamRole
from app.rules.working_days import is_working_day
from tests.conftest import TODAY
from tests.integration.conftest import FormClient
from tests.integration.factories import (
    complete_every_point,
    make_panel_assessment,
    make_project,
    sibling_project,
    start_assessment,
)
from tests.integration.test_pages import check_page, parse, text_of

# An assessment is held on a working day: the first one 14 or more days from TODAY.
DAY = TODAY + timedelta(days=14)
while not is_working_day(DAY, england_and_wales()):
    DAY += timedelta(days=1)


@pytest.fixture
def people(make_person, database):
    made = {
        "organiser": make_person([Role.ORGANISER], name="Olive Organiser"),
        "admin": make_person([Role.ADMINISTRATOR], name="Ada Admin"),
        "board": make_person([Role.BOARD_MEMBER], name="Bo Board"),
        "lead": make_person([Role.ASSESSOR], name="Lena Lead"),
        "designer": make_person([Role.ASSESSOR], name="Dev Designer"),
        "researcher": make_person([Role.ASSESSOR], name="Rita Researcher"),
        "outsider": make_person([Role.ASSESSOR], name="Otto Outsider"),
        "owner": make_person([Role.ASSESSOR], name="Owen Owner"),
        "member": make_person(name="Mia Member"),
        "other_team": make_person(name="Theo Other"),
    }
    made["lead"].can_lead = True
    database.commit()
    return made


@pytest.fixture
def project(database, people):
    project = make_project(
        database,
        phase="private_beta",
        team=[
            (people["owner"], TeamRole.SERVICE_OWNER.value),
            (people["member"], TeamRole.MEMBER.value),
        ],
    )
    project.description = "Apply for a parking permit online."
    database.commit()
    return project


@pytest.fixture
def other_project(database, people):
    return make_project(
        database, name="Other project", team=[(people["other_team"], TeamRole.SERVICE_OWNER.value)]
    )


@pytest.fixture
def submitted(database, project, people):
    assessment = start_assessment(database, project, people["owner"])
    complete_every_point(database, assessment)
    assessment.status = "submitted"
    assessment.submitted_at = datetime(2026, 10, 1, 10, 0)
    database.commit()
    return assessment


def client_for(app, person) -> FormClient:
    client = FormClient(app.test_client())
    client.sign_in(person.email)
    return client


def text(response) -> str:
    return response.get_data(as_text=True)


def arrange_data(people, **changes) -> dict:
    values = {
        "assessment_date": [str(DAY.day), str(DAY.month), str(DAY.year)],
        "assessment_time": "10:00",
        "seat_lead": str(people["lead"].id),
        "seat_user_research": str(people["researcher"].id),
        "seat_design": str(people["designer"].id),
        "seat_content_design": "",
        "seat_technical": "open",
        "seat_accessibility": "",
        "seat_performance_analyst": "",
        "seat_product_delivery": "",
        "seat_observer": "",
        "brief_description": "Apply for a parking permit online.",
        "brief_users": "Residents",
        "prototype_url": "https://example.gov.uk/prototype",
        "architecture_url": "",
    }
    values.update(changes)
    return values


def post_form(client, url, data):
    token = client.csrf_token(url)
    return client.post(url, data={**data, "csrf_token": token})


# --- The queue -------------------------------------------------------------------------------


def test_the_queue_lists_submitted_self_assessments_and_due_assessments_oldest_first(
    app, database, people, project, submitted, other_project
):
    other_project.phase = "alpha"
    other_project.next_assessment_due = datetime(2026, 9, 1).date()
    database.commit()
    client = client_for(app, people["organiser"])
    response = client.get("/assessments/queue")
    check_page(response)
    page = text(response)
    assert "Self-assessment submitted for peer review" in page
    assert "Next assessment due" in page
    # Each link says what it arranges, with the right article.
    assert 'Arrange<span class="govuk-visually-hidden"> a peer review for Blue Badge' in page
    assert 'Arrange<span class="govuk-visually-hidden"> an assessment for Other project' in page
    assert page.index("Other project") < page.index("Blue Badge applications")
    assert "Overdue" in page


def test_a_published_red_result_owes_a_reassessment_and_amber_an_evidence_review(
    app, database, people, project
):
    published = make_panel_assessment(
        database, project, status="published", panel=[(people["lead"], "lead")]
    )
    published.published_at = datetime(2026, 11, 1, 12, 0)
    points = database.scalars(
        select(Point)
        .where(Point.version_id == published.framework_version_id)
        .order_by(Point.number)
    ).all()
    for point in points:
        rating = "red" if point.number == 2 else ("amber" if point.number == 3 else "green")
        database.add(Judgement(assessment_id=published.id, point_id=point.id, rating=rating))
    database.commit()
    client = client_for(app, people["organiser"])
    page = text(client.get("/assessments/queue"))
    assert "Red result published" in page
    arrange = client.get(f"/assessments/arrange?project_id={project.id}&kind=reassessment")
    assert "Points 2, from the" in text(arrange)
    response = post_form(
        client,
        f"/assessments/arrange?project_id={project.id}&kind=reassessment",
        {**arrange_data(people), "confirm": "1"},
    )
    assert response.status_code == 302
    reassessment = database.scalar(select(Assessment).where(Assessment.kind == "reassessment"))
    assert reassessment.follows_id == published.id
    # Once the reassessment is published with point 2 now green, amber is owed.
    reassessment.status = "published"
    reassessment.published_at = datetime(2026, 11, 20, 12, 0)
    database.add(
        Judgement(
            assessment_id=reassessment.id,
            point_id=next(p.id for p in points if p.number == 2),
            rating="green",
        )
    )
    database.commit()
    page = text(client.get("/assessments/queue"))
    assert "Amber result published" in page
    assert "Red result published" not in page


def test_a_follow_up_reads_the_self_assessment_its_original_read(
    app, database, people, project, submitted
):
    submitted.status = "published"
    published = make_panel_assessment(
        database,
        project,
        status="published",
        panel=[(people["lead"], "lead")],
        self_assessment=submitted,
    )
    published.published_at = datetime(2026, 11, 1, 12, 0)
    points = database.scalars(
        select(Point).where(Point.version_id == published.framework_version_id)
    ).all()
    for point in points:
        rating = "red" if point.number == 2 else ("amber" if point.number == 3 else "green")
        database.add(Judgement(assessment_id=published.id, point_id=point.id, rating=rating))
    database.commit()
    client = client_for(app, people["organiser"])
    url = f"/assessments/arrange?project_id={project.id}&kind=reassessment"
    assert post_form(client, url, {**arrange_data(people), "confirm": "1"}).status_code == 302
    reassessment = database.scalar(select(Assessment).where(Assessment.kind == "reassessment"))
    assert reassessment.self_assessment_id == submitted.id
    database.refresh(submitted)
    assert submitted.status == "published"  # it does not go back into review
    # A reassessment stored before follow-ups were given theirs: the amber evidence review
    # after it still finds the team's self-assessment, back along the chain.
    reassessment.self_assessment_id = None
    reassessment.status = "published"
    reassessment.published_at = datetime(2026, 11, 20, 12, 0)
    database.add(
        Judgement(
            assessment_id=reassessment.id,
            point_id=next(p.id for p in points if p.number == 2),
            rating="green",
        )
    )
    database.commit()
    url = f"/assessments/arrange?project_id={project.id}&kind=amber_evidence_review"
    assert post_form(client, url, {**arrange_data(people), "confirm": "1"}).status_code == 302
    review = database.scalar(select(Assessment).where(Assessment.kind == "amber_evidence_review"))
    assert review.follows_id == reassessment.id
    assert review.self_assessment_id == submitted.id


def _self_assessment(database, project, person, phase, submitted_at, status="submitted"):
    assessment = start_assessment(database, project, person)
    assessment.phase = phase
    assessment.status = status
    assessment.submitted_at = submitted_at
    database.commit()
    return assessment


def _queue_rows(page: str, project_name: str) -> list[str]:
    return [row for row in page.split("<tr")[1:] if project_name in row]


def test_the_queue_offers_a_projects_latest_self_assessment_once_in_its_own_phase(
    app, database, people, project, other_project
):
    # Blue Badge (private beta now) submitted in alpha, then again in private beta: the
    # alpha one is superseded and is offered nowhere.
    older = _self_assessment(
        database, project, people["owner"], "alpha", datetime(2026, 5, 1, 10, 0)
    )
    newer = _self_assessment(
        database, project, people["owner"], "private_beta", datetime(2026, 10, 1, 10, 0)
    )
    # Other project moved on to private beta after submitting its alpha one.
    other_project.phase = "private_beta"
    database.commit()
    alpha = _self_assessment(
        database, other_project, people["other_team"], "alpha", datetime(2026, 6, 1, 10, 0)
    )
    client = client_for(app, people["organiser"])
    page = text(client.get("/assessments/queue"))
    rows = _queue_rows(page, "Blue Badge applications")
    assert len(rows) == 1
    assert "Private beta" in rows[0] and "1 October 2026" in rows[0]
    rows = _queue_rows(page, "Other project")
    assert len(rows) == 1
    assert ">Alpha<" in rows[0]
    # The arrange page calls it what it is: a peer review of the alpha self-assessment.
    arrange = text(
        client.get(f"/assessments/arrange?project_id={other_project.id}&kind=peer_review")
    )
    assert "Alpha peer review" in arrange and "Private beta peer review" not in arrange
    # The peer review is built from the latest one; the superseded one stays as it was.
    url = f"/assessments/arrange?project_id={project.id}&kind=peer_review"
    assert post_form(client, url, {**arrange_data(people), "confirm": "1"}).status_code == 302
    review = database.scalar(select(Assessment).where(Assessment.kind == "peer_review"))
    assert review.self_assessment_id == newer.id
    database.refresh(older)
    assert older.status == "submitted"
    # With the latest one in review, nothing of Blue Badge waits for a peer review.
    page = text(client.get("/assessments/queue"))
    assert not [row for row in _queue_rows(page, "Blue Badge applications") if "Peer review" in row]
    assert alpha.status == "submitted"


def test_the_check_page_says_which_self_assessment_the_panel_reads_and_has_a_way_back(
    app, database, people, project, other_project
):
    # A formal private beta assessment with only an alpha self-assessment submitted: the
    # check page says the panel gets none, and arranging attaches none.
    _self_assessment(database, project, people["owner"], "alpha", datetime(2026, 6, 1, 10, 0))
    client = client_for(app, people["organiser"])
    url = f"/assessments/arrange?project_id={project.id}&kind=assessment"
    check = post_form(client, url, arrange_data(people))
    check_page(check)
    document, _ = parse(check)
    rows = text_of(document.find(".//*[@id='check-assessment']"))
    assert "Team's self-assessment None: the panel will have no self-assessment" in rows
    assert "goes into review" not in text_of(document.find(".//*[@id='what-happens']"))
    back = document.find(".//button[@id='back']")
    assert back.get("form") == "arrange-check" and back.get("name") == "change"
    assert document.find(".//form[@id='arrange-check']") is not None
    cancel = document.find(".//div[@class='govuk-button-group']/a")
    assert (cancel.text, cancel.get("href")) == ("Cancel", "/assessments/queue")
    # Each role's change button names the role as a person.
    assert 'Change<span class="govuk-visually-hidden"> the user researcher</span>' in text(check)
    assert post_form(client, url, {**arrange_data(people), "confirm": "1"}).status_code == 302
    formal = database.scalar(select(Assessment).where(Assessment.kind == "assessment"))
    assert formal.self_assessment_id is None
    # A private beta self-assessment submitted: the check page names it, and it goes into
    # review.
    formal.status = "withdrawn"
    database.commit()
    submitted = _self_assessment(
        database, project, people["owner"], "private_beta", datetime(2026, 10, 1, 10, 0)
    )
    document, _ = parse(post_form(client, url, arrange_data(people)))
    rows = text_of(document.find(".//*[@id='check-assessment']"))
    assert (
        "The team's private beta self-assessment, submitted on 1 October 2026. "
        "It goes into review when you arrange the assessment"
    ) in rows
    assert "goes into review" in text_of(document.find(".//*[@id='what-happens']"))
    assert post_form(client, url, {**arrange_data(people), "confirm": "1"}).status_code == 302
    formal = database.scalar(
        select(Assessment).where(Assessment.kind == "assessment", Assessment.status == "arranged")
    )
    assert formal.self_assessment_id == submitted.id


def _row_with(page: str, needle: str) -> str:
    return next(row for row in page.split("<tr") if needle in row)


def test_the_queue_shows_reports_in_progress_with_their_due_dates_and_overdue_flags(
    app, database, people, project
):
    panel = [(people["lead"], "lead")]
    late_report = make_panel_assessment(
        database, project, status="in_review", panel=panel, assessment_date=TODAY - timedelta(30)
    )
    # A project has one open assessment of each kind: each of these is another project's.
    late_answer = make_panel_assessment(
        database,
        sibling_project(database, project, 1),
        status="sent",
        panel=panel,
        sent_at=datetime(2026, 10, 1, 10, 0),
        answer_due=TODAY - timedelta(days=10),
    )
    on_time = make_panel_assessment(
        database,
        sibling_project(database, project, 2),
        status="sent",
        panel=panel,
        sent_at=datetime(2026, 11, 1, 10, 0),
        answer_due=TODAY + timedelta(days=10),
    )
    challenged = make_panel_assessment(
        database, sibling_project(database, project, 3), status="challenged", panel=panel
    )
    accepted = make_panel_assessment(
        database, sibling_project(database, project, 4), status="accepted", panel=panel
    )
    published = make_panel_assessment(database, project, status="published", panel=panel)
    database.commit()
    client = client_for(app, people["organiser"])
    response = client.get("/assessments/queue")
    check_page(response)
    page = text(response)
    row = _row_with(page, f"/assessments/{late_report.id}/panel")
    assert "Report due" in row and 'govuk-tag--red">Overdue' in row
    assert "Reports with the team or the lead" in page
    row = _row_with(page, f"/assessments/{late_answer.id}/report")
    assert "Report sent to the team" in row and "The team, to accept or challenge" in row
    assert "Team&#39;s answer due" in row and "Overdue" in row
    row = _row_with(page, f"/assessments/{on_time.id}/report")
    assert "Team&#39;s answer due" in row and "Overdue" not in row
    row = _row_with(page, f"/assessments/{challenged.id}/report")
    assert "The lead, to answer the team&#39;s challenges" in row
    row = _row_with(page, f"/assessments/{accepted.id}/report")
    assert "The lead, to publish the report" in row
    assert f"/assessments/{published.id}/report" not in page

    from tests.integration.query_count import counting_queries

    with counting_queries(app) as few:
        client.get("/assessments/queue")
    for n in range(3):
        more = sibling_project(database, project, 10 + n)
        make_panel_assessment(database, more, status="challenged", panel=panel)
        make_panel_assessment(database, more, status="in_review", panel=panel, kind="peer_review")
    database.commit()
    with counting_queries(app) as many:
        client.get("/assessments/queue")
    assert len(few) == len(many)


# --- Arranging -------------------------------------------------------------------------------


def test_an_organiser_arranges_a_peer_review_through_check_answers(
    app, database, people, project, submitted
):
    client = client_for(app, people["organiser"])
    url = f"/assessments/arrange?project_id={project.id}&kind=peer_review"
    first = client.get(url)
    check_page(first)
    assert "Apply for a parking permit online." in text(first)  # the brief, filled in

    check = post_form(client, url, arrange_data(people))
    check_page(check)
    assert "Check the assessment before you arrange it" in text(check)
    assert "Lena Lead" in text(check)

    # Change comes back to the form with what was typed.
    change = post_form(client, url, {**arrange_data(people), "change": "panel"})
    assert 'value="10:00"' in text(change)

    done = post_form(client, url, {**arrange_data(people), "confirm": "1"})
    assert done.status_code == 302
    assessment = database.scalar(select(Assessment).where(Assessment.kind == "peer_review"))
    assert assessment.status == "arranged"
    assert assessment.self_assessment_id == submitted.id
    assert assessment.assessment_date == DAY
    assert [(m.panel_role, m.person_id) for m in assessment.panel] == [
        ("lead", people["lead"].id),
        ("user_research", people["researcher"].id),
        ("design", people["designer"].id),
        ("technical", None),
    ]
    database.refresh(submitted)
    assert submitted.status == "in_review"
    confirmation = client.get(done.headers["Location"])
    check_page(confirmation)
    assert "Assessment arranged" in text(confirmation)
    summaries = database.scalars(
        select(AuditEvent.summary).where(AuditEvent.project_id == project.id)
    ).all()
    assert any(s.startswith("Arranged a private beta peer review for") for s in summaries)
    assert any("went into review" in s for s in summaries)


@pytest.mark.parametrize(
    "changes, message",
    [
        (
            {"seat_lead": "owner"},
            "Owen Owner cannot sit on this panel: they are in the project's team",
        ),
        ({"seat_lead": "designer"}, "Dev Designer cannot be the lead: they are not marked as able"),
        ({"seat_lead": ""}, "Choose a lead assessor for the panel"),
        ({"seat_design": "lead"}, "Lena Lead is on the panel twice"),
        ({"assessment_time": "25:00"}, "Enter the time in hours and minutes"),
        ({"assessment_time": "7:00"}, "Enter a start time between 08:00 and 18:00"),
        ({"assessment_date": ["1", "1", "2020"]}, "must be today or in the future"),
        (
            {"prototype_url": "not a link"},
            "Enter a link to the prototype or test environment as a full web address",
        ),
        ({"brief_description": "x" * 5001}, "5,000 characters or fewer"),
    ],
)
def test_the_arrange_form_refuses_with_clear_messages(
    app, database, people, project, submitted, changes, message
):
    changes = {
        key: str(people[value].id) if key.startswith("seat_") and value in people else value
        for key, value in changes.items()
    }
    client = client_for(app, people["organiser"])
    url = f"/assessments/arrange?project_id={project.id}&kind=peer_review"
    response = post_form(client, url, {**arrange_data(people), **changes, "confirm": "1"})
    check_page(response)
    assert "govuk-error-summary" in text(response)
    assert message in text(response).replace("&#39;", "'")
    assert database.scalar(select(Assessment).where(Assessment.kind == "peer_review")) is None


def _error_summary(response) -> list[str]:
    import re

    page = text(response)
    summary = page[page.index("govuk-error-summary__list") :]
    summary = summary[: summary.index("</ul>")]
    return [
        re.sub(r"\s+", " ", item).strip().replace("&#39;", "'")
        for item in re.findall(r"<a [^>]*>(.*?)</a>", summary, re.S)
    ]


def test_the_arrange_form_shows_every_problem_at_once(app, database, people, project, submitted):
    client = client_for(app, people["organiser"])
    url = f"/assessments/arrange?project_id={project.id}&kind=peer_review"
    data = {
        **arrange_data(people),
        "assessment_date": ["31", "2", "2027"],  # not a real date: the form refuses it
        "assessment_time": "25:00",
        "seat_lead": "",
        "brief_description": "",
        "prototype_url": "x" * 3000,
    }
    response = post_form(client, url, data)
    check_page(response)
    errors = _error_summary(response)
    assert len(errors) >= 4, errors
    assert any("date" in e.lower() for e in errors), errors
    assert any("time" in e.lower() for e in errors), errors
    assert any("lead" in e.lower() for e in errors), errors
    assert any("link is too long" in e.lower() for e in errors), errors
    # What was typed stays.
    assert 'value="25:00"' in text(response)


def _next(weekday: int):
    day = TODAY + timedelta(days=7)
    while day.weekday() != weekday:
        day += timedelta(days=1)
    return day


@pytest.mark.parametrize(
    "day,message",
    [
        (_next(5), "The date of the assessment must be a working day, not a Saturday or Sunday"),
        (_next(6), "The date of the assessment must be a working day, not a Saturday or Sunday"),
        (
            next(h for h in sorted(england_and_wales()) if h > TODAY and h.weekday() < 5),
            "is a bank holiday",
        ),
    ],
)
def test_the_arrange_form_refuses_weekends_and_bank_holidays(
    app, database, people, project, submitted, day, message
):
    client = client_for(app, people["organiser"])
    url = f"/assessments/arrange?project_id={project.id}&kind=peer_review"
    data = {
        **arrange_data(people),
        "assessment_date": [str(day.day), str(day.month), str(day.year)],
    }
    response = post_form(client, url, {**data, "confirm": "1"})
    check_page(response)
    errors = _error_summary(response)
    assert any(message in e for e in errors), errors
    assert database.scalar(select(Assessment).where(Assessment.kind == "peer_review")) is None


def test_a_declared_conflict_is_refused_naming_the_person(
    app, database, people, project, submitted
):
    database.add(
        ConflictOfInterest(person_id=people["researcher"].id, project_id=project.id, reason="x")
    )
    database.commit()
    client = client_for(app, people["organiser"])
    url = f"/assessments/arrange?project_id={project.id}&kind=peer_review"
    response = post_form(client, url, {**arrange_data(people), "confirm": "1"})
    assert (
        "Rita Researcher cannot sit on this panel: they have declared a conflict of interest "
        "with this project" in text(response)
    )


def test_the_first_question_explains_kinds_and_refuses_what_cannot_be_arranged(
    app, database, people, project
):
    client = client_for(app, people["organiser"])
    first = client.get("/assessments/arrange")
    check_page(first)
    assert "Covers only the points rated red" in text(first)
    nothing = client.get("/assessments/arrange?project_id=&kind=")
    assert "Select a project" in text(nothing)
    assert "Select what kind of assessment to arrange" in text(nothing)
    no_self = client.get(f"/assessments/arrange?project_id={project.id}&kind=peer_review")
    assert "has no self-assessment submitted for peer review" in text(no_self)
    no_red = client.get(f"/assessments/arrange?project_id={project.id}&kind=reassessment")
    assert "no published assessment with a red result" in text(no_red)
    project.phase = "discovery"
    database.commit()
    discovery = client.get(f"/assessments/arrange?project_id={project.id}&kind=assessment")
    assert "formal assessments are held in alpha, beta and live" in text(discovery)
    hostile = client.get("/assessments/arrange?project_id=99999999999999999999&kind=x")
    assert hostile.status_code == 200


def test_the_arrange_command_checks_its_own_rules(database, people, project, submitted):
    arrangement = commands.Arrangement(
        project.id,
        "assessment",
        DAY,
        datetime(2026, 1, 1, 10, 0).time(),
        (Seat("lead", people["lead"].id),),
        commands.Brief("", "", None, None),
    )
    with pytest.raises(NotAllowed):
        commands.arrange_assessment(people["lead"], arrangement)
    bad = commands.Arrangement(
        project.id, "assessment", DAY, None, (Seat("lead", people["owner"].id),), arrangement.brief
    )
    with pytest.raises(Invalid) as refused:
        commands.arrange_assessment(people["organiser"], bad)
    assert "assessment_time" in refused.value.errors
    assert "in the project's team" in refused.value.errors["seat_lead"]
    assessment = commands.arrange_assessment(people["organiser"], arrangement)
    assert assessment.kind == "assessment" and assessment.phase == "private_beta"


# --- The panel page --------------------------------------------------------------------------


@pytest.fixture
def arranged(database, project, people, submitted):
    return make_panel_assessment(
        database,
        project,
        kind="peer_review",
        self_assessment=submitted,
        panel=[(people["lead"], "lead"), (people["designer"], "design"), (None, "technical")],
        assessment_date=DAY,
    )


def test_the_organiser_changes_the_panel(app, database, people, arranged):
    client = client_for(app, people["organiser"])
    url = f"/assessments/{arranged.id}/panel"
    page = client.get(url)
    check_page(page)
    assert "Lena Lead" in text(page) and "Open" in text(page)

    added = post_form(
        client,
        url + "/add",
        {"panel_role": "user_research", "person_id": str(people["researcher"].id)},
    )
    assert added.status_code == 302
    refused = client.post(
        url + "/add",
        data={
            "panel_role": "observer",
            "person_id": str(people["owner"].id),
            "csrf_token": client.csrf_token(url),
        },
    )
    assert refused.status_code == 400
    assert "Owen Owner cannot sit on this panel" in text(refused).replace("&#39;", "'")

    lead_seat = arranged.panel[0]
    change_url = f"{url}/{lead_seat.id}"
    check_page(client.get(change_url))
    not_able = post_form(
        client, change_url, {"person_id": str(people["designer"].id), "version": "1"}
    )
    assert "cannot be the lead" in text(not_able)
    stale = post_form(client, change_url, {"person_id": str(people["outsider"].id), "version": "0"})
    assert stale.status_code == 409

    design_seat = arranged.panel[1]
    # Removing asks first, naming who comes off; the panel page links to the question.
    assert f"{url}/{design_seat.id}/remove" in text(client.get(url))
    question = client.get(f"{url}/{design_seat.id}/remove")
    check_page(question)
    assert f"Take {design_seat.person.name} off the panel?" in text(question)
    assert "Yes, take them off the panel" in text(question)
    lead_question = client.get(f"{url}/{lead_seat.id}/remove")
    assert "change the lead instead" in text(lead_question)
    assert "Yes, take them off" not in text(lead_question)
    removed = (
        post_form(client, f"{url}/{design_seat.id}/remove", {"version": "1"})
        if False
        else (
            client.post(
                f"{url}/{design_seat.id}/remove",
                data={"version": str(design_seat.version), "csrf_token": client.csrf_token(url)},
            )
        )
    )
    assert removed.status_code == 302
    database.expire_all()
    roles = [m.panel_role for m in database.get(Assessment, arranged.id).panel]
    assert "design" not in roles and "user_research" in roles
    with pytest.raises(NotAllowed):
        commands.remove_panel_seat(people["organiser"], lead_seat.id, lead_seat.version)


def test_assessors_offer_to_fill_an_open_role_and_the_organiser_accepts(
    app, database, people, arranged
):
    open_seat = arranged.panel[2]
    outsider = client_for(app, people["outsider"])
    roles = outsider.get("/panel-roles")
    check_page(roles)
    assert "Blue Badge applications" in text(roles)
    offer_url = f"/panel-roles/{open_seat.id}/offer"
    offer_page = outsider.get(offer_url)
    check_page(offer_page)
    assert '<h1 class="govuk-heading-l">Offer to be the technical assessor</h1>' in text(offer_page)
    offered = post_form(outsider, offer_url, {"note": "I know the permit system"})
    assert offered.status_code == 302
    assert "You offered" in text(outsider.get("/panel-roles"))

    owner = client_for(app, people["owner"])
    refused = owner.get(offer_url)
    assert "you are in the project&#39;s team" in text(refused)

    offer = database.scalar(select(PanelOffer))
    organiser = client_for(app, people["organiser"])
    panel_url = f"/assessments/{arranged.id}/panel"
    assert "I know the permit system" in text(organiser.get(panel_url))
    accepted = organiser.post(
        f"/assessments/{arranged.id}/offers/{offer.id}/accept",
        data={"csrf_token": organiser.csrf_token(panel_url)},
    )
    assert accepted.status_code == 302
    database.expire_all()
    assert database.get(PanelMember, open_seat.id).person_id == people["outsider"].id
    assert database.scalar(select(PanelOffer)) is None
    with pytest.raises(NotAllowed):
        commands.offer_to_fill(people["researcher"], open_seat.id, "")


def test_the_team_reads_and_changes_its_brief(app, database, people, arranged, other_project):
    owner = client_for(app, people["owner"])
    url = f"/assessments/{arranged.id}/brief"
    page = owner.get(url)
    check_page(page)
    saved = post_form(
        owner,
        url,
        {
            "brief_description": "A new description",
            "brief_users": "Drivers",
            "prototype_url": "",
            "architecture_url": "",
            "version": str(arranged.version),
        },
    )
    assert saved.status_code == 302
    database.expire_all()
    assert database.get(Assessment, arranged.id).brief_description == "A new description"
    stale = post_form(owner, url, {"brief_description": "Mine", "brief_users": "", "version": "1"})
    assert stale.status_code == 409
    assert "Someone else saved the brief" in text(stale)
    assert "Mine" in text(stale)

    member = client_for(app, people["member"])
    assert member.get(url).status_code == 200
    assert "Save the brief" not in text(member.get(url))
    assert post_form(member, url, {"brief_description": "x", "version": "2"}).status_code == 403
    other = client_for(app, people["other_team"])
    assert other.get(url).status_code == 403
    with pytest.raises(NotAllowed):
        commands.change_brief(people["member"], arranged.id, 2, commands.Brief("x", "", None, None))


def brief_as_shown(client, url) -> dict:
    """What the brief page sends back if saved as it is: its hidden version and CSRF token."""
    page = text(client.get(url))
    version = re.search(r'name="version" type="hidden" value="([^"]*)"', page) or re.search(
        r'type="hidden" name="version" value="([^"]*)"', page
    )
    assert version, "no version on the brief page"
    return {"version": version.group(1), "csrf_token": client.csrf_token(url)}


def test_the_brief_saves_first_time_and_a_real_clash_is_caught(app, database, people, arranged):
    url = f"/assessments/{arranged.id}/brief"
    owner = client_for(app, people["owner"])
    shown = brief_as_shown(owner, url)
    assert shown["version"] == str(arranged.version)
    saved = owner.post(
        url, data={**shown, "brief_description": "Apply for a permit", "brief_users": "Drivers"}
    )
    assert saved.status_code == 302
    assert "The brief has been saved." in text(owner.get(saved.headers["Location"]))

    # Two people open the brief; the second to save is told, and nothing of theirs is saved.
    organiser = client_for(app, people["organiser"])
    theirs = brief_as_shown(organiser, url)
    mine = brief_as_shown(owner, url)
    first = owner.post(
        url, data={**mine, "brief_description": "The owner's words", "brief_users": "Drivers"}
    )
    assert first.status_code == 302
    second = organiser.post(
        url, data={**theirs, "brief_description": "The organiser's", "brief_users": "Drivers"}
    )
    assert second.status_code == 409
    assert "Someone else saved the brief" in text(second)
    database.expire_all()
    assert database.get(Assessment, arranged.id).brief_description == "The owner's words"


def test_assessors_declare_and_withdraw_conflicts(app, database, people, project, arranged):
    client = client_for(app, people["designer"])
    check_page(client.get("/conflicts"))
    empty = post_form(client, "/conflicts", {"project_id": "", "reason": ""})
    assert "Select a project" in text(empty) and "Enter why you cannot assess" in text(empty)
    declared = post_form(
        client, "/conflicts", {"project_id": str(project.id), "reason": "I used to work there"}
    )
    assert declared.status_code == 302
    follow = client.get("/conflicts")
    assert "tell the assessment organiser" in text(follow)
    assert "I used to work there" in text(follow)
    twice = post_form(client, "/conflicts", {"project_id": str(project.id), "reason": "Again"})
    assert "already declared" in text(twice)
    conflict = database.scalar(select(ConflictOfInterest))
    event = database.scalar(
        select(AuditEvent).where(AuditEvent.subject_type == "conflict_of_interest")
    )
    assert (
        event.summary
        == "Declared a conflict of interest with Blue Badge applications: I used to work there"
    )
    other = client_for(app, people["outsider"])
    assert (
        other.post(
            f"/conflicts/{conflict.id}/withdraw",
            data={"csrf_token": other.csrf_token("/conflicts")},
        ).status_code
        == 404
    )
    gone = client.post(
        f"/conflicts/{conflict.id}/withdraw", data={"csrf_token": client.csrf_token("/conflicts")}
    )
    assert gone.status_code == 302
    assert database.scalar(select(ConflictOfInterest)) is None


def test_organisers_see_feedback_results(app, database, people, project, arranged):
    arranged.status = "published"
    database.add_all(
        [
            Feedback(
                assessment_id=arranged.id,
                person_id=people["owner"].id,
                respondent="team",
                score_1=4,
                score_2=5,
                score_3=3,
                comment="Helpful panel",
            ),
            Feedback(
                assessment_id=arranged.id,
                person_id=people["lead"].id,
                respondent="panel",
                score_1=2,
                score_2=2,
                score_3=2,
                comment="",
            ),
        ]
    )
    database.commit()
    client = client_for(app, people["organiser"])
    page = client.get("/assessments/feedback")
    check_page(page)
    assert "Helpful panel" in text(page)
    assert "4.0" in text(page) and "2.0" in text(page)
    # the results say each question and the scale in the form's words, and count properly
    assert 'data-label="Question">How well was the assessment organised?</td>' in text(page)
    assert "Question 1" not in text(page)
    assert "from 1 (not at all) to 5 (very well)" in text(page)
    assert "team: 1 answer, panel: 1 answer" in text(page)
    assert "1 answers" not in text(page)
    # Each table's caption names the assessment, so two of one project differ, and each
    # links to its report.
    document, _ = parse(page)
    caption = text_of(document.find(".//caption"))
    assert caption.startswith("Average scores for Blue Badge applications, private beta")
    report = document.find(f".//a[@id='report-{arranged.id}']")
    assert report.get("href") == f"/assessments/{arranged.id}/report"
    assert document.find(".//a[@class='govuk-back-link']").get("href") == "/assessments/queue"

    # A confidential project's comments may quote its report: organisers see only scores.
    project.confidential = True
    database.commit()
    page = text(client.get("/assessments/feedback"))
    assert "Helpful panel" not in page and "4.0" in page
    assert "its report and comments are not shown to organisers" in page
    assert f"/assessments/{arranged.id}/report" not in page
    admin = text(client_for(app, people["admin"]).get("/assessments/feedback"))
    assert "Helpful panel" in admin


# --- Admin forms -----------------------------------------------------------------------------


def test_administrators_mark_who_can_lead_and_which_projects_are_confidential(
    app, database, people, project
):
    client = client_for(app, people["admin"])
    person = people["designer"]
    url = f"/admin/people/{person.id}/edit"
    response = post_form(
        client,
        url,
        {
            "name": person.name,
            "email": person.email,
            "roles": ["assessor", "organiser"],
            "can_lead": "y",
        },
    )
    assert response.status_code == 302
    database.expire_all()
    assert person.can_lead and person.roles == {"assessor", "organiser"}
    assert "can lead a panel" in text(client.get("/admin/people"))

    edit = client.get(f"/projects/{project.id}/edit")
    assert "This project is confidential" in text(edit)


# --- Who may do what -------------------------------------------------------------------------

ORGANISER_PAGES = ["/assessments/queue", "/assessments/arrange", "/assessments/feedback"]


@pytest.mark.parametrize(
    "who, allowed",
    [
        ("organiser", True),
        ("admin", True),
        ("board", False),
        ("lead", False),
        ("outsider", False),
        ("owner", False),
        ("member", False),
        ("other_team", False),
    ],
)
def test_who_may_use_each_page(app, database, people, arranged, who, allowed):
    client = client_for(app, people[who])
    for url in [
        *ORGANISER_PAGES,
        f"/assessments/{arranged.id}/panel",
        f"/assessments/{arranged.id}/arranged",
    ]:
        assert client.get(url).status_code == (200 if allowed else 403), (who, url)
    seat = arranged.panel[0]
    assert client.get(f"/assessments/{arranged.id}/panel/{seat.id}").status_code == (
        200 if allowed else 403
    )
    assessor = Role.ASSESSOR.value in people[who].roles
    for url in ["/panel-roles", "/conflicts"]:
        assert client.get(url).status_code == (200 if assessor else 403), (who, url)
    brief = client.get(f"/assessments/{arranged.id}/brief").status_code
    reads_brief = who in ("organiser", "admin", "board", "lead", "owner", "member")
    assert brief == (200 if reads_brief else 403), who


def test_removing_a_role_someone_else_changed_removes_nothing_and_says_so(
    app, database, people, arranged
):
    client = client_for(app, people["organiser"])
    url = f"/assessments/{arranged.id}/panel"
    seat = arranged.panel[1]
    response = client.post(
        f"{url}/{seat.id}/remove",
        data={"version": str(seat.version - 1), "csrf_token": client.csrf_token(url)},
        follow_redirects=True,
    )
    page = text(response).replace("&#39;", "'")
    assert (
        "Someone else changed this panel while you were looking at it. Nothing was removed: "
        "check the panel and try again." in page
    )
    database.expire_all()
    assert seat.panel_role in [m.panel_role for m in database.get(Assessment, arranged.id).panel]


def test_posts_are_refused_to_people_who_may_not(app, database, people, arranged):
    seat = arranged.panel[2]
    client = client_for(app, people["lead"])
    token = client.csrf_token("/panel-roles")
    for url in [
        f"/assessments/{arranged.id}/panel/add",
        f"/assessments/{arranged.id}/panel/{seat.id}/remove",
        f"/assessments/{arranged.id}/panel/{seat.id}",
        "/assessments/arrange",
    ]:
        assert client.post(url, data={"csrf_token": token}).status_code == 403, url
    member = client_for(app, people["member"])
    member_token = member.csrf_token("/home")
    for url in [
        f"/assessments/{arranged.id}/offers/1/accept",
        f"/panel-roles/{seat.id}/offer",
        "/conflicts/1/withdraw",
        f"/assessments/{arranged.id}/panel/add",
    ]:
        assert member.post(url, data={"csrf_token": member_token}).status_code == 403, url
    board = client_for(app, people["board"])
    board_token = board.csrf_token("/home")
    assert board.post("/conflicts", data={"csrf_token": board_token}).status_code == 403
    with pytest.raises(NotAllowed):
        commands.add_panel_seat(people["lead"], arranged.id, "design", None)
    with pytest.raises(NotAllowed):
        commands.declare_conflict(people["board"], arranged.project_id, "x")
    with pytest.raises(NotAllowed):
        commands.accept_offer(people["lead"], 1)


def test_the_panel_is_settled_once_the_report_is_sent(app, database, people, arranged):
    arranged.status = "sent"
    database.commit()
    with pytest.raises(NotAllowed):
        commands.add_panel_seat(people["organiser"], arranged.id, "design", None)
    with pytest.raises(NotAllowed):
        commands.change_brief(
            people["organiser"], arranged.id, arranged.version, commands.Brief("x", "", None, None)
        )
    client = client_for(app, people["organiser"])
    assert "can no longer change" in text(client.get(f"/assessments/{arranged.id}/panel"))


def test_an_organiser_in_no_team_starts_from_the_queue(app, database, people):
    client = client_for(app, people["organiser"])
    response = client.get("/home")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/assessments/queue")


def test_the_stale_seat_change_is_a_conflict(database, people, arranged):
    with pytest.raises(Conflict):
        commands.fill_panel_seat(people["organiser"], arranged.panel[1].id, 99, None)


def test_the_team_finds_its_brief_from_the_project_page(app, database, people, arranged):
    owner = client_for(app, people["owner"])
    page = owner.get(f"/projects/{arranged.project_id}")
    check_page(page)
    assert f"/assessments/{arranged.id}/brief" in text(page)
    assert "Private beta peer review on" in text(page)


def test_a_project_marked_confidential_says_so_and_in_its_history(app, database, people, project):
    from tests.integration.test_projects import _edit_fields

    client = client_for(app, people["admin"])
    fields = _edit_fields(client, project.id, confidential="y")
    response = client.submit(f"/projects/{project.id}/edit", fields)
    assert response.status_code == 302
    database.refresh(project)
    assert project.confidential is True
    assert "Yes: its reports are never public" in text(client.get(f"/projects/{project.id}"))
    history = text(client.get(f"/projects/{project.id}/history"))
    assert "Marked confidential: its reports are never public" in history
    # Unticked, it is no longer confidential.
    fields = _edit_fields(client, project.id)
    fields.pop("confidential", None)
    client.submit(f"/projects/{project.id}/edit", fields)
    database.refresh(project)
    assert project.confidential is False


def test_an_administrator_adds_an_organiser_and_a_lead(app, database, people):
    client = client_for(app, people["admin"])
    response = post_form(
        client,
        "/admin/people/add",
        {
            "name": "Nia Lead",
            "email": "nia.lead@example.gov.uk",
            "roles": ["assessor", "organiser"],
            "can_lead": "y",
            "password": "a-long-enough-password",
        },
    )
    assert response.status_code == 302
    from app.data.people import person_by_email

    person = person_by_email("nia.lead@example.gov.uk")
    assert person.can_lead and person.roles == {"assessor", "organiser"}
    event = database.scalar(
        select(AuditEvent).where(
            AuditEvent.subject_type == "person", AuditEvent.subject_id == person.id
        )
    )
    assert event.changes["can_lead"] is True


@pytest.mark.parametrize(
    "changes",
    [
        {"seat_lead": "abc", "seat_design": "99999999999999999999"},
        {"assessment_date": ["x", "\x00", "99999"], "assessment_time": "1" * 50},
        {"seat_observer": "-1", "prototype_url": "https://" + "a" * 3000},
        {"brief_users": "\x00" + "u" * 5001},
    ],
)
def test_hostile_arrange_posts_never_fail(app, database, people, project, submitted, changes):
    client = client_for(app, people["organiser"])
    url = f"/assessments/arrange?project_id={project.id}&kind=peer_review"
    response = post_form(client, url, {**arrange_data(people), **changes, "confirm": "1"})
    assert response.status_code == 200
    assert "govuk-error-summary" in text(response) or "Check the assessment" in text(response)
    assert database.scalar(select(Assessment).where(Assessment.kind == "peer_review")) is None


def test_hostile_panel_posts_never_fail(app, database, people, arranged):
    client = client_for(app, people["organiser"])
    url = f"/assessments/{arranged.id}/panel"
    token = client.csrf_token(url)
    for path, data in [
        ("/add", {"panel_role": "wizard", "person_id": "open"}),
        ("/add", {"panel_role": "lead", "person_id": str(people["lead"].id)}),
        ("/add", {"panel_role": "design", "person_id": "x"}),
        (f"/{arranged.panel[1].id}", {"person_id": "x", "version": "zz"}),
        (f"/{arranged.panel[1].id}/remove", {"version": ""}),
        ("/999999", {"person_id": "open"}),
    ]:
        response = client.post(url + path, data={**data, "csrf_token": token})
        assert response.status_code in (302, 400, 404, 409), (path, response.status_code)
    offer = client.post(
        f"/assessments/{arranged.id}/offers/424242/accept", data={"csrf_token": token}
    )
    assert offer.status_code == 404
    assert client.get("/panel-roles/999999/offer").status_code == 403  # organisers do not offer
    assessor = client_for(app, people["outsider"])
    assert assessor.get("/panel-roles/999999/offer").status_code == 404
    long_note = post_form(
        assessor, f"/panel-roles/{arranged.panel[2].id}/offer", {"note": "n" * 1001}
    )
    assert "1,000 characters or fewer" in text(long_note)


def _published_with_red(database, people, number: int):
    project = make_project(database, name=f"Red project {number}", phase="alpha")
    published = make_panel_assessment(
        database, project, status="published", panel=[(people["lead"], "lead")]
    )
    published.published_at = datetime(2026, 11, 1, 12, 0) + timedelta(hours=number)
    point = database.scalar(
        select(Point).where(Point.version_id == published.framework_version_id, Point.number == 1)
    )
    database.add(Judgement(assessment_id=published.id, point_id=point.id, rating="red"))
    database.commit()


def test_the_queue_does_not_link_an_organiser_to_a_confidential_projects_report(
    app, database, people, project, other_project
):
    project.confidential = True
    database.commit()
    secret = make_panel_assessment(
        database, project, status="sent", panel=[(people["lead"], "lead")]
    )
    open_report = make_panel_assessment(
        database, other_project, status="challenged", panel=[(people["lead"], "lead")]
    )
    organiser = client_for(app, people["organiser"])
    response = organiser.get("/assessments/queue")
    check_page(response)
    page = text(response)
    assert f"/assessments/{secret.id}/report" not in page
    row = _row_with(page, project.name)
    assert "Confidential" in row
    assert f"/assessments/{open_report.id}/report" in page
    assert organiser.get(f"/assessments/{secret.id}/report").status_code == 403
    # An administrator reads every report, so the queue links to it.
    admin = client_for(app, people["admin"])
    assert f"/assessments/{secret.id}/report" in text(admin.get("/assessments/queue"))


def test_the_queue_makes_the_same_number_of_queries_however_long_it_is(app, database, people):
    from tests.integration.query_count import counting_queries

    client = client_for(app, people["organiser"])
    for number in range(2):
        _published_with_red(database, people, number)
    with counting_queries(app) as few:
        assert text(client.get("/assessments/queue")).count("Red result published") == 2
    for number in range(2, 12):
        _published_with_red(database, people, number)
    with counting_queries(app) as many:
        assert text(client.get("/assessments/queue")).count("Red result published") == 12
    assert len(many) == len(few), "\n".join(many)
    assert len(few) <= 12


def test_the_panel_page_warns_of_a_conflict_declared_after_arranging(
    app, database, people, arranged
):
    database.add(
        ConflictOfInterest(
            person_id=people["designer"].id, project_id=arranged.project_id, reason="Moved team"
        )
    )
    database.commit()
    client = client_for(app, people["organiser"])
    page = client.get(f"/assessments/{arranged.id}/panel")
    check_page(page)
    assert "The panel needs changing" in text(page)
    assert "Dev Designer cannot sit on this panel: they have declared a conflict" in text(page)


def test_a_panel_with_two_conflicts_is_put_right_one_role_at_a_time(database, people, arranged):
    for who in ("designer", "lead"):
        database.add(
            ConflictOfInterest(person_id=people[who].id, project_id=arranged.project_id, reason="x")
        )
    database.commit()
    design = arranged.panel[1]
    commands.fill_panel_seat(people["organiser"], design.id, design.version, people["outsider"].id)
    assert design.person_id == people["outsider"].id
    with pytest.raises(Invalid) as refused:
        commands.fill_panel_seat(
            people["organiser"],
            arranged.panel[0].id,
            arranged.panel[0].version,
            people["designer"].id,
        )
    assert "Dev Designer" in refused.value.errors["person_id"]


def test_every_panel_change_is_in_the_audit_trail_in_words(database, people, arranged):
    organiser = people["organiser"]
    technical = arranged.panel[2]
    commands.add_panel_seat(organiser, arranged.id, "observer", people["outsider"].id)
    commands.add_panel_seat(organiser, arranged.id, "accessibility", None)
    commands.fill_panel_seat(organiser, technical.id, technical.version, people["researcher"].id)
    design = arranged.panel[1]
    commands.fill_panel_seat(organiser, design.id, design.version, None)
    commands.remove_panel_seat(organiser, design.id, design.version)
    open_seat = database.scalar(
        select(PanelMember).where(
            PanelMember.assessment_id == arranged.id, PanelMember.panel_role == "accessibility"
        )
    )
    offer = commands.offer_to_fill(people["designer"], open_seat.id, "")
    commands.accept_offer(organiser, offer.id)
    commands.change_brief(
        people["owner"],
        arranged.id,
        arranged.version,
        commands.Brief("New words", "", None, None),
    )
    summaries = database.scalars(
        select(AuditEvent.summary)
        .where(AuditEvent.project_id == arranged.project_id)
        .order_by(AuditEvent.id)
    ).all()
    assert summaries[1:] == [
        "Added Otto Outsider to the panel as observer",
        "Posted an open accessibility role on the panel",
        "Made Rita Researcher the panel's technical assessor",
        "Opened the panel's design role in place of Dev Designer",
        "Removed the open design role",
        "Accepted Dev Designer's offer: they are the panel's accessibility specialist",
        "Changed the team's brief for the panel",
    ]
    # An offer (and its note) is between the assessor and the organisers: on the audit
    # trail, not in the project's history, which the team reads.
    offered = database.scalar(select(AuditEvent).where(AuditEvent.verb == "offered"))
    assert offered.project_id is None
    assert offered.summary == (
        "Dev Designer offered to fill the open accessibility role on the panel of the "
        "private beta peer review of Blue Badge applications"
    )


@pytest.mark.parametrize("who", ["board", "lead", "outsider", "owner", "member", "other_team"])
def test_only_organisers_post_to_the_organiser_routes(app, database, people, arranged, who):
    client = client_for(app, people[who])
    token = client.csrf_token("/account/password")
    seat = arranged.panel[2]
    for url in [
        "/assessments/arrange?project_id=1&kind=assessment",
        f"/assessments/{arranged.id}/panel/add",
        f"/assessments/{arranged.id}/panel/{seat.id}",
        f"/assessments/{arranged.id}/panel/{seat.id}/remove",
        f"/assessments/{arranged.id}/offers/1/accept",
    ]:
        assert client.post(url, data={"csrf_token": token}).status_code == 403, (who, url)
    assessor = Role.ASSESSOR.value in people[who].roles
    offer = client.post(f"/panel-roles/{seat.id}/offer", data={"csrf_token": token})
    if assessor:
        # An assessor may offer, unless the team's rules refuse them (the owner is in it).
        assert offer.status_code in (200, 302), who
    else:
        assert offer.status_code == 403, who
    conflict = client.post("/conflicts", data={"csrf_token": token})
    assert conflict.status_code == (200 if assessor else 403), who


def test_a_project_has_one_open_assessment_of_each_kind(app, database, people, project):
    """Arranging again while one is open, or two organisers at the same moment, never makes
    a second: the service refuses in words, and the database refuses a race."""
    from sqlalchemy.exc import IntegrityError

    client = client_for(app, people["organiser"])
    url = f"/assessments/arrange?project_id={project.id}&kind=assessment"
    assert post_form(client, url, {**arrange_data(people), "confirm": "1"}).status_code == 302
    again = post_form(client, url, {**arrange_data(people), "confirm": "1"})
    assert again.status_code == 409
    assert "of this project is already arranged for" in text(again)
    assert 'value="10:00"' in text(again)  # what was typed stays
    count = select(func.count()).select_from(Assessment).where(Assessment.kind == "assessment")
    assert database.scalar(count) == 1

    # Two at once: the second insert breaks the database's rule.
    with pytest.raises(IntegrityError), database.begin_nested():
        make_panel_assessment(database, project, status="arranged")
    # Once the first is published, the next can be arranged.
    database.scalar(select(Assessment).where(Assessment.kind == "assessment")).status = "published"
    database.commit()
    make_panel_assessment(database, project, status="arranged")


def test_conflicted_and_team_assessors_are_marked_in_the_panel_choices(
    app, database, people, arranged
):
    database.add(
        ConflictOfInterest(
            person_id=people["researcher"].id, project_id=arranged.project_id, reason="My partner"
        )
    )
    database.commit()
    client = client_for(app, people["organiser"])
    page = text(client.get(f"/assessments/{arranged.id}/panel"))
    assert "Rita Researcher (declared a conflict of interest)</option>" in page
    assert "Owen Owner (in the project&#39;s team)</option>" in page
    assert "Dev Designer</option>" in page
    design = arranged.panel[1]
    change = text(client.get(f"/assessments/{arranged.id}/panel/{design.id}"))
    assert "Rita Researcher (declared a conflict of interest)</option>" in change
    arrange = text(
        client.get(f"/assessments/arrange?project_id={arranged.project_id}&kind=assessment")
    )
    assert "Rita Researcher (declared a conflict of interest)</option>" in arrange


def test_a_conflicted_panel_member_chosen_again_is_refused_for_the_conflict(
    database, people, arranged
):
    # The designer sits on the panel and then declares a conflict; putting them in a second
    # seat is refused for the conflict, not for being on the panel twice.
    database.add(
        ConflictOfInterest(
            person_id=people["designer"].id, project_id=arranged.project_id, reason="x"
        )
    )
    database.commit()
    technical = arranged.panel[2]
    with pytest.raises(Invalid) as refused:
        commands.fill_panel_seat(
            people["organiser"], technical.id, technical.version, people["designer"].id
        )
    assert refused.value.errors["person_id"] == (
        "Dev Designer cannot sit on this panel: they have declared a conflict of interest "
        "with this project"
    )


def test_organisers_read_every_declared_conflict_but_assessors_and_teams_do_not(
    app, database, people, arranged
):
    database.add(
        ConflictOfInterest(
            person_id=people["researcher"].id,
            project_id=arranged.project_id,
            reason="I manage the service owner",
        )
    )
    database.commit()
    for who in ("organiser", "admin"):
        response = client_for(app, people[who]).get("/assessments/conflicts")
        check_page(response)
        document, _ = parse(response)
        rows = [text_of(row) for row in document.findall(".//table[@id='conflicts']/tbody/tr")]
        assert len(rows) == 1
        assert "Rita Researcher" in rows[0] and "I manage the service owner" in rows[0]
        assert document.find(".//main").findall(".//form") == []  # read-only
    assert 'href="/assessments/conflicts"' in text(
        client_for(app, people["organiser"]).get("/assessments/queue")
    )
    for who in ("researcher", "owner", "member", "board"):
        assert client_for(app, people[who]).get("/assessments/conflicts").status_code == 403
