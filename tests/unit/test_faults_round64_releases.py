"""Fault round 64 (releases): a new release held in the user's own directory, and the lock file.

Faults found and fixed:

1. ``Lock("~/study/exposure.lock")`` (the lock file kept beside an analysis, named as the
   shell names it) was accepted as it was: nothing expands ``~`` in it (as
   :class:`~exposure.fetch.DataStore` does in its home), so :meth:`Lock.entries` read
   "no pin" without a word (``releases_frame(lock)`` listed none of the lock's releases,
   ``onet_format("31.0", lock)`` chose text for a release pinned in Excel) and
   :meth:`Lock.pin` wrote the pin into a new folder named ``~`` in the current directory,
   where no run looks for it. Now refused when the lock is made, naming the path and the
   full path meant (``exposure._io.unexpanded_home``, as for an output path).
2. ``Lock.pin`` of a file the package pins (``source_for("onet/29.1/Job Zones.txt")``)
   with other bytes (a user's own copy, to accept a new upstream version) wrote the line
   and returned as if pinned; the lock file's reader refuses such a line, so every later
   run that read the lock file (a recompute of any new release, ``exposure sources
   --releases``, ``exposure fetch onet/31.0``) stopped on it. Now refused before anything
   is written: ``onet/29.1/Job Zones.txt: cannot pin it: it is pinned by the package
   (sha256 ..., 28336 bytes), which a lock file cannot change, and ... has other bytes
   ...; nothing was pinned``; the lock file is left as it was.
3. A custom ``Source`` with ``url=None`` (a file with no URL: read from a mirror or the
   data directory), a :class:`~pathlib.Path` or a number as its URL, archive URL or
   member was accepted; ``fetch_table`` then read the file and raised ``AttributeError:
   'NoneType' object has no attribute 'lower'`` when it pinned it. Now refused when the
   source is made: ``demo/a.csv: url must be a str ('' for a file without one), got
   NoneType None``.
4. The publisher's download given where its release belongs (``exposure recompute
   --onet-release ~/Downloads/db_31_0_text.zip``, ``--onet-release db_31_0_excel``,
   ``--oews-release oesm26nat.zip``; ``load_onet("db_31_0_text")``) was refused as ``not
   of the form MAJOR.MINOR (e.g. 29.1, 31.0)``, saying neither the release meant nor
   where a copy of one's own is read. Now the error names the release and what to do:
   ``...: it names O*NET 31.0's download (db_31_0_text.zip), not a release: write
   '31.0', and put the zip or its unzipped folder in the data directory (--data-dir,
   data_dir=) to read your copy`` (``with --onet-format excel`` for the Excel download;
   for a download in the other format than the package pins the release in,
   ``db_30_1_text.zip``, that it is not read and which download is).
5. A lock file kept with the analysis in git and pinned on two branches, merged with a
   conflict (``<<<<<<< HEAD``, ``=======``, ``>>>>>>> theirs`` lines left in it): every
   run that read it stopped with ``exposure.lock, row 9: too few fields: expected 5, got 1
   (fields are separated by tabs)``, or, when both branches had made the file (the whole
   file in conflict), ``not a lock file: its first line that is not a comment is not the
   header``, not saying why. Now ``exposure.lock, row 9: '<<<<<<< HEAD' is a marker of an
   unresolved merge conflict (git merged two versions of the lock file): keep the lines of
   the pins you reviewed and delete the marker lines``.
"""

from __future__ import annotations

import hashlib

import pytest
from _release_files import write_release_zip
from test_faults_cli import cli
from tests.integration.test_publishers import onet_31_files

from exposure import releases
from exposure.errors import DataFormatError, ExposureError
from exposure.fetch import DataStore, fetch_table
from exposure.onet import load_onet
from exposure.releases import Lock, layout_source, releases_frame, source_for
from exposure.sources import Source

HEADER = "name\tsize\tsha256\turl\tmember\n"
ONET = "https://www.onetcenter.org/dl_files/database/db_31_0_{}.zip"


