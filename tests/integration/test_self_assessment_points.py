"""A point of the self-assessment: the team's account and rating on the point page, and the
short pages that add, change and remove its artefacts and actions."""

from __future__ import annotations

import re
from datetime import timedelta

import html5lib
import pytest
from markupsafe import escape
from sqlalchemy import func, select

from app.commands import Conflict, Invalid
from app.commands import points as commands
from app.data.frameworks import sync_framework
from app.framework_files import read_framework_file
from app.models import (
    Action,
    Answer,
    Artefact,
    ArtefactLink,
    Assessment,
    AuditEvent,
    TeamMembership,
)
from app.rules.permissions import TeamRole
from app.rules.self_assessment import add_months
from tests.conftest import TODAY
from tests.integration.conftest import FormClient
from tests.integration.factories import (
    answer,
    earlier_self_assessment,
    make_project,
    start_assessment,
)
from tests.integration.query_count import counting_queries
from tests.integration.test_frameworks import GOVUK_FILE as FRAMEWORK_FILE
from tests.integration.test_frameworks import with_changed_prompt
from tests.integration.test_pages import check_page
from tests.integration.test_projects import error_summary

NEXT_YEAR = str(TODAY.year + 1)
FRAMEWORK = read_framework_file(FRAMEWORK_FILE)


@pytest.fixture
def member(make_person):
    return make_person(name="Priya Shah")


@pytest.fixture
def former(make_person):
    """A member of the team whose account has been deactivated."""
    return make_person(name="Dev Former", active=False)


@pytest.fixture
def project(database, member, former, make_person):
    owner = make_person(name="Owen Grant")
    return make_project(
        database,
        team=[
            (owner, TeamRole.SERVICE_OWNER.value),
            (member, TeamRole.MEMBER.value),
            (former, TeamRole.MEMBER.value),
        ],
    )


@pytest.fixture
def assessment(database, project, member):
    return start_assessment(database, project, member)


@pytest.fixture
def team_client(client, member):
    client.sign_in(member.email)
    return client


def point_url(project, assessment, number=1, rest=""):
    return f"/projects/{project.id}/assessments/{assessment.id}/points/{number}{rest}"


def text(response) -> str:
    return response.get_data(as_text=True)


def version_on(page: str) -> str:
    return re.search(r'name="version" type="hidden" value="(\d+)"', page).group(1)


def save(client, project, assessment, number=1, **fields):
    """Post the point form as a browser does, with the version the page showed."""
    url = point_url(project, assessment, number)
    data = {"evidence_account": "", "version": version_on(text(client.get(url)))}
    data.update({key: value for key, value in fields.items() if value is not None})
    return client.submit(url, data)


def parts(day) -> list[str]:
    return [str(day.day), str(day.month), str(day.year)]


def add_artefact(client, project, assessment, number=1, **fields):
    data = {
        "title": "Discovery research report",
        "url": "https://sharepoint.example.gov.uk/research/report",
        "kind": "research",
    }
    data.update(fields)
    return client.submit(point_url(project, assessment, number, "/artefacts/add"), data)


def change_artefact(client, page_url, **fields):
    """Post the change-artefact form as a browser does, with the version its page showed."""
    version = re.search(
        r'name="version" type="hidden" value="([\d.]+)"', text(client.get(page_url))
    ).group(1)
    return client.submit(page_url, {"version": version, **fields})


def add_action(client, project, assessment, number=1, **fields):
    data = {"description": "Test with screen reader users", "owner": "other", "owner_name": "Al"}
    data.update(fields)
    return client.submit(point_url(project, assessment, number, "/actions/add"), data)


def rate(database, assessment, rating, number=1):
    saved = answer(database, assessment, number)
    saved.self_rating = rating
    database.commit()


# --- The point page ----------------------------------------------------------------------------


def test_the_point_page_has_one_form_whose_first_button_is_save(team_client, project, assessment):
    response = team_client.get(point_url(project, assessment))
    check_page(response)
    page = text(response)
    assert "1. Understand users and their needs" in page
    assert "What good evidence looks like at alpha" in page
    main = page[page.index("<main") : page.index("</main>")]
    assert main.count("<form") == 1  # the header's Sign out and the timeout dialog aside
    # One main button, Save; the others save what was typed and go to their own page. The
    # first, hidden, is Save too: pressing Enter in the form never means Add or Remove.
    buttons = re.findall(r"<button [^>]*>", main)
    assert 'type="submit" hidden' in buttons[0]
    assert [b for b in buttons if "then" not in b and "hidden" not in b] == [
        next(b for b in buttons if 'id="save"' in b)
    ]
    assert 'value="add-artefact"' in main and 'value="add-action"' in main
    assert "Save and continue" in page
    for words in ("Add an artefact", "Add an action", "Evidence artefacts", "Action plan"):
        assert words in page
    # Leaving with unsaved changes warns first (with JavaScript), loaded with the nonce.
    nonce = re.search(r'<script type="module" nonce="([^"]+)"', page).group(1)
    assert f'nonce="{nonce}" src="/assets/unsaved-changes.js"' in page
    assert "data-app-unsaved-warning" in page


def test_links_that_would_lose_typed_text_open_in_a_new_tab_and_say_so(
    team_client, project, assessment
):
    page = text(team_client.get(point_url(project, assessment)))
    link = re.search(r"<a [^>]*>Read point 1 in full[^<]*</a>", page).group(0)
    assert 'target="_blank"' in link
    assert 'rel="noreferrer noopener"' in link
    assert "(opens in new tab)" in link


def test_saving_evidence_and_a_green_rating_completes_the_point(
    team_client, project, assessment, database
):
    response = save(
        team_client,
        project,
        assessment,
        evidence_account="We spoke to 20 residents.\nWe mapped their journeys.",
        rating="green",
        completed="yes",
    )
    assert response.status_code == 302
    assert response.headers["Location"] == f"/projects/{project.id}/assessments/{assessment.id}"
    saved = answer(database, assessment, 1)
    assert (saved.status, saved.self_rating) == ("completed", "green")
    assert saved.evidence_account == "We spoke to 20 residents.\nWe mapped their journeys."
    event = database.scalar(select(AuditEvent).where(AuditEvent.subject_type == "answer"))
    assert event.summary == "Point 1: evidence changed, rating green, completed"
    page = text(team_client.get(response.headers["Location"]))
    assert "govuk-notification-banner--success" in page
    assert "Point 1 saved." in page


