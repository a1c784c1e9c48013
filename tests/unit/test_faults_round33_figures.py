"""Round 33: the results figures and tables read from a processed folder (:mod:`exposure.reports.figures`).

Faults found (each test below failed before its fix):

1. A processed table with a header and no rows (``soc_scores.parquet`` empty):
   ``render_results`` raised numpy's ``ValueError: zero-size array to reduction operation
   fmax which has no identity`` (a traceback); ``results_tables`` returned empty tables
   without a word. A ``sector_scores.parquet`` without a ``sector`` row, or a
   ``workforce.parquet`` without the ``all`` row of a measure, gave an empty sectors table
   and figure, or a workforce table short of a measure, silently.
2. A table that is not the one the folder's ``manifest.json`` recorded (changed, or copied
   in from another run or release) was drawn and tabulated without a word, although
   :func:`exposure.load` refuses it.
3. A negative employment (``tot_emp -100000``) was listed in the most exposed table and
   dropped from the wage deciles without a word; a negative or zero mean wage fell off
   the wage figure's log axis silently.
4. A measure outside 0-1 (``beta`` 1.8) was tabulated by ``results_tables`` (only the
   distribution figure refused it); a ``coverage`` of 1.5 or infinity, a sector ``beta``
   of 3.0 and a workforce share of 1.5 were drawn and tabulated silently (infinity with
   numpy's ``invalid value`` warnings).
5. A missing ``soc_code`` dropped the occupation from its major group (its workers
   gone from the major groups and categories tables); a sector given twice was drawn and
   listed twice; a workforce (group, measure) given twice made the workforce table
   four rows for three measures.
6. No occupation with employment (``tot_emp`` 0 on every row): the wage deciles were
   empty and the major groups NaN without a word (numpy's ``All-NaN slice`` warning).
7. ``min_employment`` negative was taken as no floor and ``inf`` gave empty most and
   least exposed tables, silently.
8. Without matplotlib, every figure raised ``ModuleNotFoundError: No module named
   'matplotlib'`` (a traceback), not saying what to install.

Tiny made-up processed tables written by the tests.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from exposure.errors import DataFormatError, ExposureError
from exposure.reports import figures


def _soc() -> pd.DataFrame:
    return pd.DataFrame({"soc_code": ["15-1252", "43-9061", "47-2061"],
                         "soc_title": ["Developers", "Clerks", "Laborers"],
                         "tot_emp": [100e3, 200e3, 50e3], "a_mean": [140e3, 45e3, 50e3],
                         "alpha": [0.6, 0.5, 0.0], "beta": [0.8, 0.6, 0.0], "gamma": [1.0, 0.7, 0.0],
                         "share_admin": [0.1, 0.7, 0.0], "share_routine_coding": [0.5, 0.0, 0.0],
                         "share_entry_creative": [0.1, 0.1, 0.0]})


def _sectors() -> pd.DataFrame:
    return pd.DataFrame({"naics": ["51", "23"], "naics_title": ["Information", "Construction"],
                         "level": ["sector", "sector"], "tot_emp": [1000.0, 2000.0],
                         "covered_emp": [900.0, 1800.0], "coverage": [0.9, 0.9], "alpha": [0.4, 0.05],
                         "beta": [0.55, 0.1], "gamma": [0.7, 0.15], "exposed_workers": [500.0, 100.0]})


def _workforce() -> pd.DataFrame:
    return pd.DataFrame([{"group_type": "all", "group": "all", "measure": m, "tot_emp": 800.0,
                          "covered_emp": 800.0, "share_ge_10": 0.9, "share_gt_50": 0.3, "emp_mean": 0.4,
                          "wage_mean": 0.45} for m in ("alpha", "beta", "gamma")])


def _processed(path: Path, soc=None, sec=None, work=None) -> Path:
    path.mkdir(exist_ok=True)
    (_soc() if soc is None else soc).to_parquet(path / "soc_scores.parquet")
    (_sectors() if sec is None else sec).to_parquet(path / "sector_scores.parquet")
    (_workforce() if work is None else work).to_parquet(path / "workforce.parquet")
    return path


def _both(processed: Path, out: Path, match: str) -> None:
    """Both the tables and the figures refuse ``processed`` with ``match``; no figure written."""
    with pytest.raises(DataFormatError, match=match):
        figures.results_tables(processed, min_employment=0)
    with pytest.raises(DataFormatError, match=match):
        figures.render_results(processed, out)
    assert not out.exists() or not list(out.iterdir())


def test_the_fixture_renders(tmp_path):
    processed = _processed(tmp_path / "p")
    assert len(figures.render_results(processed, tmp_path / "out")) == 7
    assert len(figures.results_tables(processed)["workforce"]) == 3


# ---------------------------------------------------------------------------------------
# 1. empty tables, no sector rows, a measure without its workforce row
# ---------------------------------------------------------------------------------------

def test_an_empty_soc_scores_is_refused(tmp_path):
    processed = _processed(tmp_path / "p", soc=_soc().iloc[:0])
    _both(processed, tmp_path / "out", r"p/soc_scores\.parquet: no rows \(a header and no occupation\)")


def test_sector_scores_without_a_sector_row_is_refused(tmp_path):
    processed = _processed(tmp_path / "p", sec=_sectors().assign(level="subsector"))
    _both(processed, tmp_path / "out", r"p/sector_scores\.parquet, column 'level': no row of level 'sector'")


def test_workforce_without_the_row_of_a_measure_is_refused(tmp_path):
    processed = _processed(tmp_path / "p", work=_workforce().iloc[:2])
    _both(processed, tmp_path / "out", r"p/workforce\.parquet, column 'measure': no row of group_type 'all' "
                                       r"for measure 'gamma'")


# ---------------------------------------------------------------------------------------
# 2. a table that is not the one the manifest recorded
# ---------------------------------------------------------------------------------------

def _manifest(processed: Path) -> None:
    tables = {name: {"sha256": hashlib.sha256((processed / name).read_bytes()).hexdigest()}
              for name in ("soc_scores.parquet", "sector_scores.parquet", "workforce.parquet")}
    (processed / "manifest.json").write_text(json.dumps({"format": 1, "releases": {"onet": "29.1", "oews": "2025"},
                                                         "tables": tables}))


def test_a_table_of_another_run_is_refused(tmp_path):
    processed = _processed(tmp_path / "p")
    _manifest(processed)
    figures.read_results(processed)  # as recorded: read
    _soc().assign(beta=[0.7, 0.6, 0.0]).to_parquet(processed / "soc_scores.parquet")  # another run's
    _both(processed, tmp_path / "out", r"p/soc_scores\.parquet: this table is not the one manifest\.json "
                                       r"recorded")


# ---------------------------------------------------------------------------------------
# 3. negative employment, a wage that is not positive
# ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("table, column, values, match", [
    ("soc", "tot_emp", [-100e3, 200e3, 50e3], r"soc_scores\.parquet, row 1, column 'tot_emp': must be a number of 0 "
                                              r"or more, got -100000\.0"),
    ("soc", "a_mean", [140e3, 0.0, 50e3], r"soc_scores\.parquet, row 2, column 'a_mean': must be a wage above 0, "
                                          r"got 0\.0"),
    ("sec", "covered_emp", [900.0, -1.0], r"sector_scores\.parquet, row 2, column 'covered_emp': must be a number "
                                          r"of 0 or more, got -1\.0"),
    ("sec", "exposed_workers", [np.inf, 1.0], r"sector_scores\.parquet, row 1, column 'exposed_workers': not a "
                                              r"finite number: inf"),
])
def test_a_negative_employment_or_wage_is_refused(tmp_path, table, column, values, match):
    kw = {"soc": _soc().assign(**{column: values})} if table == "soc" else {"sec": _sectors().assign(**{column: values})}
    _both(_processed(tmp_path / "p", **kw), tmp_path / "out", match)


# ---------------------------------------------------------------------------------------
# 4. fractions outside 0-1 or infinite
# ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("table, column, values, match", [
    ("soc", "beta", [1.8, 0.6, 0.0], r"soc_scores\.parquet, row 1, column 'beta': must be a fraction from 0 to 1, "
                                     r"got 1\.8"),
    ("soc", "share_admin", [0.1, -0.2, 0.0], r"soc_scores\.parquet, row 2, column 'share_admin': must be a fraction "
                                             r"from 0 to 1, got -0\.2"),
    ("sec", "coverage", [1.5, 0.9], r"sector_scores\.parquet, row 1, column 'coverage': must be a fraction from 0 "
                                    r"to 1, got 1\.5"),
    ("sec", "coverage", [0.9, np.inf], r"sector_scores\.parquet, row 2, column 'coverage': not a finite number: inf"),
    ("sec", "beta", [3.0, 0.1], r"sector_scores\.parquet, row 1, column 'beta': must be a fraction from 0 to 1, "
                                r"got 3\.0"),
    ("work", "share_ge_10", [0.9, 1.5, 0.9], r"workforce\.parquet, row 2, column 'share_ge_10': must be a fraction "
                                             r"from 0 to 1, got 1\.5"),
])
def test_a_fraction_outside_0_1_is_refused(tmp_path, table, column, values, match):
    frame = {"soc": _soc, "sec": _sectors, "work": _workforce}[table]().assign(**{column: values})
    _both(_processed(tmp_path / "p", **{table: frame}), tmp_path / "out", match)


# ---------------------------------------------------------------------------------------
# 5. missing and repeated keys
# ---------------------------------------------------------------------------------------

def test_a_missing_soc_code_is_refused(tmp_path):
    processed = _processed(tmp_path / "p", soc=_soc().assign(soc_code=["15-1252", None, "47-2061"]))
    _both(processed, tmp_path / "out", r"soc_scores\.parquet, row 2, column 'soc_code': missing")


def test_a_sector_given_twice_is_refused(tmp_path):
    processed = _processed(tmp_path / "p", sec=pd.concat([_sectors(), _sectors().iloc[[0]]], ignore_index=True))
    _both(processed, tmp_path / "out", r"sector_scores\.parquet, row 3, column 'naics': sector '51' given twice "
                                       r"\(rows 1 and 3\)")


def test_a_workforce_row_given_twice_is_refused(tmp_path):
    processed = _processed(tmp_path / "p", work=pd.concat([_workforce(), _workforce().iloc[[1]]], ignore_index=True))
    _both(processed, tmp_path / "out", r"workforce\.parquet, row 4, column 'measure': group_type 'all', group "
                                       r"'all', measure 'beta' given twice \(rows 2 and 4\)")


# ---------------------------------------------------------------------------------------
# 6. no employment at all
# ---------------------------------------------------------------------------------------

def test_no_occupation_with_employment_is_refused(tmp_path):
    processed = _processed(tmp_path / "p", soc=_soc().assign(tot_emp=[0.0, 0.0, np.nan]))
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # numpy's All-NaN slice warning before
        _both(processed, tmp_path / "out", r"soc_scores\.parquet, column 'tot_emp': no occupation has workers "
                                           r"\(0 or missing on every row\)")


def test_a_single_occupation_is_drawn(tmp_path):
    processed = _processed(tmp_path / "p", soc=_soc().iloc[:1])
    assert len(figures.render_results(processed, tmp_path / "out")) == 7
    assert figures.results_tables(processed, min_employment=0)["most_exposed"]["SOC code"].tolist() == ["15-1252"]


# ---------------------------------------------------------------------------------------
# 7. the employment floor
# ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("floor", [-1, float("inf")])
def test_a_negative_or_infinite_employment_floor_is_refused(tmp_path, floor):
    processed = _processed(tmp_path / "p")
    match = r"min_employment must be a number of workers of 0 or more"
    with pytest.raises(DataFormatError, match=match):
        figures.results_tables(processed, min_employment=floor)
    with pytest.raises(DataFormatError, match=match):
        figures.render_results(processed, tmp_path / "out", min_employment=floor)
    with pytest.raises(DataFormatError, match=match):
        figures.ranked(_soc(), min_employment=floor)
    assert not (tmp_path / "out").exists()


# ---------------------------------------------------------------------------------------
# 8. without matplotlib
# ---------------------------------------------------------------------------------------

def test_without_matplotlib_the_error_says_what_to_install(tmp_path):
    processed = _processed(tmp_path / "p")
    code = (
        "import sys\n"
        "for name in ('matplotlib', 'matplotlib.figure', 'matplotlib.ticker'):\n"
        "    sys.modules[name] = None  # not installed\n"
        "from exposure.reports import figures\n"
        "from exposure.errors import ExposureError\n"
        "try:\n"
        f"    figures.render_results({str(processed)!r}, {str(tmp_path / 'out')!r})\n"
        "except ExposureError as exc:\n"
        "    print('ExposureError:', exc)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.stdout.strip() == ("ExposureError: the figures need matplotlib (pip install matplotlib, or "
                                   "pip install 'ai-exposure[docs]')"), done.stderr
    assert not (tmp_path / "out").exists()


def test_results_tables_need_no_matplotlib(tmp_path):
    processed = _processed(tmp_path / "p")
    code = (
        "import sys\n"
        "sys.modules['matplotlib'] = None\n"
        "from exposure.reports import figures\n"
        f"print(len(figures.results_tables({str(processed)!r})))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.stdout.strip() == "7", done.stderr


def test_the_shipped_tables_still_render(tmp_path):
    shipped = Path(__file__).resolve().parents[2] / "data" / "processed"
    if not (shipped / "soc_scores.parquet").is_file():
        pytest.skip("no shipped processed tables")
    tables = figures.results_tables(shipped)
    assert len(tables["workforce"]) == 3 and len(tables["sectors"]) == 20


def test_existing_error_types_unchanged(tmp_path):
    with pytest.raises(ExposureError, match="missing processed table"):
        figures.read_results(tmp_path)
