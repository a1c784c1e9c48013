"""Round 24: silent wrong numbers of the outcomes analysis (:mod:`exposure.outcomes`).

Found in this round (each test fails on the code before the fix):

1. a mean wage (``a_mean``) of 0 on a balanced row was taken: :func:`~exposure.outcomes.group_growth`
   put the 0 into the group's employment-weighted mean wage (a wage growth of 13.6%
   instead of 2.0% from May 2021 to 2022), while :func:`~exposure.outcomes.event_study`
   left the occupation out of the ``log_wage`` estimate, both without a word. OEWS
   writes a missing wage as ``*`` or ``#``, never 0;
2. :func:`~exposure.outcomes.pretrend` and :func:`~exposure.outcomes.headline` at the
   base year of the event study (``event_study(..., base_year=2021)`` then
   ``pretrend(coefficients)``): the base year's row (coefficient 0 by construction, no
   interval) was reported as a pre-trend that fails (``passes`` False), and the headline
   showed ``pre_coef`` 0 with a missing p-value (a ``year`` at the base year: a headline of
   zeros);
3. :func:`~exposure.outcomes.exposure_groups` with weights holding ``pd.NA`` (a list)
   raised ``TypeError: float() argument must be a string or a real number, not 'NAType'``;
   a missing weight counts 0 (as ``None`` and NaN already did);
4. exposure values stored as float32 (a Parquet column of float32, ``Float32``,
   ``float[pyarrow]``) equal to a cut point as written (``0.7`` with ``cuts=[0.7]``) went to
   the lower group (float32's 0.7 is 0.699999988), though a value equal to a cut goes to
   the upper group; :func:`~exposure.outcomes.group_growth` too;
5. :func:`~exposure.outcomes.event_study` wrote ``spec`` ``baseline`` on every estimate
   whatever its options: an unweighted estimate (``weighted=False``), one without a major
   group (``exclude_major``) or without small occupations (``min_emp``) was then read by
   :func:`~exposure.outcomes.headline` as the baseline. The default ``spec`` now names
   what was done (``unweighted``, ``drop_major_11``, ``drop_small``); several options
   together need ``spec=``;
6. a measure on a scale of ``1e160`` (or ``1e-200``) overflowed (underflowed) when it was
   standardised: every coefficient came out 0 with a RuntimeWarning only (statsmodels'
   ``MissingDataError`` for ``1e-200``); the standardised estimates do not depend on the
   measure's unit, and ``scale="raw"`` ones scale with it;
7. a measure covering fewer balanced occupations than ``q`` groups:
   :func:`~exposure.outcomes.group_growth` and :func:`~exposure.outcomes.run_outcomes`
   said ``cannot make 4 exposure groups of 3 occupations``, without the measure.

Estimates are compared with independent computations (numpy least squares with explicit
occupation and year dummies, hand-computed growth). No mirror and no network.
"""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd
import pytest
from _frames import outcome_exposures, outcome_panel

from exposure import outcomes
from exposure.errors import DataFormatError, ExposureError

pytest.importorskip("statsmodels")

PANEL = outcome_panel()  # 8 occupations (majors 11, 13), 2021-2023, all balanced
EX = outcome_exposures(PANEL)


def _wage_panel() -> pd.DataFrame:
    """Six occupations, May 2021, 2022 and 2025; wages rising 2% a year, employment by code."""
    rows = [(f"11-10{i}1", t, 100.0 * (i + 1) * (1 + 0.01 * i * (t - 2022)), 5e4 * (1 + 0.02 * (t - 2021)))
            for i in range(6) for t in (2021, 2022, 2025)]
    return pd.DataFrame(rows, columns=["soc_code", "year", "tot_emp", "a_mean"]).assign(
        balanced=True, soc_major="11-0000")


WAGE_PANEL = _wage_panel()
WAGE_EX = pd.DataFrame({"soc_code": [f"11-10{i}1" for i in range(6)], "beta": np.linspace(0.0, 1.0, 6)})


def _random_panel(seed: int = 0) -> tuple[pd.DataFrame, pd.DataFrame]:
    rng = np.random.default_rng(seed)
    codes = [f"{mj}-10{i}1" for mj in ("11", "13", "15") for i in range(5)]
    rows = []
    for c in codes:
        e0 = rng.uniform(100, 1000)
        for t in (2021, 2022, 2023, 2024):
            rows.append((c, t, float(round(e0 * (1 + rng.normal(0, 0.05)))), c[:2] + "-0000",
                         rng.uniform(3e4, 9e4)))
    panel = pd.DataFrame(rows, columns=["soc_code", "year", "tot_emp", "soc_major", "a_mean"]).assign(balanced=True)
    return panel, pd.DataFrame({"soc_code": codes, "beta": rng.uniform(0, 1, len(codes))})


