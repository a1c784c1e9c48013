"""Fault round 78 (fetch): the lock file's sidecar, links in a download's place, a new data directory, a short body.

1. The sidecar of the lock file (``.exposure.lock.flock`` beside ``exposure.lock``), whose
   :func:`fcntl.flock` makes two runs take turns in pinning, was passed over when it was
   a directory (``cannot create ... ([Errno 21] Is a directory ...): pinning without a
   lock``, a debug line alone) or a symbolic link whose target's folder is missing: the
   pin was written without the lock, a pin of another run at the same time could be
   lost; so was a link that loops. A link to nothing made the file it named; a named pipe
   or ``/dev/null`` was locked (``/dev/null`` for every program locking it). Now :meth:`exposure.releases.Lock.pin`
   and the pins of a run (:func:`exposure.fetch.staged_pins`) refuse it, nothing pinned:
   ``S: cannot write: it is a directory (a symbolic link to T, which does not exist; a
   special file (a named pipe, device or socket); a symbolic link that loops (S -> T)), where exposure makes an empty file to
   take turns in writing the lock file L; remove it (or move it away) and run again;
   nothing was pinned``; :func:`exposure.fetch.check_lock_writable` says it before a
   run, not after the whole computation.
2. :func:`exposure.fetch.download` to a ``dest`` that is a symbolic link to nothing (or
   a link that loops) replaced the link by the downloaded file, the user's link lost; a
   link to a file was replaced too (the file it pointed to kept the old bytes). The
   library's rule for a link in a file's place (:func:`exposure._io.atomic_path`'s) now
   holds for downloads as well: a link to a file is written through (the file it points
   to gets the download, the link stays); a link to nothing or a loop is refused before
   any request: ``D: cannot write: it is a symbolic link to T, which does not exist (a
   drive not mounted, or the file moved?), where the download of X goes: mount or
   restore what it points to, remove the link (the file then takes its place) or give
   another path; nothing was downloaded`` (``it is a symbolic link that loops (D -> T)
   ...: point it at a file, ...``). :func:`exposure.fetch.fetch` refuses such a link in
   the place of a cached file (it was replaced by the copy): ``... in the place of the
   cached file N: mount or restore what it points to, or remove it and fetch again (the
   rest of the cache is not affected)``.
3. A fetch that failed into a data directory that did not exist before the call
   (:func:`exposure.fetch.fetch`, :func:`~exposure.fetch.fetch_many`, ``exposure fetch
   --data-dir new/cache``) left that directory behind, empty, and so did
   :func:`~exposure.fetch.fetch_table` whose reader refused a new file (its folders
   ``onet/31.0`` too); now nothing it made is left.
4. A download whose sha256 is not the pin's, because the server declared a
   Content-Length shorter than the file (the client reads no further), was a bare
   mismatch of two digests; :func:`exposure.fetch.fetch` now says so when the body ends
   inside a line: ``...; the body read has 6 bytes of the 8 pinned, the last line
   unfinished (cut short: a server or proxy declaring a Content-Length shorter than the
   file?): try again later, or check the source's URL and $EXPOSURE_URL_MAP`` (a body of
   whole lines, perhaps another version of the file, is said as before).
5. A mirror's file (or the user's copy in the data directory) holding the bytes of
   another file the package pins (another release's, another table's: ``Task
   Categories.txt`` copied as ``Job Zones.txt``) was a bare mismatch of two digests; now
   ``...; its bytes are those of onet/29.1/Task Categories.txt, which the package pins: a
   file of another release or table put in its place? put the file of onet/29.1/Job
   Zones.txt there``; a download of one (a URL map's server answering with another file):
   ``...: the server answered with another file; check the source's URL and
   $EXPOSURE_URL_MAP``.
6. A mirror's file cut short (an interrupted copy or rsync) was a bare mismatch of two
   digests; now ``...; it has 100 bytes of the 190 pinned, the last line unfinished: a
   copy cut short (an interrupted copy, rsync or download, a full disk)? copy it again``
   (a shorter file of whole lines, edited, is said as before).
7. An answer whose header cannot be read (two Content-Lengths that differ: ``8, 9``) was
   said to be a redirect: ``x.csv: URL redirects to a URL that cannot be downloaded
   (InvalidHeader: Content-Length contained multiple unmatching values (8, 9)); ...``;
   now ``x.csv: the answer to URL has a header that cannot be read (InvalidHeader: ...):
   a broken server or proxy? try again later, or check the source's URL and
   $EXPOSURE_URL_MAP; nothing was downloaded``.
8. A release's zip cut short by the server (its Content-Length half the file) was said
   as ``onet/31.0/Job Zones.txt: C/.archives/db_31_0_text.zip is not a readable zip
   archive (File is not a zip file)``: a path removed by then, no URL, nothing on what
   to do (and the data directory made for it was left behind); now ``onet/31.0/Job
   Zones.txt: the archive downloaded from URL (N bytes) is not a readable zip archive
   (File is not a zip file): cut short (a server or proxy declaring a Content-Length
   shorter than the file?), or not the zip? It was removed: try again later, or check
   the source's URL and $EXPOSURE_URL_MAP; nothing was written to the cache``.

Tiny made-up files written by the tests and a local HTTP server; nothing is downloaded
from the internet; the real mirror's ``Task Categories.txt`` (190 bytes) for 5 and 6.
"""

