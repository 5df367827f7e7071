"""A project's actions, one action, updating it, and "Your actions"."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import pytest
from sqlalchemy import select

from app.models import Action, AuditEvent, Person
from app.rules.permissions import Role, TeamRole
from tests.conftest import TODAY
from tests.integration.factories import make_action, make_project, start_assessment
from tests.integration.test_pages import check_page, parse, text_of

LAST_WEEK = TODAY - timedelta(days=7)
NEXT_MONTH = TODAY + timedelta(days=30)


@dataclass
class Setting:
    member: Person
    colleague: Person
    project: object
    assessment: object
    overdue: Action
    open: Action
    in_progress: Action
    done: Action
    not_doing: Action

    def url(self, action: Action | None = None, suffix: str = "") -> str:
        base = f"/projects/{self.project.id}/actions"
        return base + (f"/{action.id}" if action is not None else "") + suffix


@pytest.fixture
def setting(database, make_person):
    member = make_person(name="Jordan Ellis")
    colleague = make_person(name="Priya Shah")
    project = make_project(
        database,
        team=[(member, TeamRole.SERVICE_OWNER.value), (colleague, TeamRole.MEMBER.value)],
    )
    assessment = start_assessment(database, project, member)
    return Setting(
        member=member,
        colleague=colleague,
        project=project,
        assessment=assessment,
        overdue=make_action(
            database,
            project,
            assessment,
            number=3,
            description="Book an accessibility audit",
            owner=member,
            due_date=LAST_WEEK,
        ),
        open=make_action(
            database,
            project,
            assessment,
            number=1,
            description="Interview five more applicants",
            owner=colleague,
            due_date=NEXT_MONTH,
        ),
        in_progress=make_action(
            database,
            project,
            assessment,
            number=5,
            description="Test the paper form with users",
            owner_name="Alex from the contact centre",
            due_date=NEXT_MONTH + timedelta(days=1),
            status="in_progress",
        ),
        done=make_action(
            database,
            project,
            assessment,
            number=3,
            description="Write the accessibility statement",
            owner=member,
            due_date=LAST_WEEK,
            status="done",
            completion_note="Published on the council website.",
        ),
        not_doing=make_action(
            database,
            project,
            None,
            number=None,
            description="Build a mobile app",
            owner=member,
            status="not_doing",
            source="panel",
            not_doing_reason="The web service works on phones.",
        ),
    )


def page_text(response) -> str:
    """The page's text as a person reads it: no tags, one space between words."""
    document, _ = parse(response)
    return text_of(document.find("body"))


def descriptions_in_table(response) -> list[str]:
    document, _ = parse(response)
    return [
        text_of(row.find("td/a")) for row in document.iter("tr") if row.find("td/a") is not None
    ]


def audit_events(database, action: Action) -> list[AuditEvent]:
    return list(
        database.scalars(
            select(AuditEvent)
            .where(AuditEvent.subject_type == "action", AuditEvent.subject_id == action.id)
            .order_by(AuditEvent.id)
        )
    )


def fresh(database, action: Action) -> Action:
    database.expire_all()
    return database.get(Action, action.id)


# The pages, for each role that may see them


@pytest.mark.parametrize("who", ["team", "administrator", "board"])
def test_every_actions_page_renders_for_the_team_administrators_and_the_board(
    client, setting, make_person, who
):
    if who == "team":
        person = setting.member
    else:
        person = make_person([Role.ADMINISTRATOR if who == "administrator" else Role.BOARD_MEMBER])
    client.sign_in(person.email)
    pages = ["/actions", setting.url(), setting.url(setting.open), setting.url(setting.done)]
    pages += [setting.url(setting.not_doing), setting.url() + "?status=done&point=3&overdue=y"]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        check_page(response)
    update = client.get(setting.url(setting.open, "/update"))
    if who == "board":
        assert update.status_code == 403
        assert "Update this action" not in page_text(client.get(setting.url(setting.open)))
    else:
        assert update.status_code == 200
        check_page(update)
        assert "Update this action" in page_text(client.get(setting.url(setting.open)))


def test_the_project_actions_page_lists_open_actions_overdue_first(client, setting):
    client.sign_in(setting.member.email)
    response = client.get(setting.url())
    assert descriptions_in_table(response) == [
        "Book an accessibility audit",
        "Interview five more applicants",
        "Test the paper form with users",
    ]
    text = page_text(response)
    assert "Showing 3 of 5 actions: open or in progress" in text
    assert "Blue Badge applications" in text
    assert "3. Provide a joined up experience across all channels" in text
    assert "Alex from the contact centre" in text
    assert "Team's self-assessment, alpha" in text
    html = response.get_data(as_text=True)
    overdue_row = next(row for row in html.split("<tr") if "Book an accessibility audit" in row)
    assert '<strong class="govuk-tag govuk-tag--red">Overdue</strong>' in overdue_row
    other_rows = [row for row in html.split("<tr") if "Interview five more" in row]
    assert "Overdue" not in other_rows[0]
    document, _ = parse(response)
    back = document.find(".//a[@class='govuk-back-link']")
    assert back.get("href") == f"/projects/{setting.project.id}"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (
            "?status=done&status=not_doing",
            ["Write the accessibility statement", "Build a mobile app"],
        ),
        ("?point=3", ["Book an accessibility audit", "Write the accessibility statement"]),
        ("?status=open&status=in_progress&point=3", ["Book an accessibility audit"]),
        ("?status=open&status=in_progress&overdue=y", ["Book an accessibility audit"]),
        ("?overdue=y", ["Book an accessibility audit"]),
        ("?status=in_progress", ["Test the paper form with users"]),
        # Unknown values are ignored rather than refused.
        (
            "?status=nonsense&point=99",
            [
                "Book an accessibility audit",
                "Interview five more applicants",
                "Test the paper form with users",
                "Write the accessibility statement",
                "Build a mobile app",
            ],
        ),
    ],
)
def test_filters(client, setting, query, expected):
    client.sign_in(setting.member.email)
    response = client.get(setting.url() + query)
    assert response.status_code == 200
    assert descriptions_in_table(response) == expected


