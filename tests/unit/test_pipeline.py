"""The recompute machinery: stage runner, manifest, determinism, faults, kill safety.

Stages here are small functions on made-up frames (tests/data/pipeline/run_tiny.py); the
machinery they drive (stage runner, validation, lock, temp dir, swap, kill-safety) is the
real code. The directory transaction itself is tested in test_outdir.py.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow.parquet as pq
import pytest

from exposure import _outdir, pipeline
from exposure._load import load_manifest
from exposure._outdir import OutputPathError, RecomputeLockedError, replace_directory
from exposure.errors import DataFormatError, ExposureError
from exposure.oews import OEWS_FILES
from exposure.pipeline import RecomputeInputs, Stage, StageError, run_pipeline
from exposure.schemas._catalog import PROCESSED_TABLES
from exposure.sources import SOURCES

HERE = Path(__file__).resolve().parent
RUN_TINY = HERE.parent / "data" / "pipeline" / "run_tiny.py"
sys.path.insert(0, str(RUN_TINY.parent))
import run_tiny  # noqa: E402

_run = run_tiny.run


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
    res = _run(out, context={"releases": {"onet": "29.1"}}, manifest=["releases"])
    assert sorted(p.name for p in out.iterdir()) == [
        "manifest.json", "scores.parquet", "task_digests.parquet", "timings.json"]
    scores = pd.read_parquet(out / "scores.parquet")
    assert scores["code"].tolist() == ["a", "b", "c"]  # sorted by key
    assert scores["value"].tolist() == [0.25, 0.5, 1.0]
    digests = pd.read_parquet(out / "task_digests.parquet")
    assert digests["task_id"].tolist() == [1, 2]
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest == res.manifest
    assert sorted(manifest) == ["format", "package", "releases", "tables"]
    assert manifest["releases"] == {"onet": "29.1"}
    assert manifest["package"]["name"] == "ai-exposure"
    assert manifest["tables"]["scores.parquet"]["rows"] == 3
    assert manifest["tables"]["scores.parquet"]["columns"] == ["code", "value"]
    assert manifest["tables"]["scores.parquet"]["sha256"] == hashlib.sha256(
        (out / "scores.parquet").read_bytes()).hexdigest()
    timings = json.loads((out / "timings.json").read_text())
    assert timings == res.timings
    assert timings["stage_order"] == ["make", "write"]
    assert timings["peak_rss_mib"] > 0
    assert _hidden_leftovers(out.parent) == []


def test_stages_receive_the_entries_they_name(out):
    seen = {}

    def double(version):
        seen["version"] = version
        return {"doubled": version * 2}

    def use(doubled, scores):
        seen["doubled"] = doubled
        return {"scores": scores.assign(value=scores["value"] * doubled)}

    stages = run_tiny.STAGES + [Stage("double", double), Stage("use", use)]
    res = run_pipeline(stages, run_tiny.TABLES_WRITTEN, out, context={"version": 3},
                       manifest=["doubled"])
    assert seen == {"version": 3, "doubled": 6}
    assert res.manifest["doubled"] == 6
    assert pd.read_parquet(out / "scores.parquet")["value"].tolist() == [1.5, 3.0, 18.0]


def test_a_stage_needing_an_entry_nobody_made_fails_before_running(out):
    ran = []

    def needs_nothing_known(employment):
        ran.append(employment)
        return {}

    with pytest.raises(StageError, match="needs 'employment', which neither the context"):
        run_pipeline(run_tiny.STAGES + [Stage("rollup", needs_nothing_known)],
                     run_tiny.TABLES_WRITTEN, out, context={"version": 1})
    assert ran == []
    assert not out.exists()


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

    def broken():
        raise DataFormatError("bad code '1-1'", path="Task Statements.txt", row=3,
                              column="O*NET-SOC Code")

    with pytest.raises(StageError) as excinfo:
        run_pipeline(run_tiny.STAGES + [Stage("onet", broken)], run_tiny.TABLES_WRITTEN,
                     out, context={"version": 2})
    _assert_failed_cleanly(out, before, excinfo, "onet", "Task Statements.txt, row 3")
    assert isinstance(excinfo.value, ExposureError)


def test_schema_violation_names_stage_and_file(out):
    _run(out)
    before = _snapshot(out)

    def bad_digest(task_digests):
        d = task_digests.copy()
        d.loc[0, "text_digest"] = "not-hex"
        return {"task_digests": d}

    with pytest.raises(StageError) as excinfo:
        run_pipeline(run_tiny.STAGES + [Stage("corrupt", bad_digest)],
                     run_tiny.TABLES_WRITTEN, out, context={"version": 2})
    _assert_failed_cleanly(out, before, excinfo, "validate", "task_digests.parquet")
    assert "text_digest" in str(excinfo.value)


def test_missing_output_is_an_error(out):
    with pytest.raises(StageError, match="no stage produced 'task_digests'"):
        run_pipeline([], [run_tiny.TABLES_WRITTEN[1]], out)
    with pytest.raises(StageError, match="no stage produced 'releases'"):
        _run(out, manifest=["releases"])
    assert not out.exists()
    assert _hidden_leftovers(out.parent) == []


def test_full_disk_during_write_leaves_previous_outputs(out, monkeypatch):
    _run(out)
    before = _snapshot(out)
    real = pipeline.write_parquet
    calls = []

    def flaky(frame, path, **kwargs):
        calls.append(path)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        return real(frame, path, **kwargs)

    monkeypatch.setattr(pipeline, "write_parquet", flaky)
    with pytest.raises(StageError) as excinfo:
        _run(out, version=2)
    _assert_failed_cleanly(out, before, excinfo, "write", "No space left on device")
    assert "task_digests.parquet" in str(excinfo.value)


def test_a_file_as_out_is_refused_before_any_stage_runs(tmp_path):
    """Old code ran every stage, then failed at the swap (9 s on the real data)."""
    out = tmp_path / "processed"
    out.write_text("a file in the way\n")
    ran = []

    def make(version):
        ran.append(version)
        return run_tiny.make(version)

    with pytest.raises(OutputPathError) as excinfo:
        run_pipeline([Stage("make", make)], run_tiny.TABLES_WRITTEN, out, context={"version": 1})
    assert ran == []
    assert str(out) in str(excinfo.value)
    assert "not a directory" in str(excinfo.value)
    assert out.read_text() == "a file in the way\n"
    assert _hidden_leftovers(tmp_path) == []


def test_failed_swap_is_a_write_error_naming_the_directory(out, monkeypatch):
    _run(out)
    before = _snapshot(out)

    def broken(a, b):
        raise OSError(errno.EIO, "Input/output error", str(b))

    monkeypatch.setattr(_outdir, "_exchange", broken)
    with pytest.raises(StageError) as excinfo:
        _run(out, version=2)
    assert excinfo.value.stage == "write"
    assert str(out) in str(excinfo.value) and "Input/output error" in str(excinfo.value)
    assert _snapshot(out) == before
    assert _hidden_leftovers(out.parent) == []


def test_keyboard_interrupt_leaves_previous_outputs(out):
    _run(out)
    before = _snapshot(out)

    def interrupted():
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_pipeline(run_tiny.STAGES + [Stage("x", interrupted)], run_tiny.TABLES_WRITTEN,
                     out, context={"version": 2})
    assert _snapshot(out) == before
    assert _hidden_leftovers(out.parent) == []


def test_lock_rejects_second_writer_in_process(out):
    with replace_directory(out):
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


def test_malformed_releases_are_rejected():
    # any MAJOR.MINOR O*NET release and any May year are accepted (release layouts)
    with pytest.raises(ExposureError, match="O\\*NET release '28' is not of the form"):
        pipeline.recompute(onet_release="28")
    with pytest.raises(ExposureError, match="OEWS release '19' is not a year"):
        pipeline.recompute(oews_release="19")


def test_recompute_reads_registered_files_of_the_chosen_releases(tmp_path):
    # with a mirror, whatever the caller's environment: without one, OEWS 2025 is BLS's own
    # three by-industry files, which the registry does not pin
    for release, ext in (("29.1", ".txt"), ("30.1", ".xlsx")):
        files = RecomputeInputs(onet_release=release, mirror=tmp_path).files
        assert set(files) <= set(SOURCES)
        assert len(files) == len(set(files))
        onet_files = [f for f in files if f.startswith("onet/")]
        assert onet_files and all(f.startswith(f"onet/{release}/") and f.endswith(ext)
                                  for f in onet_files)
        assert f"onet/{release}/Task Statements{ext}" in onet_files
        assert OEWS_FILES[("2025", "by_industry")] in files
    # the default inputs are the sources recorded in the shipped manifest
    assert sorted(RecomputeInputs(mirror=tmp_path).files) == [s["name"] for s in load_manifest()["sources"]]
    assert pipeline.OEWS_RELEASES == ("2025",)
    assert pipeline.ONET_RELEASES == ("29.1", "30.1")


def test_recompute_recipe_writes_the_catalogue():
    assert pipeline.RECOMPUTE_TABLES == PROCESSED_TABLES
    assert [s.name for s in pipeline.RECOMPUTE_STAGES] == [
        "fetch", "onet", "oews", "crosswalks", "panel", "score", "digests", "rollup", "describe"]
    assert pipeline.RECOMPUTE_STAGES[-2].inputs == (
        "task_scores", "onet", "onet_to_soc", "employment", "soc_structure")
    # the last stage adds titles, task text and attribution to the rolled-up tables
    assert pipeline.RECOMPUTE_STAGES[-1].inputs == (
        "task_scores", "occupation_scores", "sector_scores", "subsector_scores", "onet",
        "sources", "inputs")


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


@pytest.mark.integration
def test_manifest_records_the_hash_of_the_bytes_read_not_a_stamp(shared_data, tmp_path,
                                                                  monkeypatch):
    """Old code trusted a stamp (size + mtime) and wrote the pinned sha256 regardless."""
    monkeypatch.setenv("EXPOSURE_HOME", str(tmp_path / "home"))
    inputs = RecomputeInputs(mirror=shared_data, data_dir=tmp_path / "cache")
    first = pipeline._fetch(inputs)["sources"]
    name = "onet/29.1/Job Zones.txt"
    cached = tmp_path / "cache" / name
    st = cached.stat()
    data = cached.read_bytes()
    edited = data.replace(b"\t5\t", b"\t1\t", 1)
    assert edited != data and len(edited) == len(data)
    cached.write_bytes(edited)
    os.utime(cached, ns=(st.st_atime_ns, st.st_mtime_ns))  # size and mtime as before
    second = pipeline._fetch(inputs)["sources"]
    assert second == first
    for entry in second:
        on_disk = hashlib.sha256((tmp_path / "cache" / entry["name"]).read_bytes()).hexdigest()
        assert entry["sha256"] == on_disk == SOURCES[entry["name"]].sha256
    assert cached.read_bytes() == data  # the edited copy was replaced from the mirror
    # without a mirror the edited copy is refused, never recorded
    cached.write_bytes(edited)
    os.utime(cached, ns=(st.st_atime_ns, st.st_mtime_ns))
    offline = RecomputeInputs(data_dir=tmp_path / "cache",
                              mirror=_mirror_without(shared_data, name, tmp_path / "m"))
    with pytest.raises(StageError, match="Job Zones"):
        pipeline._fetch(offline)


def _mirror_without(mirror: Path, name: str, target: Path) -> Path:
    """A mirror of symbolic links to ``mirror``'s files, lacking ``name``."""
    for path in mirror.rglob("*"):
        rel = path.relative_to(mirror)
        if path.is_file() and rel.as_posix() != name:
            (target / rel).parent.mkdir(parents=True, exist_ok=True)
            (target / rel).symlink_to(path.resolve())
    return target


