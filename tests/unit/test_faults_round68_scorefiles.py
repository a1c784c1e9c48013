"""Fault round 68, ``exposure score`` on the files researchers bring (each test failed before its fix).

1. ``exposure score`` of a file whose task types are under ``task_type`` in another case
   or with spaces around the name (``TASK_TYPE``, ``task_type ``: a header typed or
   exported by hand; O*NET's own ``Task Type`` is renamed and read) scored and wrote the
   file without a word, and ``exposure rollup`` of the output then refused it, after all
   the scoring: ``column 'TASK_TYPE' is not read: the roll-up reads 'task_type' (the task
   types of --weights core), and column names are case- and space-sensitive; rename it
   'task_type'`` (beside a ``task_type`` column: ``columns 'task_type' and 'TASK_TYPE' are
   both given``). ``exposure score`` now warns once, naming the columns, that the roll-up
   refuses such a file and what to do (rename it ``task_type`` if it holds O*NET's task
   types, which are then checked as ``task_type`` is; else give it another name).
2. The same for a column of task weights (``Weight``, ``task_weights``: a survey's or
   the user's own weights): written without a word, then ``column 'Weight' holds task
   weights, which the roll-up does not read ...`` from ``exposure rollup``. Warned of once
   now, by ``exposure score`` (also :func:`exposure.scoring._files.score_file`).
3. ``exposure score --occupation-column task`` (the ``--text-column``) was refused in the
   words of the Python API, ``occupation_column 'task' is the text column too: give the
   column of occupation titles, or None (no titles)``: following that advice,
   ``--occupation-column None``, gave ``missing occupation column 'None'``. The command
   now names its options and says to leave the option out. An empty ``--text-column`` or
   ``--occupation-column`` (``"$COL"`` with ``COL`` unset) was ``missing text column ''``
   / ``missing occupation column ''``, naming no option; now ``--text-column is empty:
   give the column of the task texts (default: task)`` and the like, before anything is
   read.
4. ``exposure score tasks.xlsm`` (a macro-enabled Excel workbook, the same format as
   ``.xlsx``) was ``unsupported input file type '.xlsm'; use .csv, .tsv, .txt, .parquet,
   .xlsx or .dta``, while ``exposure rollup`` and the library's other readers read it. It
   is read as an ``.xlsx`` workbook now (every output format; an ``.xlsx`` output keeps
   the numbers of its cells), and the list of input types is that of the readers.
5. ``exposure score t.csv -o s.csv --text-column Task`` of a file with ``task``,
   ``label``, ``Job Title`` and ``Weight`` columns (a typo in the option, or a
   tab-separated file whose header is quoted) warned, before its error ``missing text
   column 'Task'``, that ``s.csv holds the scores there, not the input's values``, gave
   advice on the titles (``give occupation_column='Job Title'``) and on the other
   columns, of an output never written; so did a file without the ``--occupation-column``
   named. The missing column is refused first now, and nothing is said of the output
   (whole or in batches).
"""

from __future__ import annotations

import logging
import zipfile

import openpyxl
import pandas as pd
import pytest
from test_faults_cli import cli, one_error_line

from exposure.errors import DataFormatError
from exposure.scoring import _files
from exposure.scoring._files import file_kind, score_file

#: Two O*NET 29.1 tasks (their keys, texts and task types), as a user's file holds them.
ROWS = [("43-6014.00", "2793", "Answer telephones and give information to callers.", "Core"),
        ("47-2022.00", "8773", "Lay bricks.", "Supplemental")]


def _tasks_csv(path, type_header: str | None = "task_type", extra: dict | None = None):
    header = ["onetsoc_code", "task_id", "task"] + ([type_header] if type_header else [])
    extra = extra or {}
    lines = [",".join(header + list(extra))]
    for code, task_id, text, kind in ROWS:
        lines.append(",".join([code, task_id, text] + ([kind] if type_header else [])
                              + list(extra.values())))
    path.write_text("\n".join(lines) + "\n")
    return path


def _warnings(caplog, words: str) -> list[str]:
    return [r.getMessage() for r in caplog.records if words in r.getMessage()]


# 1. task_type under another spelling -------------------------------------------------

