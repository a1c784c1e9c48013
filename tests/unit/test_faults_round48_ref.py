"""Round 48: the public ``score_reference`` given a researcher's own task IDs.

A researcher follows the quickstart with their own task list: real O*NET-SOC codes, their
OWN ``task_id`` values and their own task texts, and calls the public
``exposure.scoring.reference.score_reference(frame, labels)``. ``score_tasks(df,
"reference")`` leaves a row whose key the labels give to another statement unlabelled,
with one warning; the public function joined by key whatever the text.

Faults found and fixed:

- ``score_reference``: "Drive a forklift in the warehouse." under a receptionist's code and
  the task ID of the labelled "Greet visitors at the front desk." got that task's human
  label (E1: ``p_e1`` 1.0), without a word; the same through labels read from a label file
  in the published format (``read_task_labels``).
- ``score_reference`` on a frame without ``onetsoc_code`` (the join on the task ID alone):
  the same row got the label of task ID 2, without a word.
- ``score_reference`` could not be told where the texts are: a frame whose statements are in
  another column (``statement``) had no way to be checked (``text_column``, as
  ``score_tasks`` takes).

Such rows now get no label (NaN), with one warning (``OTHER_LABELS_MESSAGE``, on the
``exposure.scoring`` logger, defined once in :mod:`exposure.scoring._inputs` and
re-exported from :mod:`exposure.scoring` as the same object, which ``exposure score`` and
the Dask entry points recognise). The statement itself, reworded (O*NET's rewordings of
the labels' older release) or with a note keeps its label; a missing text, a frame without
a text column and labels without statements join by key as before.
"""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd
import pandas.testing as pdt
import pytest
from _frames import write_text

import exposure.scoring as scoring
from exposure.errors import DataFormatError
from exposure.measures.eloundou import read_task_labels
from exposure.scoring import _inputs, score_tasks
from exposure.scoring.reference import score_reference

CODE = "43-4171.00"
PHONES = "Answer telephones and take messages."
GREET = "Greet visitors at the front desk."
FORKLIFT = "Drive a forklift in the warehouse."
OTHER = "have a task ID that the labels give a label for another task than their text"
LABELS_HEADER = ("\tO*NET-SOC Code\tTask ID\tTask\tTask Type\tTitle\thuman_exposure_agg\tgpt4_exposure\t"
                 "gpt4_exposure_alt_rubric\tgpt_3_relevant\tgpt4_automation\n")


def _labels() -> pd.DataFrame:
    return pd.DataFrame({"onetsoc_code": [CODE, CODE], "task_id": [1, 2], "task": [PHONES, GREET],
                         "human_exposure_agg": ["E2", "E1"], "gpt4_exposure": ["E2", "E1"]})


def _said(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if OTHER in r.getMessage()]


def test_own_text_under_a_labelled_key_gets_no_label(caplog):
    frame = pd.DataFrame({"onetsoc_code": [CODE, CODE], "task_id": [1, 2], "task": [PHONES, FORKLIFT]})
    with caplog.at_level(logging.WARNING):
        out = score_reference(frame, _labels())
    assert out.loc[0].tolist() == [0.0, 0.0, 1.0]
    assert out.loc[1].isna().all()  # was [0, 1, 0]: the label of "Greet visitors"
    said = _said(caplog)
    assert len(said) == 1
    assert "1 row(s)" in said[0] and "first: row 2, column 'task_id': 2 under '43-4171.00'" in said[0]
    assert f"{FORKLIFT!r}" in said[0]
    record = next(r for r in caplog.records if OTHER in r.getMessage())
    assert record.name == "exposure.scoring" and record.msg is scoring.OTHER_LABELS_MESSAGE


def test_labels_read_from_a_label_file(tmp_path, caplog):
    path = write_text(tmp_path, "full_labelset.tsv", LABELS_HEADER
                      + f"0\t{CODE}\t1.0\t{PHONES}\tCore\tReceptionists\tE2\tE2\tE2\tTrue\tT2\n"
                      + f"1\t{CODE}\t2.0\t{GREET}\tCore\tReceptionists\tE1\tE1\tE1\tTrue\tT2\n")
    frame = pd.DataFrame({"onetsoc_code": [CODE], "task_id": [2], "task": [FORKLIFT]})
    with caplog.at_level(logging.WARNING):
        out = score_reference(frame, read_task_labels(path), source="gpt4")
    assert out.isna().all(axis=None) and len(_said(caplog)) == 1


