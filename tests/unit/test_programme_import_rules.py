"""The programme import's rules: headings, each row's values, and what an import changes."""

from __future__ import annotations

import pytest

from app.rules.phases import Phase
from app.rules.programme_import import (
    COLUMN_HEADINGS,
    Column,
    check_row,
    column_letter,
    match_headings,
    parse_stage,
    phase_after_import,
    rows_from_table,
)
from app.rules.programme_plan import ExistingProject, Owner, RowStatus, change_lines, plan_import

TEMPLATE = list(COLUMN_HEADINGS.values())[1:]  # without the ID


def cells(**changes) -> dict[Column, object]:
    values = {
        Column.NAME: "Library room booking",
        Column.DESCRIPTION: "Book rooms in libraries.",
        Column.DIRECTORATE: "Communities",
        Column.OWNER_EMAIL: "ada@example.gov.uk",
        Column.STAGE: "concept",
        Column.KEY_DELIVERABLES: "A prototype",
        Column.CASHABLE: "£12,000",
        Column.NON_CASHABLE: "low",
    }
    short = {"cashable": Column.CASHABLE, "non_cashable": Column.NON_CASHABLE}
    values.update({short.get(key) or Column(key): value for key, value in changes.items()})
    return values


OWNERS = {
    "ada@example.gov.uk": Owner("ada@example.gov.uk", "Ada", True),
    "ben@example.gov.uk": Owner("ben@example.gov.uk", "Ben", True),
    "gone@example.gov.uk": Owner("gone@example.gov.uk", "Gone", False),
}


def existing(**changes) -> ExistingProject:
    values = {
        "id": 7,
        "name": "Library room booking",
        "description": "Book rooms in libraries.",
        "directorate": "Communities",
        "phase": "discovery",
        "key_deliverables": "A prototype",
        "cashable_benefit": 12000,
        "non_cashable_benefit": "low",
        "owner_emails": frozenset({"ada@example.gov.uk"}),
    }
    values.update(changes)
    return ExistingProject(**values)


# --- Headings ---------------------------------------------------------------------------------


def test_headings_match_whatever_their_case_spacing_and_punctuation():
    found = match_headings(
        [
            "  PROJECT   NAME ",
            "description",
            "Directorate",
            "Owner e-mail",
            "stage",
            "key_deliverables",
            "Cashable benefit £ a year",
            "Non-cashable benefit",
            "",
        ]
    )
    assert found.problems == [
        "Column D is headed “Owner e-mail”, which is not a column the import uses",
        "The file has no Owner email column: the first row must hold the headings",
    ]
    found = match_headings([*TEMPLATE[:3], "owner_email", *TEMPLATE[4:], "Project ID"])
    assert found.problems == []
    assert found.columns[Column.ID] == 8
    assert found.columns[Column.OWNER_EMAIL] == 3


def test_the_template_headings_match_themselves():
    assert match_headings(list(COLUMN_HEADINGS.values())).problems == []


def test_missing_unknown_and_repeated_columns_are_problems():
    found = match_headings(["Project name", "Name", "Budget"])
    assert found.problems[0] == "Column B is a second Project name column (the first is column A)"
    assert found.problems[1] == "Column C is headed “Budget”, which is not a column the import uses"
    assert found.problems[2].startswith("The file has no Description, Directorate, Owner email")
    assert found.problems[2].endswith("columns: the first row must hold the headings")


def test_column_letters():
    assert [column_letter(i) for i in (0, 25, 26, 27, 51, 52)] == ["A", "Z", "AA", "AB", "AZ", "BA"]


def test_a_table_with_no_rows_or_only_blanks_is_empty():
    assert rows_from_table([]) == ([], ["The selected file is empty"])
    assert rows_from_table([["", " "], []]) == ([], ["The selected file is empty"])
    assert rows_from_table([TEMPLATE, ["", ""]]) == (
        [],
        ["The selected file has headings but no projects"],
    )


def test_blank_rows_are_skipped_and_row_numbers_are_the_spreadsheets():
    table = [TEMPLATE, ["A", "B", "C", "ada@example.gov.uk", "alpha", "", "", ""], [], ["D"]]
    rows, problems = rows_from_table(table)
    assert problems == []
    assert [number for number, _ in rows] == [2, 4]
    assert rows[1][1][Column.DESCRIPTION] == ""  # a short row's missing cells are blank


def test_a_value_under_no_heading_refuses_the_file():
    table = [[*TEMPLATE, ""], ["A", "B", "C", "d@e.gov.uk", "alpha", "", "", "", "stray"]]
    assert rows_from_table(table) == (
        [],
        ["Row 2 has a value in column I, which has no heading"],
    )


