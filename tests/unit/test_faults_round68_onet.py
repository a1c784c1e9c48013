"""Round 68: the O*NET readers (``exposure.onet``) given text files written again by R or pandas.

1. A tab-separated O*NET file written by R's ``write.table`` with its default
   ``row.names = TRUE``: each row starts with a row number (``"1"``, ``"2"``) that has no
   name in the header. Before, with two rows or more: ``row 2: too many fields: expected 4,
   got 5 (row 1, read as the header, has 4 fields: a title line above the header? The
   header must be the first line)``, though the header is line 1 (deleting it, as told,
   does not help); with one quoted row: ``(a tab inside a quoted field? quotes are text in a
   tab-separated file: save it as .csv)``. Now: ``too many fields: expected 4, got 5: every
   row has a first field more than the header, numbering the rows ('1', '2'): the row names
   R's write.table writes without a name in the header; write the file with row.names =
   FALSE, or delete that first column``; the file written so is read.
2. A quoted cell holding a tab (``"Plan\\tdo."``, as pandas' ``to_csv(sep="\\t")`` writes
   it) in an O*NET text file. Before: ``row 3: too many fields: expected 7, got 8 (a tab
   inside a quoted field? quotes are text in a tab-separated file: save it as .csv)``; the
   O*NET readers read a ``.csv`` file tab-separated too, and the comma-separated file saved
   as told was refused (``... and this table is read tab-separated ...``). Now the row, the
   column and the cell are named, with advice that works: remove the tab from the cell, or
   give the table as an ``.xlsx`` workbook.
3. :func:`exposure.onet.load_onet` of a release whose file is quoted (every cell, as R or a
   spreadsheet's "quote all text cells" writes it) and refers to a row another file lacks:
   the warning about the quoted cells was given twice, with two counts (``the header and 10
   cell(s) are quoted ...``, then ``the header and 4 cell(s) ...``: the second from reading
   the key columns again to number the row of the error). Now once, with the file's count.
4. A workbook's ``Date`` cell holding the first of a month stored as a date
   (``<c t="d"><v>2023-08-01</v></c>``, as openpyxl writes it with ``iso_dates``): refused
   (``Date must be a month written MM/YYYY (like 08/2023), got '2023-08-01'``), though the
   same date stored as a number of days is read as ``08/2023``. Now read as that month.
5. A task statement holding quotes in an O*NET text file written by R's ``write.table`` (its
   defaults quote the text and escape a quote inside with a backslash, ``qmethod =
   "escape"``): ``"Conduct \\"head counts\\" to help predict votes."`` was read so, outer
   quotes and backslashes kept (scored and shown so; the release diff counted it as
   reworded), while the warning said the file's quoted cells were read without their
   quotes. Now read as the statement, ``Conduct "head counts" to help predict votes.``.

Tiny made-up files in the real formats, written by the tests.
"""

from __future__ import annotations

import datetime
import logging
import re

import openpyxl
import pytest
from _frames import write_text, write_xlsx
from test_faults_cli import cli, one_error_line

from exposure import onet
from exposure.errors import DataFormatError, SchemaError
from exposure.fetch import DataStore

JZ_HEAD = ["O*NET-SOC Code", "Job Zone", "Date", "Domain Source"]
JZ_ROWS = [["11-1011.00", "5", "08/2023", "Analyst"], ["11-1021.00", "4", "08/2023", "Analyst"]]
TS_HEAD = ["O*NET-SOC Code", "Task ID", "Task", "Task Type", "Incumbents Responding", "Date", "Domain Source"]


def _r_table(head, rows, *, quote=True, row_names=True, eol="\n") -> str:
    """A table as R's ``write.table(df, sep = "\\t", quote = quote, row.names = row_names)`` writes it.

    Text quoted, a quote inside escaped with a backslash (R's default ``qmethod = "escape"``);
    numbers and ``NA`` not.
    """
    def cell(value, text=True):
        return '"' + value.replace('"', '\\"') + '"' if quote and text else value

    lines = ["\t".join(cell(h) for h in head)]
    for k, row in enumerate(rows, start=1):
        cells = [cell(v, text=v != "NA" and not re.fullmatch(r"[0-9.]+", v)) for v in row]
        lines.append("\t".join(([cell(str(k))] if row_names else []) + cells))
    return eol.join(lines) + eol


# ------------------------------------------------------------------ 1. R's row names

@pytest.mark.parametrize("quote, eol", [(True, "\n"), (False, "\r\n")])
def test_the_row_names_r_writes_are_named(tmp_path, quote, eol):
    path = write_text(tmp_path, "Job Zones.txt", _r_table(JZ_HEAD, JZ_ROWS, quote=quote, eol=eol))
    with pytest.raises(DataFormatError) as info:
        onet.read_job_zones(path)
    assert str(info.value) == (
        f"{path}, row 2: too many fields: expected 4, got 5: every row has a first field more than the "
        "header, numbering the rows ('1', '2'): the row names R's write.table writes without a name in "
        "the header; write the file with row.names = FALSE, or delete that first column")
    # the advice works: the file written without row names is read
    path = write_text(tmp_path, "Job Zones.txt", _r_table(JZ_HEAD, JZ_ROWS, quote=quote, row_names=False, eol=eol))
    assert onet.read_job_zones(path)["job_zone"].tolist() == [5, 4]


