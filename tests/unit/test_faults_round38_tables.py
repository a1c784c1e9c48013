"""Fault round 38: the shared reader of user tables (``exposure._tables``).

1. A CSV with a title line above its header and an empty line between them
   (``O*NET to Census crosswalk 2018``, an empty line, then the header: a title without
   a comma, so one field) said ``ct.csv, row 3: too many fields: expected 1, got 5 (an
   unquoted comma inside a field?)``, in ``read_frame`` and in ``check_delimited_file``:
   the title-line hint (``TITLE_LINE``) applied only when the header sat right under the
   title. It now applies when only empty lines stand between them.
2. An ``.xlsx`` workbook ending with a blank row and footnotes (``Source: BLS``,
   ``(1) Rounded.``: the layout of BLS and Census workbooks) was read by ``read_frame``
   with the footnotes as rows of data (a task ``Source: BLS``), and by
   ``read_xlsx_table`` (so ``onet.read_tasks`` of an ``.xlsx``) the same, the O*NET
   readers then refusing ``empty row (no value in any column read): remove it``.
   Footnotes below a blank row (every row after it with its first cell only, the first
   starting as a footnote does) are now dropped; a blank row among data rows, or a row
   of data below the footnotes, keeps its error.
3. ``read_parquet_file`` (the library's own tables, ``exposure compare``, ``outcomes``,
   figures) on a file whose pandas metadata (``b"pandas"`` in the schema) is damaged
   (not JSON, or naming an index column the file lacks) raised ``json.JSONDecodeError``
   or ``KeyError: 'nope'``, no file named; ``read_frame`` said ``cannot read this
   Parquet file: 'nope'``. Both now say the metadata is damaged, naming the file.
4. An ``.xlsx`` sheet with a title in its first row above the header (``Table 1.
   Tasks``, a blank row, then the header) said ``row 1: column 2 has values but no name
   in the header (first at row 3): name it``: it now says row 1 looks like a title line
   and which row looks like the header.
"""

from __future__ import annotations

import json

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from _frames import write_text, write_xlsx

from exposure._tables import check_delimited_file, read_frame, read_parquet_file, read_table
from exposure.errors import DataFormatError

HEADER = "onetsoc_code,title,census_code,soc_code,x"
ROW = "11-1011.00,CEO,0010,11-1011,a"


# 1. a title line, an empty line, then the header ------------------------------------------

@pytest.mark.parametrize("reader", [read_frame, check_delimited_file])
def test_title_line_above_an_empty_line_is_named(tmp_path, reader):
    path = write_text(tmp_path, "ct.csv", f"O*NET to Census crosswalk 2018\n\n{HEADER}\n{ROW}\n{ROW}\n")
    with pytest.raises(DataFormatError) as info:
        reader(path)
    text = str(info.value)
    assert "row 3: too many fields: expected 1, got 5" in text
    assert "a title line above the header" in text and "unquoted comma inside a field?)" not in text.split(
        "title line")[0]


def test_stray_comma_below_data_keeps_its_hint(tmp_path):
    # an empty line above is no title when a data row stands between
    path = write_text(tmp_path, "one.csv", "task\nWeld\n\nSew, then hem\nCut\n")
    with pytest.raises(DataFormatError) as info:
        read_frame(path)
    assert "title line" not in str(info.value)


# 2. footnotes below a blank row of an .xlsx sheet -------------------------------------------

FOOTNOTED = [["task", "n"], ["Weld", 1], ["Sew", 2], [], ["Source: BLS, 2024."], ["(1) Rounded."]]


def test_xlsx_footnotes_are_not_rows(tmp_path):
    path = write_xlsx(tmp_path, "t.xlsx", FOOTNOTED)
    assert read_frame(path).to_dict("list") == {"task": ["Weld", "Sew"], "n": ["1", "2"]}
    raw = read_table(path, {"task": "task", "n": "n"})
    assert raw.frame.to_dict("list") == {"task": ["Weld", "Sew"], "n": ["1", "2"]}


def test_onet_xlsx_with_footnotes_is_read(tmp_path):
    from exposure.onet import read_tasks

    header = ["O*NET-SOC Code", "Title", "Task ID", "Task", "Task Type", "Incumbents Responding",
              "Date", "Domain Source"]
    rows = [header, ["11-1011.00", "Chief Executives", 8823, "Confer.", "Core", 95, "08/2023",
                     "Incumbent"], [], ["Source: O*NET 29.1"], ["* Rounded."]]
    tasks = read_tasks(write_xlsx(tmp_path, "Task Statements.xlsx", rows))
    assert tasks["task"].tolist() == ["Confer."]


def test_xlsx_blank_row_among_data_is_kept(tmp_path):
    # a row of data below the footnote-like row: not footnotes
    path = write_xlsx(tmp_path, "t.xlsx", [["task", "n"], ["Weld", 1], [], ["Note: sew"], ["Sew", 2]])
    assert read_frame(path)["task"].tolist()[-1] == "Sew"
    # a first cell only, not starting as a footnote: a row of data
    path = write_xlsx(tmp_path, "u.xlsx", [["task", "n"], ["Weld", 1], [], ["Sew"]])
    assert read_frame(path)["task"].tolist()[-1] == "Sew"


# 3. damaged pandas metadata -----------------------------------------------------------------

@pytest.mark.parametrize("damage", ["not json", "missing index column"])
@pytest.mark.parametrize("reader", [read_parquet_file, read_frame])
def test_damaged_pandas_metadata_names_the_file(tmp_path, damage, reader):
    table = pa.Table.from_pandas(pd.DataFrame({"task": ["Weld."], "n": [1]}), preserve_index=False)
    if damage == "not json":
        meta = b"{not json"
    else:
        m = json.loads(table.schema.metadata[b"pandas"])
        m["index_columns"] = ["nope"]
        meta = json.dumps(m).encode()
    path = tmp_path / "t.parquet"
    pq.write_table(table.replace_schema_metadata({b"pandas": meta}), path)
    with pytest.raises(DataFormatError) as info:
        reader(path)
    assert "its pandas metadata (b'pandas' in the schema) is damaged" in str(info.value)
    assert str(info.value.path) == str(path)


# 4. a title row above an .xlsx header --------------------------------------------------------

def test_xlsx_title_row_is_named(tmp_path):
    path = write_xlsx(tmp_path, "t.xlsx", [["Table 1. Tasks"], [], ["task", "n"], ["Weld", 1]])
    with pytest.raises(DataFormatError) as info:
        read_frame(path)
    text = str(info.value)
    assert "a title line above the header" in text and "row 3 looks like it" in text
