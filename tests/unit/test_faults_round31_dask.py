"""Round 31: the Dask engine's regrouping (indexes, the first bad row) and its roll-ups.

1. A frame indexed by values that are not text (tuples, Decimals, booleans held as
   objects, a mix of numbers and text), scored with ``learned`` when an occupation spans
   partitions (the rows are regrouped by occupation): the index came back as text
   (``'(1, 2)'``), because the column that carried it through the shuffle was turned
   into text by Dask (its ``dataframe.convert-string``); a ``date_range`` index lost its
   ``freq``. The promise is the frame ``score_tasks(ddf.compute())`` gives. Each input
   partition's index is now kept aside (from the task that reads the partition: the
   input is read once) and put back on its scored rows.
2. A frame whose index is named ``_partitions`` (the name of Dask's shuffle column),
   regrouped: pandas' ``ValueError: '_partitions' is both an index level and a column
   label, which is ambiguous``. Scored now, the index kept.
3. Rows regrouped by occupation, texts missing on rows 4-6 (row 4 without a code, row 5
   with one): the error named a later row first (``ddf, row 5``; ``score_tasks`` names row
   4), and for a dataset the second row of its file. The rows of each input partition
   are checked before the regrouping: the first bad row of the partition is named
   (``ddf, row 4``; the file and its row 1).
4. ``to_occupations``/``to_sectors`` with a ``weight`` column: ``n_scored`` ("rows with
   scores") left out the scored rows of weight 0 or without a weight (``[1, 1]`` for two
   codes of two scored rows each); it counts them now, as without weights.
5. A partition of the scores without a column the roll-ups read (the weight, a measure,
   a flag; Dask does not check partitions against the meta): a bare ``KeyError: 'n'``.
   Refused now, naming the partition and the column.
6. ``check`` of such a partition (without ``task_id`` or ``p_e0``): a bare ``KeyError``.
   Refused now, naming the partition and the column.

Also checked (lead 2, no fault in this module): a dataset written by ``ddf.to_parquet``
has Dask's index column ``__null_dask_index__``; ``read_dataset`` keeps it as a column,
as the stream engine (``exposure score part.0.parquet``, :func:`exposure._tables.
index_as_columns`) keeps it for the same file, so the two engines agree.

No mirror and no network; tiny frames and files, the synchronous scheduler.
"""

from __future__ import annotations

import decimal

import pandas as pd
import pytest

from exposure.errors import DataFormatError
from exposure.scoring import score_tasks

dask = pytest.importorskip("dask")
dd = pytest.importorskip("dask.dataframe")
pytest.importorskip("distributed")

from exposure import dask as xd  # noqa: E402

TEXTS = ["Answer telephones and relay messages.", "Operate a forklift to move pallets.",
         "Weld steel beams on site.", "File records and documents."]
CODES = ["43-4051.00", "53-7051.00", "43-4051.00", "53-7051.00"]  # each spans both partitions
MEASURES = {"alpha": [0.6, 0.2, 0.1, 0.4], "beta": [0.7, 0.3, 0.15, 0.5],
            "gamma": [0.8, 0.4, 0.2, 0.6], "admin": [True, False, False, True],
            "routine_coding": False, "entry_creative": False}


def _sync(ddf) -> pd.DataFrame:
    return ddf.compute(scheduler="sync")


def _parts(*frames):
    """A Dask frame of these partitions, as they are (no conversion of their index)."""
    return dd.from_delayed([dask.delayed(f) for f in frames], meta=frames[0].iloc[:0],
                           verify_meta=False)


def _indexed(index) -> pd.DataFrame:
    return pd.DataFrame({"task": TEXTS, "onetsoc_code": CODES}).set_axis(index)


@pytest.mark.parametrize("index", [
    pd.Index([(1, 2), (3, 4), (5, 6), (7, 8)], tupleize_cols=False),
    pd.Index([1, "a", 2.5, None], dtype=object),
    pd.Index([decimal.Decimal(k) for k in range(4)], dtype=object),
    pd.Index([True, False, False, True], dtype=object),
    pd.date_range("2024-01-01", periods=4, tz="Europe/Paris"),
], ids=["tuples", "mixed", "decimals", "booleans", "dates"])
def test_index_of_objects_survives_regrouping(index):
    frame = _indexed(index)
    ddf = _parts(frame.iloc[:2], frame.iloc[2:])
    out = _sync(xd.score(ddf, "learned"))
    expected = score_tasks(_sync(ddf), "learned")
    pd.testing.assert_frame_equal(out, expected)
    assert out.index.tolist() == list(index)


def test_tuple_index_is_the_same_on_both_paths():
    frame = _indexed(pd.Index([(1, 2), (3, 4), (5, 6), (7, 8)], tupleize_cols=False))
    ddf = _parts(frame.iloc[:2], frame.iloc[2:])
    regrouped = _sync(xd.score(ddf, "learned")).index.tolist()
    alone = _sync(xd.score(ddf, "rubric")).index.tolist()
    assert regrouped == alone == [(1, 2), (3, 4), (5, 6), (7, 8)]


