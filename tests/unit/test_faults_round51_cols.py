"""Round 51: a new user's own columns and names in ``score_tasks`` and ``score_reference``.

A researcher follows the README and docs/quickstart.md with their own task list: a frame
that already holds their human labels in ``label``, O*NET's own file read with pandas
(headers ``O*NET-SOC Code``, ``Task ID``), a misspelled column name, an argument meant for
another method.

Faults found and fixed:

- ``score_tasks(df)`` on a frame with columns named like score columns (the user's own
  human labels in ``label``, a flag ``admin``) dropped them and put the scores there, at
  the end, without a word: one warning now names them and says how to keep them (rename
  first). Not for a scored frame scored again (it holds ``p_e0, p_e1, p_e2``), nor on
  ``exposure score``'s path, which says it once per file (a batch at a time would repeat
  it). The scores are unchanged.
- ``score_reference(frame, labels, text_column="statment")`` (misspelled, or a column left
  out) joined the labels by key alone, without a word: a row whose text is another task
  than its key's got that task's label. Such a name is refused, naming it and the frame's
  columns (a level of the index: said so); the default ``"task"`` absent and ``None`` join
  by key alone as documented.
- ``score_tasks`` on O*NET's own file read with pandas (``O*NET-SOC Code``, ``Task ID``,
  ``Task``) or a key in capitals (``TASK_ID``) scored the rows as free text (other scores
  than the keyed tasks get: no work activities), and ``task_score_table`` gave them no key,
  without a word (``exposure score`` renames such headers): one warning names them and the
  rename.
- ``score_tasks(df, "reference")`` on such a frame said "needs a 'task_id' column" without
  saying the frame has ``Task ID``: it says so now.
- ``score_tasks(df, reference_source="gpt4")`` (the default method ``learned``) returned
  ``learned``'s scores for GPT-4's labels, without a word (``exposure score
  --reference-source`` refuses it): refused, saying to give ``method="reference-gpt4"``.
"""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd
import pandas.testing as pdt
import pytest
from _frames import write_text

from exposure.errors import DataFormatError, ExposureError
from exposure.scoring import SCORE_COLUMNS, score_tasks, task_score_table
from exposure.scoring._files import score_file
from exposure.scoring.reference import score_reference

CODE = "43-4171.00"
TEXTS = ["Answer telephones and relay messages.", "Operate a forklift to move pallets.",
         "Greet visitors at the front desk."]
LABELS = pd.DataFrame({"onetsoc_code": [CODE, CODE], "task_id": [1, 2],
                       "task": ["Greet visitors at the front desk.", "File records."],
                       "human_exposure_agg": ["E1", "E0"], "gpt4_exposure": ["E1", "E0"]})


def _warnings(caplog, needle: str) -> list[str]:
    return [r.getMessage() for r in caplog.records
            if r.levelno == logging.WARNING and needle in r.getMessage()]


# 1. the caller's own columns named like score columns --------------------------------------


def test_own_label_column_replaced_with_one_warning(caplog):
    mine = pd.DataFrame({"task": TEXTS, "label": ["yes", "no", "yes"], "admin": [1, 0, 1],
                         "note": ["a", "b", "c"]}, index=[10, 11, 12])
    with caplog.at_level(logging.WARNING):
        out = score_tasks(mine, "rubric")
    said = _warnings(caplog, "names of score columns")
    assert len(said) == 1
    assert "'label', 'admin'" in said[0] and "rename" in said[0] and "my_label" in said[0]
    plain = score_tasks(mine[["task", "note"]], "rubric")  # the scores are not changed
    pdt.assert_frame_equal(out, plain)


def test_scored_frame_scored_again_is_not_warned(caplog):
    scored = score_tasks(pd.DataFrame({"task": TEXTS}), "rubric")
    with caplog.at_level(logging.WARNING):
        again = score_tasks(scored, "rubric")
    assert not _warnings(caplog, "names of score columns")
    pdt.assert_frame_equal(again, scored)


def test_frame_without_score_names_is_not_warned(caplog):
    with caplog.at_level(logging.WARNING):
        score_tasks(pd.DataFrame({"task": TEXTS, "Label": ["x"] * 3}), "rubric")
    assert not _warnings(caplog, "names of score columns")


@pytest.mark.parametrize("batch_rows", [1, None])
def test_score_file_says_it_once(tmp_path, caplog, batch_rows):
    src = write_text(tmp_path, "in.csv", "task,label\n" + "".join(f"{t},mine\n" for t in TEXTS))
    with caplog.at_level(logging.WARNING):
        score_file(src, tmp_path / "out.csv", "rubric", onet="none", batch_rows=batch_rows)
    said = _warnings(caplog, "names of score columns")
    assert len(said) == 1 and "in.csv" in said[0]


