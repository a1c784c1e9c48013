"""Round 68 (distributed): roll-ups and arguments that :mod:`exposure.dask` and :mod:`exposure.spark` got wrong.

Found in this round, as an analyst rolling up and scoring postings at scale meets them:

1. :func:`exposure.dask.to_occupations` / :func:`~exposure.dask.to_sectors` of rows that
   give some of ``alpha``, ``beta`` and ``gamma`` but not the others (a row of ``beta``
   alone, from a merge or a spreadsheet): each mean was taken over the rows that give it,
   so ``beta`` of ``11-1011.00`` was a mean over other rows than ``alpha`` and ``gamma``,
   and the code came out as ``alpha 0.2, beta 0.4, gamma 0.4`` (beta is not (alpha +
   gamma) / 2), without a word, where :func:`exposure.rollup.to_occupations` refuses such
   a row (``row 2, column 'alpha': beta is given and alpha, gamma are missing: ...``).
   Now refused when computed, with the pandas roll-up's words, naming the first such row
   by its partition and row (``scored.partitions[1], row 1, column 'alpha': ...``), also
   when the partial rows and the full ones lie in different partitions; a measure
   missing on every row is left out, as there. The means of other frames are the same
   bits as before, and the input is read once.
2. :func:`exposure.spark.score_batches` and :func:`exposure.spark.score` with a
   ``model_path`` that is not a path (``5``, ``["m.npz"]``, ``""``): with ``rubric`` or
   ``reference`` it was ignored without a word, and with ``learned`` refused as ``path
   must be a model artifact path (str or os.PathLike), got int 5``, naming ``path``,
   which is another option of ``score_batches`` (the input file's name). Now refused
   whatever the method, before any batch, naming ``model_path``, as
   :func:`exposure.dask.score` refuses it: ``model_path must be a model artifact path
   (str or os.PathLike), got int 5`` (``model_path is empty: ...``).
3. :func:`exposure.spark.score` with a relative ``mirror`` (or ``data_dir``, or
   ``model_path``): the driver read it against its working directory, each executor
   against its own (a cluster's container directory; in a local session the one the
   session started in, whatever ``os.chdir`` the driver made since), so every task
   failed with ``ExposureError: mirror directory 'mir' (from --mirror/mirror=) does not
   exist`` (``model artifact not found: m/learned-v1.npz`` for a model the driver had just
   verified), or read another directory of that name. Now made absolute on the
   driver (``~`` expanded), as :mod:`exposure.dask` makes them on the client.
4. :func:`exposure.dask.score_dataset` (``exposure score DIR -o OUT --engine dask``) and
   :func:`exposure.dask.score` of :func:`~exposure.dask.read_dataset` with ``learned`` and
   an O*NET release (the default ``--onet auto`` for rows with ``onetsoc_code`` and
   ``task_id``) of Parquet files whose ``task_id`` is a decimal (``decimal128(10, 0)``: a
   table from a SQL database, Spark's ``DecimalType``): a traceback, ``ValueError: Length
   of values (0) does not match length of index (1)``, before any row was scored (the
   probe row of the meta has no task ID, and the scorer could not read a missing cell of
   an Arrow decimal column); ``exposure score FILE`` (the stream engine) scores the same
   file. Now the scorer is given the decimals as the stream engine gives them (Python
   ``Decimal`` objects): the same scores, and the column's type kept in the output.

Tiny frames written here. The Spark test needs PySpark and Java (skipped without them,
unless ``EXPOSURE_REQUIRE_SPARK=1``, as ``tests/unit/test_spark.py``); the data mirror
for ``reference`` and the O*NET release.
"""

from __future__ import annotations

import decimal
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")

from _spark import spark_ready, spark_session  # noqa: E402

from exposure import dask as xd  # noqa: E402
from exposure import spark as xs  # noqa: E402
from exposure.errors import DataFormatError, ExposureError  # noqa: E402
from exposure.onet import load_onet  # noqa: E402
from exposure.rollup import to_occupations  # noqa: E402
from exposure.scoring import score_tasks  # noqa: E402
from exposure.scoring.learned import shipped_model_path  # noqa: E402

PARTIAL = ("beta is given and alpha, gamma are missing: a task gives alpha, beta and gamma, or none of "
           "them (each is averaged over the same tasks); leave a measure empty on every row to leave it out")


def _scores(alpha, beta, gamma) -> pd.DataFrame:
    """Task scores of two occupations, two rows each, with these measures."""
    return pd.DataFrame({
        "onetsoc_code": ["11-1011.00", "11-1011.00", "43-9061.00", "43-9061.00"],
        "task_id": [1, 2, 3, 4], "alpha": alpha, "beta": beta, "gamma": gamma,
        "admin": [True, False, True, False], "routine_coding": False, "entry_creative": False,
    })


