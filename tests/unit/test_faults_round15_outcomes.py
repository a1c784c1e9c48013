"""Faults of the public functions of :mod:`exposure.outcomes` left after round 14 (round 15).

1. :func:`~exposure.outcomes.robustness` on a panel whose balanced row has a missing or
   numeric ``soc_major`` raised ``TypeError: '<' not supported between instances of
   'float' and 'str'`` or ``IndexError: invalid index to scalar variable``, and
   :func:`~exposure.outcomes.event_study` said the panel had no major group at all;
2. :func:`~exposure.outcomes.headline` of coefficients with repeated index labels (two
   tables stacked without ``ignore_index``) gave two rows per measure and outcome, the
   second with the wrong ``robust_max_spec``;
3. :func:`~exposure.outcomes.event_study` / :func:`~exposure.outcomes.robustness` on a
   panel of the base year only raised numpy's ``zero-size array to reduction operation``;
4. an exposures frame with a column name that is not a str (``5``) and ``measures=None``
   raised ``TypeError: keywords must be strings``;
5. :func:`~exposure.outcomes.sector_growth` with a sector written ``51`` in one table and
   ``"51"`` in another left the sector out as "not published in every year", silently;
6. :func:`~exposure.outcomes.build_panel` with a ``recode`` value that is not a code
   (``None``, ``5``) raised ``TypeError: '<' not supported``; a key that is not a str
   renamed nothing, without a word.

No mirror and no network.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from _frames import outcome_exposures, outcome_panel

from exposure import outcomes
from exposure.errors import DataFormatError

pytest.importorskip("statsmodels")


PANEL = outcome_panel()
EX = outcome_exposures(PANEL)


# 1. soc_major of a balanced row ----------------------------------------------------------

def _with_major(value, row=4):
    cells = list(PANEL["soc_major"])
    cells[row - 1] = value
    return PANEL.assign(soc_major=pd.Series(cells, dtype=object))


@pytest.mark.parametrize("value, shown", [(np.nan, "nan"), (None, "None"), (11, "11"), ("11", "'11'"),
                                          ("Management", "'Management'")])
@pytest.mark.parametrize("run", [
    lambda p: outcomes.robustness(p, EX, outcomes=["log_emp"]),
    lambda p: outcomes.event_study(p, EX, outcomes=["log_emp"], exclude_major="13-0000"),
    lambda p: outcomes.run_outcomes(p, EX, q=2),
])
def test_a_balanced_row_without_a_major_group_is_named(run, value, shown):
    with pytest.raises(DataFormatError, match=rf"^panel, row 4, column 'soc_major': soc_major must be a SOC major "
                                              rf"group \(like '11-0000'\), got {shown}$"):
        run(_with_major(value))


def test_the_major_group_of_balanced_rows_only_is_read():
    """An integer column is named at its first row; an unbalanced row's major group is not read."""
    panel = PANEL.assign(soc_major=PANEL["soc_major"].str.slice(0, 2).astype(int))
    with pytest.raises(DataFormatError, match=r"^panel, row 1, column 'soc_major': .*, got 11$"):
        outcomes.event_study(panel, EX, outcomes=["log_emp"], exclude_major=11)
    panel = _with_major(np.nan)
    panel.loc[panel["soc_code"] == panel["soc_code"].iloc[3], "balanced"] = False
    got = outcomes.robustness(panel, EX, outcomes=["log_emp"])
    assert {"drop_major_11", "drop_major_13"} <= set(got["spec"])


# 2. headline of coefficients with repeated index labels -----------------------------------

def test_headline_does_not_read_the_index_of_the_coefficients():
    base = outcomes.event_study(PANEL, EX, outcomes=["log_emp"])
    rob = outcomes.robustness(PANEL, EX, outcomes=["log_emp"])
    stacked = pd.concat([base, rob])  # index labels 0, 1, 2 twice
    assert stacked.index.duplicated().any()
    want = outcomes.headline(stacked.reset_index(drop=True))
    got = outcomes.headline(stacked)
    assert len(got) == 1
    pd.testing.assert_frame_equal(got, want)
    pd.testing.assert_frame_equal(outcomes.pretrend(stacked), outcomes.pretrend(stacked.reset_index(drop=True)))


