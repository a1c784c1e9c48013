"""Fault round 76 (fetch4): the data directory's copies of the publishers' downloads.

1. A copy of the release in other capitals beside the one read (``DB_31_0_TEXT.ZIP``
   beside the folder ``db_31_0_text/``, ``DB_31_0_TEXT/`` beside ``db_31_0_text.zip``)
   was warned of as ``..., which is not read (another download, renamed by the
   browser?): if it is the copy you want, put it in the place of .../db_31_0_text/Job
   Zones.txt under its name``: not what it is, and a zip (or a folder) cannot take the
   place of a text file. ``Job Zones.TXT`` beside ``Job Zones.txt`` in the release folder
   was passed over without a word. Now each copy is said as what it is (``the same zip in
   other capitals: names are case-sensitive``, ``the same file in other capitals``, or
   ``another download, renamed by the browser?``) with advice that reads it when
   followed: ``name it db_31_0_text.zip and remove the folder D/db_31_0_text, which is
   read before the zip``; ``name it db_31_0_text/ and remove the zip D/db_31_0_text.zip,
   which is read now``; ``put it in the place of D/db_31_0_text/Job Zones.txt under that
   name``.
2. The release folder of the data directory a symbolic link to nothing (a drive not
   mounted: ``db_31_0_text -> /media/usb/db_31_0_text``): with the network reachable the
   release was downloaded without a word (the zip in that case was refused since round
   75); a link to the folder of another release (``db_31_0_text -> .../db_30_0_text``)
   had O*NET 30.0's files read as 31.0's, without a word. Now a file nobody pinned is
   refused: ``the release folder D/db_31_0_text in the data directory is not read: it is a
   symbolic link to ..., which does not exist (...); mount the drive, or link the folder
   where it is now (or remove the link to download the release); nothing was read``, and
   ``... it is a symbolic link to .../db_30_0_text, the folder of O*NET 30.0's download,
   not O*NET 31.0's: link the folder of O*NET 31.0's download (or remove the link to
   download the release); nothing was read``. A file the package pins is downloaded (its
   sha256 checked) with a warning naming the link and its target.
3. The user's own zip in the data directory lacking the member
   (``db_31_0_text.zip`` made by hand of some tables): ``archive
   https://www.onetcenter.org/.../db_31_0_text.zip (D/db_31_0_text.zip) has no member
   'db_31_0_text/Job Zones.txt'; none of its 1 file(s) is named 'Job Zones.txt' (the
   publisher dropped or renamed it?)``: the publisher's URL named as if it were the zip
   read, and no word on what to do. Now: ``your copy of the publisher's download
   D/db_31_0_text.zip has no member 'db_31_0_text/Job Zones.txt'; ...; if it is not the
   publisher's whole zip (a zip made or trimmed by hand?), replace it with the download
   of https://www.onetcenter.org/dl_files/database/db_31_0_text.zip (or remove it to
   download the release); nothing was read``. The library's own download is said as
   before.
4. A browser's download of the publisher's zip that did not finish
   (``db_31_0_text.zip.part`` of Firefox, ``.crdownload`` of Chrome and Edge, Safari's
   ``.download``) lying in the data directory: the error of a mirror lacking the file (or
   of a failed download) said only ``no copy of it in the data directory either (looked
   for .../db_31_0_text.zip)``. Now it adds ``the data directory has
   D/db_31_0_text.zip.part, a download the browser did not finish, which is not read:
   download https://.../db_31_0_text.zip again (or resume it) and save it there as
   db_31_0_text.zip``; once finished, the zip is read.
5. A zip member whose mode says a directory but whose name lacks the final ``/`` (the
   member looked for, in the user's zip): ``zip member 'db_31_0_text/Job Zones.txt' is a
   special file (mode 0o40755), not a regular file; nothing was extracted``, with no word
   on what to do. Now ``... is a directory, not a regular file; nothing was extracted;
   D/db_31_0_text.zip is your copy of the publisher's download: replace it with the
   download of https://.../db_31_0_text.zip (or remove it to download the release)``
   (``extract_zip`` says ``is a directory`` too).

Tiny made-up files written by the tests, and the real mirror's Job Zones of O*NET 29.1
served by a local HTTP server; nothing is downloaded from the internet.
"""

from __future__ import annotations

import io
import logging
import stat
import zipfile

import pytest

from exposure import fetch as F

