"""Fault round 75 (releases): a user's own O*NET and OEWS downloads, named to the commands that read them.

Faults found and fixed:

1. An O*NET release given as a whole number (``load_onet(30)``, ``RecomputeInputs(onet_release=30)``
   from a YAML config holding ``onet_release: 30``) was told to ``give it as text (str), in
   quotes (a number loses the zeros of a release: ...)``: following the advice, ``"30"`` was
   refused in turn (``O*NET release '30' is not of the form MAJOR.MINOR``), and so was
   ``"2025"`` for the OEWS May year ``2025`` given as the O*NET release. Now ``O*NET release
   int 30 is not of the form MAJOR.MINOR (e.g. 29.1, 31.0): give it as text (str) with its
   minor number, such as '30.1' (the release of O*NET 30 the package pins)`` (``'31.0'`` for
   a major number the package does not pin), and for ``2025``: ``give it as text (str), such
   as '29.1': 2025 is a year, not an O*NET release (an OEWS May year? give it as
   oews_release= or --oews-release)``. A float keeps its advice (quotes: ``'31.0'`` works).
2. A publisher's download named to ``exposure fetch`` or ``exposure sources``
   (``exposure fetch ~/Downloads/db_30_1_excel.zip``, its unzipped folder
   ``db_31_0_text/``, BLS's ``oesm24nat.zip``) was ``exposure fetch: error: unknown source
   '/home/u/Downloads/db_30_1_excel.zip'; run `exposure sources` to list the registry``:
   the listing has no such name, and nothing said that a download is read from the data
   directory under the names of the release's files. Now the error names the release, and
   the command that reads it, with the folder it lies in as ``--data-dir``: ``... is O*NET
   30.1's download (db_30_1_excel.zip), not a source name: it is read from the data
   directory, under the names of the release's files: exposure fetch --data-dir
   '/home/u/my downloads' onet/30.1``; ``exposure recompute --onet-release 31.0 --data-dir
   ...`` (which reads and pins it) for a release nobody pinned; that a download in the other
   format than the package pins (``db_30_1_text.zip``) is not read, that one of an OEWS
   table the package reads from a file of its own when a mirror is set (``oesm25nat.zip``)
   is read with no mirror set; and a download renamed in other capitals
   (``DB_29_1_TEXT.ZIP``, not read on a case-sensitive disk). A name the registry or the
   lock file knows (a custom source pinned as ``mine/oesm24nat.zip``) is fetched as before.
3. ``exposure sources`` listed as ``verified`` (exit 0) a pinned file whose copy of the
   publisher's download in the data directory holds other bytes (a corrected release
   unzipped over ``db_31_0_text/``, a file saved again by a spreadsheet), which every read
   of the file refuses (``exposure fetch``, ``exposure recompute``: ``sha256 mismatch for
   onet/31.0/Job Zones.txt (read from .../db_31_0_text/Job Zones.txt) ...``). Now its state
   is ``copy differs``, the read's error is printed (naming the copy and what to do) and the
   exit code is 2.
4. BLS's OEWS downloads of other tables given as the OEWS release (``--oews-release
   ~/Downloads/oesm24st.zip``: the state, metropolitan-area or all-data download) were
   ``OEWS release 'oesm24st.zip' is not a year such as 2025``, saying neither what to write
   nor that the library reads none of them; and a national download of a May year the
   package reads from a file of its own when a mirror is set (``oesm25nat.zip``) was
   told to be put in the data directory "to read your copy", which with a mirror set is
   not read. Now ``... it names BLS's state download of OEWS May 2024 (oesm24st.zip), not a
   release, and the library reads the national tables only: write 2024, and put BLS's
   national downloads (oesm24nat.zip, and oesm24in4.zip for the by-industry table) ...``,
   and ``... to read your copy with no mirror set (with one, the package's own file of the
   table, oews/oews_national_cross_industry_M2025.csv, is read instead)``.

Tiny made-up O*NET files in the publisher's text format, written by the tests, and the
real mirror's O*NET 29.1 files zipped as O*NET ships them; nothing is downloaded.
"""

from __future__ import annotations

import hashlib
import os
import zipfile
from pathlib import Path

import numpy as np
import pytest
from test_faults_cli import cli, one_error_line

from exposure import releases
from exposure.cli import main
from exposure.errors import DataFormatError, ExposureError
from exposure.fetch import DataStore, fetch
from exposure.releases import LOCK_NAME, Lock, layout_source
from exposure.sources import Source

#: The real mirror (set when tests run), read before a test unsets it.
_MIRROR = os.environ.get("EXPOSURE_MIRROR", "")

