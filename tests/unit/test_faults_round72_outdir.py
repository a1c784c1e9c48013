"""Fault round 72: output writers and pinned artifacts (``exposure._io``).

1. A model artifact of one's own given by its path (``score_tasks(df,
   model="models/m.npz")``, ``load_model("models/m.npz")``, a copy of the shipped model
   under another name) whose name the registry read does not pin raised a bare
   ``ExposureError``: ``model artifact 'm.npz' is not listed in the model registry``,
   naming no folder and giving no advice (``exposure train --out models/m.npz`` pins the
   model in ``models/registry.txt``, which is not the shipped registry read by default).
   Now a ``DataFormatError`` naming the file; when the ``registry.txt`` beside it pins
   it, the message names that registry and the call that loads it (``load_model(path,
   registry='models/registry.txt')``), else it gives the registry line that pins the file
   (its name and sha256; a new name for a name holding a space or ``#``, which a registry
   line cannot hold). Following the advice loads the model.
2. A frame with a sparse column (``pd.arrays.SparseArray``, ``pd.SparseDtype``: a
   ``get_dummies(..., sparse=True)`` or a ``scipy.sparse`` matrix made a frame) given to
   the Parquet or Stata writers (``write_parquet``, ``write_stata``, ``check_stata``,
   ``write_frame`` to ``.parquet`` / ``.dta``) failed from inside: pyarrow's ``TypeError:
   Sparse pandas data (column x) not supported``, pandas' ``AttributeError: 'SparseDtype'
   object has no attribute 'itemsize'``, while ``.csv`` and ``.xlsx`` wrote the values.
   Now the column is written as the dense values it stands for (NaN as missing, the fill
   value as itself), read back unchanged.
3. ``exposure train --out "models/my model.npz"`` (``train_and_save(labels, out=...)``, a
   name holding a space or ``#``) trained for minutes, then pinned the artifact in
   ``models/registry.txt`` by the line ``my model.npz <sha256>``, which the registry reader
   cannot read (``models/registry.txt, row 2: expected 'filename sha256'``): the model was
   never loadable, and a later ``exposure train --out models/other.npz`` was refused on
   that registry. Refused now before any work (``check_train_output``), one line, exit 2:
   ``models/my model.npz: cannot write: the artifact is pinned in registry.txt beside it
   by a line 'name sha256', which cannot hold a name with a space or '#' (...); give a name
   without them, e.g. my_model.npz``. Nothing is made.
4. A model retrained under the shipped model's name (``exposure train --out
   models/learned-v1.npz``: the default name) and given by its path
   (``score_tasks(df, model="models/learned-v1.npz")``, ``load_model(path)``) was refused
   as a download is: ``sha256 mismatch for learned-v1.npz (read from
   models/learned-v1.npz): expected ..., got ...; nothing was written to the cache``, with
   no word of the ``models/registry.txt`` beside it that pins it (and of a cache nothing
   is written to when a model is loaded). Now the same ``ChecksumMismatchError`` ends
   ``the registry given pins another model artifact of this name; models/registry.txt
   beside it pins this one: load it with that registry (load_model(path,
   registry='models/registry.txt'), then pass the model)``; a file no registry beside
   pins is said not to be the file pinned (``damaged, edited, or another file given its
   name``), with how to restore or pin it.

The artifacts are copies of the shipped model, its retrieval index and word vectors, in a
folder laid out as ``exposure train`` writes one; the frames are small ones written to
``tmp_path``.
"""

from __future__ import annotations

import hashlib
import io
import pickle
import shutil
import zipfile

import numpy as np
import pandas as pd
import pytest
from test_faults_cli import cli, one_error_line

from exposure import score_tasks
from exposure._io import check_stata, write_parquet, write_stata
from exposure._tables import read_frame, write_frame
from exposure.errors import ChecksumMismatchError, DataFormatError, ExposureError, OutputError
from exposure.scoring._train import check_train_output
from exposure.scoring.learned import load_model, shipped_model_path

