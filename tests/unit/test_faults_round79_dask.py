"""Fault round 79 (dask): the Dask roll-ups and ``check`` against the pandas roll-up, frame-wide.

Faults found (each test below failed before its fix):

1. ``exposure.dask.to_occupations`` and ``to_sectors`` read the class probabilities only
   when all three columns were there: a frame of ``p_e0`` alone, or of ``p_e0`` and
   ``p_e1`` without ``p_e2``, was rolled up without a word, where the pandas roll-up
   (``check_task_scores``) refuses it. Now refused when called, by the pandas check
   itself (``rollup._occupations.check_probabilities``): ``scored: probability columns
   ['p_e1', 'p_e2'] are missing while ['p_e0'] are given`` (pandas: ``task_scores: ...``);
   a partition lacking one the meta has (``dd.from_delayed``) is named:
   ``scored.partitions[1]: probability columns ['p_e2'] are missing while ['p_e0',
   'p_e1'] are given``.
2. A row with a score and no ``label`` beside labelled rows was rolled up without a word
   (in one partition, or with the labels in another partition), where the pandas roll-up
   refuses it (``rollup._occupations._refuse_unlabelled``). Now refused in the pandas
   words, naming the partition and the row, the count that of the whole frame:
   ``scored.partitions[1], row 1, column 'label': the label is missing on a scored task
   (p_e0, p_e1, p_e2 = 0.2, 0.6, 0.2, which give E1; 2 of 4 tasks so): ...``; a label
   column missing (or blank) on every row is still no label column. Rows of
   ``read_dataset`` are named by their file and row.
3. A row of ``alpha`` emptied beside its probabilities (``beta`` and ``gamma`` given) was
   told ``scored.partitions[0], row 2, column 'alpha': alpha = nan does not match the
   probabilities (expected 0.25)``, where the pandas roll-up says ``beta, gamma are given
   and alpha is missing: a task gives alpha, beta and gamma, or none of them ...``. Now
   those words: a row partial among its partition's rows is refused before the
   probabilities are compared, as there.
4. A row of a ``read_dataset`` frame giving some of alpha, beta and gamma where other
   files give all three (a frame-wide check) was named by the partition:
   ``scored.partitions[1], row 1, column 'alpha': beta is given and alpha, gamma are
   missing ...``. Now by its file and row, as the row checks name them: ``DIR/b.parquet,
   row 1, column 'alpha': ...``.
5. ``exposure.dask.check`` of a ``read_dataset`` frame named a repeated task key's rows by
   partition (``at scored.partitions[0], row 2 and scored.partitions[1], row 2``). Now by
   file and row: ``at DIR/a.parquet, row 2 and DIR/b.parquet, row 2``.
6. A frame without the category flags (``admin``, ``routine_coding``,
   ``entry_creative``; the scores of ``rollup.scores_from_labels``) was refused:
   ``column 'admin': missing column 'admin'``, where the pandas roll-up leaves the shares
   out. Now rolled up, the flags' means missing; the measures are those of
   ``rollup.to_occupations(..., "equal")``, in one partition or several.
7. The checks of probabilities, labels and flags raised in their partition, before the
   frame-wide check of rows giving some of alpha, beta and gamma: a bad label on row 1
   and a row 4 without beta gave ``scored.partitions[0], row 1, column 'label': unknown
   exposure label 'E3' ...``, where the pandas roll-up says ``task_scores, row 4, column
   'beta': alpha, gamma are given and beta is missing ...``. Now in the pandas roll-up's
   order: ``scored.partitions[1], row 2, column 'beta': alpha, gamma are given and beta is
   missing ...``. So are a bad weight (``weight=``) of an earlier partition and a bad
   score of a later one: the score is said first, as the pandas roll-up weighs the tasks
   once their scores are checked (``scored.partitions[0], row 1, column 'n': n must be a
   number ...`` before; ``scored.partitions[1], row 1, column 'alpha': alpha = 0.9 does
   not match the probabilities (expected 0.6)`` now).

Guards, which passed before and must still pass: ``test_a_label_column_missing_on_every_row_is_still_no_label``,
``test_check_of_a_frame_still_names_partitions``, ``test_flags_rolled_up_as_pandas_rolls_them_up``.

Tiny made-up frames and Parquet files, written by the tests.
"""

from __future__ import annotations

import dask
import dask.dataframe as dd
import numpy as np
import pandas as pd
import pytest
from tests.unit._frames import four_task_scores

from exposure import dask as xd
from exposure.errors import DataFormatError
from exposure.rollup import scores_from_labels
from exposure.rollup import to_occupations as pandas_to_occupations
from exposure.rollup._occupations import check_task_scores


def _scores() -> pd.DataFrame:
    """Four consistent task scores of two occupations (two per partition with npartitions=2)."""
    return four_task_scores([True, False, False, True])


def _pandas_reason(frame: pd.DataFrame) -> str:
    with pytest.raises(DataFormatError) as info:
        check_task_scores(frame)
    return info.value.reason


