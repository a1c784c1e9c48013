"""Fault round 68, area ``outcomes`` (``exposure outcomes``, :mod:`exposure.outcomes`, its reports).

1. :func:`exposure.outcomes.build_panel` with ``recode`` merging two OEWS codes into one
   panel code (a SOC 2010 code renamed onto the SOC 2018 code the same table publishes:
   ``{"15-1132": "15-1252"}``) gave the merged code the title of the row the table listed
   first: the same table in another row order gave ``15-1252`` the title ``Software
   Developers, Applications`` (the SOC 2010 code's) instead of ``Software Developers``
   (a result that followed the row order). Now the title is that of the panel code's own
   row, else of the smallest OEWS code, in any row order.
2. ``build_panel(..., recode=series)`` with a Series that renames one code twice, to two
   codes (``crosswalk.set_index("soc_2010")["soc_2018"]``, where a SOC 2010 code split into
   several SOC 2018 codes), was refused with wrong advice over several lines: ``recode must
   map OEWS codes (str) to panel codes (str), got '15-1132': 15-1132    15-1252\\n15-1132
   15-1253\\ndtype: str`` (the codes are str). Now: ``recode renames '15-1132' twice, to
   '15-1252' and to '15-1253' (positions 0 and 1): an OEWS code goes to one panel code; keep
   one``. The same pair given twice (a crosswalk with a repeated row) is read once; it was
   refused the same way.
3. :func:`exposure.outcomes.pretrend` of a pre-year row without an interval (``ci_low``,
   ``ci_high`` blank: a coefficients table read back, edited) said ``passes`` False: a
   pre-trend test that fails, where nothing was tested. ``passes`` is missing (``pd.NA``)
   for such a row now; rows with an interval are True or False as before.
4. An ``outcome`` written another way (``Log_Emp``, ``'log_emp '``) passed
   :func:`~exposure.outcomes.headline` and :func:`~exposure.outcomes.pretrend`;
   :func:`exposure.reports.outcomes.summary_table` then showed a blank outcome and
   :func:`exposure.reports.outcomes.plot_event_study` drew no line of it, without a word.
   Now each refuses it naming the frame, the row and the column: ``coefficients, row 1,
   column 'outcome': outcome must be one of log_emp, log_wage, got 'Log_Emp'``.
5. :func:`exposure.outcomes.robustness` (so ``run_outcomes`` and ``exposure outcomes``) on a
   panel of employment only (``a_mean`` missing on every row) warned for each measure and
   each specification, all of one cause: ``beta / log_wage (unweighted): fewer than 3
   occupations: 0 of the 8 with the measure have a_mean above 0 in every year, no estimate``,
   then the same for ``drop_small``, ``drop_major_11``, ``drop_major_13`` (25 lines per
   measure on the OEWS panel: some 500 for ``exposure outcomes``). Now one warning says
   it: ``log_wage: 0 of the 8 balanced occupations of the panel have a_mean above 0 in every
   year (May 2021, 2022, 2023), fewer than 3: no robustness specification can estimate it, for
   any measure``. The baseline still says it of each measure, as before; the estimates are
   unchanged.
6. :func:`exposure.outcomes.headline` named, of specifications that give the same extreme
   effect, the one the table listed first: ``drop_major_45`` of a measure that covers no
   occupation of major group 45 estimates on the baseline's sample (the same coefficient),
   so the same coefficients in another row order (read back from
   ``outcomes_coefficients.csv`` and sorted) gave ``robust_min_spec`` ``drop_major_45``
   instead of ``baseline`` (and ``robust_max_spec`` ``drop_major_11`` instead of
   ``unweighted``). Now a tie goes to the baseline, else to the specification first by name,
   in any row order (the order ``run_outcomes`` writes: the shipped headline is unchanged).

Tiny made-up panels and OEWS tables, written by the tests.
"""

import logging

import numpy as np
import pandas as pd
import pytest
from _frames import outcome_exposures, outcome_panel
from test_faults_cli import cli

from exposure import outcomes
from exposure.errors import DataFormatError
from exposure.reports.outcomes import plot_event_study, summary_table

_DETAILED = ["11-1011", "15-1252", "15-1253"]


def _oews(codes, titles, emp, wage):
    return pd.DataFrame({"i_group": "cross-industry", "o_group": "detailed", "occ_code": codes, "occ_title": titles,
                         "tot_emp": emp, "a_mean": wage, "a_median": wage})


def _tables():
    may21 = _oews(["11-1011", "15-1252", "15-1132"], ["Chief Executives", "Software Developers",
                                                       "Software Developers, Applications"], [10, 20, 30],
                  [200e3, 120e3, 110e3])
    may22 = _oews(["11-1011", "15-1252"], ["Chief Executives", "Software Developers"], [11, 52], [205e3, 118e3])
    return may21, may22


# 1. the title of a merged code ---------------------------------------------------------------

