"""Agreement figures, hand-computed."""

import numpy as np
import pandas as pd
import pytest

from exposure.errors import DataFormatError
from exposure.scoring._evaluate import (
    agreement,
    brier_score,
    cohen_kappa,
    expected_calibration_error,
    occupation_means,
    onehot,
)


def test_occupation_means_hand_computed():
    # occupation a: E1 core (w 2), E2 supplemental (w 1); b: E0, E2 (w 1 each)
    p = np.eye(3)[[1, 2, 0, 2]]
    got = occupation_means(p, ["a", "a", "b", "b"], [2, 1, 1, 1])
    assert got.loc["a"].tolist() == pytest.approx([2 / 3, 2.5 / 3, 1.0])
    assert got.loc["b"].tolist() == pytest.approx([0.0, 0.25, 0.5])
    # probabilities: expectation of the class values
    got = occupation_means([[0.5, 0.25, 0.25]], ["c"], [1])
    assert got.loc["c"].tolist() == pytest.approx([0.25, 0.375, 0.5])


def test_kappa_matches_definition():
    y = [0, 0, 1, 2, 2, 1, 0]
    p = [0, 1, 1, 2, 0, 1, 0]
    # po = 5/7; marginals y: (3,2,2), p: (3,3,1) -> pe = (9+6+2)/49
    po, pe = 5 / 7, 17 / 49
    assert cohen_kappa(y, p) == pytest.approx((po - pe) / (1 - pe))
    sk = pytest.importorskip("sklearn.metrics")
    assert cohen_kappa(y, p) == pytest.approx(sk.cohen_kappa_score(y, p))


def test_calibration_measures():
    proba = np.array([[0.8, 0.2, 0.0], [0.8, 0.1, 0.1], [0.3, 0.6, 0.1]])
    y = [0, 1, 1]
    # bins: 0.8 (two tasks, accuracy 0.5) and 0.6 (one task, accuracy 1)
    assert expected_calibration_error(proba, y) == pytest.approx(2 / 3 * 0.3 + 1 / 3 * 0.4)
    assert brier_score(proba, y) == pytest.approx((0.04 + 0.04 + 0.64 + 0.81 + 0.01 + 0.09 + 0.16 + 0.01) / 3)


def test_agreement_drops_missing_rows_and_perfect_scores():
    y = np.array([0, 1, 2, 0, 2, 1])
    p = np.eye(3)[y].astype(float)
    p[5] = np.nan
    codes = ["a", "a", "b", "b", "c", "c"]
    out = agreement(p, y, codes, [2, 1, 1, 1, 2, 1])
    assert out["n_tasks"] == 5 and out["n_occupations"] == 3
    assert out["accuracy"] == 1.0 and out["kappa"] == pytest.approx(1.0)
    assert out["r_beta"] == pytest.approx(1.0)
    assert out["ece"] == pytest.approx(0.0) and out["brier"] == pytest.approx(0.0)


def test_agreement_uses_gpt4_like_hard_labels():
    y = np.array([0, 0, 1, 2, 2, 0, 1, 2, 0])
    g = np.array([0, 2, 1, 2, 0, 0, 1, 2, 2])
    codes = list("aaabbbccc")
    out = agreement(np.eye(3)[g], y, codes, [1] * 9)
    assert out["accuracy"] == pytest.approx(6 / 9)
    human = occupation_means(np.eye(3)[y], codes, [1] * 9)
    mine = occupation_means(np.eye(3)[g], codes, [1] * 9)
    assert out["r_gamma"] == pytest.approx(np.corrcoef(human["gamma"], mine["gamma"])[0, 1])
    assert isinstance(pd.Series(out).to_dict(), dict)


def test_onehot_leaves_missing_labels_missing_and_refuses_unknown_ones():
    got = onehot(pd.Series(["E2", "E0", pd.NA, None]))
    np.testing.assert_array_equal(got[:2], [[0, 0, 1], [1, 0, 0]])
    assert np.isnan(got[2:]).all()
    # an unknown label was a NaN row too, left out of the figures without a word (round 75)
    with pytest.raises(DataFormatError, match=r"labels row 4 is 'E5': a label must be E0, E1 or E2"):
        onehot(pd.Series(["E2", "E0", pd.NA, "E5"]))
