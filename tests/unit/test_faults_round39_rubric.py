"""Round 39: the ``rubric`` and ``reference`` scorers and the rubric report, given odd input.

- :func:`~exposure.scoring.rubric.score_rubric` (and ``score_tasks(method="rubric")``): a
  line break, a tab or two spaces between the words of a keyword rule (``Meet in\\nperson.``,
  ``Use hand\\ttools.``: a cell of a workbook, text copied from a PDF) matched no rule, and
  the task scored as if the words were not there (p_e0 0.70 instead of 0.74).
- An en dash, figure dash or minus sign inside a word (``e–mail``, ``face–to–face``, typed
  by word processors or copied from PDFs) matched no keyword rule (the hyphens U+2010 and
  U+2011 were fixed in round 33): ``Use e–mail.`` got the prior alone.
- ``kw:software`` matched ``e-mail``, ``emails`` but not ``emailing`` or ``e-mailed``:
  ``Emailing clients.`` got the prior alone (``female`` still matches nothing).
- :func:`~exposure.scoring.reference.score_reference` with a labels frame of no rows (a
  filter that kept nothing) left every task unscored without a word.
- :func:`~exposure.scoring.reference.join_labels` (public, used by ``score_tasks``) given
  labels the caller had not checked: a task ID ``"x"`` raised ``ValueError: invalid literal
  for int()``, a missing one ``TypeError``, a task key twice pandas' ``MergeError: Merge
  keys are not unique in right dataset``, and a label ``"e1"`` left its task unscored.
- :func:`~exposure.reports.rubric.rubric_agreement` with ``onet``: labels whose codes or
  task IDs the release lacks (labels of another release) were scored from their text
  alone without a word; ``score_tasks`` warns, naming the first row.

The scores of the 18,796 O*NET 29.1 tasks are unchanged (their statements are ASCII with
single spaces). Tiny made-up frames.
"""

from __future__ import annotations

import logging
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from exposure.errors import DataFormatError
from exposure.reports.rubric import rubric_agreement
from exposure.scoring import score_tasks
from exposure.scoring.reference import frame_task_ids, join_labels, score_reference
from exposure.scoring.rubric import score_rubric

P = ["p_e0", "p_e1", "p_e2"]

TASKS = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.00"], "task_id": [1, 2]})
LABELS = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.00"], "task_id": [1, 2],
                       "human_exposure_agg": ["E1", "E0"], "gpt4_exposure": ["E2", "E0"]})


def _same_scores(odd: str, plain: str) -> None:
    """``odd`` and ``plain`` score alike, with the same rules, directly and through score_tasks."""
    out = score_rubric(pd.DataFrame({"task": [odd, plain]}))
    np.testing.assert_allclose(out.loc[0, P].to_numpy(float), out.loc[1, P].to_numpy(float))
    assert out.loc[0, "rule"] == out.loc[1, "rule"]
    via = score_tasks(pd.DataFrame({"task": [odd, plain]}), "rubric")
    np.testing.assert_allclose(via.loc[0, P].to_numpy(float), via.loc[1, P].to_numpy(float))


# --- white space and dashes inside the rules' words ------------------------------------

@pytest.mark.parametrize("odd, plain", [
    ("Meet clients in\nperson.", "Meet clients in person."),
    ("Meet clients in\r\nperson.", "Meet clients in person."),
    ("Help victims at the\tscene.", "Help victims at the scene."),
    ("Work  on  site.", "Work on site."),
    ("Update information\n systems.", "Update information systems."),
])
def test_rubric_reads_any_white_space_between_words_as_one_space(odd, plain):
    _same_scores(odd, plain)
    assert "kw:" in score_rubric(pd.DataFrame({"task": [odd]})).loc[0, "rule"]


@pytest.mark.parametrize("dash", ["\u2012", "\u2013", "\u2212"])
def test_rubric_reads_a_dash_inside_a_word_as_a_hyphen(dash):
    _same_scores(f"Send e{dash}mail to clients.", "Send e-mail to clients.")
    _same_scores(f"Meet clients face{dash}to{dash}face.", "Meet clients face-to-face.")
    assert "kw:software" in score_rubric(pd.DataFrame({"task": [f"Use e{dash}mail."]})).loc[0, "rule"]


def test_rubric_keeps_a_dash_between_numbers():
    out = score_rubric(pd.DataFrame({"task": ["Weld 1\u20132 pipes daily.", "Weld 1-2 pipes daily."]}))
    assert out.loc[0, "rule"] == out.loc[1, "rule"]  # a range: no word either way


@pytest.mark.parametrize("text", ["Emailing clients about orders.", "Answer e-mailed orders.",
                                  "Send E-MAILED notices."])
