"""Round 72 (rollup): roll-ups that took swapped measures, named an arbitrary partition, or gave no hint.

1. :func:`exposure.rollup.to_soc` of occupation scores, :func:`~exposure.rollup.to_sectors`
   of SOC scores and :func:`~exposure.rollup.to_census_occ` of either, whose row breaks the
   rubric's order ``alpha <= beta <= gamma`` (``alpha 0.6, beta 0.3, gamma 0`` of a file
   whose columns were swapped): rolled up as given, without a word (``13-1020`` came out
   ``alpha 0.6, beta 0.3, gamma 0.0``; sector ``11`` ``beta 0.4`` above ``gamma 0.32``),
   where :func:`~exposure.rollup.to_occupations` refuses such a task. Weighted means of
   task scores keep the order, so such a row is no roll-up of rubric scores. Now refused
   with the task check's words (one check, ``exposure.rollup._soc.rubric_order``), naming
   the frame, the row and the column: ``occupation_scores, row 2, column 'alpha': alpha is
   above beta (alpha 0.6, beta 0.3, gamma 0): the rubric gives alpha <= beta <= gamma
   (...), and the scores of O*NET occupations, means of task scores, keep that order: are
   two columns swapped?`` (``soc_scores, ...`` and ``OEWS codes``; ``scores, ...``). Values
   within the task check's tolerance (1e-6) are accepted, and a measure left out is not
   asked for.
2. :func:`exposure.dask.to_occupations` / :func:`~exposure.dask.to_sectors` of scored rows
   with bad rows in two partitions (a weight ``'abc'`` in ``scored.partitions[1]`` and
   ``'x'`` in ``[2]``): the error was raised by the partition that failed first, so the
   synchronous scheduler named ``scored.partitions[2], row 1, column 'n': ... got 'x'``
   (not the first bad row), and the threaded one either partition, from one run to the
   next. Now each partition's error is carried to the reduction, which raises that of the
   first partition by number, whatever the scheduler: ``scored.partitions[1], row 1,
   column 'n': n must be a number or a BLS special value (** * # ~), got 'abc'``. (The row
   is counted in the partition named, from 1, as before: ``scored.partitions[1]`` is that
   partition.)
3. :func:`exposure.spark.score` with ``occupation_column='job_title'`` on a Spark frame
   with ``Job Title``: ``missing occupation column 'job_title' (columns: ['task', 'Job
   Title'])``, where :func:`exposure.scoring.score_tasks` (and the Dask engine) add which
   column was meant. Now the shared hint follows
   (``exposure.scoring._inputs.missing_column_hint``): ``...; the frame has 'Job Title':
   give occupation_column='Job Title'`` (advice that works). Needs PySpark and Java
   (skipped without them, as ``test_spark.py``).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from _spark import spark_ready, spark_session

from exposure.errors import DataFormatError
from exposure.rollup import to_census_occ, to_sectors, to_soc

dd = pytest.importorskip("dask.dataframe")

from exposure import dask as xd  # noqa: E402
from exposure import spark as xs  # noqa: E402

#: What every refusal of fault 1 says after the row's measures.
ORDER = ("the rubric gives alpha <= beta <= gamma (alpha = p_e1, beta = p_e1 + p_e2 / 2, "
         "gamma = p_e1 + p_e2), and the scores of {what}, means of task scores, keep that order: "
         "are two columns swapped?")


# 1. to_soc, to_sectors and to_census_occ: a row out of the rubric's order -----------------------

def _occupations(alpha, beta, gamma) -> pd.DataFrame:
    """Occupation scores of two children of 11-1011 and 13-1021 (in the OEWS aggregate 13-1020)."""
    return pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.03", "13-1021.00"],
                         "alpha": alpha, "beta": beta, "gamma": gamma})


OCC_XW = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.03", "13-1021.00"],
                       "soc_code": ["11-1011", "11-1011", "13-1021"]})
OCC_EMP = pd.DataFrame({"naics": "000000", "i_group": "cross-industry", "occ_code": ["11-1011", "13-1020"],
                        "o_group": "detailed", "tot_emp": [100.0, 50.0]})
GOOD_OCC = ([0.1, 0.5, 0.0], [0.2, 0.6, 0.3], [0.3, 0.7, 0.6])


@pytest.mark.parametrize("row, measures, column, said", [
    (2, (0.6, 0.3, 0.0), "alpha", "alpha is above beta (alpha 0.6, beta 0.3, gamma 0)"),
    (1, (0.1, 0.3, 0.2), "beta", "beta is above gamma (alpha 0.1, beta 0.3, gamma 0.2)"),
])
def test_to_soc_refuses_occupations_out_of_the_rubric_order(row, measures, column, said):
    """The row was rolled up as given: ``13-1020`` came out ``alpha 0.6, beta 0.3, gamma 0.0``."""
    alpha, beta, gamma = (list(m) for m in GOOD_OCC)
    alpha[row], beta[row], gamma[row] = measures
    with pytest.raises(DataFormatError) as err:
        to_soc(_occupations(alpha, beta, gamma), OCC_XW, OCC_EMP)
    assert str(err.value) == (f"occupation_scores, row {row + 1}, column '{column}': {said}: "
                              + ORDER.format(what="O*NET occupations"))
    assert (err.value.row, err.value.column) == (row + 1, column)
    # alpha above beta by 5e-7 (scores rounded to 6 decimals) is no swap: the means of the values
    alpha, beta, gamma = (list(m) for m in GOOD_OCC)
    alpha[1] = beta[1] + 5e-7
    soc = to_soc(_occupations(alpha, beta, gamma), OCC_XW, OCC_EMP)
    np.testing.assert_allclose(soc["alpha"].to_numpy(), [(0.1 + 0.6 + 5e-7) / 2, 0.0], rtol=0, atol=1e-15)
    # a measure left empty on every row is not compared (gamma 0.1 is below an alpha of none)
    soc = to_soc(_occupations([np.nan] * 3, [0.1, 0.6, 0.3], [0.1, 0.7, 0.6]), OCC_XW, OCC_EMP)
    assert soc["beta"].round(12).tolist() == [0.35, 0.3] and soc["alpha"].isna().all()


SECTOR_EMP = pd.DataFrame({"naics": "11", "naics_title": "Agriculture", "i_group": "sector",
                           "occ_code": ["00-0000", "11-1011", "13-1020"],
                           "o_group": ["total", "detailed", "detailed"], "tot_emp": ["120", "60", "40"]})


@pytest.mark.parametrize("soc, row, column, said", [
    ({"alpha": [0.5, 0.0], "beta": [0.6, 0.1], "gamma": [0.4, 0.2]}, 1, "beta",
     "beta is above gamma (alpha 0.5, beta 0.6, gamma 0.4)"),
    ({"alpha": [0.5, 0.3], "beta": [0.6, 0.1], "gamma": [0.7, 0.2]}, 2, "alpha",
     "alpha is above beta (alpha 0.3, beta 0.1, gamma 0.2)"),
    ({"beta": [0.6, 0.1], "gamma": [0.7, 0.05]}, 2, "beta",  # no alpha column: beta and gamma compared
     "beta is above gamma (beta 0.1, gamma 0.05)"),
])
def test_to_sectors_refuses_soc_scores_out_of_the_rubric_order(soc, row, column, said):
    """Sector 11 came out ``beta 0.4`` above ``gamma 0.32``, without a word."""
    frame = pd.DataFrame({"soc_code": ["11-1011", "13-1020"], **soc})
    with pytest.raises(DataFormatError) as err:
        to_sectors(frame, SECTOR_EMP)
    assert str(err.value) == f"soc_scores, row {row}, column '{column}': {said}: " + ORDER.format(what="OEWS codes")
    # in order, the means of the values
    frame.loc[:, [c for c in ("alpha", "beta", "gamma") if c in frame]] = np.sort(
        frame[[c for c in ("alpha", "beta", "gamma") if c in frame]].to_numpy(), axis=1)
    assert to_sectors(frame, SECTOR_EMP)["beta"].round(12).tolist() == [
        round((60 * frame["beta"][0] + 40 * frame["beta"][1]) / 100, 12)]


@pytest.mark.parametrize("key, codes, what, beta, gamma", [
    # 11-1011's 100 workers split between its two children, 13-1021's 50
    ("onetsoc_code", ["11-1011.00", "11-1011.03", "13-1021.00"], "O*NET occupations", 1.4 / 3, 0.6),
    ("soc_code", ["11-1011", "11-2011", "13-1020"], "OEWS codes", 0.4, 0.54),
])
def test_to_census_occ_refuses_scores_out_of_the_rubric_order(key, codes, what, beta, gamma):
    """Carried to the Census codes as given (``0010`` of ``beta 0.5`` above ``gamma 0.467``)."""
    scores = pd.DataFrame({key: codes, "alpha": [0.1, 0.2, 0.3], "beta": [0.2, 0.4, 0.8],
                           "gamma": [0.3, 0.6, 0.7]})
    xw = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.03", "13-1021.00"] if key == "onetsoc_code"
                       else ["11-1011.00", "11-2011.00", "13-1021.00"], "census_occ": "0010"})
    emp = pd.DataFrame({"soc_code": ["11-1011", "11-2011", "13-1020"], "tot_emp": [100.0, 100.0, 50.0]})
    with pytest.raises(DataFormatError) as err:
        to_census_occ(scores, xw, emp)
    assert str(err.value) == ("scores, row 3, column 'beta': beta is above gamma (alpha 0.3, beta 0.8, "
                              "gamma 0.7): " + ORDER.format(what=what))
    # one measure carried: no order to keep; the swapped row fixed: the means of the values
    assert to_census_occ(scores, xw, emp, measures="beta")["beta"].round(12).tolist() == [round(beta, 12)]
    scores["gamma"] = [0.3, 0.6, 0.9]
    assert to_census_occ(scores, xw, emp)["gamma"].round(12).tolist() == [gamma]


# 2. Dask roll-ups: the first partition's bad row, whatever the scheduler ------------------------

def _postings(n, **changes) -> pd.DataFrame:
    """Six scored postings of one occupation and industry, two per partition of three."""
    frame = pd.DataFrame({"onetsoc_code": "11-1011.00", "naics": "52", "alpha": [0.1] * 6, "beta": 0.2,
                          "gamma": 0.3, "admin": True, "routine_coding": False, "entry_creative": False,
                          "n": n})
    for column, values in changes.items():
        frame[column] = values
    return frame


@pytest.mark.parametrize("call, by", [(xd.to_occupations, "onetsoc_code"), (xd.to_sectors, "naics")])
@pytest.mark.parametrize("frame, row, column, said", [
    (_postings([1, 1, "abc", 1, "x", 1]), 1, "n",
     "n must be a number or a BLS special value (** * # ~), got 'abc'"),
    # one check in partition 1, another in partition 2: still partition 1's
    (_postings([1, 1, 1, 1, "x", 1], alpha=[0.1, 0.1, 0.1, 0.9, 0.1, 0.1]), 2, "alpha",
     "alpha is above beta (alpha 0.9, beta 0.2, gamma 0.3)"),
    (_postings([1, 1, 1, 2.5, 1, 1], naics=["52", "52", "52", None, "52", "52"],
               onetsoc_code=["11-1011.00"] * 3 + [None, "11-1011.00", "11-1011.00"],
               admin=[True, True, True, True, "maybe", True]), 2, None,
     "is missing: every row needs a code to be rolled up"),
])
def test_dask_rollups_name_the_first_bad_partition(call, by, frame, row, column, said):
    """The synchronous scheduler named ``scored.partitions[2]``; the threaded one either, run to run."""
    column, said = (by, f"{by} {said}") if column is None else (column, said)
    ddf = dd.from_pandas(frame, npartitions=3)
    assert ddf.divisions == (0, 2, 4, 5)
    for scheduler in ["sync"] + ["threads"] * 3:  # threaded: the same partition on every run
        with pytest.raises(DataFormatError) as err:
            call(ddf, by, weight="n").compute(scheduler=scheduler)
        assert str(err.value).startswith(f"scored.partitions[1], row {row}, column '{column}': {said}"), err.value
        assert (err.value.path, err.value.row, err.value.column) == ("scored.partitions[1]", row, column)
    # without a bad row, the means of the sums (no row of a refused partition among them)
    good = _postings([1, 2, 3, 4, 5, 6], onetsoc_code="11-1011.00", naics="52", admin=True)
    got = call(dd.from_pandas(good, npartitions=3), by, weight="n").compute(scheduler="threads")
    assert got.index.tolist() == [good[by][0]] and got["n_rows"].tolist() == [6]
    assert got["weight"].tolist() == [21.0] and got["beta"].round(12).tolist() == [0.2]


# 3. Spark: a missing occupation column, with the column meant -----------------------------------

@pytest.fixture(scope="module")
def spark():
    """A local Spark session: PySpark and Java are needed.

    Skipped without them, but in CI's Spark step (``EXPOSURE_REQUIRE_SPARK=1``), where a
    missing one fails, as in ``tests/unit/test_spark.py``.
    """
    if not spark_ready():
        pytest.skip("PySpark and Java are needed (pip install 'ai-exposure[spark]')")
    session = spark_session("round72-rollup")
    yield session
    session.stop()


@pytest.mark.parametrize("given", ["job_title", "JOB TITLE", "Job_Title"])
def test_spark_missing_occupation_column_names_the_column_meant(spark, given):
    """``missing occupation column 'job_title' (columns: ['task', 'Job Title'])`` and no more."""
    sdf = spark.createDataFrame(pd.DataFrame({"task": ["Weld metal parts."], "Job Title": ["Welders"]}))
    with pytest.raises(DataFormatError) as err:
        xs.score(sdf, "rubric", occupation_column=given)
    assert str(err.value) == (f"column {given!r}: missing occupation column {given!r} (columns: "
                              "['task', 'Job Title']); the frame has 'Job Title': give "
                              "occupation_column='Job Title'")
    # the advice works: the job is set up, and scores
    out = xs.score(sdf, "rubric", occupation_column="Job Title").toPandas()
    assert out["Job Title"].tolist() == ["Welders"] and out["beta"].notna().all()
