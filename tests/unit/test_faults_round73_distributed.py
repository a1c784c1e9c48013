"""Round 73 (distributed): what :mod:`exposure.dask` and :mod:`exposure.spark` said or did wrong.

Found in this round, as an analyst scoring and rolling up postings at scale meets them:

1. :func:`exposure.dask.to_occupations` / :func:`~exposure.dask.to_sectors` with ``by``
   naming a column of True/False (a flag column given as the code column, or ``bool``
   read from a file; also a ``boolean`` or categorical one, or such a cell among codes):
   the rows were grouped as the codes ``'True'`` and ``'False'`` without a word, where
   :func:`exposure.rollup.to_occupations` refuses them (``onetsoc_code not an O*NET-SOC
   code (like 11-1011.00): 'True'``). Now refused when computed, naming the partition,
   the row and the column: ``scored.partitions[0], row 1, column 'naics': naics must be a
   code (text, or a whole number), got True: True/False is no occupation or industry
   code (is by= the column of the codes?)``.
2. :func:`exposure.dask.check` of a frame with a repeated task key: the key named as the
   example was the one of the lowest hash, in no order the user could see: of rows keyed
   ``A, B, B, A`` it named ``(43-9061.00, 2) at scored.partitions[0], row 2 and
   scored.partitions[0], row 3``, not the first key in row order. Now the first such key
   in row order (that of the first row whose key is on another row too), whatever the
   partitioning: ``e.g. (11-1011.00, 1) at scored.partitions[0], row 1 and
   scored.partitions[1], row 1``; with the same number of passes over the data.
3. :func:`exposure.dask.score` (and :func:`~exposure.dask.score_dataset`),
   :func:`exposure.spark.score_batches` and :func:`exposure.spark.score` with the
   ``model_path`` of a model of one's own (``exposure train`` writes it with a
   ``registry.txt`` beside it): refused with the advice of ``load_model``, ``... beside it
   pins it: load it with that registry (load_model(path, registry='.../registry.txt'),
   then pass the model)``, which could not be followed: these functions take no model
   (``model`` is refused by ``exposure.spark``) and took no registry, so a model of one's
   own could not be used at all. Now they take ``registry=`` (checked as a path, made
   absolute for the workers), and the advice says it:
   ``... load it with that registry (exposure.dask.score(..., model_path='.../m.npz',
   registry='.../registry.txt'))`` (``exposure.spark.score(...)``; the wording of
   :func:`exposure._io.pinned_argument`); following it scores.
4. :func:`exposure.dask.check` of a frame whose task keys are its index
   (``set_index("onetsoc_code")`` after scoring, as one looks codes up): the keys were
   not read, so a repeated key was not looked for, and the coverage was returned without
   a word. Now a warning on the ``exposure.dask`` logger, in the words of
   ``score_tasks``'s: ``check: no 'onetsoc_code' column, but the frame's index has the
   level(s) 'onetsoc_code': the index is not read, so repeated task keys were not looked
   for; scored.reset_index() makes them columns``.

Tiny frames written here; the model of one's own is the shipped one under another name
(links to its files, pinned by a ``registry.txt`` written here).
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

dd = pytest.importorskip("dask.dataframe")
dask = pytest.importorskip("dask")
pytest.importorskip("distributed")

from exposure import dask as xd  # noqa: E402
from exposure import spark as xs  # noqa: E402
from exposure.errors import DataFormatError  # noqa: E402
from exposure.scoring.learned import shipped_model_path  # noqa: E402


def _scores(codes) -> pd.DataFrame:
    """Scored rows of these codes (valid measures, flags false)."""
    n = len(codes)
    return pd.DataFrame({"naics": codes, "alpha": [0.2] * n, "beta": [0.3] * n, "gamma": [0.4] * n,
                         "admin": False, "routine_coding": False, "entry_creative": False})


BOOL_CODE = "got True: True/False is no occupation or industry code (is by= the column of the codes?)"


# 1 ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("codes", [
    [True, False, True],
    pd.array([True, False, True], dtype="boolean"),
    pd.Categorical([True, False, True]),
], ids=["bool", "boolean", "categorical"])
@pytest.mark.parametrize("rollup", ["to_sectors", "to_occupations"])
def test_1_a_boolean_code_column_is_refused(codes, rollup):
    by = "naics" if rollup == "to_sectors" else "soc"
    frame = _scores(codes).rename(columns={"naics": by})
    with pytest.raises(DataFormatError) as info:
        getattr(xd, rollup)(dd.from_pandas(frame, npartitions=2), by=by).compute()
    assert str(info.value) == f"scored.partitions[0], row 1, column '{by}': {by} must be a code (text, or a whole number), {BOOL_CODE}"


def test_1_a_boolean_cell_among_codes_is_refused():
    frame = _scores(["52", "23", True]).astype({"naics": object})
    with dask.config.set({"dataframe.convert-string": False}):  # Dask would write it as text
        with pytest.raises(DataFormatError, match=r"scored.partitions\[1\], row 1, column 'naics': .*got True: "):
            xd.to_sectors(dd.from_pandas(frame, npartitions=2)).compute()
    # codes as before
    sec = xd.to_sectors(dd.from_pandas(_scores(["52", "52", "23"]), npartitions=2)).compute()
    assert sec.index.tolist() == ["23", "52"] and sec["n_rows"].tolist() == [1, 2]


# 2 ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("npartitions", [1, 2, 3])
def test_2_check_names_the_first_repeated_key_in_row_order(npartitions):
    first, other = "11-1011.00", "43-9061.00"
    scored = pd.DataFrame({"onetsoc_code": [first, other, other, first, "13-2011.00"],
                           "task_id": [1, 2, 2, 1, 3], "p_e0": 0.5})
    with pytest.raises(DataFormatError) as info:
        xd.check(dd.from_pandas(scored, npartitions=npartitions))
    said = str(info.value)
    assert said.startswith("2 task key(s) (onetsoc_code, task_id) are on more than one row, "
                           "e.g. (11-1011.00, 1) at scored.partitions[0], row 1 and "), said
    rows = {1: "scored.partitions[0], row 4", 2: "scored.partitions[1], row 1",
            3: "scored.partitions[1], row 2"}
    assert said.endswith(rows[npartitions]), said


def test_2_check_names_the_rows_of_a_key_in_a_later_partition():
    # the key of the first row that repeats (row 2) comes before the key repeated in one partition
    scored = pd.DataFrame({"onetsoc_code": ["15-1252.00", "11-1011.00", "29-1141.00", "29-1141.00",
                                            "11-1011.00"],
                           "task_id": [7, 1, 8, 8, 1], "p_e0": 0.5})
    with pytest.raises(DataFormatError) as info:
        xd.check(dd.from_pandas(scored, npartitions=3))
    assert str(info.value).endswith("e.g. (11-1011.00, 1) at scored.partitions[0], row 2 and "
                                    "scored.partitions[2], row 1"), str(info.value)


# 3 ---------------------------------------------------------------------------------------
def _own_model(folder: Path, *, registry: bool = True) -> Path:
    """The shipped model as ``folder/my-model.npz`` (links), pinned by ``folder/registry.txt``."""
    shipped = shipped_model_path().resolve()
    folder.mkdir(parents=True, exist_ok=True)
    model = folder / "my-model.npz"
    model.symlink_to(shipped)
    lines = [f"my-model.npz {hashlib.sha256(shipped.read_bytes()).hexdigest()}"]
    for name in ("retrieval-v1.npz", "vectors-v1.npz"):
        source = (shipped.parent / name).resolve()
        (folder / name).symlink_to(source)
        lines.append(f"{name} {hashlib.sha256(source.read_bytes()).hexdigest()}")
    if registry:
        (folder / "registry.txt").write_text("\n".join(lines) + "\n")
    return model


TEXTS = pd.DataFrame({"task": ["Answer telephones and relay messages.", "Operate a forklift to move pallets."]})


def test_3_dask_says_registry_beside_model_path(tmp_path):
    model = _own_model(tmp_path / "models")
    with pytest.raises(DataFormatError) as info:
        xd.score(dd.from_pandas(TEXTS, npartitions=2), model_path=model)
    said = str(info.value)
    registry = repr(str(tmp_path / "models" / "registry.txt"))
    assert said.endswith(f"beside it pins it: load it with that registry (exposure.dask.score(..., "
                         f"model_path={str(model)!r}, registry={registry}))"), said
    assert "then pass the model" not in said and "load_model" not in said
    # the advice followed: the scores of the shipped model
    out = xd.score(dd.from_pandas(TEXTS, npartitions=2), model_path=model,
                   registry=tmp_path / "models" / "registry.txt").compute(scheduler="sync")
    shipped = xd.score(dd.from_pandas(TEXTS, npartitions=2)).compute(scheduler="sync")
    assert np.array_equal(out["p_e0"].to_numpy(float), shipped["p_e0"].to_numpy(float))


def test_3_dask_without_a_registry_beside(tmp_path):
    model = _own_model(tmp_path / "m", registry=False)
    with pytest.raises(DataFormatError) as info:
        xd.score(dd.from_pandas(TEXTS, npartitions=1), model_path=model)
    assert str(info.value).endswith("and load it with that registry (exposure.dask.score(..., "
                                    f"model_path={str(model)!r}, registry=...))"), str(info.value)


def test_3_a_registry_that_is_not_a_path_is_refused(tmp_path):
    with pytest.raises(DataFormatError, match=r"^registry must be a model registry file \(str or os.PathLike\), "
                                              r"got int 5$"):
        xd.score(dd.from_pandas(TEXTS, npartitions=1), "rubric", registry=5)
    with pytest.raises(DataFormatError, match=r"^registry must be a model registry file"):
        xd.score_dataset(tmp_path / "in", tmp_path / "out", registry=5)
    with pytest.raises(DataFormatError, match=r"^registry must be a model registry file"):
        next(xs.score_batches([TEXTS], "rubric", registry=5))


def test_3_spark_batches_say_registry_beside_model_path(tmp_path):
    model = _own_model(tmp_path / "models")
    with pytest.raises(DataFormatError) as info:
        next(xs.score_batches([TEXTS], model_path=model))
    registry = repr(str(tmp_path / "models" / "registry.txt"))
    assert str(info.value).endswith(f"load it with that registry (exposure.spark.score(..., "
                                    f"model_path={str(model)!r}, registry={registry}))"), str(info.value)
    out = pd.concat(xs.score_batches([TEXTS], model_path=model, registry=tmp_path / "models" / "registry.txt"))
    shipped = pd.concat(xs.score_batches([TEXTS]))
    assert np.array_equal(out["p_e0"].to_numpy(float), shipped["p_e0"].to_numpy(float))


# 4 ---------------------------------------------------------------------------------------
def test_4_check_warns_of_keys_in_the_index(caplog):
    scored = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.00", "43-9061.00"],
                           "task_id": [1, 1, 2], "p_e0": [0.5, 0.2, 0.1]})
    with caplog.at_level(logging.WARNING, logger="exposure.dask"):
        assert xd.check(dd.from_pandas(scored.set_index("onetsoc_code"), npartitions=2))["rows"] == 3
    said = [r.getMessage() for r in caplog.records if r.name == "exposure.dask"]
    assert said == ["check: no 'onetsoc_code' column, but the frame's index has the level(s) 'onetsoc_code': "
                    "the index is not read, so repeated task keys were not looked for; scored.reset_index() "
                    "makes them columns"]
    # key columns: no word
    caplog.clear()
    keyed = pd.DataFrame({"onetsoc_code": ["11-1011.00", "43-9061.00"], "task_id": [1, 2], "p_e0": [0.5, None]})
    with caplog.at_level(logging.WARNING, logger="exposure.dask"):
        assert xd.check(dd.from_pandas(keyed, npartitions=2)) == {"rows": 2, "scored": 1, "coverage": 0.5}
    assert not [r for r in caplog.records if r.name == "exposure.dask"]
