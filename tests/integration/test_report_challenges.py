"""The lead's answers to the team's challenges: upholding gives a better rating (or, where
none is better, new findings), keeps the original on the record and asks the lead to
agree the final ratings again; the report page counts the challenges and the answers."""

from __future__ import annotations

from sqlalchemy import select

from app.commands import reports as commands
from app.models import Assessment, Challenge, Judgement, Point
from tests.integration import test_reports as reports
from tests.integration.test_pages import check_page, parse, text_of

# The report tests' people and project, and their ways of making a report and a client.
people = reports.people
project = reports.project
_report = reports._report
_client_for = reports._client_for


def _challenge(database, assessment, people, *numbers):
    """The team's challenges to ``numbers``, as the team's answer would leave them."""
    made = []
    for number in numbers:
        point_id = database.scalar(
            select(Point.id).where(
                Point.version_id == assessment.framework_version_id, Point.number == number
            )
        )
        challenge = Challenge(
            assessment_id=assessment.id,
            point_id=point_id,
            reason=f"Point {number} is not fair.",
            raised_by_id=people["owner"].id,
        )
        database.add(challenge)
        made.append(challenge)
    database.commit()
    return made


def _judgement(database, challenge):
    database.expire_all()
    return database.scalar(
        select(Judgement).where(
            Judgement.assessment_id == challenge.assessment_id,
            Judgement.point_id == challenge.point_id,
        )
    )


def _answer(lead, assessment, challenge, **fields):
    key = f"c{challenge.id}"
    return lead.submit(
        f"/assessments/{assessment.id}/report/challenges",
        {
            "version": str(assessment.version),
            f"{key}_version": str(challenge.version),
            f"{key}_answer": "We looked again.",
            **{f"{key}_{name}": value for name, value in fields.items()},
        },
    )


def _words(response) -> str:
    return " ".join(response.get_data(as_text=True).split())


def test_the_form_offers_only_better_ratings_and_no_keep(app, database, people, project):
    assessment = _report(database, project, people, status="challenged")  # 3 amber, 5 red
    amber, red = _challenge(database, assessment, people, 3, 5)
    lead = _client_for(app, people["lead"])
    page = lead.get(f"/assessments/{assessment.id}/report/challenges")
    check_page(page)
    text = _words(page)
    assert "Keep" not in text
    # Point 3 (amber) may only become green: said in a sentence, not offered as a lone
    # radio; point 5 (red) may become green or amber.
    assert f'name="c{amber.id}_rating" type="radio"' not in text
    assert f'type="hidden" name="c{amber.id}_rating" value="green"' in text
    assert "changes the panel's rating for point 3 from Amber to Green" in text
    assert f'name="c{red.id}_rating" type="radio" value="green"' in text
    assert f'name="c{amber.id}_rating" type="radio" value="amber"' not in text
    assert f'name="c{amber.id}_rating" type="radio" value="red"' not in text
    assert f'name="c{red.id}_rating" type="radio" value="amber"' in text
    assert f'name="c{red.id}_rating" type="radio" value="red"' not in text
    assert "Upholding the challenge gives the point a better rating than Amber" in text


def test_upholding_with_a_worse_or_the_same_or_no_rating_is_refused(app, database, people, project):
    assessment = _report(database, project, people, status="challenged")
    (challenge,) = _challenge(database, assessment, people, 3)  # amber
    lead = _client_for(app, people["lead"])
    for rating, message in [
        ("red", "Select a rating better than Amber for point 3, or keep the panel&#39;s decision"),
        ("amber", "Select a rating better than Amber for point 3"),
        ("", "Select the panel&#39;s new rating for point 3"),
    ]:
        response = _answer(lead, assessment, challenge, outcome="upheld", rating=rating)
        assert response.status_code == 400, rating
        assert message in response.get_data(as_text=True), rating
        assert "We looked again." in response.get_data(as_text=True)  # kept as typed
        assert _judgement(database, challenge).rating == "amber"
        database.refresh(challenge)
        assert challenge.outcome is None


