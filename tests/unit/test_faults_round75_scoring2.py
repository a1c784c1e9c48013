"""Faults of round 75 in ``score_tasks``' arguments and codes, and in the Spark entry points (each test failed before its fix).

1. A ``method`` with spaces around it (``score_tasks(df, method=" learned")``, ``exposure
   score --method "learned "``, a shell's quotes or a config file's value) was refused with
   the choices only: ``unknown scoring method ' learned'; choose one of learned, rubric,
   reference, transformer (or reference-human, reference-gpt4)``, while a method in another
   case is told what to write. Now ``...: write 'learned' (without the spaces around it)``,
   the hint of task types (``scoring._inputs.padded_choice_hint``, which ``task_type_hint``
   now calls); the method is still refused.
2. A blank O*NET-SOC code (``''`` or spaces: a frame read with ``keep_default_na=False``,
   R's empty strings in a Parquet file, a space in a CSV or workbook cell) given to
   ``score_tasks`` or ``exposure score`` was refused as ``O*NET-SOC code '' is not of the
   form 00-0000.00 (e.g. 11-1011.00)``, which does not say the cell is blank nor how to
   give a task no code. Now ``O*NET-SOC code is blank, got '': a task without a code is to
   have it missing (None or NaN in a frame, null in a Parquet file, an empty cell in a CSV
   file or a workbook), else write its code (like 11-1011.00)``; following it scores the
   rows.
3. ``exposure.spark.check(scored)`` of a frame with ``p_e0``, ``onetsoc_code`` or
   ``task_id`` twice (a join keeps both; in another case under Spark's default
   case-insensitive names) reached PySpark's ``AnalysisException`` (``Reference `p_e0` is
   ambiguous``), and a ``P_E0`` column, which Spark selects as ``p_e0``, was said missing
   (``scored lacks column(s) ['p_e0']``). Now the columns it reads are found as Spark finds
   them and a repeated one is refused by the check of ``score`` (``spark._check_unique``),
   naming the frame first and the column once, as ``exposure.dask.check`` does: ``scored,
   column 'P_E0': given more than once (Spark names columns regardless of case; a join
   keeps both columns): drop or rename one``; ``score`` says so of ``sdf`` (it said
   ``column 'Task': column 'Task' appears more than once (...)``). PySpark is not installed
   here: the tests check the helpers ``check`` and ``score`` call (``_checked_columns``,
   ``_check_unique``).
4. ``exposure.spark.score`` / ``score_batches`` given ``onet`` as a numpy number (a cell of
   a frame: ``np.int64(30)``, ``np.float32(29.1)``) or a ``Decimal`` said ``onet must be an
   O*NET release name such as '29.1' or a release loaded with ...``, as of something that is
   no release, while the int ``30`` is told ``give it as text (str) with its minor number,
   such as '30.1'``. Now any number gets the advice of ``releases.check_onet_release``.
5. ``exposure.spark.score_batches(batches, path="posts.csv")``: a task key repeated in a
   later batch of the partition (Spark's Arrow batches), and a bad row before it in that
   batch, were refused without the file: ``row 4, column 'task_id': duplicate task key
   (43-4171.00, 1), first on row 2``, while a key repeated in one batch (``score_tasks``'
   check) said ``posts.csv, row 4, ...``. Now both name it first.

Tiny files in the real formats, written by the tests, and the real mirror for the CLI.
"""

from __future__ import annotations

import decimal
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from test_faults_cli import cli, one_error_line

from exposure.errors import DataFormatError, ExposureError
from exposure.scoring import score_tasks
from exposure.scoring._inputs import padded_choice_hint, task_type_hint
from exposure.spark import _check_onet, _check_unique, _checked_columns, score_batches

TEXTS = ["Answer telephones and relay messages.", "Operate a forklift to move pallets."]
BLANK = ("a task without a code is to have it missing (None or NaN in a frame, null in a Parquet "
         "file, an empty cell in a CSV file or a workbook), else write its code (like 11-1011.00)")


# 1 ------------------------------------------------------------------ a method with spaces
@pytest.mark.parametrize(("method", "write"), [(" learned", "learned"), ("rubric ", "rubric"),
                                               ("\treference-gpt4", "reference-gpt4")])