def _excel_lock(path) -> None:
    """A lock file pinning the eight files of O*NET 31.0 in Excel format."""
    lines = [f"onet/31.0/{base}.xlsx\t3\t{hashlib.sha256(b'abc').hexdigest()}\t{ONET.format('excel')}\t"
             f"db_31_0_excel/{base}.xlsx" for base in releases.ONET_FILES]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(HEADER + "\n".join(lines) + "\n", "utf-8")


# ------------------------------------------------------------ 1. a lock file path with '~'

@pytest.mark.parametrize("path", ["~/study/exposure.lock", "~"], ids=["under-home", "home"])
def test_a_lock_path_starting_with_a_tilde_is_refused(tmp_path, monkeypatch, path):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(DataFormatError, match=r"^~.*: the path starts with '~', which is not expanded here .* "
                                              r"give the full path"):
        Lock(path)
    assert list(tmp_path.iterdir()) == []


def test_a_pin_is_never_written_into_a_folder_named_tilde(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "x.txt").write_bytes(b"abc")
    with pytest.raises(DataFormatError, match="give the full path"):
        Lock("~/study/exposure.lock").pin(layout_source("onet/31.0/Job Zones.txt"), tmp_path / "x.txt")
    assert not (tmp_path / "~").exists()  # before: ./~/study/exposure.lock, where no run looks


def test_the_lock_of_the_full_path_is_read(tmp_path, monkeypatch):
    # what the refusal asks for: the same file, named in full, is read (the '~' one read as empty)
    monkeypatch.setenv("HOME", str(tmp_path))
    _excel_lock(tmp_path / "study" / "exposure.lock")
    lock = Lock(tmp_path / "study" / "exposure.lock")
    assert releases.onet_format("31.0", lock) == "excel"
    assert "31.0" in set(releases_frame(lock)["release"])
    with pytest.raises(DataFormatError, match=str(tmp_path / "study" / "exposure.lock")):
        Lock("~/study/exposure.lock")


# ------------------------------------------------------------ 2. a pin of a file the package pins

def test_a_pin_of_a_package_file_with_other_bytes_writes_nothing(tmp_path):
    mine = tmp_path / "Job Zones.txt"
    mine.write_bytes(b"O*NET-SOC Code\tJob Zone\tDate\tDomain Source\n")
    lock = Lock(tmp_path / "exposure.lock")
    with pytest.raises(DataFormatError, match=r"^onet/29\.1/Job Zones\.txt: cannot pin it: it is pinned by the "
                                              r"package \(sha256 bcca4994.*, 28336 bytes\), which a lock file "
                                              r"cannot change, and .*Job Zones\.txt has other bytes .*; nothing "
                                              r"was pinned$"):
        lock.pin(source_for("onet/29.1/Job Zones.txt"), mine)
    assert not lock.path.exists()


def test_a_refused_pin_leaves_the_lock_file_readable(tmp_path):
    # before: the line was written, and every later read of the lock file stopped on it
    (tmp_path / "x.txt").write_bytes(b"abc")
    lock = Lock(tmp_path / "exposure.lock")
    lock.pin(layout_source("onet/31.0/Job Zones.txt"), tmp_path / "x.txt")
    before = lock.path.read_bytes()
    with pytest.raises(DataFormatError, match="cannot pin it: it is pinned by the package"):
        lock.pin(source_for("onet/29.1/Job Zones.txt"), tmp_path / "x.txt", replace=True)
    assert lock.path.read_bytes() == before
    assert list(lock.entries()) == ["onet/31.0/Job Zones.txt"]
    assert "31.0" in set(releases_frame(lock)["release"])


# ------------------------------------------------------------ 3. a custom source's URL that is no str

def _source(**where) -> Source:
    return Source(name="demo/a.csv", release="1", sha256="", size=0, licence="CC0", attribution="made up",
                  **{"url": "", **where})


