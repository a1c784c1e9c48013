"""Round 79 (cli2): start-up imports, folders that cannot be entered, the fallback swap, Ctrl-C at the end.

1. ``exposure --version``, ``exposure --help``, ``exposure`` alone and an unknown command
   imported every command module (pandas, pandera, scipy: about 0.7 s of imports for
   ``--version``), because ``build_parser`` registered every sub-command. Now they import no
   command module and no pandas: the commands are listed from ``exposure.cli.COMMAND_HELP``
   (the same words as each module's; the outputs are byte-identical). ``exposure -h score``
   listed the one command ``score`` (the only module loaded); it lists every command now.
2. An output below a folder this user may not enter (no ``x`` permission):
   ``exposure score x.csv -o locked/sub/s.csv`` said ``exposure score: error:
   locked/sub/s.csv: Permission denied``; ``exposure rollup ... -o locked/sub`` said
   ``cannot inspect the output path locked/sub: Permission denied``; ``outcomes -o``,
   ``report --out-dir``, ``compare -o``, ``validate --report-dir`` said
   ``locked/sub: Permission denied``. Now ``locked/sub/s.csv: cannot write: Permission
   denied: the folder locked cannot be entered (no x permission for this user), so nothing
   can be written in it; ask its owner for access, or write the file elsewhere`` and
   ``output path locked/sub: Permission denied: the folder locked cannot be entered (...);
   ask its owner for access, or choose another output directory``
   (``exposure._io.closed_folder``). Run as root without the capabilities that bypass
   permissions (``setpriv --bounding-set=-dac_override,-dac_read_search``): user nobody
   cannot run this Python here (it lives under ``/root``).
3. ``exposure._outdir._commit``'s fallback swap (no ``renameat2`` exchange): a signal just
   after the second rename (the new contents in place) left the backup of the previous
   contents beside the output (``.results.XXXXXXXXold-....tmp``). It is merged and
   removed now; the test hook ``EXPOSURE_PIPELINE_PAUSE`` pauses at ``after_swap`` there
   too, as after the exchange.
4. Ctrl-C once the command had ended (while its error line printed) gave a
   ``KeyboardInterrupt`` traceback and exit 1. Now exit 130, no traceback
   (``exposure.cli.entry``: from the end of the command on, Ctrl-C is recorded).
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys

import pytest
from tests.unit._nonroot import without_root_powers
from tests.unit.test_faults_round24_concurrency import _SWAP

ENTRY = "import sys; from exposure.cli import entry; sys.exit(entry())"

# 1. no command module for --version and --help -----------------------------------------------------

LOADED = """
import json, sys
from exposure.cli import main
try:
    code = main({argv!r})
except SystemExit as exc:
    code = exc.code
print(json.dumps({{"code": code, "modules": sorted(m for m in sys.modules if m.startswith("exposure.")),
                  "heavy": sorted(m for m in ("pandas", "numpy", "pandera", "scipy") if m in sys.modules)}}),
      file=sys.stderr)
