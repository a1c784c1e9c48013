"""Fault round 36: the category reports' release tasks, task employment and sample paths.

Faults found (each test below failed before its fix):

1. ``write_category_reports`` with a release whose ``tasks`` list one task twice (two
   tables concatenated) failed with ``expected and predicted must have one length each,
   got 1 and 2``: the join doubled the sampled task, and the message named no table, row
   or column. Now refused before any work: ``row 3, column 'task_id': onet.tasks: task
   (43-9061.00, 1) is listed twice, first on row 1``.
2. A release whose ``tasks`` lack the ``task`` or ``task_id`` column raised pandas'
   ``KeyError: "['task'] not in index"`` / ``KeyError: 'task_id'``; now ``onet.tasks lacks
   column(s) ['task']``.
3. A release task without a task ID (NaN) was refused as ``task ID 'nan' is not an
   integer`` (a missing cell read as the text 'nan', and no table named); an O*NET-SOC
   code with spaces around it (``' 43-9061.00'``) made the sampled task "not found":
   ``it has no occupation 43-9061.00 (another release's code?)`` of a release that has it.
   Both now name ``onet.tasks``, the row and the column.
4. An empty or missing task text (or another bad cell the tagger refuses) of the
   release's tasks was refused as ``row 2, column 'task': task text must be a non-empty
   string, got nan``, naming no table: it read as a row of the hand-checked sample. Now
   ``row 2, column 'task': onet.tasks: ...``.
5. ``task_employment`` weighed a ``task_type`` of ``core`` or ``'Core '`` as 1, as if
   Supplemental, without a word (the roll-up refuses them): the occupation's employment
   was split evenly instead of 2:1. Refused now, naming the row and the column.
6. ``task_employment`` gave a task whose ``onetsoc_code`` is not an O*NET-SOC code
   (``' 43-9061.00'`` with spaces, a SOC code ``43-9061``, a number) no employment (one
   log line), and the occupation's employment went to its other tasks: ``[0.0, 150.0,
   150.0]`` for ``[100.0, 50.0, 150.0]``. Refused now, naming the row and the column.
7. A directory given as a hand-checked sample (or as the ``sample.csv`` of the
   validation directory) was ``file not found``, of a path that exists; now ``is a
   directory, not a file``.
8. ``category_estimates`` with an employment of 0 for every task (or every sampled task:
   ``soc_scores`` and the crosswalk matching none of the tasks' codes) gave NaN
   employment shares (0 / 0) without a word; refused now, saying which.

Leads already handled: the title and code checks of ``tag_categories`` name the index
label only for a non-default index (round 35); texts that are categorical,
``string[pyarrow]`` or missing, titles of whitespace only (no title), duplicate index
labels, ``job_zone`` cells of floats, text or out of range, an empty frame, texts of
extreme length, and report paths that exist or are directories are handled as documented
(kept so by the tests of earlier rounds).
"""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from exposure.errors import DataFormatError
from exposure.reports.categories import (
    category_estimates,
    read_hand_checked,
    read_validation_sample,
    task_employment,
    write_category_reports,
)

HEAD = "onetsoc_code,task_id,stratum,admin,routine_coding,entry_creative,note\n"
TASKS = pd.DataFrame({"onetsoc_code": ["43-9061.00", "47-2021.00"], "task_id": [1, 2],
                      "task": ["Answer telephones.", "Lay bricks."]})


def _release(tasks: pd.DataFrame) -> SimpleNamespace:
    """A made-up release of ``tasks`` without work activities."""
    return SimpleNamespace(tasks=tasks, task_dwas=pd.DataFrame(columns=["onetsoc_code", "task_id", "dwa_id"]),
                           dwas=pd.DataFrame(columns=["dwa_id", "iwa_id"]))


@pytest.fixture
def sample(tmp_path):
    path = tmp_path / "h.csv"
    path.write_text(HEAD + "43-9061.00,1,random,True,False,False,phones\n")
    return path


