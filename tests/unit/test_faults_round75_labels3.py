"""Fault round 75 (third wave): label files (Eloundou et al.'s layout) and the label advice.

1. ``exposure.measures.eloundou.read_task_labels`` (``exposure evaluate``, ``exposure
   train``, the rubric and reproduction reports) refused a label written in another case,
   as its class or with a space around it (``e2``, ``2``, ``2.0``, ``' E1'``: labels saved by
   a spreadsheet or a script of one's own) with no word of the label to write:
   ``l.tsv, row 2, column 'human_exposure_agg': human_exposure_agg must be E0, E1 or E2,
   got 'e2'``, where ``onehot`` and the modern tasks said ``write 'E2'``. Now the one
   advice (``exposure._measures.label_hint``, moved down from
   ``exposure.scoring._evaluate``, which still offers it) is added: ``... got 'e2': write
   'E2' (the choices are case-sensitive)``, ``... got '2': a class? write its label,
   'E2'``, ``... got ' E1': write 'E1' (without the spaces around it)``; following it
   reads the file. The same for ``gpt4_exposure`` and ``gpt4_exposure_alt_rubric``; a
   ``Task Type`` or ``gpt4_automation`` in another case (``core``, ``t2``) is told ``write
   'Core' (the choices are case-sensitive)``, ``write 'T2' ...`` (``_args.choice_hint``).
2. ``check_task_labels`` (labels given to ``score_tasks(..., "reference", labels=L)``, and
   to training) named the row before the frame, unlike the other frame errors:
   ``row 2, column 'onetsoc_code': labels: O*NET-SOC code 'bad' is not of the form ...``;
   and a label ``'e1'`` or the class ``1`` was told no label to write (``... (or missing),
   got 'e1'``). Now ``labels, row 2, column 'onetsoc_code': O*NET-SOC code 'bad' is not
   ...`` and ``labels, row 2, column 'human_exposure_agg': human_exposure_agg must be E0,
   E1 or E2 (or missing), got 'e1': write 'E1' (the choices are case-sensitive)``. A column
   given twice was ``column 'gpt4_exposure': labels: column 'gpt4_exposure' appears more
   than once`` (the column named twice, before the frame); now ``labels, column
   'gpt4_exposure': given more than once: keep one``, as the roll-ups say it.
3. ``check_task_labels`` of labels whose keys are held in the index
   (``labels.set_index(["onetsoc_code", "task_id"])``, as one looks tasks up) said ``labels
   lacks column(s) ['onetsoc_code', 'task_id'] (columns: ['human_exposure_agg', ...])``,
   without a word of the index. Now ``...; 'onetsoc_code', 'task_id' are the index:
   reset_index() first`` (``exposure._tables.index_hint``, the roll-ups' words); following
   it scores the tasks.
4. ``read_task_labels`` of a label file saved by R (``readr::write_tsv`` and
   ``write.table`` write ``NA`` for an empty cell: the 928 tasks of the shipped file without
   a task type) refused it on its first such row: ``l.tsv, row 2, column 'Task Type': Task
   Type must be Core or Supplemental (or empty), got 'NA'``. Now ``NA`` is missing in the
   columns of labels, flags and task types, as an empty cell is: the file reads as the one
   R read (a missing human or GPT-4 label is still refused, as ``missing label (E0, E1 or
   E2)``).
"""

from __future__ import annotations

import re

import pandas as pd
import pytest

from exposure import _measures
from exposure.errors import DataFormatError, SchemaError
from exposure.measures.eloundou import check_task_labels, read_task_labels
from exposure.scoring import _evaluate, score_tasks

HEADER = ("\tO*NET-SOC Code\tTask ID\tTask\tTask Type\tTitle\thuman_exposure_agg\tgpt4_exposure\t"
          "gpt4_exposure_alt_rubric\tgpt_3_relevant\tgpt4_automation\n")
COLUMNS = {"human_exposure_agg": 6, "gpt4_exposure": 7, "gpt4_exposure_alt_rubric": 8}