"""


def _loaded(argv):
    done = subprocess.run([sys.executable, "-c", LOADED.format(argv=argv)], capture_output=True, text=True,
                          timeout=120)
    return json.loads(done.stderr.strip().splitlines()[-1]), done.stdout


@pytest.mark.parametrize("argv", [["--version"], ["--help"], [], ["-v"]])
def test_version_and_help_import_no_command_module(argv):
    """They imported every command module (and pandas, pandera, scipy)."""
    seen, _ = _loaded(argv)
    assert seen["modules"] == ["exposure._version", "exposure.cli", "exposure.errors"]
    assert seen["heavy"] == []


def test_help_of_exposure_names_every_command_with_its_modules_words():
    """The listing comes from COMMAND_HELP: the words each module registers its command with."""
    from exposure.cli import COMMAND_HELP, COMMANDS, build_parser

    sub = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    assert {a.dest: a.help for a in sub._choices_actions} == COMMAND_HELP
    assert list(COMMAND_HELP) == [c for cmds in COMMANDS.values() for c in cmds]
    _, listed = _loaded(["--help"])
    assert listed == build_parser().format_help()


def test_help_before_a_command_lists_every_command():
    """``exposure -h score`` listed score alone (the only command module loaded)."""
    from exposure.cli import COMMAND_HELP, build_parser

    seen, listed = _loaded(["-h", "score"])
    assert listed == build_parser().format_help()
    assert all(f"    {name} " in listed for name in COMMAND_HELP)
    assert [m for m in seen["modules"] if m.startswith("exposure.cli.")] == ["exposure.cli._score"]


# 2. a folder on the way that cannot be entered ------------------------------------------------------


def _without_root_powers(args, cwd):
    """Run ``args`` as root without the capabilities that bypass file permissions."""
    # no mirror there: refused after the output's check
    return without_root_powers(args, cwd, EXPOSURE_MIRROR=str(cwd / "mirror"))


@pytest.fixture
def locked(tmp_path):
    (tmp_path / "x.csv").write_text("task\nWeld pipes.\n")
    (tmp_path / "r.csv").write_text("onetsoc_code,task_id,alpha,beta,gamma\n11-1011.00,8823,0.1,0.2,0.3\n")
    (tmp_path / "locked" / "sub").mkdir(parents=True)
    (tmp_path / "locked").chmod(0o000)
    yield tmp_path
    (tmp_path / "locked").chmod(0o755)


DENIED = ("Permission denied: the folder {folder} cannot be entered (no x permission for this user), so nothing "
          "can be written in it; ask its owner for access, or {advice}")


@pytest.mark.parametrize("argv, line", [
    (["score", "x.csv", "-o", "locked/sub/s.csv", "--method", "rubric"],
     "exposure score: error: locked/sub/s.csv: cannot write: "
     + DENIED.format(folder="locked", advice="write the file elsewhere")),
    (["rollup", "r.csv", "-o", "locked/sub"],
     "exposure rollup: error: output path locked/sub: "
     + DENIED.format(folder="locked", advice="choose another output directory")),
    (["rollup", "r.csv", "-o", "locked"],
     "exposure rollup: error: output path locked: "
     + DENIED.format(folder="locked", advice="choose another output directory")),
    (["outcomes", "-o", "locked/sub"],
     "exposure outcomes: error: output path locked/sub: "
     + DENIED.format(folder="locked", advice="choose another output directory")),
])
def test_an_output_under_a_folder_that_cannot_be_entered_names_it(locked, argv, line):
    """It said ``locked/sub/s.csv: Permission denied`` (``cannot inspect the output path locked/sub: ...``)."""
    done = _without_root_powers([sys.executable, "-m", "exposure.cli", *argv], locked)
    assert (done.returncode, done.stderr.strip()) == (2, line)


def test_a_write_that_fails_under_such_a_folder_names_it(locked):
    """``exposure._io.output_error`` (a write that failed): ``permission denied (is the directory writable?)``."""
    code = ("import errno, sys\nfrom exposure._io import output_error\n"
            "try:\n    open('locked/sub/s.csv', 'w')\nexcept OSError as exc:\n"
            "    print(output_error(exc, 'locked/sub/s.csv'), file=sys.stderr)\n")
    done = _without_root_powers([sys.executable, "-c", code], locked)
    assert done.stderr.strip() == ("locked/sub/s.csv: cannot write: "
                                   + DENIED.format(folder="locked", advice="write the file elsewhere"))


# 3. the fallback swap leaves no backup ------------------------------------------------------------------

#: A writer of ``results`` by the fallback swap (no renameat2), round 24's.
FALLBACK = _SWAP


def test_a_signal_after_the_fallback_swap_leaves_no_backup(tmp_path):
    """The backup of the previous contents (``.results.XXXXXXXXold-....tmp``) was left beside ``results``."""
    out = tmp_path / "results"
    out.mkdir()
    (out / "a.csv").write_text("old")
    (out / "notes.txt").write_text("mine")
    env = dict(os.environ, EXPOSURE_PIPELINE_PAUSE=f"after_swap:{tmp_path / 'flag'}",
               EXPOSURE_PIPELINE_PAUSE_SECONDS="300")
    proc = subprocess.Popen([sys.executable, "-c", FALLBACK, str(out)], env=env, stderr=subprocess.PIPE, text=True)
    try:
        said = []
        for line in proc.stderr:  # until the child pauses, or ends (no pause point there)
            said.append(line)
            if "pausing at after_swap" in line:
                break
        assert said and "pausing at after_swap" in said[-1], said
        assert [p.name for p in tmp_path.iterdir() if "old-" in p.name]  # the backup: the window
        proc.send_signal(signal.SIGTERM)
        err = proc.stderr.read()
        proc.wait(300)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 143 and "terminated" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == [".exposure-results.lock", "flag", "results"]
    assert {p.name: p.read_text() for p in out.iterdir()} == {"a.csv": "new", "notes.txt": "mine"}


def test_a_signal_with_the_second_rename_of_the_fallback_swap_leaves_no_backup(tmp_path):
    """The same window without the hook: SIGTERM sent as the new contents are recorded in place."""
    out = tmp_path / "results"
    out.mkdir()
    (out / "a.csv").write_text("old")
    code = FALLBACK.replace("logging.basicConfig", (
        "import os, signal\nreal = O.record_written\n"
        "def sending(path):\n    os.kill(os.getpid(), signal.SIGTERM)\n    return real(path)\n"
        "O.record_written = sending\nlogging.basicConfig"))
    done = subprocess.run([sys.executable, "-c", code, str(out)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 143 and "terminated" in done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == [".exposure-results.lock", "results"]
    assert (out / "a.csv").read_text() == "new"


# 4. Ctrl-C once the command has ended -----------------------------------------------------------------

#: ``exposure ARGS`` whose process sends itself SIGINT while its error line is made.
CTRL_C_AT_THE_ERROR = """
import os, signal, sys
signal.signal(signal.SIGINT, signal.default_int_handler)  # as on a terminal (a background job ignores it)
import exposure.cli as cli
real = cli.with_record_line
def sending(exc):
    os.kill(os.getpid(), signal.SIGINT)
    return real(exc)
cli.with_record_line = sending
sys.exit(cli.entry())
"""


def test_ctrl_c_while_the_error_line_prints_exits_130_without_a_traceback(tmp_path):
    """It printed a ``KeyboardInterrupt`` traceback and exited 1."""
    done = subprocess.run([sys.executable, "-c", CTRL_C_AT_THE_ERROR, "score", str(tmp_path / "missing.csv"),
                           "-o", str(tmp_path / "s.csv"), "--method", "rubric"], capture_output=True, text=True,
                          timeout=120)
    assert "Traceback" not in done.stderr and "KeyboardInterrupt" not in done.stderr, done.stderr
    assert done.returncode == 130
    assert not (tmp_path / "s.csv").exists()


def test_ctrl_c_after_the_command_is_recorded_not_raised():
    """From the end of the command on, SIGINT is recorded: none falls outside every handler."""
    code = ("import signal, sys\nsignal.signal(signal.SIGINT, signal.default_int_handler)\n"
            "sys.argv = ['exposure', '--version']\nfrom exposure.cli import entry\n"
            "try:\n    entry()\nexcept SystemExit:\n    pass\n"
            "signal.raise_signal(signal.SIGINT)\nprint('after', file=sys.stderr)\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert (done.returncode, done.stderr.strip()) == (0, "after")
