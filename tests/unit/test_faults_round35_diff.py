"""Round 35: ``exposure diff`` (``exposure.reports.diff``) on float noise and unchanged outputs.

1. A move of exactly 0.01 (or 0.05) in decimal, such as a ``beta`` of 0.5 in the old
   release and 0.51 in the new one, is 0.010000000000000009 in floating point: it was
   counted in ``tasks_kept_beta_moved_gt_0.01``, ``occupations_beta_moved_gt_0.01`` and
   ``sectors_beta_moved_gt_0.01`` (and ``0.05``), while ``diff_occupations.csv`` showed a
   ``delta_beta`` of ``0.01``. A move counts now when it exceeds the bound by more than
   float noise (1e-12).
2. A move of float noise below zero (``-1e-16``: a score recomputed with another
   summation order) was written as ``-0.0`` in ``diff_occupations.csv`` and
   ``diff_sectors.csv``, a decline that is none. Written ``0.0`` now.
3. Occupations whose ``beta`` moved by float noise only (``0.1 + 0.2`` against ``0.3``)
   were ranked above those that did not move at all, out of code order, although both
   are written with a ``delta_beta`` of ``0.0``: ``diff_occupations.csv`` (and its
   ``--top`` cut) depended on noise. Noise is no move in the ranking now; ties keep the
   code order.
4. ``exposure diff`` printed the top moves unrounded (``5.551115e-17``, ``-1.000000e-16``)
   while the reports were rounded to 4 decimals. Printed as written now.
5. ``exposure diff OLD NEW`` of two outputs that hold the same tasks, scores,
   occupations and sectors (a copy, or the same release recomputed alike) printed 22
   counts of 0 and two tables of zeros, with no word that nothing changed. It says so
   now, in one line (``ReleaseDiff.unchanged``: no task change, the same occupations and
   industries, scores and counts equal within float noise or missing in both).
6. ``exposure diff OLD NEW`` (no ``--reports``) whose default reports directory
   ``NEW/reports`` is a link to OLD, or holds OLD: refused as ``--reports new/reports is
   the OLD_DIR directory ... (the default is NEW_DIR/reports)``, naming an option that was
   not given and advising the default in use. Named now as the default reports directory,
   advising ``--reports``.

Tiny made-up output directories, written by the tests.
"""

from __future__ import annotations

import shutil

import pandas as pd
from _frames import recompute_outputs

from exposure._io import write_parquet
from exposure.cli import main
from exposure.reports.diff import diff_outputs, write_diff_reports


def _outputs(tmp_path):
    return recompute_outputs(tmp_path / "old", "29.1"), recompute_outputs(tmp_path / "new", "30.1")


def _set_beta(d, table, betas):
    path = d / f"{table}.parquet"
    write_parquet(pd.read_parquet(path).assign(beta=betas), path)


def _counts(diff):
    return dict(zip(diff.summary["item"], diff.summary["count"]))


# 1 ---------------------------------------------------------------------------------------

def test_a_move_of_exactly_the_bound_is_not_counted_as_more(tmp_path):
    old, new = _outputs(tmp_path)
    _set_beta(old, "occupation_scores", [0.5, 0.5])
    _set_beta(new, "occupation_scores", [0.51, 0.55])  # 0.010000000000000009, 0.050000000000000044
    _set_beta(new, "task_scores", [0.51, 0.0, 0.5])
    _set_beta(new, "sector_scores", [0.39, 0.4])  # 0.4 - 0.39 = 0.010000000000000009
    counts = _counts(diff_outputs(old, new))
    assert counts["tasks_kept_beta_moved_gt_0.01"] == 0
    assert counts["tasks_same_text_and_dwas_beta_moved_gt_0.01"] == 0
    assert counts["occupations_beta_moved_gt_0.01"] == 1  # 0.05 only
    assert counts["occupations_beta_moved_gt_0.05"] == 0
    assert counts["sectors_beta_moved_gt_0.01"] == 0


def test_a_move_just_above_the_bound_is_still_counted(tmp_path):
    old, new = _outputs(tmp_path)
    _set_beta(old, "occupation_scores", [0.5, 0.5])
    _set_beta(new, "occupation_scores", [0.5101, 0.5501])
    _set_beta(new, "task_scores", [0.5101, 0.0, 0.5])
    _set_beta(new, "sector_scores", [0.3899, 0.4])
    counts = _counts(diff_outputs(old, new))
    assert counts["tasks_kept_beta_moved_gt_0.01"] == 1
    assert counts["occupations_beta_moved_gt_0.01"] == 2
    assert counts["occupations_beta_moved_gt_0.05"] == 1
    assert counts["sectors_beta_moved_gt_0.01"] == 1


# 2 ---------------------------------------------------------------------------------------

def test_a_move_of_noise_below_zero_is_written_as_zero(tmp_path):
    old, new = _outputs(tmp_path)
    _set_beta(new, "occupation_scores", [0.5 - 1e-16, 0.25])
    _set_beta(new, "sector_scores", [0.4, 0.4 - 1e-16])
    paths = write_diff_reports(diff_outputs(old, new), tmp_path / "reports")
    for path in paths:
        assert "-0.0" not in path.read_text(), path.name
    occ = (tmp_path / "reports" / "diff_occupations.csv").read_text().splitlines()
    assert occ[1].startswith("11-1011.00,Chief Executives,0.5,0.5,0.0,")