def _dask_error(frame, rollup=xd.to_occupations, npartitions: int = 2) -> DataFormatError:
    ddf = frame if isinstance(frame, dd.DataFrame) else dd.from_pandas(frame, npartitions=npartitions)
    with pytest.raises(DataFormatError) as info:
        rollup(ddf).compute(scheduler="sync")
    return info.value


# 1 ---------------------------------------------------------------- some probability columns
@pytest.mark.parametrize(("drop", "said"), [
    (["p_e1", "p_e2"], "probability columns ['p_e1', 'p_e2'] are missing while ['p_e0'] are given"),
    (["p_e2"], "probability columns ['p_e2'] are missing while ['p_e0', 'p_e1'] are given"),
])
@pytest.mark.parametrize("rollup", [xd.to_occupations, xd.to_sectors])
def test_some_probability_columns_refused_when_called_as_pandas_refuses(drop, said, rollup):
    frame = _scores().drop(columns=drop)
    with pytest.raises(DataFormatError) as info:
        rollup(dd.from_pandas(frame, npartitions=2))
    assert str(info.value) == f"scored: {said}"
    assert info.value.reason == _pandas_reason(frame) == said


def test_a_partition_lacking_a_probability_column_is_named():
    frame = _scores()
    parts = [dask.delayed(lambda f: f)(frame.iloc[:2]),
             dask.delayed(lambda f: f)(frame.iloc[2:].drop(columns="p_e2"))]
    ddf = dd.from_delayed(parts, meta=frame.iloc[:0], verify_meta=False)
    exc = _dask_error(ddf)
    assert str(exc) == ("scored.partitions[1]: probability columns ['p_e2'] are missing while "
                        "['p_e0', 'p_e1'] are given")


# 2 ---------------------------------------------------------------- unlabelled rows
@pytest.mark.parametrize("npartitions", [1, 2])
def test_unlabelled_rows_beside_labels_in_another_partition_refused(npartitions):
    frame = _scores().assign(label=["E1", "E0", None, None])
    exc = _dask_error(frame, npartitions=npartitions)
    assert exc.reason == _pandas_reason(frame)
    assert "2 of 4 tasks so" in exc.reason
    assert (exc.path, exc.row, exc.column) == (
        ("scored.partitions[1]", 1, "label") if npartitions == 2 else ("scored.partitions[0]", 3, "label"))


def test_unlabelled_row_in_a_labelled_partition_refused_by_to_sectors():
    frame = _scores().assign(label=["E1", "", "E1", "E2"])  # a blank label is missing
    exc = _dask_error(frame, xd.to_sectors)
    assert str(exc) == ("scored.partitions[0], row 2, column 'label': " + _pandas_reason(frame))
    assert "(p_e0, p_e1, p_e2 = 0.5, 0.25, 0.25, which give E0; 1 of 4 tasks so)" in exc.reason


@pytest.mark.parametrize("labels", [[None] * 4, [""] * 4])
def test_a_label_column_missing_on_every_row_is_still_no_label(labels):
    frame = _scores().assign(label=labels)
    got = xd.to_occupations(dd.from_pandas(frame, npartitions=2)).compute(scheduler="sync")
    assert got["alpha"].round(6).tolist() == [0.35, 0.45]


def test_unlabelled_row_of_read_dataset_named_by_file_and_row(tmp_path):
    frame = _scores()
    frame.iloc[:2].assign(label=["E1", "E0"]).to_parquet(tmp_path / "a.parquet")
    frame.iloc[2:].assign(label=pd.array([None, None], dtype="string")).to_parquet(tmp_path / "b.parquet")
    exc = _dask_error(xd.read_dataset(tmp_path))
    assert (exc.path, exc.row, exc.column) == (str(tmp_path / "b.parquet"), 1, "label")
    assert "which give E1; 2 of 4 tasks so" in exc.reason


# 3 ---------------------------------------------------------------- a measure emptied beside probabilities
def test_a_measure_emptied_beside_probabilities_said_as_pandas_says_it():
    frame = _scores()
    frame.loc[1, "alpha"] = np.nan
    exc = _dask_error(frame)
    assert str(exc) == "scored.partitions[0], row 2, column 'alpha': " + _pandas_reason(frame)
    assert exc.reason.startswith("beta, gamma are given and alpha is missing: a task gives alpha, beta and gamma")


# 4 ---------------------------------------------------------------- frame-wide check, named by file
def test_partial_measures_of_read_dataset_named_by_file_and_row(tmp_path):
    frame = _scores().drop(columns=["p_e0", "p_e1", "p_e2"])
    frame.iloc[:2].to_parquet(tmp_path / "a.parquet")
    frame.iloc[2:].assign(alpha=np.nan, gamma=np.nan).to_parquet(tmp_path / "b.parquet")
    exc = _dask_error(xd.read_dataset(tmp_path))
    assert str(exc) == (f"{tmp_path / 'b.parquet'}, row 1, column 'alpha': beta is given and alpha, gamma "
                        "are missing: a task gives alpha, beta and gamma, or none of them (each is averaged "
                        "over the same tasks); leave a measure empty on every row to leave it out")