def test_saving_for_later_keeps_the_point_in_progress(team_client, project, assessment, database):
    save(team_client, project, assessment, evidence_account="A start", completed="no")
    assert answer(database, assessment, 1).status == "in_progress"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({}, "Select yes if you have completed this point"),
        ({"completed": "maybe"}, "Select yes if you have completed this point"),
        ({"completed": "no", "rating": "purple"}, "Select green, amber or red"),
        (
            {"completed": "no", "evidence_account": "x" * 5001},
            "Evidence must be 5,000 characters or fewer",
        ),
    ],
)
def test_point_errors_save_nothing_and_keep_what_was_typed(
    team_client, project, assessment, database, fields, message
):
    fields = {"evidence_account": "Typed and kept", **fields}
    response = save(team_client, project, assessment, **fields)
    assert response.status_code == 200
    page = text(response)
    assert "There is a problem" in page
    assert message in page
    assert "<title>Error: " in page
    assert fields["evidence_account"][:100] in page
    saved = answer(database, assessment, 1)
    assert (saved.status, saved.evidence_account) == ("not_started", "")


def test_a_point_cannot_be_completed_without_a_rating_but_what_was_typed_is_saved(
    team_client, project, assessment, database
):
    response = save(team_client, project, assessment, evidence_account="Kept", completed="yes")
    assert response.status_code == 200
    page = text(response)
    assert error_summary(response) == ["Select a rating before you mark this point as completed"]
    assert "Your evidence and rating have been saved" in page
    saved = answer(database, assessment, 1)
    assert (saved.evidence_account, saved.status) == ("Kept", "in_progress")
    # The page carries the new version, so saving again from it is not a conflict.
    assert version_on(page) == str(saved.version)


def test_an_amber_point_needs_an_action_before_it_is_completed(
    team_client, project, assessment, database
):
    response = save(
        team_client, project, assessment, evidence_account="E", rating="amber", completed="yes"
    )
    assert "Add at least one action for an amber or red point" in text(response)
    saved = answer(database, assessment, 1)
    assert (saved.self_rating, saved.status) == ("amber", "in_progress")


def test_the_second_of_two_people_saving_a_point_sees_both_texts(
    app, team_client, project, assessment, make_person, database
):
    colleague = make_person(name="Colleague")
    database.add(TeamMembership(project_id=project.id, person_id=colleague.id, team_role="member"))
    database.commit()
    other = FormClient(app.test_client())
    other.sign_in(colleague.email)
    url = point_url(project, assessment)
    version = version_on(text(team_client.get(url)))
    mine = {
        "csrf_token": team_client.csrf_token(url),
        "version": version,
        "evidence_account": "My account of the research",
        "rating": "amber",
        "completed": "no",
    }
    theirs = dict(mine, evidence_account="Their account", rating="green")
    theirs["csrf_token"] = other.csrf_token(url)
    assert other.post(url, data=theirs).status_code == 302

    response = team_client.post(url, data=mine)
    assert response.status_code == 409
    page = text(response)
    assert "Someone else saved this point while you were editing it" in page
    assert "Their account" in page
    assert "My account of the research" in page
    assert answer(database, assessment, 1).evidence_account == "Their account"
    merged = dict(mine, evidence_account="Both, merged", version=version_on(page))
    assert team_client.post(url, data=merged).status_code == 302
    assert answer(database, assessment, 1).evidence_account == "Both, merged"


def test_adding_an_artefact_does_not_make_the_point_page_conflict_with_itself(
    team_client, project, assessment, database
):
    add_artefact(team_client, project, assessment)
    response = save(team_client, project, assessment, evidence_account="After", completed="no")
    assert response.status_code == 302


# --- Going to an artefact or action page keeps what was typed ---------------------------------


def _going(client, project, assessment, then, number=1, **fields):
    """Press one of the point form's Add, Change or Remove buttons, as a browser without
    JavaScript does: the whole form goes, with what was typed in it."""
    url = point_url(project, assessment, number)
    data = {"evidence_account": "", "version": version_on(text(client.get(url))), "then": then}
    data.update(fields)
    return client.submit(url, data)


@pytest.mark.parametrize(
    ("then", "goes_to"),
    [
        ("add-artefact", "/artefacts/add"),
        ("attach-artefact", "/artefacts/attach"),
        ("add-action", "/actions/add"),
        ("change-artefact-{link}", "/artefacts/{link}/change"),
        ("remove-artefact-{link}", "/artefacts/{link}/remove"),
        ("change-action-{action}", "/actions/{action}/change"),
        ("remove-action-{action}", "/actions/{action}/remove"),
    ],
)
def test_every_add_change_and_remove_button_saves_what_was_typed_first(
    team_client, project, assessment, database, then, goes_to
):
    # A review found that following Add, Change or Remove without JavaScript (where nothing
    # warns) lost the evidence typed on the point page.
    add_artefact(team_client, project, assessment)
    add_action(team_client, project, assessment, due_date=parts(TODAY + timedelta(days=30)))
    ids = {
        "link": answer(database, assessment, 1).artefact_links[0].id,
        "action": database.scalar(select(Action.id)),
    }
    response = _going(
        team_client,
        project,
        assessment,
        then.format(**ids),
        evidence_account="Typed, then off to another page",
        rating="amber",
    )
    assert response.status_code == 302
    assert response.headers["Location"] == point_url(project, assessment, 1, goes_to.format(**ids))
    database.expire_all()
    saved = answer(database, assessment, 1)
    # Kept as a draft: saved, but not marked completed.
    assert (saved.evidence_account, saved.self_rating) == (
        "Typed, then off to another page",
        "amber",
    )
    assert saved.status == "in_progress"
    # (Attaching, with no other artefact to attach, goes on to adding one.)
    page = team_client.get(response.headers["Location"], follow_redirects=True)
    assert page.status_code == 200
    assert "Your evidence and rating for point 1 have been saved." in text(page)
    # And back on the point, it is there.
    assert "Typed, then off to another page" in text(
        team_client.get(point_url(project, assessment))
    )


def test_going_to_add_an_artefact_does_not_ask_whether_the_point_is_completed(
    team_client, project, assessment, database
):
    # Not started, nothing chosen for "completed?": the draft is saved all the same.
    response = _going(
        team_client, project, assessment, "add-artefact", evidence_account="A first draft"
    )
    assert response.status_code == 302
    saved = answer(database, assessment, 1)
    assert (saved.evidence_account, saved.status) == ("A first draft", "in_progress")


