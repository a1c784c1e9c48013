"""Fault round 56 (rubric): the ``rubric`` scorer, its rule tables and the ``reference`` scorer.

Faults found (each test below failed before its fix):

1. A duty written as job postings write it, in the third person (``Writes press
   releases.``, ``Operates forklifts.``), as a gerund (``Writing press releases.``) or
   after ``to`` (``To write press releases.``, UK postings), found no verb in
   ``FIRST_VERBS``: the task lost the verb's vote, without a word (``Writes press
   releases.`` p_e1 0.45 against 0.51 for ``Write press releases.``; ``Schedules
   appointments`` p_e2 0.55 against 0.59). Now each form is read as its verb (the
   ``rule`` column says ``verb 'write'``); no O*NET 29.1 statement changes.
2. British spellings found no rule: ``Summarise``, ``Digitise``, ``Authorise``,
   ``Immunise``, ``Enrol`` and ``Mould`` no verb (``Enrol students in courses.`` scored
   E0 by the prior alone, ``Enroll ...`` E2), ``computerised`` no ``kw:software`` and
   ``enquiries`` no ``kw:explain``. Now they score as the American spelling (``analyse``
   and ``catalogue`` were already in the table).
3. ``score_reference(frame, labels)`` / ``score_tasks(frame, "reference", labels=L)``
   with labels whose column of the chosen source is missing on every row (labels of the
   other source only, a column added empty) left every task unscored (NaN), without a
   word (an INFO line). Now refused, as labels without rows are: ``column
   'human_exposure_agg': labels has no human label (all 3 rows missing): no task would
   get a published label; give the human labels, or choose source 'gpt4' if its labels
   are the ones given``. A label missing on some rows still leaves those rows unscored.
4. ``score_rubric(frame)`` scored a text that is only an HTML character reference
   (``&nbsp;``: an empty cell of a web page) as a task, the prior alone, while
   ``tag_categories`` refused it. Now refused with the same message: ``row 2, column
   'task': task text holds no letter or digit once its HTML character references are
   read, got '&nbsp;': ...``.
5. ``score_rubric(frame)``'s messages named the index label of a bad row unevenly: a
   text check named ``(index 1)`` for a default index, while the job-zone, code and
   task-ID checks named no label for a frame with labels of its own (``tag_categories``
   and ``score_tasks`` name it since round 35). Now as they do: the label of a
   non-default index for every check, none for the default index.
6. A duty copied from a web page's source with its HTML list tag (``<li>File
   records.</li>``, ``<p><strong>Write</strong> ...``) was read with ``li`` or ``p`` as
   its first word: the rubric lost the verb's vote and the category rules on the verb
   heading the task did not fire (``<li>File records.</li>`` not ``admin``; ``File
   records.`` is). Now leading tags are skipped as list markers are
   (:func:`exposure.scoring._rules.strip_list_marker`); no O*NET 29.1 statement changes.
"""

from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

import exposure
from exposure.errors import DataFormatError
from exposure.scoring.categories import tag_categories
from exposure.scoring.reference import score_reference
from exposure.scoring.rubric import score_rubric

P = ["p_e0", "p_e1", "p_e2"]


def _same_scores(text, plain):
    out = score_rubric(pd.DataFrame({"task": [text, plain]}))
    np.testing.assert_allclose(out.loc[0, P].to_numpy(float), out.loc[1, P].to_numpy(float))
    return out


# 1. verb forms of job postings -----------------------------------------------------------

@pytest.mark.parametrize("text, plain, verb", [
    ("Writes press releases.", "Write press releases.", "write"),
    ("Writing press releases.", "Write press releases.", "write"),
    ("To write press releases.", "Write press releases.", "write"),
    ("Operates forklifts in the warehouse.", "Operate forklifts in the warehouse.", "operate"),
    ("Schedules appointments for clients.", "Schedule appointments for clients.", "schedule"),
    ("Carries supplies to the site.", "Carry supplies to the site.", "carry"),
    ("Washes dishes by hand.", "Wash dishes by hand.", "wash"),
    ("Processes refunds for customers.", "Process refunds for customers.", "process"),
    ("Cutting lumber to length.", "Cut lumber to length.", "cut"),
    ("Filing paperwork for the office.", "File paperwork for the office.", "file"),
    ("1. Prepares monthly invoices.", "Prepare monthly invoices.", "prepare"),
])
def test_job_posting_verb_forms_read_as_the_verb(text, plain, verb):
    out = _same_scores(text, plain)
    assert f"verb {verb!r}" in out.loc[0, "rule"]


def test_job_posting_verb_form_in_score_tasks():
    out = exposure.score_tasks(pd.DataFrame({"task": ["Writes press releases.", "Write press releases."]}),
                               "rubric")
    np.testing.assert_allclose(out.loc[0, P].to_numpy(float), out.loc[1, P].to_numpy(float))
    assert out.loc[0, "p_e1"] == pytest.approx(0.51)
    # a first word that is no form of a listed verb still gives no verb
    others = ["Sales grew last year.", "Thing to do.", "A forklift is driven.", "To-do lists are kept."]
    assert not score_rubric(pd.DataFrame({"task": others}))["rule"].str.contains("verb").any()


# 2. British spellings ---------------------------------------------------------------------

