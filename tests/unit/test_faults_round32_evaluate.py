"""Round 32: the paraphrase and modern-task files of ``exposure evaluate --paraphrases / --modern``.

1. A paraphrase that is its task's statement copied (also in another case or spacing, or
   without the final full stop): accepted, and scored as the task itself (it measured
   nothing about rewording). Refused, naming the row and the column ``paraphrase``.
2. One paraphrase given to two tasks whose statements differ (a row pasted twice): accepted,
   one of the two scored against the other task's label. Refused; tasks of one statement
   (O*NET lists some statements in several occupations) may still share a paraphrase.
3. Modern tasks that differ only by a final full stop (``Draft replies to emails.`` and
   ``draft replies to emails``), under two labels: accepted, the task counted twice, once
   right and once wrong. Refused as a task listed twice.
4. A modern task without a label: ``label must be E0, E1 or E2, got None`` (``got nan``,
   ``got np.float64(nan)``, ``got '  '``). Named missing now.
5. The two files given the other way round: ``exposure evaluate --paraphrases MODERN.csv``
   was refused only after the labels and O*NET 29.1 were loaded (downloaded when not
   cached: on an empty mirror the error was the labels' ``not found in mirror``), and the
   API's messages did not say that the columns are those of the other file. Refused before
   the labels, naming the file and ``--modern``.

Tiny made-up files in the formats of ``tests/data/scoring/freetext`` (``paraphrases.csv``,
``modern_tasks_v10.csv``), written by the tests.
"""

from __future__ import annotations

import pandas as pd
import pytest
from _frames import write_text
from test_faults_cli import cli_lines as cli

from exposure.errors import DataFormatError
from exposure.reports.agreement import check_modern_tasks, check_paraphrases
from exposure.scoring._files import read_task_file

LABELLED = pd.DataFrame({
    "onetsoc_code": ["11-1011.00", "11-1011.00", "25-1021.00", "25-1022.00"],
    "task_id": [8823, 8824, 5700, 5726],
    "task": ["Direct or coordinate the budget.", "Confer with board members.",
             "Act as advisers to student organizations.", "Act as advisers to student organizations."],
})
PARA_HEAD = "onetsoc_code,task_id,paraphrase\n"
MODERN_HEAD = "task,label,exposed,admin,routine_coding,entry_creative\n"


def paraphrases(tmp_path, rows: str):
    path = write_text(tmp_path, "p.csv", PARA_HEAD + rows)
    return check_paraphrases(read_task_file(path), LABELLED, path=path, row_offset=2)


# 1. a copy of the statement
@pytest.mark.parametrize("copy", ["Direct or coordinate the budget.", "  direct or coordinate   THE budget",
                                  '"Direct or coordinate the budget. "'])
def test_a_paraphrase_copying_its_statement_is_refused(tmp_path, copy):
    """It was accepted and scored as the task itself."""
    with pytest.raises(DataFormatError) as err:
        paraphrases(tmp_path, f"11-1011.00,8824,Meet the board.\n11-1011.00,8823,{copy}\n")
    assert str(err.value) == (f"{tmp_path / 'p.csv'}, row 3, column 'paraphrase': the paraphrase of task "
                              "(11-1011.00, 8823) is a copy of its statement 'Direct or coordinate the budget.': "
                              "a paraphrase must reword it")


def test_a_rewording_is_still_taken(tmp_path):
    out = paraphrases(tmp_path, "11-1011.00,8823,You will run the budget.\n11-1011.00,8824,Meet the board.\n")
    assert out["task_id"].tolist() == [8823, 8824]


# 2. one paraphrase for two different statements
def test_one_paraphrase_for_two_statements_is_refused(tmp_path):
    """The second task was scored with the first one's rewording, against its own label."""
    with pytest.raises(DataFormatError) as err:
        paraphrases(tmp_path, "11-1011.00,8823,You will run the budget.\n"
                              "11-1011.00,8824,  you will run the budget \n")
    assert str(err.value) == (f"{tmp_path / 'p.csv'}, row 3, column 'paraphrase': the paraphrase '  you will run "
                              "the budget ' is also given to task (11-1011.00, 8823) on row 2, whose statement "
                              "differs: one text cannot reword both")


def test_tasks_of_one_statement_may_share_a_paraphrase(tmp_path):
    out = paraphrases(tmp_path, "25-1021.00,5700,You will advise student clubs.\n"
                                "25-1022.00,5726,You will advise student clubs.\n")
    assert out["task_id"].tolist() == [5700, 5726]


def test_labelled_without_statements_checks_the_rest_only():
    para = pd.DataFrame({"onetsoc_code": ["11-1011.00"], "task_id": [8823],
                         "paraphrase": ["Direct or coordinate the budget."]})
    assert check_paraphrases(para, LABELLED.drop(columns="task"))["task_id"].tolist() == [8823]


