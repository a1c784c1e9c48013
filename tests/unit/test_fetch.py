"""Tests of exposure.fetch: cache, mirror mode, zip safety and real HTTP downloads.

The ``network`` tests start a real HTTP server on 127.0.0.1 (ephemeral port) in a thread;
they never leave the machine.
"""

from __future__ import annotations

import hashlib
import io
import os
import time
import zipfile
from pathlib import Path

import pytest
from _fetch_helpers import FIX, MIRROR, OEWS, OEWS_SHA, files_under, make_source

from exposure import fetch as F
from exposure.errors import ChecksumMismatchError, DataFormatError, DownloadError, ExposureError

TASKS = "onet/demo/Task Statements.txt"
TASKS_SHA = "a94124c332a55428aac75f4578106057f9023f5bd079f4c9492534049dd441d1"


pytestmark = pytest.mark.usefixtures("no_env")


# --------------------------------------------------------------------------- hashing


def test_fixture_hashes_are_the_pinned_ones():
    assert F.file_sha256(MIRROR / TASKS) == TASKS_SHA
    assert F.file_sha256(MIRROR / OEWS) == OEWS_SHA


def test_file_sha256_known_values(tmp_path):
    empty = tmp_path / "empty"
    empty.write_bytes(b"")
    assert F.file_sha256(empty) == (
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    )
    big = tmp_path / "big"
    big.write_bytes(b"a" * (3 * (1 << 20) + 7))  # spans several read chunks
    assert F.file_sha256(big) == hashlib.sha256(b"a" * (3 * (1 << 20) + 7)).hexdigest()


def test_verify_mismatch_is_named_error(tmp_path):
    p = tmp_path / "x.csv"
    p.write_bytes(b"abc")
    with pytest.raises(ChecksumMismatchError) as info:
        F.verify(p, "f" * 64, name="demo/x.csv")
    err = info.value
    assert err.name == "demo/x.csv"
    assert err.expected == "f" * 64
    assert err.actual == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    assert "demo/x.csv" in str(err)
    assert p.read_bytes() == b"abc"  # verify never touches the file


# --------------------------------------------------------------------------- locations


def test_data_dir_env_and_default(monkeypatch, tmp_path):
    monkeypatch.setenv("EXPOSURE_DATA_DIR", str(tmp_path / "c"))
    assert F.default_data_dir() == tmp_path / "c"
    monkeypatch.delenv("EXPOSURE_DATA_DIR")
    repo = Path(__file__).resolve().parents[2]
    assert F.default_data_dir() != repo / "data" / "raw"  # never sniffed from the checkout
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert F.default_data_dir() == tmp_path / "xdg" / "exposure"


def test_resolve_mirror(monkeypatch, tmp_path):
    assert F.resolve_mirror() is None
    monkeypatch.setenv("EXPOSURE_MIRROR", str(MIRROR))
    assert F.resolve_mirror() == MIRROR
    assert F.resolve_mirror(tmp_path) == tmp_path  # the argument wins
    with pytest.raises(ExposureError, match="does not exist"):
        F.resolve_mirror(tmp_path / "nope")


def test_cache_path_rejects_escaping_names(tmp_path):
    src = make_source("../outside.csv", OEWS_SHA)
    with pytest.raises(DataFormatError, match="unsafe registry name"):
        F.cache_path(src, tmp_path)


# --------------------------------------------------------------------------- mirror mode


def test_fetch_from_mirror_copies_into_cache(tmp_path):
    src = make_source(TASKS, TASKS_SHA)
    path = F.fetch(src, mirror=MIRROR, data_dir=tmp_path)
    assert path == tmp_path / "onet" / "demo" / "Task Statements.txt"
    assert path.read_bytes() == (MIRROR / TASKS).read_bytes()
    assert b'"widgets"' in path.read_bytes() and b"\r\n" in path.read_bytes()
    assert files_under(tmp_path) == [
        ".verified/onet/demo/Task Statements.txt.sha256",
        "onet/demo/Task Statements.txt",
    ]
    assert oct(path.stat().st_mode & 0o777) != oct(0o600)  # not mkstemp's private mode
    assert F.cache_status(src, tmp_path) == "verified"


