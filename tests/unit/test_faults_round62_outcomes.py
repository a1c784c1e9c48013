"""Fault round 62, area ``outcomes`` (``exposure outcomes``, :mod:`exposure.outcomes`, its reports).

1. :func:`exposure.outcomes.event_study` (so :func:`~exposure.outcomes.robustness`,
   :func:`~exposure.outcomes.run_outcomes` and ``exposure outcomes``) estimated a measure
   whose values differ by float noise only (0.3 on every occupation but one, where it is
   ``0.1 + 0.2`` = 0.30000000000000004: a mean of the same scores taken in another order)
   on the noise: standardised by a standard deviation of 1e-17, it gave coefficients "per
   SD" with p-values (a 2023 employment effect of -0.018, p = 0.017), a headline, and a
   statsmodels ``RuntimeWarning: invalid value encountered in sqrt`` in the robustness
   checks, while the same measure at exactly 0.3 everywhere was refused, and
   :func:`~exposure.outcomes.exposure_groups` put the values in one group. Now values equal
   to 12 decimals of the largest magnitude are one value (``exposure.measures.compare.tied``,
   as the groups and ``exposure compare`` read them): ``measure 'beta' takes the one value
   0.3 on all 8 occupations it covers (its values differ by float noise only): nothing to
   compare``; a robustness specification whose sample is left with such values is skipped
   with the usual warning; the warning about groups left empty by ties counts such values
   as one. The outcomes of the real data are unchanged.
2. ``exposure outcomes --panel FILE`` with a header in another case or spacing, or with a
   byte-order mark (``Year``, ``SOC_CODE``, ``year ``, ``\\ufeffsoc_code``: a table written
   by Stata or R, a CSV with a BOM converted to Parquet) refused the panel with some 800
   errors blaming the wrong column (``column 'Year' is not a column of OccupationPanel (no
   other column allowed); 832 more: column 'year' is missing ...; row 1, column 'soc_code':
   soc_code fails the check multiple_fields_uniqueness, got text '11-1011' ...``), while
   ``--soc-scores`` reads such a header. Now the panel's columns are read under their names,
   as ``--soc-scores`` reads its own; a column written twice so is refused, naming both.
3. :func:`exposure.reports.outcomes.write_outcomes` (``exposure outcomes``) rounded every
   float of its CSV files to 6 decimals: a measure on a small scale (a share of all
   conversations, 1e-7) came out as ``0.0`` on every code of ``outcomes_exposures.csv`` and
   as ``0.0`` to ``0.0`` in each group's ``exposure_low`` / ``exposure_high`` of
   ``outcomes_growth.csv``; a coefficient of -2.79e-06 was ``-3e-06`` and small p-values
   ``1e-06`` or ``0.0`` (the shipped ``anthropic_usage``, 4.1e-06 to 0.075, lost up to 2.6%
   of its value on 54 codes, 31 distinct values written alike). Now a value below 1e-4 keeps
   3 significant digits (up to 12 decimals, so float noise is still 0.0); values of 1e-4
   and more are written as before.
"""

from __future__ import annotations

import logging
import warnings

import numpy as np
import pandas as pd
import pytest
from _frames import outcome_exposures, outcome_panel
from test_faults_cli import cli, one_error_line

from exposure import outcomes
from exposure.errors import ExposureError
from exposure.reports.outcomes import _round, write_outcomes

RUN = ["--quantiles", "2", "--no-robustness", "--no-figures", "--measure", "beta"]


def _panel() -> pd.DataFrame:
    """:func:`_frames.outcome_panel` as a whole OccupationPanel (what ``--panel`` reads), wages that move."""
    panel = outcome_panel()
    step = np.arange(len(panel))
    return panel.assign(soc_title=[f"Occupation {c}" for c in panel["soc_code"]], code_type="detailed",
                        a_mean=40000.0 * (1 + 0.01 * ((3 * step) % 5)), a_median=np.nan)


def _noisy(panel: pd.DataFrame) -> pd.DataFrame:
    """``beta`` 0.3 on every occupation, written ``0.1 + 0.2`` on the last."""
    return outcome_exposures(panel).assign(beta=[0.3] * 7 + [0.1 + 0.2])


# 1. a measure of one value but for float noise
def test_a_measure_of_float_noise_only_is_one_value():
    panel = outcome_panel()
    ex = _noisy(panel)
    assert ex["beta"].nunique() == 2  # two floats, one value
    said = ("measure 'beta' takes the one value 0.3 on all 8 occupations it covers (its values differ by float "
            "noise only): nothing to compare")
    with pytest.raises(ExposureError) as info:
        outcomes.event_study(panel, ex, outcomes=["log_emp"])
    assert str(info.value) == said
    for call in (lambda: outcomes.robustness(panel, ex), lambda: outcomes.run_outcomes(panel, ex, q=2)):
        with pytest.raises(ExposureError, match="differ by float noise only"):
            call()
    # exactly one value: said as before
    with pytest.raises(ExposureError, match=r"takes the one value 0.3 on all 8 occupations it covers: "):
        outcomes.event_study(panel, ex.assign(beta=0.3), outcomes=["log_emp"])


