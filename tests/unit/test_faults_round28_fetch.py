"""Fault round 28: downloads into the cache, archives, release pins.

1. A redirect loop (``/a`` answering 302 to ``/a``) was retried like a network failure:
   ``failed after 4 attempts: TooManyRedirects: Exceeded 30 redirects.``, 124 requests
   and the backoff sleeps. No retry mends it: it fails at the first attempt now, saying
   the server redirects in a loop.
2. An HTML error page served with HTTP 200 and a data content type was taken for the data
   file when it did not start with ``<!DOCTYPE html`` or ``<html``: a comment before it
   (``<!-- error -->``), an XHTML page (``<?xml ...?>`` first) or one starting at
   ``<head>``/``<body>``. It was written to the cache (a new file, not pinned yet, went to
   its reader; a pinned one was a bare sha256 mismatch). Refused now as an HTML page.
3. A downloaded archive that lacks the member looked for (a table the publisher dropped,
   a wrong member name) was deleted, although it is a good zip: every other file of the
   release then downloaded the archive again. It is kept now, and the message says so.
4. A corrupt member of the publisher's zip put in the data directory by the user
   (``DIR/db_31_0_text.zip``) said ``the archive was removed, fetch again to download it
   anew``, but the user's zip is (rightly) kept and fetching again reads it again. Now the
   message names the user's copy and says to replace it.
5. The lock file pinning one O*NET release in both formats (``Task Statements.txt`` and
   ``Task Statements.xlsx`` of 31.0, from a text and an Excel recompute): with no format
   given the text files were read without a word. Now the format must be given.
6. A line of the package registry (``exposure/data/registry.tsv``, where a new release is
   pinned) with a size that is no number raised a bare ``ValueError: invalid literal for
   int()`` at ``import exposure``; a malformed sha256 named the source but not the file
   or line; a name given twice kept the last pin without a word. Now each is one line
   naming ``registry.tsv``, its row and column.

Tiny made-up files written by the tests; the HTTP server is a local one on 127.0.0.1.
"""

from __future__ import annotations

import hashlib
import io
import zipfile

import pytest

from exposure import fetch as F
from exposure import releases as R
from exposure import sources as S
from exposure.errors import DataFormatError, DownloadError, ExposureError
from exposure.sources import Source

FAST = {"retries": 2, "backoff": 0.0, "timeout": 2.0}
DATA = b"a,b\n1,2\n"
SHA = hashlib.sha256(DATA).hexdigest()


def _zip(members: dict, *, stored: bool = False) -> bytes:
    buf = io.BytesIO()
    method = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    with zipfile.ZipFile(buf, "w", method) as zf:
        for name, body in members.items():
            zf.writestr(name, body)
    return buf.getvalue()


def _files(root):
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


# 1 ------------------------------------------------------------------------------------

@pytest.mark.network
def test_a_redirect_loop_fails_at_the_first_attempt(server, tmp_path):
    server.routes["/a.csv"] = (302, {"Location": "/a.csv"}, b"")
    with pytest.raises(DownloadError, match=r"a\.csv: .*redirect.* loop") as info:
        F.download(f"{server.url}/a.csv", tmp_path / "a.csv", **FAST)
    assert "attempts" not in str(info.value)
    assert server.hits["/a.csv"] == 31  # one attempt: 30 redirects followed, not 3 x 31
    assert _files(tmp_path) == []


# 2 ------------------------------------------------------------------------------------

@pytest.mark.network
@pytest.mark.parametrize("page", [
    b"\n<!-- error 404 -->\n<html><body>Not found</body></html>\n",
    b'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0//EN">\n'
    b"<html><body>Error</body></html>",
    b"<head><title>Access denied</title></head><body>Error</body>",
    b"\xef\xbb\xbf  <BODY>Service unavailable</BODY>",
])
def test_an_html_error_page_sent_as_data_is_refused(server, tmp_path, page):
    server.routes["/a.csv"] = (200, {"Content-Type": "application/octet-stream"}, page)
    with pytest.raises(DownloadError, match=r"a\.csv: .*returned an HTML page"):
        F.download(f"{server.url}/a.csv", tmp_path / "a.csv", **FAST)
    assert _files(tmp_path) == []


@pytest.mark.network
def test_a_data_file_that_mentions_html_is_kept(server, tmp_path):
    body = b"name,note\n<html>,a tag in a cell\n"
    server.routes["/a.csv"] = (200, {"Content-Type": "text/csv"}, body)
    F.download(f"{server.url}/a.csv", tmp_path / "a.csv", **FAST)
    assert (tmp_path / "a.csv").read_bytes() == body


# 3 ------------------------------------------------------------------------------------

