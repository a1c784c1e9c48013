"""Round 57: the results figures and tables drawn from frames (:mod:`exposure.reports.figures`).

Faults found (each test below failed before its fix):

1. ``plot_wage`` drew its translucent occupation dots in the order of the rows: the same
   SOC scores in another row order (a ``soc_scores.parquet`` written by another engine, a
   frame sorted otherwise; the shipped table shuffled) gave another PNG where dots
   overlap. Now the dots are drawn in one order (largest employment first, then by code),
   so the same scores give byte-identical PNG files in any row order.
2. ``plot_wage`` did not check the values it draws, as the other figures do: a ``beta``
   of text (``"0.2"``: a CSV read with ``dtype=str``) was drawn on a category axis (the
   dots at 0, 1, 2, 3, most of them off the figure), a ``beta`` of 1.5 off the axis, a
   ``tot_emp`` of text raised pandas' ``TypeError: Invalid comparison between dtype=str and
   int``, and an infinite ``beta`` was named at the wrong row of a frame called ``frame``.
   ``plot_major_groups`` and ``plot_categories`` drew a ``beta`` / category share of 1.5
   as given (cut at the axis). Now the measures are read as fractions from 0 to 1 (numbers
   written as text are read), anything else refused naming the row and column of the
   caller's frame: ``soc_scores, row 2, column 'beta': beta must be a fraction from 0 to
   1, got 1.5``.
3. A categorical title column (a Parquet dictionary column, ``astype("category")``) with
   a missing title: ``plot_ranked_occupations``, ``plot_sectors`` and ``plot_coverage``
   raised pandas' ``TypeError: Cannot setitem on a Categorical with a new category, set
   the categories first``. Now the code is drawn for the missing title, as for a text
   column.
4. ``plot_sectors`` and ``plot_coverage`` of a table without a row of level ``sector``
   (a subsector table, an empty frame) or without a sector that has the value drawn, and
   ``plot_ranked_occupations`` with no occupation to rank (``beta`` missing everywhere, or
   none above ``min_employment``), drew an empty figure without a word. Now refused as
   ``plot_categories`` refuses it: ``sector_scores, column 'level': no row of level
   'sector' (levels: ['subsector']): there is nothing to draw``.
5. A measure missing on every row (a roll-up that leaves ``alpha`` out): ``plot_distribution``
   drew it as a line at 0 across every bin (a distribution of no worker, labelled
   ``alpha (LLM alone)``); ``plot_major_groups`` and ``plot_wage`` listed it in the legend
   without a bar or line. Now it is left out of the figure and its legend with a warning
   (``soc_scores, column 'alpha': alpha is missing on every row with workers: left out of
   the figure``); with no measure left, ``nothing to draw``.
6. ``by_major_group`` and ``by_wage_decile`` (the major-group, category and wage-decile
   tables of the Results page, and the figures drawn from them) did not read numbers
   written as text, although ``weighted_mean`` did: a group's employment was the text of
   its rows joined (``"100"`` and ``"300"`` gave 100300.0), and wages were sorted as text
   (the first decile ran from 100000 to 30000). ``by_wage_decile`` (and ``plot_wage``)
   counted an occupation given twice twice, which ``by_major_group`` refuses. Now the
   numbers are read as numbers (text refused naming row and column), and a SOC code given
   twice is refused naming both rows.

Tiny made-up frames built by the tests.
"""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd
import pytest

from exposure.errors import DataFormatError
from exposure.reports import figures


def _soc(**changes) -> pd.DataFrame:
    """Four occupations in three major groups, wages and category shares."""
    soc = pd.DataFrame({
        "soc_code": ["11-1011", "13-2011", "15-1252", "43-9061"],
        "soc_title": ["Chief Executives", "Accountants", "Developers", "Clerks"],
        "tot_emp": [20e3, 100e3, 200e3, 30e3],
        "a_mean": [60e3, 70e3, 80e3, 90e3],
        "alpha": [0.1, 0.2, 0.3, 0.4], "beta": [0.2, 0.3, 0.4, 0.5], "gamma": [0.3, 0.4, 0.5, 0.6],
        "share_admin": [0.1, 0.2, 0.3, 0.4], "share_routine_coding": [0.1, 0.1, 0.1, 0.1],
        "share_entry_creative": [0.0, 0.0, 0.1, 0.2],
    })
    return soc.assign(**changes)


def _sectors(**changes) -> pd.DataFrame:
    sec = pd.DataFrame({"naics": ["51", "23"], "naics_title": ["Information", "Construction"],
                        "level": ["sector", "sector"], "alpha": [0.4, 0.1], "beta": [0.5, 0.15],
                        "gamma": [0.6, 0.2], "coverage": [0.99, 0.9]})
    return sec.assign(**changes)


