"""Round 33: the ``rubric`` and ``reference`` scorers and the rubric report, given odd input.

- :func:`~exposure.scoring.rubric.score_rubric` called directly read its text as given,
  while ``score_tasks(method="rubric")`` reads it in the scorers' one form
  (:func:`~exposure.scoring._features.normalise_text`): full-width letters
  (``Ｗｒｉｔｅ ｒｅｐｏｒｔｓ``), a soft hyphen or zero-width space inside a word
  (``spread\\u00adsheets``) or a ligature (``ﬁles``) matched no rule, and the task got the
  prior alone, with another score than through ``score_tasks`` (and in the rubric report).
- A Unicode hyphen (U+2010, or the non-breaking U+2011 of word processors) in ``e‑mail``,
  ``face‑to‑face`` or ``on‑site`` matched no keyword rule, even through ``score_tasks``.
- ``score_rubric(frame, onet=...)`` with a code not of the form ``00-0000.00``
  (``"47-2061"``, ``" 47-2061.00"``) or a task ID that is not an integer (``True``,
  ``7.5``, ``"x"``) left out the task's work activities and job zone without a word
  (``score_tasks`` refuses such keys).
- :func:`~exposure.scoring.reference.score_reference`: a task ID ``True`` was joined as
  task 1, and ``1e30`` raised ``TypeError: cannot safely cast non-equivalent float64 to
  int64``; a frame with two ``task_id`` or two ``onetsoc_code`` columns raised
  ``AttributeError: 'DataFrame' object has no attribute 'dtype'`` (``... 'str'``).
- :func:`~exposure.reports.rubric.rubric_agreement`: a ``task_type`` other than
  ``Core``/``Supplemental`` (``"core"``, ``"CORE"``, ``1``) weighed as a Supplemental
  task without a word (the roll-up refuses it); with ``onet``, a made-up occupation key
  (``"a"``) matched no job zone or work activity, silently.

Tiny made-up frames and files written by the tests.
"""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from exposure.errors import DataFormatError
from exposure.reports.rubric import rubric_agreement, write_rubric_agreement
from exposure.scoring import score_tasks
from exposure.scoring.reference import score_reference
from exposure.scoring.rubric import score_rubric

P = ["p_e0", "p_e1", "p_e2"]

LABELS = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.00"], "task_id": [1, 2],
                       "human_exposure_agg": ["E1", "E0"], "gpt4_exposure": ["E2", "E0"]})


def _onet():
    """A made-up release: task (47-2061.00, 7) does IWA 4.A.3.a.4.I01 (E0); job zone 2."""
    return SimpleNamespace(
        task_dwas=pd.DataFrame({"onetsoc_code": ["47-2061.00"], "task_id": [7],
                                "dwa_id": ["4.A.3.a.4.I01.D01"]}),
        dwas=pd.DataFrame({"dwa_id": ["4.A.3.a.4.I01.D01"], "iwa_id": ["4.A.3.a.4.I01"]}),
        occupations=pd.DataFrame({"onetsoc_code": ["47-2061.00"], "job_zone": [2]}))


# --- score_rubric reads text as score_tasks does -------------------------------------

@pytest.mark.parametrize("odd, plain", [
    ("Ｗｒｉｔｅ ｒｅｐｏｒｔｓ.", "Write reports."),
    ("Update spread\u00adsheets.", "Update spreadsheets."),
    ("Wri\u200bte memos.", "Write memos."),
    ("Sort the ﬁles.", "Sort the files."),
])
def test_rubric_reads_compatibility_forms_as_plain_text(odd, plain):
    out = score_rubric(pd.DataFrame({"task": [odd, plain]}))
    np.testing.assert_allclose(out.loc[0, P].to_numpy(float), out.loc[1, P].to_numpy(float))
    assert out.loc[0, "rule"] == out.loc[1, "rule"]
    via = score_tasks(pd.DataFrame({"task": [odd]}), "rubric")
    np.testing.assert_allclose(via.loc[0, P].to_numpy(float), out.loc[0, P].to_numpy(float))


@pytest.mark.parametrize("hyphen", ["\u2010", "\u2011"])
def test_rubric_unicode_hyphens_match_the_keyword_rules(hyphen):
    texts = [f"Send e{hyphen}mail to clients.", "Send e-mail to clients.",
             f"Meet clients face{hyphen}to{hyphen}face.", "Meet clients face-to-face."]
    for scored in (score_rubric(pd.DataFrame({"task": texts})),
                   score_tasks(pd.DataFrame({"task": texts}), "rubric")):
        np.testing.assert_allclose(scored.loc[0, P].to_numpy(float), scored.loc[1, P].to_numpy(float))
        np.testing.assert_allclose(scored.loc[2, P].to_numpy(float), scored.loc[3, P].to_numpy(float))
    out = score_rubric(pd.DataFrame({"task": texts}))
    assert "kw:software" in out.loc[0, "rule"] and "kw:in_person" in out.loc[2, "rule"]


# --- score_rubric with a release: keys it cannot look up ----------------------------

