"""Round 6 faults: the employment and wage numbers of the roll-ups (``tot_emp``, ``a_mean``).

``workforce_stats`` and ``working_time`` read ``soc_scores.tot_emp`` (and ``a_mean``) as
``to_soc`` / ``to_sectors`` read the same columns of the OEWS frame: ``"1,200"`` is 1200,
the BLS special values (``**``, ``*``, ``#``, ``~``) and blanks are missing; other text, a
boolean, a negative or infinite number is refused naming the frame, the row (from 1) and
the column. Before: numpy's ``ValueError: could not convert string to float`` for text, and
a boolean employment read as 1.0 workers (also in the OEWS frame of ``to_soc`` and
``to_sectors``).
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest
from _frames import crosswalk, employment, occupation_scores, soc_scores

from exposure.errors import DataFormatError
from exposure.rollup import to_census_occ, to_sectors, to_soc, workforce_stats, working_time

SPECIAL = "a number or a BLS special value (** * # ~)"


def _scores(**changes) -> pd.DataFrame:
    """SocScores of the CEOs (100 workers, $200k) and the buyers (50, $80k); ``changes`` replace columns."""
    return soc_scores(tot_emp=[100.0, 50.0], a_mean=[200000.0, 80000.0]).assign(**changes)


def _workforce(soc, emp=None):
    return workforce_stats(soc, emp)


def _working(soc, emp=None):
    return working_time(soc, emp)


ROLLUPS = pytest.mark.parametrize("rollup", [_workforce, _working], ids=["workforce_stats", "working_time"])


# -- soc_scores.tot_emp / a_mean of workforce_stats and working_time -----------------------------

@ROLLUPS
@pytest.mark.parametrize("value, shown", [
    ("n/a", "'n/a'"), ("1.200,5", "'1.200,5'"), ("many", "'many'"), (True, "True"),
])
def test_rollup_refuses_a_tot_emp_that_is_not_a_number(rollup, value, shown):
    """Text or a boolean among numbers: refused naming the row; before, ValueError or 1.0."""
    soc = _scores(tot_emp=pd.Series([100.0, value], dtype=object))
    message = f"soc_scores, row 2, column 'tot_emp': tot_emp must be {SPECIAL}, got {shown}" + (
        ": a comma must separate thousands (1,234); write decimals with a point (1200.5), not a comma"
        if value == "1.200,5" else "")  # the number to write (round 74)
    with pytest.raises(DataFormatError, match="^" + re.escape(message) + "$"):
        rollup(soc)


@ROLLUPS
@pytest.mark.parametrize("dtype", ["bool", "boolean", "bool[pyarrow]"])
def test_rollup_refuses_a_boolean_tot_emp_column(rollup, dtype):
    """A boolean column (``soc["tot_emp"] > 60``) was read as 1.0 / 0.0 workers."""
    soc = _scores(tot_emp=pd.Series([True, False], dtype=dtype))
    with pytest.raises(DataFormatError, match=re.escape(
            f"soc_scores, row 1, column 'tot_emp': tot_emp must be {SPECIAL}, got True")):
        rollup(soc)


@ROLLUPS
@pytest.mark.parametrize("value, shown", [(-5.0, "-5.0"), (np.inf, "inf")])
def test_rollup_refuses_a_negative_or_infinite_tot_emp(rollup, value, shown):
    """As the OEWS frame of to_soc refuses them."""
    soc = _scores(tot_emp=[100.0, value])
    with pytest.raises(DataFormatError, match=re.escape(
            f"soc_scores, row 2, column 'tot_emp': tot_emp must be a finite number of at least 0, got {shown}")):
        rollup(soc)


@ROLLUPS
def test_rollup_reads_oews_text_and_special_values_as_the_oews_frame_does(rollup):
    """'1,200' is 1200; '**', '*', '#', '~' and blanks are missing; the results equal the numbers'."""
    soc = soc_scores(buyers="13-1020").iloc[[0, 1, 1, 1, 1, 1, 1]].reset_index(drop=True)
    soc["soc_code"] = ["11-1011", "13-1020", "13-1031", "13-1041", "13-1051", "13-1071", "13-1081"]
    text = soc.assign(tot_emp=["1,200", "**", "*", "#", "~", " ", None])
    numbers = soc.assign(tot_emp=[1200.0] + [np.nan] * 6)
    pd.testing.assert_frame_equal(rollup(text), rollup(numbers))


