"""Ground free text in O*NET: retrieve the closest O*NET tasks and detailed work activities.

A text without O*NET ids is compared, by TF-IDF cosine over stemmed word 1-2 grams, with
the 18,796 task statements and the 2,087 detailed work activity (DWA) titles of O*NET
29.1. What the closest tasks carry becomes the ``grounded`` feature block of the
``learned`` scorer's text set (:mod:`exposure.scoring.learned`):

- ``payload``: the probabilities (E0, E1, E2) the work-activity (``onet``) model gives the
  neighbour tasks, averaged with weights ``similarity ** POWER`` over the neighbours within
  :data:`RATIO` of the best similarity, and their logarithms scaled by the best similarity;
- the best similarity itself;
- the neighbours' detailed and intermediate work activities (DWA and IWA ids), and the
  activities of the closest DWA titles;
- the neighbours' job zones (one-hot, weighted).

Retrieval is a sparse matrix product with the index, whose very common terms (in more than
:data:`MAX_DF` task statements) are left out of the product (they still count in the
query's norm, so a text made of common words only has a low similarity). The index is built
from an O*NET release (:func:`build_index`) by ``exposure train`` and shipped beside the
model as a pickle-free ``.npz`` pinned in ``registry.txt`` (:func:`save_index`,
:func:`load_index`); it holds derived sparse vectors and ids of O*NET 29.1 (O*NET content
is CC BY 4.0: "O*NET 29.1 Database by the U.S. Department of Labor, Employment and
Training Administration (USDOL/ETA). Used under the CC BY 4.0 license.").
"""

from __future__ import annotations

import logging
import math
from collections import Counter
from collections.abc import Iterable, Mapping, Set
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pandas as pd
from scipy import sparse

try:  # the product routine behind scipy's ``@`` (:func:`_matmul`)
    from scipy.sparse import _sparsetools
except ImportError:  # pragma: no cover - another scipy layout: ``@`` is used
    _sparsetools = None

from exposure._args import as_array, check_count, check_path, shown
from exposure._io import load_pinned, metadata_not_object, write_arrays
from exposure._tables import first_repeat, first_repeat_of, task_id_numbers
from exposure.errors import DataFormatError, ExposureError
from exposure.schemas._fields import first_bad_onetsoc_code
from exposure.scoring._features import WordTfidf, word_terms
from exposure.scoring._inputs import check_onet, job_zone_lookup, norm_task_ids, task_texts

__all__ = [
    "INDEX_NAME",
    "MAX_DF",
    "RATIO",
    "POWER",
    "PAYLOAD_TOLERANCE",
    "TaskIndex",
    "Neighbours",
    "build_index",
    "save_index",
    "load_index",
]

logger = logging.getLogger(__name__)

#: File name of the shipped retrieval index (in ``exposure/data/models``).
INDEX_NAME = "retrieval-v1.npz"
#: Terms found in more task statements than this are left out of the similarity product.
MAX_DF = 300
#: Neighbours within this fraction of the best similarity are kept.
RATIO = 0.7
#: How far from 1 a task's payload (E0 + E1 + E2) may sum: the tolerance of the scores' own
#: check (:class:`~exposure.schemas.TaskScores`), which a weighted mean of such rows then
#: meets. The shipped index's rows are within 4e-16 of 1; stored as float16 they were up to
#: 4e-4 away, and every text scored raised TaskScores' ``SchemaError``, naming no index.
PAYLOAD_TOLERANCE = 1e-6

#: Neighbour weight: ``similarity ** POWER`` (normalised to sum to one).
POWER = 4.0
#: Most rows per block of the similarity product.
CHUNK = 4096
#: Most (query, task) pairs sharing a term per block of the similarity product: a long
#: text (a job posting of several duties) shares terms with thousands of tasks, so blocks
#: of long texts hold fewer rows (:func:`_row_blocks`), which bounds memory.
BLOCK_PAIRS = 4_000_000


@dataclass
class Neighbours:
    """What :meth:`TaskIndex.retrieve` found for each query.

    Attributes
    ----------
    best : numpy.ndarray of int
        Row of the closest task in the index, -1 when no task shares a term.
    similarity : numpy.ndarray of float
        Cosine similarity with that task (0 when none).
    weights : scipy.sparse.csr_matrix or None
        Queries x index tasks: the weights of the kept neighbours (rows sum to 1 or 0);
        None when retrieved with ``weights=False``.
    dwa_weights : scipy.sparse.csr_matrix or None
        Queries x DWAs: the similarity of the closest DWA titles (within :data:`RATIO`);
        None when retrieved with ``weights=False``.
    n_terms : numpy.ndarray of int
        Terms of each query known to the index vocabulary (0: not a single known word).
    payload : numpy.ndarray or None
        Queries x 3: the kept neighbours' payload averaged with their weights (what
        ``weights @ index.payload`` gives; zeros where no task shares a term), when
        retrieved with ``payload=True``; else None.
    """

    best: np.ndarray
    similarity: np.ndarray
    weights: sparse.csr_matrix | None
    dwa_weights: sparse.csr_matrix | None
    n_terms: np.ndarray
    payload: np.ndarray | None = None


