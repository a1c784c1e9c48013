"""Faults of the public functions of :mod:`exposure.outcomes` left after round 8 (round 9).

1. :func:`~exposure.outcomes.sector_growth` took any ``sector_scores`` measure value (text,
   ``True``, ``inf``, a share of 1.7), a NAICS code given twice (the first row won
   silently) or missing, matched no sector when the codes were numbers (``51``, not
   ``"51"``), and gave an infinite growth rate from zero employment;
2. :func:`~exposure.outcomes.pretrend` / :func:`~exposure.outcomes.headline` asked for a
   year or a specification not in the table returned an empty table (or NaN columns), and
   repeated rows multiplied the headline;
3. :func:`~exposure.outcomes.event_study` with ``exclude_major`` naming a major group the
   panel lacks left nothing out, without a word (``"15-1252"`` and ``150`` were read as
   ``15``);
4. the rest of the sweep: ``TypeError`` / ``KeyError`` / ``ValueError`` / ``SchemaError``
   from inside pandas, numpy or the schemas for arguments of the wrong type, and silent
   results (``measures=[]`` gave empty tables, a text ``year`` column "weights that sum to
   zero", a repeated measure a ``SchemaError``). Each is now an
   :class:`~exposure.errors.ExposureError` (a :class:`~exposure.errors.DataFormatError`
   for a bad value or frame) of one line naming the argument (and frame, row and column).

No mirror and no network.
"""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd
import pytest
from _frames import outcome_exposures, outcome_panel

from exposure import outcomes
from exposure.errors import DataFormatError, ExposureError

PANEL = outcome_panel()
EX = outcome_exposures(PANEL)


def _oews(emp, naics=("51", "72")):
    return pd.DataFrame({"naics": list(naics), "naics_title": ["Information", "Food"][:len(naics)],
                         "i_group": "sector", "occ_code": "00-0000", "tot_emp": emp})


FRAMES = {2021: _oews([100, 200]), 2022: _oews([110, 200]), 2025: _oews([99, 220])}
SCORES = pd.DataFrame({"naics": ["51", "72"], "beta": [0.47, 0.18]})


def _scores(column, value, kind=object):
    """SCORES with the second cell of ``column`` set to ``value`` (any object)."""
    cells = list(SCORES[column])
    cells[1] = value
    return SCORES.assign(**{column: pd.Series(cells, dtype=kind)})


# 1. sector_growth: the measure values of sector_scores ---------------------------------

@pytest.mark.parametrize("value, match", [
    ("x", r"not a number: 'x'$"),
    (True, r"not a number: True$"),
    (np.inf, r"not a finite number: inf$"),
    (["x"], r"not a number: \['x'\]$"),
    (1.7, r"beta is a share of tasks, from 0 to 1; got 1.7$"),
    (-0.1, r"beta is a share of tasks, from 0 to 1; got -0.1$"),
])
def test_sector_growth_refuses_a_measure_value_that_is_not_a_share(value, match):
    """Each was put next to the sector as given (text, True, 1.7) or as inf, without a word."""
    with pytest.raises(DataFormatError, match=r"^sector_scores, row 2, column 'beta': " + match):
        outcomes.sector_growth(FRAMES, _scores("beta", value), ["beta"])


def test_sector_growth_refuses_a_boolean_measure_column():
    with pytest.raises(DataFormatError, match=r"^sector_scores, row 1, column 'beta': not a number: True$"):
        outcomes.sector_growth(FRAMES, SCORES.assign(beta=[True, False]), ["beta"])


def test_sector_growth_refuses_a_measure_missing_in_every_row():
    """An all-NaN column gave a table of NaN measures."""
    with pytest.raises(DataFormatError, match=r"^sector_scores, column 'beta': beta is missing in every row$"):
        outcomes.sector_growth(FRAMES, SCORES.assign(beta=np.nan), ["beta"])


def test_sector_growth_takes_any_finite_number_for_a_column_that_is_not_a_share():
    """Only our shares (alpha, beta, gamma, share_*) are bounded to 0-1; text is still refused."""
    out = outcomes.sector_growth(FRAMES, SCORES.assign(exposed_workers=[1500.0, np.nan]), ["exposed_workers"])
    assert out["exposed_workers"].tolist()[0] == 1500.0
    with pytest.raises(DataFormatError, match=r"^sector_scores, row 2, column 'exposed_workers': not a number: 'x'$"):
        outcomes.sector_growth(FRAMES, SCORES.assign(exposed_workers=[1.0, "x"]), ["exposed_workers"])


# 2. sector_growth: the NAICS codes of sector_scores ------------------------------------

