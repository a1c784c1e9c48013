"""Fault round 41: OEWS files as BLS exports or users deliver them (:func:`exposure.oews.read_oews`).

1. A footnote line ending a CSV, not padded with commas, whose prose holds as many commas
   as the header (``Note: estimates exclude farms, private households, ...``) or more: read
   as a row and refused in words about its cells (``I_GROUP must be cross-industry, ...,
   got ' b'``), as ``too many fields`` at its line, or (below a ``Footnotes:`` line) as
   ``too few fields``. Now read as footnotes (a line whose ``OCC_CODE`` field is not a SOC
   code, from a line starting as a footnote does); a short line above them, or
   footnotes followed by a row, keep their error naming the line.
2. A blank ``TOT_EMP`` cell (BLS writes ``**`` where employment is not released): read as
   missing without the ``tot_emp_not_released`` flag, and counted by the roll-ups as a
   suppressed cell without a word. Still read so (as ``employment_frame`` reads it), now
   with a warning, once for the file, giving the count and the first line.
3. An annual wage below the hourly wage of its row (the hourly and annual columns
   swapped): read as given. Now refused, naming the annual cell.
4. Wage percentiles that do not rise (10th, 25th, median, 75th, 90th: columns in another
   order than the header says): read as given. Now refused, naming the cell.
5. A top-coded wage written as its cap (``>=239,200``, ``≥115.00``) or a number with ``$``
   or ``%`` was refused without saying what BLS writes; the error now says it (``BLS
   writes # there``, ``write the number without $ or %``).

Tiny made-up files in the real formats, written by the tests.
"""

from __future__ import annotations

import pytest
from _frames import write_text, write_xlsx

from exposure import oews
from exposure.errors import DataFormatError
from exposure.rollup import to_sectors

HEAD = ("AREA,AREA_TITLE,AREA_TYPE,PRIM_STATE,NAICS,NAICS_TITLE,I_GROUP,OWN_CODE,OCC_CODE,OCC_TITLE,"
        "O_GROUP,TOT_EMP,EMP_PRSE,H_MEAN,A_MEAN,MEAN_PRSE,H_MEDIAN,A_MEDIAN,ANNUAL,HOURLY")
WIDTH = HEAD.count(",") + 1


def _row(naics="000000", group="cross-industry", code="11-1011", title="Chief Executives", level="detailed",
         emp='"211,850"', wages='100.50,"209,040",0.5,95.10,"197,810"'):
    return f"99,U.S.,1,US,{naics},Industry,{group},1235,{code},{title},{level},{emp},1.2,{wages},,"


def _total(naics="000000", group="cross-industry", emp='"1,000,000"'):
    return _row(naics, group, "00-0000", "All Occupations", "total", emp)


def _csv(tmp_path, *lines, name="national_M2026_dl.csv", head=HEAD):
    return write_text(tmp_path, name, "\n".join([head, *lines]) + "\n")


#: A footnote whose prose holds as many unquoted commas as the header.
WIDE = "Note: " + ", ".join(f"part {k}" for k in range(WIDTH))


# 1. footnote lines whose prose holds commas ---------------------------------------------------


@pytest.mark.parametrize("notes", [
    [WIDE],                                            # as many fields as the header
    ["Footnotes:", WIDE],                              # below a one-field line
    ["", "Note: " + ", ".join(["x"] * (WIDTH + 3))],   # more fields than the header, a blank line above
    ["Source: BLS, " + ",".join(["x"] * WIDTH), "(1) Not summed, see the totals."],
])
def test_footnote_with_commas_in_its_prose_is_read_as_a_footnote(tmp_path, notes):
    path = _csv(tmp_path, _total(), _row(), *notes)
    frame = oews.read_oews(path)
    assert frame["occ_code"].tolist() == ["00-0000", "11-1011"]
    assert frame["tot_emp"].tolist() == [1_000_000, 211_850]


