"""Fault round 52 (keys): the (code, task ID) look-ups of ``exposure.scoring._inputs``.

Faults fixed (each test names its fault):

1. A task list listing one key twice (the tasks of two releases stacked, the statement
   reworded in the second) kept the LAST statement alone: a row whose text is the
   FIRST was read as another task, scored from its text alone (the task ID dropped, its
   work activities not read) with the warning "... lists for another task than their
   text".
2. The same in ``reference`` with labels without statements read against such a
   release: the row lost its published label ("0 of 1 tasks have a published label").
3. A labels frame whose ``task`` cell is missing or blank was compared as the statement
   ``"nan"`` / ``"None"`` / ``"  "``: every row under that key (or that task ID, without
   codes) lost its label, with a warning that the labels give it to another task.
4. ``task_dwas`` of two releases stacked (each link listed twice) gave each work
   activity two votes in the rubric: 15 of 40 O*NET tasks changed label.
"""

from __future__ import annotations

import logging
from types import SimpleNamespace

import pandas as pd
import pytest

from exposure.scoring import score_tasks
from exposure.scoring._inputs import (
    other_label_rows,
    other_task_rows,
    task_dwa_links,
    without_other_ids,
)

CODE = "43-4171.00"
OLD = "Greet visitors at the front desk and direct them to the right office."
NEW = "Operate the telephone switchboard to answer, screen and forward calls."
DWA, IWA = "4.A.1.a.1.I01.D01", "4.A.1.a.1.I01"  # the rubric votes E0 on this IWA


def _tasks(*statements: str) -> pd.DataFrame:
    return pd.DataFrame({"onetsoc_code": CODE, "task_id": [2] * len(statements), "task": list(statements),
                         "task_type": "Core"})


def _onet(tasks: pd.DataFrame, links: int = 1) -> SimpleNamespace:
    task_dwas = pd.DataFrame({"onetsoc_code": [CODE] * links, "task_id": [2] * links, "dwa_id": [DWA] * links})
    return SimpleNamespace(tasks=tasks, task_dwas=task_dwas,
                           dwas=pd.DataFrame({"dwa_id": [DWA], "iwa_id": [IWA]}),
                           occupations=pd.DataFrame({"onetsoc_code": [CODE], "job_zone": [2]}))


def _frame(*texts: str, coded: bool = True) -> pd.DataFrame:
    frame = pd.DataFrame({"onetsoc_code": CODE, "task_id": [2] * len(texts), "task": list(texts)})
    return frame if coded else frame.drop(columns="onetsoc_code")


def _warnings(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]


# fault 1 ------------------------------------------------------------------------------

def test_key_listed_twice_any_statement_is_that_task():
    stacked = _onet(pd.concat([_tasks(OLD), _tasks(NEW)], ignore_index=True))
    texts = [OLD, NEW, "Drive a forklift in the warehouse."]
    assert other_task_rows(_frame(*texts), texts, stacked).tolist() == [False, False, True]


def test_key_listed_twice_first_statement_keeps_its_task_id(caplog):
    stacked = _onet(pd.concat([_tasks(OLD), _tasks(NEW)], ignore_index=True))
    frame = _frame(OLD)
    with caplog.at_level(logging.WARNING, logger="exposure.scoring"):
        assert without_other_ids(frame, [OLD], stacked) is frame
    assert _warnings(caplog) == []


def test_key_listed_twice_rubric_reads_the_work_activities(caplog):
    single = score_tasks(_frame(OLD), method="rubric", onet=_onet(_tasks(OLD)))
    with caplog.at_level(logging.WARNING, logger="exposure.scoring"):
        stacked = score_tasks(_frame(OLD), method="rubric",
                              onet=_onet(pd.concat([_tasks(OLD), _tasks(NEW)], ignore_index=True)))
    assert _warnings(caplog) == []
    cols = ["p_e0", "p_e1", "p_e2", "label"]
    pd.testing.assert_frame_equal(stacked[cols], single[cols])


# fault 2 ------------------------------------------------------------------------------

def test_key_listed_twice_reference_keeps_the_label(caplog):
    labels = pd.DataFrame({"onetsoc_code": [CODE], "task_id": [2], "human_exposure_agg": ["E1"]})
    stacked = _onet(pd.concat([_tasks(OLD), _tasks(NEW)], ignore_index=True))
    with caplog.at_level(logging.WARNING, logger="exposure.scoring"):
        first = score_tasks(_frame(OLD), method="reference", labels=labels, onet=stacked)
        second = score_tasks(_frame(NEW), method="reference", labels=labels, onet=stacked)
    assert first["label"].tolist() + second["label"].tolist() == ["E1", "E1"]
    assert _warnings(caplog) == []


# fault 3 ------------------------------------------------------------------------------

@pytest.mark.parametrize("statement", [None, float("nan"), "", "   "])
@pytest.mark.parametrize("coded", [True, False])
def test_labels_without_a_statement_keep_the_label(caplog, statement, coded):
    labels = pd.DataFrame({"onetsoc_code": [CODE, CODE], "task_id": [2, 3], "task": [statement, "Answer calls."],
                           "human_exposure_agg": ["E1", "E0"]})
    with caplog.at_level(logging.WARNING, logger="exposure.scoring"):
        out = score_tasks(_frame(OLD, coded=coded), method="reference", labels=labels)
    assert out["label"].tolist() == ["E1"]
    assert _warnings(caplog) == []


def test_labels_without_a_statement_still_flag_other_statements():
    labels = pd.DataFrame({"onetsoc_code": [CODE, CODE], "task_id": [2, 2], "task": [None, NEW]})
    texts = [NEW, "Drive a forklift in the warehouse."]
    assert other_label_rows(_frame(*texts), texts, labels).tolist() == [False, True]


# fault 4 ------------------------------------------------------------------------------

def test_links_listed_twice_count_once():
    onet = _onet(_tasks(OLD), links=2)
    links, _ = task_dwa_links(onet)
    assert links == {(CODE, "2"): [DWA]}


def test_links_listed_twice_rubric_score_unchanged():
    text = "Review the office's artwork and performances."
    once = score_tasks(_frame(text), method="rubric", onet=_onet(_tasks(text)))
    twice = score_tasks(_frame(text), method="rubric", onet=_onet(_tasks(text), links=2))
    cols = ["p_e0", "p_e1", "p_e2", "label", "confidence"]
    pd.testing.assert_frame_equal(twice[cols], once[cols])
