"""Round 62 (part files): a partition written after its run failed makes no directory again.

With a caller's Dask ``client=``, :func:`exposure.dask.score_dataset` whose partition
failed removed its temporary directory while other partitions were still running; each
of those then wrote its part file (:func:`exposure._io.write_parquet`, which made the
missing directory again), and ``.out.XXXX.tmp/part-00001.parquet`` was left beside the
output (found by round 62's scale hunt). Now a part file is written only into a directory
that is there (``write_parquet(..., make_dirs=False)``): the late partition fails instead,
and nothing is left.
"""

from __future__ import annotations

import pandas as pd
import pytest

from exposure._io import write_parquet
from exposure.dask import _write_part
from exposure.errors import OutputError

SCORED = pd.DataFrame({"task": ["Answer telephones."], "method": ["learned"], "p_e0": [0.2]})


def test_write_parquet_into_a_directory_gone_makes_nothing(tmp_path):
    with pytest.raises(OutputError, match="no such directory"):
        write_parquet(SCORED, tmp_path / "gone" / "part-00001.parquet", make_dirs=False)
    assert list(tmp_path.iterdir()) == []


def test_a_late_partition_of_a_failed_run_leaves_nothing(tmp_path):
    run = tmp_path / ".out.x1.tmp"  # the run's directory, removed when another partition failed
    with pytest.raises(OutputError):
        _write_part(SCORED, str(run / "part-00001.parquet"), 1, "task")
    assert list(tmp_path.iterdir()) == []  # before: .out.x1.tmp/part-00001.parquet


def test_write_parquet_still_makes_its_directory_by_default(tmp_path):
    write_parquet(SCORED, tmp_path / "new" / "t.parquet")
    assert pd.read_parquet(tmp_path / "new" / "t.parquet").equals(SCORED)
