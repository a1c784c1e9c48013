"""Round 20: bad crosswalk files (``exposure.crosswalks``) and lock files (``exposure.releases.Lock``).

1. A key given twice in a crosswalk file (an O*NET-SOC code twice in
   ``onet_to_census_occ2018.csv`` or ``2019_to_SOC_Crosswalk.xlsx``, a SOC 2010 / ISCO-08
   pair twice, an ISCO or NAICS code twice, a SOC code twice in the structure): refused
   only with pandera's words (``check multiple_fields_uniqueness: '(the row)'``, no code
   and no column; the Census crosswalk named the first copy's row as the fault). Refused
   now naming the code, both rows and the column, as the O*NET and OEWS readers do.
2. A blank title cell (``Occupation`` of the Census crosswalk, an O*NET-SOC or SOC title,
   an ISCO ``preferredLabel``, a NAICS title, a title of the SOC structure): read as the
   title ``''`` without a word. Refused now, naming file, row and column.
3. ``soc10_isco08.csv`` with a three-digit ISCO-08 code other than the armed forces'
   ``110``/``210``/``310`` (``111``, a minor group): zero-padded into the code ``0111``,
   which ISCO-08 does not have, without a word. Refused now.
4. ``2019_to_SOC_Crosswalk.xlsx`` with a SOC code that is not the first seven characters
   of its O*NET-SOC code (an O*NET-SOC 2010 code such as ``15-1132.00`` mapped to
   ``15-1252``, a broad group ``11-1010`` or major group ``11-0000`` as the SOC code, a
   shifted row): read as it stood. Refused now.
5. ``SOC_Structure.xlsx`` with a code under a parent it does not belong to (a broad
   group's row missing, so that its detailed codes went to the broad group above; a code
   in another level's column; a minor group under another major group): read with the
   wrong parents, which ``oews_code_map`` then used. Refused now, naming the row and the
   parent. The physicians (``29-1221`` under ``29-1210``) still pass.
6. The Census crosswalk's ``cps_code`` with leading zeros lost (``10``, ``10.0``: the CSV
   saved by a spreadsheet): pandera's ``check str_matches('^[0-9]{4}\\Z'): '10'``. Now
   says a four-digit Census code is expected and that leading zeros were lost.
7. A lock file whose sha256 is upper-case hexadecimal: "sha256 must be 64 hexadecimal
   digits, got 'BA78...'" (it is 64 hexadecimal digits). Read now, in lower case, as
   :func:`exposure.fetch.verify` reads a digest in either case.
8. A lock file whose size is written in other digits than 0-9 (``³``): passed the check
   (``str.isdigit``) and raised ``ValueError: invalid literal for int()`` from
   ``source_for`` and ``releases_frame``. Refused now, naming row and column.
9. A lock file whose header has other columns (an unknown column, the columns in another
   order, a trailing tab): a bare ``ExposureError`` (not a ``DataFormatError``) with no row
   and no word on what the header holds. Now a ``DataFormatError`` naming the header's
   row and the columns that differ.

Tiny made-up files in the real formats, written by the tests.
"""

from __future__ import annotations

import pytest
from _frames import write_text as _write
from _frames import write_xlsx as _xlsx

from exposure import crosswalks
from exposure.errors import DataFormatError
from exposure.releases import Lock, releases_frame, source_for

CENSUS_HEADER = "Job Zone,Occupation,Data-level,Code,cps_code\n"
ONET_SOC_HEADER = ["O*NET-SOC 2019 Code", "O*NET-SOC 2019 Title", "2018 SOC Code", "2018 SOC Title"]
SOC_2010_HEADER = "O*NET-SOC 2010 Code,O*NET-SOC 2010 Title,2018 SOC Code,2018 SOC Title\n"
ISCO_HEADER = "conceptType,code,preferredLabel,description\n"
NAICS_HEADER = ["Seq. No.", "2022 NAICS US   Code", "2022 NAICS US Title"]
STRUCTURE_HEADER = ["Major Group", "Minor Group", "Broad Occupation", "Detailed Occupation",
                    "Detailed O*NET-SOC", "SOC or O*NET-SOC 2019 Title"]



def _structure(tmp_path, codes):
    """A SOC structure workbook: ``codes`` are (level index 0-4, code, title)."""
    rows = [STRUCTURE_HEADER]
    for level, code, title in codes:
        row = [None] * 6
        row[level], row[5] = code, title
        rows.append(row)
    return _xlsx(tmp_path, "s.xlsx", rows)


