"""Round 78, wave 3, readers: task IDs read as dates, a JSON file given to a table reader, Eloundou's separator check.

1. ``exposure._tables.task_id_numbers`` read a date as its nanoseconds (``2020-01-01`` as
   1577836800000000) and ``NaT`` as -9223372036854775808, a duration as its nanoseconds
   too, and raised numpy's ``TypeError: ufunc 'remainder' not supported ...`` on a
   complex number: the roll-ups (``check_task_scores``), which read task IDs with it, took
   a column of dates as task IDs without a word. Now such a cell is refused naming the
   frame (or file), row and column: ``task_scores, row 1, column 'task_id':
   Timestamp('2020-01-01 00:00:00') is a date, not a task ID (an integer, like 8823)``
   (``a duration``, ``a time of day``, ``a period``, ``a complex number`` likewise);
   ``NaT`` is missing, and a column of dates with every cell missing gives NaN, as
   ``scoring._inputs.check_task_ids`` reads it. A task ID given as bytes (``b'8'``) was
   read as 8 (a roll-up key ``b'8'`` that matched no task, without a word); now
   ``task ID b'8' is not an integer: bytes, not text (from a database driver or a binary
   column?): decode them first``, in ``check_task_ids``' opening words.
2. A JSON file given to a reader of a text table (``exposure validate --file oews
   manifest.json``; ``read_frame`` and ``check_delimited_file`` on a ``.csv`` holding JSON)
   was told ``row 2: too many fields: expected 1, got 2 (a trailing separator at the end
   of the line?)``. Now: ``row 2: too many fields: expected 1, got 2 (the file starts with
   '{': JSON, not a table of comma-separated values: check that it is the right file)``.
3. ``measures.eloundou`` (``read_occ_level``, ``read_task_labels``) called
   ``check_published_separator`` without ``columns=``: another table saved with ``;`` (or
   a comma-separated file given as the tab-separated labels) was told only to save it
   again comma-separated. Now it is told, as the other published readers are, ``but split
   on ';' its header lacks column(s) 'O*NET-SOC Code', ... (found: 'Code', 'Task',
   'Other'), and the file is read comma-separated, as published: check that it is the
   right file, or ...``.
"""

from __future__ import annotations

import datetime

import numpy as np
import pandas as pd
import pytest

from exposure._tables import check_delimited_file, read_frame, task_id_numbers
from exposure.errors import DataFormatError
from exposure.measures.eloundou import read_occ_level, read_task_labels
from exposure.rollup._occupations import check_task_scores

# 1. task IDs that are dates, durations, times, periods or complex numbers


@pytest.mark.parametrize(("ids", "row", "shown"), [
    (pd.Series(pd.to_datetime([None, "2020-01-01"])), 2,
     "Timestamp('2020-01-01 00:00:00') is a date"),
    (pd.Series(pd.to_datetime(["2020-01-01"]).tz_localize("UTC")), 1,
     "Timestamp('2020-01-01 00:00:00+0000', tz='UTC') is a date"),
    (pd.Series(pd.to_datetime(["2020-01-01", None])).astype("timestamp[ns][pyarrow]"), 1,
     "Timestamp('2020-01-01 00:00:00') is a date"),
    (pd.Series(pd.to_timedelta([1], unit="D")), 1, "Timedelta('1 days 00:00:00') is a duration"),
    (pd.Series(pd.period_range("2020-01", periods=1, freq="M")), 1, "Period('2020-01', 'M') is a period"),
    (pd.Series([7, datetime.time(3, 4)], dtype=object), 2, "datetime.time(3, 4) is a time of day"),
    (pd.Series([7, np.datetime64("2020-01-01")], dtype=object), 2, "np.datetime64('2020-01-01') is a date"),
    (pd.Series([7 + 0j]), 1, "(7+0j) is a complex number"),
    (pd.Series([7, 1 + 1j], dtype=object), 2, "(1+1j) is a complex number"),
])
def test_task_id_numbers_refuses_dates_naming_the_row(ids, row, shown):
    with pytest.raises(DataFormatError) as info:
        task_id_numbers(ids, path="scores.parquet")
    assert str(info.value) == (f"scores.parquet, row {row}, column 'task_id': {shown}, not a task ID "
                               "(an integer, like 8823)")


@pytest.mark.parametrize("ids", [pd.Series([7, b"8"]), pd.Series([7, memoryview(b"8")]),
                                 pd.Series(np.array([b"7", b"8"]))])
def test_task_id_numbers_refuses_bytes(ids):
    with pytest.raises(DataFormatError) as info:
        task_id_numbers(ids, path="scores.parquet")
    row = 2 if ids.dtype == object else 1
    shown = "b'8'" if ids.dtype == object else "b'7'"
    assert str(info.value) == (f"scores.parquet, row {row}, column 'task_id': task ID {shown} is not an integer: "
                               "bytes, not text (from a database driver or a binary column?): decode them first")


