"""Round 26: code columns of the frames given to the roll-up's Python API.

1. An OEWS frame whose ``NAICS`` column holds numbers with a decimal point (``11.0``,
   ``113000.0``: a column of ``pd.read_excel`` or ``pd.read_csv`` with a blank cell) was
   refused by ``to_sectors`` (so ``working_time``, ``workforce_stats``, ``rollup``) as
   ``naics not an OEWS industry code (like 11, 31-33 or 113000): '11.0'``, although the
   code is unambiguous (whole numbers ``11`` were read as ``'11'``). A whole number is now
   read as its code; another number (``11.5``) is still refused.
2. That refusal named the column ``'naics'`` where the caller's frame calls it ``NAICS``
   (BLS's columns); it names the frame's column now, as the other employment errors do.
3. ``workforce_stats`` given SOC scores holding a ``soc_code`` twice (two releases
   concatenated, a merge that repeated rows) counted its workers twice, without a word
   (all workers 180 instead of 120); with an employment frame of sector rows it raised
   pandas' ``InvalidIndexError: Reindexing only valid with uniquely valued Index
   objects``. Refused now, naming both rows and the column, as ``to_sectors`` refuses it.
4. ``working_time`` given the same scores failed on its own output
   (``SchemaError: WorkingTime, row 0: ... check multiple_fields_uniqueness``, a 0-based
   row of no input). Refused now on the input.
5. ``coverage(soc_scores)`` counted a repeated ``soc_code`` twice (``tot_emp`` 180 of
   120 workers); ``coverage(soc_scores, occupation_scores)`` read a padded or missing
   O*NET-SOC code (``' 11-1011.00'``, None) or a padded SOC code as matching nothing:
   ``prefix_share`` 0.0 without a word. Refused now, naming the frame, row and column.
6. ``to_soc`` / ``onet_to_oews`` / ``rollup`` given a crosswalk mapping one O*NET-SOC
   code to two SOC codes said ``O*NET-SOC code '11-1011.00' maps to several SOC codes``:
   no row, no column, not which codes. Now both rows, both SOC codes and the column, as
   :func:`exposure.crosswalks.onet_to_soc_map` says it.
7. ``to_census_occ`` / ``census_weights`` given the registered crosswalk read by
   ``pd.read_csv`` (BLS's columns ``Code``, ``cps_code``) said only that it lacks
   ``onetsoc_code`` and ``census_occ``; the message now says to read the file with
   ``exposure.crosswalks.read_census_crosswalk``, which keeps the leading zeros.

Tiny made-up frames, built by the tests.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from exposure.errors import DataFormatError
from exposure.rollup import (
    census_weights,
    coverage,
    onet_to_oews,
    rollup,
    to_census_occ,
    to_sectors,
    to_soc,
    workforce_stats,
    working_time,
)

SOC = pd.DataFrame({"soc_code": ["11-1011", "13-1020", "15-1252"], "soc_title": ["A", "B", "C"],
                    "alpha": [0.5, 0.0, 0.9], "beta": [0.6, 0.1, 0.9], "gamma": [0.7, 0.2, 0.9],
                    "tot_emp": [60.0, 40.0, 20.0]})


def _sector_emp(naics, i_group: str = "sector") -> pd.DataFrame:
    return pd.DataFrame({"naics": naics, "naics_title": "Agriculture", "i_group": i_group,
                         "occ_code": ["00-0000", "11-1011", "13-1020", "15-1252"],
                         "o_group": ["total", "detailed", "detailed", "detailed"],
                         "tot_emp": ["120", "60", "40", "**"]})


# 1. NAICS codes as numbers with a decimal point

@pytest.mark.parametrize("level, text, number", [("sector", "11", 11.0), ("subsector", "113000", 113000.0)])
def test_naics_whole_float_read_as_its_code(level, text, number):
    i_group = "sector" if level == "sector" else "3-digit"
    want = to_sectors(SOC, _sector_emp(text, i_group), level=level)
    got = to_sectors(SOC, _sector_emp(number, i_group), level=level)
    assert got["naics"].tolist() == [text]
    pd.testing.assert_frame_equal(got, want)


def test_naics_float_column_with_blank_read_in_working_time():
    emp = pd.concat([_sector_emp("11"), _sector_emp("21")], ignore_index=True)
    emp["naics"] = [11.0] * 4 + [21.0] * 4
    emp.loc[len(emp)] = [np.nan, None, "cross-industry", "11-1011", "detailed", "60"]
    wt = working_time(SOC, emp)
    assert wt.loc[wt["level"] == "sector", "code"].tolist() == ["11", "21"]


def test_naics_float_in_rollup_sectors():
    ts = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.00", "13-1021.00"], "task_id": [1, 2, 3],
                       "label": ["E1", "E0", "E2"], "alpha": [1.0, 0.0, 0.0], "beta": [1.0, 0.0, 0.5],
                       "gamma": [1.0, 0.0, 1.0]})
    xw = pd.DataFrame({"onetsoc_code": ["11-1011.00", "13-1021.00"], "soc_code": ["11-1011", "13-1021"]})
    emp = pd.DataFrame({"naics": [0.0, 0.0] + [11.0] * 3 + [113000.0] * 3,
                        "i_group": ["cross-industry"] * 2 + ["sector"] * 3 + ["3-digit"] * 3,
                        "occ_code": ["11-1011", "13-1020"] + ["00-0000", "11-1011", "13-1020"] * 2,
                        "o_group": ["detailed", "detailed"] + ["total", "detailed", "detailed"] * 2,
                        "tot_emp": [100.0, 300.0] + [400.0, 100.0, 300.0] * 2})
    sectors = rollup(ts, xw, emp, weights="equal").sectors
    assert sectors["naics"].tolist() == ["11", "113000"]
    assert sectors["beta"].tolist() == pytest.approx([0.5, 0.5])


# 2. a NAICS that is no code: the caller's column named

def test_naics_not_whole_refused_naming_callers_column():
    raw = _sector_emp(11.0).rename(columns=str.upper)
    raw.loc[2, "NAICS"] = 11.5
    with pytest.raises(DataFormatError) as info:
        to_sectors(SOC, raw)
    msg = str(info.value)
    assert "row 3, column 'NAICS'" in msg and "11.5" in msg


# 3.-5. a SOC code twice in the SOC scores

SOC_TWICE = pd.concat([SOC, SOC.iloc[[0]]], ignore_index=True)


def test_workforce_stats_refuses_code_twice():
    with pytest.raises(DataFormatError, match=r"row 4, column 'soc_code'.*'11-1011' is given twice \(rows 1 and 4\)"):
        workforce_stats(SOC_TWICE, measures=["beta"])


def test_workforce_stats_with_sectors_refuses_code_twice():
    with pytest.raises(DataFormatError, match=r"row 4, column 'soc_code'.*twice"):
        workforce_stats(SOC_TWICE, _sector_emp("11"), measures=["beta"])


def test_working_time_refuses_code_twice():
    with pytest.raises(DataFormatError, match=r"row 4, column 'soc_code'.*'11-1011' is given twice"):
        working_time(SOC_TWICE)


def test_coverage_refuses_code_twice():
    with pytest.raises(DataFormatError, match=r"row 4, column 'soc_code'.*'11-1011' is given twice"):
        coverage(SOC_TWICE)


@pytest.mark.parametrize("code, shown", [(" 11-1011.00", "' 11-1011.00'"), (None, "missing")])
def test_coverage_refuses_bad_onetsoc_code(code, shown):
    occ = pd.DataFrame({"onetsoc_code": ["13-1021.00", code], "beta": [0.2, 0.3]})
    with pytest.raises(DataFormatError, match=r"^occupation_scores, row 2, column 'onetsoc_code'") as info:
        coverage(SOC, occ)
    assert shown in str(info.value)


def test_coverage_refuses_padded_soc_code():
    occ = pd.DataFrame({"onetsoc_code": ["11-1011.00"], "beta": [0.3]})
    with pytest.raises(DataFormatError, match=r"^soc_scores, row 1, column 'soc_code': .*' 11-1011'"):
        coverage(SOC.assign(soc_code=[" 11-1011", "13-1020", "15-1252"]), occ)


def test_coverage_good_codes_unchanged():
    occ = pd.DataFrame({"onetsoc_code": ["11-1011.00", "13-1021.00"], "beta": [0.3, 0.2]})
    assert coverage(SOC, occ)["prefix_share"] == 0.5


# 6. a crosswalk mapping one O*NET-SOC code to two SOC codes

OCC = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.03"], "alpha": [0.1, 0.2],
                    "beta": [0.3, 0.2], "gamma": [0.3, 0.3]})
XW_TWO = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.03", "11-1011.00"],
                       "soc_code": ["11-1011", "11-1011", "13-1021"]}, index=[7, 8, 9])
CROSS = pd.DataFrame({"naics": "000000", "i_group": "cross-industry", "occ_code": ["11-1011", "13-1020"],
                      "o_group": "detailed", "tot_emp": [100.0, 50.0]})
TWO = (r"^onet_to_soc, row 3, column 'onetsoc_code': O\*NET-SOC code '11-1011.00' maps to two SOC codes "
       r"\('11-1011' in row 1, '13-1021' in row 3\)")


def test_to_soc_conflicting_crosswalk_rows_named():
    with pytest.raises(DataFormatError, match=TWO):
        to_soc(OCC, XW_TWO, CROSS)


def test_onet_to_oews_conflicting_crosswalk_rows_named():
    with pytest.raises(DataFormatError, match=TWO):
        onet_to_oews(OCC, XW_TWO, ["11-1011"])


def test_crosswalk_row_repeated_alike_still_counts_once():
    xw = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.03", "11-1011.00"], "soc_code": ["11-1011"] * 3})
    out = to_soc(OCC, xw, CROSS)
    assert out.loc[0, "n_onet"] == 2 and out.loc[0, "beta"] == pytest.approx(0.25)


# 7. the Census crosswalk read by pd.read_csv

def test_census_crosswalk_of_read_csv_points_to_reader(tmp_path):
    path = tmp_path / "onet_to_census_occ2018.csv"
    path.write_text("Job Zone,Occupation,Data-level,Code,cps_code\n5,Chief Executives,Y,11-1011.00,0010\n")
    raw = pd.read_csv(path)
    occ = pd.DataFrame({"onetsoc_code": ["11-1011.00"], "beta": [0.2]})
    emp = pd.DataFrame({"soc_code": ["11-1011"], "tot_emp": [10.0]})
    for call in (lambda: to_census_occ(occ, raw, emp), lambda: census_weights(raw, emp)):
        with pytest.raises(DataFormatError, match=r"lacks column\(s\) \['onetsoc_code', 'census_occ'\].*"
                                                  r"read_census_crosswalk"):
            call()
