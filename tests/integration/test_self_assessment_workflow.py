"""The self-assessment's workflow: one per phase, starting from last time, sharing out,
submitting, returning, and the rating every page shows."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import delete, func, select

from app.commands import Conflict, NotAllowed
from app.commands import self_assessment as commands
from app.data import answers as answer_data
from app.data import assessments as assessment_data
from app.extensions import db
from app.models import Artefact, ArtefactLink, Assessment, AuditEvent, Judgement
from app.rules.permissions import Role, TeamRole
from app.rules.self_assessment import AssessmentStatus
from tests.integration.conftest import FormClient
from tests.integration.factories import (
    answer,
    complete_every_point,
    make_panel_assessment,
    make_project,
)
from tests.integration.test_pages import check_page, parse, text_of


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


def client_for(app, person) -> FormClient:
    client = FormClient(app.test_client())
    client.sign_in(person.email)
    return client


@pytest.fixture
def owner_client(app, database, owner):
    return client_for(app, owner)


@pytest.fixture
def member_client(app, database, member):
    return client_for(app, member)


def text(response) -> str:
    return response.get_data(as_text=True)


def base(project) -> str:
    return f"/projects/{project.id}/assessments"


def self_assessments(database, project) -> list[Assessment]:
    database.expire_all()
    return list(
        database.scalars(
            select(Assessment).where(Assessment.project_id == project.id).order_by(Assessment.id)
        )
    )


def start(client, project, **fields):
    return client.submit(f"{base(project)}/start", fields, token_from=f"{base(project)}/")


def submitted_assessment(database, project, owner_client, rating="green"):
    """The team's self-assessment, started, completed and submitted through the pages."""
    start(owner_client, project)
    [assessment] = self_assessments(database, project)
    complete_every_point(database, assessment, rating=rating)
    response = owner_client.submit(
        f"{base(project)}/{assessment.id}/submit",
        {"confirm": "y"},
        token_from=f"{base(project)}/{assessment.id}/check",
    )
    assert response.status_code == 302, text(response)
    database.refresh(assessment)
    assert assessment.status == "submitted"
    return assessment


# --- One table of status moves -------------------------------------------------------------


def test_a_status_move_the_table_does_not_allow_is_refused_and_nothing_is_recorded(
    app, database, project, owner
):
    with app.app_context():
        assessment = assessment_data.start_self_assessment(project, owner.id)
        db.session.commit()
        events = db.session.scalar(select(func.count(AuditEvent.id)))
        # A draft cannot be published, nor returned to draft.
        for status in (AssessmentStatus.PUBLISHED, AssessmentStatus.DRAFT):
            with pytest.raises(NotAllowed):
                assessment_data.change_status(assessment, status, "moved", "Moved", owner.id)
        assert assessment.status == "draft"
        assert db.session.scalar(select(func.count(AuditEvent.id))) == events
        db.session.rollback()


def test_withdrawing_goes_through_the_same_table(app, database, project, owner, member):
    with app.app_context():
        assessment = assessment_data.start_self_assessment(project, owner.id)
        db.session.commit()
        with pytest.raises(NotAllowed):
            commands.withdraw_self_assessment(project.id, assessment.id, "", member.id)
        commands.withdraw_self_assessment(project.id, assessment.id, "Started by mistake", owner.id)
        db.session.expire_all()
        assert db.session.get(Assessment, assessment.id).status == "withdrawn"
        # Withdrawn is the end: it cannot be withdrawn again.
        with pytest.raises(NotAllowed):
            commands.withdraw_self_assessment(project.id, assessment.id, "", owner.id)


# --- One self-assessment per phase ---------------------------------------------------------


def test_after_submitting_the_page_says_what_was_submitted_and_offers_no_new_start(
    database, project, owner, owner_client, member_client
):
    sent = submitted_assessment(database, project, owner_client)
    response = member_client.get(f"{base(project)}/")
    check_page(response)
    page = text(response)
    assert "Start a self-assessment" not in page
    document, _ = parse(response)
    banner = text_of(document.find(".//div[@id='under-review']"))
    assert "The self-assessment for alpha is with the peer assessors" in banner
    assert "by Owen Grant" in banner
    assert "an administrator can return it to your team" in banner
    assert f"{base(project)}/{sent.id}" in page

    # The start page sends the team back, and a crafted post starts nothing.
    assert member_client.get(f"{base(project)}/start").status_code == 302
    response = start(member_client, project)
    assert response.status_code == 302
    assert [a.id for a in self_assessments(database, project)] == [sent.id]
    # Nor can the command be called around the page.
    with pytest.raises(NotAllowed):
        commands.start_self_assessment(project.id, owner.id)
    assert [a.id for a in self_assessments(database, project)] == [sent.id]


