"""Fault round 30: ``exposure validate``, ``exposure sources --rehash``, ``validate_sources``.

1. ``exposure validate`` printed a table of row counts without a row for a source that
   failed (the failure was on stderr only): with every source missing from the mirror
   the table was its header alone. Each failed source (or O*NET table) is now a row
   ``failed`` with the reason; the exit code is still 2.
2. A failing O*NET release was one failure ``O*NET 31.0`` naming its first bad table:
   ``load_onet`` stops there, so the other tables of the release were neither checked
   nor counted (a missing ``Job Zones.txt`` after a bad ``IWA Reference.txt`` went
   unsaid). ``validate_sources`` now reads each table of a failing release on its own,
   reports each failing table (``O*NET 31.0 iwas``, ``O*NET 31.0 job_zones``) and
   counts the others; a release whose tables all read but do not match each other is
   still reported once, as ``O*NET 31.0``.
3. ``exposure sources --rehash`` ended at the first cached file with a wrong sha256 that
   it could not remove (here a file of a mirror, reached through a symbolic link:
   ``exposure sources: error: sha256 mismatch for onet/29.1/Job Zones.txt ...``): the
   listing of every file was lost and the later bad files were left in the cache. The
   file is now listed as ``not removed``, its error printed, the other files listed
   (and removed); exit code 2.
4. ``exposure validate --file tasks GOOD --file Tasks PATH`` read and printed the first
   file, then stopped on the unknown table name (with no suggestion): every TABLE is now
   checked before any file is read, and a near miss gets ``did you mean 'tasks'?``.
5. ``exposure validate`` with a ``--mirror`` that does not exist (or is a file) or a
   ``--data-dir`` that is a file printed the same error once per source (14 lines, after
   trying each): one error now, before any source is read.

Tiny made-up files written by the tests into ``tmp_path`` (the O*NET tables are the
hand-written fixtures of ``tests/data/onet``).
"""

from __future__ import annotations

import shutil

import pytest

from exposure import SOURCES
from exposure.cli import main
from exposure.reports.sources import validate_sources

TASKS = ("O*NET-SOC Code\tTask ID\tTask\tTask Type\tIncumbents Responding\tDate\tDomain Source\r\n"
         "11-1011.00\t8823\tDirect budgets.\tCore\t87\t08/2023\tIncumbent\r\n")


