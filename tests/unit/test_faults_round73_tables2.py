"""Fault round 73, second pass: the shared table readers and writers (:mod:`exposure._tables`) and ``exposure score``'s readers.

1. :func:`exposure._tables.write_frame` checked ``formulas`` only for ``.csv`` and
   ``.tsv``: ``formulas="neutralize"`` (the American spelling), ``"Keep"`` or ``True`` was
   taken without a word for ``.parquet``, ``.xlsx`` and ``.dta``, and the file written.
   Now refused for every kind, before anything is written, in the words of
   :func:`exposure._io.write_csv` (``formulas must be one of neutralise, keep, got
   'neutralize': write 'neutralise' (British spelling)``).
2. ``write_frame`` to ``.tsv`` checked the cells for tabs and line breaks itself, before
   ``write_csv`` checked the column names: a frame whose column names have two levels (a
   ``groupby().agg()`` result) and a cell holding a tab was told ``column "('a', 'b')": a
   cell holds a tab or a line break, which a .tsv file cannot hold; write .csv or
   .parquet``, advice that does not work (the ``.csv`` file is refused for its two header
   levels). Now one check serves (``write_csv``'s, which also sees a named index written
   as a column): ``the column names have 2 levels (a MultiIndex, as groupby().agg()
   gives), which a .tsv file cannot hold in its one header row; flatten them first ...``;
   a tab in a cell or in a named index is refused as before.
3. A comma-separated table whose header is one field holding ``;`` or tabs (a file saved
   by a spreadsheet in a European locale, or tab-separated text named ``.csv``) whose
   first row is not refused at the header (its rows split on ``;`` otherwise than the
   header: a cell holding a ``;``) was refused at a later row in words that blame the row:
   ``row 2: too many fields: expected 1, got 2 (an unquoted comma inside a field?)`` (``(a
   trailing separator at the end of the line?)`` when the cell ended with a comma), by the
   shared readers of the published tables (:func:`exposure._tables.read_text_table`, so
   ``exposure.crosswalks.read_isco_groups``), of ``read_frame`` and of ``exposure score``
   in batches (``check_delimited_file``). Now the row's error says what the header is:
   ``row 2: too many fields: expected 1, got 2 (the header is one column separated by
   ';', and this table is read comma-separated: check that it is the right file, or open
   it in LibreOffice (separated by ';') and Save As 'Text CSV' ...)``. A header of one
   field separated by ``;`` read comma-separated is told the LibreOffice route in the
   missing-column error too (it was ``save it comma-separated``, which in Excel where the
   list separator is ``;`` writes the same file again); since round 78 a published file
   (:func:`exposure._tables.read_text_table`) whose first row splits on ``;`` as its header
   does is refused so at its header, before its rows are read: ``row 1: the header holds
   ';' and no ',': the file looks semicolon-separated ...; the file is read
   comma-separated, as published: open it in LibreOffice (separated by ';') and Save As
   'Text CSV' ...``.
4. A file separated by ``;`` or tabs, read comma-separated, whose first row holds a quoted
   cell spanning lines (a note, ESCO's ``altLabels``) was not said to be separated so: its
   first line alone did not split into the header's fields, and the file was refused at a
   later row, ``row 3: too many fields: expected 1, got 2 (an unquoted comma inside a
   field?)`` (``exposure score``, ``read_frame``, ``read_isco_groups``). Now the first
   record is looked at whole, and the file is refused at its header as one whose first row
   is on one line: ``row 1: the header holds ';' and no ',': the file looks
   semicolon-separated ...``.
5. A workbook whose header is one cell holding the names joined by ``;`` (a
   semicolon-separated file opened in Excel where the list separator is ``,``, each line in
   one cell of column A, saved as ``.xlsx``) was told ``missing column(s) 'code',
   'preferredLabel' in the header (first 2 rows); found: 'conceptType;code;preferredLabel'``
   (``read_table``: the crosswalks), and ``exposure score`` ``missing text column 'task'
   (columns: ['task;title'])``, neither saying what the sheet holds. Now both add ``(the
   header is one cell holding the names separated by ';': the sheet holds the lines of a
   file separated by ';', each in one cell; split them (Data > Text to Columns, Delimited,
   separator ';') and save the workbook again)``; the workbook so split is read.
"""

from __future__ import annotations

import csv

import pandas as pd
import pytest
from _cli import _no_env  # noqa: F401 (autouse fixture)
from test_faults_cli import cli, one_error_line

from exposure._tables import check_delimited_file, read_frame, read_text_table, write_frame
from exposure.crosswalks import read_isco_groups
from exposure.errors import DataFormatError
from exposure.scoring._files import read_task_file