ZONES = "onet/31.0/Job Zones.txt"
PINNED = "onet/29.1/Job Zones.txt"
ZONES_TXT = "O*NET-SOC Code\tJob Zone\tDate\tDomain Source\n11-1011.00\t5\t08/2026\tAnalyst\n"
OTHER_TXT = ZONES_TXT.replace("\t5\t", "\t4\t")
URL = "https://www.onetcenter.org/dl_files/database/db_31_0_text.zip"
FAST = {"retries": 0, "backoff": 0.0, "timeout": 2.0}


pytestmark = pytest.mark.usefixtures("bare_env")


def _zip(path, members: dict):
    with zipfile.ZipFile(path, "w") as zf:
        for name, text in members.items():
            zf.writestr(name, text)
    return path


def _zip_bytes(members: dict) -> bytes:
    buf = io.BytesIO()
    _zip(buf, members)
    return buf.getvalue()


def _online(tmp_path, server, cache) -> F.DataStore:
    """A store whose O*NET downloads come from the local server (``/onet/db_XX_X_text.zip``)."""
    return F.DataStore(cache=cache, home=tmp_path / "home", mirror=None,
                       url_map=(("https://www.onetcenter.org/dl_files/database", f"{server.url}/onet"),))


def _warned(caplog, path) -> list[str]:
    return [r.getMessage() for r in caplog.records if str(path) in r.getMessage()]


# 1. a copy in other capitals is said as such, with advice that reads it

def test_a_zip_in_other_capitals_beside_the_folder_is_said_as_such(tmp_path, caplog):
    cache = tmp_path / "cache"
    (cache / "db_31_0_text").mkdir(parents=True)
    (cache / "db_31_0_text" / "Job Zones.txt").write_text(ZONES_TXT)
    upper = _zip(cache / "DB_31_0_TEXT.ZIP", {"db_31_0_text/Job Zones.txt": OTHER_TXT})
    with caplog.at_level(logging.WARNING, logger="exposure"):
        assert F.fetch(ZONES, data_dir=cache).read_text() == ZONES_TXT
    said = _warned(caplog, upper)
    assert len(said) == 1, said
    assert (f"the data directory also has {upper}, which is not read (the same zip in other capitals: names are "
            f"case-sensitive): if it is the copy you want, name it db_31_0_text.zip and remove the folder "
            f"{cache / 'db_31_0_text'}, which is read before the zip") in said[0]
    assert "renamed by the browser" not in said[0]
    upper.rename(cache / "db_31_0_text.zip")  # the advice, followed
    for path in (cache / "db_31_0_text").iterdir():
        path.unlink()
    (cache / "db_31_0_text").rmdir()
    assert F.fetch(ZONES, data_dir=cache).read_text() == OTHER_TXT


def test_a_folder_in_other_capitals_beside_the_zip_is_said_as_such(tmp_path, caplog):
    cache = tmp_path / "cache"
    (cache / "DB_31_0_TEXT").mkdir(parents=True)
    (cache / "DB_31_0_TEXT" / "Job Zones.txt").write_text(OTHER_TXT)
    _zip(cache / "db_31_0_text.zip", {"db_31_0_text/Job Zones.txt": ZONES_TXT})
    with caplog.at_level(logging.WARNING, logger="exposure"):
        assert F.fetch(ZONES, data_dir=cache).read_text() == ZONES_TXT
    said = _warned(caplog, cache / "DB_31_0_TEXT")
    assert len(said) == 1, said
    assert (f"the data directory also has {cache / 'DB_31_0_TEXT'}, which is not read (the same folder in other "
            f"capitals: names are case-sensitive): if it is the copy you want, name it db_31_0_text/ and remove "
            f"the zip {cache / 'db_31_0_text.zip'}, which is read now") in said[0]
    (cache / "DB_31_0_TEXT").rename(cache / "db_31_0_text")  # the advice, followed
    (cache / "db_31_0_text.zip").unlink()
    assert F.fetch(ZONES, data_dir=cache).read_text() == OTHER_TXT


def test_a_file_in_other_capitals_beside_the_one_read_is_said(tmp_path, caplog):
    cache = tmp_path / "cache"
    folder = cache / "db_31_0_text"
    folder.mkdir(parents=True)
    (folder / "Job Zones.txt").write_text(ZONES_TXT)
    (folder / "Job Zones.TXT").write_text(OTHER_TXT)
    (folder / "Job Zones (1).txt").write_text(OTHER_TXT)
    with caplog.at_level(logging.WARNING, logger="exposure"):
        assert F.fetch(ZONES, data_dir=cache).read_text() == ZONES_TXT
    said = _warned(caplog, folder / "Job Zones.TXT")
    assert len(said) == 1, said
    assert (f"{folder / 'Job Zones.TXT'}, which is not read (the same file in other capitals: names are "
            f"case-sensitive): if it is the copy you want, put it in the place of {folder / 'Job Zones.txt'} "
            "under that name") in said[0]
    # a copy saved twice by a browser is said in the same warning, as before
    assert (f"{folder / 'Job Zones (1).txt'}, which is not read (another download, renamed by the browser?): "
            f"if it is the copy you want, put it in the place of {folder / 'Job Zones.txt'}") in said[0]
    (folder / "Job Zones.TXT").replace(folder / "Job Zones.txt")  # the advice, followed
    assert F.fetch(ZONES, data_dir=cache).read_text() == OTHER_TXT


