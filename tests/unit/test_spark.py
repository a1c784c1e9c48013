"""exposure.spark: the batch function under Spark's mapInPandas gives the one-process scores.

Needs PySpark and Java; skipped without them. PySpark is not in the ``test`` extra (see
docs/scale.md): ``.ci/run`` runs these tests in a separate virtual environment that has
it and sees the project's (``EXPOSURE_REQUIRE_SPARK=1`` there: no skipping).
"""

import os
import shutil

import numpy as np
import pandas as pd
import pytest

if os.environ.get("EXPOSURE_REQUIRE_SPARK"):  # CI's Spark step: a missing PySpark or Java fails
    import pyspark  # noqa: F401
    assert shutil.which("java") or os.environ.get("JAVA_HOME"), "PySpark needs Java"
pyspark = pytest.importorskip("pyspark", reason="PySpark is not installed (pip install 'ai-exposure[spark]')")
if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
    pytest.skip("PySpark needs Java (no java on PATH, no JAVA_HOME)", allow_module_level=True)

from _spark import spark_session  # noqa: E402

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
    session = spark_session("exposure-tests")
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


# -- round 48: the warnings on rows summed over a partition's batches; Spark vs one process --

#: Own task IDs under real codes (six of them name another O*NET 29.1 task than their text),
#: texts without codes (one that reads as no work task), in one partition's order.
OWN_IDS = pd.DataFrame({
    "posting_id": np.arange(11, dtype=np.int64),
    "onetsoc_code": ["43-9061.00"] * 4 + ["47-2021.00"] * 4 + [None] * 3,
    "task_id": pd.array([830, 827, 826, 832, 4769, 4768, 4775, 4776, None, None, None], dtype="Int64"),
    "task": ["Drive a forklift in the warehouse.", "Answer telephones, direct calls, and take messages.",
             "Weld steel beams on site.", "Paint the walls.", "Write Python scripts.", "Bake bread.",
             "Apply and smooth mortar or other mixture over work surface.", "Drive a truck.",
             "Review pull requests.", "asdf", "Schedule appointments for clients."],
})
_OTHER = {"reference": "row(s) have a task ID that the labels give a label for another task",
          "learned": "row(s) have an O*NET-SOC code and task ID that O*NET 29.1 lists for another",
          "rubric": "row(s) have an O*NET-SOC code and task ID that O*NET 29.1 lists for another"}


@pytest.fixture(scope="module")
def onet(shared_data):
    from exposure import load_onet

    return load_onet("29.1", mirror=shared_data)


def _said(caplog, words: str) -> list[str]:
    return [r.getMessage() for r in caplog.records if words in r.getMessage() and r.levelname == "WARNING"]


@pytest.mark.parametrize("method", ["learned", "rubric", "reference"])
def test_own_task_ids_warn_once_for_the_partition(caplog, onet, shared_data, method):
    # each 3-row batch warned with its own count (3, 3; 2, 3, 1): now one line, the partition's
    batches = [OWN_IDS.iloc[:3], OWN_IDS.iloc[3:6], OWN_IDS.iloc[6:]]
    with caplog.at_level("INFO"):
        list(xs.score_batches(batches, method, onet=onet, mirror=shared_data))
    said = _said(caplog, _OTHER[method])
    assert len(said) == 1, said
    assert said[0].startswith("6 row(s)") and "(first: row 1, column 'task_id': 830" in said[0]


def test_notes_on_coded_rows_and_odd_texts_warn_once_for_the_partition(caplog, onet):
    # no task_id column: each batch noted its own rows ("the 2 row(s)" three times); the
    # odd texts were counted over one batch ("1 of 2 texts")
    frame = pd.DataFrame({"onetsoc_code": ["43-9061.00"] * 6,
                          "task": ["Answer phones.", "asdf", "File records.", "qwer", "Sort mail.",
                                   "Greet visitors."]})
    with caplog.at_level("INFO"):
        list(xs.score_batches([frame.iloc[:2], frame.iloc[2:4], frame.iloc[4:]], "rubric", onet=onet))
    notes = _said(caplog, "no 'task_id' column")
    assert len(notes) == 1 and "the 6 row(s)" in notes[0], notes
    caplog.clear()
    with caplog.at_level("INFO"):
        list(xs.score_batches([frame.iloc[:2].assign(onetsoc_code=None), frame.iloc[2:].assign(onetsoc_code=None)]))
    odd = _said(caplog, "texts do not read as work tasks")
    assert len(odd) == 1 and odd[0].startswith("2 of 6 texts") and "e.g. row 2, 'asdf'" in odd[0], odd


