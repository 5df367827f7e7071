"""Rules for importing the programme spreadsheet: its columns, each row's values, and what
importing it would change.

Plain functions on plain values: the caller reads the file (``app.spreadsheets``) and
looks up the projects, people and directorates (``app.data.programme``).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from app.rules.phases import Phase, phase_label, programme_word
from app.rules.projects import (
    DESCRIPTION_LIMIT,
    DIRECTORATE_LIMIT,
    KEY_DELIVERABLES_LIMIT,
    KEY_DELIVERABLES_TOO_LONG,
    NAME_LIMIT,
    NonCashable,
    cashable_words,
    non_cashable_words,
    parse_pounds,
    phase_words,
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
        f"Required. Up to {DIRECTORATE_LIMIT} characters. A directorate the service does not "
        "have yet is added."
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

REQUIRED_COLUMNS: tuple[Column, ...] = tuple(column for column in Column if column != Column.ID)

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
    missing is a problem: the whole file is refused, so that nothing is half imported.
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
    return (without_control_characters(str(value if value is not None else "")) or "").strip()


def _one_line(value: object) -> str:
    return " ".join(_text(value).split())


def check_row(row: int, cells: Mapping[Column, object]) -> tuple[RowValues | None, list[RowError]]:
    """Check one row's cells; returns its values when nothing is wrong, and every problem."""
    problems: list[RowError] = []

    def problem(column: Column, message: str) -> None:
        problems.append(RowError(row, COLUMN_HEADINGS[column], message))

    project_id = None
    id_text = _one_line(cells.get(Column.ID)).removesuffix(".0")
    if id_text:
        if id_text.isdigit() and 0 < int(id_text) < 2**31:
            project_id = int(id_text)
        else:
            problem(Column.ID, "ID must be a project's number, or blank for a new project")

    name = _one_line(cells.get(Column.NAME))
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

    directorate = _one_line(cells.get(Column.DIRECTORATE))
    if not directorate:
        problem(Column.DIRECTORATE, "Enter the directorate")
    elif len(directorate) > DIRECTORATE_LIMIT:
        problem(Column.DIRECTORATE, f"Directorate must be {DIRECTORATE_LIMIT} characters or fewer")

    owner_email = _one_line(cells.get(Column.OWNER_EMAIL)).lower()
    if not owner_email:
        problem(Column.OWNER_EMAIL, "Enter the service owner's email address")
    elif len(owner_email) > EMAIL_LIMIT or not _EMAIL.fullmatch(owner_email):
        problem(
            Column.OWNER_EMAIL,
            "Enter the owner's email address in the correct format, like name@example.gov.uk",
        )

    stage = None
    stage_text = _one_line(cells.get(Column.STAGE))
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
    cashable_text = _one_line(cells.get(Column.CASHABLE))
    if re.fullmatch(r"£?[0-9,]+\.0+", cashable_text):  # a whole number a spreadsheet wrote
        cashable_text = cashable_text.split(".")[0]
    try:
        cashable = parse_pounds(cashable_text)
    except ValueError as error:
        problem(Column.CASHABLE, str(error))

    non_cashable = None
    level = heading_key(_one_line(cells.get(Column.NON_CASHABLE)))
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


# --- What importing would change ------------------------------------------------------------


@dataclass(frozen=True)
class ExistingProject:
    """What the import compares a row with: a project as the service has it."""

    id: int
    name: str
    description: str
    directorate: str | None
    phase: str
    key_deliverables: str
    cashable_benefit: int | None
    non_cashable_benefit: str | None
    owner_emails: frozenset[str]  # its service owners'


@dataclass(frozen=True)
class Owner:
    email: str
    name: str
    active: bool


class RowStatus(StrEnum):
    NEW = "new"
    CHANGED = "changed"
    UNCHANGED = "unchanged"
    ERROR = "error"


ROW_STATUS_LABELS = {
    RowStatus.NEW: "New",
    RowStatus.CHANGED: "Changed",
    RowStatus.UNCHANGED: "Unchanged",
    RowStatus.ERROR: "Error",
}


@dataclass(frozen=True)
class RowPlan:
    """What importing one row does: its status, the project it is, what changes (as
    ``{field: [before, after]}``, as the audit trail keeps it) and any problems."""

    row: int
    name: str
    directorate: str
    status: RowStatus
    project_id: int | None = None
    changes: dict[str, list] = field(default_factory=dict)
    errors: list[RowError] = field(default_factory=list)
    values: RowValues | None = None
    new_directorate: bool = False


