"""Sphinx configuration of the exposure documentation.

Build (offline, warnings are errors)::

    .venv/bin/sphinx-build -W --keep-going -b html docs docs/_build/html

The site reads only committed files: the pandera models (tables page), the source
registry (data sources page), ``data/processed/*.parquet`` (results page figures) and
``data/processed/reports/*.csv`` (tables included by the methods and validation pages).
It never recomputes data. Math is rendered by a MathJax copy shipped with the
``sphinx-mathjax-offline`` package and the theme uses system fonts, so the built pages
make no request to another host.
"""

import sys
from pathlib import Path

DOCS = Path(__file__).resolve().parent
REPO = DOCS.parent
sys.path.insert(0, str(DOCS / "_ext"))
if (REPO / "src").is_dir():  # a fresh clone without an editable install still builds
    sys.path.insert(1, str(REPO / "src"))

import exposure  # noqa: E402

project = "exposure"
author = "The exposure developers"
copyright = "the exposure developers; O*NET content CC BY 4.0 (USDOL/ETA)"
version = release = exposure.__version__

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "numpydoc",
    "sphinx.ext.mathjax",
    "sphinx-mathjax-offline",
    "exposure_docs",
]

# --- the Results page --------------------------------------------------------------------
# True: results.md is in the toctree and its figures and tables are drawn from the
# committed data/processed/{soc_scores,sector_scores,workforce}.parquet; the build fails,
# naming the missing file, if a table is absent (it never recomputes). False leaves the
# page out of the build.
exposure_results = True

# --- sources -----------------------------------------------------------------------------
source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
root_doc = "index"
exclude_patterns = [
    "_build",
    "_templates",
    "Thumbs.db",
    ".DS_Store",
    # included into sources.md, not a page of its own
    "sources_intro.md",
]
templates_path = ["_templates"]

myst_enable_extensions = ["dollarmath", "amsmath", "colon_fence", "deflist"]
myst_heading_anchors = 3
smartquotes = False  # keep "--" and quotes of O*NET titles as published

# --- API reference -----------------------------------------------------------------------
autodoc_member_order = "bysource"
autodoc_typehints = "none"  # numpydoc sections carry the types
numpydoc_show_class_members = False
numpydoc_class_members_toctree = False
numpydoc_xref_param_type = False

# --- HTML --------------------------------------------------------------------------------
html_theme = "furo"  # system font stack, no web fonts
html_title = f"exposure {release}"
html_static_path = ["_static"]
html_css_files = ["exposure.css"]
html_last_updated_fmt = None  # keep rebuilds byte-stable
html_show_sourcelink = False
html_copy_source = False