# --- Stages -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "phase"),
    [
        ("concept", Phase.DISCOVERY),
        ("Design", Phase.ALPHA),
        (" DELIVERY ", Phase.PRIVATE_BETA),
        ("discovery", Phase.DISCOVERY),
        ("Alpha", Phase.ALPHA),
        ("beta", Phase.PRIVATE_BETA),
        ("Private beta", Phase.PRIVATE_BETA),
        ("public_beta", Phase.PUBLIC_BETA),
        ("public-beta", Phase.PUBLIC_BETA),
        ("Live", Phase.LIVE),
        ("retired", Phase.RETIRED),
        ("Alpha (design)", Phase.ALPHA),
        ("Public beta (delivery)", Phase.PUBLIC_BETA),
    ],
)
def test_stage_words_and_agile_phases(text, phase):
    assert parse_stage(text).phase == phase


@pytest.mark.parametrize("text", ["build", "gamma", "alpha design beta", "concept (alpha)"])
def test_other_stage_words_are_refused(text):
    with pytest.raises(ValueError, match="Stage must be concept, design or delivery"):
        parse_stage(text)


def test_a_project_already_at_the_stage_stays_in_its_phase():
    delivery = parse_stage("delivery")
    assert phase_after_import(delivery, "live") == "live"
    assert phase_after_import(delivery, "public_beta") == "public_beta"
    assert phase_after_import(delivery, "alpha") == "private_beta"
    assert phase_after_import(parse_stage("beta"), "public_beta") == "public_beta"
    assert phase_after_import(parse_stage("beta"), "live") == "private_beta"
    assert phase_after_import(parse_stage("live"), "public_beta") == "live"
    assert phase_after_import(parse_stage("concept"), None) == "discovery"


# --- One row ----------------------------------------------------------------------------------


def test_a_good_row_is_tidied():
    values, errors = check_row(
        3,
        cells(
            name="  Library   room booking ",
            owner_email=" ADA@example.gov.uk ",
            cashable="£1,200,000",
            non_cashable=" Moderate ",
            key_deliverables="  Line one\nLine two  ",
        ),
    )
    assert errors == []
    assert values.row == 3
    assert values.name == "Library room booking"
    assert values.owner_email == "ada@example.gov.uk"
    assert values.cashable_benefit == 1_200_000
    assert values.non_cashable_benefit == "moderate"
    assert values.key_deliverables == "Line one\nLine two"
    assert values.project_id is None


@pytest.mark.parametrize(
    ("text", "pounds"),
    [("", None), ("120000", 120000), ("120,000", 120000), ("£120000.00", 120000)],
)
def test_cashable_benefit_in_pounds(text, pounds):
    values, errors = check_row(2, cells(cashable=text))
    assert errors == []
    assert values.cashable_benefit == pounds


@pytest.mark.parametrize("text", ["", "not known", "Not known yet", "TBC"])
def test_a_non_cashable_benefit_not_known_is_blank(text):
    values, _ = check_row(2, cells(non_cashable=text))
    assert values.non_cashable_benefit is None


@pytest.mark.parametrize(
    ("changes", "column", "message"),
    [
        ({"name": ""}, "Project name", "Enter the project name"),
        ({"name": "x" * 121}, "Project name", "Project name must be 120 characters or fewer"),
        ({"description": " "}, "Description", "Enter a description of the project"),
        ({"description": "x" * 2001}, "Description", "Description must be 2,000 characters"),
        ({"directorate": ""}, "Directorate", "Enter the directorate"),
        ({"directorate": "x" * 121}, "Directorate", "Directorate must be 120 characters"),
        ({"owner_email": ""}, "Owner email", "Enter the service owner's email address"),
        ({"owner_email": "ada at example"}, "Owner email", "in the correct format"),
        ({"stage": ""}, "Stage", "Enter the stage"),
        ({"stage": "build"}, "Stage", "Stage must be concept, design or delivery"),
        ({"key_deliverables": "x" * 2001}, "Key deliverables", "2,000 characters or fewer"),
        ({"cashable": "-5"}, "Cashable benefit (£ a year)", "must be £0 or more"),
        ({"cashable": "12.50"}, "Cashable benefit (£ a year)", "whole number of pounds"),
        ({"cashable": "lots"}, "Cashable benefit (£ a year)", "a number of pounds"),
        ({"cashable": "9" * 12}, "Cashable benefit (£ a year)", "or less"),
        ({"non_cashable": "medium"}, "Non-cashable benefit", "must be low, moderate or high"),
        ({"id": "abc"}, "ID", "ID must be a project's number"),
        ({"id": "-3"}, "ID", "ID must be a project's number"),
    ],
)
def test_each_bad_value_is_an_error_in_words(changes, column, message):
    values, errors = check_row(9, cells(**changes))
    assert values is None
    assert len(errors) == 1
    assert errors[0].row == 9
    assert errors[0].column == column
    assert message in errors[0].message
    assert errors[0].words().startswith(f"Row 9, {column}: ")


