"""Fault round 62, the command line's front door and the schema errors.

Faults found (each test below fails on the code before the fix, except the guards):

1. An output directory given as ``-`` (standard output, as ``-o -`` means to many
   programs) or ``/dev/stdout``: ``exposure rollup scores.csv -o -``, ``compare -o -``,
   ``report rubric --out-dir -``, ``validate --report-dir -`` (also ``outcomes -o``,
   ``recompute --out``, ``diff --reports``) wrote their files into a new directory ``-``
   of the current directory, exit 0, saying ``wrote 7 files to -``. Now refused before
   any work, exit 2, by :func:`exposure.cli.check_output_options`: ``exposure rollup:
   error: -o/--output -: standard output (or a pipe) is not a place to write files: give
   the output directory``. A directory ``-`` that exists is written into as before.
2. An output option of spaces only (``--out-dir ' '``, ``-o "$OUT"`` with ``OUT=' '``)
   made a directory ``' '`` in the current directory and wrote the files there, where an
   empty one (``''``) and a blank ``--mirror ' '`` were refused. Now refused the same
   way: ``--report-dir ' ' is blank (spaces only): give the report directory``.
3. ``exposure validate --file TABLE -`` said ``-: file not found``, where every other
   command says that standard input is not read. Now ``job_zones: -: standard input is
   not supported: save the data to a file and give its name``
   (:func:`exposure._tables.check_input_file`, as ``exposure score`` and ``rollup``).
4. A table given to :func:`exposure.schemas.validate` without a column of its model's
   unique key (an ``occupation_panel`` without ``year``: ``exposure outcomes --panel``)
   was judged unique by the key columns left: ``column 'year' is missing
   (OccupationPanel requires it); 8 more: row 1, column 'soc_code': soc_code fails the
   check multiple_fields_uniqueness, got text '11-1001' ...``, one code in several years
   told as given twice (831 such cases for the shipped panel). Now the missing column
   alone: ``panel.parquet, column 'year': column 'year' is missing (OccupationPanel
   requires it)``.
5. A row given twice whose key holds a missing value, in a frame given to
   :func:`exposure.schemas.validate`: a ``TaskRatings`` frame with an ``IM`` row twice
   (``category`` is missing on ``IM`` and ``RT`` rows, as O*NET's ``n/a``) raised
   pandas' ``TypeError: boolean value of NA is ambiguous`` (a traceback); a panel with
   two rows of a missing ``soc_code`` in one year said ``(soc_code, year) = (nan, 2021)
   is on row ; keep one row per ...`` (no row: a missing cell did not match itself).
   Now ``('11-1011.00', 8823, 'IM', missing) is on row 2 and again on row 4; keep one
   row per ...``, a missing cell matching another as in pandera's check.
6. Arguments of :func:`exposure.schemas.validate` of the wrong type: a model given by its
   name (``validate(frame, "Tasks")``) or as a schema (``Tasks.to_schema()``), or None,
   raised ``AttributeError: 'str' object has no attribute '__name__'``; ``row_offset="2"``
   and ``max_cases=None`` a ``TypeError``; ``row_offset=2.0`` named ``row 3.0``;
   ``max_cases=0`` told ``and 1 more`` of a table with one failure. Now a
   ``DataFormatError`` naming the argument (``model must be a schema model class (such as
   exposure.schemas.Tasks), got str 'Tasks': give the class,
   exposure.schemas.all_models()['Tasks']``), ``2.0`` read as 2.
7. ``exposure validate --file isco_groups ISCOGroups_en.csv`` (and a validation of every
   source) named a bad record of a ``.csv`` file below quoted cells spanning lines by its
   row alone (``row 4``), where the errors of every other command name its line too
   (:func:`exposure.cli.with_record_line`): in ESCO's ISCO groups every record spans
   several lines (row 5 is line 33). Now ``isco_small.csv, row 4 (line 10), column
   'code': ...``.
"""

from __future__ import annotations

import argparse

import numpy as np
import pandas as pd
import pytest
from _frames import outcome_panel
from test_faults_cli import cli, one_error_line

from exposure.cli import check_output_options
from exposure.errors import DataFormatError, ExposureError, SchemaError
from exposure.schemas import JobZones, OccupationPanel, TaskRatings, validate

JOB_ZONES = ("O*NET-SOC Code\tJob Zone\tDate\tDomain Source\r\n"
             "11-1011.00\t5\t08/2023\tAnalyst\r\n11-1011.03\t5\t08/2021\tAnalyst\r\n")


