"""Round 17: what a user of Dask DataFrames can get wrong with :mod:`exposure.dask`.

1. A categorical column whose categories Dask does not know (``dd.read_parquet`` of a
   categorical column, ``ddf.astype({"c": "category"})``), and every categorical column
   of a Parquet dataset read by :func:`~exposure.dask.read_dataset`, came out of
   :func:`~exposure.dask.score` (and ``exposure score --engine dask``) missing on every
   row: each partition was cast to the meta's empty list of categories.
2. Files of a dataset whose column is of integers in one and of floats in another: the
   floats were truncated (``2.5`` written as ``2``), a missing value raised pandas'
   ``IntCastingNaNError``, text in the second file a ``ValueError``; a Dask partition of
   another dtype than its meta was cast the same way (truncated, or a pandas error).
3. A partition without a column of the meta (or with one more) raised a ``KeyError`` on
   dtype mappings (or Dask's ``ValueError``) naming no partition.
4. A bad cell found at compute time was named by its row in its partition only (``row
   2, column 'task'``), and, after the rows had been regrouped by occupation, by its row
   in a shuffled partition (``row 4`` for the frame's row 7).
5. When occupations spanned partitions, the output got a fresh index in each partition
   but kept divisions of the row numbers: ``scored.loc[5]`` found nothing, the input's
   index (a posting id) was lost and empty partitions were dropped.
6. :func:`~exposure.dask.check` compared task IDs as text: task 1 of one partition and
   task ``1.0`` (or ``"1"``) of another were two keys; the pandas check reads them as one
   repeated task. Its message named no key.
7. The roll-ups read a measure that is not a number in [0, 1] (``"abc"``, ``1.5``,
   ``-3``, ``inf``, ``True``) as missing or as given, a category flag ``"yes"`` as
   missing and ``"maybe"`` as missing, and dropped rows without a code, all without a
   word; the pandas roll-ups refuse them (or read ``"yes"`` as true).
8. ``score_dataset(src, src / "out")`` wrote its part files into the input dataset,
   where the next run read them as input.

No mirror and no network; tiny frames, the synchronous scheduler or an in-process client.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from exposure._outdir import OutputPathError
from exposure.errors import DataFormatError
from exposure.rollup import to_occupations as pandas_occupations
from exposure.scoring import score_tasks
from exposure.scoring._files import append_scores

dask = pytest.importorskip("dask")
dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")

from exposure import dask as xd  # noqa: E402

TEXTS = ["Answer telephones and relay messages.", "Operate a forklift to move pallets.",
         "Weld steel beams on site.", "File records and documents."]
#: Occupations by code that span partitions (rows 0, 2, 6 and 4, 8), so score() regroups.
POSTINGS = pd.DataFrame({
    "onetsoc_code": ["43-9061.00", None, "43-9061.00", None, "47-2021.00", None, "43-9061.00",
                     None, "47-2021.00", None, None, None],
    "task": ["Answer telephones and relay messages.", "Write Python scripts to clean data.",
             "File records and documents.", "Design a logo for a bakery.",
             "Lay bricks to build walls.", "Review pull requests and fix failing tests.",
             "Operate office machines such as copiers.", "Weld steel beams on site.",
             "Mix mortar by hand.", "Draft a press release.", "Sort incoming mail.",
             "Deploy a web service to the cloud."],
})
NUMBERS = ["p_e0", "p_e1", "p_e2", "alpha", "beta", "gamma"]


def _sync(ddf) -> pd.DataFrame:
    return ddf.compute(scheduler="sync")


def _parts(*frames, meta=None):
    """A Dask DataFrame of these partitions, whatever their columns or dtypes (meta: the first's)."""
    meta = frames[0].iloc[:0] if meta is None else meta
    return dd.from_delayed([dask.delayed(f) for f in frames], meta=meta, verify_meta=False)


# 1. categorical columns -------------------------------------------------------------------

def test_unknown_categories_are_kept():
    """``n`` came out missing on every row (cast to the meta's unknown categories)."""
    frame = pd.DataFrame({"task": TEXTS, "n": ["a", "b", "a", "c"]})
    ddf = dd.from_pandas(frame, npartitions=2).astype({"n": "category"})
    assert not ddf["n"].cat.known
    for method in ("rubric", "learned"):
        got = _sync(xd.score(ddf, method))
        assert got["n"].astype(str).tolist() == ["a", "b", "a", "c"]


def test_dd_read_parquet_categories_are_kept(tmp_path):
    frame = pd.DataFrame({"task": TEXTS, "n": pd.Categorical(["a", "b", "a", "c"])})
    frame.iloc[:2].to_parquet(tmp_path / "a.parquet")
    frame.iloc[2:].to_parquet(tmp_path / "b.parquet")
    got = _sync(xd.score(dd.read_parquet(tmp_path), "rubric"))
    assert got["n"].astype(str).tolist() == ["a", "b", "a", "c"]


def test_read_dataset_keeps_categorical_columns(tmp_path, client):
    """``exposure score --engine dask`` wrote every categorical cell as missing."""
    src = tmp_path / "in"
    src.mkdir()
    frame = pd.DataFrame({"task": TEXTS, "n": pd.Categorical(["a", "b", "a", "c"]),
                          "k": pd.Categorical(["x", None, "y", "x"])})
    frame.iloc[:2].to_parquet(src / "a.parquet")
    frame.iloc[2:].to_parquet(src / "b.parquet")
    ddf = xd.read_dataset(src)
    assert not ddf["n"].cat.known  # as dd.read_parquet: each file has its own categories
    assert _sync(xd.score(ddf, "rubric"))["n"].astype(str).tolist() == ["a", "b", "a", "c"]
    xd.score_dataset(src, tmp_path / "out", "rubric", client=client, progress=False)
    out = pd.read_parquet(tmp_path / "out")
    assert out["n"].astype(str).tolist() == ["a", "b", "a", "c"]
    assert out["k"].astype(object).where(out["k"].notna(), None).tolist() == ["x", None, "y", "x"]


def test_known_categories_and_hive_keys_are_unchanged(tmp_path):
    frame = pd.DataFrame({"task": TEXTS, "n": pd.Categorical(["a", "b", "a", "c"])})
    got = _sync(xd.score(dd.from_pandas(frame, npartitions=2), "rubric"))
    assert got["n"].dtype == frame["n"].dtype and got["n"].tolist() == ["a", "b", "a", "c"]
    for year in (2023, 2024):
        (tmp_path / f"year={year}").mkdir()
        frame.iloc[:2].to_parquet(tmp_path / f"year={year}" / "p.parquet")
    got = _sync(xd.score(xd.read_dataset(tmp_path), "rubric"))
    assert got["year"].tolist() == [2023, 2023, 2024, 2024]
    assert got["year"].cat.categories.tolist() == [2023, 2024]


# 2. files and partitions of other dtypes --------------------------------------------------

@pytest.mark.parametrize("first, second, want", [
    ([1, 2], [2.5, 3.7], [1.0, 2.0, 2.5, 3.7]),           # truncated to 2, 3
    ([1, 2], [3.0, np.nan], [1.0, 2.0, 3.0, np.nan]),       # IntCastingNaNError
    ([1, 2], ["a", "b"], ["1", "2", "a", "b"]),             # ValueError: invalid literal
    (["a", "b"], [1, 2], ["a", "b", "1", "2"]),             # (as before)
    ([None, None], ["a", "b"], [None, None, "a", "b"]),     # (as before)
    (pd.Categorical(["a", "b"]), ["a", "c"], ["a", "b", "a", "c"]),  # every cell missing
], ids=["int-float", "int-nan", "int-text", "text-int", "null-text", "category-text"])
def test_files_of_other_column_types_keep_their_values(tmp_path, client, first, second, want):
    src = tmp_path / "in"
    src.mkdir()
    pd.DataFrame({"task": TEXTS[:2], "n": first}).to_parquet(src / "a.parquet")
    pd.DataFrame({"task": TEXTS[2:], "n": second}).to_parquet(src / "b.parquet")
    norm = lambda s: s.astype(object).where(s.notna(), None).tolist()  # noqa: E731
    want = pd.Series(want, dtype=object).where(pd.notna(pd.Series(want, dtype=object)), None).tolist()
    assert norm(_sync(xd.score(xd.read_dataset(src), "rubric"))["n"]) == want
    xd.score_dataset(src, tmp_path / "out", "rubric", client=client, progress=False)
    assert norm(pd.read_parquet(tmp_path / "out")["n"]) == want


def test_files_of_columns_without_a_common_type_are_refused(tmp_path):
    pd.DataFrame({"task": TEXTS[:2], "n": [True, False]}).to_parquet(tmp_path / "a.parquet")
    pd.DataFrame({"task": TEXTS[2:], "n": [1.5, 2.5]}).to_parquet(tmp_path / "b.parquet")
    with pytest.raises(DataFormatError, match=rf"^{tmp_path / 'b.parquet'}, column 'n': its type double "
                       r"and the type bool of a\.parquet have no common type"):
        xd.read_dataset(tmp_path)


@pytest.mark.parametrize("values, shown", [([2.5, 3.0], "2.5"), ([3.0, np.nan], "nan"),
                                           (["3", "x"], "'x'")], ids=["fraction", "missing", "text"])
def test_partition_of_another_dtype_than_the_meta_is_refused(values, shown):
    """The cast to the meta's int64 truncated 2.5 to 2, or raised pandas' own error."""
    ddf = _parts(pd.DataFrame({"task": TEXTS[:2], "n": [1, 2]}), pd.DataFrame({"task": TEXTS[2:], "n": values}))
    row = 1 if shown == "2.5" else 2
    with pytest.raises(DataFormatError, match=rf"^ddf\.partitions\[1\], row {row}, column 'n': {shown} "
                       r"cannot be held as int64, the column's dtype in ddf's meta"):
        _sync(xd.score(ddf, "rubric"))


def test_partition_of_a_dtype_the_meta_holds_is_cast_as_before():
    ddf = _parts(pd.DataFrame({"task": TEXTS[:2], "n": [1.5, 2.0]}), pd.DataFrame({"task": TEXTS[2:], "n": [3, 4]}))
    got = _sync(xd.score(ddf, "rubric"))
    assert got["n"].dtype == np.float64 and got["n"].tolist() == [1.5, 2.0, 3.0, 4.0]


# 3. partitions of other columns -----------------------------------------------------------

@pytest.mark.parametrize("second", [
    pd.DataFrame({"task": TEXTS[2:]}),                              # KeyError on dtype mappings
    pd.DataFrame({"task": TEXTS[2:], "n": [3, 4], "x": [1, 1]}),    # Dask's ValueError
    pd.DataFrame({"text": TEXTS[2:], "n": [3, 4]}),                 # named no partition
], ids=["missing", "extra", "renamed"])  # another order is matched by name (round 26)
@pytest.mark.parametrize("method", ["rubric", "learned"])
def test_partition_of_other_columns_is_named(second, method):
    ddf = _parts(pd.DataFrame({"task": TEXTS[:2], "n": [1, 2]}), second)
    with pytest.raises(DataFormatError, match=rf"^ddf\.partitions\[1\]: its columns {re.escape(str(list(second.columns)))} "
                       r"are not ddf's \['task', 'n'\]"):
        _sync(xd.score(ddf, method))


# 4. where a bad cell is -----------------------------------------------------------------

@pytest.mark.parametrize("method", ["rubric", "learned"])
def test_a_bad_cell_is_named_by_its_partition(method):
    """It said ``row 2, column 'task'``: row 2 of the frame is a good text."""
    frame = pd.DataFrame({"task": pd.Series(TEXTS[:3] + [np.nan], dtype=object)})
    with pytest.raises(DataFormatError, match=r"^ddf\.partitions\[1\], row 2, column 'task': task text must "
                       r"be a non-empty string"):
        _sync(xd.score(dd.from_pandas(frame, npartitions=2), method))


def test_a_bad_cell_of_regrouped_rows_is_named_by_its_row_in_the_frame():
    """It said ``row 4`` (its place in a shuffled partition); pandas says row 7."""
    bad = POSTINGS.copy()
    bad.loc[6, "task"] = "  "
    with pytest.raises(DataFormatError, match=r"^row 7, column 'task'"):
        score_tasks(bad)
    ddf = dd.from_pandas(bad, npartitions=3, sort=False)
    assert xd._spans_partitions(ddf, None)
    with pytest.raises(DataFormatError, match=r"^ddf, row 7, column 'task': task text must be a non-empty "
                       r"string, got '  '$"):
        _sync(xd.score(ddf))


# 5. index and divisions of regrouped rows ----------------------------------------------------

def test_regrouped_output_keeps_the_index_and_divisions():
    frame = POSTINGS.set_index(pd.Index([f"id{i:02d}" for i in range(12)], name="posting_id"))
    ddf = dd.from_pandas(frame, npartitions=3)
    assert xd._spans_partitions(ddf, None)
    scored = xd.score(ddf)
    assert scored.divisions == ddf.divisions and scored.npartitions == 3
    got = _sync(scored)
    assert got.index.equals(frame.index)
    want = append_scores(frame, score_tasks(frame))
    assert np.array_equal(got[NUMBERS].to_numpy(), want[NUMBERS].to_numpy())
    assert _sync(scored.loc["id05"])["task"].tolist() == [frame.loc["id05", "task"]]
    for k in range(3):
        assert _sync(scored.partitions[k]).index.equals(_sync(ddf.partitions[k]).index)


def test_regrouped_output_loc_finds_the_row():
    """``.loc[5]`` found nothing: partitions were indexed 0-3 under divisions (0, 4, 8, 11)."""
    ddf = dd.from_pandas(POSTINGS, npartitions=3, sort=False)
    scored = xd.score(ddf)
    assert _sync(scored.loc[5])["task"].tolist() == [POSTINGS.loc[5, "task"]]
    assert _sync(scored).index.tolist() == list(range(12))


def test_regrouped_output_keeps_empty_partitions_and_unknown_divisions():
    ddf = dd.from_pandas(POSTINGS, npartitions=3, sort=False)
    ddf = ddf.clear_divisions()  # unknown divisions
    parts = [_sync(ddf.partitions[k]) for k in range(3)]
    empty = _parts(parts[0], parts[0].iloc[:0], parts[1], parts[2])
    for frame in (ddf, empty):
        scored = xd.score(frame)
        assert scored.npartitions == frame.npartitions and not scored.known_divisions
        got = _sync(scored)
        assert got.index.tolist() == list(range(12))
        want = append_scores(POSTINGS, score_tasks(POSTINGS))
        assert np.array_equal(got[NUMBERS].to_numpy(), want[NUMBERS].to_numpy())


def test_duplicated_index_across_partitions_is_kept():
    frame = POSTINGS.copy()
    frame.index = [0, 1, 2, 3] * 3
    ddf = dd.from_pandas(frame, npartitions=3, sort=False)
    got = _sync(xd.score(ddf))
    assert got.index.tolist() == [0, 1, 2, 3] * 3
    want = append_scores(frame, score_tasks(frame))
    assert np.array_equal(got[NUMBERS].to_numpy(), want[NUMBERS].to_numpy())


# 6. check -------------------------------------------------------------------------------

@pytest.mark.parametrize("second", [1.0, "1", "1.0"], ids=["float", "text", "text-float"])
def test_check_finds_a_task_id_written_another_way(second):
    scored = pd.DataFrame({"onetsoc_code": ["43-9061.00"] * 4, "task_id": pd.Series([1, 2, 3, second], dtype=object),
                           "p_e0": 0.5})
    with pytest.raises(DataFormatError, match=r"^task_scores, row 4, column 'task_id': duplicate task \(43-9061\.00, 1\)"):
        pandas_occupations(scored.assign(alpha=0.5, beta=0.5, gamma=0.5))  # the pandas check: one task
    with pytest.raises(DataFormatError, match=r"^1 task key\(s\) \(onetsoc_code, task_id\) are on more than "
                       r"one row, e\.g\. \(43-9061\.00, 1\) at scored\.partitions\[0\], row 1 and "
                       r"scored\.partitions\[1\], row 2$"):
        xd.check(_parts(scored.iloc[:2].astype({"task_id": int}), scored.iloc[2:], meta=scored.iloc[:0]))


def test_check_names_the_repeated_key():
    scored = pd.DataFrame({"onetsoc_code": ["43-9061.00"] * 4, "task_id": [1, 2, 3, 1], "p_e0": 0.5})
    with pytest.raises(DataFormatError, match=r"^1 task key\(s\) \(onetsoc_code, task_id\) are on more than one "
                       r"row, e\.g\. \(43-9061\.00, 1\) at scored\.partitions\[0\], row 1 and scored\.partitions\[1\], "
                       r"row 2$"):
        xd.check(dd.from_pandas(scored, npartitions=2))
    assert xd.check(dd.from_pandas(scored.iloc[:3], npartitions=2)) == {"rows": 3, "scored": 3, "coverage": 1.0}


# 7. roll-ups ----------------------------------------------------------------------------

SCORED = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.00", "43-9061.00", "43-9061.00"],
                       "task_id": [1, 2, 3, 4], "alpha": [0.2, 0.4, 0.9, 0.1], "beta": [0.3, 0.5, 0.9, 0.2],
                       "gamma": [0.4, 0.6, 0.9, 0.3], "admin": [True, False, True, True],
                       "routine_coding": False, "entry_creative": False})