def test_upholding_improves_the_rating_keeps_the_original_and_undoes_the_agreement(
    app, database, people, project
):
    assessment = _report(database, project, people, status="challenged")
    (challenge,) = _challenge(database, assessment, people, 5)  # red
    lead = _client_for(app, people["lead"])
    response = _answer(lead, assessment, challenge, outcome="upheld", rating="amber")
    assert response.status_code == 302
    judgement = _judgement(database, challenge)
    assert (judgement.rating, judgement.original_rating, judgement.revision_reason) == (
        "amber",
        "red",
        "We looked again.",
    )
    assert database.get(Assessment, assessment.id).ratings_agreed_at is None
    page = _words(lead.get(f"/assessments/{assessment.id}/report"))
    assert "The team challenged 1 point; you have answered it." in page
    assert "Agree the final ratings before sending the report" in page
    assert f'href="/assessments/{assessment.id}/summary"' in page
    # The report shows the revised decision beside the original, and why.
    document, _ = parse(lead.get(f"/assessments/{assessment.id}/report"))
    ratings = text_of(document.find(".//*[@id='point-5-ratings']"))
    assert "Revised decision Amber" in ratings
    assert "Original decision Red" in ratings
    assert "Why the decision changed We looked again." in ratings


def test_upholding_a_green_point_changes_what_the_team_needs_to_do(app, database, people, project):
    assessment = _report(database, project, people, status="challenged")
    (challenge,) = _challenge(database, assessment, people, 1)  # green
    lead = _client_for(app, people["lead"])
    page = _words(lead.get(f"/assessments/{assessment.id}/report/challenges"))
    assert "Green is the best rating there is" in page
    same = _answer(
        lead,
        assessment,
        challenge,
        outcome="upheld",
        to_do="Test the service with people who use assistive technology.",
    )
    assert same.status_code == 400
    assert "Change what the team needs to do for point 1" in same.get_data(as_text=True)
    changed = _answer(lead, assessment, challenge, outcome="upheld", to_do="Nothing more.")
    assert changed.status_code == 302
    judgement = _judgement(database, challenge)
    assert (judgement.rating, judgement.original_rating, judgement.to_do) == (
        "green",
        None,
        "Nothing more.",
    )
    assert database.get(Assessment, assessment.id).ratings_agreed_at is None


def test_the_report_counts_the_challenges_and_the_answers(app, database, people, project):
    assessment = _report(database, project, people, status="challenged")
    first, second = _challenge(database, assessment, people, 3, 5)
    lead = _client_for(app, people["lead"])
    page = _words(lead.get(f"/assessments/{assessment.id}/report"))
    assert "The team challenged 2 points; you have answered none yet." in page
    commands.answer_challenges(
        assessment.id,
        assessment.version,
        [commands.ChallengeAnswer(first.id, first.version, "not_upheld", "It stays amber.")],
        people["lead"].id,
    )
    database.expire_all()
    page = _words(lead.get(f"/assessments/{assessment.id}/report"))
    assert "The team challenged 2 points; you have answered 1." in page
    assert "Answer the challenges" in page
    assessment = database.get(Assessment, assessment.id)
    second = database.get(Challenge, second.id)
    commands.answer_challenges(
        assessment.id,
        assessment.version,
        [commands.ChallengeAnswer(second.id, second.version, "not_upheld", "It stays red.")],
        people["lead"].id,
    )
    database.expire_all()
    page = _words(lead.get(f"/assessments/{assessment.id}/report"))
    assert "The team challenged 2 points; you have answered them all." in page
    assert "challenged 0 points" not in page
    # Keeping every decision keeps the agreement: the report can go straight back.
    assert database.get(Assessment, assessment.id).ratings_agreed_at is not None
    assert "Send the report to the team again" in page
