"""Round 37: what a failed ``exposure recompute`` leaves beside its output directory.

1. ``exposure recompute --out runs/2026/new/out`` (a path under directories that do not
   exist yet) that failed (a mirror missing a file, a stage error, Ctrl-C): the
   directories ``runs/2026/new/`` made for the lock file were left behind, holding the
   hidden lock file ``.exposure-out.lock``, though the error said "previous outputs left
   untouched" and nothing was written. The same with :func:`exposure.pipeline.run_pipeline`
   and every writer of :func:`exposure._outdir.replace_directory` (``exposure rollup -o``).
   Now a run that fails before its output directory exists removes its lock file and the
   directories it made for it (a directory another process filled meanwhile stays).
2. The same failed run into a new output directory of an existing folder: the lock file
   ``.exposure-<name>.lock`` was left in that folder beside nothing. Removed now. The lock
   is taken of the path again when a run finds, once it holds the lock, that the file it
   opened was removed meanwhile by such a failed run (two runs could otherwise each hold
   the lock of a different file). A run refused because another holds the lock removes
   nothing; an output directory that exists keeps its lock file, as before.

Tiny stage lists and an empty mirror; no real data and no network.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

import pandas as pd
import pytest

from exposure._outdir import RecomputeLockedError, replace_directory
from exposure.cli import main
from exposure.pipeline import Stage, StageError, run_pipeline
from exposure.schemas._catalog import TABLES


def _digests(version):
    return {"task_digests": pd.DataFrame({
        "onetsoc_code": ["11-1011.00"], "task_id": [version], "task_type": ["Core"],
        "text_digest": ["0123456789abcdef"], "dwa_digest": ["e3b0c44298fc1c14"]})}


def _boom(version):
    raise ValueError("the input is broken")


WRITE = [Stage("make", _digests)]
FAIL = [Stage("make", _boom)]
TABLES_WRITTEN = [TABLES["task_digests"]]


def _tree(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*"))


@pytest.fixture
def env(tmp_path, monkeypatch):
    """An empty mirror (the run fails at ``fetch``), a data directory and a user data directory."""
    for name in ("mirror", "cache", "home"):
        (tmp_path / name).mkdir()
    monkeypatch.setenv("EXPOSURE_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("EXPOSURE_DATA_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("EXPOSURE_MIRROR", raising=False)
    return tmp_path


# 1. the directories made for the lock file of a failed run
def test_failed_recompute_leaves_no_parent_directories(env, capsys):
    out = env / "runs" / "2026" / "new" / "out"
    assert main(["recompute", "--mirror", str(env / "mirror"), "--out", str(out), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "stage 'fetch' failed" in err, err
    assert not (env / "runs").exists()  # was runs/2026/new/.exposure-out.lock


def test_failed_run_pipeline_leaves_no_parent_directories(tmp_path):
    out = tmp_path / "a" / "b" / "out"
    with pytest.raises(StageError, match="stage 'make' failed: the input is broken"):
        run_pipeline(FAIL, TABLES_WRITTEN, out, context={"version": 1})
    assert _tree(tmp_path) == []


def test_interrupted_block_leaves_no_parent_directories(tmp_path):
    out = tmp_path / "a" / "out"
    with pytest.raises(KeyboardInterrupt):
        with replace_directory(out, owned={"x.txt"}) as tmp:
            (tmp / "x.txt").write_text("half")
            raise KeyboardInterrupt
    assert _tree(tmp_path) == []


def test_a_directory_filled_meanwhile_stays(tmp_path):
    out = tmp_path / "a" / "b" / "out"
    with pytest.raises(ValueError):
        with replace_directory(out) as _tmp:
            (tmp_path / "a" / "notes.txt").write_text("someone else's")
            raise ValueError("boom")
    assert _tree(tmp_path) == ["a", "a/notes.txt"]


# 2. the lock file of a failed run, in an existing folder
def test_failed_run_into_a_new_directory_leaves_no_lock_file(tmp_path):
    with pytest.raises(StageError):
        run_pipeline(FAIL, TABLES_WRITTEN, tmp_path / "out", context={"version": 1})
    assert _tree(tmp_path) == []  # was ['.exposure-out.lock']


def test_a_successful_run_keeps_its_directories_and_lock_file(tmp_path):
    out = tmp_path / "a" / "out"
    run_pipeline(WRITE, TABLES_WRITTEN, out, context={"version": 1})
    assert (out / "task_digests.parquet").is_file()
    assert (tmp_path / "a" / ".exposure-out.lock").is_file()


def test_a_failed_run_into_an_existing_output_keeps_it_and_its_lock_file(tmp_path):
    out = tmp_path / "a" / "out"
    run_pipeline(WRITE, TABLES_WRITTEN, out, context={"version": 1})
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    with pytest.raises(StageError):
        run_pipeline(FAIL, TABLES_WRITTEN, out, context={"version": 2})
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert (tmp_path / "a" / ".exposure-out.lock").is_file()


def test_a_run_locked_out_removes_nothing(tmp_path):
    out = tmp_path / "a" / "out"
    lock = tmp_path / "a" / ".exposure-out.lock"
    lock.parent.mkdir()
    fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        os.pwrite(fd, b"4242 exposure recompute\n", 0)
        with pytest.raises(RecomputeLockedError, match="pid 4242: exposure recompute"):
            run_pipeline(WRITE, TABLES_WRITTEN, out, context={"version": 1})
        assert lock.is_file() and os.fstat(fd).st_ino == lock.stat().st_ino
    finally:
        os.close(fd)


def test_the_lock_is_taken_again_of_a_file_removed_by_a_failed_run(tmp_path):
    """A failed run removes the lock file while it holds it; the next run locks a new one."""
    out = tmp_path / "out"
    with pytest.raises(StageError):
        run_pipeline(FAIL, TABLES_WRITTEN, out, context={"version": 1})
    run_pipeline(WRITE, TABLES_WRITTEN, out, context={"version": 1})
    with replace_directory(out, owned={"task_digests.parquet"}):
        with pytest.raises(RecomputeLockedError):
            with replace_directory(out):
                pass