def label_file(tmp_path, column: str, value: str):
    """A label file of two tasks whose second row has ``value`` in ``column``."""
    rows = []
    for i, task_id in enumerate((8823, 8824)):
        cells = [str(i), "11-1011.00", f"{task_id}.0", "Direct budgets.", "Core", "Chief Executives",
                 "E1", "E1", "E1", "False", "T2"]
        if i == 1:
            cells[COLUMNS[column]] = value
        rows.append("\t".join(cells) + "\n")
    path = tmp_path / "labels.tsv"
    path.write_text(HEADER + "".join(rows), encoding="utf-8")
    return path


def labels_frame(**changes) -> pd.DataFrame:
    frame = pd.DataFrame({"onetsoc_code": ["43-4171.00", "43-4171.00"], "task_id": [1, 2],
                          "human_exposure_agg": ["E1", "E0"], "gpt4_exposure": ["E1", "E0"]})
    return frame.assign(**changes)


TASKS = pd.DataFrame({"onetsoc_code": ["43-4171.00", "43-4171.00"], "task_id": [1, 2],
                      "task": ["Answer telephones and take messages.", "Greet visitors at the front desk."]})


# ---------------------------------------------------------------- 1. read_task_labels: the label to write
@pytest.mark.parametrize("column", list(COLUMNS))
@pytest.mark.parametrize("value, advice, label", [
    ("e2", ": write 'E2' (the choices are case-sensitive)", "E2"),
    ("2", ": a class? write its label, 'E2'", "E2"),
    ("0.0", ": a class? write its label, 'E0'", "E0"),
    (" E1", ": write 'E1' (without the spaces around it)", "E1"),
])
def test_a_label_file_label_written_otherwise_is_told_the_label(tmp_path, column, value, advice, label):
    with pytest.raises(SchemaError) as err:
        read_task_labels(label_file(tmp_path, column, value))
    optional = " (or empty)" if column == "gpt4_exposure_alt_rubric" else ""
    assert str(err.value) == (f"{tmp_path / 'labels.tsv'}, row 3, column {column!r}: {column} must be E0, E1 or "
                              f"E2{optional}, got {value!r}{advice}")
    # following the advice reads the file; a label of no advice is refused as before
    assert read_task_labels(label_file(tmp_path, column, label))[column].tolist() == ["E1", label]
    with pytest.raises(SchemaError, match=re.escape(f"{column} must be E0, E1 or E2{optional}, got 'E5'") + "$"):
        read_task_labels(label_file(tmp_path, column, "E5"))


@pytest.mark.parametrize("column, at, value, good", [("Task Type", 4, "core", "Core"),
                                                     ("gpt4_automation", 10, "t2", "T2")])
def test_a_task_type_or_automation_label_in_another_case_is_told_what_to_write(tmp_path, column, at, value, good):
    path = label_file(tmp_path, "human_exposure_agg", "E1")
    lines = path.read_text().splitlines(keepends=True)
    cells = lines[2].split("\t")
    cells[at] = value
    path.write_text("".join(lines[:2]) + "\t".join(cells))
    with pytest.raises(SchemaError) as err:
        read_task_labels(path)
    assert str(err.value).endswith(f"got {value!r}: write {good!r} (the choices are case-sensitive)")
    assert str(err.value).startswith(f"{path}, row 3, column {column!r}: ")
    cells[at] = good
    path.write_text("".join(lines[:2]) + "\t".join(cells))
    assert read_task_labels(path).shape == (2, 10)


def test_the_label_advice_is_one_helper_kept_where_it_was():
    label_hint = _measures.label_hint  # exposure._measures is the lowest layer: the label files use it
    assert _evaluate.label_hint is label_hint
    assert label_hint("e1") == ": write 'E1' (the choices are case-sensitive)"
    assert label_hint(" E1 ") == ": write 'E1' (without the spaces around it)"
    assert label_hint(" e1") == ": write 'E1' (the choices are case-sensitive)"
    assert label_hint(2) == ": a class? write its label, 'E2'"
    assert label_hint("E5") == label_hint(3) == label_hint(True) == label_hint(None) == ""