_JOB_ZONES = ("O*NET-SOC Code\tJob Zone\tDate\tDomain Source\r\n"
              "11-1011.00\t5\t08/2026\tAnalyst\r\n15-1252.00\t4\t08/2026\tAnalyst\r\n")


@pytest.fixture()
def home(tmp_path, monkeypatch):
    """A user data directory of its own (the lock file), and no mirror: the user's copies are read."""
    monkeypatch.setenv("EXPOSURE_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("EXPOSURE_MIRROR", raising=False)
    monkeypatch.delenv("EXPOSURE_DATA_DIR", raising=False)
    return tmp_path / "home"


# 1 ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("release, said", [
    (30, "give it as text (str) with its minor number, such as '30.1' (the release of O*NET 30 the package pins)"),
    (np.int64(29), "with its minor number, such as '29.1' (the release of O*NET 29 the package pins)"),
    (31, "give it as text (str) with its minor number, such as '31.0'"),
    (2025, "give it as text (str), such as '29.1': 2025 is a year, not an O*NET release (an OEWS May year? "
           "give it as oews_release= or --oews-release)"),
], ids=["pinned-major", "numpy", "new-major", "year"])
def test_a_whole_number_release_is_told_what_to_write(release, said):
    with pytest.raises(DataFormatError) as info:
        releases.check_onet_release(release)
    message = str(info.value)
    assert message.startswith(f"O*NET release {type(release).__name__} {release} is not of the form MAJOR.MINOR")
    assert message.endswith(said), message
    assert "in quotes" not in message
    meant = message.split("such as ")[1][1:5]
    assert releases.check_onet_release(meant) == meant  # the advice followed
    # a float keeps its advice: in quotes, 31.0 is a release
    with pytest.raises(DataFormatError, match=r"give it as text \(str\), in quotes \(a number loses the zeros"):
        releases.check_onet_release(float(release))




# 2 ---------------------------------------------------------------------------------------
def _zip_of_29_1(folder: Path) -> Path:
    """O*NET 29.1 as O*NET ships it (``db_29_1_text.zip``), of the mirror's pinned files."""
    if not _MIRROR:
        pytest.skip("EXPOSURE_MIRROR is not set")
    folder.mkdir(parents=True, exist_ok=True)
    archive = folder / "db_29_1_text.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for path in sorted((Path(_MIRROR).resolve() / "onet" / "29.1").glob("*.txt")):
            zf.write(path, f"db_29_1_text/{path.name}")
    return archive


def test_fetch_of_a_download_says_how_it_is_read_and_the_advice_works(tmp_path, home, capsys):
    archive = _zip_of_29_1(tmp_path / "my downloads")
    code, _, err = cli(capsys, "fetch", archive)
    line = one_error_line(err, command="fetch")
    assert code == 2
    assert line == (f"exposure fetch: error: '{archive}' is O*NET 29.1's download (db_29_1_text.zip), not a source "
                    "name: it is read from the data directory, under the names of the release's files: exposure "
                    f"fetch --data-dir '{tmp_path / 'my downloads'}' onet/29.1")
    # the advice followed (no mirror, no network): the release is read from the zip, and verified
    code, out, err = cli(capsys, "fetch", "--data-dir", tmp_path / "my downloads", "onet/29.1")
    assert code == 0, err
    assert out.startswith("35 of 35 files verified")
    assert (tmp_path / "my downloads" / "onet" / "29.1" / "Task Statements.txt").is_file()


@pytest.mark.parametrize("command", ["fetch", "sources"])
def test_a_download_of_a_release_nobody_pinned_names_the_recompute_that_pins_it(tmp_path, home, capsys, command):
    code, _, err = cli(capsys, command, "db_31_0_excel")
    line = one_error_line(err, command=command)
    assert code == 2
    assert line.endswith("'db_31_0_excel' is O*NET 31.0's download (db_31_0_excel), not a source name, and nobody "
                         "pinned its files of O*NET 31.0 yet: it is read from the data directory, and pinned, by "
                         "exposure recompute --onet-release 31.0 --onet-format excel --data-dir DIR (DIR: the "
                         "folder that holds it)"), line


