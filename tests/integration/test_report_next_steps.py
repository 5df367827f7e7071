"""What each person is told to do next about a panel report, and the report's wording:
the team told a report waits for its answer, the lead warned of points without actions
and shown the next step, dates after sending again, who answers for the team, carried
ratings and back links (issue 7's new-user review)."""

from __future__ import annotations

import html
from datetime import UTC, date, datetime

import html5lib
import pytest
from sqlalchemy import select

from tests.integration.factories import make_project
from tests.integration.test_reports import _client_for, _report


@pytest.fixture
def people(make_person, database):
    lead = make_person(["assessor"], name="Lena Lead")
    lead.can_lead = True
    made = {
        "lead": lead,
        "designer": make_person(["assessor"], name="Dee Designer"),
        "observer": make_person(["assessor"], name="Otto Observer"),
        "owner": make_person([], name="Sara Owner"),
        "manager": make_person([], name="Dan Manager"),
        "member": make_person([], name="Mo Member"),
        "organiser": make_person(["organiser"], name="Priya Organiser"),
        "board": make_person(["board_member"], name="Bo Board"),
    }
    database.commit()
    return made


@pytest.fixture
def project(database, people):
    return make_project(
        database,
        team=[
            (people["owner"], "service_owner"),
            (people["manager"], "delivery_manager"),
            (people["member"], "member"),
        ],
    )


def _text(client, url: str) -> str:
    page = client.get(url)
    assert page.status_code == 200, url
    return html.unescape(page.get_data(as_text=True))


# --- Points rated amber or red with something to do but no action --------------------------


def test_the_send_page_warns_of_amber_and_red_points_without_actions(
    app, database, people, project
):
    assessment = _report(database, project, people)  # point 3 amber, point 5 red, no actions
    lead = _client_for(app, people["lead"])
    send = _text(lead, f"/assessments/{assessment.id}/report/send")
    assert 'id="missing-actions"' in send
    assert "Points 3 and 5 are rated amber or red" in send
    assert f"/assessments/{assessment.id}/points/5" in send
    assert f'action="/assessments/{assessment.id}/report/send"' in send  # a warning, not a block
    report = _text(lead, f"/assessments/{assessment.id}/report")
    assert "Points 3 and 5 are rated amber or red" in report


def test_no_warning_once_each_amber_and_red_point_has_an_action(app, database, people, project):
    assessment = _report(database, project, people, actions_per_point=1)
    lead = _client_for(app, people["lead"])
    assert 'id="missing-actions"' not in _text(lead, f"/assessments/{assessment.id}/report/send")
    assert 'id="missing-actions"' not in _text(lead, f"/assessments/{assessment.id}/report")


def test_the_lead_may_still_send_a_report_with_points_without_actions(
    app, database, people, project
):
    assessment = _report(database, project, people)
    lead = _client_for(app, people["lead"])
    sent = lead.submit(
        f"/assessments/{assessment.id}/report/send", {"version": str(assessment.version)}
    )
    assert sent.status_code == 302
    database.refresh(assessment)
    assert assessment.status == "sent"


# --- Wording ---------------------------------------------------------------------------------


def test_a_point_page_after_sending_says_why_in_a_whole_sentence(app, database, people, project):
    assessment = _report(database, project, people, status="sent")
    board = _client_for(app, people["board"])
    text = _text(board, f"/assessments/{assessment.id}/points/1")
    assert "The panel can no longer change its scores: the report has been sent to the team." in (
        text
    )
    assert "report is report" not in text


# --- The team is told a report waits for its answer ------------------------------------------


def test_the_project_page_tells_the_team_a_report_waits_for_its_answer(
    app, database, people, project
):
    assessment = _report(database, project, people, status="sent", answer_due=date(2026, 12, 17))
    text = _text(_client_for(app, people["manager"]), f"/projects/{project.id}")
    assert 'id="report-waiting"' in text
    assert "The panel's report is waiting for your answer. Answer by 17 December 2026." in text
    assert f'href="/assessments/{assessment.id}/report"' in text
    # The rating shown is the team's own until the panel's is published: it says so.
    assert "Your team's rating:</span>" in text
    board = _text(_client_for(app, people["board"]), f"/projects/{project.id}")
    assert 'id="report-waiting"' not in board
    assert "Team's rating:</span>" in board


def test_no_banner_once_the_team_has_answered(app, database, people, project):
    _report(database, project, people, status="challenged")
    text = _text(_client_for(app, people["owner"]), f"/projects/{project.id}")
    assert 'id="report-waiting"' not in text


