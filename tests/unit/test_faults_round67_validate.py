"""Fault round 67, ``exposure.schemas.validate`` and ``exposure validate --file``: advice and dropped columns.

Faults found (each test below failed on the code before the fix, except the guards):

1. :func:`exposure.schemas.validate` given a model by a name that is not a class's own
   advised ``all_models()`` by that name, a ``KeyError`` when followed:
   ``validate(frame, "tasks")`` said ``got str 'tasks': give the class,
   exposure.schemas.all_models()['tasks']`` (also ``"task_scores"``, ``"job_zones"``,
   ``"oews"``). ``"tasks"`` is :func:`exposure.load`'s name of the task scores and the
   name of O*NET's task statements: now both are named, each with what it is
   (``all_models()['TaskScores'] (the model of the table 'task_scores', which
   exposure.load('tasks') reads) or ... all_models()['Tasks'] (O*NET task statements)``);
   a table name of :func:`exposure.load` is told its model, a class name written another
   way (``job_zones``) or an ``exposure validate --file`` table (``oews``) its class, and a
   name of none of them a close model or where the names are.
2. ``validate(frame, model, names=[...])`` (``names`` not a mapping) raised
   ``AttributeError: 'list' object has no attribute 'items'`` once a check failed (a
   Series: pandas' "truth value ... is ambiguous"). Now ``DataFormatError: names must be
   a mapping of each column's name to its name in the file ...``.
3. A frame whose optional column of the model is a level of its index
   (``validate(scores.set_index("task"), TaskScores)``) passed and was returned without
   that column: the task texts dropped without a word (``validate`` drops the index).
   Now refused as a required column so placed is: ``column 'task' of TaskScores is a
   level of the frame's index, which is not validated (and not returned):
   frame.reset_index() makes it a column again``.
4. ``exposure validate --file TABLE PATH`` with a table it does not read advised the
   closest table by its letters, wrong where the name meant something else:
   ``task_scores`` (a table the library writes) was told ``did you mean 'tasks'?`` (O*NET's
   task statements: following it refused the file for its columns), ``TaskStatements``
   (O*NET's file of the table ``tasks``) ``did you mean 'task_ratings'?``, and
   ``crosswalk`` ``did you mean 'census_crosswalk'?``, one of three crosswalks. Now a
   published file's name is told its table (``the file 'TaskStatements' holds the table
   'tasks': write --file tasks PATH``), a table the library writes is told as such with
   what reads and validates it (``exposure.load('task_scores', directory=DIR)``), and a
   word several tables fit lists them.
5. ``exposure fetch --timeout 1e10 --deadline 1e10`` (no limit, written as a big number)
   was accepted, and a download raised ``OverflowError: timestamp out of range for
   platform time_t`` from inside the socket (a traceback; with a mirror nothing is
   downloaded and the options passed unseen, exit 0). Now refused as the option is
   parsed, exit 2: ``argument --timeout: expected at most 9223372036 seconds (about 292
   years, the longest a socket waits), got '1e10'``; the longest a socket takes
   (``threading.TIMEOUT_MAX``) is still accepted.
6. Numbers at the limits in a frame given to :func:`exposure.schemas.validate`: a whole
   number of more than 4,300 digits, as text (a damaged cell of an ``occupation_panel``
   saved through CSV: ``exposure outcomes --panel``) or as a Python int, raised Python's
   ``ValueError: Exceeds the limit (4300 digits) for integer string conversion`` (a
   traceback); a whole number too large for a float (``10**400``) in a float column said
   ``column 'tot_emp': tot_emp must be finite (not infinity), got text
   'OverflowError("int too large to convert to float")' (check finite)``, naming no row.
   Now ``p.parquet, row 1, column 'year': year must be a whole number of at most 64 bits
   (below 2**63), got text of 5000 characters (11111111111111111111...)`` and ``row 0,
   column 'tot_emp': tot_emp must be a number a float holds (at most about 1.8e308 in
   size), got a whole number of 1329 bits (about 2**1328)``.
"""

