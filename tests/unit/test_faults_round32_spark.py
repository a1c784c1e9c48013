"""Round 32: the arguments of :mod:`exposure.spark` (``score``, ``score_schema``, ``score_batches``).

Found in this round:

1. :func:`exposure.spark.score` given a pandas DataFrame raised ``AttributeError:
   'DataFrame' object has no attribute 'schema'`` (or, without PySpark,
   ``ModuleNotFoundError: No module named 'pyspark'``): it now says to give a Spark
   DataFrame, or to call :func:`exposure.scoring.score_tasks` on a pandas frame;
2. :func:`exposure.spark.score_schema` given a frame or a list of column names instead of
   ``df.schema`` raised ``AttributeError: ... has no attribute 'fields'`` (or the
   ``ModuleNotFoundError``): now a one-line error saying what to give;
3. an option that :func:`exposure.scoring.score_tasks` does not take (a typo,
   ``reference_sorce=``) raised ``TypeError: score_tasks() got an unexpected keyword
   argument``, and ``model=`` (``score_tasks``' own name for the model) raised ``TypeError:
   score_tasks() got multiple values for keyword argument 'model'``; under Spark
   (:func:`~exposure.spark.score`, lazy) only when the job ran, inside a worker's
   traceback. Both are now refused when the function is called, naming the option;
4. the rows named by the errors of :func:`~exposure.spark.score_batches` were counted
   from 1 in each batch (and from the first carried-over row after a carry-over): an empty
   text on the 4th row of a partition was ``row 2``; rows are now counted across the
   batches of the partition (``row_offset`` still sets where counting starts);
5. ``onet=`` a loaded release (``exposure.load_onet("29.1")``, what ``score_tasks`` takes)
   raised ``TypeError: unhashable type: 'DataFrame'``, and ``onet=["29.1"]`` ``TypeError:
   unhashable type: 'list'``: a loaded release is now used as is, anything but a release
   name or a release is refused in one line;
6. an unknown ``method`` (``"learnd"``), or a ``text_column`` or ``occupation_column`` that
   cannot be a column name, passed without a word through a partition with no batches
   (:func:`~exposure.spark.score_batches` on ``[]``), and :func:`~exposure.spark.score`
   (lazy) reported them only when the job ran, from a worker: both now check them first.

These tests need no Spark session (and no PySpark): the checks run before Spark is
touched.
"""

import pandas as pd
import pytest

from exposure import spark as xs
from exposure.errors import DataFormatError, ExposureError
from exposure.scoring import score_tasks

TASKS = pd.DataFrame({"task": ["Answer telephones and relay messages.",
                               "Operate a forklift to move pallets."]})


def _one_line(err) -> str:
    text = str(err.value)
    assert "\n" not in text
    return text


# 1 -----------------------------------------------------------------------------------------
def test_score_refuses_a_pandas_frame():
    with pytest.raises(DataFormatError) as err:
        xs.score(TASKS)
    text = _one_line(err)
    assert "Spark DataFrame" in text and "pandas DataFrame" in text and "score_tasks" in text


@pytest.mark.parametrize("sdf", [None, "postings.parquet", [TASKS]])
def test_score_refuses_what_is_not_a_spark_frame(sdf):
    with pytest.raises(DataFormatError) as err:
        xs.score(sdf, "rubric")
    assert "Spark DataFrame" in _one_line(err)


# 2 -----------------------------------------------------------------------------------------
@pytest.mark.parametrize("schema, hint", [
    (TASKS, "pandas DataFrame"),
    (["posting_id", "task"], "list"),
    (None, "None"),
])
def test_score_schema_refuses_what_is_not_a_spark_schema(schema, hint):
    with pytest.raises(DataFormatError) as err:
        xs.score_schema(schema)
    text = _one_line(err)
    assert "df.schema" in text and hint in text


