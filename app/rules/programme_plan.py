"""What importing the programme spreadsheet would change: each row new, changed or
unchanged (with what changes), or its problems; and all of it in words.

Plain functions on plain values: ``app.data.programme`` looks up the projects, people and
directorates the rows are compared with.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from app.rules.phases import phase_label, programme_word
from app.rules.programme_import import (
    COLUMN_HEADINGS,
    Column,
    RowError,
    RowValues,
    check_row,
    directorate_key,
    one_line,
    phase_after_import,
)
from app.rules.projects import cashable_words, non_cashable_words, phase_words

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


# Rows with problems first, then what will change, then new projects, then the rest.
PREVIEW_ORDER = (RowStatus.ERROR, RowStatus.CHANGED, RowStatus.NEW, RowStatus.UNCHANGED)

# The project's field each optional column sets (``OPTIONAL_COLUMNS`` but the ID): left as
# it is when the file has no such column.
_OPTIONAL_FIELDS = {
    Column.KEY_DELIVERABLES: "key_deliverables",
    Column.CASHABLE: "cashable_benefit",
    Column.NON_CASHABLE: "non_cashable_benefit",
}

NEAR_MISS_DIRECTORATE = (
    "“{name}” is not a directorate the service has. Did you mean “{existing}”? "
    "Use that name to keep the project in it"
)

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
    # The directorate the service has that the file's name was taken as, when they differ
    # only in capitals or spaces.
    matched_directorate: str | None = None


@dataclass(frozen=True)
class ImportPlan:
    rows: list[RowPlan]
    new_directorates: list[str]
    absent_columns: list[str] = field(default_factory=list)  # optional columns left out

    @property
    def rows_for_preview(self) -> list[RowPlan]:
        """The rows in the order the preview lists them: what needs attention first."""
        return sorted(self.rows, key=lambda row: (PREVIEW_ORDER.index(row.status), row.row))

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


def _check_near_miss(
    errors: list[RowError],
    row: int,
    directorate: str,
    known: Mapping[str, object],
    near: Mapping[str, str],
) -> None:
    """A directorate the service does not have, but nearly does, is an error naming it."""
    existing = near.get(directorate_key(directorate))
    if known.get(_fold(directorate)) is None and existing is not None:
        _problem(
            errors,
            row,
            Column.DIRECTORATE,
            NEAR_MISS_DIRECTORATE.format(name=directorate, existing=existing),
        )


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
    directorates = list(directorates)
    known_directorates = {_fold(name): name for name in directorates}
    near_directorates = {directorate_key(name): name for name in directorates}
    rows = list(rows)
    present = set(rows[0][1]) if rows else set(Column)
    absent = [column for column in _OPTIONAL_FIELDS if column not in present]
    seen_names: dict[str, int] = {}
    seen_ids: dict[int, int] = {}
    new_directorates: dict[str, str] = {}
    plans: list[RowPlan] = []

    for number, cells in rows:
        values, errors = check_row(number, cells)
        name = one_line(cells.get(Column.NAME))
        directorate = one_line(cells.get(Column.DIRECTORATE))
        if values is None:
            email = one_line(cells.get(Column.OWNER_EMAIL)).lower()
            if not any(error.column == COLUMN_HEADINGS[Column.OWNER_EMAIL] for error in errors):
                _check_owner(errors, number, email, owners)
            # Every problem of the row at once, the directorate's near miss too.
            if directorate and not any(
                error.column == COLUMN_HEADINGS[Column.DIRECTORATE] for error in errors
            ):
                _check_near_miss(errors, number, directorate, known_directorates, near_directorates)
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
        matched_directorate = known_directorates.get(_fold(values.directorate))
        _check_near_miss(errors, number, values.directorate, known_directorates, near_directorates)

        if errors:
            plans.append(
                RowPlan(number, values.name, values.directorate, RowStatus.ERROR, errors=errors)
            )
            continue

        is_new_directorate = False
        if _fold(values.directorate) not in known_directorates:
            new_directorates.setdefault(_fold(values.directorate), values.directorate)
            is_new_directorate = True

        after = _fields_after(values, project, owner)
        if matched_directorate is not None:  # the service's own spelling
            after["directorate"] = matched_directorate
        for column in absent:
            if project is not None:
                after.pop(_OPTIONAL_FIELDS[column])
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
                matched_directorate=matched_directorate
                if matched_directorate is not None and matched_directorate != values.directorate
                else None,
            )
        )
    return ImportPlan(
        plans,
        sorted(new_directorates.values(), key=str.casefold),
        [COLUMN_HEADINGS[column] for column in absent],
    )


def programme_rows(projects: Iterable[ExistingProject]) -> list[list[object]]:
    """The programme in the import's columns, headings first: importing it changes nothing.

    The stage is the phase itself ("Public beta"), so that no project moves; the owner is
    one of its service owners (blank when it has none, which the import refuses)."""
    rows: list[list[object]] = [list(COLUMN_HEADINGS.values())]
    for project in projects:
        rows.append(
            [
                project.id,
                project.name,
                project.description,
                project.directorate or "",
                min(project.owner_emails) if project.owner_emails else "",
                phase_label(project.phase),
                project.key_deliverables,
                project.cashable_benefit if project.cashable_benefit is not None else "",
                project.non_cashable_benefit or "",
            ]
        )
    return rows


def _lines(text: str | None) -> str:
    """Text with its line breaks written one way, as ``check_row`` reads a cell."""
    return (text or "").replace("\r\n", "\n").replace("\r", "\n").strip()


def _fields_before(project: ExistingProject) -> dict[str, object]:
    return {
        "name": project.name,
        "description": _lines(project.description),
        "directorate": project.directorate,
        "phase": project.phase,
        "service_owner": None,  # compared below: any of its service owners will do
        "key_deliverables": _lines(project.key_deliverables),
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
# Recorded as the reason for moving on when the project still had red points (or open
# actions from them): the board then sees that it moved on past red.
PAST_RED_REASON = (
    "The programme spreadsheet moved this project on while it had red points or open "
    "actions from them; the team did not confirm the move themselves."
)


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
            lines.append(_field_line(plan, "Directorate", before, after, str))
        elif key == "name" and plan.status != RowStatus.NEW:
            lines.append(f"Name changes from “{before}” to “{after}”")
    if plan.new_directorate:
        lines.append(f"New directorate: {plan.directorate}")
    if plan.matched_directorate:
        lines.append(
            f"Directorate “{plan.directorate}” in the file is taken as "
            f"“{plan.matched_directorate}”, which the service has"
        )
    return lines


def _phase_text(phase: str | None) -> str:
    return f"{programme_word(phase)} ({phase_label(phase).lower()})" if phase else "Not known"


def _field_line(plan: RowPlan, noun: str, before, after, show) -> str:
    if plan.status == RowStatus.NEW:
        return f"{noun}: {show(after)}"
    return f"{noun} changes from {show(before)} to {show(after)}"
