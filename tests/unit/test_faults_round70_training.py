"""Fault round 70, training: the learned scorer's options, training frame and word vectors.

1. ``TrainConfig`` took whole numbers given as floats (``2.0``, as a config read from a
   YAML or JSON file of settings gives them) and passed them on as they were. scikit-learn
   reads a ``min_df`` float as a share of the documents: ``word_min_df=1.0`` (or
   ``char_min_df=1.0``) kept only the n-grams of every task and raised ``ValueError: After
   pruning, no terms remain`` (or, with n-grams shared by every task, fitted on them
   alone, without a word); ``word_min_df=2.0`` and ``max_iter=100.0`` raised its
   ``InvalidParameterError`` and ``char_ngram=(2.0, 5.0)`` ``TypeError: 'float' object
   cannot be interpreted as an integer``, in the first fit. Now they are kept as ints
   (``2.0`` is 2, as ``check_count`` reads it): the model is the one of ``2``.
2. :func:`~exposure.scoring._distill.distill_vectors` given ``onet="29.1"`` (or None)
   read the lexicon and loaded all-MiniLM-L6-v2, then raised ``AttributeError: 'str'
   object has no attribute 'tasks'`` (``'NoneType' ...``); ``refine="no"`` refined. Now
   refused before anything is read: ``onet must be an O*NET release, e.g.
   exposure.load_onet('29.1'), got str '29.1'``, ``distilling the word vectors needs an
   O*NET release ...``, ``refine must be True or False, got str 'no'``.
3. :func:`~exposure.scoring._train.training_frame` (the rows the learned model is trained
   on, public in its module) took a labels frame as it came: a missing task ID (an empty
   cell of a spreadsheet) raised pandas' ``IntCastingNaNError: Cannot convert non-finite
   values (NA or inf) to integer``, a task ID written ``"2.0"`` ``ValueError: invalid
   literal for int() with base 10: '2.0'``, a missing column ``KeyError: 'task'`` (also
   with the task IDs moved to the index: ``KeyError: 'task_id'``), and anything but a frame
   ``TypeError``. Now a missing task ID is refused naming the row and the column (``row 3,
   column 'task_id': labels: task_id is missing: every task trained on needs its task
   ID``), ``"2.0"`` is task 2 (as ``check_task_labels`` reads it), a missing column is
   named (``labels lacks column(s) ['task'] ...``) and a non-frame refused.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from exposure.errors import DataFormatError
from exposure.scoring._distill import distill_vectors
from exposure.scoring._train import TrainConfig, fit_model, training_frame

_WORDS = ["plan", "budget", "write", "code", "lift", "boxes", "drive", "truck", "draft", "report",
          "analyze", "data"]


def _labels(n: int = 30) -> pd.DataFrame:
    """A small labels frame of ``n`` tasks in made-up occupations, the three classes in turn."""
    rng = np.random.default_rng(0)
    return pd.DataFrame({
        "onetsoc_code": [f"1{i % 9}-10{i % 7}1.00" for i in range(n)],
        "task_id": list(range(1, n + 1)),
        "task": [" ".join(rng.choice(_WORDS, 4)) + "." for _ in range(n)],
        "task_type": ["Core"] * n,
        "title": [f"Title {i % 5}" for i in range(n)],
        "human_exposure_agg": [("E0", "E1", "E2")[i % 3] for i in range(n)],
    })


# 1. whole numbers of TrainConfig given as floats

def _fit(**options):
    config = TrainConfig(sets={"onet": ["word", "char"]}, C={"onet": 1.0}, modern=False, **options)
    return config, fit_model(training_frame(_labels()), config)


@pytest.mark.parametrize("option", ["word_min_df", "char_min_df"])
def test_1_min_df_float_is_a_count(option):
    _, as_int = _fit(**{option: 1})
    config, as_float = _fit(**{option: 1.0})  # "After pruning, no terms remain"
    assert getattr(config, option) == 1 and isinstance(getattr(config, option), int)
    assert as_float.task_word.vocabulary == as_int.task_word.vocabulary
    assert as_float.task_char.vocabulary == as_int.task_char.vocabulary
    _, two = _fit(**{option: 2.0})  # InvalidParameterError
    _, two_int = _fit(**{option: 2})
    assert two.task_word.vocabulary == two_int.task_word.vocabulary
    assert two.task_char.vocabulary == two_int.task_char.vocabulary


def test_1_max_iter_and_char_ngram_floats():
    config, model = _fit(max_iter=100.0, char_ngram=(2.0, 4.0))  # InvalidParameterError, TypeError
    assert config.max_iter == 100 and isinstance(config.max_iter, int)
    assert config.char_ngram == (2, 4) and all(isinstance(n, int) for n in config.char_ngram)
    assert config.to_dict()["char_ngram"] == [2, 4]
    _, same = _fit(max_iter=100, char_ngram=(2, 4))
    np.testing.assert_array_equal(model.coef["onet"], same.coef["onet"])
    with pytest.raises(DataFormatError, match=r"char_ngram must be two whole numbers"):
        TrainConfig(char_ngram=(2.5, 5))
    with pytest.raises(DataFormatError, match=r"TrainConfig max_iter must be a whole number of 1 or more"):
        TrainConfig(max_iter=0.5)


# 2. distill_vectors' arguments, before the lexicon and the model are read

@pytest.mark.parametrize(("kwargs", "message"), [
    ({"onet": "29.1"}, r"^onet must be an O\*NET release, e\.g\. exposure\.load_onet\('29\.1'\), got str '29\.1'$"),
    ({"onet": None}, r"^distilling the word vectors needs an O\*NET release"),
    ({"onet": pd.DataFrame({"task": ["x"]})}, r"pass the release itself, not one of its tables"),
])
def test_2_distill_refuses_what_is_not_a_release(kwargs, message, tmp_path):
    # a lexicon that is not there: it was read first, so the onet error is what comes before it
    with pytest.raises(DataFormatError, match=message):
        distill_vectors(**kwargs, lexicon=tmp_path / "absent.txt")


def test_2_distill_refine_flag(tmp_path):
    class Release:  # the two tables distill_vectors reads; nothing is read before the check
        tasks = pd.DataFrame({"task": ["Draft emails."]})
        occupations = pd.DataFrame({"title": ["Clerks"]})

    with pytest.raises(DataFormatError, match=r"^refine must be True or False, got str 'no'$"):
        distill_vectors(Release(), refine="no", lexicon=tmp_path / "absent.txt")


# 3. training_frame on a labels frame as the caller gives it

@pytest.mark.parametrize("missing", [np.nan, None])
def test_3_missing_task_id_is_refused(missing):
    labels = _labels(3).astype({"task_id": object})
    labels.loc[2, "task_id"] = missing  # IntCastingNaNError
    with pytest.raises(DataFormatError, match=r"^labels, row 3, column 'task_id': task_id is missing"):
        training_frame(labels)


def test_3_task_id_as_text_or_float():
    labels = _labels(3).assign(task_id=["1", "2.0", 3.0])  # ValueError: invalid literal for int()
    rows = training_frame(labels)
    assert rows["task_id"].tolist() == [1, 2, 3] and rows["task_id"].dtype == np.int64
    with pytest.raises(DataFormatError, match=r"row 1, column 'task_id': task ID 'x' is not an integer"):
        training_frame(labels.assign(task_id=["x", 2, 3]))


def test_3_columns_and_frame():
    with pytest.raises(DataFormatError, match=r"^labels lacks column\(s\) \['task'\]"):  # KeyError: 'task'
        training_frame(_labels(3).drop(columns="task"))
    with pytest.raises(DataFormatError, match=r"^labels lacks column\(s\) \['task_id'\]"):
        training_frame(_labels(3).set_index("task_id"))  # the IDs in the index
    with pytest.raises(DataFormatError, match=r"^labels must be a pandas DataFrame"):
        training_frame(_labels(3).to_dict("list"))
