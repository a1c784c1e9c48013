"""Round 81, output paths: messages name a path as the user gave it, and say what a special file is.

1. ``exposure score in.csv -o ./f.csv/s.csv`` (``f.csv`` a file) said ``f.csv/s.csv: cannot
   write: it lies under f.csv, which is a file, not a directory``: the ``./`` the user typed
   was dropped (:func:`exposure._io.check_output_path` named ``Path(output)``), while
   ``exposure evaluate --out`` said ``./f.csv/s.csv``. Now ``./f.csv/s.csv: cannot write: it
   lies under ./f.csv, which is a file, not a directory``.
2. :func:`exposure._io.under_file` named the file in the way without the ``./`` given
   (``exposure evaluate --out ./f.csv/e.csv``: ``output path ./f.csv/e.csv lies under f.csv,
   ...``; ``exposure outcomes -o ./f.csv/o``: ``output path f.csv/o lies under f.csv, ...``).
   Now ``lies under ./f.csv, which is a file, not a directory``, and the output path is the
   one given (:func:`exposure._outdir.check_files_dir`, ``check_output_file``).
3. ``exposure.cli.path_option`` dropped a leading ``./`` (``Path("./r")`` is ``r``):
   ``exposure report agreement --out-dir ./f.csv`` said ``--out-dir f.csv names the
   directory that gets agreement.csv, but 'f.csv' is an existing file, not a directory:
   give a directory``. Now ``--out-dir ./f.csv names the directory ...``: ``os.fspath`` of
   the option's value keeps the text given (the path still equals ``Path("r")``).
4. :func:`exposure._outdir.check_report_files` said ``o/a.csv: is not a regular file (a
   named pipe, device or socket), where ...`` without saying which. Now ``o/a.csv: is not a
   regular file (a named pipe), where -o/--output writes the file a.csv: move it away or
   give another -o/--output`` (``(a device)`` for a link to ``/dev/null``), in the words of
   :func:`exposure._io.entry_kind`, and the directory is named as given (``./o/a.csv``).
5. ``exposure score in.csv -o f.csv/`` (``f.csv`` an existing file) said ``f.csv/: cannot
   write: the output must be a file name, not a directory path (ends in '/'): give e.g.
   f.csv/scores.csv``: a path under a file, refused in turn. Now ``... (ends in '/'): give
   e.g. scores.csv (f.csv is a file, not a directory; f.csv without the '/' would replace
   it)``; a path ending in ``/`` with nothing there keeps its example (``nod/scores.csv``).
6. An output under a symbolic link to a file (``exposure score in.csv -o lnk/s.csv``) said
   ``it lies under lnk, which is a file, not a directory``; now ``it lies under lnk, which
   is a symbolic link to the file f.csv, not a directory`` (:func:`exposure._io.not_directory`).
7. An output directory that is a file, a named pipe or a symbolic link to a file said
   ``lnk: output exists and is not a directory`` (``exposure outcomes``, ``compare``,
   ``validate``, ``report``: :func:`exposure._outdir.check_files_dir`), and ``output path
   /d/f.csv exists and is not a directory`` for ``exposure rollup -o lnk`` (the link's target,
   not the path given: :func:`exposure._outdir.check_output_dir`), saying neither what is
   there nor what to do. Now ``lnk: output exists and is not a directory (a symbolic link to
   the file f.csv): give a directory (one that does not exist is made)`` and ``output path
   /d/lnk exists and is not a directory (a symbolic link to the file f.csv): give a directory
   (one that does not exist is made)`` (``(a file)``, ``(a named pipe)`` for those).
"""

from __future__ import annotations

import os

import pytest

from exposure._io import check_output_path, under_file
from exposure._outdir import (
    OutputPathError,
    check_files_dir,
    check_output_dir,
    check_report_files,
    refuse_file_named_dir,
)
from exposure.errors import DataFormatError, OutputError


