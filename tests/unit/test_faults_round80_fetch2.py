"""Fault round 80 (fetch2): a URL holding a space, a mirror given from inside it, the data directory said before the advice.

1. A lock file URL holding a space (``https://www.onetcenter.org/dl files/...``, copied from
   a page's text), ``<``, ``>`` or ``"`` was read as written, and the download sent it
   percent-encoded (``dl%20files``) without a word: the lock file did not say the address
   asked for (the registry refused such a URL already). Now ``exposure sources --releases``
   (every reader of the lock file) says ``H/exposure.lock, row 2, column 'url': the URL
   'https://www.onetcenter.org/dl files/database/db_31_0_text.zip' of onet/31.0/Job
   Zones.txt holds a space, which no URL holds (a download sends it as %20): write
   'https://www.onetcenter.org/dl%20files/database/db_31_0_text.zip'``, exit 2.
   ``Lock.pin`` of a source with such a URL pinned it, and the next read refused the lock
   file; now ``onet/31.0/Job Zones.txt: cannot pin it: the URL ... holds a space, ...;
   nothing was pinned``, the lock file not written.
2. ``--mirror .`` run inside a folder of the mirror (``../shared/data/onet``) was told
   ``not found in mirror . (expected onet/29.1/Task Categories.txt): put the pinned file
   there ...`` (a crosswalk: ``... put the pinned file there (...); it is read from a
   mirror only (...)``): ``.`` said as given has no parent, so the mirror above was not
   looked for. Now ``...; . looks like the directory onet of a mirror: give its root ..
   (/abs/data) as the mirror (--mirror, $EXPOSURE_MIRROR): ...`` (the crosswalk: ``...;
   . looks like the directory onet of a mirror: .. has ../crosswalks/soc10_isco08.csv;
   give its root .. (/abs/data) as the mirror ...``).
3. ``--mirror onet`` run inside the mirror was told ``give its root .``: right, but not which
   folder that is. Now ``give its root . (/abs/data) as the mirror ...``: a root said ``.``
   or ``..`` is followed by its absolute path; other roots are said as before.
4. "not found in mirror" of an O*NET file ended with the advice, then what the data
   directory holds: ``...; or unset the mirror to download; no copy of it in the data
   directory either (looked for ...)``, and ``..., or unset the mirror (--mirror,
   $EXPOSURE_MIRROR) to download it; no copy of it in the data directory either (...)``.
   Now the data directory is said right after the place looked at in the mirror, and what
   to do last: ``not found in mirror M (expected M/onet/29.1/Task Categories.txt); no copy
   of it in the data directory either (looked for ...); put the pinned file at
   M/onet/29.1/Task Categories.txt (sha256 ..., 190 bytes), copied unchanged from ..., or
   unset the mirror (--mirror, $EXPOSURE_MIRROR) to download it`` (``at`` the path: "there"
   would now be the data directory's places). A mirror holding the file under another name
   says so first: ``...; the mirror has M/onet/29.1/Task_Categories.txt: give the file the
   name 'Task Categories.txt' (names are read as written); no copy of it in the data
   directory either (...); fix the mirror that way, or put the pinned file at ...`` (it
   was ``...; fix the mirror that way, or put ... to download it; no copy of it ...``).

Tiny made-up files written by the tests, the real mirror (``mirror`` fixture) read in
place; nothing is downloaded.
"""

from __future__ import annotations

import dataclasses
import os

import pytest

from exposure import releases as R
from exposure.cli import main
from exposure.errors import DataFormatError
from exposure.sources import SOURCES

pytestmark = pytest.mark.usefixtures("bare_env")

SHA = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
ZONES = "onet/31.0/Job Zones.txt"
SPACED = "https://www.onetcenter.org/dl files/database/db_31_0_text.zip"
ONET_FILE = "onet/29.1/Task Categories.txt"
CROSSWALK = "crosswalks/soc10_isco08.csv"


# 1. a URL holding a space

