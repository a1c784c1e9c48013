"""Round 57: roll-ups onto OEWS and Census codes from crosswalks cut to some occupations.

Found in this round (each test fails on the code before the fix):

1. A crosswalk cut to some occupations, without ``soc_structure`` (``to_soc``, ``rollup``,
   ``exposure rollup --crosswalk FILE``, ``to_census_occ`` with the Census crosswalk cut
   to some Census codes): :func:`~exposure.crosswalks.oews_code_map` took the SOC codes of
   the crosswalk for all the SOC detailed codes, so the other detailed codes of a broad
   group that OEWS publishes (``21-1013``, ``21-1015``, ``21-1019``) looked like OEWS
   aggregates beside ``21-1018``: ``21-1011`` and ``21-1014`` were left unmapped, their
   scores counted for no OEWS code, sector or worker (``21-1018`` unscored; the Census
   codes ``2001``/``2004`` weighted ``equal`` with ``tot_emp`` 0), with the warning
   ``'21-1011', '21-1014': several OEWS aggregates in their broad group ['21-1013',
   '21-1015', '21-1018', '21-1019']``, which called detailed codes aggregates. Now a code
   of one of the five OEWS aggregates of May 2021-2025
   (:data:`~exposure.crosswalks.OEWS_AGGREGATES`) goes to that aggregate when the codes
   given cannot tell it (every O*NET-SOC 2019 code of the registry, alone in a
   crosswalk, gets the OEWS code it gets with the SOC structure), and a code still left
   unmapped without the structure is warned of in words that say the candidates may be
   detailed codes missing from the crosswalk and to give ``soc_structure``.
2. ``to_census_occ`` (and ``census_weights``) with a Census crosswalk cut to some Census
   codes split an OEWS code's employment among the scored O*NET codes of the crosswalk
   alone: ``13-1021.00``, the only one of the three children of ``13-1020`` in a
   crosswalk cut to Census code ``0510``, weighed all 491,430 buyers (``tot_emp`` three
   times the full crosswalk's 163,810), and a Census code mixing OEWS codes got another
   mean, without a word. Scored codes the crosswalk lacks now take their share: each of
   the 568 Census codes of the registered crosswalk, alone, gives the row of the whole
   crosswalk (the whole crosswalk's results are bit for bit those before).
3. ``exposure rollup --employment FILE`` with a SOC group beside a code it holds among
   the detailed cells of one industry (``21-1010`` and ``21-1012`` in sector 11): the
   error, found by the sector roll-up, named neither the file nor its rows (``row 7,
   column 'occ_code': employment frame: '21-1012' (row 7) is in '21-1010' (row 8) ...``:
   the frame's rows, one above the file's). Among the cross-industry rows the file's row
   came first and the frame's rows in the text (``emp.csv, row 3, ...: '21-1012' (row 2)
   is in '21-1010' (row 1)``). Both now name the file and its rows.

Tiny made-up frames and files in the published layouts, written here.
"""

from __future__ import annotations

import logging

import pandas as pd
import pytest
from _cli import _no_env  # noqa: F401 (_no_env: autouse fixture)
from _frames import write_csv, write_xlsx
from test_faults_cli import cli, one_error_line

from exposure import crosswalks
from exposure.crosswalks import oews_code_map
from exposure.rollup import census_weights, rollup, to_census_occ, to_soc

#: OEWS codes of the broad group 21-1010 (SOC 2018): detailed codes and the aggregate
#: 21-1018 of 21-1011 and 21-1014, which OEWS does not publish on their own.
OEWS_21 = ["21-1012", "21-1013", "21-1015", "21-1018", "21-1019"]


OEWS_HEAD = ("AREA,NAICS,NAICS_TITLE,I_GROUP,OCC_CODE,OCC_TITLE,O_GROUP,TOT_EMP,EMP_PRSE,H_MEAN,A_MEAN,MEAN_PRSE,"
             "H_MEDIAN,A_MEDIAN\n")


def _row(naics: str, group: str, code: str, o_group: str, emp: int) -> str:
    return f"99,{naics},Industry {naics},{group},{code},t,{o_group},{emp},1,24,50000,1,23,48000\n"


def _oews_rows(extra: str, cross=OEWS_21) -> str:
    return OEWS_HEAD + "".join(_row("000000", "cross-industry", c, "detailed", 100) for c in cross) + extra


def _warnings(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]


