"""Fault round 39: the ``exposure`` command's arguments and logging, and ``exposure._args``.

1. ``exposure help`` (and ``exposure report help``): ``invalid choice: 'help' (choose from
   ...)``, not saying where the help is. The message now ends ``(for help: exposure
   --help, or exposure COMMAND --help)``.
2. ``-v`` in a process whose logging was set up already (``logging.basicConfig`` does
   nothing then): :func:`exposure.cli.main` called a second time kept the first call's
   level (``main(["-v", ...])`` then ``main([...])`` showed ``INFO ...`` progress without
   ``-v``; in the other order ``-v`` showed none), and a program with logging of its own
   got no progress with ``-v``. Each call now logs at its own level.
3. ``exposure._args.shown`` of a list or tuple holding an int of more than 4300 digits
   (``check_count((10**5000,), "n_bins")``) raised ``AttributeError: 'tuple' object has no
   attribute 'bit_length'``; now the type, in the argument's DataFormatError.

Not changed: an option given twice keeps its last value (argparse's and most tools' rule:
an alias's option can be overridden), as before.

Tiny made-up task files written by the tests into ``tmp_path``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest
from _frames import write_text

from exposure._args import check_count, check_flag, shown
from exposure.cli import main
from exposure.errors import DataFormatError

TASKS = "task,title\nAnswer telephones.,Receptionist\n"
SCORE = ["--method", "rubric", "--onet", "none"]


pytestmark = pytest.mark.usefixtures("env_in_tmp")


def run(capsys, *argv) -> tuple[int, list[str]]:
    """``exposure ARGV`` in this process: (exit code, lines of stderr naming an error)."""
    try:
        code = main([str(a) for a in argv])
    except SystemExit as exc:  # a usage error
        code = exc.code
    err = capsys.readouterr().err
    assert "Traceback" not in err, err
    return code, [ln for ln in err.splitlines() if ": error: " in ln]


# 1. an option given twice ---------------------------------------------------------------------
@pytest.mark.parametrize("argv, prog, metavar", [
    (["help"], "exposure", "COMMAND"),
    (["report", "help"], "exposure report", "REPORT"),
])
def test_help_word_says_where_the_help_is(capsys, argv, prog, metavar):
    code, errors = run(capsys, *argv)
    assert code == 2
    assert len(errors) == 1
    assert errors[0].endswith(f"(for help: {prog} --help, or {prog} {metavar} --help)"), errors


# 4. -v and logging set up already ------------------------------------------------------------
def _python(tmp_path, code: str) -> list[str]:
    """Run ``code`` in a Python process of its own in tmp_path; its stderr lines."""
    env = dict(os.environ)
    env.pop("EXPOSURE_MIRROR", None)
    env.update(EXPOSURE_HOME=str(tmp_path / "home"), EXPOSURE_DATA_DIR=str(tmp_path / "cache"))
    proc = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return proc.stderr.splitlines()


SCORE_TWICE = """
    import sys
    from exposure.cli import main
    for verbose in {order}:
        print("--- run", file=sys.stderr)
        main([*(["-v"] if verbose else []), "score", "in.csv", "-o", "s.csv", "--method", "rubric",
              "--onet", "none"])
"""


@pytest.mark.parametrize("order", [(True, False), (False, True)])
def test_verbose_is_per_call_of_main(tmp_path, order):
    write_text(tmp_path, "in.csv", TASKS)
    lines = _python(tmp_path, SCORE_TWICE.format(order=order))
    starts = [i for i, ln in enumerate(lines) if ln == "--- run"]
    runs = [lines[starts[0] + 1:starts[1]], lines[starts[1] + 1:]]
    for verbose, run_lines in zip(order, runs):
        info = [ln for ln in run_lines if ln.startswith("INFO ")]
        assert bool(info) == verbose, (order, lines)


def test_verbose_shows_progress_under_the_programs_own_logging(tmp_path):
    write_text(tmp_path, "in.csv", TASKS)
    lines = _python(tmp_path, """
        import logging
        from exposure.cli import main
        logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
        main(["-v", "score", "in.csv", "-o", "s.csv", "--method", "rubric", "--onet", "none"])
        logging.getLogger("exposure.scoring").info("after main")
    """)
    assert "INFO exposure.scoring._files: in.csv: scored 1 rows" in lines, lines
    assert not any("after main" in ln for ln in lines), lines  # the program's level again


# 5. shown() of a container holding a huge int ---------------------------------------------------
@pytest.mark.parametrize("value", [(10 ** 5000,), [10 ** 5000]])
def test_shown_of_a_container_with_a_huge_int(value):
    assert shown(value) == type(value).__name__
    with pytest.raises(DataFormatError, match=rf"^n_bins must be a whole number of 1 or more, got "
                                               rf"{type(value).__name__}$"):
        check_count(value, "n_bins", 1)
    assert shown(10 ** 5000) == "int of 16610 bits"


def test_numpy_bool_is_a_flag():
    np = pytest.importorskip("numpy")
    check_flag(np.bool_(True), "online")
    check_flag(np.False_, "online", optional=True)
    with pytest.raises(DataFormatError):
        check_flag(np.int64(1), "online")
