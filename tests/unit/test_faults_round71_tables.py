"""Fault round 71: the shared table readers (:mod:`exposure._tables`).

1. A FALSE (boolean) cell among the ``Y``/``N`` of O*NET's ``Recommend Suppress`` column
   of a ``Task Ratings.xlsx`` (an ``N`` that a spreadsheet turned into a boolean):
   ``row 3, column 'Recommend Suppress': a FALSE (boolean) cell in a column of text:
   Excel turns a typed 'true' or 'false' into a boolean; format the cell as Text and type
   it again``. Following the advice (the text ``FALSE``) failed: ``expected Y or N, got
   'FALSE'``. Now ``... a FALSE (boolean) cell in a column of text (its other cells hold
   'N', 'Y'): Excel turns a typed 'true' or 'false' into a boolean; type the value the
   cell should hold, in a cell formatted as Text``: the other values are named when they
   are a few short codes, and the advice works for a code (``N``) as for a task typed
   ``true``. Both workbook readers (``read_frame``, the O*NET and crosswalk reader).
2. A task ID written with an underscore (``"9_0"``) or in other digits (``"\\u0663"``, an
   Arabic-Indic 3): :func:`exposure._tables.norm_task_id`, the key task IDs are compared
   by, read them as tasks 90 and 3 (Python's ``int`` reads both), while the reader of task
   IDs (``task_id_numbers``, pandas) refuses them: ``match_tasks`` joined an older
   release's task ``'9_0'`` to task 90 without a word. Now the key reads as a number only
   what the reader does (ASCII digits, spaces around); other text stays text, a key that
   no other task has. Refused, not read: where task IDs are read (``exposure score``, the
   roll-ups, the O*NET readers) it is ``task ID '9_0' is not an integer`` naming the
   file, row and column (as before); the key itself has no file or row to name.
3. A path with whitespace at the end or start of its name (``'tasks.csv '``, copied from
   a spreadsheet cell or a shell), or of a directory in it: ``exposure score: error:
   /d/tasks.csv : input file not found``, the space unseen. Now ``... input file not
   found: its name ends with a space; '/d/tasks.csv' (without it) is a file: give that
   path`` (``(its name ends with a space: 'nothere.csv ')`` when that is no file either);
   the O*NET readers say it too (``file not found: ...``). ``read_frame`` of a file so
   named said ``unsupported input file type '.csv '; use .csv, ...``; now it says what
   ``exposure score`` says (``the file name ends in a space or tab ('in.csv '): rename it
   'in.csv' ...``), and names a missing one as above.
4. A Stata file of format 117 (Stata 13) or older, whose text a Windows Stata saved in
   Windows-1252 (a task with curly quotes or a dash copied from Word): read as Latin-1
   by pandas, the quotes became the control characters ``'\\x93'`` and ``'\\x94'`` and
   were scored as the task's text, exit 0. Now refused, naming the row, the column, the
   character it is in Windows-1252 and how to convert the file in Stata
   (``unicode translate``); value labels too. Stata 14 files (UTF-8) and Latin-1 text of
   old ones are read as before.
5. A path starting with ``~`` that reaches the reader as written (a path with spaces in
   quotes, ``"~/My data/tasks.csv"``, which no shell expands; any path given in Python):
   ``~/My data/tasks.csv: input file not found``. Now ``... input file not found: the
   '~' is not read as the home directory (a shell expands it only outside quotes);
   '/home/me/My data/tasks.csv' is a file: give that path``.
6. Tasks of an ``.xlsx`` table below a blank row, with their first cell filled only, the
   first starting with ``Note`` (O*NET has ``Note malfunctions of equipment ...`` and
   ``Note, mark, and photograph ...``) or ``Source`` (``Source new suppliers.``): dropped
   as footnotes, ``scored 1 task``, exit 0. Now a footnote starts with the word and a
   colon (``Note:``, ``Source:``, ``Footnotes:``), or is the word alone, as in BLS and
   Census workbooks: the rows are rows (and the blank row above them is refused, as any
   blank row among rows is).
"""

from __future__ import annotations

import pandas as pd
import pytest
from test_faults_cli import cli, one_error_line
from tests.unit._frames import write_xlsx

from exposure._tables import norm_task_id, norm_task_ids, read_frame, read_table, task_id_numbers
from exposure.errors import DataFormatError
from exposure.measures.anthropic import match_tasks
from exposure.onet import read_task_ratings, read_tasks