def _lsdv(panel: pd.DataFrame, ex: pd.DataFrame, *, weighted: bool, base: int = 2022) -> dict[int, float]:
    """Independent estimate of log employment on standardised beta x year: explicit dummies, numpy lstsq."""
    p = panel.sort_values(["soc_code", "year"])
    occ = sorted(p["soc_code"].unique())
    rel = [y for y in sorted(p["year"].unique()) if y != base]
    w0 = p[p["year"] == base].set_index("soc_code")["tot_emp"].reindex(occ).to_numpy(float)
    w0 = w0 if weighted else np.ones(len(occ))
    e = ex.set_index("soc_code")["beta"].reindex(occ).to_numpy(float)
    m = np.average(e, weights=w0)
    z = dict(zip(occ, (e - m) / np.sqrt(np.average((e - m) ** 2, weights=w0))))
    w = dict(zip(occ, w0))
    X = np.array([[float(r.soc_code == c) for c in occ] + [float(r.year == t) for t in rel]
                  + [float(r.year == t) * z[r.soc_code] for t in rel] for r in p.itertuples()])
    sw = np.sqrt(p["soc_code"].map(w).to_numpy(float))
    coef, *_ = np.linalg.lstsq(X * sw[:, None], np.log(p["tot_emp"].to_numpy(float)) * sw, rcond=None)
    return dict(zip(rel, coef[-len(rel):]))


# 1 ------------------------------------------------------------------ a mean wage of 0
def _zero_wage(panel: pd.DataFrame, code: str = "11-1001", year: int = 2021) -> pd.DataFrame:
    out = panel.copy()
    out.loc[(out["soc_code"] == code) & (out["year"] == year), "a_mean"] = 0.0
    return out


@pytest.mark.parametrize("call", [
    lambda p: outcomes.group_growth(p, WAGE_EX, q=2),
    lambda p: outcomes.event_study(p, WAGE_EX),
    lambda p: outcomes.robustness(p, WAGE_EX),
    lambda p: outcomes.run_outcomes(p, WAGE_EX, q=2, with_robustness=False),
])
def test_a_balanced_row_with_a_mean_wage_of_zero_is_refused(call):
    with pytest.raises(DataFormatError, match=r"^panel, row 1, column 'a_mean': a_mean of a balanced occupation "
                                              r"must be above 0 \(a mean annual wage; leave a wage that is not "
                                              r"known missing\), got 0\.0$"):
        call(_zero_wage(WAGE_PANEL))


def test_a_zero_wage_of_an_unbalanced_row_and_a_missing_wage_are_taken():
    unbalanced = _zero_wage(WAGE_PANEL, "11-1051").assign(
        balanced=lambda p: p["soc_code"] != "11-1051")
    g = outcomes.group_growth(unbalanced, WAGE_EX, q=2)
    assert g["n_occupations"].sum() == 5
    missing = WAGE_PANEL.copy()
    missing.loc[0, "a_mean"] = np.nan  # 11-1001, May 2021: left out of the 2021-2022 wage figure only
    g = outcomes.group_growth(missing, WAGE_EX, q=2)
    # by hand: wages grow 2% a year in every occupation, so every group mean grows 2%, then 3 years
    assert g["wage_growth_pre"].tolist() == pytest.approx([0.02, 0.02])
    assert g["wage_growth_post"].tolist() == pytest.approx([1.08 / 1.02 - 1] * 2)


# 2 ------------------------------------------------------------------ the base year as the pre-year
def test_pretrend_at_the_base_year_is_refused():
    coefs = outcomes.event_study(PANEL, EX, outcomes=["log_emp"], base_year=2021)
    with pytest.raises(DataFormatError, match=r"^pre_year 2021 is the base year of spec 'baseline' in coefficients "
                                              r"\(its coef is 0 by construction, without an interval\): no pre-trend "
                                              r"to test; give a year before the base year$"):
        outcomes.pretrend(coefs)
    with pytest.raises(DataFormatError, match=r"^pre_year 2021 is the base year of spec 'baseline'"):
        outcomes.headline(coefs)
    base_2022 = outcomes.event_study(PANEL, EX, outcomes=["log_emp"])
    with pytest.raises(DataFormatError, match=r"^year 2022 is the base year of spec 'baseline' in coefficients "
                                              r"\(its coef is 0 by construction, without an interval\): nothing to "
                                              r"report; give a year after the base year$"):
        outcomes.headline(base_2022, year=2022)