def test_fetch_uses_env_mirror_and_data_dir(monkeypatch, tmp_path):
    monkeypatch.setenv("EXPOSURE_MIRROR", str(MIRROR))
    monkeypatch.setenv("EXPOSURE_DATA_DIR", str(tmp_path))
    path = F.fetch(make_source(OEWS, OEWS_SHA))
    assert path == tmp_path / "oews" / "demo.csv"


def test_cached_file_is_used_without_mirror_or_network(monkeypatch, tmp_path):
    src = make_source(OEWS, OEWS_SHA)
    F.fetch(src, mirror=MIRROR, data_dir=tmp_path)

    def boom(*a, **k):
        raise AssertionError("network used")

    monkeypatch.setattr(F, "download", boom)
    assert F.fetch(src, data_dir=tmp_path).read_bytes() == (MIRROR / OEWS).read_bytes()


def test_modified_cache_file_is_detected_and_refetched(tmp_path):
    src = make_source(OEWS, OEWS_SHA)
    path = F.fetch(src, mirror=MIRROR, data_dir=tmp_path)
    data = path.read_bytes()
    path.write_bytes(data.replace(b"1230", b"9999"))  # same size, new content
    os.utime(path, ns=(time.time_ns(), path.stat().st_mtime_ns + 1_000_000))
    assert F.cache_status(src, tmp_path) == "mismatch"
    assert F.fetch(src, mirror=MIRROR, data_dir=tmp_path).read_bytes() == data
    assert F.cache_status(src, tmp_path, rehash=True) == "verified"


def test_bad_cache_file_without_source_is_removed(tmp_path):
    src = make_source(OEWS, OEWS_SHA, mirror_only=True, notes="made in a lab")
    dest = tmp_path / OEWS
    dest.parent.mkdir(parents=True)
    dest.write_bytes(b"stale\n")
    with pytest.raises(DownloadError, match="only be read from a mirror"):
        F.fetch(src, data_dir=tmp_path)
    assert files_under(tmp_path) == []


def test_mirror_hash_mismatch_leaves_nothing(tmp_path):
    mirror = tmp_path / "mirror"
    (mirror / "oews").mkdir(parents=True)
    (mirror / OEWS).write_bytes((MIRROR / OEWS).read_bytes() + b"extra\n")
    cache = tmp_path / "cache"
    with pytest.raises(ChecksumMismatchError) as info:
        F.fetch(make_source(OEWS, OEWS_SHA), mirror=mirror, data_dir=cache)
    assert info.value.name == OEWS and info.value.expected == OEWS_SHA
    assert str(mirror / OEWS) in str(info.value)
    assert files_under(cache) == []


def test_missing_from_mirror_names_the_file(tmp_path):
    with pytest.raises(DownloadError, match="oews/absent.csv: not found in mirror"):
        F.fetch(make_source("oews/absent.csv", OEWS_SHA), mirror=MIRROR, data_dir=tmp_path)
    assert files_under(tmp_path) == []


def test_unknown_registry_name():
    with pytest.raises(ExposureError, match="unknown source 'nope/x.csv'"):
        F.fetch("nope/x.csv")


def test_mirror_only_source_refuses_network(tmp_path):
    src = make_source(OEWS, OEWS_SHA, mirror_only=True, notes="Extracted from a wheel.")
    with pytest.raises(DownloadError, match="Extracted from a wheel"):
        F.fetch(src, data_dir=tmp_path)


def test_fetch_many_collects_errors(tmp_path):
    ok, errors = F.fetch_many(
        ["onet/29.1/Task Categories.txt", "onet/30.1/Task Categories.xlsx"],
        mirror=MIRROR, data_dir=tmp_path,
    )
    assert ok == {}
    assert sorted(errors) == ["onet/29.1/Task Categories.txt", "onet/30.1/Task Categories.xlsx"]
    assert all(isinstance(e, DownloadError) for e in errors.values())


