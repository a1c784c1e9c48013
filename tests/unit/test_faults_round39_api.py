"""Fault round 39: :func:`exposure.score_tasks` given odd frames and arguments in a notebook.

Faults found (each test below fails on the code before the fix, except the guards):

1. A refused cell of 1 MB (a task text of digits or spaces, bytes, a list of text, a
   text of emoji only: a file whose line breaks were lost, or a cell holding a whole
   document) was written out whole in the error: ``row 1, column 'task': task text
   holds no letter, got '1111...`` one line of 1,000,139 characters. Now the cell is
   cut to its first and last characters and its type and length are said:
   ``got '1111...1111' (str of 1,000,000 characters)``.
2. The same for an index label of 1 MB (``... (index 'xxxx...')``) named with a row
   problem of a frame with labels of its own.
3. The same for an ``onetsoc_code``, a ``task_id`` (``task ID '1111...' is not an
   integer``), a ``task_type`` and a ``job_zone`` of 1 MB.
4. A frame of many columns without the text column listed every column name in the
   message (5,000 columns: a message of 40,000 characters); now the first 12, and the
   count.
5. ``onet=`` a numpy number: ``np.float64(29.1)`` was written ``got float64
   np.float64(29.1)``, and ``np.int64(29)`` said ``got int64 without a 'tasks' table``
   (as for an object); now ``got float64 29.1`` / ``got int64 29``, as a Python number.
6. ``onet=28.3`` (a float release name) gave the example ``exposure.load_onet('29.1')``,
   where ``onet="28.3"`` echoes ``'28.3'``; now the float's release is echoed too.
7. ``onet=`` a path (``Path("data/onet")``, or a str with a ``/``) was written
   ``got PosixPath PosixPath('data/onet')``, without saying what to do with it; now
   ``got PosixPath 'data/onet': a path is not a release; load the release first
   (load_onet's mirror= and data_dir= say where its files are)``.

The scores of O*NET 29.1's 18,796 tasks (as a release table, as texts alone, as texts
with code and title, and the modern tasks v11 texts) are the same as before (checked
outside the suite: ``DataFrame.equals`` against the outputs of the code before).
"""

from __future__ import annotations

import pathlib

import numpy as np
import pandas as pd
import pytest

from exposure import score_tasks
from exposure.errors import DataFormatError

MB = 1_000_000
#: Longest message expected of one bad cell (the reason plus a cut cell).
SHORT = 400


def _error(frame, **kwargs) -> str:
    with pytest.raises(DataFormatError) as info:
        score_tasks(frame, "rubric", **kwargs)
    return str(info.value)


# 1. a task text of 1 MB


@pytest.mark.parametrize(("cell", "start", "kind"), [
    ("1" * MB, "row 2, column 'task': task text holds no letter, got '111", "(str of 1,000,000 characters)"),
    (" " * MB, "row 2, column 'task': task text must be a non-empty string, got '   ",
     "(str of 1,000,000 characters)"),
    (b"a" * MB, "row 2, column 'task': task text must be a non-empty string, got b'aaa",
     "(bytes of 1,000,000 characters)"),
    (["a" * MB], "row 2, column 'task': task text must be a non-empty string, got ['aaa",
     "(list of 1 items)"),
    ("\U0001f600" * MB, "row 2, column 'task': task text holds no letter or digit, got '\U0001f600",
     "(str of 1,000,000 characters)"),
])
def test_long_bad_text_is_cut_in_the_message(cell, start, kind):
    message = _error(pd.DataFrame({"task": pd.Series(["Type letters.", cell], dtype=object)}))
    assert message.startswith(start)
    assert kind in message
    assert len(message) < SHORT


def test_long_text_in_a_file_message_is_cut_too():
    frame = pd.DataFrame({"task": ["Type letters.", "7" * MB]})
    message = _error(frame, path="tasks.csv", row_offset=2)
    assert message.startswith("tasks.csv, row 3, column 'task': task text holds no letter, got '777")
    assert len(message) < SHORT


def test_short_bad_text_is_written_whole():  # guard: a usual cell is quoted as before
    message = _error(pd.DataFrame({"task": ["Type letters.", "744"]}))
    assert message.startswith("row 2, column 'task': task text holds no letter, got '744': ")