def test_a_specification_left_with_float_noise_is_skipped(caplog):
    panel = outcome_panel()
    # major group 11 spread, major group 13 one value but for the noise
    ex = outcome_exposures(panel).assign(beta=[0.1, 0.2, 0.3, 0.4, 0.3, 0.3, 0.3, 0.1 + 0.2])
    with caplog.at_level(logging.WARNING, logger="exposure.outcomes"), warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)  # statsmodels' "invalid value encountered in sqrt"
        rob = outcomes.robustness(panel, ex, outcomes=["log_emp"])
    assert "drop_major_11" not in set(rob["spec"])
    assert "beta / log_emp (drop_major_11): the exposure takes one value on the 4 occupations, no estimate" \
        in caplog.text
    assert {"unweighted", "drop_small", "drop_major_13"} <= set(rob["spec"])


def test_the_warning_about_empty_groups_counts_noise_as_one_value(caplog):
    panel = outcome_panel()
    ex = outcome_exposures(panel).assign(beta=[0.3, 0.3, 0.3, 0.5, 0.3, 0.3, 0.1 + 0.2, 0.9])
    with caplog.at_level(logging.WARNING, logger="exposure.outcomes"):
        outcomes.group_growth(panel, ex, ["beta"], q=5)
    assert "and 6 of its 8 balanced occupations of 2022 have the value 0.3" in caplog.text


# 2. --panel with a header in another case, spacing or with a BOM
@pytest.mark.parametrize("rename", [{"year": "Year"}, {"soc_code": "SOC_CODE", "tot_emp": "TOT_EMP"},
                                    {"year": "year "}, {"soc_code": "\ufeffsoc_code"}])
def test_panel_header_in_another_case_is_read(tmp_path, capsys, rename):
    _panel().to_parquet(tmp_path / "p.parquet", index=False)
    _panel().rename(columns=rename).to_parquet(tmp_path / "q.parquet", index=False)
    outcome_exposures(_panel()).to_parquet(tmp_path / "s.parquet", index=False)
    runs = []
    for name in ("p", "q"):
        code, _, err = cli(capsys, "outcomes", "--panel", tmp_path / f"{name}.parquet", "--soc-scores",
                           tmp_path / "s.parquet", *RUN, "-o", tmp_path / name)
        assert code == 0, err
        runs.append((tmp_path / name / "outcomes_coefficients.csv").read_bytes())
    assert runs[0] == runs[1]


def test_panel_column_written_twice_in_two_cases_is_refused(tmp_path, capsys):
    panel = _panel()
    panel.assign(Year=panel["year"]).to_parquet(tmp_path / "p.parquet", index=False)
    outcome_exposures(panel).to_parquet(tmp_path / "s.parquet", index=False)
    code, _, err = cli(capsys, "outcomes", "--panel", tmp_path / "p.parquet", "--soc-scores", tmp_path / "s.parquet",
                       *RUN, "-o", tmp_path / "o")
    assert code == 2
    assert one_error_line(err, command="outcomes").endswith(
        "p.parquet, column 'year': given more than once (columns 2 and 10, written 'year' "
        "and 'Year'): keep one")
    assert not (tmp_path / "o").exists()



def test_panel_with_two_missing_codes_in_a_year_is_one_error_line(tmp_path, capsys):
    """Two rows of a ``--panel`` with no ``soc_code`` in one year: an ``IndexError`` traceback before."""
    panel = _panel()
    panel["soc_code"] = panel["soc_code"].astype(object)
    rows = panel.index[panel["year"] == panel["year"].iloc[0]][:2]
    panel.loc[rows, "soc_code"] = None
    panel.to_parquet(tmp_path / "p.parquet", index=False)
    outcome_exposures(_panel()).to_parquet(tmp_path / "s.parquet", index=False)
    code, _, err = cli(capsys, "outcomes", "--panel", tmp_path / "p.parquet", "--soc-scores", tmp_path / "s.parquet",
                       *RUN, "-o", tmp_path / "o")
    assert code == 2, err
    line = one_error_line(err, command="outcomes")
    assert "p.parquet" in line and "soc_code" in line, line
    assert not (tmp_path / "o").exists()


# 3. small values in the written tables
def test_small_values_keep_their_digits_in_the_files(tmp_path, caplog):
    panel = outcome_panel()
    ex = outcome_exposures(panel)
    ex["usage"] = ex["beta"] * 1.2345e-6  # a share of all conversations
    with caplog.at_level(logging.ERROR):
        result = outcomes.run_outcomes(panel, ex, measures=["usage"], q=2, with_robustness=False)
    write_outcomes(result, tmp_path, figures_too=False)
    written = pd.read_csv(tmp_path / "outcomes_exposures.csv")
    assert written["usage"].tolist() == pytest.approx((ex["beta"] * 1.2345e-6).tolist(), rel=5e-3)
    assert written["usage"].iloc[0] == 1.23e-07 and written["beta"].tolist() == ex["beta"].tolist()
    growth = pd.read_csv(tmp_path / "outcomes_growth.csv")
    assert growth["exposure_low"].tolist() == [1.23e-07, 4.94e-07]
    assert growth["exposure_high"].tolist() == [3.7e-07, 4.94e-07]
    coefs = pd.read_csv(tmp_path / "outcomes_coefficients.csv")
    got = coefs.set_index("year")["coef"]
    want = result.coefficients.set_index("year")["coef"]
    assert got[2021] != round(want[2021], 6) and got[2021] == pytest.approx(want[2021], rel=5e-3)
    assert got[2023] == round(want[2023], 6)  # 1e-4 and more: as before
    # float noise is still 0.0, and values of 1e-4 and more are written with 6 decimals
    assert _round(pd.DataFrame({"x": [1.5e-17, 0.123456789, 2.05e-5]}))["x"].tolist() == [0.0, 0.123457, 2.05e-05]
