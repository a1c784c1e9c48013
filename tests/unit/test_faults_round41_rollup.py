"""Round 41: task weights and the occupation and SOC roll-ups.

1. ``task_weights(..., "frequency")`` rescaled the FT percentages of a task (categories
   1-7) to sum to 100 without a word, however far they strayed: a task whose
   percentages summed to 60 (categories missing) or to 200 (rows of two releases, or
   counts) was weighed as if complete. Sums within 0.5 points of 100 (O*NET's rounding
   to 2 decimals) are still rescaled silently; sums below are used with one warning per
   call (the count and the first task); sums above 100.5 are refused, naming the
   ``task_ratings`` row and column ``data_value``.
2. ``to_soc``'s ``crosswalk_weight`` counted only the crosswalk children present in
   ``occupation_scores``: a child missing from them (an O*NET "All Other" code without
   tasks) left it at 1, "every child scored"; a code all of whose children were missing
   got a missing weight, "nothing mapped". The schema's description (share of the
   combination weight of the mapped O*NET occupations that carried a score) now holds:
   1/2 with one of two children, 0 with none of two (``combine="equal"``).
3. The same task scores in another row order gave occupation (and SOC) measures that
   differed in the 16th digit (float sums in row order); FT weights likewise. The sums
   now run in one order: results are bit-identical. So do the bootstrap draws of
   ``bootstrap_occupations`` (the lead): with the same seed, another row order drew other
   tasks, so rerunning ``rollup`` from a recompute's ``task_scores.parquet`` (sorted by
   code and task ID) gave other ``*_ci_*`` bounds than the recompute (O*NET's file order).
4. ``coverage`` counted a ``beta`` of ``"abc"`` or ``1.5`` as a score (the workers
   covered); the ``occupation_scores`` of ``prefix_share`` likewise. Refused now, naming
   the frame, row and column.
5. A frame with two-level column names failed inside pandas (``MergeError: Not allowed to
   merge between different levels``). Refused now by name.
6. A boolean rating (``True``) was read as importance 1 or as 1 percent, and an FT
   ``category`` of ``True`` as category 1 (every row then called a repeat of category 1).
   Refused now as not a number / not a category 1-7.
7. A ``task_id`` of ``1.5`` or ``True`` in ``task_ratings`` or ``tasks`` matched no task:
   the error blamed the task scores ("1 of 3 tasks have no IM rating") and named no row
   of the ratings. Refused now naming ``task_ratings``/``tasks``, row and column.

Tiny made-up frames and Task Ratings files (O*NET's layout), written by the tests.
"""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd
import pytest
from tests.unit._frames import write_text

from exposure.errors import DataFormatError
from exposure.onet import read_task_ratings
from exposure.rollup import coverage, label_scores, task_weights, to_occupations, to_soc

HEAD = ("O*NET-SOC Code\tTask ID\tScale ID\tCategory\tData Value\tN\tStandard Error\tLower CI Bound\t"
        "Upper CI Bound\tRecommend Suppress\tDate\tDomain Source\n")


def _ft_file(tmp_path, percents: dict) -> pd.DataFrame:
    """A Task Ratings file with FT rows (task -> 7 percentages), read back."""
    lines = [HEAD]
    for task, values in percents.items():
        for cat, value in enumerate(values, start=1):
            lines.append(f"11-1011.00\t{task}\tFT\t{cat}\t{value}\t60\t1.0\t0\t100\tN\t08/2023\tIncumbent\n")
    return read_task_ratings(write_text(tmp_path, "Task Ratings.txt", "".join(lines)))


def _tasks(n: int = 2) -> pd.DataFrame:
    ts = pd.DataFrame({"onetsoc_code": ["11-1011.00"] * n, "task_id": list(range(1, n + 1)),
                       "label": (["E1", "E0", "E2"] * n)[:n], "task_type": "Core"})
    return pd.concat([ts, label_scores(ts["label"])], axis=1)


FULL = [10, 20, 30, 40, 0, 0, 0]


# 1. FT percentages far from 100 ------------------------------------------------------------

def test_ft_sum_below_100_is_warned_once(tmp_path, caplog):
    ft = _ft_file(tmp_path, {1: FULL, 2: [10, 20, 30, 0, 0, 0, 0]})
    with caplog.at_level(logging.WARNING, logger="exposure.rollup"):
        w = task_weights(_tasks(), "frequency", task_ratings=ft)
    # the mean frequency of the categories given: (10*1 + 20*6 + 30*24) / 60
    assert w[1] == pytest.approx((10 * 1 + 20 * 6 + 30 * 24) / 60)
    warned = [r.getMessage() for r in caplog.records if "sum to less than 100" in r.getMessage()]
    assert len(warned) == 1
    assert "1 of 2 tasks" in warned[0] and "11-1011.00 task 2 (task_ratings row 14): 60" in warned[0]