def test_every_problem_in_a_row_is_reported():
    _, errors = check_row(4, cells(name="", stage="build", cashable="lots"))
    assert [error.column for error in errors] == [
        "Project name",
        "Stage",
        "Cashable benefit (£ a year)",
    ]


def test_control_characters_are_dropped():
    values, _ = check_row(2, cells(name="Library\x00 room\x07 booking"))
    assert values.name == "Library room booking"


# --- What importing changes -------------------------------------------------------------------


def plan(rows, projects=(), directorates=("Communities",)):
    return plan_import(
        [(number, cells(**row)) for number, row in enumerate(rows, start=2)],
        list(projects),
        OWNERS,
        directorates,
    )


def test_a_new_project_and_a_new_directorate():
    result = plan([{"directorate": "Highways"}])
    (row,) = result.rows
    assert row.status == RowStatus.NEW
    assert row.changes["phase"] == [None, "discovery"]
    assert row.changes["service_owner"] == [None, "ada@example.gov.uk"]
    assert row.new_directorate
    assert result.new_directorates == ["Highways"]
    lines = change_lines(row, {"ada@example.gov.uk": "Ada"})
    assert "Service owner: Ada" in lines
    assert "Stage: Concept (discovery)" in lines
    assert "Directorate: Highways" in lines
    assert "New directorate: Highways" in lines


def test_the_same_values_are_unchanged():
    result = plan([{}], [existing()])
    assert [row.status for row in result.rows] == [RowStatus.UNCHANGED]
    assert result.rows[0].project_id == 7
    assert not result.changes_anything


def test_a_match_by_name_ignores_case_and_spacing_of_name_and_directorate():
    result = plan([{"directorate": " communities "}], [existing()])
    assert result.rows[0].status == RowStatus.UNCHANGED
    assert result.new_directorates == []


def test_changes_are_listed_field_by_field():
    result = plan(
        [{"stage": "design", "cashable": "", "owner_email": "ben@example.gov.uk"}], [existing()]
    )
    (row,) = result.rows
    assert row.status == RowStatus.CHANGED
    assert row.changes == {
        "phase": ["discovery", "alpha"],
        "service_owner": ["ada@example.gov.uk", "ben@example.gov.uk"],
        "cashable_benefit": [12000, None],
    }
    assert change_lines(row, {"ben@example.gov.uk": "Ben"}) == [
        "Stage changes from Concept (discovery) to Design (alpha)",
        "Ben becomes the service owner (before: ada@example.gov.uk; they stay in the team)",
        "Cashable benefit changes from £12,000 a year to Not estimated",
    ]


def test_a_project_with_several_owners_is_unchanged_when_the_file_names_one():
    project = existing(owner_emails=frozenset({"ada@example.gov.uk", "ben@example.gov.uk"}))
    assert plan([{"owner_email": "ben@example.gov.uk"}], [project]).rows[0].status == "unchanged"


def test_an_id_matches_whatever_the_name_and_directorate():
    result = plan(
        [{"id": "7", "name": "Rooms", "directorate": "Libraries"}], [existing()], ["Communities"]
    )
    (row,) = result.rows
    assert row.status == RowStatus.CHANGED
    assert row.changes["name"] == ["Library room booking", "Rooms"]
    assert row.changes["directorate"] == ["Communities", "Libraries"]


def test_row_errors_that_need_the_programme():
    projects = [existing(), existing(id=8, name="Potholes", directorate="Highways")]
    result = plan(
        [
            {"id": "99"},
            {"name": "Potholes"},  # in Highways, not Communities
            {"owner_email": "nobody@example.gov.uk", "name": "New one"},
            {"owner_email": "gone@example.gov.uk", "name": "New two"},
            {"id": "7", "name": "Potholes"},
            {"name": "New three"},
            {"name": "new  three"},
        ],
        projects,
    )
    words = [error.words() for error in result.errors]
    assert words == [
        "Row 2, ID: There is no project with the ID 99",
        "Row 3, Project name: A project with this name is in another directorate (Highways). "
        "Give its ID to move it, or use another name",
        "Row 4, Owner email: There is no account with this email address. Add the person first",
        "Row 5, Owner email: The account with this email address has been deactivated. "
        "Reactivate it first",
        "Row 6, Project name: Row 3 has the same project name",
        "Row 6, Project name: Another project already has this name",
        "Row 8, Project name: Row 7 has the same project name",
    ]
    assert [row.status for row in result.rows].count(RowStatus.ERROR) == 6


