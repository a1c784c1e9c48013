"""Fault round 60: ``exposure fetch`` and :func:`exposure.fetch.fetch_many` when the cache fails.

1. A cache that cannot take one file (a full disk for one large file) stopped
   ``exposure fetch`` with the error of that file alone: nothing said which files had been
   fetched and verified before it and which were not fetched, and it named the partial
   file (``.../.Task Statements.txt.p123-host-x.tmp: No space left on device``), already
   removed when the message was read. Now the one line ends with ``stopped there: 1 file
   fetched and verified before it (...), 2 not fetched (...), nothing partial left: free
   space or make the cache writable, then fetch again`` and names the file's place in the
   cache; :class:`~exposure.fetch.CacheWriteError` carries ``fetched``, ``errors`` and
   ``not_fetched``. A download that fills the disk names the cache directory, not its
   partial file.
2. The errors of the files that failed before such a stop were lost: ``exposure fetch``
   printed only the error it stopped at. They are now printed first, and counted in the
   note (``1 failed before it (...)``).
3. A corrupt cached file that cannot be removed (a read-only cache, shared by an
   administrator) stopped ``exposure fetch`` there: the other files, verified and usable in
   place, were neither checked nor named. Its error is now the error of that file
   (``cannot remove the corrupt cached file ...; remove it (or make its directory
   writable) and fetch it again``) and the other files are checked (exit 2, ``1 of 2 files
   verified``).
4. A server that redirects to a URL that cannot be downloaded made ``download`` (and so
   ``exposure fetch``) say what is not so, or crash: a ``Location: ftp://...`` (or
   ``file:///...``) was ``'http://host/a.csv' is not a valid URL``, the URL asked being
   valid, and a ``Location`` that cannot be parsed (``http://[::1``) was a bare
   ``ValueError: Invalid IPv6 URL`` from inside requests (a traceback). Both are now
   ``DownloadError: a.csv: http://host/a.csv redirects to a URL that cannot be downloaded
   (InvalidSchema: No connection adapters were found for 'ftp://...'); check the source's
   URL and $EXPOSURE_URL_MAP; nothing was downloaded``.

The mirror read is the real one (../shared/data); the caches are small tmpfs mounts.
"""

from __future__ import annotations

import shutil

import pytest
from _http import serve
from _privileges import mount_tmpfs, remount_readonly, umount
from test_faults_cli import cli, one_error_line

from exposure import fetch as F
from exposure.errors import DownloadError

SMALL = "onet/29.1/Task Categories.txt"  # 190 bytes
LARGE = "onet/29.1/Task Statements.txt"  # 2.7 MB
AFTER = "onet/29.1/Work Values.txt"  # after LARGE in the registry's order


def partials(root):
    return [p.name for p in root.rglob("*.tmp")]


@pytest.fixture
def small_cache(open_tmp, monkeypatch):
    mnt = open_tmp / "small"
    mnt.mkdir()
    mount_tmpfs(mnt, size="256k")
    monkeypatch.setenv("EXPOSURE_HOME", str(open_tmp / "home"))
    monkeypatch.delenv("EXPOSURE_MIRROR", raising=False)
    yield mnt
    umount(mnt)


def test_fetch_stopped_by_a_full_disk_says_what_was_fetched(small_cache, shared_data, capsys):
    code, out, err = cli(capsys, "fetch", "--mirror", shared_data, "--data-dir", small_cache,
                         SMALL, LARGE, AFTER)
    line = one_error_line(err, command="fetch")
    assert code == 2 and "No space left on device" in line
    assert f"1 file fetched and verified before it ({SMALL})" in line
    assert f"2 not fetched ({LARGE}, {AFTER})" in line
    assert ".tmp" not in line and str(small_cache / LARGE) in line
    assert partials(small_cache) == [] and not (small_cache / LARGE).exists()
    assert (small_cache / SMALL).is_file()


