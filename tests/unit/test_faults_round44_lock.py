"""Fault round 44: the lock file, releases and fetch (the last review's "noticed and left").

1. A lock line that repeats a pin of the package registry (same name, size and sha256,
   accepted as a harmless repeat) was counted by :func:`exposure.releases.releases_frame`
   as a release pinned by the lock file: ``exposure sources --releases`` listed O*NET 29.1
   twice, once ``package`` (35 files) and once under the lock file (1 file). The
   package's pin is the one used; the line is now left out of the releases.
2. A lock line naming a release file with an upper-case extension
   (``onet/31.0/Job Zones.TXT``, ``oews/national_M2026_dl.XLSX``; a hand edit, a name
   typed on a case-insensitive disk) followed no release layout, so it was read as a
   custom source: listed nowhere, never asked for (the release's readers ask for
   ``Job Zones.txt``), and the file it meant was downloaded and pinned again, without a
   word. It is now refused on its row, saying what to write.
3. A lock line whose URL is no http(s) URL (``ftp://``, ``file:///``, a URL without its
   scheme) was read, listed and counted, and refused only when a download used it. It is
   now refused when the lock file is read, naming the file, row and column ``url``, as
   unsafe names are since round 42; :meth:`Lock.pin` refuses to write such a URL (the
   lock file would then be refused by its own reader).
4. A new file refused by its reader (:func:`exposure.fetch.fetch_table`) that came from
   an archive the library downloaded (``<cache>/.archives/db_31_0_text.zip``) left the
   archive there: the next run extracted the same refused bytes from it, so the
   publisher's corrected re-publication was never downloaded until the user found and
   deleted the archive. The archive is now removed with the refused file.
5. The same for a release refused as a whole (a cross-file check of
   :func:`exposure.onet.load_onet` inside :func:`exposure.fetch.pins_when_done`): its
   files passed their readers, nothing was pinned, but the archive stayed and the next
   run read the refused release again.

6. A lock line whose archive member is absolute or has a ``..`` segment (a hand edit)
   was read and listed, and refused only when a download extracted it. It is now refused
   when the lock file is read, naming the row and the column ``member``.

Tiny made-up files in tmp_path; downloads come from a local server on 127.0.0.1
(``tests/unit/_http.py``) through the store's URL map; nothing leaves the machine.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from _release_files import ZIP_ROUTE, serve_release, served_release, write_release_zip
from tests.integration.test_publishers import onet_31_files

from exposure.errors import DataFormatError
from exposure.fetch import DataStore, fetch_table
from exposure.releases import Lock, releases_frame
from exposure.sources import SOURCES, Source

HEADER = "name\tsize\tsha256\turl\tmember\n"
ZONES_URL = "https://www.onetcenter.org/dl_files/database/db_31_0_text.zip"


def _lock(tmp_path: Path, *lines: str) -> Lock:
    path = tmp_path / "exposure.lock"
    path.write_text(HEADER + "".join(line + "\n" for line in lines), "utf-8")
    return Lock(path)


def _line(name: str, data: bytes = b"abc", url: str = ZONES_URL, member: str = "") -> str:
    return f"{name}\t{len(data)}\t{hashlib.sha256(data).hexdigest()}\t{url}\t{member}"


# -- 1. a registry pin repeated in the lock file ------------------------------------------

def test_registry_pin_repeated_in_the_lock_is_not_a_release_of_the_lock(tmp_path):
    src = SOURCES["onet/29.1/Task Statements.txt"]
    lock = _lock(tmp_path, f"{src.name}\t{src.size}\t{src.sha256}\t{src.download_url}\t{src.member}")
    frame = releases_frame(lock)
    onet = frame[frame["kind"] == "onet"]
    assert onet[["release", "pinned_by"]].to_dict("records") == [
        {"release": "29.1", "pinned_by": "package"}, {"release": "30.1", "pinned_by": "package"}]
    assert frame.equals(releases_frame())


def test_registry_pin_repeated_beside_a_new_release_keeps_the_new_release(tmp_path):
    src = SOURCES["onet/29.1/Job Zones.txt"]
    lock = _lock(tmp_path, f"{src.name}\t{src.size}\t{src.sha256}\t{src.download_url}\t{src.member}",
                 _line("onet/31.0/Job Zones.txt"))
    frame = releases_frame(lock)
    rows = frame[frame["pinned_by"] == str(lock.path)][["kind", "release", "files"]].to_dict("records")
    assert rows == [{"kind": "onet", "release": "31.0", "files": 1}]


# -- 2. a release file with an upper-case extension ---------------------------------------

@pytest.mark.parametrize(("name", "meant"), [
    ("onet/31.0/Job Zones.TXT", "onet/31.0/Job Zones.txt"),
    ("onet/31.0/Job Zones.Xlsx", "onet/31.0/Job Zones.xlsx"),
    ("oews/national_M2026_dl.XLSX", "oews/national_M2026_dl.xlsx"),
])
def test_release_file_with_an_upper_case_extension_is_refused_on_its_row(tmp_path, name, meant):
    lock = _lock(tmp_path, _line("onet/31.0/Task Statements.txt"), _line(name))
    with pytest.raises(DataFormatError) as info:
        lock.entries()
    message = str(info.value)
    assert message.startswith(f"{lock.path}, row 3, column 'name': ")
    assert f"write {meant!r}" in message
    with pytest.raises(DataFormatError, match="row 3, column 'name'"):
        releases_frame(lock)


def test_custom_names_in_upper_case_are_still_custom(tmp_path):
    # not a release layout's name once in lower case: a custom source, as before
    lock = _lock(tmp_path, _line("demo/A.CSV"), _line("onet/31.0/Notes.PDF"))
    assert set(lock.entries()) == {"demo/A.CSV", "onet/31.0/Notes.PDF"}


# -- 3. a URL that is no http(s) URL --------------------------------------------------------

@pytest.mark.parametrize("url", [
    "ftp://ftp.onetcenter.org/db_31_0_text.zip",
    "file:///srv/onet/db_31_0_text.zip",
    "www.onetcenter.org/dl_files/database/db_31_0_text.zip",
    "javascript:alert(1)",
])
def test_lock_url_that_is_no_http_url_is_refused_when_read(tmp_path, url):
    lock = _lock(tmp_path, _line("onet/31.0/Task Statements.txt"),
                 _line("onet/31.0/Job Zones.txt", url=url, member="db_31_0_text/Job Zones.txt"))
    with pytest.raises(DataFormatError) as info:
        lock.entries()
    message = str(info.value)
    assert message.startswith(f"{lock.path}, row 3, column 'url': ")
    assert repr(url) in message and "http" in message
    with pytest.raises(DataFormatError, match="row 3, column 'url'"):
        releases_frame(lock)


def test_lock_urls_of_http_https_or_none_are_read(tmp_path):
    lock = _lock(tmp_path, _line("onet/31.0/Job Zones.txt", url="HTTPS://www.onetcenter.org/db.zip"),
                 _line("demo/a.csv", url="http://127.0.0.1:8000/a.csv"), _line("demo/b.csv", url=""))
    assert set(lock.entries()) == {"onet/31.0/Job Zones.txt", "demo/a.csv", "demo/b.csv"}


def test_pin_of_a_source_whose_url_is_no_http_url_writes_nothing(tmp_path):
    data = tmp_path / "a.csv"
    data.write_bytes(b"x\n1\n")
    lock = Lock(tmp_path / "exposure.lock")
    src = Source(name="demo/a.csv", release="1", url="file:///srv/a.csv", sha256="", size=0,
                 licence="CC0", attribution="made up")
    with pytest.raises(DataFormatError, match=r"demo/a.csv: .*'file:///srv/a.csv'.*http"):
        lock.pin(src, data)
    assert not lock.path.exists()


# -- 4 and 5. a refused archive is not read again ------------------------------------------

def _strict_zones(path):
    data = Path(path).read_bytes()
    if b"\t9\t" in data:
        raise DataFormatError("job zone 9 is not a job zone (1 to 5)", path=path, row=2, column="Job Zone")
    return data


def _bad_zones(good: bytes) -> bytes:
    """``good`` with job zone 9 on its first data row."""
    lines = good.splitlines(keepends=True)
    cells = lines[1].split(b"\t")
    lines[1] = b"\t".join([cells[0], b"9", *cells[2:]])
    return b"".join(lines)


def test_file_refused_by_its_reader_drops_the_downloaded_archive(tmp_path, monkeypatch, server):
    good = onet_31_files()["Job Zones"]
    bad = _bad_zones(good)
    store = served_release(tmp_path, monkeypatch, server, {"Job Zones": bad})
    with pytest.raises(DataFormatError, match="job zone 9"):
        fetch_table("onet/31.0/Job Zones.txt", _strict_zones, store=store)
    assert not (store.cache / ".archives" / "db_31_0_text.zip").exists()
    assert store.lock.entries() == {}
    # the publisher corrects the release: the next run downloads and pins it
    serve_release(server, {"Job Zones": good})
    assert fetch_table("onet/31.0/Job Zones.txt", _strict_zones, store=store) == good
    assert server.hits[ZIP_ROUTE] == 2
    assert store.lock.entries()["onet/31.0/Job Zones.txt"]["sha256"] == hashlib.sha256(good).hexdigest()


def test_users_copy_of_the_archive_is_kept_when_its_file_is_refused(tmp_path):
    # the publisher's zip put by hand in the data directory is the user's: kept, as before
    bad = _bad_zones(onet_31_files()["Job Zones"])
    mine = write_release_zip(tmp_path / "cache", {"Job Zones": bad})
    store = DataStore(cache=tmp_path / "cache", home=tmp_path / "home",
                      url_map=(("https://www.onetcenter.org", "http://127.0.0.1:9"),))
    with pytest.raises(DataFormatError, match="job zone 9"):
        fetch_table("onet/31.0/Job Zones.txt", _strict_zones, store=store)
    assert mine.is_file()


def test_release_refused_by_a_cross_file_check_drops_the_downloaded_archive(tmp_path, monkeypatch, server):
    from exposure.onet import load_onet

    files = onet_31_files()
    bad = dict(files)
    bad["Tasks to DWAs"] = files["Tasks to DWAs"].replace(b"\t14551\t", b"\t99999\t")
    assert bad["Tasks to DWAs"] != files["Tasks to DWAs"]
    store = served_release(tmp_path, monkeypatch, server, bad)
    with pytest.raises(DataFormatError, match="99999"):
        load_onet("31.0", store=store)
    assert not (store.cache / ".archives" / "db_31_0_text.zip").exists()
    assert store.lock.entries() == {}
    serve_release(server, files)
    release = load_onet("31.0", store=store)
    assert server.hits[ZIP_ROUTE] == 2
    assert len(release.tasks) > 0
    assert len(store.lock.entries()) == 8


def test_release_read_twice_downloads_its_archive_once(tmp_path, monkeypatch, server):
    # the archive still serves the release's other files (and a second read) when nothing is refused
    from exposure.onet import load_onet

    store = served_release(tmp_path, monkeypatch, server, onet_31_files())
    load_onet("31.0", store=store)
    load_onet("31.0", store=store)
    assert server.hits[ZIP_ROUTE] == 1


# -- 6. an archive member that would lie outside the cache ---------------------------------

@pytest.mark.parametrize("member", ["../../x.txt", "/etc/passwd", "db_31_0_text/../../x.txt", "C:/x.txt"])
def test_lock_member_outside_the_archive_folder_is_refused_when_read(tmp_path, member):
    lock = _lock(tmp_path, _line("onet/31.0/Task Statements.txt"),
                 _line("onet/31.0/Job Zones.txt", member=member))
    with pytest.raises(DataFormatError) as info:
        lock.entries()
    message = str(info.value)
    assert message.startswith(f"{lock.path}, row 3, column 'member': ")
    assert repr(member) in message


def test_lock_members_inside_the_archive_are_read(tmp_path):
    lock = _lock(tmp_path, _line("onet/31.0/Job Zones.txt", member="db_31_0_text/Job Zones.txt"),
                 _line("demo/a.csv", member=""), _line("demo/b.csv", member="x..y/b.csv"))
    assert set(lock.entries()) == {"onet/31.0/Job Zones.txt", "demo/a.csv", "demo/b.csv"}


def test_pin_of_a_source_whose_member_lies_outside_writes_nothing(tmp_path):
    data = tmp_path / "a.csv"
    data.write_bytes(b"x\n1\n")
    lock = Lock(tmp_path / "exposure.lock")
    src = Source(name="demo/a.csv", release="1", url="https://e.org/a.zip", sha256="", size=0,
                 licence="CC0", attribution="made up", archive_url="https://e.org/a.zip", member="../a.csv")
    with pytest.raises(DataFormatError, match=r"demo/a.csv: cannot pin it: its archive member '../a.csv'"):
        lock.pin(src, data)
    assert not lock.path.exists()
