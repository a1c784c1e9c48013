"""Fault round 78 (leftovers): notes below a Felten or ILO sheet; Parquet files cut short when scored.

1. A note saved below the table of a Felten AIOE sheet, a blank row above it
   (``Source: Felten et al. 2021`` in the first column), was read as a data row and
   refused: ``row 6, column 'SOC Code': not a SOC 2010 code (like 11-1011): 'Source:
   Felten et al. 2021'`` (the industry sheet: ``column 'NAICS': not a NAICS industry code
   (like 1133, 113300 or 3250A1): 'Source: ...'``), though the file was whole. Such rows
   are now left out (logged, INFO: ``1 footnote line(s) below the table left out, from
   row 6 ('Source: Felten et al. 2021')``, as O*NET's sheet reader logs them) by the rule
   of the library's other sheet readers (:func:`exposure._tables.footnote_rows`, in
   :func:`exposure.measures.felten.without_footnotes`); a note right below the last row
   (no blank row above it) keeps its error.
2. The same note below the ILO 2025 sheet (in its first column, ``label4d``) was refused
   as ``row 6, column 'ISCO_08': missing ISCO-08 unit group code``; it is now left out as
   in Felten's sheets.
3. ``exposure score`` (and :func:`exposure.scoring._files.iter_task_batches`) of a Parquet
   file cut short said pyarrow's ``cannot read this Parquet file: Parquet magic bytes not
   found in footer. Either the file is corrupted or this is not a parquet file.``; now, as
   the whole-file readers say it (:func:`exposure._tables.parquet_shape`): ``not a
   complete Parquet file: it starts as one, but its end (the footer, closed by 'PAR1') is
   missing: the file was cut short (a copy or download stopped, or a disk full while it
   was written?); copy or write it again``.
4. :func:`exposure.dask.read_dataset` of a Parquet file cut short, empty, or of a CSV file
   named ``.parquet`` said pyarrow's ``cannot read this Parquet file: Parquet magic bytes
   not found in footer. ...`` (``... Parquet file size is 0 bytes``); now the words of
   item 3 (``file is empty: not a Parquet file (cut short, or written by nothing?); copy or
   write it again``, ``not a Parquet file: it looks like delimited text ...``). A file cut
   short after the dataset was opened (rewritten while it is scored) is told so when its
   rows are read; a damaged page was told over two lines, pyarrow's byte raw in the first
   (``Couldn't deserialize thrift: don't know what type: \\x0f`` LF ``Deserializing page
   header failed.``); now on one line, the byte escaped, as the stream engine says it.
5. A Felten or ILO workbook with a damaged part (bytes of a download changed: the sheet's
   compressed data no longer decompresses, or its XML is no longer well-formed) came
   through :func:`exposure.measures.felten.read_felten_occupations` (``read_felten_industries``)
   and :func:`exposure.measures.ilo.read_ilo` as a traceback: ``zlib.error: Error -3 while
   decompressing data: invalid block type``, ``xml.etree.ElementTree.ParseError: mismatched
   tag: line 2, column ...``. Now in the readers' words for a workbook they cannot read, the
   file named: ``ilo.xlsx: cannot read as an .xlsx workbook: Error -3 while decompressing
   data: invalid block type``.
"""

from __future__ import annotations

import logging
import zipfile

import openpyxl
import pandas as pd
import pytest
from _frames import damage_third_row_group

from exposure import dask as xd
from exposure.cli import main
from exposure.errors import DataFormatError
from exposure.measures import felten, ilo
from exposure.scoring._files import iter_task_batches

SOURCE = "Source: Felten et al. 2021"
CUT = ("not a complete Parquet file: it starts as one, but its end (the footer, closed by 'PAR1') is missing: the "
       "file was cut short (a copy or download stopped, or a disk full while it was written?); copy or write it "
       "again")


