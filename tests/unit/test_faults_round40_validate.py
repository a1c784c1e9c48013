"""Fault round 40: ``exposure validate``: options of another run, empty tables, report paths.

Faults found (each test below fails on the code before the fix, except the guards):

1. ``exposure validate --file occupations 'Occupation Data.txt'`` (or ``job_zones``,
   ``emerging_tasks``, ``dwas``, ``task_dwas``) of a header alone (a download cut after
   it) printed ``occupations 0`` and exited 0, where an OEWS or crosswalk file of a
   header alone is refused. Now: ``occupations: Occupation Data.txt: no occupations rows:
   the file has a header but no rows (a download cut short?)``, exit 2.
2. In a validation of every source, an O*NET table of a header alone was counted 0 and
   the run said ``all sources valid`` (exit 0; with ``--report-dir`` the 0 went into the
   report). Now the table is a ``failed`` row (``O*NET 29.1 emerging_tasks: no rows:
   ...``), exit 2, and no report is written.
3. ``--onet-release``, ``--mirror`` or ``--data-dir`` given with ``--file`` were ignored
   without a word (``--onet-release 30.1 --mirror /nonexistent --file ...`` exited 0),
   as ``--report-dir`` was before round 30. Now refused, naming the options, before any
   file is read.
4. ``--file census_crosswalk PATH``: ``unknown table 'census_crosswalk'``, though a
   validation of every source prints that crosswalk (``crosswalks census_crosswalk``).
   Now read with :func:`exposure.crosswalks.read_census_crosswalk`.
5. ``--report-dir MIRROR/crosswalks`` where ``MIRROR/crosswalks`` is a symbolic link to
   the folder of the raw files (a mirror assembled from links): allowed, as the link's
   target lies outside the mirror, so the reports would be written among the raw
   files; the run validated, then said ``... not written: 13 source(s) failed``. Now
   refused before any source is read, as a folder of the mirror is.
6. ``--report-dir DIR`` holding a directory ``validate_row_counts.csv`` (or
   ``data_coverage.csv``): refused only after the whole validation (8 s with O*NET 29.1
   alone on the real data): ``rep/validate_row_counts.csv: cannot write: is a directory;
   give a file name``. Now refused before any source is read.
7. A relative ``$EXPOSURE_HOME`` (or one that is a file) was said once per source (14
   lines on stderr, and 14 ``failed`` rows), as a bad ``--mirror`` was before round 30.
   Now said once, before any source is read.
"""

from __future__ import annotations

import _validate_files
import pytest

from exposure.cli import main

#: Headers of O*NET tables as O*NET writes them (tab-separated, CRLF).
HEADERS = {
    "occupations": ("Occupation Data.txt", "O*NET-SOC Code\tTitle\tDescription\r\n"),
    "job_zones": ("Job Zones.txt", "O*NET-SOC Code\tJob Zone\tDate\tDomain Source\r\n"),
    "emerging_tasks": ("Emerging Tasks.txt", "O*NET-SOC Code\tTask\tCategory\tOriginal Task ID"
                       "\tOriginal Task\tDate\tDomain Source\r\n"),
    "dwas": ("DWA Reference.txt", "Element ID\tIWA ID\tDWA ID\tDWA Title\r\n"),
    "task_dwas": ("Tasks to DWAs.txt", "O*NET-SOC Code\tTask ID\tDWA ID\tDate\tDomain Source\r\n"),
}

CENSUS = ("Job Zone,Occupation,Data-level,Code,cps_code\n"
          "5,Chief Executives,Y,11-1011.00,0010\n"
          "4,Chief Sustainability Officers,N,11-1011.03,0010\n")


