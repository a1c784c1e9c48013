"""DataStore: one object for mirror, cache, user data directory, lock file, User-Agent."""

from __future__ import annotations

import hashlib

import pytest

from exposure import fetch as F
from exposure.errors import ExposureError
from exposure.sources import Source

ENV = ("EXPOSURE_DATA_DIR", "EXPOSURE_HOME", "EXPOSURE_MIRROR", "EXPOSURE_URL_MAP",
       "EXPOSURE_USER_AGENT")


@pytest.fixture()
def clean_env(monkeypatch, tmp_path):
    for name in ENV:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    return tmp_path


def test_defaults_are_the_platform_user_directories(clean_env):
    store = F.DataStore.default()
    assert store.cache == clean_env / "xdg-cache" / "exposure"
    assert store.home == clean_env / "xdg-data" / "exposure"
    assert store.mirror is None and store.url_map == ()
    assert store.user_agent == F.USER_AGENT
    assert store.lock_path == store.home / "exposure.lock"
    assert store.timings_path.is_relative_to(store.cache)


def test_never_the_current_directory_or_the_checkout(clean_env, monkeypatch):
    work = clean_env / "work"
    work.mkdir()
    (work / "pyproject.toml").write_text('[project]\nname = "ai-exposure"\n')
    monkeypatch.chdir(work)
    store = F.DataStore.default()
    repo = F.Path(F.__file__).resolve().parents[2]
    for path in (store.cache, store.home, F.default_data_dir(), F.default_home()):
        assert path.is_absolute()
        assert not path.is_relative_to(work) and not path.is_relative_to(repo)


def test_environment_variables_then_arguments(clean_env, monkeypatch):
    mirror = clean_env / "mirror"
    mirror.mkdir()
    monkeypatch.setenv("EXPOSURE_DATA_DIR", str(clean_env / "env-cache"))
    monkeypatch.setenv("EXPOSURE_HOME", str(clean_env / "env-home"))
    monkeypatch.setenv("EXPOSURE_MIRROR", str(mirror))
    monkeypatch.setenv("EXPOSURE_USER_AGENT", "study/1 (me@example.org)")
    monkeypatch.setenv("EXPOSURE_URL_MAP", "https://a.org=http://127.0.0.1:1/a "
                       "https://b.org=http://127.0.0.1:1/b")
    store = F.DataStore.default()
    assert (store.cache, store.home, store.mirror) == (
        clean_env / "env-cache", clean_env / "env-home", mirror)
    assert store.user_agent == "study/1 (me@example.org)"
    assert store.url("https://b.org/x.zip") == "http://127.0.0.1:1/b/x.zip"
    assert store.url("https://c.org/x.zip") == "https://c.org/x.zip"
    args = F.DataStore.default(cache=clean_env / "c", home=clean_env / "h", mirror=mirror)
    assert (args.cache, args.home) == (clean_env / "c", clean_env / "h")
    assert F.DataStore.default(data_dir=clean_env / "d").cache == clean_env / "d"


def test_bad_settings_are_clear_errors(clean_env, monkeypatch):
    with pytest.raises(ExposureError, match="mirror directory .* does not exist"):
        F.DataStore.default(mirror=clean_env / "nope")
    monkeypatch.setenv("EXPOSURE_URL_MAP", "https://a.org")
    with pytest.raises(ExposureError, match="EXPOSURE_URL_MAP: expected OLD=NEW pairs"):
        F.DataStore.default()


def test_resolve_store_keeps_mirror_and_data_dir_keywords(clean_env):
    mirror = clean_env / "mirror"
    mirror.mkdir()
    store = F.DataStore(cache=clean_env / "c", home=clean_env / "h")
    assert F.resolve_store(store) is store
    moved = F.resolve_store(store, mirror=mirror, data_dir=clean_env / "c2")
    assert (moved.mirror, moved.cache, moved.home) == (mirror, clean_env / "c2", store.home)
    built = F.resolve_store(None, mirror=mirror, data_dir=clean_env / "c3")
    assert (built.mirror, built.cache) == (mirror, clean_env / "c3")
    assert F.resolve_data_dir(store) == store.cache


def test_fetch_with_a_store_reads_its_mirror_into_its_cache(clean_env):
    mirror = clean_env / "mirror"
    (mirror / "demo").mkdir(parents=True)
    data = b"x,y\n1,2\n"
    (mirror / "demo" / "a.csv").write_bytes(data)
    src = Source(name="demo/a.csv", release="1", url="https://example.org/a.csv",
                 sha256=hashlib.sha256(data).hexdigest(), size=len(data), licence="CC0",
                 attribution="demo")
    store = F.DataStore(cache=clean_env / "cache", home=clean_env / "home", mirror=mirror)
    path = F.fetch(src, store=store)
    assert path == store.cache / "demo" / "a.csv" and path.read_bytes() == data
    assert F.fetch(src, mirror=mirror, data_dir=store.cache) == path  # keywords still work
    assert not store.lock_path.exists()  # registry pins never touch the lock file


def test_store_source_resolves_registry_lock_and_layout(clean_env):
    store = F.DataStore(cache=clean_env / "c", home=clean_env / "h")
    assert store.source("onet/29.1/Task Statements.txt").pinned
    new = store.source("onet/31.0/Task Statements.txt")
    assert not new.pinned and new.member == "db_31_0_text/Task Statements.txt"
    f = clean_env / "t.txt"
    f.write_bytes(b"tasks")
    store.lock.pin(new, f)
    assert store.source("onet/31.0/Task Statements.txt").sha256 == hashlib.sha256(
        b"tasks").hexdigest()
    with pytest.raises(ExposureError, match="unknown source 'onet/29.1/Task Statement.txt'"):
        F.fetch("onet/29.1/Task Statement.txt", store=store)
