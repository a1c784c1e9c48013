"""Fault round 61, area ``pipeline``: ``exposure recompute`` and its output directory.

Each case failed on the code before this round:

1. An output path with ``..`` after a symbolic link (``--out data/../results`` where
   ``data`` links to ``/scratch/me/data``; also ``exposure rollup -o``, every
   :func:`exposure._outdir.replace_directory` writer): the system reads it as ``results``
   beside the link's target (``/scratch/me/results``), which is where ``ls``, ``exposure
   diff`` or ``exposure.load(directory=...)`` then look, but the path was made absolute by
   dropping ``data/..`` as text: the tables (and the lock file) went to ``./results``,
   exit 0, and the command said ``wrote data/../results``, where there was nothing (an
   existing ``./results`` was replaced). Now the path is read as the system reads it
   (``exposure._outdir.real_path``), by the output checks of ``recompute`` and
   ``recompute --compare`` too.
2. A new output directory in a folder with the set-group-ID bit (a team's shared folder,
   ``chmod g+s``, whose new directories keep its group, and that bit, for what is made in
   them later): the output lost the bit (``drwxr-xr-x`` where ``mkdir`` gives
   ``drwxr-sr-x``), so that the reports and diffs written into it later took their
   writer's own group. Now the new directory keeps the bit the system gave it.
3. A Ctrl-C, SIGTERM or SIGHUP that came while a finalizer (``__del__``: a zip file of an
   ``.xlsx`` workbook being collected) ran inside
   :func:`exposure._outdir.terminate_cleanly` was lost: Python printed ``Exception ignored
   in: <function ZipFile.__del__ ...> KeyboardInterrupt`` and the run went on, replaced the
   output and exited 0 (seen on a real ``exposure recompute`` stopped with Ctrl-C); after a
   lost SIGTERM, further SIGTERMs were ignored. Now the signal is raised again before the
   swap (and before ``run_pipeline`` pins the new files of a release in ``exposure.lock``,
   which the lost signal left pinned): the output and the lock file are left as they were,
   exit 130 (143, 129) as for any interruption.
4. An output path under a symbolic link to nothing (``results -> /scratch/me/results``, the
   scratch folder purged; ``--out results/v2``): ``cannot create the lock file
   .../results/.exposure-v2.lock for .../results/v2: File exists; is the parent directory
   writable?`` (``cannot write results/v2/x.csv: File exists`` for a file, ``cannot write to
   the output directory: File exists`` for a report directory), naming neither the link nor
   where it points. Now ``output path .../results/v2 lies under .../results, a symbolic link
   to /scratch/me/results, which does not exist: create that directory, point the link at
   one, or choose another output path``, before any work.
5. ``run_pipeline(stages, tables, out)`` (which writes its wall times to ``out/timings.json``
   by default) into a directory without ``manifest.json`` (no recompute output) holding a
   ``timings.json`` of the user's (a benchmark's notes): replaced without a word, while a
   file named like a table there is refused. Now refused the same way, nothing touched:
   ``refusing to replace .../bench/timings.json: .../bench has no manifest.json, so exposure
   recompute did not write that file, and it writes its wall times to a file of that name;
   ...``. With ``timings_path`` elsewhere (as ``exposure recompute`` runs) the file is kept,
   as before.
"""

from __future__ import annotations

import os
import signal
import stat
import threading

import pytest
from _frames import tiny_digests
from test_faults_cli import cli, one_error_line
from tests.integration.test_publishers import onet_31_files
from tests.unit.test_faults_round41_staging import _digests, _earlier_pin, _mirror, _store

from exposure import _outdir, pipeline
from exposure._outdir import Terminated, replace_directory, terminate_cleanly
from exposure.pipeline import Stage, run_pipeline
from exposure.schemas._catalog import TABLES


@pytest.fixture
def linked(tmp_path, monkeypatch):
    """``tmp_path/work`` as the current directory, with ``data`` a link to ``tmp_path/scratch/me/data``."""
    target = tmp_path / "scratch" / "me" / "data"
    target.mkdir(parents=True)
    work = tmp_path / "work"
    work.mkdir()
    (work / "data").symlink_to(target)
    monkeypatch.chdir(work)
    return tmp_path


