"""Fault round 26: the shared table readers (:mod:`exposure._tables`), format by format.

1. A header cell padded with spaces in an ``.xlsx`` workbook (``task ``, ``task`` and a
   no-break space, ``task`` and a line break): stripped by :func:`read_frame`, so that
   ``exposure score`` scored the file, while the same header in a CSV file is refused
   (``missing text column 'task' ...; the file has 'task ': rename it task``) and a
   Parquet file keeps its names as written. Now a workbook's header is kept as written,
   as in every other format, and refused the same way.
2. A TRUE/FALSE (boolean) cell in a column of text of an ``.xlsx`` workbook (Excel turns a
   typed ``true`` into a boolean): read as the text ``'True'`` and scored as a task,
   exit 0; :func:`read_xlsx_table` read it as ``'TRUE'`` into a title. Now refused,
   naming the sheet row and the column. A column of booleans only is read as ``TRUE`` /
   ``FALSE`` by both workbook readers, as Excel writes them to CSV (``read_frame`` gave
   ``'True'``, ``read_xlsx_table`` ``'TRUE'``).
3. UTF-16 text without a byte-order mark (little- or big-endian): ``row 1: file is
   binary, not text (a NUL byte at offset 1)``, whole, in batches and in the O*NET
   readers. Now ``file looks like UTF-16 text without a byte-order mark: save it as UTF-8
   ('CSV UTF-8')`` (never decoded by guessing).
4. UTF-32 text with its byte-order mark: ``file is UTF-16 text (Excel's 'Unicode
   Text')``. Now named as UTF-32.
5. A carriage return alone inside a line of a file whose lines end with line feeds (an
   unquoted cell holding a line break copied from a spreadsheet): in a one-column file
   the cell was split silently into two rows (two tasks scored, exit 0); in a file of
   several columns ``row 2, column 'title': too few fields: expected 2, got 1 (truncated
   file or line?)``, and a line split so into two full records was read as two. Now
   refused, naming the row and saying what the character is. A
   quoted cell holding one, and files whose every line ends with a carriage return,
   are read as before.
6. A ``.tsv``/``.txt`` file with a quoted field holding a tab (quotes are text there):
   ``row 2: too many fields: expected 2, got 3`` with no hint. Now the message says that
   quotes are text in a tab-separated file and to save it as ``.csv``.
7. A formula cell of an ``.xlsx`` workbook written by a program (pandas, openpyxl) and
   never opened in a spreadsheet holds no computed value: read as an empty cell without a
   word (a note column emptied in the scored output; a last row of formulas dropped as an
   empty row, ``scored 1 tasks``, exit 0). Now refused, naming its row and column and
   the formula, as the O*NET readers and the CLI's error path already say it. Formulas with a computed value, the empty text included, are read as before.
"""

import gzip

import pandas as pd
import pytest
from tests.unit._frames import write_xlsx

from exposure._tables import check_delimited_file, read_frame, read_table
from exposure.cli import main
from exposure.errors import DataFormatError

BATCHES = ["0", "1", "10000"]


def _score(src, out, *extra):
    return main(["score", str(src), "-o", str(out), "--onet", "none", "--method", "rubric", *extra])