SCORE = ["--onet", "none", "--method", "rubric"]
RATINGS = ["O*NET-SOC Code", "Task ID", "Scale ID", "Category", "Data Value", "N", "Standard Error",
           "Lower CI Bound", "Upper CI Bound", "Recommend Suppress", "Date", "Domain Source"]


def _rating(task_id: int, suppress):
    return ["11-1011.00", task_id, "IM", None, 4.5, 60, 0.1, 4.3, 4.7, suppress, "08/2023", "Incumbent"]


# 1. a boolean cell among Y/N codes ---------------------------------------------------------------


def test_boolean_among_y_and_n_names_the_codes_and_advice_that_works(tmp_path):
    src = write_xlsx(tmp_path, "Task Ratings.xlsx",
                     [RATINGS, _rating(8823, "N"), _rating(8824, False), _rating(8825, "Y")])
    with pytest.raises(DataFormatError) as err:
        read_task_ratings(src)
    assert str(err.value) == (
        f"{src}, row 3, column 'Recommend Suppress': a FALSE (boolean) cell in a column of text "
        "(its other cells hold 'N', 'Y'): Excel turns a typed 'true' or 'false' into a boolean; "
        "type the value the cell should hold, in a cell formatted as Text")
    # following the advice (the code typed again as text) reads the file
    fixed = write_xlsx(tmp_path, "fixed.xlsx",
                       [RATINGS, _rating(8823, "N"), _rating(8824, "N"), _rating(8825, "Y")])
    assert read_task_ratings(fixed)["recommend_suppress"].tolist() == [False, False, True]


def test_boolean_among_yes_and_no_of_a_user_table_names_the_codes(tmp_path, capsys):
    src = write_xlsx(tmp_path, "t.xlsx", [["task", "core"], ["Answer telephones.", "yes"],
                                          ["Weld metal parts.", True], ["Sew hems.", "no"]])
    code, _, err = cli(capsys, "score", src, "-o", tmp_path / "o.csv", *SCORE)
    assert code == 2
    assert one_error_line(err, command="score") == (
        f"exposure score: error: {src}, row 3, column 'core': a TRUE (boolean) cell in a column "
        "of text (its other cells hold 'no', 'yes'): Excel turns a typed 'true' or 'false' into "
        "a boolean; type the value the cell should hold, in a cell formatted as Text")
    assert not (tmp_path / "o.csv").exists()


def test_boolean_among_tasks_is_not_told_to_be_typed_as_text_again_only(tmp_path):
    src = write_xlsx(tmp_path, "c.xlsx", [["Code", "Title"], ["11-1011.00", "Chief Executives"],
                                          ["11-1011.03", True]])
    with pytest.raises(DataFormatError) as err:
        read_table(src, {"code": "Code", "title": "Title"})
    message = str(err.value)
    assert message.endswith("a TRUE (boolean) cell in a column of text: Excel turns a typed 'true' "
                            "or 'false' into a boolean; type the value the cell should hold, in a "
                            "cell formatted as Text")  # (no list of a column of titles)
    assert "format the cell as Text and type it again" not in message


# 2. task IDs that only Python's int reads -------------------------------------------------------


@pytest.mark.parametrize("text, key", [("9_0", "9_0"), (" 9_0 ", "9_0"), ("1_000", "1_000"),
                                       ("\u0663", "\u0663"), ("\u00a07", "\u00a07"), ("\uff17", "\uff17")])
def test_a_task_id_the_reader_refuses_is_no_other_tasks_key(text, key):
    with pytest.raises(DataFormatError, match="is not an integer"):
        task_id_numbers(pd.Series([text]))
    assert norm_task_id(text) == key  # it was '90', '90', '1000', '3', '7', '7'
    assert norm_task_ids(pd.Series([text], dtype=object)) == [key]
    assert norm_task_ids(pd.Series([text], dtype="str")) == [key]


def test_match_tasks_does_not_join_task_9_0_to_task_90():
    onet = pd.DataFrame({"onetsoc_code": ["11-1011.00"], "task_id": ["90"],
                         "task": ["Direct budgets and staff."]})
    older = pd.DataFrame({"onetsoc_code": ["11-1011.00"], "task_id": ["9_0"], "task": ["Direct budgets."]})
    # round 71 (measures2): no longer left unmatched without a word, but refused, naming the row
    with pytest.raises(DataFormatError, match=r"^older, row 1, column 'task_id': task ID '9_0' is not an integer"):
        match_tasks(pd.Series(["direct budgets."]), onet, older)
    older90 = older.assign(task_id=["90.0"])  # the same ID written as the reader reads it: joined
    assert match_tasks(pd.Series(["direct budgets."]), onet, older90)["task_id"].tolist() == ["90"]