def test_wide_footnote_below_a_short_line_keeps_the_short_lines_error(tmp_path):
    path = _csv(tmp_path, _total(), _row(), "99,U.S.,1,US,000000", WIDE)
    with pytest.raises(DataFormatError, match="too few fields") as info:
        oews.read_oews(path)
    assert info.value.row == 4 and str(info.value.path) == str(path)


def test_wide_footnote_followed_by_a_row_is_still_refused(tmp_path):
    path = _csv(tmp_path, _total(), WIDE, _row())
    with pytest.raises(DataFormatError) as info:
        oews.read_oews(path)
    assert info.value.row == 3


def test_error_above_wide_footnotes_names_the_file_and_line(tmp_path):
    path = _csv(tmp_path, _total(), _row(emp="n/a"), WIDE)
    with pytest.raises(DataFormatError, match="TOT_EMP must be a number") as info:
        oews.read_oews(path)
    assert info.value.row == 3 and str(info.value.path) == str(path)


def test_footnote_after_a_long_table_names_the_right_line(tmp_path):
    rows = [_row(code=f"11-{1011 + k}") for k in range(800)]  # more than the 64 KB looked at
    path = _csv(tmp_path, _total(emp='"9,000,000"'), *rows[:-1], _row(code="11-1810", emp="n/a"), WIDE)
    with pytest.raises(DataFormatError, match="TOT_EMP must be a number") as info:
        oews.read_oews(path)
    assert info.value.row == 802
    path = _csv(tmp_path, _total(emp='"9,000,000"'), *rows, WIDE)
    assert len(oews.read_oews(path)) == 801


# 2. a blank TOT_EMP -----------------------------------------------------------------------------


@pytest.mark.parametrize("emp", ["", '" "'])
def test_blank_employment_is_read_with_a_warning_naming_the_count_and_line(tmp_path, caplog, emp):
    path = _csv(tmp_path, _total(), _row(code="11-1021", title="Managers"), _row(emp=emp),
                _row(code="11-2011", title="Advertising", emp=emp))
    with caplog.at_level("WARNING", logger="exposure.oews"):
        frame = oews.read_oews(path)
    assert frame["tot_emp"].isna().tolist() == [False, False, True, True]
    said = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert said == [f"{path}: TOT_EMP is blank on 2 row(s) (first: row 4): read as missing, not flagged as not "
                    "released, and counted by the roll-ups as suppressed cells; BLS writes ** where employment "
                    "is not released"]


def test_blank_employment_in_a_workbook_is_warned(tmp_path, caplog):
    head = HEAD.split(",")
    row = [99, "U.S.", 1, "US", "000000", "Industry", "cross-industry", 1235, "11-1011", "Chief Executives",
           "detailed", None, 1.2, 100.5, 209040, 0.5, 95.1, 197810, None, None]
    path = write_xlsx(tmp_path, "national_M2026_dl.xlsx", [head, row])
    with caplog.at_level("WARNING", logger="exposure.oews"):
        oews.read_oews(path)
    assert any("TOT_EMP is blank on 1 row(s) (first: row 2)" in r.getMessage() for r in caplog.records)


def test_numbers_and_bls_marks_in_tot_emp_give_no_warning(tmp_path, caplog):
    path = _csv(tmp_path, _total(), _row(emp="**"), _row(code="11-1021", title="Managers", emp="1500"))
    with caplog.at_level("WARNING", logger="exposure.oews"):
        oews.read_oews(path)
    assert not [r for r in caplog.records if r.levelname == "WARNING"]


def test_not_released_employment_is_still_read_and_rolled_up_as_suppressed(tmp_path):
    path = _csv(tmp_path, _total(naics="11", group="sector", emp="120"),
                _row(naics="11", group="sector", emp="100"),
                _row(naics="11", group="sector", code="13-1020", title="Buyers", emp="**"))
    frame = oews.read_oews(path)
    assert frame["tot_emp_not_released"].tolist() == [False, False, True]
    import pandas as pd
    soc = pd.DataFrame({"soc_code": ["11-1011", "13-1020"], "alpha": [0.5, 0.1], "beta": [0.6, 0.1],
                        "gamma": [0.7, 0.2]})
    out = to_sectors(soc, frame)
    assert out["suppressed_cells"].tolist() == [1] and out["suppressed_emp"].tolist() == [20.0]


