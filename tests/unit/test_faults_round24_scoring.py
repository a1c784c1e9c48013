"""Fault round 24: the Python scoring API given odd frames and arguments.

``score_tasks``, ``score_learned``, ``score_rubric``, ``task_score_table``, ``load_model``.

1. Two threads scoring at once with the shared loaded model (or one call after another
   in one thread) with more than :data:`~exposure.scoring._features.STEM_CACHE_SIZE`
   distinct words: the stem-id cache of the retrieval vectoriser was emptied in place
   while the other call was still reading it, and that call's words read as unknown
   (all-zero TF-IDF rows, similarity 0), without a word. Two threads each vectorising
   60,000 texts gave different vectors in 2 of 5 runs. Now a full cache is replaced by
   a new one, never emptied under a running call.
2. ``score_learned`` (public, in the docs) checked nothing: a missing text raised
   ``TypeError: sequence item 0: expected str instance, float found``, a missing column
   ``KeyError: 'task'``, ``onet="29.1"`` ``AttributeError``, ``row_offset=None``
   ``TypeError``; a number (``5``) or an empty text was scored as a text without a word.
   Now checked as ``score_rubric`` checks its input (row and column named).
3. An ``onet`` release made of the caller's own frames whose table lacks a column
   (``task_dwas`` without ``dwa_id``, ``dwas`` without ``iwa_id``, ``occupations``
   without ``title``, ``tasks`` without ``task_id``): ``KeyError: 'dwa_id'`` from inside
   the scorers (``score_tasks``, ``score_rubric``, ``score_learned``). Now refused before
   any scoring, naming the table and the columns.
4. A task text or title holding a lone surrogate (``'\\udc80'``: text decoded with
   ``errors="surrogateescape"``, JSON with half an escaped emoji): pyarrow's
   ``UnicodeEncodeError: ... surrogates not allowed`` naming no row. Now refused,
   naming the row and column, with the other input checks (the earliest row wins).
5. ``load_model(registry=...)`` / ``read_registry(path)`` of a missing file, a directory,
   ``""`` or a file that is not UTF-8, ``load_model(5)``: ``FileNotFoundError``,
   ``IsADirectoryError``, ``UnicodeDecodeError``, ``TypeError``. Now ``InputError`` or
   ``DataFormatError`` naming the file or argument.
6. ``task_score_table`` of something that is not scores (None, a Series, a frame without
   the score columns): ``AttributeError``, ``KeyError: 'p_e0'``. Now a
   ``DataFormatError`` saying what is missing.
7. ``rubric``: a duty copied from a numbered list (``1. Write press releases.``,
   ``(a) Operate a forklift ...``, ``2.3 Sort mail``) lost its first-verb evidence
   (``(a)`` even read the verb ``a``), so it scored differently from the same duty
   unnumbered, without a word. The list marker is now skipped.
8. ``score_reference`` (public) with an O*NET-SOC code that is not of the form
   ``00-0000.00`` (``" 11-1021.00"``, ``"11-1021"``, a trailing line break): the task
   matched no label and was left unscored without a word (``score_tasks`` refuses such
   codes). Now refused, naming the row and column; of a bad code and a bad task ID, the
   earlier row is reported.
"""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from exposure.errors import DataFormatError, ExposureError, InputError
from exposure.schemas._fields import first_bad_onetsoc_code
from exposure.scoring import score_tasks, task_score_table
from exposure.scoring._features import STEM_CACHE_SIZE, Tokens, WordTfidf, tokenize
from exposure.scoring.learned import load_model, read_registry, score_learned
from exposure.scoring.reference import score_reference
from exposure.scoring.rubric import score_rubric

TASKS = ["Answer telephones and relay messages.", "Operate a forklift to move pallets."]


# 1. the stem cache emptied under a running call ---------------------------------------------


