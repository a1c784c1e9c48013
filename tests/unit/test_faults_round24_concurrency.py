"""Round 24: two runs of the library touching the same files at once.

1. Two processes pinning files in the same lock file at once (two ``exposure recompute``
   of new releases, two ``fetch_table`` calls): :meth:`~exposure.releases.Lock.pin` read,
   changed and rewrote ``exposure.lock`` with no lock of its own, so the last writer won and
   the other's pin was lost without a word (a lost pin means a later changed file is
   accepted on first use again). The read-modify-write now holds an exclusive
   :func:`fcntl.flock` on a sidecar file (``.exposure.lock.flock``); the rename stays atomic.
2. The same, with a lock file reached through symbolic links from two homes (a lock file
   kept beside the analysis, linked into ``$EXPOSURE_HOME``): the sidecar lies beside the
   file the links point to, so the two runs still take turns.
3. Two runs reading a file of a new release for the first time from different copies (two
   caches or mirrors sharing one ``$EXPOSURE_HOME``) that differ (the publisher changed the
   file in between): the second ``fetch_table`` to finish overwrote the first one's pin
   with its own sha256 without a word. It is refused now, naming the lock file, the row of
   the other run's pin and the column, and the lock keeps that pin.
4. Two runs reading a file of a new release through the same cache while the publisher's
   file changes: the second run's copy replaced the cache file while the first run's
   reader was reading; the first run then pinned the sha256 of the *replaced* file, so its
   tables came from other bytes than the ones its lock says it read (a silent wrong
   result). ``fetch_table`` hashes the file before the reader reads it and refuses to pin
   when the file changed meanwhile.
5. The first run's reader refusing the file (a bad copy) after a second run replaced it
   with a good one that it pinned: the first run removed the cache file, which was the
   second run's good, pinned copy. Only the copy the failing reader read is removed now.
6. SIGTERM (or an error) between the two renames of the fallback swap of an output
   directory (a file system without ``renameat2(RENAME_EXCHANGE)``: macOS, some network
   and overlay file systems): the new contents were removed and ``DIR`` stayed missing,
   its previous contents hidden in ``.DIR.old-<random>.tmp`` until the next run restored
   them (and the error said "nothing was written to DIR"). They are put back at once now.

Processes are synchronised with multiprocessing events and the kernel's table of waiting
locks (``/proc/locks``), never with sleeps; the interleavings of one process (a run inside
another run's reader) are exact.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from exposure import fetch as F
from exposure.errors import DataFormatError, ExposureError
from exposure.onet import read_job_zones
from exposure.releases import Lock, layout_source

NEW = "onet/31.0/Job Zones.txt"
OTHER = "onet/31.0/Task Statements.txt"
HEADER = "O*NET-SOC Code\tJob Zone\tDate\tDomain Source\n"
V1 = HEADER + "11-1011.00\t5\t08/2026\tAnalyst\n"
V2 = HEADER + "11-1011.00\t4\t09/2026\tAnalyst\n"
BAD = HEADER + "11-1011.00\tfive\t08/2026\tAnalyst\n"

needs_proc_locks = pytest.mark.skipif(not Path("/proc/locks").is_file(),
                                      reason="needs Linux /proc/locks to see a process wait for a lock")
fork = multiprocessing.get_context("fork")


# 1, 2. two processes pinning at once --------------------------------------------------


def _waiting_for_a_lock(pid: int) -> bool:
    """True when process ``pid`` is blocked waiting for a file lock (Linux)."""
    for line in Path("/proc/locks").read_text().splitlines():
        parts = line.split()
        if len(parts) > 5 and parts[1] == "->" and parts[5] == str(pid):
            return True
    return False


class _PausingLock(Lock):
    """A lock file whose first read of the entries waits for another process.

    It returns what it read only when the other process has finished its pin, or is
    blocked waiting for the lock: the interleaving "A reads, B pins, A writes".
    """

    other: tuple | None = None

    def entries(self):
        read = super().entries()
        if _PausingLock.other is not None:
            reading, done, pid = _PausingLock.other
            _PausingLock.other = None
            reading.set()
            for _ in range(60_000):  # bounded: the test fails, it does not hang
                if done.wait(0.005) or _waiting_for_a_lock(pid):
                    break
        return read


def _pin_first(lock_path, f, reading, done, pid):
    _PausingLock.other = (reading, done, pid)
    _PausingLock(lock_path).pin(layout_source(NEW), f)


def _pin_second(lock_path, f, reading, done):
    if not reading.wait(300):
        raise SystemExit(3)
    Lock(lock_path).pin(layout_source(OTHER), f)
    done.set()


def _pin_in_two_processes(path_a: Path, path_b: Path, f: Path) -> None:
    reading, done = fork.Event(), fork.Event()
    second = fork.Process(target=_pin_second, args=(path_b, f, reading, done))
    second.start()
    first = fork.Process(target=_pin_first, args=(path_a, f, reading, done, second.pid))
    first.start()
    first.join(600)
    second.join(600)
    assert (first.exitcode, second.exitcode) == (0, 0)


@needs_proc_locks
def test_two_processes_pinning_at_once_keep_both_pins(tmp_path):
    f = tmp_path / "file.txt"
    f.write_text(V1)
    lock_path = tmp_path / "home" / "exposure.lock"
    _pin_in_two_processes(lock_path, lock_path, f)
    assert sorted(Lock(lock_path).entries()) == [NEW, OTHER]
    # the rename stays atomic: no partial file is left beside the lock file
    assert not [p for p in lock_path.parent.iterdir() if p.name.endswith(".tmp")]


@needs_proc_locks
def test_a_lock_file_linked_from_two_homes_keeps_both_pins(tmp_path):
    f = tmp_path / "file.txt"
    f.write_text(V1)
    shared = tmp_path / "analysis" / "exposure.lock"
    shared.parent.mkdir()
    shared.write_text("")
    links = []
    for home in ("home_a", "home_b"):
        (tmp_path / home).mkdir()
        link = tmp_path / home / "exposure.lock"
        link.symlink_to(shared)
        links.append(link)
    _pin_in_two_processes(links[0], links[1], f)
    assert sorted(Lock(shared).entries()) == [NEW, OTHER]
    assert all(link.is_symlink() for link in links)


# 3-5. two first reads of a new file, one inside the other's reader ---------------------


def _mirror(root: Path, text: str) -> Path:
    (root / "onet" / "31.0").mkdir(parents=True)
    (root / NEW).write_text(text)
    return root


def test_a_pin_recorded_by_another_run_meanwhile_is_not_overwritten(tmp_path):
    home = tmp_path / "home"
    run_a = F.DataStore(cache=tmp_path / "cache_a", home=home, mirror=_mirror(tmp_path / "m_a", V1))
    run_b = F.DataStore(cache=tmp_path / "cache_b", home=home, mirror=_mirror(tmp_path / "m_b", V2))
    got_b = []

    def reader_a(path):
        table = read_job_zones(path)  # run A has read V1 ...
        got_b.append(F.fetch_table(NEW, read_job_zones, store=run_b))  # ... run B reads and pins V2
        return table

    with pytest.raises(DataFormatError) as err:
        F.fetch_table(NEW, reader_a, store=run_a)
    pin_b = F.file_sha256(run_b.mirror / NEW)
    assert Lock(home / "exposure.lock").entries()[NEW]["sha256"] == pin_b
    message = str(err.value)
    assert message.startswith(f"{home / 'exposure.lock'}, row 5, column 'sha256': ")
    assert NEW in message and pin_b in message and F.file_sha256(run_a.mirror / NEW) in message
    assert "another run" in message
    assert int(got_b[0]["job_zone"].iloc[0]) == 4


def test_a_cache_file_replaced_while_it_was_read_is_not_pinned(tmp_path):
    mirror = _mirror(tmp_path / "m", V1)
    store = F.DataStore(cache=tmp_path / "cache", home=tmp_path / "home", mirror=mirror)
    got = []

    def reader_a(path):
        table = read_job_zones(path)  # run A has read V1 from the cache ...
        (mirror / NEW).write_text(V2)  # ... the publisher's file changes; run B copies and pins it
        got.append(F.fetch_table(NEW, read_job_zones, store=store))
        return table

    with pytest.raises(ExposureError, match="changed while it was read") as err:
        F.fetch_table(NEW, reader_a, store=store)
    assert NEW in str(err.value)
    # the lock holds run B's pin, of the bytes run B read, and nothing of run A's
    entries = Lock(store.lock_path).entries()
    assert entries[NEW]["sha256"] == F.file_sha256(mirror / NEW)
    assert int(got[0]["job_zone"].iloc[0]) == 4


def test_a_failing_reader_leaves_the_copy_another_run_pinned_meanwhile(tmp_path):
    mirror = _mirror(tmp_path / "m", BAD)
    store = F.DataStore(cache=tmp_path / "cache", home=tmp_path / "home", mirror=mirror)

    def reader_a(path):
        text = path.read_text()  # run A has read the bad copy ...
        (mirror / NEW).write_text(V2)  # ... the mirror is fixed; run B copies, reads and pins it
        F.fetch_table(NEW, read_job_zones, store=store)
        tmp = tmp_path / "read-by-a.txt"
        tmp.write_text(text)
        try:
            return read_job_zones(tmp)
        finally:
            tmp.unlink()

    with pytest.raises(DataFormatError, match="Job Zone"):
        F.fetch_table(NEW, reader_a, store=store)
    cached = store.cache / NEW
    assert cached.read_text() == V2  # run B's pinned copy stays
    assert Lock(store.lock_path).entries()[NEW]["sha256"] == F.file_sha256(cached)
    assert F.fetch(NEW, store=store) == cached
    assert os.listdir(cached.parent) == ["Job Zones.txt"]


# 6. SIGTERM between the two renames of the fallback swap --------------------------------

_SWAP = """
import logging, sys
from pathlib import Path
import exposure._outdir as O
O._exchange = lambda a, b: False  # a file system without renameat2(RENAME_EXCHANGE)
logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
out = Path(sys.argv[1])
try:
    with O.terminate_cleanly():
        with O.replace_directory(out, owned={"a.csv"}) as tmp:
            (tmp / "a.csv").write_text("new")
