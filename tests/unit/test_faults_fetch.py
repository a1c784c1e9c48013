"""Faults of the download and cache layer (issue 11, items 3, 4, 8, 9, 10, 11).

Each test is a case that the code before issue 11 got wrong: a cached file edited in place
that kept its size and mtime, a mirror that is also the cache, partial files left by a
killed run, a server that trickles, a body far longer than the pinned file, an unasked-for
gzip body, a zip with a symbolic-link member, a cache directory that is a file or sits on
a read-only file system. The HTTP cases run a real server on 127.0.0.1; the permission
cases run the CLI as the unprivileged user ``nobody`` (root ignores permission bits), the
read-only cases on a tmpfs mounted read-only (skipped with a reason where mounting is not
allowed).
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import os
import signal
import stat
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from _fetch_helpers import MIRROR, OEWS, OEWS_SHA, files_under
from _fetch_helpers import make_source as _make_source
from _privileges import mount_tmpfs, remount_readonly, run_as_nobody, umount

from exposure import fetch as F
from exposure.errors import ChecksumMismatchError, DataFormatError, DownloadError, OutputError

DATA = (MIRROR / OEWS).read_bytes()
EXPOSURE = [sys.executable, "-m", "exposure.cli"]
#: the made-up sources here pin the demo file's size (downloads are capped by it) by default
make_source = functools.partial(_make_source, size=len(DATA))


def tree_state(root: Path) -> dict[str, tuple[int, bytes]]:
    """Every entry below root (directories included) with its mode and content."""
    out = {}
    for p in sorted(root.rglob("*")):
        st = p.lstat()
        out[p.relative_to(root).as_posix()] = (st.st_mode, p.read_bytes() if p.is_file() else b"")
    return out


pytestmark = pytest.mark.usefixtures("no_env")


@pytest.fixture
def readonly_fs(open_tmp):
    """A read-only tmpfs with an empty directory ``cache`` on it (skip when not allowed)."""
    mnt = open_tmp / "ro"
    mnt.mkdir()
    mount_tmpfs(mnt)
    try:
        (mnt / "cache").mkdir()
        remount_readonly(mnt)
        yield mnt
    finally:
        umount(mnt)


# --------------------------------------------------------------------------- item 3


def test_cache_file_edited_in_place_keeping_size_and_mtime_is_detected(tmp_path):
    """Old code trusted the stamp (size + mtime) and returned the edited file."""
    src = make_source()
    path = F.fetch(src, mirror=MIRROR, data_dir=tmp_path)
    st = path.stat()
    edited = DATA.replace(b"1230", b"9999")
    assert len(edited) == len(DATA) and edited != DATA
    path.write_bytes(edited)
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))  # size and mtime as before
    assert path.stat().st_size == st.st_size and path.stat().st_mtime_ns == st.st_mtime_ns
    # without a mirror the corrupt copy is refused, not used
    with pytest.raises(DownloadError):
        F.fetch(make_source(mirror_only=True, notes="made up"), data_dir=tmp_path)
    assert not path.exists()
    # with the mirror it is fetched again, verified
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(edited)
    assert F.fetch(src, mirror=MIRROR, data_dir=tmp_path).read_bytes() == DATA


def test_cache_status_listing_sees_an_edit_in_place(tmp_path):
    src = make_source()
    path = F.fetch(src, mirror=MIRROR, data_dir=tmp_path)
    st = path.stat()
    path.write_bytes(DATA.replace(b"1230", b"9999"))
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert F.cache_status(src, tmp_path) == "mismatch"  # the stamp no longer matches


def test_rehash_drop_removes_a_bad_file_and_its_stamp(tmp_path):
    """Old `--rehash` reported the mismatch but kept the file (and used it next time)."""
    src = make_source()
    path = F.fetch(src, mirror=MIRROR, data_dir=tmp_path)
    stamp = tmp_path / ".verified" / (OEWS + ".sha256")
    assert stamp.is_file()
    path.write_bytes(b"corrupt\n")
    assert F.cache_status(src, tmp_path, rehash=True, drop=True) == "removed"
    assert not path.exists() and not stamp.exists()
    assert F.cache_status(src, tmp_path) == "missing"


# --------------------------------------------------------------------------- item 4


def _mirror_copy(root: Path, data: bytes = DATA) -> Path:
    (root / "oews").mkdir(parents=True)
    (root / OEWS).write_bytes(data)
    return root


@pytest.mark.parametrize("via", ["arguments", "environment"])
def test_mirror_equal_to_cache_is_never_written_or_deleted(tmp_path, monkeypatch, via):
    """Old code deleted the only copy of a wrong-hash mirror file and wrote .verified/."""
    mirror = _mirror_copy(tmp_path / "m", DATA + b"changed\n")
    before = tree_state(mirror)
    kwargs = {"mirror": mirror, "data_dir": mirror}
    if via == "environment":
        monkeypatch.setenv("EXPOSURE_MIRROR", str(mirror))
        monkeypatch.setenv("EXPOSURE_DATA_DIR", str(mirror))
        kwargs = {}
    with pytest.raises(ChecksumMismatchError) as info:
        F.fetch(make_source(), **kwargs)
    assert str(mirror / OEWS) in str(info.value)
    assert tree_state(mirror) == before  # nothing deleted, no .verified/, no temp files


def test_mirror_equal_to_cache_good_file_is_read_in_place(tmp_path):
    mirror = _mirror_copy(tmp_path / "m")
    before = tree_state(mirror)
    path = F.fetch(make_source(), mirror=mirror, data_dir=mirror)
    assert path == mirror / OEWS and path.read_bytes() == DATA
    assert F.cache_status(make_source(), mirror, rehash=True, drop=True, mirror=mirror) == "verified"
    assert tree_state(mirror) == before


def test_mirror_reached_through_a_symlink_is_still_the_mirror(tmp_path):
    mirror = _mirror_copy(tmp_path / "m", b"wrong\n")
    (tmp_path / "link").symlink_to(mirror)
    before = tree_state(mirror)
    with pytest.raises(ChecksumMismatchError):
        F.fetch(make_source(), mirror=mirror, data_dir=tmp_path / "link")
    with pytest.raises(ChecksumMismatchError):
        F.fetch(make_source(), mirror=tmp_path / "link", data_dir=mirror)
    assert F.cache_status(make_source(), tmp_path / "link", rehash=True, drop=True,
                          mirror=mirror) == "mismatch"
    assert tree_state(mirror) == before


def test_rehash_drop_never_removes_a_mirror_file(tmp_path, monkeypatch):
    mirror = _mirror_copy(tmp_path / "m", b"wrong\n")
    monkeypatch.setenv("EXPOSURE_MIRROR", str(mirror))
    before = tree_state(mirror)
    assert F.cache_status(make_source(), mirror, rehash=True, drop=True) == "mismatch"
    assert tree_state(mirror) == before


# --------------------------------------------------------------------------- item 8


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_stale_partial_files_are_removed_by_the_next_fetch(tmp_path):
    """Old code left `.NAME.XXXX.tmp` partial files of a killed fetch for ever."""
    cache = tmp_path / "cache"
    (cache / "oews").mkdir(parents=True)
    dead = cache / "oews" / f".demo.csv.p{_dead_pid()}-abc123.tmp"
    dead.write_bytes(b"x" * 1000)
    old_style = cache / "oews" / ".demo.csv.k2j4h5g6.tmp"  # exposure._io.atomic_path naming
    old_style.write_bytes(b"y" * 1000)
    an_hour_ago = time.time() - 3600
    os.utime(old_style, (an_hour_ago, an_hour_ago))
    live = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        alive = cache / "oews" / f".demo.csv.p{live.pid}-def456.tmp"
        alive.write_bytes(b"z")
        other = cache / "oews" / ".other.csv.p1-abc.tmp"  # another file's partial: not ours
        other.write_bytes(b"o")
        F.fetch(make_source(), mirror=MIRROR, data_dir=cache)
        assert not dead.exists() and not old_style.exists()
        assert alive.exists()  # a live writer's file is left alone
        assert other.exists()
    finally:
        live.kill()
        live.wait()


def test_stale_partial_files_are_removed_even_when_the_file_is_cached(tmp_path):
    cache = tmp_path / "cache"
    F.fetch(make_source(), mirror=MIRROR, data_dir=cache)
    dead = cache / "oews" / f".demo.csv.p{_dead_pid()}-abc123.tmp"
    dead.write_bytes(b"x" * 1000)
    F.fetch(make_source(), data_dir=cache)
    assert not dead.exists()
    assert files_under(cache) == [".verified/oews/demo.csv.sha256", "oews/demo.csv"]


def test_failed_copy_leaves_no_partial_file(tmp_path):
    mirror = _mirror_copy(tmp_path / "m", DATA + b"x")
    cache = tmp_path / "cache"
    with pytest.raises(ChecksumMismatchError):
        F.fetch(make_source(), mirror=mirror, data_dir=cache)
    assert files_under(cache) == []


# --------------------------------------------------------------------------- HTTP


@pytest.mark.network
def test_trickling_server_hits_the_overall_deadline(scripted_server, tmp_path):
    """Old code had only a per-read timeout: one byte a second kept it alive for ever."""
    scripted_server.routes["/slow.csv"] = {"body": DATA * 50, "trickle": 0.05}
    t0 = time.monotonic()
    with pytest.raises(DownloadError, match="deadline"):
        F.download(scripted_server.url("/slow.csv"), tmp_path / "slow.csv", retries=2, backoff=0.0,
                   timeout=(2.0, 2.0), deadline=1.5)
    assert time.monotonic() - t0 < 4.0
    assert files_under(tmp_path) == []


@pytest.mark.network
def test_fetch_uses_the_default_deadline(scripted_server, tmp_path, monkeypatch):
    scripted_server.routes["/slow.csv"] = {"body": DATA, "trickle": 0.05}
    monkeypatch.setattr(F, "DEADLINE", 1.0)
    src = make_source(url=scripted_server.url("/slow.csv"))
    with pytest.raises(DownloadError, match="deadline"):
        F.fetch(src, data_dir=tmp_path, retries=0, timeout=2.0)
    assert files_under(tmp_path) == []


@pytest.mark.network
@pytest.mark.parametrize("announce", [True, False])
def test_body_longer_than_the_pinned_size_is_cut_off(scripted_server, tmp_path, announce):
    """Old code read a 50 MB body for a file pinned at 8 bytes in full."""
    big = b"a,b\n" * (4 * 1024 * 1024)  # 16 MiB
    scripted_server.routes["/x.csv"] = {"body": big, "length": len(big) if announce else None}
    src = make_source("demo/x.csv", hashlib.sha256(b"a,b\n1,2\n").hexdigest(), size=8,
                      url=scripted_server.url("/x.csv"))
    with pytest.raises(DownloadError, match="expected") as info:
        F.fetch(src, data_dir=tmp_path, retries=0, timeout=5.0)
    assert "nothing" in str(info.value)
    assert files_under(tmp_path) == []
    time.sleep(0.2)
    assert scripted_server.sent["/x.csv"] < len(big)  # the client stopped reading


@pytest.mark.network
def test_unrequested_gzip_body_is_refused(scripted_server, tmp_path):
    """Old code expanded a gzip body it had not asked for (204 KB became 200 MB)."""
    packed = gzip.compress(DATA)
    scripted_server.routes["/demo.csv"] = {"body": packed, "headers": {"Content-Encoding": "gzip"}}
    with pytest.raises(DownloadError, match="Content-Encoding 'gzip'"):
        F.download(scripted_server.url("/demo.csv"), tmp_path / "demo.csv", retries=0, timeout=5.0)
    assert files_under(tmp_path) == []
    assert scripted_server.encodings == ["identity"]


@pytest.mark.network
def test_unrequested_gzip_refused_with_a_caller_session(scripted_server, tmp_path):
    import requests

    packed = gzip.compress(DATA)
    scripted_server.routes["/demo.csv"] = {"body": packed, "headers": {"Content-Encoding": "gzip"}}
    with requests.Session() as session, pytest.raises(DownloadError, match="Content-Encoding"):
        F.download(scripted_server.url("/demo.csv"), tmp_path / "demo.csv", retries=0, timeout=5.0,
                   session=session)
    # asked for identity on the caller's session too
    assert scripted_server.encodings == ["identity"]


@pytest.mark.network
def test_download_still_works_within_limits(scripted_server, tmp_path):
    scripted_server.routes["/demo.csv"] = {"body": DATA}
    src = make_source(url=scripted_server.url("/demo.csv"))
    assert F.fetch(src, data_dir=tmp_path, retries=0, timeout=5.0).read_bytes() == DATA


# --------------------------------------------------------------------------- item 11


def _zip_with_symlink(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("db/a.txt", "a")
        link = zipfile.ZipInfo("db/link")
        link.create_system = 3
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        zf.writestr(link, "/etc/passwd")
        zf.writestr("db/z.txt", "z")
    return path


def test_extract_zip_refuses_a_symlink_member_before_writing(tmp_path):
    """Old code wrote some files, then raised IsADirectoryError or wrote a link's text."""
    archive = _zip_with_symlink(tmp_path / "a.zip")
    with pytest.raises(DataFormatError, match="'db/link' is a symbolic link") as info:
        F.extract_zip(archive, tmp_path / "out")
    assert str(archive) in str(info.value)
    assert files_under(tmp_path / "out") == []


