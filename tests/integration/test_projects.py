"""A project's page, and adding and changing a project."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from app.models import AuditEvent, Directorate, Framework, PhaseChange, Project
from app.rules.permissions import Role
from tests.integration.factories import make_project
from tests.integration.test_pages import check_page, parse, text_of

GOOD = {
    "name": "Adult social care referrals",
    "description": "Lets professionals refer adults for social care online.",
    "directorate": "",
    "new_directorate": "Health and Care",
    "phase": "discovery",
    "framework": "",
    "cashable_benefit": "£120,000",
    "non_cashable_benefit": "high",
    "next_assessment_due": ["3", "4", "2027"],
}


def summary(response) -> dict[str, str]:
    """The project page's summary list as ``{key: value}``."""
    document, _ = parse(response)
    rows = {}
    for row in document.iter("div"):
        if "govuk-summary-list__row" in (row.get("class") or "").split():
            key = next(e for e in row.iter("dt"))
            value = next(e for e in row.iter("dd") if "govuk-summary-list__value" in e.get("class"))
            rows[text_of(key)] = text_of(value)
    return rows


def error_summary(response) -> list[str]:
    document, _ = parse(response)
    for element in document.iter("div"):
        if "govuk-error-summary" in (element.get("class") or "").split():
            return [text_of(item) for item in element.iter("li")]
    return []


def default_framework(database) -> Framework:
    return database.scalar(select(Framework).where(Framework.is_default.is_(True)))


def events(database, project_id: int, subject_type: str = "project") -> list[AuditEvent]:
    return list(
        database.scalars(
            select(AuditEvent)
            .where(AuditEvent.project_id == project_id, AuditEvent.subject_type == subject_type)
            .order_by(AuditEvent.id)
        )
    )


# --- The project page --------------------------------------------------------------------------


def test_the_project_page_shows_everything_about_the_project(client, database, signed_in_as):
    me = signed_in_as()
    project = make_project(database, team=[(me, "delivery_manager")])
    project.cashable_benefit = 120000
    project.non_cashable_benefit = "moderate"
    project.next_assessment_due = date(2020, 3, 1)
    database.commit()
    response = client.get(f"/projects/{project.id}")
    assert response.status_code == 200
    check_page(response)
    rows = summary(response)
    assert rows["Description"] == "A test project."
    assert rows["Directorate"] == "Test directorate"
    assert rows["Service owner"] == "Not yet chosen"
    assert rows["Delivery manager"] == me.name
    assert rows["Team"] == me.name
    assert rows["Phase"] == "Alpha (design)"
    assert rows["Framework"] == "GOV.UK Service Standard"
    assert rows["Cashable benefit"] == "£120,000 a year"
    assert rows["Non-cashable benefit"] == "Moderate"
    assert rows["Next assessment due"] == "1 March 2020 Overdue"
    body = response.get_data(as_text=True)
    for link in ("assessments/", "actions", "team", "history"):
        assert f'href="/projects/{project.id}/{link}"' in body


@pytest.mark.parametrize(
    ("team_role", "roles", "edit", "phase"),
    [
        ("service_owner", [], True, True),
        ("delivery_manager", [], False, True),
        ("member", [], False, False),
        (None, [Role.BOARD_MEMBER], False, False),
        (None, [Role.ADMINISTRATOR], True, True),
    ],
)
def test_change_links_show_only_for_those_allowed(
    client, database, make_person, team_role, roles, edit, phase
):
    me = make_person(roles)
    client.sign_in(me.email)
    project = make_project(database, team=[(me, team_role)] if team_role else [])
    body = client.get(f"/projects/{project.id}").get_data(as_text=True)
    assert (f'href="/projects/{project.id}/edit#' in body) == edit
    assert (f'href="/projects/{project.id}/phase"' in body) == phase


def change_links(response) -> dict[str, str]:
    """The project page's Change links as ``{key: href}``."""
    document, _ = parse(response)
    links = {}
    for row in document.iter("div"):
        if "govuk-summary-list__row" in (row.get("class") or "").split():
            link = row.find(".//dd[@class='govuk-summary-list__actions']//a")
            if link is not None:
                links[text_of(row.find("dt"))] = link.get("href")
    return links


