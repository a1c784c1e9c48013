"""Round 74 (distributed): what :mod:`exposure.dask` and :mod:`exposure.spark` said or did wrong.

Found in this round, as an analyst scoring and rolling up postings at scale meets them:

1. :func:`exposure.spark.check` (its per-row keys, :func:`exposure.spark._row_keys`) wrote
   each task key as ``code|task id``: two keys whose code or ID holds a ``|``
   (``('a|b', 'c')`` and ``('a', 'b|c')``) were one text, ``a|b|c``, and were reported as
   one task key on two rows (and the key was shown cut at its first ``|``:
   ``e.g. (a, b|c)``). Now the code's ``|`` (and ``\\``) is escaped: two keys are two
   texts, and the key shown is the key as given; keys of plain codes keep their text and
   order (``43-9061.00|1``), as :func:`exposure.dask.check` tells such keys apart.
2. :func:`exposure.spark.score` and :func:`exposure.spark.score_batches` let through a
   ``labels`` or ``path`` that :func:`~exposure.scoring.score_tasks` refuses
   (``labels="labels.csv"``, a Series; ``path=5``, ``path=""``; for ``reference``, a
   labels frame without its columns): Spark being lazy, they surfaced only when the job
   ran, in a worker's traceback, and a partition of no batch scored nothing without a
   word. Now refused when called, on the driver, in ``score_tasks``'s words:
   ``labels must be a pandas DataFrame, e.g. exposure.measures.eloundou.load_task_labels()
   (read a label file with read_task_labels(path)), got str``, ``path must be the name of
   the input file (str or os.PathLike) or None, got int 5``, ``labels lacks column(s)
   [...]``.
3. :func:`exposure.spark.score` and :func:`exposure.spark.score_batches` took any text or
   number as ``onet`` (a number "by load_onet's rule", which ``load_onet`` refuses now):
   ``onet="v29.1"``, ``""``, ``" 29.1"``, ``29.1`` passed the driver's check, and every
   task failed when the job ran (``O*NET release 'v29.1' is not of the form MAJOR.MINOR
   ...``). Now refused when called, as :func:`exposure.dask.score` refuses them
   (:func:`exposure.releases.check_onet_release`): ``O*NET release 'v29.1' is not of the
   form MAJOR.MINOR (e.g. 29.1, 31.0): write '29.1'``; ``O*NET release float 29.1 is not
   of the form MAJOR.MINOR (...): give it as text (str), in quotes (...)``.
4. :func:`exposure.dask.to_occupations` of scores whose occupation codes are under another
   name than ``by`` (``soc_code`` of classified postings, BLS's ``OCC_CODE``, ``SOC``,
   ``SOC Code``) said ``column 'onetsoc_code': missing column 'onetsoc_code'``, and no
   more: neither the column to give nor the frame's columns (the pandas roll-ups list
   them). So did :func:`~exposure.dask.to_sectors` of ``industry`` or ``NAICS_CODE``. Now
   the column of codes is offered, and following the advice rolls up: ``missing column
   'onetsoc_code'; the frame has 'soc_code', a column of codes: give by='soc_code'``;
   without one (and for a ``weight`` of no column, ``weight="openings"``), the frame's
   columns are listed: ``missing column 'onetsoc_code' (columns: ['code', 'alpha', ...])``.

Tiny frames written here; PySpark is not needed (the Spark entry points check their
arguments before they import it, and :func:`exposure.spark._row_keys` is pure pandas).
"""

from __future__ import annotations

import pandas as pd
import pytest

dd = pytest.importorskip("dask.dataframe")
dask = pytest.importorskip("dask")

from exposure import dask as xd  # noqa: E402
from exposure import spark as xs  # noqa: E402
from exposure.errors import DataFormatError, ExposureError  # noqa: E402
from exposure.scoring import score_tasks  # noqa: E402

TASKS = pd.DataFrame({"task": ["Answer telephones and relay messages.", "Operate a forklift to move pallets."]})


