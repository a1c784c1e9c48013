"""Round 61 (row names): the scorers' warnings on a row quote the caller's row.

Round 60 found these and its fix (a logging filter rewriting the scorers' records) was not
landed; now the scorers are given the caller's rows (``exposure.scoring._inputs.RowNames``:
the texts as written and the index labels) and the warnings are built right:

1. The learned scorer's warning on texts that do not read as work tasks quoted the text
   after accent-stripping (``score_tasks`` normalises the texts of its own copy of the
   frame): ``'Gerer la facturation des clients'`` for the caller's ``'Gérer la facturation
   des clients'``, a text found nowhere in the frame or the file, while the errors show the
   cell as written. ``exposure score FILE`` said the same. Now the text is quoted as written.
2. That warning gave the row's position (``row 2``) but not the frame's own index label,
   which the errors add (``(index 20)``): in ``df[mask]`` or a frame with labels of its
   own, ``df.loc`` does not find row 2. Now it says ``row 2 (index 20)`` (a MultiIndex
   label as its tuple); not for the default index, nor when ``path`` names a file.
3. The warning on rows whose code and task ID ``onet`` lists for another task
   (:data:`exposure.scoring.OTHER_IDS_MESSAGE`) had the same two faults, from
   ``score_tasks``, ``score_rubric`` and ``tag_categories``; so had ``reference``'s warning
   on labels of another task (:data:`exposure.scoring.OTHER_LABELS_MESSAGE`).

Scores do not move: only the quoted arguments of the warnings changed.
"""

from __future__ import annotations

import logging

import pandas as pd
import pytest
from test_faults_cli import cli
from test_faults_round45_ids import _release

from exposure.scoring import score_tasks
from exposure.scoring.categories import tag_categories
from exposure.scoring.learned import score_learned
from exposure.scoring.rubric import score_rubric

#: A free text that reads as no O*NET task, with accents the scorers strip.
FRENCH = "Gérer la facturation des clients"
ENGLISH = "Draft replies to routine customer emails."
ODD = "do not read as work tasks"
OTHER = "lists for another task than their text"


def _said(caplog, what: str) -> list[str]:
    return [r.getMessage() for r in caplog.records if what in r.getMessage()]


def test_odd_text_warning_quotes_the_text_as_written(caplog):
    frame = pd.DataFrame({"task": [ENGLISH, FRENCH]})
    with caplog.at_level(logging.WARNING):
        scores = score_tasks(frame)
    said = _said(caplog, ODD)
    assert len(said) == 1 and f"e.g. row 2, {FRENCH!r})" in said[0], said  # before: 'Gerer la ...'
    assert scores["task"].tolist() == [ENGLISH, FRENCH]  # the caller's column as given


@pytest.mark.parametrize("index, shown", [([10, 20], "20"), (["a", "b"], "'b'"),
                                          (pd.MultiIndex.from_tuples([("x", 1), ("x", 2)]), "('x', 2)")])
def test_odd_text_warning_names_the_index_label(caplog, index, shown):
    frame = pd.DataFrame({"task": [ENGLISH, FRENCH]}, index=index)
    with caplog.at_level(logging.WARNING):
        score_tasks(frame)
    said = _said(caplog, ODD)
    assert len(said) == 1 and f"e.g. row 2 (index {shown}), {FRENCH!r})" in said[0], said  # before: row 2 only


def test_odd_text_warning_of_a_masked_frame(caplog):
    frame = pd.DataFrame({"task": [ENGLISH, "Frame walls and floors with lumber.", FRENCH], "keep": [0, 1, 1]})
    with caplog.at_level(logging.WARNING):
        score_tasks(frame[frame["keep"] == 1])
    said = _said(caplog, ODD)
    assert len(said) == 1 and f"e.g. row 2 (index 2), {FRENCH!r})" in said[0], said


