"""Helpers for the documentation tests (tests/integration/test_docs_*.py).

:func:`built_site` builds the site once per test session into a temporary directory,
with the Results page switched on: from the committed ``data/processed/`` tables when
they exist, otherwise from tiny made-up tables (so that the figure machinery is tested
before the pipeline's outputs land). The build command is the documented one:
``sphinx-build -W --keep-going -b html docs <out>``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

DOCS = Path(__file__).resolve().parents[1]
REPO = DOCS.parent
PROCESSED = REPO / "data" / "processed"
RESULT_TABLES = ("soc_scores", "sector_scores", "workforce")


@dataclass(frozen=True)
class Build:
    """A finished documentation build."""

    html: Path
    processed: Path
    real_data: bool
    returncode: int
    output: str
    seconds: float


_CACHE: dict[Path, Build] = {}


def have_real_results() -> bool:
    """True when every table the Results page needs is in ``data/processed/``."""
    return all((PROCESSED / f"{name}.parquet").is_file() for name in RESULT_TABLES)


def write_sample_processed(directory: Path) -> Path:
    """Write tiny made-up ``soc_scores``/``sector_scores``/``workforce`` tables."""
    import pandas as pd

    directory.mkdir(parents=True, exist_ok=True)
    codes = ["15-1252", "15-1211", "43-9061", "43-4051", "47-2061", "47-2111", "29-1141",
             "35-2014"]
    titles = ["Software Developers", "Computer Systems Analysts", "Office Clerks, General",
              "Customer Service Representatives", "Construction Laborers", "Electricians",
              "Registered Nurses", "Cooks, Restaurant"]
    alpha = [0.55, 0.45, 0.5, 0.4, 0.0, 0.05, 0.15, 0.0]
    extra = [0.35, 0.3, 0.3, 0.35, 0.05, 0.2, 0.3, 0.05]
    soc = pd.DataFrame({
        "soc_code": codes,
        "soc_title": titles,
        "tot_emp": [1.6e6, 5.0e5, 2.5e6, 2.8e6, 1.0e6, 7.0e5, 3.2e6, 1.4e6],
        "a_mean": [145e3, 110e3, 44e3, 43e3, 50e3, 66e3, 94e3, 36e3],
        "alpha": alpha,
        "beta": [a + e / 2 for a, e in zip(alpha, extra)],
        "gamma": [a + e for a, e in zip(alpha, extra)],
        "share_admin": [0.1, 0.2, 0.7, 0.5, 0.0, 0.05, 0.2, 0.0],
        "share_routine_coding": [0.4, 0.2, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0],
        "share_entry_creative": [0.1, 0.05, 0.05, 0.05, 0.0, 0.0, 0.0, 0.05],
    })
    sectors = pd.DataFrame({
        "naics": ["51", "23", "62"],
        "naics_title": ["Information", "Construction", "Health Care and Social Assistance"],
        "level": ["sector"] * 3,
        "tot_emp": [3.0e6, 8.0e6, 2.1e7],
        "covered_emp": [2.9e6, 7.5e6, 2.0e7],
        "coverage": [0.97, 0.94, 0.95],
        "alpha": [0.4, 0.05, 0.15],
        "beta": [0.55, 0.12, 0.3],
        "gamma": [0.7, 0.2, 0.45],
        "exposed_workers": [2.0e6, 1.0e6, 6.0e6],
    })
    workforce = pd.DataFrame({
        "group_type": ["all"] * 3, "group": ["all"] * 3, "measure": ["alpha", "beta", "gamma"],
        "tot_emp": [1.5e8] * 3, "covered_emp": [1.4e8] * 3, "share_ge_10": [0.6, 0.8, 0.9],
        "share_gt_50": [0.05, 0.15, 0.3], "emp_mean": [0.2, 0.3, 0.4],
        "wage_mean": [0.25, 0.35, 0.45],
    })
    soc.to_parquet(directory / "soc_scores.parquet")
    sectors.to_parquet(directory / "sector_scores.parquet")
    workforce.to_parquet(directory / "workforce.parquet")
    return directory


def build(out: Path, processed: Path | None = None, *, results: bool = True) -> Build:
    """Run ``sphinx-build -W --keep-going -b html docs out`` (Results page on)."""
    processed = processed or PROCESSED
    cmd = [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-q", "-b", "html",
           "-D", f"exposure_results={int(results)}", "-D", f"exposure_processed_dir={processed}",
           str(DOCS), str(out)]
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=600)
    return Build(out, processed, processed == PROCESSED, proc.returncode,
                 proc.stdout + proc.stderr, time.perf_counter() - start)


def built_site(root: Path) -> Build:
    """Build the site once per process under ``root`` (a session temporary directory).

    With ``EXPOSURE_DOCS_HTML`` set to a built site (with its Results page), that site is
    used instead of building one (``EXPOSURE_DOCS_PROCESSED``: the tables it was built from).
    """
    prebuilt = os.environ.get("EXPOSURE_DOCS_HTML")
    if prebuilt:
        processed = Path(os.environ.get("EXPOSURE_DOCS_PROCESSED", PROCESSED))
        return Build(Path(prebuilt), processed, processed == PROCESSED, 0, "", 0.0)
    if root not in _CACHE:
        processed = PROCESSED if have_real_results() else write_sample_processed(root / "processed")
        _CACHE[root] = build(root / "html", processed)
    return _CACHE[root]
