"""Fault round 72, second pass: the shared table readers (:mod:`exposure._tables`).

1. A spreadsheet of another format than the ``.xlsx`` the readers read, under a text
   name (``tasks.csv``): an OpenDocument spreadsheet (LibreOffice's ``.ods``), an Excel
   binary workbook (``.xlsb``) or a workbook saved as "Strict Open XML Spreadsheet" was
   told ``file is a zip archive (an .xlsx workbook?), not delimited text: rename it
   'tasks.xlsx' (a workbook is read by its extension)``; renamed so, it was told only
   then ``the file is an OpenDocument spreadsheet (LibreOffice's .ods format) named
   .xlsx, which is not read: save it as an Excel workbook (...)``: two steps, the first
   one wrong. Named ``.dta`` it was ``not a Stata .dta file: it is a zip archive (an .xlsx
   workbook?); rename it 'tasks.xlsx'``. Now what it is and what to do are said at once,
   by ``read_frame`` and ``check_delimited_file`` (``exposure score``, in batches too):
   ``file is an OpenDocument spreadsheet (LibreOffice's .ods format), not delimited text:
   save it as an Excel workbook (in LibreOffice: File > Save As, 'Excel 2007-365
   (.xlsx)'), named 'tasks.xlsx'`` (``an Excel binary workbook (.xlsb)``, ``a workbook
   saved as 'Strict Open XML Spreadsheet'``: ``save it as 'Excel Workbook (*.xlsx)',
   named 'tasks.xlsx'``); the readers of one name (the O*NET files) name the file so too
   (it was ``a zip archive (an .xlsx workbook?)``), with their own advice (save it as
   text).
2. A document that holds no workbook under a text name: an OpenDocument text document
   (``.odt``) was told to ``rename it 'tasks.xlsx'`` (then, renamed, ``the file is a zip
   archive named .xlsx, with no workbook in it``), a Word document ``file is a zip
   archive, not delimited text: extract the table from it (unzip) and give that file``,
   which gives the document's XML parts, no table. Now ``file is an OpenDocument file
   (a Word document), not delimited text: give the table itself``.
3. A workbook whose header is on row 2, under a row of group names (``Codes`` over the
   code columns, ``Scores`` over alpha, beta and gamma, merged or not) or a title with a
   note beside it: ``row 1: column 2 has values but no name in the header (first at row
   2): name it`` (merged: ``its header cell B1 is part of the merged range A1:B1 ...:
   unmerge the cells and name each column``); the sheet so changed was read with its
   header as a row of data. Only a row 1 of one cell (a title) was said to be above the
   header. Now ``... (first at row 2): row 1, read as the header, has 2 filled cells: a
   row of group names or a title above the header? The header must be the first row (row
   2 looks like it: remove the rows above it)``, which works; a column of text without a
   name is still told to be named.
4. A CSV file with a ``"`` inside a quoted cell written alone (``"Weld "hot" metal."``, a
   file written by hand or by a program that does not double it) or after a backslash
   (``"Use a \\"torch\\" to cut."``, a database export's escape): read without a word as
   ``'Weld hot" metal."'`` (``'Use a \\torch\\" to cut."'``) and scored so; with a comma in
   the cell, ``row 2: too many fields: expected 2, got 3 (an unquoted comma inside a
   field?)``. Now, by ``read_frame`` and ``check_delimited_file`` (``exposure score`` whole
   and in batches): ``row 2: a quoted cell has text after its closing quote ("Weld "h): a "
   inside a quoted cell is written as two (""), as spreadsheets write it; a backslash
   before it (\\") is no escape in CSV``. Spaces after a closing quote, and a quote inside
   an unquoted cell (``Cut 2" pipe``), are read as before.
"""

from __future__ import annotations

import zipfile

import openpyxl
import pytest
from test_faults_cli import cli, one_error_line

from exposure._tables import check_delimited_file, foreign_workbook, read_frame
from exposure.cli._rollup import read_task_scores
from exposure.errors import DataFormatError
from exposure.onet import read_tasks

