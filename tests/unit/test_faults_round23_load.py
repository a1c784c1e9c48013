"""Round 23: reading the processed tables back, the Spark batch scorer, ``exposure outcomes``.

Found in this round:

1. :func:`exposure._load.recomputes` (so :func:`exposure.load` without ``directory``) took
   the hidden temporary directory of a recompute (``.onet-31.0_oews-2026.k2x9abcd.tmp``,
   or the ``.old-`` one of a swap) for the newest recompute: during a recompute, or for
   good after one was killed, ``load`` read its tables (3 rows of 830) with a log message
   calling it "your recompute";
2. :func:`exposure.load` read a table that is not the one its directory's
   ``manifest.json`` recorded (sha256: edited, or copied in from another run) without a
   word, under the releases of the manifest (``exposure diff`` refuses it);
3. a table's path that is a directory (``soc_scores.parquet/``, a dataset directory) was
   ``processed table 'soc_scores' not found at .../soc_scores.parquet``, a path that is
   there;
4. the schema errors of :func:`exposure.load` counted rows from 0 (``row 0`` is the first
   record), where ``exposure diff`` and ``exposure outcomes --panel`` count the rows of a
   Parquet file from 1;
5. ``load(name, directory=d, release="31.0")`` (and ``load_manifest(d, release=...)``)
   ignored ``release``: the tables of O*NET 29.1 were returned for 31.0;
6. :func:`exposure.spark.score_batches` on a batch with the O*NET-SOC code column twice
   (Spark keeps both columns of a join) raised ``AttributeError: 'DataFrame' object has
   no attribute 'str'`` (the ``learned`` method groups the rows by code first);
7. :func:`exposure.spark.score_batches` given one frame instead of an iterable of frames
   (or batches that are None, a dict) raised ``AttributeError: 'str' object has no
   attribute 'columns'`` (the frame's column names were taken as batches);
8. ``exposure outcomes`` on a panel that ends in another year than 2025 (a panel built
   with May 2026, or ending in 2024) printed "May 2025 effect of one SD more exposure"
   and wrote the column ``May 2025 (% per SD)`` in ``outcomes_summary.csv`` for the
   effect in the panel's last year;
9. ``exposure outcomes --panel FILE`` whose years lack May 2021 or a year after 2022
   said ``pre_year 2021 is not in the panel ([2022, 2023])`` or ``end_year (2022) must be
   after base_year (2022)``: no file, and options nobody gave;
10. :func:`exposure.reports.outcomes.write_outcomes` with ``figures_too="no"`` drew the
    figures; a ``result``, ``out_dir``, ``sectors`` or ``settings`` of the wrong kind
    raised ``AttributeError``/``TypeError`` (``Object of type PosixPath is not JSON
    serializable``), and ``settings={"years": [1999]}`` replaced the panel's years in
    ``outcomes.json`` without a word;
11. an occupation panel whose ``balanced`` is written as text or has a missing cell
    (``exposure outcomes --panel FILE``, ``exposure.load("occupation_panel")``) was read by
    the schema's ``astype(bool)``: ``"False"``, ``"no"`` and NaN became True, ``None``
    False, without a word: every occupation of a text column counted as balanced. A cell
    that is not True or False (0 and 1 are read as before) is refused now, naming the row.

The Spark tests call :func:`~exposure.spark.score_batches` on pandas frames, as Spark's
``mapInPandas`` does: no PySpark needed. No mirror and no network.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from _cli import _no_env, run  # noqa: F401 (_no_env: autouse fixture)

from exposure._load import load, load_manifest, processed_dir, recomputes
from exposure.errors import DataFormatError, ExposureError
from exposure.fetch import DataStore
from exposure.outcomes import run_outcomes
from exposure.reports.outcomes import summary_table, write_outcomes
from exposure.spark import score_batches


def _soc(directory, frame=None):
    """``directory`` holding the shipped ``soc_scores`` table (or ``frame``) and a manifest."""
    directory.mkdir(parents=True, exist_ok=True)
    shutil.copy(processed_dir() / "soc_scores.parquet", directory / "soc_scores.parquet")
    digest = hashlib.sha256((directory / "soc_scores.parquet").read_bytes()).hexdigest()
    (directory / "manifest.json").write_text(json.dumps({
        "releases": {"onet": "29.1", "oews": "2025"},
        "tables": {"soc_scores.parquet": {"sha256": digest}}}))
    if frame is not None:
        frame.to_parquet(directory / "soc_scores.parquet")
    return directory


# 1 --------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", [".onet-29.1_oews-2025.k2x9abcd.tmp",
                                  ".onet-29.1_oews-2025.old-k2x9abcd.tmp"])
def test_a_recompute_s_temporary_directory_is_not_a_recompute(tmp_path, name):
    home = tmp_path / "home"
    good = _soc(home / "processed" / "onet-29.1_oews-2025")
    partial = _soc(home / "processed" / name, load("soc", directory=good).iloc[:3])
    os.utime(good / "manifest.json", (1_000_000, 1_000_000))  # the temporary one is newer
    store = DataStore(cache=home, home=home)
    assert [p.name for p, _ in recomputes(store)] == ["onet-29.1_oews-2025"]
    frame = load("soc", store=store, validate=False)
    assert len(frame) == 830 and frame.attrs["exposure_directory"] == str(good)
    assert partial.is_dir()  # left alone


# 2 --------------------------------------------------------------------------------------


def test_a_table_changed_since_the_recompute_is_refused(tmp_path):
    shipped = load("soc", directory=processed_dir())
    d = _soc(tmp_path / "out", shipped.assign(beta=shipped["beta"] / 2))
    with pytest.raises(DataFormatError, match=r"soc_scores\.parquet: this table is not the one "
                       r"manifest\.json recorded \(sha256 [0-9a-f]{12}\.\.\. instead of") as err:
        load("soc", directory=d)
    assert str(err.value).startswith(str(d / "soc_scores.parquet"))
    # validate=False reads it as it is; the table as recorded is read as before
    assert load("soc", directory=d, validate=False)["beta"].iloc[0] == shipped["beta"].iloc[0] / 2
    assert load("soc", directory=_soc(tmp_path / "same"))["beta"].equals(shipped["beta"])


def test_a_table_changed_in_the_newest_recompute_is_refused(tmp_path):
    home = tmp_path / "home"
    shipped = load("soc", directory=processed_dir())
    _soc(home / "processed" / "onet-29.1_oews-2025", shipped.iloc[:10])
    with pytest.raises(DataFormatError, match="not the one manifest.json recorded"):
        load("soc", store=DataStore(cache=home, home=home))


# 3 --------------------------------------------------------------------------------------


def test_a_table_that_is_a_directory_is_named_as_such(tmp_path):
    d = tmp_path / "out"
    (d / "soc_scores.parquet").mkdir(parents=True)
    with pytest.raises(DataFormatError, match=r"soc_scores\.parquet: is a directory, not a file \(the "
                       r"processed table 'soc_scores' is expected\)"):
        load("soc", directory=d)


# 4 --------------------------------------------------------------------------------------


def test_schema_errors_of_load_count_rows_from_1(tmp_path):
    shipped = load("soc", directory=processed_dir())
    bad = shipped.copy()
    bad.loc[2, "beta"] = 7.0
    d = tmp_path / "out"
    d.mkdir()
    bad.to_parquet(d / "soc_scores.parquet")
    with pytest.raises(DataFormatError, match=r"soc_scores\.parquet, row 3, column 'beta'") as err:
        load("soc", directory=d)
    assert err.value.row == 3


# 5 --------------------------------------------------------------------------------------


def test_a_directory_of_another_release_is_refused(tmp_path):
    d = _soc(tmp_path / "out")
    with pytest.raises(ExposureError, match=r"out holds the tables of \{'onet': '29.1', 'oews': '2025'\}, "
                       r"not of release '31.0'"):
        load("soc", directory=d, release="31.0")
    with pytest.raises(ExposureError, match="not of release '31.0'"):
        load_manifest(d, release="31.0")
    assert len(load("soc", directory=d, release="29.1")) == 830
    assert load_manifest(d, release="onet-29.1_oews-2025")["releases"]["onet"] == "29.1"
    (d / "manifest.json").unlink()
    with pytest.raises(ExposureError, match=r"has no manifest\.json: its release cannot be checked"):
        load("soc", directory=d, release="29.1")


# 6, 7 -----------------------------------------------------------------------------------


TASKS = pd.DataFrame({"task": ["Answer telephones and relay messages.", "Operate a forklift to move pallets."],
                      "onetsoc_code": ["43-4171.00", "53-7051.00"]})


@pytest.mark.parametrize("method", ["learned", "rubric"])
@pytest.mark.parametrize("column", ["onetsoc_code", "O*NET-SOC Code"])
def test_a_column_twice_in_a_spark_batch_is_named(method, column):
    batch = pd.concat([TASKS.rename(columns={"onetsoc_code": column}),
                       TASKS[["onetsoc_code"]].rename(columns={"onetsoc_code": column})], axis=1)
    with pytest.raises(DataFormatError, match=re.escape(f"column '{column}': given more than once: keep one")):
        list(score_batches([batch], method))


@pytest.mark.parametrize(("batches", "message"), [
    (TASKS, r"batches must be an iterable of pandas DataFrames \(what Spark hands mapInPandas\), got "
            r"one DataFrame: write \[frame\]"),
    ([None], r"batch 1 must be a pandas DataFrame, got NoneType None"),
    ([TASKS, {"task": ["Weld."]}], r"batch 2 must be a pandas DataFrame, got dict"),
    (5, r"batches must be an iterable of pandas DataFrames \(what Spark hands mapInPandas\), got int 5"),
])
def test_spark_batches_that_are_not_frames_are_refused(batches, message):
    with pytest.raises(DataFormatError, match=message):
        list(score_batches(batches, "rubric"))


def test_spark_batches_still_score():
    got = pd.concat(score_batches([TASKS.iloc[:1], TASKS.iloc[1:]], "rubric"), ignore_index=True)
    assert got["task"].tolist() == TASKS["task"].tolist() and got["beta"].notna().all()


# 8, 9, 10 -------------------------------------------------------------------------------


def _panel(years=(2021, 2022, 2023)) -> pd.DataFrame:
    rows = [(f"{mj}-10{i}1", t, 100.0 * (i + 1) * (1.0 - 0.02 * i * (t > 2022)) * (1 + 0.005 * ((3 * i + t) % 4)),
             f"{mj}-0000") for mj in ("11", "13") for i in range(4) for t in years]
    p = pd.DataFrame(rows, columns=["soc_code", "year", "tot_emp", "soc_major"])
    return p.assign(soc_title="t", code_type="detailed", a_mean=50000.0 + p["tot_emp"], a_median=40000.0,
                    balanced=True)[["soc_code", "year", "soc_title", "soc_major", "code_type", "tot_emp", "a_mean",
                                    "a_median", "balanced"]]


def _files(tmp_path, years):
    panel = _panel(years)
    panel.to_parquet(tmp_path / "p.parquet")
    codes = list(panel["soc_code"].unique())
    pd.DataFrame({"soc_code": codes, "soc_title": "t", "beta": np.linspace(0.1, 0.8, len(codes))}).to_parquet(
        tmp_path / "s.parquet")
    return ["outcomes", "--panel", tmp_path / "p.parquet", "--soc-scores", tmp_path / "s.parquet", "--measure",
            "beta", "-o", tmp_path / "out", "--no-figures", "--no-robustness"]


@pytest.mark.parametrize("years", [(2021, 2022, 2023, 2024), (2021, 2022, 2023, 2024, 2025, 2026)])
def test_outcomes_names_the_last_year_of_the_panel(tmp_path, capsys, years):
    assert run(capsys, *_files(tmp_path, years)) == (0, "")
    columns = list(pd.read_csv(tmp_path / "out" / "outcomes_summary.csv").columns)
    assert [c for c in columns if c.startswith("May ")] == [f"May {years[-1]} (% per SD)"]


def test_outcomes_prints_the_last_year_of_the_panel(tmp_path, capsys):
    from exposure.cli import main
    assert main([str(a) for a in _files(tmp_path, (2021, 2022, 2023, 2024))]) == 0
    out = capsys.readouterr().out
    assert "May 2024 effect of one SD more exposure" in out and "May 2025" not in out


def test_summary_table_labels_the_year_given():
    h = pd.DataFrame({"measure": ["beta"], "outcome": ["log_emp"], "coef": [-0.0113], "ci_low": [-0.0282],
                      "ci_high": [0.0056], "p_value": [0.19], "pre_coef": [0.0056], "pre_p_value": [0.11],
                      "robust_min": [-0.0179], "robust_min_spec": ["drop_major_51"], "robust_max": [0.0146],
                      "robust_max_spec": ["unweighted"], "n_occupations": [782]})
    assert "May 2025 (% per SD)" in summary_table(h).columns  # the default, as before
    assert "May 2024 (% per SD)" in summary_table(h, year=2024).columns
    assert "May 2024 (% per SD)" in summary_table(h, year="2024").columns  # round 81: text digits are the year
    with pytest.raises(DataFormatError, match="year must be a year"):
        summary_table(h, year="May 2024")


@pytest.mark.parametrize(("years", "needs"), [
    ((2022, 2023), "May 2021 (the pre-trend year)"),
    ((2022,), "May 2021 (the pre-trend year)"),
    ((2021, 2022), "a year after 2022"),
])
def test_outcomes_panel_without_the_years_of_the_event_study(tmp_path, capsys, years, needs):
    code, err = run(capsys, *_files(tmp_path, years))
    assert code == 2
    assert f"p.parquet, column 'year': the panel's years are {', '.join(map(str, years))}" in err
    assert needs in err
    assert not (tmp_path / "out").exists()


def _result():
    panel = _panel()
    ex = pd.DataFrame({"soc_code": panel["soc_code"].unique(), "beta": np.linspace(0.1, 0.8, 8)})
    return run_outcomes(panel, ex, q=2, with_robustness=False)


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"figures_too": "no"}, "figures_too must be True or False, got str 'no'"),
    ({"result": None}, r"result must be an exposure.outcomes.Outcomes \(the result of run_outcomes\), got NoneType"),
    ({"out_dir": None}, r"out_dir must be a directory path \(str or os.PathLike\), got NoneType None"),
    ({"sectors": "x"}, r"sectors must be a pandas DataFrame \(the result of sector_growth\) or None, got str 'x'"),
    ({"settings": [("a", 1)]}, r"settings must be a dict of extra outcomes.json entries or None, got list"),
    ({"settings": {"out": "x", "where": Path("x")}}, r"settings\['where'\] cannot be written to JSON"),
    ({"settings": {"years": [1999]}}, r"settings\['years'\] would replace the entry 'years' that write_outcomes "
                                      r"computes"),
])
def test_write_outcomes_refuses_arguments_of_the_wrong_kind(tmp_path, kwargs, message):
    args = {"result": _result(), "out_dir": tmp_path / "out", "figures_too": False, **kwargs}
    with pytest.raises(DataFormatError, match=message):
        write_outcomes(args.pop("result"), args.pop("out_dir"), **args)
    assert not (tmp_path / "out").exists()


def test_write_outcomes_writes_json_settings(tmp_path):
    write_outcomes(_result(), tmp_path, figures_too=False, settings={"quantiles": 2, "out": str(tmp_path)})
    meta = json.loads((tmp_path / "outcomes.json").read_text())
    assert meta["quantiles"] == 2 and meta["years"] == [2021, 2022, 2023]


# 11 -------------------------------------------------------------------------------------


def _flags(n, value, first):
    flags = pd.Series([first] * n, dtype=object)
    flags.iloc[2] = value
    return flags.astype(float) if isinstance(first, float) else flags


@pytest.mark.parametrize(("make", "row", "shown"), [
    (lambda n: _flags(n, "False", "True"), 1, "text 'True'"),  # a column of text: "False" was True
    (lambda n: _flags(n, "no", "yes"), 1, "text 'yes'"),
    (lambda n: _flags(n, None, True), 3, "None"),  # read as False
    (lambda n: _flags(n, float("nan"), 1.0), 3, "nan"),  # read as True
])
def test_a_balanced_flag_that_is_not_true_or_false_is_refused(tmp_path, capsys, make, row, shown):
    args = _files(tmp_path, (2021, 2022, 2023))
    panel = pd.read_parquet(tmp_path / "p.parquet")
    panel.assign(balanced=make(len(panel))).to_parquet(tmp_path / "p.parquet")
    code, err = run(capsys, *args)
    assert code == 2 and not (tmp_path / "out").exists()
    assert err.endswith(f"p.parquet, row {row}, column 'balanced': balanced must be True or False, got {shown}")
    d = tmp_path / "processed"
    d.mkdir()
    shutil.copy(tmp_path / "p.parquet", d / "occupation_panel.parquet")
    with pytest.raises(DataFormatError, match=re.escape(f"row {row}, column 'balanced': balanced must be True or "
                                                        f"False, got {shown}")):
        load("occupation_panel", directory=d)


def test_balanced_flags_of_0_and_1_are_still_read(tmp_path, capsys):
    args = _files(tmp_path, (2021, 2022, 2023))
    panel = pd.read_parquet(tmp_path / "p.parquet")
    panel.assign(balanced=1).to_parquet(tmp_path / "p.parquet")
    assert run(capsys, *args) == (0, "")
