"""Fault round 44: OEWS cells and lines a new release or a user's file may hold (:func:`exposure.oews.read_oews`).

1. ``#`` in ``TOT_EMP`` (BLS's mark of a wage at or above the top-code, never of an
   employment: a wage column shifted into ``TOT_EMP``): read as missing, without the
   ``tot_emp_not_released`` flag nor a word, and counted by the roll-ups as a suppressed
   cell. Still read so (as ``employment_frame`` reads it), now with a warning, once for
   the file, giving the count and the first line.
2. A blank wage cell (``H_MEAN``, ``A_MEDIAN``, a percentile: BLS writes ``*`` or ``#``
   there): read as missing without a flag nor a word (a blank ``TOT_EMP`` is warned since
   round 41). Still read so, now with a warning, once for the file, giving the columns,
   the count and the first line.
3. Annual wages in thousands of dollars (``A_MEAN`` 45.3 for 45,300, next to ``H_MEAN``
   21.78): read as given. Now refused where a row has both wages and the annual one is
   2.08 times the hourly one, within 10 % (BLS's is 2,080 times; the registered tables
   have 2,078.8 to 2,081.1); other ratios are not checked (made-up tables give any).
4. BLS's legend lines below the rows of a ``.csv`` (``* = indicates that a wage estimate
   is not available``, ``** = ...``, ``# = ...``), padded with commas or not: refused as
   ``too few fields`` / ``empty line`` / a row without a title. Now read as footnotes.
5. A fractional ``TOT_EMP`` (``1234.5``) was refused as ``not an integer: '1234.5'`` only,
   without the column's name or what it holds. Now says ``TOT_EMP must be a whole number
   of workers``.
6. ``ANNUAL`` and ``HOURLY`` both TRUE on a row (BLS: only annual wages published, only
   hourly ones published; never both): read as given. Now refused, naming the row.
7. A wage of 0 (a program writing a missing wage as 0; BLS writes ``*``): read as a wage
   of 0 and averaged in. Now refused, naming the cell.

Tiny made-up files in the real formats, written by the tests.
"""

from __future__ import annotations

import pytest
from _frames import write_text, write_xlsx

from exposure import oews
from exposure.errors import DataFormatError

HEAD = ("AREA,AREA_TITLE,AREA_TYPE,PRIM_STATE,NAICS,NAICS_TITLE,I_GROUP,OWN_CODE,OCC_CODE,OCC_TITLE,"
        "O_GROUP,TOT_EMP,EMP_PRSE,H_MEAN,A_MEAN,MEAN_PRSE,H_MEDIAN,A_MEDIAN,ANNUAL,HOURLY")
WIDTH = HEAD.count(",") + 1
WAGES = '100.50,"209,040",0.5,95.10,"197,810"'


def _row(code="11-1011", title="Chief Executives", level="detailed", emp='"211,850"', wages=WAGES, flags=","):
    return f"99,U.S.,1,US,000000,Cross-industry,cross-industry,1235,{code},{title},{level},{emp},1.2,{wages},{flags}"


def _total(emp='"1,000,000"'):
    return _row("00-0000", "All Occupations", "total", emp)


def _csv(tmp_path, *lines, name="national_M2026_dl.csv"):
    return write_text(tmp_path, name, "\n".join([HEAD, *lines]) + "\n")


def _warnings(caplog):
    return [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]


# 1. '#' in TOT_EMP ---------------------------------------------------------------------------------


def test_top_code_mark_in_tot_emp_is_warned(tmp_path, caplog):
    path = _csv(tmp_path, _total(), _row(emp="#"), _row("11-1021", "Managers", emp="#"))
    with caplog.at_level("WARNING", logger="exposure.oews"):
        frame = oews.read_oews(path)
    assert frame["tot_emp"].isna().tolist() == [False, True, True]  # as employment_frame reads it
    said = _warnings(caplog)
    assert len(said) == 1 and str(path) in said[0]
    assert "TOT_EMP is # on 2 row(s) (first: row 3)" in said[0] and "never of an employment" in said[0]


def test_top_code_mark_in_wages_is_still_read_as_top_coded(tmp_path):
    frame = oews.read_oews(_csv(tmp_path, _total(), _row(wages='#,#,0.5,#,#')))
    assert bool(frame["a_mean_top_coded"][1]) and bool(frame["any_top_coded"][1])


# 2. blank wage cells --------------------------------------------------------------------------------


def test_blank_wages_are_read_with_one_warning(tmp_path, caplog):
    path = _csv(tmp_path, _total(), _row(wages='100.50,,0.5,95.10,"197,810"'),
                _row("11-1021", "Managers", wages='50.00,"104,000",0.5,,'))
    with caplog.at_level("WARNING", logger="exposure.oews"):
        frame = oews.read_oews(path)
    assert frame["a_mean"].isna().tolist() == [False, True, False]
    assert not frame["a_mean_not_released"].any()
    said = _warnings(caplog)
    assert len(said) == 1
    assert "A_MEAN (1), H_MEDIAN (1), A_MEDIAN (1)" in said[0]
    assert "first: row 3, column A_MEAN" in said[0] and str(path) in said[0]


def test_blank_wage_in_a_workbook_is_warned(tmp_path, caplog):
    head = HEAD.split(",")
    row = ["99", "U.S.", "1", "US", "000000", "Cross-industry", "cross-industry", "1235", "11-1011", "CEOs",
           "detailed", 1000, 1.2, None, 209040, 0.5, 95.1, 197810, None, None]
    path = write_xlsx(tmp_path, "national_M2026_dl.xlsx", [head, row])
    with caplog.at_level("WARNING", logger="exposure.oews"):
        oews.read_oews(path)
    assert any("H_MEAN (1)" in s and "first: row 2, column H_MEAN" in s for s in _warnings(caplog))