def _ticks(ax) -> list[str]:
    return [t.get_text() for t in ax.get_yticklabels()]


def _legend(fig) -> list[str]:
    return [t.get_text() for t in fig.legends[0].get_texts()]


# 1. the wage figure in another row order -------------------------------------------------
def test_the_wage_figure_is_the_same_png_in_any_row_order(tmp_path):
    # overlapping translucent dots: one wage and one beta for all four occupations
    soc = _soc(a_mean=[60e3] * 4, beta=[0.3] * 4)
    first = figures.save_png(figures.plot_wage(soc, n=2), tmp_path / "a.png").read_bytes()
    for k, order in enumerate(([3, 2, 1, 0], [1, 3, 0, 2])):
        again = figures.save_png(figures.plot_wage(soc.iloc[order], n=2), tmp_path / f"b{k}.png").read_bytes()
        assert again == first


def test_the_wage_dots_are_drawn_largest_first_and_grow_with_employment():
    soc = _soc()
    sizes = figures.plot_wage(soc, n=2).axes[0].collections[0].get_sizes()
    emp = np.sort(soc["tot_emp"].to_numpy())[::-1]
    assert np.allclose(sizes, figures._DOT_MIN + figures._DOT_SPAN * emp / emp.max())


# 2. the values the wage, major-group and category figures draw ----------------------------
def test_plot_wage_reads_a_beta_written_as_text_as_numbers():
    fig = figures.plot_wage(_soc(beta=["0.2", "0.3", "0.4", "0.5"], tot_emp=["20000", "100000", "200000", "30000"]),
                            n=2)
    dots = fig.axes[0].collections[0].get_offsets()
    # before: "0.2" ... "0.5" on a category axis, at 0, 1, 2 and 3
    assert sorted(float(y) for y in np.asarray(dots)[:, 1]) == [0.2, 0.3, 0.4, 0.5]


@pytest.mark.parametrize("draw, column, value, match", [
    (figures.plot_wage, "beta", 1.5, r"soc_scores, row 2, column 'beta': beta must be a fraction from 0 to 1, got 1.5"),
    (figures.plot_wage, "beta", np.inf, r"soc_scores, row 2, column 'beta': not a finite number: inf"),
    (figures.plot_wage, "gamma", -0.2, r"soc_scores, row 2, column 'gamma': gamma must be a fraction"),
    (figures.plot_wage, "tot_emp", "lots", r"soc_scores, row 2, column 'tot_emp': not a number: 'lots'"),
    (figures.plot_major_groups, "beta", 1.5, r"soc_scores, row 2, column 'beta': beta must be a fraction"),
    (figures.plot_categories, "share_admin", 1.5,
     r"soc_scores, row 2, column 'share_admin': share_admin must be a fraction from 0 to 1, got 1.5"),
])
def test_figures_refuse_a_value_they_cannot_draw_naming_row_and_column(draw, column, value, match):
    soc = _soc()
    soc[column] = soc[column].astype(object)
    soc.loc[1, column] = value
    with pytest.raises(DataFormatError, match=match):
        draw(soc)


# 3. categorical titles with a missing title -----------------------------------------------
def test_a_categorical_occupation_title_with_a_gap_is_drawn_as_its_code():
    soc = _soc(soc_title=pd.Categorical(["Chief Executives", None, "Developers", "Clerks"]))
    fig = figures.plot_ranked_occupations(soc, n=4, min_employment=0)
    assert "13-2011 (100k)" in _ticks(fig.axes[0])


@pytest.mark.parametrize("draw", [figures.plot_sectors, figures.plot_coverage])
def test_a_categorical_sector_title_with_a_gap_is_drawn_as_its_code(draw):
    sec = _sectors(naics_title=pd.Categorical([None, "Construction"]))
    assert sorted(_ticks(draw(sec).axes[0])) == ["51", "Construction"]


# 4. figures with nothing to draw ----------------------------------------------------------
@pytest.mark.parametrize("draw", [figures.plot_sectors, figures.plot_coverage])
def test_a_sector_figure_without_a_sector_row_is_refused(draw):
    with pytest.raises(DataFormatError, match=r"sector_scores, column 'level': no row of level 'sector' "
                                              r"\(levels: \['subsector'\]\): there is nothing to draw"):
        draw(_sectors(level="subsector"))
    with pytest.raises(DataFormatError, match=r"no row of level 'sector' \(levels: \[\]\)"):
        draw(_sectors().iloc[:0])