def test_the_teams_home_marks_the_project_whose_report_waits_for_an_answer(
    app, database, people, project
):
    assessment = _report(database, project, people, status="sent", answer_due=date(2026, 12, 17))
    text = _text(_client_for(app, people["owner"]), "/home")
    assert "Report waiting for your answer" in text
    assert f'href="/assessments/{assessment.id}/report"' in text
    assert "answer by 17 December 2026" in text
    assert "Your team's rating:</span>" in text
    board = _text(_client_for(app, people["board"]), "/home")
    assert "Team's rating:</span>" in board


def test_the_teams_home_makes_the_same_queries_however_many_reports_wait(
    app, database, people, project
):
    from tests.integration.query_count import counting_queries

    owner = _client_for(app, people["owner"])
    counts = []
    for n in range(2):
        second = make_project(
            database, name=f"Service {n}", team=[(people["owner"], "service_owner")]
        )
        _report(database, second, people, status="sent")
        owner.get("/home")
        with counting_queries(app) as statements:
            assert owner.get("/home").status_code == 200
        counts.append(len(statements))
    assert counts[0] == counts[1]


# --- The lead's next step, and who answers for the team --------------------------------------


def test_the_assessment_page_offers_the_lead_the_send_step_once_ratings_are_agreed(
    app, database, people, project
):
    assessment = _report(database, project, people)
    lead = _client_for(app, people["lead"])
    text = _text(lead, f"/assessments/{assessment.id}")
    assert 'id="next-step"' in text
    assert f'href="/assessments/{assessment.id}/report/send"' in text
    designer = _text(_client_for(app, people["designer"]), f"/assessments/{assessment.id}")
    assert f'href="/assessments/{assessment.id}/report/send"' not in designer


def test_no_send_step_before_the_ratings_are_agreed(app, database, people, project):
    assessment = _report(database, project, people, agreed=False)
    text = _text(_client_for(app, people["lead"]), f"/assessments/{assessment.id}")
    assert f'href="/assessments/{assessment.id}/report/send"' not in text


def test_after_sending_the_lead_is_told_to_wait_for_the_teams_answer(
    app, database, people, project
):
    assessment = _report(database, project, people, status="sent", answer_due=date(2026, 12, 17))
    lead = _client_for(app, people["lead"])
    overview = _text(lead, f"/assessments/{assessment.id}")
    assert "Wait for the team's answer, due by 17 December 2026" in overview
    report = _text(lead, f"/assessments/{assessment.id}/report")
    assert "The report is with the team. Wait for their answer, due by 17 December 2026." in (
        report
    )


def test_a_team_member_who_cannot_answer_is_told_who_does(app, database, people, project):
    assessment = _report(database, project, people, status="sent", answer_due=date(2026, 12, 17))
    text = _text(_client_for(app, people["member"]), f"/assessments/{assessment.id}/report")
    assert (
        "Your service owner or delivery manager accepts or challenges this report by "
        "17 December 2026." in text
    )
    assert f'href="/assessments/{assessment.id}/report/respond"' not in text
    owner = _text(_client_for(app, people["owner"]), f"/assessments/{assessment.id}/report")
    assert f'href="/assessments/{assessment.id}/report/respond"' in owner
    assert "Your service owner or delivery manager" not in owner


# --- Dates after sending again ---------------------------------------------------------------


def _sent_event(database, assessment, when):
    from app.models import AuditEvent

    database.add(
        AuditEvent(
            occurred_at=when,
            project_id=assessment.project_id,
            subject_type="assessment",
            subject_id=assessment.id,
            verb="sent",
            summary="Sent to the team",
        )
    )
    database.commit()


def test_a_report_sent_again_shows_both_dates(app, database, people, project):
    first = datetime(2026, 11, 30, 10, 0, tzinfo=UTC)
    assessment = _report(
        database, project, people, status="sent", sent_at=first, answer_due=date(2026, 12, 17)
    )
    _sent_event(database, assessment, first)
    _sent_event(database, assessment, datetime(2026, 12, 3, 9, 0, tzinfo=UTC))
    text = _text(_client_for(app, people["owner"]), f"/assessments/{assessment.id}/report")
    assert "First sent 30 November 2026; sent again 3 December 2026" in text
    assert "17 December 2026, counted from when it was sent again on 3 December 2026" in text


def test_a_report_sent_once_shows_one_date(app, database, people, project):
    first = datetime(2026, 11, 30, 10, 0, tzinfo=UTC)
    assessment = _report(database, project, people, status="sent", sent_at=first)
    _sent_event(database, assessment, first)
    text = _text(_client_for(app, people["owner"]), f"/assessments/{assessment.id}/report")
    assert "30 November 2026" in text
    assert "sent again" not in text


