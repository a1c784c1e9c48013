"""Round 78 (distributed): what :mod:`exposure.dask` did wrong with datasets written piece by piece.

Found in this round, as an analyst scoring a directory of Parquet files on Dask meets them:

1. :func:`exposure.dask.read_dataset` (so :func:`~exposure.dask.score_dataset` and ``exposure
   score DIR -o OUT --engine dask``) compared the columns the files store, though an index
   pandas stored is a column of the rows read (:func:`exposure._tables.index_as_columns`), be
   it stored as a column or, for a ``RangeIndex``, as a range in the metadata. Pandas makes a
   ``RangeIndex`` of ids that run as a progression: two files written alike,
   ``frame.set_index("task_id").to_parquet(...)``, one of ids 3, 4 and one of ids 7, 9, 10,
   were refused: ``b.parquet: its columns ['task', 'x', 'task_id'] are not those of a.parquet
   ['task', 'x']``; so were a file of a ``task_id`` column beside one of a ``task_id`` range
   (``its columns ['task', 'x'] are not those of a.parquet ['task', 'task_id', 'x']``), and a
   slice beside a filtered frame (``frame.iloc[2:4]``, ``frame[frame.x == 1]``: the row labels
   a range in one, a column ``__index_level_0__`` in the other). Now the columns as read are
   matched by name, as the stream engine reads each file: the rows and scores of ``exposure
   score`` of each file (the unnamed row labels, missing from a file, are its row numbers, as
   for a slice beside a file of the default index). Files of other stored indexes are still
   refused (``b.parquet: its stored index (none) is not that of a.parquet ['posting_id']``).
2. :func:`exposure.dask.score_dataset` of a dataset with bad cells in several files raised the
   error of the partition that failed first on the cluster, from one run to the next
   (``f04.parquet, row 3, ...`` or ``f02.parquet, row 3, ...`` of one dataset), where
   ``score_tasks`` of the frame and ``exposure score`` of the files joined name the first bad
   row (``f02.parquet``). Now the error of the first failing partition by number (the files in
   name order), once the partitions before it are done; the later ones are cancelled:
   ``SRC/f01.parquet, row 3, column 'task': task text must be a non-empty string, got '  '``
   on every run.
3. :func:`exposure.dask.read_dataset` and :func:`~exposure.dask.score_dataset` (``exposure
   score 'postings/*.parquet' --engine dask``, quoted) of a pattern, as
   :func:`dask.dataframe.read_parquet` takes one: ``postings/*.parquet: input dataset not
   found``, also when the pattern matched files. Now the advice is given: ``postings/*.parquet:
   input dataset not found: a pattern is no path (it matches 3 file(s): a.parquet, b.parquet
   and 1 more); exposure.dask reads a Parquet file or a directory of them: give the directory
   'postings'`` (``(it matches no file)`` of ``postings/*.csv``).

Tiny Parquet files written here; the synchronous scheduler, or an in-process client.
"""

from __future__ import annotations

import pandas as pd
import pytest

dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")

from exposure import dask as xd  # noqa: E402
from exposure.errors import DataFormatError  # noqa: E402
from exposure.scoring import score_tasks  # noqa: E402
from exposure.scoring._files import score_file  # noqa: E402

FRAME = pd.DataFrame({"task": ["Weld pipes.", "Type letters.", "Drive a truck.", "Cook meals.",
                               "Mop floors.", "Sew hems."],
                      "task_id": [3, 4, 7, 9, 10, 12], "x": [1, 0, 1, 1, 0, 1]})
SCORES = ["p_e0", "p_e1", "p_e2", "label", "alpha", "beta", "gamma"]


# ------------------------------------------------------------ 1. an index stored as a range
@pytest.mark.parametrize("first,second", [
    (FRAME.iloc[:2].set_index("task_id"), FRAME.iloc[2:].set_index("task_id")),  # range, then column
    (FRAME.iloc[2:].set_index("task_id"), FRAME.iloc[:2].set_index("task_id")),  # column, then range
    (FRAME.iloc[2:], FRAME.iloc[:2].set_index("task_id")),  # a plain column, then a range
    (FRAME.iloc[2:4], FRAME[FRAME["x"] == 1]),  # a slice's row labels, a filtered frame's
    (FRAME.iloc[:2].reset_index(drop=True), FRAME[FRAME["x"] == 1]),  # the default index, a filtered frame's
], ids=["range-column", "column-range", "plain-range", "slice-filtered", "default-filtered"])
def test_read_dataset_reads_an_index_stored_as_a_range_or_a_column_alike(tmp_path, first, second):
    """Refused before: ``b.parquet: its columns [...] are not those of a.parquet [...]``."""
    src = tmp_path / "in"
    src.mkdir()
    first.to_parquet(src / "a.parquet")
    second.to_parquet(src / "b.parquet")
    got = xd.score(xd.read_dataset(src), "rubric").compute(scheduler="sync").reset_index(drop=True)
    # the stream engine, file by file, joined by column name
    streamed = []
    for name in ("a", "b"):
        score_file(src / f"{name}.parquet", tmp_path / f"{name}.out.parquet", "rubric")
        streamed.append(pd.read_parquet(tmp_path / f"{name}.out.parquet"))
    want = pd.concat(streamed, ignore_index=True)
    assert sorted(got.columns) == sorted(want.columns)
    for column in ("task", "task_id", "x"):
        assert got[column].tolist() == want[column].tolist(), column
    pd.testing.assert_frame_equal(got[SCORES], want[SCORES], check_dtype=False)
    # and score_tasks of the frame computed
    frame = xd.read_dataset(src).compute(scheduler="sync").reset_index(drop=True)
    pd.testing.assert_frame_equal(got[SCORES], score_tasks(frame.drop(columns=[
        c for c in frame.columns if c.startswith("__exposure_")]), "rubric")[SCORES], check_dtype=False)


