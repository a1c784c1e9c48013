"""Bootstrap over tasks (and over the scorer's probabilities), carried through every level."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from exposure.crosswalks import read_onet_to_soc
from exposure.errors import ExposureError
from exposure.oews import read_oews
from exposure.rollup import bootstrap_occupations, label_scores, rollup


def _labels(codes, labels, **extra):
    f = pd.DataFrame({"onetsoc_code": codes, "task_id": range(1, len(codes) + 1), "label": labels, **extra})
    return pd.concat([f, label_scores(f["label"])], axis=1)


def test_fixed_seed_reproduces_and_other_seed_differs():
    ts = _labels(["11-1011.00"] * 5 + ["13-1021.00"] * 4, ["E0", "E1", "E2", "E0", "E1", "E2", "E2", "E0", "E1"])
    a = bootstrap_occupations(ts, "equal", n_draws=300, seed=7)
    b = bootstrap_occupations(ts, "equal", n_draws=300, seed=7)
    c = bootstrap_occupations(ts, "equal", n_draws=300, seed=8)
    assert np.array_equal(a.draws["beta"], b.draws["beta"])
    assert not np.array_equal(a.draws["beta"], c.draws["beta"])
    # chunking does not change the draws' distribution shape
    assert bootstrap_occupations(ts, "equal", n_draws=300, seed=7, chunk=7).draws["beta"].shape == (300, 2)


def test_single_task_occupation_has_no_spread():
    ts = _labels(["11-1011.00", "13-1021.00", "13-1021.00"], ["E2", "E1", "E0"])
    b = bootstrap_occupations(ts, "equal", n_draws=200, seed=0)
    assert set(b.draws["beta"][:, 0].tolist()) == {0.5}
    lo, hi = b.interval("beta")
    assert (lo[0], hi[0]) == (0.5, 0.5)
    assert (lo[1], hi[1]) == (0.0, 1.0)  # two tasks: beta 0, 0.5 or 1


def test_bootstrap_mean_close_to_point_estimate():
    rng = np.random.default_rng(0)
    labels = rng.choice(["E0", "E1", "E2"], 40).tolist()
    ts = _labels(["11-1011.00"] * 40, labels, task_type=["Core"] * 20 + ["Supplemental"] * 20)
    point = (np.where(np.array(labels) == "E1", 1, np.where(np.array(labels) == "E2", 0.5, 0)) *
             np.r_[[2] * 20, [1] * 20]).sum() / 60
    b = bootstrap_occupations(ts, "core", n_draws=2000, seed=1)
    assert b.draws["beta"].mean() == pytest.approx(point, abs=0.01)


def test_missing_labels_are_skipped_in_draws():
    ts = _labels(["11-1011.00"] * 3, ["E1", None, "E1"])
    b = bootstrap_occupations(ts, "equal", n_draws=100, seed=0)
    values = b.draws["alpha"][:, 0]
    # a draw of only the unlabelled task is missing, every other draw is 1
    assert set(values[~np.isnan(values)].tolist()) == {1.0}


def test_sample_labels_from_probabilities():
    # one task with p = (0.2, 0.3, 0.5): E[alpha] = 0.3, E[beta] = 0.3 + 0.25, E[gamma] = 0.8
    ts = pd.DataFrame({"onetsoc_code": ["11-1011.00"], "task_id": [1], "p_e0": [0.2], "p_e1": [0.3],
                       "p_e2": [0.5], "label": ["E2"], "alpha": [0.3], "beta": [0.55], "gamma": [0.8],
                       "method": ["learned"]})
    b = bootstrap_occupations(ts, "equal", n_draws=4000, seed=3)
    assert b.sample_labels
    assert set(b.draws["beta"][:, 0].tolist()) == {0.0, 0.5, 1.0}
    assert b.draws["alpha"].mean() == pytest.approx(0.3, abs=0.03)
    assert b.draws["beta"].mean() == pytest.approx(0.55, abs=0.03)
    assert b.draws["gamma"].mean() == pytest.approx(0.8, abs=0.03)
    # without label sampling the single task always gives its probability-based beta
    fixed = bootstrap_occupations(ts, "equal", n_draws=50, seed=3, sample_labels=False)
    assert set(fixed.draws["beta"][:, 0].tolist()) == {0.55}


def test_rollup_intervals_at_every_level(fixtures):
    ts = pd.read_csv(fixtures / "rollup" / "task_scores_tiny.csv", dtype={"onetsoc_code": str, "task_type": str})
    xw = read_onet_to_soc(fixtures / "rollup" / "onet_to_soc_tiny.csv")
    emp = read_oews(fixtures / "rollup" / "oews_tiny.csv")
    r = rollup(ts, xw, emp, weights="core", n_draws=500, seed=0)
    for frame in (r.occupations, r.soc, r.sectors):
        ok = frame["beta"].notna()
        assert (frame.loc[ok, "beta_ci_low"] <= frame.loc[ok, "beta_ci_high"]).all()
    occ = r.occupations.set_index("onetsoc_code")
    # 15-1252.00 has only E0 tasks: a degenerate interval at 0
    assert tuple(occ.loc["15-1252.00", ["beta_ci_low", "beta_ci_high"]]) == (0.0, 0.0)
    # 13-1021.00 has a single labelled task (E1): always 1 (or missing when t8 alone is drawn)
    assert tuple(occ.loc["13-1021.00", ["beta_ci_low", "beta_ci_high"]]) == (1.0, 1.0)
    assert occ.loc["11-1011.00", "beta_ci_low"] < occ.loc["11-1011.00", "beta_ci_high"]
    w = r.workforce.set_index(["group_type", "group", "measure"]).loc[("all", "all", "beta")]
    assert w["share_ge_10_ci_low"] <= w["share_ge_10"] <= w["share_ge_10_ci_high"]
    again = rollup(ts, xw, emp, weights="core", n_draws=500, seed=0)
    pd.testing.assert_frame_equal(r.sectors, again.sectors)


def _tiny():
    ts = _labels(["11-1011.00"] * 2 + ["13-1021.00"], ["E1", "E0", "E2"])
    xw = pd.DataFrame({"onetsoc_code": ["11-1011.00", "13-1021.00"], "soc_code": ["11-1011", "13-1021"]})
    emp = pd.DataFrame({"naics": ["000000"] * 2 + ["520000"] * 2 + ["522000"] * 2,
                        "i_group": ["cross-industry"] * 2 + ["sector"] * 2 + ["3-digit"] * 2,
                        "occ_code": ["11-1011", "13-1020"] * 3, "o_group": "detailed",
                        "tot_emp": [100.0, 300, 40, 60, 30, 50]})
    return ts, xw, emp


@pytest.mark.parametrize("kwargs, message", [
    ({"n_draws": None}, "n_draws \\(bootstrap draws\\) must be a whole number, got None"),
    ({"n_draws": 2.5}, "n_draws \\(bootstrap draws\\) must be a whole number, got 2.5"),
    ({"n_draws": True}, "n_draws \\(bootstrap draws\\) must be a whole number, got True"),
    ({"n_draws": 2, "seed": -1}, "seed must be 0 or more, got -1"),
    ({"gain": "0.5"}, "gain must be a number in \\[0, 1\\], got '0.5'"),
    ({"n_draws": 2, "level": 2.0}, "level .* must be a number between 0 and 1 \\(exclusive\\), got 2.0"),
    ({"n_draws": 2, "level": float("nan")}, "level .* between 0 and 1 \\(exclusive\\), got nan"),
])
def test_rollup_refuses_bad_settings_with_an_exposure_error(kwargs, message):
    """These were TypeError / ValueError from Python or numpy."""
    ts, xw, emp = _tiny()
    with pytest.raises(ExposureError, match=message):
        rollup(ts, xw, emp, weights="equal", **kwargs)


@pytest.mark.parametrize("kwargs, message", [
    ({"chunk": 0}, "chunk must be 1 or more, got 0"),
    ({"chunk": -1}, "chunk must be 1 or more, got -1"),  # returned unfilled np.empty draws
    ({"sample_labels": True}, "sample_labels=True draws each task's label from its probabilities "
                              "p_e0, p_e1, p_e2, which the task scores lack"),
    ({"seed": -1}, "seed must be 0 or more, got -1"),
])
def test_bootstrap_refuses_bad_settings(kwargs, message):
    ts, _, _ = _tiny()
    with pytest.raises(ExposureError, match=message):
        bootstrap_occupations(ts, "equal", n_draws=5, **kwargs)


def test_interval_level_is_checked():
    ts, _, _ = _tiny()
    b = bootstrap_occupations(ts, "equal", n_draws=5)
    with pytest.raises(ExposureError, match="level .* got 5"):
        b.interval("beta", level=5)


def test_draws_that_do_not_fit_in_memory_are_refused_before_allocating():
    """--bootstrap 1000000000000 was numpy's MemoryError 'Unable to allocate 291 TiB'."""
    ts, xw, emp = _tiny()
    with pytest.raises(ExposureError, match="1,000,000,000,000 bootstrap draws need about .* TiB .*memory "
                                            "of this machine; use fewer draws"):
        bootstrap_occupations(ts, "equal", n_draws=10**12)
    with pytest.raises(ExposureError, match="x 4 occupations and OEWS codes x 8 bytes"):
        rollup(ts, xw, emp, weights="equal", n_draws=10**12)
    from exposure.rollup._occupations import check_draw_memory
    with pytest.raises(ExposureError, match="need about 3.0 GiB .* more than the 1.0 MiB"):
        check_draw_memory(2**27, 1, "occupations", memory=2**20)
    check_draw_memory(2**27, 1, "occupations", memory=2**32)
