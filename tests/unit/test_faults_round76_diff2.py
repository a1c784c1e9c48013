"""Fault round 76 (diff2): ``exposure diff`` reading two recompute outputs while one is replaced.

Faults found and fixed:

1. ``exposure diff OLD NEW`` (``diff_outputs``, ``check_diff_dir``) took no lock while it
   read the two directories. ``exposure recompute`` into one of them (which holds an
   exclusive ``fcntl.flock`` on ``.exposure-<name>.lock`` beside it, and swaps the new
   contents in with one rename) could swap the directory between two of the diff's
   reads: in a loop of 300 diffs against a writer replacing OLD with the output of
   another scoring, 152 diffs returned a mix of the two runs (the occupations' old
   ``beta`` of one run, the tasks' of the other: ``tasks_kept_beta_moved_gt_0.01`` 3 with
   the occupations unmoved, and the other way round), exit 0 without a word, and 24 failed
   calling a sound table damaged (``.../task_scores.parquet: cannot read this Parquet
   file: Unexpected end of stream``). Now each directory is read under a shared lock
   on the same lock file (``exposure._outdir.read_lock``; the CLI holds it until the
   reports are written): a diff of a directory being written fails at once, naming it
   (``exposure diff: error: <OLD>: another run (pid 123: exposure recompute) is writing
   this directory now (lock file <parent>/.exposure-<name>.lock is held), so its files
   would be read part before and part after the run replaces them; wait for it to
   finish, then read it again``), exit 2; a directory given through a symbolic link takes
   the lock of the directory it points to, as the writer does. In the same loop: 0 mixed
   results.
2. A writer (``exposure recompute``, or any ``replace_directory``) of a directory that a
   diff was reading was not stopped (see 1); with the shared lock it is refused, and
   its message said ``another run (pid unknown) is writing <out>`` although the other run
   only reads: it now says ``another run (such as exposure diff) is reading <out>; lock
   file ... is held. Wait for it to finish or write to another directory``.
3. A directory renamed or swapped by any program while it was read (where no lock can be
   taken: a folder this user may not write, a file system without locks) was read as
   one: ``read_lock`` now checks that the path still names the directory it began with,
   and refuses the read otherwise (``<dir>: this directory was replaced (or moved) while
   it was read, so what was read may mix its previous and its new files; read it again
   once nothing writes it``), also when the read failed because of it (a table called
   damaged, or missing).
4. ``exposure diff RUNS NEW`` given the folder of several outputs, which holds the
   temporary directory that a killed recompute left beside its ``--out``
   (``.onet-30.1_oews-2025.k2x9abcd.tmp``, removed by the next run into it), named that
   directory first as the output to give: ``it is a folder of recompute outputs
   (.onet-30.1_oews-2025.k2x9abcd.tmp, onet-29.1_oews-2025): give one of them, such as
   RUNS/.onet-30.1_oews-2025.k2x9abcd.tmp``. Hidden entries are skipped, as
   ``exposure.load`` skips them: ``(onet-29.1_oews-2025): give one of them, such as
   RUNS/onet-29.1_oews-2025``.
5. A table of an output directory that is a symbolic link to nothing (linked from a
   scratch folder since purged) was called missing, the directory no output at all:
   ``exposure diff: error: a: not an exposure recompute output: task_scores.parquet
   missing``. Now the link is named: ``a/task_scores.parquet: is a symbolic link to
   /scratch/gone.parquet, which does not exist (the task_scores table of exposure
   recompute is expected): point the link at the table, or recompute this directory``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from _frames import RECOMPUTE_TABLES, recompute_output_written, recompute_outputs
from test_faults_cli import cli, one_error_line

from exposure import _outdir
from exposure._outdir import RecomputeLockedError, replace_directory
from exposure.errors import DataFormatError
from exposure.reports.diff import check_diff_dir, diff_outputs

TABLES = RECOMPUTE_TABLES

#: A writer of ``sys.argv[1]`` (as exposure recompute writes its --out) that pauses before its swap.
WRITER = """
import shutil, sys
from pathlib import Path
from exposure._outdir import replace_directory
src = Path(sys.argv[2])
with replace_directory(sys.argv[1], owned=[p.name for p in src.iterdir()]) as tmp:
    for p in src.iterdir():
        shutil.copy(p, tmp / p.name)
"""


def snapshot(directory: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(directory.iterdir()) if p.is_file()}


written = recompute_output_written


@pytest.fixture
def outputs(tmp_path):
    """Two recompute outputs, ``old`` (O*NET 29.1) and ``new`` (30.1), and another run's ``other``."""
    return (written(tmp_path / "old", "29.1", "522000"), written(tmp_path / "new", "30.1", "523000"),
            recompute_outputs(tmp_path / "other", "29.1", "524000"))


