"""Fault round 43 (readers): the same O*NET table or crosswalk in another format or layout.

Invariance first: each O*NET table (``Task Statements``, ``Task Ratings``, ``Tasks to
DWAs``, ``Job Zones``, ``Occupation Data``) written as tab-separated text, with CRLF line
ends, with a UTF-8 byte-order mark, with a trailing blank line, with its columns in
another order, with spaces around its header cells, and as an ``.xlsx`` workbook (with the
``Title`` columns of O*NET's Excel layout and numbers as number cells) reads to the same
frame, bit for bit; so do the crosswalks (``onet_to_soc``, ``soc_structure``,
``soc_2010_to_2018``, ``soc10_isco08``, the Census crosswalk) as CSV and as a workbook.
These held already and are kept as guards. The faults found:

1. An O*NET crosswalk workbook (``2019_to_SOC_Crosswalk.xlsx``, ``SOC_Structure.xlsx``:
   title lines above the header, which the workbook reader skips) saved as CSV keeps its
   title lines, and was refused in words about them: ``missing column(s) 'O*NET-SOC 2019
   Code', ... in the header (line 1); found: 'O*NET-SOC 2019 Occupation Listings'`` (title
   lines padded with commas, as a spreadsheet saves them) or ``row 4: too many fields:
   expected 1, got 4 (an unquoted comma inside a field?)`` (not padded: no comma is
   unquoted). Now ``row 1: line 1 is a title ('O*NET-SOC 2019 Occupation Listings'), not
   the header: the header (...) is on line 4; delete the 3 lines above it ...``.
2. An O*NET or crosswalk file given compressed (``Job Zones.txt.gz``, the release's
   ``.zip``) or as a Parquet or Stata table: ``row 1: file is binary, not text (a NUL byte
   at offset 3)`` (no row is wrong; neither what the file is nor what to give). Now it says
   what the file is and how to decompress it, or what the reader takes.
3. ``ISCOGroups_en.csv`` with CRLF line ends (a checkout with ``autocrlf``, a file saved on
   Windows): a description spanning several lines kept ``\\r\\n`` inside it, where the
   same file with LF line ends, and the workbook, give ``\\n``: another frame for the same
   content. Now ``\\n`` in every case.
4. :func:`exposure.crosswalks.onet_to_soc_map` of a crosswalk of ``category`` dtype gave a
   map with a ``CategoricalIndex`` and categorical values; of ``string[pyarrow]``, a map of
   ``string`` dtype (another missing value): not the map of the crosswalk as read. Now the
   map is of dtype ``str`` whatever the crosswalk's.

Tiny made-up files in the real formats, written into ``tmp_path``; no file of the mirror is read.
"""

from __future__ import annotations

import gzip
import zipfile

import pandas as pd
import pytest
from _frames import write_xlsx

from exposure import crosswalks as cw
from exposure import onet
from exposure.errors import DataFormatError


def _text(tmp_path, name: str, rows, *, sep: str = "\t", newline: str = "\n", bom: bool = False,
          tail: str = "") -> object:
    """Write ``rows`` (lists of cells) as delimited text; return the path."""
    text = newline.join(sep.join(str(c) for c in row) for row in rows) + newline + tail
    path = tmp_path / name
    path.write_bytes((("\ufeff" if bom else "") + text).encode("utf-8"))
    return path


# O*NET tables: rows as published in text, and as in O*NET's Excel layout ----------------

_TASKS = [["O*NET-SOC Code", "Task ID", "Task", "Task Type", "Incumbents Responding", "Date", "Domain Source"],
          ["11-1011.00", "8823", 'Direct "key" budgets.', "Core", "95", "08/2023", "Incumbent"],
          ["11-1011.00", "8824", "Confer with board members.", "Supplemental", "n/a", "08/2023", "Incumbent"],
          ["13-1021.00", "8830", "Buy supplies.", "n/a", "12", "07/2014", "Analyst"]]
