"""Run the pipeline machinery on tiny made-up frames (used by tests/unit/test_pipeline.py).

Usage: python run_tiny.py OUT_DIR VERSION
VERSION changes the values so that old and new outputs differ.
"""

import sys

import pandas as pd

from exposure.pipeline import Output, Stage, run_pipeline


def tiny_stages(version: int):
    def make(ctx):
        scores = pd.DataFrame({"code": ["b", "a", "c"], "value": [0.5, 0.25, float(version)]})
        digests = pd.DataFrame({
            "onetsoc_code": ["11-1011.00", "11-1011.00"],
            "task_id": [2, 1],
            "task_type": ["Core", None],
            "text_digest": ["0123456789abcdef", f"{version:016x}"],
            "dwa_digest": ["e3b0c44298fc1c14", "e3b0c44298fc1c14"],
        })
        return {"scores": scores, "digests": digests}

    return [Stage("make", make)]


OUTPUTS = [
    Output("scores.parquet", "scores", sort_by=("code",)),
    Output("task_digests.parquet", "digests", "TaskDigests", ("onetsoc_code", "task_id")),
]

if __name__ == "__main__":
    run_pipeline(tiny_stages(int(sys.argv[2])), OUTPUTS, sys.argv[1])
