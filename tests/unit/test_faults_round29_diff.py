"""Round 29: ``exposure diff`` and ``exposure.load`` on recompute outputs they should not trust.

1. A ``manifest.json`` of another format than this version writes (``"format": 2``, from a
   newer version of exposure, or a damaged ``"format": "1"``): diffed and loaded without a
   word, its tables read as if their layout were this version's. Refused now by the diff
   (``exposure diff``, ``recompute --compare``) and by ``exposure.load`` (``validate=False``
   reads it as it is), naming the file and both formats. A manifest without ``format``
   (written by hand, as the tests' fixtures are) is still read.
2. ``exposure diff OLD NEW --reports FILE`` (a file, not a directory): refused only after
   both directories had been read and diffed, so a damaged table was named first and the
   reports path only on the next run. Checked now before any table is read, as
   ``recompute --compare`` checks it.
3. An ``occupation_scores.parquet`` whose ``n_tasks`` disagrees with the tasks
   ``task_digests.parquet`` lists for the occupation, or an occupation of
   ``task_digests`` without a row in ``occupation_scores`` (tables of two runs): diffed
   without a word, ``old_n_tasks`` / ``new_n_tasks`` and ``occupations_added`` wrong.
   Refused now, naming the file, row and column (a recompute counts every task of an
   occupation in ``n_tasks``; checked on the shipped tables and a recompute of O*NET 30.1).
4. A ``manifest.json`` that lists the tables of its recompute but not one the diff reads
   (``occupation_scores.parquet`` copied in from another run, with no releases in its
   Parquet metadata): the table went unchecked, its scores diffed as the release's.
   Refused now, naming the table and the manifest.
5. ``exposure.load`` of a table that the directory's manifest does not list although it
   lists the others (a table copied in), or of a directory whose ``manifest.json`` is
   damaged (not JSON, ``"tables": []``): the table was read unchecked, without a word.
   Refused now with ``validate=True``, naming the file; ``validate=False`` reads it.
6. ``exposure.load`` of a misspelt table name (``"task_score"``, ``"occupation"``)
   listed every name without pointing at the close one; a file name of an alias
   (``"tasks.parquet"``) was not recognised as one. The close name is suggested now.
7. A table or directory given to ``exposure.load`` that is a symbolic link to nothing:
   said "not found at" / "directory not found" of a path that is there. Named now as a
   broken link, with its target.

Tiny made-up output directories, written by the tests.
"""

from __future__ import annotations

import hashlib
import json
import shutil

import pandas as pd
import pytest
from _cli import run
from _frames import recompute_outputs

from exposure import pipeline
from exposure._io import write_parquet
from exposure._load import load, load_manifest, processed_dir
from exposure.errors import DataFormatError, ExposureError
from exposure.reports.diff import check_diff_dir, diff_outputs


def _outputs(tmp_path):
    return recompute_outputs(tmp_path / "old", "29.1"), recompute_outputs(tmp_path / "new", "30.1")


def _edit_manifest(d, change):
    path = d / "manifest.json"
    manifest = json.loads(path.read_text())
    change(manifest)
    path.write_text(json.dumps(manifest))


def _list_tables(d, skip=()):
    """Record the sha256 of every table of ``d`` in its manifest (as recompute does), but ``skip``."""
    tables = {p.name: {"rows": len(pd.read_parquet(p)), "sha256": hashlib.sha256(p.read_bytes()).hexdigest()}
              for p in sorted(d.glob("*.parquet")) if p.stem not in skip}
    _edit_manifest(d, lambda m: m.update(tables=tables))


# 1 ---------------------------------------------------------------------------------------

def test_the_format_this_version_writes_is_the_one_it_reads():
    from exposure import _load

    assert pipeline.MANIFEST_FORMAT in getattr(_load, "MANIFEST_FORMATS", ())


def test_a_manifest_of_a_newer_format_is_refused_by_the_diff(tmp_path):
    old, new = _outputs(tmp_path)
    _edit_manifest(new, lambda m: m.update(format=2))
    with pytest.raises(DataFormatError) as info:
        diff_outputs(old, new)
    message = str(info.value)
    assert "new/manifest.json" in message and "format 2" in message and "format 1" in message
    with pytest.raises(DataFormatError, match="format 2"):
        check_diff_dir(new)  # recompute --compare NEW


