"""Faults of round 76 (spark2): Spark batches and missing task texts.

1. :func:`exposure.spark.score_batches` refused a column given twice in a batch without
   naming the batch: ``the frame, column 'onetsoc_code': given more than once: keep one``
   (the ``path`` option was not named either, where ``score_tasks`` names ``tasks`` or the
   file). Now the batch is named, after the ``path`` option and, under Spark, the
   partition: ``batch 2, column 'onetsoc_code': given more than once: keep one``,
   ``tasks.csv, batch 1, column 'a': ...``.
2. A missing task text was said three ways, by its dtype: ``task text must be a
   non-empty string, got nan`` (pandas 3's ``str`` columns, a float NaN, a Spark null, an
   empty cell of a CSV file), ``got <NA>`` (the ``string`` and Arrow dtypes, Dask) or
   ``got None`` (an object column). Now one way, whatever the dtype, the row (and index)
   named as before: ``row 2, column 'task': task text must be a non-empty string, got a
   missing value``.
3. :func:`exposure.spark.score_schema` took a schema holding a column twice (a join keeps
   both columns; ``task`` and ``Task``, which Spark names alike): it returned an output
   schema, and the job failed in ``mapInPandas`` with Spark's ``AnalysisException:
   [AMBIGUOUS_REFERENCE] Reference `task` is ambiguous, could be: [`task`, `task`]``.
   Now it refuses it as :func:`exposure.spark.score` refuses such a frame: ``schema,
   column 'Task': given more than once (Spark names columns regardless of case; a join
   keeps both columns): drop or rename one``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from _spark import spark_ready, spark_session
from test_faults_cli import cli, one_error_line

from exposure import spark as xs
from exposure.errors import DataFormatError
from exposure.scoring import score_tasks

TASKS = ["Answer telephones and relay messages.", "Operate a forklift to move pallets."]


# 1. score_batches names the batch of a column given twice ---------------------------------


def test_a_column_twice_in_the_first_batch_names_batch_1():
    batch = pd.DataFrame([[TASKS[0], "43-4171.00", "43-4171.00"]],
                         columns=["task", "onetsoc_code", "onetsoc_code"])
    with pytest.raises(DataFormatError) as info:
        list(xs.score_batches([batch], "rubric"))
    assert str(info.value) == "batch 1, column 'onetsoc_code': given more than once: keep one"


def test_a_column_twice_in_a_later_batch_names_that_batch():
    good = pd.DataFrame({"task": TASKS[:1], "a": [1]})
    bad = pd.DataFrame([[TASKS[1], 1, 2]], columns=["task", "a", "a"])
    with pytest.raises(DataFormatError) as info:
        list(xs.score_batches([good, bad], "rubric"))
    assert str(info.value) == "batch 2, column 'a': given more than once: keep one"


def test_a_column_twice_names_the_path_option_first():
    batch = pd.DataFrame([[TASKS[0], 1, 2]], columns=["task", "a", "a"])
    with pytest.raises(DataFormatError) as info:
        list(xs.score_batches([batch], "learned", path="tasks.csv"))
    assert str(info.value) == "tasks.csv, batch 1, column 'a': given more than once: keep one"


# 2. a missing task text is said one way, whatever the dtype -------------------------------

MISSING = "row 2, column 'task': task text must be a non-empty string, got a missing value"


@pytest.mark.parametrize("dtype", [object, "string", "str", pd.ArrowDtype(pa.string())], ids=str)
@pytest.mark.parametrize("cell", [None, np.nan, pd.NA], ids=repr)
@pytest.mark.parametrize("method", ["rubric", "learned"])
def test_a_missing_text_is_said_one_way_for_every_dtype(method, cell, dtype):
    cells = pd.Series([TASKS[0], cell], dtype=object)
    if isinstance(dtype, pd.ArrowDtype):  # an Arrow null, as Parquet gives it (from NaN too)
        cells = pd.Series(pa.array(cells, type=pa.string(), from_pandas=True), dtype=dtype)
    frame = pd.DataFrame({"task": cells.astype(dtype)})
    with pytest.raises(DataFormatError) as info:
        score_tasks(frame, method)
    assert str(info.value) == MISSING


def test_a_missing_text_names_its_index_label_as_before():
    frame = pd.DataFrame({"task": pd.Series([TASKS[0], None], index=["a", "b"], dtype="string")})
    with pytest.raises(DataFormatError) as info:
        score_tasks(frame, "rubric")
    assert str(info.value) == MISSING + " (index 'b')"


def test_a_missing_text_in_a_batch_is_said_the_same_way():
    batches = [pd.DataFrame({"task": TASKS[:1]}), pd.DataFrame({"task": pd.Series([None], dtype="str")})]
    with pytest.raises(DataFormatError) as info:
        list(xs.score_batches(batches, "rubric"))
    assert str(info.value) == MISSING


def test_an_empty_cell_of_a_csv_file_is_said_the_same_way(tmp_path, capsys):
    src = tmp_path / "my tasks.csv"
    src.write_text(f"task,title\n{TASKS[0]},Receptionist\n,Forklift operator\n")
    code, _, err = cli(capsys, "score", src, "-o", tmp_path / "o.csv", "--method", "rubric", "--onet", "none")
    line = one_error_line(err, command="score")
    assert code == 2 and line.endswith(
        "my tasks.csv, row 3, column 'task': task text must be a non-empty string, got a missing value")


@pytest.mark.skipif(not spark_ready(), reason="PySpark and Java are needed")
def test_a_spark_null_text_is_said_the_same_way():
    session = spark_session("round76-spark2")
    sdf = session.createDataFrame([(1, TASKS[0]), (2, None)], "pid long, task string").coalesce(1)
    with pytest.raises(Exception) as info:  # pyspark.errors.PythonException
        xs.score(sdf, "rubric").toPandas()
    lines = [s for s in str(info.value).splitlines() if s.startswith("exposure.errors.DataFormatError: ")]
    assert lines and lines[-1] == ("exposure.errors.DataFormatError: Spark partition 0, row 2, column "
                                   "'task': task text must be a non-empty string, got a missing value")


# 3. score_schema refuses a column given twice, as score does --------------------------------


@pytest.mark.skipif(not spark_ready(), reason="PySpark and Java are needed")
@pytest.mark.parametrize("columns, twice", [(["pid", "task", "Task"], "Task"),
                                            (["pid", "task", "a", "a"], "a")])
def test_score_schema_refuses_a_column_given_twice(columns, twice):
    from pyspark.sql.types import LongType, StringType, StructField, StructType

    session = spark_session("round76-spark2")
    assert session.conf.get("spark.sql.caseSensitive", "false").lower() == "false"
    schema = StructType([StructField(c, LongType() if c == "pid" else StringType()) for c in columns])
    with pytest.raises(DataFormatError) as info:
        xs.score_schema(schema)
    assert str(info.value) == (f"schema, column {twice!r}: given more than once (Spark names columns "
                               "regardless of case; a join keeps both columns): drop or rename one")