@pytest.mark.parametrize("role", ["service_owner", Role.ADMINISTRATOR])
def test_each_change_link_goes_to_its_own_field_on_the_edit_page(
    client, database, make_person, role
):
    me = make_person([] if role == "service_owner" else [role])
    client.sign_in(me.email)
    project = make_project(database, team=[(me, role)] if role == "service_owner" else [])
    edit = f"/projects/{project.id}/edit"
    links = change_links(client.get(f"/projects/{project.id}"))
    fields = {
        "Description": ("description", "description"),
        "Directorate": ("directorate", "directorate"),
        "Framework": ("framework", "framework"),
        "Cashable benefit": ("cashable_benefit", "cashable_benefit"),
        "Non-cashable benefit": ("non_cashable_benefit", "non_cashable_benefit"),
        "Next assessment due": ("next_assessment_due-day", "next_assessment_due"),
    }
    document, _ = parse(client.get(edit))
    for key, (fragment, name) in fields.items():
        assert links[key] == f"{edit}#{fragment}", key
        [element] = document.findall(f".//*[@id='{fragment}']")
        assert element.tag in ("input", "select", "textarea"), key
        assert element.get("name") == name, key
    # The rest of the list is changed on other pages.
    assert links["Team"] == f"/projects/{project.id}/team"
    assert links["Phase"] == f"/projects/{project.id}/phase"


def test_a_move_that_overrode_red_points_is_shown_as_a_warning(client, database, signed_in_as):
    me = signed_in_as(Role.BOARD_MEMBER)
    project = make_project(database, phase="private_beta")
    database.add(
        PhaseChange(
            project_id=project.id,
            from_phase="alpha",
            to_phase="private_beta",
            changed_by_id=me.id,
            reason="Ready for real users",
            override_reason="The red points are being fixed in sprint 4",
        )
    )
    database.commit()
    response = client.get(f"/projects/{project.id}")
    document, _ = parse(response)
    section = document.find(".//*[@id='moved-on-with-red-points']")
    warning = next(e for e in section.iter("div") if "govuk-warning-text" in (e.get("class") or ""))
    assert "moved on while points were rated red" in text_of(warning)
    assert "Moved to private beta (delivery)" in text_of(section)
    assert "The red points are being fixed in sprint 4" in text_of(section)
    assert me.name in text_of(section)


def test_an_ordinary_move_has_no_warning(client, database, signed_in_as):
    me = signed_in_as(Role.BOARD_MEMBER)
    project = make_project(database)
    database.add(
        PhaseChange(project_id=project.id, to_phase="alpha", changed_by_id=me.id, reason="Started")
    )
    database.commit()
    assert "govuk-warning-text" not in client.get(f"/projects/{project.id}").get_data(as_text=True)


def test_an_unknown_project_is_not_found(client, database, signed_in_as):
    me = signed_in_as(Role.ADMINISTRATOR)
    assert client.get("/projects/999999").status_code == 404
    assert client.get("/projects/999999/edit").status_code == 404
    # Numbers too big for the database are not found either, rather than an error.
    huge = "9" * 30
    assert client.get(f"/projects/{huge}/history").status_code == 404
    project = make_project(database, team=[(me, "service_owner")])
    assert client.get(f"/projects/{project.id}/team/{huge}/role").status_code == 404


# --- Adding a project ----------------------------------------------------------------------------


