"""Fault round 49 (weights): task weights looked up by key whatever the row's text says.

Faults found (each test below failed before its fix):

1. :func:`task_weights` (``weights="core"``) and :func:`to_occupations` with ``tasks=``
   read a task's Core/Supplemental type by (``onetsoc_code``, ``task_id``) whatever the
   row's ``task`` text: a researcher's own numbering under real codes ("Drive a forklift
   in the warehouse." under the key of the Core task "Answer telephones.") got that
   task's weight 2 without a word (``[2., 1.]``). A row whose key the statements list for
   another statement (the rule of :func:`exposure.scoring._inputs.other_task_rows`) is now
   weighed as a task of one's own, 1, with one warning naming the first row; a rewording,
   a note added or another case still reads as the O*NET task.
2. The same through a ``task_type`` column with some types left out (read from
   ``tasks``): the forklift row took the Core type of the task under its key.
3. ``weights="importance"`` and ``"frequency"`` with ``tasks=`` carrying the statements:
   the forklift row was weighed by the rating of "Answer telephones." (``[5., 1.]``). O*NET
   does not rate a task of one's own: now refused, naming the row and column ``task``.
4. :func:`exposure.rollup.rollup` (and so ``exposure rollup --tasks FILE``): the same
   silent weight 2 in every table; now weighed 1 with one warning per run (not one per
   category table or bootstrap), the row counted as in the frame given.
5. :func:`bootstrap_occupations` drew the forklift row with weight 2.

Left as documented: a row without a ``task`` text (a missing or blank cell), task
scores without a ``task`` column, or statements without one cannot be compared and are
weighed by their key. O*NET 29.1's own tasks are weighed as before (the recompute's
tables are byte-identical).
"""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd
import pytest
from tests.unit._frames import write_text

from exposure.cli import main
from exposure.errors import DataFormatError
from exposure.rollup import (
    bootstrap_occupations,
    label_scores,
    rollup,
    task_weights,
    to_occupations,
)

CODE = "43-4171.00"
FORKLIFT = "Drive a forklift in the warehouse."


def _statements(**changes) -> pd.DataFrame:
    frame = pd.DataFrame({"onetsoc_code": [CODE] * 3, "task_id": [1, 2, 3],
                          "task": ["Answer telephones.", "Greet visitors at the front desk.",
                                   "Sort incoming mail."],
                          "task_type": ["Core", "Supplemental", "Core"]})
    return frame.assign(**changes)


def _scores(texts, labels=None, **changes) -> pd.DataFrame:
    n = len(texts)
    labels = labels or ["E0"] * n
    frame = pd.DataFrame({"onetsoc_code": [CODE] * n, "task_id": list(range(1, n + 1)), "task": texts,
                          "label": labels})
    frame = pd.concat([frame, label_scores(frame["label"])], axis=1)
    return frame.assign(**changes)


def _other_warnings(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if "for another task than their text" in r.getMessage()]


def test_core_weights_of_a_row_naming_another_task_weigh_1(caplog):
    """Fault 1: the forklift row under the key of a Core task weighed 2."""
    ts = _scores([FORKLIFT, "Greet visitors at the front desk.", "sort the incoming mail (mornings)"])
    with caplog.at_level(logging.WARNING):
        w = task_weights(ts, "core", tasks=_statements())
    assert w.tolist() == [1.0, 1.0, 2.0]  # a rewording with a note is still the O*NET task
    (msg,) = _other_warnings(caplog)
    assert "1 row(s)" in msg and "row 1, column 'task_id': 1 under '43-4171.00'" in msg
    assert repr(FORKLIFT) in msg and "weighed as tasks of your own" in msg


def test_to_occupations_core_weights_a_row_naming_another_task_as_own():
    """Fault 1: alpha of the occupation took the forklift row's weight from another task."""
    ts = _scores([FORKLIFT, "Greet visitors at the front desk."], labels=["E1", "E0"])
    occ = to_occupations(ts, "core", tasks=_statements())
    assert occ["alpha"].iloc[0] == pytest.approx(0.5)  # 1 / (1 + 1); it was 2 / 3


