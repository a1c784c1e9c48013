"""Round 54 (scale): repeated task keys and score-named columns under ``exposure.dask`` and ``exposure.spark``.

Found in this round, as an analyst scoring postings or O*NET task rows at scale meets them:

1. :func:`exposure.spark.score_batches` (``df.mapInPandas(score_batches, schema)``, and
   :func:`exposure.spark.score` for ``rubric``/``reference``) scored each Arrow batch of a
   partition alone: a task key (``onetsoc_code``, ``task_id``) repeated in a later batch
   (Spark's batches are of 10,000 rows) was scored twice without a word, where
   ``score_tasks`` on the same rows and the stream engine refuse it. Now refused, naming
   the row and the row of the key's first use, counted through the partition's batches
   (an earlier bad row of the batch still wins, as ``score_tasks`` reports it).
2. A repeated key among rows regrouped by occupation (``exposure.spark.score`` and
   ``exposure.dask.score`` of ``learned`` when an occupation spans partitions; also
   ``exposure.dask.score_dataset``) named the second row correctly but the first by its
   place in the shuffled partition: ``ddf, row 5, ...: duplicate task key (...), first on
   row 1`` (the key was first on row 2), ``b.parquet, row 2, ...: ..., first on row 1``
   (of ``a.parquet``), ``Spark input partition 1, row 3, ..., first on row 6``. Now the row
   of the frame, of its file, or of its Spark input partition.
3. :func:`exposure.dask.score_dataset` (``exposure score DIR --engine dask``) of files
   sharing a task key named the rows of its output read back, partitions no user has
   (``scored.partitions[0], row 1 and scored.partitions[0], row 4``): now the dataset, the
   files and their rows (``DIR: ... at a.parquet, row 1 and b.parquet, row 2``). And
   :func:`exposure.dask.check` said ``2 task key(s) ...`` of one key on three rows (the
   rows beyond each key's first): now the number of keys.
4. ``exposure.spark`` had no job-wide check of task keys repeated across partitions
   (``exposure.dask.check`` has one): :func:`exposure.spark.check` now makes it (and gives
   the coverage).
5. Input columns named like score columns under Spark: a ``label`` of the user's was
   replaced without a word (``score_tasks`` and ``exposure.dask`` warn); ``' label'``
   (spaces around the name) failed every task with Spark's
   ``RESULT_COLUMN_NAMES_MISMATCH`` (the schema kept it, the batches dropped it); ``Label``
   ran the whole job and left an output with two columns ``label`` that Spark could not
   write (``COLUMN_ALREADY_EXISTS``). Now a warning on the driver, the column dropped as
   the other engines drop it, and ``Label`` refused when ``score``/``score_schema`` is
   called.
6. :func:`exposure.dask.score_dataset` read the files named ``.parquet``, ``.pq`` or
   ``.parq`` and left the others out without a word: a ``part-00001.csv`` beside the
   Parquet files, or a Parquet file named as Hive and Trino name theirs (``000000_0``),
   had its rows unscored. Now a warning names them (``_SUCCESS``, ``.crc`` files and
   other names starting with ``_`` or ``.`` are still skipped without one).

Tiny frames written here. The Spark tests need PySpark and Java (skipped without them,
unless ``EXPOSURE_REQUIRE_SPARK=1``, as ``tests/unit/test_spark.py``).
"""

from __future__ import annotations

import logging
from functools import partial

import numpy as np
import pandas as pd
import pytest

dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")

from _spark import spark_ready, spark_session  # noqa: E402

from exposure import dask as xd  # noqa: E402
from exposure import spark as xs  # noqa: E402
from exposure.errors import DataFormatError  # noqa: E402
from exposure.scoring import score_tasks  # noqa: E402
from exposure.scoring._files import append_scores  # noqa: E402

SCORING = "exposure.scoring"
CODE = "43-9061.00"
#: Rows of two occupations; the key (43-9061.00, 1) on rows 2 and 5.
REPEATED = pd.DataFrame({
    "onetsoc_code": ["47-2021.00", CODE, CODE, "47-2021.00", CODE, "47-2021.00"],
    "task_id": [10, 1, 2, 11, 1, 12],
    "task": ["Lay bricks to build walls.", "File records and documents.", "Type letters.",
             "Mix mortar by hand.", "File records and documents.", "Set floor tiles."],
})
NUMBERS = ["p_e0", "p_e1", "p_e2", "alpha", "beta", "gamma", "confidence", "similarity"]


def _one_line(text: str) -> str:
    assert "\n" not in text
    return text