def test_a_download_of_a_release_the_lock_pins_is_fetched_by_its_files(tmp_path, home, capsys):
    data = tmp_path / "data"
    folder = data / "db_31_0_text"
    folder.mkdir(parents=True)
    (folder / "Job Zones.txt").write_text(_JOB_ZONES, newline="")
    Lock(home / LOCK_NAME).pin(layout_source("onet/31.0/Job Zones.txt"), folder / "Job Zones.txt")
    code, _, err = cli(capsys, "fetch", f"{folder}/")
    line = one_error_line(err, command="fetch")
    assert line.endswith(f"not a source name: it is read from the data directory, under the names of the release's "
                         f"files: exposure fetch --data-dir {data} onet/31.0"), line
    code, out, err = cli(capsys, "fetch", "--data-dir", data, "onet/31.0")  # the advice followed
    assert code == 0, err
    assert (data / "onet" / "31.0" / "Job Zones.txt").read_bytes() == _JOB_ZONES.encode()


@pytest.mark.parametrize("name, said", [
    ("db_30_1_text.zip", "; the package pins O*NET 30.1 in excel format only, so it is not read: put O*NET's excel "
                         "download (db_30_1_excel.zip) or its unzipped folder in the data directory: exposure fetch "
                         "--data-dir DIR onet/30.1 (DIR: the folder that holds it)"),
    ("oesm25nat.zip", ", and nobody pinned its files of OEWS May 2025 yet: it is read from the data directory, and "
                      "pinned, by exposure recompute --oews-release 2025 --data-dir DIR with no mirror set (with "
                      "one, the package's own file of the table, oews/oews_national_cross_industry_M2025.csv, is "
                      "read instead) (DIR: the folder that holds it)"),
    ("oesm24nat.zip", ": it is read from the data directory, under the names of the release's files: exposure fetch "
                      "--data-dir DIR oews/national_M2024_dl.xlsx (DIR: the folder that holds it)"),
    ("oesm26in4.zip", ", and nobody pinned its files of OEWS May 2026 yet: it is read from the data directory, and "
                      "pinned, by exposure recompute --oews-release 2026 --data-dir DIR (DIR: the folder that holds "
                      "it)"),
    ("DB_29_1_TEXT.ZIP", " (named otherwise than the publisher's db_29_1_text.zip, under which it is read: rename "
                         "it): it is read"),
], ids=["other-format", "package-oews", "pinned-oews", "new-oews", "capitals"])
def test_what_a_download_named_to_fetch_is_said_to_be(home, capsys, name, said):
    code, _, err = cli(capsys, "fetch", name)
    line = one_error_line(err, command="fetch")
    assert code == 2 and "unknown source" not in line
    assert line.startswith(f"exposure fetch: error: {name!r} is ")
    assert said in line, line


def test_names_of_sources_are_not_downloads():
    assert [releases.download_named(n) for n in ("onet/31.0", "onet/29.1/Job Zones.txt", "oews", "db_31_10_text",
                                                 "oesm26st.zip", 5)] == [""] * 6


# 3 ---------------------------------------------------------------------------------------
def _pinned_folder(tmp_path, home, capsys) -> tuple[Path, Path]:
    """O*NET 31.0's ``Job Zones.txt`` unzipped in the data directory, pinned and fetched into the cache."""
    data = tmp_path / "data"
    copy = data / "db_31_0_text" / "Job Zones.txt"
    copy.parent.mkdir(parents=True)
    copy.write_text(_JOB_ZONES, newline="")
    Lock(home / LOCK_NAME).pin(layout_source("onet/31.0/Job Zones.txt"), copy)
    code, _, err = cli(capsys, "fetch", "--data-dir", data, "onet/31.0/Job Zones.txt")
    assert code == 0, err
    return data, copy


def test_sources_lists_a_file_whose_copy_in_the_data_directory_changed(tmp_path, home, capsys):
    data, copy = _pinned_folder(tmp_path, home, capsys)
    code, out, err = cli(capsys, "sources", "--data-dir", data, "onet/31.0")
    assert code == 0 and "verified" in out, err  # unchanged: as before
    copy.write_text(_JOB_ZONES.replace("\t5\t", "\t4\t"), newline="")  # a corrected release unzipped over it
    code, out, err = cli(capsys, "sources", "--data-dir", data, "onet/31.0")
    line = one_error_line(err, command="sources")
    assert code == 2
    assert "onet/31.0/Job Zones.txt" in line and f"{copy} is your copy of the publisher's download" in line
    row = next(r for r in out.splitlines() if r.startswith("onet/31.0/Job Zones.txt"))
    assert "copy differs" in row and "verified" not in row
    assert "0 verified" in out and "1 with your copy of the publisher's download in the data directory refused" in out
    # as every read of it says
    code, _, err = cli(capsys, "fetch", "--data-dir", data, "onet/31.0")
    assert code == 2 and f"{copy} is your copy of the publisher's download" in err
    with pytest.raises(ExposureError, match="sha256 mismatch for onet/31.0/Job Zones.txt"):
        fetch("onet/31.0/Job Zones.txt", store=DataStore(cache=data, home=home, mirror=None))


