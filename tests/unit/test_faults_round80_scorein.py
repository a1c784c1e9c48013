"""Faults of round 80 (scorein): what ``exposure score FILE`` and ``score_tasks`` accept as input.

1. A file of tasks without a header row (one task per line, or codes and texts) has its
   first row read as the header. It was told ``t.csv, column 'task': missing text column
   'task' (columns: ['Weld pipes.'])`` and no more (``['47-2021.00', '201', 'Lay bricks
   to build walls and chimneys.']`` too), or was offered the first task as the text
   column: ``...; 'Lay bricks to build walls and chimneys.' is the file's one column of
   task-like texts: give --text-column 'Lay bricks to build walls and chimneys.'``, which
   scored the rows below it and left that task out without a word. Now
   (:func:`exposure.scoring._files._header_as_data`): ``...; the column name 'Weld
   pipes.' reads as a task statement: a file without a header row, its first row read as
   the header? Insert a first row naming the columns, 'task' over the task texts (the
   first task would not be scored otherwise); if 'Weld pipes.' is the column's name, give
   --text-column 'Weld pipes.'``; ``...; the column name '47-2021.00' is an O*NET-SOC or
   SOC code: a file without a header row, ...``. A workbook's sheet is told so too;
   ``Task Description`` is still offered as before.
2. A task ID that a spreadsheet wrote in its own way was refused as ``task ID ... is not
   an integer``, no more: a column formatted as dates in a workbook (``exposure score``:
   ``task ID '2001-01-05 00:00:00' is not an integer``; ``score_tasks`` of
   ``pd.read_excel``'s frame: ``task ID Timestamp('1924-02-26 00:00:00') is not an
   integer``), a number format's thousands separator saved in a CSV (``'8,823'``), Excel's
   formula of a text (``'="8823"'``). Now each is said, with what to do
   (:func:`exposure.scoring._inputs.task_id_hint`): ``...: a date (the task ID 36896 in a
   cell formatted as a date?): format the column of task IDs as Number, then save the
   file again``; ``...: the task ID 8823 with thousands separators (a number format's,
   saved as shown?): write task IDs without separators (format the column as Number
   without the 1000 separator, then save the file again)``; ``...: Excel's formula of a
   text, saved as written: write the task ID 8823 alone``.
3. A decimal column of a Parquet input (``decimal128(10, 0)``: a database's ``NUMERIC``)
   was read as Python ``Decimal`` objects, whose Arrow type each batch inferred from its
   values: a ``.parquet`` output held ``decimal128(8, 0)`` for ``decimal128(10, 0)``
   (``decimal128(6, 0)`` for ``decimal256(40, 0)``), and two batches of one column
   differed, which stopped the stream: ``exposure score: note: the column 'task_id' has
   the type decimal128(2, 0) in one batch and decimal128(8, 0) in another (Parquet needs
   one), so the file was scored in memory as a whole (write .csv for bounded memory)``.
   Now decimals are Arrow columns of their type, as ``exposure.dask.score_dataset`` reads
   them: the output keeps the input's types, the file is streamed without a note, and a
   ``.csv`` output has the same bytes as before.
4. A tab-separated file of one column (``.txt``/``.tsv``) saved by Excel ("Text (Tab
   delimited)") with a cell holding a line break writes the cell in quotes over two lines;
   quotes are text in a tab-separated file, so each line was read as a row: ``'"Weld
   pipes'`` and ``'and joints."'`` were scored as two tasks, without a word (a file of
   more columns is refused by its short line). Now refused
   (:func:`exposure._tables.check_quoted_breaks`), in the words of the file of more
   columns: ``t.txt, row 2, column 'task': a quoted cell holding a line break (as Excel's
   tab-delimited text writes it) spans lines 2 and 3, but quotes are text in a
   tab-separated file: each line was read as a row of its own; save it as .csv ('CSV
   UTF-8'), where quotes keep a cell's line breaks`` (``spans lines 3 to 6`` for a cell of
   four lines), whole and in batches; quotes that are text (``"Weld" pipes.``) are read as
   before.
5. A file named without an extension (``exposure score t.csv -o results``, an input
   ``tasks``; ``write_frame`` / ``read_frame`` too) was told ``results: unsupported output
   file type '(none)'; use .csv, .parquet, .xlsx or .dta``, as if a format had been given.
   Now (:func:`exposure._tables.no_extension`): ``results: the file name 'results' has no
   extension, which names the format to write: add one of .csv, .parquet, .xlsx or .dta
   (e.g. 'results.csv')``; ``tasks: the file name 'tasks' has no extension, which names
   the format to read: rename it with one of .csv, .tsv, .txt, .parquet, .pq, .xlsx, .xlsm
   or .dta (e.g. 'tasks.csv' for comma-separated text)``.
6. ``score_tasks`` (``tag_categories``, ``score_rubric``) of a frame whose columns are
   numbered (``pd.read_csv(f, header=None)`` of a file without a header, a frame built
   from lists of rows) was told ``column 'task': missing text column 'task' (columns:
   [0, 1])``, no more. Now: ``...; the frame's columns are numbered (read with
   header=None, or built from lists of rows?): give text_column=1`` (the one column of
   texts with letters; a frame of one column: ``text_column=0``; else ``give
   text_column=N, N the number of the column of task texts``).
"""

