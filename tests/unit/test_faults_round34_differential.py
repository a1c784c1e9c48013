"""Fault round 34 (differential): paths to the same scores must agree, and say the same.

A seeded sample of O*NET 29.1 tasks (with ids, as free text with a code, as free text
without one, non-ASCII and duplicate texts, one occupation split far apart, a non-default
index) is scored by :func:`exposure.score_tasks`, by the stream engine of ``exposure score``
(:func:`exposure.scoring._files.score_file`, batch sizes 1, 7, 100 and whole; CSV and
Parquet in and out) and by :func:`exposure.dask.score` (1, 3 and 8 partitions, threaded
scheduler): every score column, the evidence columns and the flags agree exactly.
The roll-up of the scores read back from CSV and Parquet by ``exposure rollup`` is that of
:func:`exposure.rollup.rollup` (bootstrap with a seed: the same draws).

Faults (fixed in ``scoring/_files.py``):

1. A file whose rows with an O*NET-SOC code lack their task ID, streamed in several
   batches: the warning ``N row(s) with an O*NET-SOC code have no task ID (first: row R,
   ...)`` was logged once per batch with the batch's count (``--batch-rows 1``: four
   lines ``1 row(s)``), not once with the file's count as when read whole. Same for
   the codes the release lacks, and the ``no 'task_id' column`` note.
2. A file streamed in batches that went back to the whole-file path (an occupation whose
   rows are not contiguous): the batches' warnings were logged, then the whole file's
   again (``1 row(s)``, ``1 row(s)``, ..., ``30 row(s)``).
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import exposure
from exposure.scoring import SCORE_COLUMNS
from exposure.scoring._files import score_file

MIRROR = Path(os.environ.get("EXPOSURE_MIRROR", "/work/shared/data"))
pytestmark = pytest.mark.skipif(not (MIRROR / "onet").is_dir(), reason="no data mirror")
CATEGORIES_LOGGER = "exposure.scoring.categories"


@pytest.fixture(scope="module")
def onet(tmp_path_factory):
    import exposure.onet

    return exposure.onet.load_onet("29.1", mirror=MIRROR, data_dir=tmp_path_factory.mktemp("cache"))


@pytest.fixture(scope="module")
def sample(onet) -> pd.DataFrame:
    """About 110 rows of O*NET 29.1, seeded: ids, free text with and without a code, odd rows."""
    rng = np.random.default_rng(34)
    t = onet.tasks.merge(onet.occupations[["onetsoc_code", "title"]], on="onetsoc_code")
    occs = rng.choice(t["onetsoc_code"].unique(), 12, replace=False)
    base = pd.concat([t[t.onetsoc_code == c].sample(6, random_state=int(rng.integers(10**6)))
                      for c in occs])[["onetsoc_code", "task_id", "task", "title"]]
    other = t[~t.task_id.isin(base.task_id)].sample(15, random_state=34)
    with_code = other[["onetsoc_code", "task", "title"]].assign(task_id=pd.NA)
    with_code["task"] = with_code["task"].str.replace(".", " quickly.", regex=False)
    free = t.sample(15, random_state=35)[["task"]].assign(onetsoc_code=pd.NA, task_id=pd.NA,
                                                         title=pd.NA)
    free["task"] = "Daily: " + free["task"]
    odd = pd.DataFrame({"task": ["Coordonner les équipes de café — naïve résumé ☕.",
                                 "Übersetzen Sie Dokumente ins Deutsche.",
                                 "翻译文件并回复客户邮件。", free["task"].iloc[0],
                                 free["task"].iloc[0]],
                        "onetsoc_code": pd.NA, "task_id": pd.NA, "title": pd.NA})
    frame = pd.concat([base, with_code, free, odd], ignore_index=True)
    frame = frame.sample(frac=1, random_state=34).reset_index(drop=True)
    first = frame.index[frame["task_id"].notna()][0]  # its occupation split far apart
    frame = pd.concat([frame.drop(first), frame.loc[[first]]], ignore_index=True)
    frame["task_id"] = frame["task_id"].astype("Int64")
    for c in ("onetsoc_code", "title"):
        frame[c] = frame[c].astype(object)
    frame.insert(0, "row_key", np.arange(len(frame)))
    frame.index = pd.Index(np.arange(len(frame)) * 3 + 1000, name="rid")
    return frame


@pytest.fixture(scope="module")
def reference(sample, onet) -> pd.DataFrame:
    return exposure.score_tasks(sample, onet=onet)


def _same(got: pd.DataFrame, ref: pd.DataFrame) -> None:
    """Every score column of ``got`` (read back from a file: text allowed) is ``ref``'s exactly."""
    got, ref = got.reset_index(drop=True), ref.reset_index(drop=True)
    assert len(got) == len(ref)
    assert got["row_key"].astype(np.int64).tolist() == ref["row_key"].tolist()
    for c in SCORE_COLUMNS:
        a, b = got[c], ref[c]
        if pd.api.types.is_bool_dtype(b) and not pd.api.types.is_bool_dtype(a):
            a = a.map(lambda v: v if pd.isna(v) else str(v).lower() == "true")
        elif pd.api.types.is_numeric_dtype(b) and not pd.api.types.is_numeric_dtype(a):
            a = pd.to_numeric(a)
        same = (a.astype(object) == b.astype(object)).to_numpy(dtype=bool) | (a.isna() & b.isna()).to_numpy()
        assert same.all(), (c, a[~same].head(3).tolist(), b[~same].head(3).tolist())


