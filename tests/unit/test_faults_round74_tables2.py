"""Fault round 74, second wave: the shared table readers and the readers built on them.

The shared readers (:mod:`exposure._tables`), the published measures' shared reader
(:mod:`exposure.measures._common`) and the task-file readers of ``exposure score``
(:mod:`exposure.scoring._files`).

1. A Stata ``.dta`` file (Webb et al. publish theirs so), an ``.xlsx`` workbook or a Parquet file
   given to a reader of a published measure's CSV file (Microsoft's, Anthropic's, Webb's:
   ``exposure.measures._common.read_csv``) was ``w.dta, row 1: file is binary, not text (a NUL
   byte at offset 3)``: a row of a file read as no rows, what the file is unsaid, no advice.
   Now ``w.dta: file is a Stata .dta file, not delimited text: save it as CSV ('CSV UTF-8')``
   (``a zip archive (an .xlsx workbook?)``, ``a Parquet file``: the same advice). The shared
   check of other formats knows the Stata signature too: a Stata file named ``tasks.csv`` given
   to ``read_frame`` (``exposure score``, in batches too) was the same NUL byte error, now
   ``... not delimited text: rename it 'tasks.dta' (a Stata file is read by its extension)``;
   the O*NET readers say to save it as tab-separated text.
2. A first column of row numbers without a name, as pandas' ``to_csv()`` (``index=True`` by
   default) and R's ``write.csv()`` (``row.names = TRUE``) write it: ``row 1: column 1 has
   values but no name in the header (first at row 2): name it``, which kept the row numbers as a
   column of the table. Now, by ``read_frame``, ``exposure score`` (whole and in batches:
   ``scoring._files._check_unnamed``) and ``read_task_file``: ``... (first at row 2): the row
   numbers pandas writes with to_csv() (index=True by default)? write the table again with
   to_csv(..., index=False), or delete that column`` (from 1: R's ``write.csv(...,
   row.names = FALSE)``; an ``.xlsx`` sheet: pandas' ``to_excel(..., index=False)``). A column
   of text without a name, or a later column, is still told to be named.
3. A line break inside a quoted cell of tab-separated text, as Excel's "Text (Tab delimited)"
   writes it (``"Weld metal<LF>parts."``): a tab-separated file is read with quotes as text,
   so the line break ended the row: ``row 2, column 'occ': too few fields: expected 2, got 1
   (truncated file or line?)``, naming neither the cell nor what to do. Now, by ``read_frame``
   and ``check_delimited_file`` (``exposure score``): ``row 2, column 'task': a quoted cell
   holding a line break (as Excel's tab-delimited text writes it) spans lines 2 and 3, but
   quotes are text in a tab-separated file: the line break ends the row, and line 2 has too
   few fields (expected 2, got 1); save it as .csv ('CSV UTF-8'), where quotes keep a cell's
   line breaks`` (which works); the row, line and column are where the cell opens (a cell
   opened in the last column of a line names that line). The O*NET readers, which read tab
   -separated text whatever the name, say to remove the line break (or give an ``.xlsx``
   workbook). A truncated line is still "truncated file or line?".
4. A file named ``.parquet`` or ``.xlsx`` that is another format (a CSV or TSV file, a Stata
   file, a workbook or Parquet file under the other's name, gzip data) was ``tasks.parquet: not
   a Parquet file (no PAR1 signature)`` or ``tasks.xlsx: not an .xlsx workbook (no zip
   signature)`` (by ``read_frame``, ``exposure score`` whole and in batches), what it is and
   what to do unsaid, where a file named ``.dta`` was told both. Now as the ``.dta`` reader
   says it: ``tasks.parquet: not a Parquet file: it looks like delimited text (a CSV or TSV
   file named .parquet?); rename it 'tasks.csv'`` (``it is a Stata .dta file; rename it
   'tasks.dta'``, ``it is gzip-compressed data; decompress it first``...).
"""

from __future__ import annotations

import pandas as pd
import pytest
from test_faults_cli import cli, one_error_line

