"""Round 59 (scale): ``exposure.dask`` and ``exposure.spark`` on inputs they failed or misread.

Found in this round, as an analyst scoring postings on a cluster meets them:

1. :func:`exposure.dask.score` of ``learned`` on a distributed cluster, where an occupation
   spans partitions (the rows are regrouped by occupation), of a frame with an Arrow
   ``list`` or ``dictionary`` column (``dd.read_parquet(..., dtype_backend="pyarrow")``),
   a complex or a sparse column: Dask's P2P shuffle (a cluster's default) cannot carry
   them, and ``compute()`` failed with ``RuntimeError: P2P ... failed during transfer
   phase`` (``TypeError: p2p does not support data of type 'complex128' found in column
   'extra'``; ``... sparse data found in column '{name}'``), naming no column of the
   user's; a categorical column of tz-aware dates came back as other values, and was
   refused (``Timestamp('2024-01-02 00:00:00') is not one of the categories of the column
   in ddf's meta``), though no value of the user's was outside them. Now such a frame is regrouped with Dask's task-based shuffle, which carries any
   column: the rows are scored, as ``score_tasks`` scores them, and their columns kept.
2. :func:`exposure.dask.score` of ``learned`` on ``dd.read_parquet(DIR)`` (the docs'
   example) whose occupations span files: the check whether an occupation spans
   partitions read the code column only, and Dask joins the partitions of a Parquet read
   of a few of its columns. Two files of two occupations were one partition to the check:
   no occupation spanned, each file was scored with its own rows as the occupation's
   context, and the scores were not those of ``score_tasks`` of the frame (beta 0.7988 for
   0.8119), without a word; with six files the regrouping failed with ``ValueError: zip()
   argument 2 is shorter than argument 1``. Now the check counts the partitions the
   scoring reads: the scores of ``score_tasks``.
3. :func:`exposure.spark.score` of a DataFrame with a column whose name holds a backtick
   (``we`ird``, ```id```) or is ``*``: Spark's ``AnalysisException``
   (``INVALID_ATTRIBUTE_NAME_SYNTAX``, ``UNRESOLVED_COLUMN``,
   ``INVALID_USAGE_OF_STAR_OR_REGEX``) when ``score`` was called. Now refused in one line
   naming the column and how to rename it, as a dotted name is.
4. :func:`exposure.spark.score` of a DataFrame with a column of a type ``mapInPandas``
   cannot pass to Python (``interval year``, ``interval``, ``array<interval year>``):
   PySpark's ``PySparkNotImplementedError: [NOT_IMPLEMENTED] Invalid return type in
   mapInPandas: StructType([...])``, the whole schema with the engine's hidden columns,
   naming no column. Now refused in one line naming the column and its type, with the cast
   that lets it through.
5. :func:`exposure.dask.read_dataset` / ``score_dataset`` / ``exposure score DIR --engine
   dask`` of files whose column has ``int64`` in one and ``uint64`` ids of ``2**63`` or
   more in another (or ``int64`` values past ``2**53`` beside ``double``): refused with
   ``... cannot be held as Int64, the column's dtype in the dataset (a type that every
   file's values fit)``, which is untrue there. Now the message names the dataset's type
   and the files' types it comes from, and says what to do.

Tiny frames and files written here. The Dask tests of fault 1 run on an in-process
distributed cluster of one worker; the Spark tests need PySpark and Java (skipped without
them, unless ``EXPOSURE_REQUIRE_SPARK=1``, as ``tests/unit/test_spark.py``).
"""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")

from _spark import spark_ready, spark_session  # noqa: E402
from test_faults_cli import cli, one_error_line  # noqa: E402
from test_faults_round57_scale import SPANNING as SPANNING_57  # noqa: E402

from exposure import dask as xd  # noqa: E402
from exposure import spark as xs  # noqa: E402
from exposure.errors import DataFormatError  # noqa: E402
from exposure.scoring import SCORE_COLUMNS, score_tasks  # noqa: E402

#: Two occupations whose rows lie in both partitions of ``dd.from_pandas(..., npartitions=2)``
#: (round 57's frame, without its city column).
SPANNING = SPANNING_57[["onetsoc_code", "task"]]


def _same_scores(got: pd.DataFrame, want: pd.DataFrame) -> None:
    """``got`` has the score columns of ``want``, bit for bit (row by row, in order)."""
    for col in SCORE_COLUMNS:
        assert got[col].tolist() == want[col].tolist(), col


# ------------------------------------------- 1. columns P2P cannot carry, regrouped on a cluster
def _arrow(values, kind) -> pd.Series:
    return pd.Series(pd.array(values, dtype=pd.ArrowDtype(kind)))


