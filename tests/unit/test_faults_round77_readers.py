"""Fault round 77 (``readers``): the words of the shared readers, and their helpers kept in one place.

Faults found (each test below failed before its fix):

1. A column named twice in a file's header was told in words of the readers' own, the
   column named twice: ``webb.csv, row 1, column 'pct_ai': column 'pct_ai' appears twice
   in the header (columns 5 and 6)`` (``exposure.measures._common.read_csv``, so every
   published measure CSV; ``exposure._tables.check_header``); ``m.csv, row 1, column
   'SOC Code': column 'SOC Code' appears twice in the header (columns 1 and 2, written
   'SOC Code' and 'soc_code')`` (``match_header_case``, without ``keep one``); ``Job
   Zones.txt, row 1, column 'Job Zone': column 'Job Zone' appears twice in the header
   (columns 3 and 6, written 'Job Zone' and 'job zone'): keep one`` (the O*NET, OEWS and
   crosswalk readers); ``column 'beta' appears twice in the Parquet schema (columns 2 and
   3)`` (``read_frame``). Now in the library's one wording for a column given twice
   (``given more than once: keep one``), with which columns and how written:
   ``webb.csv, row 1, column 'pct_ai': given more than once (columns 5 and 6): keep one``;
   ``..., column 'SOC Code': given more than once (columns 1 and 2, written 'SOC Code'
   and 'soc_code'): keep one``; ``t.parquet, column 'beta': given more than once in the
   Parquet schema (columns 2 and 3): keep one`` (``exposure._tables.twice_reason``).
2. A number cell holding a spreadsheet's error value (``#N/A`` of a failed lookup,
   ``#VALUE!``, ``#DIV/0!``) was ``not a number: '#N/A'`` (``not an integer:
   '#VALUE!'``) without a word of what it is. Now ``exposure._tables.number_hint`` says
   it: ``not a number: '#N/A': a spreadsheet's error value (a formula that failed in the
   spreadsheet): correct the formula there, or leave the cell empty``; an empty cell is
   read as missing, as the advice says.
3. ``exposure.crosswalks`` imported the private helpers ``_footnote_start`` and
   ``_read_above`` of ``exposure.oews`` (a module of its own layer), and the footnote
   lines it left out of a crosswalk CSV were logged under ``exposure.oews``. They are the
   shared ``exposure._tables.footnote_start`` / ``read_above`` now (with ``FOOTNOTE``
   and ``csv_lines``), read as before; the crosswalk reader logs under its own name.
4. ``exposure.onet`` told R's row names by a rule of its own, beside the shared readers'
   (``exposure._tables.holds_row_names``): a tab-separated O*NET file written by R with
   its row names got onet's words only when every row of the file had one field more than
   the header, so a file whose row 120 holds a quoted tab (``"Chief\\tExecutives"``) got
   the shared reader's other words for the same fault, ``too many fields: expected 5, got
   6 (row names: each row starts with its number, 1, 2, ..., which the header has no field
   for, ...)``. One rule now (the first 100 rows; one row will do, the header being
   known), so onet's words: ``... every row has a first field more than the header,
   numbering the rows ('1', '2', ...): the row names R's write.table writes ...``.
5. ``crosswalks._merged_header`` wrote the words of ``_tables``' note on a header merged
   over two rows a second time; it says them by ``exposure._tables.header_spans`` now
   (same message), keeping only the crosswalks' search of their header below title rows.

Tiny made-up files written by the tests.
"""

from __future__ import annotations

import ast
import io
import logging
from pathlib import Path

import openpyxl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import exposure._tables as tables
from exposure import crosswalks, onet
from exposure.errors import DataFormatError
from exposure.measures import microsoft, webb

WEBB_HEAD = "occ1990dd,occ1990dd_title,lswt2010,pct_software,pct_robot,pct_ai\n"
JZ_HEAD = "O*NET-SOC Code\tTitle\tJob Zone\tDate\tDomain Source\n"
FAILED = (": a spreadsheet's error value (a formula that failed in the spreadsheet): correct the formula there, "
          "or leave the cell empty")