def test_wages_as_bls_writes_them_give_no_warning(tmp_path, caplog):
    path = _csv(tmp_path, _total(), _row(wages='*,"209,040",0.5,*,#', flags="TRUE,"))
    with caplog.at_level("WARNING", logger="exposure.oews"):
        oews.read_oews(path)
    assert not _warnings(caplog)


# 3. annual wages in thousands ------------------------------------------------------------------------


@pytest.mark.parametrize(("wages", "column", "said"), [
    ("21.78,45.3,0.5,20.10,41.8", "A_MEAN", "A_MEAN 45.3 is 2.08 times H_MEAN 21.78"),
    ('21.78,"45,300",0.5,20.10,41.8', "A_MEDIAN", "A_MEDIAN 41.8 is 2.08 times H_MEDIAN 20.1"),
])
def test_annual_wage_in_thousands_is_refused(tmp_path, wages, column, said):
    path = _csv(tmp_path, _total(), _row(wages=wages))
    with pytest.raises(DataFormatError, match="thousands of dollars") as info:
        oews.read_oews(path)
    assert said in info.value.reason
    assert (info.value.row, info.value.column) == (3, column)


@pytest.mark.parametrize(("wages", "annual"), [('7.25,"15,080",0.5,7.25,"15,080"', 15080.0),
                                               ("1,1,0.5,1,1", 1.0), ("50,150,0.5,40,120", 150.0)])
def test_annual_wages_of_other_ratios_are_read(tmp_path, wages, annual):
    frame = oews.read_oews(_csv(tmp_path, _total(), _row(wages=wages)))
    assert frame["a_mean"].tolist()[1] == annual


# 4. legend lines below the rows ----------------------------------------------------------------------

LEGEND = ["* = indicates that a wage estimate is not available",
          "** = indicates that an employment estimate is not available",
          "# = indicates a wage equal to or greater than $115.00 per hour or $239,200 per year",
          "~ =indicates that the percent of establishments reporting the occupation is less than 0.5%"]


@pytest.mark.parametrize("notes", [
    LEGEND[:1],
    LEGEND,
    ["", *LEGEND],
    [line + "," * (WIDTH - 1) for line in LEGEND[:2]],
    ["," * (WIDTH - 1), LEGEND[2].replace("$239,200", '"$239,200"') + "," * (WIDTH - 1)],
])
def test_legend_lines_are_read_as_footnotes(tmp_path, notes):
    frame = oews.read_oews(_csv(tmp_path, _total(), _row(), *notes))
    assert frame["occ_code"].tolist() == ["00-0000", "11-1011"]


def test_legend_lines_below_the_rows_of_a_workbook_are_footnotes(tmp_path):
    """With no blank row above, a workbook's legend was refused (``NAICS_TITLE is blank``)."""
    head = HEAD.split(",")
    row = ["99", "U.S.", "1", "US", "000000", "Cross-industry", "cross-industry", "1235", "11-1011", "CEOs",
           "detailed", 1000, 1.2, 100.5, 209040, 0.5, 95.1, 197810, None, None]
    path = write_xlsx(tmp_path, "national_M2026_dl.xlsx", [head, row, *([line] for line in LEGEND)])
    assert oews.read_oews(path)["occ_code"].tolist() == ["11-1011"]


def test_legend_line_followed_by_a_row_is_still_refused(tmp_path):
    with pytest.raises(DataFormatError) as info:
        oews.read_oews(_csv(tmp_path, _total(), LEGEND[0], _row()))
    assert info.value.row == 3


# 5. a fractional TOT_EMP ----------------------------------------------------------------------------


@pytest.mark.parametrize("emp", ["1234.5", '"1,234.5"'])
def test_fractional_employment_names_the_column(tmp_path, emp):
    path = _csv(tmp_path, _total(), _row(emp=emp))
    with pytest.raises(DataFormatError,
                       match=r"TOT_EMP must be a whole number of workers \(OEWS counts jobs\), got '1,?234.5'") as info:
        oews.read_oews(path)
    assert (info.value.row, info.value.column, str(info.value.path)) == (3, "TOT_EMP", str(path))


# 6. ANNUAL and HOURLY both TRUE ----------------------------------------------------------------------


def test_annual_and_hourly_both_true_is_refused(tmp_path):
    path = _csv(tmp_path, _total(), _row(wages='*,"209,040",0.5,*,"197,810"', flags="TRUE,TRUE"))
    with pytest.raises(DataFormatError, match="ANNUAL and HOURLY are both TRUE") as info:
        oews.read_oews(path)
    assert (info.value.row, info.value.column) == (3, "HOURLY")


# 7. a wage of 0 -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("wages", "column"), [("0,0,0.5,95.10,\"197,810\"", "H_MEAN"),
                                               ('100.50,"209,040",0.5,95.10,0.00', "A_MEDIAN")])
def test_zero_wage_is_refused(tmp_path, wages, column):
    path = _csv(tmp_path, _total(), _row(wages=wages))
    with pytest.raises(DataFormatError, match=f"{column} is 0") as info:
        oews.read_oews(path)
    assert (info.value.row, info.value.column) == (3, column)


def test_zero_relative_standard_error_is_still_read(tmp_path):
    frame = oews.read_oews(_csv(tmp_path, _total(), _row(wages='100.50,"209,040",0.0,95.10,"197,810"')))
    assert frame["mean_prse"].tolist()[1] == 0.0
