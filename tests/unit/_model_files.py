"""Helpers of the tests of ``exposure score --model``: a pinned copy of the shipped model, a tasks file."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from exposure.scoring import learned
from exposure.scoring.learned import shipped_model_path


def sha256_of(path: Path) -> str:
    """The sha256 of the file's bytes, in hex (as a registry line pins it)."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def own_model(models: Path, *, leave_out: str | None = None) -> Path:
    """``models/m.npz``: a copy of the shipped model, pinned in ``models/registry.txt`` with the files beside it.

    Parameters
    ----------
    models : Path
        The folder of the ``models`` fixture (links to the shipped model, its retrieval
        index and word vectors); the link of the shipped model is taken out.
    leave_out : str, optional
        The name of a file beside the model that the registry does not pin.

    Returns
    -------
    Path
        The model's copy.
    """
    model = models / "m.npz"
    shutil.copyfile(shipped_model_path(), model)
    (models / learned.MODEL_NAME).unlink()
    lines = [f"{p.name} {sha256_of(p)}" for p in sorted(models.iterdir()) if p.suffix == ".npz" and p.name != leave_out]
    (models / "registry.txt").write_text("\n".join(lines) + "\n")
    return model


def tasks_file(tmp_path: Path) -> Path:
    """``tmp_path / "in.csv"``: a tasks file of one task (its ``task`` column), for ``exposure score``."""
    src = tmp_path / "in.csv"
    src.write_text("task\nWeld steel pipes on site.\n", encoding="utf-8")
    return src