from exposure._tables import check_delimited_file, read_frame, read_text_table
from exposure.errors import DataFormatError
from exposure.measures import anthropic, microsoft, webb
from exposure.scoring._files import iter_task_batches, read_task_file

SCORE = ["--onet", "none", "--method", "rubric"]
TASKS = pd.DataFrame({"task": ["Weld metal parts.", "Write reports."], "occupation": ["51-4121", "13-1111"]})


# 1. a Stata file, a workbook or a Parquet file given to a reader of published CSV ---------------


def _binary(tmp_path, kind: str, name: str):
    path = tmp_path / name
    frame = pd.DataFrame({"occ1990dd": [4, 7], "pct_ai": [28.0, 30.0]})
    if kind == "dta":
        frame.to_stata(path, write_index=False)
    elif kind == "dta118":
        frame.to_stata(path, write_index=False, version=118)
    elif kind == "xlsx":
        frame.to_excel(path, index=False)
    else:
        frame.to_parquet(path, index=False)
    return path


@pytest.mark.parametrize(("kind", "what"), [
    ("dta", "a Stata .dta file"), ("dta118", "a Stata .dta file"),
    ("xlsx", "a zip archive (an .xlsx workbook?)"), ("parquet", "a Parquet file"),
])
@pytest.mark.parametrize("read", [webb.read_webb, microsoft.read_applicability, anthropic.read_task_usage])
def test_published_readers_name_a_file_of_another_format(tmp_path, kind, what, read):
    src = _binary(tmp_path, kind, f"scores.{kind[:3]}" if kind != "parquet" else "scores.parquet")
    with pytest.raises(DataFormatError) as err:
        read(src)
    assert str(err.value) == f"{src}: file is {what}, not delimited text: save it as CSV ('CSV UTF-8')"


@pytest.mark.parametrize("batches", [[], ["--batch-rows", "10"]])
def test_score_names_a_stata_file_under_a_csv_name(tmp_path, capsys, batches):
    src = tmp_path / "my tasks.csv"
    TASKS.to_stata(src, write_index=False)
    code, _, err = cli(capsys, "score", src, "-o", tmp_path / "o.csv", *SCORE, *batches)
    assert code == 2
    assert one_error_line(err, command="score") == (
        f"exposure score: error: {src}: file is a Stata .dta file, not delimited text: rename it "
        "'my tasks.dta' (a Stata file is read by its extension)")
    # the advice works
    assert read_frame(src.rename(tmp_path / "my tasks.dta"))["task"].tolist() == TASKS["task"].tolist()


def test_read_frame_and_the_onet_readers_name_a_stata_file(tmp_path):
    src = tmp_path / "t.tsv"
    TASKS.to_stata(src, write_index=False, version=118)
    for read in (read_frame, check_delimited_file):
        with pytest.raises(DataFormatError, match=r"t\.tsv: file is a Stata \.dta file, not delimited text: "
                                                  r"rename it 't\.dta'"):
            read(src)
    with pytest.raises(DataFormatError) as err:
        read_text_table(src, {"task": "task"})
    assert str(err.value).startswith(
        f"{src}: file is a Stata .dta file, not delimited text: save it as UTF-8 tab-separated text")


# 2. a first column of row numbers without a name ------------------------------------------------

PANDAS = ("the row numbers pandas writes with to_csv() (index=True by default)? write the table again "
          "with to_csv(..., index=False), or delete that column")
R = ("the row names R writes with write.csv() (row.names = TRUE by default)? write the table again with "
     "write.csv(..., row.names = FALSE), or delete that column")
EXCEL = ("the row numbers pandas writes with to_excel() (index=True by default)? write the table again "
         "with to_excel(..., index=False), or delete that column")
UNNAMED = "row 1: column 1 has values but no name in the header (first at row 2): "


def _r_csv(path):
    """``write.csv(frame, path)`` of R: quoted, row names from 1 under an empty name."""
    path.write_text('"","task","occupation"\n"1","Weld metal parts.","51-4121"\n'
                    '"2","Write reports.","13-1111"\n', encoding="utf-8")
    return path