def _one_line(info) -> str:
    message = str(info.value)
    assert "\n" not in message
    return message


# --------------------------------------------------------------------------------------
# 1. a key twice
# --------------------------------------------------------------------------------------

def test_census_code_twice_names_both_rows(tmp_path):
    path = _write(tmp_path, "census.csv", CENSUS_HEADER + "5,Chief Executives,Y,11-1011.00,0010\n"
                  "4,Managers,Y,11-1021.00,0020\n5,Chief Executives,Y,11-1011.00,0030\n")
    with pytest.raises(DataFormatError) as info:
        crosswalks.read_census_crosswalk(path)
    message = _one_line(info)
    assert "census.csv, row 4, column 'Code': Code '11-1011.00' is on row 2 and again on row 4" in message
    assert "validation failed" not in message


@pytest.mark.parametrize(("name", "reader", "content", "said"), [
    ("x.xlsx", crosswalks.read_onet_to_soc,
     [ONET_SOC_HEADER, ["11-1011.03", "CSO", "11-1011", "CE"], ["11-1011.03", "CSO", "11-1011", "CE"]],
     "x.xlsx, row 3, column 'O*NET-SOC 2019 Code': O*NET-SOC 2019 Code '11-1011.03' is on row 2 and "
     "again on row 3, an exact copy"),
    ("x.csv", crosswalks.read_soc_2010_to_2018,
     SOC_2010_HEADER + "11-1011.00,CE,11-1011,CE\n11-1011.00,CE,11-1011,Chief Executives\n",
     "x.csv, row 3, column 'O*NET-SOC 2010 Code/2018 SOC Code': O*NET-SOC 2010 Code/2018 SOC Code "
     "'11-1011.00'/'11-1011' is on row 2 and again on row 3, with other values"),
    ("soc10_isco08.csv", crosswalks.read_soc10_isco08, "soc10,isco08\n111011,1112\n11-1011,1112\n",
     "soc10_isco08.csv, row 3, column 'soc10/isco08': soc10/isco08 '11-1011'/'1112' is on row 2 and "
     "again on row 3"),
    ("isco.csv", crosswalks.read_isco_groups, ISCO_HEADER + "ISCOGroup,0110,a,d\nISCOGroup,0110,b,d\n",
     "isco.csv, row 3, column 'code': code '0110' is on row 2 and again on row 3, with other values"),
    ("n.xlsx", crosswalks.read_naics_titles, [NAICS_HEADER, [1, 111, "Crop"], [2, 111, "Crops"]],
     "n.xlsx, row 3, column '2022 NAICS US   Code': 2022 NAICS US   Code '111' is on row 2 and again "
     "on row 3"),
])
def test_crosswalk_key_twice_names_both_rows(tmp_path, name, reader, content, said):
    path = _xlsx(tmp_path, name, content) if name.endswith(".xlsx") else _write(tmp_path, name, content)
    with pytest.raises(DataFormatError) as info:
        reader(path)
    message = _one_line(info)
    assert said in message
    assert "(the row)" not in message


def test_structure_code_twice_names_both_rows(tmp_path):
    path = _structure(tmp_path, [(0, "11-0000", "Management"), (1, "11-1000", "Top Executives"),
                                 (1, "11-1000", "Top Executives")])
    with pytest.raises(DataFormatError) as info:
        crosswalks.read_soc_structure(path)
    assert "s.xlsx, row 4, column 'Minor Group': code '11-1000' is on row 3 and again on row 4" in _one_line(info)