@dataclass
class TaskIndex:
    """Sparse TF-IDF vectors of O*NET task statements and DWA titles, with what they carry.

    Attributes
    ----------
    vectorizer : WordTfidf
        Stemmed word 1-2 gram TF-IDF of the corpus (tasks and DWA titles).
    tasks, dwas : scipy.sparse.csr_matrix
        Unit-norm rows of the task statements and of the DWA titles, very common terms
        removed (:data:`MAX_DF`).
    onetsoc_codes : numpy.ndarray of str
        Occupation of each task.
    task_ids : numpy.ndarray of int64
        O*NET task id of each task.
    activities : list of str
        DWA ids then IWA ids: the columns of ``task_activity`` and ``dwa_activity``.
    task_activity, dwa_activity : scipy.sparse.csr_matrix
        Unit-norm bag of DWA and IWA ids of each task, of each DWA.
    job_zone : numpy.ndarray of int8
        Job zone of each task's occupation (0: unknown).
    payload : numpy.ndarray, shape (n_tasks, 3)
        Probabilities (E0, E1, E2) of the work-activity model for each task.
    metadata : dict
        O*NET release, build settings.
    """

    vectorizer: WordTfidf
    tasks: sparse.csr_matrix
    dwas: sparse.csr_matrix
    onetsoc_codes: np.ndarray
    task_ids: np.ndarray
    activities: list
    task_activity: sparse.csr_matrix
    dwa_activity: sparse.csr_matrix
    job_zone: np.ndarray
    payload: np.ndarray
    metadata: dict = field(default_factory=dict)

    def __post_init__(self):
        self._soc6 = None

    @property
    def n_tasks(self) -> int:
        """Number of task statements in the index."""
        return self.tasks.shape[0]

    @property
    def n_features(self) -> int:
        """Width of the ``grounded`` feature block (:meth:`features`)."""
        return 7 + 2 * len(self.activities) + 5

    def soc6_groups(self) -> np.ndarray:
        """Integer code of each task's SOC 6-digit group (for excluding an occupation)."""
        if self._soc6 is None:
            _, self._soc6 = np.unique(np.asarray([c[:7] for c in self.onetsoc_codes]),
                                      return_inverse=True)
        return self._soc6

    def subset(self, keep) -> "TaskIndex":
        """The index restricted to the tasks where ``keep`` (bool array) is true.

        Raises
        ------
        exposure.errors.DataFormatError
            ``keep`` is not one True or False a task: positions (``[0, 1]`` kept task 1
            only, read as False, True) or a list of another length (numpy's ``IndexError``).

        Examples
        --------
        >>> sub = _tiny_index().subset(np.array([True, False]))
        >>> sub.n_tasks, sub.task_ids.tolist()
        (1, [1])
        """
        mask = as_array(keep)
        if mask is None or mask.dtype != bool or mask.shape != (self.n_tasks,):
            got = shown(keep) if mask is None else f"{type(keep).__name__} of {mask.dtype}, shape {mask.shape}"
            raise DataFormatError(f"keep must be one True or False a task ({self.n_tasks}), got {got}")
        keep = mask
        return TaskIndex(self.vectorizer, self.tasks[keep], self.dwas, self.onetsoc_codes[keep],
                         self.task_ids[keep], self.activities, self.task_activity[keep],
                         self.dwa_activity, self.job_zone[keep], self.payload[keep],
                         dict(self.metadata))

    def with_payload(self, payload) -> "TaskIndex":
        """A copy of the index carrying ``payload`` (n_tasks x 3) instead.

        Raises
        ------
        exposure.errors.DataFormatError
            ``payload`` is not probabilities of 0 to 1, three a task (:func:`_check_payload`).
        """
        payload = _check_payload(payload, self.n_tasks)
        return TaskIndex(self.vectorizer, self.tasks, self.dwas, self.onetsoc_codes, self.task_ids,
                         self.activities, self.task_activity, self.dwa_activity, self.job_zone,
                         payload, dict(self.metadata))

    # ---------------------------------------------------------------- retrieval
    def retrieve(self, texts, *, exclude=None, vectors=None, weights: bool = True,
                 payload: bool = False) -> Neighbours:
        """Closest index tasks and DWA titles of each text.

        Parameters
        ----------
        texts : sequence of str
        exclude : sequence of str, optional
            Per text, a SOC 6-digit code (``"11-1011"``) whose tasks it must not find (used
            in training, so that a task is grounded in other occupations only); one code
            (or None) a text.
        vectors : scipy.sparse.csr_matrix, optional
            ``vectorizer.transform(texts)``, when already computed.
        weights : bool, default True
            Also find the neighbour weights and the closest DWA titles (what
            :meth:`features` needs); False finds only the closest task and its similarity
            (the evidence of a score), the same ``best`` and ``similarity``, in less time.
        payload : bool, default False
            Also average the kept neighbours' payload (``Neighbours.payload``, what the
            text-alone blend of :func:`exposure.scoring.learned.ground_in_neighbours`
            needs), without building the weight matrices when ``weights`` is False.

        Returns
        -------
        Neighbours

        Raises
        ------
        exposure.errors.DataFormatError
            ``texts`` is not a list of str (:func:`check_texts`: one str was read letter by
            letter, a DataFrame as its column names, None raised a ``TypeError``), or
            ``exclude`` is not a list of one code a text (one str was read letter by letter
            and excluded nothing; a list of another length raised numpy's ``IndexError`` or
            was used as far as it went).

        Examples
        --------
        >>> index = _tiny_index()
        >>> full, bare = (index.retrieve(["Answer customer emails"], weights=w) for w in (True, False))
        >>> bare.best.tolist() == full.best.tolist(), bare.weights is None
        (True, True)
        >>> mean = index.retrieve(["Answer customer emails"], weights=False, payload=True).payload
        >>> bool(np.allclose(mean, full.weights @ index.payload))
        True
        """
        q = self.vectorizer.transform(check_texts(texts)) if vectors is None else vectors
        n = q.shape[0]
        groups = None
        if exclude is not None:
            exclude = _check_exclude(exclude, n)
            lookup = {c[:7]: g for c, g in zip(self.onetsoc_codes, self.soc6_groups())}
            groups = np.array([lookup.get(str(c)[:7], -1) for c in exclude], dtype=np.int64)
        best = np.full(n, -1, dtype=np.int64)
        sim = np.zeros(n)
        parts, dparts = [], []
        mean = np.zeros((n, 3)) if payload else None
        tasks_t, dwas_t = self._transposed()
        for start, end in _row_blocks(q, tasks_t, CHUNK, BLOCK_PAIRS):
            block = q[start:end]
            s = _matmul(block, tasks_t)
            if groups is not None and s.nnz:
                rows = np.repeat(np.arange(s.shape[0]), np.diff(s.indptr))
                s.data[self.soc6_groups()[s.indices] == groups[start:end][rows]] = 0.0
                s.eliminate_zeros()
            if weights:
                b, top, w = _keep_best(s, RATIO, POWER, normalise=True)
                parts.append(w)
                dparts.append(_keep_best(_matmul(block, dwas_t), RATIO, 1.0, normalise=False)[2])
                if payload:  # as without the weights, so that a row's mean never depends on them
                    mean[start:start + len(b)] = _kept_mean(s, RATIO, POWER, self.payload)[2]
            elif payload:
                b, top, mean[start:start + s.shape[0]] = _kept_mean(s, RATIO, POWER, self.payload)
            else:
                b, top = _best(s)
            best[start:start + len(b)] = b
            sim[start:start + len(b)] = top
        if not weights:
            return Neighbours(best, sim, None, None, np.diff(q.indptr), mean)
        if not parts:  # no text: payload (n x 3) as when there are texts
            empty = sparse.csr_matrix((0, self.n_tasks))
            return Neighbours(best, sim, empty, sparse.csr_matrix((0, self.dwas.shape[0])),
                              np.zeros(0, dtype=np.int64), mean)
        return Neighbours(best, sim, sparse.vstack(parts, format="csr"), sparse.vstack(dparts, format="csr"),
                          np.diff(q.indptr), mean)

    def _transposed(self) -> tuple[sparse.csr_matrix, sparse.csr_matrix]:
        """Task and DWA matrices as (terms x items) CSR, computed once per index."""
        cached = self.__dict__.get("_transposed_cache")
        if cached is None or cached[0] is not self.tasks or cached[1] is not self.dwas:
            cached = (self.tasks, self.dwas, self.tasks.T.tocsr(), self.dwas.T.tocsr())
            self.__dict__["_transposed_cache"] = cached
        return cached[2], cached[3]

    def features(self, found: Neighbours) -> sparse.csr_matrix:
        """The ``grounded`` feature block of the retrieved neighbours (unweighted).

        Columns: neighbour payload (3), log payload times best similarity (3), best
        similarity (1), neighbour activities, closest-DWA activities, job zone (5).

        Examples
        --------
        >>> index = _tiny_index()
        >>> index.features(index.retrieve(["Answer emails from customers"])).shape == (1, index.n_features)
        True
        """
        w = found.weights
        if w is None or found.dwa_weights is None:
            raise ExposureError("these neighbours were retrieved without weights (weights=False); "
                                "the grounded features need retrieve(..., weights=True)")
        p = np.asarray(w @ self.payload)
        top = found.similarity[:, None]
        logp = np.log(np.clip(p, 1e-3, 1.0)) * top
        logp[w.getnnz(axis=1) == 0] = 0.0
        zones = np.zeros((self.n_tasks, 5))
        known = self.job_zone > 0
        zones[np.flatnonzero(known), self.job_zone[known].astype(int) - 1] = 1.0
        dense = sparse.csr_matrix(np.hstack([p, logp, top]))
        return sparse.hstack([dense, w @ self.task_activity, found.dwa_weights @ self.dwa_activity,
                              sparse.csr_matrix(np.asarray(w @ zones))], format="csr")

    # --------------------------------------------------------------------- I/O
    def to_arrays(self) -> tuple[dict, dict]:
        """Arrays and JSON metadata of the artifact (see :func:`save_index`)."""
        arrays = {
            "tokens": np.array(self.vectorizer.to_codes()[0], dtype=str),
            "codes": self.vectorizer.to_codes()[1],
            "idf": self.vectorizer.idf,
            "onetsoc_codes": np.asarray(self.onetsoc_codes, dtype=str),
            "task_ids": np.asarray(self.task_ids, dtype=np.int64),
            "activities": np.array(self.activities, dtype=str),
            "job_zone": np.asarray(self.job_zone, dtype=np.int8),
            "payload": np.asarray(self.payload, dtype=np.float64),
        }
        for name in ("tasks", "dwas", "task_activity", "dwa_activity"):
            m = sparse.csr_matrix(getattr(self, name))
            arrays[f"{name}_data"] = m.data.astype(np.float32)
            arrays[f"{name}_indices"] = m.indices.astype(np.int32)
            arrays[f"{name}_indptr"] = m.indptr.astype(np.int64)
            arrays[f"{name}_shape"] = np.asarray(m.shape, dtype=np.int64)
        meta = dict(self.metadata, ngram_max=self.vectorizer.ngram_max, stem=self.vectorizer.stem)
        return arrays, meta

    @classmethod
    def from_arrays(cls, arrays: dict, meta: dict) -> "TaskIndex":
        """Rebuild an index from :meth:`to_arrays` output.

        Raises
        ------
        exposure.errors.ExposureError
            The arrays or metadata do not make an index (:func:`_check_arrays`), naming the
            array or key.
        """
        _check_arrays(arrays, meta)
        mats = {}
        for name in ("tasks", "dwas", "task_activity", "dwa_activity"):
            mats[name] = sparse.csr_matrix(
                (arrays[f"{name}_data"].astype(np.float64), arrays[f"{name}_indices"],
                 arrays[f"{name}_indptr"]), shape=tuple(int(v) for v in arrays[f"{name}_shape"]))
        return cls(
            vectorizer=_vectorizer(arrays, meta),
            onetsoc_codes=np.asarray(arrays["onetsoc_codes"]).astype(str),
            task_ids=np.asarray(arrays["task_ids"], dtype=np.int64),
            activities=[str(a) for a in arrays["activities"]],
            job_zone=np.asarray(arrays["job_zone"], dtype=np.int8),
            payload=np.asarray(arrays["payload"], dtype=np.float64),
            metadata={k: v for k, v in meta.items() if k not in ("ngram_max", "stem")},
            **mats,
        )