def test_sector_growth_refuses_a_naics_code_given_twice():
    """The first of the two rows was used without a word."""
    scores = pd.DataFrame({"naics": ["51", "72", "51"], "beta": [0.47, 0.18, 0.9]})
    with pytest.raises(DataFormatError, match=r"^sector_scores, row 3, column 'naics': sector '51' appears twice "
                                              r"\(rows 1 and 3\)$"):
        outcomes.sector_growth(FRAMES, scores, ["beta"])
    twice = pd.DataFrame({"naics": ["51", 51], "beta": [0.47, 0.9]})  # one code, written two ways
    with pytest.raises(DataFormatError, match=r"^sector_scores, row 2, column 'naics': sector '51' appears twice"):
        outcomes.sector_growth(FRAMES, twice, ["beta"])


@pytest.mark.parametrize("value, match", [
    (None, r"the NAICS code is missing$"),
    (np.nan, r"the NAICS code is missing$"),
    ("  ", r"the NAICS code is missing$"),
    (["x"], r"not a NAICS code: \['x'\]$"),
    ({}, r"not a NAICS code: \{\}$"),
    (True, r"not a NAICS code: True$"),
    (51.5, r"not a NAICS code: 51.5$"),
])
def test_sector_growth_refuses_a_missing_or_malformed_naics_code(value, match):
    """A missing code was dropped silently; a list raised ``TypeError: unhashable type``."""
    with pytest.raises(DataFormatError, match=r"^sector_scores, row 2, column 'naics': " + match):
        outcomes.sector_growth(FRAMES, _scores("naics", value), ["beta"])


def test_sector_growth_matches_codes_written_as_numbers():
    """``51`` (a CSV read without types) matched no sector ``"51"``: every measure was NaN."""
    out = outcomes.sector_growth(FRAMES, SCORES.assign(naics=[51, 72]), ["beta"])
    assert out["beta"].tolist() == [0.47, 0.18]
    assert out["naics"].tolist() == ["51", "72"]  # the tables' codes
    out = outcomes.sector_growth(FRAMES, SCORES.assign(naics=[51.0, 72.0]), ["beta"])
    assert out["beta"].tolist() == [0.47, 0.18]


def test_sector_growth_refuses_scores_that_match_no_sector():
    """Scores keyed by other codes gave a table of NaN measures without a word."""
    with pytest.raises(DataFormatError, match=r"^sector_scores: none of its NAICS codes \(11, 21\) is a sector "
                                              r"of the tables \(51, 72\)$"):
        outcomes.sector_growth(FRAMES, SCORES.assign(naics=["11", "21"]), ["beta"])
    with pytest.raises(DataFormatError, match=r"^sector_scores has no rows$"):
        outcomes.sector_growth(FRAMES, SCORES.iloc[:0], ["beta"])


# 3. sector_growth: zero employment, years, tables, measures ----------------------------

def test_sector_growth_from_zero_employment_is_missing_and_logged(caplog):
    """Zero base-year employment gave an infinite growth rate (``inf``) without a word."""
    frames = {**FRAMES, 2022: _oews([0, 200])}
    with caplog.at_level(logging.WARNING, logger="exposure.outcomes"):
        out = outcomes.sector_growth(frames, SCORES, ["beta"])
    assert np.isnan(out.loc[0, "emp_growth_post"])
    assert out.loc[0, "emp_growth_pre"] == -1.0  # 100 -> 0 is a fall of 100%
    assert out.loc[1, "emp_growth_post"] == pytest.approx(0.1)  # the other sector as before
    assert out.loc[0, "emp_2022"] == 0.0 and out.loc[0, "beta"] == 0.47
    assert [r.getMessage() for r in caplog.records] == [
        "sector 51 (Information) has no employment in May 2022: its growth from 2022 to 2025 "
        "(emp_growth_post) is missing"]
    frames = {**FRAMES, 2021: _oews([100, 0])}
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="exposure.outcomes"):
        out = outcomes.sector_growth(frames, SCORES, ["beta"])
    assert np.isnan(out.loc[1, "emp_growth_pre"]) and np.isfinite(out["emp_growth_post"]).all()
    assert "sector 72 (Food) has no employment in May 2021" in caplog.text


@pytest.mark.parametrize("kw, match", [
    ({"pre_year": 2022}, r"^pre_year \(2022\) must be before base_year \(2022\)$"),
    ({"pre_year": 2025}, r"^pre_year \(2025\) must be before base_year \(2022\)$"),
    ({"base_year": 2025, "pre_year": 2022},
     r"^base_year 2025 is the last year of frames: no later year to measure growth to$"),
    ({"base_year": 2023},
     r"^sector_growth needs the OEWS by-industry table of May 2023 \(frames has May 2021, 2022, 2025\)$"),
])
def test_sector_growth_refuses_years_in_the_wrong_order_or_missing(kw, match):
    """The "pre" growth ran backwards (2025 -> 2022) or over no time, silently."""
    with pytest.raises(ExposureError, match=match):
        outcomes.sector_growth(FRAMES, SCORES, ["beta"], **kw)


