"""Round 40: the agreement metrics on edge inputs, the free-text checks and the report writer.

1. A class -1 (``y``, or either side of ``cohen_kappa``) was read as E2 through numpy's
   negative index: ``brier_score([[0.9, 0.1, 0]], [-1])`` was 1.82, ``cohen_kappa([-1, 0],
   [0, 0])`` 0.0. A class 3 or 1.5, a NaN or another length raised an ``IndexError`` (or
   ``ValueError: cannot convert float NaN to integer`` in ``agreement``). Refused, naming
   the argument and the row (counted from 1).
2. A task weight NaN left the task out of its occupation's mean, a weight 0 made the
   occupation's means NaN, -1 made them -inf; an occupation code None left the task out
   (pandas' groupby drops it). Refused, naming ``weights`` or ``codes`` and the row.
3. Probabilities that are not (a row of percentages, a row summing to 2, a negative value)
   gave an ECE, a Brier score and r without a word. Refused, naming the row: each value in
   [0, 1], each row summing to 1 within 0.001.
4. ``occupation_means`` with a NaN row: the row was left out of the numerator but not the
   weights (``[[nan]*3, [0, 1, 0]]`` in one occupation gave alpha 0.5, not 1.0). Refused;
   ``agreement`` still drops NaN rows (documented).
5. ``expected_calibration_error`` with ``n_bins`` 0, -1 or 2.5 gave a figure; with no rows
   it was 0.0 (``brier_score`` NaN with numpy's warnings); a ``y`` of 3 counted as a miss.
   ``n_bins`` is refused as ``reliability_table`` refuses it; no rows give NaN.
6. ``reliability_table`` with a NaN row (a task not scored): a bin at -9.2e17 of NaN mean
   confidence; with no rows, a frame with no columns. NaN rows are left out (as the ECE of
   ``agreement`` leaves them out); no rows give the columns and no rows.
7. ``exposed_figures`` counted a NaN row (a task with no GPT-4 label, ``onehot``) as "not
   exposed" under both rules, while ``agreement`` leaves it out. Left out now.
8. Undefined figures, documented and tested: kappa NaN when both sides give one class
   throughout (0 when only one side does), r NaN with two occupations (two points always
   correlate at +/-1) and, with no numpy warning now, where one side is constant.
9. ``write_agreement_report`` with ``beside={"./agreement.csv": ...}`` wrote that table over
   the report (one table lost, no error); ``"sub/x.csv"`` raised pathlib's ``ValueError``;
   a table None an ``AttributeError``, ``out=None`` a ``TypeError``, ``beside`` a list an
   ``AttributeError``. Refused before anything is written (a directory or a pipe at
   ``out`` was already refused: kept).
10. ``check_modern_tasks`` with both ``admin`` and ``Admin`` (or ``exposed`` and
    ``Exposed``): the second was not read, whatever it said. Refused.
11. Texts compared without a final full stop only: ``Draft emails!`` was another modern task
    than ``Draft emails.``, and a statement copied with ``!`` or ``?`` in place of its full
    stop passed as a paraphrase. Final ``. ! ? ; : ,`` are dropped in the comparison.

Valid inputs give the same figures, bit for bit, as before (pinned below from the code of
round 39). Tiny made-up inputs; the free-text files in the formats of
``tests/data/scoring/freetext``, written by the tests.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from _frames import write_text

from exposure.errors import DataFormatError, OutputError
from exposure.reports.agreement import (
    check_modern_tasks,
    check_paraphrases,
    exposed_figures,
    reliability_table,
    write_agreement_report,
)
from exposure.scoring._evaluate import (
    agreement,
    brier_score,
    cohen_kappa,
    expected_calibration_error,
    occupation_means,
)
from exposure.scoring._files import read_task_file

P = [[0.3, 0.31, 0.39], [0.011, 0.354, 0.635], [0.679, 0.159, 0.162], [0.894, 0.06, 0.046],
     [0.781, 0.08, 0.139], [0.28, 0.19, 0.53], [0.415, 0.261, 0.324], [0.679, 0.287, 0.034],
     [0.147, 0.232, 0.621], [0.331, 0.107, 0.562], [0.606, 0.119, 0.275], [0.378, 0.23, 0.392]]
Y = [1, 0, 1, 2, 0, 0, 2, 1, 1, 1, 2, 0]
W = [1.0, 1.0, 1.0, 1.0, 2.0, 1.0, 2.0, 1.0, 1.0, 2.0, 2.0, 2.0]
C = [f"1{i % 4}-0000.00" for i in range(12)]
E = np.eye(3)


def test_valid_inputs_give_the_figures_of_round_39_bit_for_bit():
    assert agreement(P, Y, C, W) == {
        "n_tasks": 12, "n_occupations": 4, "accuracy": 0.08333333333333333, "kappa": -0.2941176470588236,
        "r_alpha": -0.44891039914061903, "r_beta": 0.10597207136916663, "r_gamma": -0.33148328068481414,
        "ece": 0.5518333333333333, "brier": 0.952479}
    assert cohen_kappa(Y, np.argmax(P, axis=1)) == -0.2941176470588236
    assert expected_calibration_error(P, Y, n_bins=4) == 0.5153333333333333
    assert brier_score(P, Y) == 0.952479
    assert occupation_means(P, C, W).to_dict("list") == {
        "alpha": [0.1755, 0.1895, 0.18380000000000002, 0.20174999999999998],
        "beta": [0.336625, 0.475625, 0.31980000000000003, 0.30975],
        "gamma": [0.49775, 0.76175, 0.4558, 0.41774999999999995]}
    assert reliability_table(P, Y, n_bins=4).to_dict("list") == {
        "bin_low": [0.25, 0.5, 0.75], "bin_high": [0.5, 0.75, 1.0], "n_tasks": [3, 7, 2],
        "mean_confidence": [0.399, 0.616, 0.8375], "accuracy": [0.0, 0.0, 0.5]}
    # a pandas Series (as training records them) and whole floats are the same figures
    assert agreement(P, pd.Series(Y, dtype=float), pd.Series(C), pd.Series(W)) == agreement(P, Y, C, W)


# 1. classes
@pytest.mark.parametrize("call, match", [
    (lambda: brier_score([[0.9, 0.1, 0.0]], [-1]), r"^y row 1 is -1: a class must be 0, 1 or 2"),
    (lambda: cohen_kappa([-1, 0], [0, 0]), r"^a row 1 is -1: a class must be 0, 1 or 2"),
    (lambda: cohen_kappa([0, 1], [0, 3]), r"^b row 2 is 3: a class must be 0, 1 or 2"),
    (lambda: cohen_kappa([0.5, 1], [0, 1]), r"^a row 1 is 0.5: "),
    (lambda: cohen_kappa([0, 1, 2], [0, 1]), r"^b must be one class \(0, 1 or 2\) per entry of a \(3 rows\)"),
    (lambda: agreement(E[[0, 1, 2]], [0, np.nan, 1], ["a", "b", "c"], [1, 1, 1]), r"^y row 2 is nan: "),
    (lambda: agreement(E[[0, 1, 2]], [0, 1, -1], ["a", "b", "c"], [1, 1, 1]), r"^y row 3 is -1: "),
    (lambda: agreement(E[[0, 1, 2]], [0, 1], ["a", "b", "c"], [1, 1, 1]),
     r"^y must be one class \(0, 1 or 2\) per row of proba \(3 rows\)"),
    (lambda: expected_calibration_error([[0.9, 0.1, 0.0]], [3]), r"^y row 1 is 3: "),
])
def test_a_class_other_than_0_1_2_is_refused_naming_the_row(call, match):
    with pytest.raises(DataFormatError, match=match):
        call()


# 2. weights and codes
@pytest.mark.parametrize("weight", [np.nan, 0.0, -1.0, np.inf])
def test_a_weight_not_above_zero_is_refused(weight):
    with pytest.raises(DataFormatError, match=r"^weights row 2 is .*: a task weight must be a number above 0"):
        occupation_means(E[[1, 2]], ["a", "a"], [1.0, weight])
    with pytest.raises(DataFormatError, match=r"^weights row 2 is "):
        agreement(E[[1, 2, 0]], [1, 2, 0], ["a", "b", "c"], [1.0, weight, 1.0])


@pytest.mark.parametrize("code", [None, np.nan, "  "])
def test_a_missing_occupation_code_is_refused(code):
    with pytest.raises(DataFormatError, match=r"^codes row 2: the occupation code is missing"):
        occupation_means(E[[1, 2]], ["a", code], [1, 1])


def test_codes_or_weights_of_another_length_are_refused():
    with pytest.raises(DataFormatError, match=r"^codes must be one occupation code per row of proba \(2 rows\)"):
        occupation_means(E[[1, 2]], ["a"], [1, 1])
    with pytest.raises(DataFormatError, match=r"^weights must be one number per row of proba \(2 rows\)"):
        occupation_means(E[[1, 2]], ["a", "b"], [1])


# 3. probabilities that are not
@pytest.mark.parametrize("row", [[50.0, 50.0, 0.0], [1.5, 0.5, 0.0], [-0.5, 1.2, 0.3], [0.2, 0.2, 0.2],
                                 [np.inf, 0.0, 0.0]])
def test_rows_that_are_not_probabilities_are_refused(row):
    proba = [[0.2, 0.3, 0.5], row]
    for call in (lambda: brier_score(proba, [0, 1]), lambda: expected_calibration_error(proba, [0, 1]),
                 lambda: agreement(proba, [0, 1], ["a", "b"], [1, 1]),
                 lambda: reliability_table(proba, [0, 1]), lambda: exposed_figures(proba, [0, 1])):
        with pytest.raises(DataFormatError, match=r"^proba row 2 is .*: probabilities of E0, E1, E2 must each "
                                                  r"be in \[0, 1\] and sum to 1 \(within 0.001\)"):
            call()


def test_rows_rounded_to_three_decimals_are_probabilities():
    assert brier_score([[0.333, 0.333, 0.333]], [0]) == pytest.approx(0.667 ** 2 + 2 * 0.333 ** 2)


def test_two_columns_are_refused():
    with pytest.raises(DataFormatError, match=r"^proba must be an array of probabilities with one row per "
                                              r"task and 3 columns"):
        occupation_means(np.ones((2, 2)) / 2, ["a", "b"], [1, 1])


# 4. NaN rows
def test_occupation_means_refuses_a_nan_row():
    with pytest.raises(DataFormatError, match=r"^proba row 1 is \[nan, nan, nan\]: it holds NaN"):
        occupation_means([[np.nan] * 3, [0, 1, 0]], ["a", "a"], [1, 1])
    with pytest.raises(DataFormatError, match=r"^proba row 1 is "):
        brier_score([[np.nan, 0.5, 0.5]], [0])


def test_agreement_still_drops_nan_rows():
    proba = np.vstack([[np.nan] * 3, E[[0, 1, 2]]])
    assert agreement(proba, [2, 0, 1, 2], ["a", "a", "b", "c"], [1, 1, 1, 1])["n_tasks"] == 3


# 5. calibration bins and no rows
@pytest.mark.parametrize("n_bins", [0, -1, 2.5, True])
def test_ece_refuses_a_bad_number_of_bins(n_bins):
    with pytest.raises(DataFormatError, match=r"^n_bins must be a whole number of 1 or more"):
        expected_calibration_error([[0.9, 0.1, 0.0]], [0], n_bins=n_bins)


def test_one_bin_is_the_gap_of_the_means():
    assert expected_calibration_error([[0.9, 0.1, 0.0], [0.5, 0.5, 0.0]], [0, 0], n_bins=1) == pytest.approx(0.3)


def test_no_rows_give_nan_without_warning():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert np.isnan(expected_calibration_error(np.zeros((0, 3)), []))
        assert np.isnan(brier_score(np.zeros((0, 3)), []))
        assert np.isnan(cohen_kappa([], []))


# 6. reliability table
def test_reliability_table_leaves_nan_rows_out():
    table = reliability_table([[np.nan] * 3, [0.9, 0.1, 0.0]], [0, 0], n_bins=2)
    assert table.to_dict("list") == {"bin_low": [0.5], "bin_high": [1.0], "n_tasks": [1],
                                     "mean_confidence": [0.9], "accuracy": [1.0]}


def test_reliability_table_of_no_rows_has_its_columns():
    for proba, y in ((np.zeros((0, 3)), []), ([[np.nan] * 3], [1])):
        table = reliability_table(proba, y)
        assert table.empty and list(table.columns) == ["bin_low", "bin_high", "n_tasks", "mean_confidence",
                                                       "accuracy"]


# 7. exposed figures
def test_exposed_figures_leave_nan_rows_out():
    proba = np.vstack([[np.nan] * 3, E[[1]]])  # a task without a GPT-4 label, then a right one
    assert exposed_figures(proba, [1, 1]) == {"exposed_right_label": 1.0, "exposed_right_gamma": 1.0}
    out = exposed_figures([[np.nan] * 3], [1])
    assert np.isnan(out["exposed_right_label"]) and np.isnan(out["exposed_right_gamma"])


# 8. undefined figures
def test_kappa_of_one_class_throughout_is_nan_and_of_one_constant_side_zero():
    assert np.isnan(cohen_kappa([1, 1, 1], [1, 1, 1]))
    assert cohen_kappa([1, 1, 1], [1, 0, 1]) == 0.0


def test_r_is_nan_with_two_occupations_or_a_constant_side_without_warning():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        two = agreement(E[[0, 1]], [0, 1], ["a", "b"], [1, 1])
        flat = agreement(E[[0, 0, 0]], [0, 1, 2], ["a", "b", "c"], [1, 1, 1])
    assert two["kappa"] == 1.0 and all(np.isnan(two[f"r_{m}"]) for m in ("alpha", "beta", "gamma"))
    assert all(np.isnan(flat[f"r_{m}"]) for m in ("alpha", "beta", "gamma"))


# 9. the report writer
TABLE = pd.DataFrame({"scorer": ["x"], "kappa": [0.5]})


def test_a_beside_name_with_a_directory_is_refused_before_writing(tmp_path):
    out = tmp_path / "agreement.csv"
    for name in ("./agreement.csv", "sub/x.csv", "..", ""):
        with pytest.raises(OutputError, match=r"must be a plain file name \(no directory\)"):
            write_agreement_report(TABLE, TABLE, out, beside={name: TABLE.assign(kappa=0.9)})
    assert sorted(p.name for p in tmp_path.iterdir()) == []


@pytest.mark.parametrize("args, match", [
    ((None, None, "a.csv"), r"^table must be a pandas DataFrame, got None"),
    ((TABLE, [1], "a.csv"), r"^reliability must be a pandas DataFrame, got list"),
    ((TABLE, None, None), r"^out must be"),
])
def test_the_writer_names_an_argument_of_the_wrong_type(tmp_path, monkeypatch, args, match):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(DataFormatError, match=match):
        write_agreement_report(*args)
    with pytest.raises(DataFormatError, match=r"^beside must be a dict of file name to table, got list"):
        write_agreement_report(TABLE, None, "a.csv", beside=[("b.csv", TABLE)])
    with pytest.raises(DataFormatError, match=r"^beside\['b.csv'\] must be a pandas DataFrame, got None"):
        write_agreement_report(TABLE, None, "a.csv", beside={"b.csv": None})
    assert list(tmp_path.iterdir()) == []


def test_a_directory_at_the_calibration_name_is_refused_and_nothing_written(tmp_path):
    (tmp_path / "a_calibration.csv").mkdir()
    with pytest.raises(OutputError, match=r"a_calibration.csv: cannot write: is a directory"):
        write_agreement_report(TABLE, TABLE, tmp_path / "a.csv")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a_calibration.csv"]


# 10. and 11. the free-text files
LABELLED = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.00"], "task_id": [8823, 8824],
                         "task": ["Direct or coordinate the budget.", "Confer with board members?"]})


@pytest.mark.parametrize("head", ["task,label,exposed,admin,Admin", "task,label,exposed,Exposed,admin"])
def test_a_column_beside_its_own_name_in_another_case_is_refused(tmp_path, head):
    path = write_text(tmp_path, "m.csv", head + "\nDraft replies to emails,E1,yes,no,yes\n")
    with pytest.raises(DataFormatError, match=r"m.csv, row 1, column '(Admin|Exposed)': .*there is a column "
                                              r"'(admin|exposed)' too: keep one of them"):
        check_modern_tasks(read_task_file(path), path=path, row_offset=2)


def test_modern_tasks_differing_by_a_final_mark_are_one_task(tmp_path):
    path = write_text(tmp_path, "m.csv", "task,label,exposed\nDraft emails.,E1,yes\nDraft emails!,E0,no\n")
    with pytest.raises(DataFormatError, match=r"m.csv, row 3, column 'task': the task 'Draft emails.' is "
                                              r"listed twice \(rows 2 and 3\)"):
        check_modern_tasks(read_task_file(path), path=path, row_offset=2)


@pytest.mark.parametrize("copy", ["Direct or coordinate the budget!", "Confer with board members."])
def test_a_statement_copied_with_another_final_mark_is_refused(tmp_path, copy):
    task = 8823 if copy.startswith("Direct") else 8824
    path = write_text(tmp_path, "p.csv", f"onetsoc_code,task_id,paraphrase\n11-1011.00,{task},{copy}\n")
    with pytest.raises(DataFormatError, match=r"p.csv, row 2, column 'paraphrase': the paraphrase of task "
                                              r"\(11-1011.00, 88\d\d\) is a copy of its statement"):
        check_paraphrases(read_task_file(path), LABELLED, path=path, row_offset=2)


def test_documented_free_text_results_stay(tmp_path):
    # spaces around a paraphrase: accepted (the scorer reads words); a lower-case label: refused
    path = write_text(tmp_path, "p.csv", "onetsoc_code,task_id,paraphrase\n 11-1011.00 , 8823 ,  Run the plan. \n")
    out = check_paraphrases(read_task_file(path), LABELLED, path=path, row_offset=2)
    assert out[["onetsoc_code", "task_id"]].values.tolist() == [["11-1011.00", 8823]]
    path = write_text(tmp_path, "m.csv", "task,label,exposed\nDraft emails,e1,yes\n")
    with pytest.raises(DataFormatError, match=r"m.csv, row 2, column 'label': label must be E0, E1 or E2, "
                                              r"got 'e1'"):
        check_modern_tasks(read_task_file(path), path=path, row_offset=2)
