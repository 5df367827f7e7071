"""Reading uploaded spreadsheets into rows of text, and writing the template."""

from __future__ import annotations

import io
from datetime import datetime

import pytest
from openpyxl import Workbook

from app.spreadsheets import UnreadableFile, csv_bytes, read_table, xlsx_bytes


def workbook_bytes(*rows, sheets=1, formula=None) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(list(row))
    if formula:
        workbook.active[formula[0]] = formula[1]
    for number in range(1, sheets):
        workbook.create_sheet(f"Other {number}")
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def test_a_utf8_csv_with_or_without_a_byte_order_mark():
    text = 'Name,Benefit\nCafé,"£1,000"\n'
    assert read_table("p.csv", text.encode()) == [["Name", "Benefit"], ["Café", "£1,000"]]
    assert read_table("P.CSV", b"\xef\xbb\xbf" + text.encode())[0] == ["Name", "Benefit"]


def test_a_csv_separated_by_semicolons():
    assert read_table("p.csv", b"Name;Stage\nA;alpha\n") == [
        ["Name", "Stage"],
        ["A", "alpha"],
    ]


def test_a_csv_that_is_not_utf8_is_refused_in_words():
    with pytest.raises(UnreadableFile, match="not saved as UTF-8"):
        read_table("p.csv", "Name\nCafé £5\n".encode("cp1252"))


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("p.csv", b"", "empty"),
        ("p.csv", b"  \n\n", "empty"),
        ("p.txt", b"Name\n", "must be a CSV or an Excel spreadsheet"),
        ("p", b"Name\n", "must be a CSV or an Excel spreadsheet"),
        ("p.csv", b"PK\x03\x04rest", "must be a CSV or an Excel spreadsheet"),
        ("p.csv", b"\x89PNG\r\n\x00\x00", "must be a CSV or an Excel spreadsheet"),
        ("p.xls", b"\xd0\xcf\x11\xe0", "old Excel spreadsheet"),
        ("p.xlsx", b"not a zip", "not an Excel spreadsheet that can be read"),
        ("p.xlsx", b"PK\x03\x04broken", "not an Excel spreadsheet that can be read"),
    ],
)
def test_files_that_are_not_a_table(name, content, message):
    with pytest.raises(UnreadableFile, match=message):
        read_table(name, content)


def test_an_xlsx_reads_as_text():
    content = workbook_bytes(
        ("Name", "Benefit", "Due", "Ratio"),
        ("A", 12000, datetime(2027, 3, 1), 0.5),
        ("B", None, None, None),
    )
    assert read_table("p.xlsx", content) == [
        ["Name", "Benefit", "Due", "Ratio"],
        ["A", "12000", "2027-03-01", "0.5"],
        ["B", "", "", ""],
    ]


def test_an_xlsx_with_a_formula_is_refused_naming_the_cell():
    content = workbook_bytes(("Name", "Benefit"), ("A", 1), formula=("B2", "=SUM(1,2)"))
    with pytest.raises(UnreadableFile, match="Cell B2 has a formula"):
        read_table("p.xlsx", content)


def test_an_xlsx_with_several_sheets_is_refused():
    with pytest.raises(UnreadableFile, match="has 3 sheets"):
        read_table("p.xlsx", workbook_bytes(("Name",), ("A",), sheets=3))


def test_an_empty_xlsx_is_refused():
    with pytest.raises(UnreadableFile, match="empty"):
        read_table("p.xlsx", workbook_bytes())


def test_what_is_written_reads_back():
    rows = [["Project name", "Cashable benefit (£ a year)"], ["Café", 5]]
    assert read_table("t.csv", csv_bytes(rows)) == [[str(c) for c in row] for row in rows]
    assert read_table("t.xlsx", xlsx_bytes(rows, "Programme")) == [
        [str(c) for c in row] for row in rows
    ]


def test_an_xlsx_with_entities_in_its_xml_is_refused_not_expanded():
    """An "XML bomb": the sheet declares entities that would expand to gigabytes. openpyxl
    reads through defusedxml, which refuses any entity declaration."""
    import zipfile

    plain = workbook_bytes(["Project name"], ["Blue Badge"])
    entities = '<!ENTITY lol0 "lol">' + "".join(
        f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10)
    )
    source, target = io.BytesIO(plain), io.BytesIO()
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w") as changed:
        for item in original.infolist():
            content = original.read(item.filename)
            if item.filename.startswith("xl/worksheets/"):
                text = content.decode()
                body = text[text.index("<worksheet") :]
                content = f"<!DOCTYPE worksheet [{entities}]>{body}".encode()
            changed.writestr(item, content)
    with pytest.raises(UnreadableFile):
        read_table("programme.xlsx", target.getvalue())


def test_an_xlsx_that_unpacks_to_far_more_than_a_programme_is_refused_unopened():
    """A zip bomb: a few hundred KB uploaded, hundreds of MB of sheet once unpacked."""
    import zipfile

    from app.spreadsheets import MAX_UNPACKED_BYTES, TOO_BIG_UNPACKED

    plain = workbook_bytes(["Project name"], ["Blue Badge"])
    source, target = io.BytesIO(plain), io.BytesIO()
    with (
        zipfile.ZipFile(source) as original,
        zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as changed,
    ):
        for item in original.infolist():
            content = original.read(item.filename)
            if item.filename.startswith("xl/worksheets/"):
                text = content.decode()
                filler = "<c/>" * (MAX_UNPACKED_BYTES // 4 + 1)
                content = text.replace("</row>", filler + "</row>", 1).encode()
            changed.writestr(item, content, zipfile.ZIP_DEFLATED)
    assert len(target.getvalue()) < 1024 * 1024  # under the upload limit
    with pytest.raises(UnreadableFile) as refused:
        read_table("programme.xlsx", target.getvalue())
    assert str(refused.value) == TOO_BIG_UNPACKED
