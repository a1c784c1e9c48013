"""Fault round 44 (roll-ups): titles of industries and major groups, coverage of huge counts.

1. :func:`exposure.rollup.to_sectors` (so the sector and subsector tables, the sector rows
   of ``workforce`` and ``working_time``) took an industry's title from its first row: a
   title missing there (a blank ``naics_title`` cell of an OEWS file read with
   ``pd.read_csv``; :func:`exposure.oews.read_oews` refuses it) left the industry untitled
   though the rows below give it. The first title given is kept now.
2. An industry given two titles (two OEWS releases in one frame, or a frame put
   together by hand) kept the first without a word. It is still kept (a documented rule:
   the first title given), and a warning names the code, both titles, their rows and the
   column, once per level of a roll-up.
3. :func:`exposure.rollup.workforce_stats` took a SOC major group's title
   (``group_title``) from its first cross-industry ``major`` row in the same way: a
   blank first title hid the next one, a second title was kept out without a word (a
   frame: :func:`~exposure.oews.read_oews` refuses a major row given twice).
4. :func:`exposure.rollup.coverage` summed a ``tot_emp`` of 2**63 or more (``1e308``):
   ``tot_emp`` and ``covered_emp`` came out ``inf`` and ``share`` NaN, with numpy's
   RuntimeWarnings only. :func:`workforce_stats` refuses such a number naming the row and
   column (``soc_scores, row 2, column 'tot_emp': tot_emp is too large for a number of
   workers``); so does ``coverage`` now.
"""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd
import pytest

from exposure.errors import DataFormatError
from exposure.oews import read_oews
from exposure.rollup import coverage, to_sectors, workforce_stats, working_time

_HEADER = ("naics,naics_title,i_group,occ_code,occ_title,o_group,tot_emp,emp_prse,h_mean,"
           "a_mean,mean_prse,h_median,a_median\n")


def _row(naics: str, title: str, i_group: str, code: str, occ_title: str, o_group: str, emp: str) -> str:
    return f"{naics},{title},{i_group},{code},{occ_title},{o_group},{emp},1.2,50,104000,0.5,50,104000\n"


def _oews(tmp_path, sector_titles=("Finance and Insurance",) * 3, major_titles=("Management Occupations",),
          raw=False):
    """A tiny OEWS by-industry file: two cross-industry occupations, sector 52 and its cells.

    Read by :func:`read_oews`, or with ``raw`` by ``pd.read_csv`` (a frame the roll-up
    accepts too; ``read_oews`` refuses a blank title and a repeated major row).
    """
    lines = [_row("000000", "Cross-industry", "cross-industry", "11-0000", t, "major", "100")
             for t in major_titles]
    lines += [_row("000000", "Cross-industry", "cross-industry", "11-1011", "Chief Executives", "detailed", "100"),
              _row("000000", "Cross-industry", "cross-industry", "13-1020", "Buyers", "detailed", "300"),
              _row("52", sector_titles[0], "sector", "00-0000", "All Occupations", "total", "400"),
              _row("52", sector_titles[1], "sector", "11-1011", "Chief Executives", "detailed", "100"),
              _row("52", sector_titles[2], "sector", "13-1020", "Buyers", "detailed", "300")]
    p = tmp_path / "oews.csv"
    p.write_text(_HEADER + "".join(lines))
    return pd.read_csv(p, dtype={"naics": str}) if raw else read_oews(p)


def _soc():
    return pd.DataFrame({"soc_code": ["11-1011", "13-1020"], "soc_title": ["Chief Executives", "Buyers"],
                         "alpha": [0.1, 0.2], "beta": [0.2, 0.6], "gamma": [0.3, 0.7],
                         "tot_emp": [100.0, 300.0], "a_mean": [104000.0, 104000.0]})


# 1. a blank first title ---------------------------------------------------------------


def test_to_sectors_takes_the_title_below_a_blank_one(tmp_path):
    emp = _oews(tmp_path, sector_titles=("", "Finance and Insurance", "Finance and Insurance"), raw=True)
    assert to_sectors(_soc(), emp)["naics_title"].tolist() == ["Finance and Insurance"]


