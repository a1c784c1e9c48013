"""Fault round 65 (scorefiles): ``exposure score FILE`` of survey exports and Excel workbooks.

Faults found (each test below failed before its fix):

1. A survey export scored as it is downloaded: Qualtrics writes two rows under the header
   of its CSV, TSV and ``.xlsx`` exports (the question texts, ``Describe a task you do at
   work``, then the import IDs, ``{"ImportId":"QID2_TEXT"}``), SurveyMonkey one
   (``Open-Ended Response``, or ``Response`` beside its ``Respondent ID`` column). Before,
   these rows were scored as tasks, exit 0: ``--method rubric`` said nothing at all, the
   learned method warned only that the import ID "does not read as a work task", and
   the question text was scored without a word: a file of two answers gave four scored
   rows, which any share or mean over the output counted. Now refused before any
   scoring, whole and in batches, naming the first of those rows and the text column:
   ``qx.csv, row 2, column 'Q2': the file is a Qualtrics export: its two rows under the
   header (the question texts, then the import IDs such as '{"ImportId":"QID2_TEXT"}')
   are not answers, and would be scored as tasks: delete them`` (``its row of import IDs
   (...) is not an answer ...: delete it`` when the question texts were deleted already;
   ``the file is a SurveyMonkey export: its second header row ('Open-Ended Response') is
   not an answer ...: delete that row``); nothing is written.
2. ``exposure score book.xlsx -o scored.xlsx``: the input's cells are read as text (so
   that codes and IDs keep their form for scoring), and the output workbook held every
   number, date and TRUE/FALSE of the input's columns as text: a wage ``12.5`` was the text
   ``'12.5'`` (Excel's "number stored as text": ``SUM`` of the column gave 0, a sort put
   ``100`` before ``9``), a date the text ``'2024-01-05 00:00:00'``, a flag the text
   ``'TRUE'``, without a word. Now each such cell is written back as the sheet stores it
   (a number, a date, a boolean); text cells stay text, and the other outputs (``.csv``,
   ``.parquet``, ``.dta``) are as before.
3. An ``.xlsx`` task list kept as an Excel table (Insert > Table) with its total row on
   (Table Design > Total Row): the row Excel adds at the end (``Total``, a ``SUBTOTAL`` of
   the hours) was scored as a task, exit 0 (``--method rubric`` without a word; the learned
   method only warned that ``Total`` does not read as a work task). Now refused before any
   scoring: ``book.xlsx, row 4, column 'task': the row is the total row of the Excel table
   'Tasks' ('Total'), not a task: turn the table's total row off (Table Design > Total
   Row), or delete the row``. A total row of a table beside the task list (other columns)
   is not the task list's.
"""

from __future__ import annotations

import datetime as dt

import openpyxl
import pandas as pd
import pytest
from _cli import _no_env  # noqa: F401 (autouse fixture)
from _frames import write_text, write_xlsx
from test_faults_cli import cli, one_error_line

from exposure.scoring._files import score_file

SCORE = ["--method", "rubric", "--onet", "none"]

QUALTRICS_HEADER = "StartDate,EndDate,ResponseId,Q1_title,Q2\n"
QUALTRICS_QUESTIONS = "Start Date,End Date,Response ID,What is your job title?,Describe a task you do at work\n"
QUALTRICS_IDS = ('"{""ImportId"":""startDate"",""timeZone"":""America/Denver""}",'
                 '"{""ImportId"":""endDate"",""timeZone"":""America/Denver""}",'
                 '"{""ImportId"":""_recordId""}","{""ImportId"":""QID1_TEXT""}",'
                 '"{""ImportId"":""QID2_TEXT""}"\n')
ANSWERS = ("2024-01-01 10:00:00,2024-01-01 10:05:00,R_1,Clerk,Sort incoming mail and route it.\n"
           "2024-01-01 11:00:00,2024-01-01 11:05:00,R_2,Carpenter,Frame walls and floors with lumber.\n")


