"""Round 66: the results figures and tables (:mod:`exposure.reports.figures`).

Faults found (each test below failed before its fix):

1. An employment whose sum passes the largest float (``tot_emp`` of ``1e307`` on a few
   rows: finite, accepted by :func:`read_results`): ``by_wage_decile`` (the wage-decile
   table of ``results_tables`` and the decile lines of ``plot_wage``) put the occupations
   past the overflow in wage decile ``-9223372036854775807`` (numpy's ``invalid value
   encountered in cast``), and ``plot_distribution`` drew every line as NaN (an empty
   figure), without an error. Now the employments are scaled by a power of two
   (:func:`exposure._tables.power_scaled`, exact) before the shares are summed: the
   deciles and the distribution are those of the same employments at their true size.
2. ``plot_wage`` sized the dots by ``tot_emp / max(largest tot_emp, 1)``: employment
   given as shares of the workforce (every ``tot_emp`` below 1) drew every dot at about
   the smallest size, the largest occupation no larger than the smallest, unlike the same
   employments given as counts. Now the area grows with ``tot_emp`` divided by the
   largest, whatever the unit.
3. The bootstrap interval of beta (``beta_ci_low``, ``beta_ci_high``, drawn as whiskers
   by ``plot_ranked_occupations`` and ``plot_sectors``, so by ``render_results`` and the
   docs build) was not checked: a cell of text (``"-"``, a CSV read with ``dtype=str``, a
   Parquet table of strings) raised numpy's ``ValueError: could not convert string to
   float: '-'`` (a traceback), an interval end of ``inf`` or ``5.0`` was drawn as a whisker
   across the axis. Now they are read and checked as the measures are: text that is no
   number and values outside 0-1 refused, naming the row, the column (and the file).
4. ``read_results`` (``render_results``, ``results_tables``, the docs build) read each
   processed table with pandas alone: a table whose key was stored as the Parquet index
   (``set_index("soc_code").to_parquet(...)``) said ``column 'soc_code' missing from
   soc_scores`` although :func:`exposure.load` reads it, and a column stored twice raised
   pyarrow's ``Multiple matches for FieldRef.Name(beta)``. Now the tables are read as
   ``exposure.load(name, directory=..., validate=False)`` reads them: the stored key is a
   column again, a column twice is named.
5. A blank title (``""``: a CSV read with ``keep_default_na=False``, or spaces from a
   spreadsheet cell) was drawn as a bar without a label by ``plot_sectors``,
   ``plot_coverage`` and ``plot_ranked_occupations`` (`` (100k)``), where a missing title
   draws the code. Now a blank title draws the code too (``23``, ``15-1252 (100k)``).

Tiny made-up processed tables written by the tests.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from test_faults_round33_figures import _processed as _processed33

from exposure.errors import DataFormatError
from exposure.reports import figures


def _soc() -> pd.DataFrame:
    return pd.DataFrame({"soc_code": ["15-1252", "43-9061", "47-2061", "29-1141"],
                         "soc_title": ["Developers", "Clerks", "Laborers", "Nurses"],
                         "tot_emp": [100e3, 200e3, 50e3, 300e3], "a_mean": [140e3, 45e3, 50e3, 90e3],
                         "alpha": [0.6, 0.5, 0.0, 0.1], "beta": [0.8, 0.6, 0.0, 0.2],
                         "gamma": [1.0, 0.7, 0.0, 0.3],
                         "beta_ci_low": [0.7, 0.5, 0.0, 0.1], "beta_ci_high": [0.9, 0.7, 0.05, 0.3],
                         "share_admin": [0.1, 0.7, 0.0, 0.2], "share_routine_coding": [0.5, 0.0, 0.0, 0.0],
                         "share_entry_creative": [0.1, 0.1, 0.0, 0.0]})


def _sectors() -> pd.DataFrame:
    return pd.DataFrame({"naics": ["51", "23"], "naics_title": ["Information", "Construction"],
                         "level": ["sector", "sector"], "tot_emp": [1000.0, 2000.0],
                         "covered_emp": [900.0, 1800.0], "coverage": [0.9, 0.9], "alpha": [0.4, 0.05],
                         "beta": [0.55, 0.1], "gamma": [0.7, 0.15], "exposed_workers": [500.0, 100.0],
                         "beta_ci_low": [0.5, 0.05], "beta_ci_high": [0.6, 0.15]})


def _processed(path: Path, soc=None, sec=None) -> Path:
    """Round 33's results directory, with this module's SOC and sector tables (bootstrap intervals)."""
    return _processed33(path, soc=_soc() if soc is None else soc, sec=_sectors() if sec is None else sec)


# --------------------------------------------------------------------------- 1. huge employment
def _huge() -> pd.DataFrame:
    """The scores of :func:`_soc`, the employments times ``2**1005`` (exact): their sum passes the largest float."""
    soc = _soc()
    return soc.assign(tot_emp=np.ldexp(soc["tot_emp"].to_numpy(), 1005))


def test_wage_deciles_of_an_employment_whose_sum_overflows():
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # numpy's "overflow" and "invalid value encountered in cast"
        huge = figures.by_wage_decile(_huge(), ["beta"], n=4)
    plain = figures.by_wage_decile(_soc(), ["beta"], n=4)
    assert huge["quantile"].tolist() == plain["quantile"].tolist() == [1, 2, 3, 4]
    assert huge["beta"].tolist() == plain["beta"].tolist()


def test_results_tables_wage_deciles_of_huge_employment(tmp_path):
    processed = _processed(tmp_path / "p", soc=_huge())
    deciles = figures.results_tables(processed, min_employment=0)["wage_deciles"]
    assert deciles["wage decile"].between(1, 10).all()
    plain = figures.results_tables(_processed(tmp_path / "q"), min_employment=0)["wage_deciles"]
    assert deciles["wage decile"].tolist() == plain["wage decile"].tolist()


def test_distribution_of_an_employment_whose_sum_overflows():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        huge = figures.plot_distribution(_huge(), bins=4)
    plain = figures.plot_distribution(_soc(), bins=4)
    for got, expected in zip(huge.axes[0].lines, plain.axes[0].lines, strict=True):
        assert np.isfinite(got.get_ydata()).all()
        assert got.get_ydata().tolist() == expected.get_ydata().tolist()


# --------------------------------------------------------------------------- 2. dot sizes
def test_wage_dots_grow_with_employment_given_as_shares():
    counts = _soc()
    shares = counts.assign(tot_emp=counts["tot_emp"] / counts["tot_emp"].sum())  # every one below 1
    sizes = {name: figures.plot_wage(frame, n=2).axes[0].collections[0].get_sizes()
             for name, frame in (("counts", counts), ("shares", shares))}
    assert np.allclose(sizes["shares"], sizes["counts"])
    assert sizes["shares"].max() == pytest.approx(figures._DOT_MIN + figures._DOT_SPAN)


# --------------------------------------------------------------------------- 3. bootstrap interval
@pytest.mark.parametrize("value, message", [
    ("-", r"not a number: '-'"),
    (np.inf, r"not a finite number: inf"),
    (5.0, r"beta_ci_high must be a fraction from 0 to 1, got 5\.0"),
])
def test_ranked_occupations_check_the_interval(value, message):
    soc = _soc().astype({"beta_ci_high": object})
    soc.loc[0, "beta_ci_high"] = value  # the most exposed occupation: drawn
    with pytest.raises(DataFormatError, match=r"^soc_scores, row 1, column 'beta_ci_high': " + message):
        figures.plot_ranked_occupations(soc, min_employment=0)


def test_sectors_check_the_interval():
    sec = _sectors().astype({"beta_ci_low": object})
    sec.loc[1, "beta_ci_low"] = "x"
    with pytest.raises(DataFormatError, match=r"^sector_scores, row 2, column 'beta_ci_low': not a number: 'x'"):
        figures.plot_sectors(sec)


def test_render_results_names_the_file_of_a_text_interval(tmp_path):
    soc = _soc().assign(beta_ci_low=["0.7", "-", "0.0", "0.1"])  # a Parquet column of strings
    processed = _processed(tmp_path / "p", soc=soc)
    with pytest.raises(DataFormatError, match=r"soc_scores\.parquet, row 2, column 'beta_ci_low': not a number: '-'"):
        figures.render_results(processed, tmp_path / "figs", min_employment=0)
    assert not (tmp_path / "figs" / "occupations.png").exists()


# --------------------------------------------------------------------------- 4. how the tables are read
@pytest.mark.parametrize("table, keys", [
    ("soc_scores", ["soc_code"]),
    ("sector_scores", ["naics", "level"]),
    ("workforce", ["group_type", "group", "measure"]),
])
def test_read_results_reads_a_key_stored_as_the_index(tmp_path, table, keys):
    plain = figures.read_results(_processed(tmp_path / "plain"))
    processed = _processed(tmp_path / "p")
    plain[table].set_index(keys).to_parquet(processed / f"{table}.parquet")
    got = figures.read_results(processed)
    pd.testing.assert_frame_equal(got[table][plain[table].columns], plain[table], check_like=False)
    assert figures.results_tables(processed, min_employment=0)["sectors"].shape[0] == 2


def test_read_results_names_a_column_stored_twice(tmp_path):
    processed = _processed(tmp_path / "p")
    path = processed / "soc_scores.parquet"
    stored = pq.read_table(path)
    pq.write_table(pa.Table.from_arrays([*stored.columns, stored.column("beta")],
                                        names=[*stored.column_names, "beta"]), path)
    with pytest.raises(DataFormatError, match=r"soc_scores\.parquet, column 'beta': given more than once in the "
                       r"Parquet schema \(columns [0-9]+ and [0-9]+\): keep one$"):
        figures.read_results(processed)


# --------------------------------------------------------------------------- 5. blank titles
@pytest.mark.parametrize("blank", ["", "   "])
def test_a_blank_title_is_drawn_as_its_code(blank):
    sec = _sectors().assign(naics_title=["Information", blank])
    assert [t.get_text() for t in figures.plot_sectors(sec).axes[0].get_yticklabels()] == ["Information", "23"]
    assert [t.get_text() for t in figures.plot_coverage(sec).axes[0].get_yticklabels()] == ["23", "Information"]
    soc = _soc().assign(soc_title=[blank, "Clerks", "Laborers", "Nurses"])
    top = figures.plot_ranked_occupations(soc, n=1, min_employment=0).axes[0]
    assert [t.get_text() for t in top.get_yticklabels()] == ["15-1252 (100k)"]
