"""Fault round 75: the source registry, the mirror and the cache.

1. The name of a file of a release the package pins in the other format
   (``exposure fetch 'onet/30.1/Job Zones.txt'``: O*NET 30.1 is pinned as Excel files;
   ``onet/29.1/Job Zones.xlsx``, ``get_source``, ``exposure sources``) was answered
   ``unknown source 'onet/30.1/Job Zones.txt'; did you mean 'onet/29.1/Job Zones.txt' or
   'onet/30.1/Job Zones.xlsx' or ...?``: difflib's first name was the same file of another
   release, which following the advice read without a word. Now the file of that release
   comes first and the error says why: ``did you mean 'onet/30.1/Job Zones.xlsx' (O*NET 30.1
   is pinned by the package in excel format only) or ...?``; a file the registry holds in
   one format only, whatever its release's (``onet/30.1/Read Me.xlsx``), ``(the registry
   holds that file as .txt only)``.
2. A mirror whose folder is written in other capitals (``M/Onet/29.1/Job Zones.txt``,
   ``M/Crosswalks/2019_Occupations.xlsx``, as copied from a file system that ignores case)
   said only ``not found in mirror M (expected M/onet/29.1/Job Zones.txt); fix the mirror
   or unset it to download``: only a file name in other capitals was told. Now ``the mirror
   has M/Onet/29.1/Job Zones.txt (names are case-sensitive)``.
3. A mirror holding the file under another name, a second download renamed by the browser
   (``M/onet/29.1/Job Zones (1).txt``, ``M/crosswalks/2019_Occupations (1).xlsx``) or with
   other spacing (``Job_Zones.txt``), said only ``not found in mirror ...; fix the mirror or
   unset it to download``. Now ``the mirror has M/onet/29.1/Job Zones (1).txt, not read under
   that name (a second download renamed by the browser?): give the file the name 'Job
   Zones.txt'`` (``...Job_Zones.txt: give the file the name 'Job Zones.txt' (names are read
   as written)``), as the data directory's release folder already said; following the advice
   reads the file.
4. Several names given as one, joined by commas or spaces (``exposure fetch
   "onet/29.1,crosswalks"``, a shell variable ``"$NAMES"`` quoted; ``fetch("a,b")``) were
   answered ``unknown source 'onet/29.1,crosswalks'; did you mean 'crosswalks' or
   'onet/29.1' or 'crosswalk'?``, one of them. Now ``unknown source 'onet/29.1,crosswalks':
   it holds 2 names ('onet/29.1', 'crosswalks'): give each as a name of its own (separated
   by spaces on the command line: onet/29.1 crosswalks; a list in Python)``; a name with a
   comma of its own (``Education, Training, and Experience.txt``) is still one name.
5. A release given as a folder under a folder that has none (``exposure fetch oews/2024``,
   ``oews/M2025``, ``crosswalks/2019``, as ``onet/29.1`` is one) was answered ``unknown
   source 'oews/2024'; did you mean 'oews'?``, whose advice fetched the files of every OEWS
   release (``oews/M2024``: ``run `exposure sources` to list the registry``). Now
   ``unknown source 'oews/2024': the names under oews/ have no folder by release; the file
   of release 'May 2024' is 'oews/national_M2024_dl.xlsx': give its name``.
6. A URL given where a directory belongs: ``--mirror file:///data/mirror`` (or
   ``$EXPOSURE_MIRROR``, ``mirror=``) was ``mirror directory 'file:/data/mirror' (from
   --mirror/mirror=) does not exist``, the URL mangled and nothing on why; ``--data-dir
   file:///data/cache`` made the cache in a folder ``./file:/data/cache`` of the current
   directory without a word (exit 0). Now ``--mirror/mirror= 'file:///data/mirror' is a
   file:// URL, not a directory path: give the directory itself, '/data/mirror'``; an
   http(s) URL is told to be no directory (``give a local directory ...``).

The real mirror (``EXPOSURE_MIRROR``) for the package's pinned files, copied into small
mirrors the tests make; nothing is downloaded (a mirror is given).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from test_faults_cli import cli, one_error_line

from exposure.errors import ExposureError
from exposure.fetch import fetch
from exposure.sources import get_source, select_sources

JZ = "onet/29.1/Job Zones.txt"
OCC = "crosswalks/2019_Occupations.xlsx"


def _real(name: str) -> Path:
    mirror = os.environ.get("EXPOSURE_MIRROR")
    if not mirror or not (Path(mirror) / name).is_file():
        pytest.skip("needs the real mirror ($EXPOSURE_MIRROR)")
    return (Path(mirror) / name).resolve()


def _mirror(tmp_path: Path, name: str, placed: str) -> Path:
    """A mirror holding the real file ``name`` at ``placed`` (relative to the mirror)."""
    mirror = tmp_path / "m"
    (mirror / placed).parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(_real(name), mirror / placed)
    return mirror


# 1 ------------------------------------------------------------------------------------

def test_a_file_of_a_release_pinned_in_the_other_format_suggests_that_release(capsys, tmp_path):
    code, _, err = cli(capsys, "fetch", "onet/30.1/Job Zones.txt", "--data-dir", str(tmp_path / "c"))
    assert code == 2
    line = one_error_line(err, command="fetch")
    assert ("did you mean 'onet/30.1/Job Zones.xlsx' (O*NET 30.1 is pinned by the package in excel "
            "format only) or 'onet/29.1/Job Zones.txt'") in line
    with pytest.raises(ExposureError, match=r"did you mean 'onet/29\.1/Job Zones\.txt' \(O\*NET 29\.1 is "
                                            r"pinned by the package in text format only\) or"):
        get_source("onet/29.1/Job Zones.xlsx")
    with pytest.raises(ExposureError, match=r"did you mean 'onet/30\.1/Job Zones\.xlsx' \(O\*NET 30\.1"):
        select_sources(["onet/30.1/job zones.txt"])


def test_a_file_held_in_one_format_whatever_its_release_is_not_said_to_be_the_release_format():
    # Read Me.txt is a text file in O*NET's Excel download too: 30.1 is not "text only"
    with pytest.raises(ExposureError) as info:
        get_source("onet/30.1/Read Me.xlsx")
    message = str(info.value)
    assert "did you mean 'onet/30.1/Read Me.txt' (the registry holds that file as .txt only)" in message
    assert "text format only" not in message
    # no suffix: no format asked for, nothing said of one
    with pytest.raises(ExposureError) as info:
        get_source("onet/29.1/Job Zones")
    assert "did you mean 'onet/29.1/Job Zones.txt' or" in str(info.value)
    assert "format only" not in str(info.value)


def test_following_the_other_format_advice_reads_the_release_asked_for(tmp_path):
    with pytest.raises(ExposureError) as info:
        fetch("onet/30.1/Job Zones.txt", mirror=_real("onet/30.1/Job Zones.xlsx").parents[2],
              data_dir=tmp_path / "c")
    meant = str(info.value).split("did you mean '", 1)[1].split("'", 1)[0]
    assert meant == "onet/30.1/Job Zones.xlsx"
    path = fetch(meant, mirror=_real(meant).parents[2], data_dir=tmp_path / "c")
    assert path.name == "Job Zones.xlsx" and get_source(meant).release == "30.1"


# 2 ------------------------------------------------------------------------------------

def _then_fix_the_mirror(line, said):
    """``said`` in ``line``, then ``; fix the mirror``: after the data directory's words for an O*NET file (round 80)."""
    assert said in line
    after = line.split(said, 1)[1]
    if after.startswith("; no copy of it in the data directory either ("):  # an O*NET file: its archive looked for
        after = after[after.index(")") + 1:]
    assert after.startswith("; fix the mirror"), after