def test_core_weights_leave_rows_without_text_to_their_key(caplog):
    """A missing or blank text cannot be compared: the key decides (documented)."""
    ts = _scores([None, " ", "Sort incoming mail."])
    with caplog.at_level(logging.WARNING):
        assert task_weights(ts, "core", tasks=_statements()).tolist() == [2.0, 1.0, 2.0]
    assert not _other_warnings(caplog)
    # scores or statements without a task column: nothing to compare
    assert task_weights(_scores([FORKLIFT]).drop(columns="task"), "core", tasks=_statements()).tolist() == [2.0]
    assert task_weights(_scores([FORKLIFT]), "core", tasks=_statements().drop(columns="task")).tolist() == [2.0]


def test_a_key_listed_with_two_statements_reads_as_either(caplog):
    """The statements of two releases, one key with two texts: either is that task."""
    both = pd.concat([_statements(), _statements(task=["Answer the phones.", "Greet guests.", "Open mail."])],
                     ignore_index=True)
    ts = _scores(["Answer telephones.", "Greet guests.", FORKLIFT])
    with caplog.at_level(logging.WARNING):
        assert task_weights(ts, "core", tasks=both).tolist() == [2.0, 1.0, 1.0]
    (msg,) = _other_warnings(caplog)
    assert "row 3, column 'task_id'" in msg


def test_partial_task_type_column_does_not_read_another_tasks_type(caplog):
    """Fault 2: a type left out was read from the statements under the forklift row's key."""
    ts = _scores([FORKLIFT, "Greet visitors at the front desk.", "Sort incoming mail."],
                 task_type=[None, "Supplemental", None])
    with caplog.at_level(logging.WARNING):
        assert task_weights(ts, "core", tasks=_statements()).tolist() == [1.0, 1.0, 2.0]
    assert len(_other_warnings(caplog)) == 1
    # a type given by the caller is the caller's: the text is not compared
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        own = ts.assign(task_type=["Core", "Supplemental", "Core"])
        assert task_weights(own, "core", tasks=_statements()).tolist() == [2.0, 1.0, 2.0]
    assert not _other_warnings(caplog)


@pytest.mark.parametrize("weights", ["importance", "frequency"])
def test_ratings_weights_refuse_a_row_naming_another_task(weights):
    """Fault 3: the forklift row was weighed by the rating of 'Answer telephones.'."""
    ts = _scores(["Greet visitors at the front desk.", FORKLIFT])
    ts["task_id"] = [2, 1]
    ratings = pd.DataFrame({"onetsoc_code": [CODE] * 2, "task_id": [1, 2], "scale_id": "IM",
                            "data_value": [5.0, 1.0]})
    if weights == "frequency":
        ratings = pd.DataFrame({"onetsoc_code": [CODE] * 2, "task_id": [1, 2], "scale_id": "FT",
                                "category": [7, 1], "data_value": [100.0, 100.0]})
    assert task_weights(ts, weights, task_ratings=ratings).size == 2  # no statements: nothing to compare
    with pytest.raises(DataFormatError) as info:
        task_weights(ts, weights, task_ratings=ratings, tasks=_statements())
    msg = str(info.value)
    assert msg.startswith(f"row 2, column 'task': weights={weights!r}: 1 of 2 tasks")
    assert repr(FORKLIFT) in msg and "'Answer telephones.'" in msg
    assert "O*NET does not rate" in msg and "weights='core' or 'equal'" in msg


def test_rollup_weighs_a_row_naming_another_task_as_own_and_warns_once(caplog):
    """Fault 4: every table of rollup() weighed the forklift row 2; one warning per run."""
    ts = _scores([FORKLIFT, "Greet visitors at the front desk."], labels=["E1", "E0"],
                 admin=[True, True])
    xw = pd.DataFrame({"onetsoc_code": [CODE], "soc_code": ["43-4171"]})
    emp = pd.DataFrame({"naics": "000000", "i_group": "cross-industry", "occ_code": ["43-4171"],
                        "o_group": "detailed", "tot_emp": [100.0]})
    with caplog.at_level(logging.WARNING):
        r = rollup(ts, xw, emp, weights="core", tasks=_statements(), n_draws=20, seed=0)
    assert r.occupations["alpha"].iloc[0] == pytest.approx(0.5)
    assert r.soc["alpha"].iloc[0] == pytest.approx(0.5)
    msgs = _other_warnings(caplog)
    assert len(msgs) == 1 and "row 1, column 'task_id'" in msgs[0]