def test_the_filters_keep_what_was_chosen(client, setting):
    client.sign_in(setting.member.email)
    response = client.get(setting.url() + "?status=done&point=3&overdue=y")
    document, _ = parse(response)
    checked = [box.get("value") for box in document.iter("input") if box.get("checked") is not None]
    assert checked == ["done", "y"]
    selected = [
        option.get("value")
        for option in document.iter("option")
        if option.get("selected") is not None
    ]
    assert selected == ["3"]
    options = [text_of(option) for option in document.iter("option")]
    assert options == [
        "All points",
        "1. Understand users and their needs",
        "3. Provide a joined up experience across all channels",
        "5. Make sure everyone can use the service",
    ]


def test_a_sentence_says_when_nothing_matches(client, setting):
    client.sign_in(setting.member.email)
    response = client.get(setting.url() + "?status=done&overdue=y")
    assert descriptions_in_table(response) == []
    assert "No actions match these filters" in page_text(response)
    assert "Showing 0 of 5 actions: done, overdue only" in page_text(response)


def test_a_project_without_actions_says_so(client, database, setting):
    other = make_project(database, name="Library cards", team=[(setting.member, "member")])
    client.sign_in(setting.member.email)
    text = page_text(client.get(f"/projects/{other.id}/actions"))
    assert "This project has no actions yet." in text
    assert "Filter actions" not in text


# One action


def test_the_action_page_shows_the_action_and_where_it_came_from(client, setting):
    client.sign_in(setting.member.email)
    response = client.get(setting.url(setting.overdue))
    document, _ = parse(response)
    rows = {
        text_of(row.find("dt")): text_of(row.find("dd"))
        for row in document.iter("div")
        if "govuk-summary-list__row" in (row.get("class") or "")
    }
    assert rows == {
        "Action": "Book an accessibility audit",
        "Point": "3. Provide a joined up experience across all channels",
        "Owner": "Jordan Ellis",
        "Due": f"{LAST_WEEK.day} {LAST_WEEK:%B %Y}",
        "Status": "Open Overdue",
        "From": "Team's self-assessment, alpha",
        "Assessment": f"Self-assessment for alpha, started {TODAY.day} {TODAY:%B %Y}",
    }
    assert "Nothing has changed since the action was added" in page_text(response)


def test_the_action_page_shows_what_closed_it(client, database, setting):
    client.sign_in(setting.member.email)
    text = page_text(client.get(setting.url(setting.done)))
    assert "What was done Published on the council website." in text
    assert "Link to evidence None given" in text
    text = page_text(client.get(setting.url(setting.not_doing)))
    assert "Why the team is not doing it The web service works on phones." in text
    assert "From Assessment panel" in text
    assert "Not linked to a point" in text


def test_an_action_of_another_project_is_not_found(client, database, setting):
    other = make_project(database, name="Library cards", team=[(setting.member, "member")])
    elsewhere = make_action(database, other, None, description="Elsewhere")
    client.sign_in(setting.member.email)
    assert client.get(setting.url(elsewhere)).status_code == 404
    assert client.get(setting.url(elsewhere, "/update")).status_code == 404
    response = client.submit(
        setting.url(elsewhere, "/update"), {"status": "done"}, token_from="/actions"
    )
    assert response.status_code == 404
    assert client.get(setting.url() + "/999999").status_code == 404
    assert fresh(database, elsewhere).status == "open"


def test_a_created_action_says_so_in_its_history(client, database, setting):
    from app.audit import record

    record(
        setting.member.id,
        "created",
        "action",
        setting.open.id,
        "Point 1: added action “Interview five more applicants”",
        {"due_date": [None, NEXT_MONTH.isoformat()]},
        project_id=setting.project.id,
    )
    database.commit()
    client.sign_in(setting.member.email)
    text = page_text(client.get(setting.url(setting.open)))
    assert "Jordan Ellis Point 1: added action “Interview five more applicants”" in text
    assert "Due date set to" not in text


# Updating an action


def form_data(setting: Setting, action: Action, **overrides) -> dict:
    due = action.due_date
    data = {
        "version": str(action.version),
        "status": action.status,
        "completion_note": action.completion_note or "",
        "evidence_url": action.evidence_url or "",
        "not_doing_reason": action.not_doing_reason or "",
        "owner": str(action.owner_id)
        if action.owner_id
        else ("other" if action.owner_name else ""),
        "owner_name": action.owner_name or "",
        "due_date": [str(due.day), str(due.month), str(due.year)] if due else ["", "", ""],
    }
    data.update(overrides)
    return data


