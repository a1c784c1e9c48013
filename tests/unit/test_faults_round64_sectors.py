"""Round 64 faults of the sector roll-ups and ``exposure rollup --employment``.

The functions: ``to_sectors``, ``workforce_stats``, ``working_time``, ``rollup``.

Faults fixed (each was found on the code of round 63):

1. An OEWS frame whose industry rows of a level have no ``detailed`` cell (the by-industry
   table cut to its ``total`` and ``major`` rows, ``emp[emp.O_GROUP.isin(["total",
   "major"])]``, or 3-digit ``total`` rows only). Before: ``to_sectors`` returned every
   industry unscored, ``coverage`` 0.0 and the whole total counted as ``suppressed_emp``
   (413,350 "suppressed" workers of sector 11 in May 2025), with a warning that blamed the
   scores (``none of the 783 scored SOC codes is in the OEWS sector cells ...; are they the
   OEWS occupation codes (SOC 2018) of to_soc?``); ``workforce_stats`` gave sector rows of
   0 workers and ``working_time`` sector rows of no covered worker, without a word;
   ``exposure rollup --employment FILE`` wrote those tables and exited 0. Now refused:
   ``column 'o_group': employment frame has no detailed occupation rows (o_group
   'detailed') of its sector rows (i_group 'sector'; they are of o_group 'major', 'total'):
   ...; give the OEWS by-industry table with its detailed rows`` (``exposure rollup``: one
   line naming the file, exit 2, nothing written).
2. ``to_sectors`` (and ``rollup``, ``exposure rollup``) of an OEWS frame of one industry
   (the by-industry table cut to NAICS 52, with its cross-industry rows). Before: a warning
   that the scores may hold codes of another SOC edition, ``sector: only 262 of the 783
   scored SOC codes are in the OEWS sector cells (e.g. '11-9013' is not), so their
   employment is not scored; are they the OEWS occupation codes (SOC 2018) of to_soc?``,
   for the very codes of ``to_soc``. Now a scored code that the frame has among its
   detailed rows (cross-industry or another industry) is no sign of another edition: said
   at INFO level; codes that the frame has nowhere (SOC 2010 ``15-1132``) are warned of as
   before.
3. A NAICS code of the employment frame with a dash that is not the hyphen (``'31–33'``, an
   en dash pasted from a document; a minus sign), and a ``soc_scores`` code so pasted
   (``'11–1011'``) or read by a spreadsheet as a date or a number, given to
   ``to_sectors``, ``workforce_stats`` or ``working_time``. Before: ``naics not an OEWS
   industry code (like 11, 31-33 or 113000): '31–33'``, which shows the code it asks for.
   Now the message ends with :func:`exposure.crosswalks.code_hint`'s hint: ``: '–'
   (U+2013, a dash that is not the hyphen '-'; pasted from a document?): write '31-33'``
   (``a date? ...``, ``a number? ...``, ``a leading apostrophe ...``).
4. An employment frame in which one industry is written two ways, as given and padded
   with zeros (``52`` on some sector rows, ``520000`` on others; ``113`` and ``113000``:
   a frame stacked from two sources), given to ``to_sectors``, ``workforce_stats``,
   ``working_time``, ``rollup`` or ``exposure rollup --employment``. Before: two rows of
   one sector, each with part of its rows (``'11'`` its total and no cell: unscored,
   coverage 0, 120 workers "suppressed"; ``'110000'`` its cells and no total), its workers
   counted twice in any sum over the sectors, without a word. Now refused, naming both
   rows (the file's, for ``exposure rollup``): ``employment frame: the sector NAICS '11'
   (row 3) is written '110000' on row 4 (padded with zeros): one sector would be two;
   write its code one way``.

Tiny made-up frames and files in the OEWS layout, written here.
"""

from __future__ import annotations

import logging
import re

import pandas as pd
import pytest
from _cli import _no_env  # noqa: F401 (_no_env: autouse fixture)
from _frames import employment, soc_scores, write_csv
from test_faults_cli import cli, one_error_line

from exposure.errors import DataFormatError
from exposure.rollup import rollup, to_sectors, workforce_stats, working_time

SECTORS_LOG = "exposure.rollup._sectors"


def _warnings(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]


def _soc(**changes) -> pd.DataFrame:
    """The SOC scores of :func:`_frames.soc_scores` with their national employment."""
    return soc_scores(**changes).assign(tot_emp=[100.0, 50.0])


# 1. industry rows without a detailed cell ---------------------------------------------------

