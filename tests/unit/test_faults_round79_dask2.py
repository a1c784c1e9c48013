"""Fault round 79 (dask2): the Dask roll-ups against the pandas roll-up, task keys and task types.

Faults found (each test below failed before its fix):

1. ``exposure.dask.to_occupations`` of a frame with a task (``onetsoc_code``,
   ``task_id``) on two rows, in one partition or in two, counted the task twice in its
   occupation without a word (alpha ``0.267`` for ``11-1011.00`` where its tasks give
   ``0.3``), where the pandas roll-up refuses it (``task_scores, row 3, column 'task_id':
   duplicate task (11-1011.00, 1) at rows 1 and 3: each (onetsoc_code, task_id) must
   appear once``). Now refused in those words, naming the rows:
   ``scored.partitions[1], row 1, column 'task_id': duplicate task (11-1011.00, 1) at
   scored.partitions[0], row 1 and scored.partitions[1], row 1: each (onetsoc_code,
   task_id) must appear once``; rows of ``read_dataset`` by file and row
   (``DIR/b.parquet, row 2, column 'task_id': duplicate task (11-1011.00, 1) at
   DIR/a.parquet, row 1 and DIR/b.parquet, row 2: ...``). ``to_sectors`` still takes a
   task under several industries, and ``to_occupations(..., by="soc_code")`` postings
   that share a task (the check is that of the pandas roll-up, by ``onetsoc_code``).
2. A ``task_type`` the pandas roll-up refuses (``core``) was rolled up without a word.
   Now refused in the pandas words: ``scored.partitions[0], row 2, column 'task_type':
   task_type must be Core or Supplemental (or missing, blank or n/a), got 'core': write
   'Core' (the choices are case-sensitive)`` (pandas: ``task_scores, row 2, ...``).
3. A code error in ``scored.partitions[1]`` and a measure error in ``[0]`` gave the
   measure's (``scored.partitions[0], row 1, column 'alpha': not a number: 'abc'``), where
   the pandas roll-up checks every code first. Now the code's:
   ``scored.partitions[1], row 2, column 'onetsoc_code': not an O*NET-SOC code ...``;
   so is a repeated task said before a measure error of an earlier partition, as there.
4. The errors listing a frame's columns listed the engine's own columns of a
   ``read_dataset`` frame: ``missing column 'n' (columns: ['onetsoc_code', ...,
   '__exposure_file', '__exposure_line'])`` (``to_occupations``, ``to_sectors``) and
   ``scored lacks column(s) ['p_e0'] (columns: [..., '__exposure_file',
   '__exposure_line']): give the output of score`` (``check``). Now the user's columns only.

Guards, which passed before and must still pass: ``test_sectors_take_a_task_of_several_industries``,
``test_postings_of_one_task_rolled_up_by_soc_code``, ``test_good_task_types_still_rolled_up``.

Tiny made-up frames and Parquet files, written by the tests.
"""

from __future__ import annotations

import re

import dask.dataframe as dd
import pandas as pd
import pytest

from exposure import dask as xd
from exposure.errors import DataFormatError
from exposure.rollup import to_occupations as pandas_to_occupations


def _scores() -> pd.DataFrame:
    """Four consistent task scores of two occupations (two per partition with npartitions=2)."""
    out = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.00", "43-9061.00", "43-9061.00"],
                        "task_id": [1, 2, 3, 4], "alpha": [0.1, 0.5, 0.2, 0.3]})
    out["beta"] = out["alpha"] + 0.1
    out["gamma"] = out["alpha"] + 0.2
    return out


def _pandas_error(frame: pd.DataFrame) -> str:
    with pytest.raises(DataFormatError) as info:
        pandas_to_occupations(frame, "equal")
    return str(info.value)


def _dask_error(frame, npartitions: int = 2, rollup=xd.to_occupations, **kwargs) -> str:
    ddf = frame if isinstance(frame, dd.DataFrame) else dd.from_pandas(frame, npartitions=npartitions)
    with pytest.raises(DataFormatError) as info:
        rollup(ddf, **kwargs).compute(scheduler="sync")
    return str(info.value)


def _reason(message: str) -> str:
    """The words after the place (``..., column 'x': ``)."""
    return message.split("': ", 1)[1]


def test_repeated_task_in_one_partition_refused_as_pandas_refuses_it():
    frame = _scores()
    frame.loc[1, "task_id"] = 1
    assert _pandas_error(frame).endswith("duplicate task (11-1011.00, 1) at rows 1 and 2: each "
                                         "(onetsoc_code, task_id) must appear once")
    assert _dask_error(frame, 1) == (
        "scored.partitions[0], row 2, column 'task_id': duplicate task (11-1011.00, 1) at "
        "scored.partitions[0], row 1 and scored.partitions[0], row 2: each (onetsoc_code, task_id) "
        "must appear once")


def test_repeated_task_across_partitions_refused_as_pandas_refuses_it():
    frame = _scores()
    frame.loc[2, ["onetsoc_code", "task_id"]] = ["11-1011.00", 1]
    assert "duplicate task (11-1011.00, 1) at rows 1 and 3" in _pandas_error(frame)
    assert _dask_error(frame) == (
        "scored.partitions[1], row 1, column 'task_id': duplicate task (11-1011.00, 1) at "
        "scored.partitions[0], row 1 and scored.partitions[1], row 1: each (onetsoc_code, task_id) "
        "must appear once")


