"""Fault round 31: the shared readers and argument checks (``exposure._tables``).

1. ``read_frame`` on a CSV whose last quoted cell is never closed raised pandas' own
   ``ParserError: Error tokenizing data. C error: EOF inside string starting at row 2``
   (row counted from 0), a traceback for ``exposure rollup`` and every other user of
   ``read_frame`` but ``exposure score``. It now names the file, the row and line where
   the quote opens, and what to do (the wording of ``exposure score``); a header whose
   quote is never closed too.
2. In a file of two or more columns the same quote said ``too few fields: expected 2,
   got 1 (truncated file or line?)``: the unclosed quote is now named.
3. ``check_delimited_file`` (the check before ``exposure score`` reads a CSV in
   batches, and before the measures table is read) passed a file ending inside a
   quoted cell: the batches were read (and scored) up to the last one, which failed;
   a header whose quote is never closed was returned as the header
   (``['task', 'title\\nWeld.,Welder\\n']``). Refused before any batch now.
4. A CSV row with inch marks in two unquoted cells (``Cut 2" pipe,6" tube``) was
   refused by ``read_frame`` as ``too few fields`` (the field count took ``" pipe,6"``
   for a quoted cell); with a comma between two such marks (``Cut 2" pipe, 3" rod,
   Welder``, three fields in a file of two) its last field was dropped silently with
   pandas' ``ParserWarning``. Fields are now counted as pandas and csv read them.
5. A tab-separated file given to a comma-separated reader by exact table name
   (``exposure validate --file onet_to_soc 'Task Statements.txt'``) said ``missing
   column(s) ... found: 'O*NET-SOC Code\\tTask ID\\tTask'`` without saying that the
   header is separated by tabs. (Since round 78 a published file is refused so at its
   header, before its rows are read, in the words of every published file: ``row 1: the
   header holds tabs and no ',': the file looks tab-separated; the file is read
   comma-separated, as published: save it as 'CSV UTF-8 (comma delimited)'``; a comma-
   separated file read tab-separated: ``... holds ',' and no tab: the file looks
   comma-separated; the file is read tab-separated, as published: save it tab-separated``.)
6. ``exposure score <(cat a.csv)`` said ``/dev/fd/63: standard input is not supported``
   (and ``/dev/stdout`` given as an input file the same): a pipe or process
   substitution, and standard output, are now named as such.
7. A damaged Parquet file's reason could hold raw control characters (``Couldn't
   deserialize thrift: don't know what type: \\x0e``, the byte itself) in the one-line
   error: they are escaped. ``read_parquet_file`` (the library's own tables: processed
   tables, SOC scores) raised that damaged page's bare ``OSError`` (no errno): a
   ``DataFormatError`` now.
8. A file name too long for the system (``'x' * 300 + '.csv'``) made ``read_frame``,
   ``check_input_file`` and ``check_delimited_file`` raise a bare ``OSError: [Errno 36]
   File name too long``: an ``InputError`` naming the file now.
9. A symbolic link whose target is missing, or a loop of links, was ``file not found``
   (``ls`` lists it): the link and its target are named.
10. A Stata ``.dta`` file whose value labels give one label to two values said ``cannot
    read this Stata .dta file: Value labels for column lvl are not unique. These cannot
    be converted to`` (pandas' message cut at its line end): the column is named, with
    why and what to do.

Tiny made-up files written by the tests into ``tmp_path``.
"""

from __future__ import annotations

import csv
import os
import warnings

import numpy as np
import pandas as pd
import pytest

from exposure._tables import (
    check_delimited_file,
    check_input_file,
    read_frame,
    read_parquet_file,
    read_text_table,
    table_kind,
)
from exposure.errors import DataFormatError, ExposureError, InputError

UNCLOSED = ("the quoted cell that starts on this line is not closed: the file ends inside its "
            "quotes, so every line below it was read into that cell; add the closing \" (and "
            "write a \" inside a quoted cell as \"\")")


def _write(tmp_path, name, text):
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return path


# 1. an unclosed quote in a one-column CSV --------------------------------------------------

def test_read_frame_unclosed_quote_one_column(tmp_path):
    path = _write(tmp_path, "uq.csv", 'task\nWeld.\n"Sew the\nhem.\nCut.\n')
    with pytest.raises(DataFormatError) as err:
        read_frame(path)
    assert str(err.value) == f"{path}, row 3: {UNCLOSED}"


