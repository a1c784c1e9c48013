"""Round 81, output paths (second part): the report commands name a path as typed, and a special file says which.

1. ``exposure report agreement --out-dir ./f.csv/x`` (``f.csv`` a file) said ``output path
   f.csv/x lies under f.csv, which is a file, not a directory``: the report's folder was
   ``Path(out_dir) / name`` and its ``parent``, which drop the ``./``
   (:func:`exposure.cli._report.check_report_outputs`, ``run_agreement``). Now ``output path
   ./f.csv/x lies under ./f.csv, which is a file, not a directory``
   (:func:`exposure._io.given_parent`: the folder as written). ``exposure report rubric
   --out-dir ./o`` with a named pipe ``o/rubric_agreement.csv`` said ``o/rubric_agreement.csv:
   cannot write: exists and is not a regular file (a device, pipe or socket); give a file
   name``; now ``./o/rubric_agreement.csv: cannot write: exists and is not a regular file (a
   named pipe); give a file name``.
2. ``exposure train --out ./f.csv/m.npz`` said ``output path f.csv/m.npz lies under f.csv,
   which is a file, not a directory`` (``check_train_output`` reads ``--out`` as a ``Path``).
   Now :func:`exposure.cli._evaluate.check_artifact_name` says it first, as given: ``output
   path ./f.csv/m.npz lies under ./f.csv, which is a file, not a directory``.
3. ``exposure outcomes -o ./o``, ``compare -o ./o`` and ``validate --report-dir ./o`` with a
   named pipe at a report's name said ``o/outcomes.json: is not a regular file (a named
   pipe), ...`` (``o/measures_table.csv``, ``o/validate_row_counts.csv``):
   :func:`exposure._outdir.check_report_files` was given the ``Path`` of the directory. Now
   ``./o/outcomes.json: is not a regular file (a named pipe), where -o/--output writes the
   file outcomes.json: move it away or give another -o/--output``. ``exposure compare -o
   ./f.csv/x`` said ``output path f.csv/x lies under f.csv, ...`` and ``-o ./r.csv``
   ``-o/--output r.csv names the directory ...`` (``Path(args.output)``); now ``./f.csv/x``,
   ``./f.csv`` and ``./r.csv``, as ``outcomes`` and ``validate`` name theirs.
4. A special file in the way said not which: :func:`exposure._io.under_file` ``lies under
   ./p, which is a special file (a named pipe, device or socket), not a directory``, and
   :func:`exposure._io.check_output_path` (every ``-o`` file) and the writers
   (``write_csv`` and the others: ``_check_destination``) ``exists and is not a regular file
   (a device, pipe or socket)``. Now ``which is a named pipe, not a directory`` (``a
   socket``, ``a device``, ``a symbolic link to the device /dev/null``) and ``exists and is
   not a regular file (a named pipe); give a file name`` (``(a socket)``, ``(a device)``),
   in the words of :func:`exposure._io.entry_kind`.
5. :func:`exposure._io.check_xlsx` warned of a time of day in nanoseconds (an Arrow
   ``time64[ns]`` column, as a Parquet input holds it) cut short: ``1 cells hold times finer
   than a millisecond (first: row 2, column 'at': 01:02:03)``, a time the sheet keeps. Now
   the cell as it is: ``(first: row 2, column 'at': 01:02:03.000000001)``.
"""

from __future__ import annotations

import logging
import os
import socket

import pandas as pd
import pyarrow as pa
import pytest

from exposure._io import check_output_path, check_xlsx, under_file, write_csv
from exposure.errors import OutputError

_TASKS = "task\nWeld.\n"


@pytest.fixture
def in_tmp(tmp_path, env_in_tmp):
    """The current directory is ``tmp_path``, holding a file ``f.csv`` (the user's task file); no mirror."""
    (tmp_path / "f.csv").write_text(_TASKS)
    return tmp_path


def _run(args, capsys):
    from exposure.cli import main

    code = main(args)
    return code, capsys.readouterr().err.strip().splitlines()[-1]


