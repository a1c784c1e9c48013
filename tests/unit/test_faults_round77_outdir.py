"""Round 77 (outdir): output directories and single output files, as a demanding user meets them.

1. An output path under a file (``my_tasks.csv/o``, where ``my_tasks.csv`` is the user's task
   file) named no file as the one in the way, except for the directories replaced as a whole
   (``exposure rollup``, ``recompute``): ``exposure outcomes -o my_tasks.csv/o`` (also
   ``compare``, ``validate --report-dir``, the reports; :func:`exposure._outdir.check_files_dir`)
   said ``my_tasks.csv/o: cannot write to the output directory: Not a directory``, and
   ``exposure train --out my_tasks.csv/m.npz`` (:func:`exposure._outdir.check_output_file`)
   ``cannot write my_tasks.csv/m.npz: File exists (my_tasks.csv)``. Every writer of
   :mod:`exposure._outdir` now says it in the words ``rollup`` used: ``output path
   my_tasks.csv/o lies under my_tasks.csv, which is a file, not a directory`` (a named pipe
   or device there: ``which is a special file (a named pipe, device or socket), not a
   directory``), before any work. ``exposure rollup SCORES -o my_tasks.csv/../o``
   (:func:`exposure._outdir.check_output_dir`, which reads ``..`` after the path's links) wrote
   the roll-up into ``./o``, a path the system refuses to reach (``mkdir -p`` says ``Not a
   directory``): refused now in the same words (``output path .../my_tasks.csv/../o lies under
   .../my_tasks.csv, which is a file, not a directory``).
2. ``exposure evaluate --method rubric --out my_tasks.csv`` (the user's own task file, no
   input of the command) ended ``...; it replaced 1 file of an earlier run there
   (my_tasks.csv)``: it was no earlier run's. The summary of ``evaluate``, ``compare``,
   ``outcomes`` and ``report`` (:func:`exposure._outdir.written_note`) now says what is
   known: ``it replaced my_tasks.csv, a file that was there before`` (``it replaced 10 files
   that were there before (outcomes.json, ...)``). Files that the run removed were not said:
   ``exposure outcomes -o o --no-figures`` after a run with figures removed its two figures
   without a word; now ``...; 2 files that were there before are gone
   (outcomes_event_study_ours.png, outcomes_event_study_published.png)`` (whoever removed
   them: the run, or another program meanwhile). (An ``--out``
   naming one of evaluate's inputs is refused already: the labels and O*NET are read from
   the mirror or the cache, which no report may go into, and ``--paraphrases``/``--modern``
   are checked by name.) A report name that was a symbolic link to a file (replaced by the
   writer, or written through) was left out of the note: it is named now like any file. A
   relative ``-o data/../reports``, ``data`` a link to ``/scratch/me/data``, was said to be
   written to ``data/../reports (/home/me/reports)``, where the files were not: the path in
   brackets is now where the system put them (``/scratch/me/reports``).
3. ``exposure rollup scores.csv -o ~`` (or ``recompute --out "$HOME"``; meaning "into my
   home directory"), run from elsewhere with the download cache outside it
   (``EXPOSURE_DATA_DIR``), replaced the home directory as a whole: every folder in it was
   copied into a new directory swapped in for it (``~/project`` got a new inode under the
   shell working in it). Refused now before any work, as ``--out /tmp`` is:
   ``refusing to replace /home/me: it is the home directory of this user, whose every folder
   the swap of the new contents would copy and replace; write into a directory inside it
   (such as /home/me/results)``; a directory holding it (``-o /home``): ``refusing to replace
   /home: it contains the home directory /home/me; choose a new or dedicated output
   directory``.
4. A relative output path given in a shell whose current directory was removed (``rm -rf``
   of a build folder, ``git clean``): ``exposure compare -o rep`` (also ``outcomes -o``,
   ``rollup -o``, ``recompute --out``, ``train --out m.npz``) said ``error: No such file or
   directory``, naming nothing (``cannot inspect the output path rep: No such file or
   directory`` for :func:`exposure._outdir.check_output_dir`). Now: ``output path rep: the
   current directory no longer exists (it was removed or replaced after the shell entered
   it), so a relative path names nothing; cd to an existing directory, or give the full
   path``.
5. A writer refused the lock of an output directory (:func:`exposure._outdir.replace_directory`)
   whose holder let go before the writer probed for readers (the shared lock, taken then with
   nothing holding the file) was told ``another run (such as exposure diff) is reading
   .../results; lock file ... is held``, when nothing held it. The exclusive lock is tried once
   more first: the run goes on. (The test lets the holder, a real lock on another descriptor
   of the file, go at that very moment.)
"""

from __future__ import annotations

import fcntl
import os

import pytest