def test_an_administrator_adds_a_project(client, database, signed_in_as):
    me = signed_in_as(Role.ADMINISTRATOR)
    page = client.get("/projects/new")
    check_page(page)
    body = page.get_data(as_text=True)
    framework = default_framework(database)
    # The default framework is chosen already.
    assert f'value="{framework.id}" checked' in body

    response = client.submit("/projects/new", GOOD | {"framework": str(framework.id)})
    assert response.status_code == 302
    project = database.scalar(select(Project).where(Project.name == GOOD["name"]))
    assert response.headers["Location"] == f"/projects/{project.id}/team"
    assert project.directorate.name == "Health and Care"
    assert project.phase == "discovery"
    assert project.framework_id == framework.id
    assert project.cashable_benefit == 120000
    assert project.non_cashable_benefit == "high"
    assert project.next_assessment_due == date(2027, 4, 3)

    [first_move] = database.scalars(select(PhaseChange).where(PhaseChange.project_id == project.id))
    assert (first_move.from_phase, first_move.to_phase) == (None, "discovery")
    assert first_move.reason == "Added to the programme"
    assert first_move.changed_by_id == me.id

    [created] = events(database, project.id)
    assert created.verb == "created"
    assert created.actor_id == me.id
    assert created.changes["name"] == [None, GOOD["name"]]
    assert created.changes["phase"] == [None, "discovery"]
    assert database.scalar(
        select(AuditEvent).where(
            AuditEvent.subject_type == "directorate", AuditEvent.summary.contains("Health and Care")
        )
    )
    followed = client.get(response.headers["Location"])
    assert "has been added. Now add its team." in followed.get_data(as_text=True)


def test_a_new_directorate_with_the_name_of_an_existing_one_reuses_it(
    client, database, signed_in_as
):
    signed_in_as(Role.ADMINISTRATOR)
    make_project(database, "Something else")  # makes "Test directorate"
    framework = default_framework(database)
    client.submit(
        "/projects/new",
        GOOD | {"framework": str(framework.id), "new_directorate": "  test   DIRECTORATE "},
    )
    assert database.scalar(
        select(Project.directorate_id).where(Project.name == GOOD["name"])
    ) == database.scalar(select(Directorate.id).where(Directorate.name == "Test directorate"))
    assert len(list(database.scalars(select(Directorate)))) == 1


def _problems_when(client, database, changes: dict) -> tuple[list[str], str]:
    framework = default_framework(database)
    response = client.submit("/projects/new", GOOD | {"framework": str(framework.id)} | changes)
    assert response.status_code == 200
    check_page(response)
    assert database.scalar(select(Project).where(Project.name == GOOD["name"])) is None
    body = response.get_data(as_text=True)
    assert "<title>Error: Add a project" in body
    return error_summary(response), body


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": " "}, "Enter the project name"),
        ({"name": "x" * 121}, "Project name must be 120 characters or fewer"),
        ({"description": ""}, "Enter a description of the project"),
        ({"description": "x" * 2001}, "Description must be 2,000 characters or fewer"),
        ({"new_directorate": ""}, "Select a directorate, or add a new one"),
        ({"directorate": "99999", "new_directorate": ""}, "Select a directorate from the list"),
        ({"new_directorate": "x" * 121}, "Directorate must be 120 characters or fewer"),
        ({"phase": ""}, "Select the phase the project is in"),
        ({"phase": "gamma"}, "Select the phase the project is in"),
        ({"framework": "abc"}, "Select the standard the project will be assessed against"),
        ({"cashable_benefit": "12.50"}, "Cashable benefit must be a whole number of pounds"),
        ({"cashable_benefit": "lots"}, "Cashable benefit must be a number of pounds, like 120000"),
        ({"cashable_benefit": "-1"}, "Cashable benefit must be £0 or more"),
        ({"cashable_benefit": "2000000000"}, "Cashable benefit must be £1,000,000,000 or less"),
        (
            {"non_cashable_benefit": ""},
            "Select the non-cashable benefit, or select not known yet",
        ),
        ({"next_assessment_due": ["31", "2", "2027"]}, "Next assessment date must be a real date"),
        ({"next_assessment_due": ["", "2", "2027"]}, "Next assessment date must include a day"),
        ({"next_assessment_due": ["1", "2", "27"]}, "Year must include 4 numbers"),
        ({"next_assessment_due": ["1"]}, "Next assessment date must include a month and year"),
    ],
)
def test_each_mistake_gets_a_govuk_message_and_nothing_is_saved(
    client, database, signed_in_as, changes, message
):
    signed_in_as(Role.ADMINISTRATOR)
    problems, _ = _problems_when(client, database, changes)
    assert problems == [message]


