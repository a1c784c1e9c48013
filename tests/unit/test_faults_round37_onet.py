"""Round 37: the O*NET readers (``exposure.onet``) as a new release (31.0) or a user's extract could deliver them.

1. A ``Task ID`` (or ``Original Task ID``) in scientific notation, as a spreadsheet shows
   a long number (``2.07E+04``, ``2e4``): read as the ID 20700 / 20000, another task's.
   Refused now, naming the file, row and column. ``20699.0`` is still read as 20699.
2. A ``Task Ratings`` ``Data Value`` outside its ``Lower CI Bound``-``Upper CI Bound`` (a
   column shifted: 0.3 with bounds 40-50): read as it was. No row of O*NET 29.1's rating
   files with bounds has its value outside them. Refused now.
3. The ``FT`` percents of one task summing above 100 (a mean or another scale pasted
   under ``FT``): read as they were and used as weights. Refused now, naming the rows.
4. A ``Date`` before 1998, the first O*NET database (``01/1900``: Excel's day 1 shown as a
   month; ``08/0000``): read as it was. Refused now.
5. An ``Emerging Tasks`` ``Original Task`` that contradicts the ``Category`` (a ``New`` row
   with an original task text, a ``Revision`` without one): read as it was (only the
   ``Original Task ID`` was checked). Refused now.
6. The header repeated inside the table (two extracts joined with ``cat``): refused by the
   first check its words failed (``Date must be a month ... got 'Date'``). Now named as
   a repeated header.

Tiny made-up files in the real formats (O*NET 29.1 text, 30.1 Excel), written by the tests.
"""

from __future__ import annotations

import datetime

import pytest
from _frames import write_text, write_xlsx

from exposure import onet
from exposure.errors import DataFormatError, ExposureError, SchemaError

TS = "O*NET-SOC Code\tTask ID\tTask\tTask Type\tIncumbents Responding\tDate\tDomain Source\r\n"
TR = ("O*NET-SOC Code\tTask ID\tScale ID\tCategory\tData Value\tN\tStandard Error\tLower CI Bound\t"
      "Upper CI Bound\tRecommend Suppress\tDate\tDomain Source\r\n")
TD = "O*NET-SOC Code\tTask ID\tDWA ID\tDate\tDomain Source\r\n"
ET = "O*NET-SOC Code\tTask\tCategory\tOriginal Task ID\tOriginal Task\tDate\tDomain Source\r\n"
XH = ["O*NET-SOC Code", "Title", "Task ID", "Task", "Task Type", "Incumbents Responding", "Date",
      "Domain Source"]

OK_TASK = "11-1011.00\t1\tDirect budgets.\tCore\t5\t08/2023\tIncumbent\r\n"


def _task(task_id="2", date="08/2023"):
    return f"11-1011.00\t{task_id}\tConfer.\tCore\t5\t{date}\tIncumbent\r\n"


def _rating(scale, category, value, low="", high=""):
    return f"11-1011.00\t1\t{scale}\t{category}\t{value}\t60\t0.1\t{low}\t{high}\tN\t08/2023\tIncumbent\r\n"


def _refused(reader, path, row, column, words, kind=ExposureError):
    with pytest.raises(kind) as info:
        reader(path)
    message = str(info.value)
    assert path.name in message, message
    assert f"row {row}" in message, message
    assert f"column '{column}'" in message, message
    assert words in message, message
    assert "\n" not in message


# 1. Task ID in scientific notation -----------------------------------------------------

@pytest.mark.parametrize("cell", ["2.07E+04", "2e4"])
def test_task_id_in_scientific_notation_is_refused(tmp_path, cell):
    path = write_text(tmp_path, "Task Statements.txt", TS + OK_TASK + _task(cell))
    _refused(onet.read_tasks, path, 3, "Task ID", "scientific notation", DataFormatError)


def test_task_id_in_scientific_notation_in_a_workbook_is_refused(tmp_path):
    path = write_xlsx(tmp_path, "Task Statements.xlsx", [
        XH, ["11-1011.00", "CE", "2.07E+04", "Confer.", "Core", 5, "08/2023", "Incumbent"]])
    _refused(onet.read_tasks, path, 2, "Task ID", "'2.07E+04' is in scientific notation", DataFormatError)


def test_task_id_in_scientific_notation_in_tasks_to_dwas_is_refused(tmp_path):
    path = write_text(tmp_path, "Tasks to DWAs.txt",
                      TD + "11-1011.00\t2.07E+04\t4.A.1.a.1.I01.D01\t03/2014\tAnalyst\r\n")
    _refused(onet.read_task_dwas, path, 2, "Task ID", "scientific notation", DataFormatError)