def test_pretrend_of_a_year_before_the_base_year_is_as_before():
    coefs = outcomes.event_study(PANEL, EX, outcomes=["log_emp"])
    pre = outcomes.pretrend(coefs)
    row = coefs[coefs["year"] == 2021].iloc[0]
    assert pre["coef"].iloc[0] == row["coef"]
    assert bool(pre["passes"].iloc[0]) == bool(row["ci_low"] <= 0 <= row["ci_high"])
    head = outcomes.headline(coefs)
    assert head["pre_coef"].iloc[0] == row["coef"] and head["pre_p_value"].notna().all()


# 3 ------------------------------------------------------------------ pd.NA among the weights
@pytest.mark.parametrize("weights", [[1, pd.NA, 2], [1.0, pd.NA, 2.0], pd.Series([1, pd.NA, 2], dtype=object)])
def test_a_weight_that_is_pd_na_counts_zero(weights):
    got = outcomes.exposure_groups([0.1, 0.2, 0.3], weights, q=2).tolist()
    # by hand: weights 1, 0, 2 of 3; mid-points 1/6, 1/3, 2/3 -> groups 1, 1, 2
    assert got == [1, 1, 2] == outcomes.exposure_groups([0.1, 0.2, 0.3], [1, None, 2], q=2).tolist()


# 4 ------------------------------------------------------------------ float32 values at a cut point
def _float32_scores(tmp_path) -> pd.Series:
    path = tmp_path / "scores.parquet"
    pd.DataFrame({"beta": np.array([0.1, 0.7, 0.9], dtype="float32")}).to_parquet(path)
    return pd.read_parquet(path)["beta"]


def test_a_float32_value_equal_to_a_cut_goes_to_the_upper_group(tmp_path):
    beta = _float32_scores(tmp_path)
    assert beta.dtype == np.float32
    assert outcomes.exposure_groups(beta, cuts=[0.7]).tolist() == [1, 2, 2]
    for values in (beta.astype("Float32"), beta.astype("float[pyarrow]"), beta.to_numpy()):
        assert outcomes.exposure_groups(values, cuts=[0.7]).tolist() == [1, 2, 2]
    # float64 values as before; a float32 value above or below a cut stays where it is
    assert outcomes.exposure_groups(beta.astype(float).round(6), cuts=[0.7]).tolist() == [1, 2, 2]
    assert outcomes.exposure_groups(beta, cuts=[0.70001]).tolist() == [1, 1, 2]


def test_group_growth_puts_a_float32_value_equal_to_a_cut_in_the_upper_group(tmp_path):
    codes = ["11-1011", "11-1021", "11-1031"]
    panel = pd.DataFrame([(c, t, 100.0 + i) for i, c in enumerate(codes) for t in (2021, 2022, 2025)],
                         columns=["soc_code", "year", "tot_emp"]).assign(a_mean=5e4, balanced=True, soc_major="11-0000")
    ex = pd.DataFrame({"soc_code": codes, "beta": _float32_scores(tmp_path)})
    g = outcomes.group_growth(panel, ex, cuts=[0.7])
    assert g["group"].tolist() == [1, 2] and g["n_occupations"].tolist() == [1, 2]
    assert g["emp_base"].tolist() == [100.0, 203.0]


# 5 ------------------------------------------------------------------ the spec of event_study
@pytest.mark.parametrize("kw, spec", [
    ({}, "baseline"),
    ({"weighted": False}, "unweighted"),
    ({"exclude_major": "11"}, "drop_major_11"),
    ({"min_emp": 150}, "drop_small"),
    ({"min_emp": 0}, "baseline"),  # nothing left out
])
def test_event_study_names_the_specification_it_estimates(kw, spec):
    es = outcomes.event_study(PANEL, EX, outcomes=["log_emp"], **kw)
    assert set(es["spec"]) == {spec}


def test_the_unweighted_event_study_is_the_robustness_row():
    es = outcomes.event_study(PANEL, EX, outcomes=["log_emp"], weighted=False)
    rob = outcomes.robustness(PANEL, EX, outcomes=["log_emp"])
    pd.testing.assert_frame_equal(es, rob[rob["spec"] == "unweighted"].reset_index(drop=True))
    # independent: numpy least squares with occupation and year dummies, equal weights
    ref = _lsdv(PANEL, EX, weighted=False)
    got = es.set_index("year")["coef"]
    assert [got[y] for y in ref] == pytest.approx(list(ref.values()), abs=1e-10)


