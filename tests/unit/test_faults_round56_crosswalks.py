"""Fault round 56 (crosswalks and the roll-up to SOC codes and sectors).

Found in this round (each test fails on the code before the fix):

1. :func:`exposure.rollup.to_soc` of occupation scores none of whose scored codes is in
   the crosswalk (O*NET-SOC 2010 codes such as ``15-1132.00``; a crosswalk frame with no
   rows), or whose SOC codes reach none of the employment's OEWS codes (an employment
   frame of another SOC edition), returned a table of every OEWS code with no score at
   all, with a warning that reads as a partial loss (``4 O*NET-SOC codes are not in the
   crosswalk``, ``2 scored O*NET-SOC codes reach no OEWS occupation code``);
   :func:`~exposure.rollup.rollup` refuses the same inputs. Refused now, with rollup's
   words, naming ``occupation_scores`` and ``onet_to_soc``: ``column 'onetsoc_code':
   none of the 2 O*NET-SOC codes of occupation_scores (e.g. '15-1132.00') is in
   onet_to_soc (O*NET-SOC 2019 codes expected, e.g. '11-1011.00'), so no OEWS code,
   sector or worker would have a score: ...``.
2. :func:`~exposure.rollup.workforce_stats`, :func:`~exposure.rollup.working_time` and
   :func:`~exposure.rollup.coverage` of a ``soc_scores`` with no rows (a filter that kept
   nothing) gave "All workers" ``tot_emp`` 0, sectors with ``covered_emp`` 0, or
   ``{'tot_emp': 0.0, 'share': nan, ...}`` without a word, and
   :func:`~exposure.rollup.to_sectors` a table of unscored sectors with a warning that
   no code had a beta. Refused now, as :func:`to_soc` refuses occupation scores without
   rows and :mod:`exposure.outcomes` SOC scores without rows: ``soc_scores have no rows``.
3. :func:`~exposure.rollup.working_time` given an employment frame without sector rows
   (an OEWS national file, cross-industry rows only) returned the occupation rows alone:
   the sector rows asked for by giving ``employment`` were left out without a word.
   Refused now, as :func:`to_sectors` refuses the same frame: ``employment frame has no
   sector rows (i_group 'sector'): give an OEWS by-industry table (a national table has
   cross-industry rows only)``; :func:`~exposure.rollup.rollup` passes no employment
   there when it has no sector rows, as before.

Fixtures are tiny frames written here; no mirror, no network.
"""

from __future__ import annotations

import logging

import pandas as pd
import pytest

from exposure.errors import DataFormatError
from exposure.rollup import coverage, rollup, to_sectors, to_soc, workforce_stats, working_time


def _occ(codes=("11-1011.00", "13-1021.00")) -> pd.DataFrame:
    return pd.DataFrame({"onetsoc_code": list(codes), "alpha": [0.1, 0.0], "beta": [0.2, 0.3],
                         "gamma": [0.3, 0.6], "n_tasks": [3, 2]})


def _xw() -> pd.DataFrame:
    return pd.DataFrame({"onetsoc_code": ["11-1011.00", "13-1021.00"], "soc_code": ["11-1011", "13-1021"]})


def _national(codes=("11-1011", "13-1020")) -> pd.DataFrame:
    """An OEWS national table: cross-industry rows only."""
    return pd.DataFrame({"NAICS": "000000", "NAICS_TITLE": "Cross-industry", "I_GROUP": "cross-industry",
                         "OCC_CODE": ["00-0000", *codes], "OCC_TITLE": ["All", "CEO", "Buyers"],
                         "O_GROUP": ["total", "detailed", "detailed"], "TOT_EMP": ["300", "100", "200"]})


def _by_industry() -> pd.DataFrame:
    sector = pd.DataFrame({"NAICS": "11", "NAICS_TITLE": "Agriculture", "I_GROUP": "sector",
                           "OCC_CODE": ["00-0000", "11-1011", "13-1020"], "OCC_TITLE": ["All", "CEO", "Buyers"],
                           "O_GROUP": ["total", "detailed", "detailed"], "TOT_EMP": ["120", "60", "40"]})
    return pd.concat([_national(), sector], ignore_index=True)


def _soc() -> pd.DataFrame:
    return to_soc(_occ(), _xw(), _national())


# 1. to_soc of scores that reach no OEWS code ------------------------------------------------


def test_to_soc_refuses_scores_none_of_whose_codes_is_in_the_crosswalk():
    occ = _occ(codes=("15-1132.00", "15-1133.00"))  # O*NET-SOC 2010 codes, retired in 2019
    with pytest.raises(DataFormatError) as info:
        to_soc(occ, _xw(), _national())
    assert str(info.value) == (
        "occupation_scores, column 'onetsoc_code': none of the 2 O*NET-SOC codes (e.g. '15-1132.00') is in "
        "onet_to_soc (O*NET-SOC 2019 codes expected, e.g. '11-1011.00'), so no OEWS code, sector or worker "
        "would have a score: are the scores of another O*NET-SOC taxonomy?")