@pytest.mark.parametrize(("name", "advice"), [("t.csv", PANDAS), ("t.tsv", PANDAS), ("t.xlsx", EXCEL),
                                              ("r.csv", R)])
def test_read_frame_tells_row_numbers_how_to_go(tmp_path, name, advice):
    src = tmp_path / name
    if name == "r.csv":
        _r_csv(src)
    elif name == "t.xlsx":
        TASKS.to_excel(src)
    else:
        TASKS.to_csv(src, sep="," if name.endswith("csv") else "\t")
    batches = [] if name.endswith("xlsx") else [lambda p: list(iter_task_batches(p, 1))]  # (read whole)
    for read in (read_frame, read_task_file, *batches):
        with pytest.raises(DataFormatError) as err:
            read(src)
        assert str(err.value) == f"{src}, {UNNAMED}{advice}"


@pytest.mark.parametrize("batches", [[], ["--batch-rows", "1"]])
def test_score_tells_row_numbers_how_to_go(tmp_path, capsys, batches):
    src = _r_csv(tmp_path / "r tasks.csv")
    code, _, err = cli(capsys, "score", src, "-o", tmp_path / "o.csv", *SCORE, *batches)
    assert code == 2
    assert one_error_line(err, command="score") == f"exposure score: error: {src}, {UNNAMED}{R}"
    # the advice works: the table written again without its row names is read
    src.write_text(TASKS.to_csv(index=False), encoding="utf-8")
    assert read_frame(src).columns.tolist() == ["task", "occupation"]


def test_other_unnamed_columns_are_still_told_to_be_named(tmp_path):
    src = tmp_path / "t.csv"
    src.write_text(",task\nnote,Weld.\n", encoding="utf-8")
    src2 = tmp_path / "t2.csv"
    src2.write_text("task,\nWeld.,1\n", encoding="utf-8")
    for read in (read_frame, read_task_file):
        with pytest.raises(DataFormatError, match=r"\(first at row 2\): name it$"):
            read(src)
        with pytest.raises(DataFormatError, match=r"column 2 has values .*: name it$"):
            read(src2)


# 3. a line break inside a quoted cell of tab-separated text ---------------------------------------

BREAK = ("a quoted cell holding a line break (as Excel's tab-delimited text writes it) spans lines {0} and "
         "{1}, but quotes are text in a tab-separated file: the line break ends the row, and line {2} has "
         "too few fields (expected 2, got 1); ")
SAVE_CSV = "save it as .csv ('CSV UTF-8'), where quotes keep a cell's line breaks"


@pytest.mark.parametrize(("text", "where", "lines"), [
    ('task\toccupation\r\n"Weld metal\nparts."\t51-4121\r\nWrite reports.\t13-1111\r\n',
     "row 2, column 'task'", (2, 3, 2)),
    ('task\toccupation\nWrite reports.\t13-1111\nSew.\t"51-6031\n"\nCut.\t51-2092\n',
     "row 3, column 'occupation'", (3, 4, 4)),
    ('occupation\ttask\n13-1111\tWrite reports.\n51-4121\t"Weld metal\nparts."\n',
     "row 3, column 'task'", (3, 4, 4)),
])
def test_a_quoted_line_break_in_tab_separated_text_is_named(tmp_path, text, where, lines):
    src = tmp_path / "tasks.txt"
    src.write_bytes(text.encode())
    for read in (read_frame, check_delimited_file):
        with pytest.raises(DataFormatError) as err:
            read(src)
        assert str(err.value) == f"{src}, {where}: {BREAK.format(*lines)}{SAVE_CSV}"


def test_score_names_a_quoted_line_break_and_the_advice_works(tmp_path, capsys):
    src = tmp_path / "tasks.tsv"
    src.write_bytes(b'task\toccupation\r\n"Weld metal\nparts."\t51-4121\r\n')
    code, _, err = cli(capsys, "score", src, "-o", tmp_path / "o.csv", *SCORE)
    assert code == 2
    assert one_error_line(err, command="score") == (
        f"exposure score: error: {src}, row 2, column 'task': {BREAK.format(2, 3, 2)}{SAVE_CSV}")
    saved = tmp_path / "tasks.csv"  # Excel's 'CSV UTF-8' of the same sheet
    saved.write_bytes(b'task,occupation\r\n"Weld metal\nparts.",51-4121\r\n')
    assert read_frame(saved)["task"].tolist() == ["Weld metal\nparts."]
    assert cli(capsys, "score", saved, "-o", tmp_path / "o.csv", *SCORE)[0] == 0


