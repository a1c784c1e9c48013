"""Sectors, workforce statistics and the working-time scenario on hand-computed fixtures.

SOC-level beta of the tiny world (see test_rollup.py; core weights, equal combination):
11-1011 0.375, 13-1020 1.0, 15-1252 0.0, 15-1299 missing.

Sector cells of ``oews_tiny.csv``:
    11     total 1,500: 11-1011 600, 13-1020 400, 15-1252 ** (suppressed), 15-1299 100
    31-33  total 2,500: 11-1011 400, 13-1020 100, 15-1252 2,000
    113000 (3-digit) total 1,000: 11-1011 600, 13-1020 400
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from exposure.crosswalks import read_onet_to_soc
from exposure.errors import DataFormatError
from exposure.oews import read_oews
from exposure.rollup import (
    rollup,
    to_occupations,
    to_sectors,
    to_soc,
    workforce_stats,
    working_time,
)


@pytest.fixture()
def world(fixtures):
    ts = pd.read_csv(fixtures / "rollup" / "task_scores_tiny.csv", dtype={"onetsoc_code": str, "task_type": str})
    xw = read_onet_to_soc(fixtures / "rollup" / "onet_to_soc_tiny.csv")
    emp = read_oews(fixtures / "rollup" / "oews_tiny.csv")
    soc = to_soc(to_occupations(ts, "core"), xw, emp)
    return ts, xw, emp, soc


def test_sectors_hand_computed(world):
    _, _, emp, soc = world
    sec = to_sectors(soc, emp, level="sector").set_index("naics")
    assert sec.index.tolist() == ["11", "31-33"]
    s = sec.loc["11"]
    # covered: 600 (beta 0.375) + 400 (beta 1); 15-1299 (100) has no score; 15-1252 suppressed
    assert s["beta"] == pytest.approx((600 * 0.375 + 400 * 1.0) / 1000)
    assert (s["tot_emp"], s["covered_emp"], s["exposed_workers"]) == (1500, 1000, 400)
    assert s["coverage"] == pytest.approx(1000 / 1500)
    # suppressed: one cell; its employment is estimable: 1,500 - (600 + 400 + 100)
    assert (s["suppressed_cells"], s["suppressed_emp"]) == (1, 400)
    m = sec.loc["31-33"]
    assert m["beta"] == pytest.approx((400 * 0.375 + 100 * 1.0 + 2000 * 0.0) / 2500)
    assert (m["covered_emp"], m["exposed_workers"], m["suppressed_cells"], m["suppressed_emp"]) == (2500, 100, 0, 0)
    assert m["naics_title"].startswith("Sectors 31, 32, and 33")


def test_subsectors(world):
    _, _, emp, soc = world
    sub = to_sectors(soc, emp, level="subsector")
    assert sub["naics"].tolist() == ["113000"] and sub["level"].tolist() == ["subsector"]
    assert sub.loc[0, "beta"] == pytest.approx(0.625)


def test_sectors_unknown_level(world):
    _, _, emp, soc = world
    with pytest.raises(DataFormatError, match="unknown level"):
        to_sectors(soc, emp, level="4-digit")


def test_frames_that_are_not_frames_or_repeat_a_code_are_named(world):
    """None was an AttributeError from inside; a repeated code a pandas reindexing error or a double weight."""
    ts, xw, emp, soc = world
    occ = to_occupations(ts, "core")
    with pytest.raises(DataFormatError, match="onet_to_soc must be a pandas DataFrame, got NoneType"):
        to_soc(occ, None, emp)
    with pytest.raises(DataFormatError, match="employment must be a pandas DataFrame, got str"):
        to_soc(occ, xw, "oews.csv")
    with pytest.raises(DataFormatError, match=r"occupation_scores, row \d+, column 'onetsoc_code': onetsoc_code '\S+' "
                                              r"is given twice \(rows 1 and"):
        to_soc(pd.concat([occ, occ.iloc[[0]]]), xw, emp)
    with pytest.raises(DataFormatError, match="soc_scores must be a pandas DataFrame, got list"):
        to_sectors([1], emp)
    with pytest.raises(DataFormatError, match=r"soc_scores, row \d+, column 'soc_code': soc_code '11-1011' is given twice"):
        to_sectors(pd.concat([soc, soc.iloc[[0]]]), emp)


def test_workforce_all_hand_computed(world):
    _, _, emp, soc = world
    w = workforce_stats(soc, emp).set_index(["group_type", "group", "measure"])
    b = w.loc[("all", "all", "beta")]
    # covered 3,500 of 4,000: beta 0.375 (1,000), 1.0 (500), 0.0 (2,000)
    assert (b["tot_emp"], b["covered_emp"]) == (4000, 3500)
    assert b["share_ge_10"] == pytest.approx(1500 / 3500)
    assert b["share_gt_50"] == pytest.approx(500 / 3500)
    assert b["emp_mean"] == pytest.approx((375 + 500) / 3500)
    # wage bill: 1,000 x 200,000; 500 x 80,000; 2,000 x 100,000
    assert b["wage_mean"] == pytest.approx((200e6 * 0.375 + 40e6 * 1.0) / (200e6 + 40e6 + 200e6))


def test_workforce_thresholds_are_ge_10_and_gt_50():
    soc = pd.DataFrame({"soc_code": ["11-1011", "13-1020"], "alpha": [0.1, 0.5], "beta": [0.1, 0.5],
                        "gamma": [0.1, 0.5], "tot_emp": [1.0, 1.0], "a_mean": [1.0, 1.0]})
    b = workforce_stats(soc, measures=["beta"]).iloc[0]
    assert b["share_ge_10"] == 1.0  # 0.1 counts as "at least 10%"
    assert b["share_gt_50"] == 0.0  # 0.5 is not "more than half"


def test_workforce_major_and_sector_groups(world):
    _, _, emp, soc = world
    w = workforce_stats(soc, emp).set_index(["group_type", "group", "measure"])
    m15 = w.loc[("major", "15-0000", "beta")]
    assert (m15["tot_emp"], m15["covered_emp"], m15["share_ge_10"]) == (2500, 2000, 0.0)
    assert m15["group_title"] == "Computer and Mathematical Occupations"
    assert w.loc[("major", "13-0000", "beta"), "share_gt_50"] == 1.0
    s11 = w.loc[("sector", "11", "beta")]
    assert (s11["tot_emp"], s11["covered_emp"]) == (1100, 1000)  # released cells only
    assert s11["share_gt_50"] == pytest.approx(0.4)
    assert s11["emp_mean"] == pytest.approx(0.625)


def test_working_time_hand_computed(world):
    _, _, emp, soc = world
    wt = working_time(soc, emp, gain=0.5, hours=40).set_index(["level", "code"])
    a = wt.loc[("soc", "11-1011")]
    # 0.5 x 0.375 = 18.75% of the week = 7.5 hours: reaches 10%, not 20%
    assert a["saveable_share"] == pytest.approx(0.1875) and a["saveable_hours"] == pytest.approx(7.5)
    assert (a["workers_ge_10"], a["workers_ge_20"]) == (1000, 0)
    assert tuple(wt.loc[("soc", "13-1020"), ["workers_ge_10", "workers_ge_20"]]) == (500, 500)
    assert wt.loc[("soc", "15-1299"), "covered_emp"] == 0
    s = wt.loc[("sector", "11")]
    assert (s["workers_ge_10"], s["workers_ge_20"], s["covered_emp"]) == (1000, 400, 1000)
    assert s["saveable_share"] == pytest.approx(0.5 * 0.625)
    m = wt.loc[("sector", "31-33")]
    assert (m["workers_ge_10"], m["workers_ge_20"]) == (500, 100)


def test_working_time_gain_bounds(world):
    with pytest.raises(DataFormatError, match="gain"):
        working_time(world[3], gain=1.5)


def test_rollup_category_rows(world):
    ts, xw, emp, _ = world
    r = rollup(ts, xw, emp, weights="core")
    cat = r.workforce[r.workforce["group_type"] == "category"].set_index(["group", "measure"])
    # admin tasks: t1 (E1, 11-1011.00), t3 (E2, 11-1011.00), t9 (E0, 15-1252.00)
    # 11-1011.00 admin beta = (2 * 1 + 1 * 0.5) / 3; 11-1011: only this child has admin tasks
    admin = cat.loc[("admin", "beta")]
    assert admin["covered_emp"] == 3000  # 11-1011 and 15-1252
    assert admin["emp_mean"] == pytest.approx(1000 * (2.5 / 3) / 3000)
    assert set(cat.index.get_level_values("group")) == {"admin", "routine_coding", "entry_creative"}
    assert set(r.sectors["level"]) == {"sector", "subsector"}
    assert r.coverage["share"] == pytest.approx(0.875)
    assert np.isnan(r.soc.set_index("soc_code").loc["15-1299", "beta"])


@pytest.mark.parametrize("soc, gain, message", [
    (None, 0.5, "soc_scores must be a pandas DataFrame, got NoneType"),
    ("frame", "0.5", "gain must be a number in \\[0, 1\\], got '0.5'"),
    ("frame", float("nan"), "gain must be a number in \\[0, 1\\], got nan"),
])
def test_working_time_refuses_bad_arguments(soc, gain, message):
    """working_time(None) was an AttributeError, a text gain a TypeError."""
    frame = pd.DataFrame({"soc_code": ["11-1011"], "beta": [0.5], "tot_emp": [10.0]})
    with pytest.raises(DataFormatError, match=message):
        working_time(frame if soc == "frame" else soc, gain=gain)


def test_cells_above_the_industry_total_are_warned_about(world, caplog):
    """A cell of 6,000 in a sector of 1,500: coverage read 1.0 (clipped), with no word."""
    import logging

    _, _, emp, soc = world
    bad = emp.copy()
    cell = (bad["naics"] == "11") & (bad["occ_code"] == "11-1011")
    bad.loc[cell, "tot_emp"] = 6000
    with caplog.at_level(logging.WARNING, logger="exposure"):
        sec = to_sectors(soc, bad, level="sector").set_index("naics")
    assert sec.loc["11", "coverage"] == 1.0
    assert "add up to more workers than the industry's total (NAICS '11': 6400 against 1500)" in caplog.text
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="exposure"):
        to_sectors(soc, emp, level="sector")
    assert "more workers than" not in caplog.text