@pytest.mark.parametrize("header", ["TASK_TYPE", "task_type ", "Task_Type"])
def test_1_a_task_type_column_spelt_otherwise_is_warned_of_before_the_rollup_refuses_it(
        tmp_path, capsys, caplog, header):
    src = _tasks_csv(tmp_path / "t.csv", header)
    with caplog.at_level(logging.WARNING, logger="exposure.scoring._files"):
        code, _, err = cli(capsys, "score", src, "-o", tmp_path / "s.csv", "--method", "rubric",
                           "--onet", "none")
    assert code == 0, err
    assert _warnings(caplog, "'task_type'") == [
        f"{src}: the input column(s) {header!r} are not read as 'task_type' (column names are case- "
        "and space-sensitive): s.csv keeps them beside the scores, and exposure rollup refuses a "
        "file holding them (rename it 'task_type' if it holds O*NET's task types, Core or "
        "Supplemental, or give it another name)"]
    code, _, err = cli(capsys, "rollup", tmp_path / "s.csv", "-o", tmp_path / "r")
    assert code == 2 and repr(header) in one_error_line(err, command="rollup")  # what was said
    # the advice: renamed 'task_type', the column is read (its values checked) and rolled up
    caplog.clear()
    src = _tasks_csv(tmp_path / "t.csv", "task_type")
    with caplog.at_level(logging.WARNING, logger="exposure.scoring._files"):
        code, _, err = cli(capsys, "score", src, "-o", tmp_path / "s.csv", "--method", "rubric",
                           "--onet", "none")
    assert code == 0 and not _warnings(caplog, "'task_type'"), err
    code, _, err = cli(capsys, "rollup", tmp_path / "s.csv", "-o", tmp_path / "r")
    assert code == 0, err


def test_1_beside_task_type_the_other_spelling_is_to_drop(tmp_path, capsys, caplog):
    src = _tasks_csv(tmp_path / "t.csv", "task_type", {"TASK_TYPE": "x"})
    with caplog.at_level(logging.WARNING, logger="exposure.scoring._files"):
        code, _, err = cli(capsys, "score", src, "-o", tmp_path / "s.csv", "--method", "rubric",
                           "--onet", "none")
    assert code == 0, err
    said = _warnings(caplog, "not read as 'task_type'")
    assert len(said) == 1 and said[0].endswith("refuses a file holding them (drop or rename them)")
    code, _, err = cli(capsys, "rollup", tmp_path / "s.csv", "-o", tmp_path / "r")
    assert code == 2 and "'TASK_TYPE'" in one_error_line(err, command="rollup")


def test_1_said_once_for_a_file_scored_in_batches(tmp_path, caplog):
    src = _tasks_csv(tmp_path / "t.csv", "TASK_TYPE")
    with caplog.at_level(logging.WARNING, logger="exposure.scoring._files"):
        score_file(src, tmp_path / "s.parquet", "rubric", onet="none", batch_rows=1)
    assert len(_warnings(caplog, "not read as 'task_type'")) == 1


# 2. a column of task weights ---------------------------------------------------------

@pytest.mark.parametrize("header", ["Weight", "task_weights"])
def test_2_a_weights_column_is_warned_of_before_the_rollup_refuses_it(tmp_path, capsys, caplog, header):
    src = _tasks_csv(tmp_path / "t.csv", "task_type", {header: "2"})
    with caplog.at_level(logging.WARNING, logger="exposure.scoring._files"):
        code, _, err = cli(capsys, "score", src, "-o", tmp_path / "s.csv", "--method", "rubric",
                           "--onet", "none")
    assert code == 0, err
    assert _warnings(caplog, "task weights") == [
        f"{src}: the input column(s) {header!r} are named as task weights, which exposure rollup "
        "does not read (it weighs tasks by --weights: core, equal, importance or frequency) and "
        "refuses in a file: s.csv keeps them beside the scores (drop or rename them)"]
    code, _, err = cli(capsys, "rollup", tmp_path / "s.csv", "-o", tmp_path / "r")
    assert code == 2 and f"column {header!r} holds task weights" in one_error_line(err, command="rollup")


def test_2_the_names_are_those_the_rollup_refuses():
    rollup_cli = pytest.importorskip("exposure.cli._rollup")
    assert tuple(rollup_cli.FOREIGN_WEIGHTS) == getattr(_files, "WEIGHT_COLUMNS", None)


# 3. the column options of exposure score ---------------------------------------------

def test_3_the_occupation_column_named_as_the_text_column_is_refused_in_the_commands_words(
        tmp_path, capsys):
    src = tmp_path / "t.csv"
    src.write_text("task,title\nOperate a forklift.,Driver\n")
    code, _, err = cli(capsys, "score", src, "-o", tmp_path / "s.csv", "--method", "rubric",
                       "--occupation-column", "task")
    assert code == 2
    assert one_error_line(err, command="score") == (
        "exposure score: error: --occupation-column 'task' is the --text-column too: give the "
        "column of occupation titles, or leave the option out (default: the column 'title', when "
        "present and not the text column)")
    assert not (tmp_path / "s.csv").exists()
    # the advice: the option left out
    code, _, err = cli(capsys, "score", src, "-o", tmp_path / "s.csv", "--method", "rubric")
    assert code == 0, err