# 2. an index label of 1 MB


def test_long_index_label_is_cut():
    frame = pd.DataFrame({"task": ["Type letters.", ""]}, index=["a", "x" * MB])
    message = _error(frame)
    assert message.startswith("row 2, column 'task': task text must be a non-empty string, got '' "
                              "(index 'xxx")
    assert message.endswith("(str of 1,000,000 characters))")
    assert len(message) < SHORT


# 3. a code, task ID, task type or job zone of 1 MB


@pytest.mark.parametrize(("column", "cell", "start"), [
    ("onetsoc_code", "1" * MB, "row 2, column 'onetsoc_code': O*NET-SOC code '111"),
    ("task_id", "1" * MB, "row 2, column 'task_id': task ID '111"),
    ("task_id", "x" * MB, "row 2, column 'task_id': task ID 'xxx"),
    ("task_type", "x" * MB, "row 2, column 'task_type': task_type 'xxx"),
    ("job_zone", "x" * MB, "row 2, column 'job_zone': job zone must be a whole number from 1 to 5, got 'xxx"),
])
def test_long_key_cells_are_cut(column, cell, start):
    frame = pd.DataFrame({"task": ["Type letters.", "File records."],
                          "onetsoc_code": ["43-9061.00", "43-9061.00"], "task_id": ["7", "8"]})
    frame[column] = pd.Series([frame[column].iloc[0] if column in frame else "Core", cell],
                              dtype=object)
    if column == "job_zone":
        frame[column] = pd.Series([3, cell], dtype=object)
    message = _error(frame)
    assert message.startswith(start)
    assert "(str of 1,000,000 characters)" in message
    assert len(message) < SHORT


def test_task_id_short_message_as_before():  # guard: the message of _tables, unchanged
    frame = pd.DataFrame({"task": ["Type letters."], "onetsoc_code": ["43-9061.00"],
                          "task_id": ["1e30"]})
    assert _error(frame) == ("row 1, column 'task_id': task ID '1e30' is not an integer that fits "
                             "in 64 bits")


# 4. many columns, none the text column


def test_many_columns_listed_in_short():
    frame = pd.DataFrame(np.zeros((1, 5000)), columns=[f"col{i}" for i in range(5000)])
    message = _error(frame)
    assert message.startswith("column 'task': missing text column 'task' (columns: ['col0', 'col1', ")
    assert message.endswith("'col11', ... (5,000 columns)])")


def test_few_columns_listed_as_before():  # guard
    assert _error(pd.DataFrame({"text": ["Weld."]})) == ("column 'task': missing text column 'task' "
                                                         "(columns: ['text'])")


# 5-7. onet= a numpy number, a float release, a path


@pytest.mark.parametrize(("onet", "got"), [
    (np.float64(29.1), "exposure.load_onet('29.1') (or None), got float64 29.1"),
    (np.int64(29), "exposure.load_onet('29.1') (or None), got int64 29"),
    (28.3, "exposure.load_onet('28.3') (or None), got float 28.3"),
    (29.1, "exposure.load_onet('29.1') (or None), got float 29.1"),
    (pathlib.Path("data/onet"), "exposure.load_onet('29.1') (or None), got PosixPath 'data/onet': a "
     "path is not a release; load the release first (load_onet's mirror= and data_dir= say where "
     "its files are)"),
    ("data/onet/29.1", "exposure.load_onet('29.1') (or None), got str 'data/onet/29.1': a path is "
     "not a release; load the release first (load_onet's mirror= and data_dir= say where its files "
     "are)"),
    ("28.3", "exposure.load_onet('28.3') (or None), got str '28.3'"),  # guard: as before
])
def test_onet_numbers_and_paths(onet, got):
    if isinstance(onet, pathlib.Path) and not isinstance(onet, pathlib.PosixPath):
        got = got.replace("PosixPath", type(onet).__name__)
    message = _error(pd.DataFrame({"task": ["Type letters."]}), onet=onet)
    assert message == f"onet must be an O*NET release, e.g. {got}"