@pytest.fixture
def home(tmp_path, monkeypatch):
    """An empty $EXPOSURE_HOME (no lock file) and no mirror from the environment."""
    monkeypatch.setenv("EXPOSURE_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("EXPOSURE_MIRROR", raising=False)
    return tmp_path / "home"


def _onet_mirror(tmp_path, fixtures, release="31.0"):
    """A mirror holding a made-up O*NET release (the fixture tables of tests/data/onet)."""
    folder = tmp_path / "mirror" / "onet" / release
    folder.mkdir(parents=True)
    for path in (fixtures / "onet").glob("*.txt"):
        shutil.copyfile(path, folder / path.name)
    return tmp_path / "mirror", folder


# 1. failed sources in the printed table ---------------------------------------------------

def test_validate_prints_a_failed_row_for_each_failed_source(tmp_path, home, capsys):
    mirror = tmp_path / "mirror"
    mirror.mkdir()
    rc = main(["validate", "--mirror", str(mirror), "--data-dir", str(tmp_path / "cache"),
               "--onet-release", "29.1"])
    out = capsys.readouterr().out.splitlines()
    assert rc == 2
    failed = {tuple(line.split()[:3]) for line in out if "failed" in line.split()}
    assert ("crosswalks", "onet_to_soc", "failed") in failed
    assert ("oews", "2021", "cross_industry") in failed
    row = next(line for line in out if line.split()[:2] == ["crosswalks", "onet_to_soc"])
    assert "crosswalks/2019_to_SOC_Crosswalk.xlsx: not found in mirror" in row


# 2. every table of a failing O*NET release --------------------------------------------

def test_validate_sources_reports_every_failing_table_of_a_release(tmp_path, home, fixtures):
    mirror, folder = _onet_mirror(tmp_path, fixtures)
    (folder / "IWA Reference.txt").write_text("junk\n")
    (folder / "Job Zones.txt").unlink()
    errors = {}
    counts, loaded = validate_sources(onet_releases=("31.0",), mirror=mirror,
                                      data_dir=tmp_path / "cache",
                                      on_error=lambda label, exc: errors.update({label: str(exc)}))
    onet_failed = sorted(label for label in errors if label.startswith("O*NET"))
    assert onet_failed == ["O*NET 31.0 iwas", "O*NET 31.0 job_zones"]
    assert "IWA Reference.txt: missing column(s) 'IWA ID'" in errors["O*NET 31.0 iwas"]
    assert "Job Zones.txt: not found in mirror" in errors["O*NET 31.0 job_zones"]
    onet_rows = counts[counts["source"] == "onet"].set_index("table")["rows"]
    assert onet_rows.to_dict() == {"occupations": 4, "tasks": 5, "task_ratings": 11,
                                   "task_dwas": 4, "dwas": 2, "emerging_tasks": 2}
    assert ("onet", "31.0") not in loaded
    assert ("onet", "31.0", "iwas", "O*NET 31.0 iwas") in counts.attrs["failures"]


def test_a_release_whose_tables_do_not_match_is_reported_once(tmp_path, home, fixtures):
    mirror, folder = _onet_mirror(tmp_path, fixtures)
    with open(folder / "Tasks to DWAs.txt", "a") as fh:  # a task Task Statements lack
        fh.write("15-1252.00\t999\t4.A.3.b.1.I01.D01\t03/2014\tAnalyst\n")
    errors = {}
    counts, _ = validate_sources(onet_releases=("31.0",), mirror=mirror, data_dir=tmp_path / "cache",
                                 on_error=lambda label, exc: errors.update({label: str(exc)}))
    assert [label for label in errors if label.startswith("O*NET")] == ["O*NET 31.0"]
    assert "Tasks to DWAs" in errors["O*NET 31.0"]
    assert ("onet", "31.0", "", "O*NET 31.0") in counts.attrs["failures"]


def test_validate_prints_each_failed_table_of_a_release(tmp_path, home, capsys):
    mirror = tmp_path / "mirror"
    mirror.mkdir()
    rc = main(["validate", "--mirror", str(mirror), "--data-dir", str(tmp_path / "cache"),
               "--onet-release", "29.1"])
    captured = capsys.readouterr()
    assert rc == 2
    for table in ("occupations", "tasks", "task_dwas", "dwas", "iwas", "job_zones", "emerging_tasks"):
        assert f"exposure validate: error: O*NET 29.1 {table}: " in captured.err
        assert any(line.split()[:4] == ["onet", "29.1", table, "failed"]
                   for line in captured.out.splitlines())


# 3. sources --rehash goes on after a file it cannot remove ------------------------------

def test_sources_rehash_lists_every_file_when_one_cannot_be_removed(tmp_path, home, capsys):
    marked = tmp_path / "other_mirror"  # a mirror: read-only to the library
    (marked / "onet" / "29.1").mkdir(parents=True)
    (marked / "MANIFEST.tsv").write_text("path\tbytes\tsha256\torigin\n")
    (marked / "onet" / "29.1" / "Job Zones.txt").write_text("not the pinned file\n")
    cache = tmp_path / "cache" / "onet" / "29.1"
    cache.mkdir(parents=True)
    (cache / "Job Zones.txt").symlink_to(marked / "onet" / "29.1" / "Job Zones.txt")
    (cache / "Occupation Data.txt").write_text("not the pinned file\n")
    (cache / "Task Statements.txt").write_text("not the pinned file\n")
    rc = main(["sources", "--data-dir", str(tmp_path / "cache"), "--rehash", "onet/29.1"])
    captured = capsys.readouterr()
    assert rc == 2
    lines = captured.out.splitlines()
    listed = [line for line in lines if line.startswith("onet/29.1/")]
    assert len(listed) == sum(name.startswith("onet/29.1/") for name in SOURCES)
    assert any(line.startswith("onet/29.1/Job Zones.txt") and "not removed" in line for line in lines)
    assert any(line.startswith("onet/29.1/Task Statements.txt") and " removed " in line for line in lines)
    assert not (cache / "Task Statements.txt").exists()  # the files after it were still removed
    assert (marked / "onet" / "29.1" / "Job Zones.txt").exists()  # the mirror's file kept
    assert "1 could not be removed" in captured.out
    assert "exposure sources: error: onet/29.1/Job Zones.txt: not removed: it is a file of a mirror" \
        in captured.err


# 4. --file tables checked before any file is read -------------------------------------

def test_validate_file_checks_every_table_before_reading(tmp_path, capsys):
    good = tmp_path / "Task Statements.txt"
    good.write_bytes(TASKS.encode())
    rc = main(["validate", "--file", "tasks", str(good), "--file", "Tasks", str(good)])
    captured = capsys.readouterr()
    assert rc == 2
    assert captured.out == ""
    assert "unknown table 'Tasks' for --file (did you mean 'tasks'?)" in captured.err


def test_validate_file_with_known_tables_still_prints_counts(tmp_path, capsys):
    good = tmp_path / "Task Statements.txt"
    good.write_bytes(TASKS.encode())
    assert main(["validate", "--file", "tasks", str(good), "--file", "tasks", str(good)]) == 0
    assert [line.split()[:2] for line in capsys.readouterr().out.splitlines()] == [["tasks", "1"]] * 2


# 5. a bad --mirror / --data-dir said once ---------------------------------------------

@pytest.mark.parametrize("option, value, said", [
    ("--mirror", "nonexistent", "does not exist"),
    ("--mirror", "a_file", "is not a directory"),
    ("--data-dir", "a_file", "exists and is not a directory"),
])
def test_validate_says_a_bad_location_once(tmp_path, home, capsys, option, value, said):
    (tmp_path / "a_file").write_text("x\n")
    (tmp_path / "m").mkdir()
    args = {"--mirror": str(tmp_path / "m"), "--data-dir": str(tmp_path / "cache")}
    args[option] = str(tmp_path / value)
    rc = main(["validate", "--onet-release", "29.1", *[x for kv in args.items() for x in kv]])
    captured = capsys.readouterr()
    assert rc == 2
    assert len(captured.err.strip().splitlines()) == 1 and said in captured.err
    assert captured.out == ""
