"""Round 74: the input checks of the scoring API, the task-file readers and ``exposure score``.

Faults found (each test below failed before its fix):

1. A ``task_type`` in another case or with spaces around it (``core``, ``CORE``,
   ``"Supplemental "``, as a spreadsheet or a hand-typed column holds it) was refused by
   ``score_tasks`` and ``exposure score`` with the rule alone: ``row 1, column
   'task_type': task_type 'core' is not Core or Supplemental: exposure rollup accepts only
   O*NET's task types, spelt exactly so, or a missing or blank cell (or O*NET's n/a)``,
   not saying what to write, while the roll-ups say it. Now the message goes on ``: write
   'Core' (the choices are case-sensitive)`` (``: write 'Supplemental' (without the
   spaces around it)``), from one helper,
   ``exposure.scoring._inputs.task_type_hint``; following it, the rows are scored.
2. A text column missing under its name but present in another case or spacing was
   offered as ``...; the frame has 'Task Statement': rename that column 'task
   statement' (or give text_column='Task Statement')`` (no code to paste) and, for a file,
   ``...; the file has 'Task Statement': rename it task statement (or name it as the text
   column)``: the name unquoted (a name with spaces read as prose, a name with a quote
   could not be told from its quotes) and "name it as the text column" naming no
   argument or option. Now a frame is told ``rename it: tasks.rename(columns={'Task
   Statement': 'task statement'})`` (``frame.rename`` for ``tag_categories``; both names
   written by ``repr``, so right for a name holding a quote), and a file ``rename it 'task
   statement', or give --text-column 'Task Statement'`` under ``exposure score``
   (``text_column='Task Statement'`` from ``score_file``); following either, the rows
   are scored.
3. ``iter_task_batches`` given an ``.xlsx`` workbook or a Stata ``.dta`` file (read whole
   by ``score_file``, never in batches) raised ``t.xlsx: not a delimited text file
   (xlsx)``: not saying which files it streams nor what to do. Now ``t.xlsx: an Excel
   workbook is read whole, not in batches (iter_task_batches reads .csv, .tsv, .txt,
   .parquet and .pq files): read it with read_task_file('t.xlsx'), or save the sheet as
   CSV to stream it (in Excel: Save As, 'CSV UTF-8 (Comma delimited)')`` (for a Stata
   file, ``export delimited using t.csv``); following it, the file is read and streamed.
4. A tab-separated task file (``.txt``, ``.tsv``) written by a program that quotes its
   cells (Excel's or LibreOffice's ``Text (Tab delimited)``: a task holding a comma or a
   quote becomes ``"Plan, direct, or coordinate ..."``; pandas' ``to_csv(sep="\\t")``, one
   holding a quote) was
   scored, and written to the output, with the quotes as part of the text (quotes are
   text in a tab-separated file), exit 0 without a word. Now one warning for the file,
   whole or in batches: ``t.txt: 3 cell(s) of the text and title columns are quoted as a
   program writing quoted text quotes them (first: row 2, column 'task': '"Plan, ..."'),
   and quotes are text in a tab-separated file: they were scored and written with their
   quotes (a quote inside written twice); save the file as .csv (in Excel: Save As, 'CSV
   UTF-8 (Comma delimited)'), whose quotes are read as quotes``; the file saved so is
   read without them, and without a warning.
"""

import logging
import re

import pandas as pd
import pytest
from test_faults_cli import cli, one_error_line
from tests.unit._frames import write_text, write_xlsx

from exposure.errors import DataFormatError
from exposure.scoring import score_tasks, tag_categories
from exposure.scoring._files import iter_task_batches, read_task_file, score_file

TASKS = ["Answer telephones and relay messages.", "Operate a forklift to move pallets."]


# 1. a task type in another case or with spaces: what to write ---------------------------------

@pytest.mark.parametrize(("value", "hint"), [
    ("core", ": write 'Core' (the choices are case-sensitive)"),
    ("CORE", ": write 'Core' (the choices are case-sensitive)"),
    ("Supplemental ", ": write 'Supplemental' (without the spaces around it)"),
    (" supplemental", ": write 'Supplemental' (the choices are case-sensitive)"),
])
def test_1_task_type_in_another_case_is_told_what_to_write(value, hint):
    frame = pd.DataFrame({"task": TASKS, "task_type": ["Core", value]})
    with pytest.raises(DataFormatError) as info:
        score_tasks(frame, "rubric")
    assert str(info.value) == (
        f"row 2, column 'task_type': task_type {value!r} is not Core or Supplemental: exposure rollup "
        f"accepts only O*NET's task types, spelt exactly so, or a missing or blank cell (or O*NET's "
        f"n/a){hint}")
    # the advice works: the type written so is scored
    written = re.search(r"write '(\w+)'", hint)[1]
    scored = score_tasks(frame.assign(task_type=["Core", written]), "rubric")
    assert scored["task_type"].tolist() == ["Core", written]
    # a value that is no type in any case is refused with the rule alone
    with pytest.raises(DataFormatError, match=r"\(or O\*NET's n/a\)$"):
        score_tasks(frame.assign(task_type=["Core", "Supp"]), "rubric")