def _counselors() -> pd.DataFrame:
    return pd.DataFrame({"onetsoc_code": ["21-1011.00", "21-1012.00", "21-1014.00"],
                         "alpha": [0.1, 0.0, 0.3], "beta": [0.2, 0.1, 0.4], "gamma": [0.3, 0.2, 0.5]})


def _cut_crosswalk() -> pd.DataFrame:
    return pd.DataFrame({"onetsoc_code": ["21-1011.00", "21-1012.00", "21-1014.00"],
                         "soc_code": ["21-1011", "21-1012", "21-1014"]})


def _oews(codes=OEWS_21, emp=(100.0, 50.0, 20.0, 300.0, 40.0)) -> pd.DataFrame:
    return pd.DataFrame({"naics": "000000", "i_group": "cross-industry", "occ_code": list(codes),
                         "o_group": "detailed", "tot_emp": list(emp)})


# 1. a cut crosswalk keeps the OEWS aggregate -------------------------------------------------

def test_to_soc_with_a_cut_crosswalk_puts_the_codes_on_their_oews_aggregate(caplog):
    caplog.set_level(logging.WARNING)
    soc = to_soc(_counselors(), _cut_crosswalk(), _oews()).set_index("soc_code")
    assert soc.loc["21-1018", "beta"] == pytest.approx(0.3)  # 21-1011 and 21-1014, not lost
    assert soc.loc["21-1018", "n_onet"] == 2
    assert soc.loc["21-1012", "beta"] == pytest.approx(0.1)
    assert soc.loc[["21-1013", "21-1015", "21-1019"], "beta"].isna().all()
    assert not [w for w in _warnings(caplog) if "several OEWS" in w or "no OEWS occupation code" in w]


def test_a_cut_crosswalk_maps_as_the_soc_structure_does():
    structure = pd.DataFrame({"soc_code": ["21-1011", "21-1012", "21-1013", "21-1014", "21-1015", "21-1019"],
                              "level": "detailed", "broad_code": "21-1010"})
    alone = oews_code_map(["21-1011"], OEWS_21)
    assert alone[["occ_code", "how"]].values.tolist() == [["21-1018", "aggregate"]]
    assert alone.equals(oews_code_map(["21-1011"], OEWS_21, structure))


def test_rollup_with_a_cut_crosswalk_scores_the_workers_of_the_aggregate():
    ts = pd.DataFrame({"onetsoc_code": ["21-1011.00", "21-1014.00"], "task_id": [1, 2], "label": ["E1", "E0"],
                       "alpha": [1.0, 0.0], "beta": [1.0, 0.0], "gamma": [1.0, 0.0]})
    r = rollup(ts, _cut_crosswalk(), _oews(), weights="equal")
    assert r.soc.set_index("soc_code").loc["21-1018", "beta"] == pytest.approx(0.5)
    assert r.coverage["covered_emp"] == 300.0


def test_exposure_rollup_with_a_cut_crosswalk_file(capsys, tmp_path):
    scores = write_csv(tmp_path, "onetsoc_code,task_id,alpha,beta,gamma\n21-1011.00,1,1,1,1\n"
                       "21-1014.00,2,0,0,0\n21-1012.00,3,0,0,0\n", "s.csv")
    xw = write_csv(tmp_path, "O*NET-SOC 2019 Code,O*NET-SOC 2019 Title,2018 SOC Code,2018 SOC Title\n"
                   "21-1011.00,Substance Abuse Counselors,21-1011,Substance Abuse Counselors\n"
                   "21-1014.00,Mental Health Counselors,21-1014,Mental Health Counselors\n"
                   "21-1012.00,Educational Counselors,21-1012,Educational Counselors\n", "xw.csv")
    emp = write_csv(tmp_path, OEWS_HEAD + "".join(
        _row("000000", "cross-industry", c, "detailed", e) for c, e in zip(OEWS_21, (100, 50, 20, 300, 40))), "emp.csv")
    code, out, err = cli(capsys, "rollup", scores, "-o", tmp_path / "out", "--crosswalk", xw, "--employment", emp,
                         "--weights", "equal")
    assert code == 0, err
    assert "several OEWS" not in err
    assert "coverage: 0.7843 of OEWS employment scored (400 of 510)" in out  # before: 100 of 510
    soc = pd.read_parquet(tmp_path / "out" / "soc_scores.parquet").set_index("soc_code")
    assert soc.loc["21-1018", "beta"] == pytest.approx(0.5)