_TASKS_XLSX = [["O*NET-SOC Code", "Title", "Task ID", "Task", "Task Type", "Incumbents Responding", "Date",
                "Domain Source"],
               ["11-1011.00", "Chief Executives", 8823, 'Direct "key" budgets.', "Core", 95, "08/2023", "Incumbent"],
               ["11-1011.00", "Chief Executives", 8824, "Confer with board members.", "Supplemental", None,
                "08/2023", "Incumbent"],
               ["13-1021.00", "Buyers", 8830, "Buy supplies.", None, 12, "07/2014", "Analyst"]]
_RATINGS_HEAD = ["O*NET-SOC Code", "Task ID", "Scale ID", "Category", "Data Value", "N", "Standard Error",
                 "Lower CI Bound", "Upper CI Bound", "Recommend Suppress", "Date", "Domain Source"]
_RATINGS = [_RATINGS_HEAD,
            ["11-1011.00", "8823", "IM", "n/a", "4.35", "60", "0.1", "4.3", "4.7", "N", "08/2023", "Incumbent"],
            ["11-1011.00", "8823", "FT", "1", "10.10", "60", "2.1", "6.1", "15.2", "N", "08/2023", "Incumbent"],
            ["11-1011.00", "8823", "RT", "n/a", "100.00", "60", "0.00", "n/a", "n/a", "n/a", "08/2023", "Incumbent"]]
_RATINGS_XLSX = [_RATINGS_HEAD,
                 ["11-1011.00", 8823, "IM", None, 4.35, 60, 0.1, 4.3, 4.7, "N", "08/2023", "Incumbent"],
                 ["11-1011.00", 8823, "FT", 1, 10.1, 60, 2.1, 6.1, 15.2, "N", "08/2023", "Incumbent"],
                 ["11-1011.00", 8823, "RT", None, 100, 60, 0, None, None, None, "08/2023", "Incumbent"]]
_DWAS = [["O*NET-SOC Code", "Task ID", "DWA ID", "Date", "Domain Source"],
         ["11-1011.00", "8823", "4.A.4.b.4.I09.D02", "03/2014", "Analyst"],
         ["11-1011.00", "8824", "4.A.1.a.1.I01.D01", "03/2014", "Analyst"]]
_DWAS_XLSX = [["O*NET-SOC Code", "Title", "Task ID", "Task", "DWA ID", "DWA Title", "Date", "Domain Source"],
              ["11-1011.00", "Chief Executives", 8823, "Plan.", "4.A.4.b.4.I09.D02", "Prepare.", "03/2014", "Analyst"],
              ["11-1011.00", "Chief Executives", 8824, "Meet.", "4.A.1.a.1.I01.D01", "Review.", "03/2014", "Analyst"]]
_ZONES = [["O*NET-SOC Code", "Job Zone", "Date", "Domain Source"],
          ["11-1011.00", "5", "08/2023", "Analyst"], ["11-1011.03", "4", "08/2021", "Analyst"]]
_ZONES_XLSX = [["O*NET-SOC Code", "Title", "Job Zone", "Date", "Domain Source"],
               ["11-1011.00", "Chief Executives", 5, "08/2023", "Analyst"],
               ["11-1011.03", "Chief Sustainability Officers", 4, "08/2021", "Analyst"]]
_OCCUPATIONS = [["O*NET-SOC Code", "Title", "Description"],
                ["11-1011.00", "Chief Executives", "Determine and formulate policies."],
                ["11-1011.03", "Chief Sustainability Officers", "Communicate and coordinate."]]

ONET_TABLES = {
    "Task Statements": (onet.read_tasks, _TASKS, _TASKS_XLSX),
    "Task Ratings": (onet.read_task_ratings, _RATINGS, _RATINGS_XLSX),
    "Tasks to DWAs": (onet.read_task_dwas, _DWAS, _DWAS_XLSX),
    "Job Zones": (onet.read_job_zones, _ZONES, _ZONES_XLSX),
    "Occupation Data": (onet.read_occupations, _OCCUPATIONS, _OCCUPATIONS),
}

