"""Round 81: ``exposure score`` warns of every column ``exposure rollup`` refuses as task weights.

1. ``exposure score`` warned of an input column named as task weights (``Weight``,
   ``task_weights``) that its output keeps and ``exposure rollup`` refuses, but round 81
   made the roll-up refuse the caller's own weights too (``hours``, ``importance``,
   ``frequency``, also ``task_`` prefixed, any case or spacing): a file with a ``Hours``
   column was scored and written without a word, and the roll-up of it refused after all
   the scoring (``column 'Hours' holds task weights, which the roll-up does not read``).
   Now ``exposure score`` warns of it before the scoring, in the words it uses for
   ``Weight``: ``t.csv: the input column(s) 'Hours' are named as task weights, which
   exposure rollup does not read (it weighs tasks by --weights: core, equal, importance or
   frequency) and refuses in a file: s.csv keeps them beside the scores (drop or rename
   them)``. The names are one list, :data:`exposure.scoring._files.OWN_WEIGHTS`, read by the
   scorer's warning, the roll-up's warning and ``exposure rollup``'s refusal.
"""

from __future__ import annotations

import logging

import pytest
from test_faults_cli import cli, one_error_line

from exposure.rollup import _occupations
from exposure.scoring import _files


def _warnings(caplog, words: str) -> list[str]:
    return [r.getMessage() for r in caplog.records if words in r.getMessage()]


@pytest.mark.parametrize("header", ["Hours", "task importance", "FREQUENCY", "Task_Hours"])
def test_own_weights_are_warned_of_by_score_before_the_rollup_refuses_them(tmp_path, capsys, caplog, header):
    src = tmp_path / "t.csv"
    src.write_text(f"onetsoc_code,task_id,task,task_type,{header}\n"
                   "53-7051.00,1001,Operate a forklift to move pallets.,Core,2\n"
                   "43-4171.00,1002,Answer telephones.,Core,1\n")
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


@pytest.mark.parametrize("header", ["hours_worked", "importance_score", "weighting", "Task"])
def test_other_names_are_not_taken_for_weights(tmp_path, caplog, header):
    src = tmp_path / "t.csv"
    src.write_text(f"text,{header}\nOperate a forklift to move pallets.,2\n")
    with caplog.at_level(logging.WARNING, logger="exposure.scoring._files"):
        _files.score_file(src, tmp_path / "s.csv", method="rubric", text_column="text")
    assert _warnings(caplog, "task weights") == []


def test_one_list_of_names():
    assert _occupations.OWN_WEIGHTS is _files.OWN_WEIGHTS
    assert _occupations.plain_name is _files.plain_name
