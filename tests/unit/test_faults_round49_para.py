"""Round 49 (para): paraphrases filed under the wrong task, and the reference scorer's count.

Faults found with made-up files in the real formats, each written into ``tmp_path``:

1. ``check_paraphrases`` paired a paraphrase with its label by (code, task ID) alone: a
   paraphrase filed under another task ID of the same occupation (rows of a spreadsheet
   sorted apart) was scored against that task's label, without a word. It now warns
   once (file, first row, both task IDs) when a paraphrase shares clearly more words
   with another labelled task of its occupation than with its own; the rows are kept.
   ``exposure evaluate`` checks the file and then ``evaluate_free_text`` checks the checked
   frame again: the warning is not said a second time (without the file's name).
2. ``score_reference`` logged ``reference (human): 1 of 1 tasks have a published label``
   before the row whose text is another task was set to NaN, beside the warning that
   the row has no label. The count is now of the rows that keep a label
   (``join_labels(..., unlabelled=...)``).
3. A paraphrase that is word for word the statement of another labelled task of its
   occupation (filed under the wrong task ID: "Answer telephones and take messages." under
   the greeting task) passed and was scored against the greeting task's label; it is now
   named by the warning of 1 (kept, not refused: an evaluation set is not thrown out for
   one row). A copy of the task's own statement in quotes
   (``"Greet visitors ..."`` with its quotes) passed as a paraphrase (only marks at the end
   were dropped); it is refused as a copy (and ``check_modern_tasks`` reads a task in
   quotes as that task).
4. ``join_labels`` refuses an ``unlabelled`` mask that is not one boolean per row.
"""

from __future__ import annotations

import logging

import pandas as pd
import pytest
from _frames import write_csv

from exposure.errors import DataFormatError
from exposure.reports.agreement import check_paraphrases
from exposure.scoring._files import read_task_file
from exposure.scoring.reference import frame_task_ids, join_labels, score_reference

CODE = "43-4171.00"
LABELLED = pd.DataFrame({
    "onetsoc_code": [CODE, CODE, CODE],
    "task_id": [2, 3, 4],
    "task": ["Greet visitors at the front desk and direct them to the right office.",
             "Enter customer orders into the sales database and print invoices.",
             "Answer telephones and take messages."],
})
LABELS = LABELLED.assign(human_exposure_agg=["E0", "E2", "E1"], gpt4_exposure=["E0", "E2", "E1"])


def _para_file(tmp_path, rows):
    text = "onetsoc_code,task_id,paraphrase\n" + "".join(f'{c},{t},"{p}"\n' for c, t, p in rows)
    return write_csv(tmp_path, text, "paraphrases.csv")


def test_a_paraphrase_filed_under_another_task_id_is_named(tmp_path, caplog):
    # row 3 rewords task 3 (orders, invoices) but is filed under task 2 (visitors)
    path = _para_file(tmp_path, [
        (CODE, 4, "Pick up the phone and note down messages for colleagues."),
        (CODE, 2, "Key in the orders of customers into the sales database; print their invoices."),
    ])
    with caplog.at_level(logging.WARNING, logger="exposure.reports.agreement"):
        out = check_paraphrases(read_task_file(path), LABELLED, path=path, row_offset=2)
    said = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(said) == 1, said
    assert str(path) in said[0] and "row 3, column 'task_id'" in said[0]
    assert f"({CODE}, 2)" in said[0] and f"({CODE}, 3)" in said[0]
    assert out["task_id"].tolist() == [4, 2]  # kept as given: a warning


def test_the_checked_frame_checked_again_is_not_named_twice(tmp_path, caplog):
    # exposure evaluate checks the file (naming it), then evaluate_free_text checks its output
    path = _para_file(tmp_path, [
        (CODE, 2, "Key in the orders of customers into the sales database; print their invoices."),
    ])
    with caplog.at_level(logging.WARNING, logger="exposure.reports.agreement"):
        out = check_paraphrases(read_task_file(path), LABELLED, path=path, row_offset=2)
        again = check_paraphrases(out, LABELLED)
        check_paraphrases(out.copy(), LABELLED)  # another frame: said again
    said = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(said) == 2 and str(path) in said[0] and str(path) not in said[1], said
    pd.testing.assert_frame_equal(again, out)


