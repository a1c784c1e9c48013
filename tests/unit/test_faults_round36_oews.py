"""Fault round 36: OEWS files as BLS exports or users deliver them (:func:`exposure.oews.read_oews`).

1. A CSV whose footnote lines below the rows are not padded with commas (``Footnotes:``,
   ``(1) Estimates ...``: one field per line, as some BLS CSV exports write them), a
   blank line above them or not: refused as ``row 5, column 'AREA_TITLE': too few
   fields: expected 20, got 1 (truncated file or line?)`` (or ``row 5: empty line``),
   though the padded form is read. Now read as footnotes; a short line among the rows,
   or footnotes followed by a row, keep their error naming the line.
2. A ``NAICS`` code of another level than the ``I_GROUP`` of its row (a sector ``11`` on a
   ``3-digit`` or ``4-digit`` row, ``113000`` on a ``sector`` row, a sector marked
   ``cross-industry``, a 3-digit code on a ``5-digit`` row): read as given; the roll-ups
   refused some of them later, far from the file (``employment frame: NAICS '113000' on a
   sector row ...``, a 0-based frame row), the others were summed as the level said. Now
   refused at read, naming the file, line and column.
3. The title line above a CSV's header was said in two wordings: this module's (a title of
   one field) and :data:`exposure._tables.TITLE_LINE` (a title holding a comma). Both now
   carry the shared ``TITLE_LINE`` words, with the title and the header found.
4. An occupation's ``TOT_EMP`` larger than the all-occupations total (``00-0000``) of its
   industry (a total given in thousands, a row of another industry): read as given, so
   shares of employment above 1. Now refused, naming both rows.

Tiny made-up files in the real formats, written by the tests.
"""

from __future__ import annotations

import pytest
from _frames import write_text

from exposure import oews
from exposure._tables import TITLE_LINE
from exposure.errors import DataFormatError

HEAD = ("AREA,AREA_TITLE,AREA_TYPE,PRIM_STATE,NAICS,NAICS_TITLE,I_GROUP,OWN_CODE,OCC_CODE,OCC_TITLE,"
        "O_GROUP,TOT_EMP,EMP_PRSE,H_MEAN,A_MEAN,MEAN_PRSE,H_MEDIAN,A_MEDIAN,ANNUAL,HOURLY")


def _row(naics="000000", group="cross-industry", code="11-1011", title="Chief Executives", level="detailed",
         emp='"211,850"'):
    group = f'"{group}"' if "," in group else group
    return (f"99,U.S.,1,US,{naics},Industry,{group},1235,{code},{title},{level},{emp},1.2,"
            '100.50,"209,040",0.5,95.10,"197,810",,')


def _total(naics="000000", group="cross-industry", emp='"1,000,000"'):
    return _row(naics, group, "00-0000", "All Occupations", "total", emp)


def _csv(tmp_path, *lines, name="national_M2026_dl.csv"):
    return write_text(tmp_path, name, "\n".join([HEAD, *lines]) + "\n")


FOOTNOTES = ["Footnotes:",
             '"(1) Estimates for detailed occupations do not sum to the totals, as the totals include '
             'occupations not shown separately."',
             "(2) Estimates do not include self-employed workers.",
             "Source: Bureau of Labor Statistics, Occupational Employment and Wage Statistics"]


# 1. footnote lines of one field ending a CSV ------------------------------------------------


@pytest.mark.parametrize("blank", [[], [""], ["", ""]])
def test_unpadded_footnotes_ending_a_csv_are_read_as_footnotes(tmp_path, blank):
    path = _csv(tmp_path, _total(), _row(), *blank, *FOOTNOTES)
    frame = oews.read_oews(path)
    assert frame["occ_code"].tolist() == ["00-0000", "11-1011"]
    assert frame["tot_emp"].tolist() == [1_000_000, 211_850]


def test_footnotes_with_an_unquoted_comma_are_read_as_footnotes(tmp_path):
    path = _csv(tmp_path, _total(), _row(), "Note: estimates exclude the self-employed, and farms")
    assert len(oews.read_oews(path)) == 2


def test_padded_footnotes_are_still_read(tmp_path):
    pad = "," * HEAD.count(",")
    path = _csv(tmp_path, _total(), _row(), pad, "Footnotes:" + pad, "(1) Not summed." + pad)
    assert len(oews.read_oews(path)) == 2