def test_the_same_id_twice_is_an_error():
    result = plan([{"id": "7"}, {"id": "7", "name": "Other"}], [existing()])
    assert [error.words() for error in result.errors] == ["Row 3, ID: Row 2 has the same ID"]


def test_a_row_with_bad_values_still_has_its_owner_checked():
    result = plan([{"stage": "build", "owner_email": "nobody@example.gov.uk"}])
    assert [error.column for error in result.errors] == ["Stage", "Owner email"]


def test_the_digest_follows_what_the_import_would_do():
    first = plan([{}], [existing()])
    assert first.digest() == plan([{}], [existing()]).digest()
    assert first.digest() != plan([{}], [existing(description="Other")]).digest()
    assert first.digest() != plan([{}]).digest()


def test_line_breaks_written_either_way_are_the_same_text():
    project = existing(description="Line one\r\nLine two", key_deliverables="A\r\nB")
    result = plan([{"description": "Line one\nLine two", "key_deliverables": "A\rB"}], [project])
    assert result.rows[0].status == RowStatus.UNCHANGED


def test_a_row_with_problems_adds_no_directorate():
    result = plan([{"directorate": "Highways", "stage": "build"}])
    assert result.new_directorates == []


# --- Directorates that nearly match, optional columns, the preview's order -----------------


def test_a_directorate_differing_only_in_case_and_spaces_is_the_existing_one():
    result = plan(
        [{"directorate": "  communities "}, {"name": "Other", "directorate": "COMMUNITIES"}]
    )
    assert result.new_directorates == []
    row = result.rows[0]
    assert row.status == RowStatus.NEW and not row.errors
    assert row.matched_directorate == "Communities"
    assert row.changes["directorate"] == [None, "Communities"]
    lines = change_lines(row, {})
    assert (
        "Directorate “communities” in the file is taken as “Communities”, which the service has"
        in lines
    )


@pytest.mark.parametrize(
    "typed", ["Communities Directorate", "Communities  directorate", "The Communities"]
)
def test_a_near_miss_directorate_is_an_error_suggesting_the_existing_name(typed):
    result = plan([{"directorate": typed}])
    (row,) = result.rows
    assert row.status == RowStatus.ERROR
    assert result.new_directorates == []
    assert row.errors[0].column == "Directorate"
    assert "Did you mean “Communities”?" in row.errors[0].message


def test_and_and_ampersand_are_a_near_miss():
    result = plan([{"directorate": "Digital and Data"}], directorates=["Digital & Data"])
    assert "Did you mean “Digital & Data”?" in result.rows[0].errors[0].message


def test_a_near_miss_is_reported_beside_the_rows_other_problems():
    result = plan(
        [{"directorate": "Digital and Data", "stage": "nowhere"}], directorates=["Digital & Data"]
    )
    columns = {error.column for error in result.rows[0].errors}
    assert {"Directorate", "Stage"} <= columns
    assert any("Did you mean “Digital & Data”?" in e.message for e in result.rows[0].errors)


def test_optional_columns_may_be_left_out_and_leave_the_project_as_it_is():
    assert (
        match_headings(
            ["Project name", "Description", "Directorate", "Owner email", "Stage"]
        ).problems
        == []
    )
    row_cells = cells()
    for column in (Column.KEY_DELIVERABLES, Column.CASHABLE, Column.NON_CASHABLE):
        del row_cells[column]
    result = plan_import([(2, row_cells)], [existing()], OWNERS, ["Communities"])
    assert result.rows[0].status == RowStatus.UNCHANGED
    assert result.absent_columns == [
        "Key deliverables",
        "Cashable benefit (£ a year)",
        "Non-cashable benefit",
    ]
    assert plan([{}]).absent_columns == []


def test_the_preview_lists_problems_then_changes_then_new_then_unchanged():
    result = plan(
        [
            {},  # unchanged
            {"name": "Brand new"},  # new
            {"name": "Bad", "stage": "nonsense"},  # error
            {"name": "Parking permits"},  # changed (its stage)
        ],
        [existing(), existing(id=8, name="Parking permits", phase="alpha")],
    )
    order = [row.status for row in result.rows_for_preview]
    assert order == [RowStatus.ERROR, RowStatus.CHANGED, RowStatus.NEW, RowStatus.UNCHANGED]
