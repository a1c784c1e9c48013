"""Fault round 68: OEWS tables read by :mod:`exposure.oews` (``read_oews``, ``load_oews``).

1. A workbook given as an :class:`os.DirEntry` (``for entry in os.scandir(folder):
   read_oews(entry)``), or as a path string ending in a slash (``national_M2024_dl.xlsx/``).
   Before: ``TypeError: read_xlsx_table() got an unexpected keyword argument 'sep'`` from
   inside (the reader chose the workbook reader by ``str(path)``, which is
   ``<DirEntry 'national_M2024_dl.xlsx'>``, and the table reader by the path's suffix).
   Now read as the workbook given by its path is.
2. BLS's 3-digit and 4-digit tables in one file (``nat3d`` and ``nat4d`` stacked, as the
   registered by-industry table stacks every level). BLS lists an industry it publishes no
   further than 3 digits twice, as ``3-digit`` and as ``4-digit`` (``327000``), as it lists
   ``13-1020`` as ``broad`` and as ``detailed``. Before: refused, with advice that would
   drop a level: ``stack.csv, row 5: NAICS/OCC_CODE/O_GROUP 327000/00-0000/total is given
   twice (rows 2 and 5): keep one row per industry and occupation`` (the schema
   :class:`~exposure.schemas.Employment` refused such a frame too). Now ``I_GROUP`` is
   part of the key, as ``O_GROUP`` is: the file is read, and rolls up as the file without
   its 4-digit rows does; a cell given twice at one level is still refused.
3. ``load_oews`` of a release the package does not register, whose ``nat3d`` file holds
   BLS's 4-digit table (``nat4d_M2026_dl.xlsx`` saved under its name in the data
   directory). Before: read and pinned in the lock file without a word, a by-industry
   table without a 3-digit row (the roll-ups then gave no subsector table). Now refused,
   naming the user's file and what it holds (``.../nat3d_M2026_dl.xlsx: no row of I_GROUP
   '3-digit', the industries BLS's nat3d file holds (its rows are of I_GROUP '4-digit'):
   is it another of BLS's tables under this name (nat4d, nat5d_6d)? ...``), nothing
   pinned; the right file put in its place is read and pinned.
4. BLS's national table up to May 2018 (no industry columns) saved as a ``.csv`` ending
   in footnote lines. Before: ``... 2 footnote line(s) below the table left out, from line
   5`` was logged twice (the file is read a second time without the industry columns). Now
   once.
5. An ``OCC_CODE`` that a spreadsheet turned into a date and saved into a ``.csv`` as text
   (BLS's CSV opened in Excel and saved again: ``11-2000`` becomes ``Nov-00``, ``11-2011``
   ``Nov-11`` or ``11/1/2011``), or an O*NET-SOC code (``15-1252.00``: a table merged with
   O*NET's). Before: ``OCC_CODE must be a SOC code written like 11-1011, got 'Nov-00'``
   (``... got '15-1252.00'``), with no word on what the value is, where the date cell of a
   workbook is said to be one (round 33). Now ``... got 'Nov-00' (a date: a spreadsheet
   read a code 11-XXXX as November of a year and saved it so, which no longer tells the
   code; take the codes from BLS's file again, and open a CSV in a spreadsheet with that
   column as text)``; ``... got '15-1252.00' (an O*NET-SOC code: OEWS writes the SOC code,
   15-1252)``.

Tiny made-up files in the real formats, written by the tests.
"""

from __future__ import annotations

import logging
import os

import pandas as pd
import pytest
from _fetch_helpers import store_in_tmp
from _frames import write_text, write_xlsx
from test_faults_cli import cli

from exposure import oews
from exposure.errors import DataFormatError, SchemaError
from exposure.schemas import Employment, validate

COLUMNS = ["AREA", "AREA_TITLE", "AREA_TYPE", "NAICS", "NAICS_TITLE", "I_GROUP", "OWN_CODE", "OCC_CODE",
           "OCC_TITLE", "O_GROUP", "TOT_EMP", "EMP_PRSE", "H_MEAN", "A_MEAN", "MEAN_PRSE", "H_MEDIAN",
           "A_MEDIAN", "ANNUAL", "HOURLY"]
#: Occupations of each industry: (code, title, level, employment).
OCCUPATIONS = [("00-0000", "All Occupations", "total", 3000), ("11-0000", "Management Occupations", "major", 1000),
               ("11-1011", "Chief Executives", "detailed", 1000)]


def _rows(naics: str, title: str, i_group: str) -> list:
    """The rows of one industry as BLS's workbooks hold them (numbers as numbers)."""
    return [["99", "U.S.", 1, naics, title, i_group, 1235, code, occ, group, emp, 1.2, 50.5, 105040, 0.8,
             45.2, 94020, None, None] for code, occ, group, emp in OCCUPATIONS]


