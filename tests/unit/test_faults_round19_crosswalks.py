"""Round 19: bad crosswalk files (``exposure.crosswalks``).

1. A column the reader reads, given twice in the header of a crosswalk file (``cps_code``
   twice in ``onet_to_census_occ2018.csv``, ``soc10`` twice in ``soc10_isco08.csv``,
   ``2018 SOC Code`` twice in a workbook): the first copy was read and the second dropped
   without a word. Refused now, as the O*NET and OEWS readers refuse it.
2. A crosswalk file with a header and no rows: read as an empty crosswalk, so that
   ``to_census_occ`` later said no score code "is in the Census crosswalk". Refused now,
   naming the file.
3. Rows of blank cells ending a crosswalk CSV (a spreadsheet's ``,,,,`` records): refused
   as a malformed code of row N; ignored now, as the O*NET and OEWS readers ignore them.

Tiny made-up files in the real formats, written by the tests.
"""

from __future__ import annotations

import pytest
from _frames import write_text as _write
from _frames import write_xlsx as _xlsx

from exposure import crosswalks
from exposure.errors import DataFormatError

CENSUS_HEADER = "Job Zone,Occupation,Data-level,Code,cps_code\n"
CENSUS_ROW = "5,Chief Executives,Y,11-1011.00,0010\n"



def test_census_crosswalk_column_twice_is_refused(tmp_path):
    path = _write(tmp_path, "census.csv", "Job Zone,Occupation,Data-level,Code,cps_code,cps_code\n"
                  "5,Chief Executives,Y,11-1011.00,0010,0020\n")
    with pytest.raises(DataFormatError) as info:
        crosswalks.read_census_crosswalk(path)
    message = str(info.value)
    assert "census.csv, row 1, column 'cps_code'" in message
    assert message.endswith("column 'cps_code': given more than once (columns 5 and 6): keep one")


def test_soc10_isco08_column_twice_in_other_case_is_refused(tmp_path):
    path = _write(tmp_path, "soc10_isco08.csv", "soc10,isco08,SOC10\n111011,1112,111021\n")
    with pytest.raises(DataFormatError, match=r"soc10_isco08.csv, row 1, column 'soc10': "
                       r"given more than once \(columns 1 and 3, written 'soc10' and 'SOC10'\): keep one$"):
        crosswalks.read_soc10_isco08(path)


def test_onet_to_soc_workbook_column_twice_is_refused(tmp_path):
    path = _xlsx(tmp_path, "x.xlsx", [
        ["O*NET-SOC 2019 Occupation Listings"], [],
        ["O*NET-SOC 2019 Code", "O*NET-SOC 2019 Title", "2018 SOC Code", "2018 SOC Title", "2018 SOC Code"],
        ["11-1011.03", "Chief Sustainability Officers", "11-1011", "Chief Executives", "11-1021"]])
    with pytest.raises(DataFormatError, match=r"x.xlsx, row 3, column '2018 SOC Code': "
                       r"given more than once \(columns 3 and 5\): keep one$"):
        crosswalks.read_onet_to_soc(path)


def test_column_not_read_may_be_twice(tmp_path):
    path = _write(tmp_path, "census.csv", "Job Zone,Occupation,Data-level,Code,cps_code,note,note\n"
                  "5,Chief Executives,Y,11-1011.00,0010,a,b\n")
    assert crosswalks.read_census_crosswalk(path)["census_occ"].tolist() == ["0010"]


@pytest.mark.parametrize(("name", "reader", "text"), [
    ("census.csv", crosswalks.read_census_crosswalk, CENSUS_HEADER),
    ("soc10_isco08.csv", crosswalks.read_soc10_isco08, "soc10,isco08\n"),
    ("isco.csv", crosswalks.read_isco_groups, "conceptType,code,preferredLabel,description\n"),
    ("x.csv", crosswalks.read_soc_2010_to_2018,
     "O*NET-SOC 2010 Code,O*NET-SOC 2010 Title,2018 SOC Code,2018 SOC Title\n"),
])
def test_header_only_crosswalk_is_refused(tmp_path, name, reader, text):
    path = _write(tmp_path, name, text)
    with pytest.raises(DataFormatError, match=rf"{name}: no crosswalk rows: the file has a header but no rows"):
        reader(path)


def test_header_only_workbook_is_refused(tmp_path):
    path = _xlsx(tmp_path, "n.xlsx", [["Seq. No.", "2022 NAICS US   Code", "2022 NAICS US Title"]])
    with pytest.raises(DataFormatError, match="n.xlsx: no crosswalk rows: the file has a header but no rows"):
        crosswalks.read_naics_titles(path)


def test_blank_records_ending_a_crosswalk_csv_are_ignored(tmp_path):
    path = _write(tmp_path, "census.csv", CENSUS_HEADER + CENSUS_ROW + ",,,,\n,,,,\n")
    frame = crosswalks.read_census_crosswalk(path)
    assert frame["onetsoc_code"].tolist() == ["11-1011.00"]
    assert frame.equals(crosswalks.read_census_crosswalk(_write(tmp_path, "c2.csv", CENSUS_HEADER + CENSUS_ROW)))


# --------------------------------------------------------------------------------------
# The lock file (exposure.releases.Lock)
# --------------------------------------------------------------------------------------

_LOCK_HEAD = "name\tsize\tsha256\turl\tmember\n"
_SHA = "a" * 64


def _lock(tmp_path, line):
    from exposure.releases import Lock

    path = tmp_path / "exposure.lock"
    path.write_text(_LOCK_HEAD + line, encoding="utf-8")
    return Lock(path)


def test_lock_name_with_spaces_is_refused(tmp_path):
    lock = _lock(tmp_path, f"onet/31.0/Job Zones.txt \t3\t{_SHA}\thttps://x\tm\n")
    with pytest.raises(DataFormatError, match=r"exposure.lock, row 2, column 'name': the name "
                       r"'onet/31.0/Job Zones.txt ' has surrounding spaces"):
        lock.entries()


@pytest.mark.parametrize(("line", "said"), [
    (f"onet/31.0/Job Zones.txt\t3\t{_SHA}\thttps://x\tm\textra\n", "too many fields: expected 5, got 6"),
    (f"onet/31.0/Job Zones.txt\t3\t{_SHA}\n", "too few fields: expected 5, got 3"),
])
def test_lock_line_with_other_number_of_fields_is_refused(tmp_path, line, said):
    with pytest.raises(DataFormatError, match=rf"exposure.lock, row 2: {said}"):
        _lock(tmp_path, line).entries()


def test_lock_line_with_empty_member_still_reads(tmp_path):
    entry = _lock(tmp_path, f"onet/31.0/Job Zones.txt\t3\t{_SHA}\thttps://x\t\n").entries()
    assert entry["onet/31.0/Job Zones.txt"]["member"] == ""
