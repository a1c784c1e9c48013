"""Fault round 75 (second wave): the table readers (``_tables``) and the mirror and cache paths (``fetch``).

1. Excel's ``sep=;`` first line read as a cell of data and saved again (by LibreOffice,
   R, pandas or Excel itself): quoted, as it holds the separator (``"sep=;"``,
   ``"sep=,"``, ``"sep=<tab>"``), or with the empty cells of its row (``sep=;;``,
   ``"sep=,",``). ``exposure score`` said ``missing text column 'task' (columns:
   ['sep=;'])``, or ``row 2: too many fields: expected 1, got 2 (a title line above the
   header ...)``; ``read_frame`` (``exposure rollup``) returned a frame of one column
   named ``sep=;`` without a word. Now ``row 1: the first line '"sep=;"' is Excel's
   'sep=;' line read as a cell of data and saved again (which Excel too reads as data):
   delete that line`` (and, for ``;``, what to do with a semicolon-separated file).
2. A path holding a variable that nothing expanded was named only for ``$NAME`` and
   ``${NAME}`` and only when it should name a file: Windows's ``%USERPROFILE%`` (a path
   written in PowerShell, a script or a spreadsheet cell) was ``input file not found``
   alone, and a directory (``exposure evaluate --model-dir '$HOME/minilm'``,
   ``missing_note(path, "directory")``) was told the variable but not the directory it
   meant. Now the note is public (``_tables.variable_note``), reads ``%NAME%`` of a set
   variable too, and says ``'/home/me/minilm' is a directory: give that path``.
3. ``--mirror '$HOME/data'`` (or ``$EXPOSURE_MIRROR='$HOME/data'`` from a docker
   env-file, which expands no variable): ``mirror directory '$HOME/data' (from
   --mirror/mirror=) does not exist``, the reason unsaid. Now ``... does not exist: the
   '$HOME' is not read as an environment variable (...); '/home/me/data' is a directory:
   give that path`` (``...; NAME is not set`` for a variable not set).
4. ``--data-dir '$HOME/c'`` (``$EXPOSURE_DATA_DIR=/srv/$USER/c``, ``home='$HOME/h'``):
   the cache was ``./$HOME/c`` of the current directory, made without a word, and
   ``exposure sources`` said ``88 files in $HOME/c: 0 verified, 88 missing``, exit 0
   (``DataStore(cache='$HOME/c')`` likewise).
   Now refused, exit 2: ``--data-dir/data_dir= '$HOME/c': the '$HOME' is not read as an
   environment variable (a shell expands it only outside single quotes); give the path
   with it expanded, '/home/me/c'``. A variable that is not set is taken as written.
5. A text file with a byte that is not UTF-8 whose lines end with a carriage return alone
   (Excel's 'CSV (Macintosh)', in Mac Roman): ``_csv.Error: new-line character seen in
   unquoted field - do you need to open the file in universal-newline mode?``, a
   traceback from ``exposure score``, ``read_frame`` and every text reader. Now ``row 2,
   column 'task': byte 0x8e is not valid UTF-8 (byte offset 14): the file looks like Mac
   Roman text (lines ending with a carriage return alone, as Excel for Mac's 'CSV
   (Macintosh)' writes them; 0x8e is 'é' there); save it as UTF-8 ('CSV UTF-8')``.
6. ``read_frame(path, sheet=...)`` and ``read_xlsx_table``: ``sheet=True`` read the second
   sheet (True taken as 1); ``sheet=[0]`` was ``AttributeError: 'dict' object has no
   attribute 'empty'`` (``read_frame``) or ``cannot read workbook (damaged?): 'Worksheet
   [0] does not exist.'``; ``sheet=1.0`` ``list indices must be integers``; a name
   ``read_frame`` did not find ``cannot read this .xlsx workbook: Worksheet named 'tasks'
   not found``, the sheets unsaid; ``sheet=`` given for a CSV file was ignored. Now
   ``sheet must be a sheet name (str) or a 0-based position (int), not bool True``, ``no
   sheet 'tasks'; the worksheets are ['Tasks', 'Notes']``, and ``sheet=0 is given, but a
   .csv file has no sheets: ...``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_faults_cli import cli, one_error_line
from tests.unit._frames import write_xlsx

from exposure import _tables, fetch
from exposure._tables import missing_note, read_frame, read_xlsx_table
from exposure.errors import DataFormatError, ExposureError

SCORE = ["--onet", "none", "--method", "rubric"]
SAID = "is not read as an environment variable (a shell expands it only outside single quotes)"
READ_AS_DATA = "read as a cell of data and saved again (which Excel too reads as data): delete that line"


# 1. Excel's sep= line saved as a cell ----------------------------------------------------------


@pytest.mark.parametrize(("name", "text", "line", "sep"), [
    ("q.csv", '"sep=;"\ntask;title\nWeld metal.;Welder\n', '"sep=;"', ";"),
    ("q.csv", '\ufeff"sep=;"\r\ntask;title\r\nWeld metal.;Welder\r\n', '"sep=;"', ";"),
    ("q.csv", "sep=;;\ntask;title\nWeld metal.;Welder\n", "sep=;;", ";"),
    ("q.csv", '"sep=,"\ntask,title\nWeld metal.,Welder\n', '"sep=,"', ","),
    ("q.csv", '"sep=,",\ntask,title\nWeld metal.,Welder\n', '"sep=,",', ","),
    ("q.csv", "sep=,,\ntask,title\nWeld metal.,Welder\n", "sep=,,", ","),
    ("q.tsv", '"sep=\t"\ntask\ttitle\nWeld metal.\tWelder\n', '"sep=\t"', "\t"),
])
def test_a_sep_line_saved_as_a_cell_is_refused(tmp_path, capsys, name, text, line, sep):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8", newline="")
    start = f"{path}, row 1: the first line {line!r} is Excel's {'sep=' + sep!r} line {READ_AS_DATA}"
    with pytest.raises(DataFormatError) as err:  # was a frame of one column named 'sep=;'
        read_frame(path)
    assert str(err.value).startswith(start)
    assert ("; the file looks semicolon-separated" in str(err.value)) == (sep == ";")
    code, _, err = cli(capsys, "score", path, "-o", tmp_path / "o.csv", *SCORE)
    assert code == 2 and err_text(err).startswith(start)
    assert not (tmp_path / "o.csv").exists()


def err_text(err: str) -> str:
    """The message of the one error line of ``err``, without its ``exposure score: error:`` prefix."""
    return one_error_line(err, command="score").removeprefix("exposure score: error: ")


# 2. variable_note: public, %NAME%, directories ---------------------------------------------------


def test_a_windows_variable_in_an_input_path_is_said(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("EXPOSURE_R75_DIR", str(tmp_path))
    good = tmp_path / "tasks.csv"
    good.write_text("task\nAnswer telephones.\n", encoding="utf-8")
    code, _, err = cli(capsys, "score", "%EXPOSURE_R75_DIR%/tasks.csv", "-o", tmp_path / "o.csv", *SCORE)
    assert code == 2
    assert one_error_line(err, command="score") == (
        "exposure score: error: %EXPOSURE_R75_DIR%/tasks.csv: input file not found: the "
        "'%EXPOSURE_R75_DIR%' is not read as an environment variable (only the Windows command prompt "
        f"expands it, on its command line); {str(good)!r} is a file: give that path")


def test_a_percent_sign_of_no_set_variable_is_text(tmp_path, monkeypatch):
    monkeypatch.delenv("B_R75", raising=False)
    assert missing_note(tmp_path / "a%B_R75%.csv", "input file") == "input file not found"
    assert _tables.variable_note(tmp_path / "a%B_R75%.csv") is None


def test_a_variable_in_a_directory_path_names_the_directory(tmp_path, monkeypatch):
    monkeypatch.setenv("EXPOSURE_R75_DIR", str(tmp_path))
    (tmp_path / "minilm").mkdir()
    assert "variable_note" in _tables.__all__
    assert missing_note(Path("$EXPOSURE_R75_DIR/minilm"), "directory") == (
        f"directory not found: the '$EXPOSURE_R75_DIR' {SAID}; {str(tmp_path / 'minilm')!r} is a "
        "directory: give that path")
    # a directory where a file is wanted is not offered
    assert _tables.variable_note("$EXPOSURE_R75_DIR/minilm") == f"the '$EXPOSURE_R75_DIR' {SAID}"


# 3. --mirror '$HOME/data' ---------------------------------------------------------------------


def test_a_variable_in_the_mirror_is_said(tmp_path, monkeypatch):
    monkeypatch.setenv("EXPOSURE_R75_DIR", str(tmp_path))
    monkeypatch.delenv("EXPOSURE_R75_UNSET", raising=False)
    (tmp_path / "data").mkdir()
    with pytest.raises(ExposureError) as err:
        fetch.resolve_mirror("$EXPOSURE_R75_DIR/data")
    assert str(err.value) == (
        "mirror directory '$EXPOSURE_R75_DIR/data' (from --mirror/mirror=) does not exist: the "
        f"'$EXPOSURE_R75_DIR' {SAID}; {str(tmp_path / 'data')!r} is a directory: give that path")
    monkeypatch.setenv("EXPOSURE_MIRROR", "${EXPOSURE_R75_UNSET}/data")  # a docker env-file
    with pytest.raises(ExposureError) as err:
        fetch.resolve_mirror()
    assert str(err.value) == (
        "mirror directory '${EXPOSURE_R75_UNSET}/data' (from $EXPOSURE_MIRROR) does not exist: the "
        f"'${{EXPOSURE_R75_UNSET}}' {SAID}; EXPOSURE_R75_UNSET is not set")


# 4. --data-dir '$HOME/c' ----------------------------------------------------------------------


def test_a_variable_in_the_cache_path_is_refused(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("EXPOSURE_R75_DIR", str(tmp_path))
    monkeypatch.chdir(tmp_path)
    code, _, err = cli(capsys, "sources", "--data-dir", "$EXPOSURE_R75_DIR/c")
    assert code == 2  # was exit 0: "88 files in $EXPOSURE_R75_DIR/c: 0 verified, 88 missing"
    assert one_error_line(err, command="sources") == (
        "exposure sources: error: --data-dir/data_dir= '$EXPOSURE_R75_DIR/c': the '$EXPOSURE_R75_DIR' "
        f"{SAID}; give the path with it expanded, {str(tmp_path / 'c')!r}")
    assert not (tmp_path / "$EXPOSURE_R75_DIR").exists()
    monkeypatch.delenv("EXPOSURE_R75_UNSET", raising=False)  # a variable not set: taken as written
    assert fetch.resolve_data_dir(tmp_path / "$EXPOSURE_R75_UNSET") == tmp_path / "$EXPOSURE_R75_UNSET"


@pytest.mark.parametrize("origin", ["EXPOSURE_DATA_DIR", "EXPOSURE_HOME", "home=", "cache"])
def test_a_variable_in_an_absolute_cache_or_home_path_is_refused(tmp_path, monkeypatch, origin):
    monkeypatch.setenv("EXPOSURE_R75_USER", "me")
    value = str(tmp_path / "srv" / "%EXPOSURE_R75_USER%" / "c")
    if origin == "home=":
        call, named = (lambda: fetch.DataStore.default(home=value)), "home="
    elif origin == "cache":  # the store built directly
        call, named = (lambda: fetch.DataStore(cache=value, home=tmp_path / "h")), "cache"
    else:
        monkeypatch.setenv(origin, value)
        call, named = (fetch.default_data_dir if origin == "EXPOSURE_DATA_DIR" else fetch.default_home), \
            f"${origin}"
    with pytest.raises(ExposureError) as err:
        call()
    assert str(err.value).startswith(f"{named} {value!r}: the '%EXPOSURE_R75_USER%' is not read")
    assert str(err.value).endswith(f"give the path with it expanded, {str(tmp_path / 'srv' / 'me' / 'c')!r}")


# 5. a file of carriage returns that is not UTF-8 -------------------------------------------------


@pytest.mark.parametrize(("name", "text", "column"), [
    ("mac.csv", "task,title\rCaf\u00e9 work.,Barista\rSew.,Tailor\r", "task"),
    ("mac.tsv", "task\ttitle\rWeld.\tCaf\u00e9\r", "title"),
])
def test_a_mac_roman_file_of_carriage_returns_is_named(tmp_path, capsys, name, text, column):
    path = tmp_path / name
    path.write_bytes(text.encode("mac_roman"))
    with pytest.raises(DataFormatError) as err:  # was _csv.Error: new-line character seen ...
        read_frame(path)
    assert str(err.value).startswith(f"{path}, row 2, column {column!r}: byte 0x8e is not valid UTF-8")
    assert ": the file looks like Mac Roman text (lines ending with a carriage return alone, as Excel for " \
        "Mac's 'CSV (Macintosh)' writes them; 0x8e is 'é' there); " in str(err.value)  # (not Windows-1252's 'Ž')
    code, _, err = cli(capsys, "score", path, "-o", tmp_path / "o.csv", *SCORE)
    assert code == 2 and err_text(err).startswith(f"{path}, row 2, column {column!r}: byte 0x8e")


# 6. the sheet argument ------------------------------------------------------------------------


@pytest.fixture
def book(tmp_path):
    path = write_xlsx(tmp_path, "w.xlsx", [["task", "title"], ["Weld.", "Welder"]])
    return path


@pytest.mark.parametrize(("sheet", "shown"), [(True, "bool True"), (1.0, "float 1.0"), ([0], "list [0]"),
                                              (b"Sheet", "bytes b'Sheet'")])
@pytest.mark.parametrize("reader", ["read_frame", "read_xlsx_table"])
def test_a_sheet_that_is_no_name_or_position_is_refused(book, sheet, shown, reader):
    with pytest.raises(DataFormatError) as err:
        if reader == "read_frame":
            read_frame(book, sheet=sheet)
        else:
            read_xlsx_table(book, {"task": "task"}, sheet=sheet)
    assert str(err.value) == (f"{book}: sheet must be a sheet name (str) or a 0-based position (int), "
                              f"not {shown}")


def test_a_sheet_read_frame_does_not_find_names_the_worksheets(book):
    names = _tables.xlsx_worksheets(book)
    with pytest.raises(DataFormatError) as err:
        read_frame(book, sheet="tasks")
    assert str(err.value) == f"{book}: no sheet 'tasks'; the worksheets are {[n for n, _ in names]}"
    assert read_frame(book, sheet=0)["task"].tolist() == ["Weld."]


def test_a_sheet_given_for_a_text_file_is_refused(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("task\nWeld.\n", encoding="utf-8")
    with pytest.raises(DataFormatError) as err:  # was ignored
        read_frame(path, sheet="Tasks")
    assert str(err.value) == (f"{path}: sheet='Tasks' is given, but a .csv file has no sheets: leave "
                              "sheet out, or give the .xlsx workbook")
