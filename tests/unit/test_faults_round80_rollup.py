"""Fault round 80 (rollup): a researcher's own inputs to the roll-ups, said where they were not.

Faults found (each test below failed before its fix):

1. ``to_sectors`` (so ``rollup`` and ``exposure rollup --employment FILE``),
   ``workforce_stats`` and ``working_time`` with an industry cell at an occupation code
   that ``soc_scores`` has no row for (an industry file of one's own at the broad group
   ``15-1250`` beside cross-industry rows of ``15-1252`` and ``15-1253``) left its workers
   unscored without a word: sector 51 came out with coverage 0.33 and nothing said why.
   The figures are the same; now one warning (once per roll-up and level) says it:
   ``sector: 1 released occupation cell of 1 industry (200 workers, 33.3% of the released
   workers of the sector cells) is at an occupation code without a row in soc_scores (e.g.
   '15-1250', a SOC broad group, in NAICS '51'), so its workers are not scored and the
   coverage of its industry is lower for it; give the industry cells at the OEWS
   occupation codes of soc_scores (the cross-industry detailed codes of the employment)``
   (``rollup._sectors._warn_cells_unknown``; OEWS May 2021 to 2025 have no such cell).
2. ``to_soc`` (so ``rollup``) with an employment of SOC 2010 codes (``15-1132``, OEWS
   before May 2021) warned ``1 scored O*NET-SOC code reaches no OEWS occupation code ...
   as for the military codes 55-xxxx)`` and no more: the employment's codes that no
   O*NET-SOC code reaches, whose workers stay unscored, were not said. Now the warning
   goes on ``; and 1 OEWS code of the employment (200 workers, 66.7% of its workers) is
   reached by no O*NET-SOC code of the crosswalk (e.g. '15-1132'), so its workers stay
   unscored: is the employment of another SOC edition (SOC 2010 codes, as in OEWS before
   May 2021), or the crosswalk cut to some occupations? give the OEWS occupation codes of
   SOC 2018`` (only when there are such codes: the real data's warning is unchanged).
3. ``to_census_occ`` with an employment keyed by Census occupation codes (ACS or CPS
   counts: ``census_occ`` or IPUMS' ``OCC`` and ``tot_emp``) said ``employment lacks
   column(s) ['soc_code'] (columns: ['census_occ', 'tot_emp'])``, and with the column
   renamed ``soc_code``, ``employment, row 1, column 'soc_code': not a SOC code (like
   11-1011): '0010'``: neither said that counts by Census code cannot weigh the O*NET-SOC
   codes within a Census code, nor what to do. Now ``employment, column 'census_occ':
   keyed by Census occupation codes, not by OEWS (SOC) codes: to_census_occ weighs the
   O*NET-SOC codes within each Census code by the OEWS employment of their SOC codes,
   which counts by Census code cannot split; give the employment by OEWS code (soc_code,
   tot_emp) or leave it out (OEWS May 2025), and weigh the Census codes by your own counts
   afterwards, merging them with the result on census_occ`` (``employment, row 1, column
   'soc_code': '0010' is a Census occupation code, not an OEWS (SOC) code: ...``).
4. ``to_sectors(level="3-digit")`` (OEWS's ``i_group`` of the subsectors) said ``unknown
   level '3-digit'; expected 'sector' or 'subsector'`` and no more; now it goes on ``:
   write 'subsector' (OEWS's i_group '3-digit')``. ``to_sectors(level="subsector")`` of a
   by-industry frame with sector rows and no 3-digit rows said ``employment frame has no
   subsector rows (i_group '3-digit'): give an OEWS by-industry table (a national table
   has cross-industry rows only)``, of a by-industry table; now ``employment frame has no
   subsector rows (i_group '3-digit'); its industry rows are of i_group 'sector': give the
   3-digit rows of the OEWS by-industry table`` (a national table is said as before).
5. A task placed under a second occupation (O*NET's task 8823 of ``11-1011.00`` given
   under ``15-1252.00`` too) with ``--weights core`` was refused as ``1 of 4 tasks are not
   in the O*NET task statements, first 15-1252.00 task 8823, so their task type is
   unknown; ...``, though the statements list its ID; now ``first 15-1252.00 task 8823
   (the statements list task 8823 under 11-1011.00 only: a task placed under a second
   occupation takes nothing from them there), so ...``; with ``--weights importance`` (or
   frequency), ``... have no IM rating, first 15-1252.00 task 8823 (the ratings rate task
   8823 under 11-1011.00 only: ...)``.
6. ``to_soc`` (so ``rollup`` and ``exposure rollup --employment FILE``) of an employment
   giving some occupations at a group level alone (``15-1250`` as ``o_group`` ``broad``, no
   detailed row under it) left their workers out of every table without a word: the
   coverage said ``1.0 of OEWS employment scored`` (600 of 600 workers) of a file of
   1,000 workers. The figures are the same; now ``the cross-industry detailed occupation
   rows of the employment hold 600 of its 1,000 workers (60.0% of the All Occupations
   total, 00-0000): 400 workers are in no detailed row (occupations given at a group level
   alone, o_group 'broad', 'minor' or 'major'; or not released), so they are in no OEWS
   code, total or coverage of the tables; give each occupation's detailed row`` (said under
   99% of the total: OEWS May 2021 to 2025 fall short by 0.009% at most).
7. ``exposure rollup`` of task scores keyed by SOC codes (a ``soc_code`` column for
   ``onetsoc_code``: a task list of one's own by OEWS occupation) said ``s.csv: missing
   column(s) ['onetsoc_code']`` and no more; now it goes on ``; the file has 'soc_code',
   SOC occupation codes: the roll-up goes through O*NET-SOC occupations, so give each row
   the O*NET-SOC code of its occupation in a column onetsoc_code ('11-1011.00' for the SOC
   occupation 11-1011 itself)`` (and the advice of task IDs when they lack too).

Tiny made-up files and frames in the real formats, written by the tests.
"""