TASKS = pd.DataFrame({"task": ["Answer customer emails about billing.", "Weld steel beams."]})


def _own_model(folder, name="m.npz", *, registry=True):
    """A folder as ``exposure train --out folder/name`` leaves it (the shipped model's bytes)."""
    shipped = shipped_model_path().parent
    folder.mkdir(parents=True, exist_ok=True)
    for other in ("retrieval-v1.npz", "vectors-v1.npz"):
        shutil.copyfile(shipped / other, folder / other)
    shutil.copyfile(shipped / "learned-v1.npz", folder / name)
    if registry:
        text = (shipped / "registry.txt").read_text().replace("learned-v1.npz", name)
        (folder / "registry.txt").write_text(text)
    return folder / name


# --------------------------------------------------------------------------- 1: unpinned artifact
def test_1_an_own_model_names_the_registry_beside_it(tmp_path):
    path = _own_model(tmp_path / "models")
    with pytest.raises(DataFormatError) as info:
        score_tasks(TASKS, model=path)
    message = str(info.value)
    assert message.startswith(f"{path}: model artifact 'm.npz' is not listed in the model registry")
    registry = tmp_path / "models" / "registry.txt"
    assert f"load_model(path, registry={str(registry)!r})" in message
    # the advice loads it: the same scores as the shipped model
    model = load_model(path, registry=registry)
    pd.testing.assert_frame_equal(score_tasks(TASKS, model=model), score_tasks(TASKS))


def test_1_an_unpinned_copy_is_given_the_line_that_pins_it(tmp_path):
    path = _own_model(tmp_path / "my models", "mine.npz", registry=False)
    with pytest.raises(DataFormatError) as info:
        load_model(str(path))
    assert isinstance(info.value, ExposureError) and info.value.path == str(path)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    assert f"holding the line 'mine.npz {digest}'" in str(info.value)
    # following it: a registry with that line (and the pins of the files beside it)
    registry = _registry_with(tmp_path / "reg.txt", path.parent, f"mine.npz {digest}")
    assert load_model(path, registry=registry).index is not None


def test_1_a_name_a_registry_cannot_pin_is_given_a_new_name(tmp_path):
    path = _own_model(tmp_path / "models", "my model.npz", registry=False)
    with pytest.raises(DataFormatError) as info:
        load_model(path)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    assert "rename it my_model.npz (a registry line cannot hold a name with a space or '#')" in str(info.value)
    assert f"holding the line 'my_model.npz {digest}'" in str(info.value)
    renamed = path.rename(path.with_name("my_model.npz"))
    registry = _registry_with(tmp_path / "reg.txt", path.parent, f"my_model.npz {digest}")
    assert load_model(renamed, registry=registry).index is not None


def _registry_with(registry, folder, line):
    pins = [f"{n} {hashlib.sha256((folder / n).read_bytes()).hexdigest()}"
            for n in ("retrieval-v1.npz", "vectors-v1.npz")]
    registry.write_text("\n".join([*pins, line]) + "\n")
    return registry


# --------------------------------------------------------------------------- 2: sparse columns
SPARSE = pd.DataFrame({
    "task": ["Weld.", "Plan.", "Type."],
    "share": pd.arrays.SparseArray([np.nan, 0.25, np.nan]),
    "n": pd.arrays.SparseArray([0, 3, 0]),
}, index=[10, 20, 30])


@pytest.mark.parametrize("write", [write_parquet, write_stata], ids=["parquet", "stata"])
def test_2_the_binary_writers_write_a_sparse_column_as_its_values(tmp_path, write):
    path = tmp_path / f"o.{'parquet' if write is write_parquet else 'dta'}"
    write(SPARSE, path)
    back = read_frame(path)
    assert back["share"].tolist()[1] == 0.25 and back["share"].isna().tolist() == [True, False, True]
    assert back["n"].tolist() == [0, 3, 0]
    assert back["task"].tolist() == ["Weld.", "Plan.", "Type."]