def test_rows_regrouped_by_score_are_named_by_their_input_row(caplog, onet):
    # score() regroups occupations: the row of the shuffled partition meant nothing; its
    # hidden ids (monotonically_increasing_id: partition << 33 | row) give the input row
    frame = OWN_IDS.iloc[:4].assign(__exposure_row=[(1 << 33) + 6, (1 << 33) + 7, (2 << 33), (2 << 33) + 1],
                                    __exposure_occupation="43-9061.00")
    with caplog.at_level("INFO"):
        out = pd.concat(list(xs.score_batches([frame.iloc[:2], frame.iloc[2:]], onet=onet)))
    assert "__exposure_row" not in out.columns
    said = _said(caplog, _OTHER["learned"])
    assert said == [said[0]] and said[0].startswith(
        "rows regrouped by occupation; the row named is of input partition 1: 3 row(s)"), said
    assert "(first: row 7, column 'task_id': 830" in said[0]


def test_under_spark_the_warning_names_the_partition(spark, onet):
    # the executors log in their own processes: this runs score_batches in the Spark task
    # and returns what it logged, one line per partition, naming it
    import logging

    from pyspark.sql.types import StringType, StructField, StructType

    def logged(batches):
        lines: list[str] = []
        handler = logging.Handler()
        handler.emit = lambda record: lines.append(record.getMessage())
        log = logging.getLogger("exposure.scoring")
        log.addHandler(handler)
        try:
            for _ in xs.score_batches(batches, "rubric", onet=onet):
                pass
        finally:
            log.removeHandler(handler)
        yield pd.DataFrame({"line": [s for s in lines if "another task" in s]}, dtype=object)

    sdf = spark.createDataFrame(OWN_IDS).coalesce(1)
    lines = sdf.mapInPandas(logged, StructType([StructField("line", StringType())])).toPandas()["line"].tolist()
    assert len(lines) == 1 and lines[0].startswith("Spark partition 0: 6 row(s)"), lines


@pytest.mark.parametrize("method", ["learned", "rubric", "reference"])
def test_spark_scores_own_ids_and_free_text_as_one_process(spark, onet, shared_data, method):
    # own task IDs under real codes, texts without codes, empty input partitions (and 3
    # shuffle partitions for 6 occupations): the bytes of score_tasks
    want = append_scores(OWN_IDS, score_tasks(OWN_IDS, method, onet=onet, mirror=shared_data))
    sdf = spark.createDataFrame(OWN_IDS).repartitionByRange(2, "posting_id")
    sdf = sdf.union(spark.createDataFrame([], sdf.schema))
    assert 0 in sdf.rdd.glom().map(len).collect()
    got = xs.score(sdf, method, onet=onet, mirror=str(shared_data)).toPandas()
    got["task_id"] = got["task_id"].astype("Int64")
    _same_scores(got, want)
    one = spark.createDataFrame(OWN_IDS).coalesce(1)
    if method != "learned":  # one partition, Arrow batches of 3 rows, no regrouping
        got = one.mapInPandas(partial_scores(method, onet, shared_data), xs.score_schema(one.schema)).toPandas()
        got["task_id"] = got["task_id"].astype("Int64")
        _same_scores(got, want)


def partial_scores(method, onet, mirror):
    from functools import partial

    return partial(xs.score_batches, method=method, onet=onet, mirror=str(mirror))


# -- round 49: errors name the Spark partition and the user's row; INFO lines summed; columns
# checked when score() is called; what score() promises of a DataFrame in another order --

#: Two occupations alternating, in 2 input partitions of 4 rows (``repartitionByRange``).
ALTERNATING = pd.DataFrame({
    "pid": np.arange(8, dtype=np.int64),
    "onetsoc_code": ["43-9061.00", "47-2021.00"] * 4,
    "task": ["Answer phones.", "Lay bricks.", "File records.", "Mix mortar.", "Sort mail.",
             "Bake bread.", "Greet visitors.", "Weld steel."],
})


def _job_error(job) -> str:
    """The one line of ``exposure``'s error in the worker's traceback that Spark raises."""
    with pytest.raises(Exception) as info:  # pyspark.errors.PythonException
        job()
    lines = [s for s in str(info.value).splitlines() if s.startswith("exposure.errors.DataFormatError: ")]
    assert lines, str(info.value)[-2000:]
    return lines[-1].removeprefix("exposure.errors.DataFormatError: ")


def test_an_error_on_a_regrouped_row_names_its_input_partition_and_row(spark):
    # learned regroups the rows by occupation: the error named "row 7", of the shuffled
    # partition (the empty text is pid 5, the 2nd row of input partition 1)
    bad = ALTERNATING.assign(task=[*ALTERNATING["task"][:5], "", *ALTERNATING["task"][6:]])
    sdf = spark.createDataFrame(bad).repartitionByRange(2, "pid")
    said = _job_error(lambda: xs.score(sdf).toPandas())
    assert said == ("Spark input partition 1, row 2, column 'task': task text must be a non-empty "
                    "string, got ''"), said


def test_an_error_under_spark_names_the_partition(spark):
    # rubric scores each input partition as it is: "row 2" named no partition (of which?)
    bad = ALTERNATING.assign(onetsoc_code=["43-9061.00"] * 5 + ["47-2021"] + ["43-9061.00"] * 2)
    sdf = spark.createDataFrame(bad).repartitionByRange(2, "pid")
    said = _job_error(lambda: xs.score(sdf, "rubric").toPandas())
    assert said.startswith("Spark partition 1, row 2, column 'onetsoc_code': O*NET-SOC code '47-2021' "
                           "is not of the form 00-0000.00"), said


