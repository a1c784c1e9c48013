"""Fault round 33, the ``exposure`` command as a process (``exposure.cli``).

Faults found (each test below fails on the code before the fix):

1. Ctrl-C in the first half second of any command (``exposure sources``, ``exposure
   --help``) printed a ``KeyboardInterrupt`` traceback: ``import exposure.cli`` loaded
   pandas (through ``exposure._outdir``) outside the command's handling of Ctrl-C. Now
   ``exposure: interrupted (SIGINT) while starting; nothing written``, exit 130 (round 79; was ``exposure: interrupted``) (``import exposure.cli`` takes 0.04 s, was 0.56 s).
2. SIGTERM while a command's modules load (about 1.5 s for ``exposure outcomes``) killed
   the process without a word, where a running command says ``terminated (SIGTERM)``.
   Now ``exposure: terminated (SIGTERM) while starting; nothing written``, exit 143.
3. ``exposure --help``, ``--version``, ``exposure`` alone or ``exposure score --help``
   into a pipe whose reader has gone exited 0 (1 for ``exposure``) when stdout is
   unbuffered (``PYTHONUNBUFFERED=1``, usual in containers and CI): argparse drops the
   error of its write. Now 141, as with a buffered stdout.
4. ``exposure --help > /dev/full`` (and ``exposure`` alone) exited 0, the help lost
   without a word. Now ``exposure: error: standard output: No space left on device``, exit 2.
5. ``exposure sources > /dev/full`` said ``exposure sources: error: No space left on
   device``, naming nothing; now ``... error: standard output: No space left on device``.
6. A command whose output is the files it writes (``fetch``, ``rollup``, ``compare``,
   ...) with stdout full (``> /dev/full``) or a pipe whose reader has gone wrote its files,
   then exited 2 (``No space left on device``) or 141, as if it had failed; only
   ``exposure score`` and a closed stdout (``>&-``) dropped the summary. Now exit 0 and
   the summary dropped, for every such command.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

SMALL = "crosswalks/2-6 digit_2022_Codes.xlsx"  # a small registry file (80 kB)

#: sitecustomize.py that sends the process a signal when pandas starts to load
HOOK = '''
import os, signal, sys

class _Hook:
    fired = False

    def find_spec(self, name, path=None, target=None):
        if name == "pandas" and not _Hook.fired:
            _Hook.fired = True
            sig = getattr(signal, os.environ["SIGNAL_AT_PANDAS"])
            if sig == signal.SIGINT:  # as on a terminal: a process started in the background
                # (a CI runner, setsid) inherits SIGINT ignored, and Python then sets no handler
                signal.signal(signal.SIGINT, signal.default_int_handler)
            os.kill(os.getpid(), sig)
        return None

sys.meta_path.insert(0, _Hook())
'''


def _env(tmp_path, **extra):
    env = dict(os.environ)
    env.pop("PYTHONUNBUFFERED", None)
    env["EXPOSURE_HOME"] = str(tmp_path / "home")
    env["EXPOSURE_DATA_DIR"] = str(tmp_path / "cache")
    env.update(extra)
    return env


def _exposure(args, env, **kwargs):
    """Run the ``exposure`` command (``python -m exposure.cli``) in a process of its own."""
    return subprocess.run([sys.executable, "-m", "exposure.cli", *args], env=env,
                          capture_output="stdout" not in kwargs, timeout=120, **kwargs)


@pytest.mark.parametrize("sig, code, line", [
    ("SIGINT", 130, "exposure: interrupted (SIGINT) while starting; nothing written"),  # round 79 (was: "exposure: interrupted")
    ("SIGTERM", 143, "exposure: terminated (SIGTERM) while starting; nothing written"),
])
# round 79: `exposure --help` loads no pandas any more (the hook never fired); `score --help` does
@pytest.mark.parametrize("args", [["sources"], ["score", "--help"]])
def test_signal_while_starting_is_one_line(tmp_path, sig, code, line, args):
    (tmp_path / "hook").mkdir()
    (tmp_path / "hook" / "sitecustomize.py").write_text(HOOK)
    path = os.pathsep.join(p for p in (str(tmp_path / "hook"), os.environ.get("PYTHONPATH")) if p)
    done = _exposure(args, _env(tmp_path, PYTHONPATH=path, SIGNAL_AT_PANDAS=sig))
    err = done.stderr.decode()
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err
    assert err.strip() == line
    assert done.returncode == code


def _closed_pipe(args, env):
    read, write = os.pipe()
    os.close(read)
    try:
        return _exposure(args, env, stdout=write, stderr=subprocess.PIPE)
    finally:
        os.close(write)


@pytest.mark.parametrize("args", [["--help"], ["--version"], [], ["score", "--help"]])
def test_unbuffered_help_into_a_closed_pipe_exits_141(tmp_path, args):
    done = _closed_pipe(args, _env(tmp_path, PYTHONUNBUFFERED="1"))
    assert done.returncode == 141
    assert done.stderr.decode() == ""


needs_full = pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")


def _into_full(args, env):
    with open("/dev/full", "w") as full:
        return _exposure(args, env, stdout=full, stderr=subprocess.PIPE)


@needs_full
@pytest.mark.parametrize("args", [["--help"], []])
def test_help_into_a_full_stdout_is_an_error(tmp_path, args):
    done = _into_full(args, _env(tmp_path))
    assert done.stderr.decode().strip() == "exposure: error: standard output: No space left on device"
    assert done.returncode == 2


@needs_full
def test_listing_into_a_full_stdout_names_standard_output(tmp_path):
    done = _into_full(["sources"], _env(tmp_path))
    assert done.stderr.decode().strip() == (
        "exposure sources: error: standard output: No space left on device")
    assert done.returncode == 2


@needs_full
def test_files_command_into_a_full_stdout_succeeds(tmp_path, mirror):
    done = _into_full(["fetch", "--mirror", str(mirror), SMALL], _env(tmp_path))
    assert done.stderr.decode() == ""
    assert done.returncode == 0
    assert (tmp_path / "cache" / SMALL).is_file()


def test_files_command_into_a_closed_pipe_succeeds(tmp_path, mirror):
    done = _closed_pipe(["fetch", "--mirror", str(mirror), SMALL], _env(tmp_path))
    assert done.stderr.decode() == ""
    assert done.returncode == 0
    assert (tmp_path / "cache" / SMALL).is_file()


def test_listing_into_a_closed_pipe_still_exits_141(tmp_path):
    done = _closed_pipe(["sources"], _env(tmp_path))
    assert done.returncode == 141 and done.stderr.decode() == ""


def test_in_process_main_gives_stdout_back(tmp_path, capsys, monkeypatch, mirror):
    from exposure.cli import main

    monkeypatch.setenv("EXPOSURE_DATA_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("EXPOSURE_HOME", str(tmp_path / "home"))
    stdout = sys.stdout
    assert main(["fetch", "--mirror", str(mirror), SMALL]) == 0
    assert sys.stdout is stdout
    assert "1 of 1 file verified" in capsys.readouterr().out
    shutil.rmtree(tmp_path / "cache")
