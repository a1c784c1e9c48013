"""Round 47 (scale): an analyst scoring job postings with ``exposure.dask``, as docs/scale.md says.

1. :func:`exposure.dask.score` of a frame of several partitions whose rows carry the
   analyst's own task IDs under real O*NET-SOC codes (ids that O*NET 29.1 lists for other
   statements), ``method="reference"``: the warning of :mod:`exposure.scoring` that such
   rows get no published label (:data:`~exposure.scoring.OTHER_LABELS_MESSAGE`) was logged
   by every partition, each with its own count and naming ``row 1`` of its partition and
   no partition (three partitions: three lines ``2 row(s) ... (first: row 1, ...)``), so
   the row named was not a row of the frame. Now said once per call at WARNING, naming
   the partition and its row (``ddf.partitions[k]: ...``), the others at INFO, as the
   notes on coded rows that O*NET cannot serve.
2. The same for ``method="learned"`` with occupations whole in each partition
   (:data:`~exposure.scoring.OTHER_IDS_MESSAGE`: scored from their text, not as that
   O*NET task): each partition warned naming its own row, no partition. Now once, naming
   the partition and its row.
3. ``learned`` with an occupation spanning partitions (rows regrouped by occupation): the
   warning named the row's place in the shuffled partition (``row 1`` for a row that is
   the frame's 4th). Now ``ddf (rows regrouped by occupation): ... row 4``, the row of the
   whole frame, as the other notes name regrouped rows.
4. :func:`exposure.dask.score_dataset` (``exposure score DIR --engine dask``) of two files
   with such rows: each partition warned in its worker with its own count and its own
   ``row 1``, naming no file. Now one line for the dataset (``DIR: 5 row(s) ...``), the
   count summed over the files and the first row counted through the files in name
   order, as the other notes of the dataset.

Each case also checks that the scores are those of :func:`~exposure.scoring.score_tasks`
on the frame computed (same index, columns, dtypes and values), with empty partitions,
partitions of one row and index labels repeated across partitions.

Tiny frames written here; the synchronous scheduler, or a threads-only Client.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pandas as pd
import pytest

dask = pytest.importorskip("dask")
dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")

import exposure  # noqa: E402
from exposure import dask as xd  # noqa: E402
from exposure.scoring import score_tasks  # noqa: E402

MIRROR = Path(os.environ.get("EXPOSURE_MIRROR", "/work/shared/data"))
pytestmark = pytest.mark.skipif(not (MIRROR / "onet" / "29.1").is_dir(),
                                reason="the O*NET 29.1 mirror is not available")
SCORING = "exposure.scoring"
OTHER_IDS = "have an O*NET-SOC code and task ID that"
OTHER_LABELS = "have a task ID that the labels give a label"
# Receptionists' own task ids 744..748 are O*NET 29.1 ids of other receptionist tasks.
OWN = pd.DataFrame({
    "onetsoc_code": ["43-4171.00"] * 6,
    "task_id": [744, 747, 745, 751, 750, 748],
    "task": ["Sort the incoming mail.", "Order office supplies.", "Water the plants in the lobby.",
             "Book meeting rooms.", "Update the staff directory.", "Print the visitor badges."]})


@pytest.fixture(scope="module")
def onet():
    return exposure.load_onet("29.1", mirror=MIRROR)


def _said(caplog, level: int, words: str) -> list[str]:
    return [r.getMessage() for r in caplog.records
            if r.name == SCORING and r.levelno == level and words in r.getMessage()]


def _same_as_one_process(ddf, scored: pd.DataFrame, method: str, onet) -> None:
    whole = score_tasks(ddf.compute(), method, onet=onet)
    pd.testing.assert_frame_equal(scored, whole, check_exact=True)


def _from_parts(parts: list[pd.DataFrame]):
    return dd.from_delayed([dask.delayed(p) for p in parts], meta=parts[0].iloc[:0], verify_meta=False)


def test_reference_says_other_labels_once_naming_the_partition(caplog, onet):
    ddf = dd.from_pandas(OWN, npartitions=3)
    with dask.config.set(scheduler="sync"), caplog.at_level(logging.INFO):
        scored = xd.score(ddf, "reference", onet="29.1", mirror=MIRROR).compute()
    warned = _said(caplog, logging.WARNING, OTHER_LABELS)
    assert len(warned) == 1, warned
    assert warned[0].startswith("ddf.partitions["), warned
    assert "(first: row 1, " in warned[0] and "the others are logged at level INFO" in warned[0]
    assert len(_said(caplog, logging.INFO, OTHER_LABELS)) == 2
    assert scored["p_e1"].isna().all()  # no label of another task
    _same_as_one_process(ddf, scored, "reference", onet)


def test_learned_says_other_ids_once_naming_the_partition_and_its_row(caplog, onet):
    welders = pd.DataFrame({"onetsoc_code": ["51-4121.00"] * 2, "task_id": [pd.NA, pd.NA],
                            "task": ["Weld pipes.", "Grind welds smooth."]})
    parts = [welders.astype({"task_id": "Int64"}).set_axis([0, 1]),
             OWN.iloc[:0].astype({"task_id": "Int64"}),
             pd.concat([OWN.iloc[:1].assign(task_id=pd.NA), OWN.iloc[1:3]]).astype({"task_id": "Int64"})
             .set_axis([0, 1, 1])]
    ddf = _from_parts(parts)
    with dask.config.set(scheduler="sync"), caplog.at_level(logging.INFO):
        scored = xd.score(ddf, "learned", onet="29.1", mirror=MIRROR).compute()
    warned = _said(caplog, logging.WARNING, OTHER_IDS)
    assert len(warned) == 1, warned
    assert warned[0].startswith("ddf.partitions[2]: 2 row(s)"), warned
    assert "(first: row 2, column 'task_id': 747 under '43-4171.00', 'Order office supplies.')" in warned[0]
    _same_as_one_process(ddf, scored, "learned", onet)


def test_learned_regrouped_names_the_row_of_the_whole_frame(caplog, onet):
    rows = pd.concat([OWN.iloc[:3].assign(task_id=pd.NA), OWN.iloc[3:]]).astype({"task_id": "Int64"})
    parts = [rows.iloc[i:i + 1].set_axis([0]) for i in range(6)]  # one row each, each labelled 0
    ddf = _from_parts(parts)
    with dask.config.set(scheduler="sync"), caplog.at_level(logging.INFO):
        scored = xd.score(ddf, "learned", onet="29.1", mirror=MIRROR).compute()
    warned = _said(caplog, logging.WARNING, OTHER_IDS)
    assert len(warned) == 1, warned
    assert warned[0].startswith("ddf (rows regrouped by occupation): 3 row(s)"), warned
    assert "(first: row 4, column 'task_id': 751 under '43-4171.00', 'Book meeting rooms.')" in warned[0]
    assert scored.index.tolist() == [0] * 6  # each one-row partition's own index
    _same_as_one_process(ddf, scored, "learned", onet)


def test_score_dataset_says_other_ids_once_for_the_dataset(tmp_path, caplog):
    src = tmp_path / "postings"
    src.mkdir()
    welders = pd.DataFrame({"onetsoc_code": ["51-4121.00"] * 3, "task_id": [9_999_001, 23583, 23584],
                            "task": ["Sweep the shop floor.", "Order welding rods.", "Stack the steel plates."]})
    welders.to_parquet(src / "a.parquet", index=False)  # 9999001: not an O*NET id at all
    OWN.iloc[3:].to_parquet(src / "b.parquet", index=False)  # each file holds whole occupations
    with distributed.Client(processes=False, n_workers=1, threads_per_worker=2,
                            dashboard_address=":0") as client, caplog.at_level(logging.INFO):
        xd.score_dataset(src, tmp_path / "scored", "learned", client=client, onet="29.1",
                         mirror=MIRROR, progress=False)
    warned = _said(caplog, logging.WARNING, OTHER_IDS)
    assert len(warned) == 1, warned
    assert warned[0].startswith(f"{src}: 5 row(s)"), warned
    assert "(first: row 2, column 'task_id': 23583 under '51-4121.00', 'Order welding rods.')" in warned[0]
    assert not _said(caplog, logging.INFO, OTHER_IDS)
