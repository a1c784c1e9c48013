"""Fault round 81 (rollup): task weights of the user's own, a state OEWS file, employment without detailed rows.

Faults found (each test below failed before its fix):

1. Task scores with a column of each task's ``hours``, ``importance`` or ``frequency``
   (``Hours``, ``task frequency``: weights the user meant the roll-up to use) were rolled
   up by ``to_occupations`` and ``rollup`` with the ``weights=`` choice alone, the column
   ignored without a word; so were another tool's ``weight`` columns in the library (only
   ``exposure rollup`` refused those). Now ``to_occupations``, ``rollup`` and
   ``bootstrap_occupations`` warn once (rolled up as before): ``task_scores: column 'hours'
   holds task weights, which the roll-up does not read: it weighs the tasks by
   weights='core' (Core tasks 2, Supplemental or untyped ones 1), never by a column of the
   scores (the weights: equal, core, or importance or frequency from O*NET Task Ratings,
   task_ratings=); drop or rename the column``.
2. ``exposure rollup`` of such a file wrote the tables weighed by ``--weights``, exit 0.
   Now refused before any input is read, as a ``weight`` column is, in the command's words:
   ``s.csv, column 'hours': column 'hours' holds task weights, which the roll-up does not
   read: it weighs the tasks by --weights equal (every task 1), never by a column of the
   scores (the weights: equal, core, or importance or frequency from O*NET Task Ratings,
   --task-ratings FILE); drop or rename the column``. A ``weight`` column's refusal says
   the same (it said ``it weighs tasks by --weights (core, equal, importance or
   frequency)``, not which weights the run uses nor how they weigh).
3. ``exposure rollup --employment`` of a state OEWS file (``state_M2025_dl``, ``AREA_TYPE``
   2) was refused in the OEWS reader's words (``AREA_TYPE must be 1 (national, the U.S.) in
   a national OEWS table, got '2' (AREA_TITLE 'Alabama'): a state table? read BLS's
   national file (national_M<year>_dl)``), which said neither that the command has no
   state roll-up nor what it takes. Now the message goes on ``; exposure rollup has no
   state or area roll-up (its tables are national): give --employment a national file, or
   leave --employment out to read the registry's OEWS (--oews-release YEAR)``.
4. An employment of industry rows alone (BLS's by-industry files ``natsector_M2024_dl``,
   ``nat3d_M2024_dl``, which have no cross-industry row) or of occupation groups alone was
   refused as ``employment frame has no cross-industry detailed occupation rows`` by
   ``to_soc``, ``rollup`` and ``exposure rollup --employment`` (``natsector.csv: employment
   frame has ...``), saying neither what the frame holds nor what to give. Now
   ``employment frame has no cross-industry detailed occupation rows (i_group
   'cross-industry', o_group 'detailed'): its 2 rows are of industries alone (i_group
   'sector'), as BLS's by-industry files are (natsector_M<year>_dl, nat3d_M<year>_dl); add
   the cross-industry rows of BLS's national file (national_M<year>_dl), which count each
   occupation's workers once`` (groups alone: ``its cross-industry rows are of occupation
   groups alone (o_group 'total', 'major'); give each occupation's detailed row, as BLS's
   national file (national_M<year>_dl) has them``); the command names the file first, as
   before.

Tiny made-up files and frames in the real formats, written by the tests.
"""

from __future__ import annotations

import logging

import pandas as pd
import pytest
from _cli import _no_env  # noqa: F401 (autouse fixture)
from _frames import crosswalk, employment, occupation_scores
from _rollup_files import EMP_HEAD, rollup_files

from exposure.cli import main
from exposure.errors import DataFormatError
from exposure.rollup import bootstrap_occupations, label_scores, rollup, to_occupations, to_soc

_OCC = "exposure.rollup._occupations"


def _warnings(caplog, logger: str) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == logger and r.levelno == logging.WARNING]


def _scores(**extra) -> pd.DataFrame:
    """Two Core tasks of 11-1011.00, one E1 and one E0, with the columns ``extra``."""
    ts = pd.DataFrame({"onetsoc_code": ["11-1011.00"] * 2, "task_id": [1, 2], "label": ["E1", "E0"],
                       "task_type": ["Core", "Core"], **extra})
    return pd.concat([ts, label_scores(ts["label"])], axis=1)


# 1. a column of task weights in the library ----------------------------------------------------------