@ROLLUPS
def test_rollup_counts_rows_by_position_not_index(rollup):
    soc = _scores(tot_emp=pd.Series(["100", "n/a"], dtype=object)).set_axis([7, 3])
    with pytest.raises(DataFormatError, match=r"^soc_scores, row 2, column 'tot_emp'"):
        rollup(soc)


@pytest.mark.parametrize("value, shown", [("n/a", "'n/a'"), (True, "True"), (-1.0, None)])
def test_workforce_stats_refuses_a_bad_a_mean(value, shown):
    """The wage of the wage-bill weights: refused like tot_emp; before, ValueError or $1."""
    soc = _scores(a_mean=pd.Series([200000.0, value], dtype=object if shown else float))
    what = f"must be {SPECIAL}, got {shown}" if shown else "must be a finite number of at least 0, got -1.0"
    with pytest.raises(DataFormatError, match=re.escape(f"soc_scores, row 2, column 'a_mean': a_mean {what}")):
        workforce_stats(soc)


def test_workforce_stats_refuses_a_boolean_a_mean_column():
    with pytest.raises(DataFormatError, match=re.escape(
            f"soc_scores, row 1, column 'a_mean': a_mean must be {SPECIAL}, got True")):
        workforce_stats(_scores(a_mean=[True, False]))


def test_workforce_stats_reads_a_top_coded_wage_as_missing():
    """'#' (top-coded) and '*' leave the row out of the wage mean, as wage_mean documents."""
    text = _scores(a_mean=["#", "80,000"])
    numbers = _scores(a_mean=[np.nan, 80000.0])
    got = workforce_stats(text)
    pd.testing.assert_frame_equal(got, workforce_stats(numbers))
    beta = got[(got["group_type"] == "all") & (got["measure"] == "beta")].iloc[0]
    assert beta["wage_mean"] == pytest.approx(0.3)  # the buyers alone


def test_working_time_does_not_read_a_mean():
    """working_time uses no wage: a bad a_mean there is not its business."""
    wt = working_time(_scores(a_mean=["n/a", "x"]))
    assert wt["tot_emp"].tolist() == [100.0, 50.0]


def test_rollup_checks_tot_emp_before_the_employment_frame():
    """The soc_scores row is named even when the employment frame is bad too."""
    with pytest.raises(DataFormatError, match=r"^soc_scores, row 2, column 'tot_emp'"):
        workforce_stats(_scores(tot_emp=["1", "x"]), "oews.csv")
    with pytest.raises(DataFormatError, match=r"^soc_scores, row 2, column 'tot_emp'"):
        working_time(_scores(tot_emp=["1", "x"]), "oews.csv")


def test_rollup_valid_numbers_unchanged():
    """Numeric tot_emp/a_mean (with missing values) give what they gave."""
    soc = _scores(tot_emp=[100.0, np.nan], a_mean=[np.nan, 80000.0])
    w = workforce_stats(soc, employment())
    allb = w[(w["group_type"] == "all") & (w["measure"] == "beta")].iloc[0]
    assert allb["tot_emp"] == 100.0 and allb["emp_mean"] == pytest.approx(0.4)
    assert np.isnan(allb["wage_mean"])
    wt = working_time(soc, employment()).set_index(["level", "code"])
    assert wt.loc[("sector", "11"), "covered_emp"] == 100.0


# -- a boolean employment in the OEWS frame of to_soc / to_sectors (_soc._number) -----------------

def _bool_employment(column: str, dtype: str = "bool", upper: bool = False) -> pd.DataFrame:
    emp = employment()
    emp[column] = pd.Series([True] * len(emp), dtype=dtype)
    return emp.rename(columns=str.upper) if upper else emp


@pytest.mark.parametrize("dtype", ["bool", "boolean"])
@pytest.mark.parametrize("upper", [False, True], ids=["read_oews", "bls"])
def test_to_soc_refuses_a_boolean_tot_emp(dtype, upper):
    """Before: every cross-industry code had 1.0 worker, without a word."""
    col = "TOT_EMP" if upper else "tot_emp"
    with pytest.raises(DataFormatError, match="^" + re.escape(
            f"employment frame, row 1, column '{col}': {col} must be {SPECIAL}, got True") + "$"):
        to_soc(occupation_scores(), crosswalk(), _bool_employment("tot_emp", dtype, upper))


