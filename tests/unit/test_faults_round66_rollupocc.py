"""Round 66: labels and task IDs of the task scores in the occupation roll-up.

Found in this round (each test fails on the code before the fix):

1. A blank ``label`` (``""``, or spaces: the empty cell of a Stata file read by
   ``pd.read_stata``, which has no missing string, of a CSV read with
   ``keep_default_na=False``, or a spreadsheet cell holding a space) was refused as
   ``unknown exposure label ''`` by ``to_occupations``, ``bootstrap_occupations``,
   ``rollup``, ``label_scores`` and ``scores_from_labels``, and ``exposure rollup`` refused
   a CSV cell of spaces (``s.csv, row 3, column 'label': unknown exposure label '  '``),
   though a blank measure, task type or category flag of the same row is read as missing.
   A blank label is now missing too (an unscored task), and a label column blank on every
   row is no label column (round 61), so the shares come from the probabilities;
   ``scores_from_labels`` gives missing probabilities for it (not 0, 0, 0).
2. A row without a task ID (a task of your own) matched a row without one in
   ``task_ratings`` or ``tasks`` under its code (both read as the text ``'nan'``): with
   ``weights="importance"`` or ``"frequency"`` the task of your own was weighed by that
   orphan rating (5.0, or an FT weight of 2000), where it is refused as a task O*NET does
   not rate; with ``weights="core"`` it took that row's type (Core, weight 2) where a
   task of your own weighs 1; whether it matched depended on the dtypes (a float ``NaN``
   matched, an ``Int64`` ``<NA>`` did not). With ``task`` texts it was also taken for a
   row under another task's key (a warning ``task ID nan under '11-1011.00' ...``, and
   with importance weights a refusal saying so). A row without a task ID is now no key in
   every look-up.

Tiny made-up frames and files, written here; the crosswalk and OEWS files of the command
test are the tiny fixtures of ``tests/data/rollup``.
"""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd
import pytest
from _cli import _no_env, rollup_args  # noqa: F401 (_no_env: autouse fixture)
from _frames import write_csv
from test_faults_cli import cli

from exposure.errors import DataFormatError
from exposure.rollup import bootstrap_occupations, label_scores, scores_from_labels, to_occupations
from exposure.rollup._occupations import check_task_scores, task_weights

CEO, BUYER = "11-1011.00", "13-1021.00"


def _scores(labels=("E1", "E0", "E2", "E1", "E0")) -> pd.DataFrame:
    """Five O*NET-numbered tasks of two occupations, measures from their labels."""
    ts = pd.DataFrame({"onetsoc_code": [CEO, CEO, CEO, BUYER, BUYER], "task_id": [1, 2, 3, 4, 5],
                       "label": list(labels)})
    return pd.concat([ts, label_scores(ts["label"].where(ts["label"].isin(["E0", "E1", "E2"])))], axis=1)


# ------------------------------------------------------------------ 1. blank labels
def test_blank_label_of_a_stata_file_is_missing(tmp_path):
    """pd.read_stata gives "" for an empty string cell: it was 'unknown exposure label'."""
    scores = _scores().assign(task_type=["Core", "Core", "Supplemental", "Core", "Core"])
    scores.loc[4, ["label", "alpha", "beta", "gamma"]] = [None, np.nan, np.nan, np.nan]
    path = tmp_path / "scores.dta"
    scores.to_stata(path, write_index=False)
    read = pd.read_stata(path)
    assert read["label"].iloc[4] == ""
    got = to_occupations(read, "core")
    pd.testing.assert_frame_equal(got, to_occupations(scores, "core"))
    assert got["n_scored"].tolist() == [3, 1]
    assert bootstrap_occupations(read, "core", n_draws=4).draws["beta"].shape == (4, 2)