from __future__ import annotations

import logging

import pandas as pd
import pytest
from _cli import _no_env  # noqa: F401 (autouse fixture)
from _rollup_files import rollup_files

from exposure.cli import main
from exposure.errors import DataFormatError
from exposure.rollup import rollup, task_weights, to_census_occ, to_sectors, to_soc, working_time

_SECTORS = "exposure.rollup._sectors"
_SOC = "exposure.rollup._soc"


def _warnings(caplog, logger: str) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == logger and r.levelno == logging.WARNING]


def _row(naics, i_group, occ, o_group, emp):
    return {"naics": naics, "naics_title": f"Industry {naics}", "i_group": i_group, "occ_code": occ,
            "occ_title": f"Occupation {occ}", "o_group": o_group, "tot_emp": emp, "a_mean": 50000.0}


def _own_industry_file():
    """Cross-industry rows of detailed codes; sector 51's cell at the broad group 15-1250 (200 workers)."""
    tasks = pd.DataFrame({"onetsoc_code": ["15-1252.00"] * 2 + ["15-1253.00"] * 2 + ["11-1011.00"] * 2,
                          "task_id": [1, 2, 3, 4, 5, 6], "alpha": [1.0, 0, 1, 1, 0, 0],
                          "beta": [1.0, 0, 1, 1, 0, 0], "gamma": [1.0, 0, 1, 1, 0, 0]})
    xw = pd.DataFrame({"onetsoc_code": ["15-1252.00", "15-1253.00", "11-1011.00"],
                       "soc_code": ["15-1252", "15-1253", "11-1011"]})
    emp = pd.DataFrame([
        _row("000000", "cross-industry", "00-0000", "total", 600.0),
        _row("000000", "cross-industry", "15-1252", "detailed", 200.0),
        _row("000000", "cross-industry", "15-1253", "detailed", 200.0),
        _row("000000", "cross-industry", "11-1011", "detailed", 200.0),
        _row("51", "sector", "00-0000", "total", 300.0),
        _row("51", "sector", "15-1250", "detailed", 200.0),
        _row("51", "sector", "11-1011", "detailed", 100.0),
        _row("52", "sector", "00-0000", "total", 300.0),
        _row("52", "sector", "15-1252", "detailed", 200.0),
        _row("52", "sector", "11-1011", "detailed", 100.0),
    ])
    return tasks, xw, emp


CELLS_SAID = ("sector: 1 released occupation cell of 1 industry (200 workers, 33.3% of the released workers of "
              "the sector cells) is at an occupation code without a row in soc_scores (e.g. '15-1250', a SOC "
              "broad group, in NAICS '51'), so its workers are not scored and the coverage of its industry is "
              "lower for it; give the industry cells at the OEWS occupation codes of soc_scores (the "
              "cross-industry detailed codes of the employment)")