def _vectorizer(arrays: dict, meta: dict) -> WordTfidf:
    try:
        if "codes" in arrays:  # term codes: no string processing at load
            return WordTfidf.from_codes(arrays["tokens"], arrays["codes"], arrays["idf"],
                                        int(meta["ngram_max"]), stem=bool(meta["stem"]))
        return WordTfidf(arrays["vocab"], arrays["idf"], int(meta["ngram_max"]), stem=bool(meta["stem"]))
    except ValueError as exc:  # "duplicate terms in the word vocabulary", a vocabulary too large
        raise ExposureError(f"the retrieval index's terms do not make a vocabulary: {exc}") from None


#: The sparse matrices of an index artifact: name -> (rows, columns) as names of what they
#: must equal (``tasks``: the task rows, ``terms``: the vocabulary, ``activities``, ``dwas``).
_MATRICES = {"tasks": ("tasks", "terms"), "dwas": ("dwas", "terms"),
             "task_activity": ("tasks", "activities"), "dwa_activity": ("dwas", "activities")}
#: What those names count, for the messages.
_SIZES = {"tasks": "tasks (the rows of 'tasks')", "dwas": "DWA titles (the rows of 'dwas')",
          "terms": "terms (the vocabulary)", "activities": "activities (the array 'activities')"}


def _check_arrays(arrays: dict, meta: dict) -> None:
    """Refuse arrays or metadata that do not make a retrieval index (:meth:`TaskIndex.from_arrays`).

    What an artifact damaged, cut, written by another tool or by another version of the
    library holds. Before, a sparse matrix whose indices or shape did not fit its arrays
    crashed the process (a segmentation fault in scipy's product), arrays of the tasks of
    other lengths raised numpy's ``IndexError`` or a broadcasting ``ValueError`` when a
    text was retrieved, ``ngram_max`` of text a bare ``ValueError``, and NaN in the IDF
    weights or the payload gave no neighbour or NaN probabilities, silently. A payload whose
    rows do not sum to 1 (stored as float16: up to 4e-4 away) was read, and every text
    scored then failed the scores' own check (``SchemaError: TaskScores, row 1: p_e0 + p_e1 +
    p_e2 = 1 ...``), naming no index.

    Raises
    ------
    exposure.errors.ExposureError
        Naming the array or metadata key and what is expected.

    Examples
    --------
    >>> arrays, meta = _tiny_index().to_arrays()
    >>> _check_arrays(dict(arrays, task_ids=arrays["task_ids"][:1]), meta)
    Traceback (most recent call last):
    ...
    exposure.errors.ExposureError: the retrieval index's array 'task_ids' has 1 rows for 2 tasks (the rows of 'tasks')
    """
    check_parts(arrays, meta, "a retrieval index")
    what = "the retrieval index"
    for key in ("ngram_max", "stem"):
        if key not in meta:
            raise KeyError(key)  # load_pinned: "not a retrieval index: it lacks 'stem'"
    ngram = meta["ngram_max"]
    if isinstance(ngram, bool) or not isinstance(ngram, int) or ngram < 1:
        raise ExposureError(f"{what}'s ngram_max must be a whole number of 1 or more, got {shown(ngram)}")
    if not isinstance(meta["stem"], bool):
        raise ExposureError(f"{what}'s stem must be true or false, got {shown(meta['stem'])}")
    terms = "codes" if "codes" in arrays else "vocab"
    sizes = {"terms": len(np.atleast_1d(arrays[terms])), "activities": len(np.atleast_1d(arrays["activities"]))}
    for name, (rows, cols) in _MATRICES.items():
        shape = np.asarray(arrays[f"{name}_shape"])
        if shape.shape != (2,) or shape.dtype.kind not in ("i", "u") or (shape < 0).any():
            raise ExposureError(f"{what}'s array '{name}_shape' must be two whole numbers, got {shown(shape)}")
        if name in ("tasks", "dwas"):
            sizes[rows] = int(shape[0])
        for axis, size in enumerate(shape):
            want = (rows, cols)[axis]
            if int(size) != sizes[want]:
                raise ExposureError(f"{what}'s matrix {name!r} has {int(size)} {('rows', 'columns')[axis]} "
                                    f"for {sizes[want]} {_SIZES[want]}")
        _check_matrix(arrays, name, tuple(int(v) for v in shape), what)
    n = sizes["tasks"]
    for name in ("onetsoc_codes", "task_ids", "job_zone", "payload"):
        value = np.asarray(arrays[name])
        if value.ndim < 1 or value.shape[0] != n:
            got = value.shape[0] if value.ndim else "no"
            raise ExposureError(f"{what}'s array {name!r} has {got} rows for {n} {_SIZES['tasks']}")
    checks = (
        ("task_ids", lambda v: v.ndim == 1 and v.dtype.kind in ("i", "u"), "whole numbers (O*NET task ids)"),
        ("onetsoc_codes", lambda v: v.ndim == 1 and v.dtype.kind == "U", "text (O*NET-SOC codes)"),
        ("job_zone", lambda v: v.ndim == 1 and v.dtype.kind in ("i", "u") and ((v >= 0) & (v <= 5)).all(),
         "whole numbers of 0 (unknown) to 5"),
        ("payload", lambda v: v.ndim == 2 and v.shape[1] == 3 and v.dtype.kind == "f"
         and bool(((v >= 0) & (v <= 1)).all()), "3 probabilities (E0, E1, E2) of 0 to 1 a task"),
        ("activities", lambda v: v.ndim == 1 and v.dtype.kind == "U", "text (DWA and IWA ids)"),
    )
    _check_values(arrays, checks, what)
    off = _unsummed(np.asarray(arrays["payload"]))
    if off is not None:  # float16: the scores of every text then failed TaskScores' check, naming no file
        payload = np.asarray(arrays["payload"])
        raise ExposureError(f"{what}'s array 'payload' holds a row summing to {off[1]!r} (payload[{off[0]}], "
                            f"{payload.dtype} of shape {payload.shape}): each task's probabilities (E0, E1, E2) "
                            f"must sum to 1 (within {PAYLOAD_TOLERANCE}; the library stores them as float64)")
    check_terms(arrays, "", what, ngram)


def check_parts(arrays, meta, what: str) -> None:
    """Refuse ``arrays`` or ``meta`` given to an artifact's ``from_arrays`` that are not dicts.

    :func:`exposure._io.read_arrays` refuses a ``metadata.json`` that is no object, for
    every pinned file; an index or model built from arrays and metadata in memory
    (``TaskIndex.from_arrays``, ``LearnedModel.from_arrays``, ``TransformerModel(...)``) is
    refused in its words. Before, the index raised ``TypeError: argument of type 'NoneType'
    is not iterable``, the learned model ``AttributeError: 'list' object has no attribute
    'get'``, and the transformer said ``a transformer artifact is a dict of arrays and a dict
    of metadata, got dict and list``.

    Parameters
    ----------
    arrays, meta
        What was given.
    what : str
        The artifact with its article (``"a retrieval index"``).

    Raises
    ------
    exposure.errors.DataFormatError
        ``not a retrieval index: its metadata.json is null, not an object of names and values
        (as the library writes it)``, or ``...: its arrays are a list, not a dict of names and
        arrays (as exposure._io.read_arrays gives them)``.

    Examples
    --------
    >>> check_parts({}, [1], "a retrieval index")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: not a retrieval index: its metadata.json is an array, not an object of names and values (as the library writes it)
    """
    if not isinstance(meta, dict):  # read_arrays' words, of a file's metadata.json
        raise DataFormatError(f"not {what}: {metadata_not_object(meta)}")
    if not isinstance(arrays, dict):
        raise DataFormatError(f"not {what}: its arrays are a {type(arrays).__name__}, not a dict of names and "
                              "arrays (as exposure._io.read_arrays gives them)")


def check_precision(value: np.ndarray, name: str, what: str, expected: str, *, bits: int = 32) -> None:
    """Refuse an array of floats of fewer than ``bits`` bits, saying what is ``expected``.

    float16 rounds the weights (about 3 digits): the scores moved, silently. The one rule of
    the transformer's weights and of the retrieval index's similarity matrices (stored as
    float32: ``bits=32``), and of the weights the library stores as float64 (``bits=64``):
    the learned model's coefficients and intercepts, and the IDF weights of the model and
    of the index (:func:`check_terms`), where float32 (7 digits) moved the scores of every
    text in their last digits, without a word.

    Examples
    --------
    >>> check_precision(np.zeros(2, dtype=np.float16), "coef_text", "the model artifact",
    ...                 "float64 is expected (as save_model stores it)")
    Traceback (most recent call last):
    ...
    exposure.errors.ExposureError: the model artifact's array 'coef_text' is float16: float64 is expected (as save_model stores it)
    """
    if value.dtype.kind == "f" and value.dtype.itemsize * 8 < bits:
        raise ExposureError(f"{what}'s array {name!r} is {value.dtype}: {expected}")