@pytest.mark.parametrize(("option", "said"), [
    ("--text-column", "--text-column is empty: give the column of the task texts (default: task)"),
    ("--occupation-column", "--occupation-column is empty: give the column of occupation titles, or "
                            "leave the option out (default: the column 'title', when present and not "
                            "the text column)"),
])
def test_3_an_empty_column_option_is_named(tmp_path, capsys, option, said):
    src = tmp_path / "t.csv"
    src.write_text("task,title\nOperate a forklift.,Driver\n")
    code, _, err = cli(capsys, "score", src, "-o", tmp_path / "s.csv", "--method", "rubric", option, "")
    assert code == 2
    assert one_error_line(err, command="score") == f"exposure score: error: {said}"


# 4. a macro-enabled workbook ---------------------------------------------------------

#: The content type of an .xlsx workbook's main part (a macro-enabled one has its own).
WORKBOOK_TYPE = b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"


def _xlsm(path):
    """A workbook saved as Excel saves a macro-enabled one: its workbook part's content type."""
    plain = path.with_suffix(".xlsx")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["onetsoc_code", "task_id", "task", "wage"])
    for (code, task_id, text, _), wage in zip(ROWS, (12.5, 30), strict=True):
        ws.append([code, int(task_id), text, wage])
    wb.save(plain)
    with zipfile.ZipFile(plain) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "[Content_Types].xml":
                assert WORKBOOK_TYPE in data
                data = data.replace(WORKBOOK_TYPE, b"application/vnd.ms-excel.sheet.macroEnabled.main+xml")
            zout.writestr(item, data)
    plain.unlink()
    return path


@pytest.mark.parametrize("out", ["s.csv", "s.parquet", "s.dta"])
def test_4_a_macro_enabled_workbook_is_scored(tmp_path, capsys, out):
    src = _xlsm(tmp_path / "tasks.xlsm")
    code, stdout, err = cli(capsys, "score", src, "-o", tmp_path / out, "--method", "rubric",
                            "--onet", "none")
    assert code == 0, err
    assert stdout.startswith("scored 2 tasks with rubric")
    got = pd.read_csv(tmp_path / out, dtype=str) if out.endswith(".csv") else (
        pd.read_parquet(tmp_path / out) if out.endswith(".parquet") else pd.read_stata(tmp_path / out))
    assert got["task"].tolist() == [r[2] for r in ROWS]
    assert got["onetsoc_code"].tolist() == [r[0] for r in ROWS]


def test_4_an_xlsx_output_of_it_keeps_the_numbers_of_its_cells(tmp_path, capsys):
    src = _xlsm(tmp_path / "tasks.xlsm")
    code, _, err = cli(capsys, "score", src, "-o", tmp_path / "s.xlsx", "--method", "rubric",
                       "--onet", "none")
    assert code == 0, err
    sheet = openpyxl.load_workbook(tmp_path / "s.xlsx").active
    assert [row[3] for row in sheet.iter_rows(min_row=2, values_only=True)] == [12.5, 30]


def test_4_the_input_types_listed_are_those_read():
    with pytest.raises(DataFormatError) as exc:
        file_kind("tasks.jsonl")
    assert str(exc.value) == (  # round 81: and how to convert JSON
        "tasks.jsonl: unsupported input file type '.jsonl' (JSON is not read); use .csv, .tsv, .txt, "
        ".parquet, .pq, .xlsx, .xlsm or .dta: convert it first, in Python: pandas.read_json('tasks.jsonl', "
        "lines=True, dtype=False).to_parquet('tasks.parquet', index=False), then give tasks.parquet")
    assert file_kind("tasks.XLSM") == "xlsx"
    with pytest.raises(DataFormatError, match="unsupported output file type '.xlsm'"):
        file_kind("s.xlsm", "output")  # read, not written


# 5. nothing said of an output never written ------------------------------------------

@pytest.mark.parametrize("batch_rows", ["0", "1"])
@pytest.mark.parametrize(("option", "said"), [
    (("--text-column", "Task"), "exposure score: error: {src}, column 'Task': missing text column 'Task' "
                                "(columns: ['task', 'label', 'Job Title', 'Weight']); the file has 'task': "
                                "rename it 'Task', or give --text-column task"),
    (("--occupation-column", "Occupation"), "exposure score: error: {src}, column 'Occupation': missing "
                                            "occupation column 'Occupation' (columns: ['task', 'label', "
                                            "'Job Title', 'Weight'])"),
])
def test_5_a_file_refused_for_a_missing_column_gets_no_warning_on_its_output(
        tmp_path, capsys, caplog, batch_rows, option, said):
    src = tmp_path / "t.csv"
    src.write_text("task,label,Job Title,Weight\nOperate a forklift.,mine,Driver,2\n")
    with caplog.at_level(logging.WARNING):
        code, _, err = cli(capsys, "score", src, "-o", tmp_path / "s.csv", "--method", "rubric",
                           "--onet", "none", "--batch-rows", batch_rows, *option)
    assert code == 2
    assert one_error_line(err, command="score") == said.format(src=src)
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []
    assert not (tmp_path / "s.csv").exists()