# 1. industry cells at codes soc_scores lacks -------------------------------------------------------------


def test_rollup_says_industry_cells_without_a_score_row_once(caplog):
    tasks, xw, emp = _own_industry_file()
    with caplog.at_level(logging.WARNING):
        res = rollup(tasks, xw, emp, weights="equal")
    assert _warnings(caplog, _SECTORS) == [CELLS_SAID]  # once: to_sectors, workforce_stats, working_time
    # the figures as before, by hand: 15-1252 beta 0.5, 15-1253 1.0, 11-1011 0.0
    sec = res.sectors.set_index("naics")
    assert sec.loc["51", "covered_emp"] == 100.0 and sec.loc["51", "coverage"] == pytest.approx(1 / 3)
    assert sec.loc["51", "beta"] == 0.0
    assert sec.loc["52", "beta"] == pytest.approx((200 * 0.5 + 100 * 0.0) / 300)
    wf = res.workforce.query("group_type == 'sector' and measure == 'beta'").set_index("group")
    assert wf.loc["51", "tot_emp"] == 300.0 and wf.loc["51", "covered_emp"] == 100.0


def test_to_sectors_and_working_time_alone_say_it(caplog):
    tasks, xw, emp = _own_industry_file()
    soc = rollup(tasks, xw, emp, weights="equal").soc
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        to_sectors(soc, emp.copy())
        working_time(soc, emp.copy())
    assert _warnings(caplog, _SECTORS) == [CELLS_SAID, CELLS_SAID]  # two frames: each said


def test_cells_of_codes_soc_scores_has_are_not_said(caplog):
    tasks, xw, emp = _own_industry_file()
    emp.loc[emp["occ_code"] == "15-1250", "occ_code"] = "15-1253"
    with caplog.at_level(logging.WARNING):
        rollup(tasks, xw, emp, weights="equal")
    assert not [m for m in _warnings(caplog, _SECTORS) if "without a row in soc_scores" in m]


# 2. an employment of SOC 2010 codes --------------------------------------------------------------------


def test_to_soc_says_employment_codes_no_onet_code_reaches(caplog):
    occ = pd.DataFrame({"onetsoc_code": ["11-1011.00", "15-1252.00"], "alpha": [0.1, 0.5],
                        "beta": [0.2, 0.6], "gamma": [0.3, 0.7]})
    xw = pd.DataFrame({"onetsoc_code": occ["onetsoc_code"], "soc_code": ["11-1011", "15-1252"]})
    emp = pd.DataFrame([_row("000000", "cross-industry", "11-1011", "detailed", 100.0),
                        _row("000000", "cross-industry", "15-1132", "detailed", 200.0)])
    with caplog.at_level(logging.WARNING):
        soc = to_soc(occ, xw, emp)
    assert soc.set_index("soc_code")["beta"].to_dict() == pytest.approx({"11-1011": 0.2, "15-1132": float("nan")},
                                                                        nan_ok=True)
    said = [m for m in _warnings(caplog, _SOC) if "reaches no OEWS occupation code" in m]
    assert said == [
        "1 scored O*NET-SOC code reaches no OEWS occupation code, so its score counts for no OEWS code, sector or "
        "worker (e.g. '15-1252.00', SOC '15-1252': the employment has no OEWS code for it, as for the military "
        "codes 55-xxxx); and 1 OEWS code of the employment (200 workers, 66.7% of its workers) is reached by no "
        "O*NET-SOC code of the crosswalk (e.g. '15-1132'), so its workers stay unscored: is the employment of "
        "another SOC edition (SOC 2010 codes, as in OEWS before May 2021), or the crosswalk cut to some "
        "occupations? give the OEWS occupation codes of SOC 2018"]


# 3. to_census_occ with counts by Census code ---------------------------------------------------------


BY_CENSUS = ("to_census_occ weighs the O*NET-SOC codes within each Census code by the OEWS employment of their "
             "SOC codes, which counts by Census code cannot split; give the employment by OEWS code (soc_code, "
             "tot_emp) or leave it out (OEWS May 2025), and weigh the Census codes by your own counts "
             "afterwards, merging them with the result on census_occ")


def _census_inputs():
    occ = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.03", "13-1021.00"], "beta": [0.2, 0.4, 0.8]})
    xw = pd.DataFrame({"onetsoc_code": occ["onetsoc_code"], "census_occ": ["0010", "0010", "0710"]})
    return occ, xw