# --------------------------------------------------------------------------- zip safety


def write_zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def test_extract_zip_inside_target(tmp_path):
    archive = write_zip(tmp_path / "a.zip", {"db/x.txt": b"x", "db/sub/y.txt": b"y"})
    out = F.extract_zip(archive, tmp_path / "out")
    assert sorted(p.relative_to(tmp_path / "out").as_posix() for p in out) == [
        "db/sub/y.txt", "db/x.txt"]
    assert (tmp_path / "out" / "db" / "sub" / "y.txt").read_bytes() == b"y"
    only = F.extract_zip(archive, tmp_path / "two", members=["db/x.txt"])
    assert [p.name for p in only] == ["x.txt"]
    assert files_under(tmp_path / "two") == ["db/x.txt"]


@pytest.mark.parametrize(
    "evil", ["../evil.txt", "db/../../evil.txt", "/tmp/evil.txt", "C:/evil.txt",
             "..\\evil.txt"]
)
def test_extract_zip_rejects_traversal(tmp_path, evil):
    archive = write_zip(tmp_path / "evil.zip", {"db/ok.txt": b"ok", evil: b"boo"})
    target = tmp_path / "out"
    with pytest.raises(DataFormatError, match="unsafe zip member") as info:
        F.extract_zip(archive, target)
    assert "evil.zip" in str(info.value)
    assert files_under(target) == []  # checked before anything is written
    assert not (tmp_path / "evil.txt").exists()


def test_extract_zip_bad_inputs(tmp_path):
    archive = write_zip(tmp_path / "a.zip", {"db/x.txt": b"x"})
    with pytest.raises(DataFormatError, match="no member 'db/y.txt'"):
        F.extract_zip(archive, tmp_path / "out", members=["db/y.txt"])
    not_zip = tmp_path / "b.zip"
    not_zip.write_bytes(b"<!DOCTYPE html><html></html>")
    with pytest.raises(DataFormatError, match="not a readable zip"):
        F.extract_zip(not_zip, tmp_path / "out")


# --------------------------------------------------------------------------- real HTTP


FAST = {"retries": 2, "backoff": 0.0, "timeout": 2.0}
DATA = (MIRROR / OEWS).read_bytes()


@pytest.mark.network
def test_download_success_sends_project_user_agent(scripted_server, tmp_path):
    scripted_server.routes["/demo.csv"] = [{"status": 200, "body": DATA}]
    path = F.download(scripted_server.url("/demo.csv"), tmp_path / "demo.csv", sha256=OEWS_SHA,
                      **FAST)
    assert path.read_bytes() == DATA
    assert scripted_server.hits["/demo.csv"] == 1
    assert scripted_server.agents[0].startswith("ai-exposure/")
    assert files_under(tmp_path) == ["demo.csv"]


@pytest.mark.network
def test_download_500_then_success(scripted_server, tmp_path):
    scripted_server.routes["/demo.csv"] = [{"status": 500, "body": b"oops"},
                                           {"status": 200, "body": DATA}]
    path = F.download(scripted_server.url("/demo.csv"), tmp_path / "demo.csv", sha256=OEWS_SHA,
                      **FAST)
    assert path.read_bytes() == DATA
    assert scripted_server.hits["/demo.csv"] == 2


@pytest.mark.network
def test_download_persistent_503_gives_up(scripted_server, tmp_path):
    scripted_server.routes["/demo.csv"] = [{"status": 503, "body": b"busy"}]
    with pytest.raises(DownloadError, match=r"demo.csv: .*failed after 3 attempts: HTTP 503"):
        F.download(scripted_server.url("/demo.csv"), tmp_path / "demo.csv", **FAST)
    assert scripted_server.hits["/demo.csv"] == 3
    assert files_under(tmp_path) == []


@pytest.mark.network
def test_download_404_is_not_retried(scripted_server, tmp_path):
    with pytest.raises(DownloadError, match="HTTP 404"):
        F.download(scripted_server.url("/absent.csv"), tmp_path / "absent.csv", **FAST)
    assert scripted_server.hits["/absent.csv"] == 1
    assert files_under(tmp_path) == []


