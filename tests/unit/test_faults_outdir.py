"""Faults of the output-directory layer (issue 11, items 6, 7, 8 and the traceback list).

Cases the code before issue 11 got wrong: ``recompute --out`` over a directory that holds
a mount point (the swap copied the mounted files, then emptied the mounted file system),
``--out .`` (the temporary directory was linked into itself), an existing regular file
as ``--out`` (refused only after the whole compute), a lock file on a read-only parent
(a traceback), ``rollup -o`` hit by a full disk half-way (new tables beside old ones),
and SIGTERM (no handler: the temporary directory stayed). Mounts use tmpfs and are
skipped with a reason where mounting is not allowed; permission cases run as ``nobody``.
"""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from _privileges import NOBODY, mount_tmpfs, run_as_nobody, umount

import exposure.rollup._run as rollup_run
from exposure._outdir import OutputPathError, check_output_dir, replace_directory
from exposure.cli import main
from exposure.pipeline import Stage, run_pipeline

HERE = Path(__file__).resolve().parent
RUN_TINY = HERE.parent / "data" / "pipeline" / "run_tiny.py"
sys.path.insert(0, str(RUN_TINY.parent))
import run_tiny  # noqa: E402

EXPOSURE = [sys.executable, "-m", "exposure.cli"]


def snapshot(directory: Path) -> dict[str, bytes]:
    return {str(p.relative_to(directory)): p.read_bytes()
            for p in sorted(directory.rglob("*")) if p.is_file()}


def leftovers(parent: Path) -> list[str]:
    return sorted(p.name for p in parent.iterdir() if p.name.endswith(".tmp"))


def one_line_error(res) -> str:
    assert res.returncode == 2, (res.stdout, res.stderr)
    assert "Traceback" not in res.stderr
    lines = [x for x in res.stderr.splitlines() if x.strip()]
    assert len(lines) == 1, res.stderr
    return lines[0]


def _never(version):
    raise AssertionError("a stage ran although the output directory was refused")


NEVER = [Stage("make", _never)]


# --------------------------------------------------------------------------- item 6


def test_out_holding_a_mount_point_is_refused_and_the_mount_untouched(open_tmp):
    """Old code copied the mounted files and then emptied the mounted file system."""
    out = open_tmp / "processed"
    run_tiny.run(out)
    mnt = out / "reports"
    mnt.mkdir()
    mount_tmpfs(mnt)
    try:
        (mnt / "precious.csv").write_text("only copy\n")
        before = snapshot(out)
        with pytest.raises(OutputPathError, match="another file system mounted inside"):
            run_pipeline(NEVER, run_tiny.TABLES_WRITTEN, out, context={"version": 2})
        assert snapshot(out) == before
        assert (mnt / "precious.csv").read_text() == "only copy\n"
        assert leftovers(open_tmp) == []
    finally:
        umount(mnt)


def test_out_that_is_a_mount_point_is_refused(open_tmp):
    out = open_tmp / "processed"
    out.mkdir()
    mount_tmpfs(out)
    try:
        with pytest.raises(OutputPathError, match="is a mount point"):
            run_pipeline(NEVER, run_tiny.TABLES_WRITTEN, out, context={"version": 2})
    finally:
        umount(out)


def test_the_mount_check_also_guards_the_copy(open_tmp):
    """Belt and braces: _link_tree never descends into another file system."""
    from exposure import _outdir

    src = open_tmp / "src"
    (src / "m").mkdir(parents=True)
    mount_tmpfs(src / "m")
    try:
        (src / "m" / "x").write_text("x")
        with pytest.raises(OutputPathError, match="another file system"):
            _outdir._link_tree(src, open_tmp / "dst")
        assert (src / "m" / "x").read_text() == "x"
    finally:
        umount(src / "m")


@pytest.mark.parametrize("spelling", [".", "./", "sub/..", ""])
def test_out_dot_is_refused(tmp_path, monkeypatch, spelling):
    """Old code linked the temporary directory into itself until ENAMETOOLONG."""
    (tmp_path / "keep.txt").write_text("mine\n")
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path)
    before = snapshot(tmp_path)
    with pytest.raises(OutputPathError, match="contains the current directory"):
        run_pipeline(NEVER, run_tiny.TABLES_WRITTEN, spelling or ".", context={"version": 1})
    assert snapshot(tmp_path) == before
    assert leftovers(tmp_path) == [] and leftovers(tmp_path.parent) == []


def test_out_holding_the_cache_or_a_checkout_is_refused(tmp_path):
    cache = tmp_path / "work" / "raw"
    cache.mkdir(parents=True)
    with pytest.raises(OutputPathError, match="which the run reads"):
        check_output_dir(tmp_path / "work", protect=[cache])
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    with pytest.raises(OutputPathError, match="source checkout"):
        check_output_dir(tmp_path / "repo")
    with pytest.raises(OutputPathError, match="file-system root"):
        check_output_dir("/")


