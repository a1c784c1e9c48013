"""Round 57 (scale): dtypes and values that ``exposure.dask`` and ``exposure.spark`` changed or let through.

Found in this round, as an analyst scoring and rolling up postings at scale meets them:

1. :func:`exposure.dask.score` of ``learned`` where an occupation spans partitions (the
   rows are regrouped by occupation): a categorical column whose categories Dask does not
   know (``ddf.astype({"city": "category"})``, ``dd.read_parquet`` of a dictionary column;
   the text column too) came back as text under a meta that says ``category``, so
   ``scored.compute()`` was not ``score_tasks(ddf.compute())`` (``string`` for
   ``category``) and ``scored["city"].cat.as_known().compute()`` failed with
   ``AttributeError: 'Series' object has no attribute 'categories'``; on a distributed
   cluster it came back with the categories of the shuffled rows (``['Lyon', 'Paris',
   'Nice']`` for a partition of ``['Lyon', 'Paris']``), and Arrow columns
   (``string[pyarrow]``, ``decimal128(6, 2)[pyarrow]``) as Python objects. Now the scored
   rows get the meta's dtypes back, and each input partition's own categories, as when
   the rows are not regrouped.
2. :func:`exposure.dask.to_sectors` / :func:`~exposure.dask.to_occupations` of codes in a
   categorical column of floats (a float ``naics`` column, as pandas reads one with a
   missing cell, made categorical): grouped as the text ``'541511.0'``, which matches no
   OEWS code, where the float column itself gives ``'541511'``. Now read by their values:
   ``'541511'``; a float that is no whole number is refused naming the row.
3. :func:`exposure.spark.score` with ``occupation_column`` naming a column of Spark type
   ``bigint`` (or ``array<string>``): the job started, and failed in a worker's traceback
   (``occupation title must be text or missing, got int 0``). Now refused when ``score``
   is called, as a text or code column of another type is.
4. :func:`exposure.dask.score` of a partition holding ``2**63`` (uint64) where the meta has
   ``int64``, or ``-1`` where it has ``uint64`` (``from_delayed(..., verify_meta=False)``);
   :func:`exposure.dask.read_dataset` / ``score_dataset`` of a file of ``int64`` ids beside
   one of ``uint64`` ids of ``2**63`` or more: the value wrapped around,
   ``-9223372036854775808`` (``18446744073709551615``), without a word (the check of the
   cast casts back, and the wrap-around comes back). Now refused, naming the partition or
   file, the row and the column; ``uint64`` values below ``2**63`` are read as before.
5. :func:`exposure.dask.score_dataset` (``exposure score DIR -o OUT --engine dask``) and
   :func:`exposure.dask.read_dataset` of Parquet files with a column of dates
   (``date32``, as Spark writes a ``DateType``), of decimals or of times of day: the
   output held them as text (``'2024-01-02'``, ``'1.50'``: Dask turned the Python
   objects pandas reads into strings), where the stream engine writes dates, decimals and
   times. Now read as Arrow columns of their type and written as such.

Tiny frames and files written here. The Spark test needs PySpark and Java (skipped
without them, unless ``EXPOSURE_REQUIRE_SPARK=1``, as ``tests/unit/test_spark.py``).
"""

from __future__ import annotations

import datetime
import decimal

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")

import dask  # noqa: E402
from _spark import spark_ready, spark_session  # noqa: E402
from test_faults_cli import cli  # noqa: E402

from exposure import dask as xd  # noqa: E402
from exposure import spark as xs  # noqa: E402
from exposure.errors import DataFormatError  # noqa: E402
from exposure.scoring import score_tasks  # noqa: E402

#: Two occupations whose rows lie in both partitions of ``dd.from_pandas(..., npartitions=2)``.
SPANNING = pd.DataFrame({
    "onetsoc_code": ["43-9061.00", "47-2021.00", "43-9061.00", "47-2021.00", "43-9061.00", "47-2021.00"],
    "task": ["Answer telephones and relay messages.", "Lay bricks to build walls.",
             "File records and documents.", "Mix mortar by hand.", "Type letters.", "Set floor tiles."],
    "city": ["Paris", "Lyon", "Paris", "Nice", "Lyon", "Paris"],
})


