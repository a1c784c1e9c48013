"""exposure.reports.reproduction on hand-made labels (the real check is an integration test)."""

from __future__ import annotations

import pandas as pd
import pytest

from exposure.reports import reproduction as R


def _labels() -> pd.DataFrame:
    # occupation A: Core E1 (weight 2) + Supplemental E2 (weight 1); B: one Core E0 task
    return pd.DataFrame({
        "onetsoc_code": ["13-1021.00", "13-1021.00", "15-1252.00"],
        "task_id": [1, 2, 3],
        "task_type": ["Core", "Supplemental", "Core"],
        "human_exposure_agg": ["E1", "E2", "E0"],
        "gpt4_exposure": ["E2", "E2", "E1"],
    })


def _published(**changes) -> pd.DataFrame:
    ref = pd.DataFrame({
        "onetsoc_code": ["13-1021.00", "15-1252.00"],
        "human_alpha": [2 / 3, 0.0], "human_beta": [2.5 / 3, 0.0], "human_gamma": [1.0, 0.0],
        "gpt4_alpha": [0.0, 1.0], "gpt4_beta": [0.5, 1.0], "gpt4_gamma": [1.0, 1.0],
    })
    return ref.assign(**changes)


def test_occ_level_matches_hand_computed_core_weights():
    rep = R.reproduce_occ_level(_labels(), _published())
    assert rep[["labeler", "measure"]].values.tolist() == [
        ["human", "alpha"], ["human", "beta"], ["human", "gamma"],
        ["gpt4", "alpha"], ["gpt4", "beta"], ["gpt4", "gamma"]]
    assert (rep["n_occupations"] == 2).all() and (rep["n_matched"] == 2).all()
    assert rep["max_abs_diff"].max() < 1e-15


def test_occ_level_reports_a_mismatch_and_a_missing_occupation():
    rep = R.reproduce_occ_level(_labels(), _published(human_beta=[0.5, 0.0])).set_index(
        ["labeler", "measure"])
    assert rep.loc[("human", "beta"), "max_abs_diff"] == pytest.approx(2.5 / 3 - 0.5)
    assert rep.loc[("human", "alpha"), "max_abs_diff"] < 1e-15
    extra = pd.concat([_published(), _published().iloc[:1].assign(onetsoc_code="99-9999.00")])
    rep = R.reproduce_occ_level(_labels(), extra)
    assert (rep["n_occupations"] == 3).all() and (rep["n_matched"] == 2).all()


def test_workforce_shares_thresholds_are_inclusive_and_exclusive():
    soc = pd.DataFrame({"gamma": [0.1, 0.5, 0.9, None], "tot_emp": [2.0, 3.0, 5.0, 90.0]})
    assert R.workforce_shares(soc, "gamma") == {
        "covered_emp": 10.0, "ge_10": 1.0, "gt_10": 0.8, "ge_50": 0.8, "gt_50": 0.5}


def test_coverage_table_counts_a_shared_soc_code_once():
    # gamma at 1: the scores keep the rubric's order alpha <= beta <= gamma (to_soc refuses others, round 72)
    occ = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.03"], "alpha": 0.0,
                        "beta": [0.2, 0.4], "gamma": 1.0, "n_tasks": 2})
    xw = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.03"],
                       "soc_code": ["11-1011", "11-1011"]})
    emp = pd.DataFrame({"naics": "000000", "i_group": "cross-industry",
                        "occ_code": ["11-1011", "15-1252"], "o_group": "detailed",
                        "tot_emp": [100.0, 300.0]})
    row = R.coverage_table({"x": occ}, xw, {"2025": emp}).iloc[0]
    assert row["covered_emp"] == 100 and row["share"] == 0.25
    assert row["naive_join_emp"] == 200  # the trap the table documents: counted twice
    assert row["n_onet"] == 2 and row["n_oews_codes"] == 2 and row["n_oews_scored"] == 1
