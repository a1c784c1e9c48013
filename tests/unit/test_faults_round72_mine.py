"""Fault round 72, the leads left in files no helper held (each test failed before its fix).

1. A duty whose text begins with an outline's Roman number, ``II. Start infusions.`` or
   ``iv) Enter orders.``, was read with its ``ii`` (``iv``) as a word of the task: only a
   text beginning with something other than a letter was looked at for a list marker
   (:func:`exposure.scoring._features.without_markup`), so ``- II. Start infusions.``
   lost its marker and ``II. Start infusions.`` kept it, with other scores and another
   closest O*NET task. It is read as ``Start infusions.`` now. No O*NET 29.1 or 30.1
   statement and no text cell of the repository's evaluation sets begins that way, so
   no committed score moves.
2. The ``char`` block of a learned model (character n-grams; a model trained with
   ``TrainConfig(sets={...: [..., "char"]})``, the shipped model has none) read the raw
   text, while every other block reads it normalised and without markup: the ``li`` of
   ``<li>File records.</li>``, the ``strong`` of ``<strong>File</strong>``, the ``ii`` of
   an outline's ``II.`` and the words of a web address were n-grams of the task there
   alone. It reads the text as the words are read now
   (:meth:`exposure.scoring.learned.LearnedModel.blocks`).
3. :func:`exposure.scoring.learned.confidence` given its arguments the other way round
   (``confidence(similarity, proba)``) raised numpy's ``AxisError: axis 1 is out of
   bounds for array of dimension 1``, and a ``similarity`` of one value was broadcast over
   every row without a word. Both are refused now, naming the argument and the shape.
4. :func:`exposure.scoring.learned.occupation_groups` read a ``None`` title as the title
   ``'none'`` (the tasks of no title shared one context, as if of one occupation) and
   gave a NaN code as the group NaN. Missing codes and titles are none now: each such
   task is its own group.
5. :func:`exposure.scoring.rubric.load_rubric_rules` given a file (``"rules.csv"``,
   ``"/home/me/rules.csv"``) joined it into a file name of the package and said
   ``.../iwa_rules-/home/me/rules.csv.csv: no rubric rule table version
   '/home/me/rules.csv'``, naming a file that never was; a number or None the same way.
   It names the versions shipped now and, for a path, that it takes a version.
6. :func:`exposure.scoring.retrieval.build_index` of a release of no task (filtered to no
   occupation) built an index whose every retrieval found no task, similarity 0, without
   a word. Refused now, naming ``onet.tasks``.
7. :func:`exposure.scoring._embed.quantise` of one vector raised numpy's ``AxisError``;
   a NaN was stored as the code 0 beside the row's other values and an infinity made the
   row's scale infinite, so saved word vectors held them silently. Refused now, naming the
   row and column.
8. ``exposure.load("measures")`` of a ``reports/measures_table.csv`` that is a Parquet
   file was told ``give it its own extension`` (and, with round 72's new advice of the
   user-table readers, ``rename it 'measures_table.parquet'``): the table is read under
   that one name, as CSV, so neither helps. It is told to save it as CSV now.
9. An OEWS ``OCC_CODE`` that a spreadsheet turned into a date was told to "keep the
   column as text", and a ``NAICS`` code that lost its zeros (``0``) "keep the column as
   text, so that 000000 keeps them": a column made text afterwards shows the date's serial
   number or the number without its zeros. They are told what brings the code back now:
   take the codes from BLS's file again and import the column as Text (or type the code
   with an apostrophe), and the NAICS code with its zeros (``'000000'``).
10. ``train_and_save(..., distill=True, model_dir=D)`` with a ``D`` that holds no model
    (a stray space in its name, a cache layout, an older copy) read the labels and dealt
    the folds before ``distill_vectors`` refused it; it is refused first now, by the one
    check of the model directory (:func:`exposure.scoring._distill.check_model_dir`).
11. Measures given as a pandas array, ``frame["measure"].unique()`` (an
    ``ArrowStringArray`` under pandas 3), were refused as ``measures must be a list of
    measure names, got ArrowStringArray`` by the outcomes (``run_outcomes``,
    ``group_growth``) and the figures (``plot_event_study``, ``figure_names``). They are
    read as the list of names they are now.
12. A one-column CSV starting with two byte-order marks (saved twice by tools that keep
    the first as text), read by ``read_task_file`` (``exposure evaluate --paraphrases``),
    kept the column ``'\\ufefftask'``, unseen: the second mark is dropped now, as
    ``read_frame`` and ``exposure score`` drop it since round 72.
"""

from __future__ import annotations

import types

import numpy as np
import pandas as pd
import pytest
from _frames import outcome_exposures, outcome_panel
from test_faults_round25_releases import OEWS_HEAD, OEWS_ROWS
from test_faults_round70_training import _labels

