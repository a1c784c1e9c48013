"""Fault round 59: the agreement, free-text, release-diff and sources reports.

1. ``reliability_table`` and ``exposed_figures`` pair the rows of ``proba`` and ``y`` by
   position: a ``proba`` frame sorted since (``score_tasks`` keeps the frame's index) and
   a ``y`` Series in the original order were compared row by row without a word (accuracy
   0.5, both shares right 0.5, for a scorer right on every task). A ``y`` Series holding
   the index labels of a ``proba`` frame in another order is refused now, as the category
   reports refuse it (``exposure.reports.categories._check_paired``).
2. The checks of a paraphrase file that need no labels (a malformed O*NET-SOC code, a task
   ID that is not an integer, a blank paraphrase, a task paraphrased twice) ran only
   after the labels: ``evaluate_free_text`` built the labels' rows first and, given no
   ``onet``, said only that it needs one. They are ``check_paraphrase_rows`` now, which
   ``check_paraphrases`` calls first and ``evaluate_free_text`` runs before the labels
   (with the modern tasks), so that ``exposure evaluate`` can run them before the labels
   and O*NET are loaded.
3. ``write_source_reports`` checked its report directory by rules of its own, not by the
   shared ones: (a) its short list of file suffixes let a ``report_dir`` named
   ``report.dta``, ``report.pq`` or ``report.png`` become a directory holding the two
   reports, where ``exposure validate --report-dir`` (the shared
   ``exposure._outdir.FILE_SUFFIXES``) refuses them; (b) alone of the public report
   writers it did not call ``exposure.fetch.refuse_read_folders``: it wrote the two
   reports into ``$EXPOSURE_MIRROR/crosswalks``, among the raw files. Both refused now.
4. ``write_diff_reports`` (``exposure diff OLD NEW --reports diff.csv``) made a directory
   ``diff.csv`` holding the four reports, where ``exposure recompute --out``, ``rollup
   -o`` and ``compare -o`` refuse a new directory named like a file. Refused now
   (``exposure._outdir.refuse_file_named_dir``), before anything is written; a directory
   already of that name is written into as before.
5. ``check_modern_tasks`` refused the flag columns of a file of doubles (R's numbers, a
   Parquet ``double``, a Stata ``float``: ``1.0`` and ``0.0``) as ``must be true or false,
   got 1.0``, although ``1`` and ``0`` are taken. Read as 1 and 0 now; ``2.0`` and ``0.5``
   are still refused.
6. ``check_paraphrases`` given a frame holding ``task_id`` or ``onetsoc_code`` twice (two
   frames put side by side) raised ``AttributeError: 'DataFrame' object has no attribute
   'dtype'`` (or ``'str'``). Refused now, naming the column.

Small frames and files written by the tests.
"""

from __future__ import annotations

import pandas as pd
import pytest
from _frames import recompute_outputs
from test_faults_cli import cli, one_error_line

from exposure._outdir import OutputPathError
from exposure.errors import DataFormatError, OutputError
from exposure.reports.agreement import (
    check_modern_tasks,
    check_paraphrase_rows,
    check_paraphrases,
    evaluate_free_text,
    exposed_figures,
    reliability_table,
)
from exposure.reports.diff import diff_outputs, write_diff_reports
from exposure.reports.sources import write_source_reports
from exposure.scoring._files import read_task_file

LABELLED = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.00"], "task_id": [8823, 8824],
                         "task": ["Direct budgets.", "Confer with board members."]})
PARA = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.00"], "task_id": [8823, 8824],
                     "paraphrase": ["You will run the budget.", "You will meet the board."]})
LABELS = pd.DataFrame({
    "onetsoc_code": ["11-1011.00", "11-1011.00", "47-2031.00"], "task_id": [8823, 8824, 3],
    "task_type": ["Core", "Core", "Core"], "task": ["Direct budgets.", "Confer with board members.", "Cut lumber."],
    "title": ["Chief Executives", "Chief Executives", "Carpenters"],
    "human_exposure_agg": ["E1", "E1", "E0"], "gpt4_exposure": ["E1", "E1", "E0"]})