def test_sector_growth_names_a_table_without_sector_rows():
    """A table without sector rows is named.

    May 2025 without sector rows measured "post" growth from 2022 to 2022 (0) silently;
    May 2022 without them said the table of May 2022 was missing.
    """
    empty = {**FRAMES, 2025: _oews([1, 2]).assign(i_group="cross-industry")}
    with pytest.raises(DataFormatError, match=r"^frames\[2025\] has no sector rows \(i_group 'sector' with occ_code "
                                              r"'00-0000'\)$"):
        outcomes.sector_growth(empty, SCORES, ["beta"])
    empty = {**FRAMES, 2022: _oews([1, 2]).assign(occ_code="11-1011")}
    with pytest.raises(DataFormatError, match=r"^frames\[2022\] has no sector rows"):
        outcomes.sector_growth(empty, SCORES, ["beta"])


def test_sector_growth_refuses_a_sector_row_without_a_code():
    """The row was dropped, and its sector left out as "not published in every year"."""
    frames = {**FRAMES, 2021: _oews([100, 200], naics=("51", None))}
    with pytest.raises(DataFormatError, match=r"^frames\[2021\], row 2, column 'naics': a sector row without a "
                                              r"NAICS code$"):
        outcomes.sector_growth(frames, SCORES, ["beta"])


@pytest.mark.parametrize("key", [2021.5, True])
def test_sector_growth_refuses_a_key_that_is_not_a_year(key):
    """``2021.5`` was read as 2021 and ``True`` as the year 1."""
    frames = {key: FRAMES[2021], 2022: FRAMES[2022], 2025: FRAMES[2025]}
    with pytest.raises(DataFormatError, match=rf"^frames: key {key!r} is not a year$"):
        outcomes.sector_growth(frames, SCORES, ["beta"])


@pytest.mark.parametrize("measures, match", [
    ({}, r"^measures must be a list of measure names, got dict$"),
    (pd.DataFrame(), r"^measures must be a list of measure names, got DataFrame$"),
    ([], r"^measures must name at least one measure, got \[\]$"),
    (["naics"], r"^measures: 'naics' is a column of the result \(naics, naics_title, emp_<year>, "
                r"emp_growth_pre, emp_growth_post\), not a measure$"),
    (["emp_2021"], r"^measures: 'emp_2021' is a column of the result"),
])
def test_sector_growth_refuses_measures_that_name_no_measure(measures, match):
    """``{}`` and ``[]`` gave a table without measures; ``["naics"]`` said sector_scores lacked it."""
    scores = SCORES.assign(emp_2021=1.0)
    with pytest.raises(DataFormatError, match=match):
        outcomes.sector_growth(FRAMES, scores, measures)


# 4. pretrend and headline: a year or specification not in the table --------------------

def _coefs() -> pd.DataFrame:
    return pd.DataFrame({
        "measure": "beta", "outcome": "log_emp",
        "spec": ["baseline", "baseline", "baseline", "unweighted", "unweighted"],
        "year": [2021, 2022, 2025, 2021, 2025],
        "coef": [0.01, 0.0, -0.02, 0.0, -0.01], "se": [0.02, np.nan, 0.01, 0.01, 0.01],
        "ci_low": [-0.03, np.nan, -0.03, -0.02, -0.02], "ci_high": [0.05, np.nan, -0.01, 0.02, 0.0],
        "p_value": [0.6, np.nan, 0.001, 0.9, 0.05], "n_occupations": 700})


@pytest.mark.parametrize("kw, match", [
    ({"pre_year": 2019}, r"^pre_year 2019 is not a year of spec 'baseline' in coefficients "
                         r"\(years: 2021, 2022, 2025\)$"),
    ({"spec": "drop_small"}, r"^spec 'drop_small' is not in coefficients \(specs: baseline, unweighted\)$"),
    ({"spec": "unweighted", "pre_year": 2022},
     r"^pre_year 2022 is not a year of spec 'unweighted' in coefficients \(years: 2021, 2025\)$"),
])
def test_pretrend_refuses_a_year_or_spec_not_in_the_table(kw, match):
    """Each gave an empty table, read as "no pre-trend to worry about"."""
    with pytest.raises(DataFormatError, match=match):
        outcomes.pretrend(_coefs(), **kw)


