"""Round 81, speed: the static word vectors' bags and norms built faster, to the same bits.

Speed changes, no fault: each test shows that the changed code gives what the code before
it gave (the old computation, written out here as the reference, compared bit for bit) and
what a plain dense numpy computation gives (to float tolerance), on the cases where a
faster path could go wrong.

1. ``StaticVectors.bag_norms`` built the dense float32 vectors 8,192 rows at a time with
   ``counts[rows] @ vectors`` (a copy of the rows of the bag, a new result each time, then
   a float64 copy of it): 0.62-0.64 s for 200,000 texts here (CPU time, best of 3). Now
   :data:`exposure.scoring._embed.CHUNK` (512) rows at a time, through scipy's own routine
   (``csr_matvecs``, what ``@`` runs) on the rows' part of the bag, into two buffers reused
   for every chunk (:func:`exposure.scoring._embed._dense_rows`): 0.45-0.55 s. The norms,
   and so the projections and the scores, are the same bits (the O*NET 29.1 tasks scored
   four ways and 20,000 distinct free texts: byte-identical Parquet).
2. ``StaticVectors._bag`` built the word counts as COO (a row number per token) converted
   to CSR; now as CSR directly (each row's end from the token counts), its repeated words
   summed: the same arrays (values, columns, row pointers, index types), 0.08 s instead of
   0.10 s for 200,000 texts.
3. A fault found on the way: ``bag_norms(texts, chunk=-1)`` (and ``project``) returned the
   norms unwritten, whatever ``np.empty`` held, without a word; ``chunk=0`` raised
   ``ValueError: range() arg 3 must not be zero`` and ``chunk=2.5`` ``TypeError: 'float'
   object cannot be interpreted as an integer``. Now each raises ``DataFormatError: chunk
   must be a whole number of 1 or more, got int -1`` (``int 0``, ``float 2.5``), the words of
   :func:`exposure._args.check_count`.
"""

from __future__ import annotations

import numpy as np
import pytest
from scipy import sparse

from exposure.errors import DataFormatError
from exposure.scoring import _embed, learned
from exposure.scoring._embed import StaticVectors, quantise
from exposure.scoring._features import tokenize

WORDS = ["email", "reply", "brick", "lay", "invoice", "customer", "wall", "mortar"]

#: Texts with the cases a faster bag or norm could get wrong: empty texts, texts of unknown
#: words only, a word repeated (counts of 2 and 3), words in any order, first and last text
#: without a known word.
TEXTS = ["", "Reply to the customer email", "zzz qqq", "lay brick brick brick on mortar", "email",
         "email reply email", "", "invoice invoice customer wall wall lay", "unknown words only",
         "mortar wall brick lay invoice customer reply email", "Email EMAIL email", "nothing here"]


def _vectors(seed: int = 0, dim: int = 5) -> StaticVectors:
    rng = np.random.default_rng(seed)
    return StaticVectors(WORDS, *quantise(rng.normal(size=(len(WORDS), dim))))


def _old_bag(vectors: StaticVectors, tokens) -> sparse.csr_matrix:
    """The bag as built before round 81 (COO to CSR)."""
    n = len(tokens.lengths)
    ids = tokens.ids(vectors._table)
    rows = np.repeat(np.arange(n, dtype=np.int64), tokens.lengths)
    keep = ids >= 0
    return sparse.csr_matrix((np.ones(int(keep.sum()), dtype=np.float64), (rows[keep], ids[keep])),
                             shape=(n, len(vectors.words)))


def _old_norms(bag: sparse.csr_matrix, matrix32: np.ndarray, chunk: int = 8192) -> np.ndarray:
    """The norms as computed before round 81 (``@`` on row slices, then a float64 copy)."""
    counts = bag.astype(np.float32)
    norms = np.empty(bag.shape[0], dtype=np.float64)
    for start in range(0, bag.shape[0], chunk):
        dense = np.asarray(counts[start:start + chunk] @ matrix32, dtype=np.float64)
        norms[start:start + chunk] = np.sqrt(np.einsum("ij,ij->i", dense, dense))
    return norms


