"""Fault round 73: the roll-ups (``exposure.rollup``) and ``exposure rollup``.

1. A measure written with a decimal comma (``"0,5"``: text of a spreadsheet saved in a
   European locale) in the task scores (:func:`~exposure.rollup._occupations.check_task_scores`,
   so :func:`~exposure.rollup.rollup` and ``exposure rollup``), in the scores given to
   :func:`~exposure.rollup.to_soc`, :func:`~exposure.rollup.to_sectors` or
   :func:`~exposure.rollup.to_census_occ` was refused as ``row 2, column 'alpha': not a
   number: '0,5'`` and no more, where the readers of published measures and of O*NET's
   tables say to write a point. Now ``... not a number: '0,5': a decimal comma? write
   decimals with a point: '0.5'`` (:func:`~exposure.rollup._soc.measure_values`, the
   roll-ups' one check of measures); the advice, followed, is read. A value that is no
   share either way (``'1,5'``) gets no such advice.
2. ``exposure rollup --oews-release 2024`` without BLS's by-industry files of 2024 (the
   national table read instead) logged two warnings of one fact: the command's
   (``... its national table (cross-industry rows only) is read instead; for the sector
   and subsector tables, put BLS's oesm24in4.zip ...``) and the roll-up's (``the
   employment has no sector or 3-digit industry rows (an OEWS national table?): the sector
   and subsector tables are empty and working_time has no sector rows; give the OEWS
   by-industry table for them``). Now one: the command's says what the roll-up's said
   (``... is read instead, so the sector and subsector tables are empty and working_time
   has no sector rows; for them, put BLS's oesm24in4.zip ...``), and the roll-up says
   nothing more (:func:`~exposure.rollup._run.no_industry_said`). A roll-up of a national
   table called from Python still warns.
3. A code given twice in a frame keyed by it (:func:`~exposure.rollup._soc.require_frame`:
   ``occupation_scores`` of :func:`~exposure.rollup.to_soc`, ``soc_scores`` of
   :func:`~exposure.rollup.to_sectors`, ``scores`` of :func:`~exposure.rollup.to_census_occ`)
   named the frame after the row and column, in the message only: ``row 5, column
   'onetsoc_code': occupation_scores has onetsoc_code '11-1011.00' twice (rows 1 and 5)``,
   where a missing key of the same check said ``occupation_scores, row 1, column
   'onetsoc_code': missing``. Now the frame first, as the error's ``path``:
   ``occupation_scores, row 5, column 'onetsoc_code': onetsoc_code '11-1011.00' is given
   twice (rows 1 and 5)``.
4. The errors about an OEWS employment frame (:func:`~exposure.rollup.employment_frame`,
   :func:`~exposure.rollup.national_detailed`, the industry cells of ``to_sectors``,
   ``workforce_stats`` and ``working_time``) named it after the row, in the message:
   ``row 1, column 'tot_emp': employment frame: tot_emp must be a number or a BLS special
   value (** * # ~), got True``, ``column 'o_group': employment frame has no detailed
   occupation rows ...``, ``row 3, column 'OCC_CODE': duplicate cross-industry occupation
   code '11-1011' (rows 1 and 3 of the employment frame, column 'OCC_CODE')``. Now first,
   as the error's ``path``: ``employment frame, row 1, column 'tot_emp': tot_emp must be
   ...``. ``exposure rollup --employment FILE`` still names the file in its place
   (``emp.csv, row 8, column 'occ_code': '21-1012' (row 8) is in '21-1010' ...``; it said
   ``emp.csv, row 8, column 'occ_code': employment frame: '21-1012' ...``), and so does
   its warning of an industry given two titles (``emp.csv, row 7, column 'naics_title':
   the sector NAICS '11' has two titles ...``; it said ``... 'naics_title': employment
   frame: the sector NAICS ...``).
5. :func:`~exposure.rollup.to_census_occ` named a bad ``tot_emp`` of its ``employment``,
   or of the ``scores`` carrying ``soc_code`` and ``tot_emp``, as of an "employment
   frame" (``row 2, column 'tot_emp': employment frame: tot_emp must be a finite number of
   at least 0, got -5.0``), where its other errors about the same frames name them
   (``employment, row 2, column 'soc_code': ...``, ``scores, ...``). Now ``employment,
   row 2, column 'tot_emp': ...`` and ``scores, row 2, column 'tot_emp': ...``.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pandas as pd
import pytest
from test_faults_cli import cli, one_error_line

from exposure.errors import DataFormatError
from exposure.rollup import rollup, to_census_occ, to_sectors, to_soc, working_time
from exposure.rollup._occupations import check_task_scores
from exposure.rollup._soc import national_detailed

TASKS = pd.DataFrame({"onetsoc_code": ["11-1011.00", "13-1021.00"], "task_id": [1, 2], "alpha": [0.5, 0.0],
                      "beta": [0.5, 0.25], "gamma": [0.5, 0.5]})
OCC = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.03", "13-1021.00"], "alpha": [0.1, 0.5, 0.0],
                    "beta": [0.2, 0.6, 0.3], "gamma": [0.3, 0.7, 0.6]})
XW = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.03", "13-1021.00"],
                   "soc_code": ["11-1011", "11-1011", "13-1021"]})
CENSUS_XW = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.03", "13-1021.00"],
                          "census_occ": ["0010", "0010", "0510"]})


def _emp() -> pd.DataFrame:
    """A small OEWS frame: the cross-industry rows and those of sector 11."""
    return pd.DataFrame({
        "naics": ["000000"] * 3 + ["11"] * 3,
        "naics_title": ["Cross-industry"] * 3 + ["Agriculture"] * 3,
        "i_group": ["cross-industry"] * 3 + ["sector"] * 3,
        "occ_code": ["00-0000", "11-1011", "13-1020"] * 2,
        "o_group": ["total", "detailed", "detailed"] * 2,
        "tot_emp": [300.0, 100.0, 200.0, 30.0, 10.0, 20.0]})


def _soc() -> pd.DataFrame:
    return to_soc(OCC, XW, _emp())


# 1. a decimal comma ---------------------------------------------------------------------------

HINT = ": a decimal comma? write decimals with a point: "


@pytest.mark.parametrize(("call", "said"), [
    (lambda v: check_task_scores(TASKS.assign(alpha=[v, 0.0], beta=[v, 0.25], gamma=[v, 0.5])),
     "task_scores, row 1, column 'alpha': not a number: '0,5'"),
    (lambda v: rollup(TASKS.assign(beta=[v, 0.25]).astype({"beta": object}), XW, _emp(), weights="equal"),
     "task_scores, row 1, column 'beta': not a number: '0,5'"),
    (lambda v: to_soc(OCC.assign(beta=[0.2, v, 0.3]), XW, _emp()),
     "occupation_scores, row 2, column 'beta': not a number: '0,5'"),
    (lambda v: to_census_occ(OCC.assign(beta=[0.2, v, 0.3]), CENSUS_XW, _emp().iloc[1:3].rename(
        columns={"occ_code": "soc_code"})[["soc_code", "tot_emp"]]),
     "scores, row 2, column 'beta': not a number: '0,5'"),
])
def test_a_decimal_comma_in_a_measure_is_said_to_be_one(call, said):
    with pytest.raises(DataFormatError) as err:
        call("0,5")
    # before: "... not a number: '0,5'", and no more
    assert str(err.value) == f"{said}{HINT}'0.5'"
    call("0.5")  # the advice, followed, is read


def test_only_a_share_written_with_a_decimal_comma_gets_the_advice():
    """'1,5' written '1.5' would be refused again (a share is at most 1): no advice that does not work."""
    said = {}
    for value in ("1,0", ",25", "1,5", "0,5,1", "-0,2"):
        with pytest.raises(DataFormatError) as err:
            to_soc(OCC.assign(beta=[0.2, value, 0.3]), XW, _emp())
        said[value] = str(err.value).removeprefix(f"occupation_scores, row 2, column 'beta': not a number: {value!r}")
    assert said == {"1,0": f"{HINT}'1.0'", ",25": f"{HINT}'0.25'", "1,5": "", "0,5,1": "", "-0,2": ""}  # (round 74)


def test_exposure_rollup_says_a_decimal_comma_of_its_file(tmp_path, capsys, fixtures):
    d = fixtures / "rollup"
    scores = tmp_path / "scores.csv"  # saved by a spreadsheet in a European locale, the numbers quoted
    scores.write_text('onetsoc_code,task_id,alpha,beta,gamma\n11-1011.00,1,0,"0,25","0,5"\n', encoding="utf-8")
    code, _, err = cli(capsys, "rollup", scores, "-o", tmp_path / "out", "--crosswalk", d / "onet_to_soc_tiny.csv",
                       "--employment", d / "oews_tiny.csv", "--weights", "equal")
    line = one_error_line(err, command="rollup")
    assert code == 2 and line == (f"exposure rollup: error: {scores}, row 2, column 'beta': not a number: "
                                  f"'0,25'{HINT}'0.25'"), line
    assert not (tmp_path / "out").exists()


# 2. the national table read for want of the by-industry one: said once ---------------------------

def test_the_national_table_read_instead_is_said_once(capsys, fixtures, tmp_path, monkeypatch, shared_data, caplog):
    monkeypatch.setenv("EXPOSURE_HOME", str(tmp_path / "home"))
    (tmp_path / "data").mkdir()
    d = fixtures / "rollup"
    with caplog.at_level(logging.WARNING, logger="exposure"):
        code, out, err = cli(capsys, "rollup", d / "task_scores_tiny.csv", "-o", tmp_path / "out", "--crosswalk",
                             d / "onet_to_soc_tiny.csv", "--weights", "equal", "--oews-release", "2024",
                             "--mirror", Path(shared_data).resolve(), "--data-dir", tmp_path / "data")
    assert code == 0, err
    assert "0 sectors, 0 subsectors" in out
    said = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING and "sector" in r.getMessage()]
    # before: this one, without what it leaves empty, and the roll-up's "the employment has no
    # sector or 3-digit industry rows (an OEWS national table?) ..."
    assert len(said) == 1, said
    assert said[0].startswith("--oews-release 2024: the OEWS by-industry table of 2024 could not be read ("), said
    assert ("): its national table (cross-industry rows only) is read instead, so the sector and subsector tables "
            "are empty and working_time has no sector rows; for them, put BLS's oesm24in4.zip") in said[0], said
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="exposure"):  # from Python: the roll-up's own warning, as before
        rollup(TASKS, XW, _emp().iloc[:3], weights="equal")
    assert [r for r in caplog.records if "no sector or 3-digit industry rows" in r.getMessage()]


# 3. a key given twice: the frame first --------------------------------------------------------

@pytest.mark.parametrize(("call", "said"), [
    (lambda: to_soc(pd.concat([OCC, OCC.iloc[[0]]], ignore_index=True), XW, _emp()),
     "occupation_scores, row 4, column 'onetsoc_code': onetsoc_code '11-1011.00' is given twice (rows 1 and 4)"),
    (lambda: to_sectors(pd.concat([_soc(), _soc().iloc[[1]]], ignore_index=True), _emp()),
     "soc_scores, row 3, column 'soc_code': soc_code '13-1020' is given twice (rows 2 and 3)"),
    (lambda: to_census_occ(pd.concat([OCC, OCC.iloc[[2]]], ignore_index=True), CENSUS_XW),
     "scores, row 4, column 'onetsoc_code': onetsoc_code '13-1021.00' is given twice (rows 3 and 4)"),
])
def test_a_key_given_twice_names_the_frame_first(call, said):
    with pytest.raises(DataFormatError) as err:
        call()
    # before: "row 4, column 'onetsoc_code': occupation_scores has onetsoc_code '11-1011.00' twice (rows 1 and 4)"
    assert str(err.value) == said
    assert err.value.path == said.split(",")[0]


# 4. the employment frame named first; exposure rollup names its file -----------------------------

def _sector_cells(occ_codes) -> pd.DataFrame:
    return pd.concat([_emp().iloc[:3], pd.DataFrame({
        "naics": "11", "naics_title": "Agriculture", "i_group": "sector", "occ_code": occ_codes,
        "o_group": ["total"] + ["detailed"] * (len(occ_codes) - 1), "tot_emp": 10.0})], ignore_index=True)


@pytest.mark.parametrize(("emp", "call", "said"), [
    (_emp().assign(tot_emp=[True] * 6), to_soc,
     "row 1, column 'tot_emp': tot_emp must be a number or a BLS special value (** * # ~), got True"),
    (_emp().rename(columns={"tot_emp": "TOT_EMP"}).astype({"TOT_EMP": object}).assign(
        TOT_EMP=["300", "1.200", "200", "30", "10", "20"]), to_soc,
     "row 2, column 'TOT_EMP': TOT_EMP must be a whole number of workers (OEWS counts jobs), got '1.200' (write "
     "1200 for 1,200 workers: a point is read as the decimal point)"),
    (_emp().assign(i_group=["cross-industry"] * 3 + ["Sector"] * 3), to_soc,
     "row 4, column 'i_group': i_group must be one of 'cross-industry', 'cross-industry, ownership', 'sector', "
     "'3-digit', '4-digit', '4-digit, ownership', '5-digit', '6-digit', got 'Sector' (write it 'sector', as OEWS "
     "does)"),
    (_emp().assign(tot_emp=[300.0, 0.0, 0.0, 30.0, 10.0, 20.0]), to_soc,
     "column 'tot_emp': no cross-industry detailed occupation has employment above 0 (tot_emp is 0 or missing "
     "on every row)"),
    (pd.concat([_emp(), _emp().iloc[[1]]], ignore_index=True), national_detailed,
     "row 7, column 'occ_code': duplicate cross-industry occupation code '11-1011' (rows 2 and 7): keep one row "
     "per occupation"),
    (_emp().assign(naics=["000000"] * 3 + ["113000"] * 3), to_sectors,
     "row 4, column 'naics': naics '113000' on a sector row (i_group 'sector') is not a sector code (11, 31-33, "
     "44-45, 48-49 or 520000: two digits, as given or padded with zeros)"),
    (_sector_cells(["00-0000", "11-1011", "11-1011"]), to_sectors,
     "row 6, column 'occ_code': duplicate sector cell: NAICS '11', occupation '11-1011' (rows 5 and 6): keep one "
     "row per industry and occupation"),
    (_sector_cells(["00-0000", "11-0000", "11-1011"]), working_time,
     "row 5, column 'occ_code': occ_code '11-0000' is a major group, not a detailed occupation, on a row whose "
     "o_group is 'detailed': the detailed rows are summed, so its workers would be counted twice"),
    (_sector_cells(["00-0000", "11-1010", "11-1011"]), to_sectors,
     "row 6, column 'occ_code': '11-1011' (row 6) is in '11-1010' (row 5), a SOC broad group, and both are "
     "detailed rows of the sector NAICS '11': its workers would be counted twice; give the group or its "
     "occupations, not both"),
])
def test_errors_of_the_employment_frame_name_it_first(emp, call, said):
    with pytest.raises(DataFormatError) as err:
        if call is national_detailed:
            call(emp)
        elif call is to_soc:
            call(OCC, XW, emp)
        else:
            call(_soc(), emp)
    # before: "row 1, column 'tot_emp': employment frame: tot_emp must be ...", the frame in the text
    assert str(err.value) == f"employment frame, {said}"
    assert err.value.path == "employment frame"


def test_exposure_rollup_names_its_employment_file_in_the_frame_s_place(tmp_path, capsys, fixtures, caplog):
    d = fixtures / "rollup"
    lines = (d / "oews_tiny.csv").read_text(encoding="utf-8").splitlines()
    sector_row = next(ln for ln in lines if ",11,\"Sector 11" in ln and ",11-1011," in ln)
    broad = sector_row.replace(",11-1011,Chief Executives,", ",11-1010,Chief Executives (group),")
    emp = tmp_path / "emp.csv"
    emp.write_text("\n".join([*lines, broad]) + "\n", encoding="utf-8")
    args = ("rollup", d / "task_scores_tiny.csv", "-o", tmp_path / "out", "--crosswalk", d / "onet_to_soc_tiny.csv",
            "--weights", "equal", "--employment")
    code, _, err = cli(capsys, *args, emp)
    line = one_error_line(err, command="rollup")
    row = lines.index(sector_row) + 1
    # before: "emp.csv, row 11, column 'occ_code': employment frame: '11-1011' (row 11) ..."
    assert code == 2 and line == (
        f"exposure rollup: error: {emp}, row {row}, column 'occ_code': '11-1011' (row {row}) is in '11-1010' (row "
        f"{len(lines) + 1}), a SOC broad group, and both are detailed rows of the sector NAICS '11': its workers "
        "would be counted twice; give the group or its occupations, not both"), line
    titled = tmp_path / "titled.csv"  # the sector's second row titled otherwise
    second = next(ln for ln in lines if ",11,\"Sector 11" in ln and ",13-1020," in ln)
    titled.write_text("\n".join(ln.replace('"Sector 11 - Agriculture, Forestry, Fishing and Hunting"', "Farming")
                                if ln == second else ln for ln in lines) + "\n", encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="exposure"):
        code, _, err = cli(capsys, *args, titled)
    assert code == 0, err
    said = [r.getMessage() for r in caplog.records if "two titles" in r.getMessage()]
    # before: "titled.csv, row 12, column 'naics_title': employment frame: the sector NAICS '11' ..."
    assert said == [f"{titled}, row {lines.index(second) + 1}, column 'naics_title': the sector NAICS '11' has two "
                    "titles, 'Sector 11 - Agriculture, Forestry, Fishing and Hunting' on row "
                    f"{lines.index(sector_row)} and 'Farming' on row {lines.index(second) + 1}; the first is kept"]


# 5. to_census_occ names the frame of a bad tot_emp ------------------------------------------------

def test_to_census_occ_names_the_frame_of_a_bad_tot_emp():
    emp = pd.DataFrame({"soc_code": ["11-1011", "13-1020"], "tot_emp": [100.0, -5.0]})
    with pytest.raises(DataFormatError) as err:
        to_census_occ(OCC, CENSUS_XW, emp)
    # before: "row 2, column 'tot_emp': employment frame: tot_emp must be ...", a frame of another name
    assert str(err.value) == ("employment, row 2, column 'tot_emp': tot_emp must be a finite number of at least 0, "
                              "got -5.0")
    scores = pd.DataFrame({"soc_code": ["11-1011", "13-1020"], "beta": [0.2, 0.3], "tot_emp": [100.0, True]})
    with pytest.raises(DataFormatError) as err:
        to_census_occ(scores, CENSUS_XW)
    assert str(err.value) == ("scores, row 2, column 'tot_emp': tot_emp must be a number or a BLS special value "
                              "(** * # ~), got True")