@pytest.fixture
def in_tmp(tmp_path, monkeypatch):
    """The current directory is ``tmp_path``, holding a file ``f.csv`` (the user's task file)."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "f.csv").write_text("task\nWeld.\n")
    return tmp_path


# 1. check_output_path names the output as given -------------------------------------------

def test_output_under_a_file_is_named_as_given(in_tmp):
    with pytest.raises(OutputError) as info:
        check_output_path("./f.csv/s.csv")
    assert str(info.value) == "./f.csv/s.csv: cannot write: it lies under ./f.csv, which is a file, not a directory"


def test_score_names_the_output_as_given(in_tmp, capsys):
    from exposure.cli import main

    code = main(["score", "f.csv", "-o", "./f.csv/s.csv", "--method", "rubric"])
    err = capsys.readouterr().err.strip()
    assert (code, err) == (2, "exposure score: error: ./f.csv/s.csv: cannot write: it lies under ./f.csv, "
                              "which is a file, not a directory")
    assert (in_tmp / "f.csv").read_text() == "task\nWeld.\n" and sorted(os.listdir(in_tmp)) == ["f.csv"]


# 2. under_file names the file in the way as given ------------------------------------------

@pytest.mark.parametrize(("given", "parent"), [
    ("./f.csv/o", "./f.csv"),
    ("./f.csv/a/b/", "./f.csv"),
    ("f.csv/o", "f.csv"),
    ("./sub/../f.csv/o", "./sub/../f.csv"),
])
def test_under_file_names_the_parent_as_given(in_tmp, given, parent):
    (in_tmp / "sub").mkdir()
    assert under_file(given) == f"lies under {parent}, which is a file, not a directory"


def test_under_file_of_directories_only(in_tmp):
    assert under_file("./new/o") is None and under_file("/") is None and under_file("f.csv") is None


def test_report_directory_under_a_file_is_named_as_given(in_tmp):
    with pytest.raises(OutputPathError) as info:
        check_files_dir("./f.csv/o")
    assert str(info.value) == "output path ./f.csv/o lies under ./f.csv, which is a file, not a directory"
    assert sorted(os.listdir(in_tmp)) == ["f.csv"]


# 3. path_option keeps the "./" given -------------------------------------------------------

def test_path_option_keeps_a_leading_dot_slash():
    from pathlib import Path

    from exposure.cli import path_option

    value = path_option("./r")
    assert (os.fspath(value), value == Path("r"), os.fspath(path_option("r"))) == ("./r", True, "r")


def test_report_out_dir_that_is_a_file_is_named_as_given(in_tmp, capsys):
    from exposure.cli import main

    code = main(["report", "agreement", "--out-dir", "./f.csv"])
    err = capsys.readouterr().err.strip()
    assert (code, err) == (2, "exposure report agreement: error: --out-dir ./f.csv names the directory that gets "
                              "agreement.csv, but 'f.csv' is an existing file, not a directory: give a directory")
    assert (in_tmp / "f.csv").read_text() == "task\nWeld.\n"


def test_refuse_file_named_dir_names_the_path_as_given(in_tmp):
    from exposure.cli import path_option

    with pytest.raises(OutputPathError, match=r"^-o/--output \./r\.xlsx names the directory"):
        refuse_file_named_dir(path_option("./r.xlsx"), "-o/--output", "the roll-up's tables")


# 4. check_report_files says which special file ---------------------------------------------

def test_report_file_that_is_a_named_pipe_says_so(in_tmp):
    (in_tmp / "o").mkdir()
    os.mkfifo(in_tmp / "o" / "a.csv")
    with pytest.raises(OutputPathError) as info:
        check_report_files("./o", ["b.csv", "a.csv"], "-o/--output")
    assert str(info.value) == ("./o/a.csv: is not a regular file (a named pipe), where -o/--output writes the "
                               "file a.csv: move it away or give another -o/--output")
    assert sorted(os.listdir(in_tmp / "o")) == ["a.csv"]


def test_report_file_that_is_a_device_says_so(in_tmp):
    (in_tmp / "o").mkdir()
    os.symlink("/dev/null", in_tmp / "o" / "a.csv")
    with pytest.raises(OutputPathError) as info:
        check_report_files(in_tmp / "o", ["a.csv"], "--reports")
    assert str(info.value) == (f"{in_tmp}/o/a.csv: is not a regular file (a device), where --reports writes "
                               "the file a.csv: move it away or give another --reports")


def test_outcomes_report_file_that_is_a_named_pipe(in_tmp, capsys):
    from exposure.cli import main

    (in_tmp / "o").mkdir()
    os.mkfifo(in_tmp / "o" / "outcomes_summary.csv")
    code = main(["outcomes", "-o", "o"])
    err = capsys.readouterr().err.strip()
    assert code == 2 and err == ("exposure outcomes: error: o/outcomes_summary.csv: is not a regular file "
                                 "(a named pipe), where -o/--output writes the file outcomes_summary.csv: "
                                 "move it away or give another -o/--output")


# 5. a trailing "/" after an existing file: an example that works ----------------------------

def test_trailing_slash_after_a_file_gives_an_example_beside_it(in_tmp):
    with pytest.raises(OutputError) as info:
        check_output_path("./f.csv/")
    assert str(info.value) == ("./f.csv/: cannot write: the output must be a file name, not a directory path "
                               "(ends in '/'): give e.g. ./scores.csv (./f.csv is a file, not a directory; "
                               "./f.csv without the '/' would replace it)")
    assert sorted(os.listdir(in_tmp)) == ["f.csv"]


def test_trailing_slash_with_nothing_there_keeps_its_example(in_tmp):
    with pytest.raises(OutputError, match=r"\(ends in '/'\): give e\.g\. nod/scores\.csv$"):
        check_output_path("nod/")


# 6. under a symbolic link to a file ---------------------------------------------------------

def test_score_under_a_link_to_a_file(in_tmp, capsys):
    from exposure.cli import main

    os.symlink("f.csv", in_tmp / "lnk")
    code = main(["score", "f.csv", "-o", "lnk/s.csv", "--method", "rubric"])
    err = capsys.readouterr().err.strip()
    assert (code, err) == (2, "exposure score: error: lnk/s.csv: cannot write: it lies under lnk, which is a "
                              "symbolic link to the file f.csv, not a directory")
    assert (in_tmp / "f.csv").read_text() == "task\nWeld.\n"


# 7. an output directory that is a file, a pipe or a link to a file ---------------------------

@pytest.mark.parametrize(("make", "what"), [
    (lambda d: os.symlink("f.csv", d / "out"), "a symbolic link to the file f.csv"),
    (lambda d: (d / "out").write_text("keep\n"), "a file"),
    (lambda d: os.mkfifo(d / "out"), "a named pipe"),
])
def test_report_directory_that_is_no_directory_says_what(in_tmp, make, what):
    make(in_tmp)
    with pytest.raises(DataFormatError) as info:
        check_files_dir("./out")
    assert str(info.value) == (f"./out: output exists and is not a directory ({what}): give a directory "
                               "(one that does not exist is made)")


def test_outcomes_output_that_is_a_link_to_a_file(in_tmp, capsys):
    from exposure.cli import main

    os.symlink("f.csv", in_tmp / "lnk")
    code = main(["outcomes", "-o", "lnk"])
    err = capsys.readouterr().err.strip()
    assert (code, err) == (2, "exposure outcomes: error: lnk: output exists and is not a directory (a symbolic "
                              "link to the file f.csv): give a directory (one that does not exist is made)")
    assert (in_tmp / "f.csv").read_text() == "task\nWeld.\n"


def test_rollup_output_that_is_a_link_to_a_file_names_the_link(in_tmp):
    os.symlink("f.csv", in_tmp / "lnk")
    with pytest.raises(OutputPathError) as info:
        check_output_dir("lnk")
    assert str(info.value) == (f"output path {in_tmp}/lnk exists and is not a directory (a symbolic link to "
                               "the file f.csv): give a directory (one that does not exist is made)")
    assert (in_tmp / "f.csv").read_text() == "task\nWeld.\n" and sorted(os.listdir(in_tmp)) == ["f.csv", "lnk"]