def _same_csr(a: sparse.csr_matrix, b: sparse.csr_matrix) -> None:
    assert a.shape == b.shape
    for part in ("data", "indices", "indptr"):
        x, y = getattr(a, part), getattr(b, part)
        assert x.dtype == y.dtype, part
        assert x.tobytes() == y.tobytes(), part
    assert a.has_canonical_format and b.has_canonical_format


@pytest.mark.parametrize("texts", [TEXTS, TEXTS[:1], TEXTS[1:2], [], ["zzz"], TEXTS * 7],
                         ids=["mixed", "one-empty", "one-row", "none", "one-unknown", "many"])
def test_bag_is_the_old_bag(texts):
    vectors = _vectors()
    tokens = tokenize(texts)
    bag = vectors._bag(tokens)
    _same_csr(bag, _old_bag(vectors, tokens))
    # and what counting the words plainly gives
    want = np.zeros((len(texts), len(WORDS)))
    for i, text in enumerate(texts):
        for word in text.lower().split():
            if word in WORDS:
                want[i, WORDS.index(word)] += 1
    assert bag.toarray().tolist() == want.tolist()


@pytest.mark.parametrize("chunk", [1, 2, 3, 5, 512, 100_000])
def test_norms_are_the_old_norms_whatever_the_chunk(chunk):
    """More rows than a chunk, a chunk not dividing them, one row a chunk, a chunk of all."""
    vectors = _vectors()
    texts = TEXTS * 3
    bag, norms = vectors.bag_norms(texts, chunk=chunk)
    old = _old_norms(_old_bag(vectors, tokenize(texts)), vectors._matrix32)
    assert norms.dtype == np.float64
    assert norms.tobytes() == old.tobytes()
    plain = np.linalg.norm(bag.toarray() @ vectors._matrix32.astype(np.float64), axis=1)
    np.testing.assert_allclose(norms, plain, rtol=1e-6, atol=0)
    assert (norms[[0, 2, 6]] == 0).all()  # no known word: norm 0


def test_norms_of_words_summing_to_zero_and_one_row():
    """A text whose words' vectors cancel (an all-zero row) and a single text."""
    vectors = StaticVectors(["up", "down", "side"], *quantise(np.array([[1.0, 2.0], [-1.0, -2.0], [0.0, 3.0]])))
    bag, norms = vectors.bag_norms(["up down", "up down side", "side"], chunk=2)
    assert norms.tolist() == [0.0, 3.0, 3.0]
    assert vectors.project(["up down"], np.ones((2, 1))).tolist() == [[0.0]]
    assert vectors.bag_norms(["up up side"])[1].tobytes() == \
        _old_norms(_old_bag(vectors, tokenize(["up up side"])), vectors._matrix32).tobytes()
    empty_bag, empty = vectors.bag_norms([])
    assert empty_bag.shape == (0, 3) and empty.shape == (0,)


def test_projections_are_the_same_bits_whatever_the_chunk():
    vectors = _vectors(seed=3, dim=7)
    weights = np.random.default_rng(1).normal(size=(7, 3))
    texts = TEXTS * 5
    runs = [vectors.project(texts, weights, chunk=chunk) for chunk in (1, 4, 512, 10_000)]
    assert all(run.tobytes() == runs[0].tobytes() for run in runs)
    bag = _old_bag(vectors, tokenize(texts))
    old = np.asarray(bag @ vectors.projection(weights))
    norms = _old_norms(bag, vectors._matrix32)
    nz = norms > 0
    old[nz] /= norms[nz, None]
    old[~nz] = 0.0
    assert runs[0].tobytes() == old.tobytes()


@pytest.mark.parametrize("start,end", [(0, 4), (1, 3), (3, 4), (2, 2)])
def test_dense_rows_is_the_product_of_the_rows(start, end):
    """The routine of scipy on the rows' part of the arrays: the product of the sliced rows, bit for bit."""
    rng = np.random.default_rng(2)
    counts = sparse.csr_matrix(np.array([[0, 3, 0, 1], [0, 0, 0, 0], [2, 1, 1, 5], [0, 0, 0, 1]],
                                        dtype=np.float32))
    matrix = rng.normal(size=(4, 6)).astype(np.float32)
    out = np.full((end - start, 6), np.nan, dtype=np.float32)  # stale values: cleared first
    got = _embed._dense_rows(counts, start, end, matrix, out)
    assert got is out
    assert got.tobytes() == np.asarray(counts[start:end] @ matrix).tobytes()
    np.testing.assert_allclose(got, counts.toarray()[start:end].astype(np.float64) @ matrix, rtol=1e-6, atol=1e-6)


