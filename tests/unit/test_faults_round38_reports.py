"""Round 38: the results figures (:mod:`exposure.reports.figures`) and the reproduction report.

Faults found (each test below failed before its fix):

1. A title holding ``$`` (an occupation or a sector, from the processed tables) was read
   by matplotlib as mathtext: ``"Dealers in $5 and $10 bills"`` was drawn with ``5 and``
   in math italics, silently, and ``"Pay $\\frac{a}$ clerks"`` raised pyparsing's
   ``ParseSyntaxException`` (a ``ValueError`` traceback) when the figure was saved.
2. ``MPLBACKEND`` set to a name matplotlib does not know (``foo``) raised matplotlib's
   ``ValueError: Key backend: 'foo' is not a valid value for backend`` from inside the
   first figure drawn (a traceback), although the figures never use a backend (Agg canvas).
3. ``plot_sectors``, ``plot_coverage`` and ``plot_ranked_occupations`` drew what they were
   given: a ``beta`` of ``inf`` was listed as the most exposed occupation, a sector ``beta``
   of 1.8 was cut at the axis, a ``coverage`` of ``inf`` gave numpy's ``invalid value``
   warnings, and measures given as text were sorted as text (``"5e-2"`` above ``"0.1"``).
4. A sector or occupation with ``beta`` but no ``alpha`` (or ``gamma``) was drawn without
   its bar, which reads as 0.
5. ``plot_wage`` of an occupation with a mean wage of 0 or less dropped it off the log axis
   without a word.
6. ``plot_major_groups``: a major group without a scored occupation (every ``beta``
   missing) was sorted last and so drawn at the top, among the most exposed, with no bar.
   It is drawn at the bottom now, labelled ``(no score)``.
7. ``plot_categories`` of a table whose category shares are missing on every row drew an
   empty figure, with numpy's ``All-NaN slice encountered`` warning only.
8. ``reproduction.coverage_table``: an error of one of its OEWS releases or occupation
   sets (``employment frame has no cross-industry detailed occupation rows``) did not say
   which release or set it was about.

Tiny made-up frames written by the tests.
"""

from __future__ import annotations

import os
import subprocess
import sys
import warnings

import numpy as np
import pandas as pd
import pytest
from matplotlib import cbook

from exposure.errors import DataFormatError, ExposureError
from exposure.reports import figures, reproduction


def _soc() -> pd.DataFrame:
    return pd.DataFrame({"soc_code": ["15-1252", "43-9061", "47-2061"],
                         "soc_title": ["Developers", "Clerks", "Laborers"],
                         "tot_emp": [100e3, 200e3, 50e3], "a_mean": [140e3, 45e3, 50e3],
                         "alpha": [0.6, 0.5, 0.0], "beta": [0.8, 0.6, 0.0], "gamma": [1.0, 0.7, 0.0],
                         "share_admin": [0.1, 0.7, 0.0], "share_routine_coding": [0.5, 0.0, 0.0],
                         "share_entry_creative": [0.1, 0.1, 0.0]})


def _sectors() -> pd.DataFrame:
    return pd.DataFrame({"naics": ["51", "23", "52"],
                         "naics_title": ["Information", "Construction", "Finance and Insurance"],
                         "level": ["sector"] * 3, "alpha": [0.4, 0.1, 0.3], "beta": [0.5, 0.15, 0.45],
                         "gamma": [0.6, 0.2, 0.5], "coverage": [0.99, 0.9, 0.95]})


def _labels(fig, axis: int = 0) -> list[str]:
    return [t.get_text() for t in fig.axes[axis].get_yticklabels()]


# 1. titles with $: mathtext
def test_a_title_with_dollars_is_drawn_as_written(tmp_path):
    soc = _soc()
    soc.loc[0, "soc_title"] = "Dealers in $5 and $10 bills"
    fig = figures.plot_ranked_occupations(soc, min_employment=0)
    label = _labels(fig)[0]
    assert not cbook.is_math_text(label)  # drawn literally, not "5 and" in math italics
    assert label.replace("\\$", "$").startswith("Dealers in $5 and $10 bills")
    sectors = _sectors()
    sectors.loc[0, "naics_title"] = "Sector 51 - Info $^ and $ more"
    for fig in (figures.plot_sectors(sectors), figures.plot_coverage(sectors)):
        assert not any(cbook.is_math_text(t) for t in _labels(fig))


def test_a_title_that_is_bad_mathtext_is_saved(tmp_path):
    soc = _soc()
    soc.loc[0, "soc_title"] = r"Pay $\frac{a}$ clerks"
    path = figures.save_png(figures.plot_ranked_occupations(soc, min_employment=0), tmp_path / "a.png")
    assert path.read_bytes()[:4] == b"\x89PNG"


