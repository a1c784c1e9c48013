"""Fault round 81, codes: bytes in a code column, a date in a column of O*NET-SOC codes, SOC minor groups.

1. A code of bytes that are not UTF-8 (``b'\\xff1-1011.00'``) in a column checked by
   :func:`~exposure.schemas._fields.first_bad_onetsoc_code` or ``first_bad_soc_code``
   (task scores given to :func:`exposure.rollup.to_occupations`, SOC scores, crosswalks
   ...) raised a bare ``UnicodeDecodeError: 'utf-8' codec can't decode byte 0xff in
   position 0: invalid start byte``, naming no frame, row or column. Now it is refused as
   the other bytes are: ``task_scores, row 2, column 'onetsoc_code': not an O*NET-SOC code
   (like 11-1011.00): b'\\xff1-1011.00'``.
2. The codes of an Arrow ``binary`` column (``pd.ArrowDtype(pa.binary())``,
   ``large_binary``), or categories of bytes, were read as their text and passed:
   ``to_occupations`` rolled them up and ``onet_to_soc_map`` mapped them (``exposure.score``
   refuses them), where the same bytes in a column of objects were refused. Now they are refused in the same words:
   ``task_scores, row 1, column 'onetsoc_code': not an O*NET-SOC code (like 11-1011.00):
   b'11-1011.00'``.
3. A code cell that is a ``memoryview`` (psycopg2's ``bytea``) was shown as its address,
   another in each run (``not a SOC code (like 11-1011): '<memory at 0x7f...>'``), and a
   ``bytearray`` quoted as if it were text; now ``memoryview(b'11-1011')`` and
   ``bytearray(b'11-1011')``.
4. A cell of a column of O*NET-SOC codes that a spreadsheet read as a date (``11-2011``
   saved as ``2011-11-01``) was told to "take the codes from the source again and import
   that column as Text when opening the file, or type the code with a leading apostrophe
   ('11-2011)", a SOC code which the column refuses again. Now: ``a date? a spreadsheet
   read the code 11-2011 as one: a SOC code? an O*NET-SOC code has a two-digit suffix:
   write '11-2011.00' (the SOC occupation itself) or the O*NET-SOC code meant`` (for a
   column of O*NET-SOC 2010 codes: ``write the O*NET-SOC code meant ('11-2011.00' if its
   suffix was 00)``); a date written as text (``Nov-11``) is told ``... which no longer
   tells the code: a SOC code? an O*NET-SOC code has a two-digit suffix: write the
   O*NET-SOC code meant (11-XXXX.00 for the SOC occupation itself)``. A column of SOC
   codes is told as before.
5. :func:`exposure.crosswalks.first_nested_code` took the minor group of a SOC code as
   its first five digits and ``00``: ``29-1000`` beside ``29-1221`` and ``47-2000``
   beside ``47-2111`` were not seen (None; 200 of the 1,326 broad and detailed codes of
   the real ``SOC_Structure.xlsx`` were not seen beside their minor group), and
   :func:`~exposure.crosswalks.oews_code_map` mapped the codes of an OEWS table of every
   level. Now the minor group is the SOC structure's (``_belongs``: ``29-1000`` holds
   ``29-12xx``, ``15-1200`` holds ``15-12xx``): ``(1, 0, 'a SOC minor group')``, and
   ``oews_codes holds '29-1000' (position 0), a SOC minor group, and '29-1221' (position
   1), which it holds: ...``.
"""

from __future__ import annotations

import datetime

import pandas as pd
import pyarrow as pa
import pytest
from _frames import four_task_scores
from _frames import write_xlsx as _xlsx

from exposure import crosswalks
from exposure.errors import DataFormatError
from exposure.rollup import to_occupations
from exposure.schemas._fields import (
    ONETSOC_PATTERN,
    SOC_PATTERN,
    code_hint,
    first_bad_onetsoc_code,
    first_bad_soc_code,
)

NOT_ONETSOC = "not an O*NET-SOC code (like 11-1011.00): "
#: What a date in a column of O*NET-SOC codes is told now (item 4).
DATE_SAID = (": a date? a spreadsheet read the code 11-2011 as one: a SOC code? an O*NET-SOC code has a two-digit "
             "suffix: write '11-2011.00' (the SOC occupation itself) or the O*NET-SOC code meant")


