"""Fault round 78 (daskprob): the Dask roll-ups check the task scores' probabilities and labels.

Faults found (each test below failed before its fix):

1. ``exposure.dask.to_occupations`` and ``to_sectors`` never compared the class
   probabilities (``p_e0``, ``p_e1``, ``p_e2``) with ``alpha``, ``beta`` and ``gamma``:
   a row whose measures were emptied while its probabilities are given was left out, and
   one whose measures were edited was averaged as edited, without a word, where the pandas
   roll-up (``check_task_scores``) refuses both. Now the one rule of both
   (``rollup._occupations.check_probabilities``) is applied to each partition, naming it,
   the row and the column: ``scored.partitions[1], row 1, column 'alpha': alpha = nan does
   not match the probabilities (expected 0.6)`` (the pandas words, ``task_scores, row 3,
   ...``). So are probabilities not summing to 1 (``scored.partitions[1], row 2: p_e0 +
   p_e1 + p_e2 = 0.7, not 1``), given on a row in part (``p_e0, p_e1, p_e2 must be all
   given or all missing``) or outside [0, 1] (``column 'p_e0': p_e0 must be in [0, 1],
   got 1.5``): all were averaged before. A probability column given twice is refused
   when called (``scored, column 'p_e0': given more than once: keep one``), as a measure
   given twice is.
2. A ``label`` was not read by the Dask roll-ups: an unknown one (``E3``) or one that is
   not the most probable class of its row (a label edited by hand) was accepted, where the
   pandas roll-up refuses it. Now by the same rule (``rollup._occupations.check_labels``):
   ``scored.partitions[0], row 2, column 'label': label 'E1' is not the most probable
   class: p_e0, p_e1, p_e2 = 0.5, 0.25, 0.25 give E0 ...``.
3. Rows of ``exposure.dask.read_dataset`` that a roll-up refused were named by the
   partition and its row (``scored.partitions[1], row 2, ...``). Now by the file and its
   row, as ``exposure.dask.score`` names them (``DIR/b.parquet, row 2, column 'alpha':
   ...``).

Tiny made-up frames and Parquet files, written by the tests.
"""

from __future__ import annotations

import dask.dataframe as dd
import numpy as np
import pandas as pd
import pytest
from tests.unit._frames import four_task_scores

from exposure import dask as xd
from exposure.errors import DataFormatError
from exposure.rollup._occupations import check_task_scores


def _scores() -> pd.DataFrame:
    """Four consistent task scores of two occupations (two per partition with npartitions=2)."""
    return four_task_scores(False)


def _pandas_reason(frame: pd.DataFrame) -> str:
    with pytest.raises(DataFormatError) as info:
        check_task_scores(frame)
    return info.value.reason


def _dask_error(frame: pd.DataFrame, rollup=xd.to_occupations) -> DataFormatError:
    with pytest.raises(DataFormatError) as info:
        rollup(dd.from_pandas(frame, npartitions=2)).compute(scheduler="sync")
    return info.value


def test_emptied_measures_beside_probabilities_refused_as_pandas_refuses():
    bad = _scores()
    bad.loc[2, ["alpha", "beta", "gamma"]] = np.nan
    exc = _dask_error(bad)
    assert str(exc) == ("scored.partitions[1], row 1, column 'alpha': alpha = nan does not match the "
                        "probabilities (expected 0.6)")
    assert exc.reason == _pandas_reason(bad)


def test_edited_measure_refused_by_to_sectors():
    bad = _scores().assign(alpha=[0.45, 0.25, 0.6, 0.31], beta=[0.675, 0.375, 0.7, 0.505])
    exc = _dask_error(bad, xd.to_sectors)
    assert str(exc) == ("scored.partitions[1], row 2, column 'alpha': alpha = 0.31 does not match the "
                        "probabilities (expected 0.3)")
    assert exc.reason == _pandas_reason(bad)


@pytest.mark.parametrize(("p_e0", "said"), [
    ([0.1, 0.5, 0.2, 0.0], "scored.partitions[1], row 2: p_e0 + p_e1 + p_e2 = 0.7, not 1"),
    ([0.1, 0.5, 0.2, np.nan], "scored.partitions[1], row 2: p_e0, p_e1, p_e2 must be all given or all missing"),
    ([0.1, 0.5, 0.2, 1.5], "scored.partitions[1], row 2, column 'p_e0': p_e0 must be in [0, 1], got 1.5"),
])
def test_bad_probabilities_refused_as_pandas_refuses(p_e0, said):
    bad = _scores().assign(p_e0=p_e0)
    exc = _dask_error(bad)
    assert str(exc) == said
    assert exc.reason == _pandas_reason(bad)


def test_probability_column_given_twice_refused_when_called():
    frame = _scores()
    twice = pd.concat([frame, frame[["p_e0"]]], axis=1)
    with pytest.raises(DataFormatError, match=r"^scored, column 'p_e0': given more than once: keep one$"):
        xd.to_occupations(dd.from_pandas(twice, npartitions=2))


def test_label_not_most_probable_refused_as_pandas_refuses():
    bad = _scores().assign(label=["E1", "E1", "E1", "E2"])
    exc = _dask_error(bad)
    assert str(exc).startswith("scored.partitions[0], row 2, column 'label': label 'E1' is not the most "
                               "probable class: p_e0, p_e1, p_e2 = 0.5, 0.25, 0.25 give E0")
    assert exc.reason == _pandas_reason(bad)


def test_unknown_label_refused_as_pandas_refuses():
    bad = _scores().assign(label=["E1", "E0", "E1", "E3"])
    exc = _dask_error(bad)
    assert str(exc).startswith("scored.partitions[1], row 2, column 'label': unknown exposure label 'E3'")
    assert exc.reason == _pandas_reason(bad)


def test_rows_of_read_dataset_named_by_file_and_row(tmp_path):
    frame = _scores()
    frame.loc[3, "alpha"] = 0.31
    frame.iloc[:2].to_parquet(tmp_path / "a.parquet")
    frame.iloc[2:].to_parquet(tmp_path / "b.parquet")
    with pytest.raises(DataFormatError) as info:
        xd.to_occupations(xd.read_dataset(tmp_path)).compute(scheduler="sync")
    assert info.value.path.endswith("b.parquet")
    assert (info.value.row, info.value.column) == (2, "alpha")
    assert info.value.reason == "alpha = 0.31 does not match the probabilities (expected 0.3)"
