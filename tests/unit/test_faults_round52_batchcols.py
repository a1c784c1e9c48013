"""Round 52 (batchcols): the Dask engine says what score_tasks says of the frame's columns.

:func:`exposure.scoring.score_tasks` warns when the caller's frame has columns named like
score columns (``label``, ``admin``, ...: :data:`~exposure.scoring.REPLACED_COLUMNS_MESSAGE`)
and when its keys are under other headers that are not read as keys
(:data:`~exposure.scoring.KEY_HEADERS_MESSAGE`); ``exposure score FILE`` warns once per
file. The Dask engine scores a partition at a time through ``scoring._score_as_batch``,
which leaves those warnings to its caller, and never said them:

1. ``exposure.dask.score(ddf)`` of a frame with a column ``label`` (human labels of the
   user's own) or ``admin``: the column was replaced by the scores without a word (the
   same frame given to ``score_tasks`` is warned of). Now one warning per call, on the
   client, from the frame's columns (no compute), the words of ``score_tasks``; also when
   the rows are regrouped by occupation (``learned``, occupations across partitions).
2. A column named like a score column but for spaces around it (`` label``): Dask drops
   it from the output, as the file engine does (which warns of it), without a word. Now
   warned of, naming it.
3. ``exposure.dask.score`` of a frame with two columns for one key (``TASK_ID`` and
   ``task id``): neither is read as the key, so the rows were scored as free text, not
   as the O*NET tasks they name, without a word (``score_tasks`` warns). Now warned with
   ``score_tasks``' words. (O*NET's own headers, which Dask reads as keys, are not.)
4. ``exposure.dask.score_dataset`` (``exposure score DIR --engine dask``) of files with a
   ``label`` column: replaced without a word in the written part files. Now one warning
   for the dataset, in the words of ``exposure score FILE`` (naming the input and the
   output), not one per partition.
5. ``score_dataset`` of files with two columns for one key: scored as free text without
   a word; now warned once.

Not warned, as ``score_tasks``: a frame that is itself scored (it holds ``p_e0, p_e1,
p_e2``, scored again), and a text column named like a score column (an error, which no
warning precedes). Results stay those of ``score_tasks`` on the same rows.
"""

from __future__ import annotations

import logging

import pandas as pd
import pytest

dask = pytest.importorskip("dask")
dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")

from exposure import dask as xd  # noqa: E402
from exposure.errors import DataFormatError  # noqa: E402
from exposure.scoring import SCORE_COLUMNS, score_tasks  # noqa: E402
from exposure.scoring._files import append_scores  # noqa: E402

REPLACED = "have the names of score columns"
KEYS = "(O*NET's headers?), not read as keys"
TEXTS = ["Answer telephones and relay messages.", "Operate a forklift to move pallets.",
         "Type letters and memos.", "Weld pipes on site.", "File records and documents.",
         "Lay bricks to build walls."]


@pytest.fixture(autouse=True)
def _sync():
    with dask.config.set(scheduler="sync"):
        yield


@pytest.fixture
def client():
    """A threads-only client, closed after the test."""
    with distributed.Client(processes=False, n_workers=1, threads_per_worker=2,
                            dashboard_address=":0") as c:
        yield c


def _said(caplog, words: str) -> list[str]:
    return [r.getMessage() for r in caplog.records
            if r.levelno == logging.WARNING and words in r.getMessage()]


def _same(got: pd.DataFrame, want: pd.DataFrame) -> None:
    """The frames of Dask and of score_tasks, equal (Dask's text dtype and NA aside)."""
    got = got.reset_index(drop=True)
    want = want.reset_index(drop=True)
    assert list(got.columns) == list(want.columns)
    norm = lambda f: f.astype(object).where(f.notna(), None)  # noqa: E731
    pd.testing.assert_frame_equal(norm(got), norm(want), check_exact=True)


def _labelled() -> pd.DataFrame:
    return pd.DataFrame({"task": TEXTS, "label": ["E0", "E1", "E1", "E0", "E2", "E0"],
                         "admin": [True, False, True, False, True, False]})


@pytest.mark.parametrize("method", ["rubric", "learned"])
def test_score_warns_once_of_columns_named_like_scores(caplog, method):
    frame = _labelled()
    with caplog.at_level(logging.WARNING):
        want = score_tasks(frame, method)
    told = _said(caplog, REPLACED)
    assert len(told) == 1
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        lazy = xd.score(dd.from_pandas(frame, npartitions=3), method)
        assert _said(caplog, REPLACED) == told  # up front, on the client, before any compute
        got = lazy.compute()
    assert _said(caplog, REPLACED) == told  # once, not once per partition
    _same(got, append_scores(frame, want))