def test_1_exposure_score_tells_what_to_write(tmp_path, capsys):
    src = write_text(tmp_path, "t.csv", f"task,task_type\n{TASKS[0]},Core\n{TASKS[1]},CORE\n")
    code, _, err = cli(capsys, "score", src, "-o", tmp_path / "o.csv", "--method", "rubric")
    line = one_error_line(err, command="score")
    assert code == 2
    assert line.startswith(f"exposure score: error: {src}, row 3, column 'task_type': task_type 'CORE' ")
    assert line.endswith("(or O*NET's n/a): write 'Core' (the choices are case-sensitive)")
    assert not (tmp_path / "o.csv").exists()


# 2. a text column under another spelling: advice to paste ------------------------------------

def _advice(message: str) -> str:
    """The code after ``rename it: `` in ``message``."""
    return re.search(r"rename it: (\w+\.rename\(columns=\{.*\}\))", message)[1]


@pytest.mark.parametrize(("column", "text_column"), [
    ("Task Statement", "task statement"),
    ("it's the task", "It's the task"),
    ('"task"', "task"),  # a file read with quoting=csv.QUOTE_NONE
])
def test_2_a_frame_is_told_the_code_that_renames_its_column(column, text_column):
    tasks = pd.DataFrame({column: TASKS})
    with pytest.raises(DataFormatError) as info:
        score_tasks(tasks, "rubric", text_column=text_column)
    code = _advice(str(info.value))
    assert code == f"tasks.rename(columns={{{column!r}: {text_column!r}}})"
    # the advice works, pasted as it is
    renamed = eval(code, {"tasks": tasks})
    assert score_tasks(renamed, "rubric", text_column=text_column)[text_column].tolist() == TASKS
    # tag_categories names its own argument
    with pytest.raises(DataFormatError) as info:
        tag_categories(tasks, text_column=text_column)
    assert _advice(str(info.value)) == f"frame.rename(columns={{{column!r}: {text_column!r}}})"


def test_2_the_frame_advice_keeps_the_other_way():
    tasks = pd.DataFrame({"Task Statement": TASKS})
    with pytest.raises(DataFormatError) as info:
        score_tasks(tasks, "rubric", text_column="task statement")
    assert str(info.value) == (
        "column 'task statement': missing text column 'task statement' (columns: ['Task Statement']); the "
        "frame has 'Task Statement': rename it: tasks.rename(columns={'Task Statement': 'task statement'}) "
        "(or give text_column='Task Statement')")


@pytest.mark.parametrize("batch_rows", ["0", "1"])
def test_2_exposure_score_names_the_option_and_quotes_the_names(tmp_path, capsys, batch_rows):
    src = write_text(tmp_path, "t.csv", f"Task Statement,title\n{TASKS[0]},Receptionists\n")
    out = tmp_path / "o.csv"
    code, _, err = cli(capsys, "score", src, "-o", out, "--method", "rubric", "--text-column",
                       "task statement", "--batch-rows", batch_rows)
    assert code == 2
    assert one_error_line(err, command="score") == (
        f"exposure score: error: {src}, column 'task statement': missing text column 'task statement' "
        "(columns: ['Task Statement', 'title']); the file has 'Task Statement': rename it 'task "
        "statement', or give --text-column 'Task Statement'")
    # the advice works, either way
    code, _, _ = cli(capsys, "score", src, "-o", out, "--method", "rubric", "--text-column", "Task Statement",
                     "--batch-rows", batch_rows)
    assert code == 0 and pd.read_csv(out)["Task Statement"].tolist() == [TASKS[0]]
    src.write_text(f"task statement,title\n{TASKS[0]},Receptionists\n")
    code, _, _ = cli(capsys, "score", src, "-o", out, "--method", "rubric", "--text-column", "task statement",
                     "--batch-rows", batch_rows)
    assert code == 0


def test_2_a_workbook_header_with_a_line_break_is_not_offered_as_an_option(tmp_path, capsys):
    # a shell cannot take the name as the message would write it: renaming is offered alone
    src = write_xlsx(tmp_path, "t.xlsx", [["task\n", "title"], [TASKS[0], "Receptionists"]])
    code, _, err = cli(capsys, "score", src, "-o", tmp_path / "o.csv", "--method", "rubric")
    assert code == 2
    assert one_error_line(err, command="score").endswith("the file has 'task\\n': rename it 'task'")


def test_2_score_file_names_its_argument(tmp_path):
    src = write_text(tmp_path, "t.csv", f"Task ,title\n{TASKS[0]},Receptionists\n")
    with pytest.raises(DataFormatError) as info:
        score_file(src, tmp_path / "o.csv", "rubric")
    assert str(info.value).endswith("the file has 'Task ': rename it 'task', or give text_column='Task '")
    score_file(src, tmp_path / "o.csv", "rubric", text_column="Task ")
    assert pd.read_csv(tmp_path / "o.csv")["Task "].tolist() == [TASKS[0]]


