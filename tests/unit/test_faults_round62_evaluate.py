"""Fault round 62: evaluation and training of the scorers (``exposure evaluate``, ``exposure train``).

1. The metric functions of ``exposure.scoring._evaluate`` other than ``agreement`` paired
   their arguments by position whatever their index: ``expected_calibration_error`` and
   ``brier_score`` given a ``proba`` frame sorted since (``score_tasks`` keeps the frame's
   index) and a ``y`` Series in the first order, ``occupation_means`` such a frame and
   ``codes`` / ``weights`` Series, ``cohen_kappa`` two Series of one index in two orders,
   all returned the figures of other tasks' pairs without a word (a perfect scorer: an
   error of 0.5, a Brier score of 1.0; two identical ratings: a kappa of 0.2). And
   ``agreement`` checked its Series only against a ``proba`` frame: given an array of
   scores, a ``codes`` or ``weights`` Series sorted otherwise than ``y`` was paired with
   other tasks. Refused now, in the words of ``exposure._tables.check_paired``
   (``check_pairs``, which the agreement reports use too); lists and arrays are still
   paired by position.
2. ``modern_report`` (``exposure evaluate --modern m.csv``) named the file and its rows in
   its own warning, but the warnings of its scoring (texts that do not read as work tasks)
   named the frame's rows, one above the file's (``row 2`` for the file's row 3), and no
   file. They name ``m.csv`` and its row now.
3. A modern task or a paraphrase that holds a letter or digit only inside HTML character
   references (``&nbsp;``, an empty cell of a scraped page) passed ``check_modern_tasks``
   and ``check_paraphrase_rows``: the modern task was refused only by ``modern_report``'s
   ``score_tasks``, after the cross-validation of ``exposure evaluate`` (minutes; on a
   mirror without the labels the error was theirs, whatever the file held), the paraphrase
   was scored as a blank text (a definite E0) and counted in the paraphrase kappas, without
   a word. Both are checked by ``score_tasks``' text checks now, before the labels are read.
4. ``exposure train --folds N`` above the occupation groups of the labels was refused only
   after O*NET was loaded (downloaded when not cached; on a mirror holding the labels only
   the error was O*NET's ``not found in mirror``), as ``exposure evaluate`` was before round
   36. Refused once the labels are read, before O*NET, in ``exposure evaluate``'s words.

Small frames and files written by the tests; test 4 reads the real human labels (a mirror
that holds them only).
"""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd
import pytest
from test_faults_cli import cli, one_error_line

from exposure.errors import DataFormatError
from exposure.measures.eloundou import LABELS_NAME
from exposure.reports.agreement import (
    check_modern_tasks,
    check_paraphrase_rows,
    evaluate_free_text,
    modern_report,
)
from exposure.scoring._evaluate import (
    agreement,
    brier_score,
    cohen_kappa,
    expected_calibration_error,
    occupation_means,
)

PAIRED = r"^{0} has the index labels of {1} in another order: the rows are paired by position, not by label; " \
         r"pass {0}.reindex\({1}.index\)$"


def _scores():
    """A perfect scorer's probabilities (a frame indexed 10..15), its classes, codes and weights."""
    y = pd.Series([0, 1, 2, 0, 1, 2], index=range(10, 16))
    proba = pd.DataFrame(np.eye(3)[y], columns=["p_e0", "p_e1", "p_e2"], index=y.index)
    codes = pd.Series(["11-1011.00", "11-1011.00", "43-4051.00", "43-4051.00", "47-2031.00", "47-2031.00"],
                      index=y.index)
    weights = pd.Series([2.0, 1.0, 2.0, 2.0, 1.0, 2.0], index=y.index)
    return proba, y, codes, weights


# 1. the metric functions pair their arguments by position ------------------------------

@pytest.mark.parametrize("metric", [expected_calibration_error, brier_score])
def test_calibration_figures_refuse_a_sorted_proba_frame(metric):
    proba, y, _, _ = _scores()
    ranked = proba.sort_values("p_e1")
    with pytest.raises(DataFormatError, match=PAIRED.format("y", "proba")):
        metric(ranked, y)  # 0.5 (calibration error) and 1.0 (Brier) before, for a perfect scorer
    assert metric(ranked, y.reindex(ranked.index)) == 0.0  # paired as told
    assert metric(ranked.to_numpy(), y.reindex(ranked.index).to_numpy()) == 0.0  # arrays: by position


def test_kappa_refuses_two_series_in_two_orders():
    a = pd.Series([0, 1, 2, 0, 1], index=list("abcde"))
    b = a.iloc[[0, 2, 1, 3, 4]]
    with pytest.raises(DataFormatError, match=PAIRED.format("b", "a")):
        cohen_kappa(a, b)  # 0.2 before, for two identical ratings
    assert cohen_kappa(a, b.reindex(a.index)) == 1.0
    assert cohen_kappa(a.tolist(), b.tolist()) < 1.0  # lists: by position, as documented


def test_occupation_means_refuse_codes_of_another_order():
    proba, _, codes, weights = _scores()
    ranked = proba.sort_values("p_e1")
    with pytest.raises(DataFormatError, match=PAIRED.format("codes", "proba")):
        occupation_means(ranked, codes, weights)
    with pytest.raises(DataFormatError, match=PAIRED.format("weights", "proba")):
        occupation_means(ranked, codes.reindex(ranked.index), weights)
    expected = occupation_means(proba, codes, weights)
    pd.testing.assert_frame_equal(occupation_means(ranked, codes.reindex(ranked.index),
                                                   weights.reindex(ranked.index)), expected)


