"""Rules for importing the programme spreadsheet: its columns, each row's values, and what
importing it would change.

Plain functions on plain values: the caller reads the file (``app.spreadsheets``) and
looks up the projects, people and directorates (``app.data.programme``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from app.rules.ids import parse_id
from app.rules.phases import Phase
from app.rules.projects import (
    DESCRIPTION_LIMIT,
    DIRECTORATE_LIMIT,
    KEY_DELIVERABLES_LIMIT,
    KEY_DELIVERABLES_TOO_LONG,
    NAME_LIMIT,
    NonCashable,
    parse_pounds,
)
from app.rules.text import without_control_characters

EMAIL_LIMIT = 254
# More rows than any programme has; a file with more is refused before its rows are checked.
ROW_LIMIT = 2000


class Column(StrEnum):
    ID = "id"
    NAME = "name"
    DESCRIPTION = "description"
    DIRECTORATE = "directorate"
    OWNER_EMAIL = "owner_email"
    STAGE = "stage"
    KEY_DELIVERABLES = "key_deliverables"
    CASHABLE = "cashable_benefit"
    NON_CASHABLE = "non_cashable_benefit"


# Each column's heading in the template, in the template's order.
COLUMN_HEADINGS: dict[Column, str] = {
    Column.ID: "ID",
    Column.NAME: "Project name",
    Column.DESCRIPTION: "Description",
    Column.DIRECTORATE: "Directorate",
    Column.OWNER_EMAIL: "Owner email",
    Column.STAGE: "Stage",
    Column.KEY_DELIVERABLES: "Key deliverables",
    Column.CASHABLE: "Cashable benefit (£ a year)",
    Column.NON_CASHABLE: "Non-cashable benefit",
}

# What goes in each column, for the import page.
COLUMN_HINTS: dict[Column, str] = {
    Column.ID: (
        "Optional. The project's number in this service (in its address). "
        "Leave blank for a new project."
    ),
    Column.NAME: f"Required. Up to {NAME_LIMIT} characters.",
    Column.DESCRIPTION: f"Required. Up to {DESCRIPTION_LIMIT:,} characters.",
    Column.DIRECTORATE: (
        f"Required. Up to {DIRECTORATE_LIMIT} characters. Capitals and extra spaces do not "
        "matter; everything else, punctuation too, must be as the service has it: a near "
        "miss, like “&” for “and” or a missing comma, is refused. A directorate the service "
        "does not have yet is added."
    ),
    Column.OWNER_EMAIL: (
        "Required. The email address the service owner signs in with: they must have an account."
    ),
    Column.STAGE: (
        "Required. Concept, design or delivery, or a phase: discovery, alpha, beta, "
        "private beta, public beta, live or retired."
    ),
    Column.KEY_DELIVERABLES: f"Optional. Up to {KEY_DELIVERABLES_LIMIT:,} characters.",
    Column.CASHABLE: "Optional. Whole pounds a year, like 120000 or £120,000.",
    Column.NON_CASHABLE: "Optional. Low, moderate or high. Leave blank if not known yet.",
}

# The columns a file must have. The optional ones may be left out: what they hold stays as
# it is (and a new project has none).
OPTIONAL_COLUMNS: tuple[Column, ...] = (
    Column.ID,
    Column.KEY_DELIVERABLES,
    Column.CASHABLE,
    Column.NON_CASHABLE,
)
REQUIRED_COLUMNS: tuple[Column, ...] = tuple(
    column for column in Column if column not in OPTIONAL_COLUMNS
)

# Other headings people write for the same columns (compared once normalised: see
# ``heading_key``).
_OTHER_HEADINGS: dict[Column, tuple[str, ...]] = {
    Column.ID: ("project id", "project number"),
    Column.NAME: ("name", "project", "project title", "service name"),
    Column.DIRECTORATE: ("portfolio", "directorate portfolio"),
    Column.OWNER_EMAIL: (
        "owner",
        "owner email address",
        "service owner email",
        "service owner email address",
        "service owner",
    ),
    Column.STAGE: ("phase", "programme stage"),
    Column.KEY_DELIVERABLES: ("deliverables",),
    Column.CASHABLE: ("cashable benefit", "cashable benefit a year", "cashable"),
    Column.NON_CASHABLE: ("non cashable benefit", "non cashable", "non cashable benefits"),
}


def heading_key(heading: str) -> str:
    """A heading as it is compared: lower case, words only ("Cashable benefit (£ a year)"
    and "cashable_benefit" both become "cashable benefit a year" / "cashable benefit")."""
    words = re.sub(r"[^a-z0-9]+", " ", (heading or "").lower())
    return " ".join(words.split())


_HEADING_COLUMNS: dict[str, Column] = {}
for _column, _heading in COLUMN_HEADINGS.items():
    for _name in (_heading, _column.value, *_OTHER_HEADINGS.get(_column, ())):
        _HEADING_COLUMNS[heading_key(_name)] = _column


def column_letter(index: int) -> str:
    """The spreadsheet letter of the column at ``index`` (0 is A, 26 is AA)."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


