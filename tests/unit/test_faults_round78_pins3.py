"""Faults of round 78 (pins3): the repeated-index warning of the learned scorer and of the category shares.

1. ``score_learned(frame)`` (:mod:`exposure.scoring.learned`) on a frame whose index
   repeats a label returned its scores under that index without a word, where
   ``score_tasks``, ``score_rubric``, ``score_reference`` and ``tag_categories`` warn
   (``df.join(score_learned(df))`` gives each row of the label the scores of every row of
   it). Now one warning, in the words of the others
   (:func:`exposure.scoring._inputs.warn_repeated_index`): ``score_learned: the frame's
   index repeats labels (2 row(s); first: 3, rows 1 and 2): the scores are returned row by
   row, but df.join(scores) or .loc by that index pairs each repeated label with every row
   of it (rows duplicated, scores on other rows); call reset_index() first to join the
   scores back``. ``score_tasks(frame)`` (which scores through the private
   ``_score_learned``) still warns once, in its own name; a unique index gets no warning.
2. ``category_shares(tasks)`` (:mod:`exposure.reports.categories`) on a frame whose index
   repeats a label (O*NET's tasks kept with ``set_index("onetsoc_code")``) warned
   ``explain_categories: the frame's index repeats labels (...): the tags are returned row
   by row, but df.join(tags) ... call reset_index() first to join the tags back``: a
   function the caller did not call, of a fault the shares do not have (they count the
   tags by position). Now no such warning, and the same shares as before (those of the
   frame with a plain index); the other warnings stay (an index level named
   ``onetsoc_code`` is still said not to be read), and ``explain_categories`` called
   directly still warns.
"""

from __future__ import annotations

import logging

import pandas as pd

from exposure.reports.categories import category_shares
from exposure.scoring import score_tasks
from exposure.scoring.categories import explain_categories
from exposure.scoring.learned import score_learned

TEXTS = ["Answer telephones and take messages.", "Lay bricks to build walls.", "Type letters."]
REPEATS = "the frame's index repeats labels"


def _said(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name.startswith("exposure")]


# 1. score_learned: the repeated-index warning of the other scorers ----------------------------

def test_1_score_learned_warns_of_a_repeated_index_once(caplog):
    frame = pd.DataFrame({"task": TEXTS}, index=[3, 3, 4])
    with caplog.at_level(logging.WARNING, logger="exposure"):
        out = score_learned(frame)
    assert _said(caplog) == [
        "score_learned: the frame's index repeats labels (2 row(s); first: 3, rows 1 and 2): the scores are "
        "returned row by row, but df.join(scores) or .loc by that index pairs each repeated label with every "
        "row of it (rows duplicated, scores on other rows); call reset_index() first to join the scores back"]
    # the scores are as they were: those of the same frame with a plain index, under the caller's index
    plain = score_learned(frame.reset_index(drop=True))
    assert out.index.tolist() == [3, 3, 4]
    pd.testing.assert_frame_equal(out.reset_index(drop=True), plain)


def test_1_score_tasks_warns_once_in_its_own_name_and_a_unique_index_not_at_all(caplog):
    frame = pd.DataFrame({"task": TEXTS}, index=[3, 3, 4])
    with caplog.at_level(logging.WARNING, logger="exposure"):
        score_learned(frame.set_axis([3, 4, 5]))
        assert _said(caplog) == []
        score_learned(frame)
        said = _said(caplog)
        caplog.clear()
        score_tasks(frame)  # through _score_learned: score_tasks' own warning alone
    assert len(said) == 1 and said[0].startswith(f"score_learned: {REPEATS}")
    assert [m.split(":")[0] for m in _said(caplog) if REPEATS in m] == ["score_tasks"]


# 2. category_shares: no warning of explain_categories on a repeated index --------------------

def test_2_category_shares_of_a_repeated_index_warns_not_and_shares_as_before(caplog):
    frame = pd.DataFrame({"task": ["File records.", "Weld pipes.", "Type letters."]}, index=[1, 1, 2])
    expected = category_shares(frame.reset_index(drop=True))
    with caplog.at_level(logging.WARNING, logger="exposure"):
        got = category_shares(frame)
    assert _said(caplog) == []
    pd.testing.assert_frame_equal(got, expected)
    assert got.loc[got["category"] == "admin", "n_tagged"].item() == 2
    with caplog.at_level(logging.WARNING, logger="exposure"):  # called directly, it still warns
        explain_categories(frame)
    assert [m.split(":")[0] for m in _said(caplog)] == ["explain_categories"]


def test_2_category_shares_keeps_the_other_warnings_of_the_index(caplog):
    # O*NET's tasks kept by code: the codes of the index are not read (said), the labels repeat (not said)
    frame = pd.DataFrame({"task": ["File records.", "Weld pipes.", "Type letters."],
                          "onetsoc_code": ["43-4071.00", "47-2121.00", "43-4071.00"]}).set_index("onetsoc_code")
    with caplog.at_level(logging.WARNING, logger="exposure"):
        got = category_shares(frame)
    assert _said(caplog) == [
        "no 'onetsoc_code' column, but the frame's index has a level 'onetsoc_code': it is not read (the rows "
        "are tagged without it); frame.reset_index() makes it a column"]
    pd.testing.assert_frame_equal(got, category_shares(frame.reset_index(drop=True)))
