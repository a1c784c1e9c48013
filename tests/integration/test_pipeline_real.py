"""The full recompute on the real data (../shared/data or $EXPOSURE_MIRROR).

- runs ``exposure recompute`` twice into temporary directories (once through the CLI in a
  fresh process, once through the API) and compares every file byte for byte;
- checks the committed ``data/processed`` tables are what the code produces now;
- corrupt raw file and a schema violation in a stage: clear error naming the stage and
  the file, non-zero exit, previous outputs untouched;
- O*NET 30.1 recompute and the 29.1 -> 30.1 diff.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import exposure.scoring as scoring
from exposure import pipeline
from exposure.errors import ExposureError
from exposure.reports.diff import diff_outputs, write_diff_reports

REPO = Path(__file__).resolve().parents[2]
COMMITTED = REPO / "data" / "processed"

pytestmark = [pytest.mark.integration, pytest.mark.slow]


def _contract(directory: Path) -> dict[str, bytes]:
    """Every file of the byte-identical contract (all but timings.json and reports/)."""
    return {
        p.name: p.read_bytes()
        for p in sorted(directory.iterdir())
        if p.is_file() and p.name != pipeline.TIMINGS_NAME
    }


@pytest.fixture(scope="module")
def run_a(shared_data, tmp_path_factory):
    out = tmp_path_factory.mktemp("recompute") / "a"
    cache = tmp_path_factory.mktemp("cache")
    env = {k: v for k, v in os.environ.items() if k != "EXPOSURE_PIPELINE_PAUSE"}
    done = subprocess.run(
        [sys.executable, "-m", "exposure.cli", "recompute", "--mirror", str(shared_data),
         "--data-dir", str(cache), "--out", str(out), "--quiet"],
        capture_output=True, text=True, env=env,
    )
    assert done.returncode == 0, done.stderr
    return out, cache


def test_recompute_twice_is_byte_identical(run_a, shared_data, tmp_path):
    out_a, cache = run_a
    out_b = tmp_path / "b"
    pipeline.recompute(mirror=shared_data, data_dir=cache, out=out_b)
    a, b = _contract(out_a), _contract(out_b)
    assert sorted(a) == sorted(b)
    different = [name for name in a if a[name] != b[name]]
    assert different == []


def test_outputs_are_complete_and_consistent(run_a):
    out, cache = run_a
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["releases"] == {"onet": "29.1", "oews": "2025"}
    names = {s["name"] for s in manifest["sources"]}
    assert "onet/29.1/Task Statements.txt" in names
    assert "oews/oews_national_by_industry_M2025.csv" in names
    assert all(len(s["sha256"]) == 64 for s in manifest["sources"])
    tasks = pd.read_parquet(out / "task_scores.parquet")
    digests = pd.read_parquet(out / "task_digests.parquet")
    occ = pd.read_parquet(out / "occupation_scores.parquet")
    soc = pd.read_parquet(out / "soc_scores.parquet")
    sectors = pd.read_parquet(out / "sector_scores.parquet")
    subsectors = pd.read_parquet(out / "subsector_scores.parquet")
    # O*NET 29.1 has 18,796 task statements in 923 occupations
    assert len(tasks) == len(digests) == 18796
    assert tasks["onetsoc_code"].nunique() == 923
    assert set(occ["onetsoc_code"]) >= set(tasks["onetsoc_code"])
    assert tasks[["p_e0", "p_e1", "p_e2"]].sum(axis=1).round(6).eq(1).all()
    assert set(sectors["level"]) == {"sector"} and set(subsectors["level"]) == {"subsector"}
    assert len(sectors) == 20
    assert soc["soc_code"].is_unique
    for name, info in manifest["tables"].items():
        assert len(pd.read_parquet(out / name)) == info["rows"]
    assert not (out / "timings.json").exists()  # run-specific facts stay out of the outputs
    timings = json.loads((cache / "timings" / "recompute.json").read_text())
    assert set(timings["stages_s"]) >= {"fetch", "onet", "oews", "crosswalks", "score",
                                         "rollup", "write"}


def test_committed_tables_are_current(run_a):
    """data/processed must be what the code produces; refresh with `exposure recompute`."""
    out, _ = run_a
    fresh, committed = _contract(out), _contract(COMMITTED)
    stale = sorted(n for n in fresh if committed.get(n) != fresh[n])
    assert stale == [], (
        f"data/processed is stale ({stale}); run "
        "`exposure recompute --mirror ../shared/data --out data/processed`"
    )


def _mirror_copy(shared_data: Path, tmp_path: Path, corrupt: str | None = None) -> Path:
    """A mirror of symlinks to the real files, with ``corrupt`` replaced by a damaged copy."""
    mirror = tmp_path / "mirror"
    for sub in ("onet", "oews", "crosswalks"):
        shutil.copytree(shared_data / sub, mirror / sub,
                        copy_function=lambda s, d: os.symlink(os.path.abspath(s), d))
    if corrupt:
        target = mirror / corrupt
        data = bytearray(Path(os.readlink(target)).read_bytes())
        target.unlink()
        data[len(data) // 2] ^= 0x01
        target.write_bytes(bytes(data))
    return mirror


def test_corrupt_raw_file_fails_clearly_and_keeps_outputs(run_a, shared_data, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(run_a[0], out)
    before = _contract(out)
    mirror = _mirror_copy(shared_data, tmp_path, corrupt="onet/29.1/Task Statements.txt")
    env = {k: v for k, v in os.environ.items() if k != "EXPOSURE_PIPELINE_PAUSE"}
    done = subprocess.run(
        [sys.executable, "-m", "exposure.cli", "recompute", "--mirror", str(mirror),
         "--data-dir", str(tmp_path / "cache"), "--out", str(out), "--quiet"],
        capture_output=True, text=True, env=env,
    )
    assert done.returncode == 2
    assert "stage 'fetch' failed" in done.stderr
    assert "onet/29.1/Task Statements.txt" in done.stderr
    assert "sha256" in done.stderr
    assert _contract(out) == before
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_schema_violation_in_scoring_names_stage_and_file(run_a, shared_data, tmp_path,
                                                          monkeypatch):
    out = tmp_path / "out"
    shutil.copytree(run_a[0], out)
    before = _contract(out)
    real = scoring.score_tasks

    def broken(tasks, *args, **kwargs):
        scores = real(tasks, *args, **kwargs)
        scores.loc[5, "p_e1"] = 1.5
        return scores

    monkeypatch.setattr(scoring, "score_tasks", broken)
    with pytest.raises(pipeline.StageError) as excinfo:
        pipeline.recompute(mirror=shared_data, data_dir=run_a[1], out=out)
    # the rollup's input checks (to_occupations) refuse the bad probability before any
    # table is validated or written
    assert excinfo.value.stage == "rollup"
    assert "row 6, column 'p_e1': p_e1 must be in [0, 1], got 1.5" in str(excinfo.value)
    assert isinstance(excinfo.value, ExposureError)
    assert _contract(out) == before


def test_onet_30_1_recompute_and_diff(run_a, shared_data, tmp_path):
    new = tmp_path / "onet30"
    res = pipeline.recompute(mirror=shared_data, data_dir=run_a[1], out=new,
                             onet_release="30.1")
    assert res.manifest["releases"]["onet"] == "30.1"
    assert "onet/30.1/Task Statements.xlsx" in {s["name"] for s in res.manifest["sources"]}
    d = diff_outputs(run_a[0], new)
    s = dict(zip(d.summary["item"], d.summary["count"]))
    assert s["tasks_old"] == 18796
    assert s["tasks_new"] == res.manifest["tables"]["task_digests.parquet"]["rows"]
    assert s["tasks_old"] - s["tasks_removed"] - s["tasks_moved"] + s["tasks_added"] + \
        s["tasks_moved"] == s["tasks_new"]
    assert s["tasks_added"] + s["tasks_removed"] + s["tasks_reworded"] > 0
    paths = write_diff_reports(d, tmp_path / "reports")
    assert [p.name for p in paths][0] == "diff_summary.csv"
