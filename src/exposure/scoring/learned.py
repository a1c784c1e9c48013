"""The ``learned`` scorer: a calibrated linear model trained on the human labels.

The model is a multinomial logistic regression on sparse features of each task, trained
on the aggregated human labels of Eloundou et al. (2023) (``human_exposure_agg``) by
:func:`exposure.scoring._train.train_learned` (``exposure train``), then calibrated with a
temperature fitted on grouped cross-validation predictions. Features:

- TF-IDF of the task statement: word 1-2 grams (a character n-gram block is supported by
  the code but not used by the shipped model);
- words of the occupation title and the SOC major group (first two digits of the code);
- the occupation context: the mean word vector of all tasks of the same occupation in the
  input (same code; rows without a code are scored as text alone, with no context);
- for O*NET tasks, when an O*NET release is given: the task's detailed and intermediate
  work activities (DWA and IWA ids), which carry much of the signal;
- for free text: the closest O*NET tasks (``grounded``, :mod:`exposure.scoring.retrieval`)
  and the mean static word vector of the text (``embed``, :mod:`exposure.scoring._embed`),
  which places reworded and modern task statements near the tasks they resemble.

Two coefficient sets are shipped: ``onet`` (with work activities) for tasks found in the
given O*NET release, and ``text`` (text, title, major group, context) for any other task
text. Inference needs numpy and scipy only: the artifact is a zip of ``.npy`` arrays and
one JSON member (no pickles), pinned by sha256 in ``exposure/data/models/registry.txt`` and
verified at load (:class:`exposure.errors.ChecksumMismatchError` on mismatch).
"""

from __future__ import annotations

import contextlib
import functools
import importlib.resources
import itertools
import logging
import math
import os
from dataclasses import dataclass, field
from pathlib import Path, PureWindowsPath

import numpy as np
import pandas as pd
from scipy import sparse

from exposure._args import check_column, check_path, shown
from exposure._io import (
    REGISTRY_NAME,
    atomic_path,
    file_url_path,
    is_url,
    load_pinned,
    pinned_argument,
    write_arrays,
)
from exposure._measures import LABELS, PROBA_COLUMNS
from exposure._tables import check_input_file, first_repeat, missing_note, read_utf8
from exposure.errors import DataFormatError, ExposureError
from exposure.scoring._embed import VECTORS_NAME, StaticVectors, load_vectors
from exposure.scoring._features import (
    CharTfidf,
    PhraseSet,
    WordTfidf,
    address_only,
    content_word_counts,
    group_mean,
    group_means,
    normalise_texts,
    other_language,
    posting_lines,
    tokenize,
    without_markup,
)
from exposure.scoring._inputs import (
    RELEASE_TABLE_COLUMNS,
    RowNames,
    argument_given,
    check_onet,
    check_release_table,
    check_row_offset,
    remembered,
    repeated_index_message,
    task_texts,
    warn_repeated_index,
    without_other_ids,
)
from exposure.scoring.categories import _unmarked_texts
from exposure.scoring.retrieval import (
    INDEX_NAME,
    Neighbours,
    TaskIndex,
    check_parts,
    check_precision,
    check_terms,
    load_index,
)
from exposure.sources import sha256_digest

__all__ = [
    "MODEL_NAME",
    "LearnedModel",
    "load_model",
    "as_model",
    "check_model",
    "read_registry",
    "save_model",
    "shipped_model_path",
    "update_registry",
    "score_learned",
    "confidence",
    "GROUNDED_SIMILARITY",
    "OUT_OF_DOMAIN_SIMILARITY",
    "MAX_TASK_WORDS",
    "SCORE_CHUNK",
    "frame_codes",
    "occupation_groups",
    "titles_share_context",
    "task_dwa_lookup",
    "RELEASE_COLUMNS",
    "check_release_columns",
]

logger = logging.getLogger(__name__)

#: File name of the shipped model artifact (in ``exposure/data/models``).
MODEL_NAME = "learned-v1.npz"
#: Feature blocks: task words, task characters, title words, SOC major group, DWA+IWA ids,
#: the occupation context (mean task-word vector of the tasks of the same occupation), the
#: retrieved O*NET neighbours, and the mean static word vector of the text.
BLOCKS = ("word", "char", "title", "major", "activity", "context", "grounded", "embed")
#: Below this retrieval similarity a free text is not grounded in any O*NET task.
GROUNDED_SIMILARITY = 0.35
#: Below this similarity (or with no word known to the index, fewer than
#: :data:`MIN_CONTENT_WORDS` content words, more than :data:`MAX_TASK_WORDS` words, in
#: another language, an address, an occupation title or a line of a job posting that is no
#: duty: :func:`_not_tasks`) a text is not taken for a work task: a warning is logged and
#: its confidence is low.
OUT_OF_DOMAIN_SIMILARITY = 0.1
#: Content words (:func:`~exposure.scoring._features.content_word_counts`) a free text needs
#: to be taken for a work task: an activity and its object. Every O*NET 29.1 statement has
#: two or more; ``"the and of to a in"`` (0), ``"Description"`` (1) got confidences of 0.51
#: and 0.64 from the similarity of their few words to some statement.
MIN_CONTENT_WORDS = 2
#: Words (of two letters or more, as :func:`~exposure.scoring._features.tokenize` counts
#: them) above which a free text is not taken for one work task: a job posting or a
#: description of many duties, whose similarity to every single O*NET task is low but not
#: nil (a 4,200-word posting was scored E2 with confidence 0.14 and no word, a 1,500-word
#: one with 0.30). O*NET 29.1's longest statement has 46 words, the published labels' 40,
#: the package's modern tasks 28.
MAX_TASK_WORDS = 200
#: Free text (the ``free`` set, and the ``text`` set for rows with an O*NET-SOC code) is
#: blended with the ``onet``-set probabilities of its closest O*NET tasks
#: (:func:`ground_in_neighbours`): not below this best similarity...
GROUNDING_FLOOR = 0.15
#: ... with a weight rising linearly to 1 at this similarity, from which on the text is
#: scored as the O*NET tasks it restates (trials G and H, docs: Agreement with the human
#: labels).
GROUNDING_FULL = 0.70
#: Rows whose features :func:`score_learned` builds at once. It bounds the memory of a
#: large input; the scores do not depend on it (every feature but the occupation context
#: is computed row by row, and the context's group means come from all rows).
SCORE_CHUNK = 16_384



