"""Fault round 67: crosswalks (``exposure.crosswalks``), the roll-up to SOC codes and the Census one.

Found in this round (each test fails on the code before the fix):

1. :func:`exposure.crosswalks.read_census_crosswalk` (so ``exposure validate --file
   census_crosswalk``) of the crosswalk written back by R (``write.csv``, readr's
   ``write_csv``: a blank cell is written ``NA``) was refused for its blank cells:
   ``row 35, column 'Data-level': Data-level must be Y, N or blank, got 'NA'`` (93 rows of
   the registered file), ``column 'cps_code': cps_code must be a four-digit Census 2018 OCC
   code (like '0010'), got 'NA'`` (the two "All Other" codes), while ``NA`` in ``Job Zone``
   was read as blank. Now ``NA`` and ``N/A`` are blank in the three columns, as the library
   reads them elsewhere: the registered file so written back reads identical.
2. :func:`exposure.rollup.to_soc` (also :func:`~exposure.rollup.onet_to_oews`,
   :func:`~exposure.rollup.rollup`) given a crosswalk frame whose ``soc_code`` is not the
   first seven characters of its ``onetsoc_code`` (one column sorted without the other, a
   shifted row: ``13-1021.00`` -> ``11-1011``) followed it as it stood: the buyers were
   averaged into the chief executives (``11-1011`` beta 0.3667 for 0.4) without a word,
   where :func:`~exposure.crosswalks.read_onet_to_soc` and
   :func:`~exposure.crosswalks.onet_to_soc_map` refuse it. Now refused in their words:
   ``row 3, column 'soc_code': onet_to_soc: '11-1011' is not the SOC code of '13-1021.00'
   (its first seven characters, '13-1021'): a shifted row, or a code of another SOC vintage
   (O*NET-SOC 2019 codes expected)?``.
3. :func:`exposure.rollup.to_census_occ` of scores by OEWS code (``soc_code``) giving an
   OEWS aggregate beside a code it holds (``21-1018`` and ``21-1011``; round 61 refused a
   SOC group beside its code only) put the code's value on ``21-1011.00`` and the
   aggregate's, with all its workers (those of ``21-1011`` included), on ``21-1014.00``,
   without a word. Now refused, naming both rows: ``scores, row 2, column 'soc_code':
   '21-1011' is in '21-1018' (row 1), an OEWS aggregate, and both are in the scores: the
   aggregate's value holds the code's workers too, ...``.
4. :func:`exposure.rollup.to_census_occ` of O*NET-SOC scores carrying a ``tot_emp``
   column (counts of one's own) without ``soc_code`` ignored that column without a word,
   weighting by the OEWS May 2025 employment. The result is unchanged, and a warning now
   says so: ``scores have a tot_emp column but no soc_code, so it is not used: ...; to
   weigh by counts of your own, give employment= (soc_code, tot_emp of the OEWS codes)``.
5. :func:`exposure.rollup.to_census_occ` (also :func:`~exposure.rollup.census_weights`,
   :func:`~exposure.rollup.check_crosswalk`) given a crosswalk whose ``census_occ`` text
   lost its leading zeros (the CSV saved by a spreadsheet, ``10``, read with
   ``pd.read_csv(..., dtype=str)``) advised what had just been done: ``not a 4-digit Census
   code (like '0010'): '10' (leading zeros lost? read the column as text, e.g.
   pd.read_csv(..., dtype=str))``, and so for ``'10.0'`` (a column read as numbers, written
   back; ``'1010.0'`` had no hint). Now the advice works: ``... '10' (leading zeros lost?
   read the column as text, e.g. pd.read_csv(..., dtype=str)); if the file itself lost them
   (a CSV saved by a spreadsheet), pad the codes to four digits:
   crosswalk['census_occ'].str.zfill(4)``; ``... '10.0' (a number written as text, its
   leading zeros lost: write the codes as four
   digits, e.g. crosswalk['census_occ'].str.replace(r'\\.0*$', '', regex=True).str.zfill(4))``.

Tiny made-up frames and files in the real formats, written by the tests (and the real
mirror, for the registered Census crosswalk written back by R).
"""

from __future__ import annotations

import logging
import re

import pandas as pd
import pytest
from _frames import crosswalk, employment, occupation_scores
from test_faults_cli import cli

from exposure.crosswalks import read_census_crosswalk
from exposure.errors import DataFormatError
from exposure.rollup import onet_to_oews, rollup, to_census_occ, to_soc


def _warnings(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]


# 1. the Census crosswalk written back by R ------------------------------------------------------

CENSUS_HEADER = "Job Zone,Occupation,Data-level,Code,cps_code\n"


