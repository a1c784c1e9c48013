"""Round 58, the non-default scorers and ``exposure evaluate``: faults found and fixed.

1. ``exposure.reports.agreement.reliability_table(proba, y)`` and ``exposed_figures``
   (also ``exposure.scoring._evaluate.agreement``) given scores read back with
   ``pd.read_parquet(path, dtype_backend="numpy_nullable")`` (or ``"pyarrow"``): ``Float64``
   or ``double[pyarrow]`` columns, ``<NA>`` on the rows not scored (a task without a
   published label). Before: refused with ``proba must be an array of probabilities with one
   row per task and 3 columns (E0, E1, E2), got DataFrame``, which it is; the rows not
   scored are documented to be left out. Now: ``<NA>`` is read as NaN, the figures are those
   of the same scores as ``float64``.
2. ``exposure.scoring.rubric.score_rubric(df)`` (and ``score_tasks(df, "rubric")``) where
   the job zones are under O*NET's header ``Job Zone`` (a task list joined with O*NET's
   ``Job Zones`` file) or another spelling (``JOB_ZONE``). Before: the column was not read
   and every row got the prior of an unknown zone, without a word (``Write reports.`` with
   zone 4: p_e1 0.51 for 0.52), while ``tag_categories`` warns of it and ``exposure score``
   reads it. Now: the same scores, with one warning naming the column and saying to rename it.
3. ``score_rubric(df)`` (and ``score_tasks(df, "rubric")``) with the British spelling
   ``Co-ordinate`` (``Co-ordinates``, ``Co-ordinating``, ``To co-ordinate``), as UK job
   descriptions write it. Before: the first word was read as ``co``, no verb: the task lost
   that vote (``Co-ordinate the office diary.`` p_e0 0.50 for 0.70, the job-zone prior
   alone). Now: read as ``coordinate``, as round 56 read ``Summarise`` and ``Enrol``. A
   hyphened first word whose joined form is no verb is read by its first part, as before
   (``Heat-treat`` is ``heat``); no O*NET 29.1 statement changes score.
4. ``exposure.reports.rubric.rubric_agreement(labels)`` (without a release, where any code
   groups the tasks) with a blank O*NET-SOC code (``""``, ``" "``). Before: taken as an
   occupation key by the checks, then refused from inside the occupation means as
   ``codes row 3: the occupation code is missing``, naming an argument the caller never gave
   and no column. Now: ``row 3, column 'onetsoc_code': labels: O*NET-SOC code missing``, as
   for a missing code.
5. ``exposure evaluate --paraphrases p.csv`` where ``p.csv`` is a header alone. Before:
   refused only after the labels and O*NET 29.1 were read (downloaded when not cached): on
   an empty mirror the error was ``reference/eloundou2023/full_labelset_train.tsv: not found
   in mirror ...``, whatever the file, while a ``--modern`` file of a header alone is refused
   before them. Now: ``p.csv: no paraphrases: the table has no rows``, before anything else
   is read.
"""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd
import pytest
from test_faults_cli import cli, one_error_line

import exposure
from exposure.errors import DataFormatError
from exposure.reports.agreement import exposed_figures, reliability_table
from exposure.reports.rubric import rubric_agreement
from exposure.scoring._evaluate import agreement
from exposure.scoring.rubric import score_rubric

PROBA = ["p_e0", "p_e1", "p_e2"]


# ------------------------------------------------------------- 1. nullable probabilities
def _scores_with_unscored_row() -> pd.DataFrame:
    """Three scored rows and one not scored (NaN), as ``score_tasks(..., "reference")`` gives them."""
    return pd.DataFrame([[0.8, 0.1, 0.1], [0.1, 0.7, 0.2], [0.2, 0.2, 0.6], [np.nan] * 3], columns=PROBA)


@pytest.mark.parametrize("dtype_backend", ["numpy_nullable", "pyarrow"])
def test_nullable_probabilities_with_na_rows_are_read_as_nan(tmp_path, dtype_backend):
    plain = _scores_with_unscored_row()
    plain.to_parquet(tmp_path / "s.parquet")
    read = pd.read_parquet(tmp_path / "s.parquet", dtype_backend=dtype_backend)
    assert read["p_e0"].isna().iloc[3] and read["p_e0"].dtype != "float64"
    y = [0, 1, 2, 1]
    pd.testing.assert_frame_equal(reliability_table(read, y), reliability_table(plain, y))
    assert exposed_figures(read, y) == exposed_figures(plain, y)
    codes, weights = ["a", "b", "c", "d"], [2, 1, 1, 2]
    assert agreement(read, y, codes, weights) == agreement(plain, y, codes, weights)