def test_repeated_task_of_many_rows_shows_five_and_a_count():
    frame = pd.concat([_scores().assign(task_id=1, onetsoc_code="11-1011.00")] * 2, ignore_index=True)
    said = _dask_error(frame, 3)
    assert said.startswith("scored.partitions[0], row 2, column 'task_id': duplicate task (11-1011.00, 1) "
                           "at scored.partitions[0], row 1, scored.partitions[0], row 2, ")
    assert said.endswith(" and 3 more: each (onetsoc_code, task_id) must appear once")


def test_repeated_task_of_read_dataset_named_by_file_and_row(tmp_path):
    frame = _scores()
    frame.iloc[:2].to_parquet(tmp_path / "a.parquet", index=False)
    frame.iloc[2:].assign(onetsoc_code="11-1011.00", task_id=[2, 1]).to_parquet(tmp_path / "b.parquet",
                                                                                  index=False)
    said = _dask_error(xd.read_dataset(tmp_path))
    a, b = tmp_path / "a.parquet", tmp_path / "b.parquet"
    # the key of the first row that repeats an earlier one (task 2 of b's row 1), as pandas names it
    assert said == (f"{b}, row 1, column 'task_id': duplicate task (11-1011.00, 2) at {a}, row 2 and "
                    f"{b}, row 1: each (onetsoc_code, task_id) must appear once")


def test_sectors_take_a_task_of_several_industries():
    frame = pd.concat([_scores().assign(naics="52"), _scores().assign(naics="23")], ignore_index=True)
    got = xd.to_sectors(dd.from_pandas(frame, npartitions=2)).compute(scheduler="sync")
    assert got["n_rows"].tolist() == [4, 4]
    assert got["alpha"].round(6).tolist() == [0.275, 0.275]


def test_postings_of_one_task_rolled_up_by_soc_code():
    frame = pd.concat([_scores()] * 2, ignore_index=True)
    frame["soc_code"] = frame["onetsoc_code"].str[:7]
    got = xd.to_occupations(dd.from_pandas(frame, npartitions=2), by="soc_code").compute(scheduler="sync")
    assert got["n_rows"].tolist() == [4, 4]


def test_bad_task_type_refused_as_pandas_refuses_it():
    frame = _scores().assign(task_type=["Core", "core", "Supplemental", None])
    want = _pandas_error(frame)
    assert want.startswith("task_scores, row 2, column 'task_type': ")
    said = _dask_error(frame)
    assert said == ("scored.partitions[0], row 2, column 'task_type': task_type must be Core or "
                    "Supplemental (or missing, blank or n/a), got 'core': write 'Core' (the choices "
                    "are case-sensitive)")
    assert _reason(said) == _reason(want)
    sectors = _dask_error(frame.assign(naics="52"), rollup=xd.to_sectors)
    assert sectors == said


def test_good_task_types_still_rolled_up():
    frame = _scores().assign(task_type=["Core", "", "Supplemental", "n/a"])
    got = xd.to_occupations(dd.from_pandas(frame, npartitions=2)).compute(scheduler="sync")
    want = pandas_to_occupations(frame, "equal").set_index("onetsoc_code")
    assert got["alpha"].tolist() == pytest.approx(want["alpha"].tolist())


def test_code_error_of_a_later_partition_said_before_a_measure_error():
    frame = _scores().astype({"alpha": object})
    frame.loc[0, "alpha"] = "abc"
    frame.loc[3, "onetsoc_code"] = "43-9061"
    want = _pandas_error(frame)
    assert want.startswith("task_scores, row 4, column 'onetsoc_code': not an O*NET-SOC code")
    said = _dask_error(frame)
    assert said.startswith("scored.partitions[1], row 2, column 'onetsoc_code': not an O*NET-SOC code")
    assert _reason(said) == _reason(want)


def test_repeated_task_said_before_a_measure_error_of_an_earlier_partition():
    frame = _scores().astype({"alpha": object})
    frame.loc[0, "alpha"] = "abc"
    frame.loc[3, "task_id"] = 3
    assert "duplicate task (43-9061.00, 3) at rows 3 and 4" in _pandas_error(frame)
    assert _dask_error(frame).startswith("scored.partitions[1], row 2, column 'task_id': duplicate task "
                                         "(43-9061.00, 3) at scored.partitions[1], row 1 and")


def test_columns_listed_without_the_engine_own(tmp_path):
    _scores().to_parquet(tmp_path / "a.parquet", index=False)
    ddf = xd.read_dataset(tmp_path)
    shown = "['onetsoc_code', 'task_id', 'alpha', 'beta', 'gamma']"
    for rollup, kwargs, column in ((xd.to_occupations, {"weight": "n"}, "n"), (xd.to_sectors, {}, "naics")):
        with pytest.raises(DataFormatError) as info:
            rollup(ddf, **kwargs)
        assert str(info.value) == f"column {column!r}: missing column {column!r} (columns: {shown})"
    with pytest.raises(DataFormatError, match=re.escape(f"(columns: {shown}): give the output of score")):
        xd.check(ddf)
