"""Fault round 73: the shared table readers (:mod:`exposure._tables`) and the task-file readers of ``exposure score``.

1. A Parquet file whose text columns are ``binary`` (Impala, Hive and older Spark write
   strings so, without the UTF-8 annotation; pandas writes a column of bytes so) was read
   as bytes: ``exposure score`` said ``row 1, column 'task': task text must be a
   non-empty string, got b'Weld metal parts.'``, and ``exposure rollup`` ``row 1, column
   'onetsoc_code': onetsoc_code not an O*NET-SOC code (like 11-1011.00):
   b'11-1011.00'``. Now ``read_frame`` and the readers of ``exposure score`` (whole and
   in batches) read them as UTF-8 text (their dictionary-encoded form too), as a file of
   ``string`` columns is read; a cell that is not UTF-8 (Windows-1252 text, ``0x93``) is
   refused by the reader, naming its row, column and byte: ``row 2, column 'task': the
   column is binary, read as UTF-8 text, and this cell is not UTF-8 (byte 0x93, at offset
   7, is '“' in Windows-1252): decode the column with its own encoding (pandas:
   .str.decode('cp1252')) and write it as text, or drop the column`` (it was ``task text
   must be a non-empty string, got b'Answer \\x93phones\\x94.'``). The tests of rounds 23,
   34 and 56 that pinned bytes staying bytes now pin the text.
2. A semicolon-separated user table was told ``the file looks semicolon-separated (Excel's
   CSV in some European settings); save it as 'CSV UTF-8 (comma delimited)', or as
   tab-separated .tsv``. Excel writes its CSV formats with the list separator of the
   regional settings, ``;`` where the decimal separator is ``,``, in 'CSV UTF-8 (comma
   delimited)' too: following the advice gave the same file again; and Excel's "Text (Tab
   delimited)" is not UTF-8. Now ``... save it as an .xlsx workbook, or open it in
   LibreOffice (separated by ';') and Save As 'Text CSV' with the character set 'Unicode
   (UTF-8)' and the field delimiter ',' (Excel writes ';' in its CSV where the list
   separator is ';', in 'CSV UTF-8 (comma delimited)' too)`` (``named 'tasks.csv'`` for a
   ``.txt`` or ``.tsv`` file; ``delete that line, then ...`` after Excel's ``sep=;``
   line); a published file read comma-separated (a crosswalk, a measure) is told the
   LibreOffice way (it was told ``save it as 'CSV UTF-8 (comma delimited)'`` too).
3. A one-column ``.xlsx`` (or CSV) file of tasks with a title line above its header
   (``Tasks of the 2024 survey`` in A1, ``task`` in A2), given to ``exposure score``:
   ``missing text column 'task' (columns: ['Tasks of the 2024 survey'])``, while a sheet
   of several columns so laid out is told that its row 2 looks like the header. Now the
   same words: ``row 1: missing text column 'task' (columns: [...]); row 1, read as the
   header, has 1 filled cell: a title line above the header? The header must be the first
   row (row 2 holds 'task': remove the rows above it)`` (O*NET's ``Task`` header too),
   whole and in batches.
"""

from __future__ import annotations

import csv

import openpyxl
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from _cli import _no_env, rollup_args  # noqa: F401 (_no_env: autouse fixture)
from test_faults_cli import cli, one_error_line

from exposure._tables import read_frame
from exposure.crosswalks import read_census_crosswalk
from exposure.errors import DataFormatError
from exposure.scoring._files import iter_task_batches, read_task_file

RUBRIC = ("--method", "rubric", "--onet", "none")
TASKS = ["Weld metal parts.", "Answer telephones and take messages."]
CODES = ["51-4121.00", "43-4171.00"]


# ------------------------------------------------------------ 1. Parquet binary text columns
def _parquet(path, binary: bool, tasks=TASKS, **more):
    kind = pa.binary() if binary else pa.string()
    columns = {"onetsoc_code": pa.array([c.encode() if binary else c for c in CODES], kind),
               "task_id": pa.array([1, 2]),
               "task": pa.array([t.encode() if binary and isinstance(t, str) else t for t in tasks], kind),
               **more}
    pq.write_table(pa.table(columns), path)
    return path


@pytest.mark.parametrize("batch", ["0", "1"])
@pytest.mark.parametrize("out", ["o.csv", "o.parquet"])
def test_binary_text_columns_are_scored_as_their_text(tmp_path, capsys, batch, out):
    text = _parquet(tmp_path / "text.parquet", binary=False)
    raw = _parquet(tmp_path / "raw.parquet", binary=True)
    code, _, err = cli(capsys, "score", text, "-o", tmp_path / f"text_{out}", *RUBRIC, "--batch-rows", batch)
    assert code == 0, err
    # was: raw.parquet, row 1, column 'task': task text must be a non-empty string, got b'Weld metal parts.'
    code, _, err = cli(capsys, "score", raw, "-o", tmp_path / f"raw_{out}", *RUBRIC, "--batch-rows", batch)
    assert code == 0, err
    got, want = read_frame(tmp_path / f"raw_{out}"), read_frame(tmp_path / f"text_{out}")
    pd.testing.assert_frame_equal(got, want)
    assert got["task"].tolist() == TASKS


