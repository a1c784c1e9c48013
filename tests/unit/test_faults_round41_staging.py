"""Fault round 41: the pins of a new release are written only when the whole run succeeds.

``exposure recompute`` of a release the package does not pin (O*NET 31.0 from a mirror)
validates each new file with its reader and pins its sha256 in ``exposure.lock``. The
pins were written at once, file by file, before the run's cross-file checks (tasks vs
task ratings vs DWAs, in the ``onet`` stage) and before the tables were validated and
written. So:

1. A release refused by a cross-file check (Tasks to DWAs naming a task that Task
   Statements lacks) left its 8 files pinned: the refused bytes were trusted by sha256,
   and the corrected re-publication of the same file was refused as a mismatch
   (``ChecksumMismatchError ... the expected sha256 is the pin of onet/31.0/Tasks to
   DWAs.txt in the lock file``). Now the lock file is left byte for byte as it was, the
   error ends ``nothing was pinned: the lock file ... is unchanged``, and the corrected
   release runs and pins its files.
2. ``exposure recompute`` on the command line: the same, one line on stderr, exit 2.
3. A run whose writer failed (a table refused by its schema, a manifest entry JSON
   cannot hold) or that was interrupted (``KeyboardInterrupt``) after its files were
   read left their pins. Now it leaves none.
4. A successful run pins exactly what it pinned before: the lock file is byte for byte
   the one :func:`exposure.fetch.fetch_table` writes alone (which still pins at once).
5. One run that reads one file twice with different bytes (a pin of the second copy in
   the same run) is refused, naming both digests; nothing is pinned.
6. Another run that pinned the same file with other bytes while this run was going:
   this run's pins are refused as a whole when it lands (stage ``pin``, naming the lock
   file's row and the column ``sha256``), the other run's pin is kept and the previous
   outputs are left untouched.

Tiny made-up O*NET 31.0 files (those of ``tests/integration/test_publishers.py``) in a
mirror written by the tests, beside links to the real OEWS and crosswalk files; nothing
is downloaded (the publishers' URLs are mapped to a closed local port).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from tests.integration.test_publishers import onet_31_files

from exposure import pipeline
from exposure.errors import DataFormatError
from exposure.fetch import DataStore, fetch_table
from exposure.onet import read_job_zones, read_tasks
from exposure.pipeline import Stage, StageError, run_pipeline
from exposure.releases import Lock, layout_source
from exposure.schemas._catalog import TABLES

# resolved: CI gives a relative mirror (../shared/data), and links to it from tmp_path broke
SHARED = Path(os.environ.get("EXPOSURE_MIRROR") or Path(__file__).resolve().parents[3] / "shared" / "data").resolve()
_NOWHERE = (("https://www.onetcenter.org", "http://127.0.0.1:9"),
            ("https://www.bls.gov", "http://127.0.0.1:9"))
ZONES = "onet/31.0/Job Zones.txt"
TASKS = "onet/31.0/Task Statements.txt"


def _mirror(tmp_path: Path, files: dict[str, bytes], *, shared: bool = False) -> Path:
    """A mirror holding ``files`` as O*NET 31.0 (and, with ``shared``, links to the real OEWS and crosswalks)."""
    mirror = tmp_path / "mirror"
    release = mirror / "onet" / "31.0"
    release.mkdir(parents=True, exist_ok=True)
    for base, data in files.items():
        (release / f"{base}.txt").write_bytes(data)
    if shared:
        if not (SHARED / "oews").is_dir():
            pytest.skip("the real data mirror is not available")
        for sub in ("oews", "crosswalks"):
            if not (mirror / sub).exists():
                (mirror / sub).symlink_to(SHARED / sub)
    return mirror


def _store(tmp_path: Path, mirror: Path) -> DataStore:
    return DataStore(cache=tmp_path / "cache", home=tmp_path / "home", mirror=mirror, url_map=_NOWHERE)


def _earlier_pin(store: DataStore, tmp_path: Path) -> bytes:
    """A lock file that pins a file of another release already; its bytes."""
    other = tmp_path / "other.txt"
    other.write_bytes(b"an earlier release\n")
    Lock(store.lock_path).pin(layout_source("onet/30.5/Job Zones.txt"), other)
    return store.lock_path.read_bytes()


def _bad_dwas(files: dict[str, bytes]) -> dict[str, bytes]:
    """Tasks to DWAs naming a task (43-9021.00, 99999) that Task Statements lacks."""
    bad = dict(files)
    bad["Tasks to DWAs"] = files["Tasks to DWAs"].replace(b"\t14551\t", b"\t99999\t")
    assert bad["Tasks to DWAs"] != files["Tasks to DWAs"]
    return bad


def _digests() -> Stage:
    """A stage that reads two new files (pinning them) and returns a valid task_digests table."""
    def read(store):
        fetch_table(ZONES, read_job_zones, store=store)
        tasks = fetch_table(TASKS, read_tasks, store=store)
        return {"task_digests": pipeline.task_digests(tasks)}
    return Stage("read", read)


# -- 1. a release refused by a cross-file check ------------------------------------------

def test_refused_release_pins_nothing_and_its_correction_runs(tmp_path):
    files = onet_31_files()
    store = _store(tmp_path, _mirror(tmp_path, _bad_dwas(files), shared=True))
    before = _earlier_pin(store, tmp_path)
    with pytest.raises(StageError) as info:
        pipeline.recompute(onet_release="31.0", out=tmp_path / "out", store=store)
    message = str(info.value)
    assert "stage 'onet' failed" in message and "99999" in message
    assert f"nothing was pinned: the lock file {store.lock_path} is unchanged" in message
    assert store.lock_path.read_bytes() == before
    assert not (tmp_path / "out").exists()
    # O*NET publishes the corrected file under the same name: it is read, checked and pinned
    _mirror(tmp_path, files)
    result = pipeline.recompute(onet_release="31.0", out=tmp_path / "out", store=store)
    pins = store.lock.entries()
    assert sorted(pins) == sorted([f"onet/31.0/{b}.txt" for b in files] + ["onet/30.5/Job Zones.txt"])
    recorded = {s["name"]: s["sha256"] for s in result.manifest["sources"]}
    assert all(recorded[name] == pins[name]["sha256"] for name in pins if name.startswith("onet/31.0/"))


# -- 2. the command line --------------------------------------------------------------

def test_recompute_command_of_a_refused_release_says_nothing_was_pinned(tmp_path):
    store = _store(tmp_path, _mirror(tmp_path, _bad_dwas(onet_31_files()), shared=True))
    before = _earlier_pin(store, tmp_path)
    env = {**os.environ, "EXPOSURE_HOME": str(store.home), "EXPOSURE_DATA_DIR": str(store.cache),
           "EXPOSURE_MIRROR": str(store.mirror)}
    env.pop("EXPOSURE_PIPELINE_PAUSE", None)
    done = subprocess.run([sys.executable, "-m", "exposure.cli", "recompute", "--onet-release", "31.0",
                           "--out", str(tmp_path / "out"), "--quiet"], capture_output=True, text=True, env=env)
    assert done.returncode == 2, done.stderr
    lines = [ln for ln in done.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, done.stderr
    assert "Tasks to DWAs.txt" in lines[0] and "nothing was pinned" in lines[0]
    assert store.lock_path.read_bytes() == before


# -- 3. a run that fails after its files were read -------------------------------------

def test_a_table_refused_by_the_writer_leaves_no_pin(tmp_path):
    store = _store(tmp_path, _mirror(tmp_path, onet_31_files()))
    before = _earlier_pin(store, tmp_path)

    def broken(task_digests):
        return {"task_digests": task_digests.assign(task_id=-1)}  # refused by the table's schema

    with pytest.raises(StageError, match="nothing was pinned") as info:
        run_pipeline([_digests(), Stage("break", broken)], [TABLES["task_digests"]], tmp_path / "out",
                     context={"store": store}, pins=store)
    assert info.value.stage == "validate"
    assert store.lock_path.read_bytes() == before


def test_a_manifest_the_writer_cannot_write_leaves_no_pin(tmp_path):
    store = _store(tmp_path, _mirror(tmp_path, onet_31_files()))
    with pytest.raises(StageError, match="manifest.json cannot record") as info:
        run_pipeline([_digests()], [TABLES["task_digests"]], tmp_path / "out",
                     context={"store": store, "where": tmp_path}, manifest=["where"], pins=store)
    assert info.value.stage == "write"
    assert not store.lock_path.exists()


def test_an_interrupted_run_leaves_no_pin(tmp_path):
    store = _store(tmp_path, _mirror(tmp_path, onet_31_files()))
    before = _earlier_pin(store, tmp_path)

    def interrupt(task_digests):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_pipeline([_digests(), Stage("stop", interrupt)], [TABLES["task_digests"]], tmp_path / "out",
                     context={"store": store}, pins=store)
    assert store.lock_path.read_bytes() == before


# -- 4. a run that succeeds pins what it pinned before ---------------------------------

def test_a_successful_run_pins_what_fetch_table_alone_pins(tmp_path):
    mirror = _mirror(tmp_path, onet_31_files())
    store = _store(tmp_path, mirror)
    before = _earlier_pin(store, tmp_path)
    seen = {}

    def look(store):  # inside the run the new files are pinned, but not yet in the lock file
        seen["pinned"] = store.source(ZONES).pinned
        seen["bytes"] = store.lock_path.read_bytes()
        return {}

    run_pipeline([_digests(), Stage("look", look)], [TABLES["task_digests"]], tmp_path / "out",
                 context={"store": store}, pins=store)
    assert seen == {"pinned": True, "bytes": before}
    # fetch_table alone (exposure fetch) still pins at once, and the same lines
    alone = DataStore(cache=tmp_path / "cache2", home=tmp_path / "home2", mirror=mirror, url_map=_NOWHERE)
    _earlier_pin(alone, tmp_path)
    fetch_table(ZONES, read_job_zones, store=alone)
    assert ZONES in Lock(alone.lock_path).entries()
    fetch_table(TASKS, read_tasks, store=alone)
    assert store.lock_path.read_bytes() == alone.lock_path.read_bytes()


# -- 5. one file read twice with different bytes in one run ----------------------------

def test_one_file_pinned_twice_with_other_bytes_in_one_run_is_refused(tmp_path):
    store = _store(tmp_path, _mirror(tmp_path, onet_31_files()))
    before = _earlier_pin(store, tmp_path)
    other = tmp_path / "zones-v2.txt"
    other.write_bytes(onet_31_files()["Job Zones"].replace(b"\t4\t", b"\t3\t"))

    def again(store, task_digests):
        store.lock.pin(layout_source(ZONES), other, replace=True)
        return {}

    with pytest.raises(StageError) as info:
        run_pipeline([_digests(), Stage("again", again)], [TABLES["task_digests"]], tmp_path / "out",
                     context={"store": store}, pins=store)
    message = str(info.value)
    assert isinstance(info.value.cause, DataFormatError)
    assert f"{ZONES} was read twice in this run with different bytes" in message
    assert str(other) in message and "nothing was pinned" in message
    assert store.lock_path.read_bytes() == before


# -- 6. another run pinned the same file meanwhile -------------------------------------

def test_a_pin_of_other_bytes_recorded_meanwhile_refuses_the_run_s_pins(tmp_path):
    store = _store(tmp_path, _mirror(tmp_path, onet_31_files()))
    other = tmp_path / "zones-v2.txt"
    other.write_bytes(onet_31_files()["Job Zones"].replace(b"\t4\t", b"\t3\t"))

    def meanwhile(task_digests):  # another process pins its copy of the file
        Lock(store.lock_path).pin(layout_source(ZONES), other)
        return {}

    with pytest.raises(StageError) as info:
        run_pipeline([_digests(), Stage("meanwhile", meanwhile)], [TABLES["task_digests"]], tmp_path / "out",
                     context={"store": store}, pins=store)
    assert info.value.stage == "pin"
    message = str(info.value)
    assert f"{store.lock_path}, row 5, column 'sha256'" in message
    assert "nothing of this run was pinned" in message
    assert sorted(Lock(store.lock_path).entries()) == [ZONES]  # the other run's pin, kept
    assert not (tmp_path / "out").exists()


def test_pins_of_a_wrong_kind_is_refused(tmp_path):
    with pytest.raises(DataFormatError, match="pins must be an exposure.fetch.DataStore"):
        run_pipeline([], [], tmp_path / "out", pins=str(tmp_path))
