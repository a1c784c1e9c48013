"""Round 63: the shared table readers (``exposure._tables``: ``read_frame``, ``read_xlsx_table``).

The readers of ``exposure rollup``, ``exposure evaluate`` and ``exposure score``, and of
the workbooks the loaders read. Faults found (each test below failed before its fix):

1. A workbook cell merged down over the rows of the table (the occupation code merged
   over the tasks of each occupation, a common layout) reads as empty in every row but
   the first: only ``exposure score`` refused it (``exposure.scoring._files``).
   ``exposure rollup`` of such task scores said ``s.xlsx, row 3, column 'onetsoc_code':
   onetsoc_code missing``, and a Task Statements workbook so laid out (``--tasks``,
   :func:`exposure.onet.read_tasks`, through :func:`exposure._tables.read_xlsx_table`)
   ``... got text ''``, saying nothing of the merge. The check now lives in
   :func:`exposure._tables.check_merged`, run by both workbook readers (``exposure score``
   unchanged): ``s.xlsx, row 3, column 'onetsoc_code': the cell A3 is part of the merged
   range A2:A3, whose value only its first cell A2 holds: the row would be read with this
   cell empty; unmerge the cells and fill each one with its value``. Merged title rows
   above the header (the published SOC crosswalk workbooks), a footnote below the table
   and columns not read pass as before.
2. A Parquet file written from a frame with numbered column labels
   (``pd.DataFrame(rows).to_parquet(...)``: labels 0, 1, stored as ``'0'``, ``'1'``) was
   read by :func:`exposure._tables.read_frame` (``exposure rollup``) with the numbers as
   labels; with a stored index (``set_index``) every numbered column was dropped without
   a word, leaving the index alone (only ``exposure score`` read it right, by a second
   reading of its own). The columns keep the names the file stores, as text, in
   :func:`exposure._tables.index_as_columns`, the one rule of every Parquet reader (the
   special case of ``exposure.scoring._files`` is gone). A stored integer index with a
   missing value is now ``Int64`` in ``read_frame`` too (it was float, ``2**53 + 1``
   read as ``2**53``).
3. A Parquet file whose column names have two levels (a ``groupby().agg()`` result that
   pandas wrote) given to ``exposure rollup`` said ``missing column(s) ['alpha', 'beta',
   'gamma', 'onetsoc_code', 'task_id']`` of a file holding all five (under a second
   level). Refused now by every Parquet reader, naming the file: ``s.parquet: the file has
   2-level column names (e.g. ('k', 'onetsoc_code')): flatten them to one level``
   (``exposure score`` said ``tasks has multi-level column names ...``, naming no file).
"""

from __future__ import annotations

import openpyxl
import pandas as pd
import pytest
from _cli import _no_env  # noqa: F401 (autouse fixture)
from test_faults_cli import cli, one_error_line
from test_faults_round58_files import merged_workbook

from exposure._tables import read_frame, read_xlsx_table
from exposure.errors import DataFormatError
from exposure.onet import read_tasks
from exposure.scoring._files import iter_task_batches, read_task_file

SCORES = [["onetsoc_code", "task_id", "alpha", "beta", "gamma"],
          ["11-1011.00", 8823, 0, 0.5, 1],
          [None, 8824, 0, 0.5, 1],
          ["11-1021.00", 8825, 1, 1, 1]]

MERGED = ("the cell A3 is part of the merged range A2:A3, whose value only its first cell A2 "
          "holds: the row would be read with this cell empty; unmerge the cells and fill each one "
          "with its value")


# ------------------------------------------------------------------ 1. merged cells
def test_rollup_of_scores_whose_code_is_merged_down_names_the_merge(tmp_path, capsys):
    src = merged_workbook(tmp_path, "s.xlsx", SCORES, ["A2:A3"])
    code, _, err = cli(capsys, "rollup", src, "-o", tmp_path / "out")
    line = one_error_line(err, command="rollup")
    assert code == 2 and not (tmp_path / "out").exists()
    assert line.endswith(f"s.xlsx, row 3, column 'onetsoc_code': {MERGED}"), line
    with pytest.raises(DataFormatError) as err:  # exposure score (and evaluate): in the same words
        read_task_file(src)
    assert str(err.value) == line.split("error: ", 1)[1]


def test_read_frame_refuses_a_merged_cell_of_a_named_sheet(tmp_path):
    wb = openpyxl.Workbook()
    wb.active.append(["notes"])
    ws = wb.create_sheet("Scores")
    for row in SCORES:
        ws.append(row)
    ws.merge_cells("A2:A3")
    wb.save(tmp_path / "two.xlsx")
    with pytest.raises(DataFormatError) as err:
        read_frame(tmp_path / "two.xlsx", sheet="Scores")
    assert (err.value.row, err.value.column) == (3, "onetsoc_code") and MERGED in str(err.value)
    # a footnote below a blank row, merged across the table's width: no row of the table
    rows = [SCORES[0], SCORES[1], SCORES[1][:1] + [8824, 0, 0.5, 1], [None] * 5,
            ["Source: our scores."] + [None] * 4]
    assert read_frame(merged_workbook(tmp_path, "f.xlsx", rows, ["A5:E5"]))["task_id"].tolist() == ["8823", "8824"]


