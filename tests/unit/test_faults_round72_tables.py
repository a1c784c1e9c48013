"""Fault round 72: the shared table readers (:mod:`exposure._tables`).

1. An ``.xlsx`` workbook, a Parquet file or a zip archive under a text name
   (``tasks.csv``, ``Task Statements.txt``) was told ``file is a zip archive (an .xlsx
   workbook?), not delimited text: give it its own extension`` (``file is a Parquet file,
   ...: give it its own extension``) by every reader. That named no extension, and misled
   the readers of one fixed name (the O*NET, crosswalk and published readers, which read
   no Parquet file at all; a file of a mirror or pinned in the lock is read under its one
   name), and the zipped CSV file (renamed ``.zip`` it is to be unzipped, not read). Now
   ``exposure score`` (``read_frame``, ``check_delimited_file``) says the name to give:
   ``... not delimited text: rename it 'tasks.xlsx' (a workbook is read by its
   extension)`` (``rename it 'tasks.parquet' (a Parquet file is ...)``), which works; a
   zip archive holding no workbook ``file is a zip archive, not delimited text: extract
   the table from it (unzip) and give that file``; a reader of one name
   (``read_text_table``, and ``check_delimited_file(path, one_name=True)``) ``save it as
   UTF-8 tab-separated text (...)`` (``CSV ('CSV UTF-8')`` for a comma-separated one).
2. A path holding a shell variable that no shell expanded (``'$HOME/jz.txt'`` in single
   quotes, ``'${HOME}/x.csv'``, a path written in a script or a spreadsheet cell):
   ``exposure score: error: $HOME/tasks.csv: input file not found``, the reason unsaid.
   Now ``... input file not found: the '$HOME' is not read as an environment variable (a
   shell expands it only outside single quotes); '/home/me/tasks.csv' is a file: give
   that path`` (``...; NOPE is not set`` for a variable not set), for every reader that
   says ``not found`` through ``missing_note``.
3. A table written by R's ``write.table`` (its default ``row.names = TRUE``: each row
   starts with its number, 1, 2, ..., and the header has no field for it), comma- or
   tab-separated, quoted or not: ``row 2: too many fields: expected 2, got 3 (row 1, read
   as the header, has 2 fields: a title line above the header? ...)`` (there is none), or,
   read in batches (``exposure score``), ``(a tab inside a quoted field? quotes are text in
   a tab-separated file: save it as .csv)``, which did not help. Now ``... got 3 (row
   names: each row starts with its number, 1, 2, ..., which the header has no field for,
   as R's write.table writes them: write the file again without them, row.names =
   FALSE)``; the file written so is read.
4. A CSV or TSV user table starting with two UTF-8 byte-order marks (saved as UTF-8 with
   one, then again by a tool that kept the first as text): the first column was named
   ``'\\ufefftask'``, unseen: ``exposure score`` said ``missing text column 'task' ...
   the file has '\\ufefftask': rename it task`` (it is named ``task``), and a column not
   read by name (``id``) was written to the output as ``\\ufeffid``. Now the second mark is
   dropped as the first is, by ``read_frame`` and by ``check_delimited_file`` (the batches
   of ``exposure score``).
5. ``exposure score`` (which reads a CSV or TSV file in batches, checked by
   ``check_delimited_file``) of a file whose header ends with a separator the rows lack
   (``task,title,``: a trailing comma an editor left), or holds two in a row:
   ``row 2, column '': too few fields: expected 3, got 2 (truncated file or line?)``,
   blaming the first row and naming a column of no name. ``read_frame`` (round 44) says
   what is wrong; now so does ``exposure score``: ``row 2: too few fields: expected 3,
   got 2: the header (line 1) ends with a comma: an empty column name at position 3;
   remove it (or name the column and fill it on every row)``.
6. A file named ``.dta`` that is not a Stata file was told ``not a Stata .dta file: it
   looks like delimited text (a CSV or TSV file named .dta?); give it its own extension``
   (also a workbook, a Parquet file, gzip data), naming no extension, as in 1. Now the
   name to give is said: ``rename it 'tasks.csv'`` (``'tasks.tsv'`` for a tab-separated
   one, ``'tasks.xlsx'``, ``'tasks.parquet'``), ``decompress it first`` for compressed
   data, ``extract the table from it (unzip) ...`` for a zip archive holding no workbook.
   The test of round 34 that pinned the old words now pins these.
"""

