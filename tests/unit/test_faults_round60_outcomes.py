"""Fault round 60, area ``outcomes`` (``exposure outcomes``, :mod:`exposure.outcomes`).

1. ``exposure outcomes --sectors`` made ``outcomes_sectors.csv`` of alpha, beta and gamma
   of the sector scores :func:`exposure.load` reads, whatever ``--measure`` asked for and
   whatever ``--soc-scores`` gave, without a word: ``--measure share_admin --sectors`` gave
   a sector table without ``share_admin`` (and with alpha, gamma nobody asked for), and
   ``--soc-scores FILE --sectors`` a table of other scores than the file's. Now the table
   holds the measures of ours that ``--measure`` names (alpha, beta, gamma without
   ``--measure``, as before, or when it names none of ours: said in a warning), and a
   warning says that the sector scores are those ``exposure.load('sector_scores')`` reads,
   not those of ``--soc-scores`` (the ``--help`` says it too).
2. :func:`exposure.outcomes.group_growth` (so ``run_outcomes`` and ``exposure outcomes``)
   of a measure whose balanced occupations mostly share one value (a category share that
   is 0 for most occupations, a 0/1 measure) filled fewer quantile groups than asked,
   without a word: tied values share a group, so a "quintile" table held groups 3 and 5
   only (the shipped ``share_entry_creative``, ``share_routine_coding``), the other
   quintiles blank. Now a warning names the measure, the groups filled and empty, and the
   value most occupations share: ``measure 'beta' fills 3 of the 5 exposure groups (2, 4, 5;
   groups 1, 3 are empty): tied values share a group, and 6 of its 8 balanced
   occupations of 2022 have the value 0.0``. The groups are the same as before (the
   shipped outcomes are byte-identical); cut points (``cuts=``) are not warned about.
"""

from __future__ import annotations

import logging

import pandas as pd
import pytest
from _frames import outcome_exposures, outcome_panel
from test_faults_cli import cli

from exposure import load, outcomes
from exposure.cli import _outcomes

MIRROR = "/work/shared/data"


def _sector_frames():
    """A small by-industry table per year, of the NAICS sectors of the shipped sector scores."""
    codes = load("sector_scores")["naics"].astype(str).tolist()[:4]

    def oews(year, **_):
        return pd.DataFrame({"naics": codes, "naics_title": [f"S{c}" for c in codes], "i_group": "sector",
                             "occ_code": "00-0000", "tot_emp": [1000 + 10 * (year - 2021) * (i + 1)
                                                                for i in range(len(codes))]})
    return oews


@pytest.fixture
def sectors_run(monkeypatch, tmp_path):
    seen = {}
    real = outcomes.sector_growth

    def growth(frames, scores, measures=outcomes.EXPOSURE_MEASURES, **kw):
        seen["measures"] = list(measures)
        return real(frames, scores, measures, **kw)
    monkeypatch.setattr(_outcomes, "load_oews", lambda year, kind, **loc: _sector_frames()(int(year)))
    monkeypatch.setattr(outcomes, "sector_growth", growth)
    return seen


def _run(capsys, tmp_path, *more):
    return cli(capsys, "outcomes", "--mirror", MIRROR, "--panel", "shipped", "--no-robustness", "--no-figures",
               "--sectors", "-o", tmp_path / "o", *more)


def test_sectors_table_holds_the_measures_asked_for(capsys, tmp_path, sectors_run):
    code, _, err = _run(capsys, tmp_path, "--measure", "share_admin")
    assert code == 0, err
    assert sectors_run["measures"] == ["share_admin"]
    table = pd.read_csv(tmp_path / "o" / "outcomes_sectors.csv")
    assert "share_admin" in table.columns and "alpha" not in table.columns


def test_sectors_with_published_measures_only_say_what_they_show(capsys, tmp_path, sectors_run, caplog):
    with caplog.at_level(logging.WARNING):
        code, _, err = _run(capsys, tmp_path, "--measure", "webb_ai")
    assert code == 0, err
    assert sectors_run["measures"] == ["alpha", "beta", "gamma"]
    assert "--sectors: --measure names none of our measures (webb_ai); outcomes_sectors.csv shows alpha, " \
           "beta, gamma" in caplog.text


def test_sectors_with_soc_scores_warn_they_are_not_the_files(capsys, tmp_path, sectors_run, caplog):
    soc = tmp_path / "soc.parquet"
    load("soc_scores")[["soc_code", "beta"]].to_parquet(soc)
    with caplog.at_level(logging.WARNING):
        code, _, err = _run(capsys, tmp_path, "--measure", "beta", "--soc-scores", soc)
    assert code == 0, err
    assert sectors_run["measures"] == ["beta"]
    assert f"not those of --soc-scores {soc}" in caplog.text


def test_ties_that_leave_quantile_groups_empty_are_said(caplog):
    panel = outcome_panel()
    ex = outcome_exposures(panel).assign(beta=[0.0, 0.0, 0.0, 0.5, 0.0, 0.0, 0.0, 0.9])
    with caplog.at_level(logging.WARNING, logger="exposure.outcomes"):
        growth = outcomes.group_growth(panel, ex, ["beta"], q=5)
    assert growth["group"].tolist() == [2, 4, 5]  # the groups are as before
    assert "measure 'beta' fills 3 of the 5 exposure groups (2, 4, 5; groups 1, 3 are empty): tied values " \
           "share a group, and 6 of its 8 balanced occupations of 2022 have the value 0.0" in caplog.text
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="exposure.outcomes"):
        outcomes.group_growth(panel, outcome_exposures(panel), ["beta"], q=2)  # no tie across a cut
        outcomes.group_growth(panel, ex, ["beta"], cuts=[0.2, 0.6])  # cut points: by design
    assert "fills" not in caplog.text