def _write(frame: pd.DataFrame, path: Path) -> Path:
    plain = frame.reset_index(drop=True)
    if path.suffix == ".csv":
        plain.to_csv(path, index=False)
    else:
        plain.to_parquet(path, index=False)
    return path


@pytest.mark.parametrize("ext", ["csv", "parquet"])
@pytest.mark.parametrize("batch_rows", [1, 7, 100, None])
def test_stream_engine_matches_score_tasks(sample, reference, tmp_path, ext, batch_rows):
    src = _write(sample, tmp_path / f"in.{ext}")
    out = tmp_path / f"out.{ext}"
    score_file(src, out, batch_rows=batch_rows, mirror=MIRROR, data_dir=tmp_path / "c")
    got = pd.read_parquet(out) if ext == "parquet" else pd.read_csv(out, dtype=str, keep_default_na=False, na_values=[""])
    _same(got, reference)


@pytest.mark.parametrize("npartitions", [1, 3, 8])
def test_dask_matches_score_tasks(sample, reference, npartitions):
    dd = pytest.importorskip("dask.dataframe")
    import exposure.dask as ed

    ddf = dd.from_pandas(sample, npartitions=npartitions, sort=False)
    got = ed.score(ddf, onet="29.1", mirror=MIRROR).compute(scheduler="threads")
    assert got.index.equals(reference.index)
    _same(got, reference)


def _key_notes(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records
            if r.name == CATEGORIES_LOGGER and r.levelno >= logging.WARNING]


@pytest.mark.parametrize("batch_rows", [1, 2, None])
def test_missing_task_ids_warned_once_with_the_file_count(tmp_path, caplog, batch_rows):
    src = tmp_path / "in.csv"
    src.write_text("onetsoc_code,task_id,task\n"
                   "43-4051.00,,Answer customer questions by phone.\n"
                   "43-4051.00,,Resolve billing complaints for customers.\n"
                   "15-1252.00,,Write code for web applications.\n"
                   "15-1252.00,,Test software and fix defects.\n"
                   "15-1132.00,7,Design databases.\n")
    with caplog.at_level(logging.WARNING, logger=CATEGORIES_LOGGER):
        score_file(src, tmp_path / "out.csv", batch_rows=batch_rows, mirror=MIRROR,
                   data_dir=tmp_path / "c")
    notes = _key_notes(caplog)
    assert notes == [
        f"{src}: 4 row(s) with an O*NET-SOC code have no task ID (first: row 2, column "
        "'task_id'): no work activities from O*NET 29.1 for them",
        f"{src}: 1 row(s) have an O*NET-SOC code that O*NET 29.1 lacks (first: row 6, column "
        "'onetsoc_code': '15-1132.00'; another release's code?): no work activities or job "
        "zone for them, their context read from the code alone",
    ], notes