def test_the_row_name_of_one_quoted_row_is_not_called_a_quoted_tab(tmp_path):
    path = write_text(tmp_path, "Job Zones.txt", _r_table(JZ_HEAD, JZ_ROWS[:1]))
    with pytest.raises(DataFormatError, match=r"numbering the rows \('1'\): the row names R's write\.table") as info:
        onet.read_job_zones(path)
    assert ".csv" not in str(info.value)
    # a field too many at the end of every row (codes first) is not taken for row names
    text = "\t".join(JZ_HEAD) + "\n" + "".join("\t".join(r) + "\tnote\n" for r in JZ_ROWS)
    with pytest.raises(DataFormatError) as info:
        onet.read_job_zones(write_text(tmp_path, "Job Zones.txt", text))
    assert "row names" not in str(info.value)


def test_the_row_names_of_a_task_ratings_file_are_named_by_exposure_validate(tmp_path, capsys):
    head = ["O*NET-SOC Code", "Task ID", "Scale ID", "Category", "Data Value", "N", "Standard Error",
            "Lower CI Bound", "Upper CI Bound", "Recommend Suppress", "Date", "Domain Source"]
    rows = [["11-1011.00", "8823", "IM", "NA", "4.5", "60", "0.1", "4.3", "4.7", "N", "08/2023", "Incumbent"],
            ["11-1011.00", "8824", "IM", "NA", "3.5", "60", "0.1", "3.3", "3.7", "N", "08/2023", "Incumbent"]]
    path = write_text(tmp_path, "Task Ratings.txt", _r_table(head, rows))
    code, _, err = cli(capsys, "validate", "--file", "task_ratings", path)
    assert code == 2
    line = one_error_line(err, command="validate")
    assert "the row names R's write.table writes without a name in the header" in line


# ------------------------------------------------------------------ 2. a quoted cell holding a tab

TAB_TASK = '11-1011.00\t8823\t"Plan\tdo."\tCore\t95\t08/2023\tIncumbent\n'
TASK_OK = "11-1011.00\t8824\tConfer.\tCore\t95\t08/2023\tIncumbent\n"


def test_a_quoted_cell_holding_a_tab_is_named_with_advice_that_works(tmp_path):
    path = write_text(tmp_path, "Task Statements.txt", "\t".join(TS_HEAD) + "\n" + TASK_OK + TAB_TASK)
    with pytest.raises(DataFormatError) as info:
        onet.read_tasks(path)
    assert str(info.value) == (
        f"{path}, row 3, column 'Task': too many fields: expected 7, got 8: the quoted cell 'Plan\\tdo.' "
        "holds a tab, and O*NET's text files are read unquoted, where a tab always separates cells (in a "
        ".csv file too): remove the tab from the cell, or give the table as an .xlsx workbook")
    # the advice before did not work: saved as .csv (comma-separated), the file is refused
    csv_path = write_text(tmp_path, "Task Statements.csv",
                          ",".join(TS_HEAD) + '\n11-1011.00,8823,"Plan, do.",Core,95,08/2023,Incumbent\n')
    with pytest.raises(DataFormatError, match="read tab-separated"):
        onet.read_tasks(csv_path)
    # the new one does: as a workbook, the tab kept in the cell; or the tab removed
    rows = [TS_HEAD, ["11-1011.00", 8823, "Plan\tdo.", "Core", 95, "08/2023", "Incumbent"]]
    assert onet.read_tasks(write_xlsx(tmp_path, "Task Statements.xlsx", rows))["task"].tolist() == ["Plan\tdo."]
    text = "\t".join(TS_HEAD) + "\n" + TAB_TASK.replace("\tdo", " do")
    assert onet.read_tasks(write_text(tmp_path, "Task Statements.txt", text))["task"].tolist() == ["Plan do."]
    # a field too many not quoted keeps its error
    text = "\t".join(TS_HEAD) + "\n" + TASK_OK + TAB_TASK.replace('"', "")
    with pytest.raises(DataFormatError) as info:
        onet.read_tasks(write_text(tmp_path, "Task Statements.txt", text))
    assert info.value.reason == "too many fields: expected 7, got 8"


# ------------------------------------------------------------------ 3. the quoted-cells warning once