@pytest.mark.parametrize("ext", ["parquet", "dta"])
def test_2_write_frame_of_a_sparse_column(tmp_path, ext):
    back = read_frame(write_frame(SPARSE, tmp_path / f"o.{ext}"))
    assert back["n"].tolist() == [0, 3, 0]


def test_2_check_stata_checks_a_sparse_column(tmp_path):
    check_stata(SPARSE, tmp_path / "o.dta")  # no AttributeError
    big = pd.DataFrame({"id": pd.arrays.SparseArray([0, 2**60, 0])})
    with pytest.raises(DataFormatError, match=r"row 3, column 'id'"):
        check_stata(big, tmp_path / "o.dta")


# --------------------------------------------------------------------------- 3: train --out name
@pytest.mark.parametrize(("name", "instead"), [("my model.npz", "my_model.npz"), ("m#1.npz", "m_1.npz"),
                                               ("a\tb.npz", "a_b.npz")])
def test_3_an_artifact_name_no_registry_line_holds_is_refused(tmp_path, name, instead):
    out = tmp_path / "new" / name
    with pytest.raises(OutputError) as info:
        check_train_output(out)
    # round 79: a path holding a control character (the tab) is shown by its repr (errors.quoted_path)
    shown = repr(str(out)) if "\t" in name else str(out)
    assert str(info.value).startswith(f"{shown}: cannot write: the artifact is pinned in registry.txt")
    assert str(info.value).endswith(f"give a name without them, e.g. {instead}")
    assert not (tmp_path / "new").exists()


def test_3_train_refuses_it_before_reading_the_labels(tmp_path, capsys):
    empty = tmp_path / "empty"  # a mirror and a cache without the labels: refused before them
    empty.mkdir()
    code, _, err = cli(capsys, "train", "--mirror", empty, "--data-dir", empty, "--out",
                       tmp_path / "my model.npz")
    assert code == 2
    line = one_error_line(err, command="train")
    assert "cannot hold a name with a space or '#'" in line and "my_model.npz" in line


# --------------------------------------------------------------------------- 4: retrained model
def _retrained(folder):
    """``exposure train --out folder/learned-v1.npz`` as it leaves the folder: other bytes, pinned beside."""
    path = _own_model(folder, "learned-v1.npz", registry=False)
    buf = io.BytesIO(path.read_bytes())
    with zipfile.ZipFile(buf, "a") as archive:  # the same arrays, other bytes
        archive.comment = b"retrained"
    path.write_bytes(buf.getvalue())
    digest = hashlib.sha256(buf.getvalue()).hexdigest()
    _registry_with(folder / "registry.txt", folder, f"learned-v1.npz {digest}")
    return path, digest


def test_4_a_retrained_model_names_the_registry_beside_it(tmp_path):
    path, digest = _retrained(tmp_path / "models")
    registry = tmp_path / "models" / "registry.txt"
    with pytest.raises(ChecksumMismatchError) as info:
        score_tasks(TASKS, model=str(path))
    message = str(info.value)
    assert message.startswith(f"sha256 mismatch for learned-v1.npz (read from {path}): expected ")
    assert f"got {digest}: the registry given pins another model artifact of this name; {registry} " \
           f"beside it pins this one: load it with that registry (load_model(path, registry={str(registry)!r})" \
           in message
    assert "cache" not in message
    assert str(pickle.loads(pickle.dumps(info.value))) == message
    model = load_model(path, registry=registry)  # the advice loads it
    pd.testing.assert_frame_equal(score_tasks(TASKS, model=model), score_tasks(TASKS))


def test_4_a_changed_file_pinned_nowhere_is_said_so(tmp_path):
    path, _ = _retrained(tmp_path / "models")
    (tmp_path / "models" / "registry.txt").unlink()
    with pytest.raises(ChecksumMismatchError) as info:
        load_model(path)
    message = str(info.value)
    assert "the file is not the model artifact the registry pins under its name" in message
    assert "cache" not in message
