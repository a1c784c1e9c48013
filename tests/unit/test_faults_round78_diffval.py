"""Fault round 78 (diffval): ``exposure recompute`` and ``exposure diff`` when a new release comes.

Faults found and fixed:

1. ``exposure recompute --out data/processed/new`` (any ``--out`` inside the output of an
   earlier recompute, ``--out RUN/sub``; also ``--out src/exposure/data/processed/x``, which
   resolves into ``data/processed``) was accepted: a whole recompute was written among the
   tables of another (in a source checkout among the shipped tables, which the package data
   of a build takes in), and the next recompute of the outer directory carried the inner one
   along as one of its foreign entries. Now refused before any stage:
   ``exposure recompute: error: refusing to write the tables into RUN/new: it is inside RUN,
   the output of another recompute (it holds manifest.json and task_digests.parquet): its
   tables would be nested among another run's, carried along by the next recompute of RUN;
   choose an output directory outside it, such as <parent of RUN>/new``.
2. ``exposure recompute --out data`` (an ``--out`` holding the output of an earlier recompute,
   ``data/processed`` in a source checkout) was accepted: the tables were written beside
   ``processed/`` and the whole earlier output copied along by the swap. Now refused:
   ``refusing to write the tables into data: it holds data/processed, the output of another
   recompute: the tables would be written beside it and it carried along as one of data's
   entries; choose an output directory of its own, such as data/onet-<release>_oews-<year>``.
3. ``exposure diff OLD NEW`` of an output that lost its ``soc_scores.parquet``, although its
   ``manifest.json`` lists it among the tables of its recompute, went on without a word:
   ``diff_occupations.csv``'s ``soc_title`` silently turned into the O*NET titles (on the
   real 29.1 / 30.1 outputs ``19-4051.02`` read ``Nuclear Monitoring Technicians``, not the
   SOC title ``Nuclear Technicians``), exit 0. Now refused, as the other tables of an
   incomplete output are: ``exposure diff: error: OLD/soc_scores.parquet: missing, although
   manifest.json beside it lists it among the tables of the recompute of (oews 2025, onet
   29.1): the directory lost it since (the diff reads its SOC titles for
   diff_occupations.csv); copy the table back, or recompute this directory``; so is
   ``recompute --compare OLD`` of such an output, before the recompute.
4. ``exposure diff OLD NEW --reports RUN`` (and ``write_diff_reports(diff, RUN)``, and
   ``recompute --compare OLD --reports RUN``, after the whole recompute), ``RUN`` the output of
   a third recompute, wrote the four ``diff_*.csv`` among its tables, exit 0 (a later
   recompute of ``RUN`` kept them, stale); ``--reports OLD_DIR`` was refused for that very
   reason. Now refused before any table is read: ``exposure diff: error: --reports RUN: the
   output of a recompute (it holds manifest.json and task_digests.parquet): the diff reports
   would be written among its tables; give a directory of their own, such as RUN/reports``
   (``reports_dir RUN: ...`` from ``write_diff_reports``).
5. ``exposure validate --report-dir data/processed`` (the output of a recompute; the docs
   write the reports to ``data/processed/reports``) wrote ``validate_row_counts.csv`` and
   ``data_coverage.csv`` among the shipped tables. Now refused before any source is read, in
   the words of 4: ``exposure validate: error: --report-dir RUN: the output of a recompute
   (it holds manifest.json and task_digests.parquet): the validation reports would be
   written among its tables; give a directory of their own, such as RUN/reports``.
"""

from __future__ import annotations

import hashlib
import json

import pytest
from _frames import recompute_outputs
from test_faults_cli import cli, one_error_line

from exposure._outdir import OutputPathError
from exposure.errors import DataFormatError
from exposure.pipeline import recompute
from exposure.reports.diff import check_diff_dir, diff_outputs, write_diff_reports

pytestmark = pytest.mark.usefixtures("env_in_tmp")


def _list_tables(d):
    """Record the rows and sha256 of every table of ``d`` in its manifest, as a recompute does."""
    path = d / "manifest.json"
    manifest = json.loads(path.read_text())
    manifest["tables"] = {p.name: {"sha256": hashlib.sha256(p.read_bytes()).hexdigest()}
                          for p in sorted(d.glob("*.parquet"))}
    path.write_text(json.dumps(manifest))
    return d


def _outputs(tmp_path):
    return (_list_tables(recompute_outputs(tmp_path / "old", "29.1")),
            _list_tables(recompute_outputs(tmp_path / "new", "30.1")))


# 1, 2 ------------------------------------------------------------------------------------

@pytest.mark.parametrize("inner", ["new", "reports", "a/b"])
def test_an_out_inside_another_recompute_output_is_refused_before_any_stage(tmp_path, capsys, inner):
    run = recompute_outputs(tmp_path / "run", "29.1")
    (tmp_path / "empty_mirror").mkdir()  # a stage would fail at once (fetch): no stage may run
    before = sorted(p.name for p in run.iterdir())
    code, _, err = cli(capsys, "recompute", "--mirror", tmp_path / "empty_mirror", "--out", run / inner, "--quiet")
    line = one_error_line(err, command="recompute")
    assert code == 2
    assert (f"refusing to write the tables into {run / inner}: it is inside {run}, the output of another "
            "recompute (it holds manifest.json and task_digests.parquet)") in line
    assert f"such as {tmp_path / inner.split('/')[-1]}" in line
    assert sorted(p.name for p in run.iterdir()) == before


