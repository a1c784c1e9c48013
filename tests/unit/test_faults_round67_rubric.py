"""Fault round 67 (rubric): the ``rubric`` scorer's rules, the ``reference`` scorer and the rubric report.

Faults found (each test below failed before its fix):

1. ``score_reference(frame, labels)`` with labels holding their ``task`` column (the
   statements they label) twice, two label files put side by side, raised
   ``AttributeError: 'DataFrame' object has no attribute 'tolist'`` from inside. Now
   refused in one line: ``column 'task': labels: column 'task' appears more than once``
   (only when the texts are compared: ``text_column=None`` joins by key as before).
2. ``score_reference(frame, labels)`` read a text that stands for none (``""``, ``" "``,
   ``"-"``, a zero-width space, ``&nbsp;``, ``N/A``, ``#N/A``: an empty cell of a
   spreadsheet or a web page) as another task than the one its key names: the row lost
   its published label (NaN), with the warning ``1 row(s) have a task ID that the labels
   give a label for another task than their text (first: row 1, ..., '')``, while a
   missing text (NaN, None) is documented as not compared and kept its label. Now such a
   text is not compared either: the row gets its label, without the warning.
3. ``score_reference(frame, labels)`` with the task texts under another spelling of its
   default ``"task"`` (``Task``, O*NET's header; ``task `` with a space from a
   spreadsheet) or as a level of the index (``set_index("task")``) did not read them and
   joined by key alone, without a word: a row of the caller's own task (``Drive a
   forklift.``) under the key of another task got that task's label (E1 of ``Direct
   budgets.``), while ``score_tasks`` refuses the frame. Now an error in one line:
   ``column 'task': missing text column 'task' (columns: [...]); the frame has 'Task':
   rename that column 'task' (or give text_column='Task'), or give text_column=None to
   join the labels by key alone`` (the index: ``frame.reset_index() makes it a column
   again``; following the advice works). A frame without texts still joins by key alone.
4. ``rubric_agreement(labels)`` without ``onet`` (any code is an occupation key; also
   ``checked_labels(..., onet_codes=False)`` of the agreement report's ``rubric`` and
   ``reference`` methods) read a code with white space around it (``"11-1011.00\\u00a0"``,
   ``" 11-1011.00"``: a cell of a spreadsheet) as an occupation apart from
   ``"11-1011.00"``: the occupation-level Pearson r were computed on 4 occupations for 3
   (0.9762 for 0.9648), without a word. Now refused: ``row 2, column 'onetsoc_code':
   labels: O*NET-SOC code '11-1011.00\\xa0' has white space around it (an occupation
   apart from '11-1011.00'); remove it``. With ``onet`` such a code was and is refused
   as not of the form ``00-0000.00``.
5. A duty copied from a numbered list whose space after the number was lost (``1.Write
   press releases.``, ``2)File records.``: text taken from a PDF) was read without its
   verb: the list marker hid it (``_verb_of`` found none), and the rubric lost the verb's
   vote without a word (``p_e1`` 0.45 for 0.51 of ``1. Write press releases.``; also
   through ``exposure score --method rubric``). Now the number and its ``.`` or ``)`` are
   a list marker before a letter too (:data:`exposure.scoring._rules.LIST_MARKER`; not
   ``1.5mm`` nor ``3D``); no O*NET 29.1 statement starts with a digit, so their scores
   are unchanged.
6. The text rules spell the apostrophe ``'`` (``you'll``, ``client's``), and the
   typographic ``’`` was read as it (round 56); another character written for it between
   two letters was not: the left single quote (``You‘ll email the client‘s suppliers``),
   the modifier letter apostrophe (``ʼ``), the prime, the backtick, and the acute
   accent of European keyboards (``You´ll``, which the scorers' NFKC form writes as a
   space and a combining accent). ``tag_categories`` lost the ``admin`` tag of
   ``You‘ll email the client‘s suppliers about late orders.`` (``You'll ...`` has it),
   and the rubric lost ``kw:software`` on ``Back up the computerʼs files.`` (p_e2 0.55
   for 0.59: ``ʼ`` is a letter, so ``computerʼs`` was one word), without a word. Now each
   is read as ``'`` (:func:`exposure.scoring._rules.rule_texts`); no O*NET statement
   holds one of them, so their scores and tags are unchanged.
7. A frame with Arrow's ``string_view`` columns (Polars and DuckDB hold text so; a
   Parquet file they wrote, read with ``dtype_backend="pyarrow"``) raised
   ``NotImplementedError: string_view`` from inside pandas, naming no column:
   ``score_rubric(frame, onet=...)`` with such keys, ``score_reference(frame, labels)``
   with such a frame or labels, and ``rubric_agreement(labels)`` (also the
   agreement and reproduction reports' label check, ``checked_labels``), while
   ``score_tasks`` reads them. Now each reads them as ``large_string``
   (:func:`exposure.scoring._inputs.without_views`), with the scores of the plain frame.
8. ``score_rubric(frame, onet=...)`` and ``score_reference(frame, labels)`` read task IDs
   by a looser rule than ``score_tasks`` and ``tag_categories``: a negative ID (``-2``)
   looked up nothing, without a word (the rubric left out the task's work activities; the
   reference left it unscored, NaN), bytes ``b'1'`` were task 1 for the reference (its
   label given) and no task for the rubric, and a complex number raised numpy's
   ``TypeError: ufunc 'remainder' not supported ...``. Now refused as ``score_tasks``
   refuses them: ``row 2, column 'task_id': task ID -2 is negative; O*NET task IDs are 0
   or more``, ``row 1, column 'task_id': task ID b'1' is not an integer``. Since round 78
   (one rule, :func:`exposure.scoring._inputs.check_task_ids`) an ID given as text is
   shown quoted (``task ID '-2' is negative``) and bytes are told how to decode them
   (``... is not an integer: bytes, not text (...): decode them first, df['task_id'] = ...``).
"""