RUBRIC = ("--method", "rubric", "--onet", "none")
LIBRE = ("open it in LibreOffice (separated by ';') and Save As 'Text CSV' with the character set 'Unicode "
         "(UTF-8)' and the field delimiter ',' (Excel writes ';' in its CSV where the list separator is ';', in "
         "'CSV UTF-8 (comma delimited)' too)")
SEMICOLON_NOTE = (" (the header is one column separated by ';', and this table is read comma-separated: check "
                  f"that it is the right file, or {LIBRE})")
TAB_NOTE = (" (the header is one column separated by tabs, and this table is read comma-separated: check that "
            "it is the right file, or save it comma-separated)")
LOOKS = "the file looks semicolon-separated (Excel's CSV in some European settings)"
SPLIT = (" (the header is one cell holding the names separated by ';': the sheet holds the lines of a file "
         "separated by ';', each in one cell; split them (Data > Text to Columns, Delimited, separator ';') and "
         "save the workbook again)")


def _write(path, rows, sep):
    with open(path, "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh, delimiter=sep, lineterminator="\r\n").writerows(rows)
    return path


# ------------------------------------------------------------------ 1. formulas checked for every kind

@pytest.mark.parametrize("name", ["o.parquet", "o.xlsx", "o.dta"])
@pytest.mark.parametrize(("formulas", "said"), [
    ("neutralize", "formulas must be one of neutralise, keep, got 'neutralize': write 'neutralise' "
                   "(British spelling)"),
    ("Keep", "formulas must be one of neutralise, keep, got 'Keep'"),
])
def test_1_formulas_is_checked_for_every_kind(tmp_path, name, formulas, said):
    frame = pd.DataFrame({"task": ["Weld."], "beta": [0.5]})
    with pytest.raises(DataFormatError) as info:
        write_frame(frame, tmp_path / name, formulas=formulas)
    assert str(info.value).startswith(said)
    assert list(tmp_path.iterdir()) == []  # nothing written (it was, for .parquet, .xlsx and .dta)
    frame = pd.DataFrame({"task": ["=1+1"], "beta": [0.5]})
    for right in ("neutralise", "keep"):  # the right spellings write every kind, text stored as text
        assert read_frame(write_frame(frame, tmp_path / name, formulas=right))["task"].tolist() == ["=1+1"]


# ------------------------------------------------------------------ 2. one tab check for .tsv

def test_2_tsv_of_two_level_columns_is_told_to_flatten_first(tmp_path):
    frame = pd.DataFrame([["Weld\tpipes.", 0.5]], columns=pd.MultiIndex.from_tuples([("task", ""), ("beta", "mean")]))
    with pytest.raises(DataFormatError) as info:
        write_frame(frame, tmp_path / "o.tsv")
    # was: column "('task', '')": a cell holds a tab ...; write .csv or .parquet (and .csv refused the levels)
    assert "the column names have 2 levels (a MultiIndex, as groupby().agg() gives), which a .tsv file " \
           "cannot hold in its one header row; flatten them first" in str(info.value)
    with pytest.raises(DataFormatError, match="the column names have 2 levels"):
        write_frame(frame, tmp_path / "o.csv")  # the old advice, followed
    assert list(tmp_path.iterdir()) == []
    # a tab or a line break in a cell, or in a named index, is refused as before (one check)
    for bad, column in ((pd.DataFrame({"task": ["Weld.", "Sew\thems."]}), "task"),
                        (pd.DataFrame({"task": pd.Categorical(["Weld.", "Sew\nhems."])}), "task"),
                        (pd.DataFrame({"beta": [0.5, 0.2]}, index=pd.Index(["a", "b\tc"], name="code")), "code")):
        with pytest.raises(DataFormatError) as info:
            write_frame(bad, tmp_path / "o.tsv")
        assert str(info.value) == (f"{tmp_path / 'o.tsv'}, row 3, column {column!r}: a cell holds a tab or a line "
                                   "break, which a .tsv file cannot hold; write .csv or .parquet")
    assert list(tmp_path.iterdir()) == []




# ------------------------------------------------------------------ 3. a row below a one-field header

def _isco_rows():
    # a description holding a ';' of its own, unquoted: row 2 splits on ';' into 5 fields, the header 4
    return [["conceptType", "code", "preferredLabel", "description"],
            ["ISCOGroup", "0110", "Commissioned armed forces officers", "Officers; commissioned, all"]]


def test_3_published_reader_names_the_separator_of_the_header(tmp_path):
    path = tmp_path / "ISCOGroups_en.csv"
    path.write_text("\r\n".join(";".join(r) for r in _isco_rows()) + "\r\n", encoding="utf-8")
    with pytest.raises(DataFormatError) as info:
        read_isco_groups(path)
    # was: row 2: too many fields: expected 1, got 2 (an unquoted comma inside a field?)
    assert str(info.value) == f"{path}, row 2: too many fields: expected 1, got 2{SEMICOLON_NOTE}"


@pytest.mark.parametrize(("sep", "note"), [(";", SEMICOLON_NOTE), ("\t", TAB_NOTE)])
def test_3_read_text_table_names_the_separator_not_a_trailing_one(tmp_path, sep, note):
    path = tmp_path / "t.csv"
    # the row's last cell ends with a comma: was "(a trailing separator at the end of the line?)"
    path.write_text(f"code{sep}title\nx{sep}y{sep}z,\n", encoding="utf-8")
    with pytest.raises(DataFormatError) as info:
        read_text_table(path, {"code": "code", "title": "title"}, sep=",", quoting=csv.QUOTE_MINIMAL)
    assert str(info.value) == f"{path}, row 2: too many fields: expected 1, got 2{note}"
    # a title line holding the character, above comma-separated rows that hold none, is still a title
    path.write_text(f"Survey{sep} 2024\ntask,title\nWeld.,Welder\nSew.,Tailor\n", encoding="utf-8")
    with pytest.raises(DataFormatError) as info:
        read_text_table(path, {"task": "task"}, sep=",", quoting=csv.QUOTE_MINIMAL)
    assert "a title line above the header?" in str(info.value)
    assert "the header is one column" not in str(info.value)




def test_3_missing_column_of_a_semicolon_header_is_told_the_libreoffice_route(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("code;title\nx;y\n", encoding="utf-8")
    with pytest.raises(DataFormatError) as info:
        read_text_table(path, {"code": "code", "title": "title"}, sep=",", quoting=csv.QUOTE_MINIMAL)
    # round 73: the LibreOffice route (was: "... or save it comma-separated)"); round 78: told at the header, in
    # the words of every published file (was: "missing column(s) 'code', 'title' ...; found: 'code;title'{SEMICOLON_NOTE}")
    assert str(info.value) == (f"{path}, row 1: the header holds ';' and no ',': {LOOKS}; the file is read "
                               f"comma-separated, as published: {LIBRE}")
    # a first row that does not split on ';' as the header does: the missing-column error, told the route too
    path.write_text("code;title\nx\n", encoding="utf-8")
    with pytest.raises(DataFormatError) as info:
        read_text_table(path, {"code": "code", "title": "title"}, sep=",", quoting=csv.QUOTE_MINIMAL)
    assert str(info.value) == (f"{path}: missing column(s) 'code', 'title' in the header (line 1); found: "
                               f"'code;title'{SEMICOLON_NOTE}")


def test_3_user_table_whole_and_in_batches(tmp_path, capsys):
    path = tmp_path / "tasks.csv"
    path.write_text("task;title\nWeld; then grind, metal.;Welder\n", encoding="utf-8")
    said = f"{path}, row 2: too many fields: expected 1, got 2{SEMICOLON_NOTE}"
    for read in (read_frame, check_delimited_file, read_task_file):
        with pytest.raises(DataFormatError) as info:
            read(path)
        assert str(info.value) == said, read
    for batch in ("0", "1"):  # was: (an unquoted comma inside a field?) in batches
        code, _, err = cli(capsys, "score", path, "-o", tmp_path / "o.csv", *RUBRIC, "--batch-rows", batch)
        assert code == 2
        assert one_error_line(err, command="score") == f"exposure score: error: {said}"


# ------------------------------------------------------------------ 4. a first record spanning lines

@pytest.mark.parametrize(("sep", "said"), [
    (";", f"row 1: the header holds ';' and no ',': {LOOKS}; save it as an .xlsx workbook, or {LIBRE}"),
    ("\t", "row 1: the header holds tabs and no ',': the file looks tab-separated; rename it .tsv (a .csv file "
           "is read as comma-separated)"),
])
@pytest.mark.parametrize("batch", ["0", "1"])
def test_4_user_table_whose_first_row_spans_lines_is_told_its_separator(tmp_path, capsys, sep, said, batch):
    path = _write(tmp_path / "tasks.csv", [["task", "note", "title"], ["Weld pipes.", "two\nlines, here", "Welder"],
                                           ["Sew hems.", "x", "Tailor"]], sep)
    code, _, err = cli(capsys, "score", path, "-o", tmp_path / "o.csv", *RUBRIC, "--batch-rows", batch)
    assert code == 2
    # was: row 3: too many fields: expected 1, got 2 (an unquoted comma inside a field?)
    assert one_error_line(err, command="score") == f"exposure score: error: {path}, {said}"
    with pytest.raises(DataFormatError) as info:
        read_frame(path)
    assert str(info.value) == f"{path}, {said}"
    # a quote that opens no cell (5" pipe): the first line alone names the separator, as before
    other = tmp_path / "t.txt"
    other.write_text('code,title\nx,Cut 5" pipe\ny,z\n', encoding="utf-8")
    with pytest.raises(DataFormatError, match="row 1: the header holds ',' and no tab: the file looks comma"):
        read_frame(other)
    # a one-column file whose name holds the character, its first cell spanning lines: read
    other = tmp_path / "one.csv"
    other.write_text('task; note\n"Weld;\nthen grind."\nSew.\n', encoding="utf-8")
    assert read_frame(other)["task; note"].tolist() == ["Weld;\nthen grind.", "Sew."]




def test_4_published_file_whose_first_row_spans_lines_is_told_its_separator(tmp_path):
    path = _write(tmp_path / "ISCOGroups_en.csv",
                  [["conceptType", "code", "preferredLabel", "altLabels", "description"],
                   ["ISCOGroup", "0110", "Commissioned armed forces officers", "officers\nother, labels",
                    "Officers, all"]], ";")
    with pytest.raises(DataFormatError) as info:
        read_isco_groups(path)
    # was: row 3: too many fields: expected 1, got 3 (an unquoted comma inside a field?)
    assert str(info.value) == (f"{path}, row 1: the header holds ';' and no ',': {LOOKS}; the file is read "
                               f"comma-separated, as published: {LIBRE}")
    # a first row that does not split on ';' as the header does: the missing-column error, told the route too
    path.write_text("code;title\nx\n", encoding="utf-8")
    with pytest.raises(DataFormatError) as info:
        read_text_table(path, {"code": "code", "title": "title"}, sep=",", quoting=csv.QUOTE_MINIMAL)
    assert str(info.value) == (f"{path}: missing column(s) 'code', 'title' in the header (line 1); found: "
                               f"'code;title'{SEMICOLON_NOTE}")
    _write(path, [["conceptType", "code", "preferredLabel", "altLabels", "description"],
                  ["ISCOGroup", "0110", "Commissioned armed forces officers", "officers\nother, labels",
                   "Officers, all"]], ",")  # saved comma-separated, as told: read
    assert read_isco_groups(path)["isco08_code"].tolist() == ["0110"]


# ------------------------------------------------------------------ 5. a workbook of joined lines

def test_5_workbook_of_joined_lines_is_told_to_split_them(tmp_path):
    path = tmp_path / "ISCOGroups_en.xlsx"
    pd.DataFrame({"conceptType;code;preferredLabel": ["ISCOGroup;0110;Commissioned armed forces officers"]}
                 ).to_excel(path, index=False)
    with pytest.raises(DataFormatError) as info:
        read_isco_groups(path)
    # was: ... found: 'conceptType;code;preferredLabel' (nothing more)
    assert str(info.value) == (f"{path}: missing column(s) 'code', 'preferredLabel' in the header (first 2 rows); "
                               f"found: 'conceptType;code;preferredLabel'{SPLIT}")
    # split, as told: read
    pd.DataFrame({"conceptType": ["ISCOGroup"], "code": ["0110"],
                  "preferredLabel": ["Commissioned armed forces officers"]}).to_excel(path, index=False)
    assert read_isco_groups(path)["isco08_code"].tolist() == ["0110"]


def test_5_score_of_a_workbook_of_joined_lines_is_told_to_split_them(tmp_path, capsys):
    path = tmp_path / "tasks.xlsx"
    pd.DataFrame({"task;title": ["Weld metal parts.;Welder", "Sew hems.;Tailor"]}).to_excel(path, index=False)
    code, _, err = cli(capsys, "score", path, "-o", tmp_path / "o.csv", *RUBRIC)
    assert code == 2
    assert one_error_line(err, command="score") == (
        f"exposure score: error: {path}, column 'task': missing text column 'task' (columns: ['task;title']){SPLIT}")
    pd.DataFrame({"task": ["Weld metal parts.", "Sew hems."], "title": ["Welder", "Tailor"]}).to_excel(path, index=False)
    code, _, err = cli(capsys, "score", path, "-o", tmp_path / "o.csv", *RUBRIC)
    assert code == 0, err
    # a header of one cell whose parts are not the column read: not told to split it
    pd.DataFrame({"notes; misc": ["a;b"]}).to_excel(path, index=False)
    code, _, err = cli(capsys, "score", path, "-o", tmp_path / "o.csv", *RUBRIC)
    assert code == 2
    line = one_error_line(err, command="score")
    assert "missing text column 'task'" in line and "Text to Columns" not in line