# 1. proba and y paired by position ----------------------------------------------------

def _sorted_scores():
    proba = pd.DataFrame({"p_e0": [1.0, 0.0, 0.0, 1.0], "p_e1": [0.0, 1.0, 0.0, 0.0],
                          "p_e2": [0.0, 0.0, 1.0, 0.0]}, index=[10, 11, 12, 13])
    y = pd.Series([0, 1, 2, 0], index=[10, 11, 12, 13])
    return proba.sort_values("p_e1"), y  # rows 10, 12, 13, 11


@pytest.mark.parametrize("report", [reliability_table, exposed_figures])
def test_a_proba_frame_in_another_order_than_y_is_refused(report):
    proba, y = _sorted_scores()
    with pytest.raises(DataFormatError, match=r"^y has the index labels of proba in another order: the rows are "
                                              r"paired by position, not by label; pass y.reindex\(proba.index\)$"):
        report(proba, y)  # accuracy 0.5 and shares right 0.5 before, for a scorer right on every task
    # paired as told, or given as an array (read by position, as documented): the scorer's figures
    for classes in (y.reindex(proba.index), y.to_numpy()[[0, 2, 3, 1]]):
        figures = report(proba, classes)
        assert (figures["accuracy"].tolist() == [1.0] if report is reliability_table
                else figures == {"exposed_right_label": 1.0, "exposed_right_gamma": 1.0})


# 2. the paraphrase checks that need no labels -----------------------------------------

@pytest.mark.parametrize("column, value, said", [
    ("onetsoc_code", "11-1011", "not an O*NET-SOC code (like 11-1011.00): '11-1011'"),
    ("task_id", "abc", "task_id"),
    ("paraphrase", "  ", "paraphrase"),
    ("task_id", 8823, "task (11-1011.00, 8823) is paraphrased twice (rows 2 and 3)"),
])
def test_paraphrase_rows_are_checked_without_the_labels(column, value, said):
    bad = PARA.assign(**{column: [PARA[column].iloc[0], value]})
    with pytest.raises(DataFormatError) as info:
        check_paraphrase_rows(bad, path="p.csv", row_offset=2)
    assert str(info.value).startswith(f"p.csv, row 3, column '{column}': ")
    assert said in str(info.value)


def test_paraphrase_rows_come_back_with_integer_task_ids():
    out = check_paraphrase_rows(PARA.assign(onetsoc_code=[" 11-1011.00", "11-1011.00"], task_id=["8823", 8824.0]))
    assert out["onetsoc_code"].tolist() == ["11-1011.00"] * 2 and out["task_id"].tolist() == [8823, 8824]
    assert check_paraphrases(PARA, LABELLED)["task_id"].tolist() == [8823, 8824]


def test_evaluate_free_text_checks_the_paraphrases_before_the_labels():
    bad = PARA.assign(onetsoc_code=["11-1011.00", "11-1011"])
    # before: "the free-text report needs onet ...", and the code was named only once onet was given
    with pytest.raises(DataFormatError, match=r"^row 2, column 'onetsoc_code': not an O\*NET-SOC code"):
        evaluate_free_text(LABELS, None, paraphrases=bad)


# 3. write_source_reports: the shared file suffixes ------------------------------------

@pytest.mark.parametrize("name", ["report.dta", "report.pq", "report.png"])
def test_source_reports_refuse_every_directory_named_like_a_file(tmp_path, name):
    counts = pd.DataFrame({"source": ["oews"], "release": ["2025"], "table": ["national"],
                           "rows": pd.array([1400], dtype="Int64")})
    with pytest.raises(OutputError, match="is named like a"):
        write_source_reports(counts, {}, tmp_path / name)
    assert list(tmp_path.iterdir()) == []  # a directory holding the two reports before