# 3 -----------------------------------------------------------------------------------------
def test_a_misspelt_option_is_named():
    with pytest.raises(DataFormatError) as err:
        list(xs.score_batches([TASKS], "reference", reference_sorce="gpt4"))
    text = _one_line(err)
    assert "reference_sorce" in text and "reference_source" in text


def test_model_option_points_to_model_path():
    with pytest.raises(DataFormatError) as err:
        list(xs.score_batches([TASKS], model="learned-v1"))
    assert "model_path" in _one_line(err)


def test_score_checks_its_options_before_spark():
    # lazy under Spark: the typo surfaced only when the job ran, in a worker's traceback
    with pytest.raises(DataFormatError) as err:
        xs.score(None, "rubric", mirro="/data")
    assert "mirro" in _one_line(err)


# 4 -----------------------------------------------------------------------------------------
def test_rows_are_counted_across_batches():
    second = pd.DataFrame({"task": ["Weld pipes.", ""]})
    with pytest.raises(DataFormatError) as err:
        list(xs.score_batches([TASKS, second], "rubric"))
    assert _one_line(err).startswith("row 4, column 'task'")


def test_rows_are_counted_across_a_carry_over():
    # learned: the rows of 47-2021.00 that end batch 1 are carried into batch 2
    first = pd.DataFrame({"onetsoc_code": ["43-9061.00", "47-2021.00"],
                          "task": ["File records.", "Lay bricks."]})
    second = pd.DataFrame({"onetsoc_code": ["47-2021.00"], "task": ["  "]})
    with pytest.raises(DataFormatError) as err:
        list(xs.score_batches([first, second]))
    assert _one_line(err).startswith("row 3, column 'task'")


def test_row_offset_still_sets_the_first_row():
    second = pd.DataFrame({"task": ["Weld pipes.", ""]})
    with pytest.raises(DataFormatError) as err:
        list(xs.score_batches([TASKS, second], "rubric", row_offset=2))
    assert _one_line(err).startswith("row 5, column 'task'")


def test_rows_still_score_in_batches():
    got = pd.concat(xs.score_batches([TASKS.iloc[:1], TASKS.iloc[1:]], "rubric"), ignore_index=True)
    want = score_tasks(TASKS, "rubric")
    assert got["label"].tolist() == want["label"].tolist()


# 5 -----------------------------------------------------------------------------------------
def test_a_loaded_release_is_used(shared_data):
    from exposure import load_onet

    release = load_onet("29.1", mirror=shared_data)
    tasks = pd.DataFrame({"onetsoc_code": ["43-9061.00"], "task_id": [7470],
                          "task": ["Answer telephones and relay messages."]})
    got = pd.concat(xs.score_batches([tasks], "rubric", onet=release))
    want = score_tasks(tasks, "rubric", onet=release)
    assert got["p_e1"].tolist() == want["p_e1"].tolist()


@pytest.mark.parametrize("onet", [["29.1"], {"release": "29.1"}, TASKS])
def test_onet_of_another_kind_is_refused(onet):
    with pytest.raises(DataFormatError) as err:
        list(xs.score_batches([TASKS], "rubric", onet=onet))
    text = _one_line(err)
    assert text.startswith("onet must be") and "load_onet" in text


# 6 -----------------------------------------------------------------------------------------
@pytest.mark.parametrize("kwargs, word", [
    ({"method": "learnd"}, "learnd"),
    ({"method": None}, "method"),
    ({"text_column": ["task"]}, "text_column"),
    ({"occupation_column": {"title": 1}}, "occupation_column"),
])
def test_arguments_are_checked_without_batches(kwargs, word):
    with pytest.raises(ExposureError) as err:
        list(xs.score_batches([], **kwargs))
    assert word in _one_line(err)


@pytest.mark.parametrize("kwargs, word", [
    ({"method": "learnd"}, "learnd"),
    ({"text_column": ["task"]}, "text_column"),
])
def test_score_checks_its_arguments_before_spark(kwargs, word):
    with pytest.raises(ExposureError) as err:
        xs.score(None, **kwargs)
    assert word in _one_line(err)