def test_going_on_never_marks_a_point_completed_but_keeps_one_that_was(
    team_client, project, assessment, database
):
    _going(
        team_client,
        project,
        assessment,
        "add-action",
        evidence_account="Done?",
        rating="green",
        completed="yes",
    )
    assert answer(database, assessment, 1).status == "in_progress"
    save(team_client, project, assessment, evidence_account="Done", rating="green", completed="yes")
    assert answer(database, assessment, 1).status == "completed"
    _going(
        team_client,
        project,
        assessment,
        "add-artefact",
        evidence_account="Done, and more",
        rating="green",
        completed="yes",
    )
    database.expire_all()
    saved = answer(database, assessment, 1)
    assert (saved.evidence_account, saved.status) == ("Done, and more", "completed")


def test_going_on_with_nothing_changed_saves_nothing(team_client, project, assessment, database):
    save(team_client, project, assessment, evidence_account="As saved", completed="no")
    version = answer(database, assessment, 1).version
    events = database.scalar(select(func.count(AuditEvent.id)))
    response = _going(team_client, project, assessment, "add-artefact", evidence_account="As saved")
    assert response.status_code == 302
    database.expire_all()
    assert answer(database, assessment, 1).version == version
    assert database.scalar(select(func.count(AuditEvent.id))) == events
    assert "have been saved" not in text(team_client.get(response.headers["Location"]))


def test_going_on_with_too_much_evidence_stays_on_the_point_and_keeps_it(
    team_client, project, assessment, database
):
    too_long = "x" * 5001
    response = _going(team_client, project, assessment, "add-action", evidence_account=too_long)
    assert response.status_code == 200
    assert error_summary(response) == ["Evidence must be 5,000 characters or fewer"]
    assert too_long in text(response)
    assert answer(database, assessment, 1).evidence_account == ""


def test_going_on_after_someone_else_saved_the_point_shows_both(
    app, team_client, project, assessment, make_person, database
):
    url = point_url(project, assessment)
    version = version_on(text(team_client.get(url)))
    save(team_client, project, assessment, evidence_account="Saved by me first", completed="no")
    response = team_client.submit(
        url,
        {
            "version": version,
            "evidence_account": "Typed on an old page",
            "then": "add-artefact",
        },
    )
    assert response.status_code == 409
    page = text(response)
    assert "Someone else saved this point while you were editing it" in page
    assert "Typed on an old page" in page
    assert answer(database, assessment, 1).evidence_account == "Saved by me first"


@pytest.mark.parametrize(
    "then", ["", "elsewhere", "change-artefact-", "remove-action-99999999999", "change-artefact-x"]
)
def test_a_then_no_button_sends_is_an_ordinary_save(team_client, project, assessment, then):
    response = _going(
        team_client, project, assessment, then, evidence_account="Kept", completed="no"
    )
    assert response.status_code == 302
    assert response.headers["Location"] == f"/projects/{project.id}/assessments/{assessment.id}"


def test_a_change_button_for_something_gone_goes_back_to_the_point(
    team_client, project, assessment, database
):
    response = _going(
        team_client, project, assessment, "change-action-12345", evidence_account="Kept"
    )
    assert response.status_code == 302
    following = team_client.get(response.headers["Location"])
    assert following.status_code == 302
    assert following.headers["Location"] == point_url(project, assessment)
    assert answer(database, assessment, 1).evidence_account == "Kept"


# --- Artefacts ---------------------------------------------------------------------------------


def test_adding_an_artefact_on_its_own_page(team_client, project, assessment, database):
    page = team_client.get(point_url(project, assessment, 1, "/artefacts/add"))
    check_page(page)
    assert "Add an artefact" in text(page)
    response = add_artefact(team_client, project, assessment, dated=["3", "March", NEXT_YEAR])
    assert response.status_code == 302
    assert response.headers["Location"] == point_url(project, assessment)
    [link] = answer(database, assessment, 1).artefact_links
    assert link.artefact.title == "Discovery research report"
    assert link.artefact.dated.year == int(NEXT_YEAR)
    page = text(team_client.get(point_url(project, assessment)))
    assert "Artefact “Discovery research report” added to point 1." in page
    assert 'role="alert"' in page  # the success banner, which moves focus to itself
    assert "Add another artefact" in page
    assert f'name="then" value="change-artefact-{link.id}"' in page
    assert f'name="then" value="remove-artefact-{link.id}"' in page


@pytest.mark.parametrize(
    ("fields", "messages"),
    [
        (
            {"title": "", "url": "", "kind": ""},
            [
                "Enter a title for the artefact",
                "Enter a link to the artefact",
                "Select the type of artefact",
            ],
        ),
        ({"url": "javascript:alert(1)"}, ["Enter a link that starts with https:// or http://"]),
        ({"kind": "magic"}, ["Select the type of artefact"]),
        ({"dated": ["31", "2", NEXT_YEAR]}, ["Date must be a real date"]),
        ({"dated": ["3"]}, ["Date must include a month and year"]),
        ({"title": "T" * 201}, ["Title must be 200 characters or fewer"]),
        ({"url": "https://x.example/" + "a" * 2000}, ["Link must be 2,000 characters or fewer"]),
    ],
)
def test_artefact_errors_keep_what_was_typed(
    team_client, project, assessment, database, fields, messages
):
    response = add_artefact(team_client, project, assessment, **fields)
    assert response.status_code == 200
    check_page(response)
    assert error_summary(response) == messages
    page = text(response)
    typed = {"title": "Discovery research report", **fields}["title"]
    assert f'value="{typed}"' in page
    assert database.scalar(select(func.count(Artefact.id))) == 0


def test_one_artefact_can_support_several_points(team_client, project, assessment, database):
    add_artefact(team_client, project, assessment, title="Accessibility audit")
    artefact = database.scalar(select(Artefact))
    page = text(team_client.get(point_url(project, assessment, 5)))
    assert "Choose an artefact the project already has" in page
    # Point 1 links to the project's only artefact: there is none to attach.
    page = text(team_client.get(point_url(project, assessment, 1)))
    assert "Choose an artefact the project already has" not in page
    url = point_url(project, assessment, 5, "/artefacts/attach")
    check_page(team_client.get(url))
    response = team_client.submit(url, {"artefact": str(artefact.id)})
    assert response.status_code == 302
    assert [link.artefact_id for link in answer(database, assessment, 5).artefact_links] == [
        artefact.id
    ]
    assert database.scalar(select(func.count(Artefact.id))) == 1
    page = text(team_client.get(point_url(project, assessment, 5)))
    assert "Choose an artefact the project already has" not in page
    # Changing it says which other points it supports.
    link = answer(database, assessment, 5).artefact_links[0]
    page = text(team_client.get(point_url(project, assessment, 5, f"/artefacts/{link.id}/change")))
    assert "This artefact also supports point 1." in page