def test_extract_zip_refuses_a_file_used_as_a_directory(tmp_path):
    archive = tmp_path / "a.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("db/x", "file")
        zf.writestr("db/x/y.txt", "inside")
    with pytest.raises(DataFormatError, match="needs 'db/x' to be a directory"):
        F.extract_zip(archive, tmp_path / "out")
    assert files_under(tmp_path / "out") == []


def test_extract_zip_refuses_a_member_over_an_existing_directory(tmp_path):
    archive = tmp_path / "a.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("db/a.txt", "a")
        zf.writestr("db/sub", "file")
    (tmp_path / "out" / "db" / "sub").mkdir(parents=True)
    with pytest.raises(DataFormatError, match="would replace the directory"):
        F.extract_zip(archive, tmp_path / "out")
    assert files_under(tmp_path / "out") == []


def test_archive_member_that_is_a_symlink_is_a_download_error(tmp_path):
    archive = _zip_with_symlink(tmp_path / "db.zip")
    src = make_source("onet/demo/link", "0" * 64, archive_url="https://example.org/db.zip",
                      member="db/link")
    with pytest.raises(DownloadError, match="symbolic link"):
        F._extract_member_verified(archive, src, tmp_path / "cache" / "link")
    assert files_under(tmp_path / "cache") == []


