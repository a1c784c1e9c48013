"""Fault round 80 (dask2): ``exposure.dask.check`` and task IDs, Dask's text under a step of the user's, dead links.

Faults found (each test below failed before its fix):

1. ``exposure.dask.check`` never read the task IDs it keys rows by: a task ID ``b'3'``,
   ``1.5``, ``True`` or a date was accepted (``{'rows': 4, 'scored': 4, 'coverage':
   1.0}``), and its search of repeated keys read Dask's text (``dataframe.convert-string``),
   so that ``b'3'`` beside a task ID ``3`` of another row was said to be ``1 task key(s)
   (onetsoc_code, task_id) are on more than one row, e.g. (43-9061.00, 3) at ...``. Now
   the cells are read as given (``exposure.dask._cells_as_given``, as the roll-ups read
   them) and such an ID is refused in the words of ``exposure.dask.to_occupations``, the
   first partition's by number: ``scored.partitions[1], row 1, column 'task_id': task ID
   b'3' is not an integer: bytes, not text (from a database driver or a binary
   column?): decode them first``; ``scored.partitions[1], row 1, column 'task_id': task
   ID 1.5 is not an integer``; rows of ``read_dataset`` by their file and row.
2. Under a step of the user's (``ddf.map_partitions(f)``), the partitions of
   ``dd.from_pandas`` are Dask's text, which the roll-ups cannot undo: a task ID ``b'3'``
   was rolled up as ``'3'`` (and ``check`` accepted it) without a word. Now a warning
   (log ``exposure.dask``, ``exposure.dask.BYTES_MADE_TEXT_MESSAGE``): ``scored: column
   'task_id' of a frame given to dd.from_pandas holds bytes (row 3: b'3'), which Dask's
   dataframe.convert-string option turned into the text '3' before a step that reads it
   as such (a map_partitions): exposure.dask reads that text, where the pandas roll-ups
   refuse bytes; decode them first (or dask.config.set({'dataframe.convert-string':
   False}) before making the frame)``. (A ``persist()``ed frame keeps no trace of its
   cells: not warned of.)
3. ``read_dataset`` of a directory holding a symbolic link to nothing named the link's
   next step only: a relative link ``b.parquet -> ../gone/b.parquet`` was ``a symbolic
   link to ../gone/b.parquet, which does not exist ...`` (read from the current
   directory, where the link's folder is meant), and a loop (``a.parquet -> c.parquet ->
   a.parquet``) ``a symbolic link to c.parquet, which does not exist``. Now
   ``a symbolic link to ../gone/b.parquet (resolved: /.../gone/b.parquet), which does not
   exist (a disk not mounted, a file moved): ...`` (``exposure._io.link_target``, as
   fetch and diff say it) and ``a symbolic link that loops (a.parquet -> c.parquet): ...``.

4. ``read_dataset`` of a directory of CSV files (``part-0.csv``, with a BOM and ``;``
   between its cells) said ``no Parquet files (.parquet, .pq, .parq) in the directory``
   and no more; now ``..., only 1 other file(s) (part-0.csv): --engine dask reads Parquet
   files named so; use --engine stream for other files``, as it tells a single CSV file.
   (Parquet files whose schemas differ were checked and are read or refused right: a
   column int in one file and float in another is float; a column missing from one file
   is refused naming the file, ``its columns ['task'] are not those of a.parquet ['task',
   'n']``; a file of 0 rows, also of null columns, adds no row and keeps the types.)

Guards, which passed before and must still pass: ``test_check_of_good_task_ids_as_before``
(IDs ``1``, ``"2"``, ``3.0`` and a repeated key of ``1`` and ``"1"``), ``test_no_warning_where_cells_are_given``
(a frame of ``dd.from_pandas`` read directly is refused, not warned of).

Tiny made-up frames and files, written by the tests.
"""

from __future__ import annotations

import datetime
import logging
import os

import dask.dataframe as dd
import pandas as pd
import pytest
from tests.unit._frames import four_task_scores

from exposure import dask as xd
from exposure.errors import DataFormatError

BYTES_SAID = ("task ID b'3' is not an integer: bytes, not text (from a database driver or a binary column?): "
              "decode them first")


def _with(column: str, value) -> pd.DataFrame:
    """Four task scores with the cell of row 3 (the first of partition 1) of ``column`` (of objects) ``value``."""
    out = four_task_scores(False).astype({column: object})
    out.loc[2, column] = value
    return out


def _check_error(ddf) -> str:
    with pytest.raises(DataFormatError) as info:
        xd.check(ddf)
    return str(info.value)


def _rollup_error(ddf) -> str:
    with pytest.raises(DataFormatError) as info:
        xd.to_occupations(ddf).compute(scheduler="sync")
    return str(info.value)


# 1 ------------------------------------------------------------- check reads task IDs
@pytest.mark.parametrize("value", [b"3", 1.5, True, datetime.date(2020, 1, 1)], ids=repr)
def test_check_refuses_a_task_id_as_to_occupations_does(value):
    ddf = dd.from_pandas(_with("task_id", value), npartitions=2)
    said = _check_error(ddf)
    assert said == _rollup_error(ddf)
    assert said.startswith("scored.partitions[1], row 1, column 'task_id': ")