@pytest.fixture
def writing(tmp_path):
    """Start a writer of a directory that pauses before it swaps; yields a function ``start(out, src)``."""
    procs = []

    def start(out: Path, src: Path) -> subprocess.Popen:
        flag = tmp_path / f"flag{len(procs)}"
        env = dict(os.environ, EXPOSURE_PIPELINE_PAUSE=f"before_swap:{flag}", EXPOSURE_PIPELINE_PAUSE_SECONDS="120")
        proc = subprocess.Popen([sys.executable, "-c", WRITER, str(out), str(src)], env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        procs.append(proc)
        for _ in range(600):  # until the writer holds the lock and waits before its swap
            if flag.exists() or proc.poll() is not None:
                break
            time.sleep(0.1)
        assert flag.exists(), proc.communicate()
        return proc

    yield start
    for proc in procs:
        proc.kill()
        proc.wait()


# ------------------------------------------------------------ 1. a diff of a directory being replaced


@pytest.mark.parametrize("side", ["old", "new"])
def test_a_diff_of_a_directory_being_written_is_refused_naming_it(outputs, writing, capsys, side):
    old, new, other = outputs
    target = old if side == "old" else new
    before = snapshot(target)
    proc = writing(target, other)
    code, _, err = cli(capsys, "diff", old, new, "--reports", target.parent / "reports")
    line = one_error_line(err, command="diff")
    assert code == 2
    assert f"{target}: another run (pid " in line and "is writing this directory now" in line
    assert f"lock file {target.parent / ('.exposure-' + target.name + '.lock')} is held" in line
    with pytest.raises(RecomputeLockedError, match="is writing this directory now"):
        diff_outputs(old, new)
    with pytest.raises(RecomputeLockedError, match="is writing this directory now"):
        check_diff_dir(target)
    assert snapshot(target) == before
    assert not (target.parent / "reports").exists()
    proc.kill()  # killed before its swap: the old contents stay, the lock is released
    proc.wait()
    code, _, err = cli(capsys, "diff", old, new, "--reports", target.parent / "reports", "--quiet")
    assert code == 0, err
    assert snapshot(target) == before
    assert sorted(p.name for p in (target.parent / "reports").iterdir()) == [
        "diff_occupations.csv", "diff_sectors.csv", "diff_summary.csv", "diff_tasks.csv"]


def test_a_directory_given_through_a_link_takes_the_lock_of_its_target(outputs, writing, tmp_path):
    old, new, other = outputs
    link = tmp_path / "latest"
    link.symlink_to(new)
    writing(new, other)
    with pytest.raises(RecomputeLockedError, match=f"{new}: another run"):
        diff_outputs(old, link)


# ------------------------------------------------------------ 2. a writer of a directory being read


def test_a_writer_of_a_directory_being_read_is_refused_as_such(outputs):
    old, _, other = outputs
    before = snapshot(old)
    with _outdir.read_lock(old):
        with pytest.raises(RecomputeLockedError) as info:
            with replace_directory(old, owned=TABLES) as tmp:
                shutil.copy(other / "task_scores.parquet", tmp / "task_scores.parquet")
    assert str(info.value) == (f"another run (such as exposure diff) is reading {old}; lock file "
                               f"{old.parent / '.exposure-old.lock'} is held. Wait for it to finish or write to "
                               "another directory")
    assert snapshot(old) == before
    with replace_directory(old, owned=TABLES) as tmp:  # released with the block
        shutil.copy(other / "task_scores.parquet", tmp / "task_scores.parquet")


def test_two_readers_share_the_lock(outputs):
    old, new, _ = outputs
    with _outdir.read_lock(new):
        assert diff_outputs(old, new).old_releases["onet"] == "29.1"


# ------------------------------------------------------------ 3. a directory swapped while it was read


def test_a_directory_swapped_while_it_was_read_is_refused(outputs, tmp_path):
    old, _, other = outputs
    with pytest.raises(RecomputeLockedError, match="this directory was replaced .or moved. while it was read"):
        with _outdir.read_lock(old):
            old.rename(tmp_path / "aside")  # a swap by another program (rsync, mv), which takes no lock
            shutil.copytree(other, old)


def test_a_failure_of_a_read_of_a_directory_swapped_meanwhile_says_so(outputs, tmp_path):
    old = outputs[0]
    with pytest.raises(RecomputeLockedError, match="this directory was replaced .or moved. while it was read") as info:
        with _outdir.read_lock(old):
            old.rename(tmp_path / "aside")
            (old / "task_scores.parquet").read_bytes()  # gone with the directory: FileNotFoundError
    assert isinstance(info.value.__cause__, FileNotFoundError)


# ------------------------------------------------------------ 4. a killed run's temporary directory named as an output


def test_a_killed_runs_temporary_directory_is_not_named_as_an_output(tmp_path, capsys):
    runs = tmp_path / "runs"
    runs.mkdir()
    kept = recompute_outputs(runs / "onet-29.1_oews-2025", "29.1")
    recompute_outputs(runs / ".onet-30.1_oews-2025.k2x9abcd.tmp", "30.1")  # left by a killed recompute
    code, _, err = cli(capsys, "diff", runs, kept)
    line = one_error_line(err, command="diff")
    assert code == 2
    assert line.endswith(f"; it is a folder of recompute outputs (onet-29.1_oews-2025): give one of them, such as "
                         f"{kept}")
    assert ".tmp" not in line
    assert not (tmp_path / ".exposure-runs.lock").exists()  # a reader leaves nothing beside what it reads



# ------------------------------------------------------------ 5. a table that is a link to nothing


def test_a_table_linked_to_nothing_is_named_as_such(outputs, tmp_path, capsys):
    old, new, _ = outputs
    table = old / "task_scores.parquet"
    table.unlink()
    table.symlink_to(tmp_path / "scratch" / "gone.parquet")
    code, _, err = cli(capsys, "diff", old, new)
    assert code == 2
    assert one_error_line(err, command="diff") == (
        f"exposure diff: error: {table}: is a symbolic link to {tmp_path / 'scratch' / 'gone.parquet'}, which does "
        "not exist (the task_scores table of exposure recompute is expected): point the link at the table, or "
        "recompute this directory")
    with pytest.raises(DataFormatError, match="is a symbolic link to .*, which does not exist"):
        check_diff_dir(old)