from __future__ import annotations

import zipfile

import pandas as pd
import pytest
from test_faults_cli import cli, one_error_line
from tests.unit._frames import write_xlsx

from exposure._tables import check_delimited_file, read_frame
from exposure.errors import DataFormatError
from exposure.onet import read_tasks

SCORE = ["--onet", "none", "--method", "rubric"]
TAB_TEXT = ("UTF-8 tab-separated text (Excel saves none: in LibreOffice, Save As 'Text CSV' with the "
            "character set 'Unicode (UTF-8)' and the field delimiter {Tab})")


def _tasks_workbook(tmp_path, name: str):
    path = write_xlsx(tmp_path, "book.xlsx", [["task", "title"], ["Answer telephones.", "Clerk"]])
    return path.rename(tmp_path / name)


# 1. a workbook, a Parquet file or a zip archive under a text name --------------------------------


@pytest.mark.parametrize("name", ["tasks.csv", "tasks.txt"])
@pytest.mark.parametrize("batches", [[], ["--batch-rows", "10"]])
def test_score_of_a_workbook_named_as_text_names_the_extension_to_give(tmp_path, capsys, name, batches):
    src = _tasks_workbook(tmp_path, name)
    code, _, err = cli(capsys, "score", src, "-o", tmp_path / "o.csv", *SCORE, *batches)
    assert code == 2
    assert one_error_line(err, command="score") == (
        f"exposure score: error: {src}: file is a zip archive (an .xlsx workbook?), not delimited text: "
        "rename it 'tasks.xlsx' (a workbook is read by its extension)")
    src.rename(tmp_path / "tasks.xlsx")  # the advice works
    code, out, _ = cli(capsys, "score", tmp_path / "tasks.xlsx", "-o", tmp_path / "o.csv", *SCORE, *batches)
    assert code == 0 and "scored 1 task" in out


def test_a_parquet_file_named_csv_names_the_extension_to_give(tmp_path):
    src = tmp_path / "tasks.csv"
    pd.DataFrame({"task": ["Answer telephones."]}).to_parquet(src)
    for read in (read_frame, check_delimited_file):
        with pytest.raises(DataFormatError) as err:
            read(src)
        assert str(err.value) == (f"{src}: file is a Parquet file, not delimited text: rename it "
                                  "'tasks.parquet' (a Parquet file is read by its extension)")
    assert read_frame(src.rename(tmp_path / "tasks.parquet"))["task"].tolist() == ["Answer telephones."]


def test_a_zipped_csv_named_csv_is_to_be_unzipped(tmp_path, capsys):
    src = tmp_path / "tasks.csv"
    with zipfile.ZipFile(src, "w") as archive:
        archive.writestr("tasks.csv", "task\nAnswer telephones.\n")
    code, _, err = cli(capsys, "score", src, "-o", tmp_path / "o.csv", *SCORE)
    assert code == 2
    assert one_error_line(err, command="score") == (
        f"exposure score: error: {src}: file is a zip archive, not delimited text: extract the table "
        "from it (unzip) and give that file")


def test_a_reader_of_one_name_says_what_to_save_the_file_as(tmp_path):
    src = tmp_path / "Task Statements.txt"
    pd.DataFrame({"Task ID": [1]}).to_parquet(src)
    with pytest.raises(DataFormatError) as err:
        read_tasks(src)  # no reader of O*NET tables reads a Parquet file: renaming it does not help
    assert str(err.value) == f"{src}: file is a Parquet file, not delimited text: save it as {TAB_TEXT}"
    book = _tasks_workbook(tmp_path, "Task Statements.txt")
    with pytest.raises(DataFormatError) as err:
        read_tasks(book)
    assert str(err.value) == (f"{book}: file is a zip archive (an .xlsx workbook?), not delimited text: "
                              f"save it as {TAB_TEXT}")


def test_check_delimited_file_of_one_name_says_to_save_it_as_csv(tmp_path):
    src = tmp_path / "measures_table.csv"
    pd.DataFrame({"soc_code": ["11-1011"]}).to_parquet(src)
    with pytest.raises(DataFormatError) as err:
        check_delimited_file(src, one_name=True)
    assert str(err.value) == f"{src}: file is a Parquet file, not delimited text: save it as CSV ('CSV UTF-8')"


# 2. a shell variable no shell expanded ---------------------------------------------------------


