"""Round 26: the outcomes stage and the OEWS yearly files it reads (:mod:`exposure.outcomes`).

Found in this round (each test fails on the code before the fix):

1. top-coded wages (OEWS ``#``, at or above BLS's cap) became missing in the panel
   without a word: a top-coded ``a_mean`` leaves the occupation out of the wage results
   in every year, and the mirror's ``a_median`` is top-coded for 11 to 18 codes in May
   2021-2024 but for none in May 2025. :func:`~exposure.outcomes.build_panel` now warns,
   per wage column, how many codes in which years (and which), whether the ``#`` is in
   the cell or read by :func:`exposure.oews.read_oews` into ``<column>_top_coded``; the
   panel's numbers are unchanged;
2. an OEWS aggregate whose detailed codes change between years (``13-1023`` on its own
   in May 2021, folded into ``13-1020`` in May 2022) was kept as balanced: its growth (20
   to 26 workers, +30%) was computed across the break, silently. It is now flagged
   ``balanced = False`` (left out of the estimation) with a warning naming the code that
   moved; aggregates covering the same codes in every year (all twelve of May
   2021-2025) stay balanced;
3. codes not published with employment in every year were left out of the estimation
   with an INFO line each (not shown without ``-v``): a reclassification could drop many
   codes, and their workers, unseen. One WARNING now lists them with their years;
4. an OEWS row with 0 workers was a balanced code; :func:`~exposure.outcomes.run_outcomes`
   then refused the built panel naming its own row (``panel, row 1, column 'tot_emp': a
   balanced occupation needs employment in every year, got 0.0``), not the OEWS file's.
   The code is now not balanced, with a warning naming the table, row and column;
5. an OEWS wage of 0 went into the panel; run_outcomes refused it naming the panel's
   row. It is now missing (as ``*``), with a warning naming the table, row and column;
6. ``exposure outcomes --panel ""`` (``--panel "$PANEL"`` with the variable unset) built
   the panel from the OEWS files (a download without a mirror), and ``--soc-scores ""``
   used the shipped SOC scores, as if the option had been left out;
7. ``exposure outcomes --quantiles 100`` on a panel of 8 occupations failed at the end,
   after the measures were put on the panel, without naming the option (``measure 'beta'
   covers 8 balanced occupations ...: cannot make 100 exposure groups of them``);
8. :func:`~exposure.reports.outcomes.write_outcomes` wrote ``"base_year": 2022`` into
   ``outcomes.json`` whatever the base year of the result (``run_outcomes(...,
   base_year=2023)``).

Fixtures are tiny OEWS tables written here; no mirror and no network.
"""

from __future__ import annotations

import json
import logging

import numpy as np
import pandas as pd
import pytest
from _cli import _no_env, run  # noqa: F401 (_no_env: autouse fixture)

from exposure import outcomes
from exposure.oews import read_oews
from exposure.reports.outcomes import write_outcomes

DETAILED = ["11-1011", "11-1021", "13-1021", "13-1022", "13-1023", "15-1211", "15-1212", "43-9021", "43-9022"]
CODES = ["11-1011", "13-1020", "15-1211"]
FOUR, EMP4 = [*CODES, "43-9021"], [10, 20, 30, 40]


def _oews(codes=CODES, emp=(10, 20, 30), mean=None, median=None) -> pd.DataFrame:
    n = len(codes)
    return pd.DataFrame({"i_group": "cross-industry", "o_group": "detailed", "occ_code": list(codes),
                         "occ_title": [f"title {c}" for c in codes], "tot_emp": list(emp),
                         "a_mean": [50000.0] * n if mean is None else list(mean),
                         "a_median": [48000.0] * n if median is None else list(median)})


def _warnings(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records
            if r.name == "exposure.outcomes" and r.levelno >= logging.WARNING]


# 1. top-coded wages ----------------------------------------------------------------------

def test_a_top_coded_mean_wage_is_said(caplog):
    caplog.set_level(logging.WARNING)
    panel = outcomes.build_panel({2021: _oews(mean=["#", 50000.0, 60000.0]), 2022: _oews()}, DETAILED)
    said = [m for m in _warnings(caplog) if "top-code" in m and "a_mean" in m]
    assert len(said) == 1, _warnings(caplog)
    assert "1 occupation code(s) (1 in May 2021, none in May 2022): 11-1011" in said[0]
    assert "left out of the wage results" in said[0]
    # the numbers are as before: the wage is missing
    assert panel.loc[(panel["soc_code"] == "11-1011") & (panel["year"] == 2021), "a_mean"].isna().all()
    assert panel["a_mean"].notna().sum() == 5