@dataclass(frozen=True)
class Headings:
    """Where each known column is (its index), or what is wrong with the heading row."""

    columns: dict[Column, int]
    problems: list[str]


def match_headings(headings: Sequence[str]) -> Headings:
    """Find each column by its heading, ignoring case, spaces and punctuation.

    A heading the import does not know, the same column twice, or a required column
    missing is a problem (an optional column missing is not): the whole file is refused, so
    that nothing is half imported.
    """
    columns: dict[Column, int] = {}
    problems: list[str] = []
    for index, heading in enumerate(headings):
        text = " ".join(str(heading or "").split())
        if not text:
            continue
        column = _HEADING_COLUMNS.get(heading_key(text))
        where = f"Column {column_letter(index)}"
        if column is None:
            problems.append(
                f"{where} is headed “{text[:60]}”, which is not a column the import uses"
            )
        elif column in columns:
            problems.append(
                f"{where} is a second {COLUMN_HEADINGS[column]} column "
                f"(the first is column {column_letter(columns[column])})"
            )
        else:
            columns[column] = index
    missing = [COLUMN_HEADINGS[column] for column in REQUIRED_COLUMNS if column not in columns]
    if missing:
        problems.append(
            "The file has no "
            + _and_list(missing)
            + (" column" if len(missing) == 1 else " columns")
            + ": the first row must hold the headings"
        )
    return Headings(columns, problems)


