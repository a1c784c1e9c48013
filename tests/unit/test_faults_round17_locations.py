"""Fault round 17: an empty ``mirror`` where it is not used to load anything.

``docs/faults.md`` promises that ``mirror=""`` is refused (an empty path is the current
directory). The loaders refused it, but ``score_tasks(..., method="rubric")`` and
``exposure.dask.score(..., "rubric")``, which load nothing, accepted it silently.
"""

import pandas as pd
import pytest

from exposure.errors import ExposureError
from exposure.fetch import check_location
from exposure.scoring import score_tasks

EMPTY = "the mirror directory (from --mirror/mirror=) is empty"


@pytest.mark.parametrize("value", ["", "   "])
def test_check_location_refuses_an_empty_mirror(value):
    with pytest.raises(ExposureError, match=r"the mirror directory \(from --mirror/mirror=\) is empty"):
        check_location(value, "mirror")


@pytest.mark.parametrize("method", ["rubric", "learned"])
def test_score_tasks_refuses_an_empty_mirror_whatever_the_method(method):
    with pytest.raises(ExposureError, match=EMPTY.replace("(", r"\(").replace(")", r"\)")):
        score_tasks(pd.DataFrame({"task": ["Weld steel beams."]}), method=method, mirror="")


def test_dask_score_refuses_an_empty_mirror():
    dd = pytest.importorskip("dask.dataframe")
    from exposure import dask as xd

    ddf = dd.from_pandas(pd.DataFrame({"task": ["Weld steel beams.", "Type letters."]}), npartitions=1)
    with pytest.raises(ExposureError, match=EMPTY.replace("(", r"\(").replace(")", r"\)")):
        xd.score(ddf, "rubric", mirror="")


def test_paths_and_none_still_pass(tmp_path):
    check_location(None, "mirror")
    check_location(str(tmp_path), "mirror")
    check_location(tmp_path, "data_dir")


@pytest.mark.parametrize("value", ["", "  "])
def test_load_model_refuses_an_empty_path(value):
    """``load_model("")`` said ``model artifact not found: .`` (an empty path is the current directory)."""
    from exposure.scoring.learned import load_model

    with pytest.raises(ExposureError, match="model artifact path is empty: give the artifact file, or leave it out"):
        load_model(value)
