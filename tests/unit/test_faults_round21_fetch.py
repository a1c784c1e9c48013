"""Round 21: downloading and reading the source files (fetch, sources, ``exposure fetch``).

1. A damaged lock file (``exposure.lock`` with a size ``abc``): ``DataStore.source(name)``,
   ``fetch`` and ``fetch_table`` of a file of a new release said ``unknown source ...; did you
   mean 'onet/29.1/Job Zones.txt'`` (the lock's own error, naming its row and column, was
   swallowed). The lock's error is raised now.
2. A :class:`~exposure.sources.Source` whose sha256 is in upper case (as PowerShell's
   ``Get-FileHash`` prints it) or has surrounding spaces: every fetch failed with ``sha256
   mismatch ...: expected 81BF..., got 81bf...`` (the same digest). Read in lower case now; a
   sha256 that is no digest (``'abc'``) or a size that is no whole number is refused when the
   Source is built, naming the field (it was a mismatch, or a ``TypeError`` later).
3. A mirror whose ``MANIFEST.tsv`` was saved with a byte-order mark (a Windows editor) or a
   header in capitals: it was not recognised as a mirror, so ``exposure sources --data-dir
   MIRROR --rehash`` deleted a mirror file with the wrong hash and ``fetch`` wrote stamps there.
4. A path with ``~user`` of no such user (``--mirror ~nosuchuser/m``, ``$EXPOSURE_DATA_DIR``,
   ``$EXPOSURE_HOME``, ``data_dir=``): ``RuntimeError: Could not determine home directory.``
   with a traceback. One line naming the option now.
5. ``$EXPOSURE_MIRROR`` of blanks: refused as "the mirror directory (from --mirror/mirror=) is
   empty" (an option never given); blanks mean no mirror now, as an empty value does.
6. ``--data-dir ""`` (``data_dir=""``): the cache was the current directory (files and
   ``.verified/`` written there); ``$EXPOSURE_DATA_DIR`` or ``$EXPOSURE_HOME`` of blanks made a
   directory named ``" "`` in the current directory. Refused (argument) or read as unset
   (environment) now.
7. A mirror laid out otherwise than expected by a new release (files at its top, names in
   another case, the release directory given instead of the root, the Excel download where
   text was expected, the archive's folder as unzipped, a broken link): the error said only
   ``not found in mirror M (expected ...)``; it now also says what it found and where.
8. ``exposure fetch onet/31.0`` (or a glob) after a recompute pinned files of 31.0 in the lock
   file: "unknown source 'onet/31.0'"; an exact name of a release nobody pinned
   (``onet/31.0/Job Zones.txt``): "unknown source ...; did you mean 'onet/29.1/Job Zones.txt'".
   Prefixes and globs match the lock's files; an unpinned release name says how to pin it.
9. ``exposure fetch onet/29.1/...`` (registry names only) with a damaged lock file: stopped by
   the lock's error although no name needed it (``exposure sources`` already read the lock
   only for names the registry does not have).
10. ``$EXPOSURE_URL_MAP`` whose new prefix is no http(s) URL (``...=127.0.0.1:8000``): every
    download was retried with backoff and failed with ``InvalidSchema: No connection adapters``;
    refused when the map is read now, and ``download`` of such a URL fails at the first try.

Tiny made-up files written by the tests; nothing is downloaded.
"""

from __future__ import annotations

import hashlib
import os

import pytest

from exposure import fetch as F
from exposure.cli import main
from exposure.errors import ChecksumMismatchError, DataFormatError, DownloadError, ExposureError
from exposure.releases import layout_source
from exposure.sources import Source

BODY = b"x,y\n1,2\n"
SHA = hashlib.sha256(BODY).hexdigest()
NEW = "onet/31.0/Job Zones.txt"
JOB_ZONES = "O*NET-SOC Code\tJob Zone\tDate\tDomain Source\n11-1011.00\t5\t08/2026\tAnalyst\n"
REGISTRY_FILE = "onet/29.1/Task Categories.txt"
NO_USER = "~nosuchuser-exposure-r21"


@pytest.fixture(autouse=True)
def _clean_env(bare_env):
    """The shared ``bare_env`` for every test (test_faults_round57_fetch and _round74_mine import this name)."""


def _demo(sha256=SHA, size=len(BODY)):
    return Source(name="demo/a.csv", release="1", url="https://example.org/a.csv", sha256=sha256,
                  size=size, licence="CC0", attribution="made up")


def _mirror(tmp_path):
    mirror = tmp_path / "mirror"
    (mirror / "demo").mkdir(parents=True)
    (mirror / "demo" / "a.csv").write_bytes(BODY)
    return mirror


