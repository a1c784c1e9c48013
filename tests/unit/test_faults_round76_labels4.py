"""Faults of round 76 in the label files and the training of the learned scorer.

1. **The errors of training and of the reference scorer named the labels frame after the
   row.** ``training_frame``, ``train_learned``, ``check_label_texts``,
   ``check_label_task_types``, ``check_class_groups`` and ``check_fold_classes``
   (``exposure.scoring._train``) said ``row 3, column 'task_id': labels: task_id is
   missing: ...``, ``row 2, column 'task': labels: task is missing: ...`` (and, naming a
   file, ``labels.tsv, row 4, column 'title': labels: title is missing``), ``row 3, column
   'task_type': labels: task_type 'core' is not Core ...``, ``row 2, column
   'human_exposure_agg': labels: every E1 task is of one occupation group ...`` and
   ``column 'human_exposure_agg': the labels hold no E2 task ...``; the reference scorer
   (``scoring.reference._checked_labels`` and ``join_labels``, through ``score_reference``
   and ``score_tasks``) ``column 'human_exposure_agg': labels has no human label (all 2 rows
   missing) ...`` and ``row 2, column 'task_id': labels give task ID 7 two labels ...``
   (``exc.path`` None). Now the frame comes first, as every other frame error says it:
   ``labels, row 3, column 'task_id': task_id is missing: ...``, ``labels, column
   'human_exposure_agg': no human label (all 2 rows missing) ...``, ``labels, row 2, column
   'task_id': task ID 7 is given two labels ...`` (``exc.path`` is ``"labels"``); a file,
   when named, is named once, without ``labels:``.
2. **A file of one's own human labels could not be trained on.** ``train_and_save`` read
   its file with ``read_task_labels``, which required GPT-4's columns
   (``gpt4_exposure``, ``gpt4_exposure_alt_rubric``, ``gpt_3_relevant``,
   ``gpt4_automation``) though training reads none of them: a file ``O*NET-SOC Code, Task
   ID, Task, Task Type, Title, human_exposure_agg`` was refused with ``missing column(s)
   'gpt4_exposure', ... in the header``. Now ``read_task_labels(path, gpt4=False)`` reads
   the human columns alone (GPT-4's are not read, whether there or not), and
   ``train_and_save`` reads its file so: the model trained on such a file is the one
   trained on the same labels in the published layout, and the published file gives the
   trainer the same frames as before (the shipped model is unchanged). A file without
   ``human_exposure_agg`` is still refused, naming the file and the column.
3. **A bad label to train on was not told the label to write.** ``training_frame`` and
   ``train_learned`` said ``must be E0, E1 or E2, got 'e1'`` (and ``got np.int64(1)`` for
   a class given as a number), where ``check_task_labels`` and the label file's reader
   tell the label: now ``got 'e1': write 'E1' (the choices are case-sensitive)``, ``got 1:
   a class? write its label, 'E1'``.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

pytest.importorskip("sklearn")

from test_scoring_train import synthetic_labels, synthetic_onet  # noqa: E402

import exposure  # noqa: E402
from exposure.errors import DataFormatError  # noqa: E402
from exposure.measures.eloundou import read_task_labels  # noqa: E402
from exposure.scoring._train import (  # noqa: E402
    TrainConfig,
    check_class_groups,
    check_fold_classes,
    check_label_task_types,
    check_label_texts,
    train_and_save,
    train_learned,
    training_frame,
)
from exposure.scoring.reference import score_reference  # noqa: E402

#: One set of words: no index, no vectors (fast).
WORDS_ONLY = TrainConfig(sets={"text": ["word", "title", "major"]}, C={"text": 2.0}, word_min_df=1,
                         modern=False)

HUMAN_HEADER = "O*NET-SOC Code\tTask ID\tTask\tTask Type\tTitle\thuman_exposure_agg\n"


def published_file(labels: pd.DataFrame, path):
    """``labels`` in the published layout (unnamed index, ``Task ID`` as 8823.0, GPT-4's columns)."""
    table = labels.rename(columns={"onetsoc_code": "O*NET-SOC Code", "task_id": "Task ID", "task": "Task",
                                   "task_type": "Task Type", "title": "Title"})
    table["gpt4_exposure"] = table["gpt4_exposure_alt_rubric"] = table["human_exposure_agg"]
    table["gpt_3_relevant"], table["gpt4_automation"] = "False", "T1"
    table["Task ID"] = table["Task ID"].astype(float)
    table.to_csv(path, sep="\t")
    return path


def human_file(labels: pd.DataFrame, path):
    """``labels`` as a researcher's own file: the human columns alone, no index, whole task IDs."""
    lines = [HUMAN_HEADER]
    for r in labels.itertuples(index=False):
        kind = "" if pd.isna(r.task_type) else r.task_type
        lines.append(f"{r.onetsoc_code}\t{r.task_id}\t{r.task}\t{kind}\t{r.title}\t{r.human_exposure_agg}\n")
    path.write_text("".join(lines), encoding="utf-8")
    return path


def small_labels() -> pd.DataFrame:
    return pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.00", "13-1041.00", "13-1041.00"],
                         "task_id": [1, 2, 3, 4], "task": ["Plan budgets.", "Weld beams.", "Draft memos.", "Lift."],
                         "task_type": ["Core", None, "Core", "Supplemental"],
                         "title": ["Chief Executives"] * 2 + ["Compliance Officers"] * 2,
                         "human_exposure_agg": ["E2", "E0", "E1", "E0"]})