def _check_values(arrays: dict, checks, what: str) -> None:
    """Refuse the first array of ``checks`` (name, test, what it must hold) that fails its test."""
    for name, ok, expected in checks:
        value = np.asarray(arrays[name])
        if not ok(value):
            raise ExposureError(f"{what}'s array {name!r} must hold {expected}, got {value.dtype} of shape "
                                f"{value.shape}")


def check_terms(arrays: dict, prefix: str, what: str, ngram_max: int = 1) -> None:
    """Refuse the arrays of a word vocabulary that do not make one: ``{prefix}tokens``, ``codes``, ``idf``.

    The retrieval index's (``prefix=""``) and the learned model's (``"task_word_"``,
    ``"title_word_"``; :func:`exposure.scoring.learned._check_model_arrays`), or the
    ``{prefix}vocab`` of older artifacts. A word given twice among the tokens (a vocabulary
    file of another tool, damaged or edited) was read without a word: the terms of one of
    the two were never found, and the scores changed; the learned model's weights of NaN, of
    another length than its terms or of two dimensions were not checked at all (numpy's
    ``IndexError`` when a text was scored, or NaN scores). A term code that is the code of
    no n-gram of 1 to ``ngram_max`` of the tokens (negative, or beyond them) was a column
    no text ever reached, and the scores changed, silently.

    Raises
    ------
    KeyError
        An array is missing (:func:`~exposure._io.load_pinned`: ``it lacks 'idf'``).
    exposure.errors.ExposureError
        Naming the array and what it must hold, or the word given twice.

    Examples
    --------
    >>> arrays, _ = _tiny_index().to_arrays()
    >>> tokens = arrays["tokens"]
    >>> check_terms(dict(arrays, tokens=np.concatenate([tokens[:1], tokens[:-1]])), "", "the index")
    Traceback (most recent call last):
    ...
    exposure.errors.ExposureError: the index's array 'tokens' holds 'about' twice (tokens[0] and tokens[1]): each word is one token, and the terms of one of them were never read (the artifact is damaged)
    """
    words = "tokens" if f"{prefix}codes" in arrays else "vocab"
    checks = (
        *(((f"{prefix}codes", lambda v: v.ndim == 1 and v.dtype.kind in ("i", "u"), "whole numbers (term codes)"),
           (f"{prefix}tokens", lambda v: v.ndim == 1 and v.dtype.kind == "U", "text (words)")) if words == "tokens"
          else ((f"{prefix}vocab", lambda v: v.ndim == 1 and v.dtype.kind == "U", "text (terms)"),)),
        (f"{prefix}idf", lambda v: v.ndim == 1 and v.dtype.kind == "f" and bool((v > 0).all())
         and np.isfinite(v).all(), "finite numbers above 0"),
    )
    _check_values(arrays, checks, what)
    # float16 or float32 weights (an artifact rewritten by another tool) moved the scores, silently
    check_precision(np.asarray(arrays[f"{prefix}idf"]), f"{prefix}idf", what,
                    "float64 is expected (as the library stores it)", bits=64)
    listed = arrays[f"{prefix}{words}"].tolist()
    if len(set(listed)) != len(listed):
        seen: dict = {}
        i, j = next((seen[w], k) for k, w in enumerate(listed) if seen.setdefault(w, k) != k)
        name = f"{prefix}{words}"
        raise ExposureError(f"{what}'s array {name!r} holds {listed[j]!r} twice ({name}[{i}] and {name}[{j}]): "
                            f"each {'word is one token' if words == 'tokens' else 'term is one column'}, and the "
                            "terms of one of them were never read (the artifact is damaged)")
    if words == "tokens":
        _check_codes(arrays, prefix, what, ngram_max)
    n_terms = len(arrays[f"{prefix}codes" if words == "tokens" else f"{prefix}vocab"])
    if len(arrays[f"{prefix}idf"]) != n_terms:
        raise ExposureError(f"{what}'s array '{prefix}idf' has {len(arrays[f'{prefix}idf'])} weights for "
                            f"{n_terms} terms")


def _check_matrix(arrays: dict, name: str, shape: tuple, what: str) -> None:
    """Refuse the arrays of sparse matrix ``name`` (CSR) when they do not make one of ``shape``."""
    data, indices, indptr = (np.asarray(arrays[f"{name}_{part}"]) for part in ("data", "indices", "indptr"))
    problem = None
    if data.dtype.kind != "f" or indices.dtype.kind not in ("i", "u") or indptr.dtype.kind not in ("i", "u"):
        problem = (f"data of float and indices of whole numbers are expected, got {data.dtype}, "
                   f"{indices.dtype} and {indptr.dtype}")
    elif data.ndim != 1 or indices.ndim != 1 or indptr.ndim != 1 or len(data) != len(indices):
        problem = f"{name}_data and {name}_indices must be of one length, got {data.shape} and {indices.shape}"
    elif len(indptr) != shape[0] + 1 or indptr[0] != 0 or indptr[-1] != len(indices) or (np.diff(indptr) < 0).any():
        problem = (f"{name}_indptr must rise from 0 to {len(indices)} in {shape[0] + 1} steps (one a row), "
                   f"got {len(indptr)} values from {indptr[0] if len(indptr) else None} to "
                   f"{indptr[-1] if len(indptr) else None}")
    elif len(indices) and (indices.min() < 0 or indices.max() >= shape[1]):
        problem = f"{name}_indices must be columns of 0 to {shape[1] - 1}, got {indices.min()} to {indices.max()}"
    elif not np.isfinite(data).all():
        problem = f"{name}_data holds a value that is not finite"
    if problem is not None:
        raise ExposureError(f"{what}'s matrix {name!r} ({shape[0]} x {shape[1]}) is damaged: {problem}")
    # float16 similarities moved the neighbours' weights, and so the scores, silently
    check_precision(data, f"{name}_data", what, "float32 is expected (as save_index stores it)")


def _check_codes(arrays: dict, prefix: str, what: str, ngram_max: int) -> None:
    """Refuse a term code of ``{prefix}codes`` that is no n-gram of 1 to ``ngram_max`` of ``{prefix}tokens``.

    A term of ``n`` words with token ids ``i1 ... in`` has the code ``n``, then each id, as
    the digits of a number in base ``len(tokens) + 1``
    (:meth:`~exposure.scoring._features.WordTfidf.from_codes`): ``n * base**n`` plus the
    ids, each below ``len(tokens)``.
    """
    name = f"{prefix}codes"
    codes = np.asarray(arrays[name], dtype=np.int64)
    base = len(arrays[f"{prefix}tokens"]) + 1
    ok = np.zeros(len(codes), dtype=bool)
    for n in range(1, ngram_max + 1):
        if (n + 1) * base**n >= 2**63:  # WordTfidf refuses such a vocabulary ("too large")
            break
        inside = (codes >= n * base**n) & (codes < (n + 1) * base**n)
        rest, good = codes[inside] - n * base**n, np.ones(int(inside.sum()), dtype=bool)
        for _ in range(n):
            good &= rest % base != base - 1
            rest //= base
        ok[inside] = good
    if not ok.all():
        i = int(np.flatnonzero(~ok)[0])
        raise ExposureError(f"{what}'s array {name!r} holds {int(codes[i])} ({name}[{i}]), the code of no term "
                            f"of 1 to {ngram_max} of its {base - 1} words: no text would ever reach its column "
                            "(the artifact is damaged)")


def check_texts(texts, *, name: str = "texts", items: str = "task texts", item: str = "a task text") -> list:
    """``texts`` as a list of str, or :class:`~exposure.errors.DataFormatError` naming the item.

    What the methods given a list of task texts take (:meth:`TaskIndex.retrieve`, the
    ``transformer``'s :meth:`~exposure.scoring.transformer.TransformerModel.predict_proba`):
    one str (read character by character), a DataFrame (its column names), a dict (its
    keys), a set (no order) and an item that is not a str (None, NaN: a ``TypeError``
    inside) are refused. ``name``, ``items`` and ``item`` word the messages for another
    argument (the distillation's ``words``: ``words[1] must be a str (a word)``).

    Examples
    --------
    >>> check_texts(("Lay bricks.",))
    ['Lay bricks.']
    >>> check_texts(["Lay bricks.", None])
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: texts[1] must be a str (a task text), got NoneType None
    >>> check_texts(pd.DataFrame({"task": ["Lay bricks."]}))
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: texts must be a list of task texts, got a DataFrame of columns ['task'] (a frame gives its column names): pass one column, e.g. frame['task']
    """
    # a 0-d array (``np.asarray(text)``: one text) raised numpy's ``iteration over a 0-d array``
    zero_d = isinstance(texts, np.ndarray) and texts.ndim == 0
    if isinstance(texts, (str, bytes)) or not isinstance(texts, Iterable) or zero_d:
        one = isinstance(texts, str) or (zero_d and isinstance(texts.item(), str))
        raise DataFormatError(f"{name} must be a list of {items}, got {shown(texts)}"
                              + (" (one text: pass [text])" if one else ""))
    # a frame gives its column names and a dict its keys (each scored as one text: a frame of
    # 1,000 tasks gave one row, the score of the word "task"); a set, rows in no fixed order
    if isinstance(texts, pd.DataFrame):
        raise DataFormatError(f"{name} must be a list of {items}, got a DataFrame of columns "
                              f"{list(texts.columns)!r} (a frame gives its column names): pass one "
                              "column, e.g. frame['task']")
    if isinstance(texts, (Mapping, Set)):
        raise DataFormatError(f"{name} must be a list of {items}, got {shown(texts)}: "
                              + ("a dict gives its keys; pass list(texts.values()) or list(texts)"
                                 if isinstance(texts, Mapping) else
                                 "a set has no order, so its probabilities could not be matched to "
                                 "its texts; pass a list"))
    texts = list(texts)
    for i, text in enumerate(texts):
        if not isinstance(text, str):
            raise DataFormatError(f"{name}[{i}] must be a str ({item}), got {shown(text)}")
        try:
            text.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise DataFormatError(f"{name}[{i}] holds {text[exc.start]!r}, a lone surrogate, not a "
                                  "character: decode the source with its own encoding") from None
    return texts