def _without_cells(frame: pd.DataFrame, i_group: str = "sector") -> pd.DataFrame:
    """``frame`` whose ``i_group`` rows keep their total and gain a major group, without detailed cells."""
    cut = frame[~((frame["i_group"] == i_group) & (frame["o_group"] == "detailed"))]
    major = cut[(cut["i_group"] == i_group)].assign(occ_code="11-0000", occ_title="Management", o_group="major",
                                                     tot_emp=60.0)
    return pd.concat([cut, major], ignore_index=True)


NO_CELLS = ("no detailed occupation rows (o_group 'detailed') of its sector rows (i_group "
            "'sector'; they are of o_group 'major', 'total'): the sector measures are means over the detailed "
            "cells of each industry; give the OEWS by-industry table with its detailed rows")


@pytest.mark.parametrize("call", [to_sectors, workforce_stats, working_time])
def test_sector_rows_without_detailed_cells_are_refused(call):
    emp = _without_cells(employment())
    # before: to_sectors gave beta NaN, coverage 0.0 and suppressed_emp 120.0 (the whole total);
    # workforce_stats a sector of 0 workers; working_time a sector of no covered worker
    with pytest.raises(DataFormatError, match="^" + re.escape(f"employment frame, column 'o_group': {NO_CELLS}") + "$"):
        call(_soc(), emp)
    assert call(_soc(), employment()) is not None  # with its cells, as before


def test_the_message_names_the_column_as_the_frame_does():
    emp = _without_cells(employment()).rename(columns=str.upper)  # BLS's columns
    with pytest.raises(DataFormatError, match=r"^employment frame, column 'O_GROUP': no detailed occupation "
                                              r"rows \(O_GROUP 'detailed'\) of its sector rows"):
        to_sectors(_soc(), emp)


def test_subsector_rows_without_detailed_cells_are_refused_and_so_is_the_rollup():
    three = employment().query("i_group == 'sector'").assign(naics="113000", i_group="3-digit")
    emp = pd.concat([employment(), three], ignore_index=True)
    assert to_sectors(_soc(), emp, level="subsector")["beta"].notna().all()
    cut = _without_cells(emp, "3-digit")
    with pytest.raises(DataFormatError, match=r"no detailed occupation rows \(o_group 'detailed'\) of its "
                                              r"subsector rows \(i_group '3-digit'"):
        to_sectors(_soc(), cut, level="subsector")
    occ = pd.DataFrame({"onetsoc_code": ["11-1011.00"], "task_id": [1], "alpha": [0.5], "beta": [0.5],
                        "gamma": [0.5]})
    xw = pd.DataFrame({"onetsoc_code": ["11-1011.00"], "soc_code": ["11-1011"]})
    with pytest.raises(DataFormatError, match=r"of its subsector rows"):
        rollup(occ, xw, cut, weights="equal")  # before: an unscored subsector table


OEWS_HEAD = ("AREA,NAICS,NAICS_TITLE,I_GROUP,OCC_CODE,OCC_TITLE,O_GROUP,TOT_EMP,EMP_PRSE,H_MEAN,A_MEAN,MEAN_PRSE,"
             "H_MEDIAN,A_MEDIAN\n")


def _row(naics: str, group: str, code: str, o_group: str, emp: int) -> str:
    return f"99,{naics},Industry {naics},{group},{code},t,{o_group},{emp},1,24,50000,1,23,48000\n"


def _rollup_files(tmp_path):
    scores = write_csv(tmp_path, "onetsoc_code,task_id,alpha,beta,gamma\n11-1011.00,1,1,1,1\n", "s.csv")
    xw = write_csv(tmp_path, "O*NET-SOC 2019 Code,O*NET-SOC 2019 Title,2018 SOC Code,2018 SOC Title\n"
                   "11-1011.00,Chief Executives,11-1011,Chief Executives\n", "xw.csv")
    return scores, xw


def test_exposure_rollup_refuses_an_employment_file_without_industry_cells(capsys, tmp_path):
    scores, xw = _rollup_files(tmp_path)
    cross = _row("000000", "cross-industry", "00-0000", "total", 300) + _row("000000", "cross-industry",
                                                                              "11-1011", "detailed", 300)
    sector = _row("11", "sector", "00-0000", "total", 120) + _row("11", "sector", "11-0000", "major", 60)
    emp = write_csv(tmp_path, OEWS_HEAD + cross + sector, "emp.csv")
    code, _, err = cli(capsys, "rollup", scores, "-o", tmp_path / "out", "--crosswalk", xw, "--employment", emp,
                       "--weights", "equal")
    line = one_error_line(err, command="rollup")
    # before: exit 0, a sector table of sector 11 unscored, coverage 0, 120 workers "suppressed"
    assert code == 2 and f"{emp}, column 'o_group': no detailed occupation rows" in line, line
    assert not (tmp_path / "out").exists()
    emp.write_text(OEWS_HEAD + cross + sector + _row("11", "sector", "11-1011", "detailed", 60))
    code, _, err = cli(capsys, "rollup", scores, "-o", tmp_path / "out", "--crosswalk", xw, "--employment", emp,
                       "--weights", "equal")
    assert code == 0, err
    sectors = pd.read_parquet(tmp_path / "out" / "sector_scores.parquet")
    assert sectors[["naics", "beta", "covered_emp"]].values.tolist() == [["11", 1.0, 60.0]]