@pytest.mark.parametrize("column", ["census_occ", "OCC"])
def test_to_census_occ_refuses_employment_by_census_code(column):
    occ, xw = _census_inputs()
    acs = pd.DataFrame({column: ["0010", "0710"], "tot_emp": [200.0, 50.0]})
    with pytest.raises(DataFormatError) as err:
        to_census_occ(occ, xw, acs)
    assert str(err.value) == (f"employment, column {column!r}: keyed by Census occupation codes, not by OEWS "
                              f"(SOC) codes: {BY_CENSUS}")


def test_to_census_occ_refuses_census_codes_as_soc_codes():
    occ, xw = _census_inputs()
    acs = pd.DataFrame({"soc_code": ["11-1011", "0710"], "tot_emp": [200.0, 50.0]})
    with pytest.raises(DataFormatError) as err:
        to_census_occ(occ, xw, acs)
    assert str(err.value) == (f"employment, row 2, column 'soc_code': '0710' is a Census occupation code, not an "
                              f"OEWS (SOC) code: {BY_CENSUS}")


def test_to_census_occ_by_oews_code_as_before():
    occ, xw = _census_inputs()
    out = to_census_occ(occ, xw, pd.DataFrame({"soc_code": ["11-1011", "13-1020"], "tot_emp": [200.0, 50.0]}))
    # 0010: two children of 11-1011, 100 workers each; 0710: 13-1021.00 alone in 13-1020
    assert out.set_index("census_occ")["beta"].to_dict() == pytest.approx({"0010": 0.3, "0710": 0.8})


# 4. a level the data does not have ----------------------------------------------------------------------


def _sector_only():
    soc = pd.DataFrame({"soc_code": ["11-1011"], "alpha": [0.5], "beta": [0.6], "gamma": [0.7], "tot_emp": [100.0]})
    emp = pd.DataFrame([_row("000000", "cross-industry", "00-0000", "total", 100.0),
                        _row("000000", "cross-industry", "11-1011", "detailed", 100.0),
                        _row("51", "sector", "00-0000", "total", 100.0),
                        _row("51", "sector", "11-1011", "detailed", 100.0)])
    return soc, emp


def test_to_sectors_level_named_as_oews_i_group():
    soc, emp = _sector_only()
    with pytest.raises(DataFormatError) as err:
        to_sectors(soc, emp, level="3-digit")
    assert str(err.value) == ("unknown level '3-digit'; expected 'sector' or 'subsector': write 'subsector' "
                              "(OEWS's i_group '3-digit')")


def test_to_sectors_level_absent_from_a_by_industry_frame():
    soc, emp = _sector_only()
    with pytest.raises(DataFormatError) as err:
        to_sectors(soc, emp, level="subsector")
    assert str(err.value) == ("employment frame has no subsector rows (i_group '3-digit'); its industry rows are "
                              "of i_group 'sector': give the 3-digit rows of the OEWS by-industry table")


# 5. a task placed under a second occupation ---------------------------------------------------------------


def _two_occupations():
    ts = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.00", "15-1252.00", "15-1252.00"],
                       "task_id": [8823, 8824, 8823, 21661], "alpha": 0.0, "beta": 0.0, "gamma": 0.0})
    statements = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.00", "15-1252.00"],
                               "task_id": [8823, 8824, 21661], "task_type": ["Core", "Core", None]})
    return ts, statements


def test_core_weights_say_a_task_under_a_second_occupation():
    ts, statements = _two_occupations()
    with pytest.raises(DataFormatError) as err:
        task_weights(ts, "core", tasks=statements)
    assert str(err.value).startswith(
        "task_scores, row 3, column 'task_id': weights='core': 1 of 4 tasks are not in the O*NET task statements, "
        "first 15-1252.00 task 8823 (the statements list task 8823 under 11-1011.00 only: a task placed under a "
        "second occupation takes nothing from them there), so their task type is unknown; use weights='equal'")


def test_importance_weights_say_a_task_under_a_second_occupation():
    ts, statements = _two_occupations()
    ratings = statements[["onetsoc_code", "task_id"]].assign(scale_id="IM", data_value=[4.0, 3.0, 2.0])
    with pytest.raises(DataFormatError) as err:
        task_weights(ts, "importance", task_ratings=ratings)
    assert str(err.value) == (
        "task_scores, row 3: weights='importance': 1 of 4 tasks have no IM rating, first 15-1252.00 task 8823 "
        "(the ratings rate task 8823 under 11-1011.00 only: a task placed under a second occupation takes "
        "nothing from them there)")