def _clerk_rows(n: int, ids) -> pd.DataFrame:
    return pd.DataFrame({"pid": np.arange(n), "onetsoc_code": [CODE] * n, "task_id": ids,
                         "task": [f"File records of case {i}." for i in range(n)]})


# --------------------------------------------------------------- 1. score_batches' batches
def test_score_batches_refuses_a_key_repeated_in_a_later_batch():
    rows = _clerk_rows(8, [1, 2, 3, 4, 5, 6, 7, 1])
    with pytest.raises(DataFormatError) as err:
        list(xs.score_batches([rows.iloc[:3], rows.iloc[3:6], rows.iloc[6:]], "rubric"))
    # what score_tasks says of the partition as one frame (was: 8 rows scored)
    with pytest.raises(DataFormatError) as whole:
        score_tasks(rows, "rubric")
    assert _one_line(str(err.value)) == str(whole.value) == (
        "row 8, column 'task_id': duplicate task key (43-9061.00, 1), first on row 1")


def test_score_batches_reads_task_ids_as_score_tasks_does_across_batches():
    # 1 and "1.0" are one task (norm_task_id), also when the batches hold them apart
    rows = _clerk_rows(4, ["1", "2", "3", "1.0"])
    with pytest.raises(DataFormatError, match=r"row 4, column 'task_id': duplicate task key "
                                              r"\(43-9061.00, 1\), first on row 1"):
        list(xs.score_batches([rows.iloc[:2], rows.iloc[2:]], "rubric"))


def test_score_batches_names_an_earlier_bad_row_of_the_batch_first():
    rows = _clerk_rows(6, [1, 2, 3, 4, 5, 1])
    rows.loc[4, "task"] = " "  # row 5, before the repeat on row 6
    with pytest.raises(DataFormatError) as err:
        list(xs.score_batches([rows.iloc[:3], rows.iloc[3:]], "rubric"))
    with pytest.raises(DataFormatError) as whole:
        score_tasks(rows, "rubric")
    assert str(err.value) == str(whole.value) == (
        "row 5, column 'task': task text must be a non-empty string, got ' '")


def test_score_batches_of_distinct_keys_still_give_the_scores_of_one_frame():
    rows = _clerk_rows(7, [1, 2, 3, 4, 5, 6, 7])
    got = pd.concat(list(xs.score_batches([rows.iloc[:3], rows.iloc[3:5], rows.iloc[5:]],
                                          "learned")), ignore_index=True)
    pd.testing.assert_frame_equal(got, append_scores(rows, score_tasks(rows)), check_exact=True)


def test_score_batches_with_row_offset_counts_the_first_use_from_it():
    rows = _clerk_rows(4, [1, 2, 3, 1])
    with pytest.raises(DataFormatError, match=r"^row 13, .*first on row 10$"):
        list(xs.score_batches([rows.iloc[:2], rows.iloc[2:]], "rubric", row_offset=10))


# ------------------------------------------------------- 2. dask: the first use of a key
def test_dask_score_regrouped_names_the_first_use_by_its_row_in_the_frame():
    with pytest.raises(DataFormatError) as whole:
        score_tasks(REPEATED)
    ddf = dd.from_pandas(REPEATED, npartitions=3)  # occupations span partitions: regrouped
    with pytest.raises(DataFormatError) as err:
        xd.score(ddf).compute(scheduler="sync")
    assert str(whole.value) == "row 5, column 'task_id': duplicate task key (43-9061.00, 1), first on row 2"
    # was: "ddf, row 5, ...: duplicate task key (43-9061.00, 1), first on row 1" (row 1: bricks)
    assert _one_line(str(err.value)) == f"ddf, {whole.value}"


def test_dask_score_checked_partition_names_the_first_use_by_its_row_in_the_frame():
    # partition 1 (rows 4-6 of the frame) holds both rows of the key; an occupation spans
    # partitions, so each partition's rows are checked before the regrouping
    frame = pd.DataFrame({
        "onetsoc_code": ["47-2021.00", CODE, "47-2021.00", CODE, "47-2021.00", CODE],
        "task_id": [10, 1, 11, 2, 12, 2],
        "task": ["Lay bricks.", "File records.", "Mix mortar.", "Type letters.", "Set tiles.",
                 "Type letters."],
    })
    ddf = dd.from_pandas(frame, npartitions=2)
    assert ddf.npartitions == 2 and len(ddf.partitions[1].compute()) == 3
    with pytest.raises(DataFormatError) as err:
        xd.score(ddf).compute(scheduler="sync")
    # was: "..., first on row 1" (the partition's own row 1)
    assert str(err.value) == "ddf, row 6, column 'task_id': duplicate task key (43-9061.00, 2), first on row 4"


