"""Helpers of the permission tests: run a command as an unprivileged user.

Root ignores permission bits, so the read-only and non-writable cases run their command as
``nobody`` through ``setpriv`` (util-linux); the tests skip with a reason when this process
cannot switch users. The ``open_tmp`` fixture (tests/conftest.py) gives them a directory
``nobody`` can traverse.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

#: uid and gid of ``nobody``.
NOBODY = 65534


def run_as_nobody(args, *, cwd=None, env=None, timeout=300):
    """Run ``args`` as user nobody; skip when this process cannot switch users."""
    if os.geteuid() != 0:
        pytest.skip("switching to an unprivileged user needs root")
    if not shutil.which("setpriv"):
        pytest.skip("setpriv (util-linux) is not installed")
    drop = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"]
    probe = subprocess.run(drop + [sys.executable, "-c", "import exposure"], capture_output=True,
                           text=True)
    if probe.returncode != 0:
        pytest.skip(f"user {NOBODY} cannot run this Python: {probe.stderr.strip()[-200:]}")
    full_env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": "/tmp",
                "PYTHONDONTWRITEBYTECODE": "1", "MPLCONFIGDIR": "/tmp", **(env or {})}
    return subprocess.run(drop + list(args), cwd=cwd, env=full_env, capture_output=True,
                          text=True, timeout=timeout)
