"""Round 20: faults of the OEWS reader (:mod:`exposure.oews`) and the outcomes panel.

Leads of the previous round, verified:

1. an employment of ``1e305`` (or one that overflows once summed or multiplied by a
   wage) was taken by :func:`~exposure.outcomes.build_panel` (the panel then held it, or a
   recode merge gave ``SchemaError: occupation panel, row 0, column 'a_mean' ... check
   finite: inf``, the row of the output), and by :func:`~exposure.outcomes.group_growth`,
   :func:`~exposure.outcomes.event_study` and :func:`~exposure.outcomes.run_outcomes`
   with numpy's ``RuntimeWarning: overflow`` only: NaN wage growth, coefficients of
   ``5e-154`` with a NaN standard error. :func:`~exposure.outcomes.exposure_groups`
   grouped weights whose sum overflows wrongly (with the same warning);
2. :func:`~exposure.outcomes.build_panel` took an empty (or blank, or not text) occupation
   title, though it refuses a missing one; :func:`~exposure.oews.read_oews` read a blank
   ``OCC_TITLE`` / ``NAICS_TITLE`` as the title ``''``;
3. the text ``"nan"`` as an occupation code: :func:`~exposure.oews.read_oews` refuses it;
   :func:`~exposure.outcomes.build_panel` said ``occupation code nan is neither a SOC 2018
   detailed code nor an OEWS aggregate ...`` (unquoted: read as a missing value), and a
   padded code (``'11-1011 '``, ``'11-1011.00'``) was refused by the panel's schema naming
   the row of the built panel, not the input table;
4. a fractional employment (``1234.5``) in an OEWS file is refused by
   :func:`~exposure.oews.read_oews` (``not an integer``) but was taken by
   :func:`~exposure.outcomes.build_panel` and :func:`~exposure.outcomes.sector_growth`
   (0.5 workers, a growth of 220; ``1e-300`` workers an infinite growth rate).

Found in this round: a ``recode`` value that is not a SOC code (``'31-1121 '``) was refused
by the panel's schema naming the built panel's rows; an ``o_group`` or ``i_group`` that is
not one of OEWS's (``'Detailed'``, ``'Sector'``, missing) left that row out of
:func:`~exposure.outcomes.build_panel` and :func:`~exposure.outcomes.sector_growth`
without a word (the occupation or sector came out as not published in every year); a
wage or RSE of ``1e305`` in an OEWS file was read.

No mirror and no network.
"""

from __future__ import annotations

import warnings

import pandas as pd
import pytest
from _frames import outcome_exposures, outcome_panel
from _frames import with_cell as _cell

from exposure import outcomes
from exposure.errors import DataFormatError
from exposure.oews import read_oews

SOC = ["11-1011", "11-1021", "31-1121", "31-1122"]


def _national(emp=(10, 20), *, codes=("11-1011", "31-1120"), titles=("CEOs", "Aides"),
              mean=(200e3, 30e3), median=(190e3, 29e3), o_group="detailed", i_group="cross-industry"):
    """A national OEWS table (two cross-industry detailed rows) as build_panel reads it."""
    return pd.DataFrame({"i_group": i_group, "o_group": o_group, "occ_code": list(codes),
                         "occ_title": list(titles), "tot_emp": list(emp), "a_mean": list(mean),
                         "a_median": list(median)})


def _frames(first: pd.DataFrame) -> dict:
    return {2021: first, 2022: _national((11, 22))}


def _sectors(emp=(100, 200), i_group=("sector", "sector")):
    return pd.DataFrame({"naics": ["51", "72"], "naics_title": ["Information", "Food"],
                         "i_group": list(i_group), "occ_code": "00-0000", "tot_emp": list(emp)})


SCORES = pd.DataFrame({"naics": ["51", "72"], "beta": [0.47, 0.18]})
PANEL = outcome_panel()
EX = outcome_exposures(PANEL)

HEADER = ("NAICS,NAICS_TITLE,I_GROUP,OCC_CODE,OCC_TITLE,O_GROUP,TOT_EMP,EMP_PRSE,H_MEAN,A_MEAN,"
          "MEAN_PRSE,H_MEDIAN,A_MEDIAN\n")
ROW = "000000,Cross-industry,cross-industry,11-1011,Chief Executives,detailed,\"211,850\",1.2,100.5,209000,0.5,90.1,190000\n"


def _oews_file(tmp_path, row: str):
    p = tmp_path / "oews.csv"
    p.write_text(HEADER + ROW + row)
    return p


# 1. numbers too large: build_panel, the estimation, exposure_groups, read_oews --------------

@pytest.mark.parametrize("value, shown", [(1e305, r"1e\+305"), ("1e20", "'1e20'"), (2.0**63, r"9.223372036854776e\+18")])
def test_build_panel_refuses_an_employment_too_large_for_a_count(value, shown):
    """1e305 workers went into the panel as given (and 1e305 x a wage overflowed in a merge)."""
    with pytest.raises(DataFormatError, match=r"^frames\[2021\], row 1, column 'tot_emp': tot_emp is too large "
                       rf"for a number of workers, got {shown}$"):
        outcomes.build_panel(_frames(_national((value, 20))), SOC)


