"""Round 45 (the new user's first hour): a caller's own task IDs under a real code.

Fault found and fixed: ``exposure score`` (``--onet auto``) and ``score_tasks(..., onet=)``
read ``task_id`` as O*NET's. A caller's own numbering (1, 2, 3, as the README's example
has) under a real O*NET-SOC code named real O*NET tasks, and such a row was scored from
that task's work activities, not from its text, without a word: "Drive a forklift in the
warehouse." came out E1 under one sales manager's task ID and E0 under another. Such rows
are now scored from their text and code, with one warning; a row whose text is the
statement (or a rewording sharing at least half its words) is still the O*NET task.

A made-up release of two tasks, one linked to a work activity.
"""

from __future__ import annotations

import logging
from types import SimpleNamespace

import numpy as np
import pandas as pd

from exposure.scoring import score_tasks


def _release() -> SimpleNamespace:
    return SimpleNamespace(
        release="99.9",
        tasks=pd.DataFrame({"onetsoc_code": ["43-4171.00", "43-4171.00"], "task_id": [1, 2],
                            "task": ["Answer telephones and take messages.", "Greet visitors at the front desk."]}),
        task_dwas=pd.DataFrame({"onetsoc_code": ["43-4171.00"], "task_id": [1], "dwa_id": ["4.A.4.a.2.I03.D01"]}),
        dwas=pd.DataFrame({"dwa_id": ["4.A.4.a.2.I03.D01"], "iwa_id": ["4.A.4.a.2.I03"],
                           "dwa_title": ["Respond to customer inquiries."]}),
        occupations=pd.DataFrame({"onetsoc_code": ["43-4171.00"], "title": ["Receptionists"], "job_zone": [2]}),
    )


def _frame(texts, ids):
    return pd.DataFrame({"onetsoc_code": ["43-4171.00"] * len(texts), "task_id": ids, "task": texts})


def test_own_ids_under_a_real_code_are_scored_from_the_text(caplog):
    onet = _release()
    text = "Drive a forklift in the warehouse."
    with caplog.at_level(logging.WARNING):
        by_id = score_tasks(_frame([text, text], [1, 2]), onet=onet)
    plain = score_tasks(_frame([text], [None]), onet=onet)
    cols = ["p_e0", "p_e1", "p_e2", "admin"]
    # both rows scored as the text with its code, as a row without a task ID is
    for k in range(2):
        assert by_id[cols].iloc[k].tolist() == plain[cols].iloc[0].tolist()
    assert by_id["task_id"].tolist() == [1, 2]  # the caller's columns are kept
    said = [r.getMessage() for r in caplog.records if "lists for another task" in r.getMessage()]
    assert len(said) == 1 and "2 row(s)" in said[0] and "first: row 1, column 'task_id': 1 under '43-4171.00'" in said[0]


def test_the_statement_and_a_rewording_are_still_the_o_net_task(caplog):
    onet = _release()
    rows = _frame(["Answer telephones and take messages.", "Answer the telephones, and take messages"], [1, 1])
    with caplog.at_level(logging.WARNING):
        out = score_tasks(rows.iloc[[0]], onet=onet), score_tasks(rows.iloc[[1]], onet=onet)
    assert not [r for r in caplog.records if "lists for another task" in r.getMessage()]
    plain = score_tasks(_frame(["Answer telephones and take messages."], [None]), onet=onet)
    # scored with the work activities (the onet set), not as the plain text
    assert out[0]["p_e0"].iloc[0] != plain["p_e0"].iloc[0]
    from exposure.scoring._inputs import other_task_rows

    assert other_task_rows(rows, rows["task"].tolist(), onet).tolist() == [False, False]


def test_rubric_and_keys_not_in_the_release():
    onet = _release()
    rows = _frame(["Weld steel beams.", "Greet visitors at the front desk.", "Weld steel beams."], [1, 2, 7])
    from exposure.scoring._inputs import other_task_rows

    assert other_task_rows(rows, rows["task"].tolist(), onet).tolist() == [True, False, False]
    out = score_tasks(rows, "rubric", onet=onet)
    alone = score_tasks(_frame(["Weld steel beams."], [None]), "rubric", onet=onet)
    assert np.allclose(out[["p_e0", "p_e1", "p_e2"]].iloc[0], alone[["p_e0", "p_e1", "p_e2"]].iloc[0])
