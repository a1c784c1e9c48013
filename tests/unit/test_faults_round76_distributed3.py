"""Round 76: Dask and Spark scoring (``exposure.dask``, ``exposure.spark``).

1. ``exposure.dask._load_model`` and ``exposure.spark._load_model`` were twins that read
   ``model_path`` and ``registry`` differently from their callers:
   ``exposure.spark.score(sdf, model_path="~/my models/learned-v1.npz")`` read the model
   (``~`` expanded on the driver), while ``exposure.dask.score(ddf, model_path=...)`` of
   the same path refused it (``~/my models/learned-v1.npz: model artifact not found: the
   '~' is not read as the home directory ...``), and ``exposure.spark.score_batches`` too;
   a ``registry="~/my models/registry.txt"`` was refused by both as ``InputError: ~/my
   models/registry.txt: cannot read: No such file or directory``, though Dask gave its
   workers the expanded path. A blank ``model_path="  "`` was told ``  : model artifact
   not found`` by Dask and ``the model artifact path is empty: give the artifact file, or
   leave it out for the shipped model`` by ``score_batches``. Now one loader
   (``exposure.spark._load_model``, which ``exposure.dask`` imports; ``exposure.spark``
   imports without PySpark; since round 77 ``exposure.scoring.learned.load_model_at``, with
   the path rule ``runner_path``, which both import) reads both paths as the runners ship them to their workers
   (``~`` expanded, made absolute): the three calls score with a ``~`` path, and word a
   blank path, and a ``~user`` of no such user, the same (load_model's words).
2. ``exposure.dask.score(ddf, onet=load_onet("29.1"))``, a release loaded as
   ``exposure.spark`` takes it, was refused without the name to give: ``onet must be an
   O*NET release name such as '29.1' (or None), got OnetRelease``. Now: ``... got a release
   loaded with load_onet (O*NET 29.1): give its name, onet='29.1', with the mirror= or
   data_dir= it was read from (each worker loads it once)``; following it scores the rows
   as ``exposure.spark.score_batches`` does with the loaded release.
"""

import os
from pathlib import Path

import dask.dataframe as dd
import pandas as pd
import pytest

from exposure import dask as xd
from exposure import spark as xs
from exposure.errors import DataFormatError, ExposureError
from exposure.onet import load_onet
from exposure.scoring import SCORE_COLUMNS, score_tasks
from exposure.scoring.learned import runner_path, shipped_model_path

TEXTS = pd.DataFrame({"task": ["Answer telephones and relay messages.", "Operate a forklift to move pallets.",
                               "File records and documents.", "Lay bricks to build walls."],
                      "onetsoc_code": ["43-4171.00", "53-7051.00", "43-4171.00", "47-2021.00"]})


@pytest.fixture
def home(tmp_path, monkeypatch):
    """A home directory holding a folder ``my models`` with the shipped model and its registry."""
    models = tmp_path / "home" / "my models"
    models.mkdir(parents=True)
    for file in shipped_model_path().resolve().parent.iterdir():
        if file.suffix in (".npz", ".txt"):
            (models / file.name).symlink_to(file.resolve())
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert os.path.expanduser("~/my models") == str(models)
    return models


def _dask(model_path, registry=None):
    out = xd.score(dd.from_pandas(TEXTS, npartitions=2), model_path=model_path,
                   registry=registry).compute(scheduler="sync")
    return out.reset_index(drop=True)


def _batches(model_path, registry=None):
    return pd.concat(list(xs.score_batches([TEXTS], model_path=model_path, registry=registry)),
                     ignore_index=True)


# ------------------------------------------------ 1. one loader: ``~`` read as the runners ship it
@pytest.mark.parametrize("run", [_dask, _batches], ids=["dask.score", "spark.score_batches"])
@pytest.mark.parametrize("model_path, registry", [
    ("~/my models/learned-v1.npz", None),
    ("~/my models/learned-v1.npz", "~/my models/registry.txt"),
    (None, "~/my models/registry.txt"),
    (Path("~/my models/learned-v1.npz"), Path("~/my models/registry.txt")),
], ids=["model", "model-and-registry", "registry", "Path"])
def test_a_home_path_is_read_as_spark_score_reads_it(home, run, model_path, registry):
    got = run(model_path, registry)
    want = score_tasks(TEXTS)
    assert got["label"].tolist() == want["label"].tolist()
    pd.testing.assert_series_equal(got["p_e0"], want["p_e0"])


def test_the_dask_job_ships_the_expanded_model(home):
    job = xd._job("learned", "task", None, None, None, None, None, "~/my models/learned-v1.npz",
                  "~/my models/registry.txt")
    assert job["model"] == str(home / "learned-v1.npz")
    assert job["registry"] == str(home / "registry.txt")


def test_dask_and_spark_word_a_blank_model_path_the_same():
    said = []
    for run in (_dask, _batches):
        with pytest.raises(ExposureError) as err:
            run("  ")
        said.append(str(err.value))
    message = "the model artifact path is empty: give the artifact file, or leave it out for the shipped model"
    assert said == [message, message]


def test_a_home_of_no_such_user_is_left_for_load_model_to_name():
    # exposure.spark.score reads its paths so (made absolute, it was "/cwd/~nosuchuser76/...:
    # model artifact not found", the '~' unsaid)
    assert runner_path("~nosuchuser76/learned-v1.npz") == "~nosuchuser76/learned-v1.npz"
    for run in (_dask, _batches):
        with pytest.raises(ExposureError, match=r"^~nosuchuser76/learned-v1\.npz: model artifact not found: "
                                                r"the '~' is not read as the home directory"):
            run("~nosuchuser76/learned-v1.npz")


# ------------------------------------------------ 2. a loaded O*NET release: its name asked for
def test_dask_asks_for_the_name_of_a_loaded_release():
    mirror = os.environ.get("EXPOSURE_MIRROR")
    if not mirror:
        pytest.skip("needs the O*NET mirror (EXPOSURE_MIRROR)")
    mirror = str(Path(mirror).resolve())
    onet = load_onet("29.1", mirror=mirror)
    coded = TEXTS.assign(task_id=[744, 3202, 747, 4769])  # O*NET 29.1's tasks of these codes
    ddf = dd.from_pandas(coded, npartitions=2)
    with pytest.raises(DataFormatError) as err:
        xd.score(ddf, onet=onet, mirror=mirror)
    assert str(err.value) == ("onet must be an O*NET release name such as '29.1' (or None), got a release "
                              "loaded with load_onet (O*NET 29.1): give its name, onet='29.1', with the "
                              "mirror= or data_dir= it was read from (each worker loads it once)")
    got = xd.score(ddf, onet="29.1", mirror=mirror).compute(scheduler="sync").reset_index(drop=True)
    want = pd.concat(list(xs.score_batches([coded], onet=onet)), ignore_index=True)
    assert got["label"].tolist() == want["label"].tolist()
    pd.testing.assert_frame_equal(got[list(SCORE_COLUMNS)], want[list(SCORE_COLUMNS)], check_dtype=False)
