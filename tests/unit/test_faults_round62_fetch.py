"""Fault round 62: downloads, digests and the cache directory of :mod:`exposure.fetch`.

1. A server answer that is not the file was saved as the file: a redirect that requests
   does not follow (``301 Moved Permanently`` or ``302`` without a ``Location``, ``300
   Multiple Choices``) and a part of the file (``206 Partial Content``, a proxy or cache
   serving a range). ``download`` returned the path of a file holding the redirect's
   page; :func:`~exposure.fetch.fetch_table` of a file not pinned yet read it and pinned
   it in the lock file; ``exposure fetch`` of a pinned file said ``sha256 mismatch ...
   expected ..., got ...``, as if the publisher had changed the file. Now a
   ``DownloadError``: ``a.csv: http://.../a.csv answered HTTP 301 Moved Permanently: a
   redirect without a Location to follow, not the file; check the source's URL and
   $EXPOSURE_URL_MAP; nothing was written to the cache`` (``... HTTP 206 Partial Content:
   a part of the file, not the whole file asked for ...``), nothing written or pinned.
2. ``verify(path, sha256)`` and ``download(url, dest, sha256=...)`` compared the digest as
   written: one read from a file with its line end (``Path("a.csv.sha256").read_text()``)
   or pasted with spaces was a ``sha256 mismatch`` naming the same digest twice, over two
   lines (the good download deleted); one that is no sha256 (``sha256:...``, a SHA-1)
   was found only after the whole file was read or downloaded. The digest is now read as
   a :class:`~exposure.sources.Source` reads it (lower case, no surrounding white
   space, one helper for both), and one that is not 64 hexadecimal digits is refused
   before anything is read or requested: ``sha256 must be 64 hexadecimal digits, got
   'sha256:ba78...'``.
3. ``download(..., max_bytes=...)`` took any value: ``"100"`` was a ``TypeError`` from
   inside, ``float("nan")`` set no limit at all (an endless body was read), ``2.5`` a
   ``ValueError: Unknown format code 'd'``, ``0`` or ``-5`` refused every body as "more
   than the 0 bytes expected". Now refused before any request: ``max_bytes must be a whole
   number of 1 or more, got str '100'``.
4. ``extract_zip`` of a zip with a corrupt member (a bad CRC-32), an encrypted one or one
   compressed by a method :mod:`zipfile` cannot read raised the bare
   ``zipfile.BadZipFile`` (``RuntimeError``, ``NotImplementedError``), and the members
   before it stayed extracted, over the files that were there: half an extraction. Now
   ``DataFormatError: a.zip: zip member 'db/b.txt' cannot be read (Bad CRC-32 ...);
   nothing was extracted``, and nothing is: the members are written as one set
   (:func:`exposure._io.atomic_paths`).
5. ``--data-dir`` (``data_dir=``) with a line end or surrounding spaces (``--data-dir
   "$DIR"`` of a value read from a ``.env`` file saved with CRLF) made a new cache beside
   the real one: ``exposure fetch`` fetched every file into ``c\\r`` and said ``1 of 1
   file verified in c`` (the line end unseen), ``exposure sources --data-dir "c "`` listed
   the cached files as ``missing``. Now refused, as ``$EXPOSURE_DATA_DIR`` is:
   ``--data-dir/data_dir= 'c\\r' has surrounding spaces (or a line end): remove them ('c\\r'
   and 'c' are different directories)``, exit 2, nothing made. A directory really named
   so is still used.
"""

from __future__ import annotations

import hashlib
import io
import zipfile

import pytest
from _http import serve
from test_faults_cli import cli, one_error_line

from exposure import fetch as F
from exposure.errors import DataFormatError, DownloadError, ExposureError
from exposure.sources import Source

BODY = b"a,b\n1,2\n"
SHA = hashlib.sha256(BODY).hexdigest()