@pytest.mark.parametrize(("url", "said", "sent", "written"), [
    (SPACED, "a space", "%20", "https://www.onetcenter.org/dl%20files/database/db_31_0_text.zip"),
    ("https://www.onetcenter.org/dl_files/database/<db_31_0_text>.zip", "'<'", "%3C",
     "https://www.onetcenter.org/dl_files/database/%3Cdb_31_0_text%3E.zip"),
    ("https://www.onetcenter.org/dl\u00a0files/database/db_31_0_text.zip", "'\\xa0' (U+00A0)", "%C2%A0",
     "https://www.onetcenter.org/dl%C2%A0files/database/db_31_0_text.zip"),
])
def test_a_lock_file_url_holding_a_space_says_the_url_to_write(tmp_path, capsys, url, said, sent, written):
    home = tmp_path / "home"
    home.mkdir()
    (home / "exposure.lock").write_text(f"name\tsize\tsha256\turl\tmember\n{ZONES}\t3\t{SHA}\t{url}\t"
                                        "db_31_0_text/Job Zones.txt\n", encoding="utf-8")
    assert main(["sources", "--releases"]) == 2
    assert capsys.readouterr().err == (
        f"exposure sources: error: {home / 'exposure.lock'}, row 2, column 'url': the URL {url!r} of {ZONES} holds "
        f"{said}, which no URL holds (a download sends it as {sent}): write {written!r}\n")


def test_a_source_whose_url_holds_a_space_is_not_pinned(tmp_path):
    (tmp_path / "home").mkdir()
    lock = R.Lock(tmp_path / "home" / "exposure.lock")
    (tmp_path / "zones.txt").write_bytes(b"abc")
    src = dataclasses.replace(R.layout_source(ZONES), url=SPACED, archive_url=SPACED)
    with pytest.raises(DataFormatError) as info:
        lock.pin(src, tmp_path / "zones.txt")
    assert str(info.value) == (
        f"{ZONES}: cannot pin it: the URL {SPACED!r} of {ZONES} holds a space, which no URL holds (a download sends "
        "it as %20): write 'https://www.onetcenter.org/dl%20files/database/db_31_0_text.zip'; nothing was pinned")
    assert not lock.path.exists()


def test_a_lock_file_url_written_percent_encoded_is_read(tmp_path, capsys):
    home = tmp_path / "home"
    home.mkdir()
    url = "https://www.onetcenter.org/dl%20files/database/db_31_0_text.zip"
    (home / "exposure.lock").write_text(f"name\tsize\tsha256\turl\tmember\n{ZONES}\t3\t{SHA}\t{url}\t"
                                        "db_31_0_text/Job Zones.txt\n", encoding="utf-8")
    assert R.Lock(home / "exposure.lock").entries()[ZONES]["url"] == url


# 2-4. a mirror given from inside it; the data directory said before what to do

