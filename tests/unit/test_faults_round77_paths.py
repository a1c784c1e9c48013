"""Round 77 (paths): one rule and one wording per output path fault, in exposure._io.

For an output path under a file, and a relative output path where the current directory is
gone. (The helper's fourth change, report sets written through a symbolic link as single
files are, was not kept: a report name linked to an input of the same command would then be
written over that input.)

1. An output file under a file (``exposure score my_tasks.csv -o my_tasks.csv/s.csv``, every
   writer checked by :func:`exposure._io.check_output_path`) was told in words of its own:
   ``my_tasks.csv/s.csv: cannot write: my_tasks.csv is a file, not a directory`` (a named
   pipe there was called ``a file`` too), while the output directories and ``train --out``
   (:mod:`exposure._outdir`) said ``output path X lies under my_tasks.csv, which is a file,
   not a directory``. The rule now lives in :func:`exposure._io.under_file`, used by both:
   ``my_tasks.csv/s.csv: cannot write: it lies under my_tasks.csv, which is a file, not a
   directory`` (``... which is a special file (a named pipe, device or socket), not a
   directory``), as :func:`exposure._io.broken_link` is said by both.
2. A relative output path where the current directory was removed: ``exposure score IN -o
   s.csv``, ``exposure validate --report-dir rep`` and ``exposure diff a b --reports rep``
   said ``error: No such file or directory``, naming nothing (``compare``, ``outcomes``,
   ``train`` had been fixed in :mod:`exposure._outdir` alone). The rule now lives in
   :func:`exposure._io.lost_cwd`: ``s.csv: cannot write: the current directory no longer
   exists (it was removed or replaced after the shell entered it), so a relative path names
   nothing; cd to an existing directory, or give the full path`` (``output path rep: the
   current directory no longer exists ...`` for ``validate`` and ``diff``, whose first check,
   :func:`exposure._outdir.refuse_file_named_dir`, now refuses it).
3. ``exposure evaluate --out my_tasks.csv/e.csv`` (``my_tasks.csv`` a file) was told
   ``my_tasks.csv: output exists and is not a directory``: the report's folder was checked as
   if the user had given it. Now the words of ``exposure train --out``: ``output path
   my_tasks.csv/e.csv lies under my_tasks.csv, which is a file, not a directory``; ``--out
   e.csv`` in a removed directory was ``output path .: the current directory no longer exists
   ...``, now ``output path e.csv: ...``.
"""

from __future__ import annotations

import os

import pytest

from exposure._io import check_output_path
from exposure.cli import main
from exposure.errors import OutputError

GONE = ("the current directory no longer exists (it was removed or replaced after the shell entered it), so a "
        "relative path names nothing; cd to an existing directory, or give the full path")


#: No mirror from the environment, and an empty download cache
pytestmark = pytest.mark.usefixtures("cache_in_tmp")


@pytest.fixture
def task_file(tmp_path, monkeypatch):
    """The user's own task file, ``my_tasks.csv``, in the current directory."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "my_tasks.csv").write_text("task\nPlan budgets.\n")
    return tmp_path / "my_tasks.csv"


@pytest.fixture
def removed_cwd(tmp_path, monkeypatch):
    """A current directory that was removed after the shell entered it."""
    (tmp_path / "gone").mkdir()
    monkeypatch.chdir(tmp_path / "gone")
    (tmp_path / "gone").rmdir()
    return tmp_path


def _last_error(capsys) -> str:
    return capsys.readouterr().err.strip().splitlines()[-1]


# 1. an output file under a file: the words of every output ----------------------------------------------


def test_score_output_under_a_file_in_the_words_of_every_output(task_file, capsys):
    """Was ``my_tasks.csv/s.csv: cannot write: my_tasks.csv is a file, not a directory``."""
    assert main(["score", "my_tasks.csv", "-o", "my_tasks.csv/s.csv", "--method", "rubric"]) == 2
    assert _last_error(capsys) == ("exposure score: error: my_tasks.csv/s.csv: cannot write: it lies under "
                                   "my_tasks.csv, which is a file, not a directory")
    assert task_file.read_text() == "task\nPlan budgets.\n"


def test_output_file_under_a_named_pipe_is_not_called_a_file(tmp_path):
    """A named pipe in the way was called ``a file``."""
    os.mkfifo(tmp_path / "pipe")
    with pytest.raises(OutputError) as caught:
        check_output_path(tmp_path / "pipe" / "new" / "s.csv")
    assert str(caught.value) == (f"{tmp_path}/pipe/new/s.csv: cannot write: it lies under {tmp_path}/pipe, which "
                                 "is a named pipe, not a directory")  # round 81: which special file


# 2. a relative output path where the current directory is gone ------------------------------------------


def test_check_output_path_where_the_current_directory_is_gone(removed_cwd):
    """Was a bare ``FileNotFoundError: [Errno 2] No such file or directory``."""
    with pytest.raises(OutputError) as caught:
        check_output_path("s.csv")
    assert str(caught.value) == f"s.csv: cannot write: {GONE}"


@pytest.mark.parametrize("command, shown", [
    (["score", "IN", "-o", "s.csv", "--method", "rubric"], "s.csv: cannot write: "),
    (["validate", "--report-dir", "rep"], "output path rep: "),
    (["diff", "a", "b", "--reports", "rep"], "output path rep: "),
    (["evaluate", "--method", "rubric", "--out", "e.csv"], "output path e.csv: "),
])
def test_commands_where_the_current_directory_is_gone(removed_cwd, capsys, command, shown):
    """Was ``error: No such file or directory`` (``evaluate``: ``output path .: ...``)."""
    (removed_cwd / "in.csv").write_text("task\nPlan budgets.\n")
    command = [str(removed_cwd / "in.csv") if part == "IN" else part for part in command]
    assert main(command) == 2
    assert _last_error(capsys) == f"exposure {command[0]}: error: {shown}{GONE}"


# 3. evaluate --out under a file names the file given ----------------------------------------------------


@pytest.mark.parametrize("given", ["my_tasks.csv/e.csv", "my_tasks.csv/new/e.csv"])
def test_evaluate_out_under_a_file_names_the_file(task_file, capsys, given):
    """Was ``my_tasks.csv: output exists and is not a directory`` (for ``my_tasks.csv/e.csv``)."""
    assert main(["evaluate", "--method", "rubric", "--out", given]) == 2
    assert _last_error(capsys) == (f"exposure evaluate: error: output path {given} lies under my_tasks.csv, which "
                                   "is a file, not a directory")
    assert task_file.read_text() == "task\nPlan budgets.\n"