#: Other layouts of the same text file: keyword arguments of :func:`_text`, or a function of the rows.
LAYOUTS = {
    "crlf": {"newline": "\r\n"},
    "bom": {"bom": True},
    "bom and crlf": {"bom": True, "newline": "\r\n"},
    "trailing blank line": {"tail": "\n"},
    "trailing blank line, crlf": {"newline": "\r\n", "tail": "\r\n"},
    "columns reversed": lambda rows: [list(reversed(r)) for r in rows],
    "header cells padded": lambda rows: [[f" {c}  " for c in rows[0]], *rows[1:]],
}


@pytest.mark.parametrize("layout", list(LAYOUTS))
@pytest.mark.parametrize("table", list(ONET_TABLES))
def test_an_onet_table_in_another_text_layout_reads_the_same(tmp_path, table, layout):
    reader, rows, _ = ONET_TABLES[table]
    base = reader(_text(tmp_path, f"{table}.txt", rows))
    how = LAYOUTS[layout]
    other = (_text(tmp_path, f"{table} other.txt", how(rows)) if callable(how)
             else _text(tmp_path, f"{table} other.txt", rows, **how))
    pd.testing.assert_frame_equal(base, reader(other), check_exact=True)


@pytest.mark.parametrize("table", list(ONET_TABLES))
def test_an_onet_table_as_a_workbook_reads_as_its_text(tmp_path, table):
    reader, rows, cells = ONET_TABLES[table]
    base = reader(_text(tmp_path, f"{table}.txt", rows))
    pd.testing.assert_frame_equal(base, reader(write_xlsx(tmp_path, f"{table}.xlsx", cells)), check_exact=True)


# crosswalks: CSV layouts and workbooks ---------------------------------------------------

_ONET_TO_SOC = [["O*NET-SOC 2019 Code", "O*NET-SOC 2019 Title", "2018 SOC Code", "2018 SOC Title"],
                ["11-1011.00", "Chief Executives", "11-1011", "Chief Executives"],
                ["11-1011.03", "Chief Sustainability Officers", "11-1011", "Chief Executives"],
                ["13-1021.00", "Buyers and Purchasing Agents, Farm Products", "13-1021",
                 "Buyers and Purchasing Agents, Farm Products"]]
_SOC_2010 = [["O*NET-SOC 2010 Code", "O*NET-SOC 2010 Title", "2018 SOC Code", "2018 SOC Title"],
             ["11-1011.00", "Chief Executives", "11-1011", "Chief Executives"],
             ["11-2011.01", "Green Marketers", "11-2011", "Advertising and Promotions Managers"]]
_STRUCTURE = [["Major Group", "Minor Group", "Broad Occupation", "Detailed Occupation", "Detailed O*NET-SOC",
               "SOC or O*NET-SOC 2019 Title"],
              ["11-0000", "", "", "", "", "Management Occupations"],
              ["", "11-1000", "", "", "", "Top Executives"],
              ["", "", "11-1010", "", "", "Chief Executives"],
              ["", "", "", "11-1011", "", "Chief Executives"],
              ["", "", "", "", "11-1011.03", "Chief Sustainability Officers"]]
_ISCO = [["soc10", "isco08"], ["111011", "1112"], ["551011", "110"], ["11-2011", "2431"]]
_CENSUS = [["Job Zone", "Occupation", "Data-level", "Code", "cps_code"],
           ["5", "Chief Executives", "Y", "11-1011.00", "0010"],
           ["5", "Chief Sustainability Officers", "Y", "11-1011.03", "0010"],
           ["", "Plant and System Operators, All Other", "", "51-8099.00", ""]]

CROSSWALKS = {
    "onet_to_soc": (cw.read_onet_to_soc, _ONET_TO_SOC),
    "soc_2010_to_2018": (cw.read_soc_2010_to_2018, _SOC_2010),
    "soc_structure": (cw.read_soc_structure, _STRUCTURE),
    "soc10_isco08": (cw.read_soc10_isco08, _ISCO),
    "census": (cw.read_census_crosswalk, _CENSUS),
}