from __future__ import annotations

import datetime
import decimal
import io

import pandas as pd
import pyarrow as pa
import pytest
from _frames import write_text, write_xlsx

from exposure._tables import table_kind
from exposure.cli import main
from exposure.errors import DataFormatError
from exposure.scoring import score_tasks
from exposure.scoring._files import iter_task_batches, read_task_file
from exposure.scoring._inputs import check_task_ids

NO_HEADER = ("a file without a header row, its first row read as the header? Insert a first row naming the "
             "columns, 'task' over the task texts (the first task would not be scored otherwise)")


def _refusal(capsys, src, out, *more) -> str:
    """The one line of ``exposure score SRC -o OUT`` refusing the input (nothing written)."""
    assert main(["score", str(src), "-o", str(out), "--onet", "none", *more]) == 2
    assert not out.exists()
    return capsys.readouterr().err.strip()


# 1. a file without a header row ----------------------------------------------------------------

def test_one_task_per_line_without_header_is_said(tmp_path, capsys):
    src = write_text(tmp_path, "t.csv", "Weld pipes.\nLay bricks.\nFile records.\n")
    assert _refusal(capsys, src, tmp_path / "o.csv") == (
        f"exposure score: error: {src}, column 'task': missing text column 'task' (columns: ['Weld pipes.']); "
        f"the column name 'Weld pipes.' reads as a task statement: {NO_HEADER}; if 'Weld pipes.' is the "
        "column's name, give --text-column 'Weld pipes.'")


def test_first_task_is_not_offered_as_the_text_column(tmp_path, capsys):
    """Was: give --text-column 'Lay bricks to build walls and chimneys.' (its task then unscored)."""
    first = "Lay bricks to build walls and chimneys."
    src = write_text(tmp_path, "t.csv", f"{first},Brickmasons\nAnswer telephones and take messages.,Clerks\n")
    err = _refusal(capsys, src, tmp_path / "o.csv")
    assert "one column of task-like texts" not in err
    assert err.endswith(f"; the column name '{first}' reads as a task statement: {NO_HEADER}; if '{first}' is "
                        f"the column's name, give --text-column '{first}'")


def test_codes_in_the_header_are_said(tmp_path, capsys):
    src = write_text(tmp_path, "t.csv", "47-2021.00,201,Lay bricks to build walls and chimneys.\n"
                                        '43-9061.00,101,"Answer telephones, take messages."\n')
    assert _refusal(capsys, src, tmp_path / "o.csv").endswith(
        f"; the column name '47-2021.00' is an O*NET-SOC or SOC code: {NO_HEADER}")


def test_sheet_without_header_is_said_and_named_texts_still_offered(tmp_path, capsys):
    src = write_xlsx(tmp_path, "t.xlsx", [["Weld pipes."], ["Lay bricks."]])
    assert "the column name 'Weld pipes.' reads as a task statement: " + NO_HEADER in _refusal(
        capsys, src, tmp_path / "o.csv")
    named = write_text(tmp_path, "n.csv", "id,Task Description\n1,Answer telephones and take messages for staff\n")
    assert _refusal(capsys, named, tmp_path / "o.csv").endswith(
        "; 'Task Description' is the file's one column of task-like texts: give --text-column 'Task Description'")


# 2. task IDs a spreadsheet wrote ----------------------------------------------------------------

FIX_DATE = "format the column of task IDs as Number, then save the file again"