# ------------------------------------------------------------------ 1. '..' after a symbolic link


def test_replace_directory_writes_where_the_system_reads_a_dotdot_path(linked):
    """``data/../results`` is ``scratch/me/results``; ``./results`` (someone's) was replaced instead."""
    theirs = linked / "work" / "results"
    theirs.mkdir()
    (theirs / "notes.txt").write_text("mine")
    with replace_directory("data/../results", owned={"a.csv"}) as tmp:
        (tmp / "a.csv").write_text("a\n1\n")
    assert (linked / "scratch" / "me" / "results" / "a.csv").read_text() == "a\n1\n"
    assert os.path.isfile("data/../results/a.csv")  # as ls and every reader sees it
    assert sorted(p.name for p in theirs.iterdir()) == ["notes.txt"]  # untouched
    assert sorted(p.name for p in (linked / "work").iterdir()) == ["data", "results"]  # no lock file here
    assert _outdir.check_output_dir("data/../results") == linked / "scratch" / "me" / "results"


def test_cli_recompute_writes_where_the_system_reads_a_dotdot_path(linked, capsys, monkeypatch, tiny_recipe):
    """Exit 0 and ``wrote data/../results``, where there was nothing: the tables were in ./results."""
    monkeypatch.setenv("EXPOSURE_HOME", str(linked / "xhome"))
    (linked / "m").mkdir()
    code, out, err = cli(capsys, "recompute", "--mirror", linked / "m", "--data-dir", linked / "cache",
                         "--out", "data/../results")
    assert code == 0, err
    assert "wrote data/../results " in out
    assert sorted(os.listdir("data/../results")) == ["manifest.json", "task_digests.parquet"]
    assert not (linked / "work" / "results").exists()
    # and --compare of it reads the same directory: refused as the --out itself
    code, _, err = cli(capsys, "recompute", "--mirror", linked / "m", "--data-dir", linked / "cache",
                       "--out", linked / "scratch" / "me" / "results", "--compare", "data/../results", "-q")
    line = one_error_line(err, command="recompute")
    assert code == 2 and line.endswith("is the --out directory: nothing to compare"), line


def test_recompute_refuses_a_dotdot_path_into_the_mirror(tmp_path, monkeypatch, tiny_recipe):
    """``--out link/../mirror/crosswalks`` is inside the mirror: it was judged as ./mirror/crosswalks."""
    mirror = tmp_path / "far" / "mirror"
    (mirror / "crosswalks").mkdir(parents=True)
    (tmp_path / "far" / "deep").mkdir()
    work = tmp_path / "work"
    work.mkdir()
    (work / "link").symlink_to(tmp_path / "far" / "deep")
    monkeypatch.chdir(work)
    monkeypatch.setenv("EXPOSURE_HOME", str(tmp_path / "xhome"))
    with pytest.raises(_outdir.OutputPathError, match="it is inside the mirror"):
        pipeline.recompute(mirror=mirror, data_dir=tmp_path / "cache", out="link/../mirror/crosswalks")
    assert sorted(p.name for p in (mirror / "crosswalks").iterdir()) == []
    assert sorted(p.name for p in work.iterdir()) == ["link"]


# ------------------------------------------------------------------ 2. a folder with the set-group-ID bit


def test_new_output_keeps_the_set_group_id_bit_of_its_folder(tmp_path):
    shared = tmp_path / "team"
    shared.mkdir()
    os.chmod(shared, 0o2775)
    (shared / "by_mkdir").mkdir()
    if not os.stat(shared / "by_mkdir").st_mode & stat.S_ISGID:
        pytest.skip("this file system does not pass the set-group-ID bit on to new directories")
    run_pipeline([Stage("make", tiny_digests)], [TABLES["task_digests"]], shared / "out", timings_path=False)
    mode = os.stat(shared / "out").st_mode
    assert mode & stat.S_ISGID, oct(mode)
    assert stat.S_IMODE(mode) == stat.S_IMODE(os.stat(shared / "by_mkdir").st_mode)
    # a folder without the bit gives none, as before
    run_pipeline([Stage("make", tiny_digests)], [TABLES["task_digests"]], tmp_path / "plain", timings_path=False)
    assert not os.stat(tmp_path / "plain").st_mode & stat.S_ISGID


