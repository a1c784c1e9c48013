"""Round 30: ``exposure outcomes`` and the panel it reads (:mod:`exposure.outcomes`).

Found in this round (each test fails on the code before the fix):

1. ``exposure outcomes --panel FILE`` whose balanced rows lack May 2021 (or a year after
   May 2022) while an unbalanced row has it passed the check of the panel's years (it read
   every row), then failed naming no file and arguments nobody gave: ``pre_year 2021 is
   not in the panel ([2022, 2023])``, ``end_year (2022) must be after base_year (2022)``;
2. :func:`~exposure.outcomes.run_outcomes` with a ``base_year`` that is the first or the last
   year of the panel, or on a panel without May 2021, failed inside ``group_growth`` the
   same way (``pre_year (2021) must be before base_year (2021)``, ``end_year (2023) must be
   after base_year (2023)``), naming no panel and arguments ``run_outcomes`` does not take;
3. ``exposure outcomes --soc-scores FILE --measure webb_ai`` (no measure of ours) read and
   checked the file, then used none of it, without a word;
4. ``exposure outcomes --panel FILE`` with an occupation code and year twice said
   ``OccupationPanel validation failed (2 failure(s)): row 4, check
   multiple_fields_uniqueness: '(the row)'; row 25, ...``: no column, code or year;
5. ``exposure outcomes`` on a measure covering fewer balanced occupations than
   ``--quantiles`` (5 by default) said ``measure 'beta' covers 3 balanced occupations of
   the panel (in the base year 2022): cannot make 5 exposure groups of them``, without the
   option or the ``--soc-scores`` file the measure came from;
6. :func:`~exposure.outcomes.build_panel` read a ``a_mean_top_coded`` flag written as text
   (``"False"``, a table written to CSV and read back) as True: every code was said to be
   top-coded and missing in the warning while its wage was kept;
7. a wage flagged top-coded (``a_mean_top_coded`` True) that still holds a number was kept
   in the panel, while the warning said it was missing: it is now missing, as ``#`` is.

Fixtures are tiny panels and OEWS tables written here; no mirror and no network.
"""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd
import pytest
from _cli import _no_env, run  # noqa: F401 (_no_env: autouse fixture)
from _frames import outcome_exposures, outcome_panel

from exposure import outcomes
from exposure.errors import DataFormatError

pytest.importorskip("statsmodels")

COLUMNS = ["soc_code", "year", "soc_title", "soc_major", "code_type", "tot_emp", "a_mean", "a_median", "balanced"]


def _panel(years=(2021, 2022, 2023)) -> pd.DataFrame:
    rows = [(f"{mj}-10{i}1", t, 100.0 * (i + 1) * (1.0 - 0.02 * i * (t > 2022)) * (1 + 0.005 * ((3 * i + t) % 4)),
             f"{mj}-0000") for mj in ("11", "13") for i in range(4) for t in years]
    p = pd.DataFrame(rows, columns=["soc_code", "year", "tot_emp", "soc_major"])
    return p.assign(soc_title="t", code_type="detailed", a_mean=50000.0 + p["tot_emp"], a_median=40000.0,
                    balanced=True)[COLUMNS]


def _scores(panel, beta=None) -> pd.DataFrame:
    codes = list(panel["soc_code"].unique())
    beta = np.linspace(0.1, 0.8, len(codes)) if beta is None else beta
    return pd.DataFrame({"soc_code": codes, "soc_title": "t", "beta": beta})


def _run(capsys, tmp_path, panel, scores, *more):
    panel.to_parquet(tmp_path / "p.parquet")
    scores.to_parquet(tmp_path / "s.parquet")
    return run(capsys, "outcomes", "--panel", tmp_path / "p.parquet", "--soc-scores", tmp_path / "s.parquet",
               "--no-figures", "--no-robustness", "-o", tmp_path / "out", *(more or ("--measure", "beta")))