def test_a_merged_code_has_its_own_title_in_any_row_order():
    may21, may22 = _tables()
    for table in (may21, may21.iloc[::-1]):  # the SOC 2010 code listed after, then before, its SOC 2018 code
        panel = outcomes.build_panel({2021: table, 2022: may22}, _DETAILED, recode={"15-1132": "15-1252"})
        sw = panel[panel["soc_code"] == "15-1252"]
        assert sw["soc_title"].tolist() == ["Software Developers", "Software Developers"]
        assert sw["tot_emp"].tolist() == [50.0, 52.0]


def test_codes_merged_onto_a_code_not_published_take_the_smallest_codes_title():
    may21 = _oews(["11-1011", "15-1133", "15-1132"], ["Chief Executives", "Systems Software", "Applications"],
                  [10, 20, 30], [200e3, 120e3, 110e3])
    rec = {"15-1132": "15-1252", "15-1133": "15-1252"}
    got = [outcomes.build_panel({2021: t}, _DETAILED, recode=rec) for t in (may21, may21.iloc[::-1])]
    assert got[0].equals(got[1])
    assert got[0].loc[got[0]["soc_code"] == "15-1252", "soc_title"].tolist() == ["Applications"]


# 2. a recode Series renaming one code twice --------------------------------------------------

def test_a_recode_series_renaming_a_code_to_two_codes_is_refused_naming_both():
    may21, may22 = _tables()
    rec = pd.Series(["15-1252", "15-1253"], index=["15-1132", "15-1132"])
    with pytest.raises(DataFormatError, match=r"^recode renames '15-1132' twice, to '15-1252' and to '15-1253' "
                                              r"\(positions 0 and 1\): an OEWS code goes to one panel code; "
                                              r"keep one$"):
        outcomes.build_panel({2021: may21, 2022: may22}, _DETAILED, recode=rec)


def test_a_recode_series_repeating_one_pair_is_read_once():
    may21, may22 = _tables()
    rec = pd.Series(["15-1252", "15-1252"], index=["15-1132", "15-1132"])
    got = outcomes.build_panel({2021: may21, 2022: may22}, _DETAILED, recode=rec)
    assert got.equals(outcomes.build_panel({2021: may21, 2022: may22}, _DETAILED, recode={"15-1132": "15-1252"}))


# 3. a pre-trend without an interval ----------------------------------------------------------

def _coefficients(**cells):
    c = pd.DataFrame({"measure": "beta", "outcome": ["log_emp", "log_wage", "log_emp", "log_wage"],
                      "spec": "baseline", "year": [2021, 2021, 2025, 2025], "coef": [0.004, 0.01, -0.02, 0.0],
                      "se": [0.01, 0.001, 0.01, 0.01], "ci_low": [-0.01, 0.008, -0.04, -0.02],
                      "ci_high": [0.02, 0.012, 0.0, 0.02], "p_value": [0.7, 0.001, 0.05, 0.9],
                      "n_occupations": 700})
    return c.assign(**cells)


def test_a_pre_year_row_without_an_interval_does_not_fail_the_pre_trend():
    c = _coefficients(se=[np.nan, 0.001, 0.01, 0.01], ci_low=[np.nan, 0.008, -0.04, -0.02],
                      ci_high=[np.nan, 0.012, 0.0, 0.02])
    passes = outcomes.pretrend(c)["passes"]
    assert passes.isna().tolist() == [True, False]
    assert not passes.iloc[1]  # an interval above 0: fails, as before
    # rows with an interval pass or fail as before
    assert outcomes.pretrend(_coefficients())["passes"].tolist() == [True, False]


# 4. an outcome written another way -----------------------------------------------------------

@pytest.mark.parametrize("outcome", ["Log_Emp", "log_emp ", "emp"])
def test_headline_and_pretrend_refuse_an_outcome_they_do_not_know(outcome):
    c = _coefficients(outcome=[outcome, "log_wage", outcome, "log_wage"])
    for call in (outcomes.headline, outcomes.pretrend):
        with pytest.raises(DataFormatError, match=rf"^coefficients, row 1, column 'outcome': outcome must be one of "
                                                  rf"log_emp, log_wage, got '{outcome}'$"):
            call(c)


def test_summary_table_refuses_an_outcome_it_would_show_blank():
    h = outcomes.headline(_coefficients()).assign(outcome=["log_emp", "Log_Wage"])
    with pytest.raises(DataFormatError, match=r"^headline, row 2, column 'outcome': outcome must be one of "
                                              r"log_emp, log_wage, got 'Log_Wage'$"):
        summary_table(h)
    assert summary_table(h.assign(outcome=["log_emp", "log_wage"]))["outcome"].tolist() == ["employment",
                                                                                             "mean wage"]