@pytest.mark.parametrize("given", ["$HOME/tasks.csv", "${HOME}/tasks.csv"])
def test_a_variable_that_no_shell_expanded_is_said(tmp_path, capsys, monkeypatch, given):
    monkeypatch.setenv("HOME", str(tmp_path))
    good = tmp_path / "tasks.csv"
    good.write_text("task\nAnswer telephones.\n", encoding="utf-8")
    code, _, err = cli(capsys, "score", given, "-o", tmp_path / "o.csv", *SCORE)
    assert code == 2
    variable = given.split("/")[0]
    assert one_error_line(err, command="score") == (
        f"exposure score: error: {given}: input file not found: the {variable!r} is not read as an "
        f"environment variable (a shell expands it only outside single quotes); {str(good)!r} is a "
        "file: give that path")


def test_a_variable_not_set_or_naming_no_file_is_said(tmp_path, monkeypatch):
    monkeypatch.delenv("EXPOSURE_R72_UNSET", raising=False)
    monkeypatch.setenv("EXPOSURE_R72_DIR", str(tmp_path))
    said = "is not read as an environment variable (a shell expands it only outside single quotes)"
    with pytest.raises(DataFormatError) as err:
        read_frame("$EXPOSURE_R72_UNSET/tasks.csv")
    assert str(err.value) == (f"$EXPOSURE_R72_UNSET/tasks.csv: file not found: the '$EXPOSURE_R72_UNSET' "
                              f"{said}; EXPOSURE_R72_UNSET is not set")
    with pytest.raises(DataFormatError) as err:
        read_frame("${EXPOSURE_R72_DIR}/nothere.csv")
    assert str(err.value) == f"${{EXPOSURE_R72_DIR}}/nothere.csv: file not found: the '${{EXPOSURE_R72_DIR}}' {said}"


# 3. R's row names --------------------------------------------------------------------------------

ROW_NAMES = ("(row names: each row starts with its number in R's frame, which the header has no field for "
             "(1, 2, ...; a subset or a sorted frame keeps its rows' own numbers: 7, 2, ...), as R's "
             "write.table writes them: write the file again without them, row.names = FALSE)")

R_FILES = {
    # write.table(x, "t.tsv", sep = "\t"): quoted, row names
    "t.tsv": '"task"\t"title"\n"1"\t"Answer telephones."\t"Clerk"\n"2"\t"Weld metal parts."\t"Welder"\n',
    # write.table(x, "t.csv", sep = ","), and with quote = FALSE
    "t.csv": '"task","title"\n"1","Answer telephones.","Clerk"\n"2","Weld metal parts.","Welder"\n',
    "u.csv": "task,title\n1,Answer telephones.,Clerk\n2,Weld metal parts.,Welder\n",
}


@pytest.mark.parametrize("name", sorted(R_FILES))
def test_r_row_names_are_named_as_such(tmp_path, name):
    src = tmp_path / name
    src.write_text(R_FILES[name], encoding="utf-8")
    for read in (read_frame, check_delimited_file):
        with pytest.raises(DataFormatError) as err:
            read(src)
        assert str(err.value) == f"{src}, row 2: too many fields: expected 2, got 3 {ROW_NAMES}"
    # rows numbered 7, 2: in a CSV file not R's row names (an ID column, a comma unquoted in a
    # task); in a TSV file, where no comma splits a cell, those of a sorted frame (round 77:
    # df[order(df$x), ] keeps its rows' numbers); a number given twice is a column in both
    for first, second in (("7", "2"), ("7", "7")):
        src.write_text(R_FILES[name].replace('"1"', f'"{first}"').replace("\n1,", f"\n{first},")
                       .replace('"2"', f'"{second}"').replace("\n2,", f"\n{second},"), encoding="utf-8")
        named = name.endswith(".tsv") and first != second
        for read in (read_frame, check_delimited_file):
            with pytest.raises(DataFormatError, match="too many fields") as err:
                read(src)
            assert ("row names" in str(err.value)) is named


def test_r_row_names_on_the_command_line_and_the_file_written_without_them(tmp_path, capsys):
    src = tmp_path / "t.tsv"
    src.write_text(R_FILES["t.tsv"], encoding="utf-8")
    code, _, err = cli(capsys, "score", src, "-o", tmp_path / "o.csv", *SCORE)
    assert code == 2
    assert one_error_line(err, command="score") == (
        f"exposure score: error: {src}, row 2: too many fields: expected 2, got 3 {ROW_NAMES}")
    # write.table(x, "t.tsv", sep = "\t", quote = FALSE, row.names = FALSE)
    src.write_text("task\ttitle\nAnswer telephones.\tClerk\nWeld metal parts.\tWelder\n", encoding="utf-8")
    code, out, _ = cli(capsys, "score", src, "-o", tmp_path / "o.csv", *SCORE)
    assert code == 0 and "scored 2 tasks" in out