def _with_stray_row(panel: pd.DataFrame, year: int) -> pd.DataFrame:
    """``panel`` without ``year`` on its balanced rows, and one unbalanced row of that year."""
    stray = panel[panel["year"] == year].iloc[[0]].assign(soc_code="15-1211", soc_major="15-0000",
                                                         balanced=False)
    return pd.concat([panel[panel["year"] != year], stray], ignore_index=True)


# 1. the years of the balanced rows (the command) --------------------------------------------

@pytest.mark.parametrize(("year", "used", "needs"), [
    (2021, "2022, 2023", "May 2021 (the pre-trend year)"),
    (2023, "2021, 2022", "a year after 2022"),
])
def test_outcomes_reads_the_years_of_the_balanced_rows(tmp_path, capsys, year, used, needs):
    panel = _with_stray_row(_panel(), year)
    code, line = _run(capsys, tmp_path, panel, _scores(panel))
    assert (code, line) == (2, f"exposure outcomes: error: {tmp_path / 'p.parquet'}, column 'year': the balanced "
                               f"occupations of the panel have the years {used} (its other rows: {year}); the "
                               f"event study needs {needs}")
    assert not (tmp_path / "out").exists()


def test_outcomes_runs_on_a_panel_with_every_year_balanced(tmp_path, capsys):
    panel = _panel()
    assert _run(capsys, tmp_path, panel, _scores(panel)) == (0, "")
    assert (tmp_path / "out" / "outcomes_headline.csv").is_file()


# 2. run_outcomes: the years of the analysis -------------------------------------------------

@pytest.mark.parametrize(("base_year", "needs"), [
    (2021, "a base year after the pre-trend year 2021"),
    (2023, "a year after 2023"),
])
def test_run_outcomes_names_the_panel_for_a_base_year_at_its_edge(base_year, needs):
    panel = outcome_panel()
    with pytest.raises(DataFormatError, match=rf"^p\.parquet, column 'year': the balanced occupations of the panel "
                                              rf"have the years 2021, 2022, 2023; with base year {base_year} the "
                                              rf"outcomes need {needs}$"):
        outcomes.run_outcomes(panel, outcome_exposures(panel), q=2, base_year=base_year, with_robustness=False,
                              path="p.parquet")


def test_run_outcomes_names_the_panel_without_the_pre_trend_year():
    panel = outcome_panel()
    with pytest.raises(DataFormatError, match=r"^panel, column 'year': the balanced occupations of the panel have "
                                              r"the years 2022, 2023; with base year 2022 the outcomes need May 2021 "
                                              r"\(the pre-trend year\)$"):
        outcomes.run_outcomes(panel[panel["year"] != 2021], outcome_exposures(panel), q=2, with_robustness=False)


def test_run_outcomes_with_a_base_year_inside_the_panel_still_runs():
    rows = [(f"11-10{i}1", t, 100.0 * (i + 1) * (1 + 0.01 * ((3 * i + t) % 4)), "11-0000")
            for i in range(6) for t in (2021, 2022, 2023, 2024)]
    panel = pd.DataFrame(rows, columns=["soc_code", "year", "tot_emp", "soc_major"]).assign(a_mean=5e4,
                                                                                         balanced=True)
    ex = pd.DataFrame({"soc_code": panel["soc_code"].unique(), "beta": np.linspace(0, 1, 6)})
    assert outcomes.run_outcomes(panel, ex, q=2, base_year=2023, with_robustness=False).base_year == 2023


# 3. --soc-scores with no measure of ours -----------------------------------------------------

def test_outcomes_refuses_soc_scores_that_no_measure_reads(tmp_path, capsys):
    panel = _panel()
    code, line = _run(capsys, tmp_path, panel, _scores(panel), "--measure", "webb_ai")
    assert code == 2
    assert line.startswith("exposure outcomes: error: --soc-scores gives our measures (alpha, beta, gamma, "
                           "share_admin, share_routine_coding, share_entry_creative), but --measure names none of "
                           "them (webb_ai): the file would not be read")
    assert not (tmp_path / "out").exists()