def _csv(tmp_path, name: str, rows, **how):
    """``rows`` as CSV, cells holding a comma quoted."""
    quoted = [[f'"{c}"' if "," in c else c for c in row] for row in rows]
    return _text(tmp_path, name, quoted, sep=",", **how)


@pytest.mark.parametrize("layout", list(LAYOUTS))
@pytest.mark.parametrize("name", list(CROSSWALKS))
def test_a_crosswalk_in_another_csv_layout_reads_the_same(tmp_path, name, layout):
    reader, rows = CROSSWALKS[name]
    base = reader(_csv(tmp_path, f"{name}.csv", rows))
    how = LAYOUTS[layout]
    other = (_csv(tmp_path, f"{name} other.csv", how(rows)) if callable(how)
             else _csv(tmp_path, f"{name} other.csv", rows, **how))
    pd.testing.assert_frame_equal(base, reader(other), check_exact=True)


@pytest.mark.parametrize("name", list(CROSSWALKS))
def test_a_crosswalk_as_a_workbook_with_title_lines_reads_as_its_csv(tmp_path, name):
    reader, rows = CROSSWALKS[name]
    base = reader(_csv(tmp_path, f"{name}.csv", rows))
    cells = [[c if c != "" else None for c in row] for row in rows]
    book = write_xlsx(tmp_path, f"{name}.xlsx", [["O*NET-SOC 2019 Occupation Listings"], [None], *cells])
    pd.testing.assert_frame_equal(base, reader(book), check_exact=True)


# 1. a crosswalk workbook saved as CSV keeps its title lines ---------------------------------

_TITLES = [["O*NET-SOC 2019 Occupation Listings"], ["Crosswalk O*NET-SOC 2019 to 2018 SOC"], [""]]


@pytest.mark.parametrize("padded", [True, False], ids=["padded with commas", "one cell"])
@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf"])
@pytest.mark.parametrize("name", ["onet_to_soc", "soc_structure", "census"])
def test_title_lines_above_a_csv_crosswalk_are_named_as_such(tmp_path, name, padded, newline):
    reader, rows = CROSSWALKS[name]
    width = len(rows[0])
    titles = [t + [""] * (width - 1) if padded else t for t in _TITLES]
    path = _csv(tmp_path, f"{name}.csv", [*titles, *rows], newline=newline)
    with pytest.raises(DataFormatError) as err:
        reader(path)
    head = ",".join(rows[0])
    assert str(err.value) == (
        f"{path}, row 1: line 1 is a title ('O*NET-SOC 2019 Occupation Listings'), not the header: the header "
        f"({head if len(head) <= 80 else head[:77] + '...'}) is on line 4; delete the 3 lines above it (a "
        "workbook saved as CSV keeps its title lines; the .xlsx workbook is read with them)")
    assert (err.value.row, err.value.column) == (1, None)


def test_an_empty_first_line_above_a_csv_crosswalk_is_named(tmp_path):
    path = _text(tmp_path, "soc10_isco08.csv", [[""], *_ISCO], sep=",")
    with pytest.raises(DataFormatError, match=r"row 1: line 1 is empty, not the header: the header "
                                              r"\(soc10,isco08\) is on line 2; delete the line above it"):
        cw.read_soc10_isco08(path)


def test_a_header_repeated_below_is_still_named_as_a_repeat(tmp_path):
    path = _text(tmp_path, "soc10_isco08.csv", [*_ISCO, ["soc10", "isco08"]], sep=",")
    with pytest.raises(DataFormatError, match=r"row 5, column 'soc10': the header is repeated on row 5"):
        cw.read_soc10_isco08(path)


def test_a_csv_with_a_wrong_header_still_names_its_missing_columns(tmp_path):
    path = _text(tmp_path, "soc10_isco08.csv", [["soc", "isco"], ["111011", "1112"]], sep=",")
    with pytest.raises(DataFormatError, match=r"missing column\(s\) 'soc10', 'isco08' in the header \(line 1\)"):
        cw.read_soc10_isco08(path)


# 2. a compressed file, a Parquet or Stata table --------------------------------------------