def test_every_code_of_the_registry_crosswalk_alone_maps_as_with_the_structure(shared_data, tmp_path):
    from exposure import oews
    where = {"mirror": shared_data, "data_dir": tmp_path / "cache"}
    xw, structure = crosswalks.load_onet_to_soc(**where), crosswalks.load_soc_structure(**where)
    emp = oews.load_oews("2025", "cross_industry", **where)
    codes = emp.loc[emp["o_group"] == "detailed", "occ_code"]
    full = oews_code_map(xw["soc_code"], codes, structure).set_index("soc_code")["occ_code"]
    alone = pd.concat([oews_code_map([c], codes) for c in sorted(set(xw["soc_code"]))]).set_index("soc_code")
    assert alone["occ_code"].fillna("none").to_dict() == full.fillna("none").to_dict()  # 13 codes were lost


def test_a_code_still_left_unmapped_without_the_structure_is_warned_of_truly(caplog):
    caplog.set_level(logging.WARNING)
    out = oews_code_map(["11-2021"], ["11-2022", "11-2023"])
    assert out["how"].tolist() == ["none"]
    [said] = [w for w in _warnings(caplog) if "'11-2021'" in w]
    assert "or SOC detailed codes missing from soc_codes (a crosswalk cut to some occupations?)" in said
    assert "give soc_structure (exposure.crosswalks.load_soc_structure())" in said
    # with the structure, the candidates are OEWS aggregates: said as before
    caplog.clear()
    structure = pd.DataFrame({"soc_code": ["11-2021"], "level": "detailed", "broad_code": "11-2020"})
    oews_code_map(["11-2021"], ["11-2028", "11-2029"], structure)
    assert [w for w in _warnings(caplog) if "'11-2021'" in w] == [
        "'11-2021': several OEWS aggregates in its broad group ['11-2028', '11-2029']"]


def test_to_census_occ_with_a_cut_census_crosswalk_gives_the_aggregate_its_workers():
    cxw = pd.DataFrame({"onetsoc_code": ["21-1011.00"], "census_occ": ["2001"]})
    emp = pd.DataFrame({"soc_code": OEWS_21, "tot_emp": [100.0, 50.0, 20.0, 300.0, 40.0]})
    row = to_census_occ(_counselors(), cxw, emp).set_index("census_occ").loc["2001"]
    # 21-1018's 300 workers split between its scored children 21-1011.00 and 21-1014.00
    assert (row["beta"], row["tot_emp"], row["weighting"]) == (0.2, 150.0, "employment")


# 2. a cut Census crosswalk: each scored code its share ----------------------------------------

def _buyers():
    scores = pd.DataFrame({"onetsoc_code": ["11-1011.00", "13-1021.00", "13-1022.00", "13-1023.00"],
                           "beta": [0.1, 0.9, 0.3, 0.3]})
    cxw = pd.DataFrame({"onetsoc_code": scores["onetsoc_code"], "census_occ": ["0510", "0510", "0520", "0530"]})
    emp = pd.DataFrame({"soc_code": ["11-1011", "13-1020"], "tot_emp": [100.0, 300.0]})
    return scores, cxw, emp


def test_to_census_occ_with_a_cut_crosswalk_gives_the_rows_of_the_whole_one():
    scores, cxw, emp = _buyers()
    full = to_census_occ(scores, cxw, emp).set_index("census_occ")
    cut = to_census_occ(scores, cxw[cxw["census_occ"] == "0510"], emp).set_index("census_occ")
    assert (full.loc["0510", "beta"], full.loc["0510", "tot_emp"]) == (pytest.approx(0.5), 200.0)
    # before: 13-1021.00 took all 300 buyers: beta 0.7, tot_emp 400
    pd.testing.assert_series_equal(cut.loc["0510"], full.loc["0510"])
    # a code the crosswalk lists without a Census code (51-8099.01 in the registered file)
    # is left out, its share to its siblings, as before
    listed = cxw.assign(census_occ=["0510", "0510", None, None])
    row = to_census_occ(scores, listed, emp).set_index("census_occ").loc["0510"]
    assert (row["beta"], row["tot_emp"]) == (pytest.approx(0.7), 400.0)


