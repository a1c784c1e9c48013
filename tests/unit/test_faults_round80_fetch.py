"""Fault round 80 (fetch): a home under a chain of links, a mirror given at the wrong level, a keep-alive server, a size with separators.

1. A user data directory (``$EXPOSURE_HOME``, ``home=``, the platform's) under a symbolic
   link whose target is relative, or is itself a link to nothing, named only the next step:
   ``$EXPOSURE_HOME H/x: H/rel is a symbolic link to disk/.local, which does not exist
   (...)`` where ``disk/.local`` exists, a link to the drive not mounted. Now the link's
   target is said with where it leads: ``... a symbolic link to disk/.local (resolved:
   /mnt/usb), which does not exist (a drive not mounted, or the folder moved?): the user
   data directory holds your recomputes and the lock file exposure.lock; mount or restore
   the directory it points to, or set $EXPOSURE_HOME to a directory``. A loop of links
   said ``H is a loop of symbolic links: ...`` and not where the link points; now ``H is a
   loop of symbolic links (it points to home): ...; point the link at a directory, or set
   $EXPOSURE_HOME to a directory`` (the words of a mirror file's loop). Both are
   :func:`exposure.fetch._blocked_dir`'s, said of a mirror's folder and the cache's too.
2. A mirror given at the wrong level: one level too shallow (``--mirror ../shared`` for
   ``../shared/data``), or a folder of it whose files match the registry's path (``--mirror
   ../shared/data/onet/29.1`` for an O*NET file), said ``...; give its root R; fix the
   mirror or unset it to download``; a folder of it asked for a file outside that folder
   (``--mirror ../shared/data/onet`` for a crosswalk) said ``not found in mirror M
   (expected M/crosswalks/...): put the pinned file there (...), copied unchanged from
   URL, or unset the mirror ... to download it``, not the mirror to give. Now all three
   say the folder to give: ``...; M looks like the directory onet of a mirror: R has
   R/crosswalks/soc10_isco08.csv; give its root R as the mirror (--mirror,
   $EXPOSURE_MIRROR): the folder that holds each file at its registry name
   (crosswalks/soc10_isco08.csv); or unset the mirror to download`` (up to three levels
   above the mirror are looked at; the folder above a mirror as in round 57). The root
   itself is read as before.
3. A plain-HTTP server that keeps the connection open although asked to close it
   (``Connection: keep-alive`` in its answer) made each file no sha256 pins wait
   :data:`exposure.fetch.TAIL_WAIT` (1 s) past its Content-Length, some 40 s for a new
   O*NET release. Now such an answer waits :data:`exposure.fetch.TAIL_WAIT_KEPT_OPEN`
   (0.05 s): the server ends the body at its Content-Length by its own word, and bytes it
   sends past it come with the body. The tests show the behaviour kept: the file of such a
   server is accepted whole, and bytes past its Content-Length are still refused (round
   79's words); a server that closes the connection is unchanged (round 79's tests).
4. A size written with a thousands separator (``1,234``, ``1 234``: copied from a listing)
   in the lock file or the registry was refused ``size must be a whole number of bytes
   (digits 0-9), got '1,234'`` without the number to write; now ``...: write it without
   separators, 1234``.

5. ``exposure fetch`` into a cache on a read-only file system ended ``cannot write N into
   D: Read-only file system; stopped there: ..., nothing partial left: free space or make
   the cache writable, then fetch again``: no space was missing. Now the advice follows
   the cause: ``...: remount its disk read-write, or give a cache directory on a writable
   one (--data-dir / $EXPOSURE_DATA_DIR), then fetch again`` (no space left: ``free space
   on its disk (or give another cache directory: ...)``; no permission: ``make the cache
   writable (or give another: ...)``; anything else as before).

6. A file given as the mirror (``--mirror ../shared/data/README.md``, a data file of it, tab
   completion going one step too far) was said ``mirror directory 'F' (from
   --mirror/mirror=) is not a directory``, not what to give. Now ``... is not a directory (a
   file): give the mirror it lies in, ../shared/data (it holds MANIFEST.tsv)`` when a folder
   above it (up to four levels) holds a mirror's manifest, else ``...: give the directory
   that holds each file at its registry name (`exposure sources` lists them)``.

Tiny made-up files written by the tests, the real mirror (``mirror`` fixture) read in
place, a local HTTP server; nothing is downloaded from the internet.
"""

