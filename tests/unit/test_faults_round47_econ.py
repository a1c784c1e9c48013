"""Fault round 47 (econ): a labour economist's own employment data in the roll-ups.

Faults fixed, each with its test below:

1. ``to_soc`` with an employment CSV built by hand that gives a SOC broad group
   (``15-1250``) and one of its detailed codes (``15-1252``), both as cross-industry
   detailed rows: the detailed code's workers were counted twice (``tot_emp`` summed 1,600
   for 1,000 workers, the coverage and the worker shares computed on it) without a word.
   Now refused, naming both rows and the column.
2. The same with a major group (``15-0000``), a minor group (``15-1200``) or the All
   Occupations total (``00-0000``) given as a detailed row beside its occupations.
3. The physicians' broad group ``29-1210`` beside ``29-1228`` (SOC 2018 puts 29-1221 ...
   29-1229 in 29-1210, not in a "29-1220"): counted twice too.
4. ``to_census_occ`` with the caller's employment whose codes reach none of the scored
   O*NET-SOC codes (SOC 2010 codes such as ``15-1132``): every Census code came out
   ``weighting == "equal"``, as if no employment had been given, without a word. Now
   refused, naming ``employment`` and its column.
5. ``to_census_occ`` with the caller's employment lacking the OEWS code of one scored
   O*NET-SOC code of a Census code whose other codes have employment: that code weighed
   0 and its score was left out of the Census mean without a word. Now a warning names it.
6. ``to_census_occ`` with an employment frame giving a broad group beside one of its
   detailed codes: the Census ``tot_emp`` counted the detailed code's workers twice. Now
   refused, naming both rows.
"""

from __future__ import annotations

import logging

import pandas as pd
import pytest

from exposure.errors import DataFormatError
from exposure.rollup import coverage, national_detailed, to_census_occ, to_soc


def _occ() -> pd.DataFrame:
    return pd.DataFrame({"onetsoc_code": ["15-1251.00", "15-1252.00", "15-1253.00", "11-1011.00"],
                         "alpha": [0.2, 0.4, 0.3, 0.1], "beta": [0.5, 0.6, 0.4, 0.2],
                         "gamma": [0.7, 0.8, 0.6, 0.3]})


def _xw() -> pd.DataFrame:
    occ = _occ()
    return pd.DataFrame({"onetsoc_code": occ["onetsoc_code"], "soc_code": occ["onetsoc_code"].str[:7]})


def _emp(codes, emp) -> pd.DataFrame:
    return pd.DataFrame({"naics": "000000", "i_group": "cross-industry", "occ_code": codes,
                         "o_group": "detailed", "tot_emp": emp})


def test_broad_group_beside_its_detailed_code_is_refused():
    emp = _emp(["11-1011", "15-1250", "15-1252"], ["2,000", "1,000", "600"])
    with pytest.raises(DataFormatError, match=r"row 3, column 'occ_code'.*'15-1252' \(row 3\) is in '15-1250' "
                       r"\(row 2\), a SOC broad group.*counted twice"):
        to_soc(_occ(), _xw(), emp)


def test_broad_group_alone_still_rolls_up():
    soc = to_soc(_occ(), _xw(), _emp(["11-1011", "15-1250"], ["2,000", "1,000"]))
    assert soc["tot_emp"].sum() == 3000.0
    assert soc.set_index("soc_code").loc["15-1250", "n_onet"] == 3
    assert coverage(soc)["share"] == 1.0


@pytest.mark.parametrize("group, kind", [("15-0000", "a SOC major group"), ("15-1200", "a SOC minor group"),
                                         ("00-0000", "the All Occupations total")])
def test_group_row_beside_its_occupations_is_refused(group, kind):
    with pytest.raises(DataFormatError, match=rf"row 2, column 'OCC_CODE'.*'15-1252' \(row 2\) is in '{group}' "
                       rf"\(row 1\), {kind}"):
        national_detailed(_emp([group, "15-1252"], [1000, 600]).rename(columns={"occ_code": "OCC_CODE"}))


def test_physicians_broad_group_beside_29_1228_is_refused():
    with pytest.raises(DataFormatError, match=r"'29-1228' \(row 2\) is in '29-1210' \(row 1\)"):
        national_detailed(_emp(["29-1210", "29-1228"], [1000, 600]))


def _census_xw() -> pd.DataFrame:
    return pd.DataFrame({"onetsoc_code": ["15-1251.00", "15-1252.00", "15-1253.00", "11-1011.00"],
                         "census_occ": ["1010", "1010", "1010", "0010"]})


def test_census_employment_matching_nothing_is_refused():
    emp = pd.DataFrame({"soc_code": ["15-1132", "15-1133"], "tot_emp": [100.0, 200.0]})
    with pytest.raises(DataFormatError, match=r"employment, column 'soc_code': no scored O\*NET-SOC code .*"
                       r"'11-1011'"):
        to_census_occ(_occ(), _census_xw(), emp)


def test_census_code_without_employment_beside_others_is_named(caplog):
    emp = pd.DataFrame({"soc_code": ["15-1251", "15-1252", "11-1011"], "tot_emp": [100.0, 300.0, 50.0]})
    with caplog.at_level(logging.WARNING, logger="exposure.rollup._census"):
        out = to_census_occ(_occ(), _census_xw(), emp)
    assert out.set_index("census_occ").loc["1010", "beta"] == pytest.approx((0.5 * 100 + 0.6 * 300) / 400)
    assert "1 scored O*NET-SOC code has no employment" in caplog.text
    assert "'15-1253.00', Census code '1010'" in caplog.text


def test_census_full_employment_gives_no_warning(caplog):
    emp = pd.DataFrame({"soc_code": ["15-1251", "15-1252", "15-1253", "11-1011"],
                        "tot_emp": [100.0, 300.0, 100.0, 50.0]})
    with caplog.at_level(logging.WARNING, logger="exposure.rollup._census"):
        out = to_census_occ(_occ(), _census_xw(), emp)
    assert "no employment" not in caplog.text
    assert out.set_index("census_occ").loc["1010", "tot_emp"] == 500.0


def test_census_broad_group_beside_its_detailed_code_is_refused():
    emp = pd.DataFrame({"soc_code": ["15-1250", "15-1252", "11-1011"], "tot_emp": [1000.0, 300.0, 50.0]})
    with pytest.raises(DataFormatError, match=r"employment, row 2, column 'soc_code': '15-1252' \(row 2\) is in "
                       r"'15-1250' \(row 1\)"):
        to_census_occ(_occ(), _census_xw(), emp)
