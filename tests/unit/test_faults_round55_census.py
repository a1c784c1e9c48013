"""Fault round 55: scores put on Census 2018 occupation codes (``exposure.rollup.to_census_occ``).

1. An employment frame without any count (``tot_emp`` missing or 0 on every row: a merge
   that matched no code, its misses filled with 0, an OEWS extract of ``**`` only), given
   as ``employment`` or carried by the scores (``soc_code``, ``tot_emp``), made every
   Census code a plain mean (``weighting == "equal"``, ``tot_emp`` 0.0) without a word;
   :func:`~exposure.rollup.census_weights` gave every code the weight 0. Now refused,
   naming the frame and the column.
2. The Census crosswalk read as people read a code file, ``pd.read_csv(..., dtype=str,
   keep_default_na=False)``, gives the two "All Other" codes the Census code ``''``: it
   was refused as "not a 4-digit Census code". A blank code is now missing, as
   :func:`exposure.crosswalks.read_census_crosswalk` reads it: the same result as the
   crosswalk of the reader.
"""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd
import pytest

from exposure.crosswalks import read_census_crosswalk
from exposure.errors import DataFormatError
from exposure.rollup import census_weights, to_census_occ
from exposure.rollup._census import check_crosswalk

OCC = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.03", "13-1021.00", "15-1252.00"],
                    "beta": [0.2, 0.4, 0.8, 0.5]})
XW = pd.DataFrame({"onetsoc_code": OCC["onetsoc_code"], "census_occ": ["0010", "0010", "0010", "1021"]})
EMP = pd.DataFrame({"soc_code": ["11-1011", "13-1020", "15-1252"], "tot_emp": [200.0, 50.0, 10.0]})

CENSUS_CSV = ("Job Zone,Occupation,Data-level,Code,cps_code\n"
              "5,Chief Executives,Y,11-1011.00,0010\n"
              "5,Chief Sustainability Officers,Y,11-1011.03,0010\n"
              "4,Budget Analysts,Y,13-1021.00,0010\n"
              "4,Software Developers,Y,15-1252.00,1021\n"
              ',"Plant and System Operators, All Other",,51-8099.00,\n')


# 1. an employment frame without any count ----------------------------------------------

@pytest.mark.parametrize("counts", [[np.nan] * 3, ["**", "**", "*"], [0.0, 0.0, 0.0], [0.0, np.nan, "**"]],
                         ids=["missing", "special", "zero", "mixed"])
def test_employment_without_any_count_is_refused(counts):
    with pytest.raises(DataFormatError, match=r"^employment, column 'tot_emp': tot_emp is missing or 0 on "
                                              r"every one of its 3 rows"):
        to_census_occ(OCC, XW, EMP.assign(tot_emp=counts))


def test_scores_carrying_no_count_are_refused_naming_the_scores():
    scores = OCC.assign(soc_code=OCC["onetsoc_code"].str.slice(0, 7), tot_emp=np.nan)
    with pytest.raises(DataFormatError, match=r"^scores, column 'tot_emp': .* drop the column tot_emp"):
        to_census_occ(scores, XW)
    soc = pd.DataFrame({"soc_code": ["11-1011", "13-1020", "15-1252"], "beta": [0.3, 0.8, 0.5], "tot_emp": 0.0})
    with pytest.raises(DataFormatError, match=r"^scores, column 'tot_emp'"):
        to_census_occ(soc, XW)


def test_census_weights_without_any_count_is_refused():
    with pytest.raises(DataFormatError, match=r"^employment, column 'tot_emp': tot_emp is missing or 0"):
        census_weights(XW, EMP.assign(tot_emp=np.nan))
    with pytest.raises(DataFormatError, match=r"^employment: has no rows"):
        census_weights(XW, EMP.iloc[:0])