# 2. a frame of one industry -----------------------------------------------------------------

def _one_industry() -> tuple[pd.DataFrame, pd.DataFrame]:
    """Four OEWS codes across industries; the one industry given (NAICS 52) employs one of them."""
    codes = ["11-1011", "13-1020", "15-1252", "17-2011"]
    cross = pd.DataFrame({"naics": "000000", "naics_title": "Cross-industry", "i_group": "cross-industry",
                          "occ_code": codes, "o_group": "detailed", "tot_emp": [100.0, 50.0, 80.0, 40.0]})
    sector = pd.DataFrame({"naics": "52", "naics_title": "Finance", "i_group": "sector",
                           "occ_code": ["00-0000", "11-1011"], "o_group": ["total", "detailed"],
                           "tot_emp": [70.0, 60.0]})
    soc = pd.DataFrame({"soc_code": codes, "alpha": [0.3, 0.0, 0.6, 0.1], "beta": [0.4, 0.3, 0.7, 0.2],
                        "gamma": [0.5, 0.6, 0.8, 0.3]})
    return soc, pd.concat([cross, sector], ignore_index=True)


def test_a_frame_of_one_industry_is_not_taken_for_codes_of_another_soc_edition(caplog):
    soc, emp = _one_industry()
    with caplog.at_level(logging.INFO, logger=SECTORS_LOG):
        sec = to_sectors(soc, emp)
    # before: "sector: only 1 of the 4 scored SOC codes is in the OEWS sector cells (e.g. '13-1020' is not),
    # so their employment is not scored; are they the OEWS occupation codes (SOC 2018) of to_soc?"
    assert _warnings(caplog) == []
    assert "sector: 3 of the 4 scored SOC codes are not in the OEWS sector cells (e.g. '13-1020')" in caplog.text
    assert sec[["naics", "beta", "covered_emp", "coverage"]].values.tolist() == [["52", 0.4, 60.0, 60.0 / 70.0]]
    # codes that the frame has nowhere (SOC 2010) are warned of, as before
    caplog.clear()
    old = soc.assign(soc_code=["11-1011", "15-1132", "15-1133", "15-1134"])
    with caplog.at_level(logging.INFO, logger=SECTORS_LOG):
        to_sectors(old, emp)
    warned = _warnings(caplog)
    assert len(warned) == 1 and "only 1 of the 4 scored SOC codes is in the OEWS sector cells (e.g. '15-1132' is " \
                                "not)" in warned[0], warned


def test_rollup_of_one_industry_says_nothing_of_another_soc_edition(caplog):
    soc, emp = _one_industry()
    occ = pd.DataFrame({"onetsoc_code": ["11-1011.00", "13-1021.00", "15-1252.00", "17-2011.00"],
                        "task_id": [1, 2, 3, 4], "alpha": 0.5, "beta": 0.5, "gamma": 0.5})
    xw = pd.DataFrame({"onetsoc_code": occ["onetsoc_code"], "soc_code": ["11-1011", "13-1021", "15-1252",
                                                                         "17-2011"]})
    with caplog.at_level(logging.INFO, logger=SECTORS_LOG):
        r = rollup(occ, xw, emp, weights="equal")
    assert not [w for w in _warnings(caplog) if "scored SOC codes" in w], _warnings(caplog)
    assert r.sectors["naics"].tolist() == ["52"] and r.sectors["beta"].tolist() == [0.5]


# 3. a dash that is not the hyphen, a code read as a date ------------------------------------

