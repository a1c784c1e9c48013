"""Static word vectors: the ``embed`` feature block of the ``learned`` scorer.

A task text is represented, beside its TF-IDF words, by the mean of static vectors of its
words, L2-normalised. Words with similar meanings ("email" and "correspondence", "bug" and
"defect", "dashboard" and "report") get similar vectors, so a reworded task, or one in the
vocabulary of 2024-2026 work, lands near the tasks it resembles even when it shares few
words with them: on the paraphrases of issue 12 this is what closes part of the gap a
word-matching model leaves (docs/validation/agreement.md).

The vectors are distilled from the sentence-embedding model all-MiniLM-L6-v2 (Apache 2.0)
by :mod:`exposure.scoring._distill`: every word of the vocabulary is encoded alone by the
transformer, the vectors are centred (the mean vector of the vocabulary subtracted),
refined so that a task statement's normalised sum of word vectors comes close to the
transformer's embedding of the statement, and stored as int8 with one float32 scale per
word. Inference is a sparse bag-of-words product
with that matrix (numpy/scipy only: no transformer runs when scoring). The artifact
(``vectors-v1.npz``) is shipped beside the model and pinned by sha256 in ``registry.txt``
like the model and its retrieval index.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import numpy as np
from scipy import sparse

try:  # the routine behind scipy's sparse @ dense (:func:`_dense_rows`)
    from scipy.sparse._sparsetools import csr_matvecs as _csr_matvecs
except ImportError:  # pragma: no cover - another scipy layout: ``@`` is used
    _csr_matvecs = None

from exposure._args import check_count, check_path, shown
from exposure._io import load_pinned, write_arrays
from exposure.errors import DataFormatError, ExposureError
from exposure.scoring._features import tokenize
from exposure.scoring.retrieval import check_texts

__all__ = ["VECTORS_NAME", "StaticVectors", "quantise", "save_vectors", "load_vectors"]

#: File name of the shipped static word vectors (in ``exposure/data/models``).
VECTORS_NAME = "vectors-v1.npz"
#: Rows of dense vectors built at once by :meth:`StaticVectors.bag_norms`: 512 rows of the
#: shipped 384 values, in float32 and float64 (0.8 and 1.5 MB), stay in the processor's cache
#: between the product, the conversion and the sum of squares, which 8,192 rows (12 and
#: 25 MB) did not: with :func:`_dense_rows`, 0.45-0.55 s instead of 0.59-0.64 s for 200,000
#: texts here (CPU time, best of 3; round 81), the same norms to the bit.
CHUNK = 512


@dataclass
class StaticVectors:
    """One vector per word; a text's vector is the normalised sum of its words' vectors.

    Attributes
    ----------
    words : list of str
        Lower-cased words (the tokens of :func:`exposure.scoring._features.tokenize`).
    codes : numpy.ndarray of int8, shape (n_words, dim)
        Quantised vectors: ``vector = codes * scale[:, None]``.
    scale : numpy.ndarray of float32, shape (n_words,)
    metadata : dict
        Source model, its sha256, method.

    Raises
    ------
    exposure.errors.DataFormatError
        A word is not a str, not lower-case or not a word as the scorer reads one (``node.js``,
        one letter, ``café``, which it reads as ``cafe``: it would never read it), or is given twice;
        the codes are not integers within int8 (float codes were cut toward 0); a scale is
        not a finite number above 0.
    exposure.errors.ExposureError
        The numbers of words, codes and scales differ.

    Examples
    --------
    >>> v = StaticVectors(["email", "reply", "brick"], *quantise(np.array(
    ...     [[1.0, 0.0], [0.8, 0.6], [0.0, 1.0]])))
    >>> v.transform(["Reply to email", "Lay brick", "zzz"]).round(2).tolist()
    [[0.95, 0.32], [0.0, 1.0], [0.0, 0.0]]
    """

    words: list
    codes: np.ndarray
    scale: np.ndarray
    metadata: dict = field(default_factory=dict)

    def __post_init__(self):
        self.words = _check_words(self.words)
        self.codes = _int8_codes(self.codes)
        self.scale = np.asarray(self.scale, dtype=np.float32)
        if self.codes.ndim != 2 or self.codes.shape[0] != len(self.words) or self.scale.shape != (len(self.words),):
            raise ExposureError(f"static vectors: {len(self.words)} words, codes {self.codes.shape}, "
                                f"scale {self.scale.shape} do not match")
        bad = np.flatnonzero(~(np.isfinite(self.scale) & (self.scale > 0)))
        if bad.size:  # a NaN scale gave every text holding the word a zero vector, silently
            raise DataFormatError(f"static vectors: the scale of {self.words[bad[0]]!r} (scale[{bad[0]}]) "
                                  f"is {self.scale[bad[0]]}: scales must be finite numbers above 0 "
                                  "(quantise(vectors) gives codes and scales)")

    @cached_property
    def _table(self) -> dict:
        """Word -> row (built on first use, like :attr:`_matrix`)."""
        return {w: i for i, w in enumerate(self.words)}

    @cached_property
    def _matrix(self) -> np.ndarray:
        """The vectors, ``codes * scale``, in float64, built on first use.

        Loading a model whose texts are all O*NET tasks (no ``embed`` block) does not pay
        for them.
        """
        return np.multiply(self.codes, self.scale.astype(np.float64)[:, None])

    @cached_property
    def _matrix32(self) -> np.ndarray:
        """The vectors in float32, built on first use: what scoring multiplies bags by.

        A bag of words times the vectors in float32 took about half the time of the
        float64 product here (0.3 s against 0.6 s for 200,000 texts: half the bytes read
        per word); the norms and projections it gives differ from float64 ones by about
        1e-7 of their value. Training (:meth:`transform`) keeps :attr:`_matrix`.
        """
        return np.multiply(self.codes, self.scale[:, None], dtype=np.float32)

    @property
    def dim(self) -> int:
        """Length of each vector."""
        return int(self.codes.shape[1])

    def transform(self, texts, *, tokens=None) -> np.ndarray:
        """L2-normalised sum of the vectors of each text's known words (zeros if none).

        Parameters
        ----------
        texts : sequence of str
        tokens : exposure.scoring._features.Tokens, optional
            :func:`~exposure.scoring._features.tokenize` of ``texts``, when already computed.

        Returns
        -------
        numpy.ndarray of float64, shape (len(texts), dim)

        Raises
        ------
        exposure.errors.DataFormatError
            ``texts`` (when ``tokens`` is not given) is not a list of str
            (:func:`~exposure.scoring.retrieval.check_texts`: one str gave a vector a letter,
            None raised a ``TypeError``).
        """
        tokens = tokenize(check_texts(texts)) if tokens is None else tokens
        return self._normalised(self._bag(tokens))

    def bag_norms(self, texts, *, tokens=None, chunk: int = CHUNK) -> tuple[sparse.csr_matrix, np.ndarray]:
        """Word counts of each text (a sparse bag) and the norm of its summed vector.

        What :meth:`project` needs of the texts, whatever the weights: computed once, it
        serves several coefficient sets (``prepared=``). The dense vectors, needed for the
        norms, are built ``chunk`` rows at a time, in float32 (:attr:`_matrix32`), into
        the same two buffers (:func:`_dense_rows`); their squares are summed in float64.
        Each row's norm depends on its own words only. ``texts`` (when ``tokens`` is not
        given) are checked as :meth:`transform` checks them.

        Raises
        ------
        exposure.errors.DataFormatError
            ``chunk`` is not a whole number of 1 or more (``-1`` returned the norms
            unwritten, whatever memory held; ``0`` raised ``range()``'s ``ValueError``).

        Examples
        --------
        >>> v = StaticVectors(["email", "brick"], *quantise(np.eye(2)))
        >>> bag, norms = v.bag_norms(["email brick email", "x"], chunk=1)
        >>> bag.toarray().tolist(), norms.round(3).tolist()
        ([[2.0, 1.0], [0.0, 0.0]], [2.236, 0.0])
        """
        chunk = check_count(chunk, "chunk", 1)  # -1 gave the norms np.empty held
        tokens = tokenize(check_texts(texts)) if tokens is None else tokens
        bag = self._bag(tokens)
        counts = bag.astype(np.float32)  # word counts: exact in float32
        n = bag.shape[0]
        norms = np.empty(n, dtype=np.float64)
        rows = max(1, min(chunk, n))
        narrow = np.empty((rows, self.dim), dtype=np.float32)
        wide = np.empty((rows, self.dim), dtype=np.float64)
        for start in range(0, n, chunk):
            end = min(start + chunk, n)
            dense = wide[:end - start]
            np.copyto(dense, _dense_rows(counts, start, end, self._matrix32, narrow[:end - start]))
            norms[start:end] = np.sqrt(np.einsum("ij,ij->i", dense, dense))
        return bag, norms

    def projection(self, weights) -> np.ndarray:
        """``vectors @ weights`` (n_words x k), what :meth:`project` multiplies the bags by.

        The vectors are those of :attr:`_matrix32` (as the norms), multiplied in float64
        a block of words at a time. It depends on the weights only: computed once per
        weights and remembered (the last few), it serves every batch and every call
        (``projected=`` of :meth:`project`).

        Examples
        --------
        >>> v = StaticVectors(["email", "brick"], *quantise(np.eye(2)))
        >>> v.projection(np.array([[1.0], [3.0]])).tolist(), v.projection(np.ones((2, 1))) is v.projection(np.ones((2, 1)))
        ([[1.0], [3.0]], True)
        """
        w = np.ascontiguousarray(weights, dtype=np.float64)
        key = (w.shape, w.tobytes())
        remembered = self.__dict__.setdefault("_projections", {})
        out = remembered.get(key)
        if out is None:
            out = np.empty((len(self.words), w.shape[1]))
            for start in range(0, len(self.words), 4096):  # no n_words x dim float64 copy
                out[start:start + 4096] = self._matrix32[start:start + 4096].astype(np.float64) @ w
            out.setflags(write=False)
            if len(remembered) >= 8:
                remembered.clear()
            remembered[key] = out
        return out

    def project(self, texts, weights, *, tokens=None, chunk: int = CHUNK, prepared=None,
                projected=None) -> np.ndarray:
        """``transform(texts) @ weights``, row by row the same whatever the batch.

        Computed as ``(bag @ (vectors @ weights)) / norms``: sparse products and row norms
        only, each row's figures independent of the other rows of the call (a dense
        product of many rows may sum in another order for another number of rows, which
        would make a file's scores depend on how it is cut into batches).

        Parameters
        ----------
        texts : sequence of str
        weights : array-like, shape (dim, k)
        tokens : exposure.scoring._features.Tokens, optional
        chunk : int, default :data:`CHUNK`
            Rows of dense vectors held at once (see :meth:`bag_norms`).
        prepared : tuple, optional
            :meth:`bag_norms` of ``texts``, when already computed.
        projected : numpy.ndarray, optional
            :meth:`projection` of ``weights``, when already computed (``weights`` is then
            not read).

        Returns
        -------
        numpy.ndarray of float64, shape (len(texts), k)

        Examples
        --------
        >>> v = StaticVectors(["email", "brick"], *quantise(np.eye(2)))
        >>> v.project(["email", "brick email", "x"], np.array([[1.0], [3.0]]), chunk=2).round(3).tolist()
        [[1.0], [2.828], [0.0]]
        """
        bag, norms = self.bag_norms(texts, tokens=tokens, chunk=chunk) if prepared is None else prepared
        if projected is None:  # fixed shape: the same every call
            projected = self.projection(weights)
        out = np.asarray(bag @ projected)
        nz = norms > 0
        out[nz] /= norms[nz, None]
        out[~nz] = 0.0
        return out

    def _bag(self, tokens) -> sparse.csr_matrix:
        """Counts of each text's known words: CSR, columns sorted, a word once a row.

        Built as CSR directly (the rows' ends from the token counts), then its repeated
        words summed: the arrays the ``(data, (rows, ids))`` COO form gave, without its
        conversion pass.
        """
        n = len(tokens.lengths)
        ids = tokens.ids(self._table)
        keep = ids >= 0
        known = np.zeros(len(ids) + 1, dtype=np.int64)
        np.cumsum(keep, out=known[1:])
        ends = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(tokens.lengths, out=ends[1:])
        bag = sparse.csr_matrix((np.ones(int(known[-1]), dtype=np.float64), ids[keep], known[ends]),
                                shape=(n, len(self.words)))
        bag.sum_duplicates()
        return bag

    def _normalised(self, bag) -> np.ndarray:
        out = np.asarray(bag @ self._matrix, dtype=np.float64)
        norms = np.linalg.norm(out, axis=1)
        nz = norms > 0
        out[nz] /= norms[nz, None]
        return out

    def to_arrays(self) -> tuple[dict, dict]:
        """Arrays and JSON metadata of the artifact (see :func:`save_vectors`)."""
        return ({"words": np.array(self.words, dtype=str), "codes": self.codes, "scale": self.scale},
                dict(self.metadata))

    @classmethod
    def from_arrays(cls, arrays: dict, meta: dict) -> "StaticVectors":
        """Rebuild from :meth:`to_arrays` output."""
        return cls(arrays["words"].tolist(), arrays["codes"], arrays["scale"], dict(meta))


def _dense_rows(counts: sparse.csr_matrix, start: int, end: int, matrix: np.ndarray,
                out: np.ndarray) -> np.ndarray:
    """``counts[start:end] @ matrix`` written into ``out`` (float32, ``end - start`` rows), which is returned.

    scipy's routine for a sparse times a dense matrix (``csr_matvecs``, what ``@`` runs:
    the same sums in the same order) is called on the rows' part of ``counts``' arrays and
    the buffer ``out``, without slicing the bag (a copy of its rows) or allocating the
    result anew for every chunk. Other index or value types, or a scipy without the
    routine, or one whose routine fails :func:`_matvecs_checked`, go through ``@``.

    Examples
    --------
    >>> counts = sparse.csr_matrix(np.array([[1, 0], [2, 1], [0, 0]], dtype=np.float32))
    >>> matrix = np.array([[0.5, 1.0], [0.25, 2.0]], dtype=np.float32)
    >>> _dense_rows(counts, 1, 3, matrix, np.empty((2, 2), dtype=np.float32)).tolist()
    [[1.25, 4.0], [0.0, 0.0]]
    """
    if (not _matvecs_checked() or counts.format != "csr" or counts.indptr.dtype != counts.indices.dtype
            or counts.indptr.dtype not in (np.int32, np.int64) or counts.dtype != np.float32
            or matrix.dtype != np.float32 or out.dtype != np.float32 or not matrix.flags.c_contiguous
            or not out.flags.c_contiguous or out.shape != (end - start, matrix.shape[1])):
        out[...] = counts[start:end] @ matrix
        return out
    out.fill(0.0)  # the routine adds to it
    _csr_matvecs(end - start, matrix.shape[0], matrix.shape[1], counts.indptr[start:end + 1], counts.indices,
                 counts.data, matrix.reshape(-1), out.reshape(-1))
    return out


_MATVECS_OK: list = []


def _matvecs_checked() -> bool:
    """Whether scipy's private ``csr_matvecs`` is there and gives what ``@`` gives (checked once).

    The routine is private to scipy: a release that moved it is seen at import (``None``);
    one that changed its arguments or results is seen here, on a small product whose sums
    are exact, and :func:`_dense_rows` then uses ``@``, slower by about 0.1 s for 200,000
    texts, never wrong.
    """
    if not _MATVECS_OK:
        ok = _csr_matvecs is not None
        if ok:
            counts = sparse.csr_matrix(np.array([[1, 0, 2], [0, 0, 0], [0, 3, 1]], dtype=np.float32))
            matrix = np.arange(6, dtype=np.float32).reshape(3, 2)
            out = np.full((2, 2), np.nan, dtype=np.float32)
            try:
                out.fill(0.0)
                _csr_matvecs(2, 3, 2, counts.indptr[1:4], counts.indices, counts.data, matrix.reshape(-1),
                             out.reshape(-1))
                ok = np.array_equal(out, counts[1:3] @ matrix)
            except Exception:  # noqa: BLE001 - any failure of a private routine: ``@`` is used instead
                ok = False
        _MATVECS_OK.append(ok)
    return _MATVECS_OK[0]


def _check_words(words) -> list:
    """``words`` as a list of distinct lower-cased str, or :class:`~exposure.errors.DataFormatError`.

    The scorer looks up the lower-cased words of a text (:func:`~exposure.scoring._features.tokenize`):
    before, a word with a capital (``Excel`` of cased vectors) was kept and never read, a
    word given twice kept its first vector unread, and None or NaN became the words
    ``None`` and ``nan``, silently; so was a word the scorer never reads as one
    (``node.js``, ``c++``, one letter, ``""``), as :func:`~exposure.scoring._distill.extend_vectors`
    already refused; and (until round 75) a word it reads in another form
    (:func:`~exposure.scoring._features.normalise_text`: ``café`` as ``cafe``, ``ﬁle`` as
    ``file``, full-width letters as ASCII ones), whose vector no text ever got.

    Examples
    --------
    >>> _check_words(["email", "Excel"])
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: static vectors: words[1] 'Excel' is not lower-case: the scorer reads lower-cased words, so its vector would never be used; lower-case the words (keeping one vector a word)
    """
    if isinstance(words, (str, bytes)):
        raise DataFormatError(f"static vectors: words must be a list of words, got {shown(words)}")
    words = list(words)
    seen: dict = {}
    for i, word in enumerate(words):
        if not isinstance(word, str):
            raise DataFormatError(f"static vectors: words[{i}] must be a str (a word), got {shown(word)}")
        if word != word.lower():
            raise DataFormatError(f"static vectors: words[{i}] {word!r} is not lower-case: the scorer "
                                  "reads lower-cased words, so its vector would never be used; "
                                  "lower-case the words (keeping one vector a word)")
        if seen.setdefault(word, i) != i:
            raise DataFormatError(f"static vectors: {word!r} is words[{seen[word]}] and words[{i}]: "
                                  "a word needs one vector (the first was never read)")
    joined = "\n".join(words)  # one pass over all words (a few ms for the shipped 27,000)
    if words and (_NOT_ONE_WORD.search(joined) is not None or joined.count("\n") != len(words) - 1):
        i, word = next((i, w) for i, w in enumerate(words) if not _WORD.fullmatch(w))
        raise DataFormatError(f"static vectors: words[{i}] {word!r} is not a word as the scorer reads a "
                              "text (lower-cased runs of two or more word characters), so its vector "
                              "would never be used; give the words it reads (extend_vectors adds words so)")
    # the scorer reads a word in its plain form (normalise_text): 'café' as 'cafe', 'ﬁle' as
    # 'file'; only a word that is not ASCII, or holds '_' (underscore emphasis), may change
    odd = [i for i, word in enumerate(words) if not word.isascii() or "_" in word]
    if odd:
        read = tokenize([words[i] for i in odd])
        ends = np.cumsum(read.lengths)
        for i, end, length in zip(odd, ends.tolist(), read.lengths.tolist()):
            got = [read.words[c] for c in read.codes[end - length:end].tolist()]
            if got != [words[i]]:
                reads = f"reads it as {', '.join(map(repr, got))}" if got else "reads no word in it"
                raise DataFormatError(f"static vectors: words[{i}] {words[i]!r} is not a word as the scorer "
                                      f"reads a text (in its plain form: accents, ligatures and full-width "
                                      f"letters folded): it {reads}, so its vector would never be used; give "
                                      "the words it reads (extend_vectors adds words so)")
    return [str(w) for w in words]


#: A word as the scorer reads one (:data:`exposure.scoring._features._TOKEN`, lower-cased).
_WORD = re.compile(r"\w\w+")
#: A line of ``"\n".join(words)`` that is not such a word.
_NOT_ONE_WORD = re.compile(r"(?m)^(?!\w\w+$)")


def _int8_codes(codes) -> np.ndarray:
    """``codes`` as int8, or :class:`~exposure.errors.DataFormatError` if that would change them.

    Before, float codes were cut toward 0 (float vectors given as codes became zeros) and
    integers beyond int8 wrapped (200 became -56), silently.

    Examples
    --------
    >>> _int8_codes(np.array([[0.6, -0.4]]))
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: static vectors: codes must be integers of -127 to 127 (int8), got float64: pass quantise(vectors), which gives codes and scales
    """
    codes = np.asarray(codes)
    if codes.dtype == np.int8:
        return codes
    if codes.dtype.kind not in ("i", "u") or (codes.size and (codes.min() < -127 or codes.max() > 127)):
        got = (f"values of {codes.min()} to {codes.max()}" if codes.dtype.kind in ("i", "u")
               else str(codes.dtype))
        raise DataFormatError(f"static vectors: codes must be integers of -127 to 127 (int8), got {got}: "
                              "pass quantise(vectors), which gives codes and scales")
    return codes.astype(np.int8)


def quantise(vectors) -> tuple[np.ndarray, np.ndarray]:
    """int8 codes and float32 scales (one per row) of float vectors.

    Each row is scaled so that its largest absolute value becomes 127 and rounded: the
    reconstruction ``codes * scale[:, None]`` is within ``scale / 2`` of the input.

    Raises
    ------
    exposure.errors.DataFormatError
        ``vectors`` not a matrix, or holding NaN or an infinity (naming the first such
        row and column, counted from 1).

    Examples
    --------
    >>> codes, scale = quantise(np.array([[0.5, -1.0], [0.0, 0.0]]))
    >>> codes.tolist(), [round(float(x), 4) for x in scale]
    ([[64, -127], [0, 0]], [0.0079, 1.0])
    """
    v = np.asarray(vectors, dtype=np.float64)
    if v.ndim != 2:  # one vector: numpy's AxisError
        raise DataFormatError(f"vectors must be a matrix, one vector per row; got shape {v.shape}")
    bad = ~np.isfinite(v)
    if bad.any():  # NaN was quantised to 0 beside the row's other values, inf made the scale inf
        row, col = (int(i) for i in np.argwhere(bad)[0])
        raise DataFormatError(f"vectors row {row + 1}, column {col + 1} holds {v[row, col]}: vectors must be "
                              f"finite numbers")
    top = np.abs(v).max(axis=1)
    scale = np.where(top > 0, top / 127.0, 1.0)
    codes = np.clip(np.rint(v / scale[:, None]), -127, 127).astype(np.int8)
    return codes, scale.astype(np.float32)


def save_vectors(vectors: StaticVectors, path) -> Path:
    """Write ``vectors`` as a deterministic zip of ``.npy`` arrays plus ``metadata.json``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> v = StaticVectors(["email", "brick"], *quantise(np.eye(2)))
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "v.npz"
    >>> save_vectors(v, p).read_bytes() == save_vectors(v, p).read_bytes()
    True

    Raises
    ------
    exposure.errors.DataFormatError
        ``vectors`` is not a :class:`StaticVectors` or ``path`` is not a path (None, a
        number: pathlib's ``TypeError`` or an ``AttributeError`` before), before anything
        is written.
    """
    path = check_path(path, "path", "a static word vectors path")
    if not isinstance(vectors, StaticVectors):
        raise DataFormatError(f"vectors must be StaticVectors (e.g. StaticVectors(words, *quantise(matrix))), "
                              f"got {shown(vectors)}")
    return write_arrays(*vectors.to_arrays(), path)


_CACHE: dict = {}


def load_vectors(path, pins: dict) -> StaticVectors:
    """Load (and sha256-verify against ``pins``) a static-vectors artifact.

    Parameters
    ----------
    path : str or os.PathLike
    pins : dict of str to str
        File name -> pinned sha256 (:func:`exposure.scoring.learned.read_registry`).

    Raises
    ------
    exposure.errors.ChecksumMismatchError
        The file's sha256 differs from the pinned one.
    exposure.errors.DataFormatError
        ``path`` is not a path; the file's words, codes or scales do not make vectors
        (:class:`StaticVectors`), naming the file.
    exposure.errors.ExposureError
        The file is missing or not pinned (both a ``DataFormatError`` naming the file:
        :func:`exposure._io.read_pinned`).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = save_vectors(StaticVectors(["email"], *quantise(np.ones((1, 2)))),
    ...                  pathlib.Path(tempfile.mkdtemp()) / "v.npz")
    >>> load_vectors(p, {"v.npz": "0" * 64})  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    exposure.errors.ChecksumMismatchError: sha256 mismatch for v.npz ...
    """
    path = check_path(path, "path", "a static word vectors path")
    return load_pinned(path, pins, "static word vectors", StaticVectors.from_arrays, _CACHE)
