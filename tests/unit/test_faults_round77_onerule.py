"""Faults of round 77 (one rule in one place): a missing occupation column, a number with a no-break space, a text column under another name.

1. The message on a missing occupation column was built in three places beside
   :func:`exposure.scoring._inputs.missing_occupation_column` (``score_tasks``, the file
   engine's check, ``exposure.spark``); all now call that function. Spark listed the
   columns under the library's names, which ``sdf`` has not: ``exposure.spark.score(sdf,
   occupation_column="job")`` on a frame with O*NET's headers was told ``column 'job':
   missing occupation column 'job' (columns: ['onetsoc_code', 'task', 'Job Title'])``,
   now ``(columns: ['O*NET-SOC Code', 'Task', 'Job Title'])``, as the file engine lists
   a file's. So for the text column, whose advice named a column ``sdf`` lacks:
   ``text_column="TASK"`` was told ``...; the frame has 'task': rename that column 'TASK'
   (or give text_column='task')``, now ``(columns: ['O*NET-SOC Code', 'Task', 'Job
   Title']); the frame has 'Task': rename that column 'TASK' (or give
   text_column='Task')``.
2. A number with a no-break space after it (``'0.5\\xa0'``, pasted from a web page) was
   told so by the reader of O*NET's ratings only (``rollup/_occupations._space_hint``);
   the roll-ups' scores and the measure frames said ``not a number: '0.5\\xa0'`` and no
   more, the space not showing. The advice is now given by
   :func:`exposure._tables.number_hint`, which every reader of numbers calls:
   ``task_scores, row 1, column 'beta': not a number: '0.5\\xa0': '\\xa0' (U+00A0, a space
   that is not the plain space; pasted from a web page?): write '0.5'`` (``to_occupations``,
   ``exposure.measures.compare.coverage``).
3. ``exposure.dask.score_dataset`` on a dataset whose texts are under ``Task
   Description`` said ``missing text column 'task' (columns: ['id', 'Task Description'])``
   and no more, where ``exposure score FILE`` offers the column. The advice is now one
   function of both, :func:`exposure.scoring._files.text_column_noted` (``...; 'Task
   Description' is the dataset's one column of task-like texts: give text_column='Task
   Description'``), which ``score_dataset`` calls on the dataset's first partition.
"""

from __future__ import annotations

import pandas as pd
import pytest
from _spark import spark_ready, spark_session

from exposure import rollup
from exposure.errors import DataFormatError
from exposure.measures import compare as measures_compare

WELD = "Weld metal parts together with arc welding equipment."
PHONES = "Answer telephone calls from clients and relay messages."
NBSP = ": '\\xa0' (U+00A0, a space that is not the plain space; pasted from a web page?): write '0.5'"


# 1. Spark: the columns as sdf names them ------------------------------------------------------

@pytest.fixture(scope="module")
def spark():
    """A local Spark session: PySpark and Java are needed (skipped without them, but in CI's Spark step)."""
    if not spark_ready():
        pytest.skip("PySpark and Java are needed (pip install 'ai-exposure[spark]')")
    session = spark_session("round77-onerule")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def onet_sdf(spark):
    """A Spark frame with O*NET's published headers and a title column."""
    return spark.createDataFrame(pd.DataFrame({"O*NET-SOC Code": ["51-4121.00"], "Task": [WELD],
                                               "Job Title": ["Welders"]}))


def test_spark_missing_occupation_column_lists_the_frames_names(onet_sdf):
    from exposure import spark as xs

    with pytest.raises(DataFormatError) as info:
        xs.score(onet_sdf, "rubric", occupation_column="job")
    assert str(info.value) == ("column 'job': missing occupation column 'job' (columns: ['O*NET-SOC Code', "
                               "'Task', 'Job Title'])")


def test_spark_missing_text_column_offers_the_frames_name(onet_sdf):
    from exposure import spark as xs

    with pytest.raises(DataFormatError) as info:
        xs.score(onet_sdf, "rubric", text_column="TASK")
    assert str(info.value) == ("column 'TASK': missing text column 'TASK' (columns: ['O*NET-SOC Code', 'Task', "
                               "'Job Title']); the frame has 'Task': rename that column 'TASK' (or give "
                               "text_column='Task')")
    # the advice works
    out = xs.score(onet_sdf, "rubric", text_column="Task").toPandas()
    assert out["beta"].notna().all()


# 2. a no-break space after a number, told by every reader of numbers -----------------------------

def test_rollup_scores_tell_the_no_break_space():
    scores = pd.DataFrame({"onetsoc_code": ["51-4121.00"], "task_id": [1], "alpha": [0.1],
                           "beta": ["0.5\xa0"], "gamma": [0.6]})
    with pytest.raises(DataFormatError) as info:
        rollup.to_occupations(scores)
    assert str(info.value) == f"task_scores, row 1, column 'beta': not a number: '0.5\\xa0'{NBSP}"


def test_measure_frame_tells_the_no_break_space():
    measure = pd.DataFrame({"soc_code": ["11-1011", "51-4121"], "value": [0.2, "0.5\u00a0"]})
    employment = pd.DataFrame({"soc_code": ["11-1011", "51-4121"], "tot_emp": [100.0, 200.0]})
    with pytest.raises(DataFormatError) as info:
        measures_compare.coverage(measure, employment)
    assert str(info.value) == f"measure, row 2, column 'value': not a number: '0.5\\xa0'{NBSP}"


def test_no_break_space_advice_has_one_home():
    from exposure._tables import number_hint
    from exposure.rollup import _occupations

    assert not hasattr(_occupations, "_space_hint")  # the copy is gone
    # a share out of [0, 1] is not offered (the advice would be refused next), as for a decimal comma
    assert number_hint("4.5\u00a0", share=True) == "" and number_hint("4.5\u00a0").endswith("write '4.5'")


# 3. the column of task-like texts, offered by the dataset engine's function too ---------------------

def test_dataset_missing_text_column_gets_the_files_advice(tmp_path, client):
    from exposure import dask as xd

    src = tmp_path / "in"
    src.mkdir()
    rows = pd.DataFrame({"id": ["1", "2"], "Task Description": [WELD, PHONES]})
    rows.to_parquet(src / "part-0.parquet")
    with pytest.raises(DataFormatError) as info:
        xd.score_dataset(src, tmp_path / "out", "rubric", client=client, progress=False)
    assert str(info.value) == (f"{src}, column 'task': missing text column 'task' (columns: ['id', 'Task Description']); "
                         "'Task Description' is the dataset's one column of task-like texts: give "
                         "text_column='Task Description'")
    # the advice works
    xd.score_dataset(src, tmp_path / "out", "rubric", client=client, progress=False,
                     text_column="Task Description")
    assert pd.read_parquet(tmp_path / "out")["beta"].notna().all()
