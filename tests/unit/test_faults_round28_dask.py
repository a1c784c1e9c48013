"""Round 28: the Dask engine's own column names, partition directories and odd indexes.

1. A column of the user's named like the engine's hidden columns (``__exposure_row``,
   ``__exposure_index``, ``__exposure_odd``, ``__exposure_occupation``...): ``score``
   dropped it from its output without a word (``__exposure_row``: ``KeyError:
   '__exposure_index'`` at compute time). Refused now, at once, naming the column.
2. A Parquet file holding such a column (``__exposure_file``, ``__exposure_line``):
   ``read_dataset`` overwrote its values with the file name and row numbers, and
   ``score_dataset`` wrote those. Refused now, naming the file and the column.
3. A column named like Dask's own shuffle columns (``_partitions``, ``_partitions_0``)
   when occupations span partitions (the rows are regrouped with ``shuffle`` and
   ``set_index``): Dask dropped it, and the compute failed with Dask's "The columns in
   the computed data do not match the columns in the provided metadata ... Missing:
   ['_partitions']", naming no column. Kept now, as in the other paths.
4. A partition directory key that is also a column of the files (``year=2024/a.parquet``
   with a column ``year``): the files' values were overwritten by the directory's, without
   a word (``dask.dataframe.read_parquet`` fails on it). Refused now, naming the file and
   the column.
5. Partition directory values as pandas and Arrow write them (``to_parquet(...,
   partition_cols=...)``): percent-encoded (``city=New%20York``) and
   ``__HIVE_DEFAULT_PARTITION__`` for a missing value. They were read as written
   (``'New%20York'``; the text ``'__HIVE_DEFAULT_PARTITION__'``, which made an integer key
   text); now decoded as Arrow and Dask decode them (``'New York'``, missing).
6. A frame indexed by intervals (``pd.interval_range``): ``score`` raised pandas'
   ``IndexError: index -1 is out of bounds for axis 0 with size 0`` at once (the probe row
   of the meta); ``score_tasks`` scores the same frame. Scored now, the index kept.
7. ``to_occupations``/``to_sectors`` by a column named like the roll-up's working columns
   (``__n_known``, ``alpha__w``): ``KeyError: '__n_known'``. Rolled up now.
8. ``check`` of scores indexed by intervals: Dask's ``TypeError: Don't know how to handle
   index of type pandas.IntervalIndex``. The index, which ``check`` does not read, is
   dropped first; the repeated key is named as before.

Also checked (lead 2, no fault): ``score`` gives the dtypes ``score_tasks`` gives for the
computed input; text columns are ``string`` because ``dd.from_pandas`` (Dask's
``dataframe.convert-string``) made them so before scoring.

No mirror and no network; tiny files and frames, the synchronous scheduler.
"""

from __future__ import annotations

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
    return dd.from_delayed([dask.delayed(f) for f in frames], meta=frames[0].iloc[:0],
                           verify_meta=False)


def _same_as_pandas(ddf, method):
    out = _sync(xd.score(ddf, method))
    pd.testing.assert_frame_equal(out, score_tasks(_sync(ddf), method))
    return out


@pytest.mark.parametrize("column", ["__exposure_row", "__exposure_index", "__exposure_odd",
                                    "__exposure_occupation", "__exposure_file", "__exposure_line"])
@pytest.mark.parametrize("method", ["rubric", "learned"])
def test_column_named_like_a_hidden_column_is_refused(column, method):
    frame = pd.DataFrame({"task": TEXTS, "onetsoc_code": CODES, column: [1, 2, 3, 4]})
    with pytest.raises(DataFormatError, match=rf"column '{column}': .*names starting with "
                       r"'__exposure_' are the Dask engine's own"):
        xd.score(dd.from_pandas(frame, npartitions=2), method)


def test_read_dataset_output_is_still_scored(tmp_path):
    pd.DataFrame({"task": TEXTS}).to_parquet(tmp_path / "a.parquet")
    out = _sync(xd.score(xd.read_dataset(tmp_path), "rubric"))
    assert list(out.columns[:1]) == ["task"] and len(out) == 4
    assert not [c for c in out.columns if c.startswith("__exposure_")]


@pytest.mark.parametrize("column", ["__exposure_file", "__exposure_line", "__exposure_odd"])
def test_file_column_named_like_a_hidden_column_is_refused(tmp_path, column):
    pd.DataFrame({"task": TEXTS, column: [7, 8, 9, 10]}).to_parquet(tmp_path / "a.parquet")
    with pytest.raises(DataFormatError, match=rf"a.parquet, column '{column}': .*names starting "
                       r"with '__exposure_' are the Dask engine's own"):
        xd.read_dataset(tmp_path)


