"""The recompute machinery: lock, atomic directory swap, manifest, determinism, faults.

Stages here are small functions on made-up frames (tests/data/pipeline/run_tiny.py); the
machinery they drive (lock, temp dir, swap, kill-safety) is the real code.
"""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from exposure import pipeline
from exposure.errors import ExposureError
from exposure.pipeline import (
    Output,
    RecomputeLockedError,
    Stage,
    StageError,
    output_lock,
    run_pipeline,
)

HERE = Path(__file__).resolve().parent
RUN_TINY = HERE.parent / "data" / "pipeline" / "run_tiny.py"
sys.path.insert(0, str(RUN_TINY.parent))
import run_tiny  # noqa: E402


def _run(out, version=1, **kw):
    return run_pipeline(run_tiny.tiny_stages(version), run_tiny.OUTPUTS, out, **kw)


def _snapshot(directory: Path) -> dict[str, bytes]:
    """Relative path -> bytes of every file under ``directory``."""
    return {
        str(p.relative_to(directory)): p.read_bytes()
        for p in sorted(directory.rglob("*"))
        if p.is_file()
    }


def _hidden_leftovers(parent: Path) -> list[str]:
    return sorted(p.name for p in parent.iterdir() if p.name.endswith(".tmp"))


@pytest.fixture
def out(tmp_path):
    return tmp_path / "processed"


def test_writes_tables_manifest_and_timings(out):
    res = _run(out, manifest={"releases": {"onet": "29.1"}})
    assert sorted(p.name for p in out.iterdir()) == [
        "manifest.json", "scores.parquet", "task_digests.parquet", "timings.json"]
    scores = pd.read_parquet(out / "scores.parquet")
    assert scores["code"].tolist() == ["a", "b", "c"]  # sorted by key
    assert scores["value"].tolist() == [0.25, 0.5, 1.0]
    digests = pd.read_parquet(out / "task_digests.parquet")
    assert digests["task_id"].tolist() == [1, 2]
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest == res.manifest
    assert manifest["releases"] == {"onet": "29.1"}
    assert manifest["package"]["name"] == "ai-exposure"
    assert manifest["tables"]["scores.parquet"]["rows"] == 3
    assert manifest["tables"]["scores.parquet"]["columns"] == ["code", "value"]
    import hashlib

    assert manifest["tables"]["scores.parquet"]["sha256"] == hashlib.sha256(
        (out / "scores.parquet").read_bytes()).hexdigest()
    timings = json.loads((out / "timings.json").read_text())
    assert set(timings["stages_s"]) == {"make", "write"}
    assert timings["peak_rss_mib"] > 0
    assert _hidden_leftovers(out.parent) == []


