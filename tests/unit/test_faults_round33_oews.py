"""Fault round 33: BLS OEWS files as a new release (or a wrong download) could deliver them.

:func:`exposure.oews.read_oews` on tiny made-up files in BLS's layout.

1. A state, metropolitan or nonmetropolitan table (``AREA_TYPE`` 2, 4 or 6; ``AREA``
   ``01``; BLS's ``state_M2025_dl``, ``MSA_M2025_dl``) given where the national table is
   read: read as national employment and wages, without a word (the ``AREA`` columns were
   not read). A national file with one state row in it was read likewise. Now refused,
   naming the row and the column (``AREA_TYPE must be 1 (national, the U.S.) in a national
   OEWS table, got '2' (AREA_TITLE 'Alabama'): a state table?``).
2. An ``O_GROUP`` that does not fit the ``OCC_CODE`` (a major group ``11-0000`` or the
   all-occupations row ``00-0000`` marked ``detailed``, a detailed code marked ``total``, a
   minor group ``11-1000`` marked ``broad``): read as given, so the roll-ups, which sum the
   ``detailed`` rows, counted the major group again with its own occupations, without a
   word. Now refused, naming the row, the column and the level the code has.
3. An ``OCC_CODE`` that is not a SOC code: an ``.xlsx`` cell a spreadsheet turned into a
   date (``11-2021`` -> November 2021), ``11 1011``, ``111011``, ``11-XXXX``: refused in
   pandera's words (``Employment validation failed (1 failure(s)): ... check
   str_matches('^[0-9]{2}-[0-9]{4}\\Z'): '2021-11-01T00:00:00'``). Now ``OCC_CODE must
   be a SOC code written like 11-1011, got ...``, with what the cell looks like (a date
   that was ``11-2021``; a code without its hyphen).
4. ``OCC_GROUP``, the name BLS gave ``O_GROUP`` in its files up to May 2018 (this reader
   reads any May year from 2000): refused as ``missing column(s) 'O_GROUP'``. Now read as
   ``O_GROUP``, and named as written in errors.
5. A ``.csv`` with a title line above the header (``May 2026 National Occupational
   Employment and Wage Estimates``, as a workbook saved as CSV keeps it): refused as ``row
   2: too many fields: expected 1, got 13 (an unquoted comma inside a field?)``, though
   an ``.xlsx`` with that title row is read. Now the error says line 1 is a title above
   the header.

Tiny made-up files in the real formats, written by the tests.
"""

from __future__ import annotations

import datetime

import pytest
from _frames import write_text, write_xlsx

from exposure import oews
from exposure.errors import DataFormatError, SchemaError

HEAD = ("AREA,AREA_TITLE,AREA_TYPE,PRIM_STATE,NAICS,NAICS_TITLE,I_GROUP,OWN_CODE,OCC_CODE,OCC_TITLE,"
        "O_GROUP,TOT_EMP,EMP_PRSE,H_MEAN,A_MEAN,MEAN_PRSE,H_MEDIAN,A_MEDIAN,ANNUAL,HOURLY")
US = "99,U.S.,1,US"


def _row(code="11-1011", title="Chief Executives", group="detailed", area=US, emp='"211,850"'):
    return (f"{area},000000,Cross-industry,cross-industry,1235,{code},{title},{group},{emp},1.2,"
            '100.50,"209,040",0.5,95.10,"197,810",,')


def _csv(tmp_path, *rows, head=HEAD, name="national_M2026_dl.csv", area=US):
    total = _row("00-0000", "All Occupations", "total", area=area, emp='"1,000,000"')
    return write_text(tmp_path, name, "\n".join([head, total, *rows]) + "\n")


# 1. a state or metropolitan table read as national ----------------------------------


@pytest.mark.parametrize(("area", "kind"), [("01,Alabama,2,AL", "a state table"),
                                            ("10180,\"Abilene, TX\",4,TX", "a metropolitan"),
                                            ("0100001,North Alabama nonmetropolitan area,6,AL",
                                             "a nonmetropolitan")])
def test_state_or_metro_table_is_refused_naming_row_and_column(tmp_path, area, kind):
    path = _csv(tmp_path, _row(area=area), name="state_M2026_dl.csv", area=area)
    with pytest.raises(DataFormatError) as info:
        oews.read_oews(path)
    assert info.value.row == 2 and info.value.column == "AREA_TYPE"
    assert "AREA_TYPE must be 1 (national, the U.S.) in a national OEWS table" in str(info.value)
    assert kind in str(info.value)


def test_one_state_row_in_a_national_table_is_refused(tmp_path):
    path = _csv(tmp_path, _row(), _row("11-1021", "General and Operations Managers",
                                       area="01,Alabama,2,AL"))
    with pytest.raises(DataFormatError, match=r"row 4, column 'AREA_TYPE': AREA_TYPE must be 1 .*"
                                              r"got '2' \(AREA_TITLE 'Alabama'\)"):
        oews.read_oews(path)


def test_area_code_without_area_type_is_checked(tmp_path):
    head = HEAD.replace("AREA_TYPE,", "").replace("PRIM_STATE,", "")
    path = _csv(tmp_path, _row(area="01,Alabama"), head=head, area="99,U.S.")
    with pytest.raises(DataFormatError, match=r"row 3, column 'AREA': AREA must be 99 \(national, the "
                                              r"U\.S\.\) in a national OEWS table, got '01'"):
        oews.read_oews(path)