def test_the_update_page_starts_with_what_the_action_holds(client, setting):
    client.sign_in(setting.member.email)
    response = client.get(setting.url(setting.in_progress, "/update"))
    document, _ = parse(response)
    fields = {
        field.get("id"): field.get("value")
        for field in document.iter("input")
        if field.get("type") != "radio" or field.get("checked") is not None
    }
    assert fields["status-2"] == "in_progress"
    assert fields["owner_name"] == "Alex from the contact centre"
    assert fields["version"] == "1"
    due = setting.in_progress.due_date
    assert (fields["due_date-day"], fields["due_date-month"], fields["due_date-year"]) == (
        f"{due.day:02}",
        f"{due.month:02}",
        str(due.year),
    )
    chosen = [
        radio.get("value")
        for radio in document.iter("input")
        if radio.get("name") == "owner" and radio.get("checked") is not None
    ]
    assert chosen == ["other"]


LONG = "x" * 2001


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"status": ""}, "status", "Select the status of the action"),
        ({"status": "finished"}, "status", "Select the status of the action"),
        ({"status": "done"}, "completion_note", "Enter what was done"),
        ({"status": "done", "completion_note": "   "}, "completion_note", "Enter what was done"),
        (
            {"status": "done", "completion_note": LONG},
            "completion_note",
            "What was done must be 2,000 characters or fewer",
        ),
        (
            {"status": "done", "completion_note": "Done", "evidence_url": "javascript:alert(1)"},
            "evidence_url",
            "Enter a link to evidence that starts with https:// or http://",
        ),
        (
            {
                "status": "done",
                "completion_note": "Done",
                "evidence_url": "data:text/html,<script>alert(1)</script>",
            },
            "evidence_url",
            "Enter a link to evidence that starts with https:// or http://",
        ),
        (
            {
                "status": "done",
                "completion_note": "Done",
                "evidence_url": "https://a.example/" + LONG,
            },
            "evidence_url",
            "Link to evidence must be 2,000 characters or fewer",
        ),
        (
            {"status": "not_doing"},
            "not_doing_reason",
            "Enter why the team is not doing this action",
        ),
        (
            {"status": "not_doing", "not_doing_reason": LONG},
            "not_doing_reason",
            "Reason must be 2,000 characters or fewer",
        ),
        ({"owner": ""}, "owner", "Select who owns the action"),
        ({"owner": "999999"}, "owner", "Select who owns the action"),
        (
            {"owner": "other", "owner_name": " "},
            "owner_name",
            "Enter the name of the person who owns the action",
        ),
        (
            {"owner": "other", "owner_name": "y" * 121},
            "owner_name",
            "Name must be 120 characters or fewer",
        ),
        ({"due_date": ["", "", ""]}, "due_date", "Enter the date the action is due"),
        ({"due_date": ["31", "2", "2031"]}, "due_date", "Due date must be a real date"),
        ({"due_date": ["1", "", "2031"]}, "due_date", "Due date must include a month"),
        ({"due_date": ["1", "2", "31"]}, "due_date", "Year must include 4 numbers"),
        ({"due_date": ["1", "2"]}, "due_date", "Due date must include a year"),
        (
            {"due_date": [str(LAST_WEEK.day), str(LAST_WEEK.month), str(LAST_WEEK.year)]},
            "due_date",
            "Due date must be today or in the future",
        ),
    ],
)
def test_each_mistake_gets_its_message_keeps_what_was_typed_and_saves_nothing(
    client, database, setting, overrides, field, message
):
    client.sign_in(setting.member.email)
    url = setting.url(setting.open, "/update")
    response = client.submit(url, form_data(setting, setting.open, **overrides))
    assert response.status_code == 200
    check_page(response)
    document, _ = parse(response)
    assert text_of(document.find("head/title")).startswith("Error: Update this action")
    summary = next(
        element
        for element in document.iter("div")
        if "govuk-error-summary" in (element.get("class") or "").split()
    )
    links = {text_of(link): link.get("href") for link in summary.iter("a")}
    assert links == {message: "#" + field + ("-day" if field == "due_date" else "")}
    assert f"Error: {message}" in page_text(response)

    # What was typed is shown again.
    shown = [field.get("value") for field in document.iter("input") if field.get("type") == "text"]
    shown += [field.get("value") for field in document.iter("input") if field.get("type") == "url"]
    shown += [field.text or "" for field in document.iter("textarea")]
    for name, value in overrides.items():
        if name in ("status", "owner"):
            continue
        for typed in value if isinstance(value, list) else [value]:
            assert typed in shown, (name, typed)

    action = fresh(database, setting.open)
    assert (action.status, action.version, action.due_date) == ("open", 1, NEXT_MONTH)
    assert audit_events(database, action) == []


def test_an_overdue_action_keeps_its_past_due_date_when_updated(client, database, setting):
    client.sign_in(setting.member.email)
    response = client.submit(
        setting.url(setting.overdue, "/update"),
        form_data(setting, setting.overdue, status="in_progress"),
    )
    assert response.status_code == 302
    assert fresh(database, setting.overdue).status == "in_progress"


