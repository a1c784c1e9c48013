"""Round 62 (keys in the index): ``score_tasks`` of a frame whose task keys are index levels.

Tasks are often kept indexed by their keys (``tasks.set_index(["onetsoc_code",
"task_id"])``). ``score_tasks`` reads columns only: such a frame was scored as free text
(no O*NET work activities: another label for many tasks) and
:func:`~exposure.scoring.task_score_table` gave the scores no keys, without a word, while
the same keys under O*NET's headers (``O*NET-SOC Code``) were warned of. Now one warning
names the levels and says ``frame.reset_index()``.
"""

from __future__ import annotations

import logging

import pandas as pd

from exposure.scoring import KEY_LEVELS_MESSAGE, score_tasks

FRAME = pd.DataFrame({"onetsoc_code": ["43-4171.00"], "task_id": [1], "task": ["Answer telephones."]})


def _said(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.msg is KEY_LEVELS_MESSAGE]


def test_keys_in_the_index_are_warned_of(caplog):
    with caplog.at_level(logging.WARNING):
        score_tasks(FRAME.set_index(["onetsoc_code", "task_id"]))
    said = _said(caplog)
    assert len(said) == 1, said  # before: nothing
    assert "the frame's index has the level(s) 'onetsoc_code', 'task_id'" in said[0]
    assert "frame.reset_index()" in said[0]


def test_a_key_level_spelt_as_onet_does_is_warned_of(caplog):
    with caplog.at_level(logging.WARNING):
        score_tasks(FRAME.rename(columns={"onetsoc_code": "O*NET-SOC Code"}).set_index("O*NET-SOC Code"))
    said = _said(caplog)
    assert len(said) == 1 and "'O*NET-SOC Code'" in said[0], said


def test_keys_given_as_columns_too_are_not_warned_of(caplog):
    with caplog.at_level(logging.WARNING):
        score_tasks(FRAME.set_index("task_id", drop=False).rename_axis("task_id"))
        score_tasks(FRAME)
    assert _said(caplog) == []
