"""Fault round 34: the locations, the User-Agent and URL map from the environment, downloads that fail.

1. A path too long for the file system in ``$EXPOSURE_MIRROR``, ``$EXPOSURE_DATA_DIR``,
   ``$EXPOSURE_HOME``, ``--mirror`` or ``--data-dir`` (5,000 characters, or one name of
   300): ``/xxxx...(5,000 characters): File name too long``, the whole path printed and
   neither the variable nor the option named; the Python API raised a bare ``OSError``
   (``resolve_mirror``, ``DataStore.default``). Now an ``ExposureError`` naming where the
   path came from, the path shortened. A path with a NUL character (Python API) was
   accepted as ``data_dir`` or ``home`` and failed later with ``ValueError: embedded null
   byte``; refused the same way.
2. A cache directory that cannot be created (``/proc/x``, a path under a file, a dangling
   symbolic link): ``exposure validate`` printed the same "cannot create the cache
   directory" line once per source (20 of them), and ``exposure sources`` listed every file
   "missing" in it, exit 0. The check made before any source is read
   (:func:`exposure.fetch.check_cache_dir` with ``create=False``) now also refuses a
   directory that cannot be made, once.
3. A cache directory that is a dangling symbolic link (to a disk not mounted): ``cannot
   create the cache directory .../broken: File exists``. Now it says that it is a
   symbolic link to a directory that does not exist, naming where it points.
4. ``$EXPOSURE_HOME`` that is (or lies under) a dangling symbolic link, or a loop of links:
   ``exposure sources --releases`` said ``lock file .../exposure.lock: no pinned file yet``
   (exit 0), ``exposure fetch onet/31.0`` "not pinned yet", and :func:`exposure.load`
   read the shipped tables: the pins on the disk not mounted were never looked for. Now
   refused, naming the variable, as a home that is a file (round 31).
5. ``$EXPOSURE_USER_AGENT`` that an HTTP header cannot carry: with a character beyond
   Latin-1 (``bot → me@x.org``) ``exposure fetch`` ended in a ``UnicodeEncodeError``
   traceback; with a line break or a leading space every download was tried ``retries``
   times with backoff and failed with ``InvalidHeader``, the variable not named. Now
   refused before any request, naming the variable (non-ASCII included: a header is
   ASCII).
6. ``$EXPOSURE_URL_MAP``: two pairs with the same old prefix (the second silently never
   used), an old prefix that is no http(s) URL (``www.bls.gov=...``, which matches no
   source's URL: every file still downloaded from the publisher, without a word), or two
   pairs glued by a comma (``A=http://x,B=http://y``, taken as one pair whose new prefix
   holds the second). Refused, naming the variable and the pair.
7. HTTP 429/503 with ``Retry-After``: the retries came at the backoff's pace (1, 2, 4 s)
   whatever the server asked, so a rate-limited download failed with ``HTTP 429 Too Many
   Requests`` after its retries, without saying the server asked to wait. Now the wait
   follows ``Retry-After`` (seconds, capped at ``MAX_BACKOFF``) and the error says what the
   server asked.
8. A connection refused (or a host that does not resolve): the message was ``requests``'
   own (``Max retries exceeded ... NewConnectionError``), saying nothing of what to do.
   It now adds: check the network (or the proxy), or read a local copy with ``--mirror`` /
   ``$EXPOSURE_MIRROR``.
9. HTTP 404 (or 410) and 403: ``HTTP 404 Not Found from URL`` and nothing more. Now a 404
   says to check the source's URL and ``$EXPOSURE_URL_MAP`` (or read a local copy), a 403
   that BLS refuses a User-Agent without a contact (``$EXPOSURE_USER_AGENT``); neither is
   retried.

Tiny made-up files written by the tests into ``tmp_path``; the HTTP server is a local one
on 127.0.0.1 (no internet).
"""

from __future__ import annotations

import hashlib
import logging
import os
import socket
from pathlib import Path

import pytest

from exposure import fetch as F
from exposure.cli import main
from exposure.errors import DownloadError, ExposureError

DATA = b"a,b\n1,2\n"
SHA = hashlib.sha256(DATA).hexdigest()
FAST = {"retries": 0, "backoff": 0.0, "timeout": 2.0}
LONG = "/tmp/" + "x" * 5000