@pytest.mark.parametrize("blank", ["", "   ", "\t"])
def test_blank_label_is_missing_like_a_blank_measure(blank):
    scores = _scores().astype({"alpha": object, "beta": object, "gamma": object})  # text cells
    scores.loc[1, ["label", "alpha", "beta", "gamma"]] = [blank, "", " ", ""]
    missing = _scores()
    missing.loc[1, ["label", "alpha", "beta", "gamma"]] = [None, np.nan, np.nan, np.nan]
    pd.testing.assert_frame_equal(to_occupations(scores, "equal"), to_occupations(missing, "equal"))
    assert label_scores(pd.Series(["E2", blank, None])).iloc[1:].isna().all(axis=None)
    # a label that is no label is still refused, naming its row and column
    with pytest.raises(DataFormatError, match=r"row 2, column 'label': unknown exposure label 'E4'"):
        to_occupations(scores.assign(label=["E1", "E4", "E2", "E1", "E0"]), "equal")


def test_label_column_blank_on_every_row_is_no_label_column():
    """As a column missing on every row (round 61): the probabilities give the shares."""
    p = pd.DataFrame({"p_e0": [0.1, 0.8, 0.1, 0.6, 0.2], "p_e1": [0.8, 0.1, 0.1, 0.3, 0.2],
                      "p_e2": [0.1, 0.1, 0.8, 0.1, 0.6]})
    scores = _scores().drop(columns="label").assign(**p, alpha=p["p_e1"], beta=p["p_e1"] + p["p_e2"] / 2,
                                                     gamma=p["p_e1"] + p["p_e2"])
    blank = scores.assign(label="")
    assert "label" not in check_task_scores(blank).columns
    got = to_occupations(blank, "equal")
    pd.testing.assert_frame_equal(got, to_occupations(scores, "equal"))
    assert got["share_e1"].notna().all()


def test_scores_from_labels_blank_label_gives_missing_probabilities():
    frame = pd.DataFrame({"onetsoc_code": [CEO] * 3, "task_id": [1, 2, 3], "gpt4": ["E2", "", " "]})
    out = scores_from_labels(frame, "gpt4")
    assert out[["p_e0", "p_e1", "p_e2", "alpha", "beta", "gamma"]].iloc[1:].isna().all(axis=None)
    assert out["label"].iloc[1:].isna().all()
    assert out["beta"].iloc[0] == 0.5


def test_rollup_command_reads_a_label_cell_of_spaces_as_missing(fixtures, tmp_path, capsys):
    text = ("onetsoc_code,task_id,label,alpha,beta,gamma\n"
            "11-1011.00,1,E1,1,1,1\n11-1011.00,2,  ,,,\n13-1021.00,3,E2,0,0.5,1\n")
    scores = write_csv(tmp_path, text, "s.csv")
    code, _, err = cli(capsys, *rollup_args(fixtures, scores, tmp_path / "o", "--weights", "equal"))
    assert code == 0, err
    occ = pd.read_parquet(tmp_path / "o" / "occupation_scores.parquet").set_index("onetsoc_code")
    assert occ.loc[CEO, "n_scored"] == 1 and occ.loc[CEO, "share_e1"] == 1.0


# ------------------------------------------------------------------ 2. rows without a task ID
def _with_own_task(dtype=None) -> pd.DataFrame:
    """:func:`_scores` and a task of your own (no task ID, NaN as ``pd.read_csv`` reads it) of the CEOs."""
    own = pd.DataFrame({"onetsoc_code": [CEO], "task_id": [np.nan], "label": ["E1"]})
    own = pd.concat([own, label_scores(own["label"])], axis=1)
    scores = pd.concat([_scores(), own], ignore_index=True)
    assert scores["task_id"].dtype == float
    return scores if dtype is None else scores.astype({"task_id": dtype})


#: The dtypes of the task IDs of the scores: float (pd.read_csv), nullable, Python objects.
DTYPES = (None, "Float64", "Int64", "object")


