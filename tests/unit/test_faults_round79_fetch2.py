"""Fault round 79 (fetch2): a file missing from a mirror, a listing of a cache in the package, a host in other letters than ASCII.

1. A file missing from a mirror (:func:`exposure.fetch.fetch`, ``exposure fetch --mirror``,
   every loader reading a mirror) ended ``... not found in mirror M (expected
   M/demo/a.csv); fix the mirror or unset it to download``: neither the file that belongs
   there nor where it comes from. Now ``... (expected M/demo/a.csv): put the pinned file
   there (sha256 S, 8 bytes), copied unchanged from URL, or unset the mirror (--mirror,
   $EXPOSURE_MIRROR) to download it`` (a file no sha256 pins yet, of a new release: ``put
   the file there, copied unchanged from URL, ...``). When the mirror holds something
   else (the file in other capitals, under another name, ...) that is said first, then
   ``; fix the mirror that way, or put the pinned file at M/demo/a.csv (sha256 S, 8
   bytes), copied unchanged from URL, ...``. A file standing where a folder of the mirror belongs: ``not found in
   mirror M: M/demo is a file, not a directory, where a directory of the mirror belongs
   (expected M/demo/a.csv): move it away and put the pinned file there (...)`` (a link to
   nothing there: ``M/demo is a symbolic link to T, which does not exist, where ...: mount
   or restore what it points to (a drive not mounted, or the folder moved?), or remove the
   link and put the pinned file there (...)``; a loop: ``point the link at the mirror's
   directory, or remove it and put ...``); all three ended ``; fix the mirror or unset it
   to download``. A symbolic link to nothing, or a loop, in the place of the file itself,
   or a mirror that looks like a folder of one or the folder above one (``give its root
   R``), still end so: their words say the pinned file, or the mirror to give.
2. ``exposure sources --data-dir D``, D inside the installed package, a plain listing that
   writes nothing, was refused ``refusing to write the download cache into D: it is inside
   the installed package P, whose own files it would replace; choose a directory outside
   it (check --data-dir / $EXPOSURE_DATA_DIR); nothing was written``. Now ``cannot list the
   download cache in D: it is inside the installed package P, where no download cache is
   kept (exposure fetch refuses to write one there); give the cache's directory (check
   --data-dir / $EXPOSURE_DATA_DIR)`` (exit 2); with ``--rehash``, which removes files,
   the words of a write, as before.
3. :func:`exposure.fetch.fetch_many` (``exposure fetch``) of files of a host whose name is
   in other letters than ASCII (``http://bücher.example``, from ``$EXPOSURE_URL_MAP`` or a
   redirect) that could not be reached marked it under the ASCII form requests connects
   to (``xn--bcher-kva.example``, the host of the failed request) and looked it up under
   the name as written: each later file of that host was tried again, with its retries
   and backoff. Now both are the ASCII form: the later files are ``not downloaded from
   URL: http://xn--bcher-kva.invalid:9 could not be reached for FILE earlier in this run
   (...)``, as for a host in ASCII.
4. A mirror's file that is empty (a copy that failed, a file made but never written), or a
   Git LFS pointer (a mirror kept in a repository checked out without git-lfs: the
   pointer's three lines in the place of each file), copied or read in place, was said
   ``sha256 mismatch for demo/a.csv (read from M/demo/a.csv): expected S, got T; nothing
   was written to the cache; the mirror's file (0 bytes) is not the pinned one (edited, or
   another date of the file?): put the pinned file there (8 bytes), ...``. Now ``...; the
   mirror's file is empty (0 bytes: a copy that failed, or a file made but never
   written?): put the pinned file there (8 bytes), copied unchanged from URL, ...``; a
   pointer: ``the mirror's file is a Git LFS pointer (N bytes), not the file it stands for
   (the pinned one: a repository checked out without git-lfs?): fetch the files of the
   mirror's repository (git lfs pull), or put the pinned file there ...`` (a pointer to
   another file: ``..., another than the pinned one (sha256 X): put the pinned file
   there ...``).
5. A pinned file downloaded as a Git LFS pointer (GitHub's raw URL of a file kept in Git
   LFS serves its pointer, not the file; a URL map's server doing the same) was a bare
   mismatch of two digests: ``sha256 mismatch for N (read from URL): expected S, got T;
   nothing was written to the cache``. Now it goes on ``; the body is a Git LFS pointer
   (130 bytes) to the pinned file, not the file: the server serves the pointer of a file
   kept in Git LFS; check the source's URL and $EXPOSURE_URL_MAP`` (from a
   ``https://raw.githubusercontent.com/O/R/REF/PATH`` URL: ``the raw URL of a file kept in
   Git LFS serves its pointer; its media URL
   https://media.githubusercontent.com/media/O/R/REF/PATH serves the file (map the one to
   the other in $EXPOSURE_URL_MAP)``).

Tiny made-up files written by the tests; nothing is downloaded from the internet (the
host of fault 3 is in the reserved ``.invalid`` domain, which no name server resolves).
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from exposure import fetch as F
from exposure.cli import main
from exposure.errors import ChecksumMismatchError, DownloadError
from exposure.sources import Source

pytestmark = pytest.mark.usefixtures("bare_env")

BODY = b"a,b\n1,2\n"
SHA = hashlib.sha256(BODY).hexdigest()
URL = "http://127.0.0.1:9/demo/a.csv"
ORIGIN = f"copied unchanged from {URL}, or unset the mirror (--mirror, $EXPOSURE_MIRROR) to download it"


def _tree(top: Path) -> list[str]:
    return sorted(p.relative_to(top).as_posix() for p in top.rglob("*"))


def _demo(pinned: bool = True) -> Source:
    return Source(name="demo/a.csv", release="1", url=URL, sha256=SHA if pinned else "",
                  size=len(BODY) if pinned else 0, licence="CC0", attribution="demo")


# 1. a file missing from a mirror

def test_a_file_missing_from_the_mirror_says_the_pinned_file_and_its_origin(tmp_path):
    mirror = tmp_path / "mirror"
    mirror.mkdir()
    with pytest.raises(DownloadError) as info:
        F.fetch(_demo(), mirror=mirror, data_dir=tmp_path / "cache")
    assert str(info.value) == (
        f"demo/a.csv: not found in mirror {mirror} (expected {mirror}/demo/a.csv): put the pinned file there "
        f"(sha256 {SHA}, 8 bytes), {ORIGIN}")
    with pytest.raises(DownloadError) as info:  # a new release's file: no pin yet
        F.fetch(_demo(pinned=False), mirror=mirror, data_dir=tmp_path / "cache")
    assert str(info.value) == (
        f"demo/a.csv: not found in mirror {mirror} (expected {mirror}/demo/a.csv): put the file there, {ORIGIN}")
    assert _tree(tmp_path) == ["mirror"]


def test_a_file_under_another_name_in_the_mirror_says_it_then_the_pinned_file(tmp_path):
    mirror = tmp_path / "mirror"
    (mirror / "demo").mkdir(parents=True)
    (mirror / "demo" / "A.csv").write_bytes(BODY)
    with pytest.raises(DownloadError) as info:
        F.fetch(_demo(), mirror=mirror, data_dir=tmp_path / "cache")
    assert str(info.value) == (
        f"demo/a.csv: not found in mirror {mirror} (expected {mirror}/demo/a.csv); the mirror has "
        f"{mirror}/demo/A.csv (names are case-sensitive); fix the mirror that way, or put the pinned file at "
        f"{mirror}/demo/a.csv (sha256 {SHA}, 8 bytes), {ORIGIN}")
    assert "cache" not in _tree(tmp_path)


BLOCKS = {
    "file": (lambda p, d: p.write_text("x"), "a file, not a directory", "move it away and"),
    "link to nothing": (lambda p, d: p.symlink_to(d / "usb" / "demo"),
                        "a symbolic link to {d}/usb/demo, which does not exist",
                        "mount or restore what it points to (a drive not mounted, or the folder moved?), or remove "
                        "the link and"),
    "loop": (lambda p, d: p.symlink_to("demo"), "a loop of symbolic links (it points to demo)",  # round 80
             "point the link at the mirror's directory, or remove it and"),
}


@pytest.mark.parametrize("kind", list(BLOCKS))
def test_no_folder_where_a_folder_of_the_mirror_belongs_says_the_pinned_file(tmp_path, kind):
    make, what, act = BLOCKS[kind]
    mirror = tmp_path / "mirror"
    mirror.mkdir()
    make(mirror / "demo", tmp_path)
    with pytest.raises(DownloadError) as info:
        F.fetch(_demo(), mirror=mirror, data_dir=tmp_path / "cache")
    assert str(info.value) == (
        f"demo/a.csv: not found in mirror {mirror}: {mirror}/demo is {what.format(d=tmp_path)}, where a directory "
        f"of the mirror belongs (expected {mirror}/demo/a.csv): {act} put the pinned file there (sha256 {SHA}, 8 "
        f"bytes), {ORIGIN}")
    assert _tree(tmp_path) == ["mirror", "mirror/demo"]


# 2. a listing of a cache in the installed package

@pytest.fixture
def in_package():
    """A path inside the installed package (the one imported), removed after the test if it was made."""
    path = Path(F.__file__).resolve().parent / "cache-of-test-round79-fetch2"
    yield path
    if path.exists():
        shutil.rmtree(path)


def test_exposure_sources_of_a_cache_in_the_package_is_refused_in_the_words_of_a_listing(in_package, capsys):
    package = in_package.parent
    name = "onet/29.1/Job Zones.txt"
    assert main(["sources", "--data-dir", str(in_package), name]) == 2
    assert capsys.readouterr().err == (
        f"exposure sources: error: cannot list the download cache in {in_package}: it is inside the installed "
        f"package {package}, where no download cache is kept (exposure fetch refuses to write one there); give "
        "the cache's directory (check --data-dir / $EXPOSURE_DATA_DIR)\n")
    # --rehash removes files: the words of a write
    assert main(["sources", "--rehash", "--data-dir", str(in_package), name]) == 2
    assert capsys.readouterr().err.startswith(
        f"exposure sources: error: refusing to write the download cache into {in_package}: it is inside the "
        f"installed package {package}, whose own files it would replace")
    assert not in_package.exists()


# 3. a host in other letters than ASCII that cannot be reached

PREFIX = "https://raw.githubusercontent.com/gianluigilopardo/AnthropicEconomicIndex/b2181087"
FIRST, SECOND = ("reference/anthropic_economic_index/SOC_Structure.csv",
                 "reference/anthropic_economic_index/automation_vs_augmentation.csv")


def test_an_unreachable_host_in_other_letters_than_ascii_is_not_tried_again(tmp_path, monkeypatch):
    # the host in ASCII (as before), then in other letters
    for host, said in [("buecher.invalid", "buecher.invalid"), ("bücher.invalid", "xn--bcher-kva.invalid")]:
        monkeypatch.setenv("EXPOSURE_URL_MAP", f"{PREFIX}=http://{host}:9")
        fetched, errors = F.fetch_many([FIRST, SECOND], data_dir=tmp_path / "cache", retries=0, timeout=2.0)
        assert fetched == {} and sorted(errors) == [FIRST, SECOND]
        assert "ConnectionError" in str(errors[FIRST])
        assert str(errors[SECOND]).startswith(
            f"{SECOND}: not downloaded from http://{host}:9/automation_vs_augmentation.csv: http://{said}:9 "
            f"could not be reached for {FIRST} earlier in this run (")
    assert not (tmp_path / "cache" / "reference").exists()


# 4. a mirror's file that is empty, or a Git LFS pointer

def _pointer(sha: str, size: int) -> bytes:
    return f"version https://git-lfs.github.com/spec/v1\noid sha256:{sha}\nsize {size}\n".encode()


OTHER = "0" * 64
PLACEHOLDERS = {
    "empty": (b"", "the mirror's file is empty (0 bytes: a copy that failed, or a file made but never written?)"),
    "lfs pointer": (_pointer(SHA, len(BODY)),
                    f"the mirror's file is a Git LFS pointer ({len(_pointer(SHA, 8))} bytes), not the file it stands "
                    "for (the pinned one: a repository checked out without git-lfs?): fetch the files of the mirror's "
                    "repository (git lfs pull), or"),
    "lfs pointer to another file": (_pointer(OTHER, 99),
                                    f"the mirror's file is a Git LFS pointer ({len(_pointer(OTHER, 99))} bytes), not "
                                    f"the file it stands for, another than the pinned one (sha256 {OTHER})"),
}


@pytest.mark.parametrize("in_place", [False, True])
@pytest.mark.parametrize("kind", list(PLACEHOLDERS))
def test_an_empty_mirror_file_or_a_git_lfs_pointer_is_said_so(tmp_path, kind, in_place):
    body, said = PLACEHOLDERS[kind]
    mirror = tmp_path / "mirror"
    (mirror / "demo").mkdir(parents=True)
    (mirror / "demo" / "a.csv").write_bytes(body)
    with pytest.raises(ChecksumMismatchError) as info:
        F.fetch(_demo(), mirror=mirror, data_dir=mirror if in_place else tmp_path / "cache")
    put = " put" if said.endswith(" or") else ": put"
    assert str(info.value) == (
        f"sha256 mismatch for demo/a.csv (read from {mirror}/demo/a.csv): expected {SHA}, got "
        f"{hashlib.sha256(body).hexdigest()}; nothing was written to the cache; {said}{put} the pinned file there "
        f"(8 bytes), {ORIGIN}")
    assert _tree(tmp_path) == ["mirror", "mirror/demo", "mirror/demo/a.csv"]


def test_a_git_lfs_pointer_downloaded_in_the_place_of_a_file_is_said_so(tmp_path, scripted_server, monkeypatch):
    src = F.get_source(FIRST)
    body = _pointer(src.sha256, src.size)
    monkeypatch.setenv("EXPOSURE_URL_MAP", f"{PREFIX}={scripted_server.url('')}")
    scripted_server.routes["/SOC_Structure.csv"] = {"body": body}
    with pytest.raises(ChecksumMismatchError) as info:
        F.fetch(FIRST, data_dir=tmp_path / "cache", retries=0, timeout=5.0)
    assert str(info.value).endswith(
        f"; the body is a Git LFS pointer ({len(body)} bytes) to the pinned file, not the file: the server serves "
        "the pointer of a file kept in Git LFS; check the source's URL and $EXPOSURE_URL_MAP")
    assert not (tmp_path / "cache" / "reference").exists()
