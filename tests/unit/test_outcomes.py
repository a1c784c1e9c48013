"""exposure.outcomes on synthetic OEWS tables with a known answer (tests/data/outcomes).

The fixtures (see tests/data/outcomes/README.md): ten occupations, May 2021-2025;
employment carries a planted effect of exposure after 2022 (b = -0.10, -0.20, -0.30 log
points per unit of beta in 2023, 2024, 2025; 0 in 2021) plus noise of at most 1%; wages
carry no effect (noise of at most 2%). ``29-1024`` is published in 2021 and 2023 only;
``13-1020`` is an OEWS aggregate.
"""

from __future__ import annotations

import argparse

import numpy as np
import pandas as pd
import pytest

from exposure import outcomes
from exposure.cli import _outcomes as cli
from exposure.cli import main
from exposure.crosswalks import read_census_crosswalk
from exposure.errors import DataFormatError, ExposureError
from exposure.oews import read_oews
from exposure.reports.outcomes import plot_event_study, write_outcomes
from exposure.rollup._census import census_weights, to_census_occ

#: SOC 2018 detailed codes of the fixture world (13-1020 is an OEWS aggregate of the first
#: three; 29-1024 is a detailed code).
SOC_DETAILED = ["11-1011", "11-1021", "13-1021", "13-1022", "13-1023", "13-2011", "15-1252",
                "15-1211", "43-9021", "43-4051", "41-2031", "53-7062", "29-1024"]
PLANTED = {2021: 0.0, 2023: -0.10, 2024: -0.20, 2025: -0.30}


@pytest.fixture(scope="module")
def frames(fixtures):
    return {y: read_oews(fixtures / "outcomes" / f"oews_M{y}.csv") for y in outcomes.PANEL_YEARS}


@pytest.fixture(scope="module")
def panel(frames):
    return outcomes.build_panel(frames, SOC_DETAILED)


@pytest.fixture(scope="module")
def exposure(fixtures):
    return pd.read_csv(fixtures / "outcomes" / "exposure.csv", dtype={"soc_code": str})


# --------------------------------------------------------------------------- panel
def test_panel_codes_types_and_balance(panel):
    assert panel["soc_code"].nunique() == 11
    assert panel.groupby("soc_code")["year"].size().to_dict()["29-1024"] == 2
    unbalanced = set(panel.loc[~panel["balanced"], "soc_code"])
    assert unbalanced == {"29-1024"}
    types = panel.drop_duplicates("soc_code").set_index("soc_code")["code_type"]
    assert types["13-1020"] == "aggregate" and types["15-1252"] == "detailed"
    row = panel[(panel["soc_code"] == "11-1011") & (panel["year"] == 2021)].iloc[0]
    assert row["tot_emp"] == 193790 and row["a_mean"] == 232910 and row["soc_major"] == "11-0000"
    assert sorted(panel["year"].unique()) == list(outcomes.PANEL_YEARS)


def test_panel_rejects_a_code_that_is_not_soc_2018(frames):
    bad = dict(frames)
    f = frames[2021].copy()
    f.loc[f["occ_code"] == "15-1252", "occ_code"] = "15-1132"  # SOC 2010 software developers
    bad[2021] = f
    with pytest.raises(DataFormatError, match="15-1132.*neither a SOC 2018 detailed code"):
        outcomes.build_panel(bad, SOC_DETAILED)
    # recode maps it onto the SOC 2018 code
    p = outcomes.build_panel(bad, SOC_DETAILED, recode={"15-1132": "15-1252"})
    assert (p["soc_code"] == "15-1252").sum() == 5


def test_recode_merges_codes(frames):
    f = frames[2022].copy()
    f.loc[f["occ_code"] == "15-1211", "occ_code"] = "15-1299"
    merged = outcomes.build_panel({2022: f}, SOC_DETAILED + ["15-1299"],
                                  recode={"15-1299": "15-1252", "15-1211": "15-1252"})
    row = merged[merged["soc_code"] == "15-1252"].iloc[0]
    src = frames[2022].set_index("occ_code")
    emp = src.loc[["15-1252", "15-1211"], "tot_emp"].astype(float)
    wage = src.loc[["15-1252", "15-1211"], "a_mean"]
    assert row["tot_emp"] == emp.sum()
    assert row["a_mean"] == pytest.approx((emp * wage).sum() / emp.sum())
    assert np.isnan(row["a_median"])  # a median of merged codes is unknown