def _store(tmp_path, mirror=None):
    return F.DataStore(cache=tmp_path / "cache", home=tmp_path / "home", mirror=mirror)


def _damaged_lock(tmp_path):
    path = tmp_path / "home" / "exposure.lock"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"name\tsize\tsha256\turl\tmember\n{NEW}\tabc\t{'a' * 64}\tu\tm\n")
    return path


def _files(root):
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*")) if root.exists() else []


# 1. a damaged lock file is named, not hidden behind "unknown source"

@pytest.mark.parametrize("call", ["source", "fetch", "fetch_table"])
def test_damaged_lock_is_named_not_unknown_source(tmp_path, call):
    _damaged_lock(tmp_path)
    store = _store(tmp_path)
    run = {"source": lambda: store.source(NEW),
           "fetch": lambda: F.fetch(NEW, store=store),
           "fetch_table": lambda: F.fetch_table(NEW, lambda p: p, store=store)}[call]
    with pytest.raises(DataFormatError) as info:
        run()
    message = str(info.value)
    assert "exposure.lock, row 2, column 'size'" in message
    assert "unknown source" not in message


# 2. a Source's sha256 in another case or with spaces; a sha256 or size that is none

@pytest.mark.parametrize("sha256", [SHA.upper(), f" {SHA}\n"])
def test_source_sha256_in_upper_case_or_with_spaces_is_read(tmp_path, sha256):
    src = _demo(sha256)
    assert src.sha256 == SHA
    path = F.fetch(src, mirror=_mirror(tmp_path), data_dir=tmp_path / "cache")
    assert path.read_bytes() == BODY
    assert F.cache_status(src, tmp_path / "cache", rehash=True) == "verified"


@pytest.mark.parametrize(("kwargs", "said"), [
    ({"sha256": "abc"}, "sha256 must be 64 hexadecimal digits (or '' for a file not pinned yet), got 'abc'"),
    ({"sha256": None}, "sha256 must be 64 hexadecimal digits (or '' for a file not pinned yet), got None"),
    ({"size": "8"}, "size must be a whole number of bytes, 0 or more, got str '8'"),
    ({"size": -1}, "size must be a whole number of bytes, 0 or more, got int -1"),
])
def test_source_with_no_digest_or_size_is_refused(kwargs, said):
    with pytest.raises(DataFormatError) as info:
        _demo(**kwargs)
    assert str(info.value) == f"demo/a.csv: {said}"


def test_unpinned_source_still_allowed():
    assert layout_source(NEW).pinned is False
    assert _demo("").sha256 == ""


# 3. a mirror's MANIFEST.tsv saved with a byte-order mark or in capitals is still a mirror

@pytest.mark.parametrize("header", ["\ufeffpath\tbytes\tsha256\torigin\r\n", "PATH\tBYTES\tSHA256\n"])
def test_manifest_with_bom_or_capitals_marks_a_mirror(tmp_path, header, capsys):
    mirror = tmp_path / "mirror"
    bad = mirror / REGISTRY_FILE
    bad.parent.mkdir(parents=True)
    bad.write_bytes(b"not the pinned file\n")
    (mirror / "MANIFEST.tsv").write_text(header, encoding="utf-8")
    assert F.mirror_holding(mirror) == mirror.resolve()
    assert main(["sources", "--data-dir", str(mirror), "--rehash", REGISTRY_FILE]) == 1
    assert "mismatch" in capsys.readouterr().out
    assert bad.read_bytes() == b"not the pinned file\n"
    assert not (mirror / ".verified").exists()


# 4. '~user' of no such user

@pytest.mark.parametrize(("call", "said"), [
    (lambda: F.resolve_mirror(NO_USER + "/m"), f"--mirror/mirror= '{NO_USER}/m'"),
    (lambda: F.resolve_data_dir(NO_USER + "/c"), f"--data-dir/data_dir= '{NO_USER}/c'"),
    (lambda: F.DataStore(cache=NO_USER + "/c", home="/tmp"), f"cache '{NO_USER}/c'"),
])
def test_tilde_of_no_user_in_an_argument(call, said):
    with pytest.raises(ExposureError) as info:
        call()
    assert str(info.value) == (f"{said}: cannot expand '~' (no such user, or no home directory); "
                               "give the full path")


@pytest.mark.parametrize("var", ["EXPOSURE_MIRROR", "EXPOSURE_DATA_DIR", "EXPOSURE_HOME"])
def test_tilde_of_no_user_in_the_environment(monkeypatch, var):
    monkeypatch.setenv(var, NO_USER + "/x")
    with pytest.raises(ExposureError, match=rf"^\${var} '{NO_USER}/x': cannot expand '~'"):
        F.DataStore.default()