def test_1_method_with_spaces_is_told_what_to_write(method, write):
    with pytest.raises(ExposureError, match=rf"^unknown scoring method .*: write '{write}' "
                                            r"\(without the spaces around it\)$"):
        score_tasks(pd.DataFrame({"task": TEXTS}), method=method)


def test_1_cli_method_with_spaces_is_told_what_to_write(tmp_path, capsys):
    src = tmp_path / "tasks.csv"
    src.write_text("task\n" + "\n".join(TEXTS) + "\n", encoding="utf-8")
    code, _, err = cli(capsys, "score", src, "-o", tmp_path / "out.csv", "--method", "learned ")
    assert code == 2
    assert one_error_line(err, command="score").endswith(": write 'learned' (without the spaces around it)")
    assert not (tmp_path / "out.csv").exists()


def test_1_the_one_hint_of_task_types_and_methods():
    # the case hint as before; spaces around a choice said once, by one helper
    assert padded_choice_hint("Learned", ["learned"]) == ": write 'learned' (the choices are case-sensitive)"
    assert padded_choice_hint("oracle", ["learned"]) == ""
    assert task_type_hint(" Core") == ": write 'Core' (without the spaces around it)"


# 2 ------------------------------------------------------------------ a blank O*NET-SOC code
@pytest.mark.parametrize("blank", ["", "  ", "\t"])
def test_2_blank_code_in_a_frame_is_said_blank(blank):
    frame = pd.DataFrame({"task": TEXTS, "onetsoc_code": ["43-4171.00", blank]})
    said = f"row 2, column 'onetsoc_code': O*NET-SOC code is blank, got {blank!r}: {BLANK}"
    with pytest.raises(DataFormatError, match=f"^{re.escape(said)}$"):
        score_tasks(frame, "rubric")
    # the advice followed: the row is scored as text without a code
    frame["onetsoc_code"] = frame["onetsoc_code"].replace(blank, None)
    assert score_tasks(frame, "rubric")["label"].notna().all()
    # a code that is not blank is told as before
    frame.loc[1, "onetsoc_code"] = "n/a"
    with pytest.raises(DataFormatError, match=r"^row 2, column 'onetsoc_code': O\*NET-SOC code 'n/a' is not "
                                              r"of the form 00-0000\.00 \(e\.g\. 11-1011\.00\): a missing code "
                                              r"\(or one written as text\)\?$"):  # code_hint (codes3, round 75)
        score_tasks(frame, "rubric")


def test_2_blank_code_in_a_parquet_file_is_said_blank(tmp_path, capsys):
    # R's read.csv gives "" for an empty cell of text, which arrow::write_parquet keeps
    src = tmp_path / "tasks.parquet"
    pq.write_table(pa.table({"task": TEXTS, "onetsoc_code": ["", "43-4171.00"]}), src)
    code, _, err = cli(capsys, "score", src, "-o", tmp_path / "out.csv", "--method", "rubric")
    assert code == 2
    line = one_error_line(err, command="score")
    assert line.endswith(f"tasks.parquet, row 1, column 'onetsoc_code': O*NET-SOC code is blank, got '': {BLANK}")
    # the advice followed: null in the Parquet file
    pq.write_table(pa.table({"task": TEXTS, "onetsoc_code": [None, "43-4171.00"]}), src)
    code, out, err = cli(capsys, "score", src, "-o", tmp_path / "out.csv", "--method", "rubric")
    assert code == 0, err
    assert pd.read_csv(tmp_path / "out.csv")["label"].notna().all()


def test_2_blank_code_in_a_csv_file_is_said_blank(tmp_path, capsys):
    src = tmp_path / "tasks.csv"
    src.write_text(f"task,onetsoc_code\n{TEXTS[0]},43-4171.00\n{TEXTS[1]},   \n", encoding="utf-8")
    code, _, err = cli(capsys, "score", src, "-o", tmp_path / "out.csv", "--method", "rubric")
    assert code == 2
    assert one_error_line(err, command="score").endswith(
        f"tasks.csv, row 3, column 'onetsoc_code': O*NET-SOC code is blank, got '   ': {BLANK}")
    src.write_text(f"task,onetsoc_code\n{TEXTS[0]},43-4171.00\n{TEXTS[1]},\n", encoding="utf-8")
    code, _, err = cli(capsys, "score", src, "-o", tmp_path / "out.csv", "--method", "rubric")
    assert code == 0, err


