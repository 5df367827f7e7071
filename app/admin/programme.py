"""Administrators import the programme spreadsheet: upload, check the preview, confirm."""

from __future__ import annotations

import os

from flask import Response, flash, redirect, render_template, request, url_for
from flask_login import current_user

from app.admin import bp
from app.admin.forms import ConfirmImportForm, ProgrammeUploadForm
from app.admin.routes import administrators_only
from app.commands import Conflict, Invalid, NotFound
from app.commands import programme as commands
from app.data import programme as data
from app.rules.programme_import import COLUMN_HEADINGS, COLUMN_HINTS
from app.rules.programme_plan import (
    ROW_STATUS_LABELS,
    ImportPlan,
    RowStatus,
    change_lines,
    programme_rows,
    result_words,
)
from app.spreadsheets import UnreadableFile, csv_bytes, read_table, xlsx_bytes

TEMPLATE_NAME = "programme-template"
STATUS_TAGS = {
    RowStatus.NEW: "govuk-tag--green",
    RowStatus.CHANGED: "govuk-tag--blue",
    RowStatus.UNCHANGED: "govuk-tag--grey",
    RowStatus.ERROR: "govuk-tag--red",
}


def _size_limit() -> str:
    from flask import current_app

    limit = current_app.config.get("MAX_CONTENT_LENGTH") or 0
    return f"{limit // (1024 * 1024)} MB" if limit >= 1024 * 1024 else f"{limit // 1024} KB"


def _import_page(form: ProgrammeUploadForm):
    columns = [(COLUMN_HEADINGS[column], COLUMN_HINTS[column]) for column in COLUMN_HEADINGS]
    return render_template(
        "admin/import.html", form=form, columns=columns, size_limit=_size_limit()
    )


def _filename() -> str:
    upload = request.files.get("file")
    name = os.path.basename((upload.filename or "").replace("\\", "/")) if upload else ""
    return " ".join(name.split())[:255] or "the file"


@bp.route("/import", methods=["GET", "POST"])
@administrators_only
def import_programme():
    form = ProgrammeUploadForm()
    if not form.validate_on_submit():
        return _import_page(form)
    filename = _filename()
    try:
        cells = read_table(filename, form.file.data.read())
    except UnreadableFile as error:
        form.file.errors.append(str(error))
        return _import_page(form)
    problems, plan = data.plan_for(cells)
    if problems:
        form.file.errors.extend(problems)
        return _import_page(form)
    if plan.errors:
        # Nothing is kept: the administrator fixes the file and uploads it again.
        return _preview(filename, plan, upload_id=None)
    upload_id = commands.keep_upload(current_user, filename, cells)
    return redirect(url_for("admin.import_preview", upload_id=upload_id))


@bp.route("/import/<int:upload_id>", methods=["GET", "POST"])
@administrators_only
def import_preview(upload_id: int):
    upload = data.upload_for(upload_id, current_user.id, commands.upload_since())
    if upload is None:
        flash(commands.UPLOAD_GONE)
        return redirect(url_for("admin.import_programme"))
    form = ConfirmImportForm()
    refused = None
    if form.validate_on_submit():
        try:
            result = commands.import_programme(current_user, upload.id, form.digest.data)
        except NotFound:
            flash(commands.UPLOAD_GONE)
            return redirect(url_for("admin.import_programme"))
        except (Conflict, Invalid) as error:
            refused = error.message
        else:
            message = f"The programme has been imported from {result.filename}. " + result_words(
                result.new, result.changed, result.unchanged
            )
            if result.directorates_added:
                message += " Directorates added: " + ", ".join(result.directorates_added) + "."
            flash(message, "success")
            return redirect(url_for("admin.import_programme"))
        upload = data.upload_for(upload_id, current_user.id, commands.upload_since())
        if upload is None:
            return redirect(url_for("admin.import_programme"))
    problems, plan = data.plan_for(upload.cells)
    if problems:  # cannot happen to a kept file, unless the rules changed since
        form = ProgrammeUploadForm(formdata=None)
        form.file.errors = list(problems)
        return _import_page(form)
    return _preview(upload.filename, plan, upload_id=upload.id, refused=refused)


def _preview(filename: str, plan: ImportPlan, upload_id: int | None, refused: str | None = None):
    confirm = None
    # Nothing to import when nothing would change: the page offers a way back instead.
    if upload_id is not None and not plan.errors and plan.changes_anything:
        confirm = ConfirmImportForm(formdata=None)
        confirm.digest.data = plan.digest()
    owner_names = {
        owner.email: owner.name
        for owner in data.owners_by_email(
            row.values.owner_email for row in plan.rows if row.values is not None
        ).values()
    }
    rows = [
        {
            "plan": row,
            "label": ROW_STATUS_LABELS[row.status],
            "tag": STATUS_TAGS[row.status],
            "lines": change_lines(row, owner_names),
        }
        for row in plan.rows_for_preview
    ]
    counts = {status: plan.count(status) for status in RowStatus}
    return render_template(
        "admin/import_preview.html",
        filename=filename,
        plan=plan,
        rows=rows,
        counts=counts,
        statuses=RowStatus,
        confirm=confirm,
        upload_id=upload_id,
        refused=refused,
    )


def _template_rows() -> list[list[str]]:
    return [list(COLUMN_HEADINGS.values())]


@bp.get("/import/template.xlsx")
@administrators_only
def import_template_xlsx():
    return Response(
        xlsx_bytes(_template_rows(), "Programme"),
        mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={"Content-Disposition": f'attachment; filename="{TEMPLATE_NAME}.xlsx"'},
    )


@bp.get("/import/template.csv")
@administrators_only
def import_template_csv():
    return Response(
        csv_bytes(_template_rows()),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{TEMPLATE_NAME}.csv"'},
    )


@bp.get("/import/programme.xlsx")
@administrators_only
def import_current_programme():
    """The programme as it is now, in the template's columns with each project's ID: edit
    it and import it to update the projects."""
    return Response(
        xlsx_bytes(programme_rows(data.projects_to_compare()), "Programme"),
        mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={"Content-Disposition": 'attachment; filename="programme.xlsx"'},
    )
