"""Fault round 35: the task-category tagger with a loaded O*NET release, and its messages.

Faults found (each test below failed before its fix):

1. The title and code checks always added the row's index label, ``(index 0)`` for a
   default index too, and even to ``score_tasks``' message about a file
   (``t.csv, row 2, column 'title': ... (index 0)``: a 0-based position beside the line
   number), while the job-zone and task-ID checks never named it, not for a frame with
   labels of its own either (``row 2, column 'job_zone': ... got 9`` for the row labelled
   20). Now every check of ``tag_categories`` / ``explain_categories`` names the label
   only for a non-default index (as ``score_tasks`` does,
   :func:`exposure.scoring._inputs.with_index_label`), a MultiIndex label as plain values
   (``('b', 2)``, not ``('b', np.int64(2))``), and none for a file.
2. With ``onet``, a row whose task ID the release does not list under its O*NET-SOC code
   (an unknown ID, an ID of another release, the ID of another occupation's task) got no
   work activities without a word: ``(27-1024.00, 744)``, a receptionist's task ID under
   graphic designers, was read as a task with no work activities. Now one warning line
   names the count, the first row, its code and, when the release has the ID, whose task
   it is.
3. With ``onet``, a ``job_zone`` cell other than the release's zone of the row's code (a
   column from an older release) silently replaced the release's zone:
   ``27-1024.00`` (zone 4 in 29.1) with ``job_zone`` 2 was tagged entry-level creative.
   The cell still wins, as documented; a warning line now names the first such row and
   both zones.
4. An occupation title without a letter was read as a title no occupation has: the
   row lost the contexts of its words (a free-text row without a title takes them from
   its words) and its entry level, so ``Draft captions for Instagram posts.`` under the
   title ``'27-1024.00'`` (a code in the title column) or ``'-'`` (a placeholder) was
   tagged nothing, against ``entry_creative`` with no title. Refused now, naming the row
   and column, and saying to give a code in ``onetsoc_code``.

The other leads were already handled: duplicated labels, a MultiIndex, an empty frame and
one row keep the caller's index and order in both functions (kept so by a test below);
a ``job_zone`` cell takes precedence over the release's zone (documented in the module
docstring, now also in the functions'); a title that matches no occupation (or one in
another language) reads as a title outside every context, as documented.
"""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd
import pytest

from exposure.errors import DataFormatError
from exposure.onet import load_onet
from exposure.schemas._fields import NUMBER_HINT
from exposure.scoring import score_tasks
from exposure.scoring.categories import explain_categories, tag_categories

FUNCS = [tag_categories, explain_categories]
SWITCHBOARD = ("Operate telephone switchboard to answer, screen, or forward calls, providing "
               "information, taking messages, or scheduling appointments.")
CAPTIONS = "Draft captions for Instagram posts."


@pytest.fixture(scope="module")
def onet(shared_data, tmp_path_factory):
    """O*NET 29.1 from the real data mirror."""
    return load_onet("29.1", mirror=shared_data, data_dir=tmp_path_factory.mktemp("onet"))


# --- 1. the index label in messages --------------------------------------------------------

@pytest.mark.parametrize("func", FUNCS)
@pytest.mark.parametrize("frame, message", [
    (pd.DataFrame({"task": ["Type letters."], "title": [5]}),
     "row 1, column 'title': occupation title must be text or missing, got int 5"),
    (pd.DataFrame({"task": ["Type letters."], "onetsoc_code": [43]}),
     "row 1, column 'onetsoc_code': O*NET-SOC code must be text (like 43-4171.00) or "
     "missing, got int 43" + NUMBER_HINT),
    (pd.DataFrame({"task": ["Type letters.", ""]}),
     "row 2, column 'task': task text must be a non-empty string, got ''"),
])
def test_a_default_index_is_not_named(func, frame, message):
    with pytest.raises(DataFormatError) as info:
        func(frame)
    assert str(info.value) == message


