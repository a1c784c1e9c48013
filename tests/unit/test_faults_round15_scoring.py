"""Round 15 fault hunt: the public scoring functions (score_tasks, rubric, categories, _inputs).

Each test failed before its fix: a raw pandas/numpy error, or an argument silently ignored.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from exposure.errors import DataFormatError
from exposure.scoring import score_tasks
from exposure.scoring._inputs import (
    check_job_zones,
    check_task_types,
    check_text_column,
    job_zone_values,
    task_texts,
)
from exposure.scoring.categories import explain_categories, tag_categories
from exposure.scoring.rubric import score_rubric

PUBLIC = [score_rubric, tag_categories, explain_categories]


# ------------------------------------------------- repeated or multi-level column names
# score_tasks refused them; the public scorers raised AttributeError ('DataFrame' object has
# no attribute 'tolist') or IndexError (too many indices) from the repeated column
@pytest.mark.parametrize("scorer", [*PUBLIC, task_texts], ids=lambda f: f.__name__)
@pytest.mark.parametrize("frame, message", [
    (pd.DataFrame([["Type.", "Weld."]], columns=["task", "task"]), "column 'task': given more than once: keep one"),
    (pd.DataFrame([["Type.", 3, 4]], columns=["task", "job_zone", "job_zone"]),
     "column 'job_zone': given more than once: keep one"),
    (pd.DataFrame([["Type.", "Clerk", "Clerk"]], columns=["task", "title", "title"]),
     "column 'title': given more than once: keep one"),
    (pd.DataFrame([["Type.", "43-9061.00", "43-9061.00", 1]],
                  columns=["task", "onetsoc_code", "onetsoc_code", "task_id"]),
     "column 'onetsoc_code': given more than once: keep one"),
    (pd.DataFrame({("task", "a"): ["Type."]}), "multi-level column names"),
], ids=["text", "job_zone", "title", "onetsoc_code", "multi-level"])
def test_public_scorers_refuse_repeated_or_multi_level_columns(scorer, frame, message):
    with pytest.raises(DataFormatError, match=message) as info:
        scorer(frame)
    assert info.value.row is None


def test_score_tasks_still_names_repeated_and_multi_level_columns():
    with pytest.raises(DataFormatError, match="^tasks has multi-level column names"):
        score_tasks(pd.DataFrame({("task", "a"): ["Type."]}), "rubric")
    with pytest.raises(DataFormatError, match="column 'task': given more than once: keep one"):
        score_tasks(pd.DataFrame([["Type.", "Weld."]], columns=["task", "task"]), "rubric")


# ------------------------------------------------------------- non-text occupation titles
# a list in the title column raised ``TypeError: unhashable type: 'list'`` (pd.unique); it
# was then read as no title, as tag_categories read it. Since round 27 both refuse a title
# that is neither text nor missing, naming its row (it was scored and tagged as a text alone)
@pytest.mark.parametrize("method", ["rubric", "learned"])
def test_score_tasks_refuses_a_list_title(method):
    texts = ["Answer telephones and relay messages.", "Weld steel beams."]
    with pytest.raises(DataFormatError, match=r"row 1, column 'title': occupation title must be text or "
                                              r"missing, got list \['Clerk'\]"):
        score_tasks(pd.DataFrame({"task": texts, "title": [["Clerk"], "Welder"]}), method)
    assert len(score_tasks(pd.DataFrame({"task": texts, "title": [None, "Welder"]}), method)) == 2


# ------------------------------------------------------------------- row_offset of checks
# score_tasks refused a row_offset that is not a whole number; the public checks of
# _inputs raised ``TypeError: unsupported operand type(s) for +: 'int' and 'NoneType'``
# (naming no argument) when they came to report a bad row
@pytest.mark.parametrize("check, frame", [
    (task_texts, pd.DataFrame({"task": [""]})),
    (check_text_column, pd.DataFrame({"task": [""]})),
    (check_task_types, pd.DataFrame({"task_type": ["core"]})),
    (check_job_zones, pd.DataFrame({"job_zone": [9]})),
    (lambda frame, **kw: job_zone_values(frame["job_zone"], **kw), pd.DataFrame({"job_zone": [9]})),
], ids=["task_texts", "check_text_column", "check_task_types", "check_job_zones", "job_zone_values"])
@pytest.mark.parametrize("row_offset", [None, "2", 1.5, -1, True])
def test_input_checks_refuse_a_row_offset_that_is_not_a_whole_number(check, frame, row_offset):
    with pytest.raises(DataFormatError, match="^row_offset must be a whole number of 0 or more"):
        check(frame, row_offset=row_offset)


def test_input_checks_read_an_integral_row_offset():
    with pytest.raises(DataFormatError, match="^row 3, column 'job_zone'"):
        check_job_zones(pd.DataFrame({"job_zone": [9]}), row_offset=np.int64(3))
    with pytest.raises(DataFormatError, match="^row 3, column 'task'"):
        task_texts(pd.DataFrame({"task": [""]}), row_offset=3.0)


# --------------------------------------------------------------- onet of the wrong kind
# score_tasks refused them; the public scorers ignored them (a release name, a table) when
# the frame had no task keys, and scored as without a release
@pytest.mark.parametrize("scorer", PUBLIC, ids=lambda f: f.__name__)
@pytest.mark.parametrize("onet, shown", [
    ("29.1", "got str '29.1'"),
    (5, "got int 5"),
    (pd.DataFrame({"onetsoc_code": ["43-9061.00"], "title": ["Clerk"]}), "got DataFrame: pass the release itself"),
    ({"task_dwas": pd.DataFrame()}, "got dict without a 'task_dwas' table"),
], ids=["name", "number", "table", "dict"])
def test_public_scorers_refuse_an_onet_that_is_not_a_release(scorer, onet, shown):
    frame = pd.DataFrame({"task": ["File records."], "title": ["File Clerk"]})
    with pytest.raises(DataFormatError, match=f"^onet must be an O\\*NET release.*{shown}"):
        scorer(frame, onet=onet)


@pytest.mark.parametrize("onet, example", [(5, "'29.1'"), ("/data/onet", "'29.1'"), ("30.1", "'30.1'")])
def test_onet_example_echoes_only_a_release_name(onet, example):
    """``onet=5`` said ``e.g. exposure.load_onet(5)``: the bad value as the example."""
    from exposure.scoring import score_tasks

    with pytest.raises(DataFormatError, match=rf"e\.g\. exposure\.load_onet\({example}\) \(or None\)"):
        score_tasks(pd.DataFrame({"task": ["Draft replies to emails."]}), "rubric", onet=onet)
