"""Fault round 48 (econ2): a labour economist's own employment, rolled up further.

Faults fixed, each with its test below:

1. ``to_sectors`` with an employment frame whose industry holds a SOC broad group
   (``15-1250``) and one of its detailed codes (``15-1252``), both as detailed cells: the
   detailed code's workers were summed twice into the industry's ``covered_emp`` and its
   means, without a word (round 47 refused it in the cross-industry rows only). Now
   refused, naming both rows, the column and the industry. Cells of other industries are
   not compared (a group in one industry, its member in another is fine).
2. ``workforce_stats`` with SOC scores built by hand giving ``15-1250`` beside
   ``15-1252``, each with its ``tot_emp``: all workers 3,600 of 3,000, and every share on
   it. Now refused, naming both rows.
3. ``coverage`` of the same scores: ``tot_emp`` 3,600 and ``share`` computed on it. Now
   refused.
4. ``group_growth`` (so ``event_study``, ``run_outcomes``, ``exposure outcomes --panel``)
   with her own panel holding ``15-1250`` and ``15-1252`` as balanced rows of a year: the
   group's ``emp_base`` summed the member's workers twice (1,600 of 1,000). Now refused,
   naming the panel, both rows, the year and the column.
5. ``national_detailed``'s "duplicate cross-industry occupation code" error named its rows
   only in the text: ``err.row`` and ``err.column`` were None (so a caller mapping the
   error onto its file lost them). Now they are set, as every other roll-up error does.
6. ``tot_emp`` given as the text ``"1.200"`` (a point as thousands separator), or other
   text that is not a whole number (``"1234.5"``), in a frame given to ``to_soc``,
   ``to_sectors``, ``workforce_stats`` or ``working_time`` (a CSV whose column holds
   ``**`` read by ``pd.read_csv`` keeps its cells as text): read as 1.2 workers without a
   word, while :func:`exposure.oews.read_oews` refuses the same file. Now refused, naming
   the row and column, with the hint to write ``1200``. A column of numbers (weights,
   ``47319.3``) is read as before.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from exposure.errors import DataFormatError
from exposure.outcomes import group_growth
from exposure.rollup import (
    coverage,
    national_detailed,
    to_sectors,
    to_soc,
    workforce_stats,
    working_time,
)


def _soc(codes=("11-1011", "15-1250", "15-1252"), emp=(2000.0, 1000.0, 600.0)) -> pd.DataFrame:
    n = len(codes)
    return pd.DataFrame({"soc_code": list(codes), "alpha": [0.1, 0.2, 0.4][:n], "beta": [0.2, 0.5, 0.6][:n],
                         "gamma": [0.3, 0.7, 0.8][:n], "tot_emp": list(emp), "a_mean": [90000.0] * n})


def _sector_emp(codes, naics="11") -> pd.DataFrame:
    return pd.DataFrame({"naics": naics, "naics_title": "Farms", "i_group": "sector",
                         "occ_code": list(codes), "o_group": ["total"] + ["detailed"] * (len(codes) - 1),
                         "tot_emp": [1000, 200, 500, 300][:len(codes)]})


# 1. to_sectors --------------------------------------------------------------------------

def test_sector_cells_of_a_group_beside_its_member_are_refused():
    emp = _sector_emp(["00-0000", "11-1011", "15-1250", "15-1252"]).rename(columns={"occ_code": "OCC_CODE"})
    with pytest.raises(DataFormatError, match=r"^employment frame, row 4, column 'OCC_CODE': '15-1252' \(row 4\) "
                       r"is in '15-1250' \(row 3\), a SOC broad group, and both are detailed rows of the sector "
                       r"NAICS '11': its workers would be counted twice"):
        to_sectors(_soc(), emp)


def test_sector_cells_of_a_minor_group_beside_its_member_are_refused():
    emp = _sector_emp(["00-0000", "15-1200", "15-1252"])
    with pytest.raises(DataFormatError, match=r"'15-1252' \(row 3\) is in '15-1200' \(row 2\), a SOC minor group"):
        to_sectors(_soc(("15-1200", "15-1252"), (1.0, 1.0)), emp)


def test_working_time_sector_rows_refuse_it_too():
    emp = _sector_emp(["00-0000", "11-1011", "15-1250", "15-1252"])
    with pytest.raises(DataFormatError, match=r"is in '15-1250' \(row 3\)"):
        working_time(_soc(), emp)


def test_group_and_member_in_two_industries_still_roll_up():
    emp = pd.concat([_sector_emp(["00-0000", "15-1250"]), _sector_emp(["00-0000", "15-1252"], "52")],
                    ignore_index=True)
    out = to_sectors(_soc(("15-1250", "15-1252"), (1.0, 1.0)), emp).set_index("naics")
    assert out.loc["11", "covered_emp"] == 200.0 and out.loc["52", "covered_emp"] == 200.0


# 2. and 3. SOC scores made by hand --------------------------------------------------------

def test_workforce_stats_refuses_a_group_beside_its_member():
    with pytest.raises(DataFormatError, match=r"^soc_scores, row 3, column 'soc_code': '15-1252' \(row 3\) is in "
                       r"'15-1250' \(row 2\), a SOC broad group"):
        workforce_stats(_soc())


def test_coverage_refuses_a_group_beside_its_member():
    with pytest.raises(DataFormatError, match=r"^soc_scores, row 3, column 'soc_code': '15-1252' \(row 3\) is in "
                       r"'15-1250' \(row 2\)"):
        coverage(_soc())


def test_scores_without_nested_codes_are_as_before():
    soc = _soc(("11-1011", "15-1250", "15-1299"))
    assert coverage(soc)["tot_emp"] == 3600.0
    stats = workforce_stats(soc)
    assert stats.loc[stats["group_type"] == "all", "tot_emp"].tolist() == [3600.0] * 3


# 4. the outcomes panel -------------------------------------------------------------------

def _panel(codes) -> pd.DataFrame:
    rows = [{"soc_code": code, "year": y, "soc_major": code[:2] + "-0000", "tot_emp": emp, "a_mean": 1e5,
             "balanced": True} for y in (2021, 2022, 2024) for code, emp in zip(codes, (2000.0, 1000.0, 600.0))]
    return pd.DataFrame(rows)


def test_panel_with_a_group_beside_its_member_is_refused():
    ex = pd.DataFrame({"soc_code": ["11-1011", "15-1250", "15-1252"], "beta": [0.1, 0.5, 0.6]})
    with pytest.raises(DataFormatError, match=r"^panel, row 3, column 'soc_code': '15-1252' \(row 3\) is in "
                       r"'15-1250' \(row 2\), a SOC broad group, and both are balanced rows of the year 2021"):
        group_growth(_panel(["11-1011", "15-1250", "15-1252"]), ex, cuts=[0.3])


def test_panel_without_nested_codes_is_as_before():
    ex = pd.DataFrame({"soc_code": ["11-1011", "15-1250", "15-1299"], "beta": [0.1, 0.5, 0.6]})
    out = group_growth(_panel(["11-1011", "15-1250", "15-1299"]), ex, cuts=[0.3])
    assert out["emp_base"].tolist() == [2000.0, 1600.0]


# 5. the duplicate error's row and column --------------------------------------------------

def test_duplicate_cross_industry_code_error_has_row_and_column():
    emp = pd.DataFrame({"naics": "000000", "i_group": "cross-industry", "occ_code": ["11-1011", "13-1020", "11-1011"],
                        "o_group": "detailed", "tot_emp": [1, 2, 3]}).rename(columns={"occ_code": "OCC_CODE"})
    with pytest.raises(DataFormatError) as err:
        national_detailed(emp)
    assert (err.value.row, err.value.column) == (3, "OCC_CODE")
    assert str(err.value).startswith("employment frame, row 3, column 'OCC_CODE': duplicate cross-industry "
                                     "occupation code '11-1011' (rows 1 and 3)")


# 6. a number of workers that is not whole ----------------------------------------------

def _xw():
    return pd.DataFrame({"onetsoc_code": ["11-1011.00", "13-1021.00"], "soc_code": ["11-1011", "13-1021"]})


def _occ():
    return pd.DataFrame({"onetsoc_code": ["11-1011.00", "13-1021.00"], "alpha": [0.2, 0.4], "beta": [0.3, 0.5],
                         "gamma": [0.4, 0.6]})


def test_tot_emp_with_a_point_as_thousands_separator_is_refused():
    emp = pd.DataFrame({"naics": "000000", "i_group": "cross-industry", "occ_code": ["11-1011", "13-1021"],
                        "o_group": "detailed", "TOT_EMP": ["850", "1.200"]})
    with pytest.raises(DataFormatError, match=r"^employment frame, row 2, column 'TOT_EMP': TOT_EMP must be a whole "
                       r"number of workers \(OEWS counts jobs\), got '1.200' \(write 1200 for 1,200 workers"):
        to_soc(_occ(), _xw(), emp)


def test_tot_emp_text_not_whole_is_refused_in_sector_rows(tmp_path):
    path = tmp_path / "emp.csv"  # '**' keeps the column text, as in BLS's files
    path.write_text("naics,naics_title,i_group,occ_code,o_group,tot_emp\n11,Farms,sector,00-0000,total,2.000\n"
                    "11,Farms,sector,11-1011,detailed,1.200\n11,Farms,sector,13-1021,detailed,**\n",
                    encoding="utf-8")
    emp = pd.read_csv(path, dtype={"naics": str})
    with pytest.raises(DataFormatError, match=r"^employment frame, row 2, column 'tot_emp': .*got '1.200' \(write 1200 for 1,200"):
        to_sectors(_soc(("11-1011",), (1200.0,)), emp)
    with pytest.raises(DataFormatError, match=r"^employment frame, row 2, column 'tot_emp': .*got '1.200'"):
        workforce_stats(_soc(("11-1011",), (1200.0,)), emp)


def test_whole_float_employment_is_read_as_before():
    emp = pd.DataFrame({"naics": "000000", "i_group": "cross-industry", "occ_code": ["11-1011", "13-1021"],
                        "o_group": "detailed", "tot_emp": [850.0, np.nan]})
    soc = to_soc(_occ(), _xw(), emp).set_index("soc_code")
    assert soc.loc["11-1011", "tot_emp"] == 850.0