def test_attaching_needs_one_of_the_projects_artefacts(team_client, project, assessment, database):
    add_artefact(team_client, project, assessment)
    other = make_project(database, name="Another project")
    foreign = Artefact(project_id=other.id, title="Secret", url="https://x.example", kind="other")
    database.add(foreign)
    database.commit()
    url = point_url(project, assessment, 2, "/artefacts/attach")
    for value in ("", str(foreign.id), "abc"):
        response = team_client.submit(url, {"artefact": value})
        assert response.status_code == 200
        assert error_summary(response) == ["Select an artefact to attach"]
    assert answer(database, assessment, 2).artefact_links == []
    # And the command refuses it however it is asked.
    with pytest.raises(Invalid):
        commands.attach_artefact(commands.PointRef(project.id, assessment.id, 2), 1, foreign.id)


def test_the_attach_page_shows_dates_as_every_page_does(team_client, project, assessment):
    # A review found 12/07/2026 here and 12 July 2026 everywhere else.
    add_artefact(team_client, project, assessment, dated=["12", "7", NEXT_YEAR])
    page = text(team_client.get(point_url(project, assessment, 2, "/artefacts/attach")))
    assert f"Discovery research report (12 July {NEXT_YEAR})" in page
    assert f"12/07/{NEXT_YEAR}" not in page


def test_changing_an_artefact(team_client, project, assessment, database):
    add_artefact(team_client, project, assessment)
    link = database.scalar(select(ArtefactLink))
    url = point_url(project, assessment, 1, f"/artefacts/{link.id}/change")
    page = team_client.get(url)
    check_page(page)
    assert 'value="Discovery research report"' in text(page)
    response = change_artefact(
        team_client,
        url,
        title="Research report, second round",
        url="https://x.example/r2",
        kind="research",
    )
    assert response.status_code == 302
    database.expire_all()
    assert database.get(Artefact, link.artefact_id).title == "Research report, second round"
    assert "Artefact “Research report, second round” changed." in text(
        team_client.get(point_url(project, assessment))
    )
    response = change_artefact(team_client, url, title="", url="https://x.example", kind="code")
    assert error_summary(response) == ["Enter a title for the artefact"]


def test_removing_an_artefact_asks_first(team_client, project, assessment, database):
    add_artefact(team_client, project, assessment, title="Prototype")
    link = database.scalar(select(ArtefactLink))
    url = point_url(project, assessment, 1, f"/artefacts/{link.id}/remove")
    page = team_client.get(url)
    check_page(page)
    assert "Are you sure you want to remove “Prototype” from point 1?" in text(page)

    response = team_client.submit(url, {})
    assert error_summary(response) == [
        "Select yes if you want to remove “Prototype” from this point"
    ]
    response = team_client.submit(url, {"confirm": "no"})
    assert response.headers["Location"] == point_url(project, assessment)
    assert len(answer(database, assessment, 1).artefact_links) == 1

    response = team_client.submit(url, {"confirm": "yes"})
    assert response.headers["Location"] == point_url(project, assessment)
    database.expire_all()
    assert answer(database, assessment, 1).artefact_links == []
    # The artefact stays with the project, to be attached elsewhere.
    assert database.scalar(select(func.count(Artefact.id))) == 1
    assert "Artefact “Prototype” removed from point 1." in text(
        team_client.get(point_url(project, assessment))
    )
    # Removing it again finds nothing to remove.
    response = team_client.get(url)
    assert response.headers["Location"] == point_url(project, assessment)


# --- The action plan ---------------------------------------------------------------------------


def test_adding_an_action_on_its_own_page(team_client, project, assessment, member, database):
    page = team_client.get(point_url(project, assessment, 1, "/actions/add"))
    check_page(page)
    due = TODAY + timedelta(days=60)
    response = add_action(
        team_client,
        project,
        assessment,
        description="Test the prototype with screen reader users",
        owner=str(member.id),
        owner_name="",
        due_date=parts(due),
    )
    assert response.status_code == 302
    assert response.headers["Location"] == point_url(project, assessment)
    action = database.scalar(select(Action))
    assert (action.owner_id, action.due_date, action.point_number) == (member.id, due, 1)
    assert (action.source, action.status) == ("self_assessment", "open")
    page = text(team_client.get(point_url(project, assessment)))
    assert "Action added to point 1, due" in page
    assert "Add another action" in page
    assert f'name="then" value="change-action-{action.id}"' in page
    assert f'name="then" value="remove-action-{action.id}"' in page


def test_an_amber_action_without_a_date_is_due_in_three_months(
    team_client, project, assessment, database
):
    rate(database, assessment, "amber")
    due = add_months(TODAY, 3)
    page = text(team_client.get(point_url(project, assessment, 1, "/actions/add")))
    assert (
        "This point is rated amber: if you leave the date blank, the action will be due in 3 "
        f"months, on {due.day} {due:%B %Y}." in page
    )
    assert add_action(team_client, project, assessment).status_code == 302
    assert database.scalar(select(Action.due_date)) == due


@pytest.mark.parametrize("rating", ["red", "green", None])
def test_any_other_action_needs_a_date(team_client, project, assessment, database, rating):
    rate(database, assessment, rating)
    page = text(team_client.get(point_url(project, assessment, 1, "/actions/add")))
    if rating == "red":
        assert "This point is rated red, so its actions need a due date." in page
    else:
        assert "Only an action for a point saved as amber can be left without one" in page
    response = add_action(team_client, project, assessment, description="Typed, and kept")
    assert error_summary(response) == ["Enter the date the action is due"]
    assert "Typed, and kept" in text(response)
    assert database.scalar(select(func.count(Action.id))) == 0


@pytest.mark.parametrize(
    ("fields", "messages"),
    [
        (
            {"description": "", "owner": "", "owner_name": "", "due_date": ["", "", ""]},
            [
                "Enter what needs to be done",
                "Select who owns the action",
                "Enter the date the action is due",
            ],
        ),
        ({"owner_name": ""}, ["Enter the name of the person who owns the action"]),
        ({"owner": "99999"}, ["Select who owns the action"]),
        ({"due_date": ["1", "13", NEXT_YEAR]}, ["Due date must be a real date"]),
        ({"due_date": ["1", "1", "2001"]}, ["Due date must be today or in the future"]),
        ({"description": "D" * 501}, ["Action must be 500 characters or fewer"]),
    ],
)
def test_action_errors(team_client, project, assessment, database, fields, messages):
    fields = {"due_date": ["1", "1", NEXT_YEAR], **fields}
    response = add_action(team_client, project, assessment, **fields)
    assert response.status_code == 200
    check_page(response)
    assert error_summary(response) == messages
    assert database.scalar(select(func.count(Action.id))) == 0


