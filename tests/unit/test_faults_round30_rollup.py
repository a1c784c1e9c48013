"""Round 30: the roll-ups (``to_soc``, ``to_sectors``, ``to_census_occ``, bootstrap memory).

1. ``to_soc`` left out a scored O*NET-SOC code whose SOC code OEWS does not publish (the
   military codes 55-xxxx, legislators 11-1031 in May 2025) without a word, while it
   warns about codes missing from the crosswalk. One warning line now says how many
   scored codes reach no OEWS code, naming the first and its SOC code.
2. ``to_sectors`` of an industry without an "All Occupations" (``00-0000``) row, or whose
   total is suppressed, gave missing ``tot_emp``, ``coverage`` and ``suppressed_emp``
   without a word. A warning now names how many industries and the first.
3. ``bootstrap_occupations(chunk=<huge>)`` computed ``chunk`` draws at once over every task
   row, arrays (chunk x task rows) that were never checked against memory: numpy's
   ``MemoryError: Unable to allocate ...`` (or the machine swapping). The working arrays
   of a chunk are now counted with the draws, and too many are refused naming ``chunk``.
4. ``rollup(n_draws=...)`` checked the memory of the occupation and OEWS draws only; the
   workforce statistics copy the draws onto every industry x occupation cell (8,527
   sector cells in May 2025, five times the OEWS codes). The estimate now counts those
   working arrays too, and says so.
5. ``to_census_occ`` of OEWS-level scores (``soc_code``) left out scored codes that no
   O*NET-SOC code of the Census crosswalk reaches without a word (O*NET-level scores
   warn). It warns now, as for O*NET-SOC codes.
6. ``to_census_occ`` left out a scored O*NET-SOC code that the crosswalk lists without a
   Census code without a word (the code was "in the crosswalk", so not warned about).
   It is named in a warning now.
7. ``workforce_stats(soc_scores, employment)`` with ``soc_scores`` lacking some OEWS codes
   (filtered to the scored ones) dropped their industry x occupation cells: a sector of
   100 workers, 40 of them in an occupation left out, had ``tot_emp`` 60 and
   ``covered_emp`` 60, fully covered. Such cells count as unscored now (``tot_emp`` 100,
   ``covered_emp`` 60), as in ``to_sectors``.

Tiny made-up frames, written by the tests.
"""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd
import pytest

from exposure.errors import ExposureError
from exposure.rollup import (
    bootstrap_occupations,
    rollup,
    to_census_occ,
    to_sectors,
    to_soc,
    workforce_stats,
)

_OCC = pd.DataFrame({"onetsoc_code": ["11-1011.00", "55-1011.00", "55-1012.00"],
                     "alpha": [0.1, 0.5, 0.2], "beta": [0.2, 0.6, 0.3], "gamma": [0.3, 0.7, 0.4]})
_XW = pd.DataFrame({"onetsoc_code": ["11-1011.00", "55-1011.00", "55-1012.00"],
                    "soc_code": ["11-1011", "55-1011", "55-1012"]})
_EMP = pd.DataFrame({"naics": "000000", "i_group": "cross-industry", "occ_code": ["11-1011", "13-1020"],
                     "o_group": "detailed", "tot_emp": [100.0, 50.0]})
_SOC = pd.DataFrame({"soc_code": ["11-1011", "13-1020"], "alpha": [0.5, 0.0], "beta": [0.6, 0.1],
                     "gamma": [0.7, 0.2], "tot_emp": [100.0, 50.0]})


def _warnings(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]


# 1 -------------------------------------------------------------------------------------

def test_fault1_to_soc_says_scored_codes_reach_no_oews_code(caplog):
    with caplog.at_level(logging.WARNING):
        soc = to_soc(_OCC, _XW, _EMP)
    assert soc["beta"].tolist()[0] == pytest.approx(0.2)
    lines = [m for m in _warnings(caplog) if "no OEWS" in m]
    assert len(lines) == 1, _warnings(caplog)
    assert "2 scored O*NET-SOC codes" in lines[0] and "'55-1011.00'" in lines[0]
    assert "'55-1011'" in lines[0]