@dataclass
class LearnedModel:
    """Fitted parameters of the ``learned`` scorer.

    Attributes
    ----------
    task_word, title_word : WordTfidf
        Vectorisers of the task statement (word n-grams) and of the occupation title.
    task_char : CharTfidf or None
        Character n-gram vectoriser of the task statement.
    majors : list of str
        SOC major groups (``"11"`` ...) of the one-hot block.
    dwas, iwas : list of str
        Work-activity ids of the ``onet`` block.
    weights : dict of str to float
        Multiplier of each feature block.
    sets : dict of str to list of str
        Feature blocks (:data:`BLOCKS`) of each coefficient set, in column order.
    coef, intercept, temperature : dict
        Per coefficient set (``"onet"``, ``"text"``): array (3, n_features), array (3,),
        float.
    metadata : dict
        Version, training data sha256, seed, cross-validation figures.
    """

    task_word: WordTfidf
    task_char: CharTfidf | None
    title_word: WordTfidf
    majors: list
    dwas: list
    iwas: list
    weights: dict
    coef: dict
    intercept: dict
    temperature: dict
    sets: dict = field(default_factory=dict)
    metadata: dict = field(default_factory=dict)
    index: TaskIndex | None = None
    vectors: StaticVectors | None = None

    def __post_init__(self):
        self._major_index = {m: i for i, m in enumerate(self.majors)}
        self._dwa_index = {m: i for i, m in enumerate(self.dwas)}
        self._iwa_index = {m: i for i, m in enumerate(self.iwas)}

    # ------------------------------------------------------------------ features
    def blocks(self, names, texts, titles, codes, dwa_lists=None, groups=None, exclude=None, *,
               tokens=None) -> dict:
        """Weighted feature blocks ``names`` (subset of :data:`BLOCKS`) of the given tasks.

        ``groups`` (one label per task, see :func:`occupation_groups`) defines whose tasks
        are averaged in the ``context`` block; default: each task on its own. ``exclude``
        (one SOC 6-digit code per task) keeps the ``grounded`` block from retrieving tasks
        of the task's own occupation (training only). ``tokens`` is
        :func:`~exposure.scoring._features.tokenize` of ``texts``, when already computed.
        The ``char`` block reads the texts as the words are read
        (:func:`~exposure.scoring._features.normalise_text`, then
        :func:`~exposure.scoring._features.without_markup`): HTML tags, addresses and list
        markers are not its n-grams either.
        """
        w = self.weights
        out = {}
        words = None
        for name in names:
            if name in ("word", "context") and words is None:
                words = self.task_word.transform(texts, tokens=tokens)
            if name == "word":
                m = words
            elif name == "context":
                m = group_mean(words, groups if groups is not None else np.arange(len(texts)))
            elif name == "char":  # the text as the words are read: normalised, without markup
                m = self.task_char.transform(without_markup(normalise_texts(list(texts))))
            elif name == "grounded":
                m = self._index().features(self._index().retrieve(texts, exclude=exclude))
            elif name == "embed":
                m = sparse.csr_matrix(self._vectors().transform(texts, tokens=tokens))
            elif name == "title":  # each distinct title once (rows repeat an occupation's)
                which, distinct = pd.factorize(np.asarray(titles, dtype=object), use_na_sentinel=False)
                m = self.title_word.transform(list(distinct))[which]
            elif name == "major":
                m = self._one_hot([str(c)[:2] if c else None for c in codes], self._major_index)
            elif name == "activity":
                if dwa_lists is None:
                    dwa_lists = [[] for _ in texts]
                lengths = np.fromiter(map(len, dwa_lists), dtype=np.int64, count=len(dwa_lists))
                flat = list(itertools.chain.from_iterable(dwa_lists))
                m = sparse.hstack([_flat_bag(flat, lengths, self._dwa_index),
                                   _flat_bag([d[:-4] for d in flat], lengths, self._iwa_index)],
                                  format="csr")
            else:
                raise ExposureError(f"unknown feature block {name!r}")
            out[name] = m * w.get(name, 1.0)
        return out

    def features(self, which, texts, titles, codes, dwa_lists=None, groups=None) -> sparse.csr_matrix:
        """Feature matrix of coefficient set ``which`` (``"onet"`` or ``"text"``)."""
        names = self.sets[which]
        got = self.blocks(names, texts, titles, codes, dwa_lists, groups)
        return sparse.hstack([got[n] for n in names], format="csr")

    def _widths(self) -> dict:
        return {
            "word": self.task_word.n_features,
            "context": self.task_word.n_features,
            "char": 0 if self.task_char is None else self.task_char.n_features,
            "title": self.title_word.n_features,
            "major": len(self.majors),
            "activity": len(self.dwas) + len(self.iwas),
            "grounded": 0 if self.index is None else self.index.n_features,
            "embed": 0 if self.vectors is None else self.vectors.dim,
        }

    def _vectors(self) -> StaticVectors:
        if self.vectors is None:
            raise ExposureError("this model has no static word vectors (the 'embed' block needs them)")
        return self.vectors

    def _index(self) -> TaskIndex:
        if self.index is None:
            raise ExposureError("this model has no retrieval index (the 'grounded' block needs one)")
        return self.index

    def known_words(self, words) -> np.ndarray:
        """Whether the model knows each word (lower-cased, as :func:`tokenize` gives them).

        A word is known when its stem is a term of the retrieval index (O*NET's statements
        and work activities) or it has a static word vector (:mod:`exposure.scoring._embed`).

        Examples
        --------
        >>> load_model().known_words(["invoices", "zendesk", "facturas"]).tolist()
        [True, True, False]
        """
        known = np.zeros(len(words), dtype=bool)
        if self.index is not None:
            known |= self.index.vectorizer.known_words(words)
        if self.vectors is not None:
            cached = self.__dict__.get("_vector_words")
            if cached is None or cached[0] is not self.vectors:  # one set per vectors object
                cached = self.__dict__["_vector_words"] = (self.vectors, frozenset(self.vectors.words))
            known |= np.fromiter(map(cached[1].__contains__, words), dtype=bool, count=len(words))
        return known

    def neighbours(self, texts, cache: dict | None = None, *, weights: bool = True,
                   payload: bool = False) -> Neighbours:
        """Retrieval result of ``texts`` (shared through ``cache`` with the ``grounded`` block).

        ``weights=False`` retrieves only the closest task and its similarity (see
        :meth:`~exposure.scoring.retrieval.TaskIndex.retrieve`), and ``payload=True`` the
        neighbours' mean payload too; a later call that needs more retrieves again.
        """
        cache = {} if cache is None else cache
        found = cache.get("found")
        if found is None or (weights and found.weights is None) or (payload and found.payload is None):
            index = self._index()
            if "index_vectors" not in cache:
                cache["index_vectors"] = index.vectorizer.transform(texts, tokens=_tokens(texts, cache))
            cache["found"] = index.retrieve(texts, vectors=cache["index_vectors"], weights=weights,
                                            payload=payload)
        return cache["found"]

    def decision_function(self, which, texts, titles, codes, dwa_lists=None, groups=None,
                          cache: dict | None = None) -> np.ndarray:
        """Logits (n, 3) of set ``which`` without building the per-task context rows.

        Equals ``features(...) @ coef.T + intercept``, but the ``context`` block enters as
        ``(group means @ coef) [group of each task]``, which keeps time and memory linear
        in the number of tasks. ``cache`` (a dict) shares unweighted blocks between calls.
        """
        cache = {} if cache is None else cache
        n = len(texts)
        widths = self._widths()
        z = np.tile(np.asarray(self.intercept[which], dtype=np.float64), (n, 1))
        off = 0
        for name in self.sets[which]:
            W = self.coef[which][:, off : off + widths[name]]
            off += widths[name]
            weight = self.weights.get(name, 1.0)
            if name == "context":
                if "context" not in cache:
                    cache["context"] = group_means(self.word_block(texts, cache),
                                                   groups if groups is not None else np.arange(n))
                means, inv = cache["context"]
                present, at = np.unique(inv, return_inverse=True)  # the groups of these rows
                z += np.asarray(means[present] @ W.T)[at.ravel()] * weight
                continue
            if name == "grounded" and name not in cache:
                cache[name] = self._index().features(self.neighbours(texts, cache))
            if name == "embed":  # bags and norms shared by the sets; never n x dim at once
                if name not in cache:
                    cache[name] = self._vectors().bag_norms(texts, tokens=_tokens(texts, cache))
                # vectors @ coefficients: 0.02 s, the same for every chunk of a call
                projections = cache.setdefault("projections", {})
                if which not in projections:
                    projections[which] = self._vectors().projection(W.T)
                z += self._vectors().project(texts, None, prepared=cache[name],
                                             projected=projections[which]) * weight
                continue
            if name == "word":
                self.word_block(texts, cache)
            elif name not in cache:
                cache[name] = self.blocks([name], texts, titles, codes, dwa_lists)[name] / weight
            z += np.asarray(cache[name] @ W.T) * weight
        return z

    def word_block(self, texts, cache: dict) -> sparse.csr_matrix:
        """The unweighted ``word`` block of ``texts``, computed once per ``cache``."""
        if "word" not in cache:
            cache["word"] = self.blocks(["word"], texts, None, None, tokens=_tokens(texts, cache))["word"] \
                / self.weights.get("word", 1.0)
        return cache["word"]

    @staticmethod
    def _one_hot(values, index) -> sparse.csr_matrix:
        rows, cols = [], []
        for r, v in enumerate(values):
            c = index.get(v)
            if c is not None:
                rows.append(r)
                cols.append(c)
        return sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(values), len(index)))

    # ---------------------------------------------------------------- inference
    def predict_proba(self, X, which: str, *, calibrated: bool = True) -> np.ndarray:
        """Class probabilities (E0, E1, E2) of feature matrix ``X`` with set ``which``."""
        logits = X @ self.coef[which].T + self.intercept[which]
        if calibrated:
            logits = logits / self.temperature[which]
        return _softmax(np.asarray(logits))

    # --------------------------------------------------------------------- I/O
    def to_arrays(self) -> tuple[dict, dict]:
        """Arrays and JSON metadata of the artifact (see :func:`save_model`)."""
        arrays = {
            "task_word_tokens": np.array(self.task_word.to_codes()[0], dtype=str),
            "task_word_codes": self.task_word.to_codes()[1],
            "task_word_idf": self.task_word.idf,
            "title_word_tokens": np.array(self.title_word.to_codes()[0], dtype=str),
            "title_word_codes": self.title_word.to_codes()[1],
            "title_word_idf": self.title_word.idf,
            "majors": np.array(self.majors, dtype=str),
            "dwas": np.array(self.dwas, dtype=str),
            "iwas": np.array(self.iwas, dtype=str),
        }
        if self.task_char is not None:
            arrays["task_char_vocab"] = np.array(self.task_char.vocabulary, dtype=str)
            arrays["task_char_idf"] = self.task_char.idf
        for which in self.coef:
            arrays[f"coef_{which}"] = np.asarray(self.coef[which], dtype=np.float64)
            arrays[f"intercept_{which}"] = np.asarray(self.intercept[which], dtype=np.float64)
        meta = dict(self.metadata)
        meta.update(
            weights=self.weights,
            temperature=self.temperature,
            word_ngram_max=self.task_word.ngram_max,
            char_ngram=None if self.task_char is None else [self.task_char.ngram_min, self.task_char.ngram_max],
            sets=self.sets,
            classes=list(LABELS),
        )
        return arrays, meta

    @classmethod
    def from_arrays(cls, arrays: dict, meta: dict) -> "LearnedModel":
        """Rebuild a model from :meth:`to_arrays` output.

        Raises
        ------
        KeyError
            An array or metadata key is missing (:func:`~exposure._io.load_pinned` names it).
        exposure.errors.ExposureError
            The arrays or metadata do not make a model (:func:`_check_model_arrays`).
        """
        _check_model_arrays(arrays, meta)
        char = None
        if meta.get("char_ngram"):
            char = CharTfidf(arrays["task_char_vocab"], arrays["task_char_idf"], *meta["char_ngram"])
        sets = dict(meta["sets"])

        def words(name, ngram_max):  # term codes (fast); vocabularies of older artifacts
            if f"{name}_codes" in arrays:
                return WordTfidf.from_codes(arrays[f"{name}_tokens"], arrays[f"{name}_codes"],
                                            arrays[f"{name}_idf"], ngram_max)
            return WordTfidf(arrays[f"{name}_vocab"], arrays[f"{name}_idf"], ngram_max)

        return cls(
            sets=sets,
            task_word=words("task_word", meta["word_ngram_max"]),
            task_char=char,
            title_word=words("title_word", 1),
            majors=[str(m) for m in arrays["majors"]],
            dwas=[str(m) for m in arrays["dwas"]],
            iwas=[str(m) for m in arrays["iwas"]],
            weights=dict(meta["weights"]),
            coef={s: arrays[f"coef_{s}"] for s in sets},
            intercept={s: arrays[f"intercept_{s}"] for s in sets},
            temperature={s: float(meta["temperature"][s]) for s in sets},
            metadata={k: v for k, v in meta.items()
                      if k not in ("weights", "temperature", "sets", "word_ngram_max", "char_ngram")},
        )


def _number(value) -> bool:
    """Whether ``value`` (from JSON) is a finite number (not True or False)."""
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


#: Each kind of the package's artifacts, as :func:`artifact_kind` names it (and, in
#: :data:`ARTIFACT_KINDS`, what reads it).
_KIND_NAMES = {
    "learned": "a model of the learned scorer",
    "transformer": "a transformer artifact",
    "vectors": "static word vectors",
    "index": "a retrieval index",
}
#: Each kind of the package's artifacts, as :func:`artifact_kind` names it, and what reads it.
ARTIFACT_KINDS = {
    "learned": f"{_KIND_NAMES['learned']} (exposure.scoring.learned.load_model reads it)",
    "transformer": f"{_KIND_NAMES['transformer']} (exposure.scoring.transformer.load_transformer reads it)",
    "vectors": f"{_KIND_NAMES['vectors']} (the learned scorer's model beside them reads them)",
    "index": f"{_KIND_NAMES['index']} (the learned scorer's model beside it reads it)",
}