from __future__ import annotations

import hashlib
import http.server
import os
import threading
from contextlib import contextmanager

import pytest
from _privileges import mount_tmpfs, remount_readonly, umount

from exposure import fetch as F
from exposure.cli import main
from exposure.errors import DataFormatError, DownloadError, ExposureError
from exposure.sources import Source, _read_pins

pytestmark = pytest.mark.usefixtures("bare_env")

HOME_SAID = "the user data directory holds your recomputes and the lock file exposure.lock"


# 1. a home under a chain of links, or a loop

def test_a_home_under_a_link_to_a_link_to_nothing_says_where_it_leads(tmp_path, monkeypatch, capsys):
    (tmp_path / "disk").mkdir()
    (tmp_path / "disk" / ".local").symlink_to(tmp_path / "usb")  # the drive not mounted
    (tmp_path / "rel").symlink_to("disk/.local")  # relative, and itself a link
    home = tmp_path / "rel" / "exposure"
    monkeypatch.setenv("EXPOSURE_HOME", str(home))
    assert main(["sources", "--releases"]) == 2
    said = (f"$EXPOSURE_HOME {home}: {tmp_path / 'rel'} is a symbolic link to disk/.local (resolved: "
            f"{os.path.realpath(tmp_path / 'usb')}), which does not exist (a drive not mounted, or the folder moved?): "
            f"{HOME_SAID}; mount or restore the directory it points to, or set $EXPOSURE_HOME to a directory")
    assert capsys.readouterr().err == f"exposure sources: error: {said}\n"
    with pytest.raises(ExposureError) as info:
        F.DataStore(cache=tmp_path / "cache", home=home)
    assert str(info.value) == said.replace("$EXPOSURE_HOME", "home", 1)
    assert not (tmp_path / "usb").exists()


def test_a_home_under_a_link_to_nothing_written_in_full_is_said_as_before(tmp_path, monkeypatch, capsys):
    (tmp_path / "link").symlink_to(tmp_path / "usb")
    monkeypatch.setenv("EXPOSURE_HOME", str(tmp_path / "link" / "sub"))
    assert main(["sources", "--releases"]) == 2
    assert f"{tmp_path / 'link'} is a symbolic link to {tmp_path / 'usb'}, which does not exist (a drive" in \
        capsys.readouterr().err


@pytest.mark.parametrize("below", [False, True])
def test_a_home_in_a_loop_of_links_says_where_the_link_points(tmp_path, monkeypatch, capsys, below):
    link = tmp_path / "home"
    link.symlink_to("home")
    home = link / "sub" if below else link
    monkeypatch.setenv("EXPOSURE_HOME", str(home))
    assert main(["sources", "--releases"]) == 2
    where = f"{home}: {link}" if below else f"{link}"
    assert capsys.readouterr().err == (
        f"exposure sources: error: $EXPOSURE_HOME {where} is a loop of symbolic links (it points to home): "
        f"{HOME_SAID}; point the link at a directory, or set $EXPOSURE_HOME to a directory\n")


# 2. a mirror given at the wrong level (the real mirror, read in place)

CROSSWALK = "crosswalks/soc10_isco08.csv"
ONET_FILE = "onet/29.1/Task Categories.txt"


def _give(root, name: str) -> str:
    return (f"; give its root {root} as the mirror (--mirror, $EXPOSURE_MIRROR): the folder that holds each file at "
            f"its registry name ({name}); or unset the mirror to download")