EXTRA = {
    "list": lambda: _arrow([[1, 2], [3], [], None, [5, 6], [7]], pa.list_(pa.int64())),
    "dictionary": lambda: _arrow(["Paris", "Lyon", "Paris", "Nice", "Lyon", "Paris"],
                                 pa.dictionary(pa.int32(), pa.string())),
    "struct": lambda: _arrow([{"a": i} for i in range(6)], pa.struct([("a", pa.int64())])),
    "complex": lambda: pd.Series([1 + 2j, 3j, 1, 2, 3, 4], dtype=complex),
    "sparse": lambda: pd.Series(pd.arrays.SparseArray([0, 1, 0, 0, 2, 0])),
    "tz categories": lambda: pd.Series(pd.date_range("2024-01-01", periods=6, tz="UTC")).astype("category"),
}


@pytest.mark.parametrize("kind", list(EXTRA))
def test_regrouped_rows_carry_columns_the_p2p_shuffle_cannot(kind, client):
    frame = SPANNING.assign(extra=EXTRA[kind]())
    ddf = dd.from_pandas(frame, npartitions=2, sort=False)
    assert xd._spans_partitions(ddf, None)  # the rows are regrouped by occupation
    # was: RuntimeError: P2P ... failed during transfer phase; TypeError: p2p does not support ...
    got = xd.score(ddf, "learned").compute()
    _same_scores(got, score_tasks(frame))
    assert got["extra"].dtype == frame["extra"].dtype
    assert got["extra"].astype(str).tolist() == frame["extra"].astype(str).tolist()


def test_regrouped_rows_of_read_parquet_with_arrow_list_and_dictionary_columns(tmp_path, client):
    table = pa.table({"onetsoc_code": SPANNING["onetsoc_code"], "task": SPANNING["task"],
                      "skills": pa.array([["phone"], ["bricks", "mortar"], [], None, ["typing"], ["tiles"]],
                                         pa.list_(pa.string())),
                      "city": pa.array(["Paris", "Lyon", "Paris", "Nice", "Lyon", "Paris"]).dictionary_encode()})
    pq.write_table(table.slice(0, 3), tmp_path / "a.parquet")
    pq.write_table(table.slice(3), tmp_path / "b.parquet")
    ddf = dd.read_parquet(tmp_path, dtype_backend="pyarrow")
    # was: each file scored alone (fault 2); regrouped, RuntimeError: P2P ... failed during transfer phase
    got = xd.score(ddf, "learned").compute()
    _same_scores(got, score_tasks(ddf.compute().reset_index(drop=True)))
    assert pa.array(got["skills"]).to_pylist() == table["skills"].to_pylist()
    assert got["city"].astype(str).tolist() == table["city"].to_pylist()