@pytest.mark.parametrize(("naics", "hint"), [
    ("31\u201333", ": '\u2013' (U+2013, a dash that is not the hyphen '-'; pasted from a document?): write '31-33'"),
    ("44\u221245", ": '\u2212' (U+2212, a dash that is not the hyphen '-'; pasted from a document?): write '44-45'"),
    ("'11", ": a leading apostrophe (a spreadsheet's mark for text)? remove it"),
])
def test_a_pasted_naics_code_is_named_with_what_it_holds(naics, hint):
    emp = employment()
    emp.loc[emp["i_group"] == "sector", "naics"] = naics
    said = f"employment frame, row 3, column 'naics': naics not an OEWS industry code (like 11, 31-33 or 113000): " \
           f"{naics!r}{hint}"
    for call in (to_sectors, workforce_stats, working_time):
        # before: the message ended with the code, '31–33', which looks like the 31-33 it asks for
        with pytest.raises(DataFormatError, match="^" + re.escape(said) + "$"):
            call(_soc(), emp)


@pytest.mark.parametrize(("code", "hint"), [
    ("11\u20131011", ": '\u2013' (U+2013, a dash that is not the hyphen '-'; pasted from a document?): "
                     "write '11-1011'"),
    (pd.Timestamp("2011-11-01"), ": a date? a spreadsheet read the code 11-2011 as one; take the codes from the "
                                 "source again and import that column as Text when opening the file, or type the "
                                 "code with a leading apostrophe ('11-2011)"),
    ("111011", ": a code saved as a number? write it as text with its hyphen: '11-1011'"),
])
def test_a_pasted_soc_code_is_named_with_what_it_holds(code, hint):
    soc = _soc()
    soc["soc_code"] = pd.Series([code, "13-1020"], dtype=object)
    shown = str(code)
    said = f"soc_scores, row 1, column 'soc_code': not a SOC code (like 11-1011): {shown!r}{hint}"
    for call in (to_sectors, workforce_stats, working_time):
        with pytest.raises(DataFormatError, match="^" + re.escape(said) + "$"):
            call(soc, employment())
    with pytest.raises(DataFormatError, match=r"^soc_scores, row 1, column 'soc_code': not a SOC code \(like "
                                              r"11-1011\): '11-1011 ': spaces around the code: write "
                                              r"'11-1011'$"):  # the spaces named since round 73
        to_sectors(_soc(soc_code=["11-1011 ", "13-1020"]), employment())


# 4. one industry written two ways -----------------------------------------------------------

def test_an_industry_written_two_ways_is_refused_naming_both_rows():
    emp = employment()
    padded = emp[emp["i_group"] == "sector"].iloc[1:].assign(naics="110000")  # its cells, written 110000
    two = pd.concat([emp.iloc[:3], padded], ignore_index=True)
    said = ("employment frame, row 4, column 'naics': the sector NAICS '11' (row 3) is written '110000' on row 4 "
            "(padded with zeros): one sector would be two; write its code one way")
    for call in (to_sectors, workforce_stats, working_time):
        # before: two rows of sector 11: '11' (its total, no cell: unscored) and '110000' (its cells, no total)
        with pytest.raises(DataFormatError, match="^" + re.escape(said) + "$"):
            call(_soc(), two)
    three = emp[emp["i_group"] == "sector"].assign(i_group="3-digit")
    sub = pd.concat([emp, three.iloc[:1].assign(naics="113"), three.iloc[1:].assign(naics="113000")],
                    ignore_index=True)
    with pytest.raises(DataFormatError, match=r"^employment frame, row 7, column 'naics': the subsector NAICS '113' "
                                              r"\(row 6\) is written '113000' on row 7"):
        to_sectors(_soc(), sub, level="subsector")
    # one way or the other, each industry once: as before
    for code in ("11", "110000"):
        sec = to_sectors(_soc(), emp.assign(naics=emp["naics"].where(emp["i_group"] != "sector", code)))
        assert sec[["naics", "beta", "tot_emp"]].values.tolist() == [[code, pytest.approx(0.36), 120.0]]


def test_exposure_rollup_names_the_rows_of_an_industry_written_two_ways(capsys, tmp_path):
    scores, xw = _rollup_files(tmp_path)
    cross = _row("000000", "cross-industry", "11-1011", "detailed", 300)
    sector = _row("52", "sector", "00-0000", "total", 120) + _row("520000", "sector", "11-1011", "detailed", 60)
    emp = write_csv(tmp_path, OEWS_HEAD + cross + sector, "emp.csv")
    code, _, err = cli(capsys, "rollup", scores, "-o", tmp_path / "out", "--crosswalk", xw, "--employment", emp,
                       "--weights", "equal")
    line = one_error_line(err, command="rollup")
    # before: exit 0, sector '52' unscored (its total alone) beside sector '520000' (its cells, no total)
    assert code == 2 and f"{emp}, row 4, column 'naics': the sector NAICS '52' (row 3) is " \
                         "written '520000' on row 4" in line, line
    assert not (tmp_path / "out").exists()