from exposure import load, oews, outcomes
from exposure._args import check_names
from exposure.errors import DataFormatError, ExposureError
from exposure.onet import load_onet
from exposure.scoring import score_tasks
from exposure.scoring._embed import quantise
from exposure.scoring._features import tokenize, without_markup
from exposure.scoring._files import read_task_file
from exposure.scoring._train import TrainConfig, fit_model, train_and_save, training_frame
from exposure.scoring.learned import confidence, occupation_groups, score_learned
from exposure.scoring.retrieval import build_index
from exposure.scoring.rubric import load_rubric_rules

TASK = "Start intravenous infusions and monitor patients for reactions."
EVIDENCE = ["p_e0", "p_e1", "p_e2", "confidence", "nearest_task_id", "nearest_onetsoc_code", "similarity"]


# ------------------------------------------------------- 1. a Roman number at the very start
@pytest.mark.parametrize("marker", ["II.", "IV)", "iii.", "xii)", "VII."])
def test_an_outline_roman_number_at_the_start_is_not_a_word(marker):
    text = f"{marker} {TASK}"
    assert without_markup([text]) == [TASK]
    assert [tokenize([t]).words for t in (text, TASK)] == [tokenize([TASK]).words] * 2
    out = score_learned(pd.DataFrame({"task": [TASK, text]}))
    pd.testing.assert_frame_equal(out.loc[[1], EVIDENCE].reset_index(drop=True),
                                  out.loc[[0], EVIDENCE].reset_index(drop=True), check_exact=True)


def test_score_tasks_reads_it_as_the_statement_with_a_marker_before_it():
    frame = pd.DataFrame({"task": [f"II. {TASK}", f"- II. {TASK}", TASK]})
    out = score_tasks(frame)
    assert out.loc[0, EVIDENCE].tolist() == out.loc[2, EVIDENCE].tolist()
    assert out.loc[1, EVIDENCE].tolist() == out.loc[2, EVIDENCE].tolist()


@pytest.mark.parametrize("text", [
    "IV: start infusions.",        # a heading word closed by ':'
    "IV drips: start and monitor them.",
    "Vi. Edit text files.",        # mixed case: not a numeral
    "Xi'an office: file records.",
    "Ivx. File records.",
    "Inspect pipes.",
])
def test_words_beginning_with_numeral_letters_are_still_read(text):
    assert without_markup([text]) == [text]


# ------------------------------------------- 2. the char block reads the text as the words do
def _char_model():
    """A small model whose one set is words + character n-grams (the shipped model has no char block)."""
    labels = _labels()  # round 70's made-up labels: plan, budget, report, code ... in made-up occupations
    config = TrainConfig(sets={"onet": ["word", "char"]}, C={"onet": 1.0}, modern=False, char_min_df=1)
    return fit_model(training_frame(labels), config)


@pytest.mark.parametrize(("marked", "plain"), [
    ("<li>Plan budget report.</li>", "Plan budget report."),
    ("<strong>Plan</strong> budget report.", "Plan budget report."),
    ("II. Plan budget report.", "Plan budget report."),
    ("Plan budget report. See https://plan.budget.com/code", "Plan budget report. See"),
])
def test_the_char_block_reads_no_markup(marked, plain):
    got = _char_model().blocks(["char"], [marked, plain], ["", ""], ["", ""])["char"]
    assert (got[0] != got[1]).nnz == 0


# ------------------------------------------------------------ 3. confidence's arguments
def test_confidence_refuses_arguments_of_the_wrong_shape():
    proba = np.array([[0.9, 0.05, 0.05], [0.2, 0.3, 0.5]])
    with pytest.raises(DataFormatError, match=r"proba must be of shape \(n, 3\).*got shape \(2,\)"):
        confidence([1.0, 0.07], proba)
    with pytest.raises(DataFormatError, match=r"similarity must hold one value per row of proba \(2\)"):
        confidence(proba, [1.0])
    with pytest.raises(DataFormatError, match=r"known_words must hold one value per row of proba \(2\)"):
        confidence(proba, [1.0, 1.0], [True])
    assert confidence(proba, [1.0, np.nan], [True, True]).round(2).tolist() == [0.9, 0.0]


# ------------------------------------------------------- 4. missing codes and titles
def test_occupation_groups_reads_missing_codes_and_titles_as_none():
    assert occupation_groups([None, float("nan"), pd.NA, ""], [None, float("nan"), pd.NA, "None"]) == [
        "row:0", "row:1", "row:2", "title:none"]
    assert occupation_groups(["11-1011.00", None], [None, "Clerks"]) == ["11-1011.00", "title:clerks"]


# ------------------------------------------------- 5. a rubric table version that is a path
@pytest.mark.parametrize(("version", "path_like"), [("/home/me/rules.csv", True), ("rules.csv", True),
                                                    ("v2", False), (1, False), (None, False)])
def test_load_rubric_rules_names_the_versions(version, path_like):
    with pytest.raises(DataFormatError) as err:
        load_rubric_rules(version)
    message = str(err.value)
    assert message.startswith(f"no rubric rule table version {version!r} (the versions are 'v1')")
    assert "iwa_rules-" not in message
    assert ("takes the version of a table shipped with the package, not a file" in message) is path_like
    assert len(load_rubric_rules("v1")) == len(load_rubric_rules())