def test_rubric_email_forms_match_the_software_rule(text):
    assert "kw:software" in score_rubric(pd.DataFrame({"task": [text]})).loc[0, "rule"]


@pytest.mark.parametrize("text", ["Seat female guests.", "Handle mailed parcels.", "Repair the mailroom."])
def test_rubric_email_rule_does_not_fire_inside_other_words(text):
    assert "kw:software" not in score_rubric(pd.DataFrame({"task": [text]})).loc[0, "rule"]


# --- reference: labels of no rows, labels not checked ----------------------------------

def test_reference_refuses_labels_of_no_rows():
    with pytest.raises(DataFormatError, match="labels has no rows: no task would get a published label"):
        score_reference(TASKS, LABELS.iloc[:0])
    with pytest.raises(DataFormatError, match="labels has no rows"):
        score_tasks(TASKS.assign(task=["Write memos.", "Weld pipes."]), "reference",
                    labels=LABELS.iloc[:0])


@pytest.mark.parametrize("change, row, column, message", [
    ({"task_id": [1, "x"]}, 2, "task_id", "task ID 'x' is not an integer"),
    ({"task_id": [None, 2]}, 1, "task_id", "task ID missing"),
    ({"task_id": [1, 1]}, 2, "task_id", r"task key \(11-1011.00, 1\) is given twice"),  # round 73: "is given"
    ({"human_exposure_agg": ["e1", "E0"]}, 1, "human_exposure_agg", "got 'e1'"),
])
def test_join_labels_checks_labels_it_is_given(change, row, column, message):
    labels = LABELS.assign(**change)
    with pytest.raises(DataFormatError, match=message) as info:
        join_labels(TASKS, frame_task_ids(TASKS), labels, "human_exposure_agg")
    assert (info.value.row, info.value.column) == (row, column)
    with pytest.raises(DataFormatError, match=message):  # and without codes in the tasks
        join_labels(TASKS[["task_id"]], frame_task_ids(TASKS), labels, "human_exposure_agg")


def test_join_labels_still_joins_good_labels():
    out = join_labels(TASKS, frame_task_ids(TASKS), LABELS.assign(task_id=["1", 2.0]), "gpt4_exposure")
    assert out[P].to_numpy().tolist() == [[0.0, 0.0, 1.0], [1.0, 0.0, 0.0]]


# --- the rubric report: labels of another release --------------------------------------

def _onet():
    """A made-up release: occupation 47-2061.00 (job zone 2), its task 7 does an E0 IWA."""
    return SimpleNamespace(
        task_dwas=pd.DataFrame({"onetsoc_code": ["47-2061.00"], "task_id": [7],
                                "dwa_id": ["4.A.3.a.4.I01.D01"]}),
        dwas=pd.DataFrame({"dwa_id": ["4.A.3.a.4.I01.D01"], "iwa_id": ["4.A.3.a.4.I01"]}),
        occupations=pd.DataFrame({"onetsoc_code": ["47-2061.00"], "job_zone": [2]}),
        tasks=pd.DataFrame({"onetsoc_code": ["47-2061.00"], "task_id": [7], "task": ["Lay bricks."]}))


def _report_labels(codes, ids):
    return pd.DataFrame({"onetsoc_code": codes, "task_id": ids,
                         "task": ["Lay bricks.", "Write reports.", "Weld pipes."],
                         "task_type": ["Core"] * 3, "human_exposure_agg": ["E0", "E1", "E0"]})


def test_rubric_report_warns_on_codes_the_release_lacks(caplog):
    labels = _report_labels(["47-2061.00", "11-1011.00", "11-1011.00"], [7, 8, 9])
    with caplog.at_level(logging.WARNING, logger="exposure"):
        rubric_agreement(labels, onet=_onet())
    text = caplog.text
    assert "2 row(s) have an O*NET-SOC code that the O*NET release lacks" in text
    assert "row 2, column 'onetsoc_code': '11-1011.00'" in text


def test_rubric_report_warns_on_task_ids_the_release_lacks(caplog):
    labels = _report_labels(["47-2061.00", "47-2061.00", "47-2061.00"], [7, 8, 9])
    with caplog.at_level(logging.WARNING, logger="exposure"):
        rubric_agreement(labels, onet=_onet())
    assert "row 2" in caplog.text and "task_id" in caplog.text


def test_rubric_report_with_matching_release_is_quiet(caplog):
    labels = _report_labels(["47-2061.00"] * 3, [7, 8, 9]).iloc[:1]
    with caplog.at_level(logging.WARNING, logger="exposure"):
        rubric_agreement(labels, onet=_onet())
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]