def _fetch_error(capsys, tmp_path, given, name: str) -> str:
    assert main(["fetch", name, "--mirror", str(given), "--data-dir", str(tmp_path / "cache")]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return next(line for line in err.splitlines() if line.startswith("exposure fetch: error: "))


def test_a_folder_of_the_mirror_asked_for_a_file_outside_it_says_the_root_to_give(tmp_path, capsys, mirror):
    given = mirror / "onet"
    assert _fetch_error(capsys, tmp_path, given, CROSSWALK) == (
        f"exposure fetch: error: {CROSSWALK}: not found in mirror {given} (expected {given / CROSSWALK}); {given} "
        f"looks like the directory onet of a mirror: {mirror} has {mirror / CROSSWALK}{_give(mirror, CROSSWALK)}")
    assert not (tmp_path / "cache" / CROSSWALK).exists()


def test_a_release_folder_of_the_mirror_says_the_root_to_give(tmp_path, capsys, mirror):
    given = mirror / "onet" / "29.1"
    # then the places of the data directory looked at for the publisher's archive (round 76)
    said = _fetch_error(capsys, tmp_path, given, ONET_FILE)
    # round 80 (fetch2): the data directory's words before the advice
    assert said.startswith(f"exposure fetch: error: {ONET_FILE}: not found in mirror {given} (expected "
                           f"{given / ONET_FILE}); no copy of it in the data directory either (")
    assert (f"); {given} looks like the directory onet/29.1 of a mirror: give its root {mirror}"
            f"{_give(mirror, ONET_FILE).removeprefix('; give its root ' + str(mirror))}") in said


def test_the_folder_above_the_mirror_says_the_root_to_give(tmp_path, capsys, mirror):
    above = tmp_path / "shared"
    above.mkdir()
    (above / "data").symlink_to(mirror)
    root = above / "data"
    assert _fetch_error(capsys, tmp_path, above, CROSSWALK) == (
        f"exposure fetch: error: {CROSSWALK}: not found in mirror {above} (expected {above / CROSSWALK}); {above} "
        f"looks like the directory above a mirror: {root} has {root / CROSSWALK}{_give(root, CROSSWALK)}")


def test_the_mirror_given_at_its_root_is_read(tmp_path, capsys, mirror):
    assert main(["fetch", CROSSWALK, "--mirror", str(mirror), "--data-dir", str(tmp_path / "cache")]) == 0
    assert (tmp_path / "cache" / CROSSWALK).read_bytes() == (mirror / CROSSWALK).read_bytes()


def test_a_folder_of_a_made_up_mirror_two_levels_down_says_its_root(tmp_path):
    body = b"a,b\n1,2\n"
    src = Source(name="ref/x/a.csv", release="1", url="http://127.0.0.1:9/a.csv", licence="CC0",
                 attribution="made up", sha256=hashlib.sha256(body).hexdigest(), size=len(body))
    root = tmp_path / "mirror"
    (root / "ref" / "x").mkdir(parents=True)
    (root / "ref" / "x" / "a.csv").write_bytes(body)
    (root / "onet" / "29.1").mkdir(parents=True)
    given = root / "onet" / "29.1"
    with pytest.raises(DownloadError) as info:
        F.fetch(src, mirror=given, data_dir=tmp_path / "cache")
    assert str(info.value) == (
        f"ref/x/a.csv: not found in mirror {given} (expected {given / 'ref/x/a.csv'}); {given} looks like the "
        f"directory onet/29.1 of a mirror: {root} has {root / 'ref/x/a.csv'}{_give(root, 'ref/x/a.csv')}")
    assert not (tmp_path / "cache").exists() or not any((tmp_path / "cache").rglob("a.csv"))


# 3. a server that keeps the connection open (Connection: keep-alive)

BODY = b"a,b\n1,2\n"


@contextmanager
def _keep_alive_server(body: bytes, declared: int):
    """A plain HTTP/1.1 server answering every GET with ``body`` under ``Content-Length: declared``, keeping the connection open."""

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):  # quiet
            pass

        def do_GET(self):  # noqa: N802 - the http.server name
            self.send_response(200)
            self.send_header("Content-Type", "text/csv")
            self.send_header("Content-Length", str(declared))
            self.send_header("Connection", "keep-alive")
            self.end_headers()
            self.wfile.write(body)
            self.wfile.flush()
            self.close_connection = False  # the client's "Connection: close" ignored

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    httpd.block_on_close = False
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/a.csv"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_a_keep_alive_servers_file_is_accepted_whole(tmp_path):
    with _keep_alive_server(BODY, len(BODY)) as url:
        for i in range(3):
            assert F.download(url, tmp_path / f"a{i}.csv", retries=0).read_bytes() == BODY


def test_a_keep_alive_servers_bytes_past_its_content_length_are_still_refused(tmp_path):
    with _keep_alive_server(BODY, 6) as url, pytest.raises(DownloadError) as info:
        F.download(url, tmp_path / "a.csv", retries=0)
    assert "body cut short: the server sent more than the 6 bytes its Content-Length declares" in str(info.value)
    assert not list(tmp_path.iterdir())


# 4. a size written with a thousands separator

SHA = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"


