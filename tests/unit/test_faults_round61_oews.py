"""Fault round 61: OEWS tables as BLS publishes them in other years and levels (:func:`exposure.oews.read_oews`).

1. A ``4-digit`` row holding a 3-digit industry code (``327000``): BLS's field
   descriptions say that industries OEWS publishes no further than the 3-digit level
   "appear twice, once with the 3-digit and once with the 4-digit designation", so BLS's
   own 4-digit table (``nat4d_M<year>_dl``) has such rows. Before: refused as ``NAICS
   '327000' is not a code of I_GROUP '4-digit' (four digits: ...): a 3-digit code on a
   4-digit row?`` (so ``exposure validate --file oews nat4d_M2024_dl.xlsx`` exited 2). Now
   read; a sector code on a 4-digit row is still refused.
2. BLS's national table up to May 2018 (``national_M2018_dl.xlsx``: ``OCC_CODE``,
   ``OCC_TITLE``, ``OCC_GROUP``, ``TOT_EMP``, ...), which has no industry columns. Before:
   refused as ``missing column(s) 'NAICS', 'NAICS_TITLE', 'I_GROUP'``, though its
   ``OCC_GROUP`` (BLS's name up to May 2018) is read since round 33; a state or
   metropolitan table of those years was refused so too, not as another area. Now read as
   the cross-industry table (``000000``, ``Cross-industry``, ``cross-industry``, as BLS's
   later national tables give them; INFO); a file with one of the three columns keeps the
   missing-column error, and a state table is refused by its ``AREA``.
3. A detailed occupation code (its last digit not 0: ``11-1011``) marked ``broad`` or
   ``minor`` in ``O_GROUP``. Before: read as given, and the roll-ups, which take the
   detailed rows only, left the occupation and its workers out without a word. Now
   refused, naming the row and column (every such code of the May 2021-2025 tables is
   ``detailed``); ``13-1020`` (broad and detailed) and ``15-1200`` (minor) read as before.

Tiny made-up files in the real formats, written by the tests.
"""

from __future__ import annotations

import logging

import pytest
from _frames import write_text, write_xlsx
from test_faults_cli import cli, one_error_line

from exposure import oews
from exposure.errors import DataFormatError, SchemaError

HEAD = ("AREA,AREA_TITLE,AREA_TYPE,PRIM_STATE,NAICS,NAICS_TITLE,I_GROUP,OWN_CODE,OCC_CODE,OCC_TITLE,"
        "O_GROUP,TOT_EMP,EMP_PRSE,H_MEAN,A_MEAN,MEAN_PRSE,H_MEDIAN,A_MEDIAN,ANNUAL,HOURLY")


def _row(naics="000000", group="cross-industry", code="11-1011", title="Chief Executives", level="detailed",
         emp='"211,850"', industry="Cross-industry"):
    return (f"99,U.S.,1,US,{naics},{industry},{group},1235,{code},{title},{level},{emp},1.2,"
            '100.50,"209,040",0.5,95.10,"197,810",,')


def _total(naics="000000", group="cross-industry", industry="Cross-industry"):
    return _row(naics, group, "00-0000", "All Occupations", "total", '"1,000,000"', industry)


def _csv(tmp_path, *lines, name="nat4d_M2026_dl.csv"):
    return write_text(tmp_path, name, "\n".join([HEAD, *lines]) + "\n")


# 1. a 3-digit industry on a 4-digit row, as BLS's nat4d file gives it ----------------------------


def test_three_digit_industry_on_a_four_digit_row_is_read(tmp_path):
    cement = "Nonmetallic Mineral Product Manufacturing"
    path = _csv(tmp_path, _total("327000", "4-digit", cement), _row("327000", "4-digit", industry=cement),
                _total("3250A1", "4-digit", "Chemical Manufacturing"), _total("325400", "4-digit", "Drugs"))
    frame = oews.read_oews(path)
    assert frame["naics"].tolist() == ["327000", "327000", "3250A1", "325400"]
    assert set(frame["i_group"]) == {"4-digit"}
    with pytest.raises(DataFormatError, match=r"row 2, column 'NAICS': NAICS '31-33' is not a code of I_GROUP "
                                              r"'4-digit' .*a sector code on a 4-digit row\?"):
        oews.read_oews(_csv(tmp_path, _total("31-33", "4-digit"), name="sector.csv"))


def test_bls_four_digit_table_passes_validate(tmp_path, capsys):
    cement = "Nonmetallic Mineral Product Manufacturing"
    path = _csv(tmp_path, _total("327000", "4-digit", cement), _row("327000", "4-digit", industry=cement))
    code, out, err = cli(capsys, "validate", "--file", "oews", path)
    assert code == 0, err
    assert "nat4d_M2026_dl.csv" in out


# 2. BLS's national table up to May 2018, without industry columns --------------------------------

HEAD_2018 = ["OCC_CODE", "OCC_TITLE", "OCC_GROUP", "TOT_EMP", "EMP_PRSE", "H_MEAN", "A_MEAN", "MEAN_PRSE",
             "H_PCT10", "H_PCT25", "H_MEDIAN", "H_PCT75", "H_PCT90", "A_PCT10", "A_PCT25", "A_MEDIAN",
             "A_PCT75", "A_PCT90", "ANNUAL", "HOURLY"]
