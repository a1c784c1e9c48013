"""Unit tests of ``exposure validate`` on fixtures (no real data, fetch faked)."""

from __future__ import annotations

import _validate_files
import pandas as pd
import pytest

from exposure.cli import main

BAD = [
    ("truncated.txt", "row 4, column 'Task Type': too few fields"),
    ("renamed_column.txt", "missing column(s) 'Task ID'"),
    ("malformed_code.txt", "row 3, column 'O*NET-SOC Code'"),  # as the file names it
    ("duplicate_key.txt", "multiple_fields_uniqueness"),
    ("non_utf8.txt", "row 4, column 'Task': byte 0xe9 is not valid UTF-8"),
    ("error_page.txt", "HTML"),
    ("empty.txt", "file is empty"),
]


@pytest.mark.parametrize("name, message", BAD)
def test_bad_file_exits_non_zero_naming_file_row_column(capsys, fixtures, name, message):
    path = fixtures / "onet" / "bad" / name
    rc = main(["validate", "--file", "tasks", str(path)])
    err = capsys.readouterr().err
    assert rc == 2
    assert f"exposure validate: error: tasks: {path}" in err
    assert message in err


def test_good_files_print_row_counts(capsys, fixtures):
    rc = main([
        "validate",
        "--file", "tasks", str(fixtures / "onet" / "Task Statements.txt"),
        "--file", "oews", str(fixtures / "oews" / "national_M2099_dl.csv"),
    ])
    out = capsys.readouterr().out.splitlines()
    assert rc == 0
    assert out[0].split()[:2] == ["tasks", "5"] and out[1].split()[:2] == ["oews", "6"]


def test_unknown_table(capsys, fixtures):
    rc = main(["validate", "--file", "nope", str(fixtures / "onet" / "Task Statements.txt")])
    assert rc == 2 and "unknown table 'nope'" in capsys.readouterr().err


@pytest.fixture()
def fake_mirror(tmp_path, fixtures, monkeypatch):
    """Fake fetch: registry names -> fixture files (crosswalk workbooks built here); the crosswalks' dict."""
    return _validate_files.fake_mirror(tmp_path, fixtures, monkeypatch)[0]


def test_validate_all_sources_prints_counts_and_writes_reports(capsys, tmp_path_factory, fake_mirror):
    tmp_path = tmp_path_factory.mktemp("out")  # the mirror is the test's tmp_path: no report goes there
    rc = main(["validate", "--onet-release", "29.1", "--report-dir", str(tmp_path / "rep")])
    out = capsys.readouterr().out
    assert rc == 0, out
    lines = {tuple(line.split()[:3]): line.split()[-1] for line in out.splitlines()[1:]}
    assert lines[("onet", "29.1", "tasks")] == "5"
    assert lines[("onet", "29.1", "occupations")] == "4"
    assert lines[("onet", "29.1", "task_ratings")] == "-"
    assert lines[("oews", "2025", "by_industry")] == "6"
    assert "all sources valid" in out
    counts = pd.read_csv(tmp_path / "rep" / "validate_row_counts.csv", dtype={"release": str})
    assert len(counts) == 8 + 7 + 6
    cov = pd.read_csv(tmp_path / "rep" / "data_coverage.csv", dtype={"release": str})
    fig = cov.set_index(["source", "release", "figure"])["value"]
    assert fig[("onet", "29.1", "occupations with task statements")] == 3
    assert fig[("onet", "29.1", "tasks whose text contains a double quote")] == 3
    shared = cov[cov["figure"] == "SOC codes shared by several O*NET codes"]["value"]
    assert shared.tolist() == [1]  # 11-1011.00 and 11-1011.03 -> 11-1011
    assert fig[("oews", "2025 by_industry", "rows with any top-coded wage (#)")] == 1


def test_validate_reports_every_failure_and_exits_2(capsys, fake_mirror, fixtures):
    fake_mirror["oews"] = fixtures / "onet" / "bad" / "error_page.txt"
    rc = main(["validate", "--onet-release", "29.1"])
    captured = capsys.readouterr()
    assert rc == 2
    assert captured.err.count("HTML") == 6  # each OEWS table fails, named
    assert "OEWS 2025 by_industry" in captured.err
    assert "onet       29.1     tasks" in captured.out  # the others were still validated


def test_report_dir_that_is_a_file_is_refused_before_validating(capsys, tmp_path_factory, fake_mirror):
    """``--report-dir FILE`` failed only after the whole validation (28 s on the real data)."""
    target = tmp_path_factory.mktemp("out") / "file"  # outside the mirror (the test's tmp_path)
    target.write_text("keep\n")
    rc = main(["validate", "--onet-release", "29.1", "--report-dir", str(target)])
    captured = capsys.readouterr()
    assert rc == 2
    assert captured.err == (f"exposure validate: error: {target}: output exists and is not a directory (a file): "  # round 81: the kind of entry said, and what to give
                            "give a directory (one that does not exist is made)\n")
    assert captured.out == ""  # nothing validated
    assert target.read_text() == "keep\n"


def test_file_tables_are_the_readers_each_once(capsys):
    """``--file`` takes the tables of ``reports.sources.READERS``, each named once.

    ``census_crosswalk`` joined ``READERS`` in round 41; the command's own extra entry for
    it then listed it twice in ``--help`` and in the unknown-table error.
    """
    from exposure.reports.sources import READERS

    assert main(["validate", "--file", "nope", "x.csv"]) == 2
    listed = capsys.readouterr().err.rsplit("choose from ", 1)[1].strip().split(", ")
    assert listed == list(READERS) and "census_crosswalk" in listed
