"""The portfolio's files built from rows, with no database: several frameworks each get a
grid sheet of their own, and text that looks like a formula stays text."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

from openpyxl import load_workbook

from app.board.portfolio_files import (
    Portfolio,
    as_json,
    csv_safe,
    file_name,
    grid_csv,
    grid_headings,
    xlsx,
)
from app.data.portfolio_sheets import ActionLine, AssessmentLine
from app.rules.portfolio import FrameworkInfo, ProjectFacts, project_row

TODAY = date(2026, 12, 3)
STANDARD = FrameworkInfo(1, "Service Standard", ((1, "Understand users"), (2, "Solve a problem")))
TECH = FrameworkInfo(2, "Technology Code of Practice", ((1, "Define user needs"),))


def _row(name: str, framework: FrameworkInfo, ratings=None):
    facts = ProjectFacts(
        id=hash(name) % 1000,
        name=name,
        framework=framework,
        phase="alpha",
        directorate="Finance",
        ratings=ratings or {},
    )
    return project_row(facts, TODAY)


def _portfolio(rows, actions=(), assessments=()):
    return Portfolio(TODAY, [], rows, list(actions), list(assessments))


def test_the_file_name_has_the_date():
    assert file_name(TODAY, "xlsx") == "portfolio-2026-12-03.xlsx"


def test_one_framework_is_one_grid_with_the_points_titles():
    book = load_workbook(io.BytesIO(xlsx(_portfolio([_row("A", STANDARD, {1: ("red", None)})]))))
    assert book.sheetnames == ["Grid", "Actions", "Assessments"]
    headings = [cell.value for cell in book["Grid"][1]]
    assert "Point 1: Understand users" in headings and "Point 2 rated by" in headings
    assert [cell.value for cell in book["Grid"][2]][6:8] == ["Red", "Team's self-rating"]


def test_several_frameworks_are_never_mixed_in_one_grid():
    rows = [_row("A", STANDARD), _row("B", TECH), _row("C", STANDARD)]
    book = load_workbook(io.BytesIO(xlsx(_portfolio(rows))))
    assert book.sheetnames == [
        "Grid Service Standard",
        "Grid Technology Code of Practic",  # Excel allows 31 characters
        "Actions",
        "Assessments",
    ]
    assert [r[0] for r in book["Grid Service Standard"].iter_rows(min_row=2, values_only=True)] == [
        "A",
        "C",
    ]
    tech = [cell.value for cell in book["Grid Technology Code of Practic"][1]]
    assert "Point 1: Define user needs" in tech and "Point 2 rated by" not in tech


def test_the_csv_names_each_projects_framework_beside_numbered_points():
    rows = [_row("A", STANDARD), _row("B", TECH)]
    table = list(csv.reader(io.StringIO(grid_csv(_portfolio(rows)).decode("utf-8-sig"))))
    assert table[0][2] == "Framework" and table[0][6] == "Point 1"
    b = dict(zip(table[0], table[2], strict=True))
    assert b["Framework"] == "Technology Code of Practice"
    assert b["Point 2"] == ""  # not a point of its framework


def test_an_empty_portfolio_still_has_its_headings():
    book = load_workbook(io.BytesIO(xlsx(_portfolio([]))))
    assert book.sheetnames == ["Grid", "Actions", "Assessments"]
    assert book["Grid"]["A1"].value == "Project"
    assert json.loads(as_json(_portfolio([])))["projects"] == []


def test_csv_cells_that_would_run_as_formulas_are_kept_as_text():
    for text in ("=SUM(A1)", "+44 1234", "-1", "@cmd", "\t=x", "\r=x"):
        assert csv_safe(text).startswith("'"), text
    assert csv_safe("Plain words") == "Plain words"
    assert csv_safe(-3) == -3  # numbers are numbers
    assert csv_safe(date(2027, 1, 2)) == "2027-01-02"
    assert csv_safe("nul\x00 here") == "nul here"


def test_actions_and_assessments_sheets_keep_formula_text_as_text():
    action = ActionLine("A", "Finance", 1, "Understand users", "=1+1", "-Kim", None, "open", None)
    assessment = AssessmentLine("A", "", "peer_review", "alpha", None, "arranged", None, None)
    book = load_workbook(io.BytesIO(xlsx(_portfolio([], [action], [assessment]))))
    description, owner = book["Actions"]["E2"], book["Actions"]["F2"]
    assert (description.value, description.data_type) == ("=1+1", "s")
    assert (owner.value, owner.data_type) == ("-Kim", "s")
    assert [c.value for c in book["Assessments"][2]][2:4] == ["Peer review", "Alpha"]
    assert book["Assessments"]["H2"].value == "No"


def test_grid_headings_without_titles_are_numbered():
    assert grid_headings([1, 2])[6:10] == [
        "Point 1",
        "Point 1 rated by",
        "Point 2",
        "Point 2 rated by",
    ]
