"""Fault round 71, ``exposure validate``, the command line's front end and the errors module.

Faults found (each test below failed on the code before the fix):

1. :class:`exposure.errors.NothingMatchedError` and
   :class:`exposure.errors.ChecksumMismatchError` could not be unpickled: Python rebuilds
   an exception from its message alone, which these classes do not take
   (``TypeError: NothingMatchedError.__init__() missing 2 required positional arguments:
   'n_codes' and 'example'``). A roll-up run in a :class:`concurrent.futures.ProcessPoolExecutor`
   worker (one release per process) that matched nothing broke the pool:
   ``BrokenProcessPool: A process in the process pool was terminated abruptly ...``, not
   the library's error. Now both round-trip through :mod:`pickle` (and :func:`copy.copy`)
   with their message, class and parts, and the pool's caller gets the
   ``NothingMatchedError``.
2. ``exposure validate --file PATH TABLE`` (the two values swapped): ``--file jz.txt
   job_zones`` was told ``unknown table 'jz.txt' for --file; choose from ...`` and no more;
   ``--file "Job Zones.txt" job_zones`` was told ``(did you mean 'job_zones'?)``, and the
   advice followed (``--file job_zones job_zones``) gave ``job_zones: file not found``. Now
   ``unknown table 'Job Zones.txt' for --file: --file takes the table first, then the
   file: write --file job_zones 'Job Zones.txt'``.
3. ``exposure validate --file=tasks "Task Statements.txt"`` (the ``=`` of an option of
   one value) and ``--file "Task Statements.txt"`` (the table left out) were told
   ``argument --file: expected 2 arguments``, saying neither which values nor that ``=``
   gives one. Now ``... expected 2 arguments (--file takes 2 values, TABLE PATH, each
   after a space: write --file tasks PATH, not --file=tasks)`` (``(--file takes 2 values,
   TABLE PATH)`` for the second).
4. With stderr closed (``2>&-``), Python's ``sys.stderr`` is None and ``print(...,
   file=sys.stderr)`` writes to stdout: ``exposure validate --file ... > counts.txt 2>&-``
   wrote ``exposure validate: error: job_zones: nothere.txt: file not found`` into
   ``counts.txt``, among the command's output (an unknown command: argparse's usage). Now
   the error lines are dropped; the exit code (2) still tells the failure, and stdout holds
   the output only.
5. ``exposure validate --file oews_national_cross_industry_M2025.csv PATH`` (the name of
   BLS's May 2025 file, read by the table ``oews``, given as the table) was told ``unknown
   table ...; choose from ...`` without the table of that file, which the names of the
   earlier OEWS files (``national_M2024_dl.xlsx``) get. Now ``the file
   'oews_national_cross_industry_M2025.csv' holds the table 'oews': write --file oews
   PATH``.
6. A frame given to :func:`exposure.schemas.validate` with a column whose label is a
   number (``pd.concat([scores, series], axis=1)`` of a Series without a name: the column
   ``0``) named the column by its text: ``panel.csv, column '0': column '0' is not a column
   of OccupationPanel (no other column allowed)``, a name the frame has not
   (``frame.drop(columns='0')`` raised ``KeyError``). Now ``panel.csv, column 0: column 0
   is not a column of OccupationPanel (no other column allowed)``, and the error's
   ``column`` is ``0``.
"""

from __future__ import annotations

import copy
import multiprocessing
import os
import pickle
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor

import pandas as pd
import pytest
from test_faults_cli import cli, one_error_line

from exposure.errors import ChecksumMismatchError, DataFormatError, NothingMatchedError, SchemaError
from exposure.schemas import OccupationPanel, validate

JOB_ZONES = ("O*NET-SOC Code\tJob Zone\tDate\tDomain Source\r\n"
             "11-1011.00\t5\t08/2023\tAnalyst\r\n11-1011.03\t5\t08/2021\tAnalyst\r\n")