# 3. iter_task_batches on a file read whole: what to do ------------------------------------------

def test_3_a_workbook_is_told_how_to_be_streamed(tmp_path):
    src = write_xlsx(tmp_path, "t.xlsx", [["task"], [TASKS[0]], [TASKS[1]]])
    with pytest.raises(DataFormatError) as info:
        next(iter_task_batches(src, 1))
    assert str(info.value) == (
        f"{src}: an Excel workbook is read whole, not in batches (iter_task_batches reads .csv, .tsv, .txt, "
        f".parquet and .pq files): read it with read_task_file({str(src)!r}), or save the sheet as CSV to "
        "stream it (in Excel: Save As, 'CSV UTF-8 (Comma delimited)')")
    # the advice works: read whole, or saved as CSV and streamed
    assert read_task_file(src)["task"].tolist() == TASKS
    csv = tmp_path / "t.csv"
    read_task_file(src).to_csv(csv, index=False)
    assert [b["task"].tolist() for b in iter_task_batches(csv, 1)] == [[TASKS[0]], [TASKS[1]]]


def test_3_a_stata_file_is_told_how_to_be_streamed(tmp_path):
    src = tmp_path / "t.dta"
    pd.DataFrame({"task": TASKS}).to_stata(src, write_index=False)
    with pytest.raises(DataFormatError) as info:
        next(iter_task_batches(src, 1))
    assert str(info.value) == (
        f"{src}: a Stata file is read whole, not in batches (iter_task_batches reads .csv, .tsv, .txt, "
        f".parquet and .pq files): read it with read_task_file({str(src)!r}), or save it as CSV to stream "
        "it (in Stata: export delimited using t.csv)")
    assert read_task_file(src)["task"].tolist() == TASKS


# 4. a tab-separated file quoted by its writer: said -----------------------------------------------

QUOTED = "Plan, direct, or coordinate the work of forklift operators."


def _quoted_warnings(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if "quoted as a program writing" in r.getMessage()]


@pytest.mark.parametrize("batch_rows", [None, 1, 1000])
def test_4_cells_quoted_by_their_writer_in_a_tab_separated_file_are_said(tmp_path, caplog, batch_rows):
    frame = pd.DataFrame({"task": [QUOTED, 'Say "hello" to visitors.', TASKS[0]],
                          "title": ["Supervisors, all other", "Receptionists", "Receptionists"]})
    # as Excel saves it as Text (Tab delimited): the cells holding a comma or a quote quoted
    src = write_text(tmp_path, "t.txt", f'task\ttitle\r\n"{QUOTED}"\t"Supervisors, all other"\r\n'
                                        f'"Say ""hello"" to visitors."\tReceptionists\r\n{TASKS[0]}\tReceptionists\r\n')
    with caplog.at_level(logging.WARNING):
        score_file(src, tmp_path / "o.csv", "rubric", batch_rows=batch_rows)
    assert _quoted_warnings(caplog) == [
        f"{src}: 3 cell(s) of the text and title columns are quoted as a program writing quoted text quotes "
        f"them (first: row 2, column 'task': '\"{QUOTED}\"'), and quotes are text in a tab-separated file: "
        "they were scored and written with their quotes (a quote inside written twice); save the file as "
        ".csv (in Excel: Save As, 'CSV UTF-8 (Comma delimited)'), whose quotes are read as quotes"]
    assert pd.read_csv(tmp_path / "o.csv")["task"].tolist()[:2] == [f'"{QUOTED}"', '"Say ""hello"" to visitors."']
    # the advice works: saved as .csv, the cells are read as written, without a word
    caplog.clear()
    csv = tmp_path / "t.csv"
    frame.to_csv(csv, index=False)
    with caplog.at_level(logging.WARNING):
        score_file(csv, tmp_path / "o.csv", "rubric", batch_rows=batch_rows)
    assert _quoted_warnings(caplog) == []
    assert pd.read_csv(tmp_path / "o.csv")["task"].tolist() == frame["task"].tolist()


def test_4_only_cells_quoted_whole_in_the_columns_read_are_counted(tmp_path, caplog):
    # O*NET's own layout: quotes are text, the cell is not quoted as a whole; the other columns are not read
    src = write_text(tmp_path, "t.tsv", 'task\tnote\n"Talk" to voters and "listen".\t"a, b"\n'
                                        f'"{QUOTED}"\tx\n')
    with caplog.at_level(logging.WARNING):
        score_file(src, tmp_path / "o.csv", "rubric")
    assert len(_quoted_warnings(caplog)) == 1
    assert "1 cell(s)" in _quoted_warnings(caplog)[0] and "row 3, column 'task'" in _quoted_warnings(caplog)[0]
