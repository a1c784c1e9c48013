"""Round 36: crosswalks of a new release or of a user, and release strings (crosswalks, releases).

1. A code cell with a leading apostrophe (a spreadsheet's mark for text: ``'11-1011.00``,
   ``'0010``, ``'0110``) in the O*NET-SOC, Census, SOC 2010 -> ISCO-08 and ISCO groups
   files: refused as "must be a ... code, got "'0110"" without saying why. Now says to
   remove the apostrophe.
2. A code with a dash that is not the hyphen-minus (``11–1011.00`` with an en dash, pasted
   from a document): refused as a malformed code without saying why. Now names the dash.
3. ``2019_to_SOC_Crosswalk.xlsx`` giving one SOC 2018 code two different ``2018 SOC Title``
   (a shifted row, a code typed wrong): read without a word, both titles kept. Now refused,
   naming both rows and the column.
4. ``2010_to_2018_SOC_Crosswalk.xlsx`` whose split rows (one O*NET-SOC 2010 code, several
   SOC 2018 codes) give the 2010 code two titles: read without a word. Now refused, naming
   both rows and the column.
5. ``2-6 digit_2022_Codes.xlsx`` with a NAICS code saved as a number (``111110.0``) or with
   an apostrophe: pandera's words with the regex (``naics must match the pattern
   ^([0-9]{2}-[0-9]{2}|[0-9]{2,6})\\Z``) plus failures of a computed column ``level`` the file
   does not have. Now one line naming the file's column and what a NAICS code looks like.
6. A blank cell of ``soc10_isco08.csv``: "isco08 must be a four-digit ISCO-08 unit group
   (like 1112), got ''". Now "isco08 is blank".
7. An O*NET release written with spaces, a non-breaking space, a prefix (``O*NET 31.0``,
   ``v31.0``, ``29_1`` as in the archive name) or full-width digits, and an OEWS release
   written ``May 2025``, ``M2025``, `` 2025`` or ``2025.0``: refused as "not of the form
   MAJOR.MINOR" / "not a year such as 2025" without saying what to write. Now says it
   (``write '31.0'``, ``write 2025``); ``exposure sources --releases`` lists OEWS releases
   as ``May 2025``, which the check refuses.
8. A lock file line whose name holds a release with a space, a non-breaking space or
   full-width digits (``onet/31.0\\u00a0/Job Zones.txt``): read as a pin of a file nobody
   asks for, left out of :func:`exposure.releases.releases_frame` without a word. Now
   refused, naming the lock file, the row and the column ``name``.

Tiny made-up files in the real formats, written by the tests.
"""

from __future__ import annotations

import pytest
from _frames import write_text as _write
from _frames import write_xlsx as _xlsx

from exposure import crosswalks, releases
from exposure.errors import DataFormatError, ExposureError

ONET_SOC_HEADER = ["O*NET-SOC 2019 Code", "O*NET-SOC 2019 Title", "2018 SOC Code", "2018 SOC Title"]
SOC_2010_HEADER = ["O*NET-SOC 2010 Code", "O*NET-SOC 2010 Title", "2018 SOC Code", "2018 SOC Title"]
CENSUS_HEADER = "Job Zone,Occupation,Data-level,Code,cps_code\n"
ISCO_HEADER = "conceptType,code,preferredLabel,description\n"
NAICS_HEADER = ["Seq. No.", "2022 NAICS US   Code", "2022 NAICS US Title"]
APOSTROPHE = "a leading apostrophe (a spreadsheet's mark for text)? remove it"


# 1. a leading apostrophe -------------------------------------------------------------------

def test_onet_to_soc_code_with_an_apostrophe_says_so(tmp_path):
    path = _xlsx(tmp_path, "x.xlsx", [ONET_SOC_HEADER, ["'11-1011.00", "CE", "11-1011", "CE"]])
    with pytest.raises(DataFormatError) as info:
        crosswalks.read_onet_to_soc(path)
    assert str(info.value).endswith(
        "x.xlsx, row 2, column 'O*NET-SOC 2019 Code': O*NET-SOC 2019 Code must be an O*NET-SOC 2019 code (like "
        f"11-1011.03), got \"'11-1011.00\": {APOSTROPHE}")