except O.Terminated:
    print("terminated", file=sys.stderr, flush=True)
    sys.exit(143)
"""


def test_sigterm_between_the_renames_of_the_fallback_swap_puts_the_old_set_back(tmp_path):
    out = tmp_path / "results"
    out.mkdir()
    (out / "a.csv").write_text("old")
    (out / "notes.txt").write_text("mine")
    env = dict(os.environ, EXPOSURE_PIPELINE_PAUSE=f"fallback_swap:{tmp_path / 'flag'}",
               EXPOSURE_PIPELINE_PAUSE_SECONDS="300")
    proc = subprocess.Popen([sys.executable, "-c", _SWAP, str(out)], env=env,
                            stderr=subprocess.PIPE, text=True)
    said = []
    for line in proc.stderr:  # blocks until the child pauses, or ends (no pause point)
        said.append(line)
        if "pausing at fallback_swap" in line:
            break
    assert said and "pausing at fallback_swap" in said[-1], said
    assert not out.exists()  # the old directory is renamed aside: the window
    proc.send_signal(signal.SIGTERM)
    err = proc.stderr.read()
    proc.wait(300)
    assert proc.returncode == 143 and "terminated" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == [".exposure-results.lock", "flag", "results"]
    assert {p.name: p.read_text() for p in out.iterdir()} == {"a.csv": "old", "notes.txt": "mine"}


def test_fetch_many_of_an_empty_list_fetches_nothing(tmp_path):
    """``fetch_many([])`` (a list filtered down to nothing) fetched the whole registry (None still selects it)."""
    from exposure.fetch import fetch_many

    mirror, cache = tmp_path / "mirror", tmp_path / "cache"
    mirror.mkdir()
    assert fetch_many([], mirror=mirror, data_dir=cache) == ({}, {})
    assert not cache.exists() or not any(cache.rglob("*.*"))