# ------------------------------------------------------- 1. rows giving some of the measures
@pytest.mark.parametrize("roll_up", [xd.to_occupations, xd.to_sectors])
def test_dask_roll_up_refuses_a_row_of_beta_alone_as_pandas_does(roll_up):
    ts = _scores([0.2, None, 0.5, 0.5], [0.3, 0.5, 0.5, 0.5], [0.4, None, 0.5, 0.5])
    with pytest.raises(DataFormatError) as pandas_err:
        to_occupations(ts, "equal")
    assert str(pandas_err.value) == f"task_scores, row 2, column 'alpha': {PARTIAL}"
    with pytest.raises(DataFormatError) as err:
        roll_up(dd.from_pandas(ts.assign(naics="52"), npartitions=2)).compute(scheduler="sync")
    # was: 11-1011.00 as alpha 0.2, beta 0.4, gamma 0.4, without a word
    assert str(err.value) == f"scored.partitions[0], row 2, column 'alpha': {PARTIAL}"


@pytest.mark.parametrize("npartitions", [2, 4])
def test_partial_rows_in_a_partition_of_their_own_are_refused(npartitions):
    """Beta alone on every row of the later partitions: no partition sees both kinds of rows."""
    ts = _scores([0.2, 0.4, None, None], [0.3, 0.5, 0.5, 0.1], [0.4, 0.6, None, None])
    ddf = dd.from_pandas(ts, npartitions=npartitions)
    with pytest.raises(DataFormatError) as err:
        xd.to_occupations(ddf).compute(scheduler="sync")
    assert str(err.value) == f"scored.partitions[{npartitions // 2}], row 1, column 'alpha': {PARTIAL}"


def test_a_measure_missing_on_every_row_is_left_out_and_on_some_rows_refused():
    ts = _scores([0.2, 0.4, 0.5, 0.1], None, [0.4, 0.6, 0.5, 0.1])
    got = xd.to_occupations(dd.from_pandas(ts, npartitions=2)).compute(scheduler="sync")
    want = to_occupations(ts, "equal").set_index("onetsoc_code")
    assert got["beta"].isna().all()  # left out, as the pandas roll-up leaves it out
    np.testing.assert_allclose(got[["alpha", "gamma"]].to_numpy(), want[["alpha", "gamma"]].to_numpy())
    ts.loc[3, "beta"] = 0.1  # beta given on one row: the others give alpha and gamma only
    with pytest.raises(DataFormatError) as err:
        xd.to_occupations(dd.from_pandas(ts, npartitions=2)).compute(scheduler="sync")
    assert str(err.value).startswith("scored.partitions[0], row 1, column 'beta': alpha, gamma are given "
                                     "and beta is missing: a task gives alpha, beta and gamma, or none")


def test_the_check_reads_the_input_once_and_leaves_rows_of_no_measure_out():
    ts = _scores([0.2, None, 0.5, 0.1], [0.3, None, 0.5, 0.1], [0.4, None, 0.5, 0.1])
    ts.loc[3, ["alpha", "gamma"]] = None  # beta alone: refused
    reads = []

    def read(part):
        reads.append(len(part))
        return part

    ddf = dd.from_pandas(ts, npartitions=2).map_partitions(read, meta=ts.iloc[:0])
    with pytest.raises(DataFormatError, match=r"^scored.partitions\[1\], row 2, column 'alpha': beta is given"):
        xd.to_occupations(ddf).compute(scheduler="sync")
    assert sorted(reads) == [2, 2]  # each partition read once: the check is in the pass of the sums
    got = xd.to_occupations(dd.from_pandas(ts.drop(index=3), npartitions=2)).compute(scheduler="sync")
    assert got["beta"].tolist() == [0.3, 0.5] and got["n_scored"].tolist() == [1, 1]


# ---------------------------------------------------------------- 2. model_path not a path
TEXTS = pd.DataFrame({"task": ["Answer telephones and relay messages.", "Operate a forklift to move pallets."]})


@pytest.mark.parametrize("method", ["rubric", "learned"])
@pytest.mark.parametrize(("model_path", "message"), [
    (5, "model_path must be a model artifact path (str or os.PathLike), got int 5"),
    (["m.npz"], "model_path must be a model artifact path (str or os.PathLike), got list ['m.npz']"),
    ("", "model_path is empty: give a model artifact path (an empty path would be read as the "
         "current directory)"),
])
def test_score_batches_refuses_a_model_path_that_is_not_one(method, model_path, message):
    with pytest.raises(DataFormatError) as err:
        list(xs.score_batches([TEXTS], method, model_path=model_path))
    assert str(err.value) == message  # was: ignored (rubric), or "path must be ..." (learned)
    if method == "rubric":  # round 73: a model path given with rubric is refused (it was ignored)
        with pytest.raises(ExposureError, match=r"^model_path is read by methods 'learned' and 'transformer' only"):
            list(xs.score_batches([TEXTS], method, model_path=str(shipped_model_path())))
        return
    out = list(xs.score_batches([TEXTS], method, model_path=str(shipped_model_path())))
    assert out[0]["label"].tolist() == score_tasks(TEXTS, method)["label"].tolist()


