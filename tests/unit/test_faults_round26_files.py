"""Fault round 26: task files given to ``exposure score`` and the input checks of ``score_tasks``.

1. ``--onet latest`` (``v29.1``, ``29.1 `` with a trailing space, `` 29.1``): ``O*NET
   release 'latest' is not of the form MAJOR.MINOR (e.g. 29.1, 31.0)``, naming neither
   the option nor the choices ``auto`` and ``none``; a release padded with spaces was
   not told apart from a wrong one. Now ``--onet must be an O*NET release such as 29.1,
   'auto' or 'none', got 'latest'``, and ``got '29.1 ': write '29.1'``.
2. A line repeating the header of a file with an ``onetsoc_code`` column (two exports
   joined, the library's names or O*NET's own ``O*NET-SOC Code,Task ID,Task``): refused
   as ``O*NET-SOC code 'onetsoc_code' is not of the form 00-0000.00``, the code check
   winning over the header check on the same row (docs/faults_inputs.md said this was
   fixed). Now ``the row repeats the header``, whole and in batches.
3. A repeated header in another case or padded (``TASK,TITLE``, `` task , title ``: two
   exports of different tools joined): not recognised, the header was scored as a task,
   exit 0. Now refused as a repeated header.
4. A repeated header with its columns in another order (``title,task`` below
   ``task,title``: two files whose columns were in different orders joined): scored,
   ``title`` as a task and every row below it with its title as its task, exit 0. Now
   refused, saying the columns are in another order.
5. A task text with no letter: a number (``744``, ``4.5``), a code, a date as Excel writes
   it (``2021-01-01``), a number cell of an ``.xlsx``, ``--text-column task_id``: scored
   (``rubric`` without a word; ``learned`` with the "do not read as work tasks" warning),
   exit 0. Now refused, naming file, row and column.
6. ``missing text column 'task' (columns: ['task ', 'title'])``: the file's column
   differs by spaces or case only, and the message did not say which column was meant.
   Now it names it (``the file has 'task ': rename it task``).
7. ``-o 'out.csv '`` (a trailing space, from a copied name or a quoted variable):
   ``unsupported output file type '.csv '; use .csv, ...``. Now the message says the
   name ends in a space and what to write.
"""

import shlex

import pandas as pd
import pytest
from tests.unit._frames import write_text, write_xlsx

from exposure.cli import main
from exposure.errors import DataFormatError
from exposure.scoring import score_tasks
from exposure.scoring._files import file_kind, score_file


def _score(src, out, *extra):
    return main(["score", str(src), "-o", str(out), "--onet", "none", "--method", "rubric", *extra])


BATCHES = ["0", "1", "10000"]


# 1. --onet with a value that is no release ---------------------------------------------------


@pytest.mark.parametrize("value", ["latest", "v29.1", "29"])
def test_onet_that_is_no_release_names_the_option_and_choices(tmp_path, capsys, value):
    src = write_text(tmp_path, "in.csv", "task\nWeld pipes.\n")
    assert main(["score", str(src), "-o", str(tmp_path / "o.csv"), "--onet", value]) == 2
    assert capsys.readouterr().err == (
        f"exposure score: error: --onet must be an O*NET release such as 29.1 (MAJOR.MINOR), "
        f"'auto' or 'none', got {value!r}\n")
    assert not (tmp_path / "o.csv").exists()


@pytest.mark.parametrize("value", ["29.1 ", " 29.1", "29.1\t"])
def test_onet_release_padded_with_spaces_says_what_to_write(tmp_path, capsys, value):
    src = write_text(tmp_path, "in.csv", "task\nWeld pipes.\n")
    assert main(["score", str(src), "-o", str(tmp_path / "o.csv"), "--onet", value]) == 2
    assert capsys.readouterr().err == (
        f"exposure score: error: --onet must be an O*NET release such as 29.1 (MAJOR.MINOR), "
        f"'auto' or 'none', got {value!r}: write '29.1'\n")


def test_onet_leading_zero_keeps_its_advice(tmp_path, capsys):
    src = write_text(tmp_path, "in.csv", "task\nWeld pipes.\n")
    assert main(["score", str(src), "-o", str(tmp_path / "o.csv"), "--onet", "029.1"]) == 2
    assert capsys.readouterr().err == (
        "exposure score: error: --onet: O*NET release '029.1' has a leading zero: write '29.1'\n")


# 2. a repeated header of a file with task keys -----------------------------------------------


@pytest.mark.parametrize("header", ["onetsoc_code,task_id,task", "O*NET-SOC Code,Task ID,Task"])
@pytest.mark.parametrize("batch", BATCHES)
def test_repeated_header_with_codes_is_named_as_a_header(tmp_path, capsys, header, batch):
    src = write_text(tmp_path, "cat.csv", f"{header}\n43-4171.00,744,Answer telephones.\n"
                                          f"{header}\n43-4171.00,745,Greet visitors.\n")
    assert _score(src, tmp_path / "o.csv", "--batch-rows", batch) == 2
    names = ", ".join(repr(n) for n in header.split(","))
    assert capsys.readouterr().err == (
        f"exposure score: error: {src}, row 3, column 'task': the row repeats the header "
        f"({names}): two files joined into one? remove the line\n")
    assert not (tmp_path / "o.csv").exists()


