"""Fault round 50 (refresh): a new release read from the publisher's download in the data directory.

The maintainer of docs/refresh.md, with no mirror, puts O*NET 31.0 as O*NET ships it
(``db_31_0_text/`` unzipped, or ``db_31_0_text.zip``) in the data directory and recomputes.

- A file of that folder refused by its reader (a column renamed by the publisher) was
  named as ``onet/31.0/Task Statements.txt (downloaded from
  https://www.onetcenter.org/dl_files/database/db_31_0_text.zip; removed from the cache)``:
  nothing was downloaded, and the file to fix, the user's, was not named.
- A cross-file error of the release (``Tasks to DWAs.txt`` naming a task that
  ``Task Statements.txt`` lacks) named the cache copy ``<data>/onet/31.0/Tasks to DWAs.txt``,
  whose edit the next run overwrote from the folder, not the user's
  ``<data>/db_31_0_text/Tasks to DWAs.txt``.
- Once pinned, a file of the folder (or the zip) replaced by a corrected publication of
  the same name was silently ignored: the cache copy of the old bytes matched the lock,
  every later recompute read it, and the tables were of the old file while the data
  directory held the new one. It is now a ``ChecksumMismatchError`` naming the user's
  file and the lock line, as a changed download is (docs/refresh.md section 4).
- A folder ``db_31_0_text/`` lacking one table (``Task Statements.txt`` renamed
  ``Task_Statements.txt``, or left out when copying) failed as a download ("download of
  .../db_31_0_text.zip failed after 4 attempts: ConnectionError ...") that named the folder
  only among the places looked at; it now also says what the folder holds instead.
"""

from __future__ import annotations

import pytest
from _fetch_helpers import store_in_tmp
from _release_files import (
    TASK_STATEMENTS,
    onet_release,
    task_statements,
    write_release_folder,
    write_release_zip,
)

from exposure import fetch as F
from exposure.errors import ChecksumMismatchError, DataFormatError, DownloadError
from exposure.onet import load_onet, read_tasks


@pytest.fixture()
def store(tmp_path, monkeypatch):
    """No mirror; the network unreachable (a file read from it would fail the test)."""
    monkeypatch.setenv("EXPOSURE_URL_MAP", "https://www.onetcenter.org=http://127.0.0.1:9/onet")
    return store_in_tmp(tmp_path, monkeypatch, ())  # the store's own map is empty


def test_refused_file_of_the_users_folder_is_named_not_a_download(store):
    renamed = {"Task Statements": task_statements(task_type="Type")}
    folder = write_release_folder(store.cache, renamed)
    with pytest.raises(DataFormatError) as info:
        F.fetch_table(TASK_STATEMENTS, read_tasks, store=store)
    message = str(info.value)
    assert str(folder / "Task Statements.txt") in message
    assert "downloaded from" not in message and "'Task Type'" in message
    assert (folder / "Task Statements.txt").is_file()  # the user's copy is kept


def test_refused_member_of_the_users_zip_is_named_not_a_download(store):
    renamed = {"Task Statements": task_statements(task_type="Type")}
    archive = write_release_zip(store.cache, renamed)
    with pytest.raises(DataFormatError) as info:
        F.fetch_table(TASK_STATEMENTS, read_tasks, store=store)
    message = str(info.value)
    assert str(archive) in message and "downloaded from" not in message
    assert archive.is_file()


def test_cross_file_error_names_the_users_folder_file(store):
    folder = write_release_folder(store.cache, onet_release(task_dwa_id=99999))
    with pytest.raises(DataFormatError) as info:
        load_onet("31.0", store=store)
    message = str(info.value)
    assert str(folder / "Tasks to DWAs.txt") in message, message
    assert "row 2" in message and "99999" in message


def test_changed_file_of_the_users_folder_is_not_silently_ignored(store):
    folder = write_release_folder(store.cache, {"Task Statements": task_statements()})
    F.fetch_table(TASK_STATEMENTS, read_tasks, store=store)  # pinned at once
    assert TASK_STATEMENTS in store.lock.entries()
    # the same run again: the unchanged folder is fine
    assert len(F.fetch_table(TASK_STATEMENTS, read_tasks, store=store)) == 2
    (folder / "Task Statements.txt").write_bytes(task_statements(first="Direct the finances."))
    with pytest.raises(ChecksumMismatchError) as info:
        F.fetch_table(TASK_STATEMENTS, read_tasks, store=store)
    message = str(info.value)
    assert str(folder / "Task Statements.txt") in message and str(store.lock_path) in message


def test_changed_member_of_the_users_zip_is_not_silently_ignored(store):
    write_release_zip(store.cache, {"Task Statements": task_statements()})
    F.fetch_table(TASK_STATEMENTS, read_tasks, store=store)
    later = {"Task Statements": task_statements(first="Direct the finances.")}
    write_release_zip(store.cache, later)
    with pytest.raises(ChecksumMismatchError) as info:
        F.fetch(TASK_STATEMENTS, store=store)
    assert "db_31_0_text.zip!db_31_0_text/Task Statements.txt" in str(info.value)


def test_folder_lacking_a_table_says_what_it_holds_instead(store):
    folder = write_release_folder(store.cache, {"Task Ratings": b"x\r\n"})
    (folder / "Task_Statements.txt").write_bytes(task_statements())
    with pytest.raises(DownloadError) as info:
        F.fetch(TASK_STATEMENTS, store=store, retries=0, backoff=0)
    message = str(info.value)
    assert f"the folder {folder} has no 'Task Statements.txt' but 'Task_Statements.txt'" in message
    (folder / "Task_Statements.txt").unlink()
    with pytest.raises(DownloadError) as info:
        F.fetch(TASK_STATEMENTS, store=store, retries=0, backoff=0)
    assert "has 1 file(s), none named 'Task Statements.txt'" in str(info.value)
