"""Fault round 53 (refresh): a new release downloaded by hand and put in the data directory.

A researcher downloads O*NET 31.0 (or BLS's OEWS May 2026 workbooks) with a browser, puts
the download in the data directory (``--data-dir``, docs/refresh.md section 2) and
recomputes. Each test failed before its fix:

- The zip unzipped one level deeper (``db_31_0_text/db_31_0_text/...``, as Windows'
  "Extract All" and 7-Zip's "Extract to db_31_0_text\\" do) was read as a release folder
  holding no file: refused as "the folder .../db_31_0_text has 0 file(s), none named
  'Occupation Data.txt' (left out when copying the release?)", with or without the
  network. It is read as the folder.
- A zip that is no zip (``curl -O`` interrupted, the empty placeholder of a browser's
  download, a login page saved under the zip's name) was passed over as absent: with the
  network reachable the release was downloaded without a word; without it, the error said
  "no copy of it in the data directory either (looked for .../db_31_0_text.zip)" although
  the file was there. A new file is now refused naming the zip and what is wrong with it;
  a pinned file is downloaded (its sha256 checked) and the zip said in a warning.
- A file saved twice by the browser (``Job Zones (1).txt``) was said to be "left out
  when copying the release"; a zip saved twice (``db_31_0_text (1).zip``) was passed over
  without a word while the release was downloaded, or while an older folder was read.
- ``exposure.oews.load_oews("2026")`` pinned each new file as it passed alone, so a table
  refused by the check across its files (a sector file that is a copy of the 3-digit one)
  left the wrong file pinned in ``exposure.lock``: the corrected file was then refused as
  a sha256 mismatch. The error named registry names, not the user's files.
"""

from __future__ import annotations

import logging

import pytest
from _fetch_helpers import store_in_tmp
from _oews_files import SOC, bls_workbook
from _release_files import (
    TASK_STATEMENTS,
    ZIP_ROUTE,
    onet_release,
    release_zip,
    served_release,
    task_statements,
    write_release_folder,
    write_release_zip,
)

from exposure import fetch as F
from exposure.errors import ChecksumMismatchError, DataFormatError, DownloadError
from exposure.oews import load_oews
from exposure.onet import load_onet, read_job_zones, read_tasks

_JZ = "onet/31.0/Job Zones.txt"


@pytest.fixture()
def online(tmp_path, monkeypatch, server):
    """No mirror; onetcenter.org is the local server, serving the whole release."""
    return served_release(tmp_path, monkeypatch, server, onet_release())


@pytest.fixture()
def offline(tmp_path, monkeypatch):
    """No mirror, no network (a port nobody listens on), one attempt per download."""
    return store_in_tmp(tmp_path, monkeypatch, retries=0)


# ------------------------------------------------------------ 1. unzipped one level deeper


@pytest.mark.network
def test_release_unzipped_one_level_deeper_is_read(online, server):
    outer = online.cache / "db_31_0_text"
    inner = write_release_folder(outer, onet_release())
    (outer / ".DS_Store").write_bytes(b"\0\0\0\1Bud1")  # a file manager's litter beside it
    db = load_onet("31.0", store=online)
    assert len(db.tasks) == 2
    assert server.hits.get(ZIP_ROUTE, 0) == 0  # the user's copy, not a download
    assert len(online.lock.entries()) == 8
    # a second run checks the pins against that copy: a changed file is not ignored
    (inner / "Task Statements.txt").write_bytes(task_statements(first="Direct the finances."))
    with pytest.raises(ChecksumMismatchError) as info:
        load_onet("31.0", store=online)
    assert str(inner / "Task Statements.txt") in str(info.value)


def test_release_unzipped_one_level_deeper_is_read_offline(offline):
    write_release_folder(offline.cache / "db_31_0_text", onet_release())
    assert len(load_onet("31.0", store=offline).tasks) == 2


def test_inner_folder_beside_other_files_is_named(offline):
    outer = write_release_folder(offline.cache, {"Read Me": b"notes\r\n"})
    write_release_folder(outer, onet_release())
    with pytest.raises(DownloadError) as info:
        F.fetch_table(TASK_STATEMENTS, read_tasks, store=offline)
    message = str(info.value)
    assert "one level deeper" in message and str(outer / "db_31_0_text") in message, message
    assert "left out when copying" not in message


# ------------------------------------------------------------ 2. a zip that is no zip


