"""Round 77: model loading and the distributed runners (``exposure.scoring.learned``, ``exposure.dask``).

1. ``exposure.dask`` imported ``_load_model`` and ``_absolute``, private names of
   ``exposure.spark``, a module of its own layer. The loader and its path rule live in
   ``exposure.scoring.learned`` now, which both runners import: ``load_model_at(path,
   registry, call=...)`` and ``runner_path(location)`` (same behaviour, same words).
2. ``read_registry`` (and so ``load_model(registry=...)``) took a line whose sha256 is 64
   characters that are no hex digits (``learned-v1.npz zzzz...``) as a pin: the model was then
   refused as ``sha256 mismatch for learned-v1.npz (...): expected zzzz..., got 95de...``,
   the registry's line unnamed. Now: ``registry.txt, row 1: expected 'filename sha256', got
   'zzzzzzzzzzzz...' for the sha256, which is 64 hexadecimal digits``.
3. A registry line naming the file by its path (``models/learned-v1.npz <sha256>``) was read,
   and the model then ``is not listed in the model registry``. Now: ``registry.txt, row 1:
   expected 'filename sha256', got the path 'models/learned-v1.npz': a line names the file
   alone, 'learned-v1.npz'``.
4. A registry line written as ``sha256sum`` writes it (``<sha256>  learned-v1.npz``) was told
   ``row 1: expected 'filename sha256'`` only. Now: ``... expected 'filename sha256', got the
   sha256 first (as sha256sum writes it): write the file name first``.
5. A registry pinning one file twice with different sha256 (a line added for a retrained
   model, the old one left) was read with the last line, without a word: the model the first
   line pins was refused as a ``sha256 mismatch``. Now: ``registry.txt, row 3: learned-v1.npz
   is pinned twice with different sha256 (row 1 and this row): keep the one line of the file``.
   The same line twice is still read.
6. ``load_model(path)`` of a directory (the folder of the model, not the model) said
   ``DIR: model artifact not found``, of a directory that is there. Now: ``DIR: is a
   directory, not a file: give the model artifact in it, 'DIR/learned-v1.npz'`` (``give the
   model artifact's file (.npz)`` when it holds no ``learned-v1.npz``); ``/dev/null`` is
   ``is not a regular file (a device, pipe or socket); ...`` (was ``not found``). So say
   ``exposure.dask.score`` and ``exposure.spark.score_batches`` of such a ``model_path``.
7. A pinned artifact whose ``metadata.json`` is not a JSON object (an array, a string, null: a
   file of another tool) raised ``AttributeError: 'list' object has no attribute 'get'``
   (``TypeError: argument of type 'NoneType' is not iterable``). Now: ``PATH: not a model
   artifact: its metadata.json is an array, not an object of names and values (as the library
   writes it)``.
8. An artifact whose metadata names its retrieval index or word vectors by something other than
   a text (``"index": 5``) raised ``TypeError: unsupported operand type(s) for /: 'PosixPath'
   and 'int'``. Now: ``PATH: the model artifact's index must name the retrieval index file
   beside it, got int 5``.
9. ``exposure.dask.score`` of a frame with a partition that is no DataFrame (a task of
   ``dd.from_delayed`` that returned None, a Series) raised ``AttributeError: 'Series' object
   has no attribute 'columns'`` (``TypeError: 'NoneType' object is not subscriptable``, ...),
   naming no partition. Now: ``ddf.partitions[1]: is a Series, not a pandas DataFrame: every
   partition must be a frame of ddf's columns (its meta, ddf.columns)``.
10. ``load_model("s3://bucket/models/learned-v1.npz")`` (a cluster's store, given as ``model_path=``
   to ``exposure.spark.score`` or ``exposure.dask.score``; ``registry="hdfs://..."`` too) was read as
   the relative path ``s3:/bucket/...``: ``s3:/bucket/models/learned-v1.npz: model artifact not
   found``, and the runners, which make their paths absolute, named a file never given
   (``/cwd/s3:/bucket/models/learned-v1.npz: model artifact not found``; ``InputError:
   /cwd/hdfs:/nn/registry.txt: cannot read: No such file or directory``). Now, as ``--mirror``
   refuses a URL: ``s3://bucket/models/learned-v1.npz: is a URL, not a file path: the model
   artifact is read from a local file; copy it, with the files beside it, to a local directory
   (on a cluster, one that the driver and every worker read)``; a ``file://`` URL: ``... is a
   file:// URL, not a file path: give the model artifact itself, '/models/learned-v1.npz'``.
"""

import ast
import hashlib
import io
import os
import zipfile
from pathlib import Path

import dask
import dask.dataframe as dd
import pandas as pd
import pytest

from exposure import dask as xd
from exposure import spark as xs
from exposure._io import read_arrays, write_arrays
from exposure.errors import ChecksumMismatchError, DataFormatError
from exposure.scoring import learned
from exposure.scoring.learned import load_model, read_registry