# 5 ---------------------------------------------------------------- check, named by file
def test_check_names_the_files_of_a_repeated_key(tmp_path):
    frame = _scores()
    frame.iloc[:2].to_parquet(tmp_path / "a.parquet")
    frame.iloc[2:].assign(onetsoc_code="11-1011.00", task_id=[5, 2]).to_parquet(tmp_path / "b.parquet")
    with pytest.raises(DataFormatError) as info:
        xd.check(xd.read_dataset(tmp_path))
    assert str(info.value) == ("1 task key(s) (onetsoc_code, task_id) are on more than one row, e.g. "
                               f"(11-1011.00, 2) at {tmp_path / 'a.parquet'}, row 2 and "
                               f"{tmp_path / 'b.parquet'}, row 2")


def test_check_of_a_frame_still_names_partitions():
    frame = _scores().assign(onetsoc_code="11-1011.00", task_id=[1, 2, 5, 2])
    with pytest.raises(DataFormatError, match=r"at scored\.partitions\[0\], row 2 and "
                                              r"scored\.partitions\[1\], row 2$"):
        xd.check(dd.from_pandas(frame, npartitions=2))


# 6 ---------------------------------------------------------------- no category flags; pandas' means
@pytest.mark.parametrize("npartitions", [1, 3])
def test_scores_without_flags_rolled_up_as_pandas_rolls_them_up(npartitions):
    labels = pd.DataFrame({"onetsoc_code": ["11-1011.00"] * 3 + ["43-9061.00"] * 3,
                           "task_id": range(1, 7), "gpt4": ["E1", "E0", "E2", "E0", "E0", "E1"]})
    scores = scores_from_labels(labels, "gpt4")
    got = xd.to_occupations(dd.from_pandas(scores, npartitions=npartitions)).compute(scheduler="sync")
    want = pandas_to_occupations(scores, "equal").set_index("onetsoc_code")
    pd.testing.assert_frame_equal(got[["alpha", "beta", "gamma"]], want[["alpha", "beta", "gamma"]],
                                  check_exact=False, atol=1e-12)
    assert got[["admin", "routine_coding", "entry_creative"]].isna().all(axis=None)
    assert want[["share_admin", "share_routine_coding", "share_entry_creative"]].isna().all(axis=None)


@pytest.mark.parametrize("npartitions", [1, 3])
def test_flags_rolled_up_as_pandas_rolls_them_up(npartitions):
    frame = pd.concat([_scores(), _scores().assign(task_id=[5, 6, 7, 8])], ignore_index=True)
    frame["label"] = ["E1", "E0", "E1", "E2"] * 2
    got = xd.to_occupations(dd.from_pandas(frame, npartitions=npartitions)).compute(scheduler="sync")
    want = pandas_to_occupations(frame, "equal").set_index("onetsoc_code")
    pd.testing.assert_frame_equal(
        got[["alpha", "beta", "gamma", "admin", "routine_coding", "entry_creative"]],
        want[["alpha", "beta", "gamma", "share_admin", "share_routine_coding", "share_entry_creative"]]
        .set_axis(["alpha", "beta", "gamma", "admin", "routine_coding", "entry_creative"], axis=1),
        check_exact=False, atol=1e-12)


# 7 ---------------------------------------------------------------- the pandas roll-up's order
@pytest.mark.parametrize("npartitions", [1, 2])
def test_a_partial_row_is_said_before_a_bad_label_of_an_earlier_row(npartitions):
    frame = _scores().assign(label=["E3", "E0", "E1", "E2"])
    frame.loc[3, "beta"] = np.nan
    exc = _dask_error(frame, npartitions=npartitions)
    assert exc.reason == _pandas_reason(frame)
    assert exc.reason.startswith("alpha, gamma are given and beta is missing")
    assert (exc.path, exc.row) == (f"scored.partitions[{npartitions - 1}]", 4 if npartitions == 1 else 2)


def test_a_bad_weight_is_said_after_the_checks_of_the_scores():
    frame = _scores().assign(n=["x", 1, 1, 1])
    frame.loc[2, ["alpha", "beta", "gamma"]] = [0.9, 0.2, 0.1]  # beside probabilities 0.2, 0.6, 0.2
    exc = _dask_error(frame, lambda ddf: xd.to_occupations(ddf, weight="n"))
    assert str(exc) == ("scored.partitions[1], row 1, column 'alpha': alpha = 0.9 does not match the "
                        "probabilities (expected 0.6)")
    exc = _dask_error(frame.drop(index=2), lambda ddf: xd.to_occupations(ddf, weight="n"))
    assert str(exc).startswith("scored.partitions[0], row 1, column 'n': n must be a number")