def test_repeated_header_of_a_tsv_with_codes_is_named_as_a_header(tmp_path):
    text = "O*NET-SOC Code\tTask ID\tTask\n43-4171.00\t744\tAnswer telephones.\n"
    src = write_text(tmp_path, "cat.txt", text + text)
    with pytest.raises(DataFormatError, match=r"row 3, column 'task': the row repeats the header"):
        score_file(src, tmp_path / "o.csv", "rubric", onet="none", batch_rows=1)


def test_an_earlier_bad_code_still_wins_over_a_later_header(tmp_path):
    src = write_text(tmp_path, "cat.csv", "onetsoc_code,task_id,task\n43-4171,744,Answer.\n"
                                          "onetsoc_code,task_id,task\n")
    with pytest.raises(DataFormatError, match=r"row 2, column 'onetsoc_code': O\*NET-SOC code "):
        score_file(src, tmp_path / "o.csv", "rubric", onet="none")


# 3. a repeated header in another case or padded ----------------------------------------------


@pytest.mark.parametrize("line", ["TASK,TITLE", " task , title ", "Task,Title"])
@pytest.mark.parametrize("batch", BATCHES)
def test_repeated_header_in_another_case_or_padded_is_refused(tmp_path, capsys, line, batch):
    src = write_text(tmp_path, "cat.csv", "task,title\nAnswer telephones.,Receptionist\n"
                                          f"{line}\nFrame walls.,Carpenter\n")
    assert _score(src, tmp_path / "o.csv", "--batch-rows", batch) == 2
    assert capsys.readouterr().err == (
        f"exposure score: error: {src}, row 3, column 'task': the row repeats the header "
        "('task', 'title'): two files joined into one? remove the line\n")
    assert not (tmp_path / "o.csv").exists()


def test_score_tasks_refuses_a_header_row_in_capitals():
    frame = pd.DataFrame({"task": ["Weld.", "TASK"], "n": ["1", "N"]})
    with pytest.raises(DataFormatError, match=r"^row 2, column 'task': the row repeats the header"):
        score_tasks(frame, "rubric")


def test_a_task_named_like_its_column_beside_other_values_is_still_scored(tmp_path):
    src = write_text(tmp_path, "t.csv", "task,title\nTask,Receptionist\nTitle,Clerk\n")
    assert score_file(src, tmp_path / "o.csv", "rubric", onet="none").n_tasks == 2


# 4. a repeated header with its columns in another order --------------------------------------


@pytest.mark.parametrize("batch", BATCHES)
def test_repeated_header_in_another_order_is_refused(tmp_path, capsys, batch):
    src = write_text(tmp_path, "cat.csv", "task,title\nAnswer telephones.,Receptionist\n"
                                          "title,task\nCarpenter,Frame walls.\n")
    assert _score(src, tmp_path / "o.csv", "--batch-rows", batch) == 2
    assert capsys.readouterr().err == (
        f"exposure score: error: {src}, row 3, column 'task': the row repeats the header in "
        "another order ('title', 'task' for 'task', 'title'): two files whose columns are in "
        "different orders joined into one? the rows below it are read in the first file's "
        "order; put the columns of both files in one order\n")
    assert not (tmp_path / "o.csv").exists()


def test_score_tasks_refuses_a_header_row_in_another_order():
    frame = pd.DataFrame({"task": ["Weld.", "title"], "title": ["Welder", "task"]})
    with pytest.raises(DataFormatError, match=r"^row 2, column 'task': the row repeats the "
                                              r"header in another order"):
        score_tasks(frame, "rubric")


# 5. a task text with no letter ---------------------------------------------------------------


@pytest.mark.parametrize("text", ["744", "4.5", "2021-01-01", "11-1011.00", "-5"])
@pytest.mark.parametrize("method", ["rubric", "learned"])
def test_a_task_text_without_a_letter_is_refused(tmp_path, capsys, text, method):
    src = write_text(tmp_path, "n.csv", f"task,title\nAnswer telephones.,Receptionist\n{text},Clerk\n")
    out = tmp_path / "o.csv"
    assert main(["score", str(src), "-o", str(out), "--onet", "none", "--method", method]) == 2
    assert capsys.readouterr().err == (
        f"exposure score: error: {src}, row 3, column 'task': task text holds no letter, got "
        f"{text!r}: a number or code is not a task statement (is 'task' the column of the "
        "task texts?)\n")
    assert not out.exists()


def test_text_column_of_task_ids_is_refused(tmp_path, capsys):
    src = write_text(tmp_path, "ids.csv", "onetsoc_code,task_id,task\n"
                                          "43-4171.00,744,Answer telephones.\n")
    assert _score(src, tmp_path / "o.csv", "--text-column", "task_id") == 2
    assert capsys.readouterr().err == (
        f"exposure score: error: {src}, row 2, column 'task_id': task text holds no letter, "
        "got '744': a number or code is not a task statement (is 'task_id' the column of the "
        "task texts?)\n")


