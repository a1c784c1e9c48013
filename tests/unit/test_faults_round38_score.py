"""Fault round 38: ``exposure score INPUT -o OUTPUT`` (``exposure.scoring._files``).

1. The key columns in another case or padded (``O*NET-SOC CODE,TASK ID,task``,
   ``o*net-soc code``, ``TASK_ID``: a header exported in capitals or retyped): not taken
   for ``onetsoc_code`` and ``task_id``, so ``--onet auto`` (the default) found no keys
   and the rows were scored from the text alone, exit 0, without a note (p_e0 0.268
   where the same row under O*NET's own header gets 0.354), and the output kept the
   header, which ``exposure rollup`` cannot read as keys. The one column of each key in
   another case is now taken for it, as O*NET's exact headers are: the same scores and
   the output header ``onetsoc_code,task_id``.
2. Scored in batches (the default for a file of more than 10,000 rows), the warnings on
   rows whose task ID the release does not list under their code, and on rows whose
   ``job_zone`` is not the release's, were said once per batch, each with the batch's
   count and first row (``--batch-rows 1``: one line per row), where the whole file says
   one line with the file's count. They are now summed over the batches, as the other
   notes on coded rows were: one line, the file's count, its first row.
"""

from __future__ import annotations

import logging

import pandas as pd
import pytest
from tests.unit._frames import write_text

from exposure.cli import main
from exposure.scoring._files import auto_release, onet_aliases, score_file

BATCHES = ["1", "0"]


def _score(*args) -> int:
    try:
        return main(["score", *map(str, args)])
    except SystemExit as exc:
        return exc.code


# 1. key headers in another case --------------------------------------------------------------


ROW = "11-1011.00,8823,Approve budgets for the company.\n"


@pytest.mark.parametrize("header", ["O*NET-SOC CODE,TASK ID,task", "o*net-soc code,task id,task",
                                    "ONETSOC_CODE,Task_Id,task", " O*NET-SOC Code ,Task ID,task"])
@pytest.mark.parametrize("batch", BATCHES)
def test_key_headers_in_another_case_are_keys(tmp_path, header, batch):
    exact = write_text(tmp_path, "exact.csv", "O*NET-SOC Code,Task ID,Task\n" + ROW + ROW.replace("8823", "8824"))
    odd = write_text(tmp_path, "odd.csv", f"{header}\n" + ROW + ROW.replace("8823", "8824"))
    assert _score(exact, "-o", tmp_path / "a.csv", "--batch-rows", batch) == 0
    assert _score(odd, "-o", tmp_path / "b.csv", "--batch-rows", batch) == 0
    a = pd.read_csv(tmp_path / "a.csv", dtype=str)
    b = pd.read_csv(tmp_path / "b.csv", dtype=str)
    assert b.columns.tolist()[:3] == ["onetsoc_code", "task_id", "task"]
    assert b.drop(columns="task").equals(a.drop(columns="task"))


def test_key_header_variants_the_auto_rule_sees(tmp_path):
    (tmp_path / "mirror").mkdir()
    # keys seen: the rule looks for the release (not there: the note on the text alone)
    name, note = auto_release(["O*NET-SOC CODE", "TASK ID", "task"], "learned",
                              mirror=tmp_path / "mirror", data_dir=tmp_path / "cache")
    assert name is None and "scored from the text alone" in note
    assert onet_aliases(pd.DataFrame(columns=["O*NET-SOC CODE", "task id", "task"])) == {
        "O*NET-SOC CODE": "onetsoc_code", "task id": "task_id"}
    # two candidates for one key: neither is guessed; an exact name wins
    assert onet_aliases(pd.DataFrame(columns=["TASK ID", "task id", "onetsoc_code"])) == {}
    assert onet_aliases(pd.DataFrame(columns=["task_id", "TASK ID"])) == {}


# 2. notes on coded rows summed over the batches ----------------------------------------------


def _notes(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING
            and ("task ID that" in r.getMessage() or "job_zone other than" in r.getMessage())]


def test_notes_on_coded_rows_are_said_once_for_the_file(tmp_path, caplog):
    # two occupations: the batches cut between them (a batch is cut only there)
    rows = "".join(f"{code},{9_000_000 + i},Approve budget number {i}.,1\n"
                   for i, code in enumerate(["11-1011.00"] * 2 + ["17-2051.00"] * 2))
    src = write_text(tmp_path, "t.csv", "onetsoc_code,task_id,task,job_zone\n" + rows)
    said = {}
    for batch in (None, 1, 2):
        caplog.clear()
        with caplog.at_level(logging.WARNING):
            score_file(src, tmp_path / f"o{batch}.csv", "learned", onet="auto", batch_rows=batch)
        said[batch] = _notes(caplog)
    assert len(said[None]) == 2
    assert "4 row(s) have a task ID that" in said[None][0]
    assert said[1] == said[None]
    assert said[2] == said[None]