def test_join_on_the_task_id_alone(caplog):
    frame = pd.DataFrame({"task_id": [2, 2], "task": [GREET, FORKLIFT]}, index=[10, 20])
    with caplog.at_level(logging.WARNING):
        out = score_reference(frame, _labels())
    assert out.loc[10].tolist() == [0.0, 1.0, 0.0]
    assert out.loc[20].isna().all()  # was the label of task ID 2
    said = _said(caplog)
    assert len(said) == 1 and "first: row 2 (index 20), column 'task_id': 2, 'Drive" in said[0]


def test_text_column_names_the_statements(caplog):
    frame = pd.DataFrame({"onetsoc_code": [CODE], "task_id": [2], "statement": [FORKLIFT]})
    with caplog.at_level(logging.WARNING):
        out = score_reference(frame, _labels(), text_column="statement")
    assert out.isna().all(axis=None) and len(_said(caplog)) == 1


def test_text_column_that_is_no_column_name():
    with pytest.raises(DataFormatError, match=r"text_column must be a column name \(str\) or None, got list"):
        score_reference(pd.DataFrame({"task_id": [1]}), _labels(), text_column=["task"])


def test_the_statement_reworded_or_with_a_note_keeps_its_label(caplog):
    frame = pd.DataFrame({"onetsoc_code": [CODE] * 3, "task_id": [1, 2, 2],
                          "task": ["answer the telephones, and take messages",
                                   GREET[:-1] + " (mornings, about two hours a day).",
                                   "Gre\u0301et visitors at the front desk."]})
    with caplog.at_level(logging.WARNING):
        out = score_reference(frame, _labels())
    assert out["p_e2"].tolist() == [1.0, 0.0, 0.0] and out["p_e1"].tolist() == [0.0, 1.0, 1.0]
    assert not _said(caplog)


def test_key_alone_without_text_or_statements(caplog):
    """No text column, ``text_column=None``, a missing text, or labels without statements: by key."""
    frame = pd.DataFrame({"onetsoc_code": [CODE, CODE], "task_id": [2, 2], "task": [FORKLIFT, None]})
    expected = pd.DataFrame({"p_e0": [0.0, 0.0], "p_e1": [1.0, 1.0], "p_e2": [0.0, 0.0]})
    with caplog.at_level(logging.WARNING):
        pdt.assert_frame_equal(score_reference(frame.drop(columns="task"), _labels()), expected)
        pdt.assert_frame_equal(score_reference(frame, _labels(), text_column=None), expected)
        pdt.assert_frame_equal(score_reference(frame, _labels().drop(columns="task")), expected)
        out = score_reference(frame, _labels())
    assert out.loc[0].isna().all() and out.loc[1].tolist() == [0.0, 1.0, 0.0]  # the missing text: by key
    assert len(_said(caplog)) == 1


def test_score_tasks_and_score_reference_agree_and_warn_once(caplog):
    frame = pd.DataFrame({"onetsoc_code": [CODE] * 3, "task_id": [1, 2, 3],
                          "task": [PHONES, FORKLIFT, "Weld pipes."]})
    with caplog.at_level(logging.WARNING):
        via_tasks = score_tasks(frame, "reference", labels=_labels())
    assert len(_said(caplog)) == 1
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        direct = score_reference(frame, _labels())
    assert len(_said(caplog)) == 1
    np.testing.assert_array_equal(via_tasks[["p_e0", "p_e1", "p_e2"]].to_numpy(), direct.to_numpy())


def test_one_message_object_on_the_scoring_logger():
    assert scoring.OTHER_LABELS_MESSAGE is _inputs.OTHER_LABELS_MESSAGE
    assert scoring.OTHER_IDS_MESSAGE is _inputs.OTHER_IDS_MESSAGE
    assert _inputs._SCORING_LOG.name == "exposure.scoring"