from exposure._outdir import (
    OutputPathError,
    check_files_dir,
    check_output_dir,
    check_output_file,
    files_snapshot,
    replace_directory,
    written_note,
)
from exposure.cli import main

# 1. an output path under a file names the file ------------------------------------------------------


@pytest.fixture
def task_file(tmp_path, monkeypatch):
    """The user's own task file, ``my_tasks.csv``, in the current directory."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "my_tasks.csv").write_text("task\nPlan budgets.\n")
    return tmp_path / "my_tasks.csv"


@pytest.mark.parametrize("command", [
    ["outcomes", "-o", "my_tasks.csv/o"],
    ["compare", "-o", "my_tasks.csv/o"],
    ["validate", "--report-dir", "my_tasks.csv/o"],
])
def test_report_directory_under_a_file_names_the_file(task_file, capsys, command):
    """Was ``my_tasks.csv/o: cannot write to the output directory: Not a directory``."""
    assert main(command) == 2
    err = capsys.readouterr().err.strip().splitlines()[-1]
    assert err.endswith(": error: output path my_tasks.csv/o lies under my_tasks.csv, which is a file, "
                        "not a directory"), err
    assert task_file.read_text() == "task\nPlan budgets.\n"


def test_train_out_under_a_file_names_the_file(task_file, capsys):
    """Was ``cannot write my_tasks.csv/m.npz: File exists (my_tasks.csv)``."""
    assert main(["train", "--out", "my_tasks.csv/new/m.npz"]) == 2
    err = capsys.readouterr().err.strip().splitlines()[-1]
    assert err == ("exposure train: error: output path my_tasks.csv/new/m.npz lies under my_tasks.csv, which "
                   "is a file, not a directory"), err


def test_under_a_named_pipe_says_so(tmp_path):
    """A named pipe in the way: was ``cannot write to the output directory: Not a directory``."""
    os.mkfifo(tmp_path / "pipe")
    with pytest.raises(OutputPathError) as caught:
        check_files_dir(tmp_path / "pipe" / "reports")
    assert str(caught.value) == (f"output path {tmp_path}/pipe/reports lies under {tmp_path}/pipe, which is a "
                                 "named pipe, not a directory")  # round 81: which special file
    with pytest.raises(OutputPathError, match=r"lies under .*/pipe, which is a named pipe"):
        check_output_file(tmp_path / "pipe" / "m.npz")


def test_output_directory_through_a_file_and_dotdot_is_refused(task_file):
    """``-o my_tasks.csv/../o`` was read as ``./o`` (``mkdir -p`` refuses it: ``Not a directory``)."""
    with pytest.raises(OutputPathError) as caught:
        check_output_dir("my_tasks.csv/../o")
    assert str(caught.value) == (f"output path {task_file}/../o lies under {task_file}, which is a file, not a "
                                 "directory")
    with pytest.raises(OutputPathError, match=r"lies under .*my_tasks\.csv, which is a file"):
        with replace_directory("my_tasks.csv/../o"):
            pass
    assert not (task_file.parent / "o").exists()


# 2. the summary says what was replaced, and what was removed -----------------------------------------


def test_written_note_does_not_call_the_users_file_an_earlier_runs(tmp_path):
    """``evaluate --out my_tasks.csv`` was told ``it replaced 1 file of an earlier run there (my_tasks.csv)``."""
    (tmp_path / "my_tasks.csv").write_text("task\nPlan budgets.\n")
    before = files_snapshot(tmp_path)
    (tmp_path / "my_tasks.csv").unlink()
    (tmp_path / "my_tasks.csv").write_text("scorer,n_tasks\nrubric,3\n")
    assert written_note(tmp_path, before) == f"{tmp_path}; it replaced my_tasks.csv, a file that was there before"


def test_written_note_says_what_the_run_removed(tmp_path):
    """``outcomes --no-figures`` removed an earlier run's figures: the summary said nothing of them."""
    names = ["outcomes.json", "outcomes_coefficients.csv", "outcomes_exposures.csv", "outcomes_groups.csv"]
    figures = ["outcomes_event_study_ours.png", "outcomes_event_study_published.png"]
    for name in names + figures:
        (tmp_path / name).write_text("earlier")
    before = files_snapshot(tmp_path)
    for name in names:
        (tmp_path / name).unlink()
        (tmp_path / name).write_text("new")
    for name in figures:
        (tmp_path / name).unlink()
    assert written_note(tmp_path, before) == (
        f"{tmp_path}; it replaced 4 files that were there before (outcomes.json, outcomes_coefficients.csv, "
        "outcomes_exposures.csv, ...); 2 files that were there before are gone (outcomes_event_study_ours.png, "
        "outcomes_event_study_published.png)")