@pytest.fixture
def env(tmp_path, monkeypatch):
    """No mirror, cache, home, User-Agent or URL map from the environment."""
    for var in ("EXPOSURE_MIRROR", "EXPOSURE_HOME", "EXPOSURE_USER_AGENT", "EXPOSURE_URL_MAP"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("EXPOSURE_DATA_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    return tmp_path


def _one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, lines
    return lines[0]


# 1. a path too long -----------------------------------------------------------------------

@pytest.mark.parametrize("var", ["EXPOSURE_MIRROR", "EXPOSURE_DATA_DIR", "EXPOSURE_HOME"])
def test_a_path_too_long_in_the_environment_names_the_variable(env, monkeypatch, var):
    monkeypatch.setenv(var, LONG)
    with pytest.raises(ExposureError) as info:
        F.DataStore.default()
    message = str(info.value)
    assert f"${var}" in message and "too long" in message
    assert len(message) < 500 and "5,005 characters" in message


def test_a_name_too_long_in_data_dir_names_the_argument(env):
    long_name = env / ("y" * 300) / "cache"
    with pytest.raises(ExposureError, match=r"--data-dir/data_dir= .*too long"):
        F.resolve_data_dir(long_name)
    assert not any(env.iterdir()) or all(p.name != "y" * 300 for p in env.iterdir())


def test_a_path_with_a_nul_is_refused_naming_the_argument(env):
    with pytest.raises(ExposureError, match=r"--data-dir/data_dir= .*NUL character \(at 7\)"):
        F.resolve_data_dir("/tmp/a\0b")
    with pytest.raises(ExposureError, match=r"home= .*NUL character"):
        F.DataStore.default(home=str(env / "a\0b"))
    with pytest.raises(ExposureError, match=r"--data-dir/data_dir= .*NUL character"):
        F.fetch("onet/29.1/Job Zones.txt", data_dir="/tmp/a\0b", mirror=env)


@pytest.mark.parametrize("option", ["--mirror", "--data-dir"])
def test_a_path_too_long_in_the_cli_is_one_short_line(env, capsys, option):
    rc = main(["fetch", option, LONG, "onet/29.1/Job Zones.txt"])
    line = _one_line(capsys.readouterr().err)
    assert rc == 2 and option in line and "too long" in line and len(line) < 500


# 2. a cache directory that cannot be created ------------------------------------------------

def _uncreatable(env: Path, kind: str) -> Path:
    if kind == "under a file":
        (env / "afile").write_text("notes\n")
        return env / "afile" / "cache"
    if kind == "dangling link":
        os.symlink(env / "unmounted" / "disk", env / "link")
        return env / "link"
    if kind == "loop":
        os.symlink(env / "loop2", env / "loop1")
        os.symlink(env / "loop1", env / "loop2")
        return env / "loop1" / "cache"
    if not Path("/proc/self").is_dir():
        pytest.skip("no /proc here")
    return Path("/proc/exposure-round34-cache")  # /proc takes no new directory, root or not


KINDS = ["under a file", "dangling link", "loop", "proc"]


@pytest.mark.parametrize("kind", KINDS)
def test_validate_says_once_that_the_cache_cannot_be_made(env, capsys, kind):
    cache = _uncreatable(env, kind)
    mirror = env / "mirror"
    mirror.mkdir()
    rc = main(["validate", "--onet-release", "29.1", "--mirror", str(mirror), "--data-dir", str(cache)])
    line = _one_line(capsys.readouterr().err)
    assert rc == 2 and "cache directory" in line and str(cache) in line


@pytest.mark.parametrize("kind", KINDS)
def test_check_cache_dir_without_creating_refuses_what_cannot_be_made(env, kind):
    cache = _uncreatable(env, kind)
    before = sorted(p.name for p in env.iterdir())
    with pytest.raises(F.CacheWriteError, match="cache directory"):
        F.check_cache_dir(cache, create=False)
    assert sorted(p.name for p in env.iterdir()) == before  # nothing made in the probe


def test_check_cache_dir_without_creating_makes_nothing(env):
    cache = env / "new" / "cache"
    assert F.check_cache_dir(cache, create=False) == cache
    assert not (env / "new").exists() and sorted(p.name for p in env.iterdir()) == []


def test_sources_listing_a_cache_that_cannot_be_made_is_refused(env, capsys):
    cache = _uncreatable(env, "under a file")
    rc = main(["sources", "--data-dir", str(cache)])
    captured = capsys.readouterr()
    assert rc == 2 and "missing" not in captured.out
    assert "cache directory" in _one_line(captured.err)


# 3. a cache directory that is a dangling symbolic link --------------------------------------

def test_a_cache_that_is_a_dangling_link_says_so(env):
    cache = _uncreatable(env, "dangling link")
    with pytest.raises(F.CacheWriteError) as info:
        F.check_cache_dir(cache)
    message = str(info.value)
    assert "File exists" not in message
    assert "symbolic link" in message and str(env / "unmounted" / "disk") in message


# 4. $EXPOSURE_HOME a dangling link or a loop -------------------------------------------------

@pytest.mark.parametrize("kind", ["dangling link", "under a dangling link", "loop"])
def test_a_home_behind_a_broken_link_is_refused(env, monkeypatch, capsys, kind):
    if kind == "loop":
        home = _uncreatable(env, "loop")
    else:
        home = _uncreatable(env, "dangling link")
        home = home / "sub" if kind == "under a dangling link" else home
    monkeypatch.setenv("EXPOSURE_HOME", str(home))
    rc = main(["sources", "--releases"])
    captured = capsys.readouterr()
    assert rc == 2 and "no pinned file yet" not in captured.out
    line = _one_line(captured.err)
    assert "$EXPOSURE_HOME" in line and "symbolic link" in line
    with pytest.raises(ExposureError, match="symbolic link"):
        F.DataStore(cache=env / "cache", home=home)


def test_load_with_a_home_that_is_a_dangling_link_does_not_read_the_shipped_tables(env, monkeypatch):
    import exposure

    monkeypatch.setenv("EXPOSURE_HOME", str(_uncreatable(env, "dangling link")))
    with pytest.raises(ExposureError, match=r"\$EXPOSURE_HOME .*symbolic link"):
        exposure.load("soc_scores")


# 5. $EXPOSURE_USER_AGENT an HTTP header cannot carry ----------------------------------------

@pytest.mark.parametrize("agent", ["bot \u2192 me@x.org", "bot \U0001f600", "caf\u00e9 bot", "me\nX-Other: 1",
                                   "me\r", " me@x.org", "me\x7f"])
def test_a_user_agent_a_header_cannot_carry_is_refused_before_any_request(env, monkeypatch, server, agent):
    server.routes["/a.csv"] = (200, {"Content-Type": "text/csv"}, DATA)
    monkeypatch.setenv("EXPOSURE_USER_AGENT", agent)
    with pytest.raises(ExposureError, match=r"\$EXPOSURE_USER_AGENT"):
        F.DataStore.default()
    with pytest.raises(ExposureError, match=r"\$EXPOSURE_USER_AGENT"):
        F.download(f"{server.url}/a.csv", env / "a.csv", retries=2, backoff=0.0, timeout=2.0)
    assert server.hits == {} and not (env / "a.csv").exists()


def test_a_user_agent_argument_a_header_cannot_carry_is_refused(env):
    with pytest.raises(ExposureError, match=r"user_agent .*line break"):
        F.DataStore(cache=env / "cache", home=env / "home", user_agent="me\nX: 1")


def test_fetch_with_a_non_ascii_user_agent_is_one_line(env, monkeypatch, capsys, server):
    monkeypatch.setenv("EXPOSURE_USER_AGENT", "bot \u2192 me@x.org")
    monkeypatch.setenv("EXPOSURE_URL_MAP", f"https://www.onetcenter.org={server.url}")
    rc = main(["fetch", "onet/29.1/Job Zones.txt"])
    line = _one_line(capsys.readouterr().err)
    assert rc == 2 and "$EXPOSURE_USER_AGENT" in line and "ASCII" in line
    assert server.hits == {}


def test_a_plain_user_agent_is_sent(env, monkeypatch, server):
    server.routes["/a.csv"] = (200, {"Content-Type": "text/csv"}, DATA)
    monkeypatch.setenv("EXPOSURE_USER_AGENT", "study-bot/1.0 (mailto:me@x.org)")
    assert F.DataStore.default().user_agent == "study-bot/1.0 (mailto:me@x.org)"
    F.download(f"{server.url}/a.csv", env / "a.csv", **FAST)
    assert (env / "a.csv").read_bytes() == DATA


# 6. $EXPOSURE_URL_MAP ----------------------------------------------------------------------

@pytest.mark.parametrize("value, said", [
    ("https://www.bls.gov=http://127.0.0.1:1 https://www.bls.gov=http://127.0.0.1:2", "twice"),
    ("https://a.org=http://x https://a.org/=http://y", "twice"),
    ("www.bls.gov=http://127.0.0.1:1", "old prefix must be an http:// or https:// URL"),
    ("https://a.org=http://x,https://b.org=http://y", "several URLs"),
    ("https://a.org=http://x;https://b.org=http://y", "several URLs"),
])
def test_a_url_map_with_a_bad_pair_is_refused(env, monkeypatch, value, said):
    monkeypatch.setenv("EXPOSURE_URL_MAP", value)
    with pytest.raises(ExposureError, match=r"\$EXPOSURE_URL_MAP") as info:
        F.DataStore.default()
    assert said in str(info.value)


def test_a_url_map_with_two_prefixes_is_read(env, monkeypatch):
    monkeypatch.setenv("EXPOSURE_URL_MAP", "https://www.bls.gov=http://127.0.0.1:1 "
                       "https://www.onetcenter.org=http://127.0.0.1:2/onet?x=1")
    store = F.DataStore.default()
    assert store.url("https://www.onetcenter.org/a.zip") == "http://127.0.0.1:2/onet?x=1/a.zip"


# 7. Retry-After ------------------------------------------------------------------------------

def test_retry_after_is_followed_and_said(env, server, caplog):
    server.routes["/a.csv"] = (429, {"Retry-After": "1"}, b"slow down")
    with caplog.at_level(logging.INFO, logger="exposure.fetch"), \
            pytest.raises(DownloadError) as info:
        F.download(f"{server.url}/a.csv", env / "a.csv", retries=1, backoff=0.01, timeout=2.0)
    assert server.hits == {"/a.csv": 2}
    retries = [r.getMessage() for r in caplog.records if "retry 1/1" in r.getMessage()]
    assert retries and "in 1.0s" in retries[0], retries
    message = str(info.value)
    assert "HTTP 429" in message and "Retry-After: 1" in message
    assert not any(env.glob("*.tmp")) and not (env / "a.csv").exists()


def test_a_long_retry_after_is_capped_and_said(env, server, monkeypatch, caplog):
    monkeypatch.setattr(F, "MAX_BACKOFF", 0.05)
    server.routes["/a.csv"] = (503, {"Retry-After": "3600"}, b"busy")
    with caplog.at_level(logging.INFO, logger="exposure.fetch"), \
            pytest.raises(DownloadError) as info:
        F.download(f"{server.url}/a.csv", env / "a.csv", retries=1, backoff=0.01, timeout=2.0)
    assert "Retry-After: 3600" in str(info.value) and "try again later" in str(info.value)
    assert any("in 0.1s" in r.getMessage() or "in 0.0s" in r.getMessage()
               for r in caplog.records if "retry 1/1" in r.getMessage())


# 8. connection refused ------------------------------------------------------------------------

def test_a_refused_connection_says_what_to_do(env):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed below: nothing listens there
    with pytest.raises(DownloadError) as info:
        F.download(f"http://127.0.0.1:{port}/a.csv", env / "a.csv", retries=1, backoff=0.0, timeout=2.0)
    message = str(info.value)
    assert f"http://127.0.0.1:{port}/a.csv" in message and "after 2 attempts" in message
    assert "--mirror" in message and "$EXPOSURE_MIRROR" in message and "network" in message
    assert list(env.iterdir()) == []


# 9. HTTP 404 / 403 --------------------------------------------------------------------------

@pytest.mark.parametrize("status, said", [(404, "$EXPOSURE_URL_MAP"), (410, "$EXPOSURE_URL_MAP"),
                                          (403, "$EXPOSURE_USER_AGENT")])
def test_an_http_error_says_what_to_do(env, server, status, said):
    server.routes["/a.csv"] = (status, {}, b"no")
    with pytest.raises(DownloadError) as info:
        F.download(f"{server.url}/a.csv", env / "a.csv", retries=2, backoff=0.0, timeout=2.0)
    message = str(info.value)
    assert f"HTTP {status}" in message and f"{server.url}/a.csv" in message
    assert said in message and "--mirror" in message
    assert server.hits == {"/a.csv": 1} and list(env.iterdir()) == []
