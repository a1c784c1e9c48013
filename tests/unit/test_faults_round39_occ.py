"""Round 39: task weights and the occupation and SOC roll-ups (``to_occupations``, ``to_soc``).

Faults found (each test below failed before its fix):

1. ``weights="core"`` with a ``task_type`` column that gives no type at all (a CSV whose
   column is empty: missing, blank or ``n/a`` on every row) and the O*NET task statements
   passed as ``tasks=``: the statements were not read, every task weighed 1 (as if
   Supplemental), and core weights were equal weights without a word.
2. The same with a column that leaves only some types out: those tasks weighed 1 though
   the statements passed said Core.
3. Task scores that leave ``beta`` empty on every row (allowed: "leave a measure empty on
   every row to leave it out"): ``to_occupations`` gave ``n_scored`` 0 to every occupation
   though alpha and gamma were averaged over its tasks.
4. ``to_soc`` of such occupation scores: ``crosswalk_weight`` 0.0 for every OEWS code
   whose alpha and gamma were combined from its scored children.
5. ``coverage`` of such SOC scores: ``share`` 0.0 and ``n_covered`` 0 (no employment
   scored) with alpha and gamma on the codes; ``prefix_share`` likewise.
6. ``onet_to_oews`` given occupation scores with an ``onetsoc_code`` twice: the code was
   linked twice (two rows of weight 1 for one occupation), without a word, where
   ``to_soc`` refuses the repeat.
7. ``onet_to_oews`` given a padded (``'11-1011.00 '``) or missing ``onetsoc_code``: only
   the warning ``1 O*NET-SOC codes are not in the crosswalk``, the code left unlinked,
   where ``to_soc`` refuses it naming the row.
8. ``weights="importance"`` (or ``"frequency"``) with Task Ratings whose ratings O*NET
   marks ``Recommend Suppress = Y`` (low precision): they weighed their tasks as any
   other, without a word. They still do; a warning now says how many tasks and the first.

Tiny made-up frames and files in O*NET's formats, written by the tests.
"""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd
import pytest
from tests.unit._frames import write_text

from exposure.errors import DataFormatError
from exposure.onet import read_task_ratings, read_tasks
from exposure.rollup import coverage, to_occupations, to_soc
from exposure.rollup._occupations import label_scores, task_weights
from exposure.rollup._soc import onet_to_oews

CODE = "11-1011.00"


def _scores(labels=("E1", "E0", "E0"), code=CODE) -> pd.DataFrame:
    ts = pd.DataFrame({"onetsoc_code": code, "task_id": list(range(1, len(labels) + 1)),
                       "label": list(labels)})
    return pd.concat([ts, label_scores(ts["label"])], axis=1)


def _statements(tmp_path, types=("Core", "Supplemental", "Supplemental")):
    head = "O*NET-SOC Code\tTask ID\tTask\tTask Type\tIncumbents Responding\tDate\tDomain Source\r\n"
    rows = "".join(f"{CODE}\t{i}\tDo thing {i}.\t{t}\t95\t08/2023\tIncumbent\r\n"
                   for i, t in enumerate(types, start=1))
    return read_tasks(write_text(tmp_path, "Task Statements.txt", head + rows))


# 1 -------------------------------------------------------------------------------------
@pytest.mark.parametrize("empty", [None, "", "n/a"])
def test_empty_task_type_column_reads_statements(tmp_path, empty):
    tasks = _statements(tmp_path)
    ts = _scores().assign(task_type=empty)
    assert task_weights(ts, "core", tasks=tasks).tolist() == [2.0, 1.0, 1.0]
    # E1 on the Core task: alpha 2 / 4 = 0.5 (it was 1 / 3, equal weights)
    assert to_occupations(ts, "core", tasks=tasks)["alpha"].iloc[0] == pytest.approx(0.5)


def test_empty_task_type_column_without_statements_unchanged():
    # documented: a missing type weighs 1 (tasks of your own); no statements to read
    assert task_weights(_scores().assign(task_type=None), "core").tolist() == [1.0, 1.0, 1.0]


# 2 -------------------------------------------------------------------------------------
def test_partly_empty_task_type_column_filled_from_statements(tmp_path):
    tasks = _statements(tmp_path, ("Core", "Core", "Supplemental"))
    ts = _scores().assign(task_type=["Core", None, "Supplemental"])
    assert task_weights(ts, "core", tasks=tasks).tolist() == [2.0, 2.0, 1.0]
    # a type the column gives is kept (the column wins where it speaks)
    ts = _scores().assign(task_type=["Supplemental", None, None])
    assert task_weights(ts, "core", tasks=tasks).tolist() == [1.0, 2.0, 1.0]


# 3 -------------------------------------------------------------------------------------
def _no_beta():
    ts = pd.concat([_scores(), _scores(("E2",), code="13-1021.00")], ignore_index=True)
    return ts.assign(beta=np.nan)


def test_n_scored_counts_tasks_without_beta():
    occ = to_occupations(_no_beta(), "equal")
    assert occ["alpha"].notna().all()
    assert occ["n_scored"].tolist() == [3, 1]