def test_source_reports_refuse_a_directory_of_the_mirror(tmp_path, monkeypatch):
    mirror = tmp_path / "mirror"
    (mirror / "crosswalks").mkdir(parents=True)
    monkeypatch.setenv("EXPOSURE_MIRROR", str(mirror))
    counts = pd.DataFrame({"source": ["oews"], "release": ["2025"], "table": ["national"],
                           "rows": pd.array([1400], dtype="Int64")})
    with pytest.raises(OutputPathError, match=r"^refusing to write the reports into .*mirror/crosswalks: it is "
                                              r"inside the mirror .*, which the run reads; choose a directory"):
        write_source_reports(counts, {}, mirror / "crosswalks")
    assert list((mirror / "crosswalks").iterdir()) == []  # the two reports among the raw files before


# 4. the diff reports directory named like a file --------------------------------------

def _outputs(tmp_path):
    return recompute_outputs(tmp_path / "old", "29.1"), recompute_outputs(tmp_path / "new", "30.1")


def test_diff_reports_refuse_a_new_directory_named_like_a_file(tmp_path):
    diff = diff_outputs(*_outputs(tmp_path))
    with pytest.raises(OutputPathError, match=r"^reports_dir .*diff\.xlsx names the directory that gets "
                                              r"diff_summary\.csv, .* but 'diff\.xlsx' is named like a \.xlsx file"):
        write_diff_reports(diff, tmp_path / "diff.xlsx")
    assert not (tmp_path / "diff.xlsx").exists()
    (tmp_path / "kept.csv").mkdir()  # a directory already of that name is written into
    assert [p.name for p in write_diff_reports(diff, tmp_path / "kept.csv")][0] == "diff_summary.csv"


def test_exposure_diff_refuses_reports_named_like_a_file(tmp_path, capsys):
    old, new = _outputs(tmp_path)
    code, _, err = cli(capsys, "diff", old, new, "--reports", tmp_path / "diff.csv", "--quiet")
    line = one_error_line(err, command="diff")
    assert code == 2 and "'diff.csv' is named like a .csv file: give a directory" in line
    assert not (tmp_path / "diff.csv").exists()  # a directory diff.csv of the four reports before


# 5. modern-task flags stored as doubles -----------------------------------------------

def test_modern_task_flags_of_doubles_are_read(tmp_path):
    path = tmp_path / "m.parquet"  # as R's arrow::write_parquet writes data.frame(exposed = c(1, 0))
    modern = pd.DataFrame({"task": ["Draft replies to emails.", "Lay bricks."], "label": ["E1", "E0"],
                           "exposed": [1.0, 0.0], "admin": [1.0, 0.0]})
    modern.to_parquet(path)
    out = check_modern_tasks(read_task_file(path), path=path)
    assert out["exposed"].tolist() == [True, False] and out["admin"].tolist() == [True, False]
    for values, said in (([2.0, 0.0], "row 1, column 'exposed': must be true or false, got 2.0"),
                         ([0.5, 0.0], "row 1, column 'exposed': must be true or false, got 0.5"),
                         ([1.0, None], "row 2, column 'exposed': must be true or false, it is missing")):
        with pytest.raises(DataFormatError) as info:  # [1.0, None]: "row 1 ... got 1.0" before
            check_modern_tasks(modern.assign(exposed=values))
        assert str(info.value) == said


# 6. a key column of the paraphrases twice ---------------------------------------------

@pytest.mark.parametrize("column", ["task_id", "onetsoc_code"])
def test_a_paraphrase_key_column_given_twice_is_named(column):
    twice = pd.concat([PARA, PARA[[column]]], axis=1)
    with pytest.raises(DataFormatError, match=f"^p.csv, column '{column}': given more than once: keep one$"):
        check_paraphrases(twice, LABELLED, path="p.csv")