def test_fetch_many_error_carries_what_was_fetched(small_cache, shared_data):
    with pytest.raises(F.CacheWriteError, match="stopped there") as info:
        F.fetch_many([SMALL, LARGE, AFTER], mirror=shared_data, data_dir=small_cache)
    assert list(info.value.fetched) == [SMALL]
    assert info.value.not_fetched == [LARGE, AFTER] and info.value.errors == {}


def test_download_filling_the_disk_names_the_cache_not_its_partial_file(small_cache):
    with serve() as server:
        server.routes["/big.csv"] = (200, {"Content-Type": "text/csv"}, b"a,b\n" * 200_000)
        with pytest.raises(F.CacheWriteError, match="No space left on device") as info:
            F.download(server.url + "/big.csv", small_cache / "big.csv", retries=0)
    assert ".tmp" not in str(info.value) and str(small_cache) in str(info.value)
    assert list(small_cache.iterdir()) == []


@pytest.fixture
def readonly_cache(open_tmp, shared_data, monkeypatch):
    """A read-only cache holding a corrupt Job Zones.txt and a good Task Categories.txt."""
    mnt = open_tmp / "ro"
    mnt.mkdir()
    mount_tmpfs(mnt, size="1m")
    (mnt / "onet/29.1").mkdir(parents=True)
    bad = mnt / "onet/29.1/Job Zones.txt"
    bad.write_bytes((shared_data / "onet/29.1/Job Zones.txt").read_bytes() + b"x")
    shutil.copyfile(shared_data / SMALL, mnt / SMALL)
    remount_readonly(mnt)
    monkeypatch.setenv("EXPOSURE_HOME", str(open_tmp / "home"))
    monkeypatch.delenv("EXPOSURE_MIRROR", raising=False)
    yield mnt
    umount(mnt)


def test_a_corrupt_file_of_a_readonly_cache_does_not_stop_the_others(readonly_cache, shared_data, capsys):
    code, out, err = cli(capsys, "fetch", "--mirror", shared_data, "--data-dir", readonly_cache,
                         "onet/29.1/Job Zones.txt", SMALL)
    line = one_error_line(err, command="fetch")
    assert code == 2
    assert "cannot remove the corrupt cached file" in line and "fetch it again" in line
    assert "1 of 2 files verified" in out
    assert (readonly_cache / "onet/29.1/Job Zones.txt").is_file()  # left alone


def test_errors_before_a_stop_are_printed(readonly_cache, shared_data, capsys):
    # Scales Reference.txt is not cached: the read-only cache cannot take it, and stops the
    # run; the corrupt Job Zones.txt before it is said too
    code, out, err = cli(capsys, "fetch", "--mirror", shared_data, "--data-dir", readonly_cache,
                         "onet/29.1/Job Zones.txt", "onet/29.1/Scales Reference.txt")
    lines = [ln for ln in err.splitlines() if ln.startswith("exposure fetch: error: ")]
    assert code == 2 and "Traceback" not in err and len(lines) == 2, err
    assert "cannot remove the corrupt cached file" in lines[0]
    assert "1 failed before it (onet/29.1/Job Zones.txt)" in lines[1]
    assert "1 not fetched (onet/29.1/Scales Reference.txt)" in lines[1]


@pytest.mark.parametrize("location, said", [("ftp://127.0.0.1/a.csv", "ftp://127.0.0.1/a.csv"),
                                             ("file:///etc/hostname", "file:///etc/hostname"),
                                             ("http://[::1", "Invalid IPv6 URL")])
def test_a_redirect_to_a_url_that_cannot_be_downloaded(tmp_path, location, said):
    with serve() as server:
        server.routes["/a.csv"] = (302, {"Location": location}, b"")
        url = server.url + "/a.csv"
        with pytest.raises(DownloadError) as info:
            F.download(url, tmp_path / "a.csv", retries=0)
    message = str(info.value)
    assert f"{url} redirects to a URL that cannot be downloaded" in message and said in message
    assert "is not a valid URL" not in message
    assert list(tmp_path.iterdir()) == []
