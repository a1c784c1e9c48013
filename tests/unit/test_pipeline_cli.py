"""``exposure recompute`` / ``exposure diff`` argument handling and error exit codes."""

from __future__ import annotations

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
        main(["recompute", "--onet-release", "28.0"])
    assert excinfo.value.code == 2
    assert "invalid choice: '28.0'" in capsys.readouterr().err


def test_diff_missing_dirs_exit_2(tmp_path, capsys):
    code = main(["diff", str(tmp_path / "a"), str(tmp_path / "b"), "--reports", str(tmp_path)])
    assert code == 2
    err = capsys.readouterr().err
    assert err.startswith("exposure diff: error: processed table 'task_digests' not found")


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