# ------------------------------------------------------ 6. an index of no task statement
def test_build_index_refuses_a_release_of_no_task():
    onet = load_onet("29.1")
    empty = types.SimpleNamespace(tasks=onet.tasks.head(0), task_dwas=onet.task_dwas.head(0), dwas=onet.dwas,
                                  occupations=onet.occupations)
    with pytest.raises(DataFormatError, match=r"^onet.tasks: holds no task statement: an index of no task"):
        build_index(empty)
    one = types.SimpleNamespace(tasks=onet.tasks.head(1), task_dwas=onet.task_dwas, dwas=onet.dwas,
                                occupations=onet.occupations)
    assert build_index(one).retrieve([onet.tasks["task"].iloc[0]]).similarity[0] > 0.99


# --------------------------------------------------------- 7. vectors that cannot be codes
@pytest.mark.parametrize(("vectors", "message"), [
    (np.ones(3), r"vectors must be a matrix, one vector per row; got shape \(3,\)"),
    (np.array([[0.5, 1.0], [np.nan, 1.0]]), r"vectors row 2, column 1 holds nan: vectors must be finite"),
    (np.array([[0.5, np.inf]]), r"vectors row 1, column 2 holds inf"),
])
def test_quantise_refuses_what_it_cannot_code(vectors, message):
    with pytest.raises(DataFormatError, match=message):
        quantise(vectors)
    codes, scale = quantise(np.array([[0.5, -1.0], [0.0, 0.0]]))
    assert codes.tolist() == [[64, -127], [0, 0]] and scale.tolist()[1] == 1.0


# ------------------------------------------------ 8. a Parquet file as the measures table
def test_a_parquet_measures_table_is_told_to_be_saved_as_csv(tmp_path):
    (tmp_path / "reports").mkdir()
    pd.DataFrame({"soc_code": ["11-1011"], "beta": [0.5]}).to_parquet(tmp_path / "reports" / "measures_table.csv")
    with pytest.raises(DataFormatError, match=r"measures_table.csv: file is a Parquet file, not delimited text: "
                                              r"save it as CSV \('CSV UTF-8'\)$"):
        load("measures", directory=tmp_path)


# --------------------------------------------------- 9. OEWS codes a spreadsheet changed
@pytest.mark.parametrize(("change", "advice"), [
    (("000000,Cross-industry,cross-industry,11-1011", "0,Cross-industry,cross-industry,11-1011"),
     "(leading zeros lost? write '000000', and import that column as Text when opening the file in a "
     "spreadsheet)"),
    ((",11-1011,", ",2021-11-01,"),
     "(a date: a spreadsheet read the code 11-2021 as a date; take the codes from BLS's file again and "
     "import that column as Text when opening the file, or type the code with a leading apostrophe ('11-2021))"),
])
def test_oews_codes_a_spreadsheet_changed_get_advice_that_brings_them_back(tmp_path, change, advice):
    path = tmp_path / "national_M2026_dl.csv"
    path.write_text(OEWS_HEAD + OEWS_ROWS.replace(*change))
    with pytest.raises(DataFormatError) as err:
        oews.read_oews(path)
    assert str(err.value).endswith(advice)


# ------------------------------------------------- 10. the model directory checked first
def test_train_and_save_checks_the_model_directory_before_the_labels(tmp_path):
    (tmp_path / "minilm").mkdir()
    with pytest.raises(ExposureError, match=r"model_dir='.*minilm ': not a directory: its name ends with a space"):
        train_and_save(tmp_path / "no_labels.tsv", None, tmp_path / "m.npz", distill=True,
                       model_dir=tmp_path / "minilm ")
    assert not (tmp_path / "m.npz").exists()


# ------------------------------------------------------ 11. measures as a pandas array
def test_measures_given_as_a_pandas_array_are_read():
    names = pd.Series(["beta", "gamma", "beta"], dtype="string").unique()
    assert check_names(names, "measures") == ["beta", "gamma"]
    panel = outcome_panel()
    exposures = outcome_exposures(panel)
    growth = outcomes.group_growth(panel, exposures, names[:1], q=2)
    assert growth["measure"].unique().tolist() == ["beta"]
    with pytest.raises(DataFormatError, match=r"measures must be a list of measure names, got Series"):
        check_names(pd.Series(["beta"]), "measures")


# ------------------------------------------------- 12. two byte-order marks, one column
def test_a_one_column_file_with_two_byte_order_marks_is_read(tmp_path):
    path = tmp_path / "paraphrases.csv"
    path.write_bytes("\ufeff\ufefftask\nFile records.\n\nSort mail.\n".encode())
    frame = read_task_file(path)
    assert list(frame.columns) == ["task"]
    assert frame["task"].tolist()[0] == "File records."