# 3. a modern task twice, with and without a final full stop
def test_a_modern_task_twice_without_its_full_stop_is_refused(tmp_path):
    """Counted twice (n_tasks 3 for 2 tasks), once as E1 and once as E0."""
    path = write_text(tmp_path, "m.csv", MODERN_HEAD + "Draft replies to emails.,E1,true,true,false,false\n"
                                                       "Lay bricks,E0,false,false,false,false\n"
                                                       "draft replies to  emails,E0,false,true,false,false\n")
    with pytest.raises(DataFormatError) as err:
        check_modern_tasks(read_task_file(path), path=path, row_offset=2)
    assert str(err.value) == (f"{path}, row 4, column 'task': the task 'Draft replies to emails.' is listed twice "
                              "(rows 2 and 4): give each task once")


# 4. a modern task without a label
@pytest.mark.parametrize("frame", [
    pd.DataFrame({"task": ["Triage tickets.", "Weld pipes."], "label": ["E1", None], "exposed": ["yes", "no"]}),
    pd.DataFrame({"task": ["Triage tickets."], "label": [float("nan")], "exposed": ["yes"]}),
    pd.DataFrame({"task": ["Triage tickets.", "Weld pipes."], "label": ["E1", "  "], "exposed": ["yes", "no"]}),
])
def test_a_missing_modern_label_is_named_missing(frame):
    """``got None``, ``got np.float64(nan)``, ``got '  '``."""
    row = len(frame) + 1
    with pytest.raises(DataFormatError, match=rf"^m\.csv, row {row}, column 'label': label must be E0, E1 or E2, "
                                              r"it is missing$"):
        check_modern_tasks(frame, path="m.csv", row_offset=2)


def test_a_missing_label_in_a_file_is_named_missing(tmp_path):
    path = write_text(tmp_path, "m.csv", "task,label,exposed\nTriage tickets.,,yes\n")
    with pytest.raises(DataFormatError, match=r"row 2, column 'label': label must be E0, E1 or E2, it is missing$"):
        check_modern_tasks(read_task_file(path), path=path, row_offset=2)


# 5. the two files the other way round
def _evaluate(tmp_path, *args):
    """``exposure evaluate`` on an empty mirror: reading the labels fails with 'not found'."""
    (tmp_path / "mirror").mkdir(exist_ok=True)
    return ["evaluate", "--mirror", tmp_path / "mirror", "--data-dir", tmp_path / "cache", "--folds", "2",
            "--out", tmp_path / "e.csv", *args]


def test_evaluate_the_modern_file_as_paraphrases_is_refused_before_the_labels(tmp_path, capsys):
    """Refused only after the labels and O*NET (here: the labels' 'not found in mirror')."""
    modern = write_text(tmp_path, "modern.csv", MODERN_HEAD + "Draft replies to emails.,E1,true,true,false,false\n")
    code, err = cli(capsys, *_evaluate(tmp_path, "--paraphrases", modern))
    assert code == 2
    assert err == [f"exposure evaluate: error: {modern}: paraphrases lack column(s) ['onetsoc_code', 'task_id', "
                   "'paraphrase'] (columns: ['task', 'label', 'exposed', 'admin', 'routine_coding', "
                   "'entry_creative']): these are the columns of a modern-task file (task, label, exposed): "
                   "give it to --modern"]
    assert not (tmp_path / "cache").exists()


def test_evaluate_a_paraphrase_file_lacking_a_column_is_refused_before_the_labels(tmp_path, capsys):
    bad = write_text(tmp_path, "p.csv", "onetsoc_code,task,paraphrase\n11-1011.00,8823,Run the budget.\n")
    code, err = cli(capsys, *_evaluate(tmp_path, "--paraphrases", bad))
    assert code == 2
    assert err == [f"exposure evaluate: error: {bad}: paraphrases lack column(s) ['task_id'] (columns: "
                   "['onetsoc_code', 'task', 'paraphrase'])"]


def test_the_api_names_the_other_file_too():
    modern = pd.DataFrame({"task": ["Triage tickets."], "label": ["E1"], "exposed": ["yes"]})
    para = pd.DataFrame({"onetsoc_code": ["11-1011.00"], "task_id": [8823], "paraphrase": ["Run the budget."]})
    with pytest.raises(DataFormatError, match=r"^paraphrases lack column\(s\) \['onetsoc_code', 'task_id', "
                                              r"'paraphrase'\] \(columns: \['task', 'label', 'exposed'\]\): these are "
                                              r"the columns of the modern-task file \(task, label, exposed\), not of "
                                              r"the paraphrases$"):
        check_paraphrases(modern, LABELLED)
    with pytest.raises(DataFormatError, match=r"^modern tasks lack column\(s\) \['task', 'label', 'exposed'\] "
                                              r"\(columns: \['onetsoc_code', 'task_id', 'paraphrase'\]\): these are "
                                              r"the columns of the paraphrase file \(onetsoc_code, task_id, "
                                              r"paraphrase\), not of the modern tasks$"):
        check_modern_tasks(para)
