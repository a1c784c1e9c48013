"""Round 68: the task weights of the roll-up (warnings, messages, weights given).

Found in this round (each test fails on the code before the fix):

1. ``exposure rollup --weights importance`` (or ``frequency``) logged each warning of the
   task weights twice: ``weights='importance': 1 of 2 tasks are weighed by IM ratings
   that O*NET marks Recommend Suppress = Y (low precision), e.g. 11-1011.03 task 5 (row
   1); they are used as given`` (and ``the FT percentages of 1 of 2 tasks sum to less
   than 100 ...``), once from the command's own check of the weights and again from
   ``rollup``; the row named was the frame's, row 1 of a CSV file being its header. Now
   each is said once, the suppressed rating naming the file and its row
   (``(s.csv, row 2)``); ``task_weights`` takes ``path`` and ``row_offset`` for this,
   and says nothing within ``weight_warnings_said()``. (Round 78: the command's warning
   now starts ``--weights importance:``, the option the user gave.)
2. The errors and warnings of ``task_weights`` showed a task ID read as a float (a CSV
   column of task IDs with an empty cell, read by ``pd.read_csv``) as the float:
   ``weights='core': 1 of 2 tasks are not in the O*NET task statements, first
   11-1011.03 task 99.0``; ``... have no IM rating, first 11-1011.03 task 99.0``. O*NET's
   task IDs are whole numbers: now ``task 99``, as the other messages of the roll-up
   write them.
3. ``bootstrap_occupations(..., w=...)`` with weights that are not a numpy array of one
   weight per row: a list raised ``TypeError: only integer scalar arrays can be converted
   to a scalar index``, a pandas Series was indexed by its labels (``KeyError: '[0] not
   in index'``, or the weights of other rows), a number ``TypeError: object of type
   'int' has no len()``, a 2-D array or text numpy's ``ValueError``; a missing or
   negative weight gave missing draws for its occupation without a word. Now a list or
   Series is read by position, and the others are refused with ``DataFormatError``
   (``w[1] (task row 2) is nan: task weights must be finite numbers of 0 or more``).

4. ``bootstrap_occupations`` (so ``rollup(..., n_draws=...)`` and ``exposure rollup
   --bootstrap N``) of scores of method ``learned`` without the probability columns
   (dropped, or a tool's output) refused them: ``sample_labels=True draws each task's
   label from its probabilities p_e0, p_e1, p_e2, which the task scores lack``, naming
   an argument that was not given (the default, None, had been read as True), and which
   ``exposure rollup`` has no option for. They are now resampled as rows without
   probabilities are (each task keeps its alpha, beta and gamma), with one warning that
   the intervals leave out the scorer's uncertainty; ``sample_labels=True`` given is
   still refused.

Tiny made-up frames and files, written here; the crosswalk and OEWS files of the command
tests are the tiny fixtures of ``tests/data/rollup``.
"""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd
import pytest
from _cli import _no_env, rollup_args  # noqa: F401 (_no_env: autouse fixture)
from test_faults_cli import cli

from exposure.errors import DataFormatError
from exposure.onet import read_task_ratings
from exposure.rollup import _occupations, bootstrap_occupations, task_weights

CODE = "11-1011.03"
RATINGS_HEAD = ("O*NET-SOC Code\tTask ID\tScale ID\tCategory\tData Value\tN\tStandard Error\t"
                "Lower CI Bound\tUpper CI Bound\tRecommend Suppress\tDate\tDomain Source\n")


def _rating(task: int, scale: str, category: str, value: float, suppress: str = "N") -> str:
    return f"{CODE}\t{task}\t{scale}\t{category}\t{value:.2f}\t20\t0.10\tn/a\tn/a\t{suppress}\t08/2023\tIncumbent\n"


def _ratings_file(tmp_path, *, suppress_5: str = "N", ft_6=(50.0, 50.0)):
    """Task Ratings of tasks 5 and 6: IM 4 and 2, task 5 daily, task 6 ``ft_6`` in categories 1, 2."""
    lines = [_rating(5, "IM", "n/a", 4.0, suppress_5), _rating(6, "IM", "n/a", 2.0)]
    lines += [_rating(5, "FT", str(c), 100.0 if c == 5 else 0.0) for c in range(1, 8)]
    lines += [_rating(6, "FT", str(c), ft_6[c - 1] if c <= 2 else 0.0) for c in range(1, 8)]
    path = tmp_path / "Task Ratings.txt"
    path.write_text(RATINGS_HEAD + "".join(lines))
    return path


def _scores_file(tmp_path):
    path = tmp_path / "s.csv"
    path.write_text("onetsoc_code,task_id,label,alpha,beta,gamma\n"
                    f"{CODE},5,E2,0,0.5,1\n{CODE},6,E0,0,0,0\n")
    return path


def _scores() -> pd.DataFrame:
    return pd.DataFrame({"onetsoc_code": [CODE] * 2, "task_id": [5, 6], "label": ["E2", "E0"],
                         "alpha": [0.0, 0.0], "beta": [0.5, 0.0], "gamma": [1.0, 0.0]})


