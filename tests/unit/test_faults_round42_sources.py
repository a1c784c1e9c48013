"""Fault round 42: source groups, the lock file's names and rows, ``exposure sources`` counts.

1. A group of ``_GROUPS`` declared for a single file (``crosswalks/soc10_isco08.csv``)
   matched registry names by prefix: a name pinned by hand that merely starts with it
   (``crosswalks/soc10_isco08.csv.gz``) got that CSV's URL, licence, notes and
   ``mirror_only`` without a word. A single-file group now holds its own name alone (a
   directory group, ``onet/29.1/``, or a name prefix without an extension, ``oews/oe_``,
   still holds the names it starts); such a name matches no group and is refused, named
   with its file, row and column. Every entry of the shipped registry is built as before.
2. The lock file reader (:meth:`exposure.releases.Lock.entries`) read names that are
   absolute (``/etc/passwd``, ``C:/x``) or hold a ``..`` segment: ``exposure sources
   --releases`` listed and counted them, and only a fetch of that name refused it. Refused
   at read now, naming the lock file, the row and the column ``name``.
3. The lock file was split with ``str.splitlines``: a form feed or a U+2028 in a line
   split it into two "rows", so the error named the wrong row ("too few fields" on the
   half line) and every row below was misnumbered, in :meth:`Lock.entries` and in the row
   named by a pin conflict (:meth:`Lock.pin`). Rows are now counted at ``\\n``, ``\\r\\n``
   and ``\\r`` only, and a name with a control character or line separator is refused.
   (Added after the round: ``exposure.fetch`` named the lock row of a wrong size with its
   own ``splitlines`` count, one too far below such a line; it now uses the reader's.)
4. A size written with leading zeros (``0190``, a hand edit) passed as a size, but was
   compared as text: a line that pins a registry file as the package does was refused as
   "of another sha256 or size", a line repeated with ``190`` and ``0190`` was "pinned twice
   with a different size", and :meth:`Lock.pin` with ``replace=False`` called the same
   file "another version of it". The size is read as its number.
5. ``exposure sources NAME`` printed "1 files in ..."; ``exposure sources --releases``
   "1 pinned file(s)". Now "1 file in ...", "1 pinned file" (and "2 files", "2 pinned
   files").

Tiny made-up registry and lock files written into ``tmp_path``; no file of the mirror is read.
"""

from __future__ import annotations

import dataclasses

import pytest

from exposure import sources as S
from exposure.cli import main
from exposure.errors import DataFormatError
from exposure.releases import Lock, layout_source, releases_frame

SHA = "0" * 64
ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"  # sha256 of b"abc"
LOCK_HEAD = "name\tsize\tsha256\turl\tmember\n"
ZIP = "https://www.onetcenter.org/dl_files/database/db_31_0_text.zip"


def _lock_line(name: str, size="3", sha=ABC) -> str:
    return f"{name}\t{size}\t{sha}\t{ZIP}\tdb_31_0_text/{name.rsplit('/', 1)[-1]}\n"


def _lock(tmp_path, text: str) -> Lock:
    path = tmp_path / "exposure.lock"
    path.write_bytes(text.encode("utf-8"))
    return Lock(path)