def test_binary_text_columns_are_read_as_text_by_every_reader(tmp_path):
    text = read_frame(_parquet(tmp_path / "text.parquet", binary=False))
    raw = _parquet(tmp_path / "raw.parquet", binary=True)
    pd.testing.assert_frame_equal(read_frame(raw), text)
    pd.testing.assert_frame_equal(read_task_file(raw), read_task_file(tmp_path / "text.parquet"))
    batches = [b["task"].tolist() for b in iter_task_batches(raw, 1)]
    assert batches == [[TASKS[0]], [TASKS[1]]]
    # a categorical column of bytes, as pandas writes it (dictionary-encoded binary)
    cat = tmp_path / "cat.parquet"
    pd.DataFrame({"task": pd.Series([b"Weld.", b"Sew.", b"Weld."]).astype("category")}).to_parquet(cat)
    assert read_frame(cat)["task"].tolist() == ["Weld.", "Sew.", "Weld."]
    assert [b["task"].tolist() for b in iter_task_batches(cat, 2)] == [["Weld.", "Sew."], ["Weld."]]


NOT_UTF8 = ("row 2, column 'task': the column is binary, read as UTF-8 text, and this cell is not UTF-8 "
            "(byte 0x93, at offset 7, is '\u201c' in Windows-1252): decode the column with its own encoding "
            "(pandas: .str.decode('cp1252')) and write it as text, or drop the column")


@pytest.mark.parametrize("batch", ["0", "1"])
def test_binary_cell_that_is_not_utf8_is_refused_naming_it(tmp_path, capsys, batch):
    src = _parquet(tmp_path / "raw.parquet", binary=True,
                   tasks=[b"Weld metal parts.", b"Answer \x93phones\x94."])
    # was: raw.parquet, row 2, column 'task': task text must be a non-empty string, got b'Answer \x93phones\x94.'
    code, _, err = cli(capsys, "score", src, "-o", tmp_path / "o.csv", *RUBRIC, "--batch-rows", batch)
    assert code == 2
    assert one_error_line(err, command="score") == f"exposure score: error: {src}, {NOT_UTF8}"
    assert not (tmp_path / "o.csv").exists()
    with pytest.raises(DataFormatError) as info:
        read_frame(src)
    assert str(info.value) == f"{src}, {NOT_UTF8}"


def test_rollup_reads_a_scores_file_of_binary_text_columns(tmp_path, capsys, fixtures):
    scores = pd.read_csv(fixtures / "rollup" / "task_scores_tiny.csv", dtype={"onetsoc_code": str})
    as_text = tmp_path / "scores.parquet"
    scores.to_parquet(as_text, index=False)
    table = pq.read_table(as_text).replace_schema_metadata(None)  # Impala and Hive store no pandas metadata
    for name in ("onetsoc_code", "label", "method", "task_type"):  # as Impala or Hive write them
        at = table.schema.get_field_index(name)
        table = table.set_column(at, pa.field(name, pa.binary()), table.column(name).cast(pa.binary()))
    as_binary = tmp_path / "scores_binary.parquet"
    pq.write_table(table, as_binary)
    code, _, err = cli(capsys, *rollup_args(fixtures, as_text, tmp_path / "text", "--format", "csv"))
    assert code == 0, err
    # was: scores_binary.parquet, row 1, column 'onetsoc_code': onetsoc_code not an O*NET-SOC code
    # (like 11-1011.00): b'11-1011.00'
    code, _, err = cli(capsys, *rollup_args(fixtures, as_binary, tmp_path / "binary", "--format", "csv"))
    assert code == 0, err
    written = sorted(p.name for p in (tmp_path / "text").iterdir())
    assert written == sorted(p.name for p in (tmp_path / "binary").iterdir())
    for name in written:
        if name.endswith(".csv"):
            assert (tmp_path / "binary" / name).read_bytes() == (tmp_path / "text" / name).read_bytes(), name


# ------------------------------------------------------------ 2. the advice for semicolons
EXCEL = "(Excel writes ';' in its CSV where the list separator is ';', in 'CSV UTF-8 (comma delimited)' too)"
LIBRE = ("open it in LibreOffice (separated by ';') and Save As 'Text CSV' with the character set 'Unicode "
         f"(UTF-8)' and the field delimiter ',' {EXCEL}")
LOOKS = "the file looks semicolon-separated (Excel's CSV in some European settings)"