def _scores_with(code, dtype=object) -> pd.DataFrame:
    """Four task scores whose codes are bytes, the second one ``code``, in a column of ``dtype``."""
    ts = four_task_scores()
    codes = [c.encode() for c in ts["onetsoc_code"]]
    codes[1] = code
    ts["onetsoc_code"] = pd.Series(codes, dtype=dtype)
    return ts


def _rollup_error(ts: pd.DataFrame) -> str:
    with pytest.raises(DataFormatError) as info:
        to_occupations(ts, weights="equal")
    return str(info.value)


# 1 ------------------------------------------------------------ bytes that are not UTF-8
@pytest.mark.parametrize("check, good, what", [(first_bad_onetsoc_code, "11-1011.00", NOT_ONETSOC),
                                               (first_bad_soc_code, "11-1011", "not a SOC code (like 11-1011): ")])
def test_1_bytes_not_utf8_are_refused_not_a_decode_error(check, good, what):
    codes = pd.Series([good, b"\xff1-1011.00"], dtype=object)
    assert check(codes) == (1, what + "b'\\xff1-1011.00'")


def test_1_to_occupations_names_the_row_of_bytes_not_utf8():
    ts = four_task_scores().astype({"onetsoc_code": object})
    ts.loc[1, "onetsoc_code"] = b"\xff1-1011.00"
    assert _rollup_error(ts) == f"task_scores, row 2, column 'onetsoc_code': {NOT_ONETSOC}b'\\xff1-1011.00'"


# 2 ------------------------------------------------------------ Arrow's binary, categories of bytes
@pytest.mark.parametrize("dtype", [pd.ArrowDtype(pa.binary()), pd.ArrowDtype(pa.large_binary()), "category"],
                         ids=str)
def test_2_a_column_of_bytes_is_refused_whatever_its_type(dtype):
    ts = _scores_with(b"11-1011.00", dtype)
    assert first_bad_onetsoc_code(ts["onetsoc_code"]) == (0, f"{NOT_ONETSOC}b'11-1011.00'")
    assert _rollup_error(ts) == f"task_scores, row 1, column 'onetsoc_code': {NOT_ONETSOC}b'11-1011.00'"


def test_2_onet_to_soc_map_refuses_a_binary_crosswalk_as_one_of_bytes():
    for dtype in (object, pd.ArrowDtype(pa.binary())):
        cw = pd.DataFrame({"onetsoc_code": pd.Series([b"11-1011.00", b"11-1011.03"], dtype=dtype),
                           "soc_code": ["11-1011", "11-1011"]})
        with pytest.raises(DataFormatError) as info:
            crosswalks.onet_to_soc_map(cw)
        assert str(info.value) == f"crosswalk, row 1, column 'onetsoc_code': {NOT_ONETSOC}b'11-1011.00'"


def test_2_arrow_binary_not_utf8_is_refused_too():
    codes = pd.Series([b"\xff1-1011"], dtype=pd.ArrowDtype(pa.binary()))
    assert first_bad_soc_code(codes) == (0, "not a SOC code (like 11-1011): b'\\xff1-1011'")


def test_2_text_codes_of_any_type_still_pass():  # a guard: passed before too
    for dtype in (object, "string", pd.ArrowDtype(pa.string()), "category"):
        codes = pd.Series(["11-1011.00", "43-9061.00", None], dtype=dtype)
        assert first_bad_onetsoc_code(codes.dropna()) is None


# 3 ------------------------------------------------------------ memoryview and bytearray shown as bytes
@pytest.mark.parametrize("cell, shown", [(memoryview(b"11-1011"), "memoryview(b'11-1011')"),
                                         (bytearray(b"11-1011"), "bytearray(b'11-1011')")],
                         ids=["memoryview", "bytearray"])
def test_3_binary_cells_are_shown_as_bytes(cell, shown):
    codes = pd.Series(["11-1011", cell], dtype=object)
    assert first_bad_soc_code(codes) == (1, f"not a SOC code (like 11-1011): {shown}")


# 4 ------------------------------------------------------------ a date among O*NET-SOC codes
@pytest.mark.parametrize("cell", ["2011-11-01 00:00:00", "2011-11-01T00:00:00", "2011-11-01"])
def test_4_a_date_among_onetsoc_codes_is_told_the_onetsoc_code(cell):
    assert code_hint(cell, ONETSOC_PATTERN) == DATE_SAID
    assert first_bad_onetsoc_code(pd.Series([cell]))[1] == f"{NOT_ONETSOC}{cell!r}{DATE_SAID}"