TASKS_HEAD = "O*NET-SOC Code\tTask ID\tTask\tTask Type\tIncumbents Responding\tDate\tDomain Source\n"


def test_exposure_rollup_says_a_task_under_a_second_occupation(tmp_path, capsys):
    args = rollup_files(tmp_path, "11-1011.00,8823,1,1,1\n11-1011.00,8824,0,0,0\n11-2011.00,8823,1,1,1\n")
    (tmp_path / "tasks.txt").write_text(
        TASKS_HEAD + "11-1011.00\t8823\tDirect financial activities.\tCore\t95\t08/2023\tIncumbent\n"
        "11-1011.00\t8824\tConfer with board members.\tCore\t95\t08/2023\tIncumbent\n", encoding="utf-8")
    assert main([*args, "--tasks", str(tmp_path / "tasks.txt")]) == 2
    err = capsys.readouterr().err
    assert (f"{tmp_path / 's.csv'}, row 4, column 'task_id': --weights core: 1 of 3 tasks are not in the O*NET "
            "task statements, first 11-2011.00 task 8823 (the statements list task 8823 under 11-1011.00 only: "
            "a task placed under a second occupation takes nothing from them there), so their task type is "
            "unknown; use --weights equal") in err
    assert not (tmp_path / "o").exists()


# 6. workers given at a group level alone -----------------------------------------------------------------


def _group_level_file(broad_emp: float):
    ts = pd.DataFrame({"onetsoc_code": ["11-1011.00", "15-1252.00"], "task_id": [1, 2], "alpha": [1.0, 0.0],
                       "beta": [1.0, 0.0], "gamma": [1.0, 0.0]})
    xw = pd.DataFrame({"onetsoc_code": ts["onetsoc_code"], "soc_code": ["11-1011", "15-1252"]})
    emp = pd.DataFrame([_row("000000", "cross-industry", "00-0000", "total", 600.0 + broad_emp),
                        _row("000000", "cross-industry", "11-1011", "detailed", 600.0),
                        _row("000000", "cross-industry", "15-1250", "broad", broad_emp)])
    return ts, xw, emp


def test_rollup_says_workers_in_no_detailed_row(caplog):
    with caplog.at_level(logging.WARNING):
        res = rollup(*_group_level_file(400.0), weights="equal")
    assert res.coverage["tot_emp"] == 600.0 and res.coverage["share"] == 1.0  # as before
    assert [m for m in _warnings(caplog, _SOC) if "in no detailed row" in m] == [
        "the cross-industry detailed occupation rows of the employment hold 600 of its 1,000 workers (60.0% of "
        "the All Occupations total, 00-0000): 400 workers are in no detailed row (occupations given at a group "
        "level alone, o_group 'broad', 'minor' or 'major'; or not released), so they are in no OEWS code, total "
        "or coverage of the tables; give each occupation's detailed row"]


def test_rollup_of_rounded_totals_says_nothing(caplog):
    with caplog.at_level(logging.WARNING):
        rollup(*_group_level_file(5.0), weights="equal")  # 600 of 605: within 1%
    assert not [m for m in _warnings(caplog, _SOC) if "in no detailed row" in m]


# 7. task scores keyed by SOC codes --------------------------------------------------------------------


def test_exposure_rollup_says_what_to_give_for_soc_codes(tmp_path, capsys):
    args = rollup_files(tmp_path)
    (tmp_path / "s.csv").write_text("soc_code,task_id,alpha,beta,gamma\n11-1011,1,1,1,1\n11-1011,2,0,0,0\n",
                                    encoding="utf-8")
    assert main([*args, "--weights", "equal"]) == 2
    assert capsys.readouterr().err.strip().endswith(
        f"{tmp_path / 's.csv'}: missing column(s) ['onetsoc_code']; the file has 'soc_code', SOC occupation codes: "
        "the roll-up goes through O*NET-SOC occupations, so give each row the O*NET-SOC code of its occupation in a "
        "column onetsoc_code ('11-1011.00' for the SOC occupation 11-1011 itself)")
    assert not (tmp_path / "o").exists()