def _and_list(words: Sequence[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


# --- Stages -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Stage:
    """A stage as the file gives it: the phase a new project starts in, and the phases that
    already are that stage (a project in live is "delivery"; "beta" is either beta)."""

    phase: Phase
    matches: frozenset[Phase]


_PROGRAMME_STAGES = {
    "concept": Stage(Phase.DISCOVERY, frozenset({Phase.DISCOVERY})),
    "design": Stage(Phase.ALPHA, frozenset({Phase.ALPHA})),
    "delivery": Stage(
        Phase.PRIVATE_BETA, frozenset({Phase.PRIVATE_BETA, Phase.PUBLIC_BETA, Phase.LIVE})
    ),
}
_AGILE_STAGES = {
    "beta": Stage(Phase.PRIVATE_BETA, frozenset({Phase.PRIVATE_BETA, Phase.PUBLIC_BETA})),
    **{heading_key(phase.value): Stage(phase, frozenset({phase})) for phase in Phase},
}

STAGE_PROBLEM = (
    "Stage must be concept, design or delivery, or a phase: discovery, alpha, beta, "
    "private beta, public beta, live or retired"
)


def parse_stage(text: str) -> Stage:
    """The stage named by ``text``: a programme word (concept, design, delivery), an agile
    phase, or both as the service writes them ("Alpha (design)"). Raises ``ValueError``."""
    key = heading_key(text)
    if key in _PROGRAMME_STAGES:
        return _PROGRAMME_STAGES[key]
    if key in _AGILE_STAGES:
        return _AGILE_STAGES[key]
    # "Alpha (design)", as the service shows a phase: the phase decides.
    words = re.fullmatch(r"(.+?) (concept|design|delivery|closed)", key)
    if words and words.group(1) in _AGILE_STAGES:
        return _AGILE_STAGES[words.group(1)]
    raise ValueError(STAGE_PROBLEM)


def phase_after_import(stage: Stage, current: str | None) -> str:
    """The phase a project is in after the import: the one it is in when that is already the
    stage the file gives (so importing the same file twice moves nothing), else the stage's."""
    if current is not None and current in {phase.value for phase in stage.matches}:
        return current
    return stage.phase.value


# --- One row ------------------------------------------------------------------------------

NON_CASHABLE_PROBLEM = "Non-cashable benefit must be low, moderate or high, or blank if not known"
_NOT_KNOWN_WORDS = {"not known", "not known yet", "unknown", "none", "n a", "tbc"}
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


@dataclass(frozen=True)
class RowError:
    row: int  # the spreadsheet's row number (the headings are row 1)
    column: str  # the column's heading in the template, or "" for the whole row
    message: str

    def words(self) -> str:
        where = f"Row {self.row}" + (f", {self.column}" if self.column else "")
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class RowValues:
    """One row's values, checked and tidied."""

    row: int
    project_id: int | None
    name: str
    description: str
    directorate: str
    owner_email: str
    stage: Stage
    key_deliverables: str
    cashable_benefit: int | None
    non_cashable_benefit: str | None


def _text(value: object) -> str:
    """A cell as text without characters nobody types, surrounding spaces removed."""
    text = without_control_characters(str(value if value is not None else "")) or ""
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def one_line(value: object) -> str:
    return " ".join(_text(value).split())


def check_row(row: int, cells: Mapping[Column, object]) -> tuple[RowValues | None, list[RowError]]:
    """Check one row's cells; returns its values when nothing is wrong, and every problem."""
    problems: list[RowError] = []

    def problem(column: Column, message: str) -> None:
        problems.append(RowError(row, COLUMN_HEADINGS[column], message))

    project_id = None
    id_text = one_line(cells.get(Column.ID)).removesuffix(".0")
    if id_text:
        if parse_id(id_text) is not None:
            project_id = parse_id(id_text)
        else:
            problem(Column.ID, "ID must be a project's number, or blank for a new project")

    name = one_line(cells.get(Column.NAME))
    if not name:
        problem(Column.NAME, "Enter the project name")
    elif len(name) > NAME_LIMIT:
        problem(Column.NAME, f"Project name must be {NAME_LIMIT} characters or fewer")

    description = _text(cells.get(Column.DESCRIPTION))
    if not description:
        problem(Column.DESCRIPTION, "Enter a description of the project")
    elif len(description) > DESCRIPTION_LIMIT:
        problem(
            Column.DESCRIPTION, f"Description must be {DESCRIPTION_LIMIT:,} characters or fewer"
        )

    directorate = one_line(cells.get(Column.DIRECTORATE))
    if not directorate:
        problem(Column.DIRECTORATE, "Enter the directorate")
    elif len(directorate) > DIRECTORATE_LIMIT:
        problem(Column.DIRECTORATE, f"Directorate must be {DIRECTORATE_LIMIT} characters or fewer")

    owner_email = one_line(cells.get(Column.OWNER_EMAIL)).lower()
    if not owner_email:
        problem(Column.OWNER_EMAIL, "Enter the service owner's email address")
    elif len(owner_email) > EMAIL_LIMIT or not _EMAIL.fullmatch(owner_email):
        problem(
            Column.OWNER_EMAIL,
            "Enter the owner's email address in the correct format, like name@example.gov.uk",
        )

    stage = None
    stage_text = one_line(cells.get(Column.STAGE))
    if not stage_text:
        problem(Column.STAGE, "Enter the stage: concept, design or delivery, or a phase")
    else:
        try:
            stage = parse_stage(stage_text)
        except ValueError as error:
            problem(Column.STAGE, str(error))

    key_deliverables = _text(cells.get(Column.KEY_DELIVERABLES))
    if len(key_deliverables) > KEY_DELIVERABLES_LIMIT:
        problem(Column.KEY_DELIVERABLES, KEY_DELIVERABLES_TOO_LONG)

    cashable = None
    cashable_text = one_line(cells.get(Column.CASHABLE))
    if re.fullmatch(r"£?[0-9,]+\.0+", cashable_text):  # a whole number a spreadsheet wrote
        cashable_text = cashable_text.split(".")[0]
    try:
        cashable = parse_pounds(cashable_text)
    except ValueError as error:
        problem(Column.CASHABLE, str(error))

    non_cashable = None
    level = heading_key(one_line(cells.get(Column.NON_CASHABLE)))
    if level and level not in _NOT_KNOWN_WORDS:
        if level in {value.value for value in NonCashable}:
            non_cashable = level
        else:
            problem(Column.NON_CASHABLE, NON_CASHABLE_PROBLEM)

    if problems or stage is None:
        return None, problems
    return (
        RowValues(
            row=row,
            project_id=project_id,
            name=name,
            description=description,
            directorate=directorate,
            owner_email=owner_email,
            stage=stage,
            key_deliverables=key_deliverables,
            cashable_benefit=cashable,
            non_cashable_benefit=non_cashable,
        ),
        [],
    )


def is_blank_row(cells: Sequence[object]) -> bool:
    return all(not _text(cell) for cell in cells)


def rows_from_table(
    table: Sequence[Sequence[object]],
) -> tuple[list[tuple[int, dict[Column, object]]], list[str]]:
    """The data rows of a table whose first row is the headings, as ``(row number, cells by
    column)``, skipping blank rows; or the problems with the file as a whole."""
    if not table or all(is_blank_row(row) for row in table):
        return [], ["The selected file is empty"]
    headings = match_headings([_text(cell) for cell in table[0]])
    if headings.problems:
        return [], headings.problems
    rows = []
    for number, cells in enumerate(table[1:], start=2):
        if is_blank_row(cells):
            continue
        extra = [
            index
            for index, cell in enumerate(cells)
            if index not in headings.columns.values() and _text(cell)
        ]
        if extra:
            return [], [
                f"Row {number} has a value in column {column_letter(extra[0])}, "
                "which has no heading"
            ]
        rows.append(
            (
                number,
                {
                    column: (cells[index] if index < len(cells) else "")
                    for column, index in headings.columns.items()
                },
            )
        )
    if not rows:
        return [], ["The selected file has headings but no projects"]
    if len(rows) > ROW_LIMIT:
        return [], [f"The selected file must have {ROW_LIMIT:,} projects or fewer"]
    return rows, []


def owner_emails(rows: Iterable[tuple[int, Mapping[Column, object]]]) -> set[str]:
    """The owners' email addresses the rows name, as ``check_row`` reads them."""
    return {one_line(cells.get(Column.OWNER_EMAIL)).lower() for _, cells in rows} - {""}


def directorate_key(name: str) -> str:
    """A directorate's name as near misses are compared: lower case, words only, "&" read
    as "and", and without a leading or trailing "directorate" ("Digital & Data Directorate"
    and "digital and data" are the same key)."""
    key = heading_key((name or "").replace("&", " and "))
    key = key.removeprefix("directorate of ").removesuffix(" directorate")
    return key.removeprefix("the ")