# 4. two byte-order marks ------------------------------------------------------------------------


@pytest.mark.parametrize("sep, name", [(",", "t.csv"), ("\t", "t.tsv")])
def test_a_second_byte_order_mark_is_dropped_as_the_first(tmp_path, sep, name):
    src = tmp_path / name
    src.write_bytes(b"\xef\xbb\xbf\xef\xbb\xbf" + f"id{sep}task\n1{sep}Answer telephones.\n".encode())
    assert read_frame(src).columns.tolist() == ["id", "task"]
    assert check_delimited_file(src) == ["id", "task"]


def test_score_of_a_file_with_two_byte_order_marks(tmp_path, capsys):
    src = tmp_path / "t.csv"
    for header in ("id,task", "task,id"):  # a column passed through, the text column
        src.write_bytes(b"\xef\xbb\xbf\xef\xbb\xbf" + f"{header}\n".encode()
                        + b"".join(f"{row}\n".encode() for row in ("1,Answer telephones.",
                                                                   "2,Weld metal parts.")))
        if header == "task,id":
            src.write_bytes(src.read_bytes().replace(b"1,Answer telephones.", b"Answer telephones.,1")
                            .replace(b"2,Weld metal parts.", b"Weld metal parts.,2"))
        for batches in ([], ["--batch-rows", "1"]):
            out_path = tmp_path / "o.csv"
            code, _, err = cli(capsys, "score", src, "-o", out_path, *SCORE, *batches)
            assert code == 0, err
            assert out_path.read_bytes().startswith(f"{header},p_e0,".encode())  # no mark in the name
            out_path.unlink()


# 5. a header ending with a separator, read in batches ---------------------------------------------


@pytest.mark.parametrize("header, note", [
    ("task,title,", "the header (line 1) ends with a comma: an empty column name at position 3"),
    ("task,,title", "the header (line 1) has an empty column name at position 2 (two commas in a row?)"),
])
def test_score_names_an_empty_header_name_as_read_frame_does(tmp_path, capsys, header, note):
    src = tmp_path / "t.csv"
    src.write_text(f"{header}\nAnswer telephones.,Clerk\nWeld metal parts.,Welder\n", encoding="utf-8")
    said = (f"{src}, row 2: too few fields: expected 3, got 2: {note}; remove it (or name the column and "
            "fill it on every row)")
    for read in (read_frame, check_delimited_file):
        with pytest.raises(DataFormatError) as err:
            read(src)
        assert str(err.value) == said
    code, _, err = cli(capsys, "score", src, "-o", tmp_path / "o.csv", *SCORE)
    assert code == 2 and one_error_line(err, command="score") == f"exposure score: error: {said}"


# 6. a file named .dta that is not a Stata file ------------------------------------------------------


def test_a_text_file_named_dta_is_told_its_name(tmp_path, capsys):
    src = tmp_path / "tasks.dta"
    src.write_text("task\ttitle\nAnswer telephones.\tClerk\n", encoding="utf-8")
    code, _, err = cli(capsys, "score", src, "-o", tmp_path / "o.csv", *SCORE)
    assert code == 2
    assert one_error_line(err, command="score") == (
        f"exposure score: error: {src}: not a Stata .dta file: it looks like delimited text (a CSV or TSV "
        "file named .dta?); rename it 'tasks.tsv'")
    code, out, _ = cli(capsys, "score", src.rename(tmp_path / "tasks.tsv"), "-o", tmp_path / "o.csv", *SCORE)
    assert code == 0 and "scored 1 task" in out  # the advice works


def test_a_zipped_csv_named_dta_is_to_be_unzipped(tmp_path):
    src = tmp_path / "tasks.dta"
    with zipfile.ZipFile(src, "w") as archive:
        archive.writestr("tasks.csv", "task\nAnswer telephones.\n")
    with pytest.raises(DataFormatError) as err:
        read_frame(src)
    assert str(err.value) == (f"{src}: not a Stata .dta file: it is a zip archive; extract the table from "
                              "it (unzip) and give that file")