def test_read_frame_unclosed_quote_in_last_cell(tmp_path):
    path = _write(tmp_path, "t.csv", 'task,title\nWeld.,Welder\nSew.,"Tailor\n')
    with pytest.raises(DataFormatError) as err:
        read_frame(path)
    assert (err.value.row, err.value.line) == (3, 3)
    assert err.value.reason == UNCLOSED


def test_read_frame_unclosed_quote_in_header(tmp_path):
    path = _write(tmp_path, "t.csv", 'task,"title\nWeld.,Welder\n')
    with pytest.raises(DataFormatError) as err:
        read_frame(path)
    assert str(err.value) == f"{path}, row 1: {UNCLOSED}"


def test_read_text_table_unclosed_quote(tmp_path):
    # the crosswalk readers (comma-separated): it was "malformed line: C error: EOF inside string"
    path = _write(tmp_path, "x.csv", "code,title\n11-1011,Chief\n12-1011,\"Chief\n")
    with pytest.raises(DataFormatError) as err:
        read_text_table(path, {"code": "code"}, sep=",", quoting=csv.QUOTE_MINIMAL)
    assert str(err.value) == f"{path}, row 3: {UNCLOSED}"


# 2. an unclosed quote in a file of two columns ---------------------------------------------

@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_unclosed_quote_two_columns_named(tmp_path, newline):
    text = newline.join(["task,title", "Weld.,Welder", '"Sew the,Tailor', "Cut.,Cutter", ""])
    path = _write(tmp_path, "t.csv", text)
    for reader in (read_frame, check_delimited_file):
        with pytest.raises(DataFormatError) as err:
            reader(path)
        assert str(err.value) == f"{path}, row 3: {UNCLOSED}", reader.__name__


def test_unclosed_quote_after_a_quoted_multiline_cell(tmp_path):
    # row 3 starts on line 4 (the cell of row 2 spans two lines)
    path = _write(tmp_path, "t.csv", 'task,title\n"Weld,\nthen grind.",Welder\n"Sew,Tailor\nCut.,Cutter\n')
    for reader in (read_frame, check_delimited_file):
        with pytest.raises(DataFormatError) as err:
            reader(path)
        assert (err.value.row, err.value.line, err.value.reason) == (3, 4, UNCLOSED), reader.__name__


def test_earlier_bad_row_named_before_an_unclosed_quote(tmp_path):
    path = _write(tmp_path, "t.csv", 'task,title\nWeld.,Welder,x\n"Sew,Tailor\n')
    for reader in (read_frame, check_delimited_file):
        with pytest.raises(DataFormatError) as err:
            reader(path)
        assert err.value.row == 2 and "too many fields" in err.value.reason, reader.__name__


# 3. check_delimited_file (before reading in batches) ---------------------------------------

@pytest.mark.parametrize("text, row", [
    ('task\nWeld.\n"Sew the\nhem.\n', 3),
    ('task,title\nWeld.,Welder\nSew.,"Tailor\n', 3),
    ('task,title\nWeld.,Welder\nSew.,"', 3),
    ('task,"title\nWeld.,Welder\n', 1),
    ('task\n5" pipe\n"Weld\n', 3),
    ('task,title\n"a"b,"Welder\n', 2),
])
def test_check_delimited_file_unclosed_quote(tmp_path, text, row):
    path = _write(tmp_path, "t.csv", text)
    with pytest.raises(DataFormatError) as err:
        check_delimited_file(path)
    assert (err.value.row, err.value.reason) == (row, UNCLOSED)


@pytest.mark.parametrize("text, header", [
    # ('"a"b', text after a closing quote, is refused since round 72: test_faults_round72_tables2.py)
    ('task,title\n"Say ""hi""",Clerk\n', ["task", "title"]),
    ('task,title\n"Weld,\nthen grind.",Welder\n', ["task", "title"]),
])
def test_check_delimited_file_closed_quotes_pass(tmp_path, text, header):
    path = _write(tmp_path, "t.csv", text)
    assert check_delimited_file(path) == header
    assert list(read_frame(path).columns) == header


# 4. inch marks in unquoted cells -----------------------------------------------------------

def test_inch_marks_in_two_cells_read(tmp_path):
    path = _write(tmp_path, "t.csv", 'task,size\nCut 2" pipe,6" tube\nWeld.,small\n')
    frame = read_frame(path)
    assert frame.to_dict("list") == {"task": ['Cut 2" pipe', "Weld."], "size": ['6" tube', "small"]}
    raw = read_text_table(path, {"task": "task", "size": "size"}, sep=",", quoting=csv.QUOTE_MINIMAL)
    assert raw.frame["size"].tolist() == ['6" tube', "small"]


