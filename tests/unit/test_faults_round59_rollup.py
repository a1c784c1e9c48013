"""Round 59: the roll-up's titles, Census codes from OEWS-code scores, task types, and writing.

Found in this round (each test fails on the code before the fix):

1. ``exposure rollup --employment FILE`` with an industry given two titles: the warning
   named the rows of the frame, one above the file's, and no file (``employment frame:
   the sector NAICS '11' has two titles, 'Agriculture' on row 4 and 'Farming' on row 6 of
   the frame (column 'naics_title')``), as the nesting error did before round 57. It now
   names the file and its rows, as that error does (``emp.csv, row 7, column
   'naics_title': employment frame: ... 'Agriculture' on row 5 and 'Farming' on row 7;
   the first is kept``; in a workbook, the rows of its sheet), once: the roll-up of the
   same frame does not say it again in the frame's rows (a frame given to ``rollup`` is
   named by its rows, as before).
2. A blank title (``''`` or spaces, as ``pd.read_csv(..., keep_default_na=False)`` reads
   an empty cell) on the first row of an industry or major group was kept as its title
   (a sector titled ``'  '``), with a warning calling the blank a second title; on a
   later row it was warned of as a second title. A blank is now no title, as a missing
   cell: the title of the other rows is kept, without a warning.
3. ``to_census_occ`` of scores by OEWS code (``soc_code``) with a Census crosswalk cut to
   some Census codes: the O*NET-SOC codes the cut leaves out cannot be known, so an OEWS
   code's workers went to those the crosswalk lists (``13-1021.00`` took all of
   ``13-1020``: ``tot_emp`` three times the whole crosswalk's), the only word being
   ``1 SOC codes are not in the Census crosswalk (e.g. '11-1011')``. That warning now says what it means
   and what to do (round 57 fixed the same for scores by ``onetsoc_code``).
4. ``exposure rollup --tasks FILE`` (``--weights core``, the default) with task scores
   whose ``task_type`` column leaves some types out (an O*NET task list with a few types
   blank): ``--tasks`` was not read, and those tasks weighed 1, as if Supplemental, though
   the statements say Core (``rollup(..., tasks=T)`` reads them since round 39). The
   ``--tasks`` file now gives the types the column leaves out (without it they weigh 1,
   as documented; the registry's statements are read when the column gives no type).
5. ``rollup(scores, ..., tasks=T)`` (so ``exposure rollup``, which now passes ``--tasks``
   for such a column) with a ``task_type`` column leaving out some types, where every
   row of a category (``admin``) lacks a type: the category roll-up weighed those rows
   alone, which read every type from ``T``, and refused a task that ``T`` lacks
   (``row 2, column 'task_id': weights='core': 1 of 2 tasks are not in the O*NET task
   statements``, a row of the category's rows, not of the scores), though the whole
   roll-up weighs it 1, as documented. The categories now take the weights of the whole
   roll-up (computed once).
6. ``Rollup.write(out, fmt)`` with ``out`` None or a number (pathlib's ``TypeError``), an
   empty path (read as the current directory: ``refusing to replace /home/me: it contains
   the current directory``), a path holding a NUL character (``ValueError: embedded null
   byte``), ``fmt=["csv"]`` or ``"CSV"``: now refused in the library's words
   (``out must be a directory path ...``, ``... write 'csv' (the choices are
   case-sensitive)``).

Tiny made-up frames and files in the published layouts, written here.
"""

from __future__ import annotations

import logging

import pandas as pd
import pytest
from _cli import _no_env  # noqa: F401 (_no_env: autouse fixture)
from _frames import crosswalk, employment, soc_scores, write_csv, write_text, write_xlsx
from test_faults_cli import cli

from exposure.errors import DataFormatError, ExposureError
from exposure.rollup import rollup, to_census_occ, to_sectors, workforce_stats

OEWS_HEAD = ("AREA,NAICS,NAICS_TITLE,I_GROUP,OCC_CODE,OCC_TITLE,O_GROUP,TOT_EMP,EMP_PRSE,H_MEAN,A_MEAN,MEAN_PRSE,"
             "H_MEDIAN,A_MEDIAN\n")


def _row(naics: str, title: str, group: str, code: str, occ_title: str, o_group: str, emp: int) -> str:
    return f"99,{naics},{title},{group},{code},{occ_title},{o_group},{emp},1,24,50000,1,23,48000\n"