@pytest.mark.parametrize("draw, column", [(figures.plot_sectors, "beta"), (figures.plot_coverage, "coverage")])
def test_a_sector_figure_without_a_value_is_refused(draw, column):
    sec = _sectors(alpha=np.nan, beta=np.nan, gamma=np.nan, coverage=np.nan)
    with pytest.raises(DataFormatError, match=rf"sector_scores, column '{column}': no sector has a {column} "
                                              r"\(missing on every row of level 'sector'\): there is nothing"):
        draw(sec)


def test_a_ranked_figure_without_an_occupation_is_refused():
    with pytest.raises(DataFormatError, match=r"soc_scores, column 'beta': no occupation has a beta and at least "
                                              r"1,000,000 workers: there is nothing to draw"):
        figures.plot_ranked_occupations(_soc(), min_employment=1e6)
    with pytest.raises(DataFormatError, match=r"no occupation has a beta: there is nothing to draw"):
        figures.plot_ranked_occupations(_soc(alpha=np.nan, beta=np.nan, gamma=np.nan), min_employment=0)


# 5. a measure missing on every row --------------------------------------------------------
def _left_out(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if "left out of the figure" in r.getMessage()]


def test_the_distribution_leaves_out_a_measure_missing_everywhere(caplog):
    with caplog.at_level(logging.WARNING, logger="exposure.reports.figures"):
        fig = figures.plot_distribution(_soc(alpha=np.nan))
    # before: three lines, alpha flat at 0 in every bin
    assert [line.get_label() for line in fig.axes[0].lines] == [figures._LABELS["beta"], figures._LABELS["gamma"]]
    assert _left_out(caplog) == ["soc_scores, column 'alpha': alpha is missing on every row with workers: left out "
                                 "of the figure"]


def test_the_distribution_of_no_measure_is_refused():
    with pytest.raises(DataFormatError, match=r"soc_scores, column 'alpha': no occupation with workers has alpha, "
                                              r"beta or gamma: there is nothing to draw"):
        figures.plot_distribution(_soc(alpha=np.nan, beta=np.nan, gamma=np.nan))


@pytest.mark.parametrize("draw", [figures.plot_major_groups, figures.plot_wage])
def test_major_groups_and_wage_leave_out_a_measure_missing_everywhere(draw, caplog):
    with caplog.at_level(logging.WARNING, logger="exposure.reports.figures"):
        fig = draw(_soc(gamma=np.nan))
    assert not any(text.startswith("gamma") for text in _legend(fig))
    assert any(text.startswith("alpha") for text in _legend(fig))
    assert len(_left_out(caplog)) == 1


# 6. numbers written as text, and an occupation twice, in the tables -----------------------
def test_by_major_group_reads_an_employment_written_as_text():
    soc = pd.DataFrame({"soc_code": ["15-1252", "15-1211", "47-2061"], "tot_emp": ["100", "300", "50"],
                        "beta": [0.8, 0.4, 0.0]})
    groups = figures.by_major_group(soc, ["beta"])
    assert groups["tot_emp"].tolist() == [400.0, 50.0]  # before: 100300.0 ("100" + "300")
    assert groups["beta"].tolist() == [0.5, 0.0]


def test_by_wage_decile_sorts_wages_written_as_text_as_numbers():
    soc = pd.DataFrame({"soc_code": ["a", "b", "c", "d"], "a_mean": ["30000", "40000", "100000", "90000"],
                        "tot_emp": [10.0] * 4, "beta": [0.1, 0.3, 0.9, 0.5]})
    deciles = figures.by_wage_decile(soc, ["beta"], n=2)
    assert deciles[["wage_low", "wage_high", "beta"]].to_numpy().tolist() == [[30e3, 40e3, 0.2], [90e3, 100e3, 0.7]]


def test_text_that_is_no_number_is_refused_in_the_tables():
    with pytest.raises(DataFormatError, match=r"soc_scores, row 2, column 'tot_emp': not a number: 'many'"):
        figures.by_major_group(_soc(tot_emp=["1", "many", "3", "4"]), ["beta"])
    with pytest.raises(DataFormatError, match=r"soc_scores, row 3, column 'a_mean': not a number: 'n/a'"):
        figures.by_wage_decile(_soc(a_mean=["1", "2", "n/a", "4"]), ["beta"])


@pytest.mark.parametrize("draw", [lambda soc: figures.by_wage_decile(soc, ["beta"], n=2), figures.plot_wage])
def test_an_occupation_twice_is_refused_by_the_wage_table_and_figure(draw):
    soc = _soc(soc_code=["11-1011", "13-2011", "11-1011", "43-9061"])
    with pytest.raises(DataFormatError, match=r"soc_scores, row 3, column 'soc_code': soc_code '11-1011' is given twice "
                                              r"\(rows 1 and 3\)"):
        draw(soc)
