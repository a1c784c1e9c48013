"""Fault round 74: evaluation, agreement reports and training.

1. Labels of one occupation group (SOC 6-digit) were refused in three wordings:
   ``exposure train`` and ``grouped_folds`` said ``every task is of one occupation group,
   15-1252 (SOC 6-digit): the cross-validation holds out whole groups, so it needs tasks of
   two groups at least, whatever n_folds; give labels of more occupations``,
   ``evaluate_method`` and ``evaluate_free_text`` ``my labels.tsv: every task is of one
   occupation group, 15-1252 (SOC 6-digit): method 'learned' holds out whole groups in its
   cross-validation, so it needs tasks of two groups at least; give labels of more
   occupations, ...`` (no column, no word of ``n_folds``), and ``exposure evaluate``,
   ``exposure report agreement`` and ``exposure train`` (``check_folds_fit``) ``the human
   labels (full_labelset_train.tsv): every task is ...`` (not the file read). Now one check,
   ``exposure.scoring._train.check_two_groups``, says it in one wording, naming the label
   file and its column ``O*NET-SOC Code`` (or the frame ``labels`` first, then ``onetsoc_code``):
   ``my labels.tsv, column 'O*NET-SOC Code': every task is of one occupation group, 15-1252
   (SOC 6-digit): the cross-validation holds out whole groups, so it needs tasks of two
   groups at least, whatever n_folds; give labels of more occupations`` (``whatever
   --folds`` for the options).
2. ``modern_training_rows(path)`` of a file saved by Excel on Windows (Windows-1252) said
   ``m.csv: not a CSV file of tasks and labels ('utf-8' codec can't decode bytes in position
   24-25: invalid continuation byte)``: no row, no column, no advice. Now ``m.csv, row 2,
   column 'task': byte 0xe9 is not valid UTF-8 (byte offset 24): the file looks like
   Windows-1252/Latin-1 text (0xe9 is 'é' there); save it as UTF-8 ('CSV UTF-8')``, as the
   other readers of task files say it.
3. ``modern_training_rows(path)`` of a file whose column ``y`` holds the class as a double
   (``1.0``: the rows it returns, saved by R, or by pandas after a NaN) was refused as
   ``row 2, column 'y': y is '1.0', but the label E1 is class 1``, a message that
   contradicts itself. Now ``1.0`` is class 1 and the rows are read; a ``y`` that is not
   the label's class is still refused.
4. ``cross_validate(rows, extra=...)`` took its texts unchecked: a missing paraphrase (NaN,
   from a column of a frame) raised ``TypeError: sequence item 0: expected str instance,
   float found`` after the first fold's fit, a list shorter than the rows an
   ``IndexError``, one longer was cut to the rows without a word, a str was read letter by
   letter (one letter a row), a number a ``TypeError``, and a list in place of the dict an
   ``AttributeError``. Now NaN and ``pd.NA`` are "no text" as None is, and the rest is
   refused before any fit, naming ``extra['name']`` and the row.
5. A paraphrase file that carries the statement each row rewords (``onetsoc_code, task_id,
   task, paraphrase``) was read by its keys alone: a row filed under another task ID (one
   column sorted alone in a spreadsheet) was scored against the label of that task, its own
   ``task`` ignored without a word. Now ``my paraphrases.csv, row 2, column 'task': 'Draft and
   edit written reports at site 0 1.' is not the statement of task (15-1252.00, 0) of the
   labels, 'Weld and cut steel beams at site 0 0.'; it is the statement of task (15-1252.00,
   1): a paraphrase is paired with its label by onetsoc_code and task_id alone; correct the
   task ID, or remove the column 'task' if it holds another wording of the same task``.

Label files are written in the published layout (unnamed index, ``Task ID`` as ``8823.0``);
the cross-validations are of a few rows, with the word block alone.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from _frames import write_text

from exposure.cli._report import check_folds_fit
from exposure.errors import DataFormatError, ExposureError
from exposure.measures.eloundou import read_task_labels
from exposure.reports.agreement import check_paraphrases, evaluate_free_text, evaluate_method
from exposure.scoring._files import read_task_file

pytest.importorskip("sklearn")

from exposure.scoring._train import (  # noqa: E402
    TrainConfig,
    cross_validate,
    grouped_folds,
    modern_training_rows,
    train_and_save,
    train_learned,
    training_frame,
)

HEADER = ("\tO*NET-SOC Code\tTask ID\tTask\tTask Type\tTitle\thuman_exposure_agg\tgpt4_exposure\t"
          "gpt4_exposure_alt_rubric\tgpt_3_relevant\tgpt4_automation\n")
WORDS = {"E0": "Weld and cut steel beams", "E1": "Draft and edit written reports", "E2": "Analyze spreadsheet data"}
#: No grounded block: the learned model needs no O*NET release (the checks come before any fit).
NO_INDEX = TrainConfig(sets={"text": ["word", "title"]}, C={"text": 2.0})
#: The text-alone set of words, without the package's modern tasks: a cross-validation of seconds.
WORDS_ONLY = TrainConfig(sets={"free": ["word"]}, C={"free": 1.0}, word_min_df=1, modern=False)


def labels_file(tmp_path, occupations: dict):
    """The published label file's layout: {code: [label, ...]}."""
    lines, i = [HEADER], 0
    for o, (code, labels) in enumerate(occupations.items()):
        for t, label in enumerate(labels):
            lines.append(f"{i}\t{code}\t{100 * o + t}.0\t{WORDS[label]} at site {o} {t}.\tCore\tOccupation {o}\t"
                         f"{label}\t{label}\t{label}\tFalse\tT1\n")
            i += 1
    return write_text(tmp_path, "my labels.tsv", "".join(lines))