# --------------------------------------------------------------- 1. the frame named first
@pytest.mark.parametrize("call, message", [
    (lambda f: training_frame(f.assign(task_id=[1, 2, None, 4])),
     "labels, row 3, column 'task_id': task_id is missing: every task trained on needs its task ID"),
    (lambda f: training_frame(f.assign(human_exposure_agg=["E2", "E0", None, "E0"])),
     "labels, row 3, column 'human_exposure_agg': human_exposure_agg is missing: every task trained on needs "
     "its label"),
    (lambda f: check_label_texts(f.assign(task=["Plan budgets.", " ", "Draft memos.", "Lift."])),
     "labels, row 2, column 'task': task is missing: the learned model is trained on the text of every task and "
     "its occupation's title"),
    (lambda f: check_label_task_types(f.assign(task_type=["Core", None, "core", None])),
     "labels, row 3, column 'task_type': task_type 'core' is not Core or Supplemental (spelt so) or missing "
     "(Core tasks weigh 2, others 1): write 'Core' (the choices are case-sensitive)"),
    (lambda f: check_class_groups([0, 1, 2, 0, 2], ["11-1011", "11-1011", "13-1041", "13-1041", "11-1011"]),
     "labels, row 2, column 'human_exposure_agg': every E1 task is of one occupation group, 11-1011 (SOC "
     "6-digit): the cross-validation holds out whole groups, so the model trained without that group's fold "
     "learns no E1, whatever the folds and seed; give E1 tasks of two occupation groups at least"),
    (lambda f: check_fold_classes(pd.DataFrame({"y": [0, 1, 0, 1], "soc6": ["a", "b", "c", "d"]}), [0, 0, 1, 1]),
     "labels, column 'human_exposure_agg': no E2 task: the learned model is trained on all three classes E0, "
     "E1, E2"),
    (lambda f: check_fold_classes(pd.DataFrame({"y": [0, 1, 2, 0, 1, 2], "soc6": list("abcdef")}),
                                  [0, 0, 1, 1, 1, 1]),
     "labels, column 'human_exposure_agg': with 2 folds (seed 0), every E2 task is in fold 1 (occupations c, "
     "f): the model trained without that fold learns no E2; give fewer folds or another seed, or more E2 "
     "tasks"),
])
def test_training_errors_name_the_labels_frame_first(call, message):
    with pytest.raises(DataFormatError) as info:
        call(small_labels())
    assert str(info.value) == message
    assert info.value.path == "labels"


def test_train_learned_names_the_frame_first_and_a_file_once(tmp_path):
    labels = synthetic_labels(n_occ=4, n_tasks=6)
    bad = labels.assign(task=labels["task"].where(labels.index != 4))
    with pytest.raises(DataFormatError, match=r"^labels, row 5, column 'task': task is missing: the learned"):
        train_learned(bad, None, n_folds=2, config=WORDS_ONLY)
    # read from a file: named once, as the file (it was "labels.tsv, row 6, column 'task': labels: task ...")
    path = published_file(labels, tmp_path / "labels.tsv")
    read = read_task_labels(path)
    read.loc[4, "title"] = None
    with pytest.raises(DataFormatError) as info:
        train_learned(read, None, n_folds=2, config=WORDS_ONLY, labels_path=path)
    assert str(info.value) == (f"{path}, row 6, column 'title': title is missing: the learned model is trained "
                               "on the text of every task and its occupation's title")


LABELS = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1021.00"], "task_id": [7, 7], "task": ["A.", "B."],
                       "human_exposure_agg": ["E1", "E2"], "gpt4_exposure": ["E1", "E1"]})