SCORE = ["--onet", "none", "--method", "rubric"]
ODS = "an OpenDocument spreadsheet (LibreOffice's .ods format)"
SAVE_ODS = "save it as an Excel workbook (in LibreOffice: File > Save As, 'Excel 2007-365 (.xlsx)')"
TAB_TEXT = ("UTF-8 tab-separated text (Excel saves none: in LibreOffice, Save As 'Text CSV' with the "
            "character set 'Unicode (UTF-8)' and the field delimiter {Tab})")

#: The parts (name -> bytes) by which each kind of archive is told.
ARCHIVES = {
    "ods": {"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": b"<office/>"},
    "xlsb": {"[Content_Types].xml": b"<Types/>", "xl/workbook.bin": b"\x83\x01\x00"},
    "strict": {"_rels/.rels": b'<Relationships xmlns="http://purl.oclc.org/ooxml/officeDocument/relationships"/>',
               "xl/workbook.xml": b"<workbook/>"},
    "odt": {"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<office/>"},
    "docx": {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"},
}


def _archive(tmp_path, name: str, kind: str):
    path = tmp_path / name
    with zipfile.ZipFile(path, "w") as archive:
        for member, data in ARCHIVES[kind].items():
            archive.writestr(member, data)
    return path


# 1. a spreadsheet of another format under a text name --------------------------------------------


@pytest.mark.parametrize("batches", [[], ["--batch-rows", "10"]])
def test_score_of_an_ods_named_csv_is_told_what_it_is_at_once(tmp_path, capsys, batches):
    src = _archive(tmp_path, "tasks.csv", "ods")
    code, _, err = cli(capsys, "score", src, "-o", tmp_path / "o.csv", *SCORE, *batches)
    assert code == 2
    assert one_error_line(err, command="score") == (
        f"exposure score: error: {src}: file is {ODS}, not delimited text: {SAVE_ODS}, named 'tasks.xlsx'")


@pytest.mark.parametrize(("kind", "what"), [
    ("ods", ODS), ("xlsb", "an Excel binary workbook (.xlsb)"),
    ("strict", "a workbook saved as 'Strict Open XML Spreadsheet'"),
])
def test_read_frame_names_a_foreign_workbook_under_a_text_name(tmp_path, kind, what):
    src = _archive(tmp_path, "tasks.csv", kind)
    fix = SAVE_ODS if kind == "ods" else "save it as 'Excel Workbook (*.xlsx)'"
    for read in (read_frame, check_delimited_file):
        with pytest.raises(DataFormatError) as err:
            read(src)
        assert str(err.value) == f"{src}: file is {what}, not delimited text: {fix}, named 'tasks.xlsx'"
    # renamed .xlsx, it is refused as the same thing: the first advice was the whole of it
    assert foreign_workbook(src.rename(tmp_path / "tasks.xlsx")) is not None


def test_an_ods_named_dta_is_told_what_it_is(tmp_path):
    src = _archive(tmp_path, "tasks.dta", "ods")
    with pytest.raises(DataFormatError) as err:
        read_frame(src)
    assert str(err.value) == f"{src}: not a Stata .dta file: it is {ODS}; {SAVE_ODS}, named 'tasks.xlsx'"


def test_a_reader_of_one_name_names_the_ods(tmp_path):
    src = _archive(tmp_path, "Task Statements.txt", "ods")
    with pytest.raises(DataFormatError) as err:
        read_tasks(src)
    assert str(err.value) == f"{src}: file is {ODS}, not delimited text: save it as {TAB_TEXT}"


# 2. a document that holds no workbook under a text name --------------------------------------------


@pytest.mark.parametrize(("kind", "what"), [("odt", "an OpenDocument file"), ("docx", "a Word document")])
def test_a_document_named_csv_is_no_workbook_nor_archive_of_a_table(tmp_path, capsys, kind, what):
    src = _archive(tmp_path, "tasks.csv", kind)
    code, _, err = cli(capsys, "score", src, "-o", tmp_path / "o.csv", *SCORE)
    assert code == 2
    assert one_error_line(err, command="score") == (
        f"exposure score: error: {src}: file is {what}, not delimited text: give the table itself")
    with pytest.raises(DataFormatError, match=f"not a Stata .dta file: it is {what}; give the table itself"):
        read_frame(src.rename(tmp_path / "tasks.dta"))


# 3. a row of group names above the header of a workbook ------------------------------------------

GROUP_NOTE = ("row 1, read as the header, has 2 filled cells: a row of group names or a title above the "
              "header? The header must be the first row (row 2 looks like it: remove the rows above it)")


def _grouped_scores(path, top, merged=()):
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in (top, ["onetsoc_code", "task_id", "alpha", "beta", "gamma"], ["11-1011.00", 1, 0.5, 0.75, 1.0]):
        ws.append(row)
    for span in merged:
        ws.merge_cells(span)
    wb.save(path)
    return path


@pytest.mark.parametrize(("top", "merged"), [
    (["Codes", None, "Scores", None, None], ("A1:B1", "C1:E1")),
    (["Codes", None, "Scores", None, None], ()),
    (["Task scores, 2024", None, None, "Source: our survey", None], ()),
])
def test_a_row_of_group_names_above_the_header_is_named(tmp_path, top, merged):
    src = _grouped_scores(tmp_path / "scores.xlsx", top, merged)
    with pytest.raises(DataFormatError) as err:
        read_task_scores(src)
    assert str(err.value) == f"{src}, row 1: column 2 has values but no name in the header (first at row 2): {GROUP_NOTE}"
    wb = openpyxl.load_workbook(src)  # the advice works: the rows above the header removed
    for span in merged:
        wb.active.unmerge_cells(span)
    wb.active.delete_rows(1)
    wb.save(src)
    assert read_task_scores(src)["alpha"].tolist() == [0.5]
    # a column of text without a name (a row of data cannot be told from a header) is still to be named
    wb = openpyxl.Workbook()
    for row in (["task", None, "title"], ["Weld.", "x", "Welder"], ["Sew.", "y", "Tailor"]):
        wb.active.append(row)
    wb.save(tmp_path / "tasks.xlsx")
    with pytest.raises(DataFormatError) as err:
        read_frame(tmp_path / "tasks.xlsx")
    assert str(err.value).endswith("column 2 has values but no name in the header (first at row 2): name it")



# 4. a quote inside a quoted CSV cell that is not doubled -----------------------------------------

AFTER_QUOTE = ('a " inside a quoted cell is written as two (""), as spreadsheets write it; a backslash '
               'before it (\\") is no escape in CSV')


@pytest.mark.parametrize(("cell", "start"), [
    ('"Weld "hot" metal."', '"Weld "h'),
    ('"Use a \\"torch\\" to cut."', '"Use a \\"t'),
    ('"Say \\"hi, there\\"."', '"Say \\"h'),
    ('"Weld"ing', '"Weld"i'),  # (round 31 read it as 'Welding', pandas' reading)
])
def test_a_quote_not_doubled_in_a_quoted_cell_is_named(tmp_path, capsys, cell, start):
    src = tmp_path / "tasks.csv"
    src.write_text(f"id,task,title\n1,{cell},Welder\n2,Sew hems.,Tailor\n", encoding="utf-8")
    for read in (read_frame, check_delimited_file):
        with pytest.raises(DataFormatError) as err:
            read(src)
        assert str(err.value) == f"{src}, row 2: a quoted cell has text after its closing quote ({start}): {AFTER_QUOTE}"
    for batches in ([], ["--batch-rows", "1"]):
        code, _, err = cli(capsys, "score", src, "-o", tmp_path / "o.csv", *SCORE, *batches)
        assert code == 2
        assert one_error_line(err, command="score").endswith(f"row 2: a quoted cell has text after its closing "
                                                              f"quote ({start}): {AFTER_QUOTE}")
    # the quotes doubled, as the advice says: read
    src.write_text('id,task,title\n1,"Weld ""hot"" metal.",Welder\n', encoding="utf-8")
    assert read_frame(src)["task"].tolist() == ['Weld "hot" metal.']
    # spaces after a closing quote, and a quote inside an unquoted cell, are read as before
    src.write_text('id,task,title\n1,"Weld, cut." ,Welder\n2,Cut 2" pipe.,Fitter\n', encoding="utf-8")
    assert read_frame(src)["task"].tolist() == ["Weld, cut. ", 'Cut 2" pipe.']
