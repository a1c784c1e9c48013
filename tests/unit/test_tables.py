"""Unit tests of exposure._tables: the O*NET-style table reader and the user-table reader/writer."""

from __future__ import annotations

import csv
import datetime
import os
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from exposure._tables import (
    RawTable,
    check_delimited_file,
    missing_to_na,
    read_frame,
    read_table,
    read_text_table,
    read_xlsx_table,
    table_kind,
    to_number,
    write_frame,
)
from exposure.errors import DataFormatError

COLUMNS = {"code": "Code", "n": "N", "text": "Text"}


def _text(tmp_path, content: bytes, name="t.txt"):
    path = tmp_path / name
    path.write_bytes(content)
    return path


def _xlsx(tmp_path, rows, name="t.xlsx", title=None):
    wb = openpyxl.Workbook()
    ws = wb.active
    if title:
        ws.title = title
    for row in rows:
        ws.append(row)
    path = tmp_path / name
    wb.save(path)
    return path


# --------------------------------------------------------------------------------------
# delimited text
# --------------------------------------------------------------------------------------


def test_text_keeps_quotes_strips_crlf_and_bom(tmp_path):
    path = _text(
        tmp_path,
        b'\xef\xbb\xbfCode\tN\tText\r\n11-1011\t5\tSay "hi"\r\n11-1021\tn/a\t"quoted" end\r\n',
    )
    raw = read_text_table(path, COLUMNS)
    assert raw.frame.to_dict("list") == {
        "code": ["11-1011", "11-1021"],
        "n": ["5", "n/a"],
        "text": ['Say "hi"', '"quoted" end'],
    }
    assert raw.first_row == 2 and raw.path == path
    assert raw.sources == {"code": "Code", "n": "N", "text": "Text"}


def test_text_header_match_is_case_and_space_insensitive_and_takes_aliases(tmp_path):
    path = _text(tmp_path, b"extra\t  CODE \tNumber  of\tText\nx\t11-1011\t5\tt\n")
    raw = read_text_table(path, {"code": "Code", "n": ("N", "number of"), "text": "Text"})
    assert raw.frame.columns.tolist() == ["code", "n", "text"]
    assert raw.frame.iloc[0].tolist() == ["11-1011", "5", "t"]
    assert raw.sources["n"] == "Number  of"  # the header as written in the file


def test_text_optional_columns(tmp_path):
    path = _text(tmp_path, b"Code\tN\n11-1011\t5\n")
    raw = read_text_table(path, {"code": "Code"}, optional={"n": "N", "x": "Absent"})
    assert raw.frame.columns.tolist() == ["code", "n"]


def test_text_header_only_gives_empty_frame(tmp_path):
    raw = read_text_table(_text(tmp_path, b"Code\tN\tText\r\n"), COLUMNS)
    assert raw.frame.empty and raw.frame.columns.tolist() == ["code", "n", "text"]


def test_text_truncated_line_names_row_and_first_missing_column(tmp_path):
    path = _text(tmp_path, b"Code\tN\tText\r\n11-1011\t5\tok\r\n11-1021\t6\tok\r\n11-10")
    with pytest.raises(DataFormatError) as err:
        read_text_table(path, COLUMNS)
    e = err.value
    assert e.path.endswith("t.txt") and e.row == 4 and e.column == "N"
    assert "too few fields: expected 3, got 1" in str(e)


def test_text_field_counts_that_balance_out_still_name_the_first_bad_line(tmp_path):
    """A short line and a long one hold as many tabs as two good ones: line 3 is named."""
    path = _text(tmp_path, b"Code\tN\tText\na\t1\tx\nb\t2\nc\t3\tx\ty\n\r\n\n")
    with pytest.raises(DataFormatError) as err:
        read_text_table(path, COLUMNS)
    assert err.value.row == 3 and "too few fields" in str(err.value)
    good = _text(tmp_path, b"Code\tN\tText\r\na\t1\tx\r\n\r\n\n", name="good.txt")
    assert read_text_table(good, COLUMNS).frame["text"].tolist() == ["x"]