@pytest.mark.parametrize(("name", "body", "said"), [
    ("tasks.csv", "task;title\nWeld metal parts.;Welder\n",
     f"row 1: the header holds ';' and no ',': {LOOKS}; save it as an .xlsx workbook, or {LIBRE}"),
    ("tasks.txt", "task;title\nWeld metal parts.;Welder\n",
     f"row 1: the header holds ';' and no tab: {LOOKS}; save it as an .xlsx workbook, or {LIBRE}, named "
     "'tasks.csv'"),
    ("tasks.csv", "sep=;\ntask;title\nWeld metal parts.;Welder\n",
     f"row 1: Excel's 'sep=;' line: {LOOKS}; save it as an .xlsx workbook, or delete that line, then {LIBRE}"),
])
@pytest.mark.parametrize("batch", ["0", "1"])
def test_semicolon_file_is_told_what_works(tmp_path, capsys, name, body, said, batch):
    src = tmp_path / name
    src.write_text(body, encoding="utf-8")
    # was: ...; save it as 'CSV UTF-8 (comma delimited)', or as tab-separated .tsv
    code, _, err = cli(capsys, "score", src, "-o", tmp_path / "o.csv", *RUBRIC, "--batch-rows", batch)
    assert code == 2
    assert one_error_line(err, command="score") == f"exposure score: error: {src}, {said}"
    # what it says works: the table as a workbook, or comma-separated under a .csv name
    frame = pd.DataFrame({"task": ["Weld metal parts."], "title": ["Welder"]})
    frame.to_excel(tmp_path / "tasks.xlsx", index=False)
    frame.to_csv(tmp_path / "saved.csv", index=False)
    for fixed in ("tasks.xlsx", "saved.csv"):
        code, _, err = cli(capsys, "score", tmp_path / fixed, "-o", tmp_path / "o.csv", *RUBRIC)
        assert code == 0, err


def test_semicolon_published_file_is_told_the_libreoffice_way(tmp_path):
    rows = [["Job Zone", "Occupation", "Data-level", "Code", "cps_code"],
            ["5", "Chief Executives", "Y", "11-1011.00", "0010"],
            ["", "Plant and System Operators, All Other", "", "51-8099.00", ""]]
    path = tmp_path / "census.csv"
    with open(path, "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh, delimiter=";").writerows(rows)
    with pytest.raises(DataFormatError) as info:
        read_census_crosswalk(path)
    # was: ...; the file is read comma-separated, as published: save it as 'CSV UTF-8 (comma delimited)'
    assert str(info.value) == (f"{path}, row 1: the header holds ';' and no ',': {LOOKS}; the file is read "
                               f"comma-separated, as published: {LIBRE}")
    # saved with the field delimiter ',' (LibreOffice quotes the field holding one), it is read
    with open(path, "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(rows)
    assert len(read_census_crosswalk(path)) == 2


# ------------------------------------------------------------ 3. one column under a title line
def _titled(path, header="task"):
    rows = [["Tasks of the 2024 survey"], [header], ["Weld metal parts."], ["Answer telephones."]]
    if path.suffix == ".xlsx":
        wb = openpyxl.Workbook()
        for row in rows:
            wb.active.append(row)
        wb.save(path)
    else:
        path.write_text("".join(f"{r[0]}\n" for r in rows), encoding="utf-8")
    return path


@pytest.mark.parametrize("name", ["tasks.xlsx", "tasks.csv"])
@pytest.mark.parametrize("header", ["task", "Task"])
@pytest.mark.parametrize("batch", ["0", "1"])
def test_one_column_under_a_title_line_is_told_where_the_header_is(tmp_path, capsys, name, header, batch):
    src = _titled(tmp_path / name, header)
    # was: tasks.xlsx, column 'task': missing text column 'task' (columns: ['Tasks of the 2024 survey'])
    code, _, err = cli(capsys, "score", src, "-o", tmp_path / "o.csv", *RUBRIC, "--batch-rows", batch)
    assert code == 2
    assert one_error_line(err, command="score") == (
        f"exposure score: error: {src}, row 1: missing text column 'task' (columns: ['Tasks of the 2024 "
        "survey']); row 1, read as the header, has 1 filled cell: a title line above the header? The header "
        f"must be the first row (row 2 holds {header!r}: remove the rows above it)")
    assert not (tmp_path / "o.csv").exists()


def test_one_column_title_note_matches_the_sheet_of_several_columns(tmp_path, capsys):
    # the words of a sheet of two columns so laid out (unchanged), which the one column now shares
    wb = openpyxl.Workbook()
    for row in [["Tasks of the 2024 survey"], ["task", "title"], ["Weld metal parts.", "Welder"]]:
        wb.active.append(row)
    wb.save(tmp_path / "two.xlsx")
    code, _, err = cli(capsys, "score", tmp_path / "two.xlsx", "-o", tmp_path / "o.csv", *RUBRIC)
    two = one_error_line(err, command="score")
    code, _, err = cli(capsys, "score", _titled(tmp_path / "one.xlsx"), "-o", tmp_path / "o.csv", *RUBRIC)
    one = one_error_line(err, command="score")
    shared = "row 1, read as the header, has 1 filled cell: a title line above the header? The header must be the first row"
    assert shared in two and shared in one
    # the rows above removed, the file is scored
    src = tmp_path / "fixed.csv"
    src.write_text("task\nWeld metal parts.\nAnswer telephones.\n", encoding="utf-8")
    code, _, err = cli(capsys, "score", src, "-o", tmp_path / "o.csv", *RUBRIC)
    assert code == 0, err
