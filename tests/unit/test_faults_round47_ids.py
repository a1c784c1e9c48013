"""Round 47: the public lower-level scorers and taggers given a caller's own task IDs.

A researcher calls the public functions on a task list with their OWN ``task_id`` values
(1, 2, 3, ...) next to real O*NET-SOC codes, and an O*NET release. ``score_tasks`` reads
a row whose (code, task ID) O*NET lists for another statement from its text and code, with
one warning; the public functions below read that other task's work activities instead,
without a word.

Faults found and fixed:

- ``tag_categories``: "Drive a forklift in the warehouse." under a receptionist's code and
  the task ID of "Answer telephones and take messages." was tagged ``admin`` (that task's
  DWA "answering telephones").
- ``explain_categories``: the same row, ``admin`` with the evidence
  ``dwa 4.A.4.a.3.I03.D11: answering telephones``.
- ``score_rubric``: the row got the vote of that task's work activity (``iwa
  4.A.4.a.3.I03 -> E1``) next to its own ``verb 'drive' -> E0``.
- ``score_learned``: the row was scored as that O*NET task (``feature_set`` ``onet``,
  with its work activities: E1, confidence near 1, on O*NET 29.1 0.96 for a forklift).

Each now reads such rows from their text and code, as ``score_tasks`` does, with one
warning naming the first (:func:`exposure.scoring._inputs.without_other_ids`). The task
statement itself (or reworded, or with a note) under its key is still that task.
"""

from __future__ import annotations

import logging
from types import SimpleNamespace

import pandas as pd
import pandas.testing as pdt

from exposure.scoring.categories import explain_categories, tag_categories
from exposure.scoring.learned import score_learned
from exposure.scoring.rubric import score_rubric

OTHER = "lists for another task than their text"
PHONES = "Answer telephones and take messages."
GREET = "Greet visitors at the front desk."
FORKLIFT = "Drive a forklift in the warehouse."
CODE = "43-4171.00"


def _release() -> SimpleNamespace:
    return SimpleNamespace(
        release="99.9",
        tasks=pd.DataFrame({"onetsoc_code": [CODE, CODE], "task_id": [1, 2], "task": [PHONES, GREET]}),
        task_dwas=pd.DataFrame({"onetsoc_code": [CODE], "task_id": [1], "dwa_id": ["4.A.4.a.3.I03.D11"]}),
        dwas=pd.DataFrame({"dwa_id": ["4.A.4.a.3.I03.D11"], "iwa_id": ["4.A.4.a.3.I03"],
                           "dwa_title": ["Answer telephones."]}),
        occupations=pd.DataFrame({"onetsoc_code": [CODE], "title": ["Receptionists"], "job_zone": [2]}),
    )


def _frame(ids):
    """The caller's list: the statement of task 1, then a forklift text under ``ids``."""
    return pd.DataFrame({"onetsoc_code": [CODE, CODE], "task_id": ids, "task": [PHONES, FORKLIFT]})


def _said(caplog):
    return [r.getMessage() for r in caplog.records if OTHER in r.getMessage()]


def test_tag_categories_reads_a_row_of_another_tasks_id_from_its_text(caplog):
    onet = _release()
    with caplog.at_level(logging.WARNING):
        out = tag_categories(_frame([1, 1]), onet=onet)
    assert out["admin"].tolist() == [True, False]  # was [True, True]: the forklift tagged admin
    said = _said(caplog)
    assert len(said) == 1
    assert "1 row(s)" in said[0] and "first: row 2, column 'task_id': 1 under '43-4171.00'" in said[0]
    assert "'Drive a forklift in the warehouse.'" in said[0]


def test_tag_categories_keeps_the_statement_under_its_own_key(caplog):
    with caplog.at_level(logging.WARNING):
        out = tag_categories(_frame([1, None]), onet=_release())
    assert out["admin"].tolist() == [True, False] and not _said(caplog)


def test_explain_categories_gives_no_evidence_of_another_task(caplog):
    onet = _release()
    with caplog.at_level(logging.WARNING):
        out = explain_categories(_frame([1, 1]), onet=onet)
    assert "answering telephones" in out.loc[0, "admin_rule"]
    assert not out.loc[1, "admin"] and "dwa" not in out.loc[1, "admin_rule"]
    assert len(_said(caplog)) == 1


def test_score_rubric_scores_a_row_of_another_tasks_id_from_its_text_and_code(caplog):
    onet = _release()
    with caplog.at_level(logging.WARNING):
        given = score_rubric(_frame([1, 1]), onet=onet)
    alone = score_rubric(_frame([1, None]), onet=onet)  # the same row without a task ID
    pdt.assert_frame_equal(given, alone)
    assert "iwa 4.A.4.a.3.I03" not in given.loc[1, "rule"] and "job zone 2 prior" in given.loc[1, "rule"]
    assert "iwa 4.A.4.a.3.I03" in given.loc[0, "rule"]
    assert len(_said(caplog)) == 1


def test_score_learned_scores_a_row_of_another_tasks_id_as_free_text(caplog):
    onet = _release()
    with caplog.at_level(logging.WARNING):
        given = score_learned(_frame([1, 1]), onet=onet, path="mine.csv", row_offset=2)
    alone = score_learned(_frame([1, None]), onet=onet)
    assert given["feature_set"].tolist() == ["onet", "text"]  # was ["onet", "onet"]
    pdt.assert_frame_equal(given, alone)
    said = _said(caplog)
    assert len(said) == 1 and said[0].startswith("mine.csv: 1 row(s)") and "first: row 3," in said[0]


def test_score_learned_keeps_a_reworded_statement_as_that_task(caplog):
    frame = pd.DataFrame({"onetsoc_code": [CODE], "task_id": [1],
                          "task": ["answer the telephones, and take messages"]})
    with caplog.at_level(logging.WARNING):
        out = score_learned(frame, onet=_release())
    assert out["feature_set"].tolist() == ["onet"] and not _said(caplog)


def test_onets_own_rewording_is_the_same_task_but_one_shared_word_is_not():
    """O*NET's inclusive rewordings keep 5-9 words (0.33-0.47 of both): one task at the 0.5 bar too.

    The rubric's agreement report scores the published labels' wording under their keys;
    with a bar of half the words alone, 4 of its rows were read as other tasks (its kappa
    moved in the fourth decimal) once score_rubric applied the task-ID test.
    """
    from exposure.scoring._inputs import same_statement

    old = ["Assist physically challenged travelers and other guests with special needs.",
           "Provide care for mentally disturbed, delinquent, or handicapped children."]
    new = ["Assist travelers and guests with disabilities.",
           "Provide care for children with physical, developmental, or mental health disabilities."]
    for a, b in zip(old, new):
        assert same_statement(a, b) and same_statement(b, a)
    assert not same_statement("Weld beams.", "Weld pipes.")
    # three function words in common are not a rewording
    assert not same_statement("Drive a forklift in the warehouse and load the trucks.",
                              "Answer telephones and take messages in the office.")
