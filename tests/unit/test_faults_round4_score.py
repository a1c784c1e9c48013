"""Faults of ``exposure score`` found in round 4, each a case that broke a promise before.

1. a ``task_type`` that ``exposure rollup`` refuses (``core``, ``CORE``, junk) was written
   through by ``exposure score``, so ``score && rollup`` failed at the roll-up step;
2. rows without an occupation code between two rows of one code (``A, -, A``) counted as
   breaking the code's run: the streamed file was scored again in memory, with a note
   saying its occupations were not contiguous;
3. what an ``.xlsx`` / ``.dta`` output cannot hold in the input's own columns (integers
   beyond 2**53, more than 16,384 columns, NUL characters, integers Stata cannot hold)
   was refused only when the output was written, after all the scoring.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from _cli import _no_env, rollup_args, run  # noqa: F401 (_no_env: autouse fixture)

import exposure.scoring._files as files
from exposure._io import XLSX_MAX_COLUMNS, check_stata, check_xlsx
from exposure.cli._rollup import read_task_scores
from exposure.errors import DataFormatError
from exposure.rollup._occupations import check_task_scores
from exposure.scoring import SCORE_COLUMNS, score_tasks
from exposure.scoring._files import append_scores, carry_cut, score_file

RUBRIC = ["--method", "rubric", "--onet", "none"]
CODE = "11-1011.00"  # in the tiny crosswalk of the roll-up fixtures
TEXTS = ["Direct and coordinate the activities of the organization.",
         "Approve budgets and prepare reports for the board.",
         "Negotiate contracts with suppliers."]


def tasks_frame(task_type) -> pd.DataFrame:
    return pd.DataFrame({"onetsoc_code": [CODE] * 3, "task_id": ["1", "2", "3"], "task": TEXTS,
                         "task_type": task_type})


def forbid_scoring(monkeypatch):
    """Make any scoring of ``exposure score`` fail loudly: a check must come before it."""
    def scored(*args, **kwargs):
        raise AssertionError("scoring ran before the check")
    monkeypatch.setattr(files, "_score_as_batch", scored)  # (score_tasks of one batch)


# ------------------------------------------------------------- 1. task_type that rollup refuses
@pytest.mark.parametrize("value", ["core", "CORE", "Core ", "essential"])
@pytest.mark.parametrize("batch_rows", ["0", "2"])
def test_score_refuses_a_task_type_rollup_refuses_naming_file_row_and_column(
        tmp_path, capsys, value, batch_rows):
    """It was written through (exit 0); ``exposure rollup`` then refused the scores file."""
    src = tmp_path / "in.csv"
    tasks_frame(["Core", value, "Supplemental"]).to_csv(src, index=False)
    code, line = run(capsys, "score", src, "-o", tmp_path / "s.csv", "--batch-rows", batch_rows,
                     *RUBRIC)
    assert code == 2
    assert f"{src}, row 3, column 'task_type': task_type {value!r} is not Core or Supplemental" in line
    assert "missing or blank" in line and "exposure rollup" in line
    assert not (tmp_path / "s.csv").exists()


def test_the_task_type_check_comes_before_any_scoring(tmp_path, monkeypatch):
    src = tmp_path / "in.csv"
    tasks_frame(["Core", "Core", "core"]).to_csv(src, index=False)
    forbid_scoring(monkeypatch)
    for rows in (None, 5):  # the whole file; one batch
        pieces = []
        with pytest.raises(DataFormatError, match=r"in.csv, row 4, column 'task_type'"):
            score_file(src, tmp_path / "s.csv", "rubric", onet=None, batch_rows=rows,
                       progress=pieces.append)
        assert pieces == []


@pytest.mark.parametrize("batch_rows", [None, 2, 10])
def test_a_task_type_problem_and_a_text_problem_report_the_earlier_row(tmp_path, batch_rows):
    """As the other input checks of score: of the problems on rows, the earliest is raised."""
    frame = tasks_frame(["Core", "Supplemental", "core"])
    early_text = frame.assign(task=[TEXTS[0], " ", TEXTS[2]])
    early_type = frame.assign(task=[TEXTS[0], TEXTS[1], " "], task_type=["Core", "core", "Core"])
    for bad, where in ((early_text, "row 3, column 'task'"), (early_type, "row 3, column 'task_type'")):
        src = tmp_path / "in.csv"
        bad.to_csv(src, index=False)
        with pytest.raises(DataFormatError, match=where):
            score_file(src, tmp_path / "s.csv", "rubric", onet=None, batch_rows=batch_rows)


def test_score_then_rollup_works_with_missing_and_blank_task_types(tmp_path, capsys, fixtures):
    """Missing or blank task types are accepted by both steps (they weigh as Supplemental)."""
    src = tmp_path / "in.csv"
    src.write_text(f"onetsoc_code,task_id,task,task_type\n{CODE},1,{TEXTS[0]},Core\n"
                   f"{CODE},2,{TEXTS[1]},\n{CODE},3,{TEXTS[2]},Supplemental\n")
    assert run(capsys, "score", src, "-o", tmp_path / "s.csv", *RUBRIC) == (0, "")
    assert run(capsys, *rollup_args(fixtures, tmp_path / "s.csv", tmp_path / "r")) == (0, "")
    # a Parquet input's empty or blank strings, written to every output kind
    pq = tmp_path / "in.parquet"
    tasks_frame(["Core", "", "  "]).to_parquet(pq, index=False)
    for kind in ("csv", "parquet", "xlsx", "dta"):
        out = tmp_path / f"p.{kind}"
        assert run(capsys, "score", pq, "-o", out, *RUBRIC) == (0, ""), kind
        assert run(capsys, *rollup_args(fixtures, out, tmp_path / f"r{kind}")) == (0, ""), kind


@pytest.mark.parametrize("value", [None, np.nan, "", "   ", "Core", "Supplemental", "core",
                                   "SUPPLEMENTAL", " Core", "n/a", 1, True])
def test_score_and_rollup_accept_the_same_task_types(tmp_path, value):
    """One rule: what the score step lets through, the roll-up step accepts, and only that."""
    src = tmp_path / "in.parquet"
    column = pd.Series([value] * 3)  # one type per Parquet column
    tasks_frame(column).to_parquet(src, index=False)
    try:
        score_file(src, tmp_path / "s.parquet", "rubric", onet=None)
    except DataFormatError as exc:
        assert "column 'task_type'" in str(exc)
        scored = False
    else:
        scored = True
    scores = score_tasks(tasks_frame(["Core", "Core", "Core"]), "rubric")
    scores["task_type"] = column
    try:
        check_task_scores(scores)
        rolled = True
    except DataFormatError:
        rolled = False
    assert scored == rolled
    assert scored == (value is None or value is np.nan or value in ("Core", "Supplemental", "n/a")
                      or (isinstance(value, str) and not value.strip()))  # n/a: O*NET's mark
    if scored:  # and the file the score step wrote reads into the roll-up
        read_task_scores(tmp_path / "s.parquet")


def test_score_tasks_refuses_a_task_type_rollup_refuses():
    with pytest.raises(DataFormatError, match=r"row 2, column 'task_type': task_type 'core'"):
        score_tasks(tasks_frame(["Core", "core", None]), "rubric")


# ------------------------------------------- 2. rows without a code inside an occupation's run
ROWS = pd.DataFrame({
    "onetsoc_code": ["43-9061.00", "43-9061.00", None, "43-9061.00", None, "47-2021.00",
                     "47-2021.00"],
    "task": ["Answer telephones and relay messages.", "File records and documents.",
             "Weld steel beams on a construction site.", "Operate office machines.",
             "Design a logo for a bakery.", "Lay bricks to build walls.", "Mix mortar by hand."],
})


@pytest.mark.parametrize("batch_rows", [1, 2, 3, 4, 5])
def test_rows_without_a_code_do_not_break_the_run_of_a_code(tmp_path, batch_rows):
    """``A, A, -, A``: streamed, the file was scored again in memory with a 'not contiguous' note."""
    src = tmp_path / "in.csv"
    ROWS.to_csv(src, index=False)
    whole = score_file(src, tmp_path / "whole.csv", batch_rows=None)
    done = score_file(src, tmp_path / "b.csv", batch_rows=batch_rows)
    assert done.note is None
    assert (tmp_path / "b.csv").read_bytes() == (tmp_path / "whole.csv").read_bytes()
    assert (done.n_tasks, done.method) == (whole.n_tasks, whole.method)


def test_the_carry_over_keeps_the_rows_without_a_code_inside_a_run():
    # the run of "a" spans the row without a code: all of it waits for the next batch
    assert carry_cut(["b", "a", None, "a"]) == 1
    # rows without a code ending a batch wait with their occupation when it comes next...
    assert carry_cut(["b", "a", None], next_key="a") == 1
    # ...and are scored now when another occupation (or none known) comes next
    assert carry_cut(["b", "a", None], next_key="c") == 3
    assert carry_cut(["b", "a", None]) == 3
    assert carry_cut([None, None], next_key="a") == 2
    # as before
    assert (carry_cut(["a", "a", "b", "b"]), carry_cut(["a", "b", None]), carry_cut(["b", "b"])) == (2, 3, 0)


def test_an_occupation_that_comes_back_after_another_still_goes_to_memory(tmp_path):
    shuffled = ROWS.iloc[[0, 5, 1, 2, 3, 4, 6]]
    src = tmp_path / "in.csv"
    shuffled.to_csv(src, index=False)
    done = score_file(src, tmp_path / "b.csv", batch_rows=2)
    assert "not contiguous" in done.note
    whole = score_file(src, tmp_path / "whole.csv", batch_rows=None)
    assert (tmp_path / "b.csv").read_bytes() == (tmp_path / "whole.csv").read_bytes()
    assert whole.note is None


# ------------------------------------------ 3. .xlsx / .dta refusals of the input's own columns
def _writer_message(src, dst, check) -> str:
    """The message the writer gives for the scored frame (the refusal before this change)."""
    frame = files.read_task_file(src)
    with pytest.raises(DataFormatError) as exc:
        check(append_scores(frame, score_tasks(frame, "rubric")), dst)
    return str(exc.value)


@pytest.mark.parametrize(("name", "frame", "out", "check"), [
    ("bigint", pd.DataFrame({"posting_id": [17, 2**53 + 1], "task": TEXTS[:2]}), "o.xlsx", check_xlsx),
    ("bigint", pd.DataFrame({"posting_id": [17, 2**62], "task": TEXTS[:2]}), "o.dta", check_stata),
    ("nul", pd.DataFrame({"task": TEXTS[:2], "note": ["a", "b\x00c"]}), "o.dta", check_stata),
])
def test_what_the_output_cannot_hold_is_refused_before_scoring(tmp_path, monkeypatch, name, frame,
                                                              out, check):
    src = tmp_path / f"{name}.parquet"
    frame.to_parquet(src, index=False)
    expected = _writer_message(src, tmp_path / out, check)
    forbid_scoring(monkeypatch)
    with pytest.raises(DataFormatError) as exc:
        score_file(src, tmp_path / out, "learned")
    assert str(exc.value) == expected
    assert not (tmp_path / out).exists()


def test_a_sheet_too_wide_is_refused_before_scoring(tmp_path, monkeypatch, capsys):
    n_extra = XLSX_MAX_COLUMNS - len(SCORE_COLUMNS)  # with the task column: one too many
    src = tmp_path / "wide.csv"
    src.write_text("task," + ",".join(f"c{i}" for i in range(n_extra)) + "\n"
                   + TEXTS[0] + "," * n_extra + "\n")
    expected = f"{XLSX_MAX_COLUMNS + 1:,} columns do not fit in an .xlsx sheet"
    forbid_scoring(monkeypatch)
    code, line = run(capsys, "score", src, "-o", tmp_path / "o.xlsx", *RUBRIC)
    assert code == 2 and expected in line and "o.xlsx" in line
    assert not (tmp_path / "o.xlsx").exists()


def test_an_input_problem_still_comes_before_an_output_problem(tmp_path):
    """As before: the input's own errors (here an empty task text) win over the writer's."""
    src = tmp_path / "both.parquet"
    pd.DataFrame({"posting_id": [2**53 + 1, 1], "task": [TEXTS[0], " "]}).to_parquet(src, index=False)
    with pytest.raises(DataFormatError, match=r"both.parquet, row 2, column 'task': task text"):
        score_file(src, tmp_path / "o.xlsx", "rubric")


def test_onet_task_statements_score_and_roll_up_as_they_are(tmp_path, capsys, fixtures):
    """O*NET writes n/a in Task Type for tasks without one: the check first refused the file."""
    src = fixtures / "onet" / "Task Statements.txt"
    assert "n/a" in src.read_text(encoding="utf-8")
    out = tmp_path / "s.csv"
    assert run(capsys, "score", src, "-o", out, *RUBRIC) == (0, "")
    assert run(capsys, *rollup_args(fixtures, out, tmp_path / "r")) == (0, "")
    assert score_tasks(pd.read_csv(src, sep="\t", keep_default_na=False).rename(
        columns={"Task": "task", "Task Type": "task_type"}), "rubric")["task_type"].isin(
        ["Core", "Supplemental", "n/a"]).all()