@pytest.mark.parametrize(("where", "said"), [
    ({"url": None}, r"url must be a str \(.. for a file without one\), got NoneType None"),
    ({"url": 5}, r"url must be a str \(.. for a file without one\), got int 5"),
    ({"url": b"https://e.org/a.csv"}, r"url must be a str .*, got bytes b'https://e.org/a.csv'"),
    ({"archive_url": 5, "member": "a.csv"}, r"archive_url must be a str or None, got int 5"),
    ({"url": "https://e.org/a.zip", "archive_url": "https://e.org/a.zip", "member": 0},
     r"member must be a str or None, got int 0"),
], ids=["url-none", "url-int", "url-bytes", "archive-url-int", "member-int"])
def test_a_source_whose_url_is_no_str_is_refused(where, said):
    with pytest.raises(DataFormatError, match=rf"^demo/a\.csv: {said}$"):
        _source(**where)


def test_a_source_whose_url_is_a_path_is_refused(tmp_path):
    with pytest.raises(DataFormatError, match=r"^demo/a\.csv: url must be a str .*, got PosixPath$"):
        _source(url=tmp_path / "a.csv")


def test_fetch_table_of_a_source_without_url_is_refused_before_reading(tmp_path):
    (tmp_path / "m" / "demo").mkdir(parents=True)
    (tmp_path / "m" / "demo" / "a.csv").write_text("a\n1\n")
    store = DataStore(cache=tmp_path / "c", home=tmp_path / "h", mirror=tmp_path / "m")
    with pytest.raises(DataFormatError, match="url must be a str"):  # before: AttributeError when pinned
        fetch_table(_source(url=None), lambda p: p.read_text(), store=store)
    # a file without a URL is written '' and is read and pinned
    assert fetch_table(_source(), lambda p: p.read_text(), store=store) == "a\n1\n"
    assert store.lock.entries()["demo/a.csv"]["url"] == ""
    assert _source(url="https://e.org/a.csv", archive_url=None, member=None).download_url == "https://e.org/a.csv"


# ------------------------------------------------------------ 4. the download given as the release

@pytest.mark.parametrize(("given", "said"), [
    ("db_31_0_text.zip", "it names O*NET 31.0's download (db_31_0_text.zip), not a release: write '31.0', and put "
     "the zip or its unzipped folder in the data directory (--data-dir, data_dir=) to read your copy"),
    ("/home/me/Downloads/db_31_0_text/", "it names O*NET 31.0's download (db_31_0_text), not a release: write "
     "'31.0', and put"),
    ("C:\\Users\\me\\Downloads\\db_31_0_excel.zip", "it names O*NET 31.0's download (db_31_0_excel.zip), not a "
     "release: write '31.0' with --onet-format excel (onet_format='excel'), and put"),
    ("db_30_1_excel.zip", "write '30.1', and put the zip"),
    ("db_30_1_text.zip", "write '30.1'; the package pins O*NET 30.1 in excel format only, so your text copy is "
     "not read: put O*NET's excel download (db_30_1_excel.zip) or its unzipped folder in the data directory"),
], ids=["zip", "folder", "excel-windows", "pinned-format", "other-format"])
def test_an_onet_download_given_as_the_release_says_what_to_write(given, said):
    with pytest.raises(ExposureError) as info:
        releases.check_onet_release(given)
    said_now = str(info.value)
    assert said_now.startswith(f"O*NET release {given!r} is not of the form MAJOR.MINOR (e.g. 29.1, 31.0): it names ")
    assert said in said_now


@pytest.mark.parametrize("given", ["oesm26nat.zip", "~/Downloads/oesm26in4/"])
def test_an_oews_download_given_as_the_release_says_what_to_write(given):
    with pytest.raises(ExposureError, match=r"is not a year such as 2025: it names OEWS May 2026's download "
                                            r"\(oesm26(nat\.zip|in4)\), not a release: write 2026, and put the zip "
                                            r"or its unzipped folder in the data directory"):
        releases.check_oews_release(given)


@pytest.mark.parametrize(("check", "given", "other"), [
    (releases.check_onet_release, "db_31_0_text.zip", "oesm26nat.zip"),
    (releases.check_onet_release, "db_31_0_text.zip", "db_31_10_text.zip"),
    (releases.check_oews_release, "oesm26nat.zip", "db_31_0_text.zip"),
], ids=["oews-as-onet", "no-release", "onet-as-oews"])
def test_only_a_download_of_the_kind_asked_gets_the_hint(check, given, other):
    with pytest.raises(ExposureError, match="download"):
        check(given)
    with pytest.raises(ExposureError) as info:
        check(other)
    assert "download" not in str(info.value)


