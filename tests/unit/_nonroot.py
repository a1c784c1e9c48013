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

#: The words of a folder this user cannot enter or write (exposure._io.closed_folder,
#: unwritable_folder), with the advice of an output file or an output directory.
ADVICE_FILE = "write the file elsewhere"
ADVICE_DIR = "choose another output directory"
ENTERED = ("Permission denied: the folder {folder} cannot be entered (no x permission for this user), so nothing "
           "can be written in it; ask its owner for access, or {advice}")
WRITTEN = ("Permission denied: the folder {folder} is not writable (no w permission for this user), so nothing "
           "can be written in it; ask its owner for access, or {advice}")


def without_root_powers(args, cwd, **env) -> subprocess.CompletedProcess:
    """Run ``args`` in ``cwd`` as root without the file-permission capabilities, with ``env`` added to the environment."""
    if os.geteuid() != 0:
        pytest.skip("dropping root's file-permission capabilities needs root")
    if not shutil.which("setpriv"):
        pytest.skip("setpriv (util-linux) is not installed")
    drop = ["setpriv", "--bounding-set=-dac_override,-dac_read_search"]
    return subprocess.run(drop + list(args), cwd=cwd, env=dict(os.environ, **env), capture_output=True, text=True,
                          timeout=300)