def test_carried_ratings_are_a_table_not_a_sentence(app, database, people, project):
    first = _report(database, project, people, status="published", ratings={3: "amber", 5: "red"})
    again = _report(
        database,
        project,
        people,
        status="sent",
        kind="reassessment",
        follows=first,
        ratings={5: "green"},
    )
    page = _client_for(app, people["owner"]).get(f"/assessments/{again.id}/report")
    tree = html5lib.parse(page.get_data(as_text=True), namespaceHTMLElements=False)
    table = tree.find(".//table[@id='carried']")
    assert table is not None
    rows = [
        [" ".join("".join(cell.itertext()).split()) for cell in row]
        for row in table.findall("tbody/tr")
    ]
    assert len(rows) == 13  # every point but the red one looked at again
    assert rows[2][0].startswith("3. ") and rows[2][1] == "Amber"
    assert "point 1: Green," not in page.get_data(as_text=True)


# --- Back links -------------------------------------------------------------------------------


def test_the_report_page_has_a_back_link_to_where_each_reader_came_from(
    app, database, people, project
):
    assessment = _report(database, project, people, status="sent")
    url = f"/assessments/{assessment.id}/report"
    lead = _text(_client_for(app, people["lead"]), url)
    assert "govuk-back-link" in lead and f'href="/assessments/{assessment.id}"' in lead
    team = _text(_client_for(app, people["owner"]), url)
    assert "govuk-back-link" in team and f'href="/projects/{project.id}"' in team


def test_the_withdraw_page_takes_an_organiser_back_to_the_panel_page(
    app, database, people, project
):
    assessment = _report(database, project, people, status="arranged")
    url = f"/assessments/{assessment.id}/report/withdraw"
    text = _text(_client_for(app, people["organiser"]), url)
    assert f'href="/assessments/{assessment.id}/panel"' in text
    assert "Back to the panel" in text
    assert "assessment report</span>" not in text  # no report yet: not captioned as one
    lead = _text(_client_for(app, people["lead"]), url)
    assert "Back to the report" in lead


# --- Challenges -------------------------------------------------------------------------------


def test_the_panels_answer_to_a_challenge_is_a_whole_sentence(app, database, people, project):
    from app.models import Challenge, Point

    assessment = _report(database, project, people, status="accepted")
    point_id = database.scalar(
        select(Point.id).where(
            Point.version_id == assessment.framework_version_id, Point.number == 5
        )
    )
    database.add(
        Challenge(
            assessment_id=assessment.id,
            point_id=point_id,
            reason="Not fair.",
            raised_by_id=people["owner"].id,
            outcome="not_upheld",
            answer="We looked again.",
        )
    )
    database.commit()
    text = _text(_client_for(app, people["owner"]), f"/assessments/{assessment.id}/report")
    assert "The panel kept its decision." in text
    assert "answer: panel kept" not in text


def test_the_boards_latest_assessment_links_to_the_published_report(app, database, people, project):
    from app.models import Assessment

    assessment = _report(database, project, people, status="published")
    own = database.get(Assessment, assessment.self_assessment_id)
    own.status = "published"
    database.commit()
    text = _text(_client_for(app, people["board"]), "/home")
    assert f'href="/assessments/{assessment.id}/report"' in text
    assert f'href="/projects/{project.id}/assessments/{own.id}"' not in text


# --- Every changed page is well formed ---------------------------------------------------------


def test_the_changed_pages_are_well_formed(app, database, people, project):
    from tests.integration.test_pages import check_page

    # One open assessment of each kind per project: the one being scored is a peer review.
    scoring = _report(database, project, people, kind="peer_review")
    sent = _report(database, project, people, status="sent", answer_due=date(2026, 12, 17))
    lead = _client_for(app, people["lead"])
    for url in (
        f"/assessments/{scoring.id}",
        f"/assessments/{scoring.id}/report",
        f"/assessments/{scoring.id}/report/send",
        f"/assessments/{sent.id}",
        f"/assessments/{sent.id}/report",
        f"/assessments/{sent.id}/points/5",
    ):
        check_page(lead.get(url))
    owner = _client_for(app, people["owner"])
    for url in ("/home", f"/projects/{project.id}", f"/assessments/{sent.id}/report"):
        check_page(owner.get(url))
    check_page(_client_for(app, people["member"]).get(f"/assessments/{sent.id}/report"))


def test_the_publish_page_warns_of_points_without_actions_too(app, database, people, project):
    assessment = _report(database, project, people, status="accepted")
    text = _text(_client_for(app, people["lead"]), f"/assessments/{assessment.id}/report/publish")
    assert "Points 3 and 5 are rated amber or red" in text
    assert f"/assessments/{assessment.id}/points/5" not in text  # too late for the panel
    assert f'href="/projects/{project.id}/actions"' in text
    assert f'action="/assessments/{assessment.id}/report/publish"' in text
