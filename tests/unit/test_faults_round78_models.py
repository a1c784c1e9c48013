"""Round 78 (models): ``exposure score --model``, the model registry's name, float precision of artifacts.

1. The registry's file name was held twice: ``exposure.scoring._train.REGISTRY_NAME`` and a copy,
   ``exposure.cli._score._REGISTRY_NAME`` (the training module was not imported by the command:
   a second of start-up). Now one home, :data:`exposure.scoring.learned.REGISTRY_NAME`, which
   the trainer and the command import (and which ``read_registry`` reads the package's own by).
2. ``exposure score --model m.npz`` of a model edited (or damaged) since ``exposure train``
   pinned it was told the library's Python advice: ``sha256 mismatch for m.npz (read from
   PATH): expected E, got G: the file is not the model artifact the registry pins under its
   name (damaged, edited, or another file given its name); restore it (the package's own
   files: reinstall the package), or load it with a registry that pins it (load_model(path,
   registry=...))``. Now: ``--model: sha256 mismatch for m.npz (read from PATH): expected E,
   got G: DIR/registry.txt pins another file under its name (damaged, or edited since it was
   pinned): train the model again (exposure train --labels FILE --out PATH), or, if the file
   was changed on purpose, pin it as it is with the line 'm.npz G' in DIR/registry.txt``. With no
   registry beside it (a file under the shipped model's name): ``... got G: the package's
   registry pins its own learned-v1.npz under this name, not this file: pin it as it is with
   the line 'learned-v1.npz G' in a registry.txt beside it (DIR/registry.txt), with the lines
   of the files beside it``.
3. ``exposure score --model DIR/registry.txt`` (the registry given for the model) was told to
   pin the registry in itself: ``--model: the registry.txt beside it does not pin it (...):
   add the line 'registry.txt <sha256>' to DIR/registry.txt``. Now: ``DIR/registry.txt:
   --model: is the registry that pins the models beside it, not a model: give the model it
   pins (DIR/m.npz)``.
4. A ``--model`` beside an empty ``registry.txt`` (or one of comments only) was asked
   whether it was ``renamed since exposure train wrote it?``. Now: ``--model: the
   registry.txt beside it pins no file (it is empty, or holds only comments): add the line
   'm.npz <sha256>' to DIR/registry.txt, with the lines of the files beside it``.
5. A retrieval index whose IDF weights or similarity matrices are float16 (an artifact
   rewritten by another tool) was read, and the scores moved without a word; so were a
   learned model's coefficients, intercepts and IDF weights of float32 (the library stores
   them as float64; the message said ``float64 is expected`` and refused float16 only).
   Now: ``the retrieval index's array 'idf' is float16: float64 is expected (as the library
   stores it)``; ``the retrieval index's array 'tasks_data' is float16: float32 is expected
   (as save_index stores it)`` (float32, the library's own, and float64 are read);
   ``the model artifact's array 'coef_text' is float32: float64 is expected (as save_model
   stores it)``; ``the model artifact's array 'task_word_idf' is float32: float64 is expected
   (as the library stores it)``.
6. ``exposure score --engine dask --model models/m.npz`` (a relative path) loaded the model
   twice on the client, its retrieval index and word vectors too (about a second): once by
   the path given, to verify it in the command's words, and once by its absolute path, by
   :func:`exposure.dask.score_dataset`. Now the command loads it by the absolute path, and
   the second load is the first one's model.
7. ``exposure score --model transformer-v1.npz`` (the transformer's artifact, with ``--method
   learned`` or ``transformer``) was told the Python API's advice: ``...; score_tasks(method=
   'transformer') loads the shipped transformer itself, and its model= is the learned
   scorer's model, which scores the rows given by O*NET ids``. Now: ``... it is a transformer
   artifact; --method transformer loads the shipped transformer itself: the model given is
   the learned scorer's, which scores the rows given by O*NET ids`` (``load_model`` keeps its
   words; wave 2: without the Python reader, ``(exposure.scoring.transformer.load_transformer
   reads it)``).
"""