def test_task_statements_workbook_with_merged_codes_is_refused(tmp_path):
    """``read_xlsx_table`` (O*NET, crosswalk and OEWS workbooks) said ``got text ''``."""
    rows = [["O*NET-SOC Code", "Title", "Task ID", "Task", "Task Type", "Incumbents Responding",
             "Date", "Domain Source"],
            ["11-1011.00", "Chief Executives", 8823, "Direct activities.", "Core", 87, "08/2023", "Incumbent"],
            [None, None, 8824, "Confer with board members.", "Core", 87, "08/2023", "Incumbent"],
            ["11-1021.00", "General Managers", 8825, "Plan work.", "Core", 87, "08/2023", "Incumbent"]]
    src = merged_workbook(tmp_path, "Task Statements.xlsx", rows, ["A2:A3", "B2:B3"])
    with pytest.raises(DataFormatError) as err:
        read_tasks(src)
    assert str(err.value).endswith(f"Task Statements.xlsx, row 3, column 'O*NET-SOC Code': {MERGED}")


def test_read_xlsx_table_counts_rows_under_a_header_below_titles(tmp_path):
    rows = [["SOC crosswalk"], [], ["Code", "Title", "Note"], ["11-1011", "Chief Executives", None],
            ["11-1021", None, None]]
    src = merged_workbook(tmp_path, "c.xlsx", rows, ["A1:C1", "B4:B5"])
    with pytest.raises(DataFormatError) as err:
        read_xlsx_table(src, {"code": "Code", "title": "Title"})
    assert (err.value.row, err.value.column) == (5, "Title") and "merged range B4:B5" in str(err.value)
    # as in the published SOC workbooks: titles merged across the columns above the header;
    # and a range over a column not read, a footnote below a blank row: read as before
    rows = [["2018 SOC crosswalk"], ["Bureau of Labor Statistics"], [],
            ["Code", "Title", "Note"], ["11-1011", "Chief Executives", "merged note"],
            ["11-1021", "General Managers", None], [None, None, None], ["Source: BLS, 2018.", None, None]]
    src = merged_workbook(tmp_path, "ok.xlsx", rows, ["A1:C1", "A2:C2", "C5:C6", "A8:C8"])
    raw = read_xlsx_table(src, {"code": "Code", "title": "Title"})
    assert raw.frame.to_dict("list") == {"code": ["11-1011", "11-1021"],
                                         "title": ["Chief Executives", "General Managers"]}


# ------------------------------------------------------------------ 2. numbered labels
def test_read_frame_keeps_the_stored_names_of_numbered_columns(tmp_path):
    rows = [["11-1011.00", "Direct activities."], ["11-1021.00", "Plan work."]]
    pd.DataFrame(rows).to_parquet(tmp_path / "n.parquet")
    assert read_frame(tmp_path / "n.parquet").columns.tolist() == ["0", "1"]


def test_numbered_columns_beside_a_stored_index_are_not_dropped(tmp_path):
    frame = pd.DataFrame([["Weld pipes.", "Welder"], ["Type letters.", "Clerk"]],
                         index=pd.Index([100, 101], name="posting_id"))
    frame.to_parquet(tmp_path / "n.parquet")
    out = read_frame(tmp_path / "n.parquet")
    assert out.to_dict("list") == {"posting_id": [100, 101], "0": ["Weld pipes.", "Type letters."],
                                   "1": ["Welder", "Clerk"]}
    # the one rule of every reader: the batches of exposure score read the same frame
    assert pd.concat(list(iter_task_batches(tmp_path / "n.parquet", 1)), ignore_index=True).equals(
        read_task_file(tmp_path / "n.parquet"))


def test_a_stored_integer_index_with_a_missing_value_stays_exact(tmp_path):
    frame = pd.DataFrame({"task": ["Weld.", "Sew."]},
                         index=pd.Index([2**53 + 1, None], dtype="Int64", name="posting_id"))
    frame.to_parquet(tmp_path / "i.parquet")
    out = read_frame(tmp_path / "i.parquet")
    assert str(out["posting_id"].dtype) == "Int64" and out["posting_id"].iloc[0] == 2**53 + 1


# ------------------------------------------------------------------ 3. two-level names
def test_rollup_of_parquet_with_two_level_column_names_names_them(tmp_path, capsys):
    frame = pd.DataFrame([r for r in SCORES[1:] if r[0]], columns=SCORES[0])
    frame.columns = pd.MultiIndex.from_tuples([("k", c) for c in frame.columns])
    frame.to_parquet(tmp_path / "s.parquet")
    code, _, err = cli(capsys, "rollup", tmp_path / "s.parquet", "-o", tmp_path / "out")
    line = one_error_line(err, command="rollup")
    assert code == 2 and not (tmp_path / "out").exists()
    assert line.endswith("s.parquet: the file has 2-level column names (e.g. ('k', 'onetsoc_code')): "
                         "flatten them to one level"), line


def test_score_names_the_parquet_file_with_two_level_column_names(tmp_path):
    frame = pd.DataFrame({"task": ["Weld pipes."], "title": ["Welder"]}, index=pd.Index([7], name="posting_id"))
    frame.columns = pd.MultiIndex.from_tuples([("job", "task"), ("job", "title")])
    frame.to_parquet(tmp_path / "t.parquet")
    for read in (read_task_file, lambda p: next(iter_task_batches(p))):
        with pytest.raises(DataFormatError, match=r"t\.parquet: the file has 2-level column names "
                                                  r"\(e\.g\. \('job', 'task'\)\): flatten them to one level$"):
            read(tmp_path / "t.parquet")