def test_an_action_can_be_owned_by_someone_outside_the_team(
    team_client, project, assessment, database
):
    add_action(
        team_client,
        project,
        assessment,
        owner="other",
        owner_name="Dana Ruiz (information governance)",
        due_date=parts(TODAY + timedelta(days=10)),
    )
    action = database.scalar(select(Action))
    assert (action.owner_id, action.owner_name) == (None, "Dana Ruiz (information governance)")


def test_a_name_typed_beside_a_team_member_is_questioned_not_dropped(
    team_client, project, assessment, member, database
):
    # A review chose a team member and typed "Bob Smith": the member was saved, Bob dropped.
    response = add_action(
        team_client,
        project,
        assessment,
        owner=str(member.id),
        owner_name="Bob Smith",
        due_date=parts(TODAY + timedelta(days=10)),
    )
    assert error_summary(response) == [
        "Clear the name, or choose “Someone else” as the owner to give the action to the "
        "person you named"
    ]
    assert "Bob Smith" in text(response)
    assert database.scalar(select(func.count(Action.id))) == 0


def _owner_radios(page: str) -> str:
    start = page.index('<div class="govuk-form-group', page.index("Who owns it?") - 600)
    return page[start : page.index("When is it due?")]


@pytest.mark.parametrize("rest", ["/actions/add", "/actions/{action}/change"])
def test_the_owner_is_a_radio_of_each_team_member_or_someone_else_named(
    team_client, project, assessment, member, database, rest
):
    # A review found a select of the team and, apart from it, a name box for anyone else.
    add_action(team_client, project, assessment, due_date=parts(TODAY + timedelta(days=9)))
    action_id = database.scalar(select(Action.id))
    response = team_client.get(point_url(project, assessment, 1, rest.format(action=action_id)))
    check_page(response)
    page = text(response)
    assert "<select" not in page
    radios = _owner_radios(page)
    labels = re.findall(
        r'<label class="govuk-label govuk-radios__label" for="[^"]+">\s*([^<]+?)\s*</label>', radios
    )
    assert labels == ["Owen Grant", "Priya Shah", "Someone else"]
    assert '<div class="govuk-radios__divider">or</div>' in radios
    # "Someone else" reveals the name box (GOV.UK's conditional reveal: shown without
    # JavaScript), and only that box is marked to be left out when hidden.
    other = re.search(
        r'<input class="govuk-radios__input" id="[^"]+" name="owner" type="radio" '
        r'value="other"[^>]*>',
        radios,
    )
    assert other and 'data-aria-controls="conditional-' in other.group(0)
    conditional = radios[radios.index('class="govuk-radios__conditional') :]
    assert 'name="owner_name"' in conditional
    assert 'data-app-send-only-shown="owner"' in conditional
    assert "/assets/send-only-shown.js" in page
    if "change" in rest:  # owned by someone named: "Someone else" is chosen, the name kept
        assert "checked" in other.group(0)
        assert 'value="Al"' in conditional


def test_a_mistake_elsewhere_keeps_the_owner_chosen_and_the_name_typed(
    team_client, project, assessment, member, database
):
    response = add_action(
        team_client, project, assessment, description="", owner="other", owner_name="Dana Ruiz"
    )
    assert error_summary(response)[0] == "Enter what needs to be done"
    radios = _owner_radios(text(response))
    assert re.search(r'value="other" checked', radios)
    assert 'value="Dana Ruiz"' in radios
    response = add_action(team_client, project, assessment, description="", owner=str(member.id))
    assert re.search(rf'value="{member.id}" checked', _owner_radios(text(response)))


def test_deactivated_people_are_neither_offered_nor_accepted_as_owners(
    team_client, project, assessment, former, member, database
):
    page = text(team_client.get(point_url(project, assessment, 1, "/actions/add")))
    assert "Priya Shah" in page
    assert "Dev Former" not in page
    response = add_action(
        team_client, project, assessment, owner=str(former.id), due_date=["1", "1", NEXT_YEAR]
    )
    assert error_summary(response) == ["Select who owns the action"]
    assert database.scalar(select(func.count(Action.id))) == 0
    # The command refuses them too, whoever calls it.
    with pytest.raises(Invalid) as refused:
        commands.add_action(
            commands.PointRef(project.id, assessment.id, 1),
            member.id,
            "Crafted",
            former.id,
            None,
            TODAY + timedelta(days=5),
        )
    assert refused.value.errors == {"owner": "Select who owns the action"}
    assert database.scalar(select(func.count(Action.id))) == 0


def _planned(team_client, project, assessment, database, **fields):
    add_action(
        team_client, project, assessment, due_date=parts(TODAY + timedelta(days=30)), **fields
    )
    return database.scalar(select(Action))


def test_changing_an_action(team_client, project, assessment, member, former, database):
    action = _planned(team_client, project, assessment, database)
    url = point_url(project, assessment, 1, f"/actions/{action.id}/change")
    page = team_client.get(url)
    check_page(page)
    assert "Test with screen reader users" in text(page)
    assert "Dev Former" not in text(page)
    due = TODAY + timedelta(days=90)
    response = team_client.submit(
        url,
        {
            "version": version_on(text(page)),
            "description": "Test with screen magnifier users too",
            "owner": str(member.id),
            "due_date": parts(due),
        },
    )
    assert response.status_code == 302
    database.expire_all()
    changed = database.get(Action, action.id)
    assert (changed.description, changed.owner_id, changed.owner_name, changed.due_date) == (
        "Test with screen magnifier users too",
        member.id,
        None,
        due,
    )
    assert "Action changed on point 1." in text(team_client.get(point_url(project, assessment)))
    # Not to someone deactivated, even by a crafted post.
    response = team_client.submit(
        url,
        {
            "version": str(changed.version),
            "description": "X",
            "owner": str(former.id),
            "due_date": parts(due),
        },
    )
    assert error_summary(response) == ["Select who owns the action"]


def test_changing_an_action_someone_else_changed_keeps_what_was_typed(
    team_client, project, assessment, database
):
    action = _planned(team_client, project, assessment, database)
    url = point_url(project, assessment, 1, f"/actions/{action.id}/change")
    stale = version_on(text(team_client.get(url)))
    action.description = "Changed by someone else"
    database.commit()
    response = team_client.submit(
        url,
        {
            "version": stale,
            "description": "My new words",
            "owner": "other",
            "owner_name": "Al",
            "due_date": parts(TODAY + timedelta(days=9)),
        },
    )
    assert response.status_code == 409
    page = text(response)
    assert "Someone else changed this action while you were editing it" in page
    assert "Changed by someone else" in page
    assert "My new words" in page
    database.expire_all()
    assert database.get(Action, action.id).description == "Changed by someone else"