@pytest.mark.parametrize("call", [xd.to_occupations, xd.to_sectors], ids=["to_occupations", "to_sectors"])
@pytest.mark.parametrize("column, value, match", [
    ("alpha", "abc", r"not a number: 'abc'"),
    ("alpha", 1.5, r"alpha must be in \[0, 1\], got 1\.5"),
    ("beta", -3.0, r"beta must be in \[0, 1\], got -3"),
    ("gamma", np.inf, r"gamma must be in \[0, 1\], got inf"),
    ("alpha", True, r"not a number: '?True'?"),  # (Dask made the column of objects text)
    ("admin", "maybe", r"category flag must be true or false, got 'maybe'"),
    ("onetsoc_code", None, r"onetsoc_code is missing: every row needs a code to be rolled up"),
], ids=["text", "above-1", "negative", "inf", "bool", "flag", "no-code"])
def test_rollups_refuse_what_the_pandas_rollups_refuse(call, column, value, match):
    bad = SCORED.astype({column: object})
    bad.loc[3, column] = value
    with pytest.raises(DataFormatError, match=r"^task_scores, row 4, column "):
        pandas_occupations(bad, weights="equal")
    by = "onetsoc_code" if call is xd.to_occupations else "naics"
    named = by if column == "onetsoc_code" else column
    ddf = dd.from_pandas(bad.assign(naics=bad["onetsoc_code"]), npartitions=2)
    with pytest.raises(DataFormatError, match=rf"^scored\.partitions\[1\], row 2, column '{named}': "
                       + match.replace("onetsoc_code", named)):
        _sync(call(ddf, by))