# 1. a column named twice ---------------------------------------------------------------------

def test_1_a_measure_csv_column_given_twice(tmp_path):
    path = tmp_path / "webb.csv"
    path.write_text(WEBB_HEAD.replace("pct_robot", "pct_ai") + "4,Chiefs,10.5,30,9,28\n", encoding="utf-8")
    with pytest.raises(DataFormatError) as info:
        webb.read_webb(path)
    assert str(info.value) == f"{path}, row 1, column 'pct_ai': given more than once (columns 5 and 6): keep one"


def test_1_a_measure_column_written_two_ways():
    text = "SOC Code,soc_code,title,ai_applicability_score\n11-1011,11-1011,Chief Executives,0.1\n"
    with pytest.raises(DataFormatError) as info:
        microsoft.read_applicability(io.StringIO(text))
    assert str(info.value) == ("<buffer>, row 1, column 'SOC Code': given more than once (columns 1 and 2, written "
                               "'SOC Code' and 'soc_code'): keep one")


def test_1_an_onet_column_given_twice(tmp_path):
    path = tmp_path / "Job Zones.txt"
    path.write_text(JZ_HEAD.replace("Domain Source", "Domain Source\tjob zone")
                    + "11-1011.00\tChief Executives\t5\t08/2023\tAnalyst\t4\n", encoding="utf-8")
    with pytest.raises(DataFormatError) as info:
        onet.read_job_zones(path)
    assert str(info.value) == (f"{path}, row 1, column 'Job Zone': given more than once (columns 3 and 6, written "
                               "'Job Zone' and 'job zone'): keep one")
    assert str(info.value).count("Job Zone'") == 2  # the column named once (and its two writings)


def test_1_a_parquet_schema_with_a_column_twice(tmp_path):
    path = tmp_path / "t.parquet"
    pq.write_table(pa.table([["11-1011"], [0.5], [0.6]], names=["soc_code", "beta", "beta"]), path)
    with pytest.raises(DataFormatError) as info:
        tables.read_frame(path)
    assert str(info.value) == (f"{path}, column 'beta': given more than once in the Parquet schema (columns 2 and 3): "
                               "keep one")


# 2. a spreadsheet's error value in a number cell ---------------------------------------------

@pytest.mark.parametrize("cell", ["#N/A", "#DIV/0!", " #value! ", "Err:502"])
def test_2_a_measure_percentile_of_a_failed_formula(tmp_path, cell):
    path = tmp_path / "webb.csv"
    path.write_text(WEBB_HEAD + "4,Chiefs,10.5,30,9,28\n7,Managers,12,40,8," + cell + "\n", encoding="utf-8")
    with pytest.raises(DataFormatError) as info:
        webb.read_webb(path)
    assert str(info.value) == f"{path}, row 3, column 'pct_ai': not a number: {cell!r}{FAILED}"
    # the advice, followed: the cell left empty is a missing percentile
    path.write_text(WEBB_HEAD + "4,Chiefs,10.5,30,9,28\n7,Managers,12,40,8,\n", encoding="utf-8")
    assert webb.read_webb(path)["webb_ai"].isna().tolist() == [False, True]


def test_2_an_onet_integer_of_a_failed_formula(tmp_path):
    path = tmp_path / "Job Zones.txt"
    path.write_text(JZ_HEAD + "11-1011.00\tChief Executives\t#VALUE!\t08/2023\tAnalyst\n", encoding="utf-8")
    with pytest.raises(DataFormatError) as info:
        onet.read_job_zones(path)
    assert str(info.value) == f"{path}, row 2, column 'Job Zone': not an integer: '#VALUE!'{FAILED}"