def _workbook(path, sheets: dict, *, gap: int = 2):
    """A workbook of ``sheets`` (name -> rows, the header first), a note ``gap`` rows below each table."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
        sheet.cell(len(rows) + gap, 1).value = SOURCE
    book.save(path)
    return path


FELTEN = {"Appendix A": [["SOC Code", "Occupation Title", "AIOE"], ["11-1011", "Chief Executives", 1.335],
                         ["11-1021", "General and Operations Managers", 1.146],
                         ["11-2011", "Advertising and Promotions Managers", 1.182]],
          "Appendix B": [["NAICS", "Industry Title", "AIIE"], ["1111", "Oilseed and Grain Farming", -0.941],
                         ["1112", "Vegetable and Melon Farming", -1.082]]}


# 1. a note below a Felten sheet ------------------------------------------------------------------------

def test_1_a_note_below_felten_occupations_is_left_out(tmp_path, caplog):
    path = _workbook(tmp_path / "AIOE_DataAppendix.xlsx", FELTEN)
    with caplog.at_level(logging.INFO, logger="exposure.measures.felten"):
        got = felten.read_felten_occupations(path)
    assert got["soc10_code"].tolist() == ["11-1011", "11-1021", "11-2011"]
    assert got["aioe"].tolist() == [1.335, 1.146, 1.182]
    assert f"{path}: 1 footnote line(s) below the table left out, from row 6 ('{SOURCE}')" in caplog.text
    # right below the last row, no blank row above it: still a row, refused as before
    _workbook(path, FELTEN, gap=1)
    with pytest.raises(DataFormatError) as err:
        felten.read_felten_occupations(path)
    assert str(err.value) == (f"{path}, row 5, column 'SOC Code': not a SOC 2010 code (like 11-1011): "
                              f"'{SOURCE}'")


def test_1_a_note_below_felten_industries_is_left_out(tmp_path):
    path = _workbook(tmp_path / "AIOE_DataAppendix.xlsx", FELTEN)
    got = felten.read_felten_industries(path)
    assert got["naics"].tolist() == ["1111", "1112"]
    assert got["aiie"].tolist() == [-0.941, -1.082]


def test_1_notes_of_several_lines_below_a_felten_sheet_are_left_out(tmp_path):
    path = _workbook(tmp_path / "AIOE_DataAppendix.xlsx", FELTEN)
    book = openpyxl.load_workbook(path)
    book["Appendix A"]["A7"] = "(1) Scores standardised."
    book.save(path)
    assert felten.read_felten_occupations(path)["soc10_code"].tolist() == ["11-1011", "11-1021", "11-2011"]


# 2. a note below the ILO sheet -------------------------------------------------------------------------

ILO_HEAD = ["label4d", "ISCO_08", "Title", "taskID", "mean_score_2023", "mean_score_2025", "SD_2023", "SD_2025",
            "potential25", "potential23"]


def _ilo_row(task: int) -> list:
    return ["Software developers", "2512", "Software developers", task, 0.4, 0.5, 0.1, 0.1,
            "Exposed: Gradient 3", "Automation Potential"]


def test_2_a_note_below_the_ilo_sheet_is_left_out(tmp_path, caplog):
    path = _workbook(tmp_path / "ilo.xlsx", {"Sheet1": [ILO_HEAD, _ilo_row(1), _ilo_row(2), _ilo_row(3)]})
    with caplog.at_level(logging.INFO, logger="exposure.measures.felten"):
        got = ilo.read_ilo(path)
    assert got[["isco08_code", "n_tasks", "mean_score_2025"]].values.tolist() == [["2512", 3, 0.5]]
    assert f"{path}: 1 footnote line(s) below the table left out, from row 6 ('{SOURCE}')" in caplog.text
    _workbook(path, {"Sheet1": [ILO_HEAD, _ilo_row(1), _ilo_row(2), _ilo_row(3)]}, gap=1)
    with pytest.raises(DataFormatError, match=r", row 5, column 'ISCO_08': missing ISCO-08 unit group code$"):
        ilo.read_ilo(path)


# 3. exposure score of a Parquet file cut short ---------------------------------------------------------

def _cut_parquet(path):
    pd.DataFrame({"task": ["Weld pipes.", "Sew seams.", "Plan budgets."]}).to_parquet(path)
    data = path.read_bytes()
    path.write_bytes(data[:len(data) // 2])
    return path


def test_3_exposure_score_of_a_parquet_file_cut_short(tmp_path, capsys):
    src = _cut_parquet(tmp_path / "tasks.parquet")
    assert main(["score", str(src), "-o", str(tmp_path / "o.csv"), "--onet", "none", "--method", "rubric"]) == 2
    assert capsys.readouterr().err == f"exposure score: error: {src}: {CUT}\n"
    assert not (tmp_path / "o.csv").exists()


def test_3_iter_task_batches_of_a_parquet_file_cut_short(tmp_path):
    src = _cut_parquet(tmp_path / "tasks.pq")
    with pytest.raises(DataFormatError) as err:
        next(iter_task_batches(src, 2))
    assert str(err.value) == f"{src}: {CUT}"


# 4. exposure.dask of a Parquet file cut short, empty or of another format ------------------------------

@pytest.mark.parametrize("data, said", [
    (None, CUT),
    (b"", "file is empty: not a Parquet file (cut short, or written by nothing?); copy or write it again"),
    (b"task\nWeld pipes.\n", "not a Parquet file: it looks like delimited text (a CSV or TSV file named .parquet?); "
                             "write it as Parquet with pandas (pd.read_csv(PATH).to_parquet(...))"),
])
def test_4_dask_reads_a_parquet_file_cut_short_empty_or_of_another_format(tmp_path, data, said):
    (tmp_path / "tasks").mkdir()
    pd.DataFrame({"task": ["Weld pipes."]}).to_parquet(tmp_path / "tasks" / "a.parquet")
    bad = tmp_path / "tasks" / "b.parquet"
    if data is None:
        _cut_parquet(bad)
    else:
        bad.write_bytes(data)
    for src in (tmp_path / "tasks", bad):  # a directory, a file
        with pytest.raises(DataFormatError) as err:
            xd.read_dataset(src)
        assert str(err.value) == f"{bad}: {said}"


def test_4_dask_a_file_cut_short_once_the_dataset_is_open(tmp_path):
    src = tmp_path / "tasks.parquet"
    pd.DataFrame({"task": ["Weld pipes.", "Sew seams."] * 20}).to_parquet(src)
    frame = xd.read_dataset(src)
    _cut_parquet(src)  # rewritten while it is scored
    with pytest.raises(DataFormatError) as err:
        frame.compute(scheduler="sync")
    assert str(err.value) == f"{src}: {CUT}"


def test_4_dask_a_damaged_page_is_told_on_one_line(tmp_path):
    good = tmp_path / "good.parquet"
    pd.DataFrame({"task": ["Weld pipes.", "Sew seams."] * 50}).to_parquet(good, row_group_size=20)
    src = damage_third_row_group(good, tmp_path / "bad.parquet")
    with pytest.raises(DataFormatError) as err:
        xd.read_dataset(src).compute(scheduler="sync")
    said = str(err.value)
    assert said.startswith(f"{src}: cannot read this Parquet file: Couldn't deserialize thrift: ")
    assert "\n" not in said and not any(ord(c) < 32 for c in said)


# 5. a Felten or ILO workbook with a damaged part -------------------------------------------------------

def _damaged(path, how: str):
    """The workbook ``path`` with its first sheet damaged: its deflated data (``inflate``) or its XML (``xml``)."""
    member = "xl/worksheets/sheet1.xml"
    if how == "inflate":  # the first byte of the deflated data: a block of type 3, which does not exist
        with zipfile.ZipFile(path) as book:
            info = book.getinfo(member)
        data = bytearray(path.read_bytes())
        head = info.header_offset  # the local header: 30 bytes, then the name and extra field of its own lengths
        start = head + 30 + int.from_bytes(data[head + 26:head + 28], "little") \
            + int.from_bytes(data[head + 28:head + 30], "little")
        data[start] = 0xff
        path.write_bytes(bytes(data))
        return "Error -3 while decompressing data: invalid block type"
    with zipfile.ZipFile(path) as book:  # the XML: a tag cut (its CRC right, as a program that wrote it badly)
        parts = {i.filename: book.read(i) for i in book.infolist()}
    parts[member] = parts[member].replace(b"</sheetData>", b"</sheetDat>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as book:
        for name, data in parts.items():
            book.writestr(name, data)
    return "mismatched tag: line "


@pytest.mark.parametrize("how", ["inflate", "xml"])
@pytest.mark.parametrize("reader", ["felten", "ilo"])
def test_5_a_workbook_with_a_damaged_part_is_named(tmp_path, reader, how):
    if reader == "felten":
        path = _workbook(tmp_path / "AIOE_DataAppendix.xlsx", {"Appendix A": FELTEN["Appendix A"]})
        read = felten.read_felten_occupations
    else:
        path = _workbook(tmp_path / "ilo.xlsx", {"Sheet1": [ILO_HEAD, _ilo_row(1)]})
        read = ilo.read_ilo
    said = _damaged(path, how)
    with pytest.raises(DataFormatError) as err:
        read(path)
    assert str(err.value).startswith(f"{path}: cannot read as an .xlsx workbook: {said}")