@pytest.mark.network
def test_download_timeout(scripted_server, tmp_path):
    scripted_server.routes["/slow.csv"] = [{"status": 200, "body": DATA, "delay": 1.0}]
    t0 = time.monotonic()
    with pytest.raises(DownloadError, match=r"slow.csv: .*failed after 2 attempts: .*[Tt]imeout"):
        F.download(scripted_server.url("/slow.csv"), tmp_path / "slow.csv",
                   retries=1, backoff=0.0, timeout=0.2)
    assert time.monotonic() - t0 < 1.9  # gave up on the timeout, not after the delay
    assert files_under(tmp_path) == []


@pytest.mark.network
def test_download_wrong_hash(scripted_server, tmp_path):
    scripted_server.routes["/demo.csv"] = [{"status": 200, "body": DATA}]
    with pytest.raises(ChecksumMismatchError) as info:
        F.download(scripted_server.url("/demo.csv"), tmp_path / "demo.csv", sha256="0" * 64,
                   name="oews/demo.csv", **FAST)
    assert info.value.actual == OEWS_SHA and info.value.name == "oews/demo.csv"
    assert scripted_server.hits["/demo.csv"] == 1  # a wrong hash is not retried
    assert files_under(tmp_path) == []


@pytest.mark.network
def test_download_truncated_body(scripted_server, tmp_path):
    scripted_server.routes["/cut.csv"] = [{"status": 200, "body": DATA[:40], "length": len(DATA)}]
    with pytest.raises(DownloadError) as info:
        F.download(scripted_server.url("/cut.csv"), tmp_path / "cut.csv", **FAST)
    msg = str(info.value)
    assert msg.startswith("cut.csv: ") and "truncated body" in msg
    assert "40" in msg and f"Content-Length {len(DATA)}" in msg
    assert scripted_server.hits["/cut.csv"] == 3  # truncation is retried
    assert files_under(tmp_path) == []


@pytest.mark.network
def test_download_truncated_then_complete(scripted_server, tmp_path):
    scripted_server.routes["/cut.csv"] = [
        {"status": 200, "body": DATA[:40], "length": len(DATA)},
        {"status": 200, "body": DATA},
    ]
    path = F.download(scripted_server.url("/cut.csv"), tmp_path / "cut.csv", sha256=OEWS_SHA,
                      **FAST)
    assert path.read_bytes() == DATA


@pytest.mark.network
@pytest.mark.parametrize("ctype", ["text/html; charset=utf-8", "application/octet-stream"])
def test_download_html_error_page(scripted_server, tmp_path, ctype):
    page = (FIX / "error_page.html").read_bytes()
    scripted_server.routes["/demo.csv"] = [{"status": 200, "body": page,
                                            "headers": {"Content-Type": ctype}}]
    with pytest.raises(DownloadError, match=r"demo.csv: .*HTML page"):
        F.download(scripted_server.url("/demo.csv"), tmp_path / "demo.csv", **FAST)
    assert scripted_server.hits["/demo.csv"] == 1
    assert files_under(tmp_path) == []


@pytest.mark.network
def test_download_html_allowed_for_html_target(scripted_server, tmp_path):
    page = (FIX / "error_page.html").read_bytes()
    scripted_server.routes["/p.html"] = [{"status": 200, "body": page,
                                          "headers": {"Content-Type": "text/html"}}]
    path = F.download(scripted_server.url("/p.html"), tmp_path / "p.html", **FAST)
    assert path.read_bytes() == page


@pytest.mark.network
def test_download_empty_body(scripted_server, tmp_path):
    scripted_server.routes["/empty.csv"] = [{"status": 200, "body": b""}]
    with pytest.raises(DownloadError, match="empty.csv: .*empty body"):
        F.download(scripted_server.url("/empty.csv"), tmp_path / "empty.csv", **FAST)
    assert files_under(tmp_path) == []


