"""Round 33: the O*NET readers (``exposure.onet``) as a new O*NET release could deliver them.

1. A ``Task`` of ``Task Statements`` (or of ``Emerging Tasks``) holding spaces only, or
   ``n/a``: read as the task statement ``'   '`` / ``'n/a'`` (scored, shown in reports);
   only an empty cell was refused (in pandera's words, ``check str_length(1, None)``).
   Refused now as a missing task, naming the file, row and column.
2. An ``Occupation Data`` ``Title`` of spaces only or ``n/a``, or an empty
   ``Description``; a ``DWA Title`` or ``IWA Title`` of spaces only: read as they were
   (an occupation titled ``'  '``). Refused now, naming the file, row and column.
3. An empty ``Domain Source`` (Task Statements, Task Ratings, Tasks to DWAs, Job Zones):
   read as ``''``. Refused now, naming the file, row and column.
4. A ``Task ID`` given to two occupations in ``Task Statements``: read as two tasks,
   though an O*NET Task ID names one task of the whole database (29.1 and 30.1 have no
   such ID) and the release diff and the reference labels match tasks by ID alone.
   Refused now, naming both rows and both occupations.
5. A ``DWA Reference`` row whose ``DWA ID`` is not under its ``IWA ID``
   (``4.A.2.a.4.I09.D03`` under ``4.A.1.a.1.I01``), or whose ``IWA ID`` is not under its
   ``Element ID``; an ``IWA Reference`` row whose ``IWA ID`` is not under its ``Element
   ID``: read as they were, so the DWA was rolled up to the wrong activity. Refused now,
   naming the file, row and column.
6. A ``Task Ratings`` row whose ``Lower CI Bound`` is above its ``Upper CI Bound`` (the two
   columns swapped in a new release): read as it was. Refused now, naming the file, row
   and column.

Tiny made-up files in the real formats (O*NET 29.1 text, 30.1 Excel), written by the tests.
"""

from __future__ import annotations

import pytest
from _frames import write_text, write_xlsx

from exposure import onet
from exposure.errors import SchemaError

TS = "O*NET-SOC Code\tTask ID\tTask\tTask Type\tIncumbents Responding\tDate\tDomain Source\r\n"
TR = ("O*NET-SOC Code\tTask ID\tScale ID\tCategory\tData Value\tN\tStandard Error\tLower CI Bound\t"
      "Upper CI Bound\tRecommend Suppress\tDate\tDomain Source\r\n")
JZ = "O*NET-SOC Code\tJob Zone\tDate\tDomain Source\r\n"
OD = "O*NET-SOC Code\tTitle\tDescription\r\n"
DW = "Element ID\tIWA ID\tDWA ID\tDWA Title\r\n"
IW = "Element ID\tIWA ID\tIWA Title\r\n"
TD = "O*NET-SOC Code\tTask ID\tDWA ID\tDate\tDomain Source\r\n"
ET = "O*NET-SOC Code\tTask\tCategory\tOriginal Task ID\tOriginal Task\tDate\tDomain Source\r\n"

OK_TASK = "11-1011.00\t1\tDirect budgets.\tCore\t5\t08/2023\tIncumbent\r\n"


def _refused(reader, path, row, column, words):
    with pytest.raises(SchemaError) as info:
        reader(path)
    message = str(info.value)
    assert path.name in message, message
    assert f"row {row}" in message, message
    assert f"column '{column}'" in message, message
    assert words in message, message
    assert "\n" not in message


# 1. task text blank or n/a ------------------------------------------------------------

@pytest.mark.parametrize("cell", ["   ", "n/a"])
def test_task_statement_of_spaces_or_na_is_refused(tmp_path, cell):
    path = write_text(tmp_path, "Task Statements.txt",
                      TS + OK_TASK + f"11-1011.00\t2\t{cell}\tCore\t5\t08/2023\tIncumbent\r\n")
    _refused(onet.read_tasks, path, 3, "Task", "Task is missing")


def test_task_statement_of_spaces_in_a_workbook_is_refused(tmp_path):
    head = ["O*NET-SOC Code", "Title", "Task ID", "Task", "Task Type", "Incumbents Responding",
            "Date", "Domain Source"]
    path = write_xlsx(tmp_path, "Task Statements.xlsx", [
        head, ["11-1011.00", "Chief Executives", 1, "Direct budgets.", "Core", 5, "08/2023", "Incumbent"],
        ["11-1011.00", "Chief Executives", 2, "  ", "Core", 5, "08/2023", "Incumbent"]])
    _refused(onet.read_tasks, path, 3, "Task", "Task is missing")


def test_emerging_task_of_spaces_is_refused(tmp_path):
    path = write_text(tmp_path, "Emerging Tasks.txt",
                      ET + "11-3013.00\t \tNew\tn/a\tn/a\t08/2024\tIncumbent\r\n")
    _refused(onet.read_emerging_tasks, path, 2, "Task", "Task is missing")


def test_task_statement_with_text_is_kept_verbatim(tmp_path):
    path = write_text(tmp_path, "Task Statements.txt",
                      TS + "11-1011.00\t1\t Direct \"budgets\". \tCore\t5\t08/2023\tIncumbent\r\n")
    assert onet.read_tasks(path)["task"].tolist() == [' Direct "budgets". ']


# 2. titles and descriptions -----------------------------------------------------------

@pytest.mark.parametrize(("line", "column"), [
    ("11-1011.00\t  \tDetermine policies.", "Title"),
    ("11-1011.00\tn/a\tDetermine policies.", "Title"),
    ("11-1011.00\tChief Executives\t", "Description"),
])
def test_occupation_without_title_or_description_is_refused(tmp_path, line, column):
    path = write_text(tmp_path, "Occupation Data.txt",
                      OD + "15-1252.00\tSoftware Developers\tWrite code.\r\n" + line + "\r\n")
    _refused(onet.read_occupations, path, 3, column, f"{column} is missing")