def test_pretrend_of_no_coefficients_says_so():
    with pytest.raises(ExposureError, match=r"^coefficients has no rows: no pre-trend to report$"):
        outcomes.pretrend(_coefs().iloc[:0])


@pytest.mark.parametrize("coefs, kw, match", [
    (_coefs(), {"year": 2030}, r"^year 2030 is not a year of spec 'baseline' in coefficients "
                               r"\(years: 2021, 2022, 2025\)$"),
    (_coefs(), {"pre_year": 2019}, r"^pre_year 2019 is not a year of spec 'baseline' in coefficients "
                                   r"\(years: 2021, 2022, 2025\)$"),
    (_coefs().iloc[[0, 1, 3, 4]], {"year": 2025}, r"^year 2025 is not a year of spec 'baseline' in coefficients "
                                                  r"\(years: 2021, 2022\)$"),
    (_coefs().iloc[3:], {}, r"^coefficients has no baseline rows \(specs: unweighted\): no headline to report$"),
])
def test_headline_refuses_a_year_or_spec_not_in_the_table(coefs, kw, match):
    """A year not in the table gave an empty headline; a pre_year not in it NaN pre-trend columns."""
    with pytest.raises(DataFormatError, match=match):
        outcomes.headline(coefs, **kw)


@pytest.mark.parametrize("func", ["pretrend", "headline"])
def test_pretrend_and_headline_refuse_a_row_given_twice(func):
    """The headline joined the repeats with each other (16 rows for 1); the pre-trend repeated them."""
    c = pd.concat([_coefs(), _coefs().iloc[[0]]], ignore_index=True)
    with pytest.raises(DataFormatError, match=r"^coefficients, row 6, column 'year': \(beta, log_emp, baseline, 2021\) "
                                              r"appears twice \(rows 1 and 6\)$"):
        getattr(outcomes, func)(c)


@pytest.mark.parametrize("func", ["pretrend", "headline"])
@pytest.mark.parametrize("column", ["measure", "outcome", "spec"])
def test_pretrend_and_headline_refuse_a_missing_key(func, column):
    """A missing spec left its row out of the robustness range; a missing measure made a NaN row."""
    c = _coefs()
    c[column] = c[column].astype(object)
    c.loc[3, column] = None
    with pytest.raises(DataFormatError, match=rf"^coefficients, row 4, column '{column}': the {column} is missing$"):
        getattr(outcomes, func)(c)


# 5. event_study: exclude_major ----------------------------------------------------------

@pytest.mark.parametrize("value", ["99", "99-0000", 99, "15-0000"])
def test_event_study_refuses_a_major_group_the_panel_lacks(value):
    """Nothing was left out, and the result was labelled as if it had been."""
    with pytest.raises(DataFormatError, match=r"^exclude_major \d\d-0000 is not a SOC major group of the panel's "
                                              r"balanced occupations \(11-0000, 13-0000\)$"):
        outcomes.event_study(PANEL, EX, ["beta"], outcomes=["log_emp"], exclude_major=value)


@pytest.mark.parametrize("value, shown", [("11-1011", "str '11-1011'"), ("11abc", "str '11abc'"),
                                          (110, "int 110")])
def test_event_study_refuses_an_exclude_major_that_is_not_a_major_group(value, shown):
    """``"11-1011"`` (a detailed code), ``110`` and ``"11abc"`` were read as major group 11."""
    with pytest.raises(DataFormatError, match=rf"^exclude_major must be a SOC major group \('15-0000' or '15'\) "
                                              rf"or None, got {shown}$"):
        outcomes.event_study(PANEL, EX, ["beta"], outcomes=["log_emp"], exclude_major=value)


# 6. event_study / robustness: spec, outcomes, scale, repeated names ---------------------

@pytest.mark.parametrize("spec, shown", [("big", "str 'big'"), ("", "str ''"), (5, "int 5"),
                                         (["baseline"], r"list \['baseline'\]"), (pd.Series(["x"]), "Series"),
                                         ({}, "dict")])
def test_event_study_refuses_a_spec_that_is_not_a_specification_name(spec, shown):
    """A SchemaError after the whole estimation, ``TypeError: unhashable type``, or ``{}`` read as baseline."""
    with pytest.raises(DataFormatError, match=r"^spec must be one of baseline, unweighted, drop_small, "
                                              rf"drop_major_XX \(str\) or None, got {shown}$"):
        outcomes.event_study(PANEL, EX, ["beta"], outcomes=["log_emp"], spec=spec)