def test_score_warns_once_when_rows_are_regrouped(caplog):
    frame = pd.DataFrame({"onetsoc_code": ["43-9061.00", None, "43-9061.00", None, "43-9061.00", None],
                          "task": TEXTS, "label": list("abcdef")})
    ddf = dd.from_pandas(frame, npartitions=3, sort=False)
    assert xd._spans_partitions(ddf, None)
    with caplog.at_level(logging.WARNING):
        got = xd.score(ddf).compute()
    told = _said(caplog, REPLACED)
    assert len(told) == 1 and "'label'" in told[0]
    _same(got, append_scores(frame, score_tasks(frame)))


def test_score_of_a_scored_frame_is_not_warned(caplog):
    scored = score_tasks(pd.DataFrame({"task": TEXTS}), "rubric")
    with caplog.at_level(logging.WARNING):
        want = score_tasks(scored, "rubric")
        got = xd.score(dd.from_pandas(scored, npartitions=2), "rubric").compute()
    assert _said(caplog, REPLACED) == []
    _same(got, want)


def test_text_column_named_label_is_refused_without_a_warning(caplog):
    frame = pd.DataFrame({"label": TEXTS})
    with caplog.at_level(logging.WARNING), pytest.raises(DataFormatError, match="name of a score column"):
        xd.score(dd.from_pandas(frame, npartitions=2), "rubric", text_column="label")
    assert _said(caplog, REPLACED) == []


def test_score_warns_of_a_padded_score_name(caplog):
    frame = pd.DataFrame({"task": TEXTS, " label": list("abcdef")})
    with caplog.at_level(logging.WARNING):
        got = xd.score(dd.from_pandas(frame, npartitions=2), "rubric").compute()
    told = _said(caplog, REPLACED)
    assert " label" not in got.columns  # dropped, as the file engine drops it
    assert len(told) == 1 and "' label'" in told[0]


def test_score_warns_of_keys_not_read(caplog):
    frame = pd.DataFrame({"onetsoc_code": ["43-4051.00"] * 6, "TASK_ID": range(1, 7),
                          "task id": range(1, 7), "task": TEXTS})
    with caplog.at_level(logging.WARNING):
        want = score_tasks(frame, "rubric")
    told = _said(caplog, KEYS)
    assert len(told) == 1
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        got = xd.score(dd.from_pandas(frame, npartitions=3), "rubric").compute()
    assert _said(caplog, KEYS) == told
    _same(got, append_scores(frame, want))


def test_onet_headers_read_as_keys_are_not_warned(caplog):
    frame = pd.DataFrame({"O*NET-SOC Code": ["43-4171.00"] * 2, "Task ID": [1, 2],
                          "Task": TEXTS[:2]})
    with caplog.at_level(logging.WARNING):
        xd.score(dd.from_pandas(frame, npartitions=2), "rubric").compute()
    assert _said(caplog, KEYS) == []


def _dataset(tmp_path, frame: pd.DataFrame):
    src = tmp_path / "in"
    src.mkdir()
    half = len(frame) // 2
    frame.iloc[:half].to_parquet(src / "a.parquet", index=False)
    frame.iloc[half:].to_parquet(src / "b.parquet", index=False)
    return src


def test_score_dataset_warns_once_of_columns_named_like_scores(tmp_path, caplog, client):
    src = _dataset(tmp_path, _labelled())
    with caplog.at_level(logging.WARNING):
        done = xd.score_dataset(src, tmp_path / "out", "rubric", client=client, progress=False)
    told = _said(caplog, REPLACED)
    assert done.n_partitions == 2
    assert len(told) == 1, told
    assert str(src) in told[0] and "'label', 'admin'" in told[0] and "out holds the scores" in told[0]
    written = pd.read_parquet(tmp_path / "out")
    assert list(written.columns) == ["task", *SCORE_COLUMNS]  # the frame's label and admin replaced


def test_score_dataset_warns_of_keys_not_read(tmp_path, caplog, client):
    frame = pd.DataFrame({"onetsoc_code": ["43-4051.00"] * 6, "TASK_ID": range(1, 7),
                          "task id": range(1, 7), "task": TEXTS})
    src = _dataset(tmp_path, frame)
    with caplog.at_level(logging.WARNING):
        xd.score_dataset(src, tmp_path / "out", "rubric", client=client, progress=False)
    told = _said(caplog, KEYS)
    assert len(told) == 1 and "'TASK_ID'" in told[0]


def test_score_dataset_of_scored_files_is_not_warned(tmp_path, caplog, client):
    src = _dataset(tmp_path, score_tasks(pd.DataFrame({"task": TEXTS}), "rubric"))
    with caplog.at_level(logging.WARNING):
        xd.score_dataset(src, tmp_path / "out", "rubric", client=client, progress=False)
    assert _said(caplog, REPLACED) == []

