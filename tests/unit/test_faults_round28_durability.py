"""Round 28: single-file writes, stale partial files and output paths (exposure._io, _outdir).

Each test is a case that broke a promise before (no lost or half-written file, a clear
error naming the file):

1. :func:`exposure._io.atomic_path` (every writer: ``write_csv``, ``write_parquet``...)
   renamed its partial file into place without flushing it to the disk first, nor the
   directory after: a power cut just after the rename could leave an empty or partial
   file under the final name (the output directory swap of ``_outdir`` did fsync);
2. :func:`exposure._io.atomic_paths` (a set of files) did not either;
3. :func:`exposure._io.remove_stale_partials` judged a partial file by its process id
   alone: one left by a run that died, whose id was since given to another, unrelated,
   running process, was kept for ever (the process running now started after the file
   was last written, so it cannot be its writer);
4. ``write_csv(frame, "results/")`` (a directory path, ending in a separator) wrote a
   file named ``results``, silently; :func:`exposure._outdir.check_output_file` (``exposure
   train``'s check) accepted ``models/`` and the model was then written as a file
   ``models``.

Tiny made-up frames written by the tests.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pandas as pd
import pytest
from _spies import record_fsync

from exposure import _io
from exposure._io import atomic_path, atomic_paths, remove_stale_partials, write_csv
from exposure._outdir import OutputPathError, check_output_file
from exposure.errors import OutputError


def test_atomic_path_flushes_the_file_before_the_rename_and_the_directory_after(tmp_path, monkeypatch):
    target = tmp_path / "scores.csv"
    events = record_fsync(monkeypatch)
    with atomic_path(target) as tmp:
        tmp.write_text("task,beta\nWeld.,0.5\n")
    assert target.read_text() == "task,beta\nWeld.,0.5\n"
    inode = target.stat().st_ino
    renamed = events.index(("replace", str(target)))
    assert ("fsync", "file", inode) in events[:renamed]  # the written file, before the rename
    assert ("fsync", "dir", tmp_path.stat().st_ino) in events[renamed + 1:]  # its directory after


def test_the_writers_flush_their_file(tmp_path, monkeypatch):
    target = tmp_path / "scores.csv"
    events = record_fsync(monkeypatch)
    write_csv(pd.DataFrame({"task": ["Weld."], "beta": [0.5]}), target)
    renamed = events.index(("replace", str(target)))
    assert ("fsync", "file", target.stat().st_ino) in events[:renamed]


def test_atomic_paths_flushes_every_file_before_the_first_rename(tmp_path, monkeypatch):
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    events = record_fsync(monkeypatch)
    with atomic_paths([a, b]) as (ta, tb):
        ta.write_text("A\n")
        tb.write_text("B\n")
    first = min(i for i, e in enumerate(events) if e[0] == "replace")
    synced = {e[2] for e in events[:first] if e[:2] == ("fsync", "file")}
    assert {a.stat().st_ino, b.stat().st_ino} <= synced
    assert ("fsync", "dir", tmp_path.stat().st_ino) in events[first:]


@pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="needs /proc (Linux)")
def test_a_partial_file_whose_pid_now_belongs_to_a_later_process_is_stale(tmp_path):
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        left = tmp_path / f".scores.csv.p{other.pid}-k2x9abc.tmp"
        left.write_bytes(b"task,beta\nWeld.,0.")  # cut by the crash of its (dead) writer
        hour_ago = time.time() - 3600  # last written an hour before that process started
        os.utime(left, (hour_ago, hour_ago))
        fresh = tmp_path / f".scores.csv.p{other.pid}-live123.tmp"  # that process's own file
        fresh.write_bytes(b"task,beta\n")
        assert remove_stale_partials(tmp_path / "scores.csv") == [left]
        assert sorted(p.name for p in tmp_path.iterdir()) == [fresh.name]
    finally:
        other.kill()
        other.wait()


def test_a_live_writers_partial_file_is_kept(tmp_path):
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        mine = tmp_path / f".scores.csv.p{other.pid}-k2x9abc.tmp"
        mine.write_bytes(b"task,beta\n")
        assert remove_stale_partials(tmp_path / "scores.csv") == []
        assert mine.exists()
    finally:
        other.kill()
        other.wait()


def test_an_output_path_ending_in_a_separator_is_refused_by_the_writers(tmp_path):
    given = f"{tmp_path / 'results'}{os.sep}"
    with pytest.raises(OutputError, match=r"results/: cannot write: the output must be a file name, "
                                          r"not a directory path"):
        write_csv(pd.DataFrame({"task": ["Weld."]}), given)
    assert list(tmp_path.iterdir()) == []  # no file named "results"
    with pytest.raises(OutputError, match="not a directory path"):
        with atomic_path(given):
            pass
    assert list(tmp_path.iterdir()) == []


def test_check_output_file_refuses_a_directory_path(tmp_path):
    with pytest.raises(OutputPathError, match=r"output path .*models/ ends in '/': it names a "
                                              r"directory; name a file"):
        check_output_file(f"{tmp_path / 'models'}/")
    assert list(tmp_path.iterdir()) == []


def test_partial_file_names_are_still_recognised(tmp_path):
    """The partial file atomic_path makes is one remove_stale_partials knows (kept: its writer lives)."""
    target = tmp_path / "a.csv"
    with atomic_path(target) as tmp:
        assert tmp.name.startswith(_io.partial_prefix(target) + f"p{os.getpid()}-")
        assert remove_stale_partials(target) == []
        tmp.write_text("x")
    assert target.read_text() == "x"