def test_a_reader_of_tab_text_whatever_the_name_says_to_remove_the_break(tmp_path):
    src = tmp_path / "Task Statements.txt"
    src.write_bytes(b'Task\tTitle\n"Weld metal\nparts."\tWelders\n')
    with pytest.raises(DataFormatError) as err:
        read_text_table(src, {"task": "Task", "title": "Title"})
    assert str(err.value) == (f"{src}, row 2, column 'Task': {BREAK.format(2, 3, 2)}"
                              "remove the line break from the cell")


def test_a_truncated_line_of_tab_text_is_still_truncated(tmp_path):
    src = tmp_path / "tasks.tsv"
    src.write_bytes(b'task\toccupation\n"Weld" metal parts.\n')
    for read in (read_frame, check_delimited_file):
        with pytest.raises(DataFormatError, match=r"row 2, column 'occupation': too few fields: expected 2, "
                                                  r"got 1 \(truncated file or line\?\)$"):
            read(src)


# 4. a file named .parquet or .xlsx that is another format --------------------------------------


def _other(tmp_path, kind: str, name: str):
    path = tmp_path / name
    if kind == "csv":
        TASKS.to_csv(path, index=False)
    elif kind == "tsv":
        TASKS.to_csv(path, index=False, sep="\t")
    elif kind == "dta":
        TASKS.to_stata(path, write_index=False)
    elif kind == "parquet":
        TASKS.to_parquet(path, index=False)
    else:
        TASKS.to_excel(path, index=False)
    return path


@pytest.mark.parametrize(("name", "kind", "said"), [
    ("tasks.parquet", "csv", "not a Parquet file: it looks like delimited text (a CSV or TSV file named "
                             ".parquet?); rename it 'tasks.csv'"),
    ("tasks.parquet", "dta", "not a Parquet file: it is a Stata .dta file; rename it 'tasks.dta'"),
    ("tasks.parquet", "xlsx", "not a Parquet file: it is a zip archive (an .xlsx workbook?); rename it "
                              "'tasks.xlsx'"),
    ("tasks.xlsx", "tsv", "not an .xlsx workbook: it looks like delimited text (a CSV or TSV file named "
                          ".xlsx?); rename it 'tasks.tsv'"),
    ("tasks.xlsx", "parquet", "not an .xlsx workbook: it is a Parquet file; rename it 'tasks.parquet'"),
    ("tasks.xlsx", "dta", "not an .xlsx workbook: it is a Stata .dta file; rename it 'tasks.dta'"),
])
def test_read_frame_says_what_a_misnamed_binary_table_is(tmp_path, name, kind, said):
    src = _other(tmp_path, kind, name)
    with pytest.raises(DataFormatError) as err:
        read_frame(src)
    assert str(err.value) == f"{src}: {said}"
    # the advice works
    renamed = src.rename(tmp_path / said.rsplit("'", 2)[1])
    assert read_frame(renamed)["task"].tolist() == TASKS["task"].tolist()


@pytest.mark.parametrize("batches", [[], ["--batch-rows", "1"]])
def test_score_says_what_a_misnamed_parquet_input_is(tmp_path, capsys, batches):
    src = _other(tmp_path, "dta", "my tasks.parquet")
    code, _, err = cli(capsys, "score", src, "-o", tmp_path / "o.csv", *SCORE, *batches)
    assert code == 2
    assert one_error_line(err, command="score") == (
        f"exposure score: error: {src}: not a Parquet file: it is a Stata .dta file; rename it 'my tasks.dta'")
    with pytest.raises(DataFormatError, match="it is a Stata .dta file; rename it 'my tasks.dta'$"):
        next(iter_task_batches(src, 1))
