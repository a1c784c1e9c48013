"""Round 77, wave 2: the model artifacts (``exposure._io``, ``exposure.scoring.learned``, ``retrieval``, ``_embed``, ``transformer``).

1. A pinned retrieval index, word vectors or transformer artifact whose ``metadata.json`` is
   JSON but no object (an array, a string, null, a number: a zip of another tool) raised
   ``TypeError: argument of type 'NoneType' is not iterable`` (the index),
   ``TypeError: cannot convert dictionary update sequence element #0 to a sequence`` (the
   transformer), or said ``not a static word vectors: it lacks 'words'``; only the learned
   model's loader checked it. One check in ``exposure._io.read_arrays`` now, for every
   artifact: ``PATH: not a retrieval index: its metadata.json is null, not an object of names
   and values (as the library writes it)`` (``not static word vectors: ...``, ``not a
   transformer artifact: ...``, and the learned model's words as before).
2. The rule of a URL was written twice (``fetch._URL``, ``learned._URL``), each with its own
   reading of a ``file://`` URL; ``FILE://LOCALHOST/data/m`` was a URL of another machine to
   both (``is a URL, not a directory path: give a local directory ...``). One rule now,
   ``exposure._io.is_url`` and ``exposure._io.file_url_path``: ``$mirror 'FILE://LOCALHOST/data/m'
   is a file:// URL, not a directory path: give the directory itself, '/data/m'``, and so for
   the model artifact.
3. ``score_tasks(df, model=DIR)`` (the model's folder), ``model="/dev/null"`` or
   ``model="s3://bucket/m.npz"`` said ``model 'DIR' is not a file: pass a LearnedModel
   (...) or the path of a model artifact``, of a directory that is there. Now in
   ``load_model``'s words: ``DIR: is a directory, not a file: give the model artifact in it,
   'DIR/learned-v1.npz'``; ``/dev/null: is not a regular file (a device, pipe or socket); ...``;
   ``s3://bucket/m.npz: is a URL, not a file path: ...``.
4. A registry that pins no file (empty, or only comments) gave ``model artifact
   'learned-v1.npz' is not listed in the model registry, which pins each file by its name and
   sha256; ...``, as if it pinned others. Now: ``... is not listed in the model registry, which
   pins no file (it is empty, or holds only comments: a line 'filename sha256' pins one); ...``.
5. A model whose metadata names its retrieval index or word vectors by a path
   (``"index": "../retrieval-v1.npz"``, ``"/abs/retrieval-v1.npz"``) read that file, outside the
   model's folder. A model artifact names the files beside it (``exposure train`` writes
   their names alone, and a registry pins a file by its name alone): ``PATH: the model
   artifact's index must name the retrieval index file beside it, got the path
   '../retrieval-v1.npz': the metadata names the file alone, 'retrieval-v1.npz' (a model reads
   the files beside it, pinned by their names in its registry)``. A file beside the model that
   is a symbolic link is read (it is pinned by its sha256), as before.
6. A word vocabulary holding a word twice (the retrieval index's ``tokens``, the learned model's
   ``task_word_tokens``) or a term code of no term (negative, beyond the words) was loaded
   without a word, and the scores changed; the learned model's word weights (``task_word_idf``)
   were not checked at all (NaN, another length, two dimensions: NaN scores or numpy's
   ``IndexError`` when a text was scored). One check for both artifacts now,
   ``exposure.scoring.retrieval.check_terms``: ``PATH: the retrieval index's array 'tokens'
   holds '10' twice (tokens[0] and tokens[1]): each word is one token, and the terms of one of
   them were never read (the artifact is damaged)``; ``... array 'codes' holds -8568 (codes[0]),
   the code of no term of 1 to 2 of its 8567 words: no text would ever reach its column (the
   artifact is damaged)``; ``the model artifact's array 'task_word_idf' has 29271 weights for
   29272 terms`` (``must hold finite numbers above 0, got float64 of shape (1, 29272)``).
"""

import io
import os
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from test_faults_round77_models import _digest

from exposure import _io, fetch, score_tasks
from exposure._io import read_arrays, write_arrays
from exposure.errors import DataFormatError, ExposureError
from exposure.scoring import _embed, learned, retrieval, transformer
from exposure.scoring.learned import load_model, shipped_model_path

TEXTS = pd.DataFrame({"task": ["Answer telephones and relay messages."]})


def _registry(folder: Path) -> Path:
    """A registry beside the files of ``folder`` pinning every ``.npz`` there."""
    registry = folder / "registry.txt"
    registry.write_text("".join(f"{p.name} {_digest(p)}\n" for p in sorted(folder.glob("*.npz"))))
    return registry