def test_a_real_decline_keeps_its_sign(tmp_path):
    old, new = _outputs(tmp_path)
    _set_beta(new, "occupation_scores", [0.4, 0.25])
    write_diff_reports(diff_outputs(old, new), tmp_path / "reports")
    occ = (tmp_path / "reports" / "diff_occupations.csv").read_text().splitlines()
    assert occ[1].startswith("11-1011.00,Chief Executives,0.5,0.4,-0.1,")


# 3 ---------------------------------------------------------------------------------------

def test_occupations_moved_by_noise_only_keep_the_code_order(tmp_path):
    old, new = _outputs(tmp_path)
    _set_beta(old, "occupation_scores", [0.5, 0.3])
    _set_beta(new, "occupation_scores", [0.5, 0.1 + 0.2])  # 0.30000000000000004
    diff = diff_outputs(old, new)
    assert diff.occupations["onetsoc_code"].tolist() == ["11-1011.00", "13-2011.00"]
    write_diff_reports(diff, tmp_path / "reports", top=1)
    occ = pd.read_csv(tmp_path / "reports" / "diff_occupations.csv")
    assert occ["onetsoc_code"].tolist() == ["11-1011.00"]


def test_a_real_move_still_ranks_first(tmp_path):
    old, new = _outputs(tmp_path)
    _set_beta(new, "occupation_scores", [0.5, 0.2])
    assert diff_outputs(old, new).occupations["onetsoc_code"].tolist() == ["13-2011.00", "11-1011.00"]


# 4 ---------------------------------------------------------------------------------------

def test_the_printed_top_moves_are_rounded_as_written(tmp_path, capsys):
    old, new = _outputs(tmp_path)
    _set_beta(old, "occupation_scores", [0.5, 0.3])
    # one real move (0.3 -> 0.4), so that the table is printed (a run of noise alone says
    # "no change" and prints none since round 45), and one move of float noise
    _set_beta(new, "occupation_scores", [0.5 - 1e-16, 0.4])
    assert main(["diff", str(old), str(new), "--reports", str(tmp_path / "reports")]) == 0
    out = capsys.readouterr().out
    table = out[out.index("top moves"):]
    assert "e-1" not in table and "-0.0" not in table
    assert "0.3" in table and "0.4" in table


# 5 ---------------------------------------------------------------------------------------

def test_two_outputs_without_a_change_say_so(tmp_path, capsys):
    old = recompute_outputs(tmp_path / "old", "29.1")
    new = tmp_path / "new"
    shutil.copytree(old, new)
    assert main(["diff", str(old), str(new), "--reports", str(tmp_path / "reports")]) == 0
    out = capsys.readouterr().out
    lines = [ln for ln in out.splitlines() if "no change" in ln]
    assert len(lines) == 1, out
    assert str(old) in lines[0] and str(new) in lines[0]


def test_two_outputs_with_a_change_do_not_say_so(tmp_path, capsys):
    old, new = _outputs(tmp_path)
    _set_beta(new, "sector_scores", [0.4, 0.41])
    assert main(["diff", str(old), str(new), "--reports", str(tmp_path / "reports")]) == 0
    assert "no change" not in capsys.readouterr().out


def test_a_score_missing_in_one_release_only_is_a_change(tmp_path):
    old, new = _outputs(tmp_path)
    assert diff_outputs(old, new).unchanged  # 29.1 and 30.1 alike, as written by the fixture
    _set_beta(new, "task_scores", [0.5, None, 0.5])
    assert not diff_outputs(old, new).unchanged


# 6 ---------------------------------------------------------------------------------------

def _errors(capsys):
    return [ln for ln in capsys.readouterr().err.splitlines() if ": error: " in ln]


def test_a_default_reports_directory_linked_to_old_is_named_as_the_default(tmp_path, capsys):
    old, new = _outputs(tmp_path)
    (new / "reports").symlink_to(old, target_is_directory=True)
    assert main(["diff", str(old), str(new)]) == 2
    (err,) = _errors(capsys)
    assert "the default reports directory" in err and "new/reports" in err and "OLD_DIR" in err
    assert "give --reports" in err and "the default is" not in err
    assert not (old / "diff_summary.csv").exists()


def test_a_default_reports_directory_holding_old_is_named_as_the_default(tmp_path, capsys):
    new = recompute_outputs(tmp_path / "new", "30.1")
    (new / "reports").mkdir()
    old = recompute_outputs(new / "reports" / "old", "29.1")
    assert main(["diff", str(old), str(new)]) == 2
    (err,) = _errors(capsys)
    assert "the default reports directory" in err and "holds the OLD_DIR directory" in err
    assert "give --reports" in err and "the default is" not in err


def test_a_given_reports_directory_is_still_named_as_given(tmp_path, capsys):
    old, new = _outputs(tmp_path)
    assert main(["diff", str(old), str(new), "--reports", str(old)]) == 2
    (err,) = _errors(capsys)
    assert f"--reports {old} is the OLD_DIR directory" in err