def test_duplicate_code_is_an_error(frames):
    f = pd.concat([frames[2021], frames[2021].iloc[[2]]])
    with pytest.raises(DataFormatError, match="appears twice"):
        outcomes.build_panel({2021: f}, SOC_DETAILED)


def test_exposure_table_puts_every_measure_on_the_panel_codes(panel, exposure):
    comparison = pd.DataFrame({"soc_code": ["15-1252", "43-9021", "99-9999"],
                               "webb_ai": [0.9, 0.2, 0.5], "felten_aioe": [1.5, -0.3, 0.0]})
    ours = exposure.assign(share_admin=0.1)
    table = outcomes.exposure_table(panel, ours, measures=["beta", "share_admin", "webb_ai"],
                                    comparison=comparison)
    assert table.columns.tolist() == ["soc_code", "beta", "share_admin", "webb_ai"]
    assert table["soc_code"].tolist() == sorted(panel["soc_code"].unique())  # 99-9999 dropped
    assert table.set_index("soc_code").loc["15-1252", "webb_ai"] == 0.9
    assert table["webb_ai"].notna().sum() == 2
    with pytest.raises(DataFormatError, match="unknown measure"):
        outcomes.exposure_table(panel, ours, measures=["nope"])
    with pytest.raises(DataFormatError, match="lacks column"):
        outcomes.exposure_table(panel, ours, measures=["ilo_2025"], comparison=comparison)


# --------------------------------------------------------------------------- groups
def test_groups_weighted_quantiles_ties_and_cuts():
    g = outcomes.exposure_groups([0.1, 0.2, 0.3, 0.4, 0.5], weights=[1, 1, 1, 1, 6], q=2)
    assert g.tolist() == [1, 1, 1, 1, 2]
    assert outcomes.exposure_groups([0.3, 0.3, 0.3, 0.9], q=2).tolist() == [1, 1, 1, 2]
    # mid-points of the weight intervals: 0.2, 0.6, 0.85, 0.95
    assert outcomes.exposure_groups([0.1, 0.2, 0.6, 0.95], weights=[4, 4, 1, 1],
                                    q=[0.5, 0.9]).tolist() == [1, 2, 2, 3]
    assert outcomes.exposure_groups([0.1, 0.5, 0.7], cuts=[0.5, 0.6]).tolist() == [1, 2, 3]
    with pytest.raises(ExposureError, match="in \\(0, 1\\)"):
        outcomes.exposure_groups([0.1, 0.2], q=[1.5])


def test_group_growth_by_hand(panel, exposure):
    growth = outcomes.group_growth(panel, exposure, ["beta"], cuts=[0.5])
    assert growth["group"].tolist() == [1, 2]
    wide = panel[panel["balanced"]].pivot(index="soc_code", columns="year", values="tot_emp")
    high = exposure.loc[exposure["beta"] >= 0.5, "soc_code"]
    expect = wide.loc[high, 2025].sum() / wide.loc[high, 2022].sum() - 1
    assert growth.loc[1, "emp_growth_post"] == pytest.approx(expect)
    assert growth.loc[1, "emp_growth_post"] < growth.loc[0, "emp_growth_post"]  # the planted fall
    assert growth["n_occupations"].sum() == 10


def test_quintiles_hold_a_fifth_of_base_employment(panel, exposure):
    growth = outcomes.group_growth(panel, exposure, ["beta"], q=5)
    assert growth["emp_base"].sum() == pytest.approx(
        panel[(panel["year"] == 2022) & panel["balanced"]]["tot_emp"].sum())