def artifact_kind(arrays: dict, meta: dict) -> str | None:
    """Which of the package's artifacts ``arrays`` and ``meta`` are (a key of :data:`ARTIFACT_KINDS`), or None.

    Told by what each kind alone holds: the transformer's fine-tuned layers and head
    (``encoder.*``, ``head.*``) or ``base_sha256``; the learned model's coefficient sets
    (``coef_*``, ``sets``); the word vectors' ``words``, ``codes`` and ``scale``; the
    retrieval index's ``n_tasks``. Read by the loaders of the learned model and of the
    transformer, so that one given the other's file says what it was given.

    Examples
    --------
    >>> artifact_kind({"coef_text": None}, {"sets": {}}), artifact_kind({"x": None}, {})
    ('learned', None)
    """
    if any(name.startswith(("encoder.", "head.")) for name in arrays) or "base_sha256" in meta \
            or meta.get("method") == "transformer":
        return "transformer"
    if "sets" in meta or any(name.startswith("coef_") for name in arrays):
        return "learned"
    if {"words", "codes", "scale"} <= set(arrays):
        return "vectors"
    if "n_tasks" in meta:
        return "index"
    return None


def _check_model_arrays(arrays: dict, meta: dict) -> None:
    """Refuse arrays or metadata that do not make a ``learned`` model (:meth:`LearnedModel.from_arrays`).

    What an artifact damaged, edited by hand, written by another tool or by another version
    of the library holds (a pinned one: its sha256 is in the registry given). Before, a
    coefficient set naming a feature block this version does not know loaded without a
    word and raised ``KeyError: 'bogus'`` from inside :func:`score_learned`; a temperature
    or ``word_ngram_max`` of text a bare ``ValueError``, ``weights`` that are no mapping a
    ``TypeError``. The widths of the coefficients are checked once the retrieval index and
    the word vectors are attached (:func:`_check_widths`). The words and weights of the
    two vectorisers are checked as the retrieval index's (:func:`~exposure.scoring.retrieval.check_terms`:
    a word given twice changed the scores silently), and the index and vectors must be
    named alone (``../retrieval-v1.npz`` or an absolute path read a file outside the model's
    folder). The SOC major groups, DWA and IWA ids of the one-hot blocks are each given once
    (:func:`_check_columns`: the first of a code given twice was a column never used), and
    coefficients, intercepts and IDF weights of less than float64 (as save_model stores them) are
    refused, as the transformer refuses its weights of less than float32
    (:func:`~exposure.scoring.retrieval.check_precision`). Arrays or metadata that are not
    dicts are named in the words of a pinned file's metadata.json
    (:func:`~exposure.scoring.retrieval.check_parts`; ``AttributeError`` before).

    Raises
    ------
    KeyError
        A metadata key or array of a coefficient set is missing.
    exposure.errors.ExposureError
        Naming the key or array and what is expected.

    Examples
    --------
    >>> arrays, meta = load_model().to_arrays()
    >>> _check_model_arrays(arrays, dict(meta, sets={"onet": ["word", "bert"]}))
    Traceback (most recent call last):
    ...
    exposure.errors.ExposureError: the model artifact's coefficient set 'onet' names feature blocks ['bert'] that this version does not know (it knows ['word', 'char', 'title', 'major', 'activity', 'context', 'grounded', 'embed']): is the artifact of a newer version of the library?
    """
    # metadata.json that is no object (JSON of another tool) is refused by read_arrays, for every artifact;
    # in memory (from_arrays(arrays, None)) in its words: an AttributeError before
    check_parts(arrays, meta, "a model artifact")
    what = "the model artifact"
    kind = artifact_kind(arrays, meta)
    if kind not in (None, "learned"):  # the transformer's was "not a model artifact: it lacks 'sets'"
        also, named = "", ARTIFACT_KINDS[kind]
        if kind == "transformer":  # said as the caller gives the method (exposure score: --method transformer)
            method = argument_given("method", "transformer")
            if method.startswith("method="):
                also = ("; score_tasks(method='transformer') loads the shipped transformer itself, and its model= "
                        "is the learned scorer's model, which scores the rows given by O*NET ids")
            else:  # not the Python reader (load_transformer), which the command's user does not call
                named = _KIND_NAMES[kind]
                also = (f"; {method} loads the shipped transformer itself: the model given is the learned "
                        "scorer's, which scores the rows given by O*NET ids")
        raise ExposureError(f"not a model of the learned scorer: it is {named}{also}")
    for key in ("sets", "weights", "temperature", "word_ngram_max"):
        if key not in meta:
            raise KeyError(key)  # load_pinned: "not a model artifact: it lacks 'sets'"
    sets, weights, temperature = meta["sets"], meta["weights"], meta["temperature"]
    if not isinstance(sets, dict) or not sets:
        raise ExposureError(f"{what}'s sets must map coefficient sets to their feature blocks, got {shown(sets)}")
    for which, names in sets.items():
        if not isinstance(names, list) or not all(isinstance(b, str) for b in names):
            raise ExposureError(f"{what}'s coefficient set {which!r} must list feature block names, got "
                                f"{shown(names)}")
        unknown = [b for b in names if b not in BLOCKS]
        if unknown:
            raise ExposureError(f"{what}'s coefficient set {which!r} names feature blocks {unknown} that this "
                                f"version does not know (it knows {list(BLOCKS)}): is the artifact of a newer "
                                "version of the library?")
    for key, file, usual in (("index", "retrieval index", INDEX_NAME), ("vectors", "word vectors", VECTORS_NAME)):
        if meta.get(key) and not isinstance(meta[key], str):  # was "unsupported operand type(s) for /"
            raise ExposureError(f"{what}'s {key} must name the {file} file beside it, got {shown(meta[key])}")
        name = meta.get(key) or ""
        alone = PureWindowsPath(name).name  # after the last slash or backslash, as _registry_hint reads one
        if name and (name != alone or alone in (".", "..")):  # '../x', '/etc/x': a file elsewhere was read
            example = repr(alone) if alone not in ("", ".", "..") else f"such as {usual!r}"
            raise ExposureError(f"{what}'s {key} must name the {file} file beside it, got the path {name!r}: "
                                f"the metadata names the file alone, {example} (a model reads the files beside "
                                "it, pinned by their names in its registry)")
    if not isinstance(weights, dict) or not all(_number(v) for v in weights.values()):
        raise ExposureError(f"{what}'s weights must map feature blocks to numbers, got {shown(weights)}")
    if not isinstance(temperature, dict):
        raise ExposureError(f"{what}'s temperature must map coefficient sets to numbers, got {shown(temperature)}")
    ngram = meta["word_ngram_max"]
    if isinstance(ngram, bool) or not isinstance(ngram, int) or ngram < 1:
        raise ExposureError(f"{what}'s word_ngram_max must be a whole number of 1 or more, got {shown(ngram)}")
    for prefix, most in (("task_word_", ngram), ("title_word_", 1)):  # the retrieval index's rule
        check_terms(arrays, prefix, what, most)
    for name, block in (("majors", "major"), ("dwas", "activity"), ("iwas", "activity")):
        _check_columns(arrays, name, block, what)
    for which in sets:
        value = temperature[which]
        if not _number(value) or value <= 0:
            raise ExposureError(f"{what}'s temperature of set {which!r} must be a number above 0, got "
                                f"{shown(value)}")
        coef, intercept = np.asarray(arrays[f"coef_{which}"]), np.asarray(arrays[f"intercept_{which}"])
        for name, value in ((f"coef_{which}", coef), (f"intercept_{which}", intercept)):  # the transformer's rule
            check_precision(value, name, what, "float64 is expected (as save_model stores it)", bits=64)
        if coef.ndim != 2 or coef.shape[0] != len(LABELS) or coef.dtype.kind != "f" or not np.isfinite(coef).all():
            raise ExposureError(f"{what}'s array 'coef_{which}' must hold finite numbers, one row per class "
                                f"({len(LABELS)}), got {coef.dtype} of shape {coef.shape}")
        if intercept.shape != (len(LABELS),) or intercept.dtype.kind != "f" or not np.isfinite(intercept).all():
            raise ExposureError(f"{what}'s array 'intercept_{which}' must hold {len(LABELS)} finite numbers, "
                                f"got {intercept.dtype} of shape {intercept.shape}")


def _check_columns(arrays: dict, name: str, block: str, what: str) -> None:
    """Refuse the array ``name`` of the columns of feature block ``block`` (``majors``, ``dwas``, ``iwas``).

    One text (a code or id) a column, each once: a code given twice was loaded without a
    word, and the first one's column was never used (the last one's takes its texts); the
    scores changed, silently.

    Examples
    --------
    >>> _check_columns({"majors": np.array(["11", "13", "11"])}, "majors", "major", "the model artifact")
    Traceback (most recent call last):
    ...
    exposure.errors.ExposureError: the model artifact's array 'majors' holds '11' twice (majors[0] and majors[2]): each is one column of the 'major' block, and the first one's column was never used (the artifact is damaged)
    """
    value = np.asarray(arrays[name])
    if value.ndim != 1 or value.dtype.kind != "U":
        raise ExposureError(f"{what}'s array {name!r} must hold text (one column of the {block!r} block each), "
                            f"got {value.dtype} of shape {value.shape}")
    repeat = first_repeat(value)
    if repeat is not None:
        j, i = repeat
        raise ExposureError(f"{what}'s array {name!r} holds {str(value[j])!r} twice ({name}[{i}] and {name}[{j}]): "
                            f"each is one column of the {block!r} block, and the first one's column was never "
                            "used (the artifact is damaged)")