# --------------------------------------------------------------------------- cache dir


def test_data_dir_that_is_a_file_is_a_clear_error(tmp_path):
    """Old code raised FileExistsError / NotADirectoryError from deep inside."""
    not_dir = tmp_path / "cache"
    not_dir.write_text("i am a file")
    with pytest.raises(F.CacheWriteError, match="exists and is not a directory"):
        F.fetch(make_source(), mirror=MIRROR, data_dir=not_dir)
    with pytest.raises(F.CacheWriteError, match="cannot create the cache directory"):
        F.fetch(make_source(), mirror=MIRROR, data_dir=not_dir / "sub")
    assert not_dir.read_text() == "i am a file"


def test_fetch_cli_data_dir_is_a_file(tmp_path):
    not_dir = tmp_path / "cache"
    not_dir.write_text("x")
    res = subprocess.run(EXPOSURE + ["fetch", "--mirror", str(MIRROR), "--data-dir",
                                     str(not_dir), "onet/29.1/Task Statements.txt"],
                         capture_output=True, text=True, timeout=120)
    assert res.returncode == 2, res.stderr
    assert "Traceback" not in res.stderr
    lines = [x for x in res.stderr.splitlines() if x.strip()]
    assert len(lines) == 1 and str(not_dir) in lines[0] and "not a directory" in lines[0]