def test_census_code_with_an_apostrophe_says_so(tmp_path):
    path = _write(tmp_path, "census.csv", CENSUS_HEADER + "5,CE,Y,11-1011.00,'0010\n")
    with pytest.raises(DataFormatError, match=r"census.csv, row 2, column 'cps_code': cps_code must be a four-digit "
                                              r"Census 2018 OCC code \(like '0010'\), got \"'0010\": a leading "
                                              r"apostrophe"):
        crosswalks.read_census_crosswalk(path)


@pytest.mark.parametrize("row, column", [("551011,'0110", "isco08"), ("'55-1011,0110", "soc10")])
def test_soc10_isco08_code_with_an_apostrophe_says_so(tmp_path, row, column):
    path = _write(tmp_path, "soc10_isco08.csv", f"soc10,isco08\n111011,1112\n{row}\n")
    with pytest.raises(DataFormatError, match=rf"soc10_isco08.csv, row 3, column '{column}': .*a leading apostrophe"):
        crosswalks.read_soc10_isco08(path)


def test_isco_group_code_with_an_apostrophe_says_so(tmp_path):
    path = _write(tmp_path, "ISCOGroups_en.csv", ISCO_HEADER + "ISCOGroup,'0110,Officers,d\n")
    with pytest.raises(DataFormatError, match=r"ISCOGroups_en.csv, row 2, column 'code': .*got \"'0110\": a leading "
                                              r"apostrophe"):
        crosswalks.read_isco_groups(path)


# 2. a dash that is not the hyphen ----------------------------------------------------------

@pytest.mark.parametrize("dash", ["\u2013", "\u2011", "\u2212"])
def test_census_code_with_another_dash_names_it(tmp_path, dash):
    path = _write(tmp_path, "census.csv", CENSUS_HEADER + f"5,CE,Y,11{dash}1011.00,0010\n")
    with pytest.raises(DataFormatError) as info:
        crosswalks.read_census_crosswalk(path)
    message = str(info.value)
    assert "census.csv, row 2, column 'Code': Code must be an O*NET-SOC 2019 code" in message
    assert f"U+{ord(dash):04X}, a dash that is not the hyphen '-'" in message


def test_onet_to_soc_soc_code_with_an_en_dash_names_it(tmp_path):
    path = _xlsx(tmp_path, "x.xlsx", [ONET_SOC_HEADER, ["11-1011.00", "CE", "11\u20131011", "CE"]])
    with pytest.raises(DataFormatError, match=r"x.xlsx, row 2, column '2018 SOC Code': .*U\+2013, a dash that is "
                                              r"not the hyphen '-'.*write '11-1011'"):
        crosswalks.read_onet_to_soc(path)


def test_soc10_code_with_an_en_dash_names_it(tmp_path):
    path = _write(tmp_path, "soc10_isco08.csv", "soc10,isco08\n11\u20131011,1112\n")
    with pytest.raises(DataFormatError, match=r"row 2, column 'soc10': .*U\+2013, a dash that is not the hyphen"):
        crosswalks.read_soc10_isco08(path)


# 3. one SOC code, two SOC titles ----------------------------------------------------------

def test_onet_to_soc_one_soc_code_with_two_titles_is_refused(tmp_path):
    path = _xlsx(tmp_path, "x.xlsx", [ONET_SOC_HEADER,
                                      ["11-1011.00", "Chief Executives", "11-1011", "Chief Executives"],
                                      ["11-1011.03", "Chief Sustainability Officers", "11-1011",
                                       "Chief Sustainability Officers"]])
    with pytest.raises(DataFormatError) as info:
        crosswalks.read_onet_to_soc(path)
    assert str(info.value) == (
        f"{path}, row 3, column '2018 SOC Title': 2018 SOC Title 'Chief Sustainability Officers' of the SOC 2018 "
        "code '11-1011' differs from its title on row 2, 'Chief Executives': a shifted row or a code typed wrong? "
        "give each code one title")