@pytest.mark.parametrize("content", [
    b"\xef\xbb\xbfCode\tN\tText\r\na\t1\tSay \"hi\"\r\nb\t\t\r\n\r\n",
    b"Code\tN\tText\n\t\t\n c \t 2 \t caf\xc3\xa9 \nd\t3\tx\n\n\n",
    b"Code\tN\tText\na\t1\t'quoted' \"half\n",
    b"Code\tN\tText\n",
    b"Code\tN\tText\na\t1\tx",
])
def test_arrow_and_pandas_read_a_checked_text_file_alike(tmp_path, content):
    """The Arrow reader of tab-separated files gives what pandas gives (or leaves it to it)."""
    from exposure._tables import _arrow_text_frame, _pandas_text_frame

    path = _text(tmp_path, content)
    text = content.decode("utf-8-sig")
    names, used = ["c0", "c1", "c2"], ["c0", "c2"]
    want = _pandas_text_frame(text, "\t", csv.QUOTE_NONE, names, used, path)
    got = _arrow_text_frame(content, "\t", names, used)
    if got is None:  # no data row: pandas reads the file
        assert want.empty
    else:
        pd.testing.assert_frame_equal(got, want.astype(str))
    frame = read_text_table(path, COLUMNS).frame
    assert frame["code"].tolist() == want["c0"].astype(str).tolist()
    assert frame["text"].tolist() == want["c2"].astype(str).tolist()


def test_text_extra_field_names_row(tmp_path):
    path = _text(tmp_path, b"Code\tN\tText\n11-1011\t5\tok\n11-1021\t6\tok\tmore\n")
    with pytest.raises(DataFormatError, match="too many fields: expected 3, got 4") as err:
        read_text_table(path, COLUMNS)
    assert err.value.row == 3 and err.value.column is None


def test_text_missing_column_lists_what_was_found(tmp_path):
    path = _text(tmp_path, b"Code\tNumber\tText\n11-1011\t5\tok\n")
    with pytest.raises(DataFormatError) as err:
        read_text_table(path, COLUMNS)
    msg = str(err.value)
    assert "missing column(s) 'N' in the header (line 1)" in msg
    assert "found: 'Code', 'Number', 'Text'" in msg


def test_text_non_utf8_byte_names_line_and_column(tmp_path):
    path = _text(tmp_path, b"Code\tN\tText\n11-1011\t5\tok\n11-1021\t6\tr\xe9sum\xe9\n")
    with pytest.raises(DataFormatError, match="byte 0xe9 is not valid UTF-8") as err:
        read_text_table(path, COLUMNS)
    assert err.value.row == 3 and err.value.column == "Text"


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "file is empty"),
        (b" \r\n\t\n", "file is empty"),
        (b"<!DOCTYPE html>\r\n<html><body>Not Found</body></html>", "HTML"),
        (b"\n\n<HTML><body>Access denied</body></HTML>", "HTML"),
        (b"PK\x03\x04rest of a zip", "zip archive"),
    ],
)
def test_text_not_data(tmp_path, content, message):
    path = _text(tmp_path, content)
    with pytest.raises(DataFormatError, match=message) as err:
        read_text_table(path, COLUMNS)
    assert err.value.path == str(path)


def test_text_missing_file(tmp_path):
    with pytest.raises(DataFormatError, match="file not found"):
        read_text_table(tmp_path / "nope.txt", COLUMNS)


def test_csv_quoted_separators_and_quoted_fields_spanning_lines(tmp_path):
    path = _text(tmp_path, b'code,n,text\n11-1011,"1,234","a, b"\n11-1021,5,"two\nlines"\n')
    raw = read_text_table(path, COLUMNS, sep=",", quoting=csv.QUOTE_MINIMAL)
    assert raw.frame["n"].tolist() == ["1,234", "5"]
    assert raw.frame["text"].tolist() == ["a, b", "two\nlines"]


def test_csv_record_with_too_few_fields_names_its_record_and_first_line(tmp_path):
    path = _text(tmp_path, b'code,n,text\n11-1011,5,"two\nlines"\n11-1021,6\n')
    with pytest.raises(DataFormatError, match="too few fields") as err:
        read_text_table(path, COLUMNS, sep=",", quoting=csv.QUOTE_MINIMAL)
    assert (err.value.row, err.value.line, err.value.column) == (3, 4, "text")
    assert "row 3 (line 4), column 'text'" in str(err.value)


