"""Fault round 61: crosswalks (``exposure.crosswalks``) and the Census occupation roll-up.

Found in this round (each test fails on the code before the fix):

1. :func:`exposure.crosswalks.oews_code_map` given the OEWS codes of every level (the
   ``OCC_CODE`` of an OEWS table whose ``O_GROUP`` major, minor and broad rows were kept,
   as ``oews["OCC_CODE"]`` of a national file gives them) mapped the detailed codes of the
   OEWS aggregates to their broad group (``21-1011`` -> ``21-1010``, ``how`` ``broad``;
   13 codes of the registered crosswalk) instead of the aggregate that publishes them
   (``21-1018``), without a word: the broad group's employment holds the other codes of
   the group, published on their own too. Now refused, naming both codes and positions:
   ``oews_codes holds '21-1010' (position 0), a SOC broad group, and '21-1011' (position
   2), which it holds: the OEWS codes of every level ...? give the detailed codes only
   (O_GROUP 'detailed'), or a group or its codes, not both``.
2. :func:`exposure.rollup.to_census_occ` of scores by OEWS code (``soc_code``) giving a SOC
   group beside a code it holds (``13-1020`` and ``13-1021``) put the code's value on its
   O*NET-SOC code and the group's on the group's other codes, with the employment given
   beside them, without a word. Now refused before anything is computed, naming the
   scores' rows: ``scores, row 2, column 'soc_code': '13-1021' is in '13-1020' (row 1), a
   SOC broad group, and both are in the scores: ...``.
3. A CSV crosswalk saved semicolon-separated (a spreadsheet in a European locale) or
   tab-separated, a field holding a comma (the Census titles ``Plant and System
   Operators, All Other``, the ISCO descriptions), was refused as ``row 2: too many
   fields: expected 1, got 2 (an unquoted comma inside a field?)``, which says nothing of
   the separator (also by ``exposure validate --file census_crosswalk``). Now: ``row 1:
   the header holds ';' and no ',': the file looks semicolon-separated (Excel's CSV in
   some European settings); the file is read comma-separated, as published: save it as
   'CSV UTF-8 (comma delimited)'``.
4. The crosswalk models of :mod:`exposure.schemas` (``OnetToSoc``, ``Soc2010To2018``,
   ``SocStructure``, ``IscoGroups``, ``NaicsTitles``), with which a crosswalk built by hand
   is checked (:func:`exposure.schemas.validate`), accepted what their readers refuse in a
   file: a blank title (``''``), an O*NET-SOC code mapped to a SOC code that is not its
   first seven characters (``11-1021.00`` -> ``11-1011``, which
   :func:`~exposure.rollup.to_soc` then averaged into ``11-1011`` without a word), a SOC
   2010 code that is not that of its O*NET-SOC 2010 code. Now refused, naming the row and
   column: ``column 'soc_code': soc_code is the first seven characters of onetsoc_code;
   got text '11-1011' (check own_soc)``, ``onetsoc_title must have at least 1 character,
   got text '' (check str_length)``.

5. :func:`exposure.measures.ilo.to_isco` of SOC scores giving a group beside a code it
   holds (``15-1250`` and ``15-1252``), refused by (1) as ``oews_codes holds ...``, an
   argument the caller never gave: now refused naming the scores' rows, ``soc_scores, row
   2, column 'soc_code': '15-1252' is in '15-1250' (row 1), a SOC broad group, and both
   are in the scores: ...`` (before this round: its workers counted twice, without a word).

Tiny made-up frames and files in the real formats, written by the tests.
"""

from __future__ import annotations

import pandas as pd
import pytest
from _frames import write_text
from test_faults_cli import cli, one_error_line

from exposure.crosswalks import (
    oews_code_map,
    read_census_crosswalk,
    read_isco_groups,
    read_onet_to_soc,
)
from exposure.errors import DataFormatError
from exposure.measures.ilo import to_isco
from exposure.rollup import to_census_occ
from exposure.schemas import (
    IscoGroups,
    NaicsTitles,
    OnetToSoc,
    Soc2010To2018,
    SocStructure,
    validate,
)

# 1. OEWS codes of every level ------------------------------------------------------------------

#: The OCC_CODE of an OEWS table of every level (total, major, minor, broad and detailed rows).
EVERY_LEVEL = ["00-0000", "21-0000", "21-1000", "21-1010", "21-1012", "21-1013", "21-1015", "21-1018",
               "21-1019"]


def test_oews_codes_of_every_level_are_refused():
    with pytest.raises(DataFormatError) as exc:
        oews_code_map(["21-1011", "21-1012", "21-1014"], EVERY_LEVEL)
    said = str(exc.value)
    assert "oews_codes holds '00-0000' (position 0), the all-occupations total, and '21-0000' (position 1)" in said
    assert "give the detailed codes only (O_GROUP 'detailed')" in said


