"""Leftovers of the round-6 argument checks of :mod:`exposure.outcomes` and ``coverage``.

1. :func:`exposure.outcomes.exposure_groups` read boolean exposure values as 1 and 0;
2. :func:`exposure.outcomes.pretrend` given ``"x"`` raised ``TypeError: string indices
   must be integers``; :func:`exposure.outcomes.headline` checked nothing (a text year
   matched no row, an empty table raised ``ValueError: cannot convert float NaN``);
3. :func:`exposure.outcomes.sector_growth`'s "missing measure" error said
   ``sector_scores: sector_scores lacks ...``;
4. :func:`exposure.outcomes.sector_growth` did not check ``tot_emp`` inside the tables
   (text raised pandas' ``ValueError``, ``True`` was 1 worker, -5 and inf passed);
5. :func:`exposure.rollup.coverage` read ``soc_scores["tot_emp"]`` unchecked (text: a
   numpy ``TypeError``; ``True``: one worker).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from exposure import outcomes
from exposure.errors import DataFormatError, ExposureError
from exposure.rollup import coverage

# 1. exposure_groups: booleans are not exposure values ---------------------------------

@pytest.mark.parametrize("values, shown, pos", [
    ([True, False, 0.3, 0.4], "True", 0),
    ([0.1, 0.2, False, 0.4], "False", 2),
    (pd.Series([True, False, True, False]), "True", 0),
    (pd.Series([None, True, False, True], dtype="boolean"), "True", 1),
    (np.array([True, False, True, False]), "True", 0),
    ([0.1, np.True_, 0.3, 0.4], "True", 1),
])
def test_exposure_groups_refuse_boolean_values(values, shown, pos):
    with pytest.raises(DataFormatError, match=rf"^exposure values must be numbers, got {shown} at position {pos}$"):
        outcomes.exposure_groups(values, q=2)


def test_exposure_groups_of_numbers_are_unchanged():
    assert outcomes.exposure_groups([1, 0, 1, 0], q=2).tolist() == [2, 1, 2, 1]
    assert outcomes.exposure_groups(pd.Series([0.1, None, 0.3, 0.4]), q=2).tolist() == [1, pd.NA, 2, 2]
    assert outcomes.exposure_groups(np.array([0.1, 0.2, 0.3, 0.4]), cuts=[0.25]).tolist() == [1, 1, 2, 2]


# 2. pretrend and headline ------------------------------------------------------------

def _coefs() -> pd.DataFrame:
    return pd.DataFrame({
        "measure": "beta", "outcome": "log_emp",
        "spec": ["baseline", "baseline", "baseline", "unweighted", "unweighted"],
        "year": [2021, 2022, 2025, 2021, 2025],
        "coef": [0.01, 0.0, -0.02, 0.0, -0.01], "se": [0.02, np.nan, 0.01, 0.01, 0.01],
        "ci_low": [-0.03, np.nan, -0.03, -0.02, -0.02], "ci_high": [0.05, np.nan, -0.01, 0.02, 0.0],
        "p_value": [0.6, np.nan, 0.001, 0.9, 0.05], "n_occupations": 700})


@pytest.mark.parametrize("func", ["pretrend", "headline"])
@pytest.mark.parametrize("value, shown", [("x", "str 'x'"), (None, "NoneType None"), ([1], "list"),
                                          (pd.Series([1.0]), "Series")])
def test_pretrend_and_headline_refuse_coefficients_that_are_not_a_frame(func, value, shown):
    with pytest.raises(DataFormatError, match=rf"^coefficients must be a pandas DataFrame, got {shown}$"):
        getattr(outcomes, func)(value)


@pytest.mark.parametrize("func, column", [("pretrend", "se"), ("pretrend", "spec"),
                                          ("headline", "n_occupations"), ("headline", "year")])
def test_pretrend_and_headline_refuse_coefficients_without_a_column(func, column):
    with pytest.raises(DataFormatError, match=rf"^coefficients lacks column\(s\) \['{column}'\]$"):
        getattr(outcomes, func)(_coefs().drop(columns=column))


@pytest.mark.parametrize("func", ["pretrend", "headline"])
@pytest.mark.parametrize("column, value, match", [
    ("coef", "x", r"^coefficients, row 2, column 'coef': not a number: 'x'$"),
    ("ci_low", True, r"^coefficients, row 2, column 'ci_low': not a number: True$"),
    ("p_value", np.inf, r"^coefficients, row 2, column 'p_value': not a finite number: inf$"),
    ("year", "May", r"^coefficients, row 2, column 'year': not a number: 'May'$"),
    ("year", 2021.5, r"^coefficients, row 2, column 'year': year must be a whole number, got 2021.5$"),
    ("year", None, r"^coefficients, row 2, column 'year': year must be a whole number, got nan$"),
])
def test_pretrend_and_headline_refuse_bad_cells(func, column, value, match):
    c = _coefs()
    c[column] = c[column].astype(object)
    c.loc[1, column] = value
    with pytest.raises(DataFormatError, match=match):
        getattr(outcomes, func)(c)


@pytest.mark.parametrize("func, kw, match", [
    ("pretrend", {"pre_year": "May 2021"}, r"^pre_year must be a year \(int\), got str 'May 2021'$"),  # round 81: "2021" is read
    ("pretrend", {"pre_year": True}, r"^pre_year must be a year \(int\), got bool True$"),
    ("pretrend", {"pre_year": 2021.5}, r"^pre_year must be a year \(int\), got float 2021.5$"),
    ("pretrend", {"spec": 1}, r"^spec must be a specification name \(str\), got int 1$"),
    ("pretrend", {"spec": None}, r"^spec must be a specification name \(str\), got NoneType None$"),
    ("pretrend", {"spec": ["baseline"]}, r"^spec must be a specification name \(str\), got list \['baseline'\]$"),
    ("headline", {"year": "May 2025"}, r"^year must be a year \(int\) or None, got str 'May 2025'$"),  # round 81: "2025" is read
    ("headline", {"year": False}, r"^year must be a year \(int\) or None, got bool False$"),
    ("headline", {"pre_year": [2021]}, r"^pre_year must be a year \(int\), got list \[2021\]$"),
])
def test_pretrend_and_headline_refuse_bad_arguments(func, kw, match):
    with pytest.raises(DataFormatError, match=match):
        getattr(outcomes, func)(_coefs(), **kw)


def test_headline_of_no_coefficients_says_so():
    with pytest.raises(ExposureError, match=r"^coefficients has no rows: no year to report$"):
        outcomes.headline(_coefs().iloc[:0])


def test_pretrend_and_headline_of_valid_coefficients_are_unchanged():
    c = _coefs()
    p = outcomes.pretrend(c)
    assert p.to_dict("records") == [{"measure": "beta", "outcome": "log_emp", "coef": 0.01, "se": 0.02,
                                     "ci_low": -0.03, "ci_high": 0.05, "p_value": 0.6, "passes": True}]
    pd.testing.assert_frame_equal(outcomes.pretrend(c, pre_year=np.int64(2021), spec="baseline"), p)
    pd.testing.assert_frame_equal(outcomes.pretrend(c, pre_year=2021.0), p)
    assert outcomes.pretrend(c, spec="unweighted")["coef"].tolist() == [0.0]
    h = outcomes.headline(c)
    assert h.to_dict("records") == [{
        "measure": "beta", "outcome": "log_emp", "coef": -0.02, "ci_low": -0.03, "ci_high": -0.01,
        "p_value": 0.001, "pre_coef": 0.01, "pre_p_value": 0.6, "robust_min": -0.02,
        "robust_min_spec": "baseline", "robust_max": -0.01, "robust_max_spec": "unweighted",
        "n_occupations": 700}]
    assert h["n_occupations"].dtype == c["n_occupations"].dtype
    pd.testing.assert_frame_equal(outcomes.headline(c, year=2025, pre_year=np.int64(2021)), h)
    # numbers written as text (a CSV read without types) are read as numbers
    as_text = c.astype({"year": str, "coef": str})
    pd.testing.assert_frame_equal(outcomes.headline(as_text), h)
    pd.testing.assert_frame_equal(outcomes.pretrend(as_text), p)


# 3. and 4. sector_growth -------------------------------------------------------------

def _oews(emp, naics=("51", "72")):
    return pd.DataFrame({"naics": list(naics), "naics_title": ["Information", "Food"][:len(naics)],
                         "i_group": "sector", "occ_code": "00-0000", "tot_emp": emp})


FRAMES = {2021: _oews([100, 200]), 2022: _oews([110, 200]), 2025: _oews([99, 220])}
SCORES = pd.DataFrame({"naics": ["51", "72"], "beta": [0.47, 0.18]})


def test_sector_growth_names_a_missing_measure_once():
    with pytest.raises(DataFormatError, match=r"^sector_scores lacks column\(s\) \['gamma'\]$"):
        outcomes.sector_growth(FRAMES, SCORES, ["beta", "gamma"])


@pytest.mark.parametrize("measures, shown", [(None, "NoneType None"), (5, "int 5")])
def test_sector_growth_refuses_measures_that_are_not_a_list(measures, shown):
    with pytest.raises(DataFormatError, match=rf"^measures must be a list of measure names, got {shown}$"):
        outcomes.sector_growth(FRAMES, SCORES, measures)


_SPECIAL = r"a number or a BLS special value \(\*\* \* # ~\), "


@pytest.mark.parametrize("emp, match", [
    ([100, "abc"], _SPECIAL + r"got 'abc'$"),
    ([100, True], _SPECIAL + r"got True$"),
    ([100, -5], r"a finite number of at least 0, got -5.0$"),
    ([100, np.inf], r"a finite number of at least 0, got inf$"),
    ([100, "1.200,5"], _SPECIAL + r"got '1.200,5': a comma must separate thousands \(1,234\); write decimals "
     r"with a point \(1200\.5\), not a comma$"),  # the number to write (round 74)
])
def test_sector_growth_refuses_employment_that_is_not_a_number_of_workers(emp, match):
    frames = {**FRAMES, 2022: _oews(emp)}
    with pytest.raises(DataFormatError, match=r"^frames\[2022\], row 2, column 'tot_emp': tot_emp must be " + match):
        outcomes.sector_growth(frames, SCORES, ["beta"])


def test_sector_growth_names_the_row_of_the_table_and_its_key():
    table = pd.concat([_oews([1, 2]).assign(occ_code="11-1011"), _oews([100, "n/a"])], ignore_index=True)
    table.index = [10, 11, 12, 13]
    with pytest.raises(DataFormatError, match=r"^frames\['2021'\], row 4, column 'tot_emp': tot_emp must be "
                                              r"a number or a BLS special value \(\*\* \* # ~\), got 'n/a'$"):
        outcomes.sector_growth({"2021": table, 2022: FRAMES[2022], 2025: FRAMES[2025]}, SCORES, ["beta"])


def test_sector_growth_reads_oews_special_values_as_missing():
    frames = {**FRAMES, 2025: _oews(["1,099", "**"])}
    out = outcomes.sector_growth(frames, SCORES, ["beta"])
    assert out["naics"].tolist() == ["51"]  # 72 has no employment in 2025: left out
    assert out["emp_2025"].tolist() == [1099.0]


def test_sector_growth_of_valid_tables_is_unchanged():
    out = outcomes.sector_growth(FRAMES, SCORES, ["beta"])
    assert out.to_dict("list") == {
        "naics": ["51", "72"], "naics_title": ["Information", "Food"], "emp_2021": [100.0, 200.0],
        "emp_2022": [110.0, 200.0], "emp_2025": [99.0, 220.0],
        "emp_growth_pre": [110 / 100 - 1, 0.0], "emp_growth_post": [99 / 110 - 1, 220 / 200 - 1],
        "beta": [0.47, 0.18]}
    nullable = {y: f.astype({"tot_emp": "Int64"}) for y, f in FRAMES.items()}
    pd.testing.assert_frame_equal(outcomes.sector_growth(nullable, SCORES, ["beta"]), out)
    # a non-sector row with a value sector_growth does not read is not refused
    extra = {**FRAMES, 2021: pd.concat([FRAMES[2021], _oews(["abc"], ["000000"]).assign(
        i_group="cross-industry")], ignore_index=True)}
    pd.testing.assert_frame_equal(outcomes.sector_growth(extra, SCORES, ["beta"]), out)


# 5. coverage -------------------------------------------------------------------------

SOC = pd.DataFrame({"soc_code": ["11-1011", "13-1020", "15-1252"], "beta": [0.4, None, 0.5],
                    "tot_emp": [300.0, 100.0, 100.0]})
OCC = pd.DataFrame({"onetsoc_code": ["11-1011.00", "15-1252.00"], "beta": [0.4, 0.5]})


@pytest.mark.parametrize("value, match", [
    ("n/a", r"a number or a BLS special value \(\*\* \* # ~\), got 'n/a'$"),
    (True, r"a number or a BLS special value \(\*\* \* # ~\), got True$"),
    (-1.0, r"a finite number of at least 0, got -1.0$"),
    (np.inf, r"a finite number of at least 0, got inf$"),
])
def test_coverage_refuses_employment_that_is_not_a_number_of_workers(value, match):
    soc = SOC.astype({"tot_emp": object})
    soc.loc[1, "tot_emp"] = value
    with pytest.raises(DataFormatError, match=r"^soc_scores, row 2, column 'tot_emp': tot_emp must be " + match):
        coverage(soc)


def test_coverage_refuses_a_boolean_employment_column():
    with pytest.raises(DataFormatError, match=r"^soc_scores, row 1, column 'tot_emp': .* got True$"):
        coverage(SOC.assign(tot_emp=[True, False, True]))


@pytest.mark.parametrize("soc, occ, match", [
    ("soc.parquet", None, r"^soc_scores must be a pandas DataFrame, got str$"),
    (SOC.drop(columns="tot_emp"), None, r"^soc_scores lacks column\(s\) \['tot_emp'\]"),
    (SOC.drop(columns="beta"), None, r"^soc_scores lacks column\(s\) \['beta'\]"),
    (SOC, [1], r"^occupation_scores must be a pandas DataFrame, got list$"),
    (SOC, OCC.drop(columns="onetsoc_code"), r"^occupation_scores lacks column\(s\) \['onetsoc_code'\]"),
])
def test_coverage_refuses_frames_it_cannot_read(soc, occ, match):
    with pytest.raises(DataFormatError, match=match):
        coverage(soc, occ)


def test_coverage_of_valid_frames_is_unchanged():
    cov = coverage(SOC, OCC)
    assert cov == {"tot_emp": 500.0, "covered_emp": 400.0, "share": 0.8, "n_codes": 3, "n_covered": 2,
                   "prefix_share": 0.8}
    special = SOC.astype({"tot_emp": object})
    special.loc[1, "tot_emp"] = "**"  # not released: counts as 0, as a missing value did
    missing = SOC.assign(tot_emp=[300.0, np.nan, 100.0])
    assert coverage(special, OCC) == coverage(missing, OCC) == {
        "tot_emp": 400.0, "covered_emp": 400.0, "share": 1.0, "n_codes": 3, "n_covered": 2, "prefix_share": 1.0}
    assert coverage(SOC.set_index(pd.Index([7, 3, 5])), OCC) == cov
