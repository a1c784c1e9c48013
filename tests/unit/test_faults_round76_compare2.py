"""Fault round 76 (third wave): ``exposure compare``'s own scores.

1. ``exposure compare`` without ``--ours`` read ``tables_dir() / "soc_scores.parquet"`` as
   a plain Parquet file, bypassing :func:`exposure.load`: a ``soc_scores.parquet`` of the
   user's recompute changed since (hand-edited, or copied from another run) was compared
   without a word (exit 0, ``measures_table.csv`` holding the edited ``beta``), although
   its ``manifest.json`` records the table's sha256; no read lock was taken, and the
   recompute read was not named. Now the default is read by ``exposure.load("soc_scores")``:
   the damaged table is refused, naming it (``...soc_scores.parquet: this table is not the
   one manifest.json recorded ...``), no report is written, and the recompute read is
   named in a warning. ``--ours FILE`` still reads the file given as it is.
2. ``exposure compare --ours`` (and ``exposure outcomes --soc-scores``) given the occupation
   panel (``occupation_panel.parquet``, a row per SOC code and year): ``SOC code '11-1011'
   appears twice (rows 1 and 2)``, without a word of what the file holds. Now refused as
   an occupation panel (column ``year``), saying what the option takes. SOC scores with a
   ``year`` column, one row per code, are read as before.
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pandas as pd
import pytest
from _frames import outcome_panel, soc_scores
from test_faults_cli import cli, one_error_line

from exposure.cli._compare import check_soc_level

#: The shipped tables of the repository (not of the package imported: old code is checked from a copy)
SHIPPED = Path(__file__).resolve().parents[2] / "data" / "processed"


@pytest.fixture
def damaged_recompute(tmp_path, monkeypatch):
    """A recompute in a fresh user data directory whose soc_scores.parquet was edited by hand."""
    home = tmp_path / "home"
    out = home / "processed" / "onet-29.1_oews-2025"
    out.mkdir(parents=True)
    for name in ("manifest.json", "soc_scores.parquet"):
        shutil.copyfile(SHIPPED / name, out / name)
    table = pd.read_parquet(out / "soc_scores.parquet")
    table.loc[table["soc_code"] == "11-1011", "beta"] = 0.99  # the shipped 0.459239
    table.to_parquet(out / "soc_scores.parquet")
    monkeypatch.setenv("EXPOSURE_HOME", str(home))
    return out / "soc_scores.parquet"


# ------------------------------------------------------------------ 1. the default --ours
def test_1_a_hand_edited_default_soc_scores_is_refused_naming_it_and_ours_reads_it(
        damaged_recompute, tmp_path, capsys, caplog):
    with caplog.at_level(logging.WARNING, logger="exposure"):
        code, _, err = cli(capsys, "compare", "-o", tmp_path / "reports")
    line = one_error_line(err, command="compare")
    assert code == 2
    assert line.startswith(f"exposure compare: error: {damaged_recompute}: this table is not the one "
                           "manifest.json recorded"), line
    assert not (tmp_path / "reports" / "measures_table.csv").exists()
    # the recompute read is named
    assert any(f"reading your recompute in {damaged_recompute.parent}" in r.getMessage()
               for r in caplog.records), caplog.text
    # --ours FILE still reads the file given as it is
    code, _, err = cli(capsys, "compare", "--ours", damaged_recompute, "-o", tmp_path / "reports")
    assert code == 0, err
    table = pd.read_csv(tmp_path / "reports" / "measures_table.csv", dtype={"soc_code": str})
    assert table.set_index("soc_code").loc["11-1011", "beta"] == 0.99


# ------------------------------------------------------------------ 2. an occupation panel as SOC scores
@pytest.mark.parametrize(("command", "option"), [("compare", "--ours"), ("outcomes", "--soc-scores")])
def test_2_an_occupation_panel_given_as_soc_scores_is_named_as_such(tmp_path, capsys, command, option):
    path = tmp_path / "occupation_panel.parquet"
    outcome_panel().rename(columns={"year": "Year"}).to_parquet(path)
    code, _, err = cli(capsys, command, option, path, "-o", tmp_path / "out")
    line = one_error_line(err, command=command)
    assert code == 2
    assert line == (f"exposure {command}: error: {path}: holds an occupation panel (occupation_panel.parquet: a "
                    f"row per SOC code and year, column 'Year'), not SOC scores: {option} takes one row per SOC "
                    "code (soc_code, alpha, beta, gamma), as the soc_scores.parquet of exposure recompute"), line
    # SOC scores with a year column, one row per code, are SOC scores
    check_soc_level(soc_scores().assign(year=2025), path)