def test_to_sectors_refuses_a_boolean_tot_emp():
    with pytest.raises(DataFormatError, match=re.escape(
            f"employment frame, row 1, column 'tot_emp': tot_emp must be {SPECIAL}, got True")):
        to_sectors(soc_scores(), _bool_employment("tot_emp"))


def test_to_soc_refuses_a_boolean_a_mean():
    with pytest.raises(DataFormatError, match=re.escape(
            f"employment frame, row 1, column 'A_MEAN': A_MEAN must be {SPECIAL}, got True")):
        to_soc(occupation_scores(), crosswalk(), _bool_employment("a_mean", upper=True))


def test_workforce_stats_refuses_a_boolean_in_its_employment_frame():
    """The sector cells of workforce_stats come from the same frame."""
    with pytest.raises(DataFormatError, match=re.escape("employment frame, row 1, column 'tot_emp':")):
        workforce_stats(_scores(), _bool_employment("tot_emp"))


def test_employment_frame_refuses_a_complex_tot_emp():
    """A complex count was cut to its real part with a numpy ComplexWarning."""
    emp = employment()
    emp["tot_emp"] = emp["tot_emp"].astype(complex)
    emp.loc[1, "tot_emp"] = 50 + 2j
    with pytest.raises(DataFormatError, match=re.escape(
            f"employment frame, row 1, column 'tot_emp': tot_emp must be {SPECIAL}, got (100+0j)")):
        to_soc(occupation_scores(), crosswalk(), emp)


def test_employment_frame_all_missing_boolean_column_stays_missing():
    """A 'boolean' column with no value is missing, as measure_values keeps it."""
    emp = employment()
    emp["a_mean"] = pd.Series([pd.NA] * len(emp), dtype="boolean")
    soc = to_soc(occupation_scores(), crosswalk(), emp)
    assert soc["a_mean"].isna().all() and soc["tot_emp"].tolist() == [100.0, 50.0]


def test_to_census_occ_refuses_a_boolean_tot_emp():
    """to_census_occ reads its employment through the same parser."""
    cxw = pd.DataFrame({"onetsoc_code": ["11-1011.00", "13-1021.00"], "census_occ": ["0010", "0510"]})
    emp = pd.DataFrame({"soc_code": ["11-1011", "13-1020"], "tot_emp": [True, False]})
    with pytest.raises(DataFormatError, match=re.escape(
            f"employment, row 1, column 'tot_emp': tot_emp must be {SPECIAL}, got True")):
        to_census_occ(occupation_scores(), crosswalk=cxw, employment=emp)


# -- commas: thousands separators only ----------------------------------------------------------

@pytest.mark.parametrize("value, written", [("1.200,5", "1200.5"), ("1,2", "1.2"), ("12,00", "12.00")])
def test_to_soc_refuses_a_comma_that_is_not_a_thousands_separator(value, written):
    """'1.200,5' (decimal comma) was read as 1.2005 workers: the commas were dropped blindly."""
    emp = employment().astype({"tot_emp": object}).rename(columns=str.upper)
    emp.loc[1, "TOT_EMP"] = value
    with pytest.raises(DataFormatError, match="^" + re.escape(
            f"employment frame, row 2, column 'TOT_EMP': TOT_EMP must be {SPECIAL}, got {value!r}: a comma must "
            f"separate thousands (1,234); write decimals with a point ({written}), not a comma") + "$"):  # (round 74)
        to_soc(occupation_scores(), crosswalk(), emp)


def test_to_soc_reads_thousands_separators():
    text = employment().assign(tot_emp=["1,100", "50", "1,234,567.0", " 60 ", "40"])
    soc = to_soc(occupation_scores(), crosswalk(), text)
    assert soc["tot_emp"].tolist() == [1100.0, 50.0]
    sec = to_sectors(soc_scores(), text)
    assert sec["tot_emp"].tolist() == [1234567.0] and sec["covered_emp"].tolist() == [100.0]
