"""Moving a project to another phase, with a reason, and past red points only with another."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from app.models import AuditEvent, Judgement, PhaseChange
from app.rules.permissions import Role
from app.templating import format_date
from tests.conftest import TODAY
from tests.integration.factories import (
    answer,
    make_panel_assessment,
    make_project,
    start_assessment,
)
from tests.integration.project_data import add_action, assessed
from tests.integration.test_home import table_rows
from tests.integration.test_pages import check_page, parse, text_of
from tests.integration.test_projects import error_summary

REASON = "The alpha showed the service can work; users could apply first time."
OVERRIDE = "Point 3 is fixed in the first beta sprint; the panel agreed."
# Moving on into beta means an assessment is due: when, in the date boxes' three parts.
DUE = TODAY + timedelta(days=90)
DUE_PARTS = [str(DUE.day), str(DUE.month), str(DUE.year)]


def moves(database, project) -> list[PhaseChange]:
    return list(
        database.scalars(
            select(PhaseChange).where(PhaseChange.project_id == project.id).order_by(PhaseChange.id)
        )
    )


def page_one(client, project, **data):
    fields = {
        "from_phase": project.phase,
        "to_phase": "private_beta",
        "reason": REASON,
        "next_assessment_due": DUE_PARTS,
    } | data
    return client.submit(f"/projects/{project.id}/phase", fields)


def confirm(client, project, override=OVERRIDE, **data):
    fields = {
        "from_phase": project.phase,
        "to_phase": "private_beta",
        "reason": REASON,
        "next_assessment_due": DUE_PARTS,
        "override_reason": override,
    } | data
    return client.submit(
        f"/projects/{project.id}/phase/confirm",
        fields,
        token_from=f"/projects/{project.id}/phase",
    )


@pytest.fixture
def manager_and_project(database, signed_in_as):
    """Signed in as the delivery manager of a project in alpha."""
    me = signed_in_as()
    return me, make_project(database, phase="alpha", team=[(me, "delivery_manager")])


def test_a_project_without_red_points_moves_straight_on(client, database, manager_and_project):
    me, project = manager_and_project
    assessed(database, project, me, {1: "green", 2: "amber"})
    page = client.get(f"/projects/{project.id}/phase")
    check_page(page)
    body = page.get_data(as_text=True)
    assert 'type="radio" value="alpha"' not in body  # every phase but the current one
    for phase in ("discovery", "private_beta", "public_beta", "live", "retired"):
        assert f'type="radio" value="{phase}"' in body
    # The button says what it does (a review found "Continue").
    assert re.search(r"<button [^>]*>\s*Move the project\s*</button>", body)
    assert ">Continue<" not in body.replace(" ", "").replace("\n", "")

    response = page_one(client, project)
    assert response.status_code == 302
    assert response.headers["Location"] == f"/projects/{project.id}"
    database.refresh(project)
    assert project.phase == "private_beta"
    [move] = moves(database, project)
    assert (move.from_phase, move.to_phase, move.changed_by_id) == ("alpha", "private_beta", me.id)
    assert move.reason == REASON
    assert move.override_reason is None
    event = database.scalar(select(AuditEvent).where(AuditEvent.subject_type == "phase_change"))
    assert event.changes == {
        "phase": ["alpha", "private_beta"],
        "next_assessment_due": [None, DUE.isoformat()],
    }
    assert event.summary == "Moved the project from alpha (design) to private beta (delivery)"
    assert project.next_assessment_due == DUE
    shown = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "has moved to private beta (delivery)." in shown
    assert "govuk-warning-text" not in shown


def test_a_project_can_go_back_a_phase(client, database, manager_and_project):
    _, project = manager_and_project
    assert page_one(client, project, to_phase="discovery").status_code == 302
    database.refresh(project)
    assert project.phase == "discovery"


def test_going_back_a_phase_past_red_points_needs_no_confirmation(
    client, database, manager_and_project
):
    me, project = manager_and_project
    assessment = assessed(database, project, me, {3: "red"})
    add_action(database, project, assessment, 3)
    response = page_one(client, project, to_phase="discovery")
    assert response.status_code == 302
    assert "anyway" not in client.get(response.headers["Location"]).get_data(as_text=True)
    database.refresh(project)
    assert project.phase == "discovery"
    [move] = moves(database, project)
    assert (move.to_phase, move.override_reason) == ("discovery", None)


def test_a_move_back_sent_to_the_confirmation_moves_without_an_override(
    client, database, manager_and_project
):
    me, project = manager_and_project
    assessed(database, project, me, {3: "red"})
    assert confirm(client, project, to_phase="discovery", override="").status_code == 302
    [move] = moves(database, project)
    assert (move.to_phase, move.override_reason) == ("discovery", None)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"to_phase": ""}, "Select the phase the project is moving to"),
        ({"to_phase": "alpha"}, "Select the phase the project is moving to"),
        ({"to_phase": "gamma"}, "Select the phase the project is moving to"),
        ({"reason": "   "}, "Enter why the project is moving to this phase"),
        ({"reason": "x" * 1001}, "Reason must be 1,000 characters or fewer"),
    ],
)
def test_the_first_page_needs_a_phase_and_a_reason(
    client, database, manager_and_project, data, message
):
    _, project = manager_and_project
    response = page_one(client, project, **data)
    assert response.status_code == 200
    check_page(response)
    assert error_summary(response) == [message]
    assert moves(database, project) == []
    body = response.get_data(as_text=True)
    if data.get("reason", REASON).strip() and "reason" not in data:
        assert REASON in body


def test_red_points_need_a_confirmation_with_a_reason(client, database, manager_and_project):
    me, project = manager_and_project
    assessment = assessed(database, project, me, {1: "green", 3: "red", 7: "red"})
    add_action(
        database,
        project,
        assessment,
        3,
        due=TODAY - timedelta(days=2),
        description="Map the whole journey",
    )
    add_action(database, project, assessment, 7, status="done", description="Already done")

    response = page_one(client, project)
    assert response.status_code == 200
    check_page(response)
    body = response.get_data(as_text=True)
    assert "Check before moving on with red points" in body
    assert "2 points are rated red and 1 action from red points is still open" in body
    assert "3. Provide a joined up experience across all channels" in body
    assert "7. Use agile ways of working" in body
    assert "Map the whole journey" in body
    assert "Overdue" in body
    assert "Already done" not in body
    # The first page's answers ride along.
    assert 'name="to_phase" type="hidden" value="private_beta"' in body
    assert REASON in body
    assert moves(database, project) == []

    # Without a reason for moving on anyway, nothing moves.
    response = confirm(client, project, override="")
    assert response.status_code == 200
    check_page(response)
    assert error_summary(response) == [
        "Enter why the project should move on despite its red points"
    ]
    assert "<title>Error: Check before moving on" in response.get_data(as_text=True)
    assert 'name="to_phase" type="hidden" value="private_beta"' in response.get_data(as_text=True)
    assert moves(database, project) == []

    response = confirm(client, project, override="x" * 1001)
    assert error_summary(response) == ["Reason must be 1,000 characters or fewer"]

    response = confirm(client, project)
    assert response.status_code == 302
    database.refresh(project)
    assert project.phase == "private_beta"
    [move] = moves(database, project)
    assert move.reason == REASON
    assert move.override_reason == OVERRIDE
    assert move.changed_by_id == me.id
    event = database.scalar(select(AuditEvent).where(AuditEvent.subject_type == "phase_change"))
    assert "despite red points" in event.summary

    # The board sees it on the project page and in the history.
    page = client.get(f"/projects/{project.id}").get_data(as_text=True)
    assert "govuk-warning-text" in page
    assert OVERRIDE in page
    history = client.get(f"/projects/{project.id}/history").get_data(as_text=True)
    assert OVERRIDE in history
    assert "Moved on with red points" in history


def test_open_actions_from_an_earlier_red_point_need_a_confirmation_too(
    client, database, manager_and_project
):
    me, project = manager_and_project
    earlier = assessed(database, project, me, {2: "red"})
    earlier.status = "submitted"
    add_action(database, project, earlier, 2, status="in_progress", description="Still going")
    latest = assessed(database, project, me, dict.fromkeys(range(1, 15), "green"))
    latest.status = "submitted"  # the latest submitted one is all green
    database.commit()
    response = page_one(client, project)
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert "Still going" in body
    assert "1 action from red points is still open" in body
    assert "Points rated red" not in body


def submitted(database, project, person, ratings, status="submitted"):
    assessment = assessed(database, project, person, ratings)
    assessment.status = status
    database.commit()
    return assessment


def panel_rates(database, project, self_assessment, number, rating):
    """A panel built from ``self_assessment`` rates point ``number`` and publishes."""
    panel = make_panel_assessment(
        database,
        project,
        status="published",
        self_assessment=self_assessment,
        published_at=datetime(2026, 11, 28, tzinfo=UTC),
    )
    database.add(
        Judgement(
            assessment_id=panel.id,
            point_id=answer(database, self_assessment, number).point_id,
            rating=rating,
        )
    )
    database.commit()


def red_table(response) -> list[list[str]]:
    return table_rows(response, "red-points")


def test_a_fresh_draft_does_not_hide_the_red_points_of_the_submitted_assessment(
    client, database, manager_and_project
):
    me, project = manager_and_project
    submitted(database, project, me, {1: "green", 3: "red"})
    start_assessment(database, project, me)  # a new, empty self-assessment
    response = page_one(client, project)
    assert response.status_code == 200
    check_page(response)
    assert "1 point is rated red" in response.get_data(as_text=True)
    assert red_table(response) == [
        [
            "3. Provide a joined up experience across all channels",
            "Red",
            "Self-assessment for alpha, submitted for peer review",
        ]
    ]
    assert moves(database, project) == []


def test_red_points_in_the_teams_draft_count_with_those_submitted(
    client, database, manager_and_project
):
    me, project = manager_and_project
    submitted(database, project, me, {3: "red", 5: "red"}, status="published")
    assessed(database, project, me, {3: "green", 5: "red", 7: "red"})  # the team's draft
    response = page_one(client, project)
    assert response.status_code == 200
    check_page(response)
    assert "3 points are rated red" in response.get_data(as_text=True)
    published = "Self-assessment for alpha, published"
    draft = "Your team\u2019s self-assessment for alpha, in progress"
    assert [(row[0][:2], row[2]) for row in red_table(response)] == [
        ("3.", published),
        ("5.", f"{published}; and {draft}"),
        ("7.", draft),
    ]


def test_withdrawn_assessments_and_drafts_of_other_phases_do_not_count(
    client, database, manager_and_project
):
    me, project = manager_and_project
    submitted(database, project, me, {3: "red"}, status="withdrawn")
    old_draft = assessed(database, project, me, {4: "red"})
    old_draft.phase = "discovery"
    database.commit()
    assert page_one(client, project).status_code == 302


def test_a_panels_red_counts_over_the_teams_green(client, database, manager_and_project):
    me, project = manager_and_project
    assessment = submitted(database, project, me, {3: "green"}, status="report_drafted")
    panel_rates(database, project, assessment, 3, "red")
    response = page_one(client, project)
    assert [row[:2] for row in red_table(response)] == [
        ["3. Provide a joined up experience across all channels", "Red"]
    ]


def test_amber_points_and_closed_red_actions_do_not_stand_in_the_way(
    client, database, manager_and_project
):
    me, project = manager_and_project
    earlier = assessed(database, project, me, {2: "red"})
    earlier.status = "submitted"
    database.commit()
    add_action(database, project, earlier, 2, status="done")
    add_action(database, project, earlier, 2, status="not_doing")
    latest = assessed(database, project, me, {1: "amber"})
    latest.status = "submitted"
    database.commit()
    add_action(database, project, latest, 1)
    assert page_one(client, project).status_code == 302


def test_the_panels_rating_counts_over_the_teams(client, database, manager_and_project):
    me, project = manager_and_project
    assessment = assessed(database, project, me, {3: "red"})
    assessment.status = "in_review"
    panel_rates(database, project, assessment, 3, "amber")
    assert page_one(client, project).status_code == 302


def test_changing_the_answers_goes_back_to_the_first_page_with_them(
    client, database, manager_and_project
):
    me, project = manager_and_project
    assessed(database, project, me, {3: "red"})
    response = client.submit(
        f"/projects/{project.id}/phase",
        {"from_phase": "alpha", "to_phase": "live", "reason": REASON, "change": "answers"},
    )
    assert response.status_code == 200
    check_page(response)
    body = response.get_data(as_text=True)
    assert error_summary(response) == []
    assert 'value="live" checked' in body
    assert REASON in body
    assert moves(database, project) == []


def test_answers_that_no_longer_fit_go_back_to_the_first_page(
    client, database, manager_and_project
):
    me, project = manager_and_project
    assessed(database, project, me, {3: "red"})
    response = confirm(client, project, to_phase="gamma")
    assert response.status_code == 200
    assert error_summary(response) == ["Select the phase the project is moving to"]
    response = confirm(client, project, reason="")
    assert error_summary(response) == ["Enter why the project is moving to this phase"]
    assert moves(database, project) == []


def test_a_move_made_by_someone_else_meanwhile_is_not_undone(client, database, manager_and_project):
    _, project = manager_and_project
    response = page_one(client, project, from_phase="discovery", to_phase="alpha")
    assert response.status_code == 409
    assert error_summary(response) == [
        "Someone else has moved this project to alpha (design) since you started. "
        "Check the phase you want and continue again"
    ]
    response = confirm(client, project, from_phase="discovery")
    assert "Someone else has moved this project" in error_summary(response)[0]
    assert moves(database, project) == []


def test_red_points_dealt_with_between_the_pages_leave_nothing_to_override(
    client, database, manager_and_project
):
    me, project = manager_and_project
    assessment = assessed(database, project, me, {3: "red"})
    assert page_one(client, project).status_code == 200
    answer(database, assessment, 3).self_rating = "green"
    database.commit()
    assert confirm(client, project).status_code == 302
    [move] = moves(database, project)
    assert move.override_reason is None


@pytest.mark.parametrize(
    ("team_role", "roles", "allowed"),
    [
        ("service_owner", [], True),
        ("delivery_manager", [], True),
        ("member", [], False),
        (None, [Role.ADMINISTRATOR], True),
        (None, [Role.BOARD_MEMBER], False),
        (None, [Role.ASSESSOR], False),
    ],
)
def test_who_may_move_a_project(client, database, make_person, team_role, roles, allowed):
    me = make_person(roles)
    client.sign_in(me.email)
    project = make_project(database, team=[(me, team_role)] if team_role else [])
    assert client.get(f"/projects/{project.id}/phase").status_code == (200 if allowed else 403)


# --- A draft of the phase the project leaves is withdrawn ------------------------------------

WITHDRAW_WARNING = (
    "Your team\u2019s self-assessment for alpha is still in progress. Moving to {} withdraws it: "
    "it can still be read, but not changed or submitted."
)


def warning_text(response) -> str | None:
    document, _ = parse(response)
    warning = document.find(".//*[@id='withdraw-warning']")
    return None if warning is None else text_of(warning).removeprefix("! Warning ")


def test_moving_on_withdraws_the_draft_of_the_phase_left_behind(
    client, database, manager_and_project
):
    me, project = manager_and_project
    draft = assessed(database, project, me, {1: "green", 2: "amber"})
    answer(database, draft, 4).owner_id = me.id
    database.commit()
    assert "4. Make the service simple to use" in text_of(parse(client.get("/home"))[0])

    page = client.get(f"/projects/{project.id}/phase")
    assert warning_text(page) == WITHDRAW_WARNING.format("another phase")
    assert page_one(client, project).status_code == 302

    database.refresh(draft)
    assert draft.status == "withdrawn"
    assert answer(database, draft, 2).self_rating == "amber"  # the answers stay
    event = database.scalar(select(AuditEvent).where(AuditEvent.verb == "withdrawn"))
    assert (event.subject_type, event.subject_id) == ("assessment", draft.id)
    assert (event.project_id, event.actor_id) == (project.id, me.id)
    assert event.changes == {"status": ["draft", "withdrawn"]}
    assert event.summary == (
        "Withdrew the self-assessment for alpha, which was in progress, "
        "because the project moved to private beta (delivery)"
    )
    history = client.get(f"/projects/{project.id}/history").get_data(as_text=True)
    assert event.summary in history

    # It can be read, but not changed or submitted; it is no longer work to do.
    task_list = client.get(f"/projects/{project.id}/assessments/{draft.id}")
    assert task_list.status_code == 200
    assert "This self-assessment was withdrawn" in task_list.get_data(as_text=True)
    submit = client.submit(
        f"/projects/{project.id}/assessments/{draft.id}/submit",
        {},
        token_from=f"/projects/{project.id}/assessments/{draft.id}",
    )
    assert submit.status_code == 302
    database.refresh(draft)
    assert draft.status == "withdrawn"
    home = client.get("/home")
    assert table_rows(home, "points-you-own") == []
    [row] = table_rows(home, "projects")
    assert "alpha, withdrawn" in row[3]
    assert row[4] == "Not assessed"


def test_the_confirmation_says_the_draft_will_be_withdrawn(client, database, manager_and_project):
    me, project = manager_and_project
    draft = assessed(database, project, me, {3: "red"})
    response = page_one(client, project)
    assert response.status_code == 200
    check_page(response)
    assert warning_text(response) == WITHDRAW_WARNING.format("private beta")
    assert confirm(client, project).status_code == 302
    database.refresh(draft)
    assert draft.status == "withdrawn"


def test_only_drafts_of_the_phase_left_behind_are_withdrawn(client, database, manager_and_project):
    me, project = manager_and_project
    sent = submitted(database, project, me, {1: "green"})
    older = assessed(database, project, me, {1: "green"})
    older.phase = "discovery"
    database.commit()
    page = client.get(f"/projects/{project.id}/phase")
    assert warning_text(page) is None
    assert page_one(client, project).status_code == 302
    database.refresh(sent)
    database.refresh(older)
    assert (sent.status, older.status) == ("submitted", "draft")
    assert database.scalar(select(AuditEvent).where(AuditEvent.verb == "withdrawn")) is None


# --- Moves past red points stay before the board until an assessment is submitted -----------

NOW = datetime.now(UTC)


def moved(database, project, person, from_phase, to_phase, days_ago, override=None):
    database.add(
        PhaseChange(
            project_id=project.id,
            from_phase=from_phase,
            to_phase=to_phase,
            changed_by_id=person.id,
            reason=REASON,
            override_reason=override,
            created_at=NOW - timedelta(days=days_ago),
        )
    )
    project.phase = to_phase
    database.commit()


def sent_in(database, project, person, days_ago, status="submitted"):
    assessment = assessed(database, project, person, {1: "green"})
    assessment.status = status
    assessment.submitted_at = NOW - timedelta(days=days_ago)
    database.commit()
    return assessment


def overrides_shown(client, project) -> list[list[str]]:
    """Each standing override on the project page: its card's title and rows."""
    document, _ = parse(client.get(f"/projects/{project.id}"))
    section = document.find(".//*[@id='moved-on-with-red-points']")
    if section is None:
        return []
    return [
        [text_of(card.find(".//h3"))]
        + [text_of(row) for row in card.findall(".//*[@class='govuk-summary-list__row']")]
        for card in section.findall(".//*[@class='govuk-summary-card']")
    ]