# ---------------------------------------------------- 1. dtypes of rows regrouped by occupation
@pytest.mark.parametrize("column", ["city", "task"])
def test_regrouped_rows_keep_a_column_of_unknown_categories(column):
    ddf = dd.from_pandas(SPANNING, npartitions=2).astype({column: "category"})
    assert xd._spans_partitions(ddf, None)  # the rows are regrouped
    scored = xd.score(ddf)
    got = scored.compute(scheduler="sync")
    # was: the column of text (string) under a meta of category
    assert isinstance(got[column].dtype, pd.CategoricalDtype)
    pd.testing.assert_frame_equal(got, score_tasks(ddf.compute(scheduler="sync")), check_exact=True)
    with dask.config.set(scheduler="sync"):  # was: AttributeError: ... has no attribute 'categories'
        assert scored[column].cat.as_known().compute().tolist() == SPANNING[column].tolist()


@pytest.mark.parametrize("scheduler", ["sync", "client"])
def test_regrouped_rows_keep_each_partitions_own_categories(scheduler, request):
    ddf = dd.from_pandas(SPANNING, npartitions=2).astype({"city": "category"})
    run = {"scheduler": "sync"} if scheduler == "sync" else {"scheduler": request.getfixturevalue("client")}
    scored = xd.score(ddf)
    for k in range(2):  # as the rows not regrouped (rubric) keep them
        want = ddf.partitions[k].compute(**run)["city"].dtype
        assert xd.score(ddf, "rubric").partitions[k].compute(**run)["city"].dtype == want
        # was: text (sync), or the categories of the shuffled rows (['Lyon', 'Paris', 'Nice'] for
        # ['Lyon', 'Paris']: distributed's shuffle)
        assert scored.partitions[k].compute(**run)["city"].dtype == want


def test_regrouped_rows_keep_arrow_columns_on_a_cluster(client):
    frame = SPANNING.assign(
        city=pd.array(SPANNING["city"], dtype=pd.ArrowDtype(pa.string())),
        salary=pd.array([decimal.Decimal("1.50"), None, decimal.Decimal("2.25")] * 2,
                        dtype=pd.ArrowDtype(pa.decimal128(6, 2))))
    ddf = dd.from_pandas(frame, npartitions=2)
    got = xd.score(ddf).compute(scheduler=client)
    # was: object columns (str and Decimal objects: distributed's shuffle), under the meta's dtypes
    assert got["salary"].dtype == frame["salary"].dtype and got["city"].dtype == frame["city"].dtype
    pd.testing.assert_frame_equal(got, score_tasks(ddf.compute(scheduler=client)), check_exact=True)


def test_regrouped_rows_of_a_dataset_keep_its_dictionary_column(tmp_path, client):
    src = tmp_path / "postings"
    src.mkdir()
    for name, rows in (("a.parquet", SPANNING.iloc[:3]), ("b.parquet", SPANNING.iloc[3:])):
        table = pa.Table.from_pandas(rows, preserve_index=False)
        table = table.set_column(2, "city", table["city"].dictionary_encode())
        pq.write_table(table, src / name)
    ddf = xd.read_dataset(src)
    scored = xd.score(ddf)
    assert scored.compute()["city"].tolist() == SPANNING["city"].tolist()
    for k in range(2):  # each file's own categories (was: those of the shuffled rows)
        assert scored.partitions[k].compute()["city"].dtype == ddf.partitions[k].compute()["city"].dtype


# ------------------------------------------------------ 2. codes in a categorical of floats
def _sector_rows(naics) -> pd.DataFrame:
    return pd.DataFrame({"naics": naics, "alpha": [0.6, 0.2, 0.1, 0.3], "beta": [0.7, 0.3, 0.1, 0.3],
                         "gamma": [0.8, 0.4, 0.1, 0.3], "admin": [True, False, False, True],
                         "routine_coding": False, "entry_creative": False, "n": [1.0, 3.0, 2.0, 2.0]})