def _check_widths(model: "LearnedModel", path: Path) -> None:
    """Refuse a model whose coefficients do not fit its feature blocks (once index and vectors are attached).

    A coefficient set with more or fewer columns than its blocks have features (an artifact
    of another index or other word vectors, or damaged) raised numpy's broadcasting
    ``ValueError`` when the first text was scored; a set of the ``grounded`` or ``embed``
    block with no index or vectors named in the metadata an :class:`ExposureError` of no file.
    """
    widths = model._widths()
    for which, names in model.sets.items():
        for name, needs, key in (("grounded", model.index, "index"), ("embed", model.vectors, "vectors")):
            if name in names and needs is None:
                raise DataFormatError(f"the coefficient set {which!r} uses the {name!r} block, but the "
                                      f"artifact's metadata names no {key} file", path=path)
        want = sum(widths[name] for name in names)
        got = np.shape(model.coef[which])[1]
        if got != want:
            raise DataFormatError(f"the coefficient set {which!r} has {got} columns for the {want} features of "
                                  f"its blocks {names}: the artifact does not fit its retrieval index or word "
                                  "vectors (or is damaged)", path=path)


def _tokens(texts, cache: dict):
    """:func:`~exposure.scoring._features.tokenize` of ``texts``, computed once per ``cache``."""
    if "tokens" not in cache:
        cache["tokens"] = tokenize(texts)
    return cache["tokens"]