#: Cross-industry rows (the major group 11-0000, CEOs, buyers) and sector 11, whose last
#: row gives it another title: lines 2-4 and 5-7 of the file.
OEWS_ROWS = (_row("000000", "Cross-industry", "cross-industry", "11-0000", "Management Occupations", "major", 100)
             + _row("000000", "Cross-industry", "cross-industry", "11-1011", "CEOs", "detailed", 100)
             + _row("000000", "Cross-industry", "cross-industry", "13-1020", "Buyers", "detailed", 50)
             + _row("11", "Agriculture", "sector", "00-0000", "All", "total", 120)
             + _row("11", "Agriculture", "sector", "11-1011", "CEOs", "detailed", 60)
             + _row("11", "Farming", "sector", "13-1020", "Buyers", "detailed", 40))


def _files(tmp_path):
    scores = write_csv(tmp_path, "onetsoc_code,task_id,alpha,beta,gamma\n11-1011.00,1,1,1,1\n11-1011.00,2,0,0,0\n"
                       "13-1021.00,3,0,0,0\n13-1021.00,4,1,1,1\n", "s.csv")
    xw = write_csv(tmp_path, "O*NET-SOC 2019 Code,O*NET-SOC 2019 Title,2018 SOC Code,2018 SOC Title\n"
                   "11-1011.00,Chief Executives,11-1011,Chief Executives\n"
                   "13-1021.00,Buyers,13-1021,Buyers\n", "xw.csv")
    return scores, xw


def _said(caplog, what: str) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING and what in r.getMessage()]


# 1. two titles, named in the rows of the --employment file ----------------------------------

def test_two_titles_of_an_industry_name_the_employment_file_and_its_rows(capsys, caplog, tmp_path):
    scores, xw = _files(tmp_path)
    emp = write_csv(tmp_path, OEWS_HEAD + OEWS_ROWS, "emp.csv")
    code, _, err = cli(capsys, "rollup", scores, "-o", tmp_path / "out", "--crosswalk", xw, "--employment", emp,
                       "--weights", "equal", "--bootstrap", "20")
    assert code == 0, err
    # before: "employment frame: ... 'Agriculture' on row 4 and 'Farming' on row 6 of the frame (column ...)"
    assert _said(caplog, "two titles") == [
        f"{emp}, row 7, column 'naics_title': the sector NAICS "
        "'11' has two titles, 'Agriculture' on row 5 and 'Farming' on row 7; the first is kept"]
    sectors = pd.read_parquet(tmp_path / "out" / "sector_scores.parquet")
    assert sectors["naics_title"].tolist() == ["Agriculture"]
    # a frame given to rollup() is still named by its rows, once (bootstrap included)
    caplog.clear()
    emp = employment()
    emp.loc[4, "naics_title"] = "Farming"
    ts = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.00"], "task_id": [1, 2], "alpha": [1.0, 0.0],
                       "beta": [1.0, 0.0], "gamma": [1.0, 0.0]})
    rollup(ts, crosswalk(), emp, weights="equal", n_draws=5)
    assert _said(caplog, "two titles") == [
        "employment frame: the sector NAICS '11' has two titles, 'Agriculture' on row 3 and 'Farming' on row 5 "
        "of the frame (column 'naics_title'); the first is kept"]


def test_two_titles_in_a_workbook_are_named_by_the_rows_of_its_sheet(capsys, caplog, tmp_path):
    scores, xw = _files(tmp_path)
    rows = [line.split(",") for line in (OEWS_HEAD + OEWS_ROWS).splitlines()]
    rows = [rows[0]] + [[int(c) if c.isdigit() and i >= 7 else c for i, c in enumerate(r)] for r in rows[1:]]
    # a title line and a blank one above the header: the records on rows 4-9, sector 11 on rows 7-9
    emp = write_xlsx(tmp_path, "emp.xlsx", [["National employment, May 2025"], [], *rows])
    code, _, err = cli(capsys, "rollup", scores, "-o", tmp_path / "out", "--crosswalk", xw, "--employment", emp,
                       "--weights", "equal")
    assert code == 0, err
    assert _said(caplog, "two titles") == [
        f"{emp}, row 9, column 'naics_title': the sector NAICS "
        "'11' has two titles, 'Agriculture' on row 7 and 'Farming' on row 9; the first is kept"]


# 2. a blank title is no title ---------------------------------------------------------------

