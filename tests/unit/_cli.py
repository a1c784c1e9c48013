"""Helpers of the tests that run the ``exposure`` command in-process."""

from __future__ import annotations

import pytest

from exposure.cli import main


@pytest.fixture(autouse=True)
def _no_env(no_env):
    """``no_env`` of ``conftest.py`` for every test of a module that imports this fixture.

    No mirror or cache from the environment: each test names its own. A module that does not
    import from ``_cli`` says ``pytestmark = pytest.mark.usefixtures("no_env")``.
    """


def run(capsys, *argv) -> tuple[int, str]:
    """``exposure ARGV`` in this process: (exit code, the error line or "")."""
    code = main([str(a) for a in argv])
    err = capsys.readouterr().err
    assert "Traceback" not in err
    lines = [ln for ln in err.splitlines() if ": error: " in ln]
    return code, lines[0] if lines else ""


def rollup_args(fixtures, scores, out, *more):
    """``exposure rollup SCORES -o OUT`` on the tiny crosswalk and OEWS fixtures."""
    d = fixtures / "rollup"
    return ["rollup", scores, "-o", out, "--crosswalk", d / "onet_to_soc_tiny.csv",
            "--employment", d / "oews_tiny.csv", *more]