def test_workbook_date_task_id_is_said(tmp_path, capsys):
    src = write_xlsx(tmp_path, "t.xlsx", [["onetsoc_code", "task_id", "task"],
                                          ["47-2021.00", datetime.datetime(2001, 1, 5), "Lay bricks."]])
    assert _refusal(capsys, src, tmp_path / "o.csv") == (
        f"exposure score: error: {src}, row 2, column 'task_id': task ID '2001-01-05 00:00:00' is not an "
        f"integer: a date (the task ID 36896 in a cell formatted as a date?): {FIX_DATE}")


def test_frame_date_task_id_is_said():
    frame = pd.DataFrame({"onetsoc_code": ["47-2021.00", "47-2021.00"], "task": ["Lay bricks.", "Mix mortar."],
                          "task_id": pd.to_datetime(["1924-02-26 00:00", "2020-01-01 12:00"])})
    with pytest.raises(DataFormatError) as info:
        score_tasks(frame)
    assert str(info.value) == ("row 1, column 'task_id': task ID Timestamp('1924-02-26 00:00:00') is not an "
                               f"integer: a date (the task ID 8823 in a cell formatted as a date?): {FIX_DATE}")
    with pytest.raises(DataFormatError) as info:  # a time of day in it: no number said
        check_task_ids(frame["task_id"].iloc[1:])
    assert str(info.value).endswith(": a date (a cell formatted as a date in a spreadsheet?): " + FIX_DATE)


@pytest.mark.parametrize("cell, said", [
    ('"8,823"', "task ID '8,823' is not an integer: the task ID 8823 with thousands separators (a number "
                "format's, saved as shown?): write task IDs without separators (format the column as Number "
                "without the 1000 separator, then save the file again)"),
    ('="8823"', "task ID '=\"8823\"' is not an integer: Excel's formula of a text, saved as written: write the "
                "task ID 8823 alone"),
])
def test_spreadsheet_written_task_id_is_said(tmp_path, capsys, cell, said):
    src = write_text(tmp_path, "t.csv", f"onetsoc_code,task_id,task\n47-2021.00,{cell},Lay bricks.\n")
    assert _refusal(capsys, src, tmp_path / "o.csv") == (
        f"exposure score: error: {src}, row 2, column 'task_id': {said}")


# 3. decimal columns of a Parquet input ----------------------------------------------------------

