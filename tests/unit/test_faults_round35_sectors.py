"""Round 35: the sector and Census roll-ups (``to_sectors``, ``workforce_stats``, ``to_census_occ``).

1. ``to_sectors`` (and ``workforce_stats``, ``working_time``) took any OEWS industry code
   on a row of the level: a ``sector`` row with ``113000`` (a 3-digit code) or ``000000``
   (cross-industry), a ``3-digit`` row with ``11`` (a sector) or ``1133`` / ``113300``
   (4-digit industries), even from a file :func:`exposure.oews.read_oews` had read. The
   result called them sectors or subsectors without a word. Refused now, naming the row
   (counted from 1), the column as the frame names it (``NAICS``) and the codes expected.
2. A ``detailed`` cell whose occupation code is a major group or the total (``11-0000``,
   ``00-0000``: a frame built by hand or read with ``pd.read_csv``) was summed with the
   occupations it holds: their workers counted twice in ``suppressed_emp``, and the
   cell scored when the major code has a score. Refused now, naming the row and column
   (``OCC_CODE``); :func:`exposure.oews.read_oews` refuses it in files already.
3. An industry whose "All Occupations" total is 0 and whose cells are 0 got a missing
   ``coverage`` without a word. A warning names it now.
4. Cells of an industry adding up to more workers than its total, where the excess is in
   occupations without a score, gave ``suppressed_emp`` 0 (clipped) without a word: the
   warning looked at the scored cells only. It looks at every released cell now.
5. A ``tot_emp`` too large to sum (``1e308``, in a frame not read by ``read_oews``, which
   refuses it) overflowed: ``covered_emp`` inf and every measure 0.0 (beta 0.0 for
   occupations of beta 0.6 and 0.1). Refused now, as ``read_oews`` refuses it, naming
   the row and column.
6. ``to_census_occ`` with such an employment gave ``beta`` 0.0 and ``tot_emp`` inf (numpy's
   ``overflow encountered in reduce``). Refused now, naming the frame, row and column.
7. ``to_census_occ`` with a crosswalk without rows blamed the scores: ``scores, column
   'onetsoc_code': none of the 3 O*NET-SOC codes is in the Census crosswalk``. It says now
   that the crosswalk has no rows.

Tiny made-up frames and files (the BLS by-industry layout), written by the tests.
"""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd
import pytest
from _frames import write_text

from exposure.errors import DataFormatError
from exposure.oews import read_oews
from exposure.rollup import to_census_occ, to_sectors, workforce_stats, working_time

_SOC = pd.DataFrame({"soc_code": ["11-1011", "13-1020", "15-1252"], "alpha": [0.5, 0.0, 0.9],
                     "beta": [0.6, 0.1, 0.9], "gamma": [0.7, 0.2, 0.9], "tot_emp": [60.0, 40.0, 10.0]})

_HEADER = "AREA,AREA_TITLE,AREA_TYPE,NAICS,NAICS_TITLE,I_GROUP,OCC_CODE,OCC_TITLE,O_GROUP,TOT_EMP,EMP_PRSE," \
          "H_MEAN,A_MEAN,MEAN_PRSE,H_MEDIAN,A_MEDIAN\n"


def _bls_file(tmp_path, naics: str, i_group: str):
    """A by-industry file in BLS's layout: one industry, its total (120) and two cells (60, 40)."""
    rows = [("00-0000", "All Occupations", "total", "120"), ("11-1011", "Chief Executives", "detailed", "60"),
            ("13-1020", "Buyers", "detailed", "40")]
    text = _HEADER + "".join(f"99,U.S.,1,{naics},Some industry,{i_group},{code},{title},{group},{emp},1.0,"
                             "30.0,62400,1.0,28.0,58240\n" for code, title, group, emp in rows)
    return write_text(tmp_path, "oews_by_industry.csv", text)


