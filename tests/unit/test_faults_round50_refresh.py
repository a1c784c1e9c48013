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

import zipfile
from pathlib import Path

import pytest
from _fetch_helpers import store_in_tmp

from exposure import fetch as F
from exposure.errors import ChecksumMismatchError, DataFormatError, DownloadError
from exposure.onet import load_onet, read_tasks

_TASKS = [("11-1011.00", 8823, "Direct or coordinate financial activities.", "Core"),
          ("15-1252.00", 16363, "Write, update, and maintain computer programs.", "Core")]
_TS = "onet/31.0/Task Statements.txt"


def _txt(header, rows) -> bytes:
    """Tab-delimited text with CRLF line ends, as O*NET publishes it."""
    lines = ["\t".join(header)] + ["\t".join(str(v) for v in row) for row in rows]
    return ("\r\n".join(lines) + "\r\n").encode()


def _statements(task_type: str = "Task Type", first: str = _TASKS[0][2]) -> bytes:
    rows = [(c, i, first if k == 0 else t, ty, 20, "08/2026", "Incumbent")
            for k, (c, i, t, ty) in enumerate(_TASKS)]
    return _txt(("O*NET-SOC Code", "Task ID", "Task", task_type, "Incumbents Responding",
                 "Date", "Domain Source"), rows)


def _release(task_dwa_id: int = 16363) -> dict[str, bytes]:
    """The eight files of a tiny O*NET 31.0 text release."""
    occ = [("11-1011.00", "Chief Executives", 5), ("15-1252.00", "Software Developers", 4)]
    ratings = []
    for code, tid, _, _ in _TASKS:
        ratings.append((code, tid, "IM", "n/a", "4.10", 20, "0.12", "3.87", "4.33", "N",
                        "08/2026", "Incumbent"))
        for cat, value in zip(range(1, 8), (5, 5, 10, 20, 30, 20, 10)):
            ratings.append((code, tid, "FT", cat, f"{value:.2f}", 20, "3.1", "1.0", "40.0",
                            "N", "08/2026", "Incumbent"))
    dwa = ("4.A.3.b.1", "4.A.3.b.1.I08", "4.A.3.b.1.I08.D02", "Write computer programs.",
           "Program computer systems or production equipment.")
    return {
        "Occupation Data": _txt(("O*NET-SOC Code", "Title", "Description"),
                                [(c, t, f"{t} do their work.") for c, t, _ in occ]),
        "Task Statements": _statements(),
        "Task Ratings": _txt(
            ("O*NET-SOC Code", "Task ID", "Scale ID", "Category", "Data Value", "N",
             "Standard Error", "Lower CI Bound", "Upper CI Bound", "Recommend Suppress", "Date",
             "Domain Source"), ratings),
        "Tasks to DWAs": _txt(("O*NET-SOC Code", "Task ID", "DWA ID", "Date", "Domain Source"),
                              [("15-1252.00", task_dwa_id, dwa[2], "03/2026", "Analyst")]),
        "DWA Reference": _txt(("Element ID", "IWA ID", "DWA ID", "DWA Title"), [dwa[:4]]),
        "IWA Reference": _txt(("Element ID", "IWA ID", "IWA Title"), [(dwa[0], dwa[1], dwa[4])]),
        "Job Zones": _txt(("O*NET-SOC Code", "Job Zone", "Date", "Domain Source"),
                          [(c, z, "08/2026", "Analyst") for c, _, z in occ]),
        "Emerging Tasks": _txt(
            ("O*NET-SOC Code", "Task", "Category", "Original Task ID", "Original Task", "Date",
             "Domain Source"),
            [("15-1252.00", "Review code written by AI assistants.", "New", "n/a", "n/a",
              "08/2026", "Incumbent")]),
    }


@pytest.fixture()
def store(tmp_path, monkeypatch):
    """No mirror; the network unreachable (a file read from it would fail the test)."""
    monkeypatch.setenv("EXPOSURE_URL_MAP", "https://www.onetcenter.org=http://127.0.0.1:9/onet")
    return store_in_tmp(tmp_path, monkeypatch, ())  # the store's own map is empty


def _folder(store, files) -> Path:
    folder = store.cache / "db_31_0_text"
    folder.mkdir(parents=True, exist_ok=True)
    for base, body in files.items():
        (folder / f"{base}.txt").write_bytes(body)
    return folder


def _zip(store, files) -> Path:
    store.cache.mkdir(parents=True, exist_ok=True)
    archive = store.cache / "db_31_0_text.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for base, body in files.items():
            zf.writestr(f"db_31_0_text/{base}.txt", body)
    return archive


def test_refused_file_of_the_users_folder_is_named_not_a_download(store):
    folder = _folder(store, {"Task Statements": _statements(task_type="Type")})
    with pytest.raises(DataFormatError) as info:
        F.fetch_table(_TS, read_tasks, store=store)
    message = str(info.value)
    assert str(folder / "Task Statements.txt") in message
    assert "downloaded from" not in message and "'Task Type'" in message
    assert (folder / "Task Statements.txt").is_file()  # the user's copy is kept


def test_refused_member_of_the_users_zip_is_named_not_a_download(store):
    archive = _zip(store, {"Task Statements": _statements(task_type="Type")})
    with pytest.raises(DataFormatError) as info:
        F.fetch_table(_TS, read_tasks, store=store)
    message = str(info.value)
    assert str(archive) in message and "downloaded from" not in message
    assert archive.is_file()


def test_cross_file_error_names_the_users_folder_file(store):
    folder = _folder(store, _release(task_dwa_id=99999))
    with pytest.raises(DataFormatError) as info:
        load_onet("31.0", store=store)
    message = str(info.value)
    assert str(folder / "Tasks to DWAs.txt") in message, message
    assert "row 2" in message and "99999" in message


def test_changed_file_of_the_users_folder_is_not_silently_ignored(store):
    folder = _folder(store, {"Task Statements": _statements()})
    F.fetch_table(_TS, read_tasks, store=store)  # pinned at once
    assert _TS in store.lock.entries()
    # the same run again: the unchanged folder is fine
    assert len(F.fetch_table(_TS, read_tasks, store=store)) == 2
    (folder / "Task Statements.txt").write_bytes(_statements(first="Direct the finances."))
    with pytest.raises(ChecksumMismatchError) as info:
        F.fetch_table(_TS, read_tasks, store=store)
    message = str(info.value)
    assert str(folder / "Task Statements.txt") in message and str(store.lock_path) in message


def test_changed_member_of_the_users_zip_is_not_silently_ignored(store):
    _zip(store, {"Task Statements": _statements()})
    F.fetch_table(_TS, read_tasks, store=store)
    _zip(store, {"Task Statements": _statements(first="Direct the finances.")})
    with pytest.raises(ChecksumMismatchError) as info:
        F.fetch(_TS, store=store)
    assert "db_31_0_text.zip!db_31_0_text/Task Statements.txt" in str(info.value)


def test_folder_lacking_a_table_says_what_it_holds_instead(store):
    folder = _folder(store, {"Task Ratings": b"x\r\n"})
    (folder / "Task_Statements.txt").write_bytes(_statements())
    with pytest.raises(DownloadError) as info:
        F.fetch(_TS, store=store, retries=0, backoff=0)
    message = str(info.value)
    assert f"the folder {folder} has no 'Task Statements.txt' but 'Task_Statements.txt'" in message
    (folder / "Task_Statements.txt").unlink()
    with pytest.raises(DownloadError) as info:
        F.fetch(_TS, store=store, retries=0, backoff=0)
    assert "has 1 file(s), none named 'Task Statements.txt'" in str(info.value)