def test_fault1_no_warning_when_every_scored_code_reaches_oews(caplog):
    occ = _OCC.assign(alpha=[0.1, None, None], beta=[0.2, None, None], gamma=[0.3, None, None])
    with caplog.at_level(logging.WARNING):
        to_soc(occ, _XW, _EMP)  # the military codes carry no score: nothing is lost
    assert not [m for m in _warnings(caplog) if "no OEWS" in m], _warnings(caplog)


# 2 -------------------------------------------------------------------------------------

def _sectors_emp(total: bool = False, total_emp="120") -> pd.DataFrame:
    rows = {"naics": ["11", "11", "21", "21"], "naics_title": ["Agri", "Agri", "Mining", "Mining"],
            "i_group": "sector", "occ_code": ["11-1011", "13-1020"] * 2, "o_group": "detailed",
            "tot_emp": ["60", "40", "5", "5"]}
    emp = pd.DataFrame(rows)
    mining_total = pd.DataFrame({"naics": ["21"], "naics_title": ["Mining"], "i_group": ["sector"],
                                 "occ_code": ["00-0000"], "o_group": ["total"], "tot_emp": ["10"]})
    emp = pd.concat([emp, mining_total], ignore_index=True)
    if total:
        emp = pd.concat([emp, pd.DataFrame({"naics": ["11"], "naics_title": ["Agri"], "i_group": ["sector"],
                                            "occ_code": ["00-0000"], "o_group": ["total"],
                                            "tot_emp": [total_emp]})], ignore_index=True)
    return emp


def test_fault2_to_sectors_says_an_industry_has_no_total(caplog):
    with caplog.at_level(logging.WARNING):
        out = to_sectors(_SOC, _sectors_emp())
    assert np.isnan(out.loc[out["naics"] == "11", "tot_emp"]).all()
    lines = [m for m in _warnings(caplog) if "All Occupations" in m]
    assert len(lines) == 1, _warnings(caplog)
    assert "1 industry" in lines[0] and "NAICS '11'" in lines[0] and "00-0000" in lines[0]
    assert "coverage" in lines[0]


def test_fault2_a_suppressed_total_is_said_too(caplog):
    with caplog.at_level(logging.WARNING):
        to_sectors(_SOC, _sectors_emp(total=True, total_emp="**"))
    assert [m for m in _warnings(caplog) if "All Occupations" in m and "'11'" in m], _warnings(caplog)


def test_fault2_no_warning_when_every_industry_has_its_total(caplog):
    with caplog.at_level(logging.WARNING):
        out = to_sectors(_SOC, _sectors_emp(total=True))
    assert out["tot_emp"].notna().all()
    assert not [m for m in _warnings(caplog) if "All Occupations" in m], _warnings(caplog)


# 3 -------------------------------------------------------------------------------------

def _many_tasks(n: int = 20_000) -> pd.DataFrame:
    beta = np.where(np.arange(n) % 2 == 0, 1.0, 0.0)
    return pd.DataFrame({"onetsoc_code": "11-1011.00", "task_id": np.arange(1, n + 1),
                         "alpha": beta, "beta": beta, "gamma": beta})


def test_fault3_a_chunk_too_large_for_memory_is_refused_naming_chunk():
    ts = _many_tasks()
    # the draws themselves (3 x 10**7 x 1 occupation) fit: the chunk's arrays over 20,000 tasks do not
    with pytest.raises(ExposureError, match=r"chunk.*10,000,000 draws at once x 20,000 task rows.*"
                                            r"smaller chunk"):
        bootstrap_occupations(ts, "equal", n_draws=10**7, chunk=10**7)


def test_fault3_the_default_chunk_still_draws():
    b = bootstrap_occupations(_many_tasks(200), "equal", n_draws=30, seed=1, chunk=10**9)
    assert b.draws["beta"].shape == (30, 1)


# 4 -------------------------------------------------------------------------------------