# ------------------------------------------------------------------ 1. answers that are not the file
@pytest.mark.parametrize("status, headers, said", [
    (301, {}, "HTTP 301 Moved Permanently: a redirect without a Location to follow"),
    (302, {}, "HTTP 302 Found: a redirect without a Location to follow"),
    (300, {"Location": "/b.csv"}, "HTTP 300 Multiple Choices: a redirect without a Location to follow"),
    (206, {"Content-Range": "bytes 0-3/8"}, "HTTP 206 Partial Content: a part of the file"),
])
def test_an_answer_that_is_not_the_file_is_not_saved_as_it(tmp_path, status, headers, said):
    with serve() as server:
        server.routes["/a.csv"] = (status, headers, b"<p>Moved</p>" if status != 206 else BODY[:4])
        with pytest.raises(DownloadError) as info:
            F.download(server.url + "/a.csv", tmp_path / "a.csv", retries=0)
    message = str(info.value)
    assert message.startswith(f"a.csv: {server.url}/a.csv answered {said}") and "\n" not in message
    assert "nothing was written" in message
    assert list(tmp_path.iterdir()) == []


def test_a_redirect_without_location_is_not_read_nor_pinned_as_a_new_file(tmp_path):
    with serve() as server:
        server.routes["/a.csv"] = (301, {}, b"Moved\n")
        src = Source(name="demo/a.csv", release="1", url=server.url + "/a.csv", sha256="", size=0,
                     licence="CC0", attribution="made up")
        store = F.DataStore(cache=tmp_path / "cache", home=tmp_path / "home")
        with pytest.raises(DownloadError, match="HTTP 301 Moved Permanently"):
            F.fetch_table(src, lambda p: p.read_bytes(), store=store, retries=0)
    assert not store.lock_path.exists()  # before: b"Moved\n" returned and pinned
    assert not (tmp_path / "cache" / "demo" / "a.csv").exists()


def test_fetch_of_a_pinned_file_says_the_redirect_not_a_mismatch(tmp_path, capsys, monkeypatch):
    name = "crosswalks/2019_Occupations.xlsx"
    with serve() as server:
        server.routes["/taxonomy/2019/list/2019_Occupations.xlsx"] = (301, {}, b"<p>Moved</p>")
        monkeypatch.setenv("EXPOSURE_URL_MAP", f"https://www.onetcenter.org={server.url}")
        monkeypatch.setenv("EXPOSURE_HOME", str(tmp_path / "home"))
        monkeypatch.delenv("EXPOSURE_MIRROR", raising=False)
        code, out, err = cli(capsys, "fetch", "--data-dir", tmp_path / "c", "--retries", "0", name)
    line = one_error_line(err, command="fetch")
    assert code == 2 and line.startswith(f"exposure fetch: error: {name}: ")
    assert "answered HTTP 301 Moved Permanently" in line and "sha256 mismatch" not in line
    assert not (tmp_path / "c" / name).exists()


# ------------------------------------------------------------------ 2. the sha256 of verify / download
@pytest.mark.parametrize("written", [SHA + "\n", " " + SHA, SHA.upper() + "\r\n", "\t" + SHA + " "])
def test_verify_reads_a_digest_with_its_line_end_or_spaces(tmp_path, written):
    path = tmp_path / "a.csv"
    path.write_bytes(BODY)
    assert F.verify(path, written) == path  # before: "sha256 mismatch ... expected <SHA>\n, got <SHA>"


@pytest.mark.parametrize("written", ["sha256:" + SHA, SHA[:40], f"{SHA}  a.csv\n", ""])
def test_verify_refuses_what_is_no_sha256_before_reading(tmp_path, written):
    path = tmp_path / "a.csv"
    path.write_bytes(BODY)
    with pytest.raises(DataFormatError) as info:
        F.verify(path, written)
    assert str(info.value) == f"sha256 must be 64 hexadecimal digits, got {written!r}"


def test_download_keeps_a_good_file_whose_digest_has_a_line_end(tmp_path):
    with serve() as server:
        server.routes["/a.csv"] = (200, {}, BODY)
        path = F.download(server.url + "/a.csv", tmp_path / "a.csv", sha256=SHA + "\r\n", retries=0)
    assert path.read_bytes() == BODY  # before: ChecksumMismatchError, the download deleted


def test_download_refuses_what_is_no_sha256_before_any_request(tmp_path):
    with serve() as server:
        server.routes["/a.csv"] = (200, {}, BODY)
        with pytest.raises(DataFormatError, match="^sha256 must be 64 hexadecimal digits, got 'sha256:"):
            F.download(server.url + "/a.csv", tmp_path / "a.csv", sha256="sha256:" + SHA, retries=0)
        assert server.hits == {}  # before: downloaded, then a mismatch
    assert list(tmp_path.iterdir()) == []