def test_removing_an_action_asks_first(team_client, project, assessment, database):
    action = _planned(team_client, project, assessment, database)
    url = point_url(project, assessment, 1, f"/actions/{action.id}/remove")
    page = team_client.get(url)
    check_page(page)
    assert "Are you sure you want to remove the action “Test with screen reader users”?" in text(
        page
    )
    team_client.submit(url, {"confirm": "no"})
    assert database.scalar(select(func.count(Action.id))) == 1
    response = team_client.submit(url, {"confirm": "yes"})
    assert response.headers["Location"] == point_url(project, assessment)
    assert database.scalar(select(func.count(Action.id))) == 0
    assert database.scalar(
        select(AuditEvent).where(AuditEvent.subject_type == "action", AuditEvent.verb == "deleted")
    )


def test_a_remove_question_never_ends_in_two_marks(team_client, project, assessment, database):
    # A review found “Run interviews with six people.”? as a heading.
    action = _planned(
        team_client, project, assessment, database, description="Run interviews with six people."
    )
    page = text(team_client.get(point_url(project, assessment, 1, f"/actions/{action.id}/remove")))
    assert "Are you sure you want to remove the action “Run interviews with six people”?" in page
    assert ".”?" not in page
    add_artefact(team_client, project, assessment, title="Research plan, version 2.")
    [link] = answer(database, assessment, 1).artefact_links
    page = text(team_client.get(point_url(project, assessment, 1, f"/artefacts/{link.id}/remove")))
    assert "remove “Research plan, version 2” from point 1?" in page
    response = team_client.submit(
        point_url(project, assessment, 1, f"/artefacts/{link.id}/remove"), {"confirm": "yes"}
    )
    page = text(team_client.get(response.headers["Location"]))
    assert "Artefact “Research plan, version 2” removed from point 1." in page


def test_removing_the_last_action_of_a_completed_amber_point_reopens_it(
    team_client, project, assessment, database
):
    rate(database, assessment, "amber")
    action = _planned(team_client, project, assessment, database)
    save(team_client, project, assessment, evidence_account="E", rating="amber", completed="yes")
    assert answer(database, assessment, 1).status == "completed"
    url = point_url(project, assessment, 1, f"/actions/{action.id}/remove")
    team_client.submit(url, {"confirm": "yes"})
    database.expire_all()
    assert answer(database, assessment, 1).status == "in_progress"
    assert "The point is no longer marked as completed" in text(
        team_client.get(point_url(project, assessment))
    )


# --- Once submitted ----------------------------------------------------------------------------


def test_a_submitted_self_assessment_cannot_be_changed_on_any_point_page(
    team_client, project, assessment, database
):
    add_artefact(team_client, project, assessment)
    action = _planned(team_client, project, assessment, database)
    link = database.scalar(select(ArtefactLink))
    pages = {
        "/artefacts/add": {"title": "T", "url": "https://x.example", "kind": "code"},
        "/artefacts/attach": {"artefact": str(link.artefact_id)},
        f"/artefacts/{link.id}/change": {"title": "T", "url": "https://x.example", "kind": "code"},
        f"/artefacts/{link.id}/remove": {"confirm": "yes"},
        "/actions/add": {"description": "D", "owner": "other", "owner_name": "A"},
        f"/actions/{action.id}/change": {"description": "D", "owner": "other", "owner_name": "A"},
        f"/actions/{action.id}/remove": {"confirm": "yes"},
        "": {"evidence_account": "Late", "completed": "no"},
    }
    tokens = {rest: team_client.csrf_token(point_url(project, assessment)) for rest in pages}
    assessment.status = "submitted"
    database.commit()
    before = (
        database.scalar(select(func.count(Artefact.id))),
        database.scalar(select(func.count(Action.id))),
        database.scalar(select(func.count(AuditEvent.id))),
    )
    for rest, data in pages.items():
        url = point_url(project, assessment, 1, rest)
        if rest:
            assert team_client.get(url).status_code == 302, rest
        response = team_client.post(url, data={**data, "csrf_token": tokens[rest]})
        assert response.status_code == 302, rest
        assert response.headers["Location"].endswith(f"/assessments/{assessment.id}"), rest
    after = (
        database.scalar(select(func.count(Artefact.id))),
        database.scalar(select(func.count(Action.id))),
        database.scalar(select(func.count(AuditEvent.id))),
    )
    assert before == after
    assert answer(database, assessment, 1).evidence_account == ""


@pytest.mark.parametrize("rest", ["/artefacts/99999/change", "/actions/99999/remove"])
def test_something_no_longer_on_the_point_goes_back_to_it(team_client, project, assessment, rest):
    response = team_client.get(point_url(project, assessment, 1, rest))
    assert response.headers["Location"] == point_url(project, assessment)


def test_an_action_of_another_point_cannot_be_changed_from_this_one(
    team_client, project, assessment, database
):
    action = _planned(team_client, project, assessment, database)
    response = team_client.get(point_url(project, assessment, 2, f"/actions/{action.id}/change"))
    assert response.headers["Location"] == point_url(project, assessment, 2)


def test_a_point_carried_over_from_last_time_asks_the_team_to_check_it(
    team_client, project, assessment, member, database
):
    earlier = Assessment(
        project_id=project.id,
        framework_version_id=assessment.framework_version_id,
        phase="discovery",
        kind="self_assessment",
        status="submitted",
    )
    database.add(earlier)
    database.flush()
    saved = answer(database, assessment, 1)
    saved.carried_over_from_id = earlier.id
    saved.evidence_account = "From discovery"
    database.commit()
    page = text(team_client.get(point_url(project, assessment)))
    assert "Carried over from discovery: check it." in page
    save(team_client, project, assessment, evidence_account="Checked", completed="no")
    assert "Carried over" not in text(team_client.get(point_url(project, assessment)))


# --- Evidence shared with a self-assessment that can no longer change ---------------------------