def test_event_study_with_several_options_needs_a_spec():
    with pytest.raises(DataFormatError, match=r"^event_study with weighted=False and exclude_major 11-0000 is not "
                                              r"one specification of the spec column \(unweighted, drop_major_11\): "
                                              r"name it with spec=$"):
        outcomes.event_study(PANEL, EX, outcomes=["log_emp"], weighted=False, exclude_major="11")
    es = outcomes.event_study(PANEL, EX, outcomes=["log_emp"], weighted=False, exclude_major="11",
                              spec="drop_major_11")
    assert set(es["spec"]) == {"drop_major_11"} and es["n_occupations"].iloc[0] == 4


# 6 ------------------------------------------------------------------ a measure's unit
@pytest.mark.parametrize("unit", [1e160, 1e200, 1e-200, 1e-160, 2.0 ** 600])
def test_standardised_estimates_do_not_depend_on_the_measure_unit(unit):
    panel, ex = _random_panel()
    ref = outcomes.event_study(panel, ex)
    scaled = outcomes.event_study(panel, ex.assign(beta=ex["beta"] * unit))
    for c in ("coef", "se", "ci_low", "ci_high", "p_value"):
        assert scaled[c].to_numpy() == pytest.approx(ref[c].to_numpy(), rel=1e-9, abs=1e-12, nan_ok=True), c
    lsdv = _lsdv(panel, ex, weighted=True)
    got = scaled[scaled["outcome"] == "log_emp"].set_index("year")["coef"]
    assert [got[y] for y in lsdv] == pytest.approx(list(lsdv.values()), abs=1e-10)


@pytest.mark.parametrize("unit", [1e200, 1e-200])
def test_raw_estimates_scale_with_the_measure_unit(unit):
    panel, ex = _random_panel(1)
    ref = outcomes.event_study(panel, ex, scale="raw")
    scaled = outcomes.event_study(panel, ex.assign(beta=ex["beta"] * unit), scale="raw")
    for c in ("coef", "se", "ci_low", "ci_high"):
        assert (scaled[c] * unit).to_numpy() == pytest.approx(ref[c].to_numpy(), rel=1e-9, nan_ok=True), c
    assert scaled["p_value"].to_numpy() == pytest.approx(ref["p_value"].to_numpy(), rel=1e-9, nan_ok=True)


def test_raw_estimate_recovers_the_effect_per_unit():
    """An exact effect of -0.1 log points per unit of beta after 2022 (no noise)."""
    rows = [(f"11-10{i}1", t, 1000.0 * (1 + i) * np.exp(-0.1 * e * (t == 2023)))
            for i, e in enumerate([0.0, 0.2, 0.4, 0.6, 0.8, 1.0]) for t in (2021, 2022, 2023)]
    panel = pd.DataFrame(rows, columns=["soc_code", "year", "tot_emp"]).assign(
        a_mean=5e4, balanced=True, soc_major="11-0000")
    ex = pd.DataFrame({"soc_code": [f"11-10{i}1" for i in range(6)], "beta": [0.0, 0.2, 0.4, 0.6, 0.8, 1.0]})
    es = outcomes.event_study(panel, ex, outcomes=["log_emp"], scale="raw").set_index("year")
    assert es.loc[2023, "coef"] == pytest.approx(-0.1, abs=1e-12)
    assert es.loc[2021, "coef"] == pytest.approx(0.0, abs=1e-12)


# 7 ------------------------------------------------------------------ too few occupations for q groups
@pytest.mark.parametrize("call", [
    lambda ex: outcomes.group_growth(WAGE_PANEL, ex, q=4),
    lambda ex: outcomes.run_outcomes(WAGE_PANEL, ex, q=4, with_robustness=False),
])
def test_too_many_groups_for_a_measure_names_the_measure(call):
    ex = WAGE_EX.assign(gamma=[0.1, 0.2, 0.3, np.nan, np.nan, np.nan])
    with pytest.raises(ExposureError, match=r"^measure 'gamma' covers 3 balanced occupations of the panel \(in the "
                                            r"base year 2022\): cannot make 4 exposure groups of them$"):
        call(ex)


def test_the_group_count_check_keeps_the_groups_of_a_measure_that_has_enough(caplog):
    with caplog.at_level(logging.WARNING, logger="exposure.outcomes"):
        g = outcomes.group_growth(WAGE_PANEL, WAGE_EX, q=3)
    assert g["group"].tolist() == [1, 2, 3] and g["n_occupations"].tolist() == [3, 2, 1]
    assert not caplog.records