def test_what_was_typed_is_kept_when_there_is_a_mistake(client, database, signed_in_as):
    signed_in_as(Role.ADMINISTRATOR)
    problems, body = _problems_when(
        client, database, {"cashable_benefit": "about 5k", "next_assessment_due": ["31", "2", "x"]}
    )
    assert problems == [
        "Cashable benefit must be a number of pounds, like 120000",
        "Next assessment date must be a real date",
    ]
    assert f'value="{GOOD["name"]}"' in body
    assert GOOD["description"] in body
    assert 'value="Health and Care"' in body
    assert 'value="about 5k"' in body
    assert 'value="discovery" checked' in body
    assert 'value="high" checked' in body
    assert 'id="next_assessment_due-day" name="next_assessment_due" type="text" value="31"' in body
    # The summary links to the first box of the date.
    assert 'href="#next_assessment_due-day"' in body


def test_a_directorate_is_chosen_or_typed_not_both(client, database, signed_in_as):
    signed_in_as(Role.ADMINISTRATOR)
    make_project(database, "Something else")
    existing = database.scalar(select(Directorate))
    problems, _ = _problems_when(client, database, {"directorate": str(existing.id)})
    assert problems == ["Select a directorate from the list or add a new one, not both"]


def test_a_name_already_used_is_refused_whatever_its_case(client, database, signed_in_as):
    signed_in_as(Role.ADMINISTRATOR)
    make_project(database, "Blue Badge applications")
    problems, _ = _problems_when(client, database, {"name": "blue badge APPLICATIONS "})
    assert problems == ["A project with this name already exists"]


# --- Changing a project --------------------------------------------------------------------------


def _edit_fields(client, project_id: int, **changes) -> dict:
    """The edit form as it is filled in now, with ``changes``."""
    from tests.integration.test_pages import parse as parse_page

    document, _ = parse_page(client.get(f"/projects/{project_id}/edit"))
    fields: dict = {}
    for element in document.iter("input"):
        name, kind = element.get("name"), element.get("type")
        if not name or name == "csrf_token" or kind == "submit":
            continue
        if kind in ("radio", "checkbox"):
            if element.get("checked") is not None:
                fields[name] = element.get("value")
        elif name == "next_assessment_due":
            fields.setdefault(name, []).append(element.get("value") or "")
        else:
            fields[name] = element.get("value") or ""
    for textarea in document.iter("textarea"):
        fields[textarea.get("name")] = textarea.text or ""
    for select_box in document.iter("select"):
        chosen = [o for o in select_box.iter("option") if o.get("selected") is not None]
        fields[select_box.get("name")] = chosen[0].get("value") if chosen else ""
    return fields | changes


def test_the_service_owner_changes_the_project_and_each_change_is_audited(
    client, database, signed_in_as
):
    me = signed_in_as()
    project = make_project(database, team=[(me, "service_owner")])
    project.next_assessment_due = date(2027, 3, 1)
    database.commit()
    version = project.version
    page = client.get(f"/projects/{project.id}/edit")
    check_page(page)
    assert 'name="new_directorate"' not in page.get_data(as_text=True)
    fields = _edit_fields(
        client,
        project.id,
        next_assessment_due=["3", "4", "2027"],
        cashable_benefit="15,000",
        non_cashable_benefit="low",
    )
    response = client.submit(f"/projects/{project.id}/edit", fields)
    assert response.status_code == 302
    assert response.headers["Location"] == f"/projects/{project.id}"
    database.refresh(project)
    assert project.next_assessment_due == date(2027, 4, 3)
    assert project.cashable_benefit == 15000
    assert project.non_cashable_benefit == "low"
    assert project.version == version + 1  # one update, however many fields

    [changed] = events(database, project.id)
    assert changed.actor_id == me.id
    assert changed.changes == {
        "next_assessment_due": ["2027-03-01", "2027-04-03"],
        "cashable_benefit": [None, 15000],
        "non_cashable_benefit": [None, "low"],
    }
    history = client.get(f"/projects/{project.id}/history").get_data(as_text=True)
    assert "Next assessment due changed from 1 March 2027 to 3 April 2027" in history
    assert "Cashable benefit set to £15,000 a year" in history