import logging
import re
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from test_faults_cli import cli

from exposure.errors import DataFormatError
from exposure.reports.rubric import checked_labels, rubric_agreement
from exposure.scoring._rules import rule_texts, strip_list_marker
from exposure.scoring.categories import tag_categories
from exposure.scoring.reference import score_reference
from exposure.scoring.rubric import score_rubric

P = ["p_e0", "p_e1", "p_e2"]

LABELS = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.00"], "task_id": [1, 2],
                       "task": ["Direct budgets.", "Negotiate contracts."],
                       "human_exposure_agg": ["E1", "E0"], "gpt4_exposure": ["E2", "E0"]})


def _tasks(texts, column="task"):
    return pd.DataFrame({"onetsoc_code": ["11-1011.00"] * len(texts), "task_id": [1, 2][:len(texts)],
                         column: texts})


# 1. labels with their task column twice --------------------------------------------------

def test_score_reference_refuses_labels_with_two_task_columns():
    labels = pd.concat([LABELS, LABELS[["task"]]], axis=1)
    with pytest.raises(DataFormatError, match=r"labels, column 'task': given more than once: keep one"):
        score_reference(_tasks(["Direct budgets.", "Negotiate contracts."]), labels)
    # by key alone the statements are not read
    out = score_reference(_tasks(["Direct budgets.", "Negotiate contracts."]), labels, text_column=None)
    assert out[P].to_numpy().tolist() == [[0.0, 1.0, 0.0], [1.0, 0.0, 0.0]]


# 2. a text that stands for none is not compared ------------------------------------------

@pytest.mark.parametrize("text", ["", "   ", "\u00a0", "-", "\u200b", "&nbsp;", "N/A", "TBD", "#N/A"])
def test_score_reference_keeps_the_label_of_a_blank_text(text, caplog):
    with caplog.at_level(logging.WARNING):
        out = score_reference(_tasks([text, "Negotiate contracts."]), LABELS)
    assert out[P].to_numpy().tolist() == [[0.0, 1.0, 0.0], [1.0, 0.0, 0.0]]
    assert "another task than their text" not in caplog.text


def test_score_reference_still_drops_the_label_of_another_task(caplog):
    with caplog.at_level(logging.WARNING):
        out = score_reference(_tasks(["", "Drive a forklift."]), LABELS)
    assert out.loc[0, P].tolist() == [0.0, 1.0, 0.0]
    assert out.loc[1, P].isna().all()
    assert "1 row(s) have a task ID" in caplog.text and "first: row 2" in caplog.text


# 3. the texts under another spelling of "task", or in the index --------------------------

@pytest.mark.parametrize("column", ["Task", "task ", "TASK"])
def test_score_reference_refuses_texts_under_another_spelling(column):
    frame = _tasks(["Drive a forklift.", "Weld pipes."], column=column)
    with pytest.raises(DataFormatError) as err:
        score_reference(frame, LABELS)
    assert str(err.value) == (
        f"column 'task': missing text column 'task' (columns: ['onetsoc_code', 'task_id', {column!r}]); the frame "
        f"has {column!r}: rename that column 'task' (or give text_column={column!r}), or give text_column=None to "
        "join the labels by key alone")
    # the advice works: the texts are compared, and neither row gets another task's label
    assert score_reference(frame, LABELS, text_column=column)[P].isna().all(axis=None)
    assert score_reference(frame.rename(columns={column: "task"}), LABELS)[P].isna().all(axis=None)
    # a frame without texts joins by key alone, as documented
    out = score_reference(frame.drop(columns=column), LABELS)
    assert out[P].to_numpy().tolist() == [[0.0, 1.0, 0.0], [1.0, 0.0, 0.0]]