def test_fault4_rollup_memory_estimate_counts_the_industry_cells():
    ts = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.00"], "task_id": [1, 2],
                       "alpha": [1.0, 0.0], "beta": [1.0, 0.0], "gamma": [1.0, 0.0]})
    xw = pd.DataFrame({"onetsoc_code": ["11-1011.00"], "soc_code": ["11-1011"]})
    with pytest.raises(ExposureError) as err:
        rollup(ts, xw, pd.concat([_EMP, _sectors_emp(total=True)], ignore_index=True),
               weights="equal", n_draws=10**12)
    message = str(err.value)
    assert "x 3 occupations and OEWS codes x 8 bytes" in message
    assert "working arrays" in message and "4 industry x occupation cells" in message, message


# 5, 6 ----------------------------------------------------------------------------------

_CENSUS_XW = pd.DataFrame({"onetsoc_code": ["11-1011.00", "13-1021.00"], "census_occ": ["0010", "0020"]})


def test_fault5_census_of_soc_scores_says_codes_the_crosswalk_does_not_reach(caplog):
    soc = pd.DataFrame({"soc_code": ["11-1011", "15-1252"], "beta": [0.3, 0.9], "tot_emp": [10.0, 20.0]})
    with caplog.at_level(logging.WARNING):
        out = to_census_occ(soc, _CENSUS_XW)
    assert out["beta"].tolist()[0] == pytest.approx(0.3)
    lines = [m for m in _warnings(caplog) if "Census crosswalk" in m]
    assert len(lines) == 1 and "1 SOC code" in lines[0] and "'15-1252'" in lines[0], _warnings(caplog)


def test_fault6_census_says_scored_codes_without_a_census_code(caplog):
    xw = _CENSUS_XW.assign(census_occ=["0010", None])
    occ = pd.DataFrame({"onetsoc_code": ["11-1011.00", "13-1021.00"], "beta": [0.3, 0.9]})
    emp = pd.DataFrame({"soc_code": ["11-1011", "13-1020"], "tot_emp": [1.0, 2.0]})
    with caplog.at_level(logging.WARNING):
        out = to_census_occ(occ, xw, emp)
    assert out["census_occ"].tolist() == ["0010"]
    lines = [m for m in _warnings(caplog) if "no Census code" in m]
    assert len(lines) == 1 and "1 scored O*NET-SOC code" in lines[0] and "'13-1021.00'" in lines[0], \
        _warnings(caplog)


def test_fault6_unscored_codes_without_a_census_code_are_not_warned_about(caplog):
    xw = _CENSUS_XW.assign(census_occ=["0010", None])
    occ = pd.DataFrame({"onetsoc_code": ["11-1011.00", "13-1021.00"], "beta": [0.3, None]})
    emp = pd.DataFrame({"soc_code": ["11-1011", "13-1020"], "tot_emp": [1.0, 2.0]})
    with caplog.at_level(logging.WARNING):
        to_census_occ(occ, xw, emp)
    assert not _warnings(caplog)


# 7 -------------------------------------------------------------------------------------

def test_fault7_workforce_counts_sector_cells_of_occupations_soc_scores_lacks():
    soc = _SOC.iloc[[0]]  # 13-1020 left out (soc_scores filtered to some codes)
    emp = _sectors_emp(total=True)
    w = workforce_stats(soc, emp, measures=["beta"], draws={"beta": np.full((5, 1), 0.6)})
    sector = w[(w["group_type"] == "sector") & (w["group"] == "11")].iloc[0]
    assert sector["tot_emp"] == 100.0 and sector["covered_emp"] == 60.0, sector
    assert sector["emp_mean"] == pytest.approx(0.6)
    assert sector["emp_mean_ci_low"] == pytest.approx(0.6)


def test_fault7_every_code_given_changes_nothing():
    w = workforce_stats(_SOC, _sectors_emp(total=True), measures=["beta"])
    sector = w[(w["group_type"] == "sector") & (w["group"] == "11")].iloc[0]
    assert sector["tot_emp"] == 100.0 and sector["covered_emp"] == 100.0