@pytest.fixture()
def home(tmp_path, monkeypatch):
    """An empty $EXPOSURE_HOME and no mirror from the environment."""
    monkeypatch.setenv("EXPOSURE_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("EXPOSURE_MIRROR", raising=False)
    return tmp_path / "home"


# 1. --file of an O*NET table of a header alone ------------------------------------------

@pytest.mark.parametrize("table", sorted(HEADERS))
def test_file_of_a_header_alone_is_refused(tmp_path, capsys, table):
    name, header = HEADERS[table]
    path = tmp_path / name
    path.write_bytes(header.encode())
    rc = main(["validate", "--file", table, str(path)])
    captured = capsys.readouterr()
    assert rc == 2
    assert captured.out == ""
    assert captured.err == (f"exposure validate: error: {table}: {path}: no {table} rows: the file has a "
                            "header but no rows (a download cut short?)\n")


def test_file_with_one_row_is_still_counted(tmp_path, capsys):  # guard
    path = tmp_path / "Job Zones.txt"
    path.write_bytes((HEADERS["job_zones"][1] + "11-1011.00\t5\t08/2023\tAnalyst\r\n").encode())
    assert main(["validate", "--file", "job_zones", str(path)]) == 0
    assert capsys.readouterr().out.split()[:2] == ["job_zones", "1"]


# 2. a validation of every source with an O*NET table of a header alone --------------------

@pytest.fixture()
def served(tmp_path, fixtures, monkeypatch):
    """Registry names -> small files in the real formats (``_validate_files.fake_mirror``); the O*NET files' dict."""
    return _validate_files.fake_mirror(tmp_path, fixtures, monkeypatch, folder="served")[1]


def test_a_release_table_of_a_header_alone_fails_the_run(tmp_path_factory, served, capsys):
    empty = tmp_path_factory.mktemp("onet") / "Emerging Tasks.txt"
    empty.write_bytes(HEADERS["emerging_tasks"][1].encode())
    served["Emerging Tasks.txt"] = empty
    rep = tmp_path_factory.mktemp("out") / "rep"
    rc = main(["validate", "--onet-release", "29.1", "--report-dir", str(rep)])
    captured = capsys.readouterr()
    assert rc == 2
    assert ("exposure validate: error: O*NET 29.1 emerging_tasks: no rows: the file has a header but no rows "
            "(a download cut short?)") in captured.err
    rows = [line.split()[:4] for line in captured.out.splitlines()]
    assert ["onet", "29.1", "emerging_tasks", "failed"] in rows
    assert ["onet", "29.1", "emerging_tasks", "0"] not in rows
    assert ["onet", "29.1", "tasks", "5"] in rows  # the others still counted
    assert "all sources valid" not in captured.out
    assert not rep.exists()  # no report of a failed run


def test_a_run_of_tables_with_rows_is_still_valid(tmp_path_factory, served, capsys):  # guard
    rep = tmp_path_factory.mktemp("out") / "rep"
    assert main(["validate", "--onet-release", "29.1", "--report-dir", str(rep)]) == 0
    assert "all sources valid" in capsys.readouterr().out
    assert sorted(p.name for p in rep.iterdir()) == ["data_coverage.csv", "validate_row_counts.csv"]


# 3. options of a full validation given with --file ------------------------------------------

@pytest.mark.parametrize("options, named", [
    (["--onet-release", "30.1"], "--onet-release chooses"),
    (["--onet-release", "all"], "--onet-release chooses"),
    (["--mirror", "nonexistent"], "--mirror chooses"),
    (["--data-dir", "cache"], "--data-dir chooses"),
    (["--onet-release", "29.1", "--mirror", "m"], "--onet-release and --mirror choose"),
])
def test_file_refuses_the_options_it_ignores(tmp_path, home, capsys, options, named):
    path = tmp_path / "Job Zones.txt"
    path.write_bytes((HEADERS["job_zones"][1] + "11-1011.00\t5\t08/2023\tAnalyst\r\n").encode())
    rc = main(["validate", *options, "--file", "job_zones", str(path)])
    captured = capsys.readouterr()
    assert rc == 2
    assert captured.out == ""
    assert captured.err.startswith(f"exposure validate: error: {named} what a validation of every source "
                                   "reads, and would be ignored with --file")
    assert len(captured.err.splitlines()) == 1


# 4. --file census_crosswalk ------------------------------------------------------------------

def test_file_reads_the_census_crosswalk(tmp_path, capsys):
    path = tmp_path / "onet_to_census_occ2018.csv"
    path.write_text(CENSUS)
    assert main(["validate", "--file", "census_crosswalk", str(path)]) == 0
    assert capsys.readouterr().out.split()[:2] == ["census_crosswalk", "2"]


def test_file_census_crosswalk_names_a_bad_row(tmp_path, capsys):
    path = tmp_path / "onet_to_census_occ2018.csv"
    path.write_text(CENSUS.replace(",N,", ",maybe,"))
    assert main(["validate", "--file", "census_crosswalk", str(path)]) == 2
    err = capsys.readouterr().err
    assert f"census_crosswalk: {path}, row 3, column 'Data-level': Data-level must be Y, N or blank" in err


# 5. --report-dir in a folder of the mirror reached through a link ------------------------------

def test_report_dir_through_a_link_of_the_mirror_is_refused(tmp_path, home, capsys):
    raw = tmp_path / "raw_crosswalks"  # the folder of raw files the mirror shows
    raw.mkdir()
    (raw / "soc10_isco08.csv").write_text("soc10,isco08\n111011,1112\n")
    mirror = tmp_path / "mirror"
    mirror.mkdir()
    (mirror / "crosswalks").symlink_to(raw)
    rc = main(["validate", "--mirror", str(mirror), "--data-dir", str(tmp_path / "cache"),
               "--onet-release", "29.1", "--report-dir", str(mirror / "crosswalks")])
    captured = capsys.readouterr()
    assert rc == 2
    assert captured.out == ""  # nothing validated
    assert captured.err == (f"exposure validate: error: refusing to write the reports into {mirror / 'crosswalks'}: "
                            f"it is inside the mirror {mirror}, which the run reads; choose a directory "
                            "outside it\n")
    assert sorted(p.name for p in raw.iterdir()) == ["soc10_isco08.csv"]


def test_report_dir_inside_the_mirror_is_refused(tmp_path, home, capsys):  # guard: round 33's check
    mirror = tmp_path / "mirror"
    mirror.mkdir()
    rc = main(["validate", "--mirror", str(mirror), "--data-dir", str(tmp_path / "cache"),
               "--onet-release", "29.1", "--report-dir", str(mirror / "reports")])
    captured = capsys.readouterr()
    assert rc == 2 and captured.out == ""
    assert f"refusing to write the reports into {mirror / 'reports'}: it is inside the mirror" in captured.err
    assert not (mirror / "reports").exists()


# 6. a report file that is a directory ---------------------------------------------------------

@pytest.mark.parametrize("name", ["validate_row_counts.csv", "data_coverage.csv"])
def test_report_file_that_is_a_directory_is_refused_before_validating(tmp_path, home, capsys, name):
    mirror = tmp_path / "mirror"
    mirror.mkdir()
    rep = tmp_path / "rep"
    (rep / name).mkdir(parents=True)
    rc = main(["validate", "--mirror", str(mirror), "--data-dir", str(tmp_path / "cache"),
               "--onet-release", "29.1", "--report-dir", str(rep)])
    captured = capsys.readouterr()
    assert rc == 2
    assert captured.out == ""  # nothing validated
    assert captured.err == (f"exposure validate: error: {rep / name}: is a directory, where --report-dir "
                            f"writes the file {name}: move it away or give another --report-dir\n")


# 7. a bad $EXPOSURE_HOME said once --------------------------------------------------------------

@pytest.mark.parametrize("kind, said", [
    ("relative", "$EXPOSURE_HOME 'home_rel' is a relative path"),
    ("file", "is a file, not a directory"),
])
def test_bad_home_is_said_once(tmp_path, monkeypatch, capsys, kind, said):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("EXPOSURE_MIRROR", raising=False)
    if kind == "file":
        (tmp_path / "home_file").write_text("x\n")
    monkeypatch.setenv("EXPOSURE_HOME", "home_rel" if kind == "relative" else str(tmp_path / "home_file"))
    (tmp_path / "mirror").mkdir()
    rc = main(["validate", "--mirror", str(tmp_path / "mirror"), "--data-dir", str(tmp_path / "cache"),
               "--onet-release", "29.1"])
    captured = capsys.readouterr()
    assert rc == 2
    assert captured.out == ""
    assert len(captured.err.splitlines()) == 1 and said in captured.err