# 1. exposure report --out-dir: the report's folder as given ----------------------------------

def test_report_agreement_out_dir_under_a_file_is_named_as_given(in_tmp, capsys):
    assert _run(["report", "agreement", "--out-dir", "./f.csv/x"], capsys) == (
        2, "exposure report agreement: error: output path ./f.csv/x lies under ./f.csv, which is a file, "
           "not a directory")
    assert (in_tmp / "f.csv").read_text() == _TASKS and sorted(os.listdir(in_tmp)) == ["f.csv"]


def test_report_rubric_named_pipe_is_named_as_given(in_tmp, capsys):
    (in_tmp / "o").mkdir()
    os.mkfifo(in_tmp / "o" / "rubric_agreement.csv")
    assert _run(["report", "rubric", "--out-dir", "./o"], capsys) == (
        2, "exposure report rubric: error: ./o/rubric_agreement.csv: cannot write: exists and is not a regular "
           "file (a named pipe); give a file name")
    assert os.listdir(in_tmp / "o") == ["rubric_agreement.csv"]


# 2. exposure train --out: as given ----------------------------------------------------------

def test_train_out_under_a_file_is_named_as_given(in_tmp, capsys):
    assert _run(["train", "--out", "./f.csv/m.npz"], capsys) == (
        2, "exposure train: error: output path ./f.csv/m.npz lies under ./f.csv, which is a file, not a directory")
    assert (in_tmp / "f.csv").read_text() == _TASKS and sorted(os.listdir(in_tmp)) == ["f.csv"]


def test_check_artifact_name_refuses_a_path_under_a_file(in_tmp):
    from exposure._outdir import OutputPathError
    from exposure.cli._evaluate import check_artifact_name

    with pytest.raises(OutputPathError) as info:
        check_artifact_name("./f.csv/new/m.npz")
    assert str(info.value) == "output path ./f.csv/new/m.npz lies under ./f.csv, which is a file, not a directory"
    check_artifact_name("./new/m.npz")  # a folder to be made: left to the writer


# 3. outcomes, compare, validate: a report file of the directory, as given --------------------

@pytest.mark.parametrize(("command", "name"), [
    (["outcomes", "-o", "./o"], "outcomes.json"),
    (["compare", "-o", "./o"], "measures_table.csv"),
    (["validate", "--report-dir", "./o"], "validate_row_counts.csv"),
])
def test_report_file_of_a_directory_is_named_as_given(in_tmp, capsys, command, name):
    (in_tmp / "o").mkdir()
    os.mkfifo(in_tmp / "o" / name)
    option = command[1] if command[1] == "--report-dir" else "-o/--output"
    assert _run(command, capsys) == (
        2, f"exposure {command[0]}: error: ./o/{name}: is not a regular file (a named pipe), where {option} "
           f"writes the file {name}: move it away or give another {option}")
    assert os.listdir(in_tmp / "o") == [name]


def test_compare_output_is_named_as_given(in_tmp, capsys):
    assert _run(["compare", "-o", "./f.csv/x"], capsys) == (
        2, "exposure compare: error: output path ./f.csv/x lies under ./f.csv, which is a file, not a directory")
    assert _run(["compare", "-o", "./r.csv"], capsys) == (
        2, "exposure compare: error: -o/--output ./r.csv names the directory that gets the reports (measures_*.csv, "
           "microsoft_rebuild.csv), but 'r.csv' is named like a .csv file: give a directory")
    assert sorted(os.listdir(in_tmp)) == ["f.csv"]


# 4. a special file in the way says which ------------------------------------------------------

@pytest.fixture
def special(in_tmp):
    """A named pipe ``p``, a socket ``s`` and a link ``dev`` to /dev/null in the current directory."""
    os.mkfifo("p")
    sock = socket.socket(socket.AF_UNIX)
    sock.bind("s")  # relative: a socket's path is short
    os.symlink("/dev/null", "dev")
    yield in_tmp
    sock.close()