def _write(tmp_path, name, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


# 1. a padded header in a workbook ------------------------------------------------------------


@pytest.mark.parametrize("header", ["task ", " task", "task\u00a0", "task\n"])
def test_padded_header_of_a_workbook_is_refused_as_in_a_csv_file(tmp_path, capsys, header):
    src = write_xlsx(tmp_path, "h.xlsx", [[header, "title"], ["Answer telephones.", "Clerk"]])
    out = tmp_path / "o.csv"
    assert _score(src, out) == 2
    assert capsys.readouterr().err == (
        f"exposure score: error: {src}, column 'task': missing text column 'task' (columns: "
        f"[{header!r}, 'title']); the file has {header!r}: rename it 'task'"
        f"{', or give --text-column ' + repr(header) if header.isprintable() else ''}\n")
    assert not out.exists()


def test_a_workbook_keeps_its_header_as_written_as_csv_and_parquet_do(tmp_path):
    rows = [["task ", " title"], ["Answer telephones.", "Clerk"]]
    xlsx = read_frame(write_xlsx(tmp_path, "h.xlsx", rows))
    csv = read_frame(_write(tmp_path, "h.csv", b"task , title\nAnswer telephones.,Clerk\n"))
    pd.DataFrame({"task ": ["Answer telephones."], " title": ["Clerk"]}).to_parquet(tmp_path / "h.parquet")
    parquet = read_frame(tmp_path / "h.parquet")
    assert list(xlsx.columns) == list(csv.columns) == list(parquet.columns) == ["task ", " title"]


# 2. a boolean cell in a column of text --------------------------------------------------------


def test_boolean_cell_in_the_task_column_of_a_workbook_is_refused(tmp_path, capsys):
    src = write_xlsx(tmp_path, "b.xlsx", [["task", "title"], ["Answer telephones.", "Clerk"],
                                          [True, "Clerk"]])
    out = tmp_path / "o.csv"
    assert _score(src, out) == 2
    assert capsys.readouterr().err == (
        f"exposure score: error: {src}, row 3, column 'task': a TRUE (boolean) cell in a column "
        "of text: Excel turns a typed 'true' or 'false' into a boolean; type the value the cell "
        "should hold, in a cell formatted as Text\n")  # (its advice since round 71)
    assert not out.exists()


def test_boolean_cell_among_text_is_refused_by_read_frame(tmp_path):
    src = write_xlsx(tmp_path, "b.xlsx", [["task", "note"], ["Answer telephones.", "ok"],
                                          ["Weld.", False]])
    with pytest.raises(DataFormatError, match=r"b\.xlsx, row 3, column 'note': a FALSE \(boolean\) "
                                              r"cell in a column of text"):
        read_frame(src)


def test_boolean_cell_among_text_is_refused_by_the_table_reader(tmp_path):
    src = write_xlsx(tmp_path, "c.xlsx", [["Code", "Title"], ["11-1011.00", "Chief Executives"],
                                          ["11-1011.03", True]])
    with pytest.raises(DataFormatError, match=r"c\.xlsx, row 3, column 'Title': a TRUE \(boolean\) "
                                              r"cell in a column of text"):
        read_table(src, {"code": "Code", "title": "Title"})


def test_a_column_of_booleans_reads_as_excel_writes_it_to_csv(tmp_path):
    src = write_xlsx(tmp_path, "f.xlsx", [["task", "core"], ["Answer telephones.", True],
                                          ["Weld.", False], ["Sew.", None]])
    frame = read_frame(src)
    assert frame["core"].tolist()[:2] == ["TRUE", "FALSE"] and pd.isna(frame["core"].iloc[2])
    raw = read_table(src, {"task": "task", "core": "core"})
    assert raw.frame["core"].tolist() == ["TRUE", "FALSE", ""]


def test_number_and_date_cells_of_a_workbook_read_as_before(tmp_path):
    import datetime

    src = write_xlsx(tmp_path, "n.xlsx", [["task", "n", "when"],
                                          ["Answer telephones.", 5, datetime.datetime(2021, 1, 1)],
                                          ["Weld.", 2.5, None], ["Sew.", 4.0, "soon"]])
    frame = read_frame(src)
    assert frame["n"].tolist() == ["5", "2.5", "4"]
    assert frame["when"].tolist()[0] == "2021-01-01 00:00:00" and frame["when"].tolist()[2] == "soon"


# 3. UTF-16 without a byte-order mark ---------------------------------------------------------

UTF16 = "file looks like UTF-16 text without a byte-order mark: save it as UTF-8 ('CSV UTF-8')"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("batch", BATCHES)
def test_utf16_without_bom_is_named(tmp_path, capsys, encoding, batch):
    src = _write(tmp_path, "u.csv", "task,title\nAnswer telephones.,Clerk\n".encode(encoding))
    assert _score(src, tmp_path / "o.csv", "--batch-rows", batch) == 2
    assert capsys.readouterr().err == f"exposure score: error: {src}: {UTF16}\n"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_named_by_every_reader(tmp_path, encoding):
    src = _write(tmp_path, "u.txt", "Code\tTitle\n11-1011.00\tChief Executives\n".encode(encoding))
    for read in (read_frame, check_delimited_file):
        with pytest.raises(DataFormatError) as info:
            read(src)
        assert str(info.value) == f"{src}: {UTF16}"
    # the O*NET readers read tab-separated text, which Excel's 'CSV UTF-8' is not (round 69)
    with pytest.raises(DataFormatError) as info:
        read_table(src, {"code": "Code"})
    assert str(info.value) == (f"{src}: {UTF16.split(': save')[0]}: give the table as an .xlsx workbook, or save "
                               "it as UTF-8 tab-separated text (Excel saves none: in LibreOffice, Save As 'Text "
                               "CSV' with the character set 'Unicode (UTF-8)' and the field delimiter {Tab})")


def test_a_binary_file_with_nul_bytes_is_still_binary(tmp_path):
    src = _write(tmp_path, "b.csv", b"task,title\nAnswer.,\x00\x01\x02\x03\x04\n")
    with pytest.raises(DataFormatError, match=r"row 2: file is binary, not text \(a NUL byte at offset 19\)"):
        read_frame(src)


# 4. UTF-32 with its byte-order mark ----------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-32", "utf-32-be"])
def test_utf32_is_named_as_utf32(tmp_path, encoding):
    data = "task,title\nAnswer.,Clerk\n".encode(encoding)
    if encoding == "utf-32-be":
        data = b"\x00\x00\xfe\xff" + data
    src = _write(tmp_path, "u.csv", data)
    with pytest.raises(DataFormatError) as info:
        read_frame(src)
    assert str(info.value) == f"{src}: file is UTF-32 text: save it as UTF-8 ('CSV UTF-8')"


# 5. a carriage return alone inside a line ----------------------------------------------------

LONE_CR = ("a carriage return (\\r) alone ends this line, where the other lines end with a line "
           "feed: a line break inside a cell? remove it, or quote the cell")


@pytest.mark.parametrize("batch", BATCHES)
def test_lone_carriage_return_in_a_one_column_file_is_refused(tmp_path, capsys, batch):
    src = _write(tmp_path, "cr.csv", b"task\nAnswer\rtelephones.\nWeld.\n")
    out = tmp_path / "o.csv"
    assert _score(src, out, "--batch-rows", batch) == 2
    assert capsys.readouterr().err == f"exposure score: error: {src}, row 2: {LONE_CR}\n"
    assert not out.exists()


@pytest.mark.parametrize("name", ["cr.csv", "cr.tsv"])
def test_lone_carriage_return_in_a_file_of_columns_is_named(tmp_path, name):
    sep = b"," if name.endswith(".csv") else b"\t"
    src = _write(tmp_path, name, b"task" + sep + b"title\r\nWeld." + sep + b"Welder\r\n"
                 b"Answer\rtelephones." + sep + b"Clerk\r\n")
    for read in (read_frame, check_delimited_file):
        with pytest.raises(DataFormatError) as info:
            read(src)
        assert str(info.value) == (f"{src}, row 3, column 'title': too few fields: expected 2, "
                                   f"got 1: {LONE_CR}")
    whole = _write(tmp_path, "w" + name, b"task" + sep + b"title\nWeld." + sep + b"Welder\r"
                   b"Answer." + sep + b"Clerk\n")
    for read in (read_frame, check_delimited_file):
        with pytest.raises(DataFormatError) as info:
            read(whole)
        assert str(info.value) == f"{whole}, row 2: {LONE_CR}"


def test_carriage_returns_that_are_read_as_before(tmp_path):
    quoted = _write(tmp_path, "q.csv", b'task,title\n"Answer\rtelephones.",Clerk\nWeld.,Welder\n')
    assert read_frame(quoted)["task"].tolist() == ["Answer\rtelephones.", "Weld."]
    assert check_delimited_file(quoted) == ["task", "title"]
    mac = _write(tmp_path, "m.csv", b"task,title\rAnswer.,Clerk\rWeld.,Welder\r")
    assert read_frame(mac)["task"].tolist() == ["Answer.", "Weld."]
    assert check_delimited_file(mac) == ["task", "title"]
    last = _write(tmp_path, "l.csv", b"task\nAnswer.\nWeld.\r")
    assert read_frame(last)["task"].tolist() == ["Answer.", "Weld."]


# 6. a quoted tab in a tab-separated file ------------------------------------------------------


@pytest.mark.parametrize("name", ["q.tsv", "q.txt"])
def test_quoted_tab_in_a_tsv_file_says_quotes_are_text(tmp_path, name):
    src = _write(tmp_path, name, b'task\ttitle\nWeld.\tWelder\n"Answer\ttelephones."\tClerk\n')
    for read in (read_frame, check_delimited_file):
        with pytest.raises(DataFormatError) as info:
            read(src)
        assert str(info.value) == (
            f"{src}, row 3: too many fields: expected 2, got 3 (a tab inside a quoted field? "
            "quotes are text in a tab-separated file: save it as .csv)")


# 7. a formula never computed ---------------------------------------------------------------


def _patched(path, old: bytes, new: bytes):
    """``path`` with ``old`` replaced by ``new`` in its first sheet (as a spreadsheet saves it)."""
    import zipfile

    with zipfile.ZipFile(path) as zin:
        members = {name: zin.read(name) for name in zin.namelist()}
    member = "xl/worksheets/sheet1.xml"
    assert old in members[member]
    members[member] = members[member].replace(old, new)
    with zipfile.ZipFile(path, "w") as zout:
        for name, data in members.items():
            zout.writestr(name, data)
    return path


def test_formula_never_computed_is_refused_naming_its_cell(tmp_path, capsys):
    src = tmp_path / "f.xlsx"
    pd.DataFrame({"task": ["Answer telephones.", "Weld pipes."], "note": ["a", '="x"&"y"']}).to_excel(
        src, index=False)
    out = tmp_path / "o.csv"
    assert _score(src, out) == 2
    assert capsys.readouterr().err == (
        f"exposure score: error: {src}, row 3, column 'note': the cell holds the formula "
        '="x"&"y" and no saved value (a workbook written by a program, never opened in a '
        "spreadsheet); open and save it in Excel or LibreOffice, or paste the values\n")
    assert not out.exists()


def test_a_last_row_of_formulas_is_not_dropped_as_empty(tmp_path, capsys):
    src = tmp_path / "g.xlsx"
    pd.DataFrame({"task": ["Answer telephones.", "=A2"]}).to_excel(src, index=False)
    assert _score(src, tmp_path / "o.csv") == 2  # scored 1 task, exit 0
    assert "row 3, column 'task': the cell holds the formula =A2 and no saved value" in capsys.readouterr().err


def test_computed_formulas_are_read_as_their_values(tmp_path):
    src = tmp_path / "c.xlsx"
    pd.DataFrame({"task": ["Answer telephones.", "Weld pipes."], "note": ["a", '="x"&"y"'],
                  "blank": ["b", '=""']}).to_excel(src, index=False)
    _patched(src, b'<c r="B3"><f>"x"&amp;"y"</f><v /></c>', b'<c r="B3" t="str"><f>"x"&amp;"y"</f><v>xy</v></c>')
    _patched(src, b'<c r="C3"><f>""</f><v /></c>', b'<c r="C3" t="str"><f>""</f><v></v></c>')
    frame = read_frame(src)
    assert frame["note"].tolist() == ["a", "xy"] and pd.isna(frame["blank"].iloc[1])


# kept: handled before this round ----------------------------------------------------------


def test_kept_bom_crlf_last_line_without_newline_and_gzip(tmp_path):
    src = _write(tmp_path, "b.csv", b"\xef\xbb\xbftask,title\r\nAnswer.,Clerk\r\nWeld.,Welder")
    assert read_frame(src).to_dict("list") == {"task": ["Answer.", "Weld."], "title": ["Clerk", "Welder"]}
    assert check_delimited_file(src) == ["task", "title"]
    gz = _write(tmp_path, "g.csv", gzip.compress(b"task\nWeld.\n"))
    with pytest.raises(DataFormatError, match="file is gzip-compressed, not delimited text"):
        read_frame(gz)