# 3. annual wage against hourly wage ------------------------------------------------------------


@pytest.mark.parametrize("wages, said", [
    ('"209,040",100.50,0.5,95.10,"197,810"', "A_MEAN 100.5 is below H_MEAN 209040"),
    ('100.50,"209,040",0.5,"197,810",95.10', "A_MEDIAN 95.1 is below H_MEDIAN 197810"),
])
def test_annual_wage_below_the_hourly_is_refused(tmp_path, wages, said):
    path = _csv(tmp_path, _total(), _row(wages=wages))
    with pytest.raises(DataFormatError, match="are the hourly and annual columns swapped") as info:
        oews.read_oews(path)
    assert said in str(info.value) and info.value.row == 3


def test_wages_as_bls_writes_them_are_read(tmp_path):
    path = _csv(tmp_path, _total(), _row(wages='8.60,"17,890",0.5,*,#'),
                _row(code="11-1021", title="Managers", wages='*,"209,040",0.5,#,"197,810"'),
                _row(code="11-2011", title="Advertising", wages="1,1,0.5,1,1"))  # a made-up table's wages
    frame = oews.read_oews(path)
    assert frame["a_mean"].tolist()[1:] == [17890.0, 209040.0, 1.0]


# 4. percentiles in order -----------------------------------------------------------------------


def test_percentiles_out_of_order_are_refused(tmp_path):
    head = HEAD.replace("ANNUAL", "A_PCT10,A_PCT25,A_PCT75,A_PCT90,ANNUAL")
    good = '"100,000","150,000","250,000",#'
    bad = '"100,000","90,000","250,000",#'
    rows = [line[:-2] + f",{p},," for line, p in ((_total()[:-2] + ",,", good), (_row()[:-2] + ",,", bad))]
    path = _csv(tmp_path, *rows, head=head)
    with pytest.raises(DataFormatError, match="A_PCT25 90000 is below A_PCT10 100000 on this row: the "
                                              "percentiles of a wage rise") as info:
        oews.read_oews(path)
    assert info.value.row == 3 and info.value.column == "A_PCT25"
    path = _csv(tmp_path, rows[0], rows[0].replace("00-0000,All Occupations,total", "11-1011,CEO,detailed")
                .replace('"1,000,000"', "10"), head=head)
    assert oews.read_oews(path)["a_pct90"].isna().all()


def test_percentiles_below_the_median_are_refused(tmp_path):
    head = HEAD.replace("ANNUAL", "A_PCT75,ANNUAL")
    path = _csv(tmp_path, _total()[:-2] + ',"198,000",,', _row()[:-2] + ',"150,000",,', head=head)
    with pytest.raises(DataFormatError, match="A_PCT75 150000 is below A_MEDIAN 197810") as info:
        oews.read_oews(path)
    assert info.value.row == 3


# 5. a top-coded wage written as its cap, $ and % ------------------------------------------------


@pytest.mark.parametrize("wages, col, hint", [
    ('100.50,">=239,200",0.5,95.10,"197,810"', "A_MEAN", "a wage at or above the top-code: BLS writes # there"),
    ('\u2265115.00,"209,040",0.5,95.10,"197,810"', "H_MEAN", "a wage at or above the top-code: BLS writes # there"),
    ('$100.50,"209,040",0.5,95.10,"197,810"', "H_MEAN", "write the number without $ or %"),
    ('100.50,"209,040",0.5%,95.10,"197,810"', "MEAN_PRSE", "write the number without $ or %"),
])
def test_cap_dollar_or_percent_says_what_to_write(tmp_path, wages, col, hint):
    path = _csv(tmp_path, _total(), _row(wages=wages))
    with pytest.raises(DataFormatError, match="must be a number or a BLS special value") as info:
        oews.read_oews(path)
    assert hint in str(info.value) and info.value.column == col and info.value.row == 3
