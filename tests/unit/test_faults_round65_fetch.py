"""Fault round 65: fetching and the cache (lock-pinned releases, globs, mirrors lacking a release).

1. ``exposure fetch 'onet/*/Task Statements*'`` (also ``exposure sources``, a prefix such as
   ``onet`` or a kind, and :func:`exposure.fetch.select_fetchable`) after a recompute pinned
   ``onet/31.0/Task Statements.txt`` in the lock file: the lock was read only for a NAME that
   matched nothing in the registry, so the pinned 31.0 file was left out without a word
   (``0 of 2 files verified``: the registry's 29.1 and 30.1 files alone). Now a prefix, kind
   or glob selects the lock's files it matches too; an exact registry name still does not
   read the lock, and a damaged lock file does not stop a glob of registry files (a warning
   says its pins were not searched).
2. A typo in the name of a file of a release only the lock pins (``onet/31.0/Job Zone.txt``,
   ``onet/31.0/job zones.txt``): ``unknown source ...; did you mean 'onet/29.1/Job Zones.txt'
   or 'onet/30.1/Job Zones.xlsx' ...?``, names of other releases (the registry's alone), and
   a glob of that release matching none of its pinned files (``onet/31.0/Task*`` with
   ``onet/31.0/Job Zones.txt`` pinned) said ``no file of O*NET 31.0 is pinned yet``, which
   was false. Now the lock's close names are suggested first, marked as its pins, and the
   glob names the release's files the lock pins.
3. ``--mirror M`` (or ``mirror=``) when the mirror lacks a file of a release and the data
   directory holds the publisher's download in the other format (``db_31_0_excel/``), a
   release folder lacking the file (``db_31_0_text/Job_Zones.txt``) or a renamed copy: the
   error was ``not found in mirror M (expected ...); fix the mirror or unset it to
   download``, naming neither the data directory's places nor what they hold (without a
   mirror both were said). Now the same data-directory part follows the mirror's.
4. A mirror holding a file (``M/onet/31.0/Job Zones.txt``) and the data directory the
   publisher's download with other bytes (``db_31_0_text.zip``, a corrected release put
   there since): the mirror's was read and pinned, the user's copy passed over without a
   word; once pinned, later runs did not check it either (without a mirror both are
   refused). Now a new file is refused, naming both copies and their sha256, and a pinned
   file's copies in the data directory are checked against its pin as without a mirror.

Tiny made-up files written by the tests; nothing is downloaded.
"""

from __future__ import annotations

import logging
import zipfile

import pytest
from test_faults_cli import cli, one_error_line

from exposure import fetch as F
from exposure.errors import ChecksumMismatchError, DataFormatError, ExposureError
from exposure.releases import layout_source

TASKS = "onet/31.0/Task Statements.txt"
ZONES = "onet/31.0/Job Zones.txt"
TASKS_TXT = ("O*NET-SOC Code\tTask ID\tTask\tTask Type\tIncumbents Responding\tDate\tDomain Source\n"
             "11-1011.00\t1\tDirect the work.\tCore\t20\t08/2026\tIncumbent\n")
ZONES_TXT = "O*NET-SOC Code\tJob Zone\tDate\tDomain Source\n11-1011.00\t5\t08/2026\tAnalyst\n"


pytestmark = pytest.mark.usefixtures("bare_env")


def _store(tmp_path, mirror=None):
    return F.DataStore(cache=tmp_path / "cache", home=tmp_path / "home", mirror=mirror)


def _pin(tmp_path, name, text):
    """Write ``name`` into the mirror ``tmp_path/m`` and pin it in the lock, as a recompute does."""
    mirror = tmp_path / "m"
    (mirror / name).parent.mkdir(parents=True, exist_ok=True)
    (mirror / name).write_text(text)
    _store(tmp_path).lock.pin(layout_source(name), mirror / name)
    return mirror


# 1. a glob, prefix or kind that matches registry files selects the lock's files it matches too