def test_inch_marks_around_a_comma_not_dropped(tmp_path):
    path = _write(tmp_path, "t.csv", 'task,title\nCut 2" pipe, 3" rod,Welder\nWeld.,Welder\n')
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # pandas' ParserWarning of the dropped field
        with pytest.raises(DataFormatError) as err:
            read_frame(path)
    assert str(err.value) == (f"{path}, row 2: too many fields: expected 2, got 3 (an unquoted "
                              "comma inside a field?)")


# 5. a tab-separated file given to a comma-separated reader ---------------------------------

def test_tab_separated_file_to_comma_reader_says_tabs(tmp_path):
    path = _write(tmp_path, "Task Statements.txt",
                  "O*NET-SOC Code\tTask ID\tTask\n11-1011.00\t8823\tDirect budgets.\n")
    with pytest.raises(DataFormatError) as err:
        read_text_table(path, {"code": "O*NET-SOC 2019 Code"}, sep=",", quoting=csv.QUOTE_MINIMAL)
    # round 78 (was: "missing column(s) ... (the header is one column separated by tabs, and this table
    # is read comma-separated: ...)"): at the header, the columns it lacks split on tabs named
    assert str(err.value) == (f"{path}, row 1: the header holds tabs and no ',': the file looks tab-separated, "
                              "but split on tabs its header lacks column(s) 'O*NET-SOC 2019 Code' (found: "
                              "'O*NET-SOC Code', 'Task ID', 'Task'), and the file is read comma-separated, as "
                              "published: check that it is the right file, or save it as 'CSV UTF-8 (comma "
                              "delimited)'")
    # a table of the reader's columns separated so: the advice alone
    path = _write(tmp_path, "t.csv", "O*NET-SOC 2019 Code\tTitle\n11-1011.00\tChief\n")
    with pytest.raises(DataFormatError) as err:
        read_text_table(path, {"code": "O*NET-SOC 2019 Code"}, sep=",", quoting=csv.QUOTE_MINIMAL)
    assert str(err.value) == (f"{path}, row 1: the header holds tabs and no ',': the file looks tab-separated; "
                              "the file is read comma-separated, as published: save it as 'CSV UTF-8 (comma "
                              "delimited)'")


def test_crosswalk_given_a_tab_separated_file(tmp_path):
    from exposure.crosswalks import read_onet_to_soc

    path = _write(tmp_path, "Task Statements.txt",
                  "O*NET-SOC Code\tTask ID\tTask\n11-1011.00\t8823\tDirect budgets.\n")
    with pytest.raises(DataFormatError) as err:
        read_onet_to_soc(path)
    # round 78: at the header (was: "missing column(s) 'O*NET-SOC 2019 Code', ... (the header is one column
    # separated by tabs, and this table is read comma-separated: check that it is the right file, or save it
    # comma-separated)"); the columns it lacks split on tabs named, "check that it is the right file" first
    assert str(err.value) == (f"{path}, row 1: the header holds tabs and no ',': the file looks tab-separated, "
                              "but split on tabs its header lacks column(s) 'O*NET-SOC 2019 Title', '2018 SOC "
                              "Code', '2018 SOC Title' (found: 'O*NET-SOC Code', 'Task ID', 'Task'), and the file "
                              "is read comma-separated, as published: check that it is the right file, or save it "
                              "as 'CSV UTF-8 (comma delimited)'")


def test_comma_file_to_tab_reader_says_commas(tmp_path):
    path = _write(tmp_path, "t.txt", "Code,Title\n11-1011.00,Chief\n")
    with pytest.raises(DataFormatError) as err:
        read_text_table(path, {"code": "O*NET-SOC Code"})
    # round 78 (was: "missing column(s) ... (the header is one column separated by ',', and this table
    # is read tab-separated: ...)")
    assert str(err.value) == (f"{path}, row 1: the header holds ',' and no tab: the file looks comma-separated, but "
                              "split on ',' its header lacks column(s) 'O*NET-SOC Code' (found: 'Code', 'Title'), "
                              "and the file is read tab-separated, as published: check that it is the right file, "
                              "or save it tab-separated")


def test_one_column_header_without_other_separator_unchanged(tmp_path):
    path = _write(tmp_path, "t.csv", "Code\n11-1011.00\n")
    with pytest.raises(DataFormatError) as err:
        read_text_table(path, {"title": "Title"}, sep=",", quoting=csv.QUOTE_MINIMAL)
    assert str(err.value) == f"{path}: missing column(s) 'Title' in the header (line 1); found: 'Code'"


# 6. pipes and standard output are not "standard input" -------------------------------------

