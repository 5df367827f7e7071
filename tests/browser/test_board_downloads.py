"""The portfolio's downloads and directorate scope, in a real browser: a board member
downloads each file; an administrator limits a board member to one directorate, who then
sees only it."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

from openpyxl import load_workbook
from playwright.sync_api import Page, expect
from sqlalchemy import select

from app import clock
from app.data.people import create_person, hash_password
from app.extensions import db
from app.models import Assessment, Directorate, Project
from tests.browser.conftest import check_accessibility, sign_in, sign_out
from tests.conftest import DEMO_PASSWORD

BOARD = "board@example.gov.uk"
ADMIN = "admin@example.gov.uk"
DIRECTOR = "finance.director@example.gov.uk"
FINANCE = "Finance"


def download(page: Page, url: str):
    """Fetch ``url`` as a download, as a link with ``download`` would, and wait for it."""
    with page.expect_download() as waiting:
        page.evaluate(
            """url => {
                const link = document.createElement("a");
                link.href = url;
                link.setAttribute("download", "");
                document.body.append(link);
                link.click();
                link.remove();
            }""",
            url,
        )
    return waiting.value


def click_to_download(page: Page, name: str):
    with page.expect_download() as waiting:
        page.get_by_role("link", name=name).click()
    return waiting.value


def workbook_of(downloaded):
    return load_workbook(io.BytesIO(Path(downloaded.path()).read_bytes()))


def test_a_board_member_downloads_each_file(page: Page, live_server):
    sign_in(page, BOARD)
    today = clock.today().isoformat()

    # The portfolio's home offers the downloads.
    expect(page).to_have_url(re.compile(r"/portfolio$"))
    expect(page.get_by_role("heading", name="Download the portfolio")).to_be_visible()
    check_accessibility(page)

    workbook_file = click_to_download(page, "Excel workbook (.xlsx)")
    assert workbook_file.suggested_filename == f"portfolio-{today}.xlsx"
    workbook = workbook_of(workbook_file)
    assert workbook.sheetnames == ["Grid", "Actions", "Assessments"]
    grid = workbook["Grid"]
    assert grid["A1"].value == "Project" and grid.freeze_panes == "B2"
    assert grid.max_row > 50  # every demo project

    grid_file = click_to_download(page, "The grid as CSV")
    assert grid_file.suggested_filename == f"portfolio-{today}.csv"
    with open(grid_file.path(), encoding="utf-8-sig", newline="") as opened:
        rows = list(csv.reader(opened))
    assert rows[0][:2] == ["Project", "Directorate"]
    assert len(rows) == grid.max_row

    document_file = click_to_download(page, "Everything as JSON")
    assert document_file.suggested_filename == f"portfolio-{today}.json"
    with open(document_file.path(), encoding="utf-8") as opened:
        document = json.load(opened)
    assert len(document["projects"]) == grid.max_row - 1
    assert {"actions", "assessments"} <= set(document)


def _director(live_server) -> dict:
    """A board member of our own (the demo's board member sees the whole programme in the
    other tests), and a project and a published report in and out of Finance."""
    with live_server.app.app_context():
        from app.data.people import person_by_email

        if person_by_email(DIRECTOR) is None:
            create_person(
                "Fran Director",
                DIRECTOR,
                ["board_member"],
                password_hash=hash_password(DEMO_PASSWORD),
            )
            db.session.commit()
        finance = db.session.scalar(select(Directorate.id).where(Directorate.name == FINANCE))

        def first(query):
            return db.session.execute(query.order_by(Project.name).limit(1)).first()

        inside = first(select(Project.id, Project.name).where(Project.directorate_id == finance))
        outside = first(select(Project.id, Project.name).where(Project.directorate_id != finance))
        published = db.session.execute(
            select(Assessment.id, Project.directorate_id)
            .join(Project, Project.id == Assessment.project_id)
            .where(Assessment.status == "published", Project.confidential.is_(False))
        ).all()
        db.session.remove()
    return {
        "inside": inside,
        "outside": outside,
        "reports_inside": [a for a, d in published if d == finance],
        "reports_outside": [a for a, d in published if d != finance],
    }


def test_an_administrator_limits_a_board_member_to_one_directorate(page: Page, live_server) -> None:
    found = _director(live_server)
    assert found["reports_outside"], "the demo has published reports outside Finance"

    sign_in(page, ADMIN)
    page.goto("/admin/people")
    page.get_by_role("row").filter(has_text=DIRECTOR).get_by_role("link", name="Change").click()
    directorates = page.get_by_role("group", name="Directorates they see")
    expect(directorates).to_contain_text("Leave all unticked to let them see every project")
    check_accessibility(page)
    directorates.get_by_label(FINANCE, exact=True).check()
    page.get_by_role("button", name="Save changes").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "Changes to Fran Director have been saved"
    )
    sign_out(page)

    sign_in(page, DIRECTOR)
    scope = page.locator("#directorate-scope")
    expect(scope).to_contain_text("Your view is limited to projects in: Finance.")
    main = page.locator("main")
    # The portfolio's grid, and the list of every project, show only Finance's projects.
    page.goto("/portfolio/grid")
    expect(main.get_by_role("link", name=found["inside"].name, exact=True)).to_be_visible()
    expect(main.get_by_role("link", name=found["outside"].name, exact=True)).to_have_count(0)
    check_accessibility(page)
    page.goto("/home")
    expect(main.get_by_role("link", name=found["inside"].name, exact=True)).to_be_visible()
    expect(main.get_by_role("link", name=found["outside"].name, exact=True)).to_have_count(0)
    check_accessibility(page)

    page.goto("/reports")
    expect(scope).to_contain_text("Finance")
    for assessment_id in found["reports_outside"]:
        expect(page.locator(f'main a[href="/assessments/{assessment_id}/report"]')).to_have_count(0)
    for assessment_id in found["reports_inside"]:
        expect(page.locator(f'main a[href="/assessments/{assessment_id}/report"]')).to_have_count(1)
    check_accessibility(page)

    response = page.goto(f"/projects/{found['outside'].id}")
    assert response is not None and response.status == 403
    response = page.goto(f"/projects/{found['inside'].id}")
    assert response is not None and response.status == 200

    # Their download holds Finance's projects only.
    grid = workbook_of(download(page, "/portfolio/download/portfolio.xlsx"))["Grid"]
    assert {row[1] for row in grid.iter_rows(min_row=2, values_only=True)} == {FINANCE}