@pytest.mark.parametrize(("path", "what"), [
    ("./p/o/s.csv", "./p, which is a named pipe"),
    ("s/s.csv", "s, which is a socket"),
    ("./dev/s.csv", "./dev, which is a symbolic link to the device /dev/null"),
    ("/dev/null/s.csv", "/dev/null, which is a device"),
])
def test_under_a_special_file_says_which(special, path, what):
    assert under_file(path) == f"lies under {what}, not a directory"


def test_score_output_under_a_named_pipe_says_so(special, capsys):
    assert _run(["score", "f.csv", "-o", "./p/s.csv", "--method", "rubric"], capsys) == (
        2, "exposure score: error: ./p/s.csv: cannot write: it lies under ./p, which is a named pipe, not a directory")


@pytest.mark.parametrize(("path", "what"), [
    ("./p", "a named pipe"), ("s", "a socket"), ("dev", "a device"), ("/dev/null", "a device"),
])
def test_output_that_is_a_special_file_says_which(special, path, what):
    with pytest.raises(OutputError) as info:
        check_output_path(path)
    assert str(info.value) == f"{path}: cannot write: exists and is not a regular file ({what}); give a file name"


@pytest.mark.parametrize(("path", "what"), [("p", "a named pipe"), ("s", "a socket")])
def test_writer_over_a_special_file_says_which(special, path, what):
    with pytest.raises(OutputError) as info:
        write_csv(pd.DataFrame({"task": ["Weld."]}), path)
    assert str(info.value) == f"{path}: cannot write: exists and is not a regular file ({what})"
    assert sorted(os.listdir(special)) == ["dev", "f.csv", "p", "s"]


def test_score_output_that_is_a_named_pipe_says_so(special, capsys):
    code, err = _run(["score", "f.csv", "-o", "p", "--method", "rubric"], capsys)
    assert (code, err) == (2, "exposure score: error: p: cannot write: exists and is not a regular file "
                              "(a named pipe); give a file name")


# 5. the .xlsx warning of times finer than a millisecond shows the cell as it is ---------------

def _times(values, unit):
    return pd.Series(pd.arrays.ArrowExtensionArray(pa.array(values, pa.time64(unit))))


def test_xlsx_warning_shows_a_nanosecond_time_whole(caplog):
    frame = pd.DataFrame({"task": ["a", "b", "c"], "at": _times([None, 3723000000001, 3723000000000], "ns")})
    with caplog.at_level(logging.WARNING, logger="exposure._io"):
        check_xlsx(frame, "o.xlsx")
    assert [r.getMessage() for r in caplog.records] == [
        "o.xlsx: 1 cells hold times finer than a millisecond (first: row 3, column 'at': 01:02:03.000000001), "
        "which an .xlsx sheet does not keep: they are written cut to the millisecond; write .csv or .parquet to "
        "keep them"]


def test_xlsx_warning_of_microseconds_as_before(caplog):
    frame = pd.DataFrame({"task": ["a"], "at": _times([3723000001], "us")})
    with caplog.at_level(logging.WARNING, logger="exposure._io"):
        check_xlsx(frame, "o.xlsx")
    assert "(first: row 2, column 'at': 01:02:03.000001)" in caplog.records[0].getMessage()


def test_nanosecond_time_in_the_sheet_is_cut_to_the_millisecond(tmp_path, caplog):
    """What the warning says: the sheet holds 01:02:03.001, the input 01:02:03.001000001."""
    from exposure._io import write_xlsx

    frame = pd.DataFrame({"task": ["a"], "at": _times([3723001000001], "ns")})
    with caplog.at_level(logging.WARNING, logger="exposure._io"):
        write_xlsx(frame, tmp_path / "o.xlsx")
    assert "column 'at': 01:02:03.001000001)" in caplog.text
    back = pd.read_excel(tmp_path / "o.xlsx")
    assert str(back["at"].iloc[0]) == "01:02:03.001000"