def _weld(code, task_id):
    return pd.DataFrame({"onetsoc_code": [code], "task_id": [task_id], "task": ["Weld pipes."]})


def test_rubric_with_release_reads_good_keys():
    out = score_rubric(_weld("47-2061.00", "7.0"), onet=_onet())
    assert out.loc[0, "rule"].startswith("iwa 4.A.3.a.4.I01 -> E0")
    assert out.loc[0, "rule"].endswith("job zone 2 prior")


@pytest.mark.parametrize("code", ["47-2061", " 47-2061.00"])
def test_rubric_with_release_refuses_a_code_of_another_form(code):
    with pytest.raises(DataFormatError, match=r"^row 1, column 'onetsoc_code': O\*NET-SOC code "
                                              rf"'{code}' is not of the form 00-0000\.00"):
        score_rubric(_weld(code, 7), onet=_onet())


@pytest.mark.parametrize("task_id, shown", [(True, "True"), (7.5, "7.5"), ("x", "'x'")])
def test_rubric_with_release_refuses_a_task_id_that_is_not_an_integer(task_id, shown):
    frame = pd.DataFrame({"onetsoc_code": ["47-2061.00"] * 2, "task_id": pd.Series([7, task_id], dtype=object),
                          "task": ["Weld pipes."] * 2})
    with pytest.raises(DataFormatError, match=rf"^row 2, column 'task_id': task ID {shown} is not an integer"):
        score_rubric(frame, onet=_onet())


def test_rubric_without_release_still_ignores_the_keys():
    out = score_rubric(_weld("47-2061", "x"))  # keys are not read without a release
    assert out.loc[0, "rule"].endswith("job zone unknown prior")


# --- score_reference ------------------------------------------------------------------

@pytest.mark.parametrize("task_id, message", [
    (True, r"task ID True is not an integer"),
    (1e30, r"task ID 1e\+30 is not an integer"),
    (2**64, r"task ID 18446744073709551616 is not an integer that fits in 64 bits"),
])
def test_reference_refuses_a_boolean_or_huge_task_id(task_id, message):
    frame = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.00"], "task_id": [2, task_id],
                          "task": ["a b", "c d"]}).astype({"task_id": object})
    with pytest.raises(DataFormatError, match=rf"^row 2, column 'task_id': {message}"):
        score_reference(frame, LABELS)


@pytest.mark.parametrize("column", ["task_id", "onetsoc_code"])
def test_reference_refuses_a_repeated_key_column(column):
    frame = pd.DataFrame([["11-1011.00", 1, "a b"]], columns=["onetsoc_code", "task_id", "task"])
    frame = pd.concat([frame, frame[[column]]], axis=1)
    with pytest.raises(DataFormatError, match=rf"^frame, column '{column}': given more than once: keep one"):
        score_reference(frame, LABELS)


# --- the rubric report ----------------------------------------------------------------

def _report_labels(**changes):
    frame = pd.DataFrame({
        "onetsoc_code": ["11-1011.00", "11-1011.00", "47-2061.00", "47-2061.00"],
        "task_id": [1, 2, 3, 7],
        "task": ["Write reports.", "Enter data into databases.", "Cut lumber with saws.",
                 "Nail boards using hammers."],
        "task_type": ["Core", "Supplemental", "Core", None],
        "human_exposure_agg": ["E1", "E2", "E0", "E0"]})
    return frame.assign(**changes)


@pytest.mark.parametrize("value", ["core", "CORE", 1])
def test_rubric_report_refuses_a_task_type_it_would_weigh_wrongly(value):
    labels = _report_labels(task_type=["Core", value, "Core", None])
    with pytest.raises(DataFormatError, match=r"^labels, row 2, column 'task_type': task_type .* is not Core or "
                                              "Supplemental"):
        rubric_agreement(labels)


def test_rubric_report_with_release_refuses_made_up_occupation_keys():
    labels = _report_labels(onetsoc_code=["a", "a", "b", "b"])
    rubric_agreement(labels)  # without a release, any key groups the tasks
    with pytest.raises(DataFormatError, match=r"^labels, row 1, column 'onetsoc_code': O\*NET-SOC code 'a' "
                                              r"is not of the form 00-0000\.00"):
        rubric_agreement(labels, onet=_onet())


def test_rubric_report_bad_task_type_leaves_no_file(tmp_path):
    out = tmp_path / "rubric_agreement.csv"
    with pytest.raises(DataFormatError, match=r"task_type 'core'"):
        write_rubric_agreement(out, labels=_report_labels(task_type=["core"] * 4))
    assert list(tmp_path.iterdir()) == []


def test_rubric_report_reads_full_width_text_as_score_tasks_does():
    plain = rubric_agreement(_report_labels())
    wide = rubric_agreement(_report_labels(task=["Ｗｒｉｔｅ ｒｅｐｏｒｔｓ.", "Enter data into databases.",
                                                 "Cut lumber with saws.", "Nail boards using hammers."]))
    pd.testing.assert_frame_equal(plain, wide)
