"""Fault round 73: evaluation, agreement reports and training (``exposure evaluate``, ``exposure train``).

1. Labels whose tasks of one class are all of one occupation group (every E2 task of one
   SOC 6-digit code) were refused by two twin checks in two ways: ``exposure train`` /
   ``train_and_save`` / ``train_learned`` said ``labels.tsv, column 'human_exposure_agg':
   every E2 task is of one occupation group, 15-1252 (SOC 6-digit): the folds hold out whole
   groups, so the model trained without its fold learns no E2, whatever the folds and
   seed; ...`` (no row), ``evaluate_method`` and ``evaluate_free_text`` ``labels.tsv, row 10,
   column 'human_exposure_agg': ...: method 'learned' holds out whole groups in its
   cross-validation, so the model trained without that group's fold learns no E2, whatever
   n_folds and seed; ...``; ``train_learned`` said it only after the retrieval index was
   built (with ``onet=None``: ``the grounded feature block needs an O*NET release to build
   its index``), naming neither the file nor the row. Now one check
   (``exposure.scoring._train.check_class_groups``) says it in one wording everywhere,
   naming the file, the row of the first such task and the column, before the index.
2. A paraphrase file (``exposure evaluate --paraphrases``, ``check_paraphrase_rows``) whose
   keys keep O*NET's headers (``O*NET-SOC Code``, ``Task ID``) or whose column is
   ``Paraphrase`` was refused as ``paraphrases lack column(s) ['onetsoc_code', 'task_id']
   (columns: [...])``, and a file of modern training tasks (``modern_training_rows``) headed
   ``Task,Label`` as ``missing column(s) ['task', 'label']``, with no word of the columns
   they have under other names (the label frames are told the renaming). Now the message
   says which columns to rename (``.rename(columns=...)`` for a frame); following it reads
   the file.
3. ``write_agreement_report`` wrote ``beside`` tables whose names differ from the report's,
   its calibration's or one another's only in case (``Agreement.csv`` beside
   ``agreement.csv``, ``T.csv`` and ``t.csv``): on a case-insensitive file system (macOS,
   Windows) they are one file, and one table was lost. ``exposure evaluate --modern m.csv
   --out FreeText_Modern.csv`` went on to read the labels (and would have run the whole
   cross-validation before the write). Now both are refused before anything is read or
   written, saying the names differ only in case.
4. ``occupation_means`` (and ``agreement``'s Pearson r) with task weights near 1e308: the
   weighted sums overflowed (numpy's ``overflow encountered in reduceat``), giving NaN or 0
   means and NaN correlations without an error. Now the weights of such an occupation are
   scaled by a power of two (exact): the means are those of the weights' ratios, and the
   figures of ordinary weights do not move by one bit.
5. Labels of one occupation group (two O*NET-SOC codes of one SOC 6-digit code) given to
   ``train_and_save``, ``train_learned`` or ``grouped_folds`` were refused with advice no
   argument can follow: ``labels.tsv, column 'O*NET-SOC Code': cannot deal 1 occupation
   groups into 2 folds: the folds must number from 2 to 1: the labels hold too few
   occupations for --folds 2`` (``--folds``, an option of ``exposure train``, which the
   Python caller did not give; ``evaluate_method`` and the commands say it right since
   round 71). Now: ``every task is of one occupation group, 15-1252 (SOC 6-digit): the
   cross-validation holds out whole groups, so it needs tasks of two groups at least,
   whatever n_folds; give labels of more occupations``; too many folds are said to be too
   many ``for n_folds 5``, and ``train_learned`` names the label file (it named none).
6. A modern-task file (``exposure evaluate --modern``) whose flags were saved as doubles by
   pandas' ``to_csv`` (``exposed`` and ``admin`` written ``1.0`` and ``0.0``: a flag column
   with a missing value is a float column) was refused as ``m.csv, row 2, column
   'exposed': must be true or false, got '1.0'``, though the same file read with
   ``pd.read_csv`` (numbers) was taken. Now the texts ``1.0`` and ``0.0`` are read as 1 and
   0, as the numbers are; ``1.5`` or ``2.0`` are still refused.

Files are written by the tests in the formats named (the published label file's
tab-separated layout, CSV); no O*NET release is needed (the configurations without the
``grounded`` block, or checks made before it is read).
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from _frames import write_text
from test_faults_cli import cli, one_error_line

from exposure.errors import DataFormatError, ExposureError, OutputError
from exposure.measures.eloundou import read_task_labels
from exposure.reports.agreement import (
    check_modern_tasks,
    check_paraphrase_rows,
    evaluate_free_text,
    evaluate_method,
    write_agreement_report,
)
from exposure.scoring._evaluate import agreement, occupation_means
from exposure.scoring._files import read_task_file

pytest.importorskip("sklearn")

from exposure.scoring._train import (  # noqa: E402
    TrainConfig,
    grouped_folds,
    modern_training_rows,
    train_and_save,
    train_learned,
)

HEADER = ("\tO*NET-SOC Code\tTask ID\tTask\tTask Type\tTitle\thuman_exposure_agg\tgpt4_exposure\t"
          "gpt4_exposure_alt_rubric\tgpt_3_relevant\tgpt4_automation\n")
WORDS = {"E0": "Weld and cut steel beams", "E1": "Draft and edit written reports", "E2": "Analyze spreadsheet data"}
CODES = ["11-1011.00", "13-1041.00", "15-1252.00", "43-9061.00"]
#: No grounded block: the learned model needs no O*NET release (checks before any fit).
NO_INDEX = TrainConfig(sets={"text": ["word", "title"]}, C={"text": 2.0})


def labels_file(tmp_path, occupations: dict):
    """The published label file's layout (unnamed index, ``Task ID`` as 8823.0): {code: [label, ...]}."""
    lines, i = [HEADER], 0
    for o, (code, labels) in enumerate(occupations.items()):
        for t, label in enumerate(labels):
            lines.append(f"{i}\t{code}\t{100 * o + t}.0\t{WORDS[label]} at site {o} {t}.\tCore\tOccupation {o}\t"
                         f"{label}\t{label}\t{label}\tFalse\tT1\n")
            i += 1
    return write_text(tmp_path, "my labels.tsv", "".join(lines))