def test_stem_cache_filled_by_another_call_keeps_the_words_of_a_running_call():
    vec = WordTfidf(["answ", "telephon", "answ telephon"], [1.0, 1.0, 2.0], 2, stem=True)
    texts = ["Answer telephones.", "Telephones answered."]
    expected = vec.transform(texts).toarray()
    assert (expected > 0).sum(axis=1).tolist() == [3, 1]
    flood = " ".join(f"zq{i}" for i in range(STEM_CACHE_SIZE + 1))  # another caller's words

    class Switched(Tokens):
        """The other thread's call runs between this call's look-up and its read."""

        def ids(self, table):
            vec.transform([flood])
            return super().ids(table)

    got = vec.transform(texts, tokens=Switched(*tokenize(texts))).toarray()
    np.testing.assert_array_equal(got, expected)  # all zeros before


def test_stem_cache_still_bounded():
    vec = WordTfidf(["answ"], [1.0], 1, stem=True)
    vec.transform([" ".join(f"zq{i}" for i in range(STEM_CACHE_SIZE - 5))])
    vec.transform([" ".join(f"zw{i}" for i in range(10))])
    assert len(vec._stems) <= STEM_CACHE_SIZE
    np.testing.assert_array_equal(vec.transform(["Answers"]).toarray(), [[1.0]])


# 2. score_learned checks its input --------------------------------------------------------


@pytest.mark.parametrize("frame, message", [
    (pd.DataFrame({"task": pd.Series(["Weld pipes.", None], dtype=object)}),
     "row 2, column 'task': task text must be a non-empty string, got a missing value (index 1)"),
    (pd.DataFrame({"task": ["Weld pipes.", np.nan]}),
     "row 2, column 'task': task text must be a non-empty string, got a missing value (index 1)"),
    (pd.DataFrame({"task": ["Weld pipes.", 5]}),
     "row 2, column 'task': task text must be a non-empty string, got 5 (index 1)"),
    (pd.DataFrame({"task": ["", "Weld pipes."]}),
     "row 1, column 'task': task text must be a non-empty string, got '' (index 0)"),
    (pd.DataFrame({"text": ["Weld pipes."]}),
     "column 'task': missing text column 'task' (columns: ['text'])"),
    (pd.Series(["Weld pipes."]), "frame must be a pandas DataFrame, got Series"),
    (None, "frame must be a pandas DataFrame, got NoneType"),
    (pd.DataFrame([["Weld.", "x"]], columns=["task", "task"]),
     "frame, column 'task': given more than once: keep one"),
])
def test_score_learned_checks_its_frame(frame, message):
    with pytest.raises(DataFormatError) as err:
        score_learned(frame)
    assert str(err.value) == message


@pytest.mark.parametrize("kwargs, message", [
    ({"onet": "29.1"}, "onet must be an O*NET release, e.g. exposure.load_onet('29.1') (or None), "
                       "got str '29.1'"),
    ({"row_offset": None}, "row_offset must be a whole number of 0 or more (1 counts rows from 1), "
                           "got NoneType None"),
    ({"text_column": ["task"]}, "text_column must be a column name (str), got list ['task']"),
    ({"occupation_column": ["title"]}, "occupation_column must be a column name (str) or None, "
                                       "got list ['title']"),
    ({"model": 5}, "model must be a LearnedModel (exposure.scoring.learned.load_model()) or the "
                   "path of a model artifact, got int"),
])
def test_score_learned_checks_its_arguments(kwargs, message):
    with pytest.raises(DataFormatError) as err:
        score_learned(pd.DataFrame({"task": TASKS}), **kwargs)
    assert str(err.value) == message


def test_score_learned_names_the_file_and_row_of_a_bad_text():
    with pytest.raises(DataFormatError) as err:
        score_learned(pd.DataFrame({"task": ["Weld pipes.", " "]}), path="t.csv", row_offset=2)
    assert str(err.value) == ("t.csv, row 3, column 'task': task text must be a non-empty string, "
                              "got ' ' (index 1)")


def test_score_learned_of_valid_texts_as_score_tasks():
    frame = pd.DataFrame({"task": TASKS, "title": ["Clerks", None]}, index=[5, 3])
    got = score_learned(frame)
    want = score_tasks(frame)
    assert got.index.tolist() == [5, 3]
    for col in ("p_e0", "p_e1", "p_e2", "confidence", "similarity"):
        np.testing.assert_array_equal(got[col].to_numpy(float), want[col].to_numpy(float))


# 3. a made-up release lacking a column ------------------------------------------------------


