"""Round 72 (rollup2): Dask checks that named an arbitrary partition or gave advice that fails; OEWS years.

1. :func:`exposure.dask.check` of scored rows whose partitions ``[1]`` and ``[2]`` both lack
   a column the frame's meta has (``p_e0``; files of other columns read with
   ``from_delayed(..., verify_meta=False)``): the error was raised by the partition that
   failed first, so the synchronous scheduler named ``scored.partitions[2], column 'p_e0':
   its columns ['onetsoc_code', 'task_id'] lack ['p_e0'] ...`` (not the first such
   partition), and the threaded one either, from one run to the next. Now each partition
   reports its columns and the first partition by number is named, whatever the
   scheduler: ``scored.partitions[1], column 'p_e0': ...`` (``task_id`` lacking in ``[1]``
   and ``p_e0`` in ``[2]``: ``[1]``, ``column 'task_id'``).
2. :func:`exposure.dask.to_sectors` / :func:`~exposure.dask.to_occupations` of rows without
   a code: ``naics is missing: ... (drop the rows without one first:
   scored[scored['naics'].notna()]), got <NA>``. The advice failed: a Dask Series has no
   ``notna`` (``AttributeError: 'Series' object has no attribute 'notna'``), and it kept
   the rows of a blank code (``'  '``), refused next; a code written None (or NaN) was
   shown as ``got <NA>`` (Dask reads them so). Now ``naics is missing: ... (drop the rows
   without one first: scored = scored[scored['naics'].str.strip().fillna('') != ''])``
   for codes as text (``scored = scored.dropna(subset=['naics'])`` for codes as numbers),
   ``naics is blank ('  '): ...`` for a blank one; the advice, followed, gives the roll-up
   of the other rows. The advice for a padded code is a statement that works too:
   ``scored['naics'] = scored['naics'].str.strip()``.
3. ``exposure rollup SCORES -o OUT --oews-release 2024`` (any year but 2025) read the OEWS
   national table (cross-industry rows only), even when the data directory held BLS's
   by-industry files of that year (``oesm24in4/natsector_M2024_dl.xlsx``,
   ``nat3d_M2024_dl.xlsx``), which ``exposure recompute`` reads: ``0 sectors, 0
   subsectors``, and a warning to "give the OEWS by-industry table", which no option of
   the command could. Now the by-industry table is read (``1 sectors, 1 subsectors``);
   only when its files cannot be had is the national table read, with a warning naming
   why (the files looked for) and where to put them: ``--oews-release 2024: the OEWS
   by-industry table of 2024 could not be read (oews/natsector_M2024_dl.xlsx: not found
   in mirror ...): its national table (cross-industry rows only) is read instead; for the
   sector and subsector tables, put BLS's oesm24in4.zip (or its natsector_M2024_dl.xlsx and
   nat3d_M2024_dl.xlsx in a folder oesm24in4) in the data directory (--data-dir)``.
4. :func:`exposure.rollup.to_soc` (and :func:`~exposure.rollup._soc.onet_to_oews`,
   :func:`~exposure.rollup.rollup`, :func:`~exposure.rollup.coverage`,
   :func:`~exposure.rollup.to_sectors`, :func:`~exposure.rollup.workforce_stats`) named the
   frame after the row in the errors of its codes, and not as the error's ``path``: ``row
   2, column 'onetsoc_code': occupation_scores: not an O*NET-SOC code ...``, ``row 2,
   column 'soc_code': onet_to_soc: soc_code missing``, ``row 3, column 'n_tasks':
   occupation_scores: combine='n_tasks' weighs ...``, ``row 3, column 'onetsoc_code':
   onet_to_soc: O*NET-SOC code '11-1011.00' maps to two SOC codes ...``, ``row 2, column
   'soc_code': soc_scores: not a SOC code ...``, where the errors of the measures of the
   same call name it first (``occupation_scores, row 2, column 'alpha': ...``, the
   error's ``path``), as :func:`~exposure.rollup.to_census_occ` and the readers do. Now
   every one of them names the frame first: ``occupation_scores, row 2, column
   'onetsoc_code': not an O*NET-SOC code ...``, ``onet_to_soc, row 2, column 'soc_code':
   missing`` (a missing key of :func:`~exposure.rollup._soc.require_frame` too:
   ``occupation_scores, row 2, column 'onetsoc_code': missing``).
5. :func:`exposure.dask.to_sectors` (also :func:`~exposure.dask.to_occupations`) of a Dask
   frame indexed by its codes (``set_index("naics")``, ``read_parquet(..., index="naics")``),
   or whose code or weight column is in another case (``NAICS``, ``Weight``): ``column
   'naics': missing column 'naics'``, and no more, where the pandas roll-ups say the
   column is the index. Now ``missing column 'naics'; 'naics' is the index: reset_index()
   first`` (``; the frame has 'NAICS': give by='NAICS'``, ``; the frame has 'Weight': give
   weight='Weight'``, the shared hint of ``exposure.scoring._inputs.missing_column_hint``);
   the advice, followed, gives the roll-up.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from _frames import write_xlsx
from test_faults_cli import cli

from exposure.errors import DataFormatError
from exposure.rollup import coverage, to_sectors, to_soc, workforce_stats
from exposure.rollup._soc import onet_to_oews

dask = pytest.importorskip("dask")
dd = pytest.importorskip("dask.dataframe")

from exposure import dask as xd  # noqa: E402

# 1. check: the first partition lacking a column, whatever the scheduler ------------------------

def _partitions(*frames: pd.DataFrame, meta: pd.DataFrame) -> dd.DataFrame:
    """A Dask frame of ``frames`` as its partitions, not checked against ``meta`` (files of other columns)."""
    return dd.from_delayed([dask.delayed(lambda f: f)(f) for f in frames], meta=meta, verify_meta=False)


GOOD = pd.DataFrame({"onetsoc_code": ["11-1011.00"], "task_id": [1], "p_e0": [0.5]})


@pytest.mark.parametrize("drops, column, columns", [
    (("p_e0", "p_e0"), "p_e0", "['onetsoc_code', 'task_id']"),
    (("task_id", "p_e0"), "task_id", "['onetsoc_code', 'p_e0']"),
])
def test_check_names_the_first_partition_lacking_a_column(drops, column, columns):
    """The synchronous scheduler named ``scored.partitions[2]``: the partition that failed first."""
    parts = [GOOD, *(GOOD.assign(task_id=k + 2).drop(columns=drop) for k, drop in enumerate(drops))]
    scored = _partitions(*parts, meta=GOOD.iloc[:0])
    for scheduler in ("synchronous", "threads", "threads", "threads"):
        with dask.config.set(scheduler=scheduler), pytest.raises(DataFormatError) as err:
            xd.check(scored)
        assert str(err.value) == (f"scored.partitions[1], column '{column}': its columns {columns} lack "
                                  f"['{column}'], which the frame's meta has (scored.columns): every "
                                  "partition must have the frame's columns"), scheduler
    # every partition with the columns: counted as before
    with dask.config.set(scheduler="threads"):
        assert xd.check(_partitions(GOOD, GOOD.assign(task_id=2, p_e0=None), meta=GOOD.iloc[:0])) == {
            "rows": 2, "scored": 1, "coverage": 0.5}


# 2. the roll-ups' advice on rows without a code works ------------------------------------------

def _scored(codes, dtype=None) -> pd.DataFrame:
    """Scored rows of industry ``codes`` (two partitions' worth), every measure and flag given."""
    n = len(codes)
    flags = {c: [False] * n for c in xd.ROLLUP_MEASURES[3:]}
    return pd.DataFrame({"naics": pd.Series(codes, dtype=dtype), "alpha": np.linspace(0.0, 0.3, n),
                         "beta": np.linspace(0.1, 0.4, n), "gamma": np.linspace(0.2, 0.5, n), **flags})


def _sync(ddf: dd.DataFrame) -> pd.DataFrame:
    with dask.config.set(scheduler="synchronous"):
        return ddf.compute()


NO_CODE = ("every row needs a code to be rolled up, as in the pandas roll-ups (drop the rows without one "
           "first: scored = {drop})")
AS_TEXT = "scored[scored['naics'].str.strip().fillna('') != '']"


@pytest.mark.parametrize("codes, dtype, said, drop", [
    (["52", None, "11", "  ", "52"], None, "is missing", AS_TEXT),  # None: Dask's <NA>
    (["52", "11", "  ", None, "52"], None, "is blank ('  ')", AS_TEXT),
    (["52", np.nan, "11", "  ", "52"], object, "is missing", AS_TEXT),
    ([52.0, np.nan, 11.0, 11.0, 52.0], None, "is missing", "scored.dropna(subset=['naics'])"),
], ids=["none", "blank", "nan-in-text", "nan-in-numbers"])
def test_advice_on_rows_without_a_code_works(codes, dtype, said, drop):
    """``scored[scored['naics'].notna()]``: a Dask Series has no ``notna``; ``got <NA>`` of a None."""
    frame = _scored(codes, dtype)
    scored = dd.from_pandas(frame, npartitions=1)
    with pytest.raises(DataFormatError) as err:
        _sync(xd.to_sectors(scored))
    row = next(i for i, c in enumerate(codes) if pd.isna(c) or not str(c).strip()) + 1
    assert str(err.value) == f"scored.partitions[0], row {row}, column 'naics': naics {said}: " + NO_CODE.format(
        drop=drop)
    # the advice, followed: the roll-up of the rows with a code
    scored = scored[scored["naics"].str.strip().fillna("") != ""] if drop == AS_TEXT else scored.dropna(
        subset=["naics"])
    got = _sync(xd.to_sectors(scored))
    kept = frame[[not (pd.isna(c) or not str(c).strip()) for c in codes]]
    assert got["n_rows"].to_dict() == kept.assign(naics=kept["naics"].map(
        lambda c: c if isinstance(c, str) else str(int(c)))).groupby("naics").size().to_dict()


def test_advice_on_a_padded_code_works():
    """The advice was an expression (``scored['naics'].str.strip()``): now the statement that strips them."""
    scored = dd.from_pandas(_scored(["52", " 52", "11"]), npartitions=1)
    with pytest.raises(DataFormatError) as err:
        _sync(xd.to_sectors(scored))
    assert str(err.value).endswith("(strip the codes first: scored['naics'] = scored['naics'].str.strip())")
    scored["naics"] = scored["naics"].str.strip()
    assert _sync(xd.to_sectors(scored))["n_rows"].to_dict() == {"11": 1, "52": 2}


# 3. exposure rollup --oews-release YEAR reads BLS's by-industry files of that year -----------------

COLUMNS = ["AREA", "AREA_TITLE", "AREA_TYPE", "NAICS", "NAICS_TITLE", "I_GROUP", "OWN_CODE", "OCC_CODE",
           "OCC_TITLE", "O_GROUP", "TOT_EMP", "EMP_PRSE", "H_MEAN", "A_MEAN", "MEAN_PRSE", "H_MEDIAN",
           "A_MEDIAN", "ANNUAL", "HOURLY"]
#: Occupations of each industry: (code, title, level, employment).
OCCUPATIONS = [("00-0000", "All Occupations", "total", 3000), ("11-0000", "Management Occupations", "major", 1000),
               ("11-1011", "Chief Executives", "detailed", 1000), ("13-0000", "Business", "major", 2000),
               ("13-1021", "Buyers and Purchasing Agents, Farm Products", "detailed", 2000)]


def _rows(naics: str, title: str, i_group: str) -> list:
    """The rows of one industry as BLS's workbooks hold them (numbers as numbers)."""
    return [["99", "U.S.", 1, naics, title, i_group, 1235, code, occ, group, emp, 1.2, 50.5, 105040, 0.8,
             45.2, 94020, None, None] for code, occ, group, emp in OCCUPATIONS]


def _rollup_2024(capsys, fixtures, tmp_path, data_dir):
    """``exposure rollup --oews-release 2024`` of the tiny scores, on the mirror and ``data_dir``."""
    d = fixtures / "rollup"
    return cli(capsys, "rollup", d / "task_scores_tiny.csv", "-o", tmp_path / "out", "--crosswalk",
               d / "onet_to_soc_tiny.csv", "--weights", "equal", "--oews-release", "2024",
               "--mirror", Path(os.environ.get("EXPOSURE_MIRROR", "../shared/data")).resolve(),
               "--data-dir", data_dir)


def test_oews_release_reads_the_by_industry_files_of_the_data_directory(capsys, fixtures, tmp_path, monkeypatch,
                                                                          shared_data):
    """``0 sectors, 0 subsectors``: the national table was read, the by-industry files left unread."""
    monkeypatch.setenv("EXPOSURE_HOME", str(tmp_path / "home"))  # the files are pinned there
    in4 = tmp_path / "data" / "oesm24in4"
    in4.mkdir(parents=True)
    write_xlsx(in4, "natsector_M2024_dl.xlsx", [COLUMNS, *_rows("31-33", "Manufacturing", "sector")])
    write_xlsx(in4, "nat3d_M2024_dl.xlsx", [COLUMNS, *_rows("327000", "Nonmetallic Mineral Products", "3-digit")])
    code, out, err = _rollup_2024(capsys, fixtures, tmp_path, tmp_path / "data")
    assert code == 0, err
    assert "1 sectors, 1 subsectors" in out
    sectors = pd.read_parquet(tmp_path / "out" / "sector_scores.parquet")
    assert sectors["naics"].tolist() == ["31-33"]
    assert "national table" not in err and "no sector or 3-digit" not in err


def test_oews_release_without_by_industry_files_says_why_the_national_table_is_read(
        capsys, fixtures, tmp_path, monkeypatch, shared_data, caplog):
    """The national table was read without a word of the files the command looks for."""
    monkeypatch.setenv("EXPOSURE_HOME", str(tmp_path / "home"))
    (tmp_path / "data").mkdir()
    with caplog.at_level(logging.WARNING, logger="exposure"):
        code, out, err = _rollup_2024(capsys, fixtures, tmp_path, tmp_path / "data")
    assert code == 0, err
    assert "0 sectors, 0 subsectors" in out
    said = [r.getMessage() for r in caplog.records if r.name == "exposure.cli._rollup"]
    assert len(said) == 1, said
    assert said[0].startswith("--oews-release 2024: the OEWS by-industry table of 2024 could not be read "
                              "(oews/natsector_M2024_dl.xlsx: not found in mirror "), said
    assert str(tmp_path / "data" / "oesm24in4.zip") in said[0]  # where it was looked for
    assert said[0].endswith("): its national table (cross-industry rows only) is read instead, so the sector and "
                            "subsector tables are empty and working_time has no sector rows; for them, put BLS's "
                            "oesm24in4.zip (or its natsector_M2024_dl.xlsx and "
                            "nat3d_M2024_dl.xlsx in a folder oesm24in4) in the data directory (--data-dir)")


# 4. the roll-ups' errors of codes name the frame first, as those of the measures --------------------

OCC = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.03", "13-1021.00"], "alpha": [0.1, 0.5, 0.0],
                    "beta": [0.2, 0.6, 0.3], "gamma": [0.3, 0.7, 0.6], "n_tasks": [10, 20, 30]})