@dataclass(frozen=True)
class ImportPlan:
    rows: list[RowPlan]
    new_directorates: list[str]

    @property
    def errors(self) -> list[RowError]:
        return [error for row in self.rows for error in row.errors]

    def count(self, status: RowStatus) -> int:
        return sum(1 for row in self.rows if row.status == status)

    @property
    def changes_anything(self) -> bool:
        return any(row.status in (RowStatus.NEW, RowStatus.CHANGED) for row in self.rows)

    def digest(self) -> str:
        """A fingerprint of everything the import would do: the same plan, the same digest.

        A confirmation carries the digest of the preview it confirms, so that nothing is
        imported if the programme changed in between."""
        what = [
            [row.row, row.status.value, row.project_id, row.name, row.directorate, row.changes]
            for row in self.rows
        ]
        text = json.dumps([what, self.new_directorates], sort_keys=True, default=str)
        return hashlib.sha256(text.encode()).hexdigest()


NO_ACCOUNT = "There is no account with this email address. Add the person first"
DEACTIVATED_OWNER = "The account with this email address has been deactivated. Reactivate it first"


def _check_owner(errors: list[RowError], row: int, email: str, owners: Mapping[str, Owner]) -> None:
    owner = owners.get(email)
    if owner is None:
        _problem(errors, row, Column.OWNER_EMAIL, NO_ACCOUNT)
    elif not owner.active:
        _problem(errors, row, Column.OWNER_EMAIL, DEACTIVATED_OWNER)


def _problem(errors: list[RowError], row: int, column: Column, message: str) -> None:
    errors.append(RowError(row, COLUMN_HEADINGS[column], message))


def _fold(text: str | None) -> str:
    return " ".join((text or "").split()).casefold()


def plan_import(
    rows: Iterable[tuple[int, Mapping[Column, object]]],
    projects: Sequence[ExistingProject],
    owners: Mapping[str, Owner],
    directorates: Iterable[str],
) -> ImportPlan:
    """What importing ``rows`` would do to ``projects``.

    A row with an ID is that project; without one, it is the project with its name in its
    directorate, or a new project. ``owners`` holds the people the rows' emails name (by
    email, lower case); ``directorates`` the names the service has.
    """
    by_id = {project.id: project for project in projects}
    by_name = {_fold(project.name): project for project in projects}
    known_directorates = {_fold(name): name for name in directorates}
    seen_names: dict[str, int] = {}
    seen_ids: dict[int, int] = {}
    new_directorates: dict[str, str] = {}
    plans: list[RowPlan] = []

    for number, cells in rows:
        values, errors = check_row(number, cells)
        name = _one_line(cells.get(Column.NAME))
        directorate = _one_line(cells.get(Column.DIRECTORATE))
        if values is None:
            email = _one_line(cells.get(Column.OWNER_EMAIL)).lower()
            if not any(error.column == COLUMN_HEADINGS[Column.OWNER_EMAIL] for error in errors):
                _check_owner(errors, number, email, owners)
            plans.append(RowPlan(number, name, directorate, RowStatus.ERROR, errors=errors))
            continue

        project = None
        if values.project_id is not None:
            project = by_id.get(values.project_id)
            if project is None:
                _problem(
                    errors,
                    number,
                    Column.ID,
                    f"There is no project with the ID {values.project_id}",
                )
            elif values.project_id in seen_ids:
                _problem(
                    errors, number, Column.ID, f"Row {seen_ids[values.project_id]} has the same ID"
                )
            seen_ids.setdefault(values.project_id, number)
        else:
            same_name = by_name.get(_fold(values.name))
            if same_name is not None:
                if _fold(same_name.directorate) == _fold(values.directorate):
                    project = same_name
                else:
                    _problem(
                        errors,
                        number,
                        Column.NAME,
                        f"A project with this name is in another directorate "
                        f"({same_name.directorate or 'none'}). Give its ID to move it, or "
                        "use another name",
                    )
        if _fold(values.name) in seen_names:
            _problem(
                errors,
                number,
                Column.NAME,
                f"Row {seen_names[_fold(values.name)]} has the same project name",
            )
        seen_names.setdefault(_fold(values.name), number)
        if project is not None and values.project_id is not None:
            named = by_name.get(_fold(values.name))
            if named is not None and named.id != project.id:
                _problem(errors, number, Column.NAME, "Another project already has this name")

        owner = owners.get(values.owner_email)
        _check_owner(errors, number, values.owner_email, owners)

        is_new_directorate = False
        if _fold(values.directorate) not in known_directorates:
            new_directorates.setdefault(_fold(values.directorate), values.directorate)
            is_new_directorate = True

        if errors:
            plans.append(
                RowPlan(number, values.name, values.directorate, RowStatus.ERROR, errors=errors)
            )
            continue

        after = _fields_after(values, project, owner)
        if project is None:
            changes = {
                key: [None, value] for key, value in after.items() if value not in ("", None)
            }
            status = RowStatus.NEW
        else:
            before = _fields_before(project)
            changes = {
                key: [before[key], value] for key, value in after.items() if before[key] != value
            }
            if "service_owner" in changes:  # the owners before, in words
                changes["service_owner"][0] = ", ".join(sorted(project.owner_emails)) or None
            status = RowStatus.CHANGED if changes else RowStatus.UNCHANGED
        plans.append(
            RowPlan(
                number,
                values.name,
                values.directorate,
                status,
                project_id=project.id if project else None,
                changes=changes,
                values=values,
                new_directorate=is_new_directorate,
            )
        )
    return ImportPlan(plans, sorted(new_directorates.values(), key=str.casefold))


