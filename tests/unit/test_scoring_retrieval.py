"""Retrieval index of the free-text path: build, retrieve, exclude, features, artifact."""

import hashlib
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from exposure.errors import ChecksumMismatchError, ExposureError
from exposure.scoring._features import WordTfidf, stem
from exposure.scoring.retrieval import TaskIndex, build_index, load_index, save_index


def tiny_onet():
    """Four made-up tasks of three occupations, two DWAs."""
    tasks = pd.DataFrame({
        "onetsoc_code": ["43-4051.00", "43-4051.00", "47-2031.00", "43-3031.00"],
        "task_id": [1, 2, 3, 4],
        "task": ["Answer customer emails about billing questions.",
                 "Resolve customer complaints by telephone.",
                 "Cut lumber with power saws to build frames.",
                 "Reconcile vendor invoices with purchase orders."],
    })
    task_dwas = pd.DataFrame({"onetsoc_code": ["43-4051.00", "47-2031.00", "43-3031.00"],
                              "task_id": [1, 3, 4],
                              "dwa_id": ["4.A.4.a.2.I03.D01", "4.A.3.a.2.I01.D01", "4.A.2.a.1.I01.D02"]})
    dwas = pd.DataFrame({"dwa_id": ["4.A.4.a.2.I03.D01", "4.A.3.a.2.I01.D01", "4.A.2.a.1.I01.D02"],
                         "iwa_id": ["4.A.4.a.2.I03", "4.A.3.a.2.I01", "4.A.2.a.1.I01"],
                         "dwa_title": ["Respond to customer inquiries.", "Cut wood materials.",
                                       "Reconcile financial records."]})
    occupations = pd.DataFrame({"onetsoc_code": ["43-4051.00", "47-2031.00", "43-3031.00"],
                                "job_zone": [2, 2, 3]})
    return SimpleNamespace(release="test", tasks=tasks, task_dwas=task_dwas, dwas=dwas,
                           occupations=occupations)


PAYLOAD = np.array([[0.1, 0.7, 0.2], [0.2, 0.6, 0.2], [0.9, 0.05, 0.05], [0.1, 0.3, 0.6]])


@pytest.fixture()
def index():
    return build_index(tiny_onet(), PAYLOAD, max_df=100)


def test_retrieves_the_closest_task_through_inflections(index):
    found = index.retrieve(["Reconciling invoices from vendors", "Build a frame from lumber",
                            "asdf qwer"])
    assert index.task_ids[found.best[:2]].tolist() == [4, 3]
    assert found.best[2] == -1 and found.similarity[2] == 0 and found.n_terms[2] == 0
    assert 0 < found.similarity[1] < 1
    # neighbour weights sum to one where something was found
    np.testing.assert_allclose(np.asarray(found.weights.sum(axis=1)).ravel(), [1, 1, 0])


def test_exclude_keeps_a_task_from_finding_its_own_occupation(index):
    text = "Answer customer emails about billing questions."
    assert index.task_ids[index.retrieve([text]).best[0]] == 1
    found = index.retrieve([text], exclude=["43-4051"])
    assert index.onetsoc_codes[found.best[0]][:7] != "43-4051"


def test_features_carry_the_neighbours_payload(index):
    found = index.retrieve(["Reconcile vendor invoices with purchase orders."])
    feats = index.features(found).toarray()[0]
    assert feats.shape == (index.n_features,)
    np.testing.assert_allclose(feats[:3], PAYLOAD[3], atol=0.05)
    assert feats[6] == pytest.approx(found.similarity[0])
    zone = feats[-5:]
    assert zone.argmax() == 2  # job zone 3


def test_subset_and_payload(index):
    sub = index.subset(np.array([True, True, False, False]))
    assert sub.n_tasks == 2 and sub.onetsoc_codes.tolist() == ["43-4051.00"] * 2
    with pytest.raises(ExposureError, match="payload"):
        index.with_payload(np.zeros((3, 3)))


def test_artifact_roundtrip_is_deterministic_and_verified(index, tmp_path):
    path = save_index(index, tmp_path / "r.npz")
    first = path.read_bytes()
    assert save_index(index, tmp_path / "r.npz").read_bytes() == first
    pins = {"r.npz": hashlib.sha256(first).hexdigest()}
    again = load_index(path, pins)
    assert isinstance(again, TaskIndex)
    assert again.vectorizer.vocabulary == index.vectorizer.vocabulary
    texts = ["Reconciling invoices from vendors"]
    np.testing.assert_allclose(again.features(again.retrieve(texts)).toarray(),
                               index.features(index.retrieve(texts)).toarray(), atol=1e-6)
    with pytest.raises(ChecksumMismatchError):
        load_index(path, {"r.npz": "0" * 64})
    with pytest.raises(ExposureError, match="not listed"):
        load_index(path, {})


