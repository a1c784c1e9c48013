"""Round 44: is ``exposure train`` deterministic? (retrain area: one fault, found and fixed).

Fault found and fixed:

1. The logistic regressions of :func:`exposure.scoring._train.fit_model` depended on the
   number of BLAS threads. L-BFGS adds its long vectors (coefficients and gradients of
   more than about 10,000 entries) with BLAS dot products, which OpenBLAS splits among its
   threads: with 2 threads (the default on a two-core machine) the partial sums added in
   another order than with 1 (``OMP_NUM_THREADS=1``), so the same labels gave other
   coefficients on machines with other core counts or thread settings (on 1,897 real
   labelled rows: ``onet`` set 3e-13 apart, ``text`` set, fed the ``onet`` set's
   probabilities, 4e-9; on all the rows the fits stop at points further apart). The fits
   now run with one BLAS thread whatever the machine or the environment sets.

Checked and found sound (not kept as tests: a subprocess per hash seed, minutes each):
two fits of the same rows in one process, and runs under ``PYTHONHASHSEED`` 1 and 2 (set
and dict order), gave byte-identical coefficients and index payloads; the artifact's zip
members have fixed names, order and timestamps; OpenMP threads of scikit-learn's loss
(per-row terms) change nothing.

Made-up task statements of made-up words, written by the test into a label file of the
published form.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

pytest.importorskip("sklearn")
threadpoolctl = pytest.importorskip("threadpoolctl")

from exposure.measures.eloundou import read_task_labels  # noqa: E402
from exposure.scoring._train import TrainConfig, fit_model, training_frame  # noqa: E402

#: One set of words only (the ``word`` block): no vectors, no index.
CONFIG = TrainConfig(sets={"onet": ["word"]}, C={"onet": 2.0}, word_min_df=1, modern=False)


def _label_file(tmp_path, n_rows=600, n_words=3000, seed=0):
    """A label file of the published form whose tasks are made-up words (many features).

    Each label has its own few cue words; the rest of each statement is drawn from a large
    vocabulary, so the fit has tens of thousands of coefficients (unigrams and bigrams).
    """
    rng = np.random.default_rng(seed)
    cues = {"E0": ["lift", "weld", "pour"], "E1": ["draft", "edit", "explain"], "E2": ["tabulate", "log", "query"]}
    vocab = np.array([f"w{i:05d}" for i in range(n_words)])
    rows = []
    for i in range(n_rows):
        label = ("E0", "E1", "E2")[i % 3]
        words = [*rng.choice(cues[label], 1), *rng.choice(vocab, 14)]
        rng.shuffle(words)
        if rng.random() < 0.2:
            label = ("E0", "E1", "E2")[int(rng.integers(3))]
        rows.append({"O*NET-SOC Code": f"{11 + 2 * (i % 10):02d}-{1000 + i % 40:04d}.00",
                     "Task ID": float(1000 + i), "Task": " ".join(words).capitalize() + ".",
                     "Task Type": "Core" if i % 2 else "Supplemental",
                     "Title": f"Occupation {i % 40}", "gpt4_exposure": label,
                     "gpt4_exposure_alt_rubric": label, "human_exposure_agg": label,
                     "gpt_3_relevant": "False", "gpt4_automation": "T1"})
    path = tmp_path / "full_labelset_train.tsv"
    pd.DataFrame(rows).to_csv(path, sep="\t")
    return path


def _coef(rows, threads):
    with threadpoolctl.threadpool_limits(limits=threads, user_api="blas"):
        model = fit_model(rows, CONFIG)
    return model.coef["onet"], model.intercept["onet"]


def test_fit_is_the_same_with_one_or_two_blas_threads(tmp_path):
    rows = training_frame(read_task_labels(_label_file(tmp_path)))
    one, one_b = _coef(rows, 1)
    assert one.size > 3 * 10_000  # long enough for OpenBLAS to split its dot products
    two, two_b = _coef(rows, 2)
    assert np.array_equal(two, one), f"2 BLAS threads moved coefficients by {np.abs(two - one).max():.3g}"
    assert np.array_equal(two_b, one_b)
    again, _ = _coef(rows, 1)  # and the same fit twice in one process
    assert np.array_equal(again, one)
