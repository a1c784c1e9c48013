"""Round 29: the roll-ups (bootstrap, workforce thresholds, task weights) and ``exposure rollup``.

1. ``bootstrap_occupations`` (and ``rollup(n_draws=...)``) of task scores with a measure
   missing on every row (an empty ``alpha`` column, which the roll-up leaves out) drew
   that measure as 0: ``alpha`` missing, ``alpha_ci_low`` = ``alpha_ci_high`` = 0.0, at
   the occupation and OEWS levels and in the workforce intervals. With ``beta`` missing
   everywhere, alpha and gamma (given) had no draw at all. Each measure is now averaged
   over the rows that give it.
2. ``bootstrap_occupations`` drawing labels (``sample_labels``, the default for
   ``method == "learned"``) left out every row without probabilities, though it has
   alpha, beta and gamma: an occupation of beta 0.93 got the interval [0, 1] from its one
   row with probabilities, and scores whose probability columns are empty got missing
   intervals. Such a row keeps its own measures now.
3. ``workforce_stats`` compared a mean of means with the thresholds exactly: an OEWS code
   whose beta is 0.1 (``0.3 / 3`` = 0.09999999999999999) was left out of ``share_ge_10``,
   one of 0.5 (``(0.4 + 0.8 + 0.3) / 3`` = 0.5000000000000001) counted in
   ``share_gt_50`` ("more than half"). ``working_time`` already allowed 1e-12 of
   rounding; so do the workforce shares now.
4. ``to_sectors`` counted workers of an occupation whose beta is 0.5 up to rounding as
   ``exposed_workers`` (beta above 0.5). The same allowance now.
5. ``OccupationDraws.interval`` of a measure without draws (``share_e1``, a typo) raised
   ``KeyError``. Refused now, naming the measures that have draws.
6. ``task_weights(..., "frequency")`` of a task whose FT rows are all there with
   percentages adding up to 0 said the task has ``no FT rating``. The message now says
   its percentages are all 0 or missing.
7. Importance or frequency weights of a task without a ``task_id`` (a task of the user's
   own, which O*NET does not rate) said ``first 11-1011.00 task nan``. The message now
   says it is a task without a task_id and which weights to use.
8. ``exposure rollup --task-ratings FILE`` without ``--weights importance`` (or
   frequency) was ignored without a word: the tables were weighted by task type (core),
   not by the ratings given. Refused now, before any input is read, exit code 2.
   (``--tasks`` with ``--weights equal`` stays accepted: the core weights' error advises
   adding ``--weights equal``.)
9. ``exposure rollup --gain 1.5`` read every input and rolled them up before refusing
   ``gain`` (not the option ``--gain``). Refused first now, naming the option.

Tiny made-up frames and files (the roll-up's CSV layouts), written by the tests.
"""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd
import pytest
from _frames import write_text

from exposure.cli import main
from exposure.errors import DataFormatError
from exposure.rollup import (
    OccupationDraws,
    bootstrap_occupations,
    rollup,
    task_weights,
    to_occupations,
    to_sectors,
    to_soc,
    workforce_stats,
)


def _scores(**changes) -> pd.DataFrame:
    """Three tasks of two occupations (reference labels as alpha, beta, gamma)."""
    ts = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.00", "13-1021.00"], "task_id": [1, 2, 3],
                       "alpha": [1.0, 0.0, 0.0], "beta": [1.0, 0.0, 0.5], "gamma": [1.0, 0.0, 1.0]})
    return ts.assign(**changes)


_XW = pd.DataFrame({"onetsoc_code": ["11-1011.00", "13-1021.00"], "soc_code": ["11-1011", "13-1021"]})
_EMP = pd.DataFrame({"naics": "000000", "i_group": "cross-industry", "occ_code": ["11-1011", "13-1020"],
                     "o_group": "detailed", "tot_emp": [100.0, 300.0]})


# 1 -------------------------------------------------------------------------------------

def test_fault1_a_measure_missing_on_every_row_has_no_draws():
    draws = bootstrap_occupations(_scores(alpha=np.nan), "equal", n_draws=20, seed=1).draws
    assert np.isnan(draws["alpha"]).all()
    assert not np.isnan(draws["beta"]).any()