def test_read_dataset_keeps_the_row_labels_of_a_slice_beside_a_filtered_frame(tmp_path):
    """The unnamed labels are a column of both files: 2, 3 (the slice's range) and 0, 2, 3, 5 (stored)."""
    src = tmp_path / "in"
    src.mkdir()
    FRAME.iloc[2:4].to_parquet(src / "a.parquet")
    FRAME[FRAME["x"] == 1].to_parquet(src / "b.parquet")
    got = xd.read_dataset(src).compute(scheduler="sync")
    assert got["__index_level_0__"].tolist() == [2, 3, 0, 2, 3, 5]
    assert got["task_id"].tolist() == [7, 9, 3, 7, 9, 12]


def test_score_dataset_scores_files_whose_ids_are_a_range_in_one(tmp_path):
    """``exposure score DIR --engine dask`` of two files written by ``set_index('task_id').to_parquet``."""
    src = tmp_path / "in"
    src.mkdir()
    FRAME.iloc[:2].set_index("task_id").to_parquet(src / "a.parquet")
    FRAME.iloc[2:].set_index("task_id").to_parquet(src / "b.parquet")
    with distributed.Client(processes=False, n_workers=1, threads_per_worker=1,
                            dashboard_address=":0") as client:
        done = xd.score_dataset(src, tmp_path / "out", "rubric", client=client, progress=False)
    assert done.n_tasks == 6
    out = pd.read_parquet(tmp_path / "out")
    assert out["task_id"].tolist() == [3, 4, 7, 9, 10, 12]


def test_read_dataset_still_refuses_files_of_other_stored_indexes(tmp_path):
    """A named index in one file and none in the other: refused as before (the words kept)."""
    src = tmp_path / "in"
    src.mkdir()
    FRAME.iloc[:2].set_index("task_id").to_parquet(src / "a.parquet")
    FRAME.iloc[2:].drop(columns="task_id").to_parquet(src / "b.parquet")
    with pytest.raises(DataFormatError, match=r"b\.parquet: its stored index \(none\) is not that of "
                                              r"a\.parquet \['task_id'\]$"):
        xd.read_dataset(src)
    FRAME.iloc[2:].drop(columns="x").to_parquet(src / "b.parquet")  # a column fewer, not the index
    with pytest.raises(DataFormatError, match=r"b\.parquet: its columns \['task', 'task_id', "
                                              r"'__index_level_0__'\] are not those of a\.parquet "
                                              r"\['task', 'x', 'task_id'\]$"):
        xd.read_dataset(src)


# --------------------------------------------------- 2. the first bad file, whatever ran first
def test_score_dataset_names_the_first_bad_file_whatever_the_cluster_ran_first(tmp_path):
    """Nine files of ten have a blank text on row 3: the error named any of them, from run to run."""
    src = tmp_path / "in"
    src.mkdir()
    good = pd.DataFrame({"task": ["Weld pipes.", "Type letters.", "Drive a truck.", "Cook meals."]})
    for k in range(10):
        frame = good.copy()
        if k:
            frame.loc[2, "task"] = "  "
        frame.to_parquet(src / f"f{k:02d}.parquet")
    said = set()
    with distributed.Client(processes=False, n_workers=2, threads_per_worker=1,
                            dashboard_address=":0") as client:
        for run in range(3):
            with pytest.raises(DataFormatError) as caught:
                xd.score_dataset(src, tmp_path / f"out{run}", "rubric", client=client, progress=False)
            said.add(str(caught.value))
            assert not (tmp_path / f"out{run}").exists()
    assert said == {f"{src / 'f01.parquet'}, row 3, column 'task': task text must be a non-empty "
                    "string, got '  '"}


# ------------------------------------------------------------------ 3. a pattern for src
@pytest.mark.parametrize("pattern,matched", [
    ("*.parquet", "it matches 3 file(s): a.parquet, b.parquet and 1 more"),
    ("*.csv", "it matches no file"),
], ids=["matching", "matching-nothing"])
def test_read_dataset_tells_a_pattern_to_give_the_directory(tmp_path, pattern, matched):
    """``input dataset not found`` and no more, also for a pattern that matched files."""
    src = tmp_path / "postings"
    src.mkdir()
    for name in "abc":
        FRAME.iloc[:2].to_parquet(src / f"{name}.parquet")
    said = (f"{src / pattern}: input dataset not found: a pattern is no path ({matched}); exposure.dask "
            f"reads a Parquet file or a directory of them: give the directory {str(src)!r}")
    with pytest.raises(DataFormatError) as caught:
        xd.read_dataset(str(src / pattern))
    assert str(caught.value) == said
    with pytest.raises(DataFormatError) as caught:  # score_dataset (exposure score --engine dask) alike
        xd.score_dataset(src / pattern, tmp_path / "out", "rubric", progress=False)
    assert str(caught.value) == said and not (tmp_path / "out").exists()
    # following the advice reads the files
    assert len(xd.read_dataset(src).compute(scheduler="sync")) == 6