def _emp(naics="11", i_group="sector", occs=("00-0000", "11-1011", "13-1020", "15-1252"),
         groups=("total", "detailed", "detailed", "detailed"), tots=("120", "60", "40", "**")) -> pd.DataFrame:
    """OEWS rows in BLS's column names (as ``pd.read_csv(..., dtype=str)`` gives them)."""
    return pd.DataFrame({"NAICS": naics, "NAICS_TITLE": "Agriculture", "I_GROUP": i_group,
                         "OCC_CODE": list(occs), "O_GROUP": list(groups), "TOT_EMP": list(tots)})


def _warnings(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]


# 1 -------------------------------------------------------------------------------------

@pytest.mark.parametrize("naics", ["113000", "000000", "1100A0"])
def test_fault1_sector_row_with_a_code_of_another_level_is_refused(tmp_path, naics):
    # refused by read_oews itself since round 36, naming the file's line and column
    with pytest.raises(DataFormatError) as err:
        read_oews(_bls_file(tmp_path, naics, "sector"))
    assert err.value.row == 2 and err.value.column == "NAICS", str(err.value)
    assert f"NAICS {naics!r} is not a code of I_GROUP 'sector'" in str(err.value)
    with pytest.raises(DataFormatError) as err:  # a frame put together by hand: the roll-up's check
        to_sectors(_SOC, _emp(naics=naics, i_group="sector"))
    e = err.value
    assert e.row == 1 and e.column == "NAICS", str(e)
    assert repr(naics) in str(e) and "sector" in str(e) and "31-33" in str(e)


@pytest.mark.parametrize("naics", ["11", "1133", "113300", "31-33"])
def test_fault1_subsector_row_with_a_code_of_another_level_is_refused(naics):
    with pytest.raises(DataFormatError) as err:
        to_sectors(_SOC, _emp(naics=naics, i_group="3-digit"), level="subsector")
    e = err.value
    assert e.row == 1 and e.column == "NAICS", str(e)
    assert repr(naics) in str(e) and "3-digit" in str(e) and "113000" in str(e)


def test_fault1_workforce_stats_and_working_time_refuse_it_too():
    emp = _emp(naics="113000")
    with pytest.raises(DataFormatError, match="NAICS '113000'"):
        workforce_stats(_SOC, emp)
    with pytest.raises(DataFormatError, match="NAICS '113000'"):
        working_time(_SOC, emp)


@pytest.mark.parametrize(("naics", "i_group", "level"), [("31-33", "sector", "sector"), ("44-45", "sector", "sector"),
                                                          ("11", "sector", "sector"),
                                                          ("113000", "3-digit", "subsector"),
                                                          ("522", "3-digit", "subsector")])
def test_fault1_codes_of_the_level_are_taken(naics, i_group, level):
    out = to_sectors(_SOC, _emp(naics=naics, i_group=i_group), level=level)
    assert out["naics"].tolist() == [naics] and out["beta"].iloc[0] == pytest.approx(0.4)


# 2 -------------------------------------------------------------------------------------

@pytest.mark.parametrize("code", ["11-0000", "00-0000"])
def test_fault2_detailed_cell_of_a_major_group_or_the_total_is_refused(code):
    emp = _emp(occs=("00-0000", "11-1011", "13-1020", code), tots=("120", "60", "40", "20"))
    with pytest.raises(DataFormatError) as err:
        to_sectors(_SOC, emp)
    e = err.value
    assert e.row == 4 and e.column == "OCC_CODE", str(e)
    assert repr(code) in str(e) and "detailed" in str(e) and "twice" in str(e)


# 3 -------------------------------------------------------------------------------------

def test_fault3_industry_total_of_zero_is_warned(caplog):
    emp = pd.concat([_emp(tots=("0", "0", "0", "0")), _emp(naics="21", tots=("100", "60", "40", "**"))],
                    ignore_index=True)
    with caplog.at_level(logging.WARNING):
        out = to_sectors(_SOC, emp)
    assert np.isnan(out["coverage"].iloc[0]) and out["coverage"].iloc[1] == pytest.approx(1.0)
    lines = [m for m in _warnings(caplog) if "coverage" in m]
    assert len(lines) == 1 and "'11'" in lines[0] and "0 workers" in lines[0], _warnings(caplog)


