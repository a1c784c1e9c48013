"""Round 43: the same tasks given another way score the same (threads area).

Checked and found sound (kept as tests): the text column as object, ``string``,
``string[pyarrow]`` or category, and free texts shuffled or with repeated rows, give the
same scores bit for bit; four ``score_tasks`` calls in threads at once (free text, O*NET
ids with a release, codes without ids, ``rubric`` with titles) give what the same calls
give one after another, with the same log warnings. (CRLF, CR, a BOM, NBSP, tabs,
decomposed accents in texts and titles were also checked by hand: the same scores.)

Built and not kept: ``group_means`` adding the rows of an occupation in an order set by
their content, so that rows with a code score the same bits in any row order (they move
in the 16th-17th digit today; no label moves). The cross-validated figures of the
``text`` set moved by it (kappa 0.5401 -> 0.5393): the retrieval payload the training
computes goes through the same context sums, and that fit turns a last-bit change into
other coefficients. It waits for a retrain (docs/scale.md, known limit).

Tiny made-up texts; the real O*NET 29.1 release of the mirror for the task ids.
"""

from __future__ import annotations

import logging
import threading
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pandas as pd
import pytest
from scipy import sparse

import exposure
from exposure.scoring import score_tasks
from exposure.scoring._features import group_means

PROBS = ["p_e0", "p_e1", "p_e2", "alpha", "beta", "gamma", "confidence"]
SCORES = [*PROBS, "label", "admin", "routine_coding", "entry_creative", "nearest_task_id",
          "similarity"]


@pytest.fixture(scope="module")
def onet(shared_data):
    return exposure.load_onet("29.1", mirror=shared_data)


@pytest.fixture(scope="module")
def onet_rows(onet):
    """300 O*NET 29.1 tasks of about 40 occupations, half with their task id."""
    t = onet.tasks
    codes = t["onetsoc_code"].drop_duplicates().iloc[:40]
    sub = t[t["onetsoc_code"].isin(codes)].head(300).reset_index(drop=True)
    return pd.DataFrame({"onetsoc_code": sub["onetsoc_code"].astype(object),
                         "task_id": sub["task_id"].astype("Int64"),
                         "task": sub["task"].astype(object)})


def _same(a: pd.DataFrame, b: pd.DataFrame, columns=SCORES) -> None:
    for col in columns:
        pd.testing.assert_series_equal(a[col], b[col], check_exact=True, obj=col)


def test_group_means_keep_their_values():
    m = sparse.csr_matrix(np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0], [3.0, 0.0]]))
    means, inv = group_means(m, ["b", "b", "a", "b"])
    assert inv.tolist() == [1, 1, 0, 1]
    np.testing.assert_allclose(means.toarray(), [[1.0, 1.0], [4 / 3, 1 / 3]], rtol=0, atol=1e-15)


@pytest.mark.parametrize("dtype", ["string", "string[pyarrow]", "category"])
def test_the_text_column_dtype_does_not_change_the_scores(onet, onet_rows, dtype):
    rows = onet_rows.head(60)
    other = rows.assign(task=rows["task"].astype(dtype))
    _same(score_tasks(rows, onet=onet), score_tasks(other, onet=onet))


def test_free_texts_shuffled_or_repeated_score_the_same():
    texts = pd.DataFrame({"task": ["Answer telephones and relay messages.", "Weld steel pipes.",
                                   "Draft contracts for clients.", "Operate a forklift.",
                                   "Review invoices for errors."]})
    first = score_tasks(texts)
    _same(first, score_tasks(texts.iloc[[3, 1, 4, 0, 2]]).loc[texts.index])
    doubled = pd.concat([texts, texts.iloc[[0, 0, 2]]], ignore_index=True)
    _same(first, score_tasks(doubled).iloc[:len(texts)])


def test_threads_at_once_score_and_warn_as_calls_one_after_another(onet, onet_rows):
    frames = [
        (pd.DataFrame({"task": ["Answer telephones and relay messages.", "asdf qwer",
                                "Weld steel pipes."]}), {}),
        (onet_rows.head(60), {"onet": onet}),
        (onet_rows.head(10).drop(columns="task_id"), {"onet": onet}),
        (pd.DataFrame({"task": ["Draft contracts for clients.", "Drive a truck."],
                       "title": ["Lawyers", "Truck drivers"]}), {"method": "rubric"}),
    ]
    records: list = []

    class Keep(logging.Handler):
        def emit(self, record):
            records.append(record.getMessage())

    handler = Keep(level=logging.WARNING)
    logger = logging.getLogger("exposure")
    logger.addHandler(handler)
    try:
        barrier = threading.Barrier(len(frames))

        def run(k):
            barrier.wait()
            return score_tasks(frames[k][0], **frames[k][1])

        with ThreadPoolExecutor(len(frames)) as pool:
            together = list(pool.map(run, range(len(frames))))
        warned_together = sorted(records)
        records.clear()
        alone = [score_tasks(frame, **kw) for frame, kw in frames]
        warned_alone = sorted(records)
    finally:
        logger.removeHandler(handler)
    for a, b in zip(together, alone):
        pd.testing.assert_frame_equal(a, b, check_exact=True)
    assert warned_together == warned_alone and len(warned_alone) == 2