def test_sources_tsv_shows_the_state_of_a_changed_copy(tmp_path, home, capsys):
    data, copy = _pinned_folder(tmp_path, home, capsys)
    copy.write_bytes(copy.read_bytes() + b"\r\n")
    code, out, err = cli(capsys, "sources", "--data-dir", data, "--format", "tsv", "onet/31.0/Job Zones.txt")
    assert code == 2 and one_error_line(err, command="sources")
    size = len(_JOB_ZONES.encode())
    assert out.splitlines()[1] == f"onet/31.0/Job Zones.txt\tonet\t31.0\t{size}\tcopy differs\tCC BY 4.0"
    assert hashlib.sha256(copy.read_bytes()).hexdigest() in err



def test_sources_of_the_mirror_itself_looks_at_no_copy_in_it(tmp_path, home, capsys, monkeypatch):
    """The cache that is the mirror is read in place, as every command reads it (a copy in it is not read)."""
    data, copy = _pinned_folder(tmp_path, home, capsys)
    copy.write_bytes(copy.read_bytes() + b"\r\n")
    code, _, err = cli(capsys, "sources", "--data-dir", data, "onet/31.0/Job Zones.txt")
    assert code == 2, err
    monkeypatch.setenv("EXPOSURE_MIRROR", str(data))
    code, out, err = cli(capsys, "sources", "--data-dir", data, "onet/31.0/Job Zones.txt")
    assert code == 0 and "verified" in out, err
    assert fetch("onet/31.0/Job Zones.txt", mirror=data, data_dir=data).read_bytes() == _JOB_ZONES.encode()


def test_a_custom_source_pinned_under_a_downloads_name_is_still_fetched(tmp_path, home, capsys):
    """A file the lock file pins (``fetch_table`` of a custom source) is fetched by its name, whatever it is."""
    data = tmp_path / "data"
    cached = data / "mine" / "oesm24nat.zip"
    cached.parent.mkdir(parents=True)
    cached.write_bytes(b"my own table")
    src = Source(name="mine/oesm24nat.zip", release="1", url="https://example.org/oesm24nat.zip", sha256="",
                 size=0, licence="CC0", attribution="me", kind="custom")
    Lock(home / LOCK_NAME).pin(src, cached)
    code, out, err = cli(capsys, "fetch", "--data-dir", data, "mine/oesm24nat.zip")
    assert code == 0 and out.startswith("1 of 1 file verified"), err
    code, _, err = cli(capsys, "fetch", "--data-dir", data, "oesm24nat.zip")  # the download's name: said as one
    assert code == 2 and "is OEWS May 2024's download" in one_error_line(err, command="fetch")


# 4 ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("release, level, yy", [("~/Downloads/oesm24st.zip", "state", "24"),
                                                ("oesm26ma", "metropolitan and nonmetropolitan area", "26"),
                                                ("OESM25ALL.zip", "all-data", "25")])
def test_an_oews_download_of_another_table_as_the_release_is_named(capsys, release, level, yy):
    with pytest.raises(SystemExit) as info:  # refused by the option's type, before any work
        main(["recompute", "--oews-release", release])
    assert info.value.code == 2
    line = capsys.readouterr().err.splitlines()[-1]  # argparse's usage, then one error line
    assert line.startswith("exposure recompute: error: argument --oews-release: ")
    last = release.rsplit("/", 1)[-1]
    assert line.endswith(f"OEWS release {release!r} is not a year such as 2025: it names BLS's {level} download of "
                         f"OEWS May 20{yy} ({last}), not a release, and the library reads the national tables only: "
                         f"write 20{yy}, and put BLS's national downloads (oesm{yy}nat.zip, and oesm{yy}in4.zip for "
                         "the by-industry table) or their unzipped folders in the data directory (--data-dir, "
                         "data_dir=) to read your copy"), line
    assert releases.check_oews_release(f"20{yy}") == f"20{yy}"  # the advice followed


@pytest.mark.parametrize("release, own", [("oesm25nat.zip", "oews/oews_national_cross_industry_M2025.csv"),
                                          ("oesm25in4", "oews/oews_national_by_industry_M2025.csv"),
                                          ("oesm21nat", "oews/national_M2021_dl.csv")])
def test_a_download_the_package_reads_its_own_file_for_is_said_so(release, own):
    with pytest.raises(ExposureError) as info:
        releases.check_oews_release(release)
    assert str(info.value).endswith("to read your copy with no mirror set (with one, the package's own file of the "
                                    f"table, {own}, is read instead)"), str(info.value)