def _fields_before(project: ExistingProject) -> dict[str, object]:
    return {
        "name": project.name,
        "description": project.description,
        "directorate": project.directorate,
        "phase": project.phase,
        "service_owner": None,  # compared below: any of its service owners will do
        "key_deliverables": project.key_deliverables or "",
        "cashable_benefit": project.cashable_benefit,
        "non_cashable_benefit": project.non_cashable_benefit,
    }


def _fields_after(
    values: RowValues, project: ExistingProject | None, owner: Owner
) -> dict[str, object]:
    already_owner = project is not None and owner.email in project.owner_emails
    return {
        "name": values.name,
        "description": values.description,
        "directorate": values.directorate
        if project is None or _fold(project.directorate) != _fold(values.directorate)
        else project.directorate,
        "phase": phase_after_import(values.stage, project.phase if project else None),
        "service_owner": None if already_owner else owner.email,
        "key_deliverables": values.key_deliverables,
        "cashable_benefit": values.cashable_benefit,
        "non_cashable_benefit": values.non_cashable_benefit,
    }


# --- In words -------------------------------------------------------------------------------

IMPORT_SUBJECT = "programme_import"
IMPORTED_PROJECT_SUMMARY = "Changed by the programme import"
PHASE_CHANGE_REASON = "Stage set by the programme import"


def added_by_import_summary(phase: str) -> str:
    return f"Added by the programme import in {phase_words(phase).lower()}"


def import_summary(filename: str, new: int, changed: int, unchanged: int) -> str:
    return (
        f"Imported the programme from {filename}: {_projects(new)} added, "
        f"{_projects(changed)} changed, {_projects(unchanged)} unchanged"
    )


def _projects(count: int) -> str:
    return f"{count} project" + ("" if count == 1 else "s")


def result_words(new: int, changed: int, unchanged: int) -> str:
    """For the banner after an import."""
    if not new and not changed:
        return f"Nothing changed: the file matches the programme ({_projects(unchanged)})."
    return (
        f"{_projects(new)} added, {_projects(changed)} changed and "
        f"{_projects(unchanged)} unchanged."
    )


def change_lines(plan: RowPlan, owner_names: Mapping[str, str]) -> list[str]:
    """What importing the row changes, one line a field, for the preview."""
    lines = []
    for key, (before, after) in plan.changes.items():
        if key == "phase":
            what = "Stage" if plan.status == RowStatus.NEW else "Stage changes from "
            if plan.status == RowStatus.NEW:
                lines.append(f"{what}: {_phase_text(after)}")
            else:
                lines.append(f"{what}{_phase_text(before)} to {_phase_text(after)}")
        elif key == "service_owner":
            name = owner_names.get(after, after)
            lines.append(
                f"Service owner: {name}"
                if plan.status == RowStatus.NEW
                else f"{name} becomes the service owner"
                + (f" (before: {before}; they stay in the team)" if before else "")
            )
        elif key == "cashable_benefit":
            lines.append(_field_line(plan, "Cashable benefit", before, after, cashable_words))
        elif key == "non_cashable_benefit":
            lines.append(
                _field_line(plan, "Non-cashable benefit", before, after, non_cashable_words)
            )
        elif key in ("description", "key_deliverables"):
            noun = "Description" if key == "description" else "Key deliverables"
            if plan.status == RowStatus.NEW:
                continue
            verb = "added" if not before else "removed" if not after else "changed"
            lines.append(f"{noun} {verb}")
        elif key == "directorate":
            suffix = " (a new directorate)" if plan.new_directorate else ""
            lines.append(_field_line(plan, "Directorate", before, after, str) + suffix)
        elif key == "name" and plan.status != RowStatus.NEW:
            lines.append(f"Name changes from “{before}” to “{after}”")
    return lines


def _phase_text(phase: str | None) -> str:
    return f"{programme_word(phase)} ({phase_label(phase).lower()})" if phase else "Not known"


def _field_line(plan: RowPlan, noun: str, before, after, show) -> str:
    if plan.status == RowStatus.NEW:
        return f"{noun}: {show(after)}"
    return f"{noun} changes from {show(before)} to {show(after)}"


def owner_emails(rows: Iterable[tuple[int, Mapping[Column, object]]]) -> set[str]:
    """The owners' email addresses the rows name, as ``check_row`` reads them."""
    return {_one_line(cells.get(Column.OWNER_EMAIL)).lower() for _, cells in rows} - {""}
