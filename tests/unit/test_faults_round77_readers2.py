"""Fault round 77 (``readers2``): one footnote rule, R's row names of a sorted frame, Dask partitions that are no frame.

Faults found (each test below failed before its fix):

1. Two rules told a footnote line ending a table. A sheet's footnotes below a blank row
   started with ``Note:``, ``Source:``, ``Footnotes:`` (the word with a colon, or alone
   in its cell), ``(1)`` or ``*`` (``exposure._tables._FOOTNOTE_START``, tightened for
   O*NET's tasks ``Note malfunctions ...``); the lines ending a table read by
   ``exposure.onet._read`` with ``footnotes`` (OEWS's tables, the crosswalks) and those
   ending a CSV took the word followed by anything but a letter
   (``exposure._tables.FOOTNOTE``): a crosswalk's last row holding only a title that
   starts so (``Note Readers and Checkers``, its codes blank) was left out as a footnote,
   silently (the crosswalk read one row short). Now one rule, ``FOOTNOTE``, the tight one
   with BLS's legend lines (``# = ...``, ``~ = ...``), in every reader: the row is
   refused as a row without its code, ``census.csv, row 3, column 'Code': Code is blank:
   give an O*NET-SOC 2019 code (like 11-1011.00)``; ``Note: ...`` footnotes are left out
   as before.
2. R's row names of a sorted frame (``write.table(df[order(df$x), ], sep = "\\t")``: rows
   ``"2"``, ``"1"``) in a tab-separated file were told ``too many fields: expected 2, got
   3 (row 1, read as the header, has 2 fields: a title line above the header? The header
   must be the first line)`` (there is none), by the shared readers and, since round 77
   took the shared rule, by the O*NET readers (whose own rule took them before). Now
   numbers each given once, without leading zeros, are row names in a file not separated
   by commas (``exposure._tables.holds_row_names``); the message says what they are:
   ``(row names: each row starts with its number in R's frame, which the header has no
   field for (1, 2, ...; a subset or a sorted frame keeps its rows' own numbers: 7, 2,
   ...), as R's write.table writes them: ...)`` (was ``each row starts with its number,
   1, 2, ...``, untrue of a subset's or a sorted frame's); O*NET's ``... numbering the
   rows ('2', '1'): the row names R's write.table writes ...``.
3. ``exposure.dask.check``, ``to_occupations`` and ``to_sectors`` of a frame one of whose
   partitions is no DataFrame (``dd.from_delayed`` of a task that returned None, a Series
   or a dict) raised ``AttributeError: 'NoneType' object has no attribute 'rename'``
   (``'columns'``; ``TypeError: Series.rename() got an unexpected keyword argument
   'columns'``), naming no partition. Now as ``score`` says it:
   ``scored.partitions[1]: is None, not a pandas DataFrame: every partition must be a
   frame of scored's columns (its meta, scored.columns)``.

4. An OEWS file or a CSV crosswalk separated by tabs or semicolons whose header's names are
   quoted (R's ``write.table(x, sep = "\t")`` and ``write.csv2``, pandas' ``to_csv(sep="\t",
   quoting=csv.QUOTE_NONNUMERIC)``) was refused in words about a quote: ``o.csv, row 1: a
   quoted cell has text after its closing quote ("AREA"\t): a " inside a quoted cell is
   written as two (""), as spreadsheets write it; a backslash before it (\\") is no escape
   in CSV``, which did not apply, while the same file unquoted was told its separator. Now
   the separator is said: ``o.csv, row 1: the header is separated by tabs, not by commas:
   its names are quoted, so read with commas they run together (a quoted cell with text
   after its closing quote); save the file as CSV with commas (BLS's layout)``;
   ``soc10_isco08.csv, row 1: the header holds tabs and no ',': the file looks
   tab-separated; the file is read comma-separated, as published: save it as 'CSV UTF-8
   (comma delimited)'`` (the crosswalks' words for another separator). Since round 78 the
   OEWS file is told in these words too, at its header, before its rows are read (the
   shared check of every published file): ``o.csv, row 1: the header holds tabs and no
   ',': ...`` (``';'``: ``... the file looks semicolon-separated ...: open it in
   LibreOffice ...``).
5. A CSV crosswalk starting with Excel's ``sep=,`` line was told ``soc10_isco08.csv, row 1:
   line 1 is a title ('sep='), not the header: the header (soc10,isco08) is on line 2;
   delete the line above it (a workbook saved as CSV keeps its title lines ...)``, the
   line cut at its comma and called a title. Now in the shared readers' words (as
   ``read_oews`` and the measure readers say it): ``soc10_isco08.csv, row 1: Excel's
   'sep=,' line (separator ','), which other programs read as data: delete that line``.

Tiny made-up files written by the tests.
"""

from __future__ import annotations

import csv
import io

import dask
import dask.dataframe as dd
import openpyxl
import pandas as pd
import pytest

import exposure._tables as tables
import exposure.dask as xd
from exposure import crosswalks, oews, onet
from exposure._tables import read_frame
from exposure.errors import DataFormatError