def _release(**drop) -> SimpleNamespace:
    """A two-task release of made-up frames; ``drop`` names the columns to leave out per table."""
    tables = {
        "tasks": pd.DataFrame({"onetsoc_code": ["43-4171.00", "43-4171.00"], "task_id": [1, 2],
                               "task": ["Answer telephones.", "Greet visitors."]}),
        "task_dwas": pd.DataFrame({"onetsoc_code": ["43-4171.00"], "task_id": [1],
                                   "dwa_id": ["4.A.4.a.2.I03.D01"]}),
        "dwas": pd.DataFrame({"dwa_id": ["4.A.4.a.2.I03.D01"], "iwa_id": ["4.A.4.a.2.I03"],
                              "dwa_title": ["Respond to customer inquiries."]}),
        "occupations": pd.DataFrame({"onetsoc_code": ["43-4171.00"], "title": ["Receptionists"],
                                     "job_zone": [2]}),
    }
    for name, cols in drop.items():
        tables[name] = tables[name].drop(columns=list(cols))
    return SimpleNamespace(**tables)


KEYED = pd.DataFrame({"onetsoc_code": ["43-4171.00", "43-4171.00"], "task_id": [1, 2],
                      "task": ["Answer telephones.", "Greet visitors."]})


@pytest.mark.parametrize("method", ["learned", "rubric", "reference"])
@pytest.mark.parametrize("table, column", [("task_dwas", "dwa_id"), ("task_dwas", "task_id"),
                                           ("task_dwas", "onetsoc_code"), ("dwas", "iwa_id")])
def test_score_tasks_refuses_a_release_lacking_a_work_activity_column(method, table, column):
    onet = _release(**{table: [column]})
    labels = pd.DataFrame({"onetsoc_code": ["43-4171.00"], "task_id": [1], "human_exposure_agg": ["E1"]})
    with pytest.raises(DataFormatError) as err:
        score_tasks(KEYED, method, onet=onet, labels=labels)
    have = [c for c in list(getattr(_release(), table).columns) if c != column]
    assert str(err.value) == (f"onet.{table} lacks column(s) [{column!r}] (columns: {have}): onet "
                              "must be an O*NET release, e.g. exposure.load_onet('29.1')")


@pytest.mark.parametrize("table, column", [("tasks", "task_id"), ("tasks", "onetsoc_code"),
                                           ("occupations", "title")])
def test_learned_refuses_a_release_lacking_a_task_or_title_column(table, column):
    onet = _release(**{table: [column]})
    for score in (lambda: score_tasks(KEYED, onet=onet), lambda: score_learned(KEYED, onet=onet)):
        with pytest.raises(DataFormatError, match=rf"^onet\.{table} lacks column\(s\) \['{column}'\]"):
            score()


def test_score_rubric_refuses_a_release_lacking_dwa_id():
    with pytest.raises(DataFormatError, match=r"^onet\.task_dwas lacks column\(s\) \['dwa_id'\]"):
        score_rubric(KEYED, onet=_release(task_dwas=["dwa_id"]))


def test_a_whole_made_up_release_still_scores():
    for method in ("learned", "rubric"):
        out = score_tasks(KEYED, method, onet=_release())
        assert out["label"].notna().all()
    # rubric reads no task or occupation columns: a release without them is fine there
    out = score_tasks(KEYED, "rubric", onet=_release(occupations=["title"], tasks=["task_id"]))
    assert out["label"].notna().all()


# 4. lone surrogates -----------------------------------------------------------------------


def _objects(values) -> pd.Series:
    return pd.Series(values, dtype=object)  # pandas' str dtype cannot even hold them


@pytest.mark.parametrize("method", ["learned", "rubric"])
def test_a_lone_surrogate_in_a_task_text_is_refused_naming_the_row(method):
    frame = pd.DataFrame({"task": _objects(["Weld pipes.", "Answer phones \udc80 now."])})
    with pytest.raises(DataFormatError) as err:
        score_tasks(frame, method, path="t.json", row_offset=2)
    assert str(err.value) == (
        "t.json, row 3, column 'task': task text holds '\\udc80', a lone surrogate, not a "
        "character (text decoded with errors='surrogateescape', or a broken JSON escape?): "
        "decode the source with its own encoding")