def test_saving_without_changes_records_nothing(client, database, signed_in_as):
    signed_in_as(Role.ADMINISTRATOR)
    project = make_project(database)
    response = client.submit(f"/projects/{project.id}/edit", _edit_fields(client, project.id))
    assert response.status_code == 302
    assert events(database, project.id) == []
    database.refresh(project)
    assert project.version == 1


def test_a_service_owner_cannot_add_a_directorate(client, database, signed_in_as):
    me = signed_in_as()
    project = make_project(database, team=[(me, "service_owner")])
    fields = _edit_fields(client, project.id, directorate="", new_directorate="Made up")
    response = client.submit(f"/projects/{project.id}/edit", fields)
    assert error_summary(response) == ["Select a directorate"]
    assert database.scalar(select(Directorate).where(Directorate.name == "Made up")) is None


def test_renaming_to_another_project_name_is_refused(client, database, signed_in_as):
    signed_in_as(Role.ADMINISTRATOR)
    make_project(database, "School admissions")
    project = make_project(database)
    fields = _edit_fields(client, project.id, name="School Admissions")
    response = client.submit(f"/projects/{project.id}/edit", fields)
    assert error_summary(response) == ["A project with this name already exists"]
    # Keeping its own name is fine.
    fields = _edit_fields(client, project.id, name=project.name.upper())
    assert client.submit(f"/projects/{project.id}/edit", fields).status_code == 302


def test_two_people_editing_at_once_the_second_is_refused_and_keeps_what_they_typed(
    client, database, signed_in_as
):
    signed_in_as(Role.ADMINISTRATOR)
    project = make_project(database)
    mine = _edit_fields(client, project.id, description="My new description")
    # Someone else saves first.
    project.description = "Their description"
    database.commit()
    assert project.version == 2

    response = client.submit(f"/projects/{project.id}/edit", mine)
    assert response.status_code == 409
    response.status_code = 200  # otherwise a page like any other
    check_page(response)
    body = response.get_data(as_text=True)
    assert "Someone else saved changes to this project while you were editing it" in body
    assert "Their description" in body  # what is saved now
    assert "My new description" in body  # what this person typed, still in the form
    assert 'name="version" type="hidden" value="2"' in body
    database.refresh(project)
    assert project.description == "Their description"
    assert events(database, project.id) == []

    # Saving again, knowing, overwrites.
    response = client.submit(f"/projects/{project.id}/edit", mine | {"version": "2"})
    assert response.status_code == 302
    database.refresh(project)
    assert project.description == "My new description"


def test_the_error_summary_lists_mistakes_in_the_order_of_the_page(client, database, signed_in_as):
    signed_in_as(Role.ADMINISTRATOR)
    response = client.submit("/projects/new", {"framework": ""})
    assert error_summary(response) == [
        "Enter the project name",
        "Enter a description of the project",
        "Select a directorate, or add a new one",
        "Select the phase the project is in",
        "Select the standard the project will be assessed against",
        "Select the non-cashable benefit, or select not known yet",
    ]


def test_key_deliverables_are_changed_on_the_form_and_shown_on_the_project_page(
    client, database, signed_in_as
):
    me = signed_in_as()
    project = make_project(database, team=[(me, "service_owner")])
    assert summary(client.get(f"/projects/{project.id}"))["Key deliverables"] == "None given"

    fields = _edit_fields(client, project.id, key_deliverables="x" * 2001)
    response = client.submit(f"/projects/{project.id}/edit", fields)
    assert "Key deliverables must be 2,000 characters or fewer" in error_summary(response)

    fields = _edit_fields(client, project.id, key_deliverables="A booking service\nA map")
    assert client.submit(f"/projects/{project.id}/edit", fields).status_code == 302
    database.refresh(project)
    assert project.key_deliverables == "A booking service\nA map"
    assert "A booking service" in summary(client.get(f"/projects/{project.id}"))["Key deliverables"]
    [changed] = events(database, project.id)
    assert changed.changes == {"key_deliverables": ["", "A booking service\nA map"]}
    history = client.get(f"/projects/{project.id}/history").get_data(as_text=True)
    assert "Key deliverables added" in history