@pytest.mark.parametrize("rollup", [xd.to_sectors, xd.to_occupations])
def test_rollup_reads_categorical_float_codes_as_the_codes(rollup):
    floats = pd.Series([541511.0, 541511.0, 23.0, np.nan, 23.0])  # read by pandas with a missing cell
    codes = floats.dropna().astype("category").reset_index(drop=True)
    got = rollup(dd.from_pandas(_sector_rows(codes), npartitions=2), by="naics", weight="n").compute(
        scheduler="sync")
    want = rollup(dd.from_pandas(_sector_rows(["541511", "541511", "23", "23"]), npartitions=2),
                  by="naics", weight="n").compute(scheduler="sync")
    # was: ['23.0', '541511.0']
    assert got.index.tolist() == ["23", "541511"]
    pd.testing.assert_frame_equal(got, want)


def test_rollup_refuses_a_categorical_float_code_that_is_no_whole_number():
    codes = pd.Categorical([541511.0, 541511.5, 23.0, 23.0])
    with pytest.raises(DataFormatError) as err:
        xd.to_sectors(dd.from_pandas(_sector_rows(codes), npartitions=1)).compute(scheduler="sync")
    assert str(err.value) == ("scored.partitions[0], row 2, column 'naics': naics must be a code (text, "
                              "or a whole number), got 541511.5")


# --------------------------------------------------- 4. integers that wrap around in a cast
def _from_parts(*parts: pd.DataFrame):
    return dd.from_delayed([dask.delayed(p) for p in parts], meta=parts[0].iloc[:0], verify_meta=False)


@pytest.mark.parametrize(("first", "fits", "second", "shown", "dtype"), [
    (np.array([1, 2], dtype=np.int64), np.array([2**63 - 1, 5], dtype=np.uint64),
     np.array([2**63, 5], dtype=np.uint64), 9223372036854775808, "int64"),
    (np.array([1, 2], dtype=np.uint64), np.array([0, 5], dtype=np.int64),
     np.array([-1, 5], dtype=np.int64), -1, "uint64"),
])
def test_a_value_that_wraps_around_in_the_meta_dtype_is_refused(first, fits, second, shown, dtype):
    def scored(values):
        return xd.score(_from_parts(pd.DataFrame({"task": ["Type letters.", "Weld pipes."], "n": first}),
                                    pd.DataFrame({"task": ["File records.", "Sort mail."], "n": values})),
                        "rubric").compute(scheduler="sync")

    got = scored(fits)  # values the meta's dtype holds are cast, as before
    assert got["n"].dtype == dtype and got["n"].tolist() == [*first.tolist(), *fits.tolist()]
    with pytest.raises(DataFormatError) as err:  # was: -9223372036854775808 / 18446744073709551615
        scored(second)
    assert str(err.value) == (f"ddf.partitions[1], row 1, column 'n': {shown} cannot be held as {dtype}, "
                              "the column's dtype in ddf's meta")


def _ids_dataset(tmp_path, name: str, big: int):
    src = tmp_path / name
    src.mkdir()
    pq.write_table(pa.table({"task": ["Type letters.", "Weld pipes."], "n": pa.array([1, 2], pa.int64())}),
                   src / "a.parquet")
    pq.write_table(pa.table({"task": ["File records.", "Sort mail."], "n": pa.array([5, big], pa.uint64())}),
                   src / "b.parquet")
    return src