def test_a_crafted_start_is_refused_even_when_the_check_before_it_misses(
    database, project, owner_client, member_client, monkeypatch
):
    """The command checks for itself, whatever the page looked at first."""
    sent = submitted_assessment(database, project, owner_client)
    from app.self_assessment import routes

    monkeypatch.setattr(routes, "_under_review", lambda project: None)
    response = start(member_client, project, start_from="blank")
    assert response.status_code == 302
    assert response.headers["Location"] == f"{base(project)}/"
    assert [a.id for a in self_assessments(database, project)] == [sent.id]


# --- Starting from last time ---------------------------------------------------------------


@pytest.fixture
def alpha_then_beta(database, project, owner, member, owner_client, make_person):
    """A submitted alpha self-assessment with evidence, an artefact and owners; the project
    then moves to beta. Point 3's owner has since been deactivated."""
    leaver = make_person(name="Lee Leaver")
    project.memberships[0].project.memberships.append(
        type(project.memberships[0])(person=leaver, team_role=TeamRole.MEMBER.value)
    )
    database.commit()
    alpha = submitted_assessment(database, project, owner_client)
    artefact = Artefact(
        project_id=project.id, title="Research report", url="https://example.org/r", kind="research"
    )
    database.add(artefact)
    first = answer(database, alpha, 1)
    first.evidence_account = "We interviewed 12 residents."
    first.owner_id = member.id
    first.artefact_links.append(ArtefactLink(artefact=artefact))
    answer(database, alpha, 3).owner_id = leaver.id
    leaver.is_active = False
    project.phase = "private_beta"
    database.commit()
    return alpha, artefact


def test_the_start_page_offers_the_last_submitted_self_assessment(
    database, project, alpha_then_beta, member_client
):
    alpha, _ = alpha_then_beta
    response = member_client.get(f"{base(project)}/start")
    check_page(response)
    page = text(response)
    assert "How do you want to start?" in page
    assert "Start from the alpha self-assessment" in page
    assert "Start blank" in page

    # Choosing nothing is an error, and starts nothing.
    response = start(member_client, project)
    assert response.status_code == 200
    assert "Select how you want to start" in text(response)
    assert [a.id for a in self_assessments(database, project)] == [alpha.id]


def test_starting_from_last_time_carries_evidence_artefacts_and_owners_until_saved(
    app, database, project, alpha_then_beta, member, member_client
):
    alpha, artefact = alpha_then_beta
    response = start(member_client, project, start_from=str(alpha.id))
    assert response.status_code == 302
    beta = self_assessments(database, project)[-1]
    assert (beta.phase, beta.status) == ("private_beta", "draft")
    first = answer(database, beta, 1)
    assert first.evidence_account == "We interviewed 12 residents."
    assert [link.artefact_id for link in first.artefact_links] == [artefact.id]
    assert first.owner_id == member.id
    assert first.self_rating is None  # the team rates afresh
    assert first.status == "in_progress"
    assert first.carried_over_from_id == alpha.id
    assert first.carried_over_from.phase == "alpha"
    # A deactivated owner is not carried over.
    assert answer(database, beta, 3).owner_id is None

    task_list = text(member_client.get(f"{base(project)}/{beta.id}"))
    assert task_list.count("Carried over from alpha: check it") == 14

    # Saving the point is the check: the mark goes.
    with app.app_context():
        saved = answer_data.answer_for_point(beta.id, 1)
        answer_data.save_answer(saved, project.id, saved.evidence_account, "green", None, member.id)
        db.session.commit()
    database.expire_all()
    assert answer(database, beta, 1).carried_over_from_id is None
    assert answer(database, beta, 2).carried_over_from_id == alpha.id
    task_list = text(member_client.get(f"{base(project)}/{beta.id}"))
    assert task_list.count("Carried over from alpha: check it") == 13


def test_starting_blank_carries_nothing(database, project, alpha_then_beta, member_client):
    response = start(member_client, project, start_from="blank")
    assert response.status_code == 302
    beta = self_assessments(database, project)[-1]
    first = answer(database, beta, 1)
    assert (first.evidence_account, first.owner_id, first.carried_over_from_id) == ("", None, None)