def test_fault1_rollup_gives_no_interval_around_a_missing_measure():
    r = rollup(_scores(alpha=np.nan), _XW, _EMP, weights="equal", n_draws=20, seed=1)
    for table in (r.occupations, r.soc):
        assert table["alpha"].isna().all()
        assert table[["alpha_ci_low", "alpha_ci_high"]].isna().all(axis=None), table
        assert table[["beta_ci_low", "beta_ci_high"]].notna().all(axis=None)
    wf = r.workforce[(r.workforce["measure"] == "alpha") & (r.workforce["group_type"] == "all")]
    assert wf[["emp_mean_ci_low", "emp_mean_ci_high"]].isna().all(axis=None), wf


def test_fault1_beta_missing_everywhere_keeps_the_draws_of_alpha_and_gamma():
    ts = _scores(beta=np.nan)
    occ = to_occupations(ts, "equal")
    draws = bootstrap_occupations(ts, "equal", n_draws=50, seed=2).draws
    assert np.isnan(draws["beta"]).all()
    assert not np.isnan(draws["gamma"]).any()
    # one task in 13-1021.00: every draw is its gamma
    assert np.allclose(draws["gamma"][:, 1], occ["gamma"].iloc[1])


# 2 -------------------------------------------------------------------------------------

def _learned() -> pd.DataFrame:
    return pd.DataFrame({"onetsoc_code": ["11-1011.00"] * 3, "task_id": [1, 2, 3],
                         "p_e0": [np.nan, np.nan, 0.2], "p_e1": [np.nan, np.nan, 0.8],
                         "p_e2": [np.nan, np.nan, 0.0], "alpha": [1.0, 1.0, 0.8],
                         "beta": [1.0, 1.0, 0.8], "gamma": [1.0, 1.0, 0.8], "method": "learned"})


def test_fault2_rows_without_probabilities_keep_their_measures_in_the_draws():
    ts = _learned()
    b = bootstrap_occupations(ts, "equal", n_draws=400, seed=0)
    assert b.sample_labels
    low, high = b.interval("beta")
    # draws of three tasks, two of them 1.0: the mean is at least 2/3 (it was [0, 1])
    assert low[0] >= 2 / 3 - 1e-9 and high[0] == 1.0, (low, high)


def test_fault2_scores_with_empty_probability_columns_have_intervals():
    ts = _learned().assign(p_e0=np.nan, p_e1=np.nan, p_e2=np.nan)
    low, high = bootstrap_occupations(ts, "equal", n_draws=100, seed=0).interval("beta")
    assert not np.isnan(low).any() and not np.isnan(high).any()


# 3, 4 ----------------------------------------------------------------------------------

def _three_children(betas) -> pd.DataFrame:
    """O*NET occupation scores of three children of one OEWS code, rolled up to it."""
    occ = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.03", "11-1011.04"], "beta": betas})
    occ["alpha"], occ["gamma"] = occ["beta"], occ["beta"]
    xw = pd.DataFrame({"onetsoc_code": occ["onetsoc_code"], "soc_code": "11-1011"})
    emp = pd.DataFrame({"naics": "000000", "i_group": "cross-industry", "occ_code": ["11-1011"],
                        "o_group": "detailed", "tot_emp": [100.0]})
    return to_soc(occ, xw, emp)


def test_fault3_a_beta_of_one_tenth_counts_in_share_ge_10():
    soc = _three_children([0.3, 0.0, 0.0])  # beta 0.3 / 3 = 0.09999999999999999
    w = workforce_stats(soc, measures=["beta"])
    assert float(w.loc[0, "share_ge_10"]) == 1.0, w


def test_fault3_a_beta_of_one_half_is_not_more_than_half():
    soc = _three_children([0.4, 0.8, 0.3])  # (0.4 + 0.8 + 0.3) / 3 = 0.5000000000000001
    w = workforce_stats(soc, measures=["beta"])
    assert float(w.loc[0, "share_gt_50"]) == 0.0, w


def test_fault3_the_bootstrap_shares_allow_the_same_rounding():
    soc = _three_children([0.3, 0.0, 0.0])
    draws = {"beta": np.full((5, 1), 0.3 / 3)}
    w = workforce_stats(soc, measures=["beta"], draws=draws)
    assert float(w.loc[0, "share_ge_10_ci_low"]) == 1.0, w


