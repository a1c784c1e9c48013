"""Fault round 75 (distributed2): the Dask roll-ups and check, and the retrieval index.

1. :func:`exposure.dask.to_sectors` (and ``to_occupations``) of a ``dd.concat([a, b])``
   whose ``by`` holds numbers in ``a`` and True/False in ``b`` was refused (round 74) only
   when ``by`` was the concat's own column name: after ``ddf.rename(columns={'naics':
   'industry'})`` (``ddf.columns = [...]``, ``assign(industry=ddf['naics'])``), ``by=
   'industry'`` rolled up True and False as the industries ``1`` and ``0`` (Dask cast them
   to the concat's ``int64``), without a word. A measure or the ``weight`` given as
   True/False in ``b`` was cast so too: ``alpha``, ``beta``, ``gamma`` of True were read
   as 1.0, a weight of True as 1 (each refused as True/False when not concatenated). Now
   refused when called, the column followed to its name in the concat: ``column
   'industry': industry of frame 2 of a dd.concat (its column 'naics' there, named
   'industry' after it) holds True/False (bool), which Dask casts to the concat's int64
   (True is the code 1): ...``; ``column 'alpha': alpha of frame 2 of a dd.concat holds
   True/False (bool), which Dask casts to the concat's float64 (True is 1.0): a measure
   must be a number in [0, 1], not True/False``; ``column 'n': n of frame 2 ... (True is a
   weight of 1): a weight must be a number, not True/False``. The other way round, a
   ``by`` replaced after the concat (``assign(naics="52")``) was refused for the concat's
   True/False, which it no longer holds: now rolled up.
2. :func:`exposure.scoring.retrieval.build_index` of a release whose ``onet.tasks`` lists a
   task twice (the same ``onetsoc_code`` and ``task_id``: two releases' task lists
   stacked, a row pasted twice) indexed it twice, without a word: ``n_tasks`` 3 for two
   tasks, its terms counted twice in every document frequency (every similarity changed)
   and the task found twice among a text's neighbours (weighed double). Now refused,
   naming the table, the row and the column, in the category report's words: ``onet.tasks,
   row 3, column 'task_id': task (43-4051.00, 1) is listed twice, first on row 1 (the same
   statement): it would be indexed twice ...``. It is refused rather than indexed once: a
   ``payload`` and the training rows of the index go one to a row of ``onet.tasks``. The
   index of O*NET 29.1 and 30.1 is the same, byte for byte (checked old against new); the
   task list of either with its first task pasted again is refused. So is a DWA listed
   twice in ``onet.dwas`` (the work activities of two releases stacked): it was indexed
   twice, its title's terms counted twice and the DWA found twice among a text's closest
   DWA titles (its activities weighed 0.745 in the grounded features of ``Respond to
   customer emails and cut wood``, 0.418 when listed once). Now ``onet.dwas, row 3,
   column 'dwa_id': DWA 4.A.4.a.2.I03.D01 is listed twice, first on row 1 (the same
   title): it would be indexed twice ...``.
3. :func:`exposure.dask.to_sectors` and ``to_occupations`` of a frame with a column read
   (``by``, ``weight``, a flag) given twice (``dd.from_pandas(pd.concat([a, b],
   axis=1))``) failed when computed, inside pandas: ``AttributeError: 'DataFrame' object
   has no attribute 'str'`` (``... has no attribute 'dtype'`` of a flag). Now refused when
   called, as a measure given twice already was: ``column 'naics': scored has the column
   'naics' more than once: keep one``.
4. :func:`exposure.dask.check` of a frame with ``onetsoc_code``, ``task_id`` (or O*NET's
   header of one) or ``p_e0`` given twice raised pandas' ``ValueError: cannot reindex on an
   axis with duplicate labels`` (``TypeError: int() argument must be ... not 'Series'`` of
   ``p_e0``). Now refused when called: ``column 'task_id': scored has the column 'task_id'
   more than once: keep one``. A text column given twice is not read, and still passes.

Tiny frames written here; the real O*NET 29.1 and 30.1 of the mirror for fault 2.
"""

from __future__ import annotations