@pytest.mark.parametrize("pattern", ["onet/*/Task Statements*", "*/Task Statements.txt", "onet"])
def test_a_glob_matching_the_registry_selects_the_lock_pins_too(tmp_path, pattern):
    _pin(tmp_path, TASKS, TASKS_TXT)
    chosen = [s.name for s in F.select_fetchable([pattern], _store(tmp_path))]
    assert TASKS in chosen and "onet/29.1/Task Statements.txt" in chosen


def test_fetch_and_sources_of_a_glob_take_the_pinned_release(tmp_path, capsys):
    mirror = _pin(tmp_path, TASKS, TASKS_TXT)
    cache = tmp_path / "c2"
    code, out, err = cli(capsys, "fetch", "onet/*/Task Statements*", "--mirror", mirror, "--data-dir", cache)
    assert code == 2 and out.startswith("1 of 3 files verified"), out  # the registry's are not in m
    assert (cache / TASKS).read_text() == TASKS_TXT
    code, out, _ = cli(capsys, "sources", "onet/*/Task Statements*", "--data-dir", cache, "--format", "tsv")
    assert code == 0 and f"{TASKS}\tonet\t31.0" in out


def test_a_damaged_lock_does_not_stop_a_glob_of_registry_files(tmp_path, caplog):
    lock = tmp_path / "home" / "exposure.lock"
    lock.parent.mkdir(parents=True)
    lock.write_text(f"name\tsize\tsha256\turl\tmember\n{ZONES}\tabc\t{'a' * 64}\tu\tm\n")
    with caplog.at_level(logging.WARNING, logger="exposure"):
        chosen = [s.name for s in F.select_fetchable(["onet/29.1/Job Z*"], _store(tmp_path))]
    assert chosen == ["onet/29.1/Job Zone Reference.txt", "onet/29.1/Job Zones.txt"]
    assert "the lock file's pins were not searched" in caplog.text and "row 2, column 'size'" in caplog.text
    with pytest.raises(DataFormatError, match=r"row 2, column 'size'"):  # a NAME only the lock could know
        F.select_fetchable(["onet/31.0/Job*"], _store(tmp_path))


# 2. a typo in a lock-pinned release's file name suggests the lock's name

@pytest.mark.parametrize("typo", ["onet/31.0/Job Zone.txt", "onet/31.0/job zones.txt", "onet/31.0/Job Zones.tx"])
def test_a_typo_in_a_pinned_release_suggests_the_lock_name(tmp_path, capsys, typo):
    _pin(tmp_path, ZONES, ZONES_TXT)
    lock = tmp_path / "home" / "exposure.lock"
    for command in ("fetch", "sources"):
        code, _, err = cli(capsys, command, typo, "--data-dir", tmp_path / "c2")
        line = one_error_line(err, command=command)
        assert code == 2 and line.startswith(
            f"exposure {command}: error: unknown source {typo!r}; did you mean "
            f"'{ZONES}' (pinned by the lock file {lock})"), line
    # a typo in a release the package pins still suggests the registry's name
    with pytest.raises(ExposureError) as info:
        F.select_fetchable(["onet/29.1/Job Zone.txt"], _store(tmp_path))
    assert str(info.value).startswith("unknown source 'onet/29.1/Job Zone.txt'; did you mean 'onet/29.1/Job Zones.txt'")


def test_a_glob_of_a_partly_pinned_release_names_its_pins(tmp_path):
    _pin(tmp_path, ZONES, ZONES_TXT)
    with pytest.raises(ExposureError) as info:
        F.select_fetchable(["onet/31.0/Task*"], _store(tmp_path))
    said = str(info.value)
    assert "no file of O*NET 31.0 is pinned yet" not in said
    assert "'onet/31.0/Task*' matches none of the 1 file of O*NET 31.0 that the lock file" in said
    assert f"pins ({ZONES})" in said
    # a file of the release that the lock does not pin is no typo of a pinned one
    with pytest.raises(ExposureError) as info:
        F.select_fetchable([TASKS], _store(tmp_path))
    assert str(info.value).startswith(f"'{TASKS}' is a file of O*NET 31.0, which neither")


# 3. a mirror lacking the release: the data directory's places and what they hold are named