def test_recompute_out_dot_in_a_checkout_is_refused_at_once(shared_data, tmp_path):
    repo = Path(__file__).resolve().parents[2]
    t0 = time.monotonic()
    res = subprocess.run(EXPOSURE + ["recompute", "--mirror", str(shared_data.resolve()),
                                     "--data-dir", str(tmp_path / "cache"), "--out", ".", "-q"],
                         cwd=repo, capture_output=True, text=True, timeout=300)
    line = one_line_error(res)
    assert "current directory" in line
    assert time.monotonic() - t0 < 30  # nothing was computed
    assert not (tmp_path / "cache").exists()  # not even fetched


def test_recompute_out_is_a_file_is_refused_before_computing(shared_data, tmp_path):
    """Old code refused it only after the whole compute (9 s)."""
    out = tmp_path / "out.parquet"
    out.write_text("not a directory\n")
    res = subprocess.run(EXPOSURE + ["recompute", "--mirror", str(shared_data.resolve()),
                                     "--data-dir", str(tmp_path / "cache"), "--out", str(out),
                                     "-q"],
                         capture_output=True, text=True, timeout=300)
    line = one_line_error(res)
    assert str(out) in line and "not a directory" in line
    assert not (tmp_path / "cache").exists()  # refused before the fetch stage
    assert out.read_text() == "not a directory\n"


def test_lock_file_on_a_read_only_parent(open_tmp):
    """Old code: a traceback from os.open of the lock file."""
    ro = open_tmp / "ro"
    ro.mkdir()
    mount_tmpfs(ro)
    try:
        (ro / "processed").mkdir()
        subprocess.run(["mount", "-o", "remount,ro", str(ro)], check=True)
        with pytest.raises(OutputPathError, match="Read-only file system") as info:
            run_pipeline(NEVER, run_tiny.TABLES_WRITTEN, ro / "processed", context={"version": 1})
        assert ".exposure-processed.lock" in str(info.value)
        res = subprocess.run(EXPOSURE + ["rollup", "x.csv", "-o", str(ro / "processed")],
                             capture_output=True, text=True, timeout=120)
        # rollup checks its output before reading inputs: the missing x.csv is not the error
        assert "x.csv" in one_line_error(res) or "Read-only" in res.stderr
    finally:
        umount(ro)


def test_recompute_into_a_directory_nobody_cannot_write(open_tmp):
    parent = open_tmp / "locked"
    parent.mkdir(mode=0o755)  # root's: nobody cannot create the lock file here
    home = open_tmp / "home"  # nobody's own: a recompute that pins BLS's files checks it first
    home.mkdir()
    os.chown(home, NOBODY, NOBODY)
    res = run_as_nobody(EXPOSURE + ["recompute", "--data-dir", str(open_tmp / "cache"),
                                    "--out", str(parent / "processed"), "-q"],
                        env={"EXPOSURE_HOME": str(open_tmp / "home")}, cwd=open_tmp)
    line = one_line_error(res)
    assert "Permission denied" in line and str(parent) in line
    assert list(parent.iterdir()) == []


# --------------------------------------------------------------------------- item 7


def _rollup_args(fixtures, out):
    d = fixtures / "rollup"
    return ["rollup", str(d / "task_scores_tiny.csv"), "-o", str(out),
            "--crosswalk", str(d / "onet_to_soc_tiny.csv"), "--employment", str(d / "oews_tiny.csv")]


def test_rollup_full_disk_half_way_keeps_the_old_set(fixtures, tmp_path, monkeypatch, capsys):
    """Old code: new occupation scores beside old SOC/sector tables, plus a traceback."""
    out = tmp_path / "out"
    assert main(_rollup_args(fixtures, out) + ["--gain", "0.5"]) == 0
    (out / "notes.txt").write_text("mine\n")
    before = snapshot(out)
    real = rollup_run.write_parquet
    calls = []

    def full_disk(frame, path):
        calls.append(Path(path).name)
        if len(calls) == 3:
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        return real(frame, path)

    monkeypatch.setattr(rollup_run, "write_parquet", full_disk)
    capsys.readouterr()
    assert main(_rollup_args(fixtures, out) + ["--gain", "0.9"]) == 2
    err = capsys.readouterr().err
    assert "No space left on device" in err and str(out) in err and "untouched" in err
    assert len(err.strip().splitlines()) == 1
    assert snapshot(out) == before
    assert leftovers(tmp_path) == []