def test_the_key_agrees_with_the_reader_and_score_names_file_row_and_column(tmp_path, capsys):
    values = ["8823", " 7 ", "7.0", "1e3", "+7", "7.", "007", "9_0", "\u0663"]
    for value in values:  # the reader's integer, or its text when the reader refuses it
        try:
            want = str(int(task_id_numbers(pd.Series([value])).iloc[0]))
        except DataFormatError:
            want = value.strip()
        assert norm_task_id(value) == want, value
    src = tmp_path / "t.csv"
    src.write_text("onetsoc_code,task_id,task\n11-1011.00,9_0,Answer telephones.\n", encoding="utf-8")
    code, _, err = cli(capsys, "score", src, "-o", tmp_path / "o.csv", *SCORE)
    assert code == 2
    assert one_error_line(err, command="score") == (
        f"exposure score: error: {src}, row 2, column 'task_id': task ID '9_0' is not an integer")


# 3. whitespace around a name in the path ----------------------------------------------------------


def _tasks(directory):
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "tasks.csv"
    path.write_text("task,title\nAnswer telephones.,Clerk\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("given, how", [("tasks.csv ", "ends with a space"),
                                        (" tasks.csv", "starts with a space"),
                                        ("tasks.csv\t", "ends with a tab"),
                                        ("tasks.csv\u00a0", "ends with a no-break space")])
def test_a_space_at_an_end_of_the_name_is_said(tmp_path, capsys, given, how):
    good = _tasks(tmp_path)
    code, _, err = cli(capsys, "score", tmp_path / given, "-o", tmp_path / "o.csv", *SCORE)
    assert code == 2
    assert one_error_line(err, command="score") == (
        f"exposure score: error: {tmp_path / given}: input file not found: its name {how}; "
        f"{str(good)!r} (without it) is a file: give that path")


def test_a_space_at_the_end_of_a_directory_name_is_said(tmp_path, capsys):
    good = _tasks(tmp_path / "data")
    given = tmp_path / "data " / "tasks.csv"
    code, _, err = cli(capsys, "score", given, "-o", tmp_path / "o.csv", *SCORE)
    assert code == 2
    assert one_error_line(err, command="score") == (
        f"exposure score: error: {given}: input file not found: the directory name 'data ' in it "
        f"ends with a space; {str(good)!r} (without it) is a file: give that path")


def test_a_space_is_said_when_the_path_without_it_is_missing_too(tmp_path):
    with pytest.raises(DataFormatError) as err:
        read_frame(tmp_path / "nothere.csv ")
    assert str(err.value) == f"{tmp_path / 'nothere.csv '}: file not found (its name ends with a space: 'nothere.csv ')"
    with pytest.raises(DataFormatError) as err:
        read_frame(tmp_path / "nothere.csv")
    assert str(err.value) == f"{tmp_path / 'nothere.csv'}: file not found"


def test_read_frame_says_the_name_of_a_file_ending_in_a_space_as_score_does(tmp_path):
    src = tmp_path / "in.csv "
    src.write_text("task\nWeld pipes.\n", encoding="utf-8")
    with pytest.raises(DataFormatError) as err:
        read_frame(src)
    assert str(err.value) == (f"{src}: the file name ends in a space or tab ('in.csv '): rename it "
                              "'in.csv', so that its extension reads '.csv'")


def test_the_onet_readers_say_it_too(tmp_path):
    good = tmp_path / "Task Statements.txt"
    good.write_text("O*NET-SOC Code\tTask ID\tTask\tTask Type\tIncumbents Responding\tDate\t"
                    "Domain Source\n", encoding="utf-8")
    with pytest.raises(DataFormatError) as err:
        read_tasks(tmp_path / "Task Statements.txt ")
    assert str(err.value).endswith(
        f": file not found: its name ends with a space; {str(good)!r} (without it) is a file: give that path")


# 4. Windows-1252 text of an old Stata file ---------------------------------------------------------


