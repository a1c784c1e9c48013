"""Fault round 78 (fetch2): a body cut short by its Content-Length, a server's error document kept as data.

1. :func:`exposure.fetch.download` of a file no sha256 pins (a new release's file, an
   archive's member read by :func:`~exposure.fetch.fetch`) from a server declaring a
   Content-Length shorter than the body it sends kept the first Content-Length bytes as
   the whole file, without a word (``a,b\\n1,`` of ``a,b\\n1,2\\n``). Now the bytes the
   server sent past that end, when they have arrived, are seen (never read) and the body
   is refused, nothing kept: ``a.csv: download of URL failed after 1 attempt: body cut
   short: the server sent more than the 6 bytes its Content-Length declares, and only
   those were read (a server or proxy declaring a Content-Length shorter than the
   file?); try again later, or check the source's URL and $EXPOSURE_URL_MAP; nothing was
   written to the cache``. A pinned download is judged by its digest, as before; a zip
   cut short is refused by its reader (fetch says so, naming its URL); a line break a
   server sends after the body is no sign of one cut short.
2. A body shorter than its Content-Length (the connection closed before the end) was
   said in urllib3's words, twice: ``truncated body (Content-Length 10): ProtocolError:
   ('Connection broken: IncompleteRead(8 bytes read, 2 more expected)',
   IncompleteRead(8 bytes read, 2 more expected))``, and nothing on what to do; now
   ``truncated body: received 8 bytes of the Content-Length 10 declared (the connection
   was closed before the end); try again later, or check the source's URL
   and $EXPOSURE_URL_MAP; nothing was written to the cache``.
3. HTTP 200 with an XML or JSON document in place of a data file (``.csv``, ``.tsv``,
   ``.txt``, ``.xlsx``, ``.xls``, ``.zip``): a storage service's error (S3's ``<?xml
   ...?><Error><Code>AccessDenied</Code>``, ``{"error": ...}``) was kept as the data file
   by a download no sha256 pins (only an HTML page was refused); now ``a.csv: URL
   returned an XML document (Content-Type application/xml, error code AccessDenied)
   instead of the data file: the server's answer to an error (access denied, no such
   file?); check the source's URL and $EXPOSURE_URL_MAP; nothing was written to the
   cache`` (``(body starts with b'<Error><Code>No', error code NoSuchKey)`` when its
   Content-Type does not say it; ``a JSON document (Content-Type application/json)``).
   A download to a ``.xml`` or ``.json`` path keeps it.

Tiny made-up bodies served by a local HTTP server; nothing is downloaded from the internet.
"""

from __future__ import annotations

import io
import zipfile

import pytest
from _trees import tree as _tree

from exposure import fetch as F
from exposure.releases import layout_source
from exposure.sources import Source

pytestmark = pytest.mark.usefixtures("bare_env")

BODY = b"a,b\n1,2\n"
FAST = {"retries": 0, "timeout": 2.0}
S3 = (b'<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code><Message>Access Denied'
      b"</Message></Error>")


# 1. a Content-Length shorter than the body sent

def test_an_unpinned_body_cut_short_by_its_content_length_is_refused(tmp_path, scripted_server):
    scripted_server.routes["/a.csv"] = {"body": BODY, "length": 6}
    url = scripted_server.url("/a.csv")
    with pytest.raises(F.DownloadError) as info:
        F.download(url, tmp_path / "a.csv", **FAST)
    assert str(info.value) == (
        f"a.csv: download of {url} failed after 1 attempt: body cut short: the server sent more than the 6 bytes "
        "its Content-Length declares, and only those were read (a server or proxy declaring a Content-Length "
        "shorter than the file?); try again later, or check the source's URL and $EXPOSURE_URL_MAP; nothing was "
        "written to the cache")
    big = b"".join(b"%06d,a row of text\n" % i for i in range(20000))  # read in pieces: the end is looked past
    scripted_server.routes["/b.csv"] = {"body": big, "length": len(big) - 100}
    with pytest.raises(F.DownloadError, match=f"the server sent more than the {len(big) - 100:,} bytes"):
        F.download(scripted_server.url("/b.csv"), tmp_path / "b.csv", **FAST)
    assert _tree(tmp_path) == []


def test_a_new_file_cut_short_by_its_content_length_is_not_cached(tmp_path, scripted_server):
    scripted_server.routes["/a.csv"] = {"body": BODY, "length": 6}
    src = Source(name="demo/a.csv", release="1", url=scripted_server.url("/a.csv"), sha256="", size=0,
                 licence="CC0", attribution="demo")
    with pytest.raises(F.DownloadError, match="body cut short: the server sent more than the 6 bytes"):
        F.fetch(src, data_dir=tmp_path / "cache", **FAST)
    assert _tree(tmp_path) == []


