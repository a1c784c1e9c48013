"""Round 38: report directories inside the folders the commands read.

``exposure compare -o ../shared/data`` (the data mirror) was accepted: the eight
comparison reports (``measures_*.csv``, ``microsoft_rebuild.csv``) were written among the
mirror's raw files. ``exposure recompute`` refused an ``--out`` there since round 25; the
commands that write reports into a directory (``compare``, ``outcomes``, ``evaluate``,
``report``, ``validate``) did not. They now refuse a directory inside (or equal to) the
mirror, a download folder of the cache (``<cache>/onet``) or the installed package, with
the words ``recompute`` uses (:meth:`exposure.fetch.DataStore.read_folders`, shared by
both checks), before anything is read or written.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import exposure
from exposure._outdir import OutputPathError, check_files_dir
from exposure.cli import main
from exposure.fetch import read_folders


def _cli(capsys, *args):
    code = main([str(a) for a in args])
    return code, capsys.readouterr().err.strip().splitlines()


@pytest.fixture
def empty_mirror(tmp_path):
    """A made-up mirror folder holding only an empty ``onet`` folder (not the real mirror)."""
    m = tmp_path / "mirror"
    (m / "onet").mkdir(parents=True)
    return m


@pytest.mark.parametrize("command", [["compare", "-o"], ["outcomes", "-o"], ["evaluate", "--out"]])
def test_a_report_directory_inside_the_mirror_is_refused(capsys, tmp_path, empty_mirror, command):
    out = empty_mirror / "reports"
    if command[0] == "evaluate":
        out = out / "a.csv"
    code, err = _cli(capsys, *command, out, "--mirror", empty_mirror,
                     "--data-dir", tmp_path / "cache")
    assert code == 2
    # round 80: evaluate --out names the file given, as score -o does (it named its folder)
    target = f"the reports into {out}" if command[0] != "evaluate" else out
    assert err == [f"exposure {command[0]}: error: refusing to write {target}: it is inside "
                   f"the mirror {empty_mirror}, which the run reads; choose a directory outside it"]
    assert sorted(p.name for p in empty_mirror.iterdir()) == ["onet"]  # nothing written or created
    assert not (tmp_path / "cache").exists()


def test_the_mirror_itself_and_a_download_folder_of_the_cache_are_refused(tmp_path, empty_mirror):
    cache = tmp_path / "cache"
    protect = read_folders(empty_mirror, cache)
    with pytest.raises(OutputPathError, match=r"it is inside the mirror .*mirror, which the run reads"):
        check_files_dir(empty_mirror, protect=protect)
    with pytest.raises(OutputPathError, match=r"it is inside the download cache .*cache/onet, which the run reads"):
        check_files_dir(cache / "onet" / "29.1", protect=protect)
    with pytest.raises(OutputPathError, match=r"inside the installed package"):
        check_files_dir(Path(exposure.__file__).parent / "reports_here", protect=protect)


def test_a_link_into_the_mirror_is_refused(tmp_path, empty_mirror):
    (tmp_path / "link").symlink_to(empty_mirror)
    with pytest.raises(OutputPathError, match=r"it is inside the mirror"):
        check_files_dir(tmp_path / "link" / "reports", protect=read_folders(empty_mirror, tmp_path / "cache"))


def test_other_directories_are_accepted(tmp_path, empty_mirror):
    """The cache directory itself (it may be the user data directory) and a sibling of the mirror."""
    protect = read_folders(empty_mirror, tmp_path / "cache")
    assert check_files_dir(tmp_path / "reports", protect=protect) == tmp_path / "reports"
    assert check_files_dir(tmp_path / "cache" / "reports", protect=protect) == tmp_path / "cache" / "reports"
    assert not (tmp_path / "reports").exists()  # the probe's directories are removed again
