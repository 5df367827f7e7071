"""Reassessment and amber evidence review reports: the team's ratings beside the panel's
(found through the assessment followed), revised points, and the record of the actions
an amber evidence review checked."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, date, datetime

from docx import Document
from openpyxl import load_workbook
from sqlalchemy import select

from app.models import Judgement, Point
from tests.integration import test_reports as reports
from tests.integration.factories import make_action, make_panel_assessment
from tests.integration.test_pages import check_page, parse, text_of

# The report tests' people and project, and their ways of making a report and a client.
people = reports.people
project = reports.project
_report = reports._report
_client_for = reports._client_for


def _judge(database, assessment, number, rating, **fields):
    point_id = database.scalar(
        select(Point.id).where(
            Point.version_id == assessment.framework_version_id, Point.number == number
        )
    )
    database.add(
        Judgement(
            assessment_id=assessment.id,
            point_id=point_id,
            rating=rating,
            done_well="Much better.",
            **fields,
        )
    )
    database.commit()


def _follow_up(database, people, project, first, kind, status="sent"):
    """A follow-up as one arranged before this fix was stored: no self-assessment of its
    own, only the assessment it follows."""
    return make_panel_assessment(
        database,
        project,
        kind=kind,
        panel=[(people["lead"], "lead"), (people["designer"], "design")],
        status=status,
        follows=first,
        self_assessment=None,
        sent_at=datetime(2026, 11, 27, tzinfo=UTC),
    )


def _point_text(response, number) -> str:
    document, _ = parse(response)
    return text_of(document.find(f".//*[@id='point-{number}']"))


def test_a_reassessment_shows_the_teams_ratings(app, database, people, project):
    first = _report(database, project, people, status="published", ratings={3: "amber", 5: "red"})
    again = _follow_up(database, people, project, first, "reassessment")
    _judge(database, again, 5, "amber")
    owner = _client_for(app, people["owner"])
    report = owner.get(f"/assessments/{again.id}/report")
    check_page(report)
    point = _point_text(report, 5)
    assert "Team's own rating Green" in point
    assert "Not rated" not in point
    # The panel's scoring page shows the team's answer too.
    lead = _client_for(app, people["lead"])
    document, _ = parse(lead.get(f"/assessments/{again.id}/points/5"))
    assert "Team's rating Green" in text_of(document.find(".//*[@id='team-answer']"))
    overview = lead.get(f"/assessments/{again.id}").get_data(as_text=True)
    assert "Read the team's self-assessment" in overview


def test_an_amber_evidence_review_report_keeps_the_verification_record(
    app, database, people, project
):
    first = _report(database, project, people, status="published", ratings={3: "amber"})
    checked = make_action(
        database,
        project,
        first,
        number=3,
        description="Test with screen reader users",
        source="panel",
        owner=people["member"],
    )
    unchecked = make_action(
        database, project, first, number=3, description="Publish the findings", source="panel"
    )
    review = _follow_up(database, people, project, first, "amber_evidence_review")
    checked.verified_at = datetime(2026, 11, 26, 14, 0, tzinfo=UTC)
    checked.verified_by_id = people["designer"].id
    checked.verified_in_id = review.id
    checked.verification_evidence = "Saw the research report from 12 November."
    checked.status = "done"
    database.commit()
    _judge(
        database,
        review,
        3,
        "green",
        original_rating="amber",
        revision_reason="Both actions are done.",
    )
    owner = _client_for(app, people["owner"])
    response = owner.get(f"/assessments/{review.id}/report")
    check_page(response)
    document, _ = parse(response)
    ratings = text_of(document.find(".//*[@id='point-3-ratings']"))
    # The original rating, the current one and the reason, each under its own label.
    assert "Revised decision Green" in ratings
    assert "Original decision Amber" in ratings
    assert "Why the decision changed Both actions are done." in ratings
    assert "Team's own rating Green" in ratings  # found through the assessment followed
    record = text_of(document.find(".//*[@id='checked-3']"))
    assert "Test with screen reader users" in record
    assert "Verified by Dee Designer" in record
    assert "Verified on 26 November 2026" in record
    assert "Evidence seen Saw the research report from 12 November." in record
    assert "Publish the findings" in record
    assert "No, not verified in this review" in record
    assert record.index(checked.description) < record.index(unchecked.description)
    # The downloads carry the same record.
    data = json.loads(reports._download(app, people["owner"], review, "json"))
    [point] = data["points"]
    assert (point["original_rating"], point["panel_rating"]) == ("amber", "green")
    assert point["revision_reason"] == "Both actions are done."
    first = point["actions_checked"][0]
    assert first["verified_at"].startswith("2026-11-26T14:00")
    assert {k: v for k, v in first.items() if k != "verified_at"} == {
        "description": "Test with screen reader users",
        "verified": True,
        "verified_by": "Dee Designer",
        "evidence": "Saw the research report from 12 November.",
    }
    assert point["actions_checked"][1]["verified"] is False
    word = Document(io.BytesIO(reports._download(app, people["owner"], review, "docx")))
    words = "\n".join(paragraph.text for paragraph in word.paragraphs)
    assert "Original decision: Amber" in words
    assert "Why the decision changed: Both actions are done." in words
    assert (
        "Test with screen reader users: verified by Dee Designer on 26 November 2026. "
        "Evidence seen: Saw the research report from 12 November."
    ) in words
    assert "Publish the findings: not verified in this review" in words
    table = list(
        csv.reader(
            io.StringIO(reports._download(app, people["owner"], review, "csv").decode("utf-8-sig"))
        )
    )
    assert table[0][-2:] == ["Original decision", "Why the decision changed"]
    assert table[1][0] == "3" and table[1][-2:] == ["Amber", "Both actions are done."]
    book = load_workbook(io.BytesIO(reports._download(app, people["owner"], review, "xlsx")))
    rows = list(book["Actions checked"].iter_rows(values_only=True))
    assert rows[0] == ("Point", "Action", "Verified by", "Verified on", "Evidence seen")
    assert rows[1][:3] == (3, "Test with screen reader users", "Dee Designer")
    assert rows[1][3].date() == date(2026, 11, 26)
    assert rows[1][4] == "Saw the research report from 12 November."
    assert rows[2][1:] == ("Publish the findings", None, None, "Not verified")


def test_an_action_found_not_done_says_so_on_the_report(app, database, people, project):
    first = _report(database, project, people, status="published", ratings={3: "amber"})
    action = make_action(
        database, project, first, number=3, description="Test with screen reader users"
    )
    review = _follow_up(database, people, project, first, "amber_evidence_review")
    action.verified_by_id = people["designer"].id
    action.verified_in_id = review.id
    action.verification_evidence = "No report of the testing yet."
    database.commit()
    _judge(database, review, 3, "amber")
    response = _client_for(app, people["owner"]).get(f"/assessments/{review.id}/report")
    check_page(response)
    document, _ = parse(response)
    record = text_of(document.find(".//*[@id='checked-3']"))
    assert "Verified No, found not done yet" in record
    assert "Checked by Dee Designer" in record
    assert "What is missing No report of the testing yet." in record
    assert "Verified on" not in record and "Evidence seen" not in record


def test_a_public_amber_evidence_review_report_names_no_one(
    app, database, people, project, monkeypatch
):
    monkeypatch.setitem(app.config, "PUBLIC_REPORTS", True)
    first = _report(database, project, people, status="published", ratings={3: "amber"})
    action = make_action(database, project, first, number=3, source="panel")
    review = _follow_up(database, people, project, first, "amber_evidence_review", "published")
    review.published_at = datetime(2026, 11, 30, tzinfo=UTC)
    action.verified_at = datetime(2026, 11, 26, tzinfo=UTC)
    action.verified_by_id = people["designer"].id
    action.verified_in_id = review.id
    action.verification_evidence = "Seen."
    database.commit()
    _judge(database, review, 3, "amber")
    page = app.test_client().get(f"/reports/{review.id}")
    check_page(page)
    document, _ = parse(page)
    record = text_of(document.find(".//*[@id='checked-3']"))
    assert "Verified on 26 November 2026" in record
    assert "Evidence seen Seen." in record
    assert "Verified by" not in record
    assert "Dee Designer" not in page.get_data(as_text=True)


def test_an_amber_evidence_review_after_a_reassessment_checks_the_first_reports_actions(
    app, database, people, project
):
    first = _report(database, project, people, status="published", ratings={3: "amber", 5: "red"})
    action = make_action(
        database, project, first, number=3, description="Test with screen reader users"
    )
    again = _follow_up(database, people, project, first, "reassessment", status="published")
    _judge(database, again, 5, "green")
    review = _follow_up(database, people, project, again, "amber_evidence_review")
    review.status = "in_review"
    review.sent_at = None
    database.commit()
    lead = _client_for(app, people["lead"])
    page = lead.get(f"/assessments/{review.id}/points/3")
    check_page(page)
    document, _ = parse(page)
    assert "Test with screen reader users" in text_of(document.find(".//*[@id='to-verify']"))
    verify = lead.get(f"/assessments/{review.id}/actions/{action.id}/verify")
    assert verify.status_code == 200
    # Its report looks at the amber point the chain left and carries every other rating.
    _judge(database, review, 3, "green")
    report = lead.get(f"/assessments/{review.id}/report")
    check_page(report)
    assert "Test with screen reader users" in _point_text(report, 3)
    document, _ = parse(report)
    assert text_of(document.find(".//*[@id='result']")) == "Overall result: Green"
    from app.data.reports import published_results

    assert published_results([review])[review.id].overall.value == "green"