def test_pipe_is_not_called_standard_input():
    with pytest.raises(DataFormatError) as err:
        check_input_file("/dev/fd/63")
    assert "standard input" not in str(err.value)
    assert "pipe" in str(err.value) and "save the data to a file" in str(err.value)
    with pytest.raises(DataFormatError) as err:
        table_kind("/dev/fd/63")
    assert "standard input" not in str(err.value) and "pipe" in str(err.value)


def test_standard_output_as_input_named():
    with pytest.raises(DataFormatError) as err:
        check_input_file("/dev/stdout")
    assert "standard output" in str(err.value) and "standard input" not in str(err.value)
    with pytest.raises(DataFormatError) as err:
        table_kind("/dev/fd/3", "output")
    assert "standard output" not in str(err.value)


def test_standard_input_still_named():
    for name in ("-", "/dev/stdin", "/dev/fd/0"):
        with pytest.raises(DataFormatError, match="standard input is not supported"):
            check_input_file(name)


def test_score_cli_pipe_named(tmp_path, capsys):
    from exposure.cli import main

    code = main(["score", "/dev/fd/63", "-o", str(tmp_path / "o.csv")])
    assert code == 2
    err = capsys.readouterr().err
    assert "standard input" not in err and "pipe" in err


# 7. control characters in a reader's reason ------------------------------------------------

def _damaged_parquet(tmp_path):
    path = tmp_path / "t.parquet"
    pd.DataFrame({"task": ["Weld."]}).to_parquet(path)
    data = bytearray(path.read_bytes())
    assert data[4] == 0x15  # the first field of the first page header
    data[4] = 0xDE  # a field of an unknown type (0xE)
    path.write_bytes(bytes(data))
    return path


def test_damaged_parquet_reason_escaped(tmp_path):
    path = _damaged_parquet(tmp_path)
    for reader in (read_frame, read_parquet_file):
        with pytest.raises(DataFormatError) as err:
            reader(path)
        text = str(err.value)
        assert not any(ord(c) < 32 or ord(c) == 127 for c in text), (reader.__name__, text)
        assert "\\x0e" in text, text


def test_read_parquet_file_damaged_page_is_data_format_error(tmp_path):
    path = _damaged_parquet(tmp_path)
    with pytest.raises(DataFormatError, match="cannot read this Parquet file: Couldn't deserialize"):
        read_parquet_file(path)


# 8. a file name too long -------------------------------------------------------------------

def test_file_name_too_long(tmp_path):
    path = tmp_path / ("x" * 300 + ".csv")
    for reader in (read_frame, check_input_file, check_delimited_file):
        with pytest.raises(ExposureError) as err:
            reader(path)
        assert isinstance(err.value, (InputError, DataFormatError)), reader.__name__
        assert "too long" in str(err.value), reader.__name__


# 9. a link to nothing ----------------------------------------------------------------------

def test_broken_symbolic_link_named(tmp_path):
    link = tmp_path / "tasks.csv"
    os.symlink(tmp_path / "moved.csv", link)
    for reader in (read_frame, check_input_file, check_delimited_file):
        with pytest.raises(DataFormatError) as err:
            reader(link)
        assert "symbolic link" in str(err.value) and "moved.csv" in str(err.value), reader.__name__


def test_symbolic_link_loop_named(tmp_path):
    link = tmp_path / "tasks.csv"
    os.symlink(link, link)
    with pytest.raises(DataFormatError) as err:
        read_frame(link)
    assert "symbolic link" in str(err.value) and "loop" in str(err.value)


# 10. Stata value labels that repeat -------------------------------------------------------

def test_stata_repeated_value_labels_named(tmp_path):
    path = tmp_path / "t.dta"
    frame = pd.DataFrame({"task": ["Weld.", "Sew."], "lvl": np.array([1, 2], dtype=np.int8)})
    frame.to_stata(path, write_index=False, value_labels={"lvl": {1: "same", 2: "same"}})
    with pytest.raises(DataFormatError) as err:
        read_frame(path)
    assert err.value.column == "lvl"
    assert str(err.value).endswith("give each value its own label, or remove the labels from the "
                                   "column (Stata: label values lvl)")


def test_stata_value_labels_still_read_as_labels(tmp_path):
    path = tmp_path / "t.dta"
    frame = pd.DataFrame({"task": ["Weld.", "Sew."], "lvl": np.array([1, 2], dtype=np.int8)})
    frame.to_stata(path, write_index=False, value_labels={"lvl": {1: "low", 2: "high"}})
    assert read_frame(path)["lvl"].tolist() == ["low", "high"]
