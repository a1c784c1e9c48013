"""Fault round 51 (refresh2): a release read from the user's own copy mixed with other bytes.

The maintainer of docs/refresh.md puts O*NET 31.0 as O*NET ships it in the data directory
(``db_31_0_text/`` unzipped, or ``db_31_0_text.zip``) and recomputes, with the network
reachable (here a local server standing in for onetcenter.org through the store's URL map).

- A folder ``db_31_0_text/`` lacking one table (``Emerging Tasks.txt`` left out when
  copying) was completed from the publisher's zip without a word: the library downloaded
  ``db_31_0_text.zip`` into ``.archives`` and read that one table from it, so the release
  was read from the user's seven files and one downloaded file, which may be of another
  date of the release, and all eight were pinned. It is now refused before any download,
  naming the folder, the missing file and the three ways out (copy the file, put the
  zip itself beside the folder, remove the folder to download the whole release); an
  archive the library downloaded earlier is not used for it either.
- The folder and the zip of the release both in the data directory, holding the same
  table with other bytes (an old unzipped folder and a corrected zip downloaded since):
  the folder's file was read and the zip silently ignored. They are now refused, naming
  both copies and their sha256; the same bytes in both are read as before.
- Once the folder's file was pinned, a zip of other bytes put beside the folder was
  silently ignored at every later run (only the folder's copy was checked against the
  pin); it is now a ``ChecksumMismatchError`` naming the zip's member, as a changed
  folder file is (round 50).
- A file pinned in the lock file from the user's copy, later read with a mirror that holds
  other bytes of it: with the file still in the cache the mirror was silently ignored
  (the old bytes read), while a fresh cache refused the same mirror with a checksum
  mismatch. The mirror's file is now checked against the pin at every use, as the
  user's folder is.
"""

from __future__ import annotations

import io
import zipfile

import pytest
from _fetch_helpers import store_in_tmp
from test_faults_round50_refresh import _TS, _release, _statements

from exposure import fetch as F
from exposure.errors import ChecksumMismatchError, DownloadError
from exposure.onet import load_onet, read_tasks

_ZIP_ROUTE = "/onet/dl_files/database/db_31_0_text.zip"
_ET = "onet/31.0/Emerging Tasks.txt"


def _zip_bytes(files) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for base, body in files.items():
            zf.writestr(f"db_31_0_text/{base}.txt", body)
    return buf.getvalue()


@pytest.fixture()
def store(tmp_path, monkeypatch, server):
    """No mirror; onetcenter.org is the local server, serving the whole release."""
    later = dict(_release())
    later["Task Statements"] = _statements(first="Direct the finances.")  # another date
    server.routes[_ZIP_ROUTE] = (200, {"Content-Type": "application/zip"}, _zip_bytes(later))
    return store_in_tmp(tmp_path, monkeypatch, (("https://www.onetcenter.org", server.url + "/onet"),))


def _folder(store, files):
    folder = store.cache / "db_31_0_text"
    folder.mkdir(parents=True, exist_ok=True)
    for base, body in files.items():
        (folder / f"{base}.txt").write_bytes(body)
    return folder


def _without(base):
    return {k: v for k, v in _release().items() if k != base}


@pytest.mark.network
def test_folder_lacking_a_table_is_not_completed_from_a_download(store, server):
    folder = _folder(store, _without("Emerging Tasks"))
    with pytest.raises(DownloadError) as info:
        load_onet("31.0", store=store)
    message = str(info.value)
    assert str(folder) in message and "'Emerging Tasks.txt'" in message, message
    assert "mixed" in message and "db_31_0_text.zip" in message, message
    assert server.hits.get(_ZIP_ROUTE, 0) == 0  # nothing downloaded
    assert not (store.cache / ".archives").exists()
    assert not store.lock_path.exists()  # nothing pinned


@pytest.mark.network
def test_folder_lacking_a_table_is_not_completed_from_an_earlier_download(store, server):
    folder = _folder(store, _without("Emerging Tasks"))
    archives = store.cache / ".archives"
    archives.mkdir(parents=True)
    (archives / "db_31_0_text.zip").write_bytes(server.routes[_ZIP_ROUTE][2])
    with pytest.raises(DownloadError) as info:
        F.fetch(_ET, store=store)
    assert str(folder) in str(info.value)
    assert not (store.cache / "onet" / "31.0" / "Emerging Tasks.txt").exists()


