"""exposure.spark: the batch function under Spark's mapInPandas gives the one-process scores.

Needs PySpark and Java; skipped without them. PySpark is not in the ``test`` extra (see
docs/scale.md): ``.ci/run`` runs these tests in a separate virtual environment that has
it and sees the project's (``EXPOSURE_REQUIRE_SPARK=1`` there: no skipping).
"""

import os
import shutil
import sys

import numpy as np
import pandas as pd
import pytest

if os.environ.get("EXPOSURE_REQUIRE_SPARK"):  # CI's Spark step: a missing PySpark or Java fails
    import pyspark  # noqa: F401
    assert shutil.which("java") or os.environ.get("JAVA_HOME"), "PySpark needs Java"
pyspark = pytest.importorskip("pyspark", reason="PySpark is not installed (pip install 'ai-exposure[spark]')")
if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
    pytest.skip("PySpark needs Java (no java on PATH, no JAVA_HOME)", allow_module_level=True)

from exposure import spark as xs  # noqa: E402
from exposure.errors import DataFormatError  # noqa: E402
from exposure.scoring import SCORE_COLUMNS, score_tasks  # noqa: E402
from exposure.scoring._files import append_scores, occupation_keys  # noqa: E402

pytestmark = pytest.mark.slow

#: Hand-written postings: occupations of several rows (by code, by title, titles differing
#: in case), lone rows; not grouped by occupation.
POSTINGS = pd.DataFrame({
    "posting_id": np.arange(14, dtype=np.int64),
    "onetsoc_code": ["43-9061.00", None, "43-9061.00", None, "47-2021.00", None, "43-9061.00",
                     None, "47-2021.00", None, None, None, None, "43-9061.00"],
    "task": ["Answer telephones and relay messages.", "Write Python scripts to clean data.",
             "File records and documents.", "Design a logo for a bakery.",
             "Lay bricks to build walls.", "Review pull requests and fix failing tests.",
             "Operate office machines such as copiers.", "Weld steel beams on site.",
             "Mix mortar by hand.", "Draft a press release.", "Sort incoming mail.",
             "Deploy a web service to the cloud.", "Monitor dashboards for outages.",
             "Schedule appointments for clients."],
    "title": [None, "Data Engineer", None, "Designer", None, "data engineer", None, None, None,
              "Designer", "Clerk", "Data Engineer", "DATA ENGINEER ", None],
    "openings": [1, 2, 1, 1, 3, 1, 1, 2, 1, 1, 5, 1, 2, 1],
})
NUMBERS = ["p_e0", "p_e1", "p_e2", "alpha", "beta", "gamma", "confidence", "similarity"]


@pytest.fixture(scope="module")
def spark():
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)  # workers run this interpreter
    from pyspark.sql import SparkSession

    session = (SparkSession.builder.master("local[2]").appName("exposure-tests")
               .config("spark.ui.enabled", "false")
               .config("spark.sql.shuffle.partitions", "3")
               .config("spark.sql.execution.arrow.pyspark.enabled", "true")
               # Arrow batches of 3 rows: occupations straddle the batches of mapInPandas
               .config("spark.sql.execution.arrow.maxRecordsPerBatch", "3")
               .getOrCreate())
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def _one_process() -> pd.DataFrame:
    return append_scores(POSTINGS, score_tasks(POSTINGS))


def _same_scores(got: pd.DataFrame, want: pd.DataFrame) -> None:
    got = got.sort_values("posting_id").reset_index(drop=True)
    assert list(got.columns) == list(want.columns)
    assert got["posting_id"].tolist() == want["posting_id"].tolist()
    # bit for bit
    assert np.array_equal(got[NUMBERS].to_numpy(dtype=float), want[NUMBERS].to_numpy(dtype=float),
                          equal_nan=True)
    norm = lambda f: f.astype(object).where(f.notna(), None)  # noqa: E731 (Spark's None vs NA)
    others = [c for c in want.columns if c not in NUMBERS and c != "nearest_task_id"]
    pd.testing.assert_frame_equal(norm(got[others]), norm(want[others]), check_exact=True)
    ids = lambda s: [None if pd.isna(v) else int(v) for v in s]  # noqa: E731
    assert ids(got["nearest_task_id"]) == ids(want["nearest_task_id"])


def _grouped() -> pd.DataFrame:
    """POSTINGS with each occupation's rows contiguous (stable: input order kept within one)."""
    keys = [k or f"row:{i}" for i, k in enumerate(occupation_keys(POSTINGS))]
    return POSTINGS.assign(_k=keys).sort_values("_k", kind="stable").drop(columns="_k")


def test_score_batches_under_map_in_pandas_matches_one_process(spark):
    # the documented call: df.mapInPandas(score_batches, schema) on a partition whose
    # occupations are contiguous; 3-row Arrow batches cut occupations, the carry-over mends it
    sdf = spark.createDataFrame(_grouped()).coalesce(1)
    scored = sdf.mapInPandas(xs.score_batches, xs.score_schema(sdf.schema))
    assert scored.columns == [*POSTINGS.columns, *SCORE_COLUMNS]
    _same_scores(scored.toPandas(), _one_process())


def test_batches_cut_inside_occupations_would_change_the_scores(spark):
    # the control: scoring each Arrow batch alone (no carry-over) gives other scores, so
    # the identity above is not vacuous
    sdf = spark.createDataFrame(_grouped()).coalesce(1)

    def naive(batches):
        for b in batches:
            yield append_scores(b, score_tasks(b))

    got = sdf.mapInPandas(naive, xs.score_schema(sdf.schema)).toPandas().sort_values("posting_id")
    assert not np.array_equal(got["p_e1"].to_numpy(), _one_process()["p_e1"].to_numpy())


def test_score_regroups_occupations_across_partitions(spark):
    # input in 2 partitions (createDataFrame slices the frame in order), occupations in both
    sdf = spark.createDataFrame(POSTINGS).repartitionByRange(2, "posting_id")
    assert sdf.rdd.getNumPartitions() == 2
    _same_scores(xs.score(sdf).toPandas(), _one_process())


def test_score_with_rubric_and_onet_headers(spark):
    # O*NET's published headers are renamed as by `exposure score`; rubric looks at one row
    onet = POSTINGS[["posting_id", "task"]].rename(columns={"task": "Task"})
    got = xs.score(spark.createDataFrame(onet), "rubric").toPandas()
    want = append_scores(onet, score_tasks(onet, "rubric", text_column="Task"))
    assert got.columns.tolist()[:2] == ["posting_id", "task"]
    _same_scores(got, want)


@pytest.mark.parametrize("name", ["__exposure_row", "__exposure_occupation", "__exposure_x"])
def test_a_column_named_like_the_hidden_ones_is_refused(spark, name):
    # the row number and occupation key overwrote it and were dropped with it, silently
    sdf = spark.createDataFrame(POSTINGS.assign(**{name: 1}))
    with pytest.raises(DataFormatError, match=rf"column '{name}': names starting with '__exposure_' "
                                              r"are the Spark engine's own"):
        xs.score(sdf)