def test_to_occupations_says_an_hours_column_is_not_read(caplog):
    with caplog.at_level(logging.WARNING):
        occ = to_occupations(_scores(hours_note=["x", "y"], hours=[30.0, 2.0]))  # hours_note: no weights
    assert occ["beta"].tolist() == [0.5]  # weighed by the task types, as before
    assert _warnings(caplog, _OCC) == [
        "task_scores: column 'hours' holds task weights, which the roll-up does not read: it weighs the tasks by "
        "weights='core' (Core tasks 2, Supplemental or untyped ones 1), never by a column of the scores (the "
        "weights: equal, core, or importance or frequency from O*NET Task Ratings, task_ratings=); drop or "
        "rename the column"]


@pytest.mark.parametrize("column", ["Importance", "task frequency", "Weight"])
def test_to_occupations_says_other_weight_columns(caplog, column):
    with caplog.at_level(logging.WARNING):
        to_occupations(_scores(**{column: [4.0, 1.0]}), weights="equal")
    assert _warnings(caplog, _OCC) == [
        f"task_scores: column {column!r} holds task weights, which the roll-up does not read: it weighs the tasks "
        "by weights='equal' (every task 1), never by a column of the scores (the weights: equal, core, or "
        "importance or frequency from O*NET Task Ratings, task_ratings=); drop or rename the column"]


def test_rollup_says_it_once(caplog):
    xw = pd.DataFrame({"onetsoc_code": ["11-1011.00"], "soc_code": ["11-1011"]})
    emp = pd.DataFrame({"naics": "000000", "i_group": "cross-industry", "occ_code": ["11-1011"],
                        "o_group": "detailed", "tot_emp": [100.0]})
    with caplog.at_level(logging.WARNING):
        rollup(_scores(frequency=[250.0, 1.0]), xw, emp, n_draws=10)
    said = [m for m in _warnings(caplog, _OCC) if "holds task weights" in m]
    assert len(said) == 1 and said[0].startswith("task_scores: column 'frequency' holds task weights")


def test_bootstrap_says_it(caplog):
    with caplog.at_level(logging.WARNING):
        bootstrap_occupations(_scores(task_hours=[1.0, 2.0]), "equal", n_draws=5)
    said = [m for m in _warnings(caplog, _OCC) if "task weights" in m]
    assert len(said) == 1 and said[0].startswith(
        "task_scores: column 'task_hours' holds task weights, which the roll-up does not read: it weighs the tasks "
        "by weights='equal' (every task 1)")


# 2. exposure rollup of such a file ---------------------------------------------------------------------


@pytest.mark.parametrize(("header", "weights", "said"), [
    ("hours", "equal", "--weights equal (every task 1)"),
    ("Importance", "core", "--weights core (Core tasks 2, Supplemental or untyped ones 1)"),
])
def test_exposure_rollup_refuses_a_column_of_own_weights(tmp_path, capsys, header, weights, said):
    args = rollup_files(tmp_path)
    (tmp_path / "s.csv").write_text(f"onetsoc_code,task_id,alpha,beta,gamma,{header}\n"
                                    "11-1011.00,1,1,1,1,30\n11-1011.00,2,0,0,0,2\n", encoding="utf-8")
    assert main([*args, "--weights", weights]) == 2
    assert capsys.readouterr().err.strip().endswith(
        f"{tmp_path / 's.csv'}, column {header!r}: column {header!r} holds task weights, which the roll-up does "
        f"not read: it weighs the tasks by {said}, never by a column of the scores (the weights: equal, core, or "
        "importance or frequency from O*NET Task Ratings, --task-ratings FILE); drop or rename the column")
    assert not (tmp_path / "o").exists()


def test_exposure_rollup_says_how_a_weight_column_is_not_read(tmp_path, capsys):
    args = rollup_files(tmp_path)
    (tmp_path / "s.csv").write_text("onetsoc_code,task_id,alpha,beta,gamma,weight\n11-1011.00,1,1,1,1,2\n",
                                    encoding="utf-8")
    assert main([*args, "--weights", "equal"]) == 2
    assert "it weighs the tasks by --weights equal (every task 1), never by a column" in capsys.readouterr().err


# 3. a state OEWS file ----------------------------------------------------------------------------------

#: The header of BLS's state file (state_M2025_dl), as a CSV export of its workbook
STATE_HEAD = ("AREA,AREA_TITLE,AREA_TYPE,PRIM_STATE,NAICS,NAICS_TITLE,I_GROUP,OWN_CODE,OCC_CODE,OCC_TITLE,O_GROUP,"
              "TOT_EMP,EMP_PRSE,JOBS_1000,LOC_QUOTIENT,PCT_TOTAL,PCT_RPT,H_MEAN,A_MEAN,MEAN_PRSE,H_PCT10,H_PCT25,"
              "H_MEDIAN,H_PCT75,H_PCT90,A_PCT10,A_PCT25,A_MEDIAN,A_PCT75,A_PCT90,ANNUAL,HOURLY\n")