from __future__ import annotations

import re
import shutil

import pandas as pd
import pandera.pandas as pa
import pytest
from test_faults_cli import cli, one_error_line

import exposure
from exposure._load import processed_dir
from exposure.errors import DataFormatError, SchemaError
from exposure.reports.sources import READERS
from exposure.schemas import JobZones, OccupationPanel, SocScores, TaskScores, all_models, validate

JOB_ZONES = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.03"], "job_zone": [5, 4],
                          "date": ["08/2023", "08/2023"], "domain_source": ["Analyst", "Analyst"]})
TASKS_TXT = ("O*NET-SOC Code\tTask ID\tTask\tTask Type\tIncumbents Responding\tDate\tDomain Source\r\n"
             "11-1011.00\t8823\tDirect budgets.\tCore\t87\t08/2023\tIncumbent\r\n")


def _advice(model) -> str:
    with pytest.raises(DataFormatError) as err:
        validate(JOB_ZONES, model)
    return str(err.value)


def _advised(message: str) -> list[str]:
    """The keys of ``all_models()`` a message advises."""
    return re.findall(r"all_models\(\)\['(\w+)'\]", message)


# 1. a model given by a name: the advice names classes that exist --------------------------
@pytest.mark.parametrize("name, models", [
    ("tasks", ["TaskScores", "Tasks"]),
    ("occupations", ["OccupationScores", "Occupations"]),
    ("task_scores", ["TaskScores"]),
    ("soc", ["SocScores"]),
    ("job_zones", ["JobZones"]),
    ("Job Zones", ["JobZones"]),
    ("oews", ["Employment"]),
    ("census_crosswalk", ["OnetToCensus"]),
    ("jobzone", ["JobZones"]),
])
def test_a_model_given_by_a_name_is_told_a_class_that_exists(name, models):
    message = _advice(name)
    assert message.startswith(f"model must be a schema model class (such as exposure.schemas.Tasks), "
                              f"got str {name!r}: give the class")
    assert _advised(message) == models
    for model in models:  # following the advice works: no KeyError
        assert issubclass(all_models()[model], pa.DataFrameModel)


def test_tasks_names_both_models_with_what_each_is():
    assert _advice("tasks").endswith(
        "give the class, exposure.schemas.all_models()['TaskScores'] (the model of the table 'task_scores', "
        "which exposure.load('tasks') reads) or exposure.schemas.all_models()['Tasks'] (O*NET task statements)")


def test_a_name_of_no_model_advises_no_missing_key():
    message = _advice("nothing_like_it")
    assert _advised(message) == []
    assert message.endswith("give the class; exposure.schemas.all_models() holds every model by its name")


def test_every_file_table_name_is_told_a_model():
    for table in READERS:
        advised = _advised(_advice(table))
        assert advised and all(m in all_models() for m in advised), table


def test_a_class_name_is_advised_as_before():
    """Guard: the class's own name keeps its message (round 62)."""
    assert _advice("JobZones").endswith("got str 'JobZones': give the class, "
                                        "exposure.schemas.all_models()['JobZones']")


# 2. names= that is not a mapping ------------------------------------------------------------
@pytest.mark.parametrize("names", [["job_zone"], pd.Series({"job_zone": "Job Zone"})], ids=["list", "Series"])
def test_names_that_is_not_a_mapping_is_named(names):
    with pytest.raises(DataFormatError) as err:
        validate(JOB_ZONES.assign(job_zone=[5, 9]), JobZones, path="Job Zones.txt", names=names)
    assert str(err.value).startswith("names must be a mapping of each column's name to its name in the file")


def test_names_as_a_dict_names_the_file_column():
    """Guard: a dict renames the column in the error, as before."""
    with pytest.raises(SchemaError) as err:
        validate(JOB_ZONES.assign(job_zone=[5, 9]), JobZones, path="Job Zones.txt", row_offset=2,
                 names={"job_zone": "Job Zone"})
    assert err.value.column == "Job Zone" and err.value.row == 3