# --------------------------------------------------------------------------------------
# xlsx
# --------------------------------------------------------------------------------------


def test_xlsx_skips_title_rows_and_names_sheet_rows(tmp_path):
    path = _xlsx(tmp_path, [["A title"], [], ["Code", "N", "Text"], ["11-1011", 5, "ok"]])
    raw = read_xlsx_table(path, COLUMNS)
    assert raw.frame.to_dict("list") == {"code": ["11-1011"], "n": ["5"], "text": ["ok"]}
    assert raw.first_row == 4


def test_xlsx_cells_become_the_strings_a_text_file_would_hold(tmp_path):
    rows = [
        ["Code", "N", "Text"],
        ["a", 5, None],
        ["b", 4.0, True],
        ["c", 2.5, datetime.date(2023, 8, 1)],
        [None, None, None],  # trailing empty rows are dropped
    ]
    raw = read_xlsx_table(_xlsx(tmp_path, rows), COLUMNS)
    assert raw.frame["n"].tolist() == ["5", "4", "2.5"]
    # openpyxl reads date cells as datetimes
    assert raw.frame["text"].tolist() == ["", "TRUE", "2023-08-01T00:00:00"]


def test_xlsx_sheet_by_name_and_index(tmp_path):
    wb = openpyxl.Workbook()
    wb.active.append(["Other"])
    second = wb.create_sheet("Data")
    for row in (["Code", "N", "Text"], ["11-1011", 1, "x"]):
        second.append(row)
    path = tmp_path / "two.xlsx"
    wb.save(path)
    assert read_xlsx_table(path, COLUMNS, sheet="Data").frame["code"].tolist() == ["11-1011"]
    assert read_xlsx_table(path, COLUMNS, sheet=1).frame["code"].tolist() == ["11-1011"]


def test_xlsx_missing_column_names_rows_searched(tmp_path):
    path = _xlsx(tmp_path, [["Code", "Zone", "Text"], ["11-1011", 5, "x"]])
    with pytest.raises(DataFormatError, match=r"missing column\(s\) 'N'.*first 2 rows"):
        read_xlsx_table(path, COLUMNS)


def test_xlsx_header_only_gives_empty_frame(tmp_path):
    raw = read_xlsx_table(_xlsx(tmp_path, [["Code", "N", "Text"]]), COLUMNS)
    assert raw.frame.empty and raw.frame.columns.tolist() == ["code", "n", "text"]


def test_xlsx_that_is_text_or_html(tmp_path):
    text = _text(tmp_path, b"Code\tN\tText\n11-1011\t5\tok\n", name="text.xlsx")
    with pytest.raises(DataFormatError, match="not an .xlsx workbook"):
        read_xlsx_table(text, COLUMNS)
    html = _text(tmp_path, b"<html><body>Access Denied</body></html>", name="page.xlsx")
    with pytest.raises(DataFormatError, match="HTML"):
        read_xlsx_table(html, COLUMNS)


def test_broken_zip_is_a_data_format_error(tmp_path):
    path = _text(tmp_path, b"PK\x03\x04" + b"\x00" * 64, name="broken.xlsx")
    # round 78 (was: "cannot read workbook")
    with pytest.raises(DataFormatError, match=r"broken\.xlsx: not a complete \.xlsx workbook"):
        read_xlsx_table(path, COLUMNS)


# --------------------------------------------------------------------------------------
# read_table dispatch
# --------------------------------------------------------------------------------------


def test_read_table_chooses_the_reader_by_extension(tmp_path):
    xlsx = _xlsx(tmp_path, [["Code", "N", "Text"], ["11-1011", 5, "x"]])
    txt = tmp_path / "t.txt"
    txt.write_text("Code\tN\tText\n11-1011\t5\tx\n")
    pd.testing.assert_frame_equal(read_table(xlsx, COLUMNS).frame, read_table(txt, COLUMNS).frame)
    # a workbook under a text name is refused, not parsed as text
    shutil.copy(xlsx, tmp_path / "wb.txt")
    with pytest.raises(DataFormatError, match="zip archive"):
        read_table(tmp_path / "wb.txt", COLUMNS)


