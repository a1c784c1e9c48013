"""Round 26: where the Dask engine (:mod:`exposure.dask`) parted from the stream engine.

1. A Parquet dataset whose integer column has a missing cell (any file written by Arrow,
   Spark or pandas from a nullable ``Int64`` column) was refused by ``read_dataset``,
   ``score_dataset`` and ``exposure score DIR --engine dask``: ``a.parquet, row 2, column
   'n': nan cannot be held as int64, the column's dtype in the dataset``. The stream
   engine reads the same file and writes the integers back.
2. So was a boolean column with a missing cell (``None cannot be held as bool``), and a
   file whose column holds only missing cells (Arrow's null type) beside a file of
   integers in it (``None cannot be held as int64``).
3. The dtypes differed from the stream engine's for the same file: ``read_dataset`` gave
   integer and boolean columns as numpy ``int64`` and ``bool`` (a missing cell made
   them ``float64`` and ``object``), the stream engine as pandas' nullable ``Int64`` and
   ``boolean``: concatenating the two, or comparing them with ``.equals``, showed a
   difference for the same rows; a file of such a column without missing cells beside
   one with them failed as in 1.
4. Files of a dataset whose columns are the same but in another order were refused (``its
   columns ['n', 'task'] are not those of a.parquet ['task', 'n']``), where Arrow and
   ``dask.dataframe.read_parquet`` match them by name.
5. A partition of ``exposure.dask.score(ddf)`` with the frame's columns in another order
   was refused (``its columns ['n', 'task'] are not ddf's ['task', 'n']``).
6. ``to_sectors``/``to_occupations`` with codes given as floats (``541511.0``: a Parquet
   or CSV read by pandas with a missing code elsewhere, or a column of mixed cells)
   grouped them as the text ``'541511.0'``: an industry that matches no OEWS code, and
   ``'541511'`` and ``541511.0`` of one column were two industries; ``541511.5`` was a
   code, without a word.

No mirror and no network; tiny files and frames, the synchronous scheduler or an
in-process client.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from exposure.errors import DataFormatError
from exposure.scoring._files import iter_task_batches, score_file

dask = pytest.importorskip("dask")
dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")

from exposure import dask as xd  # noqa: E402

TEXTS = ["Answer telephones and relay messages.", "Operate a forklift to move pallets.",
         "Weld steel beams on site.", "File records and documents."]
MEASURES = {"alpha": [0.6, 0.2, 0.1, 0.4], "beta": [0.7, 0.3, 0.15, 0.5],
            "gamma": [0.8, 0.4, 0.2, 0.6], "admin": [True, False, False, True],
            "routine_coding": False, "entry_creative": False}


def _sync(ddf) -> pd.DataFrame:
    return ddf.compute(scheduler="sync")


def _parts(*frames):
    """A Dask DataFrame of these partitions, whatever their columns (meta: the first's)."""
    return dd.from_delayed([dask.delayed(f) for f in frames], meta=frames[0].iloc[:0],
                           verify_meta=False)


def _nullable_table() -> pa.Table:
    """Texts, an integer column and a boolean column with a missing cell (row 2 of the file)."""
    return pa.table({"task": TEXTS,
                     "n": pa.array([9007199254740993, None, 3, 4], pa.int64()),
                     "flag": pa.array([True, None, False, True], pa.bool_())})


def _write(table: pa.Table, path):
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(table, path)
    return path


# 1-3. nullable integer and boolean columns ----------------------------------------------

def test_missing_integer_and_boolean_cells_are_read_as_the_stream_engine_reads_them(tmp_path):
    """Refused before: ``nan cannot be held as int64`` (``None cannot be held as bool``)."""
    src = _write(_nullable_table(), tmp_path / "in" / "a.parquet").parent
    got = _sync(xd.read_dataset(src)).drop(columns=["__exposure_file", "__exposure_line"])
    stream = next(iter_task_batches(src / "a.parquet"))
    # (text is Dask's string[pyarrow], its ``dataframe.convert-string``, whatever the reader)
    assert got.dtypes[["n", "flag"]].equals(stream.dtypes[["n", "flag"]])
    assert str(got["n"].dtype) == "Int64" and str(got["flag"].dtype) == "boolean"
    assert got["n"].tolist() == [9007199254740993, pd.NA, 3, 4]  # not 9007199254740992.0
    assert got["flag"].tolist() == [True, pd.NA, False, True]


@pytest.mark.parametrize("method", ["rubric", "learned"])
def test_score_dataset_writes_what_the_stream_engine_writes(tmp_path, client, method):
    """Same input file: the same column types and values in both engines' Parquet outputs."""
    src = _write(_nullable_table(), tmp_path / "in" / "a.parquet")
    score_file(src, tmp_path / "stream.parquet", method)
    xd.score_dataset(src.parent, tmp_path / "out", method, client=client, progress=False)
    stream = pq.read_table(tmp_path / "stream.parquet")
    ours = pq.read_table(tmp_path / "out" / "part-00000.parquet")
    assert ours.schema.names == stream.schema.names
    assert ours.schema.types == stream.schema.types
    assert ours.to_pylist() == stream.to_pylist()
    assert ours.column("n").to_pylist() == [9007199254740993, None, 3, 4]
    back = [pd.read_parquet(tmp_path / p) for p in ("stream.parquet", "out/part-00000.parquet")]
    assert back[0].equals(back[1])


def test_files_with_and_without_missing_integers_make_one_dataset(tmp_path):
    """A file of the column without missing cells beside one with them failed as in 1."""
    table = _nullable_table()
    _write(table.slice(2, 2), tmp_path / "in" / "a.parquet")  # no missing cell
    _write(table.slice(0, 2), tmp_path / "in" / "b.parquet")  # row 2: missing
    got = _sync(xd.read_dataset(tmp_path / "in"))
    assert got["n"].tolist() == [3, 4, 9007199254740993, pd.NA]
    assert got["flag"].tolist() == [False, True, True, pd.NA]


def test_a_file_whose_column_is_all_missing_beside_integers(tmp_path):
    """A column of nulls only (Arrow's null type) in one file: ``None cannot be held as int64``."""
    _write(pa.table({"task": TEXTS[:2], "task_id": pa.array([None, None], pa.null())}),
           tmp_path / "in" / "a.parquet")
    _write(pa.table({"task": TEXTS[2:], "task_id": pa.array([8823, 8824], pa.int64())}),
           tmp_path / "in" / "b.parquet")
    got = _sync(xd.read_dataset(tmp_path / "in"))
    assert str(got["task_id"].dtype) == "Int64" and got["task_id"].tolist() == [pd.NA, pd.NA, 8823, 8824]


def test_cli_dask_engine_reads_missing_integers_and_reordered_files(tmp_path, capsys):
    """``exposure score DIR --engine dask`` exited 2 on either; it writes the stream engine's rows."""
    from exposure.cli import main

    table = _nullable_table()
    _write(table.slice(0, 2), tmp_path / "in" / "a.parquet")
    _write(table.slice(2, 2).select(["flag", "n", "task"]), tmp_path / "in" / "b.parquet")
    _write(table, tmp_path / "all.parquet")
    assert main(["score", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--engine", "dask",
                 "--workers", "1", "--method", "rubric"]) == 0
    assert "scored 4 tasks with rubric" in capsys.readouterr().out
    score_file(tmp_path / "all.parquet", tmp_path / "all_scored.parquet", "rubric")
    stream = pq.read_table(tmp_path / "all_scored.parquet")
    ours = pq.read_table(tmp_path / "out")
    assert ours.schema.types == stream.schema.types
    assert ours.to_pylist() == stream.to_pylist()


def test_integer_and_float_files_still_make_floats(tmp_path):
    """Integers in one file, floats in another: floats, as before (round 17)."""
    _write(pa.table({"task": TEXTS[:2], "n": pa.array([1, None], pa.int64())}), tmp_path / "in" / "a.parquet")
    _write(pa.table({"task": TEXTS[2:], "n": pa.array([2.5, 3.7])}), tmp_path / "in" / "b.parquet")
    got = _sync(xd.read_dataset(tmp_path / "in"))
    assert got["n"].dtype == np.float64
    assert got["n"].tolist()[::2] == [1.0, 2.5] and np.isnan(got["n"].iloc[1])


# 4. files whose columns are in another order --------------------------------------------

def test_files_whose_columns_are_in_another_order_are_matched_by_name(tmp_path, client):
    """Refused before: ``its columns ['n', 'task'] are not those of a.parquet ['task', 'n']``."""
    src = tmp_path / "in"
    src.mkdir()
    pd.DataFrame({"task": TEXTS[:2], "n": [1, 2]}).to_parquet(src / "a.parquet")
    pd.DataFrame({"n": [3, 4], "task": TEXTS[2:]}).to_parquet(src / "b.parquet")
    got = _sync(xd.read_dataset(src))
    assert list(got.columns[:2]) == ["task", "n"]
    assert got["task"].tolist() == TEXTS and got["n"].tolist() == [1, 2, 3, 4]
    done = xd.score_dataset(src, tmp_path / "out", "rubric", client=client, progress=False)
    out = pd.read_parquet(tmp_path / "out")
    assert done.n_tasks == 4 and out["n"].tolist() == [1, 2, 3, 4] and out["task"].tolist() == TEXTS


def test_files_of_other_columns_are_still_refused(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    pd.DataFrame({"task": TEXTS[:2], "n": [1, 2]}).to_parquet(src / "a.parquet")
    pd.DataFrame({"n": [3, 4], "text": TEXTS[2:]}).to_parquet(src / "b.parquet")
    with pytest.raises(DataFormatError, match=r"b\.parquet: its columns \['n', 'text'\] are not those of "
                       r"a\.parquet \['task', 'n'\]"):
        xd.read_dataset(src)


# 5. partitions whose columns are in another order ---------------------------------------

@pytest.mark.parametrize("method", ["rubric", "learned"])
@pytest.mark.parametrize("codes", [False, True], ids=["free-text", "regrouped"])
def test_partition_with_columns_in_another_order_is_matched_by_name(method, codes):
    """Refused before: ``ddf.partitions[1]: its columns ['n', 'task'] are not ddf's ['task', 'n']``."""
    frame = pd.DataFrame({"task": TEXTS, "n": [1, 2, 3, 4]})
    if codes:  # one occupation on rows 1 and 3: the rows are regrouped by occupation
        frame["onetsoc_code"] = ["43-9061.00", "53-7051.00", "43-9061.00", "51-4121.00"]
    second = frame.iloc[2:][list(frame.columns[::-1])]
    got = _sync(xd.score(_parts(frame.iloc[:2], second), method))
    want = _sync(xd.score(dd.from_pandas(frame, npartitions=2), method))
    assert list(got.columns) == list(want.columns)
    assert got["n"].tolist() == [1, 2, 3, 4] and got["task"].tolist() == TEXTS
    assert np.array_equal(got["p_e0"].to_numpy(), want["p_e0"].to_numpy())


def test_partition_of_other_columns_is_still_refused():
    ddf = _parts(pd.DataFrame({"task": TEXTS[:2], "n": [1, 2]}), pd.DataFrame({"n": [3, 4], "x": TEXTS[2:]}))
    with pytest.raises(DataFormatError, match=r"^ddf\.partitions\[1\]: its columns \['n', 'x'\] are not ddf's"):
        _sync(xd.score(ddf, "rubric"))


# 6. codes given as floats ---------------------------------------------------------------

def test_whole_float_codes_are_the_integer_codes():
    """``541511.0`` was the industry ``'541511.0'``, one beside ``'541511'``."""
    floats = pd.DataFrame({"naics": [541511.0, 541511.0, 23.0, np.nan], **MEASURES}).iloc[:3]
    mixed = floats.assign(naics=pd.Series(["541511", 541511.0, 23], dtype=object))
    ints = floats.assign(naics=[541511, 541511, 23])
    want = _sync(xd.to_sectors(dd.from_pandas(ints, npartitions=2)))
    assert want.index.tolist() == ["23", "541511"]
    got = _sync(xd.to_sectors(dd.from_pandas(floats, npartitions=2)))
    pd.testing.assert_frame_equal(got, want)
    with dask.config.set({"dataframe.convert-string": False}):  # a column of Python objects
        got = _sync(xd.to_sectors(dd.from_pandas(mixed, npartitions=2)))
    pd.testing.assert_frame_equal(got, want)


@pytest.mark.parametrize("code", [541511.5, np.inf, 1e300])
def test_float_code_that_is_no_whole_number_is_refused(code):
    frame = pd.DataFrame({"naics": [541511.0, 23.0, code, 23.0], **MEASURES})
    with pytest.raises(DataFormatError, match=r"^scored\.partitions\[1\], row 1, column 'naics': naics "
                       r"must be a code \(text, or a whole number\), got "):
        _sync(xd.to_sectors(dd.from_pandas(frame, npartitions=2)))