# --------------------------------------------------------------------------- event study
def test_planted_effect_is_recovered(panel, exposure):
    es = outcomes.event_study(panel, exposure, ["beta"], outcomes=["log_emp"], scale="raw")
    es = es.set_index("year")
    # noise of at most 1% per year moves each coefficient by a few hundredths at most
    for year, b in PLANTED.items():
        assert es.loc[year, "coef"] == pytest.approx(b, abs=0.03), year
    assert es.loc[2025, "ci_high"] < 0  # the effect is detected
    assert es.loc[2023, "coef"] > es.loc[2024, "coef"] > es.loc[2025, "coef"]
    assert es.loc[2022, "coef"] == 0 and np.isnan(es.loc[2022, "se"])
    assert es["n_occupations"].iloc[0] == 10  # 29-1024 (unbalanced) left out


def test_no_effect_gives_an_interval_covering_zero(panel, exposure):
    es = outcomes.event_study(panel, exposure, ["beta"], outcomes=["log_wage"])
    post = es[es["year"] != 2022]
    assert ((post["ci_low"] <= 0) & (post["ci_high"] >= 0)).all(), post
    assert outcomes.pretrend(es)["passes"].all()


def _simulated_panel(rng, n_occ=40, effect=0.0):
    """A random panel of ``n_occ`` occupations, May 2021-2025.

    Log employment = fixed effects + noise (sd 0.03) + ``effect`` x exposure after 2022.
    """
    e = rng.uniform(0, 1, n_occ)
    rows = []
    for i in range(n_occ):
        level = rng.uniform(8, 12)
        for t in outcomes.PANEL_YEARS:
            y = level + 0.01 * (t - 2022) + effect * e[i] * (t > 2022) + rng.normal(0, 0.03)
            # codes of detailed occupations (1001 ... 1009, 1011 ...): a group code such as
            # 11-1000 beside 11-1005 is refused (round 48: its workers counted twice)
            rows.append((f"{11 + i % 5 * 2}-{1001 + i + i // 9:04d}", t, np.exp(y)))
    panel = pd.DataFrame(rows, columns=["soc_code", "year", "tot_emp"]).assign(
        a_mean=1.0, balanced=True)
    panel["soc_major"] = panel["soc_code"].str[:2] + "-0000"
    exposure = pd.DataFrame({"soc_code": panel["soc_code"].unique(), "x": e})
    return panel, exposure


@pytest.mark.slow
def test_intervals_cover_zero_at_their_nominal_rate_without_an_effect():
    rng = np.random.default_rng(2022)
    covered = []
    for _ in range(150):
        panel, exposure = _simulated_panel(rng)
        es = outcomes.event_study(panel, exposure, outcomes=["log_emp"], weighted=False)
        last = es[es["year"] == 2025].iloc[0]
        covered.append(last["ci_low"] <= 0 <= last["ci_high"])
    # 95% nominal; 150 draws: a binomial 95% band is about 0.91-0.99
    assert 0.89 <= np.mean(covered) <= 1.0


def test_simulated_effect_is_recovered():
    panel, exposure = _simulated_panel(np.random.default_rng(7), n_occ=200, effect=-0.1)
    es = outcomes.event_study(panel, exposure, outcomes=["log_emp"], weighted=False, scale="raw")
    last = es[es["year"] == 2025].iloc[0]
    assert last["ci_low"] <= -0.1 <= last["ci_high"] and last["ci_high"] < 0