def test_written_note_names_a_linked_report_file(tmp_path):
    """A report name linked to a file: its replacement was left out of the note."""
    (tmp_path / "keep").mkdir()
    (tmp_path / "keep" / "summary.csv").write_text("mine\n")
    out = tmp_path / "o"
    out.mkdir()
    (out / "outcomes_summary.csv").symlink_to("../keep/summary.csv")
    before = files_snapshot(out)
    (out / "outcomes_summary.csv").unlink()
    (out / "outcomes_summary.csv").write_text("measure,n\nbeta,3\n")
    assert written_note(out, before) == f"{out}; it replaced outcomes_summary.csv, a file that was there before"


def test_written_note_reads_dotdot_after_a_link_as_the_system(tmp_path, monkeypatch):
    """``-o data/../reports``, data a link: the note named ``./reports``, where the files were not."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "scratch" / "data").mkdir(parents=True)
    (tmp_path / "data").symlink_to("scratch/data")
    os.makedirs("data/../reports")  # as the writer makes it
    assert (tmp_path / "scratch" / "reports").is_dir() and not (tmp_path / "reports").exists()
    assert written_note("data/../reports", {}) == f"data/../reports ({tmp_path}/scratch/reports)"


# 3. the home directory is not replaced as a whole ------------------------------------------------------


def test_home_directory_is_not_replaced(tmp_path, monkeypatch):
    """``-o ~``: the home directory was replaced, each of its folders copied anew."""
    home = tmp_path / "home" / "me"
    (home / "project").mkdir(parents=True)
    (home / "project" / "a.py").write_text("print(1)\n")
    monkeypatch.setenv("HOME", str(home))
    inode = os.stat(home / "project").st_ino
    with pytest.raises(OutputPathError) as caught:
        with replace_directory(home, owned={"soc_scores.parquet"}) as tmp:
            (tmp / "soc_scores.parquet").write_bytes(b"PAR1")
    assert str(caught.value) == (f"refusing to replace {home}: it is the home directory of this user, whose every "
                                 "folder the swap of the new contents would copy and replace; write into a "
                                 f"directory inside it (such as {home}/results)")
    assert os.stat(home / "project").st_ino == inode and not (home / "soc_scores.parquet").exists()
    with pytest.raises(OutputPathError) as caught:
        check_output_dir(tmp_path / "home")
    assert str(caught.value) == (f"refusing to replace {tmp_path}/home: it contains the home directory {home}; "
                                 "choose a new or dedicated output directory")
    assert check_output_dir(home / "results") == home / "results"


# 4. a relative output path where the current directory is gone ------------------------------------------


@pytest.mark.parametrize("command, given", [
    (["compare", "-o", "rep"], "rep"),
    (["outcomes", "-o", "rep"], "rep"),
    (["train", "--out", "m.npz"], "m.npz"),
])
def test_relative_output_in_a_removed_directory_says_so(tmp_path, monkeypatch, capsys, command, given):
    """Was ``error: No such file or directory``, naming nothing."""
    (tmp_path / "gone").mkdir()
    monkeypatch.chdir(tmp_path / "gone")
    (tmp_path / "gone").rmdir()
    assert main(command) == 2
    err = capsys.readouterr().err.strip().splitlines()[-1]
    assert err == (f"exposure {command[0]}: error: output path {given}: the current directory no longer exists (it "
                   "was removed or replaced after the shell entered it), so a relative path names nothing; cd to "
                   "an existing directory, or give the full path"), err
    with pytest.raises(OutputPathError, match=r"^output path rep: the current directory no longer exists"):
        check_output_dir("rep")


# 5. a writer that let go between the refusal and the probe for readers --------------------------------


def test_lock_let_go_after_the_refusal_is_taken(tmp_path, monkeypatch):
    """Was ``another run (such as exposure diff) is reading ...`` with nothing holding the lock."""
    out = tmp_path / "results"
    holder = os.open(tmp_path / ".exposure-results.lock", os.O_RDWR | os.O_CREAT, 0o644)
    fcntl.flock(holder, fcntl.LOCK_EX)  # a writer of results, holding its lock
    real_flock = fcntl.flock
    let_go = []

    def flock(fd, operation):
        try:
            return real_flock(fd, operation)
        except BlockingIOError:
            if fd != holder and not let_go:  # the writer finishes just after refusing this one
                real_flock(holder, fcntl.LOCK_UN)
                os.close(holder)
                let_go.append(fd)
            raise

    monkeypatch.setattr(fcntl, "flock", flock)
    with replace_directory(out, owned={"a.csv"}) as tmp:
        (tmp / "a.csv").write_text("a\n1\n")
    assert let_go, "the lock was not refused first"
    assert (out / "a.csv").read_text() == "a\n1\n"