@pytest.mark.parametrize("manifest", [b'{"name": "my web app", "tables": {"thesis.txt": 1}}', b"{not json",
                                      b'["a"]', b'{"package": {"name": "other"}, "tables": {}}'])
def test_a_manifest_recompute_did_not_write_is_refused_and_nothing_is_touched(out, manifest):
    """The tables an old manifest lists are the pipeline's to drop: only if it wrote that manifest."""
    from exposure._outdir import OutputPathError

    out.mkdir()
    os.chmod(out, 0o700)
    (out / "thesis.txt").write_text("mine\n")
    (out / "manifest.json").write_bytes(manifest)
    with pytest.raises(OutputPathError, match="manifest.json that exposure recompute did not write"):
        _run(out)
    assert (out / "thesis.txt").read_text() == "mine\n"
    assert (out / "manifest.json").read_bytes() == manifest
    assert sorted(p.name for p in out.iterdir()) == ["manifest.json", "thesis.txt"]
    assert _hidden_leftovers(out.parent) == []


def test_round_floats_keeps_large_values_as_computed():
    """Large floats are written as computed, not moved by numpy's scaled rounding.

    It moved 86609270.0 to 86609270.00000001 (``workforce``'s ``covered_emp`` of the admin
    rows, where ``exposure rollup`` wrote 86609270.0).
    """
    from exposure.pipeline import _round_floats

    frame = pd.DataFrame({"x": [86609270.0, 0.1 + 0.2, -1e-15, 9007.5, float("nan")],
                          "y": pd.array([0.1 + 0.2, None, 1.0, 2.0, 3.0], dtype="Float64")})
    out = _round_floats(frame)
    assert out["x"].iloc[0] == 86609270.0 and out["x"].iloc[1] == 0.3
    assert str(out["x"].iloc[2]) == "0.0" and out["x"].iloc[3] == 9007.5 and np.isnan(out["x"].iloc[4])
    assert out["y"].dtype == "Float64" and out["y"].iloc[0] == 0.3 and out["y"].isna().iloc[1]