# --------------------------------------------------------------------------------------
# conversions
# --------------------------------------------------------------------------------------


def _raw(values, header="N"):
    return RawTable(pd.DataFrame({"n": values}), Path("data.txt"), 2, {"n": header})


def test_missing_to_na_tokens():
    s = pd.Series(["Core", "n/a", "N/A", "NA", "", "  ", "na", "none"])
    assert missing_to_na(s).isna().tolist() == [False, True, True, True, True, True, False, False]
    assert missing_to_na(s, {""}).isna().tolist() == [False] * 4 + [True, True, False, False]


def test_to_number_thousands_missing_and_types():
    raw = _raw(["1,234", " 5 ", "n/a", "2.5"])
    assert to_number(raw, "n").tolist()[:2] == [1234.0, 5.0]
    assert str(to_number(raw, "n").dtype) == "float64"
    ints = to_number(_raw(["1,234", "n/a", "7"]), "n", integer=True)
    assert ints.tolist() == [1234, pd.NA, 7] and str(ints.dtype) == "Int64"


@pytest.mark.parametrize("values", [
    ["8823", "0", "007", "9" * 18], ["1", "2"], ["1", " 2"], ["1", "n/a"], ["1,234"], ["+1"],
    ["1.0"], ["9" * 19], ["\u0663"], [""]])
def test_to_number_gives_the_same_for_arrow_and_python_text(values):
    """Arrow text of plain digits is parsed in one call, the rest cell by cell: same results.

    (An O*NET ``Task ID`` column is the first kind; object columns are always the second.)
    """
    results = []
    for dtype in ("str", object):
        try:
            results.append(to_number(_raw(pd.Series(values, dtype=dtype)), "n", integer=True))
        except (DataFormatError, ValueError, TypeError) as exc:
            results.append(str(exc))
    if isinstance(results[0], str):
        assert results[0] == results[1]
    else:
        pd.testing.assert_series_equal(results[0], results[1])


def test_norm_task_ids_agree_with_norm_task_id():
    from exposure._tables import norm_task_id, norm_task_ids

    values = ["8823", "0", "007", "00", "\u0663", "1_000", " 7 ", "7.0", "1e3", "x", "", "-5",
              "9" * 30]
    want = [norm_task_id(v) for v in values]
    # (round 71: '\u0663' and '1_000', which pandas reads as no number, are no longer 3 and 1000)
    assert want[:4] == ["8823", "0", "7", "0"] and want[4:6] == ["\u0663", "1_000"]
    assert norm_task_ids(pd.Series(values, dtype="str")) == want
    assert norm_task_ids(pd.Series(values, dtype=object)) == want


@pytest.mark.parametrize(
    "values, integer, row, message",
    [
        (["1", "2", "ninety"], False, 4, "not a number: 'ninety'"),
        (["1", "2.5"], True, 3, "not an integer: '2.5'"),
        (["#"], False, 2, "not a number: '#'"),
    ],
)
def test_to_number_names_file_row_and_header(values, integer, row, message):
    with pytest.raises(DataFormatError) as err:
        to_number(_raw(values, header="Incumbents Responding"), "n", integer=integer)
    e = err.value
    assert e.path == "data.txt" and e.row == row and e.column == "Incumbents Responding"
    assert message in str(e)