# ------------------------------------------------------------------ 3. max_bytes of download
@pytest.mark.parametrize("max_bytes, shown", [("100", "str '100'"), (float("nan"), "float nan"),
                                              (2.5, "float 2.5"), (0, "int 0"), (-5, "int -5"),
                                              (True, "bool True")])
def test_download_refuses_a_max_bytes_that_is_no_size(tmp_path, max_bytes, shown):
    with serve() as server:
        server.routes["/a.csv"] = (200, {}, BODY)
        with pytest.raises(DataFormatError) as info:
            F.download(server.url + "/a.csv", tmp_path / "a.csv", max_bytes=max_bytes, retries=0)
        assert server.hits == {}
    assert str(info.value) == f"max_bytes must be a whole number of 1 or more, got {shown}"
    assert list(tmp_path.iterdir()) == []


# ------------------------------------------------------------------ 4. extract_zip of a corrupt member
def _zip_with_corrupt_second_member() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as zf:
        zf.writestr("db/a.txt", "new a\n")
        zf.writestr("db/b.txt", "new b\n")
    data = bytearray(buf.getvalue())
    data[data.find(b"new b")] = ord("N")  # the CRC-32 no longer matches
    return bytes(data)


def test_extract_zip_of_a_corrupt_member_extracts_nothing(tmp_path):
    archive = tmp_path / "a.zip"
    archive.write_bytes(_zip_with_corrupt_second_member())
    out = tmp_path / "out"
    (out / "db").mkdir(parents=True)
    (out / "db" / "a.txt").write_text("old a\n")
    with pytest.raises(DataFormatError) as info:
        F.extract_zip(archive, out)
    assert str(info.value).startswith(f"{archive}: zip member 'db/b.txt' cannot be read (Bad CRC-32")
    assert str(info.value).endswith("nothing was extracted")
    # before: zipfile.BadZipFile, with db/a.txt replaced by the archive's
    assert sorted(p.name for p in (out / "db").iterdir()) == ["a.txt"]
    assert (out / "db" / "a.txt").read_text() == "old a\n"


def test_extract_zip_of_an_encrypted_member_is_a_data_format_error(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("x.txt", "secret")
    data = bytearray(buf.getvalue())
    for header, at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):  # set the "encrypted" flag bit
        where = data.find(header) + at
        data[where] |= 1
    archive = tmp_path / "e.zip"
    archive.write_bytes(bytes(data))
    with pytest.raises(DataFormatError, match="zip member 'x.txt' cannot be read .*encrypted"):
        F.extract_zip(archive, tmp_path / "out")  # before: RuntimeError
    assert not (tmp_path / "out").exists()


# ------------------------------------------------------------------ 5. --data-dir with a line end
@pytest.mark.parametrize("command", ["fetch", "sources"])
def test_data_dir_with_a_line_end_is_refused(tmp_path, capsys, monkeypatch, shared_data, command):
    extra = ["--mirror", shared_data.resolve()] if command == "fetch" else []  # before the chdir: it may be relative
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("EXPOSURE_HOME", str(tmp_path / "home"))
    (tmp_path / "c").mkdir()
    code, _, err = cli(capsys, command, *extra, "--data-dir", "c\r", "onet/29.1/Job Zones.txt")
    line = one_error_line(err, command=command)
    assert code == 2
    assert line.endswith("--data-dir/data_dir= 'c\\r' has surrounding spaces (or a line end): remove them "
                         "('c\\r' and 'c' are different directories)")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c"]  # before: a new cache 'c\r' for fetch


def test_data_dir_with_spaces_is_refused_in_the_api(tmp_path, shared_data):
    with pytest.raises(ExposureError, match="has surrounding spaces"):
        F.fetch("onet/29.1/Job Zones.txt", mirror=shared_data, data_dir=f"{tmp_path}/c ")
    assert list(tmp_path.iterdir()) == []
    cache = tmp_path / "d "  # a directory really named so is still the cache
    cache.mkdir()
    path = F.fetch("onet/29.1/Job Zones.txt", mirror=shared_data, data_dir=str(cache))
    assert path == cache / "onet/29.1/Job Zones.txt" and path.is_file()
