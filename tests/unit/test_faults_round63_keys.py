"""Round 63 (key names from other tools): O*NET's key headers as R and Stata rename them.

R's ``read.csv`` turns O*NET's ``O*NET-SOC Code`` and ``Task ID`` into ``O.NET.SOC.Code``
and ``Task.ID``; Stata's ``import delimited`` into ``onetsoccode`` and ``taskid``. Such
columns were neither read as keys by ``exposure score`` (which reads ``O*NET-SOC CODE`` or
``TASK_ID``) nor warned of by ``score_tasks``: the rows were scored as text alone, without
O*NET's work activities, and the output had no key columns, without a word. Now a key
column is recognised by its letters and digits (:func:`exposure.scoring._inputs.column_key`,
the rule the tagger's near-column warning already used): read by the file reader, warned
of by ``score_tasks``.
"""

from __future__ import annotations

import logging

import pandas as pd
import pytest
from test_faults_cli import cli

from exposure.scoring import KEY_HEADERS_MESSAGE, score_tasks

TEXT = "Answer telephones and take messages."


@pytest.mark.parametrize("code, task_id", [("O.NET.SOC.Code", "Task.ID"), ("onetsoccode", "taskid")])
def test_exposure_score_reads_keys_renamed_by_other_tools(tmp_path, capsys, shared_data, code, task_id):
    src = tmp_path / "tasks.csv"
    src.write_text(f"{code},{task_id},task\n43-4171.00,8823,{TEXT}\n", encoding="utf-8")
    status, _, err = cli(capsys, "score", src, "-o", tmp_path / "out.csv", "--mirror", shared_data.resolve())
    assert status == 0, err
    out = pd.read_csv(tmp_path / "out.csv")
    assert out.columns[:2].tolist() == ["onetsoc_code", "task_id"]  # before: the columns as given, no keys read
    assert out["task_id"].tolist() == [8823]


def test_score_tasks_warns_of_keys_renamed_by_other_tools(caplog):
    frame = pd.DataFrame({"O.NET.SOC.Code": ["43-4171.00"], "Task.ID": [8823], "task": [TEXT]})
    with caplog.at_level(logging.WARNING):
        score_tasks(frame)
    said = [r.getMessage() for r in caplog.records if r.msg is KEY_HEADERS_MESSAGE]
    assert len(said) == 1 and "'O.NET.SOC.Code', 'Task.ID'" in said[0], said  # before: nothing