def test_census_weights_give_scored_codes_outside_the_crosswalk_their_share():
    scores, cxw, emp = _buyers()
    cut = cxw[cxw["census_occ"] == "0510"]
    w = census_weights(cut, emp, scored=scores["onetsoc_code"]).set_index("onetsoc_code")["weight"]
    assert w.to_dict() == {"11-1011.00": 100.0, "13-1021.00": 100.0}
    # the crosswalk's own codes alone (scored=None, the default) weigh as before
    assert census_weights(cut, emp).set_index("onetsoc_code")["weight"].to_dict() == {
        "11-1011.00": 100.0, "13-1021.00": 300.0}



# 3. exposure rollup --employment: the file's rows ----------------------------------------------

def _rollup_files(tmp_path):
    scores = write_csv(tmp_path, "onetsoc_code,task_id,alpha,beta,gamma\n21-1012.00,1,1,1,1\n", "s.csv")
    xw = write_csv(tmp_path, "O*NET-SOC 2019 Code,O*NET-SOC 2019 Title,2018 SOC Code,2018 SOC Title\n"
                   "21-1012.00,Educational Counselors,21-1012,Educational Counselors\n", "xw.csv")
    return scores, xw


SECTOR_NESTED = (_row("11", "sector", "00-0000", "total", 300) + _row("11", "sector", "21-1012", "detailed", 100)
                 + _row("11", "sector", "21-1010", "detailed", 100))


def test_a_group_beside_its_code_in_an_industry_names_the_employment_file_and_its_rows(capsys, tmp_path):
    scores, xw = _rollup_files(tmp_path)
    emp = write_csv(tmp_path, _oews_rows(SECTOR_NESTED), "emp.csv")
    code, _, err = cli(capsys, "rollup", scores, "-o", tmp_path / "out", "--crosswalk", xw, "--employment", emp,
                       "--weights", "equal")
    line = one_error_line(err, command="rollup")
    assert code == 2
    # the file's rows 8 and 9 (header row 1); before: "row 7 ... (row 7) is in '21-1010' (row 8)", no file
    assert f"{emp}, row 8, column 'occ_code': '21-1012' (row 8) is in '21-1010' (row 9), a SOC " \
           "broad group, and both are detailed rows of the sector NAICS '11'" in line, line
    assert not (tmp_path / "out").exists()
    # without the group's row, the file rolls up
    emp.write_text(_oews_rows(SECTOR_NESTED.rsplit(_row("11", "sector", "21-1010", "detailed", 100), 1)[0]))
    code, _, err = cli(capsys, "rollup", scores, "-o", tmp_path / "out", "--crosswalk", xw, "--employment", emp,
                       "--weights", "equal")
    assert code == 0, err
    sectors = pd.read_parquet(tmp_path / "out" / "sector_scores.parquet")
    assert sectors[["naics", "beta", "covered_emp"]].values.tolist() == [["11", 1.0, 100.0]]


def test_a_group_beside_its_code_across_industries_names_the_file_rows_in_the_text_too(capsys, tmp_path):
    scores, xw = _rollup_files(tmp_path)
    emp = write_csv(tmp_path, _oews_rows("", cross=["21-1010", *OEWS_21]), "emp.csv")
    code, _, err = cli(capsys, "rollup", scores, "-o", tmp_path / "out", "--crosswalk", xw, "--employment", emp,
                       "--weights", "equal")
    line = one_error_line(err, command="rollup")
    # before: "emp.csv, row 3, ...: '21-1012' (row 2) is in '21-1010' (row 1)"
    assert code == 2 and f"{emp}, row 3, column 'occ_code': '21-1012' (row 3) is in '21-1010' " \
                         "(row 2)" in line, line


def test_an_employment_workbook_is_named_by_the_rows_of_its_sheet(capsys, tmp_path):
    scores, xw = _rollup_files(tmp_path)
    rows = [line.split(",") for line in _oews_rows(SECTOR_NESTED).splitlines()]
    rows = [rows[0]] + [[int(c) if c.isdigit() and i >= 7 else c for i, c in enumerate(r)] for r in rows[1:]]
    # two title lines above the header, as BLS's workbooks may have: the records start on row 4
    emp = write_xlsx(tmp_path, "emp.xlsx", [["National employment, May 2025"], [], *rows])
    code, _, err = cli(capsys, "rollup", scores, "-o", tmp_path / "out", "--crosswalk", xw, "--employment", emp,
                       "--weights", "equal")
    line = one_error_line(err, command="rollup")
    assert code == 2 and f"{emp}, row 10, column 'occ_code'" in line, line
    assert "'21-1012' (row 10) is in '21-1010' (row 11)" in line, line

