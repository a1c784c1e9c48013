"""Fault round 58, area ``pipeline``: ``exposure recompute``, its output directory and the file writers.

Each case failed on the code before this round:

1. Partial files (``exposure._io.atomic_path``) were named with the process id only
   (``.a.csv.p<pid>-<random>.tmp``). On a folder shared by several machines (a cache or an
   output in an NFS home), a live writer of another machine has a process id that is free
   here: the next write of the same file removed its partial file as left by a dead run
   (``remove_stale_partials``), under the writer, whose output was then cut (reproduced
   with a writer in another PID and UTS namespace: ``a.csv`` held the second half of its
   text) or whose rename failed. Now the name carries the host too
   (``.a.csv.p<pid>-<host>-<random>.tmp``, :func:`exposure._io.partial_stem`); a file of
   another host is removed only when it was not written for 7 days. The names of earlier
   releases (``p<pid>-<random>``, still made by the download cache) are judged as before.
2. An output path starting with ``~`` (``--out=~/results``, ``-o=~/scores.csv``: a shell
   expands ``~`` only at the start of a word; ``recompute(out="~/results")``) made a folder
   named ``~`` in the current directory, exit 0, and the command said it had written
   ``~/results``. Now refused before any work, naming the full path to give.
3. An existing output directory of another user in a folder with the sticky bit (``/tmp``,
   a shared ``/scratch``; a team's directory, writable by all): the whole run, then
   ``stage 'write' failed: [Errno 1] Operation not permitted: '.../results'`` (only an
   entry's owner may rename it there). Now refused before any stage, naming the owner and
   the folder. Run as root without ``CAP_FOWNER``/``CAP_CHOWN`` (``setpriv``); skipped
   where that is not possible.
4. ``exposure validate --report-dir counts.csv`` (a new directory named like a file) was
   refused only after the whole validation, by the report writer, as ``report_dir``. Now
   refused before any source is read, as the other commands' ``-o`` are.
5. A ``manifest.json`` of a recompute output edited by hand so that it is no longer JSON
   (a note added after the last entry, with a trailing comma): ``DIR holds a manifest.json
   that exposure recompute did not write; ... choose a new or empty --out directory``,
   saying neither that it may have been edited nor where it is damaged. Now ``... did not
   write, or that was edited since: DIR/manifest.json, line 23: not valid JSON: Expecting
   property name enclosed in double quotes (column 1); ...: fix it, or choose ...``.
6. An output file that is a mount point (a file mounted on its own, ``docker run -v
   $PWD/scores.csv:/out/scores.csv``): ``exposure score`` scored every row, then
   ``cannot write: Device or resource busy``. Now refused before any work
   (``check_output_path``), and a writer that meets it says why.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from _frames import tiny_digests
from test_faults_cli import cli, one_error_line

from exposure import _io, _outdir
from exposure._io import atomic_path, remove_stale_partials, write_csv
from exposure._outdir import OutputPathError, check_files_dir, check_output_dir
from exposure.errors import ExposureError, OutputError
from exposure.pipeline import Stage, run_pipeline
from exposure.schemas._catalog import TABLES

GOOD_CSV = "task,title\nAnswer telephones.,Receptionist\nOperate a forklift.,Driver\n"


# ------------------------------------------------------------------ 1. partial files of another host

_WRITER = """
import os, socket, sys
socket.gethostname = lambda: sys.argv[2]  # the machine this writer runs on
from pathlib import Path
from exposure._io import atomic_path
with atomic_path(Path(sys.argv[1])) as tmp:
    tmp.write_text("task,beta\\nWeld.,0.")
    print(tmp.name, flush=True)
    os._exit(0)  # gone from this machine: its process id is free here