def test_rollups_read_flags_and_measures_as_the_pandas_rollups_do():
    """``"yes"``/``"t"`` were missing flags: they are true, as the pandas roll-ups read them."""
    text = SCORED.assign(admin=["yes", "no", "t", "f"], alpha=["0.2", "0.4", "0.9", "0.1"])
    want = pandas_occupations(text, weights="equal").set_index("onetsoc_code")
    got = _sync(xd.to_occupations(dd.from_pandas(text, npartitions=2)))
    for ours, theirs in (("alpha", "alpha"), ("beta", "beta"), ("gamma", "gamma"), ("admin", "share_admin")):
        assert np.allclose(got[ours].to_numpy(dtype=float), want[theirs].to_numpy(dtype=float), rtol=0, atol=1e-12)
    assert got["admin"].tolist() == [0.5, 0.5]


def test_rollups_of_valid_scores_are_unchanged():
    got = _sync(xd.to_occupations(dd.from_pandas(SCORED, npartitions=2)))
    assert got["n_rows"].tolist() == [2, 2] and got["n_scored"].tolist() == [2, 2]
    assert np.allclose(got["alpha"].to_numpy(), [0.3, 0.5]) and got["admin"].tolist() == [0.5, 1.0]
    unscored = SCORED.astype({"alpha": float, "beta": float, "gamma": float, "admin": "boolean"})
    unscored.loc[3, ["alpha", "beta", "gamma", "admin"]] = None
    got = _sync(xd.to_occupations(dd.from_pandas(unscored, npartitions=2)))
    assert got["n_scored"].tolist() == [2, 1] and got.loc["43-9061.00", "alpha"] == 0.9