STATE_ROWS = ('01,Alabama,2,AL,000000,Cross-industry,cross-industry,1235,00-0000,All Occupations,total,"1,000",0.1,'
              '1000.000,1.00,,,24.04,"50,000",0.1,10.00,15.00,20.00,30.00,40.00,"20,800","31,200","41,600",'
              '"62,400","83,200",,\n'
              '01,Alabama,2,AL,000000,Cross-industry,cross-industry,1235,11-1011,Chief Executives,detailed,"1,000",'
              '0.1,1000.000,1.00,,,43.27,"90,000",0.1,20.00,30.00,40.00,50.00,60.00,"41,600","62,400","83,200",'
              '"104,000","124,800",,\n')


def test_exposure_rollup_says_it_has_no_state_rollup(tmp_path, capsys):
    args = rollup_files(tmp_path)
    (tmp_path / "emp.csv").write_text(STATE_HEAD + STATE_ROWS, encoding="utf-8")
    assert main([*args, "--weights", "equal"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.endswith(
        f"{tmp_path / 'emp.csv'}, row 2, column 'AREA_TYPE': AREA_TYPE must be 1 (national, the U.S.) in a national "
        "OEWS table, got '2' (AREA_TITLE 'Alabama'): AREA_TYPE 2 is a state, not the U.S.: this is a state table, "
        "not the national one; give BLS's national file (national_M<year>_dl); "
        "exposure rollup has no state or area roll-up (its tables are national): give --employment a national "
        "file, or leave --employment out to read the registry's OEWS (--oews-release YEAR)")
    assert not (tmp_path / "o").exists()


# 4. employment without cross-industry detailed rows ----------------------------------------------------


def test_to_soc_says_industry_rows_alone():
    emp = employment()
    with pytest.raises(DataFormatError) as info:
        to_soc(occupation_scores(), crosswalk(), emp[emp["i_group"] == "sector"])
    assert str(info.value) == (
        "employment frame has no cross-industry detailed occupation rows (i_group 'cross-industry', o_group "
        "'detailed'): its 3 rows are of industries alone (i_group 'sector'), as BLS's by-industry files are "
        "(natsector_M<year>_dl, nat3d_M<year>_dl); add the cross-industry rows of BLS's national file "
        "(national_M<year>_dl), which count each occupation's workers once")


def test_to_soc_says_groups_alone():
    emp = pd.DataFrame({"naics": "000000", "i_group": "cross-industry", "occ_code": ["00-0000", "11-0000"],
                        "o_group": ["total", "major"], "tot_emp": [100.0, 100.0]})
    with pytest.raises(DataFormatError) as info:
        to_soc(occupation_scores(), crosswalk(), emp)
    assert str(info.value) == (
        "employment frame has no cross-industry detailed occupation rows (i_group 'cross-industry', o_group "
        "'detailed'): its cross-industry rows are of occupation groups alone (o_group 'total', 'major'); give "
        "each occupation's detailed row, as BLS's national file (national_M<year>_dl) has them")


def test_exposure_rollup_names_the_file_of_industry_rows(tmp_path, capsys):
    args = rollup_files(tmp_path)
    (tmp_path / "emp.csv").write_text(
        EMP_HEAD + '99,U.S.,1,11,"Agriculture, Forestry, Fishing and Hunting",sector,00-0000,All Occupations,total,'
        '"1,000",0.1,24.04,"50,000",0.1,20.00,"41,600"\n'
        '99,U.S.,1,11,"Agriculture, Forestry, Fishing and Hunting",sector,11-1011,Chief Executives,detailed,'
        '"1,000",0.1,43.27,"90,000",0.1,40.00,"83,200"\n', encoding="utf-8")
    assert main([*args, "--weights", "equal"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.endswith(f"{tmp_path / 'emp.csv'}: employment frame has no cross-industry detailed occupation "
                        "rows (i_group 'cross-industry', o_group 'detailed'): its 2 rows are of industries alone (i_group "
                        "'sector'), as BLS's by-industry files are (natsector_M<year>_dl, nat3d_M<year>_dl); add "
                        "the cross-industry rows of BLS's national file (national_M<year>_dl), which count each "
                        "occupation's workers once")
    assert not (tmp_path / "o").exists()
