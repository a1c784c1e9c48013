"""Fault round 71, learned: the free-text model reading markup, and damaged model artifacts.

Faults found (each test below; before -> now):

1. A duty copied from a web page's source or from a long numbered list was read with its
   markup as words of the task: ``<li>Answer telephones and take messages for the office
   manager.</li>`` was scored p(E2) 0.209 instead of 0.174 (``li`` a word), ``10) Answer
   ...`` had the similarity 0.515 instead of 0.551 to its closest O*NET task (``10`` a
   word), and so did ``(iv)``, ``<strong>`` or ``<br/>`` (while ``1) ``, ``- ``, ``• `` and
   ``**Answer**`` already read as the statement) -> HTML tags and a list marker before the
   first word are not read by the ``learned`` scorer (its words, retrieval and word
   vectors: ``_features.without_markup`` in ``tokenize``); such a text is scored as the
   statement, O*NET's statements as before (none holds ``<`` or begins with a marker).
   ``method="transformer"`` read the markup too (p(E0) 0.036 for ``<li>...</li>``, 0.039
   for ``10) ...``, against the statement's 0.022) -> it reads the texts as ``learned``
   does (``transformer._read_texts``); a text that is markup only is scored as before.
2. A pinned model artifact whose metadata is damaged, edited by hand or of another
   version of the library was loaded without a check: a coefficient set naming a feature
   block this version does not know loaded without a word and raised ``KeyError: 'bert'``
   from inside ``score_tasks``; a temperature or ``word_ngram_max`` of text raised a bare
   ``ValueError: could not convert string to float: 'x'`` / ``invalid literal for int()``,
   ``weights`` that are a list ``TypeError: cannot convert dictionary update sequence
   element #0 to a sequence``; coefficients of other rows than the three classes were used
   -> ``DataFormatError`` naming the file, the key or array and what is expected.
3. A model artifact whose coefficient sets use the retrieval (``grounded``) or word-vector
   (``embed``) block but whose metadata names no index or vectors file, or whose
   coefficients have more or fewer columns than its blocks have features, was loaded and
   scored every text silently with its coefficients read at the wrong columns (similarity
   0, no nearest task), or raised numpy's broadcasting ``ValueError`` at the first text ->
   ``DataFormatError`` naming the file, at load.
4. A model artifact path with a stray space at the end (copied from a spreadsheet cell) or
   an unexpanded ``~`` (``score_tasks(df, model="~/m/learned-v1.npz")``, ``load_model``)
   said ``model '.../learned-v1.npz ' is not a file: pass a LearnedModel ...`` /
   ``model artifact not found: .../learned-v1.npz`` and nothing of the space or the ``~``
   -> the message says why, as the shared readers do (``_tables.missing_note``): ``its
   name ends with a space; '.../learned-v1.npz' (without it) is a file: give that path``,
   ``the '~' is not read as the home directory``; other missing paths as before.
"""

from __future__ import annotations

import hashlib
import shutil

import numpy as np
import pandas as pd
import pytest

from exposure._io import read_arrays, write_arrays
from exposure.errors import DataFormatError, ExposureError
from exposure.scoring import score_tasks
from exposure.scoring.learned import load_model, score_learned, shipped_model_path, update_registry

TASK = "Answer telephones and take messages for the office manager."
EVIDENCE = ["p_e0", "p_e1", "p_e2", "confidence", "nearest_task_id", "nearest_onetsoc_code", "similarity"]


# ---------------------------------------------------------------------- 1. markup as words
@pytest.mark.parametrize("text", [
    f"<li>{TASK}</li>",
    f"10) {TASK}",
    f"10.{TASK}",
    f"(iv) {TASK}",
    "<p><strong>Answer</strong> telephones and take messages for the office manager.<br/></p>",
    f"&lt;li&gt;{TASK}",
])
def test_html_tags_and_list_markers_are_not_read_as_words_of_the_task(text):
    """The text with its markup scores as the statement alone (probabilities and evidence)."""
    out = score_learned(pd.DataFrame({"task": [TASK, text]}))
    pd.testing.assert_frame_equal(out.loc[[1], EVIDENCE].reset_index(drop=True),
                                  out.loc[[0], EVIDENCE].reset_index(drop=True), check_exact=True)


def test_markup_is_read_away_by_score_tasks_in_any_row_and_batch():
    """In ``score_tasks``, whatever the row the marked duty has, the same scores as the statement."""
    frame = pd.DataFrame({"task": ["Lay bricks to build walls.", f"<li>11) {TASK}</li>", TASK]})
    out = score_tasks(frame)
    assert out.loc[1, EVIDENCE].tolist() == out.loc[2, EVIDENCE].tolist()
    alone = score_tasks(frame.iloc[[1]])
    assert alone.loc[1, EVIDENCE].tolist() == out.loc[2, EVIDENCE].tolist()
    # numbers that are words of the task (no closing mark after them) are still read
    words = score_tasks(pd.DataFrame({"task": ["Monitor alarm panels.", "24 hour monitor alarm panels.",
                                               "Cut pipes.", "1.5mm pipes cut."]}))
    assert words.loc[0, "similarity"] != words.loc[1, "similarity"]
    assert words.loc[2, "similarity"] != words.loc[3, "similarity"]