@pytest.mark.parametrize("size", ["1,234", "1 234"])
def test_a_lock_file_size_with_a_separator_says_the_number_to_write(tmp_path, capsys, size):
    home = tmp_path / "home"
    home.mkdir()
    (home / "exposure.lock").write_text(
        "name\tsize\tsha256\turl\tmember\n"
        f"onet/31.0/Job Zones.txt\t{size}\t{SHA}\thttps://www.onetcenter.org/dl_files/database/db_31_0_text.zip"
        "\tdb_31_0_text/Job Zones.txt\n")
    assert main(["sources", "--releases"]) == 2
    assert capsys.readouterr().err == (
        f"exposure sources: error: {home / 'exposure.lock'}, row 2, column 'size': size must be a whole number of "
        f"bytes (digits 0-9), got {size!r}: write it without separators, 1234\n")


def test_a_registry_size_with_a_separator_says_the_number_to_write():
    with pytest.raises(DataFormatError) as info:
        _read_pins(f"name\tsize\tsha256\nx/a.csv\t152,896\t{SHA}\n")
    assert str(info.value).endswith("size must be a whole number of bytes (digits 0-9), got '152,896': write it "
                                    "without separators, 152896")
    with pytest.raises(DataFormatError) as info:  # not a number with separators: said as before
        _read_pins(f"name\tsize\tsha256\nx/a.csv\t3 B\t{SHA}\n")
    assert str(info.value).endswith("got '3 B'")


# 5. a cache on a read-only file system

def test_a_cache_on_a_read_only_file_system_is_told_to_remount_or_move(tmp_path, capsys, mirror):
    mnt = tmp_path / "ro"
    mnt.mkdir()
    mount_tmpfs(mnt)
    try:
        (mnt / "cache").mkdir()
        remount_readonly(mnt)
        assert main(["fetch", CROSSWALK, "--mirror", str(mirror), "--data-dir", str(mnt / "cache")]) == 2
        err = capsys.readouterr().err
        assert sorted(p.name for p in mnt.rglob("*")) == ["cache"]
    finally:
        umount(mnt)
    assert err == (
        f"exposure fetch: error: cannot write soc10_isco08.csv into {mnt / 'cache' / 'crosswalks'}: Read-only file "
        f"system; stopped there: no file fetched before it, 1 not fetched ({CROSSWALK}), nothing partial left: "
        "remount its disk read-write, or give a cache directory on a writable one (--data-dir / $EXPOSURE_DATA_DIR), "
        "then fetch again\n")


# 6. a file given as the mirror

@pytest.mark.parametrize("name", ["README.md", ONET_FILE])
def test_a_file_of_the_mirror_given_as_the_mirror_says_the_mirror_it_lies_in(tmp_path, capsys, mirror, name):
    given = mirror / name
    assert main(["fetch", CROSSWALK, "--mirror", str(given), "--data-dir", str(tmp_path / "cache")]) == 2
    assert capsys.readouterr().err == (
        f"exposure fetch: error: mirror directory {str(given)!r} (from --mirror/mirror=) is not a directory (a file): "
        f"give the mirror it lies in, {mirror} (it holds MANIFEST.tsv)\n")
    assert not (tmp_path / "cache").exists()


def test_a_file_outside_any_mirror_given_as_the_mirror_says_what_to_give(tmp_path, monkeypatch):
    afile = tmp_path / "notes.txt"
    afile.write_text("x")
    monkeypatch.setenv("EXPOSURE_MIRROR", str(afile))
    with pytest.raises(ExposureError) as info:
        F.resolve_mirror()
    assert str(info.value) == (f"mirror directory {str(afile)!r} (from $EXPOSURE_MIRROR) is not a directory (a "
                               "file): give the directory that holds each file at its registry name (`exposure sources` lists them)")


def test_a_full_cache_is_told_to_free_space_or_move(tmp_path, capsys, mirror):
    mnt = tmp_path / "small"
    mnt.mkdir()
    mount_tmpfs(mnt, size="256k")
    large = "onet/29.1/Task Statements.txt"  # 2.7 MB
    try:
        assert main(["fetch", large, "--mirror", str(mirror), "--data-dir", str(mnt)]) == 2
        err = capsys.readouterr().err
        assert not list(mnt.rglob("*.tmp"))
    finally:
        umount(mnt)
    assert "No space left on device; stopped there: " in err
    assert err.endswith("nothing partial left: free space on its disk (or give another cache directory: --data-dir "
                        "/ $EXPOSURE_DATA_DIR), then fetch again\n")
