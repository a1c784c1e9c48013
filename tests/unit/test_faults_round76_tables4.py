"""Fault round 76 (second wave): the table readers (``_tables``) and the O*NET cells (``onet``).

1. A spreadsheet's error value (``#NAME?``, ``#N/A``, LibreOffice's ``Err:502``: a formula
   that failed, as a file edited in a spreadsheet and saved as text holds it) in a
   ``Task``, ``Title``, ``Description``, ``Domain Source``, ``DWA Title`` or ``IWA Title``
   cell of an O*NET file was read as text: ``read_tasks`` returned the task ``'#NAME?'``
   (scoring refused it later, naming the frame's row, not the file's). Now
   ``Task Statements.txt, row 3, column 'Task': Task is '#NAME?', not text: a
   spreadsheet's error value (a formula that failed, saved as its error): correct the
   formula in the spreadsheet and save the file again (or write the cell as text)``. The
   rule (``SPREADSHEET_ERRORS``, ``is_spreadsheet_error``) is now in ``exposure._tables``,
   below every reader.
2. A ``Task Type`` (or ``Scale ID``, ``Category``) ``#N/A`` was refused without a word of
   what it is (``Task Type must be Core, Supplemental or n/a, got '#N/A'``), while ``NA``
   reads as missing; a ``Date`` ``'08/2023 '`` (padded) was refused with no hint
   (``Date must be a month written MM/YYYY (like 08/2023), got '08/2023 '``) where a
   padded ``Task Type`` says ``write Core``, and a ``Date`` ``#VALUE!`` with no hint. Now
   ``... got '#N/A': a spreadsheet's error value (...)``, ``... got '08/2023 ': write
   '08/2023'``.
3. A workbook whose header cells are merged down over two rows (each column's name merged
   over rows 1 and 2, as a header of two rows is laid out) was told, by ``read_frame``
   (``exposure score``, ``rollup``) and ``read_xlsx_table`` (the O*NET and OEWS
   workbooks), ``row 2, column 'onetsoc_code': the cell A2 is part of the merged range
   A1:A2, whose value only its first cell A1 holds: ...; unmerge the cells and fill each
   one with its value``: filling made the header's names a data row. Now ``row 1, column
   'onetsoc_code': the header spans rows 1 and 2 (its cell A1 is merged over A1:A2): a
   header is one row; unmerge the header's cells, write every column's name on row 1 and
   delete row 2``.
4. A text file R wrote with its row names (``write.table(df, sep="\\t")``, default
   ``row.names = TRUE``: no header field for them) of a subset of a frame, whose row names
   keep the numbers of its rows (``3``, ``7``, ...), was told ``row 2: too many fields:
   expected 6, got 7 (row 1, read as the header, has 6 fields: a title line above the
   header? The header must be the first line)``: there is none (only row names ``1``,
   ``2``, ... were named). Now ``... (row names: each row starts with its number, ...,
   which the header has no field for, as R's write.table writes them: write the file
   again without them, row.names = FALSE)``, as the O*NET readers said already (in a
   file not separated by commas, and numbers increasing; a CSV file's rows must still be
   numbered 1, 2, ...: an ID column whose every row holds an unquoted comma looks alike).
5. A workbook (O*NET, OEWS, a crosswalk, ``read_xlsx_table``) whose header holds no row
   of every column read (a name misspelt beside a blank header cell, a header of two rows
   under a group name merged across) was told ``missing column(s) 'O*NET-SOC Code',
   'Task ID', 'Task' in the header (first 3 rows); found: '11-1011.00', 'CEO', '8823',
   'Direct.'``: the fullest row, a data row, every column said missing. Now the row
   holding the most of the columns is shown, with only those missing: ``missing column(s)
   'Task ID' in the header (first 3 rows; row 2 holds the most of them); found: 'O*NET-SOC
   Code', 'TaskID', 'Task'``; and a header cell merged down over that row is named:
   ``...: the header spans rows 1 and 2 (its cell A1 is merged over A1:A2): a header is
   one row; unmerge the header's cells, write every column's name on row 1 and delete
   row 2``.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from test_faults_cli import cli, one_error_line

from exposure import _tables, onet
from exposure._tables import read_frame, read_text_table, read_xlsx_table
from exposure.errors import DataFormatError, SchemaError

_TASKS = ("O*NET-SOC Code\tTask ID\tTask\tTask Type\tIncumbents Responding\tDate\tDomain Source\r\n"
          "11-1011.00\t8823\tDirect the work.\tCore\t95\t08/2023\tIncumbent\r\n")


def _tasks(tmp_path: Path, row: str) -> Path:
    """A ``Task Statements.txt`` of one good row and ``row`` (its line 3)."""
    path = tmp_path / "Task Statements.txt"
    path.write_text(_TASKS + row + "\r\n", encoding="utf-8")
    return path


# 1. a spreadsheet's error value in an O*NET text cell --------------------------------------------

@pytest.mark.parametrize(("row", "column", "value"), [
    ("11-1011.00\t8824\t#NAME?\tCore\t95\t08/2023\tIncumbent", "Task", "#NAME?"),
    ("11-1011.00\t8824\t #N/A \tCore\t95\t08/2023\tIncumbent", "Task", " #N/A "),
    ("11-1011.00\t8824\tConfer.\tCore\t95\t08/2023\t#N/A", "Domain Source", "#N/A"),
    ("11-1011.00\t8824\tConfer.\tCore\t95\t08/2023\tErr:502", "Domain Source", "Err:502"),
])
def test_1_spreadsheet_error_in_a_task_file_is_refused_naming_file_row_column(tmp_path, row, column, value):
    path = _tasks(tmp_path, row)
    with pytest.raises(SchemaError) as info:
        onet.read_tasks(path)
    err = info.value
    assert (str(err.path), err.row, err.column) == (str(path), 3, column)
    assert err.reason == (f"{column} is {value!r}, not text: a spreadsheet's error value (a formula that failed, "
                          "saved as its error): correct the formula in the spreadsheet and save the file "
                          "again (or write the cell as text)")


def test_1_spreadsheet_error_in_an_occupation_title_is_refused(tmp_path):
    path = tmp_path / "Occupation Data.txt"
    path.write_text("O*NET-SOC Code\tTitle\tDescription\n11-1011.00\tChief Executives\tDetermine policies.\n"
                    "11-1021.00\t#REF!\tPlan.\n", encoding="utf-8")
    with pytest.raises(SchemaError, match=r"row 3, column 'Title': Title is '#REF!', not text: a spreadsheet's"):
        onet.read_occupations(path)


def test_1_text_that_starts_like_an_error_is_kept(tmp_path):
    """A task starting with ``#`` or ``Err:`` that is no error value is read as it is; the error below it is named."""
    kept = "11-1011.00\t8824\t#1 priority: confer.\tCore\t95\t08/2023\tErr: none"
    tasks = onet.read_tasks(_tasks(tmp_path, kept))
    assert tasks["task"].tolist()[1] == "#1 priority: confer."
    assert tasks["domain_source"].tolist()[1] == "Err: none"
    path = _tasks(tmp_path, kept + "\r\n11-1011.00\t8825\t#DIV/0!\tCore\t95\t08/2023\tIncumbent")
    with pytest.raises(SchemaError, match=r"row 4, column 'Task': Task is '#DIV/0!', not text"):
        onet.read_tasks(path)