def test_a_retry_that_gets_the_whole_body_keeps_it(tmp_path, scripted_server):
    scripted_server.routes["/a.csv"] = [{"body": BODY, "length": 6}, {"body": BODY}]
    F.download(scripted_server.url("/a.csv"), tmp_path / "a.csv", retries=1, backoff=0.01, timeout=2.0)
    assert (tmp_path / "a.csv").read_bytes() == BODY


def test_a_body_of_its_content_length_is_kept_and_an_archive_cut_short_is_said_by_its_reader(
        tmp_path, scripted_server, monkeypatch):
    scripted_server.routes["/a.csv"] = {"body": BODY, "length": 6}
    with pytest.raises(F.DownloadError, match="body cut short"):
        F.download(scripted_server.url("/a.csv"), tmp_path / "a.csv", **FAST)
    scripted_server.routes["/b.csv"] = {"body": BODY}
    scripted_server.routes["/c.csv"] = {"body": BODY, "length": None}  # no Content-Length: read to the end
    scripted_server.routes["/d.csv"] = {"body": BODY + b"\r\n", "length": len(BODY)}  # a server's line break after
    for name in ("b.csv", "c.csv", "d.csv"):
        F.download(scripted_server.url("/" + name), tmp_path / name, **FAST)
        assert (tmp_path / name).read_bytes() == BODY
    src = layout_source("onet/31.0/Job Zones.txt")  # a zip cut short: its reader says so, naming its URL
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("db_31_0_text/Job Zones.txt", "O*NET-SOC Code\tJob Zone\r\n" * 40)
    whole = buf.getvalue()
    scripted_server.routes["/onet/db_31_0_text.zip"] = {"body": whole, "length": len(whole) - 10}
    monkeypatch.setenv("EXPOSURE_URL_MAP", f"{src.archive_url.rsplit('/', 1)[0]}={scripted_server.url('/onet')}")
    with pytest.raises(F.DownloadError, match="is not a readable zip archive"):
        F.fetch(src.name, data_dir=tmp_path / "cache", **FAST)


# 2. a body shorter than its Content-Length

def test_a_body_shorter_than_its_content_length_says_both_sizes(tmp_path, scripted_server):
    scripted_server.routes["/a.csv"] = {"body": BODY, "length": 10}
    url = scripted_server.url("/a.csv")
    with pytest.raises(F.DownloadError) as info:
        F.download(url, tmp_path / "a.csv", **FAST)
    assert str(info.value) == (
        f"a.csv: download of {url} failed after 1 attempt: truncated body: received 8 bytes of the Content-Length "
        "10 declared (the connection was closed before the end); try again later, or check the source's URL and "
        "$EXPOSURE_URL_MAP; nothing was written to the cache")
    assert _tree(tmp_path) == []


# 3. a server's error document in a data file's place

@pytest.mark.parametrize("name, ctype, body, said", [
    ("a.csv", "application/xml", S3, "an XML document (Content-Type application/xml, error code AccessDenied)"),
    ("a.txt", "application/octet-stream", b"<Error><Code>NoSuchKey</Code></Error>",
     "an XML document (body starts with b'<Error><Code>No', error code NoSuchKey)"),
    ("a.xlsx", "text/xml; charset=utf-8", b"<?xml version='1.0'?><Error/>", "an XML document (Content-Type text/xml)"),
    ("a.zip", "application/problem+json", b'{"error": "no such object"}',
     "a JSON document (Content-Type application/problem+json)"),
    ("a.csv", "application/json", b'{"error": "not found"}', "a JSON document (Content-Type application/json)"),
])
def test_an_error_document_in_a_data_files_place_is_refused(tmp_path, scripted_server, name, ctype, body, said):
    scripted_server.routes["/" + name] = {"body": body, "headers": {"Content-Type": ctype}}
    url = scripted_server.url("/" + name)
    with pytest.raises(F.DownloadError) as info:
        F.download(url, tmp_path / name, **FAST)
    assert str(info.value) == (
        f"{name}: {url} returned {said} instead of the data file: the server's answer to an error (access denied, "
        "no such file?); check the source's URL and $EXPOSURE_URL_MAP; nothing was written to the cache")
    assert _tree(tmp_path) == []


def test_a_document_is_kept_where_one_is_asked_for(tmp_path, scripted_server):
    scripted_server.routes["/a"] = {"body": S3, "headers": {"Content-Type": "application/xml"}}
    with pytest.raises(F.DownloadError, match="returned an XML document"):
        F.download(scripted_server.url("/a"), tmp_path / "a.csv", **FAST)
    for name in ("a.xml", "a.json"):
        F.download(scripted_server.url("/a"), tmp_path / name, **FAST)
        assert (tmp_path / name).read_bytes() == S3
    body = b"name,note\n<Error>,a tag in a cell\n"
    scripted_server.routes["/b.csv"] = {"body": body, "headers": {"Content-Type": "text/csv"}}
    F.download(scripted_server.url("/b.csv"), tmp_path / "b.csv", **FAST)
    assert (tmp_path / "b.csv").read_bytes() == body