def test_rewordings_filed_rightly_are_not_named(tmp_path, caplog):
    path = _para_file(tmp_path, [
        (CODE, 3, "Key in the orders of customers into the sales database; print their invoices."),
        (CODE, 2, "Welcome people who come in and show them where to go."),
    ])
    with caplog.at_level(logging.WARNING, logger="exposure.reports.agreement"):
        check_paraphrases(read_task_file(path), LABELLED, path=path, row_offset=2)
    assert not [r for r in caplog.records if r.levelno == logging.WARNING]


def test_the_reference_count_leaves_out_rows_of_another_task(tmp_path, caplog):
    path = write_csv(tmp_path, f"onetsoc_code,task_id,task\n{CODE},2,Drive a forklift in the warehouse.\n"
                               f"{CODE},4,Answer the telephones and take messages.\n", "tasks.csv")
    frame = read_task_file(path)
    with caplog.at_level(logging.INFO):
        probs = score_reference(frame, LABELS)
    assert probs["p_e0"].isna().tolist() == [True, False]
    counts = [r.getMessage() for r in caplog.records if "published label" in r.getMessage()
              and r.levelno == logging.INFO]
    assert counts == ["reference (human): 1 of 2 tasks have a published label"], counts


def test_the_reference_count_of_one_row_of_another_task_is_none(caplog):
    frame = pd.DataFrame({"onetsoc_code": [CODE], "task_id": [2], "task": ["Drive a forklift."]})
    with caplog.at_level(logging.INFO):
        score_reference(frame, LABELS)
    said = [r.getMessage() for r in caplog.records]
    assert "reference (human): 0 of 1 tasks have a published label" in said, said
    assert not any("1 of 1" in m for m in said)


def test_join_labels_leaves_the_unlabelled_rows_without_a_label():
    frame = pd.DataFrame({"onetsoc_code": [CODE, CODE], "task_id": [2, 3]})
    probs = join_labels(frame, frame_task_ids(frame), LABELS, "human_exposure_agg",
                        unlabelled=[False, True])
    assert probs["p_e2"].isna().tolist() == [False, True]


@pytest.mark.parametrize("mask", [[True], [1, 0], "no"])
def test_join_labels_refuses_a_bad_unlabelled_mask(mask):
    frame = pd.DataFrame({"onetsoc_code": [CODE, CODE], "task_id": [2, 3]})
    with pytest.raises(DataFormatError, match="unlabelled must be one True or False per row of frame"):
        join_labels(frame, frame_task_ids(frame), LABELS, "human_exposure_agg", unlabelled=mask)


def test_the_statement_of_another_task_is_named_as_filed_under_the_wrong_id(tmp_path, caplog):
    """Word for word another task's statement: a warning (kept: an evaluation set is not refused)."""
    path = _para_file(tmp_path, [(CODE, 3, "Type the orders into the database."),
                                 (CODE, 2, "answer telephones and  take messages")])
    with caplog.at_level(logging.WARNING):
        out = check_paraphrases(read_task_file(path), LABELLED, path=path, row_offset=2)
    assert len(out) == 2
    said = [r.getMessage() for r in caplog.records if "filed under task" in r.getMessage()]
    assert len(said) == 1 and f"first: row 3, column 'task_id': filed under task ({CODE}, 2)" in said[0]
    assert f"with task ({CODE}, 4)" in said[0]


def test_a_quoted_copy_of_the_statement_is_a_copy(tmp_path):
    path = write_csv(tmp_path, 'onetsoc_code,task_id,paraphrase\n'
                               f'{CODE},4,"\u201cAnswer telephones and take messages.\u201d"\n', "paraphrases.csv")
    with pytest.raises(DataFormatError, match=r"row 2, column 'paraphrase': the paraphrase of task .* is a copy"):
        check_paraphrases(read_task_file(path), LABELLED, path=path, row_offset=2)