def test_1_the_rule_is_in_tables_for_every_reader():
    assert {"SPREADSHEET_ERRORS", "is_spreadsheet_error"} <= set(_tables.__all__)
    assert _tables.is_spreadsheet_error(" #n/a ") and _tables.is_spreadsheet_error("Err:502")
    assert not _tables.is_spreadsheet_error("#1 Copywriter")


def test_1_message_names_the_file_first(tmp_path):
    path = _tasks(tmp_path, "11-1011.00\t8824\t#NAME?\tCore\t95\t08/2023\tIncumbent")
    with pytest.raises(SchemaError) as info:
        onet.read_tasks(str(path))
    assert str(info.value).startswith(f"{path}, row 3, column 'Task': Task is '#NAME?', not text")


# 2. Task Type #N/A, a padded Date ----------------------------------------------------------------

def test_2_task_type_error_value_is_named(tmp_path):
    path = _tasks(tmp_path, "11-1011.00\t8824\tConfer.\t#N/A\t95\t08/2023\tIncumbent")
    with pytest.raises(SchemaError) as info:
        onet.read_tasks(path)
    assert (info.value.row, info.value.column) == (3, "Task Type")
    assert info.value.reason == ("Task Type must be Core, Supplemental or n/a, got '#N/A': a spreadsheet's error "
                                 "value (a formula that failed, saved as its error): correct the formula in the "
                                 "spreadsheet and save the file again")


@pytest.mark.parametrize("date", ["08/2023 ", " 08/2023", "08/2023\u00a0"])
def test_2_padded_date_says_what_to_write(tmp_path, date):
    path = _tasks(tmp_path, f"11-1011.00\t8824\tConfer.\tCore\t95\t{date}\tIncumbent")
    with pytest.raises(SchemaError) as info:
        onet.read_tasks(path)
    assert (info.value.row, info.value.column) == (3, "Date")
    assert info.value.reason == f"Date must be a month written MM/YYYY (like 08/2023), got {date!r}: write '08/2023'"


def test_2_date_error_value_is_named(tmp_path):
    path = _tasks(tmp_path, "11-1011.00\t8824\tConfer.\tCore\t95\t#VALUE!\tIncumbent")
    with pytest.raises(SchemaError, match=r"got '#VALUE!': a spreadsheet's error value \(a formula that failed"):
        onet.read_tasks(path)