# ------------------------------------------------------------------ 2, 3. score_dataset
def _dataset(tmp_path):
    src = tmp_path / "postings"
    src.mkdir()
    REPEATED.iloc[:3].to_parquet(src / "a.parquet")
    REPEATED.iloc[3:].to_parquet(src / "b.parquet")  # (43-9061.00, 1): a.parquet row 2, b.parquet row 2
    return src


def test_score_dataset_names_the_files_of_a_key_repeated_across_them(tmp_path, client):
    src = _dataset(tmp_path)
    with pytest.raises(DataFormatError) as err:
        xd.score_dataset(src, tmp_path / "out", "rubric", client=client, progress=False)
    # was: "1 task key(s) ... at scored.partitions[0], row 2 and scored.partitions[0], row 5"
    assert _one_line(str(err.value)) == (
        f"{src}: 1 task key(s) (onetsoc_code, task_id) are on more than one row, e.g. "
        "(43-9061.00, 1) at a.parquet, row 2 and b.parquet, row 2")
    assert not (tmp_path / "out").exists()


def test_score_dataset_learned_names_the_file_of_the_first_use(tmp_path, client):
    src = _dataset(tmp_path)
    with pytest.raises(DataFormatError) as err:
        xd.score_dataset(src, tmp_path / "out", "learned", client=client, progress=False)
    # was: "b.parquet, row 2, ...: ..., first on row 1" (row 1 of the regrouped rows)
    assert _one_line(str(err.value)) == (
        f"{src / 'b.parquet'}, row 2, column 'task_id': duplicate task key (43-9061.00, 1), "
        f"first on row 2 of {src / 'a.parquet'}")
    assert not (tmp_path / "out").exists()


def test_score_dataset_names_a_repeat_inside_one_file_by_its_rows(tmp_path, client):
    src = tmp_path / "postings"
    src.mkdir()
    REPEATED.iloc[:1].to_parquet(src / "a.parquet")
    REPEATED.iloc[1:].to_parquet(src / "b.parquet")  # rows 1 and 4 of b.parquet
    with pytest.raises(DataFormatError) as err:
        xd.score_dataset(src, tmp_path / "out", "learned", client=client, progress=False)
    assert str(err.value) == (f"{src / 'b.parquet'}, row 4, column 'task_id': duplicate task key "
                              "(43-9061.00, 1), first on row 1")


def test_score_dataset_of_distinct_keys_is_checked_and_written(tmp_path, client):
    src = tmp_path / "postings"
    src.mkdir()
    frame = REPEATED.assign(task_id=[10, 1, 2, 11, 3, 12])
    frame.iloc[:3].to_parquet(src / "a.parquet")
    frame.iloc[3:].to_parquet(src / "b.parquet")
    done = xd.score_dataset(src, tmp_path / "out", "learned", client=client, progress=False)
    assert (done.n_tasks, done.n_partitions) == (6, 2)
    got = pd.read_parquet(tmp_path / "out")
    want = append_scores(frame, score_tasks(frame))
    assert np.array_equal(got[NUMBERS].to_numpy(dtype=float), want[NUMBERS].to_numpy(dtype=float),
                          equal_nan=True)


def test_dask_check_counts_the_keys_on_more_than_one_row():
    scored = pd.DataFrame({"onetsoc_code": [CODE] * 4, "task_id": [1, 1, 1, 2], "p_e0": [0.5] * 4})
    with pytest.raises(DataFormatError) as err:
        xd.check(dd.from_pandas(scored, npartitions=2))
    # was: "2 task key(s)" (the rows beyond the key's first) for one key on three rows
    assert str(err.value) == (
        "1 task key(s) (onetsoc_code, task_id) are on more than one row, e.g. (43-9061.00, 1) at "
        "scored.partitions[0], row 1 and scored.partitions[0], row 2 and scored.partitions[1], row 1")


