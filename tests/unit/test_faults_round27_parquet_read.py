"""Fault round 27 (a lead of the writers' round): Parquet integers with a gap read back as floats.

``read_frame`` (the reader of the tables given to ``exposure rollup``, ``evaluate`` and the
other commands) read a Parquet integer column holding a null as float64 when the file has no
pandas metadata to restore its type (written by Arrow, Spark or DuckDB), so
``9007199254740993`` came back as ``9007199254740992.0`` without a word, and a boolean
column with a null as objects; the stream engine of ``exposure score`` reads them as
``Int64`` and ``boolean``. Now ``read_frame`` does too; columns without a null keep numpy's
types.
"""

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from exposure._tables import read_frame


def _arrow_file(path, **columns):
    """A Parquet file as Arrow, Spark or DuckDB write it: no pandas metadata to restore types."""
    pq.write_table(pa.table(columns), path)
    return path


def test_a_gapped_integer_column_keeps_its_digits(tmp_path):
    path = _arrow_file(tmp_path / "t.parquet", task=["Weld pipes.", "Type letters."],
                       task_id=pa.array([2**53 + 1, None], pa.int64()), n=pa.array([7, None], pa.int32()),
                       u=pa.array([2**64 - 1, None], pa.uint64()))
    frame = read_frame(path)
    assert str(frame["task_id"].dtype) == "Int64" and frame["task_id"].iloc[0] == 2**53 + 1
    assert pd.isna(frame["task_id"].iloc[1])
    assert str(frame["n"].dtype) == "Int32" and str(frame["u"].dtype) == "UInt64"
    assert frame["u"].iloc[0] == 2**64 - 1


def test_a_gapped_boolean_column_is_boolean(tmp_path):
    path = _arrow_file(tmp_path / "t.parquet", task=["Weld pipes.", "Type letters."],
                       admin=pa.array([True, None], pa.bool_()))
    frame = read_frame(path)
    assert str(frame["admin"].dtype) == "boolean" and frame["admin"].tolist()[0] is True


def test_columns_without_a_gap_and_a_stored_index_are_as_before(tmp_path):
    path = _arrow_file(tmp_path / "a.parquet", task=["Weld pipes."], n=pa.array([1], pa.int64()))
    assert str(read_frame(path)["n"].dtype) == "int64"
    path = tmp_path / "t.parquet"
    pd.DataFrame({"task": ["Weld pipes.", "Type letters."], "n": [1, 2], "flag": [True, False],
                  "gap": pd.array([3, None], dtype="Int64")},
                 index=pd.Index([10, 20], name="posting_id")).to_parquet(path)
    frame = read_frame(path)
    assert str(frame["n"].dtype) == "int64" and str(frame["flag"].dtype) == "bool"
    assert frame["posting_id"].tolist() == [10, 20] and frame["gap"].iloc[0] == 3