def test_4_to_occupations_gives_a_code_it_takes():
    ts = four_task_scores()
    ts.loc[1, "onetsoc_code"] = "2011-11-01 00:00:00"
    assert _rollup_error(ts) == (f"task_scores, row 2, column 'onetsoc_code': {NOT_ONETSOC}'2011-11-01 00:00:00'"
                                 f"{DATE_SAID}")


def test_4_a_workbook_date_in_the_onetsoc_column_of_a_crosswalk(tmp_path):
    header = ["O*NET-SOC 2019 Code", "O*NET-SOC 2019 Title", "2018 SOC Code", "2018 SOC Title"]
    path = _xlsx(tmp_path, "x.xlsx", [header, [datetime.datetime(2011, 11, 1), "Advertising", "11-2011", "A"]])
    with pytest.raises(DataFormatError) as info:
        crosswalks.read_onet_to_soc(path)
    assert str(info.value).endswith("got '2011-11-01T00:00:00'" + DATE_SAID)
    assert str(info.value).startswith(f"{path}, row 2, column 'O*NET-SOC 2019 Code': ")


def test_4_onetsoc_2010_codes_are_asked_for_the_suffix(tmp_path):
    said = (": a date? a spreadsheet read the code 11-2011 as one: a SOC code? an O*NET-SOC code has a two-digit "
            "suffix: write the O*NET-SOC code meant ('11-2011.00' if its suffix was 00)")
    assert code_hint("2011-11-01", ONETSOC_PATTERN, other_kind=False) == said
    header = ["O*NET-SOC 2010 Code", "O*NET-SOC 2010 Title", "2018 SOC Code", "2018 SOC Title"]
    path = _xlsx(tmp_path, "x.xlsx", [header, [datetime.datetime(2011, 11, 1), "Advertising", "11-2011", "A"]])
    with pytest.raises(DataFormatError) as info:
        crosswalks.read_soc_2010_to_2018(path)
    assert str(info.value) == (f"{path}, row 2, column 'O*NET-SOC 2010 Code': O*NET-SOC 2010 Code must be an "
                               f"O*NET-SOC 2010 code (like 11-1011.00), got '2011-11-01T00:00:00'{said}")


def test_4_a_date_as_text_among_onetsoc_codes():
    assert code_hint("Nov-11", ONETSOC_PATTERN) == (
        ": a date? a spreadsheet read a code 11-XXXX as November of a year and saved it so, which no longer "
        "tells the code: a SOC code? an O*NET-SOC code has a two-digit suffix: write the O*NET-SOC code meant "
        "(11-XXXX.00 for the SOC occupation itself)")


def test_4_soc_codes_are_told_as_before():  # a guard: passed before too
    assert code_hint("2011-11-01", SOC_PATTERN) == (
        ": a date? a spreadsheet read the code 11-2011 as one; take the codes from the source again and import "
        "that column as Text when opening the file, or type the code with a leading apostrophe ('11-2011)")
    assert code_hint("Nov-11", SOC_PATTERN).endswith(
        "take the codes from the source again, and open a CSV in a spreadsheet with that column as text")


# 5 ------------------------------------------------------------ SOC minor groups of the structure
@pytest.mark.parametrize("codes", [["29-1000", "29-1221"], ["47-2000", "47-2111"], ["11-3000", "11-3110"],
                                   ["29-1000", "29-1210"], ["15-1200", "15-1252"], ["31-1100", "31-1131"]],
                         ids="-".join)
def test_5_a_minor_group_beside_its_code_is_seen(codes):
    assert crosswalks.first_nested_code(codes) == (1, 0, "a SOC minor group")


def test_5_oews_code_map_refuses_a_minor_group_beside_its_code():
    with pytest.raises(DataFormatError) as info:
        crosswalks.oews_code_map(["29-1221"], ["29-1000", "29-1221"])
    assert str(info.value).startswith("oews_codes holds '29-1000' (position 0), a SOC minor group, and '29-1221' "
                                      "(position 1), which it holds: ")


def test_5_codes_of_other_minor_groups_are_not_held():  # a guard: passed before too
    assert crosswalks.first_nested_code(["29-2000", "29-1221", "15-1200", "15-2011", "51-5100", "51-5111"]) == (
        5, 4, "a SOC minor group")
    assert crosswalks.first_nested_code(["29-2000", "29-1221", "15-1200", "15-2011", "51-4000", "51-5111"]) is None
