"""Helpers of the permission tests: run a command as an unprivileged user.

Root ignores permission bits, so the read-only and non-writable cases run their command as
``nobody`` through ``setpriv`` (util-linux), and read-only, full and foreign file systems
are small tmpfs mounts; the tests skip with a reason when this process cannot switch users
or mount. The ``open_tmp`` fixture (tests/conftest.py) gives them a directory
``nobody`` can traverse.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

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


def mount_tmpfs(mnt: Path, *, size: str = "1m", readonly: bool = False) -> None:
    """Mount a tmpfs of ``size`` at ``mnt`` (mode 0755), or skip the test with the reason."""
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root")
    made = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs",
                           str(mnt)], capture_output=True, text=True)
    if made.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {made.stderr.strip()}")
    if readonly:
        remount_readonly(mnt)


def remount_readonly(mnt: Path) -> None:
    """Make the tmpfs at ``mnt`` read-only (after writing what the test needs on it)."""
    subprocess.run(["mount", "-o", "remount,ro", str(mnt)], check=True)


def umount(mnt: Path) -> None:
    """Unmount ``mnt`` (lazily, so a test's open file cannot keep it)."""
    subprocess.run(["umount", "-l", str(mnt)], check=False)