@pytest.mark.network
def test_fetch_plain_file_over_http(scripted_server, tmp_path):
    scripted_server.routes["/demo.csv"] = [{"status": 500}, {"status": 200, "body": DATA}]
    src = make_source(OEWS, OEWS_SHA, url=scripted_server.url("/demo.csv"))
    path = F.fetch(src, data_dir=tmp_path, **FAST)
    assert path == tmp_path / OEWS and path.read_bytes() == DATA
    assert F.fetch(src, data_dir=tmp_path, **FAST) == path
    assert scripted_server.hits["/demo.csv"] == 2  # second fetch served from the cache


@pytest.mark.network
def test_fetch_plain_file_wrong_hash_leaves_nothing(scripted_server, tmp_path):
    scripted_server.routes["/demo.csv"] = [{"status": 200, "body": DATA + b"x"}]
    src = make_source(OEWS, OEWS_SHA, url=scripted_server.url("/demo.csv"))
    with pytest.raises(ChecksumMismatchError, match="sha256 mismatch for oews/demo.csv"):
        F.fetch(src, data_dir=tmp_path, **FAST)
    assert files_under(tmp_path) == []


def _zip_bytes(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


@pytest.mark.network
def test_fetch_archive_members_download_archive_once(scripted_server, tmp_path):
    tasks = (MIRROR / TASKS).read_bytes()
    scripted_server.routes["/db_demo_text.zip"] = [{"status": 200, "body": _zip_bytes(
        {"db_demo_text/Task Statements.txt": tasks, "db_demo_text/demo.csv": DATA})}]
    url = scripted_server.url("/db_demo_text.zip")
    a = make_source(TASKS, TASKS_SHA, url=url, archive_url=url,
                    member="db_demo_text/Task Statements.txt")
    b = make_source("onet/demo/demo.csv", OEWS_SHA, url=url, archive_url=url,
                    member="db_demo_text/demo.csv")
    assert F.fetch(a, data_dir=tmp_path, **FAST).read_bytes() == tasks
    assert F.fetch(b, data_dir=tmp_path, **FAST).read_bytes() == DATA
    assert scripted_server.hits["/db_demo_text.zip"] == 1
    assert ".archives/db_demo_text.zip" in files_under(tmp_path)


@pytest.mark.network
def test_fetch_archive_member_wrong_hash_drops_archive(scripted_server, tmp_path):
    body = _zip_bytes({"db/demo.csv": DATA + b"x"})
    scripted_server.routes["/db.zip"] = [{"status": 200, "body": body}]
    url = scripted_server.url("/db.zip")
    src = make_source(OEWS, OEWS_SHA, url=url, archive_url=url, member="db/demo.csv")
    with pytest.raises(ChecksumMismatchError, match="oews/demo.csv"):
        F.fetch(src, data_dir=tmp_path, **FAST)
    assert files_under(tmp_path) == []


@pytest.mark.network
def test_fetch_archive_html_instead_of_zip(scripted_server, tmp_path):
    page = (FIX / "error_page.html").read_bytes()
    scripted_server.routes["/db.zip"] = [{"status": 200, "body": page,
                                          "headers": {"Content-Type": "text/html"}}]
    url = scripted_server.url("/db.zip")
    src = make_source(OEWS, OEWS_SHA, url=url, archive_url=url, member="db/demo.csv")
    with pytest.raises(DownloadError, match=r"oews/demo.csv \(archive\): .*HTML page"):
        F.fetch(src, data_dir=tmp_path, **FAST)
    assert files_under(tmp_path) == []


@pytest.mark.network
def test_fetch_archive_without_member(scripted_server, tmp_path):
    body = _zip_bytes({"db/other.csv": DATA})
    scripted_server.routes["/db.zip"] = [{"status": 200, "body": body}]
    url = scripted_server.url("/db.zip")
    src = make_source(OEWS, OEWS_SHA, url=url, archive_url=url, member="db/demo.csv")
    with pytest.raises(DownloadError, match="has no member 'db/demo.csv'"):
        F.fetch(src, data_dir=tmp_path, **FAST)
    assert not (tmp_path / OEWS).exists()