@pytest.mark.parametrize("name, placed", [(JZ, "Onet/29.1/Job Zones.txt"),
                                          (OCC, "Crosswalks/2019_Occupations.xlsx")])
def test_a_mirror_folder_in_other_capitals_is_named(capsys, tmp_path, name, placed):
    mirror = _mirror(tmp_path, name, placed)
    code, _, err = cli(capsys, "fetch", name, "--mirror", str(mirror), "--data-dir", str(tmp_path / "c"))
    assert code == 2
    line = one_error_line(err, command="fetch")
    said = f"not found in mirror {mirror} (expected {mirror / name}); the mirror has {mirror / placed} " \
           "(names are case-sensitive)"
    _then_fix_the_mirror(line, said)
    (mirror / placed.split("/")[0]).rename(mirror / "x")
    (mirror / "x").rename(mirror / name.split("/")[0])
    assert fetch(name, mirror=mirror, data_dir=tmp_path / "c").is_file()


# 3 ------------------------------------------------------------------------------------

@pytest.mark.parametrize("name, placed, said", [
    (JZ, "onet/29.1/Job Zones (1).txt", "not read under that name (a second download renamed by the "
                                        "browser?): give the file the name 'Job Zones.txt'"),
    (OCC, "crosswalks/2019_Occupations (1).xlsx", "not read under that name (a second download renamed "
                                                  "by the browser?): give the file the name "
                                                  "'2019_Occupations.xlsx'"),
    (JZ, "onet/29.1/Job_Zones.txt", ": give the file the name 'Job Zones.txt' (names are read as written)"),
])
def test_a_mirror_file_under_another_name_is_named(capsys, tmp_path, name, placed, said):
    mirror = _mirror(tmp_path, name, placed)
    code, _, err = cli(capsys, "fetch", name, "--mirror", str(mirror), "--data-dir", str(tmp_path / "c"))
    assert code == 2
    line = one_error_line(err, command="fetch")
    _then_fix_the_mirror(line, f"(expected {mirror / name}); the mirror has {mirror / placed}"
                               f"{', ' if '(1)' in placed else ''}{said}")
    (mirror / placed).rename(mirror / name)  # the advice followed
    assert fetch(name, mirror=mirror, data_dir=tmp_path / "c").is_file()