def _csv(rows: list) -> str:
    """``rows`` as BLS's CSV writes them."""
    cells = [[("" if v is None else f'"{v}"' if "," in str(v) else str(v)) for v in row] for row in rows]
    return "\n".join(",".join(c) for c in [COLUMNS, *cells]) + "\n"


# ------------------------------------------------------------ 1. a workbook given as a DirEntry


def test_workbook_given_as_dir_entry_or_with_a_slash_is_read(tmp_path):
    path = write_xlsx(tmp_path, "national_M2024_dl.xlsx", [COLUMNS, *_rows("000000", "Cross-industry",
                                                                            "cross-industry")])
    expected = oews.read_oews(path)
    entry = next(e for e in os.scandir(tmp_path) if e.name == path.name)
    pd.testing.assert_frame_equal(oews.read_oews(entry), expected)
    pd.testing.assert_frame_equal(oews.read_oews(f"{path}/"), expected)
    assert list(expected["tot_emp"]) == [3000, 1000, 1000]


# ------------------------------------------------------------ 2. 3-digit and 4-digit tables stacked

STACKED = [*_rows("327000", "Nonmetallic Mineral Product Manufacturing", "3-digit"),
           *_rows("327000", "Nonmetallic Mineral Product Manufacturing", "4-digit")]


def test_industry_listed_as_3_digit_and_4_digit_is_read(tmp_path):
    frame = oews.read_oews(write_text(tmp_path, "stack.csv", _csv(STACKED)))
    assert list(frame["i_group"]) == ["3-digit"] * 3 + ["4-digit"] * 3
    assert list(frame["naics"]) == ["327000"] * 6
    assert len(validate(frame, Employment)) == 6  # the schema's key holds i_group too


def test_cell_given_twice_at_one_level_is_still_refused(tmp_path):
    rows = [*STACKED, STACKED[4]]
    with pytest.raises(SchemaError, match=r"stack\.csv, row 8: NAICS/OCC_CODE/O_GROUP 327000/11-0000/major is "
                                          r"given twice \(rows 6 and 8\): keep one row per industry"):
        oews.read_oews(write_text(tmp_path, "stack.csv", _csv(rows)))


def test_stacked_levels_roll_up_as_the_file_without_its_4_digit_rows(fixtures, tmp_path, capsys):
    d = fixtures / "rollup"
    text = (d / "oews_tiny.csv").read_text()
    four = [ln.replace(",3-digit,", ",4-digit,") for ln in text.splitlines() if ",113000," in ln]
    assert four  # the fixture has 3-digit rows
    stacked = write_text(tmp_path, "stacked.csv", text + "\n".join(four) + "\n")
    outputs = {}
    for name, employment in [("plain", d / "oews_tiny.csv"), ("stacked", stacked)]:
        code, _, err = cli(capsys, "rollup", d / "task_scores_tiny.csv", "-o", tmp_path / name, "--crosswalk",
                           d / "onet_to_soc_tiny.csv", "--employment", employment)
        assert code == 0, err
        outputs[name] = pd.read_parquet(tmp_path / name / "subsector_scores.parquet")
    assert len(outputs["plain"]) == 1
    pd.testing.assert_frame_equal(outputs["stacked"], outputs["plain"])


# ------------------------------------------------------------ 3. a new release's nat3d holding 4-digit rows


@pytest.fixture
def offline(tmp_path, monkeypatch):
    """A data directory of one's own; no mirror, and no server where a download would go."""
    return store_in_tmp(tmp_path, monkeypatch, (("https://www.bls.gov", "http://127.0.0.1:9/bls"),))


def test_nat3d_file_holding_the_4_digit_table_is_refused_and_not_pinned(offline, tmp_path):
    nat, in4 = offline.cache / "oesm26nat", offline.cache / "oesm26in4"
    nat.mkdir(parents=True)
    in4.mkdir()
    write_xlsx(nat, "national_M2026_dl.xlsx", [COLUMNS, *_rows("000000", "Cross-industry", "cross-industry")])
    write_xlsx(in4, "natsector_M2026_dl.xlsx", [COLUMNS, *_rows("31-33", "Manufacturing", "sector")])
    wrong = write_xlsx(in4, "nat3d_M2026_dl.xlsx", [COLUMNS, *_rows("327300", "Cement and Concrete", "4-digit")])
    with pytest.raises(DataFormatError) as info:
        oews.load_oews("2026", "by_industry", store=offline)
    message = str(info.value)
    assert message.startswith(f"{wrong}: no row of I_GROUP '3-digit', the industries BLS's nat3d file holds "
                              "(its rows are of I_GROUP '4-digit'): is it another of BLS's tables under this "
                              "name (nat4d, nat5d_6d)? The table would have no 3-digit rows"), message
    assert "nothing was pinned" in message
    assert not offline.lock_path.exists()
    # the right file put in its place is read, and the three files pinned
    write_xlsx(in4, "nat3d_M2026_dl.xlsx", [COLUMNS, *_rows("327000", "Nonmetallic Mineral Products", "3-digit")])
    frame = oews.load_oews("2026", "by_industry", store=offline)
    assert set(frame["i_group"]) == {"cross-industry", "sector", "3-digit"}
    assert len(offline.lock.entries()) == 3