import dataclasses
import os
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from exposure.errors import DataFormatError
from exposure.onet import load_onet
from exposure.scoring import retrieval as rt

dd = pytest.importorskip("dask.dataframe")
pytest.importorskip("distributed")

from exposure import dask as xd  # noqa: E402


def _scored(**columns) -> pd.DataFrame:
    """One scored row of industry 52 (valid measures, flags), with ``columns`` changed."""
    row = {"naics": [52], "alpha": [0.2], "beta": [0.3], "gamma": [0.4], "admin": [True],
           "routine_coding": [False], "entry_creative": [False], "n": [2]}
    return pd.DataFrame({**row, **columns})


def _concat(**flags) -> dd.DataFrame:
    """``dd.concat`` of a frame of numbers and one whose ``flags`` columns hold True."""
    return dd.concat([dd.from_pandas(_scored(), npartitions=1),
                      dd.from_pandas(_scored(**{c: [v] for c, v in flags.items()}), npartitions=1)])


_CODE = ("(True is the code 1): True/False is no occupation or industry code (is by= the column of the "
         "codes?)")


# 1 ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("renamed", [
    lambda c: c.rename(columns={"naics": "industry"}),
    lambda c: c.rename(columns=lambda name: "industry" if name == "naics" else name),
    lambda c: c.assign(industry=c["naics"]),
    lambda c: c.assign(industry=c["naics"].rename("x")),
    lambda c: c.rename(columns={"naics": "industry"})[["industry", "alpha", "beta", "gamma", "admin",
                                                        "routine_coding", "entry_creative"]],
], ids=["rename", "rename-function", "assign", "assign-renamed-series", "rename-then-select"])
def test_1_a_concat_casting_true_false_codes_is_refused_after_a_rename(renamed):
    scored = renamed(_concat(naics=True))
    # before: the industries '1' and '52', True read as the code 1, without a word
    with pytest.raises(DataFormatError) as info:
        xd.to_sectors(scored, by="industry")
    assert str(info.value) == (
        "column 'industry': industry of frame 2 of a dd.concat (its column 'naics' there, named "
        f"'industry' after it) holds True/False (bool), which Dask casts to the concat's int64 {_CODE}")
    with pytest.raises(DataFormatError, match=r"^column 'industry': industry of frame 2 of a dd\.concat"):
        xd.to_occupations(scored, by="industry")


def test_1_columns_set_anew_are_followed_to_the_concat():
    scored = _concat(naics=True)
    scored.columns = ["industry" if c == "naics" else c for c in scored.columns]
    with pytest.raises(DataFormatError, match=r"^column 'industry': industry of frame 2 of a dd\.concat "
                                              r"\(its column 'naics' there, named 'industry' after it\)"):
        xd.to_sectors(scored, by="industry")


def test_1_measures_and_weights_a_concat_casts_from_true_false_are_refused():
    # before: alpha, beta and gamma of True read as 1.0; a weight of True as 1
    with pytest.raises(DataFormatError) as info:
        xd.to_sectors(_concat(alpha=True, beta=True, gamma=True))
    assert str(info.value) == (
        "column 'alpha': alpha of frame 2 of a dd.concat holds True/False (bool), which Dask casts to the "
        "concat's float64 (True is 1.0): a measure must be a number in [0, 1], not True/False")
    with pytest.raises(DataFormatError) as info:
        xd.to_sectors(_concat(n=True), weight="n")
    assert str(info.value) == (
        "column 'n': n of frame 2 of a dd.concat holds True/False (bool), which Dask casts to the "
        "concat's int64 (True is a weight of 1): a weight must be a number, not True/False")
    # a weight renamed after the concat is followed too
    renamed = _concat(n=True).rename(columns={"n": "w"})
    with pytest.raises(DataFormatError, match=r"^column 'w': w of frame 2 of a dd\.concat \(its column 'n' "
                                              r"there, named 'w' after it\) holds True/False"):
        xd.to_sectors(renamed, weight="w")