# 2. the release folder a link to nothing, or to another release's folder

def test_a_link_to_no_folder_is_refused_before_downloading(tmp_path, server):
    cache, gone = tmp_path / "cache", tmp_path / "usb" / "db_31_0_text"
    cache.mkdir()
    (cache / "db_31_0_text").symlink_to(gone, target_is_directory=True)
    server.routes["/onet/db_31_0_text.zip"] = (200, {}, _zip_bytes({"db_31_0_text/Job Zones.txt": OTHER_TXT}))
    store = _online(tmp_path, server, cache)
    with pytest.raises(F.DownloadError) as info:
        F.fetch(ZONES, store=store, **FAST)
    assert str(info.value) == (
        f"{ZONES}: the release folder {cache / 'db_31_0_text'} in the data directory is not read: it is a "
        f"symbolic link to {gone}, which does not exist (a drive not mounted, or the file moved?); mount the "
        "drive, or link the folder where it is now (or remove the link to download the release); nothing was read")
    assert server.hits == {}  # nothing was downloaded
    mine = _zip(cache / "db_31_0_text.zip", {"db_31_0_text/Job Zones.txt": ZONES_TXT})  # the user's zip is read
    assert F.fetch(ZONES, store=store, **FAST).read_text() == ZONES_TXT
    mine.unlink()
    gone.mkdir(parents=True)  # the drive mounted: the user's files are read
    (gone / "Job Zones.txt").write_text(ZONES_TXT)
    assert F.fetch(ZONES, store=store, **FAST).read_text() == ZONES_TXT
    assert server.hits == {}


def test_a_link_to_another_release_folder_is_refused(tmp_path):
    cache, other = tmp_path / "cache", tmp_path / "onet" / "db_30_0_text"
    cache.mkdir()
    other.mkdir(parents=True)
    (other / "Job Zones.txt").write_text(OTHER_TXT)
    (cache / "db_31_0_text").symlink_to(other, target_is_directory=True)
    with pytest.raises(F.DownloadError) as info:
        F.fetch(ZONES, data_dir=cache)
    assert str(info.value) == (
        f"{ZONES}: the release folder {cache / 'db_31_0_text'} in the data directory is not read: it is a "
        f"symbolic link to {other}, the folder of O*NET 30.0's download, not O*NET 31.0's: link the folder of "
        "O*NET 31.0's download (or remove the link to download the release); nothing was read")
    assert not (cache / "onet").exists()
    mine = tmp_path / "elsewhere" / "db_31_0_text"  # the advice, followed: a link to this release's folder
    mine.mkdir(parents=True)
    (mine / "Job Zones.txt").write_text(ZONES_TXT)
    (cache / "db_31_0_text").unlink()
    (cache / "db_31_0_text").symlink_to(mine, target_is_directory=True)
    assert F.fetch(ZONES, data_dir=cache).read_text() == ZONES_TXT


def test_a_pinned_file_is_downloaded_with_a_word_on_the_link(tmp_path, server, mirror, caplog):
    cache, gone = tmp_path / "cache", tmp_path / "usb" / "db_29_1_text"
    cache.mkdir()
    link = cache / "db_29_1_text"
    link.symlink_to(gone, target_is_directory=True)
    body = (mirror / PINNED).read_bytes()
    server.routes["/onet/db_29_1_text.zip"] = (200, {}, _zip_bytes({"db_29_1_text/Job Zones.txt": body}))
    with caplog.at_level(logging.WARNING, logger="exposure"):
        assert F.fetch(PINNED, store=_online(tmp_path, server, cache), **FAST).read_bytes() == body
    said = _warned(caplog, link)
    assert said == [f"{PINNED}: the release folder {link} in the data directory is not read: it is a symbolic "
                    f"link to {gone}, which does not exist (a drive not mounted, or the file moved?); the file "
                    f"is downloaded from {server.url}/onet/db_29_1_text.zip instead"]


# 3. the user's zip without the member: which zip, which member, and what to do

