"""Fault round 31 (warnings): warnings and silent coverage losses of the roll-up and outcomes.

1. ``rollup`` (and ``exposure rollup``) gave ``to_soc``'s warnings once more per task
   category and again for the bootstrap: ``1 O*NET-SOC codes are not in the crosswalk``
   four times and ``1 scored O*NET-SOC code reaches no OEWS occupation code`` three times
   in one run with two categories and ``--bootstrap``; ``oews_code_map``'s ``several OEWS
   aggregates in its broad group`` likewise. The crosswalk and its links are built once
   per run now: each warning once. A direct ``to_soc`` call still gives both.
2. ``exposure_table`` (``exposure outcomes --soc-scores``) with SOC scores of detailed
   codes only gave the OEWS aggregates of the panel (``31-1120`` publishes ``31-1121`` and
   ``31-1122``) no exposure: they dropped out of the estimation without a word. Detailed
   codes are averaged into the panel's aggregate now, as the published measures are
   (the SOC structure read only then; the shipped scores, all codes of the panel, are
   returned as they are); an aggregate given beside its own detailed code is refused;
   a scored code that reaches no code of the panel (``55-1011``) is named in a warning.
3. The caller's ``comparison=`` table of detailed codes: the same silent loss, the same fix.
4. ``rollup``: a scored OEWS code whose cross-industry employment is not released
   (``**``) counted for no worker, and ``coverage`` said ``1.0000 of OEWS employment
   scored`` without a word: a warning names it.
5. ``sector_growth``: a scored sector of ``sector_scores`` in none of the OEWS tables was
   left out of the result without a word: a warning names it and its row.

Fixtures are tiny frames and files written here; tests of 2 and 3 read the SOC structure of
the real mirror (skipped without it).
"""

from __future__ import annotations

import logging

import pandas as pd
import pytest
from _cli import _no_env, run  # noqa: F401 (_no_env: autouse fixture)

from exposure import outcomes
from exposure.errors import DataFormatError
from exposure.rollup import rollup, to_soc

NOT_IN_XW = "of the scores is not in the crosswalk"  # round 78 (was: "O*NET-SOC codes are not in the crosswalk")
NO_OEWS = "reaches no OEWS occupation code"
SEVERAL = "several OEWS aggregates"


def _warnings(caplog, logger: str | None = None) -> list[str]:
    return [r.getMessage() for r in caplog.records
            if r.levelno >= logging.WARNING and (logger is None or r.name == logger)]


def _count(caplog, text: str) -> int:
    return sum(text in m for m in _warnings(caplog))


def _task_scores() -> pd.DataFrame:
    # 99-9999.00 is in no crosswalk; 55-1011.00 (military) reaches no OEWS code
    return pd.DataFrame({
        "onetsoc_code": ["11-1011.00", "11-1011.00", "13-1021.00", "55-1011.00", "99-9999.00"],
        "task_id": [1, 2, 3, 4, 5], "label": ["E1", "E0", "E2", "E1", "E1"],
        "alpha": [1.0, 0.0, 0.0, 1.0, 1.0], "beta": [1.0, 0.0, 0.5, 1.0, 1.0],
        "gamma": [1.0, 0.0, 1.0, 1.0, 1.0],
        "admin": [True, False, True, True, True], "routine_coding": [True] * 5})


def _xw() -> pd.DataFrame:
    return pd.DataFrame({"onetsoc_code": ["11-1011.00", "13-1021.00", "55-1011.00"],
                         "soc_code": ["11-1011", "13-1021", "55-1011"]})


def _emp(codes=("11-1011", "13-1020"), emp=("100", "300")) -> pd.DataFrame:
    return pd.DataFrame({"NAICS": "000000", "I_GROUP": "cross-industry", "OCC_CODE": list(codes),
                         "O_GROUP": "detailed", "TOT_EMP": list(emp)})


# 1. to_soc's warnings once per rollup run ------------------------------------------------------

@pytest.mark.parametrize("n_draws", [0, 20])
def test_rollup_gives_each_to_soc_warning_once(caplog, n_draws):
    caplog.set_level(logging.WARNING)
    r = rollup(_task_scores(), _xw(), _emp(), weights="equal", n_draws=n_draws, seed=0)
    assert _count(caplog, NOT_IN_XW) == 1
    assert _count(caplog, NO_OEWS) == 1
    # the categories are still rolled up
    assert set(r.workforce.loc[r.workforce["group_type"] == "category", "group"]) == {"admin", "routine_coding"}


def test_rollup_category_rows_unchanged_by_the_shared_crosswalk():
    r = rollup(_task_scores(), _xw(), _emp(), weights="equal", combine="n_tasks")
    cat = r.workforce[r.workforce["group_type"] == "category"].set_index(["group", "measure"])
    # admin tasks: 11-1011 task 1 (E1, beta 1) and 13-1021 task 3 (beta 0.5): 100 of 400 workers at beta 1
    assert float(cat.loc[("admin", "beta"), "emp_mean"]) == pytest.approx((100 * 1.0 + 300 * 0.5) / 400)