from __future__ import annotations

import hashlib
import io
import os
import zipfile
from pathlib import Path

import pytest
from _trees import tree as _tree

from exposure import fetch as F
from exposure.cli import main
from exposure.errors import ChecksumMismatchError, DataFormatError, OutputError
from exposure.releases import Lock, layout_source
from exposure.sources import Source

ZONES = "onet/31.0/Job Zones.txt"
ZONES_TXT = "O*NET-SOC Code\tJob Zone\tDate\tDomain Source\r\n11-1011.00\t5\t08/2026\tAnalyst\r\n"
BODY = b"a,b\n1,2\n"


pytestmark = pytest.mark.usefixtures("bare_env")


def _demo(url: str) -> Source:
    return Source(name="demo/a.csv", release="1", url=url, sha256=hashlib.sha256(BODY).hexdigest(),
                  size=len(BODY), licence="CC0", attribution="demo")


# 1. the lock file's sidecar that is no regular file

SIDECARS = {
    "directory": ("a directory", lambda side, d: side.mkdir()),
    "link": ("a symbolic link to {d}/nodir/gone, which does not exist",
             lambda side, d: side.symlink_to(d / "nodir" / "gone")),
    "pipe": ("a special file (a named pipe, device or socket)", lambda side, d: os.mkfifo(side)),
    "devnull": ("a special file (a named pipe, device or socket)", lambda side, d: side.symlink_to("/dev/null")),
    "loop": ("a symbolic link that loops ({d}/.exposure.lock.flock -> .exposure.lock.flock)",
             lambda side, d: side.symlink_to(side.name)),
}


def _said(kind: str, home: Path) -> str:
    side, lock = home / ".exposure.lock.flock", home / "exposure.lock"
    return (f"{side}: cannot write: it is {SIDECARS[kind][0].format(d=home)}, where exposure makes an empty file "
            f"to take turns in writing the lock file {lock}; remove it (or move it away) and run again; nothing "
            "was pinned")


@pytest.mark.parametrize("kind", list(SIDECARS))
def test_a_pin_beside_a_sidecar_that_is_no_file_is_refused(tmp_path, kind):
    home = tmp_path / "home"
    home.mkdir()
    SIDECARS[kind][1](home / ".exposure.lock.flock", home)
    (tmp_path / "zones.txt").write_text(ZONES_TXT)
    with pytest.raises(OutputError) as info:
        Lock(home / "exposure.lock").pin(layout_source(ZONES), tmp_path / "zones.txt")
    assert str(info.value) == _said(kind, home)
    assert not (home / "exposure.lock").exists()  # nothing pinned, without the lock or with it


