"""Downloads of the portfolio, read back: the workbook with openpyxl, the CSV with csv, the
JSON with json. What they hold, formulas kept as text, scope, access and query counts."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, date, datetime, timedelta

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from app.models import Directorate, DirectorateScope
from tests.conftest import TODAY
from tests.integration.factories import (
    complete_every_point,
    make_action,
    make_panel_assessment,
    make_project,
    start_assessment,
)
from tests.integration.query_count import counting_queries

XLSX = "/portfolio/download/portfolio.xlsx"
CSV = "/portfolio/download/portfolio.csv"
JSON = "/portfolio/download/portfolio.json"
FORMULA = '=HYPERLINK("https://example.com/steal","Click")'


def _directorate(database, name: str) -> Directorate:
    found = database.scalar(select(Directorate).where(Directorate.name == name))
    if found is None:
        found = Directorate(name=name)
        database.add(found)
        database.commit()
    return found


def _submitted(database, project, person, rating: str):
    assessment = start_assessment(database, project, person)
    complete_every_point(database, assessment, rating)
    assessment.status = "submitted"
    assessment.submitted_at = datetime.now(UTC) - timedelta(days=3)
    database.commit()
    return assessment


@pytest.fixture
def portfolio(database, make_person):
    """Blue Badge (Test directorate, red, an overdue action whose words look like a formula,
    an assessment whose report is late) and "=1+2 Roads" (Place, never assessed)."""
    person = make_person(name="Sam Owner")
    blue = make_project(database, "Blue Badge", phase="private_beta", team=[(person, "member")])
    assessment = _submitted(database, blue, person, "red")
    make_action(
        database,
        blue,
        assessment,
        number=3,
        description=FORMULA,
        owner_name="@Dana",
        due_date=TODAY - timedelta(days=10),
    )
    make_panel_assessment(
        database,
        blue,
        status="arranged",
        assessment_date=TODAY - timedelta(days=30),
        report_due=TODAY - timedelta(days=20),
    )
    roads = make_project(database, "=1+2 Roads", phase="discovery")
    roads.directorate = _directorate(database, "Place")
    database.commit()
    return {"blue": blue, "roads": roads, "place": roads.directorate}


def _xlsx(response):
    return load_workbook(io.BytesIO(response.data))


def _table(sheet) -> list[list[object]]:
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def _csv(response) -> list[list[str]]:
    text = response.data.decode("utf-8")
    assert text.startswith("\ufeff")  # Excel needs the byte order mark to read UTF-8
    return list(csv.reader(io.StringIO(text[1:])))


def test_the_workbook_has_the_grid_actions_and_assessments(client, signed_in_as, portfolio):
    signed_in_as("board_member")
    response = client.get(XLSX)
    assert response.status_code == 200
    assert response.mimetype.endswith("spreadsheetml.sheet")
    assert (
        response.headers["Content-Disposition"]
        == f'attachment; filename="portfolio-{TODAY.isoformat()}.xlsx"'
    )
    workbook = _xlsx(response)
    assert workbook.sheetnames == ["Grid", "Actions", "Assessments"]

    grid = workbook["Grid"]
    headings, *rows = _table(grid)
    assert headings[:6] == [
        "Project",
        "Directorate",
        "Framework",
        "Phase",
        "Stage",
        "Overall rating",
    ]
    assert headings[6] == "Point 1: Understand users and their needs"
    assert headings[7] == "Point 1 rated by"
    assert headings[-7:] == [
        "Self-assessment last changed",
        "Stale",
        "Next assessment due",
        "Assessment overdue",
        "Open actions",
        "Overdue actions",
        "Moved on past red",
    ]
    by_name = {row[0]: dict(zip(headings, row, strict=True)) for row in rows}
    assert set(by_name) == {"Blue Badge", "=1+2 Roads"}
    blue = by_name["Blue Badge"]
    assert blue["Directorate"] == "Test directorate"
    assert blue["Phase"] == "Private beta"
    assert blue["Stage"] == "Delivery"
    assert blue["Overall rating"] == "Red"
    assert blue["Point 1: Understand users and their needs"] == "Red"
    assert blue["Point 1 rated by"] == "Team's self-rating"
    assert blue["Stale"] == "No"
    assert blue["Overdue actions"] == 1
    assert blue["Open actions"] == 15  # one for each red point, and the overdue one
    roads = by_name["=1+2 Roads"]
    assert roads["Overall rating"] == "Not yet assessed"
    assert roads["Point 1: Understand users and their needs"] == "Not assessed"
    assert roads["Point 1 rated by"] is None
    assert roads["Stale"] == "Yes"
    assert roads["Self-assessment last changed"] is None

    headings, *actions = _table(workbook["Actions"])
    assert headings == [
        "Project",
        "Directorate",
        "Point",
        "Point title",
        "Action",
        "Owner",
        "Due",
        "Status",
        "Days overdue",
    ]
    [overdue] = [row for row in actions if row[8] is not None]
    assert overdue[:6] == [
        "Blue Badge",
        "Test directorate",
        3,
        "Provide a joined up experience across all channels",
        FORMULA,
        "@Dana",
    ]
    assert overdue[6].date() == TODAY - timedelta(days=10)
    assert overdue[7:] == ["Open", 10]

    headings, *assessments = _table(workbook["Assessments"])
    assert headings == [
        "Project",
        "Directorate",
        "Kind",
        "Phase",
        "Date",
        "Status",
        "Report due",
        "Overdue",
        "Working days late",
    ]
    [late] = assessments
    assert late[:4] == ["Blue Badge", "Test directorate", "Assessment", "Private beta"]
    assert late[5] == "Arranged"
    assert late[6].date() == TODAY - timedelta(days=20)
    assert late[7] == "Report late"
    assert late[8] > 0


def test_the_grids_filters_narrow_the_downloads_to_the_projects_it_shows(
    client, signed_in_as, portfolio, database, make_person
):
    person = make_person(name="Gail Green")
    green = make_project(database, "Green Waste", phase="alpha", team=[(person, "member")])
    _submitted(database, green, person, "green")
    make_action(database, green, None, number=2, description="Tidy the bins", due_date=None)
    signed_in_as("board_member")

    page = client.get("/portfolio/grid?overall=red&sort=name&direction=desc").get_data(as_text=True)
    assert "Download this project" in page
    assert f'href="{CSV}?overall=red" download' in page  # the filters, not the sort
    everything = client.get("/portfolio/grid").get_data(as_text=True)
    assert "Download every project in the grid" in everything
    both = client.get("/portfolio/grid?overall=red&overall=green").get_data(as_text=True)
    assert "Download these 2 projects" in both
    assert f'href="{CSV}" download' in everything

    response = client.get(f"{CSV}?overall=red")
    names = [row[0] for row in _csv(response)[1:]]
    assert names == ["Blue Badge"]
    # A filtered file is named as one, and the JSON says which filters chose its projects.
    assert (
        response.headers["Content-Disposition"]
        == f'attachment; filename="portfolio-filtered-{TODAY.isoformat()}.csv"'
    )
    assert json.loads(client.get(f"{JSON}?overall=red").data)["filters"] == ["red overall"]
    assert json.loads(client.get(JSON).data)["filters"] == []
    workbook = _xlsx(client.get(f"{XLSX}?overall=red"))
    assert {row[0] for row in _table(workbook["Actions"])[1:]} == {"Blue Badge"}
    assert {row[0] for row in _table(workbook["Assessments"])[1:]} == {"Blue Badge"}
    document = json.loads(client.get(f"{JSON}?overall=green").data)
    assert [project["name"] for project in document["projects"]] == ["Green Waste"]
    assert [action["description"] for action in document["actions"]] == ["Tidy the bins"]
    assert document["assessments"] == []
    # Without filters, every project, by name.
    names = [row[0] for row in _csv(client.get(CSV))[1:]]
    assert names == ["'=1+2 Roads", "Blue Badge", "Green Waste"]  # CSV keeps it as text


def test_each_sheet_has_a_frozen_header_a_filter_and_widths(client, signed_in_as, portfolio):
    signed_in_as("board_member")
    workbook = _xlsx(client.get(XLSX))
    for sheet in workbook.worksheets:
        assert sheet.freeze_panes in ("A2", "B2"), sheet.title
        assert sheet.auto_filter.ref.startswith("A1:"), sheet.title
        assert sheet["A1"].font.bold
        widths = [dimension.width for dimension in sheet.column_dimensions.values()]
        assert widths and all(8 <= width <= 62 for width in widths), (sheet.title, widths)
    assert workbook["Grid"].freeze_panes == "B2"  # the project's name stays in view


def test_text_that_looks_like_a_formula_stays_text(client, signed_in_as, portfolio):
    signed_in_as("board_member")
    workbook = _xlsx(client.get(XLSX))
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
    [roads] = [cell for cell in workbook["Grid"]["A"] if cell.value == "=1+2 Roads"]
    assert roads.value == "=1+2 Roads" and roads.data_type == "s" and roads.quotePrefix

    rows = _csv(client.get(CSV))
    names = [row[0] for row in rows[1:]]
    assert "'=1+2 Roads" in names  # a spreadsheet opening the CSV shows it, never runs it
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


def test_characters_xml_forbids_are_dropped(client, signed_in_as, portfolio, database):
    make_action(database, portfolio["blue"], description="Fix the\x1f form\x0b now")
    signed_in_as("board_member")
    response = client.get(XLSX)
    assert response.status_code == 200
    descriptions = [row[4] for row in _table(_xlsx(response)["Actions"])]
    assert "Fix the form now" in descriptions


def test_the_csv_is_the_grid(client, signed_in_as, portfolio):
    signed_in_as("organiser")
    response = client.get(CSV)
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"].endswith(
        f'filename="portfolio-{TODAY.isoformat()}.csv"'
    )
    headings, *rows = _csv(response)
    assert headings[:8] == [
        "Project",
        "Directorate",
        "Framework",
        "Phase",
        "Stage",
        "Overall rating",
        "Point 1",
        "Point 1 rated by",
    ]
    by_name = {row[0]: dict(zip(headings, row, strict=True)) for row in rows}
    blue = by_name["Blue Badge"]
    assert blue["Overall rating"] == "Red"
    assert blue["Point 14"] == "Red"
    assert blue["Point 14 rated by"] == "Team's self-rating"
    assert blue["Overdue actions"] == "1"
    assert date.fromisoformat(blue["Self-assessment last changed"]) <= TODAY
    assert by_name["'=1+2 Roads"]["Directorate"] == "Place"


def test_the_json_holds_the_same(client, signed_in_as, portfolio):
    signed_in_as("administrator")
    response = client.get(JSON)
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    document = json.loads(response.data)
    assert document["as_at"] == TODAY.isoformat()
    assert document["directorate_scope"] is None
    projects = {p["name"]: p for p in document["projects"]}
    blue = projects["Blue Badge"]
    assert blue["overall"] == "red" and blue["stage"] == "delivery"
    assert len(blue["points"]) == 14
    assert blue["points"][0] == {
        "number": 1,
        "title": "Understand users and their needs",
        "rating": "red",
        "source": "team",
        "label": "Red",
        "words": "Red, team's self-rating",
    }
    assert blue["actions"]["overdue"] == 1
    assert projects["=1+2 Roads"]["overall"] == "not_assessed"  # JSON needs no escaping
    [overdue] = [a for a in document["actions"] if a["days_overdue"]]
    assert overdue["description"] == FORMULA and overdue["days_overdue"] == 10
    [late] = document["assessments"]
    assert late["overdue"] == "report" and late["working_days_late"] > 0


def test_a_limited_board_member_downloads_only_their_directorates(
    client, signed_in_as, portfolio, database
):
    director = signed_in_as("board_member")
    database.add(DirectorateScope(person_id=director.id, directorate_id=portfolio["place"].id))
    database.commit()

    workbook = _xlsx(client.get(XLSX))
    assert [row[0] for row in _table(workbook["Grid"])[1:]] == ["=1+2 Roads"]
    assert _table(workbook["Actions"])[1:] == []
    assert _table(workbook["Assessments"])[1:] == []
    assert [row[0] for row in _csv(client.get(CSV))[1:]] == ["'=1+2 Roads"]
    document = json.loads(client.get(JSON).data)
    assert [p["name"] for p in document["projects"]] == ["=1+2 Roads"]
    assert document["actions"] == [] and document["assessments"] == []
    assert document["directorate_scope"] == [{"id": portfolio["place"].id, "name": "Place"}]


def test_an_administrators_scope_rows_are_ignored(client, signed_in_as, portfolio, database):
    admin = signed_in_as("administrator")
    database.add(DirectorateScope(person_id=admin.id, directorate_id=portfolio["place"].id))
    database.commit()
    document = json.loads(client.get(JSON).data)
    assert {p["name"] for p in document["projects"]} == {"Blue Badge", "=1+2 Roads"}


@pytest.mark.parametrize("url", [XLSX, CSV, JSON])
def test_team_members_and_assessors_are_refused(client, signed_in_as, make_person, url):
    assert client.get(url).status_code == 302  # signed out: to sign in
    signed_in_as()
    assert client.get(url).status_code == 403
    signed_in_as("assessor")
    assert client.get(url).status_code == 403


@pytest.mark.parametrize("url", [XLSX, CSV, JSON])
def test_the_queries_do_not_grow_with_the_projects(app, client, signed_in_as, database, url):
    person = signed_in_as("board_member")

    def add(n: int) -> None:
        project = make_project(database, f"Project {n}", team=[(person, "member")])
        assessment = _submitted(database, project, person, "amber")
        make_action(database, project, assessment, due_date=TODAY - timedelta(days=1))
        make_panel_assessment(database, project, status="arranged", report_due=date(2026, 1, 5))

    add(0)
    client.get(url)
    with counting_queries(app) as few:
        assert client.get(url).status_code == 200
    for n in range(1, 6):
        add(n)
    with counting_queries(app) as many:
        assert client.get(url).status_code == 200
    assert len(few) == len(many), (len(few), len(many))


@pytest.mark.parametrize("url", [XLSX, CSV, JSON])
def test_a_scope_with_no_projects_gives_files_of_headings_alone(
    client, signed_in_as, database, portfolio, url
):
    director = signed_in_as("board_member")
    empty = _directorate(database, "Nothing here yet")
    database.add(DirectorateScope(person_id=director.id, directorate_id=empty.id))
    database.commit()
    response = client.get(url)
    assert response.status_code == 200
    if url == XLSX:
        assert [len(_table(sheet)) for sheet in _xlsx(response).worksheets] == [1, 1, 1]
    elif url == CSV:
        assert len(_csv(response)) == 1
    else:
        assert json.loads(response.data)["projects"] == []
