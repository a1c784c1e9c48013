"""Fault round 28: reading Excel workbooks (:func:`read_xlsx_table` and :func:`read_frame`).

1. A formula cell never computed (a workbook written by a program, never opened in a
   spreadsheet) in a column that :func:`read_xlsx_table` reads (the O*NET, OEWS and
   crosswalk readers' table reader): read as an empty cell, ``{'n': ['']}``, without a
   word; only the O*NET readers (a second look-up of their own, first sheet only, blank
   cells only) and the CLI's error path (a third) said so. Now the reader refuses it
   itself, as :func:`read_frame` does, with the one look-up of both
   (:func:`exposure._tables.uncomputed_formula`), naming the row, the column and the
   formula; a formula in a column not read, or in a title line above the header, is
   read as before.
2. An error cell (``#N/A``, ``#DIV/0!``: a formula that failed in the spreadsheet):
   read as a missing value by :func:`read_frame` (pandas turns it into NaN), and as the
   text ``'#N/A'`` by :func:`read_xlsx_table` (a task or a title ``#N/A``). Now refused
   by both, naming the row, the column and the error.
3. A header cell that is part of a merged range (``Wage`` merged over two columns):
   ``row 1: column 3 has values but no name in the header (first at row 2): name it``.
   Now the message says the header cell ``C1`` is part of the merged range ``B1:C1``.
4. A chart sheet named by ``sheet=`` (its name, or an index counting it): an
   ``AttributeError: 'Chartsheet' object has no attribute 'iter_rows'``, and ``cannot read
   workbook (damaged?): list index out of range``. Now ``sheet 'Chart' is a chart sheet,
   not a table; the worksheets are ['Data']``, and the index counts worksheets only,
   as :func:`read_frame` counts them.
5. A first sheet that is empty, the table on the second: :func:`read_xlsx_table` said
   ``missing column(s) 'Code', 'N' in the header (first 0 rows); found:`` (nothing). Now
   ``sheet is empty``, naming the sheet read and the others, as :func:`read_frame` says.
"""

import datetime

import openpyxl
import pytest
from tests.unit._frames import write_xlsx

from exposure._tables import read_frame, read_table, read_xlsx_table
from exposure.errors import DataFormatError

COLUMNS = {"code": "Code", "n": "N"}


# 1 ------------------------------------------------------------------------------------------
def test_read_xlsx_table_refuses_a_formula_never_computed(tmp_path):
    src = write_xlsx(tmp_path, "f.xlsx", [["Code", "N"], ["11-1011", 5], ["11-1021", "=B2*2"]])
    with pytest.raises(DataFormatError) as info:
        read_table(src, COLUMNS)
    assert ("f.xlsx, row 3, column 'N': the cell holds the formula =B2*2 and no saved value"
            in str(info.value))


def test_a_formula_outside_the_columns_read_is_read_as_before(tmp_path):
    src = write_xlsx(tmp_path, "f.xlsx", [['="Table " & 1'], ["Code", "N", "note"],
                                          ["11-1011", 5, "=A3"]])
    raw = read_xlsx_table(src, COLUMNS)
    assert raw.frame.to_dict("list") == {"code": ["11-1011"], "n": ["5"]} and raw.first_row == 3


def test_a_formula_of_a_second_sheet_read_by_name_is_refused(tmp_path):
    wb = openpyxl.Workbook()
    wb.active.append(["x"])
    ws = wb.create_sheet("Data")
    for row in (["Code", "N"], ["11-1011", "=1+1"]):
        ws.append(row)
    wb.save(tmp_path / "s.xlsx")
    with pytest.raises(DataFormatError, match=r"row 2, column 'N': the cell holds the formula =1\+1"):
        read_xlsx_table(tmp_path / "s.xlsx", COLUMNS, sheet="Data")


# 2 ------------------------------------------------------------------------------------------
def _with_errors(tmp_path, name="e.xlsx"):
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in (["Code", "N", "task"], ["11-1011", 5, "Weld."], ["11-1021", "#DIV/0!", "#N/A"]):
        ws.append(row)
    ws["B3"].data_type = ws["C3"].data_type = "e"
    wb.save(tmp_path / name)
    return tmp_path / name