# 4. a code and year twice in --panel -------------------------------------------------------

@pytest.mark.parametrize("as_text", [False, True])
def test_outcomes_names_a_code_and_year_given_twice(tmp_path, capsys, as_text):
    panel = _panel()
    panel = pd.concat([panel, panel.iloc[[3]]], ignore_index=True)
    if as_text:  # "2021" and 2021 are one year, as the schema reads them
        panel["year"] = panel["year"].astype(str)
    code, line = _run(capsys, tmp_path, panel, _scores(panel))
    assert (code, line) == (2, f"exposure outcomes: error: {tmp_path / 'p.parquet'}, row 25, column 'year': "
                               "(11-1011, 2021) appears twice (rows 4 and 25): the panel has one row per "
                               "occupation code and year")


# 5. --quantiles above what a measure covers ---------------------------------------------------

def test_outcomes_names_quantiles_and_file_for_a_measure_of_few_occupations(tmp_path, capsys):
    panel = _panel()
    beta = np.linspace(0.1, 0.8, 8)
    beta[3:] = np.nan
    code, line = _run(capsys, tmp_path, panel, _scores(panel, beta))
    assert (code, line) == (2, "exposure outcomes: error: --quantiles 5 is more than the 3 balanced occupations of "
                               f"the base year 2022 that measure 'beta' covers ({tmp_path / 's.parquet'}, column "
                               "'beta'): give --quantiles 3 or fewer")
    assert _run(capsys, tmp_path, panel, _scores(panel, beta), "--measure", "beta", "--quantiles", "3") == (0, "")


# 6, 7. the top-coded flags of build_panel ---------------------------------------------------

def _oews(flag, mean=(50e3, 60e3)) -> pd.DataFrame:
    return pd.DataFrame({"i_group": "cross-industry", "o_group": "detailed", "occ_code": ["11-1011", "11-1021"],
                         "occ_title": "t", "tot_emp": [10, 20], "a_mean": list(mean), "a_median": [40e3, 45e3],
                         "a_mean_top_coded": flag})


def test_build_panel_refuses_a_top_coded_flag_written_as_text():
    frames = {2021: _oews([False, False]), 2022: _oews(["False", "False"])}
    with pytest.raises(DataFormatError, match=r"^frames\[2022\], row 1, column 'a_mean_top_coded': "
                                              r"a_mean_top_coded must be True or False \(as exposure\.oews\.read_oews "
                                              r"writes it\), got 'False'$"):
        outcomes.build_panel(frames, ["11-1011", "11-1021"])


def test_build_panel_reads_boolean_and_missing_flags(caplog):
    frames = {2021: _oews([False, None]), 2022: _oews(pd.array([False, pd.NA], dtype="boolean"))}
    with caplog.at_level(logging.WARNING, logger="exposure.outcomes"):
        panel = outcomes.build_panel(frames, ["11-1011", "11-1021"])
    assert panel["a_mean"].tolist() == [50e3, 50e3, 60e3, 60e3]
    assert not [r for r in caplog.records if "top-code" in r.getMessage()]


def test_build_panel_leaves_a_flagged_wage_missing(caplog):
    frames = {2021: _oews([True, False]), 2022: _oews([False, False])}
    with caplog.at_level(logging.WARNING, logger="exposure.outcomes"):
        panel = outcomes.build_panel(frames, ["11-1011", "11-1021"])
    got = panel.set_index(["soc_code", "year"])["a_mean"]
    assert np.isnan(got[("11-1011", 2021)])  # 50000.0 before, said to be missing
    assert got[("11-1011", 2022)] == 50e3 and got[("11-1021", 2021)] == 60e3
    said = [r.getMessage() for r in caplog.records if "top-code" in r.getMessage()]
    assert len(said) == 1 and "a_mean: 1 occupation code(s) (1 in May 2021, none in May 2022): 11-1011" in said[0]