def test_a_run_pinning_beside_a_sidecar_that_is_a_directory_is_refused_before_it_runs(tmp_path):
    home = tmp_path / "home"
    (home / ".exposure.lock.flock").mkdir(parents=True)
    with pytest.raises(OutputError) as info:
        F.check_lock_writable(F.DataStore(cache=tmp_path / "cache", home=home))
    assert str(info.value) == _said("directory", home)


def test_a_new_file_read_beside_a_sidecar_that_is_a_directory_is_not_pinned(tmp_path):
    mirror = tmp_path / "mirror" / "onet" / "31.0"
    mirror.mkdir(parents=True)
    (mirror / "Job Zones.txt").write_text(ZONES_TXT)
    home = tmp_path / "home"
    (home / ".exposure.lock.flock").mkdir(parents=True)
    store = F.DataStore(cache=tmp_path / "cache", home=home, mirror=tmp_path / "mirror")
    with pytest.raises(OutputError, match="where exposure makes an empty file to take turns"):
        F.fetch_table(ZONES, lambda p: p.read_text(), store=store)
    assert not (home / "exposure.lock").exists()


# 2. a download to a symbolic link

def test_a_download_to_a_link_to_nothing_is_refused(tmp_path, server):
    server.routes["/x.csv"] = (200, {}, BODY)
    link = tmp_path / "x.csv"
    link.symlink_to(tmp_path / "gone.csv")
    with pytest.raises(OutputError) as info:
        F.download(f"{server.url}/x.csv", link, retries=0, timeout=2.0)
    assert str(info.value) == (
        f"{link}: cannot write: it is a symbolic link to {tmp_path / 'gone.csv'}, which does not exist (a drive not "
        "mounted, or the file moved?), where the download of x.csv goes: mount or restore what it points to, "
        "remove the link (the file then takes its place) or give another path; nothing was downloaded")
    assert link.is_symlink() and _tree(tmp_path) == ["x.csv"] and server.hits == {}


def test_a_download_to_a_link_that_loops_is_refused(tmp_path, server):
    server.routes["/x.csv"] = (200, {}, BODY)
    link = tmp_path / "a"
    link.symlink_to("b")
    (tmp_path / "b").symlink_to("a")
    with pytest.raises(OutputError) as info:
        F.download(f"{server.url}/x.csv", link, retries=0, timeout=2.0)
    assert str(info.value) == (
        f"{link}: cannot write: it is a symbolic link that loops ({link} -> b), where the download of a goes: point "
        "it at a file, remove the link (the file then takes its place) or give another path; nothing was "
        "downloaded")
    assert server.hits == {}


def test_a_download_to_a_link_to_a_file_is_written_through(tmp_path, server):
    server.routes["/x.csv"] = (200, {}, BODY)
    (tmp_path / "kept").mkdir()
    target = tmp_path / "kept" / "x.csv"
    target.write_bytes(b"old\n")
    link = tmp_path / "x.csv"
    link.symlink_to(target)
    assert F.download(f"{server.url}/x.csv", link, retries=0, timeout=2.0) == link
    assert link.is_symlink() and target.read_bytes() == BODY
    assert _tree(tmp_path) == ["kept", "kept/x.csv", "x.csv"]  # no partial file left beside either


def test_a_cached_file_that_is_a_link_to_nothing_is_refused(tmp_path):
    mirror = tmp_path / "mirror" / "demo"
    mirror.mkdir(parents=True)
    (mirror / "a.csv").write_bytes(BODY)
    cached = tmp_path / "cache" / "demo" / "a.csv"
    cached.parent.mkdir(parents=True)
    cached.symlink_to(tmp_path / "drive" / "a.csv")
    with pytest.raises(OutputError) as info:
        F.fetch(_demo("https://example.org/a.csv"), mirror=tmp_path / "mirror", data_dir=tmp_path / "cache")
    assert str(info.value) == (
        f"{cached}: cannot write: it is a symbolic link to {tmp_path / 'drive' / 'a.csv'}, which does not exist (a "
        "drive not mounted, or the file moved?), in the place of the cached file demo/a.csv: mount or restore "
        "what it points to, or remove it and fetch again (the rest of the cache is not affected)")
    assert cached.is_symlink()


