"""Fault round 75 (third wave): the data directory's copies of the publishers' downloads.

1. The publisher's zip or its unzipped folder in other capitals in the data directory
   (``DB_31_0_TEXT.ZIP``, ``DB_31_0_TEXT/``: a name upper-cased by a FAT-formatted stick or
   a colleague's copy) is not read on a case-sensitive disk, and the error said only
   ``...; no copy of it in the data directory either (looked for .../db_31_0_text/Job
   Zones.txt, .../db_31_0_text.zip)``, the copy being there. Now the error adds ``the data
   directory has .../DB_31_0_TEXT.ZIP, not read under that name (names are
   case-sensitive): name your copy db_31_0_text.zip to read it`` (and, with the network, the
   warning of the download says it); once renamed, the copy is read.
2. BLS's downloads of other tables (``oesm26st.zip``, ``oesm26ma.zip``, ``oesm26all.zip``)
   or of another year (``oesm25nat.zip`` where May 2026 is wanted), and O*NET's of another
   release (``db_30_0_text/`` where 31.0 is wanted), lying in the data directory: the same
   "no copy of it in the data directory either" without a word on them. Now the error says
   ``the data directory has .../oesm26st.zip, BLS's state download of OEWS May 2026, which
   is not read (the library reads BLS's national tables only)`` or ``.../oesm25nat.zip,
   OEWS May 2025's download, not OEWS May 2026's (read only when that release is asked)``,
   and names the download to put there (``put oesm26nat.zip (OEWS May 2026's download)
   there``); once put there, it is read.
3. A zip of another year saved under this year's name (``oesm26nat.zip`` holding
   ``oesm25nat/national_M2025_dl.xlsx``; likewise ``db_31_0_text.zip`` holding
   ``db_30_0_text/``): ``...; none of its 1 file(s) is named 'national_M2026_dl.xlsx' (the
   publisher dropped or renamed it?)``. Now: ``it has 'oesm25nat/national_M2025_dl.xlsx':
   the archive holds OEWS May 2025's file, not OEWS May 2026's (another release's zip,
   saved under this one's name?)``.
4. ``exposure fetch 'onet/31.0/Job Zones.txt' --data-dir DIR`` (a release nobody pinned)
   advised ``exposure recompute --onet-release 31.0`` (with --mirror, or from the network),
   leaving out the ``--data-dir`` given: followed as written it read the default data
   directory, passing over the user's copy of the release in DIR. Now the advice is
   ``exposure recompute --onet-release 31.0 --data-dir DIR`` (quoted for the shell); the
   default data directory is not written out.
5. A symbolic link in the data directory to the publisher's zip or its unzipped folder kept
   elsewhere (``db_31_0_text.zip -> /media/usb/db_31_0_text.zip``), the drive not mounted or
   the file moved: passed over as if nothing were there (``no copy of it in the data
   directory either (looked for .../db_31_0_text.zip)``), and with the network reachable a
   new release was downloaded without a word. Now a link to no zip is refused as a zip that
   cannot be read (``your copy of the publisher's download .../db_31_0_text.zip is not a
   readable zip: it is a symbolic link to ..., which does not exist (a drive not mounted, or
   the file moved?); ...; nothing was read``; a pinned file warns and is downloaded, as for
   a damaged zip), and a link to no folder is said in the error (``.../db_31_0_text is there
   but not read: it is a symbolic link to ...``).

Tiny made-up files written by the tests; nothing is downloaded.
"""

from __future__ import annotations

import shlex
import zipfile

import pytest
from test_faults_cli import cli, one_error_line

from exposure import fetch as F

ZONES = "onet/31.0/Job Zones.txt"
ZONES_TXT = "O*NET-SOC Code\tJob Zone\tDate\tDomain Source\n11-1011.00\t5\t08/2026\tAnalyst\n"
NATIONAL = "oews/national_M2026_dl.xlsx"


pytestmark = pytest.mark.usefixtures("bare_env")


def _mirror(tmp_path):
    """A mirror that holds no file of the releases asked (another file only)."""
    mirror = tmp_path / "m"
    (mirror / "other").mkdir(parents=True, exist_ok=True)
    (mirror / "other" / "a.txt").write_text("x")
    return mirror


def _zip(path, member, text="x"):
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(member, text)
    return path


