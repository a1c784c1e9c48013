"""Fault round 79 (fetch): a body that trickles past its Content-Length, a stalled server, a cache in the package, a mirror's place that holds no file.

1. :func:`exposure.fetch.download` of a file no sha256 pins, from a server declaring a
   Content-Length shorter than the body it sends, saw the bytes past that end only when
   they had arrived with the rest of the body: a body that trickles in (the bytes past
   the end a moment later) kept the first Content-Length bytes as the whole file, without
   a word (``a,b\\n1,`` of ``a,b\\n1,2\\n``). Now, with the rest of the declared body in
   the client's buffer, what arrives on the connection within :data:`exposure.fetch.TAIL_WAIT`
   seconds is read too (through urllib3's public ``fileno()``; the server is asked to close
   the connection after the body, so a whole body waits no longer), and the body is
   refused as round 78 refuses one: ``a.csv: download of URL failed after 1 attempt:
   body cut short: the server sent more than the 6 bytes its Content-Length declares, and
   only those were read (...); try again later, or check the source's URL and
   $EXPOSURE_URL_MAP; nothing was written to the cache``. The count of bytes left is
   urllib3's public ``length_remaining`` (it was ``http.client``'s private ``length``);
   the bytes already in ``http.client``'s buffer are still looked at through urllib3's
   private ``_fp`` (no public interface shows them: see ``_past_declared``).
2. A server that stalled in the middle of the body (half of it sent, then nothing) was
   said ``... failed after 1 attempt: transfer interrupted (Content-Length 8):
   TimeoutError: timed out; nothing was written to the cache``: neither the bytes
   received nor the timeout, nothing on what to do; one that sent no answer at all
   ``ReadTimeout: HTTPConnectionPool(host='127.0.0.1', port=N): Read timed out. (read
   timeout=1.0)``. Now ``stalled: no byte came for 1 s (the read timeout) after 1 byte of
   the Content-Length 8 declared; a slow or stalled server (or network): try again
   later, or give a longer timeout (--timeout, timeout=); nothing was written to the
   cache`` (``stalled: no answer came for 1 s (the read timeout) after the request``). The
   timeout is one of each read: a body slower in all than the timeout, each byte within
   it, is kept.
3. A cache directory inside the installed package (``exposure fetch --data-dir
   .../site-packages/exposure``, a folder of it, or a link to it; ``data_dir=`` of
   :func:`exposure.fetch.fetch`) was written: the data files and their ``.verified``
   stamps among the package's modules. Now it is refused before anything is read or made,
   as the commands refuse an output there: ``refusing to write the download cache into D:
   it is inside the installed package P, whose own files it would replace; choose a
   directory outside it (check --data-dir / $EXPOSURE_DATA_DIR); nothing was written``
   (exit 2).
4. The mirror's place of a file holding a directory, a symbolic link to one, or a named
   pipe said ``M/demo/a.csv is a directory in the mirror, not a file; fix the mirror or
   unset it to download`` (a link to a directory was said a directory; the pipe: ``... is
   a special file in the mirror (a pipe or a device), not a file; fix the mirror ...``):
   neither the file that belongs there nor where it comes from. Now ``M/demo/a.csv is a
   directory (a symbolic link to the directory T) in the mirror, not a file: move it away
   and put the pinned file there (sha256 S, 8 bytes), copied unchanged from URL, or unset
   the mirror (--mirror, $EXPOSURE_MIRROR) to download it`` (the pipe: ``...: remove it
   and put the pinned file there ...``). A symbolic link to nothing there said ``not found
   in mirror M (expected M/demo/a.csv); it is a symbolic link to T, which does not exist;
   fix the mirror or unset it to download``; now ``...; it is a symbolic link to T, which
   does not exist (a drive not mounted, or the file moved?): mount or restore what it
   points to, or put the pinned file (sha256 S, 8 bytes) in its place; fix the mirror or
   unset it to download`` (a loop: ``it is a loop of symbolic links (it points to a.csv):
   point it at the pinned file (sha256 S, 8 bytes), or put the file in its place``).
   (Round 79, fetch3: both now end ``..., or remove the link (it) and put the pinned file
   at M/demo/a.csv (sha256 S, 8 bytes), copied unchanged from URL, or unset the mirror
   (--mirror, $EXPOSURE_MIRROR) to download it``; see test_faults_round79_fetch3.py.)
5. A mirror's file with other bytes than the pin (edited, another date of the file), copied
   or read in place (the cache being the mirror), was a bare mismatch of two digests:
   ``sha256 mismatch for demo/a.csv (read from M/demo/a.csv): expected S, got T; nothing
   was written to the cache``. Now it goes on ``; the mirror's file (8 bytes) is not the
   pinned one (edited, or another date of the file?): put the pinned file there (8 bytes),
   copied unchanged from URL, or unset the mirror (--mirror, $EXPOSURE_MIRROR) to download
   it`` (the reasons round 57 and 78 find are said first, as before).

6. A cached file whose place holds a symbolic link to nothing (a drive not mounted, the
   file moved) or a link that loops was listed by ``exposure sources`` (and
   :func:`exposure.fetch.cache_status`) as ``missing``, exit 0, while ``exposure fetch``
   refuses it (``... in the place of the cached file N: mount or restore what it points
   to, or remove it and fetch again``). Now its state is ``broken link``, counted in the
   summary: ``..., 1 a symbolic link to nothing (a drive not mounted, or the file moved?):
   mount or restore what it points to, or remove the link, then fetch``, exit 1.

7. A lock file (``exposure.lock`` in ``$EXPOSURE_HOME``) that is a symbolic link into a
   folder that does not exist (the lock kept on a drive not mounted) was pinned into: the
   folder was made, on the disk below the mount point, and the pins written there, hidden
   once the drive is mounted. Now :meth:`exposure.releases.Lock.pin` (and the pins of a
   run) refuse it, and :func:`exposure.fetch.check_lock_writable` says it before a run:
   ``L: cannot write: it is a symbolic link to T, whose folder F does not exist (a drive
   not mounted, or the folder moved?), where exposure keeps the pins of new release files:
   mount or restore the folder, or remove the link (the lock file then takes its place);
   nothing was pinned``. A link to a lock file not made yet, in a folder that exists, is
   written through as before.

8. :func:`exposure.fetch.fetch_many` (``exposure fetch``) whose server redirected one file
   to a host that cannot be reached (a dead mirror host, a closed port) marked the
   server's own host unreachable: every later file of that server failed at once, never
   asked for, with ``not downloaded from URL: HOST could not be reached for FILE earlier
   in this run (no connection could be made)`` although the server answered. Now the host
   that could not be reached (the redirect's) is the one marked; the server's later files
   are downloaded.

9. ``exposure fetch onet/031.0`` (``exposure sources``, :func:`exposure.fetch.select_fetchable`;
   ``onet/031.0/Job Zones.txt``), a release written with a leading zero, was told ``no
   file of O*NET 031.0 is pinned yet ...: `exposure recompute --onet-release 031.0 ...`
   ... downloads, validates and pins the files it reads``: advice the recompute refuses
   (``has a leading zero``). Now ``'onet/031.0': O*NET release '031.0' has a leading
   zero: write '31.0' (the name 'onet/31.0')``, exit 2.

Tiny made-up files written by the tests and a local HTTP server; nothing is downloaded
from the internet.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pytest

from exposure import fetch as F
from exposure.cli import main
from exposure.errors import ChecksumMismatchError, DownloadError, OutputError
from exposure.releases import Lock, layout_source
from exposure.sources import Source

pytestmark = pytest.mark.usefixtures("bare_env")

BODY = b"a,b\n1,2\n"
SHA = hashlib.sha256(BODY).hexdigest()
URL = "http://127.0.0.1:9/demo/a.csv"
PUT_BACK = (f"copied unchanged from {URL}, or unset the mirror (--mirror, $EXPOSURE_MIRROR) to download it")


def _tree(top: Path) -> list[str]:
    return sorted(p.relative_to(top).as_posix() for p in top.rglob("*"))


def _demo() -> Source:
    return Source(name="demo/a.csv", release="1", url=URL, sha256=SHA, size=len(BODY), licence="CC0",
                  attribution="demo")


# 1. a body that trickles in past its Content-Length

def test_an_unpinned_body_trickling_past_its_content_length_is_refused(tmp_path, scripted_server):
    scripted_server.routes["/a.csv"] = {"body": BODY, "length": 6, "trickle": 0.05}
    url = scripted_server.url("/a.csv")
    with pytest.raises(DownloadError) as info:
        F.download(url, tmp_path / "a.csv", retries=0, timeout=5.0)
    assert str(info.value) == (
        f"a.csv: download of {url} failed after 1 attempt: body cut short: the server sent more than the 6 bytes "
        "its Content-Length declares, and only those were read (a server or proxy declaring a Content-Length "
        "shorter than the file?); try again later, or check the source's URL and $EXPOSURE_URL_MAP; nothing was "
        "written to the cache")
    assert _tree(tmp_path) == []
    # a line break trickling in after a whole body is no sign of one cut short; a pinned body is judged by its digest
    scripted_server.routes["/b.csv"] = {"body": BODY + b"\r\n", "length": len(BODY), "trickle": 0.05}
    F.download(scripted_server.url("/b.csv"), tmp_path / "b.csv", retries=0, timeout=5.0)
    assert (tmp_path / "b.csv").read_bytes() == BODY
    scripted_server.routes["/c.csv"] = {"body": BODY + b"9,9\n", "length": len(BODY), "trickle": 0.05}
    F.download(scripted_server.url("/c.csv"), tmp_path / "c.csv", sha256=SHA, retries=0, timeout=5.0)
    assert (tmp_path / "c.csv").read_bytes() == BODY


def test_a_new_file_trickling_past_its_content_length_is_not_cached(tmp_path, scripted_server):
    scripted_server.routes["/a.csv"] = {"body": BODY, "length": 6, "trickle": 0.05}
    src = Source(name="demo/a.csv", release="1", url=scripted_server.url("/a.csv"), sha256="", size=0,
                 licence="CC0", attribution="demo")
    with pytest.raises(DownloadError, match="body cut short: the server sent more than the 6 bytes"):
        F.fetch(src, data_dir=tmp_path / "cache", retries=0, timeout=5.0)
    assert _tree(tmp_path) == []


# 2. a server that stalls

STALL_HINT = ("a slow or stalled server (or network): try again later, or give a longer timeout (--timeout, "
              "timeout=); nothing was written to the cache")


def test_a_server_stalling_in_the_body_is_said_with_the_bytes_received_and_the_timeout(tmp_path, scripted_server):
    scripted_server.routes["/a.csv"] = {"body": BODY, "trickle": 60}  # one byte, then a minute of nothing
    url = scripted_server.url("/a.csv")
    with pytest.raises(DownloadError) as info:
        F.download(url, tmp_path / "a.csv", retries=0, timeout=1.0)
    assert str(info.value) == (
        f"a.csv: download of {url} failed after 1 attempt: stalled: no byte came for 1 s (the read timeout) after "
        f"1 byte of the Content-Length 8 declared; {STALL_HINT}")
    assert _tree(tmp_path) == []
    # no answer at all
    scripted_server.routes["/b.csv"] = {"body": BODY, "delay": 60}
    url = scripted_server.url("/b.csv")
    with pytest.raises(DownloadError) as info:
        F.download(url, tmp_path / "b.csv", retries=0, timeout=1.0)
    assert str(info.value) == (
        f"b.csv: download of {url} failed after 1 attempt: stalled: no answer came for 1 s (the read timeout) "
        f"after the request; {STALL_HINT}")
    # the timeout is one of each read: a body slower in all than it, each byte within it, is kept
    scripted_server.routes["/c.csv"] = {"body": BODY, "trickle": 0.2}
    F.download(scripted_server.url("/c.csv"), tmp_path / "c.csv", retries=0, timeout=1.0)
    assert (tmp_path / "c.csv").read_bytes() == BODY
    assert _tree(tmp_path) == ["c.csv"]


# 3. a cache inside the installed package

@pytest.fixture
def in_package():
    """A path inside the installed package (the one imported), removed after the test if it was made."""
    path = Path(F.__file__).resolve().parent / "cache-of-test-round79"
    yield path
    if path.exists():  # the old copy wrote it
        shutil.rmtree(path)


def _refused(path, package: Path) -> str:
    return (f"refusing to write the download cache into {path}: it is inside the installed package {package}, "
            "whose own files it would replace; choose a directory outside it (check --data-dir / "
            "$EXPOSURE_DATA_DIR); nothing was written")


def test_a_cache_inside_the_installed_package_is_refused(tmp_path, in_package):
    mirror = tmp_path / "mirror"
    (mirror / "demo").mkdir(parents=True)
    (mirror / "demo" / "a.csv").write_bytes(BODY)
    package = in_package.parent
    with pytest.raises(F.CacheWriteError) as info:
        F.fetch(_demo(), mirror=mirror, data_dir=in_package)
    assert str(info.value) == _refused(in_package, package)
    assert not in_package.exists()
    (tmp_path / "pkg").symlink_to(package)  # a link to the package
    with pytest.raises(F.CacheWriteError) as info:
        F.fetch(_demo(), mirror=mirror, data_dir=tmp_path / "pkg" / "cache-of-test-round79")
    assert str(info.value) == _refused(tmp_path / "pkg" / "cache-of-test-round79", package)
    assert not in_package.exists()
    assert F.fetch(_demo(), mirror=mirror, data_dir=tmp_path / "cache").read_bytes() == BODY  # elsewhere: as before


def test_exposure_fetch_into_the_installed_package_is_refused(tmp_path, in_package, capsys):
    mirror = tmp_path / "mirror"
    (mirror / "onet" / "29.1").mkdir(parents=True)
    (mirror / "onet" / "29.1" / "Job Zones.txt").write_text("x")
    assert main(["fetch", "--mirror", str(mirror), "--data-dir", str(in_package), "onet/29.1/Job Zones.txt"]) == 2
    assert capsys.readouterr().err == f"exposure fetch: error: {_refused(in_package, in_package.parent)}\n"
    assert not in_package.exists()


# 4. the mirror's place of a file holding no file

def _mirror_with(tmp_path: Path, make) -> Path:
    mirror = tmp_path / "mirror"
    (mirror / "demo").mkdir(parents=True)
    make(mirror / "demo" / "a.csv", tmp_path)
    return mirror


PLACES = {
    "directory": (lambda p, d: p.mkdir(), "a directory", "move it away"),
    "link to a directory": (lambda p, d: ((d / "real").mkdir(), p.symlink_to(d / "real")),
                            "a symbolic link to the directory {d}/real", "move it away"),
    "named pipe": (lambda p, d: os.mkfifo(p), "a special file in the mirror (a pipe or a device)", "remove it"),
}


@pytest.mark.parametrize("kind", list(PLACES))
def test_a_mirror_place_holding_no_file_says_the_pinned_file_and_its_origin(tmp_path, kind):
    make, what, act = PLACES[kind]
    mirror = _mirror_with(tmp_path, make)
    with pytest.raises(DownloadError) as info:
        F.fetch(_demo(), mirror=mirror, data_dir=tmp_path / "cache")
    what = what.format(d=tmp_path)
    where = what if "special" in what else f"{what} in the mirror"
    assert str(info.value) == (
        f"demo/a.csv: {mirror}/demo/a.csv is {where}, not a file: {act} and put the pinned file there (sha256 {SHA}, "
        f"8 bytes), {PUT_BACK}")
    assert "cache" not in _tree(tmp_path)


def test_a_mirror_place_holding_a_link_to_nothing_says_the_pinned_file(tmp_path):
    mirror = _mirror_with(tmp_path, lambda p, d: p.symlink_to(d / "usb" / "a.csv"))
    with pytest.raises(DownloadError) as info:
        F.fetch(_demo(), mirror=mirror, data_dir=tmp_path / "cache")
    assert str(info.value) == (
        f"demo/a.csv: not found in mirror {mirror} (expected {mirror}/demo/a.csv); it is a symbolic link to "
        f"{tmp_path}/usb/a.csv, which does not exist (a drive not mounted, or the file moved?): mount or restore what "
        f"it points to, or remove the link and put the pinned file at {mirror}/demo/a.csv (sha256 {SHA}, 8 bytes), "
        f"{PUT_BACK}")  # round 79 (fetch3): it ended "... in its place; fix the mirror or unset it to download"
    (mirror / "demo" / "a.csv").unlink()
    (mirror / "demo" / "a.csv").symlink_to("a.csv")
    with pytest.raises(DownloadError) as info:
        F.fetch(_demo(), mirror=mirror, data_dir=tmp_path / "cache")
    assert str(info.value) == (
        f"demo/a.csv: not found in mirror {mirror} (expected {mirror}/demo/a.csv); it is a loop of symbolic links (it "
        f"points to a.csv): point it at the pinned file, or remove it and put the pinned file at {mirror}/demo/a.csv "
        f"(sha256 {SHA}, 8 bytes), {PUT_BACK}")  # round 79 (fetch3): it ended "...; fix the mirror or unset it ..."
    assert "cache" not in _tree(tmp_path)


# 5. a mirror's file with other bytes than the pin

@pytest.mark.parametrize("in_place", [False, True])
def test_a_mirror_file_with_other_bytes_says_what_to_do(tmp_path, in_place):
    edited = b"a,b\n1,3\n"
    mirror = _mirror_with(tmp_path, lambda p, d: p.write_bytes(edited))
    with pytest.raises(ChecksumMismatchError) as info:
        F.fetch(_demo(), mirror=mirror, data_dir=mirror if in_place else tmp_path / "cache")
    assert str(info.value) == (
        f"sha256 mismatch for demo/a.csv (read from {mirror}/demo/a.csv): expected {SHA}, got "
        f"{hashlib.sha256(edited).hexdigest()}; nothing was written to the cache; the mirror's file (8 bytes) is not "
        f"the pinned one (edited, or another date of the file?): put the pinned file there (8 bytes), {PUT_BACK}")
    assert _tree(tmp_path) == ["mirror", "mirror/demo", "mirror/demo/a.csv"]


# 6. a cached file that is a symbolic link to nothing, listed

@pytest.mark.parametrize("target", ["gone", "loop"])
def test_exposure_sources_lists_a_cached_link_to_nothing_as_a_broken_link(tmp_path, capsys, target):
    name = "onet/29.1/Job Zones.txt"
    cache = tmp_path / "cache"
    (cache / "onet" / "29.1").mkdir(parents=True)
    link = cache / name
    link.symlink_to(tmp_path / "gone" if target == "gone" else link.name)
    assert F.cache_status(name, cache) == "broken link"
    assert main(["sources", "--data-dir", str(cache), name]) == 1
    out = capsys.readouterr().out.splitlines()
    assert "  broken link  CC BY 4.0" in out[1]
    assert out[-1] == (f"1 file in {cache}: 0 verified, 0 missing, 0 with a wrong sha256, 1 a symbolic link to "
                       "nothing (a drive not mounted, or the file moved?): mount or restore what it points to, or "
                       "remove the link, then fetch")
    assert link.is_symlink()  # kept


# 7. a lock file linked into a folder that does not exist

def test_a_lock_file_linked_into_a_missing_folder_is_not_pinned_into(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    lock = home / "exposure.lock"
    lock.symlink_to(tmp_path / "usb" / "exposure.lock")
    zones = tmp_path / "zones.txt"
    zones.write_text("O*NET-SOC Code\tJob Zone\tDate\tDomain Source\r\n11-1011.00\t5\t08/2026\tAnalyst\r\n")
    said = (f"{lock}: cannot write: it is a symbolic link to {tmp_path}/usb/exposure.lock, whose folder "
            f"{tmp_path}/usb does not exist (a drive not mounted, or the folder moved?), where exposure keeps the "
            "pins of new release files: mount or restore the folder, or remove the link (the lock file then takes "
            "its place); nothing was pinned")
    with pytest.raises(OutputError) as info:
        Lock(lock).pin(layout_source("onet/31.0/Job Zones.txt"), zones)
    assert str(info.value) == said
    with pytest.raises(OutputError) as info:
        F.check_lock_writable(F.DataStore(cache=tmp_path / "cache", home=home))
    assert str(info.value) == said
    assert not (tmp_path / "usb").exists() and lock.is_symlink()
    (tmp_path / "usb").mkdir()  # mounted: written through, as before
    Lock(lock).pin(layout_source("onet/31.0/Job Zones.txt"), zones)
    assert lock.is_symlink() and "onet/31.0/Job Zones.txt" in Lock(lock).entries()


# 8. a redirect to a host that cannot be reached

def test_a_redirect_to_a_dead_host_does_not_mark_the_servers_host_unreachable(tmp_path, scripted_server, monkeypatch):
    prefix = "https://raw.githubusercontent.com/gianluigilopardo/AnthropicEconomicIndex/b2181087"
    monkeypatch.setenv("EXPOSURE_URL_MAP", f"{prefix}={scripted_server.url('')}")
    scripted_server.routes["/SOC_Structure.csv"] = {"status": 302,
                                                   "headers": {"Location": "http://127.0.0.1:9/SOC_Structure.csv"}}
    scripted_server.routes["/automation_vs_augmentation.csv"] = {"status": 404, "body": b"no"}
    first, second = ("reference/anthropic_economic_index/SOC_Structure.csv",
                     "reference/anthropic_economic_index/automation_vs_augmentation.csv")
    fetched, errors = F.fetch_many([first, second], data_dir=tmp_path / "cache", retries=0, timeout=2.0)
    assert fetched == {} and sorted(errors) == [first, second]
    assert "ConnectionError" in str(errors[first])
    assert scripted_server.hits.get("/automation_vs_augmentation.csv") == 1  # asked for: its server answers
    assert str(errors[second]).startswith(f"{second}: HTTP 404 Not Found from {scripted_server.url('')}/automation")


# 9. a release written with a leading zero

@pytest.mark.parametrize("name, written", [("onet/031.0", "onet/31.0"),
                                           ("onet/031.0/Job Zones.txt", "onet/31.0/Job Zones.txt")])
def test_a_release_with_a_leading_zero_is_told_how_to_write_it(tmp_path, capsys, name, written):
    assert main(["fetch", "--data-dir", str(tmp_path / "cache"), name]) == 2
    assert capsys.readouterr().err == (f"exposure fetch: error: {name!r}: O*NET release '031.0' has a leading zero: "
                                       f"write '31.0' (the name {written!r})\n")
    assert _tree(tmp_path) == []