@pytest.mark.parametrize("func", FUNCS)
@pytest.mark.parametrize("column, value, message", [
    ("job_zone", 9, "row 2, column 'job_zone': job zone must be a whole number from 1 to 5, "
                    "got 9 (index 20)"),
    ("task_id", -1, "row 2, column 'task_id': task ID -1 is negative; O*NET task IDs are 0 "
                    "or more (index 20)"),
    ("task_id", 1.5, "row 2, column 'task_id': task ID 1.5 is not an integer (index 20)"),
])
def test_job_zone_and_task_id_errors_name_the_index_label(func, column, value, message, onet):
    frame = pd.DataFrame({"task": ["Type letters.", "Type memos."],
                          "onetsoc_code": ["43-4171.00"] * 2, "task_id": [744, 745],
                          "job_zone": [2, 2]}, index=[10, 20])
    frame[column] = frame[column].astype(object)
    frame.loc[20, column] = value
    with pytest.raises(DataFormatError) as info:
        func(frame, onet=onet)
    assert str(info.value) == message


@pytest.mark.parametrize("func", FUNCS)
def test_a_multiindex_label_is_shown_as_plain_values(func):
    frame = pd.DataFrame({"task": ["Type letters.", "Type memos."], "title": ["Clerk", 5]},
                         index=pd.MultiIndex.from_tuples([("a", 1), ("b", 2)]))
    with pytest.raises(DataFormatError) as info:
        func(frame)
    assert str(info.value) == ("row 2, column 'title': occupation title must be text or "
                               "missing, got int 5 (index ('b', 2))")


def test_score_tasks_of_a_file_names_no_index_position():
    frame = pd.DataFrame({"task": ["Type letters."], "title": [5]})
    with pytest.raises(DataFormatError) as info:
        score_tasks(frame, "rubric", path="t.csv", row_offset=2)
    assert str(info.value) == ("t.csv, row 2, column 'title': occupation title must be text "
                               "or missing, got int 5")


def test_score_tasks_of_a_frame_names_a_label_of_its_own():
    frame = pd.DataFrame({"task": ["Type letters."], "title": [5]}, index=[7])
    with pytest.raises(DataFormatError) as info:
        score_tasks(frame, "rubric")
    assert str(info.value).endswith("got int 5 (index 7)")


# --- 2. task IDs the release does not list under the code ----------------------------------

@pytest.mark.parametrize("func", FUNCS)
def test_a_task_id_of_another_occupation_is_warned(func, onet, caplog):
    frame = pd.DataFrame({"task": [SWITCHBOARD] * 2, "onetsoc_code": ["43-4171.00", "27-1024.00"],
                          "task_id": [744, 744]})
    with caplog.at_level(logging.WARNING, logger="exposure.scoring.categories"):
        func(frame, onet=onet)
    lines = [r.getMessage() for r in caplog.records if "task ID" in r.getMessage()]
    assert lines == ["1 row(s) have a task ID that O*NET 29.1 does not list under their "
                     "O*NET-SOC code (first: row 2, column 'task_id': 744 under '27-1024.00'; "
                     "it is a task of 43-4171.00): no work activities from O*NET 29.1 for them"]


def test_an_unknown_task_id_is_warned(onet, caplog):
    frame = pd.DataFrame({"task": [SWITCHBOARD] * 3, "onetsoc_code": ["43-4171.00"] * 3,
                          "task_id": [744, 99999999, 99999998]}, index=[5, 6, 7])
    with caplog.at_level(logging.WARNING, logger="exposure.scoring.categories"):
        out = explain_categories(frame, onet=onet)
    lines = [r.getMessage() for r in caplog.records if "task ID" in r.getMessage()]
    assert lines == ["2 row(s) have a task ID that O*NET 29.1 does not list under their "
                     "O*NET-SOC code (first: row 2, column 'task_id': 99999999 under "
                     "'43-4171.00'): no work activities from O*NET 29.1 for them"]
    assert "dwa " in out.loc[5, "admin_rule"] and "dwa " not in out.loc[6, "admin_rule"]


def test_the_release_s_own_tasks_are_not_warned(onet, caplog):
    tasks = onet.tasks.iloc[::500]  # some of every kind, one with no work activities too
    no_dwa = onet.tasks.merge(onet.task_dwas[["onetsoc_code", "task_id"]].drop_duplicates(),
                              how="left", indicator=True).query("_merge == 'left_only'").head(1)
    frame = pd.concat([tasks, no_dwa[tasks.columns]])
    with caplog.at_level(logging.WARNING, logger="exposure.scoring.categories"):
        tag_categories(frame, onet=onet)
    assert not caplog.records