@pytest.mark.parametrize("text, plain", [
    ("Summarise case notes for the team.", "Summarize case notes for the team."),
    ("Digitise paper forms.", "Digitize paper forms."),
    ("Authorise refunds.", "Authorize refunds."),
    ("Immunise children against measles.", "Immunize children against measles."),
    ("Enrol students in courses.", "Enroll students in courses."),
    ("Mould clay into figures.", "Mold clay into figures."),
    ("Maintain computerised records.", "Maintain computerized records."),
    ("Respond to customer enquiries.", "Respond to customer inquiries."),
    ("Summarising case notes for the team.", "Summarize case notes for the team."),
])
def test_british_spellings_score_as_american(text, plain):
    _same_scores(text, plain)


def test_enrol_is_e2_as_enroll():
    out = score_rubric(pd.DataFrame({"task": ["Enrol students in courses."]}))
    assert out[P].to_numpy().argmax(axis=1).tolist() == [2]
    assert "verb 'enrol' -> E2" in out.loc[0, "rule"]


# 3. labels without any label of the chosen source -----------------------------------------

LABELS = pd.DataFrame({"onetsoc_code": ["11-1011.00"] * 3, "task_id": [1, 2, 3],
                       "human_exposure_agg": [None] * 3, "gpt4_exposure": ["E1", "E0", "E2"]})
TASKS = pd.DataFrame({"onetsoc_code": ["11-1011.00"] * 3, "task_id": [1, 2, 3],
                      "task": ["Direct budgets.", "Drive forklifts.", "Enter data."]})


def test_score_reference_refuses_labels_without_a_label_of_the_source():
    with pytest.raises(DataFormatError, match=r"^labels, column 'human_exposure_agg': no human label "
                       r"\(all 3 rows missing\): no task would get a published label; give the human "
                       r"labels, or choose source 'gpt4'"):
        score_reference(TASKS, LABELS)
    assert score_reference(TASKS, LABELS, source="gpt4")["p_e1"].tolist() == [1.0, 0.0, 0.0]
    # a label missing on some rows only: those rows unscored, the others scored
    out = score_reference(TASKS, LABELS.assign(human_exposure_agg=["E1", None, None]))
    assert out["p_e1"].tolist()[0] == 1.0
    assert out.iloc[1:].isna().all().all()


def test_score_tasks_refuses_labels_without_a_label_of_the_source():
    with pytest.raises(DataFormatError, match="^labels, column 'gpt4_exposure': no gpt4 label"):
        exposure.score_tasks(TASKS, "reference-gpt4",
                             labels=LABELS.assign(gpt4_exposure=[np.nan] * 3))
    with pytest.raises(DataFormatError, match="^labels, column 'human_exposure_agg': no human label"):
        exposure.score_tasks(TASKS.drop(columns="onetsoc_code"), "reference", labels=LABELS)


# 4. an HTML character reference alone -----------------------------------------------------

@pytest.mark.parametrize("text", ["&nbsp;", " &nbsp; ", "&nbsp;&nbsp;"])
def test_score_rubric_refuses_a_reference_alone(text):
    with pytest.raises(DataFormatError, match=r"^row 2, column 'task': task text holds no letter or digit "
                       r"once its HTML character references are read"):
        score_rubric(pd.DataFrame({"task": ["Write memos.", text]}))
    # a reference inside a text is read as what it stands for
    out = _same_scores("Write&nbsp;press releases.", "Write press releases.")
    assert "verb 'write'" in out.loc[0, "rule"]


# 5. index labels in score_rubric's messages -----------------------------------------------

def _onet():
    return SimpleNamespace(
        task_dwas=pd.DataFrame({"onetsoc_code": ["53-0000.00"], "task_id": [7],
                                "dwa_id": ["4.A.3.a.4.I01.D01"]}),
        dwas=pd.DataFrame({"dwa_id": ["4.A.3.a.4.I01.D01"], "iwa_id": ["4.A.3.a.4.I01"]}),
        job_zones=pd.DataFrame({"onetsoc_code": ["53-0000.00"], "job_zone": [2]}))


@pytest.mark.parametrize("column, value, onet", [
    ("job_zone", 9, False), ("task_id", 1.5, True), ("onetsoc_code", "53-0000", True)])
def test_score_rubric_names_the_index_label_of_every_check(column, value, onet):
    frame = pd.DataFrame({"onetsoc_code": ["53-0000.00"] * 2, "task_id": [7, 7],
                          "task": ["Drive trucks.", "Drive trucks."], "job_zone": [2, 2]}, index=[10, 20])
    frame[column] = frame[column].astype(object)
    frame.loc[20, column] = value
    with pytest.raises(DataFormatError, match=rf"^row 2, column '{column}': .* \(index 20\)$"):
        score_rubric(frame, onet=_onet() if onet else None)


def test_score_rubric_names_no_label_of_a_default_index():
    with pytest.raises(DataFormatError) as info:
        score_rubric(pd.DataFrame({"task": ["Write memos.", "12345"]}))
    assert "(index" not in str(info.value)
    assert str(info.value).startswith("row 2, column 'task': task text holds no letter, got '12345'")


# 6. HTML tags before the verb -------------------------------------------------------------

@pytest.mark.parametrize("text, plain", [
    ("<li>Write press releases.</li>", "Write press releases."),
    ("<p><strong>Write</strong> press releases.</p>", "Write press releases."),
    ('<li class="duty"> Operate forklifts.</li>', "Operate forklifts."),
    ("<ul><li>1. Schedule appointments.</li></ul>", "Schedule appointments."),
])
def test_rubric_reads_the_verb_after_html_tags(text, plain):
    out = _same_scores(text, plain)
    assert "verb" in out.loc[0, "rule"]


def test_categories_read_the_verb_after_html_tags():
    tags = tag_categories(pd.DataFrame({"task": ["<li>File records.</li>", "File records."]}))
    assert tags["admin"].tolist() == [True, True]