def test_dataset_of_int64_and_uint64_ids_past_int64_is_refused(tmp_path, client):
    src = _ids_dataset(tmp_path, "small", 2**63 - 1)  # ids an int64 holds: read as before
    xd.score_dataset(src, tmp_path / "out", "rubric", client=client, progress=False)
    assert pd.read_parquet(tmp_path / "out")["n"].tolist() == [1, 2, 5, 2**63 - 1]
    src = _ids_dataset(tmp_path, "big", 2**63)
    with pytest.raises(DataFormatError) as err:  # was: written as -9223372036854775808
        xd.score_dataset(src, tmp_path / "out2", "rubric", client=client, progress=False)
    assert str(err.value) == (f"{src / 'b.parquet'}, row 2, column 'n': 9223372036854775808 cannot be held "
                              "as Int64, the column's dtype in the dataset (int64, the type Arrow gives its files' types int64 "
                              "and uint64): give the column one type that holds all its values in every file")
    assert not (tmp_path / "out2").exists()


# ------------------------------------------------------- 5. dates, decimals and times kept
def _typed_file(path) -> pa.Table:
    table = pa.table({
        "task": ["Answer telephones and relay messages.", "Operate a forklift to move pallets.",
                 "Type letters."],
        "posted": pa.array([datetime.date(2024, 1, 2), None, datetime.date(2024, 3, 4)], pa.date32()),
        "salary": pa.array([decimal.Decimal("1.50"), decimal.Decimal("20.25"), None], pa.decimal128(6, 2)),
        "starts": pa.array([datetime.time(9, 30), None, datetime.time(8)], pa.time64("us")),
    })
    pq.write_table(table, path)
    return table


def test_read_dataset_keeps_dates_decimals_and_times(tmp_path):
    table = _typed_file(tmp_path / "a.parquet")
    got = xd.read_dataset(tmp_path / "a.parquet").compute(scheduler="sync")
    for name in ("posted", "salary", "starts"):  # was: text (str)
        assert got[name].dtype == pd.ArrowDtype(table.schema.field(name).type)
        values = table[name].to_pylist()
        assert got[name].isna().tolist() == [v is None for v in values]
        assert got[name].dropna().tolist() == [v for v in values if v is not None]


def test_score_dataset_writes_dates_decimals_and_times_as_the_stream_engine(tmp_path, client, capsys):
    src = tmp_path / "postings"
    src.mkdir()
    table = _typed_file(src / "a.parquet")
    xd.score_dataset(src, tmp_path / "out", "rubric", client=client, progress=False)
    got = pq.read_table(tmp_path / "out")
    # was: large_string, ['2024-01-02', None, '2024-03-04'] and ['1.50', '20.25', None]
    for name in ("posted", "salary", "starts"):
        assert got.schema.field(name).type == table.schema.field(name).type
        assert got[name].to_pylist() == table[name].to_pylist()
    assert cli(capsys, "score", str(src / "a.parquet"), "-o", str(tmp_path / "s.parquet"),
               "--method", "rubric")[0] == 0
    stream = pq.read_table(tmp_path / "s.parquet")
    for name in ("posted", "starts"):
        assert got.schema.field(name).type == stream.schema.field(name).type
    assert got.drop_columns(["salary"]).to_pandas().equals(stream.drop_columns(["salary"]).to_pandas())
    assert got["salary"].to_pylist() == stream["salary"].to_pylist()


# ------------------------------------------------------------------------------ 3. Spark
needs_spark = pytest.mark.skipif(not spark_ready(), reason="PySpark and Java are needed")


@pytest.fixture(scope="module")
def spark():
    session = spark_session("exposure-round57")
    yield session
    session.stop()


@needs_spark
@pytest.mark.parametrize(("title", "kind"), [("CAST(pid AS BIGINT)", "bigint"), ("array('Clerk')", "array<string>")])
@pytest.mark.parametrize("method", ["learned", "rubric"])
def test_spark_score_refuses_an_occupation_column_that_is_not_text_when_called(spark, title, kind, method):
    sdf = spark.createDataFrame(SPANNING.assign(pid=range(len(SPANNING)))).selectExpr("*", f"{title} AS title")
    with pytest.raises(DataFormatError) as err:  # was: the job's worker traceback
        xs.score(sdf, method, occupation_column="title")
    assert str(err.value) == f"column 'title': occupation titles must be strings, got a column of Spark type {kind}"