def test_agreement_refuses_series_of_two_orders_beside_an_array_of_scores():
    proba, y, codes, weights = _scores()
    wrong = np.eye(3)[[0, 1, 2, 0, 0, 2]]  # one miss: the occupation means differ
    ranked = codes.sort_values(ascending=False)
    with pytest.raises(DataFormatError, match=PAIRED.format("codes", "y")):
        agreement(wrong, y, ranked, weights)  # the tasks of other occupations before, without a word
    with pytest.raises(DataFormatError, match=PAIRED.format("weights", "y")):
        agreement(wrong, y, codes, weights.iloc[::-1])
    figures = agreement(wrong, y, codes, weights)
    assert figures == agreement(wrong, y.to_numpy(), codes.to_numpy(), weights.to_numpy())
    assert figures["accuracy"] == 5 / 6


# 2. modern_report's scoring warnings name the file and its rows ------------------------

def test_modern_report_scoring_warning_names_the_file_row(caplog):
    raw = pd.DataFrame({"task": ["Draft replies to support tickets in Zendesk.", "x",
                                 "Frame walls with lumber and nails."],
                        "label": ["E1", "E0", "E0"], "exposed": [True, False, False]})
    checked = check_modern_tasks(raw, path="m.csv", row_offset=2)
    with caplog.at_level(logging.WARNING):
        table = modern_report(checked)
    said = [r.getMessage() for r in caplog.records if "do not read as work tasks" in r.getMessage()]
    # before: "1 of 3 texts do not read as work tasks (... e.g. row 2, 'x')", the frame's row, no file
    assert len(said) == 1 and said[0].startswith("m.csv: 1 of 3 texts do not read as work tasks"), said
    assert "e.g. row 3, 'x'" in said[0]
    pd.testing.assert_frame_equal(table, modern_report(raw))  # the same figures


# 3. '&nbsp;' tasks and paraphrases ------------------------------------------------------

NBSP = "holds no letter or digit once its HTML character references are read, got '&nbsp;'"


def test_modern_task_of_html_references_is_refused_by_the_check():
    bad = pd.DataFrame({"task": ["Draft replies to support tickets.", "&nbsp;"], "label": ["E1", "E0"],
                        "exposed": [True, False]})
    with pytest.raises(DataFormatError, match=r"^m.csv, row 3, column 'task': task text " + NBSP):
        check_modern_tasks(bad, path="m.csv", row_offset=2)  # passed: refused by modern_report after the CV
    # evaluate_free_text checks it first ("needs onet" before, the task refused after the CV)
    labels = pd.DataFrame({"onetsoc_code": ["11-1011.00"], "task_id": [1], "task_type": ["Core"],
                           "task": ["Direct budgets."], "title": ["Chief Executives"],
                           "human_exposure_agg": ["E1"], "gpt4_exposure": ["E1"]})
    with pytest.raises(DataFormatError, match=r"^row 2, column 'task': task text " + NBSP):
        evaluate_free_text(labels, None, modern=bad)


def test_paraphrase_of_html_references_is_refused():
    bad = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.00"], "task_id": [8823, 8824],
                        "paraphrase": ["You will run the budget.", "&nbsp;"]})
    # before: accepted, and scored as a blank text (a definite E0) in the paraphrase kappas
    with pytest.raises(DataFormatError, match=r"^p.csv, row 3, column 'paraphrase': task text " + NBSP):
        check_paraphrase_rows(bad, path="p.csv", row_offset=2)
    ok = bad.assign(paraphrase=["You will run the budget.", "You&nbsp;will meet the board."])
    assert check_paraphrase_rows(ok)["task_id"].tolist() == [8823, 8824]


@pytest.mark.parametrize("option, text", [
    ("--modern", "task,label,exposed\nDraft replies to support tickets.,E1,true\n&nbsp;,E0,false\n"),
    ("--paraphrases", "onetsoc_code,task_id,paraphrase\n11-1011.00,8823,You will run the budget.\n"
                      "11-1011.00,8824,&nbsp;\n"),
])
def test_evaluate_refuses_html_reference_texts_before_the_labels(tmp_path, capsys, option, text):
    src = tmp_path / "f.csv"
    src.write_text(text)
    empty = tmp_path / "mirror"
    empty.mkdir()
    code, _, err = cli(capsys, "evaluate", option, src, "--mirror", empty, "--data-dir", tmp_path / "cache",
                       "--out", tmp_path / "r" / "e.csv")
    line = one_error_line(err, command="evaluate")
    # before: the labels' "not found in mirror" (elsewhere: the modern task refused after the CV)
    assert code == 2 and line.startswith(f"exposure evaluate: error: {src}, row 3, column "), line
    assert NBSP in line
    assert not (tmp_path / "r").exists()


# 4. exposure train --folds above the labels' occupation groups -------------------------

def test_train_folds_above_the_groups_is_refused_before_onet(tmp_path, capsys, shared_data):
    mirror = tmp_path / "mirror"
    (mirror / LABELS_NAME).parent.mkdir(parents=True)
    (mirror / LABELS_NAME).symlink_to((shared_data / LABELS_NAME).resolve())  # the labels, no O*NET
    code, _, err = cli(capsys, "train", "--mirror", mirror, "--data-dir", tmp_path / "cache", "--folds", "599",
                       "--out", tmp_path / "m" / "m.npz")
    # before: "onet/29.1/Occupation Data.txt: not found in mirror ..." (O*NET downloaded elsewhere first)
    assert one_error_line(err, command="train") == (
        f"exposure train: error: {tmp_path / 'cache' / LABELS_NAME}, column 'O*NET-SOC Code': --folds 599 is more "
        "than the 598 occupation groups (SOC 6-digit codes) of the labels: the cross-validation holds out whole "
        "groups, one fold at least each; give --folds from 2 to 598")
    assert code == 2
    assert not (tmp_path / "m" / "m.npz").exists()