def _stata(tmp_path, name, frame, version, swap=None):
    """``frame`` saved as Stata ``version``; ``swap`` maps placeholder bytes to others."""
    path = tmp_path / name
    frame.to_stata(path, version=version, write_index=False)
    data = path.read_bytes()
    for old, new in (swap or {}).items():
        assert data.count(old) == 1
        data = data.replace(old, new)
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("version", [114, 117])
def test_windows_1252_quotes_of_an_old_stata_file_are_refused(tmp_path, capsys, version):
    frame = pd.DataFrame({"task": ["Weld metal parts.", "Answer \xa4phones\xa5 now."],
                          "title": ["Welder", "Clerk"]})
    src = _stata(tmp_path, "t.dta", frame, version, {b"\xa4": b"\x93", b"\xa5": b"\x94"})
    code, _, err = cli(capsys, "score", src, "-o", tmp_path / "o.csv", *SCORE)
    assert code == 2
    assert one_error_line(err, command="score") == (
        f"exposure score: error: {src}, row 2, column 'task': the text holds '\\x93', a control "
        "character: a Stata file of format 117 (Stata 13) or older declares no encoding, and its "
        "text is read as Latin-1 (0x93 is '\u201c' in Windows-1252); in Stata 14 or later convert "
        "it to UTF-8 (unicode encoding set windows-1252, then unicode translate t.dta) and give "
        "the converted file")
    assert not (tmp_path / "o.csv").exists()


def test_a_value_label_of_an_old_stata_file_is_checked_too(tmp_path):
    frame = pd.DataFrame({"task": ["Weld.", "Sew."], "kind": pd.Categorical(["Core", "Side\xa4line"])})
    src = _stata(tmp_path, "c.dta", frame, 117, {b"\xa4": b"\x96"})
    with pytest.raises(DataFormatError, match=r"c\.dta, row 2, column 'kind': the text holds '\\x96', "
                                              r"a control character: .*\(0x96 is '\u2013' in Windows-1252\)"):
        read_frame(src)
    # Latin-1 text of an old file, and any text of a Stata 14 file (UTF-8), are read
    frame = pd.DataFrame({"task": ["Cr\xe8me br\xfbl\xe9e \xa4"], "title": ["Chef"]})
    for version in (117, 118):
        read = read_frame(_stata(tmp_path, f"t{version}.dta", frame, version))
        assert read["task"].tolist() == ["Cr\xe8me br\xfbl\xe9e \xa4"]


# 5. a path starting with ~ ------------------------------------------------------------------------


def test_a_tilde_that_no_shell_expanded_is_said(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    good = _tasks(tmp_path / "My data")
    code, _, err = cli(capsys, "score", "~/My data/tasks.csv", "-o", tmp_path / "o.csv", *SCORE)
    assert code == 2
    assert one_error_line(err, command="score") == (
        "exposure score: error: ~/My data/tasks.csv: input file not found: the '~' is not read as "
        f"the home directory (a shell expands it only outside quotes); {str(good)!r} is a file: "
        "give that path")
    with pytest.raises(DataFormatError, match=r"~/nothere\.csv: file not found: the '~' is not read as "
                                              r"the home directory \(a shell expands it only outside quotes\)$"):
        read_frame("~/nothere.csv")


# 6. tasks starting with "Note" below a blank row ---------------------------------------------------

NOTE_TASK = "Note malfunctions of equipment, instruments, or controls and report these conditions to supervisors."


@pytest.mark.parametrize("first", [NOTE_TASK, "Note, mark, and photograph the scene.", "Source new suppliers."])
def test_tasks_starting_with_note_below_a_blank_row_are_not_footnotes(tmp_path, capsys, first):
    rows = [["task", "title"], ["Answer telephones.", "Clerk"], [None, None], [first, None],
            ["Weld metal parts.", None]]
    src = write_xlsx(tmp_path, "t.xlsx", rows)
    assert read_frame(src)["task"].tolist()[-2:] == [first, "Weld metal parts."]
    assert read_table(src, {"task": "task"}, optional={"title": "title"}).frame["task"].tolist()[-2:] == [
        first, "Weld metal parts."]
    code, _, err = cli(capsys, "score", src, "-o", tmp_path / "o.csv", *SCORE)
    assert code == 2 and "row 3" in one_error_line(err, command="score")  # the blank row
    assert not (tmp_path / "o.csv").exists()
    # footnotes as BLS and Census write them are still footnotes
    for note in ("Note: rounded.", "Source: BLS, 2024.", "NOTES", "Footnotes:"):
        noted = write_xlsx(tmp_path, "n.xlsx", [*rows[:3], [note, None], ["(1) Rounded.", None]])
        assert read_frame(noted)["task"].tolist() == ["Answer telephones."]