def _refused(sample, tmp_path, tasks) -> str:
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(DataFormatError) as info:
        write_category_reports({"development": sample}, out, onet=_release(tasks))
    assert list(out.iterdir()) == []  # refused before any report was written
    return str(info.value)


# --- 1-4. the release's tasks ---------------------------------------------------------------

def test_a_task_listed_twice_in_the_release_is_refused(sample, tmp_path):
    tasks = pd.concat([TASKS, TASKS.iloc[:1].assign(task="Take messages.")], ignore_index=True)
    assert _refused(sample, tmp_path, tasks) == (
        "onet.tasks, row 3, column 'task_id': task (43-9061.00, 1) is listed twice, first on row 1")


@pytest.mark.parametrize("column", ["task", "task_id", "onetsoc_code"])
def test_a_release_without_a_task_column_is_refused(sample, tmp_path, column):
    message = _refused(sample, tmp_path, TASKS.drop(columns=column))
    assert message.startswith(f"onet.tasks lacks column(s) [{column!r}]")


@pytest.mark.parametrize("changes, message", [
    ({"task_id": [1.0, np.nan]}, "onet.tasks, row 2, column 'task_id': task ID is missing"),
    ({"task_id": [1, 2.5]},
     "onet.tasks, row 2, column 'task_id': not a task ID (a whole number, like 20699): 2.5"),
    ({"onetsoc_code": [" 43-9061.00", "47-2021.00"]},
     "onet.tasks, row 1, column 'onetsoc_code': not an O*NET-SOC code (like 11-1011.00): ' 43-9061.00': spaces "
     "around the code: write '43-9061.00'"),
    ({"onetsoc_code": ["43-9061.00", None]}, "onet.tasks, row 2, column 'onetsoc_code': missing"),
])
def test_a_bad_task_key_of_the_release_names_the_table(sample, tmp_path, changes, message):
    assert _refused(sample, tmp_path, TASKS.assign(**changes)) == message


@pytest.mark.parametrize("text", [np.nan, "", 5])
def test_a_bad_task_text_of_the_release_names_the_table(sample, tmp_path, text):
    tasks = TASKS.assign(task=pd.Series(["Answer telephones.", text], dtype=object))
    message = _refused(sample, tmp_path, tasks)
    assert message.startswith("onet.tasks, row 2, column 'task': task text must be a non-empty string")


def test_a_good_release_still_gives_the_reports(sample, tmp_path):
    tasks = TASKS.assign(task_id=["1", "2"])  # task IDs as text are read as the numbers
    tables = write_category_reports({"development": sample}, tmp_path, onet=_release(tasks))
    assert tables["precision_recall"].loc[0, "true_positives"] == 1
    assert tables["shares"].loc[0, "n_tagged"] == 1


# --- 5-6. task_employment ------------------------------------------------------------------

EMP_TASKS = pd.DataFrame({"onetsoc_code": ["43-9061.00"] * 2 + ["43-9061.01"],
                          "task_type": ["Core", "Supplemental", "Core"]})
SOC = pd.DataFrame({"soc_code": ["43-9061"], "tot_emp": [300.0]})
XW = pd.DataFrame({"onetsoc_code": ["43-9061.00", "43-9061.01"], "soc_code": ["43-9061"] * 2})


@pytest.mark.parametrize("value", ["core", "Core ", "Supp", 1])
def test_task_employment_refuses_a_task_type_the_rollup_refuses(value):
    tasks = EMP_TASKS.assign(task_type=pd.Series([value, "Supplemental", "Core"], dtype=object))
    with pytest.raises(DataFormatError) as info:
        task_employment(tasks, SOC, XW)
    assert str(info.value).startswith(f"tasks, row 1, column 'task_type': task_type {value!r} is not "  # (round 74)
                                      "Core or Supplemental")


@pytest.mark.parametrize("value", [None, "", "n/a"])
def test_task_employment_reads_a_missing_task_type_as_not_core(value):
    tasks = EMP_TASKS.assign(task_type=pd.Series([value, "Supplemental", "Core"], dtype=object))
    assert task_employment(tasks, SOC, XW).tolist() == [75.0, 75.0, 150.0]


