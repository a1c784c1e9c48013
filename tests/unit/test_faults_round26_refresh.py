"""Fault round 26: a data refresh as a user runs it when O*NET publishes a new release.

1. A new O*NET release put into the data directory (``--data-dir``, the cache) as O*NET
   ships it: the archive's folder unzipped (``DIR/db_31_0_text/Job Zones.txt``) or the zip
   itself (``DIR/db_31_0_text.zip``). It was ignored: the network was tried, and the error
   named only the URL (``download of .../db_31_0_text.zip failed after 4 attempts:
   ConnectionError ...``), or, with a mirror that lacks the release, ``not found in
   mirror``. Now the publisher's copy is read from the data directory (validated and
   pinned as a download is); a failed download names the places looked at.
2. A release that lacks one table (no ``Tasks to DWAs.txt``): the ``fetch`` stage of
   ``exposure recompute`` failed at that file, after it had pinned the files before it in
   the lock file (``Occupation Data``, ``Task Statements``, ``Task Ratings``): a failed
   run changed ``exposure.lock`` without a word. Now every file is fetched before any is
   pinned: nothing is pinned.
3. An archive that lacks the member looked for (a folder inside the zip other than
   O*NET's ``db_31_0_text/``, or a table the publisher dropped): ``archive
   https://.../db_31_0_text.zip has no member 'db_31_0_text/Job Zones.txt'``, naming
   neither the local archive nor what it holds. Now both are named.

Tiny made-up files in O*NET's text format, written by the tests; nothing is downloaded
(the publishers' URLs are mapped to a closed local port).
"""

from __future__ import annotations

import zipfile

import pytest
from _release_files import (
    onet_release,
    write_mirror_release,
    write_release_folder,
    write_release_zip,
)
from tests.integration.test_publishers import onet_31_files

from exposure import pipeline
from exposure.errors import DownloadError, ExposureError
from exposure.fetch import DataStore, fetch_table
from exposure.onet import read_job_zones

# a port nothing listens on: a download fails at once, without the network
_NOWHERE = (("https://www.onetcenter.org", "http://127.0.0.1:9"),
            ("https://www.bls.gov", "http://127.0.0.1:9"))

#: ``Job Zones.txt`` of two occupations, as O*NET publishes it
_ZONES = {"Job Zones": onet_release()["Job Zones"]}


def _store(tmp_path, mirror=None) -> DataStore:
    return DataStore(cache=tmp_path / "cache", home=tmp_path / "home", mirror=mirror,
                     url_map=_NOWHERE)


def _read(store):
    return fetch_table("onet/31.0/Job Zones.txt", read_job_zones, store=store, retries=0)


# -- 1. the publisher's download in the data directory ------------------------------------

def test_unzipped_release_folder_in_the_data_dir_is_read_and_pinned(tmp_path):
    write_release_folder(tmp_path / "cache", _ZONES)
    store = _store(tmp_path)
    zones = _read(store)
    assert len(zones) == 2
    assert "onet/31.0/Job Zones.txt" in store.lock.entries()


def test_release_zip_in_the_data_dir_is_read(tmp_path):
    write_release_zip(tmp_path / "cache", _ZONES)
    store = _store(tmp_path)
    assert len(_read(store)) == 2
    assert (tmp_path / "cache" / "db_31_0_text.zip").is_file()  # the user's zip is kept


def test_data_dir_copy_is_read_when_the_mirror_lacks_the_release(tmp_path):
    (tmp_path / "mirror" / "onet").mkdir(parents=True)
    write_release_folder(tmp_path / "cache", _ZONES)
    assert len(_read(_store(tmp_path, mirror=tmp_path / "mirror"))) == 2


def test_failed_download_names_the_places_looked_at(tmp_path):
    store = _store(tmp_path)
    with pytest.raises(DownloadError) as info:
        _read(store)
    message = str(info.value)
    cache = tmp_path / "cache"
    assert str(cache / "db_31_0_text" / "Job Zones.txt") in message
    assert str(cache / "db_31_0_text.zip") in message
    assert str(cache / ".archives" / "db_31_0_text.zip") in message
    assert store.lock.entries() == {}


# -- 2. a release that lacks a table ------------------------------------------------------

def test_release_missing_a_table_pins_nothing(tmp_path):
    write_mirror_release(tmp_path / "mirror", {base: data for base, data in onet_31_files().items()
                                               if base != "Tasks to DWAs"})
    store = _store(tmp_path, mirror=tmp_path / "mirror")
    inputs = pipeline.RecomputeInputs(onet_release="31.0", store=store)
    with pytest.raises(ExposureError, match="Tasks to DWAs.txt: not found in mirror"):
        pipeline._fetch(inputs)
    assert not store.lock_path.exists() or store.lock.entries() == {}


# -- 3. an archive without the member -----------------------------------------------------

def test_archive_without_the_member_names_the_archive_and_what_it_holds(tmp_path):
    archives = tmp_path / "cache" / ".archives"
    archives.mkdir(parents=True)
    with zipfile.ZipFile(archives / "db_31_0_text.zip", "w") as zf:
        zf.writestr("Job Zones.txt", _ZONES["Job Zones"])  # zipped without O*NET's folder
    with pytest.raises(DownloadError) as info:
        _read(_store(tmp_path))
    message = str(info.value)
    assert str(archives / "db_31_0_text.zip") in message
    assert "it has 'Job Zones.txt'" in message


def test_archive_without_the_table_says_none_is_named_so(tmp_path):
    write_release_zip(tmp_path / "cache" / ".archives", {"Occupation Data": b"x"})
    with pytest.raises(DownloadError, match=r"none of its 1 file\(s\) is named 'Job Zones.txt'"):
        _read(_store(tmp_path))


def test_failed_download_names_the_other_format_found_in_the_data_dir(tmp_path):
    write_release_folder(tmp_path / "cache", {"Job Zones": b"PK"}, fmt="excel")
    with pytest.raises(DownloadError, match=r"O\*NET's excel download: give --onet-format excel"):
        _read(_store(tmp_path))