def _flat_bag(items: list, lengths: np.ndarray, index: dict) -> sparse.csr_matrix:
    """Unit-norm rows of the distinct items of each list found in ``index`` (item -> column).

    The lists are given as their items one after another and their lengths. Each item is
    looked up once and the (row, column) pairs made distinct and sorted by
    one :func:`numpy.unique` of their codes, instead of a set and a sort per list.

    Examples
    --------
    >>> _flat_bag(["a", "b", "a", "z", "b"], np.array([3, 0, 2]), {"a": 0, "b": 1}).toarray().round(3)
    array([[0.707, 0.707],
           [0.   , 0.   ],
           [0.   , 1.   ]])
    """
    n, width = len(lengths), len(index)
    cols = np.fromiter(map(index.get, items, itertools.repeat(-1)), dtype=np.int64, count=len(items))
    rows = np.repeat(np.arange(n, dtype=np.int64), lengths)
    known = cols >= 0
    pairs = np.unique(rows[known] * max(width, 1) + cols[known])
    rows, cols = np.divmod(pairs, max(width, 1))
    mat = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, width))
    norms = np.sqrt(np.asarray(mat.sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.csr_matrix(sparse.diags(1.0 / norms) @ mat)


def _softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    np.exp(z, out=z)
    z /= z.sum(axis=1, keepdims=True)
    return z


# ------------------------------------------------------------------ artifact I/O
def save_model(model: LearnedModel, path) -> Path:
    """Write ``model`` as a deterministic zip of ``.npy`` arrays plus ``metadata.json``.

    The same model gives byte-identical files (fixed member order and timestamps).

    Parameters
    ----------
    model : LearnedModel
    path : str or os.PathLike

    Returns
    -------
    pathlib.Path

    Raises
    ------
    exposure.errors.DataFormatError
        ``model`` not a :class:`LearnedModel`, or ``path`` not a path, before anything is
        written (``AttributeError: 'NoneType' object has no attribute 'to_arrays'`` and
        ``TypeError: expected str, bytes or os.PathLike object`` before, as
        :func:`~exposure.scoring.transformer.save_transformer` refuses them).
    """
    path = check_path(path, "path", "a model artifact path")
    if not isinstance(model, LearnedModel):
        raise DataFormatError(f"model must be a LearnedModel (e.g. load_model()), got {shown(model)}")
    arrays, meta = model.to_arrays()
    return write_arrays(arrays, meta, path)


def read_registry(path=None) -> dict[str, str]:
    """Read the pinned ``filename sha256`` lines of the model registry.

    Parameters
    ----------
    path : str or os.PathLike, optional
        Registry file; default ``exposure/data/models/registry.txt``.

    Returns
    -------
    dict of str to str
        File name -> sha256 (hex).

    Raises
    ------
    exposure.errors.DataFormatError
        ``path`` is not a path (a number), is empty or is a URL (:func:`_refuse_url`); the
        file is not UTF-8 text; a line is not ``filename sha256`` (saying what is wrong: a
        sha256 of no hex digits, a path for the name, ``sha256sum``'s order:
        :func:`_registry_hint`), or pins a file pinned on an earlier line with another sha256.
    exposure.errors.InputError
        The file cannot be read (missing, a directory). Before, pathlib's ``TypeError``,
        ``FileNotFoundError``, ``IsADirectoryError`` (also for ``""``, read as the
        current directory) or ``UnicodeDecodeError``.

    Examples
    --------
    >>> MODEL_NAME in read_registry()
    True
    >>> read_registry("no-registry.txt")
    Traceback (most recent call last):
    ...
    exposure.errors.InputError: no-registry.txt: cannot read: No such file or directory
    """
    if path is None:
        text = _models_dir().joinpath(REGISTRY_NAME).read_text()
    else:
        _refuse_url(path, "the registry")
        path = check_path(path, "registry", "a model registry file")
        text = read_utf8(path, bom=True, what=": a model registry is text")  # Notepad writes a BOM
    out, rows = {}, {}
    for lineno, line in enumerate(text.splitlines(), start=1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        parts = line.split()
        name, digest = _registry_line(parts)
        where = {"path": path or REGISTRY_NAME, "row": lineno}
        if digest is None:
            raise DataFormatError("expected 'filename sha256'" + _registry_hint(parts), **where)
        if name in out and out[name] != digest:  # which of the two was meant is not for us to guess
            raise DataFormatError(f"{name} is pinned twice with different sha256 (row {rows[name]} and this "
                                  "row): keep the one line of the file", **where)
        out[name], rows[name] = digest, rows.get(name, lineno)
    return out


def _refuse_url(path, what: str) -> None:
    """Refuse a ``path`` (a model artifact or registry) that is a URL, as ``--mirror`` refuses one.

    ``load_model("s3://bucket/m.npz")`` (a cluster's store, given to ``exposure.spark.score``
    or ``exposure.dask.score``) was read as the relative path ``s3:/bucket/m.npz``:
    ``s3:/bucket/m.npz: model artifact not found``, and the runners, which make their paths
    absolute, named a file the user never gave (``/home/me/s3:/bucket/m.npz``).

    Examples
    --------
    >>> _refuse_url("file:///models/my%20m.npz", "the model artifact")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: file:///models/my%20m.npz: is a file:// URL, not a file path: give the model artifact itself, '/models/my m.npz'
    """
    if not is_url(path):  # the one rule of a URL, fetch's for a mirror too (exposure._io.is_url)
        return
    local = file_url_path(path)
    if local is not None:
        raise DataFormatError(f"is a file:// URL, not a file path: give {what} itself, {local!r}", path=path)
    beside = ", with the files beside it," if what == "the model artifact" else ""
    raise DataFormatError(f"is a URL, not a file path: {what} is read from a local file; copy it{beside} to "
                          "a local directory (on a cluster, one that the driver and every worker read)", path=path)


def _registry_line(parts: list) -> tuple[str | None, str | None]:
    """``(name, sha256)`` of the words of a registry line; ``(None, None)`` if they are no ``name sha256``.

    The sha256 is read as :func:`exposure.sources.sha256_digest` reads a pin (64 hex digits,
    either case). A name holding a directory is no name: the registry pins a file by its name
    alone, which :func:`load_model` looks up.
    """
    digest = sha256_digest(parts[1]) if len(parts) == 2 else None
    if digest is None or "/" in parts[0] or "\\" in parts[0]:
        return None, None
    return parts[0], digest


def _registry_hint(parts: list) -> str:
    """What is wrong with the words ``parts`` of a registry line, after "expected 'filename sha256'".

    A line of 64 characters that are no hex digits was read as a pin (then "sha256
    mismatch ... expected zzzz..."); a line naming the file by its path was read, and the
    model then "is not listed in the model registry"; the output of ``sha256sum`` (sha256
    first) was told only the expected form.

    Examples
    --------
    >>> _registry_hint(["m.npz", "z" * 64])
    ", got 'zzzzzzzzzzzz...' for the sha256, which is 64 hexadecimal digits"
    >>> _registry_hint(["models/m.npz", "a" * 64])
    ", got the path 'models/m.npz': a line names the file alone, 'm.npz'"
    >>> _registry_hint(["a" * 64, "*m.npz"])
    ', got the sha256 first (as sha256sum writes it): write the file name first'
    """
    if len(parts) != 2:
        return ""
    if sha256_digest(parts[0]) is not None and sha256_digest(parts[1]) is None:
        return ", got the sha256 first (as sha256sum writes it): write the file name first"
    if sha256_digest(parts[1]) is None:
        word = parts[1] if len(parts[1]) <= 15 else parts[1][:12] + "..."
        return f", got {word!r} for the sha256, which is 64 hexadecimal digits"
    # PureWindowsPath: the name after the last slash or backslash (a path copied from Windows too)
    return f", got the path {parts[0]!r}: a line names the file alone, {PureWindowsPath(parts[0]).name!r}"


def update_registry(registry, name: str, digest: str) -> None:
    """Set the ``name sha256`` line of a model registry file (atomically).

    Other lines are kept in order; the line of ``name`` is replaced (moved to the end), or
    added. A missing registry is created with its comment line.

    Parameters
    ----------
    registry : str or os.PathLike
        Registry file (``registry.txt``).
    name : str
        Artifact file name.
    digest : str
        Its sha256 (hex).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> reg = pathlib.Path(tempfile.mkdtemp()) / "registry.txt"
    >>> update_registry(reg, "m.npz", "a" * 64)
    >>> update_registry(reg, "m.npz", "b" * 64)
    >>> read_registry(reg) == {"m.npz": "b" * 64}
    True
    """
    registry = Path(registry)
    lines = registry.read_text().splitlines() if registry.is_file() else [
        "# Pinned sha256 of the shipped model artifacts: 'filename sha256' per line."]
    kept = [ln for ln in lines if not (ln.split() and ln.split()[0] == name)]
    kept.append(f"{name} {digest}")
    with atomic_path(registry) as tmp:
        tmp.write_text("\n".join(kept) + "\n")


def _models_dir():
    return importlib.resources.files("exposure") / "data" / "models"


def shipped_model_path() -> Path:
    """Path of the shipped artifact :data:`MODEL_NAME` (``exposure/data/models/``).

    Examples
    --------
    >>> shipped_model_path().name == MODEL_NAME
    True
    """
    return Path(str(_models_dir().joinpath(MODEL_NAME)))


_CACHE: dict = {}


def load_model(path=None, *, registry=None) -> LearnedModel:
    """Load (and sha256-verify) a ``learned`` model artifact.

    Parameters
    ----------
    path : str or os.PathLike, optional
        Artifact file; default the shipped :data:`MODEL_NAME`.
    registry : str or os.PathLike, optional
        Registry of pinned hashes; default the shipped ``registry.txt``. The artifact's
        file name must be listed there.

    Returns
    -------
    LearnedModel
        With its retrieval index (:mod:`exposure.scoring.retrieval`) and static word
        vectors (:mod:`exposure.scoring._embed`) when its metadata names them: read from
        beside the artifact and verified against the same registry.

    Raises
    ------
    exposure.errors.ChecksumMismatchError
        The file's (or its index's) sha256 differs from the pinned one.
    exposure.errors.ExposureError
        The file is missing or not listed in the registry (a ``DataFormatError`` naming
        the file, and the ``registry.txt`` beside it that pins it, if one does:
        :func:`exposure._io.read_pinned`); ``path`` is an empty or blank string (it read as
        the current directory: "model artifact not found: .").
    exposure.errors.DataFormatError, exposure.errors.InputError
        ``path`` is neither None nor a path (``5`` raised pathlib's ``TypeError``), is a
        URL (:func:`_refuse_url`), a directory or a device (:func:`_check_found`); a
        ``registry`` that cannot be read (:func:`read_registry`); an artifact whose metadata
        or coefficients do not make a model, or do not fit its retrieval index and word
        vectors (:func:`_check_model_arrays`, :func:`_check_widths`), naming the file; an
        artifact whose metadata names its index or vectors by a path (``../x.npz``): a model
        reads the files beside it, named alone (a link there is read: the file is pinned by
        its sha256).

    Examples
    --------
    >>> model = load_model()
    >>> sorted(model.coef), model.index.n_tasks
    (['free', 'onet', 'text'], 18796)
    """
    if isinstance(path, str) and not path.strip():
        raise ExposureError("the model artifact path is empty: give the artifact file, or leave it out "
                            "for the shipped model")
    if path is not None:
        _refuse_url(path, "the model artifact")
    path = check_path(path, "path", "a model artifact path") if path is not None else shipped_model_path()
    _check_found(path)
    pins = read_registry(registry)
    model = load_pinned(path, pins, "model artifact", LearnedModel.from_arrays, _CACHE)
    # the retrieval index of the grounded block and the static word vectors of the embed
    # block: beside the model, pinned in the same registry, verified on every load too
    if model.metadata.get("index"):
        with _needed_by(path, model.metadata["index"]):
            model.index = load_index(path.parent / model.metadata["index"], pins)
        _check_index_release(model, path.parent / model.metadata["index"], path)
    if model.metadata.get("vectors"):
        with _needed_by(path, model.metadata["vectors"]):
            model.vectors = load_vectors(path.parent / model.metadata["vectors"], pins)
    _check_widths(model, path)
    return model


def load_model_at(path, registry, *, call: str) -> LearnedModel:
    """:func:`load_model` of ``path`` with ``registry``, as the runner ``call`` reads them.

    The one loader of :func:`exposure.spark.score`, :func:`exposure.spark.score_batches`
    and :func:`exposure.dask.score` (``call`` names the caller, ``"exposure.dask.score"``):
    ``path`` and ``registry`` are read as the runners ship them to their workers
    (:func:`runner_path`: ``~`` expanded, made absolute). Each runner had its own copy:
    ``exposure.spark.score(sdf, model_path="~/m/learned-v1.npz")`` read the model, while
    ``exposure.dask.score`` refused the same path (``model artifact not found: the '~' is
    not read as the home directory``) and a ``registry="~/m/registry.txt"`` (``cannot read:
    No such file or directory``), which its workers were given expanded.

    The advice on a model the registry does not pin (``... load it with that registry
    (load_model(path, registry='models/registry.txt'), then pass the model)``) could not
    be followed: the runners take no model, and they took no registry. It names the
    arguments ``model_path=`` and ``registry=`` of ``call`` now
    (:func:`exposure._io.pinned_argument`).

    Parameters
    ----------
    path, registry : str or os.PathLike, optional
        The runner's ``model_path`` and ``registry`` (None: the shipped ones).
    call : str
        The runner, as the advice on an unpinned artifact names it.

    Returns
    -------
    LearnedModel

    Raises
    ------
    exposure.errors.ExposureError
        As :func:`load_model`.

    Examples
    --------
    >>> load_model_at(None, None, call="exposure.dask.score") is load_model()
    True
    >>> load_model_at("  ", None, call="exposure.dask.score")
    Traceback (most recent call last):
    ...
    exposure.errors.ExposureError: the model artifact path is empty: give the artifact file, or leave it out for the shipped model
    """
    path, registry = runner_path(path), runner_path(registry)
    with pinned_argument("model_path", "registry", call=call):
        # without a registry, load_model's own default: the shipped one
        return load_model(path) if registry is None else load_model(path, registry=registry)


def runner_path(location) -> str | None:
    """A checked ``mirror``, ``data_dir``, ``model_path`` or ``registry`` as a runner's driver reads it: ``~`` expanded, made absolute.

    Each Spark executor or Dask worker reads it in its own working directory (on a cluster,
    the directory of its container; in a local session, the one the session started in,
    whatever ``os.chdir`` the driver made since): a relative ``mirror="data"`` that the
    driver reads failed in every task (``mirror directory 'data' ... does not exist``), or
    read another directory of that name, and a relative ``model_path`` verified on the
    driver was not found. :mod:`exposure.spark` and :mod:`exposure.dask` make them
    absolute so on the driver (the client). None, a blank text (which the readers refuse
    as blank; made absolute, it named a file of spaces in the current directory) and a
    ``~user/...`` of no such user that names nothing (the readers say the ``~`` was not
    read as a home directory) and a URL (:func:`_refuse_url`; made absolute, it named the
    file ``/cwd/s3:/bucket/m.npz``) are given back as they are.

    Examples
    --------
    >>> import os
    >>> runner_path("models/m.npz") == os.path.join(os.getcwd(), "models", "m.npz")
    True
    >>> runner_path(None), runner_path("  "), runner_path("~nosuchuser77/m.npz"), runner_path("s3://b/m.npz")
    (None, '  ', '~nosuchuser77/m.npz', 's3://b/m.npz')
    """
    if location is None or isinstance(location, str) and (not location.strip() or is_url(location)):
        return location  # a URL too, for load_model to name as given (_refuse_url)
    text = os.path.expanduser(os.fspath(location))
    full = os.path.abspath(text)
    return text if text.startswith("~") and not os.path.exists(full) else full


@contextlib.contextmanager
def _needed_by(model_path: Path, name: str):
    """Name the model ``model_path`` in the error of its file ``name`` (beside it) that is missing.

    ``m/retrieval-v1.npz: retrieval index not found`` named the file the metadata asks
    for, not the model asking for it (a model copied without the files beside it).
    """
    try:
        yield
    except DataFormatError as exc:
        if not str(exc).endswith(" not found") or exc.path is None:
            raise
        exc.args = (f"{exc.args[0]} (named in the metadata of the model {model_path}: copy it with the "
                    f"files beside it)",)
        raise


def _missing_note(path: Path) -> str | None:
    """Why ``path``, which names no file, names none, when it can tell (else None).

    A stray space at either end of the name (copied from a spreadsheet cell or a shell),
    an unexpanded ``~`` or a broken link: :func:`exposure._tables.missing_note`.
    """
    note = missing_note(path, "model artifact")
    return None if note == "model artifact not found" else note


def _check_found(path: Path) -> None:
    """Refuse an artifact path that names no file, saying why when it can tell (:func:`exposure._tables.missing_note`).

    ``load_model("models/learned-v1.npz ")`` (a stray space) or ``load_model("~/m/learned-v1.npz")``
    said ``model artifact not found: models/learned-v1.npz`` and nothing of the space or the
    ``~``, which no call expands. Any other missing file is ``PATH: model artifact not
    found``, as :func:`exposure._io.read_pinned` names it. A directory, a device or a pipe
    was "not found" too: each is named for what it is (:func:`exposure._tables.check_input_file`).
    """
    check_input_file(path, "model artifact")  # missing (saying why), a device or pipe
    if path.is_dir():  # was "model artifact not found", of a directory that is there
        inside = path / MODEL_NAME
        example = f"the model artifact in it, '{inside}'" if inside.is_file() else "the model artifact's file (.npz)"
        raise DataFormatError(f"is a directory, not a file: give {example}", path=path)


def _check_index_release(model: LearnedModel, index_path: Path, path: Path) -> None:
    """Refuse a retrieval index built from another O*NET release than the model was trained with.

    The model's grounded features are the labels and work activities of the index's
    tasks: an index of O*NET 30.1 pinned beside a model trained on 29.1 (under the same
    file name) was loaded without a word, and changed the scores ("Answer billing emails
    from customers." E2 for E1).
    """
    want, got = model.metadata.get("onet_release"), model.index.metadata.get("onet_release")
    if want is not None and got is not None and str(want) != str(got):
        raise DataFormatError(f"the retrieval index is of O*NET {got}, but the model {path.name} was trained "
                              f"with the index of O*NET {want}: put that index beside it, or train a model for "
                              f"O*NET {got} (exposure train)", path=index_path)


def check_model(model) -> None:
    """Refuse a ``model`` argument that is not None, a :class:`LearnedModel` or an artifact path.

    A path (str or :class:`os.PathLike`) must name a file; it is loaded by
    :func:`as_model`. Nothing is read here.

    Raises
    ------
    exposure.errors.DataFormatError
        ``model`` is of another type (a dict, bytes, a number ...), or a path of no file
        (such as the model's name ``"learned-v1"``). A path that is there but no file (the
        model's folder, a device) or a URL is named for what it is, in :func:`load_model`'s
        words (:func:`_check_found`, :func:`_refuse_url`): it was ``is not a file: pass a
        LearnedModel ...``, of a directory that is there.

    Examples
    --------
    >>> check_model(None); check_model(shipped_model_path())
    >>> check_model(shipped_model_path().parent)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: .../models: is a directory, not a file: give the model artifact in it, '.../models/learned-v1.npz'
    >>> check_model("learned-v1")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: model 'learned-v1' is not a file: pass a LearnedModel (exposure.scoring.learned.load_model(), the shipped model by default) or the path of a model artifact
    >>> check_model(5)
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: model must be a LearnedModel (exposure.scoring.learned.load_model()) or the path of a model artifact, got int
    """
    if model is None or isinstance(model, LearnedModel):
        return
    if isinstance(model, (str, os.PathLike)):
        if not Path(model).is_file():
            _refuse_url(model, "the model artifact")  # s3://...: "is not a file", as if it were a path
            if os.path.exists(model):  # the model's folder, a device: said as load_model says it
                _check_found(Path(model))
            note = _missing_note(Path(model))
            if note is not None:  # a stray space, an unexpanded ~: said, not only "not a file"
                raise DataFormatError(f"model {str(model)!r} is not a file ({note})")
            raise DataFormatError(f"model {str(model)!r} is not a file: pass a LearnedModel "
                                  "(exposure.scoring.learned.load_model(), the shipped model by "
                                  "default) or the path of a model artifact")
        return
    raise DataFormatError("model must be a LearnedModel (exposure.scoring.learned.load_model()) "
                          f"or the path of a model artifact, got {type(model).__name__}")


def as_model(model=None) -> LearnedModel:
    """The :class:`LearnedModel` a ``model`` argument gives.

    None: the shipped artifact (:func:`load_model`); a path: that artifact, loaded and
    verified by :func:`load_model` (its file name must be pinned in the shipped registry);
    a :class:`LearnedModel`: itself.

    Raises
    ------
    exposure.errors.DataFormatError
        See :func:`check_model`.
    exposure.errors.ExposureError
        As :func:`load_model`.

    Examples
    --------
    >>> as_model(str(shipped_model_path())) is as_model()
    True
    """
    check_model(model)
    if isinstance(model, LearnedModel):
        return model
    return load_model(model)


# ------------------------------------------------------------------ scoring
#: Columns the scorers read of each table of an O*NET release (``onet=``):
#: :func:`check_release_columns` (:data:`exposure.scoring._inputs.RELEASE_TABLE_COLUMNS`).
RELEASE_COLUMNS = RELEASE_TABLE_COLUMNS


def check_release_columns(onet, tables=tuple(RELEASE_COLUMNS)) -> None:
    """Refuse an O*NET release whose ``tables`` lack a column the scorers read.

    ``onet`` has passed :func:`exposure.scoring._inputs.check_onet` (None passes). Each table is
    checked by :func:`exposure.scoring._inputs.check_release_table`. A
    release of :func:`exposure.load_onet` has them all; a release made up of the
    caller's own frames may not, and the scorers raised ``KeyError: 'dwa_id'`` (or
    ``'title'``, ``'task_id'``) from deep inside.

    Parameters
    ----------
    onet : exposure.onet.OnetRelease or object, optional
    tables : sequence of str, default all of :data:`RELEASE_COLUMNS`
        The tables the caller reads.

    Raises
    ------
    exposure.errors.DataFormatError
        Naming the table, the columns it lacks and those it has.

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> check_release_columns(SimpleNamespace(dwas=pd.DataFrame({"dwa_id": ["4.A.1.I01.D01"]})), ["dwas"])
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: onet.dwas lacks column(s) ['iwa_id'] (columns: ['dwa_id']): onet must be an O*NET release, e.g. exposure.load_onet('29.1')
    """
    if onet is None:
        return
    for name in tables:  # the one check of a release's tables (the category tagger's too)
        check_release_table(getattr(onet, name), name)


def score_learned(
    frame: pd.DataFrame,
    *,
    text_column: str = "task",
    occupation_column: str | None = "title",
    onet=None,
    model: LearnedModel | None = None,
    path=None,
    row_offset: int = 1,
) -> pd.DataFrame:
    """Score tasks with the shipped ``learned`` model.

    Rows whose (``onetsoc_code``, ``task_id``) the O*NET release ``onet`` lists are scored
    from their work activities (coefficient set ``onet``). Every other row is free text,
    grounded in O*NET by retrieval (:mod:`exposure.scoring.retrieval`): set ``text`` when
    the row has an O*NET-SOC code (with its title), set ``free`` (text alone) otherwise. A
    title without a code is not a model feature: under grouped cross-validation (fold seeds
    0 and 1) the ``text`` set given titles without codes agreed less with the human labels
    (kappa 0.5186 and 0.5185) than the text alone (0.5353 and 0.5365); titles still place a row
    in an occupation for the task categories. The probabilities of both free-text sets are
    blended with those of the row's closest O*NET tasks (:func:`ground_in_neighbours`).

    Parameters
    ----------
    frame : pandas.DataFrame
        One row per task with a text column; optional ``onetsoc_code``, ``task_id`` and an
        occupation-title column.
    text_column : str, default "task"
        Column of task statements (validated by the caller).
    occupation_column : str, optional, default "title"
        Column of occupation titles; when absent, titles come from ``onet`` by code.
    onet : exposure.onet.OnetRelease, optional
        O*NET release; tasks whose (``onetsoc_code``, ``task_id``) it lists are scored
        with the work-activity features (the ``onet`` coefficient set).
    model : LearnedModel or str or os.PathLike, optional
        Default :func:`load_model`; a path is loaded with it (:func:`as_model`).
    path : str or os.PathLike, optional
        File the rows come from, named in the warning on texts that do not read as work
        tasks.
    row_offset : int, default 1
        Row number of the first row of ``frame`` in that warning (as the caller counts
        rows: 2 for the first data row of a CSV file with a header).

    Returns
    -------
    pandas.DataFrame
        Same index as ``frame``: ``p_e0, p_e1, p_e2``, ``feature_set`` (``onet``, ``text``
        or ``free``), ``confidence`` (see :func:`confidence`), and the retrieval evidence of
        free-text rows (missing for ``onet`` rows): ``nearest_task_id``,
        ``nearest_onetsoc_code`` (the closest O*NET task) and ``similarity`` (its cosine
        similarity, 0-1).

    Raises
    ------
    exposure.errors.DataFormatError
        As :func:`exposure.scoring.rubric.score_rubric` checks its input: ``frame`` not a
        DataFrame, a missing text column, an empty or non-string task text or one without
        a letter or digit (row and column named), repeated or multi-level column names;
        a ``text_column`` or ``occupation_column`` that is not a column name; an ``onet``
        that is not a release or lacks a column the scorer reads
        (:func:`check_release_columns`); a ``model`` or ``row_offset`` of the wrong kind.
        (Before, a missing text was ``TypeError: sequence item 0: expected str instance,
        float found``, a number or an empty text was scored as a text without a word.)

    Warns
    -----
    A frame whose index repeats a label gets one warning (:data:`REPEATED_INDEX_MESSAGE`,
    as :func:`exposure.scoring.score_tasks`, ``score_rubric``, ``score_reference`` and
    ``tag_categories`` warn): the scores keep that index, and ``df.join(score_learned(df))``
    pairs each row of a repeated label with every row of it (rows duplicated, scores on
    other rows). ``score_tasks`` warns in its own words (it scores through
    :func:`_score_learned`, which does not warn).

    Examples
    --------
    >>> tasks = pd.DataFrame({"task": ["Answer telephones and take messages.",
    ...                                "Lay bricks to build walls."]})
    >>> out = score_learned(tasks)
    >>> list(out.columns)[:4]
    ['p_e0', 'p_e1', 'p_e2', 'feature_set']
    >>> bool(out.loc[0, "p_e0"] < out.loc[1, "p_e0"])
    True
    >>> out["nearest_onetsoc_code"].tolist()  # Office Clerks; Stonemasons
    ['43-9061.00', '47-2022.00']
    """
    texts = task_texts(frame, text_column, what="frame", path=path, row_offset=row_offset)
    row_offset = check_row_offset(row_offset)
    try:  # "&nbsp;" alone (an empty cell of a web page) was scored as a task (confidence 0)
        _unmarked_texts(texts, column=text_column)
    except DataFormatError as exc:  # as score_tasks and score_rubric refuse it, rows of the input
        raise exc.in_file(path, row_offset) from None
    check_column(occupation_column, "occupation_column", optional=True)
    check_onet(onet)
    check_release_columns(onet)
    check_model(model)
    names = RowNames.of(frame, texts, path=path)  # the warnings name the caller's index labels
    if onet is not None:  # the caller's own task ID 2 under a real code: scored as that O*NET
        # task, from its work activities ("Drive a forklift" came out E1); as score_tasks, from the text
        frame = without_other_ids(frame, normalise_texts(texts), onet, path=path, row_offset=row_offset,
                                  names=names)
    out = _score_learned(frame, texts, text_column=text_column, occupation_column=occupation_column,
                         onet=onet, model=model, path=path, row_offset=row_offset, names=names)
    # the scores keep the frame's index: df.join(score_learned(df)) by a repeated label paired each
    # of its rows with every row of it, without a word (score_tasks warned; it calls _score_learned)
    warn_repeated_index(frame, logger, REPEATED_INDEX_MESSAGE)
    return out


#: The warning of :func:`score_learned` on a frame whose index repeats a label (as ``score_tasks`` warns).
REPEATED_INDEX_MESSAGE = repeated_index_message("score_learned")


def _score_learned(frame: pd.DataFrame, texts: list | None, *, text_column: str = "task",
                   occupation_column: str | None = "title", onet=None, model: LearnedModel | None = None,
                   path=None, row_offset: int = 1, text_model=None,
                   names: RowNames | None = None) -> pd.DataFrame:
    """:func:`score_learned`, given ``frame[text_column]`` as a list of str (None: read it).

    ``names`` says how the warnings name a row (the caller's text as written, its index
    label: :class:`~exposure.scoring._inputs.RowNames`); default: its text in ``texts``.

    ``text_model`` (a :class:`exposure.scoring.transformer.TransformerModel`) scores the
    rows not scored from O*NET work activities, from their text alone (``feature_set``
    ``transformer``); the retrieval evidence and the confidence are computed as for the
    ``learned`` sets.
    """
    model = as_model(model)
    n = len(frame)
    if texts is None:
        texts = frame[text_column].astype(str).tolist()
    codes = frame_codes(frame)
    if occupation_column and occupation_column in frame.columns:
        titles = frame[occupation_column].astype("string").fillna("").tolist()
    elif onet is not None:
        occ = dict(zip(onet.occupations["onetsoc_code"].astype(str), onet.occupations["title"].astype(str)))
        titles = [occ.get(c, "") for c in codes]
    else:
        titles = [""] * n
    use_onet = np.zeros(n, dtype=bool)
    dwa_lists = None
    if onet is not None and "task_id" in frame.columns:
        known = remembered("onet_task_keys", (onet.tasks,), lambda: set(
            onet.tasks["onetsoc_code"].astype(str) + "|" + onet.tasks["task_id"].astype("int64").astype(str)))
        ids = frame["task_id"]
        if isinstance(ids.dtype, pd.ArrowDtype):  # decimal128 with a missing cell: pandas' length ValueError
            ids = pd.Series(ids.to_numpy(dtype=object, na_value=None), index=ids.index)
        ids = pd.to_numeric(ids, errors="coerce")
        keys = [f"{c}|{int(i)}" if c and ok else "" for c, i, ok in
                zip(codes, ids.tolist(), ids.notna().tolist())]
        use_onet = np.fromiter((k in known for k in keys), dtype=bool, count=n)
        lookup = remembered("task_dwa_lookup", (onet.task_dwas,), lambda: task_dwa_lookup(onet))
        dwa_lists = [lookup.get(k, []) for k in keys]
    plain = np.array([not c for c in codes], dtype=bool)  # no O*NET-SOC code: the text alone
    if titles_share_context(model):  # no text-alone set: the text set scores every row
        plain[:] = False
    if text_model is not None:  # the transformer scores every free-text row, from its text alone
        plain[:] = True
    # the occupation context averages every task of an occupation in the input (free text
    # and O*NET rows alike): its group means come from all rows, the rest chunk by chunk
    used = [which for which, rows in (("onet", use_onet), ("text", ~use_onet & ~plain),
                                      ("free", ~use_onet & plain)) if rows.any()]
    starts = range(0, n, SCORE_CHUNK)
    # per chunk, blocks shared by the coefficient sets; the embed projections of the model's
    # coefficients (which do not depend on the rows) shared by all chunks
    projections: dict = {}
    caches: list = [{"projections": projections} for _ in starts]
    groups = context = None
    if text_model is not None:
        used = [which for which in used if which == "onet"]
    if any("context" in model.sets[which] for which in used):
        groups = occupation_groups(codes, titles)
        words = [model.word_block(texts[s:s + SCORE_CHUNK], c) for s, c in zip(starts, caches)]
        context = group_means(sparse.vstack(words, format="csr"), groups)
        del words
    probs = np.empty((n, 3))
    which_set = np.where(use_onet, "onet", "text").astype(object)
    similarity = np.full(n, np.nan)
    nearest = np.full(n, -1, dtype=np.int64)
    known_words = np.ones(n, dtype=bool)
    cut = np.zeros(n, dtype=bool)  # free texts the transformer scored on their first tokens
    for k, start in enumerate(starts):
        rows = slice(start, start + SCORE_CHUNK)
        cache, caches[k] = caches[k], None
        if context is not None:
            cache["context"] = (context[0], context[1][rows])
        part = (texts[rows], titles[rows], codes[rows])
        part_groups = None if groups is None else groups[rows]
        onet_rows = use_onet[rows]
        if onet_rows.any():
            z = model.decision_function("onet", *part, dwa_lists[rows], part_groups, cache)[onet_rows]
            probs[rows][onet_rows] = _softmax(z / model.temperature["onet"])
        free_text = ~onet_rows
        if not free_text.any():
            continue
        alone = free_text & plain[rows]
        if model.index is not None:  # neighbour weights: the grounded block; payload: the blend
            grounded = "grounded" in model.sets.get("text", []) and (free_text & ~plain[rows]).any()
            found = model.neighbours(part[0], cache, weights=bool(grounded), payload=True)
            similarity[rows][free_text] = found.similarity[free_text]
            nearest[rows][free_text] = found.best[free_text]
            known_words[rows] = (found.n_terms > 0) | onet_rows
        # a heading, one word or function words only, another language, an address, an
        # occupation title, a whole job posting or one of its lines that is no duty: no
        # task, whatever their similarity
        known_words[rows] &= ~_not_tasks(part[0], _tokens(part[0], cache), model) | onet_rows
        if text_model is not None:
            rows_text = [t for t, keep in zip(part[0], free_text) if keep]
            probs[rows][free_text], cut[rows][free_text] = text_model.predict_proba_cut(rows_text)
            which_set[rows][free_text] = "transformer"
            continue
        for which, mask in (("text", free_text & ~plain[rows]), ("free", alone)):
            if mask.any():
                z = model.decision_function(which, *part, None, part_groups, cache)[mask]
                p = _softmax(z / model.temperature[which])
                if model.index is not None:  # trials G (text alone) and H (with a code)
                    p = ground_in_neighbours(p, found.payload[mask], found.similarity[mask])
                probs[rows][mask] = p
                which_set[rows][mask] = which
    free_text = ~use_onet
    names = names or RowNames(texts)
    if cut.any():  # once per call, naming the caller's row (the transformer's own warning named
        first = int(np.flatnonzero(cut)[0])  # the text's place within a chunk of free texts)
        logger.warning(CUT_TEXTS_MESSAGE, f"{path}: " if path else "", int(cut.sum()), n,
                       text_model.max_length, text_model.max_length - 2, first + row_offset,
                       names.note(first), names.text(first)[:80])
    out = pd.DataFrame(probs, columns=list(PROBA_COLUMNS), index=frame.index)
    out["feature_set"] = which_set.astype(str)
    out["confidence"] = confidence(probs, np.where(use_onet, 1.0, similarity), known_words)
    # built from arrays (missing where no task was found), not from n missing values set
    # one by one: 0.1 s less for 200,000 rows
    hit = (nearest >= 0) & (model.index is not None)
    task_ids = np.zeros(n, dtype=np.int64)
    near_codes = np.full(n, None, dtype=object)
    if hit.any():
        task_ids[hit] = model.index.task_ids[nearest[hit]]
        near_codes[hit] = model.index.onetsoc_codes[nearest[hit]]
    out["nearest_task_id"] = pd.arrays.IntegerArray(task_ids, ~hit)
    out["nearest_onetsoc_code"] = pd.array(near_codes, dtype="string")
    out["similarity"] = np.where(use_onet, np.nan, np.nan_to_num(similarity))
    odd = free_text & ((np.nan_to_num(similarity) < OUT_OF_DOMAIN_SIMILARITY) | ~known_words)
    if model.index is None:  # a model without retrieval cannot tell
        odd[:] = False
    if odd.any():
        first = int(np.flatnonzero(odd)[0])
        logger.warning(ODD_TEXTS_MESSAGE, f"{path}: " if path else "",
                       int(odd.sum()), n, first + row_offset, names.note(first), names.text(first)[:60])
    logger.info("learned: scored %d tasks (%d with O*NET work activities)", n, int(use_onet.sum()))
    return out


def _not_tasks(texts: list, tokens, model: LearnedModel) -> np.ndarray:
    """Free texts that name no work task, whatever their similarity to O*NET's.

    Fewer than :data:`MIN_CONTENT_WORDS` content words (a heading, one word, function
    words); more than :data:`MAX_TASK_WORDS` words (a job posting); another language than
    English (:func:`~exposure.scoring._features.other_language`); an e-mail or web address
    with too few words besides (:func:`~exposure.scoring._features.address_only`); an
    occupation title (:func:`occupation_titles`); a line of a job posting that is no duty
    (pay, benefits, an equal-opportunity statement, the company's blurb, a requirement or
    qualification, the schedule or place, a job title with its level, how to apply:
    :func:`~exposure.scoring._features.posting_lines`; ``Competitive salary and
    benefits.`` and ``Must be able to lift 50 pounds.`` got a confidence of 0.56, ``Software
    Engineer II`` 0.50, without a word). Their confidence is 0 and they are
    counted in the warning :data:`ODD_TEXTS_MESSAGE`; their scores and retrieval evidence
    are as before. Every test reads the words of all texts at once (``tokens``,
    :func:`tokenize` of ``texts``); only the few texts that hold ``@``, ``://`` or ``www.``,
    that begin and end as a title does, or whose words may begin a line of a posting that is
    no duty, are then read one by one.

    Examples
    --------
    >>> texts = ["Answer telephones.", "Description", "Limpiar y mantener el equipo de cocina.",
    ...          "Contact: hr@acme.com", "Answer telephones. " * 120, "Registered Nurses",
    ...          "Competitive salary and benefits.", "Software Engineer II"]
    >>> _not_tasks(texts, tokenize(texts), load_model()).tolist()
    [False, True, True, True, True, True, True, True]
    """
    out = content_word_counts(tokens) < MIN_CONTENT_WORDS
    out |= tokens.lengths > MAX_TASK_WORDS
    out |= other_language(tokens, model.known_words)
    out |= address_only(texts, MIN_CONTENT_WORDS, tokens)
    titles = occupation_titles()
    if titles is not None:
        out |= titles.match(tokens)
    out |= posting_lines(texts, tokens)
    return out


@functools.lru_cache(maxsize=1)
def occupation_titles() -> PhraseSet | None:
    """The O*NET occupation and SOC titles, which a free text may be instead of a task.

    Read once from the shipped tables (``occupation_scores`` and ``soc_scores`` of
    ``exposure/data/processed``): ``Software Developers`` or ``Registered Nurses`` given as
    a task text (a column of job titles scored as tasks) were scored, E2 with confidence
    0.90 and E0 with 0.81, as the tasks their words resemble. None when the tables cannot
    be read.

    Examples
    --------
    >>> occupation_titles().match(tokenize(["Software Developer", "Write software."])).tolist()
    [True, False]
    """
    tables = importlib.resources.files("exposure") / "data" / "processed"
    try:
        titles = [t for name, col in (("occupation_scores", "title"), ("soc_scores", "soc_title"))
                  for t in pd.read_parquet(str(tables / f"{name}.parquet"), columns=[col])[col].tolist()
                  if isinstance(t, str)]
    except (OSError, KeyError, ValueError) as exc:  # an install without the tables: no titles to tell
        logger.info("learned: no occupation titles to tell from tasks (%s)", exc)
        return None
    return PhraseSet(titles)


def titles_share_context(model: LearnedModel) -> bool:
    """Whether ``model`` gives rows with a title but no O*NET-SOC code an occupation context.

    Only a model without a text-alone (``free``) set does (it scores such rows with the
    ``text`` set, whose context block averages the rows of the same title); the shipped
    model scores them as text alone, so only rows with a code share a context. Streaming,
    Dask and Spark scoring keep the rows that share a context together
    (:func:`exposure.scoring._files.occupation_keys`).

    Examples
    --------
    >>> titles_share_context(load_model())
    False
    """
    return "free" not in model.sets


def grounding_weight(similarity) -> np.ndarray:
    """Weight of the closest O*NET tasks in the score of a free text, by its similarity.

    ``clip((similarity - GROUNDING_FLOOR) / (GROUNDING_FULL - GROUNDING_FLOOR), 0, 1)``:
    0 for a text that resembles no O*NET task (it is scored from its words alone), 1 for a
    text that restates one (it is scored as that task).

    Examples
    --------
    >>> grounding_weight([0.0, 0.15, 0.425, 0.7, 1.0]).round(2).tolist()
    [0.0, 0.0, 0.5, 1.0, 1.0]
    """
    sim = np.nan_to_num(np.asarray(similarity, dtype=float))
    return np.clip((sim - GROUNDING_FLOOR) / (GROUNDING_FULL - GROUNDING_FLOOR), 0.0, 1.0)


def ground_in_neighbours(proba, neighbours_proba, similarity) -> np.ndarray:
    """Blend the free-text probabilities with those of the text's closest O*NET tasks.

    ``(1 - w) * proba + w * neighbours_proba`` with ``w`` = :func:`grounding_weight` of the
    best retrieval similarity. ``neighbours_proba`` is the similarity-weighted mean of the
    ``onet``-set probabilities of the retrieved neighbours (the retrieval index's payload:
    what the work-activity model makes of each O*NET task); a row without neighbours (all
    zeros) keeps ``proba``. A job-posting rewording of an O*NET task is then scored from the
    work activities O*NET links to that task, although its words differ: under the grouped
    cross-validation this raised the agreement of hand-written paraphrases with the human
    labels by about 0.1 kappa (docs: Agreement with the human labels, trial G). Rows
    scored as text alone (``free`` set) are blended since trial G, rows with an
    O*NET-SOC code (``text`` set) since trial H, with the same weights.

    Parameters
    ----------
    proba : array-like, shape (n, 3)
        Calibrated probabilities of the ``free`` or ``text`` set.
    neighbours_proba : array-like, shape (n, 3)
        ``Neighbours.weights @ index.payload``.
    similarity : array-like of float, shape (n,)
        Best retrieval similarity (``Neighbours.similarity``).

    Returns
    -------
    numpy.ndarray, shape (n, 3)
        Rows sum to one.

    Examples
    --------
    >>> p = np.array([[0.8, 0.1, 0.1], [0.8, 0.1, 0.1], [0.8, 0.1, 0.1]])
    >>> q = np.array([[0.0, 0.0, 1.0], [0.0, 0.0, 1.0], [0.0, 0.0, 0.0]])
    >>> ground_in_neighbours(p, q, [0.1, 0.425, 0.9]).round(2).tolist()
    [[0.8, 0.1, 0.1], [0.4, 0.05, 0.55], [0.8, 0.1, 0.1]]
    """
    proba = np.asarray(proba, dtype=float)
    q = np.asarray(neighbours_proba, dtype=float)
    w = grounding_weight(similarity)
    w = np.where(q.sum(axis=1) > 0, w, 0.0)[:, None]
    return (1.0 - w) * proba + w * q


def confidence(proba, similarity, known_words=None) -> np.ndarray:
    """How far to trust each score: top-class probability times grounding in O*NET.

    ``confidence = max(p) * min(1, similarity / GROUNDED_SIMILARITY)``, and 0 for a text
    with no word known to the retrieval index or that names no task (``known_words``
    false: :func:`_not_tasks`). O*NET tasks scored from their work
    activities have ``similarity`` 1. The calibrated top-class probability estimates how
    often the label is right; the grounding factor discounts texts that resemble no O*NET
    task (the model has seen nothing like them).

    Parameters
    ----------
    proba : array-like, shape (n, 3)
    similarity : array-like of float
        Retrieval similarity (NaN counts as 0).
    known_words : array-like of bool, optional

    Raises
    ------
    exposure.errors.DataFormatError
        ``proba`` not of shape (n, 3), or ``similarity`` (``known_words``) not of ``n``
        values: the arguments given the other way round (``confidence(similarity,
        proba)``) raised numpy's ``AxisError``, and a ``similarity`` of another length its
        broadcasting error or, of length 1, a result broadcast over every row.

    Examples
    --------
    >>> confidence(np.array([[0.9, 0.05, 0.05], [0.9, 0.05, 0.05]]), [1.0, 0.07]).round(2).tolist()
    [0.9, 0.18]
    """
    proba = np.asarray(proba, dtype=float)
    if proba.ndim != 2 or proba.shape[1] != 3:
        raise DataFormatError(f"confidence: proba must be of shape (n, 3), the probabilities of E0, E1 and E2 "
                              f"of each task; got shape {proba.shape} (proba first, then similarity)")
    sim = np.nan_to_num(np.asarray(similarity, dtype=float))
    for name, values in (("similarity", sim), ("known_words", known_words)):
        if values is not None and np.shape(values) != (len(proba),):
            raise DataFormatError(f"confidence: {name} must hold one value per row of proba ({len(proba)}); "
                                  f"got shape {np.shape(values)}")
    out = proba.max(axis=1) * np.clip(sim / GROUNDED_SIMILARITY, 0.0, 1.0)
    if known_words is not None:
        out = np.where(np.asarray(known_words, dtype=bool), out, 0.0)
    return out


def occupation_groups(codes, titles) -> list[str]:
    """Occupation of each task for the ``context`` block: code, else title, else the task alone.

    A missing code or title (None, NaN, ``pd.NA``) is no code or title: ``None`` titles
    were the title ``'none'`` (so the tasks of no title shared one context) and a NaN code
    the group NaN.

    Examples
    --------
    >>> occupation_groups(["11-1011.00", "", "", ""], ["Chief Executives", "Clerks", "clerks ", ""])
    ['11-1011.00', 'title:clerks', 'title:clerks', 'row:3']
    >>> occupation_groups([None, float("nan"), pd.NA], [None, float("nan"), pd.NA])
    ['row:0', 'row:1', 'row:2']
    """
    out = []
    for i, (code, title) in enumerate(zip(codes, titles)):
        if code is not None and code is not pd.NA and code == code and code:
            out.append(code)
            continue
        title = "" if title is None or title is pd.NA or title != title else str(title).strip().lower()
        out.append(f"title:{title}" if title else f"row:{i}")
    return out


def frame_codes(frame: pd.DataFrame) -> list[str]:
    """O*NET-SOC codes of ``frame`` (``""`` where absent or malformed).

    Examples
    --------
    >>> frame_codes(pd.DataFrame({"onetsoc_code": ["11-1011.00", None, "x"]}))
    ['11-1011.00', '', '']
    """
    if "onetsoc_code" not in frame.columns:
        return [""] * len(frame)
    codes = frame["onetsoc_code"].astype("string").fillna("")
    ok = codes.str.fullmatch(r"[0-9]{2}-[0-9]{4}\.[0-9]{2}").fillna(False).astype(bool)
    return codes.where(ok, "").tolist()


#: The warning of a call whose free texts the transformer cut (``method="transformer"``):
#: the input, how many of its texts, the tokens read, and the first such row (its number,
#: index label and text, as :data:`ODD_TEXTS_MESSAGE`'s).
CUT_TEXTS_MESSAGE = ("%s%d of %d texts are longer than the transformer's %d tokens ([CLS] and [SEP] "
                     "included): only their first %d tokens were scored (e.g. row %d%s, %r)")
#: The warning about texts that do not read as work tasks (its arguments: the file prefix,
#: the count, the rows scored, the first such row, its index label (``" (index 20)"`` or
#: ``""``) and its text as the caller wrote it); ``exposure score`` sums it
#: over the batches of a file (:func:`exposure.scoring._files.score_file`). The reasons it
#: lists are those of :func:`_not_tasks` and :data:`OUT_OF_DOMAIN_SIMILARITY`.
ODD_TEXTS_MESSAGE = ("%s%d of %d texts do not read as work tasks (no O*NET task is similar, too few "
                     f"words to name one, more than {MAX_TASK_WORDS} words (split a job posting into "
                     "its duties), another language than English, an address, an occupation title "
                     "or a line of a job posting that is no duty (pay, benefits, requirements, the "
                     "company, schedule, job title, how to apply): e.g. row %d%s, %r); their scores "
                     "have low confidence")


def task_dwa_lookup(onet) -> dict:
    """Map ``"onetsoc_code|task_id"`` to the task's list of DWA ids in an O*NET release.

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> td = pd.DataFrame({"onetsoc_code": ["11-1011.00"] * 2, "task_id": [8823, 8823],
    ...                    "dwa_id": ["4.A.2.a.4.I09.D03", "4.A.4.b.6.I08.D04"]})
    >>> task_dwa_lookup(SimpleNamespace(task_dwas=td))
    {'11-1011.00|8823': ['4.A.2.a.4.I09.D03', '4.A.4.b.6.I08.D04']}
    """
    td = onet.task_dwas
    keys = (td["onetsoc_code"].astype(str) + "|" + td["task_id"].astype("int64").astype(str)).tolist()
    out: dict = {}
    for key, dwa in zip(keys, td["dwa_id"].astype(str).tolist()):
        out.setdefault(key, []).append(dwa)
    return out