# 3. a panel of the base year only ------------------------------------------------------

@pytest.mark.parametrize("run", [
    lambda p: outcomes.event_study(p, EX, outcomes=["log_emp"]),
    lambda p: outcomes.robustness(p, EX, outcomes=["log_emp"]),
])
def test_a_panel_of_the_base_year_only_is_refused(run):
    panel = PANEL[PANEL["year"] == 2022]
    with pytest.raises(DataFormatError, match=r"^panel, column 'year': the balanced occupations of the panel have "
                                              r"the base year 2022 only \(\[2022\]\): an event study needs another "
                                              r"year$"):
        run(panel)


# 4. a column name of exposures that is not a str -------------------------------------------

@pytest.mark.parametrize("run", [
    lambda ex: outcomes.event_study(PANEL, ex, outcomes=["log_emp"]),
    lambda ex: outcomes.group_growth(PANEL, ex, q=2),
    lambda ex: outcomes.run_outcomes(PANEL, ex, q=2, with_robustness=False),
])
def test_an_exposures_column_that_is_not_a_name_is_refused_by_default(run):
    ex = EX.copy()
    ex[5] = 0.3
    with pytest.raises(DataFormatError, match=r"^exposures, column '5': column 5 \(int\) is not a measure name "
                                              r"\(str\): rename it, or name the measures with measures=\[\.\.\.\]$"):
        run(ex)
    # not read when the measures are named
    got = outcomes.event_study(PANEL, ex, ["beta"], outcomes=["log_emp"])
    pd.testing.assert_frame_equal(got, outcomes.event_study(PANEL, EX, ["beta"], outcomes=["log_emp"]))


# 5. a NAICS code written 51 in one table and "51" in another ----------------------------------

def _oews(emp, naics=("51", "72")):
    return pd.DataFrame({"naics": list(naics), "naics_title": ["Information", "Food"],
                         "i_group": "sector", "occ_code": "00-0000", "tot_emp": emp})


@pytest.mark.parametrize("first", [(51, "72"), (51, 72), (51.0, "72")])
def test_sector_growth_reads_a_sector_written_as_a_number_in_one_table(first):
    scores = pd.DataFrame({"naics": ["51", "72"], "beta": [0.47, 0.18]})
    want = outcomes.sector_growth({2021: _oews([100, 200]), 2022: _oews([110, 200]), 2025: _oews([99, 220])},
                                  scores, ["beta"])
    got = outcomes.sector_growth({2021: _oews([100, 200], first), 2022: _oews([110, 200]),
                                  2025: _oews([99, 220])}, scores, ["beta"])
    assert [str(n) for n in got["naics"]] == ["51", "72"]
    pd.testing.assert_frame_equal(got.drop(columns="naics"), want.drop(columns="naics"))


# 6. recode entries that are not codes ------------------------------------------------------

def _national(emp=(10, 20), codes=("11-1011", "31-1120")):
    return pd.DataFrame({"i_group": "cross-industry", "o_group": "detailed", "occ_code": list(codes),
                         "occ_title": ["CEOs", "Aides"], "tot_emp": list(emp), "a_mean": [200e3, 30e3],
                         "a_median": [190e3, 29e3]})


SOC18 = ["11-1011", "31-1121", "31-1122"]


@pytest.mark.parametrize("recode, shown", [
    ({"11-1011": None}, "'11-1011': None"),
    ({"11-1011": 5}, "'11-1011': 5"),
    ({"11-1011": np.nan}, "'11-1011': nan"),
    ({11: "11-1011"}, "11: '11-1011'"),
    (pd.Series({"11-1011": None}, dtype=object), "'11-1011': None"),
])
def test_build_panel_refuses_recode_entries_that_are_not_codes(recode, shown):
    with pytest.raises(DataFormatError, match=rf"^recode must map OEWS codes \(str\) to panel codes \(str\), got "
                                              rf"{shown}$"):
        outcomes.build_panel({2021: _national()}, SOC18, recode=recode)