@pytest.fixture
def job_zones(tmp_path, monkeypatch):
    """A small O*NET ``Job Zones.txt`` in the current directory (``tmp_path``)."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "Job Zones.txt").write_text(JOB_ZONES, newline="")
    return tmp_path / "Job Zones.txt"


# ------------------------------------------------------------- 1. errors that unpickle
def _unmatched() -> NothingMatchedError:
    return NothingMatchedError("crosswalk", 2, "15-1132.00", "11-1011.00", path="scores.csv", row=3,
                               column="onetsoc_code").with_line(5)


def _raise_unmatched(_):
    raise _unmatched()


@pytest.mark.parametrize("error", [
    _unmatched(),
    NothingMatchedError("employment", 1, "11-1011", None),
    ChecksumMismatchError("onet/29.1/Job Zones.txt", "ab" * 32, "cd" * 32, path="/m/Job Zones.txt"),
])
def test_1_errors_round_trip_through_pickle(error):
    """1: ``TypeError: ... missing 2 required positional arguments`` when unpickled or copied."""
    for again in (pickle.loads(pickle.dumps(error)), copy.copy(error)):
        assert type(again) is type(error)
        assert str(again) == str(error)
        assert vars(again) == vars(error)


def test_1_nothing_matched_reaches_the_caller_of_a_process_pool():
    """1: the pool broke (``BrokenProcessPool``) instead of raising the library's error."""
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork")) as pool:
        with pytest.raises(NothingMatchedError) as info:
            pool.submit(_raise_unmatched, None).result()
    assert isinstance(info.value, DataFormatError)
    assert (info.value.path, info.value.row, info.value.line) == ("scores.csv", 3, 5)
    assert str(info.value) == str(_unmatched())


# ------------------------------------------------------------- 2. --file PATH TABLE
@pytest.mark.parametrize(("table", "path", "advice"), [
    ("Job Zones.txt", "job_zones", "write --file job_zones 'Job Zones.txt'"),
    ("Job Zones.txt", "Job Zones", "write --file job_zones 'Job Zones.txt'"),
    ("jz.txt", "job_zones", "write --file job_zones jz.txt"),
])
def test_2_swapped_file_values_are_told_in_order(job_zones, capsys, table, path, advice):
    """2: ``did you mean 'job_zones'?`` (followed: ``file not found``), or no advice at all."""
    code, out, err = cli(capsys, "validate", "--file", table, path)
    line = one_error_line(err, command="validate")
    assert code == 2 and out == ""
    assert f"unknown table {table!r} for --file: --file takes the table first, then the file: {advice}" in line
    assert "did you mean" not in line
    # the advice, followed, validates the file
    (job_zones.parent / "jz.txt").write_text(JOB_ZONES, newline="")
    code, out, err = cli(capsys, "validate", "--file", "job_zones", table)
    assert code == 0 and err == "" and out.split()[:2] == ["job_zones", "2"]
    # a table in another case, with a table as the path, is not taken for swapped values
    code, _, err = cli(capsys, "validate", "--file", "Tasks", "job_zones")
    line = one_error_line(err, command="validate")
    assert code == 2 and "(did you mean 'tasks'?)" in line and "takes the table first" not in line


# ------------------------------------------------------------- 3. --file=TABLE PATH
def test_3_file_with_equals_says_how_to_write_it(job_zones, capsys):
    """3: ``argument --file: expected 2 arguments`` and no more."""
    with pytest.raises(SystemExit) as info:
        cli(capsys, "validate", "--file=job_zones", "Job Zones.txt")
    err = capsys.readouterr().err
    assert info.value.code == 2
    assert ("exposure validate: error: argument --file: expected 2 arguments (--file takes 2 values, "
            "TABLE PATH, each after a space: write --file job_zones PATH, not --file=job_zones)") in err