pytestmark = pytest.mark.usefixtures("no_env")


def _panel():
    """A valid OccupationPanel frame: 8 codes, 2021-2023."""
    return outcome_panel().assign(soc_title="Title", code_type="detailed", a_median=1.0)


# 1. `-` or /dev/stdout as an output directory ------------------------------------------
@pytest.mark.parametrize("command, dest, option, what", [
    ("rollup", "output", "-o/--output", "the output directory"),
    ("compare", "output", "-o/--output", "the output directory"),
    ("outcomes", "output", "-o/--output", "the output directory"),
    ("recompute", "out", "--out", "the output directory"),
    ("diff", "reports", "--reports", "the directory of the diff reports"),
    ("report", "out_dir", "--out-dir", "the report directory"),
    ("validate", "report_dir", "--report-dir", "the report directory"),
])
@pytest.mark.parametrize("value", ["-", "/dev/stdout"])
def test_standard_output_as_an_output_directory_is_refused(tmp_path, monkeypatch, command, dest, option,
                                                           what, value):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ExposureError) as err:
        check_output_options(argparse.Namespace(command=command, **{dest: value}))
    assert str(err.value) == (f"{option} {value}: standard output (or a pipe) is not a place to write "
                              f"files: give {what}")
    assert not (tmp_path / "-").exists()


def test_validate_report_dir_dash_is_one_line_before_any_source(tmp_path, capsys, monkeypatch):
    """It went on to validate every source (each failing here: an empty mirror and cache), the reports for ./-."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "mirror").mkdir()
    code, out, err = cli(capsys, "validate", "--report-dir", "-", "--mirror", tmp_path / "mirror",
                         "--data-dir", tmp_path / "cache")
    line = one_error_line(err, command="validate")
    assert code == 2 and out == ""
    assert line == ("exposure validate: error: --report-dir -: standard output (or a pipe) is not a place "
                    "to write files: give the report directory")
    assert not (tmp_path / "-").exists()


def test_rollup_dash_writes_no_directory_named_dash(tmp_path, capsys, monkeypatch, shared_data):
    """Before: exit 0, `wrote 7 files to -`, the tables in ./-."""
    mirror = shared_data
    monkeypatch.chdir(tmp_path)
    (tmp_path / "t.csv").write_text("onetsoc_code,task_id,task\n43-4051.00,,Answer telephones.\n"
                                    "53-7051.00,,Operate a forklift.\n")
    code, _, err = cli(capsys, "score", "t.csv", "-o", "s.csv", "--method", "rubric", "--onet", "none")
    assert code == 0, err
    code, out, err = cli(capsys, "rollup", "s.csv", "-o", "-", "--mirror", mirror)
    line = one_error_line(err, command="rollup")
    assert code == 2 and "wrote" not in out
    assert line.endswith("-o/--output -: standard output (or a pipe) is not a place to write files: give "
                         "the output directory")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.csv", "t.csv"]


def test_score_dash_is_still_refused_naming_standard_output(tmp_path, capsys, monkeypatch):
    """Guard: `score -o -` was refused already (round 5); it is now refused by the same check."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "t.csv").write_text("task\nAnswer telephones.\n")
    code, _, err = cli(capsys, "score", "t.csv", "-o", "-", "--method", "rubric", "--onet", "none")
    assert code == 2
    assert "standard output" in one_error_line(err, command="score")