# ---------------------------------------------------------------- 2. check_task_labels: frame first, advice
def test_labels_of_reference_name_the_frame_first():
    with pytest.raises(DataFormatError) as err:
        score_tasks(TASKS, "reference", labels=labels_frame(onetsoc_code=["43-4171.00", "bad"]))
    assert str(err.value) == ("labels, row 2, column 'onetsoc_code': O*NET-SOC code 'bad' is not of the form "
                              "00-0000.00 (e.g. 11-1011.00)")
    assert err.value.path == "labels" and err.value.row == 2
    with pytest.raises(DataFormatError) as err:
        check_task_labels(labels_frame(task_id=[1, -2]))
    assert str(err.value) == "labels, row 2, column 'task_id': task ID -2 is negative"


@pytest.mark.parametrize("value, advice", [
    ("e1", ": write 'E1' (the choices are case-sensitive)"),
    (1, ": a class? write its label, 'E1'"),
    ("E1 ", ": write 'E1' (without the spaces around it)"),
    ("E7", ""),
])
def test_a_label_of_reference_written_otherwise_is_told_the_label(value, advice):
    labels = labels_frame(human_exposure_agg=pd.Series(["E0", value], dtype=object))
    with pytest.raises(DataFormatError) as err:
        score_tasks(TASKS, "reference", labels=labels)
    assert str(err.value) == ("labels, row 2, column 'human_exposure_agg': human_exposure_agg must be E0, E1 or "
                              f"E2 (or missing), got {value!r}{advice}")


def test_a_label_column_given_twice_names_the_frame_first_and_the_column_once():
    labels = labels_frame()
    twice = pd.concat([labels, labels[["gpt4_exposure"]]], axis=1)
    with pytest.raises(DataFormatError) as err:
        check_task_labels(twice)
    assert str(err.value) == "labels, column 'gpt4_exposure': given more than once: keep one"


# ---------------------------------------------------------------- 3. keys held in the index
@pytest.mark.parametrize("keys, said", [
    (["onetsoc_code", "task_id"], "'onetsoc_code', 'task_id' are the index"),
    (["task_id"], "'task_id' is the index"),
])
def test_label_keys_in_the_index_are_said_to_be_there(keys, said):
    labels = labels_frame().set_index(keys)
    with pytest.raises(DataFormatError) as err:
        score_tasks(TASKS, "reference", labels=labels)
    assert str(err.value) == (f"labels lacks column(s) {keys} (columns: {list(labels.columns)}); {said}: "
                              "reset_index() first")
    # following the advice scores the tasks
    out = score_tasks(TASKS, "reference", labels=labels.reset_index())
    assert out["label"].tolist() == ["E1", "E0"]
    # a column that is not in the index: refused as before, with no word of it
    with pytest.raises(DataFormatError) as err:
        check_task_labels(labels.reset_index().drop(columns="task_id").set_index("gpt4_exposure"),
                          ["human_exposure_agg"])
    assert str(err.value) == "labels lacks column(s) ['task_id'] (columns: ['onetsoc_code', 'human_exposure_agg'])"


# ---------------------------------------------------------------- 4. a label file saved by R
def test_a_label_file_saved_by_r_reads_as_the_file_it_read(tmp_path):
    original = label_file(tmp_path, "gpt4_exposure_alt_rubric", "")
    lines = original.read_text().splitlines(keepends=True)
    cells = lines[2].rstrip("\n").split("\t")
    cells[4] = cells[9] = cells[10] = ""  # Task Type, gpt_3_relevant, gpt4_automation empty
    original.write_text("".join(lines[:2]) + "\t".join(cells) + "\n")
    expected = read_task_labels(original)
    saved = tmp_path / "saved_by_r.tsv"
    saved.write_text("".join(lines[:2]) + "\t".join(c if c else "NA" for c in cells) + "\n")
    pd.testing.assert_frame_equal(read_task_labels(saved), expected)
    assert expected.iloc[1][["task_type", "gpt4_exposure_alt_rubric", "gpt4_automation"]].isna().all()
    # a label that may not be missing is refused as missing, naming its row and column
    cells[6] = "NA"
    saved.write_text("".join(lines[:2]) + "\t".join(cells) + "\n")
    with pytest.raises(SchemaError) as err:
        read_task_labels(saved)
    assert str(err.value) == f"{saved}, row 3, column 'human_exposure_agg': missing label (E0, E1 or E2)"