def test_employment_with_some_counts_is_still_weighted(caplog):
    with caplog.at_level(logging.WARNING):
        out = to_census_occ(OCC, XW, EMP.assign(tot_emp=[200.0, np.nan, 10.0]))
    assert out["weighting"].tolist() == ["employment", "employment"]
    assert out["beta"].tolist() == pytest.approx([0.3, 0.5])
    assert "no employment" in caplog.text
    assert to_census_occ(OCC, XW, EMP)["beta"].tolist() == pytest.approx([0.4, 0.5])


# 2. a blank Census code read as text -----------------------------------------------------

def _read_as_text(path) -> pd.DataFrame:
    raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    return raw.rename(columns={"Code": "onetsoc_code", "cps_code": "census_occ"})


def test_blank_census_code_read_as_text_is_missing(tmp_path, caplog):
    path = tmp_path / "onet_to_census_occ2018.csv"
    path.write_text(CENSUS_CSV)
    text = _read_as_text(path)
    assert text["census_occ"].tolist()[-1] == ""
    check_crosswalk(text)
    check_crosswalk(text.assign(census_occ=text["census_occ"].replace("", "  ")))
    scores = pd.concat([OCC, pd.DataFrame({"onetsoc_code": ["51-8099.00"], "beta": [0.1]})], ignore_index=True)
    with caplog.at_level(logging.WARNING):
        got = to_census_occ(scores, text, EMP)
    want = to_census_occ(scores, read_census_crosswalk(path), EMP)
    pd.testing.assert_frame_equal(got, want)
    assert "'51-8099.00'" in caplog.text  # left out with the warning of a missing Census code
    pd.testing.assert_frame_equal(census_weights(text, EMP), census_weights(read_census_crosswalk(path), EMP))


def test_malformed_census_code_is_still_refused():
    with pytest.raises(DataFormatError, match=r"row 3, column 'census_occ': not a 4-digit Census code .*'nan'"):
        to_census_occ(OCC, XW.assign(census_occ=["0010", "0010", "nan", "1021"]), EMP)
    with pytest.raises(DataFormatError, match=r"row 1, column 'census_occ': .*'10'"):
        check_crosswalk(XW.assign(census_occ=["10", "", "0010", "1021"]))


def test_to_isco_reads_the_measures_given_as_text():
    """SOC scores read with ``dtype=str``: ``beta`` was not a float column and was left out without a word."""
    from exposure.errors import DataFormatError
    from exposure.measures.ilo import to_isco

    links = pd.DataFrame({"source_code": ["15-1252", "15-1253", "15-1253"],
                          "target_code": ["2512", "2512", "2519"], "crosswalk_weight": [1.0, 0.5, 0.5]})
    floats = pd.DataFrame({"soc_code": ["15-1252", "15-1253"], "beta": [0.6, 0.4], "tot_emp": [100.0, 50.0]})
    text = floats.assign(beta=["0.6", "0.4"])
    pd.testing.assert_frame_equal(to_isco(text, links=links), to_isco(floats, links=links))
    with pytest.raises(DataFormatError, match=r"^soc_scores, row 2, column 'beta': not a number: 'x'$"):
        to_isco(floats.assign(beta=["0.6", "x"]), links=links)


def test_census_weights_refuses_employment_that_reaches_no_code():
    """SOC 2010 employment (``15-1132``) gave every crosswalk code weight 0 without a word."""
    from exposure.errors import DataFormatError
    from exposure.rollup._census import census_weights

    xw = pd.DataFrame({"onetsoc_code": ["15-1252.00", "11-1011.00"], "census_occ": ["1021", "0010"]})
    with pytest.raises(DataFormatError, match=r"^employment, column 'soc_code': no O\*NET-SOC code of the "
                                              r"crosswalk gets any employment from it"):
        census_weights(xw, pd.DataFrame({"soc_code": ["15-1132"], "tot_emp": [100.0]}))
    some = census_weights(xw, pd.DataFrame({"soc_code": ["15-1252"], "tot_emp": [100.0]}))
    assert some["weight"].tolist() == [100.0, 0.0]  # a code without employment still weighs 0, as documented