from __future__ import annotations

import shutil

import numpy as np
import pandas as pd
import pytest
from _model_files import own_model as _own_model
from _model_files import sha256_of as _sha
from _model_files import tasks_file as _tasks

from exposure.cli import _score, main
from exposure.errors import ExposureError
from exposure.scoring import _train, learned
from exposure.scoring.learned import LearnedModel, load_model, shipped_model_path
from exposure.scoring.retrieval import TaskIndex, _tiny_index

# 1. one registry name ----------------------------------------------------------------------------

def test_registry_name_has_one_home():
    assert _train.REGISTRY_NAME is learned.REGISTRY_NAME == "registry.txt"
    assert not hasattr(_score, "_REGISTRY_NAME")
    assert _score.REGISTRY_NAME is learned.REGISTRY_NAME


# 2. an edited model ------------------------------------------------------------------------------

def test_edited_model_is_told_in_the_command_words(models, tmp_path, capsys):
    model = _own_model(models)
    pinned = _sha(model)
    with model.open("ab") as fh:  # edited after it was pinned
        fh.write(b"x")
    got = _sha(model)
    out = tmp_path / "o.csv"
    assert main(["score", str(_tasks(tmp_path)), "-o", str(out), "--model", str(model)]) == 2
    assert capsys.readouterr().err.strip() == (
        f"exposure score: error: --model: sha256 mismatch for m.npz (read from {model}): expected {pinned}, "
        f"got {got}: {models / 'registry.txt'} pins another file under its name (damaged, or edited since it "
        "was pinned): train the model again (exposure train --labels FILE --out PATH), or, if the file was "
        f"changed on purpose, pin it as it is with the line 'm.npz {got}' in {models / 'registry.txt'}")
    assert not out.exists()


def test_edited_file_under_the_shipped_name_without_a_registry(models, tmp_path, capsys):
    """No registry beside it: the package's registry pins the name; the way out is a registry beside it."""
    model = models / learned.MODEL_NAME
    model.unlink()
    shutil.copyfile(shipped_model_path(), model)
    with model.open("ab") as fh:
        fh.write(b"x")
    got = _sha(model)
    assert main(["score", str(_tasks(tmp_path)), "-o", str(tmp_path / "o.csv"), "--model", str(model)]) == 2
    assert capsys.readouterr().err.strip() == (
        f"exposure score: error: --model: sha256 mismatch for learned-v1.npz (read from {model}): expected "
        f"{_sha(shipped_model_path())}, got {got}: the package's registry pins its own learned-v1.npz under this "
        f"name, not this file: pin it as it is with the line 'learned-v1.npz {got}' in a registry.txt beside it "
        f"({models / 'registry.txt'}), with the lines of the files beside it")


# 3. the registry given as the model --------------------------------------------------------------

def test_registry_given_as_model_is_named(models, tmp_path, capsys):
    _own_model(models)
    registry = models / "registry.txt"
    out = tmp_path / "o.csv"
    assert main(["score", str(_tasks(tmp_path)), "-o", str(out), "--model", str(registry)]) == 2
    assert capsys.readouterr().err.strip() == (
        f"exposure score: error: {registry}: --model: is the registry that pins the models beside it, not a "
        f"model: give the model it pins ({models / 'm.npz'})")
    assert not out.exists()


# 4. an empty registry beside the model -----------------------------------------------------------

def test_empty_registry_beside_the_model(models, tmp_path, capsys):
    model = _own_model(models)
    (models / "registry.txt").write_text("# my models\n")
    assert main(["score", str(_tasks(tmp_path)), "-o", str(tmp_path / "o.csv"), "--model", str(model)]) == 2
    assert capsys.readouterr().err.strip() == (
        f"exposure score: error: {model}: --model: the registry.txt beside it pins no file (it is empty, or "
        f"holds only comments): add the line 'm.npz {_sha(model)}' to {models / 'registry.txt'}, with the "
        "lines of the files beside it")


