"""Fault round 77 (rollup2): unlabelled scored tasks, blank task types, a no-break space, working_time's order, the CLI's words.

Faults found (each test below failed before its fix):

1. ``to_occupations`` (``rollup``, ``exposure rollup``) of task scores with a ``label``
   column whose label is missing on a task that has a score (probabilities, or alpha,
   beta and gamma), beside labels on other rows: ``share_e1`` and ``share_exposed`` (from
   the labels) were averaged over the labelled tasks alone, alpha, beta and gamma over
   all, so that two columns of one occupation row described two sets of tasks, without a
   word (``share_e1`` 1.0 beside ``alpha`` 0.45). :class:`~exposure.schemas.TaskScores`
   has a label wherever the probabilities are. Now refused, naming the row:
   ``task_scores, row 2, column 'label': the label is missing on a scored task (p_e0,
   p_e1, p_e2 = 0.1, 0.2, 0.7, which give E2; 1 of 2 tasks so): share_e1 and
   share_exposed, from the labels, would be averaged over other tasks than alpha, beta
   and gamma; give its label, E2, the class of highest probability, or drop the label
   column (the probabilities then give the shares)``. A label column missing on every
   row is still no label column, and a row without a score may lack its label.
2. ``pipeline.task_digests`` refused a blank ``task_type`` (``''``, a CSV read with
   ``keep_default_na=False``) that ``task_weights`` reads as missing: ``tasks, row 2,
   column 'task_type': task_type must be 'Core' or 'Supplemental' (or missing), got ''``.
   Now the one rule of task types (``scoring._inputs.bad_task_types``): a blank type or
   O*NET's ``n/a`` is missing, and written missing; other types are refused in the
   roll-up's words, with the type to write: ``task_type must be Core or Supplemental (or
   missing, blank or n/a), got 'Core ': write 'Core' (without the spaces around it)``.
3. ``task_weights`` with a Task Ratings ``data_value`` with a no-break space after it
   (``'4.5\\xa0'``, pasted from a web page) refused it with no word of the space, which
   does not show: ``task_ratings, row 1, column 'data_value': IM ratings must be numbers,
   got '4.5\\xa0'``. Now ``...: '\\xa0' (U+00A0, a space that is not the plain space;
   pasted from a web page?): write '4.5'``.
4. ``working_time(soc_scores)`` kept the order of ``soc_scores``' rows in its occupation
   rows, where ``to_soc``, ``to_sectors`` and ``to_census_occ`` sort theirs by code: the
   same scores in another order gave another frame. Now occupation rows sorted by code,
   then sector rows (the shipped ``working_time.parquet``, sorted by the pipeline, is
   byte-identical).
5. ``exposure rollup`` said the task weights' errors with the Python arguments:
   ``s.csv, row 3, column 'task_id': weights='core': 1 of 2 tasks are not in the O*NET
   task statements, ...; use equal weights (--weights equal), a task_type column, or the
   task statements of the O*NET release the scores come from`` (the command has no
   ``weights=``, and no option was named to give the statements by). Now ``--weights core:
   ...; use --weights equal, a task_type column, or the task statements of the O*NET
   release the scores come from (--onet-release RELEASE or --tasks FILE)``; in Python
   ``weights='core': ...; use weights='equal', ... (tasks=)``.

Tiny made-up files in the real formats, written by the tests.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from _rollup_files import rollup_files

from exposure.cli import main
from exposure.errors import DataFormatError
from exposure.pipeline import task_digests
from exposure.rollup import task_weights, to_occupations, working_time
from exposure.rollup._occupations import check_task_scores

# 1. a scored task without a label, beside labelled ones ------------------------------------

P = np.array([[0.2, 0.7, 0.1], [0.1, 0.2, 0.7]])


def _scores(path, labels):
    """Task scores with probabilities and labels, written as a CSV and read back as exposure score writes them."""
    frame = pd.DataFrame({"onetsoc_code": ["11-1011.00"] * 2, "task_id": [1, 2], "p_e0": P[:, 0],
                          "p_e1": P[:, 1], "p_e2": P[:, 2], "label": labels})
    frame = frame.assign(alpha=frame.p_e1, beta=frame.p_e1 + frame.p_e2 / 2, gamma=frame.p_e1 + frame.p_e2)
    frame.to_csv(path, index=False)
    return pd.read_csv(path, dtype={"onetsoc_code": str})


def test_1_a_scored_task_without_a_label_is_refused(tmp_path):
    ts = _scores(tmp_path / "s.csv", ["E1", None])
    with pytest.raises(DataFormatError) as info:
        to_occupations(ts, "equal")
    assert str(info.value) == (
        "task_scores, row 2, column 'label': the label is missing on a scored task (p_e0, p_e1, p_e2 = 0.1, 0.2, "
        "0.7, which give E2; 1 of 2 tasks so): share_e1 and share_exposed, from the labels, would be averaged "
        "over other tasks than alpha, beta and gamma; give its label, E2, the class of highest probability, or "
        "drop the label column (the probabilities then give the shares)")
    # alpha, beta and gamma alone (no probabilities): the class they imply
    with pytest.raises(DataFormatError, match=r"^task_scores, row 2, column 'label': the label is missing on a "
                                              r"scored task \(alpha, beta, gamma = 0\.2, 0\.55, 0\.9, which give "
                                              r"E2; 1 of 2 tasks so\).*give its label, E2, the class of highest "
                                              r"probability$"):
        to_occupations(ts.drop(columns=["p_e0", "p_e1", "p_e2"]), "equal")
    # labels and scores that agree are rolled up, as before
    ts = _scores(tmp_path / "s.csv", ["E1", "E2"])
    occ = to_occupations(ts, "equal")
    assert occ["share_e1"].tolist() == [0.5] and occ["alpha"].tolist() == [pytest.approx(0.45)]
    # a label column empty on every row is no label column; an unscored row may lack its label
    assert "label" not in check_task_scores(ts.assign(label=None)).columns
    unscored = ts.assign(label=["E1", None])
    unscored.loc[1, ["p_e0", "p_e1", "p_e2", "alpha", "beta", "gamma"]] = np.nan
    assert to_occupations(unscored, "equal")["share_e1"].tolist() == [1.0]


# 2. task_digests: a blank task type is missing ----------------------------------------------

def _statements(tmp_path, types):
    """O*NET Task Statements (tab-separated, CRLF) read back as text, blanks kept (keep_default_na=False)."""
    path = tmp_path / "Task Statements.txt"
    lines = ["O*NET-SOC Code\tTask ID\tTask\tTask Type"]
    lines += [f"11-1011.00\t{8823 + k}\tDirect operations {k}.\t{t}" for k, t in enumerate(types)]
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    frame = pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False)
    return frame.rename(columns={"O*NET-SOC Code": "onetsoc_code", "Task ID": "task_id", "Task": "task",
                                 "Task Type": "task_type"})


def test_2_blank_task_type_is_missing(tmp_path):
    tasks = _statements(tmp_path, ["Core", "", "n/a", "Supplemental"])
    out = task_digests(tasks)
    assert out["task_type"].isna().tolist() == [False, True, True, False]
    assert out["task_type"].iloc[[0, 3]].tolist() == ["Core", "Supplemental"]
    # the same as the task without a type
    missing = task_digests(tasks.assign(task_type=["Core", None, None, "Supplemental"]))
    pd.testing.assert_frame_equal(out, missing)
    # task_weights reads it so too
    assert task_weights(tasks, "core").tolist() == [2.0, 1.0, 1.0, 1.0]


def test_2_other_task_types_are_refused_in_the_rollups_words(tmp_path):
    with pytest.raises(DataFormatError) as info:
        task_digests(_statements(tmp_path, ["Core ", "Core"]))
    assert str(info.value) == ("tasks, row 1, column 'task_type': task_type must be Core or Supplemental (or "
                               "missing, blank or n/a), got 'Core ': write 'Core' (without the spaces around it)")


# 3. a no-break space after a rating ---------------------------------------------------------

def test_3_no_break_space_after_a_rating(tmp_path):
    path = tmp_path / "Task Ratings.txt"
    path.write_text("O*NET-SOC Code\tTask ID\tScale ID\tCategory\tData Value\r\n"
                    "11-1011.00\t1\tIM\tn/a\t4.5\u00a0\r\n11-1011.00\t2\tIM\tn/a\t3.0\r\n", encoding="utf-8")
    ratings = pd.read_csv(path, sep="\t", dtype=str).rename(columns={
        "O*NET-SOC Code": "onetsoc_code", "Task ID": "task_id", "Scale ID": "scale_id", "Category": "category",
        "Data Value": "data_value"})
    ts = pd.DataFrame({"onetsoc_code": ["11-1011.00"] * 2, "task_id": [1, 2]})
    with pytest.raises(DataFormatError) as info:
        task_weights(ts, "importance", task_ratings=ratings)
    assert str(info.value) == ("task_ratings, row 1, column 'data_value': IM ratings must be numbers, got "
                               "'4.5\\xa0': '\\xa0' (U+00A0, a space that is not the plain space; pasted from a "
                               "web page?): write '4.5'")
    assert task_weights(ts, "importance", task_ratings=ratings.assign(data_value=["4.5", "3.0"])).tolist() == [4.5, 3.0]


# 4. working_time: occupation rows sorted by code ----------------------------------------------

def test_4_working_time_sorts_its_occupation_rows(tmp_path):
    path = tmp_path / "soc_scores.csv"
    path.write_text("soc_code,soc_title,beta,tot_emp\n13-1020,Buyers,0.5,30\n11-1011,Chief Executives,0.25,10\n",
                    encoding="utf-8")
    soc = pd.read_csv(path)
    out = working_time(soc)
    assert out["code"].tolist() == ["11-1011", "13-1020"]
    assert out["workers_ge_20"].tolist() == [0.0, 30.0]
    pd.testing.assert_frame_equal(out, working_time(soc.iloc[::-1]))


# 5. exposure rollup: the weights' errors in the command's words -------------------------------

def _cli_files(tmp_path):
    (tmp_path / "tasks.txt").write_text("O*NET-SOC Code\tTask ID\tTask\tTask Type\tIncumbents Responding\tDate\t"
                                        "Domain Source\r\n11-1011.00\t1\tDirect operations.\tCore\t20\t08/2023\t"
                                        "Incumbent\r\n", encoding="utf-8")
    return [*rollup_files(tmp_path), "--tasks", str(tmp_path / "tasks.txt")]


def test_5_rollup_command_names_its_options(tmp_path, capsys):
    args = _cli_files(tmp_path)
    assert main(args) == 2
    err = capsys.readouterr().err
    assert (f"{tmp_path / 's.csv'}, row 3, column 'task_id': --weights core: 1 of 2 tasks are not in the O*NET "
            "task statements, first 11-1011.00 task 2, so their task type is unknown; use --weights equal, a "
            "task_type column, or the task statements of the O*NET release the scores come from (--onet-release "
            "RELEASE or --tasks FILE)") in err
    assert "weights='core'" not in err and not (tmp_path / "o").exists()
    assert main([*args, "--weights", "equal"]) == 0


def test_5_python_keeps_the_arguments_words():
    ts = pd.DataFrame({"onetsoc_code": ["11-1011.00"] * 2, "task_id": [1, 2]})
    statements = pd.DataFrame({"onetsoc_code": ["11-1011.00"], "task_id": [1], "task_type": ["Core"]})
    with pytest.raises(DataFormatError) as info:
        task_weights(ts, "core", tasks=statements)
    assert str(info.value) == (
        "task_scores, row 2, column 'task_id': weights='core': 1 of 2 tasks are not in the O*NET task statements, "
        "first 11-1011.00 task 2, so their task type is unknown; use weights='equal', a task_type column, or the "
        "task statements of the O*NET release the scores come from (tasks=)")