"""


def _partial_of(target: Path, host: str) -> Path:
    """The partial file a writer on ``host`` leaves beside ``target`` (its process is gone here)."""
    res = subprocess.run([sys.executable, "-c", _WRITER, str(target), host], capture_output=True, text=True,
                         timeout=120)
    assert res.returncode == 0, res.stderr
    return target.parent / res.stdout.strip()


def test_a_live_partial_file_of_another_host_is_kept(tmp_path):
    """Removed as a dead run's: its process id is free on this machine."""
    target = tmp_path / "a.csv"
    mine = _partial_of(target, socket.gethostname())  # this machine's, its writer dead: stale
    theirs = _partial_of(target, "node-b.cluster")  # a live writer on another machine
    old = tmp_path / ".a.csv.p1-node-c-k2x9abcd.tmp"  # another machine's, not written for 8 days: stale
    old.write_text("task,beta\n")
    week_ago = time.time() - 8 * 24 * 3600
    os.utime(old, (week_ago, week_ago))
    assert remove_stale_partials(target) == sorted([old, mine])
    assert sorted(p.name for p in tmp_path.iterdir()) == [theirs.name]
    assert "-node-b_cluster-" in theirs.name
    with atomic_path(target) as tmp:  # the next write of the file keeps it too
        tmp.write_text("task,beta\nWeld.,0.5\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["a.csv", theirs.name])


def test_partial_file_names_carry_the_host_and_keep_the_old_start(tmp_path):
    from exposure._io import _host_tag, partial_stem

    target = tmp_path / "a.csv"
    with atomic_path(target) as tmp:
        assert tmp.name.startswith(partial_stem(target))
        assert tmp.name.startswith(_io.partial_prefix(target) + f"p{os.getpid()}-{_host_tag()}-")
        assert remove_stale_partials(target) == []  # its writer lives
        tmp.write_text("x")
    # the download cache's names, and earlier releases': judged by the process id as before
    dead = tmp_path / ".a.csv.p999999999-k2x9abcd.tmp"
    dead.write_text("partial")
    assert remove_stale_partials(target) == [dead]


# ------------------------------------------------------------------ 2. '~' in an output path


def test_run_pipeline_refuses_an_out_starting_with_a_tilde(tmp_path, monkeypatch):
    """``recompute(out="~/results")`` wrote into ./~/results."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    ran = []
    with pytest.raises(OutputPathError, match=r"^output path ~/results: the path starts with '~', which is not "
                       r"expanded here .* so a folder named '~' would be made in the current directory; give "
                       r"the full path: .*/home/results$"):
        run_pipeline([Stage("make", lambda: ran.append(1) or tiny_digests())], [TABLES["task_digests"]], "~/results")
    assert ran == [] and list(tmp_path.iterdir()) == []
    with pytest.raises(OutputPathError, match="starts with '~'"):
        check_files_dir("~/reports")
    with pytest.raises(OutputPathError, match="starts with '~'"):
        check_output_dir(Path("~") / "out")
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(OutputError, match=r"^~/x.csv: cannot write: the path starts with '~'"):
        write_csv(pd.DataFrame({"task": ["Weld."]}), "~/x.csv")
    assert list(tmp_path.iterdir()) == []
    write_csv(pd.DataFrame({"task": ["Weld."]}), "./~draft.csv")  # a name of its own, written so
    assert [p.name for p in tmp_path.iterdir()] == ["~draft.csv"]


def test_cli_recompute_and_score_refuse_an_out_starting_with_a_tilde(tmp_path, monkeypatch, capsys, tiny_recipe):
    """``--out=~/results`` (no shell expands it there): exit 0, a folder '~' in the current directory."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("EXPOSURE_HOME", str(tmp_path / "xhome"))
    (tmp_path / "m").mkdir()
    code, _, err = cli(capsys, "recompute", "--mirror", tmp_path / "m", "--data-dir", tmp_path / "cache",
                       "--out=~/results", "-q")
    line = one_error_line(err, command="recompute")
    assert code == 2 and line.endswith(f"give the full path: {tmp_path / 'home' / 'results'}"), line
    assert not (tmp_path / "~").exists()
    (tmp_path / "in.csv").write_text(GOOD_CSV)
    code, out, err = cli(capsys, "score", "in.csv", "-o=~/scores.csv", "--method", "rubric", "--onet", "none")
    line = one_error_line(err, command="score")
    assert code == 2 and line.startswith("exposure score: error: ~/scores.csv: cannot write: the path "
                                         "starts with '~'"), line
    assert out == "" and not (tmp_path / "~").exists()


# ------------------------------------------------------------------ 3. another user's directory in a sticky folder

_STICKY_RUN = """
import sys
import pandas as pd
from exposure.pipeline import Stage, run_pipeline
from exposure.schemas._catalog import TABLES
def make():
    print("stage ran", flush=True)
    return {"task_digests": pd.DataFrame({"onetsoc_code": ["11-1011.00"], "task_id": [1], "task_type": ["Core"],
                                          "text_digest": ["0123456789abcdef"], "dwa_digest": ["e3b0c44298fc1c14"]})}
try:
    run_pipeline([Stage("make", make)], [TABLES["task_digests"]], sys.argv[1], timings_path=False)
    print("written")
except Exception as exc:
    print(f"{type(exc).__name__}: {exc}")
"""

#: Root without the capabilities that let it rename (or take over) another user's entries.
_NO_FOWNER = ["setpriv", "--bounding-set", "-fowner,-chown", "--inh-caps", "-fowner,-chown"]


def _sticky_folder(root: Path) -> Path:
    """A sticky folder of another user (``1777``, like /tmp) holding a directory of a third, writable by all."""
    sticky = root / "scratch"
    (sticky / "results").mkdir(parents=True)
    (sticky / "results").chmod(0o777)
    os.chown(sticky / "results", 65534, 65534)
    sticky.chmod(0o1777)
    os.chown(sticky, 65533, 65533)
    return sticky


def test_another_users_directory_in_a_sticky_folder_is_refused_before_the_run(open_tmp):
    """The whole run, then ``stage 'write' failed: [Errno 1] Operation not permitted``."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0 or not shutil.which("setpriv"):
        pytest.skip("needs root and setpriv (util-linux) to drop CAP_FOWNER")
    sticky = _sticky_folder(open_tmp)
    probe = subprocess.run(_NO_FOWNER + [sys.executable, "-c", "import os, sys; os.rename(sys.argv[1], sys.argv[1] "
                                         "+ '.x'); os.rename(sys.argv[1] + '.x', sys.argv[1])",
                                         str(sticky / "results")], capture_output=True, text=True)
    if probe.returncode == 0 or "PermissionError" not in probe.stderr:
        pytest.skip(f"CAP_FOWNER cannot be dropped here: {probe.stderr[-200:]}")
    res = subprocess.run(_NO_FOWNER + [sys.executable, "-c", _STICKY_RUN, str(sticky / "results")],
                         capture_output=True, text=True, timeout=120)
    assert res.stdout.strip() == (
        f"OutputPathError: refusing to replace {sticky / 'results'}: it belongs to nobody, and {sticky} is a "
        "folder with the sticky bit (like /tmp), where only an entry's owner may rename it, which the swap of "
        "the new contents does; choose a directory of your own (inside it, or elsewhere)"), res.stdout + res.stderr
    assert list((sticky / "results").iterdir()) == []
    # a directory of one's own there is replaced as before
    res = subprocess.run(_NO_FOWNER + [sys.executable, "-c", _STICKY_RUN, str(sticky / "results" / "mine")],
                         capture_output=True, text=True, timeout=120)
    assert res.stdout.split() == ["stage", "ran", "written"], res.stdout + res.stderr


def test_the_sticky_folder_check_lets_owners_and_the_privileged_replace(tmp_path, monkeypatch):
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        pytest.skip("needs root to give the directories other owners")
    sticky = _sticky_folder(tmp_path)
    monkeypatch.setattr(_outdir, "_may_rename_others", lambda: False, raising=False)
    with pytest.raises(OutputPathError, match=r"it belongs to nobody, and .*/scratch is a folder with the sticky bit"):
        check_output_dir(sticky / "results")
    os.chown(sticky, 0, 0)  # the folder's owner may rename its entries
    assert check_output_dir(sticky / "results") == sticky / "results"


# ------------------------------------------------------------------ 4. validate --report-dir named like a file


def test_validate_refuses_a_report_dir_named_like_a_file_before_reading(tmp_path, capsys, monkeypatch):
    """Refused by the report writer once every source was read, as ``report_dir``."""
    import exposure.cli._validate as validate_cli

    def read(**kwargs):
        raise ExposureError("the sources were read")

    monkeypatch.setattr(validate_cli, "validate_sources", read)
    (tmp_path / "m").mkdir()
    code, _, err = cli(capsys, "validate", "--mirror", tmp_path / "m", "--data-dir", tmp_path / "cache",
                       "--report-dir", tmp_path / "counts.csv")
    line = one_error_line(err, command="validate")
    assert code == 2 and line == (
        f"exposure validate: error: --report-dir {tmp_path / 'counts.csv'} names the directory that gets "
        "validate_row_counts.csv and data_coverage.csv, but 'counts.csv' is named like a .csv file: give a "
        "directory"), line
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m"]


# ------------------------------------------------------------------ 5. manifest.json edited by hand


def _edited(out: Path) -> Path:
    """``out``'s manifest with a note added by hand after the last entry, a trailing comma left."""
    path = out / "manifest.json"
    text = path.read_text()
    path.write_text(text.rstrip().rstrip("}") + ',\n  "note": "run for the March report",\n}\n')
    return path


def test_a_manifest_edited_into_invalid_json_is_named_with_its_line(tmp_path):
    """Said to be "a manifest.json that exposure recompute did not write"."""
    out = tmp_path / "out"
    run_pipeline([Stage("make", tiny_digests)], [TABLES["task_digests"]], out, timings_path=False)
    path = _edited(out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    lines = path.read_text().count("\n")
    with pytest.raises(OutputPathError) as info:
        run_pipeline([Stage("make", tiny_digests)], [TABLES["task_digests"]], out, timings_path=False)
    assert str(info.value) == (
        f"{out} holds a manifest.json that exposure recompute did not write, or that was edited since: {path}, "
        f"line {lines}: not valid JSON: Expecting property name enclosed in double quotes (column 1); recompute "
        "reads it to tell its own tables (listed under 'tables') from other files: fix it, or choose a new or "
        "empty --out directory")
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    doc = json.loads(path.read_text().replace(",\n}", "\n}"))  # fixed by hand: run again
    path.write_text(json.dumps(doc, indent=2))
    run_pipeline([Stage("make", tiny_digests)], [TABLES["task_digests"]], out, timings_path=False)
    assert "note" not in json.loads(path.read_text())


def test_cli_recompute_names_the_line_of_a_damaged_manifest(tmp_path, capsys, monkeypatch, tiny_recipe):
    monkeypatch.setenv("EXPOSURE_HOME", str(tmp_path / "xhome"))
    (tmp_path / "m").mkdir()
    args = ["recompute", "--mirror", tmp_path / "m", "--data-dir", tmp_path / "cache", "--out", tmp_path / "out",
            "-q"]
    assert cli(capsys, *args)[0] == 0
    _edited(tmp_path / "out")
    code, _, err = cli(capsys, *args)
    line = one_error_line(err, command="recompute")
    assert code == 2 and f"or that was edited since: {tmp_path / 'out' / 'manifest.json'}, line " in line, line
    assert "not valid JSON: Expecting property name enclosed in double quotes (column 1)" in line


# ------------------------------------------------------------------ 6. an output file that is a mount point


@pytest.fixture
def mounted_file(tmp_path):
    """``tmp_path/w x/out.csv``, a file with ``host.csv`` mounted on it (``docker run -v FILE:PATH``)."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("mounting a file needs root and mount")
    host = tmp_path / "host.csv"
    host.write_text("kept\n")
    target = tmp_path / "w x" / "out.csv"
    target.parent.mkdir()
    target.write_text("")
    made = subprocess.run(["mount", "--bind", str(host), str(target)], capture_output=True, text=True)
    if made.returncode != 0:
        pytest.skip(f"cannot mount a file here: {made.stderr.strip()}")
    try:
        yield target
    finally:
        subprocess.run(["umount", "-l", str(target)], check=False)


def test_an_output_file_that_is_a_mount_point_is_refused_before_the_work(tmp_path, capsys, mounted_file):
    """Scored every row, then ``cannot write: Device or resource busy``."""
    (tmp_path / "in.csv").write_text(GOOD_CSV)
    code, out, err = cli(capsys, "score", tmp_path / "in.csv", "-o", mounted_file, "--method", "rubric",
                         "--onet", "none")
    line = one_error_line(err, command="score")
    assert code == 2 and line == (
        f"exposure score: error: {mounted_file}: cannot write: is a mount point (a file mounted on its own, as "
        "docker run -v FILE:PATH does), which the writer cannot replace by its new file; mount the folder "
        "instead, or write to another file"), line
    with pytest.raises(OutputError, match=r"out.csv: cannot write: device or resource busy \(a mount point, "
                                          r"such as a file mounted on its own into a container"):
        write_csv(pd.DataFrame({"task": ["Weld."]}), mounted_file)
    assert (tmp_path / "host.csv").read_text() == "kept\n"
    assert sorted(p.name for p in mounted_file.parent.iterdir()) == ["out.csv"]  # no partial file left
