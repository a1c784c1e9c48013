"""Fault round 81 (tables2): every reader of user tables says how to convert a file; what a cell or byte is.

Faults found and fixed:

1. A JSON file (``.json``, ``.jsonl``, ``.ndjson``) or a spreadsheet of another program
   (``.xls``, ``.ods``, ``.numbers``) given to a reader of user tables other than
   ``exposure score`` (:func:`exposure._tables.read_frame`, so ``exposure rollup``) was
   told ``s.jsonl: unsupported input file type '.jsonl'; use .csv, .tsv, .txt, .parquet,
   .pq, .xlsx, .xlsm or .dta`` and no more, where ``exposure score`` said how to convert
   it. The advice is now ``exposure._tables.other_format``'s, said by
   ``exposure._tables.table_kind`` for every reader: ``s.jsonl: unsupported input file
   type '.jsonl' (JSON is not read); use .csv, ...: convert it first, in Python:
   pandas.read_json('s.jsonl', lines=True, dtype=False).to_parquet('s.parquet',
   index=False), then give s.parquet``; ``s.xls: unsupported input file type '.xls' (an
   old binary Excel workbook is not read); use .csv, ...: open it in Excel and save it as
   'Excel Workbook (*.xlsx)', then give s.xlsx``. Following the JSON advice, the roll-up
   runs.
2. A Parquet file with a column of times of day in nanoseconds (``time64[ns]``) holding a
   time finer than a microsecond was refused by ``read_frame`` (so ``exposure rollup``):
   ``s.parquet: cannot read this Parquet file: Value 3723000000001 has non-zero
   nanoseconds``. Such a column is now read as an Arrow column of its type, its
   nanoseconds kept, as ``exposure score`` reads it; the roll-up runs.
3. A state (or metropolitan ...) OEWS table was refused with a question:
   ``state.csv, row 2, column 'AREA_TYPE': AREA_TYPE must be 1 (national, the U.S.) in a
   national OEWS table, got '2' (AREA_TITLE 'Alabama'): a state table? read BLS's
   national file (national_M<year>_dl)``, though ``AREA_TYPE`` 2 is a state. Now it says
   what it is and what to give: ``...: AREA_TYPE 2 is a state, not the U.S.: this is a
   state table, not the national one; give BLS's national file (national_M<year>_dl)``;
   a state's row below national ones: ``...: AREA_TYPE 2 is a state, not the U.S.: a
   state's rows below the national ones (two tables joined into one?); give BLS's
   national file (national_M<year>_dl) alone``.
4. A workbook with a group name merged across columns above its header (``Tasks`` over
   A1:B1, the header on row 2, a table of text) was told ``m.xlsx, row 1: column 2 has
   values but no name in the header (first at row 2): its header cell B1 is part of the
   merged range A1:B1 (a merged cell holds its text in its first column only): unmerge
   the cells and name each column``, which left the real header read as a row of data.
   When the row below names every column: ``...: its header cell B1 is part of the
   merged range A1:B1: a group name above the header? The header must be the first row
   (row 2 names every column: delete row 1)``.
5. An O*NET ``Date`` cell holding a date with its day (``2023-08-15``, ``8/15/2023``, a
   workbook's date cell of the 15th) was refused without a word of advice: ``Job
   Zones.txt, row 2, column 'Date': Date must be a month written MM/YYYY (like 08/2023),
   got '2023-08-15'``. Now: ``...got '2023-08-15': a date with its day, 15 August 2023?
   Date is a month: write '08/2023'``.
6. A header cell holding a zero-width space (``'Job Zone\\u200b'``) was said to be
   ``'Job Zone' spelt otherwise (renamed by a program, or by a newer release?)``. Now
   what it holds: ``the header's 'Job Zone\\u200b' is 'Job Zone' with '\\u200b' in it
   (U+200B ZERO WIDTH SPACE, a character that shows nothing; pasted from a web page or a
   document?): name the column 'Job Zone'``.
7. A text file ending with a Ctrl-Z byte on a line of its own (the end-of-file mark of
   DOS programs and ``copy /a``) was refused as cut short: ``Job Zones.txt, row 3, column
   'Job Zone': too few fields: expected 4, got 1 (truncated file or line?)``. Now, by
   every reader of delimited text (O*NET, OEWS, user tables whole or in batches):
   ``Job Zones.txt, row 3: too few fields: expected 4, got 1: the line holds only a
   Ctrl-Z byte (0x1A, the end-of-file mark that old DOS programs and Windows' 'copy /a'
   write), which is no row: remove it``.
"""