def test_task_id_numbers_nat_is_missing():
    assert task_id_numbers(pd.Series(pd.to_datetime([None, None]))).isna().all()
    assert task_id_numbers(pd.Series(pd.to_datetime([None, None]))).tolist() != [-2**63] * 2
    assert task_id_numbers(pd.Series([7, pd.NaT], dtype=object)).tolist()[0] == 7
    assert pd.isna(task_id_numbers(pd.Series([7, pd.NaT], dtype=object)).tolist()[1])
    # an earlier bad ID comes first
    with pytest.raises(DataFormatError, match=r"row 1, column 'task_id': task ID 'x' is not an integer$"):
        task_id_numbers(pd.Series(["x", pd.Timestamp("2020-01-01")], dtype=object))


def _task_scores(ids) -> pd.DataFrame:
    return pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.00"], "task_id": ids,
                         "alpha": [0.5, 0.5], "beta": [0.5, 0.5], "gamma": [0.5, 0.5]})


def test_rollup_refuses_dates_as_task_ids():
    with pytest.raises(DataFormatError) as info:
        check_task_scores(_task_scores(pd.to_datetime(["2020-01-01", None])))
    assert str(info.value) == ("task_scores, row 1, column 'task_id': Timestamp('2020-01-01 00:00:00') is a date, "
                               "not a task ID (an integer, like 8823)")
    with pytest.raises(DataFormatError, match=r"row 1, column 'task_id': Timedelta\('1 days 00:00:00'\) is a "
                                              r"duration, not a task ID"):
        check_task_scores(_task_scores(pd.to_timedelta([1, 2], unit="D")))


# 2. a JSON file given to a reader of a text table

_JSON_NOTE = ("too many fields: expected 1, got 2 (the file starts with '{': JSON, not a table of "
              "comma-separated values: check that it is the right file)")


@pytest.mark.parametrize("check", [read_frame, check_delimited_file])
def test_json_file_given_to_a_table_reader_is_said_to_be_json(tmp_path, check):
    path = tmp_path / "manifest.csv"
    path.write_text('{\n  "version": 1,\n  "files": {"a": 1}\n}\n', encoding="utf-8")
    with pytest.raises(DataFormatError) as info:
        check(path)
    assert info.value.reason == _JSON_NOTE
    assert info.value.row == 2


def test_json_array_given_to_a_table_reader(tmp_path):
    path = tmp_path / "rows.csv"
    path.write_text('[\n  {"a": 1, "b": 2},\n  {"a": 3, "b": 4}\n]\n', encoding="utf-8")
    with pytest.raises(DataFormatError, match=r"got 3 \(the file starts with '\[': JSON, not a table of "
                                              r"comma-separated values: check that it is the right file\)$"):
        read_frame(path)
    path.write_text("[id],name\n1,a,\n", encoding="utf-8")  # a bracketed header is no JSON
    with pytest.raises(DataFormatError, match=r"a trailing separator at the end of the line\?\)$"):
        read_frame(path)


# 3. Eloundou's readers name the columns another table lacks


def test_eloundou_occ_level_other_table_told_its_missing_columns(tmp_path):
    path = tmp_path / "other.csv"
    path.write_text("Code;Task;Other\n1;Weld.;x\n", encoding="utf-8")
    with pytest.raises(DataFormatError) as info:
        read_occ_level(path)
    message = str(info.value)
    assert "but split on ';' its header lacks column(s) 'O*NET-SOC Code', 'Title', 'dv_rating_alpha'" in message
    assert "(found: 'Code', 'Task', 'Other')" in message
    assert "check that it is the right file, or open it in LibreOffice" in message
    # the right table saved with ';' keeps the advice alone
    header = ("O*NET-SOC Code;Title;dv_rating_alpha;dv_rating_beta;dv_rating_gamma;human_rating_alpha;"
              "human_rating_beta;human_rating_gamma")
    path.write_text(f"{header}\n11-1011.00;CE;0.1;0.2;0.3;0.1;0.2;0.3\n", encoding="utf-8")
    with pytest.raises(DataFormatError, match="the file looks semicolon-separated \\(Excel's CSV in some European "
                                              "settings\\); the file is read"):
        read_occ_level(path)


def test_eloundou_labels_other_table_told_its_missing_columns(tmp_path):
    path = tmp_path / "labels.tsv"
    path.write_text("a,b,c\n1,2,3\n", encoding="utf-8")
    with pytest.raises(DataFormatError) as info:
        read_task_labels(path)
    assert "but split on ',' its header lacks column(s) 'O*NET-SOC Code', 'Task ID'" in str(info.value)
    assert str(info.value).endswith("check that it is the right file, or save it tab-separated")