# ------------------------------------------------------------------ 1. one group: one check, one wording
ONE_GROUP = ("every task is of one occupation group, 15-1252 (SOC 6-digit): the cross-validation holds out whole "
             "groups, so it needs tasks of two groups at least, whatever {folds}; give labels of more occupations")


@pytest.fixture
def one_group(tmp_path):
    path = labels_file(tmp_path, {"15-1252.00": ["E0", "E1", "E2"], "15-1252.01": ["E2", "E1", "E0"]})
    return read_task_labels(path), path


def test_labels_of_one_group_are_refused_in_one_wording(one_group):
    labels, path = one_group
    said = ONE_GROUP.format(folds="n_folds")
    calls = {
        "evaluate_method": lambda: evaluate_method("learned", labels, None, n_folds=2, config=NO_INDEX,
                                                   labels_path=path),
        "evaluate_free_text": lambda: evaluate_free_text(labels, None, n_folds=2, config=NO_INDEX, labels_path=path),
        "train_learned": lambda: train_learned(labels, None, n_folds=2, labels_path=path),
        "train_and_save": lambda: train_and_save(path, None, path.parent / "models" / "m.npz", n_folds=2,
                                                 distill=True),
    }
    messages = {}
    for name, call in calls.items():
        with pytest.raises(DataFormatError) as info:
            call()
        messages[name] = str(info.value)
    rubric = ", or evaluate method 'rubric' or 'reference' (scored on every row, without training)"
    assert messages.pop("evaluate_method") == f"{path}, column 'O*NET-SOC Code': {said}{rubric}"
    assert set(messages.values()) == {f"{path}, column 'O*NET-SOC Code': {said}"}
    with pytest.raises(DataFormatError) as info:  # a frame: named as the other label checks name it
        evaluate_free_text(labels.iloc[::-1], None, n_folds=2, config=NO_INDEX)
    assert str(info.value) == f"labels, column 'onetsoc_code': {said}"
    with pytest.raises(ExposureError) as info:
        grouped_folds(training_frame(labels)["soc6"], n_folds=2)
    assert str(info.value) == said


def test_folds_option_on_labels_of_one_group_names_the_file_read(one_group):
    labels, path = one_group
    with pytest.raises(DataFormatError) as info:  # exposure evaluate, report agreement, train
        check_folds_fit(2, labels, path)
    assert str(info.value) == f"{path}, column 'O*NET-SOC Code': {ONE_GROUP.format(folds='--folds')}"
    two = labels.assign(onetsoc_code=["15-1252.00"] * 3 + ["13-1041.00"] * 3)
    check_folds_fit(2, two, path)  # two groups: --folds 2 fits


# ------------------------------------------------------------------ 2. modern tasks saved in Windows-1252
def test_modern_tasks_in_windows_1252_are_named_with_row_and_advice(tmp_path):
    path = tmp_path / "my modern.csv"
    path.write_bytes("task,label\nDraft the café's replies.,E1\nWeld beams.,E0\n".encode("cp1252"))
    with pytest.raises(DataFormatError) as info:
        modern_training_rows(path)
    assert str(info.value) == (f"{path}, row 2, column 'task': byte 0xe9 is not valid UTF-8 (byte offset 24): "
                               "the file looks like Windows-1252/Latin-1 text (0xe9 is 'é' there); save it as "
                               "UTF-8 ('CSV UTF-8')")
    path.write_text(path.read_bytes().decode("cp1252"), encoding="utf-8")  # the advice followed
    assert modern_training_rows(path)["task"].tolist() == ["Draft the café's replies.", "Weld beams."]


# ------------------------------------------------------------------ 3. y saved as doubles
def test_modern_tasks_with_y_saved_as_doubles_are_read(tmp_path):
    frame = pd.DataFrame({"task": ["Draft replies.", "Weld beams.", "Audit ledgers."], "label": ["E1", "E0", "E2"],
                          "y": [1.0, 0.0, np.nan]}).fillna({"y": 2.0})
    path = tmp_path / "modern.csv"
    frame.to_csv(path, index=False)
    assert "E1,1.0" in path.read_text()
    rows = modern_training_rows(path)
    assert rows["y"].tolist() == [1, 0, 2] and rows["y"].dtype.kind == "i"
    frame.assign(y=[1.0, 0.0, 1.0]).to_csv(path, index=False)  # a y that is not the label's class
    with pytest.raises(DataFormatError, match=r"row 4, column 'y': y is '1.0', but the label E2 is class 2"):
        modern_training_rows(path)


