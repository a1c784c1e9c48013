"""Fault round 50 (api): the public scoring API with the frames pandas users have.

Faults found and fixed:

1. A task frame read with ``dtype_backend="pyarrow"`` (``string[pyarrow]``,
   ``large_string[pyarrow]``, or a categorical column read back from Parquet as an Arrow
   dictionary) with a missing task text raised ``pyarrow.lib.ArrowInvalid: Could not
   convert inf with type float: tried to convert to int32`` from the repeated-header
   check, naming no row or column; the NumPy and nullable ``string`` columns said
   ``row 2, column 'task': task text must be a non-empty string, got <NA>``. Now all do.
2. ``score_tasks`` on a frame whose index repeats a label (``[5, 5, 6]``, a
   ``DatetimeIndex`` of one day, a MultiIndex) returned the scores row by row, but the
   documented way of joining them back, ``df.join(score_tasks(df[mask])[["beta"]])``,
   paired each repeated label with every row of it (four rows for two, each task with
   the other's score) without a word. It is now said in one warning naming the first
   repeated label and its rows, with the remedy (``reset_index()``).
"""

from __future__ import annotations

import logging

import pandas as pd
import pyarrow as pa
import pytest

from exposure.errors import DataFormatError
from exposure.scoring import SCORE_COLUMNS, score_tasks

TEXTS = ["Draft replies to routine customer emails.", "Repair hydraulic pumps.", "Plan weekly menus."]


def _tasks() -> pd.DataFrame:
    return pd.DataFrame({"onetsoc_code": ["43-4171.00", "43-4171.00", "35-1011.00"],
                         "task_id": [1, 2, 3], "task": TEXTS})


@pytest.mark.parametrize("dtype", [pd.ArrowDtype(pa.string()), pd.ArrowDtype(pa.large_string())])
@pytest.mark.parametrize("method", ["learned", "rubric"])
def test_arrow_text_column_with_missing_text_names_row(dtype, method):
    tasks = _tasks().astype({"task": dtype})
    tasks.loc[1, "task"] = None
    with pytest.raises(DataFormatError, match=r"^row 2, column 'task': task text must be a "
                       r"non-empty string, got a missing value$"):
        score_tasks(tasks, method)


def test_parquet_dictionary_text_column_with_missing_text_names_file_row(tmp_path):
    """Passed before; kept beside fault 1: the Arrow column read back from Parquet."""
    path = tmp_path / "tasks.parquet"
    tasks = _tasks()
    tasks.loc[2, "task"] = None
    tasks.astype({"task": "category"}).to_parquet(path)
    frame = pd.read_parquet(path, dtype_backend="pyarrow")
    assert isinstance(frame["task"].dtype, pd.ArrowDtype)  # a dictionary of Arrow
    with pytest.raises(DataFormatError, match=r"tasks\.parquet, row 4, column 'task': task text "
                       "must be a non-empty string"):
        score_tasks(frame, "rubric", path=path, row_offset=2)


def test_arrow_text_column_without_missing_text_scores_as_plain():
    plain = score_tasks(_tasks(), "rubric")
    arrow = score_tasks(_tasks().convert_dtypes(dtype_backend="pyarrow"), "rubric")
    pd.testing.assert_frame_equal(arrow[list(SCORE_COLUMNS)], plain[list(SCORE_COLUMNS)])


def test_arrow_header_row_still_found():
    tasks = _tasks().astype("string[pyarrow]")
    tasks.loc[1] = ["onetsoc_code", "task_id", "task"]
    tasks.loc[2, "task"] = None
    with pytest.raises(DataFormatError, match="row 2, column 'task': the row repeats the header"):
        score_tasks(tasks, "rubric")


@pytest.mark.parametrize("index, label, rows", [
    ([5, 5, 6], "5", "rows 1 and 2"),
    (pd.MultiIndex.from_arrays([["a", "b", "a"], [1, 2, 1]]), r"\('a', 1\)", "rows 1 and 3"),
    (pd.DatetimeIndex(["2024-01-01", "2024-01-02", "2024-01-02"]), r"Timestamp\('2024-01-02", "rows 2 and 3"),
])
def test_repeated_index_is_warned(caplog, index, label, rows):
    tasks = _tasks().set_axis(index)
    with caplog.at_level(logging.WARNING, logger="exposure.scoring"):
        out = score_tasks(tasks, "rubric")
    assert out.index.equals(tasks.index)  # still the caller's index
    said = [r.getMessage() for r in caplog.records if "index repeats" in r.getMessage()]
    assert len(said) == 1
    assert pd.Series(said).str.contains(f"first: {label}").all()
    assert rows in said[0] and "reset_index()" in said[0]


def test_repeated_index_join_goes_wrong_as_warned(caplog):
    tasks = _tasks().set_axis([5, 5, 6])
    with caplog.at_level(logging.WARNING, logger="exposure.scoring"):
        scores = score_tasks(tasks.iloc[:2], "rubric")
    assert any("index repeats" in r.getMessage() for r in caplog.records)
    assert len(tasks.join(scores[["beta"]])) == 5  # what the warning says: rows duplicated


def test_unique_index_is_not_warned(caplog):
    tasks = _tasks().set_axis([20, 10, 30])
    with caplog.at_level(logging.WARNING, logger="exposure.scoring"):
        scores = score_tasks(tasks[tasks["task_id"] > 1], "rubric")
        score_tasks(tasks.iloc[:0], "rubric")
    assert not [r for r in caplog.records if "index repeats" in r.getMessage()]
    joined = tasks.join(scores[["beta"]])
    assert joined["beta"].isna().tolist() == [True, False, False]