def test_an_error_cell_is_refused_by_read_frame(tmp_path):
    with pytest.raises(DataFormatError) as info:
        read_frame(_with_errors(tmp_path))
    assert ("e.xlsx, row 3, column 'N': the cell holds the error #DIV/0! (a formula that "
            "failed in the spreadsheet)") in str(info.value)


def test_an_error_cell_is_refused_by_read_xlsx_table(tmp_path):
    with pytest.raises(DataFormatError) as info:
        read_xlsx_table(_with_errors(tmp_path), {"code": "Code", "task": "task"})
    assert "e.xlsx, row 3, column 'task': the cell holds the error #N/A" in str(info.value)


def test_the_text_of_an_error_is_read_as_text(tmp_path):
    src = write_xlsx(tmp_path, "t.xlsx", [["Code", "N"], ["11-1011", "#N/A"]])
    wb = openpyxl.load_workbook(src)
    wb.active["B2"].data_type = "s"  # (openpyxl makes the text '#N/A' an error cell)
    wb.save(src)
    assert read_xlsx_table(src, COLUMNS).frame["n"].tolist() == ["#N/A"]
    assert read_frame(src)["N"].tolist() == ["#N/A"]


# 3 ------------------------------------------------------------------------------------------
def test_a_merged_header_cell_is_named(tmp_path):
    src = write_xlsx(tmp_path, "m.xlsx", [["Code", "Wage", None], ["11-1011", 5, 6]])
    wb = openpyxl.load_workbook(src)
    wb.active.merge_cells("B1:C1")
    wb.save(src)
    with pytest.raises(DataFormatError) as info:
        read_frame(src)
    assert ("m.xlsx, row 1: column 3 has values but no name in the header (first at row 2): "
            "its header cell C1 is part of the merged range B1:C1") in str(info.value)


# 4 ------------------------------------------------------------------------------------------
def _with_chart(tmp_path):
    from openpyxl.chart import BarChart, Reference

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Data"
    ws.append(["Code", "N"])
    ws.append(["11-1011", 5])
    chart = BarChart()
    chart.add_data(Reference(ws, min_col=2, min_row=1, max_row=2))
    wb.create_chartsheet("Chart", 0).add_chart(chart)
    wb.save(tmp_path / "c.xlsx")
    return tmp_path / "c.xlsx"


def test_a_chart_sheet_named_is_refused(tmp_path):
    with pytest.raises(DataFormatError) as info:
        read_xlsx_table(_with_chart(tmp_path), COLUMNS, sheet="Chart")
    assert "c.xlsx: sheet 'Chart' is a chart sheet, not a table; the worksheets are ['Data']" in str(info.value)


def test_a_sheet_index_counts_worksheets_only(tmp_path):
    src = _with_chart(tmp_path)
    assert read_xlsx_table(src, COLUMNS, sheet=0).frame["code"].tolist() == ["11-1011"]
    with pytest.raises(DataFormatError, match=r"c\.xlsx: no sheet 1; the worksheets are \['Data'\]"):
        read_xlsx_table(src, COLUMNS, sheet=1)


# 5 ------------------------------------------------------------------------------------------
def test_an_empty_first_sheet_is_named(tmp_path):
    wb = openpyxl.Workbook()
    wb.active.title = "Notes"
    ws = wb.create_sheet("Data")
    ws.append(["Code", "N"])
    ws.append(["11-1011", 5])
    wb.save(tmp_path / "e.xlsx")
    with pytest.raises(DataFormatError) as info:
        read_xlsx_table(tmp_path / "e.xlsx", COLUMNS)
    assert ("e.xlsx: sheet is empty; only the first sheet, 'Notes', is read and the workbook "
            "also has 'Data': move the table to the first sheet") in str(info.value)


# read as before ------------------------------------------------------------------------------
def test_computed_formulas_dates_and_numbers_read_as_before(tmp_path):
    src = write_xlsx(tmp_path, "ok.xlsx", [["Code", "N", "when"],
                                           ["11-1011", 2.5, datetime.datetime(2021, 1, 1)]])
    raw = read_xlsx_table(src, {"code": "Code", "n": "N", "when": "when"})
    assert raw.frame.to_dict("list") == {"code": ["11-1011"], "n": ["2.5"],
                                         "when": ["2021-01-01T00:00:00"]}