# ------------------------------------------------------------------ 1. one check, one wording
def _e2_of_one_group(tmp_path):
    occupations = {code: ["E0", "E1", "E1", "E0"] for code in CODES}
    occupations["15-1252.00"] = ["E1", "E2", "E2", "E0"]  # the first E2 task: line 11 (header line 1)
    return labels_file(tmp_path, occupations)


def _expected(path) -> str:
    return (f"{path}, row 11, column 'human_exposure_agg': every E2 task is of one occupation group, 15-1252 "
            "(SOC 6-digit): the cross-validation holds out whole groups, so the model trained without that "
            "group's fold learns no E2, whatever the folds and seed; give E2 tasks of two occupation groups at "
            "least")


def test_train_and_save_names_the_row_in_the_one_wording(tmp_path):
    path = _e2_of_one_group(tmp_path)
    out = tmp_path / "models" / "m.npz"
    with pytest.raises(DataFormatError) as info:
        train_and_save(path, None, out, n_folds=2, distill=True)
    assert str(info.value) == _expected(path)
    assert not out.parent.exists() or not any(out.parent.iterdir())


def test_train_learned_says_it_before_the_index(tmp_path):
    """With onet None, a check after the index would say that the grounded block needs a release."""
    path = _e2_of_one_group(tmp_path)
    with pytest.raises(DataFormatError) as info:
        train_learned(read_task_labels(path), None, n_folds=2, labels_path=path)
    assert str(info.value) == _expected(path)


@pytest.mark.parametrize("run", [
    lambda labels, path: evaluate_method("learned", labels, None, n_folds=2, config=NO_INDEX, labels_path=path),
    lambda labels, path: evaluate_free_text(labels, None, n_folds=3, seed=4, config=NO_INDEX, labels_path=path),
    lambda labels, path: train_learned(labels, None, n_folds=3, config=NO_INDEX, labels_path=path),
], ids=["evaluate_method", "evaluate_free_text", "train_learned"])
def test_the_reports_and_training_say_it_alike(tmp_path, run):
    path = _e2_of_one_group(tmp_path)
    with pytest.raises(DataFormatError) as info:
        run(read_task_labels(path), path)
    assert str(info.value) == _expected(path)


def test_a_frame_of_the_caller_is_named_labels(tmp_path):
    labels = read_task_labels(_e2_of_one_group(tmp_path))
    with pytest.raises(DataFormatError) as info:
        train_learned(labels, None, n_folds=2, config=NO_INDEX)
    assert str(info.value).startswith("labels, row 10, column 'human_exposure_agg': every E2 task is of one "
                                      "occupation group, 15-1252 (SOC 6-digit): the cross-validation holds out")


# ------------------------------------------------------------------ 2. columns under other names
def _evaluate(tmp_path, *args):
    """``exposure evaluate`` on an empty mirror: reading the labels fails with 'not found'."""
    (tmp_path / "mirror").mkdir(exist_ok=True)
    return ["evaluate", "--mirror", tmp_path / "mirror", "--data-dir", tmp_path / "cache", "--folds", "2",
            "--out", tmp_path / "out" / "e.csv", *args]


ROW = "11-1011.00,8823,You will run the budget.\n"


