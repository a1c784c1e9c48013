"""Shared pytest fixtures.

``shared_data`` points at the real public data mirror (``../shared/data`` beside the
repository, or ``$EXPOSURE_MIRROR``); integration tests that need it are skipped with a
clear reason when it is absent. In CI it is present, and ``EXPOSURE_REQUIRE_MIRROR=1``
turns the skip into a failure so that integration tests can never silently vanish.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "data"
#: Fixture files and the scripts that drew them (``--doctest-modules`` imported them as
#: modules: two ``draw_sample.py`` in two sample folders clashed by name)
collect_ignore = ["data"]


def _mirror() -> Path:
    env = os.environ.get("EXPOSURE_MIRROR")
    return Path(env) if env else REPO.parent / "shared" / "data"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """Path of the real data mirror; skip (or fail in CI) when it is missing."""
    path = _mirror()
    if not (path / "MANIFEST.tsv").is_file():
        if os.environ.get("EXPOSURE_REQUIRE_MIRROR") == "1":
            pytest.fail(f"real data mirror not found at {path}")
        pytest.skip(f"real data mirror not found at {path}")
    return path


@pytest.fixture(scope="session")
def fixtures() -> Path:
    """Directory of the small hand-written fixture files."""
    return FIXTURES


@pytest.fixture(autouse=True, scope="session")
def _isolated_home(tmp_path_factory):
    """Point ``$EXPOSURE_HOME`` at an empty directory for the whole test session.

    ``exposure.load`` reads the user's newest recompute from there; a developer's own
    recomputes must never leak into tests that expect the shipped tables.
    """
    old = os.environ.get("EXPOSURE_HOME")
    os.environ["EXPOSURE_HOME"] = str(tmp_path_factory.mktemp("exposure-home"))
    yield
    if old is None:
        os.environ.pop("EXPOSURE_HOME", None)
    else:
        os.environ["EXPOSURE_HOME"] = old


@pytest.fixture
def open_tmp():
    """A directory under /tmp that an unprivileged user (``nobody``) can traverse."""
    path = Path(tempfile.mkdtemp(prefix="exposure-faults-"))
    path.chmod(0o755)
    yield path
    subprocess.run(["rm", "-rf", "--one-file-system", str(path)], check=False)