def test_done_then_not_doing_then_reopened(client, database, setting):
    client.sign_in(setting.member.email)
    url = setting.url(setting.open, "/update")

    response = client.submit(
        url,
        form_data(
            setting,
            setting.open,
            status="done",
            completion_note="  Interviewed six applicants.  ",
            evidence_url="https://sharepoint.example.gov.uk/research/round-3",
            not_doing_reason="Typed before changing my mind",
        ),
    )
    assert response.status_code == 302
    assert response.headers["Location"] == setting.url(setting.open)
    action = fresh(database, setting.open)
    assert action.status == "done"
    assert action.completion_note == "Interviewed six applicants."
    assert action.evidence_url == "https://sharepoint.example.gov.uk/research/round-3"
    assert action.not_doing_reason is None
    assert action.closed_at is not None
    assert action.updated_by_id == setting.member.id
    first_closed = action.closed_at
    page = client.get(setting.url(setting.open))
    text = page_text(page)
    assert (
        "Action updated. Status changed from Open to Done. Completion note added. "
        "Link to evidence added." in text
    )
    assert 'href="https://sharepoint.example.gov.uk/research/round-3"' in page.get_data(
        as_text=True
    )
    assert "Closed on" in text

    response = client.submit(
        url,
        form_data(
            setting, action, status="not_doing", not_doing_reason="Another team does it now."
        ),
    )
    assert response.status_code == 302
    action = fresh(database, setting.open)
    assert (action.status, action.completion_note, action.evidence_url) == ("not_doing", None, None)
    assert action.not_doing_reason == "Another team does it now."
    assert action.closed_at is not None and action.closed_at >= first_closed

    response = client.submit(url, form_data(setting, action, status="open"))
    assert response.status_code == 302
    action = fresh(database, setting.open)
    assert (action.status, action.not_doing_reason, action.closed_at) == ("open", None, None)
    assert action.version == 4

    events = audit_events(database, action)
    assert [event.changes["status"] for event in events] == [
        ["open", "done"],
        ["done", "not_doing"],
        ["not_doing", "open"],
    ]
    assert all(event.project_id == setting.project.id for event in events)
    assert all(event.actor_id == setting.member.id for event in events)
    assert events[0].changes["completion_note"] == [None, "Interviewed six applicants."]

    history = page_text(client.get(setting.url(setting.open)))
    newest = history.index("Status changed from Not doing to Open")
    middle = history.index("Status changed from Done to Not doing")
    oldest = history.index("Status changed from Open to Done")
    assert newest < middle < oldest
    assert "Reason for not doing it added" in history
    assert "Completion note removed" in history
    assert "Jordan Ellis" in history


def test_the_project_history_names_the_changed_action_and_says_what_changed_once(
    client, database, setting
):
    client.sign_in(setting.member.email)
    client.submit(
        setting.url(setting.open, "/update"),
        form_data(setting, setting.open, status="done", completion_note="Interviewed six."),
    )
    client.submit(
        setting.url(setting.not_doing, "/update"),
        form_data(setting, setting.not_doing, status="open"),
    )
    summaries = [event.summary for event in audit_events(database, setting.open)]
    assert summaries == ["Point 1: changed action “Interview five more applicants”"]
    summaries = [event.summary for event in audit_events(database, setting.not_doing)]
    assert summaries == ["Changed action “Build a mobile app”"]

    document, _ = parse(client.get(f"/projects/{setting.project.id}/history"))
    what_happened = {
        "".join(cell.text or "").strip(): [text_of(item) for item in cell.iter("li")]
        for cell in document.find(".//table[@id='history']").iter("td")
    }
    assert what_happened["Point 1: changed action “Interview five more applicants”"] == [
        "Status changed from Open to Done",
        "Completion note added",
    ]
    assert what_happened["Changed action “Build a mobile app”"] == [
        "Status changed from Not doing to Open",
        "Reason for not doing it removed",
    ]
    assert "Changed the action" not in text_of(document.find("body"))


def test_changing_the_owner_and_due_date(client, database, setting):
    client.sign_in(setting.member.email)
    new_due = NEXT_MONTH + timedelta(days=14)
    response = client.submit(
        setting.url(setting.open, "/update"),
        form_data(
            setting,
            setting.open,
            owner="other",
            owner_name="  Sam from the supplier ",
            due_date=[str(new_due.day), new_due.strftime("%B"), str(new_due.year)],
        ),
        follow_redirects=True,
    )
    text = page_text(response)
    assert "Owner changed from Priya Shah to Sam from the supplier." in text
    assert f"Due date changed from {NEXT_MONTH.day} {NEXT_MONTH:%B %Y} to" in text
    action = fresh(database, setting.open)
    assert (action.owner_id, action.owner_name, action.due_date) == (
        None,
        "Sam from the supplier",
        new_due,
    )
    # And back to someone in the team.
    client.submit(
        setting.url(setting.open, "/update"),
        form_data(setting, action, owner=str(setting.member.id)),
    )
    action = fresh(database, setting.open)
    assert (action.owner_id, action.owner_name) == (setting.member.id, None)