def test_two_runs_are_byte_identical(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    _run(a)
    _run(b)
    snap_a = {k: v for k, v in _snapshot(a).items() if k != "timings.json"}
    snap_b = {k: v for k, v in _snapshot(b).items() if k != "timings.json"}
    assert snap_a == snap_b
    _run(a)  # and re-running in place
    assert {k: v for k, v in _snapshot(a).items() if k != "timings.json"} == snap_a


def test_swap_keeps_foreign_entries_and_drops_stale_owned_tables(out):
    _run(out, version=1)
    (out / "reports").mkdir()
    (out / "reports" / "compare.csv").write_text("a,b\n1,2\n")
    (out / "README.md").write_text("kept\n")
    # a table the previous run wrote but this run no longer produces: listed in the old
    # manifest, so it is the pipeline's and goes away
    manifest = json.loads((out / "manifest.json").read_text())
    manifest["tables"]["old_table.parquet"] = {"rows": 0}
    (out / "manifest.json").write_text(json.dumps(manifest))
    (out / "old_table.parquet").write_bytes(b"x")
    inode_before = (out / "reports" / "compare.csv").stat().st_ino
    _run(out, version=2)
    assert (out / "reports" / "compare.csv").read_text() == "a,b\n1,2\n"
    assert (out / "reports" / "compare.csv").stat().st_ino == inode_before  # hard link
    assert (out / "README.md").read_text() == "kept\n"
    assert not (out / "old_table.parquet").exists()
    assert pd.read_parquet(out / "scores.parquet")["value"].tolist()[-1] == 2.0
    assert _hidden_leftovers(out.parent) == []


def test_fallback_swap_without_renameat2(out, monkeypatch):
    _run(out, version=1)
    (out / "reports").mkdir()
    (out / "reports" / "r.csv").write_text("x\n")
    monkeypatch.setattr(pipeline, "_exchange", lambda a, b: False)
    _run(out, version=2)
    assert pd.read_parquet(out / "scores.parquet")["value"].tolist()[-1] == 2.0
    assert (out / "reports" / "r.csv").read_text() == "x\n"
    assert _hidden_leftovers(out.parent) == []


def test_interrupted_fallback_swap_is_restored_by_next_run(out):
    _run(out, version=1)
    before = _snapshot(out)
    # the process died between "rename out aside" and "rename new into place"
    backup = out.parent / ".processed.old-abc.tmp"
    os.rename(out, backup)
    half = out.parent / ".processed.xyz.tmp"
    half.mkdir()
    with output_lock(out):
        pipeline._cleanup_stale(out)
    assert _snapshot(out) == before
    assert _hidden_leftovers(out.parent) == []


def _assert_failed_cleanly(out, before, excinfo, stage, path_part=None):
    err = excinfo.value
    assert err.stage == stage
    assert f"stage {stage!r} failed" in str(err)
    if path_part:
        assert path_part in str(err)
    assert _snapshot(out) == before
    assert _hidden_leftovers(out.parent) == []


def test_failing_stage_leaves_previous_outputs(out):
    _run(out)
    before = _snapshot(out)

    def broken(ctx):
        from exposure.errors import DataFormatError

        raise DataFormatError("bad code '1-1'", path="Task Statements.txt", row=3,
                              column="O*NET-SOC Code")

    with pytest.raises(StageError) as excinfo:
        run_pipeline(run_tiny.tiny_stages(2) + [Stage("onet", broken)], run_tiny.OUTPUTS, out)
    _assert_failed_cleanly(out, before, excinfo, "onet", "Task Statements.txt, row 3")
    assert isinstance(excinfo.value, ExposureError)


def test_schema_violation_names_stage_and_file(out):
    _run(out)
    before = _snapshot(out)

    def bad_digest(ctx):
        d = ctx["digests"].copy()
        d.loc[0, "text_digest"] = "not-hex"
        return {"digests": d}

    with pytest.raises(StageError) as excinfo:
        run_pipeline(run_tiny.tiny_stages(2) + [Stage("corrupt", bad_digest)],
                     run_tiny.OUTPUTS, out)
    _assert_failed_cleanly(out, before, excinfo, "validate", "task_digests.parquet")
    assert "text_digest" in str(excinfo.value)


def test_missing_output_is_an_error(out):
    with pytest.raises(StageError, match="no stage produced 'nothing'"):
        run_pipeline([], [Output("x.parquet", "nothing")], out)
    assert not out.exists()
    assert _hidden_leftovers(out.parent) == []


def test_full_disk_during_write_leaves_previous_outputs(out, monkeypatch):
    _run(out)
    before = _snapshot(out)
    real = pipeline.write_parquet
    calls = []

    def flaky(frame, path):
        calls.append(path)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        return real(frame, path)

    monkeypatch.setattr(pipeline, "write_parquet", flaky)
    with pytest.raises(StageError) as excinfo:
        _run(out, version=2)
    _assert_failed_cleanly(out, before, excinfo, "write", "No space left on device")
    assert "task_digests.parquet" in str(excinfo.value)


def test_keyboard_interrupt_leaves_previous_outputs(out):
    _run(out)
    before = _snapshot(out)

    def interrupted(ctx):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_pipeline(run_tiny.tiny_stages(2) + [Stage("x", interrupted)], run_tiny.OUTPUTS, out)
    assert _snapshot(out) == before
    assert _hidden_leftovers(out.parent) == []


def test_lock_rejects_second_writer_in_process(out):
    with output_lock(out):
        with pytest.raises(RecomputeLockedError, match=f"pid {os.getpid()}"):
            _run(out)
    _run(out)  # released afterwards


def _spawn_paused(out, point, flag, version=2):
    env = dict(os.environ, EXPOSURE_PIPELINE_PAUSE=f"{point}:{flag}",
               EXPOSURE_PIPELINE_PAUSE_SECONDS="60")
    proc = subprocess.Popen([sys.executable, str(RUN_TINY), str(out), str(version)], env=env,
                            stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while not flag.exists():
        if proc.poll() is not None:
            raise AssertionError(f"child exited early: {proc.stderr.read().decode()}")
        if time.monotonic() > deadline:
            proc.kill()
            raise AssertionError("child never reached the pause point")
        time.sleep(0.02)
    return proc


@pytest.mark.parametrize("point", ["after_first_file", "before_swap"])
def test_sigkill_during_write_leaves_previous_outputs(out, tmp_path, point):
    _run(out, version=1)
    (out / "reports").mkdir()
    (out / "reports" / "r.csv").write_text("x\n")
    before = _snapshot(out)
    listing = sorted(p.name for p in out.iterdir())
    flag = tmp_path / "paused"
    proc = _spawn_paused(out, point, flag)
    try:
        # while the child holds the lock, a second recompute fails clearly
        with pytest.raises(RecomputeLockedError, match=f"pid {proc.pid}"):
            _run(out)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    assert _snapshot(out) == before
    assert sorted(p.name for p in out.iterdir()) == listing
    # the killed run's temp dir is hidden beside the outputs, never inside them
    leftovers = _hidden_leftovers(out.parent)
    assert all(name.startswith(".processed.") for name in leftovers)
    assert len(leftovers) == 1
    # the next run takes the lock (released by the kernel), cleans up and succeeds
    _run(out, version=3)
    assert _hidden_leftovers(out.parent) == []
    assert pd.read_parquet(out / "scores.parquet")["value"].tolist()[-1] == 3.0
    assert (out / "reports" / "r.csv").read_text() == "x\n"


def test_parquet_has_no_pandas_metadata(out):
    _run(out)
    assert pq.read_schema(out / "scores.parquet").metadata in (None, {})


def test_stage_error_message_names_file_once():
    from exposure.errors import DataFormatError

    err = StageError("onet", DataFormatError("bad", path="a.txt", row=2))
    assert str(err) == "stage 'onet' failed: a.txt, row 2: bad; previous outputs left untouched"
    assert err.path == "a.txt"


def test_task_digests_detect_rewording_not_whitespace():
    tasks = pd.DataFrame({
        "onetsoc_code": ["11-1011.00"] * 3,
        "task_id": [3, 1, 2],
        "task": ['Direct "daily" operations.', "Confer with board members", "Plan budgets."],
        "task_type": ["Core", "Supplemental", None],
    })
    d1 = pipeline.task_digests(tasks)
    assert d1["task_id"].tolist() == [1, 2, 3]
    t2 = tasks.assign(task=['direct  "daily"  OPERATIONS', "Confer with the board", "Plan budgets."])
    d2 = pipeline.task_digests(t2)
    same = d1["text_digest"] == d2["text_digest"]
    assert same.tolist() == [False, True, True]
    assert d1["text_digest"].str.fullmatch("[0-9a-f]{16}").all()


def test_unknown_releases_are_rejected():
    with pytest.raises(ExposureError, match="unknown O\\*NET release '28.0'"):
        pipeline.recompute(onet_release="28.0")
    with pytest.raises(ExposureError, match="unknown OEWS release '2019'"):
        pipeline.recompute(oews_release="2019")


def test_out_given_as_symlink_keeps_the_link(tmp_path):
    real = tmp_path / "data" / "processed"
    _run(real, version=1)
    link = tmp_path / "pkg" / "processed"
    link.parent.mkdir()
    link.symlink_to(Path("..") / "data" / "processed")
    _run(link, version=2)
    assert link.is_symlink()
    assert pd.read_parquet(link / "scores.parquet")["value"].tolist()[-1] == 2.0
    assert pd.read_parquet(real / "scores.parquet")["value"].tolist()[-1] == 2.0


def test_output_directory_and_files_get_normal_permissions(out):
    umask = os.umask(0o022)
    try:
        _run(out)
    finally:
        os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o755
    assert (out / "scores.parquet").stat().st_mode & 0o044 == 0o044