def test_the_users_zip_without_the_member_says_what_to_do(tmp_path):
    cache = tmp_path / "cache"
    cache.mkdir()
    mine = _zip(cache / "db_31_0_text.zip", {"db_31_0_text/Occupation Data.txt": "x"})
    with pytest.raises(F.DownloadError) as info:
        F.fetch(ZONES, data_dir=cache)
    said = str(info.value)
    assert said.startswith(f"{ZONES}: your copy of the publisher's download {mine} has no member "
                           "'db_31_0_text/Job Zones.txt'; none of its 1 file(s) is named 'Job Zones.txt'")
    assert said.endswith(f"if it is not the publisher's whole zip (a zip made or trimmed by hand?), replace it "
                         f"with the download of {URL} (or remove it to download the release); nothing was read")
    assert mine.is_file()  # the user's zip is kept
    _zip(mine, {"db_31_0_text/Occupation Data.txt": "x", "db_31_0_text/Job Zones.txt": ZONES_TXT})  # followed
    assert F.fetch(ZONES, data_dir=cache).read_text() == ZONES_TXT


def test_the_librarys_own_download_without_the_member_is_said_as_before(tmp_path, server):
    cache = tmp_path / "cache"
    server.routes["/onet/db_31_0_text.zip"] = (200, {}, _zip_bytes({"db_31_0_text/Occupation Data.txt": "x"}))
    with pytest.raises(F.DownloadError) as info:
        F.fetch(ZONES, store=_online(tmp_path, server, cache), **FAST)
    archive = cache / ".archives" / "db_31_0_text.zip"
    assert str(info.value).startswith(f"{ZONES}: archive {server.url}/onet/db_31_0_text.zip ({archive}) has no "
                                      "member 'db_31_0_text/Job Zones.txt'")
    assert "your copy" not in str(info.value)


# 4. a browser's unfinished download of the zip is said

@pytest.mark.parametrize("suffix", [".part", ".crdownload", ".download"])
def test_an_unfinished_browser_download_is_said(tmp_path, suffix):
    cache, mirror = tmp_path / "cache", tmp_path / "m"
    cache.mkdir()
    (mirror / "other").mkdir(parents=True)  # a mirror without the release
    (mirror / "other" / "a.txt").write_text("x")
    part = cache / f"db_31_0_text.zip{suffix}"
    part.write_bytes(_zip_bytes({"db_31_0_text/Job Zones.txt": ZONES_TXT})[:40])
    with pytest.raises(F.DownloadError) as info:
        F.fetch(ZONES, data_dir=cache, mirror=mirror)
    # round 80 (fetch2): the data directory's advice, then the mirror's
    assert str(info.value).endswith(
        f"; the data directory has {part}, a download the browser did not finish, which is not read: download "
        f"{URL} again (or resume it) and save it there as db_31_0_text.zip; put the file at "
        f"{mirror / ZONES}, copied unchanged from db_31_0_text/Job Zones.txt of {URL}, or unset the mirror "
        "(--mirror, $EXPOSURE_MIRROR) to download it")
    _zip(cache / "db_31_0_text.zip", {"db_31_0_text/Job Zones.txt": ZONES_TXT})  # the download, finished
    assert F.fetch(ZONES, data_dir=cache, mirror=mirror).read_text() == ZONES_TXT


# 5. a member that is a directory is said so, with what to do for the user's zip

def test_a_member_that_is_a_directory_is_said_so(tmp_path):
    cache = tmp_path / "cache"
    cache.mkdir()
    mine = cache / "db_31_0_text.zip"
    with zipfile.ZipFile(mine, "w") as zf:
        info = zipfile.ZipInfo("db_31_0_text/Job Zones.txt")  # no final '/', a directory's mode
        info.create_system = 3
        info.external_attr = (stat.S_IFDIR | 0o755) << 16
        zf.writestr(info, "")
    with pytest.raises(F.DownloadError) as info:
        F.fetch(ZONES, data_dir=cache)
    assert str(info.value) == (
        f"{ZONES}: {mine}: zip member 'db_31_0_text/Job Zones.txt' is a directory, not a regular file; nothing "
        f"was extracted; {mine} is your copy of the publisher's download: replace it with the download of {URL} "
        "(or remove it to download the release)")
    with pytest.raises(F.DataFormatError, match="'db_31_0_text/Job Zones.txt' is a directory, not a regular file"):
        F.extract_zip(mine, tmp_path / "out", members=["db_31_0_text/Job Zones.txt"])
    _zip(mine, {"db_31_0_text/Job Zones.txt": ZONES_TXT})  # the advice, followed
    assert F.fetch(ZONES, data_dir=cache).read_text() == ZONES_TXT