def test_saving_without_a_change_says_so(client, database, setting):
    client.sign_in(setting.member.email)
    response = client.submit(
        setting.url(setting.open, "/update"),
        form_data(setting, setting.open),
        follow_redirects=True,
    )
    assert "You did not change anything, so there was nothing to save." in page_text(response)
    action = fresh(database, setting.open)
    assert action.version == 1
    assert audit_events(database, action) == []


def test_only_active_team_members_and_the_current_owner_can_be_chosen(
    client, database, setting, make_person
):
    gone = make_person(name="Gone Person", active=False)
    outsider = make_person(name="Outside Person")
    setting.project.memberships.append(
        type(setting.project.memberships[0])(person=gone, team_role="member")
    )
    database.commit()
    owned_by_outsider = make_action(database, setting.project, None, owner=outsider)
    client.sign_in(setting.member.email)
    document, _ = parse(client.get(setting.url(owned_by_outsider, "/update")))
    owner_ids = {
        radio.get("id") for radio in document.iter("input") if radio.get("name") == "owner"
    }
    options = [text_of(label) for label in document.iter("label") if label.get("for") in owner_ids]
    assert options == ["Jordan Ellis", "Outside Person", "Priya Shah", "Someone else"]


def test_where_the_person_came_from_is_kept_and_only_if_it_is_this_site(client, setting):
    client.sign_in(setting.member.email)
    response = client.get(setting.url(setting.open) + "?next=/actions")
    document, _ = parse(response)
    assert document.find(".//a[@class='govuk-back-link']").get("href") == "/actions"
    update_link = next(a for a in document.iter("a") if text_of(a) == "Update this action")
    assert update_link.get("href") == setting.url(setting.open, "/update") + "?next=/actions"
    response = client.submit(
        setting.url(setting.open, "/update") + "?next=/actions",
        form_data(setting, setting.open, status="in_progress"),
    )
    assert response.headers["Location"] == setting.url(setting.open) + "?next=/actions"

    for unsafe in ("https://evil.example/", "//evil.example/", "javascript:alert(1)"):
        response = client.get(setting.url(setting.open), query_string={"next": unsafe})
        document, _ = parse(response)
        back = document.find(".//a[@class='govuk-back-link']").get("href")
        assert back == setting.url(), unsafe
        assert "evil" not in response.get_data(as_text=True)


# Two people updating the same action at once


@pytest.fixture
def second_client(app, database):
    from tests.integration.conftest import FormClient

    return FormClient(app.test_client())


def test_the_second_save_is_refused_and_shows_both_without_losing_what_was_typed(
    client, second_client, database, setting
):
    url = setting.url(setting.open, "/update")
    client.sign_in(setting.member.email)
    second_client.sign_in(setting.colleague.email)
    # Both open the update page at version 1.
    loaded = form_data(setting, setting.open)
    assert loaded["version"] == "1"

    first = second_client.submit(
        url,
        {**loaded, "status": "done", "completion_note": "Priya's note: six interviews done."},
    )
    assert first.status_code == 302

    mine = {
        **loaded,
        "status": "done",
        "completion_note": "Jordan's note: interviews written up.",
        "evidence_url": "https://sharepoint.example.gov.uk/research/write-up",
        "due_date": ["1", "3", str(TODAY.year + 2)],
    }
    refused = client.submit(url, mine)
    assert refused.status_code == 409
    check_page(refused)
    text = page_text(refused)
    assert "Priya Shah changed this action while you were updating it" in text
    assert "Your changes have not been saved" in text
    document, _ = parse(refused)
    cards = {
        text_of(card.find(".//h2")): text_of(card.find(".//dl"))
        for card in document.iter("div")
        if (card.get("class") or "").split() == ["govuk-summary-card"]
    }
    assert set(cards) == {"What Priya Shah saved", "What you typed"}
    assert "Priya's note: six interviews done." in cards["What Priya Shah saved"]
    assert "Jordan's note: interviews written up." in cards["What you typed"]
    assert "https://sharepoint.example.gov.uk/research/write-up" in cards["What you typed"]
    assert f"1 March {TODAY.year + 2}" in cards["What you typed"]
    # Markup is markup, not text shown on the page.
    assert "<span" not in "".join(cards.values())
    # The form keeps what this person typed, with the new version.
    assert document.find(".//input[@name='version']").get("value") == "2"
    assert text_of(document.find(".//textarea[@name='completion_note']")) == (
        "Jordan's note: interviews written up."
    )
    assert document.find(".//input[@id='due_date-day']").get("value") == "1"
    assert fresh(database, setting.open).completion_note == "Priya's note: six interviews done."

    # They merge the two and save again.
    merged = {
        **mine,
        "version": "2",
        "completion_note": "Six interviews done and written up.",
    }
    saved = client.submit(url, merged)
    assert saved.status_code == 302
    action = fresh(database, setting.open)
    assert action.completion_note == "Six interviews done and written up."
    assert action.version == 3
    assert len(audit_events(database, action)) == 2