@pytest.mark.parametrize("column", ["a_mean", "a_median"])
def test_build_panel_refuses_a_wage_too_large(column):
    frame = _national(**{"mean" if column == "a_mean" else "median": (1e305, 30e3)})
    with pytest.raises(DataFormatError, match=rf"^frames\[2021\], row 1, column '{column}': {column} is too large "
                       r"for a wage, got 1e\+305$"):
        outcomes.build_panel(_frames(frame), SOC)


def test_build_panel_recode_merge_of_a_huge_wage_names_the_input_row():
    """A wage of 1e200 went into the panel (a merge weighs it by employment: 1e200 x 1e200 overflows)."""
    f = _national((10, 20), codes=("11-1011", "11-1012"), mean=(1e200, 1e200))
    with pytest.raises(DataFormatError, match=r"^frames\[2021\], row 1, column 'a_mean': a_mean is too large"):
        outcomes.build_panel({2021: f, 2022: _national((1, 2), codes=("11-1011", "11-1012"))}, SOC,
                             recode={"11-1012": "11-1011"})


def test_build_panel_still_reads_large_counts_and_whole_floats():
    p = outcomes.build_panel(_frames(_national((9.0e18, 20.0))), SOC)
    assert p["tot_emp"].tolist() == [9.0e18, 11.0, 20.0, 22.0]


@pytest.mark.parametrize("run", ["group_growth", "event_study", "run_outcomes"])
def test_estimation_refuses_an_employment_too_large(run):
    """RuntimeWarning: overflow, then NaN wage growth or coefficients of 1e-154 with a NaN se."""
    panel = _cell(PANEL, "tot_emp", 3, 1e305, dtype=float)
    kwargs = {"q": 2} if run != "event_study" else {}
    if run == "run_outcomes":
        kwargs["with_robustness"] = False
    with pytest.raises(DataFormatError, match=r"^panel, row 4, column 'tot_emp': tot_emp is too large for a "
                       r"number of workers, got 1e\+305$"):
        getattr(outcomes, run)(panel, EX, **kwargs)


def test_estimation_refuses_a_wage_too_large():
    panel = _cell(PANEL, "a_mean", 2, 1e200, dtype=float)
    with pytest.raises(DataFormatError, match=r"^panel, row 3, column 'a_mean': a_mean is too large for a wage, "
                       r"got 1e\+200$"):
        outcomes.group_growth(panel, EX, q=2)


def test_estimation_of_a_valid_panel_is_unchanged_and_warns_nothing():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        got = outcomes.group_growth(PANEL, EX, q=2)
    assert got["n_occupations"].tolist() == [6, 2]


def test_exposure_groups_with_weights_whose_sum_overflows():
    """The sum of the weights was inf: wrong groups (1, 1, 4, 4), with a RuntimeWarning only."""
    values = [0.1, 0.2, 0.3, 0.4]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        got = outcomes.exposure_groups(values, weights=[1.0, 1e308, 1e308, 1.0], q=4)
    want = outcomes.exposure_groups(values, weights=[0.0, 1.0, 1.0, 0.0], q=4)
    assert got.tolist() == want.tolist() == [1, 2, 4, 4]


def test_exposure_groups_of_ordinary_weights_is_unchanged():
    assert outcomes.exposure_groups([0.1, 0.2, 0.3], weights=[1, 2, 1], q=2).tolist() == [1, 2, 2]


@pytest.mark.parametrize("column, rule", [("A_MEAN", "a wage"), ("EMP_PRSE", "a relative standard error")])
def test_read_oews_refuses_a_wage_or_rse_too_large(tmp_path, column, rule):
    cells = dict(zip(HEADER.strip().split(","), ("000000,Cross-industry,cross-industry,11-1021,Managers,detailed,"
                                                  "1234,1.2,60,125000,0.4,50,104500").split(",")))
    cells[column] = "1e305"
    p = _oews_file(tmp_path, ",".join(cells.values()) + "\n")
    with pytest.raises(DataFormatError, match=rf"oews.csv, row 3, column '{column}': {column} is too large for "
                       rf"{rule}, got '1e305'$"):
        read_oews(p)


# 2. fractional employment -----------------------------------------------------------------

@pytest.mark.parametrize("value, shown", [(1234.5, "1234.5"), ("1,234.5", "'1,234.5'"), (0.5, "0.5")])
def test_build_panel_refuses_a_fractional_employment(value, shown):
    """read_oews refuses it (``not an integer``); build_panel put 1234.5 workers in the panel."""
    with pytest.raises(DataFormatError, match=r"^frames\[2021\], row 1, column 'tot_emp': tot_emp must be a whole "
                       rf"number of workers \(OEWS counts jobs\), got {shown}$"):
        outcomes.build_panel(_frames(_national((value, 20))), SOC)


