"""Arguments of the outcomes functions and of ``exposure.load`` left over from round 6.

1. :func:`exposure.outcomes.event_study` given ``min_emp="100"`` raised numpy's
   ``UFuncTypeError``; its siblings took other bad numbers and flags the same way
   (``small_quantile="0.1"``: ``UFuncTypeError``, ``1.5``: numpy's ``ValueError``;
   ``end_year=2030``: ``ValueError: 2030 is not in list``; ``base_year="2022"``: "base
   year 2022 is not in the panel" although it is; ``weighted="no"`` read as True;
   ``exclude_major=["11"]`` silently left nothing out);
2. :func:`exposure.load` read ``validate="no"`` as True (any non-empty string);
3. :func:`exposure.outcomes.exposure_groups` given ``q=["a"]`` (or text cuts, text
   weights, a number as ``values``) raised a ``ValueError`` / ``TypeError`` from inside;
4. :func:`exposure.outcomes.sector_growth` given a list, ``None``, a frame or an empty
   mapping as ``frames`` raised ``AttributeError`` / ``KeyError`` / ``ValueError``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from _frames import outcome_exposures, outcome_panel

import exposure
from exposure import outcomes
from exposure.errors import DataFormatError, ExposureError

PANEL = outcome_panel()
EX = outcome_exposures(PANEL)


# 1. numbers and flags of the outcomes functions ----------------------------------------

@pytest.mark.parametrize("value, match", [
    ("100", r"^min_emp must be a number of workers \(0 or more\) or None, got str '100'$"),
    (True, r"^min_emp must be a number of workers \(0 or more\) or None, got bool True$"),
    ([1], r"^min_emp must be a number of workers \(0 or more\) or None, got list \[1\]$"),
    (np.nan, r"^min_emp must be a number of workers \(0 or more\) or None, got float nan$"),
    (-1, r"^min_emp must be a number of workers \(0 or more\) or None, got int -1$"),
])
def test_event_study_refuses_a_min_emp_that_is_not_a_number_of_workers(value, match):
    with pytest.raises(DataFormatError, match=match):
        outcomes.event_study(PANEL, EX, ["beta"], outcomes=["log_emp"], min_emp=value)


def test_event_study_with_a_valid_min_emp_is_unchanged():
    es = outcomes.event_study(PANEL, EX, ["beta"], outcomes=["log_emp"], min_emp=150)
    assert es["n_occupations"].iloc[0] == 6  # 100-worker occupations left out
    same = outcomes.event_study(PANEL, EX, ["beta"], outcomes=["log_emp"], min_emp=np.float64(150.0))
    pd.testing.assert_frame_equal(es, same)
    full = outcomes.event_study(PANEL, EX, ["beta"], outcomes=["log_emp"], min_emp=0)
    pd.testing.assert_frame_equal(full, outcomes.event_study(PANEL, EX, ["beta"], outcomes=["log_emp"]))


@pytest.mark.parametrize("kw, match", [
    ({"weighted": "no"}, r"^weighted must be True or False, got str 'no'$"),
    ({"weighted": None}, r"^weighted must be True or False, got NoneType None$"),
    ({"base_year": "May 2022"}, r"^base_year must be a year \(int\), got str 'May 2022'$"),  # round 81: "2022" is read
    ({"base_year": True}, r"^base_year must be a year \(int\), got bool True$"),
    ({"base_year": 2022.5}, r"^base_year must be a year \(int\), got float 2022.5$"),
    ({"exclude_major": ["11"]},
     r"^exclude_major must be a SOC major group \('15-0000' or '15'\) or None, got list \['11'\]$"),
    ({"exclude_major": "xx"},
     r"^exclude_major must be a SOC major group \('15-0000' or '15'\) or None, got str 'xx'$"),
])
def test_event_study_refuses_bad_flags_and_years(kw, match):
    with pytest.raises(DataFormatError, match=match):
        outcomes.event_study(PANEL, EX, ["beta"], outcomes=["log_emp"], **kw)


def test_event_study_exclude_major_as_before():
    a = outcomes.event_study(PANEL, EX, ["beta"], outcomes=["log_emp"], exclude_major="11-0000")
    for same in ("11", 11):
        pd.testing.assert_frame_equal(a, outcomes.event_study(PANEL, EX, ["beta"], outcomes=["log_emp"],
                                                              exclude_major=same))
    assert a["n_occupations"].iloc[0] == 4
    b = outcomes.event_study(PANEL, EX, ["beta"], outcomes=["log_emp"], base_year=2022.0)
    pd.testing.assert_frame_equal(b, outcomes.event_study(PANEL, EX, ["beta"], outcomes=["log_emp"]))


@pytest.mark.parametrize("kw, match", [
    ({"small_quantile": "0.1"}, r"^small_quantile must be a number from 0 to 1, got str '0.1'$"),
    ({"small_quantile": 1.5}, r"^small_quantile must be a number from 0 to 1, got float 1.5$"),
    ({"small_quantile": np.nan}, r"^small_quantile must be a number from 0 to 1, got float nan$"),
    ({"small_quantile": True}, r"^small_quantile must be a number from 0 to 1, got bool True$"),
    ({"majors": "no"}, r"^majors must be True or False, got str 'no'$"),
    ({"base_year": "May 2022"}, r"^base_year must be a year \(int\), got str 'May 2022'$"),  # round 81: "2022" is read
])
def test_robustness_refuses_bad_arguments(kw, match):
    with pytest.raises(DataFormatError, match=match):
        outcomes.robustness(PANEL, EX, ["beta"], outcomes=["log_emp"], **kw)


@pytest.mark.parametrize("kw, match", [
    ({"pre_year": "May 2021"}, r"^pre_year must be a year \(int\), got str 'May 2021'$"),  # round 81: "2021" is read
    ({"end_year": "May 2023"}, r"^end_year must be a year \(int\) or None, got str 'May 2023'$"),  # round 81: "2023" is read
    ({"end_year": 2030}, r"^end_year 2030 is not in the panel \(\[2021, 2022, 2023\]\)$"),
    ({"pre_year": 2019}, r"^pre_year 2019 is not in the panel \(\[2021, 2022, 2023\]\)$"),
    ({"base_year": "May 2022"}, r"^base_year must be a year \(int\), got str 'May 2022'$"),  # round 81: "2022" is read
])
def test_group_growth_refuses_bad_years(kw, match):
    with pytest.raises(ExposureError, match=match):
        outcomes.group_growth(PANEL, EX, ["beta"], q=2, **kw)


@pytest.mark.parametrize("kw, match", [
    ({"with_robustness": "no"}, r"^with_robustness must be True or False, got str 'no'$"),
    ({"base_year": "May 2022"}, r"^base_year must be a year \(int\), got str 'May 2022'$"),  # round 81: "2022" is read
    ({"q": ["a"]}, r"^q must be a whole number of groups or a list of cut points in \(0, 1\), got list \['a'\]$"),
])
def test_run_outcomes_refuses_bad_arguments(kw, match):
    args = {"q": 2, "with_robustness": False, **kw}
    with pytest.raises(DataFormatError, match=match):
        outcomes.run_outcomes(PANEL, EX, **args)


def test_outcomes_of_valid_arguments_are_unchanged():
    res = outcomes.run_outcomes(PANEL, EX, q=2, with_robustness=np.bool_(False))
    head = res.headline.query("outcome == 'log_emp'")
    assert round(float(head["coef"].iloc[0]), 6) == -0.028696
    g = outcomes.group_growth(PANEL, EX, ["beta"], q=2, end_year=2023.0)
    pd.testing.assert_frame_equal(g, outcomes.group_growth(PANEL, EX, ["beta"], q=2))
    r = outcomes.robustness(PANEL, EX, ["beta"], outcomes=["log_emp"], small_quantile=0.25, majors=False)
    assert sorted(r["spec"].unique()) == ["drop_small", "unweighted"]


# 2. exposure.load's flags --------------------------------------------------------------

@pytest.mark.parametrize("name", ["soc_scores", "measures"])
@pytest.mark.parametrize("value, shown", [("no", "str 'no'"), (None, "NoneType None"), (0, "int 0"),
                                          ("False", "str 'False'")])
def test_load_refuses_a_validate_that_is_not_a_bool(name, value, shown):
    with pytest.raises(ExposureError, match=rf"^validate must be True or False, got {shown}$"):
        exposure.load(name, validate=value)


def test_load_with_a_bool_validate_is_unchanged():
    a = exposure.load("soc_scores")
    for flag in (True, False, np.bool_(True)):
        pd.testing.assert_frame_equal(a, exposure.load("soc_scores", validate=flag), check_dtype=False)


# 3. exposure_groups ------------------------------------------------------------------

@pytest.mark.parametrize("kw, match", [
    ({"q": ["a"]}, r"^q must be a whole number of groups or a list of cut points in \(0, 1\), got list \['a'\]$"),
    ({"q": [0.5, "0.7"]},
     r"^q must be a whole number of groups or a list of cut points in \(0, 1\), got list \[0.5, '0.7'\]$"),
    ({"q": [[0.5]]}, r"^q must be a whole number of groups or a list of cut points in \(0, 1\), got list \[\[0.5\]\]$"),
    ({"q": [True]}, r"^q must be a whole number of groups or a list of cut points in \(0, 1\), got list \[True\]$"),
    ({"q": np.array(["a"])}, r"^q must be a whole number of groups or a list of cut points in \(0, 1\), got ndarray"),
    ({"cuts": ["a"]}, r"^cuts must be a list of numbers, got list \['a'\]$"),
    ({"cuts": [[0.5]]}, r"^cuts must be a list of numbers, got list \[\[0.5\]\]$"),
    ({"cuts": [True]}, r"^cuts must be a list of numbers, got list \[True\]$"),
    ({"weights": ["a"] * 4}, r"^weights must be numbers, got 'a' at position 0$"),
    ({"weights": "abcd"}, r"^weights must be a list of numbers, got str 'abcd'$"),
    ({"weights": [True] * 4}, r"^weights must be numbers, got True at position 0$"),
])
def test_exposure_groups_refuse_arguments_that_are_not_numbers(kw, match):
    with pytest.raises(DataFormatError, match=match):
        outcomes.exposure_groups([0.1, 0.2, 0.3, 0.4], **{"q": 2, **kw})


@pytest.mark.parametrize("values, shown", [(5, "int 5"), (None, "NoneType None")])
def test_exposure_groups_refuse_values_that_are_not_a_list(values, shown):
    with pytest.raises(DataFormatError, match=rf"^values must be a list, array or Series of exposure values, got {shown}$"):
        outcomes.exposure_groups(values, q=2)


def test_exposure_groups_of_valid_arguments_are_unchanged():
    v = [0.1, 0.2, 0.3, 0.4]
    assert outcomes.exposure_groups(v, q=[0.5]).tolist() == [1, 1, 2, 2]
    assert outcomes.exposure_groups(v, q=np.array([0.25, 0.5])).tolist() == [1, 2, 3, 3]
    assert outcomes.exposure_groups(v, q=pd.Series([0.5])).tolist() == [1, 1, 2, 2]
    assert outcomes.exposure_groups(v, cuts=np.array([0.25])).tolist() == [1, 1, 2, 2]
    assert outcomes.exposure_groups(v, weights=pd.Series([3, 1, 1, 1]), q=2).tolist() == [1, 2, 2, 2]
    assert outcomes.exposure_groups(np.array(v), weights=np.array([3.0, 1, 1, 1]), q=np.int64(2)).tolist() == [1, 2, 2, 2]


# 4. sector_growth --------------------------------------------------------------------

def _oews(emp):
    return pd.DataFrame({"naics": ["51", "72"], "naics_title": ["Information", "Food"],
                         "i_group": "sector", "occ_code": "00-0000", "tot_emp": emp})


FRAMES = {2021: _oews([100, 200]), 2022: _oews([110, 200]), 2025: _oews([99, 220])}
SCORES = pd.DataFrame({"naics": ["51", "72"], "beta": [0.47, 0.18]})


@pytest.mark.parametrize("frames, match", [
    ([1, 2], r"^frames must be a mapping of May year to OEWS by-industry table \(dict of int to DataFrame\), "
             r"got list \[1, 2\]$"),
    (None, r"^frames must be a mapping of May year to OEWS by-industry table .*, got NoneType None$"),
    (_oews([1, 2]), r"^frames must be a mapping of May year to OEWS by-industry table .*, got DataFrame$"),
    ({}, r"^frames must hold at least one year, got an empty mapping$"),
    ({2021: "x.csv"}, r"^frames\[2021\] must be a pandas DataFrame, got str 'x.csv'$"),
    ({"May": _oews([1, 2])}, r"^frames: key 'May' is not a year$"),
    ({2021: _oews([1, 2]).drop(columns="naics")}, r"^frames\[2021\] lacks column\(s\) \['naics'\]$"),
    ({2021: _oews([1, 2]), "2021": _oews([1, 2])}, r"^frames: the year 2021 is given twice$"),
])
def test_sector_growth_refuses_frames_that_are_not_a_mapping_of_tables(frames, match):
    with pytest.raises(DataFormatError, match=match):
        outcomes.sector_growth(frames, SCORES, ["beta"])


@pytest.mark.parametrize("scores, measures, match", [
    ([1], ["beta"], r"^sector_scores must be a pandas DataFrame, got list$"),
    (SCORES.drop(columns="naics"), ["beta"], r"^sector_scores lacks column\(s\) \['naics'\]$"),
    (SCORES, "beta", r"^measures must be a list of measure names, got str 'beta': write \['beta'\]$"),
])
def test_sector_growth_refuses_bad_scores_and_measures(scores, measures, match):
    with pytest.raises(DataFormatError, match=match):
        outcomes.sector_growth(FRAMES, scores, measures)


def test_sector_growth_of_valid_frames_is_unchanged():
    out = outcomes.sector_growth(FRAMES, SCORES, ["beta"])
    assert out[["naics", "beta"]].to_dict("records") == [{"naics": "51", "beta": 0.47}, {"naics": "72", "beta": 0.18}]
    assert out["emp_growth_post"].round(2).tolist() == [-0.1, 0.1]
    as_text = outcomes.sector_growth({str(k): v for k, v in FRAMES.items()}, SCORES, ["beta"])
    pd.testing.assert_frame_equal(out, as_text)


@pytest.mark.parametrize("func", ["event_study", "robustness"])
@pytest.mark.parametrize("value, match", [
    ("log_emp", r"^outcomes must be a list of outcome names, got str 'log_emp': write \['log_emp'\]$"),
    (None, r"^outcomes must be a list of outcome names, got NoneType None$"),
])
def test_outcomes_argument_refuses_a_string_or_none(func, value, match):
    with pytest.raises(DataFormatError, match=match):
        getattr(outcomes, func)(PANEL, EX, ["beta"], outcomes=value)
