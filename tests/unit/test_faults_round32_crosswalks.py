"""Round 32: crosswalk files and mappings (``exposure.crosswalks``).

1. ``SOC_Structure.xlsx`` with a code in the column of another level (an O*NET-SOC code
   under ``Detailed Occupation``, a major group under ``Minor Group``, a broad group under
   ``Detailed Occupation``) or a malformed one: refused in pandera's words naming the
   frame's columns ``detailed_code`` / ``major_code`` / ``soc_code``, which the file does
   not have (``check not_nullable: nan``), or as a code "on row 4 and again on row 5".
   Now the file's column and what a code of that level looks like (the SOC coding rules).
2. A SOC code that a spreadsheet read as a date (``11-2011`` became 1 November 2011) or
   saved as a number (``111011``) in ``2019_to_SOC_Crosswalk.xlsx``,
   ``2010_to_2018_SOC_Crosswalk.xlsx``, ``SOC_Structure.xlsx`` or ``soc10_isco08``:
   ``check str_matches('^[0-9]{2}-[0-9]{4}\\Z'): '2011-11-01T00:00:00'`` (or no hint at
   all). Now says a code is expected and that it was read as a date / saved as a number.
3. A malformed O*NET-SOC code in the O*NET-SOC and Census crosswalks (``11-1011`` under
   ``Code`` of ``onet_to_census_occ2018.csv``): pandera's ``OnetToCensus validation
   failed ... check str_matches(...)``. Now says what is expected.
4. ``ISCOGroups_en.csv`` with a code that is not 1-4 digits (``110.0``: saved as a
   number; ``01A0``): pandera's words plus a second failure on the computed ``level``
   (``less_than_or_equal_to(4): 5``), a column the file does not have. Now one line.
5. ``onet_to_soc_map`` given a frame mapping an O*NET-SOC code to a SOC code that is not
   its own (``11-1011.03`` -> ``11-1021``: a shifted column, or O*NET-SOC 2010 codes):
   mapped as it stood, without a word (``read_onet_to_soc`` refuses it in the file).
6. ``soc_broad_group`` of a major or minor group (``13-0000``, ``13-1000``): returned the
   code itself as its "broad group".

Tiny made-up files in the real formats, written by the tests.
"""

from __future__ import annotations

import datetime

import pandas as pd
import pytest
from _frames import write_text as _write
from _frames import write_xlsx as _xlsx

from exposure import crosswalks
from exposure.errors import DataFormatError

STRUCTURE_HEADER = ["Major Group", "Minor Group", "Broad Occupation", "Detailed Occupation",
                    "Detailed O*NET-SOC", "SOC or O*NET-SOC 2019 Title"]
STRUCTURE_TOP = [["11-0000", None, None, None, None, "Management Occupations"],
                 [None, "11-1000", None, None, None, "Top Executives"],
                 [None, None, "11-1010", None, None, "Chief Executives"]]
ONET_SOC_HEADER = ["O*NET-SOC 2019 Code", "O*NET-SOC 2019 Title", "2018 SOC Code", "2018 SOC Title"]
SOC_2010_HEADER = ["O*NET-SOC 2010 Code", "O*NET-SOC 2010 Title", "2018 SOC Code", "2018 SOC Title"]
CENSUS_HEADER = "Job Zone,Occupation,Data-level,Code,cps_code\n"
ISCO_HEADER = "conceptType,code,preferredLabel,description\n"
NOV_2011 = datetime.datetime(2011, 11, 1)


# 1. a code of the SOC structure in another level's column ---------------------------------

@pytest.mark.parametrize("row, column, said", [
    ([None, None, None, "11-1011.03", None, "CSO"], "Detailed Occupation",
     "must be a detailed code (like 11-1011), got '11-1011.03'"),
    ([None, None, None, "11-1010", None, "CE"], "Detailed Occupation",
     "must be a detailed code (like 11-1011), got '11-1010'"),
    ([None, "11-0000", None, None, None, "M"], "Minor Group",
     "must be a minor group code (like 11-1000), got '11-0000'"),
    ([None, None, "11-1000", None, None, "T"], "Broad Occupation",
     "must be a broad group code (like 11-1010), got '11-1000'"),
    ([None, None, None, "11-101", None, "CE"], "Detailed Occupation",
     "must be a detailed code (like 11-1011), got '11-101'"),
])
def test_structure_code_of_another_level_names_the_file_column(tmp_path, row, column, said):
    path = _xlsx(tmp_path, "s.xlsx", [STRUCTURE_HEADER, *STRUCTURE_TOP, row])
    with pytest.raises(DataFormatError) as info:
        crosswalks.read_soc_structure(path)
    message = str(info.value)
    assert f"s.xlsx, row 5, column '{column}': {column} {said}" in message
    assert "validation failed" not in message and "again on row" not in message


def test_structure_major_group_out_of_form_is_named(tmp_path):
    path = _xlsx(tmp_path, "s.xlsx", [STRUCTURE_HEADER, ["11-1000", None, None, None, None, "M"]])
    with pytest.raises(DataFormatError, match=r"s.xlsx, row 2, column 'Major Group': Major Group must be a "
                                              r"major group code \(like 11-0000\), got '11-1000'$"):
        crosswalks.read_soc_structure(path)