def test_bootstrap_draws_a_row_naming_another_task_with_weight_1():
    """Fault 5: the bootstrap drew the forklift row with the Core weight 2."""
    ts = _scores([FORKLIFT, "Greet visitors at the front desk."], labels=["E1", "E0"])
    b = bootstrap_occupations(ts, "core", tasks=_statements(), n_draws=200, seed=1)
    # with weights 1 and 1, a draw of both rows gives 1/2; with 2 and 1 it gave 2/3
    assert set(np.round(b.draws["alpha"][:, 0], 6).tolist()) == {0.0, 0.5, 1.0}


def test_cli_rollup_with_tasks_file_weighs_a_row_naming_another_task_as_own(tmp_path, caplog):
    """Fault 4 through ``exposure rollup --tasks``: the forklift row weighed 2."""
    statements = write_text(tmp_path, "Task Statements.txt", (
        "O*NET-SOC Code\tTask ID\tTask\tTask Type\tIncumbents Responding\tDate\tDomain Source\n"
        f"{CODE}\t1\tAnswer telephones.\tCore\t20\t08/2023\tIncumbent\n"
        f"{CODE}\t2\tGreet visitors at the front desk.\tSupplemental\t20\t08/2023\tIncumbent\n"))
    scores = write_text(tmp_path, "scores.csv", (
        "onetsoc_code,task_id,task,label,alpha,beta,gamma\n"
        f"{CODE},1,{FORKLIFT},E1,1,1,1\n"
        f"{CODE},2,Greet visitors at the front desk.,E0,0,0,0\n"))
    xw = write_text(tmp_path, "xw.csv", "O*NET-SOC 2019 Code,O*NET-SOC 2019 Title,2018 SOC Code,2018 SOC Title\n"
                    f"{CODE},Receptionists,43-4171,Receptionists\n")
    oews = write_text(tmp_path, "oews.csv", (
        "AREA,AREA_TITLE,AREA_TYPE,NAICS,NAICS_TITLE,I_GROUP,OCC_CODE,OCC_TITLE,O_GROUP,TOT_EMP,EMP_PRSE,"
        "H_MEAN,A_MEAN,MEAN_PRSE,H_MEDIAN,A_MEDIAN\n"
        "99,U.S.,1,000000,Cross-industry,cross-industry,00-0000,All Occupations,total,100,0.1,20.00,"
        "41600,0.1,19.00,39520\n"
        "99,U.S.,1,000000,Cross-industry,cross-industry,43-4171,Receptionists,detailed,100,0.1,20.00,"
        "41600,0.1,19.00,39520\n"))
    out = tmp_path / "out"
    with caplog.at_level(logging.WARNING):
        assert main(["rollup", str(scores), "-o", str(out), "--crosswalk", str(xw), "--employment", str(oews),
                     "--tasks", str(statements)]) == 0
    occ = pd.read_parquet(out / "occupation_scores.parquet")
    assert occ["alpha"].iloc[0] == pytest.approx(0.5)  # it was 2 / 3
    assert _other_warnings(caplog)


def test_the_check_names_the_scores_file_and_its_line(caplog):
    """For ``exposure rollup``: the warning and the error can name the file's lines."""
    from exposure.rollup._occupations import _without_other_tasks

    ts = _scores(["Greet visitors at the front desk.", FORKLIFT])
    ts["task_id"] = [2, 1]
    with caplog.at_level(logging.WARNING):
        out = _without_other_tasks(ts, "core", _statements(), path="s.csv", row_offset=2)
    assert out["task_id"].tolist() == [2, None] and ts["task_id"].tolist() == [2, 1]  # a copy
    (msg,) = _other_warnings(caplog)
    assert msg.startswith("s.csv: 1 row(s)") and "(first: row 3, column 'task_id': 1 under" in msg
    with pytest.raises(DataFormatError, match=r"^s\.csv, row 3, column 'task': weights='importance'"):
        _without_other_tasks(ts, "importance", _statements(), path="s.csv", row_offset=2)