def _data_dir(tmp_path):
    cache = tmp_path / "cache"
    (cache / "db_31_0_excel").mkdir(parents=True)
    (cache / "db_31_0_excel" / "Job Zones.xlsx").write_bytes(b"x")
    (cache / "db_31_0_text").mkdir()
    (cache / "db_31_0_text" / "Job_Zones.txt").write_text(ZONES_TXT)
    (tmp_path / "m" / "onet" / "29.1").mkdir(parents=True, exist_ok=True)
    return cache


def test_a_mirror_lacking_a_release_names_the_data_directory(tmp_path):
    cache, mirror = _data_dir(tmp_path), tmp_path / "m"
    with pytest.raises(F.DownloadError) as info:
        F.fetch(ZONES, mirror=mirror, data_dir=cache)
    said = str(info.value)
    assert said.startswith(f"{ZONES}: not found in mirror {mirror}")
    assert (f"no copy of it in the data directory either (looked for {cache / 'db_31_0_text' / 'Job Zones.txt'}, "
            f"{cache / 'db_31_0_text.zip'})") in said
    assert f"the folder {cache / 'db_31_0_text'} has no 'Job Zones.txt' but 'Job_Zones.txt'" in said
    assert (f"the data directory has {cache / 'db_31_0_excel' / 'Job Zones.xlsx'}, O*NET's excel download: "
            "give --onet-format excel") in said
    assert not (cache / "onet").exists()


def test_cli_fetch_from_a_mirror_lacking_a_pinned_release_names_the_other_format(tmp_path, capsys):
    _pin(tmp_path, ZONES, ZONES_TXT)  # pinned from tmp_path/m; the mirror given lacks it
    cache, mirror = _data_dir(tmp_path), tmp_path / "m2"
    (mirror / "onet").mkdir(parents=True)
    (cache / "db_31_0_text" / "Job_Zones.txt").unlink()
    (cache / "db_31_0_text").rmdir()
    code, _, err = cli(capsys, "fetch", ZONES, "--mirror", mirror, "--data-dir", cache)
    line = one_error_line(err, command="fetch")
    assert code == 2 and "not found in mirror" in line and "O*NET's excel download: give --onet-format excel" in line


# 4. a mirror holding the file, the data directory the user's copy of other bytes

ZONES_NEWER = ZONES_TXT.replace("\t5\t", "\t4\t")


def _zip_in(cache, text):
    cache.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(cache / "db_31_0_text.zip", "w") as z:
        z.writestr("db_31_0_text/Job Zones.txt", text)
    return cache / "db_31_0_text.zip"


def test_a_new_file_in_the_mirror_and_another_in_the_data_directory_is_refused(tmp_path):
    mirror = tmp_path / "m"
    (mirror / "onet" / "31.0").mkdir(parents=True)
    (mirror / ZONES).write_text(ZONES_TXT)
    archive = _zip_in(tmp_path / "cache", ZONES_NEWER)
    store = _store(tmp_path, mirror)
    with pytest.raises(F.DownloadError) as info:
        F.fetch_table(ZONES, lambda p: p.read_text(), store=store)
    said = str(info.value)
    assert said.startswith(f"{ZONES}: the mirror's {mirror / ZONES} (sha256 ")
    assert f"your copy {archive}!db_31_0_text/Job Zones.txt in the data directory" in said
    assert store.lock.entries() == {} and not (tmp_path / "cache" / ZONES).exists()
    # the same bytes in both: read from the mirror and pinned, as before
    _zip_in(tmp_path / "cache", ZONES_TXT)
    assert F.fetch_table(ZONES, lambda p: p.read_text(), store=store) == ZONES_TXT
    assert ZONES in store.lock.entries()


def test_a_pinned_file_in_the_mirror_checks_the_users_copy_too(tmp_path):
    mirror = _pin(tmp_path, ZONES, ZONES_TXT)
    cache = tmp_path / "cache"
    assert F.fetch(ZONES, mirror=mirror, data_dir=cache).read_text() == ZONES_TXT
    archive = _zip_in(cache, ZONES_NEWER)  # a corrected release put in the data directory since
    with pytest.raises(ChecksumMismatchError) as info:
        F.fetch(ZONES, mirror=mirror, data_dir=cache)
    assert f"(read from {archive}!db_31_0_text/Job Zones.txt)" in str(info.value)