# 3. an optional column held as a level of the index -----------------------------------------
def _scores():
    return exposure.load("task_scores").head(4)


def test_an_optional_column_in_the_index_is_not_dropped_without_a_word():
    with pytest.raises(SchemaError) as err:
        validate(_scores().set_index("task"), TaskScores, path="scores.parquet")
    assert str(err.value) == ("scores.parquet, column 'task': column 'task' of TaskScores is a level of the "
                              "frame's index, which is not validated (and not returned): frame.reset_index() "
                              "makes it a column again")
    assert err.value.column == "task"


def test_optional_bounds_in_the_index_are_named_together():
    soc = exposure.load("soc_scores").head(3)
    with pytest.raises(SchemaError) as err:
        validate(soc.set_index(["alpha_ci_low", "alpha_ci_high"]), SocScores)
    assert "columns 'alpha_ci_low', 'alpha_ci_high' of SocScores are levels of the frame's index" in str(err.value)


def test_an_optional_column_in_the_index_and_the_columns_passes():
    """Guard: ``set_index("task", drop=False)`` keeps the column; an index of another name is dropped."""
    scores = _scores()
    assert validate(scores.set_index("task", drop=False), TaskScores)["task"].tolist() == scores["task"].tolist()
    assert len(validate(scores.rename_axis("row"), TaskScores)) == 4


# 4. exposure validate --file with a table it does not read ----------------------------------
def _file_error(capsys, tmp_path, table):
    path = tmp_path / "Task Statements.txt"
    path.write_text(TASKS_TXT, encoding="utf-8")
    code, out, err = cli(capsys, "validate", "--file", table, path)
    assert code == 2 and out == ""
    line = one_error_line(err, command="validate")
    return line.split("; choose from ")[0]


def test_a_table_the_library_writes_is_not_told_to_be_read_as_tasks(tmp_path, capsys):
    line = _file_error(capsys, tmp_path, "task_scores")
    assert line == ("exposure validate: error: unknown table 'task_scores' for --file: 'task_scores' is a table the "
                    "library writes, not a source this command reads; exposure.load('task_scores', directory=DIR) "
                    "reads and validates DIR/task_scores.parquet (in Python)")
    # the advice works: a task_scores.parquet alone in a directory is read and validated
    shutil.copy(processed_dir() / "task_scores.parquet", tmp_path / "task_scores.parquet")
    assert len(exposure.load("task_scores", directory=tmp_path)) > 0


@pytest.mark.parametrize("table", ["TaskStatements", "Task Statements.txt", "task statements"])
def test_the_name_of_o_nets_file_is_told_its_table(tmp_path, capsys, table):
    line = _file_error(capsys, tmp_path, table)
    assert line.endswith(f"unknown table {table!r} for --file: the file {table!r} holds the table 'tasks': "
                         "write --file tasks PATH")
    code, out, _ = cli(capsys, "validate", "--file", "tasks", tmp_path / "Task Statements.txt")  # as advised
    assert code == 0 and out.split()[:2] == ["tasks", "1"]


def test_a_word_of_several_tables_lists_them(tmp_path, capsys):
    assert _file_error(capsys, tmp_path, "crosswalk").endswith(
        "(did you mean one of 'onet_to_soc', 'soc_2010_to_2018', 'census_crosswalk'?)")


@pytest.mark.parametrize("table, meant", [("task", "tasks"), ("Tasks", "tasks"), ("Job Zones", "job_zones"),
                                          ("OEWS", "oews"), ("census", "census_crosswalk")])
def test_a_table_written_another_way_is_told_as_before(tmp_path, capsys, table, meant):
    """Guard (but ``census``, told nothing before): a table's name mistyped is told the table."""
    assert _file_error(capsys, tmp_path, table).endswith(f"(did you mean {meant!r}?)")