def test_a_save_that_loses_the_race_after_the_check_is_refused_too(
    client, database, setting, monkeypatch
):
    """Someone saves between this request reading the action and writing it."""
    from sqlalchemy import update

    from app.data import actions as actions_data

    original = actions_data.apply_change

    def someone_else_saves_first(action, change, now):
        database.execute(
            update(Action.__table__)
            .where(Action.__table__.c.id == action.id)
            .values(version=Action.__table__.c.version + 1, status="in_progress")
        )
        return original(action, change, now)

    monkeypatch.setattr(actions_data, "apply_change", someone_else_saves_first)
    client.sign_in(setting.member.email)
    response = client.submit(
        setting.url(setting.open, "/update"),
        form_data(setting, setting.open, status="done", completion_note="My note, kept."),
    )
    assert response.status_code == 409
    document, _ = parse(response)
    assert text_of(document.find(".//textarea[@name='completion_note']")) == "My note, kept."
    assert "changed this action while you were updating it" in page_text(response)
    assert audit_events(database, setting.open) == []


# Who may do what


def test_board_members_and_assessors_cannot_update(client, database, setting, make_person):
    url = setting.url(setting.open, "/update")
    board = make_person([Role.BOARD_MEMBER])
    client.sign_in(board.email)
    assert client.get(url).status_code == 403
    refused = client.submit(
        url, form_data(setting, setting.open, status="in_progress"), token_from=setting.url()
    )
    assert refused.status_code == 403
    client.post("/sign-out", data={"csrf_token": client.csrf_token("/actions")})

    assessor = make_person([Role.ASSESSOR])
    client.sign_in(assessor.email)
    for page in (url, setting.url(), setting.url(setting.open)):
        assert client.get(page).status_code == 403, page
    refused = client.submit(
        url, form_data(setting, setting.open, status="in_progress"), token_from="/actions"
    )
    assert refused.status_code == 403
    assert fresh(database, setting.open).status == "open"


def test_a_team_member_of_another_project_can_neither_read_nor_update(
    client, database, setting, make_person
):
    stranger = make_person()
    make_project(database, name="Library cards", team=[(stranger, "service_owner")])
    client.sign_in(stranger.email)
    for page in (setting.url(), setting.url(setting.open), setting.url(setting.open, "/update")):
        assert client.get(page).status_code == 403, page
    refused = client.submit(
        setting.url(setting.open, "/update"),
        form_data(setting, setting.open, status="in_progress"),
        token_from="/actions",
    )
    assert refused.status_code == 403
    assert fresh(database, setting.open).status == "open"
    assert "Book an accessibility audit" not in page_text(client.get("/actions"))


def test_administrators_may_update_any_project_s_actions(client, database, setting, make_person):
    client.sign_in(make_person([Role.ADMINISTRATOR]).email)
    response = client.submit(
        setting.url(setting.open, "/update"), form_data(setting, setting.open, status="in_progress")
    )
    assert response.status_code == 302
    assert fresh(database, setting.open).status == "in_progress"


def test_signed_out_people_are_sent_to_sign_in(client, database, setting):
    for page in (setting.url(), setting.url(setting.open), setting.url(setting.open, "/update")):
        response = client.get(page)
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/sign-in?next=")
    response = client.submit(
        setting.url(setting.open, "/update"),
        form_data(setting, setting.open, status="done", completion_note="Sneaky"),
        token_from="/sign-in",
    )
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/sign-in?next=")
    assert fresh(database, setting.open).status == "open"


# Your actions


def test_your_actions_lists_what_is_yours_in_every_project_overdue_first(client, database, setting):
    other = make_project(database, name="Library cards", team=[(setting.member, "member")])
    make_action(
        database,
        other,
        None,
        description="Publish opening hours",
        owner=setting.member,
        due_date=TODAY,
    )
    client.sign_in(setting.member.email)
    response = client.get("/actions")
    check_page(response)
    document, _ = parse(response)
    headings = [text_of(heading) for heading in document.find(".//main").iter("h2")]
    assert headings == ["Overdue (1)", "Open and in progress (1)", "Closed (2)"]
    assert descriptions_in_table(response) == [
        "Book an accessibility audit",
        "Publish opening hours",
        "Write the accessibility statement",
        "Build a mobile app",
    ]
    text = page_text(response)
    assert "Interview five more applicants" not in text  # Priya's
    assert "Library cards" in text and "Blue Badge applications" in text
    html = response.get_data(as_text=True)
    assert f'href="{setting.url(setting.overdue)}?next=/actions"' in html
    overdue_row = next(row for row in html.split("<tr") if "Book an accessibility audit" in row)
    assert '<strong class="govuk-tag govuk-tag--red">Overdue</strong>' in overdue_row


def test_your_actions_when_nothing_is_yours(client, signed_in_as):
    signed_in_as(Role.BOARD_MEMBER)
    assert "No actions are assigned to you." in page_text(client.get("/actions"))


# Queries


def count_queries(app, client, url: str) -> int:
    from sqlalchemy import event

    from app.extensions import db

    with app.app_context():
        engine = db.engine
    statements = []

    def note(conn, cursor, statement, parameters, context, executemany):
        # Savepoints belong to the test's own transaction, not to the page.
        if not statement.lstrip().upper().startswith(("SAVEPOINT", "RELEASE", "ROLLBACK")):
            statements.append(statement)

    event.listen(engine, "before_cursor_execute", note)
    try:
        response = client.get(url)
    finally:
        event.remove(engine, "before_cursor_execute", note)
    assert response.status_code == 200
    return len(statements)