ROWS_2018 = [
    ["00-0000", "All Occupations", "total", 144733270, 0.1, 24.98, 51960, 0.1, 10.8, 13.1, 18.58, 29.8, 45.7,
     22460, 27250, 38640, 62000, 95000, None, None],
    ["11-1011", "Chief Executives", "detailed", 210160, 0.7, 93.44, 194350, 0.3, 40.0, 60.0, "#", "#", "#",
     83000, 125000, "#", "#", "#", None, None],
    ["25-2021", "Elementary School Teachers", "detailed", 1410430, 0.6, "*", 62200, 0.2, "*", "*", "*", "*",
     "*", 38000, 46000, 57980, 75000, 95000, True, None],
]


def test_national_table_up_to_2018_is_read_as_cross_industry(tmp_path, caplog):
    path = write_xlsx(tmp_path, "national_M2018_dl.xlsx", [HEAD_2018, *ROWS_2018])
    with caplog.at_level(logging.INFO, logger="exposure.oews"):
        frame = oews.read_oews(path)
    assert frame["naics"].tolist() == ["000000"] * 3
    assert set(frame["naics_title"]) == {"Cross-industry"} and set(frame["i_group"]) == {"cross-industry"}
    assert frame["o_group"].tolist() == ["total", "detailed", "detailed"]
    assert frame["tot_emp"].tolist() == [144733270, 210160, 1410430]
    assert frame["a_median_top_coded"].tolist() == [False, True, False]
    assert frame["annual"].tolist() == [False, False, True]
    assert any("no NAICS, NAICS_TITLE or I_GROUP column" in r.getMessage() for r in caplog.records)


def test_national_table_up_to_2018_passes_validate(tmp_path, capsys):
    path = write_xlsx(tmp_path, "national_M2018_dl.xlsx", [HEAD_2018, *ROWS_2018])
    code, out, err = cli(capsys, "validate", "--file", "oews", path)
    assert code == 0, err
    assert "national_M2018_dl.xlsx" in out


def test_table_with_some_industry_columns_keeps_the_missing_column_error(tmp_path):
    rows = [["NAICS", *HEAD_2018], *(["000000", *r] for r in ROWS_2018)]
    with pytest.raises(DataFormatError, match=r"missing column\(s\) 'NAICS_TITLE', 'I_GROUP' in the header"):
        oews.read_oews(write_xlsx(tmp_path, "n.xlsx", rows))
    # and the layout up to 2018 is read
    assert len(oews.read_oews(write_xlsx(tmp_path, "national_M2018_dl.xlsx", [HEAD_2018, *ROWS_2018]))) == 3


def test_state_table_up_to_2018_is_refused_as_another_area(tmp_path, capsys):
    rows = [["AREA", "ST", "STATE", *HEAD_2018], *(["01", "AL", "Alabama", *r] for r in ROWS_2018)]
    path = write_xlsx(tmp_path, "state_M2018_dl.xlsx", rows)
    code, _, err = cli(capsys, "validate", "--file", "oews", path)
    line = one_error_line(err, command="validate")
    assert code == 2
    assert "state_M2018_dl.xlsx, row 2, column 'AREA': AREA must be 99 (national, the U.S.)" in line
    assert "got '01'" in line


# 3. a detailed occupation code marked broad or minor -------------------------------------------------


@pytest.mark.parametrize("group", ["broad", "minor"])
def test_detailed_code_marked_as_a_group_is_refused(tmp_path, capsys, group):
    path = _csv(tmp_path, _total(), _row(level=group), _row(code="13-1020", title="Buyers", level="broad"),
                _row(code="13-1020", title="Buyers"), _row(code="15-1200", title="Computer", level="minor"),
                name="national_M2026_dl.csv")
    with pytest.raises(SchemaError) as info:
        oews.read_oews(path)
    assert info.value.row == 3 and info.value.column == "O_GROUP"
    message = str(info.value)
    assert f"O_GROUP {group!r} does not fit OCC_CODE '11-1011', a detailed occupation code" in message
    assert "O_GROUP must be detailed there" in message and "left out" in message
    code, _, err = cli(capsys, "validate", "--file", "oews", path)
    line = one_error_line(err, command="validate")
    assert code == 2 and "national_M2026_dl.csv, row 3, column 'O_GROUP'" in line


def test_detailed_code_marked_as_a_group_is_refused_in_the_old_column_name(tmp_path):
    rows = [HEAD_2018, ROWS_2018[0], [*ROWS_2018[1][:2], "broad", *ROWS_2018[1][3:]]]
    with pytest.raises(SchemaError, match=r"row 3, column 'OCC_GROUP': OCC_GROUP 'broad' does not fit OCC_CODE "
                                          r"'11-1011', a detailed occupation code"):
        oews.read_oews(write_xlsx(tmp_path, "national_M2018_dl.xlsx", rows))
