"""An administrator imports the programme spreadsheet, in a real browser: a file with errors
(seen, nothing saved), fixed, imported, then imported again (nothing changes)."""

from __future__ import annotations

import csv
import io
import re

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Page, expect
from sqlalchemy import func, select

from app.extensions import db
from app.models import AuditEvent, Project
from tests.browser.conftest import check_accessibility, sign_in

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


def spreadsheet(rows) -> dict:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADINGS)
    writer.writerows(rows)
    return {"name": "programme.csv", "mimeType": "text/csv", "buffer": out.getvalue().encode()}


def programme_counts(live_server) -> tuple[int, int]:
    with live_server.app.app_context():
        projects = db.session.scalar(select(func.count()).select_from(Project))
        events = db.session.scalar(select(func.count()).select_from(AuditEvent))
        db.session.remove()
        return projects, events


def upload(page: Page, rows) -> None:
    page.get_by_label("Upload the programme spreadsheet").set_input_files(spreadsheet(rows))
    page.get_by_role("button", name="Check the file").click()


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_administrator_imports_the_programme(browser, live_server, javascript):
    context = browser.new_context(
        base_url=live_server.url, java_script_enabled=javascript, accept_downloads=True
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    tag = "js" if javascript else "no js"
    library, bins = f"Library room booking ({tag})", f"Bin collection days ({tag})"
    try:
        sign_in(page, "admin@example.gov.uk")
        page.get_by_role("link", name="Import the programme").click()
        expect(page.locator("h1")).to_have_text("Import the programme")
        check_accessibility(page)

        # The template reads back with every column.
        with page.expect_download() as download:
            page.get_by_role("link", name=re.compile("template as an Excel")).click()
        with open(download.value.path(), "rb") as template:
            workbook = load_workbook(io.BytesIO(template.read()), read_only=True)
        assert list(next(workbook.active.iter_rows(values_only=True)))[1:] == HEADINGS
        with page.expect_download() as download:
            page.get_by_role("link", name=re.compile("template as a CSV")).click()
        with open(download.value.path(), encoding="utf-8-sig") as template:
            assert next(csv.reader(template))[1:] == HEADINGS

        before = programme_counts(live_server)
        good = [
            library,
            "Book rooms in libraries online.",
            "Communities (import test)",
            "team@example.gov.uk",
            "concept",
            "A booking prototype",
            "£12,000",
            "low",
        ]
        bad = [
            bins,
            "Find your bin day.",
            "Environment",
            "nobody@example.gov.uk",
            "build",
            "",
            "",
            "medium",
        ]

        # A file with errors: each is listed by row and column, and nothing is saved.
        upload(page, [good, bad])
        expect(page).to_have_title(re.compile(r"^Error: Check what the import will change"))
        summary = page.locator(".govuk-error-summary")
        expect(summary).to_contain_text("Row 3, Owner email: There is no account")
        expect(summary).to_contain_text("Row 3, Stage: Stage must be concept, design or delivery")
        expect(summary).to_contain_text("Row 3, Non-cashable benefit")
        expect(page.get_by_role("button", name="Import the programme")).to_have_count(0)
        check_accessibility(page)
        assert programme_counts(live_server) == before

        # Fixed: the preview says what will change; confirming imports it.
        page.get_by_role("link", name="Upload the corrected file").click()
        fixed = [*bad[:3], "team@example.gov.uk", "design", "", "", "moderate"]
        upload(page, [good, fixed])
        expect(page.locator("h1")).to_have_text("Check what the import will change")
        expect(page.locator(".govuk-error-summary")).to_have_count(0)
        expect(page.get_by_role("row").filter(has_text=library)).to_contain_text("New")
        expect(page.get_by_role("row").filter(has_text=bins)).to_contain_text("Stage: Design")
        check_accessibility(page)
        assert programme_counts(live_server) == before
        page.get_by_role("button", name="Import the programme").click()
        banner = page.locator(".govuk-notification-banner--success")
        expect(banner).to_contain_text("2 projects added, 0 projects changed")
        check_accessibility(page)
        projects, _ = programme_counts(live_server)
        assert projects == before[0] + 2

        # The same file again: every row unchanged, and importing it changes nothing.
        upload(page, [good, fixed])
        expect(page.get_by_role("row").filter(has_text=library)).to_contain_text("Unchanged")
        expect(page.get_by_role("row").filter(has_text=bins)).to_contain_text("Unchanged")
        expect(page.locator(".govuk-inset-text")).to_contain_text("Nothing will change")
        # Nothing to import: no import button, a way back instead.
        expect(page.get_by_role("button", name="Import the programme", exact=True)).to_have_count(0)
        check_accessibility(page)
        page.get_by_role("button", name="Back to import the programme").click()
        expect(page.locator("h1")).to_have_text("Import the programme")
        assert programme_counts(live_server)[0] == projects

        # The programme as it is now downloads with each project's ID, to edit and import.
        page.goto("/admin/import")
        with page.expect_download() as download:
            page.get_by_role("link", name=re.compile("download the programme as it is now")).click()
        with open(download.value.path(), "rb") as current:
            sheet = load_workbook(io.BytesIO(current.read()), read_only=True).active
            names = [row[1] for row in sheet.iter_rows(values_only=True)]
        assert library in names and bins in names

        # The project page shows what was imported.
        with live_server.app.app_context():
            project_id = db.session.scalar(select(Project.id).where(Project.name == library))
            db.session.remove()
        page.goto(f"/projects/{project_id}")
        expect(page.locator("h1")).to_have_text(library)
        expect(page.locator(".govuk-summary-list")).to_contain_text("A booking prototype")
    finally:
        context.close()