def test_census_crosswalk_written_by_r_reads_na_as_blank(tmp_path):
    path = tmp_path / "census by R.csv"
    path.write_text('"","Job Zone","Occupation","Data-level","Code","cps_code"\n'
                    '"1",5,"Chief Executives","Y","11-1011.00","0010"\n'
                    '"2",NA,"Plant and System Operators, All Other",NA,"51-8099.00",NA\n'
                    '"3",2,"Biofuels Processing Technicians",N/A,"51-8099.01",NA\n')
    got = read_census_crosswalk(path)
    assert got["census_occ"].isna().tolist() == [False, True, True]
    assert got["data_level"].tolist() == [True, False, False]
    assert got["job_zone"].tolist()[0] == 5.0 and got["job_zone"].isna().tolist()[1]
    # other text is still refused
    path.write_text(CENSUS_HEADER + "5,Chief Executives,Yes,11-1011.00,0010\n")
    with pytest.raises(DataFormatError, match=r"row 2, column 'Data-level': Data-level must be Y, N or blank, "
                                              r"got 'Yes'"):
        read_census_crosswalk(path)
    path.write_text(CENSUS_HEADER + "5,Chief Executives,Y,11-1011.00,none\n")
    with pytest.raises(DataFormatError, match=r"column 'cps_code': cps_code must be a four-digit Census 2018 OCC "
                                              r"code \(like '0010'\), got 'none'"):
        read_census_crosswalk(path)


def test_registered_census_crosswalk_written_back_by_r_reads_identical(shared_data, tmp_path):
    registered = shared_data / "crosswalks" / "onet_to_census_occ2018.csv"
    cells = pd.read_csv(registered, dtype=str, keep_default_na=False)
    path = tmp_path / "onet_to_census_occ2018.csv"
    cells.replace("", "NA").to_csv(path, index=False)  # readr::write_csv(na = "NA")
    pd.testing.assert_frame_equal(read_census_crosswalk(path), read_census_crosswalk(registered))


def test_validate_file_census_crosswalk_written_by_r(tmp_path, capsys):
    path = tmp_path / "census.csv"
    path.write_text(CENSUS_HEADER + "5,Chief Executives,Y,11-1011.00,0010\n"
                    'NA,"Plant and System Operators, All Other",NA,51-8099.00,NA\n')
    code, out, err = cli(capsys, "validate", "--file", "census_crosswalk", path)
    assert code == 0, err
    assert "Data-level" not in out + err


# 2. a crosswalk frame mapping an O*NET-SOC code to another SOC code ------------------------------

TASKS = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.03", "13-1021.00"], "task_id": [1, 2, 3],
                      "label": ["E1", "E0", "E2"], "alpha": [1.0, 0.0, 0.0], "beta": [1.0, 0.0, 0.5],
                      "gamma": [1.0, 0.0, 1.0]})
SHIFTED = crosswalk(soc_code=["11-1011", "11-1011", "11-1011"])  # the buyers put under the CEOs
SHIFTED_MESSAGE = ("onet_to_soc, row 3, column 'soc_code': '11-1011' is not the SOC code of '13-1021.00' (its first "
                   "seven characters, '13-1021'): a shifted row, or a code of another SOC vintage (O*NET-SOC 2019 "
                   "codes expected)?")


@pytest.mark.parametrize("call", [
    lambda xw: to_soc(occupation_scores(), xw, employment()),
    lambda xw: onet_to_oews(occupation_scores(), xw, ["11-1011", "13-1020"]),
    lambda xw: rollup(TASKS, xw, employment(), weights="equal"),
], ids=["to_soc", "onet_to_oews", "rollup"])
def test_crosswalk_frame_with_another_soc_code_is_refused(call):
    with pytest.raises(DataFormatError) as info:
        call(SHIFTED)  # before: 11-1011 beta 0.3667 (the buyers' 0.3 averaged in), without a word
    assert str(info.value) == SHIFTED_MESSAGE


def test_to_soc_refuses_a_shifted_crosswalk_and_reads_its_own_codes_as_before():
    with pytest.raises(DataFormatError, match="is not the SOC code of '13-1021.00'"):
        to_soc(occupation_scores(), SHIFTED.iloc[::-1], employment())
    soc = to_soc(occupation_scores(), crosswalk(), employment()).set_index("soc_code")
    assert soc.loc["11-1011", "beta"] == pytest.approx(0.4)
    assert soc.loc["13-1020", "beta"] == pytest.approx(0.3)
    # a row repeated as it is still counts once
    again = to_soc(occupation_scores(), pd.concat([crosswalk(), crosswalk().iloc[:1]]), employment())
    pd.testing.assert_frame_equal(again, soc.reset_index())


# 3. an OEWS aggregate beside a code it holds in to_census_occ ------------------------------------

AGG_XW = pd.DataFrame({"onetsoc_code": ["21-1011.00", "21-1014.00", "21-1012.00"],
                       "census_occ": ["2011", "2014", "2012"]})
AGG_EMP = pd.DataFrame({"soc_code": ["21-1018", "21-1012"], "tot_emp": [300.0, 100.0]})