# --- 3. a job_zone other than the release's ------------------------------------------------

def test_a_job_zone_other_than_the_release_s_is_warned_and_used(onet, caplog):
    frame = pd.DataFrame({"task": [CAPTIONS] * 3, "onetsoc_code": ["27-1024.00"] * 3,
                          "task_id": [307] * 3, "job_zone": [4, None, 2]})
    with caplog.at_level(logging.WARNING, logger="exposure.scoring.categories"):
        out = explain_categories(frame, onet=onet)
    lines = [r.getMessage() for r in caplog.records if "job_zone" in r.getMessage()]
    assert lines == ["1 row(s) have a job_zone other than O*NET 29.1's for their O*NET-SOC "
                     "code (first: row 3, column 'job_zone': 2 for '27-1024.00', which has 4 "
                     "in O*NET 29.1): the job_zone given is used"]
    assert out["job_zone"].tolist() == [4, 4, 2]
    assert out["entry_creative"].tolist() == [False, False, True]


# --- 4. a title without a letter -----------------------------------------------------------

@pytest.mark.parametrize("func", FUNCS)
@pytest.mark.parametrize("title, message", [
    ("27-1024.00", "row 2, column 'title': occupation title '27-1024.00' is an O*NET-SOC code, "
                   "not a title: give it in the 'onetsoc_code' column"),
    ("27-1024", "row 2, column 'title': occupation title '27-1024' is a SOC code, not a title: "
                "give the O*NET-SOC code (like 27-1024.00) in the 'onetsoc_code' column"),
    ("-", "row 2, column 'title': occupation title holds no letter, got '-': give the "
          "occupation's title or leave the cell empty"),
    ("1234", "row 2, column 'title': occupation title holds no letter, got '1234': give the "
             "occupation's title or leave the cell empty"),
])
def test_a_title_without_a_letter_is_refused(func, title, message, onet):
    frame = pd.DataFrame({"task": ["Type letters.", CAPTIONS], "title": ["Clerk", title]})
    with pytest.raises(DataFormatError) as info:
        func(frame, onet=onet)
    assert str(info.value) == message


def test_titles_with_letters_and_missing_titles_still_pass(onet):
    frame = pd.DataFrame({"task": [CAPTIONS] * 4,
                          "title": ["Graphic Designers", "Diseñador gráfico", None, " "]})
    out = explain_categories(frame, onet=onet)
    assert out["occupation"].tolist() == ["27-1024.00", "", "", ""]
    assert out["entry_creative"].tolist() == [False, False, True, True]


# --- kept: the output has the caller's rows, order and index -------------------------------

@pytest.mark.parametrize("func", FUNCS)
@pytest.mark.parametrize("index", [
    [5, 5, 5],
    pd.MultiIndex.from_tuples([("a", 1), ("a", 2), ("b", 1)], names=["k", "n"]),
    pd.Index([np.nan, 1.0, np.nan], name="x"),
])
def test_the_output_keeps_the_callers_index(func, index, onet):
    frame = pd.DataFrame({"task": ["Answer telephones and take messages.",
                                   "Write and debug code.", CAPTIONS]}, index=index)
    out = func(frame, onet=onet)
    assert out.index.equals(frame.index) and out.index.names == frame.index.names
    assert out[["admin", "routine_coding", "entry_creative"]].to_numpy().tolist() == [
        [True, False, False], [False, True, False], [False, False, True]]


@pytest.mark.parametrize("func", FUNCS)
def test_one_row_and_no_rows(func, onet):
    one = pd.DataFrame({"task": [SWITCHBOARD], "onetsoc_code": ["43-4171.00"],
                        "task_id": [744]}, index=pd.Index(["r"], name="id"))
    out = func(one, onet=onet)
    assert out.index.equals(one.index) and bool(out.loc["r", "admin"])
    empty = one.iloc[:0]
    assert func(empty, onet=onet).index.equals(empty.index)
