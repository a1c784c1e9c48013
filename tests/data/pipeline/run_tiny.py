"""Run the pipeline machinery on tiny made-up frames (used by tests/unit/test_pipeline.py).

Usage: python run_tiny.py OUT_DIR VERSION
VERSION changes the values so that old and new outputs differ.
"""

import sys

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from exposure.pipeline import Stage, run_pipeline
from exposure.schemas._catalog import TABLES, Table


class TinyScores(pa.DataFrameModel):
    """A made-up table: one value per code."""

    code: Series[str] = pa.Field(unique=True, description="A code.")
    value: Series[float] = pa.Field(ge=0, description="A value.")

    class Config:
        strict = True


def make(version):
    scores = pd.DataFrame({"code": ["b", "a", "c"], "value": [0.5, 0.25, float(version)]})
    digests = pd.DataFrame({
        "onetsoc_code": ["11-1011.00", "11-1011.00"],
        "task_id": [2, 1],
        "task_type": ["Core", None],
        "text_digest": ["0123456789abcdef", f"{version:016x}"],
        "dwa_digest": ["e3b0c44298fc1c14", "e3b0c44298fc1c14"],
    })
    return {"scores": scores, "task_digests": digests}


STAGES = [Stage("make", make)]

TABLES_WRITTEN = [
    Table("scores", "scores.parquet", TinyScores, ("code",), "Made-up scores."),
    TABLES["task_digests"],
]


def run(out, version=1, **kwargs):
    """Run the tiny pipeline with ``version`` in the context."""
    context = {"version": version, **kwargs.pop("context", {})}
    return run_pipeline(STAGES, TABLES_WRITTEN, out, context=context, **kwargs)


if __name__ == "__main__":
    run(sys.argv[1], int(sys.argv[2]))