def test_onet_to_soc_same_title_in_other_case_or_spacing_reads(tmp_path):
    path = _xlsx(tmp_path, "x.xlsx", [ONET_SOC_HEADER,
                                      ["11-1011.00", "Chief Executives", "11-1011", "Chief Executives"],
                                      ["11-1011.03", "CSO", "11-1011", "chief  executives"]])
    assert crosswalks.read_onet_to_soc(path)["soc_code"].tolist() == ["11-1011", "11-1011"]


# 4. split codes of the SOC 2010 -> 2018 crosswalk with two titles ------------------------------

def test_soc_2010_split_code_with_two_titles_is_refused(tmp_path):
    path = _xlsx(tmp_path, "x.xlsx", [SOC_2010_HEADER,
                                      ["15-1132.00", "Software Developers, Applications", "15-1252", "SD"],
                                      ["15-1132.00", "Software Developers, Systems Software", "15-1253", "SQA"]])
    with pytest.raises(DataFormatError, match=r"x.xlsx, row 3, column 'O\*NET-SOC 2010 Title': O\*NET-SOC 2010 "
                                              r"Title 'Software Developers, Systems Software' of the O\*NET-SOC "
                                              r"2010 code '15-1132.00' differs from its title on row 2"):
        crosswalks.read_soc_2010_to_2018(path)


def test_soc_2010_split_code_with_one_title_still_reads(tmp_path):
    path = _xlsx(tmp_path, "x.xlsx", [SOC_2010_HEADER,
                                      ["15-1132.00", "Software Developers", "15-1252", "SD"],
                                      ["15-1132.00", "Software Developers", "15-1253", "SQA"]])
    assert crosswalks.read_soc_2010_to_2018(path)["soc_code"].tolist() == ["15-1252", "15-1253"]


# 5. a NAICS code saved as a number ----------------------------------------------------------

@pytest.mark.parametrize("code, hint", [("111110.0", "a number?"), ("'111120", "a leading apostrophe"),
                                        ("1111200", "")])
def test_naics_code_not_a_code_is_one_line(tmp_path, code, hint):
    path = _xlsx(tmp_path, "n.xlsx", [NAICS_HEADER, [1, "11", "Agriculture"], [2, code, "Soybean Farming"]])
    with pytest.raises(DataFormatError) as info:
        crosswalks.read_naics_titles(path)
    message = str(info.value)
    assert message.startswith(f"{path}, row 3, column '2022 NAICS US   Code': 2022 NAICS US   Code must be a NAICS "
                              f"code of 2 to 6 digits (like 311, or a sector range like 31-33), got {code!r}")
    assert hint in message
    assert "level" not in message and "str_matches" not in message


def test_naics_good_codes_still_read(tmp_path):
    path = _xlsx(tmp_path, "n.xlsx", [NAICS_HEADER, [1, "31-33", "Manufacturing"], [2, 311, "Food"]])
    assert crosswalks.read_naics_titles(path)["naics"].tolist() == ["31-33", "311"]


# 6. a blank cell of soc10_isco08 --------------------------------------------------------------

@pytest.mark.parametrize("row, column", [("111011,", "isco08"), (",1112", "soc10")])
def test_soc10_isco08_blank_cell_says_blank(tmp_path, row, column):
    path = _write(tmp_path, "soc10_isco08.csv", f"soc10,isco08\n111012,1112\n{row}\n")
    with pytest.raises(DataFormatError, match=rf"soc10_isco08.csv, row 3, column '{column}': {column} is blank: give"):
        crosswalks.read_soc10_isco08(path)


# 7. release strings ------------------------------------------------------------------------------

