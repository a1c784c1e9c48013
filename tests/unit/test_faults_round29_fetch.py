"""Fault round 29: downloads into the cache, release pins, ``exposure recompute`` around them.

1. A file written into the cache (a download, a copy from the mirror, a member extracted
   from an archive) was renamed into place without being flushed to the disk first, nor
   its directory after, while :func:`exposure._io.atomic_path` does both since round 28:
   a power cut just after the rename could leave an empty or partial file under the
   cached name. The cache's renames now flush the file before and the directory after
   (with ``_io``'s own helpers).
2. The HTML-error-page check looked at the first 512 bytes of the body only: a page with a
   long leading comment (a proxy's banner) or 512 blank bytes before ``<html>`` was taken
   for the data file and written to the cache. The check now follows the body as it
   streams in (blanks and comments skipped without being kept), so it is read once.
3. A release pinned only in part in Excel by the lock file (an Excel recompute that failed
   after ``Task Statements.xlsx`` was pinned) made every later run with no format read
   the Excel files, without a word: the lock chose the format from ``Task Statements``
   alone. Now the lock chooses a format only for a release it pins completely in it (a
   whole text release with a few Excel pins beside it reads the text files; it was "pinned
   in both formats"); a release pinned only in part in Excel asks for the format, saying
   what is pinned. A release the package pins keeps the package's format whatever a lock
   line edited by hand says.
4. ``exposure recompute --data-dir FILE`` (a cache directory that is a file) failed in the
   fetch stage naming an O*NET file that had nothing to do with it (``stage 'fetch' failed
   (onet/29.1/Occupation Data.txt): cache directory afile exists and is not a
   directory``); it names the cache directory now.

Tiny made-up files written by the tests; the HTTP server is a local one on 127.0.0.1.
"""

from __future__ import annotations

import hashlib
import io
import zipfile

import pytest
from _spies import assert_flushed, record_fsync

from exposure import fetch as F
from exposure import releases as R
from exposure.errors import DataFormatError, DownloadError, ExposureError
from exposure.sources import Source

FAST = {"retries": 0, "backoff": 0.0, "timeout": 2.0}
DATA = b"a,b\n1,2\n"
SHA = hashlib.sha256(DATA).hexdigest()


def _files(root):
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def _source(name="demo/a.csv", url="https://example.org/a.csv", **kw) -> Source:
    return Source(name=name, release="1", url=url, sha256=SHA, size=len(DATA), licence="CC0",
                  attribution="demo", **kw)


# 1 ------------------------------------------------------------------------------------

def test_a_file_copied_from_the_mirror_is_flushed_before_its_rename(tmp_path, monkeypatch):
    mirror = tmp_path / "mirror"
    (mirror / "demo").mkdir(parents=True)
    (mirror / "demo" / "a.csv").write_bytes(DATA)
    events = record_fsync(monkeypatch)
    path = F.fetch(_source(), mirror=mirror, data_dir=tmp_path / "cache")
    assert path.read_bytes() == DATA
    assert_flushed(events, path)


@pytest.mark.network
def test_a_downloaded_file_is_flushed_before_its_rename(server, tmp_path, monkeypatch):
    server.routes["/a.csv"] = (200, {"Content-Type": "text/csv"}, DATA)
    events = record_fsync(monkeypatch)
    path = F.download(f"{server.url}/a.csv", tmp_path / "a.csv", sha256=SHA, **FAST)
    assert_flushed(events, path)


def test_an_extracted_member_is_flushed_before_its_rename(tmp_path, monkeypatch):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("db/a.csv", DATA)
    archive = tmp_path / "db.zip"
    archive.write_bytes(buf.getvalue())
    events = record_fsync(monkeypatch)
    [path] = F.extract_zip(archive, tmp_path / "out")
    assert_flushed(events, path)


# 2 ------------------------------------------------------------------------------------

@pytest.mark.network
@pytest.mark.parametrize("page", [
    b"<!-- " + b"proxy banner " * 80 + b"-->\n<html><body>Access denied</body></html>\n",
    b" " * 600 + b"\n<!DOCTYPE html><html><body>Not found</body></html>",
    b"\n" * 400 + b"<!-- a -->" * 40 + b"\n<HEAD><title>Error</title></HEAD>",
    b"\xef\xbb\xbf" + b"\r\n" * 2000 + b"<body>Service unavailable</body>",
])
def test_an_html_page_after_a_long_comment_or_blanks_is_refused(server, tmp_path, page):
    server.routes["/a.csv"] = (200, {"Content-Type": "application/octet-stream"}, page)
    with pytest.raises(DownloadError, match=r"a\.csv: .*returned an HTML page"):
        F.download(f"{server.url}/a.csv", tmp_path / "a.csv", **FAST)
    assert _files(tmp_path) == []


@pytest.mark.network
@pytest.mark.parametrize("body", [
    b" " * 600 + b"name,note\n<html>,a tag in a cell\n",
    b"<!-- " + b"x" * 1000 + b" -->\nname,note\na,b\n",
    b"name,note\n" + b"a,b\n" * 300 + b"<html>,late\n",
])
def test_a_data_file_after_blanks_or_a_comment_is_kept(server, tmp_path, body):
    server.routes["/a.csv"] = (200, {"Content-Type": "text/csv"}, body)
    F.download(f"{server.url}/a.csv", tmp_path / "a.csv", **FAST)
    assert (tmp_path / "a.csv").read_bytes() == body