def test_an_existing_directory_named_dash_is_written_into(tmp_path, monkeypatch):
    """Guard: `-` is standard output only when no such file exists (as for an input)."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "-").mkdir()
    check_output_options(argparse.Namespace(command="compare", output="-"))
    check_output_options(argparse.Namespace(command="rollup", output="out"))


# 2. an output option of spaces only -----------------------------------------------------
@pytest.mark.parametrize("command, dest, option, what", [
    ("compare", "output", "-o/--output", "the output directory"),
    ("report", "out_dir", "--out-dir", "the report directory"),
    ("score", "output", "-o/--output", "the output file's name, e.g. scores.csv"),
])
def test_blank_output_option_is_refused(tmp_path, monkeypatch, command, dest, option, what):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ExposureError) as err:
        check_output_options(argparse.Namespace(command=command, **{dest: " "}))
    assert str(err.value) == f"{option} ' ' is blank (spaces only): give {what}"


def test_validate_blank_report_dir_is_one_line(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "mirror").mkdir()
    code, out, err = cli(capsys, "validate", "--report-dir", "  ", "--mirror", tmp_path / "mirror",
                         "--data-dir", tmp_path / "cache")
    line = one_error_line(err, command="validate")
    assert code == 2 and out == ""
    assert line == "exposure validate: error: --report-dir '  ' is blank (spaces only): give the report directory"
    assert list(tmp_path.iterdir()) == [tmp_path / "mirror"]


# 3. validate --file TABLE - --------------------------------------------------------------
def test_validate_file_dash_names_standard_input(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, err = cli(capsys, "validate", "--file", "job_zones", "-")
    line = one_error_line(err, command="validate")
    assert code == 2 and out == ""
    assert line == ("exposure validate: error: job_zones: -: standard input is not supported: save the data "
                    "to a file and give its name")


def test_validate_file_dash_after_a_good_file(tmp_path, capsys, monkeypatch):
    """The good file is counted; `-` is the one failure."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "Job Zones.txt").write_text(JOB_ZONES, newline="")
    code, out, err = cli(capsys, "validate", "--file", "job_zones", "Job Zones.txt", "--file", "job_zones", "-")
    assert code == 2
    assert out.split() == ["job_zones", "2", "Job", "Zones.txt"]
    assert "standard input is not supported" in one_error_line(err, command="validate")


# 4. a column of the unique key missing ----------------------------------------------------
def test_missing_key_column_is_not_told_as_rows_given_twice():
    with pytest.raises(SchemaError) as err:
        validate(_panel().drop(columns=["year"]), OccupationPanel, path="panel.parquet", row_offset=1)
    assert str(err.value) == "panel.parquet, column 'year': column 'year' is missing (OccupationPanel requires it)"
    assert err.value.column == "year" and err.value.row is None


def test_outcomes_panel_without_year_is_one_plain_line(tmp_path, capsys):
    path = tmp_path / "panel.parquet"
    _panel().drop(columns=["year"]).to_parquet(path)
    code, _, err = cli(capsys, "outcomes", "--panel", path, "-o", tmp_path / "out")
    line = one_error_line(err, command="outcomes")
    assert code == 2
    assert line.endswith("panel.parquet, column 'year': column 'year' is missing (OccupationPanel requires it)")
    assert "uniqueness" not in line


def test_key_given_twice_is_still_told():
    """Guard: with every key column there, a (soc_code, year) given twice is named as before."""
    panel = _panel()
    twice = panel.assign(year=panel["year"].where(panel.index != 1, 2021))
    with pytest.raises(SchemaError, match=r"\(soc_code, year\) = \('11-1001', 2021\) is on row 2 and again on "
                                          r"row 3"):
        validate(twice, OccupationPanel, path="panel.parquet", row_offset=2)


# 5. a row given twice whose key holds a missing value --------------------------------------
def _task_ratings():
    """Three Task Ratings rows of one task: IM, RT and IM again (category missing on all three)."""
    return pd.DataFrame({
        "onetsoc_code": ["11-1011.00"] * 3, "task_id": [8823] * 3, "scale_id": ["IM", "RT", "IM"],
        "category": pd.array([None] * 3, dtype="Int64"), "data_value": [4.54, 92.03, 4.40],
        "n": pd.array([25] * 3, dtype="Int64"), "standard_error": [0.18, 4.26, 0.18],
        "lower_ci_bound": [4.18, 80.05, 4.18], "upper_ci_bound": [4.90, 97.19, 4.90],
        "recommend_suppress": pd.array([False] * 3, dtype="boolean"), "date": ["08/2023"] * 3,
        "domain_source": ["Incumbent"] * 3})


@pytest.mark.parametrize("category", [pd.array([None] * 3, dtype="Int64"), [np.nan] * 3],
                         ids=["Int64", "float"])
def test_key_given_twice_with_a_missing_cell_names_both_rows(category):
    with pytest.raises(SchemaError) as err:
        validate(_task_ratings().assign(category=category), TaskRatings, path="Task Ratings.txt", row_offset=2)
    assert str(err.value).startswith(
        "Task Ratings.txt, row 2, column 'onetsoc_code': (onetsoc_code, task_id, scale_id, category) = "
        "('11-1011.00', 8823, 'IM', missing) is on row 2 and again on row 4; keep one row per ")