def _cut_zip() -> bytes:
    whole = release_zip({k: v * 40 for k, v in onet_release().items()})
    return whole[: len(whole) // 2]


@pytest.mark.network
@pytest.mark.parametrize("body, said", [
    (_cut_zip(), "cut short"),
    (b"", "empty"),
    (b"<!DOCTYPE html><html><head><title>Sign in</title></head></html>", "web page"),
], ids=["cut-short", "empty", "html"])
def test_damaged_zip_of_a_new_release_is_refused_not_passed_over(online, server, body, said):
    online.cache.mkdir(parents=True)
    archive = online.cache / "db_31_0_text.zip"
    archive.write_bytes(body)
    with pytest.raises(DownloadError) as info:
        F.fetch_table(TASK_STATEMENTS, read_tasks, store=online)
    message = str(info.value)
    assert str(archive) in message and said in message, message
    assert server.hits.get(ZIP_ROUTE, 0) == 0  # not downloaded in its place
    assert archive.read_bytes() == body  # the user's file is kept
    assert not online.lock_path.exists()


def test_damaged_zip_is_named_not_looked_for_in_vain(offline):
    offline.cache.mkdir(parents=True)
    archive = offline.cache / "db_31_0_text.zip"
    archive.write_bytes(_cut_zip())
    with pytest.raises(DownloadError) as info:
        load_onet("31.0", store=offline)
    message = str(info.value)
    assert str(archive) in message and "cut short" in message, message
    assert "no copy of it in the data directory" not in message


@pytest.mark.network
def test_damaged_zip_of_a_pinned_file_is_said_and_the_file_downloaded(online, server, caplog):
    F.fetch_table(_JZ, read_job_zones, store=online)  # downloaded and pinned
    (online.cache / "onet" / "31.0" / "Job Zones.txt").unlink()
    archive = online.cache / "db_31_0_text.zip"
    archive.write_bytes(_cut_zip())
    (online.cache / ".archives" / "db_31_0_text.zip").unlink()
    with caplog.at_level(logging.WARNING, logger="exposure.fetch"):
        path = F.fetch(_JZ, store=online)
    assert path.read_bytes() == onet_release()["Job Zones"]  # verified against the pin
    said = [r.getMessage() for r in caplog.records if str(archive) in r.getMessage()]
    assert said and "cut short" in said[0], [r.getMessage() for r in caplog.records]


# ------------------------------------------------------------ 3. copies renamed by the browser


def test_file_saved_twice_by_the_browser_is_named_as_such(offline):
    files = onet_release()
    job_zones = files.pop("Job Zones")
    folder = write_release_folder(offline.cache, files)
    (folder / "Job Zones (1).txt").write_bytes(job_zones)
    with pytest.raises(DownloadError) as info:
        F.fetch_table(_JZ, read_job_zones, store=offline)
    message = str(info.value)
    assert "'Job Zones (1).txt'" in message and "renamed by the browser" in message, message
    assert "left out when copying" not in message


@pytest.mark.network
def test_zip_saved_twice_is_said_when_the_release_is_downloaded(online, server, caplog):
    renamed = write_release_zip(online.cache, onet_release(), name="db_31_0_text (1).zip")
    with caplog.at_level(logging.WARNING, logger="exposure.fetch"):
        F.fetch_table(_JZ, read_job_zones, store=online)
        F.fetch_table(TASK_STATEMENTS, read_tasks, store=online)
    said = [r.getMessage() for r in caplog.records if str(renamed) in r.getMessage()]
    assert len(said) == 1, said  # once for the release
    assert "name your copy db_31_0_text.zip" in said[0]


def test_zip_saved_twice_is_named_by_a_failed_download(offline):
    renamed = write_release_zip(offline.cache, onet_release(), name="db_31_0_text (1).zip")
    with pytest.raises(DownloadError) as info:
        F.fetch_table(_JZ, read_job_zones, store=offline)
    assert str(renamed) in str(info.value) and "db_31_0_text.zip to read it" in str(info.value)


def test_later_download_beside_the_folder_read_is_said(offline, caplog):
    folder = write_release_folder(offline.cache, onet_release())
    later = write_release_zip(offline.cache, onet_release(first="Direct the finances."),
                              name="db_31_0_text (1).zip")
    with caplog.at_level(logging.WARNING, logger="exposure.fetch"):
        table = F.fetch_table(TASK_STATEMENTS, read_tasks, store=offline)
    assert table["task"].iloc[0].startswith("Direct or")  # the folder, as before
    said = [r.getMessage() for r in caplog.records if str(later) in r.getMessage()]
    assert said and str(folder / "Task Statements.txt") in said[0], said


# ------------------------------------------------------------ 4. OEWS: pins of a refused table

def _bls_workbook(industries, i_group: str, own_code: int) -> bytes:
    """A made-up BLS OEWS workbook of major groups 11 and 15 (:func:`_oews_files.bls_workbook`)."""
    return bls_workbook(industries, i_group, own_code, occupations=SOC[:4])


def test_oews_table_refused_across_its_files_pins_nothing(offline):
    nat, in4 = offline.cache / "oesm26nat", offline.cache / "oesm26in4"
    nat.mkdir(parents=True)
    in4.mkdir()
    (nat / "national_M2026_dl.xlsx").write_bytes(_bls_workbook([("000000", "Cross-industry")],
                                                               "cross-industry", 1235))
    three = _bls_workbook([("513000", "Publishing Industries")], "3-digit", 5)
    (in4 / "nat3d_M2026_dl.xlsx").write_bytes(three)
    (in4 / "natsector_M2026_dl.xlsx").write_bytes(three)  # the wrong file copied in
    with pytest.raises(DataFormatError) as info:
        load_oews("2026", store=offline)
    message = str(info.value)
    assert str(in4 / "natsector_M2026_dl.xlsx") in message, message  # the user's files, named
    assert str(in4 / "nat3d_M2026_dl.xlsx") in message and "nothing was pinned" in message
    assert not offline.lock_path.exists()
    # the right sector file put in its place is read (it was a sha256 mismatch of the pin)
    (in4 / "natsector_M2026_dl.xlsx").write_bytes(_bls_workbook([("51", "Information")], "sector", 5))
    frame = load_oews("2026", store=offline)
    assert set(frame["i_group"]) == {"cross-industry", "sector", "3-digit"}
    assert len(offline.lock.entries()) == 3