@pytest.mark.parametrize("option", ["--mirror", "--data-dir"])
def test_tilde_of_no_user_on_the_command_line(tmp_path, capsys, option):
    args = ["fetch", REGISTRY_FILE, option, NO_USER + "/x"]
    if option == "--data-dir":
        args += ["--mirror", str(tmp_path)]
    assert main(args) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "cannot expand '~'" in err[0]


# 5. $EXPOSURE_MIRROR of blanks

def test_blank_env_mirror_means_no_mirror(monkeypatch):
    monkeypatch.setenv("EXPOSURE_MIRROR", "   ")
    assert F.resolve_mirror() is None
    assert F.DataStore.default().mirror is None


# 6. an empty --data-dir, blank $EXPOSURE_DATA_DIR / $EXPOSURE_HOME

def test_empty_data_dir_is_refused_not_the_current_directory(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    mirror = _mirror(tmp_path)
    with pytest.raises(ExposureError, match=r"the cache directory \(from --data-dir/data_dir=\) is empty"):
        F.fetch(_demo(), mirror=mirror, data_dir="")
    assert main(["fetch", REGISTRY_FILE, "--mirror", str(mirror), "--data-dir", ""]) == 2
    assert "the cache directory (from --data-dir/data_dir=) is empty" in capsys.readouterr().err
    assert _files(tmp_path) == ["mirror", "mirror/demo", "mirror/demo/a.csv"]


@pytest.mark.parametrize("var", ["EXPOSURE_DATA_DIR", "EXPOSURE_HOME"])
def test_blank_env_directory_is_unset(monkeypatch, var):
    monkeypatch.delenv("EXPOSURE_HOME", raising=False)
    default = F.default_data_dir() if var == "EXPOSURE_DATA_DIR" else F.default_home()
    monkeypatch.setenv(var, "  ")
    got = F.default_data_dir() if var == "EXPOSURE_DATA_DIR" else F.default_home()
    assert got == default and got.is_absolute()


# 7. a mirror laid out otherwise: what was found, and where

def _fetch_new(tmp_path, mirror):
    with pytest.raises(DownloadError) as info:
        F.fetch(NEW, store=_store(tmp_path, mirror))
    message = str(info.value)
    assert message.startswith(f"{NEW}: not found in mirror {mirror} (expected {mirror / NEW})")
    return message


def test_mirror_flat(tmp_path):
    mirror = tmp_path / "flat"
    mirror.mkdir()
    (mirror / "Job Zones.txt").write_text(JOB_ZONES)
    assert f"the mirror has {mirror / 'Job Zones.txt'} at its top" in _fetch_new(tmp_path, mirror)


def test_mirror_other_case(tmp_path):
    mirror = tmp_path / "m"
    (mirror / "onet" / "31.0").mkdir(parents=True)
    (mirror / "onet" / "31.0" / "job zones.txt").write_text(JOB_ZONES)
    message = _fetch_new(tmp_path, mirror)
    assert f"the mirror has {mirror / 'onet/31.0/job zones.txt'} (names are case-sensitive)" in message


def test_mirror_release_directory_given(tmp_path):
    root = tmp_path / "m"
    mirror = root / "onet" / "31.0"
    mirror.mkdir(parents=True)
    (mirror / "Job Zones.txt").write_text(JOB_ZONES)
    assert f"{mirror} looks like the directory onet/31.0 of a mirror: give its root {root}" in \
        _fetch_new(tmp_path, mirror)


def test_mirror_holds_the_excel_download(tmp_path):
    mirror = tmp_path / "m"
    (mirror / "onet" / "31.0").mkdir(parents=True)
    (mirror / "onet" / "31.0" / "Job Zones.xlsx").write_bytes(b"PK")
    assert (f"the mirror has {mirror / 'onet/31.0/Job Zones.xlsx'}: O*NET's excel download "
            "(--onet-format excel, onet_format='excel')") in _fetch_new(tmp_path, mirror)


def test_mirror_holds_the_unzipped_archive_folder(tmp_path):
    mirror = tmp_path / "m"
    (mirror / "onet" / "31.0" / "db_31_0_text").mkdir(parents=True)
    (mirror / "onet" / "31.0" / "db_31_0_text" / "Job Zones.txt").write_text(JOB_ZONES)
    assert f"the mirror has {mirror / 'onet/31.0/db_31_0_text/Job Zones.txt'} (the archive's folder" in \
        _fetch_new(tmp_path, mirror)


def test_mirror_file_is_a_broken_link(tmp_path):
    mirror = tmp_path / "m"
    (mirror / "onet" / "31.0").mkdir(parents=True)
    os.symlink(tmp_path / "gone.txt", mirror / NEW)
    assert f"it is a symbolic link to {tmp_path / 'gone.txt'}, which does not exist" in \
        _fetch_new(tmp_path, mirror)


# 8. lock-pinned releases by prefix or glob; a release nobody pinned

def _pin_new(tmp_path):
    store = _store(tmp_path)
    mirror = tmp_path / "m"
    (mirror / "onet" / "31.0").mkdir(parents=True)
    (mirror / NEW).write_text(JOB_ZONES)
    store.lock.pin(layout_source(NEW), mirror / NEW)
    return mirror


@pytest.mark.parametrize("pattern", ["onet/31.0", "onet/31.0/", "onet/31.0/Job*"])
def test_fetch_and_sources_take_a_prefix_of_lock_pinned_files(tmp_path, capsys, pattern):
    mirror = _pin_new(tmp_path)
    cache = tmp_path / "cache"
    assert main(["fetch", pattern, "--mirror", str(mirror), "--data-dir", str(cache)]) == 0
    assert capsys.readouterr().out.startswith("1 of 1 file verified")
    assert (cache / NEW).read_text() == JOB_ZONES
    assert main(["sources", pattern, "--data-dir", str(cache), "--format", "tsv"]) == 0
    assert f"{NEW}\tonet\t31.0" in capsys.readouterr().out


@pytest.mark.parametrize(("name", "said"), [
    (NEW, f"'{NEW}' is a file of O*NET 31.0, which neither the package nor the lock file"),
    ("onet/31.0", "'onet/31.0': no file of O*NET 31.0 is pinned yet by the package or the lock file"),
    ("oews/national_M2026_dl.xlsx", "'oews/national_M2026_dl.xlsx' is a file of OEWS May 2026, which neither"),
])
def test_unpinned_release_name_says_how_to_pin_it(tmp_path, capsys, name, said):
    assert main(["fetch", name, "--data-dir", str(tmp_path / "cache")]) == 2
    err = capsys.readouterr().err
    assert said in err and "did you mean" not in err and "exposure recompute --" in err


def test_typo_in_a_registry_release_still_suggests(tmp_path):
    with pytest.raises(ExposureError, match=r"did you mean 'onet/29.1/Task Statements.txt'"):
        F.select_fetchable(["onet/29.1/Task Statement.txt"], _store(tmp_path))


# 9. a damaged lock file does not stop a fetch of registry files

def test_damaged_lock_does_not_stop_registry_fetch(tmp_path, capsys):
    _damaged_lock(tmp_path)
    assert [s.name for s in F.select_fetchable([REGISTRY_FILE, "onet/29.1/Job*"], _store(tmp_path))] == [
        "onet/29.1/Job Zone Reference.txt", "onet/29.1/Job Zones.txt", REGISTRY_FILE]
    mirror = tmp_path / "m"
    (mirror / REGISTRY_FILE).parent.mkdir(parents=True)
    (mirror / REGISTRY_FILE).write_bytes(b"made up\n")
    assert main(["fetch", REGISTRY_FILE, "--mirror", str(mirror), "--data-dir", str(tmp_path / "c")]) == 2
    err = capsys.readouterr().err
    assert f"sha256 mismatch for {REGISTRY_FILE}" in err and "exposure.lock" not in err
    with pytest.raises(DataFormatError, match=r"exposure.lock, row 2, column 'size'"):
        F.select_fetchable(["onet/31.0"], _store(tmp_path))  # a name that needs the lock


# 10. a URL map to something that is no http(s) URL

@pytest.mark.parametrize("new", ["127.0.0.1:8000", "file:///srv/mirror", "/srv/mirror"])
def test_url_map_to_no_http_url_is_refused(monkeypatch, new):
    monkeypatch.setenv("EXPOSURE_URL_MAP", f"https://www.onetcenter.org={new}")
    with pytest.raises(ExposureError) as info:
        F.DataStore.default()
    assert str(info.value) == (f"$EXPOSURE_URL_MAP: 'https://www.onetcenter.org={new}': the new prefix "
                               f"must be an http:// or https:// URL, got {new!r}")


def test_download_of_no_http_url_is_not_retried(tmp_path):
    with pytest.raises(DownloadError) as info:
        F.download("127.0.0.1:9/x.csv", tmp_path / "x.csv", retries=3, backoff=0)
    message = str(info.value)
    assert message.startswith("x.csv: '127.0.0.1:9/x.csv' is not an http:// or https:// URL")
    assert "attempts" not in message
    assert _files(tmp_path) == []


def test_checksum_of_a_good_source_still_checked(tmp_path):
    mirror = _mirror(tmp_path)
    (mirror / "demo" / "a.csv").write_bytes(b"x,y\n1,3\n")
    with pytest.raises(ChecksumMismatchError):
        F.fetch(_demo(SHA.upper()), mirror=mirror, data_dir=tmp_path / "cache")