@pytest.mark.parametrize("routine", [
    lambda *args: None,  # a routine that adds nothing (results changed)
    lambda n_row, n_col, indptr, indices, data: None,  # arguments changed: TypeError
])
def test_a_private_routine_that_changed_is_not_used(monkeypatch, routine):
    """A changed private routine of scipy is seen by the check, and ``@`` is used instead.

    ``csr_matvecs`` is private: a release whose routine gives other results, or takes other
    arguments, gets the same values through ``@``.
    """
    monkeypatch.setattr(_embed, "_csr_matvecs", routine)
    monkeypatch.setattr(_embed, "_MATVECS_OK", [])
    assert _embed._matvecs_checked() is False
    counts = sparse.csr_matrix(np.array([[1.0, 2.0], [0.0, 1.0], [3.0, 0.0]], dtype=np.float32))
    matrix = np.array([[0.5, 1.5, 2.5], [1.0, -1.0, 0.25]], dtype=np.float32)
    out = np.full((2, 3), np.nan, dtype=np.float32)
    assert _embed._dense_rows(counts, 1, 3, matrix, out).tolist() == np.asarray(counts[1:3] @ matrix).tolist()


def test_the_routine_of_this_scipy_passes_the_check():
    assert _embed._matvecs_checked() is (_embed._csr_matvecs is not None)


def test_dense_rows_of_other_types_go_through_the_product():
    """int64 indices, float64 counts or a strided matrix: ``@``, the same values."""
    counts = sparse.csr_matrix(np.array([[1.0, 2.0], [0.0, 1.0], [3.0, 0.0]], dtype=np.float32))
    matrix = np.array([[0.5, 1.5, 2.5], [1.0, -1.0, 0.25]], dtype=np.float32)
    want = np.asarray(counts[1:3] @ matrix)
    wide = counts.copy()
    wide.indices, wide.indptr = wide.indices.astype(np.int64), wide.indptr.astype(np.int64)
    cases = [(wide, matrix), (counts.astype(np.float64), matrix), (counts, np.asfortranarray(matrix))]
    for c, m in cases:
        out = np.empty((2, 3), dtype=np.float32)
        assert _embed._dense_rows(c, 1, 3, m, out).tolist() == want.tolist()


def test_shipped_vectors_give_the_old_norms():
    """The shipped word vectors: norms and projections of the old computation, bit for bit."""
    vectors = learned.load_model().vectors
    texts = ["Answer customer emails about billing.", "", "Lay bricks and mortar to build walls, walls, walls.",
             "Review invoices; reconcile accounts payable and receivable in Excel.", "zzzz qqqq",
             "Write Python scripts to clean data and build dashboards for the sales team."] * 150
    tokens = tokenize(texts)
    bag, norms = vectors.bag_norms(texts, tokens=tokens)
    old_bag = _old_bag(vectors, tokens)
    _same_csr(bag, old_bag)
    assert norms.tobytes() == _old_norms(old_bag, vectors._matrix32).tobytes()
    assert len(texts) > 512  # more rows than a chunk (of 512, _embed.CHUNK)


@pytest.mark.parametrize("chunk,shown", [(-1, "int -1"), (0, "int 0"), (2.5, "float 2.5")])
def test_a_chunk_of_no_rows_is_refused(chunk, shown):
    vectors = _vectors()
    for call in (lambda: vectors.bag_norms(TEXTS, chunk=chunk),
                 lambda: vectors.project(TEXTS, np.ones((5, 1)), chunk=chunk)):
        with pytest.raises(DataFormatError, match=f"^chunk must be a whole number of 1 or more, got {shown}$"):
            call()
