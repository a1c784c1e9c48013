"""Fault round 38: a mirror or a cache whose directories are not directories.

1. A mirror in which a file stands where a directory belongs (``MIRROR/onet`` a file, a
   note saved under the folder's name): ``exposure fetch`` said ``not found in mirror M
   (expected M/onet/29.1/Job Zones.txt)``, as if the file were merely absent. Now it says
   that ``M/onet`` is a file where a directory of the mirror belongs.
2. A directory of the mirror that is a symbolic link to nothing (``MIRROR/onet`` a link to
   a disk not mounted) or a loop of links: the same bare "not found in mirror"; now the
   link is named, with where it points, or said to be a loop.
3. A mirror file that is a loop of symbolic links: the message said it was "a symbolic
   link to M/.../a, which does not exist", but that link exists (it points back). Now it
   says a loop of symbolic links. A mirror file that is a named pipe (a special file) was
   "not found"; now it is said to be a special file.
4. ``exposure.fetch.cache_status`` of a file under a cache directory that is a file, a
   symbolic link to nothing or a loop of links: ``"missing"``, while ``exposure fetch``
   fails on it. ``exposure sources`` called the file case "blocked" (round 37) but listed
   the link cases "missing", exit 0. ``cache_status`` says ``"blocked"`` itself now, so
   ``exposure sources`` lists all three as blocked (exit 1).
5. ``exposure fetch`` into a cache whose ``onet`` directory is a symbolic link to nothing:
   ``cannot write Job Zones.txt into C/onet/29.1: File exists``; a loop of links: ``...:
   Too many levels of symbolic links``, neither naming the link. Now the link is named
   (with its target) and what to do is said, as for a file in a directory's place.
6. A mirror directory (``--mirror``, ``$EXPOSURE_MIRROR``) that is a symbolic link to a disk
   not mounted, lies under one, or is a loop of links: ``mirror directory 'M' (from
   --mirror/mirror=) does not exist``, the link not named (a loop does exist). Now the
   link and where it points (or the loop) are said.

Tiny made-up files written by the tests into ``tmp_path``; nothing is downloaded.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from exposure import fetch as F
from exposure.cli import main
from exposure.errors import DownloadError, OutputError
from exposure.sources import Source

DATA = b"O*NET-SOC Code\tTitle\tJob Zone\n11-1011.00\tChief Executives\t5\n"
NAME = "demo/r38/a.tsv"


def _src() -> Source:
    return Source(name=NAME, release="1", url="https://example.org/a.tsv",
                  sha256=hashlib.sha256(DATA).hexdigest(), size=len(DATA), licence="CC0",
                  attribution="demo")


@pytest.fixture
def env(tmp_path, monkeypatch):
    """No mirror, cache, home, User-Agent or URL map from the environment."""
    for var in ("EXPOSURE_MIRROR", "EXPOSURE_USER_AGENT", "EXPOSURE_URL_MAP"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("EXPOSURE_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("EXPOSURE_DATA_DIR", str(tmp_path / "cache"))
    return tmp_path


def _one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, lines
    return lines[0]


def _block(top: Path, kind: str) -> Path:
    """Put a ``kind`` of thing where the directory ``top/demo`` belongs; return it."""
    top.mkdir(parents=True, exist_ok=True)
    where = top / "demo"
    if kind == "file":
        where.write_text("notes\n")
    elif kind == "dangling link":
        os.symlink(top.parent / "unmounted-disk", where)
    else:  # a loop
        os.symlink(top / "other", where)
        os.symlink(where, top / "other")
    return where


SAID = {"file": "a file, not a directory", "dangling link": "unmounted-disk, which does not exist",
        "loop": "a loop of symbolic links"}


# 1-2. the mirror -------------------------------------------------------------------------------

@pytest.mark.parametrize("kind", ["file", "dangling link", "loop"])
def test_a_mirror_directory_that_is_no_directory_is_named(env, kind):
    mirror = env / "m1"
    where = _block(mirror, kind)
    with pytest.raises(DownloadError) as info:
        F.fetch(_src(), mirror=mirror, data_dir=env / "cache")
    message = str(info.value)
    assert f"{where} is {SAID[kind]}" in message or (f"{where} is a symbolic link" in message
                                                       and SAID[kind] in message)
    assert "where a directory of the mirror belongs" in message
    assert not (env / "cache" / "demo").exists()


def test_cli_fetch_names_the_file_in_the_mirror(env, capsys):
    mirror = env / "m1"
    (mirror / "onet").parent.mkdir(parents=True)
    (mirror / "onet").write_text("notes\n")
    rc = main(["fetch", "--mirror", str(mirror), "onet/29.1/Job Zones.txt"])
    line = _one_line(capsys.readouterr().err)
    assert rc == 2
    assert f"{mirror / 'onet'} is a file, not a directory, where a directory of the mirror belongs" in line


# 3. the mirror file itself -------------------------------------------------------------------

def test_a_mirror_file_that_is_a_loop_of_links_says_loop(env):
    mirror = env / "m2"
    (mirror / "demo" / "r38").mkdir(parents=True)
    path = mirror / "demo" / "r38" / "a.tsv"
    os.symlink(mirror / "demo" / "r38" / "b", path)
    os.symlink(path, mirror / "demo" / "r38" / "b")
    with pytest.raises(DownloadError) as info:
        F.fetch(_src(), mirror=mirror, data_dir=env / "cache")
    message = str(info.value)
    assert "a loop of symbolic links" in message and "which does not exist" not in message


def test_a_mirror_file_that_is_a_pipe_says_special_file(env):
    mirror = env / "m3"
    (mirror / "demo" / "r38").mkdir(parents=True)
    os.mkfifo(mirror / "demo" / "r38" / "a.tsv")
    with pytest.raises(DownloadError, match="is a special file"):
        F.fetch(_src(), mirror=mirror, data_dir=env / "cache")


# 4. cache_status -------------------------------------------------------------------------------

@pytest.mark.parametrize("kind", ["file", "dangling link", "loop"])
def test_cache_status_says_blocked(env, kind):
    cache = env / "cache"
    _block(cache, kind)
    assert F.cache_status(_src(), cache) == "blocked"


def test_cache_status_of_a_link_to_a_directory_is_not_blocked(env):
    cache = env / "cache"
    (env / "elsewhere" / "r38").mkdir(parents=True)
    (env / "elsewhere" / "r38" / "a.tsv").write_bytes(DATA)
    cache.mkdir()
    os.symlink(env / "elsewhere", cache / "demo")
    assert F.cache_status(_src(), cache) == "verified"
    os.unlink(cache / "demo")
    assert F.cache_status(_src(), cache) == "missing"


@pytest.mark.parametrize("kind", ["dangling link", "loop"])
def test_sources_lists_a_link_in_the_way_as_blocked(env, capsys, kind):
    cache = env / "cache"
    cache.mkdir()
    if kind == "dangling link":
        os.symlink(env / "unmounted-disk", cache / "onet")
    else:
        os.symlink(cache / "other", cache / "onet")
        os.symlink(cache / "onet", cache / "other")
    rc = main(["sources", "--format", "tsv", "onet/29.1/Job Zones.txt"])
    out = capsys.readouterr().out
    assert rc == 1 and "\tblocked\t" in out


# 5. fetch into such a cache --------------------------------------------------------------------

@pytest.mark.parametrize("kind", ["dangling link", "loop"])
def test_fetch_into_a_cache_with_a_link_in_the_way_names_it(env, kind):
    mirror = env / "m4"
    (mirror / "demo" / "r38").mkdir(parents=True)
    (mirror / "demo" / "r38" / "a.tsv").write_bytes(DATA)
    cache = env / "cache"
    where = _block(cache, kind)
    with pytest.raises(OutputError) as info:
        F.fetch(_src(), mirror=mirror, data_dir=cache)
    message = str(info.value)
    assert str(where) in message and SAID[kind] in message
    assert "File exists" not in message and "remove it and fetch again" in message
    assert os.path.islink(where)  # the user's link is left alone


# 6. the mirror directory itself a link to nothing, or a loop ------------------------------------

@pytest.mark.parametrize(("kind", "said"), [
    ("dangling link", "does not exist: it is a symbolic link to {env}/unmounted-disk, which does not exist"),
    ("under a dangling link", "does not exist: {env}/m is a symbolic link to {env}/unmounted-disk"),
    ("loop", "does not exist: it is a loop of symbolic links"),
])
def test_a_mirror_that_is_a_link_to_nothing_says_so(env, capsys, kind, said):
    if kind == "loop":
        os.symlink(env / "other", env / "m")
        os.symlink(env / "m", env / "other")
        mirror = env / "m"
    else:
        os.symlink(env / "unmounted-disk", env / "m")
        mirror = env / "m" / "data" if kind.startswith("under") else env / "m"
    rc = main(["fetch", "--mirror", str(mirror), "onet/29.1/Job Zones.txt"])
    line = _one_line(capsys.readouterr().err)
    assert rc == 2 and "--mirror" in line and said.format(env=env) in line
