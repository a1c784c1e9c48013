"""Fault round 33: :func:`exposure.score_tasks` given the frames a researcher passes in a notebook.

Faults found (each test below fails on the code before the fix, except the guard at the end):

1. A categorical occupation title column holding a title that is not plain ASCII
   (``pd.Categorical(["Café Manager", ...])``, as ``df["title"].astype("category")``
   gives) raised pandas' ``TypeError: Cannot setitem on a Categorical with a new category
   (Cafe Manager), set the categories first`` (the titles are normalised before scoring).
2. ``occupation_column`` naming the text column (``occupation_column="task"``) was
   accepted: every task text was read as its own occupation title, and the category
   flags changed without a word (``Draft captions for Instagram posts.`` lost
   ``entry_creative``). Now refused, naming the column.
3. ``text_column="title"`` (a frame whose task texts sit under ``title``), with the
   default ``occupation_column``: the texts were read as occupation titles too, and the
   same texts were tagged otherwise than under ``task`` (``entry_creative`` lost). Now a
   text column named ``title`` is not also read as the titles.
4. ``path`` (the input name used in messages) was not checked: ``path=5``, ``["a"]``,
   ``b"t.csv"``, ``True`` or ``""`` gave messages such as ``5, row 2, column 'task': ...``
   or ``, row 2, column 'task': ...``. Now refused up front, naming the argument.
5. A row problem of a frame whose index is not the default ``0..n-1`` (a filtered frame,
   ``df[df.n > 1]``, a string or multi-level index) named only the position
   (``row 2, column 'task': ...``), which ``df.loc[2]`` does not find; the title check
   alone gave the label. Now the index label is added (``(index 20)``) when no ``path``
   is given; a frame with the default index, or a file, reads as before.
6. A text column that the frame has under another case or with spaces (``Task``,
   ``"task "``) gave a hint written for files: ``the file has 'Task': rename it task (or
   name it as the text column)``, and for ``text_column="task "`` the advice to rename
   the frame's ``task`` column to ``task `` (unquoted). For a frame without ``path`` it
   now says ``the frame has 'Task': rename that column 'task' (or give
   text_column='Task')``; a file's message is as before.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from exposure import score_tasks
from exposure.errors import DataFormatError
from exposure.scoring import SCORE_COLUMNS
from exposure.scoring.categories import tag_categories

TEXTS = ["Draft captions for Instagram posts.", "Answer telephones and relay messages.",
         "Write Python scripts to clean data."]
FLAGS = ["admin", "routine_coding", "entry_creative"]
METHODS = ["rubric", "learned"]


# 1. a categorical title column with a title that is not ASCII


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("title", ["Café Manager", "Cafe\u0301 Manager"])
def test_categorical_titles_not_ascii_are_scored(method, title):
    titles = [title, "Clerk", None]
    plain = pd.DataFrame({"task": TEXTS, "title": titles})
    frame = plain.assign(title=pd.Categorical(titles))
    out = score_tasks(frame, method)
    expected = score_tasks(plain, method)
    assert out[list(SCORE_COLUMNS)].equals(expected[list(SCORE_COLUMNS)])
    assert isinstance(out["title"].dtype, pd.CategoricalDtype)  # the caller's column as given
    assert out["title"].tolist()[:2] == titles[:2]


# 2. occupation_column naming the text column


@pytest.mark.parametrize("method", [*METHODS, "reference"])
def test_occupation_column_same_as_text_column_refused(method):
    frame = pd.DataFrame({"task": TEXTS})
    with pytest.raises(DataFormatError, match=re.escape(
            "column 'task': occupation_column 'task' is the text column too: give the column "
            "of occupation titles, or None (no titles)")):
        score_tasks(frame, method, occupation_column="task")


def test_occupation_column_same_as_text_column_refused_naming_the_file():
    frame = pd.DataFrame({"text": TEXTS})
    with pytest.raises(DataFormatError, match=r"^t\.csv, column 'text': occupation_column 'text' "):
        score_tasks(frame, "rubric", text_column="text", occupation_column="text", path="t.csv")


# 3. a text column named ``title``


@pytest.mark.parametrize("method", METHODS)
def test_text_column_named_title_is_not_read_as_titles(method):
    as_task = score_tasks(pd.DataFrame({"task": TEXTS}), method)
    as_title = score_tasks(pd.DataFrame({"title": TEXTS}), method, text_column="title")
    assert as_title[FLAGS].equals(as_task[FLAGS])
    assert bool(as_title["entry_creative"].iloc[0])  # the captions are entry-level creative
    cols = ["p_e0", "p_e1", "p_e2", "label", "confidence"]
    assert as_title[cols].equals(as_task[cols])


# 4. the ``path`` argument


@pytest.mark.parametrize("path, shown", [(5, "int 5"), (["a"], "list ['a']"),
                                         (b"t.csv", "bytes b't.csv'"), (True, "bool True")])
def test_path_of_the_wrong_type_refused(path, shown):
    with pytest.raises(DataFormatError, match=re.escape(
            f"path must be the name of the input file (str or os.PathLike) or None, got {shown}")):
        score_tasks(pd.DataFrame({"task": TEXTS}), "rubric", path=path)


def test_empty_path_refused():
    with pytest.raises(DataFormatError, match=re.escape(
            "path is empty: give the name of the input file, or None")):
        score_tasks(pd.DataFrame({"task": TEXTS}), "rubric", path="")


def test_path_checked_before_the_rows():
    bad = pd.DataFrame({"task": ["Weld pipes.", ""]})
    with pytest.raises(DataFormatError, match="^path must be"):
        score_tasks(bad, "rubric", path=5)


# 5. the index label of a bad row


def _frame(index):
    return pd.DataFrame({"onetsoc_code": ["43-4171.00"] * 3, "task_id": [1, 2, 3],
                         "task": ["Answer telephones.", "Sort mail.", "Type letters."],
                         "n": [1, 2, 3]}, index=index)


@pytest.mark.parametrize("column, value, reason", [
    ("task", "", "task text must be a non-empty string, got ''"),
    ("task_id", "x", "task ID 'x' is not an integer"),
    ("task_id", -4, "task ID -4 is negative; O*NET task IDs are 0 or more"),
    ("onetsoc_code", "43-4171", "O*NET-SOC code '43-4171' is not of the form 00-0000.00 "
                                "(e.g. 11-1011.00): a SOC code? an O*NET-SOC code has a two-digit "
                                "suffix: write '43-4171.00' (the SOC occupation itself) or the "
                                "O*NET-SOC code meant"),
    ("task_id", 1, "duplicate task key (43-4171.00, 1), first on row 1"),
])
def test_row_error_names_the_index_label(column, value, reason):
    frame = _frame([10, 20, 30])
    frame[column] = frame[column].astype(object)
    frame.loc[20, column] = value
    with pytest.raises(DataFormatError) as info:
        score_tasks(frame, "rubric")
    assert str(info.value) == f"row 2, column {column!r}: {reason} (index 20)"
    assert info.value.row == 2 and info.value.column == column


def test_row_error_of_a_filtered_frame_names_its_label():
    frame = _frame([0, 1, 2]).assign(task=["Answer telephones.", "Sort mail.", None])
    picked = frame[frame["n"] > 1]
    with pytest.raises(DataFormatError, match=re.escape(
            "row 2, column 'task': task text must be a non-empty string, got a missing value (index 2)")):
        score_tasks(picked, "learned")


@pytest.mark.parametrize("index, shown", [
    (["a", "b", "c"], "'b'"),
    (pd.MultiIndex.from_tuples([("x", 1), ("x", 2), ("y", 1)]), "('x', 2)"),
    (pd.date_range("2024-01-01", periods=3), "Timestamp('2024-01-02 00:00:00')"),
])
def test_row_error_names_labels_of_other_indexes(index, shown):
    frame = _frame(index).assign(task=["Answer telephones.", " ", "Type."])
    with pytest.raises(DataFormatError) as info:
        score_tasks(frame, "rubric")
    assert str(info.value).endswith(f"got ' ' (index {shown})")


def test_row_error_of_default_index_or_a_file_unchanged():
    frame = _frame(None).assign(task=["Answer telephones.", "", "Type."])
    with pytest.raises(DataFormatError) as info:
        score_tasks(frame, "rubric")
    assert str(info.value) == "row 2, column 'task': task text must be a non-empty string, got ''"
    with pytest.raises(DataFormatError) as info:
        score_tasks(frame.set_axis([10, 20, 30]), "rubric", path="t.csv", row_offset=2)
    assert str(info.value) == ("t.csv, row 3, column 'task': task text must be a non-empty "
                               "string, got ''")


def test_title_error_keeps_its_one_index_label():
    frame = _frame([10, 20, 30]).assign(title=["Clerk", 5, "Typist"])
    with pytest.raises(DataFormatError) as info:
        score_tasks(frame, "rubric")
    assert str(info.value) == ("row 2, column 'title': occupation title must be text or "
                               "missing, got int 5 (index 20)")


# 6. the hint of a text column under another spelling


@pytest.mark.parametrize("columns, text_column, near", [
    (["Task", "title"], "task", "Task"),
    ([" task", "title"], "task", " task"),
    (["task", "title"], "task ", "task"),
])
def test_text_column_hint_for_a_frame(columns, text_column, near):
    frame = pd.DataFrame([["Answer telephones.", "Clerk"]], columns=columns)
    with pytest.raises(DataFormatError) as info:
        score_tasks(frame, "rubric", text_column=text_column)
    assert str(info.value) == (
        f"column {text_column!r}: missing text column {text_column!r} (columns: {columns}); the "
        f"frame has {near!r}: rename it: tasks.rename(columns={{{near!r}: {text_column!r}}}) (or give "
        f"text_column={near!r})")
    with pytest.raises(DataFormatError, match=re.escape(f"(or give text_column={near!r})")):
        tag_categories(frame, text_column=text_column)


def test_text_column_hint_for_a_file_unchanged():
    frame = pd.DataFrame([["Answer telephones.", "Clerk"]], columns=["Task", "title"])
    with pytest.raises(DataFormatError) as info:
        score_tasks(frame, "rubric", path="t.csv")
    assert str(info.value) == ("t.csv, column 'task': missing text column 'task' (columns: "
                               "['Task', 'title']); the file has 'Task': rename it 'task', or give "
                               "text_column='Task'")


# guard: the caller's frame is returned as given, with the scores appended


@pytest.mark.parametrize("method", METHODS)
def test_caller_frame_kept_as_given(method):
    frame = pd.DataFrame({
        "task": pd.array(["Prepare re\u0301sume\u0301s.", "Sort mail.", "Type letters."],
                         dtype="string[pyarrow]"),
        "title": pd.Categorical(["Clerk", "Clerk", None]),
        "onetsoc_code": pd.array(["43-4171.00", None, "43-4171.00"], dtype="string"),
        "task_id": pd.array([1, None, 3], dtype="Int64"),
        "w": [1.5, np.nan, 2.0],
    }, index=pd.Index([5, 7, 9], name="rid"))
    before = frame.copy(deep=True)
    out = score_tasks(frame, method)
    assert frame.equals(before) and (frame.dtypes == before.dtypes).all()
    assert out.index.equals(frame.index) and out.index.name == "rid"
    assert list(out.columns) == [*frame.columns, *SCORE_COLUMNS]
    assert out[list(frame.columns)].equals(frame)