SRC = Path(learned.__file__).resolve().parents[1]
TEXTS = pd.DataFrame({"task": ["Answer telephones and relay messages.", "Operate a forklift to move pallets.",
                               "File records and documents.", "Lay bricks to build walls."],
                      "onetsoc_code": ["43-4171.00", "53-7051.00", "43-4171.00", "47-2021.00"]})


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _registry(folder: Path, lines: list[str]) -> Path:
    registry = folder / "registry.txt"
    registry.write_text("".join(line + "\n" for line in lines))
    return registry


def _pins(folder: Path, **extra) -> list[str]:
    """The lines pinning the shipped files beside the model (not the model), and ``extra``."""
    names = {p.name: _digest(p) for p in folder.glob("*.npz") if p.name != "learned-v1.npz"}
    return [f"{name} {digest}" for name, digest in {**names, **extra}.items()]


# ------------------------------------------------ 1. one loader, in exposure.scoring.learned
def test_no_module_imports_private_names_of_the_spark_runner():
    bad = []
    for path in sorted((SRC).rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module == "exposure.spark":
                bad += [f"{path.name} imports {a.name}" for a in node.names if a.name.startswith("_")]
    assert not bad


def test_both_runners_load_with_the_loader_of_learned():
    assert xd.load_model_at is learned.load_model_at and xs.load_model_at is learned.load_model_at
    assert xd.runner_path is learned.runner_path and xs.runner_path is learned.runner_path
    assert learned.runner_path("~nosuchuser77/m.npz") == "~nosuchuser77/m.npz"
    assert learned.runner_path("m/x.npz") == os.path.join(os.getcwd(), "m", "x.npz")


# ------------------------------------------------ 2-5. registry lines that are wrong
def test_a_registry_sha256_of_no_hex_digits_is_refused_naming_its_row(models):
    registry = _registry(models, [f"learned-v1.npz {'z' * 64}", *_pins(models)])
    with pytest.raises(DataFormatError) as err:
        load_model(models / "learned-v1.npz", registry=registry)
    assert not isinstance(err.value, ChecksumMismatchError)
    assert str(err.value) == (f"{registry}, row 1: expected 'filename sha256', got 'zzzzzzzzzzzz...' for the "
                              "sha256, which is 64 hexadecimal digits")


def test_a_registry_line_naming_a_path_is_refused(models):
    registry = _registry(models, [f"models/learned-v1.npz {_digest(models / 'learned-v1.npz')}", *_pins(models)])
    with pytest.raises(DataFormatError) as err:
        load_model(models / "learned-v1.npz", registry=registry)
    assert str(err.value) == (f"{registry}, row 1: expected 'filename sha256', got the path "
                              "'models/learned-v1.npz': a line names the file alone, 'learned-v1.npz'")


def test_a_registry_line_of_sha256sum_is_told_the_order(models):
    registry = _registry(models, [f"{_digest(models / 'learned-v1.npz')}  learned-v1.npz"])
    with pytest.raises(DataFormatError) as err:
        read_registry(registry)
    assert str(err.value) == (f"{registry}, row 1: expected 'filename sha256', got the sha256 first (as "
                              "sha256sum writes it): write the file name first")


def test_a_file_pinned_twice_with_different_sha256_is_refused(models):
    right = _digest(models / "learned-v1.npz")
    registry = _registry(models, [f"learned-v1.npz {right}", *_pins(models)[:1], f"learned-v1.npz {'a' * 64}"])
    with pytest.raises(DataFormatError) as err:
        load_model(models / "learned-v1.npz", registry=registry)
    assert str(err.value) == (f"{registry}, row 3: learned-v1.npz is pinned twice with different sha256 "
                              "(row 1 and this row): keep the one line of the file")
    # the same pin twice (either case) is read, as before
    registry = _registry(models, [f"learned-v1.npz {right}", *_pins(models), f"learned-v1.npz {right.upper()}"])
    assert read_registry(registry)["learned-v1.npz"] == right
    assert load_model(models / "learned-v1.npz", registry=registry).index.n_tasks > 0


# ------------------------------------------------ 6. a directory given for the model
def test_a_directory_is_named_as_one(models):
    with pytest.raises(DataFormatError) as err:
        load_model(models)
    assert str(err.value) == (f"{models}: is a directory, not a file: give the model artifact in it, "
                              f"'{models / 'learned-v1.npz'}'")
    empty = models.parent / "empty.npz"
    empty.mkdir()
    with pytest.raises(DataFormatError) as err:
        load_model(empty)
    assert str(err.value) == f"{empty}: is a directory, not a file: give the model artifact's file (.npz)"


@pytest.mark.skipif(not os.path.exists("/dev/null"), reason="needs /dev/null")
def test_a_device_is_named_as_one():
    with pytest.raises(DataFormatError, match=r"^/dev/null: is not a regular file \(a device\)"):
        load_model("/dev/null")


@pytest.mark.parametrize("run", ["dask", "score_batches"])
def test_the_runners_name_a_directory_too(models, run):
    with pytest.raises(DataFormatError) as err:
        if run == "dask":
            xd.score(dd.from_pandas(TEXTS, npartitions=2), model_path=models).compute(scheduler="sync")
        else:
            list(xs.score_batches([TEXTS], model_path=models))
    assert str(err.value).startswith(f"{models}: is a directory, not a file")


# ------------------------------------------------ 7-8. metadata of another tool
def _pinned(folder: Path, name: str, data: bytes) -> tuple[Path, Path]:
    path = folder / name
    path.write_bytes(data)
    return path, _registry(folder, _pins(folder, **{name: _digest(path)}))


@pytest.mark.parametrize("metadata, kind", [("[1, 2]", "an array"), ('"model"', "a string"), ("null", "null"),
                                            ("3", "a number")])
def test_metadata_that_is_no_object_is_refused(models, metadata, kind):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("metadata.json", metadata)
    path, registry = _pinned(models, "other.npz", buffer.getvalue())
    with pytest.raises(DataFormatError) as err:
        load_model(path, registry=registry)
    assert str(err.value) == (f"{path}: not a model artifact: its metadata.json is {kind}, not an object of "
                              "names and values (as the library writes it)")


@pytest.mark.parametrize("key, value, file, shown", [("index", 5, "retrieval index", "int 5"),
                                                     ("vectors", ["vectors-v1.npz"], "word vectors",
                                                      "list ['vectors-v1.npz']")])
def test_metadata_naming_its_files_by_no_text_is_refused(models, tmp_path, key, value, file, shown):
    arrays, meta = read_arrays((models / "learned-v1.npz").read_bytes())
    written = write_arrays(arrays, {**meta, key: value}, tmp_path / "m.npz")
    path, registry = _pinned(models, "mine.npz", written.read_bytes())
    with pytest.raises(DataFormatError) as err:
        load_model(path, registry=registry)
    assert str(err.value) == f"{path}: the model artifact's {key} must name the {file} file beside it, got {shown}"


# ------------------------------------------------ 9. a partition that is no frame
@pytest.mark.parametrize("method", ["learned", "rubric"])
@pytest.mark.parametrize("bad, kind", [(TEXTS.iloc[2:]["task"], "a Series"), (None, "None"),
                                       (TEXTS.iloc[2:].to_dict("list"), "a dict")], ids=["Series", "None", "dict"])
def test_a_partition_that_is_no_frame_is_named(method, bad, kind):
    ddf = dd.from_delayed([dask.delayed(TEXTS.iloc[:2]), dask.delayed(bad)], meta=TEXTS.iloc[:0], verify_meta=False)
    with pytest.raises(DataFormatError) as err:
        xd.score(ddf, method).compute(scheduler="sync")
    assert str(err.value) == (f"ddf.partitions[1]: is {kind}, not a pandas DataFrame: every partition must be a "
                              "frame of ddf's columns (its meta, ddf.columns)")


# ------------------------------------------------ 10. a URL given for the model or its registry
URL_RUNS = {
    "load_model": lambda model_path, registry: load_model(model_path, registry=registry),
    "dask": lambda model_path, registry: xd.score(dd.from_pandas(TEXTS, npartitions=2), model_path=model_path,
                                                  registry=registry).compute(scheduler="sync"),
    "score_batches": lambda model_path, registry: list(xs.score_batches([TEXTS], model_path=model_path,
                                                                        registry=registry)),
}


@pytest.mark.parametrize("run", sorted(URL_RUNS))
def test_a_url_is_named_as_given(run):
    with pytest.raises(DataFormatError) as err:
        URL_RUNS[run]("s3://bucket/models/learned-v1.npz", None)
    assert str(err.value) == ("s3://bucket/models/learned-v1.npz: is a URL, not a file path: the model artifact "
                              "is read from a local file; copy it, with the files beside it, to a local directory "
                              "(on a cluster, one that the driver and every worker read)")
    with pytest.raises(DataFormatError) as err:
        URL_RUNS[run](None, "hdfs://nn/models/registry.txt")
    assert str(err.value).startswith("hdfs://nn/models/registry.txt: is a URL, not a file path: the registry is "
                                     "read from a local file; copy it to a local directory")


def test_a_file_url_is_told_its_path(models):
    url = (models / "learned-v1.npz").as_uri()
    with pytest.raises(DataFormatError) as err:
        load_model(url)
    assert str(err.value) == (f"{url}: is a file:// URL, not a file path: give the model artifact itself, "
                              f"'{models / 'learned-v1.npz'}'")
