"""Fault round 69: fetching and the cache.

1. A warning a reader logs while :func:`exposure.fetch.fetch_table` reads a file copied
   into the cache (``load_onet("31.0")`` with a mirror holding ``Job Zones.txt`` with
   quoted cells, as a spreadsheet saves them) named the cache copy:
   ``.../cache/onet/31.0/Job Zones.txt: 1 cell(s) are quoted ...``, a file the user must
   not edit (it is replaced from the mirror), while the reader's errors name the mirror's
   file. Also for the user's copy of the publisher's download in the data directory
   (``db_31_0_text/Job Zones.txt``), and for a pinned file read again. Now the warning
   names the file the user can fix (the mirror's, or the user's copy); a downloaded
   file's warnings still name its cache copy (there is no other).
2. The user's copy of the publisher's zip (``db_31_0_text.zip`` in the data directory)
   whose member is encrypted (a zip made again with a password) raised a bare
   ``RuntimeError: File <ZipInfo ...> is encrypted, password required for extraction``
   from inside :mod:`zipfile` (a traceback from ``exposure fetch``), when the member
   was read and when it was checked against a mirror's copy; a member compressed by a
   method :mod:`zipfile` does not read (Deflate64) was said to be "corrupt". Now a
   :class:`~exposure.errors.DownloadError` names the zip and the member and says it is
   encrypted, or compressed by a method that cannot be read.
3. The unzipped release folder given as the data directory itself (``--data-dir
   ~/Downloads/db_31_0_text``, ``DataStore(cache=".../db_31_0_text")``), not the folder
   that holds it: the library looked for ``db_31_0_text/db_31_0_text/Job Zones.txt``, so
   with the network reachable a new release was downloaded from the publisher into that
   folder, read and pinned without a word, the user's files beside it passed over (they may
   be of another date of the release); without the network (or with a mirror lacking the
   file) the error said only "no copy of it in the data directory either". Now a new file is
   not downloaded: the error says the data directory is the release folder and to give the
   folder that holds it (which then reads the user's copy); the failure of a pinned file
   says it too.

Tiny made-up files written by the tests; downloads come from a local HTTP server.
"""

from __future__ import annotations

import logging
import zipfile

import pytest
from _http import serve
from test_faults_cli import cli, one_error_line

from exposure import fetch as F
from exposure import onet
from exposure.errors import DownloadError

ZONES = "onet/31.0/Job Zones.txt"
QUOTED = 'O*NET-SOC Code\tJob Zone\tDate\tDomain Source\n"11-1011.00"\t5\t08/2026\tAnalyst\n'


pytestmark = pytest.mark.usefixtures("bare_env")


def _store(tmp_path, mirror=None):
    return F.DataStore(cache=tmp_path / "cache", home=tmp_path / "home", mirror=mirror)


def _quoted_warnings(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if "are quoted" in r.getMessage()]


# 1. a reader's warnings name the file the user can fix, not the cache copy

def test_a_warning_on_a_mirror_file_names_the_mirror_file(tmp_path, caplog):
    mirror = tmp_path / "m"
    (mirror / ZONES).parent.mkdir(parents=True)
    (mirror / ZONES).write_text(QUOTED)
    store = _store(tmp_path, mirror)
    for _ in ("new", "pinned"):
        caplog.clear()
        with caplog.at_level(logging.WARNING, logger="exposure"):
            table = F.fetch_table(ZONES, onet.read_job_zones, store=store)
        assert table["onetsoc_code"].tolist() == ["11-1011.00"]
        said = _quoted_warnings(caplog)
        assert len(said) == 1 and said[0].startswith(f"{mirror / ZONES}: 1 cell(s) are quoted"), said
        assert str(tmp_path / "cache") not in said[0]
    assert store.source(ZONES).pinned


def test_a_warning_on_the_users_copy_names_the_users_copy(tmp_path, caplog):
    folder = tmp_path / "cache" / "db_31_0_text"
    folder.mkdir(parents=True)
    (folder / "Job Zones.txt").write_text(QUOTED)
    with caplog.at_level(logging.WARNING, logger="exposure"):
        F.fetch_table(ZONES, onet.read_job_zones, store=_store(tmp_path))
    said = _quoted_warnings(caplog)
    assert len(said) == 1 and said[0].startswith(f"{folder / 'Job Zones.txt'}: 1 cell(s)"), said



# 2. an encrypted member, or one compressed by a method zipfile does not read, is named

def _users_zip(tmp_path, *, flag: int = 0, method: int | None = None):
    """``db_31_0_text.zip`` in the data directory, its member's header changed as a zip tool writes it."""
    path = tmp_path / "cache" / "db_31_0_text.zip"
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("db_31_0_text/Job Zones.txt", QUOTED.replace('"', ""))
    data = bytearray(path.read_bytes())
    local, central = data.find(b"PK\x03\x04"), data.find(b"PK\x01\x02")
    data[local + 6] |= flag  # general purpose bit 0: encrypted
    data[central + 8] |= flag
    if method is not None:  # the compression method of both headers
        data[local + 8:local + 10] = data[central + 10:central + 12] = method.to_bytes(2, "little")
    path.write_bytes(bytes(data))
    return path


