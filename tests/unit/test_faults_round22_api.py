"""Fault round 22, the public API, the argument checks and the command dispatcher.

Faults found (each test below fails on the code before the fix):

1. ``exposure --help``, ``--version``, ``exposure`` alone and a short listing
   (``exposure sources NAME``) into a pipe whose reader has gone exited 120 after
   ``Exception ignored in: <_io.TextIOWrapper name='<stdout>' ...> BrokenPipeError``
   (the output sat in stdout's buffer until the interpreter's last flush); now 141,
   silently, as the long listings did.
2. ``exposure sources >&-`` (stdout closed) printed nothing and exited 0; now
   ``standard output is closed`` and exit 2.
3. ``exposure.load("soc", directory="")`` (and ``load_manifest("")``) read the current
   directory (``processed table 'soc_scores' not found at soc_scores.parquet``); refused
   as empty.
4. ``exposure.load("soc_scores.parquet")`` / ``load("out/soc_scores.parquet")`` said only
   ``unknown table ...; choose one of ...``; now names the table and ``directory=``.
5. ``check_positive(10**400, ...)`` / ``check_count(10**400, ...)`` raised
   ``OverflowError: int too large to convert to float`` (and an int of 5000 digits a
   ``ValueError`` from ``repr``); refused naming the argument.
6. ``check_path("")`` returned ``Path(".")`` (the current directory) and
   ``check_path("a\\0b")`` a path that raised ``ValueError: embedded null byte`` where it
   was opened; both refused naming the argument.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

import exposure
from exposure import _args
from exposure._load import load_manifest
from exposure.errors import DataFormatError, ExposureError


def _run_closed_pipe(args):
    """Run ``python -m exposure.cli ARGS`` with stdout a pipe whose reader is closed."""
    env = dict(os.environ)
    env.pop("PYTHONUNBUFFERED", None)  # as in a terminal: stdout into a pipe is buffered
    read, write = os.pipe()
    os.close(read)
    try:
        done = subprocess.run([sys.executable, "-m", "exposure.cli", *args], stdout=write,
                              stderr=subprocess.PIPE, env=env, timeout=120)
    finally:
        os.close(write)
    return done.returncode, done.stderr.decode()


@pytest.mark.parametrize("args", [["--help"], ["--version"], [], ["score", "--help"],
                                  ["sources", "onet/29.1/Task Statements.txt"]])
def test_closed_pipe_exits_141_quietly(args):
    code, err = _run_closed_pipe(args)
    assert code == 141
    assert "BrokenPipeError" not in err and "Exception ignored" not in err


def test_closed_stdout_is_an_error():
    env = dict(os.environ)
    done = subprocess.run([sys.executable, "-m", "exposure.cli", "sources",
                           "onet/29.1/Task Statements.txt"], stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, env=env, timeout=120,
                          preexec_fn=lambda: os.close(1))
    err = done.stderr.decode()
    assert done.returncode == 2
    assert err.strip() == ("exposure sources: error: standard output is closed: the command's "
                           "output cannot be shown; redirect it to a file or to /dev/null")


def test_closed_stdout_help_still_shown_on_stderr():
    done = subprocess.run([sys.executable, "-m", "exposure.cli", "--version"],
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=120,
                          preexec_fn=lambda: os.close(1))
    assert done.returncode == 0 and done.stderr.decode().startswith("exposure ")


@pytest.mark.parametrize("call", [lambda: exposure.load("soc", directory=""),
                                  lambda: load_manifest("")])
def test_empty_directory_refused(call, tmp_path, monkeypatch):
    (tmp_path / "soc_scores.parquet").write_bytes(b"not read")
    (tmp_path / "manifest.json").write_text("{}")
    monkeypatch.chdir(tmp_path)  # "" was the current directory
    with pytest.raises(DataFormatError, match=r"^directory is empty: give an output directory"):
        call()


def test_table_file_name_named():
    with pytest.raises(ExposureError, match=r"give the table's name, 'soc_scores', not its file name$"):
        exposure.load("soc_scores.parquet")
    with pytest.raises(ExposureError, match=r"pass directory='out'\)$"):
        exposure.load("out/soc_scores.parquet")
    with pytest.raises(ExposureError, match=r"^unknown table 'jobs'; choose one of"):
        exposure.load("jobs")


@pytest.mark.parametrize("check", [_args.check_positive, _args.check_count])
def test_huge_int_refused(check):
    with pytest.raises(DataFormatError, match=r"^n must be .*, got int 1000000"):
        check(10**400, "n")
    with pytest.raises(DataFormatError, match=r"^n must be .*, got int of 16610 bits$"):
        check(10**5000, "n")


def test_check_path_empty_and_nul():
    with pytest.raises(DataFormatError, match=r"^path is empty: give a file path"):
        _args.check_path("", "path")
    with pytest.raises(DataFormatError, match=r"^out is empty: give a directory path"):
        _args.check_path("", "out", "a directory path")
    with pytest.raises(DataFormatError, match=r"^path 'a\\x00b' holds a NUL character"):
        _args.check_path("a\0b", "path")
    assert _args.check_path("x.csv", "path").name == "x.csv"
