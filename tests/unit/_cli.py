"""Helpers of the tests that run the ``exposure`` command in-process."""

from __future__ import annotations

import pytest

from exposure.cli import main


@pytest.fixture(autouse=True)
def _no_env(monkeypatch):
    """No mirror or cache from the environment: each test names its own."""
    monkeypatch.delenv("EXPOSURE_MIRROR", raising=False)
    monkeypatch.delenv("EXPOSURE_DATA_DIR", raising=False)


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