def test_fault4_to_sectors_does_not_count_a_beta_of_one_half_as_exposed():
    soc = pd.DataFrame({"soc_code": ["11-1011"], "alpha": [0.5], "beta": [(0.4 + 0.8 + 0.3) / 3],
                        "gamma": [0.5]})
    emp = pd.DataFrame({"naics": "11", "naics_title": "Agriculture", "i_group": "sector",
                        "occ_code": ["00-0000", "11-1011"], "o_group": ["total", "detailed"],
                        "tot_emp": [60.0, 60.0]})
    out = to_sectors(soc, emp)
    assert float(out["exposed_workers"].iloc[0]) == 0.0, out


# 5 -------------------------------------------------------------------------------------

def test_fault5_interval_of_a_measure_without_draws():
    d = OccupationDraws(np.array(["11-1011.00"]), {"beta": np.array([[0.0], [1.0]])}, 0, False)
    with pytest.raises(DataFormatError, match="no draws of measure 'share_e1'; the draws are of beta"):
        d.interval("share_e1")


# 6, 7 ----------------------------------------------------------------------------------

def test_fault6_frequency_percentages_all_zero_are_named_as_such():
    ts = _scores().iloc[:2]
    ft = pd.DataFrame({"onetsoc_code": "11-1011.00", "task_id": [1] * 7 + [2] * 7, "scale_id": "FT",
                       "category": list(range(1, 8)) * 2, "data_value": [0.0] * 7 + [10.0] * 6 + [40.0]})
    with pytest.raises(DataFormatError) as err:
        task_weights(ts, "frequency", task_ratings=ft)
    assert err.value.row == 1
    assert "11-1011.00 task 1, whose FT percentages (data_value of categories 1-7) are all 0" in str(err.value)


def test_fault7_importance_of_a_task_without_id_says_so():
    ts = _scores().iloc[:2].assign(task_id=[1, None])
    im = pd.DataFrame({"onetsoc_code": "11-1011.00", "task_id": [1, 2], "scale_id": "IM", "data_value": [2.0, 3.0]})
    with pytest.raises(DataFormatError) as err:
        task_weights(ts, "importance", task_ratings=im)
    assert err.value.row == 2
    assert "task nan" not in str(err.value)
    assert "first a task of 11-1011.00 without a task_id (a task of your own" in str(err.value)


# 8, 9 ----------------------------------------------------------------------------------

def _cli(fixtures, out, *extra):
    d = fixtures / "rollup"
    return ["rollup", str(d / "task_scores_tiny.csv"), "-o", str(out), "--crosswalk",
            str(d / "onet_to_soc_tiny.csv"), "--employment", str(d / "oews_tiny.csv"), *extra]


def test_fault8_task_ratings_without_rating_weights_are_refused(fixtures, tmp_path, capsys):
    out = tmp_path / "out"
    ratings = fixtures / "rollup" / "task_ratings_tiny.txt"
    assert main(_cli(fixtures, out, "--task-ratings", str(ratings))) == 2
    err = capsys.readouterr().err.strip()
    assert err.endswith("--task-ratings is read by --weights importance or frequency only, and the weights "
                        "are core: add --weights importance (or frequency), or drop --task-ratings"), err
    assert len(err.splitlines()) == 1 and not out.exists()


def test_fault8_tasks_with_equal_weights_stay_accepted(fixtures, tmp_path):
    """The core weights' error advises --weights equal: adding it to a command with --tasks works."""
    tasks = fixtures / "rollup" / "task_statements_tiny.txt"
    assert main(_cli(fixtures, tmp_path / "out", "--weights", "equal", "--tasks", str(tasks))) == 0


@pytest.mark.parametrize("gain", ["1.5", "nan", "-0.1"])
def test_fault9_gain_is_refused_before_any_input_is_read(tmp_path, capsys, gain):
    out = tmp_path / "out"
    scores = write_text(tmp_path, "scores.csv", "not read\n")
    assert main(["rollup", str(scores), "-o", str(out), "--gain", gain]) == 2
    err = capsys.readouterr().err.strip()
    assert err.endswith(f"--gain must be a number in [0, 1], got {float(gain)}"), err
    assert not out.exists()


def test_fault9_a_good_gain_still_rolls_up(fixtures, tmp_path, caplog):
    with caplog.at_level(logging.WARNING):
        assert main(_cli(fixtures, tmp_path / "out", "--gain", "1")) == 0
    wt = pd.read_parquet(tmp_path / "out" / "working_time.parquet")
    assert (wt["gain"] == 1.0).all()