def test_corrupt_sheet_xml_is_a_data_format_error(tmp_path):
    """Issue 11: a workbook whose sheet XML is cut in half raised xml ParseError."""
    good = _xlsx(tmp_path, [["Code", "N", "Text"], ["11-1011", 5, "x"]])
    bad = tmp_path / "cut.xlsx"
    with zipfile.ZipFile(good) as zin, zipfile.ZipFile(bad, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if "sheet1" in item.filename:
                data = data[: len(data) // 2]
            zout.writestr(item, data)
    with pytest.raises(DataFormatError, match="cannot read workbook"):
        read_xlsx_table(bad, COLUMNS)
    with pytest.raises(DataFormatError, match="no sheet 'Other'"):
        read_xlsx_table(good, COLUMNS, sheet="Other")


def test_old_xls_and_binary_text_are_named(tmp_path):
    ole = _text(tmp_path, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, name="old.xls")
    with pytest.raises(DataFormatError, match="old binary Excel .xls"):
        read_table(ole, COLUMNS)
    binary = _text(tmp_path, b"Code\tN\tText\n\x00\x01\x02", name="bin.txt")
    with pytest.raises(DataFormatError, match="binary, not text"):
        read_text_table(binary, COLUMNS)


# --------------------------------------------------------------------------------------
# user tables: read_frame / write_frame
# --------------------------------------------------------------------------------------

ISSUE_CSV = b"task,title\nAnswer telephones, relay messages,Receptionist\nOperate a forklift.,Driver\n"


def test_read_frame_extra_field_is_refused_not_shifted(tmp_path):
    """Issue 11 item 1: pandas took the first field as the index and shifted every column."""
    path = _text(tmp_path, ISSUE_CSV, name="t.csv")
    assert pd.read_csv(path).index[0] == "Answer telephones"  # the old, silent shift
    with pytest.raises(DataFormatError) as err:
        read_frame(path)
    assert err.value.row == 2 and "too many fields: expected 2, got 3" in str(err.value)


def test_read_frame_trailing_comma_on_data_rows_is_refused(tmp_path):
    path = _text(tmp_path, b"task,title\nAnswer telephones.,Clerk,\nWeld.,Welder,\n", name="t.csv")
    with pytest.raises(DataFormatError, match="row 2: too many fields.*trailing separator"):
        read_frame(path)


def test_title_line_above_the_header_is_named(tmp_path):
    # a title line holding a comma was read as a header of two columns, and the error
    # blamed "an unquoted comma inside a field" of the first record
    path = _text(tmp_path, b"O*NET to Census crosswalk, 2018\nCode,cps_code,title\n11-1011.00,0010,CEO\n",
                 name="t.csv")
    with pytest.raises(DataFormatError, match="row 2: too many fields: expected 2, got 3 .row 1, read as the "
                       "header, has 2 fields: a title line above the header"):
        read_frame(path)
    with pytest.raises(DataFormatError, match="row 2: too many fields.*a title line above the header"):
        check_delimited_file(path)
    # one record wider than the header, the others not: a stray comma, as before
    stray = _text(tmp_path, b"task,title\nAnswer telephones, faxes.,Clerk\nWeld.,Welder\n", name="s.csv")
    with pytest.raises(DataFormatError, match="row 2: too many fields.*unquoted comma") as info:
        read_frame(stray)
    assert "title line" not in str(info.value)
    one = _text(tmp_path, b"task,title\nAnswer telephones, relay messages,Clerk\n", name="o.csv")
    with pytest.raises(DataFormatError, match=r"unquoted comma inside a field\?\)$") as info:
        read_frame(one)  # one record: nothing tells a title line from a stray comma
    assert "title line" not in str(info.value)


def test_read_frame_trailing_comma_on_every_line_drops_the_empty_column(tmp_path):
    path = _text(tmp_path, b"task,title,\r\nAnswer telephones.,Clerk,\r\nWeld.,Welder,\r\n", name="t.csv")
    frame = read_frame(path)
    assert frame.to_dict("list") == {"task": ["Answer telephones.", "Weld."], "title": ["Clerk", "Welder"]}
    named_nothing = _text(tmp_path, b"task,\nWeld.,x\n", name="u.csv")
    with pytest.raises(DataFormatError, match="column 2 has values but no name"):
        read_frame(named_nothing)


def test_read_frame_keeps_quoted_commas_text_and_missing(tmp_path):
    path = _text(tmp_path, b'task,task_id,note\n"Say ""hi"", then file.",00012,\n', name="t.csv")
    frame = read_frame(path)
    assert frame[["task", "task_id"]].to_dict("list") == {"task": ['Say "hi", then file.'],
                                                          "task_id": ["00012"]}
    assert frame["note"].isna().all()
    tsv = _text(tmp_path, b'task\tnote\nSay "hi".\t\n', name="t.tsv")
    assert read_frame(tsv)["task"].tolist() == ['Say "hi".']


@pytest.mark.parametrize(
    "content, name, message",
    [
        (b"", "t.csv", "file is empty"),
        (b"\n\n", "t.csv", "file is empty"),
        (b"", "t.parquet", "file is empty"),
        (b"\x00\x01garbage\x00", "t.csv", "binary, not text"),
        (b"task\nCaf\xe9\n", "t.csv", "not valid UTF-8"),
        (b"PAR1\x00\x00garbagePAR1", "t.parquet", "cannot read this Parquet file"),
        (b"task\nWeld.\n", "t.parquet", "not a Parquet file"),
        # round 78 (was: "cannot read this .xlsx workbook")
        (b"PK\x03\x04" + b"\x00" * 40, "t.xlsx", "not a complete .xlsx workbook"),
        (b"not stata at all", "t.dta", "not a Stata .dta file: it looks like delimited text"),
        (b"task,task\nA,B\n", "t.csv", "column 'task': given more than once"),
        (b"<html><body>Error</body></html>", "t.csv", "HTML"),
        ("task\tnote\nWeld.\tx\n".encode("utf-16"), "t.txt", "UTF-16 text"),
    ],
)
def test_read_frame_refuses_bad_files_with_a_message(tmp_path, content, name, message):
    path = _text(tmp_path, content, name=name)
    with pytest.raises(DataFormatError, match=message):
        read_frame(path)


def test_read_frame_missing_file_directory_and_extension(tmp_path):
    with pytest.raises(DataFormatError, match="file not found"):
        read_frame(tmp_path / "nope.csv")
    (tmp_path / "d.csv").mkdir()
    with pytest.raises(DataFormatError, match="is a directory"):
        read_frame(tmp_path / "d.csv")
    with pytest.raises(DataFormatError, match="unsupported input file type '.json'"):
        read_frame(tmp_path / "t.json")
    os.mkfifo(tmp_path / "pipe.csv")
    with pytest.raises(DataFormatError, match="not a regular file"):
        read_frame(tmp_path / "pipe.csv")


@pytest.mark.parametrize("ext", ["csv", "tsv", "parquet", "xlsx", "dta"])
def test_write_frame_then_read_frame_round_trips(tmp_path, ext):
    frame = pd.DataFrame({"task": ['Say "hi", then =file.', "Weld."], "title": ["Clerk", None],
                          "beta": [0.25, 0.5]})
    path = write_frame(frame, tmp_path / f"out.{ext}", formulas="keep")
    back = read_frame(path)
    assert back.columns.tolist() == ["task", "title", "beta"]
    assert back["task"].tolist() == frame["task"].tolist()
    assert back["title"].iloc[0] == "Clerk" and (pd.isna(back["title"].iloc[1]) or back["title"].iloc[1] == "")
    assert pd.to_numeric(back["beta"]).tolist() == [0.25, 0.5]
    assert [p.name for p in tmp_path.iterdir()] == [f"out.{ext}"]  # no temporary file left


def test_write_frame_tsv_refuses_a_tab_inside_a_cell(tmp_path):
    with pytest.raises(DataFormatError, match="row 3, column 'task': a cell holds a tab"):
        write_frame(pd.DataFrame({"task": ["Weld.", "Cut\tpaste."]}), tmp_path / "o.tsv")
    assert not list(tmp_path.iterdir())


def test_read_frame_xlsx_and_stata_user_inputs(tmp_path):
    """Issue 14 item 5: .xlsx and Stata .dta task files are read like CSV."""
    xlsx = _xlsx(tmp_path, [["task", "task_id"], ["Weld pipes.", 7], [None, None]])
    assert read_frame(xlsx).to_dict("list") == {"task": ["Weld pipes."], "task_id": ["7"]}
    pd.DataFrame({"task": ["Weld pipes."], "task_id": [7]}).to_stata(tmp_path / "t.dta", write_index=False)
    frame = read_frame(tmp_path / "t.dta")
    assert frame["task"].tolist() == ["Weld pipes."] and frame["task_id"].tolist() == [7]
    dup = _xlsx(tmp_path, [["task", "task"], ["a", "b"]], name="dup.xlsx")
    with pytest.raises(DataFormatError, match="given more than once"):
        read_frame(dup)


def test_table_kind_by_extension():
    assert [table_kind(f"x.{e}") for e in ("csv", "TSV", "txt", "pq", "xlsm", "dta")] == [
        "csv", "tsv", "tsv", "parquet", "xlsx", "dta"]
    with pytest.raises(DataFormatError, match="unsupported output file type '.txt'"):
        table_kind("x.txt", "output")


@pytest.mark.parametrize(
    "content, name",
    [
        (ISSUE_CSV, "t.csv"),
        (b"task,title\nA.,Clerk,\nW.,Welder,\n", "t.csv"),
        (b"task,title\nA.,Clerk\nW.\n", "t.csv"),
        (b'task,title\n"Line one\nline two, more",Clerk\nW.,Welder,x\n', "t.csv"),
        (b"task,title\r\nA.,Clerk\r\n\r\nW.,Welder\r\n", "t.csv"),
        (b"task\n\x00\x01\x02", "t.csv"),
        (b"task\nCaf\xe9\n", "t.csv"),
        (b"", "t.csv"),
        (b"task,task\nA,B\n", "t.csv"),
        (b"task\tnote\nSay \"hi\".\t\tx\n", "t.tsv"),
    ],
)
def test_check_delimited_file_refuses_what_read_frame_refuses(tmp_path, content, name):
    """The streaming check (for batched reads) and the whole-file reader agree, line included."""
    path = _text(tmp_path, content, name=name)
    with pytest.raises(DataFormatError) as whole:
        read_frame(path)
    with pytest.raises(DataFormatError) as stream:
        check_delimited_file(path)
    assert (stream.value.row, stream.value.reason.split(" (")[0]) == (
        whole.value.row, whole.value.reason.split(" (")[0]) or (
        "binary" in stream.value.reason and "binary" in whole.value.reason)


def test_check_delimited_file_reads_a_field_past_the_csv_module_limit(tmp_path):
    """A 200,000-character cell: read_frame takes it, so the batch check must (and restore the limit)."""
    long = "Weld " * 40_000
    path = _text(tmp_path, f'task,title\n"{long}",Welder\nSew.,Tailor\n'.encode(), name="t.csv")
    limit = csv.field_size_limit()
    assert check_delimited_file(path) == ["task", "title"]
    assert csv.field_size_limit() == limit
    assert read_frame(path)["task"].str.len().tolist() == [len(long), 4]
    bad = _text(tmp_path, f'task,title\n"{long}",Welder,x\n'.encode(), name="bad.csv")
    with pytest.raises(DataFormatError, match="row 2: too many fields"):
        check_delimited_file(bad)
    assert csv.field_size_limit() == limit


def test_check_delimited_file_accepts_good_files_and_trailing_blank_lines(tmp_path):
    path = _text(tmp_path, b'task,title\r\n"Weld, then grind.",Welder\r\n\r\n\r\n', name="t.csv")
    assert check_delimited_file(path) == ["task", "title"]
    assert len(read_frame(path)) == 1


def test_task_id_numbers_reads_pyarrow_backed_columns():
    """A Parquet file written from int64[pyarrow] IDs is read back with that dtype (no %)."""
    from exposure._tables import task_id_numbers
    from exposure.errors import DataFormatError

    got = task_id_numbers(pd.Series([8823, 9007199254740993, None], dtype="int64[pyarrow]"))
    assert got.tolist() == [8823, 9007199254740993, pd.NA]  # every digit kept
    assert task_id_numbers(pd.Series([1.0, 2.0], dtype="double[pyarrow]")).tolist() == [1.0, 2.0]
    with pytest.raises(DataFormatError, match="row 2, column 'task_id': task ID 1.5 is not an integer"):
        task_id_numbers(pd.Series([7, 1.5], dtype="double[pyarrow]"))
    with pytest.raises(DataFormatError, match="row 1, column 'task_id': task ID True is not an integer"):
        task_id_numbers(pd.Series([True], dtype="bool[pyarrow]"))  # not task 1


def test_score_tasks_takes_pyarrow_backed_task_ids():
    from exposure.scoring import score_tasks

    frame = pd.DataFrame({"onetsoc_code": ["11-1011.00"] * 2, "task": ["Write code.", "Sew."],
                          "task_id": pd.Series([8823, 8824], dtype="int64[pyarrow]")})
    got = score_tasks(frame, method="rubric")
    want = score_tasks(frame.assign(task_id=frame["task_id"].astype("int64")), method="rubric")
    assert got["task_id"].dtype == frame["task_id"].dtype  # the caller's column, as it was
    pd.testing.assert_frame_equal(got.drop(columns="task_id"), want.drop(columns="task_id"))


@pytest.mark.parametrize(("index", "column", "values"), [
    (pd.RangeIndex(100, 103, name="posting_id"), "posting_id", [100, 101, 102]),
    (pd.RangeIndex(0, 3, name="task_id"), "task_id", [0, 1, 2]),
    (pd.RangeIndex(5, 8), "__index_level_0__", [5, 6, 7]),
    (pd.RangeIndex(0, 6, 2), "__index_level_0__", [0, 2, 4]),
    (pd.Index([7, 3, 9], name="posting_id"), "posting_id", [7, 3, 9]),
], ids=["named-range", "named-range-from-0", "range-from-5", "range-step-2", "named-index"])
def test_read_frame_keeps_a_parquet_index_that_holds_data(tmp_path, index, column, values):
    """A RangeIndex other than 0, 1, 2, ... is metadata only in the file: it was dropped."""
    frame = pd.DataFrame({"task": ["Weld.", "Sew.", "Cook."]}, index=index)
    frame.to_parquet(tmp_path / "t.parquet")
    got = read_frame(tmp_path / "t.parquet")
    assert got.columns.tolist() == ["task", column]
    assert got[column].tolist() == values
    assert got.index.equals(pd.RangeIndex(3))
    frame.reset_index(drop=True).to_parquet(tmp_path / "plain.parquet")  # the row numbers
    assert read_frame(tmp_path / "plain.parquet").columns.tolist() == ["task"]


def test_read_frame_keeps_a_stored_multiindex_in_the_file_order(tmp_path):
    scores = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.00"], "task_id": [1, 2],
                           "beta": [0.5, 0.25]})
    scores.set_index(["onetsoc_code", "task_id"]).to_parquet(tmp_path / "s.parquet")
    got = read_frame(tmp_path / "s.parquet")
    assert got.columns.tolist() == ["beta", "onetsoc_code", "task_id"]
    pd.testing.assert_frame_equal(got[scores.columns], scores)