XW = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.03", "13-1021.00"],
                   "soc_code": ["11-1011", "11-1011", "13-1021"]})
EMP = pd.DataFrame({"naics": "000000", "i_group": "cross-industry", "occ_code": ["11-1011", "13-1020"],
                    "o_group": "detailed", "tot_emp": [100.0, 50.0]})
SOC = pd.DataFrame({"soc_code": ["11-1011", "13-1020"], "alpha": [0.1, 0.0], "beta": [0.2, 0.3],
                    "gamma": [0.3, 0.6], "tot_emp": [100.0, 50.0]})
SECTORS = pd.DataFrame({"naics": "11", "naics_title": "Agriculture", "i_group": "sector",
                        "occ_code": ["00-0000", "11-1011", "13-1020"], "o_group": ["total", "detailed", "detailed"],
                        "tot_emp": [120.0, 60.0, 40.0]})
_ONET = "not an O*NET-SOC code (like 11-1011.00): "


@pytest.mark.parametrize("call, name, row, column, reason", [
    (lambda: to_soc(OCC.assign(onetsoc_code=["11-1011.00", "11-1011.03 ", "13-1021.00"]), XW, EMP),
     "occupation_scores", 2, "onetsoc_code", _ONET + "'11-1011.03 ': spaces around the code: write '11-1011.03'"),
    (lambda: to_soc(OCC.assign(onetsoc_code=["11-1011.00", None, "13-1021.00"]), XW, EMP),
     "occupation_scores", 2, "onetsoc_code", "missing"),
    (lambda: to_soc(OCC, XW.assign(soc_code=["11-1011", None, "13-1021"]), EMP),
     "onet_to_soc", 2, "soc_code", "missing"),
    (lambda: to_soc(OCC, XW.assign(soc_code=["11-1011", "11-1011", "131021"]), EMP),
     "onet_to_soc", 3, "soc_code", "not a SOC code (like 11-1011): '131021': a code saved as a number? write it "
     "as text with its hyphen: '13-1021'"),
    (lambda: to_soc(OCC.assign(n_tasks=[10, 0, 30]), XW, EMP, combine="n_tasks"),
     "occupation_scores", 2, "n_tasks", "combine='n_tasks' weighs each occupation by n_tasks, which must be a "
     "whole number of at least 1, got 0"),
    (lambda: to_soc(OCC, pd.concat([XW, XW.iloc[:1].assign(soc_code="11-1021")], ignore_index=True), EMP),
     "onet_to_soc", 4, "onetsoc_code", "O*NET-SOC code '11-1011.00' maps to two SOC codes ('11-1011' in row 1, "
     "'11-1021' in row 4): give each O*NET-SOC code once"),
    (lambda: to_soc(OCC, XW.assign(soc_code=["11-1011", "11-1011", "11-1011"]), EMP),
     "onet_to_soc", 3, "soc_code", "'11-1011' is not the SOC code of '13-1021.00' (its first seven characters, "
     "'13-1021'): a shifted row, or a code of another SOC vintage (O*NET-SOC 2019 codes expected)?"),
    (lambda: onet_to_oews(OCC.assign(onetsoc_code=[" 11-1011.00", "11-1011.03", "13-1021.00"]), XW,
                          ["11-1011", "13-1020"]),
     "occupation_scores", 1, "onetsoc_code", _ONET + "' 11-1011.00': spaces around the code: write '11-1011.00'"),
    (lambda: coverage(SOC, OCC.assign(onetsoc_code=["11-1011.00", "11-1011.03", "13-1021"])),
     "occupation_scores", 3, "onetsoc_code", _ONET + "'13-1021': a SOC code? an O*NET-SOC code has a two-digit "
     "suffix: write '13-1021.00' (the SOC occupation itself) or the O*NET-SOC code meant"),
    (lambda: to_sectors(SOC.assign(soc_code=["11-1011", " 13-1020"]), SECTORS),
     "soc_scores", 2, "soc_code", "not a SOC code (like 11-1011): ' 13-1020': spaces around the code: write "
     "'13-1020'"),
    (lambda: workforce_stats(SOC.assign(soc_code=[None, "13-1020"])),
     "soc_scores", 1, "soc_code", "missing"),
], ids=["padded", "missing", "xw-missing", "xw-number", "n_tasks", "two-socs", "shifted", "onet_to_oews",
        "coverage", "to_sectors", "workforce"])
