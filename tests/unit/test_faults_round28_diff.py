"""Round 28: ``exposure diff`` (``exposure.reports.diff.diff_outputs``) on odd output directories.

1. A ``task_type`` of ``task_digests.parquet`` that is not ``Core`` / ``Supplemental``
   (``'core'``, ``'Core '``) was refused in pandera's wording, rows counted from 0
   (``row 0, column 'task_type': TaskDigests validation failed (1 failure(s)): row 0,
   ..., check isin(...)``), unlike every other cell of the diff's tables. Named now as
   they are: the file, the row counted from 1, the column and the value.
2. A table the diff reads that holds no rows (``task_digests``, ``task_scores``,
   ``occupation_scores``, ``sector_scores``, ``subsector_scores``): diffed without a word,
   every task or occupation of the other release "removed" (``tasks_removed`` 3,
   ``occupations_removed`` 2) or every task's score "missing". Refused now, naming the file.
3. A ``task_scores.parquet`` whose tasks are not those of the ``task_digests.parquet``
   beside it (the scores of another run, or of some tasks only): every task not in both
   counted as "beta missing", exit 0. Refused now, naming the file, row and column of the
   first task of one table that is not in the other.
4. A directory mixing tables of two recomputes (each table records its releases in its
   Parquet metadata, ``exposure.releases``): with a manifest that lists no tables, or none,
   diffed without a word under the manifest's releases. Refused now, naming the table
   and both releases.
5. A directory without ``manifest.json`` whose tables record their releases: the summary
   held no release, and a swap of the two directories gave no warning. The releases are
   now those the tables record.
6. A directory that is not a recompute output, or lacks some of the tables (``NEW`` with
   no ``sector_scores`` and no ``subsector_scores``): the first missing table was named
   only after every table of both directories before it had been read, as ``processed
   table 'sector_scores' not found at ... (run `exposure recompute` to create it)``. Both
   directories are checked now before any table is read; every missing table is named.
7. A ``manifest.json`` whose ``tables`` is not an object (``[]``), or whose entry for a
   table the diff reads records no sha256 (``null``, a number): the tables went unchecked,
   or the table was called "changed" (``sha256 ... instead of None...``). Refused now as a
   damaged manifest, naming the table.
8. A ``soc_scores.parquet`` that gives a SOC code twice with different titles, or a code
   that is not a SOC code (``'11-1011 '``): the first title was taken, or the titles
   dropped, without a word. Refused now, naming the file, row and column.

Tiny made-up output directories, written by the tests.
"""

from __future__ import annotations

import hashlib
import json
import logging

import pandas as pd
import pytest
from _frames import recompute_outputs

from exposure._io import write_parquet
from exposure.errors import DataFormatError, ExposureError
from exposure.reports.diff import diff_outputs

RELEASES_KEY = "exposure.releases"


def _releases(onet: str) -> dict[str, str]:
    return {RELEASES_KEY: json.dumps({"oews": "2025", "onet": onet}, sort_keys=True)}


def _outputs(tmp_path):
    return recompute_outputs(tmp_path / "old", "29.1"), recompute_outputs(tmp_path / "new", "30.1")


def _rewrite(d, table, change, metadata=None):
    path = d / f"{table}.parquet"
    write_parquet(change(pd.read_parquet(path)), path, metadata=metadata)


def _stamp(d, onet, *, skip=()):
    """Record ``onet`` in the Parquet metadata of every table of ``d`` (as recompute does)."""
    for path in sorted(d.glob("*.parquet")):
        if path.stem not in skip:
            write_parquet(pd.read_parquet(path), path, metadata=_releases(onet))


# 1 ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("bad", ["core", "Core ", "5"])
def test_task_type_that_is_not_core_or_supplemental_is_named_by_row(tmp_path, bad):
    old, new = _outputs(tmp_path)
    _rewrite(new, "task_digests", lambda f: f.assign(task_type=["Core", bad, "Core"]))
    with pytest.raises(DataFormatError) as info:
        diff_outputs(old, new)
    message = str(info.value)
    assert "task_digests.parquet, row 2, column 'task_type'" in message
    assert repr(bad) in message and "'Core' or 'Supplemental'" in message
    assert "validation failed" not in message


# 2 ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("table", ["task_digests", "task_scores", "occupation_scores", "sector_scores",
                                   "subsector_scores"])
def test_a_table_without_rows_is_refused(tmp_path, table):
    old, new = _outputs(tmp_path)
    _rewrite(new, table, lambda f: f.iloc[:0])
    with pytest.raises(DataFormatError, match=rf"new/{table}\.parquet: holds no rows"):
        diff_outputs(old, new)


# 3 ---------------------------------------------------------------------------------------

def test_task_scores_of_other_tasks_than_task_digests_are_refused(tmp_path):
    old, new = _outputs(tmp_path)
    _rewrite(new, "task_scores", lambda f: f.assign(task_id=[1, 2, 11]))
    with pytest.raises(DataFormatError) as info:
        diff_outputs(old, new)
    message = str(info.value)
    assert "new/task_scores.parquet, row 3, column 'task_id'" in message
    assert "('13-2011.00', 11)" in message and "task_digests.parquet" in message


def test_task_scores_lacking_a_task_of_task_digests_is_refused(tmp_path):
    old, new = _outputs(tmp_path)
    _rewrite(new, "task_scores", lambda f: f.iloc[:2])
    with pytest.raises(DataFormatError) as info:
        diff_outputs(old, new)
    message = str(info.value)
    assert "new/task_digests.parquet, row 3, column 'task_id'" in message
    assert "('13-2011.00', 10)" in message and "task_scores.parquet" in message