# 8. the output inside the input dataset ------------------------------------------------------

def test_score_dataset_refuses_an_output_inside_the_input(tmp_path, client):
    src = tmp_path / "in"
    src.mkdir()
    pd.DataFrame({"task": TEXTS}).to_parquet(src / "a.parquet")
    with pytest.raises(OutputPathError, match=rf"^{src / 'out'}: refusing to write the scores inside the input "
                       rf"dataset {src}"):
        xd.score_dataset(src, src / "out", "rubric", client=client, progress=False)
    assert sorted(p.name for p in src.iterdir()) == ["a.parquet"]
    # a hidden directory is not read as input: accepted, as before
    done = xd.score_dataset(src, src / "_scored", "rubric", client=client, progress=False)
    assert done.n_tasks == 4
    assert len(xd.read_dataset(src).compute(scheduler="sync")) == 4


def test_a_partition_without_the_code_column_is_named_before_scoring():
    """The spanning check selected the code column in every partition: Dask's ``KeyError``."""
    a = pd.DataFrame({"task": ["Weld steel beams.", "Type letters."],
                      "onetsoc_code": ["47-2221.00", "43-9022.00"]})
    b = pd.DataFrame({"task": ["Mix mortar by hand."]})
    ddf = dd.from_delayed([dask.delayed(a), dask.delayed(b)], meta=a.iloc[:0], verify_meta=False)
    with pytest.raises(DataFormatError, match=r"ddf\.partitions\[1\]: its columns \['task'\] are not ddf's "
                                              r"\['task', 'onetsoc_code'\]"):
        xd.score(ddf)
