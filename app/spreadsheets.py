"""Reading an uploaded spreadsheet (CSV or Excel .xlsx) into rows of text, and writing one.

Reading refuses, with words a person can act on, anything that is not a plain table: a
file that is not a spreadsheet, a CSV that is not UTF-8, a workbook with several sheets or
with formulas (whose values the service cannot work out).
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Sequence
from datetime import date, datetime

# Far more than any programme spreadsheet; reading stops there, whatever the file claims.
MAX_ROWS = 5000
MAX_COLUMNS = 50
# A workbook is a zip: 1 MB uploaded can unpack to gigabytes. Refuse before opening one
# whose parts unpack to more than this (a full 5,000-row programme is a few MB).
MAX_UNPACKED_BYTES = 25 * 1024 * 1024

NOT_A_SPREADSHEET = "The selected file must be a CSV or an Excel spreadsheet (.xlsx)"
EMPTY = "The selected file is empty"
NOT_UTF8 = (
    "The selected CSV file is not saved as UTF-8. Save it again as “CSV UTF-8” and upload that file"
)
SEVERAL_SHEETS = (
    "The selected spreadsheet has {count} sheets. It must have one sheet: "
    "remove the others, or copy the programme into a new spreadsheet"
)
TOO_MANY_ROWS = f"The selected file must have {MAX_ROWS:,} rows or fewer"
TOO_MANY_COLUMNS = f"The selected file must have {MAX_COLUMNS} columns or fewer"
NOT_XLSX = "The selected file is not an Excel spreadsheet that can be read. Save it again as .xlsx"
TOO_BIG_UNPACKED = (
    "The selected spreadsheet is too big once opened. It must hold the programme only: "
    "copy the programme's rows into a new spreadsheet and upload that"
)
OLD_EXCEL = "The selected file is an old Excel spreadsheet (.xls). Save it as .xlsx or CSV first"


class UnreadableFile(ValueError):
    """The file cannot be read as a one-sheet table: the message says why."""


def read_table(filename: str, content: bytes) -> list[list[str]]:
    """The file's rows, each a list of cells as text (blank cells are "")."""
    name = (filename or "").lower().strip()
    if not content:
        raise UnreadableFile(EMPTY)
    if name.endswith(".xlsx"):
        return _read_xlsx(content)
    if name.endswith(".xls"):
        raise UnreadableFile(OLD_EXCEL)
    if name.endswith(".csv"):
        return _read_csv(content)
    raise UnreadableFile(NOT_A_SPREADSHEET)


def _read_csv(content: bytes) -> list[list[str]]:
    if content.startswith(b"PK\x03\x04") or b"\x00" in content[:4096]:
        raise UnreadableFile(NOT_A_SPREADSHEET)  # a workbook or other binary file named .csv
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UnreadableFile(NOT_UTF8) from None
    if not text.strip():
        raise UnreadableFile(EMPTY)
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows: list[list[str]] = []
    try:
        for row in csv.reader(io.StringIO(text, newline=""), dialect):
            if len(rows) >= MAX_ROWS:
                raise UnreadableFile(TOO_MANY_ROWS)
            if len(row) > MAX_COLUMNS:
                raise UnreadableFile(TOO_MANY_COLUMNS)
            rows.append(row)
    except csv.Error:
        raise UnreadableFile(NOT_A_SPREADSHEET) from None
    return rows


def _read_xlsx(content: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    if not zipfile.is_zipfile(io.BytesIO(content)):
        raise UnreadableFile(NOT_XLSX)
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as packed:
            unpacked = sum(item.file_size for item in packed.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise UnreadableFile(NOT_XLSX) from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise UnreadableFile(TOO_BIG_UNPACKED)
    try:
        # data_only=False: a formula reads as its formula, so that it can be refused.
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    except Exception:  # openpyxl raises many kinds for a damaged or foreign file
        raise UnreadableFile(NOT_XLSX) from None
    try:
        sheets = workbook.worksheets
        if len(sheets) != 1:
            raise UnreadableFile(SEVERAL_SHEETS.format(count=len(workbook.sheetnames)))
        rows: list[list[str]] = []
        # One row and one column past the limits, to know they were passed, and no further
        # (the sheet's own width when it says it is narrower).
        width = min(sheets[0].max_column or MAX_COLUMNS + 1, MAX_COLUMNS + 1)
        for row in sheets[0].iter_rows(max_row=MAX_ROWS + 1, max_col=width):
            if len(rows) >= MAX_ROWS:
                raise UnreadableFile(TOO_MANY_ROWS)
            cells = []
            for index, cell in enumerate(row):
                value = getattr(cell, "value", None)
                if value is None:
                    cells.append("")
                    continue
                if index >= MAX_COLUMNS:
                    raise UnreadableFile(TOO_MANY_COLUMNS)
                # A formula is refused; text that only starts like one (as this service
                # writes it: a string cell, ``keep_as_text``) is the text it is.
                if getattr(cell, "data_type", None) == "f":
                    raise UnreadableFile(
                        f"Cell {cell.coordinate} has a formula. The spreadsheet must hold "
                        "values only: copy the cells and paste them as values"
                    )
                cells.append(_cell_text(value))
            rows.append(cells[:MAX_COLUMNS])
    except UnreadableFile:
        raise
    except Exception:
        raise UnreadableFile(NOT_XLSX) from None
    finally:
        workbook.close()
    if not any(any(cell.strip() for cell in row) for row in rows):
        raise UnreadableFile(EMPTY)
    return rows


def _cell_text(value: object) -> str:
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else str(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


# --- Writing ----------------------------------------------------------------------------------


def csv_bytes(rows: Sequence[Sequence[object]]) -> bytes:
    """The rows as a UTF-8 CSV (with the byte order mark Excel needs to see UTF-8)."""
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    for row in rows:
        writer.writerow(["" if cell is None else cell for cell in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


# Text a spreadsheet would take as the start of a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def keep_as_text(cell) -> None:
    """Mark a cell whose text starts like a formula as the text it is, so that Excel never
    runs it, even when someone edits it (openpyxl alone stores "=..." as a formula)."""
    if isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS):
        cell.data_type = "s"
        cell.quotePrefix = True


def xlsx_bytes(rows: Sequence[Sequence[object]], sheet_title: str) -> bytes:
    """The rows as a one-sheet workbook, the first row bold and frozen."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title[:31]
    for row in rows:
        sheet.append(list(row))
    for cells in sheet.iter_rows():
        for cell in cells:
            keep_as_text(cell)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        sheet.column_dimensions[cell.column_letter].width = max(14, len(str(cell.value)) + 4)
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