def test_no_task_id_column_warned_once(tmp_path, caplog):
    src = tmp_path / "in.csv"
    src.write_text("onetsoc_code,task\n43-4051.00,Answer customer questions by phone.\n"
                   "15-1252.00,Write code for web applications.\n")
    with caplog.at_level(logging.WARNING, logger=CATEGORIES_LOGGER):
        score_file(src, tmp_path / "out.csv", onet="29.1", batch_rows=1, mirror=MIRROR,
                   data_dir=tmp_path / "c")
    notes = _key_notes(caplog)
    assert len(notes) == 1 and notes[0].startswith(f"{src}: no 'task_id' column: the 2 row(s)"), notes


def test_back_to_whole_file_warns_once(tmp_path, caplog):
    """An occupation that comes back after another sends the file to the whole-file path."""
    src = tmp_path / "in.csv"
    src.write_text("onetsoc_code,task_id,task\n"
                   "43-4051.00,,Answer customer questions by phone.\n"
                   "15-1252.00,,Write code for web applications.\n"
                   "43-4051.00,,Resolve billing complaints for customers.\n")
    with caplog.at_level(logging.WARNING, logger=CATEGORIES_LOGGER):
        score_file(src, tmp_path / "out.csv", batch_rows=1, mirror=MIRROR, data_dir=tmp_path / "c")
    notes = _key_notes(caplog)
    assert notes == [f"{src}: 3 row(s) with an O*NET-SOC code have no task ID (first: row 2, "
                     "column 'task_id'): no work activities from O*NET 29.1 for them"], notes


@pytest.mark.parametrize("boot", [0, 15])
def test_cli_rollup_matches_python(reference, onet, tmp_path, boot):
    from exposure import crosswalks, oews
    from exposure.cli import main
    from exposure.rollup import rollup

    scores = reference[reference["task_id"].notna()].reset_index(drop=True)
    types = onet.tasks.set_index(["onetsoc_code", "task_id"])["task_type"]
    scores.insert(3, "task_type", types.reindex(pd.MultiIndex.from_frame(
        scores[["onetsoc_code", "task_id"]].astype({"task_id": "int64"}))).to_numpy())
    loc = {"mirror": MIRROR, "data_dir": tmp_path / "c"}
    want = rollup(scores, crosswalks.load_onet_to_soc(**loc), oews.load_oews("2025", "by_industry", **loc),
                  n_draws=boot, seed=7).tables()
    for ext in ("csv", "parquet"):
        src = _write(scores, tmp_path / f"scores.{ext}")
        out = tmp_path / f"roll_{ext}"
        assert main(["rollup", str(src), "-o", str(out), "--bootstrap", str(boot),
                     *(["--seed", "7"] if boot else []),  # --seed without draws is refused (round 71)
                     "--mirror", str(MIRROR), "--data-dir", str(tmp_path / "c")]) == 0
        for name, table in want.items():
            pd.testing.assert_frame_equal(pd.read_parquet(out / f"{name}.parquet"),
                                          table.reset_index(drop=True), check_exact=True)


def test_dask_occupations_match_pandas(reference):
    dd = pytest.importorskip("dask.dataframe")
    import exposure.dask as ed
    from exposure.rollup import to_occupations

    scores = reference[reference["task_id"].notna()].reset_index(drop=True)
    want = to_occupations(scores, weights="equal").set_index("onetsoc_code")
    for n in (1, 3, 8):
        got = ed.to_occupations(dd.from_pandas(scores, npartitions=n, sort=False)).compute(scheduler="threads")
        assert got.index.tolist() == want.index.tolist()
        for c in ("alpha", "beta", "gamma"):
            np.testing.assert_allclose(got[c], want[c], rtol=0, atol=1e-12)