def test_direct_to_soc_still_warns_of_both(caplog):
    caplog.set_level(logging.WARNING)
    occ = pd.DataFrame({"onetsoc_code": ["11-1011.00", "55-1011.00", "99-9999.00"],
                        "alpha": 0.5, "beta": 0.5, "gamma": 0.5})
    to_soc(occ, _xw(), _emp())
    assert _count(caplog, NOT_IN_XW) == 1
    assert _count(caplog, NO_OEWS) == 1


def test_rollup_gives_the_several_aggregates_warning_once(caplog):
    # 21-1013 of the crosswalk: its broad group holds two OEWS codes it lacks (21-1018, 21-1019)
    caplog.set_level(logging.WARNING)
    ts = _task_scores().assign(onetsoc_code=["11-1011.00", "11-1011.00", "13-1021.00", "21-1013.00",
                                             "11-1011.00"], task_id=[1, 2, 3, 4, 6])
    xw = pd.DataFrame({"onetsoc_code": ["11-1011.00", "13-1021.00", "21-1013.00"],
                       "soc_code": ["11-1011", "13-1021", "21-1013"]})
    rollup(ts, xw, _emp(("11-1011", "13-1020", "21-1018", "21-1019"), ("100", "300", "10", "10")),
           weights="equal", n_draws=10)
    assert _count(caplog, SEVERAL) == 1


def test_exposure_rollup_command_warns_once(tmp_path, capsys, caplog):
    caplog.set_level(logging.WARNING)
    scores = tmp_path / "scores.csv"
    _task_scores().to_csv(scores, index=False)
    xw = tmp_path / "xw.csv"
    xw.write_text("O*NET-SOC 2019 Code,O*NET-SOC 2019 Title,2018 SOC Code,2018 SOC Title\n"
                  "11-1011.00,Chief Executives,11-1011,Chief Executives\n"
                  "13-1021.00,Buyers,13-1021,Buyers\n"
                  "55-1011.00,Air Crew Officers,55-1011,Air Crew Officers\n")
    emp = tmp_path / "oews.csv"
    emp.write_text("AREA,AREA_TITLE,AREA_TYPE,NAICS,NAICS_TITLE,I_GROUP,OCC_CODE,OCC_TITLE,O_GROUP,TOT_EMP,"
                   "EMP_PRSE,H_MEAN,A_MEAN,MEAN_PRSE,H_MEDIAN,A_MEDIAN\n"
                   "99,U.S.,1,000000,Cross-industry,cross-industry,11-1011,Chief Executives,detailed,100,0.1,"
                   "96.15,\"200,000\",0.1,90.00,\"187,200\"\n"
                   "99,U.S.,1,000000,Cross-industry,cross-industry,13-1020,Buyers,detailed,300,0.1,"
                   "33.65,\"70,000\",0.1,30.00,\"62,400\"\n")
    code, err = run(capsys, "rollup", scores, "-o", tmp_path / "out", "--crosswalk", xw, "--employment", emp,
                    "--weights", "equal", "--bootstrap", "10")
    assert (code, err) == (0, "")
    assert _count(caplog, NOT_IN_XW) == 1
    assert _count(caplog, NO_OEWS) == 1


# 4. a scored OEWS code without employment ------------------------------------------------------

def test_rollup_warns_of_a_scored_code_without_employment(caplog):
    caplog.set_level(logging.WARNING)
    r = rollup(_task_scores().iloc[:3], _xw(), _emp(emp=("100", "**")), weights="equal")
    assert r.coverage["share"] == 1.0  # as before: its workers are in no total
    said = [m for m in _warnings(caplog, "exposure.rollup._run") if "no cross-industry employment" in m]
    assert said == ["rollup: 1 scored OEWS code has no cross-industry employment (tot_emp missing or not "
                    "released, '**'; e.g. '13-1020'), so its scores count for no worker and the coverage "
                    "leaves it out"]


def test_rollup_with_employment_everywhere_says_nothing_of_it(caplog):
    caplog.set_level(logging.WARNING)
    rollup(_task_scores().iloc[:3], _xw(), _emp(), weights="equal")
    assert not [m for m in _warnings(caplog) if "no cross-industry employment" in m]


# 2. detailed codes of the SOC scores onto the panel's aggregates -------------------------------

def _panel(codes=("11-1011", "31-1120", "31-1131")) -> pd.DataFrame:
    return pd.DataFrame({"soc_code": list(codes), "year": 2025, "tot_emp": 100.0,
                         "soc_title": [f"title {c}" for c in codes]})


def test_detailed_codes_are_averaged_into_the_panels_aggregate(shared_data, tmp_path, caplog):
    caplog.set_level(logging.INFO)
    ours = pd.DataFrame({"soc_code": ["11-1011", "31-1121", "31-1122", "31-1131"],
                         "beta": [0.3, 0.2, 0.4, 0.1], "gamma": [0.5, None, 0.6, 0.2]})
    table = outcomes.exposure_table(_panel(), ours, measures=["beta", "gamma"], mirror=shared_data,
                                    data_dir=tmp_path / "cache").set_index("soc_code")
    assert table.loc["31-1120", "beta"] == pytest.approx(0.3)
    assert table.loc["31-1120", "gamma"] == pytest.approx(0.6)  # over the codes that have it
    assert table.loc["11-1011", "beta"] == 0.3
    assert any("2 detailed SOC code(s) averaged into the 1 OEWS aggregate(s)" in r.getMessage()
               for r in caplog.records)
    assert _warnings(caplog, "exposure.outcomes") == []