@pytest.mark.parametrize("column", ["_partitions", "_partitions_0"])
def test_column_named_like_dasks_shuffle_column_survives_regrouping(column):
    frame = pd.DataFrame({"task": TEXTS, "onetsoc_code": CODES, column: ["a", "b", "c", "d"]})
    out = _same_as_pandas(dd.from_pandas(frame, npartitions=2), "learned")
    assert out[column].tolist() == ["a", "b", "c", "d"]


def test_partition_key_that_is_also_a_file_column_is_refused(tmp_path):
    for year, texts in (("2024", TEXTS[:2]), ("2025", TEXTS[2:])):
        (tmp_path / f"year={year}").mkdir()
        pd.DataFrame({"task": texts, "year": [1999, 1998]}).to_parquet(tmp_path / f"year={year}" / "a.parquet")
    with pytest.raises(DataFormatError, match=r"year=2024.a.parquet, column 'year': the partition "
                       r"directory key 'year' \(year=2024\) is also a column of the file"):
        xd.read_dataset(tmp_path)


def test_partition_values_are_decoded_as_arrow_writes_them(tmp_path):
    frame = pd.DataFrame({"task": TEXTS, "city": ["New York", "São Paulo", "a/b", None],
                          "year": [2024, 2024, None, 2025]})
    frame.to_parquet(tmp_path / "ds", partition_cols=["city", "year"])
    got = _sync(xd.read_dataset(tmp_path / "ds")).set_index("task").loc[TEXTS]
    assert got["city"].astype(object).where(got["city"].notna(), None).tolist() == \
        ["New York", "São Paulo", "a/b", None]
    assert list(got["year"].cat.categories) == [2024, 2025]  # integers: the missing one is no text
    assert got["year"].astype("Int64").tolist() == [2024, 2024, pd.NA, 2025]


@pytest.mark.parametrize("method", ["rubric", "learned"])
def test_interval_index_is_scored(method):
    frame = pd.DataFrame({"task": TEXTS, "onetsoc_code": CODES}, index=pd.interval_range(0, 4))
    out = _same_as_pandas(_parts(frame.iloc[:2], frame.iloc[2:]), method)
    assert out.index.equals(frame.index)


@pytest.mark.parametrize("by", ["__n_known", "__n_counted", "alpha__w", "gamma__wx"])
def test_rollup_by_a_column_named_like_its_working_columns(by):
    scored = pd.DataFrame({"code": ["11-1011.00", "11-1011.00", "43-9061.00", "43-9061.00"],
                           **MEASURES, "n": [1, 2, 3, 4]})
    want = _sync(xd.to_occupations(dd.from_pandas(scored, npartitions=2), by="code", weight="n"))
    got = _sync(xd.to_occupations(dd.from_pandas(scored.rename(columns={"code": by}), npartitions=2),
                                  by=by, weight="n"))
    pd.testing.assert_frame_equal(got, want.rename_axis(by))


def test_rollup_result_is_indexed_by_the_code_column():
    scored = pd.DataFrame({"naics": ["52", "52", "23", "23"], **MEASURES})
    got = _sync(xd.to_sectors(dd.from_pandas(scored, npartitions=2)))
    assert got.index.name == "naics" and got.index.tolist() == ["23", "52"]


@pytest.mark.parametrize("method", ["rubric", "learned"])
def test_dtypes_are_those_of_score_tasks_on_the_computed_input(method):
    frame = pd.DataFrame({"task": TEXTS, "onetsoc_code": CODES, "note": list("abcd")})
    ddf = dd.from_pandas(frame, npartitions=2)
    out = _same_as_pandas(ddf, method)
    assert str(out["note"].dtype) == str(_sync(ddf)["note"].dtype)


def test_check_of_interval_indexed_scores():
    scored = pd.DataFrame({"onetsoc_code": CODES, "task_id": [1, 2, 1, 3], "p_e0": [0.5, 0.4, None, 0.2]},
                          index=pd.interval_range(0, 4))
    # was Dask's TypeError "Don't know how to handle index of type pandas.IntervalIndex"
    with pytest.raises(DataFormatError, match=r"\(43-4051.00, 1\) at scored.partitions\[0\], row 1 "
                       r"and scored.partitions\[1\], row 1"):
        xd.check(_parts(scored.iloc[:2], scored.iloc[2:]))
    assert xd.check(_parts(scored.iloc[:2], scored.iloc[3:])) == {"rows": 3, "scored": 3, "coverage": 1.0}