def _lsdv(panel, exposure, outcome_col, weighted):
    """Independent check: least squares with explicit occupation and year dummies (numpy)."""
    p = panel[panel["balanced"]].merge(exposure, on="soc_code")
    codes, years = sorted(p["soc_code"].unique()), sorted(p["year"].unique())
    base = p[p["year"] == 2022].set_index("soc_code")["tot_emp"]
    w_occ = base if weighted else base * 0 + 1
    e = p.groupby("soc_code")["beta"].first()
    mean = np.average(e[codes], weights=w_occ[codes])
    z = (e - mean) / np.sqrt(np.average((e[codes] - mean) ** 2, weights=w_occ[codes]))
    rel = [t for t in years if t != 2022]
    X = np.column_stack(
        [(p["soc_code"] == c).to_numpy(float) for c in codes]
        + [(p["year"] == t).to_numpy(float) for t in rel]
        + [(p["year"] == t).to_numpy(float) * p["soc_code"].map(z).to_numpy() for t in rel])
    y = np.log(p[outcome_col].to_numpy(float))
    w = p["soc_code"].map(w_occ).to_numpy(float)
    sw = np.sqrt(w)
    beta, *_ = np.linalg.lstsq(X * sw[:, None], y * sw, rcond=None)
    resid = y - X @ beta
    # CR1 by occupation with K = the non-absorbed regressors (fixed effects nested in clusters)
    xtwx_inv = np.linalg.inv((X * w[:, None]).T @ X)
    meat = np.zeros_like(xtwx_inv)
    for c in codes:
        s = (p["soc_code"] == c).to_numpy()
        u = (X[s] * (w[s] * resid[s])[:, None]).sum(axis=0)
        meat += np.outer(u, u)
    n, g, k = len(y), len(codes), 2 * len(rel)
    v = xtwx_inv @ meat @ xtwx_inv * g / (g - 1) * (n - 1) / (n - k)
    idx = slice(len(codes) + len(rel), None)
    return dict(zip(rel, beta[idx])), dict(zip(rel, np.sqrt(np.diag(v)[idx])))


@pytest.mark.parametrize("weighted", [True, False])
@pytest.mark.parametrize("outcome, column", [("log_emp", "tot_emp"), ("log_wage", "a_mean")])
def test_matches_dummy_variable_regression(panel, exposure, weighted, outcome, column):
    es = outcomes.event_study(panel, exposure, ["beta"], outcomes=[outcome], weighted=weighted)
    es = es[es["year"] != 2022].set_index("year")
    coef, se = _lsdv(panel, exposure, column, weighted)
    for t in coef:
        assert es.loc[t, "coef"] == pytest.approx(coef[t], abs=1e-10)
        assert es.loc[t, "se"] == pytest.approx(se[t], rel=1e-8)


def test_robustness_specs(panel, exposure):
    rob = outcomes.robustness(panel, exposure, ["beta"], outcomes=["log_emp"])
    specs = set(rob["spec"])
    majors = {c[:2] for c in panel.loc[panel["balanced"], "soc_code"]}
    assert specs == {"unweighted", "drop_small"} | {f"drop_major_{m}" for m in majors}
    n = rob.drop_duplicates("spec").set_index("spec")["n_occupations"]
    assert n["unweighted"] == 10 and n["drop_small"] == 9  # bottom decile: 43-9021
    assert n["drop_major_15"] == 8
    # the planted fall survives every specification
    assert (rob[rob["year"] == 2025]["coef"] < 0).all()


def test_event_study_errors(panel, exposure):
    with pytest.raises(ExposureError, match="unknown outcome"):
        outcomes.event_study(panel, exposure, outcomes=["emp"])
    with pytest.raises(ExposureError, match="base year 2019"):
        outcomes.event_study(panel, exposure, base_year=2019)


def test_run_outcomes_and_written_files(panel, exposure, tmp_path):
    res = outcomes.run_outcomes(panel, exposure, q=2)
    assert set(res.headline["outcome"]) == {"log_emp", "log_wage"}
    h = res.headline.set_index("outcome").loc["log_emp"]
    assert h["robust_min"] <= h["coef"] <= h["robust_max"]
    files = write_outcomes(res, tmp_path)
    assert {"outcomes_headline.csv", "outcomes_growth.csv", "outcomes.json",
            "outcomes_event_study_published.png"} <= set(files)
    again = write_outcomes(res, tmp_path / "again")
    for name in files:  # deterministic, figures included
        assert files[name].read_bytes() == again[name].read_bytes(), name
    fig = plot_event_study(res.coefficients)
    assert [ax.get_title() for ax in fig.axes if ax.get_visible()] == ["ours: beta"]