# ------------------------------------------------------------------ 1. weight warnings once
@pytest.mark.parametrize(("weights", "ratings", "said"), [
    ("importance", {"suppress_5": "Y"}, "s.csv, row 2); they are used as given"),
    ("frequency", {"ft_6": (50.0, 30.0)}, "sum to less than 100"),
])
def test_rollup_command_says_a_weight_warning_once(fixtures, tmp_path, capsys, caplog, weights, ratings, said):
    scores = _scores_file(tmp_path)
    path = _ratings_file(tmp_path, **ratings)
    with caplog.at_level(logging.WARNING, logger="exposure"):
        code, _, err = cli(capsys, *rollup_args(fixtures, scores, tmp_path / "o", "--weights", weights,
                                                "--task-ratings", path, "--bootstrap", "3"))
    assert code == 0, err
    warned = [r.getMessage() for r in caplog.records if f"--weights {weights}" in r.getMessage()]
    assert len(warned) == 1, warned
    assert said in warned[0]


def test_task_weights_names_the_file_row_and_is_quiet_when_said(tmp_path, caplog):
    ratings = read_task_ratings(_ratings_file(tmp_path, suppress_5="Y"))
    with caplog.at_level(logging.WARNING, logger="exposure"):
        task_weights(_scores(), "importance", task_ratings=ratings)
    assert "e.g. 11-1011.03 task 5 (row 1)" in caplog.text  # the frame's rows, without a file
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="exposure"):
        task_weights(_scores(), "importance", task_ratings=ratings, path="s.csv", row_offset=2)
    assert "e.g. 11-1011.03 task 5 (s.csv, row 2)" in caplog.text
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="exposure"), _occupations.weight_warnings_said():
        got = task_weights(_scores(), "importance", task_ratings=ratings)
    assert caplog.text == ""
    assert got.tolist() == [4.0, 2.0]  # the weights are the same


# ------------------------------------------------------------------ 2. task IDs as integers
def test_task_ids_read_as_floats_are_named_as_integers(tmp_path):
    scores = _scores().astype({"task_id": float})
    scores.loc[1, "task_id"] = 99.0
    statements = pd.DataFrame({"onetsoc_code": [CODE], "task_id": [5], "task_type": ["Core"]})
    with pytest.raises(DataFormatError, match=r"first 11-1011\.03 task 99, so their task type") as err:
        task_weights(scores, "core", tasks=statements)
    assert "99.0" not in str(err.value)
    ratings = read_task_ratings(_ratings_file(tmp_path))
    with pytest.raises(DataFormatError, match=r"have no IM rating, first 11-1011\.03 task 99$"):
        task_weights(scores, "importance", task_ratings=ratings)


# ------------------------------------------------------------------ 3. weights given to the bootstrap
def test_bootstrap_reads_a_list_or_series_of_weights_by_position():
    scores = _scores()
    w = np.array([2.0, 1.0])
    want = bootstrap_occupations(scores, "equal", n_draws=20, seed=3, w=w).draws["beta"]
    for given in ([2.0, 1.0], pd.Series(w, index=[7, 3])):
        got = bootstrap_occupations(scores, "equal", n_draws=20, seed=3, w=given).draws["beta"]
        np.testing.assert_array_equal(got, want)


@pytest.mark.parametrize(("w", "said"), [
    ([2.0, np.nan], r"w\[1\] \(task row 2\) is nan: task weights must be finite numbers of 0 or more"),
    (np.array([-1.0, 1.0]), r"w\[0\] \(task row 1\) is -1\.0"),
    ([2.0, np.inf], r"w\[1\] \(task row 2\) is inf"),
    (5, r"w must be a 1-D array of numbers, one weight per task row, got int 5"),
    (np.ones((2, 1)), r"w must be a 1-D array of numbers"),
    ("ab", r"w must be a 1-D array of numbers, one weight per task row, got str 'ab'"),
    ([True, False], r"w must be a 1-D array of numbers"),
])
def test_bootstrap_refuses_weights_that_are_not_one_per_row(w, said):
    with pytest.raises(DataFormatError, match=said):
        bootstrap_occupations(_scores(), "equal", n_draws=4, w=w)


# ------------------------------------------------------------------ 4. learned scores without probabilities
def test_bootstrap_of_learned_scores_without_probabilities(caplog):
    scores = _scores().assign(method="learned")
    with caplog.at_level(logging.WARNING, logger="exposure"):
        got = bootstrap_occupations(scores, "equal", n_draws=6, seed=1)
    assert got.sample_labels is False
    assert "method 'learned' but have no probability columns (p_e0, p_e1, p_e2)" in caplog.text
    want = bootstrap_occupations(scores, "equal", n_draws=6, seed=1, sample_labels=False)
    np.testing.assert_array_equal(got.draws["beta"], want.draws["beta"])
    with pytest.raises(DataFormatError, match="sample_labels=True draws each task's label"):
        bootstrap_occupations(scores, "equal", n_draws=6, sample_labels=True)


def test_rollup_command_bootstraps_learned_scores_without_probabilities(fixtures, tmp_path, capsys):
    scores = tmp_path / "s.csv"
    scores.write_text("onetsoc_code,task_id,label,alpha,beta,gamma,method\n"
                      f"{CODE},5,E2,0,0.5,1,learned\n{CODE},6,E0,0,0,0,learned\n")
    code, out, err = cli(capsys, *rollup_args(fixtures, scores, tmp_path / "o", "--weights", "equal",
                                              "--bootstrap", "4"))
    assert code == 0, err
    assert "sample_labels" not in err
    occ = pd.read_parquet(tmp_path / "o" / "occupation_scores.parquet")
    assert occ["beta_ci_low"].notna().all()