def _decimal_file(tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    src = tmp_path / "d.parquet"
    pq.write_table(pa.table({
        "onetsoc_code": ["47-2021.00", "43-9061.00", "11-1011.00"],
        "task_id": pa.array([decimal.Decimal("12"), decimal.Decimal("88230000"), None], pa.decimal128(10, 0)),
        "amount": pa.array([decimal.Decimal("1.50"), None, decimal.Decimal("123456789.99")], pa.decimal128(12, 2)),
        "big": pa.array([decimal.Decimal("100000"), None, decimal.Decimal("3")], pa.decimal256(40, 0)),
        "task": ["Lay bricks.", "Mix mortar.", "Plan budgets."]}), src)
    return src


def test_decimal_columns_keep_their_types_and_stream(tmp_path, capsys):
    pq = pytest.importorskip("pyarrow.parquet")
    src = _decimal_file(tmp_path)
    whole, streamed = tmp_path / "whole.parquet", tmp_path / "streamed.parquet"
    assert main(["score", str(src), "-o", str(whole), "--onet", "none"]) == 0
    assert main(["score", str(src), "-o", str(streamed), "--onet", "none", "--batch-rows", "1"]) == 0
    assert "note" not in capsys.readouterr().err  # was: ... scored in memory as a whole ...
    for out in (whole, streamed):
        types = pq.read_schema(out)
        assert [str(types.field(c).type) for c in ("task_id", "amount", "big")] == [
            "decimal128(10, 0)", "decimal128(12, 2)", "decimal256(40, 0)"]
        assert pq.read_table(out).column("amount").to_pylist() == [
            decimal.Decimal("1.50"), None, decimal.Decimal("123456789.99")]
    assert whole.read_bytes() == streamed.read_bytes()


def test_decimal_columns_read_whole_as_in_batches_and_csv_unchanged(tmp_path):
    src = _decimal_file(tmp_path)
    whole = read_task_file(src)
    assert str(whole["task_id"].dtype) == "decimal128(10, 0)[pyarrow]"  # was: object (Decimal cells)
    pd.testing.assert_frame_equal(pd.concat(list(iter_task_batches(src, 1)), ignore_index=True), whole)
    out = tmp_path / "o.csv"
    assert main(["score", str(src), "-o", str(out), "--onet", "none"]) == 0
    rows = out.read_text(encoding="utf-8").splitlines()
    assert [r.split(",")[:4] for r in rows[1:]] == [["47-2021.00", "12", "1.50", "100000"],
                                                    ["43-9061.00", "88230000", "", ""],
                                                    ["11-1011.00", "", "123456789.99", "3"]]


# 4. a quoted cell over several lines of a one-column tab-separated file ------------------------

SAVE_CSV = "save it as .csv ('CSV UTF-8'), where quotes keep a cell's line breaks"


@pytest.mark.parametrize("batch", [[], ["--batch-rows", "1"], ["--batch-rows", "0"]])
def test_one_column_tab_file_with_quoted_line_break_is_refused(tmp_path, capsys, batch):
    """Was: scored 3 tasks ('"Weld pipes', 'and joints."', 'Lay bricks.')."""
    src = write_text(tmp_path, "t.txt", 'task\r\n"Weld pipes\nand joints."\r\nLay bricks.\r\n')
    assert _refusal(capsys, src, tmp_path / "o.csv", *batch) == (
        f"exposure score: error: {src}, row 2, column 'task': a quoted cell holding a line break (as Excel's "
        "tab-delimited text writes it) spans lines 2 and 3, but quotes are text in a tab-separated file: each "
        f"line was read as a row of its own; {SAVE_CSV}")


def test_quoted_cell_of_four_lines_is_named_and_text_quotes_still_read(tmp_path, capsys):
    src = write_text(tmp_path, "t.tsv", 'task\nLay bricks.\n"Weld pipes\n\nand ""joints""\nfast."\nSew.\n')
    with pytest.raises(DataFormatError) as info:
        read_task_file(src)
    assert (info.value.row, info.value.column) == (3, "task")
    assert "spans lines 3 to 6, but quotes are text" in info.value.reason
    plain = write_text(tmp_path, "p.tsv", 'task\n"Weld" pipes.\nLay "bricks.\n"Say ""hi""."\n')
    assert read_task_file(plain)["task"].tolist() == ['"Weld" pipes.', 'Lay "bricks.', '"Say ""hi""."']


# 5. a file name without an extension --------------------------------------------------------------

def test_output_without_extension_is_told_to_add_one(tmp_path, capsys):
    src = write_text(tmp_path, "t.csv", "task\nWeld pipes.\n")
    out = tmp_path / "results"
    assert _refusal(capsys, src, out) == (
        f"exposure score: error: {out}: the file name 'results' has no extension, which names the format to "
        "write: add one of .csv, .tsv, .parquet, .xlsx or .dta (e.g. 'results.csv')")  # round 81: .tsv


def test_input_without_extension_is_told_to_rename_it(tmp_path, capsys):
    src = write_text(tmp_path, "tasks", "task\nWeld pipes.\n")
    assert _refusal(capsys, src, tmp_path / "o.csv") == (
        f"exposure score: error: {src}: the file name 'tasks' has no extension, which names the format to read: "
        "rename it with one of .csv, .tsv, .txt, .parquet, .pq, .xlsx, .xlsm or .dta (e.g. 'tasks.csv' for "
        "comma-separated text)")
    with pytest.raises(DataFormatError) as info:
        table_kind(tmp_path / "rolled", "output")
    assert info.value.reason == ("the file name 'rolled' has no extension, which names the format to write: add "
                                 "one of .csv, .tsv, .parquet, .pq, .xlsx or .dta (e.g. 'rolled.csv')")


# 6. a frame of numbered columns ---------------------------------------------------------------------

NUMBERED = "the frame's columns are numbered (read with header=None, or built from lists of rows?): give "


@pytest.mark.parametrize("text, give", [
    ("47-2021.00,Weld pipes.\n43-9061.00,Lay bricks.\n", "text_column=1"),
    ("Weld pipes.\nLay bricks.\n", "text_column=0"),
    ("Welders,Weld pipes.\nClerks,Lay bricks.\n", "text_column=N, N the number of the column of task texts"),
])
def test_frame_read_without_header_is_told_its_column(text, give):
    frame = pd.read_csv(io.StringIO(text), header=None)
    with pytest.raises(DataFormatError) as info:
        score_tasks(frame)
    assert str(info.value) == (f"column 'task': missing text column 'task' (columns: {list(frame.columns)}); "
                               f"{NUMBERED}{give}")