def _check_exclude(exclude, n: int) -> list:
    """``exclude`` of :meth:`TaskIndex.retrieve` as a list of ``n`` codes, or :class:`~exposure.errors.DataFormatError`.

    Examples
    --------
    >>> _check_exclude("11-1011", 1)
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: exclude must be a list of SOC codes, one a text, got str '11-1011': write ['11-1011']
    """
    if isinstance(exclude, str):
        raise DataFormatError(f"exclude must be a list of SOC codes, one a text, got str {exclude!r}: "
                              f"write [{exclude!r}]")
    if isinstance(exclude, (bytes, pd.DataFrame, Mapping, Set)) or not isinstance(exclude, Iterable):
        raise DataFormatError(f"exclude must be a list of SOC codes, one a text, got {shown(exclude)}")
    exclude = list(exclude)
    if len(exclude) != n:
        raise DataFormatError(f"exclude holds {len(exclude)} codes for {n} texts: give one SOC code "
                              "(or None) a text")
    return exclude


def _row_blocks(q: sparse.csr_matrix, items_t: sparse.csr_matrix, max_rows: int = CHUNK,
                pairs: int = BLOCK_PAIRS) -> list[tuple[int, int]]:
    """Row ranges of ``q`` whose product with ``items_t`` holds at most about ``pairs`` entries.

    A row's entries are bounded by the items its terms occur in (summed over its terms, at
    most the number of items); a block ends before that bound would pass ``pairs``, or at
    ``max_rows`` rows, and holds at least one row.

    Examples
    --------
    >>> q = sparse.csr_matrix(np.array([[1.0, 0.0], [1.0, 1.0], [0.0, 1.0]]))
    >>> items_t = sparse.csr_matrix(np.ones((2, 3)))  # both terms in all 3 items
    >>> _row_blocks(q, items_t, pairs=4), _row_blocks(q, items_t, max_rows=2)
    ([(0, 1), (1, 2), (2, 3)], [(0, 2), (2, 3)])
    """
    n = q.shape[0]
    per_term = np.diff(items_t.indptr)
    cost = np.zeros(n, dtype=np.int64)
    counts = np.diff(q.indptr)
    if q.nnz:
        nonempty = counts > 0
        cost[nonempty] = np.add.reduceat(per_term[q.indices], q.indptr[:-1][nonempty])
    cum = np.cumsum(np.minimum(cost, items_t.shape[1]))
    out, start = [], 0
    while start < n:
        limit = (cum[start - 1] if start else 0) + pairs
        end = min(start + max_rows, int(np.searchsorted(cum, limit, side="right")))
        end = max(end, start + 1)
        out.append((start, end))
        start = end
    return out


def _matmul(a: sparse.csr_matrix, b: sparse.csr_matrix) -> sparse.csr_matrix:
    """``a @ b`` (CSR), the same arrays, without scipy's counting pass.

    scipy computes a product in two passes over the same work: one counts the entries of
    the result (``csr_matmat_maxnnz``), the other computes them (``csr_matmat``). Here the
    result is allocated from an upper bound (the number of multiplications: for each entry
    of ``a``, the length of its row in ``b``) and only the second pass runs: the same
    routine, so the same entries in the same order, about 15% faster. Falls back to
    ``a @ b`` for other index or value types, or if scipy's routine is not there.

    Examples
    --------
    >>> a = sparse.csr_matrix(np.array([[1.0, 0.0, 2.0], [0.0, 0.0, 0.0]]))
    >>> b = sparse.csr_matrix(np.array([[0.0, 3.0], [1.0, 0.0], [4.0, 5.0]]))
    >>> _matmul(a, b).toarray().tolist() == (a @ b).toarray().tolist()
    True
    """
    arrays = (a.indptr, a.indices, b.indptr, b.indices)
    fn = getattr(_sparsetools, "csr_matmat", None) if _sparsetools is not None else None
    if (fn is None or a.format != "csr" or b.format != "csr" or a.shape[1] != b.shape[0]
            or any(x.dtype != np.int32 for x in arrays)
            or a.dtype != np.float64 or b.dtype != np.float64):
        return sparse.csr_matrix(a @ b)
    bound = int(np.diff(b.indptr)[a.indices].sum())
    if bound >= 2**31:
        return sparse.csr_matrix(a @ b)
    m, n = a.shape[0], b.shape[1]
    indptr = np.empty(m + 1, dtype=np.int32)
    indices = np.empty(bound, dtype=np.int32)
    data = np.empty(bound, dtype=np.float64)
    fn(m, n, a.indptr, a.indices, a.data, b.indptr, b.indices, b.data, indptr, indices, data)
    nnz = int(indptr[-1])
    return sparse.csr_matrix((data[:nnz], indices[:nnz], indptr), shape=(m, n))


def _row_tops(s: sparse.csr_matrix) -> tuple[np.ndarray, np.ndarray]:
    """Entries of each row of ``s`` and its largest value (0 for an empty row).

    Examples
    --------
    >>> [a.tolist() for a in _row_tops(sparse.csr_matrix(np.array([[0.0, 0.3, 0.1], [0.0, 0.0, 0.0]])))]
    [[2, 0], [0.3, 0.0]]
    """
    counts = np.diff(s.indptr)
    top = np.zeros(s.shape[0])
    nonempty = counts > 0
    if s.nnz:
        top[nonempty] = np.maximum.reduceat(s.data, s.indptr[:-1][nonempty])
    return counts, top


#: :func:`_best` looks for each row's largest value among the entries of at least this
#: value first (one comparison with a number over the whole product); only the rows whose
#: entries are all below it are searched entry by entry.
BEST_FLOOR = 0.25


def _best(s: sparse.csr_matrix, floor: float = BEST_FLOOR) -> tuple[np.ndarray, np.ndarray]:
    """Best column and value of each row (-1 and 0 for an empty row), as :func:`_keep_best`.

    The best column is the first entry, in storage order, that equals the row's largest
    value: the one :func:`_keep_best` names. A row whose largest value is at least
    ``floor`` has all its entries of that value among those at least ``floor``, which are
    few: they are found with one comparison of the product's values with ``floor``, not
    with the row's largest value repeated for every entry (a pass that wrote and read as
    many floats as the product holds, 0.1 s of 1.3 s for 200,000 texts). The other rows
    are searched in full (:func:`_best_of_all`). The result does not depend on ``floor``.

    Examples
    --------
    >>> s = sparse.csr_matrix((np.array([0.2, 0.5, 0.5]), np.array([2, 0, 1]), np.array([0, 3, 3])),
    ...                       shape=(2, 3))
    >>> [a.tolist() for a in _best(s)], [a.tolist() for a in _best(s, floor=0.9)]
    ([[0, -1], [0.5, 0.0]], [[0, -1], [0.5, 0.0]])
    """
    n = s.shape[0]
    best = np.full(n, -1, dtype=np.int64)
    top = np.zeros(n)
    if not s.nnz:
        return best, top
    pos = np.flatnonzero(s.data >= floor)
    if len(pos):
        _fill_best(s, pos, s.data[pos], np.searchsorted(s.indptr, pos, side="right") - 1, best, top)
    # rows with entries, all below the floor (top is 0 only there: a found top is >= floor > 0)
    low = np.flatnonzero((np.diff(s.indptr) > 0) & (best < 0))
    if len(low):
        best[low], top[low] = _best_of_all(s[low] if len(low) < n else s)
    return best, top