def _csv(tmp_path, name, rows):
    header = "NAICS,NAICS_TITLE,I_GROUP,OCC_CODE,OCC_TITLE,O_GROUP,TOT_EMP,EMP_PRSE,H_MEAN,A_MEAN,MEAN_PRSE,H_MEDIAN,A_MEDIAN"
    lines = [header, '000000,Cross-industry,cross-industry,00-0000,All Occupations,total,"1,000",0.1,30.00,"62,400",'
                     '0.1,25.00,"52,000"']
    lines += [f'000000,Cross-industry,cross-industry,{c},"Title {c}",detailed,{e},1.0,{hm},"{am}",0.5,{hd},"{ad}"'
              for c, e, hm, am, hd, ad in rows]
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_top_coded_medians_read_by_read_oews_are_said_per_year(tmp_path, caplog):
    caplog.set_level(logging.WARNING)
    top = [("11-1011", 100, "120.00", "249,600", "#", "#"), ("13-1020", 200, "30.00", "62,400", "28.00", "58,240"),
           ("15-1211", 300, "130.00", "270,400", "#", "#")]
    plain = [(c, e, hm, am, "100.00", "208,000") for c, e, hm, am, _, _ in top]
    frames = {2021: read_oews(_csv(tmp_path, "oews_2021.csv", top)),
              2022: read_oews(_csv(tmp_path, "oews_2022.csv", top[:1] + plain[1:])),
              2023: read_oews(_csv(tmp_path, "oews_2023.csv", plain))}
    panel = outcomes.build_panel(frames, DETAILED)
    said = [m for m in _warnings(caplog) if "top-code" in m]
    assert len(said) == 1, _warnings(caplog)
    assert "a_median: 2 occupation code(s) (2 in May 2021, 1 in May 2022, none in May 2023): 11-1011, 15-1211" \
        in said[0]
    assert panel["a_median"].isna().sum() == 3 and panel["a_mean"].notna().all()


def test_no_top_coded_wage_says_nothing(caplog):
    caplog.set_level(logging.WARNING)
    outcomes.build_panel({2021: _oews(mean=["*", 50000.0, 60000.0]), 2022: _oews()}, DETAILED)
    assert not [m for m in _warnings(caplog) if "top-code" in m]


# 2. an aggregate that changes what it covers --------------------------------------------

def test_an_aggregate_whose_detailed_codes_change_is_left_out(caplog):
    caplog.set_level(logging.WARNING)
    frames = {2021: _oews(["11-1011", "13-1020", "13-1023"], [10, 20, 5]),
              2022: _oews(["11-1011", "13-1020"], [10, 26])}
    panel = outcomes.build_panel(frames, DETAILED)
    assert not panel.loc[panel["soc_code"] == "13-1020", "balanced"].any()
    assert panel.loc[panel["soc_code"] == "11-1011", "balanced"].all()
    said = [m for m in _warnings(caplog) if m.startswith("OEWS aggregate 13-1020")]
    assert said == ["OEWS aggregate 13-1020 covers different detailed codes across years (13-1023 published on "
                    "its own in May 2021 only): its employment and wage are not comparable over time; kept, flagged "
                    "balanced = False and left out of the estimation"]


def test_an_aggregate_covering_the_same_codes_stays_balanced(caplog):
    caplog.set_level(logging.WARNING)
    frames = {y: _oews(["11-1011", "13-1020", "13-1023"], [10, 20 + y - 2021, 5]) for y in (2021, 2022, 2023)}
    panel = outcomes.build_panel(frames, DETAILED)
    assert panel["balanced"].all()
    assert _warnings(caplog) == []


# 3. codes published in some years only ---------------------------------------------------

def test_codes_left_out_of_the_estimation_are_listed_on_a_warning(caplog):
    caplog.set_level(logging.WARNING)
    frames = {2021: _oews(), 2022: _oews(CODES[:2], [10, 20]), 2023: _oews()}
    outcomes.build_panel(frames, DETAILED)
    assert ("1 occupation code(s) not published with employment in every year (May 2021, 2022, 2023) are kept, "
            "flagged balanced = False and left out of the estimation: 15-1211 (2021, 2023)") in _warnings(caplog)


# 4, 5. zeros -----------------------------------------------------------------------------

def test_zero_workers_are_named_and_the_code_left_out(caplog):
    caplog.set_level(logging.WARNING)
    # May 2023 differs from May 2022: employment the same in every year has no estimate (round 37)
    frames = {2021: _oews(FOUR, [10, 0, 30, 40]), 2022: _oews(FOUR, EMP4), 2023: _oews(FOUR, [11, 20, 29, 44])}
    panel = outcomes.build_panel(frames, DETAILED)
    assert not panel.loc[panel["soc_code"] == "13-1020", "balanced"].any()
    said = [m for m in _warnings(caplog) if "column 'tot_emp'" in m]
    assert len(said) == 1 and said[0].startswith("frames[2021], row 2, column 'tot_emp': OEWS 2021 gives 13-1020 "
                                                 "0 workers"), _warnings(caplog)
    ex = pd.DataFrame({"soc_code": FOUR, "beta": [0.1, 0.5, 0.9, 0.3]})
    res = outcomes.run_outcomes(panel, ex, q=1, with_robustness=False)  # it raised, naming the built panel's row
    assert set(res.headline["n_occupations"]) == {3}