def test_1_a_column_replaced_after_the_concat_is_not_refused_for_it():
    # a by replaced after the concat holds none of its cells: refused before (every Concat
    # below the frame was read under the name by, whatever happened after it)
    sec = xd.to_sectors(_concat(naics=True).assign(naics="52")).compute(scheduler="sync")
    assert sec.index.tolist() == ["52"] and sec["n_rows"].tolist() == [2]
    # a weight of True in a column not read (no weight=): rolled up, as before
    sec = xd.to_sectors(_concat(n=True)).compute(scheduler="sync")
    assert sec["n_rows"].tolist() == [2]
    # the same frames, not concatenated: the partition's own check, as before
    with pytest.raises(DataFormatError, match=r"^scored\.partitions\[0\], row 1, column 'n': n must be a "
                                              r"number or a BLS special value"):
        xd.to_sectors(dd.from_pandas(_scored(n=[True]), npartitions=1), weight="n").compute(scheduler="sync")


# 2 ---------------------------------------------------------------------------------------
TASKS = pd.DataFrame({"onetsoc_code": ["43-4051.00", "47-2031.00", "43-4051.00"], "task_id": [1, 2, 1],
                      "task": ["Answer customer emails about billing.", "Cut lumber with power saws.",
                               "Answer customer emails about billing."]})


def _release(tasks: pd.DataFrame) -> SimpleNamespace:
    """A made-up release of ``tasks``, with one work activity (enough for build_index)."""
    return SimpleNamespace(
        tasks=tasks,
        task_dwas=pd.DataFrame({"onetsoc_code": ["43-4051.00"], "task_id": [1], "dwa_id": ["4.A.4.a.2.I03.D01"]}),
        dwas=pd.DataFrame({"dwa_id": ["4.A.4.a.2.I03.D01"], "iwa_id": ["4.A.4.a.2.I03"],
                           "dwa_title": ["Respond to customer inquiries."]}),
        occupations=pd.DataFrame({"onetsoc_code": ["43-4051.00", "47-2031.00"], "job_zone": [2, 2]}))


@pytest.mark.parametrize("ids, text, same", [
    ([1, 2, 1], "Answer customer emails about billing.", "the same statement"),
    ([1, 2, "1.0"], "Reply to customer emails.", "another statement"),
], ids=["copy", "id-as-text-reworded"])
def test_2_build_index_refuses_a_task_listed_twice(ids, text, same):
    tasks = TASKS.astype({"task_id": object}).assign(task_id=ids, task=[*TASKS["task"].iloc[:2], text])
    # before: an index of 3 tasks, task 1 twice (n_tasks 3; found twice among the neighbours)
    with pytest.raises(DataFormatError) as info:
        rt.build_index(_release(tasks), max_df=10)
    assert str(info.value) == (
        f"onet.tasks, row 3, column 'task_id': task (43-4051.00, 1) is listed twice, first on row 1 ({same}): "
        "it would be indexed twice (its terms counted twice, weighed double among a text's neighbours); "
        "keep one row per task")
    # one task ID under two occupations is two tasks of the index, as before
    other = TASKS.assign(onetsoc_code=["43-4051.00", "47-2031.00", "47-2031.00"])
    assert rt.build_index(_release(other), max_df=10).task_ids.tolist() == [1, 2, 1]


@pytest.mark.parametrize("title, same", [("Respond to customer inquiries.", "the same title"),
                                          ("Answer customer questions.", "another title")])
def test_2_build_index_refuses_a_dwa_listed_twice(title, same):
    onet = _release(TASKS.iloc[:2])
    dwa = onet.dwas.iloc[0]
    onet.dwas = pd.DataFrame({"dwa_id": [dwa["dwa_id"], "4.A.3.a.3.I02.D01", dwa["dwa_id"]],
                              "iwa_id": [dwa["iwa_id"], "4.A.3.a.3.I02", dwa["iwa_id"]],
                              "dwa_title": [dwa["dwa_title"], "Cut wood with saws.", title]})
    # before: the DWA indexed twice (3 DWA titles), found twice among a text's closest titles
    with pytest.raises(DataFormatError) as info:
        rt.build_index(onet, max_df=10)
    assert str(info.value) == (
        f"onet.dwas, row 3, column 'dwa_id': DWA 4.A.4.a.2.I03.D01 is listed twice, first on row 1 ({same}): "
        "it would be indexed twice (its terms counted twice, weighed double among a text's closest DWA "
        "titles); keep one row per DWA")
    onet.dwas = onet.dwas.iloc[:2]  # each DWA once: indexed as before
    assert rt.build_index(onet, max_df=10).dwas.shape[0] == 2