# ------------------------------------------------------------------ 3. a signal swallowed by a finalizer


class _Finalizer:
    """An object whose finalizer receives ``signum`` while it runs (as ``ZipFile.__del__`` did)."""

    def __init__(self, signum):
        self.signum = signum

    def __del__(self):
        os.kill(os.getpid(), self.signum)
        total = 0
        for i in range(10_000):  # the handler runs here, inside the finalizer
            total += i


@pytest.fixture
def main_thread():
    if threading.current_thread() is not threading.main_thread():
        pytest.skip("signal handlers are set in the main thread only")


_SWALLOWED = pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")  # the finalizer's


@_SWALLOWED
@pytest.mark.parametrize("signum, raised", [(signal.SIGTERM, Terminated), (signal.SIGINT, KeyboardInterrupt)])
def test_a_signal_swallowed_by_a_finalizer_stops_the_swap(tmp_path, main_thread, ctrl_c, signum, raised):
    """The run went on and replaced the output: 'Exception ignored in ... __del__'."""
    out = tmp_path / "out"
    out.mkdir()
    (out / "a.csv").write_text("old")
    with pytest.raises(raised):
        with terminate_cleanly():
            with replace_directory(out, owned={"a.csv"}) as tmp:
                (tmp / "a.csv").write_text("new")
                _Finalizer(signum)  # dropped at once: its finalizer runs, the signal comes
    assert (out / "a.csv").read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == [".exposure-out.lock", "out"]
    # the handlers are restored, and a later block commits as before
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
    with terminate_cleanly():
        with replace_directory(out, owned={"a.csv"}) as tmp:
            (tmp / "a.csv").write_text("new")
    assert (out / "a.csv").read_text() == "new"


@_SWALLOWED
def test_cli_recompute_stopped_in_a_finalizer_leaves_the_output(tmp_path, capsys, monkeypatch, main_thread):
    """Exit 0 and the new tables swapped in, after the SIGTERM was printed as 'Exception ignored'."""
    def make():
        _Finalizer(signal.SIGTERM)
        return tiny_digests()

    monkeypatch.setattr(pipeline, "RECOMPUTE_STAGES", (Stage("make", make),))
    monkeypatch.setattr(pipeline, "RECOMPUTE_TABLES", (TABLES["task_digests"],))
    monkeypatch.setattr(pipeline, "RECOMPUTE_MANIFEST", ("releases",))
    monkeypatch.setenv("EXPOSURE_HOME", str(tmp_path / "xhome"))
    (tmp_path / "m").mkdir()
    code, _, err = cli(capsys, "recompute", "--mirror", tmp_path / "m", "--data-dir", tmp_path / "cache",
                       "--out", tmp_path / "runs" / "out", "-q")
    assert code == 143, err
    assert "exposure recompute: terminated (SIGTERM); temporary files removed, previous outputs untouched" in err
    assert not (tmp_path / "runs").exists()


@_SWALLOWED
def test_a_signal_swallowed_by_a_finalizer_pins_nothing(tmp_path, main_thread):
    """The new files of the release were pinned in exposure.lock, and the tables swapped in."""
    store = _store(tmp_path, _mirror(tmp_path, onet_31_files()))
    before = _earlier_pin(store, tmp_path)

    def collect(task_digests):
        _Finalizer(signal.SIGTERM)
        return {}

    with pytest.raises(Terminated):
        with terminate_cleanly():
            run_pipeline([_digests(), Stage("collect", collect)], [TABLES["task_digests"]], tmp_path / "out",
                         context={"store": store}, pins=store)
    assert store.lock_path.read_bytes() == before
    assert not (tmp_path / "out").exists()