def test_a_compressed_onet_file_says_how_to_decompress_it(tmp_path):
    path = tmp_path / "Job Zones.txt.gz"
    path.write_bytes(gzip.compress(_text(tmp_path, "Job Zones.txt", _ZONES).read_bytes()))
    with pytest.raises(DataFormatError) as err:
        onet.read_job_zones(path)
    assert str(err.value) == (f"{path}: the file is gzip-compressed, which is not read: decompress it first "
                              "(gunzip -k Job Zones.txt.gz writes Job Zones.txt) and give that file")
    assert err.value.row is None


def test_the_release_zip_says_to_unzip_it(tmp_path):
    path = tmp_path / "db_30_1_text.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("db_30_1_text/Task Statements.txt", "O*NET-SOC Code\tTask ID\n")
    with pytest.raises(DataFormatError) as err:
        onet.read_tasks(path)
    assert str(err.value).startswith(f"{path}: the file is a zip archive, which is not read: decompress it "
                                     "first (unzip db_30_1_text.zip) and give the table it holds")


@pytest.mark.parametrize("suffix, what", [(".parquet", "a Parquet file"), (".dta", "a Stata .dta file")])
def test_a_table_of_another_format_says_what_the_reader_takes(tmp_path, suffix, what):
    frame = pd.DataFrame({"soc10": ["111011"], "isco08": ["1112"]})
    path = tmp_path / f"soc10_isco08{suffix}"
    frame.to_parquet(path) if suffix == ".parquet" else frame.to_stata(path, write_index=False)
    with pytest.raises(DataFormatError) as err:
        cw.read_soc10_isco08(path)
    assert str(err.value) == (f"{path}: the file is {what}, which this table is not read from: give it as "
                              "delimited text (.txt, .csv) or an .xlsx workbook, as its publisher does")


def test_a_missing_compressed_file_is_still_not_found(tmp_path):
    with pytest.raises(DataFormatError, match="file not found"):
        onet.read_job_zones(tmp_path / "Job Zones.txt.gz")


# 3. ISCO-08 descriptions with CRLF line ends ------------------------------------------------

_ISCO_GROUPS = ('conceptType,code,preferredLabel,description\n'
                'ISCOGroup,0110,Commissioned armed forces officers,"Officers.\nMore."\n'
                'ISCOGroup,1,Managers,"Plan\n\nand direct."\n')


def test_an_isco_description_reads_the_same_with_crlf_line_ends(tmp_path):
    lf = tmp_path / "lf.csv"
    lf.write_bytes(_ISCO_GROUPS.encode())
    crlf = tmp_path / "crlf.csv"
    crlf.write_bytes(_ISCO_GROUPS.replace("\n", "\r\n").encode())
    base = cw.read_isco_groups(lf)
    assert base["description"].tolist() == ["Officers.\nMore.", "Plan\n\nand direct."]
    pd.testing.assert_frame_equal(base, cw.read_isco_groups(crlf), check_exact=True)
    book = write_xlsx(tmp_path, "isco.xlsx", [["conceptType", "code", "preferredLabel", "description"],
                                              ["ISCOGroup", "0110", "Commissioned armed forces officers",
                                               "Officers.\r\nMore."],
                                              ["ISCOGroup", "1", "Managers", "Plan\n\nand direct."]])
    pd.testing.assert_frame_equal(base, cw.read_isco_groups(book), check_exact=True)


# 4. onet_to_soc_map of a crosswalk of another string dtype ----------------------------------


@pytest.mark.parametrize("dtype", ["category", "string", "string[pyarrow]", object])
def test_the_onet_to_soc_map_is_the_same_for_any_string_dtype(tmp_path, dtype):
    read = cw.read_onet_to_soc(_csv(tmp_path, "onet_to_soc.csv", _ONET_TO_SOC))
    base = cw.onet_to_soc_map(read)
    assert (str(base.dtype), str(base.index.dtype)) == ("str", "str")
    other = cw.onet_to_soc_map(read.astype(dtype))
    pd.testing.assert_series_equal(base, other, check_exact=True)
    assert type(other.index) is pd.Index