RELEASE = {
    "Occupation Data": [["O*NET-SOC Code", "Title", "Description"],
                        ["11-1011.00", "Chief Executives", "Determine policies."]],
    "Task Statements": [TS_HEAD, ["11-1011.00", "101", "Approve budgets.", "Core", "95", "08/2023", "Incumbent"]],
    "Task Ratings": [["O*NET-SOC Code", "Task ID", "Scale ID", "Category", "Data Value", "N", "Standard Error",
                      "Lower CI Bound", "Upper CI Bound", "Recommend Suppress", "Date", "Domain Source"],
                     ["11-1011.00", "101", "IM", "n/a", "4.50", "60", "0.10", "4.30", "4.70", "N", "08/2023",
                      "Incumbent"]],
    "Tasks to DWAs": [["O*NET-SOC Code", "Task ID", "DWA ID", "Date", "Domain Source"],
                      ["11-1011.00", "101", "4.A.4.b.4.I09.D02", "03/2014", "Analyst"],
                      ["11-1011.00", "999", "4.A.4.b.4.I09.D02", "03/2014", "Analyst"]],
    "DWA Reference": [["Element ID", "IWA ID", "DWA ID", "DWA Title"],
                      ["4.A.4.b.4", "4.A.4.b.4.I09", "4.A.4.b.4.I09.D02", "Direct financial operations."]],
    "IWA Reference": [["Element ID", "IWA ID", "IWA Title"],
                      ["4.A.4.b.4", "4.A.4.b.4.I09", "Manage budgets or finances."]],
    "Job Zones": [JZ_HEAD, JZ_ROWS[0]],
    "Emerging Tasks": [["O*NET-SOC Code", "Task", "Category", "Original Task ID", "Original Task", "Date",
                        "Domain Source"],
                       ["11-1011.00", "Review AI-generated plans.", "New", "n/a", "n/a", "08/2025", "Incumbent"]],
}


def test_load_onet_warns_once_of_the_quoted_cells_of_a_file_it_refuses(tmp_path, caplog):
    folder = tmp_path / "mirror" / "onet" / "31.0"
    folder.mkdir(parents=True)
    for base, rows in RELEASE.items():
        quoted = base == "Tasks to DWAs"  # every cell quoted, as R's write.table quotes text
        text = "".join("\t".join(f'"{c}"' if quoted else c for c in row) + "\n" for row in rows)
        (folder / f"{base}.txt").write_text(text, encoding="utf-8")
    store = DataStore(cache=tmp_path / "cache", home=tmp_path / "home", mirror=tmp_path / "mirror")
    with caplog.at_level(logging.WARNING, logger="exposure.onet"), pytest.raises(SchemaError) as info:
        onet.load_onet("31.0", store=store)
    assert info.value.row == 3 and "not found in Task Statements.txt" in str(info.value)
    said = [r.getMessage() for r in caplog.records if "quoted as a program writing quoted text" in r.getMessage()]
    assert len(said) == 1, said
    assert "the header and 10 cell(s) are quoted" in said[0]


# ------------------------------------------------------------------ 4. a date cell stored as a date

def _iso_dated(tmp_path, *dates):
    """``Job Zones.xlsx`` whose Date cells are ``dates``, stored as openpyxl's ``iso_dates`` stores them."""
    path = tmp_path / "Job Zones.xlsx"
    wb = openpyxl.Workbook()
    wb.iso_dates = True  # <c t="d"><v>2023-08-01</v></c>: a date read back as a date, not a datetime
    wb.active.append(JZ_HEAD)
    for k, date in enumerate(dates):
        wb.active.append([f"11-10{k + 1}1.00", 5, date, "Analyst"])
    wb.save(path)
    return path


def test_a_date_cell_stored_as_a_date_is_read_as_its_month(tmp_path):
    path = _iso_dated(tmp_path, datetime.date(2023, 8, 1), datetime.datetime(2021, 8, 1))
    assert onet.read_job_zones(path)["date"].tolist() == ["08/2023", "08/2021"]
    # a date of another day is still refused
    path = _iso_dated(tmp_path, datetime.date(2023, 8, 1), datetime.date(2023, 8, 15))
    with pytest.raises(SchemaError, match=r"row 3, column 'Date': Date must be a month written MM/YYYY "
                                          r"\(like 08/2023\), got '2023-08-15'"):
        onet.read_job_zones(path)


# ------------------------------------------------------------------ 5. quotes escaped by R

def test_a_task_with_quotes_written_by_r_is_read_as_the_statement(tmp_path, caplog):
    rows = [["11-1031.00", "15287", 'Conduct "head counts" to help predict votes.', "NA", "NA", "06/2006",
             "Analyst"],
            ["11-1031.00", "15288", "Plan, direct, or coordinate.", "Core", "20", "08/2023", "Incumbent"]]
    path = write_text(tmp_path, "Task Statements.txt", _r_table(TS_HEAD, rows, row_names=False))
    assert '\t"Conduct \\"head counts\\" to help predict votes."\t' in path.read_text()  # as R writes it
    with caplog.at_level(logging.WARNING, logger="exposure.onet"):
        tasks = onet.read_tasks(path)
    assert tasks["task"].tolist() == ['Conduct "head counts" to help predict votes.', "Plan, direct, or coordinate."]
    assert tasks["task_type"].isna().tolist() == [True, False]
    said = [r.getMessage() for r in caplog.records]
    assert len(said) == 1 and "the header and 9 cell(s) are quoted" in said[0], said