# ------------------------------------------------------------------ 4. the extra texts of cross_validate
@pytest.fixture(scope="module")
def rows():
    n = 12
    labels = pd.DataFrame({
        "onetsoc_code": [f"{11 + 2 * (i % 4)}-1011.00" for i in range(n)], "task_id": range(1, n + 1),
        "task": [f"{WORDS[['E0', 'E1', 'E2'][i % 3]]} for plan {i}." for i in range(n)], "task_type": "Core",
        "title": [f"Occupation {i % 4}" for i in range(n)],
        "human_exposure_agg": [["E0", "E1", "E2"][i % 3] for i in range(n)]})
    return training_frame(labels)


def test_missing_extra_texts_are_rows_without_one(rows):
    texts = [f"Reworded plan {i}." for i in range(len(rows))]
    given = pd.Series(texts).mask(pd.Series(range(len(rows))).isin([0, 5]))  # a column with empty cells
    cv = cross_validate(rows, WORDS_ONLY, n_folds=2, extra={"paraphrase": given.tolist()})
    held = cv["extra"]["paraphrase"]
    assert np.isnan(held[[0, 5]]).all() and np.isfinite(np.delete(held, [0, 5], axis=0)).all()
    nulls = pd.array([None, *texts[1:]], dtype="string")
    assert np.isnan(cross_validate(rows, WORDS_ONLY, n_folds=2, extra={"paraphrase": nulls})["extra"]
                    ["paraphrase"][0]).all()


@pytest.mark.parametrize("extra, says", [
    ({"paraphrase": ["Reworded."] * 10}, r"^extra\['paraphrase'\] holds 10 text\(s\) for the 12 rows of rows: "
                                         r"give one per row, None where a row has none$"),
    ({"paraphrase": ["Reworded."] * 15}, r"holds 15 text\(s\) for the 12 rows"),
    ({"paraphrase": "Reworded plans."}, r"^extra\['paraphrase'\] must be a list of texts, one per row of rows "
                                        r"\(None where a row has none\), got str 'Reworded plans.'$"),
    ({"paraphrase": ["Reworded."] * 11 + [5]}, r"^extra\['paraphrase'\] row 12 is int 5: give a text, or None "
                                               r"where the row has none$"),
    ({"paraphrase": ["Reworded."] * 11 + ["  "]}, r"^extra\['paraphrase'\] row 12 is blank"),
    (["Reworded."] * 12, r"^extra must be a dict of names to lists of texts"),
])
def test_extra_texts_are_checked_before_any_fit(rows, extra, says):
    with pytest.raises(DataFormatError, match=says):
        cross_validate(rows, WORDS_ONLY, n_folds=2, extra=extra)


# ------------------------------------------------------------------ 5. a paraphrase file with its statements
def test_paraphrase_rows_whose_own_statement_is_another_task_are_refused(tmp_path):
    path = labels_file(tmp_path, {"15-1252.00": ["E0", "E1", "E2"], "13-1041.00": ["E2", "E1", "E0"]})
    labels = read_task_labels(path)
    statements = labels.set_index("task_id")["task"]
    lines = ["onetsoc_code,task_id,task,paraphrase",
             f"15-1252.00,0,{statements[1]},You will write up and revise reports.",  # filed under task 0
             f"15-1252.00,1,{statements[0]},You will weld and cut steel beams on site."]
    para_path = write_text(tmp_path, "my paraphrases.csv", "\n".join(lines) + "\n")
    want = (f"{para_path}, row 2, column 'task': {statements[1]!r} is not the statement of task (15-1252.00, 0) "
            f"of the labels, {statements[0]!r}; it is the statement of task (15-1252.00, 1): a paraphrase is "
            "paired with its label by onetsoc_code and task_id alone; correct the task ID, or remove the column "
            "'task' if it holds another wording of the same task")
    para = read_task_file(para_path)
    with pytest.raises(DataFormatError) as info:
        check_paraphrases(para, training_frame(labels), path=para_path, row_offset=2)
    assert str(info.value) == want
    with pytest.raises(DataFormatError, match=r"^row 1, column 'task': .* is not the statement of task "
                                              r"\(15-1252\.00, 0\)"):
        evaluate_free_text(labels, None, paraphrases=para, n_folds=2, config=NO_INDEX, labels_path=path)
    # the IDs put right (and the statements in another case and spacing): read
    fixed = para.assign(task_id=["1", "0"], task=[" " + statements[1].upper(), statements[0].rstrip(".")])
    assert check_paraphrases(fixed, training_frame(labels))["task_id"].tolist() == [1, 0]