CENSUS_HEAD = "Job Zone,Occupation,Data-level,Code,cps_code\n"
CENSUS_ROW = "5,Chief Executives,Y,11-1011.00,0010\n"


# 1. one footnote rule --------------------------------------------------------------------------

def test_1_a_crosswalk_row_of_a_title_starting_note_is_no_footnote(tmp_path):
    path = tmp_path / "census.csv"
    path.write_text(CENSUS_HEAD + CENSUS_ROW + ",Note Readers and Checkers,,,\n", encoding="utf-8")
    with pytest.raises(DataFormatError) as info:
        crosswalks.read_census_crosswalk(path)
    assert str(info.value) == (f"{path}, row 3, column 'Code': Code is blank: give an O*NET-SOC 2019 code "
                               "(like 11-1011.00)")
    # a footnote is still one, with its colon or alone in its cell, padded or not
    for notes in (",Note: codes of 2018,,,\n", "\nSource:\n", ",,,,\n(1) Rounded.\n"):
        path.write_text(CENSUS_HEAD + CENSUS_ROW + notes, encoding="utf-8")
        assert len(crosswalks.read_census_crosswalk(path)) == 1


def test_1_a_workbook_crosswalk_row_of_a_title_starting_source_is_no_footnote(tmp_path):
    path = tmp_path / "x.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["O*NET-SOC 2010 Code", "O*NET-SOC 2010 Title", "2018 SOC Code", "2018 SOC Title"])
    ws.append(["11-1011.00", "Chief Executives", "11-1011", "Chief Executives"])
    ws.append([None, "Sources Analysts", None, None])
    wb.save(path)
    with pytest.raises(DataFormatError) as info:
        crosswalks.read_soc_2010_to_2018(path)
    assert info.value.row == 3
    ws.cell(3, 2).value = "Source: O*NET Resource Center"
    wb.save(path)
    assert len(crosswalks.read_soc_2010_to_2018(path)) == 1


def test_1_one_footnote_rule():
    assert not hasattr(tables, "_FOOTNOTE_START")
    for text in ("Note malfunctions of equipment.", "Note, mark, and photograph.", "Sources Analysts",
                 "Notes on the codes"):
        assert not tables.FOOTNOTE.match(text), text
        assert tables.footnote_rows([("Weld", 1), (None, None), (text, None)]) is None
    for text in ("Note: estimates exclude farms", "NOTE -- Estimates exclude farms.", "Footnotes:", "Source",
                 "Sources. BLS", " (1) Rounded.", "* = not available",
                 "# = $115.00 per hour or more", "~ = less than 0.005 percent"):
        assert tables.FOOTNOTE.match(text), text
        assert tables.footnote_rows([("Weld", 1), (None, None), (text, None)]) == 1


# 2. R's row names of a sorted frame -------------------------------------------------------------

SORTED = '"task"\t"title"\n"2"\t"Weld metal parts."\t"Welder"\n"1"\t"Answer telephones."\t"Clerk"\n'
ROW_NAMES = (" (row names: each row starts with its number in R's frame, which the header has no field for "
             "(1, 2, ...; a subset or a sorted frame keeps its rows' own numbers: 7, 2, ...), as R's "
             "write.table writes them: write the file again without them, row.names = FALSE)")


@pytest.mark.parametrize("name", ["s.tsv", "s.txt"])
def test_2_row_names_of_a_sorted_frame(tmp_path, name):
    path = tmp_path / name
    path.write_text(SORTED, encoding="utf-8")
    for read in (read_frame, tables.check_delimited_file):
        with pytest.raises(DataFormatError) as info:
            read(path)
        assert str(info.value) == f"{path}, row 2: too many fields: expected 2, got 3" + ROW_NAMES


def test_2_the_words_of_row_names_hold_for_a_subset():
    assert tables.ROW_NAMES == ROW_NAMES


def test_2_an_onet_file_of_a_sorted_frame(tmp_path):
    path = tmp_path / "Job Zones.txt"
    path.write_text('"O*NET-SOC Code"\t"Title"\t"Job Zone"\t"Date"\t"Domain Source"\n'
                    '"2"\t"11-1021.00"\t"General and Operations Managers"\t4\t"08/2023"\t"Analyst"\n'
                    '"1"\t"11-1011.00"\t"Chief Executives"\t5\t"08/2023"\t"Analyst"\n', encoding="utf-8")
    with pytest.raises(DataFormatError) as info:
        onet.read_job_zones(path)
    assert str(info.value) == (
        f"{path}, row 2: too many fields: expected 5, got 6: every row has a first field more than the header, "
        "numbering the rows ('2', '1'): the row names R's write.table writes without a name in the header; "
        "write the file with row.names = FALSE, or delete that first column")


# 3. a partition that is no frame, in check and the roll-ups ----------------------------------------

