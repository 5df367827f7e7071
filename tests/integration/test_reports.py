"""The report: its page, each step of its workflow, who may take it, public reports,
feedback and the downloads (each read back)."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest
from sqlalchemy import select

from app.models import Assessment, AuditEvent, Challenge, Feedback, Judgement
from tests.integration.factories import make_action, make_project
from tests.integration.report_data import scored_report


@pytest.fixture
def people(make_person, database):
    lead = make_person(["assessor"], name="Lena Lead")
    lead.can_lead = True
    made = {
        "lead": lead,
        "designer": make_person(["assessor"], name="Dee Designer"),
        "observer": make_person(["assessor"], name="Otto Observer"),
        "outsider": make_person(["assessor"], name="Oona Outsider"),
        "owner": make_person([], name="Sara Owner"),
        "manager": make_person([], name="Dan Manager"),
        "member": make_person([], name="Mo Member"),
        "other_team": make_person([], name="Olly Otherteam"),
        "organiser": make_person(["organiser"], name="Priya Organiser"),
        "board": make_person(["board_member"], name="Bo Board"),
        "admin": make_person(["administrator"], name="Ada Admin"),
    }
    database.commit()
    return made


@pytest.fixture
def project(database, people):
    make_project(database, name="Another service", team=[(people["other_team"], "service_owner")])
    return make_project(
        database,
        team=[
            (people["owner"], "service_owner"),
            (people["manager"], "delivery_manager"),
            (people["member"], "member"),
        ],
    )


def _report(database, project, people, status="in_review", **fields):
    return scored_report(
        database,
        project,
        people["owner"],
        panel=[
            (people["lead"], "lead"),
            (people["designer"], "design"),
            (people["observer"], "observer"),
        ],
        status=status,
        ratings=fields.pop("ratings", {3: "amber", 5: "red"}),
        **fields,
    )


def _get_as(app, database, person, url):
    from tests.integration.conftest import FormClient

    client = FormClient(app.test_client())
    if person is not None:
        client.sign_in(person.email)
    return client, client.get(url)


def _client_for(app, person):
    from tests.integration.conftest import FormClient

    client = FormClient(app.test_client())
    client.sign_in(person.email)
    return client


READ_WHILE_SCORING = {
    "lead": 200,
    "designer": 200,
    "observer": 200,
    "organiser": 200,
    "board": 200,
    "admin": 200,
    "outsider": 403,
    "owner": 403,
    "member": 403,
    "other_team": 403,
}


@pytest.mark.parametrize("who,expected", READ_WHILE_SCORING.items())
def test_the_report_is_read_by_the_panel_organisers_and_board_while_the_panel_scores(
    app, database, people, project, who, expected
):
    assessment = _report(database, project, people)
    _, page = _get_as(app, database, people[who], f"/assessments/{assessment.id}/report")
    assert page.status_code == expected


READ_ONCE_SENT = {"owner": 200, "manager": 200, "member": 200, "outsider": 403, "other_team": 403}


@pytest.mark.parametrize("who,expected", READ_ONCE_SENT.items())
def test_the_team_reads_the_report_once_it_is_sent(app, database, people, project, who, expected):
    assessment = _report(database, project, people, status="sent")
    _, page = _get_as(app, database, people[who], f"/assessments/{assessment.id}/report")
    assert page.status_code == expected


@pytest.mark.parametrize("confidential", [False, True])
@pytest.mark.parametrize("who", ["outsider", "other_team", "board", "admin", "member", "observer"])
def test_a_published_report_is_read_by_everyone_but_a_confidential_one_only_by_its_people(
    app, database, people, project, who, confidential
):
    project.confidential = confidential
    database.commit()
    assessment = _report(database, project, people, status="published")
    _, page = _get_as(app, database, people[who], f"/assessments/{assessment.id}/report")
    outsiders = {"outsider", "other_team"}
    assert page.status_code == (403 if confidential and who in outsiders else 200)


def test_signed_out_people_are_sent_to_sign_in_from_the_report(app, database, people, project):
    assessment = _report(database, project, people, status="published")
    _, page = _get_as(app, database, None, f"/assessments/{assessment.id}/report")
    assert page.status_code == 302
    assert page.headers["Location"].startswith("/sign-in")


def test_public_reports_are_off_by_default(app, database, people, project):
    assessment = _report(database, project, people, status="published")
    _, page = _get_as(app, database, None, f"/reports/{assessment.id}")
    assert page.status_code == 404


def test_public_reports_show_published_reports_only_and_never_confidential_ones(
    app, database, people, project, monkeypatch
):
    monkeypatch.setitem(app.config, "PUBLIC_REPORTS", True)
    published = _report(database, project, people, status="published")
    sent = _report(database, project, people, status="sent")
    _, page = _get_as(app, database, None, f"/reports/{published.id}")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "Blue Badge applications alpha assessment report" in text
    assert "Download this report" not in text
    assert "Sam Lee" not in text  # no one's name is published
    assert _get_as(app, database, None, f"/reports/{sent.id}")[1].status_code == 404
    project.confidential = True
    database.commit()
    assert _get_as(app, database, None, f"/reports/{published.id}")[1].status_code == 404
    assert _get_as(app, database, None, "/reports/999999")[1].status_code == 404


def test_the_report_page_has_the_published_report_form(app, database, people, project):
    earlier = _report(
        database, project, people, status="published", assessment_date=date(2026, 5, 1)
    )
    assessment = _report(database, project, people, status="sent")
    own = database.get(Assessment, assessment.self_assessment_id)
    for answer in own.answers:
        if answer.point.number == 3:
            answer.self_rating = "red"
    make_action(
        database,
        project,
        assessment,
        number=3,
        description="Fix the upload page",
        source="panel",
        owner=people["member"],
    )
    make_action(
        database,
        project,
        assessment,
        number=5,
        description="Hire a researcher",
        source="panel",
        status="done",
    )
    make_action(
        database,
        project,
        assessment,
        number=5,
        description="Checked already",
        source="panel",
        verified_at=date(2026, 11, 25),
    )
    database.commit()
    _, page = _get_as(app, database, people["owner"], f"/assessments/{assessment.id}/report")
    text = page.get_data(as_text=True)
    assert (
        '<h1 class="govuk-heading-xl">Blue Badge applications alpha assessment report</h1>' in text
    )
    for words in (
        "Service provider",
        "Test directorate",
        "Assessment date",
        "20 November 2026",
        "Overall result: Red",
        "any red makes it red",
        "Apply for a Blue Badge parking permit online.",
        "Disabled people",
        "3. ",
        "What the team has done well",
        "What the team needs to do",
        "Team&#39;s own rating",
        '<strong class="govuk-tag govuk-tag--orange">Amber</strong>',
        "Fix the upload page",
        "Mo Member",
        ">Done<",
        ">Verified<",
        ">Open<",
        f"/assessments/{earlier.id}/report",
        "Accept or challenge the report",
    ):
        assert words in text, words
    assert "Send the report to the team" not in text  # the team cannot send it


def test_the_lead_sends_the_report_and_the_clocks_start(app, database, people, project):
    assessment = _report(database, project, people, assessment_date=date(2026, 12, 18))
    client = _client_for(app, people["lead"])
    url = f"/assessments/{assessment.id}/report/send"
    sent = client.submit(url, {"version": str(assessment.version)})
    assert sent.status_code == 302
    database.refresh(assessment)
    assert assessment.status == "sent"
    # 5 working days after Friday 18 December 2026: 21, 22, 23, 24, then Christmas Day
    # (Friday) and Boxing Day's substitute (Monday 28) are skipped, so Tuesday 29.
    assert assessment.report_due == date(2026, 12, 29)
    assert assessment.answer_due is not None
    event = database.scalar(select(AuditEvent).where(AuditEvent.verb == "sent"))
    assert "Lena Lead sent the alpha assessment report to the team" in event.summary


@pytest.mark.parametrize("who", ["designer", "observer", "owner", "organiser", "outsider"])
def test_only_the_lead_sends_the_report(app, database, people, project, who):
    assessment = _report(database, project, people)
    client = _client_for(app, people[who])
    response = client.post(
        f"/assessments/{assessment.id}/report/send",
        data={"version": str(assessment.version), "csrf_token": client.csrf_token("/home")},
    )
    assert response.status_code == 403
    database.refresh(assessment)
    assert assessment.status == "in_review"


def test_the_report_is_not_sent_until_every_point_is_rated_and_the_ratings_agreed(
    app, database, people, project
):
    assessment = _report(database, project, people, agreed=False)
    judgement = database.scalars(
        select(Judgement).where(Judgement.assessment_id == assessment.id)
    ).first()
    judgement.rating = None
    database.commit()
    client = _client_for(app, people["lead"])
    page = client.get(f"/assessments/{assessment.id}/report")
    assert "Rate every point before sending the report" in page.get_data(as_text=True)
    response = client.submit(
        f"/assessments/{assessment.id}/report/send",
        {"version": str(assessment.version)},
        token_from="/home",
    )
    assert response.status_code == 400
    assert "Rate every point before sending the report" in response.get_data(as_text=True)
    database.refresh(assessment)
    assert assessment.status == "in_review"


def _respond(client, assessment, data):
    return client.submit(
        f"/assessments/{assessment.id}/report/respond",
        {"version": str(assessment.version), **data},
    )


def test_the_whole_workflow_challenge_answer_send_again_accept_publish(
    app, database, people, project
):
    assessment = _report(database, project, people, status="sent")
    owner = _client_for(app, people["owner"])
    challenged = _respond(
        owner,
        assessment,
        {"decision": "challenge", "reason_5": "We hired a researcher in October."},
    )
    assert challenged.status_code == 302
    database.refresh(assessment)
    assert assessment.status == "challenged"
    challenge = database.scalar(select(Challenge).where(Challenge.assessment_id == assessment.id))
    assert challenge.reason == "We hired a researcher in October."

    lead = _client_for(app, people["lead"])
    key = f"c{challenge.id}"
    answered = lead.submit(
        f"/assessments/{assessment.id}/report/challenges",
        {
            "version": str(assessment.version),
            f"{key}_version": str(challenge.version),
            f"{key}_outcome": "upheld",
            f"{key}_answer": "We saw the contract: amber, not red.",
            f"{key}_rating": "amber",
            f"{key}_to_do": "Run research every sprint.",
        },
    )
    assert answered.status_code == 302, answered.get_data(as_text=True)[:3000]
    database.refresh(challenge)
    assert challenge.outcome == "upheld"
    judgement = database.scalar(
        select(Judgement).where(
            Judgement.assessment_id == assessment.id, Judgement.point_id == challenge.point_id
        )
    )
    assert (judgement.rating, judgement.to_do) == ("amber", "Run research every sprint.")
    # The rating challenged stays on the record beside the new one, with the answer.
    assert (judgement.original_rating, judgement.revision_reason) == (
        "red",
        "We saw the contract: amber, not red.",
    )

    # Upholding undoes the agreement of the final ratings: the lead agrees them again
    # before the report goes back to the team.
    database.refresh(assessment)
    assert assessment.ratings_agreed_at is None
    page = " ".join(lead.get(f"/assessments/{assessment.id}/report").get_data(as_text=True).split())
    assert "The team challenged 1 point; you have answered it." in page
    assert "challenged 0 points" not in page
    assert "Agree the final ratings before sending the report" in page
    refused = lead.submit(
        f"/assessments/{assessment.id}/report/send", {"version": str(assessment.version)}
    )
    assert refused.status_code == 400
    agreed = lead.submit(
        f"/assessments/{assessment.id}/summary",
        {"version": str(assessment.version), "summary": assessment.summary, "agree": "y"},
    )
    assert agreed.status_code == 302, agreed.get_data(as_text=True)[:3000]
    database.refresh(assessment)
    assert assessment.ratings_agreed_by_id == people["lead"].id
    assert (
        lead.submit(
            f"/assessments/{assessment.id}/report/send", {"version": str(assessment.version)}
        ).status_code
        == 302
    )
    database.refresh(assessment)
    assert assessment.status == "sent"

    # A point already challenged and answered is not challenged again.
    again = _respond(owner, assessment, {"decision": "challenge", "reason_5": "Still not fair."})
    assert again.status_code == 400
    accepted = _respond(owner, assessment, {"decision": "accept"})
    assert accepted.status_code == 302
    database.refresh(assessment)
    assert assessment.status == "accepted"

    published = lead.submit(
        f"/assessments/{assessment.id}/report/publish", {"version": str(assessment.version)}
    )
    assert published.status_code == 302
    database.refresh(assessment)
    assert assessment.status == "published"
    assert database.get(Assessment, assessment.self_assessment_id).status == "published"

    text = owner.get(f"/assessments/{assessment.id}/report").get_data(as_text=True)
    assert "We hired a researcher in October." in text
    assert "We saw the contract: amber, not red." in text
    assert "panel changed its decision" in text
    verbs = set(
        database.scalars(select(AuditEvent.verb).where(AuditEvent.subject_id == assessment.id))
    )
    history = owner.get(f"/projects/{project.id}/history").get_data(as_text=True)
    assert "Sara Owner challenged the alpha assessment report on point 5" in history
    assert "Lena Lead published the alpha assessment report" in history
    assert {"sent", "challenged", "answered challenge", "accepted", "published"} <= verbs


@pytest.mark.parametrize("who", ["member", "lead", "outsider", "other_team"])
def test_only_the_service_owner_or_delivery_manager_answers_for_the_team(
    app, database, people, project, who
):
    assessment = _report(database, project, people, status="sent")
    client = _client_for(app, people[who])
    response = client.post(
        f"/assessments/{assessment.id}/report/respond",
        data={
            "decision": "accept",
            "version": str(assessment.version),
            "csrf_token": client.csrf_token("/home"),
        },
    )
    assert response.status_code == 403


def test_the_delivery_manager_accepts(app, database, people, project):
    assessment = _report(database, project, people, status="sent")
    assert (
        _respond(
            _client_for(app, people["manager"]), assessment, {"decision": "accept"}
        ).status_code
        == 302
    )
    database.refresh(assessment)
    assert assessment.status == "accepted"


def test_the_team_answer_form_keeps_what_was_typed_and_says_what_is_wrong(
    app, database, people, project
):
    assessment = _report(database, project, people, status="sent")
    owner = _client_for(app, people["owner"])
    nothing = _respond(owner, assessment, {})
    assert nothing.status_code == 400
    assert "Select whether your team accepts the report or challenges it" in nothing.get_data(
        as_text=True
    )
    no_reason = _respond(owner, assessment, {"decision": "challenge"})
    assert "Give a reason for each point you challenge" in no_reason.get_data(as_text=True)
    mixed = _respond(owner, assessment, {"decision": "accept", "reason_2": "Kept text"})
    assert mixed.status_code == 400
    assert "Kept text" in mixed.get_data(as_text=True)
    too_long = _respond(owner, assessment, {"decision": "challenge", "reason_2": "x" * 5001})
    assert too_long.status_code == 400


def test_the_lead_must_answer_every_challenge_before_sending_again(app, database, people, project):
    assessment = _report(database, project, people, status="challenged")
    point_id = database.scalar(
        select(Judgement.point_id).where(Judgement.assessment_id == assessment.id)
    )
    database.add(
        Challenge(
            assessment_id=assessment.id,
            point_id=point_id,
            reason="Unfair",
            raised_by_id=people["owner"].id,
        )
    )
    database.commit()
    lead = _client_for(app, people["lead"])
    response = lead.submit(
        f"/assessments/{assessment.id}/report/send", {"version": str(assessment.version)}
    )
    assert response.status_code == 400
    assert "Answer every challenge before sending the report again" in response.get_data(
        as_text=True
    )
    challenge = database.scalar(select(Challenge).where(Challenge.assessment_id == assessment.id))
    blank = lead.submit(
        f"/assessments/{assessment.id}/report/challenges",
        {"version": str(assessment.version), f"c{challenge.id}_version": str(challenge.version)},
    )
    assert blank.status_code == 400
    assert "Select whether the panel changes its decision" in blank.get_data(as_text=True)


def test_publishing_before_acceptance_is_refused(app, database, people, project):
    for status in ("in_review", "sent", "challenged"):
        assessment = _report(database, project, people, status=status)
        lead = _client_for(app, people["lead"])
        response = lead.submit(
            f"/assessments/{assessment.id}/report/publish",
            {"version": str(assessment.version)},
            token_from="/home",
        )
        assert response.status_code == 302
        database.refresh(assessment)
        assert assessment.status == status
        # A project has one open assessment of each kind: make way for the next.
        assessment.status = "withdrawn"
        database.commit()


def test_a_published_report_is_frozen(app, database, people, project):
    from app.commands import NotAllowed
    from app.commands import reports as commands

    assessment = _report(database, project, people, status="published")
    with app.app_context():
        with pytest.raises(NotAllowed):
            commands.send_report(
                assessment.id, assessment.version, people["lead"].id, frozenset(), 5, 10
            )
        with pytest.raises(NotAllowed):
            commands.withdraw_report(
                assessment.id, assessment.version, "Because", people["lead"].id
            )
        with pytest.raises(NotAllowed):
            commands.publish_report(assessment.id, assessment.version, people["lead"].id)
        with pytest.raises(NotAllowed):
            commands.answer_report(
                assessment.id, assessment.version, commands.TeamAnswer(True, {}), people["owner"].id
            )


def test_a_stale_form_saves_nothing_and_keeps_what_was_typed(app, database, people, project):
    assessment = _report(database, project, people, status="sent")
    owner = _client_for(app, people["owner"])
    response = owner.submit(
        f"/assessments/{assessment.id}/report/respond",
        {
            "decision": "challenge",
            "reason_4": "Typed before someone else answered",
            "version": str(assessment.version - 1),
        },
    )
    assert response.status_code == 409
    text = response.get_data(as_text=True)
    assert "Someone else changed this report" in text
    assert "Typed before someone else answered" in text
    assert f'name="version" value="{assessment.version}"' in text
    database.refresh(assessment)
    assert assessment.status == "sent"
    assert (
        database.scalar(select(Challenge).where(Challenge.assessment_id == assessment.id)) is None
    )


def test_a_stale_answer_to_a_challenge_keeps_what_the_lead_typed(app, database, people, project):
    assessment = _report(database, project, people, status="challenged")
    point_id = database.scalar(
        select(Judgement.point_id).where(Judgement.assessment_id == assessment.id)
    )
    challenge = Challenge(
        assessment_id=assessment.id,
        point_id=point_id,
        reason="Unfair",
        raised_by_id=people["owner"].id,
    )
    database.add(challenge)
    database.commit()
    lead = _client_for(app, people["lead"])
    key = f"c{challenge.id}"
    response = lead.submit(
        f"/assessments/{assessment.id}/report/challenges",
        {
            "version": str(assessment.version),
            f"{key}_version": str(challenge.version + 1),
            f"{key}_outcome": "not_upheld",
            f"{key}_answer": "The evidence was not there on the day.",
        },
    )
    assert response.status_code == 409
    assert "The evidence was not there on the day." in response.get_data(as_text=True)
    database.refresh(challenge)
    assert challenge.outcome is None


@pytest.mark.parametrize(
    "who,allowed",
    [("lead", True), ("organiser", True), ("admin", True), ("designer", False), ("board", False)],
)
def test_the_lead_or_an_organiser_withdraws_with_a_reason(
    app, database, people, project, who, allowed
):
    assessment = _report(database, project, people, status="sent")
    client = _client_for(app, people[who])
    url = f"/assessments/{assessment.id}/report/withdraw"
    if not allowed:
        assert client.get(url).status_code == 403
        return
    missing = client.submit(url, {"version": str(assessment.version), "reason": "  "})
    assert missing.status_code == 400
    assert "Enter why the assessment is withdrawn" in missing.get_data(as_text=True)
    done = client.submit(
        url, {"version": str(assessment.version), "reason": "The team paused the work."}
    )
    assert done.status_code == 302
    database.refresh(assessment)
    assert (assessment.status, assessment.withdrawn_reason) == (
        "withdrawn",
        "The team paused the work.",
    )
    assert database.get(Assessment, assessment.self_assessment_id).status == "submitted"
    assert "The team paused the work." in client.get(
        f"/assessments/{assessment.id}/report"
    ).get_data(as_text=True)


@pytest.mark.parametrize("who", ["outsider", "other_team", "owner"])
def test_others_cannot_withdraw(app, database, people, project, who):
    assessment = _report(database, project, people, status="sent")
    client = _client_for(app, people[who])
    assert client.get(f"/assessments/{assessment.id}/report/withdraw").status_code == 403


def test_feedback_once_per_person_from_team_and_panel(app, database, people, project):
    assessment = _report(database, project, people, status="published")
    url = f"/assessments/{assessment.id}/report/feedback"
    member = _client_for(app, people["member"])
    form = member.get(url).get_data(as_text=True)
    assert "from 1 (not at all) to 5 (very well)" in form
    assert "1 (not at all)" in form and "5 (very well)" in form
    wrong = member.submit(url, {"score_1": "6", "score_2": "x", "comment": "ok"})
    assert wrong.status_code == 400
    for message in (
        "Select how well the assessment helped the team improve the service",
        "Select how fair and clear the panel&#39;s report was",
        "Select how well the assessment was organised",
    ):
        assert message in wrong.get_data(as_text=True)
    assert (
        member.submit(
            url, {"score_1": "4", "score_2": "5", "score_3": "3", "comment": "Useful"}
        ).status_code
        == 302
    )
    again = member.get(url)
    assert again.status_code == 302
    lead = _client_for(app, people["lead"])
    assert lead.submit(url, {"score_1": "2", "score_2": "2", "score_3": "2"}).status_code == 302
    rows = database.scalars(select(Feedback).where(Feedback.assessment_id == assessment.id)).all()
    assert sorted(f.respondent for f in rows) == ["panel", "team"]
    outsider = _client_for(app, people["outsider"])
    assert outsider.get(url).status_code == 302  # sent back to the report: not theirs to answer


def test_no_feedback_before_publishing(app, database, people, project):
    assessment = _report(database, project, people, status="accepted")
    owner = _client_for(app, people["owner"])
    assert owner.get(f"/assessments/{assessment.id}/report/feedback").status_code == 302


def test_overdue_report_shows_to_the_lead_the_organiser_but_not_outsiders(
    app, database, people, project
):
    assessment = _report(database, project, people, assessment_date=date(2026, 1, 5))
    for who, shown in (("lead", True), ("organiser", True), ("board", False)):
        text = _get_as(app, database, people[who], f"/assessments/{assessment.id}/report")[
            1
        ].get_data(as_text=True)
        assert ("The report is" in text and "late" in text) is shown, who


def test_overdue_answer_shows_to_the_team(app, database, people, project):
    assessment = _report(database, project, people, status="sent", answer_due=date(2026, 1, 5))
    text = _get_as(app, database, people["member"], f"/assessments/{assessment.id}/report")[
        1
    ].get_data(as_text=True)
    assert "The team&#39;s answer is" in text


def test_published_reports_list(app, database, people, project):
    open_one = _report(database, project, people, status="published")
    secret_project = make_project(
        database, name="Secret service", team=[(people["member"], "member")]
    )
    secret_project.confidential = True
    database.commit()
    secret = _report(database, secret_project, people, status="published")
    draft = _report(database, project, people, status="sent")
    for who, sees_secret in (
        ("outsider", False),
        ("other_team", False),
        ("board", True),
        ("member", True),
        ("lead", True),
    ):
        text = _get_as(app, database, people[who], "/reports")[1].get_data(as_text=True)
        assert f"/assessments/{open_one.id}/report" in text
        assert (f"/assessments/{secret.id}/report" in text) is sees_secret, who
        assert f'/assessments/{draft.id}/report"' not in text


def _download(app, person, assessment, suffix):
    client = _client_for(app, person)
    response = client.get(f"/assessments/{assessment.id}/report.{suffix}")
    assert response.status_code == 200
    assert "attachment" in response.headers["Content-Disposition"]
    return response.data


@pytest.fixture
def published_with_actions(database, people, project):
    assessment = _report(database, project, people, status="published")
    make_action(
        database,
        project,
        assessment,
        number=3,
        description="=Fix the upload page",
        source="panel",
        owner=people["member"],
        due_date=date(2027, 2, 1),
    )
    make_action(
        database,
        project,
        assessment,
        number=5,
        description="Hire a researcher",
        source="panel",
        status="done",
    )
    return assessment


def test_the_word_document_reads_back(app, database, people, published_with_actions):
    from docx import Document

    document = Document(io.BytesIO(_download(app, people["owner"], published_with_actions, "docx")))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Blue Badge applications alpha assessment report" in text
    assert "3. " in text and "Decision: Amber" in text and "Decision: Red" in text
    assert "The team's own rating: Green" in text
    cells = [c.text for table in document.tables for row in table.rows for c in row.cells]
    assert "Result" in cells and "Red" in cells
    assert "=Fix the upload page" in cells and "Mo Member" in cells


def test_the_action_plan_reads_back(app, database, people, published_with_actions):
    from openpyxl import load_workbook

    book = load_workbook(
        io.BytesIO(_download(app, people["owner"], published_with_actions, "xlsx"))
    )
    sheet = book["Action plan"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("Point", "Action", "Owner", "Due", "Status")
    assert rows[1][0] == 3 and rows[1][1] == "'=Fix the upload page" and rows[1][2] == "Mo Member"
    assert rows[1][3].date() == date(2027, 2, 1) and rows[1][4] == "Open"
    assert rows[2][4] == "Done"
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:E3"


def test_the_ratings_csv_reads_back(app, database, people, published_with_actions):
    rows = list(
        csv.reader(
            io.StringIO(
                _download(app, people["board"], published_with_actions, "csv").decode("utf-8-sig")
            )
        )
    )
    assert rows[0] == [
        "Point",
        "Title",
        "Team's rating",
        "Panel's rating",
        "Challenged",
        "Outcome",
        "Original decision",
        "Why the decision changed",
    ]
    assert len(rows) == 1 + 14
    assert rows[3][0] == "3" and rows[3][2:4] == ["Green", "Amber"]
    assert rows[5][3] == "Red"


def test_the_json_reads_back(app, database, people, published_with_actions):
    document = json.loads(_download(app, people["outsider"], published_with_actions, "json"))
    assert document["result"] == "Red"
    assert document["status"] == "published"
    assert [p["number"] for p in document["points"]] == list(range(1, 15))
    assert document["points"][2]["panel_rating"] == "amber"
    assert {a["status"] for a in document["actions"]} == {"open", "done"}


@pytest.mark.parametrize("suffix", ["docx", "xlsx", "csv", "json"])
def test_downloads_follow_the_report_rules(app, database, people, project, suffix):
    assessment = _report(database, project, people, status="in_review")
    for who, expected in (
        ("owner", 403),
        ("other_team", 403),
        ("outsider", 403),
        ("lead", 200),
        ("board", 200),
    ):
        client = _client_for(app, people[who])
        assert (
            client.get(f"/assessments/{assessment.id}/report.{suffix}").status_code == expected
        ), who


def test_a_self_assessment_id_is_not_a_report(app, database, people, project):
    assessment = _report(database, project, people, status="published")
    client = _client_for(app, people["board"])
    assert client.get(f"/assessments/{assessment.self_assessment_id}/report").status_code == 404


def test_the_project_page_lists_the_reports_the_person_may_read(app, database, people, project):
    # One open assessment of each kind per project: the one being scored is a peer review.
    scoring = _report(database, project, people, status="in_review", kind="peer_review")
    sent = _report(database, project, people, status="sent")
    team_page = _get_as(app, database, people["member"], f"/projects/{project.id}")[1]
    text = team_page.get_data(as_text=True)
    assert f"/assessments/{sent.id}/report" in text
    assert f"/assessments/{scoring.id}/report" not in text
    board_page = _get_as(app, database, people["board"], f"/projects/{project.id}")[1]
    board_text = board_page.get_data(as_text=True)
    # Until it is sent, it is an assessment with no report: the link goes to the panel's page.
    assert f'href="/assessments/{scoring.id}"' in board_text
    assert "(panel scoring, no report yet)" in board_text


@pytest.mark.parametrize("suffix", ["", ".docx", ".xlsx", ".csv", ".json"])
def test_the_report_and_downloads_make_the_same_queries_however_many_actions(
    app, database, people, project, suffix
):
    from tests.integration.query_count import counting_queries

    few = _report(database, project, people, status="published", actions_per_point=0)
    many = _report(database, project, people, status="published", actions_per_point=4)
    client = _client_for(app, people["owner"])
    counts = []
    for assessment in (few, many):
        client.get(f"/assessments/{assessment.id}/report{suffix}")
        with counting_queries(app) as statements:
            assert client.get(f"/assessments/{assessment.id}/report{suffix}").status_code == 200
        counts.append(len(statements))
    assert counts[0] == counts[1]


def test_a_reassessment_report_covers_the_red_points_and_carries_the_rest(
    app, database, people, project
):
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
    text = _get_as(app, database, people["owner"], f"/assessments/{again.id}/report")[1].get_data(
        as_text=True
    )
    assert 'id="point-5"' in text and 'id="point-3"' not in text
    assert "Overall result: Amber" in text  # point 3's amber is carried
    assert "points carried from the earlier assessment" in text
    assert f"/assessments/{first.id}/report" in text
    assert "Blue Badge applications alpha reassessment report" in text


def test_met_and_not_met_where_the_framework_says_so(app, database, people, project):
    assessment = _report(database, project, people, status="sent", ratings={5: "red"})
    assessment.framework_version.panel_outcomes = "met_not_met"
    database.commit()
    client = _client_for(app, people["owner"])
    text = client.get(f"/assessments/{assessment.id}/report").get_data(as_text=True)
    assert "Overall result: Not met" in text
    assert ">Met</strong>" in text
    rows = list(
        csv.reader(
            io.StringIO(
                client.get(f"/assessments/{assessment.id}/report.csv").data.decode("utf-8-sig")
            )
        )
    )
    assert rows[5][3] == "Not met"
    assessment.framework_version.panel_outcomes = "red_amber_green"
    database.commit()


def test_a_discovery_peer_review_report_has_findings_but_no_ratings(app, database, people):
    discovery = make_project(
        database,
        name="Discovery service",
        phase="discovery",
        team=[(people["owner"], "service_owner")],
    )
    assessment = scored_report(
        database,
        discovery,
        people["owner"],
        panel=[(people["lead"], "lead")],
        kind="peer_review",
        status="in_review",
    )
    for judgement in database.scalars(
        select(Judgement).where(Judgement.assessment_id == assessment.id)
    ):
        judgement.rating = None
    database.commit()
    lead = _client_for(app, people["lead"])
    text = lead.get(f"/assessments/{assessment.id}/report").get_data(as_text=True)
    assert "records findings for each point but no ratings" in text
    assert "Decision" not in text
    assert "No overall result" in text
    sent = lead.submit(
        f"/assessments/{assessment.id}/report/send", {"version": str(assessment.version)}
    )
    assert sent.status_code == 302
    database.refresh(assessment)
    assert assessment.status == "sent"


def test_any_command_that_changes_a_frozen_report_is_refused(app, database, people, project):
    """Scoring commands, whoever writes them: a published or withdrawn report's judgements,
    challenges and text stay as they are."""
    from app.commands import NotAllowed, command

    @command
    def change_rating(judgement_id: int) -> None:
        database.get(Judgement, judgement_id).rating = "red"

    @command
    def change_summary(assessment_id: int) -> None:
        database.get(Assessment, assessment_id).summary = "Rewritten"

    @command
    def add_challenge(assessment_id: int, point_id: int) -> None:
        database.add(Challenge(assessment_id=assessment_id, point_id=point_id, reason="Late"))

    for status in ("published", "withdrawn"):
        assessment = _report(database, project, people, status=status)
        judgement = database.scalars(
            select(Judgement).where(Judgement.assessment_id == assessment.id)
        ).first()
        with app.app_context():
            with pytest.raises(NotAllowed):
                change_rating(judgement.id)
            with pytest.raises(NotAllowed):
                change_summary(assessment.id)
            with pytest.raises(NotAllowed):
                add_challenge(assessment.id, judgement.point_id)
        database.refresh(judgement)
        database.refresh(assessment)
        assert judgement.rating == "green" and assessment.summary != "Rewritten"

    scoring = _report(database, project, people, status="in_review")
    judgement = database.scalars(
        select(Judgement).where(Judgement.assessment_id == scoring.id)
    ).first()
    with app.app_context():
        change_rating(judgement.id)
    database.refresh(judgement)
    assert judgement.rating == "red"


@pytest.mark.parametrize("version", ["²", "abc", "9" * 40, "-1", ""])
def test_forged_versions_never_give_a_500(app, database, people, project, version):
    assessment = _report(database, project, people, status="challenged")
    point_id = database.scalar(
        select(Judgement.point_id).where(Judgement.assessment_id == assessment.id)
    )
    challenge = Challenge(assessment_id=assessment.id, point_id=point_id, reason="Unfair")
    database.add(challenge)
    database.commit()
    lead = _client_for(app, people["lead"])
    for url, data in (
        ("challenges", {f"c{challenge.id}_version": version, f"c{challenge.id}_outcome": "upheld"}),
        ("send", {}),
        ("withdraw", {"reason": "x"}),
    ):
        response = lead.submit(
            f"/assessments/{assessment.id}/report/{url}", {"version": version, **data}
        )
        assert response.status_code in (302, 400, 409), (url, response.status_code)
    database.refresh(assessment)
    assert assessment.status == "challenged"


def test_the_word_document_leaves_out_characters_xml_forbids(app, database, people, project):
    from docx import Document

    assessment = _report(database, project, people, status="published")
    assessment.summary = "A strong\ufffe team\uffff with a\x0b plan."
    judgement = database.scalars(
        select(Judgement).where(Judgement.assessment_id == assessment.id)
    ).first()
    judgement.done_well = "Research\ufffe with users\uffff."
    database.commit()
    document = Document(io.BytesIO(_download(app, people["owner"], assessment, "docx")))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "A strong team with a plan." in text
    assert "Research with users." in text
    book_bytes = _download(app, people["owner"], assessment, "xlsx")
    assert book_bytes[:2] == b"PK"


def test_the_word_document_names_the_panel(app, database, people, published_with_actions):
    from docx import Document

    document = Document(io.BytesIO(_download(app, people["owner"], published_with_actions, "docx")))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "The panel" in text
    assert "Lena Lead" in text and "Dee Designer" in text and "Otto Observer" in text
    assert "Lead assessor: Lena Lead" in text


def test_an_action_plan_with_no_actions_says_so(app, database, people, project):
    from openpyxl import load_workbook

    assessment = _report(database, project, people, status="published")
    book = load_workbook(io.BytesIO(_download(app, people["owner"], assessment, "xlsx")))
    rows = list(book["Action plan"].iter_rows(values_only=True))
    assert rows[0] == ("Point", "Action", "Owner", "Due", "Status")
    assert rows[1][1] == "The panel set no actions."


def test_the_ratings_csv_names_its_character_set_once(
    app, database, people, published_with_actions
):
    client = _client_for(app, people["owner"])
    response = client.get(f"/assessments/{published_with_actions.id}/report.csv")
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"


def test_a_second_click_on_send_says_the_report_has_already_been_sent(
    app, database, people, project
):
    assessment = _report(database, project, people)
    client = _client_for(app, people["lead"])
    url = f"/assessments/{assessment.id}/report/send"
    token = client.csrf_token(url)
    form = {"version": str(assessment.version), "csrf_token": token}
    assert client.post(url, data=form).status_code == 302
    again = client.post(url, data=form, follow_redirects=True)
    text = again.get_data(as_text=True)
    assert "The report has already been sent to the team." in text
    assert "Someone else changed this report" not in text
    page = client.get(url, follow_redirects=True).get_data(as_text=True)
    assert "The report has already been sent to the team." in page
    assert database.scalar(select(AuditEvent.id).where(AuditEvent.verb == "sent")) is not None
    sent_events = database.scalars(select(AuditEvent).where(AuditEvent.verb == "sent")).all()
    assert len(sent_events) == 1


def test_sending_again_keeps_the_date_the_report_was_first_sent(app, database, people, project):
    from datetime import UTC, datetime

    first = datetime(2026, 11, 2, 10, 0, tzinfo=UTC)
    assessment = _report(database, project, people, status="challenged", sent_at=first)
    client = _client_for(app, people["lead"])
    response = client.submit(
        f"/assessments/{assessment.id}/report/send", {"version": str(assessment.version)}
    )
    assert response.status_code == 302
    database.refresh(assessment)
    assert assessment.status == "sent"
    assert assessment.sent_at.replace(tzinfo=UTC) == first
    event = database.scalar(select(AuditEvent).where(AuditEvent.verb == "sent"))
    assert "again" in event.summary


def test_published_reports_show_each_overall_result(app, database, people, project):
    from tests.integration.query_count import counting_queries

    red = _report(database, project, people, status="published")
    green = _report(database, project, people, status="published", ratings={})
    client = _client_for(app, people["board"])
    text = client.get("/reports").get_data(as_text=True)
    assert "<th" in text and ">Result</th>" in text
    rows = text.split("<tr")
    red_row = next(r for r in rows if f"/assessments/{red.id}/report" in r)
    green_row = next(r for r in rows if f"/assessments/{green.id}/report" in r)
    assert 'govuk-tag--red">Red</strong>' in red_row
    assert 'govuk-tag--green">Green</strong>' in green_row
    again = _report(
        database,
        project,
        people,
        status="published",
        kind="reassessment",
        follows=red,
        ratings={5: "green"},
    )
    rows = client.get("/reports").get_data(as_text=True).split("<tr")
    again_row = next(r for r in rows if f"/assessments/{again.id}/report" in r)
    assert 'govuk-tag--orange">Amber</strong>' in again_row  # point 3's amber is carried
    with counting_queries(app) as few:
        client.get("/reports")
    for _ in range(3):
        _report(database, project, people, status="published")
    with counting_queries(app) as many:
        client.get("/reports")
    assert len(few) == len(many)


@pytest.mark.parametrize("who", ["member", "outsider", "board", "organiser", "admin"])
def test_everyone_signed_in_has_published_reports_in_the_navigation(
    app, database, people, project, who
):
    import re

    client = _client_for(app, people[who])
    for url in ("/home", "/reports"):
        response = client.get(url, follow_redirects=True)
        assert response.status_code == 200, (url, response.status_code)
        page = response.get_data(as_text=True)
        menu = page[page.index('aria-label="Menu"') :]
        assert re.search(r'href="/reports"[^>]*>\s*(<strong[^>]*>)?Reports\s*<', menu), url
    current = re.search(r'href="/reports" aria-current="true">\s*<strong[^>]*>Reports<', menu)
    assert current is not None


def _panel_rows(app, person, project):
    from tests.integration.conftest import FormClient

    client = FormClient(app.test_client())
    client.sign_in(person.email)
    response = client.get(f"/projects/{project.id}/assessments/")
    if response.status_code != 200:
        return response.status_code, None
    page = response.get_data(as_text=True)
    table = page[page.index('id="panel-assessments"') :]
    return 200, table[: table.index("</table>")]


def test_the_projects_assessments_page_lists_its_panel_assessments(app, database, people, project):
    # One open assessment of each kind per project: the one being scored is a peer review.
    scoring = _report(database, project, people, status="in_review", kind="peer_review")
    sent = _report(database, project, people, status="sent")
    published = _report(database, project, people, status="published")
    status, table = _panel_rows(app, people["member"], project)
    assert status == 200
    assert table.count("<tr") == 4  # a heading row and three assessments
    assert "Panel scoring" in table and "Report sent to the team" in table
    assert f"/assessments/{sent.id}/report" in table
    assert f"/assessments/{published.id}/report" in table
    assert f"/assessments/{scoring.id}/report" not in table
    assert "The report is not ready for you to read yet" in table
    status, table = _panel_rows(app, people["board"], project)
    assert f"/assessments/{scoring.id}/report" in table


def test_a_confidential_projects_reports_are_linked_only_for_its_readers(
    app, database, people, project
):
    project.confidential = True
    database.commit()
    published = _report(database, project, people, status="published")
    for who in ("member", "board", "admin"):
        status, table = _panel_rows(app, people[who], project)
        assert status == 200, who
        assert f"/assessments/{published.id}/report" in table, who
    for who in ("outsider", "other_team"):
        status, table = _panel_rows(app, people[who], project)
        if status == 200:
            assert f"/assessments/{published.id}/report" not in table, who
            assert "Confidential" in table, who
        else:
            assert status in (403, 404), who