def _submitted_with(database, assessment, artefact_id, status="submitted"):
    """An earlier self-assessment of the project, ``status``, whose point 1 uses the artefact."""
    earlier = Assessment(
        project_id=assessment.project_id,
        framework_version_id=assessment.framework_version_id,
        phase="discovery",
        kind="self_assessment",
        status=status,
    )
    database.add(earlier)
    database.flush()
    old = Answer(assessment_id=earlier.id, point_id=answer(database, assessment, 1).point_id)
    database.add(old)
    database.flush()
    database.add(ArtefactLink(answer_id=old.id, artefact_id=artefact_id))
    database.commit()
    return earlier


@pytest.mark.parametrize("status", ["submitted", "published", "withdrawn"])
def test_changing_an_artefact_never_changes_the_evidence_of_a_submitted_self_assessment(
    team_client, project, assessment, database, status
):
    add_artefact(team_client, project, assessment, title="Prototype", url="https://a.example/p")
    add_artefact(team_client, project, assessment, 2, title="Other", url="https://a.example/o")
    link = database.scalar(select(ArtefactLink).order_by(ArtefactLink.id))
    original = link.artefact_id
    # The same artefact supports point 3 of the draft too.
    team_client.submit(
        point_url(project, assessment, 3, "/artefacts/attach"), {"artefact": str(original)}
    )
    url = point_url(project, assessment, 1, f"/artefacts/{link.id}/change")
    notice = "It will keep the artefact as it was"
    assert notice not in text(team_client.get(url))
    earlier = _submitted_with(database, assessment, original, status)
    page = team_client.get(url)
    check_page(page)
    assert notice in text(page)
    response = change_artefact(
        team_client, url, title="Rewritten", url="https://evil.example/", kind="code"
    )
    assert response.status_code == 302
    database.expire_all()
    kept = database.get(Artefact, original)
    assert (kept.title, kept.url, kept.kind) == ("Prototype", "https://a.example/p", "research")
    earlier_links = database.scalars(
        select(ArtefactLink).where(ArtefactLink.artefact_id == original)
    ).all()
    assert [lk.answer.assessment_id for lk in earlier_links] == [earlier.id]
    # Every point of the draft that used it now uses the changed copy.
    for number in (1, 3):
        (used,) = answer(database, assessment, number).artefact_links
        assert used.artefact_id != original
        assert (used.artefact.title, used.artefact.url) == ("Rewritten", "https://evil.example/")
    # Changing the copy again changes it in place: no one else uses it.
    copy_id = answer(database, assessment, 1).artefact_links[0].artefact_id
    change_artefact(team_client, url, title="Again", url="https://b.example/", kind="code")
    database.expire_all()
    assert database.get(Artefact, copy_id).title == "Again"
    assert database.get(Artefact, original).title == "Prototype"


def test_an_artefact_only_drafts_use_is_changed_in_place(
    team_client, project, assessment, database
):
    add_artefact(team_client, project, assessment, title="Prototype")
    link = database.scalar(select(ArtefactLink))
    change_artefact(
        team_client,
        point_url(project, assessment, 1, f"/artefacts/{link.id}/change"),
        title="Prototype 2",
        url="https://b.example/",
        kind="code",
    )
    database.expire_all()
    assert database.scalar(select(func.count(Artefact.id))) == 1
    assert database.get(Artefact, link.artefact_id).title == "Prototype 2"


def test_removing_an_artefact_from_a_draft_keeps_it_for_a_submitted_self_assessment(
    team_client, project, assessment, database
):
    add_artefact(team_client, project, assessment, title="Prototype")
    link = database.scalar(select(ArtefactLink))
    _submitted_with(database, assessment, link.artefact_id)
    response = team_client.submit(
        point_url(project, assessment, 1, f"/artefacts/{link.id}/remove"), {"confirm": "yes"}
    )
    assert response.status_code == 302
    database.expire_all()
    assert database.get(Artefact, link.artefact_id).title == "Prototype"
    assert database.scalar(select(func.count(ArtefactLink.id))) == 1


# --- Two people at once --------------------------------------------------------------------------


def test_changing_an_artefact_someone_else_changed_keeps_what_was_typed(
    team_client, project, assessment, database
):
    add_artefact(team_client, project, assessment, title="Prototype")
    link = database.scalar(select(ArtefactLink))
    url = point_url(project, assessment, 1, f"/artefacts/{link.id}/change")
    stale = re.search(r'name="version" type="hidden" value="([\d.]+)"', text(team_client.get(url)))
    # Someone else saves first, from their own page.
    change_artefact(
        team_client, url, title="Their title", url="https://theirs.example/", kind="code"
    )
    response = team_client.submit(
        url,
        {
            "version": stale.group(1),
            "title": "My title",
            "url": "https://mine.example/",
            "kind": "research",
        },
    )
    assert response.status_code == 409
    page = text(response)
    check_page(response)
    assert "Someone else changed this artefact while you were editing it" in page
    assert "Their title" in page and "https://theirs.example/" in page
    assert 'value="My title"' in page and 'value="https://mine.example/"' in page
    database.expire_all()
    assert database.get(Artefact, link.artefact_id).title == "Their title"
    # Saving again from the conflict page goes through.
    fresh = re.search(r'name="version" type="hidden" value="([\d.]+)"', page).group(1)
    response = team_client.submit(
        url, {"version": fresh, "title": "My title", "url": "https://mine.example/", "kind": "code"}
    )
    assert response.status_code == 302
    database.expire_all()
    assert database.get(Artefact, link.artefact_id).title == "My title"


def _saved_at_the_same_time(*args, **kwargs):
    raise Conflict("Someone else saved this point while you were editing it.")


SAME_TIME = (
    "Someone else changed this point at the same time, so this was not saved. "
    "Check your answer, then try again"
)