def test_index_named_like_dasks_shuffle_column_survives_regrouping():
    frame = _indexed(pd.Index([5, 6, 7, 8], name="_partitions"))
    ddf = dd.from_pandas(frame, npartitions=2)
    out = _sync(xd.score(ddf, "learned"))
    pd.testing.assert_frame_equal(out, score_tasks(_sync(ddf), "learned"))
    assert out.index.name == "_partitions"


def _bad_rows() -> pd.DataFrame:
    """Texts missing on rows 4-6: row 4 without a code, rows 5 and 6 with one."""
    return pd.DataFrame({"task": [*TEXTS[:3], None, None, None],
                         "onetsoc_code": [*CODES[:3], None, CODES[1], CODES[0]]})


def test_regrouped_error_names_the_first_bad_row():
    frame = _bad_rows()
    with pytest.raises(DataFormatError, match="row 4") as pandas_error:
        score_tasks(frame, "learned")
    with pytest.raises(DataFormatError) as exc:
        _sync(xd.score(dd.from_pandas(frame, npartitions=2), "learned"))
    assert str(exc.value).startswith("ddf, row 4, column 'task': ")
    assert pandas_error.value.row == exc.value.row == 4


def test_regrouped_error_names_the_first_bad_row_of_its_file(tmp_path):
    frame = _bad_rows()
    frame.iloc[:3].to_parquet(tmp_path / "a.parquet")
    frame.iloc[3:].reset_index(drop=True).to_parquet(tmp_path / "b.parquet")
    with pytest.raises(DataFormatError) as exc:
        _sync(xd.score(xd.read_dataset(tmp_path), "learned"))
    assert str(exc.value).startswith(f"{tmp_path / 'b.parquet'}, row 1, column 'task': ")


def test_regrouped_scores_unchanged_by_the_early_check():
    frame = pd.DataFrame({"task": TEXTS * 2, "onetsoc_code": CODES * 2})
    ddf = dd.from_pandas(frame, npartitions=3)
    pd.testing.assert_frame_equal(_sync(xd.score(ddf, "learned")), score_tasks(_sync(ddf), "learned"))


@pytest.mark.parametrize("rollup, by", [(xd.to_occupations, "onetsoc_code"), (xd.to_sectors, "naics")])
def test_n_scored_counts_rows_of_weight_zero_or_none(rollup, by):
    # O*NET-SOC codes: to_occupations refuses other codes (round 73)
    scores = pd.DataFrame({by: ["11-1011.00", "11-1011.00", "43-9061.00", "43-9061.00"], **MEASURES,
                           "n": [1, 0, 2, None]})
    out = _sync(rollup(dd.from_pandas(scores, npartitions=2), by=by, weight="n"))
    unweighted = _sync(rollup(dd.from_pandas(scores, npartitions=2), by=by))
    assert out["n_scored"].tolist() == unweighted["n_scored"].tolist() == [2, 2]
    assert out["weight"].tolist() == [1.0, 2.0]
    assert out["alpha"].tolist() == [0.6, 0.1]


def test_n_scored_still_leaves_out_rows_without_scores():
    scores = pd.DataFrame({"naics": ["a", "a", "b", "b"], **MEASURES, "n": [1, 0, 2, 3]})
    scores.loc[1, ["alpha", "beta", "gamma"]] = None
    out = _sync(xd.to_sectors(dd.from_pandas(scores, npartitions=2), weight="n"))
    assert out["n_scored"].tolist() == [1, 2]


@pytest.mark.parametrize("column", ["n", "alpha", "admin", "onetsoc_code"])
def test_rollup_of_a_partition_without_a_column_names_it(column):
    # O*NET-SOC codes: to_occupations refuses other codes (round 73)
    scores = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.00", "43-9061.00", "43-9061.00"], **MEASURES,
                           "n": [1, 2, 3, 4]})
    ddf = _parts(scores.iloc[:2], scores.iloc[2:].drop(columns=column))
    with pytest.raises(DataFormatError) as exc:
        _sync(xd.to_occupations(ddf, weight="n"))
    assert exc.value.path == "scored.partitions[1]"
    assert exc.value.column == column
    assert "KeyError" not in str(exc.value)


@pytest.mark.parametrize("column", ["task_id", "p_e0", "onetsoc_code"])
def test_check_of_a_partition_without_a_column_names_it(column):
    scores = pd.DataFrame({"onetsoc_code": ["11-1011.00"] * 4, "task_id": [1, 2, 3, 4],
                           "p_e0": [0.5, None, 0.2, 0.3]})
    ddf = _parts(scores.iloc[:2], scores.iloc[2:].drop(columns=column))
    with pytest.raises(DataFormatError) as exc:
        xd.check(ddf)
    assert exc.value.path == "scored.partitions[1]"
    assert exc.value.column == column


def test_dask_index_column_is_kept_as_the_stream_engine_keeps_it(tmp_path):
    frame = pd.DataFrame({"task": TEXTS})
    dd.from_pandas(frame, npartitions=2).to_parquet(tmp_path / "ds")
    read = _sync(xd.read_dataset(tmp_path / "ds"))
    assert "__null_dask_index__" in read.columns
    assert read["__null_dask_index__"].tolist() == [0, 1, 2, 3]