@pytest.mark.parametrize(("flag", "method", "said"), [
    (1, None, "is encrypted (a zip made with a password), which the library cannot read"),
    (0, 9, "is compressed by a method Python's zipfile cannot read (Deflate64, or another"),
])
def test_an_unreadable_member_of_the_users_zip_is_named(tmp_path, flag, method, said):
    path = _users_zip(tmp_path, flag=flag, method=method)
    with pytest.raises(DownloadError) as info:
        F.fetch_table(ZONES, onet.read_job_zones, store=_store(tmp_path))
    assert str(info.value).startswith(f"{ZONES}: member 'db_31_0_text/Job Zones.txt' of {path} {said}")
    assert "corrupt" not in str(info.value) and path.is_file()


def test_an_encrypted_member_beside_the_mirrors_copy_is_named(tmp_path):
    mirror = tmp_path / "m"
    (mirror / ZONES).parent.mkdir(parents=True)
    (mirror / ZONES).write_text(QUOTED.replace('"', ""))
    path = _users_zip(tmp_path, flag=1)
    with pytest.raises(DownloadError, match=r"of .*db_31_0_text\.zip is encrypted \(a zip made with a password\)"):
        F.fetch_table(ZONES, onet.read_job_zones, store=_store(tmp_path, mirror))
    assert path.is_file()


def test_an_encrypted_member_is_one_error_line_of_exposure_fetch(tmp_path, capsys):
    mirror = tmp_path / "m"
    (mirror / ZONES).parent.mkdir(parents=True)
    (mirror / ZONES).write_text(QUOTED.replace('"', ""))
    F.fetch_table(ZONES, onet.read_job_zones, store=_store(tmp_path, mirror))  # pinned in the lock
    _users_zip(tmp_path, flag=1)  # then the user's copy of the release, checked against the pin
    code, _, err = cli(capsys, "fetch", ZONES, "--mirror", mirror, "--data-dir", tmp_path / "cache")
    line = one_error_line(err, command="fetch")
    assert code == 2 and "db_31_0_text.zip is encrypted (a zip made with a password)" in line, line


# 3. the release folder given as the data directory itself is said, not passed over

def _release_folder(tmp_path):
    folder = tmp_path / "db_31_0_text"
    folder.mkdir()
    (folder / "Job Zones.txt").write_text(QUOTED.replace('"', ""))
    return folder


def test_a_new_file_is_not_downloaded_beside_the_release_folder_given_as_the_data_dir(tmp_path, monkeypatch):
    folder = _release_folder(tmp_path)
    other = QUOTED.replace('"', "").replace("\t5\t", "\t4\t")  # the publisher's, of another date
    body = _zip_bytes(tmp_path, {"db_31_0_text/Job Zones.txt": other})
    with serve() as server:
        server.routes["/dl_files/database/db_31_0_text.zip"] = (200, {"Content-Type": "application/zip"}, body)
        monkeypatch.setenv("EXPOSURE_URL_MAP", f"https://www.onetcenter.org={server.url}")
        store = F.DataStore.default(data_dir=folder, home=tmp_path / "home")
        with pytest.raises(DownloadError) as info:
            F.fetch_table(ZONES, onet.read_job_zones, store=store, retries=0)
        assert server.hits == {}  # before: downloaded, read (job zone 4) and pinned
    assert str(info.value) == (
        f"{ZONES}: the data directory {folder} is itself the release folder db_31_0_text/ (it holds "
        f"'Job Zones.txt'), not the folder that holds it: give {tmp_path} as the data directory "
        "(--data-dir, $EXPOSURE_DATA_DIR) to read your copy; nothing was downloaded")
    assert not store.lock_path.exists() and sorted(p.name for p in folder.iterdir()) == ["Job Zones.txt"]
    # the advice read the user's copy
    table = F.fetch_table(ZONES, onet.read_job_zones, store=F.DataStore(cache=tmp_path, home=tmp_path / "home"))
    assert table["job_zone"].tolist() == [5]


def test_the_release_folder_as_the_data_dir_is_said_when_the_mirror_lacks_the_file(tmp_path):
    folder = _release_folder(tmp_path)
    (tmp_path / "m").mkdir()
    with pytest.raises(DownloadError) as info:
        F.fetch_table(ZONES, onet.read_job_zones, store=F.DataStore(
            cache=folder, home=tmp_path / "home", mirror=tmp_path / "m"))
    assert (f"; the data directory {folder} is itself the release folder db_31_0_text/ (it holds "
            f"'Job Zones.txt'), not the folder that holds it: give {tmp_path} as the data directory") in str(info.value)


def _zip_bytes(tmp_path, members: dict) -> bytes:
    path = tmp_path / "made.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in members.items():
            zf.writestr(name, text)
    data = path.read_bytes()
    path.unlink()
    return data