@pytest.mark.parametrize("change, message", [
    (lambda e: pd.concat([e, e.iloc[[2]]]), r"row \d+, column 'soc_code': SOC code '\S+' appears twice"),
    (lambda e: e.assign(soc_code=e["soc_code"].where(e.index != 1, "11-1011.00")),
     "row 2, column 'soc_code': soc_code not a SOC code \\(like 11-1011\\): '11-1011.00'"),
    (lambda e: e.assign(beta=e["beta"].astype(object).where(e.index != 3, "high")),
     "row 4, column 'beta': not a number: 'high'"),
])
def test_exposure_table_checks_soc_scores(panel, exposure, change, message):
    """A repeated code raised pandas' 'cannot reindex on an axis with duplicate labels'."""
    with pytest.raises(DataFormatError, match=message):
        outcomes.exposure_table(panel, change(exposure.reset_index(drop=True)), measures=["beta"])


def test_run_outcomes_refuses_a_measure_with_nothing_to_compare(panel, exposure):
    """A constant measure raised statsmodels' 'exog contains inf or nans'; none at all, a NaN error."""
    flat = exposure.assign(beta=0.5)
    with pytest.raises(ExposureError, match="measure 'beta' takes the one value 0.5 on all"):
        outcomes.run_outcomes(panel, flat, ["beta"], with_robustness=False)
    with pytest.raises(ExposureError, match="measure 'beta' has no value on any balanced occupation"):
        outcomes.run_outcomes(panel, exposure.assign(beta=np.nan), ["beta"], with_robustness=False)


# --------------------------------------------------------------------------- CLI
def _args(*argv):
    parser = argparse.ArgumentParser(prog="exposure")
    cli.register(parser.add_subparsers(dest="command"))
    return parser.parse_args(["outcomes", *argv])


def test_cli_on_fixture_files(panel, exposure, tmp_path, capsys):
    panel.to_parquet(tmp_path / "panel.parquet")
    exposure.to_parquet(tmp_path / "soc.parquet")
    out = tmp_path / "out"
    args = _args("--panel", str(tmp_path / "panel.parquet"), "--soc-scores",
                 str(tmp_path / "soc.parquet"), "--measure", "beta", "-o", str(out), "--no-figures")
    assert args.func(args) == 0
    printed = capsys.readouterr().out
    assert "beta" in printed and "log_emp" in printed
    head = pd.read_csv(out / "outcomes_headline.csv")
    assert head["measure"].tolist() == ["beta", "beta"]
    assert not list(out.glob("*.png"))


def test_cli_names_the_file_of_a_bad_panel_or_soc_scores(panel, exposure, tmp_path):
    panel.assign(tot_emp=panel["tot_emp"].where(panel.index != 4, -5.0)).to_parquet(tmp_path / "p.parquet")
    exposure.to_parquet(tmp_path / "soc.parquet")
    args = _args("--panel", str(tmp_path / "p.parquet"), "--soc-scores", str(tmp_path / "soc.parquet"),
                 "--measure", "beta", "-o", str(tmp_path / "out"), "--no-figures")
    with pytest.raises(DataFormatError, match=r"p\.parquet, row 5, column 'tot_emp'"):
        args.func(args)
    panel.to_parquet(tmp_path / "p.parquet")
    pd.concat([exposure, exposure.iloc[[0]]]).to_parquet(tmp_path / "soc.parquet")
    with pytest.raises(DataFormatError, match=r"soc\.parquet, row \d+, column 'soc_code': SOC code"):
        args.func(args)


def test_cli_checks_the_output_before_computing(tmp_path):
    target = tmp_path / "taken"
    target.write_text("a file")
    args = _args("--panel", str(tmp_path / "missing.parquet"), "-o", str(target))
    with pytest.raises(DataFormatError, match="not a directory"):  # not "panel file not found"
        args.func(args)


# --------------------------------------------------------------------------- Census OCC
def test_census_weights_split_oews_employment_once():
    xw = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.03", "13-1021.00", "13-1022.00",
                                        "55-1011.00"],
                       "census_occ": ["0010", "0010", "0510", "0520", "9800"]})
    emp = pd.DataFrame({"soc_code": ["11-1011", "13-1020"], "tot_emp": [300.0, 80.0]})
    w = census_weights(xw, emp).set_index("onetsoc_code")["weight"]
    assert w.to_dict() == {"11-1011.00": 150.0, "11-1011.03": 150.0, "13-1021.00": 40.0,
                           "13-1022.00": 40.0, "55-1011.00": 0.0}
    assert w.sum() == 380.0  # every OEWS worker counted once