@pytest.mark.parametrize("func", ["event_study", "robustness"])
@pytest.mark.parametrize("value, match", [
    ([], r"^outcomes must name at least one outcome, got \[\]$"),
    ({}, r"^outcomes must be a list of outcome names, got dict$"),
    (pd.DataFrame(), r"^outcomes must be a list of outcome names, got DataFrame$"),
])
def test_outcomes_argument_refuses_an_empty_list_or_a_mapping(func, value, match):
    """An empty table of coefficients, without a word."""
    with pytest.raises(DataFormatError, match=match):
        getattr(outcomes, func)(PANEL, EX, ["beta"], outcomes=value)


@pytest.mark.parametrize("scale", [pd.Series(["sd"]), pd.DataFrame()])
def test_event_study_refuses_a_scale_that_is_not_a_name(scale):
    """It was pandas' ``The truth value of a Series is ambiguous``."""
    with pytest.raises(ExposureError, match=rf"^scale must be 'sd' or 'raw', got {type(scale).__name__}$"):
        outcomes.event_study(PANEL, EX, ["beta"], scale=scale)


def test_a_repeated_measure_or_outcome_is_taken_once():
    """A SchemaError (``multiple_fields_uniqueness``) after the estimation."""
    once = outcomes.event_study(PANEL, EX, ["beta"], outcomes=["log_emp"])
    pd.testing.assert_frame_equal(outcomes.event_study(PANEL, EX, ["beta", "beta"], outcomes=["log_emp", "log_emp"]),
                                  once)
    pd.testing.assert_frame_equal(outcomes.group_growth(PANEL, EX, ["beta", "beta"], q=2),
                                  outcomes.group_growth(PANEL, EX, ["beta"], q=2))
    res = outcomes.run_outcomes(PANEL, EX, ["beta", "beta"], q=2, with_robustness=False)
    pd.testing.assert_frame_equal(res.coefficients, outcomes.event_study(PANEL, EX, ["beta"]))


# 7. the panel given to the estimation ----------------------------------------------------

@pytest.mark.parametrize("value, shown", [("no", "'no'"), (np.nan, "nan"), (1.0, "1.0")])
def test_a_balanced_flag_that_is_not_true_or_false_is_refused(value, shown):
    """``"no"`` and NaN raised a pandas ``KeyError`` listing the whole column."""
    cells = [True] * len(PANEL)
    cells[2] = value
    panel = PANEL.assign(balanced=pd.Series(cells, dtype=object))
    with pytest.raises(DataFormatError, match=rf"^panel, row 3, column 'balanced': balanced must be True or False, "
                                              rf"got {shown}$"):
        outcomes.group_growth(panel, EX, ["beta"], q=2)


@pytest.mark.parametrize("year, match", [
    ("2021", r"year must be a whole number, got text '2021'$"),
    (2021.5, r"year must be a whole number, got 2021.5$"),
    (None, r"year must be a whole number, got nan$"),
])
def test_a_panel_year_that_is_not_a_whole_number_is_refused(year, match):
    """A text year column said "the weights of the exposure groups sum to zero"."""
    cells = list(PANEL["year"])
    cells[0] = year
    panel = PANEL.assign(year=pd.Series(cells, dtype=object))
    with pytest.raises(DataFormatError, match=r"^panel, row 1, column 'year': " + match):
        outcomes.event_study(panel, EX, ["beta"])


@pytest.mark.parametrize("value, match", [
    ("x", r"not a number: 'x'$"),
    (True, r"not a number: True$"),
    (np.inf, r"not a finite number: inf$"),
    (-1.0, r"a_mean must be at least 0.0; got -1.0$"),
])
def test_a_panel_mean_wage_that_is_not_a_wage_is_refused(value, match):
    """Text raised ``could not convert string to float``; -1 entered the wage growth."""
    cells = list(PANEL["a_mean"])
    cells[4] = value
    panel = PANEL.assign(a_mean=pd.Series(cells, dtype=object))
    with pytest.raises(DataFormatError, match=r"^panel, row 5, column 'a_mean': " + match):
        outcomes.group_growth(panel, EX, ["beta"], q=2)


# 8. measures of the estimation functions and of exposure_table ---------------------------

@pytest.mark.parametrize("func", ["group_growth", "event_study", "robustness", "run_outcomes"])
@pytest.mark.parametrize("measures, match", [
    (5, r"^measures must be a list of measure names, got int 5$"),
    (True, r"^measures must be a list of measure names, got bool True$"),
    ({}, r"^measures must be a list of measure names, got dict$"),
    ([], r"^measures must name at least one measure, got \[\]$"),
    (["soc_code"], r"^measures: 'soc_code' is the code column of exposures, not a measure$"),
])
def test_estimation_refuses_measures_that_name_no_measure(func, measures, match):
    """``TypeError: 'int' object is not iterable``, empty tables, ``No objects to concatenate``."""
    with pytest.raises(DataFormatError, match=match):
        getattr(outcomes, func)(PANEL, EX, measures)