# ------------------------------------------------------------------ 1. survey exports
@pytest.mark.parametrize("batch_rows", ["0", "1", "2", "10000"])
def test_a_qualtrics_export_is_refused_naming_its_header_rows(tmp_path, capsys, batch_rows):
    src = write_text(tmp_path, "qx.csv", QUALTRICS_HEADER + QUALTRICS_QUESTIONS + QUALTRICS_IDS + ANSWERS)
    out = tmp_path / "o.csv"
    code, _, err = cli(capsys, "score", src, "-o", out, "--text-column", "Q2",
                       "--occupation-column", "Q1_title", "--batch-rows", batch_rows, *SCORE)
    line = one_error_line(err, command="score")
    assert code == 2 and not out.exists()
    assert "qx.csv, row 2, column 'Q2': the file is a Qualtrics export: its two rows under the header" in line
    assert '{"ImportId":"QID2_TEXT"}' in line and line.endswith("delete them")


def test_a_qualtrics_export_without_its_question_row_is_refused(tmp_path, capsys):
    # a tab-separated export whose question texts (row 2) were deleted already
    src = write_text(tmp_path, "qx.tsv", 'ResponseId\tQ2\n{"ImportId":"_recordId"}\t{"ImportId":"QID2_TEXT"}\n'
                                         "R_1\tSort incoming mail and route it.\n")
    code, _, err = cli(capsys, "score", src, "-o", tmp_path / "o.csv", "--text-column", "Q2", *SCORE)
    line = one_error_line(err, command="score")
    assert code == 2 and "qx.tsv, row 2, column 'Q2': the file is a Qualtrics export: its row of import IDs" in line
    assert line.endswith("delete it")


def test_a_qualtrics_workbook_is_refused_and_the_answers_alone_are_scored(tmp_path, capsys):
    rows = [["ResponseId", "Q2"], ["Response ID", "Describe a task you do at work"],
            ["{\"ImportId\":\"_recordId\"}", "{\"ImportId\":\"QID2_TEXT\"}"],
            ["R_1", "Sort incoming mail and route it."]]
    src = write_xlsx(tmp_path, "qx.xlsx", rows)
    code, _, err = cli(capsys, "score", src, "-o", tmp_path / "o.csv", "--text-column", "Q2", *SCORE)
    assert code == 2 and "qx.xlsx, row 2, column 'Q2': the file is a Qualtrics export" in one_error_line(err, command="score")
    fixed = write_xlsx(tmp_path, "answers.xlsx", [rows[0], rows[3]])  # the header rows deleted
    code, _, err = cli(capsys, "score", fixed, "-o", tmp_path / "o.csv", "--text-column", "Q2", *SCORE)
    assert code == 0, err
    assert pd.read_csv(tmp_path / "o.csv")["Q2"].tolist() == ["Sort incoming mail and route it."]


@pytest.mark.parametrize("batch_rows", [None, 1])
def test_a_surveymonkey_export_is_refused(tmp_path, batch_rows):
    from exposure.errors import DataFormatError

    src = write_text(tmp_path, "sm.csv", "Respondent ID,Collector ID,Describe a task\n"
                                         ",,Response\n1,2,Sort incoming mail.\n")
    with pytest.raises(DataFormatError, match=r"sm\.csv, row 2, column 'Describe a task': the file is a "
                                              r"SurveyMonkey export: its second header row \('Response'\)"):
        score_file(src, tmp_path / "o.csv", "rubric", text_column="Describe a task", onet="none",
                   batch_rows=batch_rows)
    other = write_text(tmp_path, "om.csv", "id,task\n1,Open-Ended Response\n")
    with pytest.raises(DataFormatError, match="SurveyMonkey export: its second header row"):
        score_file(other, tmp_path / "o.csv", "rubric", onet="none", batch_rows=batch_rows)
    # "Response" without SurveyMonkey's Respondent ID column, or below row 2: scored as before
    plain = write_text(tmp_path, "p.csv", "id,task\n1,Response\n2,Open-Ended Response\n")
    assert score_file(plain, tmp_path / "p_o.csv", "rubric", onet="none", batch_rows=batch_rows).n_tasks == 2


# ------------------------------------------------------------------ 2. workbook cell types
def _cells(path, max_col):
    ws = openpyxl.load_workbook(path).active
    return [[c.value for c in row] for row in ws.iter_rows(min_row=2, max_col=max_col)]


