"""Round 46: O*NET task IDs given with other texts (the leads of round 45's review).

Faults found and fixed:

- ``exposure score FILE`` (``score_file``) streams a file in batches: each batch with rows
  whose (code, task ID) O*NET lists for another statement warned on its own ("1 row(s)
  ... first: row 2", "1 row(s) ... first: row 3", ... once per batch with
  ``--batch-rows 1``), where the whole file gives one line. Now one warning per file,
  with the file's count and its first line.
- A row whose text is the O*NET statement followed by a note of the caller ("Answer
  telephones and take messages (about two hours a day, ...)") shared less than half of
  the words of both, and was scored from its text alone, with a warning that O*NET lists
  its key "for another task than their text". A text holding the statement whole is now
  that task.
- ``reference`` (published labels joined by key) still joined whatever the text: "Drive a
  forklift in the warehouse." under a receptionist's task 2 got the human label of
  "Greet visitors at the front desk.", without a word (also with the task ID alone, no
  code). Such rows now get no label (NaN, counted as unscored), with one warning; the
  statement is the labels' own ``task`` column when given (the published labels have
  it), else the ``onet`` release's.

Edge inputs that were already right (pinned here): task IDs ``1.0``, ``"1"``, ``" 1"``,
``"0001"`` are task 1; the statement in other case or punctuation is the task; a
missing code or ID is never flagged.
"""

from __future__ import annotations

import logging
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest
from _frames import write_csv

from exposure.scoring import score_tasks
from exposure.scoring._inputs import other_task_rows

OTHER = "lists for another task than their text"
PHONES = "Answer telephones and take messages."
GREET = "Greet visitors at the front desk."
FORKLIFT = "Drive a forklift in the warehouse."


def _release() -> SimpleNamespace:
    return SimpleNamespace(
        release="99.9",
        tasks=pd.DataFrame({"onetsoc_code": ["43-4171.00", "43-4171.00"], "task_id": [1, 2],
                            "task": [PHONES, GREET]}),
        task_dwas=pd.DataFrame({"onetsoc_code": ["43-4171.00"], "task_id": [1], "dwa_id": ["4.A.4.a.2.I03.D01"]}),
        dwas=pd.DataFrame({"dwa_id": ["4.A.4.a.2.I03.D01"], "iwa_id": ["4.A.4.a.2.I03"],
                           "dwa_title": ["Respond to customer inquiries."]}),
        occupations=pd.DataFrame({"onetsoc_code": ["43-4171.00"], "title": ["Receptionists"], "job_zone": [2]}),
    )


def _frame(texts, ids, code="43-4171.00"):
    return pd.DataFrame({"onetsoc_code": [code] * len(texts), "task_id": ids, "task": texts})


def _said(caplog, part=OTHER):
    return [r.getMessage() for r in caplog.records if part in r.getMessage()]


# --- lead 1: a file in batches -------------------------------------------------------

def test_a_file_scored_in_batches_warns_once_naming_its_first_line(tmp_path, shared_data, caplog):
    from exposure.scoring._files import score_file

    src = write_csv(tmp_path, "onetsoc_code,task_id,task\n"
                    f"11-1011.00,8823,{FORKLIFT}\n"
                    "11-1011.00,8824,Weld steel beams on site.\n"
                    "11-2011.00,,Mop the floors of the lobby.\n"
                    "11-2011.00,3224,Mop the floors of the lobby every evening.\n", "in.csv")
    with caplog.at_level(logging.WARNING):
        score_file(src, tmp_path / "by1.csv", "rubric", onet="29.1", mirror=shared_data, batch_rows=1)
    streamed = _said(caplog)
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        score_file(src, tmp_path / "whole.csv", "rubric", onet="29.1", mirror=shared_data, batch_rows=None)
    whole = _said(caplog)
    assert len(whole) == 1 and "3 row(s)" in whole[0]
    assert streamed == whole  # one line, the file's count, its first line (header = line 1)
    assert "in.csv: 3 row(s)" in streamed[0] and "first: row 2, column 'task_id': 8823 under '11-1011.00'" in streamed[0]
    assert (tmp_path / "by1.csv").read_bytes() == (tmp_path / "whole.csv").read_bytes()


# --- lead 2: edge inputs of other_task_rows -------------------------------------------

@pytest.mark.parametrize("task_id", [1, 1.0, "1", " 1", "0001", "1.0", np.int64(1)])
def test_every_spelling_of_a_task_id_is_that_task(task_id):
    onet = _release()
    rows = pd.DataFrame({"onetsoc_code": ["43-4171.00"] * 2, "task_id": pd.Series([task_id] * 2, dtype=object),
                         "task": [PHONES, FORKLIFT]})
    assert other_task_rows(rows, rows["task"].tolist(), onet).tolist() == [False, True]