def test_a_crafted_start_from_another_assessment_is_refused(
    database, project, alpha_then_beta, member_client
):
    alpha, _ = alpha_then_beta
    response = start(member_client, project, start_from=str(alpha.id + 999))
    assert response.status_code == 200
    assert "Select how you want to start" in text(response)
    assert len(self_assessments(database, project)) == 1


# --- Sharing out ---------------------------------------------------------------------------


@pytest.fixture
def draft(database, project, owner_client):
    start(owner_client, project)
    return self_assessments(database, project)[-1]


def owners_url(project, assessment) -> str:
    return f"{base(project)}/{assessment.id}/owners"


def test_two_people_sharing_out_at_once_keep_both_changes(
    database, project, draft, owner, member, owner_client, member_client
):
    # Both opened the page while no point had an owner.
    first = owner_client.submit(
        owners_url(project, draft), {"point_1": str(member.id), "shown_1": "", "point_2": ""}
    )
    assert first.status_code == 302
    # The second left point 1 as they saw it (no owner) and gave point 2 to the owner.
    second = member_client.submit(
        owners_url(project, draft),
        {"point_1": "", "shown_1": "", "point_2": str(owner.id), "shown_2": ""},
    )
    assert second.status_code == 302
    database.expire_all()
    assert answer(database, draft, 1).owner_id == member.id
    assert answer(database, draft, 2).owner_id == owner.id


def test_giving_a_point_someone_else_just_gave_away_shows_the_conflict_page(
    database, project, draft, owner, member, owner_client, member_client
):
    owner_client.submit(owners_url(project, draft), {"point_1": str(member.id), "shown_1": ""})
    response = member_client.submit(
        owners_url(project, draft),
        {"point_1": str(owner.id), "shown_1": "", "point_4": str(owner.id), "shown_4": ""},
    )
    assert response.status_code == 409
    check_page(response)
    document, _ = parse(response)
    banner = text_of(document.find(".//div[@id='owners-conflict']"))
    assert "1. Understand users and their needs: now Priya Shah" in banner
    database.expire_all()
    # Nothing from the second post was saved, and what they chose is still on the page.
    assert answer(database, draft, 1).owner_id == member.id
    assert answer(database, draft, 4).owner_id is None
    chosen = document.find(".//select[@name='point_4']/option[@selected]")
    assert chosen is not None and chosen.get("value") == str(owner.id)
    # What is saved now is what the page shows as seen, so saving again works.
    shown = document.find(".//input[@name='shown_1']")
    assert shown.get("value") == str(member.id)


def test_a_share_out_without_what_was_shown_is_a_conflict(
    database, project, draft, member, member_client
):
    response = member_client.submit(owners_url(project, draft), {"point_1": str(member.id)})
    assert response.status_code == 409
    assert answer(database, draft, 1).owner_id is None


def test_deactivated_people_are_neither_offered_nor_accepted_as_owners(
    database, project, draft, member_client, make_person
):
    gone = make_person(name="Gone Away", active=False)
    project.memberships.append(
        type(project.memberships[0])(person=gone, team_role=TeamRole.MEMBER.value)
    )
    database.commit()
    page = member_client.get(owners_url(project, draft))
    assert "Gone Away" not in text(page)
    response = member_client.submit(
        owners_url(project, draft), {"point_1": str(gone.id), "shown_1": ""}
    )
    assert response.status_code == 200
    assert "Select someone from the team" in text(response)
    assert answer(database, draft, 1).owner_id is None


# --- Submitting ----------------------------------------------------------------------------


def check_url(project, assessment) -> str:
    return f"{base(project)}/{assessment.id}/check"


def test_submitting_needs_the_evidence_confirmed(database, project, draft, owner_client):
    complete_every_point(database, draft)
    response = owner_client.submit(
        f"{base(project)}/{draft.id}/submit", {}, token_from=check_url(project, draft)
    )
    assert response.status_code == 200
    check_page(response)
    document, _ = parse(response)
    summary = document.find(".//div[@class='govuk-error-summary']")
    assert "Confirm that the evidence is accurate" in text_of(summary)
    database.refresh(draft)
    assert draft.status == "draft"