def add_actions(database, project, assessment, owner, how_many: int, start: int = 0) -> None:
    """Actions of every kind: each status, overdue or not, with or without an assessment."""
    for index in range(start, start + how_many):
        make_action(
            database,
            project,
            assessment if index % 4 else None,
            number=index % 14 + 1,
            description=f"Action {index}",
            owner=owner,
            due_date=LAST_WEEK if index % 2 else NEXT_MONTH,
            status=["open", "in_progress", "done", "not_doing"][index % 4],
            source="panel" if index % 5 == 0 else "self_assessment",
        )


def test_the_lists_make_the_same_number_of_queries_for_3_and_for_30_actions(
    app, client, database, make_person
):
    person = make_person()
    project = make_project(database, name="Query counting", team=[(person, "member")])
    assessment = start_assessment(database, project, person)
    client.sign_in(person.email)
    every_status = "?status=open&status=in_progress&status=done&status=not_doing"
    pages = [
        "/actions",
        f"/projects/{project.id}/actions",
        f"/projects/{project.id}/actions{every_status}",
    ]

    add_actions(database, project, assessment, person, 3)
    few = [count_queries(app, client, url) for url in pages]
    add_actions(database, project, assessment, person, 27, start=3)
    assert len(descriptions_in_table(client.get(pages[2]))) == 30
    many = [count_queries(app, client, url) for url in pages]
    assert few == many
    # A handful each (measured: 3, 7 and 7): the person and their roles, the project and the
    # person's place in its team, then the page's own (your actions 1, project actions 3).
    assert max(many) <= 8, many


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"version": "1"},
        {"version": "not a number", "status": "done"},
        {"version": "1", "status": ["done", "open"], "completion_note": ["a", "b"]},
        {"version": "1", "status": "done", "due_date": ["1", "2", "2031", "4", "5"]},
        {"version": "1", "owner": "other", "due_date": "2031-02-01"},
        {"version": "1", "owner": "-1", "due_date": ["\uff11", "2", "2031"]},
        {"version": "1", "status": "done", "completion_note": "\x00", "evidence_url": "http://"},
    ],
)
def test_odd_posts_are_answered_with_a_page_never_an_error(client, database, setting, data):
    client.sign_in(setting.member.email)
    response = client.submit(setting.url(setting.open, "/update"), data)
    assert response.status_code in (200, 409)
    check_page(response)
    assert fresh(database, setting.open).version == 1


def test_characters_no_one_means_to_type_are_left_out(client, database, setting):
    client.sign_in(setting.member.email)
    response = client.submit(
        setting.url(setting.open, "/update"),
        form_data(setting, setting.open, status="done", completion_note="Done\x00 properly\x07"),
    )
    assert response.status_code == 302
    assert fresh(database, setting.open).completion_note == "Done properly"


# Deactivated people, unknown values, and the command behind the update page


def _add_to_team(database, project, person) -> None:
    project.memberships.append(type(project.memberships[0])(person=person, team_role="member"))
    database.commit()


def test_a_deactivated_team_member_is_not_offered_and_a_crafted_post_is_refused(
    client, database, setting, make_person
):
    gone = make_person(name="Gone Person", active=False)
    _add_to_team(database, setting.project, gone)
    client.sign_in(setting.member.email)
    url = setting.url(setting.open, "/update")
    document, _ = parse(client.get(url))
    options = [text_of(option) for option in document.iter("option")]
    assert "Gone Person" not in options

    response = client.submit(url, form_data(setting, setting.open, owner=str(gone.id)))
    assert response.status_code == 200
    check_page(response)
    text = page_text(response)
    assert "You cannot give an action to someone whose account has been deactivated" in text
    action = fresh(database, setting.open)
    assert (action.owner_id, action.version) == (setting.colleague.id, 1)
    assert audit_events(database, action) == []


def test_an_action_owned_by_a_deactivated_person_asks_for_a_new_owner(
    client, database, setting, make_person
):
    gone = make_person(name="Gone Person", active=False)
    _add_to_team(database, setting.project, gone)
    owned = make_action(database, setting.project, None, owner=gone, due_date=NEXT_MONTH)
    client.sign_in(setting.member.email)
    url = setting.url(owned, "/update")
    document, _ = parse(client.get(url))
    assert "Gone Person" not in [text_of(option) for option in document.iter("option")]
    assert not [
        o for o in document.iter("option") if o.get("selected") is not None and o.get("value")
    ]
    assert "Gone Person owns this action now, but their account has been deactivated" in (
        page_text(client.get(url))
    )
    # Keeping them is refused like giving it to them.
    refused = client.submit(url, form_data(setting, owned, status="in_progress"))
    assert "whose account has been deactivated" in page_text(refused)
    assert fresh(database, owned).status == "open"
    # Choosing someone active saves.
    saved = client.submit(
        url, form_data(setting, owned, status="in_progress", owner=str(setting.member.id))
    )
    assert saved.status_code == 302
    assert fresh(database, owned).owner_id == setting.member.id