from __future__ import annotations

import datetime

import openpyxl
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from _rollup_files import rollup_files

from exposure._tables import check_delimited_file, read_frame
from exposure.cli import main
from exposure.errors import DataFormatError, SchemaError
from exposure.oews import read_oews
from exposure.onet import read_job_zones

KINDS = ".csv, .tsv, .txt, .parquet, .pq, .xlsx, .xlsm or .dta"

# ------------------------------------------------------------ 1. JSON and other spreadsheets, every reader


def test_read_frame_tells_how_to_convert_json(tmp_path):
    path = tmp_path / "s.jsonl"
    with pytest.raises(DataFormatError) as info:
        read_frame(path)
    assert str(info.value) == (
        f"{path}: unsupported input file type '.jsonl' (JSON is not read); use {KINDS}: convert it first, in "
        f"Python: pandas.read_json({str(path)!r}, lines=True, dtype=False).to_parquet("
        f"{str(tmp_path / 's.parquet')!r}, index=False), then give {tmp_path / 's.parquet'}")


@pytest.mark.parametrize(("name", "said"), [
    ("s.xls", "(an old binary Excel workbook is not read); use {k}: open it in Excel and save it as 'Excel "
              "Workbook (*.xlsx)', then give {d}/s.xlsx"),
    ("s.numbers", "(an Apple Numbers spreadsheet is not read); use {k}: open it in Numbers and export it (File > "
                  "Export To > Excel), then give {d}/s.xlsx"),
])
def test_rollup_tells_how_to_save_another_spreadsheet(tmp_path, capsys, name, said):
    args = rollup_files(tmp_path)
    (tmp_path / name).write_bytes(b"not read")
    args[1] = str(tmp_path / name)
    assert main(args) == 2
    suffix = name[name.index("."):]
    assert capsys.readouterr().err.strip().endswith(
        f"{tmp_path / name}: unsupported input file type {suffix!r} " + said.format(k=KINDS, d=tmp_path))


