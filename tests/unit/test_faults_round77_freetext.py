"""Faults of round 77 (freetext): task texts brought by the user, to ``score_tasks`` and ``exposure score``.

1. A text whose only letters or digits are characters that the scorers read as digits or
   punctuation (superscripts ``²``, fractions ``½``, circled numbers ``①②③``, the modifier
   letter apostrophe ``ʼʼ``) passed the check of the texts: ``learned`` scored it as a
   task (confidence 0), while ``rubric`` refused the text as it had read it, quoting
   what the input did not hold and naming no index label: ``row 1, column 'task': task
   text holds no letter, got '1⁄2': a number or code is not a task statement ...``
   (``got "''"`` for ``ʼʼ``). Now every method refuses it, as written:
   ``row 2, column 'task': task text holds no letter, got '½': a number or code is not a
   task statement (is 'task' the column of the task texts?) (index 6)``; ``ʼʼ``: ``task
   text holds no letter or digit, got 'ʼʼ': give the task statement (a placeholder for no
   task is not one; drop such rows)``.
2. A text column of numbers or dates (a Parquet column of integers; ``text_column="task_id"``;
   a workbook's column of dates) was refused as ``task text must be a non-empty string,
   got 1`` (``got Timestamp('2021-01-01 00:00:00')``) and no more, where the same numbers
   or dates as text (an ``.xlsx`` or CSV cell) were told ``a number or code is not a task
   statement (is 'task' the column of the task texts?)``. Now a number or date in a column
   without text is told so too: ``int.parquet, row 1, column 'task': task text must be a
   non-empty string, got 1: a number or code is not a task statement (is 'task' the column
   of the task texts?)`` (a number among texts is said as before: ``got 5``).
3. ``score_tasks(df, occupation_column=...)`` naming a column the frame lacks said
   ``column 'job': missing occupation column 'job'`` and no more, where the text column's
   message lists the columns, and ``tag_categories`` and ``exposure.spark.score`` list
   them for the occupation column (the docs quoted ``score_tasks`` so); a title column
   kept as the index (``set_index("title")``) was not named as such. Now: ``column 'job':
   missing occupation column 'job' (columns: ['task', 'title'])``; ``column 'title':
   missing occupation column 'title' (columns: ['task']); it is a level of the frame's
   index: frame.reset_index() makes it a column again``.
4. A text or occupation column named ``"0"`` of a frame whose column is the number ``0``
   (read with ``header=None``, built from lists of rows), or the reverse, was refused as
   ``missing text column '0' (columns: [0, 'title'])``, as if there were no such column.
   Now the column is offered: ``...; the frame has 0 (int, not the text '0'): give
   text_column=0`` (``occupation_column=1``).
5. ``score_tasks(df, "rubric")`` gave the rows that no rule of the rubric matched (``lorem
   ipsum``, ``Competitive salary and benefits.``) its prior (``p_e0`` 0.5, ``label``
   ``E0``) as their score, with no confidence and without a word (``score_rubric``'s
   ``rule`` column, ``job zone unknown prior``, is not in the output). Now one warning:
   ``2 row(s) matched no rule of the rubric (no verb, keyword or work activity it knows;
   first: row 1, 'lorem ipsum dolor sit amet'): their scores are the rubric's prior alone
   (for the job zone, when known), read from no word of the text; method 'learned' (the
   default) scores any text, with a confidence``; ``exposure score`` names the file.
6. An error quoting a text that holds the words ``(index `` (``'Sort cards Ã© (index
   cards).'``, UTF-8 read as Latin-1) was taken for one that names the row's index label
   already: the label of a frame with labels of its own was left out. Now it is named:
   ``... mend it there (index 20)``.
"""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd
import pytest
from test_faults_cli import cli, one_error_line

from exposure.errors import DataFormatError
from exposure.scoring import score_tasks

PHONES = "Answer telephones and relay messages."
NUMBER_ADVICE = "a number or code is not a task statement (is {!r} the column of the task texts?)"


# 1. texts whose letters are digits or punctuation as the scorers read them ------------------------


@pytest.mark.parametrize("method", ["learned", "rubric"])
@pytest.mark.parametrize("text", ["²", "½", "①②③", "¹²³-⁴⁵"])
def test_a_text_of_number_characters_is_refused_as_written_by_every_method(method, text):
    frame = pd.DataFrame({"task": [PHONES, text]}, index=[5, 6])
    with pytest.raises(DataFormatError) as info:
        score_tasks(frame, method)
    assert str(info.value) == (f"row 2, column 'task': task text holds no letter, got {text!r}: "
                               f"{NUMBER_ADVICE.format('task')} (index 6)")