# 1 ---------------------------------------------------------------------------------------
def _keys(codes, ids) -> list:
    """The key texts of :func:`exposure.spark.check` of rows of these codes and task IDs."""
    frame = pd.DataFrame({"p_e0": [0.5] * len(codes), "onetsoc_code": codes, "task_id": ids})
    return pd.concat(list(xs._row_keys([frame])))["key"].tolist()


def test_spark_check_tells_keys_with_a_bar_apart():
    """``('a|b', 'c')`` and ``('a', 'b|c')`` were one key text, ``a|b|c``: one repeated key."""
    keys = _keys(["a|b", "a", "a\\", "a\\|"], ["c", "b|c", "|c", "c"])
    assert len(set(keys)) == 4, keys
    assert [xs._key_parts(k) for k in keys] == [("a|b", "c"), ("a", "b|c"), ("a\\", "|c"), ("a\\|", "c")]
    # keys of codes without ``|`` keep their text (and order); one task ID written three ways is one key
    keys = _keys(["43-9061.00", "43-9061.00", "43-9061.00", "11-1011.00", None],
                 [1, "1.0", "1", 2, 3])
    assert keys == ["43-9061.00|1"] * 3 + ["11-1011.00|2", None]


# 2 ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("options, said", [
    (dict(labels="labels.csv"), r"^labels must be a pandas DataFrame, e\.g\. exposure\.measures\.eloundou\."
                                r"load_task_labels\(\) \(read a label file with read_task_labels\(path\)\), got str"),
    (dict(labels=pd.Series(["E1"])), r"^labels must be a pandas DataFrame, .*got Series"),
    (dict(path=5), r"^path must be the name of the input file \(str or os\.PathLike\) or None, got int 5$"),
    (dict(path=" "), r"^path is empty: give the name of the input file, or None$"),
], ids=["labels-path", "labels-series", "path-int", "path-blank"])
@pytest.mark.parametrize("method", ["rubric", "learned"])
def test_spark_labels_and_path_checked_when_called(method, options, said):
    """Passed by the driver; raised in every task (and never for a partition of no batch)."""
    with pytest.raises(DataFormatError, match=said):
        xs.score(None, method, **options)  # before the frame: Spark is lazy
    with pytest.raises(DataFormatError, match=said):
        list(xs.score_batches([], method, **options))
    # as score_tasks says it
    with pytest.raises(DataFormatError, match=said):
        score_tasks(TASKS, method, **options)


def test_spark_reference_labels_frame_checked_when_called():
    """A labels frame ``reference`` cannot read: refused on the driver, as ``score_tasks`` refuses it."""
    said = r"^labels lacks column\(s\) \['onetsoc_code', 'task_id', 'gpt4_exposure'\] \(columns: \['x'\]\)"
    with pytest.raises(DataFormatError, match=said):
        xs.score(None, "reference-gpt4", labels=pd.DataFrame({"x": [1]}))
    with pytest.raises(DataFormatError, match=said):
        list(xs.score_batches([], "reference", reference_source="gpt4", labels=pd.DataFrame({"x": [1]})))
    # a labels frame with ``rubric`` (not read) and a file name in ``path`` pass, and the rows are scored
    out = list(xs.score_batches([TASKS], "rubric", labels=pd.DataFrame({"x": [1]}), path="postings.csv"))
    assert len(out) == 1 and out[0]["label"].notna().all()