@pytest.mark.parametrize("bad", ["1", None, 1.5, True, [1]])
def test_a_manifest_format_that_is_no_format_is_refused_by_the_diff(tmp_path, bad):
    old, new = _outputs(tmp_path)
    _edit_manifest(old, lambda m: m.update(format=bad))
    with pytest.raises(DataFormatError, match=r"old/manifest.json: 'format' must be"):
        diff_outputs(old, new)


def test_manifests_of_this_format_or_without_one_are_diffed(tmp_path):
    old, new = _outputs(tmp_path)
    _edit_manifest(new, lambda m: m.update(format=pipeline.MANIFEST_FORMAT))
    assert diff_outputs(old, new).new_releases["onet"] == "30.1"  # old has no format


def test_load_refuses_a_table_of_a_newer_manifest_format(tmp_path):
    d = recompute_outputs(tmp_path / "d", "31.0")
    _edit_manifest(d, lambda m: m.update(format=2))
    with pytest.raises(DataFormatError) as info:
        load("task_digests", directory=d)
    message = str(info.value)
    assert "d/manifest.json" in message and "format 2" in message and "format 1" in message
    assert "validate=False" in message
    assert load("task_digests", directory=d, validate=False)["task_id"].tolist() == [1, 2, 10]
    assert load_manifest(d)["format"] == 2  # the manifest itself can still be looked at


def test_the_shipped_tables_still_load_and_diff(tmp_path):
    shipped = tmp_path / "shipped"
    shutil.copytree(processed_dir(), shipped, ignore=shutil.ignore_patterns("reports"))
    assert len(load("occupations", directory=shipped)) > 800
    check_diff_dir(shipped)


# 2 ---------------------------------------------------------------------------------------

def test_diff_refuses_a_reports_file_before_reading_the_tables(tmp_path, capsys):
    old, new = _outputs(tmp_path)
    (old / "task_digests.parquet").write_bytes(b"not parquet")
    reports = tmp_path / "reports.csv"
    reports.write_text("x\n")
    code, err = run(capsys, "diff", old, new, "--reports", reports)
    assert code == 2
    assert "reports.csv" in err and "not a directory" in err and "task_digests" not in err


# 3 ---------------------------------------------------------------------------------------

def test_an_n_tasks_that_is_not_the_task_count_is_refused(tmp_path):
    old, new = _outputs(tmp_path)
    path = new / "occupation_scores.parquet"
    write_parquet(pd.read_parquet(path).assign(n_tasks=[2, 7]), path)
    with pytest.raises(DataFormatError) as info:
        diff_outputs(old, new)
    message = str(info.value)
    assert "new/occupation_scores.parquet, row 2, column 'n_tasks'" in message
    assert "7" in message and "1 task" in message


def test_an_occupation_of_the_digests_without_scores_is_refused(tmp_path):
    old, new = _outputs(tmp_path)
    path = old / "occupation_scores.parquet"
    write_parquet(pd.read_parquet(path).iloc[:1], path)
    with pytest.raises(DataFormatError) as info:
        diff_outputs(old, new)
    message = str(info.value)
    assert "old/task_digests.parquet, row 3, column 'onetsoc_code'" in message
    assert "13-2011.00" in message and "occupation_scores.parquet" in message


# 4 ---------------------------------------------------------------------------------------

def test_a_table_the_manifest_does_not_list_is_refused_by_the_diff(tmp_path):
    old, new = _outputs(tmp_path)
    _list_tables(new, skip=("occupation_scores",))
    with pytest.raises(DataFormatError) as info:
        diff_outputs(old, new)
    message = str(info.value)
    assert "new/occupation_scores.parquet" in message and "manifest.json" in message
    assert "does not list" in message
    with pytest.raises(DataFormatError, match="does not list"):
        check_diff_dir(new)


def test_a_missing_soc_table_the_manifest_does_not_list_is_fine(tmp_path):
    old, new = _outputs(tmp_path)
    (new / "soc_scores.parquet").unlink()
    _list_tables(new)
    _list_tables(old)
    assert len(diff_outputs(old, new).occupations) == 2