# 3 ------------------------------------------------------------------ spark.check's columns
REPEATED = r"given more than once \(Spark names columns regardless of case; a join keeps both columns\)"


@pytest.mark.parametrize(("names", "column"), [
    (["id", "p_e0", "p_e0"], "p_e0"),                                # a join keeps both
    (["p_e0", "id", "P_E0"], "P_E0"),                                # one in another case
    (["p_e0", "onetsoc_code", "task_id", "TASK_ID"], "TASK_ID"),
    (["p_e0", "onetsoc_code", "Onetsoc_Code", "task_id"], "Onetsoc_Code"),
])
def test_3_check_refuses_a_column_it_reads_given_twice(names, column):
    with pytest.raises(DataFormatError, match=rf"^scored, column '{column}': {REPEATED}: drop or rename one$"):
        _checked_columns(names, False)


def test_3_check_finds_its_columns_as_spark_finds_them():
    # P_E0 is selected as p_e0 by Spark's default case-insensitive names: it was said missing
    assert _checked_columns(["id", "P_E0", "O*NET-SOC Code", "task_id"], False) == {
        "p_e0": "P_E0", "onetsoc_code": "O*NET-SOC Code", "task_id": "task_id"}
    # spark.sql.caseSensitive true: P_E0 is another column, and the two task_id columns two
    assert _checked_columns(["P_E0"], True) == {}
    assert _checked_columns(["p_e0", "task_id", "TASK_ID", "onetsoc_code"], True) == {
        "p_e0": "p_e0", "onetsoc_code": "onetsoc_code", "task_id": "task_id"}
    # a column not read may be there twice: check selects only its own
    assert _checked_columns(["id", "id", "p_e0"], False) == {"p_e0": "p_e0"}


def test_3_score_names_sdf_and_the_column_once():
    with pytest.raises(DataFormatError, match=rf"^sdf, column 'Task': {REPEATED}: drop or rename one$"):
        _check_unique(["pid", "task", "Task"], False, "sdf")
    _check_unique(["pid", "task", "Task"], True, "sdf")  # spark.sql.caseSensitive true: two columns


# 4 ------------------------------------------------------------------ spark's onet as a number
@pytest.mark.parametrize(("onet", "said"), [
    (np.int64(30), "int64 30 .*: give it as text \\(str\\) with its minor number, such as '30\\.1'"),
    (np.float32(29.1), "float32 .*: give it as text \\(str\\), in quotes"),
    (decimal.Decimal("29.1"), "Decimal 29\\.1 .*: give it as text \\(str\\): write '29\\.1'$"),
])
def test_4_spark_onet_number_is_told_to_be_text(onet, said):
    with pytest.raises(DataFormatError, match=rf"^O\*NET release {said}"):
        _check_onet(onet)
    # a flag is no number: told as before
    with pytest.raises(DataFormatError, match=r"^onet must be an O\*NET release name .*got bool True$"):
        _check_onet(np.bool_(True))


# 5 ------------------------------------------------------------------ score_batches' path
KEYED = pd.DataFrame({"onetsoc_code": ["43-4171.00"] * 2, "task_id": [1, 2], "task": TEXTS})


@pytest.mark.parametrize("path", ["posts.csv", Path("my posts.csv")])
def test_5_a_key_repeated_in_a_later_batch_names_the_file(path):
    with pytest.raises(DataFormatError) as info:
        list(score_batches([KEYED, KEYED.iloc[[0]]], "rubric", path=path, row_offset=2))
    assert str(info.value) == (f"{path}, row 4, column 'task_id': duplicate task key (43-4171.00, 1), "
                               "first on row 2")
    # a bad row before the repeated key in that batch: named as score_tasks names it
    later = pd.DataFrame({"onetsoc_code": ["43-4171.00"] * 2, "task_id": [3, 1], "task": ["  ", TEXTS[0]]})
    with pytest.raises(DataFormatError) as info:
        list(score_batches([KEYED, later], "rubric", path=path, row_offset=2))
    assert str(info.value) == f"{path}, row 4, column 'task': task text must be a non-empty string, got '  '"