def test_good_structure_still_reads(tmp_path):
    path = _xlsx(tmp_path, "s.xlsx", [STRUCTURE_HEADER, *STRUCTURE_TOP,
                                      [None, None, None, "11-1011", None, "CE"],
                                      [None, None, None, None, "11-1011.03", "CSO"]])
    assert crosswalks.read_soc_structure(path)["level"].tolist() == ["major", "minor", "broad", "detailed", "onet"]


# 2. a SOC code read as a date or saved as a number -------------------------------------------

def test_onet_to_soc_code_read_as_a_date_is_explained(tmp_path):
    path = _xlsx(tmp_path, "x.xlsx", [ONET_SOC_HEADER, ["11-2011.00", "Advertising Managers", NOV_2011, "A"]])
    with pytest.raises(DataFormatError, match=r"x.xlsx, row 2, column '2018 SOC Code': 2018 SOC Code must be a "
                                              r"SOC 2018 code \(like 11-1011\), got '2011-11-01T00:00:00': a date\? "
                                              r"a spreadsheet read the code 11-2011 as one"):
        crosswalks.read_onet_to_soc(path)


def test_soc_2010_to_2018_code_saved_as_a_number_is_explained(tmp_path):
    path = _xlsx(tmp_path, "x.xlsx", [SOC_2010_HEADER, ["11-1011.00", "Chief Executives", 111011, "CE"]])
    with pytest.raises(DataFormatError, match=r"x.xlsx, row 2, column '2018 SOC Code': 2018 SOC Code must be a "
                                              r"SOC 2018 code \(like 11-1011\), got '111011': a code saved as a number\? "
                                              r"write it as text with its hyphen: '11-1011'"):
        crosswalks.read_soc_2010_to_2018(path)


def test_structure_code_read_as_a_date_is_explained(tmp_path):
    path = _xlsx(tmp_path, "s.xlsx", [STRUCTURE_HEADER, *STRUCTURE_TOP, [None, None, None, NOV_2011, None, "A"]])
    with pytest.raises(DataFormatError, match=r"s.xlsx, row 5, column 'Detailed Occupation': .*got "
                                              r"'2011-11-01T00:00:00': a date\? a spreadsheet read the code 11-2011"):
        crosswalks.read_soc_structure(path)


def test_soc10_code_read_as_a_date_is_explained(tmp_path):
    path = _xlsx(tmp_path, "soc10_isco08.xlsx", [["soc10", "isco08"], [NOV_2011, "1221"]])
    with pytest.raises(DataFormatError, match=r"row 2, column 'soc10': .*got '2011-11-01T00:00:00': a date\?"):
        crosswalks.read_soc10_isco08(path)


# 3. a malformed O*NET-SOC code -----------------------------------------------------------------

def test_census_crosswalk_malformed_onet_code_says_what_is_expected(tmp_path):
    path = _write(tmp_path, "census.csv", CENSUS_HEADER + "5,Chief Executives,Y,11-1011,0010\n")
    with pytest.raises(DataFormatError) as info:
        crosswalks.read_census_crosswalk(path)
    message = str(info.value)
    assert ("census.csv, row 2, column 'Code': Code must be an O*NET-SOC 2019 code (like 11-1011.00), "
            "got '11-1011'") in message
    assert "str_matches" not in message


def test_soc_2010_to_2018_malformed_onet_code_says_what_is_expected(tmp_path):
    path = _xlsx(tmp_path, "x.xlsx", [SOC_2010_HEADER, ["11-1011", "Chief Executives", "11-1011", "CE"]])
    with pytest.raises(DataFormatError, match=r"x.xlsx, row 2, column 'O\*NET-SOC 2010 Code': O\*NET-SOC 2010 "
                                              r"Code must be an O\*NET-SOC 2010 code \(like 11-1011.00\), "
                                              r"got '11-1011'$"):
        crosswalks.read_soc_2010_to_2018(path)


# 4. an ISCO-08 group code that is not 1-4 digits -------------------------------------------------

@pytest.mark.parametrize("code, hint", [("110.0", ": a number?"), ("01A0", "")])
def test_isco_group_code_not_digits_is_one_line(tmp_path, code, hint):
    path = _write(tmp_path, "isco.csv", ISCO_HEADER + f"ISCOGroup,{code},Officers,d\n")
    with pytest.raises(DataFormatError) as info:
        crosswalks.read_isco_groups(path)
    message = str(info.value)
    assert (f"isco.csv, row 2, column 'code': code must be an ISCO-08 code of 1 to 4 digits (like 0110), "
            f"got {code!r}{hint}") in message
    assert "less_than_or_equal_to" not in message and "str_matches" not in message


# 5. onet_to_soc_map with a SOC code not its own -------------------------------------------------

def test_onet_to_soc_map_refuses_a_soc_code_not_its_own():
    frame = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.03"], "soc_code": ["11-1011", "11-1021"]})
    with pytest.raises(DataFormatError, match=r"^crosswalk, row 2, column 'soc_code': '11-1021' is not the SOC "
                                              r"code of '11-1011.03' \(its first seven characters, '11-1011'\)"):
        crosswalks.onet_to_soc_map(frame)


# 6. soc_broad_group of a major or minor group ----------------------------------------------------

@pytest.mark.parametrize("code", ["13-0000", "13-1000", "15-1200"])
def test_soc_broad_group_refuses_a_major_or_minor_group(code):
    with pytest.raises(DataFormatError, match=f"^'{code}' is a major or minor group, which has no broad group"):
        crosswalks.soc_broad_group(code)
