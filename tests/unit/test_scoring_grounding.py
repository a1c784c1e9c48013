"""Free text blended with its closest O*NET tasks (trials G and H): the blend, its retrieval, its CV."""

import numpy as np
import pandas as pd
import pytest
from scipy import sparse

from exposure.scoring import learned, score_tasks
from exposure.scoring.learned import (
    GROUNDING_FLOOR,
    GROUNDING_FULL,
    ground_in_neighbours,
    grounding_weight,
    load_model,
)
from exposure.scoring.retrieval import _keep_best, _kept_mean


def _random_product(seed: int, n: int = 60, m: int = 40) -> sparse.csr_matrix:
    rng = np.random.default_rng(seed)
    dense = rng.random((n, m)) * (rng.random((n, m)) < 0.2)
    dense[::7] *= 0.2  # rows whose best is below the floor: searched entry by entry
    dense[5] = 0.0  # an empty row
    dense[9, :] = 0.0
    dense[9, [3, 11]] = 0.4  # a tie for the best
    return sparse.csr_matrix(dense)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_kept_mean_is_the_kept_neighbours_weighted_mean(seed):
    s = _random_product(seed)
    values = np.random.default_rng(seed + 10).dirichlet([1, 1, 1], size=s.shape[1])
    best, top, mean = _kept_mean(s, 0.7, 4.0, values)
    b2, t2, w = _keep_best(s, 0.7, 4.0, normalise=True)
    np.testing.assert_array_equal(best, b2)
    np.testing.assert_array_equal(top, t2)
    np.testing.assert_allclose(mean, w @ values, rtol=1e-12, atol=1e-15)
    assert not mean[5].any() and best[5] == -1  # the empty row
    assert best[9] == 3  # the first of a tie, as _keep_best names it
    # the floor only decides which rows are searched entry by entry, never the result
    for floor in (0.0, 0.1, 0.9, 2.0):
        np.testing.assert_array_equal(_kept_mean(s, 0.7, 4.0, values, floor=floor)[2], mean)


def test_weight_rises_from_the_floor_to_full():
    sim = np.array([0.0, GROUNDING_FLOOR, (GROUNDING_FLOOR + GROUNDING_FULL) / 2, GROUNDING_FULL, 1.0, np.nan])
    np.testing.assert_allclose(grounding_weight(sim), [0.0, 0.0, 0.5, 1.0, 1.0, 0.0])


def test_blend_keeps_rows_without_neighbours_and_sums_to_one():
    rng = np.random.default_rng(0)
    p, q = rng.dirichlet([1, 1, 1], 50), rng.dirichlet([1, 1, 1], 50)
    q[::5] = 0.0  # no neighbour
    sim = rng.random(50)
    out = ground_in_neighbours(p, q, sim)
    np.testing.assert_allclose(out.sum(axis=1), 1.0)
    np.testing.assert_array_equal(out[::5], p[::5])
    low = sim < GROUNDING_FLOOR
    np.testing.assert_array_equal(out[low], p[low])
    high = (sim >= GROUNDING_FULL) & (q.sum(axis=1) > 0)
    np.testing.assert_allclose(out[high], q[high])


def test_retrieving_the_payload_with_or_without_weights_gives_the_same_bits():
    # scores must not depend on whether a chunk also held rows of the grounded block
    index = load_model().index
    texts = ["Answer customer emails about orders.", "Weld steel beams.", "asdf qwer",
             "Coordinate schedules and make travel arrangements.", ""]
    a = index.retrieve(texts, weights=True, payload=True)
    b = index.retrieve(texts, weights=False, payload=True)
    np.testing.assert_array_equal(a.payload, b.payload)
    np.testing.assert_allclose(a.payload, a.weights @ index.payload, atol=1e-14)
    assert index.retrieve(texts, weights=False).payload is None


def _free_proba(model, texts):
    z = model.decision_function("free", texts, [""] * len(texts), [""] * len(texts), None, None, {})
    z = z / model.temperature["free"]
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def test_an_onet_statement_given_alone_is_scored_as_the_tasks_it_is():
    model = load_model()
    text = "Answer telephones and schedule appointments."  # an O*NET 29.1 statement (39-2021.00)
    found = model.index.retrieve([text], weights=False, payload=True)
    got = learned.score_learned(pd.DataFrame({"task": [text]}))
    assert found.similarity[0] > 0.99 and got["feature_set"].iloc[0] == "free"
    np.testing.assert_allclose(got[["p_e0", "p_e1", "p_e2"]].to_numpy()[0], found.payload[0])
    # not the words alone, which the blend replaced
    assert not np.allclose(_free_proba(model, [text])[0], found.payload[0], atol=0.01)


def test_a_text_like_no_task_keeps_its_words_alone_score():
    model = load_model()
    texts = ["Bake sourdough bread for the bakery counter.", "asdf qwer zxcv"]
    found = model.index.retrieve(texts, weights=False, payload=True)
    got = score_tasks(pd.DataFrame({"task": texts}))[["p_e0", "p_e1", "p_e2"]].to_numpy()
    expected = ground_in_neighbours(_free_proba(model, texts), found.payload, found.similarity)
    np.testing.assert_allclose(got, expected, rtol=1e-12)
    assert found.similarity[1] < GROUNDING_FLOOR
    np.testing.assert_allclose(got[1], _free_proba(model, texts[1:])[0], rtol=1e-12)


def test_rows_of_both_free_text_sets_are_blended(monkeypatch):
    """Trial G blends rows scored as text alone, trial H rows with an O*NET-SOC code."""
    frame = pd.DataFrame({"task": ["Enter data into spreadsheets.", "Weld pipes."],
                          "title": ["Office Clerks", "Welders"],
                          "onetsoc_code": ["43-9061.00", "51-4121.06"]})
    alone = frame[["task"]]
    with_code, blended = score_tasks(frame), score_tasks(alone)
    assert (learned.score_learned(frame)["feature_set"] == "text").all()
    assert (learned.score_learned(alone)["feature_set"] == "free").all()
    monkeypatch.setattr(learned, "ground_in_neighbours", lambda p, q, s: p)
    columns = ["p_e0", "p_e1", "p_e2"]
    for before, after in ((with_code, score_tasks(frame)), (blended, score_tasks(alone))):
        assert not np.allclose(after[columns].to_numpy(), before[columns].to_numpy())


def test_a_coded_row_is_its_text_set_score_blended_with_its_neighbours():
    model = load_model()
    texts = ["You will keep the team's calendar and book travel.", "Weld steel beams on site."]
    titles, codes = ["Executive Secretaries and Executive Administrative Assistants", "Welders"], \
        ["43-6011.00", "51-4121.06"]
    frame = pd.DataFrame({"task": texts, "title": titles, "onetsoc_code": codes})
    z = model.decision_function("text", texts, titles, codes, None, learned.occupation_groups(codes, titles), {})
    z = z / model.temperature["text"]
    p = np.exp(z - z.max(axis=1, keepdims=True))
    p /= p.sum(axis=1, keepdims=True)
    found = model.index.retrieve(texts, weights=True, payload=True)
    got = score_tasks(frame)[["p_e0", "p_e1", "p_e2"]].to_numpy()
    np.testing.assert_allclose(got, ground_in_neighbours(p, found.payload, found.similarity), rtol=1e-12)
    assert (found.similarity > GROUNDING_FLOOR).all()  # the blend moved them
    assert not np.allclose(got, p, atol=1e-3)
