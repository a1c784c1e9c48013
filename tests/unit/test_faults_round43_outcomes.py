"""Fault round 43 (invariance): published-measure comparisons and crosswalks in another row order or dtype.

1. :func:`exposure.measures._crosswalk.apply_links` (so ``to_oews_codes``, ``to_isco``
   and the Felten and Webb loaders) summed each target's weighted scores and weights in
   the caller's row order: the same scores and links in another row order gave means,
   counts and ``crosswalk_weight`` that differed in the 16th digit. Now summed in
   (target, source) order: bit-identical.
2. :func:`exposure.measures._crosswalk.compose_links` added the weights of the paths in
   row order: the same two link tables in another row order gave weights that differed
   in the 16th digit. Now in code order: bit-identical.
3. :func:`exposure.measures.compare.weighted_pearson`, :func:`weighted_spearman` (plain and
   weighted) and so :func:`correlations` summed in the caller's row order: the same pairs
   (the same table) in another row order gave correlations that differed in the 16th or
   17th digit. Now the pairs are taken in (x, y, w) order: bit-identical.
4. :func:`exposure.measures.compare.disagreements` ordered two codes whose ranks differ by
   as much by the float noise of ``rank_a - rank_b`` (``3/10 - 1/10`` is
   0.19999999999999998, ``9/10 - 7/10`` 0.20000000000000007), not by code: with
   ``top=1`` the later code won the tie. The difference is now taken of the ranks (exact)
   and divided once: such codes tie exactly and the first code wins.
5. :func:`~exposure.measures.compare.disagreements` broke ties by ``soc_code`` as sorted
   by pandas: a categorical ``soc_code`` (a Parquet file's dictionary column, or
   ``astype(CategoricalDtype([...]))``) was ordered by its categories, so the same table
   gave other codes than with text codes. Ties now go by the code's text whatever its dtype.
6. :func:`~exposure.measures.compare.weighted_spearman` (so :func:`correlations`) and
   :func:`disagreements` ranked values that are equal but for float noise (``0.1 + 0.2``
   and ``0.3``; a crosswalk's means of the same scores) as distinct: the tie was broken by
   the noise. On the shipped comparison, 11 of Webb's 93 distinct ``webb_ai`` values were
   such near-copies, and Spearman moved in the 5th digit with the order the crosswalk
   summed in (and from the table to the same table written out). Values equal to 12
   decimals of the largest magnitude now share a rank.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from exposure.measures import compare as C
from exposure.measures._crosswalk import apply_links, compose_links


def _shuffled(frame: pd.DataFrame, seed: int) -> pd.DataFrame:
    return frame.sample(frac=1, random_state=seed).reset_index(drop=True)


@pytest.fixture
def scores_and_links():
    """Many source codes (scores of several magnitudes) into few targets, some split."""
    rng = np.random.default_rng(43)
    n = 2000
    codes = [f"S{i:04d}" for i in range(n)]
    frame = pd.DataFrame({"code": codes, "v": rng.random(n) * rng.choice([1.0, 1e-3, 1e3], n),
                          "tot_emp": rng.random(n) * 1e4})
    links = pd.DataFrame({"source_code": codes, "target_code": [f"T{t:02d}" for t in rng.integers(0, 20, n)],
                          "crosswalk_weight": rng.choice([1.0, 0.5, 1 / 3, 0.1], n)})
    return frame, links


def test_apply_links_is_bit_identical_in_any_row_order(scores_and_links):
    frame, links = scores_and_links
    want = apply_links(frame, links, code="code", values=["v"], counts=("tot_emp",))
    for seed in range(5):
        got = apply_links(_shuffled(frame, seed), _shuffled(links, seed + 10), code="code", values=["v"],
                          counts=("tot_emp",))
        pd.testing.assert_frame_equal(got, want, check_exact=True)


def test_compose_links_is_bit_identical_in_any_row_order(scores_and_links):
    _, second = scores_and_links
    rng = np.random.default_rng(7)
    first = pd.DataFrame({"source_code": [f"A{i % 40:02d}" for i in range(len(second))],
                          "target_code": second["source_code"], "crosswalk_weight": rng.random(len(second))})
    want = compose_links(first, second)
    for seed in range(5):
        got = compose_links(_shuffled(first, seed), _shuffled(second, seed + 10))
        pd.testing.assert_frame_equal(got, want, check_exact=True)


@pytest.fixture
def pairs():
    rng = np.random.default_rng(0)
    n = 500
    return (rng.random(n).round(2), rng.random(n).round(1), rng.random(n) * 1e5)


@pytest.mark.parametrize("stat", ["pearson", "spearman"])
@pytest.mark.parametrize("weighted", [False, True])
def test_correlation_of_the_same_pairs_in_another_order_is_bit_identical(pairs, stat, weighted):
    x, y, w = pairs
    f = C.weighted_pearson if stat == "pearson" else C.weighted_spearman
    want = f(x, y, w if weighted else None)
    for seed in range(10):
        p = np.random.default_rng(seed).permutation(len(x))
        assert f(x[p], y[p], w[p] if weighted else None) == want


def test_correlations_of_a_shuffled_table_are_bit_identical(pairs):
    x, y, w = pairs
    table = pd.DataFrame({"a": x, "b": y, "c": x * y, "tot_emp": w})
    want = C.correlations(table, ["a", "b", "c"])
    for seed in range(5):
        pd.testing.assert_frame_equal(C.correlations(_shuffled(table, seed), ["a", "b", "c"]), want,
                                      check_exact=True)


def _tied_table() -> pd.DataFrame:
    # x ranks 1..10; y moves c03 and c09 down two ranks (both differ by 2/10), the others by one at most
    y = [2, 3, 1, 4, 5, 6, 8, 9, 7, 10]
    return pd.DataFrame({"soc_code": [f"c{i:02d}" for i in range(1, 11)], "x": range(1, 11), "y": y})


def test_disagreements_equal_rank_differences_tie_and_go_by_code():
    got = C.disagreements(_tied_table(), ["x", "y"], top=2)
    assert got["soc_code"].tolist() == ["c03", "c09"]
    assert got["rank_diff"].tolist() == [0.2, 0.2]
    one = C.disagreements(_tied_table(), ["x", "y"], top=1)
    assert one["soc_code"].tolist() == ["c03"]


def test_disagreements_ranks_unchanged():
    got = C.disagreements(_tied_table(), ["x", "y"], top=10)
    by = got.set_index("soc_code")
    assert by.loc["c03", "rank_a"] == 0.3 and by.loc["c03", "rank_b"] == 0.1
    assert by.loc["c09", "rank_a"] == 0.9 and by.loc["c09", "rank_b"] == 0.7


@pytest.mark.parametrize("dtype", ["string", "category", "reversed categories"])
def test_disagreements_ties_by_code_text_whatever_the_dtype(dtype):
    t = pd.DataFrame({"soc_code": ["11-1011", "13-1011", "15-1252", "43-9021"], "x": [1, 2, 3, 4],
                      "y": [2, 1, 4, 3]})
    want = C.disagreements(t, ["x", "y"], top=2)
    assert want["soc_code"].tolist() == ["11-1011", "13-1011"]
    kind = (pd.CategoricalDtype(sorted(t["soc_code"])[::-1]) if dtype == "reversed categories" else dtype)
    got = C.disagreements(t.assign(soc_code=t["soc_code"].astype(kind)), ["x", "y"], top=2)
    assert got["soc_code"].astype(str).tolist() == want["soc_code"].tolist()
    assert got["rank_diff"].tolist() == want["rank_diff"].tolist()


def test_disagreements_shuffled_table_gives_the_same_rows():
    t = _tied_table()
    want = C.disagreements(t, ["x", "y"], top=4)
    for seed in range(5):
        pd.testing.assert_frame_equal(C.disagreements(_shuffled(t, seed), ["x", "y"], top=4), want,
                                      check_exact=True)


def test_spearman_values_equal_but_for_float_noise_share_a_rank():
    # 0.1 + 0.2 (a sum of a crosswalk) and 0.3: one value, apart in the 17th digit
    x = np.array([0.3, 0.1 + 0.2, 0.5, 0.7, 0.9])
    y = np.array([0.6, 0.1, 0.3, 0.8, 0.9])
    assert x[0] != x[1]  # the noise the ranks used to see
    exact = np.array([0.3, 0.3, 0.5, 0.7, 0.9])
    assert C.weighted_spearman(x, y) == C.weighted_spearman(exact, y)
    w = np.array([1.0, 2.0, 1.0, 3.0, 1.0])
    assert C.weighted_spearman(x, y, w) == C.weighted_spearman(exact, y, w)
    t = pd.DataFrame({"soc_code": list("abcde"), "x": x, "y": y})
    d = C.disagreements(t, ["x", "y"], top=5)
    assert d.set_index("soc_code").loc[["a", "b"], "rank_a"].tolist() == [0.3, 0.3]