# --------------------------------------------------------------------------------------
# 2. a blank title
# --------------------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "reader", "content", "said"), [
    ("census.csv", crosswalks.read_census_crosswalk, CENSUS_HEADER + "5, ,Y,11-1011.00,0010\n",
     "census.csv, row 2, column 'Occupation': Occupation is blank"),
    ("x.xlsx", crosswalks.read_onet_to_soc, [ONET_SOC_HEADER, ["11-1011.03", None, "11-1011", "CE"]],
     "x.xlsx, row 2, column 'O*NET-SOC 2019 Title': O*NET-SOC 2019 Title is blank"),
    ("y.xlsx", crosswalks.read_onet_to_soc, [ONET_SOC_HEADER, ["11-1011.03", "CSO", "11-1011", " "]],
     "y.xlsx, row 2, column '2018 SOC Title': 2018 SOC Title is blank"),
    ("x.csv", crosswalks.read_soc_2010_to_2018, SOC_2010_HEADER + "11-1011.00,,11-1011,CE\n",
     "x.csv, row 2, column 'O*NET-SOC 2010 Title': O*NET-SOC 2010 Title is blank"),
    ("isco.csv", crosswalks.read_isco_groups, ISCO_HEADER + "ISCOGroup,0110,,d\n",
     "isco.csv, row 2, column 'preferredLabel': preferredLabel is blank"),
    ("n.xlsx", crosswalks.read_naics_titles, [NAICS_HEADER, [1, 111, None]],
     "n.xlsx, row 2, column '2022 NAICS US Title': 2022 NAICS US Title is blank"),
])
def test_blank_title_is_refused(tmp_path, name, reader, content, said):
    path = _xlsx(tmp_path, name, content) if name.endswith(".xlsx") else _write(tmp_path, name, content)
    with pytest.raises(DataFormatError) as info:
        reader(path)
    assert said in _one_line(info)


def test_blank_structure_title_is_refused(tmp_path):
    path = _structure(tmp_path, [(0, "11-0000", "Management"), (1, "11-1000", None)])
    with pytest.raises(DataFormatError, match=r"s.xlsx, row 3, column 'SOC or O\*NET-SOC 2019 Title': "
                       r"SOC or O\*NET-SOC 2019 Title is blank"):
        crosswalks.read_soc_structure(path)


# --------------------------------------------------------------------------------------
# 3. a three-digit ISCO code that is no armed forces code
# --------------------------------------------------------------------------------------

def test_three_digit_isco_code_is_refused(tmp_path):
    path = _write(tmp_path, "soc10_isco08.csv", "soc10,isco08\n551011,110\n111011,111\n")
    with pytest.raises(DataFormatError) as info:
        crosswalks.read_soc10_isco08(path)
    message = _one_line(info)
    assert "soc10_isco08.csv, row 3, column 'isco08'" in message
    assert "'111'" in message and "0110, 0210, 0310" in message


def test_armed_forces_isco_codes_are_still_padded(tmp_path):
    path = _write(tmp_path, "soc10_isco08.csv", "soc10,isco08\n551011,110\n552011,210\n553011,310\n")
    assert crosswalks.read_soc10_isco08(path)["isco08_code"].tolist() == ["0110", "0210", "0310"]


# --------------------------------------------------------------------------------------
# 4. an O*NET-SOC code mapped to a SOC code that is not its own
# --------------------------------------------------------------------------------------

@pytest.mark.parametrize(("onet", "soc"), [
    ("15-1132.00", "15-1252"),  # an O*NET-SOC 2010 code
    ("11-1011.03", "11-1010"),  # a broad group
    ("11-1011.03", "11-0000"),  # a major group
    ("11-1011.03", "11-1021"),  # a shifted row
])
def test_onet_to_soc_code_not_its_own_is_refused(tmp_path, onet, soc):
    path = _xlsx(tmp_path, "x.xlsx", [ONET_SOC_HEADER, ["11-1021.00", "GM", "11-1021", "GM"],
                                      [onet, "Title", soc, "Title"]])
    with pytest.raises(DataFormatError) as info:
        crosswalks.read_onet_to_soc(path)
    message = _one_line(info)
    assert f"x.xlsx, row 3, column '2018 SOC Code': {soc!r} is not the SOC code of {onet!r}" in message


# --------------------------------------------------------------------------------------
# 5. a SOC structure code under a parent it does not belong to
# --------------------------------------------------------------------------------------

_TOP = [(0, "11-0000", "Management"), (1, "11-1000", "Top Executives"), (2, "11-1010", "Chief Executives"),
        (3, "11-1011", "Chief Executives")]