def test_n_scored_still_leaves_unscored_tasks_out():
    ts = _scores()
    ts.loc[1, ["alpha", "beta", "gamma"]] = np.nan
    assert to_occupations(ts, "equal")["n_scored"].tolist() == [2]


# 4, 5 ----------------------------------------------------------------------------------
def _soc_inputs():
    xw = pd.DataFrame({"onetsoc_code": [CODE, "13-1021.00"], "soc_code": ["11-1011", "13-1021"]})
    emp = pd.DataFrame({"naics": "000000", "i_group": "cross-industry", "occ_code": ["11-1011", "13-1020"],
                        "o_group": "detailed", "tot_emp": [100.0, 50.0]})
    return xw, emp


def test_crosswalk_weight_without_beta():
    xw, emp = _soc_inputs()
    soc = to_soc(to_occupations(_no_beta(), "equal"), xw, emp)
    assert soc["alpha"].notna().all()
    assert soc["crosswalk_weight"].tolist() == [1.0, 1.0]


def test_coverage_without_beta():
    xw, emp = _soc_inputs()
    occ = to_occupations(_no_beta(), "equal")
    cov = coverage(to_soc(occ, xw, emp), occ)
    assert cov["share"] == 1.0 and cov["n_covered"] == 2
    assert cov["prefix_share"] == pytest.approx(100 / 150)


def test_coverage_unscored_code_still_left_out():
    soc = pd.DataFrame({"soc_code": ["11-1011", "13-1020"], "alpha": [0.2, np.nan], "beta": [0.3, np.nan],
                        "gamma": [0.4, np.nan], "tot_emp": [300.0, 100.0]})
    assert coverage(soc)["share"] == 0.75


# 6, 7 ----------------------------------------------------------------------------------
def test_onet_to_oews_refuses_repeated_code():
    xw, _ = _soc_inputs()
    occ = pd.DataFrame({"onetsoc_code": [CODE, "13-1021.00", CODE]})
    with pytest.raises(DataFormatError, match=r"^occupation_scores, row 3, column 'onetsoc_code': "
                       r"onetsoc_code '11-1011.00' is given twice \(rows 1 and 3\)"):
        onet_to_oews(occ, xw, ["11-1011", "13-1020"])


@pytest.mark.parametrize("bad", ["11-1011.00 ", None])
def test_onet_to_oews_refuses_bad_code(bad):
    xw, _ = _soc_inputs()
    occ = pd.DataFrame({"onetsoc_code": ["13-1021.00", bad]})
    with pytest.raises(DataFormatError, match=r"^occupation_scores, row 2, column 'onetsoc_code'"):
        onet_to_oews(occ, xw, ["11-1011", "13-1020"])


def test_onet_to_oews_good_codes_unchanged():
    xw, _ = _soc_inputs()
    out = onet_to_oews(pd.DataFrame({"onetsoc_code": [CODE, "13-1021.00"]}), xw, ["11-1011", "13-1020"])
    assert out["occ_code"].tolist() == ["11-1011", "13-1020"]
    assert out["weight"].tolist() == [1.0, 1.0]


# 8 -------------------------------------------------------------------------------------
RATINGS_HEAD = ("O*NET-SOC Code\tTask ID\tScale ID\tCategory\tData Value\tN\tStandard Error\t"
                "Lower CI Bound\tUpper CI Bound\tRecommend Suppress\tDate\tDomain Source\r\n")


def _ratings(tmp_path, suppress=("N", "Y", "N")):
    rows = "".join(f"{CODE}\t{i}\tIM\tn/a\t{v}\t20\t0.1\t{v - 0.2:.1f}\t{v + 0.2:.1f}\t{s}\t08/2023\tIncumbent\r\n"
                   for i, (v, s) in enumerate(zip((4.0, 2.0, 3.0), suppress, strict=True), start=1))
    ft = "".join(f"{CODE}\t{i}\tFT\t{c}\t{50.0:.2f}\t20\t5\t40\t60\t{s}\t08/2023\tIncumbent\r\n"
                 for i, s in zip((1, 2, 3), suppress, strict=True) for c in (3, 5))
    return read_task_ratings(write_text(tmp_path, "Task Ratings.txt", RATINGS_HEAD + rows + ft))


@pytest.mark.parametrize("weights", ["importance", "frequency"])
def test_suppressed_ratings_are_said(tmp_path, caplog, weights):
    ratings = _ratings(tmp_path)
    with caplog.at_level(logging.WARNING, logger="exposure"):
        w = task_weights(_scores(), weights, task_ratings=ratings)
    if weights == "importance":
        assert w.tolist() == [4.0, 2.0, 3.0]  # still used as given
    scale = "IM" if weights == "importance" else "FT"
    assert (f"weights={weights!r}: 1 of 3 tasks are weighed by {scale} ratings that O*NET marks "
            "Recommend Suppress = Y") in caplog.text
    assert "11-1011.00 task 2 (row 2)" in caplog.text


def test_unsuppressed_ratings_say_nothing(tmp_path, caplog):
    ratings = _ratings(tmp_path, ("N", "N", "N"))
    with caplog.at_level(logging.WARNING, logger="exposure"):
        task_weights(_scores(), "importance", task_ratings=ratings)
    assert "Recommend Suppress" not in caplog.text