def test_odd_text_warning_without_label_for_default_index_or_a_file(caplog):
    frame = pd.DataFrame({"task": [ENGLISH, FRENCH]}, index=[10, 20])
    with caplog.at_level(logging.WARNING):
        score_tasks(frame.reset_index(drop=True))
        score_tasks(frame, path="tasks.csv", row_offset=2)  # the file's rows are what the user counts
    said = _said(caplog, ODD)
    assert len(said) == 2 and "(index" not in said[0] + said[1], said
    assert f"e.g. row 2, {FRENCH!r})" in said[0] and "tasks.csv: 1 of 2" in said[1], said
    assert f"e.g. row 3, {FRENCH!r})" in said[1], said  # before: 'Gerer la ...'


def test_exposure_score_quotes_the_text_as_written(tmp_path, capsys, caplog):
    src = tmp_path / "tasks.csv"
    src.write_text(f"task\n{ENGLISH}\n{FRENCH}\n", encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        code, _, err = cli(capsys, "score", src, "-o", tmp_path / "out.csv", "--onet", "none")
    assert code == 0, err
    said = _said(caplog, ODD)
    assert len(said) == 1 and "tasks.csv: 1 of 2" in said[0] and f"row 3, {FRENCH!r})" in said[0], said


def test_other_ids_warning_quotes_the_text_as_written_and_the_label(caplog):
    text = "Conduire un chariot élévateur dans l'entrepôt."
    frame = pd.DataFrame({"onetsoc_code": ["43-4171.00"] * 2, "task_id": [1, 2],
                          "task": ["Answer telephones and take messages.", text]}, index=[10, 20])
    with caplog.at_level(logging.WARNING):
        score_tasks(frame, onet=_release())
    said = _said(caplog, OTHER)
    # before: "first: row 2, column 'task_id': 2 under '43-4171.00', \"Conduire ... elevateur ... l'entrepot.\""
    assert len(said) == 1 and f"first: row 2 (index 20), column 'task_id': 2 under '43-4171.00', {text!r}" in said[0], said


def test_the_public_scorers_name_the_label_and_the_text_as_written(caplog):
    text = "Conduire un chariot élévateur dans l'entrepôt."
    frame = pd.DataFrame({"onetsoc_code": ["43-4171.00"] * 2, "task_id": [1, 2],
                          "task": ["Answer telephones and take messages.", text]}, index=["a", "b"])
    for scorer in (score_rubric, tag_categories, score_learned):
        caplog.clear()
        with caplog.at_level(logging.WARNING):
            scorer(frame, onet=_release())
        said = _said(caplog, OTHER)
        assert len(said) == 1, (scorer.__name__, said)
        # before: tag_categories and score_rubric quoted "... elevateur ... l'entrepot." with no label
        assert f"first: row 2 (index 'b'), column 'task_id': 2 under '43-4171.00', {text!r}" in said[0], said


def test_score_learned_names_the_label_of_an_odd_text(caplog):
    with caplog.at_level(logging.WARNING):
        score_learned(pd.DataFrame({"task": [ENGLISH, FRENCH]}, index=[10, 20]))
    said = _said(caplog, ODD)
    assert len(said) == 1 and f"e.g. row 2 (index 20), {FRENCH!r})" in said[0], said  # before: row 2


def test_reference_warning_on_labels_of_another_task_names_the_label(caplog):
    text = "Conduire un chariot élévateur."
    labels = pd.DataFrame({"onetsoc_code": ["43-4171.00"], "task_id": [2], "task": ["Greet visitors at the front desk."],
                           "human_exposure_agg": ["E1"]})
    frame = pd.DataFrame({"onetsoc_code": ["43-4171.00"], "task_id": [2], "task": [text]}, index=[7])
    with caplog.at_level(logging.WARNING):
        score_tasks(frame, "reference", labels=labels)
    said = _said(caplog, "for another task than their text")
    assert len(said) == 1 and f"first: row 1 (index 7), column 'task_id': 2 under '43-4171.00', {text!r}" in said[0], said