def test_fetch_cli_on_a_read_only_file_system(readonly_fs, shared_data):
    res = subprocess.run(EXPOSURE + ["fetch", "--mirror", str(shared_data.resolve()), "--data-dir",
                                     str(readonly_fs / "cache"), "onet/29.1/Job Zones.txt",
                                     "onet/29.1/Task Statements.txt"],
                         capture_output=True, text=True, timeout=120)
    assert res.returncode == 2, res.stderr
    assert "Traceback" not in res.stderr
    lines = [x for x in res.stderr.splitlines() if x.strip()]
    assert len(lines) == 1, res.stderr
    assert "Read-only file system" in lines[0] and str(readonly_fs / "cache") in lines[0]
    assert files_under(readonly_fs) == []


def test_fetch_cli_on_a_directory_the_user_cannot_write(open_tmp, shared_data):
    cache = open_tmp / "cache"
    cache.mkdir(mode=0o755)  # owned by root: nobody cannot write
    res = run_as_nobody(EXPOSURE + ["fetch", "--mirror", str(shared_data.resolve()), "--data-dir",
                                    str(cache), "onet/29.1/Job Zones.txt"],
                        cwd=open_tmp)
    assert res.returncode == 2, res.stderr
    assert "Traceback" not in res.stderr
    lines = [x for x in res.stderr.splitlines() if x.strip()]
    assert len(lines) == 1 and "Permission denied" in lines[0] and str(cache) in lines[0]
    assert files_under(cache) == []