def test_ft_sum_within_rounding_is_silent(tmp_path, caplog):
    ft = _ft_file(tmp_path, {1: FULL, 2: [10.01, 19.99, 29.98, 40.01, 0, 0, 0]})  # 99.99
    with caplog.at_level(logging.WARNING, logger="exposure.rollup"):
        task_weights(_tasks(), "frequency", task_ratings=ft)
    assert not [r for r in caplog.records if "FT percentages" in r.getMessage()]


def test_ft_sum_above_100_is_refused(tmp_path):
    # the file reader refuses such a file; a frame passed as it is was rescaled
    ft = _ft_file(tmp_path, {1: FULL, 2: FULL})
    ft.loc[11, "data_value"] = 50.0  # task 2, category 5
    with pytest.raises(DataFormatError) as err:
        task_weights(_tasks(), "frequency", task_ratings=ft)
    text = str(err.value)
    assert "row 14, column 'data_value'" in text and "sum to 150, more than 100" in text
    assert "11-1011.00 task 2" in text


# 2. crosswalk_weight counts the children missing from the scores ------------------------------

def _occ(codes):
    return pd.DataFrame({"onetsoc_code": codes, "alpha": 0.1, "beta": 0.2, "gamma": 0.3, "n_tasks": 5})


XW = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.03", "13-1021.00", "13-1022.00", "15-1252.00"],
                   "soc_code": ["11-1011", "11-1011", "13-1021", "13-1022", "15-1252"]})
EMP = pd.DataFrame({"naics": "000000", "i_group": "cross-industry", "o_group": "detailed",
                    "occ_code": ["11-1011", "13-1020", "15-1252", "17-2011"],
                    "tot_emp": [100.0, 50.0, 30.0, 20.0]})


def test_crosswalk_weight_counts_children_missing_from_scores():
    soc = to_soc(_occ(["11-1011.00", "15-1252.00"]), XW, EMP).set_index("soc_code")
    assert soc.loc["11-1011", "crosswalk_weight"] == 0.5  # one of two children scored
    assert soc.loc["13-1020", "crosswalk_weight"] == 0.0  # two children mapped, none scored
    assert soc.loc["15-1252", "crosswalk_weight"] == 1.0
    assert np.isnan(soc.loc["17-2011", "crosswalk_weight"])  # nothing mapped
    assert soc.loc["11-1011", "beta"] == 0.2  # the means are those of the scored children


# 3. the same scores in another row order give the same bits ----------------------------------

def _many_tasks(n=600, seed=0):
    rng = np.random.default_rng(seed)
    p = rng.dirichlet([1, 1, 1], size=n)
    ts = pd.DataFrame({"onetsoc_code": [f"11-10{i % 7:02d}.00" for i in range(n)], "task_id": np.arange(n) + 1,
                       "p_e0": p[:, 0], "p_e1": p[:, 1], "p_e2": p[:, 2],
                       "task_type": np.where(rng.random(n) < 0.5, "Core", "Supplemental")})
    ts["alpha"] = ts["p_e1"]
    ts["gamma"] = ts["p_e1"] + ts["p_e2"]
    ts["beta"] = (ts["alpha"] + ts["gamma"]) / 2
    return ts


def test_occupations_do_not_depend_on_row_order():
    ts = _many_tasks()
    a = to_occupations(ts, "core")
    for seed in range(3):
        b = to_occupations(ts.sample(frac=1, random_state=seed), "core")
        pd.testing.assert_frame_equal(a, b, check_exact=True)


def test_soc_scores_do_not_depend_on_row_order():
    rng = np.random.default_rng(1)
    codes = [f"11-1011.{k:02d}" for k in range(12)]
    occ = pd.DataFrame({"onetsoc_code": codes, "alpha": rng.random(12) / 3})
    occ["gamma"] = occ["alpha"] + rng.random(12) / 3
    occ["beta"] = (occ["alpha"] + occ["gamma"]) / 2
    xw = pd.DataFrame({"onetsoc_code": codes, "soc_code": "11-1011"})
    a = to_soc(occ, xw, EMP)
    for seed in range(5):
        b = to_soc(occ.sample(frac=1, random_state=seed), xw, EMP)
        pd.testing.assert_frame_equal(a, b, check_exact=True)