# ------------------------------------------------------------- 6. files that are not read
def test_score_dataset_warns_of_files_it_does_not_read(tmp_path, client, caplog):
    src = tmp_path / "postings"
    (src / "_temporary").mkdir(parents=True)
    frame = REPEATED.assign(task_id=range(6))
    frame.iloc[:2].to_parquet(src / "part-00000-c000.snappy.parquet")
    frame.iloc[2:4].to_csv(src / "part-00001.csv", index=False)  # an export beside the Parquet files
    frame.iloc[4:].to_parquet(src / "000000_0")  # a Parquet file as Hive and Trino name them
    (src / "_SUCCESS").write_bytes(b"")  # Spark's, skipped without a word
    (src / ".part-00000-c000.snappy.parquet.crc").write_bytes(b"crc")
    (src / "_temporary" / "part-9.csv").write_text("task\nx\n")
    with caplog.at_level(logging.WARNING, logger="exposure.dask"):
        done = xd.score_dataset(src, tmp_path / "out", "rubric", client=client, progress=False)
    assert done.n_tasks == 2
    said = [r.getMessage() for r in caplog.records if r.name == "exposure.dask"]
    # was: nothing; 4 of the 6 rows were left out without a word
    assert said == [f"{src}: 2 file(s) of the dataset are not read, not being named .parquet, .pq or .parq "
                    "(000000_0, part-00001.csv): their rows are not scored; give a Parquet file one of "
                    "these suffixes, or move the other files out (names starting with '.' or '_' are "
                    "skipped)"]


def test_score_dataset_of_parquet_files_only_warns_of_nothing(tmp_path, client, caplog):
    src = tmp_path / "postings"
    (src / "year=2024").mkdir(parents=True)
    REPEATED.assign(task_id=range(6)).to_parquet(src / "year=2024" / "part-0.parquet")
    (src / "_SUCCESS").write_bytes(b"")
    with caplog.at_level(logging.WARNING, logger="exposure.dask"):
        xd.score_dataset(src, tmp_path / "out", "rubric", client=client, progress=False)
    assert not [r for r in caplog.records if r.name == "exposure.dask"]


# ------------------------------------------------------------------------------ Spark
needs_spark = pytest.mark.skipif(not spark_ready(), reason="PySpark and Java are needed")


@pytest.fixture(scope="module")
def spark():
    session = spark_session("exposure-round54")
    yield session
    session.stop()


def _two_partitions(spark, frame: pd.DataFrame):
    """``frame`` as a Spark DataFrame of two partitions: its rows 1-3, then its rows 4-6."""
    sdf = spark.createDataFrame(frame.assign(pos=range(len(frame)))).repartitionByRange(2, "pos")
    assert [len(p) for p in sdf.rdd.glom().collect()] == [3, 3]
    return sdf.sortWithinPartitions("pos").drop("pos")


def _worker_error(run) -> str:
    """The last line of the error a Spark job raised (a worker's DataFormatError)."""
    with pytest.raises(Exception) as err:  # noqa: PT011 (PySpark's PythonException)
        run()
    return [line for line in str(err.value).splitlines() if line.strip()][-1]


@needs_spark
def test_spark_map_in_pandas_refuses_a_key_repeated_across_arrow_batches(spark):
    sdf = spark.createDataFrame(_clerk_rows(8, [1, 2, 3, 4, 5, 6, 7, 1])).coalesce(1)
    scored = sdf.mapInPandas(partial(xs.score_batches, method="rubric"), xs.score_schema(sdf.schema))
    # was: 8 rows scored, the key twice
    assert _worker_error(scored.count) == (
        "exposure.errors.DataFormatError: Spark partition 0, row 8, column 'task_id': "
        "duplicate task key (43-9061.00, 1), first on row 1")


@needs_spark
def test_spark_score_regrouped_names_the_first_use_in_its_input_partition(spark):
    sdf = _two_partitions(spark, REPEATED)
    # was: "..., first on row N" of the shuffled partition
    assert _worker_error(lambda: xs.score(sdf).count()) == (
        "exposure.errors.DataFormatError: Spark input partition 1, row 2, column 'task_id': "
        "duplicate task key (43-9061.00, 1), first on row 2 of Spark input partition 0")
    one = spark.createDataFrame(REPEATED).coalesce(1)
    assert _worker_error(lambda: xs.score(one).count()) == (
        "exposure.errors.DataFormatError: Spark input partition 0, row 5, column 'task_id': "
        "duplicate task key (43-9061.00, 1), first on row 2")


@needs_spark
def test_spark_check_finds_a_key_repeated_across_partitions(spark):
    sdf = _two_partitions(spark, REPEATED)  # the key's rows in partitions 0 and 1
    scored = xs.score(sdf, "rubric")
    assert scored.count() == 6  # no partition sees both rows
    with pytest.raises(DataFormatError) as err:
        xs.check(scored)
    assert _one_line(str(err.value)) == (
        "1 task key(s) (onetsoc_code, task_id) are on more than one row, e.g. (43-9061.00, 1) at "
        "Spark partition 0, row 2 and Spark partition 1, row 2 of scored")
    # task IDs read as score_tasks reads them: 1 and "1.0" are one task
    texts = _two_partitions(spark, REPEATED.assign(task_id=["10", "1", "2", "11", "1.0", "12"]))
    with pytest.raises(DataFormatError, match=r"^1 task key\(s\) .* \(43-9061.00, 1\) at Spark partition 0, "
                                              r"row 2 and Spark partition 1, row 2 of scored$"):
        xs.check(xs.score(texts, "rubric"))