def test_plot_event_study_refuses_an_outcome_it_would_not_draw():
    c = pd.DataFrame({"measure": "beta", "outcome": ["log_emp", "log_emp", "Log_Wage"], "spec": "baseline",
                      "year": [2021, 2022, 2021], "coef": [0.01, 0.0, 0.02], "ci_low": [-0.01, np.nan, 0.0],
                      "ci_high": [0.03, np.nan, 0.04]})
    with pytest.raises(DataFormatError, match=r"^coefficients, row 3, column 'outcome': outcome must be one of "
                                              r"log_emp, log_wage, got 'Log_Wage'$"):
        plot_event_study(c)


# 5. a panel without wages --------------------------------------------------------------------

def _wage_warnings(caplog):
    return [r.getMessage() for r in caplog.records
            if r.levelno == logging.WARNING and "log_wage" in r.getMessage()]


def test_robustness_says_once_that_the_panel_has_no_wages(caplog):
    panel = outcome_panel().assign(a_mean=np.nan)
    ex = outcome_exposures(panel).assign(gamma=[0.3, 0.1, 0.4, 0.2] * 2)
    with caplog.at_level(logging.WARNING, logger="exposure.outcomes"):
        rob = outcomes.robustness(panel, ex)
    assert _wage_warnings(caplog) == [
        "log_wage: 0 of the 8 balanced occupations of the panel have a_mean above 0 in every year (May 2021, 2022, "
        "2023), fewer than 3: no robustness specification can estimate it, for any measure"]
    assert set(rob["outcome"]) == {"log_emp"}
    assert set(rob["spec"]) == {"unweighted", "drop_small", "drop_major_11", "drop_major_13"}


def test_run_outcomes_without_wages_says_it_once_per_measure_and_once_for_robustness(caplog):
    panel = outcome_panel().assign(a_mean=np.nan)
    ex = outcome_exposures(panel).assign(gamma=[0.3, 0.1, 0.4, 0.2] * 2)
    with caplog.at_level(logging.WARNING, logger="exposure.outcomes"):
        res = outcomes.run_outcomes(panel, ex, q=2)
    said = _wage_warnings(caplog)
    assert len(said) == 3, said
    assert said[0].startswith("beta / log_wage (baseline): fewer than 3 occupations")
    assert said[1].startswith("gamma / log_wage (baseline): fewer than 3 occupations")
    assert said[2].startswith("log_wage: 0 of the 8 balanced occupations")
    assert res.headline["outcome"].tolist() == ["log_emp", "log_emp"]


def test_robustness_with_wages_on_few_occupations_still_estimates_employment(caplog):
    panel = outcome_panel().assign(a_mean=lambda p: np.where(p["soc_code"].isin(["11-1001", "11-1011"]),
                                                             50e3 + p["year"], np.nan))
    with caplog.at_level(logging.WARNING, logger="exposure.outcomes"):
        rob = outcomes.robustness(panel, outcome_exposures(panel))
    assert _wage_warnings(caplog)[0].startswith("log_wage: 2 of the 8 balanced occupations")
    assert len(_wage_warnings(caplog)) == 1 and set(rob["outcome"]) == {"log_emp"}


def test_exposure_outcomes_on_a_panel_without_wages_says_it_once(tmp_path, capsys, caplog):
    panel = outcome_panel().assign(soc_title="t", code_type="detailed", a_mean=np.nan, a_median=np.nan)
    panel.to_parquet(tmp_path / "p.parquet", index=False)
    outcome_exposures(panel).to_parquet(tmp_path / "s.parquet", index=False)
    with caplog.at_level(logging.WARNING, logger="exposure.outcomes"):
        code, _, err = cli(capsys, "outcomes", "--panel", tmp_path / "p.parquet", "--soc-scores",
                           tmp_path / "s.parquet", "--measure", "beta", "--quantiles", "2", "--no-figures", "-o",
                           tmp_path / "out")
    assert code == 0, err
    said = _wage_warnings(caplog)
    assert len(said) == 2, said  # the baseline of beta, and the robustness checks (4 specifications)
    assert (tmp_path / "out" / "outcomes_headline.csv").is_file()


# 6. a tie in the robustness range --------------------------------------------------------------

def test_headline_names_the_same_specification_of_a_tie_in_any_row_order():
    c = pd.DataFrame({"measure": "beta", "outcome": "log_emp",
                      "spec": ["baseline", "baseline", "unweighted", "drop_major_45", "drop_major_11"],
                      "year": [2021, 2025, 2025, 2025, 2025], "coef": [0.0, -0.02, -0.01, -0.02, -0.01],
                      "ci_low": [-0.01, -0.03, -0.02, -0.03, -0.02], "ci_high": [0.01, -0.01, 0.0, -0.01, 0.0],
                      "p_value": [0.9, 0.001, 0.05, 0.001, 0.05], "n_occupations": 700})
    for table in (c, c.iloc[::-1], c.sort_values("coef", kind="stable")):
        got = outcomes.headline(table)
        assert got[["robust_min", "robust_min_spec", "robust_max", "robust_max_spec"]].to_dict("records") == [
            {"robust_min": -0.02, "robust_min_spec": "baseline", "robust_max": -0.01,
             "robust_max_spec": "drop_major_11"}]