@pytest.mark.parametrize("method", ["learned", "rubric"])
def test_a_text_of_modifier_apostrophes_is_refused_as_written(method):
    with pytest.raises(DataFormatError) as info:
        score_tasks(pd.DataFrame({"task": [PHONES, "\u02bc\u02bc"]}), method)
    assert str(info.value) == ("row 2, column 'task': task text holds no letter or digit, got 'ʼʼ': give the "
                               "task statement (a placeholder for no task is not one; drop such rows)")


def test_exposure_score_refuses_a_fraction_as_written(tmp_path, capsys):
    src = tmp_path / "tasks.csv"
    src.write_text(f"task\n{PHONES}\n½\n", encoding="utf-8")
    code, _, err = cli(capsys, "score", src, "-o", tmp_path / "out.csv", "--method", "rubric", "--onet", "none")
    assert code == 2
    assert one_error_line(err, command="score") == (
        f"exposure score: error: {src}, row 3, column 'task': task text holds no letter, got '½': "
        f"{NUMBER_ADVICE.format('task')}")
    assert not (tmp_path / "out.csv").exists()


# 2. a column of numbers given as the text column -------------------------------------------------


@pytest.mark.parametrize("dtype", ["int64", "float64", "int64[pyarrow]", "category"])
def test_a_column_of_numbers_is_told_it_is_no_text_column(dtype):
    frame = pd.DataFrame({"task_id": pd.Series([11504, 11505]).astype(dtype), "task": [PHONES, "Weld pipes."]})
    with pytest.raises(DataFormatError) as info:
        score_tasks(frame, text_column="task_id")
    shown = "11504.0" if dtype == "float64" else "11504"
    assert str(info.value) == (f"row 1, column 'task_id': task text must be a non-empty string, got {shown}: "
                               f"{NUMBER_ADVICE.format('task_id')}")


def test_a_column_of_dates_is_told_it_is_no_text_column():
    frame = pd.DataFrame({"task": pd.to_datetime(["2021-01-01", "2021-01-02"])})
    with pytest.raises(DataFormatError) as info:
        score_tasks(frame, "rubric")
    assert str(info.value) == ("row 1, column 'task': task text must be a non-empty string, got "
                               f"Timestamp('2021-01-01 00:00:00'): {NUMBER_ADVICE.format('task')}")


def test_exposure_score_of_a_parquet_column_of_integers_says_what_an_xlsx_one_says(tmp_path, capsys):
    src = tmp_path / "int.parquet"
    pd.DataFrame({"task": [1, 2], "title": ["Clerk", "Welder"]}).to_parquet(src)
    code, _, err = cli(capsys, "score", src, "-o", tmp_path / "out.csv", "--method", "rubric", "--onet", "none")
    assert code == 2
    assert one_error_line(err, command="score") == (
        f"exposure score: error: {src}, row 1, column 'task': task text must be a non-empty string, got 1: "
        f"{NUMBER_ADVICE.format('task')}")


# 3. a missing occupation column: the columns, and a level of the index ---------------------------


FRAME = pd.DataFrame({"task": [PHONES, "Weld pipes."], "title": ["Clerk", "Welder"]})


@pytest.mark.parametrize("method", ["learned", "rubric"])
def test_a_missing_occupation_column_lists_the_columns(method):
    with pytest.raises(DataFormatError) as info:
        score_tasks(FRAME, method, occupation_column="job")
    assert str(info.value) == "column 'job': missing occupation column 'job' (columns: ['task', 'title'])"


def test_an_occupation_column_in_the_index_is_named_so():
    with pytest.raises(DataFormatError) as info:
        score_tasks(FRAME.set_index("title"), occupation_column="title")
    assert str(info.value) == ("column 'title': missing occupation column 'title' (columns: ['task']); it is a "
                               "level of the frame's index: frame.reset_index() makes it a column again")
    score_tasks(FRAME.set_index("title").reset_index(), occupation_column="title")  # following the advice


# 4. a column name of another type, written the same ----------------------------------------------


@pytest.mark.parametrize("columns, given, hint", [
    ([0, "title"], "0", "the frame has 0 (int, not the text '0'): give text_column=0"),
    (["0", "title"], 0, "the frame has '0' (str, not the int 0): give text_column='0'"),
])
def test_a_text_column_named_as_text_for_a_numbered_column_offers_it(columns, given, hint):
    frame = FRAME.set_axis(columns, axis=1)
    with pytest.raises(DataFormatError) as info:
        score_tasks(frame, "rubric", text_column=given)
    assert str(info.value) == (f"column {given!r}: missing text column {given!r} (columns: {columns!r}); {hint}")
    score_tasks(frame, "rubric", text_column=columns[0])  # following the advice