# 5 ---------------------------------------------------------------------------------------

def test_load_refuses_a_table_the_manifest_does_not_list(tmp_path):
    d = recompute_outputs(tmp_path / "d", "29.1")
    _list_tables(d, skip=("task_digests",))
    with pytest.raises(DataFormatError) as info:
        load("task_digests", directory=d)
    message = str(info.value)
    assert "d/task_digests.parquet" in message and "does not list" in message and "validate=False" in message
    assert len(load("task_digests", directory=d, validate=False)) == 3


def test_load_of_a_listed_table_still_works(tmp_path):
    d = recompute_outputs(tmp_path / "d", "29.1")
    _list_tables(d)
    assert len(load("task_digests", directory=d)) == 3


@pytest.mark.parametrize("text, reason", [
    ("{not json", "not valid JSON"),
    ('{"tables": []}', "'tables' must be"),
])
def test_load_refuses_a_damaged_manifest_beside_the_table(tmp_path, text, reason):
    d = recompute_outputs(tmp_path / "d", "29.1")
    (d / "manifest.json").write_text(text)
    with pytest.raises(DataFormatError) as info:
        load("task_digests", directory=d)
    message = str(info.value)
    assert "d/manifest.json" in message and reason in message and "validate=False" in message
    assert len(load("task_digests", directory=d, validate=False)) == 3


# 6 ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("name, close", [
    ("task_score", "task_scores"),
    ("occupation", "occupations"),
    ("digests", "task_digests"),
])
def test_load_suggests_the_close_table_name(name, close):
    with pytest.raises(ExposureError, match=f"unknown table '{name}': did you mean '{close}'"):
        load(name)


def test_load_names_the_file_name_of_an_alias():
    with pytest.raises(ExposureError, match="give the table's name, 'tasks', not its file name"):
        load("tasks.parquet")


# 7 ---------------------------------------------------------------------------------------

def test_load_names_a_table_that_is_a_broken_link(tmp_path):
    d = recompute_outputs(tmp_path / "d", "29.1")
    (d / "task_digests.parquet").unlink()
    (d / "task_digests.parquet").symlink_to(tmp_path / "gone.parquet")
    with pytest.raises(DataFormatError) as info:
        load("task_digests", directory=d)
    message = str(info.value)
    assert "d/task_digests.parquet" in message and "broken symbolic link" in message and "gone.parquet" in message


def test_load_names_a_directory_that_is_a_broken_link(tmp_path):
    link = tmp_path / "out"
    link.symlink_to(tmp_path / "moved")
    with pytest.raises(DataFormatError) as info:
        load("task_digests", directory=link)
    message = str(info.value)
    assert "broken symbolic link" in message and "moved" in message


def test_load_names_links_in_a_loop(tmp_path):
    # one wording for every reader (_tables.link_note): a loop was "a broken symbolic link
    # (to <itself>, which does not exist)" here, "a loop of links" in read_frame
    d = recompute_outputs(tmp_path / "d", "29.1")
    (d / "task_digests.parquet").unlink()
    (d / "task_digests.parquet").symlink_to(d / "task_digests.parquet")
    with pytest.raises(DataFormatError, match="loop of links .*point it at the processed table 'task_digests'"):
        load("task_digests", directory=d)
    link = tmp_path / "out"
    link.symlink_to(link)
    with pytest.raises(DataFormatError, match="loop of links .*an output directory of exposure recompute"):
        load("task_digests", directory=link)


def test_two_identical_outputs_print_no_table_of_zero_moves(tmp_path, capsys):
    """A new user's diff of two identical runs printed ten rows of 0.0 moves (Chief Executives first)."""
    from exposure.cli import main

    old = recompute_outputs(tmp_path / "old", "29.1")
    new = tmp_path / "new"
    shutil.copytree(old, new)
    assert main(["diff", str(old), str(new), "--reports", str(tmp_path / "reports")]) == 0
    out = capsys.readouterr().out
    assert "no change:" in out and "top moves of occupation beta" not in out