def _refused(tmp_path, name, cache):
    with pytest.raises(F.DownloadError) as info:
        F.fetch(name, mirror=_mirror(tmp_path), data_dir=cache)
    return str(info.value)


# 1. the publisher's zip or folder in other capitals is said, and read once renamed

def test_a_zip_in_other_capitals_is_named(tmp_path):
    cache = tmp_path / "cache"
    cache.mkdir()
    _zip(cache / "DB_31_0_TEXT.ZIP", "db_31_0_text/Job Zones.txt", ZONES_TXT)
    said = _refused(tmp_path, ZONES, cache)
    assert (f"the data directory has {cache / 'DB_31_0_TEXT.ZIP'}, not read under that name (names are "
            "case-sensitive): name your copy db_31_0_text.zip to read it") in said
    (cache / "DB_31_0_TEXT.ZIP").rename(cache / "db_31_0_text.zip")  # the advice, followed
    assert F.fetch(ZONES, mirror=_mirror(tmp_path), data_dir=cache).read_text() == ZONES_TXT
    twice = tmp_path / "twice"  # a copy saved twice by a browser is said as before
    twice.mkdir()
    _zip(twice / "db_31_0_text (1).zip", "db_31_0_text/Job Zones.txt", ZONES_TXT)
    said = _refused(tmp_path, ZONES, twice)
    assert "(a second download renamed by the browser?): name your copy db_31_0_text.zip" in said
    assert "case-sensitive" not in said


def test_a_folder_in_other_capitals_is_named(tmp_path):
    cache = tmp_path / "cache"
    (cache / "DB_31_0_TEXT").mkdir(parents=True)
    (cache / "DB_31_0_TEXT" / "Job Zones.txt").write_text(ZONES_TXT)
    said = _refused(tmp_path, ZONES, cache)
    assert (f"the data directory has {cache / 'DB_31_0_TEXT'}, not read under that name (names are "
            "case-sensitive): name your copy db_31_0_text/ to read it") in said
    (cache / "DB_31_0_TEXT").rename(cache / "db_31_0_text")
    assert F.fetch(ZONES, mirror=_mirror(tmp_path), data_dir=cache).read_text() == ZONES_TXT


# 2. BLS's downloads of other tables or years, O*NET's of another release, are named

@pytest.mark.parametrize(("archive", "said"), [
    ("oesm26st.zip", "BLS's state download of OEWS May 2026, which is not read (the library reads BLS's "
                     "national tables only)"),
    ("oesm26ma.zip", "BLS's metropolitan and nonmetropolitan area download of OEWS May 2026, which is not read"),
    ("oesm26all.zip", "BLS's all-data download of OEWS May 2026, which is not read"),
    ("oesm25nat.zip", "OEWS May 2025's download, not OEWS May 2026's (read only when that release is asked)"),
])
def test_another_bls_download_is_named(tmp_path, archive, said):
    cache = tmp_path / "cache"
    cache.mkdir()
    _zip(cache / archive, f"{archive[:-4]}/some_dl.xlsx")
    error = _refused(tmp_path, NATIONAL, cache)
    assert (f"the data directory has {cache / archive}, {said}") in error
    # round 80 (fetch2): the data directory's advice, then the mirror's
    assert f": put oesm26nat.zip (OEWS May 2026's download) there to read {NATIONAL}; put the file at " in error
    assert error.endswith("or unset the mirror (--mirror, $EXPOSURE_MIRROR) to download it")
    _zip(cache / "oesm26nat.zip", "oesm26nat/national_M2026_dl.xlsx", "y")  # the advice, followed
    assert F.fetch(NATIONAL, mirror=_mirror(tmp_path), data_dir=cache).read_text() == "y"


def test_another_onet_release_folder_is_named(tmp_path):
    cache = tmp_path / "cache"
    (cache / "db_30_0_text").mkdir(parents=True)
    (cache / "db_30_0_text" / "Job Zones.txt").write_text(ZONES_TXT)
    said = _refused(tmp_path, ZONES, cache)
    assert (f"the data directory has {cache / 'db_30_0_text'}, O*NET 30.0's download, not O*NET 31.0's (read "
            f"only when that release is asked): put db_31_0_text.zip (O*NET 31.0's download) there") in said
    # the other format of the same release is said as before, not as another release
    (cache / "db_31_0_excel").mkdir()
    (cache / "db_31_0_excel" / "Job Zones.xlsx").write_bytes(b"x")
    said = _refused(tmp_path, ZONES, cache)
    assert "O*NET's excel download: give --onet-format excel" in said
    assert "db_31_0_excel, O*NET" not in said