# 2. MPLBACKEND unknown
def test_an_unknown_mplbackend_is_named():
    code = ("import pandas as pd\n"
            "from exposure.reports import figures\n"
            "soc = pd.DataFrame({'soc_code': ['a'], 'tot_emp': [5.0], 'alpha': [0.0], 'beta': [0.1],"
            " 'gamma': [0.2]})\n"
            "figures.plot_distribution(soc)\n")
    env = {**os.environ, "MPLBACKEND": "foo"}
    run = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode != 0
    last = run.stderr.strip().splitlines()[-1]
    assert last.startswith("exposure.errors.ExposureError"), last
    assert "MPLBACKEND='foo'" in last and "agg" in last


# 3. values the bar charts drew as given
@pytest.mark.parametrize(("plot", "frame", "row", "column", "match"), [
    (figures.plot_sectors, _sectors().assign(beta=[0.5, np.inf, 0.45]), 2, "beta", "not a finite number"),
    (figures.plot_sectors, _sectors().assign(beta=[0.5, 1.8, 0.45]), 2, "beta", "fraction from 0 to 1"),
    (figures.plot_coverage, _sectors().assign(coverage=[0.99, 0.9, np.inf]), 3, "coverage",
     "not a finite number"),
    (figures.plot_coverage, _sectors().assign(coverage=[0.99, -0.1, 0.9]), 2, "coverage", "fraction from 0 to 1"),
    (figures.plot_ranked_occupations, _soc().assign(beta=[0.8, np.inf, 0.0]), 2, "beta", "not a finite number"),
])
def test_a_bar_chart_refuses_a_value_it_cannot_draw(plot, frame, row, column, match):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # numpy's "invalid value" warnings before
        with pytest.raises(DataFormatError, match=match) as info:
            plot(frame)
    assert info.value.row == row and info.value.column == column


def test_measures_given_as_text_are_sorted_as_numbers():
    sectors = _sectors().assign(beta=["5e-2", "0.1", "0.3"], alpha=["0", "0", "0"], gamma=["0.4"] * 3)
    assert _labels(figures.plot_sectors(sectors)) == ["Finance and Insurance", "Construction", "Information"]


# 4. beta without alpha or gamma
@pytest.mark.parametrize("column", ["alpha", "gamma"])
def test_a_bar_without_alpha_or_gamma_is_refused(column):
    sectors = _sectors()
    sectors.loc[1, column] = np.nan
    with pytest.raises(DataFormatError, match=f"{column} is missing where beta is given") as info:
        figures.plot_sectors(sectors)
    assert (info.value.path, info.value.row, info.value.column) == ("sector_scores", 2, column)
    soc = _soc()
    soc.loc[2, column] = np.nan
    with pytest.raises(DataFormatError, match="missing where beta is given") as info:
        figures.plot_ranked_occupations(soc, min_employment=0)
    assert (info.value.row, info.value.column) == (3, column)


# 5. a wage off the log axis
@pytest.mark.parametrize("wage", [0.0, -45e3])
def test_plot_wage_refuses_a_wage_of_zero_or_less(wage):
    soc = _soc()
    soc.loc[1, "a_mean"] = wage
    with pytest.raises(DataFormatError, match="a_mean must be a wage above 0") as info:
        figures.plot_wage(soc)
    assert (info.value.row, info.value.column) == (2, "a_mean")


# 6. an empty major group
def test_a_major_group_without_a_score_is_drawn_last_and_said():
    soc = _soc()
    soc.loc[2, ["alpha", "beta", "gamma"]] = np.nan  # 47-0000: no scored occupation
    labels = _labels(figures.plot_major_groups(soc))  # bottom first
    assert labels[0] == "Construction and Extraction (no score)"
    assert labels[-1] == "Computer and Mathematical"  # the most exposed at the top


# 7. no category share at all
def test_plot_categories_refuses_a_table_without_category_shares():
    soc = _soc()
    soc[list(figures.CATEGORY_LABELS)] = np.nan
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "All-NaN slice encountered" before
        with pytest.raises(DataFormatError, match="no occupation has a category share") as info:
            figures.plot_categories(soc)
    assert info.value.column == "share_admin"


# 8. coverage_table errors name the release and the set
def test_coverage_table_names_the_release_and_the_set():
    occ = pd.DataFrame({"onetsoc_code": ["13-1021.00"], "alpha": [0.1], "beta": [0.2], "gamma": [0.3],
                        "n_tasks": [2]})
    xw = pd.DataFrame({"onetsoc_code": ["13-1021.00"], "soc_code": ["13-1021"]})
    emp = pd.DataFrame({"naics": "000000", "i_group": "cross-industry", "occ_code": ["13-1021", "15-1252"],
                        "o_group": "detailed", "tot_emp": [1.0, 3.0]})
    with pytest.raises(ExposureError, match=r"OEWS release '2025', occupations 'train'.*no cross-industry"):
        reproduction.coverage_table({"train": occ}, xw, {"2021": emp, "2025": emp.iloc[:0]})
