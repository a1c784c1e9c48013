"""Fault round 76 (onet3): the ``Date`` cells and the sheets of the O*NET files.

1. A ``Date`` after the current month (``07/2031`` typed for ``07/2021`` in a ``Task
   Statements`` file; a date cell of such a month in a workbook) was read without a word,
   though no O*NET release dates a row after the day it is read. Now warned of, once for
   the file, with the count and the first cell, and read as written (the date is in no
   score): ``Task Statements.txt: 1 Date cell(s) are after this month, 12/2026 (first: row
   3, column 'Date': '07/2031'): read as written; no O*NET release dates a row after the
   day it is read (a month typed wrong?)``. No row of O*NET 29.1 (text) or 30.1 (Excel)
   is warned of.
2. A ``Date`` refused got a wrong hint or none: ``1/1/1900`` (Excel's date of a cell
   holding 1, saved as text) was told ``write '01/1900', as O*NET does``, a month then
   refused as before 1998; a date cell whose format was lost (set to General, or pasted
   as values), ``45474`` in a text file or a number cell in a workbook, was refused as
   ``Date must be a month written MM/YYYY (like 08/2023), got '45474'`` without a word of
   what it was. Now the first is said to be before 1998 (``a date a spreadsheet or R
   rewrote, of 01/1900: before 1998, the year of the first O*NET database (an Excel date of
   a cell holding a small number?): take the file from O*NET again``), the second to be
   ``Excel's day number of the date 1 July 2024 (a date cell's format lost?): write
   '07/2024', ...``.
3. An O*NET workbook with sheets beside the first (a copy of the table made in Excel,
   ``Task Statements (2)``, which Excel places before the sheet copied) was read from its
   first sheet without a word, the other left out whichever one the user had edited. Now
   warned of, naming the sheet read and the others: ``Task Statements.xlsx: only the first
   sheet, 'Task Statements (2)', is read; the workbook also has 'Task Statements', not read
   (an O*NET workbook has one sheet: a copy of the table? put the table to read on the
   first sheet)``. Hidden sheets are not named; every O*NET 30.1 workbook has one sheet.

Small made-up files in the real formats (29.1 text, 30.1 Excel) written by the tests, and
the real mirror (``EXPOSURE_MIRROR``).
"""

from __future__ import annotations

import datetime
import logging

import openpyxl
import pytest
from test_faults_round20_onet_rollup import ONET_FILES

from exposure import onet
from exposure.errors import SchemaError
from exposure.fetch import DataStore

HEADER = ["O*NET-SOC Code", "Task ID", "Task", "Task Type", "Incumbents Responding", "Date", "Domain Source"]
ROW = ["11-1011.00", "8823", "Direct financial activities.", "Core", "95", "08/2023", "Incumbent"]
TODAY = datetime.date.today()
#: A month five years after this one, and this month (never warned of).
LATER = f"{TODAY.month:02d}/{TODAY.year + 5}"
NOW = f"{TODAY.month:02d}/{TODAY.year}"


def _tasks_txt(tmp_path, *dates: str):
    path = tmp_path / "Task Statements.txt"
    rows = [HEADER] + [[*ROW[:1], str(8823 + k), *ROW[2:5], date, ROW[6]] for k, date in enumerate(dates)]
    path.write_text("".join("\t".join(row) + "\r\n" for row in rows), encoding="utf-8")
    return path