def test_a_post_without_a_version_is_a_conflict_and_saves_nothing(client, database, setting):
    client.sign_in(setting.member.email)
    data = form_data(setting, setting.open, status="in_progress")
    del data["version"]
    response = client.submit(setting.url(setting.open, "/update"), data)
    assert response.status_code == 409
    assert "changed this action while you were updating it" in page_text(response)
    assert fresh(database, setting.open).status == "open"


@pytest.mark.parametrize("status", ["archived", "OPEN", "done ", ""])
def test_a_status_outside_the_list_is_refused(client, database, setting, status):
    client.sign_in(setting.member.email)
    response = client.submit(
        setting.url(setting.open, "/update"), form_data(setting, setting.open, status=status)
    )
    assert response.status_code == 200
    assert "Select the status of the action" in page_text(response)
    assert fresh(database, setting.open).version == 1


def _change(**overrides):
    from app.data.actions import ActionChange

    values = {
        "status": "in_progress",
        "completion_note": None,
        "evidence_url": None,
        "not_doing_reason": None,
        "due_date": NEXT_MONTH,
        "owner_id": None,
        "owner_name": "Alex from the contact centre",
    }
    values.update(overrides)
    return ActionChange(**values)


def test_the_command_keeps_every_rule_whoever_calls_it(app, database, setting, make_person):
    from app.commands import Conflict, Invalid, NotFound
    from app.commands.actions import update_action

    gone = make_person(name="Gone Person", active=False)
    outsider = make_person(name="Outside Person")
    _add_to_team(database, setting.project, gone)
    project, action, actor = setting.project.id, setting.open.id, setting.member.id
    refusals = [
        (_change(owner_id=gone.id, owner_name=None), "owner"),
        (_change(owner_id=outsider.id, owner_name=None), "owner"),
        (_change(status="archived"), "status"),
        (_change(status="done"), "completion_note"),
        (_change(status="not_doing"), "not_doing_reason"),
        (_change(status="done", completion_note="Did it", evidence_url="ftp://x"), "evidence_url"),
        (_change(due_date=LAST_WEEK), "due_date"),
        (_change(owner_name=" "), "owner"),
    ]
    with app.app_context():
        for change, field in refusals:
            with pytest.raises(Invalid) as refused:
                update_action(project, action, 1, change, actor, TODAY)
            assert field in refused.value.errors, change
        with pytest.raises(Conflict):
            update_action(project, action, None, _change(), actor, TODAY)
        with pytest.raises(Conflict):
            update_action(project, action, 2, _change(), actor, TODAY)
        with pytest.raises(NotFound):
            update_action(project, setting.open.id + 1000, 1, _change(), actor, TODAY)
        assert fresh(database, setting.open).version == 1

        lines = update_action(project, action, 1, _change(), actor, TODAY)
    assert "Status changed from Open to In progress" in lines
    saved = fresh(database, setting.open)
    assert (saved.status, saved.owner_name, saved.version) == (
        "in_progress",
        "Alex from the contact centre",
        2,
    )
    [event] = audit_events(database, saved)
    assert event.summary == "Point 1: changed action “Interview five more applicants”"


def test_a_status_or_source_the_service_does_not_know_is_shown_as_it_is(app):
    from types import SimpleNamespace

    with app.test_request_context():
        tags = app.jinja_env.get_template("macros/tags.html").module
        words = app.jinja_env.get_template("actions/_macros.html").module
        assert "archived" in str(tags.action_status_tag("archived", False))
        action = SimpleNamespace(source="imported", assessment=None)
        assert str(words.source_words(action)).strip() == "imported"


def test_an_action_and_its_update_page_make_the_same_number_of_queries_however_long_its_history(
    app, client, database, setting
):
    from app.audit import record

    def add_history(how_many: int) -> None:
        for index in range(how_many):
            record(
                setting.colleague.id if index % 2 else setting.member.id,
                "updated",
                "action",
                setting.open.id,
                "Point 1: changed action “Interview five more applicants”",
                {"status": ["open", "in_progress"], "owner": ["A", f"B {index}"]},
                project_id=setting.project.id,
            )
        database.commit()

    client.sign_in(setting.member.email)
    pages = [setting.url(setting.open), setting.url(setting.open, "/update")]
    add_history(3)
    few = [count_queries(app, client, url) for url in pages]
    add_history(27)
    many = [count_queries(app, client, url) for url in pages]
    assert few == many
    # Measured: 7 for each page.
    assert max(many) <= 8, many


def test_what_the_command_refuses_is_shown_beside_the_box_it_is_about(
    client, database, setting, make_person, monkeypatch
):
    """If the page's own check lets something through (someone deactivated the owner
    after the check), the command still refuses it, and the page says why."""
    from app.actions import forms

    gone = make_person(name="Gone Person", active=False)
    _add_to_team(database, setting.project, gone)
    monkeypatch.setattr(forms, "owner_problem", lambda *args: None)
    client.sign_in(setting.member.email)
    response = client.submit(
        setting.url(setting.open, "/update"),
        form_data(setting, setting.open, status="in_progress", owner=str(gone.id)),
    )
    assert response.status_code == 200
    check_page(response)
    document, _ = parse(response)
    assert "whose account has been deactivated" in text_of(document.find(".//*[@id='owner-error']"))
    assert fresh(database, setting.open).version == 1