def test_check_refuses_bytes_beside_the_same_id_as_text():
    frame = _with("task_id", b"3")
    frame.loc[3, "task_id"] = 3  # before: one key (43-9061.00, 3) on two rows
    assert _check_error(dd.from_pandas(frame, npartitions=2)) == \
        f"scored.partitions[1], row 1, column 'task_id': {BYTES_SAID}"


def test_check_names_the_file_of_a_dataset(tmp_path):
    four_task_scores(False).iloc[:2].to_parquet(tmp_path / "a.parquet")
    four_task_scores(False).iloc[2:].assign(task_id=[3.5, 4.0]).to_parquet(tmp_path / "b.parquet")
    said = _check_error(xd.read_dataset(tmp_path))
    assert said == f"{tmp_path / 'b.parquet'}, row 1, column 'task_id': task ID 3.5 is not an integer"


# 2 ------------------------------------------------ Dask's text under a map_partitions
def _warned(caplog, run) -> list[str]:
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="exposure.dask"):
        run()
    return [r.getMessage() for r in caplog.records if r.name == "exposure.dask"]


WARNED = ("scored: column 'task_id' of a frame given to dd.from_pandas holds bytes (row 3: b'3'), which Dask's "
          "dataframe.convert-string option turned into the text '3' before a step that reads it as such (a "
          "map_partitions): exposure.dask reads that text, where the pandas roll-ups refuse bytes; decode "
          "them first (or dask.config.set({'dataframe.convert-string': False}) before making the frame)")


def test_bytes_made_text_under_map_partitions_warned_by_the_rollup(caplog):
    ddf = dd.from_pandas(_with("task_id", b"3"), npartitions=2).map_partitions(lambda part: part)
    said = _warned(caplog, lambda: xd.to_occupations(ddf).compute(scheduler="sync"))
    assert said == [WARNED]


def test_bytes_made_text_under_map_partitions_warned_by_check(caplog):
    ddf = dd.from_pandas(_with("task_id", b"3"), npartitions=2).map_partitions(lambda part: part)
    assert _warned(caplog, lambda: xd.check(ddf)) == [WARNED]


# 3 ------------------------------------------------------------- dead links of a dataset
def test_relative_dead_link_said_where_it_ends(tmp_path):
    four_task_scores(False).to_parquet(tmp_path / "a.parquet")
    os.symlink("../gone/b.parquet", tmp_path / "b.parquet")
    with pytest.raises(DataFormatError) as info:
        xd.read_dataset(tmp_path)
    assert str(info.value) == (
        f"{tmp_path / 'b.parquet'}: a symbolic link to ../gone/b.parquet (resolved: "
        f"{os.path.realpath(tmp_path / 'b.parquet')}), which does not exist (a disk not mounted, a file "
        "moved): the rows there cannot be read; restore its target, or remove the link")


def test_a_loop_of_links_said_to_loop(tmp_path):
    four_task_scores(False).to_parquet(tmp_path / "b.parquet")
    os.symlink("c.parquet", tmp_path / "a.parquet")
    os.symlink("a.parquet", tmp_path / "c.parquet")
    with pytest.raises(DataFormatError) as info:
        xd.read_dataset(tmp_path)
    assert str(info.value) == (f"{tmp_path / 'a.parquet'}: a symbolic link that loops (a.parquet -> c.parquet): "
                               "the rows there cannot be read; restore its target, or remove the link")


# 4 ------------------------------------------------------- a directory of CSV files
def test_a_directory_of_csv_files_names_them(tmp_path):
    (tmp_path / "part-0.csv").write_bytes(b"\xef\xbb\xbftask;onetsoc_code\nWeld pipes.;51-4121.06\n")
    with pytest.raises(DataFormatError) as info:
        xd.read_dataset(tmp_path)
    assert str(info.value) == (f"{tmp_path}: no Parquet files (.parquet, .pq, .parq) in the directory, only 1 "
                               "other file(s) (part-0.csv): --engine dask reads Parquet files named so; use "
                               "--engine stream for other files")


# guards -------------------------------------------------------------------------------
def test_check_of_good_task_ids_as_before():
    frame = four_task_scores(False).astype({"task_id": object})
    frame["task_id"] = [1, "2", 3.0, None]
    assert xd.check(dd.from_pandas(frame, npartitions=2)) == {"rows": 4, "scored": 4, "coverage": 1.0}
    frame["task_id"] = [1, "2", "1", 4]
    frame["onetsoc_code"] = "11-1011.00"
    assert "e.g. (11-1011.00, 1)" in _check_error(dd.from_pandas(frame, npartitions=2))


def test_no_warning_where_cells_are_given(caplog):
    ddf = dd.from_pandas(_with("task_id", b"3"), npartitions=2)
    said = _warned(caplog, lambda: pytest.raises(DataFormatError, xd.to_occupations(ddf).compute,
                                                 scheduler="sync"))
    assert said == []