def _orphan_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` (a table of O*NET tasks) with a row of the CEOs without a task ID added last."""
    extra = frame[frame["onetsoc_code"] == CEO].iloc[[-1]].assign(task_id=np.nan)
    return pd.concat([frame, extra], ignore_index=True)


def test_own_task_is_not_rated_by_a_rating_without_task_id():
    """It was weighed by the orphan rating (5.0) when both IDs were float NaN, refused with Int64 IDs."""
    im = pd.DataFrame({"onetsoc_code": [CEO, CEO, CEO, BUYER, BUYER], "task_id": [1, 2, 3, 4, 5],
                       "scale_id": "IM", "data_value": [4.5, 3.2, 2.0, 4.0, 3.0]})
    ratings = _orphan_rows(im)
    ratings.loc[len(ratings) - 1, "data_value"] = 5.0
    for dtype in DTYPES:
        with pytest.raises(DataFormatError, match=r"row 6: weights='importance': 1 of 6 tasks have no IM "
                                                  r"rating, first a task of 11-1011.00 without a task_id"):
            task_weights(_with_own_task(dtype), "importance", task_ratings=ratings)
    # the O*NET tasks are weighed as before
    assert task_weights(_scores(), "importance", task_ratings=ratings).tolist() == [4.5, 3.2, 2.0, 4.0, 3.0]


def test_own_task_is_not_rated_by_ft_rows_without_task_id():
    ft = pd.DataFrame({"onetsoc_code": [CEO, CEO, CEO, BUYER, BUYER], "task_id": [1, 2, 3, 4, 5],
                       "scale_id": "FT", "category": 5, "data_value": 100.0})
    ratings = _orphan_rows(ft).assign(category=[5, 5, 5, 5, 5, 7])
    with pytest.raises(DataFormatError, match=r"row 6: weights='frequency': 1 of 6 tasks have no FT rating, "
                                              r"first a task of 11-1011.00 without a task_id"):
        to_occupations(_with_own_task(), "frequency", task_ratings=ratings)
    assert task_weights(_scores(), "frequency", task_ratings=ratings).tolist() == [250.0] * 5


def test_own_task_does_not_take_the_type_of_a_statement_without_task_id():
    """It weighed 2 (Core, from the orphan row) with float IDs, 1 with Int64 ones."""
    tasks = _orphan_rows(pd.DataFrame({"onetsoc_code": [CEO, CEO, CEO, BUYER, BUYER], "task_id": [1, 2, 3, 4, 5],
                                       "task_type": ["Core", "Supplemental", "Core", "Core", "Core"]}))
    assert tasks["task_type"].iloc[-1] == "Core"
    for dtype in DTYPES:
        weights = task_weights(_with_own_task(dtype), "core", tasks=tasks)
        assert weights.tolist() == [2.0, 1.0, 2.0, 2.0, 2.0, 1.0], dtype
        # E1 own task of weight 1 beside E1 (2), E0 (1), E2 (2): alpha (2 + 1) / 6
        occ = to_occupations(_with_own_task(dtype), "core", tasks=tasks)
        assert occ["alpha"].iloc[0] == pytest.approx(0.5), dtype


def test_own_task_is_not_compared_with_a_statement_without_task_id(caplog):
    """It was said to be under another task's key ('task ID nan ... listed as ...')."""
    tasks = pd.DataFrame({"onetsoc_code": [CEO, CEO, CEO, BUYER, BUYER], "task_id": [1, 2, 3, 4, 5],
                          "task_type": "Core", "task": ["Direct staff.", "Plan budgets.", "Sign contracts.",
                                                       "Buy goods.", "Negotiate prices."]})
    tasks = _orphan_rows(tasks).assign(task=lambda t: t["task"].where(t["task_id"].notna(), "Review audits."))
    scores = _with_own_task().assign(task=["Direct staff.", "Plan budgets.", "Sign contracts.", "Buy goods.",
                                           "Negotiate prices.", "Triage support tickets."])
    with caplog.at_level(logging.WARNING, logger="exposure"):
        weights = task_weights(scores, "core", tasks=tasks)
    assert weights.tolist() == [2.0] * 5 + [1.0]
    assert "another task" not in caplog.text
    ratings = tasks.assign(scale_id="IM", data_value=3.0)
    with pytest.raises(DataFormatError, match="without a task_id"):  # not 'listed for another task'
        task_weights(scores, "importance", task_ratings=ratings, tasks=tasks)