@pytest.mark.network
def test_the_ways_out_of_a_folder_lacking_a_table_work(store, server):
    _folder(store, _without("Emerging Tasks"))
    # the zip itself beside the folder (the same download): the release is read
    (store.cache / "db_31_0_text.zip").write_bytes(_zip_bytes(_release()))
    assert len(load_onet("31.0", store=store).tasks) == 2
    assert server.hits.get(_ZIP_ROUTE, 0) == 0


@pytest.mark.network
def test_without_the_folder_the_whole_release_is_downloaded(store, server):
    db = load_onet("31.0", store=store)
    assert db.tasks["task"].iloc[0] == "Direct the finances."
    assert server.hits[_ZIP_ROUTE] == 1


def test_folder_and_zip_of_other_bytes_are_refused(store):
    folder = _folder(store, {"Task Statements": _statements()})
    zipped = store.cache / "db_31_0_text.zip"
    zipped.write_bytes(_zip_bytes({"Task Statements": _statements(first="Direct the finances.")}))
    with pytest.raises(DownloadError) as info:
        F.fetch_table(_TS, read_tasks, store=store)
    message = str(info.value)
    assert str(folder / "Task Statements.txt") in message and str(zipped) in message, message
    assert not store.lock_path.exists()
    # the same bytes in both: read as before
    zipped.write_bytes(_zip_bytes({"Task Statements": _statements()}))
    assert F.fetch_table(_TS, read_tasks, store=store)["task"].iloc[0].startswith("Direct or")


def test_zip_of_other_bytes_put_beside_a_pinned_folder_is_not_ignored(store):
    _folder(store, {"Task Statements": _statements()})
    F.fetch_table(_TS, read_tasks, store=store)  # pinned from the folder
    zipped = store.cache / "db_31_0_text.zip"
    zipped.write_bytes(_zip_bytes({"Task Statements": _statements(first="Direct the finances.")}))
    with pytest.raises(ChecksumMismatchError) as info:
        F.fetch_table(_TS, read_tasks, store=store)
    assert f"{zipped}!db_31_0_text/Task Statements.txt" in str(info.value)


def test_mirror_of_other_bytes_than_the_pin_is_not_ignored_by_the_cache(store, tmp_path):
    _folder(store, {"Task Statements": _statements()})
    F.fetch_table(_TS, read_tasks, store=store)  # pinned from the folder, in the cache
    mirror = tmp_path / "mirror"
    (mirror / "onet" / "31.0").mkdir(parents=True)
    other = mirror / "onet" / "31.0" / "Task Statements.txt"
    other.write_bytes(_statements(first="Direct the finances."))
    with_mirror = F.DataStore(cache=store.cache, home=store.home, mirror=mirror)
    with pytest.raises(ChecksumMismatchError) as info:
        F.fetch_table(_TS, read_tasks, store=with_mirror)
    message = str(info.value)
    assert str(other) in message and str(store.lock_path) in message, message
    # the mirror holding the pinned bytes is read as before
    other.write_bytes(_statements())
    assert len(F.fetch_table(_TS, read_tasks, store=with_mirror)) == 2


@pytest.mark.network
def test_download_beside_the_users_excel_folder_is_said(store, server, caplog):
    excel = store.cache / "db_31_0_excel"
    excel.mkdir(parents=True)
    for base in ("Job Zones", "Occupation Data"):
        (excel / f"{base}.xlsx").write_bytes(b"PK")  # only its name is looked at
    with caplog.at_level("WARNING", logger="exposure.fetch"):
        F.fetch("onet/31.0/Job Zones.txt", store=store)
        F.fetch("onet/31.0/Occupation Data.txt", store=store)
    said = [r.getMessage() for r in caplog.records if "O*NET's excel download" in r.getMessage()]
    assert len(said) == 1, said  # once for the release
    assert str(excel / "Job Zones.xlsx") in said[0] and "onet_format='excel'" in said[0]
    assert server.hits[_ZIP_ROUTE] == 1
