"""Round 79 (outputs): signals, lock files, link rules and path messages of the output writers.

1. Ctrl-C during a command that writes output said ``exposure diff: interrupted`` where SIGTERM
   said ``exposure diff: terminated (SIGTERM); temporary files removed, previous outputs
   untouched``. Now ``exposure diff: interrupted (SIGINT); temporary files removed, previous
   outputs untouched`` (exit 130). Before the command begins (its modules loading, its
   arguments parsed): ``exposure: interrupted (SIGINT) while starting; nothing written``, as
   SIGTERM there says ``exposure: terminated (SIGTERM) while starting; nothing written``
   (it was ``exposure: interrupted``; ``exposure diff: interrupted`` once the modules were loaded).
2. A SIGTERM or SIGHUP between the end of the start-up (``exposure.cli._startup_signals``)
   and the start of ``exposure._outdir.terminate_cleanly`` (the arguments parsed, the output
   options checked) killed the process without a word: exit -15 (-1), nothing on stderr. The
   start-up's handlers now stay until the command's own take over: ``exposure: terminated
   (SIGTERM) while starting; nothing written``, exit 143 (129). Made deterministic: the
   process sends the signal to itself from ``exposure.cli.check_output_options``, which runs
   in that window.
3. A command stopped by a signal after it had put an output in place said ``previous outputs
   untouched`` all the same (``exposure diff`` stopped once its reports were swapped in;
   ``exposure outcomes`` between its figures and its tables; ``recompute --compare`` in its
   diff). Now the outputs written before the signal are named: ``exposure diff: terminated
   (SIGTERM); temporary files removed; written in full before the signal: /x/r; other previous
   outputs untouched`` (``exposure._outdir.terminate_cleanly`` yields what was written within
   it, ``exposure._io.recording_written``; ``exposure._outdir.stopped_note`` says it). The test
   hook ``EXPOSURE_PIPELINE_PAUSE`` has a point ``after_swap``.
4. ``exposure diff OLD NEW`` (reports in ``NEW/reports``) left its lock file
   ``NEW/.exposure-reports.lock`` among the tables of the recompute output ``NEW`` (carried by
   every later recompute of it). It is removed once the reports are written
   (``replace_directory(..., drop_lock=True)``, for reports inside a recompute output).
5. ``OutputError`` (and ``InputError``) made with a path holding a line end outside
   ``check_output_path`` printed it raw: ``write_csv(frame, "afile/s\\nt.csv")``, ``afile``
   a file, said ``afile/s`` and ``t.csv: cannot write: a parent of the path is not a
   directory`` on two lines. Now ``'afile/s\\nt.csv': cannot write: ...``
   (``exposure.errors.quoted_path``, the rule of ``exposure._io.error_path``).
6. ``atomic_paths`` (a set of files) replaced a report name that is a symbolic link to a file
   by a regular file, the file it named keeping its old contents, where ``atomic_path`` (one
   file) writes through it. One rule now, ``atomic_path``'s (docs/faults_inputs.md: "the file
   it points to is replaced ... and the link stays"; ``check_report_files`` refuses a report
   linked to an input of the command): the file it points to gets the new contents. Two
   names of one set that are one file are refused: ``.../keep.csv: cannot write: it is the
   file that .../a.csv of the same set names (a symbolic link): that file would hold only the
   one of the two written last; give each its own file``.
7. ``write_csv`` (``atomic_path``, ``atomic_paths``) of a file name too long for its file
   system raised a bare ``OSError: [Errno 36] File name too long``; now an ``OutputError``:
   ``...: cannot write: output file name 'xxx...x.csv' is 304 bytes long, and the file system
   of ... allows names of 255 bytes; give the file a name of at most 255 bytes``.
8. ``exposure score rel.csv -o /abs/s.csv`` in a current directory that was removed said
   ``exposure score: error: No such file or directory`` (``exposure._io.input_at`` made the
   input absolute). Now ``exposure score: error: rel.csv: input file not found: the current
   directory no longer exists (...)``.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time

import pandas as pd
import pytest
from _frames import RECOMPUTE_TABLES, recompute_output_written

from exposure import _io, _outdir
from exposure._outdir import Terminated, terminate_cleanly
from exposure.cli import main
from exposure.errors import InputError, OutputError

TABLES = RECOMPUTE_TABLES
REPORTS = ["diff_occupations.csv", "diff_sectors.csv", "diff_summary.csv", "diff_tasks.csv"]
ENTRY = "import sys; from exposure.cli import entry; sys.exit(entry())"
UNTOUCHED = "temporary files removed, previous outputs untouched"
LOST = ("the current directory no longer exists (it was removed or replaced after the shell entered it), so a "
        "relative path names nothing; cd to an existing directory, or give the full path")


_written = recompute_output_written


@pytest.fixture
def outputs(tmp_path):
    """Two recompute outputs, ``old`` (O*NET 29.1) and ``new`` (30.1)."""
    return _written(tmp_path / "old", "29.1", "522000"), _written(tmp_path / "new", "30.1", "523000")


@pytest.fixture
def main_thread():
    if threading.current_thread() is not threading.main_thread():
        pytest.skip("signal handlers are set in the main thread only")


def _sigint_as_on_a_terminal():
    # a process started from a background job inherits SIGINT ignored, and Python then sets no handler
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _diff_paused(tmp_path, outputs, point, sig):
    """Run ``exposure diff old new --reports r`` in a process paused at ``point``; send ``sig`` there."""
    old, new = outputs
    flag = tmp_path / f"flag-{point}"
    flag.unlink(missing_ok=True)
    env = dict(os.environ, EXPOSURE_PIPELINE_PAUSE=f"{point}:{flag}", EXPOSURE_PIPELINE_PAUSE_SECONDS="60")
    process = subprocess.Popen([sys.executable, "-c", ENTRY, "diff", str(old), str(new), "--reports",
                                str(tmp_path / "r"), "-q"], env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, preexec_fn=_sigint_as_on_a_terminal)
    try:
        for _ in range(1200):  # until it waits at the point (or ended without reaching it)
            if flag.exists() or process.poll() is not None:
                break
            time.sleep(0.05)
        reached = flag.exists()
        process.send_signal(sig)
        _, err = process.communicate(timeout=120)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    lines = [ln for ln in err.decode().splitlines() if not ln.startswith("WARNING")]
    return reached, process.returncode, lines


# 1. Ctrl-C says what SIGTERM says ------------------------------------------------------------------


def test_ctrl_c_while_a_command_writes_says_what_sigterm_says(tmp_path, outputs):
    """Ctrl-C said ``exposure diff: interrupted`` only."""
    for sig, code, head in ((signal.SIGINT, 130, "exposure diff: interrupted (SIGINT)"),
                            (signal.SIGTERM, 143, "exposure diff: terminated (SIGTERM)")):
        reached, returncode, lines = _diff_paused(tmp_path, outputs, "before_swap", sig)
        assert reached
        assert (returncode, lines) == (code, [f"{head}; {UNTOUCHED}"])
        assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("flag")) == [
            ".exposure-new.lock", ".exposure-old.lock", "new", "old"]  # no r, no temporary directory, no r's lock


# 2. a signal between the start-up and the command ------------------------------------------------------

#: ``exposure ARGS`` whose process sends itself ``SIG`` from ``exposure.cli.NAME`` (a known point).
SELF_SIGNAL = """
import os, signal, sys
import exposure.cli as cli
real = getattr(cli, {name!r})
def sending(*args, **kwargs):
    os.kill(os.getpid(), signal.{sig})
    return real(*args, **kwargs)