@pytest.mark.parametrize("header, advice", [
    ("O*NET-SOC Code,Task ID,paraphrase", "['onetsoc_code', 'task_id'] (columns: ['O*NET-SOC Code', 'Task ID', "
     "'paraphrase']); the file has them under other names: rename its column(s) 'O*NET-SOC Code' to onetsoc_code "
     "and 'Task ID' to task_id"),
    ("onetsoc_code,TASK_ID,Paraphrase", "['task_id', 'paraphrase'] (columns: ['onetsoc_code', 'TASK_ID', "
     "'Paraphrase']); the file has them under other names: rename its column(s) 'TASK_ID' to task_id and "
     "'Paraphrase' to paraphrase"),
])
def test_evaluate_paraphrases_under_onet_headers_are_told_the_renaming(tmp_path, capsys, header, advice):
    para = write_text(tmp_path, "para.csv", f"{header}\n{ROW}")
    code, _, err = cli(capsys, *_evaluate(tmp_path, "--paraphrases", para))
    assert code == 2
    assert one_error_line(err, command="evaluate") == (
        f"exposure evaluate: error: {para}: paraphrases lack column(s) {advice}")
    # the advice works: renamed, the file is read, and the command goes on to the labels
    write_text(tmp_path, "para.csv", f"onetsoc_code,task_id,paraphrase\n{ROW}")
    code, _, err = cli(capsys, *_evaluate(tmp_path, "--paraphrases", para))
    assert code == 2 and "full_labelset_train.tsv" in one_error_line(err, command="evaluate")


def test_a_paraphrase_frame_under_onet_headers_is_told_the_rename():
    frame = pd.DataFrame({"O*NET-SOC Code": ["11-1011.00"], "Task ID": [8823], "paraphrase": ["Run the budget."]})
    with pytest.raises(DataFormatError) as info:
        check_paraphrase_rows(frame)
    rename = {"O*NET-SOC Code": "onetsoc_code", "Task ID": "task_id"}
    assert str(info.value).endswith(f"; it has them under other names: paraphrases.rename(columns={rename!r})")
    assert check_paraphrase_rows(frame.rename(columns=rename))["task_id"].tolist() == [8823]  # the advice works


def test_modern_training_tasks_headed_task_label_are_told_the_renaming(tmp_path):
    path = write_text(tmp_path, "modern.csv", "Task,Label\nDraft replies to emails.,E1\n")
    with pytest.raises(DataFormatError) as info:
        modern_training_rows(path)
    assert str(info.value) == (f"{path}, row 1: missing column(s) ['task', 'label']; the file has them under other "
                               "names: rename its column(s) 'Task' to task and 'Label' to label")
    write_text(tmp_path, "modern.csv", "task,label\nDraft replies to emails.,E1\n")
    assert modern_training_rows(path)["y"].tolist() == [1]


# ------------------------------------------------------------------ 3. names differing only in case
TABLE = pd.DataFrame({"scorer": ["x"], "kappa": [0.5]})


@pytest.mark.parametrize("beside, message", [
    (["Agreement.csv"], "the table 'Agreement.csv' given in beside would be written over the report (the names "
                        "differ only in case: one file on a case-insensitive file system, macOS or Windows): "
                        "give out another name"),
    (["AGREEMENT_calibration.csv"], "the table 'AGREEMENT_calibration.csv' given in beside would be written over "
                                    "its calibration (the names differ only in case"),
    (["T.csv", "t.csv"], "the tables 'T.csv' and 't.csv' given in beside differ only in case: they are one file on "
                         "a case-insensitive file system (macOS, Windows)"),
])
def test_beside_names_differing_only_in_case_are_refused(tmp_path, beside, message):
    out = tmp_path / "reports" / "agreement.csv"
    with pytest.raises(OutputError) as info:
        write_agreement_report(TABLE, TABLE, out, beside={name: TABLE for name in beside})
    assert message in str(info.value)
    assert not out.parent.exists() or not any(out.parent.iterdir())  # nothing written


def test_evaluate_out_named_as_the_modern_table_in_another_case_is_refused_before_the_labels(tmp_path, capsys):
    modern = write_text(tmp_path, "m.csv", "task,label,exposed\nTriage support tickets.,E1,yes\n")
    args = _evaluate(tmp_path, "--modern", modern)
    out = tmp_path / "out" / "FreeText_Modern.csv"
    args[args.index(tmp_path / "out" / "e.csv")] = out
    code, _, err = cli(capsys, *args)
    assert code == 2
    assert one_error_line(err, command="evaluate") == (
        f"exposure evaluate: error: --out {out}: the modern-task table is written beside --out under that name "
        "(freetext_modern.csv: the names differ only in case, one file on a case-insensitive file system, macOS "
        f"or Windows): give --out another name, e.g. {out.with_name('freetext_agreement.csv')}")
    assert not (tmp_path / "cache").exists()  # before the labels