def test_3_file_with_one_value_names_both(job_zones, capsys):
    """3: ``expected 2 arguments`` did not say which."""
    with pytest.raises(SystemExit) as info:
        cli(capsys, "validate", "--file", "Job Zones.txt")
    err = capsys.readouterr().err
    assert info.value.code == 2
    assert err.rstrip().endswith("argument --file: expected 2 arguments (--file takes 2 values, TABLE PATH)")


# ------------------------------------------------------------- 4. stderr closed
def _run_without_stderr(*args, cwd):
    """Run ``exposure ARGS`` in a process of its own whose file descriptor 2 is closed."""
    return subprocess.run([sys.executable, "-m", "exposure.cli", *args], cwd=cwd, stdout=subprocess.PIPE,
                          stdin=subprocess.DEVNULL, preexec_fn=lambda: os.close(2), timeout=300, check=False)


def test_4_errors_do_not_go_into_stdout_when_stderr_is_closed(job_zones):
    """4: ``exposure validate ... > counts.txt 2>&-`` wrote the error line among the counts."""
    run = _run_without_stderr("validate", "--file", "job_zones", "Job Zones.txt", "--file", "job_zones",
                              "nothere.txt", cwd=job_zones.parent)
    assert run.returncode == 2
    assert run.stdout.decode().split() == ["job_zones", "2", "Job", "Zones.txt"]


def test_4_usage_errors_do_not_go_into_stdout_when_stderr_is_closed(tmp_path):
    """4: argparse's usage and error went to stdout too."""
    run = _run_without_stderr("nope", cwd=tmp_path)
    assert run.returncode == 2 and run.stdout == b""


# ------------------------------------------------------------- 5. OEWS May 2025 file names
@pytest.mark.parametrize("name", ["oews_national_cross_industry_M2025.csv", "oews_national_by_industry_M2025"])
def test_5_oews_2025_file_names_are_told_their_table(job_zones, capsys, name):
    """5: no advice for the names of BLS's May 2025 files (``national_M2024_dl`` had one)."""
    code, _, err = cli(capsys, "validate", "--file", name, "national.csv")
    line = one_error_line(err, command="validate")
    assert code == 2 and f"the file {name!r} holds the table 'oews': write --file oews PATH" in line


# ------------------------------------------------------------- 6. a column labelled by a number
PANEL = pd.DataFrame({"soc_code": ["11-1011", "11-1011"], "year": [2021, 2022], "soc_title": ["CEOs", "CEOs"],
                      "soc_major": ["11-0000", "11-0000"], "code_type": ["detailed", "detailed"],
                      "tot_emp": [200000.0, 210000.0], "a_mean": [250000.0, 255000.0],
                      "a_median": [200000.0, 205000.0], "balanced": [True, True]})


def test_6_a_column_labelled_by_a_number_is_named_by_its_label():
    """6: ``column '0'``, a name the frame has not."""
    assert len(validate(PANEL, OccupationPanel)) == 2  # the frame itself is valid
    frame = pd.concat([PANEL, pd.Series([1, 2])], axis=1)
    with pytest.raises(SchemaError) as info:
        validate(frame, OccupationPanel, path="panel.csv", row_offset=2)
    assert str(info.value) == ("panel.csv, column 0: column 0 is not a column of OccupationPanel "
                               "(no other column allowed)")
    assert info.value.column == 0
    assert len(validate(frame.drop(columns=info.value.column), OccupationPanel)) == 2  # the name works


def test_6_a_numbered_column_among_others_is_named_by_its_label():
    """6: the further failures named it ``column '0'`` too."""
    frame = PANEL.rename(columns={"year": "Year"}).assign(**{"extra": 1})
    frame[7] = 1
    with pytest.raises(SchemaError) as info:
        validate(frame, OccupationPanel)
    assert "column 7: column 7 is not a column of OccupationPanel" in str(info.value)
    assert "'7'" not in str(info.value)
    assert "column 'Year': column 'Year' is not a column of OccupationPanel" in str(info.value)