def test_broad_row_beside_its_detailed_codes_is_refused():
    # before: 21-1011 -> 21-1010 (broad), not the aggregate 21-1018 that publishes it
    with pytest.raises(DataFormatError) as exc:
        oews_code_map(["21-1011", "21-1012"], ["21-1010", "21-1012", "21-1018"])
    assert ("oews_codes holds '21-1010' (position 0), a SOC broad group, and '21-1012' (position 1), which it "
            "holds") in str(exc.value)
    # OEWS publishes 13-1020 instead of its detailed codes, 21-1018 beside 21-1012: no code holds another
    out = oews_code_map(["13-1021", "21-1011", "21-1012"], ["13-1020", "21-1012", "21-1018"])
    assert out["occ_code"].tolist() == ["13-1020", "21-1018", "21-1012"]
    assert out["how"].tolist() == ["broad", "aggregate", "exact"]


def test_broad_group_with_a_soc_structure_is_the_structures():
    # the physicians 29-1221 ... are in 29-1210 (the structure says so too)
    structure = pd.DataFrame({"soc_code": ["29-1221"], "level": ["detailed"], "broad_code": ["29-1210"]})
    with pytest.raises(DataFormatError, match="'29-1210' .*a SOC broad group, and '29-1221'"):
        oews_code_map(["29-1221"], ["29-1210", "29-1221"], structure)


# 2. to_census_occ of scores by OEWS code holding a group and its code -------------------------

XW = pd.DataFrame({"onetsoc_code": ["13-1021.00", "13-1022.00", "13-1023.00"],
                   "census_occ": ["0510", "0520", "0530"]})
EMP = pd.DataFrame({"soc_code": ["13-1020"], "tot_emp": [300.0]})


def test_census_scores_with_a_group_and_its_code_are_refused():
    scores = pd.DataFrame({"soc_code": ["13-1020", "13-1021"], "beta": [0.2, 0.9]})
    # before: 0510 took 0.9, 0520 and 0530 took 0.2, each with 100 workers, without a word
    with pytest.raises(DataFormatError) as exc:
        to_census_occ(scores, XW, EMP)
    said = str(exc.value)
    assert said.startswith("scores, row 2, column 'soc_code': '13-1021' is in '13-1020' (row 1), a SOC broad "
                           "group, and both are in the scores")
    assert "give the group or its codes, not both" in said
    # the group alone rolls up as before
    out = to_census_occ(scores.iloc[:1], XW, EMP)
    assert out["beta"].tolist() == [0.2, 0.2, 0.2]
    assert out["tot_emp"].tolist() == [100.0, 100.0, 100.0]


def test_census_scores_with_a_major_group_are_refused_naming_the_scores():
    scores = pd.DataFrame({"soc_code": ["13-1021", "13-0000"], "beta": [0.9, 0.2]})
    with pytest.raises(DataFormatError, match=r"^scores, row 1, column 'soc_code': '13-1021' is in '13-0000' "
                                              r"\(row 2\), a SOC major group"):
        to_census_occ(scores, XW, EMP)


# 3. a CSV crosswalk saved with semicolons or tabs, a field holding a comma -------------------

CENSUS_SEMI = ("Job Zone;Occupation;Data-level;Code;cps_code\n"
               "5;Chief Executives;Y;11-1011.00;0010\n"
               ";Plant and System Operators, All Other;;51-8099.00;\n")
# (round 73: it said "save it as 'CSV UTF-8 (comma delimited)'", in which Excel writes ';' in such settings)
SEMICOLONS = ("the header holds ';' and no ',': the file looks semicolon-separated (Excel's CSV in some "
              "European settings); the file is read comma-separated, as published: open it in LibreOffice "
              "(separated by ';') and Save As 'Text CSV' with the character set 'Unicode (UTF-8)' and the "
              "field delimiter ',' (Excel writes ';' in its CSV where the list separator is ';', in 'CSV "
              "UTF-8 (comma delimited)' too)")


def test_semicolon_census_crosswalk_says_so(tmp_path):
    path = write_text(tmp_path, "census.csv", CENSUS_SEMI)
    # before: "census.csv, row 3: too many fields: expected 1, got 2 (an unquoted comma inside a field?)"
    with pytest.raises(DataFormatError) as exc:
        read_census_crosswalk(path)
    assert str(exc.value) == f"{path}, row 1: {SEMICOLONS}"
    # a comma file with an unquoted comma in a field is still told so
    path = write_text(tmp_path, "comma.csv", "Job Zone,Occupation,Data-level,Code,cps_code\n"
                                             "5,Chief Executives, Top,Y,11-1011.00,0010\n")
    with pytest.raises(DataFormatError, match="row 2: too many fields: expected 5, got 6"):
        read_census_crosswalk(path)


def test_tab_separated_census_crosswalk_says_so(tmp_path):
    path = write_text(tmp_path, "census.tsv", CENSUS_SEMI.replace(";", "\t"))
    with pytest.raises(DataFormatError, match="row 1: the header holds tabs and no ',': the file looks "
                                              "tab-separated"):
        read_census_crosswalk(path)