def test_nullable_probabilities_are_still_checked():
    bad = pd.DataFrame([[50.0, 50.0, 0.0], [None] * 3], columns=PROBA, dtype="Float64")
    with pytest.raises(DataFormatError, match=r"^proba row 1 is \[50\.0, 50\.0, 0\.0\]: probabilities"):
        reliability_table(bad, [0, 1])
    text = pd.DataFrame({"p_e0": ["x", None], "p_e1": [0.5, 0.5], "p_e2": [0.5, 0.5]})
    with pytest.raises(DataFormatError, match=r"^proba must be an array of probabilities .* got DataFrame"):
        reliability_table(text, [0, 1])


# ------------------------------------------------------------- 2. job zones under O*NET's header
@pytest.mark.parametrize("name", ["Job Zone", "JOB_ZONE", "job zone"])
def test_rubric_warns_of_job_zones_under_another_name(caplog, name):
    tasks = pd.DataFrame({"task": ["Write reports.", "Weld pipes."], name: [4, 2]})
    with caplog.at_level(logging.WARNING, logger="exposure"):
        out = score_rubric(tasks)
    lines = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    # (round 72: in score_rubric's name, as its other warnings)
    assert lines == [f"score_rubric: no 'job_zone' column, but the frame has {name!r} (O*NET's header?): the rubric does not "
                     "read it (the rows get the prior of onet's job zone, or of an unknown one); rename that "
                     "column 'job_zone'"]
    # the scores are those of no job zone, as the warning says; renamed, the zones are used
    pd.testing.assert_frame_equal(out, score_rubric(tasks.drop(columns=name)))
    renamed = score_rubric(tasks.rename(columns={name: "job_zone"}))
    assert renamed["rule"].str.endswith(("job zone 4 prior", "job zone 2 prior")).all()
    caplog.clear()  # with a job_zone column (read), or no spelling of it: no warning
    with caplog.at_level(logging.WARNING, logger="exposure"):
        score_rubric(tasks.assign(job_zone=[4, 2]))
        score_rubric(tasks.drop(columns=name).assign(zone=[1, 1]))
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]


def test_score_tasks_rubric_warns_of_job_zone_header_once(caplog):
    tasks = pd.DataFrame({"task": ["Write reports."], "Job Zone": [4]})
    with caplog.at_level(logging.WARNING, logger="exposure"):
        exposure.score_tasks(tasks, "rubric")
    assert sum("but the frame has 'Job Zone'" in r.getMessage() for r in caplog.records) == 1


# ------------------------------------------------------------- 3. Co-ordinate
@pytest.mark.parametrize("british, american", [
    ("Co-ordinate the office diary.", "Coordinate the office diary."),
    ("Co-ordinates staff rotas.", "Coordinates staff rotas."),
    ("Co-ordinating events for clients.", "Coordinating events for clients."),
    ("To co-ordinate volunteers.", "To coordinate volunteers."),
    ("1. Co-ordinate deliveries.", "1. Coordinate deliveries."),
])
def test_rubric_reads_co_ordinate_as_coordinate(british, american):
    out = score_rubric(pd.DataFrame({"task": [british, american]}))
    assert out[PROBA].iloc[0].tolist() == out[PROBA].iloc[1].tolist()
    assert out["rule"].iloc[0] == out["rule"].iloc[1]
    assert out["rule"].iloc[0].startswith("verb 'coordinate' -> E0")
    # a hyphened first word whose joined form is no verb: its first part, as before
    out = score_rubric(pd.DataFrame({"task": ["Heat-treat metal parts.", "Re-enter the codes.", "To-do lists.",
                                              "Heat metal parts."]}))
    assert out["rule"].iloc[0].startswith("verb 'heat' -> E0")
    assert out[PROBA].iloc[0].tolist() == out[PROBA].iloc[3].tolist()
    assert "verb" not in out["rule"].iloc[1] and "verb" not in out["rule"].iloc[2]


