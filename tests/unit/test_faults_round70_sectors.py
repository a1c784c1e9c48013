"""Round 70: measure and wage columns written another way, and the OEWS groups of an employment frame.

Found in this round (each test fails on the code before the fix):

1. ``to_sectors`` (and ``workforce_stats``, ``working_time``) of SOC scores whose
   measures are written another way (``Alpha``, ``Beta``, ``Gamma``: a CSV saved from a
   spreadsheet that capitalized its header) read none of them: every sector came out
   unscored (``beta`` missing, ``covered_emp`` 0), with only the warning ``sector: no
   SOC code of soc_scores has a beta score; every sector is unscored``, which said
   nothing of the column ``Beta``. A share written so beside the measures (``Share_E1``,
   ``share.e1`` from R's ``read.csv``) was left out without a word (``share_e1``
   missing). Now refused: ``column 'Beta': soc_scores has the column 'beta' written
   'Beta', which is not read: name it 'beta'``. (Beside ``beta`` itself, ``BETA`` is left
   unread, as ``exposure rollup`` leaves the input columns that ``exposure score`` carried.)
2. ``to_soc`` of occupation scores with ``Share_E1``: its ``share_e1`` came out missing
   for every OEWS code, without a word. Now refused as in 1 (``occupation_scores has the
   column 'share_e1' written 'Share_E1' ...``).
3. ``workforce_stats`` of SOC scores with BLS's ``A_MEAN`` header
   beside ``tot_emp``: ``wage_mean`` came out missing on every row, without a word. Now
   ``column 'A_MEAN': soc_scores has the column 'a_mean' written 'A_MEAN', which is not
   read: name it 'a_mean'``.
4. ``to_census_occ`` of scores with ``Share_E1`` (the default ``measures``) left that
   share out of the result without a word; with ``Beta`` alone it said ``scores lack the
   measure column(s) ['alpha', 'beta', 'gamma', ...]``, not that ``Beta`` was there. Now
   refused as in 1, naming the column (``scores has the column 'share_e1' written
   'Share_E1' ...``); a ``measures=["beta"]`` of scores with ``Beta`` too.
5. An employment frame with an ``i_group`` that is not OEWS's (``Sector``, capitalized by
   a spreadsheet) was refused with the list ``i_group must be one of cross-industry,
   cross-industry, ownership, sector, 3-digit, 4-digit, 4-digit, ownership, 5-digit,
   6-digit, got 'Sector'``: two of the groups hold a comma, so the list seemed to repeat
   ``cross-industry`` and to hold ``ownership``, and nothing said the group differed in
   case only. Now the groups are quoted (``'cross-industry', 'cross-industry, ownership',
   'sector', ...``) and ``(write it 'sector', as OEWS does)`` is added; ``o_group``
   ``Detailed`` is told ``(write it 'detailed', as OEWS does)``.

Tiny frames written here (``_frames``).
"""

from __future__ import annotations

import pandas as pd
import pytest
from _frames import crosswalk, employment, occupation_scores, soc_scores

from exposure.errors import DataFormatError
from exposure.rollup import to_census_occ, to_sectors, to_soc, workforce_stats

CENSUS = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.03", "13-1021.00"],
                       "census_occ": ["0010", "0010", "0710"]})
CENSUS_EMP = pd.DataFrame({"soc_code": ["11-1011", "13-1020"], "tot_emp": [100.0, 50.0]})


# 1. measures written another way: every sector unscored, a share left out
@pytest.mark.parametrize("frame, column, meant", [
    (soc_scores().rename(columns={"alpha": "Alpha", "beta": "Beta", "gamma": "Gamma"}), "Alpha", "alpha"),
    (soc_scores(Share_E1=[0.5, 0.5]), "Share_E1", "share_e1"),
    (soc_scores(**{"share.e1": [0.5, 0.5]}), "share.e1", "share_e1"),
])
def test_1_to_sectors_refuses_a_measure_written_another_way(frame, column, meant):
    with pytest.raises(DataFormatError, match=rf"soc_scores, column '{column}': '{meant}' written another way, "
                                              rf"which is not read: name it '{meant}'") as err:
        to_sectors(frame, employment())
    assert err.value.column == column
    named = {"Alpha": "alpha", "Beta": "beta", "Gamma": "gamma", column: meant}
    out = to_sectors(frame.rename(columns=named), employment())  # named as the library does: read
    assert out[meant].notna().all()


# 2. to_soc: a share written another way left out
def test_2_to_soc_refuses_a_share_written_another_way():
    with pytest.raises(DataFormatError, match="occupation_scores, column 'Share_E1': 'share_e1' written another way"):
        to_soc(occupation_scores(Share_E1=[0.1, 0.2, 0.3]), crosswalk(), employment())
    assert to_soc(occupation_scores(share_e1=[0.1, 0.2, 0.3]), crosswalk(), employment())["share_e1"].notna().all()


# 3. workforce_stats and working_time: A_MEAN not read
def test_3_a_wage_column_written_another_way_is_refused():
    frame = soc_scores(tot_emp=[100.0, 50.0], A_MEAN=[200000.0, 80000.0])
    with pytest.raises(DataFormatError, match="soc_scores, column 'A_MEAN': 'a_mean' written another way, which "
                                              "is not read: name it 'a_mean'") as err:
        workforce_stats(frame)
    assert err.value.column == "A_MEAN"
    stats = workforce_stats(frame.rename(columns={"A_MEAN": "a_mean"}))
    assert stats["wage_mean"].notna().all()


# 4. to_census_occ: a share left out, or every measure said to be lacking
def test_4_to_census_occ_refuses_a_measure_written_another_way():
    scores = occupation_scores().drop(columns="n_tasks")
    with pytest.raises(DataFormatError, match="scores, column 'Share_E1': 'share_e1' written another way"):
        to_census_occ(scores.assign(Share_E1=[0.1, 0.2, 0.3]), CENSUS, CENSUS_EMP)
    beta = scores[["onetsoc_code", "beta"]].rename(columns={"beta": "Beta"})
    for measures in (None, ["beta"]):
        with pytest.raises(DataFormatError, match="scores, column 'Beta': 'beta' written another way") as err:
            to_census_occ(beta, CENSUS, CENSUS_EMP, measures=measures)
        assert err.value.column == "Beta"
    out = to_census_occ(scores.assign(share_e1=[0.1, 0.2, 0.3]), CENSUS, CENSUS_EMP)
    assert out["share_e1"].notna().all()


# 5. the OEWS groups of an employment frame: an ambiguous list, no word of the case
@pytest.mark.parametrize("column, value, meant", [
    ("i_group", "Sector", "sector"),
    ("i_group", "Cross-Industry", "cross-industry"),
    ("o_group", "Detailed", "detailed"),
])
def test_5_a_group_in_another_case_is_told_how_oews_writes_it(column, value, meant):
    emp = employment()
    emp.loc[3, column] = value
    with pytest.raises(DataFormatError) as err:
        to_sectors(soc_scores(), emp)
    text = str(err.value)
    assert f"got {value!r} (write it {meant!r}, as OEWS does)" in text
    assert (err.value.row, err.value.column) == (4, column)
    if column == "i_group":
        assert "'cross-industry', 'cross-industry, ownership', 'sector', '3-digit'" in text
    else:
        assert "must be one of 'total', 'major', 'minor', 'broad', 'detailed'" in text