@pytest.mark.parametrize("pieces, html", [
    ([b"<!-", b"- x --", b">  <ht", b"ml>"], True),
    ([b"\xef", b"\xbb\xbf<", b"!DOCTYPE", b" html>"], True),
    ([b"<?xml version='1.0'", b"?>\n<!-- c -->", b"<html>"], True),
    ([b"  ", b"  "], False),
    ([b"<!--", b" never closed"], False),
    ([b"<", b"h", b"tml"], False),  # no end of the tag: ``<htmlx`` is no HTML page
    ([b"<", b"h", b"tml/"], True),
    ([b"a,b\n", b"<html>"], False),
])
def test_the_html_check_follows_the_body_across_reads(pieces, html):
    sniff = F._HtmlStart()
    for piece in pieces:
        sniff.feed(piece)
    assert sniff.finish() is html
    assert F._looks_like_html(b"".join(pieces)) is html


def test_the_html_check_keeps_no_long_prefix():
    sniff = F._HtmlStart()
    for _ in range(200):
        sniff.feed(b" " * 4096)
    sniff.feed(b"<!-- ")
    for _ in range(200):
        sniff.feed(b"c" * 4096)
    assert len(sniff.pending) < 64  # blanks and comments are dropped as they come
    sniff.feed(b"--><html>")
    assert sniff.finish() is True


# 3 ------------------------------------------------------------------------------------

def _pin(lock, tmp_path, release, fmt, bases):
    f = tmp_path / "f"
    f.write_bytes(b"x")
    for base in bases:
        lock.pin(R.layout_source(R.onet_name(release, base, fmt)), f)


def test_a_release_pinned_only_in_part_in_excel_asks_for_the_format(tmp_path):
    lock = R.Lock(tmp_path / "exposure.lock")
    _pin(lock, tmp_path, "31.0", "excel", ["Occupation Data", "Task Statements"])
    with pytest.raises(ExposureError, match=r"^O\*NET 31\.0 is pinned only in part in excel format by the "
                       r"lock file .*exposure\.lock \(2 of 8 files: Occupation Data, Task Statements\b.*\): "
                       r"give the format to read \(--onet-format excel"):
        R.onet_format("31.0", lock)
    from exposure.onet import onet_file_names
    assert onet_file_names("31.0", "text", lock)["tasks"] == "onet/31.0/Task Statements.txt"
    with pytest.raises(ExposureError, match="only in part"):
        onet_file_names("31.0", None, lock)


def test_a_release_pinned_in_part_in_excel_is_not_read_in_excel_by_recompute(tmp_path):
    from exposure.pipeline import RecomputeInputs
    store = F.DataStore(cache=tmp_path / "cache", home=tmp_path / "home", mirror=None)
    _pin(store.lock, tmp_path, "31.0", "excel", ["Occupation Data", "Task Statements"])
    with pytest.raises(ExposureError, match=r"only in part in excel format.*--onet-format"):
        RecomputeInputs(onet_release="31.0", oews_release="2026", store=store).files  # noqa: B018
    files = RecomputeInputs(onet_release="31.0", oews_release="2026", store=store, onet_format="text").files
    assert "onet/31.0/Task Statements.txt" in files


def test_a_whole_release_chooses_its_format(tmp_path):
    lock = R.Lock(tmp_path / "exposure.lock")
    _pin(lock, tmp_path, "31.0", "excel", R.ONET_FILES)
    assert R.onet_format("31.0", lock) == "excel"
    # a whole text release beside a few Excel pins of a run that stopped: the text files
    _pin(lock, tmp_path, "32.0", "text", R.ONET_FILES)
    _pin(lock, tmp_path, "32.0", "excel", ["Occupation Data", "Task Statements"])
    assert R.onet_format("32.0", lock) == "text"
    # a release pinned only in part in text reads text, as one pinned nowhere
    _pin(lock, tmp_path, "33.0", "text", ["Occupation Data"])
    assert R.onet_format("33.0", lock) == "text"
    assert R.onet_format("34.0", lock) == "text"


def test_a_lock_line_of_a_package_release_does_not_change_its_format(tmp_path):
    lock = R.Lock(tmp_path / "exposure.lock")
    lock.path.write_text("name\tsize\tsha256\turl\tmember\n"
                         f"onet/30.1/Task Statements.txt\t8\t{SHA}\t\t\n")
    assert R.onet_format("30.1", lock) == "excel"
    assert R.onet_format("29.1", lock) == "text"


# 4 ------------------------------------------------------------------------------------

def test_recompute_with_a_cache_that_is_a_file_names_the_cache(tmp_path):
    from exposure.pipeline import StageError, recompute
    cache = tmp_path / "afile"
    cache.write_text("x")
    mirror = tmp_path / "mirror"
    mirror.mkdir()
    with pytest.raises(StageError) as info:
        recompute(mirror=mirror, data_dir=cache, out=tmp_path / "out", progress=False)
    message = str(info.value)
    assert "cache directory" in message and str(cache) in message
    assert "Occupation Data" not in message
    assert not (tmp_path / "out").exists()


# 5 ------------------------------------------------------------------------------------

def test_a_lock_line_that_pins_a_package_file_otherwise_is_refused(tmp_path):
    from exposure.sources import SOURCES
    name = "onet/29.1/Job Zones.txt"
    lock = R.Lock(tmp_path / "exposure.lock")
    head = "# edited by hand\nname\tsize\tsha256\turl\tmember\n"
    lock.path.write_text(head + f"{name}\t5\t{'0' * 64}\thttps://example.org/jz.txt\t\n")
    with pytest.raises(DataFormatError, match=r"exposure\.lock, row 3, column 'sha256': 'onet/29\.1/Job "
                       r"Zones\.txt' is pinned by the package .*delete it"):
        R.releases_frame(lock)
    # the package's own pin, repeated, is no harm
    pkg = SOURCES[name]
    lock.path.write_text(head + f"{name}\t{pkg.size}\t{pkg.sha256.upper()}\t{pkg.download_url}\t\n")
    assert name in lock.entries()