@pytest.mark.parametrize("code, message", [
    (" 43-9061.00", "not an O*NET-SOC code (like 11-1011.00): ' 43-9061.00': spaces around the code: write "
                    "'43-9061.00'"),
    # a SOC code is said to be one (first_bad_onetsoc_code, round 72)
    ("43-9061", "not an O*NET-SOC code (like 11-1011.00): '43-9061': a SOC code? an O*NET-SOC code has a "
                "two-digit suffix: write '43-9061.00' (the SOC occupation itself) or the O*NET-SOC code meant"),
    # a number is said to be one (first_bad_onetsoc_code, round 71)
    (43, "not an O*NET-SOC code (like 11-1011.00): '43': a number? a spreadsheet may have saved the code as "
         "one; write it as text"),
])
def test_task_employment_refuses_a_code_that_is_not_one(code, message):
    tasks = EMP_TASKS.assign(onetsoc_code=pd.Series([code, "43-9061.00", "43-9061.01"], dtype=object))
    with pytest.raises(DataFormatError) as info:
        task_employment(tasks, SOC, XW)
    assert str(info.value) == f"tasks, row 1, column 'onetsoc_code': {message}"  # the frame first (round 74)


def test_task_employment_of_good_tasks_is_unchanged():
    assert task_employment(EMP_TASKS, SOC, XW).tolist() == [100.0, 50.0, 150.0]


# --- 7. a directory for a file -------------------------------------------------------------

def test_a_directory_as_hand_checked_sample_is_said(tmp_path):
    (tmp_path / "h.csv").mkdir()
    with pytest.raises(DataFormatError) as info:
        read_hand_checked(tmp_path / "h.csv")
    assert str(info.value) == f"{tmp_path / 'h.csv'}: is a directory, not a file (the hand-checked sample's CSV is expected)"


@pytest.mark.parametrize("name", ["sample.csv", "labels_annotator_a.csv"])
def test_a_directory_in_the_validation_directory_is_said(tmp_path, name):
    (tmp_path / "sample.csv").write_text(
        "onetsoc_code,task_id,stratum,enriched_population,inclusion_prob,weight,double\n"
        "43-9061.00,1,uniform,True,0.5,2.0,False\n")
    if name != "sample.csv":
        (tmp_path / name).mkdir()
    else:
        (tmp_path / name).unlink()
        (tmp_path / name).mkdir()
    with pytest.raises(DataFormatError) as info:
        read_validation_sample(tmp_path)
    assert str(info.value).startswith(f"{tmp_path / name}: is a directory, not a file")


def test_a_missing_sample_file_is_still_not_found(tmp_path):
    with pytest.raises(DataFormatError, match="h.csv: file not found"):
        read_hand_checked(tmp_path / "h.csv")


# --- 8. no employment at all ---------------------------------------------------------------

def _tags():
    return pd.DataFrame({"admin": [True, False], "routine_coding": [False, False],
                         "entry_creative": [False, True]})


@pytest.mark.parametrize("employment, sample_employment, name", [
    ([0.0, 0.0], [1.0, 2.0], "employment is 0 for every row of tags"),
    ([1.0, 2.0], [0.0, 0.0], "sample_employment is 0 for every row of sample"),
])
def test_category_estimates_refuses_no_employment(employment, sample_employment, name):
    sample = _tags().assign(stratum="uniform", weight=2.0)
    with pytest.raises(DataFormatError, match=f"^{name}: no employment to share"):
        category_estimates(_tags(), pd.Series(employment), sample, pd.Series(sample_employment), n_boot=10)


def test_category_estimates_with_some_employment_still_gives_shares():
    sample = _tags().assign(stratum="uniform", weight=2.0)
    out = category_estimates(_tags(), pd.Series([0.0, 1.0]), sample, pd.Series([3.0, 1.0]), n_boot=10)
    row = out.set_index(["category", "basis"]).loc[("entry_creative", "employment")]
    assert (row["tagged"], row["estimated"]) == (1.0, 0.25)
