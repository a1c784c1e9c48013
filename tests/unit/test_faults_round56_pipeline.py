"""Fault round 56, area ``pipeline``: ``exposure recompute``, its runner and output directories.

Each case failed on the code before this round:

1. :func:`exposure.pipeline.task_digests` checked the cells of ``tasks`` but not those of
   ``task_dwas``: a missing DWA ID raised ``TypeError: sequence item 0: expected str
   instance, float found``; a task ID ``1.5`` was cut to task 1 and a padded O*NET-SOC code
   (``' 11-1011.00'``) matched no task, so the task's ``dwa_digest`` was that of another
   list of DWAs, without a word. A column given twice (``dwa_id`` twice: another digest
   without a word; ``task_id`` twice in ``tasks``: ``AttributeError: 'DataFrame' object has
   no attribute 'dtype'``) was not refused either. Now each is refused, naming the frame,
   the row (from 1) and the column; valid frames give the digests they gave.
2. ``exposure recompute --out tables.parquet`` (``recompute(out="results.csv")``): a
   directory of that name was made, holding the nine tables and ``manifest.json``, as
   ``exposure rollup -o rollup.xlsx`` did before round 53. Now refused before anything is
   read, exit 2 on the command line, in the words of ``rollup``; a directory that exists
   under such a name is still written into.
3. :func:`exposure.pipeline.run_pipeline` (public) with ``timings_path=P``: the docstring
   said the wall times are written to ``P``; they were written nowhere (only
   :func:`recompute` wrote its own file afterwards). Now ``P`` is written once the tables
   are swapped in, with ``out``; ``timings_path=False`` writes them nowhere.
4. ``exposure recompute --mirror M --data-dir M`` (the cache is the mirror, read in place:
   "nothing is written there"): ``M/timings/recompute.json`` was written among the raw
   files. Now no wall-time file is written in that case; an ordinary cache still gets it.
5. A folder of the output directory that the swap carries over (``reports/``) was made anew
   by the running user: a recompute run as root (a container writing into a user's folder)
   left ``reports/`` (and the links in it) owned by root, its owner no longer able to write
   into it, while the output directory itself kept its owner. Now they keep their owner
   (and the folder its modification time).
6. A read-only folder of the output directory (``chmod 555 out/reports``, ``chmod -R a-w``
   to keep a run from being changed) failed the swap after the whole run with a bare
   ``PermissionError: [Errno 13] Permission denied: '.out.<random>.tmp/reports/r.csv'``
   (round 41 fixed the output directory itself only). Now it is carried over, read-only
   as it was. Run as root without the permission-override capabilities (``setpriv
   --bounding-set``); skipped where that is not possible.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from _cli import _no_env, run  # noqa: F401 (_no_env: autouse fixture)

from exposure import pipeline
from exposure._outdir import OutputPathError, replace_directory
from exposure.errors import DataFormatError, SchemaError
from exposure.pipeline import Stage, StageError, recompute, run_pipeline, task_digests
from exposure.schemas._catalog import TABLES

TASKS = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.00"], "task_id": [1, 2],
                      "task": ["Direct operations.", "Sign contracts"], "task_type": ["Core", None]})
DWAS = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.00", "11-1011.00"], "task_id": [1, 1, 2],
                     "dwa_id": ["4.A.2.a.4.I09.D03", "4.A.4.b.4.I01.D02", "4.A.4.b.4.I01.D02"]})


# ------------------------------------------------------------------ 1. task_digests' task_dwas


@pytest.mark.parametrize("dwas, match", [
    (DWAS.assign(dwa_id=["4.A.2.a.4.I09.D03", np.nan, "4.A.4.b.4.I01.D02"]),
     r"^task_dwas, row 2, column 'dwa_id': missing$"),
    (DWAS.assign(dwa_id=["4.A.2.a.4.I09.D03", None, "4.A.4.b.4.I01.D02"]),
     r"^task_dwas, row 2, column 'dwa_id': missing$"),
    (DWAS.assign(task_id=[1, 1.5, 2]), r"^task_dwas, row 2, column 'task_id': task ID 1.5 is not an integer$"),
    (DWAS.assign(task_id=[1, None, 2]), r"^task_dwas, row 2, column 'task_id': task ID missing$"),
    (DWAS.assign(onetsoc_code=["11-1011.00", " 11-1011.00", "11-1011.00"]),
     r"^task_dwas, row 2, column 'onetsoc_code': not an O\*NET-SOC code \(like 11-1011.00\): ' 11-1011.00': "
     r"spaces around the code: write '11-1011\.00'$"),
    (DWAS.assign(dwa_id=["4.A.2.a.4.I09.D03 ", "4.A.4.b.4.I01.D02", "4.A.4.b.4.I01.D02"]),
     r"^task_dwas, row 1, column 'dwa_id': not a DWA ID \(like 4.A.2.a.4.I09.D03\): '4.A.2.a.4.I09.D03 '$"),
], ids=["nan", "none", "fraction", "id-missing", "padded-code", "padded-dwa"])
def test_task_digests_refuses_a_bad_cell_of_task_dwas(dwas, match):
    """A ``TypeError`` (missing DWA ID), or a digest of other DWAs without a word."""
    with pytest.raises(DataFormatError, match=match):
        task_digests(TASKS, dwas)


def test_task_digests_refuses_a_column_given_twice():
    """``dwa_id`` twice gave another ``dwa_digest``; ``task_id`` twice an ``AttributeError``."""
    with pytest.raises(SchemaError, match=r"^task_dwas, column 'dwa_id': column 'dwa_id' is given 2 times"):
        task_digests(TASKS, pd.concat([DWAS, DWAS[["dwa_id"]].iloc[::-1].reset_index(drop=True)], axis=1))
    with pytest.raises(SchemaError, match=r"^tasks, column 'task_id': column 'task_id' is given 2 times"):
        task_digests(pd.concat([TASKS, TASKS[["task_id"]]], axis=1), DWAS)


def test_task_digests_of_valid_frames_are_unchanged():
    """Float, text, categorical and Arrow cells, a shuffled index: the same digests."""
    want = task_digests(TASKS, DWAS)
    assert want["dwa_digest"].nunique() == 2
    for dwas in (DWAS.astype({"task_id": float}), DWAS.astype({"task_id": str}), DWAS.astype("category"),
                 DWAS.astype({"onetsoc_code": "string[pyarrow]", "dwa_id": "string[pyarrow]",
                              "task_id": "int64[pyarrow]"}),
                 DWAS.set_index(pd.Index([7, 3, 5])), pd.concat([DWAS, DWAS]), DWAS.iloc[::-1]):
        pd.testing.assert_frame_equal(task_digests(TASKS, dwas), want)


# ------------------------------------------------------------------ 2. --out named like a file


@pytest.mark.parametrize("name", ["tables.parquet", "results.csv", "out.json"])
def test_recompute_refuses_an_out_named_like_a_file(tmp_path, name):
    """The directory ``tables.parquet`` was made (here the empty mirror failed stage fetch first)."""
    mirror = tmp_path / "mirror"
    mirror.mkdir()
    with pytest.raises(OutputPathError, match=rf"^out {tmp_path / name} names the directory that gets the "
                       r"recomputed tables \(one Parquet file per table, and manifest.json\), but "
                       rf"'{name}' is named like a \.{name.rsplit('.', 1)[1]} file: give a directory$"):
        recompute(mirror=mirror, data_dir=tmp_path / "cache", out=tmp_path / name)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mirror"]


def test_cli_recompute_refuses_an_out_named_like_a_file(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("EXPOSURE_HOME", str(tmp_path / "home"))
    mirror = tmp_path / "mirror"
    mirror.mkdir()
    code, err = run(capsys, "recompute", "--mirror", mirror, "--data-dir", tmp_path / "cache", "--out",
                    tmp_path / "scores.xlsx", "-q")
    assert code == 2
    assert err == (f"exposure recompute: error: --out {tmp_path / 'scores.xlsx'} names the directory that gets "
                   "the recomputed tables (one Parquet file per table, and manifest.json), but 'scores.xlsx' is "
                   "named like a .xlsx file: give a directory")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mirror"]


def test_recompute_into_an_existing_directory_named_like_a_file_is_still_run(tmp_path):
    """An existing directory ``v2.json`` is written into as before (here: the empty mirror stops it)."""
    (tmp_path / "mirror").mkdir()
    (tmp_path / "v2.json").mkdir()
    with pytest.raises(StageError, match="^stage 'fetch' failed"):
        recompute(mirror=tmp_path / "mirror", data_dir=tmp_path / "cache", out=tmp_path / "v2.json")


# ------------------------------------------------------------------ 3. run_pipeline(timings_path=)


def _tiny(code):
    return {"task_digests": task_digests(TASKS.assign(onetsoc_code=code))}


def test_run_pipeline_writes_its_timings_path(tmp_path):
    """The wall times were written nowhere."""
    path = tmp_path / "times" / "run.json"
    res = run_pipeline([Stage("make", _tiny)], [TABLES["task_digests"]], tmp_path / "out",
                       context={"code": "11-1011.00"}, timings_path=path)
    doc = json.loads(path.read_text())
    assert doc["stage_order"] == ["make", "write"] and doc["out"] == str((tmp_path / "out").resolve())
    assert {k: v for k, v in doc.items() if k != "out"} == res.timings
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["manifest.json", "task_digests.parquet"]


def test_run_pipeline_timings_path_false_writes_none(tmp_path):
    res = run_pipeline([Stage("make", _tiny)], [TABLES["task_digests"]], tmp_path / "out",
                       context={"code": "11-1011.00"}, timings_path=False)
    assert res.timings["stage_order"] == ["make", "write"]
    assert sorted(p.name for p in tmp_path.rglob("*")) == [".exposure-out.lock", "manifest.json", "out",
                                                           "task_digests.parquet"]


# ------------------------------------------------------------------ 4. no timings in the mirror


@pytest.fixture
def tiny_recipe(monkeypatch):
    """The recipe of recompute replaced by one tiny stage and table (the output machinery is the subject)."""
    monkeypatch.setattr(pipeline, "RECOMPUTE_STAGES", (Stage("make", lambda: _tiny("11-1011.00")),))
    monkeypatch.setattr(pipeline, "RECOMPUTE_TABLES", (TABLES["task_digests"],))
    monkeypatch.setattr(pipeline, "RECOMPUTE_MANIFEST", ("releases",))


def test_recompute_writes_no_timings_into_the_mirror_it_reads(tmp_path, tiny_recipe):
    """``--mirror M --data-dir M``: ``M/timings/recompute.json`` was written among the raw files."""
    mirror = tmp_path / "m"
    (mirror / "onet").mkdir(parents=True)
    (mirror / "MANIFEST.tsv").write_text("path\tbytes\tsha256\n")
    store = pipeline.fetching.DataStore(cache=mirror, home=tmp_path / "home", mirror=mirror)
    recompute(store=store, out=tmp_path / "out")
    assert sorted(p.name for p in mirror.iterdir()) == ["MANIFEST.tsv", "onet"]
    # a cache holding a mirror's MANIFEST.tsv, no mirror named: a mirror too
    recompute(store=pipeline.fetching.DataStore(cache=mirror, home=tmp_path / "home"), out=tmp_path / "out")
    assert sorted(p.name for p in mirror.iterdir()) == ["MANIFEST.tsv", "onet"]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["manifest.json", "task_digests.parquet"]


def test_recompute_still_writes_its_timings_into_an_ordinary_cache(tmp_path, tiny_recipe):
    store = pipeline.fetching.DataStore(cache=tmp_path / "cache", home=tmp_path / "home")
    res = recompute(store=store, out=tmp_path / "out")
    doc = json.loads(store.timings_path.read_text())
    assert doc["out"] == str((tmp_path / "out").resolve()) and doc["stages_s"] == res.timings["stages_s"]


# ------------------------------------------------------------------ 5. carried folders keep their owner


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="giving files away needs root")
def test_carried_folder_keeps_its_owner(tmp_path):
    """``reports/`` of uid 65534 (and the link in it) became root's after a run as root."""
    out = tmp_path / "out"
    with replace_directory(out, owned={"t.csv"}) as tmp:
        (tmp / "t.csv").write_text("a\n1\n")
    reports = out / "reports"
    reports.mkdir()
    (reports / "r.csv").write_text("x\n")
    (reports / "latest").symlink_to("r.csv")
    for path in (out, reports, reports / "r.csv", reports / "latest"):
        os.chown(path, 65534, 65534, follow_symlinks=False)
    os.utime(reports, (1_000_000_000, 1_000_000_000))
    with replace_directory(out, owned={"t.csv"}) as tmp:
        (tmp / "t.csv").write_text("a\n2\n")
    for path in (out, reports, reports / "r.csv", reports / "latest"):
        st = os.lstat(path)
        assert (st.st_uid, st.st_gid) == (65534, 65534), path
    assert os.stat(reports).st_mtime == 1_000_000_000
    assert (out / "t.csv").read_text() == "a\n2\n" and (reports / "latest").read_text() == "x\n"


