"""Fault round 77 (fetch): the data directory's zips, network settings, the output lock, downloads.

1. A zip made by hand in the data directory holding the file twice, in the release folder
   and beside it at the zip's top level (the user zipped both: ``db_31_0_text/Job
   Zones.txt`` and ``Job Zones.txt``), was read from the folder's member and the other
   passed over without a word, although it may be the copy the user corrected. Now two
   copies with other bytes are refused, naming both: ``onet/31.0/Job Zones.txt: your copy
   of the publisher's download D/db_31_0_text.zip holds two copies of it with other bytes:
   D/db_31_0_text.zip!db_31_0_text/Job Zones.txt (sha256 A) and D/db_31_0_text.zip!Job
   Zones.txt (sha256 B): two dates of the release? The library reads 'db_31_0_text/Job
   Zones.txt': keep the one you want there (and remove the other from the zip); nothing
   was read`` (``the same text with other line ends, CRLF in ... and LF in ...`` when
   that is all they differ by). The same bytes in both are read as before.
2. A ``timeout``, ``backoff`` or ``deadline`` above the longest a socket waits, given as a
   Decimal, a Fraction or an int, was shown as the float it was read as: ``timeout must be
   at most 9223372036 seconds (...), got float 10000000000.0`` for ``Decimal('1e10')``.
   Now it is shown as written (``got Decimal 1E+10``, ``got int 10000000000``), and a
   part of a ``(connect, read)`` pair is named as :func:`exposure._args.check_positive`
   names it (``timeout (read) must be at most ...``).
3. A writer (``replace_directory``) or reader (``read_lock``) refused by a run that holds
   the lock but has not written its pid into the lock file yet (or has just emptied it
   before letting go, or cannot write another user's lock file) said ``another run (pid
   unknown) is writing D`` (the reader: ``another run is writing``). Now the holder's pid
   is read from the kernel (``/proc/locks``): ``another run (pid 1234) is writing D``;
   where no pid is known (no ``/proc``), ``another run is writing D``.
4. A lock file (``.exposure-<name>.lock`` beside the output directory) that is no regular
   file stopped every writer with a wrong word: a directory ``cannot create the lock file
   P for D: Is a directory; is the parent directory writable?`` (it was), a symbolic link
   to nothing ``No such file or directory; is the parent directory writable?``, a named
   pipe a bare ``OSError: [Errno 22] Invalid argument`` (and a reader, ``read_lock``,
   opening it waited for a writer of the pipe, for ever). Now the writer says ``cannot
   use the lock file P for D: it is a directory (a symbolic link to T, which does not
   exist; a special file (a named pipe, device or socket)), where exposure makes an empty
   lock file; remove it, or write to another directory``, nothing written; the reader
   reads unlocked, as where there is no lock file (no writer can run there).
5. :func:`exposure.fetch.download` (and :func:`~exposure.fetch.fetch` through it):
   a. a download that failed (HTTP 404, no network, no space left: ``os.replace`` raising
      ``ENOSPC``, where a real disk cannot be filled) left the directories made for
      ``dest`` behind (``new/sub``); now they are removed, as :func:`exposure._io.atomic_path`
      removes its own.
   b. a ``dest`` that is a symbolic link to a directory was replaced by the downloaded
      file, the user's link lost; now it is refused before any request: ``it is a
      symbolic link to the directory T (the link would be replaced by the file), where the
      download of X goes: ...; nothing was downloaded``.
   c. a ``dest`` written as a directory path (``"new/"``) wrote a file named ``new``; now
      it is refused before any request, as every writer of the library refuses it: ``the
      output must be a file name, not a directory path (ends in '/'): ...``.
   d. a ``dest`` below a file (``afile/x.csv``) was said ``cannot write x.csv into
      D/afile: File exists``; now ``...: D/afile is a file, not a directory``.
   e. a ``dest`` that is a named pipe or a device (``/dev/null``) was replaced by the
      downloaded file; now it is refused before any request: ``it is not a regular file (a
      named pipe, device or socket), where the download of X goes: give the path of a
      file; nothing was downloaded``.
6. A registry name in other capitals with the file's own suffix (``exposure fetch
   'onet/29.1/job zones.txt'``, ``onet/29.1/Job Zones.TXT``) was told ``did you mean
   'onet/29.1/Job Zones.txt' (O*NET 29.1 is pinned by the package in text format only)?``,
   as if another format had been asked for; now ``did you mean 'onet/29.1/Job Zones.txt'?``
   (a file asked in the format its release is not pinned in is told so, as before).

Tiny made-up files written by the tests and a local HTTP server; nothing is downloaded
from the internet.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
import subprocess
import sys
import zipfile
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from _http import serve
from _trees import tree as _tree

from exposure import _outdir
from exposure import fetch as F
from exposure.errors import DataFormatError, ExposureError, OutputError
from exposure.sources import get_source

ZONES = "onet/31.0/Job Zones.txt"
MEMBER = "db_31_0_text/Job Zones.txt"
ZONES_TXT = "O*NET-SOC Code\tJob Zone\tDate\tDomain Source\r\n11-1011.00\t5\t08/2026\tAnalyst\r\n"
OTHER_TXT = ZONES_TXT.replace("\t5\t", "\t4\t")
LF_TXT = ZONES_TXT.replace("\r\n", "\n")
LIMIT = ("must be at most 9223372036 seconds (about 292 years, the longest a socket waits; None is no "
         "limit), got ")


pytestmark = pytest.mark.usefixtures("bare_env")


@pytest.fixture
def server():
    with serve() as handler:
        yield handler


def _zip(path: Path, members: dict) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        for name, text in members.items():
            zf.writestr(name, text)
    return path


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


# 1. the user's zip holding the file twice

def test_a_users_zip_holding_the_file_twice_with_other_bytes_is_refused(tmp_path):
    cache = tmp_path / "cache"
    cache.mkdir()
    mine = _zip(cache / "db_31_0_text.zip", {MEMBER: ZONES_TXT, "Job Zones.txt": OTHER_TXT})
    with pytest.raises(F.DownloadError) as info:
        F.fetch(ZONES, data_dir=cache)
    assert str(info.value) == (
        f"{ZONES}: your copy of the publisher's download {mine} holds two copies of it with other bytes: "
        f"{mine}!{MEMBER} (sha256 {_sha(ZONES_TXT)}) and {mine}!Job Zones.txt (sha256 {_sha(OTHER_TXT)}): "
        f"two dates of the release? The library reads '{MEMBER}': keep the one you want there (and remove "
        "the other from the zip); nothing was read")
    assert not (cache / ZONES).exists() and mine.is_file()  # nothing read, the user's zip kept
    _zip(mine, {MEMBER: ZONES_TXT, "Job Zones.txt": ZONES_TXT,  # the same bytes: read as before
                "__MACOSX/db_31_0_text/Job Zones.txt": "a resource fork"})
    assert F.fetch(ZONES, data_dir=cache).read_bytes() == ZONES_TXT.encode()


def test_a_users_zip_holding_the_file_twice_with_other_line_ends_says_so(tmp_path):
    cache = tmp_path / "cache"
    cache.mkdir()
    mine = _zip(cache / "db_31_0_text.zip", {MEMBER: LF_TXT, "JOB ZONES.TXT": ZONES_TXT})
    with pytest.raises(F.DownloadError) as info:
        F.fetch(ZONES, data_dir=cache)
    assert (f": the same text with other line ends, CRLF in {mine}!JOB ZONES.TXT and LF in {mine}!{MEMBER} "
            "(unzipped with 'unzip -a', or copied through git's line-end conversion or dos2unix?), not two "
            f"dates of the release. The library reads '{MEMBER}'") in str(info.value)


# 2. a number above the limit shown as written

@pytest.mark.parametrize(("kwargs", "said"), [
    ({"timeout": Decimal("1e10")}, "timeout " + LIMIT + "Decimal 1E+10"),
    ({"timeout": 10**10}, "timeout " + LIMIT + "int 10000000000"),
    ({"timeout": (5, Decimal("1e10"))}, "timeout (read) " + LIMIT + "Decimal 1E+10"),
    ({"timeout": [Fraction(10**10), 5]}, "timeout (connect) " + LIMIT + "Fraction 10000000000"),
    ({"backoff": Decimal("1e10")}, "backoff " + LIMIT + "Decimal 1E+10"),
    ({"deadline": Fraction(10**10)}, "deadline " + LIMIT + "Fraction 10000000000"),
])
def test_a_number_above_the_limit_is_shown_as_written(tmp_path, kwargs, said):
    with pytest.raises(DataFormatError) as info:
        F.fetch(ZONES, data_dir=tmp_path / "cache", **kwargs)
    assert str(info.value) == said
    with pytest.raises(DataFormatError) as info:
        F.download("http://127.0.0.1:9/x.csv", tmp_path / "x.csv", **kwargs)
    assert str(info.value) == said
    assert not (tmp_path / "cache").exists() and not (tmp_path / "x.csv").exists()


# 3. the holder of a lock whose pid is not in the lock file yet

@pytest.fixture
def holder(tmp_path):
    """A second process holding the exclusive lock of ``tmp_path/results``, its lock file empty."""
    if not os.path.exists("/proc/locks"):
        pytest.skip("the kernel names no lock holders here (no /proc/locks)")
    out = tmp_path / "results"
    out.mkdir()
    lock = tmp_path / ".exposure-results.lock"
    lock.write_bytes(b"")  # as between the holder's flock and its pid, or after it emptied it
    code = "import fcntl, sys; f = open(sys.argv[1]); fcntl.flock(f, fcntl.LOCK_EX); print(1, flush=True); sys.stdin.read()"
    proc = subprocess.Popen([sys.executable, "-c", code, str(lock)], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "1"
        yield out, lock, proc.pid
    finally:
        proc.stdin.close()
        proc.wait()


def test_a_refused_writer_names_the_holder_whose_pid_is_not_written(holder):
    out, lock, pid = holder
    with pytest.raises(_outdir.RecomputeLockedError) as info:
        with _outdir.replace_directory(out):
            pass
    assert str(info.value) == (f"another run (pid {pid}) is writing {out}; lock file {lock} is held. Wait for it "
                               "to finish or write to another directory")


def test_a_refused_reader_names_the_holder_whose_pid_is_not_written(holder):
    out, lock, pid = holder
    with pytest.raises(_outdir.RecomputeLockedError) as info:
        with _outdir.read_lock(out):
            pass
    assert str(info.value).startswith(f"{out}: another run (pid {pid}) is writing this directory now (lock file "
                                      f"{lock} is held)")


# 4. a lock file that is no regular file

@pytest.mark.parametrize("kind", ["directory", "link", "pipe"])
def test_a_lock_file_that_is_no_file_is_named(tmp_path, kind):
    out = tmp_path / "results"
    out.mkdir()
    lock = tmp_path / ".exposure-results.lock"
    said = {"directory": "a directory", "link": f"a symbolic link to {tmp_path / 'gone'}, which does not exist",
            "pipe": "a special file (a named pipe, device or socket)"}[kind]
    if kind == "directory":
        lock.mkdir()
    elif kind == "link":
        lock.symlink_to(tmp_path / "gone")
    else:
        os.mkfifo(lock)
    with pytest.raises(_outdir.OutputPathError) as info:
        with _outdir.replace_directory(out) as tmp:
            (tmp / "a.csv").write_text("x")
    assert str(info.value) == (f"cannot use the lock file {lock} for {out}: it is {said}, where exposure makes "
                               "an empty lock file; remove it, or write to another directory")
    assert _tree(tmp_path) == [".exposure-results.lock", "results"]


# 5. downloads: the directories made, a link to a directory, a directory path, a folder that is a file

def test_a_failed_download_leaves_no_directory_it_made(tmp_path, server):
    with pytest.raises(F.DownloadError, match="HTTP 404"):
        F.download(f"{server.url}/missing.csv", tmp_path / "new" / "sub" / "x.csv", retries=0, timeout=2.0)
    assert _tree(tmp_path) == []


def test_a_download_that_finds_no_space_leaves_no_directory_it_made(tmp_path, server, monkeypatch):
    server.routes["/x.csv"] = (200, {}, b"a,b\n1,2\n")

    def full(*args, **kwargs):  # a real disk cannot be filled here
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", full)
    dest = tmp_path / "new" / "sub" / "x.csv"
    with pytest.raises(F.CacheWriteError) as info:
        F.download(f"{server.url}/x.csv", dest, retries=0, timeout=2.0)
    assert str(info.value) == f"cannot write {dest}: No space left on device"
    assert _tree(tmp_path) == []


def test_a_link_to_a_directory_is_not_replaced_by_the_download(tmp_path, server):
    server.routes["/x.csv"] = (200, {}, b"a,b\n1,2\n")
    (tmp_path / "data").mkdir()
    link = tmp_path / "link"
    link.symlink_to(tmp_path / "data")
    with pytest.raises(OutputError) as info:
        F.download(f"{server.url}/x.csv", link, retries=0, timeout=2.0)
    assert str(info.value) == (
        f"{link}: cannot write: it is a symbolic link to the directory {tmp_path / 'data'} (the link would be "
        "replaced by the file), where the download of link goes: give the path of the file, not of its "
        "directory (or move the directory away); nothing was downloaded")
    assert link.is_symlink() and server.hits == {}


def test_a_directory_path_is_refused_before_the_download(tmp_path, server):
    server.routes["/x.csv"] = (200, {}, b"a,b\n1,2\n")
    with pytest.raises(OutputError, match=r"the output must be a file name, not a directory path \(ends in '/'\)"):
        F.download(f"{server.url}/x.csv", f"{tmp_path}/new/", retries=0, timeout=2.0)
    assert _tree(tmp_path) == [] and server.hits == {}


def test_a_folder_that_is_a_file_is_said_so(tmp_path, server):
    server.routes["/x.csv"] = (200, {}, b"a,b\n1,2\n")
    (tmp_path / "afile").write_text("x")
    with pytest.raises(F.CacheWriteError) as info:
        F.download(f"{server.url}/x.csv", tmp_path / "afile" / "x.csv", retries=0, timeout=2.0)
    assert str(info.value) == (f"cannot write x.csv into {tmp_path / 'afile'}: {tmp_path / 'afile'} is a file, "
                               "not a directory")


def test_a_pipe_is_not_replaced_by_the_download(tmp_path, server):
    server.routes["/x.csv"] = (200, {}, b"a,b\n1,2\n")
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    with pytest.raises(OutputError) as info:
        F.download(f"{server.url}/x.csv", pipe, retries=0, timeout=2.0)
    assert str(info.value) == (f"{pipe}: cannot write: it is not a regular file (a named pipe, device or socket), "
                               "where the download of pipe goes: give the path of a file; nothing was downloaded")
    assert stat.S_ISFIFO(os.lstat(pipe).st_mode) and server.hits == {}


# 6. a name in other capitals is not another format

@pytest.mark.parametrize("name", ["onet/29.1/job zones.txt", "onet/29.1/Job Zones.TXT"])
def test_a_name_in_other_capitals_is_not_said_another_format(name):
    with pytest.raises(ExposureError) as info:
        get_source(name)
    assert str(info.value) == f"unknown source {name!r}; did you mean 'onet/29.1/Job Zones.txt'?"