def test_dwa_title_of_spaces_is_refused(tmp_path):
    path = write_text(tmp_path, "DWA Reference.txt",
                      DW + "4.A.1.a.1\t4.A.1.a.1.I01\t4.A.1.a.1.I01.D01\t \r\n")
    _refused(onet.read_dwas, path, 2, "DWA Title", "DWA Title is missing")


def test_iwa_title_of_spaces_is_refused(tmp_path):
    path = write_text(tmp_path, "IWA Reference.txt", IW + "4.A.1.a.1\t4.A.1.a.1.I01\t  \r\n")
    _refused(onet.read_iwas, path, 2, "IWA Title", "IWA Title is missing")


# 3. domain source ---------------------------------------------------------------------

@pytest.mark.parametrize(("reader", "name", "text"), [
    (onet.read_tasks, "Task Statements.txt", TS + "11-1011.00\t1\tDirect.\tCore\t5\t08/2023\t\r\n"),
    (onet.read_task_ratings, "Task Ratings.txt",
     TR + "11-1011.00\t1\tIM\tn/a\t4\t5\t0.1\t3.8\t4.2\tN\t08/2023\t \r\n"),
    (onet.read_task_dwas, "Tasks to DWAs.txt", TD + "11-1011.00\t1\t4.A.1.a.1.I01.D01\t03/2014\t\r\n"),
    (onet.read_job_zones, "Job Zones.txt", JZ + "11-1011.00\t5\t08/2023\t\r\n"),
])
def test_empty_domain_source_is_refused(tmp_path, reader, name, text):
    _refused(reader, write_text(tmp_path, name, text), 2, "Domain Source", "Domain Source is missing")


# 4. a Task ID of two occupations ------------------------------------------------------

def test_task_id_of_two_occupations_is_refused(tmp_path):
    path = write_text(tmp_path, "Task Statements.txt",
                      TS + OK_TASK + "11-2011.00\t7\tPlan ads.\tCore\t5\t08/2023\tIncumbent\r\n"
                      + "11-2011.00\t1\tSell ads.\tCore\t5\t08/2023\tIncumbent\r\n")
    _refused(onet.read_tasks, path, 4, "Task ID", "Task ID 1 is given to 11-1011.00 on row 2")


def test_task_ids_of_one_occupation_each_are_read(tmp_path):
    path = write_text(tmp_path, "Task Statements.txt",
                      TS + OK_TASK + "11-2011.00\t2\tSell ads.\tCore\t5\t08/2023\tIncumbent\r\n")
    assert onet.read_tasks(path)["task_id"].tolist() == [1, 2]


# 5. DWA / IWA / element hierarchy -----------------------------------------------------

@pytest.mark.parametrize(("line", "column"), [
    ("4.A.1.a.1\t4.A.1.a.1.I01\t4.A.2.a.4.I09.D03\tReview art.", "DWA ID"),
    ("4.A.2.a.1\t4.A.1.a.1.I01\t4.A.1.a.1.I01.D01\tReview art.", "IWA ID"),
])
def test_dwa_outside_its_iwa_or_element_is_refused(tmp_path, line, column):
    path = write_text(tmp_path, "DWA Reference.txt",
                      DW + "4.A.1.a.1\t4.A.1.a.1.I01\t4.A.1.a.1.I01.D02\tStudy art.\r\n" + line + "\r\n")
    _refused(onet.read_dwas, path, 3, column, "is not under")


def test_iwa_outside_its_element_is_refused(tmp_path):
    path = write_text(tmp_path, "IWA Reference.txt", IW + "4.A.2.a.1\t4.A.1.a.1.I01\tStudy.\r\n")
    _refused(onet.read_iwas, path, 2, "IWA ID", "is not under")


def test_dwa_outside_its_iwa_in_a_workbook_is_refused(tmp_path):
    path = write_xlsx(tmp_path, "DWA Reference.xlsx", [
        ["Element ID", "Element Name", "IWA ID", "IWA Title", "DWA ID", "DWA Title"],
        ["4.A.1.a.1", "Getting Information", "4.A.1.a.1.I01", "Study art.", "4.A.1.a.1.I02.D01", "Review."]])
    _refused(onet.read_dwas, path, 2, "DWA ID", "is not under")


# 6. confidence bounds -----------------------------------------------------------------

def test_lower_ci_bound_above_upper_is_refused(tmp_path):
    path = write_text(tmp_path, "Task Ratings.txt",
                      TR + "11-1011.00\t1\tIM\tn/a\t4\t5\t0.1\t3.8\t4.2\tN\t08/2023\tIncumbent\r\n"
                      + "11-1011.00\t1\tRT\tn/a\t90\t5\t2\t95\t85\tN\t08/2023\tIncumbent\r\n")
    _refused(onet.read_task_ratings, path, 3, "Lower CI Bound", "above the Upper CI Bound")


def test_missing_ci_bounds_are_read(tmp_path):
    path = write_text(tmp_path, "Task Ratings.txt",
                      TR + "11-1011.00\t1\tIM\tn/a\t4\t5\t0.1\tn/a\tn/a\tN\t08/2023\tIncumbent\r\n"
                      + "11-1011.00\t1\tRT\tn/a\t90\tn/a\tn/a\t85\tn/a\tN\t08/2023\tIncumbent\r\n")
    assert onet.read_task_ratings(path)["lower_ci_bound"].isna().tolist() == [True, False]
