"""Fault round 54 (keys): a key column spelled twice in a task file or frame.

A file with both ``onetsoc_code`` and O*NET's ``O*NET-SOC Code`` (a column added beside
O*NET's own, or a sheet exported twice) was read by the first alone, whatever the second
held, without a word: the rows were scored as the O*NET tasks of the other code. With
two spellings of a key and neither the library's name (``O*NET-SOC CODE`` and
``o*net-soc code``), neither was read, also without a word. Now one warning per key
(``exposure.scoring._inputs.warn_keys_spelled_twice``), from ``exposure score`` (both
the whole-file and the batch path) and from ``score_tasks``.
"""

from __future__ import annotations

import logging

import pandas as pd
import pytest
from _cli import _no_env, run  # noqa: F401 (_no_env: autouse fixture)

from exposure.scoring import score_tasks
from exposure.scoring._inputs import keys_spelled_twice


def said(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING and "all name the key" in r.getMessage()]


@pytest.mark.parametrize("batch_rows", ["0", "1"])  # the whole-file path and the batch path
def test_score_file_with_the_code_twice_says_which_is_read(tmp_path, capsys, caplog, batch_rows):
    src = tmp_path / "two.csv"
    src.write_text("task,onetsoc_code,O*NET-SOC Code\nAnswer telephones.,43-4171.00,11-1011.00\n"
                   "Weld pipes.,47-2211.00,47-2211.00\n", encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        code, err = run(capsys, "score", src, "-o", tmp_path / "out.csv", "--onet", "none",
                        "--batch-rows", batch_rows)
    assert code == 0, err
    assert said(caplog) == [
        f"{src}: the columns 'onetsoc_code', 'O*NET-SOC Code' all name the key 'onetsoc_code'; 'onetsoc_code' "
        "is read, 'O*NET-SOC Code' not (whatever it holds): keep one of them (drop or rename the others)"]
    out = pd.read_csv(tmp_path / "out.csv", dtype=str)
    assert out["onetsoc_code"].tolist() == ["43-4171.00", "47-2211.00"]  # as before: the library's name


def test_score_file_with_two_other_spellings_says_none_is_read(tmp_path, capsys, caplog):
    src = tmp_path / "two.csv"
    src.write_text("task,TASK_ID,task id\nAnswer telephones.,1,2\n", encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        code, err = run(capsys, "score", src, "-o", tmp_path / "out.csv", "--onet", "none")
    assert code == 0, err
    assert said(caplog) == [
        f"{src}: the columns 'TASK_ID', 'task id' all name the key 'task_id'; none of them is read, so the rows "
        "are read without it: keep one of them (drop or rename the others)"]


def test_score_tasks_with_the_id_twice_says_which_is_read(caplog):
    frame = pd.DataFrame({"task": ["Answer telephones."], "task_id": [1], "Task ID": [2]})
    with caplog.at_level(logging.WARNING):
        score_tasks(frame, "rubric")
    assert said(caplog) == [
        "score_tasks: the columns 'task_id', 'Task ID' all name the key 'task_id'; 'task_id' is read, 'Task ID' "
        "not (whatever it holds): keep one of them (drop or rename the others)"]


def test_one_spelling_of_each_key_is_not_warned_of(tmp_path, capsys, caplog):
    src = tmp_path / "one.csv"
    src.write_text("Task,O*NET-SOC Code,Task ID\nAnswer telephones.,43-4171.00,1\n", encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        code, err = run(capsys, "score", src, "-o", tmp_path / "out.csv", "--onet", "none")
        score_tasks(pd.DataFrame({"task": ["Weld."], "onetsoc_code": ["47-2211.00"], "task_id": [1]}), "rubric")
    assert code == 0, err
    assert said(caplog) == []
    assert keys_spelled_twice(["Task", "O*NET-SOC Code", "Task ID"]) == []
