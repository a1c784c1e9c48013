"""The package version is written once (``src/exposure/_version.py``) and read everywhere else.

``pyproject.toml`` declares the version ``dynamic`` and takes it from
``exposure._version.__version__`` (setuptools' ``attr:``), so the distribution's metadata,
``exposure.__version__``, the manifest of a recompute and the docs' ``release`` cannot
disagree. Before, the number was held twice (pyproject.toml and ``_version.py``) and nothing
checked that they agreed.
"""

from __future__ import annotations

import importlib.metadata
import re
import tomllib
from pathlib import Path

import exposure
from exposure import _version

REPO = Path(__file__).resolve().parents[2]

#: PEP 440 public versions (release, optional pre/post/dev parts).
PEP440 = re.compile(r"^[0-9]+(\.[0-9]+)*((a|b|rc)[0-9]+)?(\.post[0-9]+)?(\.dev[0-9]+)?$")


def test_pyproject_reads_the_version_from_the_package():
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in project["project"], "the version is written in src/exposure/_version.py only"
    assert "version" in project["project"]["dynamic"]
    attr = project["tool"]["setuptools"]["dynamic"]["version"]["attr"]
    assert attr == "exposure._version.__version__"


def test_the_installed_metadata_has_the_package_version():
    # an install made before _version.py changed says another number: reinstall (pip install -e .)
    assert importlib.metadata.version("ai-exposure") == exposure.__version__ == _version.__version__


def test_the_version_is_a_pep440_version():
    assert PEP440.match(exposure.__version__), exposure.__version__