# ------------------------------------------------ 1. metadata that is no object, any artifact
def _zip(metadata: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("metadata.json", metadata)
    return buffer.getvalue()


LOADERS = {
    "retrieval index": lambda path, registry: retrieval.load_index(path, learned.read_registry(registry)),
    "static word vectors": lambda path, registry: _embed.load_vectors(path, learned.read_registry(registry)),
    "transformer artifact": lambda path, registry: transformer.load_transformer(path, registry=registry),
}  # the learned model's loader said it already (round 77, wave 1): the same words now come from read_arrays


@pytest.mark.parametrize("what", sorted(LOADERS))
@pytest.mark.parametrize("metadata, kind", [("null", "null"), ("[1, 2]", "an array"), ('"index"', "a string"),
                                            ("3", "a number")])
def test_metadata_that_is_no_object_is_refused_by_every_loader(tmp_path, what, metadata, kind):
    path = tmp_path / "other.npz"
    path.write_bytes(_zip(metadata))
    with pytest.raises(DataFormatError) as err:
        LOADERS[what](path, _registry(tmp_path))
    article = "" if what.endswith("vectors") else "a "
    assert str(err.value) == (f"{path}: not {article}{what}: its metadata.json is {kind}, not an object of "
                              "names and values (as the library writes it)")


def test_read_arrays_refuses_metadata_that_is_no_object(tmp_path):
    with pytest.raises(DataFormatError, match=r"^its metadata.json is null, not an object"):
        read_arrays(_zip("null"))
    arrays, meta = read_arrays(shipped_model_path().read_bytes())  # the shipped ones, as before
    assert meta["index"] == "retrieval-v1.npz" and arrays["coef_free"].shape[0] == 3


# ------------------------------------------------ 2. one rule of a URL
def test_one_rule_of_a_url():
    assert not hasattr(fetch, "_URL") and not hasattr(learned, "_URL")
    assert _io.is_url("s3://b/m.npz") and not _io.is_url("C:\\models\\m.npz") and not _io.is_url(Path("/m.npz"))
    assert _io.file_url_path("FILE://LOCALHOST/data/m") == "/data/m"


def test_a_file_url_of_localhost_in_capitals_is_told_its_path(models):
    with pytest.raises(ExposureError) as err:
        fetch.DataStore.default(mirror="FILE://LOCALHOST/data/m")
    assert str(err.value) == ("--mirror/mirror= 'FILE://LOCALHOST/data/m' is a file:// URL, not a directory "
                              "path: give the directory itself, '/data/m'")
    url = "FILE://LOCALHOST" + str(models / "learned-v1.npz")
    with pytest.raises(DataFormatError) as err:
        load_model(url)
    assert str(err.value) == (f"{url}: is a file:// URL, not a file path: give the model artifact itself, "
                              f"'{models / 'learned-v1.npz'}'")


# ------------------------------------------------ 3. score_tasks(model=...) of a directory, device, URL
def test_score_tasks_names_a_model_directory_as_one(models):
    with pytest.raises(DataFormatError) as err:
        score_tasks(TEXTS, model=models)
    assert str(err.value) == (f"{models}: is a directory, not a file: give the model artifact in it, "
                              f"'{models / 'learned-v1.npz'}'")
    with pytest.raises(DataFormatError) as err:
        score_tasks(TEXTS, model=str(models.parent))
    assert str(err.value) == f"{models.parent}: is a directory, not a file: give the model artifact's file (.npz)"


@pytest.mark.skipif(not os.path.exists("/dev/null"), reason="needs /dev/null")
def test_score_tasks_names_a_device_and_a_url():
    with pytest.raises(DataFormatError, match=r"^/dev/null: is not a regular file \(a device\)"):
        score_tasks(TEXTS, model="/dev/null")
    with pytest.raises(DataFormatError, match=r"^s3://b/m.npz: is a URL, not a file path: the model artifact"):
        score_tasks(TEXTS, model="s3://b/m.npz")
    with pytest.raises(DataFormatError, match=r"^model 'learned-v1' is not a file: pass a LearnedModel"):
        score_tasks(TEXTS, model="learned-v1")  # a path of nothing: as before


# ------------------------------------------------ 4. a registry that pins no file
@pytest.mark.parametrize("text", ["", "# pins\n\n"], ids=["empty", "comments"])
def test_a_registry_that_pins_no_file_is_said_to(models, text):
    registry = models / "registry.txt"
    registry.write_text(text)
    with pytest.raises(DataFormatError) as err:
        load_model(models / "learned-v1.npz", registry=registry)
    assert str(err.value).startswith(f"{models / 'learned-v1.npz'}: model artifact 'learned-v1.npz' is not listed "
                                     "in the model registry, which pins no file (it is empty, or holds only "
                                     "comments: a line 'filename sha256' pins one); to load a file of your own, "
                                     "write a registry file holding the line 'learned-v1.npz ")


# ------------------------------------------------ 5. files named by a path outside the model's folder
@pytest.mark.parametrize("key, outside", [("index", "../retrieval-v1.npz"), ("index", "{abs}"),
                                          ("vectors", "sub\\vectors-v1.npz")])
def test_metadata_naming_a_file_elsewhere_is_refused(models, key, outside):
    name = {"index": "retrieval-v1.npz", "vectors": "vectors-v1.npz"}[key]
    (models.parent / name).symlink_to(models / name)  # the file is there, beside the folder
    outside = outside.replace("{abs}", str(models.parent / name))
    arrays, meta = read_arrays((models / "learned-v1.npz").read_bytes())
    path = write_arrays(arrays, {**meta, key: outside}, models / "mine.npz")
    file = {"index": "retrieval index", "vectors": "word vectors"}[key]
    with pytest.raises(DataFormatError) as err:
        load_model(path, registry=_registry(models))
    assert str(err.value) == (f"{path}: the model artifact's {key} must name the {file} file beside it, got the "
                              f"path {outside!r}: the metadata names the file alone, {name!r} (a model reads the "
                              "files beside it, pinned by their names in its registry)")
    # the names alone, as exposure train writes them: the files beside it, links here, load as before
    path = write_arrays(arrays, meta, models / "mine.npz")
    model, shipped = load_model(path, registry=_registry(models)), load_model()
    assert model.index.n_tasks == shipped.index.n_tasks and model.vectors.dim == shipped.vectors.dim
    assert (model.coef["free"] == shipped.coef["free"]).all()


# ------------------------------------------------ 6. word vocabularies with a word twice, odd weights
def _damaged(models: Path, name: str, change) -> Path:
    """``models/name`` rewritten with ``change(arrays)`` (the link replaced by a file), all pinned beside it."""
    arrays, meta = read_arrays((models / name).read_bytes())
    (models / name).unlink()
    write_arrays({**arrays, **change(arrays)}, meta, models / name)
    return _registry(models)


def _twice(tokens):
    return np.concatenate([tokens[:1], tokens[:-1]])  # the first word twice, the last gone


@pytest.mark.parametrize("name, array", [("retrieval-v1.npz", "tokens"), ("learned-v1.npz", "task_word_tokens")])
def test_a_word_given_twice_in_a_vocabulary_is_refused(models, name, array):
    registry = _damaged(models, name, lambda arrays: {array: _twice(arrays[array])})
    word = str(read_arrays(shipped_model_path().with_name(name).read_bytes())[0][array][0])
    with pytest.raises(DataFormatError) as err:
        load_model(models / "learned-v1.npz", registry=registry)
    what = "the retrieval index" if name.startswith("retrieval") else "the model artifact"
    assert str(err.value) == (f"{models / name}: {what}'s array {array!r} holds {word!r} twice ({array}[0] and "
                              f"{array}[1]): each word is one token, and the terms of one of them were never read "
                              "(the artifact is damaged)")


@pytest.mark.parametrize("change, said", [
    (lambda idf: idf[:-1], "has 29271 weights for 29272 terms"),
    (lambda idf: idf * float("nan"), "must hold finite numbers above 0, got float64 of shape (29272,)"),
    (lambda idf: idf.reshape(1, -1), "must hold finite numbers above 0, got float64 of shape (1, 29272)"),
], ids=["short", "nan", "2-d"])
def test_the_learned_models_word_weights_are_checked(models, change, said):
    registry = _damaged(models, "learned-v1.npz", lambda arrays: {"task_word_idf": change(arrays["task_word_idf"])})
    with pytest.raises(DataFormatError) as err:
        load_model(models / "learned-v1.npz", registry=registry)
    assert str(err.value) == f"{models / 'learned-v1.npz'}: the model artifact's array 'task_word_idf' {said}"


@pytest.mark.parametrize("name, array, words", [("retrieval-v1.npz", "codes", "tokens"),
                                                ("learned-v1.npz", "task_word_codes", "task_word_tokens")])
def test_a_term_code_of_no_term_is_refused(models, name, array, words):
    registry = _damaged(models, name, lambda arrays: {array: -arrays[array]})
    shipped = read_arrays(shipped_model_path().with_name(name).read_bytes())[0]
    what = "the retrieval index" if name.startswith("retrieval") else "the model artifact"
    with pytest.raises(DataFormatError) as err:
        load_model(models / "learned-v1.npz", registry=registry)
    assert str(err.value) == (f"{models / name}: {what}'s array {array!r} holds {-int(shipped[array][0])} "
                              f"({array}[0]), the code of no term of 1 to 2 of its {len(shipped[words])} words: no "
                              "text would ever reach its column (the artifact is damaged)")