def test_to_soc_refuses_a_crosswalk_without_rows():
    with pytest.raises(DataFormatError, match=r"^occupation_scores, column 'onetsoc_code': none of the 2 "
                                              r"O\*NET-SOC codes \(e\.g\. '11-1011\.00'\) is in onet_to_soc "
                                              r"\(O\*NET-SOC 2019 codes expected\), so no OEWS code"):
        to_soc(_occ(), _xw().iloc[:0], _national())


def test_to_soc_refuses_employment_of_other_codes():
    emp = _national(codes=("15-1132", "15-1133"))  # SOC 2010 codes: none is reached
    with pytest.raises(DataFormatError, match=r"^employment frame, column 'occ_code': none of the 2 SOC codes "
                                              r"that onet_to_soc gives the scored occupations \(e\.g\. '11-1011'\) "
                                              r"is an OEWS occupation code of this frame"):
        to_soc(_occ(), _xw(), emp)


def test_to_soc_with_some_codes_outside_the_crosswalk_still_warns_and_scores(caplog):
    occ = _occ(codes=("11-1011.00", "15-1132.00"))
    with caplog.at_level(logging.WARNING, logger="exposure"):
        soc = to_soc(occ, _xw(), _national())
    assert soc.set_index("soc_code")["beta"].to_dict() == pytest.approx({"11-1011": 0.2, "13-1020": float("nan")},
                                                                         nan_ok=True)
    assert [r.getMessage() for r in caplog.records] == [
        ("1 O*NET-SOC code of the scores is not in the crosswalk onet_to_soc (e.g. '15-1132.00'), "
         "so its scores count for no OEWS code, sector or worker: add it to the crosswalk, or give it as the "
         "O*NET-SOC 2019 code it stands for (the crosswalk's taxonomy, e.g. '11-1011.00')")]


def test_rollup_keeps_its_own_error_for_codes_outside_the_crosswalk():
    ts = pd.DataFrame({"onetsoc_code": ["15-1132.00"], "task_id": [1], "label": ["E1"],
                       "alpha": [1.0], "beta": [1.0], "gamma": [1.0]})
    with pytest.raises(DataFormatError, match="'15-1132.00' of the task scores is not in the crosswalk"):
        rollup(ts, _xw(), _national(), weights="equal")


# 2. SOC scores without rows --------------------------------------------------------------


@pytest.mark.parametrize("call", [
    lambda soc: to_sectors(soc, _by_industry()),
    lambda soc: workforce_stats(soc, measures=["beta"]),
    lambda soc: workforce_stats(soc, _by_industry(), measures=["beta"]),
    lambda soc: working_time(soc),
    lambda soc: working_time(soc, _by_industry()),
    lambda soc: coverage(soc),
], ids=["to_sectors", "workforce_stats", "workforce_stats_sectors", "working_time", "working_time_sectors",
        "coverage"])
def test_soc_scores_without_rows_are_refused(call):
    with pytest.raises(DataFormatError, match=r"^soc_scores have no rows$"):
        call(_soc().iloc[:0])


def test_one_row_of_soc_scores_is_still_rolled_up():
    soc = _soc().iloc[:1]
    assert workforce_stats(soc, measures=["beta"])["tot_emp"].tolist() == [100.0, 100.0]
    assert coverage(soc)["share"] == 1.0


# 3. working_time with an employment frame without sector rows ------------------------------------


def test_working_time_refuses_employment_without_sector_rows():
    with pytest.raises(DataFormatError, match=r"^employment frame has no sector rows \(i_group 'sector'\): give an "
                                              r"OEWS by-industry table \(a national table has cross-industry rows "
                                              r"only\)$"):
        working_time(_soc(), _national())


def test_working_time_with_sector_rows_is_unchanged():
    wt = working_time(_soc(), _by_industry()).set_index(["level", "code"])
    assert wt.index.tolist() == [("soc", "11-1011"), ("soc", "13-1020"), ("sector", "11")]
    assert wt.loc[("sector", "11"), "saveable_share"] == pytest.approx(0.5 * (60 * 0.2 + 40 * 0.3) / 100)


def test_rollup_of_a_national_table_still_gives_working_time_without_sectors():
    ts = pd.DataFrame({"onetsoc_code": ["11-1011.00", "13-1021.00"], "task_id": [1, 2], "label": ["E1", "E0"],
                       "alpha": [1.0, 0.0], "beta": [1.0, 0.0], "gamma": [1.0, 0.0]})
    r = rollup(ts, _xw(), _national(), weights="equal")
    assert r.working_time["level"].tolist() == ["soc", "soc"]


def test_rollup_of_a_national_table_warns_that_the_sector_tables_are_empty(caplog):
    """An OEWS national table gave empty sector and subsector tables without a word (round 56)."""
    ts = pd.DataFrame({"onetsoc_code": ["11-1011.00", "13-1021.00"], "task_id": [1, 2], "label": ["E1", "E0"],
                       "alpha": [1.0, 0.0], "beta": [1.0, 0.0], "gamma": [1.0, 0.0]})
    with caplog.at_level(logging.WARNING, logger="exposure.rollup._run"):
        r = rollup(ts, _xw(), _national(), weights="equal")
    assert r.sectors.empty
    said = [rec.getMessage() for rec in caplog.records if "national table" in rec.getMessage()]
    assert len(said) == 1 and "by-industry" in said[0], [rec.getMessage() for rec in caplog.records]