def test_the_transformer_reads_the_task_without_its_markup():
    """``method="transformer"``: the marked duties score as the statement; markup alone is still scored."""
    frame = pd.DataFrame({"task": [TASK, f"<li>{TASK}</li>", f"10) {TASK}", "<li>&nbsp;</li>"]})
    out = score_tasks(frame, method="transformer")
    probs = out[["p_e0", "p_e1", "p_e2"]].to_numpy()
    assert (probs[1] == probs[0]).all() and (probs[2] == probs[0]).all()
    assert out.loc[3, "confidence"] == 0.0


# ------------------------------------------------------------------ 2-3. damaged artifacts
@pytest.fixture
def folder(tmp_path):
    """A folder whose name holds a space."""
    path = tmp_path / "my models"
    path.mkdir()
    return path


def _pinned_model(folder, change):
    """The shipped model, changed by ``change(arrays, meta)``, pinned in ``folder``: its path and registry.

    Its index and word vectors are copied beside it and pinned in ``folder/registry.txt`` too.
    """
    arrays, meta = read_arrays(shipped_model_path().read_bytes())
    arrays, meta = dict(arrays), dict(meta)
    for name in (meta["index"], meta["vectors"]):
        shutil.copyfile(shipped_model_path().with_name(name), folder / name)
    change(arrays, meta)
    model = folder / shipped_model_path().name
    write_arrays(arrays, meta, model)
    registry = folder / "registry.txt"
    for path in folder.glob("*.npz"):
        update_registry(registry, path.name, hashlib.sha256(path.read_bytes()).hexdigest())
    return model, registry


@pytest.mark.parametrize("change, message", [
    (lambda a, m: m.update(sets=dict(m["sets"], free=m["sets"]["free"] + ["bert"])),
     r"coefficient set 'free' names feature blocks \['bert'\] that this version does not know"),
    (lambda a, m: m.update(temperature=dict(m["temperature"], onet="x")),
     "temperature of set 'onet' must be a number above 0, got str 'x'"),
    (lambda a, m: m.update(temperature=dict(m["temperature"], text=0)),
     "temperature of set 'text' must be a number above 0, got int 0"),
    (lambda a, m: m.update(weights=[1, 2]), "weights must map feature blocks to numbers, got list"),
    (lambda a, m: m.update(word_ngram_max="two"), "word_ngram_max must be a whole number of 1 or more"),
    (lambda a, m: a.update(coef_onet=a["coef_onet"][:2]), "array 'coef_onet' must hold finite numbers, one row"),
    (lambda a, m: a.update(intercept_free=np.array([0.0, np.nan, 0.0])),
     "array 'intercept_free' must hold 3 finite numbers"),
])
def test_a_model_artifact_with_damaged_metadata_is_refused_naming_the_file(folder, change, message):
    """Refused at load with the file named: not a KeyError, ValueError or TypeError, not loaded as is."""
    model, registry = _pinned_model(folder, change)
    with pytest.raises(DataFormatError, match=message) as info:
        score_tasks(pd.DataFrame({"task": [TASK]}), model=load_model(model, registry=registry))
    assert info.value.path == str(model)
    # the undamaged copy, pinned, loads and scores as the shipped model
    model, registry = _pinned_model(folder, lambda a, m: None)
    frame = pd.DataFrame({"task": [TASK, "Lay bricks to build walls."]})
    pd.testing.assert_frame_equal(score_tasks(frame, model=load_model(model, registry=registry)),
                                  score_tasks(frame), check_exact=True)


@pytest.mark.parametrize("change, message", [
    (lambda a, m: m.pop("index"), "the coefficient set '(text|free)' uses the 'grounded' block, but the "
                                  "artifact's metadata names no index file"),
    (lambda a, m: m.pop("vectors"), "uses the 'embed' block, but the artifact's metadata names no vectors file"),
    (lambda a, m: a.update(coef_free=np.hstack([a["coef_free"], np.zeros((3, 1))])),
     "the coefficient set 'free' has [0-9]+ columns for the [0-9]+ features of its blocks"),
])
def test_a_model_whose_coefficients_do_not_fit_its_blocks_is_refused_at_load(folder, change, message):
    """Not scored with its coefficients read at the wrong columns (or numpy's ValueError at the first text)."""
    model, registry = _pinned_model(folder, change)
    with pytest.raises(DataFormatError, match=message) as info:
        score_tasks(pd.DataFrame({"task": [TASK]}), model=load_model(model, registry=registry))
    assert info.value.path == str(model)


# ----------------------------------------------------------------- 4. stray space, ~
def test_a_model_path_with_a_stray_space_or_a_tilde_is_named_as_such(folder):
    """The advice names the space (and the path without it, which then loads) or the ``~``."""
    model, registry = _pinned_model(folder, lambda a, m: None)
    frame = pd.DataFrame({"task": [TASK]})
    with pytest.raises(DataFormatError, match="its name ends with a space; .* is a file: give that path"):
        score_tasks(frame, model=f"{model} ")
    with pytest.raises(ExposureError, match="its name ends with a space; .* is a file: give that path"):
        load_model(f"{model} ", registry=registry)
    with pytest.raises(ExposureError, match="the '~' is not read as the home directory"):
        load_model("~/no-such-models/learned-v1.npz", registry=registry)
    with pytest.raises(DataFormatError, match="the '~' is not read as the home directory"):
        score_tasks(frame, model="~/no-such-models/learned-v1.npz")
    with pytest.raises(DataFormatError, match=r"/other\.npz: model artifact not found$"):  # named first (round 71, pipeline)
        load_model(folder / "other.npz", registry=registry)
    assert load_model(model, registry=registry).sets == load_model().sets  # the advice works