# ------------------------------------------------------------------ 4. a symbolic link to nothing


@pytest.fixture
def purged(tmp_path, monkeypatch):
    """``tmp_path/work/results``, a link to ``tmp_path/scratch/me/results``, which is gone."""
    work = tmp_path / "work"
    work.mkdir()
    (work / "results").symlink_to(tmp_path / "scratch" / "me" / "results")
    monkeypatch.chdir(work)
    return tmp_path


def test_cli_recompute_names_a_link_to_nothing_above_out(purged, capsys, monkeypatch, tiny_recipe):
    """'File exists; is the parent directory writable?', naming neither the link nor its target."""
    monkeypatch.setenv("EXPOSURE_HOME", str(purged / "xhome"))
    (purged / "m").mkdir()
    code, _, err = cli(capsys, "recompute", "--mirror", purged / "m", "--data-dir", purged / "cache",
                       "--out", "results/v2", "-q")
    line = one_error_line(err, command="recompute")
    work = purged / "work"
    assert code == 2 and line == (
        f"exposure recompute: error: output path {work / 'results' / 'v2'} lies under {work / 'results'}, a "
        f"symbolic link to {purged / 'scratch' / 'me' / 'results'}, which does not exist: create that "
        "directory, point the link at one, or choose another output path"), line
    assert sorted(p.name for p in work.iterdir()) == ["results"] and not (purged / "scratch").exists()


def test_report_dirs_and_files_name_a_link_to_nothing(purged):
    target = purged / "scratch" / "me" / "results"
    with pytest.raises(_outdir.OutputPathError, match=f"output path results/r lies under results, a symbolic "
                       f"link to {target}, which does not exist"):
        _outdir.check_files_dir("results/r")
    with pytest.raises(_outdir.OutputPathError, match=f"output path results is a symbolic link to {target}, "
                       "which does not exist"):
        _outdir.check_files_dir("results")
    with pytest.raises(_outdir.OutputPathError, match=f"output path results/x.csv lies under results, a "
                       f"symbolic link to {target}, which does not exist"):
        _outdir.check_output_file("results/x.csv")
    # a link to nothing at the file itself is replaced by the writer, as before
    (purged / "work" / "x.csv").symlink_to(purged / "gone.csv")
    assert _outdir.check_output_file("x.csv").name == "x.csv"
    # and the output directory itself a link to nothing: written through, as before
    assert _outdir.check_output_dir("results") == target


# ------------------------------------------------------------------ 5. someone's timings.json


def test_run_pipeline_refuses_to_replace_someone_s_timings_json(tmp_path):
    """Replaced without a word by the run's wall times, where a table of that name was refused."""
    bench = tmp_path / "bench"
    bench.mkdir()
    (bench / "timings.json").write_text('{"mine": "last week"}')
    with pytest.raises(_outdir.OutputPathError) as info:
        run_pipeline([Stage("make", tiny_digests)], [TABLES["task_digests"]], bench)
    assert str(info.value) == (
        f"refusing to replace {bench / 'timings.json'}: {bench} has no manifest.json, so exposure recompute did "
        "not write that file, and it writes its wall times to a file of that name; move the file or choose a new "
        "or empty --out directory")
    assert sorted(p.name for p in bench.iterdir()) == ["timings.json"]
    assert (bench / "timings.json").read_text() == '{"mine": "last week"}'
    # wall times written elsewhere: the file is kept, as before
    run_pipeline([Stage("make", tiny_digests)], [TABLES["task_digests"]], bench, timings_path=tmp_path / "t.json")
    assert (bench / "timings.json").read_text() == '{"mine": "last week"}'
    assert sorted(p.name for p in bench.iterdir()) == ["manifest.json", "task_digests.parquet", "timings.json"]
    # a recompute output of its own (with its manifest): its timings.json is replaced, as before
    run_pipeline([Stage("make", tiny_digests)], [TABLES["task_digests"]], bench)
    assert '"stage_order"' in (bench / "timings.json").read_text()
