"""Fault round 80 (dask): the Dask roll-ups against the pandas roll-up, cells as given and codes.

Faults found (each test below failed before its fix):

1. Dask's ``dataframe.convert-string`` option (on by default) turns a column of Python
   objects of ``dd.from_pandas`` into text when the partitions are made, so
   ``exposure.dask.to_occupations`` and ``to_sectors`` saw text where the pandas roll-up
   sees the cells: a task ID ``b'3'`` became ``'3'`` and was rolled up without a word,
   where the pandas roll-up says ``task_scores, row 3, column 'task_id': task ID b'3' is
   not an integer: bytes, not text (from a database driver or a binary column?): decode
   them first``; so were a code ``b'43-9061.00'``, a ``task_type`` ``b'Core'`` and a
   ``label`` ``b'E1'``; ``True`` in ``alpha`` was said ``not a number: 'True'``, a task
   ID ``1.5`` ``task ID '1.5' is not an integer``, a date ``task ID '2020-01-01' is not
   an integer``, a flag ``2`` ``got '2'``, a ``task_type`` ``1`` ``got '1'``. Now the
   frames of ``dd.from_pandas`` that hold such a column are read with the conversion off
   (``exposure.dask._cells_as_given``), and each is refused in the pandas words:
   ``scored.partitions[1], row 1, column 'task_id': task ID b'3' is not an integer: bytes,
   not text ...``, ``... column 'alpha': not a number: True``, ``... column 'task_id':
   datetime.date(2020, 1, 1) is a date, not a task ID (an integer, like 8823)``. So also
   through a column selection, ``dd.concat``, ``repartition``, ``rename``, a filter and an
   ``assign`` (the filter's condition still reads Dask's text, as the user wrote it); and the
   partitions of ``dd.from_delayed`` and ``dd.from_map``, which Dask turned into text too
   (``b'3'`` of a delayed partition was the task ID ``'3'``), are read as they were made.
2. ``to_sectors`` of a ``naics`` column of objects holding ``52.0``, ``52`` and ``"52"``
   gave two industries, ``52`` (3 rows) and ``52.0`` (1 row, alpha 0.6): the float was
   text before the roll-up read it as the whole number it is. Now one industry ``52`` of 4
   rows, alpha 0.4.
3. A code of ``onetsoc_code`` (the default ``by``) that the pandas roll-up refuses as no
   O*NET-SOC code was refused in other words, or at another row: a column of True/False,
   ``scored.partitions[0], row 1, column 'onetsoc_code': onetsoc_code must be a code (text,
   or a whole number), got True: True/False is no occupation ...``; floats, ``... got
   1.5``; a ``boolean`` column ``[True, <NA>, ...]`` or a categorical of numbers
   ``[111011, NaN, ...]``, the missing code of row 2 (``onetsoc_code is missing: every row
   needs a code ...``) where pandas names row 1. Now the pandas words at the pandas row:
   ``scored.partitions[0], row 1, column 'onetsoc_code': not an O*NET-SOC code (like
   11-1011.00): 'True'``, ``... '1.5': a number? ...``, ``... '111011': a code saved as a
   number? ...``.

Guards, which passed before and must still pass: ``test_good_cells_of_objects_rolled_up_as_pandas``
(task IDs ``1``, ``"2"``, ``3.0``, a measure as text), ``test_a_missing_code_still_said_with_the_advice``
(a code missing, blank or padded keeps the roll-ups' advice), ``test_a_filter_of_the_users_still_reads_text``
(the condition of a user's filter reads the text Dask made: ``ddf[ddf["task_id"] == "3"]`` keeps the task ID 3).

Tiny made-up frames, written by the tests.
"""

from __future__ import annotations

import datetime

import dask
import dask.dataframe as dd
import numpy as np
import pandas as pd
import pytest
from tests.unit._frames import four_task_scores

from exposure import dask as xd
from exposure.errors import DataFormatError
from exposure.rollup import to_occupations as pandas_to_occupations