@pytest.mark.parametrize("value", [0.5, 1e-300, 1e305])
def test_sector_growth_refuses_an_employment_that_is_no_count(value):
    """0.5 workers gave a growth of 220; 1e-300 an infinite growth rate (RuntimeWarning only)."""
    frames = {2021: _sectors((value, 200)), 2022: _sectors((110, 200)), 2025: _sectors((99, 220))}
    with pytest.raises(DataFormatError, match=r"^frames\[2021\], row 1, column 'tot_emp': tot_emp (must be a whole "
                       r"number of workers|is too large for a number of workers)"):
        outcomes.sector_growth(frames, SCORES, ["beta"])


def test_sector_growth_of_whole_counts_is_unchanged():
    frames = {2021: _sectors((100.0, 200)), 2022: _sectors(("110", "**")), 2025: _sectors((99, 220))}
    out = outcomes.sector_growth(frames, SCORES, ["beta"])
    assert out["naics"].tolist() == ["51"] and out["emp_growth_pre"].round(2).tolist() == [0.1]


# 3. titles ------------------------------------------------------------------------------------

@pytest.mark.parametrize("title, rule", [("", "is empty"), ("   ", "is empty"),
                                         (5, "must be text, got 5")])
def test_build_panel_refuses_an_empty_title(title, rule):
    """A missing title was refused, but '' (and 5, read as '5') went into the panel."""
    with pytest.raises(DataFormatError, match=rf"^frames\[2021\], row 1, column 'occ_title': the occupation title "
                       rf"{rule}"):
        outcomes.build_panel(_frames(_national(titles=(title, "Aides"))), SOC)


@pytest.mark.parametrize("column, pos", [("OCC_TITLE", 4), ("NAICS_TITLE", 1)])
@pytest.mark.parametrize("blank", ["", "  "])
def test_read_oews_refuses_a_blank_title(tmp_path, column, pos, blank):
    cells = "000000,Cross-industry,cross-industry,11-1021,Managers,detailed,1234,1.2,60,125000,0.4,50,104500".split(",")
    cells[pos] = blank
    p = _oews_file(tmp_path, ",".join(cells) + "\n")
    with pytest.raises(DataFormatError, match=rf"oews.csv, row 3, column '{column}': {column} is blank"):
        read_oews(p)


# 4. codes that are not SOC codes, and recode ----------------------------------------------------

@pytest.mark.parametrize("code, tail", [("11-1011 ", ": spaces around the code: write '11-1011'"),
                                        ("11-1011.00", r": an O\*NET-SOC code\? a SOC code has no suffix: write '11-1011'"),
                                        ("nan", r": a missing code \(or one written as text\)\?"),
                                        ("None", r": a missing code \(or one written as text\)\?")])
def test_build_panel_names_the_input_row_of_a_malformed_code(code, tail):
    """A SchemaError named the built panel's row; 'nan' was said to be the code nan (unquoted)."""
    with pytest.raises(DataFormatError, match=r"^frames\[2021\], row 1, column 'occ_code': not a SOC code "
                       rf"\(like 11-1011\): '{code}'{tail}$"):
        outcomes.build_panel(_frames(_national(codes=(code, "31-1120"))), SOC)


@pytest.mark.parametrize("target", ["31-1121 ", "nan", "31-1121.00"])
def test_build_panel_refuses_a_recode_value_that_is_not_a_code(target):
    """'31-1121 ' gave a SchemaError on rows 2 and 3 of the built panel; 'nan' blamed the table."""
    with pytest.raises(DataFormatError, match=rf"^recode maps '31-1120' to '{target}', which is not a SOC code "
                       r"\(like 11-1011\)$"):
        outcomes.build_panel(_frames(_national()), SOC, recode={"31-1120": target})


# 5. o_group / i_group that are not OEWS's ----------------------------------------------------------

@pytest.mark.parametrize("column, value", [("o_group", "Detailed"), ("o_group", " detailed"), ("o_group", None),
                                           ("i_group", "Cross-industry"), ("i_group", None)])
def test_build_panel_refuses_a_group_that_is_not_oews(column, value):
    """The row was skipped: 11-1011 came out unbalanced (left out of the estimation), logged at INFO only."""
    frame = _cell(_national(), column, 0, value)
    with pytest.raises(DataFormatError, match=rf"^frames\[2021\], row 1, column '{column}': {column} "):
        outcomes.build_panel(_frames(frame), SOC)


def test_build_panel_still_skips_other_oews_groups():
    frame = pd.concat([_national(), _national((5, 6), codes=("11-0000", "31-0000"), o_group="major")],
                      ignore_index=True)
    assert outcomes.build_panel(_frames(frame), SOC)["soc_code"].unique().tolist() == ["11-1011", "31-1120"]


@pytest.mark.parametrize("value", ["Sector", None])
def test_sector_growth_refuses_an_i_group_that_is_not_oews(value):
    """Sector 51 was left out as not published in every year (an INFO line)."""
    frames = {2021: _sectors(), 2022: _sectors((110, 200), i_group=(value, "sector")), 2025: _sectors((99, 220))}
    with pytest.raises(DataFormatError, match=r"^frames\[2022\], row 1, column 'i_group': i_group "):
        outcomes.sector_growth(frames, SCORES, ["beta"])