def test_a_number_cell_of_a_workbook_is_refused(tmp_path, capsys):
    src = write_xlsx(tmp_path, "n.xlsx", [["task", "title"], ["Answer telephones.", "Clerk"],
                                          [123, "Clerk"]])
    assert _score(src, tmp_path / "o.csv") == 2
    assert capsys.readouterr().err.startswith(
        f"exposure score: error: {src}, row 3, column 'task': task text holds no letter, got '123'")


def test_score_tasks_refuses_a_number_text():
    frame = pd.DataFrame({"task": ["Weld.", "2021"]})
    with pytest.raises(DataFormatError, match=r"^row 2, column 'task': task text holds no letter"):
        score_tasks(frame, "rubric")


@pytest.mark.parametrize("text", ["3D-print parts.", "24-hour care of patients.", "Ölfeld prüfen.",
                                  "检查设备。", "5S audits of the floor."])
def test_texts_with_a_letter_starting_otherwise_are_scored(text):
    assert len(score_tasks(pd.DataFrame({"task": [text]}), "rubric")) == 1


# 6. a text column named with other spaces or case ---------------------------------------------


@pytest.mark.parametrize("header", ["task ", "TASK", " Task"])
def test_missing_text_column_names_the_near_column(tmp_path, capsys, header):
    src = write_text(tmp_path, "h.csv", f"{header},title\nAnswer telephones.,Receptionist\n")
    assert _score(src, tmp_path / "o.csv") == 2
    assert capsys.readouterr().err == (
        f"exposure score: error: {src}, column 'task': missing text column 'task' (columns: "
        f"[{header!r}, 'title']); the file has {header!r}: rename it 'task', or give --text-column "
        f"{shlex.quote(header)}\n")


# 7. an output name ending in a space ----------------------------------------------------------


@pytest.mark.parametrize("name", ["out.csv ", "out.parquet\t", "out.xlsx  "])
def test_output_name_ending_in_a_space_says_so(tmp_path, capsys, name):
    src = write_text(tmp_path, "in.csv", "task\nWeld pipes.\n")
    assert _score(src, tmp_path / name) == 2
    assert capsys.readouterr().err == (
        f"exposure score: error: {tmp_path / name}: the file name ends in a space or tab "
        f"({name!r}): write {name.rstrip()!r}\n")
    assert not (tmp_path / name).exists()
    with pytest.raises(DataFormatError, match="ends in a space or tab"):
        file_kind(name, "output")


# kept: handled before this round ----------------------------------------------------------


@pytest.mark.parametrize("batch", BATCHES)
def test_kept_long_cells_quoted_line_breaks_and_duplicate_keys(tmp_path, capsys, batch):
    long = "Weld beams " * 10_000  # 110 KB in one cell
    src = write_text(tmp_path, "l.csv", f'task,title\n"Answer telephones,\nrelay messages.",Clerk\n'
                                        f"{long},Welder\n")
    assert _score(src, tmp_path / "o.csv", "--batch-rows", batch) == 0
    assert pd.read_csv(tmp_path / "o.csv")["task"].tolist() == [
        "Answer telephones,\nrelay messages.", long]
    dup = write_text(tmp_path, "d.csv", "onetsoc_code,task_id,task\n43-4171.00,744,Answer.\n"
                                        "43-4171.00,745,Greet.\n43-4171.00,744.0,Answer.\n")
    capsys.readouterr()
    assert _score(dup, tmp_path / "d_o.csv", "--batch-rows", batch) == 2
    assert capsys.readouterr().err == (
        f"exposure score: error: {dup}, row 4, column 'task_id': duplicate task key "
        "(43-4171.00, 744), first on row 2\n")


def test_input_name_ending_in_a_space_says_to_rename_it(tmp_path, capsys):
    src = write_text(tmp_path, "in.csv ", "task\nWeld pipes.\n")
    assert _score(src, tmp_path / "o.csv") == 2
    assert capsys.readouterr().err == (
        f"exposure score: error: {src}: the file name ends in a space or tab ('in.csv '): "
        "rename it 'in.csv', so that its extension reads '.csv'\n")


def test_score_tasks_names_a_repeated_header_in_a_frame_before_its_cells():
    # the Python API's half of the repeated-header fault: its cells were named as a bad code
    import exposure

    frame = pd.DataFrame({"onetsoc_code": ["43-4171.00", "43-4171.00", "onetsoc_code", "43-4171.00"],
                          "task_id": ["744", "746", "task_id", "745"],
                          "task": ["Answer phones.", "Greet visitors.", "task", "File records."]})
    with pytest.raises(DataFormatError, match=r"row 3, column 'task': the row repeats the header"):
        exposure.score_tasks(frame, method="rubric")
    # an error on an earlier row still comes first
    frame.loc[1, "onetsoc_code"] = "43-4171"
    with pytest.raises(DataFormatError, match=r"row 2, column 'onetsoc_code'"):
        exposure.score_tasks(frame, method="rubric")