def test_short_line_among_the_rows_is_still_refused_naming_its_line(tmp_path):
    path = _csv(tmp_path, _total(), "99,U.S.,1,US,000000", _row(), *FOOTNOTES)
    with pytest.raises(DataFormatError, match="too few fields") as info:
        oews.read_oews(path)
    assert info.value.row == 3


def test_footnotes_followed_by_a_row_are_still_refused(tmp_path):
    path = _csv(tmp_path, _total(), "Footnotes:", _row())
    with pytest.raises(DataFormatError, match="too few fields") as info:
        oews.read_oews(path)
    assert info.value.row == 3


def test_error_above_unpadded_footnotes_names_the_file_and_line(tmp_path):
    path = _csv(tmp_path, _total(), _row(emp="n/a"), *FOOTNOTES)
    with pytest.raises(DataFormatError, match="TOT_EMP must be a number") as info:
        oews.read_oews(path)
    assert info.value.row == 3 and str(info.value.path) == str(path)
    assert str(tmp_path) in str(info.value)


# 2. a NAICS code of another level than its I_GROUP -----------------------------------------


@pytest.mark.parametrize(("naics", "group", "said"), [
    ("11", "3-digit", "a sector code on a 3-digit row"),
    ("31-33", "4-digit", "a sector code on a 4-digit row"),
    ("113000", "sector", "a 3-digit code on a sector row"),
    ("11", "cross-industry", "a sector code on a cross-industry row"),
    ("000000", "sector", "the cross-industry code on a sector row"),
    ("113300", "3-digit", "a 4-digit code on a 3-digit row"),
    ("113300", "5-digit", "a 4-digit code on a 5-digit row"),
    ("238000", "6-digit", "a 3-digit code on a 6-digit row"),
])
def test_naics_of_another_level_than_i_group_is_refused(tmp_path, naics, group, said):
    path = _csv(tmp_path, _total(), _total(naics, group), _row(naics, group))
    with pytest.raises(DataFormatError) as info:
        oews.read_oews(path)
    assert info.value.row == 3 and info.value.column == "NAICS"
    assert f"NAICS {naics!r} is not a code of I_GROUP {group!r}" in str(info.value)
    assert said in str(info.value)


def test_naics_codes_of_the_right_level_are_read(tmp_path):
    levels = [("11", "sector"), ("31-33", "sector"), ("520000", "sector"), ("113000", "3-digit"),
              ("113300", "4-digit"), ("3250A1", "4-digit"), ("611002", "4-digit"),
              ("238110", "5-digit"), ("221111", "6-digit"), ("541110", "6-digit"),
              ("000001", "cross-industry, ownership"), ("611102", "4-digit, ownership")]
    path = _csv(tmp_path, _total(), *(_total(n, g) for n, g in levels))
    assert oews.read_oews(path)["naics"].tolist()[1:] == [n for n, _ in levels]


# 3. the title line above the header, in the shared words -------------------------------------


@pytest.mark.parametrize(("title", "fields"), [
    ("May 2026 National Occupational Employment and Wage Estimates", 1),
    ("May 2026 National Occupational Employment and Wage Estimates, all industries", 2),
])
def test_csv_title_line_is_said_in_the_shared_words(tmp_path, title, fields):
    path = write_text(tmp_path, "title.csv", "\n".join([title, HEAD, _total(), _row()]) + "\n")
    with pytest.raises(DataFormatError) as info:
        oews.read_oews(path)
    message = str(info.value)
    assert info.value.row == 1
    assert "line 1 is a title" in message and title[:40] in message
    assert "the header (AREA,AREA_TITLE,...) is on line 2" in message
    assert TITLE_LINE % (fields, "" if fields == 1 else "s") in message


# 4. an occupation employing more than its industry -----------------------------------------


def test_occupation_above_its_industry_total_is_refused(tmp_path):
    path = _csv(tmp_path, _total(emp="1000"), _row(emp='"211,850"'))
    with pytest.raises(DataFormatError) as info:
        oews.read_oews(path)
    assert info.value.row == 3 and info.value.column == "TOT_EMP"
    assert "larger than the all-occupations total of its industry (NAICS 000000: 1000, row 2)" in \
        str(info.value)


def test_occupation_equal_to_its_total_or_without_total_is_read(tmp_path):
    path = _csv(tmp_path, _total("11", "sector", emp="500"), _row("11", "sector", emp="500"),
                _row("21", "sector", emp="900"), _row(emp="**"))
    assert oews.read_oews(path)["tot_emp"].tolist()[:3] == [500, 500, 900]