def test_stemmed_vectoriser_and_term_codes():
    assert stem("invoices") == stem("invoicing") == stem("invoiced") == "invoic"
    assert stem("tax") == "tax"
    vec = WordTfidf(["invoic", "reconcile", "reconcile invoic"], [1.0, 1.0, 2.0], 2, stem=True)
    assert vec.transform(["Reconcile invoices"]).nnz == 3
    again = WordTfidf.from_codes(*vec.to_codes(), vec.idf, 2, stem=True)
    assert again.vocabulary == vec.vocabulary
    np.testing.assert_array_equal(again.transform(["reconcile invoicing"]).toarray(),
                                  vec.transform(["reconcile invoicing"]).toarray())


def test_matmul_gives_the_arrays_of_scipy_product():
    # the one-pass product: same entries, same order, same index arrays as a @ b
    from scipy import sparse as sp

    from exposure.scoring.retrieval import _matmul

    rng = np.random.default_rng(5)
    for density in (0.0, 0.01, 0.2):
        a = sp.random(40, 300, density=density, format="csr", random_state=rng)
        b = sp.random(300, 120, density=0.05, format="csr", random_state=rng)
        a.indices, a.indptr = a.indices.astype(np.int32), a.indptr.astype(np.int32)
        got, want = _matmul(a, b), a @ b
        assert got.shape == want.shape
        assert np.array_equal(got.indptr, want.indptr)
        assert np.array_equal(got.indices, want.indices)
        assert np.array_equal(got.data, want.data)
    f32 = a.astype(np.float32)  # other value types: scipy's product
    assert np.array_equal(_matmul(f32, b).toarray(), (f32 @ b).toarray())


def test_retrieval_does_not_depend_on_the_blocks_of_the_product(index, monkeypatch):
    # long texts get blocks of fewer rows; what a text finds must not depend on its block
    from exposure.scoring import retrieval

    texts = ["Answer customer emails and resolve complaints by telephone. " * 3,
             "Cut lumber with power saws.", "Reconcile invoices.", "asdf", "Build frames."] * 3
    whole = index.retrieve(texts)
    assert retrieval._row_blocks(index.vectorizer.transform(texts), index._transposed()[0]) == [(0, 15)]
    for pairs, rows in ((1, 4096), (10, 4096), (10**9, 2)):
        monkeypatch.setattr(retrieval, "BLOCK_PAIRS", pairs)
        monkeypatch.setattr(retrieval, "CHUNK", rows)
        q = index.vectorizer.transform(texts)
        assert len(retrieval._row_blocks(q, index._transposed()[0], rows, pairs)) > 1
        got = index.retrieve(texts)
        assert np.array_equal(got.best, whole.best) and np.array_equal(got.similarity, whole.similarity)
        for name in ("weights", "dwa_weights"):
            a, b = getattr(got, name), getattr(whole, name)
            assert np.array_equal(a.indptr, b.indptr) and np.array_equal(a.indices, b.indices)
            assert np.array_equal(a.data, b.data)


def test_retrieval_without_weights_finds_the_same_closest_task(index):
    # ties included: two texts equally close to two tasks must name the same one
    texts = ["Reconciling invoices from vendors", "Build a frame from lumber", "asdf qwer",
             "customer", "Answer customer emails and resolve customer complaints by telephone."]
    full, bare = index.retrieve(texts), index.retrieve(texts, weights=False)
    assert np.array_equal(bare.best, full.best) and np.array_equal(bare.similarity, full.similarity)
    assert np.array_equal(bare.n_terms, full.n_terms)
    assert bare.weights is None and bare.dwa_weights is None
    with pytest.raises(ExposureError, match="without weights"):
        index.features(bare)


def test_best_names_the_first_stored_entry_of_the_largest_value():
    from scipy import sparse

    from exposure.scoring.retrieval import _best, _keep_best

    rng = np.random.default_rng(0)
    dense = rng.choice([0.0, 0.25, 0.5, 0.75], size=(40, 9))  # many ties
    s = sparse.csr_matrix(dense)
    order = rng.permutation  # entries of each row stored in a shuffled order
    for r in range(s.shape[0]):
        lo, hi = s.indptr[r], s.indptr[r + 1]
        p = lo + order(hi - lo)
        s.indices[lo:hi], s.data[lo:hi] = s.indices[p].copy(), s.data[p].copy()
    best, top = _best(s)
    kb, ktop, _ = _keep_best(s, 0.7, 4.0, normalise=True)
    assert np.array_equal(best, kb) and np.array_equal(top, ktop)
    assert np.array_equal(top, dense.max(axis=1))
    # the floor only decides which rows are searched in full, never the result
    for floor in (0.0, 0.3, 0.5, 0.6, 1.0):
        b, t = _best(s, floor=floor)
        assert np.array_equal(b, best) and np.array_equal(t, top)