@pytest.mark.parametrize("sample_labels", [True, False])
def test_bootstrap_draws_do_not_depend_on_row_order(sample_labels):
    """The same seed and scores in another row order: the same draws.

    Rerunning the roll-up from a recompute's task_scores.parquet (sorted by code and task
    ID) gave other intervals than the recompute, which held the tasks in O*NET's file order.
    """
    from exposure.rollup import bootstrap_occupations

    ts = _many_tasks().assign(method="learned")
    a = bootstrap_occupations(ts, "core", n_draws=30, seed=3, sample_labels=sample_labels)
    for seed in range(3):
        b = bootstrap_occupations(ts.sample(frac=1, random_state=seed), "core", n_draws=30, seed=3,
                                  sample_labels=sample_labels)
        assert list(a.onetsoc_code) == list(b.onetsoc_code)
        for m in a.draws:
            assert a.draws[m].tobytes() == b.draws[m].tobytes(), m


def test_frequency_weights_do_not_depend_on_row_order(tmp_path):
    ft = _ft_file(tmp_path, {1: [13.37, 21.11, 7.77, 17.73, 9.99, 19.01, 11.02], 2: FULL})
    a = task_weights(_tasks(), "frequency", task_ratings=ft)
    b = task_weights(_tasks(), "frequency", task_ratings=ft.iloc[::-1])
    assert a.tobytes() == b.tobytes()


# 4. coverage reads the measures it counts ---------------------------------------------------

SOC = pd.DataFrame({"soc_code": ["11-1011", "13-1020"], "beta": [0.4, None], "tot_emp": [300.0, 100.0]})


@pytest.mark.parametrize("value, expected", [("abc", "not a number: 'abc'"), (1.5, "must be in [0, 1], got 1.5")])
def test_coverage_refuses_a_beta_that_is_no_measure(value, expected):
    with pytest.raises(DataFormatError, match=r"soc_scores, row 2, column 'beta': " + expected.replace("[", r"\[")
                       .replace("]", r"\]").replace(".", r"\.")):
        coverage(SOC.assign(beta=pd.Series([0.4, value], dtype=object)))


def test_coverage_refuses_an_occupation_beta_that_is_no_measure():
    occ = pd.DataFrame({"onetsoc_code": ["11-1011.00", "13-1021.00"], "beta": [0.2, "x"]})
    with pytest.raises(DataFormatError, match=r"occupation_scores, row 2, column 'beta': not a number: 'x'"):
        coverage(SOC, occ)


# 5. two-level column names ------------------------------------------------------------------

def test_two_level_columns_are_refused():
    occ = _occ(["11-1011.00"])
    occ.columns = pd.MultiIndex.from_tuples([(c, "") for c in occ.columns])
    with pytest.raises(DataFormatError, match="occupation_scores has 2-level column names"):
        to_soc(occ, XW, EMP)


# 6. booleans are no ratings -----------------------------------------------------------------

def _im(values):
    return pd.DataFrame({"onetsoc_code": "11-1011.00", "task_id": [1, 2], "scale_id": "IM",
                         "data_value": pd.Series(values, dtype=object)})


def test_boolean_importance_is_refused():
    with pytest.raises(DataFormatError, match=r"task_ratings, row 2, column 'data_value': IM ratings must be "
                                              r"numbers, got True"):
        task_weights(_tasks(), "importance", task_ratings=_im([4.0, True]))


def test_boolean_ft_percentage_and_category_are_refused(tmp_path):
    ft = _ft_file(tmp_path, {1: FULL, 2: FULL})
    bad = ft.assign(data_value=ft["data_value"].astype(object))
    bad.loc[9, "data_value"] = True
    with pytest.raises(DataFormatError, match=r"row 10, column 'data_value': .*must be numbers, got True"):
        task_weights(_tasks(), "frequency", task_ratings=bad)
    bad = ft.assign(category=True)
    with pytest.raises(DataFormatError, match=r"row 1, column 'category': .*FT categories must be 1-7, got True"):
        task_weights(_tasks(), "frequency", task_ratings=bad)


# 7. task IDs of the ratings and statements ----------------------------------------------------

@pytest.mark.parametrize("value", [1.5, True])
def test_odd_task_id_in_ratings_is_refused(value):
    im = _im([4.0, 3.0])
    im["task_id"] = pd.Series([1, value], dtype=object)
    with pytest.raises(DataFormatError, match=r"task_ratings, row 2, column 'task_id': task ID .* is not an "
                                              "integer"):
        task_weights(_tasks(), "importance", task_ratings=im)


def test_odd_task_id_in_statements_is_refused():
    tasks = _tasks()[["onetsoc_code", "task_id", "task_type"]].astype({"task_id": object})
    tasks.loc[1, "task_id"] = 2.5
    with pytest.raises(DataFormatError, match=r"tasks, row 2, column 'task_id': task ID 2.5 is not an integer"):
        task_weights(_tasks().drop(columns="task_type"), "core", tasks=tasks)