# 3. a failed fetch into a new data directory

def test_a_failed_fetch_leaves_no_data_directory_it_made(tmp_path):
    (tmp_path / "mirror").mkdir()
    with pytest.raises(F.DownloadError, match="not found in mirror"):
        F.fetch("onet/29.1/Job Zones.txt", mirror=tmp_path / "mirror", data_dir=tmp_path / "new" / "cache")
    fetched, errors = F.fetch_many(["onet/29.1/Job Zones.txt"], mirror=tmp_path / "mirror",
                                   data_dir=tmp_path / "new" / "cache")
    assert fetched == {} and list(errors) == ["onet/29.1/Job Zones.txt"]
    assert _tree(tmp_path) == ["mirror"]


def test_a_failed_download_leaves_no_data_directory_it_made(tmp_path, server):
    with pytest.raises(F.DownloadError, match="HTTP 404"):
        F.fetch(_demo(f"{server.url}/missing.csv"), data_dir=tmp_path / "new" / "cache", retries=0, timeout=2.0)
    assert _tree(tmp_path) == []


def test_exposure_fetch_that_fetched_nothing_leaves_no_data_directory(tmp_path, capsys):
    (tmp_path / "mirror").mkdir()
    cache = tmp_path / "new" / "cache"
    assert main(["fetch", "--mirror", str(tmp_path / "mirror"), "--data-dir", str(cache),
                 "onet/29.1/Job Zones.txt"]) == 2
    assert f"0 of 1 file verified in {cache}" in capsys.readouterr().out
    assert _tree(tmp_path) == ["mirror"]


def test_a_new_file_its_reader_refused_leaves_no_folder_it_made(tmp_path):
    mirror = tmp_path / "mirror" / "onet" / "31.0"
    mirror.mkdir(parents=True)
    (mirror / "Job Zones.txt").write_text(ZONES_TXT)
    store = F.DataStore(cache=tmp_path / "new" / "cache", home=tmp_path / "home", mirror=tmp_path / "mirror")

    def reader(path):
        raise DataFormatError("a refused value", path=path, row=1)

    with pytest.raises(DataFormatError, match="a refused value"):
        F.fetch_table(ZONES, reader, store=store)
    assert _tree(tmp_path) == ["mirror", "mirror/onet", "mirror/onet/31.0", "mirror/onet/31.0/Job Zones.txt"]


# 4. a body cut short by its Content-Length

def test_a_body_cut_short_by_its_content_length_is_said_so(tmp_path, scripted_server):
    scripted_server.routes["/a.csv"] = {"body": BODY, "length": 6}  # b"a,b\n1,"
    src = _demo(scripted_server.url("/a.csv"))
    with pytest.raises(ChecksumMismatchError) as info:
        F.fetch(src, data_dir=tmp_path / "cache", retries=0, timeout=2.0)
    assert str(info.value).endswith(
        "; nothing was written to the cache; the body read has 6 bytes of the 8 pinned, the last line unfinished "
        "(cut short: a server or proxy declaring a Content-Length shorter than the file?): try again later, or "
        "check the source's URL and $EXPOSURE_URL_MAP")
    assert not (tmp_path / "cache").exists()
    scripted_server.routes["/a.csv"] = {"body": BODY, "length": 4}  # b"a,b\n": whole lines, said as before
    with pytest.raises(ChecksumMismatchError) as info:
        F.fetch(src, data_dir=tmp_path / "cache", retries=0, timeout=2.0)
    assert str(info.value).endswith("; nothing was written to the cache")


# 5. another file the package pins, in a file's place