def test_national_table_with_area_columns_reads(tmp_path):
    frame = oews.read_oews(_csv(tmp_path, _row()))
    assert frame["occ_code"].tolist() == ["00-0000", "11-1011"]
    assert frame["tot_emp"].tolist() == [1000000, 211850]


def test_national_workbook_with_number_cells_in_area_columns_reads(tmp_path):
    import csv
    import io
    rows = list(csv.reader(io.StringIO(_csv(tmp_path, _row()).read_text())))
    for r in rows[1:]:
        r[0], r[2] = 99, 1
    assert len(oews.read_oews(write_xlsx(tmp_path, "n.xlsx", rows))) == 2


# 2. an O_GROUP that does not fit the OCC_CODE ---------------------------------------


@pytest.mark.parametrize(("code", "group", "level"), [
    ("11-0000", "detailed", "a major group"),
    ("11-0000", "broad", "a major group"),
    ("11-1000", "broad", "a minor group"),
    ("11-1000", "detailed", "a minor group"),
    ("11-1011", "total", "not 00-0000"),
    ("11-1011", "major", "not a major group code"),
])
def test_group_that_does_not_fit_the_code_is_refused(tmp_path, code, group, level):
    path = _csv(tmp_path, _row(code, "Management Occupations", group))
    with pytest.raises(SchemaError) as info:
        oews.read_oews(path)
    assert info.value.row == 3 and info.value.column == "O_GROUP"
    assert f"O_GROUP {group!r} does not fit OCC_CODE {code!r}" in str(info.value)
    assert level in str(info.value)


def test_all_occupations_row_marked_detailed_is_refused(tmp_path):
    text = "\n".join([HEAD, _row("00-0000", "All Occupations", "detailed"), _row()]) + "\n"
    with pytest.raises(SchemaError, match=r"row 2, column 'O_GROUP': O_GROUP 'detailed' does not fit "
                                          r"OCC_CODE '00-0000'.*total"):
        oews.read_oews(write_text(tmp_path, "o.csv", text))


def test_levels_as_bls_publishes_them_read(tmp_path):
    # 15-1200 is a minor group, 13-1020 both broad and detailed, 19-5010 minor (BLS)
    rows = [_row("11-0000", "Management", "major"), _row("15-1200", "Computer", "minor"),
            _row("19-5010", "Safety", "minor"), _row("13-1020", "Buyers", "broad"),
            _row("13-1020", "Buyers", "detailed"), _row("11-1010", "Chief", "broad")]
    frame = oews.read_oews(_csv(tmp_path, *rows))
    assert frame["o_group"].tolist() == ["total", "major", "minor", "minor", "broad", "detailed", "broad"]


# 3. an OCC_CODE that is not a SOC code ------------------------------------------------


def test_occ_code_turned_into_a_date_by_a_spreadsheet_is_named(tmp_path):
    import csv
    import io
    rows = list(csv.reader(io.StringIO(_csv(tmp_path, _row("11-2021", "Marketing Managers")).read_text())))
    rows[2][8] = datetime.datetime(2021, 11, 1)
    with pytest.raises(SchemaError) as info:
        oews.read_oews(write_xlsx(tmp_path, "national_M2026_dl.xlsx", rows))
    assert info.value.row == 3 and info.value.column == "OCC_CODE"
    message = str(info.value)
    assert "OCC_CODE must be a SOC code written like 11-1011" in message
    assert "11-2021" in message and "date" in message and "str_matches" not in message


@pytest.mark.parametrize(("code", "hint"), [("11 1011", "11-1011"), ("111011", "11-1011"),
                                            ("11-XXXX", "digits")])
def test_malformed_occ_code_is_named_in_the_readers_words(tmp_path, code, hint):
    with pytest.raises(SchemaError) as info:
        oews.read_oews(_csv(tmp_path, _row(code)))
    assert info.value.row == 3 and info.value.column == "OCC_CODE"
    assert "OCC_CODE must be a SOC code written like 11-1011" in str(info.value)
    assert hint in str(info.value).split("got", 1)[1] and "str_matches" not in str(info.value)


# 4. OCC_GROUP (BLS's name up to May 2018) ---------------------------------------------


def test_occ_group_header_is_read_as_o_group(tmp_path):
    plain = oews.read_oews(_csv(tmp_path, _row()))
    old = oews.read_oews(_csv(tmp_path, _row(), head=HEAD.replace("O_GROUP", "OCC_GROUP"), name="o.csv"))
    assert old.equals(plain)


def test_occ_group_header_is_named_as_written_in_errors(tmp_path):
    path = _csv(tmp_path, _row(group="Detailed"), head=HEAD.replace("O_GROUP", "occ_group"))
    with pytest.raises(SchemaError, match=r"row 3, column 'occ_group': occ_group must be total"):
        oews.read_oews(path)


# 5. a title line above the header of a CSV --------------------------------------------


def test_csv_title_line_above_the_header_is_named(tmp_path):
    text = "May 2026 National Occupational Employment and Wage Estimates\n" + \
        _csv(tmp_path, _row()).read_text()
    path = write_text(tmp_path, "title.csv", text)
    with pytest.raises(DataFormatError) as info:
        oews.read_oews(path)
    message = str(info.value)
    assert info.value.row == 1
    assert "line 1 is a title" in message and "May 2026 National" in message
    assert "the header (AREA,AREA_TITLE" in message and "unquoted comma" not in message


def test_csv_one_column_table_is_not_taken_for_a_title(tmp_path):
    path = write_text(tmp_path, "one.csv", "NAICS\n000000\n")
    with pytest.raises(DataFormatError, match="missing column") as info:
        oews.read_oews(path)
    assert "title" not in str(info.value)