def test_estimation_refuses_exposures_without_a_measure_column():
    with pytest.raises(DataFormatError, match=r"^exposures has no measure column besides soc_code$"):
        outcomes.run_outcomes(PANEL, EX[["soc_code"]])


@pytest.mark.parametrize("measures, match", [
    (5, r"^measures must be a list of measure names, got int 5$"),
    ({}, r"^measures must be a list of measure names, got dict$"),
    ([], r"^measures must name at least one measure, got \[\]$"),
])
def test_exposure_table_refuses_measures_that_name_no_measure(measures, match):
    """``TypeError: 'int' object is not iterable``; ``{}`` and ``[]`` gave a table of codes only."""
    with pytest.raises(DataFormatError, match=match):
        outcomes.exposure_table(PANEL, EX, measures=measures)


def test_exposure_table_takes_a_repeated_measure_once():
    """``["beta", "beta"]`` gave four beta columns."""
    pd.testing.assert_frame_equal(outcomes.exposure_table(PANEL, EX, measures=["beta", "beta"]),
                                  outcomes.exposure_table(PANEL, EX, measures=["beta"]))


def test_exposure_table_refuses_a_panel_without_rows_or_with_a_missing_code():
    with pytest.raises(DataFormatError, match=r"^panel: the panel has no rows$"):
        outcomes.exposure_table(PANEL.iloc[:0], EX, measures=["beta"])
    panel = PANEL.assign(soc_code=PANEL["soc_code"].where(PANEL.index != 2, None))
    with pytest.raises(DataFormatError, match=r"^panel, row 3, column 'soc_code': the SOC code is missing$"):
        outcomes.exposure_table(panel, EX, measures=["beta"])


@pytest.mark.parametrize("scores, match", [
    (EX.drop(columns="beta"), r"^soc_scores lacks column\(s\) \['beta'\]$"),
    (pd.Series([0.1]), r"^soc_scores must be a pandas DataFrame, got Series$"),
    (5, r"^soc_scores must be a pandas DataFrame, got int 5$"),
])
def test_exposure_table_names_soc_scores_once(scores, match):
    """``soc_scores: soc_scores lacks column(s) ['beta']`` (the name twice)."""
    with pytest.raises(DataFormatError, match=match):
        outcomes.exposure_table(PANEL, scores, measures=["beta"])


def test_exposure_table_names_the_columns_the_published_measures_need():
    """``KeyError: 'year'`` (before loading anything: this test needs no mirror)."""
    with pytest.raises(DataFormatError, match=r"^panel lacks column\(s\) \['year', 'soc_title'\]: the published "
                                              r"measures are weighted by its last year's employment; or pass "
                                              r"comparison=$"):
        outcomes.exposure_table(PANEL.drop(columns="year"), EX, measures=["webb_ai"])


# 9. group_growth ---------------------------------------------------------------------------

@pytest.mark.parametrize("kw, match", [
    ({"pre_year": 2022}, r"^pre_year \(2022\) must be before base_year \(2022\)$"),
    ({"pre_year": 2023}, r"^pre_year \(2023\) must be before base_year \(2022\)$"),
    ({"end_year": 2021}, r"^end_year \(2021\) must be after base_year \(2022\)$"),
    ({"end_year": 2022}, r"^end_year \(2022\) must be after base_year \(2022\)$"),
])
def test_group_growth_refuses_periods_in_the_wrong_order(kw, match):
    """The growth "before" ran from 2023 back to 2022 (or over no time), silently."""
    with pytest.raises(DataFormatError, match=match):
        outcomes.group_growth(PANEL, EX, ["beta"], q=2, **kw)


def test_group_growth_refuses_a_measure_without_a_value():
    """An empty table, without a word."""
    with pytest.raises(ExposureError, match=r"^measure 'beta' has no value on any balanced occupation of the panel "
                                            r"\(in the base year 2022\)$"):
        outcomes.group_growth(PANEL, EX.assign(beta=np.nan), ["beta"], q=2)


# 10. build_panel ---------------------------------------------------------------------------

def _national(emp=(10, 20), codes=("11-1011", "31-1120")):
    return pd.DataFrame({"i_group": "cross-industry", "o_group": "detailed", "occ_code": list(codes),
                         "occ_title": ["CEOs", "Aides"], "tot_emp": list(emp), "a_mean": [200e3, 30e3],
                         "a_median": [190e3, 29e3]})


SOC18 = ["11-1011", "31-1121", "31-1122"]