setattr(cli, {name!r}, sending)
sys.exit(cli.entry())
"""


@pytest.mark.parametrize("name, sig, code, line", [
    ("check_output_options", "SIGTERM", 143, "exposure: terminated (SIGTERM) while starting; nothing written"),
    ("check_output_options", "SIGHUP", 129, "exposure: terminated (SIGHUP) while starting; nothing written"),
    ("check_output_options", "SIGINT", 130, "exposure: interrupted (SIGINT) while starting; nothing written"),
    ("build_parser", "SIGINT", 130, "exposure: interrupted (SIGINT) while starting; nothing written"),
])
def test_a_signal_before_the_command_begins_is_one_line(tmp_path, outputs, name, sig, code, line):
    """After the start-up, before terminate_cleanly: SIGTERM killed the process without a word (exit -15).

    ``check_output_options`` runs after the start-up's handlers were put back (before), and
    before the command's own; ``build_parser`` runs while the modules load (Ctrl-C there said
    ``exposure: interrupted``).
    """
    old, new = outputs
    result = subprocess.run([sys.executable, "-c", SELF_SIGNAL.format(name=name, sig=sig), "diff", str(old),
                             str(new), "--reports", str(tmp_path / "r")], capture_output=True,
                            preexec_fn=_sigint_as_on_a_terminal, timeout=120)
    assert (result.returncode, result.stderr.decode().strip()) == (code, line)
    assert not (tmp_path / "r").exists() and not (tmp_path / ".exposure-r.lock").exists()


# 3. the outputs written before the signal are named ---------------------------------------------------


@pytest.mark.parametrize("sig, code, head", [
    (signal.SIGTERM, 143, "exposure diff: terminated (SIGTERM)"),
    (signal.SIGINT, 130, "exposure diff: interrupted (SIGINT)"),
])
def test_a_signal_after_the_swap_names_the_output_written(tmp_path, outputs, sig, code, head):
    """The reports were in place, and the message said ``previous outputs untouched``."""
    reached, returncode, lines = _diff_paused(tmp_path, outputs, "after_swap", sig)
    assert reached
    assert (returncode, lines) == (code, [
        f"{head}; temporary files removed; written in full before the signal: {tmp_path / 'r'}; other previous "
        "outputs untouched"])
    assert sorted(os.listdir(tmp_path / "r")) == REPORTS


def test_outputs_written_before_a_sigterm_are_named(tmp_path, main_thread):
    """A set of figures written, then the signal before the tables: "previous outputs untouched" before."""
    out = tmp_path / "o"
    (out / ".verified").mkdir(parents=True)
    with pytest.raises(Terminated):
        with terminate_cleanly() as written:
            with _io.atomic_paths([out / "a.png", out / "b.png"]) as (a, b):
                a.write_bytes(b"a")
                b.write_bytes(b"b")
            with _io.atomic_path(out / ".verified" / "x.sha256") as stamp:  # hidden: not an output to name
                stamp.write_text("x")
            with _io.atomic_path(out / "t.csv") as t:
                t.write_text("x")
                os.kill(os.getpid(), signal.SIGTERM)
                time.sleep(5)
    assert _outdir.stopped_note(written) == (f"temporary files removed; written in full before the signal: {out / 'a.png'}, "
                                     f"{out / 'b.png'}; other previous outputs untouched")
    assert _outdir.stopped_note([]) == UNTOUCHED
    assert not (out / "t.csv").exists()


# 4. no lock file left in the recompute output -------------------------------------------------------------


def test_diff_leaves_no_lock_file_in_the_output_it_reports_into(tmp_path, outputs, capsys):
    old, new = outputs
    assert main(["diff", str(old), str(new), "-q"]) == 0, capsys.readouterr().err
    assert sorted(os.listdir(new)) == sorted(TABLES + ["reports"])  # was also .exposure-reports.lock
    assert sorted(os.listdir(new / "reports")) == REPORTS
    # a directory of its own keeps its lock file beside it, as every output does
    assert main(["diff", str(old), str(new), "-q", "--reports", str(tmp_path / "r")]) == 0
    assert (tmp_path / ".exposure-r.lock").is_file()


# 5. a path with a line end in OutputError and InputError ---------------------------------------------------


def test_output_and_input_errors_show_a_path_with_a_line_end_by_its_repr():
    assert str(OutputError("no space left on the device", path="o/s\nt.csv")) == (
        "'o/s\\nt.csv': cannot write: no space left on the device")
    assert str(InputError("permission denied", path="i/s\rt.csv")) == "'i/s\\rt.csv': cannot read: permission denied"
    assert str(OutputError("read-only file system", path="o/s.csv")) == "o/s.csv: cannot write: read-only file system"
    assert OutputError("x", path="o/s\nt.csv").path == "o/s\nt.csv"  # the path itself is kept


def test_a_failed_write_of_a_two_line_name_is_one_line(tmp_path):
    (tmp_path / "afile").write_text("mine\n")
    target = tmp_path / "afile" / "s\nt.csv"
    with pytest.raises(OutputError) as info:
        _io.write_csv(pd.DataFrame({"a": [1]}), target)
    assert str(info.value) == f"{str(target)!r}: cannot write: a parent of the path is not a directory"
    assert "\n" not in str(info.value)


# 6. one rule for a symbolic link in a report's place ------------------------------------------------------


def test_a_set_writes_through_a_link_to_a_file_as_one_file_does(tmp_path):
    """The link was replaced by a regular file; the file it named kept its old contents."""
    (tmp_path / "keep").mkdir()
    target = tmp_path / "keep" / "summary.csv"
    target.write_text("old\n")
    os.chmod(target, 0o600)
    out = tmp_path / "o"
    out.mkdir()
    (out / "summary.csv").symlink_to("../keep/summary.csv")
    with _io.atomic_paths([out / "summary.csv", out / "table.csv"]) as (a, b):
        a.write_text("new\n")
        b.write_text("t\n")
    assert (out / "summary.csv").is_symlink() and target.read_text() == "new\n"
    assert oct(target.stat().st_mode & 0o777) == "0o600"
    assert sorted(os.listdir(out)) == ["summary.csv", "table.csv"] and os.listdir(tmp_path / "keep") == ["summary.csv"]
    with _io.atomic_path(out / "summary.csv") as one:  # the rule of one file, as before
        one.write_text("one\n")
    assert (out / "summary.csv").is_symlink() and target.read_text() == "one\n"
    (out / "gone.csv").symlink_to(tmp_path / "gone" / "gone.csv")  # a link to nothing is replaced, as before
    with _io.atomic_paths([out / "gone.csv"]) as (gone,):
        gone.write_text("new\n")
    assert not (out / "gone.csv").is_symlink() and (out / "gone.csv").read_text() == "new\n"


def test_two_names_of_a_set_that_are_one_file_are_refused(tmp_path):
    (tmp_path / "keep.csv").write_text("mine\n")
    (tmp_path / "a.csv").symlink_to("keep.csv")
    with pytest.raises(OutputError) as info:
        with _io.atomic_paths([tmp_path / "a.csv", tmp_path / "keep.csv"]):
            pass
    assert str(info.value) == (
        f"{tmp_path / 'keep.csv'}: cannot write: it is the file that {tmp_path / 'a.csv'} of the same set names (a "
        "symbolic link): that file would hold only the one of the two written last; give each its own file")
    assert (tmp_path / "keep.csv").read_text() == "mine\n" and sorted(os.listdir(tmp_path)) == ["a.csv", "keep.csv"]


# 7. a name too long ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("writer", ["write_csv", "atomic_paths"])
def test_a_name_too_long_is_an_output_error(tmp_path, writer):
    """``OSError: [Errno 36] File name too long`` from pathlib."""
    target = tmp_path / ("x" * 300 + ".csv")
    with pytest.raises(OutputError) as info:
        if writer == "write_csv":
            _io.write_csv(pd.DataFrame({"a": [1]}), target)
        else:
            with _io.atomic_paths([tmp_path / "a.csv", target]):
                pass
    assert str(info.value).startswith(f"{target}: cannot write: output file name 'xxx")
    assert "is 304 bytes long, and the file system of" in str(info.value)
    assert os.listdir(tmp_path) == []


# 8. a relative input in a removed current directory -----------------------------------------------------------


def test_score_of_a_relative_input_in_a_removed_directory_names_it(tmp_path, monkeypatch, capsys):
    """``exposure score: error: No such file or directory``."""
    gone = tmp_path / "gone"
    gone.mkdir()
    monkeypatch.chdir(gone)
    gone.rmdir()
    code = main(["score", "rel.csv", "-o", str(tmp_path / "s.csv"), "--onet", "none", "--method", "rubric"])
    err = capsys.readouterr().err
    assert (code, err) == (2, f"exposure score: error: rel.csv: input file not found: {LOST}\n")
    assert _io.input_at(tmp_path / "s.csv", ["rel.csv"]) is None and _io.input_at("rel.csv", ["./rel.csv"])
