"""Round 37: ``exposure outcomes`` on odd releases and panels (:mod:`exposure.outcomes`).

Found in this round (the tests of each fault fail on the code before the fix; three guard tests,
releases in any order, a tiny table repeated and an exact effect, pass on it too):

1. :func:`~exposure.outcomes.build_panel` given one OEWS release for two years (the May
   2023 table passed as May 2024 too) built the panel: every growth between the two years
   was exactly 0, without a word. It is refused, naming both tables;
2. an outcome that is the same in every year for every occupation (a wage of one year
   copied to every year of a ``--panel`` file) gave a coefficient of 0 with an interval of
   [0, 0] and a p-value of 1 (``+0.0000 [-0.0000, +0.0000] ... (p=1.00)``) or NaN, read
   as a precise zero; there is now no estimate, with a warning saying why (and
   :func:`~exposure.outcomes.run_outcomes` says so when no outcome is left);
3. a panel without any mean wage (every ``a_mean`` top-coded or missing) lost its wage
   results with the warning ``beta / log_wage (baseline): fewer than 3 occupations, no
   estimate`` (of a panel of 800); the warning now says how many of the occupations with
   the measure have the column in every year;
4. :func:`~exposure.outcomes.run_outcomes` with a ``base_year`` that is no year of the
   panel said ``the panel has no balanced occupation in the base year 2030``, an
   :class:`~exposure.errors.ExposureError` naming no panel or column (nor that the year is
   absent); it names the panel (its file), the column and the panel's years;
5. :func:`~exposure.outcomes.exposure_table` weighted the published measures by the
   employment of the panel's last year even when only a few unbalanced rows have it (a
   May 2026 row appended for one code): an OEWS aggregate lost its published measure
   (``exposure outcomes --panel FILE --measure webb_ai``: May 2025 effect ``+0.0042``
   instead of ``-0.0004``), silently. The last year of the balanced rows is used.

Fixtures are tiny panels and OEWS tables written here; test 5 reads the real mirror
(skipped without it).
"""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd
import pytest
from _cli import _no_env, run  # noqa: F401 (_no_env: autouse fixture)

from exposure import load, outcomes
from exposure.errors import DataFormatError, ExposureError

_DETAILED = ["11-1011", "13-1021", "13-1022", "13-1023", "15-1252"]


_DETAILED += [f"15-12{i}1" for i in range(10)]


def _oews(emp) -> pd.DataFrame:
    """An OEWS national table of ``len(emp)`` codes (3 to 13: 11-1011, 13-1020, 15-1252, 15-1201 ...)."""
    codes = ["11-1011", "13-1020", "15-1252", *(f"15-12{i}1" for i in range(10))][:len(emp)]
    return pd.DataFrame({"i_group": "cross-industry", "o_group": "detailed", "occ_code": codes,
                         "occ_title": [f"title {c}" for c in codes], "tot_emp": list(emp),
                         "a_mean": [50e3 + 1e3 * i for i in range(len(codes))], "a_median": 45e3})


def _panel(n: int = 6, years=(2021, 2022, 2023, 2024, 2025), wage=None) -> pd.DataFrame:
    rows = []
    for i in range(n):
        for t in years:
            emp = 100.0 * (i + 1) * (1 + 0.01 * ((3 * i + t) % 4)) * (1 + 0.003 * i * (t - 2022))
            w = 50e3 * (1 + 0.02 * ((i + 2 * t) % 3)) if wage is None else wage(i, t)
            rows.append((f"11-10{i}1", t, emp, w))
    return pd.DataFrame(rows, columns=["soc_code", "year", "tot_emp", "a_mean"]).assign(
        soc_major="11-0000", balanced=True)


def _exposures(panel: pd.DataFrame) -> pd.DataFrame:
    codes = panel["soc_code"].unique()
    return pd.DataFrame({"soc_code": codes, "beta": np.linspace(0.1, 0.9, len(codes))})


def _warnings(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "exposure.outcomes" and r.levelno >= logging.WARNING]


# 1. one release given for two years ------------------------------------------------------------

_EMP = [10 * (i + 1) for i in range(12)]


def test_one_release_given_for_two_years_is_refused_naming_both_tables():
    same = _oews(_EMP)
    with pytest.raises(DataFormatError) as err:
        outcomes.build_panel({2021: _oews([e + 1 for e in _EMP]), 2023: same, 2022: same.copy()}, _DETAILED)
    assert str(err.value) == (
        "frames[2023], column 'tot_emp': the table gives the same 12 occupation codes with the same employment "
        "and mean wages as frames[2022]: one OEWS release given for May 2022 and May 2023? (every growth "
        "between them would be 0)")


def test_releases_in_any_order_with_one_number_changed_are_built():
    changed = [*_EMP[:-1], _EMP[-1] + 1]
    panel = outcomes.build_panel({2022: _oews(_EMP), 2021: _oews(changed)}, _DETAILED)
    assert panel["year"].tolist() == [2021, 2022] * 12
    assert panel.loc[panel["soc_code"] == "15-1281", "tot_emp"].tolist() == [_EMP[-1] + 1, _EMP[-1]]