def _workbook(path, sheets: dict, hidden=()):
    """Write workbook ``path`` of ``sheets`` (name -> rows), in order; ``hidden`` names hidden sheets."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
        if name in hidden:
            ws.sheet_state = "hidden"
    wb.save(path)
    return path


def _said(caplog, fragment: str) -> list[str]:
    return [r.getMessage() for r in caplog.records if fragment in r.getMessage()]


@pytest.fixture(scope="module")
def real_warnings():
    """The warnings of loading the real O*NET 29.1 (text) and 30.1 (Excel) from the mirror."""
    records = []

    class Keep(logging.Handler):
        def emit(self, record):
            records.append(record.getMessage())

    handler, logger = Keep(level=logging.WARNING), logging.getLogger("exposure")
    logger.addHandler(handler)
    try:
        for release in ("29.1", "30.1"):
            onet.load_onet(release)
    finally:
        logger.removeHandler(handler)
    return records


# 1. a Date after the current month ------------------------------------------------------

def test_1_a_date_after_this_month_is_warned_of_once_naming_file_row_and_column(tmp_path, caplog,
                                                                                 real_warnings):
    assert not [m for m in real_warnings if "after this month" in m]  # no row of the real releases
    path = _tasks_txt(tmp_path, "08/2023", LATER, NOW, LATER)
    with caplog.at_level(logging.WARNING, logger="exposure"):
        tasks = onet.read_tasks(path)
    assert tasks["date"].tolist() == ["08/2023", LATER, NOW, LATER]  # read as written
    assert _said(caplog, "after this month") == [
        f"{path}: 2 Date cell(s) are after this month, {NOW} (first: row 3, column 'Date': {LATER!r}): read as "
        "written; no O*NET release dates a row after the day it is read (a month typed wrong?)"]


def test_1_a_workbook_date_cell_after_this_month_is_warned_of(tmp_path, caplog):
    later = datetime.datetime(TODAY.year + 5, TODAY.month, 1)
    path = _workbook(tmp_path / "Job Zones.xlsx", {"Job Zones": [
        ["O*NET-SOC Code", "Title", "Job Zone", "Date", "Domain Source"],
        ["11-1011.00", "Chief Executives", 5, "08/2023", "Analyst"],
        ["15-1252.00", "Software Developers", 4, later, "Analyst"]]})
    with caplog.at_level(logging.WARNING, logger="exposure"):
        zones = onet.read_job_zones(path)
    assert zones["date"].tolist() == ["08/2023", LATER]
    said = _said(caplog, "after this month")
    assert len(said) == 1 and said[0].startswith(f"{path}: 1 Date cell(s) are after this month, {NOW} (first: "
                                                 f"row 3, column 'Date': {LATER!r})"), said



# 2. the hint of a Date refused ----------------------------------------------------------

def test_2_a_date_before_1998_is_not_advised_as_a_month_to_write(tmp_path):
    with pytest.raises(SchemaError) as info:
        onet.read_tasks(_tasks_txt(tmp_path, "08/2023", "1/1/1900"))
    assert str(info.value) == (
        f"{tmp_path / 'Task Statements.txt'}, row 3, column 'Date': Date must be a month written MM/YYYY (like "
        "08/2023), got '1/1/1900': a date a spreadsheet or R rewrote, of 01/1900: before 1998, the year of the "
        "first O*NET database (an Excel date of a cell holding a small number?): take the file from O*NET again")
    assert "write '01/1900'" not in str(info.value)


DAY_HINT = (": Excel's day number of the date 1 July 2024 (a date cell's format lost?): write '07/2024', as "
            "O*NET does: take the file from O*NET again, and import that column as Text if you open it in a "
            "spreadsheet")


@pytest.mark.parametrize("cell", ["45474", "45474.0"])
def test_2_a_day_number_in_a_text_file_is_said_to_be_one(tmp_path, cell):
    with pytest.raises(SchemaError) as info:
        onet.read_tasks(_tasks_txt(tmp_path, cell))
    assert str(info.value) == (f"{tmp_path / 'Task Statements.txt'}, row 2, column 'Date': Date must be a month "
                               f"written MM/YYYY (like 08/2023), got {cell!r}{DAY_HINT}")
    with pytest.raises(SchemaError) as info:  # 45475 is 2 July 2024: no month of O*NET's, no hint
        onet.read_tasks(_tasks_txt(tmp_path, "45475"))
    assert str(info.value).endswith("got '45475'")


def test_2_a_number_cell_in_a_workbook_is_said_to_be_a_day_number(tmp_path):
    path = _workbook(tmp_path / "Task Statements.xlsx", {"Task Statements": [
        HEADER, [*ROW[:1], 8823, *ROW[2:4], 95, 45474, ROW[6]]]})
    with pytest.raises(SchemaError) as info:
        onet.read_tasks(path)
    assert str(info.value) == (f"{path}, row 2, column 'Date': Date must be a month written MM/YYYY (like "
                               f"08/2023), got '45474'{DAY_HINT}")



# 3. a workbook of several sheets ---------------------------------------------------------

def test_3_a_copy_of_the_sheet_before_it_is_warned_of(tmp_path, caplog, real_warnings):
    assert not [m for m in real_warnings if "only the first sheet" in m]  # no workbook of 30.1
    copy = [HEADER, [*ROW[:1], 8823, ROW[2], "Core", 95, "08/2023", ROW[6]]]
    edited = [HEADER, [*ROW[:1], 8823, "Direct budgets.", "Core", 95, "08/2023", ROW[6]]]
    path = _workbook(tmp_path / "Task Statements.xlsx", {"Task Statements (2)": copy, "Task Statements": edited,
                                                         "Old": copy}, hidden=("Old",))
    with caplog.at_level(logging.WARNING, logger="exposure"):
        tasks = onet.read_tasks(path)
    assert tasks["task"].tolist() == [ROW[2]]  # the first sheet, as before
    assert _said(caplog, "only the first sheet") == [
        f"{path}: only the first sheet, 'Task Statements (2)', is read; the workbook also has 'Task Statements', "
        "not read (an O*NET workbook has one sheet: a copy of the table? put the table to read on the first "
        "sheet)"]
    caplog.clear()  # a workbook of one sheet, or of others hidden: nothing to say
    one = _workbook(tmp_path / "one.xlsx", {"Task Statements": copy})
    hidden = _workbook(tmp_path / "hidden.xlsx", {"Task Statements": copy, "Old": copy}, hidden=("Old",))
    with caplog.at_level(logging.WARNING, logger="exposure"):
        onet.read_tasks(one)
        onet.read_tasks(hidden)
    assert not _said(caplog, "only the first sheet")


def test_3_load_onet_warns_once_of_a_workbook_of_two_sheets(tmp_path, caplog):
    folder = tmp_path / "mirror" / "onet" / "31.0"
    folder.mkdir(parents=True)
    for base, rows in ONET_FILES.items():
        sheets = {base: rows, "My notes": [["checked"]]} if base == "Job Zones" else {base: rows}
        _workbook(folder / f"{base}.xlsx", sheets)
    store = DataStore(cache=tmp_path / "cache", home=tmp_path / "home", mirror=tmp_path / "mirror")
    with caplog.at_level(logging.WARNING, logger="exposure"):
        release = onet.load_onet("31.0", store=store, fmt="excel")
    assert release.job_zones["job_zone"].tolist() == [5, 4]
    said = _said(caplog, "only the first sheet")
    assert len(said) == 1 and said[0].endswith(
        "Job Zones.xlsx: only the first sheet, 'Job Zones', is read; the workbook also has 'My notes', not read "
        "(an O*NET workbook has one sheet: a copy of the table? put the table to read on the first sheet)"), said