# 3. a zip of another release under this release's name says the release it holds

@pytest.mark.parametrize(("name", "archive", "member", "said"), [
    (NATIONAL, "oesm26nat.zip", "oesm25nat/national_M2025_dl.xlsx",
     "it has 'oesm25nat/national_M2025_dl.xlsx': the archive holds OEWS May 2025's file, not OEWS May 2026's "
     "(another release's zip, saved under this one's name?)"),
    (ZONES, "db_31_0_text.zip", "db_30_0_text/Job Zones.txt",
     "it has 'db_30_0_text/Job Zones.txt': the archive holds O*NET 30.0's file, not O*NET 31.0's"),
])
def test_a_zip_of_another_release_says_which(tmp_path, name, archive, member, said):
    cache = tmp_path / "cache"
    cache.mkdir()
    _zip(cache / archive, member)
    with pytest.raises(F.DownloadError) as info:
        F.fetch(name, data_dir=cache)
    assert said in str(info.value)
    assert "dropped or renamed" not in str(info.value)
    _zip(cache / archive, f"{archive[:-4].upper()}/{name.rsplit('/', 1)[1]}")  # this release, upper case
    with pytest.raises(F.DownloadError) as info:
        F.fetch(name, data_dir=cache)
    assert "(the file in another folder or case)" in str(info.value)
    assert "another release's zip" not in str(info.value)


# 4. the advice to pin a release keeps the --data-dir given

def test_the_advice_to_pin_keeps_the_data_dir(tmp_path, capsys, monkeypatch):
    cache = tmp_path / "my data"
    code, _, err = cli(capsys, "fetch", ZONES, "--data-dir", cache)
    line = one_error_line(err, command="fetch")
    assert code == 2
    advice = line.split("`")[1]
    assert shlex.split(advice) == ["exposure", "recompute", "--onet-release", "31.0", "--data-dir", str(cache)]
    monkeypatch.setenv("EXPOSURE_DATA_DIR", str(cache))  # the default data directory is not written out
    code, _, err = cli(capsys, "fetch", ZONES)
    assert code == 2
    assert "`exposure recompute --onet-release 31.0` (with --mirror" in one_error_line(err, command="fetch")


def test_the_advice_to_pin_a_glob_keeps_the_data_dir(tmp_path, capsys):
    cache = tmp_path / "c"
    code, _, err = cli(capsys, "fetch", "onet/31.0/*", "--data-dir", cache)
    assert code == 2
    assert f"`exposure recompute --onet-release 31.0 --data-dir {cache}`" in one_error_line(err, command="fetch")


# 5. a link to the publisher's zip or folder that points to nothing is said

def test_a_link_to_no_zip_is_refused(tmp_path):
    cache, gone = tmp_path / "cache", tmp_path / "usb" / "db_31_0_text.zip"
    cache.mkdir()
    (cache / "db_31_0_text.zip").symlink_to(gone)
    with pytest.raises(F.DownloadError) as info:
        F.fetch(ZONES, data_dir=cache)  # no mirror: the release is not downloaded instead
    said = str(info.value)
    assert said.startswith(f"{ZONES}: your copy of the publisher's download {cache / 'db_31_0_text.zip'} is not a "
                           f"readable zip: it is a symbolic link to {gone}, which does not exist (a drive not "
                           "mounted, or the file moved?)")
    assert said.endswith("nothing was read")
    gone.parent.mkdir()  # the drive mounted: the link is read
    _zip(gone, "db_31_0_text/Job Zones.txt", ZONES_TXT)
    assert F.fetch(ZONES, data_dir=cache).read_text() == ZONES_TXT


def test_a_link_to_no_release_folder_is_said(tmp_path):
    cache, gone = tmp_path / "cache", tmp_path / "usb" / "db_31_0_text"
    cache.mkdir()
    (cache / "db_31_0_text").symlink_to(gone, target_is_directory=True)
    said = _refused(tmp_path, ZONES, cache)
    assert (f"; {cache / 'db_31_0_text'} is there but not read: it is a symbolic link to {gone}, which does "
            "not exist (a drive not mounted, or the file moved?)") in said