def test_a_scored_code_outside_the_panel_is_named(shared_data, tmp_path, caplog):
    caplog.set_level(logging.WARNING)
    ours = pd.DataFrame({"soc_code": ["11-1011", "31-1131", "31-1121", "55-1011"], "beta": [0.3, 0.1, 0.2, 0.9]})
    table = outcomes.exposure_table(_panel(), ours, measures=["beta"], mirror=shared_data,
                                    data_dir=tmp_path / "cache")
    assert table["beta"].notna().all()
    assert _warnings(caplog, "exposure.outcomes") == [
        "soc_scores: 1 scored SOC code is no code of the panel nor inside an OEWS aggregate of it, so its "
        "scores are left out (e.g. '55-1011', row 4)"]


def test_an_aggregate_beside_its_detailed_code_is_refused(shared_data, tmp_path):
    ours = pd.DataFrame({"soc_code": ["31-1120", "11-1011", "31-1122"], "beta": [0.3, 0.2, 0.4]})
    with pytest.raises(DataFormatError) as err:
        outcomes.exposure_table(_panel(), ours, measures=["beta"], mirror=shared_data, data_dir=tmp_path / "c")
    assert str(err.value) == (
        "soc_scores, row 3, column 'soc_code': '31-1122' is inside the OEWS aggregate '31-1120' of the panel "
        "(row 1), which is given too: both would be averaged into one value of '31-1120'; give the aggregate "
        "or its detailed codes, not both")


def test_the_aggregate_refusal_names_the_scores_file(shared_data, tmp_path):
    # exposure outcomes --soc-scores FILE: the refusal named "soc_scores", not the file
    ours = pd.DataFrame({"soc_code": ["31-1120", "11-1011", "31-1122"], "beta": [0.3, 0.2, 0.4]})
    with pytest.raises(DataFormatError, match=r"^mine\.parquet, row 3, column 'soc_code': '31-1122' is inside"):
        outcomes.exposure_table(_panel(), ours, measures=["beta"], mirror=shared_data, data_dir=tmp_path / "c",
                                soc_scores_path="mine.parquet")


def test_scores_on_the_panels_codes_need_no_structure(tmp_path):
    # no mirror at all: the scores are joined as they are (the shipped table's case)
    ours = pd.DataFrame({"soc_code": ["11-1011", "31-1120", "31-1131"], "beta": [0.3, 0.2, 0.1]})
    table = outcomes.exposure_table(_panel(), ours, measures=["beta"], mirror=tmp_path / "none",
                                    data_dir=tmp_path / "cache")
    assert table["beta"].tolist() == [0.3, 0.2, 0.1]


# 3. the caller's comparison table likewise ------------------------------------------------------

def test_a_comparison_of_detailed_codes_reaches_the_aggregate(shared_data, tmp_path):
    comparison = pd.DataFrame({"soc_code": ["11-1011", "31-1121", "31-1122", "31-1131"],
                               "felten_aioe": [1.0, -0.5, 0.5, 0.2]})
    table = outcomes.exposure_table(_panel(), measures=["felten_aioe"], comparison=comparison,
                                    mirror=shared_data, data_dir=tmp_path / "cache").set_index("soc_code")
    assert table.loc["31-1120", "felten_aioe"] == pytest.approx(0.0)
    assert table["felten_aioe"].notna().all()


# 5. a scored sector in none of the tables ------------------------------------------------------

def _sectors(emp):
    return pd.DataFrame({"naics": ["51", "72"], "naics_title": ["Information", "Food"], "i_group": "sector",
                         "occ_code": "00-0000", "tot_emp": emp})


def test_a_scored_sector_in_no_table_is_named(caplog):
    caplog.set_level(logging.WARNING)
    frames = {2021: _sectors([100, 200]), 2022: _sectors([110, 200]), 2025: _sectors([99, 220])}
    scores = pd.DataFrame({"naics": ["51", "72", "52"], "beta": [0.47, 0.18, 0.5]})
    out = outcomes.sector_growth(frames, scores, ["beta"])
    assert out["naics"].tolist() == ["51", "72"]
    assert _warnings(caplog, "exposure.outcomes") == [
        "sector_scores: 1 scored sector is in none of the OEWS tables (May 2021, 2022, 2025), so its scores "
        "are left out (e.g. NAICS '52', row 3)"]


def test_sectors_all_published_say_nothing(caplog):
    caplog.set_level(logging.WARNING)
    frames = {2021: _sectors([100, 200]), 2022: _sectors([110, 200]), 2025: _sectors([99, 220])}
    outcomes.sector_growth(frames, pd.DataFrame({"naics": ["51", "72", "52"], "beta": [0.4, 0.2, None]}),
                           ["beta"])
    assert _warnings(caplog, "exposure.outcomes") == []