def test_census_scores_with_an_aggregate_beside_its_code_are_refused():
    scores = pd.DataFrame({"soc_code": ["21-1018", "21-1011", "21-1012"], "beta": [0.2, 0.9, 0.5]})
    with pytest.raises(DataFormatError) as info:
        # before: 2011 took 0.9 (weight 0) and 2014 0.2 with all 300 workers, 21-1011's included
        to_census_occ(scores, AGG_XW, AGG_EMP)
    assert str(info.value) == (
        "scores, row 2, column 'soc_code': '21-1011' is in '21-1018' (row 1), an OEWS aggregate, and both are in "
        "the scores: the aggregate's value holds the code's workers too, so which value its O*NET-SOC codes take "
        "is not known; give the aggregate or its codes, not both (scores by OEWS code, such as "
        "exposure.load('soc'), give each occupation once)")
    # the aggregate alone, or a code it holds alone, as before
    got = to_census_occ(scores.iloc[[0, 2]], AGG_XW, AGG_EMP).set_index("census_occ")
    assert got["beta"].tolist() == [0.2, 0.5, 0.2]
    assert got["tot_emp"].tolist() == [150.0, 100.0, 150.0]


# 4. a tot_emp column of O*NET-SOC scores ------------------------------------------------------

def test_census_scores_tot_emp_without_soc_code_is_warned_of(caplog):
    xw = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.03"], "census_occ": ["0010", "0010"]})
    scores = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.03"], "beta": [0.2, 0.6]})
    plain = to_census_occ(scores, xw)
    with caplog.at_level(logging.WARNING, logger="exposure"):
        got = to_census_occ(scores.assign(tot_emp=[900.0, 100.0]), xw)
    pd.testing.assert_frame_equal(got, plain)  # the column is not used, as before
    assert _warnings(caplog) == [
        "scores have a tot_emp column but no soc_code, so it is not used: the O*NET-SOC codes are weighted by the "
        "OEWS May 2025 employment of their OEWS codes (soc_scores); to weigh by counts of your own, give "
        "employment= (soc_code, tot_emp of the OEWS codes)"]
    # following the advice weighs by those counts
    own = to_census_occ(scores, xw, pd.DataFrame({"soc_code": ["11-1011"], "tot_emp": [1000.0]}))
    assert own["tot_emp"].tolist() == [1000.0]


# 5. Census codes that lost their leading zeros, given as text -------------------------------------

CENSUS_ROWS = [("5", "Chief Executives", "Y", "11-1011.00", "0010"),
               ("5", "Chief Sustainability Officers", "Y", "11-1011.03", "0010"),
               ("4", "Buyers and Purchasing Agents, Farm Products", "Y", "13-1021.00", "0510"),
               ("", "Plant and System Operators, All Other", "", "51-8099.00", "")]


@pytest.mark.parametrize("saved, advice", [
    (lambda code: code.lstrip("0"), "dtype=str)); if the file itself lost them (a CSV saved by a spreadsheet), "
                                    "pad the codes to four digits: crosswalk['census_occ'].str.zfill(4)"),
    (lambda code: f"{int(code)}.0" if code else "", r"e.g. crosswalk['census_occ'].str.replace(r'\.0*$', '', "
                                                     "regex=True).str.zfill(4))"),
], ids=["spreadsheet", "numbers written back"])
def test_census_codes_that_lost_their_zeros_are_told_how_to_pad(tmp_path, saved, advice):
    path = tmp_path / "onet_to_census_occ2018.csv"
    pd.DataFrame([(*row[:4], saved(row[4])) for row in CENSUS_ROWS],
                 columns=CENSUS_HEADER.strip().split(",")).to_csv(path, index=False)
    scores = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.03", "13-1021.00"], "beta": [0.2, 0.6, 0.5]})
    emp = pd.DataFrame({"soc_code": ["11-1011", "13-1020"], "tot_emp": [100.0, 50.0]})
    xw = pd.read_csv(path, dtype=str).rename(columns={"Code": "onetsoc_code", "cps_code": "census_occ"})
    with pytest.raises(DataFormatError) as info:
        to_census_occ(scores, xw, emp)  # before: "read the column as text, e.g. pd.read_csv(..., dtype=str)"
    assert str(info.value).startswith("crosswalk, row 1, column 'census_occ': not a 4-digit Census code "
                                      "(like '0010'): ")
    assert str(info.value).endswith(advice)
    code = re.search(r"(crosswalk\[.*zfill\(4\))", advice)[1]
    padded = xw.assign(census_occ=eval(code, {"crosswalk": xw}))  # following the advice works
    good = pd.DataFrame([(row[3], row[4]) for row in CENSUS_ROWS], columns=["onetsoc_code", "census_occ"])
    pd.testing.assert_frame_equal(to_census_occ(scores, padded, emp), to_census_occ(scores, good, emp))