def _fill_best(s: sparse.csr_matrix, pos: np.ndarray, value: np.ndarray, rows: np.ndarray,
               best: np.ndarray, top: np.ndarray) -> None:
    """Set ``top`` and ``best`` of the rows of the entries ``pos`` of ``s`` (in CSR order).

    ``value`` and ``rows`` are those entries' values and rows; each row's largest value
    among them is its ``top``, and the first entry of that value its ``best`` column: the
    one :func:`_keep_best` names. Shared by :func:`_best` and :func:`_kept_mean`.
    """
    starts = np.flatnonzero(np.concatenate(([True], rows[1:] != rows[:-1])))
    top[rows[starts]] = np.maximum.reduceat(value, starts)
    hit = np.flatnonzero(value >= top[rows])  # CSR order: a row's first hit is its best
    first = np.ones(len(hit), dtype=bool)
    first[1:] = rows[hit[1:]] != rows[hit[:-1]]
    best[rows[hit[first]]] = s.indices[pos[hit[first]]]


def _best_of_all(s: sparse.csr_matrix) -> tuple[np.ndarray, np.ndarray]:
    """:func:`_best` comparing every entry with its row's largest value.

    Examples
    --------
    >>> s = sparse.csr_matrix((np.array([0.2, 0.5, 0.5]), np.array([2, 0, 1]), np.array([0, 3, 3])),
    ...                       shape=(2, 3))
    >>> [a.tolist() for a in _best_of_all(s)]
    [[0, -1], [0.5, 0.0]]
    """
    counts, top = _row_tops(s)
    best = np.full(s.shape[0], -1, dtype=np.int64)
    if not s.nnz:
        return best, top
    pos = np.flatnonzero(s.data >= np.repeat(top, counts))
    rows = np.searchsorted(s.indptr, pos, side="right") - 1
    first = np.ones(len(pos), dtype=bool)
    first[1:] = rows[1:] != rows[:-1]
    best[rows[first]] = s.indices[pos[first]]
    return best, top


def _keep_best(s: sparse.csr_matrix, ratio: float, power: float, *, normalise: bool):
    """Best column and value of each row, and the entries within ``ratio`` of the best.

    Kept values are raised to ``power`` and, with ``normalise``, divided by their row sum
    (entries stored as ``sparse.diags(1 / sums) @ w`` stores them, so that later sums add
    in the same order).
    """
    n = s.shape[0]
    counts, top = _row_tops(s)
    best = np.full(n, -1, dtype=np.int64)
    if not s.nnz:
        return best, top, sparse.csr_matrix(s.shape)
    # kept entries, the best among them (one pass over the product: ratio * top repeated)
    pos = np.flatnonzero(s.data >= np.repeat(ratio * top, counts))
    value = s.data[pos]
    rows = np.searchsorted(s.indptr, pos, side="right") - 1
    hit = np.flatnonzero(value >= top[rows])  # CSR order: a row's first hit is its best
    first = np.ones(len(hit), dtype=bool)
    first[1:] = rows[hit[1:]] != rows[hit[:-1]]
    best[rows[hit[first]]] = s.indices[pos[hit[first]]]
    indptr = np.zeros(n + 1, dtype=np.int32)
    np.cumsum(np.bincount(rows, minlength=n), out=indptr[1:])
    w = sparse.csr_matrix((value ** power, s.indices[pos].astype(np.int32), indptr), shape=s.shape)
    w.sort_indices()
    if normalise:
        sums = np.asarray(w.sum(axis=1)).ravel()
        sums[sums == 0] = 1.0
        # what sparse.diags(1 / sums) @ w gives: each value times its row's factor, zeros
        # dropped, and the entries of each row in reverse order
        ptr = w.indptr.astype(np.int64)
        lens = np.diff(ptr)
        order = np.repeat(ptr[:-1] + ptr[1:] - 1, lens) - np.arange(w.nnz)
        data = (np.repeat(1.0 / sums, lens) * w.data)[order]
        indices = w.indices[order]
        indptr = w.indptr
        nz = data != 0
        if not nz.all():
            data, indices = data[nz], indices[nz]
            indptr = np.zeros(n + 1, dtype=np.int32)
            np.cumsum(np.bincount(np.repeat(np.arange(n), lens)[nz], minlength=n), out=indptr[1:])
        w = sparse.csr_matrix((data, indices, indptr), shape=s.shape)
    return best, top, w


def _kept_mean(s: sparse.csr_matrix, ratio: float, power: float, values: np.ndarray,
               floor: float = BEST_FLOOR):
    """Best column and value of each row, and the mean of ``values`` over its kept entries.

    The entries within ``ratio`` of the row's best, weighted by their value to ``power``
    (those :func:`_keep_best` keeps and normalises): ``_keep_best(...)[2] @ values`` up to
    rounding, without building the weight matrix. Empty rows get -1, 0 and zeros. As in
    :func:`_best`, a row whose best is at least ``floor`` keeps only entries of at least
    ``ratio * floor``, found with one comparison of the product's values with that number;
    only the other rows are compared entry by entry with their own best. The result does
    not depend on ``floor``.

    Examples
    --------
    >>> s = sparse.csr_matrix(np.array([[0.5, 0.45, 0.1], [0.0, 0.0, 0.0], [0.2, 0.0, 0.15]]))
    >>> v = np.array([[1.0, 0.0], [0.0, 1.0], [0.5, 0.5]])
    >>> b, top, m = _kept_mean(s, 0.7, 1.0, v)
    >>> b.tolist(), top.tolist(), m.round(3).tolist()
    ([0, -1, 0], [0.5, 0.0, 0.2], [[0.526, 0.474], [0.0, 0.0], [0.786, 0.214]])
    >>> bool(np.allclose(m, _keep_best(s, 0.7, 1.0, normalise=True)[2] @ v))
    True
    >>> bool(np.allclose(m, _kept_mean(s, 0.7, 1.0, v, floor=0.0)[2]))
    True
    """
    n = s.shape[0]
    best = np.full(n, -1, dtype=np.int64)
    top = np.zeros(n)
    mean = np.zeros((n, values.shape[1]))
    if not s.nnz:
        return best, top, mean
    # one pass over the product: the entries of at least ratio * floor hold every row's best
    # of at least floor (found among them as _best finds it) and every entry kept in its row
    pos = np.flatnonzero(s.data >= ratio * floor)
    value = s.data[pos]
    rows = np.searchsorted(s.indptr, pos, side="right") - 1
    high = np.flatnonzero(value >= floor)
    if len(high):
        _fill_best(s, pos[high], value[high], rows[high], best, top)
    keep = (top[rows] >= floor) & (value >= ratio * top[rows])
    pos, rows = pos[keep], rows[keep]
    low = np.flatnonzero((top < floor) & (np.diff(s.indptr) > 0))
    if len(low):  # rows whose entries are all below floor: every entry against their best
        sub = s[low] if len(low) < n else s
        best[low], top[low] = _best_of_all(sub)
        counts = np.diff(sub.indptr)
        sub_pos = np.flatnonzero(sub.data >= np.repeat(ratio * top[low], counts))
        sub_rows = np.searchsorted(sub.indptr, sub_pos, side="right") - 1
        # positions in s: a row's entries keep their order in s[low]
        pos = np.concatenate([pos, s.indptr[low][sub_rows] + (sub_pos - sub.indptr[sub_rows])])
        rows = np.concatenate([rows, low[sub_rows]])
    cols = s.indices[pos]
    w = s.data[pos] ** power
    sums = np.bincount(rows, weights=w, minlength=n)
    for c in range(values.shape[1]):
        mean[:, c] = np.bincount(rows, weights=w * values[cols, c], minlength=n)
    has = sums > 0
    mean[has] /= sums[has, None]
    return best, top, mean