def _fetch_error(tmp_path, capsys, given, name: str) -> str:
    assert main(["fetch", name, "--mirror", given, "--data-dir", str(tmp_path / "cache")]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return next(line for line in err.splitlines() if line.startswith("exposure fetch: error: "))


def _no_copy(tmp_path) -> str:
    cache = tmp_path / "cache"
    return (f"; no copy of it in the data directory either (looked for {cache / 'db_29_1_text' / 'Task Categories.txt'}"
            f", {cache / 'db_29_1_text.zip'})")


def _give(root: str, name: str) -> str:
    return (f"give its root {root} as the mirror (--mirror, $EXPOSURE_MIRROR): the folder that holds each file at its "
            f"registry name ({name}); or unset the mirror to download")


def test_the_mirror_given_as_dot_inside_its_onet_folder_says_the_root(tmp_path, capsys, mirror, monkeypatch):
    monkeypatch.chdir(mirror / "onet")
    assert _fetch_error(tmp_path, capsys, ".", ONET_FILE) == (
        f"exposure fetch: error: {ONET_FILE}: not found in mirror . (expected {ONET_FILE}){_no_copy(tmp_path)}; . looks "
        f"like the directory onet of a mirror: {_give(f'.. ({mirror})', ONET_FILE)}")


def test_the_mirror_given_as_dot_inside_its_onet_folder_says_the_root_for_a_crosswalk(tmp_path, capsys, mirror,
                                                                                      monkeypatch):
    monkeypatch.chdir(mirror / "onet")
    assert _fetch_error(tmp_path, capsys, ".", CROSSWALK) == (
        f"exposure fetch: error: {CROSSWALK}: not found in mirror . (expected {CROSSWALK}); . looks like the directory "
        f"onet of a mirror: .. has ../{CROSSWALK}; {_give(f'.. ({mirror})', CROSSWALK)}")


def test_a_folder_of_the_mirror_given_from_its_root_says_the_roots_absolute_path(tmp_path, capsys, mirror,
                                                                                monkeypatch):
    monkeypatch.chdir(mirror)
    assert _fetch_error(tmp_path, capsys, "onet", CROSSWALK) == (
        f"exposure fetch: error: {CROSSWALK}: not found in mirror onet (expected onet/{CROSSWALK}); onet looks like the "
        f"directory onet of a mirror: . has {CROSSWALK}; {_give(f'. ({mirror})', CROSSWALK)}")


def test_a_release_folder_of_the_mirror_says_the_data_directory_before_the_root(tmp_path, capsys, mirror,
                                                                               monkeypatch):
    monkeypatch.chdir(mirror)
    assert _fetch_error(tmp_path, capsys, "onet/29.1", ONET_FILE) == (
        f"exposure fetch: error: {ONET_FILE}: not found in mirror onet/29.1 (expected onet/29.1/{ONET_FILE})"
        f"{_no_copy(tmp_path)}; onet/29.1 looks like the directory onet/29.1 of a mirror: "
        f"{_give(f'. ({mirror})', ONET_FILE)}")


def test_a_mirror_lacking_an_onet_file_says_the_data_directory_before_what_to_do(tmp_path, capsys):
    empty = tmp_path / "m"
    empty.mkdir()
    src = SOURCES[ONET_FILE]
    assert _fetch_error(tmp_path, capsys, str(empty), ONET_FILE) == (
        f"exposure fetch: error: {ONET_FILE}: not found in mirror {empty} (expected {empty / ONET_FILE})"
        f"{_no_copy(tmp_path)}; put the pinned file at {empty / ONET_FILE} (sha256 {src.sha256}, 190 bytes), copied "
        f"unchanged from db_29_1_text/Task Categories.txt of {src.archive_url}, or unset the mirror (--mirror, "
        "$EXPOSURE_MIRROR) to download it")
    assert os.listdir(empty) == []


def test_a_mirror_holding_the_file_renamed_says_it_then_the_data_directory_then_what_to_do(tmp_path, capsys, mirror):
    folder = tmp_path / "m" / "onet" / "29.1"
    folder.mkdir(parents=True)
    (folder / "Task_Categories.txt").write_bytes((mirror / ONET_FILE).read_bytes())
    src = SOURCES[ONET_FILE]
    assert _fetch_error(tmp_path, capsys, str(tmp_path / "m"), ONET_FILE) == (
        f"exposure fetch: error: {ONET_FILE}: not found in mirror {tmp_path / 'm'} (expected {folder / 'Task Categories.txt'}); "
        f"the mirror has {folder / 'Task_Categories.txt'}: give the file the name 'Task Categories.txt' (names are read "
        f"as written){_no_copy(tmp_path)}; fix the mirror that way, or put the pinned file at "
        f"{folder / 'Task Categories.txt'} (sha256 {src.sha256}, 190 bytes), copied unchanged from db_29_1_text/Task "
        f"Categories.txt of {src.archive_url}, or unset the mirror (--mirror, $EXPOSURE_MIRROR) to download it")