def test_an_occupation_column_named_as_text_for_a_numbered_column_offers_it():
    frame = FRAME.set_axis(["task", 1], axis=1)
    with pytest.raises(DataFormatError) as info:
        score_tasks(frame, occupation_column="1")
    assert str(info.value) == ("column '1': missing occupation column '1' (columns: ['task', 1]); the frame has 1 "
                               "(int, not the text '1'): give occupation_column=1")
    score_tasks(frame, occupation_column=1)


# 5. rubric: rows scored by the prior alone are warned of -----------------------------------------


def _warnings(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING and "matched no rule" in r.getMessage()]


def test_rubric_warns_of_rows_no_rule_matched(caplog):
    frame = pd.DataFrame({"task": ["lorem ipsum dolor sit amet", PHONES, "Competitive salary and benefits."]},
                         index=[10, 20, 30])
    with caplog.at_level(logging.WARNING):
        out = score_tasks(frame, "rubric")
    assert out.index.tolist() == [10, 20, 30] and out["label"].tolist() == ["E0", "E1", "E0"]
    assert np.isnan(out["confidence"]).all()
    assert _warnings(caplog) == [
        "2 row(s) matched no rule of the rubric (no verb, keyword or work activity it knows; first: row 1 "
        "(index 10), 'lorem ipsum dolor sit amet'): their scores are the rubric's prior alone (for the job "
        "zone, when known), read from no word of the text; method 'learned' (the default) scores any text, "
        "with a confidence"]


def test_exposure_score_rubric_names_the_file_and_row_of_a_prior(tmp_path, capsys, caplog):
    src = tmp_path / "tasks.csv"
    src.write_text(f"task\n{PHONES}\nlorem ipsum dolor sit amet\n")
    with caplog.at_level(logging.WARNING):
        code, _, err = cli(capsys, "score", src, "-o", tmp_path / "out.csv", "--method", "rubric", "--onet", "none")
    assert code == 0, err
    said = _warnings(caplog)
    assert len(said) == 1 and said[0].startswith(f"{src}: 1 row(s) matched no rule of the rubric (no verb, keyword "
                                                 "or work activity it knows; first: row 3, 'lorem ipsum")


@pytest.mark.parametrize("batch_rows", ["1", "0"])
def test_exposure_score_rubric_sums_the_prior_rows_of_a_file(tmp_path, capsys, caplog, batch_rows):
    """Read in batches (``--batch-rows 1``), each batch warned of its own rows: one line per row (stop 54)."""
    src = tmp_path / "tasks.csv"
    src.write_text(f"task\nlorem ipsum dolor sit\n{PHONES}\nzzqx blorf quux\n")
    with caplog.at_level(logging.WARNING):
        code, _, err = cli(capsys, "score", src, "-o", tmp_path / "out.csv", "--method", "rubric", "--onet", "none",
                           "--batch-rows", batch_rows)
    assert code == 0, err
    said = _warnings(caplog)
    assert len(said) == 1 and said[0].startswith(f"{src}: 2 row(s) matched no rule of the rubric (no verb, keyword "
                                                 "or work activity it knows; first: row 2, 'lorem ipsum dolor sit')")


def test_dask_engine_rubric_sums_the_prior_rows_of_a_dataset(tmp_path, caplog, client):
    """Each partition warned of its own rows, naming neither the dataset nor its row (stop 54)."""
    from exposure import dask as xd

    src = tmp_path / "in"
    src.mkdir()
    pd.DataFrame({"task": ["lorem ipsum dolor sit", PHONES]}).to_parquet(src / "a.parquet")
    pd.DataFrame({"task": ["zzqx blorf quux", PHONES]}).to_parquet(src / "b.parquet")
    with caplog.at_level(logging.WARNING, logger="exposure"):
        xd.score_dataset(src, tmp_path / "out", "rubric", onet=None, client=client, progress=False)
    said = _warnings(caplog)
    assert len(said) == 1 and said[0].startswith(f"{src}: 2 row(s) matched no rule of the rubric (no verb, keyword "
                                                 "or work activity it knows; first: row 1, 'lorem ipsum dolor sit')")


# 6. a quoted text holding "(index " does not hide the row's label ---------------------------------


@pytest.mark.parametrize("method", ["learned", "rubric"])
def test_a_text_holding_index_words_still_gets_the_rows_label(method):
    text = "Sort cards \u00c3\u00a9 (index cards)."
    with pytest.raises(DataFormatError) as info:
        score_tasks(pd.DataFrame({"task": [PHONES, text]}, index=[10, 20]), method)
    assert str(info.value) == (f"row 2, column 'task': task text holds 'Ã©' for 'é' (UTF-8 read as Windows-1252 "
                               f"or Latin-1), got {text!r}: read the source as UTF-8 (encoding='utf-8'); a file "
                               "saved after such a reading keeps the garbled text: mend it there (index 20)")
