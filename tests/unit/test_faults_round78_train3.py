"""Round 78 (train3): ``exposure train --out`` under the transformer's name, ``exposure score --model`` and its registry.

1. ``exposure train --out m/transformer-v1.npz`` (no file there yet) was not refused by its
   name (only ``registry.txt``, ``vectors-v1.npz`` and ``retrieval-v1.npz`` were): the learned
   model was written and pinned under the fine-tuned transformer's file name, and later read
   as the transformer (``--method transformer --model``: ``not a transformer artifact``). Now:
   ``m/transformer-v1.npz: cannot write: transformer-v1.npz is the name of the fine-tuned
   transformer's artifact (method 'transformer'), not of a learned model: exposure score
   --method transformer --model would read it as one; give the artifact another name, e.g.
   learned-v1.npz``, before anything is read or written. (A transformer artifact already
   there keeps its message: ``it is a transformer artifact (method 'transformer') ...``.)
2. ``exposure score --model m/registry.txt`` for a registry that pins no model (empty, of
   comments only, or pinning only the word vectors and the retrieval index) was told
   ``--model: is the registry that pins the models beside it, not a model``. Now:
   ``--model: is a registry.txt (the registry exposure train writes beside a model), not a
   model, and it pins no model (only vectors-v1.npz): give the model's file (exposure train
   --labels FILE --out PATH writes one, with its registry beside it)`` (``(it is empty, or
   holds only comments)`` for a registry of no line).
3. ``exposure score --model m/m.npz`` beside a directory named ``registry.txt`` was advised
   ``... or pin it in m/registry.txt with the line 'm.npz <sha256>'``, a file that cannot be
   written while the directory holds the name. Now: ``m/m.npz: --model: no registry pins it:
   the registry.txt beside it (m/registry.txt) is a directory, not a registry (exposure train
   --out writes the registry as a file beside the model it trains); move m/registry.txt away,
   then pin the model in a file m/registry.txt with the line 'm.npz <sha256>', with the lines
   of the files beside it``. A copy of the shipped model under its own name, which the
   package's registry pins, is still read there.
4. ``exposure train --out PACKAGE/data/processed/m.npz`` (any folder of the installed
   package but its models folder) was not refused: the model and a ``registry.txt`` were
   written among the shipped tables. Now: ``refusing to write PACKAGE/data/processed/m.npz:
   it is inside the installed package PACKAGE, whose own files it would replace; choose a
   directory outside it``, before anything is read. The models folder (the default ``--out``,
   the shipped model's) stays allowed.
"""

from __future__ import annotations

import hashlib
import shutil

import pytest

from exposure._outdir import OutputPathError
from exposure.cli import main
from exposure.cli._evaluate import check_artifact_place
from exposure.errors import OutputError
from exposure.scoring._train import check_train_output
from exposure.scoring.learned import shipped_model_path

VECTORS_SHA = "33cad9cd7d1acf81c9e6d6db534f594d2e97e60044bb6978e3fe1add87895064"


def _tasks(tmp_path):
    path = tmp_path / "tasks.csv"
    path.write_text("task\nWrite reports for the board.\n", encoding="utf-8")
    return path


# 1. the transformer's file name ------------------------------------------------------------------

def test_train_refuses_the_transformers_name(tmp_path):
    out = tmp_path / "m" / "transformer-v1.npz"
    out.parent.mkdir()
    with pytest.raises(OutputError) as info:
        check_train_output(out)
    assert str(info.value) == (
        f"{out}: cannot write: transformer-v1.npz is the name of the fine-tuned transformer's artifact "
        "(method 'transformer'), not of a learned model: exposure score --method transformer --model would "
        "read it as one; give the artifact another name, e.g. learned-v1.npz")
    assert list(out.parent.iterdir()) == []
    assert check_train_output(tmp_path / "m" / "learned-v1.npz").name == "learned-v1.npz"


def test_exposure_train_refuses_the_transformers_name(tmp_path, capsys, bare_env):
    (tmp_path / "mirror").mkdir()  # refused before the labels (none there) are looked for
    out = tmp_path / "transformer-v1.npz"
    args = ["train", "--mirror", str(tmp_path / "mirror"), "--labels", str(tmp_path / "none.csv"), "--out", str(out)]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert f"{out}: cannot write: transformer-v1.npz is the name of the fine-tuned transformer's" in err, err
    assert not out.exists()


# 2. a registry pinning no model given as --model -------------------------------------------------

@pytest.mark.parametrize(("text", "what"), [
    (f"# mine\nvectors-v1.npz {VECTORS_SHA}\n", "only vectors-v1.npz"),
    ("# mine\n", "it is empty, or holds only comments"),
])
def test_registry_of_no_model_given_as_model(tmp_path, capsys, text, what):
    registry = tmp_path / "m" / "registry.txt"
    registry.parent.mkdir()
    registry.write_text(text)
    out = tmp_path / "o.csv"
    assert main(["score", str(_tasks(tmp_path)), "-o", str(out), "--model", str(registry)]) == 2
    assert capsys.readouterr().err.strip() == (
        f"exposure score: error: {registry}: --model: is a registry.txt (the registry exposure train writes "
        f"beside a model), not a model, and it pins no model ({what}): give the model's file (exposure train "
        "--labels FILE --out PATH writes one, with its registry beside it)")
    assert not out.exists()


# 3. a directory named registry.txt beside the model ----------------------------------------------

def test_directory_named_registry_beside_the_model(tmp_path, capsys):
    folder = tmp_path / "m"
    (folder / "registry.txt").mkdir(parents=True)
    model = folder / "m.npz"
    shutil.copyfile(shipped_model_path(), model)
    digest = hashlib.sha256(model.read_bytes()).hexdigest()
    out = tmp_path / "o.csv"
    assert main(["score", str(_tasks(tmp_path)), "-o", str(out), "--model", str(model)]) == 2
    assert capsys.readouterr().err.strip() == (
        f"exposure score: error: {model}: --model: no registry pins it: the registry.txt beside it "
        f"({folder / 'registry.txt'}) is a directory, not a registry (exposure train --out writes the registry "
        f"as a file beside the model it trains); move {folder / 'registry.txt'} away, then pin the model in a "
        f"file {folder / 'registry.txt'} with the line 'm.npz {digest}', with the lines of the files beside it")
    assert not out.exists()
    # the shipped model under its own name (with its index and vectors) is pinned by the package: read
    shipped = shipped_model_path().parent
    for name in ("learned-v1.npz", "retrieval-v1.npz", "vectors-v1.npz"):
        shutil.copyfile(shipped / name, folder / name)
    assert main(["score", str(_tasks(tmp_path)), "-o", str(out), "--model", str(folder / "learned-v1.npz")]) == 0
    assert out.exists()


# 4. --out inside the installed package, outside its models folder --------------------------------

def test_train_refuses_a_package_folder_other_than_models(tmp_path, bare_env):
    models = shipped_model_path().parent
    package = models.parent.parent
    for out in (package / "data" / "processed" / "m.npz", package / "m.npz"):
        with pytest.raises(OutputPathError) as info:
            check_artifact_place(str(out), mirror=tmp_path)
        assert str(info.value) == (f"refusing to write {out}: it is inside the installed package {package}, "
                                   "whose own files it would replace; choose a directory outside it")
        assert not out.exists()
    check_artifact_place(str(models / "learned-v1.npz"), mirror=tmp_path)  # the shipped model: retrained
    check_artifact_place(None, mirror=tmp_path)