# 5. exposure fetch --timeout / --deadline beyond what a socket takes -------------------------
@pytest.mark.parametrize("option", ["--timeout", "--deadline"])
def test_a_timeout_no_socket_takes_is_refused(tmp_path, capsys, option):
    with pytest.raises(SystemExit) as info:  # argparse's exit, before anything is fetched
        cli(capsys, "fetch", "--mirror", tmp_path, "--data-dir", tmp_path / "cache", option, "1e10",
            "onet/29.1/Job Zones.txt")
    out, err = capsys.readouterr()
    lines = [ln for ln in err.splitlines() if ": error: " in ln]
    assert info.value.code == 2 and out == "" and "Traceback" not in err
    assert lines == [f"exposure fetch: error: argument {option}: expected at most 9223372036 seconds "
                     "(about 292 years, the longest a socket waits), got '1e10'"]
    assert not (tmp_path / "cache").exists()


def test_the_longest_timeout_a_socket_takes_is_accepted():
    """Guard: ``threading.TIMEOUT_MAX`` itself is a timeout a socket takes."""
    import socket
    import threading

    from exposure.cli._data import _seconds

    with socket.socket() as sock:
        sock.settimeout(_seconds(repr(threading.TIMEOUT_MAX)))


# 6. numbers at the limits ---------------------------------------------------------------
def _panel(column, value, rows=4):
    panel = exposure.load("occupation_panel").head(rows)
    cells = panel[column].astype(object).tolist()
    cells[0] = value
    return panel.assign(**{column: pd.Series(cells, dtype=object)})


@pytest.mark.parametrize("value, got", [
    ("1" * 5000, "got text of 5000 characters (11111111111111111111...)"),
    (10**5000, "got a whole number of 16610 bits (about 2**16609)"),
], ids=["text", "int"])
def test_a_whole_number_of_thousands_of_digits_is_named(value, got):
    with pytest.raises(SchemaError) as err:
        validate(_panel("year", value), OccupationPanel, path="p.parquet", row_offset=1)
    assert str(err.value) == f"p.parquet, row 1, column 'year': year must be a whole number of at most 64 bits " \
                             f"(below 2**63), {got}"


@pytest.mark.parametrize("value, got", [(10**400, "about 2**1328"), (-(10**400), "about -2**1328"),
                                        (2**1024, "about 2**1024")], ids=["10**400", "-10**400", "2**1024"])
def test_a_whole_number_no_float_holds_is_named_by_row(value, got):
    with pytest.raises(SchemaError) as err:
        validate(_panel("tot_emp", value), OccupationPanel, path="p.parquet", row_offset=1)
    assert str(err.value).startswith("p.parquet, row 1, column 'tot_emp': tot_emp must be a number a float holds "
                                     "(at most about 1.8e308 in size), got a whole number of ")
    assert str(err.value).endswith(f" bits ({got})") and err.value.row == 1


def test_the_largest_whole_number_a_float_holds_passes():
    """Guard: 2**1023 is a float (as before), and 2**63 in a float column too."""
    out = validate(_panel("tot_emp", 2**1023), OccupationPanel)
    assert out["tot_emp"].iloc[0] == float(2**1023)
    assert validate(_panel("tot_emp", 2**63), OccupationPanel)["tot_emp"].iloc[0] == float(2**63)


def test_outcomes_names_a_damaged_year_of_a_panel(tmp_path, capsys):
    panel = exposure.load("occupation_panel").astype({"year": str})
    panel.loc[0, "year"] = "1" * 5000  # a cell of a panel saved through CSV, read back as text
    panel.to_parquet(tmp_path / "p.parquet")
    code, _, err = cli(capsys, "outcomes", "--panel", tmp_path / "p.parquet", "-o", tmp_path / "out")
    assert code == 2
    assert one_error_line(err, command="outcomes").endswith(
        "p.parquet, row 1, column 'year': year must be a whole number of at most 64 bits (below 2**63), got text "
        "of 5000 characters (11111111111111111111...)")