@pytest.mark.parametrize("column, kwargs", [("title", {}), ("job", {"occupation_column": "job"})])
def test_a_lone_surrogate_in_a_title_is_refused_naming_the_row(column, kwargs):
    frame = pd.DataFrame({"task": TASKS, column: _objects(["Clerks", "Dr\ud83dvers"])})
    with pytest.raises(DataFormatError) as err:
        score_tasks(frame, **kwargs)
    assert str(err.value).startswith(f"row 2, column {column!r}: occupation title holds '\\ud83d', "
                                     "a lone surrogate")


def test_the_earliest_row_wins_among_a_surrogate_and_an_empty_text():
    frame = pd.DataFrame({"task": _objects(["Weld pipes.", "Sew \udc80.", ""])})
    with pytest.raises(DataFormatError, match=r"^row 2, column 'task': task text holds"):
        score_tasks(frame)
    frame = pd.DataFrame({"task": _objects(["", "Sew \udc80."])})
    with pytest.raises(DataFormatError, match=r"^row 1, column 'task': task text must be"):
        score_tasks(frame)


def test_other_scripts_and_emoji_are_still_scored():
    frame = pd.DataFrame({"task": ["Answer 电话 and relay messages 😀.", "Réviser les factures."],
                          "title": ["Réceptionniste", "Comptable"]})
    assert score_tasks(frame)["label"].notna().all()


# 5. load_model / read_registry of a registry that cannot be read ----------------------------


def test_read_registry_of_a_missing_file_or_a_directory(tmp_path):
    with pytest.raises(InputError) as err:
        read_registry(tmp_path / "none.txt")
    assert str(err.value) == f"{tmp_path / 'none.txt'}: cannot read: No such file or directory"
    with pytest.raises(InputError) as err:
        load_model(registry=tmp_path)
    assert str(err.value) == f"{tmp_path}: cannot read: Is a directory"


def test_read_registry_of_a_file_that_is_not_utf8(tmp_path):
    reg = tmp_path / "registry.txt"
    reg.write_bytes(b"learned-v1.npz \xff" + b"0" * 63 + b"\n")
    with pytest.raises(DataFormatError) as err:
        load_model(registry=reg)
    assert str(err.value) == (f"{reg}: byte 0xff is not valid UTF-8 (byte offset 15): a model "
                              "registry is text")


@pytest.mark.parametrize("kwargs, message", [
    ({"registry": ""}, "registry is empty: give a model registry file (an empty path would be read "
                       "as the current directory)"),
    ({"registry": 5}, "registry must be a model registry file (str or os.PathLike), got int 5"),
    ({"path": 5}, "path must be a model artifact path (str or os.PathLike), got int 5"),
    ({"path": b"learned-v1.npz"}, "path must be a model artifact path (str or os.PathLike), got "
                                  "bytes b'learned-v1.npz'"),
])
def test_load_model_arguments_of_the_wrong_kind(kwargs, message):
    with pytest.raises(DataFormatError) as err:
        load_model(**kwargs)
    assert str(err.value) == message


def test_load_model_blank_path_message_kept():
    with pytest.raises(ExposureError, match="the model artifact path is empty"):
        load_model("")


# 6. task_score_table of what is not scores --------------------------------------------------


@pytest.mark.parametrize("scored, message", [
    (None, "scored must be a pandas DataFrame, got NoneType None"),
    (pd.Series([0.5], name="beta"), "scored must be a pandas DataFrame, got Series"),
    (pd.DataFrame({"task": ["Weld pipes."]}),
     "scored lacks column(s) ['p_e0', 'p_e1', 'p_e2', 'label', 'alpha', 'beta', 'gamma', 'admin', "
     "'routine_coding', 'entry_creative', 'method'] (columns: ['task']): give the output of "
     "score_tasks"),
])
def test_task_score_table_of_what_is_not_scores(scored, message):
    with pytest.raises(DataFormatError) as err:
        task_score_table(scored)
    assert str(err.value) == message