def test_errors_of_codes_name_the_frame_first(call, name, row, column, reason):
    """``row 2, column 'onetsoc_code': occupation_scores: not ...``, beside ``occupation_scores, row 2, column 'alpha'``."""
    with pytest.raises(DataFormatError) as err:
        call()
    assert str(err.value) == f"{name}, row {row}, column '{column}': {reason}"
    assert (err.value.path, err.value.row, err.value.column, err.value.reason) == (name, row, column, reason)
    # as the errors of the measures of the same frame
    with pytest.raises(DataFormatError, match=r"^occupation_scores, row 2, column 'alpha': "):
        to_soc(OCC.assign(alpha=[0.1, "abc", 0.0]), XW, EMP)


# 5. the Dask roll-ups say what to do of a code column that is the index, or in another case ----------

@pytest.mark.parametrize("change, said, follow", [
    (lambda f: f.set_index("naics"), "column 'naics': missing column 'naics'; 'naics' is the index: "
     "reset_index() first", lambda d: xd.to_sectors(d.reset_index())),
    (lambda f: f.rename(columns={"naics": "NAICS"}), "column 'naics': missing column 'naics'; the frame has "
     "'NAICS': give by='NAICS'", lambda d: xd.to_sectors(d, by="NAICS")),
], ids=["index", "case"])
def test_rollup_names_the_code_column_meant(change, said, follow):
    """``missing column 'naics'``, and no more."""
    frame = _scored(["52", "11", "52"])
    scored = dd.from_pandas(change(frame), npartitions=1)
    with pytest.raises(DataFormatError) as err:
        xd.to_sectors(scored)
    assert str(err.value) == said
    assert _sync(follow(scored))["n_rows"].to_dict() == {"11": 1, "52": 2}
    # a weight in another case
    with pytest.raises(DataFormatError) as err:
        xd.to_sectors(dd.from_pandas(frame.assign(Weight=[1.0, 2.0, 3.0]), npartitions=1), weight="weight")
    assert str(err.value) == "column 'weight': missing column 'weight'; the frame has 'Weight': give weight='Weight'"