@pytest.mark.parametrize(("codes", "said"), [
    # the broad group 11-1020 missing: 11-1021 went to 11-1010
    (_TOP + [(3, "11-1021", "General and Operations Managers")],
     "s.xlsx, row 6, column 'Detailed Occupation': detailed code '11-1021' is under the broad group "
     "'11-1010' of row 4"),
    # a broad code in the detailed column
    ([(0, "11-0000", "Management"), (1, "11-1000", "Top Executives"), (3, "11-1010", "Chief Executives")],
     "s.xlsx, row 4, column 'Detailed Occupation': Detailed Occupation must be a detailed code (like 11-1011), "
     "got '11-1010'"),  # round 32: said "has no broad group above it" before
    # a minor group under another major group
    ([(0, "11-0000", "Management"), (1, "13-1000", "Business Operations")],
     "s.xlsx, row 3, column 'Minor Group': minor group '13-1000' is under the major group '11-0000' of row 2"),
    # an O*NET-SOC code under another detailed code
    (_TOP + [(4, "11-1012.00", "Someone")],
     "s.xlsx, row 6, column 'Detailed O*NET-SOC': O*NET-SOC code '11-1012.00' is under the detailed code "
     "'11-1011' of row 5"),
])
def test_structure_code_under_another_parent_is_refused(tmp_path, codes, said):
    with pytest.raises(DataFormatError) as info:
        crosswalks.read_soc_structure(_structure(tmp_path, codes))
    assert said in _one_line(info)


def test_structure_physicians_still_pass(tmp_path):
    path = _structure(tmp_path, [(0, "29-0000", "Healthcare"), (1, "29-1000", "Practitioners"),
                                 (2, "29-1210", "Physicians"), (3, "29-1215", "Family Medicine"),
                                 (3, "29-1221", "Pediatricians"), (4, "29-1221.00", "Pediatricians")])
    frame = crosswalks.read_soc_structure(path)
    assert frame["broad_code"].tolist()[3:] == ["29-1210"] * 3


# --------------------------------------------------------------------------------------
# 6. Census codes that lost their leading zeros
# --------------------------------------------------------------------------------------

@pytest.mark.parametrize("code", ["10", "10.0"])
def test_census_code_without_leading_zeros_is_explained(tmp_path, code):
    path = _write(tmp_path, "census.csv", CENSUS_HEADER + f"5,Chief Executives,Y,11-1011.00,{code}\n")
    with pytest.raises(DataFormatError) as info:
        crosswalks.read_census_crosswalk(path)
    message = _one_line(info)
    assert f"census.csv, row 2, column 'cps_code': cps_code must be a four-digit Census 2018 OCC code " \
           f"(like '0010'), got {code!r}" in message
    assert "leading zeros" in message


# --------------------------------------------------------------------------------------
# The lock file
# --------------------------------------------------------------------------------------

_SHA = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
_NAME = "onet/31.0/Job Zones.txt"
_URL = "https://www.onetcenter.org/dl_files/database/db_31_0_text.zip"
_MEMBER = "db_31_0_text/Job Zones.txt"
_HEAD = "name\tsize\tsha256\turl\tmember\n"


def _line(size="3", sha=_SHA):
    return "\t".join([_NAME, size, sha, _URL, _MEMBER]) + "\n"


def _lock(tmp_path, text):
    path = tmp_path / "exposure.lock"
    path.write_text(text, encoding="utf-8")
    return Lock(path)


def test_lock_upper_case_sha256_is_read_in_lower_case(tmp_path):
    lock = _lock(tmp_path, _HEAD + _line(sha=_SHA.upper()) + _line())
    assert lock.entries()[_NAME]["sha256"] == _SHA
    assert source_for(_NAME, lock).sha256 == _SHA


def test_lock_size_in_other_digits_is_refused(tmp_path):
    lock = _lock(tmp_path, _HEAD + _line(size="\u00b3"))
    with pytest.raises(DataFormatError, match=r"exposure.lock, row 2, column 'size': size must be a whole "
                       r"number of bytes \(digits 0-9\), got '\u00b3'"):
        source_for(_NAME, lock)
    with pytest.raises(DataFormatError):
        releases_frame(lock)


@pytest.mark.parametrize(("header", "said"), [
    ("name\tsize\tsha256\turl\tmember\tnote\n", "unexpected column(s) 'note'"),
    ("size\tname\tsha256\turl\tmember\n", "the columns in another order"),
    ("name\tsize\tsha256\turl\tmember\t\n", "unexpected column(s) ''"),
    ("name\tsize\tsha\turl\tmember\n", "missing column(s) 'sha256'; unexpected column(s) 'sha'"),
])
def test_lock_header_with_other_columns_is_refused_naming_its_row(tmp_path, header, said):
    lock = _lock(tmp_path, "# a comment\n# another\n" + header + _line())
    with pytest.raises(DataFormatError) as info:
        lock.entries()
    message = _one_line(info)
    assert "exposure.lock, row 3: not a lock file" in message
    assert said in message
    assert "expected the columns name, size, sha256, url, member" in message