def test_original_task_id_in_scientific_notation_is_refused(tmp_path):
    path = write_text(tmp_path, "Emerging Tasks.txt",
                      ET + "11-3013.00\tReview.\tRevision\t2.07E+04\tOld.\t08/2024\tIncumbent\r\n")
    _refused(onet.read_emerging_tasks, path, 2, "Original Task ID", "scientific notation", DataFormatError)


def test_task_id_written_as_a_whole_decimal_is_read(tmp_path):
    path = write_text(tmp_path, "Task Statements.txt", TS + OK_TASK + _task("20699.0"))
    assert onet.read_tasks(path)["task_id"].tolist() == [1, 20699]
    xlsx = write_xlsx(tmp_path, "Task Statements.xlsx", [
        XH, ["11-1011.00", "CE", 20699.0, "Confer.", "Core", 5, "08/2023", "Incumbent"]])
    assert onet.read_tasks(xlsx)["task_id"].tolist() == [20699]


# 2. Data Value outside its confidence interval -----------------------------------------

def test_data_value_outside_its_interval_is_refused(tmp_path):
    path = write_text(tmp_path, "Task Ratings.txt",
                      TR + _rating("IM", "n/a", "4.5", "4.3", "4.7") + _rating("RT", "n/a", "0.3", "40", "50"))
    _refused(onet.read_task_ratings, path, 3, "Data Value", "outside the confidence interval", SchemaError)


def test_data_value_on_its_bounds_or_without_bounds_is_read(tmp_path):
    path = write_text(tmp_path, "Task Ratings.txt",
                      TR + _rating("IM", "n/a", "4.5", "4.5", "4.7") + _rating("RT", "n/a", "100", "85.2", "100")
                      + _rating("FT", "1", "20", "n/a", "n/a"))
    assert onet.read_task_ratings(path)["data_value"].tolist() == [4.5, 100.0, 20.0]


# 3. FT shares above 100 ----------------------------------------------------------------

def test_frequency_shares_of_a_task_above_100_are_refused(tmp_path):
    rows = "".join(_rating("FT", c, "50") for c in range(1, 4))
    path = write_text(tmp_path, "Task Ratings.txt", TR + rows)
    _refused(onet.read_task_ratings, path, 4, "Data Value", "sum to 150 (rows 2 to 4)", SchemaError)


def test_frequency_shares_summing_to_100_by_rounding_are_read(tmp_path):
    rows = "".join(_rating("FT", c, v) for c, v in [(1, "33.34"), (2, "33.34"), (3, "33.35")])
    path = write_text(tmp_path, "Task Ratings.txt", TR + rows)
    assert len(onet.read_task_ratings(path)) == 3


# 4. a Date before O*NET ----------------------------------------------------------------

@pytest.mark.parametrize("date", ["01/1900", "08/0000"])
def test_date_before_onet_is_refused(tmp_path, date):
    path = write_text(tmp_path, "Task Statements.txt", TS + OK_TASK + _task(date=date))
    _refused(onet.read_tasks, path, 3, "Date", "before 1998", SchemaError)


def test_excel_day_one_in_a_workbook_is_refused(tmp_path):
    path = write_xlsx(tmp_path, "Task Statements.xlsx", [
        XH, ["11-1011.00", "CE", 1, "Confer.", "Core", 5, datetime.datetime(1900, 1, 1), "Incumbent"]])
    _refused(onet.read_tasks, path, 2, "Date", "'01/1900' is before 1998", SchemaError)


# 5. Original Task against Category -----------------------------------------------------

@pytest.mark.parametrize("line, words", [
    ("11-3013.00\tReview.\tNew\tn/a\tOld text.\t08/2024\tIncumbent\r\n", "a New task revises no task"),
    ("11-3013.00\tReview.\tRevision\t7\tn/a\t08/2024\tIncumbent\r\n", "a Revision row needs the Original Task"),
])
def test_original_task_contradicting_category_is_refused(tmp_path, line, words):
    path = write_text(tmp_path, "Emerging Tasks.txt", ET + line)
    _refused(onet.read_emerging_tasks, path, 2, "Original Task", words, SchemaError)


# 6. the header repeated ----------------------------------------------------------------

def test_repeated_header_is_named(tmp_path):
    path = write_text(tmp_path, "Task Statements.txt", TS + OK_TASK + TS + _task())
    _refused(onet.read_tasks, path, 3, "O*NET-SOC Code", "the header is repeated on row 3", DataFormatError)