def test_to_census_occ_weights_and_fallbacks(fixtures):
    xw = read_census_crosswalk(fixtures / "outcomes" / "census_crosswalk.csv")
    assert xw["census_occ"].isna().sum() == 1  # 51-8099.00 has no Census code
    assert xw.set_index("onetsoc_code").loc["55-1011.00", "data_level"] == False  # noqa: E712
    occ = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.03", "13-1021.00", "15-1252.00",
                                         "55-1011.00", "55-1012.00"],
                        "beta": [0.2, 0.4, 0.8, 0.9, 0.1, 0.3]})
    emp = pd.DataFrame({"soc_code": ["11-1011", "13-1020", "15-1252"],
                        "tot_emp": [200.0, 50.0, 1000.0]})
    got = to_census_occ(occ, xw, emp).set_index("census_occ")
    # 0010: 11-1011.00 and .03 share 11-1011's 200 workers (100 each), 13-1021 gets 13-1020's 50
    assert got.loc["0010", "beta"] == pytest.approx((100 * 0.2 + 100 * 0.4 + 50 * 0.8) / 250)
    assert got.loc["0010", "weighting"] == "employment" and got.loc["0010", "n_onet"] == 3
    assert got.loc["1021", "beta"] == pytest.approx(0.9)
    # military: no OEWS employment -> plain mean
    assert got.loc["9800", "beta"] == pytest.approx(0.2) and got.loc["9800", "weighting"] == "equal"
    # a Census code whose O*NET codes carry no score
    assert got.loc["0020", "weighting"] == "none" and np.isnan(got.loc["0020", "beta"])
    # OEWS-code input gives each O*NET code its OEWS code's value
    soc = pd.DataFrame({"soc_code": ["11-1011", "13-1020", "15-1252"], "beta": [0.3, 0.8, 0.9],
                        "tot_emp": [200.0, 50.0, 1000.0]})
    by_soc = to_census_occ(soc, xw).set_index("census_occ")
    assert by_soc.loc["0010", "beta"] == pytest.approx(got.loc["0010", "beta"])


def test_to_census_occ_needs_a_code_column():
    with pytest.raises(DataFormatError, match="onetsoc_code or a soc_code"):
        to_census_occ(pd.DataFrame({"beta": [0.1]}),
                      pd.DataFrame({"onetsoc_code": ["11-1011.00"], "census_occ": ["0010"]}),
                      pd.DataFrame({"soc_code": ["11-1011"], "tot_emp": [1.0]}))


def test_to_census_occ_checks_the_scores_before_loading_anything(monkeypatch):
    """None, or a code twice, was found only after the crosswalk was fetched (or not at all)."""
    from exposure import crosswalks

    def no_fetch(**kwargs):
        raise AssertionError("the crosswalk was loaded before the scores were checked")

    monkeypatch.setattr(crosswalks, "load_census_crosswalk", no_fetch)
    with pytest.raises(DataFormatError, match="scores must be a pandas DataFrame, got NoneType"):
        to_census_occ(None)
    twice = pd.DataFrame({"soc_code": ["11-1011", "11-1011"], "beta": [0.1, 0.9]})
    with pytest.raises(DataFormatError, match=r"scores, row 2, column 'soc_code': soc_code '11-1011' is given twice"):
        to_census_occ(twice)