def test_read_only_cache_with_verified_files_still_works(open_tmp, shared_data):
    cache = open_tmp / "cache"
    F.fetch("onet/29.1/Job Zones.txt", mirror=shared_data, data_dir=cache)
    for p in [cache, *cache.rglob("*")]:
        p.chmod(p.stat().st_mode & ~0o222)
    res = run_as_nobody(EXPOSURE + ["fetch", "--data-dir", str(cache), "onet/29.1/Job Zones.txt"],
                        cwd=open_tmp)
    assert res.returncode == 0, res.stderr
    assert "1 of 1 file verified" in res.stdout


# --------------------------------------------------------------------------- SIGTERM


@pytest.mark.network
def test_sigterm_during_fetch_cleans_up_and_exits_143(scripted_server, open_tmp):
    """Old code had no handler: a killed fetch left its partial file behind."""
    name = "reference/anthropic_economic_index/onet_task_statements.csv"
    route = "/gianluigilopardo/AnthropicEconomicIndex/b2181087/onet_task_statements.csv"
    scripted_server.routes[route] = {"body": b"x" * 100_000, "trickle": 0.001}
    url_map = f"https://raw.githubusercontent.com={scripted_server.url('')}"
    env = {**os.environ, "EXPOSURE_URL_MAP": url_map, "EXPOSURE_HOME": str(open_tmp / "home")}
    env.pop("EXPOSURE_MIRROR", None)
    proc = subprocess.Popen(EXPOSURE + ["fetch", "--data-dir", str(open_tmp / "cache"), name],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    partial_dir = open_tmp / "cache" / "reference" / "anthropic_economic_index"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not (partial_dir.is_dir() and any(partial_dir.iterdir())):
        time.sleep(0.05)
    assert partial_dir.is_dir() and any(partial_dir.iterdir()), "the download never started"
    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 143, err
    assert "Traceback" not in err and "terminated" in err
    assert files_under(open_tmp / "cache") == []


def test_full_cache_file_system_is_a_clear_error(open_tmp, shared_data):
    mnt = open_tmp / "small"
    mnt.mkdir()
    mount_tmpfs(mnt, size="64k")
    try:
        with pytest.raises(F.CacheWriteError, match="No space left on device"):
            F.fetch("onet/29.1/Task Statements.txt", mirror=shared_data, data_dir=mnt)
        assert files_under(mnt) == []
    finally:
        umount(mnt)


def test_a_directory_in_place_of_the_cached_file(tmp_path):
    # One entry in the way is an error of that file, not of the cache (fetch_many and
    # `exposure fetch` go on with the others: see test_cli_data.py).
    (tmp_path / OEWS).mkdir(parents=True)
    with pytest.raises(OutputError, match="a directory is in the place of the cached") as info:
        F.fetch(make_source(), mirror=MIRROR, data_dir=tmp_path)
    assert not isinstance(info.value, F.CacheWriteError)
    assert info.value.path == str(tmp_path / OEWS)
    assert files_under(tmp_path) == []
    (tmp_path / OEWS).rmdir()
    (tmp_path / "oews").rmdir()
    (tmp_path / "oews").write_text("x")  # a file where the file's folder belongs
    with pytest.raises(OutputError, match="a file is in the place of a directory") as info:
        F.fetch(make_source(), mirror=MIRROR, data_dir=tmp_path)
    assert info.value.path == str(tmp_path / "oews")


def test_corrupt_archive_member_is_a_download_error_and_the_archive_goes(tmp_path):
    archive = tmp_path / "cache" / ".archives" / "db.zip"
    archive.parent.mkdir(parents=True)
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("db/demo.csv", DATA * 50)
    raw = bytearray(archive.read_bytes())
    start = raw.index(b"db/demo.csv") + len(b"db/demo.csv")  # local header name, then data
    for i in range(start + 10, start + 60):
        raw[i] ^= 0xFF
    archive.write_bytes(bytes(raw))
    src = make_source("onet/demo/demo.csv", OEWS_SHA, archive_url="https://example.org/db.zip",
                      member="db/demo.csv")
    with pytest.raises(DownloadError, match="corrupt"):
        F._from_network(tmp_path / "cache", src, tmp_path / "cache" / "onet/demo/demo.csv")
    assert files_under(tmp_path / "cache") == []


def test_sources_rehash_cli_drops_a_bad_file(tmp_path, capsys):
    """Old `exposure sources NAME --rehash` reported the mismatch but kept the file."""
    from exposure.cli import main

    name = "onet/29.1/Job Zones.txt"
    bad = tmp_path / name
    bad.parent.mkdir(parents=True)
    bad.write_text("edited\n")
    stamp = tmp_path / ".verified" / (name + ".sha256")
    stamp.parent.mkdir(parents=True)
    stamp.write_text("stale stamp\n")
    assert main(["sources", "--data-dir", str(tmp_path), "--rehash", name]) == 1
    out = capsys.readouterr().out
    assert "removed" in out
    assert not bad.exists() and not stamp.exists()
    assert main(["sources", "--data-dir", str(tmp_path), name]) == 0
    assert "missing" in capsys.readouterr().out


def test_sources_lists_an_unreadable_cached_file(open_tmp):
    cache = open_tmp / "cache"
    F.fetch(make_source(), mirror=MIRROR, data_dir=cache)
    (cache / OEWS).chmod(0o600)  # root's: nobody cannot read it
    (cache / ".verified").chmod(0o700)
    code = ("import sys; sys.path.insert(0, %r)\n"
            "import test_faults_fetch as t\n"
            "import exposure.fetch as F\n"
            "print(F.cache_status(t.make_source(), %r, rehash=True, drop=True))\n"
            % (str(Path(__file__).parent), str(cache)))
    res = run_as_nobody([sys.executable, "-c", code], cwd=open_tmp)
    assert res.returncode == 0, res.stderr
    assert res.stdout.strip() == "unreadable"
    assert (cache / OEWS).exists()


# ------------------------------------------------------------------ third round (issue 11)


def _marked_mirror(root: Path, data: bytes = DATA) -> Path:
    """A mirror copy with the mirror's MANIFEST.tsv, named by no --mirror/$EXPOSURE_MIRROR."""
    _mirror_copy(root, data)
    (root / "MANIFEST.tsv").write_text(
        f"path\tbytes\tsha256\torigin\n{OEWS}\t{len(DATA)}\t{OEWS_SHA}\tfixture\n")
    return root


def test_a_directory_marked_as_a_mirror_is_read_only_without_being_named(tmp_path):
    # Old code wrote .verified/ into a mirror used as the cache and deleted its corrupt
    # files, unless --mirror/$EXPOSURE_MIRROR also named it.
    good = _marked_mirror(tmp_path / "good")
    before = tree_state(good)
    assert F.cache_status(make_source(), good, rehash=True, drop=True) == "verified"
    assert F.fetch(make_source(), data_dir=good) == good / OEWS
    assert F.fetch(make_source(), data_dir=good / "cache") == good / OEWS  # inside it
    assert tree_state(good) == before
    bad = _marked_mirror(tmp_path / "bad", DATA + b"changed\n")
    before = tree_state(bad)
    assert F.cache_status(make_source(), bad, rehash=True, drop=True) == "mismatch"
    with pytest.raises(ChecksumMismatchError, match="read from " + str(bad / OEWS)):
        F.fetch(make_source(), data_dir=bad)
    assert tree_state(bad) == before


def test_sources_rehash_cli_never_removes_a_mirror_file(tmp_path, capsys):
    """Old `exposure sources --data-dir MIRROR --rehash` printed 'removed' and deleted it."""
    from exposure.cli import main

    mirror = tmp_path / "m"
    name = "onet/29.1/Job Zones.txt"
    (mirror / name).parent.mkdir(parents=True)
    (mirror / name).write_text("edited\n")
    (mirror / "MANIFEST.tsv").write_text("path\tbytes\tsha256\torigin\n")
    before = tree_state(mirror)
    assert main(["sources", "--data-dir", str(mirror), "--rehash", name]) == 1
    out = capsys.readouterr().out.splitlines()
    assert "  mismatch  " in out[1] and "removed" not in out[1]
    assert out[-1].endswith("(a mirror: read-only, nothing removed)")
    assert tree_state(mirror) == before


@pytest.mark.network
def test_endless_archive_download_is_cut_off(scripted_server, tmp_path, monkeypatch):
    """Old code downloaded archives without a size limit: an endless body filled 1 GB in 4 s."""
    big = b"\0" * (16 * 1024 * 1024)
    scripted_server.routes["/db.zip"] = {"body": big, "length": None}
    monkeypatch.setattr(F, "ARCHIVE_MAX_BYTES", 1024 * 1024)
    src = make_source("onet/demo/demo.csv", archive_url=scripted_server.url("/db.zip"),
                      member="db/demo.csv")
    with pytest.raises(DownloadError, match="more than the 1,048,576 bytes"):
        F.fetch(src, data_dir=tmp_path, retries=0, timeout=5.0)
    assert files_under(tmp_path) == []
    time.sleep(0.2)
    assert scripted_server.sent["/db.zip"] < len(big)  # the client stopped reading


@pytest.mark.network
def test_deadline_message_does_not_guess_the_cause(scripted_server, tmp_path):
    """Old message said 'the server sends too slowly' whatever made the download last."""
    scripted_server.routes["/slow.csv"] = {"body": DATA * 50, "trickle": 0.05}
    with pytest.raises(DownloadError, match="did not finish within its deadline") as info:
        F.download(scripted_server.url("/slow.csv"), tmp_path / "slow.csv", retries=0,
                   timeout=(2.0, 2.0), deadline=0.5)
    assert "too slowly" not in str(info.value)


def test_a_new_file_that_fails_its_reader_is_named_by_its_mirror_path(tmp_path):
    """The error named the cache copy, which fetch_table had just removed."""
    from exposure.errors import DataFormatError
    from exposure.fetch import DataStore, fetch_table

    (tmp_path / "mirror/onet/31.0").mkdir(parents=True)
    bad = tmp_path / "mirror/onet/31.0/Job Zones.txt"
    bad.write_text("O*NET-SOC Code\tJob Zone\tDate\tDomain Source\n11-1011.00\t9\t08/2026\tAnalyst\n")
    store = DataStore(cache=tmp_path / "cache", home=tmp_path / "home", mirror=tmp_path / "mirror")

    def reader(path):
        raise DataFormatError("job zone 9 is not 1-5", path=path, row=2, column="Job Zone")

    with pytest.raises(DataFormatError) as err:
        fetch_table("onet/31.0/Job Zones.txt", reader, store=store)
    assert err.value.path == str(bad) and (err.value.row, err.value.column) == (2, "Job Zone")
    assert not (tmp_path / "cache/onet/31.0/Job Zones.txt").exists()


def test_fetch_takes_a_name_the_lock_file_pins(tmp_path, monkeypatch, capsys):
    """`exposure fetch onet/31.0/Job Zones.txt` after a recompute pinned it: 'unknown source'."""
    from exposure.cli import main
    from exposure.fetch import DataStore, fetch_table

    (tmp_path / "mirror/onet/31.0").mkdir(parents=True)
    (tmp_path / "mirror/onet/31.0/Job Zones.txt").write_text(
        "O*NET-SOC Code\tJob Zone\tDate\tDomain Source\n11-1011.00\t5\t08/2026\tAnalyst\n")
    monkeypatch.setenv("EXPOSURE_HOME", str(tmp_path / "home"))
    store = DataStore(cache=tmp_path / "cache", home=tmp_path / "home", mirror=tmp_path / "mirror")
    fetch_table("onet/31.0/Job Zones.txt", lambda p: None, store=store)  # pins it in the lock
    args = ["fetch", "--mirror", str(tmp_path / "mirror"), "--data-dir", str(tmp_path / "cache")]
    assert main([*args, "onet/31.0/Job Zones.txt"]) == 0
    assert "1 of 1 file verified" in capsys.readouterr().out
    assert main([*args, "onet/31.0/Nope.txt"]) == 2
    assert "unknown source 'onet/31.0/Nope.txt'" in capsys.readouterr().err
