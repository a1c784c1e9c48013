"""The outcomes analysis on the real OEWS May 2021-2025 files and every published measure."""

from __future__ import annotations

import argparse

import pandas as pd
import pytest

import exposure
from exposure import crosswalks, outcomes
from exposure.cli import _outcomes as cli

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def where(shared_data, tmp_path_factory):
    return {"mirror": shared_data, "data_dir": tmp_path_factory.mktemp("cache")}


@pytest.fixture(scope="module")
def panel(where):
    return outcomes.load_panel(**where)


@pytest.fixture(scope="module")
def exposures(panel, where):
    return outcomes.exposure_table(panel, **where)


def test_panel_is_soc_2018_in_every_year(panel):
    assert sorted(panel["year"].unique()) == [2021, 2022, 2023, 2024, 2025]
    per_year = panel.groupby("year")["soc_code"].nunique()
    assert per_year.between(829, 832).all(), per_year
    # the same twelve OEWS aggregates in every year, no SOC 2010 or hybrid code
    agg = panel[panel["code_type"] == "aggregate"].groupby("year")["soc_code"].apply(frozenset)
    assert agg.nunique() == 1 and len(agg.iloc[0]) == 12
    assert {"13-1020", "31-1120", "29-2010"} <= agg.iloc[0]
    # only Legislators (not in May 2025) and Prosthodontists (not in May 2022) are unbalanced
    assert set(panel.loc[~panel["balanced"], "soc_code"]) == {"11-1031", "29-1024"}
    # detailed rows add up to the published national totals (within 0.01%)
    totals = panel.groupby("year")["tot_emp"].sum()
    assert totals[2021] == pytest.approx(140_886_310, rel=1e-4)
    assert totals[2025] == pytest.approx(155_495_730, rel=1e-4)


def test_every_measure_has_a_column_and_covers_most_codes(exposures):
    assert list(exposures.columns) == ["soc_code", *outcomes.OUR_MEASURES, *outcomes.PUBLISHED_MEASURES]
    covered = exposures.drop(columns="soc_code").notna().sum()
    assert (covered >= 550).all(), covered[covered < 550]


def test_every_measure_has_its_row(panel, exposures):
    res = outcomes.run_outcomes(panel, exposures, with_robustness=False)
    rows = res.headline.set_index(["measure", "outcome"])
    for m in outcomes.OUR_MEASURES + outcomes.PUBLISHED_MEASURES:
        for o in outcomes.OUTCOMES:
            row = rows.loc[(m, o)]
            assert row["ci_low"] <= row["coef"] <= row["ci_high"], (m, o)
            assert row["n_occupations"] >= 550, (m, o)
    assert set(res.growth["measure"]) == set(exposures.columns) - {"soc_code"}
    assert (res.growth.groupby("measure")["group"].max() == 5).all()


@pytest.mark.slow
def test_cli_writes_the_headline_and_the_figures(shared_data, tmp_path, capsys):
    """Its time (target < 30 s) is printed by benchmarks/outcomes.py, not asserted here."""
    parser = argparse.ArgumentParser(prog="exposure")
    cli.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["outcomes", "--mirror", str(shared_data), "--data-dir",
                              str(tmp_path / "cache"), "-o", str(tmp_path / "out")])
    assert args.func(args) == 0
    head = pd.read_csv(tmp_path / "out" / "outcomes_headline.csv")
    assert len(head) == 2 * len(outcomes.OUR_MEASURES + outcomes.PUBLISHED_MEASURES)
    assert (tmp_path / "out" / "outcomes_event_study_published.png").is_file()


def test_census_crosswalk_and_to_census_occ(where):
    xw = crosswalks.load_census_crosswalk(**where)
    assert len(xw) == 1016 and xw["onetsoc_code"].is_unique
    assert set(xw.loc[xw["census_occ"].isna(), "onetsoc_code"]) == {"51-8099.00", "51-8099.01"}
    assert xw["census_occ"].nunique() == 568
    occ = exposure.load("occupations")
    soc = exposure.load("soc")
    census = exposure.to_census_occ(occ, xw, soc[["soc_code", "tot_emp"]])
    assert len(census) == 568
    counts = census["weighting"].value_counts()
    assert counts["employment"] >= 540 and counts.get("equal", 0) <= 5
    # every worker of a scored OEWS code is counted once: the weights add up to the OEWS
    # employment of the codes whose O*NET children are scored and have a Census code
    assert census["tot_emp"].sum() <= soc["tot_emp"].sum()
    assert census["tot_emp"].sum() == pytest.approx(soc.loc[soc["beta"].notna(), "tot_emp"].sum(),
                                                    rel=0.01)
    ceo = census.set_index("census_occ").loc["0010"]
    assert ceo["n_onet"] == 2 and ceo["weighting"] == "employment"