@pytest.mark.parametrize(
    ("command", "rest", "fields", "kept"),
    [
        (
            "add_artefact",
            "/artefacts/add",
            {"title": "Typed title", "url": "https://typed.example/", "kind": "code"},
            'value="Typed title"',
        ),
        ("attach_artefact", "/artefacts/attach", {"artefact": "{artefact}"}, "checked"),
        (
            "change_artefact",
            "/artefacts/{link}/change",
            {"title": "Typed title", "url": "https://typed.example/", "kind": "code"},
            'value="Typed title"',
        ),
        ("remove_artefact", "/artefacts/{link}/remove", {"confirm": "yes"}, "checked"),
        (
            "add_action",
            "/actions/add",
            {"description": "Typed action", "owner": "other", "owner_name": "Al"},
            "Typed action",
        ),
        ("remove_action", "/actions/{action}/remove", {"confirm": "yes"}, "checked"),
        (
            "change_action",
            "/actions/{action}/change",
            {"description": "Typed action", "owner": "other", "owner_name": "Al"},
            "Typed action",
        ),
    ],
)
def test_a_point_saved_at_the_same_moment_keeps_what_was_typed(
    team_client, project, assessment, database, monkeypatch, command, rest, fields, kept
):
    add_artefact(team_client, project, assessment, 2, title="Elsewhere")
    add_artefact(team_client, project, assessment, 1, title="Here")
    link = answer(database, assessment, 1).artefact_links[0]
    elsewhere = answer(database, assessment, 2).artefact_links[0].artefact_id
    action = _planned(team_client, project, assessment, database)
    url = point_url(
        project, assessment, 1, rest.format(link=link.id, action=action.id, artefact=elsewhere)
    )
    page = text(team_client.get(url))
    data = {key: value.format(artefact=elsewhere) for key, value in fields.items()}
    if version := re.search(r'name="version" type="hidden" value="([\d.]+)"', page):
        data["version"] = version.group(1)
    if command.endswith("_action") and command != "remove_action":
        data["due_date"] = parts(TODAY + timedelta(days=9))
    monkeypatch.setattr(commands, command, _saved_at_the_same_time)
    response = team_client.submit(url, data)
    assert response.status_code == 409
    check_page(response)
    assert error_summary(response) == [SAME_TIME]
    assert kept in text(response)


# --- A form sent twice ---------------------------------------------------------------------------


def test_sending_the_add_artefact_form_twice_adds_one_artefact(
    team_client, project, assessment, database
):
    assert add_artefact(team_client, project, assessment).status_code == 302
    response = add_artefact(team_client, project, assessment)
    assert response.status_code == 200
    check_page(response)
    assert error_summary(response) == [
        "This point already has an artefact with this title",
        "This point already has an artefact with this link",
    ]
    assert 'value="Discovery research report"' in text(response)
    response = add_artefact(team_client, project, assessment, title="Another name")
    assert error_summary(response) == ["This point already has an artefact with this link"]
    database.expire_all()
    assert len(answer(database, assessment, 1).artefact_links) == 1
    assert database.scalar(select(func.count(Artefact.id))) == 1
    # Another point may have the same one added.
    assert add_artefact(team_client, project, assessment, 2).status_code == 302


def test_sending_the_add_action_form_twice_adds_one_action(
    team_client, project, assessment, database
):
    due = parts(TODAY + timedelta(days=30))
    assert add_action(team_client, project, assessment, due_date=due).status_code == 302
    response = add_action(team_client, project, assessment, due_date=due)
    assert response.status_code == 200
    check_page(response)
    assert error_summary(response) == ["This point's plan already has this action"]
    assert "Test with screen reader users" in text(response)
    assert database.scalar(select(func.count(Action.id))) == 1


def test_change_on_check_answers_comes_back_to_check_answers(team_client, project, assessment):
    # A review found Change on check answers led back to the task list after saving.
    check = f"/projects/{project.id}/assessments/{assessment.id}/check"
    change = point_url(project, assessment, 1) + "?from=check"
    assert f'href="{change}"' in text(team_client.get(check))
    page = text(team_client.get(change))
    assert f'action="{change}"' in page
    assert "Back to check your answers" in page
    response = team_client.submit(
        change,
        {
            "evidence_account": "Changed from check answers",
            "completed": "no",
            "version": version_on(page),
        },
    )
    assert response.status_code == 302
    assert response.headers["Location"] == check
    # From the task list, saving still goes back to the task list.
    response = save(
        team_client, project, assessment, evidence_account="From the task list", completed="no"
    )
    assert response.headers["Location"].endswith(f"/assessments/{assessment.id}")


# --- What the point page reads -----------------------------------------------------------------


def test_a_point_shows_its_own_framework_versions_prompts_read_once(
    app, database, project, assessment, team_client, member
):
    """The prompts are kept in memory by the version's content: a new version of the
    framework with a prompt reworded shows the new words on a self-assessment started on it
    and the old on one started before, and a second request reads none from the database."""
    first_words = FRAMEWORK.points[0].prompts["alpha"][0]
    reworded = "A reworded prompt for alpha, in version 2."
    sync_framework(with_changed_prompt(FRAMEWORK_FILE, 1, "alpha", reworded))
    database.commit()
    later_project = make_project(
        database, name="Later project", team=[(member, TeamRole.MEMBER.value)]
    )
    later = start_assessment(database, later_project, member)
    assert later.framework_version_id != assessment.framework_version_id

    before = text(team_client.get(point_url(project, assessment)))
    assert escape(first_words) in before and escape(reworded) not in before
    after = text(team_client.get(point_url(later_project, later)))
    assert escape(reworded) in after and escape(first_words) not in after

    with counting_queries(app) as statements:
        again = text(team_client.get(point_url(project, assessment)))
    assert escape(first_words) in again and escape(reworded) not in again
    assert not [statement for statement in statements if "point_prompt" in statement]


def test_the_point_page_lists_actions_with_their_owners_in_words(
    database, project, assessment, team_client, member
):
    """A team member's name, a name typed for someone outside the service, or no owner; and,
    for earlier open actions, the phase they were planned in, or "Not known"."""
    saved = answer(database, assessment, 1)
    earlier = earlier_self_assessment(database, assessment)
    database.add_all(
        [
            Action(
                project_id=project.id,
                assessment_id=assessment.id,
                point_id=saved.point_id,
                point_number=1,
                description="Owned by a member",
                owner_id=member.id,
                owner_name="A name left from before",
                status="open",
            ),
            Action(
                project_id=project.id,
                assessment_id=assessment.id,
                point_id=saved.point_id,
                point_number=1,
                description="Owned by someone outside",
                owner_name="Sam Outside",
                status="open",
            ),
            Action(
                project_id=project.id,
                assessment_id=earlier.id,
                point_number=1,
                description="Planned in discovery",
                status="open",
            ),
            Action(
                project_id=project.id,
                point_number=1,
                description="Added outside any assessment",
                status="in_progress",
            ),
        ]
    )
    database.commit()
    raw = text(team_client.get(point_url(project, assessment)))
    page = " ".join(raw.split())
    assert "Owned by a member</span><br> Owner: Priya Shah." in page
    assert "A name left from before" not in page
    assert "Owned by someone outside</span><br> Owner: Sam Outside." in page
    rows = [
        [" ".join(cell.itertext()).strip() for cell in row.iter("td")]
        for row in html5lib.parse(raw, namespaceHTMLElements=False).iter("tr")
        if row.find("td") is not None
    ]
    assert [row[:2] for row in rows] == [
        ["Planned in discovery", "Discovery"],
        ["Added outside any assessment", "Not known"],
    ]