# 5. the precision of the artifacts' floats -------------------------------------------------------

@pytest.mark.parametrize(("name", "dtype", "expected"), [
    ("idf", np.float16, "float64 is expected (as the library stores it)"),
    ("idf", np.float32, "float64 is expected (as the library stores it)"),
    ("tasks_data", np.float16, "float32 is expected (as save_index stores it)"),
    ("dwa_activity_data", np.float16, "float32 is expected (as save_index stores it)"),
])
def test_index_of_less_precision_is_refused(name, dtype, expected):
    arrays, meta = _tiny_index().to_arrays()
    with pytest.raises(ExposureError) as exc:
        TaskIndex.from_arrays(dict(arrays, **{name: arrays[name].astype(dtype)}), meta)
    assert str(exc.value) == f"the retrieval index's array {name!r} is {np.dtype(dtype)}: {expected}"
    # the library's own (float32 matrices, float64 IDF) and float64 are read
    wide = TaskIndex.from_arrays(dict(arrays, **{name: arrays[name].astype(np.float64)}), meta)
    assert wide.n_tasks == TaskIndex.from_arrays(arrays, meta).n_tasks == 2


@pytest.mark.parametrize("name", ["coef_text", "intercept_onet", "task_word_idf", "title_word_idf"])
def test_model_weights_below_float64_are_refused(name):
    arrays, meta = load_model().to_arrays()
    expected = ("float64 is expected (as the library stores it)" if name.endswith("idf")
                else "float64 is expected (as save_model stores it)")
    with pytest.raises(ExposureError) as exc:
        LearnedModel.from_arrays(dict(arrays, **{name: arrays[name].astype(np.float32)}), meta)
    assert str(exc.value) == f"the model artifact's array {name!r} is float32: {expected}"


# 6. --engine dask loads the model once -----------------------------------------------------------

def test_dask_engine_loads_a_relative_model_once(models, shared_data, tmp_path, monkeypatch, capsys):
    pytest.importorskip("distributed")
    _own_model(models)
    (tmp_path / "ds").mkdir()
    pd.read_csv(_tasks(tmp_path)).to_parquet(tmp_path / "ds" / "a.parquet")
    built = []
    real = LearnedModel.from_arrays.__func__

    def counted(cls, arrays, meta):  # the real builder, counted
        built.append(1)
        return real(cls, arrays, meta)

    monkeypatch.setattr(LearnedModel, "from_arrays", classmethod(counted))
    monkeypatch.chdir(tmp_path)
    assert main(["score", "ds", "-o", "dsout", "--engine", "dask", "--workers", "1", "--onet", "none",
                 "--mirror", str(shared_data), "--model", "models/m.npz"]) == 0
    capsys.readouterr()
    assert len(built) == 1
    assert len(pd.read_parquet(tmp_path / "dsout")) == 1


# 7. the transformer's artifact given as --model --------------------------------------------------

@pytest.mark.parametrize("method", ["learned", "transformer"])
def test_transformer_artifact_as_model_is_told_in_the_command_words(models, tmp_path, capsys, method):
    shipped = shipped_model_path().parent / "transformer-v1.npz"
    (models / "registry.txt").write_text(f"{shipped.name} {_sha(shipped)}\n")
    assert main(["score", str(_tasks(tmp_path)), "-o", str(tmp_path / "o.csv"), "--method", method,
                 "--model", str(models / shipped.name)]) == 2
    assert capsys.readouterr().err.strip() == (
        f"exposure score: error: {models / shipped.name}: not a model of the learned scorer: it is a transformer "
        "artifact; --method transformer loads the shipped transformer itself: the model given is the learned "
        "scorer's, which scores the rows given by O*NET ids")
    with pytest.raises(ExposureError, match=r"; score_tasks\(method='transformer'\) loads the shipped"):
        load_model(models / shipped.name, registry=models / "registry.txt")  # the Python API's words