def test_a_mirror_file_holding_another_pinned_file_is_said_so(tmp_path, mirror):
    folder = tmp_path / "mirror" / "onet" / "29.1"
    folder.mkdir(parents=True)
    (folder / "Job Zones.txt").write_bytes((mirror / "onet" / "29.1" / "Task Categories.txt").read_bytes())
    with pytest.raises(ChecksumMismatchError) as info:
        F.fetch("onet/29.1/Job Zones.txt", mirror=tmp_path / "mirror", data_dir=tmp_path / "cache")
    assert str(info.value).endswith(
        "; nothing was written to the cache; its bytes are those of onet/29.1/Task Categories.txt, which the package "
        "pins: a file of another release or table put in its place? put the file of onet/29.1/Job Zones.txt there")
    assert not (tmp_path / "cache").exists()


def test_a_download_of_another_pinned_file_is_said_so(tmp_path, mirror, scripted_server):
    scripted_server.routes["/a.csv"] = {"body": (mirror / "onet" / "29.1" / "Task Categories.txt").read_bytes()}
    with pytest.raises(ChecksumMismatchError) as info:
        F.fetch(_demo(scripted_server.url("/a.csv")), data_dir=tmp_path / "cache", retries=0, timeout=2.0)
    assert str(info.value).endswith(
        "; nothing was written to the cache; its bytes are those of onet/29.1/Task Categories.txt, which the package "
        "pins: the server answered with another file; check the source's URL and $EXPOSURE_URL_MAP")


# 6. a mirror's file cut short

def test_a_mirror_file_cut_short_is_said_so(tmp_path, mirror):
    folder = tmp_path / "mirror" / "onet" / "29.1"
    folder.mkdir(parents=True)
    whole = (mirror / "onet" / "29.1" / "Task Categories.txt").read_bytes()
    (folder / "Task Categories.txt").write_bytes(whole[:100])
    with pytest.raises(ChecksumMismatchError) as info:
        F.fetch("onet/29.1/Task Categories.txt", mirror=tmp_path / "mirror", data_dir=tmp_path / "cache")
    assert str(info.value).endswith(
        f"; nothing was written to the cache; it has 100 bytes of the {len(whole)} pinned, the last line "
        "unfinished: a copy cut short (an interrupted copy, rsync or download, a full disk)? copy it again")
    assert whole[99:100] not in (b"\n", b"\r")


# 7. an answer's header that cannot be read is no redirect

def test_an_answer_with_two_content_lengths_is_not_said_a_redirect(tmp_path, scripted_server):
    scripted_server.routes["/x.csv"] = {"body": BODY, "headers": {"Content-Length": "8, 9"}, "length": None}
    url = scripted_server.url("/x.csv")
    with pytest.raises(F.DownloadError) as info:
        F.download(url, tmp_path / "x.csv", retries=0, timeout=2.0)
    assert str(info.value) == (
        f"x.csv: the answer to {url} has a header that cannot be read (InvalidHeader: Content-Length contained "
        "multiple unmatching values (8, 9)): a broken server or proxy? try again later, or check the source's URL "
        "and $EXPOSURE_URL_MAP; nothing was downloaded")
    assert _tree(tmp_path) == []


# 8. an archive cut short by its Content-Length

def test_an_archive_cut_short_names_its_url(tmp_path, scripted_server, monkeypatch):
    src = layout_source(ZONES)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("db_31_0_text/Job Zones.txt", ZONES_TXT * 50)
    whole = buf.getvalue()
    scripted_server.routes["/onet/db_31_0_text.zip"] = {"body": whole, "length": len(whole) // 2}
    prefix, _ = src.archive_url.rsplit("/", 1)
    monkeypatch.setenv("EXPOSURE_URL_MAP", f"{prefix}={scripted_server.url('/onet')}")
    with pytest.raises(F.DownloadError) as info:
        F.fetch(ZONES, data_dir=tmp_path / "cache", retries=0, timeout=2.0)
    assert str(info.value) == (
        f"{ZONES}: the archive downloaded from {scripted_server.url('/onet/db_31_0_text.zip')} ({len(whole) // 2} "
        "bytes) is not a readable zip archive (File is not a zip file): cut short (a server or proxy declaring a "
        "Content-Length shorter than the file?), or not the zip? It was removed: try again later, or check the "
        "source's URL and $EXPOSURE_URL_MAP; nothing was written to the cache")
    assert not (tmp_path / "cache").exists()
