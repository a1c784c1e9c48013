"""Fault round 31: the user data directory ($EXPOSURE_HOME), the cache location and the lock file.

1. ``$EXPOSURE_HOME`` naming a regular file (or a path under one): ``exposure sources
   --releases`` printed ``lock file .../f.txt/exposure.lock: no pinned file yet`` and
   exited 0, ``exposure fetch onet/31.0`` said the release was "not pinned yet: run
   exposure recompute", and :func:`exposure.load` read the shipped tables without a word
   (the user's recomputes were never looked for). Now every command that resolves the
   home says that it is a file (:func:`exposure.fetch.default_home`, a
   :class:`~exposure.fetch.DataStore` built with such a ``home``, and a
   :class:`~exposure.releases.Lock` whose directory is a file).
2. A lock line edited by hand with the right sha256 but a wrong size: the size was ignored
   when the file came from the mirror or the cache, and a download of it was cut short with
   ``sent more than the N bytes expected`` / ``announces ... more than the N expected``,
   naming neither the lock file nor its line. Now the size of a file whose sha256 matches
   the pin is checked against the pin (a mismatch is the lock line's, named with its row
   and column ``size``), and the download refused for its size names the lock line.
3. A relative ``$EXPOSURE_HOME`` / ``$EXPOSURE_DATA_DIR`` (``home``, or ``$HOME/x`` left
   unexpanded in a ``.env`` file) named another directory in each working directory: the
   lock file's pins and the recomputes were "lost" when a run started elsewhere. Refused
   now, naming the variable and the absolute path it meant here.
4. ``$EXPOSURE_HOME`` / ``$EXPOSURE_DATA_DIR`` with surrounding spaces (pasted from a
   ``.env`` file, ``/data/home ``): a new directory ``'home '`` was made beside the real one,
   its lock file empty, without a word. Refused now.
5. A lock file that is a dangling symbolic link (linked into the home from the analysis's
   folder before the first pin): the first pin replaced the link with a regular file, so
   the lock kept beside the analysis never got the pins. The pin is now written where the
   link points.
6. A lock file whose pins another process holds (``exposure recompute`` of a new release
   pinning, or one hung): a pin waited for it without a word. It logs that it waits, and
   for which file, once.

Tiny made-up files written by the tests into ``tmp_path``; the HTTP server is a local one.
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading

import pytest

from exposure import fetch as F
from exposure import releases as R
from exposure.cli import main
from exposure.errors import DataFormatError, DownloadError, ExposureError

DATA = b"a,b\n" + b"1,2\n" * 40000
SHA = hashlib.sha256(DATA).hexdigest()
HEADER = R._LOCK_HEADER + "name\tsize\tsha256\turl\tmember\n"


@pytest.fixture
def env(tmp_path, monkeypatch, cache_in_tmp):
    """No mirror, cache or home from the environment; a cache in ``tmp_path``."""
    monkeypatch.delenv("EXPOSURE_HOME", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    return tmp_path


# 1. $EXPOSURE_HOME is a file ---------------------------------------------------------------

@pytest.mark.parametrize("below", ["", "sub"])
def test_sources_releases_with_a_home_that_is_a_file(env, monkeypatch, capsys, below):
    f = env / "f.txt"
    f.write_text("notes\n")
    monkeypatch.setenv("EXPOSURE_HOME", str(f / below) if below else str(f))
    rc = main(["sources", "--releases"])
    err = capsys.readouterr().err
    assert rc == 2
    assert "no pinned file yet" not in err
    assert str(f) in err and "is a file, not a directory" in err and "$EXPOSURE_HOME" in err
    assert len(err.strip().splitlines()) == 1


def test_fetch_of_a_new_release_with_a_home_that_is_a_file(env, monkeypatch, capsys):
    f = env / "f.txt"
    f.write_text("notes\n")
    monkeypatch.setenv("EXPOSURE_HOME", str(f))
    rc = main(["fetch", "onet/31.0"])
    err = capsys.readouterr().err
    assert rc == 2
    assert "is a file, not a directory" in err and "pinned yet" not in err


def test_load_with_a_home_that_is_a_file_does_not_read_the_shipped_tables(env, monkeypatch):
    import exposure

    f = env / "f.txt"
    f.write_text("notes\n")
    monkeypatch.setenv("EXPOSURE_HOME", str(f))
    with pytest.raises(ExposureError, match=r"\$EXPOSURE_HOME .*f\.txt.* is a file, not a directory"):
        exposure.load("soc_scores")


def test_a_store_or_a_lock_under_a_file_is_refused(env):
    f = env / "f.txt"
    f.write_text("notes\n")
    with pytest.raises(ExposureError, match="home .*f.txt.* is a file, not a directory"):
        F.DataStore(cache=env / "cache", home=f)
    with pytest.raises(ExposureError, match="home .*f.txt.* is a file, not a directory"):
        F.DataStore.default(home=f / "sub")
    with pytest.raises(DataFormatError, match="f.txt is a file, not a directory") as info:
        R.Lock(f / "exposure.lock").entries()
    assert info.value.path is not None and "exposure.lock" in str(info.value.path)


# 2. a lock line with the right sha256 and a wrong size --------------------------------------

def _lock(home, url, size):
    home.mkdir(parents=True, exist_ok=True)
    (home / "exposure.lock").write_text(HEADER + f"demo/a.csv\t{size}\t{SHA}\t{url}\t\n")


def test_a_wrong_size_in_the_lock_is_refused_once_the_file_is_known(env):
    _lock(env / "home", "https://example.org/a.csv", 10)
    mirror = env / "mirror"
    (mirror / "demo").mkdir(parents=True)
    (mirror / "demo" / "a.csv").write_bytes(DATA)
    store = F.DataStore(cache=env / "cache", home=env / "home", mirror=mirror)
    with pytest.raises(DataFormatError) as info:
        F.fetch("demo/a.csv", store=store)
    exc = info.value
    assert exc.row == 5 and exc.column == "size" and str(exc.path).endswith("exposure.lock")
    assert f"{len(DATA)} bytes" in str(exc) and "10" in str(exc)


def test_a_right_size_in_the_lock_is_read(env):
    _lock(env / "home", "https://example.org/a.csv", len(DATA))
    mirror = env / "mirror"
    (mirror / "demo").mkdir(parents=True)
    (mirror / "demo" / "a.csv").write_bytes(DATA)
    store = F.DataStore(cache=env / "cache", home=env / "home", mirror=mirror)
    assert F.fetch("demo/a.csv", store=store).read_bytes() == DATA


def test_a_download_cut_by_the_lock_size_names_the_lock_line(env, server):
    server.routes["/a.csv"] = (200, {}, DATA)
    _lock(env / "home", f"{server.url}/a.csv", 10)
    store = F.DataStore(cache=env / "cache", home=env / "home")
    with pytest.raises(DownloadError) as info:
        F.fetch("demo/a.csv", store=store, retries=0, backoff=0.0, timeout=5.0)
    msg = str(info.value)
    assert "more than the" in msg
    assert "exposure.lock" in msg and "row 5" in msg and "size" in msg and "10 bytes" in msg
    assert not (env / "cache" / "demo" / "a.csv").exists()


# 3. a relative $EXPOSURE_HOME / $EXPOSURE_DATA_DIR -----------------------------------------

@pytest.mark.parametrize("var", ["EXPOSURE_HOME", "EXPOSURE_DATA_DIR"])
@pytest.mark.parametrize("value", ["home", "$HOME/x", "./rel/dir"])
def test_a_relative_environment_directory_is_refused(env, monkeypatch, var, value):
    monkeypatch.chdir(env)
    monkeypatch.setenv(var, value)
    with pytest.raises(ExposureError, match=rf"\${var} '{value.replace('$', '[$]')}' is a relative path"):
        F.DataStore.default()
    assert not (env / value).exists()


def test_a_relative_home_in_the_cli_is_one_line(env, monkeypatch, capsys):
    monkeypatch.chdir(env)
    monkeypatch.setenv("EXPOSURE_HOME", "home")
    rc = main(["sources", "--releases"])
    err = capsys.readouterr().err
    assert rc == 2 and "$EXPOSURE_HOME 'home' is a relative path" in err
    assert str(env / "home") in err


# 4. surrounding spaces -------------------------------------------------------------------

@pytest.mark.parametrize("var", ["EXPOSURE_HOME", "EXPOSURE_DATA_DIR"])
def test_an_environment_directory_with_surrounding_spaces_is_refused(env, monkeypatch, var):
    monkeypatch.setenv(var, f"{env / 'home'} ")
    with pytest.raises(ExposureError, match=rf"\${var} .* has surrounding spaces"):
        F.DataStore.default()
    assert not (env / "home ").exists()


def test_a_blank_environment_directory_is_still_the_default(env, monkeypatch):
    monkeypatch.setenv("EXPOSURE_HOME", "  ")
    assert F.default_home() == env / "xdg-data" / "exposure"


# 5. a lock file that is a dangling symbolic link ------------------------------------------

def test_a_pin_follows_a_dangling_link_to_the_lock(env):
    (env / "x.txt").write_bytes(b"abc")
    (env / "home").mkdir()
    (env / "project").mkdir()
    os.symlink(env / "project" / "exposure.lock", env / "home" / "exposure.lock")
    lock = R.Lock(env / "home" / "exposure.lock")
    lock.pin(R.layout_source("onet/31.0/Job Zones.txt"), env / "x.txt")
    lock.pin(R.layout_source("onet/31.0/Task Ratings.txt"), env / "x.txt")
    assert (env / "home" / "exposure.lock").is_symlink()
    assert set(R.Lock(env / "project" / "exposure.lock").entries()) == {
        "onet/31.0/Job Zones.txt", "onet/31.0/Task Ratings.txt"}


# 6. a lock file another process holds ----------------------------------------------------

@pytest.mark.skipif(R.fcntl is None, reason="no file locks on this platform")
def test_a_pin_that_waits_for_another_says_so(env, caplog):
    (env / "x.txt").write_bytes(b"abc")
    (env / "home").mkdir()
    lock = R.Lock(env / "home" / "exposure.lock")
    side = env / "home" / ".exposure.lock.flock"
    fd = os.open(side, os.O_RDWR | os.O_CREAT, 0o644)
    R.fcntl.flock(fd, R.fcntl.LOCK_EX)  # another run holds it
    done = threading.Event()
    errors = []

    def pin():
        try:
            lock.pin(R.layout_source("onet/31.0/Job Zones.txt"), env / "x.txt")
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        done.set()

    with caplog.at_level(logging.WARNING, logger="exposure.releases"):
        thread = threading.Thread(target=pin, daemon=True)
        thread.start()
        waited = False
        for _ in range(150):  # until the pin says it waits (or gives up after 15 s)
            if any("waiting" in r.getMessage() for r in caplog.records):
                waited = True
                break
            if done.wait(0.1):
                break
        os.close(fd)  # the other run is done
        thread.join(30)
    assert waited, [r.getMessage() for r in caplog.records]
    message = next(r.getMessage() for r in caplog.records if "waiting" in r.getMessage())
    assert "exposure.lock" in message
    assert not errors and set(lock.entries()) == {"onet/31.0/Job Zones.txt"}