def test_only_the_service_owner_or_delivery_manager_submits(
    database, project, draft, member_client
):
    complete_every_point(database, draft)
    page = text(member_client.get(check_url(project, draft)))
    assert "Only the project's service owner or delivery manager can submit" in page
    assert "Submit for peer review" not in page
    response = member_client.submit(
        f"{base(project)}/{draft.id}/submit",
        {"confirm": "y"},
        token_from=check_url(project, draft),
        follow_redirects=True,
    )
    assert "Only the project's service owner or delivery manager can submit" in text(response)
    database.refresh(draft)
    assert draft.status == "draft"


def test_the_confirmation_keeps_the_rating_out_of_the_green_panel(
    database, project, owner, owner_client
):
    sent = submitted_assessment(database, project, owner_client, rating="red")
    assert sent.submitted_by_id == owner.id
    response = owner_client.get(f"{base(project)}/{sent.id}/submitted")
    check_page(response)
    document, _ = parse(response)
    panel = text_of(document.find(".//div[@class='govuk-panel govuk-panel--confirmation']"))
    assert "Self-assessment submitted" in panel
    assert "Red" not in panel
    rating = text_of(document.find(".//dl[@id='submitted-rating']"))
    assert "Red" in rating


# --- Returning -----------------------------------------------------------------------------


def test_the_return_reason_is_stored_and_shown_without_the_audit_trail(
    app, database, project, owner_client, member_client, signed_in_as, client
):
    sent = submitted_assessment(database, project, owner_client)
    signed_in_as(Role.ADMINISTRATOR)
    response = client.submit(
        f"{base(project)}/{sent.id}/return", {"reason": "Point 5 has no evidence yet."}
    )
    assert response.status_code == 302
    database.refresh(sent)
    assert (sent.status, sent.returned_reason) == ("draft", "Point 5 has no evidence yet.")
    assert sent.returned_at is not None
    # The page reads the column, not the audit trail's wording.
    database.execute(delete(AuditEvent).where(AuditEvent.verb == "returned"))
    database.commit()
    task_list = member_client.get(f"{base(project)}/{sent.id}")
    document, _ = parse(task_list)
    assert "Point 5 has no evidence yet." in text_of(document.find(".//div[@id='returned']"))

    home = member_client.get("/home")
    check_page(home)
    document, _ = parse(home)
    banner = text_of(document.find(".//div[@id='returned-self-assessments']"))
    assert "Blue Badge applications: self-assessment for alpha" in banner
    assert "Point 5 has no evidence yet." in banner
    assert "Returned to the team" in text(home)


def test_return_is_refused_for_a_draft_by_the_command_itself(app, database, project, draft):
    with app.app_context():
        from app.data.people import create_person

        admin = create_person("Ada Admin", "ada@example.gov.uk", [Role.ADMINISTRATOR.value])
        db.session.commit()
        with pytest.raises(NotAllowed):
            commands.return_to_team(project.id, draft.id, "Why not", admin.id)


# --- One rating, every page ----------------------------------------------------------------


def test_every_page_shows_the_rating_that_counts_with_the_panels_over_the_teams(
    database, project, owner_client, member_client
):
    sent = submitted_assessment(database, project, owner_client, rating="green")
    # A panel built from it rates point 2 red and publishes its report: its rating counts,
    # the team's stays beside it.
    panel = make_panel_assessment(
        database,
        project,
        status="published",
        self_assessment=sent,
        published_at=datetime(2026, 11, 28, tzinfo=UTC),
    )
    database.add(
        Judgement(assessment_id=panel.id, point_id=answer(database, sent, 2).point_id, rating="red")
    )
    sent.status = "in_review"
    database.commit()
    home = table_rows(member_client.get("/home"), "projects")
    assert home[0][4] == "Panel's rating, which counts: Red Team's own rating: Green"
    index = table_rows(member_client.get(f"{base(project)}/"), "assessments")
    assert index[0][5] == "Panel's rating, which counts: Red Team's own rating: Green"
    task_list = text(member_client.get(f"{base(project)}/{sent.id}"))
    assert "(the panel's; the team's was green)" in task_list
    document, _ = parse(member_client.get(check_url(project, sent)))
    assert "Panel's rating Red" in text_of(document)