# ------------------------------------------------------------------ 4. huge task weights
PROBA = np.array([[0.2, 0.5, 0.3], [0.1, 0.1, 0.8], [0.7, 0.2, 0.1], [0.0, 1.0, 0.0], [0.3, 0.3, 0.4],
                  [0.6, 0.3, 0.1]])
CODES6 = ["a", "a", "b", "b", "c", "c"]


def test_occupation_means_of_huge_weights_are_those_of_their_ratios():
    w = np.array([2.0, 1.0, 1.0, 2.0, 2.0, 2.0])
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # numpy's "overflow encountered in reduceat" before
        huge = occupation_means(PROBA, CODES6, w * 2.0**1022)  # sums of 2**1023 and more: inf
        near = occupation_means(PROBA, CODES6, w * 0.85e308)  # Core 1.7e308
    pd.testing.assert_frame_equal(huge, occupation_means(PROBA, CODES6, w))  # exact: a power of two
    pd.testing.assert_frame_equal(near, occupation_means(PROBA, CODES6, w), rtol=1e-15)


def test_agreement_with_huge_weights_gives_the_correlations():
    y = [1, 2, 0, 1, 2, 0]
    figures = agreement(PROBA, y, CODES6, [1e308] * 6)
    assert np.isfinite([figures["r_alpha"], figures["r_beta"], figures["r_gamma"]]).all()  # NaN before
    ordinary = agreement(PROBA, y, CODES6, [1.0] * 6)
    assert figures["r_gamma"] == pytest.approx(ordinary["r_gamma"], rel=1e-12)


# ------------------------------------------------------------------ 5. labels of one occupation group
ONE_GROUP = ("every task is of one occupation group, 15-1252 (SOC 6-digit): the cross-validation holds out whole "
             "groups, so it needs tasks of two groups at least, whatever n_folds; give labels of more occupations")


def test_train_and_save_on_labels_of_one_group_gets_advice_that_fits(tmp_path):
    path = labels_file(tmp_path, {"15-1252.00": ["E0", "E1", "E2"], "15-1252.01": ["E2", "E1", "E0"]})
    out = tmp_path / "models" / "m.npz"
    with pytest.raises(DataFormatError) as info:
        train_and_save(path, None, out, n_folds=2, distill=True)
    assert str(info.value) == f"{path}, column 'O*NET-SOC Code': {ONE_GROUP}"
    with pytest.raises(DataFormatError) as info:
        train_learned(read_task_labels(path), None, n_folds=2, labels_path=path)
    assert str(info.value) == f"{path}, column 'O*NET-SOC Code': {ONE_GROUP}"
    with pytest.raises(ExposureError) as info:
        grouped_folds(["15-1252", "15-1252"], n_folds=2)
    assert str(info.value) == ONE_GROUP


def test_too_many_folds_are_said_in_the_words_of_the_api(tmp_path):
    path = labels_file(tmp_path, {code: ["E0", "E1", "E2"] for code in CODES[:3]})
    want = (f"{path}, column 'O*NET-SOC Code': n_folds 5 is more than the 3 occupation groups (SOC 6-digit codes) "
            "of the labels: the cross-validation holds out whole groups, one fold at least each; give n_folds from 2 "
            "to 3")
    with pytest.raises(DataFormatError) as info:
        train_and_save(path, None, tmp_path / "models" / "m.npz", n_folds=5, distill=True)
    assert str(info.value) == want  # "for --folds 5" before
    with pytest.raises(DataFormatError) as info:
        train_learned(read_task_labels(path), None, n_folds=5, labels_path=path)
    assert str(info.value) == want  # no file before


# ------------------------------------------------------------------ 6. flags saved as doubles by pandas
def test_modern_flags_written_as_doubles_are_read(tmp_path, capsys):
    frame = pd.DataFrame({"task": ["Triage support tickets.", "Weld steel beams."], "label": ["E1", "E0"],
                          "exposed": [1.0, 0.0], "admin": [1.0, np.nan]}).fillna({"admin": 0.0})
    path = tmp_path / "modern.csv"
    frame.to_csv(path, index=False)  # exposed and admin written 1.0 and 0.0
    assert "1.0,1.0" in path.read_text()
    out = check_modern_tasks(read_task_file(path), path=path, row_offset=2)
    assert out["exposed"].tolist() == [True, False] and out["admin"].tolist() == [True, False]
    code, _, err = cli(capsys, *_evaluate(tmp_path, "--modern", path))  # on to the labels now
    assert code == 2 and "full_labelset_train.tsv" in one_error_line(err, command="evaluate")
    for value in ("1.5", "2.0", "1."):
        with pytest.raises(DataFormatError, match=f"row 2, column 'admin': must be true or false, got '{value}'"):
            check_modern_tasks(read_task_file(path).assign(admin=[value, "0"]), path=path, row_offset=2)