@pytest.mark.parametrize("blank", ["", "  "])
def test_a_blank_first_title_does_not_hide_the_sector_title(caplog, blank):
    emp = employment()
    emp.loc[2, "naics_title"] = blank  # the total row of sector 11, its first row
    with caplog.at_level(logging.WARNING, logger="exposure.rollup"):
        out = to_sectors(soc_scores(), emp)
    assert out["naics_title"].tolist() == ["Agriculture"]  # before: the blank
    assert not [r for r in caplog.records if "two titles" in r.getMessage()]


def test_a_blank_title_below_is_no_second_title(caplog):
    emp = employment()
    emp.loc[4, "naics_title"] = ""
    # the major groups as pd.read_csv(..., keep_default_na=False) reads them: a blank title is ' '
    major = pd.DataFrame({"naics": "000000", "naics_title": "Cross-industry", "i_group": "cross-industry",
                          "occ_code": ["11-0000", "13-0000"], "occ_title": [" ", "Business"], "o_group": "major",
                          "tot_emp": [100.0, 50.0]})
    emp = pd.concat([major, emp], ignore_index=True)
    soc = soc_scores(tot_emp=[100.0, 50.0])
    with caplog.at_level(logging.WARNING, logger="exposure.rollup"):
        w = workforce_stats(soc, emp, measures=["beta"])
        out = to_sectors(soc, emp)
    assert out["naics_title"].tolist() == ["Agriculture"]
    assert w.loc[w["group"] == "11-0000", "group_title"].isna().all()  # before: ' '
    assert not [r for r in caplog.records if "two titles" in r.getMessage()]  # before: '' called a second title


# 3. Census codes from scores by OEWS code, the crosswalk cut ------------------------------------

def _census():
    cxw = pd.DataFrame({"onetsoc_code": ["11-1011.00", "13-1021.00", "13-1022.00", "13-1023.00"],
                        "census_occ": ["0010", "0510", "0520", "0530"]})
    soc = pd.DataFrame({"soc_code": ["11-1011", "13-1020"], "beta": [0.1, 0.5]})
    emp = pd.DataFrame({"soc_code": ["11-1011", "13-1020"], "tot_emp": [100.0, 300.0]})
    return soc, cxw, emp


def test_census_codes_of_soc_scores_with_a_cut_crosswalk_say_what_is_unknown(caplog):
    soc, cxw, emp = _census()
    with caplog.at_level(logging.WARNING, logger="exposure.rollup"):
        cut = to_census_occ(soc, cxw[cxw["census_occ"] == "0510"], emp).set_index("census_occ")
    assert cut.loc["0510", "tot_emp"] == 300.0  # all the buyers: the codes left out are not known
    [said] = _said(caplog, "not in the Census crosswalk")
    assert said.startswith("1 SOC code of the scores is not in the Census crosswalk given (e.g. '11-1011'), so its "
                           "scores count for no Census code: a crosswalk cut to some "
                           "Census codes? Scores by OEWS code (soc_code) do not say which O*NET-SOC codes it leaves "
                           "out, so each OEWS code's workers are split among the O*NET-SOC codes it lists alone"), said
    assert said.endswith("give the whole crosswalk and keep the Census codes you need from the result, or scores "
                         "by onetsoc_code")
    # the whole crosswalk: a third of the buyers, and no warning
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="exposure.rollup"):
        full = to_census_occ(soc, cxw, emp).set_index("census_occ")
    assert full.loc["0510", "tot_emp"] == 100.0
    assert not [r for r in caplog.records if "Census crosswalk" in r.getMessage()]
    # scores by onetsoc_code: the codes the cut leaves out are known (round 57), nothing more to say
    caplog.clear()
    occ = pd.DataFrame({"onetsoc_code": cxw["onetsoc_code"], "beta": [0.1, 0.5, 0.5, 0.5]})
    with caplog.at_level(logging.WARNING, logger="exposure.rollup"):
        cut = to_census_occ(occ, cxw[cxw["census_occ"] == "0510"], emp).set_index("census_occ")
    assert cut.loc["0510", "tot_emp"] == 100.0
    assert [r.getMessage() for r in caplog.records if "Census crosswalk" in r.getMessage()] == [
        "3 O*NET-SOC codes of the scores are not in the Census crosswalk given (e.g. '11-1011.00'), so their scores "
        "count for no Census code: add them to the crosswalk (unless you cut the crosswalk to some Census codes), or "
        "give them as the O*NET-SOC 2019 codes they stand for (the crosswalk's taxonomy, e.g. '11-1011.00')"]


# 4. --tasks gives the types a task_type column leaves out -------------------------------------