def _scores(**columns) -> pd.DataFrame:
    """Four consistent task scores of two occupations (two per partition with npartitions=2), flags false."""
    return four_task_scores(False).assign(**columns)


def _with(frame: pd.DataFrame, column: str, value) -> pd.DataFrame:
    """``frame`` with the cell of row 3 (the first of partition 1) of ``column`` (of objects) ``value``."""
    out = frame.astype({column: object})
    out.loc[2, column] = value
    return out


def _pandas_reason(frame: pd.DataFrame) -> str:
    """The words of the pandas roll-up's error, after its place (``task_scores, row 3, column 'x': ``)."""
    with pytest.raises(DataFormatError) as info:
        pandas_to_occupations(frame, "equal")
    assert str(info.value).startswith("task_scores, row 3, column ")
    return str(info.value).split("': ", 1)[1]


def _dask_error(ddf, rollup=xd.to_occupations) -> str:
    """The error of the roll-up ``rollup`` of ``ddf``, computed by the synchronous scheduler."""
    if isinstance(ddf, pd.DataFrame):
        ddf = dd.from_pandas(ddf, npartitions=2)
    with pytest.raises(DataFormatError) as info:
        rollup(ddf).compute(scheduler="sync")
    return str(info.value)


# 1 ------------------------------------------------------- cells as given, not as Dask's text
TEXTED = [("task_id", b"3"), ("task_id", True), ("task_id", 1.5), ("task_id", datetime.date(2020, 1, 1)),
          ("alpha", True), ("admin", 2), ("onetsoc_code", b"43-9061.00"), ("task_type", b"Core"),
          ("task_type", 1), ("label", b"E1")]


@pytest.mark.parametrize("column, value", TEXTED, ids=[f"{c}-{v!r}" for c, v in TEXTED])
def test_cells_of_objects_refused_in_the_pandas_words(column, value):
    frame = _with(_scores(task_type="Core", label=["E1", "E0", "E1", "E2"]), column, value)
    said = _dask_error(frame)
    assert said == f"scored.partitions[1], row 1, column '{column}': {_pandas_reason(frame)}"


@pytest.mark.parametrize("column, value", [("task_id", b"3"), ("alpha", True)], ids=["task_id-bytes", "alpha-True"])
def test_cells_of_objects_refused_by_to_sectors(column, value):
    frame = _with(_scores(), column, value)
    said = _dask_error(frame, xd.to_sectors)
    assert said == f"scored.partitions[1], row 1, column '{column}': {_pandas_reason(frame)}"


def test_bytes_task_id_said_in_the_pandas_words():
    frame = _with(_scores(), "task_id", b"3")
    assert _dask_error(frame) == ("scored.partitions[1], row 1, column 'task_id': task ID b'3' is not an "
                                  "integer: bytes, not text (from a database driver or a binary column?): "
                                  "decode them first")


def _moved(frame: pd.DataFrame) -> dict:
    """``frame`` as Dask frames whose cells a column selection, concat, repartition, rename, filter or assign moves."""
    ddf = dd.from_pandas(frame, npartitions=2)
    renamed = dd.from_pandas(frame.rename(columns={"alpha": "a"}), npartitions=2).rename(columns={"a": "alpha"})
    unsorted = dd.from_pandas(frame, npartitions=2, sort=False)  # divisions unknown
    return {"columns": ddf[list(frame.columns)], "concat": dd.concat([ddf.partitions[0], ddf.partitions[1]]),
            "repartition": ddf.repartition(npartitions=1), "rename": renamed,
            "filter": ddf[ddf["alpha"] >= 0], "filter-unsorted": unsorted[unsorted["alpha"] >= 0],
            "assign": ddf.assign(beta=ddf["beta"] * 1, note="x")}


@pytest.mark.parametrize("how", ["columns", "concat", "repartition", "rename", "filter", "filter-unsorted",
                                 "assign"])
def test_cells_moved_by_dask_still_refused(how):
    frame = _with(_scores(), "task_id", b"3")
    said = _dask_error(_moved(frame)[how])
    assert said.endswith(f"column 'task_id': {_pandas_reason(frame)}")