# ------------------------------------------------------------- 4. blank codes in the rubric report
def _labels(codes) -> pd.DataFrame:
    return pd.DataFrame({
        "onetsoc_code": codes, "task_id": [1, 2, 3, 4, 5],
        "task": ["Write reports.", "Enter data into databases.", "Cut lumber with saws.",
                 "Nail boards using hammers.", "Weld pipes."],
        "task_type": ["Core"] * 5, "human_exposure_agg": ["E1", "E2", "E0", "E0", "E0"]})


@pytest.mark.parametrize("blank", ["", "  "])
def test_rubric_report_refuses_a_blank_code_naming_labels(blank):
    with pytest.raises(DataFormatError) as err:
        rubric_agreement(_labels(["a", "a", blank, "b", "c"]))
    assert str(err.value) == "labels, row 3, column 'onetsoc_code': O*NET-SOC code missing"
    assert (err.value.row, err.value.column) == (3, "onetsoc_code")
    # made-up keys still group the tasks without a release
    table = rubric_agreement(_labels(["a", "a", "b", "b", "c"]))
    assert table.query("metric == 'pearson_r_beta'")["n"].tolist() == [3]


# ------------------------------------------------------------- 5. paraphrases of a header alone
def test_evaluate_refuses_header_only_paraphrases_before_the_labels(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("EXPOSURE_MIRROR", raising=False)
    para = tmp_path / "p.csv"
    para.write_text("onetsoc_code,task_id,paraphrase\n", encoding="utf-8")
    (tmp_path / "mirror").mkdir()
    code, _, err = cli(capsys, "evaluate", "--paraphrases", para, "--mirror", tmp_path / "mirror",
                       "--data-dir", tmp_path / "cache", "--out", tmp_path / "ev" / "fa.csv")
    line = one_error_line(err, command="evaluate")
    assert code == 2 and line.endswith("p.csv: no paraphrases: the table has no rows"), line
    assert not (tmp_path / "ev" / "fa.csv").exists()


@pytest.mark.parametrize("bullet", ["o\t", "o "])
def test_words_second_level_bullet_is_not_read_as_the_verb(bullet):
    """Word's second-level bullet ``o`` and a tab (pasted from a list) was read as the task's first word.

    ``o\\tFile records.`` lost the verb: the rubric scored it from the job-zone prior alone
    and the tagger missed the rules on its heading verb. It now scores and tags as
    ``File records.``.
    """
    from exposure.scoring import score_tasks, tag_categories

    plain = pd.DataFrame({"task": ["File records and sort incoming mail.", "Enter invoices into the ledger."]})
    bulleted = plain.assign(task=bullet + plain["task"])
    cols = ["p_e0", "p_e1", "p_e2", "label"]
    pd.testing.assert_frame_equal(score_tasks(bulleted, "rubric")[cols], score_tasks(plain, "rubric")[cols])
    pd.testing.assert_frame_equal(tag_categories(bulleted)[["admin", "routine_coding", "entry_creative"]],
                                  tag_categories(plain)[["admin", "routine_coding", "entry_creative"]])


@pytest.mark.parametrize("method", ["learned", "rubric"])
def test_score_tasks_warns_once_of_a_job_zone_or_title_it_does_not_read(method, caplog):
    """score_tasks read neither O*NET's ``Job Zone`` nor a ``Title`` column, without a word (any method).

    The entry-level gate of ``entry_creative`` and the rubric's prior need ``job_zone``; the
    titles are read from ``title``. One warning per column names it and what to do; the
    rubric's own warning (for ``score_rubric`` called directly) is not repeated.
    """
    from exposure.scoring import score_tasks

    frame = pd.DataFrame({"task": ["Write press releases."], "Job Zone": [2], "Title": ["PR Specialists"]})
    with caplog.at_level("WARNING"):
        score_tasks(frame, method)
    said = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert sum("'Job Zone'" in m for m in said) == 1 and sum("'Title'" in m for m in said) == 1, said
    assert any("rename that column 'job_zone'" in m for m in said)
    assert any("give occupation_column='Title'" in m for m in said)