def test_rollup_json_advice_works(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    args = rollup_files(tmp_path)
    (tmp_path / "s.jsonl").write_text(
        '{"onetsoc_code": "11-1011.00", "task_id": 1, "alpha": 1, "beta": 1, "gamma": 1}\n'
        '{"onetsoc_code": "11-1011.00", "task_id": 2, "alpha": 0, "beta": 0, "gamma": 0}\n', encoding="utf-8")
    args[1] = "s.jsonl"
    assert main([*args, "--weights", "equal"]) == 2
    err = capsys.readouterr().err
    exec(err.split("convert it first, in Python: ")[1].split(", then give")[0], {"pandas": pd})  # as written
    args[1] = "s.parquet"
    assert main([*args, "--weights", "equal"]) == 0, capsys.readouterr().err


# ------------------------------------------------------------ 2. times of day in nanoseconds


def _ns_scores(path):
    pq.write_table(pa.table({
        "onetsoc_code": ["11-1011.00", "11-1011.00"], "task_id": [1, 2], "alpha": [1.0, 0.0], "beta": [1.0, 0.0],
        "gamma": [1.0, 0.0], "at": pa.array([3723000000001, None], pa.time64("ns"))}), path)
    return path


def test_read_frame_keeps_nanosecond_times(tmp_path):
    frame = read_frame(_ns_scores(tmp_path / "s.parquet"))
    assert pa.array(frame["at"].array).cast(pa.int64()).to_pylist() == [3723000000001, None]
    assert frame["alpha"].tolist() == [1.0, 0.0]


def test_rollup_reads_nanosecond_times(tmp_path, capsys):
    args = rollup_files(tmp_path)
    args[1] = str(_ns_scores(tmp_path / "s.parquet"))
    assert main([*args, "--weights", "equal"]) == 0, capsys.readouterr().err
    assert (tmp_path / "o").is_dir()


# ------------------------------------------------------------ 3. a state's OEWS table

_HEAD = ("AREA,AREA_TITLE,AREA_TYPE,NAICS,NAICS_TITLE,I_GROUP,OCC_CODE,OCC_TITLE,O_GROUP,TOT_EMP,EMP_PRSE,"
         "H_MEAN,A_MEAN,MEAN_PRSE,H_MEDIAN,A_MEDIAN\n")


def _oews_row(area, code="11-1011", title="Chief Executives", group="detailed"):
    return f"{area},000000,Cross-industry,cross-industry,{code},{title},{group},1000,0.1,43.27,90000,0.1,40.00,83200\n"


_STATE = "01,Alabama,2"
_US = "99,U.S.,1"
_MUST = "AREA_TYPE must be 1 (national, the U.S.) in a national OEWS table, got '2' (AREA_TITLE 'Alabama'): "


def test_a_state_table_is_said_to_be_one(tmp_path):
    path = tmp_path / "state.csv"
    path.write_text(_HEAD + _oews_row(_STATE, "00-0000", "All Occupations", "total") + _oews_row(_STATE),
                    encoding="utf-8")
    with pytest.raises(DataFormatError) as info:
        read_oews(path)
    assert str(info.value) == (f"{path}, row 2, column 'AREA_TYPE': {_MUST}AREA_TYPE 2 is a state, not the U.S.: "
                               "this is a state table, not the national one; give BLS's national file "
                               "(national_M<year>_dl)")


def test_a_state_row_below_national_ones_is_said_so(tmp_path):
    path = tmp_path / "oews.csv"
    path.write_text(_HEAD + _oews_row(_US, "00-0000", "All Occupations", "total") + _oews_row(_US)
                    + _oews_row(_STATE), encoding="utf-8")
    with pytest.raises(DataFormatError) as info:
        read_oews(path)
    assert str(info.value) == (f"{path}, row 4, column 'AREA_TYPE': {_MUST}AREA_TYPE 2 is a state, not the U.S.: "
                               "a state's rows below the national ones (two tables joined into one?); give BLS's "
                               "national file (national_M<year>_dl) alone")


# ------------------------------------------------------------ 4. a group name merged above the header


def _merged(path, rows, merges):
    wb = openpyxl.Workbook()
    for row in rows:
        wb.active.append(row)
    for span in merges:
        wb.active.merge_cells(span)
    wb.save(path)
    return path


def test_a_group_name_merged_above_the_header_says_to_delete_its_row(tmp_path):
    path = _merged(tmp_path / "m.xlsx", [["Tasks", None, "Jobs"], ["task", "title", "code"],
                                         ["Weld.", "Welder", "51-4121.06"]], ["A1:B1"])
    with pytest.raises(DataFormatError) as info:
        read_frame(path)
    assert str(info.value) == (f"{path}, row 1: column 2 has values but no name in the header (first at row 2): its "
                               "header cell B1 is part of the merged range A1:B1: a group name above the header? The "
                               "header must be the first row (row 2 names every column: delete row 1)")
    _merged(path, [["task", "title", "code"], ["Weld.", "Welder", "51-4121.06"]], [])  # as advised
    assert read_frame(path).columns.tolist() == ["task", "title", "code"]


def test_a_merged_header_over_data_is_told_as_before(tmp_path):
    path = _merged(tmp_path / "m.xlsx", [["task", "Score", None], ["Weld.", 0.5, 0.25]], ["B1:C1"])
    with pytest.raises(DataFormatError, match=r"B1:C1 \(a merged cell holds its text in its first column only\): "
                                              "unmerge the cells and name each column$"):
        read_frame(path)


# ------------------------------------------------------------ 5. a Date with its day

_ZONES = "O*NET-SOC Code\tJob Zone\tDate\tDomain Source\r\n"
_MONTH = "Date must be a month written MM/YYYY (like 08/2023), got "


@pytest.mark.parametrize("cell", ["2023-08-15", "8/15/2023", "15.08.2023"])
def test_a_date_with_its_day_is_told_its_month(tmp_path, cell):
    path = tmp_path / "Job Zones.txt"
    path.write_bytes((_ZONES + f"11-1011.00\t5\t{cell}\tAnalyst\r\n").encode())
    with pytest.raises(SchemaError) as info:
        read_job_zones(path)
    assert str(info.value) == (f"{path}, row 2, column 'Date': {_MONTH}{cell!r}: a date with its day, 15 August "
                               "2023? Date is a month: write '08/2023'")


def test_a_workbook_date_cell_of_a_day_is_told_its_month(tmp_path):
    wb = openpyxl.Workbook()
    wb.active.append(["O*NET-SOC Code", "Title", "Job Zone", "Date", "Domain Source"])
    wb.active.append(["11-1011.00", "Chief Executives", 5, datetime.datetime(2023, 8, 15), "Analyst"])
    wb.save(tmp_path / "Job Zones.xlsx")
    with pytest.raises(SchemaError, match=r"got '2023-08-15T00:00:00': a date with its day, 15 August 2023\? Date "
                                          "is a month: write '08/2023'$"):
        read_job_zones(tmp_path / "Job Zones.xlsx")


def test_a_date_whose_day_and_month_cannot_be_told_apart_says_nothing(tmp_path):
    path = tmp_path / "Job Zones.txt"
    path.write_bytes((_ZONES + "11-1011.00\t5\t8/2/2023\tAnalyst\r\n").encode())
    with pytest.raises(SchemaError) as info:
        read_job_zones(path)
    assert str(info.value).endswith(f"{_MONTH}'8/2/2023'")


# ------------------------------------------------------------ 6. a zero-width space in a header


@pytest.mark.parametrize("name", ["Job Zone\u200b", "Job\u200bZone"])
def test_a_zero_width_space_in_a_header_is_named(tmp_path, name):
    path = tmp_path / "Job Zones.txt"
    path.write_bytes((_ZONES.replace("Job Zone", name) + "11-1011.00\t5\t08/2023\tAnalyst\r\n").encode())
    with pytest.raises(DataFormatError) as info:
        read_job_zones(path)
    assert info.value.reason.endswith(
        f": the header's {name!r} is 'Job Zone' with '\\u200b' in it (U+200B ZERO WIDTH SPACE, a character that "
        "shows nothing; pasted from a web page or a document?): name the column 'Job Zone'")
    assert "spelt otherwise" not in str(info.value)


# ------------------------------------------------------------ 7. a Ctrl-Z ending the file

_EOF = ("too few fields: expected {}, got 1: the line holds only a Ctrl-Z byte (0x1A, the end-of-file mark that old "
        "DOS programs and Windows' 'copy /a' write), which is no row: remove it")


def test_an_onet_file_ending_with_ctrl_z_is_told_what_it_is(tmp_path):
    path = tmp_path / "Job Zones.txt"
    path.write_bytes((_ZONES + "11-1011.00\t5\t08/2023\tAnalyst\r\n").encode() + b"\x1a")
    with pytest.raises(DataFormatError) as info:
        read_job_zones(path)
    assert str(info.value) == f"{path}, row 3: " + _EOF.format(4)


@pytest.mark.parametrize("reader", [read_frame, check_delimited_file], ids=["whole", "batches"])
@pytest.mark.parametrize(("name", "text"), [("t.csv", b"task,title\r\nWeld.,Welder\r\n\x1a"),
                                            ("t.tsv", b"task\ttitle\nWeld.\tWelder\n\x1a\n")])
def test_a_user_table_ending_with_ctrl_z_is_told_what_it_is(tmp_path, reader, name, text):
    path = tmp_path / name
    path.write_bytes(text)
    with pytest.raises(DataFormatError) as info:
        reader(path)
    assert str(info.value) == f"{path}, row 3: " + _EOF.format(2)