# 4 ------------------------------------------------------------------------------------

@pytest.mark.parametrize("given, parts, shell", [
    ("onet/29.1,crosswalks", "'onet/29.1', 'crosswalks'", "onet/29.1 crosswalks"),
    ("onet/29.1 oews", "'onet/29.1', 'oews'", "onet/29.1 oews"),
    (f"{JZ}; {OCC}", f"{JZ!r}, {OCC!r}", f"'{JZ}' {OCC}"),
])
def test_names_joined_in_one_are_told_to_be_given_apart(capsys, tmp_path, given, parts, shell):
    code, _, err = cli(capsys, "sources", given, "--data-dir", str(tmp_path / "c"))
    assert code == 2
    assert one_error_line(err, command="sources").endswith(
        f"unknown source {given!r}: it holds 2 names ({parts}): give each as a name of its own (separated "
        f"by spaces on the command line: {shell}; a list in Python)")
    with pytest.raises(ExposureError, match="it holds 2 names"):
        fetch(given, mirror=_real(JZ).parents[2], data_dir=tmp_path / "c")
    # the advice followed
    code, _, err = cli(capsys, "sources", *[p.strip("'") for p in parts.split(", ")], "--data-dir",
                       str(tmp_path / "c"))
    assert code == 0, err
    # a name with a comma of its own is one name (and a typo in it is one too)
    assert get_source("onet/29.1/Education, Training, and Experience.txt").release == "29.1"
    with pytest.raises(ExposureError) as info:
        get_source("onet/29.1/Education, Training and Experience.txt")
    assert "did you mean 'onet/29.1/Education, Training, and Experience.txt'" in str(info.value)


# 5 ------------------------------------------------------------------------------------

@pytest.mark.parametrize("given, said", [
    ("oews/2024", "the file of release 'May 2024' is 'oews/national_M2024_dl.xlsx': give its name"),
    ("oews/M2025", "the 5 files of release 'May 2025' are 'oews/oe_footnote.csv', 'oews/oe_industry.csv', "
                   "'oews/oe_occupation.csv', 'oews/oews_national_by_industry_M2025.csv', "
                   "'oews/oews_national_cross_industry_M2025.csv': give their names"),
])
def test_a_release_given_as_a_folder_where_there_is_none_names_its_files(capsys, tmp_path, given, said):
    mirror = _real("oews/national_M2024_dl.xlsx").parents[1]
    code, _, err = cli(capsys, "fetch", given, "--mirror", str(mirror), "--data-dir", str(tmp_path / "c"))
    assert code == 2
    assert one_error_line(err, command="fetch").endswith(
        f"unknown source {given!r}: the names under oews/ have no folder by release; {said}")
    named = said.split(" is " if " is " in said else " are ", 1)[1].split(": give", 1)[0]
    code, out, err = cli(capsys, "fetch", *[n.strip("'") for n in named.split(", ")], "--mirror", str(mirror),
                         "--data-dir", str(tmp_path / "c"))
    assert code == 0, err
    with pytest.raises(ExposureError, match=r"the 3 files of release '2019' are 'crosswalks/2010_to_2018"):
        get_source("crosswalks/2019")


# 6 ------------------------------------------------------------------------------------

def test_a_file_url_given_as_the_mirror_or_the_cache_is_refused_with_its_path(capsys, tmp_path, monkeypatch):
    mirror = _real(JZ).parents[2]
    url = mirror.as_uri()
    monkeypatch.chdir(tmp_path)
    code, _, err = cli(capsys, "fetch", JZ, "--mirror", url, "--data-dir", "c")
    assert code == 2
    assert one_error_line(err, command="fetch").endswith(
        f"--mirror/mirror= {url!r} is a file:// URL, not a directory path: give the directory itself, "
        f"{str(mirror)!r}")
    code, _, err = cli(capsys, "fetch", JZ, "--mirror", str(mirror), "--data-dir", (tmp_path / "my c").as_uri())
    assert code == 2
    assert one_error_line(err, command="fetch").endswith(
        f"is a file:// URL, not a directory path: give the directory itself, {str(tmp_path / 'my c')!r}")
    assert sorted(p.name for p in tmp_path.iterdir()) == []  # no ./file: folder made
    monkeypatch.setenv("EXPOSURE_MIRROR", url)
    with pytest.raises(ExposureError, match=r"^\$EXPOSURE_MIRROR 'file:///.*' is a file:// URL"):
        fetch(JZ, data_dir=tmp_path / "c")
    with pytest.raises(ExposureError, match=r"'https://example\.org/m' is a URL, not a directory path"):
        fetch(JZ, mirror="https://example.org/m", data_dir=tmp_path / "c")
    assert fetch(JZ, mirror=str(mirror), data_dir=tmp_path / "c").is_file()  # the advice followed