@pytest.mark.parametrize("given, meant", [(" 31.0", "31.0"), ("31.0\n", "31.0"), ("31\u00a0.0", "31.0"),
                                          ("O*NET 31.0", "31.0"), ("v31.0", "31.0"), ("29_1", "29.1"),
                                          ("\uff13\uff11.\uff10", "31.0"), ("31,0", "31.0")])
def test_onet_release_written_otherwise_says_what_to_write(given, meant):
    with pytest.raises(ExposureError, match=rf"is not of the form MAJOR.MINOR \(e.g. 29.1, 31.0\): write '{meant}'$"):
        releases.check_onet_release(given)


# round 78: "31" left this list; a major release alone is told its minor number
# ("...: write it with its minor number, such as '31.0'", tests/unit/test_faults_round78_fetch3.py)
@pytest.mark.parametrize("given", ["31.0.1", "thirty-one", "31.10"])
def test_onet_release_of_no_form_says_no_more(given):
    with pytest.raises(ExposureError, match=r"is not of the form MAJOR.MINOR \(e.g. 29.1, 31.0\)$"):
        releases.check_onet_release(given)


@pytest.mark.parametrize("given", ["May 2025", "M2025", " 2025", 2025.0, "\uff12\uff10\uff12\uff15", "may2025"])
def test_oews_release_written_otherwise_says_what_to_write(given):
    with pytest.raises(ExposureError, match=r"is not a year such as 2025: write 2025$"):
        releases.check_oews_release(given)


def test_oews_release_listed_by_releases_frame_is_explained():
    listed = releases.releases_frame().query("kind == 'oews'")["release"].iloc[0]
    year = listed.removeprefix("May ")
    with pytest.raises(ExposureError, match=rf"write {year}$"):
        releases.check_oews_release(listed)


# 8. a lock line whose release has a space or other digits ---------------------------------------

LOCK_HEADER = "name\tsize\tsha256\turl\tmember\n"
URL = "https://www.onetcenter.org/dl_files/database/db_31_0_text.zip"


@pytest.mark.parametrize("name, meant", [("onet/31.0\u00a0/Job Zones.txt", "onet/31.0/Job Zones.txt"),
                                         ("onet/ 31.0/Job Zones.txt", "onet/31.0/Job Zones.txt"),
                                         ("onet/\uff13\uff11.0/Job Zones.txt", "onet/31.0/Job Zones.txt"),
                                         ("oews/national_M\uff12\uff10\uff12\uff16_dl.xlsx",
                                          "oews/national_M2026_dl.xlsx")])
def test_lock_name_with_a_release_written_otherwise_is_refused(tmp_path, name, meant):
    lock = tmp_path / "exposure.lock"
    good = f"onet/31.0/Task Statements.txt\t3\t{'b' * 64}\t{URL}\tdb_31_0_text/Task Statements.txt\n"
    lock.write_text(LOCK_HEADER + good + f"{name}\t3\t{'a' * 64}\t{URL}\tdb_31_0_text/Job Zones.txt\n",
                    encoding="utf-8")
    with pytest.raises(DataFormatError) as info:
        releases.Lock(lock).entries()
    assert str(info.value).startswith(f"{lock}, row 3, column 'name': the name {name!r} ")
    assert str(info.value).endswith(f": write {meant!r}")
    with pytest.raises(DataFormatError, match="row 3, column 'name'"):
        releases.releases_frame(releases.Lock(lock))


def test_lock_of_good_names_still_reads(tmp_path):
    lock = tmp_path / "exposure.lock"
    lock.write_text(LOCK_HEADER + f"onet/31.0/Job Zones.txt\t3\t{'a' * 64}\t{URL}\tdb_31_0_text/Job Zones.txt\n"
                    f"my own file.csv\t3\t{'c' * 64}\thttps://example.org/f.csv\t\n", encoding="utf-8")
    assert sorted(releases.Lock(lock).entries()) == ["my own file.csv", "onet/31.0/Job Zones.txt"]