@pytest.mark.parametrize("frames, match", [
    ([1, 2], r"^frames must be a mapping of May year to OEWS national table \(dict of int to DataFrame\), "
             r"got list \[1, 2\]$"),
    (5, r"^frames must be a mapping of May year to OEWS national table .*, got int 5$"),
    (_national(), r"^frames must be a mapping of May year to OEWS national table .*, got DataFrame$"),
    ({2021: None}, r"^frames\[2021\] must be a pandas DataFrame, got NoneType None$"),
    ({2021: "x.csv"}, r"^frames\[2021\] must be a pandas DataFrame, got str 'x.csv'$"),
    ({"May": _national()}, r"^frames: key 'May' is not a year$"),
    ({None: _national()}, r"^frames: key None is not a year$"),
    ({2021.5: _national()}, r"^frames: key 2021.5 is not a year$"),
    ({True: _national()}, r"^frames: key True is not a year$"),
    ({5: _national()}, r"^frames: key 5 is not a year$"),
    ({2021: _national(), "2021": _national()}, r"^frames: the year 2021 is given twice$"),
    ({2021: _national().drop(columns=["tot_emp", "o_group"])},
     r"^frames\[2021\] lacks column\(s\) \['o_group', 'tot_emp'\]$"),
])
def test_build_panel_refuses_frames_that_are_not_a_mapping_of_tables(frames, match):
    """``AttributeError: ... 'items'``, ``KeyError: 'o_group'``, a SchemaError about the year 1."""
    with pytest.raises(DataFormatError, match=match):
        outcomes.build_panel(frames, SOC18)


@pytest.mark.parametrize("column, value, match", [
    ("tot_emp", "abc", r"tot_emp must be a number or a BLS special value \(\*\* \* # ~\), got 'abc'$"),
    ("tot_emp", True, r"tot_emp must be a number or a BLS special value \(\*\* \* # ~\), got True$"),
    ("tot_emp", -5, r"tot_emp must be a finite number of at least 0, got -5.0$"),
    ("a_mean", np.inf, r"a_mean must be a finite number of at least 0, got inf$"),
    ("a_median", "n/a", r"a_median must be a number or a BLS special value \(\*\* \* # ~\), got 'n/a'$"),
])
def test_build_panel_refuses_a_number_that_is_not_one(column, value, match):
    """Text was read as missing and ``True`` as 1 worker, silently; -5 and inf a SchemaError."""
    table = _national()
    cells = list(table[column])
    cells[1] = value
    table[column] = pd.Series(cells, dtype=object)
    with pytest.raises(DataFormatError, match=rf"^frames\[2021\], row 2, column '{column}': " + match):
        outcomes.build_panel({2021: table}, SOC18)


def test_build_panel_reads_oews_numbers_and_special_values():
    """``"1,200"`` was read as missing (the code then unbalanced); ``**`` stays missing."""
    table = _national(emp=["1,200", 20]).assign(a_median=["#", 29e3])
    p = outcomes.build_panel({2021: table}, SOC18)
    assert p["tot_emp"].tolist() == [1200.0, 20.0] and p["balanced"].all()
    assert np.isnan(p.loc[0, "a_median"])


def test_build_panel_refuses_a_missing_occupation_code():
    """``TypeError: 'float' object is not subscriptable``."""
    with pytest.raises(DataFormatError, match=r"^frames\[2021\], row 2, column 'occ_code': the occupation code is "
                                              r"missing$"):
        outcomes.build_panel({2021: _national(codes=("11-1011", None))}, SOC18)


@pytest.mark.parametrize("soc, match", [
    (None, r"^soc_detailed must be a list of SOC 2018 detailed codes, got NoneType None$"),
    (5, r"^soc_detailed must be a list of SOC 2018 detailed codes, got int 5$"),
    ("11-1011", r"^soc_detailed must be a list of SOC 2018 detailed codes, got str '11-1011': write \['11-1011'\]$"),
    ({"11-1011": 1}, r"^soc_detailed must be a list of SOC 2018 detailed codes, got dict$"),
    ([], r"^soc_detailed must hold at least one SOC code, got \[\]$"),
    (["11-1011", "x"], r"^soc_detailed must hold SOC codes \(like 11-1011\), got 'x' at position 1$"),
    (["11-1011", None], r"^soc_detailed must hold SOC codes \(like 11-1011\), got None at position 1$"),
])
def test_build_panel_refuses_soc_detailed_that_is_not_a_list_of_codes(soc, match):
    """A list of codes, not one str, None or an empty list.

    ``TypeError: 'NoneType' object is not iterable``; a string (read letter by letter) or
    an empty list made every OEWS code "neither a SOC 2018 detailed code nor ...".
    """
    with pytest.raises(DataFormatError, match=match):
        outcomes.build_panel({2021: _national()}, soc)