def _archived(url: str, name: str, member: str, body: bytes = DATA) -> Source:
    return Source(name=name, release="1", url=url, sha256=hashlib.sha256(body).hexdigest(),
                  size=len(body), licence="CC0", attribution="demo", kind="onet",
                  archive_url=url, member=member)


@pytest.mark.network
def test_an_archive_lacking_a_member_is_kept(server, tmp_path):
    server.routes["/db.zip"] = (200, {"Content-Type": "application/zip"}, _zip({"db/other.csv": DATA}))
    url = f"{server.url}/db.zip"
    store = F.DataStore(cache=tmp_path, home=tmp_path / "home", mirror=None)  # not $EXPOSURE_MIRROR
    with pytest.raises(DownloadError, match=r"has no member 'db/demo\.csv'.*kept") as info:
        F.fetch(_archived(url, "demo/demo.csv", "db/demo.csv"), store=store, **FAST)
    assert str(tmp_path / ".archives" / "db.zip") in str(info.value)
    assert (tmp_path / ".archives" / "db.zip").is_file()
    # the other file of the same archive is read from it, not downloaded again
    path = F.fetch(_archived(url, "demo/other.csv", "db/other.csv"), store=store, **FAST)
    assert path.read_bytes() == DATA
    assert server.hits["/db.zip"] == 1


# 4 ------------------------------------------------------------------------------------

def test_a_corrupt_member_of_the_users_zip_names_it_and_keeps_it(tmp_path):
    body = b"O*NET-SOC Code\tJob Zone\tDate\tDomain Source\n11-1011.00\t5\t08/2026\tAnalyst\n"
    raw = bytearray(_zip({"db_31_0_text/Job Zones.txt": body}, stored=True))
    at = bytes(raw).index(b"11-1011")
    raw[at] ^= 0x01  # a flipped byte: the member's CRC no longer matches
    cache = tmp_path / "cache"
    cache.mkdir()
    users = cache / "db_31_0_text.zip"
    users.write_bytes(bytes(raw))
    store = F.DataStore(cache=cache, home=tmp_path / "home", mirror=None,
                        url_map=(("https://www.onetcenter.org", "http://127.0.0.1:9"),))
    with pytest.raises(DownloadError, match="corrupt") as info:
        F.fetch("onet/31.0/Job Zones.txt", store=store, **FAST)
    message = str(info.value)
    assert "was removed" not in message
    assert str(users) in message and "replace" in message
    assert users.read_bytes() == bytes(raw)


# 5 ------------------------------------------------------------------------------------

def test_a_release_pinned_in_both_formats_needs_the_format(tmp_path):
    lock = R.Lock(tmp_path / "exposure.lock")
    f = tmp_path / "f"
    f.write_bytes(b"x")
    lock.pin(R.layout_source("onet/31.0/Task Statements.txt"), f)
    assert R.onet_format("31.0", lock) == "text"
    lock.pin(R.layout_source("onet/31.0/Task Statements.xlsx"), f)
    with pytest.raises(ExposureError, match=r"O\*NET 31\.0 is pinned in both formats \(text and excel\) by "
                       r"the lock file .*exposure\.lock: give the format to read \(--onet-format"):
        R.onet_format("31.0", lock)
    from exposure.onet import onet_file_names
    assert onet_file_names("31.0", "excel", lock)["tasks"] == "onet/31.0/Task Statements.xlsx"
    with pytest.raises(ExposureError, match="both"):
        onet_file_names("31.0", None, lock)


# 6 ------------------------------------------------------------------------------------

_HEAD = "# a comment\nname\tsize\tsha256\n"
_GOOD = f"onet/29.1/Job Zones.txt\t8\t{SHA}\n"


@pytest.mark.parametrize("line, match", [
    (f"onet/29.1/Task Statements.txt\t8 KB\t{SHA}\n", r"row 4, column 'size': .*whole number.*'8 KB'"),
    ("onet/29.1/Task Statements.txt\t8\tsha256:abc\n", r"row 4, column 'sha256': .*64 hexadecimal.*'sha256:abc'"),
    (f"onet/29.1/Task Statements.txt\t8 {SHA}\n", r"row 4, column 'sha256': .*fields.*tabs"),
    (f"onet/29.1/Job Zones.txt\t9\t{SHA}\n", r"row 4, column 'name': 'onet/29.1/Job Zones.txt' is pinned twice \(rows 3 and 4\)"),
])
def test_a_bad_registry_line_is_named_with_its_row_and_column(line, match):
    with pytest.raises(DataFormatError, match=r"registry\.tsv, " + match):
        S._read_pins(_HEAD + _GOOD + line)


def test_the_shipped_registry_still_reads():
    pins = S._read_pins()
    assert len(pins) == len(S.SOURCES)
    assert S._read_pins(_HEAD + _GOOD) == [("onet/29.1/Job Zones.txt", 8, SHA)]
