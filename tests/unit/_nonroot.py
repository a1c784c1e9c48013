"""Run a command as root without the capabilities that bypass file permissions (round 79).

A folder that cannot be entered or written is refused to an ordinary user; root passes
through it. The tests that need it drop root's ``dac_override`` and ``dac_read_search``
with ``setpriv`` (util-linux), and skip when not root or when ``setpriv`` is missing.
"""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest


def without_root_powers(args, cwd, **env) -> subprocess.CompletedProcess:
    """Run ``args`` in ``cwd`` as root without the file-permission capabilities, with ``env`` added to the environment."""
    if os.geteuid() != 0:
        pytest.skip("dropping root's file-permission capabilities needs root")
    if not shutil.which("setpriv"):
        pytest.skip("setpriv (util-linux) is not installed")
    drop = ["setpriv", "--bounding-set=-dac_override,-dac_read_search"]
    return subprocess.run(drop + list(args), cwd=cwd, env=dict(os.environ, **env), capture_output=True, text=True,
                          timeout=300)