def test_an_unscored_task_is_still_counted_apart(tmp_path):
    """A task of both tables without a score (beta missing) stays documented behaviour."""
    old, new = _outputs(tmp_path)
    _rewrite(new, "task_scores", lambda f: f.assign(beta=[0.5, None, 0.5]))
    s = dict(zip(*diff_outputs(old, new).summary.to_dict("list").values()))
    assert s["tasks_kept_beta_missing"] == 1


# 4 ---------------------------------------------------------------------------------------

def test_a_table_of_another_release_than_the_manifest_is_refused(tmp_path):
    old, new = _outputs(tmp_path)
    _stamp(old, "29.1")
    _stamp(new, "30.1")
    _rewrite(new, "occupation_scores", lambda f: f, metadata=_releases("29.1"))
    with pytest.raises(DataFormatError) as info:
        diff_outputs(old, new)
    message = str(info.value)
    assert "new/occupation_scores.parquet" in message
    assert "onet 29.1" in message and "onet 30.1" in message


def test_tables_of_two_releases_without_a_manifest_are_refused(tmp_path):
    old, new = _outputs(tmp_path)
    (new / "manifest.json").unlink()
    _stamp(new, "30.1")
    _rewrite(new, "task_scores", lambda f: f, metadata=_releases("29.1"))
    with pytest.raises(DataFormatError) as info:
        diff_outputs(old, new)
    message = str(info.value)
    assert "new/task_scores.parquet" in message and "onet 29.1" in message and "onet 30.1" in message


def test_tables_of_the_manifest_release_pass(tmp_path):
    old, new = _outputs(tmp_path)
    _stamp(old, "29.1")
    _stamp(new, "30.1")
    assert diff_outputs(old, new).new_releases == {"onet": "30.1", "oews": "2025"}


# 5 ---------------------------------------------------------------------------------------

def test_releases_come_from_the_tables_without_a_manifest(tmp_path, caplog):
    old, new = _outputs(tmp_path)
    for d, onet in ((old, "29.1"), (new, "30.1")):
        (d / "manifest.json").unlink()
        _stamp(d, onet)
    result = diff_outputs(old, new)
    assert result.old_releases == {"oews": "2025", "onet": "29.1"}
    assert result.new_releases == {"oews": "2025", "onet": "30.1"}
    with caplog.at_level(logging.WARNING, logger="exposure.reports.diff"):
        diff_outputs(new, old)
    assert "holds O*NET 30.1, a later release than" in caplog.text


# 6 ---------------------------------------------------------------------------------------

def test_missing_tables_are_named_together_before_any_is_read(tmp_path):
    old, new = _outputs(tmp_path)
    (new / "sector_scores.parquet").unlink()
    (new / "subsector_scores.parquet").unlink()
    _rewrite(old, "task_scores", lambda f: f.assign(beta=[0.5, 7.0, 0.5]))  # bad, but not read
    with pytest.raises(ExposureError) as info:
        diff_outputs(old, new)
    message = str(info.value)
    assert "not an exposure recompute output" in message
    assert "sector_scores.parquet, subsector_scores.parquet missing" in message


def test_a_directory_that_is_no_recompute_output_is_named(tmp_path):
    old, _ = _outputs(tmp_path)
    mirror = tmp_path / "mirror"
    (mirror / "onet").mkdir(parents=True)
    with pytest.raises(ExposureError) as info:
        diff_outputs(old, mirror)
    message = str(info.value)
    assert f"{mirror}: not an exposure recompute output" in message
    assert "run `exposure recompute` to create it" not in message


# 7 ---------------------------------------------------------------------------------------

def _manifest_with_tables(d, tables):
    manifest = json.loads((d / "manifest.json").read_text())
    manifest["tables"] = tables
    (d / "manifest.json").write_text(json.dumps(manifest))


def test_a_tables_record_that_is_not_an_object_is_refused(tmp_path):
    old, new = _outputs(tmp_path)
    _manifest_with_tables(new, [])
    with pytest.raises(DataFormatError, match=r"new/manifest.json: .*'tables'.*object"):
        diff_outputs(old, new)


@pytest.mark.parametrize("entry", [{"sha256": None}, {"sha256": 5}, "abc", {"rows": 3}])
def test_a_table_recorded_without_a_sha256_is_refused(tmp_path, entry):
    old, new = _outputs(tmp_path)
    sha = {f"{t}.parquet": {"sha256": hashlib.sha256((new / f"{t}.parquet").read_bytes()).hexdigest()}
           for t in ("task_digests", "occupation_scores", "sector_scores", "subsector_scores")}
    _manifest_with_tables(new, {**sha, "task_scores.parquet": entry})
    with pytest.raises(DataFormatError) as info:
        diff_outputs(old, new)
    message = str(info.value)
    assert "new/manifest.json" in message and "task_scores.parquet" in message and "sha256" in message
    assert "instead of None" not in message


# 8 ---------------------------------------------------------------------------------------

def test_a_soc_code_twice_in_soc_scores_is_refused(tmp_path):
    old, new = _outputs(tmp_path)
    _rewrite(new, "soc_scores", lambda f: pd.concat([f, f.iloc[[0]].assign(soc_title="Other")]))
    with pytest.raises(DataFormatError, match=r"new/soc_scores.parquet, row 3, column 'soc_code': "
                                              r"key \('11-1011',\) appears twice"):
        diff_outputs(old, new)


def test_a_padded_soc_code_in_soc_scores_is_refused(tmp_path):
    old, new = _outputs(tmp_path)
    (old / "soc_scores.parquet").unlink()
    _rewrite(new, "soc_scores", lambda f: f.assign(soc_code=["11-1011 ", "13-2011"]))
    with pytest.raises(DataFormatError, match=r"new/soc_scores.parquet, row 1, column 'soc_code'"):
        diff_outputs(old, new)