def test_an_error_on_rows_regrouped_by_score_is_decoded_by_hand():
    # the hidden ids of score() (partition << 33 | row): the error named row 3 of the batches
    frame = ALTERNATING.iloc[:4].assign(task=["Answer phones.", "File records.", "  ", "Sort mail."],
                                        __exposure_row=[5, 6, (3 << 33) + 9, (3 << 33) + 10],
                                        __exposure_occupation="43-9061.00")
    with pytest.raises(DataFormatError) as info:
        list(xs.score_batches([frame.iloc[:2], frame.iloc[2:]]))
    assert str(info.value).startswith("Spark input partition 3, row 10, column 'task': task text "), info.value
    assert (info.value.row, info.value.column) == (10, "task")


@pytest.mark.parametrize(("method", "start"), [("reference", "reference (human): "), ("learned", "learned: scored ")])
def test_info_lines_are_summed_over_the_partition(caplog, shared_data, method, start):
    # each 2-row batch said its own "2 of 2" (three lines): now one, the line that
    # score_tasks says of the whole partition
    frame = pd.DataFrame({"task_id": pd.array([830, 827, 826, 4769, 4768, 4775], dtype="Int64"),
                          "task": OWN_IDS["task"][:6].tolist()})

    def said():
        return [r.getMessage() for r in caplog.records if r.levelname == "INFO" and r.getMessage().startswith(start)]

    with caplog.at_level("INFO"):
        score_tasks(frame, method, mirror=shared_data)
    want = said()
    assert len(want) == 1 and " 6 " in want[0], want
    caplog.clear()
    with caplog.at_level("INFO"):
        list(xs.score_batches([frame.iloc[:2], frame.iloc[2:4], frame.iloc[4:]], method, mirror=shared_data))
    assert said() == want


@pytest.mark.parametrize(("change", "options", "message"), [
    ({"task": None}, {}, r"column 'task': missing text column 'task' \(columns: \['pid', 'onetsoc_code', 'text'\]\)"),
    ({}, {"occupation_column": "title"}, r"column 'title': missing occupation column 'title'"),
    ({"task": "int"}, {}, r"column 'task': task texts must be strings, got a column of Spark type bigint"),
    ({"task": "array"}, {}, r"column 'task': task texts must be strings, got a column of Spark type array<string>"),
    ({"onetsoc_code": "int"}, {"method": "rubric"},
     r"column 'O\*NET-SOC Code': O\*NET-SOC codes such as '43-9061.00' must be strings, got a column of "
     r"Spark type bigint"),
])
def test_score_checks_the_columns_when_called(spark, change, options, message):
    # they surfaced when the job ran, in a worker's traceback; an integer or array text
    # column as "row 1" of a partition not named
    from pyspark.sql import functions as F

    sdf = spark.createDataFrame(ALTERNATING)
    for name, kind in change.items():
        if kind is None:
            sdf = sdf.withColumnRenamed(name, "text")
        elif kind == "int":
            sdf = sdf.withColumn(name, F.lit(439061).cast("bigint"))
            if name == "onetsoc_code":  # O*NET's published header is renamed: its name is said
                sdf = sdf.withColumnRenamed(name, "O*NET-SOC Code")
        else:
            sdf = sdf.withColumn(name, F.array(name))
    with pytest.raises(DataFormatError, match=rf"^{message}"):
        xs.score(sdf, **options)


def test_score_of_a_reshuffled_frame_is_score_tasks_in_its_order(spark):
    # what the docstring promises: the bytes of score_tasks of the rows in the DataFrame's
    # order (sdf.toPandas()), which repartition(5) changed from POSTINGS' order
    sdf = spark.createDataFrame(POSTINGS).repartition(5).localCheckpoint()
    mine = sdf.toPandas()
    _same_scores(xs.score(sdf).toPandas(), append_scores(mine, score_tasks(mine)).sort_values("posting_id")
                 .reset_index(drop=True))


@pytest.mark.parametrize(("names", "message"), [
    (["pid", "task", "Task"], r"sdf, column 'Task': given more than once \(Spark names columns "
                              r"regardless of case; a join keeps both columns\): drop or rename one"),
    (["pid", "post.text", "task"], r"column 'post.text': Spark's mapInPandas cannot pass a column whose name "
                                   r"has a dot .*withColumnRenamed\('post.text', 'post_text'\)"),
])
def test_score_refuses_column_names_map_in_pandas_cannot_pass(spark, names, message):
    # pyspark's AnalysisException ("Reference `Task` is ambiguous", "`post`.`text` cannot be
    # resolved"), not an ExposureError
    sdf = spark.createDataFrame(pd.DataFrame([[1, "Answer phones.", "Sort mail."]], columns=names))
    with pytest.raises(DataFormatError, match=rf"^{message}"):
        xs.score(sdf, "rubric")