# round 79: the three probabilities (was p_e0 alone, which the Dask roll-ups now refuse as pandas does)
SCORED = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.00", "11-1021.00"], "task_id": [1, 2, 3],
                       "naics": ["000000"] * 3, "p_e0": [0.9, 0.8, 0.7], "p_e1": [0.1, 0.2, 0.3],
                       "p_e2": [0.0] * 3, "alpha": [0.1, 0.2, 0.3],
                       "beta": [0.1, 0.2, 0.3], "gamma": [0.1, 0.2, 0.3], "admin": [True, False, True],
                       "routine_coding": [True, False, True], "entry_creative": [True, False, True]})
RUNS = {"check": lambda s: xd.check(s),
        "to_occupations": lambda s: xd.to_occupations(s).compute(scheduler="sync"),
        "to_sectors": lambda s: xd.to_sectors(s).compute(scheduler="sync")}


@pytest.mark.parametrize("run", sorted(RUNS))
@pytest.mark.parametrize("bad, kind", [(None, "None"), (SCORED["p_e0"], "a Series"),
                                       (SCORED.to_dict("list"), "a dict")], ids=["None", "Series", "dict"])
def test_3_a_partition_that_is_no_frame_is_named(run, bad, kind):
    scored = dd.from_delayed([dask.delayed(SCORED.iloc[:2]), dask.delayed(bad)], meta=SCORED.iloc[:0],
                             verify_meta=False)
    with dask.config.set(scheduler="sync"), pytest.raises(DataFormatError) as info:
        RUNS[run](scored)
    assert str(info.value) == (f"scored.partitions[1]: is {kind}, not a pandas DataFrame: every partition must "
                               "be a frame of scored's columns (its meta, scored.columns)")


# 4. a quoted header of another separator -------------------------------------------------------------

# round 78 (was: no H_MEDIAN, A_MEDIAN, which a file split on its separator is now told it lacks)
OEWS_HEAD = ["AREA", "AREA_TITLE", "AREA_TYPE", "PRIM_STATE", "NAICS", "NAICS_TITLE", "I_GROUP", "OWN_CODE",
             "OCC_CODE", "OCC_TITLE", "O_GROUP", "TOT_EMP", "EMP_PRSE", "H_MEAN", "A_MEAN", "MEAN_PRSE",
             "H_MEDIAN", "A_MEDIAN"]
OEWS_ROW = ["99", "U.S.", "1", "US", "000000", "Cross-industry", "cross-industry", "1235", "11-1011",
            "Chief Executives", "detailed", "211230", "0.8", "124.47", "258900", "0.4", "119.92", "249430"]


#: What the file looks, and what it is told to do, by its separator (round 78: the words of every published file).
TOLD = {";": ("semicolon-separated (Excel's CSV in some European settings)",
              "open it in LibreOffice (separated by ';') and Save As 'Text CSV' with the character set 'Unicode "
              "(UTF-8)' and the field delimiter ',' (Excel writes ';' in its CSV where the list separator is ';', "
              "in 'CSV UTF-8 (comma delimited)' too)"),
        "\t": ("tab-separated", "save it as 'CSV UTF-8 (comma delimited)'")}


@pytest.mark.parametrize("sep, said", [("\t", "tabs"), (";", "';'")])
def test_4_an_oews_file_of_quoted_names_and_another_separator(tmp_path, sep, said):
    out = io.StringIO()
    writer = csv.writer(out, delimiter=sep, quoting=csv.QUOTE_NONNUMERIC, lineterminator="\n")
    writer.writerows([OEWS_HEAD, OEWS_ROW])
    path = tmp_path / "o.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    with pytest.raises(DataFormatError) as info:
        oews.read_oews(path)
    # round 78: the words of every published file (was: "row 1: the header is separated by tabs, not by commas:
    # its names are quoted, so read with commas they run together (a quoted cell with text after its closing
    # quote); save the file as CSV with commas (BLS's layout)")
    looks, advice = TOLD[sep]
    assert str(info.value) == (f"{path}, row 1: the header holds {said} and no ',': the file looks {looks}; the "
                               f"file is read comma-separated, as published: {advice}")
    assert "quoted cell" not in str(info.value)  # the words about a quote, which did not apply


def test_4_a_crosswalk_of_quoted_names_separated_by_tabs(tmp_path):
    path = tmp_path / "soc10_isco08.csv"
    path.write_text('"soc10"\t"isco08"\n"111011"\t"1112"\n', encoding="utf-8")
    with pytest.raises(DataFormatError) as info:
        crosswalks.read_soc10_isco08(path)
    assert str(info.value) == (f"{path}, row 1: the header holds tabs and no ',': the file looks tab-separated; "
                               "the file is read comma-separated, as published: save it as 'CSV UTF-8 (comma "
                               "delimited)'")


# 5. Excel's sep= line above a crosswalk's header -------------------------------------------------------

def test_5_excels_sep_line_above_a_crosswalk(tmp_path):
    path = tmp_path / "soc10_isco08.csv"
    path.write_text("sep=,\nsoc10,isco08\n111011,1112\n", encoding="utf-8")
    with pytest.raises(DataFormatError) as info:
        crosswalks.read_soc10_isco08(path)
    assert str(info.value) == (f"{path}, row 1: Excel's 'sep=,' line (separator ','), which other programs read "
                               "as data: delete that line")