def test_cli_names_a_bad_paraphrase_row_before_reading_the_labels(tmp_path, capsys):
    """``exposure evaluate --paraphrases`` with a bad code: named before the labels are looked for.

    Before, on a mirror without the labels, the error was the labels' ``not found in mirror``
    whatever the paraphrase file held.
    """
    p = tmp_path / "p.csv"
    p.write_text("onetsoc_code,task_id,paraphrase\n11-1011.00,8823,Run the company.\n11-1011,8824,Set goals.\n")
    (tmp_path / "empty").mkdir()
    code, _, err = cli(capsys, "evaluate", "--mirror", tmp_path / "empty", "--data-dir", tmp_path / "cache",
                       "--paraphrases", p)
    line = one_error_line(err, command="evaluate")
    assert code == 2 and "p.csv, row 3, column 'onetsoc_code'" in line and "not found in mirror" not in line


@pytest.mark.parametrize("name", ["d.csv", "d.xlsx"])
def test_diff_reports_named_like_a_file_refused_before_the_diff(tmp_path, capsys, name):
    """``exposure diff OLD NEW --reports d.csv`` made a directory d.csv after reading both outputs."""
    (tmp_path / "old").mkdir()
    (tmp_path / "new").mkdir()
    code, _, err = cli(capsys, "diff", tmp_path / "old", tmp_path / "new", "--reports", tmp_path / name)
    line = one_error_line(err, command="diff")
    assert code == 2 and f"'{name}' is named like a" in line and "--reports" in line
    assert not (tmp_path / name).exists()


def test_probability_columns_are_read_by_name():
    """A frame of p_e2, p_e1, p_e0 was read by position (E2 as E0): a perfect scorer got accuracy 0."""
    from exposure.reports.agreement import reliability_table
    from exposure.scoring._evaluate import agreement

    right = pd.DataFrame({"p_e0": [0.9, 0.05, 0.05], "p_e1": [0.05, 0.9, 0.05], "p_e2": [0.05, 0.05, 0.9]})
    y = [0, 1, 2]
    shuffled = right[["p_e2", "p_e1", "p_e0"]].assign(task=["a", "b", "c"])
    assert agreement(shuffled, y, ["11-1011.00"] * 3, [1.0] * 3)["accuracy"] == 1.0
    pd.testing.assert_frame_equal(reliability_table(shuffled, y), reliability_table(right, y))


@pytest.mark.parametrize("name", ["r.csv.gz", "r.zip", "r.xlsm", "r.csv.zst"])
def test_a_directory_named_like_a_compressed_file_or_workbook_is_refused(tmp_path, name):
    """``-o r.csv.gz`` (meant as a compressed file) made a directory r.csv.gz of reports."""
    from exposure._outdir import OutputPathError, refuse_file_named_dir

    with pytest.raises(OutputPathError, match="named like a"):
        refuse_file_named_dir(tmp_path / name, "-o", "the reports")
    assert not (tmp_path / name).exists()


def test_agreement_refuses_a_sorted_proba_frame_paired_with_series_in_the_first_order():
    """``agreement`` paired a sorted proba frame with y (and codes, weights) by position: accuracy 0.25."""
    from exposure.errors import DataFormatError
    from exposure.scoring._evaluate import agreement

    proba = pd.DataFrame({"p_e0": [0.9, 0.05, 0.05, 0.9], "p_e1": [0.05, 0.9, 0.05, 0.05],
                          "p_e2": [0.05, 0.05, 0.9, 0.05]})
    y = pd.Series([0, 1, 2, 0])
    codes = pd.Series(["a", "a", "b", "c"])
    assert agreement(proba, y, codes, [1.0] * 4)["accuracy"] == 1.0
    with pytest.raises(DataFormatError, match=r"y has the index labels of proba in another order"):
        agreement(proba.sort_values("p_e2"), y, codes, [1.0] * 4)