# 2. score_reference: a text column named but absent --------------------------------------


def test_misspelled_text_column_is_refused():
    frame = pd.DataFrame({"onetsoc_code": [CODE], "task_id": [1], "statement": [TEXTS[1]]})
    with pytest.raises(DataFormatError) as err:
        score_reference(frame, LABELS, text_column="statment")
    assert str(err.value) == ("column 'statment': missing text column 'statment' (columns: "
                              "['onetsoc_code', 'task_id', 'statement']); give the column of task "
                              "statements, or text_column=None to join the labels by key alone")


def test_text_column_in_the_index_is_named():
    frame = pd.DataFrame({"onetsoc_code": [CODE], "task_id": [1], "statement": [TEXTS[1]]})
    with pytest.raises(DataFormatError, match=r"level of the frame's index: frame.reset_index\(\)"):
        score_reference(frame.set_index("statement"), LABELS, text_column="statement")


def test_default_task_absent_and_none_still_join_by_key():
    frame = pd.DataFrame({"onetsoc_code": [CODE], "task_id": [1], "statement": [TEXTS[1]]})
    expected = pd.DataFrame({"p_e0": [0.0], "p_e1": [1.0], "p_e2": [0.0]})
    pdt.assert_frame_equal(score_reference(frame, LABELS), expected)
    pdt.assert_frame_equal(score_reference(frame, LABELS, text_column=None), expected)
    # the column named right: the forklift text is not the labelled greeting: no label
    assert score_reference(frame, LABELS, text_column="statement").isna().all(axis=None)


# 3. O*NET's headers for the keys -----------------------------------------------------------


def test_onet_headers_are_warned(caplog):
    pub = pd.DataFrame({"O*NET-SOC Code": [CODE] * 2, "Task ID": [1, 2], "Task": TEXTS[:2]})
    with caplog.at_level(logging.WARNING):
        out = score_tasks(pub, "rubric", text_column="Task")
    said = _warnings(caplog, "O*NET's headers?")
    assert len(said) == 1
    assert "'O*NET-SOC Code': 'onetsoc_code', 'Task ID': 'task_id'" in said[0]
    assert task_score_table(out)["task_id"].isna().all()  # what the warning says


def test_a_key_in_capitals_is_warned(caplog):
    frame = pd.DataFrame({"onetsoc_code": [CODE], "TASK_ID": [1], "task": TEXTS[:1]})
    with caplog.at_level(logging.WARNING):
        score_tasks(frame, "rubric")
    said = _warnings(caplog, "O*NET's headers?")
    assert len(said) == 1 and "no 'task_id' column but 'TASK_ID'" in said[0]


def test_library_key_names_are_not_warned(tmp_path, caplog):
    frame = pd.DataFrame({"onetsoc_code": [CODE], "task_id": [1], "task": TEXTS[:1]})
    src = write_text(tmp_path, "in.csv", f"O*NET-SOC Code,Task ID,Task\n{CODE},1,{TEXTS[0]}\n")
    with caplog.at_level(logging.WARNING):
        score_tasks(frame, "rubric")
        score_file(src, tmp_path / "out.csv", "rubric", onet="none")  # renamed there
    assert not _warnings(caplog, "O*NET's headers?")


def test_reference_names_task_id_header():
    pub = pd.DataFrame({"O*NET-SOC Code": [CODE], "Task ID": [1], "Task": TEXTS[2:]})
    with pytest.raises(DataFormatError) as err:
        score_tasks(pub, "reference", text_column="Task", labels=LABELS)
    assert str(err.value) == ("column 'task_id': the reference method needs a 'task_id' column "
                              "(O*NET task ID); the frame has 'Task ID': rename it 'task_id'")


# 4. reference_source with another method -------------------------------------------------


@pytest.mark.parametrize("method", ["learned", "rubric"])
def test_reference_source_with_another_method_is_refused(method):
    with pytest.raises(ExposureError) as err:
        score_tasks(pd.DataFrame({"task": TEXTS}), method, reference_source="gpt4")
    assert str(err.value) == (f"reference_source 'gpt4' is read by method 'reference' only (method "
                              f"{method!r} ignores it): give method='reference-gpt4', or leave "
                              "reference_source out")


def test_reference_source_with_reference_is_read():
    frame = pd.DataFrame({"onetsoc_code": [CODE], "task_id": [1], "task": TEXTS[2:]})
    out = score_tasks(frame, "reference", reference_source="gpt4", labels=LABELS)
    assert out["method"].tolist() == ["reference-gpt4"]
    assert np.allclose(out[["p_e0", "p_e1", "p_e2"]].to_numpy(), [[0.0, 1.0, 0.0]])
    assert set(SCORE_COLUMNS) <= set(out.columns)