@pytest.fixture
def home(tmp_path, monkeypatch):
    """An empty $EXPOSURE_HOME and no mirror or data directory from the environment."""
    monkeypatch.setenv("EXPOSURE_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("EXPOSURE_MIRROR", raising=False)
    monkeypatch.delenv("EXPOSURE_DATA_DIR", raising=False)
    (tmp_path / "home").mkdir()
    return tmp_path / "home"


# 1. a single-file group matched by prefix ----------------------------------------------

@pytest.mark.parametrize("name", ["crosswalks/soc10_isco08.csv.gz", "crosswalks/soc10_isco08.csv.bak",
                                  "crosswalks/ISCOGroups_en.csv_old",
                                  "oews/oews_national_by_industry_M2025.csv.zip"])
def test_a_name_that_starts_with_a_single_file_group_matches_no_group(tmp_path, name):
    path = tmp_path / "registry.tsv"
    path.write_text(f"name\tsize\tsha256\nonet/29.1/Job Zones.txt\t8\t{SHA}\n{name}\t3\t{SHA}\n")
    with pytest.raises(DataFormatError) as err:
        S._build_registry(path)
    message = str(err.value)
    assert message.startswith(f"{path}, row 3, column 'name': {name!r} matches no group")


def test_the_shipped_registry_is_built_as_before():
    for name, src in S.SOURCES.items():
        again = S._build_source(name, src.size, src.sha256)
        assert dataclasses.asdict(again) == dataclasses.asdict(src)
    soc = S.SOURCES["crosswalks/soc10_isco08.csv"]
    assert soc.mirror_only and soc.url.startswith("https://ibs.org.pl/")
    assert S.SOURCES["oews/oe_industry.csv"].url.endswith("/oe.industry")  # a prefix group
    assert S.SOURCES["oews/national_M2024_dl.xlsx"].member == "oesm24nat/national_M2024_dl.xlsx"


# 2. absolute names and '..' in the lock file -------------------------------------------

@pytest.mark.parametrize("name", ["/etc/passwd", "onet/31.0/../../../x.txt", "../x.csv", "C:/data/x.csv",
                                  "\\\\server\\share\\x.csv", "onet\\..\\..\\x.csv"])
def test_the_lock_file_refuses_a_name_outside_the_cache(tmp_path, name):
    lock = _lock(tmp_path, LOCK_HEAD + _lock_line("onet/31.0/Job Zones.txt") + _lock_line(name))
    with pytest.raises(DataFormatError) as err:
        lock.entries()
    assert str(err.value).startswith(f"{lock.path}, row 3, column 'name': the name {name!r} is absolute "
                                     "or has a '..' segment")


def test_releases_listing_refuses_a_name_outside_the_cache(tmp_path):
    lock = _lock(tmp_path, LOCK_HEAD + _lock_line("/etc/passwd"))
    with pytest.raises(DataFormatError, match=r"row 2, column 'name'"):
        releases_frame(lock)


def test_exposure_sources_releases_refuses_a_name_outside_the_cache(home, capsys):
    (home / "exposure.lock").write_text(LOCK_HEAD + _lock_line("onet/31.0/Job Zones.txt")
                                        + _lock_line("../../x.txt"))
    assert main(["sources", "--releases"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "exposure.lock, row 3, column 'name'" in err[0], err


def test_the_lock_file_still_reads_a_dotted_name(tmp_path):
    lock = _lock(tmp_path, LOCK_HEAD + _lock_line("onet/31.0/Job Zones.txt") + _lock_line("my..data/x.v2.csv"))
    assert list(lock.entries()) == ["onet/31.0/Job Zones.txt", "my..data/x.v2.csv"]


# 3. rows counted as an editor counts them ----------------------------------------------

@pytest.mark.parametrize("sep", ["\f", "\u2028", "\x1c", "\x85"])
def test_a_line_separator_in_a_lock_line_is_no_row_break(tmp_path, sep):
    lock = _lock(tmp_path, LOCK_HEAD + _lock_line(f"onet/31.0/Job{sep}Zones.txt")
                 + _lock_line("onet/31.0/Task Ratings.txt", size="x"))
    with pytest.raises(DataFormatError) as err:
        lock.entries()
    assert str(err.value).startswith(f"{lock.path}, row 2, column 'name': the name ")
    assert "control character or a line separator" in str(err.value)


def test_rows_below_a_form_feed_are_numbered_as_in_the_file(tmp_path):
    # a form feed inside a custom name's member field: not a name, so the line is read;
    # the bad size on the line below must be named with its own row
    text = (LOCK_HEAD + f"x/a.csv\t3\t{ABC}\thttps://e.org/a.zip\ta\fb.csv\n"
            + _lock_line("onet/31.0/Job Zones.txt", size="3 B"))
    lock = _lock(tmp_path, text)
    with pytest.raises(DataFormatError) as err:
        lock.entries()
    assert str(err.value).startswith(f"{lock.path}, row 3, column 'size'")


def test_a_pin_conflict_names_the_row_as_in_the_file(tmp_path):
    text = (LOCK_HEAD + f"x/a.csv\t3\t{ABC}\thttps://e.org/a.zip\ta\u2028b.csv\n"
            + _lock_line("onet/31.0/Job Zones.txt", size="4", sha="b" * 64))
    lock = _lock(tmp_path, text)
    data = tmp_path / "jz.txt"
    data.write_bytes(b"abc")
    with pytest.raises(DataFormatError) as err:
        lock.pin(layout_source("onet/31.0/Job Zones.txt"), data, replace=False)
    assert str(err.value).startswith(f"{lock.path}, row 3, column 'sha256'")


def test_a_wrong_size_found_by_fetch_names_the_row_as_in_the_file(tmp_path):
    """A lock-pinned file of the wrong size, found by fetch: the row named is the line's own."""
    import hashlib

    from exposure.fetch import DataStore, fetch

    folder = tmp_path / "mirror" / "onet" / "31.0"
    folder.mkdir(parents=True)
    data = b"O*NET-SOC Code\tTitle\n"
    (folder / "Job Zones.txt").write_bytes(data)
    text = (LOCK_HEAD + f"x/a.csv\t3\t{ABC}\thttps://e.org/a.zip\ta\u2028b.csv\n"
            + _lock_line("onet/31.0/Job Zones.txt", size="999", sha=hashlib.sha256(data).hexdigest()))
    lock = _lock(tmp_path, text)
    store = DataStore(cache=tmp_path / "cache", home=lock.path.parent, mirror=tmp_path / "mirror")
    with pytest.raises(DataFormatError) as err:
        fetch("onet/31.0/Job Zones.txt", store=store)
    assert str(err.value).startswith(f"{lock.path}, row 3, column 'size': size 999 is not the size")


# 4. a size with leading zeros --------------------------------------------------------

def test_a_size_with_leading_zeros_pins_a_registry_file_as_the_package_does(tmp_path):
    src = S.SOURCES["onet/29.1/Task Categories.txt"]
    lock = _lock(tmp_path, LOCK_HEAD + f"{src.name}\t0{src.size}\t{src.sha256}\t{src.url}\t{src.member}\n")
    assert lock.entries()[src.name]["size"] == str(src.size)


def test_a_size_with_leading_zeros_is_the_same_pin(tmp_path):
    lock = _lock(tmp_path, LOCK_HEAD + _lock_line("onet/31.0/Job Zones.txt", size="003")
                 + _lock_line("onet/31.0/Job Zones.txt", size="3"))
    assert lock.entries()["onet/31.0/Job Zones.txt"]["size"] == "3"
    data = tmp_path / "jz.txt"
    data.write_bytes(b"abc")
    entry = lock.pin(layout_source("onet/31.0/Job Zones.txt"), data, replace=False)
    assert (entry["size"], entry["sha256"]) == ("3", ABC)


# 5. counts in the singular ------------------------------------------------------------

def test_exposure_sources_counts_one_file_in_the_singular(tmp_path, home, capsys):
    cache = tmp_path / "cache"
    cache.mkdir()
    assert main(["sources", "--data-dir", str(cache), "onet/29.1/Task Categories.txt"]) == 0
    last = capsys.readouterr().out.strip().splitlines()[-1]
    assert last.startswith(f"1 file in {cache}: 0 verified, 1 missing"), last
    main(["sources", "--data-dir", str(cache), "onet/29.1/Task Categories.txt", "onet/29.1/Job Zones.txt"])
    assert capsys.readouterr().out.strip().splitlines()[-1].startswith("2 files in ")


def test_exposure_sources_releases_counts_one_pinned_file_in_the_singular(home, capsys):
    (home / "exposure.lock").write_text(LOCK_HEAD + _lock_line("onet/31.0/Job Zones.txt"))
    assert main(["sources", "--releases"]) == 0
    out = capsys.readouterr().out
    assert ": 1 pinned file\n" in out and "file(s)" not in out