def home_flag(client) -> list[str]:
    return [row[2] for row in table_rows(client.get("/home"), "projects")]


def test_every_move_past_red_points_stays_until_an_assessment_is_submitted_after_it(
    client, database, manager_and_project
):
    me, project = manager_and_project
    sent_in(database, project, me, days_ago=60)  # before the moves: clears nothing
    moved(database, project, me, "alpha", "private_beta", 40, override="Point 3 fixed in sprint 1")
    moved(database, project, me, "private_beta", "public_beta", 20, override="Point 5 is in hand")
    moved(database, project, me, "public_beta", "live", 10)  # a later move clears nothing
    sent_in(database, project, me, days_ago=5, status="withdrawn")  # nor does a withdrawn one

    shown = overrides_shown(client, project)
    assert [card[0] for card in shown] == [
        f"Moved to public beta (delivery) on {format_date(NOW - timedelta(days=20))}",
        f"Moved to private beta (delivery) on {format_date(NOW - timedelta(days=40))}",
    ]
    newest = shown[0]
    assert newest[1] == "From Private beta (delivery)"
    assert newest[2] == "To Public beta (delivery)"
    assert newest[3].startswith(f"When {format_date(NOW - timedelta(days=20))} at ")
    assert newest[4] == f"Who {me.name}"
    assert newest[5] == "Reason for moving on anyway Point 5 is in hand"
    assert shown[1][5] == "Reason for moving on anyway Point 3 fixed in sprint 1"
    assert home_flag(client) == ["Live (delivery) Moved on with red points"]

    # A self-assessment submitted between the two moves clears the earlier one only.
    sent_in(database, project, me, days_ago=30)
    assert [card[2] for card in overrides_shown(client, project)] == ["To Public beta (delivery)"]
    assert home_flag(client) == ["Live (delivery) Moved on with red points"]

    # One submitted after the last of them clears them all.
    sent_in(database, project, me, days_ago=1, status="in_review")
    assert overrides_shown(client, project) == []
    page = client.get(f"/projects/{project.id}")
    check_page(page)
    assert "govuk-warning-text" not in page.get_data(as_text=True)
    assert home_flag(client) == ["Live (delivery)"]


def test_a_self_assessment_returned_to_the_team_does_not_clear_a_move_past_red_points(
    client, database, manager_and_project
):
    me, project = manager_and_project
    moved(database, project, me, "alpha", "private_beta", 10, override="Point 3 fixed soon")
    sent_in(database, project, me, days_ago=2, status="draft")  # submitted, then returned
    assert len(overrides_shown(client, project)) == 1
    assert home_flag(client) == ["Private beta (delivery) Moved on with red points"]