# 4 -------------------------------------------------------------------------------------

def test_fault4_unscored_cells_above_the_total_are_warned(caplog):
    # total 100; scored cells 60 + 30 = 90, an unscored cell 50: released 140 > 100
    emp = _emp(occs=("00-0000", "11-1011", "13-1020", "17-2011"), tots=("100", "60", "30", "50"))
    with caplog.at_level(logging.WARNING):
        out = to_sectors(_SOC, emp)
    assert out["suppressed_emp"].iloc[0] == 0.0
    lines = [m for m in _warnings(caplog) if "more workers than" in m]
    assert len(lines) == 1 and "'11'" in lines[0] and "140 against 100" in lines[0], _warnings(caplog)


def test_fault4_cells_below_the_total_are_not_warned(caplog):
    with caplog.at_level(logging.WARNING):
        to_sectors(_SOC, _emp(occs=("00-0000", "11-1011", "13-1020", "17-2011"), tots=("140", "60", "30", "50")))
    assert not [m for m in _warnings(caplog) if "more workers than" in m], _warnings(caplog)


# 5 -------------------------------------------------------------------------------------

@pytest.mark.parametrize("row", [1, 2])
def test_fault5_employment_too_large_to_sum_is_refused(row):
    tots = ["120", "60", "40", "**"]
    tots[row - 1] = "1e308"
    with pytest.raises(DataFormatError) as err:
        to_sectors(_SOC, _emp(tots=tuple(tots)))
    e = err.value
    assert e.row == row and e.column == "TOT_EMP", str(e)
    assert "too large" in str(e) and "got 1e+308" in str(e)


def test_fault5_workforce_stats_refuses_it_too():
    with pytest.raises(DataFormatError, match="too large"):
        workforce_stats(_SOC, _emp(tots=("120", "60", "1e308", "**")))


# 6 -------------------------------------------------------------------------------------

_OCC = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.03", "13-1021.00"], "beta": [0.2, 0.4, 0.8]})
_XW = pd.DataFrame({"onetsoc_code": _OCC["onetsoc_code"], "census_occ": "0010"})


def test_fault6_census_employment_too_large_to_sum_is_refused():
    emp = pd.DataFrame({"soc_code": ["11-1011", "13-1020"], "tot_emp": [200.0, 1e308]})
    with pytest.raises(DataFormatError) as err:
        to_census_occ(_OCC, _XW, emp)
    e = err.value
    assert e.path == "employment" and e.row == 2 and e.column == "tot_emp", str(e)
    assert "too large" in str(e) and "got 1e+308" in str(e)


def test_fault6_census_employment_from_the_scores_too():
    soc = pd.DataFrame({"soc_code": ["11-1011", "13-1020"], "beta": [0.3, 0.5], "tot_emp": [200.0, 1e308]})
    with pytest.raises(DataFormatError) as err:
        to_census_occ(soc, _XW)
    assert err.value.path == "scores" and err.value.row == 2 and err.value.column == "tot_emp", str(err.value)


# 7 -------------------------------------------------------------------------------------

def test_fault7_census_crosswalk_without_rows_is_named():
    with pytest.raises(DataFormatError) as err:
        to_census_occ(_OCC, _XW.iloc[:0], pd.DataFrame({"soc_code": ["11-1011"], "tot_emp": [1.0]}))
    e = err.value
    assert e.path == "crosswalk" and "no rows" in str(e), str(e)


def test_a_sector_code_padded_to_six_digits_is_a_sector_code():
    # the roll-up's own example codes sectors 520000 (as the cross-industry 000000); the
    # first version of the level check refused it
    from exposure.rollup._sectors import _refuse_other_levels

    _refuse_other_levels(pd.DataFrame({"naics": ["52", "520000", "31-33"]}), "sector")
    with pytest.raises(DataFormatError, match="'000000' on a sector row"):
        _refuse_other_levels(pd.DataFrame({"naics": ["000000"]}), "sector")
