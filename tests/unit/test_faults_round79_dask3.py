"""Fault round 79 (dask3): the Dask roll-ups against the pandas roll-up, task IDs and the order of errors.

Faults found (each test below failed before its fix):

1. ``exposure.dask.to_occupations`` and ``to_sectors`` of a frame whose ``task_id`` the
   pandas roll-up refuses (:func:`exposure._tables.task_id_numbers`: a blank, ``1.5``,
   ``True``, a date, bytes, ``x``) rolled it up without a word, where
   ``rollup.to_occupations`` says ``task_scores, row 3, column 'task_id': task ID 1.5 is
   not an integer``. Now refused when computed, by that rule, in its words, naming the
   partition and its row (``scored.partitions[1], row 1, column 'task_id': task ID 1.5 is
   not an integer``), or the file and row of :func:`read_dataset` (``DIR/b.parquet, row
   1, column 'task_id': task ID '1.5' is not an integer``). In the pandas roll-up's
   order: after a code error of any partition, before a repeated task and a measure error
   of an earlier partition.
2. A row with a score and no label was said after a ``task_type`` or flag error, of its
   partition or of a later one (``scored.partitions[1], row 1, column 'task_type':
   task_type must be Core or Supplemental ...``), where the pandas roll-up says the
   missing label first (``..., row 2, column 'label': the label is missing on a scored
   task ...``). Now the label's. So, as the pandas roll-up makes each check on the whole
   frame before the next: a ``task_type`` of a later partition is said before a flag of
   an earlier one (the flag's ``column 'admin': ... 'maybe'`` before), and a probability
   of a later partition before a label of an earlier one (the label's before).

Change (lead of dask2): the check of repeated tasks of ``to_occupations`` gathered every
keyed row (its code and task ID as text, its place) in one task at the end. Now the 64-bit
hashes of the keys meet there alone; the rows of the hashes on more than one row are
gathered after, and their keys compared exactly (``test_keys_of_one_hash_are_checked_exactly``:
keys that share a hash only are no repeated task). The same errors (the tests of dask2 and
``test_repeated_task_refused_by_the_threaded_scheduler``); on task_scores.parquet 20 times
over, 16 partitions: peak traced memory 67 MB -> 38 MB, the same frame.

Guards, which passed before and must still pass: ``test_good_task_ids_still_rolled_up``,
``test_code_error_of_a_later_partition_said_before_a_task_id``,
``test_repeated_task_refused_by_the_threaded_scheduler``.

Tiny made-up frames and Parquet files, written by the tests.
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


def _scores() -> pd.DataFrame:
    """Four consistent task scores of two occupations (two per partition with npartitions=2)."""
    return four_task_scores()


def _pandas_error(frame: pd.DataFrame) -> str:
    with pytest.raises(DataFormatError) as info:
        pandas_to_occupations(frame, "equal")
    return str(info.value)


def _dask_error(frame, npartitions: int = 2, rollup=xd.to_occupations) -> str:
    ddf = frame if isinstance(frame, dd.DataFrame) else dd.from_pandas(frame, npartitions=npartitions)
    with pytest.raises(DataFormatError) as info:
        rollup(ddf).compute(scheduler="sync")
    return str(info.value)


def _reason(message: str) -> str:
    """The words after the place (``..., column 'x': ``)."""
    return message.split("': ", 1)[1]


# 1 ---------------------------------------------------------------- task IDs
@pytest.mark.parametrize("bad", [" ", "", 1.5, True, datetime.date(2020, 1, 1), b"3", "x"])
@pytest.mark.parametrize("rollup", [xd.to_occupations, xd.to_sectors])
def test_task_id_pandas_refuses_refused_in_its_words(bad, rollup):
    frame = _scores().astype({"task_id": object})
    frame.loc[2, "task_id"] = bad
    want = _pandas_error(frame)
    assert want.startswith("task_scores, row 3, column 'task_id': ")
    with dask.config.set({"dataframe.convert-string": False}):  # the cells as given
        for npartitions, place in ((1, "scored.partitions[0], row 3"), (2, "scored.partitions[1], row 1")):
            said = _dask_error(frame, npartitions, rollup)
            assert said == f"{place}, column 'task_id': {_reason(want)}"


def test_task_id_read_as_text_refused():
    frame = _scores().astype({"task_id": object})
    frame.loc[2, "task_id"] = 1.5
    # round 80: the cell as given (1.5), no longer as Dask's string conversion wrote it ('1.5')
    assert _dask_error(frame) == "scored.partitions[1], row 1, column 'task_id': task ID 1.5 is not an integer"


def test_task_id_of_read_dataset_named_by_file_and_row(tmp_path):
    frame = _scores().astype({"task_id": str})
    frame.iloc[:2].to_parquet(tmp_path / "a.parquet", index=False)
    frame.iloc[2:].assign(task_id=["1.5", "4"]).to_parquet(tmp_path / "b.parquet", index=False)
    said = _dask_error(xd.read_dataset(tmp_path))
    assert said == f"{tmp_path / 'b.parquet'}, row 1, column 'task_id': task ID '1.5' is not an integer"


def test_good_task_ids_still_rolled_up():
    frame = _scores().astype({"task_id": object})
    frame["task_id"] = [1, "2", 3.0, None]
    got = xd.to_occupations(dd.from_pandas(frame, npartitions=2)).compute(scheduler="sync")
    want = pandas_to_occupations(frame, "equal").set_index("onetsoc_code")
    assert got["alpha"].tolist() == pytest.approx(want["alpha"].tolist())


def test_code_error_of_a_later_partition_said_before_a_task_id():
    frame = _scores().astype({"task_id": object})
    frame.loc[0, "task_id"] = "x"
    frame.loc[3, "onetsoc_code"] = "43-9061"
    assert _pandas_error(frame).startswith("task_scores, row 4, column 'onetsoc_code': ")
    assert _dask_error(frame).startswith("scored.partitions[1], row 2, column 'onetsoc_code': ")


def test_task_id_of_a_later_partition_said_before_a_measure_and_a_repeated_task():
    frame = _scores().astype({"task_id": object, "alpha": object})
    frame.loc[0, "alpha"] = "abc"
    frame.loc[1, "task_id"] = 1
    frame.loc[3, "task_id"] = "x"
    assert _pandas_error(frame) == "task_scores, row 4, column 'task_id': task ID 'x' is not an integer"
    assert _dask_error(frame) == "scored.partitions[1], row 2, column 'task_id': task ID 'x' is not an integer"


# 2 ---------------------------------------------------------------- order of the later checks
@pytest.mark.parametrize("npartitions", [1, 2])
def test_unlabelled_row_said_before_a_task_type(npartitions):
    frame = _scores().assign(label=["E1", None, "E1", "E2"], task_type=["Core", "Core", "core", "Core"])
    want = _pandas_error(frame)
    assert want.startswith("task_scores, row 2, column 'label': the label is missing on a scored task")
    said = _dask_error(frame, npartitions)
    assert said.startswith("scored.partitions[0], row 2, column 'label': ")
    assert _reason(said) == _reason(want)


def test_task_type_of_a_later_partition_said_before_a_flag():
    frame = _scores().assign(task_type=["Core", "Core", "core", "Core"], admin=["maybe", "no", "no", "no"],
                             routine_coding=False, entry_creative=False)
    assert _pandas_error(frame).startswith("task_scores, row 3, column 'task_type': ")
    assert _dask_error(frame).startswith("scored.partitions[1], row 1, column 'task_type': ")


def test_probability_of_a_later_partition_said_before_a_label():
    frame = _scores().assign(label=["E1", "E2", "E1", "E2"])
    frame.loc[2, ["p_e0", "p_e2"]] = [0.3, 0.3]  # sums to 1.2
    assert _pandas_error(frame) == "task_scores, row 3: p_e0 + p_e1 + p_e2 = 1.2, not 1"
    assert _dask_error(frame) == "scored.partitions[1], row 1: p_e0 + p_e1 + p_e2 = 1.2, not 1"



# 3 ---------------------------------------------------------------- the repeated-task pass
def test_keys_of_one_hash_are_checked_exactly():
    """The pass by 64-bit hashes: rows of one hash are gathered, their keys compared as given."""
    frame = _scores()
    rows = xd._hashed_key_rows(frame)
    rows["hash"] = np.uint64(7)  # four keys of one hash: none on two rows
    assert xd._first_repeated_task(xd._rows_of_hashes(rows, xd._repeated_hashes(rows[["hash"]]))).empty
    frame.loc[3, "task_id"] = 3
    rows = xd._hashed_key_rows(frame)
    rows["hash"] = np.uint64(7)
    found = xd._first_repeated_task(xd._rows_of_hashes(rows, xd._repeated_hashes(rows[["hash"]])))
    assert found["row"].tolist() == [3, 4]


def test_repeated_task_refused_by_the_threaded_scheduler():
    frame = pd.concat([_scores()] * 3, ignore_index=True).assign(task_id=list(range(12)))
    frame.loc[11, ["onetsoc_code", "task_id"]] = ["11-1011.00", 1]
    with pytest.raises(DataFormatError, match=r"^scored.partitions\[3\], row 3, column 'task_id': duplicate "
                                              r"task \(11-1011.00, 1\) at scored.partitions\[0\], row 2 and"):
        xd.to_occupations(dd.from_pandas(frame, npartitions=4)).compute(scheduler="threads")