@needs_spark
def test_spark_check_of_distinct_keys_gives_the_coverage(spark):
    scored = xs.score(spark.createDataFrame(REPEATED.assign(task_id=range(6))), "rubric")
    assert xs.check(scored) == {"rows": 6, "scored": 6, "coverage": 1.0}
    free = xs.score(spark.createDataFrame(REPEATED[["task"]]), "rubric")  # no keys
    assert xs.check(free) == {"rows": 6, "scored": 6, "coverage": 1.0}
    with pytest.raises(DataFormatError, match=r"scored lacks column\(s\) \['p_e0'\]"):
        xs.check(spark.createDataFrame(REPEATED))
    with pytest.raises(DataFormatError, match="got a pandas DataFrame"):
        xs.check(REPEATED)


@needs_spark
def test_spark_score_warns_of_input_columns_named_like_score_columns(spark, caplog):
    frame = pd.DataFrame({"pid": [1, 2], "task": ["File records.", "Weld pipes."],
                          "label": ["E1", "E0"]})
    sdf = spark.createDataFrame(frame)
    with caplog.at_level(logging.WARNING, logger=SCORING):
        scored = xs.score(sdf, "rubric")
    said = [r.getMessage() for r in caplog.records if r.name == SCORING]
    # was: nothing (score_tasks and exposure.dask warn)
    assert said == ["exposure.spark: the input column(s) 'label' have the names of score columns: the output "
                    "holds the scores there (after the other columns), not the input's values; rename them "
                    "first to keep them (sdf.withColumnRenamed('label', 'my_label'))"]
    got = scored.toPandas().sort_values("pid").reset_index(drop=True)
    want = append_scores(frame, score_tasks(frame, "rubric"))
    assert list(got.columns) == list(want.columns)
    assert got["label"].tolist() == want["label"].tolist()
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger=SCORING):  # by hand, for mapInPandas
        xs.score_schema(sdf.schema)
    assert [r.getMessage() for r in caplog.records if r.name == SCORING] == said
    caplog.clear()
    again = spark.createDataFrame(want)  # a scored frame scored again: on purpose
    with caplog.at_level(logging.WARNING, logger=SCORING):
        xs.score(again, "rubric")
    assert not [r for r in caplog.records if r.name == SCORING]


@needs_spark
def test_spark_score_drops_a_score_column_name_with_spaces_around_it(spark, caplog):
    frame = pd.DataFrame({"pid": [1, 2], "task": ["File records.", "Weld pipes."],
                          " label": ["E1", "E0"]})
    with caplog.at_level(logging.WARNING, logger=SCORING):
        scored = xs.score(spark.createDataFrame(frame), "rubric")
        got = scored.toPandas()  # was: RESULT_COLUMN_NAMES_MISMATCH, "Missing:  label" (a worker's)
    assert " label" not in got.columns and "label" in got.columns
    assert any("' label' have the names of score columns" in r.getMessage() for r in caplog.records)


@needs_spark
def test_spark_score_refuses_a_score_column_name_in_another_case(spark, tmp_path):
    frame = pd.DataFrame({"pid": [1, 2], "task": ["File records.", "Weld pipes."],
                          "Label": ["E1", "E0"]})
    sdf = spark.createDataFrame(frame)
    message = ("column 'Label': column 'Label' is the score column 'label' but for its case, and "
               "Spark names columns regardless of case: the output would have two columns 'label' "
               "(writing or selecting it fails). Rename it, e.g. sdf.withColumnRenamed('Label', "
               "'my_label'), or set spark.sql.caseSensitive to true")
    # was: the job ran, then "[COLUMN_ALREADY_EXISTS] The column `label` already exists"
    with pytest.raises(DataFormatError) as err:
        xs.score(sdf, "rubric")
    assert str(err.value) == message
    with pytest.raises(DataFormatError) as err:
        xs.score_schema(sdf.schema)
    assert str(err.value) == message
    spark.conf.set("spark.sql.caseSensitive", "true")
    try:  # two columns then, as pandas keeps them
        out = tmp_path / "scored"
        xs.score(sdf, "rubric").write.parquet(str(out))
        got = pd.read_parquet(out)
        assert {"Label", "label"} <= set(got.columns)
    finally:
        spark.conf.set("spark.sql.caseSensitive", "false")