def test_exposure_outcomes_command_reports_a_bad_output_as_exit_2(tmp_path, capsys):
    target = tmp_path / "taken"
    target.write_text("a file")
    assert main(["outcomes", "--panel", "shipped", "-o", str(target)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("exposure outcomes: error:") and "not a directory" in err


# --------------------------------------------------------------------------- sectors
def test_sector_growth_from_by_industry_tables(frames):
    def by_industry(year, info, food):
        rows = pd.DataFrame({"naics": ["000000", "51", "72", "23"],
                             "naics_title": ["Cross-industry", "Information", "Food", "Construction"],
                             "i_group": ["cross-industry", "sector", "sector", "sector"],
                             "occ_code": "00-0000", "tot_emp": [0, info, food, 50]})
        return rows if year != 2023 else rows[rows["naics"] != "23"]  # 23 missing in 2023
    frames = {2021: by_industry(2021, 100, 200), 2022: by_industry(2022, 110, 200),
              2023: by_industry(2023, 105, 210), 2025: by_industry(2025, 99, 230)}
    scores = pd.DataFrame({"naics": ["51", "72", "23"], "alpha": 0.1, "beta": [0.47, 0.18, 0.2],
                           "gamma": 0.5})
    out = outcomes.sector_growth(frames, scores).set_index("naics")
    assert list(out.index) == ["51", "72"]  # 23 is not published in every year
    assert out.loc["51", "emp_growth_pre"] == pytest.approx(0.10)
    assert out.loc["51", "emp_growth_post"] == pytest.approx(-0.10)
    assert out.loc["72", "emp_growth_post"] == pytest.approx(0.15)
    assert out.loc["72", "emp_2023"] == 210 and out.loc["51", "beta"] == 0.47
    with pytest.raises(ExposureError, match="May 2021"):
        outcomes.sector_growth({2022: frames[2022]}, scores)


def test_sectors_fail_fast_without_the_yearly_industry_files(tmp_path, capsys):
    out = tmp_path / "out"
    (tmp_path / "mirror").mkdir()  # the reports go beside the mirror, never into it
    code = main(["outcomes", "--mirror", str(tmp_path / "mirror"), "--data-dir", str(tmp_path / "cache"),
                 "--panel", "shipped", "--sectors", "-o", str(out)])
    assert code == 2
    assert "not found in mirror" in capsys.readouterr().err
    assert not list(out.glob("outcomes*"))


def test_written_files_are_one_set(panel, exposure, tmp_path, monkeypatch):
    """The figures were drawn after the tables were written: a failure there mixed two runs."""
    from exposure.reports import outcomes as report
    res = outcomes.run_outcomes(panel, exposure, q=2, with_robustness=False)
    write_outcomes(res, tmp_path)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}

    def broken(*args, **kwargs):
        raise RuntimeError("no display")

    monkeypatch.setattr(report, "plot_event_study", broken)
    other = outcomes.run_outcomes(panel, exposure, q=3, with_robustness=False)
    with pytest.raises(RuntimeError, match="no display"):
        write_outcomes(other, tmp_path)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_more_groups_than_occupations_is_refused():
    """--quantiles 100000 made 100,000 groups of 829 occupations, nearly all empty."""
    with pytest.raises(ExposureError, match="cannot make 5 exposure groups of 4 occupations"):
        outcomes.exposure_groups([0.1, 0.2, 0.3, 0.4, None], q=5)
    assert outcomes.exposure_groups([0.1, 0.2, 0.3, 0.4], q=4).tolist() == [1, 2, 3, 4]


def test_a_run_without_figures_removes_an_earlier_runs_figures(panel, exposure, tmp_path):
    """One directory, one run: stale PNGs beside new tables would show other measures."""
    res = outcomes.run_outcomes(panel, exposure, q=2, with_robustness=False)
    first = write_outcomes(res, tmp_path)
    pngs = sorted(n for n in first if n.endswith(".png"))
    assert pngs
    (tmp_path / "notes.txt").write_text("mine")
    second = write_outcomes(res, tmp_path, figures_too=False)
    assert not any(n.endswith(".png") for n in second)
    assert not any((tmp_path / n).exists() for n in pngs)
    assert (tmp_path / "notes.txt").read_text() == "mine"  # other files are left alone
    assert {p.name for p in tmp_path.iterdir()} == set(second) | {"notes.txt"}


# --------------------------------------------------------------------------- CLI: bad panels, no leftovers
@pytest.mark.parametrize("column", ["tot_emp", "a_mean"])
def test_cli_refuses_an_infinite_count_or_wage_naming_file_row_column(panel, tmp_path, capsys, column):
    """An infinite tot_emp or a_mean gave RuntimeWarnings and an AttributeError traceback (exit 1)."""
    bad = panel.copy()
    bad.loc[4, column] = np.inf
    bad.to_parquet(tmp_path / "p.parquet")
    out = tmp_path / "oq"
    code = main(["outcomes", "--panel", str(tmp_path / "p.parquet"), "--measure", "beta", "-o", str(out),
                 "--no-figures", "--no-robustness"])
    err = capsys.readouterr().err
    assert code == 2, err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in err
    assert lines[0].startswith(f"exposure outcomes: error: {tmp_path / 'p.parquet'}, row 5, column '{column}'")
    assert "finite" in lines[0]
    assert not out.exists()


def test_shipped_panel_still_validates():
    from exposure._load import load
    from exposure.schemas import validate
    from exposure.schemas._outcomes import OccupationPanel

    shipped = load("occupation_panel")
    assert len(validate(shipped, OccupationPanel)) == len(shipped)


def test_cli_names_the_file_of_an_empty_panel(panel, tmp_path, capsys):
    """A header-only panel said "the panel has no balanced occupation ..." without the file."""
    panel.iloc[:0].to_parquet(tmp_path / "empty.parquet")
    code = main(["outcomes", "--panel", str(tmp_path / "empty.parquet"), "-o", str(tmp_path / "out"),
                 "--no-figures"])
    assert code == 2
    assert capsys.readouterr().err == (
        f"exposure outcomes: error: {tmp_path / 'empty.parquet'}: the panel has no rows\n")
    panel.assign(balanced=False).to_parquet(tmp_path / "unbalanced.parquet")
    assert main(["outcomes", "--panel", str(tmp_path / "unbalanced.parquet"), "-o", str(tmp_path / "out"),
                 "--no-figures"]) == 2
    assert capsys.readouterr().err.startswith(
        f"exposure outcomes: error: {tmp_path / 'unbalanced.parquet'}, column 'balanced': the panel has "
        "no balanced occupation in the base year 2022")
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("argv", [["--quantiles", "0"], ["--panel", "missing.parquet"]])
def test_cli_failure_leaves_no_new_output_directory(tmp_path, capsys, monkeypatch, argv):
    """`outcomes --quantiles 0 -o oq0` created oq0 before checking anything, and left it empty."""
    monkeypatch.chdir(tmp_path)
    assert main(["outcomes", *argv, "-o", "new/oq0", "--no-figures"]) == 2
    assert "Traceback" not in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_cli_signal_leaves_no_new_output_directory(panel, tmp_path, capsys, monkeypatch):
    from exposure._outdir import Terminated

    def stopped(*args, **kwargs):
        raise Terminated("terminated by signal 1", 1)

    monkeypatch.setattr(outcomes, "run_outcomes", stopped)
    panel.to_parquet(tmp_path / "p.parquet")
    out = tmp_path / "oq"
    code = main(["outcomes", "--panel", str(tmp_path / "p.parquet"), "--measure", "beta", "-o", str(out),
                 "--no-figures"])
    assert code == 129
    assert "terminated (SIGHUP)" in capsys.readouterr().err
    assert not out.exists()


def test_exposure_groups_float_noise_ties_share_a_group():
    """Float-noise ties share a quantile group, and a value a rounding below a cut is at it.

    0.1 + 0.2 and 0.3 (a mean of means in another order) were split into two quantile
    groups; 0.3 / 3 fell below the cut 0.1 (round 44's roll-up helper).
    """
    noisy = outcomes.exposure_groups([0.1, 0.3, 0.1 + 0.2, 0.4], q=2).tolist()
    exact = outcomes.exposure_groups([0.1, 0.3, 0.3, 0.4], q=2).tolist()
    assert noisy == exact == [1, 2, 2, 2]
    assert outcomes.exposure_groups([0.3 / 3, 0.1, 0.0999], cuts=[0.1]).tolist() == [2, 2, 1]
    # a real gap, far above the noise, still splits
    assert outcomes.exposure_groups([0.1, 0.3, 0.3 + 1e-9, 0.4], q=2).tolist() == [1, 1, 2, 2]