def test_rollup_on_a_really_full_tmpfs_keeps_the_old_set(fixtures, open_tmp, capsys):
    mnt = open_tmp / "small"
    mnt.mkdir()
    mount_tmpfs(mnt, size="256k")
    try:
        out = mnt / "out"
        assert main(_rollup_args(fixtures, out)) == 0
        before = snapshot(out)
        filler = mnt / "filler"
        fd = os.open(filler, os.O_WRONLY | os.O_CREAT)  # fill it up to the last byte
        try:
            for size in (4096, 1):
                with pytest.raises(OSError):
                    while True:
                        os.write(fd, b"\0" * size)
        finally:
            os.close(fd)
        capsys.readouterr()
        assert main(_rollup_args(fixtures, out) + ["--bootstrap", "20"]) == 2
        err = capsys.readouterr().err
        assert "No space left on device" in err and "Traceback" not in err
        assert snapshot(out) == before
        assert leftovers(mnt) == []
    finally:
        umount(mnt)


def test_rollup_output_is_checked_before_reading_inputs(tmp_path, capsys):
    out = tmp_path / "out"
    out.write_text("a file\n")
    assert main(["rollup", str(tmp_path / "missing.csv"), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "not a directory" in err and "missing.csv" not in err


def test_rollup_write_is_one_set_in_the_python_api(fixtures, tmp_path):
    from exposure.cli._rollup import read_task_scores
    from exposure.crosswalks import read_onet_to_soc
    from exposure.oews import read_oews

    d = fixtures / "rollup"
    result = rollup_run.rollup(read_task_scores(d / "task_scores_tiny.csv"),
                               read_onet_to_soc(d / "onet_to_soc_tiny.csv"),
                               read_oews(d / "oews_tiny.csv"), weights="equal")
    paths = result.write(tmp_path / "out")
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(p.name for p in paths)
    assert pd.read_parquet(paths[0]).equals(result.occupations.reset_index(drop=True))


# --------------------------------------------------------------------------- item 8


def _wait_for(flag: Path, proc, seconds=120):
    deadline = time.monotonic() + seconds
    while not flag.exists():
        if proc.poll() is not None:
            raise AssertionError(f"child exited early: {proc.stderr.read()}")
        if time.monotonic() > deadline:
            proc.kill()
            raise AssertionError("child never reached the pause point")
        time.sleep(0.05)


def test_sigterm_inside_terminate_cleanly_removes_the_temp_dir(tmp_path):
    out = tmp_path / "processed"
    run_tiny.run(out)
    before = snapshot(out)
    flag = tmp_path / "paused"
    code = (
        "import sys\n"
        f"sys.path.insert(0, {str(RUN_TINY.parent)!r})\n"
        "import run_tiny\n"
        "from exposure._outdir import Terminated, terminate_cleanly\n"
        "try:\n"
        "    with terminate_cleanly():\n"
        f"        run_tiny.run({str(out)!r}, 2)\n"
        "except Terminated:\n"
        "    print('terminated', file=sys.stderr)\n"
        "    sys.exit(143)\n"
    )
    env = dict(os.environ, EXPOSURE_PIPELINE_PAUSE=f"after_first_file:{flag}",
               EXPOSURE_PIPELINE_PAUSE_SECONDS="60")
    proc = subprocess.Popen([sys.executable, "-c", code], env=env, stderr=subprocess.PIPE,
                            text=True)
    _wait_for(flag, proc)
    assert len(leftovers(tmp_path)) == 1  # the temporary directory exists while paused
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 143 and "terminated" in err
    assert leftovers(tmp_path) == []
    assert snapshot(out) == before


@pytest.mark.slow
@pytest.mark.integration
def test_sigterm_during_recompute_cli(shared_data, tmp_path):
    """Old code had no SIGTERM handler: recompute's temporary directory stayed."""
    out = tmp_path / "processed"
    flag = tmp_path / "paused"
    env = dict(os.environ, EXPOSURE_PIPELINE_PAUSE=f"after_first_file:{flag}",
               EXPOSURE_PIPELINE_PAUSE_SECONDS="120", EXPOSURE_HOME=str(tmp_path / "home"))
    proc = subprocess.Popen(EXPOSURE + ["recompute", "--mirror", str(shared_data.resolve()),
                                        "--data-dir", str(tmp_path / "cache"), "--out", str(out),
                                        "-q"],
                            env=env, stderr=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    _wait_for(flag, proc, seconds=600)
    assert len(leftovers(tmp_path)) == 1
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 143, err
    assert "Traceback" not in err and "terminated" in err
    assert leftovers(tmp_path) == [] and not out.exists()


def test_replace_directory_cleans_up_on_terminated(tmp_path):
    from exposure._outdir import Terminated

    out = tmp_path / "o"
    with pytest.raises(Terminated):
        with replace_directory(out) as tmp:
            (tmp / "a").write_text("a")
            raise Terminated("test")
    assert not out.exists() and leftovers(tmp_path) == []


# --------------------------------------------------------------------------- diff


@pytest.fixture
def two_outputs(tmp_path):
    import test_diff  # the made-up outputs of tests/unit/test_diff.py

    return test_diff.two_outputs.__wrapped__(tmp_path)


@pytest.mark.parametrize("manifest", [b"{not json", b"\xff\xfe\x00binary", b"[1, 2]",
                                      b'{"releases": "29.1"}'])
def test_diff_with_a_corrupt_manifest_is_one_line(two_outputs, tmp_path, capsys, manifest):
    """Old code: a JSONDecodeError / AttributeError traceback."""
    old, new = two_outputs
    (new / "manifest.json").write_bytes(manifest)
    assert main(["diff", str(old), str(new), "--reports", str(tmp_path / "r"), "-q"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert str(new / "manifest.json") in err and "manifest" in err
    assert not (tmp_path / "r").exists()


def test_diff_reports_are_written_as_one_set(two_outputs, tmp_path, monkeypatch, capsys):
    import exposure.reports.diff as diff_mod

    old, new = two_outputs
    reports = tmp_path / "reports"
    assert main(["diff", str(old), str(new), "--reports", str(reports), "-q"]) == 0
    (reports / "agreement.csv").write_text("kept\n")  # another command's report
    before = snapshot(reports)
    real, calls = diff_mod.write_csv, []

    def full_disk(frame, path, **kw):
        calls.append(path)
        if len(calls) == 3:
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        return real(frame, path, **kw)

    monkeypatch.setattr(diff_mod, "write_csv", full_disk)
    (new / "manifest.json").write_text('{"releases": {"onet": "31.0", "oews": "2025"}}')
    assert main(["diff", str(old), str(new), "--reports", str(reports), "-q"]) == 2
    assert "No space left on device" in capsys.readouterr().err
    assert snapshot(reports) == before


# --------------------------------------------------------------------------- train --out


def test_train_out_on_a_read_only_file_system_fails_before_training(open_tmp, shared_data):
    """Old code trained for 40 s, then failed with a traceback on the read-only path."""
    ro = open_tmp / "ro"
    ro.mkdir()
    mount_tmpfs(ro, readonly=True)
    try:
        t0 = time.monotonic()
        res = subprocess.run(EXPOSURE + ["train", "--mirror", str(shared_data.resolve()),
                                         "--data-dir", str(open_tmp / "cache"),
                                         "--out", str(ro / "model.npz")],
                             capture_output=True, text=True, timeout=300)
        line = one_line_error(res)
        # round 79: "output path P: read-only file system (DIR)", as score -o says it (was the OS's capitalised words)
        assert "read-only file system" in line.lower() and str(ro / "model.npz") in line
        assert time.monotonic() - t0 < 30
        assert not (open_tmp / "cache").exists()  # not even the labels were fetched
    finally:
        umount(ro)


def test_train_out_in_a_directory_nobody_cannot_write(open_tmp):
    locked = open_tmp / "locked"
    locked.mkdir(mode=0o755)
    res = run_as_nobody(EXPOSURE + ["train", "--data-dir", str(open_tmp / "cache"),
                                    "--out", str(locked / "model.npz")],
                        env={"EXPOSURE_HOME": str(open_tmp / "home")}, cwd=open_tmp)
    line = one_line_error(res)
    assert "Permission denied" in line and str(locked / "model.npz") in line
    assert list(locked.iterdir()) == []


def test_out_below_a_directory_nobody_may_not_search(open_tmp):
    hidden = open_tmp / "private"
    hidden.mkdir(mode=0o700)  # root's, not searchable by nobody
    res = run_as_nobody(EXPOSURE + ["rollup", "scores.csv", "-o", str(hidden / "out")],
                        cwd=open_tmp)
    line = one_line_error(res)
    assert "Permission denied" in line and str(hidden / "out") in line


@pytest.mark.parametrize("inside", ["mirror/crosswalks", "mirror", "cache/onet"])
def test_recompute_refuses_an_output_inside_the_mirror_or_the_downloads(tmp_path, inside):
    """--out mirror/crosswalks wrote the tables, a manifest and a lock among the raw files."""
    from exposure import pipeline
    from exposure._outdir import OutputPathError
    from exposure.fetch import DataStore

    (tmp_path / "mirror" / "crosswalks").mkdir(parents=True)
    (tmp_path / "cache" / "onet").mkdir(parents=True)
    store = DataStore(cache=tmp_path / "cache", home=tmp_path / "home", mirror=tmp_path / "mirror")
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    with pytest.raises(OutputPathError, match="which the run reads; choose an output directory outside it"):
        pipeline.recompute(out=tmp_path / inside, store=store)
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before