def test_2_padded_rewritten_date_says_the_month(tmp_path):
    path = _tasks(tmp_path, "11-1011.00\t8824\tConfer.\tCore\t95\t8/2023 \tIncumbent")
    with pytest.raises(SchemaError, match=r"got '8/2023 ': a date a spreadsheet or R rewrote\? write '08/2023'"):
        onet.read_tasks(path)


# 3. a header merged down over two rows -----------------------------------------------------------

def _merged_header(path: Path, header: list, below: list, rows: list) -> Path:
    """A workbook whose header cells are each merged down over the header row and the next."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(header)
    ws.append(below)
    for row in rows:
        ws.append(row)
    for k, name in enumerate(header, start=1):
        if below[k - 1] is None:
            letter = openpyxl.utils.get_column_letter(k)
            ws.merge_cells(f"{letter}1:{letter}2")
    wb.save(path)
    return path


_WANT = ("the header spans rows 1 and 2 (its cell A1 is merged over A1:A2): a header is one row; unmerge the "
         "header's cells, write every column's name on row 1 and delete row 2")


def test_3_read_frame_names_a_header_merged_down(tmp_path):
    path = _merged_header(tmp_path / "scores.xlsx", ["onetsoc_code", "task", "beta"], [None, None, "(share)"],
                          [["11-1011.00", "Direct.", 0.5], ["11-1011.00", "Plan.", 0.5]])
    with pytest.raises(DataFormatError) as info:
        read_frame(path)
    assert (info.value.row, info.value.column, info.value.reason) == (1, "onetsoc_code", _WANT)


def test_3_read_xlsx_table_names_a_header_merged_down(tmp_path):
    path = _merged_header(tmp_path / "t.xlsx", ["Code", "N"], [None, None], [["11-1011", 5], ["11-1021", 6]])
    with pytest.raises(DataFormatError) as info:
        read_xlsx_table(path, {"code": "Code", "n": "N"})
    assert (info.value.row, info.value.column, info.value.reason) == (1, "Code", _WANT)


def test_3_onet_workbook_with_a_header_merged_down(tmp_path):
    header = ["O*NET-SOC Code", "Title", "Task ID", "Task", "Task Type", "Incumbents Responding", "Date",
              "Domain Source"]
    path = _merged_header(tmp_path / "Task Statements.xlsx", header, [None] * 8,
                          [["11-1011.00", "Chief Executives", 8823, "Direct.", "Core", 95, "08/2023", "Incumbent"]])
    with pytest.raises(DataFormatError) as info:
        onet.read_tasks(path)
    assert (info.value.row, info.value.column, info.value.reason) == (1, "O*NET-SOC Code", _WANT)


def test_3_header_merged_over_three_rows_names_the_rows(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in [["onetsoc_code", "task"], [None, None], [None, None], ["11-1011.00", "Direct."]]:
        ws.append(row)
    ws.merge_cells("A1:A3")
    ws.merge_cells("B1:B3")
    wb.save(tmp_path / "s.xlsx")
    with pytest.raises(DataFormatError, match=r"the header spans rows 1 to 3 \(its cell A1 is merged over A1:A3\)"
                                              r": .* on row 1 and delete rows 2 to 3$"):
        read_frame(tmp_path / "s.xlsx")


def test_3_data_cell_merged_down_keeps_its_advice(tmp_path):
    """A code merged down over its tasks is told to be filled; merged down from the header, the header is named."""
    path = _merged_header(tmp_path / "h.xlsx", ["onetsoc_code", "task"], [None, "Direct."], [[None, "Plan."]])
    with pytest.raises(DataFormatError, match=r"row 1, column 'onetsoc_code': the header spans rows 1 and 2"):
        read_frame(path)
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in [["onetsoc_code", "task"], ["11-1011.00", "Direct."], [None, "Confer."]]:
        ws.append(row)
    ws.merge_cells("A2:A3")
    wb.save(tmp_path / "d.xlsx")
    with pytest.raises(DataFormatError, match=r"row 3, column 'onetsoc_code': the cell A3 is part of the merged "
                                              r"range A2:A3.*fill each one with its value$"):
        read_frame(tmp_path / "d.xlsx")


def test_3_cli_one_line(tmp_path, capsys):
    path = _merged_header(tmp_path / "scores.xlsx", ["onetsoc_code", "task"], [None, None],
                          [["11-1011.00", "Direct."]])
    code, _, err = cli(capsys, "score", path, "-o", tmp_path / "out.csv", "--method", "rubric")
    assert code == 2
    assert one_error_line(err, command="score").endswith(_WANT)


# 4. R's row names of a subset of a frame ---------------------------------------------------------

_R_SUBSET = ('"onetsoc_code"\t"task"\t"beta"\n"3"\t"11-1011.00"\t"Direct."\t0.5\n'
             '"7"\t"11-1011.00"\t"Plan."\t1\n"12"\t"11-1021.00"\t"Confer."\t0\n')


@pytest.mark.parametrize("name", ["scores.tsv", "scores.txt"])
def test_4_row_names_of_a_subset_are_named(tmp_path, name):
    path = tmp_path / name
    path.write_text(_R_SUBSET, encoding="utf-8")
    with pytest.raises(DataFormatError) as info:
        read_text_table(path, {"code": "onetsoc_code"}, sep="\t")
    assert info.value.row == 2
    assert info.value.reason == "too many fields: expected 3, got 4" + _tables.ROW_NAMES


def test_4_read_frame_names_row_names_of_a_subset(tmp_path):
    path = tmp_path / "scores.tsv"
    path.write_text(_R_SUBSET, encoding="utf-8")
    with pytest.raises(DataFormatError, match=r"row names: .* row\.names = FALSE\)$"):
        read_frame(path)


def test_4_numbers_given_twice_are_no_row_names(tmp_path):
    """A first field repeating a number is a column, not row names: told as before; numbers once each are."""
    path = tmp_path / "scores.tsv"
    path.write_text('"onetsoc_code"\t"task"\n3\t"11-1011.00"\t"Direct."\n5\t"11-1011.00"\t"Plan."\n',
                    encoding="utf-8")
    with pytest.raises(DataFormatError, match="row names"):
        read_frame(path)
    path.write_text('"onetsoc_code"\t"task"\n3\t"11-1011.00"\t"Direct."\n3\t"11-1011.00"\t"Plan."\n',
                    encoding="utf-8")
    with pytest.raises(DataFormatError) as info:
        read_frame(path)
    assert "row names" not in info.value.reason


# 5. no header row found: the nearest row, and a header merged over two rows ---------------------

_COLUMNS = {"code": "O*NET-SOC Code", "id": "Task ID", "task": "Task"}


def test_5_the_row_nearest_the_header_is_shown(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in [["Table 1"], ["O*NET-SOC Code", None, "TaskID", "Task"], ["11-1011.00", "CEO", 8823, "Direct."]]:
        ws.append(row)
    wb.save(tmp_path / "t.xlsx")
    with pytest.raises(DataFormatError) as info:
        read_xlsx_table(tmp_path / "t.xlsx", _COLUMNS)
    assert info.value.reason == ("missing column(s) 'Task ID' in the header (first 3 rows; row 2 holds the most of "
                                 "them); found: 'O*NET-SOC Code', 'TaskID', 'Task': the header's 'TaskID' is "
                                 "'Task ID' spelt otherwise (renamed by a program, or by a newer release?): name "
                                 "the column 'Task ID'")  # round 81: every table reader gives the hint


def test_5_a_header_of_two_rows_merged_is_named(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in [["O*NET-SOC Code", "Title", "Task", None], [None, None, "Task ID", "Task"],
                ["11-1011.00", "CEO", 8823, "Direct."], ["11-1011.00", "CEO", 8824, "Plan."]]:
        ws.append(row)
    for span in ("A1:A2", "B1:B2", "C1:D1"):
        ws.merge_cells(span)
    wb.save(tmp_path / "g.xlsx")
    with pytest.raises(DataFormatError) as info:
        read_xlsx_table(tmp_path / "g.xlsx", _COLUMNS)
    assert info.value.reason == ("missing column(s) 'Task ID' in the header (first 4 rows; row 1 holds the most of "
                                 "them); found: 'O*NET-SOC Code', 'Title', 'Task': " + _WANT)


def test_5_onet_workbook_of_no_column_read_shows_its_fullest_row(tmp_path):
    """A sheet holding none of the columns shows its fullest row, as before; one holding some, the nearest."""
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in [["Job Zone Reference"], ["Code", "Zone", "Note"], ["11-1011.00", 5, "x"]]:
        ws.append(row)
    wb.save(tmp_path / "Job Zones.xlsx")
    with pytest.raises(DataFormatError, match=r"in the header \(first 3 rows\); found: 'Code', 'Zone', 'Note'"):
        onet.read_job_zones(tmp_path / "Job Zones.xlsx")
    ws["B2"] = "Job Zone"
    wb.save(tmp_path / "Job Zones.xlsx")
    with pytest.raises(DataFormatError, match=r"\(s\) 'O\*NET-SOC Code', 'Date', 'Domain Source' in the header "
                                              r"\(first 3 rows; row 2 holds the most of them\); found: 'Code', "
                                              r"'Job Zone', 'Note'$"):
        onet.read_job_zones(tmp_path / "Job Zones.xlsx")