def test_task_score_table_of_scores_missing_one_column_or_with_one_twice():
    scored = score_tasks(pd.DataFrame({"task": TASKS}), "rubric")
    with pytest.raises(DataFormatError, match=r"^s\.csv: scored lacks column\(s\) \['beta'\] "):
        task_score_table(scored.drop(columns="beta"), path="s.csv")
    with pytest.raises(DataFormatError, match=r"^scored, column 'beta': given more than once: keep one"):
        task_score_table(pd.concat([scored, scored[["beta"]]], axis=1))
    assert list(task_score_table(scored).columns)[:3] == ["onetsoc_code", "task_id", "p_e0"]


# 7. rubric: duties copied from numbered lists -------------------------------------------------


@pytest.mark.parametrize("plain, numbered", [
    ("Write press releases.", "1. Write press releases."),
    ("Write press releases.", "10) Write press releases."),
    ("Operate a forklift to move pallets.", "(a) Operate a forklift to move pallets."),
    ("Sort incoming mail.", "2.3 Sort incoming mail."),
    ("Schedule appointments.", "iv. Schedule appointments."),
])
def test_rubric_reads_the_verb_after_a_list_marker(plain, numbered):
    out = score_tasks(pd.DataFrame({"task": [plain, numbered]}), "rubric")
    np.testing.assert_array_equal(out.loc[1, ["p_e0", "p_e1", "p_e2"]].to_numpy(float),
                                  out.loc[0, ["p_e0", "p_e1", "p_e2"]].to_numpy(float))
    verb = plain.split()[0].lower()
    assert f"verb {verb!r}" in score_rubric(pd.DataFrame({"task": [numbered]})).loc[0, "rule"]


def test_rubric_first_word_unchanged_without_a_marker():
    rules = score_rubric(pd.DataFrame({"task": ["Weld steel beams.", "A forklift is driven.",
                                                "- Operate a lift."]}))["rule"].tolist()
    assert rules[0].startswith("verb 'weld'")
    assert "verb" not in rules[1]
    assert rules[2].startswith("verb 'operate'")



# 8. score_reference of a malformed O*NET-SOC code -------------------------------------------

LABELS = pd.DataFrame({"onetsoc_code": ["11-1021.00", "11-1021.00"], "task_id": [20699, 933],
                       "human_exposure_agg": ["E2", "E1"]})


@pytest.mark.parametrize("code", [" 11-1021.00", "11-1021", "11-1021.00\n", "111021.00", "bad"])
def test_score_reference_refuses_a_malformed_code(code):
    frame = pd.DataFrame({"onetsoc_code": ["11-1021.00", code], "task_id": [20699, 933],
                          "task": ["Review reports.", "Direct activities."]})
    with pytest.raises(DataFormatError) as err:
        score_reference(frame, LABELS)
    # the code to write, as the tables keyed by O*NET-SOC code say it (round 73)
    hint = first_bad_onetsoc_code(pd.Series([code]))[1].split(repr(code), 1)[1]
    assert str(err.value) == (f"row 2, column 'onetsoc_code': O*NET-SOC code {code!r} is not of the "
                              f"form 00-0000.00 (e.g. 11-1011.00){hint}")


def test_score_reference_reports_the_earlier_of_a_bad_code_and_a_bad_task_id():
    frame = pd.DataFrame({"onetsoc_code": ["11-1021.00", "11-1021", "11-1021.00"],
                          "task_id": [20699, 933, 7.5], "task": ["a", "b", "c"]})
    with pytest.raises(DataFormatError, match=r"^row 2, column 'onetsoc_code'"):
        score_reference(frame, LABELS)
    with pytest.raises(DataFormatError, match=r"^row 2, column 'task_id': task ID 7.5"):
        score_reference(frame.assign(task_id=[20699, 7.5, 933], onetsoc_code=["11-1021.00"] * 2 + ["x"]),
                        LABELS)


def test_score_reference_of_valid_and_missing_codes_unchanged():
    frame = pd.DataFrame({"onetsoc_code": pd.Series(["11-1021.00", None, "11-1021.00"], dtype="category"),
                          "task_id": [20699, 933, 933], "task": ["a", "b", "c"]})
    out = score_reference(frame, LABELS)
    assert out["p_e2"].tolist()[0] == 1.0 and out["p_e1"].tolist()[2] == 1.0
    assert out.iloc[1].isna().all()
