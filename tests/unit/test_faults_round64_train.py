"""Round 64: training and evaluation inputs (``TrainConfig``, ``cross_validate``, the modern rows, ``agreement``).

Faults found and fixed (each test below failed before its fix):

1. **``TrainConfig`` was not checked.** A block name mistyped (``sets={"text": ["words",
   "title"]}``) or a set given as one string (``{"text": "word"}``, read letter by letter)
   raised ``KeyError: 'words'`` (``'w'``) when the vocabularies were fitted; a set of
   another name (``{"mine": [...]}``) was fitted in every fold of the cross-validation,
   then ``train_learned`` raised ``KeyError: 'mine'``; a set without its ``C`` (or a block
   without its weight) a ``KeyError``; ``C={"text": "2"}`` scikit-learn's
   ``InvalidParameterError`` (a weight NaN, ``char_ngram=(5, 2)``: its ``ValueError``);
   ``grounded`` in a config without an ``onet`` set a ``KeyError: 'onet'`` after the
   vocabularies; ``max_iter=0`` a model of untrained coefficients (every probability near
   1/3, with only scikit-learn's ``ConvergenceWarning``); ``modern="no"`` was read as True;
   a dict given as ``config`` ``AttributeError: 'dict' object has no attribute 'sets'``. Now
   ``TrainConfig(...)`` itself refuses them, naming the field and the value
   (``TrainConfig sets['text']: unknown feature block 'words'; the blocks are word, ...``),
   and ``fit_model`` / ``cross_validate`` / ``train_learned`` refuse a config that is not a
   ``TrainConfig`` (``config must be a TrainConfig ... got dict: write TrainConfig(**config)``).
2. **``cross_validate(rows, n_folds="2")``** said ``cannot deal 8 occupation groups into 2
   folds: the folds must number from 2 to 8`` (a message contradicting itself), and
   ``n_folds=2.0`` (a whole float, which ``train_learned`` takes as 2) was refused the same
   way. Now ``n_folds must be a whole number of 2 or more, got str '2'`` and 2.0 is 2, as
   ``train_learned`` and ``train_and_save`` read it (``exposure._args.check_count``).
3. **``modern_training_rows(path)`` did not check the file as the other readers do.** A
   missing file, a directory, ``path=""`` (read as the current directory) or ``path=5``
   were tracebacks (``FileNotFoundError``, ``IsADirectoryError``, ``TypeError``); a UTF-16
   file said ``'utf-8' codec can't decode byte 0xff``; a semicolon-separated file (Excel's
   CSV in a European locale) ``missing column(s) ['task', 'label']``, of a file that has
   them. Now ``m.csv: file not found``, ``is a directory, not a file``, ``path is empty:
   ...``, ``file is UTF-16 text (Excel's 'Unicode Text'): save it as UTF-8``, ``the header
   holds ';' and no ',': the file looks semicolon-separated ...``
   (``exposure._args.check_path``, ``exposure._tables.check_file``,
   ``check_published_separator``).
4. **``modern_training_rows(path)`` misread a file's content.** A column named twice in the
   header (``task,label,label``) was read as ``label`` and ``label.1``, the second label
   ignored, and a NUL byte was read into the task, both silently; the rows of empty cells
   Excel writes at the end of a file whose cells were cleared (``,,``) were refused as an
   empty task. Now ``m.csv, row 1, column 'label': given more than once (columns 2 and
   3): keep one`` and ``m.csv, row 2: file is binary, not text (a NUL byte at
   ...)``, and the empty rows ending the file are ignored, as ``exposure score`` and the
   other readers ignore them (``check_header``, ``check_no_nul``, ``drop_empty_tail``).
   The package's own file is read as before (hash-equal rows).
5. **``agreement`` / ``check_proba`` read a frame of columns ``E0``, ``E1``, ``E2`` by
   position.** ``pd.get_dummies`` of labels whose categories are in another order (or a
   ``pd.crosstab``) gives the columns ``E1, E0, E2``: E1 was read as E0, and a perfect
   rater scored accuracy 0.33 without a word. Now such a frame is read by its column
   names, as the ``p_e0, p_e1, p_e2`` columns of ``score_tasks`` already were.

Fixtures: made-up labels (``test_scoring_train``'s helpers) and small CSV files written by
the tests.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

pytest.importorskip("sklearn")

from test_faults_round58_train import WORDS_ONLY  # noqa: E402  (one set of words: fast)
from test_scoring_train import synthetic_labels  # noqa: E402

from exposure.errors import DataFormatError  # noqa: E402
from exposure.scoring._evaluate import agreement, check_proba  # noqa: E402
from exposure.scoring._train import (  # noqa: E402
    TrainConfig,
    cross_validate,
    fit_model,
    modern_training_rows,
    train_learned,
    training_frame,
)


@pytest.fixture(scope="module")
def labels():
    return synthetic_labels(n_occ=8, n_tasks=10)


# --- 1. TrainConfig ---------------------------------------------------------------------------

@pytest.mark.parametrize("fields, message", [
    ({"sets": {"text": ["words", "title"]}, "C": {"text": 2.0}},
     r"TrainConfig sets\['text'\]: unknown feature block 'words'; the blocks are word, char, title"),
    ({"sets": {"text": ["Word"]}, "C": {"text": 2.0}},
     r"unknown feature block 'Word'; .*: write 'word' \(the choices are case-sensitive\)"),
    ({"sets": {"text": "word"}, "C": {"text": 2.0}},
     r"TrainConfig sets\['text'\] must be a list of feature blocks, e\.g\. \['word', 'title'\], got str 'word'"),
    ({"sets": {"mine": ["word"]}, "C": {"mine": 2.0}},
     r"TrainConfig sets: unknown coefficient set 'mine'; the sets are onet, text, free"),
    ({"sets": ["word"]}, r"TrainConfig sets must be a dict of coefficient sets"),
    ({"sets": {"text": ["word"]}, "C": {"onet": 2.0}},
     r"TrainConfig C has no value for the set 'text' \(the inverse penalty of its regression\)"),
    ({"sets": {"text": ["word"]}, "C": {"text": "2"}}, r"TrainConfig C\['text'\] must be a positive number, got str '2'"),
    ({"sets": {"text": ["word"]}, "C": {"text": 0}}, r"TrainConfig C\['text'\] must be a positive number, got int 0"),
    ({"sets": {"text": ["word", "title"]}, "C": {"text": 2.0}, "weights": {"word": 1.0}},
     r"TrainConfig weights\['title'\] must be a number of 0 or more .*, got NoneType None"),
    ({"sets": {"text": ["word"]}, "C": {"text": 2.0}, "weights": {"word": float("nan")}},
     r"TrainConfig weights\['word'\] must be a number of 0 or more"),
    ({"sets": {"free": ["word", "grounded"]}, "C": {"free": 1.0}},
     r"TrainConfig sets\['free'\]: the grounded block carries the onet set's probabilities"),
    ({"sets": {"onet": ["word", "grounded"]}, "C": {"onet": 1.0}},
     r"TrainConfig sets\['onet'\]: the grounded block"),
    ({"word_min_df": "2"}, r"TrainConfig word_min_df must be a whole number of 1 or more, got str '2'"),
    ({"max_iter": 0}, r"TrainConfig max_iter must be a whole number of 1 or more, got int 0"),
    ({"char_ngram": (5, 2)}, r"TrainConfig char_ngram must be two whole numbers \(shortest, longest\)"),
    ({"modern": "no"}, r"TrainConfig modern must be True or False, got str 'no'"),
])
def test_a_train_config_the_fit_would_misread_is_refused_when_made(fields, message):
    with pytest.raises(DataFormatError, match=message):
        TrainConfig(**fields)


def test_a_train_config_of_an_unknown_set_is_refused_before_the_cross_validation(labels):
    # it was fitted in every fold, then train_learned raised KeyError: 'mine'
    with pytest.raises(DataFormatError, match="unknown coefficient set 'mine'"):
        train_learned(labels, config=TrainConfig(sets={"mine": ["word"]}, C={"mine": 2.0}, word_min_df=1,
                                                 modern=False), n_folds=2)
    # the default and the configs of the other tests are taken as before
    assert TrainConfig().to_dict()["sets"]["text"][-1] == "embed"
    TrainConfig(sets={"onet": ["word", "activity"], "free": ["word", "grounded"]}, C={"onet": 2.0, "free": 2.0})
    TrainConfig(sets={"text": ["word", "context"]}, C={"text": 2.0}, weights={"word": 1.0, "context": 3.0})
    TrainConfig(char_ngram=[3, 3], weights={**TrainConfig().weights, "char": 0})
    model = fit_model(training_frame(labels), WORDS_ONLY)
    assert model.coef["text"].shape[0] == 3


@pytest.mark.parametrize("call", ["fit_model", "cross_validate", "train_learned"])
def test_a_config_that_is_not_a_train_config_is_refused(labels, call):
    config = {"sets": {"text": ["word"]}, "C": {"text": 2.0}}  # AttributeError: 'dict' object has no attribute 'sets'
    rows = training_frame(labels)
    run = {"fit_model": lambda: fit_model(rows, config),
           "cross_validate": lambda: cross_validate(rows, config, n_folds=2),
           "train_learned": lambda: train_learned(labels, config=config, n_folds=2)}[call]
    with pytest.raises(DataFormatError, match=r"config must be a TrainConfig \(or None for the shipped model's\), "
                                              r"got dict: write TrainConfig\(\*\*config\)"):
        run()


# --- 2. cross_validate's fold count -----------------------------------------------------------

@pytest.mark.parametrize("n_folds", ["2", 2.5, True])
def test_cross_validate_names_a_fold_count_that_is_not_a_whole_number(labels, n_folds):
    # "2" was "cannot deal 8 occupation groups into 2 folds: the folds must number from 2 to 8"
    with pytest.raises(DataFormatError, match=r"n_folds must be a whole number of 2 or more, got"):
        cross_validate(training_frame(labels), WORDS_ONLY, n_folds=n_folds)


def test_cross_validate_reads_a_whole_float_fold_count_as_train_learned_does(labels):
    rows = training_frame(labels)
    two = cross_validate(rows, WORDS_ONLY, n_folds=2)
    again = cross_validate(rows, WORDS_ONLY, n_folds=2.0)  # refused as "into 2.0 folds" before
    np.testing.assert_array_equal(two["folds"], again["folds"])
    np.testing.assert_array_equal(two["proba"]["text"], again["proba"]["text"])


# --- 3. modern_training_rows(path): the file ---------------------------------------------------

def test_modern_rows_path_that_is_no_file_is_named(tmp_path):
    with pytest.raises(DataFormatError, match=r"m\.csv: file not found"):  # FileNotFoundError
        modern_training_rows(tmp_path / "m.csv")
    with pytest.raises(DataFormatError, match=r": is a directory, not a file"):  # IsADirectoryError
        modern_training_rows(tmp_path)
    with pytest.raises(DataFormatError, match=r"path is empty: give a CSV file of modern tasks \(an empty "
                                              r"path would be read as the current directory\)"):
        modern_training_rows("")  # IsADirectoryError: '.'
    with pytest.raises(DataFormatError, match=r"path must be a CSV file of modern tasks \(str or os\.PathLike\), "
                                              r"got int 5"):
        modern_training_rows(5)  # TypeError


@pytest.mark.parametrize("data, message", [
    ("task,label\r\nDraft replies.,E1\r\n".encode("utf-16"),
     r"m\.csv: file is UTF-16 text \(Excel's 'Unicode Text'\): save it as UTF-8 \('CSV UTF-8'\)"),
    (b"task;label\r\nDraft replies.;E1\r\nWeld pipes.;E0\r\n",
     r"m\.csv, row 1: the header holds ';' and no ',': the file looks semicolon-separated"),
    (b"task\tlabel\nDraft replies.\tE1\n", r"m\.csv, row 1: the header holds tabs and no ',': the file looks "
                                           r"tab-separated"),
], ids=["utf-16", "semicolons", "tabs"])
def test_modern_rows_file_in_another_encoding_or_separator_is_named_so(tmp_path, data, message):
    path = tmp_path / "m.csv"
    path.write_bytes(data)
    with pytest.raises(DataFormatError, match=message):
        modern_training_rows(path)


# --- 4. modern_training_rows(path): the content ------------------------------------------------

@pytest.mark.parametrize("text, message", [
    ("task,label,label\nDraft replies.,E1,E2\n",
     r"m\.csv, row 1, column 'label': given more than once \(columns 2 and 3\): keep one$"),
    ("task,task,label\nDraft replies.,Weld pipes.,E2\n", r"m\.csv, row 1, column 'task': given more than once"),
    ("task,label\nDraft replies.,E1\nWeld\x00 pipes.,E0\n", r"m\.csv, row 3: file is binary, not text \(a NUL byte"),
], ids=["label-twice", "task-twice", "nul-byte"])
def test_modern_rows_file_read_otherwise_than_written_is_refused(tmp_path, text, message):
    path = tmp_path / "m.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataFormatError, match=message):
        modern_training_rows(path)


@pytest.mark.parametrize("tail", [",\r\n,\r\n", ",,\n", ",\n\n"])
def test_modern_rows_excel_empty_rows_ending_the_file_are_ignored(tmp_path, tail):
    path = tmp_path / "m.csv"
    width = tail.split("\n")[0].count(",") + 1
    header = "task,label" + (",set" if width == 3 else "")
    rows = ["Draft replies.,E1", "Weld pipes.,E0"] if width == 2 else ["Draft replies.,E1,a", "Weld pipes.,E0,a"]
    path.write_bytes(("\ufeff" + header + "\r\n" + "\r\n".join(rows) + "\r\n" + tail).encode("utf-8"))
    got = modern_training_rows(path)  # "row 4, column 'task': empty task" before
    assert got[["task", "label", "y"]].to_dict("list") == {"task": ["Draft replies.", "Weld pipes."],
                                                           "label": ["E1", "E0"], "y": [1, 0]}
    # such a row between two tasks is still an empty task
    path.write_text("task,label\nDraft replies.,E1\n,\nWeld pipes.,E0\n", encoding="utf-8")
    with pytest.raises(DataFormatError, match=r"m\.csv, row 3, column 'task': empty task"):
        modern_training_rows(path)
    # the package's own rows are read as before
    package = modern_training_rows()
    assert len(package) == 3100 and package["y"].dtype == int and list(package.index) == list(range(3100))


# --- 5. agreement with a frame of columns E0, E1, E2 ---------------------------------------------

def test_agreement_reads_a_frame_of_label_columns_by_name():
    order = pd.CategoricalDtype(["E1", "E0", "E2"])  # categories in order of appearance
    rated = pd.Series(["E1", "E0", "E2", "E1", "E0", "E2"], dtype=order)
    human = [1, 0, 2, 1, 0, 2]
    codes, weights = ["a", "b", "c", "d", "e", "f"], [1] * 6
    dummies = pd.get_dummies(rated, dtype=float)
    assert list(dummies.columns) == ["E1", "E0", "E2"]
    assert agreement(dummies, human, codes, weights)["accuracy"] == 1.0  # 0.33 before, without a word
    table = pd.crosstab(pd.Series(range(6)), rated, normalize="index")
    assert agreement(table, human, codes, weights)["kappa"] == 1.0
    assert check_proba(pd.DataFrame({"E2": [0.7], "E0": [0.1], "E1": [0.2], "n": [3]})).tolist() == [[0.1, 0.2, 0.7]]
    # columns p_e0..p_e2 are read first, as before
    both = pd.DataFrame({"p_e0": [1.0], "p_e1": [0.0], "p_e2": [0.0], "E0": [0.0], "E1": [0.0], "E2": [1.0]})
    assert check_proba(both).tolist() == [[1.0, 0.0, 0.0]]