# 3 ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("onet, error, said", [
    ("v29.1", ExposureError, r"^O\*NET release 'v29\.1' is not of the form MAJOR\.MINOR \(e\.g\. 29\.1, 31\.0\): "
                             r"write '29\.1'$"),
    ("", ExposureError, r"^O\*NET release '' is not of the form MAJOR\.MINOR"),
    (" 29.1", ExposureError, r"^O\*NET release ' 29\.1' is not of the form MAJOR\.MINOR .*: write '29\.1'$"),
    (29.1, DataFormatError, r"^O\*NET release float 29\.1 is not of the form MAJOR\.MINOR .*give it as text"),
    (30, DataFormatError, r"^O\*NET release int 30 is not of the form MAJOR\.MINOR .*give it as text"),
], ids=["prefix", "empty", "space", "float", "int"])
def test_spark_onet_release_name_checked_when_called(onet, error, said):
    """Passed by the driver; each task failed loading it when the job ran."""
    with pytest.raises(error, match=said):
        xs.score(None, "rubric", onet=onet)  # before the frame: Spark is lazy


# 4 ---------------------------------------------------------------------------------------
def _scored(column: str, codes) -> pd.DataFrame:
    """Scored rows whose codes are in ``column`` (valid measures, flags false)."""
    n = len(codes)
    return pd.DataFrame({column: codes, "alpha": [0.2, 0.4, 0.6][:n], "beta": [0.3, 0.5, 0.7][:n],
                         "gamma": [0.4, 0.6, 0.8][:n], "admin": False, "routine_coding": False,
                         "entry_creative": False})


@pytest.mark.parametrize("column, codes", [
    ("soc_code", ["11-1011", "43-9061", "11-1011"]),
    ("OCC_CODE", ["11-1011", "43-9061", "11-1011"]),
    ("SOC", ["11-1011.00", "43-9061.00", "11-1011.00"]),
    ("SOC Code", ["11-1011", "43-9061", "11-1011"]),
])
def test_dask_to_occupations_offers_the_code_column(column, codes):
    """``missing column 'onetsoc_code'``, and no more."""
    scored = dd.from_pandas(_scored(column, codes), npartitions=2)
    with pytest.raises(DataFormatError) as err:
        xd.to_occupations(scored)
    assert str(err.value) == (f"column 'onetsoc_code': missing column 'onetsoc_code'; the frame has {column!r}, "
                              f"a column of codes: give by={column!r}")
    # following the advice rolls up
    got = xd.to_occupations(scored, by=column).compute(scheduler="sync")
    assert got["n_rows"].to_dict() == {codes[0]: 2, codes[1]: 1}


def test_dask_to_sectors_offers_the_industry_column():
    """``missing column 'naics'``, and no more; an occupation column is not offered for industries."""
    scored = dd.from_pandas(_scored("industry", ["52", "11", "52"]).assign(soc_code="11-1011"), npartitions=1)
    with pytest.raises(DataFormatError) as err:
        xd.to_sectors(scored)
    assert str(err.value) == ("column 'naics': missing column 'naics'; the frame has 'industry', a column of "
                              "codes: give by='industry'")
    assert xd.to_sectors(scored, by="industry").compute(scheduler="sync")["n_rows"].to_dict() == {"11": 1, "52": 2}
    with pytest.raises(DataFormatError) as err:
        xd.to_occupations(dd.from_pandas(_scored("industry", ["52"]), npartitions=1))
    assert "give by=" not in str(err.value)


def test_dask_rollup_lists_the_columns_without_a_code_column():
    """No column reads as codes (or a ``weight`` of no column): the frame's columns, as the pandas roll-ups list them."""
    scored = dd.from_pandas(_scored("code", ["11-1011.00"]), npartitions=1)
    with pytest.raises(DataFormatError) as err:
        xd.to_occupations(scored)
    assert str(err.value) == ("column 'onetsoc_code': missing column 'onetsoc_code' (columns: ['code', 'alpha', "
                              "'beta', 'gamma', 'admin', 'routine_coding', 'entry_creative'])")
    with pytest.raises(DataFormatError) as err:
        xd.to_occupations(scored.assign(n=1), by="code", weight="openings")
    assert str(err.value) == ("column 'openings': missing column 'openings' (columns: ['code', 'alpha', 'beta', "
                              "'gamma', 'admin', 'routine_coding', 'entry_creative', 'n'])")