def test_natsector_file_holding_no_sector_row_is_refused(offline):
    nat, in4 = offline.cache / "oesm26nat", offline.cache / "oesm26in4"
    nat.mkdir(parents=True)
    in4.mkdir()
    write_xlsx(nat, "national_M2026_dl.xlsx", [COLUMNS, *_rows("000000", "Cross-industry", "cross-industry")])
    write_xlsx(in4, "natsector_M2026_dl.xlsx", [COLUMNS, *_rows("327300", "Cement and Concrete", "4-digit")])
    write_xlsx(in4, "nat3d_M2026_dl.xlsx", [COLUMNS, *_rows("327000", "Nonmetallic Mineral Products", "3-digit")])
    with pytest.raises(DataFormatError, match=r"natsector_M2026_dl\.xlsx: no row of I_GROUP 'sector'"):
        oews.load_oews("2026", "by_industry", store=offline)
    assert not offline.lock_path.exists()


# ------------------------------------------------------------ 4. footnotes of a May 2018 layout said once

OLD = ("OCC_CODE,OCC_TITLE,OCC_GROUP,TOT_EMP,EMP_PRSE,H_MEAN,A_MEAN,MEAN_PRSE,H_MEDIAN,A_MEDIAN\n"
       '00-0000,All Occupations,total,"144,733,270",0.1,24.98,"51,960",0.1,18.58,"38,640"\n'
       '11-1011,Chief Executives,detailed,"210,160",1.1,96.22,"200,140",0.5,#,#\n'
       "\nFootnotes:\n(1) Estimates for detailed occupations do not sum to the totals.\n")


def test_footnotes_of_the_2018_layout_are_said_once(tmp_path, caplog):
    path = write_text(tmp_path, "national_M2018_dl.csv", OLD)
    with caplog.at_level(logging.INFO, logger="exposure.oews"):
        frame = oews.read_oews(path)
    said = [r.getMessage() for r in caplog.records if "footnote line(s) below the table left out" in r.getMessage()]
    assert said == [f"{path}: 3 footnote line(s) below the table left out, from line 4"], said
    assert list(frame["naics"]) == ["000000", "000000"]


# ------------------------------------------------------------ 5. OCC_CODE as a spreadsheet's date text, O*NET-SOC code


@pytest.mark.parametrize("saved", ["Nov-00", "Nov-11", "11/1/2011", "November 2011", "1-Nov-11"])
def test_occ_code_saved_as_a_date_says_so(tmp_path, saved, capsys):
    rows = _rows("000000", "Cross-industry", "cross-industry")
    rows[2][7] = saved  # 11-1011's cell, as the spreadsheet wrote it back
    path = write_text(tmp_path, "national_M2024_dl.csv", _csv(rows))
    with pytest.raises(SchemaError) as info:
        oews.read_oews(path)
    assert str(info.value) == (
        f"{path}, row 4, column 'OCC_CODE': OCC_CODE must be a SOC code written like 11-1011, got {saved!r} (a date: "
        "a spreadsheet read a code 11-XXXX as November of a year and saved it so, which no longer tells the code; "
        "take the codes from BLS's file again, and open a CSV in a spreadsheet with that column as text)")
    code, _, err = cli(capsys, "validate", "--file", "oews", path)
    assert code == 2 and "(a date: a spreadsheet read a code 11-XXXX" in err, err


def test_occ_code_written_as_onet_soc_code_says_so(tmp_path):
    rows = _rows("000000", "Cross-industry", "cross-industry")
    rows[2][7] = "11-1011.00"
    with pytest.raises(SchemaError, match=r"row 4, column 'OCC_CODE': OCC_CODE must be a SOC code written like "
                                          r"11-1011, got '11-1011\.00' \(an O\*NET-SOC code: OEWS writes the SOC "
                                          r"code, 11-1011\)$"):
        oews.read_oews(write_text(tmp_path, "national_M2024_dl.csv", _csv(rows)))