def test_recompute_with_the_zip_as_release_says_what_to_write(tmp_path, capsys):
    with pytest.raises(SystemExit) as info:
        cli(capsys, "recompute", "--onet-release", tmp_path / "db_31_0_text.zip", "--out", tmp_path / "out")
    err = capsys.readouterr().err
    lines = [ln for ln in err.splitlines() if ": error: " in ln]
    assert info.value.code == 2 and "Traceback" not in err and len(lines) == 1
    assert lines[0].startswith("exposure recompute: error: argument --onet-release: O*NET release ")
    assert lines[0].endswith("it names O*NET 31.0's download (db_31_0_text.zip), not a release: write '31.0', and "
                             "put the zip or its unzipped folder in the data directory (--data-dir, data_dir=) to "
                             "read your copy")
    assert not (tmp_path / "out").exists()


def test_what_the_hint_says_reads_the_users_zip(tmp_path):
    # the advice holds: the release written as asked is read from the zip in the data directory
    cache = tmp_path / "data"
    write_release_zip(cache, onet_31_files())
    store = DataStore(cache=cache, home=tmp_path / "home", mirror=None)
    with pytest.raises(ExposureError, match="write '31.0', and put the zip"):
        load_onet(str(cache / "db_31_0_text.zip"), store=store)
    assert load_onet("31.0", store=store).release == "31.0"
    assert "onet/31.0/Task Statements.txt" in store.lock.entries()


# ------------------------------------------------------------ 5. a lock file merged by git with a conflict

def _pin_line(base: str, data: bytes = b"abc") -> str:
    return (f"onet/31.0/{base}.txt\t{len(data)}\t{hashlib.sha256(data).hexdigest()}\t{ONET.format('text')}\t"
            f"db_31_0_text/{base}.txt\n")


def test_a_lock_file_with_merge_conflict_markers_says_so(tmp_path, capsys, monkeypatch):
    lock = tmp_path / "exposure.lock"
    lock.write_text("# exposure.lock: sha256 of upstream files\n" + HEADER + _pin_line("Job Zones")
                    + "<<<<<<< HEAD\n" + _pin_line("Task Ratings") + "=======\n" + _pin_line("Task Ratings", b"abcd")
                    + ">>>>>>> colleague\n", "utf-8")
    with pytest.raises(DataFormatError, match=r"exposure\.lock, row 4: '<<<<<<< HEAD' is a marker of an unresolved "
                                              r"merge conflict \(git merged two versions of the lock file\): keep the "
                                              r"lines of the pins you reviewed and delete the marker lines$"):
        Lock(lock).entries()
    monkeypatch.setenv("EXPOSURE_HOME", str(tmp_path))
    code, _, err = cli(capsys, "sources", "--releases")
    assert code == 2 and err.strip().endswith("row 4: '<<<<<<< HEAD' is a marker of an unresolved merge conflict (git "
                                              "merged two versions of the lock file): keep the lines of the pins you "
                                              "reviewed and delete the marker lines")


def test_a_lock_file_wholly_in_conflict_says_so(tmp_path):
    # both branches made the file: the marker stands above the header
    lock = tmp_path / "exposure.lock"
    lock.write_text("<<<<<<< HEAD\n" + HEADER + _pin_line("Job Zones") + "=======\n" + HEADER
                    + _pin_line("Task Ratings") + ">>>>>>> 5f3c2a1 (pins of O*NET 31.0)\n", "utf-8")
    with pytest.raises(DataFormatError, match=r"row 1: '<<<<<<< HEAD' is a marker of an unresolved merge conflict"):
        Lock(lock).entries()
    with pytest.raises(DataFormatError, match="merge conflict"):  # nothing is pinned over it
        Lock(lock).pin(layout_source("onet/31.0/Occupation Data.txt"), lock)