def test_an_xlsx_output_keeps_the_numbers_dates_and_flags_of_an_xlsx_input(tmp_path, capsys):
    src = write_xlsx(tmp_path, "book.xlsx", [
        ["task", "posted", "pay", "remote", "note", "task_id"],
        ["Sort incoming mail.", dt.datetime(2024, 1, 5), 12.5, True, "n/a", 101],
        ["Frame walls and floors with lumber.", dt.datetime(2024, 2, 1, 9, 30), 100, False, None, 102],
    ])
    out = tmp_path / "scored.xlsx"
    code, _, err = cli(capsys, "score", src, "-o", out, *SCORE)
    assert code == 0, err
    assert _cells(out, 6) == [
        ["Sort incoming mail.", dt.datetime(2024, 1, 5), 12.5, True, "n/a", 101],
        ["Frame walls and floors with lumber.", dt.datetime(2024, 2, 1, 9, 30), 100, False, None, 102],
    ]
    # the scores are those of the same rows as text (the cells are read as text to score)
    csv = tmp_path / "scored.csv"
    assert cli(capsys, "score", src, "-o", csv, *SCORE)[0] == 0
    assert pd.read_excel(out)["beta"].tolist() == pd.read_csv(csv)["beta"].tolist()
    assert pd.read_csv(csv, dtype=str)["pay"].tolist() == ["12.5", "100"]  # .csv as before


def test_an_xlsx_output_keeps_the_types_under_onets_headers_and_beside_text(tmp_path, capsys):
    src = write_xlsx(tmp_path, "onet.xlsx", [
        ["O*NET-SOC Code", "Task ID", "Task", "hours", "alpha"],
        ["43-4051.00", 101, "Sort incoming mail.", "about 5", 0.3],
        ["43-4051.00", 102, "Answer telephones.", 7.25, 0.4],
    ])
    out = tmp_path / "scored.xlsx"
    code, _, err = cli(capsys, "score", src, "-o", out, *SCORE)
    assert code == 0, err
    ws = openpyxl.load_workbook(out).active
    assert [c.value for c in ws[1]][:5] == ["onetsoc_code", "task_id", "task", "hours", "p_e0"]
    # the ID a number as stored, a text among numbers kept as text, the score column replaced
    assert _cells(out, 4) == [["43-4051.00", 101, "Sort incoming mail.", "about 5"],
                              ["43-4051.00", 102, "Answer telephones.", 7.25]]


# ------------------------------------------------------------------ 3. a table's total row
def _table_book(tmp_path, name, rows, ref):
    from openpyxl.worksheet.table import Table

    wb = openpyxl.Workbook()
    for row in rows:
        wb.active.append(row)
    table = Table(displayName="Tasks", ref=ref)
    table.totalsRowCount = 1
    wb.active.add_table(table)
    path = tmp_path / name
    wb.save(path)
    return path


@pytest.mark.parametrize("method", ["rubric", "learned"])
def test_the_total_row_of_an_excel_table_is_not_scored(tmp_path, capsys, method):
    rows = [["task", "hours"], ["Sort incoming mail.", 5], ["Answer telephones.", 7], ["Total", 12]]
    src = _table_book(tmp_path, "book.xlsx", rows, "A1:B4")
    out = tmp_path / "o.csv"
    code, _, err = cli(capsys, "score", src, "-o", out, "--method", method, "--onet", "none")
    line = one_error_line(err, command="score")
    assert code == 2 and not out.exists()
    assert line.endswith("book.xlsx, row 4, column 'task': the row is the total row of the Excel table "
                         "'Tasks' ('Total'), not a task: turn the table's total row off (Table Design > "
                         "Total Row), or delete the row")
    # the total row of a table beside the task list is not one of its rows
    side = _table_book(tmp_path, "side.xlsx", [["task", "hours", None, "k", "v"],
                                               ["Sort incoming mail.", 5, None, "a", 1],
                                               ["Answer telephones.", 7, None, "Total", 1],
                                               ["Weld pipes.", 3]], "D1:E3")
    assert cli(capsys, "score", side, "-o", out, *SCORE)[0] == 0
    assert len(pd.read_csv(out)) == 3
