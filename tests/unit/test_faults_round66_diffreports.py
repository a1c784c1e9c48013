"""Fault round 66, release diffs and the report commands (``exposure diff``, ``exposure report``).

1. A table with two-level column names (``pd.concat({...}, axis=1)``, ``groupby().agg([...])``,
   a frame with ``(name, "")`` columns saved with ``to_parquet``) in a directory given to
   ``exposure diff`` (``diff_outputs``), or a frame of them given to ``diff_tasks``: before,
   ``KeyError: Index(['onetsoc_code', 'task_id'], dtype='str')`` from inside pandas (a
   traceback on the command line). Now refused in the roll-ups' words
   (``exposure._tables.refuse_multilevel_columns``), naming the file or the argument:
   ``.../soc_scores.parquet: the table has 2-level column names (e.g. ('soc_code', '')):
   flatten them to one level``, exit 2.
2. A release recorded as ``NaN`` or ``Infinity`` (what Python's ``json.dump`` writes for a
   float ``nan``: a missing release of a pandas frame) in a ``manifest.json``: before, taken
   as a release and written into ``diff_summary.csv`` as ``new_onet_release,nan`` (no swap
   warning possible). Now refused, as a list was: ``manifest.json: releases['onet'] must be a
   release such as '29.1' (text) or null, got float nan``; a ``ReleaseDiff`` holding one is
   refused by ``write_diff_reports`` too.
3. A reports directory with a line end or surrounding spaces (``exposure diff OLD NEW --reports
   "$R"`` of a value read from a file saved with CRLF, ``exposure report rubric --out-dir
   "reports "``, ``write_diff_reports(diff, "r\\r")``): before, a new directory ``'r\\r'`` was
   made beside ``r`` and the reports written into it, exit 0 (the summary printed its name
   with the carriage return). Now refused before anything is written, as ``--data-dir`` and
   the mirror are: ``--out-dir 'reports ' has surrounding spaces (or a line end): remove them
   ('reports ' and 'reports' are different directories)``; a directory of that very name that
   exists is written into as before.
4. A ``manifest.json`` whose sha256 of a table is in upper case (PowerShell's ``Get-FileHash``,
   after a table was edited and its digest recorded again) or holds a line end or spaces (a
   pasted ``sha256sum`` line): ``exposure.load(directory=...)`` checks such a table against it,
   but ``exposure diff`` refused the manifest: ``tables['task_digests.parquet'] records no
   sha256 (64 hexadecimal digits), got sha256 str '905D41...': the manifest is damaged``. Now
   read as ``exposure.load`` reads it (``exposure._load.check_recorded``): the tables are
   diffed, and a table that is not the recorded one is still refused.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pandas as pd
import pytest
from _frames import recompute_outputs
from test_faults_cli import cli, one_error_line

from exposure._load import check_recorded
from exposure.errors import DataFormatError, ExposureError
from exposure.reports.diff import ReleaseDiff, diff_outputs, diff_tasks, write_diff_reports


def _pair(tmp_path: Path) -> tuple[Path, Path]:
    return recompute_outputs(tmp_path / "old", "29.1"), recompute_outputs(tmp_path / "new", "30.1")


def _two_level(path: Path) -> None:
    """Save the table at ``path`` again with ``(name, "")`` column names."""
    frame = pd.read_parquet(path)
    frame.columns = pd.MultiIndex.from_tuples([(c, "") for c in frame.columns])
    frame.to_parquet(path)


# ---------------------------------------------------------------- 1. two-level column names
@pytest.mark.parametrize("table", ["task_digests", "task_scores", "occupation_scores", "sector_scores",
                                   "soc_scores"])
def test_a_table_with_two_level_column_names_is_named(tmp_path, table):
    old, new = _pair(tmp_path)
    _two_level(new / f"{table}.parquet")
    with pytest.raises(DataFormatError, match=r"2-level column names \(e\.g\. \('[a-z_]+', ''\)\): flatten them") as e:
        diff_outputs(old, new)
    assert f"{table}.parquet" in str(e.value)


def test_exposure_diff_names_a_table_with_two_level_column_names(tmp_path, capsys):
    old, new = _pair(tmp_path)
    _two_level(new / "soc_scores.parquet")
    code, _, err = cli(capsys, "diff", old, new, "--reports", tmp_path / "r")
    line = one_error_line(err, command="diff")
    assert code == 2 and "soc_scores.parquet: the table has 2-level column names" in line
    assert not (tmp_path / "r").exists()


def test_diff_tasks_names_a_frame_with_two_level_column_names():
    old = pd.DataFrame({"onetsoc_code": ["11-1011.00"], "task_id": [1], "text_digest": ["a"]})
    two = old.copy()
    two.columns = pd.MultiIndex.from_tuples([(c, "") for c in old.columns])
    with pytest.raises(DataFormatError, match=r"^old: the table has 2-level column names"):
        diff_tasks(two, old)
    assert diff_tasks(old, old).empty  # flat frames as before


# ---------------------------------------------------------------- 2. a release recorded as NaN
@pytest.mark.parametrize("value", ["NaN", "Infinity"])
def test_a_release_recorded_as_nan_is_refused(tmp_path, value):
    old, new = _pair(tmp_path)
    (new / "manifest.json").write_text('{"releases": {"onet": %s, "oews": "2025"}}' % value)
    with pytest.raises(DataFormatError, match=r"manifest\.json: releases\['onet'\] must be a release such as "
                                              r"'29\.1' \(text\) or null, got float (nan|inf)"):
        diff_outputs(old, new)


def test_exposure_diff_refuses_a_nan_release_and_writes_nothing(tmp_path, capsys):
    old, new = _pair(tmp_path)
    (new / "manifest.json").write_text(json.dumps({"releases": {"onet": float("nan"), "oews": "2025"}}))
    code, _, err = cli(capsys, "diff", old, new, "--reports", tmp_path / "r")
    assert code == 2 and "got float nan" in one_error_line(err, command="diff")
    assert not (tmp_path / "r").exists()


def test_write_diff_reports_refuses_a_nan_release(tmp_path):
    old, new = _pair(tmp_path)
    diff = diff_outputs(old, new)
    bad = ReleaseDiff(diff.summary, diff.tasks, diff.occupations, diff.sectors, diff.old_releases,
                      {"onet": float("nan")})
    with pytest.raises(DataFormatError, match=r"diff\.new_releases\['onet'\] must be a release"):
        write_diff_reports(bad, tmp_path / "r")
    assert not (tmp_path / "r").exists()


def test_releases_as_text_numbers_or_null_are_still_written(tmp_path):
    old, new = _pair(tmp_path)
    (new / "manifest.json").write_text(json.dumps({"releases": {"onet": 30.1, "oews": None}}))
    write_diff_reports(diff_outputs(old, new), tmp_path / "r")
    lines = (tmp_path / "r" / "diff_summary.csv").read_text().splitlines()
    assert "new_onet_release,30.1" in lines and "new_oews_release," in lines


# ---------------------------------------------------------------- 3. a reports directory with a line end
@pytest.mark.parametrize("name", ["r\r", "r ", " r"])
def test_write_diff_reports_refuses_a_directory_with_a_line_end(tmp_path, monkeypatch, name):
    old, new = _pair(tmp_path)
    (tmp_path / "r").mkdir()
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ExposureError, match=r"has surrounding spaces \(or a line end\): remove them"):
        write_diff_reports(diff_outputs(old, new), name)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new", "old", "r"]


def test_exposure_diff_reports_with_a_line_end_is_refused(tmp_path, capsys):
    old, new = _pair(tmp_path)
    code, _, err = cli(capsys, "diff", old, new, "--reports", f"{tmp_path}/r\r")
    line = one_error_line(err, command="diff")
    assert code == 2 and "has surrounding spaces (or a line end)" in line
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new", "old"]


def test_a_reports_directory_of_that_very_name_is_still_written(tmp_path):
    old, new = _pair(tmp_path)
    (tmp_path / "r ").mkdir()
    paths = write_diff_reports(diff_outputs(old, new), tmp_path / "r ")
    assert all(p.parent.name == "r " and p.is_file() for p in paths)


@pytest.mark.parametrize("report", ["rubric", "reproduction", "agreement"])
def test_report_out_dir_with_surrounding_spaces_is_refused_before_any_work(tmp_path, capsys, monkeypatch, report):
    (tmp_path / "mirror").mkdir()  # an empty mirror: nothing to read
    monkeypatch.chdir(tmp_path)
    code, _, err = cli(capsys, "report", report, "--out-dir", "reports ", "--mirror", "mirror")
    line = one_error_line(err, command=f"report {report}")
    assert code == 2 and "--out-dir 'reports ' has surrounding spaces (or a line end)" in line
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mirror"]


def test_report_categories_out_dir_with_a_line_end_is_refused_before_any_work(tmp_path, capsys):
    sample = tmp_path / "h.csv"
    sample.write_text("onetsoc_code,task_id\n")
    (tmp_path / "mirror").mkdir()
    code, _, err = cli(capsys, "report", "categories", "--hand-checked", sample, "--out-dir", f"{tmp_path}/r\r",
                       "--mirror", tmp_path / "mirror")
    assert code == 2 and "has surrounding spaces (or a line end)" in one_error_line(err, command="report categories")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["h.csv", "mirror"]


# ---------------------------------------------------------------- 4. a sha256 in upper case or with a line end
def _record_tables(d: Path, spell) -> None:
    """Record the sha256 of each table of ``d`` in its manifest, written by ``spell``."""
    manifest = json.loads((d / "manifest.json").read_text())
    manifest["tables"] = {p.name: {"sha256": spell(hashlib.sha256(p.read_bytes()).hexdigest())}
                          for p in sorted(d.glob("*.parquet"))}
    (d / "manifest.json").write_text(json.dumps(manifest))


@pytest.mark.parametrize("spell", [str.upper, lambda h: h + "\r\n", lambda h: f" {h} "])
def test_a_sha256_as_load_reads_it_is_read_by_the_diff(tmp_path, spell):
    old, new = _pair(tmp_path)
    for d in (old, new):
        _record_tables(d, spell)
    check_recorded(new / "task_scores.parquet")  # exposure.load checks the table against it
    diff = diff_outputs(old, new)
    assert diff.unchanged and diff.new_releases["onet"] == "30.1"


def test_a_table_edited_after_its_upper_case_sha256_is_still_refused(tmp_path):
    old, new = _pair(tmp_path)
    for d in (old, new):
        _record_tables(d, str.upper)
    scores = pd.read_parquet(new / "task_scores.parquet")
    scores.assign(beta=[0.5, 0.5, 0.5]).to_parquet(new / "task_scores.parquet")
    with pytest.raises(DataFormatError, match=r"task_scores\.parquet: this table is not the one manifest\.json "
                                              r"recorded \(sha256 [0-9a-f]{12}\.\.\. instead of [0-9a-f]{12}\.\.\.\)"):
        diff_outputs(old, new)
