"""Round 55: ``exposure outcomes`` and :mod:`exposure.reports.outcomes` as an economist extends them.

1. ``exposure outcomes`` with ``MPLBACKEND`` set to a backend matplotlib does not know
   (``foo``; or ``module://matplotlib_inline.backend_inline``, which a Jupyter kernel
   leaves to the commands a notebook runs, ``!exposure outcomes ...``, where
   ``matplotlib-inline`` is not installed) raised matplotlib's ``ValueError: Key backend:
   ...`` as a traceback, exit 1: the command imported matplotlib bare, where the figures
   of :mod:`exposure.reports.figures` say what to do. Now one line, exit 2, nothing written.
2. A measure that neither event-study figure draws (``exposure outcomes --measure
   webb_robot``; one's own exposure column given to ``run_outcomes``) was drawn in no
   figure, without a word: with figures asked for, a run of such measures only wrote no
   figure at all (and removed those of an earlier run). They are drawn now in
   ``outcomes_event_study_other.png``.

Tiny made-up panels, written by the tests.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

from exposure.cli._outcomes import _report_files
from exposure.outcomes import run_outcomes
from exposure.reports.outcomes import OTHER_FIGURE, figure_names, write_outcomes

CODES = ["11-1011", "11-2021", "13-1041", "13-2011", "15-1211", "25-2021", "29-1141", "41-2031"]


def _panel() -> pd.DataFrame:
    rows = []
    for i, code in enumerate(CODES):
        for year in range(2021, 2026):
            rows.append({"soc_code": code, "year": year, "soc_title": f"Occupation {i}",
                         "soc_major": code[:2] + "-0000", "code_type": "detailed",
                         "tot_emp": float(1000 * (i + 2) + 37 * ((3 * i + year) % 5) * (year - 2020)),
                         "a_mean": float(40000 + 2500 * i + 300 * ((i + 2 * year) % 7) * (year - 2020)),
                         "a_median": float(38000 + 2500 * i), "balanced": True})
    return pd.DataFrame(rows)


def _exposures(name: str = "beta") -> pd.DataFrame:
    return pd.DataFrame({"soc_code": CODES, name: np.linspace(0.1, 0.8, len(CODES))[[3, 0, 6, 1, 7, 2, 5, 4]]})


# 1. MPLBACKEND matplotlib does not know
@pytest.mark.parametrize("backend", ["foo", "module://matplotlib_inline.backend_inline"])
def test_an_unknown_mplbackend_is_one_line_exit_2(tmp_path, backend):
    _panel().to_parquet(tmp_path / "panel.parquet", index=False)
    _exposures().to_parquet(tmp_path / "soc.parquet", index=False)
    code = "import sys\nfrom exposure.cli import entry\nsys.argv[0] = 'exposure'\nsys.exit(entry())\n"
    env = {**os.environ, "MPLBACKEND": backend}
    run = subprocess.run([sys.executable, "-c", code, "outcomes", "--panel", "panel.parquet", "--soc-scores",
                          "soc.parquet", "--measure", "beta", "--quantiles", "2", "--no-robustness", "-o", "out"],
                         cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 2, run.stderr
    assert "Traceback" not in run.stderr
    last = run.stderr.strip().splitlines()[-1]
    assert last.startswith("exposure outcomes: error: matplotlib cannot be imported: "
                           f"MPLBACKEND={backend!r}"), last
    assert "set it to agg" in last and "--no-figures" in last
    assert ("Jupyter" in last) == ("inline" in backend)
    assert not (tmp_path / "out").exists()


# 2. measures that no figure drew
def test_figure_names_put_every_measure_in_a_figure():
    assert figure_names(["beta", "webb_robot", "mine", "beta"]) == {
        "outcomes_event_study_published": ["beta"], "outcomes_event_study_ours": ["beta"],
        OTHER_FIGURE: ["webb_robot", "mine"]}
    assert OTHER_FIGURE not in figure_names(["beta", "webb_ai", "gamma"])


def test_ones_own_measure_is_drawn_and_replaced_by_a_later_run(tmp_path):
    panel = _panel()
    mine = run_outcomes(panel, _exposures("my_exposure"), q=2, with_robustness=False)
    written = write_outcomes(mine, tmp_path)
    assert [n for n in written if n.endswith(".png")] == [f"{OTHER_FIGURE}.png"]
    assert (tmp_path / f"{OTHER_FIGURE}.png").read_bytes()[:4] == b"\x89PNG"
    ours = run_outcomes(panel, _exposures("beta"), q=2, with_robustness=False)
    written = write_outcomes(ours, tmp_path)
    assert f"{OTHER_FIGURE}.png" not in written
    assert not (tmp_path / f"{OTHER_FIGURE}.png").exists()  # the earlier run's figure does not stay


def test_a_measure_name_with_a_dollar_is_drawn_as_written(tmp_path):
    res = run_outcomes(_panel(), _exposures("exposure $ per task $"), q=2, with_robustness=False)
    written = write_outcomes(res, tmp_path)
    assert (tmp_path / f"{OTHER_FIGURE}.png").is_file() and f"{OTHER_FIGURE}.png" in written


@pytest.mark.parametrize(("measures", "other"), [(["webb_robot"], True), (["beta", "webb_robot"], True),
                                                 (["beta"], False), (None, True)])
def test_the_command_checks_the_other_figure_too(measures, other):
    args = argparse.Namespace(sectors=False, no_figures=False, measure=measures)
    assert (f"{OTHER_FIGURE}.png" in _report_files(args)) == other
    assert f"{OTHER_FIGURE}.png" not in _report_files(argparse.Namespace(sectors=False, no_figures=True,
                                                                         measure=measures))