@pytest.mark.parametrize("level, advice", [
    ("task", "frame.reset_index() makes it a column again"),
    ("Task", "frame.reset_index().rename(columns={'Task': 'task'}) makes it the column 'task'"),
])
def test_score_reference_refuses_texts_in_the_index(level, advice):
    frame = _tasks(["Drive a forklift.", "Weld pipes."], column=level).set_index(level)
    with pytest.raises(DataFormatError, match=r"missing text column 'task' .*" + re.escape(advice)):
        score_reference(frame, LABELS)
    fixed = frame.reset_index().rename(columns={level: "task"})
    assert score_reference(fixed, LABELS)[P].isna().all(axis=None)


# 4. occupation keys with white space around them -----------------------------------------

def _report_labels(codes):
    return pd.DataFrame({
        "onetsoc_code": codes, "task_id": [1, 2, 3, 4, 5],
        "task": ["Write reports.", "Enter data into databases.", "Cut lumber with saws.",
                 "Nail boards using hammers.", "Schedule appointments."],
        "task_type": ["Core", "Supplemental", "Core", None, "Core"],
        "human_exposure_agg": ["E1", "E2", "E0", "E0", "E2"]})


@pytest.mark.parametrize("code", ["11-1011.00\u00a0", " 11-1011.00", "11-1011.00 "])
def test_rubric_agreement_refuses_a_code_with_white_space(code):
    labels = _report_labels(["11-1011.00", code, "47-2031.00", "47-2031.00", "43-4171.00"])
    with pytest.raises(DataFormatError) as err:
        rubric_agreement(labels)
    assert str(err.value) == (f"labels, row 2, column 'onetsoc_code': O*NET-SOC code {code!r} has white space "
                              "around it (an occupation apart from '11-1011.00'); remove it")
    with pytest.raises(DataFormatError, match="has white space around it"):
        checked_labels(labels, ["human_exposure_agg"], onet_codes=False)
    plain = rubric_agreement(_report_labels(["11-1011.00"] * 2 + ["47-2031.00"] * 2 + ["43-4171.00"]))
    assert plain.query("metric == 'pearson_r_alpha'")["n"].tolist() == [3]
    made_up = rubric_agreement(_report_labels([1, 1, 2, 2, 3]))  # any other key still groups the tasks
    assert made_up.query("metric == 'pearson_r_alpha'")["n"].tolist() == [3]


# 5. a list marker without its space ------------------------------------------------------

@pytest.mark.parametrize("text, plain, verb", [
    ("1.Write press releases.", "Write press releases.", "write"),
    ("2)File records in the office.", "File records in the office.", "file"),
    ("10.Operate forklifts in the warehouse.", "Operate forklifts in the warehouse.", "operate"),
    ("1.2.Enter customer data.", "Enter customer data.", "enter"),
])
def test_rubric_reads_the_verb_after_a_marker_without_space(text, plain, verb):
    out = score_rubric(pd.DataFrame({"task": [text, plain]}))
    np.testing.assert_array_equal(out.loc[0, P].to_numpy(float), out.loc[1, P].to_numpy(float))
    assert out.loc[0, "rule"].startswith(f"verb {verb!r}")


def test_strip_list_marker_without_space():
    assert [strip_list_marker(t) for t in ("1.Write memos.", "2)File records.", "(3)Sort mail.")] == [
        "Write memos.", "File records.", "Sort mail."]
    # numbers that are no marker stay
    for text in ("1.5mm pipes are cut to length.", "3D printers are set up.", "24/7 support."):
        assert strip_list_marker(text) == text


def test_cli_rubric_reads_the_verb_after_a_marker_without_space(tmp_path, capsys):
    src = tmp_path / "duties list.csv"
    pd.DataFrame({"task": ["1.Write press releases.", "Write press releases."]}).to_csv(src, index=False)
    out = tmp_path / "scored.csv"
    code, _, err = cli(capsys, "score", str(src), "-o", str(out), "--method", "rubric", "--onet", "none")
    assert code == 0, err
    scored = pd.read_csv(out)
    assert scored.loc[0, P].tolist() == scored.loc[1, P].tolist()
    assert scored.loc[0, "label"] == "E1"


# 6. other characters written for the apostrophe ------------------------------------------

