"""Faults of round 75 in the release diff and the recompute (area ``pipeline``).

1. ``write_diff_reports`` given a diff whose ``tasks``, ``occupations`` or ``sectors`` is
   a table of no rows and no columns (``pd.DataFrame()``, a part cleared by hand) wrote
   ``diff_tasks.csv`` (and the others) as a file holding one blank line, which the
   library's own readers refuse (``diff_tasks.csv: file is empty``). Now the report is
   the header of its columns (``onetsoc_code,task_id,change,old_beta,new_beta``), as
   ``diff_outputs`` writes a diff without a changed task.
2. ``write_diff_reports`` given a part the CSV writer refuses (a column named twice or
   without a name, rows without columns, bytes that are not UTF-8 text) named the
   hidden temporary directory of the reports, gone once the error is seen:
   ``PARENT/.reports.ob1ni8sw.tmp/diff_tasks.csv, column 'a': the column name is given
   twice ...``, and a row of ``diff_sectors.csv`` (sectors only) for a row of
   ``diff.sectors``. Now the part and its own row: ``diff.tasks, column 'a': the column
   name is given twice (columns 1 and 2), which a CSV file cannot hold; rename one``,
   ``diff.sectors, row 4, column 'x': ...``.
3. ``write_diff_reports`` given a ``summary`` with column names of two levels
   (``('item', '')``, ``('count', '')``) wrote ``diff_summary.csv`` with four columns,
   ``item,count,"('item', '')","('count', '')"``, the releases in the first two and the
   counts in the last two. Now refused, nothing written: ``diff.summary has 2-level
   column names (e.g. ('item', '')): flatten them to one level``.
4. ``exposure diff OLD NEW`` where the ``releases`` of NEW's ``manifest.json`` were edited
   by hand (``"onet": "29.10"``) blamed the table, which is the very one the manifest
   recorded (its sha256 matches): ``NEW/task_digests.parquet: this table records the
   releases (oews 2025, onet 29.1), but manifest.json records (oews 2025, onet 29.10): it
   comes from another recompute; diff two whole recompute outputs``, advice the user had
   followed. Now the manifest is named: ``NEW/manifest.json: its 'releases' (oews 2025,
   onet 29.10) are not those of the tables it lists: task_digests.parquet, the very table
   it recorded (sha256), records (oews 2025, onet 29.1); the manifest was edited since the
   recompute: write back the releases of its tables, or recompute this directory``.
5. ``exposure diff OLD NEW`` where NEW's ``manifest.json`` has an empty ``tables``
   (``{}``, edited by hand) said ``NEW/task_digests.parquet: manifest.json beside it does
   not list this table, although it lists the tables of its recompute: it was copied in
   from another run, or written by hand; diff two whole recompute outputs``: it lists
   none. Now: ``NEW/manifest.json: its 'tables' is empty, but a recompute lists each table
   it writes with its sha256 (task_digests.parquet beside it is not listed): the manifest
   was edited since the recompute; recompute this directory``.
6. ``RecomputeInputs`` (``recompute``) given ``onet_format="Excel"`` or ``"Text"`` said
   ``onet_format must be 'text', 'excel' or None, got str 'Excel'`` and not what to write
   (the command's parser says it). Now it goes on ``: write 'excel' (the choices are
   case-sensitive)`` (``exposure._args.choice_hint``).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest
from test_faults_cli import cli, one_error_line

from exposure._tables import read_frame
from exposure.errors import DataFormatError
from exposure.pipeline import RecomputeInputs, check_recompute_format
from exposure.reports.diff import ReleaseDiff, write_diff_reports

PROCESSED = Path(__file__).resolve().parents[2] / "data" / "processed"
#: The files of a recompute output that ``exposure diff`` reads.
DIFF_FILES = ("manifest.json", "task_digests.parquet", "task_scores.parquet", "occupation_scores.parquet",
              "sector_scores.parquet", "subsector_scores.parquet", "soc_scores.parquet")
SUMMARY = pd.DataFrame({"item": ["tasks_added"], "count": [0]})


def _diff(**parts) -> ReleaseDiff:
    """A small ReleaseDiff, its parts replaced by ``parts``."""
    base = {"summary": SUMMARY, "tasks": pd.DataFrame({"task_id": [1]}),
            "occupations": pd.DataFrame({"delta_beta": [0.1]}), "sectors": pd.DataFrame({"level": ["sector"]}),
            "old_releases": {"onet": "29.1"}, "new_releases": {"onet": "30.1"}}
    return ReleaseDiff(**{**base, **parts})


def _output(directory: Path) -> Path:
    """A copy of the shipped recompute output (the tables the diff reads and the manifest)."""
    directory.mkdir()
    for name in DIFF_FILES:
        shutil.copyfile(PROCESSED / name, directory / name)
    return directory


def _edit_manifest(directory: Path, edit) -> None:
    path = directory / "manifest.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    edit(manifest)
    path.write_text(json.dumps(manifest, indent=2), encoding="utf-8")


# ------------------------------------------------------------ 1. a part of no rows and no columns


@pytest.mark.parametrize(("part", "report", "header"), [
    ("tasks", "diff_tasks.csv", "onetsoc_code,task_id,change,old_beta,new_beta"),
    ("occupations", "diff_occupations.csv", "onetsoc_code,soc_title,old_beta,new_beta,delta_beta,old_n_tasks,"
     "new_n_tasks,tasks_changed,tasks_dwas_changed,tasks_type_changed"),
    ("sectors", "diff_sectors.csv", "naics,level,naics_title,old_beta,new_beta,delta_beta,old_exposed_workers,"
     "new_exposed_workers"),
])
def test_an_empty_part_is_written_as_the_header_of_its_report(tmp_path, part, report, header):
    write_diff_reports(_diff(**{part: pd.DataFrame()}), tmp_path / "reports")
    path = tmp_path / "reports" / report
    # before: "\n", which read_frame refused: "diff_tasks.csv: file is empty"
    assert path.read_text(encoding="utf-8") == header + "\n"
    frame = read_frame(path)
    assert list(frame.columns) == header.split(",") and len(frame) == 0
    # a part of no rows with columns keeps its own
    write_diff_reports(_diff(tasks=pd.DataFrame({"task_id": []})), tmp_path / "reports")
    assert (tmp_path / "reports" / "diff_tasks.csv").read_text(encoding="utf-8") == "task_id\n"


# ------------------------------------------------------------ 2. a part the CSV writer refuses


@pytest.mark.parametrize(("parts", "message"), [
    ({"tasks": pd.DataFrame([[1, 2]], columns=["a", "a"])},
     r"diff.tasks, column 'a': the column name is given twice (columns 1 and 2), which a CSV file cannot hold; "
     r"rename one"),
    ({"occupations": pd.DataFrame({None: [0.1]})},
     "diff.occupations: column 1 has no name (None), which a CSV file cannot hold; name it "
     "(frame.rename(columns=...) or frame.columns = [...])"),
    ({"tasks": pd.DataFrame(index=[0, 1])},
     "diff.tasks: the table has no columns (it has 2 rows), and a CSV file needs at least one"),
    # row 4 of diff.sectors, the second sector (it was row 3 of diff_sectors.csv, in the temporary directory)
    ({"sectors": pd.DataFrame({"level": ["subsector", "sector", "subsector", "sector"],
                               "x": ["a", "b", "c", b"\xff"]})},
     r"diff.sectors, row 4, column 'x': a cell holds bytes that are not UTF-8 text (b'\xff')"),
    ({"summary": pd.DataFrame({"item": ["tasks_added", b"\xfe"], "count": [0, 1]})},
     r"diff.summary, row 2, column 'item': a cell holds bytes that are not UTF-8 text (b'\xfe')"),
])
def test_a_part_the_writer_refuses_is_named_not_the_temporary_directory(tmp_path, parts, message):
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "diff_tasks.csv").write_text("kept\n", encoding="utf-8")
    with pytest.raises(DataFormatError) as info:
        write_diff_reports(_diff(**parts), reports)
    # before: ".../.reports.ob1ni8sw.tmp/diff_tasks.csv, column 'a': ..."
    assert str(info.value).startswith(message), str(info.value)
    assert ".tmp" not in str(info.value)
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []
    assert (reports / "diff_tasks.csv").read_text(encoding="utf-8") == "kept\n"


# ------------------------------------------------------------ 3. a summary with two-level column names


def test_a_summary_with_two_level_column_names_is_refused(tmp_path):
    summary = pd.DataFrame([["tasks_added", 0]], columns=pd.MultiIndex.from_tuples([("item", ""), ("count", "")]))
    with pytest.raises(DataFormatError, match=r"^diff\.summary has 2-level column names \(e\.g\. \('item', ''\)\): "
                                              r"flatten them to one level$"):
        write_diff_reports(_diff(summary=summary), tmp_path / "reports")
    # before: diff_summary.csv began 'item,count,"(\'item\', \'\')","(\'count\', \'\')"'
    assert not (tmp_path / "reports").exists()


# ------------------------------------------------------------ 4. a manifest whose releases were edited


def test_edited_manifest_releases_name_the_manifest(tmp_path, capsys):
    old, new = _output(tmp_path / "old"), _output(tmp_path / "new")
    _edit_manifest(new, lambda m: m["releases"].update(onet="29.10"))
    code, _, err = cli(capsys, "diff", old, new)
    line = one_error_line(err, command="diff")
    assert code == 2
    # before: "new/task_digests.parquet: this table records the releases ... it comes from another recompute"
    assert line == (f"exposure diff: error: {new / 'manifest.json'}: its 'releases' (oews 2025, onet 29.10) are not "
                    "those of the tables it lists: task_digests.parquet, the very table it recorded (sha256), "
                    "records (oews 2025, onet 29.1); the manifest was edited since the recompute: write back the "
                    "releases of its tables, or recompute this directory")
    assert not (new / "reports").exists()
    # a manifest that records no tables (written by hand) cannot tell: the table is named, as before
    _edit_manifest(new, lambda m: (m.pop("tables"), m["releases"].update(onet="30.1")))
    code, _, err = cli(capsys, "diff", old, new)
    line = one_error_line(err, command="diff")
    assert code == 2
    assert line.startswith(f"exposure diff: error: {new / 'task_digests.parquet'}: this table records the releases "
                           "(oews 2025, onet 29.1), but manifest.json records (oews 2025, onet 30.1): it comes from "
                           "another recompute"), line


# ------------------------------------------------------------ 5. a manifest with an empty tables record


def test_an_empty_tables_record_names_the_manifest(tmp_path, capsys):
    old, new = _output(tmp_path / "old"), _output(tmp_path / "new")
    _edit_manifest(new, lambda m: m.update(tables={}))
    code, _, err = cli(capsys, "diff", old, new)
    line = one_error_line(err, command="diff")
    assert code == 2
    # before: "... does not list this table, although it lists the tables of its recompute: it was copied in"
    assert line == (f"exposure diff: error: {new / 'manifest.json'}: its 'tables' is empty, but a recompute lists "
                    "each table it writes with its sha256 (task_digests.parquet beside it is not listed): the "
                    "manifest was edited since the recompute; recompute this directory")


# ------------------------------------------------------------ 6. onet_format in another case


@pytest.mark.parametrize(("fmt", "hint"), [("Excel", "excel"), ("TEXT", "text")])
def test_onet_format_in_another_case_says_what_to_write(fmt, hint):
    message = (f"onet_format must be 'text', 'excel' or None, got str {fmt!r}: write {hint!r} (the choices are "
               "case-sensitive)")
    with pytest.raises(DataFormatError) as info:
        RecomputeInputs(onet_release="29.1", onet_format=fmt)
    assert str(info.value) == message  # before: no "write ..."
    with pytest.raises(DataFormatError) as info:
        check_recompute_format("31.0", fmt)
    assert str(info.value) == message
    # no hint for a format of no case
    with pytest.raises(DataFormatError) as info:
        check_recompute_format("31.0", "pdf")
    assert str(info.value) == "onet_format must be 'text', 'excel' or None, got str 'pdf'"