def test_two_rows_of_a_missing_code_in_one_year_name_their_rows():
    panel = _panel()
    panel.loc[[0, 3], "soc_code"] = None
    panel.loc[3, "year"] = 2021
    with pytest.raises(SchemaError) as err:
        validate(panel, OccupationPanel, path="panel.parquet", row_offset=1)
    assert "(soc_code, year) = (missing, 2021) is on row 1 and again on row 4; keep one row per" in str(err.value)
    assert "is on row ;" not in str(err.value)


def test_task_ratings_without_a_copy_pass():
    """Guard: IM and RT of one task, category missing on both, are no copy of each other."""
    assert len(validate(_task_ratings().iloc[:2], TaskRatings, path="Task Ratings.txt", row_offset=2)) == 2


# 6. arguments of validate of the wrong type -------------------------------------------------
JOB_ZONES_FRAME = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.03"], "job_zone": [5, 9],
                                "date": ["08/2023", "08/2023"], "domain_source": ["Analyst", "Analyst"]})


@pytest.mark.parametrize("model, message", [
    ("JobZones", "got str 'JobZones': give the class, exposure.schemas.all_models()['JobZones']"),
    (JobZones.to_schema(), "got DataFrameSchema: give the model class itself, not the schema built from it "
                           "(Tasks, not Tasks.to_schema())"),
    (None, "got NoneType None"),
], ids=["name", "schema", "None"])
def test_a_model_that_is_not_a_model_class_is_named(model, message):
    with pytest.raises(DataFormatError) as err:
        validate(JOB_ZONES_FRAME, model, path="Job Zones.txt", row_offset=2)
    assert str(err.value) == f"model must be a schema model class (such as exposure.schemas.Tasks), {message}"


@pytest.mark.parametrize("kwargs, message", [
    ({"row_offset": "2"}, "row_offset must be a whole number of 0 or more, got str '2'"),
    ({"row_offset": True}, "row_offset must be a whole number of 0 or more, got bool True"),
    ({"max_cases": None}, "max_cases must be a whole number of 1 or more, got NoneType None"),
    ({"max_cases": 0}, "max_cases must be a whole number of 1 or more, got int 0"),
])
def test_row_offset_and_max_cases_of_the_wrong_kind_are_named(kwargs, message):
    with pytest.raises(DataFormatError) as err:
        validate(JOB_ZONES_FRAME, JobZones, path="Job Zones.txt", **kwargs)
    assert str(err.value) == message


def test_a_whole_float_row_offset_names_a_whole_row():
    with pytest.raises(SchemaError) as err:
        validate(JOB_ZONES_FRAME, JobZones, path="Job Zones.txt", row_offset=2.0)
    assert str(err.value).startswith("Job Zones.txt, row 3, column 'job_zone': job_zone must be at most 5, got 9")
    assert err.value.row == 3 and isinstance(err.value.row, int)


# 7. the line of a record below cells spanning lines -------------------------------------------
ISCO_HEADER = "conceptType,conceptUri,code,preferredLabel,altLabels,inScheme,description\n"


def _isco_row(code: str, title: str) -> str:
    """A record as ESCO writes it: inScheme over two lines, the description over three."""
    return (f'ISCOGroup,http://data.europa.eu/esco/isco/C{code},{code},"{title}",,"scheme/occupations,\n'
            f'scheme/isco","{title} plan.\nTasks include:\n(a) directing;"\n')


def test_validate_file_names_the_line_of_a_record_below_cells_spanning_lines(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "isco_small.csv").write_text(ISCO_HEADER + _isco_row("1", "Managers")
                                             + _isco_row("11", "Chief executives, senior officials")
                                             + _isco_row("12345", "Legislators"))
    code, out, err = cli(capsys, "validate", "--file", "isco_groups", "isco_small.csv")
    line = one_error_line(err, command="validate")
    assert code == 2 and out == ""
    assert line.startswith("exposure validate: error: isco_groups: isco_small.csv, row 4 (line 10), column 'code': "
                           "code must be an ISCO-08 code of 1 to 4 digits (like 0110), got '12345'")


def test_validate_file_row_of_a_file_without_such_cells_is_unchanged(tmp_path, capsys, monkeypatch):
    """Guard: where the record is on the line of its row, the row alone, as before."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "s.csv").write_text("soc10,isco08\n111011,1112\n111021,x\n")
    code, _, err = cli(capsys, "validate", "--file", "soc10_isco08", "s.csv")
    line = one_error_line(err, command="validate")
    assert code == 2 and "s.csv, row 3, column 'isco08'" in line and "(line" not in line