@pytest.mark.parametrize("reader, text", [
    (read_isco_groups, "conceptType;code;preferredLabel;description\n"
                       "ISCOGroup;0110;Commissioned armed forces officers;Officers, all ranks.\n"),
    (read_onet_to_soc, "O*NET-SOC 2019 Code;O*NET-SOC 2019 Title;2018 SOC Code;2018 SOC Title\n"
                       "11-9199.00;Managers, All Other;11-9199;Managers, All Other\n"),
])
def test_semicolon_crosswalks_say_so(tmp_path, reader, text):
    path = write_text(tmp_path, "x.csv", text)
    with pytest.raises(DataFormatError) as exc:
        reader(path)
    assert str(exc.value) == f"{path}, row 1: {SEMICOLONS}"


def test_semicolon_census_crosswalk_on_the_command_line(tmp_path, capsys):
    path = write_text(tmp_path, "onet_to_census_occ2018.csv", CENSUS_SEMI)
    code, _, err = cli(capsys, "validate", "--file", "census_crosswalk", path)
    line = one_error_line(err, command="validate")
    assert code == 2
    assert line.endswith(f"census_crosswalk: {path}, row 1: {SEMICOLONS}")


# 4. the crosswalk models refuse what their readers refuse ---------------------------------------

ONET_TO_SOC = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1021.00"],
                            "onetsoc_title": ["Chief Executives", "General and Operations Managers"],
                            "soc_code": ["11-1011", "11-1021"],
                            "soc_title": ["Chief Executives", "General and Operations Managers"]})


def test_onet_to_soc_model_refuses_a_soc_code_of_another_occupation():
    frame = ONET_TO_SOC.assign(soc_code=["11-1011", "11-1011"])  # a shifted row
    with pytest.raises(DataFormatError) as exc:
        validate(frame, OnetToSoc, path="xw.csv", row_offset=2)
    assert str(exc.value) == ("xw.csv, row 3, column 'soc_code': soc_code is the first seven characters of "
                              "onetsoc_code; got text '11-1011' (check own_soc)")
    assert validate(ONET_TO_SOC, OnetToSoc)["soc_code"].tolist() == ["11-1011", "11-1021"]


def test_soc_2010_model_refuses_a_soc_2010_code_of_another_occupation():
    frame = pd.DataFrame({"onetsoc_2010_code": ["15-1132.00"], "onetsoc_2010_title": ["Software Developers"],
                          "soc_2010_code": ["15-1133"], "soc_code": ["15-1252"], "soc_title": ["Software Developers"]})
    with pytest.raises(DataFormatError, match=r"row 2, column 'soc_2010_code': soc_2010_code is the first seven "
                                              r"characters of onetsoc_2010_code; got text '15-1133' "
                                              r"\(check own_soc_2010\)"):
        validate(frame, Soc2010To2018, path="x.csv", row_offset=2)


@pytest.mark.parametrize("model, frame, column", [
    (OnetToSoc, ONET_TO_SOC.assign(onetsoc_title=["Chief Executives", ""]), "onetsoc_title"),
    (OnetToSoc, ONET_TO_SOC.assign(soc_title=["", "General and Operations Managers"]), "soc_title"),
    (SocStructure, pd.DataFrame({"soc_code": ["11-0000"], "level": ["major"], "title": [""],
                                 "major_code": ["11-0000"], "minor_code": [None], "broad_code": [None],
                                 "detailed_code": [None]}), "title"),
    (IscoGroups, pd.DataFrame({"isco08_code": ["0110"], "level": [4], "isco_title": [""],
                               "description": [None]}), "isco_title"),
    (NaicsTitles, pd.DataFrame({"naics": ["311"], "naics_title": [""], "level": [3]}), "naics_title"),
])
def test_crosswalk_models_refuse_a_blank_title(model, frame, column):
    with pytest.raises(DataFormatError, match=f"column '{column}': {column} must have at least 1 character, "
                                              r"got text '' \(check str_length\)"):
        validate(frame, model, path="x.csv", row_offset=2)


# 5. to_isco of scores holding a group and its code ----------------------------------------------

def test_to_isco_names_the_scores_rows_of_a_group_and_its_code():
    links = pd.DataFrame({"source_code": ["15-1251", "15-1252"], "target_code": ["2512", "2512"],
                          "crosswalk_weight": [1.0, 1.0]})
    scores = pd.DataFrame({"soc_code": ["15-1250", "15-1252"], "beta": [0.5, 0.6], "tot_emp": [10.0, 5.0]})
    with pytest.raises(DataFormatError) as info:
        to_isco(scores, links=links)
    assert (info.value.path, info.value.row, info.value.column) == ("soc_scores", 2, "soc_code")
    assert "'15-1252' is in '15-1250' (row 1), a SOC broad group, and both are in the scores" in str(info.value)
