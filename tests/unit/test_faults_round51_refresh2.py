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

import pytest
from _release_files import (
    TASK_STATEMENTS,
    ZIP_ROUTE,
    onet_release,
    served_release,
    task_statements,
    write_release_folder,
    write_release_zip,
)

from exposure import fetch as F
from exposure.errors import ChecksumMismatchError, DownloadError
from exposure.onet import load_onet, read_tasks

_ET = "onet/31.0/Emerging Tasks.txt"


@pytest.fixture()
def store(tmp_path, monkeypatch, server):
    """No mirror; onetcenter.org is the local server, serving the whole release."""
    later = onet_release(first="Direct the finances.")  # another date of the release
    return served_release(tmp_path, monkeypatch, server, later)


def _without(base):
    return {k: v for k, v in onet_release().items() if k != base}


@pytest.mark.network
def test_folder_lacking_a_table_is_not_completed_from_a_download(store, server):
    folder = write_release_folder(store.cache, _without("Emerging Tasks"))
    with pytest.raises(DownloadError) as info:
        load_onet("31.0", store=store)
    message = str(info.value)
    assert str(folder) in message and "'Emerging Tasks.txt'" in message, message
    assert "mixed" in message and "db_31_0_text.zip" in message, message
    assert server.hits.get(ZIP_ROUTE, 0) == 0  # nothing downloaded
    assert not (store.cache / ".archives").exists()
    assert not store.lock_path.exists()  # nothing pinned


@pytest.mark.network
def test_folder_lacking_a_table_is_not_completed_from_an_earlier_download(store, server):
    folder = write_release_folder(store.cache, _without("Emerging Tasks"))
    archives = store.cache / ".archives"
    archives.mkdir(parents=True)
    (archives / "db_31_0_text.zip").write_bytes(server.routes[ZIP_ROUTE][2])
    with pytest.raises(DownloadError) as info:
        F.fetch(_ET, store=store)
    assert str(folder) in str(info.value)
    assert not (store.cache / "onet" / "31.0" / "Emerging Tasks.txt").exists()


@pytest.mark.network
def test_the_ways_out_of_a_folder_lacking_a_table_work(store, server):
    write_release_folder(store.cache, _without("Emerging Tasks"))
    # the zip itself beside the folder (the same download): the release is read
    write_release_zip(store.cache, onet_release())
    assert len(load_onet("31.0", store=store).tasks) == 2
    assert server.hits.get(ZIP_ROUTE, 0) == 0


@pytest.mark.network
def test_without_the_folder_the_whole_release_is_downloaded(store, server):
    db = load_onet("31.0", store=store)
    assert db.tasks["task"].iloc[0] == "Direct the finances."
    assert server.hits[ZIP_ROUTE] == 1


def test_folder_and_zip_of_other_bytes_are_refused(store):
    folder = write_release_folder(store.cache, {"Task Statements": task_statements()})
    later = {"Task Statements": task_statements(first="Direct the finances.")}
    zipped = write_release_zip(store.cache, later)
    with pytest.raises(DownloadError) as info:
        F.fetch_table(TASK_STATEMENTS, read_tasks, store=store)
    message = str(info.value)
    assert str(folder / "Task Statements.txt") in message and str(zipped) in message, message
    assert not store.lock_path.exists()
    # the same bytes in both: read as before
    write_release_zip(store.cache, {"Task Statements": task_statements()})
    table = F.fetch_table(TASK_STATEMENTS, read_tasks, store=store)
    assert table["task"].iloc[0].startswith("Direct or")


def test_zip_of_other_bytes_put_beside_a_pinned_folder_is_not_ignored(store):
    write_release_folder(store.cache, {"Task Statements": task_statements()})
    F.fetch_table(TASK_STATEMENTS, read_tasks, store=store)  # pinned from the folder
    later = {"Task Statements": task_statements(first="Direct the finances.")}
    zipped = write_release_zip(store.cache, later)
    with pytest.raises(ChecksumMismatchError) as info:
        F.fetch_table(TASK_STATEMENTS, read_tasks, store=store)
    assert f"{zipped}!db_31_0_text/Task Statements.txt" in str(info.value)


def test_mirror_of_other_bytes_than_the_pin_is_not_ignored_by_the_cache(store, tmp_path):
    write_release_folder(store.cache, {"Task Statements": task_statements()})
    F.fetch_table(TASK_STATEMENTS, read_tasks, store=store)  # pinned from the folder, in the cache
    mirror = tmp_path / "mirror"
    (mirror / "onet" / "31.0").mkdir(parents=True)
    other = mirror / "onet" / "31.0" / "Task Statements.txt"
    other.write_bytes(task_statements(first="Direct the finances."))
    with_mirror = F.DataStore(cache=store.cache, home=store.home, mirror=mirror)
    with pytest.raises(ChecksumMismatchError) as info:
        F.fetch_table(TASK_STATEMENTS, read_tasks, store=with_mirror)
    message = str(info.value)
    assert str(other) in message and str(store.lock_path) in message, message
    # the mirror holding the pinned bytes is read as before
    other.write_bytes(task_statements())
    assert len(F.fetch_table(TASK_STATEMENTS, read_tasks, store=with_mirror)) == 2


@pytest.mark.network
def test_download_beside_the_users_excel_folder_is_said(store, server, caplog):
    workbooks = {"Job Zones": b"PK", "Occupation Data": b"PK"}  # only their names are looked at
    excel = write_release_folder(store.cache, workbooks, fmt="excel")
    with caplog.at_level("WARNING", logger="exposure.fetch"):
        F.fetch("onet/31.0/Job Zones.txt", store=store)
        F.fetch("onet/31.0/Occupation Data.txt", store=store)
    said = [r.getMessage() for r in caplog.records if "O*NET's excel download" in r.getMessage()]
    assert len(said) == 1, said  # once for the release
    assert str(excel / "Job Zones.xlsx") in said[0] and "onet_format='excel'" in said[0]
    assert server.hits[ZIP_ROUTE] == 1
