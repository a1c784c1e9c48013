"""Rollups on the real data: Eloundou et al. reproduction, OEWS crosswalk, sectors, bootstrap."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from exposure.crosswalks import load_onet_to_soc, load_soc_structure, soc_broad_group
from exposure.measures.eloundou import LABELERS, read_occ_level, read_task_labels
from exposure.oews import load_oews
from exposure.onet import read_tasks
from exposure.reports.reproduction import reproduce_workforce_2021
from exposure.rollup import (
    coverage,
    label_scores,
    national_detailed,
    oews_code_map,
    rollup,
    scores_from_labels,
    to_occupations,
    to_sectors,
    to_soc,
)

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def labels(shared_data):
    return read_task_labels(shared_data / "reference/eloundou2023/full_labelset_train.tsv")


@pytest.fixture(scope="module")
def xw(shared_data):
    return load_onet_to_soc(mirror=shared_data)


@pytest.fixture(scope="module")
def emp2025(shared_data):
    return load_oews("2025", "by_industry", mirror=shared_data)


@pytest.fixture(scope="module")
def onet_scores(shared_data):
    """Every O*NET 29.1 task with a deterministic made-up label (scores do not matter here)."""
    tasks = read_tasks(shared_data / "onet/29.1/Task Statements.txt")
    lab = np.array(["E0", "E1", "E2"], dtype=object)[tasks["task_id"].to_numpy() % 3]
    ts = tasks[["onetsoc_code", "task_id", "task_type"]].assign(label=lab)
    return pd.concat([ts, label_scores(ts["label"])], axis=1)


@pytest.mark.parametrize("labeler", sorted(LABELERS))
def test_occ_level_reproduced_for_every_occupation(shared_data, labels, labeler):
    ref = read_occ_level(shared_data / "reference/eloundou2023/occ_level_train.csv")
    occ = to_occupations(scores_from_labels(labels, LABELERS[labeler]), weights="core").set_index("onetsoc_code")
    assert len(ref) == 693 and set(ref["onetsoc_code"]) == set(occ.index)
    for m in ("alpha", "beta", "gamma"):
        diff = np.abs(occ.loc[ref["onetsoc_code"], m].to_numpy() - ref[f"{labeler}_{m}"].to_numpy())
        assert diff.max() < 1e-12, (labeler, m, diff.max())


def test_broad_group_rule_matches_soc_structure(shared_data):
    s = load_soc_structure(mirror=shared_data)
    det = s[s["level"] == "detailed"]
    assert len(det) == 867
    assert [soc_broad_group(c) for c in det["soc_code"]] == det["broad_code"].tolist()
    # the only exception to "first five digits and 0": physicians 29-1221 ... 29-1229
    odd = det[det["broad_code"] != det["soc_code"].str[:6] + "0"]
    assert odd["broad_code"].unique().tolist() == ["29-1210"]


def test_every_oews_2025_code_reachable(shared_data, xw, emp2025):
    nat = national_detailed(emp2025)
    m = oews_code_map(xw["soc_code"], nat["occ_code"])
    with_structure = oews_code_map(xw["soc_code"], nat["occ_code"], load_soc_structure(mirror=shared_data))
    pd.testing.assert_frame_equal(m, with_structure)
    assert set(m.loc[m["how"] == "broad", "occ_code"]) == {
        "13-1020", "13-2020", "29-2010", "31-1120", "39-7010", "47-4090", "51-2090"}
    assert set(m.loc[m["how"] == "aggregate", "occ_code"]) == {
        "21-1018", "25-2052", "25-9045", "51-2028", "53-1047"}
    unmapped = set(m.loc[m["how"] == "none", "soc_code"])
    assert all(c.startswith("55-") for c in unmapped - {"45-3031", "11-1031"}), unmapped
    # every OEWS code is the target of some SOC code
    assert set(nat["occ_code"]) == set(m["occ_code"].dropna())


def test_oews_aggregates_table_is_the_real_structure(shared_data, xw, emp2025):
    """crosswalks.OEWS_AGGREGATES, read without a SOC structure, is what the structure and OEWS give.

    Its keys are the OEWS May 2025 codes mapped as aggregates with the SOC structure, and
    its members are the crosswalk's SOC codes mapped to each of them.
    """
    from exposure.crosswalks import OEWS_AGGREGATES

    nat = national_detailed(emp2025)
    m = oews_code_map(xw["soc_code"], nat["occ_code"], load_soc_structure(mirror=shared_data))
    agg = m[m["how"] == "aggregate"]
    assert set(agg["occ_code"]) == set(OEWS_AGGREGATES)
    members = agg.groupby("occ_code")["soc_code"].agg(lambda c: tuple(sorted(set(c)))).to_dict()
    assert members == {k: tuple(sorted(v)) for k, v in OEWS_AGGREGATES.items()}


def test_coverage_beats_prefix_matching_and_counts_employment_once(onet_scores, xw, emp2025):
    occ = to_occupations(onet_scores, weights="core")
    assert len(occ) == 923
    soc = to_soc(occ, xw, emp2025)
    cov = coverage(soc, occ)
    assert soc["tot_emp"].sum() == national_detailed(emp2025)["tot_emp"].sum() == 155_481_840
    assert cov["prefix_share"] == pytest.approx(0.9246, abs=1e-4)
    assert cov["share"] == pytest.approx(0.9871, abs=1e-4)
    # what remains unscored are "All Other" style codes without O*NET task statements
    missing = soc[soc["beta"].isna()]
    assert (missing["soc_code"].str[-1] == "9").all()


def test_sectors_2025(onet_scores, xw, emp2025):
    soc = to_soc(to_occupations(onet_scores, weights="core"), xw, emp2025)
    sec = to_sectors(soc, emp2025, level="sector")
    assert len(sec) == 20
    assert {"31-33", "44-45", "48-49", "99"} <= set(sec["naics"])
    assert (sec["covered_emp"] <= sec["tot_emp"]).all()
    assert sec["suppressed_cells"].sum() > 0
    assert sec["suppressed_emp"].notna().all()
    # covered + unscored released + suppressed = the sector total
    assert (sec["coverage"] > 0.9).all()
    sub = to_sectors(soc, emp2025, level="subsector")
    assert len(sub) == 85


def test_workforce_2021_report_is_current(labels, xw, shared_data):
    wf = reproduce_workforce_2021(labels, xw, load_oews("2021", "national", mirror=shared_data))
    row = wf.query("labeler == 'human' and weights == 'core' and combine == 'equal' and measure == 'beta'").iloc[0]
    assert row["coverage"] == pytest.approx(0.7768, abs=1e-4)
    assert row["share_ge_10"] == pytest.approx(0.8404, abs=1e-4)
    assert row["share_gt_50"] == pytest.approx(0.2177, abs=1e-4)
    report = pd.read_csv(pytest.importorskip("pathlib").Path(__file__).resolve().parents[2]
                         / "data/processed/reports/workforce_2021.csv")
    assert np.allclose(report["share_ge_10"], wf["share_ge_10"], atol=1e-4)
    assert np.allclose(report["share_gt_50"], wf["share_gt_50"], atol=1e-4)


@pytest.mark.slow
def test_bootstrap_real_is_reproducible(labels, xw, emp2025):
    ts = scores_from_labels(labels, "human_exposure_agg")
    a = rollup(ts, xw, emp2025, weights="core", n_draws=200, seed=0)
    b = rollup(ts, xw, emp2025, weights="core", n_draws=200, seed=0)
    pd.testing.assert_frame_equal(a.workforce, b.workforce)
    w = a.workforce.set_index(["group_type", "group", "measure"]).loc[("all", "all", "beta")]
    assert w["share_ge_10_ci_low"] < w["share_ge_10"] < w["share_ge_10_ci_high"]
    sec = a.sectors[a.sectors["level"] == "sector"]
    assert (sec["beta_ci_low"] <= sec["beta"]).all() and (sec["beta"] <= sec["beta_ci_high"]).all()