def test_an_out_reaching_inside_an_output_through_a_link_is_refused(tmp_path):
    run = recompute_outputs(tmp_path / "run", "29.1")
    (tmp_path / "link").symlink_to(run)  # src/exposure/data/processed -> data/processed in a checkout
    (tmp_path / "empty_mirror").mkdir()
    with pytest.raises(OutputPathError, match=r"it is inside .*/run, the output of another recompute"):
        recompute(mirror=tmp_path / "empty_mirror", out=tmp_path / "link" / "x")
    assert not (run / "x").exists()


def test_an_out_holding_another_recompute_output_is_refused(tmp_path, capsys):
    data = tmp_path / "data"
    data.mkdir()
    recompute_outputs(data / "processed", "29.1")
    (tmp_path / "empty_mirror").mkdir()
    code, _, err = cli(capsys, "recompute", "--mirror", tmp_path / "empty_mirror", "--out", data, "--quiet")
    line = one_error_line(err, command="recompute")
    assert code == 2
    assert (f"refusing to write the tables into {data}: it holds {data / 'processed'}, the output of another "
            "recompute") in line
    assert sorted(p.name for p in data.iterdir()) == ["processed"]
    # beside an output, or holding folders that are none (the reports of an earlier --compare): the run goes on
    out = tmp_path / "out"
    (out / "reports").mkdir(parents=True)
    code, _, err = cli(capsys, "recompute", "--mirror", tmp_path / "empty_mirror", "--out", out, "--quiet")
    assert "stage 'fetch' failed" in one_error_line(err, command="recompute")



# 3 ---------------------------------------------------------------------------------------

def test_a_diff_of_an_output_that_lost_its_listed_soc_scores_is_refused(tmp_path, capsys):
    old, new = _outputs(tmp_path)
    (old / "soc_scores.parquet").unlink()
    code, _, err = cli(capsys, "diff", old, new)
    line = one_error_line(err, command="diff")
    assert code == 2
    assert (f"{old / 'soc_scores.parquet'}: missing, although manifest.json beside it lists it among the tables "
            "of the recompute of (oews 2025, onet 29.1): the directory lost it since") in line
    assert not (new / "reports").exists()
    with pytest.raises(DataFormatError, match="soc_scores.parquet: missing, although manifest.json"):
        check_diff_dir(old)
    # the titles are read from the other output: whole outputs, and one whose manifest does not list soc_scores
    _list_tables(old)
    assert diff_outputs(old, new).occupations["soc_title"].tolist() == ["Chief Executives", "Accountants"]
    (new / "soc_scores.parquet").unlink()
    _list_tables(new)
    assert diff_outputs(old, new).occupations["soc_title"].isna().all()


def test_recompute_compare_of_an_output_that_lost_its_soc_scores_is_refused_before_the_run(tmp_path, capsys):
    old, _ = _outputs(tmp_path)
    (old / "soc_scores.parquet").unlink()
    (tmp_path / "empty_mirror").mkdir()
    code, _, err = cli(capsys, "recompute", "--mirror", tmp_path / "empty_mirror", "--out", tmp_path / "out",
                       "--compare", old, "--quiet")
    assert code == 2
    assert "soc_scores.parquet: missing, although manifest.json" in one_error_line(err, command="recompute")


# 4 ---------------------------------------------------------------------------------------

def test_diff_reports_into_a_third_recompute_output_are_refused(tmp_path, capsys):
    old, new = _outputs(tmp_path)
    run = recompute_outputs(tmp_path / "run", "29.1")
    before = sorted(p.name for p in run.iterdir())
    code, _, err = cli(capsys, "diff", old, new, "--reports", run)
    assert code == 2
    assert one_error_line(err, command="diff") == (
        f"exposure diff: error: --reports {run}: the output of a recompute (it holds manifest.json and "
        "task_digests.parquet): the diff reports would be written among its tables; give a directory of their "
        f"own, such as {run / 'reports'}")
    with pytest.raises(OutputPathError, match=r"reports_dir .*/run: the output of a recompute"):
        write_diff_reports(diff_outputs(old, new), run)
    (tmp_path / "empty_mirror").mkdir()  # refused before the recompute
    code, _, err = cli(capsys, "recompute", "--mirror", tmp_path / "empty_mirror", "--out", tmp_path / "out",
                       "--compare", old, "--reports", run, "--quiet")
    assert code == 2
    assert f"--reports {run}: the output of a recompute" in one_error_line(err, command="recompute")
    assert sorted(p.name for p in run.iterdir()) == before
    # a folder inside it (its reports/), and the default NEW_DIR/reports, are still written
    assert cli(capsys, "diff", old, new, "--reports", run / "reports")[0] == 0
    assert cli(capsys, "diff", old, new)[0] == 0
    assert (run / "reports" / "diff_tasks.csv").is_file() and (new / "reports" / "diff_tasks.csv").is_file()


# 5 ---------------------------------------------------------------------------------------

def test_validate_reports_into_a_recompute_output_are_refused_before_any_source(tmp_path, capsys):
    run = recompute_outputs(tmp_path / "run", "29.1")
    before = sorted(p.name for p in run.iterdir())
    (tmp_path / "empty_mirror").mkdir()  # every source would fail: no source may be read
    code, out, err = cli(capsys, "validate", "--mirror", tmp_path / "empty_mirror", "--report-dir", run)
    assert code == 2
    assert one_error_line(err, command="validate") == (
        f"exposure validate: error: --report-dir {run}: the output of a recompute (it holds manifest.json and "
        "task_digests.parquet): the validation reports would be written among its tables; give a directory of "
        f"their own, such as {run / 'reports'}")
    assert out == "" and sorted(p.name for p in run.iterdir()) == before