def test_a_wage_of_zero_is_named_and_read_as_missing(caplog):
    caplog.set_level(logging.WARNING)
    frames = {2021: _oews(FOUR, EMP4, mean=[50000.0, 0.0, 60000.0, 70000.0]),
              2022: _oews(FOUR, EMP4, mean=[51000.0, 40000.0, 60500.0, 72000.0]),
              2023: _oews(FOUR, EMP4, mean=[53000.0, 41000.0, 60000.0, 71000.0])}
    panel = outcomes.build_panel(frames, DETAILED)
    assert panel.loc[(panel["soc_code"] == "13-1020") & (panel["year"] == 2021), "a_mean"].isna().all()
    said = [m for m in _warnings(caplog) if "column 'a_mean'" in m]
    assert len(said) == 1 and said[0].startswith("frames[2021], row 2, column 'a_mean': OEWS 2021 gives 13-1020 "
                                                 "0 as its wage"), _warnings(caplog)
    ex = pd.DataFrame({"soc_code": FOUR, "beta": [0.1, 0.5, 0.9, 0.3]})
    outcomes.run_outcomes(panel, ex, q=1, with_robustness=False)  # "panel, row 3, column 'a_mean'" before


# 6, 7. the command's arguments ------------------------------------------------------------

def _files(tmp_path):
    rows = [(f"{mj}-10{i}1", t, 100.0 * (i + 1) * (1.0 - 0.02 * i * (t > 2022)) * (1 + 0.005 * ((3 * i + t) % 4)),
             f"{mj}-0000") for mj in ("11", "13") for i in range(4) for t in (2021, 2022, 2023)]
    p = pd.DataFrame(rows, columns=["soc_code", "year", "tot_emp", "soc_major"])
    p = p.assign(soc_title="t", code_type="detailed", a_mean=50000.0 + p["tot_emp"], a_median=40000.0,
                 balanced=True)[["soc_code", "year", "soc_title", "soc_major", "code_type", "tot_emp", "a_mean",
                                 "a_median", "balanced"]]
    p.to_parquet(tmp_path / "p.parquet")
    codes = list(p["soc_code"].unique())
    pd.DataFrame({"soc_code": codes, "soc_title": "t", "beta": np.linspace(0.1, 0.8, len(codes))}).to_parquet(
        tmp_path / "s.parquet")
    return {"--panel": tmp_path / "p.parquet", "--soc-scores": tmp_path / "s.parquet"}


@pytest.mark.parametrize("option, what", [
    ("--panel", "the occupation panel parquet file, or 'shipped'"),
    ("--soc-scores", "the SOC scores parquet file"),
])
def test_outcomes_refuses_an_empty_file_option(tmp_path, capsys, option, what):
    files = {**_files(tmp_path), option: ""}
    code, line = run(capsys, "outcomes", *[a for kv in files.items() for a in kv], "--measure", "beta",
                     "--no-figures", "--no-robustness", "-o", tmp_path / "out")
    assert (code, line) == (2, f"exposure outcomes: error: {option} is empty: give {what}, or leave the option out")
    assert not (tmp_path / "out").exists()


def test_outcomes_names_quantiles_above_the_occupations(tmp_path, capsys):
    files = _files(tmp_path)
    code, line = run(capsys, "outcomes", *[a for kv in files.items() for a in kv], "--measure", "beta",
                     "--quantiles", "100", "--no-figures", "--no-robustness", "-o", tmp_path / "out")
    assert (code, line) == (2, "exposure outcomes: error: --quantiles 100 is more than the 8 balanced occupations "
                               "of the panel in the base year 2022: cannot make 100 exposure groups")


def test_outcomes_runs_with_as_many_quantiles_as_occupations(tmp_path, capsys):
    files = _files(tmp_path)
    assert run(capsys, "outcomes", *[a for kv in files.items() for a in kv], "--measure", "beta", "--quantiles",
               "8", "--no-figures", "--no-robustness", "-o", tmp_path / "out") == (0, "")


# 8. the base year of outcomes.json ---------------------------------------------------------

def test_write_outcomes_records_the_base_year_of_the_result(tmp_path):
    rows = [(f"11-10{i}1", t, 100.0 * (i + 1) * (1 + 0.01 * ((3 * i + t) % 4)), "11-0000")
            for i in range(6) for t in (2021, 2022, 2023, 2024)]
    panel = pd.DataFrame(rows, columns=["soc_code", "year", "tot_emp", "soc_major"]).assign(a_mean=5e4,
                                                                                         balanced=True)
    ex = pd.DataFrame({"soc_code": panel["soc_code"].unique(), "beta": np.linspace(0, 1, 6)})
    res = outcomes.run_outcomes(panel, ex, q=2, base_year=2023, with_robustness=False)
    write_outcomes(res, tmp_path / "out", figures_too=False)
    assert json.loads((tmp_path / "out" / "outcomes.json").read_text())["base_year"] == 2023
    default = outcomes.run_outcomes(panel, ex, q=2, with_robustness=False)
    write_outcomes(default, tmp_path / "out2", figures_too=False)
    assert json.loads((tmp_path / "out2" / "outcomes.json").read_text())["base_year"] == 2022