@pytest.mark.skipif(not os.environ.get("EXPOSURE_MIRROR"), reason="needs the data mirror (EXPOSURE_MIRROR)")
@pytest.mark.parametrize("release", ["29.1", "30.1"])
def test_2_the_real_releases_are_indexed_and_a_task_or_dwa_stacked_twice_refused(release):
    onet = load_onet(release, mirror=os.environ["EXPOSURE_MIRROR"])
    index = rt.build_index(onet)  # every task once, as before
    assert index.n_tasks == len(onet.tasks) and index.task_ids.tolist() == onet.tasks["task_id"].tolist()
    # the release's task list with its first task pasted again at the end: indexed twice before
    stacked = dataclasses.replace(onet, tasks=pd.concat([onet.tasks, onet.tasks.iloc[:1]], ignore_index=True))
    first = onet.tasks.iloc[0]
    with pytest.raises(DataFormatError) as info:
        rt.build_index(stacked)
    assert str(info.value).startswith(
        f"onet.tasks, row {len(onet.tasks) + 1}, column 'task_id': task ({first['onetsoc_code']}, "
        f"{first['task_id']}) is listed twice, first on row 1 (the same statement)")
    # its work activities with the first DWA pasted again at the end: indexed twice before
    stacked = dataclasses.replace(onet, dwas=pd.concat([onet.dwas, onet.dwas.iloc[:1]], ignore_index=True))
    with pytest.raises(DataFormatError) as info:
        rt.build_index(stacked)
    assert str(info.value).startswith(
        f"onet.dwas, row {len(onet.dwas) + 1}, column 'dwa_id': DWA {onet.dwas['dwa_id'].iloc[0]} is listed "
        "twice, first on row 1 (the same title)")


# 3 ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("column", ["naics", "n", "admin"])
def test_3_a_rollup_refuses_a_column_it_reads_given_twice(column):
    frame = _scored(naics=["52"])
    twice = dd.from_pandas(pd.concat([frame, frame[[column]]], axis=1), npartitions=1)
    # before, when computed: AttributeError: 'DataFrame' object has no attribute 'str' ('dtype')
    for rollup in (xd.to_sectors, xd.to_occupations):
        with pytest.raises(DataFormatError) as info:
            rollup(twice, by="naics", weight="n")
        assert str(info.value) == f"scored, column {column!r}: given more than once: keep one"
    # a column not read may be given twice, as before
    extra = dd.from_pandas(pd.concat([frame.assign(note="a"), frame[["n"]].rename(columns={"n": "note"})],
                                     axis=1), npartitions=1)
    assert xd.to_sectors(extra).compute(scheduler="sync")["n_rows"].tolist() == [1]


# 4 ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("column, shown", [
    ("onetsoc_code", "onetsoc_code"), ("task_id", "task_id"), ("p_e0", "p_e0"),
    ("O*NET-SOC Code", "O*NET-SOC Code"),
])
def test_4_check_refuses_a_column_it_reads_given_twice(column, shown):
    frame = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.00"], "task_id": [1, 2],
                          "task": ["Answer telephones.", "Lay bricks."], "p_e0": [0.5, np.nan]})
    frame = frame.rename(columns={"onetsoc_code": column}) if column == "O*NET-SOC Code" else frame
    twice = dd.from_pandas(pd.concat([frame, frame[[column]]], axis=1), npartitions=2)
    # before: ValueError: cannot reindex on an axis with duplicate labels (a TypeError of p_e0)
    with pytest.raises(DataFormatError) as info:
        xd.check(twice)
    assert str(info.value) == f"scored, column {shown!r}: given more than once: keep one"
    # a column not read (the text) given twice: the coverage, as before
    text = dd.from_pandas(pd.concat([frame, frame[["task"]]], axis=1), npartitions=2)
    assert xd.check(text) == {"rows": 2, "scored": 1, "coverage": 0.5}