def test_score_refuses_a_model_path_that_is_not_one_before_the_frame():
    with pytest.raises(DataFormatError, match=r"^model_path must be a model artifact path .*got int 5$"):
        xs.score(None, "rubric", model_path=5)


# ------------------------------------------------- 3. relative paths read by Spark's executors
needs_spark = pytest.mark.skipif(not spark_ready(), reason="PySpark and Java are needed")


@pytest.fixture(scope="module")
def spark():
    session = spark_session("exposure-round68")
    yield session
    session.stop()


@needs_spark
@pytest.mark.slow
@pytest.mark.parametrize("method", ["reference", "learned"])
def test_spark_score_reads_relative_paths_as_the_driver_does(spark, shared_data, tmp_path, monkeypatch,
                                                             method):
    frame = pd.DataFrame({"onetsoc_code": ["43-9061.00", "43-9061.00"], "task_id": [827, 830],
                          "task": ["Answer telephones, direct calls, and take messages.",
                                   "Operate office machines, such as photocopiers and scanners, facsimile "
                                   "machines, voice mail systems, and personal computers."]})
    sdf = spark.createDataFrame(frame)
    mirror = Path(shared_data).resolve()  # EXPOSURE_MIRROR may be relative: before the chdir
    (tmp_path / "mir").symlink_to(mirror)
    (tmp_path / "m").symlink_to(shipped_model_path().parent.resolve())
    monkeypatch.chdir(tmp_path)  # the session's executors run where it started, not here
    options = ({"mirror": "mir"} if method == "reference" else
               {"model_path": f"m/{shipped_model_path().name}"})
    got = xs.score(sdf, method, **options).toPandas().sort_values("task_id", ignore_index=True)
    want = score_tasks(frame, method, mirror=mirror)
    assert got["label"].tolist() == want["label"].tolist()
    np.testing.assert_array_equal(got["p_e0"].to_numpy(dtype=float), want["p_e0"].to_numpy(dtype=float))


# ---------------------------------------------------------- 4. decimal task IDs on Dask
def _decimal_ids(path: Path) -> None:
    """A Parquet file of task IDs stored as decimals, one missing (a task of the user's own)."""
    pq.write_table(pa.table({
        "onetsoc_code": ["43-9061.00", "43-9061.00", "43-9061.00"],
        "task_id": pa.array([decimal.Decimal(827), None, decimal.Decimal(830)], pa.decimal128(10, 0)),
        "task": ["Answer telephones, direct calls, and take messages.", "Sort the incoming mail.",
                 "Operate office machines, such as photocopiers and scanners, facsimile machines, voice "
                 "mail systems, and personal computers."],
    }), path)


def test_dask_scores_decimal_task_ids_as_the_stream_engine_does(tmp_path, shared_data):
    _decimal_ids(tmp_path / "a.parquet")
    got = xd.score(xd.read_dataset(tmp_path), "learned", onet="29.1", mirror=shared_data).compute(
        scheduler="sync")  # was: ValueError: Length of values (0) does not match length of index (1)
    frame = pd.read_parquet(tmp_path / "a.parquet")  # Decimal objects, as the stream engine reads them
    want = score_tasks(frame, "learned", onet=load_onet("29.1", mirror=shared_data))
    np.testing.assert_array_equal(got["p_e0"].to_numpy(dtype=float), want["p_e0"].to_numpy(dtype=float))
    assert got["label"].tolist() == want["label"].tolist()
    assert str(got["task_id"].dtype) == "decimal128(10, 0)[pyarrow]"  # the column kept as read


def test_score_dataset_writes_decimal_task_ids(tmp_path, shared_data):
    (tmp_path / "in").mkdir()
    _decimal_ids(tmp_path / "in" / "a.parquet")
    with distributed.Client(processes=False, n_workers=1, threads_per_worker=1,
                            dashboard_address=":0") as client:
        done = xd.score_dataset(tmp_path / "in", tmp_path / "out", "learned", client=client, progress=False,
                                onet="29.1", mirror=shared_data)
    assert done.n_tasks == 3
    written = pq.read_table(tmp_path / "out" / "part-00000.parquet")
    assert written.schema.field("task_id").type == pa.decimal128(10, 0)
    assert written.column("task_id").to_pylist() == [decimal.Decimal(827), None, decimal.Decimal(830)]
    assert written.column("label").null_count == 0