def test_2_a_share_of_a_failed_formula():
    text = ("IWA,share_user,share_ai,completion_user,completion_ai,impact_scope_user,impact_scope_ai\n"
            "4.A.1.a.1.I01,0.004,0.0001,#DIV/0!,0.9,0.5,0.4\n")
    with pytest.raises(DataFormatError) as info:
        microsoft.read_iwa_metrics(io.StringIO(text))
    assert str(info.value) == f"<buffer>, row 2, column 'completion_user': not a number: '#DIV/0!'{FAILED}"


# 3. the footnote helpers, shared -------------------------------------------------------------

def _imports(module) -> set[str]:
    tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
    return {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}


def test_3_crosswalks_import_no_oews_helper():
    assert "exposure.oews" not in _imports(crosswalks)


def test_3_the_footnote_lines_of_a_crosswalk_csv(tmp_path, caplog):
    path = tmp_path / "soc10_isco08.csv"
    path.write_bytes(b"soc10,isco08\r\n111011,1112\r\n111021,1120\r\n\r\n\"Source: BLS, 2012\",\r\n(1) Rounded.\r\n")
    err = DataFormatError("empty line", path=path, row=4, line=4)
    assert tables.footnote_start(path, err, one_cell=True) == 4
    assert tables.csv_lines(path.read_bytes())[3:] == ["", '"Source: BLS, 2012",', "(1) Rounded."]
    with caplog.at_level(logging.INFO, logger="exposure.crosswalks"):
        frame = crosswalks.read_soc10_isco08(path)
    assert frame["isco08_code"].tolist() == ["1112", "1120"]
    said = [(r.name, r.getMessage()) for r in caplog.records if "footnote line(s)" in r.getMessage()]
    assert said == [("exposure.crosswalks", f"{path}: 3 footnote line(s) below the table left out, from line 4")]


# 4. R's row names, one rule ------------------------------------------------------------------

def test_4_row_names_above_a_row_holding_a_quoted_tab(tmp_path):
    rows = [f'"{k}"\t"11-{1000 + k}.00"\t"Title {k}"\t5\t"08/2023"\t"Analyst"' for k in range(1, 130)]
    rows[119] = '"120"\t"11-1120.00"\t"Chief\tExecutives"\t5\t"08/2023"\t"Analyst"'  # R quotes a cell with a tab
    path = tmp_path / "Job Zones.txt"
    path.write_text('"O*NET-SOC Code"\t"Title"\t"Job Zone"\t"Date"\t"Domain Source"\n' + "\n".join(rows) + "\n",
                    encoding="utf-8")
    with pytest.raises(DataFormatError) as info:
        onet.read_job_zones(path)
    assert str(info.value) == (
        f"{path}, row 2: too many fields: expected 5, got 6: every row has a first field more than the header, "
        "numbering the rows ('1', '2', ...): the row names R's write.table writes without a name in the header; "
        "write the file with row.names = FALSE, or delete that first column")
    records = [line.split("\t") for line in rows]
    assert tables.holds_row_names(iter(records), 5, "\t")  # the shared readers' rule says so too


# 5. a crosswalk header merged over two rows: the shared words ---------------------------------

def test_5_a_crosswalk_header_merged_down_is_said_in_the_shared_words(tmp_path):
    header = ["O*NET-SOC 2019 Code", "O*NET-SOC 2019 Title", "2018 SOC Code", "2018 SOC Title"]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = "O*NET-SOC 2019 Occupation Listings"
    for col, name in enumerate(header, start=1):
        ws.cell(4, col, name)
        ws.merge_cells(start_row=4, start_column=col, end_row=5, end_column=col)
    for col, value in enumerate(["11-1011.00", "Chief Executives", "11-1011", "Chief Executives"], start=1):
        ws.cell(6, col, value)
    path = tmp_path / "2019_to_SOC_Crosswalk.xlsx"
    wb.save(path)
    with pytest.raises(DataFormatError) as info:
        crosswalks.read_onet_to_soc(path)
    assert info.value.row == 4 and info.value.column is None
    assert info.value.reason == tables.header_spans(4, 5, "A4:A5")