@pytest.mark.parametrize("mark", ["\u2018", "\u02bc", "\u2032", "`", "\u00b4"])
def test_categories_read_another_apostrophe_as_the_apostrophe(mark):
    text = "You'll email the client's suppliers about late orders."
    out = tag_categories(pd.DataFrame({"task": [text.replace("'", mark), text]}))
    assert out["admin"].tolist() == [True, True]


def test_rubric_reads_the_modifier_apostrophe_as_the_apostrophe():
    out = score_rubric(pd.DataFrame({"task": ["Back up the computer\u02bcs files.", "Back up the computer's files."]}))
    np.testing.assert_array_equal(out.loc[0, P].to_numpy(float), out.loc[1, P].to_numpy(float))
    assert "kw:software" in out.loc[0, "rule"]
    # quotes and primes that are no apostrophe stay
    assert rule_texts(["Say \u2018hello\u2019 to `ls`, 5\u2032 away."]) == ["Say \u2018hello' to `ls`, 5\u2032 away."]


# 7. Arrow's string_view columns ----------------------------------------------------------

VIEW = pd.ArrowDtype(pa.string_view())


def test_score_rubric_reads_string_view_keys():
    onet = SimpleNamespace(
        task_dwas=pd.DataFrame({"onetsoc_code": ["11-1011.00"], "task_id": [1], "dwa_id": ["4.A.2.a.4.I01.D01"]}),
        dwas=pd.DataFrame({"dwa_id": ["4.A.2.a.4.I01.D01"], "iwa_id": ["4.A.2.a.4.I01"]}))
    frame = _tasks(["Direct budgets.", "Negotiate contracts."]).astype({"task_id": str}).set_axis([5, 6])
    out = score_rubric(frame.astype(VIEW), onet=onet)
    pd.testing.assert_frame_equal(out, score_rubric(frame, onet=onet))
    assert out.loc[5, "rule"].startswith("iwa 4.A.2.a.4.I01")


def test_score_reference_reads_string_view_columns():
    frame = _tasks(["Direct budgets.", "Drive a forklift."]).astype({"task_id": str})
    expected = score_reference(frame, LABELS)
    pd.testing.assert_frame_equal(score_reference(frame.astype(VIEW), LABELS), expected)
    views = LABELS.astype({"onetsoc_code": VIEW, "task": VIEW, "human_exposure_agg": VIEW})
    pd.testing.assert_frame_equal(score_reference(frame, views), expected)
    assert expected[P].to_numpy().tolist()[0] == [0.0, 1.0, 0.0] and expected.loc[1, P].isna().all()


def test_rubric_agreement_reads_string_view_labels():
    labels = _report_labels(["11-1011.00"] * 2 + ["47-2031.00"] * 2 + ["43-4171.00"])
    views = labels.astype({c: VIEW for c in ("onetsoc_code", "task", "task_type", "human_exposure_agg")})
    pd.testing.assert_frame_equal(rubric_agreement(views), rubric_agreement(labels))


# 8. task IDs by the rule of score_tasks --------------------------------------------------

#: What a cell of bytes is told to do (round 78: the advice text cells of bytes get).
DECODE_IDS = (": bytes, not text (from a database driver or a binary column?): decode them first, "
              "df['task_id'] = df['task_id'].map(lambda v: v.decode('utf-8') if isinstance(v, bytes) else v) "
              "(or the column's own encoding)")


@pytest.mark.parametrize("ids, message", [
    ([1, -2], "row 2, column 'task_id': task ID -2 is negative; O*NET task IDs are 0 or more"),
    # round 78 (was: "task ID -2 is negative": the ID is shown as given, a text quoted)
    (["1", "-2"], "row 2, column 'task_id': task ID '-2' is negative; O*NET task IDs are 0 or more"),
    # round 78 (was: "task ID b'1' is not an integer", no advice)
    ([b"1", 2], "row 1, column 'task_id': task ID b'1' is not an integer" + DECODE_IDS),
    ([1 + 0j, 2], "row 1, column 'task_id': task ID (1+0j) is not an integer"),
])
def test_rubric_and_reference_refuse_task_ids_as_score_tasks(ids, message):
    onet = SimpleNamespace(
        task_dwas=pd.DataFrame({"onetsoc_code": ["11-1011.00"], "task_id": [1], "dwa_id": ["4.A.2.a.4.I01.D01"]}),
        dwas=pd.DataFrame({"dwa_id": ["4.A.2.a.4.I01.D01"], "iwa_id": ["4.A.2.a.4.I01"]}))
    frame = _tasks(["Direct budgets.", "Negotiate contracts."]).assign(task_id=pd.Series(ids, dtype=object))
    for call in (lambda: score_rubric(frame, onet=onet), lambda: score_reference(frame, LABELS)):
        with pytest.raises(DataFormatError) as err:
            call()
        assert str(err.value) == message