@pytest.mark.parametrize("recode, shown", [(5, "int 5"), ("x", "str 'x'"), (["x"], r"list \['x'\]"),
                                           (pd.DataFrame(), "DataFrame")])
def test_build_panel_refuses_recode_that_is_not_a_mapping(recode, shown):
    """``TypeError``, ``dictionary update sequence element #0 has length 1``, pandas' truth value error."""
    with pytest.raises(DataFormatError, match=rf"^recode must be a mapping of OEWS code to panel code \(dict\) or "
                                              rf"None, got {shown}$"):
        outcomes.build_panel({2021: _national()}, SOC18, recode=recode)


# 11. load_panel and check_panel --------------------------------------------------------------

@pytest.mark.parametrize("years, match", [
    ("2025", r"^years must be a list of May years, got str '2025': write \[2025\]$"),
    (2025, r"^years must be a list of May years, got int 2025$"),
    (None, r"^years must be a list of May years, got NoneType None$"),
    (["x"], r"^years must be a list of May years, got list \['x'\]$"),
    ([2025.5], r"^years must be a list of May years, got list \[2025.5\]$"),
    ([True], r"^years must be a list of May years, got list \[True\]$"),
    ([1], r"^years must be a list of May years, got list \[1\]$"),
])
def test_load_panel_refuses_years_that_are_not_a_list_of_years(years, match, tmp_path):
    """``"2025"`` asked for the OEWS release '2'; 2025 raised ``TypeError: not iterable``."""
    with pytest.raises(DataFormatError, match=match):
        outcomes.load_panel(years, mirror=tmp_path, data_dir=tmp_path)


@pytest.mark.parametrize("panel, match", [
    (None, r"^panel must be a pandas DataFrame, got NoneType None$"),
    ("p.parquet", r"^panel must be a pandas DataFrame, got str 'p.parquet'$"),
    (PANEL.drop(columns="balanced"), r"^panel: the panel lacks column\(s\) \['balanced'\]$"),
    (PANEL.assign(balanced="no"), r"^panel, row 1, column 'balanced': balanced must be True or False, got 'no'$"),
])
def test_check_panel_refuses_what_is_not_a_panel(panel, match):
    """``AttributeError: ... 'empty'``, ``KeyError: 'balanced'``; ``"no"`` was read as True."""
    with pytest.raises(DataFormatError, match=match):
        outcomes.check_panel(panel)


@pytest.mark.parametrize("year, shown", [("May 2022", "str 'May 2022'"), (None, "NoneType None"), (2022.5, "float 2022.5"),
                                         ([2022], r"list \[2022\]")])
def test_check_panel_refuses_a_base_year_that_is_not_a_year(year, shown):
    """A base year that is not a whole number is named.

    It said "the panel has no balanced occupation in the base year 2022" (it has), or
    ``ValueError: Lengths must match to compare``.
    """
    with pytest.raises(DataFormatError, match=rf"^base_year must be a year \(int\), got {shown}$"):
        outcomes.check_panel(PANEL, base_year=year)


# 12. exposure_groups -------------------------------------------------------------------------

@pytest.mark.parametrize("kw, match", [
    ({"weights": {}}, r"^weights must be a list of numbers, got dict$"),
    ({"cuts": {}}, r"^cuts must be a list of numbers, got dict$"),
    ({"cuts": pd.DataFrame()}, r"^cuts must be a list of numbers, got DataFrame$"),
])
def test_exposure_groups_refuses_a_mapping_as_weights_or_cuts(kw, match):
    """``weights={}``: ``TypeError: float() argument ...``; ``cuts={}`` put everything in group 1."""
    with pytest.raises(DataFormatError, match=match):
        outcomes.exposure_groups([0.1, 0.2, 0.3], q=3, **kw)


def test_exposure_groups_refuses_a_mapping_as_values():
    """The keys of a dict were read as the values (``got 'a' at position 0``)."""
    with pytest.raises(DataFormatError, match=r"^values must be a list, array or Series of exposure values, got dict$"):
        outcomes.exposure_groups({"a": 0.1, "b": 0.2}, q=2)


@pytest.mark.parametrize("q", [2.0, np.float64(2.0)])
def test_exposure_groups_takes_a_whole_float_as_a_number_of_groups(q):
    """``q=2.0`` was refused as "not a whole number of groups"."""
    v = [0.1, 0.2, 0.3, 0.4]
    assert outcomes.exposure_groups(v, q=q).tolist() == outcomes.exposure_groups(v, q=2).tolist() == [1, 1, 2, 2]