def test_a_drafts_rating_is_so_far_and_kept_apart_from_submitted_ones(
    database, project, owner_client, member_client
):
    submitted_assessment(database, project, owner_client, rating="green")
    project.phase = "private_beta"
    database.commit()
    start(member_client, project, start_from="blank")
    beta = self_assessments(database, project)[-1]
    answer(database, beta, 1).self_rating = "amber"
    database.commit()
    index = member_client.get(f"{base(project)}/")
    check_page(index)
    drafts = table_rows(index, "drafts")
    others = table_rows(index, "assessments")
    assert [row[1] for row in drafts] == ["Private beta"]
    assert drafts[0][5] == "Pending so far"
    assert [row[1] for row in others] == ["Alpha"]
    assert others[0][5] == "Green"
    [row] = table_rows(member_client.get("/home"), "projects")
    assert row[4] == "Your team's rating: GreenDraft: Pending so far"


def table_rows(response, table_id: str) -> list[list[str]]:
    document, _ = parse(response)
    table = document.find(f".//table[@id='{table_id}']")
    assert table is not None, f"no table {table_id}"
    return [[text_of(cell) for cell in row.findall("td")] for row in table.findall("tbody/tr")]


def test_the_start_command_refuses_a_second_draft(app, database, project, owner, draft):
    with app.app_context(), pytest.raises(Conflict):
        commands.start_self_assessment(project.id, owner.id)


# --- Migration 0006 ------------------------------------------------------------------------


@pytest.fixture
def empty_app(tmp_path):
    from app import create_app
    from tests.databases import fresh_database

    with fresh_database("workflow_migration", tmp_path) as url:
        app = create_app({"SQLALCHEMY_DATABASE_URI": url, "TESTING": True})
        with app.app_context():
            try:
                yield app
            finally:
                db.session.remove()
                db.engine.dispose()


def test_migration_0006_fills_the_new_columns_from_the_audit_trail(empty_app):
    """Reasons recorded in an event's changes, or in the wording the service used, are
    copied; anything else is left empty rather than guessed."""
    from flask_migrate import upgrade
    from sqlalchemy import text as sql

    upgrade(revision="0003")
    with db.engine.begin() as connection:
        connection.execute(
            sql(
                "INSERT INTO framework (slug, name, short_name, organisation, published, url, "
                "description, is_default, created_at, updated_at) VALUES ('f', 'F', 'F', 'O', "
                "'2019-01-01', 'https://x.example', 'd', true, '2026-01-01', '2026-01-01')"
            )
        )
        connection.execute(
            sql(
                "INSERT INTO framework_version (framework_id, number, content_hash, source_file, "
                "loaded_at) VALUES (1, 1, 'h', 'f.yaml', '2026-01-01')"
            )
        )
        connection.execute(
            sql(
                "INSERT INTO project (name, description, phase, framework_id, version, "
                "created_at, updated_at) VALUES ('P', '', 'alpha', 1, 1, '2026-01-01', "
                "'2026-01-01')"
            )
        )
        for _ in range(3):
            connection.execute(
                sql(
                    "INSERT INTO assessment (project_id, framework_version_id, phase, kind, "
                    "status, version, created_at, updated_at) VALUES (1, 1, 'alpha', "
                    "'self_assessment', 'withdrawn', 1, '2026-01-01', '2026-01-01')"
                )
            )
        events = [
            (1, "submitted", "Submitted the self-assessment for peer review", "{}"),
            (1, "returned", "Returned the self-assessment to the team: old words", "{}"),
            (1, "returned", "x", '{"reason": [null, "Point 2 needs evidence"]}'),
            (2, "returned", "Returned the self-assessment to the team: Add the DPIA", "{}"),
            (3, "returned", "Sent back", "{}"),
        ]
        for number, (subject, verb, summary, changes) in enumerate(events):
            connection.execute(
                sql(
                    "INSERT INTO audit_event (occurred_at, subject_type, subject_id, verb, "
                    "summary, changes) VALUES (:at, 'assessment', :subject, :verb, :summary, "
                    ":changes)"
                ),
                {
                    "at": f"2026-01-0{number + 1} 09:00:00",
                    "subject": subject,
                    "verb": verb,
                    "summary": summary,
                    "changes": changes,
                },
            )
    upgrade(revision="0006")
    with db.engine.connect() as connection:
        rows = connection.execute(
            sql("SELECT id, returned_reason, returned_at IS NOT NULL FROM assessment ORDER BY id")
        ).all()
    assert [tuple(row) for row in rows] == [
        (1, "Point 2 needs evidence", True),  # the latest return counts
        (2, "Add the DPIA", True),
        (3, None, True),  # wording it cannot read: left empty
    ]