def _activity_bag(lists, index: dict) -> sparse.csr_matrix:
    rows, cols = [], []
    for r, items in enumerate(lists):
        hits = sorted({index[i] for i in items if i in index})
        rows.extend([r] * len(hits))
        cols.extend(hits)
    m = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(lists), len(index)))
    norms = np.sqrt(np.asarray(m.sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.csr_matrix(sparse.diags(1.0 / norms) @ m)


def build_index(onet, payload=None, *, max_df: int = MAX_DF) -> TaskIndex:
    """Build the retrieval index of an O*NET release.

    Parameters
    ----------
    onet : exposure.onet.OnetRelease
        Or anything with ``tasks`` [onetsoc_code, task_id, task], ``task_dwas``, ``dwas``
        [dwa_id, iwa_id, dwa_title] and ``occupations`` (or ``job_zones``) frames.
    payload : array-like, shape (n_tasks, 3), optional
        Probabilities carried by each task (in ``onet.tasks`` order), each row summing to 1
        (within :data:`PAYLOAD_TOLERANCE`); default uniform.
    max_df : int, default :data:`MAX_DF`
        Terms in more task statements are left out of the similarity product.

    Returns
    -------
    TaskIndex

    Raises
    ------
    exposure.errors.DataFormatError
        ``onet`` is not a release (a release name, None, a table); a task statement of
        ``onet.tasks`` is missing or not text, a task ID missing or not a whole number, an
        ``onetsoc_code`` missing or not an O*NET-SOC code, a task (its code and ID) listed
        twice (:func:`_check_repeated_tasks`: it was indexed twice), a DWA ID or title of
        ``onet.dwas`` (or a DWA ID of ``onet.task_dwas``) missing, a DWA ID listed twice
        in ``onet.dwas`` (:func:`_check_repeated_dwas`), or a column of these
        read missing (naming the table first, then the row and column); ``payload`` is not probabilities of 0 to 1, three a task
        summing to 1 (:func:`_check_payload`); ``max_df`` is not a whole number of 1 or more.

    Examples
    --------
    >>> index = _tiny_index()  # two tasks: billing emails (E1-ish payload), cutting lumber
    >>> found = index.retrieve(["Reply to billing emails from customers"])
    >>> index.task_ids[found.best].tolist(), bool(found.similarity[0] > 0.3)
    ([1], True)
    """
    if onet is None:
        raise DataFormatError("onet must be an O*NET release, e.g. exposure.load_onet('29.1'), got None")
    check_onet(onet, ("tasks", "task_dwas", "dwas"))
    max_df = check_count(max_df, "max_df", 1)
    tasks = onet.tasks
    _check_tasks(tasks)
    _check_activities(onet)
    texts = tasks["task"].astype(str).tolist()
    dwa_titles = onet.dwas["dwa_title"].astype(str).tolist()
    corpus = texts + dwa_titles
    df: Counter = Counter()
    for text in corpus:
        df.update(set(word_terms(text, 2, stemmed=True)))
    vocab = sorted(df)
    n_docs = len(corpus)
    idf = np.array([math.log((1 + n_docs) / (1 + df[t])) + 1.0 for t in vocab])
    vec = WordTfidf(vocab, idf, 2, stem=True)
    t_mat = vec.transform(texts)
    d_mat = vec.transform(dwa_titles)
    task_df = np.bincount(t_mat.indices, minlength=t_mat.shape[1])
    common = task_df > max_df
    t_mat = _drop_columns(t_mat, common)
    d_mat = _drop_columns(d_mat, common)
    dwa_ids = sorted(onet.dwas["dwa_id"].astype(str).unique())
    iwa_ids = sorted({d[:-4] for d in dwa_ids})
    activities = dwa_ids + iwa_ids
    col = {a: i for i, a in enumerate(activities)}
    codes = tasks["onetsoc_code"].astype(str).tolist()
    keys = list(zip(codes, norm_task_ids(tasks["task_id"]), strict=True))
    td = onet.task_dwas
    links: dict = {}
    for key, dwa in zip(zip(td["onetsoc_code"].astype(str).tolist(), norm_task_ids(td["task_id"])),
                        td["dwa_id"].astype(str).tolist()):
        links.setdefault(key, []).append(dwa)
    task_act = _activity_bag([[a for d in links.get(k, []) for a in (d, d[:-4])] for k in keys], col)
    dwa_act = _activity_bag([[d, d[:-4]] for d in onet.dwas["dwa_id"].astype(str).tolist()], col)
    zones = job_zone_lookup(onet)
    if payload is None:
        payload = np.full((len(texts), 3), 1.0 / 3.0)
    payload = _check_payload(payload, len(texts))
    return TaskIndex(
        vectorizer=vec, tasks=t_mat, dwas=d_mat,
        onetsoc_codes=np.asarray(codes, dtype=str),
        task_ids=pd.to_numeric(tasks["task_id"]).astype("int64").to_numpy(),
        activities=activities, task_activity=task_act, dwa_activity=dwa_act,
        job_zone=np.array([zones.get(c, 0) for c in codes], dtype=np.int8),
        payload=payload,
        metadata={"onet_release": getattr(onet, "release", None), "max_df": int(max_df),
                  "n_tasks": len(texts), "n_dwas": len(dwa_titles)},
    )


def _check_tasks(tasks) -> None:
    """Refuse task statements or IDs of ``onet.tasks`` that :func:`build_index` would misread.

    Before, a missing statement raised ``AttributeError: 'float' object has no attribute
    'lower'`` (or was indexed as the text ``'nan'``), a missing task ID pandas'
    ``IntCastingNaNError``, and an ID of ``1.5`` was stored as task 1, silently; a
    release of no task gave an index whose every retrieval found no task (similarity 0).
    A table without ``onetsoc_code`` raised pandas' ``KeyError``; a missing code was
    indexed as the occupation ``'nan'``, and a code with spaces around it
    (``'43-4051.00 '``) left its task without work activities or job zone, silently: each
    is refused as the category report refuses it
    (:func:`~exposure.schemas._fields.first_bad_onetsoc_code`). A task listed twice was
    indexed twice (:func:`_check_repeated_tasks`).

    Raises
    ------
    exposure.errors.DataFormatError
        Naming ``onet.tasks`` first, then the row (counted from 1) and the column.
    """
    try:
        task_texts(tasks, "task", what="onet.tasks", show_index=False)
        if len(tasks) == 0:  # was an index of no task, whose every retrieval found nothing
            raise DataFormatError("holds no task statement: an index of no task finds nothing (a release "
                                  "filtered to no occupation?)")
        if "task_id" not in tasks.columns:
            raise DataFormatError(f"missing column 'task_id' (columns: {list(tasks.columns)})")
        ids = task_id_numbers(tasks["task_id"])
        if ids.isna().any():
            raise DataFormatError("task ID missing", row=int(np.flatnonzero(ids.isna())[0]) + 1, column="task_id")
        if "onetsoc_code" not in tasks.columns:  # pandas' KeyError before
            raise DataFormatError(f"missing column 'onetsoc_code' (columns: {list(tasks.columns)})")
        # a missing code was the occupation 'nan'; a padded one ('43-4051.00 ') linked its task
        # to no work activity and no job zone, without a word
        bad = first_bad_onetsoc_code(tasks["onetsoc_code"].reset_index(drop=True))
        if bad is not None:
            raise DataFormatError(bad[1], row=bad[0] + 1, column="onetsoc_code")
        _check_repeated_tasks(tasks)
    except DataFormatError as exc:
        # named first, as the roll-ups name their frames (it was after the row: "row 2, column
        # 'task_id': onet.tasks: task ID missing")
        raise DataFormatError(exc.reason, path="onet.tasks", row=exc.row, column=exc.column) from None


def _check_repeated_tasks(tasks: pd.DataFrame) -> None:
    """Refuse a task (an ``onetsoc_code`` and a ``task_id``) listed twice in ``tasks``.

    A task listed twice (the task lists of two releases stacked, a row pasted twice) was
    indexed twice: its terms counted twice in every term's document frequency (so every
    similarity changed), and a text near it found it twice, weighing it double among its
    neighbours. It is refused rather than indexed once: ``payload`` and the training rows
    of the index (``index_frame(onet)``) go one to a row of ``tasks``. Task IDs are
    compared as numbers (``1``, ``1.0`` and ``"1"`` are one task), as the links of
    ``onet.task_dwas`` are matched. A release of :func:`exposure.load_onet` holds no
    repeated task (its reader refuses one).

    Raises
    ------
    exposure.errors.DataFormatError
        Naming the row of the repeat (counted from 1), the column ``task_id``, and the row
        of the first listing.
    """
    keys = pd.DataFrame({"onetsoc_code": tasks["onetsoc_code"].astype(str).tolist(),
                         "task_id": norm_task_ids(tasks["task_id"])})
    repeat = first_repeat_of(keys, ["onetsoc_code", "task_id"])
    if repeat is None:
        return
    pos, first = repeat
    same = "the same statement" if tasks["task"].iloc[pos] == tasks["task"].iloc[first] else "another statement"
    # in the category report's words (``exposure.reports.categories``: the same release checked)
    raise DataFormatError(f"task ({keys['onetsoc_code'].iloc[pos]}, {keys['task_id'].iloc[pos]}) is listed "
                          f"twice, first on row {first + 1} ({same}): it would be indexed twice (its terms "
                          "counted twice, weighed double among a text's neighbours); keep one row per task",
                          row=pos + 1, column="task_id")


#: The columns :func:`build_index` reads of a release's work activities, by table, and those
#: of them whose cells it reads as text (a missing one is refused).
_ACTIVITY_COLUMNS = {"dwas": ("dwa_id", "dwa_title"), "task_dwas": ("onetsoc_code", "task_id", "dwa_id")}
_ACTIVITY_TEXTS = {"dwas": ("dwa_id", "dwa_title"), "task_dwas": ("dwa_id",)}


def _check_activities(onet) -> None:
    """Refuse work activities of ``onet`` that :func:`build_index` would misread.

    A ``dwas`` or ``task_dwas`` table without a column read raised pandas' ``KeyError``;
    a missing or blank DWA ID or title (read as missing, not as text) raised
    ``TypeError: 'float' object is not subscriptable`` or ``AttributeError: 'float'
    object has no attribute 'lower'``, naming no table. A DWA listed twice in ``onet.dwas``
    was indexed twice (:func:`_check_repeated_dwas`).

    Raises
    ------
    exposure.errors.DataFormatError
        Naming ``onet.dwas`` or ``onet.task_dwas`` first, then the row (counted from 1)
        and the column.
    """
    for table, columns in _ACTIVITY_COLUMNS.items():
        name = f"onet.{table}"
        frame = getattr(onet, table)
        if not isinstance(frame, pd.DataFrame):
            raise DataFormatError(f"must be a pandas DataFrame, got {shown(frame)}", path=name)
        missing = [c for c in columns if c not in frame.columns]
        if missing:
            raise DataFormatError(f"missing column(s) {missing} (columns: {list(frame.columns)})", path=name)
        for column in _ACTIVITY_TEXTS[table]:
            cells = frame[column].reset_index(drop=True)
            blank = cells.isna().to_numpy(dtype=bool) | np.array(
                [isinstance(v, str) and not v.strip() for v in cells.tolist()], dtype=bool)
            if blank.any():
                raise DataFormatError(f"{column} is missing", path=name, row=int(np.flatnonzero(blank)[0]) + 1,
                                      column=column)
    _check_repeated_dwas(onet.dwas)


def _check_repeated_dwas(dwas: pd.DataFrame) -> None:
    """Refuse a DWA (a ``dwa_id``) listed twice in ``onet.dwas``.

    A DWA listed twice (the work activities of two releases stacked) was indexed twice:
    its title's terms counted twice in every term's document frequency, and a text near
    it found it twice among its closest DWA titles, so the DWA's activities weighed
    double in the grounded features (and its neighbour DWAs' less). It is refused, as a
    task listed twice is (:func:`_check_repeated_tasks`), rather than indexed once: the
    two rows may hold two titles. A release of :func:`exposure.load_onet` holds no
    repeated DWA (its reader refuses one).

    Raises
    ------
    exposure.errors.DataFormatError
        Naming ``onet.dwas``, the row of the repeat (counted from 1), the column ``dwa_id``,
        and the row of the first listing.
    """
    ids = dwas["dwa_id"].astype(str).reset_index(drop=True)
    repeat = first_repeat(ids)
    if repeat is None:
        return
    pos, first = repeat
    titles = dwas["dwa_title"].astype(str).reset_index(drop=True)
    same = "the same title" if titles.iloc[pos] == titles.iloc[first] else "another title"
    raise DataFormatError(f"DWA {ids.iloc[pos]} is listed twice, first on row {first + 1} ({same}): it would "
                          "be indexed twice (its terms counted twice, weighed double among a text's closest "
                          "DWA titles); keep one row per DWA", path="onet.dwas", row=pos + 1, column="dwa_id")


def _check_payload(payload, n: int) -> np.ndarray:
    """``payload`` as an (n, 3) float array of probabilities, or :class:`~exposure.errors.DataFormatError`.

    Before, NaN, negative or text payloads were kept (the grounded features and the
    text-alone blend then carried NaN or negative probabilities, silently), and a
    DataFrame of other columns was read as its values.

    Examples
    --------
    >>> _check_payload([[0.2, 0.5, 0.3], [0.1, float("nan"), 0.9]], 2)
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: payload row 2 holds nan: it must hold probabilities of 0 to 1 (E0, E1, E2 of each task)
    """
    values = as_array(payload)
    if values is None or values.dtype.kind not in ("f", "i", "u"):
        raise DataFormatError(f"payload must be an array of probabilities, shape ({n}, 3), got {shown(payload)}"
                              + ("" if values is None else f" of {values.dtype}"))
    values = values.astype(np.float64)
    if values.shape != (n, 3):
        raise DataFormatError(f"payload must have shape ({n}, 3), got {values.shape}")
    bad = ~((values >= 0) & (values <= 1))
    if bad.any():
        row, col = (int(v) for v in np.argwhere(bad)[0])
        raise DataFormatError(f"payload row {row + 1} holds {float(values[row, col])!r}: it must hold "
                              "probabilities of 0 to 1 (E0, E1, E2 of each task)")
    off = _unsummed(values)
    if off is not None:  # kept before: the scores then failed TaskScores' check ("p_e0 + p_e1 + p_e2 = 1")
        raise DataFormatError(f"payload row {off[0] + 1} sums to {off[1]!r}: each task's probabilities (E0, E1, "
                              f"E2) must sum to 1 (within {PAYLOAD_TOLERANCE})")
    return values


def _unsummed(payload: np.ndarray) -> tuple[int, float] | None:
    """Position and sum of the first row of ``payload`` (n x 3) not summing to 1 within :data:`PAYLOAD_TOLERANCE`.

    The one rule of the index's payload, built (:func:`_check_payload`) or loaded
    (:func:`_check_arrays`).

    Examples
    --------
    >>> _unsummed(np.array([[0.2, 0.5, 0.3], [0.3, 0.3, 0.3]])), _unsummed(np.full((1, 3), 1 / 3))
    ((1, 0.8999999999999999), None)
    """
    total = np.asarray(payload, dtype=np.float64).sum(axis=1)
    off = np.flatnonzero(~(np.abs(total - 1.0) <= PAYLOAD_TOLERANCE))
    return None if not len(off) else (int(off[0]), float(total[off[0]]))


def _drop_columns(m: sparse.csr_matrix, drop: np.ndarray) -> sparse.csr_matrix:
    m = m.copy()
    m.data[drop[m.indices]] = 0.0
    m.eliminate_zeros()
    return m


def save_index(index: TaskIndex, path) -> Path:
    """Write ``index`` as a deterministic zip of ``.npy`` arrays plus ``metadata.json``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "index.npz"
    >>> a = save_index(_tiny_index(), p).read_bytes()
    >>> a == save_index(_tiny_index(), p).read_bytes()
    True

    Raises
    ------
    exposure.errors.DataFormatError
        ``index`` is not a :class:`TaskIndex` or ``path`` is not a path (None, a number:
        pathlib's ``TypeError`` or an ``AttributeError`` before), before anything is
        written.
    """
    path = check_path(path, "path", "a retrieval index path")
    if not isinstance(index, TaskIndex):
        raise DataFormatError(f"index must be a TaskIndex (e.g. build_index(onet)), got {shown(index)}")
    arrays, meta = index.to_arrays()
    return write_arrays(arrays, meta, path)


_CACHE: dict = {}


def load_index(path, pins: dict) -> TaskIndex:
    """Load (and sha256-verify against ``pins``) a retrieval index artifact.

    Parameters
    ----------
    path : str or os.PathLike
        Artifact file.
    pins : dict of str to str
        File name -> pinned sha256 (:func:`exposure.scoring.learned.read_registry`).

    Raises
    ------
    exposure.errors.ChecksumMismatchError
        The file's sha256 differs from the pinned one.
    exposure.errors.DataFormatError
        ``path`` is not a path; the file's arrays or metadata do not make an index (an array
        of another length than the tasks, a matrix whose indices do not fit its shape, NaN
        weights: :func:`_check_arrays`), naming the file.
    exposure.errors.ExposureError
        The file is missing or not pinned (both a ``DataFormatError`` naming the file:
        :func:`exposure._io.read_pinned`).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = save_index(_tiny_index(), pathlib.Path(tempfile.mkdtemp()) / "i.npz")
    >>> load_index(p, {"i.npz": "0" * 64})  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    exposure.errors.ChecksumMismatchError: sha256 mismatch for i.npz ...
    """
    path = check_path(path, "path", "a retrieval index path")
    return load_pinned(path, pins, "retrieval index", TaskIndex.from_arrays, _CACHE)


def _tiny_index() -> TaskIndex:
    """A two-task index for the examples."""
    onet = SimpleNamespace(
        tasks=pd.DataFrame({"onetsoc_code": ["43-4051.00", "47-2031.00"], "task_id": [1, 2],
                            "task": ["Answer customer emails about billing.",
                                     "Cut lumber with power saws."]}),
        task_dwas=pd.DataFrame({"onetsoc_code": ["43-4051.00"], "task_id": [1],
                                "dwa_id": ["4.A.4.a.2.I03.D01"]}),
        dwas=pd.DataFrame({"dwa_id": ["4.A.4.a.2.I03.D01"], "iwa_id": ["4.A.4.a.2.I03"],
                           "dwa_title": ["Respond to customer inquiries."]}),
        occupations=pd.DataFrame({"onetsoc_code": ["43-4051.00", "47-2031.00"], "job_zone": [2, 2]}))
    return build_index(onet, np.array([[0.1, 0.8, 0.1], [0.9, 0.05, 0.05]]), max_df=10)