@pytest.mark.parametrize("how", ["from_delayed", "from_map"])
def test_cells_of_delayed_partitions_refused(how):
    frame = _with(_scores(), "task_id", b"3")
    parts = [frame.iloc[:2], frame.iloc[2:]]
    ddf = (dd.from_delayed([dask.delayed(p) for p in parts], meta=frame.iloc[:0]) if how == "from_delayed"
           else dd.from_map(lambda i: parts[i], range(2)))
    assert _dask_error(ddf) == f"scored.partitions[1], row 1, column 'task_id': {_pandas_reason(frame)}"


# 2 ------------------------------------------------------------------ codes of objects
def test_float_code_among_text_codes_is_one_industry():
    frame = _scores().astype({"naics": object})
    frame.loc[2, "naics"], frame.loc[3, "naics"] = 52.0, 52
    got = xd.to_sectors(dd.from_pandas(frame, npartitions=2)).compute(scheduler="sync")
    assert got["n_rows"].to_dict() == {"52": 4}
    assert got.loc["52", "alpha"] == pytest.approx(frame["alpha"].mean())


# 3 ------------------------------------------------------- bad codes of onetsoc_code
CODES = {
    "bool": ([True, False, True, True], "'True'"),
    "boolean-with-a-missing-code": (pd.array([True, None, True, True], dtype="boolean"), "'True'"),
    "floats": ([1.5, 2.5, np.nan, 3.0], "'1.5': a number? a spreadsheet may have saved the code as one; "
               "write it as text"),
    "categorical-numbers-with-a-missing-code": (
        pd.Categorical([111011, None, 439061, 439061]),
        "'111011': a code saved as a number? write it as text with its hyphen and suffix: '11-1011.00' "
        "(the SOC occupation itself) or the O*NET-SOC code meant"),
}


@pytest.mark.parametrize("name", list(CODES))
def test_bad_codes_said_at_the_pandas_row_in_its_words(name):
    codes, said = CODES[name]
    frame = _scores(onetsoc_code=codes)
    with pytest.raises(DataFormatError) as info:
        pandas_to_occupations(frame, "equal")
    reason = f"not an O*NET-SOC code (like 11-1011.00): {said}"
    assert str(info.value) == f"task_scores, row 1, column 'onetsoc_code': {reason}"
    assert _dask_error(frame) == f"scored.partitions[0], row 1, column 'onetsoc_code': {reason}"


# guards -------------------------------------------------------------------------------
def test_good_cells_of_objects_rolled_up_as_pandas():
    frame = _scores(task_id=pd.Series([1, "2", 3.0, None], dtype=object),
                    alpha=pd.Series(["0.45", 0.25, np.float64(0.6), 0.3], dtype=object))
    got = xd.to_occupations(dd.from_pandas(frame, npartitions=2)).compute(scheduler="sync")
    want = pandas_to_occupations(frame, "equal").set_index("onetsoc_code")
    for col in ("alpha", "beta", "gamma", "admin"):
        assert got[col].tolist() == pytest.approx(want[col if col in want else f"share_{col}"].tolist())


def test_a_missing_code_still_said_with_the_advice():
    frame = _with(_scores(), "onetsoc_code", None)
    assert _dask_error(frame) == (
        "scored.partitions[1], row 1, column 'onetsoc_code': onetsoc_code is missing: every row needs a code "
        "to be rolled up, as in the pandas roll-ups (drop the rows without one first: scored = "
        "scored[scored['onetsoc_code'].str.strip().fillna('') != ''])")


def test_a_filter_of_the_users_still_reads_text():
    frame = _with(_scores(), "task_id", 3)
    ddf = dd.from_pandas(frame, npartitions=2)
    kept = ddf[ddf["task_id"] == "3"]  # Dask's text: the task ID 3 is "3"
    got = xd.to_occupations(kept).compute(scheduler="sync")
    assert int(got["n_rows"].sum()) == len(kept.compute()) == 1