def test_workforce_and_working_time_take_the_title_below_a_blank_one(tmp_path):
    emp = _oews(tmp_path, sector_titles=("", "Finance and Insurance", "Finance and Insurance"), raw=True)
    w = workforce_stats(_soc(), emp, measures=["beta"])
    assert w.loc[w["group_type"] == "sector", "group_title"].tolist() == ["Finance and Insurance"]
    wt = working_time(_soc(), emp)
    assert wt.loc[wt["level"] == "sector", "title"].tolist() == ["Finance and Insurance"]


# 2. two titles of one industry --------------------------------------------------------


def test_to_sectors_warns_of_two_titles_naming_both_and_their_rows(tmp_path, caplog):
    emp = _oews(tmp_path, sector_titles=("Finance and Insurance", "Finance & Insurance", "Finance and Insurance"))
    with caplog.at_level(logging.WARNING, logger="exposure.rollup"):
        out = to_sectors(_soc(), emp)
    assert out["naics_title"].tolist() == ["Finance and Insurance"]  # the first, as documented
    msgs = [r.getMessage() for r in caplog.records if "two titles" in r.getMessage()]
    assert msgs == ["employment frame: the sector NAICS '52' has two titles, 'Finance and Insurance' on row 4 "
                    "and 'Finance & Insurance' on row 5 of the frame (column 'naics_title'); the first is kept"]


def test_one_title_given_on_every_row_gives_no_warning(tmp_path, caplog):
    emp = _oews(tmp_path)
    with caplog.at_level(logging.WARNING, logger="exposure.rollup"):
        out = to_sectors(_soc(), emp)
    assert out["naics_title"].tolist() == ["Finance and Insurance"]
    assert not [r for r in caplog.records if "title" in r.getMessage()]


# 3. major-group titles ----------------------------------------------------------------


def test_workforce_major_title_below_a_blank_one(tmp_path):
    emp = _oews(tmp_path, major_titles=("", "Management Occupations"), raw=True)
    w = workforce_stats(_soc(), emp, measures=["beta"])
    assert w.loc[w["group"] == "11-0000", "group_title"].tolist() == ["Management Occupations"]


def test_workforce_warns_of_two_major_titles(tmp_path, caplog):
    emp = _oews(tmp_path, major_titles=("Management Occupations", "Managers"), raw=True)
    with caplog.at_level(logging.WARNING, logger="exposure.rollup"):
        w = workforce_stats(_soc(), emp, measures=["beta"])
    assert w.loc[w["group"] == "11-0000", "group_title"].tolist() == ["Management Occupations"]
    msgs = [r.getMessage() for r in caplog.records if "two titles" in r.getMessage()]
    assert msgs == ["employment frame: the major group '11-0000' has two titles, 'Management Occupations' on "
                    "row 1 and 'Managers' on row 2 of the frame (column 'occ_title'); the first is kept"]


# 4. coverage of a count too large -----------------------------------------------------


@pytest.mark.parametrize("value", [1e308, 2.0 ** 63])
def test_coverage_refuses_a_count_too_large(value):
    soc = pd.DataFrame({"soc_code": ["11-1011", "13-1020"], "beta": [0.4, 0.5], "tot_emp": [100.0, value]})
    with pytest.raises(DataFormatError, match=r"^soc_scores, row 2, column 'tot_emp': tot_emp is too large "
                                              r"for a number of workers"):
        coverage(soc)


def test_coverage_of_large_counts_that_fit_is_exact():
    soc = pd.DataFrame({"soc_code": ["11-1011", "13-1020"], "beta": [0.4, np.nan],
                        "tot_emp": [2.0 ** 62, 2.0 ** 62]})
    assert coverage(soc) == {"tot_emp": 2.0 ** 63, "covered_emp": 2.0 ** 62, "share": 0.5, "n_codes": 2,
                             "n_covered": 1}