# ------------------------------------------------------------------ 6. a read-only carried folder


_READ_ONLY_RUN = textwrap.dedent("""
    import os, sys
    from pathlib import Path
    from exposure._outdir import replace_directory
    out = Path(sys.argv[1])
    with replace_directory(out, owned={"t.csv"}) as tmp:
        (tmp / "t.csv").write_text("a\\n2\\n")
    print("ok")
""")


def _without_override(args):
    """Run ``args`` as root without the capabilities that override file permissions, or skip."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0 or not shutil.which("setpriv"):
        pytest.skip("needs root and setpriv (util-linux) to drop the permission-override capabilities")
    drop = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search"]
    locked = Path(tempfile.mkdtemp())
    locked.chmod(0o555)
    try:  # without the capabilities, root may not write into a folder of mode 555
        probe = subprocess.run(drop + [sys.executable, "-c", f"open({str(locked / 'x')!r}, 'w')"],
                               capture_output=True, text=True)
    finally:
        locked.chmod(0o755)
        shutil.rmtree(locked)
    if probe.returncode == 0 or "PermissionError" not in probe.stderr:
        pytest.skip(f"the permission-override capabilities cannot be dropped here: {probe.stderr[-200:]}")
    return subprocess.run(drop + [sys.executable, "-c", _READ_ONLY_RUN, *map(str, args)], capture_output=True,
                          text=True, timeout=120)


def test_read_only_carried_folder_is_carried(open_tmp):
    """``PermissionError: ... '.out.<random>.tmp/reports/r.csv'`` after the whole run."""
    out = open_tmp / "out"
    with replace_directory(out, owned={"t.csv"}) as tmp:
        (tmp / "t.csv").write_text("a\n1\n")
    (out / "reports" / "deeper").mkdir(parents=True)
    (out / "reports" / "r.csv").write_text("x\n")
    (out / "reports" / "deeper").chmod(0o555)
    (out / "reports").chmod(0o555)
    try:
        res = _without_override([out])
        assert res.returncode == 0 and res.stdout.strip() == "ok", res.stderr[-600:]
        assert (out / "t.csv").read_text() == "a\n2\n" and (out / "reports" / "r.csv").read_text() == "x\n"
        assert (out / "reports").stat().st_mode & 0o777 == 0o555
        assert (out / "reports" / "deeper").stat().st_mode & 0o777 == 0o555
        assert sorted(p.name for p in open_tmp.iterdir()) == [".exposure-out.lock", "out"]
    finally:
        for path in (out / "reports", out / "reports" / "deeper"):
            if path.exists():
                path.chmod(0o755)