def test_missing_code_or_id_is_never_flagged():
    onet = _release()
    rows = pd.DataFrame({"onetsoc_code": [None, "43-4171.00", np.nan], "task_id": [2, None, np.nan],
                         "task": [FORKLIFT, FORKLIFT, FORKLIFT]})
    assert other_task_rows(rows, rows["task"].tolist(), onet).tolist() == [False, False, False]


@pytest.mark.parametrize("text", ["ANSWER TELEPHONES AND TAKE MESSAGES", "answer telephones, and take messages!",
                                  "Answer telephones and take messages (about two hours a day, mostly in the "
                                  "morning, at the front desk of the clinic).",
                                  "Answer telephones and take messages. Note: shared with two colleagues on "
                                  "the evening shift, about a third of the working week."])
def test_the_statement_with_a_note_or_in_other_case_is_the_o_net_task(text, caplog):
    onet = _release()
    rows = _frame([text], [1])
    assert other_task_rows(rows, [text], onet).tolist() == [False]
    with caplog.at_level(logging.WARNING):
        out = score_tasks(rows, "rubric", onet=onet)
    assert not _said(caplog)
    plain = score_tasks(_frame([text], [None]), "rubric", onet=onet)
    # the work activity of task 1 is used (its DWA is mapped to 'admin')
    assert out["admin"].iloc[0] or out["p_e0"].iloc[0] != plain["p_e0"].iloc[0]


def test_a_short_statement_inside_another_text_and_a_longer_other_text():
    onet = SimpleNamespace(tasks=pd.DataFrame({"onetsoc_code": ["51-4121.00"] * 2, "task_id": [5, 6],
                                               "task": ["Weld pipes.", "Inspect welds for defects using gauges."]}))
    rows = pd.DataFrame({"onetsoc_code": ["51-4121.00"] * 3, "task_id": [5, 5, 6],
                         "task": ["Weld pipes and fittings in the boiler room.", "Weld beams.", "Sweep the floor."]})
    assert other_task_rows(rows, rows["task"].tolist(), onet).tolist() == [False, True, True]


# --- lead 4: reference joins published labels by key ----------------------------------

def _labels(with_task=True):
    lab = pd.DataFrame({"onetsoc_code": ["43-4171.00", "43-4171.00"], "task_id": [1, 2],
                        "task": [PHONES, GREET], "human_exposure_agg": ["E1", "E0"]})
    return lab if with_task else lab.drop(columns="task")


def test_reference_gives_no_label_to_a_row_whose_text_is_another_task(caplog):
    rows = _frame([PHONES, FORKLIFT], [1, 2])
    with caplog.at_level(logging.WARNING):
        out = score_tasks(rows, "reference", labels=_labels())
    assert out["label"].tolist()[0] == "E1"
    assert pd.isna(out["label"].iloc[1]) and np.isnan(out["p_e0"].iloc[1])
    said = _said(caplog, "no published label for them")
    assert len(said) == 1 and "1 row(s)" in said[0] and "first: row 2, column 'task_id': 2 under '43-4171.00'" in said[0]
    # the statement in other case keeps its label
    same = score_tasks(_frame(["greet VISITORS at the front desk"], [2]), "reference", labels=_labels())
    assert same["label"].tolist() == ["E0"]


def test_reference_with_the_task_id_alone_checks_the_text_too(caplog):
    rows = pd.DataFrame({"task_id": [1, 2], "task": [PHONES, FORKLIFT]})
    with caplog.at_level(logging.WARNING):
        out = score_tasks(rows, "reference", labels=_labels())
    assert out["label"].iloc[0] == "E1" and pd.isna(out["label"].iloc[1])
    assert len(_said(caplog, "no published label for them")) == 1


def test_reference_reads_the_statements_of_onet_when_the_labels_have_none(caplog):
    rows = _frame([PHONES, FORKLIFT], [1, 2])
    with caplog.at_level(logging.WARNING):
        out = score_tasks(rows, "reference", labels=_labels(with_task=False), onet=_release())
    assert out["label"].iloc[0] == "E1" and pd.isna(out["label"].iloc[1])
    assert len(_said(caplog, "no published label for them")) == 1
    # without any statement, the key alone is joined, as before
    out = score_tasks(rows, "reference", labels=_labels(with_task=False))
    assert out["label"].tolist() == ["E1", "E0"]


def test_reference_keeps_the_label_of_a_statement_reworded_since_the_labels():
    # O*NET 29.1's wording of a task of 39-6011.00 against that of the published labels
    lab = pd.DataFrame({"onetsoc_code": ["39-6011.00"], "task_id": [2318], "human_exposure_agg": ["E0"],
                        "task": ["Assist physically challenged travelers and other guests with special needs."]})
    rows = pd.DataFrame({"onetsoc_code": ["39-6011.00"] * 1, "task_id": [2318],
                         "task": ["Assist travelers and guests with disabilities."]})
    assert score_tasks(rows, "reference", labels=lab)["label"].tolist() == ["E0"]