@pytest.mark.parametrize("path", [None, "tasks.csv"])
def test_reference_errors_name_the_labels_frame_first(path):
    tasks = pd.DataFrame({"task_id": [7], "task": ["A."]})
    kwargs = {} if path is None else {"path": path, "row_offset": 2}
    with pytest.raises(DataFormatError) as info:  # one task ID, two labels: the labels' rows, not the tasks'
        exposure.score_tasks(tasks, "reference", labels=LABELS, **kwargs)
    assert str(info.value) == ("labels, row 2, column 'task_id': task ID 7 is given two labels ('E1' on row 1, "
                               "'E2' on row 2, under two O*NET-SOC codes); the tasks have no onetsoc_code "
                               "column to tell them apart")
    assert (info.value.path, info.value.row, info.value.column) == ("labels", 2, "task_id")
    none = LABELS.assign(task_id=[7, 8], human_exposure_agg=[None, None])
    with pytest.raises(DataFormatError) as info:
        exposure.score_tasks(tasks, "reference", labels=none, **kwargs)
    assert str(info.value) == ("labels, column 'human_exposure_agg': no human label (all 2 rows missing): no task "
                               "would get a published label; give the human labels, or choose source 'gpt4' if "
                               "its labels are the ones given")
    with pytest.raises(DataFormatError, match=r"^labels, column 'gpt4_exposure': no gpt4 label \(all 2 rows"):
        score_reference(tasks, LABELS.assign(task_id=[7, 8], gpt4_exposure=[np.nan] * 2), source="gpt4")


# --------------------------------------------------------------- 2. one's own human labels
def test_a_file_of_human_labels_alone_is_read_as_the_published_layout(tmp_path):
    labels = synthetic_labels(n_occ=4, n_tasks=6)
    full = read_task_labels(published_file(labels, tmp_path / "published.tsv"))
    mine = read_task_labels(human_file(labels, tmp_path / "mine.tsv"), gpt4=False)
    assert mine.columns.tolist() == ["onetsoc_code", "task_id", "task", "task_type", "title", "human_exposure_agg"]
    pd.testing.assert_frame_equal(mine, full[mine.columns])
    # GPT-4's columns are not read, whether the file has them or not
    pd.testing.assert_frame_equal(read_task_labels(tmp_path / "published.tsv", gpt4=False), mine)


def test_a_file_of_human_labels_is_checked_naming_the_file(tmp_path):
    labels = synthetic_labels(n_occ=2, n_tasks=3)
    path = human_file(labels.assign(human_exposure_agg=["E1", "E0", "e2", "E1", "E0", "E2"]), tmp_path / "m.tsv")
    with pytest.raises(DataFormatError) as info:
        read_task_labels(path, gpt4=False)
    assert str(info.value) == (f"{path}, row 4, column 'human_exposure_agg': human_exposure_agg must be E0, E1 or "
                               "E2, got 'e2': write 'E2' (the choices are case-sensitive)")
    path.write_text(HUMAN_HEADER.replace("\thuman_exposure_agg", "") + "11-1011.00\t1\tPlan.\tCore\tCEO\n")
    for gpt4 in (True, False):  # the human label: refused, naming the file and the column
        with pytest.raises(DataFormatError, match=rf"^{path}: missing column\(s\) 'human_exposure_agg'"):
            read_task_labels(path, gpt4=gpt4)
    with pytest.raises(DataFormatError, match="^gpt4 must be True or False"):
        read_task_labels(path, gpt4="no")


def test_the_published_file_gives_the_trainer_the_same_frames():
    path = Path(os.environ["EXPOSURE_MIRROR"]).resolve() / "reference" / "eloundou2023" / "full_labelset_train.tsv"
    full, human = read_task_labels(path), read_task_labels(path, gpt4=False)
    pd.testing.assert_frame_equal(human, full[human.columns])
    pd.testing.assert_frame_equal(training_frame(human), training_frame(full))


def test_train_and_save_trains_on_a_file_of_human_labels(tmp_path):
    labels = synthetic_labels(n_occ=8, n_tasks=10)
    onet = synthetic_onet(labels)
    mine = human_file(labels, tmp_path / "my labels.tsv")
    done = train_and_save(mine, onet, tmp_path / "mine" / "m.npz", n_folds=2)
    published = train_and_save(published_file(labels, tmp_path / "published.tsv"), onet,
                               tmp_path / "published" / "m.npz", n_folds=2)
    assert done.cv == published.cv
    for name in published.model.coef:  # the same model (only the file's sha256 differs in its metadata)
        np.testing.assert_array_equal(done.model.coef[name], published.model.coef[name])
        np.testing.assert_array_equal(done.model.intercept[name], published.model.intercept[name])


# --------------------------------------------------------------- 3. the label to write
@pytest.mark.parametrize("value, shown", [
    ("e1", "'e1': write 'E1' (the choices are case-sensitive)"),
    (np.int64(1), "1: a class? write its label, 'E1'"),
])
def test_a_bad_label_to_train_on_is_told_the_label_to_write(value, shown):
    labels = small_labels().astype({"human_exposure_agg": object})
    labels.loc[2, "human_exposure_agg"] = value
    for call in (training_frame, lambda f: train_learned(f, None, n_folds=2, config=WORDS_ONLY)):
        with pytest.raises(DataFormatError) as info:
            call(labels)
        assert str(info.value) == (f"labels, row 3, column 'human_exposure_agg': human_exposure_agg must be E0, "
                                   f"E1 or E2, got {shown}")