def test_read_frame_refuses_a_range_index_named_like_a_column(tmp_path):
    frame = pd.DataFrame({"task": ["Weld.", "Sew."]}, index=pd.RangeIndex(1, 3, name="task"))
    frame.to_parquet(tmp_path / "t.parquet")
    with pytest.raises(DataFormatError, match=r"t.parquet, column 'task': the index stored"):
        read_frame(tmp_path / "t.parquet")


def test_hidden_first_sheet_is_refused(tmp_path):
    # the first worksheet, read by default, hidden in Excel: the table a user sees there
    # (on the second sheet) was not the one read, silently
    path = tmp_path / "w.xlsx"
    wb = openpyxl.Workbook()
    old = wb.active
    old.title = "Old"
    old.append(["task", "title"])
    old.append(["Old task.", "Clerk"])
    data = wb.create_sheet("Data")
    data.append(["task", "title"])
    data.append(["New task.", "Clerk"])
    old.sheet_state = "hidden"
    wb.save(path)
    for read in (lambda: read_frame(path), lambda: read_xlsx_table(path, {"task": "task"})):
        with pytest.raises(DataFormatError, match=r"w\.xlsx: the first sheet, 'Old', is hidden in Excel.*'Data'"):
            read()
    assert read_frame(path, sheet="Data")["task"].tolist() == ["New task."]
    old.sheet_state = "visible"  # shown: read as before
    wb.save(path)
    assert read_frame(path)["task"].tolist() == ["Old task."]
    wb["Data"].sheet_state = "hidden"  # a hidden sheet after the first: no matter
    wb.save(path)
    assert read_frame(path)["task"].tolist() == ["Old task."]
