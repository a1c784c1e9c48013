"""Fault round 74 (second wave): evaluation and training.

1. More folds than the labels' occupation groups (SOC 6-digit) were refused in three
   wordings: ``train_and_save`` and ``train_learned`` said ``labels.tsv, column 'O*NET-SOC
   Code': cannot deal 3 occupation groups into 5 folds: the folds must number from 2 to 3:
   the labels hold too few occupations for n_folds 5`` (``grouped_folds`` the same, with no
   file), ``evaluate_method`` ``n_folds 5 is more than the 3 occupation groups (SOC 6-digit
   codes) of the labels: method 'learned' holds out whole groups, one fold at least each;
   give n_folds from 2 to 3`` (naming no file), and ``--folds``
   (``exposure.cli._report.check_folds_fit``: ``exposure evaluate``, ``exposure report
   agreement``, ``exposure train``) ``--folds 599 is more than the 598 occupation groups
   (SOC 6-digit codes) of the human labels (full_labelset_train.tsv): each fold holds one at
   least; give --folds from 2 to 598``, naming that file whatever file was read. Now one
   check, ``exposure.scoring._train.check_fold_count``, says it in one wording, naming the
   file read and its column: ``labels.tsv, column 'O*NET-SOC Code': n_folds 5 is more than
   the 3 occupation groups (SOC 6-digit codes) of the labels: the cross-validation holds
   out whole groups, one fold at least each; give n_folds from 2 to 3`` (``--folds`` for
   the options).
2. ``evaluate_method("rubric" | "reference", labels, n_folds=3, seed=7)`` took both and
   ignored them without a word (the table was the one of no arguments), where
   ``exposure report agreement --method rubric --folds 3`` refuses them. Now ``n_folds and
   seed are for method learned only (its cross-validation): rubric is scored on every row
   without training; leave n_folds and seed out``; ``learned`` without them still runs
   5 folds with seed 0, and the command still runs ``rubric`` and ``reference``.
3. ``agreement(proba, labels["human_exposure_agg"], ...)`` (the labels ``E0``, ``E1``,
   ``E2`` in place of their classes; also ``cohen_kappa``, ``reliability_table``...) was
   refused as ``y must be one class (0, 1 or 2) per row of proba (4 rows), got Series``,
   without a word of how to turn the labels into classes. Now ``...: these are labels; give
   their classes, pd.Series(y).map({'E0': 0, 'E1': 1, 'E2': 2})``, and that works.
4. The modern training tasks (``modern_training_rows``) and the modern tasks of the
   free-text report (``check_modern_tasks``) were compared and read by two rules: a task
   ``Draft replies,`` or ``"Draft replies."`` (quotes kept in the cell) beside ``Draft
   replies.`` was another task in the training file (both trained on, under two labels,
   without a word), and ``Draft replies…`` another task in the report; a label ``' E1 '``
   was refused by the training file (``label must be one of E0, E1, E2, got ' E1 '``) and
   taken by the report; an empty label was ``got ''``, not missing. Now both compare tasks
   by one key (``exposure.scoring._train.task_key``) and read labels by one rule
   (``checked_task_labels``): ``m.csv, row 3, column 'task': task given twice (also in
   other case, spacing, final punctuation or quotes): 'Draft replies,'``, ``' E1 '`` is E1,
   ``m.csv, row 3, column 'label': label must be E0, E1 or E2, it is missing``, and ``'e1'``
   is told ``write 'E1'``. The package's own file is read as before (same rows).
5. A paraphrase file (``check_paraphrase_rows``, ``exposure evaluate --paraphrases``) whose
   ``onetsoc_code`` was a SOC code (``15-1252``), a code that lost its last zero
   (``15-1252.1``, Excel's number) or held a dash pasted from a document was refused as
   ``p.csv, row 2, column 'onetsoc_code': not an O*NET-SOC code (like 11-1011.00):
   '15-1252.1'``, without the code to write that every other reader of O*NET-SOC codes
   gives; a missing code was ``...: np.float64(nan)`` (``''``, ``None``). Now ``...:
   '15-1252.1': a suffix of one digit? an O*NET-SOC code has two (a trailing zero lost?):
   write '15-1252.10'`` (``exposure.schemas._fields.code_hint``), and ``p.csv, row 2,
   column 'onetsoc_code': O*NET-SOC code missing``.

Label files are written in the published layout (unnamed index, ``Task ID`` as ``8823.0``);
the cross-validations are of a few rows, with the word and title blocks alone.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from _frames import write_text
from test_faults_cli import cli, one_error_line

from exposure.cli._report import check_folds_fit
from exposure.errors import DataFormatError, ExposureError
from exposure.measures.eloundou import LABELS_NAME, read_task_labels
from exposure.reports.agreement import (
    check_modern_tasks,
    check_paraphrase_rows,
    evaluate_method,
    reliability_table,
)
from exposure.scoring._evaluate import agreement, cohen_kappa

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
CODES = ["11-1011.00", "13-1041.00", "15-1252.00", "43-9061.00", "47-2031.00"]
#: No grounded block: the learned model needs no O*NET release.
NO_INDEX = TrainConfig(sets={"text": ["word", "title"]}, C={"text": 2.0})


def labels_file(tmp_path, codes) -> object:
    """A label file in the published layout: tasks E0, E1, E2 of each of ``codes``."""
    lines, i = [HEADER], 0
    for o, code in enumerate(codes):
        for t, label in enumerate(["E0", "E1", "E2"]):
            lines.append(f"{i}\t{code}\t{100 * o + t}.0\t{WORDS[label]} at site {o} {t}.\tCore\tOccupation {o}\t"
                         f"{label}\t{label}\t{label}\tFalse\tT1\n")
            i += 1
    return write_text(tmp_path, "my labels.tsv", "".join(lines))


# ------------------------------------------------------------------ 1. more folds than groups: one wording
def _too_many(folds: str, n: int = 5, groups: int = 3) -> str:
    return (f"{folds} {n} is more than the {groups} occupation groups (SOC 6-digit codes) of the labels: the "
            f"cross-validation holds out whole groups, one fold at least each; give {folds} from 2 to {groups}")


def test_more_folds_than_groups_are_said_alike_by_training_and_the_reports(tmp_path):
    path = labels_file(tmp_path, CODES[:3])
    want = f"{path}, column 'O*NET-SOC Code': {_too_many('n_folds')}"
    labels = read_task_labels(path)
    for run in (lambda: train_and_save(path, None, tmp_path / "models" / "m.npz", n_folds=5),
                lambda: train_learned(labels, None, config=NO_INDEX, n_folds=5, labels_path=path),
                lambda: evaluate_method("learned", labels, None, n_folds=5, config=NO_INDEX, labels_path=path)):
        with pytest.raises(DataFormatError) as info:
            run()
        assert str(info.value) == want
    # the options: the file given, not full_labelset_train.tsv whatever was read
    with pytest.raises(DataFormatError) as info:
        check_folds_fit(5, labels, path)
    assert str(info.value) == f"{path}, column 'O*NET-SOC Code': {_too_many('--folds')}"
    with pytest.raises(DataFormatError) as info:
        grouped_folds(["11-1011", "13-1041"], n_folds=3)
    assert str(info.value) == _too_many("n_folds", 3, 2)


def test_folds_of_the_commands_name_the_label_file_read(tmp_path, capsys, shared_data):
    mirror = tmp_path / "mirror"
    (mirror / LABELS_NAME).parent.mkdir(parents=True)
    (mirror / LABELS_NAME).symlink_to((shared_data / LABELS_NAME).resolve())  # the labels, no O*NET
    read = tmp_path / "cache" / LABELS_NAME  # the file the command reads (copied from the mirror)
    for command, args in (("evaluate", ["--out", tmp_path / "r" / "e.csv"]),
                          ("train", ["--out", tmp_path / "m" / "m.npz"])):
        code, _, err = cli(capsys, command, "--mirror", mirror, "--data-dir", tmp_path / "cache",
                           "--folds", "599", *args)
        assert code == 2
        assert one_error_line(err, command=command) == (
            f"exposure {command}: error: {read}, column 'O*NET-SOC Code': {_too_many('--folds', 599, 598)}")


# ------------------------------------------------------------------ 2. n_folds and seed of rubric and reference
@pytest.mark.parametrize("method, given, named", [
    ("rubric", {"n_folds": 3, "seed": 7}, "n_folds and seed are"),
    ("reference", {"n_folds": 3}, "n_folds is"),
    ("rubric", {"seed": 0}, "seed is"),
])
def test_rubric_and_reference_refuse_the_cross_validation_arguments(tmp_path, method, given, named):
    labels = read_task_labels(labels_file(tmp_path, CODES[:3]))
    with pytest.raises(ExposureError) as info:
        evaluate_method(method, labels, **given)
    name = named.rsplit(" ", 1)[0]
    assert str(info.value) == (f"{named} for method learned only (its cross-validation): {method} is scored on "
                               f"every row without training; leave {name} out")
    table, _ = evaluate_method(method, labels)  # without them, as before
    assert table["n_tasks"].iloc[0] == 9


def test_learned_keeps_its_defaults_and_the_command_runs_reference(tmp_path, capsys, shared_data):
    labels = read_task_labels(labels_file(tmp_path, CODES))
    table, _ = evaluate_method("learned", labels, None, config=NO_INDEX)
    assert table["protocol"].iloc[0] == "grouped 5-fold CV by SOC 6-digit (seed 0)"
    with pytest.raises(ExposureError, match="^n_folds is for method learned only"):  # taken by reference before
        evaluate_method("reference", labels, n_folds=5)
    mirror = tmp_path / "mirror"
    (mirror / LABELS_NAME).parent.mkdir(parents=True)
    (mirror / LABELS_NAME).symlink_to((shared_data / LABELS_NAME).resolve())
    code, _, err = cli(capsys, "report", "agreement", "--method", "reference", "--mirror", mirror,
                       "--data-dir", tmp_path / "cache", "--out-dir", tmp_path / "r")
    assert code == 0, err
    assert (tmp_path / "r" / "agreement_reference.csv").is_file()


# ------------------------------------------------------------------ 3. classes given as labels
def test_labels_given_as_classes_are_told_how_to_map_them(tmp_path):
    labels = read_task_labels(labels_file(tmp_path, CODES[:2]))
    y = labels["human_exposure_agg"]
    proba = np.eye(3)[[0, 1, 2, 0, 1, 2]]
    advice = "these are labels; give their classes, pd.Series(y).map({'E0': 0, 'E1': 1, 'E2': 2})"
    with pytest.raises(DataFormatError) as info:
        agreement(proba, y, labels["onetsoc_code"], [1.0] * 6)
    assert str(info.value) == f"y must be one class (0, 1 or 2) per row of proba (6 rows), got Series: {advice}"
    for call in (lambda: reliability_table(proba, y), lambda: cohen_kappa(list(y), [0, 1, 2, 0, 1, 2])):
        with pytest.raises(DataFormatError, match=r"these are labels; give their classes, pd\.Series\(\w\)\.map"):
            call()
    # the advice works (a categorical column too)
    mapped = pd.Series(y.astype("category")).map({'E0': 0, 'E1': 1, 'E2': 2})
    assert agreement(proba, mapped, labels["onetsoc_code"], [1.0] * 6)["accuracy"] == 1.0
    with pytest.raises(DataFormatError) as info:  # labels spelt otherwise: no advice the map would not follow
        agreement(proba, ["e0"] + list(y)[1:], labels["onetsoc_code"], [1.0] * 6)
    assert "these are labels" not in str(info.value)


# ------------------------------------------------------------------ 4. modern tasks: one key, one label rule
@pytest.mark.parametrize("second", ['"Draft replies,"', '"""Draft replies."""', "Draft replies\u2026"])
def test_a_modern_task_given_twice_is_refused_by_both_readers(tmp_path, second):
    path = write_text(tmp_path, "m.csv", f"task,label,exposed\nDraft replies.,E1,true\n{second},E0,false\n")
    shown = pd.read_csv(path)["task"].iloc[1]
    with pytest.raises(DataFormatError) as info:
        modern_training_rows(path)
    assert str(info.value) == (f"{path}, row 3, column 'task': task given twice (also in other case, spacing, "
                               f"final punctuation or quotes): {shown!r}")
    with pytest.raises(DataFormatError, match=r"^m\.csv, row 3, column 'task': the task 'Draft replies\.' is listed "
                                              r"twice \(rows 2 and 3\)"):
        check_modern_tasks(pd.read_csv(path, dtype=str), path="m.csv", row_offset=2)


def test_modern_labels_are_read_by_one_rule(tmp_path):
    path = write_text(tmp_path, "m.csv", "task,label,exposed\nDraft replies.,E1,true\nWeld pipes., E0 ,false\n")
    rows = modern_training_rows(path)
    assert rows["label"].tolist() == ["E1", "E0"] and rows["y"].tolist() == [1, 0]  # ' E0 ' refused before
    assert check_modern_tasks(pd.read_csv(path, dtype=str))["label"].tolist() == ["E1", "E0"]
    for cell, got in (("", "it is missing"), ("e1", "got 'e1': write 'E1' (the choices are case-sensitive)")):
        write_text(tmp_path, "m.csv", f"task,label,exposed\nDraft replies.,E1,true\nWeld pipes.,{cell},true\n")
        with pytest.raises(DataFormatError) as info:
            modern_training_rows(path)
        assert str(info.value) == f"{path}, row 3, column 'label': label must be E0, E1 or E2, {got}"
    rows = modern_training_rows()  # the package's own file: read as before (the shipped model learnt from it)
    assert len(rows) == 3100 and rows["task"].is_unique
    assert rows["label"].value_counts().to_dict() == {"E0": 1374, "E2": 1025, "E1": 701}


# ------------------------------------------------------------------ 5. paraphrase codes: the code to write
@pytest.mark.parametrize("cell, said", [
    ("15-1252.1", "not an O*NET-SOC code (like 11-1011.00): '15-1252.1': a suffix of one digit? an O*NET-SOC "
                  "code has two (a trailing zero lost?): write '15-1252.10'"),
    ("15-1252", "not an O*NET-SOC code (like 11-1011.00): '15-1252': a SOC code? an O*NET-SOC code has a two-digit "
                "suffix: write '15-1252.00' (the SOC occupation itself) or the O*NET-SOC code meant"),
    ("15\u20131252.00", "not an O*NET-SOC code (like 11-1011.00): '15\u20131252.00': '\u2013' (U+2013, a dash that "
                        "is not the hyphen '-'; pasted from a document?): write '15-1252.00'"),
    ("", "O*NET-SOC code missing"),
])
def test_a_paraphrase_code_is_told_the_code_to_write(tmp_path, cell, said):
    path = write_text(tmp_path, "p.csv", f"onetsoc_code,task_id,paraphrase\n{cell},12345,You will write code.\n")
    with pytest.raises(DataFormatError) as info:
        check_paraphrase_rows(pd.read_csv(path, dtype=str), path=path, row_offset=2)
    assert str(info.value) == f"{path}, row 2, column 'onetsoc_code': {said}"