STATEMENTS = ("O*NET-SOC Code\tTask ID\tTask\tTask Type\tIncumbents Responding\tDate\tDomain Source\n"
              + "".join(f"11-1011.00\t{i}\tDo thing {i}.\t{t}\t95\t08/2023\tIncumbent\n"
                        for i, t in ((1, "Supplemental"), (2, "Core"), (3, "Core"))))


def test_tasks_file_gives_the_types_a_task_type_column_leaves_out(capsys, tmp_path):
    _, xw = _files(tmp_path)
    scores = write_csv(tmp_path, "onetsoc_code,task_id,task_type,alpha,beta,gamma\n"
                       "11-1011.00,1,Supplemental,1,1,1\n11-1011.00,2,,0,0,0\n11-1011.00,3,,0,0,0\n", "s.csv")
    tasks = write_text(tmp_path, "Task Statements.txt", STATEMENTS)
    emp = write_csv(tmp_path, OEWS_HEAD + OEWS_ROWS.replace("Farming", "Agriculture"), "emp.csv")
    code, _, err = cli(capsys, "rollup", scores, "-o", tmp_path / "out", "--crosswalk", xw, "--employment", emp,
                       "--tasks", tasks)
    assert code == 0, err
    occ = pd.read_parquet(tmp_path / "out" / "occupation_scores.parquet")
    # weights 1, 2, 2: beta 1 / 5 (before: --tasks unread, 1, 1, 1: beta 1 / 3)
    assert occ["beta"].tolist() == [pytest.approx(0.2)]


# 5. rollup(tasks=T): a category weighed as in the whole roll-up -------------------------------

def test_a_category_of_tasks_without_a_type_is_weighed_as_in_the_whole_rollup():
    # task 2 has no type of its own (Core in the statements), task 99 none and is not there
    ts = pd.DataFrame({"onetsoc_code": "11-1011.00", "task_id": [1, 2, 99], "task_type": ["Core", None, None],
                       "alpha": [1.0, 0.0, 1.0], "beta": [1.0, 0.0, 1.0], "gamma": [1.0, 0.0, 1.0],
                       "admin": [False, True, True]})
    statements = pd.DataFrame({"onetsoc_code": "11-1011.00", "task_id": [1, 2], "task_type": ["Core", "Core"]})
    # before: "row 2, column 'task_id': weights='core': 1 of 2 tasks are not in the O*NET task
    # statements, first 11-1011.00 task 99" (a row of the admin tasks alone), though the
    # whole roll-up weighs task 99 1, as documented
    r = rollup(ts, crosswalk(), employment(), weights="core", tasks=statements)
    assert r.occupations["beta"].tolist() == [pytest.approx(3 / 5)]  # weights 2, 2, 1
    admin = r.workforce[(r.workforce["group_type"] == "category") & (r.workforce["measure"] == "beta")]
    assert admin["emp_mean"].tolist() == [pytest.approx(1 / 3)]  # tasks 2 and 99: weights 2 and 1


# 6. Rollup.write: the directory and the format ------------------------------------------------

@pytest.fixture(scope="module")
def result():
    ts = pd.DataFrame({"onetsoc_code": ["11-1011.00"], "task_id": [1], "alpha": [1.0], "beta": [1.0],
                       "gamma": [1.0]})
    return rollup(ts, crosswalk(), employment(), weights="equal")


@pytest.mark.parametrize(("out", "said"), [
    (None, "out must be a directory path (str or os.PathLike), got NoneType None"),
    (5, "out must be a directory path (str or os.PathLike), got int 5"),
    ("", "out is empty: give a directory path (an empty path would be read as the current directory)"),
])
def test_write_refuses_what_is_no_directory_path(result, out, said):
    with pytest.raises(DataFormatError) as info:
        result.write(out)
    assert str(info.value) == said


def test_write_refuses_a_path_holding_a_nul_character(result, tmp_path):
    with pytest.raises(DataFormatError, match=r"holds a NUL character"):
        result.write(f"{tmp_path}/out\0x")
    assert list(tmp_path.iterdir()) == []


def test_write_says_how_to_write_the_format(result, tmp_path):
    with pytest.raises(DataFormatError, match=r"^fmt must be one of parquet, csv, xlsx, dta \(str\), got list"):
        result.write(tmp_path / "out", fmt=["csv"])
    with pytest.raises(ExposureError, match=r"write 'csv' \(the choices are case-sensitive\)$"):
        result.write(tmp_path / "out", fmt="CSV")
    assert not (tmp_path / "out").exists()