# ------------------------------------------- 2. the spanning check of dd.read_parquet partitions
def _files(directory, codes, files: int) -> pd.DataFrame:
    """``files`` Parquet files of 4 rows each, the occupations ``codes`` in turn (each spans files)."""
    texts = ["Answer telephones and relay messages.", "Lay bricks to build walls.", "File records and documents.",
             "Mix mortar by hand.", "Type letters.", "Set floor tiles.", "Reply to customer emails.",
             "Pour concrete footings."]
    n = 4 * files
    frame = pd.DataFrame({"onetsoc_code": [codes[i % len(codes)] for i in range(n)],
                          "task": [texts[i % len(texts)] for i in range(n)],
                          "posting_id": range(n), "city": ["Paris", "Lyon"] * (n // 2)})
    for k in range(files):
        frame.iloc[4 * k:4 * k + 4].to_parquet(directory / f"part{k}.parquet", index=False)
    return frame


def test_read_parquet_of_occupations_spanning_two_files_is_scored_as_one_frame(tmp_path):
    frame = _files(tmp_path, ["43-9061.00", "47-2021.00"], 2)
    ddf = dd.read_parquet(tmp_path)
    got = xd.score(ddf, "learned").compute()
    # was: each file scored alone, beta 0.7988... for score_tasks' 0.8119..., without a word
    _same_scores(got, score_tasks(frame))


@pytest.mark.parametrize("columns", [None, ["onetsoc_code", "task"]])
def test_read_parquet_of_six_files_is_regrouped(tmp_path, columns):
    frame = _files(tmp_path, ["43-9061.00", "47-2021.00", "43-4051.00"], 6)
    ddf = dd.read_parquet(tmp_path)
    ddf = ddf if columns is None else ddf[columns]
    got = xd.score(ddf, "learned").compute()  # was: ValueError: zip() argument 2 ...
    _same_scores(got, score_tasks(frame))
    assert got["posting_id" if columns is None else "task"].tolist() == \
        frame["posting_id" if columns is None else "task"].tolist()


# ---------------------------------------------------------------------------------- Spark
needs_spark = pytest.mark.skipif(not spark_ready(), reason="PySpark and Java are needed")


@pytest.fixture(scope="module")
def spark():
    session = spark_session("exposure-round59")
    yield session
    session.stop()


# ------------------------------------------------------ 3. names Spark reads as quotes or a star
@needs_spark
@pytest.mark.parametrize(("name", "what", "new"), [
    ("we`ird", "whose name has a backtick (it reads backticks as quotes around a name)", "we_ird"),
    ("`id`", "whose name has a backtick (it reads backticks as quotes around a name)", "_id_"),
    ("*", "named '*' (it reads it as every column)", "star"),
])
@pytest.mark.parametrize("method", ["learned", "rubric"])
def test_spark_score_refuses_a_name_with_a_backtick_or_a_star_when_called(spark, name, what, new, method):
    sdf = spark.createDataFrame(SPANNING.assign(**{name: range(len(SPANNING))}))
    with pytest.raises(DataFormatError) as err:  # was: Spark's AnalysisException
        xs.score(sdf, method)
    assert str(err.value) == (f"column {name!r}: Spark's mapInPandas cannot pass a column {what}: rename "
                              f"it, e.g. sdf.withColumnRenamed({name!r}, {new!r})")
    renamed = xs.score(sdf.withColumnRenamed(name, new), "rubric").toPandas()  # the remedy works
    assert sorted(renamed[new].tolist()) == list(range(len(SPANNING)))


# --------------------------------------------------- 4. types mapInPandas cannot pass to Python
@needs_spark
@pytest.mark.parametrize(("expr", "kind"), [("INTERVAL '2' YEAR", "interval year"),
                                            ("make_interval(1, 0, 0, 1)", "interval"),
                                            ("array(INTERVAL '2' YEAR)", "array<interval year>")])
@pytest.mark.parametrize("method", ["learned", "rubric"])
def test_spark_score_refuses_a_column_mapinpandas_cannot_pass_when_called(spark, expr, kind, method):
    sdf = spark.createDataFrame(SPANNING).selectExpr("*", f"{expr} AS tenure")
    with pytest.raises(DataFormatError) as err:  # was: PySparkNotImplementedError, the whole schema
        xs.score(sdf, method)
    assert str(err.value) == (f"column 'tenure': Spark's mapInPandas cannot pass a column of Spark type "
                              f"{kind} (PySpark has no Arrow type for it): cast it, e.g. "
                              "sdf.withColumn('tenure', sdf['tenure'].cast('string')), or drop it")
    cast = sdf.withColumn("tenure", sdf["tenure"].cast("string"))  # the remedy works
    assert xs.score(cast, "rubric").toPandas()["tenure"].nunique() == 1


# --------------------------------------------- 5. the dataset reader's message on mixed types
def _mixed_dataset(directory, first: pa.Array, second: pa.Array):
    directory.mkdir()
    for name, values in (("a.parquet", first), ("b.parquet", second)):
        pq.write_table(pa.table({"task": ["Type letters.", "Weld pipes."], "n": values}), directory / name)
    return directory


@pytest.mark.parametrize(("first", "second", "bad", "shown", "dtype", "kinds"), [
    (pa.array([1, 2], pa.int64()), pa.array([5, 2**63], pa.uint64()), ("b.parquet", 2),
     "9223372036854775808", "Int64", "int64, the type Arrow gives its files' types int64 and uint64"),
    (pa.array([2**53 + 1, 2], pa.int64()), pa.array([1.5, 2.0], pa.float64()), ("a.parquet", 1),
     "9007199254740993", "float64", "double, the type Arrow gives its files' types int64 and double"),
])
def test_dataset_of_a_column_no_common_type_holds_says_so(tmp_path, first, second, bad, shown, dtype, kinds):
    src = _mixed_dataset(tmp_path / "in", first, second)
    with pytest.raises(DataFormatError) as err:
        xd.score(xd.read_dataset(src), "rubric").compute(scheduler="sync")
    # was: ... the column's dtype in the dataset (a type that every file's values fit)
    assert str(err.value) == (f"{src / bad[0]}, row {bad[1]}, column 'n': {shown} cannot be "
                              f"held as {dtype}, the column's dtype in the dataset ({kinds}): give the "
                              "column one type that holds all its values in every file")


def test_score_dataset_command_says_the_files_types(tmp_path, capsys, client):
    src = _mixed_dataset(tmp_path / "in", pa.array([1, 2], pa.int64()), pa.array([5, 2**63], pa.uint64()))
    code, _, err = cli(capsys, "score", src, "-o", tmp_path / "out", "--engine", "dask", "--method", "rubric",
                       "--scheduler", client.scheduler.address)
    line = one_error_line(err, command="score")
    assert code == 2 and line == (
        f"exposure score: error: {src / 'b.parquet'}, row 2, column 'n': 9223372036854775808 cannot be held "
        "as Int64, the column's dtype in the dataset (int64, the type Arrow gives its files' types int64 and "
        "uint64): give the column one type that holds all its values in every file")
    assert not (tmp_path / "out").exists()