def test_a_tiny_table_repeated_on_purpose_is_still_built():
    panel = outcomes.build_panel({2021: _oews([10, 20, 30]), 2022: _oews([10, 20, 30])}, _DETAILED)
    assert panel["balanced"].all() and len(panel) == 6


# 2. an outcome the same in every year ----------------------------------------------------------

def test_a_wage_copied_to_every_year_gives_no_estimate_not_a_precise_zero(caplog):
    caplog.set_level(logging.WARNING)
    panel = _panel(wage=lambda i, t: 40e3 + 1e3 * i)
    coefs = outcomes.event_study(panel, _exposures(panel), outcomes=["log_emp", "log_wage"])
    assert set(coefs["outcome"]) == {"log_emp"}
    assert _warnings(caplog) == ["beta / log_wage (baseline): a_mean is the same in every year for each of the 6 "
                                 "occupations: nothing changes to estimate, no estimate"]


def test_run_outcomes_without_any_change_says_why():
    panel = _panel(wage=lambda i, t: 40e3 + 1e3 * i).assign(tot_emp=lambda p: 100.0 + p.index // 5)
    with pytest.raises(ExposureError, match=r"beta / log_emp: tot_emp is the same in every year for each of the 6 "
                                            r"occupations: nothing changes to estimate"):
        outcomes.run_outcomes(panel, _exposures(panel), q=2, with_robustness=False)


def test_the_shipped_example_with_an_exact_effect_is_still_estimated():
    panel = _panel()
    coefs = outcomes.event_study(panel, _exposures(panel))
    assert set(coefs["outcome"]) == {"log_emp", "log_wage"}


# 3. no mean wage at all ------------------------------------------------------------------------

def test_a_panel_without_wages_says_how_many_occupations_have_one(caplog):
    caplog.set_level(logging.WARNING)
    panel = _panel().assign(a_mean=np.nan)
    result = outcomes.run_outcomes(panel, _exposures(panel), q=2, with_robustness=False)
    assert result.headline["outcome"].tolist() == ["log_emp"]
    assert "beta / log_wage (baseline): fewer than 3 occupations: 0 of the 6 with the measure have a_mean above 0 " \
           "in every year, no estimate" in _warnings(caplog)


# 4. a base year outside the panel --------------------------------------------------------------

@pytest.mark.parametrize("base_year", [2030, 2019])
def test_run_outcomes_base_year_outside_the_panel_names_the_panel_and_column(base_year):
    panel = _panel()
    with pytest.raises(DataFormatError) as err:
        outcomes.run_outcomes(panel, _exposures(panel), q=2, base_year=base_year, path="p.parquet")
    assert str(err.value) == (f"p.parquet, column 'year': base_year {base_year} is not a year of the panel "
                              "(2021, 2022, 2023, 2024, 2025)")


def test_run_outcomes_base_year_of_unbalanced_rows_only_names_the_panel():
    panel = _panel()
    panel = panel.assign(balanced=panel["year"] != 2022)
    with pytest.raises(DataFormatError) as err:
        outcomes.run_outcomes(panel, _exposures(panel), q=2, path="p.parquet")
    assert str(err.value) == "p.parquet, column 'balanced': the panel has no balanced occupation in the base year 2022"


# 5. the published measures weighted by the balanced rows' last year ----------------------------

def test_published_measures_use_the_last_year_of_the_balanced_rows(shared_data, tmp_path):
    codes, emp = ["21-1012", "21-1018", "21-1019"], [100.0, 300.0, 50.0]
    panel = pd.DataFrame({"soc_code": codes, "year": 2025, "tot_emp": emp,
                          "soc_title": [f"title {c}" for c in codes], "balanced": True})
    extra = panel.iloc[[0]].assign(year=2026, balanced=False)
    kw = {"measures": ["eloundou_gpt4_beta"], "mirror": shared_data, "data_dir": tmp_path / "cache"}
    alone = outcomes.exposure_table(panel, **kw)
    appended = outcomes.exposure_table(pd.concat([panel, extra], ignore_index=True), **kw)
    pd.testing.assert_frame_equal(appended, alone)
    assert alone["eloundou_gpt4_beta"].notna().tolist() == [True, True, False]


def test_the_command_on_a_panel_whose_wages_are_copied_reports_no_wage_effect(tmp_path, capsys, caplog):
    caplog.set_level(logging.WARNING)
    panel = load("occupation_panel")
    base = panel[panel["year"] == 2022].set_index("soc_code")["a_mean"]
    panel.assign(a_mean=panel["soc_code"].map(base)).to_parquet(tmp_path / "copied.parquet")
    code, err = run(capsys, "outcomes", "--panel", tmp_path / "copied.parquet", "--measure", "beta",
                    "--no-robustness", "--no-figures", "-o", tmp_path / "out")
    assert (code, err) == (0, "")
    summary = pd.read_csv(tmp_path / "out" / "outcomes_summary.csv")
    assert summary["outcome"].tolist() == ["employment"]  # "mean wage, 0.0, [0.00, 0.00], p 1.0" before
    assert any(m.startswith("beta / log_wage (baseline): a_mean is the same in every year for each of the")
               for m in _warnings(caplog))
