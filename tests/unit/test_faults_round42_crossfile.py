"""Fault round 42: a new O*NET release's cross-file errors and its lock file.

An O*NET release the package does not pin (31.0) is read from a mirror: each file is
copied into the download cache, validated by its reader and pinned in ``exposure.lock``.

1. A cross-file check of :func:`exposure.onet.load_onet` (``Tasks to DWAs.txt`` naming a
   task that ``Task Statements.txt`` lacks) named the cache copy
   (``<cache>/onet/31.0/Tasks to DWAs.txt, row 4, ...``), a file that is replaced from the
   mirror, not the mirror's file the user must fix; so did ``exposure recompute`` (stage
   ``onet``). Now the mirror's file is named when it holds the bytes that were read
   (without a mirror, a download, the cache copy is what there is and is named).
2. A file pinned in the lock file that its reader refuses (a line pinned by hand, or by an
   older version of the package whose reader was less strict) named the cache copy too.
   Now the mirror's file.
3. ``load_onet`` of a new release alone (not in a recompute) pinned every file that
   passed its reader before the cross-file checks: a release refused by them stayed
   pinned, so its corrected re-publication was refused as a checksum mismatch. Now the
   files are pinned only when the whole release is read and checked (the recompute's
   staged pins, round 41); the corrected release loads and is pinned.
4. A lock file that cannot be written (``$EXPOSURE_HOME`` on a read-only disk; a lock
   file linked to a place under a regular file) was found only at the end of a recompute of a new release, in stage ``pin``
   after the whole computation. It is now refused before any stage (stage ``fetch``,
   naming the lock file), also by ``exposure recompute`` (one line, exit 2). A recompute
   of a pinned release, which pins nothing, does not look at the lock file's directory.

Tiny made-up O*NET 31.0 files (those of ``tests/integration/test_publishers.py``) in a
mirror written by the tests; nothing is downloaded (the publishers' URLs are mapped to a
closed local port).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from _privileges import mount_tmpfs, remount_readonly, umount
from tests.integration.test_publishers import onet_31_files
from tests.unit.test_faults_round41_staging import _NOWHERE, _bad_dwas, _mirror

from exposure import fetch as fetching
from exposure import pipeline
from exposure.errors import DataFormatError, OutputError, SchemaError
from exposure.fetch import DataStore
from exposure.onet import load_onet
from exposure.pipeline import StageError
from exposure.releases import Lock, layout_source

DWAS = "onet/31.0/Tasks to DWAs.txt"
ZONES = "onet/31.0/Job Zones.txt"


def _store(tmp_path: Path, mirror: Path | None, home: Path | None = None) -> DataStore:
    return DataStore(cache=tmp_path / "cache", home=home or tmp_path / "home", mirror=mirror,
                     url_map=_NOWHERE)


# -- 1. a cross-file error names the mirror's file --------------------------------------

def test_load_onet_cross_file_error_names_the_mirror_file(tmp_path):
    mirror = _mirror(tmp_path, _bad_dwas(onet_31_files()))
    store = _store(tmp_path, mirror)
    with pytest.raises(SchemaError) as info:
        load_onet("31.0", store=store)
    err = info.value
    assert err.path == str(mirror / DWAS)
    assert (err.row, err.column) == (4, "O*NET-SOC Code/Task ID")
    assert str(err).startswith(f"{mirror / DWAS}, row 4, column 'O*NET-SOC Code/Task ID': 1 value(s) "
                               "not found in Task Statements.txt")
    assert str(tmp_path / "cache") not in str(err)


def test_recompute_cross_file_error_names_the_mirror_file(tmp_path):
    mirror = _mirror(tmp_path, _bad_dwas(onet_31_files()), shared=True)
    store = _store(tmp_path, mirror)
    with pytest.raises(StageError) as info:
        pipeline.recompute(onet_release="31.0", out=tmp_path / "out", store=store)
    message = str(info.value)
    assert info.value.stage == "onet"
    assert f"{mirror / DWAS}, row 4, column 'O*NET-SOC Code/Task ID'" in message
    assert str(tmp_path / "cache") not in message
    assert "nothing was pinned" in message


def test_the_cache_copy_is_named_when_the_mirror_holds_other_bytes(tmp_path):
    mirror = _mirror(tmp_path, {"Job Zones": b"zones\n"})
    copy = tmp_path / "cache" / ZONES
    copy.parent.mkdir(parents=True)
    copy.write_bytes(b"other zones\n")
    assert fetching.mirror_origin(copy, ZONES, _store(tmp_path, mirror)) == copy
    assert fetching.mirror_origin(copy, ZONES, _store(tmp_path, None)) == copy  # a download: the cache copy
    copy.write_bytes(b"zones\n")
    assert fetching.mirror_origin(copy, ZONES, _store(tmp_path, mirror)) == mirror / ZONES


# -- 2. a pinned file that its reader refuses --------------------------------------------

def test_a_pinned_file_its_reader_refuses_names_the_mirror_file(tmp_path):
    files = onet_31_files()
    files["Job Zones"] = files["Job Zones"].replace(b"\t5\t", b"\t9\t")
    mirror = _mirror(tmp_path, files)
    store = _store(tmp_path, mirror)
    Lock(store.lock_path).pin(layout_source(ZONES), mirror / ZONES)  # pinned by hand
    with pytest.raises(DataFormatError) as info:
        load_onet("31.0", store=store)
    err = info.value
    assert err.path == str(mirror / ZONES)
    assert (err.row, err.column) == (2, "Job Zone")
    assert "Job Zone must be at most 5, got 9" in str(err)


# -- 3. load_onet alone pins nothing of a refused release ---------------------------------

def test_load_onet_of_a_refused_release_pins_nothing_and_its_correction_loads(tmp_path):
    files = onet_31_files()
    mirror = _mirror(tmp_path, _bad_dwas(files))
    store = _store(tmp_path, mirror)
    with pytest.raises(SchemaError, match="nothing was pinned"):
        load_onet("31.0", store=store)
    assert not store.lock_path.exists()
    _mirror(tmp_path, files)  # O*NET publishes the corrected file under the same name
    release = load_onet("31.0", store=store)
    assert len(release.task_dwas) == 3
    assert sorted(Lock(store.lock_path).entries()) == sorted(f"onet/31.0/{b}.txt" for b in files)


# -- 4. a lock file that cannot be written, found before any stage ----------------------

def _refused_at_start(tmp_path: Path, store: DataStore) -> str:
    with pytest.raises(StageError) as info:
        pipeline.recompute(onet_release="31.0", out=tmp_path / "out", store=store)
    assert info.value.stage == "fetch"
    assert isinstance(info.value.cause, OutputError)
    assert not (tmp_path / "out").exists()
    assert not (tmp_path / "cache" / "onet").exists()  # nothing was read
    return str(info.value)


def test_a_lock_file_on_a_read_only_disk_is_refused_before_any_stage(tmp_path):
    mirror = _mirror(tmp_path, onet_31_files(), shared=True)
    home = tmp_path / "home"
    home.mkdir()
    mount_tmpfs(home)
    try:
        remount_readonly(home)
        message = _refused_at_start(tmp_path, _store(tmp_path, mirror, home))
    finally:
        umount(home)
    assert message.startswith(f"stage 'fetch' failed: {home / 'exposure.lock'}: cannot write: ")
    assert "Read-only file system" in message and "pinned in it when the run succeeds" in message


def test_a_lock_file_linked_under_a_regular_file_is_refused_before_any_stage(tmp_path):
    store = _store(tmp_path, _mirror(tmp_path, onet_31_files(), shared=True))
    (tmp_path / "f.txt").write_text("x")
    store.lock_path.parent.mkdir(parents=True)
    store.lock_path.symlink_to(tmp_path / "f.txt" / "exposure.lock")
    message = _refused_at_start(tmp_path, store)
    assert f"{tmp_path / 'f.txt'} is a file, not a directory" in message
    assert str(store.lock_path) in message


def test_recompute_command_refuses_an_unwritable_lock_file_at_once(tmp_path):
    store = _store(tmp_path, _mirror(tmp_path, onet_31_files(), shared=True))
    (tmp_path / "f.txt").write_text("x")
    store.lock_path.parent.mkdir(parents=True)
    store.lock_path.symlink_to(tmp_path / "f.txt" / "exposure.lock")
    env = {**os.environ, "EXPOSURE_HOME": str(store.home), "EXPOSURE_DATA_DIR": str(store.cache),
           "EXPOSURE_MIRROR": str(store.mirror)}
    env.pop("EXPOSURE_PIPELINE_PAUSE", None)
    done = subprocess.run([sys.executable, "-m", "exposure.cli", "recompute", "--onet-release", "31.0",
                           "--out", str(tmp_path / "out"), "--quiet"], capture_output=True, text=True, env=env)
    assert done.returncode == 2, done.stderr
    lines = [ln for ln in done.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, done.stderr
    assert "stage 'fetch' failed" in lines[0] and f"{store.lock_path}: cannot write" in lines[0]
    assert not (tmp_path / "cache" / "onet").exists()


def test_the_lock_check_makes_and_leaves_nothing(tmp_path):
    store = _store(tmp_path, None, home=tmp_path / "new" / "home")
    fetching.check_lock_writable(store)
    assert not (tmp_path / "new").exists()
    store.home.mkdir(parents=True)
    fetching.check_lock_writable(store)
    assert list(store.home.iterdir()) == []
