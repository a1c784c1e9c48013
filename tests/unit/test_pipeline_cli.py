"""``exposure recompute`` / ``exposure diff`` argument handling and error exit codes."""

from __future__ import annotations

import pandas as pd
import pytest

from exposure.cli import build_parser, main


def test_recompute_arguments():
    args = build_parser().parse_args(
        ["recompute", "--mirror", "m", "--out", "o", "--onet-release", "30.1", "--quiet"])
    assert (str(args.mirror), str(args.out), args.onet_release, args.oews_release, args.quiet) == (
        "m", "o", "30.1", "2025", True)
    assert args.func.__name__ == "run_recompute"


def test_bad_release_is_rejected_by_argparse(capsys):
    with pytest.raises(SystemExit) as excinfo:
        main(["recompute", "--onet-release", "28"])
    assert excinfo.value.code == 2
    assert "O*NET release '28' is not of the form MAJOR.MINOR" in capsys.readouterr().err


def test_diff_missing_dirs_exit_2(tmp_path, capsys):
    code = main(["diff", str(tmp_path / "a"), str(tmp_path / "b"), "--reports", str(tmp_path)])
    assert code == 2
    err = capsys.readouterr().err
    assert err.startswith(f"exposure diff: error: {tmp_path / 'a'}: directory not found")


def test_recompute_missing_mirror_exits_2_and_leaves_out_alone(tmp_path, capsys):
    out = tmp_path / "processed"
    out.mkdir()
    (out / "keep.txt").write_text("old\n")
    code = main(["recompute", "--mirror", str(tmp_path / "nope"), "--out", str(out),
                 "--data-dir", str(tmp_path / "cache"), "--quiet"])
    assert code == 2
    err = capsys.readouterr().err
    assert "exposure recompute: error: stage 'fetch' failed" in err
    assert (out / "keep.txt").read_text() == "old\n"
    assert sorted(p.name for p in out.iterdir()) == ["keep.txt"]


def test_diff_command_writes_reports(tmp_path, capsys):
    from test_diff import _tasks, _write_out

    tasks_old = _tasks([("11-1011.00", 1, "Direct operations.", "Core"),
                        ("11-1011.00", 2, "Plan budgets.", "Core")])
    tasks_new = _tasks([("11-1011.00", 1, "Direct operations.", "Core"),
                        ("11-1011.00", 3, "Use AI tools.", "Core")])
    old, new = tmp_path / "old", tmp_path / "new"
    sectors = {"52": 0.4, "62": 0.1, "522": 0.5}
    _write_out(old, tasks_old, {1: 0.5, 2: 0.0}, {"11-1011.00": 0.25}, sectors, "29.1")
    _write_out(new, tasks_new, {1: 0.5, 3: 1.0}, {"11-1011.00": 0.75}, sectors, "30.1")
    reports = tmp_path / "reports"
    assert main(["diff", str(old), str(new), "--reports", str(reports)]) == 0
    out = capsys.readouterr().out
    assert "onet 29.1" in out and "onet 30.1" in out
    assert "tasks_added" in out
    assert sorted(p.name for p in reports.iterdir()) == [
        "diff_occupations.csv", "diff_sectors.csv", "diff_summary.csv", "diff_tasks.csv"]
    tasks = pd.read_csv(reports / "diff_tasks.csv")
    assert tasks[["task_id", "change"]].values.tolist() == [[2, "removed"], [3, "added"]]


@pytest.mark.parametrize("case", ["reports_file", "compare_missing", "compare_file"])
def test_recompute_compare_paths_are_checked_before_recomputing(tmp_path, capsys, case):
    """A bad --compare or --reports failed after the whole recompute (and replaced --out)."""
    out, old, afile = tmp_path / "processed", tmp_path / "old", tmp_path / "file"
    old.mkdir()
    afile.write_text("x\n")
    compare, reports = {"reports_file": (old, afile), "compare_missing": (tmp_path / "nope", None),
                        "compare_file": (afile, None)}[case]
    args = ["recompute", "--mirror", str(tmp_path / "no-mirror"), "--out", str(out),
            "--data-dir", str(tmp_path / "cache"), "--quiet", "--compare", str(compare)]
    if reports is not None:
        args += ["--reports", str(reports)]
    assert main(args) == 2
    err = capsys.readouterr().err
    expected = (f"{afile}: output exists and is not a directory" if case == "reports_file"
                else f"--compare {compare}: not a directory")
    assert err.startswith(f"exposure recompute: error: {expected}"), err
    assert not out.exists() and not (tmp_path / "cache").exists()


def test_recompute_reports_without_compare_is_refused(tmp_path, capsys):
    """--reports only places the diff of --compare: alone it was silently ignored."""
    out = tmp_path / "processed"
    args = ["recompute", "--mirror", str(tmp_path / "no-mirror"), "--out", str(out),
            "--data-dir", str(tmp_path / "cache"), "--quiet", "--reports", str(tmp_path / "r")]
    assert main(args) == 2
    assert "--reports is where the diff of --compare OLD_DIR goes" in capsys.readouterr().err
    assert not out.exists() and not (tmp_path / "cache").exists()


def test_recompute_compare_without_tables_is_refused_before_recomputing(tmp_path, capsys):
    """An OLD_DIR that is not a recompute output failed only after the recompute."""
    out, old = tmp_path / "processed", tmp_path / "old"
    old.mkdir()
    (old / "task_scores.parquet").write_bytes(b"x")
    args = ["recompute", "--mirror", str(tmp_path / "no-mirror"), "--out", str(out),
            "--data-dir", str(tmp_path / "cache"), "--quiet", "--compare", str(old)]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert f"{old}: not an exposure recompute output: task_digests.parquet, occupation_scores.parquet" in err
    assert not out.exists() and not (tmp_path / "cache").exists()


def test_recompute_onet_format_of_another_release_format_is_named_as_the_option(tmp_path, capsys):
    """It said "leave onet_format out or give onet_format='text'", the API's spelling, to a command-line user."""
    from exposure.cli import main

    code = main(["recompute", "--onet-release", "29.1", "--onet-format", "excel", "--out", str(tmp_path / "o"),
                 "--mirror", str(tmp_path)])
    assert code == 2
    assert capsys.readouterr().err == ("exposure recompute: error: --onet-format excel: O*NET 29.1 is pinned by "
                                       "the package in text format only; leave --onet-format out or give "
                                       "--onet-format text\n")
    assert not (tmp_path / "o").exists()
